/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Statistics, printed by the main lcore only: per-port lines every
 * --stats-period, and per-port, accumulated, per-queue and per-lcore totals at
 * exit (testpmd's "Forward statistics" layout), optionally as JSON
 * (--stats-json, schema in docs/usage.md).  Stream counters belong to their
 * lcores; the main lcore only reads them.
 */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>

#include "config.h"
#include "runtime.h"
#include "stats.h"

const char *const fwd_drop_names[FWD_DROP_MAX] = {
#define X(e, s) [FWD_DROP_##e] = s,
	FWD_DROP_REASONS(X)
#undef X
};

/* Rates over the last period (or the whole run when there was no period). */
struct fwd_rates {
	double rx_pps, tx_pps, rx_bps, tx_bps;
};

static struct fwd_counts last_period[RTE_MAX_ETHPORTS];
static struct fwd_rates port_rates[RTE_MAX_ETHPORTS];
static struct fwd_counts last_stream[MAX_FWD_STREAMS];
static struct fwd_rates stream_rates[MAX_FWD_STREAMS];
static uint64_t stats_start_tsc, stats_last_tsc;

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
	c->rx_bytes = fs->rx_bytes;
	c->tx_bytes = fs->tx_bytes;
	c->generated = fs->generated;
	c->cycles = fs->core_cycles;
	for (r = 0; r < FWD_DROP_MAX; r++) {
		c->reason[r] = fs->drops[r];
		c->drops += fs->drops[r];
	}
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
 * Sum the streams into per-port totals: RX on the RX port; TX, generated and
 * drops on the TX port (per actual port for streams that send anywhere).
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
		c.rx = c.rx_bytes = c.cycles = 0;
		if (fs->tx_ports != NULL) {
			for (p = 0; p < RTE_MAX_ETHPORTS; p++) {
				t[p].tx += fs->tx_ports[p].packets;
				t[p].tx_bytes += fs->tx_ports[p].bytes;
			}
			c.tx = c.tx_bytes = 0;
		}
		counts_add(&t[fs->tx_port], &c);
	}
}

void
stats_collect(struct fwd_counts *t)
{
	stats_collect_streams(t, NULL);
}

void
stats_init(void)
{
	memset(last_period, 0, sizeof(last_period));
	memset(port_rates, 0, sizeof(port_rates));
	memset(last_stream, 0, sizeof(last_stream));
	memset(stream_rates, 0, sizeof(stream_rates));
	stats_start_tsc = stats_last_tsc = rte_get_timer_cycles();
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
stats_print_period(double seconds)
{
	static struct fwd_counts now[RTE_MAX_ETHPORTS];
	unsigned int i;

	stats_collect_streams(now, snap_stream);
	stats_update_rates(now, snap_stream, seconds);
	for (i = 0; i < nb_fwd_ports; i++) {
		uint16_t p = fwd_ports[i];
		const struct fwd_rates *r = &port_rates[p];

		printf("Port %u: RX-packets: %" PRIu64 " TX-packets: %" PRIu64
		       " RX-pps: %.0f TX-pps: %.0f Drops: %" PRIu64
		       " RX-bytes: %" PRIu64 " TX-bytes: %" PRIu64
		       " RX-bps: %.0f TX-bps: %.0f\n",
		       p, now[p].rx, now[p].tx, r->rx_pps, r->tx_pps, now[p].drops,
		       now[p].rx_bytes, now[p].tx_bytes, r->rx_bps, r->tx_bps);
	}
	fflush(stdout);
}

static void
stats_print_reasons(const uint64_t *reason)
{
	unsigned int r;
	bool any = false;

	printf("  Drops:");
	for (r = 0; r < FWD_DROP_MAX; r++) {
		if (reason[r] == 0)
			continue;
		printf(" %s=%" PRIu64, fwd_drop_names[r], reason[r]);
		any = true;
	}
	printf("%s\n", any ? "" : " none");
}

/* "N bursts [x% of A + y% of B + z% of others]" for a burst-size histogram. */
static void
stats_print_burst(const char *what, const uint64_t *hist)
{
	uint64_t total = 0, top[2] = { 0, 0 };
	unsigned int size[2] = { 0, 0 }, i;

	for (i = 0; i <= MAX_PKT_BURST; i++) {
		total += hist[i];
		if (hist[i] > top[0]) {
			top[1] = top[0], size[1] = size[0];
			top[0] = hist[i], size[0] = i;
		} else if (hist[i] > top[1]) {
			top[1] = hist[i], size[1] = i;
		}
	}
	printf("    %s-bursts: %" PRIu64, what, total);
	if (total != 0) {
		printf(" [%.0f%% of %u pkts", 100.0 * (double)top[0] / (double)total, size[0]);
		if (top[1] != 0)
			printf(" + %.0f%% of %u pkts", 100.0 * (double)top[1] / (double)total, size[1]);
		if (total - top[0] - top[1] != 0)
			printf(" + %.0f%% of others",
			       100.0 * (double)(total - top[0] - top[1]) / (double)total);
		printf("]");
	}
	printf("\n");
}

static void
stats_print_line(const char *label, const struct fwd_counts *c, const struct fwd_rates *r)
{
	printf("  %-28s RX: %-12" PRIu64 " %-14" PRIu64 "B TX: %-12" PRIu64 " %-14" PRIu64
	       "B drops: %-10" PRIu64 " RX-pps: %-10.0f TX-pps: %.0f\n",
	       label, c->rx, c->rx_bytes, c->tx, c->tx_bytes, c->drops, r->rx_pps, r->tx_pps);
}

/* Per-queue (stream) and per-lcore lines, with burst histograms when recorded. */
static void
stats_print_streams(void)
{
	unsigned int s, l;
	char label[64];

	printf("\n  Per queue (RX port/queue -> TX port/queue, lcore):\n");
	for (s = 0; s < nb_fwd_streams; s++) {
		const struct fwd_stream *fs = &fwd_streams[s];
		struct fwd_counts c;

		stream_counts(fs, &c);
		snprintf(label, sizeof(label), "%u/%u -> %u/%u lcore %u", fs->rx_port,
			 fs->rx_queue, fs->tx_port, fs->tx_queue,
			 fwd_lcores[fs->lcore_idx].lcore_id);
		stats_print_line(label, &c, &stream_rates[s]);
		if (fs->rx_burst_hist != NULL) {
			stats_print_burst("RX", fs->rx_burst_hist);
			stats_print_burst("TX", fs->tx_burst_hist);
		}
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

static void
json_hist(FILE *f, const char *key, const uint64_t *hist)
{
	unsigned int i;
	bool first = true;

	fprintf(f, ", \"%s\": {", key);
	for (i = 0; hist != NULL && i <= MAX_PKT_BURST; i++) {
		if (hist[i] == 0)
			continue;
		fprintf(f, "%s\"%u\": %" PRIu64, first ? "" : ", ", i, hist[i]);
		first = false;
	}
	fprintf(f, "}");
}

static double
cycles_per_packet(const struct fwd_counts *c)
{
	uint64_t pkts = c->rx + c->generated;

	return pkts ? (double)c->cycles / (double)pkts : 0.0;
}

/* Write the final statistics to cfg.stats_json; the schema is in docs/usage.md. */
static int
stats_write_json(const struct fwd_counts *t, const struct fwd_counts *acc,
		 const uint64_t *rx_missed, const uint64_t *rx_nombuf, double seconds)
{
	FILE *f = fopen(cfg.stats_json, "w");
	unsigned int i, s, l;
	uint64_t acc_missed = 0, acc_nombuf = 0;
	struct fwd_rates acc_rates = { 0, 0, 0, 0 };
	int ret;

	if (f == NULL) {
		fprintf(stderr, "skbfwd: --stats-json=%s: cannot write: %s\n", cfg.stats_json,
			strerror(errno));
		return -errno;
	}
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
		struct fwd_counts c;

		stream_counts(fs, &c);
		fprintf(f, "    {\"rx_port\": %u, \"rx_queue\": %u, \"tx_port\": %u, \"tx_queue\": %u, \"lcore\": %u, ",
			fs->rx_port, fs->rx_queue, fs->tx_port, fs->tx_queue,
			fwd_lcores[fs->lcore_idx].lcore_id);
		json_counts(f, &c);
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
	fprintf(f, "}\n}\n");
	ret = ferror(f) ? -EIO : 0;
	if (fclose(f) != 0)
		ret = -EIO;
	if (ret < 0)
		fprintf(stderr, "skbfwd: --stats-json=%s: write failed\n", cfg.stats_json);
	return ret;
}

void
stats_print_final(void)
{
	static struct fwd_counts t[RTE_MAX_ETHPORTS];
	static uint64_t rx_missed[RTE_MAX_ETHPORTS], rx_nombuf[RTE_MAX_ETHPORTS];
	struct fwd_counts acc;
	uint64_t acc_rx_missed = 0, acc_nombuf = 0, now = rte_get_timer_cycles();
	double hz = (double)rte_get_timer_hz();
	unsigned int i;

	stats_collect_streams(t, snap_stream);
	/* rates over the last period, or the whole run without --stats-period */
	if (cfg.stats_period == 0 || stats_last_tsc == stats_start_tsc)
		stats_update_rates(t, snap_stream, (double)(now - stats_last_tsc) / hz);
	memset(&acc, 0, sizeof(acc));
	for (i = 0; i < nb_fwd_ports; i++) {
		uint16_t p = fwd_ports[i];
		struct rte_eth_stats es;

		memset(&es, 0, sizeof(es));
		rte_eth_stats_get(p, &es);
		rx_missed[p] = es.imissed;
		rx_nombuf[p] = es.rx_nombuf;
		printf("\n  ---------------------- Forward statistics for port %-2u ----------------------\n", p);
		printf("  RX-packets: %-14" PRIu64 " RX-dropped: %-14" PRIu64 " RX-total: %-14" PRIu64 "\n",
		       t[p].rx, es.imissed + es.rx_nombuf, t[p].rx + es.imissed + es.rx_nombuf);
		printf("  TX-packets: %-14" PRIu64 " TX-dropped: %-14" PRIu64 " TX-total: %-14" PRIu64 "\n",
		       t[p].tx, t[p].drops, t[p].tx + t[p].drops);
		printf("  RX-bytes:   %-14" PRIu64 " TX-bytes:   %-14" PRIu64 " RX-nombuf: %-14" PRIu64 "\n",
		       t[p].rx_bytes, t[p].tx_bytes, es.rx_nombuf);
		stats_print_reasons(t[p].reason);
		printf("  RX-pps: %-14.0f TX-pps: %-14.0f RX-bps: %-14.0f TX-bps: %.0f\n",
		       port_rates[p].rx_pps, port_rates[p].tx_pps, port_rates[p].rx_bps,
		       port_rates[p].tx_bps);
		printf("  ----------------------------------------------------------------------------\n");
		counts_add(&acc, &t[p]);
		acc_rx_missed += es.imissed;
		acc_nombuf += es.rx_nombuf;
	}
	printf("\n  +++++++++++++++ Accumulated forward statistics for all ports +++++++++++++++\n");
	printf("  RX-packets: %-14" PRIu64 " RX-dropped: %-14" PRIu64 " RX-total: %-14" PRIu64 "\n",
	       acc.rx, acc_rx_missed + acc_nombuf, acc.rx + acc_rx_missed + acc_nombuf);
	printf("  TX-packets: %-14" PRIu64 " TX-dropped: %-14" PRIu64 " TX-total: %-14" PRIu64 "\n",
	       acc.tx, acc.drops, acc.tx + acc.drops);
	if (acc.generated != 0)
		printf("  Generated:  %-14" PRIu64 "\n", acc.generated);
	stats_print_reasons(acc.reason);
	printf("  RX-bytes:   %-14" PRIu64 " TX-bytes:   %-14" PRIu64 "\n", acc.rx_bytes, acc.tx_bytes);
	if (cfg.record_core_cycles)
		printf("  CPU cycles/packet: %.2f (total cycles=%" PRIu64 " / packets=%" PRIu64 ")\n",
		       cycles_per_packet(&acc), acc.cycles, acc.rx + acc.generated);
	printf("  ++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++\n");
	stats_print_streams();
	if (cfg.stats_json != NULL)
		(void)stats_write_json(t, &acc, rx_missed, rx_nombuf,
				       (double)(now - stats_start_tsc) / hz);
	fflush(stdout);
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
