/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * skbfwd: the engine table, forwarding streams, configuration and the shared
 * RX/TX/drop helpers every engine builds on (as testpmd's testpmd.h).
 *
 * An engine is one file defining a struct fwd_engine and one line in
 * fwd_engines[] (engines.c).  Its packet_fwd() runs one burst of one stream on
 * the stream's lcore: receive with fwd_rx(), handle each packet through the skb
 * API, drop with fwd_drop() under a named reason, send with fwd_tx().
 */
#ifndef _SKBFWD_FWD_H_
#define _SKBFWD_FWD_H_

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>

#include <rte_common.h>
#include <rte_ethdev.h>
#include <rte_ether.h>

#include "skb.h"

#define MAX_PKT_BURST 512
#define DEFAULT_PKT_BURST 32
#define MAX_FWD_STREAMS 1024
#define TX_RETRIES 64           /* rounds of rte_eth_tx_burst before a TX-full drop */

/* Named drop reasons.  The names are the keys of --stats-json and the stats output. */
#define FWD_DROP_REASONS(X)                 \
	X(TX_FULL, "tx_full")               \
	X(TRUNCATED, "truncated")           \
	X(BAD_HEADER, "bad_header")         \
	X(BAD_CHECKSUM, "bad_checksum")     \
	X(TTL_EXPIRED, "ttl_expired")       \
	X(NO_ROUTE, "no_route")             \
	X(NOT_IPV4, "not_ipv4")             \
	X(NOT_TUNNEL, "not_tunnel")         \
	X(NO_MBUF, "no_mbuf")               \
	X(NO_HEADROOM, "no_headroom")       \
	X(UNSUPPORTED, "unsupported")       \
	X(NOT_FOR_US, "not_for_us")         \
	X(CONSUMED, "consumed")

enum fwd_drop {
#define X(e, s) FWD_DROP_##e,
	FWD_DROP_REASONS(X)
#undef X
	FWD_DROP_MAX
};

extern const char *const fwd_drop_names[FWD_DROP_MAX];

/** One RX queue feeding one TX queue, owned by one lcore.  Counters are its lcore's. */
struct fwd_stream {
	uint16_t rx_port, rx_queue;
	uint16_t tx_port, tx_queue;
	uint16_t lcore_idx;          /* index in fwd_lcores[] of the lcore owning it */
	uint64_t rx_packets;
	uint64_t tx_packets;
	uint64_t rx_bytes;           /* pkt_len sums (no FCS, as ethdev ibytes) */
	uint64_t tx_bytes;
	uint64_t generated;          /* packets an engine made itself (txonly, replies) */
	uint64_t drops[FWD_DROP_MAX];
	uint64_t core_cycles;        /* --record-core-cycles */
	uint64_t gro_merged;         /* --gro: received packets merged into others */
	/* Per TX port counts, for engines that send on other ports than tx_port
	 * (fwd_tx_to()); NULL otherwise.  RTE_MAX_ETHPORTS entries. */
	struct fwd_port_count *tx_ports;
	uint64_t *rx_burst_hist;     /* --record-burst-stats: [0..MAX_PKT_BURST] */
	uint64_t *tx_burst_hist;
	void *engine_ctx;            /* per-stream state of the engine */
} __rte_cache_aligned;

/** Packets and bytes one stream sent on one port (fwd_stream.tx_ports). */
struct fwd_port_count {
	uint64_t packets;
	uint64_t bytes;
};

/** A forwarding engine (testpmd's struct fwd_engine). */
struct fwd_engine {
	const char *name;
	/** Called once on the main lcore after ports start; 0 or -errno (-EINVAL only after printing why). */
	int (*setup)(void);
	/** Called once per stream before forwarding; 0 or -errno. */
	int (*stream_init)(struct fwd_stream *fs);
	/** One burst of one stream. */
	void (*packet_fwd)(struct fwd_stream *fs);
	/** Called once per stream after forwarding stopped. */
	void (*stream_fini)(struct fwd_stream *fs);
	/** Engine-specific long options, terminated by a zeroed entry (may be NULL). */
	const struct option *options;
	/** Parse one of @options (@name, @arg); 0 or -EINVAL after printing why. */
	int (*parse_option)(const char *name, const char *arg);
	/** One line per engine option for --help. */
	const char *usage;
	/** Offloads the engine uses when a port has them (enabled only where reported). */
	uint64_t rx_offloads, tx_offloads;
	/** Sends on any port (fwd_tx_to()): every lcore gets a TX queue on every port. */
	bool tx_any_port;
	/**
	 * Optional: the plain forwarding loop of one lcore with packet_fwd inlined
	 * (define it with FWD_LCORE_LOOP); fwd.c uses it unless cycles or burst
	 * sizes are being recorded.  Saves an indirect call and a function frame
	 * per burst.
	 */
	int (*lcore_loop)(struct fwd_stream **streams, unsigned int nb);
};

/** Define @fn_lcore_loop(), a struct fwd_engine lcore_loop that inlines @fn. */
#define FWD_LCORE_LOOP(fn)                                                      \
static int __attribute__((flatten))                                             \
fn##_lcore_loop(struct fwd_stream **streams, unsigned int nb)                  \
{                                                                               \
	unsigned int i;                                                         \
                                                                                \
	while (!fwd_stop)                                                       \
		for (i = 0; i < nb; i++)                                        \
			fn(streams[i]);                                         \
	return 0;                                                               \
}

extern const struct fwd_engine *const fwd_engines[];
const struct fwd_engine *fwd_engine_find(const char *name);

enum port_topology { TOPO_PAIRED, TOPO_CHAINED, TOPO_LOOP };

/** Everything the options set. */
struct skbfwd_config {
	const struct fwd_engine *engine;
	uint16_t burst;
	unsigned int stats_period;        /* seconds, 0: no periodic output */
	double duration;                  /* seconds, 0: until a signal */
	enum port_topology topology;
	struct rte_ether_addr peer[RTE_MAX_ETHPORTS];
	unsigned int total_num_mbufs;     /* 0: computed */
	unsigned int nb_cores;
	uint16_t nb_rxq, nb_txq;
	uint16_t nb_rxd, nb_txd;
	uint64_t portmask;                /* 0: every port */
	bool record_core_cycles;
	bool record_burst_stats;
	bool gro;                         /* --gro: merge RX bursts (skb_gro_burst) */
	const char *stats_json;           /* --stats-json FILE, NULL: none */
};

extern struct skbfwd_config cfg;

/* Ports in use, in forwarding order. */
extern uint16_t fwd_ports[RTE_MAX_ETHPORTS];
extern uint16_t nb_fwd_ports;
extern struct rte_ether_addr fwd_port_mac[RTE_MAX_ETHPORTS];

extern struct fwd_stream fwd_streams[MAX_FWD_STREAMS];
extern unsigned int nb_fwd_streams;

/** Set by the main lcore to stop the forwarding lcores. */
extern volatile bool fwd_stop;

/* gso.c: segmentation on transmit, on while fwd_gso_on (--gro, txonly --tx-gso) */
/** TX offloads that make a port segment TCP/IPv4 GSO skbs itself. */
#define FWD_GSO_TSO_OFFLOADS (RTE_ETH_TX_OFFLOAD_TCP_TSO | RTE_ETH_TX_OFFLOAD_IPV4_CKSUM | \
			      RTE_ETH_TX_OFFLOAD_MULTI_SEGS)
/** True when GSO skbs may reach fwd_tx(): set before the ports are set up. */
extern bool fwd_gso_on;
/** Decide once per port, from its enabled offloads, TSO or software GSO (prints it). */
void fwd_gso_setup(void);
/** At exit: "GRO: N packets received, M skbs after merging" (--gro), "GSO: ..." counts. */
void fwd_gso_print_stats(void);
struct fwd_stream;
/** fwd_tx_to() for bursts that may hold GSO skbs: TSO or skb_gso_segment() first. */
void fwd_tx_gso(struct fwd_stream *fs, uint16_t port, uint16_t queue,
		struct sk_buff **skbs, uint16_t n);

/* params.c */
int skbfwd_parse_args(int argc, char **argv);
void skbfwd_usage(const char *prog);
int skbfwd_parse_mac(const char *s, struct rte_ether_addr *mac);
int skbfwd_parse_ipv4(const char *s, uint32_t *be_addr);
/**
 * Split "PORT,VALUE" (--eth-peer, --icmp-ip): *@port (< RTE_MAX_ETHPORTS) and
 * *@rest pointing at VALUE inside @arg.  @return 0; -ERANGE for a bad PORT
 * (already reported under --@opt); -EINVAL for no "PORT," (the caller reports it).
 */
int skbfwd_parse_port_prefix(const char *opt, const char *arg, uint16_t *port,
			     const char **rest);
/**
 * Call @fn for each line of the configuration @file with '#' comments and
 * leading blanks removed, skipping empty lines, until @fn returns non-zero.
 * @fn reports its own errors (as "FILE:LINE: why").
 * @return 0, the first non-zero return of @fn, or -errno when @file cannot be
 * opened (reported under --@opt).
 */
int skbfwd_conf_foreach(const char *opt, const char *file,
			int (*fn)(const char *file, unsigned int lineno, char *line, void *arg),
			void *arg);

/* stats.c */
void stats_init(void);
void stats_print_period(double seconds);
void stats_print_final(void);

/* ------------------------------------------------------------ per-burst helpers */

/** Sum of skb_len() over @n skbs. */
static inline uint64_t
fwd_bytes(struct sk_buff *const *skbs, uint16_t n)
{
	/* 32 bits: a burst's bytes sit in memory at once, far below 4 GiB;
	 * lets the compiler add straight from memory (two instructions a packet) */
	uint32_t bytes = 0;
	uint16_t i;

#pragma GCC unroll 8
	for (i = 0; i < n; i++)
		bytes += skb_len(skbs[i]);
	return bytes;
}

/**
 * As fwd_rx(), but the caller adds the skb_len() of every skb returned to
 * fs->rx_bytes itself, in the pass over the burst it makes anyway (saves one).
 * With GRO on, the difference between the wire bytes and the merged lengths
 * is counted here, so the total is the wire bytes all the same.
 * @return the number of skbs in @skbs.
 */
static inline uint16_t
__fwd_rx(struct fwd_stream *fs, struct sk_buff **skbs)
{
	uint16_t n = skb_rx_burst(fs->rx_port, fs->rx_queue, skbs, cfg.burst);

	fs->rx_packets += n;
	if (unlikely(cfg.gro)) {
		uint64_t wire = fwd_bytes(skbs, n);
		uint16_t merged = skb_gro_burst(skbs, n, SKB_GRO_ALL);

		fs->gro_merged += n - merged;
		n = merged;
		fs->rx_bytes += wire - fwd_bytes(skbs, n);
	}
	return n;
}

/** Receive one burst on @fs into @skbs.  @return the number received. */
static inline uint16_t
fwd_rx(struct fwd_stream *fs, struct sk_buff **skbs)
{
	uint16_t n = __fwd_rx(fs, skbs);

	fs->rx_bytes += fwd_bytes(skbs, n);
	return n;
}

/** Drop @skb under @reason: freed and counted. */
static inline void
fwd_drop(struct fwd_stream *fs, struct sk_buff *skb, enum fwd_drop reason)
{
	fs->drops[reason]++;
	kfree_skb(skb);
}

/**
 * Slow path of fwd_tx()/fwd_tx_to(): bounded retries on @port/@queue, then
 * TX-full drops (their bytes taken back from fs->tx_bytes).  @return sent.
 */
uint16_t fwd_tx_retry(struct fwd_stream *fs, uint16_t port, uint16_t queue,
		      struct sk_buff **skbs, uint16_t n, uint16_t sent);

/**
 * As fwd_tx() when the caller already knows the @bytes of the @n skbs (io: the
 * burst as received), saving a pass over the burst.
 */
static inline void
fwd_tx_bytes(struct fwd_stream *fs, struct sk_buff **skbs, uint16_t n, uint64_t bytes)
{
	uint16_t sent;

	if (unlikely(fwd_gso_on)) {
		fwd_tx_gso(fs, fs->tx_port, fs->tx_queue, skbs, n);
		return;
	}
	fs->tx_bytes += bytes;
	sent = skb_tx_burst(fs->tx_port, fs->tx_queue, skbs, n);
	if (unlikely(sent < n))
		sent = fwd_tx_retry(fs, fs->tx_port, fs->tx_queue, skbs, n, sent);
	fs->tx_packets += sent;
}

/** Send @n skbs on @fs; what the port refuses after retries is dropped as tx_full. */
static inline void
fwd_tx(struct fwd_stream *fs, struct sk_buff **skbs, uint16_t n)
{
	/* lengths read before the driver owns (and may free) the skbs */
	fwd_tx_bytes(fs, skbs, n, fwd_bytes(skbs, n));
}

/**
 * Send @n skbs of known @bytes on @port/@queue rather than the stream's own TX
 * port (engines with tx_any_port; @queue is fwd_tx_queue_any(fs)).  Counted in
 * fs totals and, when fs->tx_ports is set, per port.  Refused skbs are dropped
 * as tx_full.  No segmentation: use fwd_tx_to_bytes(), which segments GSO skbs
 * while fwd_gso_on.
 */
static inline void
__fwd_tx_to_bytes(struct fwd_stream *fs, uint16_t port, uint16_t queue,
		  struct sk_buff **skbs, uint16_t n, uint64_t bytes)
{
	uint64_t tx_bytes0 = fs->tx_bytes;
	uint16_t sent;

	fs->tx_bytes += bytes;
	sent = skb_tx_burst(port, queue, skbs, n);
	if (unlikely(sent < n))
		sent = fwd_tx_retry(fs, port, queue, skbs, n, sent);
	fs->tx_packets += sent;
	if (fs->tx_ports != NULL) {
		fs->tx_ports[port].packets += sent;
		fs->tx_ports[port].bytes += fs->tx_bytes - tx_bytes0;
	}
}

/** As __fwd_tx_to_bytes(), the bytes summed here (a pass over the burst). */
static inline void
__fwd_tx_to(struct fwd_stream *fs, uint16_t port, uint16_t queue,
	    struct sk_buff **skbs, uint16_t n)
{
	__fwd_tx_to_bytes(fs, port, queue, skbs, n, fwd_bytes(skbs, n));
}

/**
 * As __fwd_tx_to_bytes(), GSO skbs segmented first while fwd_gso_on (then the
 * segmentation path counts the bytes it sends and @bytes is not used).
 */
static inline void
fwd_tx_to_bytes(struct fwd_stream *fs, uint16_t port, uint16_t queue,
		struct sk_buff **skbs, uint16_t n, uint64_t bytes)
{
	if (unlikely(fwd_gso_on))
		fwd_tx_gso(fs, port, queue, skbs, n);
	else
		__fwd_tx_to_bytes(fs, port, queue, skbs, n, bytes);
}

/** As __fwd_tx_to(), GSO skbs segmented first while fwd_gso_on. */
static inline void
fwd_tx_to(struct fwd_stream *fs, uint16_t port, uint16_t queue,
	  struct sk_buff **skbs, uint16_t n)
{
	if (unlikely(fwd_gso_on))
		fwd_tx_gso(fs, port, queue, skbs, n);
	else
		__fwd_tx_to(fs, port, queue, skbs, n);
}

/** The TX queue an lcore owns on every port (engines with tx_any_port). */
static inline uint16_t
fwd_tx_queue_any(const struct fwd_stream *fs)
{
	return fs->lcore_idx;
}

/** The MAC @port_id transmits with. */
static inline const struct rte_ether_addr *
fwd_port_addr(uint16_t port_id)
{
	return &fwd_port_mac[port_id];
}

#endif /* _SKBFWD_FWD_H_ */
