/* SPDX-License-Identifier: BSD-3-Clause */
/* io engine: every skb received is sent unchanged (testpmd's io mode). */

#include "engine.h"

static void
io_fwd(struct fwd_stream *fs)
{
	struct sk_buff *skbs[MAX_PKT_BURST];
	uint64_t rx_bytes = fs->rx_bytes;
	uint16_t n = fwd_rx_pass(fs, skbs);

	if (unlikely(n == 0))
		return;
	fwd_tx_bytes(fs, skbs, n, fs->rx_bytes - rx_bytes);
}

FWD_LCORE_LOOP(io_fwd)

const struct fwd_engine io_engine = {
	.name = "io",
	.packet_fwd = io_fwd,
	.lcore_loop = io_fwd_lcore_loop,
};
