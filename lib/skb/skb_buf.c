/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libskb buffers and segments: the primitives every other unit builds on.
 *
 * Why not rte_pktmbuf_clone(): an indirect mbuf finds its direct mbuf by address
 * arithmetic, so the direct mbuf can never be re-pointed at a private copy while
 * clones exist (see docs/skb-api.md).  Here every clone segment is attached to
 * the shared buffer as an *external* buffer instead: a direct segment S lends its
 * own buffer through S->data_shinfo (in S's private area), whose count is the
 * number of attached clones and which holds one extra mbuf reference on S, given
 * back by skb_data_release() when the last clone goes.  S itself can then be
 * attached to a fresh copy (skb_cow_head) at any time: the clones keep the old one.
 */

#include <rte_malloc.h>

#include "skb_internal.h"

/* ---------------------------------------------------------------- buffers */

/* free_cb of a pool mbuf's buffer lent through its data_shinfo; @opaque is that mbuf. */
static void
skb_data_release(void *addr, void *opaque)
{
	struct rte_mbuf *owner = opaque;
	struct sk_buff *o = __skb_from_mbuf(owner);

	RTE_SET_USED(addr);
	/* a cleared free_cb says "no live sharing" to the next skb_seg_clone() */
	__atomic_store_n(&o->data_shinfo.free_cb, NULL, __ATOMIC_RELEASE);
	rte_pktmbuf_free_seg(owner);
}

static void
skb_malloc_buf_free(void *addr, void *opaque)
{
	RTE_SET_USED(opaque);
#ifdef SKB_ASAN
	{
		/* rte_malloc hands the memory to others as it is: no room left poisoned */
		size_t size = 0;

		if (rte_malloc_validate(addr, &size) == 0)
			skb_asan_unpoison(addr, size);
	}
#endif
	rte_free(addr);
}

/* Lend the buffer of pool mbuf @m through its data_shinfo; count 1, @m's ref taken by the caller. */
static struct rte_mbuf_ext_shared_info *
skb_lend_buf(struct rte_mbuf *m)
{
	struct rte_mbuf_ext_shared_info *sh = &__skb_from_mbuf(m)->data_shinfo;

	sh->fcb_opaque = m;
	rte_mbuf_ext_refcnt_set(sh, 1);
	__atomic_store_n(&sh->free_cb, skb_data_release, __ATOMIC_RELEASE);
	return sh;
}

/* True when @m's own buffer is lent to clones right now (its data_shinfo is live). */
static bool
skb_buf_lent(const struct rte_mbuf *m)
{
	const struct sk_buff *skb = (const struct sk_buff *)m;

	return skb_mbuf_has_priv(m) &&
	       __atomic_load_n(&skb->data_shinfo.free_cb, __ATOMIC_ACQUIRE) == skb_data_release;
}

int
skb_newbuf_get(struct rte_mempool *mp, unsigned int min, unsigned int want,
	       int socket, struct skb_newbuf *nb)
{
	struct rte_mbuf_ext_shared_info *sh;
	unsigned int total;
	uint16_t len;
	void *buf;

	if (want < min)
		want = min;
	if (mp != NULL && skb_pool_has_priv(mp) && min <= rte_pktmbuf_data_room_size(mp)) {
		struct rte_mbuf *b = rte_pktmbuf_alloc(mp);

		if (b == NULL)
			return -ENOMEM;
		nb->addr = b->buf_addr;
		nb->iova = rte_mbuf_iova_get(b);
		nb->len = b->buf_len;
		nb->shinfo = skb_lend_buf(b);
		return 0;
	}
	total = want + sizeof(*sh) + sizeof(uintptr_t);
	if (total > UINT16_MAX) {
		total = min + sizeof(*sh) + sizeof(uintptr_t);
		if (total > UINT16_MAX)
			return -ENOMEM;
	}
	buf = rte_malloc_socket("skb_buf", total, RTE_CACHE_LINE_SIZE, socket);
	if (buf == NULL)
		return -ENOMEM;
	len = (uint16_t)total;
	sh = rte_pktmbuf_ext_shinfo_init_helper(buf, &len, skb_malloc_buf_free, NULL);
	if (sh == NULL || len < min) {
		rte_free(buf);
		return -ENOMEM;
	}
	nb->addr = buf;
	nb->iova = rte_malloc_virt2iova(buf);
	nb->len = len;
	nb->shinfo = sh;
	return 0;
}

void
skb_newbuf_put(struct skb_newbuf *nb)
{
	if (rte_mbuf_ext_refcnt_update(nb->shinfo, -1) == 0)
		nb->shinfo->free_cb(nb->addr, nb->shinfo->fcb_opaque);
}

/* ---------------------------------------------------------------- segments */

void
skb_seg_set_buf(struct rte_mbuf *m, const struct skb_newbuf *nb, uint16_t data_off)
{
	if (RTE_MBUF_HAS_EXTBUF(m)) {
		struct rte_mbuf_ext_shared_info *sh = m->shinfo;

		if (rte_mbuf_ext_refcnt_update(sh, -1) == 0)
			sh->free_cb(m->buf_addr, sh->fcb_opaque);
	} else if (RTE_MBUF_CLONED(m)) {
		struct rte_mbuf *md = rte_mbuf_from_indirect(m);

		if (rte_mbuf_refcnt_update(md, -1) == 0) {
			md->next = NULL;
			md->nb_segs = 1;
			rte_mbuf_refcnt_set(md, 1);
			rte_mbuf_raw_free(md);
		}
		m->ol_flags &= ~RTE_MBUF_F_INDIRECT;
		m->priv_size = rte_pktmbuf_priv_size(m->pool);
	}
	/*
	 * A direct segment's own buffer needs nothing: if clones share it, its
	 * data_shinfo holds a reference on the mbuf, and DPDK's free path detaches
	 * the external buffer and restores the own one before the mbuf goes back.
	 */
	m->buf_addr = nb->addr;
	rte_mbuf_iova_set(m, nb->iova);
	m->buf_len = nb->len;
	m->shinfo = nb->shinfo;
	m->ol_flags |= RTE_MBUF_F_EXTERNAL;
	m->data_off = data_off;
}

struct rte_mbuf *
skb_seg_clone(struct rte_mbuf *s, struct rte_mempool *mp)
{
	struct rte_mbuf *c = rte_pktmbuf_alloc(mp);
	struct rte_mbuf_ext_shared_info *sh;

	if (unlikely(c == NULL))
		return NULL;
#ifdef SKB_ASAN
	/*
	 * Each view of a shared buffer has bounds of its own: poisoning the room
	 * of one would poison data of another, so a buffer is opened whole when
	 * it starts being shared and left so (skb_seg_owned() is false) until
	 * one view owns it alone again and moves its bounds.
	 */
	if (skb_seg_owned(s))
		skb_asan_unpoison(s->buf_addr, s->buf_len);
#endif
	if (RTE_MBUF_HAS_EXTBUF(s)) {
		sh = s->shinfo;
		rte_mbuf_ext_refcnt_update(sh, 1);
	} else if (RTE_MBUF_CLONED(s) || !skb_mbuf_has_priv(s)) {
		/* not an skb segment: fall back to DPDK's indirect attach */
		rte_pktmbuf_attach(c, s);
		return c;
	} else if (skb_buf_lent(s)) {
		sh = &__skb_from_mbuf(s)->data_shinfo;
		rte_mbuf_ext_refcnt_update(sh, 1);
	} else {
		rte_mbuf_refcnt_update(s, 1);
		sh = skb_lend_buf(s);
	}
	c->buf_addr = s->buf_addr;
	rte_mbuf_iova_set(c, rte_mbuf_iova_get(s));
	c->buf_len = s->buf_len;
	c->shinfo = sh;
	c->ol_flags |= RTE_MBUF_F_EXTERNAL;
	c->data_off = s->data_off;
	c->data_len = s->data_len;
	return c;
}

/* True when @m's external buffer is seen through another mbuf too. */
static bool
skb_seg_ext_shared(const struct rte_mbuf *m)
{
	const struct rte_mbuf_ext_shared_info *sh = m->shinfo;
	const struct rte_mbuf *owner;

	if (rte_mbuf_ext_refcnt_read(sh) > 1)
		return true;
	if (__atomic_load_n(&sh->free_cb, __ATOMIC_ACQUIRE) != skb_data_release)
		return false;
	/* a lent buffer: its owner sees it too while it is in use and still points at it */
	owner = sh->fcb_opaque;
	return owner != m && rte_mbuf_refcnt_read(owner) > 1 &&
	       owner->buf_addr == m->buf_addr;
}

bool
skb_seg_shared(const struct rte_mbuf *seg)
{
	if (RTE_MBUF_DIRECT(seg))
		return rte_mbuf_refcnt_read(seg) > 1;
	return RTE_MBUF_CLONED(seg) || skb_seg_ext_shared(seg);
}

bool
skb_seg_has_dpdk_indirect(const struct rte_mbuf *m)
{
	/* refcnt: 1 for itself, plus 1 while its buffer is lent to clones, plus the indirect ones */
	unsigned int own = 1;

	if (!RTE_MBUF_DIRECT(m))
		return false;
	if (skb_buf_lent(m))
		own++;
	return rte_mbuf_refcnt_read(m) > own;
}

#ifdef SKB_ASAN
bool
skb_seg_owned(const struct rte_mbuf *m)
{
	const struct rte_mbuf_ext_shared_info *sh = m->shinfo;
	const struct rte_mbuf *owner;

	if (RTE_MBUF_DIRECT(m))
		return skb_asan_pool(m->pool) && rte_mbuf_refcnt_read(m) == 1;
	if (RTE_MBUF_CLONED(m) || skb_seg_ext_shared(m))
		return false;
	if (sh->free_cb == skb_malloc_buf_free)
		return true;
	if (sh->free_cb != skb_data_release)
		return false; /* caller memory (skb_add_ext_frag) is the caller's to mark */
	owner = sh->fcb_opaque;
	return skb_asan_pool(owner->pool);
}
#endif

void
skb_seg_walk(const struct rte_mbuf *m, unsigned int offset, unsigned int len,
	     skb_piece_fn fn, void *arg)
{
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
