/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libskb checking hooks: what the inline functions of skb.h call in the
 * checking builds.  Included by skb.h; not an API to call yourself.
 *
 * Two defines change the bodies of skb.h's inline functions, and a program must
 * be compiled with the ones its libskb was built with (`pkg-config --cflags
 * libskb` gives them):
 *
 *  - SKB_DEBUG (-Dskb_debug=true): every call checks its skb on entry
 *    (rte_mbuf_check(), and use after free: kfree_skb() marks the skb freed in
 *    ol_flags until its mbuf is allocated again), frees poison the buffer and
 *    the cb (0x6b) and catch double frees, and writes (put, push, store_bits)
 *    into data a clone shares count SKB_MISUSE_SHARED_WRITE.  Each misuse is
 *    logged with the call and the skb and counted (skb_misuse_count()).
 *  - SKB_ASAN (-Dsanitize=true): skb pools poison the data room of every free
 *    buffer, and every call that sets or moves the bounds of the data poisons
 *    the headroom and tailroom of the segments the skb owns alone (a buffer
 *    shared with clones stays unpoisoned).  Headroom from the lowest header
 *    offset that is set stays readable: after skb_pull() of a header, eth_hdr()
 *    and friends still read it, as in Linux.  Writing through raw
 *    rte_pktmbuf_prepend()/append() into an skb libskb has poisoned is then a
 *    report too: use skb_push()/skb_put().
 *
 * The hooks below exist in a libskb built with the matching define only, so a
 * program compiled with SKB_DEBUG or SKB_ASAN against a library built without
 * fails to link instead of running unchecked.  A program compiled without them
 * against a checking library runs, with the checks of the library's own
 * out-of-line calls only.  In a build without the defines the SKB_DEBUG_* and
 * SKB_ASAN_* macros are empty: no branch is left on the fast paths.
 */
#ifndef _SKB_CHECK_H_
#define _SKB_CHECK_H_

#ifndef _SKB_H_
#error "skb_check.h is included by skb.h; include skb.h"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** SKB_DEBUG: false (misuse counted and logged) when @skb must not be used by @call. */
bool skb_debug_check(const struct sk_buff *skb, const char *call);

/** SKB_DEBUG: kfree_skb() with double-free detection and poisoning. */
void skb_debug_free(struct sk_buff *skb, const char *call);

/** SKB_DEBUG: count SKB_MISUSE_SHARED_WRITE when @call writes data a clone shares. */
void skb_debug_write(const struct sk_buff *skb, const char *call);

/** SKB_ASAN: poison headroom [head, data) and tailroom [tail, end) of @seg, if it owns its buffer. */
void skb_asan_room(struct rte_mbuf *seg);

/** SKB_ASAN: skb_asan_room() for the head of @skb, headroom from its lowest header offset kept. */
void skb_asan_head(struct sk_buff *skb);

/** SKB_ASAN: skb_asan_head() and skb_asan_room() on every segment of @n received skbs. */
void skb_asan_rx(struct sk_buff **skbs, uint16_t n);

#ifdef SKB_DEBUG
/* On entry of a call: return @ret from it when @skb must not be used. */
#define SKB_DEBUG_ENTRY(skb, ret) do {                                          \
	if (unlikely(!skb_debug_check((skb), __func__)))                        \
		return ret;                                                     \
} while (0)
#define SKB_DEBUG_WRITE(skb) skb_debug_write((skb), __func__)
#else
#define SKB_DEBUG_ENTRY(skb, ret) do { } while (0)
#define SKB_DEBUG_WRITE(skb) do { } while (0)
#endif

#ifdef SKB_ASAN
#define SKB_ASAN_ROOM(seg) skb_asan_room(seg)
#define SKB_ASAN_HEAD(skb) skb_asan_head(skb)
#define SKB_ASAN_RX(skbs, n) skb_asan_rx((skbs), (n))
#else
#define SKB_ASAN_ROOM(seg) do { } while (0)
#define SKB_ASAN_HEAD(skb) do { } while (0)
#define SKB_ASAN_RX(skbs, n) do { } while (0)
#endif

#ifdef __cplusplus
}
#endif

#endif /* _SKB_CHECK_H_ */
