/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * io-raw engine: io (engines/io.c) written on rte_mbuf without the skb layer, so the
 * benchmark can print what the layer costs.  Same loop, same counters (the bytes
 * the devices' own, device_bytes, as io's).
 */

#include "fwd_raw.h"

static void
io_raw_fwd(struct fwd_stream *fs)
{
	struct rte_mbuf *pkts[MAX_PKT_BURST];
	uint16_t n = fwd_raw_rx_nobytes(fs, pkts);

	if (unlikely(n == 0))
		return;
	fwd_raw_tx_bytes(fs, pkts, n, 0);
}

FWD_LCORE_LOOP(io_raw_fwd)

const struct fwd_engine io_raw_engine = {
	.name = "io-raw",
	.packet_fwd = io_raw_fwd,
	.lcore_loop = io_raw_fwd_lcore_loop,
	.device_bytes = true,
};
