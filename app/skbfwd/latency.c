/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Latency probes (latency.h): --latency and --latency-hist, the streams'
 * state, the RX measurement fwd_rx() calls, the histogram and flow
 * arithmetic, and the output: text at exit, --stats-json's "latency",
 * the --latency-hist CSV and its gnuplot PNG.  Telemetry reads the same
 * per-port sums (latency_port_collect()).
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
#include <rte_malloc.h>
#include <rte_mbuf_dyn.h>

#include "port.h"
#include "config.h"
#include "latency.h"
#include "runtime.h"

static_assert(RTE_MAX_ETHPORTS <= 1u << LAT_FLOW_PORT_BITS, "ports must fit a flow id");
static_assert(RTE_MAX_QUEUES_PER_PORT <= 1u << LAT_FLOW_QUEUE_BITS, "queues must fit a flow id");
static_assert((LAT_STREAM_FLOWS & (LAT_STREAM_FLOWS - 1)) == 0, "flow table: a power of two");

__extension__ typedef unsigned __int128 lat_u128;

static bool lat_on;                  /* --latency */
static bool lat_wanted;              /* an engine measures with probes */
static char lat_hist_path[SKBFWD_PATH_MAX]; /* --latency-hist, "" none */
static bool lat_set_up;

/* TSC cycles to ns: (cycles x lat_ns_mult) >> 32 */
static uint64_t lat_ns_mult;

/* RX timestamps (RTE_MBUF_DYNFIELD_TIMESTAMP) and what brings a port's clock to the TSC. */
static int lat_ts_offset = -1;
static uint64_t lat_ts_flag;
static struct {
	bool rx_ts;                  /* the port gives RX timestamps */
	uint64_t base_ticks, base_tsc;
	double tsc_per_tick;
} lat_clock[RTE_MAX_ETHPORTS];

/* ------------------------------------------------------------- options */

static int
latency_parse_option(const char *name, const char *arg)
{
	if (strcmp(name, "latency") == 0) {
		lat_on = true;
		return 0;
	}
	if (strcmp(name, "latency-hist") == 0) {
		if (*arg == '\0' || strlen(arg) >= sizeof(lat_hist_path)) {
			fprintf(stderr, "skbfwd: --latency-hist needs a file name (shorter than %zu)\n",
				sizeof(lat_hist_path));
			return -EINVAL;
		}
		strcpy(lat_hist_path, arg);
		lat_on = true;
		return 0;
	}
	return -EINVAL;
}

static const struct option latency_longopts[] = {
	{ "latency", no_argument, NULL, 0 },
	{ "latency-hist", required_argument, NULL, 0 },
	{ NULL, 0, NULL, 0 },
};

const struct fwd_options skbfwd_latency_options = {
	.longopts = latency_longopts,
	.parse = latency_parse_option,
	.usage =
	"  --latency               txonly writes a probe into every frame; every engine\n"
	"                          measures the probes it receives: latency percentiles,\n"
	"                          loss and reordering per flow (docs/benchmarking.md)\n"
	"  --latency-hist=FILE     --latency, and the histogram as CSV in FILE with a\n"
	"                          gnuplot PNG beside it (FILE less .csv, plus .png)\n",
};

bool
latency_enabled(void)
{
	return lat_on || lat_wanted;
}

void
latency_want(void)
{
	lat_wanted = true;
}

uint64_t
latency_rx_offloads(void)
{
	return lat_on ? RTE_ETH_RX_OFFLOAD_TIMESTAMP : 0;
}

/* ------------------------------------------------------ histogram, flows */

uint64_t
lat_bucket_lower(unsigned int b)
{
	unsigned int g = b / LAT_SUB;

	if (b >= LAT_BUCKETS - 1)
		return UINT64_C(1) << LAT_MAX_LOG2;
	if (g == 0)
		return b;
	return (uint64_t)(LAT_SUB + b % LAT_SUB) << (g - 1);
}

uint64_t
lat_bucket_upper(unsigned int b)
{
	if (b >= LAT_BUCKETS - 1)
		return UINT64_MAX;
	return lat_bucket_lower(b + 1);
}

void
lat_hist_reset(struct lat_hist *h)
{
	memset(h, 0, sizeof(*h));
	h->min_ns = UINT64_MAX;
}

void
lat_hist_merge(struct lat_hist *a, const struct lat_hist *b)
{
	unsigned int i;

	a->count += b->count;
	a->sum_ns += b->sum_ns;
	a->min_ns = RTE_MIN(a->min_ns, b->min_ns);
	a->max_ns = RTE_MAX(a->max_ns, b->max_ns);
	for (i = 0; i < LAT_BUCKETS; i++)
		a->bucket[i] += b->bucket[i];
}

uint64_t
lat_hist_quantile(const struct lat_hist *h, uint32_t ppm)
{
	uint64_t rank, seen = 0;
	unsigned int b;

	if (h->count == 0 || ppm == 0 || ppm > 1000000)
		return 0;
	rank = (uint64_t)(((lat_u128)h->count * ppm + 999999) / 1000000);
	for (b = 0; b < LAT_BUCKETS; b++) {
		seen += h->bucket[b];
		if (seen >= rank)
			break;
	}
	if (b == LAT_BUCKETS)       /* counts read while an lcore adds: take the largest */
		return h->max_ns;
	return RTE_MAX(RTE_MIN(lat_bucket_upper(b) - 1, h->max_ns), h->min_ns);
}

double
lat_hist_mean(const struct lat_hist *h)
{
	return h->count ? (double)h->sum_ns / (double)h->count : 0.0;
}

uint64_t
lat_flow_lost(const struct lat_flow *f, uint64_t sent)
{
	uint64_t expected = sent != 0 ? sent : f->next_seq;

	return expected > f->received ? expected - f->received : 0;
}

struct lat_flow *
lat_flow_find(struct lat_flow *flows, unsigned int n, uint16_t id)
{
	unsigned int i, k = ((unsigned int)id * 0x9e37u >> 8) & (n - 1);

	for (i = 0; i < n; i++, k = (k + 1) & (n - 1)) {
		if (flows[k].received == 0) {
			flows[k].id = id;
			return &flows[k];
		}
		if (flows[k].id == id)
			return &flows[k];
	}
	return NULL;
}

/* ---------------------------------------------------------- the streams */

static void
latency_stream_clear(struct fwd_latency *l)
{
	unsigned int c;

	l->seq = 0;
	l->sent = 0;
	l->hist_own_flow = false;
	l->probes = 0;
	l->untracked = 0;
	for (c = 0; c < LAT_CLOCKS; c++)
		lat_hist_reset(&l->hist[c]);
	memset(l->flows, 0, sizeof(l->flows));
}

void
latency_reset_stream(struct fwd_stream *fs)
{
	if (fs->lat != NULL)
		latency_stream_clear(fs->lat);
}

/*
 * Where port @pid gives RX timestamps: the dynamic field, and its clock
 * against the TSC, from two readings of both 10 ms apart.
 */
static void
latency_clock_setup(uint16_t pid)
{
	const struct glue_port *gp = glue_port_get(pid);
	uint64_t t0, t1, c0, c1;

	lat_clock[pid].rx_ts = false;
	if (gp == NULL || !(gp->rx_offloads & RTE_ETH_RX_OFFLOAD_TIMESTAMP))
		return;
	if (lat_ts_offset < 0 &&
	    rte_mbuf_dyn_rx_timestamp_register(&lat_ts_offset, &lat_ts_flag) != 0) {
		fprintf(stderr, "skbfwd: --latency: no RX timestamp field: %s; the TSC at RX is used\n",
			rte_strerror(rte_errno));
		lat_ts_offset = -1;
		return;
	}
	t0 = rte_rdtsc();
	if (rte_eth_read_clock(pid, &c0) != 0) {
		printf("skbfwd: --latency: port %u gives RX timestamps but not its clock; the TSC at RX is used\n",
		       pid);
		return;
	}
	rte_delay_us_sleep(10 * 1000);
	t1 = rte_rdtsc();
	if (rte_eth_read_clock(pid, &c1) != 0 || c1 <= c0) {
		printf("skbfwd: --latency: port %u: its clock does not advance; the TSC at RX is used\n",
		       pid);
		return;
	}
	lat_clock[pid].base_ticks = c1;
	lat_clock[pid].base_tsc = t1;
	lat_clock[pid].tsc_per_tick = (double)(t1 - t0) / (double)(c1 - c0);
	lat_clock[pid].rx_ts = true;
	printf("skbfwd: --latency: port %u: RX times from the port's timestamps (%.3f MHz clock)\n",
	       pid, (double)rte_get_tsc_hz() / lat_clock[pid].tsc_per_tick / 1e6);
}

int
latency_setup(void)
{
	unsigned int s, i;
	int fd;

	if (!latency_enabled())
		return 0;
	if (lat_hist_path[0] != '\0') {
		/* a file that cannot be written is found before forwarding, not after */
		fd = open(lat_hist_path, O_WRONLY | O_CREAT | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0644);
		if (fd < 0) {
			int err = errno;

			fprintf(stderr, "skbfwd: --latency-hist=%s: cannot write: %s\n", lat_hist_path,
				strerror(err));
			return -err;
		}
		close(fd);
	}
	lat_ns_mult = (uint64_t)(1e9 * 4294967296.0 / (double)rte_get_tsc_hz());
	for (i = 0; i < nb_fwd_ports; i++)
		latency_clock_setup(fwd_ports[i]);
	for (s = 0; s < nb_fwd_streams; s++) {
		struct fwd_stream *fs = &fwd_streams[s];
		unsigned int lcore = fwd_lcores[fs->lcore_idx].lcore_id;
		struct fwd_latency *l = fs->lat;

		if (l == NULL)
			l = rte_zmalloc_socket("latency", sizeof(*l), RTE_CACHE_LINE_SIZE,
					       (int)rte_lcore_to_socket_id(lcore));
		if (l == NULL) {
			fprintf(stderr, "skbfwd: --latency: no memory for the streams' histograms\n");
			latency_free();
			return -ENOMEM;
		}
		latency_stream_clear(l);
		l->flow = LAT_FLOW(fs->tx_port, fs->tx_queue);
		fs->lat = l;
		fs->rx_hooks |= FWD_RX_LATENCY;
	}
	lat_set_up = true;
	return 0;
}

void
latency_free(void)
{
	unsigned int s;

	for (s = 0; s < nb_fwd_streams; s++) {
		rte_free(fwd_streams[s].lat);
		fwd_streams[s].lat = NULL;
		fwd_streams[s].rx_hooks &= (uint8_t)~FWD_RX_LATENCY;
	}
	lat_set_up = false;
}

/* ------------------------------------------------------------------ RX */

static inline uint64_t
latency_tsc_ns(uint64_t cycles)
{
	return (uint64_t)(((lat_u128)cycles * lat_ns_mult) >> 32);
}

void
latency_rx(struct fwd_stream *fs, struct sk_buff *const *skbs, uint16_t n)
{
	struct fwd_latency *l = fs->lat;
	bool rx_ts = lat_clock[fs->rx_port].rx_ts;
	uint64_t now = rte_rdtsc();
	uint16_t i;

	for (i = 0; i < n; i++) {
		struct rte_mbuf *m = skb_to_mbuf(skbs[i]);
		uint8_t buf[LAT_PROBE_LEN];
		const void *p;
		enum lat_clock c = LAT_CLOCK_TSC;
		uint64_t ts, rx = now;
		struct lat_flow *f;
		uint32_t seq;
		uint16_t flow, etb;

		/* the EtherType says where the probe is (any alignment: copied) */
		p = skb_header_pointer(skbs[i], 2 * RTE_ETHER_ADDR_LEN, sizeof(etb), &etb);
		if (p == NULL)
			continue;
		memcpy(&etb, p, sizeof(etb));
		p = skb_header_pointer(skbs[i], (int)lat_probe_offset(etb), LAT_PROBE_LEN, buf);
		if (p == NULL || !lat_probe_read(p, &flow, &seq, &ts))
			continue;
		if (rx_ts && (m->ol_flags & lat_ts_flag)) {
			uint64_t t = *RTE_MBUF_DYNFIELD(m, lat_ts_offset, rte_mbuf_timestamp_t *);

			rx = lat_clock[fs->rx_port].base_tsc +
			     (uint64_t)(int64_t)((double)(int64_t)(t - lat_clock[fs->rx_port].base_ticks) *
						 lat_clock[fs->rx_port].tsc_per_tick);
			c = LAT_CLOCK_HW;
		}
		l->probes++;
		if (!l->hist_own_flow || flow == l->flow)
			lat_hist_add(&l->hist[c], latency_tsc_ns((rx - ts) & LAT_TS_MASK));
		f = lat_flow_find(l->flows, LAT_STREAM_FLOWS, flow);
		if (f != NULL)
			lat_flow_count(f, seq);
		else
			l->untracked++;
	}
}

bool
latency_all_back(void)
{
	uint64_t sent = 0, back = 0;
	unsigned int s, r, k;

	for (s = 0; s < nb_fwd_streams; s++) {
		const struct fwd_latency *l = fwd_streams[s].lat;

		if (l == NULL || l->sent == 0)
			continue;
		sent += l->sent;
		for (r = 0; r < nb_fwd_streams; r++) {
			const struct fwd_latency *rl = fwd_streams[r].lat;

			for (k = 0; rl != NULL && k < LAT_STREAM_FLOWS; k++)
				if (rl->flows[k].received != 0 && rl->flows[k].id == l->flow)
					back += rl->flows[k].received;
		}
	}
	return back >= sent;
}

/* ------------------------------------------------------------- collect */

void
latency_port_collect(uint16_t port, struct latency_port *lp)
{
	unsigned int s, k, c;

	memset(lp, 0, sizeof(*lp));
	for (c = 0; c < LAT_CLOCKS; c++)
		lat_hist_reset(&lp->hist[c]);
	for (s = 0; s < nb_fwd_streams; s++) {
		const struct fwd_latency *l = fwd_streams[s].lat;

		if (l == NULL || fwd_streams[s].rx_port != port)
			continue;
		lp->probes += l->probes;
		lp->untracked += l->untracked;
		for (c = 0; c < LAT_CLOCKS; c++)
			lat_hist_merge(&lp->hist[c], &l->hist[c]);
		for (k = 0; k < LAT_STREAM_FLOWS; k++) {
			const struct lat_flow *f = &l->flows[k];
			unsigned int j;

			if (f->received == 0)
				continue;
			for (j = 0; j < lp->nb_flows && lp->flows[j].id != f->id; j++)
				;
			if (j == lp->nb_flows) {
				if (j == LAT_STREAM_FLOWS) {
					lp->untracked += f->received;
					continue;
				}
				lp->flows[j].id = f->id;
				lp->nb_flows++;
			}
			lp->flows[j].received += f->received;
			lp->flows[j].reordered += f->reordered;
			lp->flows[j].next_seq = RTE_MAX(lp->flows[j].next_seq, f->next_seq);
		}
	}
	/* flows this process sends itself: what their ports took */
	for (k = 0; k < lp->nb_flows; k++)
		for (s = 0; s < nb_fwd_streams; s++)
			if (fwd_streams[s].lat != NULL && fwd_streams[s].lat->flow == lp->flows[k].id)
				lp->sent[k] += fwd_streams[s].lat->sent;
}

const char *
latency_clock_name(enum lat_clock c)
{
	return c == LAT_CLOCK_HW ? "hw" : "TSC";
}

/* ---------------------------------------------------------------- output */

/* The quantiles printed, in per million, with their names. */
static const struct {
	uint32_t ppm;
	const char *name, *key;
} lat_quantiles[] = {
	{ 500000, "p50", "p50_ns" }, { 900000, "p90", "p90_ns" }, { 990000, "p99", "p99_ns" },
	{ 999000, "p99.9", "p99_9_ns" },
};

static void
latency_print_hist(uint16_t port, enum lat_clock c, const struct lat_hist *h)
{
	unsigned int q;

	printf("  Port %u: %" PRIu64 " probes, TX TSC to RX %s: min %.3f us, mean %.3f us", port,
	       h->count, latency_clock_name(c), (double)h->min_ns / 1e3, lat_hist_mean(h) / 1e3);
	for (q = 0; q < RTE_DIM(lat_quantiles); q++)
		printf(", %s %.3f us", lat_quantiles[q].name,
		       (double)lat_hist_quantile(h, lat_quantiles[q].ppm) / 1e3);
	printf(", max %.3f us\n", (double)h->max_ns / 1e3);
}

/* ".../lat.csv" -> ".../lat.png"; any other name gets ".png" added. */
static void
latency_png_path(char *buf, size_t size)
{
	size_t len = strlen(lat_hist_path);

	if (len > 4 && strcmp(lat_hist_path + len - 4, ".csv") == 0)
		len -= 4;
	snprintf(buf, size, "%.*s.png", (int)len, lat_hist_path);
}

/* @s inside a gnuplot single-quoted string: quotes doubled. */
static void
latency_gnuplot_string(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s != '\0'; s++) {
		if (*s == '\'')
			fputc('\'', f);
		fputc(*s, f);
	}
	fputc('\'', f);
}

/*
 * --latency-hist: the buckets from the first to the last that holds a sample,
 * one column per port and clock, then gnuplot's PNG of it.
 */
static void
latency_write_hist(const struct latency_port *lp, const uint16_t *ports, unsigned int n)
{
	unsigned int first = LAT_BUCKETS, last = 0, b, i, c, cols = 0;
	char png[SKBFWD_PATH_MAX + 8];
	FILE *f, *gp;
	int ret;

	f = fopen(lat_hist_path, "w");
	if (f == NULL) {
		fprintf(stderr, "skbfwd: --latency-hist=%s: cannot write: %s\n", lat_hist_path,
			strerror(errno));
		return;
	}
	fprintf(f, "lower_us,upper_us");
	for (i = 0; i < n; i++)
		for (c = 0; c < LAT_CLOCKS; c++) {
			const struct lat_hist *h = &lp[i].hist[c];

			if (h->count == 0)
				continue;
			fprintf(f, ",port %u%s", ports[i], c == LAT_CLOCK_HW ? " hw" : "");
			cols++;
			for (b = 0; b < LAT_BUCKETS; b++)
				if (h->bucket[b] != 0) {
					first = RTE_MIN(first, b);
					last = RTE_MAX(last, b);
				}
		}
	fprintf(f, "\n");
	for (b = first; cols != 0 && b <= last; b++) {
		fprintf(f, "%.3f,%.3f", (double)lat_bucket_lower(b) / 1e3,
			b == LAT_BUCKETS - 1 ? (double)lat_bucket_lower(b) * 2 / 1e3 :
					       (double)lat_bucket_upper(b) / 1e3);
		for (i = 0; i < n; i++)
			for (c = 0; c < LAT_CLOCKS; c++)
				if (lp[i].hist[c].count != 0)
					fprintf(f, ",%" PRIu64, lp[i].hist[c].bucket[b]);
		fprintf(f, "\n");
	}
	ret = ferror(f);
	if (fclose(f) != 0 || ret) {
		fprintf(stderr, "skbfwd: --latency-hist=%s: write failed\n", lat_hist_path);
		return;
	}
	latency_png_path(png, sizeof(png));
	if (cols == 0) {
		printf("skbfwd: --latency-hist: no probe received: %s has no rows, no PNG made\n",
		       lat_hist_path);
		return;
	}
	fflush(stdout);
	gp = popen("gnuplot", "w");
	if (gp == NULL) {
		fprintf(stderr, "skbfwd: --latency-hist: cannot run gnuplot: %s; no PNG made\n",
			strerror(errno));
		return;
	}
	fprintf(gp, "set terminal pngcairo size 960,540\nset output ");
	latency_gnuplot_string(gp, png);
	fprintf(gp, "\nset datafile separator ','\nset key autotitle columnhead\n"
		"set logscale xy\nset grid\nset xlabel 'latency, TX to RX (us; log scale, 32 buckets per octave)'\n"
		"set ylabel 'probes'\nset title 'skbfwd latency histogram'\n"
		"plot for [i=3:%u] ", cols + 2);
	latency_gnuplot_string(gp, lat_hist_path);
	fprintf(gp, " using 1:(column(i) > 0 ? column(i) : 1/0) with steps lw 2\n");
	ret = pclose(gp);
	if (ret != 0)
		fprintf(stderr, "skbfwd: --latency-hist: gnuplot failed (status %d); %s written, no PNG\n",
			ret, lat_hist_path);
	else
		printf("skbfwd: latency histogram in %s and %s\n", lat_hist_path, png);
}

void
latency_print(void)
{
	static struct latency_port lp[RTE_MAX_ETHPORTS];
	uint16_t ports[RTE_MAX_ETHPORTS];
	unsigned int i, k, c, n = 0;

	if (!lat_set_up || !lat_on)
		return;
	printf("\nLatency of the probes received (TX time to RX time; TSC: the CPU's, hw: the RX port's timestamps):\n");
	for (i = 0; i < nb_fwd_ports; i++) {
		uint16_t p = fwd_ports[i];

		latency_port_collect(p, &lp[n]);
		if (lp[n].probes == 0) {
			printf("  Port %u: no probe received\n", p);
			continue;
		}
		for (c = 0; c < LAT_CLOCKS; c++)
			if (lp[n].hist[c].count != 0)
				latency_print_hist(p, (enum lat_clock)c, &lp[n].hist[c]);
		for (k = 0; k < lp[n].nb_flows; k++) {
			const struct lat_flow *f = &lp[n].flows[k];

			printf("  Port %u: flow %u/%u: %" PRIu64 " received, %" PRIu64 " lost, %"
			       PRIu64 " reordered", p, LAT_FLOW_PORT(f->id), LAT_FLOW_QUEUE(f->id),
			       f->received, lat_flow_lost(f, lp[n].sent[k]), f->reordered);
			if (lp[n].sent[k] != 0)
				printf(" (%" PRIu64 " sent from here)", lp[n].sent[k]);
			printf("\n");
		}
		if (lp[n].untracked != 0)
			printf("  Port %u: %" PRIu64 " probes of more than %u flows not counted per flow\n",
			       p, lp[n].untracked, LAT_STREAM_FLOWS);
		ports[n++] = p;
	}
	if (lat_hist_path[0] != '\0')
		latency_write_hist(lp, ports, n);
	fflush(stdout);
}

static void
latency_json_hist(FILE *f, enum lat_clock c, const struct lat_hist *h)
{
	unsigned int q, b;
	bool first = true;

	fprintf(f, "{\"clock\": \"%s\", \"probes\": %" PRIu64 ", \"min_ns\": %" PRIu64
		", \"mean_ns\": %.1f", latency_clock_name(c), h->count,
		h->count ? h->min_ns : 0, lat_hist_mean(h));
	for (q = 0; q < RTE_DIM(lat_quantiles); q++)
		fprintf(f, ", \"%s\": %" PRIu64, lat_quantiles[q].key,
			lat_hist_quantile(h, lat_quantiles[q].ppm));
	fprintf(f, ", \"max_ns\": %" PRIu64 ", \"histogram\": [", h->max_ns);
	for (b = 0; b < LAT_BUCKETS; b++) {
		if (h->bucket[b] == 0)
			continue;
		fprintf(f, "%s[%" PRIu64 ", %" PRIu64 ", %" PRIu64 "]", first ? "" : ", ",
			lat_bucket_lower(b), lat_bucket_upper(b), h->bucket[b]);
		first = false;
	}
	fprintf(f, "]}");
}

void
latency_json(FILE *f)
{
	static struct latency_port lp;
	unsigned int i, k, c;
	bool first_port = true;

	if (!lat_set_up || !lat_on)
		return;
	fprintf(f, ",\n  \"latency\": {\"probe_offset\": %u, \"probe_offset_ipv6\": %u, \"ports\": [",
		LAT_PROBE_OFFSET, LAT_PROBE_OFFSET6);
	for (i = 0; i < nb_fwd_ports; i++) {
		bool first = true;

		latency_port_collect(fwd_ports[i], &lp);
		fprintf(f, "%s\n    {\"port\": %u, \"probes\": %" PRIu64 ", \"untracked\": %" PRIu64
			", \"clocks\": [", first_port ? "" : ",", fwd_ports[i], lp.probes, lp.untracked);
		first_port = false;
		for (c = 0; c < LAT_CLOCKS; c++) {
			if (lp.hist[c].count == 0)
				continue;
			fprintf(f, "%s", first ? "" : ", ");
			latency_json_hist(f, (enum lat_clock)c, &lp.hist[c]);
			first = false;
		}
		fprintf(f, "], \"flows\": [");
		for (k = 0; k < lp.nb_flows; k++) {
			const struct lat_flow *fl = &lp.flows[k];

			fprintf(f, "%s{\"flow\": \"%u/%u\", \"received\": %" PRIu64 ", \"lost\": %" PRIu64
				", \"reordered\": %" PRIu64 ", \"sent\": %" PRIu64 "}", k ? ", " : "",
				LAT_FLOW_PORT(fl->id), LAT_FLOW_QUEUE(fl->id), fl->received,
				lat_flow_lost(fl, lp.sent[k]), fl->reordered, lp.sent[k]);
		}
		fprintf(f, "]}");
	}
	fprintf(f, "\n  ]}");
}
