/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libskb nonlinear data: byte access at any offset across the segment chain,
 * iovec copies, frags, pulls, trims, linearize and split.
 */

#include <sys/uio.h>

#include <rte_malloc.h>

#include "skb_priv.h"

/* Debug build: count a write into data a clone shares (the caller skipped skb_cow_head). */
static inline void
skb_debug_write(const struct sk_buff *skb, const char *call)
{
#ifdef SKB_DEBUG
	if (skb_cloned(skb))
		__skb_misuse(SKB_MISUSE_SHARED_WRITE, call, skb);
#else
	RTE_SET_USED(skb);
	RTE_SET_USED(call);
#endif
}

/* True when [@offset, @offset + @len) lies within the data of @skb. */
static inline bool
skb_range_ok(const struct sk_buff *skb, int offset, int len)
{
	return offset >= 0 && len >= 0 &&
	       (uint64_t)offset + (uint64_t)len <= skb_len(skb);
}

/*
 * Walk the bytes [@offset, @offset + @len) of @skb's data segment by segment,
 * calling @fn(seg_ptr, n, arg) for each piece in order.
 */
typedef void (*skb_piece_fn)(void *p, unsigned int n, void *arg);

static void
skb_walk(const struct sk_buff *skb, unsigned int offset, unsigned int len,
	 skb_piece_fn fn, void *arg)
{
	const struct rte_mbuf *m = &skb->mbuf;

	while (m != NULL && offset >= m->data_len) {
		offset -= m->data_len;
		m = m->next;
	}
	while (len > 0 && m != NULL) {
		unsigned int n = RTE_MIN(len, (unsigned int)m->data_len - offset);

		fn(rte_pktmbuf_mtod_offset(m, char *, offset), n, arg);
		len -= n;
		offset = 0;
		m = m->next;
	}
}

struct skb_cursor {
	char *p;
};

static void
skb_piece_read(void *p, unsigned int n, void *arg)
{
	struct skb_cursor *c = arg;

	memcpy(c->p, p, n);
	c->p += n;
}

static void
skb_piece_write(void *p, unsigned int n, void *arg)
{
	struct skb_cursor *c = arg;

	memcpy(p, c->p, n);
	c->p += n;
}

int
skb_copy_bits(const struct sk_buff *skb, int offset, void *to, int len)
{
	struct skb_cursor c = { .p = to };

	if (unlikely(!skb_range_ok(skb, offset, len)))
		return -EFAULT;
	skb_walk(skb, (unsigned int)offset, (unsigned int)len, skb_piece_read, &c);
	return 0;
}

int
skb_store_bits(struct sk_buff *skb, int offset, const void *from, int len)
{
	struct skb_cursor c = { .p = (char *)(uintptr_t)from };

	if (unlikely(!skb_range_ok(skb, offset, len)))
		return -EFAULT;
	skb_debug_write(skb, __func__);
	skb_walk(skb, (unsigned int)offset, (unsigned int)len, skb_piece_write, &c);
	return 0;
}

/* ---------------------------------------------------------------- frags */

static inline struct rte_mbuf *
skb_last_seg(struct rte_mbuf *m)
{
	while (m->next != NULL)
		m = m->next;
	return m;
}

int
skb_append_frag(struct sk_buff *skb, struct sk_buff *frag)
{
	struct rte_mbuf *head = &skb->mbuf, *f = &frag->mbuf;

	if (unlikely(frag == NULL || frag == skb || skb_shared(frag)))
		return -EINVAL;
	if (unlikely(skb_nr_frags(skb) + f->nb_segs > MAX_SKB_FRAGS))
		return -EOVERFLOW;
	if (unlikely((uint64_t)head->pkt_len + f->pkt_len > UINT32_MAX))
		return -EOVERFLOW;
	skb_last_seg(head)->next = f;
	head->nb_segs = (uint16_t)(head->nb_segs + f->nb_segs);
	head->pkt_len += f->pkt_len;
	/* the frag is a segment now: its own skb fields mean nothing any more */
	f->pkt_len = f->data_len;
	f->nb_segs = 1;
	return 0;
}

/* What an ext frag's release needs, kept in the cb of a pool mbuf that also holds the shinfo. */
struct skb_ext_frag_ctx {
	void (*release)(void *addr, void *opaque);
	void *opaque;
};

static void
skb_ext_frag_release(void *addr, void *opaque)
{
	struct rte_mbuf *holder = opaque;
	struct sk_buff *h = __skb_from_mbuf(holder);
	struct skb_ext_frag_ctx ctx;

	memcpy(&ctx, h->cb, sizeof(ctx));
	h->data_shinfo.free_cb = NULL;
	ctx.release(addr, ctx.opaque);
	rte_pktmbuf_free_seg(holder);
}

int
skb_add_ext_frag(struct sk_buff *skb, void *addr, unsigned int len,
		 void (*release)(void *addr, void *opaque), void *opaque)
{
	struct rte_mbuf *head = &skb->mbuf, *f, *holder;
	struct rte_mbuf_ext_shared_info *sh;
	struct skb_ext_frag_ctx ctx = { .release = release, .opaque = opaque };
	rte_iova_t iova;

	if (unlikely(addr == NULL || release == NULL || len == 0 || len > UINT16_MAX))
		return -EINVAL;
	if (unlikely(skb_nr_frags(skb) + 1 > MAX_SKB_FRAGS))
		return -EOVERFLOW;
	f = rte_pktmbuf_alloc(head->pool);
	if (unlikely(f == NULL))
		return -ENOMEM;
	/* the shinfo must outlive the frag mbuf while clones share it: a second mbuf holds it */
	holder = rte_pktmbuf_alloc(head->pool);
	if (unlikely(holder == NULL)) {
		rte_pktmbuf_free(f);
		return -ENOMEM;
	}
	memcpy(__skb_from_mbuf(holder)->cb, &ctx, sizeof(ctx));
	sh = &__skb_from_mbuf(holder)->data_shinfo;
	sh->free_cb = skb_ext_frag_release;
	sh->fcb_opaque = holder;
	rte_mbuf_ext_refcnt_set(sh, 1);
	iova = rte_eal_iova_mode() == RTE_IOVA_VA ? (rte_iova_t)(uintptr_t)addr :
						    rte_mem_virt2iova(addr);
	rte_pktmbuf_attach_extbuf(f, addr, iova, (uint16_t)len, sh);
	f->data_len = (uint16_t)len;
	f->pkt_len = len;
	skb_last_seg(head)->next = f;
	head->nb_segs++;
	head->pkt_len += len;
	return 0;
}
