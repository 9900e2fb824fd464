/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rfc2544 engine: the throughput test of RFC 2544 (section 26.1) against a
 * device under test cabled from port TX back to port RX (--rfc2544-ports;
 * the same port when the device sends back where it received).  For each
 * frame size, trials of --rfc2544-trial seconds at a paced rate (pace.h)
 * send UDP/IPv4 test frames (RFC 2544 appendix C: 198.18.0.1 -> 198.19.0.1,
 * UDP 49184 -> 7), or with --rfc2544-ipv6 UDP/IPv6 ones (RFC 5180: addresses
 * of 2001:2::/48, 2001:2::1 -> 2001:2:0:1::1, the same ports, the payload
 * past the probe zeroed and the UDP checksum IPv6 requires), each carrying a
 * latency probe at the first UDP payload byte; after a trial the engine
 * waits for the frames still in flight and counts the loss from the probes'
 * sequence numbers against the frames the TX port took.  A binary search
 * finds the highest rate whose loss is at most --rfc2544-loss of what was
 * sent, to --rfc2544-resolution percent; a latency trial at that rate gives
 * the percentiles.  The search starts at --rfc2544-rate, else at the TX
 * port's line rate.  The first trial waits for both links to be up.
 *
 * One stream drives it all: the one receiving on port RX, queue 0, which
 * sends on port TX through its lcore's queue there (tx_any_port).  Every
 * stream frees what it receives (consumed).  When the last size is done the
 * engine ends the run (fwd_run_end()) and prints the table at exit, writes
 * it to --stats-json ("rfc2544") and with --rfc2544-json=FILE to FILE and a
 * gnuplot chart of throughput against frame size beside it.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_ip.h>
#include <rte_udp.h>

#include "config.h"
#include "latency.h"
#include "pace.h"
#include "parse.h"
#include "runtime.h"
#include "skb_csum.h"

#define R_MAX_SIZES 16
#define R_MIN_SIZE 64                 /* frame sizes count the FCS, as RFC 2544 */
#define R_MAX_SIZE 9216
#define R_HDR_LEN (RTE_ETHER_HDR_LEN + sizeof(struct rte_ipv4_hdr) + sizeof(struct rte_udp_hdr))
#define R_HDR_LEN6 (RTE_ETHER_HDR_LEN + sizeof(struct rte_ipv6_hdr) + sizeof(struct rte_udp_hdr))
/* the smallest IPv6 test frame: headers, the probe and the FCS */
#define R_MIN_SIZE6 (R_HDR_LEN6 + LAT_PROBE_LEN + RTE_ETHER_CRC_LEN)
#define R_DRAIN_IDLE_MS 100           /* in flight: nothing came back for this long */
#define R_DRAIN_MAX_MS 2000           /* RFC 2544 section 23: wait two seconds at most */
#define R_FLOOR 1e-3                  /* give up below this fraction of the first rate */

static const uint16_t r_default_sizes[] = { 64, 128, 256, 512, 1024, 1280, 1518 };
/* RFC 5180's sizes, the first the smallest holding an IPv6 test frame and its probe */
static const uint16_t r_default_sizes6[] = { R_MIN_SIZE6, 128, 256, 512, 1024, 1280, 1518 };

/* options */
static uint16_t r_port_tx, r_port_rx;
static bool r_ports_given;
static uint16_t r_sizes[R_MAX_SIZES];
static unsigned int r_nb_sizes;
static double r_trial_s = 60;
static double r_loss = 0;
static double r_resolution = 1;       /* percent */
static struct skbfwd_rate r_max;      /* --rfc2544-rate; value 0: the line rate */
static char r_json_path[SKBFWD_PATH_MAX];
static bool r_ipv6;                   /* --rfc2544-ipv6 */

/* The outcome of one frame size. */
struct r_result {
	uint16_t size;
	unsigned int trials;
	bool done;
	bool limited;                 /* the generator could not send faster */
	double pps;                   /* no-loss rate found (achieved in its trial), 0: none */
	uint64_t sent, lost;          /* of that trial */
	bool lat_done;                /* its latency trial */
	uint64_t lat_sent, lat_lost;
	double lat_pps;
	enum lat_clock clock;
	struct lat_hist hist;
};

static struct r_result r_results[R_MAX_SIZES];

enum r_phase { R_START, R_TRIAL, R_DRAIN, R_DONE };

/* The search, run by the driving stream's lcore. */
static struct {
	struct fwd_stream *fs;        /* the driving stream */
	uint16_t queue;               /* its TX queue on port TX */
	uint16_t flow;
	enum r_phase phase;
	unsigned int size_idx;
	bool latency_trial;
	bool first;                   /* first trial of the size */
	double max_pps;               /* first trial's rate, 0: unpaced */
	double top;                   /* the first trial's rate, or what it achieved */
	double lo, hi;                /* search bounds (pps): lo passed, hi failed */
	double asked;                 /* this trial's rate, 0: unpaced */
	uint64_t start_tsc, end_tsc, drain_tsc, last_rx_tsc;
	uint64_t link_tsc;            /* links last looked at */
	bool link_said;
	uint64_t sent;
	struct fwd_pace pace;
	uint8_t hdr[R_HDR_LEN6];      /* the current size's headers */
	unsigned int hdr_len;         /* R_HDR_LEN, or R_HDR_LEN6 for IPv6: the probe's offset */
	unsigned int len;             /* skb_len() of its frames */
	uint32_t csum6;               /* IPv6: the partial sum of the UDP header (csum_partial) */
} R;

/* ------------------------------------------------------------- frames */

/* The IPv6 and UDP headers of RFC 5180 test frames at @ip, and the UDP sum of all but the probe. */
static void
rfc2544_headers6(struct rte_ipv6_hdr *ip)
{
	static const uint8_t src[16] = { 0x20, 0x01, 0x00, 0x02, [15] = 1 };       /* 2001:2::1 */
	static const uint8_t dst[16] = { 0x20, 0x01, 0x00, 0x02, [7] = 1, [15] = 1 }; /* 2001:2:0:1::1 */
	struct rte_udp_hdr *uh = (struct rte_udp_hdr *)(ip + 1);
	uint16_t l4 = (uint16_t)(R.len - RTE_ETHER_HDR_LEN - sizeof(*ip));

	ip->vtc_flow = RTE_BE32(UINT32_C(6) << 28);
	ip->payload_len = rte_cpu_to_be_16(l4);
	ip->proto = IPPROTO_UDP;
	ip->hop_limits = 64;
	memcpy(ip->src_addr, src, sizeof(src));
	memcpy(ip->dst_addr, dst, sizeof(dst));
	uh->src_port = RTE_BE16(0xc020);
	uh->dst_port = RTE_BE16(7);
	uh->dgram_len = rte_cpu_to_be_16(l4);
	/* the UDP header, checksum 0; the payload past the probe is zero */
	R.csum6 = csum_partial(uh, sizeof(*uh), 0);
}

/* The headers of @size-byte frames (FCS counted) sent on @port. */
static void
rfc2544_headers(uint16_t port, unsigned int size)
{
	struct rte_ether_hdr *eth = (struct rte_ether_hdr *)R.hdr;
	struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)(eth + 1);
	struct rte_udp_hdr *uh = (struct rte_udp_hdr *)(ip + 1);

	R.len = size - RTE_ETHER_CRC_LEN;
	memset(R.hdr, 0, sizeof(R.hdr));
	eth->dst_addr = *fwd_peer_addr(port);
	eth->src_addr = *fwd_port_addr(port);
	if (r_ipv6) {
		eth->ether_type = RTE_BE16(RTE_ETHER_TYPE_IPV6);
		R.hdr_len = R_HDR_LEN6;
		rfc2544_headers6((struct rte_ipv6_hdr *)(eth + 1));
		return;
	}
	R.hdr_len = R_HDR_LEN;
	eth->ether_type = RTE_BE16(RTE_ETHER_TYPE_IPV4);
	ip->version_ihl = RTE_IPV4_VHL_DEF;
	ip->total_length = rte_cpu_to_be_16((uint16_t)(R.len - RTE_ETHER_HDR_LEN));
	ip->time_to_live = 64;
	ip->next_proto_id = IPPROTO_UDP;
	ip->src_addr = RTE_BE32(UINT32_C(0xc6120001)); /* 198.18.0.1 (RTE_IPV4 shifts into an int's sign bit) */
	ip->dst_addr = RTE_BE32(UINT32_C(0xc6130001)); /* 198.19.0.1 */
	ip->hdr_checksum = rte_ipv4_cksum(ip);
	uh->src_port = RTE_BE16(0xc020);
	uh->dst_port = RTE_BE16(7);
	uh->dgram_len = rte_cpu_to_be_16((uint16_t)(R.len - RTE_ETHER_HDR_LEN - sizeof(*ip)));
}

/* Up to @n test frames into @skbs, probes stamped @ts; @return how many (the pool may run dry). */
static uint16_t
rfc2544_build(struct sk_buff **skbs, uint16_t n, uint64_t ts)
{
	struct fwd_latency *l = R.fs->lat;
	uint16_t i;

	for (i = 0; i < n; i++) {
		struct sk_buff *skb = netdev_alloc_skb(r_port_tx, R.len);
		uint8_t *d;

		if (unlikely(skb == NULL))
			break;
		/* over IPv4 the payload past the probe is left as the buffer holds it */
		d = skb_put(skb, R.len);
		memcpy(d, R.hdr, R.hdr_len);
		lat_probe_write(d + R.hdr_len, R.flow, l->seq + i, ts);
		if (r_ipv6) {
			const struct rte_ipv6_hdr *ip =
				(const struct rte_ipv6_hdr *)(d + RTE_ETHER_HDR_LEN);
			struct rte_udp_hdr *uh = (struct rte_udp_hdr *)(ip + 1);
			uint16_t c;

			memset(d + R.hdr_len + LAT_PROBE_LEN, 0, R.len - R.hdr_len - LAT_PROBE_LEN);
			c = csum_ipv6_magic(ip->src_addr, ip->dst_addr, R.len - RTE_ETHER_HDR_LEN -
					    sizeof(*ip), IPPROTO_UDP,
					    csum_partial(d + R.hdr_len, LAT_PROBE_LEN, R.csum6));
			/* 0 would say "no checksum", which IPv6 forbids: sent as 0xffff */
			uh->dgram_cksum = c == 0 ? 0xffff : c;
		}
		skbs[i] = skb;
	}
	l->seq += i;
	return i;
}

/* ------------------------------------------------------------- the search */

/* Frames per second of the line rate of port TX for the current size, 0: unknown. */
static double
rfc2544_line_pps(void)
{
	struct rte_eth_link link;

	if (rte_eth_link_get_nowait(r_port_tx, &link) != 0 || link.link_speed == 0 ||
	    link.link_speed == RTE_ETH_SPEED_NUM_UNKNOWN)
		return 0;
	return (double)link.link_speed * 1e6 / (8.0 * SKBFWD_WIRE_BYTES(R.len));
}

static void
rfc2544_trial_start(double pps, uint64_t now)
{
	latency_reset_stream(R.fs);
	R.fs->lat->flow = R.flow;
	/* the trial's latency is its own frames', whatever other probes come back */
	R.fs->lat->hist_own_flow = true;
	R.asked = pps;
	R.sent = 0;
	if (pps > 0)
		fwd_pace_start(&R.pace, pps, rte_get_tsc_hz(), R.fs->burst);
	R.start_tsc = now;
	R.end_tsc = now + (uint64_t)(r_trial_s * (double)rte_get_tsc_hz());
	R.phase = R_TRIAL;
	r_results[R.size_idx].trials++;
}

/* Start the trials of size R.size_idx, or end the run after the last. */
static void
rfc2544_size_start(uint64_t now)
{
	struct r_result *res;

	if (R.size_idx == r_nb_sizes) {
		R.phase = R_DONE;
		printf("rfc2544: done\n");
		fflush(stdout);
		fwd_run_end();
		return;
	}
	res = &r_results[R.size_idx];
	memset(res, 0, sizeof(*res));
	res->size = r_sizes[R.size_idx];
	lat_hist_reset(&res->hist);
	rfc2544_headers(r_port_tx, res->size);
	R.max_pps = r_max.value > 0 ? skbfwd_rate_pps(&r_max, R.len) : rfc2544_line_pps();
	R.lo = 0;
	R.hi = R.max_pps;
	R.first = true;
	R.latency_trial = false;
	rfc2544_trial_start(R.max_pps, now);
}

/* Probes of this trial's flow received on the driving stream. */
static uint64_t
rfc2544_received(void)
{
	const struct fwd_latency *l = R.fs->lat;
	unsigned int k;

	for (k = 0; k < LAT_STREAM_FLOWS; k++)
		if (l->flows[k].received != 0 && l->flows[k].id == R.flow)
			return l->flows[k].received;
	return 0;
}

/* The trial just drained: judge it, then the next trial, size or the end. */
static void
rfc2544_trial_end(uint64_t now)
{
	struct r_result *res = &r_results[R.size_idx];
	const struct fwd_latency *l = R.fs->lat;
	double secs = (double)(R.end_tsc - R.start_tsc) / (double)rte_get_tsc_hz();
	uint64_t received = rfc2544_received();
	uint64_t lost = R.sent > received ? R.sent - received : 0;
	double achieved = (double)R.sent / secs;
	bool pass = R.sent != 0 && (double)lost <= r_loss * (double)R.sent;

	printf("rfc2544: %u bytes: %s %u at %.6f Mpps: %" PRIu64 " sent (%.6f Mpps), %" PRIu64
	       " lost (%.6f): %s\n", res->size, R.latency_trial ? "latency trial" : "trial",
	       res->trials, R.asked / 1e6, R.sent, achieved / 1e6, lost,
	       R.sent ? (double)lost / (double)R.sent : 0.0, pass ? "pass" : "fail");
	fflush(stdout);
	if (R.latency_trial) {
		enum lat_clock c = l->hist[LAT_CLOCK_HW].count ? LAT_CLOCK_HW : LAT_CLOCK_TSC;

		res->lat_done = true;
		res->lat_sent = R.sent;
		res->lat_lost = lost;
		res->lat_pps = achieved;
		res->clock = c;
		res->hist = l->hist[c];
		res->done = true;
		R.size_idx++;
		rfc2544_size_start(now);
		return;
	}
	if (R.first) {
		R.first = false;
		R.hi = R.top = R.asked;
		/* the generator's limit bounds the search (and is all it can show) */
		if (R.asked == 0 || achieved < 0.99 * R.asked) {
			res->limited = true;
			R.hi = R.top = achieved;
		}
	}
	if (pass) {
		R.lo = achieved;
		res->pps = achieved;
		res->sent = R.sent;
		res->lost = lost;
	} else {
		R.hi = R.asked > 0 && achieved >= 0.99 * R.asked ? R.asked : achieved;
	}
	/* done when the bounds are within the resolution, or nothing passes */
	if (R.hi - R.lo <= r_resolution / 100 * R.hi || R.hi <= R.top * R_FLOOR) {
		if (res->pps > 0) {
			R.latency_trial = true;
			rfc2544_trial_start(res->pps, now);
			return;
		}
		res->done = true;
		R.size_idx++;
		rfc2544_size_start(now);
		return;
	}
	rfc2544_trial_start((R.lo + R.hi) / 2, now);
}

static void
rfc2544_send(uint64_t now)
{
	struct sk_buff *skbs[MAX_PKT_BURST];
	uint16_t n = R.fs->burst, built;
	uint64_t tx0;

	if (R.asked > 0) {
		n = (uint16_t)fwd_pace_due(&R.pace, now, n);
		if (n == 0)
			return;
	}
	built = rfc2544_build(skbs, n, latency_tx_time());
	if (built == 0)
		return;
	if (R.asked > 0)
		fwd_pace_sent(&R.pace, now, built);
	tx0 = R.fs->tx_packets;
	R.fs->generated += built;
	fwd_tx_to(R.fs, r_port_tx, R.queue, skbs, built);
	R.sent += R.fs->tx_packets - tx0;
	R.fs->lat->sent += R.fs->tx_packets - tx0;
}

/* True once ports TX and RX have their links up (looked at every 10 ms; said once). */
static bool
rfc2544_links_up(uint64_t now)
{
	uint16_t ports[2] = { r_port_tx, r_port_rx };
	unsigned int i;

	if (now - R.link_tsc < rte_get_tsc_hz() / 100)
		return false;
	R.link_tsc = now;
	for (i = 0; i < RTE_DIM(ports); i++) {
		struct rte_eth_link link;

		if (rte_eth_link_get_nowait(ports[i], &link) == 0 &&
		    link.link_status == RTE_ETH_LINK_UP)
			continue;
		if (!R.link_said) {
			printf("rfc2544: waiting for the link of port %u\n", ports[i]);
			fflush(stdout);
			R.link_said = true;
		}
		return false;
	}
	return true;
}

static void
rfc2544_fwd(struct fwd_stream *fs)
{
	struct sk_buff *skbs[MAX_PKT_BURST];
	uint16_t n = fwd_rx(fs, skbs);
	uint64_t now;

	if (n != 0) {
		fs->drops[FWD_DROP_CONSUMED] += n;
		kfree_skb_bulk(skbs, n);
	}
	if (fs != R.fs)
		return;
	now = rte_rdtsc();
	if (n != 0)
		R.last_rx_tsc = now;
	switch (R.phase) {
	case R_START:
		if (rfc2544_links_up(now)) {
			R.size_idx = 0;
			rfc2544_size_start(now);
		}
		break;
	case R_TRIAL:
		if (now < R.end_tsc) {
			rfc2544_send(now);
			break;
		}
		R.phase = R_DRAIN;
		R.drain_tsc = R.last_rx_tsc = now;
		break;
	case R_DRAIN: {
		uint64_t ms = rte_get_tsc_hz() / 1000;

		if (rfc2544_received() >= R.sent || now - R.last_rx_tsc > R_DRAIN_IDLE_MS * ms ||
		    now - R.drain_tsc > R_DRAIN_MAX_MS * ms)
			rfc2544_trial_end(now);
		break;
	}
	case R_DONE:
	default:
		break;
	}
}

/* ------------------------------------------------------------- set-up */

static bool
rfc2544_forwarding(uint16_t port)
{
	unsigned int i;

	for (i = 0; i < nb_fwd_ports; i++)
		if (fwd_ports[i] == port)
			return true;
	return false;
}

static int
rfc2544_setup(void)
{
	struct rte_mempool *mp;
	unsigned int i, room;

	if (!r_ports_given) {
		/* the first forwarding port, back on its peer of --port-topology */
		r_port_tx = fwd_streams[0].rx_port;
		r_port_rx = fwd_streams[0].tx_port;
	}
	if (!rfc2544_forwarding(r_port_tx) || !rfc2544_forwarding(r_port_rx)) {
		fprintf(stderr, "skbfwd: --rfc2544-ports=%u,%u: port %u is not a forwarding port (--portlist, --portmask)\n",
			r_port_tx, r_port_rx, rfc2544_forwarding(r_port_tx) ? r_port_rx : r_port_tx);
		return -EINVAL;
	}
	if (cfg.nb_rxq != 1) {
		fprintf(stderr, "skbfwd: the rfc2544 engine counts what comes back on one RX queue: --rxq=1, not %u\n",
			cfg.nb_rxq);
		return -EINVAL;
	}
	mp = skb_netdev_pool(r_port_tx);
	room = mp != NULL ? rte_pktmbuf_data_room_size(mp) - RTE_PKTMBUF_HEADROOM : 0;
	if (r_nb_sizes == 0) {
		memcpy(r_sizes, r_ipv6 ? r_default_sizes6 : r_default_sizes, sizeof(r_default_sizes));
		r_nb_sizes = RTE_DIM(r_default_sizes);
	}
	for (i = 0; r_ipv6 && i < r_nb_sizes; i++)
		if (r_sizes[i] < R_MIN_SIZE6) {
			fprintf(stderr, "skbfwd: --rfc2544-sizes: %u-byte frames cannot hold an IPv6 test frame and its probe (--rfc2544-ipv6: %u bytes at least)\n",
				r_sizes[i], (unsigned int)R_MIN_SIZE6);
			return -EINVAL;
		}
	for (i = 0; i < r_nb_sizes; i++)
		if ((unsigned int)r_sizes[i] - RTE_ETHER_CRC_LEN > room) {
			fprintf(stderr, "skbfwd: --rfc2544-sizes: %u-byte frames do not fit an mbuf of %u data bytes (--mbuf-size)\n",
				r_sizes[i], room);
			return -EINVAL;
		}
	memset(&R, 0, sizeof(R));
	memset(r_results, 0, sizeof(r_results));
	for (i = 0; i < nb_fwd_streams; i++)
		if (fwd_streams[i].rx_port == r_port_rx && fwd_streams[i].rx_queue == 0)
			R.fs = &fwd_streams[i];
	latency_want();
	printf("skbfwd: rfc2544: port %u -> device under test -> port %u, %u frame sizes, trials of %.3f s, loss allowed %g, resolution %g%%, UDP/%s test frames\n",
	       r_port_tx, r_port_rx, r_nb_sizes, r_trial_s, r_loss, r_resolution,
	       r_ipv6 ? "IPv6" : "IPv4");
	return 0;
}

static int
rfc2544_stream_init(struct fwd_stream *fs)
{
	if (fs != R.fs)
		return 0;
	R.queue = fwd_tx_queue_any(fs);
	R.flow = LAT_FLOW(r_port_tx, R.queue);
	R.phase = R_START;           /* the first trial starts with forwarding */
	return 0;
}

/* ------------------------------------------------------------- output */

static const struct {
	uint32_t ppm;
	const char *key;
} r_quantiles[] = {
	{ 500000, "p50_ns" }, { 900000, "p90_ns" }, { 990000, "p99_ns" }, { 999000, "p99_9_ns" },
};

static double
rfc2544_gbps(const struct r_result *res, double pps)
{
	return pps * 8.0 * SKBFWD_WIRE_BYTES(res->size - RTE_ETHER_CRC_LEN) / 1e9;
}

static void
rfc2544_json_results(FILE *f, const char *indent)
{
	unsigned int i, q;

	fprintf(f, "{\"tx_port\": %u, \"rx_port\": %u, \"ip_version\": %u, \"trial_s\": %.3f, "
		"\"loss_allowed\": %g, \"resolution_pct\": %g, \"complete\": %s, \"sizes\": [",
		r_port_tx, r_port_rx, r_ipv6 ? 6u : 4u, r_trial_s, r_loss, r_resolution,
		R.phase == R_DONE ? "true" : "false");
	for (i = 0; i < r_nb_sizes; i++) {
		const struct r_result *res = &r_results[i];

		if (res->trials == 0)
			continue;
		fprintf(f, "%s\n%s  {\"size\": %u, \"trials\": %u, \"done\": %s, \"generator_limited\": %s, "
			"\"mpps\": %.6f, \"gbps\": %.6f, \"sent\": %" PRIu64 ", \"lost\": %" PRIu64,
			i ? "," : "", indent, res->size, res->trials, res->done ? "true" : "false",
			res->limited ? "true" : "false", res->pps / 1e6, rfc2544_gbps(res, res->pps),
			res->sent, res->lost);
		if (res->lat_done) {
			fprintf(f, ", \"latency\": {\"mpps\": %.6f, \"sent\": %" PRIu64 ", \"lost\": %"
				PRIu64 ", \"clock\": \"%s\", \"probes\": %" PRIu64 ", \"min_ns\": %" PRIu64
				", \"mean_ns\": %.1f", res->lat_pps / 1e6, res->lat_sent, res->lat_lost,
				latency_clock_name(res->clock), res->hist.count,
				res->hist.count ? res->hist.min_ns : 0, lat_hist_mean(&res->hist));
			for (q = 0; q < RTE_DIM(r_quantiles); q++)
				fprintf(f, ", \"%s\": %" PRIu64, r_quantiles[q].key,
					lat_hist_quantile(&res->hist, r_quantiles[q].ppm));
			fprintf(f, ", \"max_ns\": %" PRIu64 "}", res->hist.max_ns);
		}
		fprintf(f, "}");
	}
	fprintf(f, "\n%s]}", indent);
}

static void
rfc2544_stats_json(FILE *f)
{
	fprintf(f, ",\n  \"rfc2544\": ");
	rfc2544_json_results(f, "  ");
}

/* --rfc2544-json: the results, and the chart beside them (FILE less .json, plus .png). */
static void
rfc2544_write_json(void)
{
	char png[SKBFWD_PATH_MAX + 8];
	size_t len = strlen(r_json_path);
	unsigned int i, n = 0;
	FILE *f = fopen(r_json_path, "w"), *gp;
	int ret;

	if (f == NULL) {
		fprintf(stderr, "skbfwd: --rfc2544-json=%s: cannot write: %s\n", r_json_path,
			strerror(errno));
		return;
	}
	rfc2544_json_results(f, "");
	fprintf(f, "\n");
	if (fclose(f) != 0) {
		fprintf(stderr, "skbfwd: --rfc2544-json=%s: write failed\n", r_json_path);
		return;
	}
	if (len > 5 && strcmp(r_json_path + len - 5, ".json") == 0)
		len -= 5;
	snprintf(png, sizeof(png), "%.*s.png", (int)len, r_json_path);
	for (i = 0; i < r_nb_sizes; i++)
		n += r_results[i].trials != 0;
	if (n == 0)
		return;
	fflush(stdout);
	gp = popen("gnuplot", "w");
	if (gp == NULL) {
		fprintf(stderr, "skbfwd: --rfc2544-json: cannot run gnuplot; no chart\n");
		return;
	}
	fprintf(gp, "set terminal pngcairo size 960,540\nset output '");
	for (i = 0; png[i] != '\0'; i++)
		fprintf(gp, png[i] == '\'' ? "''" : "%c", png[i]);
	fprintf(gp, "'\nset title 'RFC 2544 throughput without loss, port %u -> port %u'\n"
		"set xlabel 'frame size (bytes)'\nset ylabel 'Mpps'\nset y2label 'Gbit/s on the wire'\n"
		"set ytics nomirror\nset y2tics\nset yrange [0:*]\nset y2range [0:*]\nset grid\n"
		"set style data linespoints\nset key top center\n"
		"plot '-' using 1:2 title 'Mpps' lw 2, '-' using 1:2 axes x1y2 title 'Gbit/s' lw 2\n",
		r_port_tx, r_port_rx);
	for (i = 0; i < 2; i++) {
		unsigned int k;

		for (k = 0; k < r_nb_sizes; k++)
			if (r_results[k].trials != 0)
				fprintf(gp, "%u %.6f\n", r_results[k].size,
					i == 0 ? r_results[k].pps / 1e6 :
					rfc2544_gbps(&r_results[k], r_results[k].pps));
		fprintf(gp, "e\n");
	}
	ret = pclose(gp);
	if (ret != 0)
		fprintf(stderr, "skbfwd: --rfc2544-json: gnuplot failed (status %d); no chart\n", ret);
	else
		printf("skbfwd: rfc2544 results in %s and %s\n", r_json_path, png);
}

static void
rfc2544_print(void)
{
	unsigned int i;

	printf("\nRFC 2544 throughput, port %u -> device under test -> port %u (trials of %.3f s, loss allowed %g, resolution %g%%):\n",
	       r_port_tx, r_port_rx, r_trial_s, r_loss, r_resolution);
	printf("  %5s %10s %10s %12s %10s  %s\n", "size", "Mpps", "Gbit/s", "lost", "trials",
	       "latency at that rate (us): min mean p50 p90 p99 p99.9 max, loss");
	for (i = 0; i < r_nb_sizes; i++) {
		const struct r_result *res = &r_results[i];
		const struct lat_hist *h = &res->hist;

		if (res->trials == 0)
			continue;
		printf("  %5u %10.6f %10.6f %12" PRIu64 " %10u ", res->size, res->pps / 1e6,
		       rfc2544_gbps(res, res->pps), res->lost, res->trials);
		if (res->lat_done && h->count != 0)
			printf(" %s: %.3f %.3f %.3f %.3f %.3f %.3f %.3f, lost %" PRIu64 " of %" PRIu64,
			       latency_clock_name(res->clock), (double)h->min_ns / 1e3,
			       lat_hist_mean(h) / 1e3, (double)lat_hist_quantile(h, 500000) / 1e3,
			       (double)lat_hist_quantile(h, 900000) / 1e3,
			       (double)lat_hist_quantile(h, 990000) / 1e3,
			       (double)lat_hist_quantile(h, 999000) / 1e3, (double)h->max_ns / 1e3,
			       res->lat_lost, res->lat_sent);
		else if (!res->done)
			printf(" (stopped before the search ended)");
		else if (res->pps == 0)
			printf(" (no rate without loss)");
		if (res->limited)
			printf(" [the generator's limit]");
		printf("\n");
	}
	if (R.phase != R_DONE)
		printf("  (the run stopped before every size was measured)\n");
	fflush(stdout);
	if (r_json_path[0] != '\0')
		rfc2544_write_json();
}

static void
rfc2544_teardown(void)
{
	if (r_results[0].trials != 0)
		rfc2544_print();
}

/* ------------------------------------------------------------- options */

static int
rfc2544_parse_sizes(const char *arg)
{
	uint16_t sizes[R_MAX_SIZES];
	unsigned int n = 0;
	const char *p = arg;

	for (;;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		unsigned long v;
		char tok[16];

		if (len == 0 || len >= sizeof(tok) || n == R_MAX_SIZES) {
			fprintf(stderr, "skbfwd: --rfc2544-sizes=%s: expected up to %d frame sizes N[,N...]\n",
				arg, R_MAX_SIZES);
			return -EINVAL;
		}
		memcpy(tok, p, len);
		tok[len] = '\0';
		if (skbfwd_parse_uint("rfc2544-sizes", tok, R_MIN_SIZE, R_MAX_SIZE, &v) < 0)
			return -EINVAL;
		sizes[n++] = (uint16_t)v;
		if (end == NULL)
			break;
		p = end + 1;
	}
	memcpy(r_sizes, sizes, sizeof(sizes[0]) * n);
	r_nb_sizes = n;
	return 0;
}

static int
rfc2544_parse_option(const char *name, const char *arg)
{
	if (strcmp(name, "rfc2544-ports") == 0) {
		const char *rest;
		unsigned long v;
		uint16_t tx;
		int ret = skbfwd_parse_port_prefix(name, arg, &tx, &rest);

		if (ret == -EINVAL)
			fprintf(stderr, "skbfwd: --rfc2544-ports=%s: expected TX,RX ports\n", arg);
		if (ret < 0 || skbfwd_parse_uint(name, rest, 0, RTE_MAX_ETHPORTS - 1, &v) < 0 ||
		    skbfwd_check_port(name, arg, v) < 0)
			return -EINVAL;
		r_port_tx = tx;
		r_port_rx = (uint16_t)v;
		r_ports_given = true;
		return 0;
	}
	if (strcmp(name, "rfc2544-sizes") == 0)
		return rfc2544_parse_sizes(arg);
	if (strcmp(name, "rfc2544-ipv6") == 0) {
		/* without a value: arg NULL, or "off" from the console's set */
		r_ipv6 = arg == NULL;
		return 0;
	}
	if (strcmp(name, "rfc2544-trial") == 0)
		return skbfwd_parse_double(name, arg, 0.01, 86400, &r_trial_s);
	if (strcmp(name, "rfc2544-loss") == 0)
		return skbfwd_parse_double(name, arg, 0, 1, &r_loss);
	if (strcmp(name, "rfc2544-resolution") == 0)
		return skbfwd_parse_double(name, arg, 0.001, 50, &r_resolution);
	if (strcmp(name, "rfc2544-rate") == 0)
		return skbfwd_parse_rate(name, arg, &r_max);
	if (strcmp(name, "rfc2544-json") == 0) {
		if (*arg == '\0' || strlen(arg) >= sizeof(r_json_path)) {
			fprintf(stderr, "skbfwd: --rfc2544-json needs a file name (shorter than %zu)\n",
				sizeof(r_json_path));
			return -EINVAL;
		}
		strcpy(r_json_path, arg);
		return 0;
	}
	return -EINVAL;
}

static const struct option rfc2544_longopts[] = {
	{ "rfc2544-ports", required_argument, NULL, 0 },
	{ "rfc2544-sizes", required_argument, NULL, 0 },
	{ "rfc2544-trial", required_argument, NULL, 0 },
	{ "rfc2544-loss", required_argument, NULL, 0 },
	{ "rfc2544-resolution", required_argument, NULL, 0 },
	{ "rfc2544-rate", required_argument, NULL, 0 },
	{ "rfc2544-json", required_argument, NULL, 0 },
	{ "rfc2544-ipv6", no_argument, NULL, 0 },
	{ NULL, 0, NULL, 0 },
};

static const struct fwd_options rfc2544_options = {
	.longopts = rfc2544_longopts,
	.parse = rfc2544_parse_option,
	.off = true,                 /* the console's set rfc2544-ipv6 off */
	.usage =
	"  --rfc2544-ports=TX,RX   rfc2544: frames go out of TX through the device under\n"
	"                          test and back into RX (default: the first port and its peer)\n"
	"  --rfc2544-sizes=N[,N...]  rfc2544: frame sizes with FCS, 64..9216\n"
	"                          (default 64,128,256,512,1024,1280,1518)\n"
	"  --rfc2544-trial=SEC     rfc2544: length of a trial (default 60)\n"
	"  --rfc2544-loss=FRACTION rfc2544: loss a passing trial may have, 0..1 (default 0)\n"
	"  --rfc2544-resolution=PERCENT  rfc2544: the search stops within PERCENT of the\n"
	"                          rate (default 1)\n"
	"  --rfc2544-rate=RATE     rfc2544: the first and highest rate tried, units as\n"
	"                          --tx-rate (default the TX port's line rate)\n"
	"  --rfc2544-json=FILE     rfc2544: the results as JSON, a gnuplot chart beside\n"
	"  --rfc2544-ipv6          rfc2544: UDP/IPv6 test frames (RFC 5180, 2001:2::/48;\n"
	"                          sizes from 82, default 82,128,256,512,1024,1280,1518)\n",
};

const struct fwd_engine rfc2544_engine = {
	.name = "rfc2544",
	.setup = rfc2544_setup,
	.stream_init = rfc2544_stream_init,
	.packet_fwd = rfc2544_fwd,
	.teardown = rfc2544_teardown,
	.stats_json = rfc2544_stats_json,
	.options = FWD_OPTIONS(&rfc2544_options),
	.tx_any_port = true,
	.generator = true,
};
