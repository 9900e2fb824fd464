/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the engines that look past the Ethernet header (l3fwd, encap, decap,
 * rxonly, csum, icmpecho) add to libskb's parser (skb_parse.h) and checksums
 * (skb_csum.h): the drop reason of a parser error, and a burst filter.  The
 * parsing and the checksums themselves are libskb's.  The engines leave the
 * header offsets and skb->protocol as kernel receive code does: the mac header
 * first, with skb_reset_mac_header() (which makes the skb's metadata valid),
 * then the others with the unchecked __skb_set_*_header().
 */
#ifndef _SKBFWD_PKT_H_
#define _SKBFWD_PKT_H_

#include <string.h>

#include <rte_prefetch.h>

#include "engine.h"
#include "skb_csum.h"
#include "skb_parse.h"

/** A per-packet result meaning "keep it"; any other value is an enum fwd_drop. */
#define PKT_OK (-1)

/**
 * The drop reason of a libskb parser error: a header cut short (-ENODATA) is
 * truncated, a broken rule (-EPROTO) bad_header, a wrong checksum (-EBADMSG)
 * bad_checksum, and a header that could not be pulled (-ENOMEM) no_mbuf.
 */
static inline int
pkt_drop_reason(int err)
{
	switch (err) {
	case -EPROTO:
		return FWD_DROP_BAD_HEADER;
	case -EBADMSG:
		return FWD_DROP_BAD_CHECKSUM;
	case -ENOMEM:
		return FWD_DROP_NO_MBUF;
	default:
		return FWD_DROP_TRUNCATED;
	}
}

/** The 16-bit word at @p as it sits in memory, for csum_replace2() (no alignment assumed). */
static inline uint16_t
pkt_word(const void *p)
{
	uint16_t w;

	memcpy(&w, p, sizeof(w));
	return w;
}

/**
 * Receive one burst on @fs for an engine that makes each skb's fields valid
 * in its own pass over the burst (as pkt_filter_burst_fresh() does): without
 * RX hooks the bare RX (fwd_rx_pass_nobytes()), and *@fresh true: the caller
 * calls skb_meta_init() on each skb before it reads or sets a field (in the
 * pass it makes anyway, which costs less than skb_rx_burst()'s loop of its
 * own).  With hooks (GRO, latency) the fields are valid from
 * fwd_rx_nobytes(), which the hooks keep, and *@fresh is false.  The bytes
 * are not counted: the caller adds them to fs->rx_bytes.
 * @return the number of skbs in @skbs.
 */
static __rte_always_inline uint16_t
pkt_rx_fresh(struct fwd_stream *fs, struct sk_buff **skbs, bool *fresh)
{
	*fresh = likely(fs->rx_hooks == 0);
	return *fresh ? fwd_rx_pass_nobytes(fs, skbs) : fwd_rx_nobytes(fs, skbs);
}

/* The loop of pkt_filter_burst_fresh(), @fresh a constant at each call. */
static __rte_always_inline uint16_t
pkt_filter_loop(struct fwd_stream *fs, struct sk_buff **skbs, uint16_t n,
		int (*one)(struct fwd_stream *fs, struct sk_buff *skb), bool fresh,
		uint32_t *bytes)
{
	uint32_t sum = 0;
	uint16_t i, kept = 0;

	for (i = 0; i < n; i++) {
		struct sk_buff *skb = skbs[i];
		int ret;

		if (likely(i + 1 < n))
			rte_prefetch0(skb_data(skbs[i + 1]));
		if (fresh)
			skb_meta_init(skb);
		sum += skb_len(skb);
		ret = one(fs, skb);
		if (unlikely(ret != PKT_OK)) {
			fwd_drop(fs, skb, (enum fwd_drop)ret);
			continue;
		}
		skbs[kept++] = skb;
	}
	*bytes = sum;
	return kept;
}

/**
 * Run @one on each of the @n skbs, their fields made valid first when @fresh
 * (skb_meta_init(), pkt_rx_fresh()): those it returns PKT_OK for are kept, in
 * order, at the front of @skbs; the others are dropped under the reason it
 * returned.  @one is a constant at every call, so the compiler inlines it
 * (twice: a loop for each value of @fresh, no test a packet).
 * *@bytes gets the sum of skb_len() over the @n skbs as they came (what
 * fs->rx_bytes counts), read in the same pass.
 * @return the number kept.
 */
static __rte_always_inline uint16_t
pkt_filter_burst_fresh(struct fwd_stream *fs, struct sk_buff **skbs, uint16_t n,
		       int (*one)(struct fwd_stream *fs, struct sk_buff *skb), bool fresh,
		       uint32_t *bytes)
{
	if (likely(fresh))
		return pkt_filter_loop(fs, skbs, n, one, true, bytes);
	return pkt_filter_loop(fs, skbs, n, one, false, bytes);
}

/**
 * Run @one on each of the @n skbs, whose fields are valid (fwd_rx()): those
 * it returns PKT_OK for are kept, in order, at the front of @skbs; the others
 * are dropped under the reason it returned.  @one is a constant at every
 * call, so the compiler inlines it.
 * @return the number kept.
 */
static inline uint16_t
pkt_filter_burst(struct fwd_stream *fs, struct sk_buff **skbs, uint16_t n,
		 int (*one)(struct fwd_stream *fs, struct sk_buff *skb))
{
	uint32_t bytes;

	return pkt_filter_loop(fs, skbs, n, one, false, &bytes);
}

#endif /* _SKBFWD_PKT_H_ */
