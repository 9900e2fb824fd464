/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libskb nonlinear data: writes at any offset across the segment chain, iovec
 * copies, frags, pskb_pull and split.
 */

#include <sys/uio.h>

#include <rte_malloc.h>

#include "skb_internal.h"

/* True when [@offset, @offset + @len) lies within the data of @skb. */
static inline bool
skb_range_ok(const struct sk_buff *skb, int offset, int len)
{
	return offset >= 0 && len >= 0 &&
	       (uint64_t)offset + (uint64_t)len <= skb_len(skb);
}

struct skb_cursor {
	char *p;
};

static void
skb_piece_write(void *p, unsigned int n, void *arg)
{
	struct skb_cursor *c = arg;

	memcpy(p, c->p, n);
	c->p += n;
}

int
skb_store_bits(struct sk_buff *skb, int offset, const void *from, int len)
{
	struct skb_cursor c = { .p = (char *)(uintptr_t)from };

	if (unlikely(!skb_range_ok(skb, offset, len)))
		return -EFAULT;
	SKB_DEBUG_ENTRY(skb, -EFAULT);
	SKB_DEBUG_WRITE(skb);
	skb_seg_walk(&skb->mbuf, (unsigned int)offset, (unsigned int)len, skb_piece_write, &c);
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
	struct rte_mbuf *head = &skb->mbuf, *f;

	if (unlikely(frag == NULL || frag == skb || skb_shared(frag)))
		return -EINVAL;
	f = &frag->mbuf;
	if (unlikely(skb_nr_frags(skb) + f->nb_segs > MAX_SKB_FRAGS))
		return -EOVERFLOW;
	if (unlikely((uint64_t)head->pkt_len + f->pkt_len > UINT32_MAX))
		return -EOVERFLOW;
	__skb_append_frag(skb, frag);
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

/* ---------------------------------------------------------------- pulls */

void *
pskb_pull(struct sk_buff *skb, unsigned int len)
{
	struct rte_mbuf *head = &skb->mbuf;
	unsigned int rest;

	SKB_DEBUG_ENTRY(skb, NULL);
	if (likely(len <= head->data_len))
		return __skb_pull(skb, len);
	if (unlikely(len > head->pkt_len))
		return NULL;
	rest = len - head->data_len;
	__skb_pull(skb, head->data_len);
	while (rest > 0) {
		struct rte_mbuf *seg = head->next;
		unsigned int take = RTE_MIN(rest, (unsigned int)seg->data_len);

		seg->data_off = (uint16_t)(seg->data_off + take);
		seg->data_len = (uint16_t)(seg->data_len - take);
		head->pkt_len -= take;
		rest -= take;
		if (seg->data_len == 0) {
			head->next = seg->next;
			seg->next = NULL;
			head->nb_segs--;
			rte_pktmbuf_free_seg(seg);
		}
	}
	if (head->next != NULL)
		SKB_ASAN_ROOM(head->next); /* what was pulled from it */
	return skb_data(skb);
}

/* ---------------------------------------------------------------- iovec copies */

struct skb_iov_cursor {
	const struct iovec *iov;
	size_t off; /* into iov[0] */
	bool to_iov;
};

static void
skb_piece_iov(void *p, unsigned int n, void *arg)
{
	struct skb_iov_cursor *c = arg;

	while (n > 0) {
		size_t take = RTE_MIN((size_t)n, c->iov->iov_len - c->off);
		char *base = (char *)c->iov->iov_base + c->off;

		if (c->to_iov)
			memcpy(base, p, take);
		else
			memcpy(p, base, take);
		p = (char *)p + take;
		n -= (unsigned int)take;
		c->off += take;
		if (c->off == c->iov->iov_len) {
			c->iov++;
			c->off = 0;
		}
	}
}

static int
skb_iov_copy(const struct sk_buff *skb, int offset, const struct iovec *iov,
	     int iovcnt, int len, bool to_iov)
{
	struct skb_iov_cursor c = { .iov = iov, .off = 0, .to_iov = to_iov };
	size_t room = 0;
	int i;

	if (iovcnt < 0 || (iovcnt > 0 && iov == NULL))
		return -EINVAL;
	if (!skb_range_ok(skb, offset, len))
		return -EFAULT;
	for (i = 0; i < iovcnt && room < (size_t)len; i++)
		room += iov[i].iov_len;
	if (room < (size_t)len)
		return -EFAULT;
	/* skip empty entries so the cursor always stands on one with room */
	while (len > 0 && c.iov->iov_len == 0)
		c.iov++;
	skb_seg_walk(&skb->mbuf, (unsigned int)offset, (unsigned int)len, skb_piece_iov, &c);
	return 0;
}

int
skb_copy_datagram_iovec(const struct sk_buff *skb, int offset,
			const struct iovec *iov, int iovcnt, int len)
{
	SKB_DEBUG_ENTRY(skb, -EFAULT);
	return skb_iov_copy(skb, offset, iov, iovcnt, len, true);
}

int
skb_copy_datagram_from_iovec(struct sk_buff *skb, int offset,
			     const struct iovec *iov, int iovcnt, int len)
{
	SKB_DEBUG_ENTRY(skb, -EFAULT);
	SKB_DEBUG_WRITE(skb);
	return skb_iov_copy(skb, offset, iov, iovcnt, len, false);
}

/* ---------------------------------------------------------------- split */

int
skb_split(struct sk_buff *skb, struct sk_buff *skb1, unsigned int len)
{
	struct rte_mbuf *head = &skb->mbuf, *h1 = &skb1->mbuf, *prev, *m, *moved;
	unsigned int pos, off, nmoved = 0, bytes;

	SKB_DEBUG_ENTRY(skb, -EINVAL);
	SKB_DEBUG_ENTRY(skb1, -EINVAL);
	if (skb1 == skb || len > head->pkt_len || skb_is_nonlinear(skb1))
		return -EINVAL;
	if (len == head->pkt_len)
		return 0;
	if (len < head->data_len) {
		unsigned int move = head->data_len - len;

		if ((unsigned int)skb_tailroom(skb1) < move)
			return -ENOMEM;
		if (skb_nr_frags(skb1) + skb_nr_frags(skb) > MAX_SKB_FRAGS)
			return -EOVERFLOW;
		memcpy(__skb_put(skb1, move), skb_data(skb) + len, move);
		h1->next = head->next;
		h1->nb_segs = (uint16_t)(h1->nb_segs + head->nb_segs - 1);
		h1->pkt_len += head->pkt_len - head->data_len;
		head->next = NULL;
		head->nb_segs = 1;
		head->data_len = (uint16_t)len;
		head->pkt_len = len;
		SKB_ASAN_HEAD(skb);
		return 0;
	}
	/* find the frag the split point falls in */
	pos = head->data_len;
	prev = head;
	m = head->next;
	while (pos + m->data_len <= len) {
		pos += m->data_len;
		prev = m;
		m = m->next;
	}
	off = len - pos;
	for (moved = m; moved != NULL; moved = moved->next)
		nmoved++;
	if (skb_nr_frags(skb1) + nmoved > MAX_SKB_FRAGS)
		return -EOVERFLOW;
	bytes = head->pkt_len - len;
	if (off > 0) {
		/* the cut frag: both keep a view of its buffer */
		struct rte_mbuf *c = skb_seg_clone(m, head->pool);

		if (c == NULL)
			return -ENOMEM;
		c->data_off = (uint16_t)(c->data_off + off);
		c->data_len = (uint16_t)(c->data_len - off);
		c->next = m->next;
		m->data_len = (uint16_t)off;
		m->next = NULL;
		h1->next = c;
		head->nb_segs = (uint16_t)(head->nb_segs - nmoved + 1);
	} else {
		prev->next = NULL;
		h1->next = m;
		head->nb_segs = (uint16_t)(head->nb_segs - nmoved);
	}
	h1->nb_segs = (uint16_t)(h1->nb_segs + nmoved);
	h1->pkt_len += bytes;
	head->pkt_len = len;
	return 0;
}
