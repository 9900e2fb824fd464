/* SPDX-License-Identifier: BSD-3-Clause */
/* macswap engine: source and destination MAC exchanged, frame sent back out. */

#include <rte_prefetch.h>

#include "fwd.h"

static void
macswap_fwd(struct fwd_stream *fs)
{
	struct sk_buff *skbs[MAX_PKT_BURST];
	uint16_t n = fwd_rx(fs, skbs), i, nb_tx = 0;

	if (unlikely(n == 0))
		return;
	for (i = 0; i < n; i++) {
		struct sk_buff *skb = skbs[i];
		struct rte_ether_hdr *eth;
		struct rte_ether_addr tmp;

		if (likely(i + 1 < n))
			rte_prefetch0(skb_data(skbs[i + 1]));
		if (unlikely(!pskb_may_pull(skb, RTE_ETHER_HDR_LEN))) {
			fwd_drop(fs, skb, FWD_DROP_TRUNCATED);
			continue;
		}
		eth = (struct rte_ether_hdr *)skb_data(skb);
		tmp = eth->dst_addr;
		eth->dst_addr = eth->src_addr;
		eth->src_addr = tmp;
		skbs[nb_tx++] = skb;
	}
	fwd_tx(fs, skbs, nb_tx);
}

const struct fwd_engine macswap_engine = {
	.name = "macswap",
	.packet_fwd = macswap_fwd,
};
