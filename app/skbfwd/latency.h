/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Latency probes (latency.c).  With --latency the generators (txonly,
 * rfc2544) write a 16-byte probe into every frame they send, and every
 * stream that receives frames measures the probes among them in fwd_rx():
 * the time from TX to RX into a log-scale histogram (min, mean, percentiles),
 * and per flow (the sending port and queue) the probes received, lost and
 * reordered, from their sequence numbers.
 *
 * The probe sits at the first UDP payload byte of an untagged frame: frame
 * offset LAT_PROBE_OFFSET in IPv4 frames without options, LAT_PROBE_OFFSET6 in
 * IPv6 frames (EtherType 0x86dd) without extension headers (lat_probe_offset());
 * big-endian:
 *
 *    0                   4                   8        10                16
 *   +-------------------+-------------------+--------+-----------------+
 *   | magic "SKBP"      | sequence number   | flow   | TX time, 48 bits|
 *   +-------------------+-------------------+--------+-----------------+
 *
 * flow = LAT_FLOW(TX port, TX queue) of the sender; the sequence numbers of a
 * flow count from 0.  The TX time is the TSC when the burst was sent (every
 * skbfwd process on one machine shares it).  The RX time is the TSC when the
 * burst was received, or the RX port's hardware timestamp
 * (RTE_MBUF_DYNFIELD_TIMESTAMP) where the port gives one, brought to the TSC
 * by a calibration of the port's clock (rte_eth_read_clock()).  Differences
 * are taken modulo 2^48 and kept in nanoseconds.
 */
#ifndef _SKBFWD_LATENCY_H_
#define _SKBFWD_LATENCY_H_

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <rte_byteorder.h>
#include <rte_cycles.h>
#include <rte_ether.h>

#include "engine.h"

#define LAT_PROBE_OFFSET 42u          /* Ethernet 14 + IPv4 20 + UDP 8 */
#define LAT_PROBE_OFFSET6 62u         /* Ethernet 14 + IPv6 40 + UDP 8 */
#define LAT_PROBE_LEN 16u
#define LAT_PROBE_MAGIC 0x534b4250u   /* "SKBP" */
#define LAT_TS_BITS 48
#define LAT_TS_MASK ((UINT64_C(1) << LAT_TS_BITS) - 1)

/* Flow identifiers: 5 bits of port, 10 of queue. */
#define LAT_FLOW_PORT_BITS 5
#define LAT_FLOW_QUEUE_BITS 10
#define LAT_FLOW(port, queue) ((uint16_t)((unsigned int)(port) << LAT_FLOW_QUEUE_BITS | (queue)))
#define LAT_FLOW_PORT(flow) ((unsigned int)(flow) >> LAT_FLOW_QUEUE_BITS)
#define LAT_FLOW_QUEUE(flow) ((unsigned int)(flow) & ((1u << LAT_FLOW_QUEUE_BITS) - 1))
#define LAT_MAX_FLOWS (1u << (LAT_FLOW_PORT_BITS + LAT_FLOW_QUEUE_BITS))

/*
 * The histogram: nanoseconds, exact below 2^LAT_SUB_BITS, then 2^LAT_SUB_BITS
 * buckets per power of two (each at most 1/32 = 3.1 % wide) up to
 * 2^LAT_MAX_LOG2 ns (68.7 s); the last bucket holds everything longer.
 */
#define LAT_SUB_BITS 5
#define LAT_SUB (1u << LAT_SUB_BITS)
#define LAT_MAX_LOG2 36
#define LAT_BUCKETS ((LAT_MAX_LOG2 - LAT_SUB_BITS + 1) * LAT_SUB + 1)

/** Samples of one clock pair: count, sum, extremes and the buckets. */
struct lat_hist {
	uint64_t count;
	uint64_t sum_ns;
	uint64_t min_ns;              /* UINT64_MAX while count is 0 */
	uint64_t max_ns;
	uint64_t bucket[LAT_BUCKETS];
};

/** What a receiver knows of one flow from its sequence numbers. */
struct lat_flow {
	uint16_t id;                  /* LAT_FLOW(), valid when received != 0 */
	uint64_t received;            /* probes */
	uint64_t next_seq;            /* highest sequence number seen + 1 (64 bits, unwrapped) */
	uint64_t reordered;           /* probes arriving after a later one of their flow */
};

/** RX time sources: the TSC at the RX burst, or the port's hardware timestamp. */
enum lat_clock { LAT_CLOCK_TSC, LAT_CLOCK_HW, LAT_CLOCKS };

#define LAT_STREAM_FLOWS 64           /* flows one RX stream tracks */

/**
 * A stream's latency state (fwd_stream lat), written by its lcore only: what
 * it sent as a generator, what it measured as a receiver.
 */
struct fwd_latency {
	/* sender */
	uint16_t flow;                /* LAT_FLOW(tx_port, tx_queue) */
	uint32_t seq;                 /* sequence number of the next probe */
	uint64_t sent;                /* probes the TX port took */
	/* receiver */
	bool hist_own_flow;           /* histogram only probes of flow (rfc2544's trials) */
	uint64_t probes;              /* probes received */
	uint64_t untracked;           /* probes of flows beyond LAT_STREAM_FLOWS */
	struct lat_hist hist[LAT_CLOCKS];
	struct lat_flow flows[LAT_STREAM_FLOWS];
} __rte_cache_aligned;

/* ------------------------------------------------------------ the probe */

/**
 * The frame offset of the probe in a frame of EtherType @ether_type (network
 * order, the frame's bytes 12 and 13): LAT_PROBE_OFFSET6 for IPv6,
 * LAT_PROBE_OFFSET for anything else.
 */
static inline unsigned int
lat_probe_offset(uint16_t ether_type)
{
	return ether_type == RTE_BE16(RTE_ETHER_TYPE_IPV6) ? LAT_PROBE_OFFSET6 : LAT_PROBE_OFFSET;
}

/** Write a probe of @flow, sequence number @seq, TX time @ts at @at (LAT_PROBE_LEN bytes). */
static inline void
lat_probe_write(void *at, uint16_t flow, uint32_t seq, uint64_t ts)
{
	uint64_t w[2] = {
		rte_cpu_to_be_64((uint64_t)LAT_PROBE_MAGIC << 32 | seq),
		rte_cpu_to_be_64((uint64_t)flow << LAT_TS_BITS | (ts & LAT_TS_MASK)),
	};

	memcpy(at, w, sizeof(w));
}

/**
 * Read the probe at @at into *@flow, *@seq, *@ts.
 * @return true; false when the bytes are no probe (no magic word).
 */
static inline bool
lat_probe_read(const void *at, uint16_t *flow, uint32_t *seq, uint64_t *ts)
{
	uint64_t w[2];

	memcpy(w, at, sizeof(w));
	w[0] = rte_be_to_cpu_64(w[0]);
	if ((uint32_t)(w[0] >> 32) != LAT_PROBE_MAGIC)
		return false;
	w[1] = rte_be_to_cpu_64(w[1]);
	*seq = (uint32_t)w[0];
	*flow = (uint16_t)(w[1] >> LAT_TS_BITS);
	*ts = w[1] & LAT_TS_MASK;
	return true;
}

/* ------------------------------------------------------ histogram, flows */

/** The bucket of @ns. */
static inline unsigned int
lat_bucket(uint64_t ns)
{
	unsigned int e;

	if (ns < LAT_SUB)
		return (unsigned int)ns;
	e = 63u - (unsigned int)__builtin_clzll(ns);
	if (e >= LAT_MAX_LOG2)
		return LAT_BUCKETS - 1;
	return (e - LAT_SUB_BITS + 1) * LAT_SUB + (unsigned int)(ns >> (e - LAT_SUB_BITS)) - LAT_SUB;
}

/** The smallest value of bucket @b. */
uint64_t lat_bucket_lower(unsigned int b);

/** The first value past bucket @b (UINT64_MAX for the last bucket). */
uint64_t lat_bucket_upper(unsigned int b);

/** Empty @h. */
void lat_hist_reset(struct lat_hist *h);

/** Add a sample of @ns nanoseconds to @h. */
static inline void
lat_hist_add(struct lat_hist *h, uint64_t ns)
{
	h->count++;
	h->sum_ns += ns;
	if (ns < h->min_ns)
		h->min_ns = ns;
	if (ns > h->max_ns)
		h->max_ns = ns;
	h->bucket[lat_bucket(ns)]++;
}

/** Add the samples of @b to @a. */
void lat_hist_merge(struct lat_hist *a, const struct lat_hist *b);

/**
 * The @ppm-th per-million quantile of @h by nearest rank: the bucket holding
 * the ceil(@ppm x count / 10^6)-th smallest sample, given as the largest value
 * of that bucket, but never beyond the largest sample nor below the smallest
 * (so a histogram of equal samples gives that value at every quantile).
 * @return the value in ns; 0 when @h is empty or @ppm is 0 or above 10^6.
 */
uint64_t lat_hist_quantile(const struct lat_hist *h, uint32_t ppm);

/** The mean of @h in ns (0 when empty). */
double lat_hist_mean(const struct lat_hist *h);

/**
 * Count probe @seq (the 32 bits on the wire) of @f: received, a new highest
 * number (next_seq advances; numbers are unwrapped against it, so a flow may
 * send past 2^32), or one older than the highest (reordered).
 */
static inline void
lat_flow_count(struct lat_flow *f, uint32_t seq)
{
	int32_t d = (int32_t)(seq - (uint32_t)f->next_seq);

	f->received++;
	if (d >= 0)
		f->next_seq += (uint64_t)d + 1;
	else
		f->reordered++;
}

/**
 * Probes of @f lost by its sequence numbers, or by @sent when the sender is
 * known (non-zero: the probes the sender's port took): @sent or next_seq,
 * less those received; 0 when more arrived (duplicates).
 */
uint64_t lat_flow_lost(const struct lat_flow *f, uint64_t sent);

/**
 * The flow entry of @id in @flows (@n of them, open addressing by id): the
 * existing one, a free one taken for it, or NULL when all are taken.
 */
struct lat_flow *lat_flow_find(struct lat_flow *flows, unsigned int n, uint16_t id);

/* ---------------------------------------------------------- the module */

/** --latency and --latency-hist, accepted with every engine. */
extern const struct fwd_options skbfwd_latency_options;

/** True when --latency was given (or an engine asked for probes: latency_want()). */
bool latency_enabled(void);

/** An engine that measures with probes (rfc2544) asks for them, as --latency would. */
void latency_want(void);

/** RX offloads --latency asks of every port (RX timestamps), enabled where reported. */
uint64_t latency_rx_offloads(void);

/**
 * Set up the streams for a run, after the ports: every stream gets its state
 * (fwd_stream lat, RX hook on) when latency_enabled(); the RX timestamps of
 * the ports that give them are found and their clocks calibrated (~20 ms).
 * Nothing without --latency.
 * @return 0; -ENOMEM after printing why.
 */
int latency_setup(void);

/** Free the streams' state (after the statistics were printed); nothing when not set up. */
void latency_free(void);

/**
 * Forget what @fs measured and sent (a new trial): its counts, histograms and
 * flows, and its own sequence numbers start again from 0.
 */
void latency_reset_stream(struct fwd_stream *fs);

/**
 * The RX hook (rx.c calls it from fwd_rx() on streams with fwd_stream lat):
 * measure the probes among the @n skbs (the EtherType read, then the
 * LAT_PROBE_LEN bytes at lat_probe_offset() of it; frames too short for them
 * or without a probe are left alone).
 */
void latency_rx(struct fwd_stream *fs, struct sk_buff *const *skbs, uint16_t n);

/**
 * The TX time a generator writes into the probes of the burst it sends now
 * (the TSC).
 */
static inline uint64_t
latency_tx_time(void)
{
	return rte_rdtsc();
}

/** True when, of the probes this process's streams sent, none is still missing. */
bool latency_all_back(void);

/**
 * Per RX port: the samples and flow counts of its streams.  Counts are read
 * while the lcores may write them.
 */
struct latency_port {
	uint64_t probes, untracked;
	struct lat_hist hist[LAT_CLOCKS];
	unsigned int nb_flows;
	struct lat_flow flows[LAT_STREAM_FLOWS];
	uint64_t sent[LAT_STREAM_FLOWS]; /* probes this process sent on the flow, 0: not ours */
};

/** Sum the streams receiving on @port into *@lp. */
void latency_port_collect(uint16_t port, struct latency_port *lp);

/** The clock pair of samples of @c, for people: "TSC", "hw". */
const char *latency_clock_name(enum lat_clock c);

/**
 * Print the latency of every forwarding port that received probes (the text
 * at stop and exit), write the --latency-hist CSV and its PNG, when --latency.
 */
void latency_print(void);

/**
 * With --latency, the "latency" member of --stats-json, after the member
 * before it: a comma, a newline, the member; nothing otherwise.
 */
void latency_json(FILE *f);

#endif /* _SKBFWD_LATENCY_H_ */
