/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The slow path of fwd_rx() (engine.h), taken only by streams with
 * fwd_stream rx_hooks set: the latency probes of the burst measured
 * (--latency), then GRO's merge (--gro).  Streams without either pay one
 * test a burst for both.
 */

#include "engine.h"
#include "latency.h"

uint16_t
fwd_rx_hooks(struct fwd_stream *fs, struct sk_buff **skbs, uint16_t n)
{
	if (n == 0)
		return 0;
	if (fs->rx_hooks & FWD_RX_LATENCY)
		latency_rx(fs, skbs, n);
	if (fs->rx_hooks & FWD_RX_GRO) {
		uint64_t wire = fwd_bytes(skbs, n);
		uint16_t merged = skb_gro_burst(skbs, n, SKB_GRO_ALL);

		fs->gro_merged += n - merged;
		n = merged;
		fs->rx_bytes += wire - fwd_bytes(skbs, n);
	}
	return n;
}
