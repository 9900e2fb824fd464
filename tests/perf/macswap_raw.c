/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * macswap-raw engine: macswap (engines/macswap.c with fwd_l2.h's loop) written on
 * rte_mbuf without the skb layer, so the benchmark can print what the layer
 * costs.  Same single pass (prefetch, bytes, macswap.h's swap), same drops
 * (truncated), same counters.
 */

#include <rte_prefetch.h>

#include "fwd_raw.h"
#include "macswap.h"

/* Out of line: squeeze the NULLs left by drops out of @pkts (fwd_l2_compact()).  @return the count left. */
static __rte_noinline uint16_t
macswap_raw_compact(struct rte_mbuf **pkts, uint16_t n)
{
	uint16_t i, k = 0;

	for (i = 0; i < n; i++)
		if (pkts[i] != NULL)
			pkts[k++] = pkts[i];
	return k;
}

/* Out of line: a head under MACSWAP_FAST_LEN bytes.  @return true when @m stays in the burst. */
static __rte_noinline bool
macswap_raw_short(struct fwd_stream *fs, struct rte_mbuf *m, uint32_t *drop_bytes)
{
	if (unlikely(!fwd_raw_may_pull(m, RTE_ETHER_HDR_LEN))) {
		*drop_bytes += m->pkt_len;
		fwd_raw_drop(fs, m, FWD_DROP_TRUNCATED);
		return false;
	}
	macswap_portable(rte_pktmbuf_mtod(m, unsigned char *));
	return true;
}

static void
macswap_raw_fwd(struct fwd_stream *fs)
{
	struct rte_mbuf *pkts[MAX_PKT_BURST + 1], *m;
	uint16_t n = rte_eth_rx_burst(fs->rx_port, fs->rx_queue, pkts, fs->burst);
	uint16_t i, nb_drop = 0;
	uint64_t bytes = 0;   /* as fwd_l2_burst() */
	uint32_t drop_bytes = 0;
	unsigned char *data;

	fs->rx_packets += n;
	if (unlikely(n == 0))
		return;
	pkts[n] = pkts[n - 1];
	m = pkts[0];
	data = rte_pktmbuf_mtod(m, unsigned char *);
	for (i = 0; i < n; i++) {
		struct rte_mbuf *next = pkts[i + 1];
		unsigned char *next_data = rte_pktmbuf_mtod(next, unsigned char *);

		rte_prefetch0(next_data);
		bytes += m->pkt_len;
		if (likely(m->data_len >= MACSWAP_FAST_LEN)) {
			macswap_fast(data);
		} else if (unlikely(!macswap_raw_short(fs, m, &drop_bytes))) {
			pkts[i] = NULL;
			nb_drop++;
		}
		m = next;
		data = next_data;
	}
	fs->rx_bytes += bytes;
	if (unlikely(nb_drop != 0))
		n = macswap_raw_compact(pkts, n);
	fwd_raw_tx_bytes(fs, pkts, n, bytes - drop_bytes);
}

FWD_LCORE_LOOP(macswap_raw_fwd)

const struct fwd_engine macswap_raw_engine = {
	.name = "macswap-raw",
	.packet_fwd = macswap_raw_fwd,
	.lcore_loop = macswap_raw_fwd_lcore_loop,
};
