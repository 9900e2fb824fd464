/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * skbfwd's engine interface: what a forwarding engine is (struct fwd_engine),
 * the stream it runs on with the stream's counters (struct fwd_stream), the
 * named drop reasons, and the per-burst helpers every engine builds on
 * (fwd_rx(), fwd_tx(), fwd_tx_to(), fwd_drop()), as testpmd's testpmd.h does
 * for testpmd's engines.  Nothing else: configuration is config.h, streams and
 * lcores runtime.h, statistics stats.h.
 *
 * An engine is one file defining a struct fwd_engine, listed in the engine
 * table the program hands to the runtime.  Its packet_fwd() runs one burst of
 * one stream on the stream's lcore: receive with fwd_rx(), handle each packet
 * through the skb API, drop with fwd_drop() under a named reason, send with
 * fwd_tx().
 *
 * The TX helpers are one unit with tx.c: the inline fast path here, the slow
 * paths (bounded retries, GSO segmentation) there; tx.c calls nothing outside
 * this header and libskb, so no call runs back and forth between files.  The
 * RX helpers' slow path (GRO, latency probes) is rx.c, behind one test a burst.
 */
#ifndef _SKBFWD_ENGINE_H_
#define _SKBFWD_ENGINE_H_

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <rte_common.h>
#include <rte_ether.h>
#include <rte_lcore.h>

#include "quiesce.h"
#include "skb.h"
#include "skb_gso.h"

#define MAX_PKT_BURST 512       /* the largest --burst */
#define DEFAULT_PKT_BURST 32

/*
 * Named drop reasons: the name is the key of --stats-json and the stats
 * output, the last column the libskb reason (enum skb_drop_reason, Linux's
 * name where Linux has the reason) each drop is counted under too.
 */
#define FWD_DROP_REASONS(X)                                    \
	X(TX_FULL, "tx_full", FULL_RING)                       \
	X(TRUNCATED, "truncated", PKT_TOO_SMALL)               \
	X(BAD_HEADER, "bad_header", BAD_HEADER)                \
	X(BAD_CHECKSUM, "bad_checksum", BAD_CHECKSUM)          \
	X(TTL_EXPIRED, "ttl_expired", TTL_EXPIRED)             \
	X(NO_ROUTE, "no_route", IP_INNOROUTES)                 \
	X(NOT_IPV4, "not_ipv4", UNHANDLED_PROTO)               \
	X(NOT_TUNNEL, "not_tunnel", NOT_TUNNEL)                \
	X(NO_MBUF, "no_mbuf", NOMEM)                           \
	X(NO_HEADROOM, "no_headroom", NO_HEADROOM)             \
	X(UNSUPPORTED, "unsupported", UNSUPPORTED)             \
	X(NOT_FOR_US, "not_for_us", OTHERHOST)                 \
	X(BAD_ADDRESS, "bad_address", IP_INHDR)                \
	X(CONSUMED, "consumed", CONSUMED)

enum fwd_drop {
#define X(e, s, r) FWD_DROP_##e,
	FWD_DROP_REASONS(X)
#undef X
	FWD_DROP_MAX
};

/** Packets and bytes one stream sent on one port, and those the port refused (fwd_stream.tx_ports). */
struct fwd_port_count {
	uint64_t packets;
	uint64_t bytes;
	uint64_t dropped;            /* tx_full drops on this port */
};

/**
 * One RX queue feeding one TX queue, owned by one lcore.  The runtime fills
 * the first lines before forwarding starts; the counters are the lcore's.
 */
struct fwd_stream {
	uint16_t rx_port, rx_queue;
	uint16_t tx_port, tx_queue;
	uint16_t lcore_idx;          /* index of the owning lcore (runtime.h) */
	uint16_t burst;              /* packets per RX burst (--burst) */
	uint8_t tx_hooks;            /* FWD_TX_*: what TX does before sending (tx.c) */
	uint8_t rx_hooks;            /* FWD_RX_*: what fwd_rx() does past receiving (rx.c) */
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
	struct fwd_latency *lat;     /* --latency: probes sent and measured (latency.h) */
	/* Bad checksums seen on RX (engines with checksum_counts: testpmd's Bad-* lines) */
	uint64_t rx_bad_ip_csum;
	uint64_t rx_bad_l4_csum;
	uint64_t rx_bad_outer_l4_csum;
	uint64_t rx_bad_outer_ip_csum;
} __rte_cache_aligned;

/**
 * Options owned by one engine, or shared by a few (the --vxlan-* options of
 * encap and decap): each engine lists the sets it accepts in its
 * fwd_engine.options, and an option of a set the chosen engine does not list
 * is an error (config.c).  Parsing only stores the value where the engine's
 * next setup() reads it, so options can be given in any order and set again
 * between runs.
 */
struct fwd_options {
	/** Long options (getopt_long: name and has_arg), terminated by a zeroed entry. */
	const struct option *longopts;
	/**
	 * Store the value of option @name (@arg, NULL for an option without one,
	 * or "off" for one when the set says so in @off; the caller's string,
	 * which need not outlive the call: keep a copy).
	 * @return 0; -EINVAL after printing one "skbfwd: --NAME..." line.
	 */
	int (*parse)(const char *name, const char *arg);
	/** The --help lines of the options. */
	const char *usage;
	/**
	 * parse() takes "off" as @arg of its options without a value, to turn
	 * one off (the console's `set NAME off`); false: they only turn on.
	 */
	bool off;
};

/** A NULL-terminated list of option sets for fwd_engine.options. */
#define FWD_OPTIONS(...) ((const struct fwd_options *const[]){ __VA_ARGS__, NULL })

/**
 * A forwarding engine (testpmd's struct fwd_engine).  Every hook is optional
 * but packet_fwd.  Around each run the runtime calls setup(), stream_init()
 * of each stream, then after the lcores stopped stream_fini() of each stream
 * and teardown(): a later run (another engine, or the same with other options
 * or streams) calls them all again, on ports that stay as they are.
 * stream_stop() of each stream runs when the lcores stop, before the
 * statistics.
 */
struct fwd_engine {
	const char *name;
	/**
	 * Called on the main lcore after the ports started, before the streams
	 * are set up; 0 or -errno (-EINVAL only after printing why).  On
	 * failure it leaves nothing behind: teardown() is not called.
	 */
	int (*setup)(void);
	/** Called once per stream before forwarding; 0 or -errno. */
	int (*stream_init)(struct fwd_stream *fs);
	/** One burst of one stream. */
	void (*packet_fwd)(struct fwd_stream *fs);
	/**
	 * Called on the main lcore for each stream once the lcores stopped,
	 * before the statistics are read: send or free what the engine still
	 * holds (noisy's FIFO), so that it is counted.  The stream's queues
	 * are the main lcore's then.
	 */
	void (*stream_stop)(struct fwd_stream *fs);
	/** Called once per stream after forwarding stopped. */
	void (*stream_fini)(struct fwd_stream *fs);
	/** Called once after every stream_fini(): undo setup(). */
	void (*teardown)(void);
	/**
	 * True when the engine, as its options stand, makes GSO skbs (txonly
	 * --tx-gso): the ports are then asked for TSO and TX segments what they
	 * cannot take.  NULL: never.
	 */
	bool (*sends_gso)(void);
	/**
	 * The option sets the engine accepts (FWD_OPTIONS(&a, &b)), NULL: none.
	 * Any other engine's option is refused while this engine is chosen.
	 */
	const struct fwd_options *const *options;
	/** Offloads the engine uses when a port has them (enabled only where reported). */
	uint64_t rx_offloads, tx_offloads;
	/** Sends on any port (fwd_tx_to()): every lcore gets a TX queue on every port. */
	bool tx_any_port;
	/**
	 * Makes the packets it sends (txonly, flowgen): --record-core-cycles
	 * divides the cycles by the packets sent, not by those received, as
	 * testpmd does.
	 */
	bool generator;
	/** Never polls RX (txonly): --record-burst-stats has no RX line for it. */
	bool no_rx;
	/**
	 * Counts no bytes itself (io): skbfwd's byte figures for its streams are
	 * the devices' own per-queue counters (the RX queue's q_ibytes, the TX
	 * queue's q_obytes since the run started), so no pass over the burst
	 * reads each mbuf again.  0 on a device that keeps none (net_null).
	 */
	bool device_bytes;
	/** Counts bad checksums in fwd_stream rx_bad_*: the blocks get testpmd's Bad-* lines. */
	bool checksum_counts;
	/**
	 * Sends CHECKSUM_PARTIAL skbs (skb_partial_csum_set()): TX finishes
	 * their checksums, by the port's TCP/UDP checksum offload where drivers-glue
	 * enabled it (list it in tx_offloads), by skb_checksum_help() elsewhere.
	 */
	bool csum_partial;
	/**
	 * Optional: write the engine's own members of --stats-json into @f, each
	 * after a comma and a newline (",\n  \"rfc2544\": {...}"); called on the
	 * main lcore each time the file is written (at a stop, and at the exit
	 * after a stop: the results must outlive teardown()).
	 */
	void (*stats_json)(FILE *f);
	/**
	 * Optional: the plain forwarding loop of one lcore with packet_fwd
	 * inlined (define it with FWD_LCORE_LOOP), run until *@stop; the
	 * runtime uses it unless cycles or burst sizes are being recorded.
	 * Saves an indirect call and a function frame per burst.
	 */
	int (*lcore_loop)(struct fwd_stream *const *streams, unsigned int nb,
			  const volatile bool *stop);
};

/**
 * Define @fn_lcore_loop(), a struct fwd_engine lcore_loop that inlines @fn;
 * the lcore reports a quiescent state (glue_poll_quiescent()) after each round
 * of its streams.
 */
#define FWD_LCORE_LOOP(fn)                                                      \
static int __attribute__((flatten))                                             \
fn##_lcore_loop(struct fwd_stream *const *streams, unsigned int nb,            \
		const volatile bool *stop)                                      \
{                                                                               \
	unsigned int i, lcore = rte_lcore_id();                                 \
                                                                                \
	while (!*stop) {                                                        \
		for (i = 0; i < nb; i++)                                        \
			fn(streams[i]);                                         \
		glue_poll_quiescent(lcore);                                     \
	}                                                                       \
	return 0;                                                               \
}

/* ------------------------------------------------------------------ ports */

/** What an engine knows of a port; the runtime sets it before forwarding starts. */
struct fwd_port {
	struct rte_ether_addr mac;   /* the port's own MAC, the source of what it sends */
	struct rte_ether_addr peer;  /* destination MAC of frames it sends (--eth-peer) */
	bool forwarding;             /* one of the ports skbfwd forwards on */
};

extern struct fwd_port fwd_port_info[RTE_MAX_ETHPORTS];

/** The MAC @port_id transmits with. */
static inline const struct rte_ether_addr *
fwd_port_addr(uint16_t port_id)
{
	return &fwd_port_info[port_id].mac;
}

/** The destination MAC of frames sent on @port_id (--eth-peer, default 02:00:00:00:00:PORT). */
static inline const struct rte_ether_addr *
fwd_peer_addr(uint16_t port_id)
{
	return &fwd_port_info[port_id].peer;
}

/** True when skbfwd forwards on @port_id. */
static inline bool
fwd_port_is_forwarding(uint16_t port_id)
{
	return port_id < RTE_MAX_ETHPORTS && fwd_port_info[port_id].forwarding;
}

/* ------------------------------------------------------------------- RX */

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

/* fwd_stream rx_hooks: the RX slow path, one test a burst when none is on */
#define FWD_RX_GRO 0x1               /* merge the burst (--gro) */
#define FWD_RX_LATENCY 0x2           /* measure the probes in it (--latency, latency.h) */

/**
 * rx.c: what fwd_rx() does with the @n skbs just received on @fs when
 * fs->rx_hooks is set: the latency probes measured, then GRO's merge (the
 * difference between the wire bytes and the merged lengths counted in
 * fs->rx_bytes).  @return the number of skbs left in @skbs.
 */
uint16_t fwd_rx_hooks(struct fwd_stream *fs, struct sk_buff **skbs, uint16_t n);

/*
 * The one RX path of the helpers below.  @fields: every skb's fields made valid
 * (skb_rx_burst()), for engines that read or set them (header offsets, protocol,
 * cb, ...); false: the bare __skb_rx_burst() of the engines that pass packets
 * through and only use accessor calls (io, mac, macswap, noisy, flowgen), which never
 * touch the private area.
 */
static __rte_always_inline uint16_t
fwd_rx_burst(struct fwd_stream *fs, struct sk_buff **skbs, bool fields)
{
	uint16_t n = fields ? skb_rx_burst(fs->rx_port, fs->rx_queue, skbs, fs->burst) :
			      __skb_rx_burst(fs->rx_port, fs->rx_queue, skbs, fs->burst);

	fs->rx_packets += n;
	if (unlikely(fs->rx_hooks))
		n = fwd_rx_hooks(fs, skbs, n);
	return n;
}

/**
 * Receive one burst on @fs into @skbs, counting the packets but not the bytes:
 * the caller adds the skb_len() of every skb returned to fs->rx_bytes itself,
 * in the pass over the burst it makes anyway (saves one).  With GRO on, the
 * difference between the wire bytes and the merged lengths is counted here,
 * so the total is the wire bytes all the same.  Every skb's fields are valid
 * (skb_rx_burst()).
 * @return the number of skbs in @skbs.
 */
static inline uint16_t
fwd_rx_nobytes(struct fwd_stream *fs, struct sk_buff **skbs)
{
	return fwd_rx_burst(fs, skbs, true);
}

/* fwd_rx_burst() with the bytes counted too. */
static __rte_always_inline uint16_t
fwd_rx_burst_bytes(struct fwd_stream *fs, struct sk_buff **skbs, bool fields)
{
	uint16_t n = fwd_rx_burst(fs, skbs, fields);

	fs->rx_bytes += fwd_bytes(skbs, n);
	return n;
}

/** Receive one burst on @fs into @skbs, packets and bytes counted.  @return the number received. */
static inline uint16_t
fwd_rx(struct fwd_stream *fs, struct sk_buff **skbs)
{
	return fwd_rx_burst_bytes(fs, skbs, true);
}

/**
 * As fwd_rx_nobytes() for an engine that passes packets through and never reads
 * or sets a plain skb field (__skb_rx_burst(): the fields are not made valid;
 * accessor calls stay right).
 */
static inline uint16_t
fwd_rx_pass_nobytes(struct fwd_stream *fs, struct sk_buff **skbs)
{
	return fwd_rx_burst(fs, skbs, false);
}

/** As fwd_rx() for a pass-through engine (fwd_rx_pass_nobytes()). */
static inline uint16_t
fwd_rx_pass(struct fwd_stream *fs, struct sk_buff **skbs)
{
	return fwd_rx_burst_bytes(fs, skbs, false);
}

/** The libskb drop reason of each enum fwd_drop (the last column of FWD_DROP_REASONS). */
static const uint8_t fwd_drop_skb_reason[FWD_DROP_MAX] = {
#define X(e, s, r) [FWD_DROP_##e] = SKB_DROP_REASON_##r,
	FWD_DROP_REASONS(X)
#undef X
};

/** The drops of @fs, every reason summed. */
static inline uint64_t
fwd_stream_drops(const struct fwd_stream *fs)
{
	uint64_t d = 0;
	unsigned int r;

	for (r = 0; r < FWD_DROP_MAX; r++)
		d += fs->drops[r];
	return d;
}

/** Drop @skb under @reason: counted in the stream and freed with kfree_skb_reason(). */
static inline void
fwd_drop(struct fwd_stream *fs, struct sk_buff *skb, enum fwd_drop reason)
{
	fs->drops[reason]++;
	kfree_skb_reason(skb, (enum skb_drop_reason)fwd_drop_skb_reason[reason]);
}

/** fwd_drop() of @n skbs under one @reason (kfree_skb_bulk_reason()). */
static inline void
fwd_drop_bulk(struct fwd_stream *fs, struct sk_buff **skbs, uint16_t n, enum fwd_drop reason)
{
	fs->drops[reason] += n;
	kfree_skb_bulk_reason(skbs, n, (enum skb_drop_reason)fwd_drop_skb_reason[reason]);
}

/**
 * fwd_drop_bulk() of skbs that only the bare receive (fwd_rx_pass()) handed
 * out and nothing else holds (__kfree_skb_bulk_reason_len(): no users check).
 * @return the bytes of the @n skbs, summed in the pass that frees them.
 */
static inline uint64_t
__fwd_drop_bulk(struct fwd_stream *fs, struct sk_buff **skbs, uint16_t n, enum fwd_drop reason)
{
	fs->drops[reason] += n;
	return __kfree_skb_bulk_reason_len(skbs, n,
					   (enum skb_drop_reason)fwd_drop_skb_reason[reason]);
}

/* ------------------------------------------------------------------- TX */

/* fwd_stream tx_hooks: the TX slow path (fwd_tx_gso()), one test a burst when none is on */
#define FWD_TX_GSO 0x1               /* GSO skbs may be sent: segmented, or the device's TSO */
#define FWD_TX_CSUM 0x2              /* CHECKSUM_PARTIAL skbs may be sent (fwd_engine.csum_partial) */

/**
 * tx.c: the slow path of every TX helper below: bounded retries of the @n -
 * @sent skbs left on @port/@queue, then TX-full drops of what is still refused
 * (freed, counted, their bytes taken back from fs->tx_bytes).
 * @return the number sent in all.
 */
uint16_t fwd_tx_retry(struct fwd_stream *fs, uint16_t port, uint16_t queue,
		      struct sk_buff **skbs, uint16_t n, uint16_t sent);

/**
 * tx.c: send @n skbs that may hold GSO or CHECKSUM_PARTIAL skbs on
 * @port/@queue (the path of the TX helpers while fs->tx_hooks is not 0): each
 * GSO skb goes to the device's TSO where the port has it, else is cut by
 * skb_gso_segment() first; each other CHECKSUM_PARTIAL skb gets the port's
 * TCP/UDP checksum offload request where the port has it and can take the
 * skb, else skb_checksum_help().  What cannot be segmented or checksummed is
 * dropped (no_mbuf, unsupported).  Counted as fwd_tx_nogso_to().
 */
void fwd_tx_gso(struct fwd_stream *fs, uint16_t port, uint16_t queue,
		struct sk_buff **skbs, uint16_t n);

/**
 * Send @n skbs of known @bytes on @port/@queue as they are, never segmented:
 * counted in the fs totals and, when fs->tx_ports is set, per port; what the
 * port refuses after retries is dropped as tx_full.  Engines call the
 * fwd_tx*() helpers, which take this path unless GSO skbs may be sent.
 */
static inline void
fwd_tx_nogso_to(struct fwd_stream *fs, uint16_t port, uint16_t queue,
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

/**
 * As fwd_tx() when the caller already knows the @bytes of the @n skbs (io: the
 * burst as received), saving a pass over the burst.
 */
static inline void
fwd_tx_bytes(struct fwd_stream *fs, struct sk_buff **skbs, uint16_t n, uint64_t bytes)
{
	uint16_t sent;

	if (unlikely(fs->tx_hooks != 0)) {
		fwd_tx_gso(fs, fs->tx_port, fs->tx_queue, skbs, n);
		return;
	}
	/* fwd_tx_nogso_to() without the per-port counts: a stream's own port */
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
 * As fwd_tx_to() when the caller already knows the @bytes of the @n skbs
 * (not used when GSO skbs are segmented: that path counts what it sends).
 */
static inline void
fwd_tx_to_bytes(struct fwd_stream *fs, uint16_t port, uint16_t queue,
		struct sk_buff **skbs, uint16_t n, uint64_t bytes)
{
	if (unlikely(fs->tx_hooks != 0))
		fwd_tx_gso(fs, port, queue, skbs, n);
	else
		fwd_tx_nogso_to(fs, port, queue, skbs, n, bytes);
}

/**
 * Send @n skbs on @port/@queue rather than the stream's own TX port (engines
 * with tx_any_port; @queue is fwd_tx_queue_any(fs)).  Counted in fs totals
 * and, when fs->tx_ports is set, per port.  Refused skbs are dropped as tx_full.
 */
static inline void
fwd_tx_to(struct fwd_stream *fs, uint16_t port, uint16_t queue,
	  struct sk_buff **skbs, uint16_t n)
{
	if (unlikely(fs->tx_hooks != 0))
		fwd_tx_gso(fs, port, queue, skbs, n);
	else
		fwd_tx_nogso_to(fs, port, queue, skbs, n, fwd_bytes(skbs, n));
}

/** The TX queue an lcore owns on every port (engines with tx_any_port). */
static inline uint16_t
fwd_tx_queue_any(const struct fwd_stream *fs)
{
	return fs->lcore_idx;
}

#endif /* _SKBFWD_ENGINE_H_ */
