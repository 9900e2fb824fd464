/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libskb buffers and segments: the primitives every other unit builds on.
 *
 * Why not rte_pktmbuf_clone(): an indirect mbuf finds its direct mbuf by address
 * arithmetic, so the direct mbuf can never be re-pointed at a private copy while
 * clones exist (see docs/skb-api.md).  Here every clone segment is attached to
 * the shared buffer as an *external* buffer instead.  A pool mbuf O whose
 * buffer others view is their owner: each view V (a clone's segment, or a
 * segment re-pointed at a fresh pool buffer) holds one mbuf reference on O and
 * is counted in O->data_views, and V's own data_shinfo is the external
 * buffer's shinfo of V (count 1, free_cb skb_data_release, opaque O), so DPDK's
 * detach of V gives V's reference on O back.  O's mbuf refcnt is then Linux's
 * dataref: every count changes only under a reference its changer holds, so
 * clones made on one lcore while others of the same data are freed on another
 * cannot race.  O itself can be attached to a fresh copy (skb_cow_head) at any
 * time: the views keep the old buffer, and O goes back to its pool with the
 * last of them.
 */

#include <rte_malloc.h>
#include <rte_pause.h>

#include "skb_internal.h"

/* ---------------------------------------------------------------- buffers */

/* free_cb of a view of pool mbuf @opaque's buffer (the view's own data_shinfo): one view less. */
static void
skb_data_release(void *addr, void *opaque)
{
	struct rte_mbuf *owner = opaque;

	RTE_SET_USED(addr);
	__atomic_fetch_sub(&__skb_from_mbuf(owner)->data_views, 1, __ATOMIC_RELEASE);
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

/* Views of pool mbuf @o's buffer: the attached ones, and @o itself while it is alive and direct. */
static unsigned int
skb_buf_views(const struct rte_mbuf *o)
{
	/*
	 * Views first, then references: a view being made or released on another
	 * lcore (reference and count change apart) reads as one view more, never less.
	 */
	unsigned int n = __atomic_load_n(&((const struct sk_buff *)o)->data_views, __ATOMIC_ACQUIRE);

	return n + (RTE_MBUF_DIRECT(o) && rte_mbuf_refcnt_read(o) > n ? 1u : 0u);
}

/* Point segment @m at external buffer @addr/@iova/@len counted by @sh (data_off, data_len are the caller's). */
static void
skb_seg_point(struct rte_mbuf *m, void *addr, rte_iova_t iova, uint16_t len,
	      struct rte_mbuf_ext_shared_info *sh)
{
	m->buf_addr = addr;
	rte_mbuf_iova_set(m, iova);
	m->buf_len = len;
	m->shinfo = sh;
	m->ol_flags |= RTE_MBUF_F_EXTERNAL;
}

/*
 * Attach segment @v to pool mbuf @owner's buffer as a view: @v's data_shinfo
 * becomes its external buffer's shinfo.  The caller has taken the reference on
 * @owner that @v now holds.  Buffer fields only (data_off, data_len are the caller's).
 */
static void
skb_view_attach(struct rte_mbuf *v, struct rte_mbuf *owner)
{
	struct rte_mbuf_ext_shared_info *sh = &__skb_from_mbuf(v)->data_shinfo;

	__atomic_fetch_add(&__skb_from_mbuf(owner)->data_views, 1, __ATOMIC_RELAXED);
	sh->free_cb = skb_data_release;
	sh->fcb_opaque = owner;
	rte_mbuf_ext_refcnt_set(sh, 1);
	skb_seg_point(v, owner->buf_addr, rte_mbuf_iova_get(owner), owner->buf_len, sh);
}

/* The owner of the pool buffer external segment @m views, or NULL when it views other memory. */
static struct rte_mbuf *
skb_view_owner(const struct rte_mbuf *m)
{
	const struct rte_mbuf_ext_shared_info *sh = m->shinfo;

	return sh->free_cb == skb_data_release ? sh->fcb_opaque : NULL;
}

/*
 * What an rte_malloc buffer carries past its data: the shinfo, placed on the word
 * boundary at or below its end, so at most a word less one byte is lost to it.
 * No more: a full 65504-byte head (the longest such buffer) must fit its copy.
 */
#define SKB_NEWBUF_OVERHEAD (sizeof(struct rte_mbuf_ext_shared_info) + sizeof(uintptr_t) - 1)

/* True when skb_newbuf_get() takes a buffer of @min bytes from @mp's mbufs. */
static inline bool
skb_newbuf_in_pool(struct rte_mempool *mp, unsigned int min)
{
	return mp != NULL && skb_pool_has_priv(mp) && min <= rte_pktmbuf_data_room_size(mp);
}

unsigned int
skb_newbuf_max(struct rte_mempool *mp)
{
	const unsigned int heap = UINT16_MAX - SKB_NEWBUF_OVERHEAD;

	if (skb_newbuf_in_pool(mp, heap + 1))
		return rte_pktmbuf_data_room_size(mp);
	return heap;
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
	if (skb_newbuf_in_pool(mp, min)) {
		struct rte_mbuf *b = rte_pktmbuf_alloc(mp);

		if (b == NULL)
			return -ENOMEM;
		nb->addr = b->buf_addr;
		nb->iova = rte_mbuf_iova_get(b);
		nb->len = b->buf_len;
		nb->owner = b; /* its one reference goes to the segment set on it */
		nb->shinfo = NULL;
		return 0;
	}
	total = want + SKB_NEWBUF_OVERHEAD;
	if (total > UINT16_MAX) {
		total = min + SKB_NEWBUF_OVERHEAD;
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
	nb->owner = NULL;
	nb->shinfo = sh;
	return 0;
}

void
skb_newbuf_put(struct skb_newbuf *nb)
{
	if (nb->owner != NULL)
		rte_pktmbuf_free_seg(nb->owner);
	else if (rte_mbuf_ext_refcnt_update(nb->shinfo, -1) == 0)
		nb->shinfo->free_cb(nb->addr, nb->shinfo->fcb_opaque);
}

/* ---------------------------------------------------------------- segments */

/* Re-reads of a direct segment's counts before a reference no view accounts for is believed. */
#define SKB_INDIRECT_SETTLE 1024u

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
	 * A direct segment's own buffer needs nothing: if clones view it, each
	 * holds a reference on the mbuf, and DPDK's free path detaches the
	 * external buffer and restores the own one before the mbuf goes back.
	 */
	if (nb->owner != NULL) {
		skb_view_attach(m, nb->owner);
	} else {
		skb_seg_point(m, nb->addr, nb->iova, nb->len, nb->shinfo);
	}
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
		struct rte_mbuf *owner = skb_view_owner(s);

		if (owner != NULL) {
			/* a view of a pool buffer: @s holds @owner, so the count is not 0 */
			rte_mbuf_refcnt_update(owner, 1);
			skb_view_attach(c, owner);
		} else {
			/* rte_malloc or caller memory: one shinfo counts its users */
			sh = s->shinfo;
			rte_mbuf_ext_refcnt_update(sh, 1);
			skb_seg_point(c, s->buf_addr, rte_mbuf_iova_get(s), s->buf_len, sh);
		}
	} else if (RTE_MBUF_CLONED(s) || !skb_mbuf_has_priv(s)) {
		/* not an skb segment: fall back to DPDK's indirect attach */
		rte_pktmbuf_attach(c, s);
		return c;
	} else {
		/* @s's own buffer: the caller holds @s, so its refcnt is not 0 */
		rte_mbuf_refcnt_update(s, 1);
		skb_view_attach(c, s);
	}
	c->data_off = s->data_off;
	c->data_len = s->data_len;
	return c;
}

/* True when @m's external buffer is seen through another mbuf too. */
static bool
skb_seg_ext_shared(const struct rte_mbuf *m)
{
	const struct rte_mbuf *owner = skb_view_owner(m);

	if (owner != NULL)
		return skb_buf_views(owner) > 1;
	return rte_mbuf_ext_refcnt_read(m->shinfo) > 1;
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
	const uint32_t *views = &((const struct sk_buff *)m)->data_views;
	unsigned int tries;

	if (!RTE_MBUF_DIRECT(m))
		return false;
	if (!skb_mbuf_has_priv(m))
		return rte_mbuf_refcnt_read(m) > 1;
	/*
	 * refcnt: 1 for itself, 1 per view attached to its buffer, plus the
	 * indirect ones.  A view released on another lcore counts itself out of
	 * data_views just before it drops its reference (it may not touch @m
	 * after): a reference more than the views is believed only once it
	 * stays so, re-read a while.
	 */
	for (tries = 0; tries < SKB_INDIRECT_SETTLE; tries++) {
		uint32_t n = __atomic_load_n(views, __ATOMIC_ACQUIRE);

		if (rte_mbuf_refcnt_read(m) <= 1u + n)
			return false;
		rte_pause();
	}
	return true;
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
	owner = skb_view_owner(m);
	if (owner == NULL)
		return false; /* caller memory (skb_add_ext_frag) is the caller's to mark */
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
