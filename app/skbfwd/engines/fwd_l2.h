/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The burst loop of the engines that rewrite the Ethernet header in place and
 * send the frame on (mac, macswap).  One pass over the burst does everything:
 * prefetch the next frame, count the bytes, edit the header; the pass never
 * writes the skb array, so a burst without drops is sent as received.  Frames
 * whose head is shorter than the fast edit needs take an out-of-line path
 * (pskb_may_pull, then the short edit) and frames shorter than an Ethernet
 * header are dropped as truncated.
 */
#ifndef _SKBFWD_FWD_L2_H_
#define _SKBFWD_FWD_L2_H_

#include <rte_prefetch.h>

#include "engine.h"

/** Edit one Ethernet header at @hdr; @arg is the engine's per-burst state. */
typedef void (*fwd_l2_edit_t)(unsigned char *hdr, const void *arg);

/*
 * Out of line: a head shorter than @fast_len.  Pull the Ethernet header into
 * the linear area and apply @edit_short, or drop the frame as truncated.
 * @return true when the frame stays in the burst.
 */
static __rte_noinline bool
fwd_l2_short(struct fwd_stream *fs, struct sk_buff *skb, fwd_l2_edit_t edit_short,
	     const void *arg, uint32_t *drop_bytes)
{
	if (likely(pskb_may_pull(skb, RTE_ETHER_HDR_LEN))) {
		edit_short(skb_data(skb), arg);
		return true;
	}
	*drop_bytes += skb_len(skb);
	fwd_drop(fs, skb, FWD_DROP_TRUNCATED);
	return false;
}

/* Out of line: squeeze the NULLs left by drops out of @skbs.  @return the count left. */
static __rte_noinline uint16_t
fwd_l2_compact(struct sk_buff **skbs, uint16_t n)
{
	uint16_t i, k = 0;

	for (i = 0; i < n; i++)
		if (skbs[i] != NULL)
			skbs[k++] = skbs[i];
	return k;
}

/**
 * Receive a burst on @fs, apply @edit to every frame whose first @fast_len
 * bytes are linear (@edit_short, out of line, to a frame pulled to an Ethernet
 * header), drop the rest as truncated, send the burst.  Always inlined, so
 * @edit is inlined into the loop.
 */
static __rte_always_inline void
fwd_l2_burst(struct fwd_stream *fs, unsigned int fast_len, fwd_l2_edit_t edit,
	     fwd_l2_edit_t edit_short, const void *arg)
{
	struct sk_buff *skbs[MAX_PKT_BURST + 1];
	uint16_t n = fwd_rx_pass_nobytes(fs, skbs), i, nb_drop = 0;
	uint64_t bytes = 0;          /* 64 bits: GCC 12 then adds without a register copy */
	uint32_t drop_bytes = 0;
	struct sk_buff *skb;
	unsigned char *data;

	if (unlikely(n == 0))
		return;
	/* the last frame prefetches itself: no test in the loop */
	skbs[n] = skbs[n - 1];
	skb = skbs[0];
	data = skb_data(skb);
	for (i = 0; i < n; i++) {
		struct sk_buff *next = skbs[i + 1];
		unsigned char *next_data = skb_data(next);

		rte_prefetch0(next_data);
		bytes += skb_len(skb);
		if (likely(skb_headlen(skb) >= fast_len)) {
			edit(data, arg);
		} else if (unlikely(!fwd_l2_short(fs, skb, edit_short, arg, &drop_bytes))) {
			skbs[i] = NULL;
			nb_drop++;
		}
		skb = next;
		data = next_data;
	}
	fs->rx_bytes += bytes;
	if (unlikely(nb_drop != 0))
		n = fwd_l2_compact(skbs, n);
	fwd_tx_bytes(fs, skbs, n, bytes - drop_bytes);
}

#endif /* _SKBFWD_FWD_L2_H_ */
