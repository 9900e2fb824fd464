/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mac engine: source MAC := the TX port's MAC, destination MAC := the TX port's
 * --eth-peer (default 02:00:00:00:00:<port>).  Frames shorter than an Ethernet
 * header are dropped as truncated.
 */

#include <rte_prefetch.h>

#include "fwd.h"

/* dst then src, as they sit in the frame (12 bytes, no padding) */
struct mac_pair {
	struct rte_ether_addr dst;
	struct rte_ether_addr src;
};
static_assert(sizeof(struct mac_pair) == 2 * RTE_ETHER_ADDR_LEN, "mac_pair must be 12 bytes");

static void
mac_fwd(struct fwd_stream *fs)
{
	struct sk_buff *skbs[MAX_PKT_BURST];
	struct mac_pair addrs;
	uint16_t n = fwd_rx(fs, skbs), i, nb_tx = 0;

	if (unlikely(n == 0))
		return;
	addrs.dst = cfg.peer[fs->tx_port];
	addrs.src = *fwd_port_addr(fs->tx_port);
	for (i = 0; i < n; i++) {
		struct sk_buff *skb = skbs[i];

		if (likely(i + 1 < n))
			rte_prefetch0(skb_data(skbs[i + 1]));
		if (unlikely(!pskb_may_pull(skb, RTE_ETHER_HDR_LEN))) {
			fwd_drop(fs, skb, FWD_DROP_TRUNCATED);
			continue;
		}
		memcpy(skb_data(skb), &addrs, sizeof(addrs));
		skbs[nb_tx++] = skb;
	}
	fwd_tx(fs, skbs, nb_tx);
}

const struct fwd_engine mac_engine = {
	.name = "mac",
	.packet_fwd = mac_fwd,
};
