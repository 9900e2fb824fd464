/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * macswap-raw engine: macswap (macswap.c) written on rte_mbuf without the skb
 * layer, so the benchmark can print what the layer costs.  Same loop, same
 * drops (truncated), same counters.
 */

#include <rte_prefetch.h>

#include "fwd_raw.h"

static void
macswap_raw_fwd(struct fwd_stream *fs)
{
	struct rte_mbuf *pkts[MAX_PKT_BURST];
	uint16_t n = fwd_raw_rx(fs, pkts), i, nb_tx = 0;

	if (unlikely(n == 0))
		return;
	for (i = 0; i < n; i++) {
		struct rte_mbuf *m = pkts[i];
		struct rte_ether_hdr *eth;
		struct rte_ether_addr tmp;

		if (likely(i + 1 < n))
			rte_prefetch0(rte_pktmbuf_mtod(pkts[i + 1], void *));
		if (unlikely(!fwd_raw_may_pull(m, RTE_ETHER_HDR_LEN))) {
			fwd_raw_drop(fs, m, FWD_DROP_TRUNCATED);
			continue;
		}
		eth = rte_pktmbuf_mtod(m, struct rte_ether_hdr *);
		tmp = eth->dst_addr;
		eth->dst_addr = eth->src_addr;
		eth->src_addr = tmp;
		pkts[nb_tx++] = m;
	}
	fwd_raw_tx(fs, pkts, nb_tx);
}

const struct fwd_engine macswap_raw_engine = {
	.name = "macswap-raw",
	.packet_fwd = macswap_raw_fwd,
};
