/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libskb internals shared by its .c files; not installed.  The units, each of
 * which calls only units listed before it (never one after it: no loops):
 *
 *   skb_meta.c   the "metadata valid" flag and skb_lib_init()
 *   skb_buf.c    buffers and segments: buffers that outlive the mbuf using
 *                them, segment attach/clone, sharing tests, segment walks
 *   skb_asan.c   ASan build: pool ops poisoning free buffers, poisoning of the
 *                head/tailroom of live skbs (calls skb_buf.c, skb_meta.c)
 *   skb.c        pools, port -> pool table, allocation, freeing, misuse
 *                counts, debug checks, trim, pull, head re-allocation
 *   skb_data.c   nonlinear data: store, iovec copies, frags, pskb_pull, split
 *   skb_clone.c  clones, pskb_expand_head, copies, unshare
 *   skb_eth.c    padding, eth_type_trans(), VLAN push and pop
 *   skb_csum.c   skb_checksum()
 *   skb_gso.c    GSO over rte_gso, GRO over rte_gro
 */
#ifndef _SKB_INTERNAL_H_
#define _SKB_INTERNAL_H_

#include "skb.h"

#ifdef SKB_ASAN
#include <sanitizer/asan_interface.h>
#endif

/* ---------------------------------------------------------------- skb_meta.c */

/*
 * Debug build: set in ol_flags of an skb kfree_skb() freed.  rte_pktmbuf_reset()
 * (every allocation) and PMD RX clear it, and DPDK's clone/copy take the flags of
 * a live mbuf, so unlike a mark in the private area it cannot outlive the free.
 * Registered by skb_lib_init().
 */
extern uint64_t skb_freed_flag;

/* True when mbufs of @mp carry an skb private area. */
static inline bool
skb_pool_has_priv(const struct rte_mempool *mp)
{
	return rte_pktmbuf_priv_size((struct rte_mempool *)(uintptr_t)mp) >= SKB_PRIV_SIZE;
}

/* True when @m carries an skb private area (comes from an skb pool). */
static inline bool
skb_mbuf_has_priv(const struct rte_mbuf *m)
{
	return m->priv_size >= SKB_PRIV_SIZE;
}

/* ---------------------------------------------------------------- skb_buf.c */

/*
 * A data buffer an mbuf can be attached to as an external one: either the
 * buffer of a pool mbuf @owner (the segment attached becomes a view of it, see
 * skb_buf.c; the mbuf goes back to its pool with its last view), or rte_malloc
 * memory with @shinfo at its end (@owner NULL).
 */
struct skb_newbuf {
	void *addr;
	rte_iova_t iova;
	uint16_t len;
	struct rte_mbuf *owner;
	struct rte_mbuf_ext_shared_info *shinfo;
};

/*
 * Get a buffer of at least @min bytes (@want preferred): a pool mbuf from @mp when
 * @min fits its data room, else rte_malloc memory of @want bytes (or @min when
 * @want does not fit 16 bits).  The one reference (to @owner, or the shinfo
 * count 1) is the caller's.
 * @return 0 or -ENOMEM.
 */
int skb_newbuf_get(struct rte_mempool *mp, unsigned int min, unsigned int want,
		   int socket, struct skb_newbuf *nb);

/*
 * The longest buffer skb_newbuf_get() can give for @mp: its data room when that
 * is larger, else the longest rte_malloc buffer whose shinfo still fits 16 bits.
 */
unsigned int skb_newbuf_max(struct rte_mempool *mp);

/* Give back a buffer from skb_newbuf_get() that was never attached. */
void skb_newbuf_put(struct skb_newbuf *nb);

/*
 * Re-point segment @m at @nb (taking over the caller's reference) with data at
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

/*
 * True when DPDK indirect mbufs (rte_pktmbuf_clone/attach, rte_gso_segment) point
 * into direct @m: they find it by address arithmetic, so it must not be re-pointed.
 */
bool skb_seg_has_dpdk_indirect(const struct rte_mbuf *m);

/*
 * Walk the bytes [@offset, @offset + @len) of the data of chain @m segment by
 * segment, calling @fn(piece, n, arg) for each piece in order.  The caller has
 * checked the range against the chain's pkt_len.
 */
typedef void (*skb_piece_fn)(void *piece, unsigned int n, void *arg);
void skb_seg_walk(const struct rte_mbuf *m, unsigned int offset, unsigned int len,
		  skb_piece_fn fn, void *arg);

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

/* ---------------------------------------------------------------- ASan build */

#ifdef SKB_ASAN
/* Mempool ops of skb pools in the ASan build (skb_asan.c): ring_mp_mc that poisons free buffers. */
#define SKB_ASAN_OPS "skb_asan"

/* True when @mp uses the skb_asan ops (its free buffers are poisoned, its allocations not). */
static inline bool
skb_asan_pool(const struct rte_mempool *mp)
{
	return mp != NULL && strcmp(rte_mempool_get_ops(mp->ops_index)->name, SKB_ASAN_OPS) == 0;
}

/*
 * True when @m is the only view of a buffer whose release unpoisons it (a pool
 * buffer of an skb_asan pool, or rte_malloc memory of skb_newbuf_get()): only
 * then may its head and tailroom be poisoned.  skb_buf.c.
 */
bool skb_seg_owned(const struct rte_mbuf *m);
#endif

/* Make @n bytes at @p addressable again (ASan build; nothing otherwise). */
static inline void
skb_asan_unpoison(const void *p, size_t n)
{
#ifdef SKB_ASAN
	ASAN_UNPOISON_MEMORY_REGION(p, n);
#else
	RTE_SET_USED(p);
	RTE_SET_USED(n);
#endif
}

/* ---------------------------------------------------------------- skb.c */

/*
 * Move @skb's head segment to a private buffer with @headroom bytes before the
 * data and at least @min_tail (ideally @tailroom) after it; bytes from head to
 * tail are copied and header offsets shift with them.
 * @return 0; -ENOMEM; -EBUSY while DPDK indirect mbufs point into the head.
 */
int skb_rehead(struct sk_buff *skb, unsigned int headroom, unsigned int min_tail,
	       unsigned int tailroom);

/*
 * Copy @n bytes of @skb's head buffer, @off bytes from its start (headroom
 * included), to @dst.  The ASan build opens both ranges first (headroom and a
 * fresh buffer are poisoned) and poisons @skb's room again after.
 */
static inline void
skb_head_copy(void *dst, const struct sk_buff *skb, unsigned int off, unsigned int n)
{
	const unsigned char *src = skb_head(skb) + off;

	skb_asan_unpoison(dst, n);
	skb_asan_unpoison(src, n);
	memcpy(dst, src, n);
	SKB_ASAN_HEAD((struct sk_buff *)(uintptr_t)skb);
}

/*
 * skb.c: each port's MAC address for eth_type_trans() (skb_eth.c), kept with
 * the port table: the 6 bytes as they lie in memory in the low 48 bits,
 * SKB_PORT_MAC_SET above them; 0 until read from ethdev.
 */
extern uint64_t skb_port_mac_tbl[RTE_MAX_ETHPORTS];
#define SKB_PORT_MAC_SET (UINT64_C(1) << 63)

/* skb.c: read @port_id's address from ethdev into the table; its entry, 0 for a port without one. */
uint64_t skb_port_mac_fill(uint16_t port_id);

/* The 6 bytes of @a in the low 48 bits of a word, as they lie in memory. */
static inline uint64_t
skb_mac_word(const struct rte_ether_addr *a)
{
	uint64_t w = 0;

	memcpy(&w, a->addr_bytes, RTE_ETHER_ADDR_LEN);
	return w;
}

/* @port_id's entry of the MAC table, read from ethdev the first time; 0 when it has none. */
static inline uint64_t
skb_port_mac(uint16_t port_id)
{
	uint64_t w = likely(port_id < RTE_MAX_ETHPORTS) ?
		     __atomic_load_n(&skb_port_mac_tbl[port_id], __ATOMIC_RELAXED) : 0;

	return likely(w != 0) ? w : skb_port_mac_fill(port_id);
}

#endif /* _SKB_INTERNAL_H_ */
