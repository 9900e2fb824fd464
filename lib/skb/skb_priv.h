/* SPDX-License-Identifier: BSD-3-Clause */
/* libskb internals shared by its .c files: buffers that outlive the mbuf using them. */
#ifndef _SKB_PRIV_H_
#define _SKB_PRIV_H_

#include "skb.h"

/*
 * A data buffer an mbuf can be attached to as an external buffer: either the
 * buffer of a pool mbuf (its data_shinfo, in its private area, counts the
 * attachments and skb_data_release() gives the mbuf back at zero), or
 * rte_malloc memory with the shinfo at its end.
 */
struct skb_newbuf {
	void *addr;
	rte_iova_t iova;
	uint16_t len;
	struct rte_mbuf_ext_shared_info *shinfo;
};

/* free_cb of a pool mbuf's buffer shared through its data_shinfo; @opaque is that mbuf. */
void skb_data_release(void *addr, void *opaque);

/*
 * Get a buffer of at least @min bytes (@want preferred): a pool mbuf from @mp when
 * @min fits its data room, else rte_malloc memory of @want bytes (or @min when
 * @want does not fit 16 bits).  The shinfo count is 1, held by the caller.
 * @return 0 or -ENOMEM.
 */
int skb_newbuf_get(struct rte_mempool *mp, unsigned int min, unsigned int want,
		   int socket, struct skb_newbuf *nb);

/* Give back a buffer from skb_newbuf_get() that was never attached. */
void skb_newbuf_put(struct skb_newbuf *nb);

/*
 * Re-point segment @m at @nb (taking over the caller's shinfo count) with data at
 * @data_off; data_len is kept.  The reference @m held on its old buffer is
 * dropped first (external: shinfo count; DPDK indirect: the direct mbuf's
 * refcnt); a direct mbuf's own buffer is left to whoever still shares it.
 */
void skb_seg_set_buf(struct rte_mbuf *m, const struct skb_newbuf *nb, uint16_t data_off);

/*
 * A new mbuf from @mp sharing segment @s's buffer (data_off/data_len copied, not
 * chained).  @return it, or NULL when @mp is empty.
 */
struct rte_mbuf *skb_seg_clone(struct rte_mbuf *s, struct rte_mempool *mp);

/* Free the segments from @m on, one by one (no head fields are read: safe mid-chain). */
static inline void
skb_free_segs(struct rte_mbuf *m)
{
	while (m != NULL) {
		struct rte_mbuf *next = m->next;

		rte_pktmbuf_free_seg(m);
		m = next;
	}
}

/* Copy skb metadata and the mbuf's per-packet fields (not the data) from @from to @to. */
void skb_copy_header(struct sk_buff *to, const struct sk_buff *from);

/*
 * Move @skb's head segment to a private buffer with @headroom bytes before the
 * data and at least @min_tail (ideally @tailroom) after it; bytes from head to
 * tail are copied and header offsets shift with them.  @return 0 or -ENOMEM.
 */
int skb_rehead(struct sk_buff *skb, unsigned int headroom, unsigned int min_tail,
	       unsigned int tailroom);

/* Add @delta to every header offset that is set. */
void skb_headers_shift(struct sk_buff *skb, int delta);

/* ---------------------------------------------------------------- ASan build (skb_asan.c) */

#ifdef SKB_ASAN
/* Mempool ops of skb pools in the ASan build: ring_mp_mc that poisons free buffers. */
#define SKB_ASAN_OPS "skb_asan"

/* True when @mp uses the skb_asan ops (its free buffers are poisoned, its allocations not). */
bool skb_asan_pool(const struct rte_mempool *mp);

/*
 * True when @m is the only view of a buffer whose release unpoisons it (a pool
 * buffer of an skb_asan pool, or rte_malloc memory of skb_newbuf_get()): only
 * then may its head and tailroom be poisoned.
 */
bool skb_seg_owned(const struct rte_mbuf *m);

/* Make @n bytes at @p addressable again. */
void __skb_asan_unpoison(const void *p, size_t n);
#else
#define __skb_asan_unpoison(p, n) do { } while (0)
#endif

/*
 * Copy @n bytes of @skb's head buffer, @off bytes from its start (headroom
 * included), to @dst.  The ASan build opens both ranges first (headroom and a
 * fresh buffer are poisoned) and poisons @skb's room again after.
 */
static inline void
skb_head_copy(void *dst, const struct sk_buff *skb, unsigned int off, unsigned int n)
{
	const unsigned char *src = skb_head(skb) + off;

	__skb_asan_unpoison(dst, n);
	__skb_asan_unpoison(src, n);
	memcpy(dst, src, n);
	__skb_asan_head((struct sk_buff *)(uintptr_t)skb);
}

#endif
