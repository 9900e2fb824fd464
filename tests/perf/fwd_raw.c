/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The raw twins' TX slow path (fwd_raw.h): tx.c's fwd_tx_retry() on rte_mbuf,
 * so that what the benchmark measures of the twins never goes through libskb.
 */

#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>

#include "fwd_raw.h"

#define FWD_RAW_TX_RETRIES 64   /* as tx.c's TX_RETRIES */

uint16_t
fwd_raw_tx_retry(struct fwd_stream *fs, uint16_t port, uint16_t queue,
		 struct rte_mbuf **pkts, uint16_t n, uint16_t sent)
{
	unsigned int retry;

	for (retry = 0; retry < FWD_RAW_TX_RETRIES && sent < n; retry++) {
		rte_delay_us(1);
		sent += rte_eth_tx_burst(port, queue, pkts + sent, n - sent);
	}
	if (unlikely(sent < n)) {
		fs->drops[FWD_DROP_TX_FULL] += n - sent;
		if (fs->tx_ports != NULL)
			fs->tx_ports[port].dropped += n - sent;
		fs->tx_bytes -= fwd_raw_bytes(pkts + sent, (uint16_t)(n - sent));
		rte_pktmbuf_free_bulk(pkts + sent, n - sent);
	}
	return sent;
}
