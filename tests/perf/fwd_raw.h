/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Raw-mbuf twins of engine.h's per-burst helpers, for the *-raw engines of
 * skbfwd-bench (io-raw, macswap-raw, l3fwd-raw): the same loop and the same
 * counters (packets, bytes, named drops) written on rte_mbuf without the skb
 * layer, so the benchmark (tests/perf/bench.py) can print what the skb layer
 * costs.  Keep each helper identical in effect to its engine.h twin; the twins
 * never call the skb layer, not even for the TX slow path (fwd_raw.c).
 */
#ifndef _SKBFWD_FWD_RAW_H_
#define _SKBFWD_FWD_RAW_H_

#include <rte_ethdev.h>
#include <rte_mbuf.h>

#include "engine.h"

/** Sum of pkt_len over @n mbufs (fwd_bytes()). */
static inline uint64_t
fwd_raw_bytes(struct rte_mbuf *const *pkts, uint16_t n)
{
	uint32_t bytes = 0;   /* 32 bits, as fwd_bytes() */
	uint16_t i;

#pragma GCC unroll 8
	for (i = 0; i < n; i++)
		bytes += pkts[i]->pkt_len;
	return bytes;
}

/** As fwd_raw_rx(), the caller adding the bytes (fwd_rx_nobytes()).  @return the number received. */
static inline uint16_t
fwd_raw_rx_nobytes(struct fwd_stream *fs, struct rte_mbuf **pkts)
{
	uint16_t n = rte_eth_rx_burst(fs->rx_port, fs->rx_queue, pkts, fs->burst);

	fs->rx_packets += n;
	return n;
}

/** Receive one burst on @fs (fwd_rx()).  @return the number received. */
static inline uint16_t
fwd_raw_rx(struct fwd_stream *fs, struct rte_mbuf **pkts)
{
	uint16_t n = fwd_raw_rx_nobytes(fs, pkts);

	fs->rx_bytes += fwd_raw_bytes(pkts, n);
	return n;
}

/** Drop @m under @reason: freed and counted (fwd_drop()). */
static inline void
fwd_raw_drop(struct fwd_stream *fs, struct rte_mbuf *m, enum fwd_drop reason)
{
	fs->drops[reason]++;
	rte_pktmbuf_free(m);
}

/**
 * fwd_tx_retry() on mbufs (fwd_raw.c): bounded retries of the @n - @sent
 * mbufs left, then tx_full drops (freed, their bytes taken back from
 * fs->tx_bytes).  @return the number sent in all.
 */
uint16_t fwd_raw_tx_retry(struct fwd_stream *fs, uint16_t port, uint16_t queue,
			  struct rte_mbuf **pkts, uint16_t n, uint16_t sent);

/** Send @n mbufs of known @bytes on @fs (fwd_tx_bytes()). */
static inline void
fwd_raw_tx_bytes(struct fwd_stream *fs, struct rte_mbuf **pkts, uint16_t n, uint64_t bytes)
{
	uint16_t sent;

	fs->tx_bytes += bytes;
	sent = rte_eth_tx_burst(fs->tx_port, fs->tx_queue, pkts, n);
	if (unlikely(sent < n))
		sent = fwd_raw_tx_retry(fs, fs->tx_port, fs->tx_queue, pkts, n, sent);
	fs->tx_packets += sent;
}

/** Send @n mbufs on @fs; refused ones are dropped as tx_full (fwd_tx()). */
static inline void
fwd_raw_tx(struct fwd_stream *fs, struct rte_mbuf **pkts, uint16_t n)
{
	fwd_raw_tx_bytes(fs, pkts, n, fwd_raw_bytes(pkts, n));
}

/** Send @n mbufs of known @bytes on @port/@queue (fwd_tx_nogso_to()). */
static inline void
fwd_raw_tx_to_bytes(struct fwd_stream *fs, uint16_t port, uint16_t queue,
		    struct rte_mbuf **pkts, uint16_t n, uint64_t bytes)
{
	uint64_t tx_bytes0 = fs->tx_bytes;
	uint16_t sent;

	fs->tx_bytes += bytes;
	sent = rte_eth_tx_burst(port, queue, pkts, n);
	if (unlikely(sent < n))
		sent = fwd_raw_tx_retry(fs, port, queue, pkts, n, sent);
	fs->tx_packets += sent;
	if (fs->tx_ports != NULL) {
		fs->tx_ports[port].packets += sent;
		fs->tx_ports[port].bytes += fs->tx_bytes - tx_bytes0;
	}
}

/** Send @n mbufs on @port/@queue (fwd_tx_to() without GSO), counted per port when asked. */
static inline void
fwd_raw_tx_to(struct fwd_stream *fs, uint16_t port, uint16_t queue,
	      struct rte_mbuf **pkts, uint16_t n)
{
	fwd_raw_tx_to_bytes(fs, port, queue, pkts, n, fwd_raw_bytes(pkts, n));
}

/**
 * Make the first @len bytes of @m contiguous in its first segment (the raw
 * counterpart of pskb_may_pull()).  @return true when they are.
 */
static inline bool
fwd_raw_may_pull(struct rte_mbuf *m, uint32_t len)
{
	if (likely(len <= m->data_len))
		return true;
	if (len > m->pkt_len)
		return false;
	return rte_pktmbuf_linearize(m) == 0;
}

#endif /* _SKBFWD_FWD_RAW_H_ */
