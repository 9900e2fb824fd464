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
 * Run @one on each of the @n skbs: those it returns PKT_OK for are kept, in
 * order, at the front of @skbs; the others are dropped under the reason it
 * returned.  @one is a constant at every call, so the compiler inlines it.
 * @return the number kept.
 */
static inline uint16_t
pkt_filter_burst(struct fwd_stream *fs, struct sk_buff **skbs, uint16_t n,
		 int (*one)(struct fwd_stream *fs, struct sk_buff *skb))
{
	uint16_t i, kept = 0;

	for (i = 0; i < n; i++) {
		int ret;

		if (likely(i + 1 < n))
			rte_prefetch0(skb_data(skbs[i + 1]));
		ret = one(fs, skbs[i]);
		if (unlikely(ret != PKT_OK)) {
			fwd_drop(fs, skbs[i], (enum fwd_drop)ret);
			continue;
		}
		skbs[kept++] = skbs[i];
	}
	return kept;
}

#endif /* _SKBFWD_PKT_H_ */
