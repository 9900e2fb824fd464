/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Statistics, printed by the main lcore only.  What testpmd prints is printed
 * in testpmd 22.11.11's layout, byte for byte, so that scripts written for
 * dpdk-testpmd's output read skbfwd's: the NIC blocks of --stats-period, the
 * forward statistics blocks at stop, the burst and cycles lines.  skbfwd's
 * own figures (bytes counted in software, or the devices' own for an engine
 * with device_bytes; drops by reason, rates, per queue
 * and per lcore, --stats-json with its schema in docs/usage.md) come after
 * them, in lines of their own.  Stream counters belong to their lcores; the
 * main lcore only reads them.
 */

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>

#include "config.h"
#include "latency.h"
#include "runtime.h"
#include "stats.h"

const char *const fwd_drop_names[FWD_DROP_MAX] = {
#define X(e, s, r) [FWD_DROP_##e] = s,
	FWD_DROP_REASONS(X)
#undef X
};

/* testpmd's borders: 22 '-' around a port's title, 15 '+' around the accumulated one */
#define PORT_BORDER "----------------------"
#define ACC_BORDER "+++++++++++++++"
#define NIC_BORDER "########################"

/* Rates over the last period (or the whole run when there was no period). */
struct fwd_rates {
	double rx_pps, tx_pps, rx_bps, tx_bps;
};

static struct fwd_counts last_period[RTE_MAX_ETHPORTS];
static struct fwd_rates port_rates[RTE_MAX_ETHPORTS];
static struct fwd_counts last_stream[MAX_FWD_STREAMS];
static struct fwd_rates stream_rates[MAX_FWD_STREAMS];
static uint64_t stats_start_tsc, stats_last_tsc;
/* device counters at stats_init(): the blocks show what happened since */
static struct rte_eth_stats port_start[RTE_MAX_ETHPORTS];
/* engines with device_bytes: the first stream sending on its TX queue, which gets its bytes */
static bool stream_txq_first[MAX_FWD_STREAMS];

/* @now - @start of a device counter (0 where it went back: the counters were reset). */
static inline uint64_t
dev_since(uint64_t now, uint64_t start)
{
	return now >= start ? now - start : 0;
}

/*
 * The bytes of stream @s for an engine with device_bytes: the device's own
 * counters of its RX queue and TX queue since stats_init() (queues beyond
 * the RTE_ETHDEV_QUEUE_STAT_CNTRS the devices count, and devices that keep
 * none, such as net_null: 0).  Where streams share a TX queue, the first one
 * gets its bytes.
 */
static void
stream_dev_bytes(unsigned int s, struct fwd_counts *c)
{
	const struct fwd_stream *fs = &fwd_streams[s];
	struct rte_eth_stats st;

	c->rx_bytes = c->tx_bytes = 0;
	if (fs->rx_queue < RTE_ETHDEV_QUEUE_STAT_CNTRS && rte_eth_stats_get(fs->rx_port, &st) == 0)
		c->rx_bytes = dev_since(st.q_ibytes[fs->rx_queue],
					port_start[fs->rx_port].q_ibytes[fs->rx_queue]);
	if (stream_txq_first[s] && fs->tx_queue < RTE_ETHDEV_QUEUE_STAT_CNTRS &&
	    rte_eth_stats_get(fs->tx_port, &st) == 0)
		c->tx_bytes = dev_since(st.q_obytes[fs->tx_queue],
					port_start[fs->tx_port].q_obytes[fs->tx_queue]);
}

void
counts_add(struct fwd_counts *a, const struct fwd_counts *b)
{
	unsigned int r;

	a->rx += b->rx;
	a->tx += b->tx;
	a->rx_bytes += b->rx_bytes;
	a->tx_bytes += b->tx_bytes;
	a->generated += b->generated;
	a->drops += b->drops;
	a->cycles += b->cycles;
	a->bad_ip_csum += b->bad_ip_csum;
	a->bad_l4_csum += b->bad_l4_csum;
	a->bad_outer_l4_csum += b->bad_outer_l4_csum;
	a->bad_outer_ip_csum += b->bad_outer_ip_csum;
	for (r = 0; r < FWD_DROP_MAX; r++)
		a->reason[r] += b->reason[r];
}

/* The counters of one stream (read while its lcore may still write: each
 * 64-bit load is atomic on the platforms DPDK runs on). */
static void
stream_counts(const struct fwd_stream *fs, struct fwd_counts *c)
{
	unsigned int r;

	memset(c, 0, sizeof(*c));
	c->rx = fs->rx_packets;
	c->tx = fs->tx_packets;
	if (cfg.engine->device_bytes && fs >= fwd_streams && fs < fwd_streams + nb_fwd_streams)
		stream_dev_bytes((unsigned int)(fs - fwd_streams), c);
	else {
		c->rx_bytes = fs->rx_bytes;
		c->tx_bytes = fs->tx_bytes;
	}
	c->generated = fs->generated;
	c->cycles = fs->core_cycles;
	c->bad_ip_csum = fs->rx_bad_ip_csum;
	c->bad_l4_csum = fs->rx_bad_l4_csum;
	c->bad_outer_l4_csum = fs->rx_bad_outer_l4_csum;
	c->bad_outer_ip_csum = fs->rx_bad_outer_ip_csum;
	for (r = 0; r < FWD_DROP_MAX; r++)
		c->reason[r] = fs->drops[r];
	c->drops = fwd_stream_drops(fs);
}

/* The counters of every stream of one lcore. */
static void
lcore_counts(const struct fwd_lcore *fc, struct fwd_counts *sum)
{
	struct fwd_counts c;
	unsigned int k;

	memset(sum, 0, sizeof(*sum));
	for (k = 0; k < fc->nb_streams; k++) {
		stream_counts(fc->streams[k], &c);
		counts_add(sum, &c);
	}
}

/*
 * Sum the streams into per-port totals: RX and bad checksums on the RX port;
 * TX, generated and drops on the TX port; for streams that send anywhere, TX
 * and tx_full on the port each packet went to.
 */
static void
stats_collect_streams(struct fwd_counts *t, struct fwd_counts *per_stream)
{
	unsigned int s, p;

	memset(t, 0, sizeof(*t) * RTE_MAX_ETHPORTS);
	for (s = 0; s < nb_fwd_streams; s++) {
		const struct fwd_stream *fs = &fwd_streams[s];
		struct fwd_counts c;

		/* one read of each stream serves both views, so they add up */
		stream_counts(fs, &c);
		if (per_stream != NULL)
			per_stream[s] = c;
		t[fs->rx_port].rx += c.rx;
		t[fs->rx_port].rx_bytes += c.rx_bytes;
		t[fs->rx_port].cycles += c.cycles;
		t[fs->rx_port].bad_ip_csum += c.bad_ip_csum;
		t[fs->rx_port].bad_l4_csum += c.bad_l4_csum;
		t[fs->rx_port].bad_outer_l4_csum += c.bad_outer_l4_csum;
		t[fs->rx_port].bad_outer_ip_csum += c.bad_outer_ip_csum;
		c.rx = c.rx_bytes = c.cycles = 0;
		c.bad_ip_csum = c.bad_l4_csum = c.bad_outer_l4_csum = c.bad_outer_ip_csum = 0;
		if (fs->tx_ports != NULL) {
			for (p = 0; p < RTE_MAX_ETHPORTS; p++) {
				t[p].tx += fs->tx_ports[p].packets;
				t[p].tx_bytes += fs->tx_ports[p].bytes;
				t[p].reason[FWD_DROP_TX_FULL] += fs->tx_ports[p].dropped;
				t[p].drops += fs->tx_ports[p].dropped;
			}
			c.tx = c.tx_bytes = 0;
			c.drops -= c.reason[FWD_DROP_TX_FULL];
			c.reason[FWD_DROP_TX_FULL] = 0;
		}
		counts_add(&t[fs->tx_port], &c);
	}
}

void
stats_collect(struct fwd_counts *t)
{
	stats_collect_streams(t, NULL);
}

/* Rates from @last to @now over @seconds (bits = 8 x bytes); @last := @now. */
static void
rates_of(const struct fwd_counts *now, struct fwd_counts *last, struct fwd_rates *r,
	 double seconds)
{
	if (seconds <= 0)
		seconds = 1e-9;
	r->rx_pps = (double)(now->rx - last->rx) / seconds;
	r->tx_pps = (double)(now->tx - last->tx) / seconds;
	r->rx_bps = 8.0 * (double)(now->rx_bytes - last->rx_bytes) / seconds;
	r->tx_bps = 8.0 * (double)(now->tx_bytes - last->tx_bytes) / seconds;
	*last = *now;
}

static void
rates_add(struct fwd_rates *a, const struct fwd_rates *b)
{
	a->rx_pps += b->rx_pps;
	a->tx_pps += b->tx_pps;
	a->rx_bps += b->rx_bps;
	a->tx_bps += b->tx_bps;
}

/* Rates of every port and stream since the previous call, from one snapshot. */
static void
stats_update_rates(const struct fwd_counts *now, const struct fwd_counts *per_stream,
		   double seconds)
{
	unsigned int i;

	for (i = 0; i < nb_fwd_ports; i++)
		rates_of(&now[fwd_ports[i]], &last_period[fwd_ports[i]],
			 &port_rates[fwd_ports[i]], seconds);
	for (i = 0; i < nb_fwd_streams; i++)
		rates_of(&per_stream[i], &last_stream[i], &stream_rates[i], seconds);
	stats_last_tsc = rte_get_timer_cycles();
}

/* Per-stream snapshot of the main lcore (period and final statistics). */
static struct fwd_counts snap_stream[MAX_FWD_STREAMS];

/* An lcore's rates: the sum of its streams'. */
static void
lcore_rates(const struct fwd_lcore *fc, struct fwd_rates *r)
{
	unsigned int k;

	memset(r, 0, sizeof(*r));
	for (k = 0; k < fc->nb_streams; k++)
		rates_add(r, &stream_rates[fc->streams[k] - fwd_streams]);
}

void
stats_init(void)
{
	unsigned int i, s, k;

	memset(last_period, 0, sizeof(last_period));
	memset(port_rates, 0, sizeof(port_rates));
	memset(last_stream, 0, sizeof(last_stream));
	memset(stream_rates, 0, sizeof(stream_rates));
	memset(port_start, 0, sizeof(port_start));
	for (i = 0; i < nb_fwd_ports; i++)
		rte_eth_stats_get(fwd_ports[i], &port_start[fwd_ports[i]]);
	for (s = 0; s < nb_fwd_streams; s++) {
		const struct fwd_stream *fs = &fwd_streams[s];

		for (k = 0; k < s; k++)
			if (fwd_streams[k].tx_port == fs->tx_port && fwd_streams[k].tx_queue == fs->tx_queue)
				break;
		stream_txq_first[s] = k == s;
	}
	stats_start_tsc = stats_last_tsc = rte_get_timer_cycles();
}

/* The device counters of @port since stats_init() (0 where a counter went back). */
static void
port_delta(uint16_t port, struct rte_eth_stats *d)
{
	const struct rte_eth_stats *s = &port_start[port];

	memset(d, 0, sizeof(*d));
	if (rte_eth_stats_get(port, d) != 0)
		return;
#define SINCE(f) d->f = d->f >= s->f ? d->f - s->f : 0
	SINCE(ipackets);
	SINCE(opackets);
	SINCE(ibytes);
	SINCE(obytes);
	SINCE(imissed);
	SINCE(ierrors);
	SINCE(oerrors);
	SINCE(rx_nombuf);
#undef SINCE
}

/* -------------------------------------------------- testpmd's NIC blocks */

/* What the previous block of a port showed, for its "since last show" rates. */
static struct {
	uint64_t tsc, rx, tx, rx_bytes, tx_bytes;
} nic_prev[RTE_MAX_ETHPORTS];

void
stats_nic_display(uint16_t port_id)
{
	struct rte_eth_stats st;
	uint64_t now = rte_get_timer_cycles();
	uint64_t rx_pps = 0, tx_pps = 0, rx_bps = 0, tx_bps = 0;

	if (port_id >= RTE_MAX_ETHPORTS)
		return;
	memset(&st, 0, sizeof(st));
	rte_eth_stats_get(port_id, &st);
	if (nic_prev[port_id].tsc != 0 && now > nic_prev[port_id].tsc) {
		double s = (double)(now - nic_prev[port_id].tsc) / (double)rte_get_timer_hz();

#define RATE(cur, prev) ((cur) > (prev) ? (uint64_t)((double)((cur) - (prev)) / s) : 0)
		rx_pps = RATE(st.ipackets, nic_prev[port_id].rx);
		tx_pps = RATE(st.opackets, nic_prev[port_id].tx);
		rx_bps = 8 * RATE(st.ibytes, nic_prev[port_id].rx_bytes);
		tx_bps = 8 * RATE(st.obytes, nic_prev[port_id].tx_bytes);
#undef RATE
	}
	nic_prev[port_id].tsc = now;
	nic_prev[port_id].rx = st.ipackets;
	nic_prev[port_id].tx = st.opackets;
	nic_prev[port_id].rx_bytes = st.ibytes;
	nic_prev[port_id].tx_bytes = st.obytes;

	printf("\n  %s NIC statistics for port %-2d %s\n", NIC_BORDER, port_id, NIC_BORDER);
	printf("  RX-packets: %-10" PRIu64 " RX-missed: %-10" PRIu64 " RX-bytes:  %-" PRIu64 "\n",
	       st.ipackets, st.imissed, st.ibytes);
	printf("  RX-errors: %-" PRIu64 "\n", st.ierrors);
	printf("  RX-nombuf:  %-10" PRIu64 "\n", st.rx_nombuf);
	printf("  TX-packets: %-10" PRIu64 " TX-errors: %-10" PRIu64 " TX-bytes:  %-" PRIu64 "\n",
	       st.opackets, st.oerrors, st.obytes);
	printf("\n  Throughput (since last show)\n");
	printf("  Rx-pps: %12" PRIu64 "          Rx-bps: %12" PRIu64 "\n"
	       "  Tx-pps: %12" PRIu64 "          Tx-bps: %12" PRIu64 "\n",
	       rx_pps, rx_bps, tx_pps, tx_bps);
	stats_print_xstats(port_id);
	printf("  %s############################%s\n", NIC_BORDER, NIC_BORDER);
}

void
stats_print_nic_all(void)
{
	unsigned int i;

	/* testpmd clears the screen and homes the cursor before each refresh */
	printf("\033[2J\033[1;1H\nPort statistics ====================================");
	for (i = 0; i < nb_fwd_ports; i++)
		stats_nic_display(fwd_ports[i]);
	fflush(stdout);
}

/* ------------------------------------------------------- periodic output */

/* "24.538 Mpps 12.565 Gbit/s": one direction's rates with their units. */
static void
print_rate(const char *dir, double pps, double bps)
{
	printf(" %s: %.3f Mpps %.3f Gbit/s", dir, pps / 1e6, bps / 1e9);
}

void
stats_print_period(double seconds)
{
	static struct fwd_counts now[RTE_MAX_ETHPORTS];
	double elapsed = (double)(rte_get_timer_cycles() - stats_start_tsc) /
			 (double)rte_get_timer_hz();
	unsigned int i;

	stats_collect_streams(now, snap_stream);
	stats_update_rates(now, snap_stream, seconds);
	if (cfg.stats_format != STATS_FORMAT_LINE) {
		stats_print_nic_all();
		return;
	}
	for (i = 0; i < nb_fwd_ports; i++) {
		uint16_t p = fwd_ports[i];
		const struct fwd_rates *r = &port_rates[p];
		struct rte_eth_stats d;

		port_delta(p, &d);
		printf("%.3f s Port %u: RX-packets: %" PRIu64 " TX-packets: %" PRIu64
		       " TX-dropped: %" PRIu64 " Drops: %" PRIu64,
		       elapsed, p, now[p].rx, now[p].tx,
		       now[p].reason[FWD_DROP_TX_FULL] + d.oerrors, now[p].drops);
		print_rate("RX", r->rx_pps, r->rx_bps);
		print_rate("TX", r->tx_pps, r->tx_bps);
		printf("\n");
		stats_print_xstats(p);
	}
	fflush(stdout);
}

/* -------------------------------------------- testpmd's forward statistics */

/*
 * testpmd's burst line of a histogram (@hist[size] = bursts of that size):
 * the total, then the share of empty bursts and of the two most frequent
 * sizes, truncated to whole percents, the last share being what is left:
 * "  RX-bursts : 687560 [0% of 0 pkts + 100% of 32 pkts]".  Nothing when no
 * burst was counted.
 */
static void
stats_print_bursts(const char *dir, const uint64_t *hist)
{
	uint64_t total = hist[0], count[3] = { hist[0], 0, 0 }, shown = 0;
	unsigned int size[3] = { 0, 0, 0 }, i;
	int pct_shown = 0;

	for (i = 1; i <= MAX_PKT_BURST; i++) {
		total += hist[i];
		if (hist[i] > count[1]) {
			count[2] = count[1], size[2] = size[1];
			count[1] = hist[i], size[1] = i;
		} else if (hist[i] > count[2]) {
			count[2] = hist[i], size[2] = i;
		}
	}
	if (total == 0)
		return;
	printf("  %s-bursts : %" PRIu64 " [", dir, total);
	for (i = 0; i < 3; i++) {
		int pct;

		shown += count[i];
		if (shown == total) {
			printf("%d%% of %u pkts]\n", 100 - pct_shown, size[i]);
			return;
		}
		pct = (int)((double)count[i] / (double)total * 100);
		printf("%d%% of %u pkts + ", pct, size[i]);
		pct_shown += pct;
	}
	printf("%d%% of other]\n", 100 - pct_shown);
}

static void
print_rx_line(uint64_t rx, uint64_t dropped)
{
	printf("  RX-packets: %-14" PRIu64 " RX-dropped: %-14" PRIu64 "RX-total: %-" PRIu64 "\n",
	       rx, dropped, rx + dropped);
}

static void
print_tx_line(uint64_t tx, uint64_t dropped)
{
	printf("  TX-packets: %-14" PRIu64 " TX-dropped: %-14" PRIu64 "TX-total: %-" PRIu64 "\n",
	       tx, dropped, tx + dropped);
}

/* One stream's block (testpmd prints them when streams outnumber ports). */
static void
stats_print_stream_block(const struct fwd_stream *fs, const struct fwd_counts *c)
{
	uint64_t dropped = c->reason[FWD_DROP_TX_FULL];

	if (c->rx == 0 && c->tx == 0 && dropped == 0)
		return;
	printf("\n  ------- Forward Stats for RX Port=%2d/Queue=%2d -> TX Port=%2d/Queue=%2d -------\n",
	       fs->rx_port, fs->rx_queue, fs->tx_port, fs->tx_queue);
	printf("  RX-packets: %-14" PRIu64 " TX-packets: %-14" PRIu64 " TX-dropped: %-14" PRIu64,
	       c->rx, c->tx, dropped);
	if (cfg.engine->checksum_counts) {
		printf("  RX- bad IP checksum: %-14" PRIu64 "  Rx- bad L4 checksum: %-14" PRIu64
		       " Rx- bad outer L4 checksum: %-14" PRIu64 "\n",
		       c->bad_ip_csum, c->bad_l4_csum, c->bad_outer_l4_csum);
		printf(" RX- bad outer IP checksum: %-14" PRIu64 "\n", c->bad_outer_ip_csum);
	} else {
		printf("\n");
	}
	if (fs->rx_burst_hist != NULL) {
		if (!cfg.engine->no_rx)
			stats_print_bursts("RX", fs->rx_burst_hist);
		stats_print_bursts("TX", fs->tx_burst_hist);
	}
}

void
stats_print_fwd(void)
{
	static struct fwd_counts t[RTE_MAX_ETHPORTS];
	const struct fwd_stream *rx_stream[RTE_MAX_ETHPORTS], *tx_stream[RTE_MAX_ETHPORTS];
	bool per_stream = nb_fwd_streams > nb_fwd_ports;
	uint64_t rx = 0, rx_dropped = 0, tx = 0, tx_dropped = 0, nombuf = 0, cycles = 0;
	unsigned int i, s;

	stats_collect_streams(t, snap_stream);
	memset(rx_stream, 0, sizeof(rx_stream));
	memset(tx_stream, 0, sizeof(tx_stream));
	for (s = 0; s < nb_fwd_streams; s++) {
		const struct fwd_stream *fs = &fwd_streams[s];

		if (per_stream) {
			stats_print_stream_block(fs, &snap_stream[s]);
		} else {
			rx_stream[fs->rx_port] = fs;
			tx_stream[fs->tx_port] = fs;
		}
		cycles += snap_stream[s].cycles;
	}
	for (i = 0; i < nb_fwd_ports; i++) {
		uint16_t p = fwd_ports[i];
		struct rte_eth_stats d;
		uint64_t p_tx_dropped;

		port_delta(p, &d);
		p_tx_dropped = t[p].reason[FWD_DROP_TX_FULL] + d.oerrors;
		printf("\n  %s Forward statistics for port %-2d %s\n", PORT_BORDER, p, PORT_BORDER);
		print_rx_line(t[p].rx, d.imissed);
		if (cfg.engine->checksum_counts) {
			printf("  Bad-ipcsum: %-14" PRIu64 " Bad-l4csum: %-14" PRIu64
			       "Bad-outer-l4csum: %-14" PRIu64 "\n",
			       t[p].bad_ip_csum, t[p].bad_l4_csum, t[p].bad_outer_l4_csum);
			printf("  Bad-outer-ipcsum: %-14" PRIu64 "\n", t[p].bad_outer_ip_csum);
		}
		if (d.ierrors + d.rx_nombuf > 0) {
			printf("  RX-error: %-" PRIu64 "\n", d.ierrors);
			printf("  RX-nombufs: %-14" PRIu64 "\n", d.rx_nombuf);
		}
		print_tx_line(t[p].tx, p_tx_dropped);
		if (rx_stream[p] != NULL && rx_stream[p]->rx_burst_hist != NULL &&
		    !cfg.engine->no_rx)
			stats_print_bursts("RX", rx_stream[p]->rx_burst_hist);
		if (tx_stream[p] != NULL && tx_stream[p]->tx_burst_hist != NULL)
			stats_print_bursts("TX", tx_stream[p]->tx_burst_hist);
		printf("  %s--------------------------------%s\n", PORT_BORDER, PORT_BORDER);
		rx += t[p].rx;
		tx += t[p].tx;
		rx_dropped += d.imissed;
		tx_dropped += p_tx_dropped;
		nombuf += d.rx_nombuf;
	}
	printf("\n  %s Accumulated forward statistics for all ports%s\n", ACC_BORDER, ACC_BORDER);
	print_rx_line(rx, rx_dropped);
	print_tx_line(tx, tx_dropped);
	if (nombuf > 0)
		printf("  RX-nombufs: %-14" PRIu64 "\n", nombuf);
	printf("  %s++++++++++++++++++++++++++++++++++++++++++++++%s\n", ACC_BORDER, ACC_BORDER);
	if (cfg.record_core_cycles && (rx > 0 || tx > 0)) {
		/* per packet made by the generators, per packet received by the rest */
		uint64_t pkts = cfg.engine->generator ? tx : rx;

		printf("\n  CPU cycles/packet=%.2F (total cycles=%" PRIu64 " / total %s packets=%"
		       PRIu64 ") at %" PRIu64 " MHz Clock\n",
		       pkts ? (double)cycles / (double)pkts : 0.0, cycles, cfg.engine->name, pkts,
		       (uint64_t)((double)rte_get_tsc_hz() / 1e6));
	}
	fflush(stdout);
}

/* ------------------------------------------------------- skbfwd's own lines */

static void
stats_print_reasons(const uint64_t *reason)
{
	unsigned int r;
	bool any = false;

	printf(" Drops:");
	for (r = 0; r < FWD_DROP_MAX; r++) {
		if (reason[r] == 0)
			continue;
		printf(" %s=%" PRIu64, fwd_drop_names[r], reason[r]);
		any = true;
	}
	printf("%s\n", any ? "" : " none");
}

/* "  Port 0: RX-bytes: ... Drops: ..." then its rates; @label "Port 0" or "All ports". */
static void
stats_print_own_port(const char *label, const struct fwd_counts *c, uint64_t nombuf,
		     const struct fwd_rates *r)
{
	printf("  %s: RX-bytes: %" PRIu64 " TX-bytes: %" PRIu64 " RX-nombuf: %" PRIu64
	       " Generated: %" PRIu64 "\n", label, c->rx_bytes, c->tx_bytes, nombuf, c->generated);
	printf("  %s:", label);
	stats_print_reasons(c->reason);
	printf("  %s:", label);
	print_rate("RX", r->rx_pps, r->rx_bps);
	print_rate("TX", r->tx_pps, r->tx_bps);
	printf("\n");
}

static void
stats_print_line(const char *label, const struct fwd_counts *c, const struct fwd_rates *r)
{
	printf("    %-28s RX: %-12" PRIu64 " %-14" PRIu64 "B TX: %-12" PRIu64 " %-14" PRIu64
	       "B drops: %-10" PRIu64 " RX-pps: %-10.0f TX-pps: %.0f\n",
	       label, c->rx, c->rx_bytes, c->tx, c->tx_bytes, c->drops, r->rx_pps, r->tx_pps);
}

static double
cycles_per_packet(const struct fwd_counts *c)
{
	uint64_t pkts = c->rx + c->generated;

	return pkts ? (double)c->cycles / (double)pkts : 0.0;
}

/* Per-queue (stream) and per-lcore lines. */
static void
stats_print_streams(void)
{
	unsigned int s, l;
	char label[64];

	printf("  Per queue (RX port/queue -> TX port/queue, lcore):\n");
	for (s = 0; s < nb_fwd_streams; s++) {
		const struct fwd_stream *fs = &fwd_streams[s];

		snprintf(label, sizeof(label), "%u/%u -> %u/%u lcore %u", fs->rx_port,
			 fs->rx_queue, fs->tx_port, fs->tx_queue,
			 fwd_lcores[fs->lcore_idx].lcore_id);
		stats_print_line(label, &snap_stream[s], &stream_rates[s]);
	}
	printf("  Per lcore:\n");
	for (l = 0; l < nb_fwd_lcores; l++) {
		struct fwd_counts sum;
		struct fwd_rates r;

		lcore_counts(&fwd_lcores[l], &sum);
		lcore_rates(&fwd_lcores[l], &r);
		snprintf(label, sizeof(label), "lcore %u (%u streams)", fwd_lcores[l].lcore_id,
			 fwd_lcores[l].nb_streams);
		stats_print_line(label, &sum, &r);
		if (cfg.record_core_cycles)
			printf("      cycles/packet: %.2f\n", cycles_per_packet(&sum));
	}
}

/* ------------------------------------------------------------------ JSON */

static void
json_counts(FILE *f, const struct fwd_counts *c)
{
	unsigned int r;

	fprintf(f, "\"rx_packets\": %" PRIu64 ", \"rx_bytes\": %" PRIu64
		", \"tx_packets\": %" PRIu64 ", \"tx_bytes\": %" PRIu64
		", \"generated\": %" PRIu64 ", \"tx_full\": %" PRIu64
		", \"drops_total\": %" PRIu64 ", \"drops\": {",
		c->rx, c->rx_bytes, c->tx, c->tx_bytes, c->generated,
		c->reason[FWD_DROP_TX_FULL], c->drops);
	for (r = 0; r < FWD_DROP_MAX; r++)
		fprintf(f, "%s\"%s\": %" PRIu64, r ? ", " : "", fwd_drop_names[r], c->reason[r]);
	fprintf(f, "}");
}

static void
json_rates(FILE *f, const struct fwd_rates *r)
{
	fprintf(f, ", \"rx_pps\": %.3f, \"tx_pps\": %.3f, \"rx_bps\": %.3f, \"tx_bps\": %.3f",
		r->rx_pps, r->tx_pps, r->rx_bps, r->tx_bps);
}

/* A burst-size histogram, bursts that moved packets only (empty polls left out). */
static void
json_hist(FILE *f, const char *key, const uint64_t *hist)
{
	unsigned int i;
	bool first = true;

	fprintf(f, ", \"%s\": {", key);
	for (i = 1; hist != NULL && i <= MAX_PKT_BURST; i++) {
		if (hist[i] == 0)
			continue;
		fprintf(f, "%s\"%u\": %" PRIu64, first ? "" : ", ", i, hist[i]);
		first = false;
	}
	fprintf(f, "}");
}

/* --stats-json's file, open from the start of the run (stats_json_open()) */
static FILE *stats_json_file;

int
stats_json_open(void)
{
	int fd, err;

	stats_json_close();
	if (cfg.stats_json == NULL)
		return 0;
	/* not truncated yet: a run that fails to start leaves an old file as it was;
	 * O_NONBLOCK: a FIFO without a reader is an error, not a wait */
	fd = open(cfg.stats_json, O_WRONLY | O_CREAT | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0644);
	if (fd < 0 || fcntl(fd, F_SETFL, 0) < 0 || (stats_json_file = fdopen(fd, "w")) == NULL) {
		err = errno;
		fprintf(stderr, "skbfwd: --stats-json=%s: cannot write: %s\n", cfg.stats_json,
			strerror(err));
		if (fd >= 0)
			close(fd);
		return -err;
	}
	return 0;
}

void
stats_json_close(void)
{
	if (stats_json_file != NULL)
		fclose(stats_json_file);
	stats_json_file = NULL;
}

/* Write the final statistics to cfg.stats_json; the schema is in docs/usage.md. */
static int
stats_write_json(const struct fwd_counts *t, const struct fwd_counts *acc,
		 const uint64_t *rx_missed, const uint64_t *rx_nombuf, double seconds)
{
	FILE *f = stats_json_file;
	unsigned int i, s, l;
	uint64_t acc_missed = 0, acc_nombuf = 0;
	struct fwd_rates acc_rates = { 0, 0, 0, 0 };
	int ret;

	if (f == NULL)
		return -EBADF;
	/* each run's statistics replace the last ones (the console runs several):
	 * a regular file is rewritten from its start; a pipe or a device has none */
	rewind(f);
	(void)ftruncate(fileno(f), 0);
	fprintf(f, "{\n  \"schema\": \"skbfwd-stats/1\",\n  \"engine\": \"%s\",\n"
		"  \"burst\": %u,\n  \"seconds\": %.3f,\n  \"drop_reasons\": [",
		cfg.engine->name, cfg.burst, seconds);
	for (i = 0; i < FWD_DROP_MAX; i++)
		fprintf(f, "%s\"%s\"", i ? ", " : "", fwd_drop_names[i]);
	fprintf(f, "],\n  \"ports\": [\n");
	for (i = 0; i < nb_fwd_ports; i++) {
		uint16_t p = fwd_ports[i];
		const struct fwd_rates *r = &port_rates[p];

		fprintf(f, "    {\"port\": %u, ", p);
		json_counts(f, &t[p]);
		fprintf(f, ", \"rx_missed\": %" PRIu64 ", \"rx_nombuf\": %" PRIu64,
			rx_missed[p], rx_nombuf[p]);
		json_rates(f, r);
		rates_add(&acc_rates, r);
		fprintf(f, "}%s\n", i + 1 < nb_fwd_ports ? "," : "");
		acc_missed += rx_missed[p];
		acc_nombuf += rx_nombuf[p];
	}
	fprintf(f, "  ],\n  \"queues\": [\n");
	for (s = 0; s < nb_fwd_streams; s++) {
		const struct fwd_stream *fs = &fwd_streams[s];

		fprintf(f, "    {\"rx_port\": %u, \"rx_queue\": %u, \"tx_port\": %u, \"tx_queue\": %u, \"lcore\": %u, ",
			fs->rx_port, fs->rx_queue, fs->tx_port, fs->tx_queue,
			fwd_lcores[fs->lcore_idx].lcore_id);
		json_counts(f, &snap_stream[s]);
		json_rates(f, &stream_rates[s]);
		if (fs->rx_burst_hist != NULL) {
			json_hist(f, "rx_bursts", fs->rx_burst_hist);
			json_hist(f, "tx_bursts", fs->tx_burst_hist);
		}
		fprintf(f, "}%s\n", s + 1 < nb_fwd_streams ? "," : "");
	}
	fprintf(f, "  ],\n  \"lcores\": [\n");
	for (l = 0; l < nb_fwd_lcores; l++) {
		struct fwd_counts sum;
		struct fwd_rates r;

		lcore_counts(&fwd_lcores[l], &sum);
		lcore_rates(&fwd_lcores[l], &r);
		fprintf(f, "    {\"lcore\": %u, \"streams\": %u, ", fwd_lcores[l].lcore_id,
			fwd_lcores[l].nb_streams);
		json_counts(f, &sum);
		json_rates(f, &r);
		if (cfg.record_core_cycles)
			fprintf(f, ", \"cycles_per_packet\": %.2f", cycles_per_packet(&sum));
		fprintf(f, "}%s\n", l + 1 < nb_fwd_lcores ? "," : "");
	}
	fprintf(f, "  ],\n  \"totals\": {");
	json_counts(f, acc);
	fprintf(f, ", \"rx_missed\": %" PRIu64 ", \"rx_nombuf\": %" PRIu64, acc_missed, acc_nombuf);
	json_rates(f, &acc_rates);
	if (cfg.record_core_cycles)
		fprintf(f, ", \"cycles_per_packet\": %.2f", cycles_per_packet(acc));
	fprintf(f, "}");
	if (cfg.engine->stats_json != NULL)
		cfg.engine->stats_json(f);
	latency_json(f);
	fprintf(f, "\n}\n");
	ret = ferror(f) ? -EIO : 0;
	if (fflush(f) != 0)
		ret = -EIO;
	if (ret < 0)
		fprintf(stderr, "skbfwd: --stats-json=%s: write failed\n", cfg.stats_json);
	return ret;
}

int
stats_print_own(void)
{
	static struct fwd_counts t[RTE_MAX_ETHPORTS];
	static uint64_t rx_missed[RTE_MAX_ETHPORTS], rx_nombuf[RTE_MAX_ETHPORTS];
	struct fwd_counts acc;
	struct fwd_rates acc_rates;
	uint64_t acc_nombuf = 0, now = rte_get_timer_cycles();
	double hz = (double)rte_get_timer_hz();
	unsigned int i;
	char label[32];
	int ret = 0;

	stats_collect_streams(t, snap_stream);
	/* rates over the last period, or the whole run without --stats-period */
	if (cfg.stats_period == 0 || stats_last_tsc == stats_start_tsc)
		stats_update_rates(t, snap_stream, (double)(now - stats_last_tsc) / hz);
	memset(&acc, 0, sizeof(acc));
	memset(&acc_rates, 0, sizeof(acc_rates));
	printf("\nskbfwd statistics (bytes %s; rates of the %s):\n",
	       cfg.engine->device_bytes ? "from the devices' counters" : "counted in software",
	       cfg.stats_period != 0 ? "last period" : "whole run");
	for (i = 0; i < nb_fwd_ports; i++) {
		uint16_t p = fwd_ports[i];
		struct rte_eth_stats d;

		port_delta(p, &d);
		rx_missed[p] = d.imissed;
		rx_nombuf[p] = d.rx_nombuf;
		snprintf(label, sizeof(label), "Port %u", p);
		stats_print_own_port(label, &t[p], d.rx_nombuf, &port_rates[p]);
		counts_add(&acc, &t[p]);
		rates_add(&acc_rates, &port_rates[p]);
		acc_nombuf += d.rx_nombuf;
	}
	stats_print_own_port("All ports", &acc, acc_nombuf, &acc_rates);
	stats_print_streams();
	stats_print_xstats_final();
	if (cfg.stats_json != NULL)
		ret = stats_write_json(t, &acc, rx_missed, rx_nombuf,
				       (double)(now - stats_start_tsc) / hz);
	fflush(stdout);
	return ret;
}

void
stats_print_gro(void)
{
	uint64_t rx = 0, merged = 0;
	unsigned int i;

	for (i = 0; i < nb_fwd_streams; i++) {
		rx += fwd_streams[i].rx_packets;
		merged += fwd_streams[i].gro_merged;
	}
	printf("GRO: %" PRIu64 " packets received, %" PRIu64 " skbs after merging\n",
	       rx, rx - merged);
}

void
stats_print_drops(void)
{
	static struct fwd_counts t[RTE_MAX_ETHPORTS];
	struct fwd_counts acc;
	unsigned int i, r;

	stats_collect(t);
	memset(&acc, 0, sizeof(acc));
	printf("  %-16s", "Drops by reason");
	for (i = 0; i < nb_fwd_ports; i++) {
		char col[16];

		snprintf(col, sizeof(col), "port %u", fwd_ports[i]);
		printf(" %14s", col);
		counts_add(&acc, &t[fwd_ports[i]]);
	}
	printf(" %14s\n", "total");
	for (r = 0; r <= FWD_DROP_MAX; r++) {
		printf("  %-16s", r < FWD_DROP_MAX ? fwd_drop_names[r] : "all reasons");
		for (i = 0; i < nb_fwd_ports; i++) {
			const struct fwd_counts *c = &t[fwd_ports[i]];

			printf(" %14" PRIu64, r < FWD_DROP_MAX ? c->reason[r] : c->drops);
		}
		printf(" %14" PRIu64 "\n", r < FWD_DROP_MAX ? acc.reason[r] : acc.drops);
	}
}
