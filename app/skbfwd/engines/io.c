/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * io engine: every skb received is sent unchanged (testpmd's io mode).  It
 * counts no bytes (device_bytes): the devices' own counters give them.
 */

#include "engine.h"

static void
io_fwd(struct fwd_stream *fs)
{
	struct sk_buff *skbs[MAX_PKT_BURST];
	uint16_t n = fwd_rx_pass_nobytes(fs, skbs);

	if (unlikely(n == 0))
		return;
	/* no pass over the burst: the bytes are the devices' (device_bytes) */
	fwd_tx_bytes(fs, skbs, n, 0);
}

FWD_LCORE_LOOP(io_fwd)

const struct fwd_engine io_engine = {
	.name = "io",
	.packet_fwd = io_fwd,
	.lcore_loop = io_fwd_lcore_loop,
	.device_bytes = true,
};
