/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * skbfwd's configuration and its options (after EAL's "--"), testpmd's names
 * and meanings.  Options come in sets (struct fwd_options): skbfwd's own two,
 * the run's (here) and the ports' (config_ports.c), accepted with every
 * engine, and the engines' sets, accepted only with an engine that lists
 * them and parsed once the engine is known, so the order of options on the
 * command line does not matter.  Every other option of dpdk-testpmd 22.11 is
 * refused by name with the reason (skbfwd_refused[]), never as unknown.
 *
 * Every bad value gets one line naming the option and the value and the
 * parser returns -EINVAL: nothing here exits, so the same parsers set options
 * at run time (skbfwd_option_set()).
 */

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_debug.h>
#include <rte_lcore.h>

#include "config.h"
#include "latency.h"
#include "parse.h"

struct skbfwd_config cfg;

/* the program's engines, NULL-terminated */
static const struct fwd_engine *const *fwd_engines;

/* Bounds of the option table built from every set. */
#define FWD_MAX_OPTION_SETS 64
#define FWD_MAX_OPTIONS 512
#define OPT_BASE 256            /* getopt val of option i: OPT_BASE + i */

/* skbfwd's own sets: every engine accepts them */
static const struct fwd_options *const skbfwd_global_sets[] = {
	&skbfwd_run_options,
	&skbfwd_port_options,
	&skbfwd_latency_options,
};

/* A testpmd option skbfwd refuses, and why. */
struct skbfwd_refusal {
	const char *name;
	int has_arg;
	const char *reason;
};

#define NO_MULTIPROC "skbfwd is one process; sharing ports between processes is not implemented"
#define NIC_SPLIT "Rx buffer and header split is a NIC feature skbfwd does not configure"
#define NO_HAIRPIN "hairpin queues forward inside the NIC, where no engine sees the packets"
#define DPDK_MEMORY "pools are populated from DPDK's own memory only (--mp-alloc=native)"
#define NO_SHARED_RXQ "shared RX queues of a NIC switch domain are not configured"

/*
 * dpdk-testpmd 22.11's options that skbfwd does not honour.  An option that a
 * set has after all (an engine added later) is not refused: the sets come
 * first in the option table.
 */
static const struct skbfwd_refusal skbfwd_refused[] = {
	{ "num-procs", required_argument, NO_MULTIPROC },
	{ "proc-id", required_argument, NO_MULTIPROC },
	{ "hairpinq", required_argument, NO_HAIRPIN },
	{ "hairpin-mode", required_argument, NO_HAIRPIN },
	{ "rxoffs", required_argument, NIC_SPLIT },
	{ "rxpkts", required_argument, NIC_SPLIT },
	{ "rxhdrs", required_argument, NIC_SPLIT },
	{ "multi-rx-mempool", no_argument, "each RX queue takes its mbufs from one pool" },
	{ "rxq-share", optional_argument, NO_SHARED_RXQ },
	{ "flow-isolate-all", no_argument,
	  "skbfwd creates no rte_flow rules, so an isolated port would receive nothing" },
	{ "hot-plug", no_argument, "devices are not hot-plugged while skbfwd runs" },
	{ "vxlan-gpe-port", required_argument, "the csum engine does not parse VXLAN-GPE" },
	{ "geneve-parsed-port", required_argument, "the csum engine does not parse GENEVE" },
	{ "mp-anon", no_argument, DPDK_MEMORY },
	{ "no-iova-contig", no_argument, DPDK_MEMORY },
};

/* dpdk-testpmd's short options, each the long one named */
static const struct {
	int c;
	const char *name;
} skbfwd_short_opts[] = {
	{ 'h', "help" },
	{ 'i', "interactive" },
	{ 'a', "auto-start" },
};

/* One entry of the option table: the set that parses the option, or its refusal. */
struct skbfwd_opt {
	const struct option *opt;
	const struct fwd_options *set;      /* NULL: refused */
	const struct skbfwd_refusal *refusal;
	bool global;                        /* a set of skbfwd's own */
};

const struct fwd_engine *
fwd_engine_find(const char *name)
{
	unsigned int i;

	for (i = 0; fwd_engines != NULL && fwd_engines[i] != NULL; i++)
		if (strcmp(fwd_engines[i]->name, name) == 0)
			return fwd_engines[i];
	return NULL;
}

const struct fwd_engine *const *
fwd_engine_table(void)
{
	return fwd_engines;
}

void
skbfwd_config_init(const struct fwd_engine *const *engines)
{
	unsigned int i;

	memset(&cfg, 0, sizeof(cfg));
	cfg.burst = DEFAULT_PKT_BURST;
	cfg.topology = TOPO_PAIRED;
	cfg.nb_cores = 1;
	cfg.nb_rxq = 1;
	cfg.nb_txq = 1;
	cfg.nb_rxd = 1024;
	cfg.nb_txd = 1024;
	cfg.latencystats_lcore = SKBFWD_UNSET;
	cfg.bitrate_lcore = SKBFWD_UNSET;
	skbfwd_port_config_init(&cfg.port);
	fwd_engines = engines;
	cfg.engine = fwd_engine_find("io");
	if (cfg.engine == NULL)
		cfg.engine = engines[0];
	for (i = 0; i < RTE_MAX_ETHPORTS; i++) {
		struct rte_ether_addr def = {
			.addr_bytes = { 0x02, 0, 0, 0, 0, (uint8_t)i } };
		cfg.peer[i] = def;
	}
}

/* Every distinct option set of the table's engines, in table order, into @sets; @return count. */
static unsigned int
fwd_option_sets(const struct fwd_options **sets, unsigned int max)
{
	unsigned int n = 0, e, k, j;

	for (e = 0; fwd_engines[e] != NULL; e++) {
		const struct fwd_options *const *o = fwd_engines[e]->options;

		for (k = 0; o != NULL && o[k] != NULL; k++) {
			for (j = 0; j < n && sets[j] != o[k]; j++)
				;
			if (j == n && n < max)
				sets[n++] = o[k];
		}
	}
	return n;
}

/* True when @name is already among the @n first entries of @t. */
static bool
skbfwd_opt_known(const struct skbfwd_opt *t, unsigned int n, const char *name)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (strcmp(t[i].opt->name, name) == 0)
			return true;
	return false;
}

/*
 * The whole option table: skbfwd's sets, the engines' sets, then the refused
 * testpmd options, each name once (the first wins).  @return the count.
 */
static unsigned int
skbfwd_opt_table(struct skbfwd_opt *t, unsigned int max)
{
	const struct fwd_options *sets[FWD_MAX_OPTION_SETS];
	unsigned int nsets = fwd_option_sets(sets, RTE_DIM(sets)), n = 0, k;
	const struct option *o;

	for (k = 0; k < RTE_DIM(skbfwd_global_sets); k++)
		for (o = skbfwd_global_sets[k]->longopts; o->name != NULL; o++) {
			RTE_VERIFY(n < max);
			if (!skbfwd_opt_known(t, n, o->name))
				t[n++] = (struct skbfwd_opt){ o, skbfwd_global_sets[k], NULL, true };
		}
	for (k = 0; k < nsets; k++)
		for (o = sets[k]->longopts; o->name != NULL; o++) {
			RTE_VERIFY(n < max);
			if (!skbfwd_opt_known(t, n, o->name))
				t[n++] = (struct skbfwd_opt){ o, sets[k], NULL, false };
		}
	for (k = 0; k < RTE_DIM(skbfwd_refused); k++) {
		static struct option refused_opts[RTE_DIM(skbfwd_refused)];

		refused_opts[k] = (struct option){ skbfwd_refused[k].name,
						   skbfwd_refused[k].has_arg, NULL, 0 };
		RTE_VERIFY(n < max);
		if (!skbfwd_opt_known(t, n, refused_opts[k].name))
			t[n++] = (struct skbfwd_opt){ &refused_opts[k], NULL, &skbfwd_refused[k],
						      false };
	}
	return n;
}

/* The entry of @t named exactly @name, or NULL. */
static const struct skbfwd_opt *
skbfwd_opt_find(const struct skbfwd_opt *t, unsigned int n, const char *name)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (strcmp(t[i].opt->name, name) == 0)
			return &t[i];
	return NULL;
}

const char *
skbfwd_refused_reason(const char *name)
{
	static struct skbfwd_opt t[FWD_MAX_OPTIONS];
	unsigned int n = skbfwd_opt_table(t, RTE_DIM(t));
	const struct skbfwd_opt *o = skbfwd_opt_find(t, n, name);

	return o != NULL && o->refusal != NULL ? o->refusal->reason : NULL;
}

/* True when engine @e accepts the options of @set. */
static bool
fwd_engine_accepts(const struct fwd_engine *e, const struct fwd_options *set)
{
	const struct fwd_options *const *o;

	for (o = e->options; o != NULL && *o != NULL; o++)
		if (*o == set)
			return true;
	return false;
}

/* The engines' set holding long option @name, or NULL. */
static const struct fwd_options *
fwd_option_set_of(const char *name)
{
	const struct fwd_options *sets[FWD_MAX_OPTION_SETS];
	unsigned int n = fwd_option_sets(sets, RTE_DIM(sets)), i;
	const struct option *o;

	for (i = 0; i < n; i++)
		for (o = sets[i]->longopts; o->name != NULL; o++)
			if (strcmp(o->name, name) == 0)
				return sets[i];
	return NULL;
}

/* "the txonly engine", "the encap and decap engines": the engines accepting @set. */
static void
fwd_option_owners(const struct fwd_options *set, char *buf, size_t size)
{
	const struct fwd_engine *own[FWD_MAX_OPTION_SETS];
	unsigned int n = 0, e, i;
	size_t len;

	for (e = 0; fwd_engines[e] != NULL && n < RTE_DIM(own); e++)
		if (fwd_engine_accepts(fwd_engines[e], set))
			own[n++] = fwd_engines[e];
	len = (size_t)snprintf(buf, size, "the");
	for (i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s", i == 0 ? " " :
					i + 1 == n ? " and " : ", ", own[i]->name);
	if (len < size)
		snprintf(buf + len, size - len, " engine%s", n > 1 ? "s" : "");
}

int
skbfwd_engine_option(const char *name, const char *arg)
{
	const struct fwd_options *set = fwd_option_set_of(name);
	char owners[256];

	if (set == NULL) {
		fprintf(stderr, "skbfwd: unknown option --%s (see --help)\n", name);
		return -EINVAL;
	}
	if (!fwd_engine_accepts(cfg.engine, set)) {
		fwd_option_owners(set, owners, sizeof(owners));
		fprintf(stderr, "skbfwd: --%s is an option of %s, not of %s\n", name, owners,
			cfg.engine->name);
		return -EINVAL;
	}
	return set->parse(name, arg);
}

static void
skbfwd_refuse(const struct skbfwd_opt *o)
{
	fprintf(stderr, "skbfwd: --%s is not supported: %s\n", o->opt->name, o->refusal->reason);
}

int
skbfwd_option_set(const char *name, const char *arg)
{
	static struct skbfwd_opt t[FWD_MAX_OPTIONS];
	unsigned int n = skbfwd_opt_table(t, RTE_DIM(t));
	const struct skbfwd_opt *o = skbfwd_opt_find(t, n, name);

	if (o == NULL) {
		fprintf(stderr, "skbfwd: unknown option --%s (see --help)\n", name);
		return -EINVAL;
	}
	if (o->refusal != NULL) {
		skbfwd_refuse(o);
		return -EINVAL;
	}
	if (o->opt->has_arg == required_argument && arg == NULL) {
		fprintf(stderr, "skbfwd: option --%s needs a value\n", name);
		return -EINVAL;
	}
	/* an option without a value: "on" as given alone, "off" where its set takes it */
	if (o->opt->has_arg == no_argument && arg != NULL && strcmp(arg, "on") == 0)
		arg = NULL;
	if (o->opt->has_arg == no_argument && arg != NULL &&
	    !(strcmp(arg, "off") == 0 && o->set->off)) {
		if (strcmp(arg, "off") == 0)
			fprintf(stderr, "skbfwd: --%s cannot be turned off once given\n", name);
		else
			fprintf(stderr, "skbfwd: option --%s takes no value\n", name);
		return -EINVAL;
	}
	return o->global ? o->set->parse(name, arg) : skbfwd_engine_option(name, arg);
}

/*
 * Options read only while skbfwd starts (pools, EAL, metrics, the console
 * itself), which setting at run time would not change: skbfwd_option_startup().
 * Every other option takes effect at the next start of forwarding.
 */
static const char *const skbfwd_startup_opts[] = {
	"total-num-mbufs", "mbuf-size", "mbcache", "numa", "no-numa", "socket-num",
	"port-numa-config", "ring-numa-config", "mp-alloc", "mlockall", "no-mlockall",
	"stats-period", "stats-format", "duration", "stats-json", "display-xstats",
	"latencystats", "bitrate-stats", "print-event", "mask-event", "disable-device-start",
	"interactive", "auto-start", "tx-first", "cmdline-file", "help",
};

bool
skbfwd_option_startup(const char *name)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(skbfwd_startup_opts); i++)
		if (strcmp(skbfwd_startup_opts[i], name) == 0)
			return true;
	return false;
}

void
skbfwd_options_foreach(void (*fn)(const char *name, bool has_value, void *arg), void *arg)
{
	static struct skbfwd_opt t[FWD_MAX_OPTIONS];
	unsigned int n = skbfwd_opt_table(t, RTE_DIM(t)), i;

	for (i = 0; i < n; i++)
		if (strcmp(t[i].opt->name, "help") != 0)
			fn(t[i].opt->name, t[i].opt->has_arg != no_argument, arg);
}

void
skbfwd_usage(const char *prog)
{
	const struct fwd_options *sets[FWD_MAX_OPTION_SETS];
	unsigned int nsets = fwd_option_sets(sets, RTE_DIM(sets)), i;

	printf("Usage: %s [EAL options] -- [skbfwd options]\n"
	       "  --forward-mode=MODE     engine:", prog);
	for (i = 0; fwd_engines[i] != NULL; i++)
		printf(" %s", fwd_engines[i]->name);
	printf(" (default io)\n");
	for (i = 0; i < RTE_DIM(skbfwd_global_sets); i++)
		printf("%s", skbfwd_global_sets[i]->usage);
	printf("Engine options (each accepted with the engines named):\n");
	for (i = 0; i < nsets; i++)
		printf("%s", sets[i]->usage);
	printf("Other dpdk-testpmd options are refused, each with the reason.\n");
}

/* ------------------------------------------------------------ run options */

static int
skbfwd_parse_forward_mode(const char *arg)
{
	const struct fwd_engine *e = fwd_engine_find(arg);
	char list[1024];
	size_t len = 0;
	unsigned int i;

	if (e != NULL) {
		cfg.engine = e;
		return 0;
	}
	/* testpmd's mode for shared RX queues (--rxq-share, refused) */
	if (strcmp(arg, "shared_rxq") == 0 || strcmp(arg, "shared-rxq") == 0) {
		fprintf(stderr, "skbfwd: --forward-mode=%s is not supported: %s (--rxq-share)\n",
			arg, NO_SHARED_RXQ);
		return -EINVAL;
	}
	list[0] = '\0';
	for (i = 0; fwd_engines[i] != NULL && len < sizeof(list); i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s", i ? ", " : "",
					fwd_engines[i]->name);
	fprintf(stderr, "skbfwd: --forward-mode=%s: unknown engine %s (engines: %s)\n", arg, arg,
		list);
	return -EINVAL;
}

/* "0, 1": the lcores EAL runs, into @buf. */
static const char *
skbfwd_lcore_names(char *buf, size_t size)
{
	unsigned int lc;
	size_t len = 0;

	buf[0] = '\0';
	RTE_LCORE_FOREACH(lc)
		if (len < size)
			len += (size_t)snprintf(buf + len, size - len, "%s%u", len ? ", " : "", lc);
	return buf;
}

/* An lcore that EAL runs, for --@name=@arg; 0 or -EINVAL (printed). */
static int
skbfwd_parse_lcore(const char *name, const char *arg, unsigned long *lcore)
{
	char names[256];

	if (skbfwd_parse_uint(name, arg, 0, RTE_MAX_LCORE - 1, lcore) < 0)
		return -EINVAL;
	if (!rte_lcore_is_enabled((unsigned int)*lcore)) {
		fprintf(stderr, "skbfwd: --%s=%s: lcore %lu is not an EAL lcore (lcores: %s)\n",
			name, arg, *lcore, skbfwd_lcore_names(names, sizeof(names)));
		return -EINVAL;
	}
	return 0;
}

/* --coremask=HEX: the forwarding lcores, EAL's workers only. */
static int
skbfwd_parse_coremask(const char *arg)
{
	unsigned int n = 0, lc;
	char names[256];
	uint64_t mask;

	if (skbfwd_parse_hex64("coremask", arg, &mask) < 0)
		return -EINVAL;
	if (mask == 0) {
		fprintf(stderr, "skbfwd: --coremask=%s: selects no lcore\n", arg);
		return -EINVAL;
	}
	for (lc = 0; lc < 64 && lc < RTE_MAX_LCORE; lc++) {
		if (!(mask & RTE_BIT64(lc)))
			continue;
		if (lc == rte_get_main_lcore()) {
			fprintf(stderr, "skbfwd: --coremask=%s: lcore %u is the main lcore, which does not forward\n",
				arg, lc);
			return -EINVAL;
		}
		if (!rte_lcore_is_enabled(lc)) {
			fprintf(stderr, "skbfwd: --coremask=%s: lcore %u is not an EAL lcore (lcores: %s)\n",
				arg, lc, skbfwd_lcore_names(names, sizeof(names)));
			return -EINVAL;
		}
		cfg.fwd_lcore_ids[n++] = (uint16_t)lc;
	}
	cfg.nb_fwd_lcore_ids = n;
	return 0;
}

/* --display-xstats=NAME[,NAME...]: the names, checked against the ports at set-up. */
static int
skbfwd_parse_xstats(const char *arg)
{
	char names[SKBFWD_MAX_XSTATS][SKBFWD_XSTAT_NAME];
	const char *p = arg;
	unsigned int n = 0;

	for (;;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len == 0 || len >= SKBFWD_XSTAT_NAME || n == SKBFWD_MAX_XSTATS) {
			fprintf(stderr, "skbfwd: --display-xstats=%s: expected NAME[,NAME...] (up to %d names of up to %d characters)\n",
				arg, SKBFWD_MAX_XSTATS, SKBFWD_XSTAT_NAME - 1);
			return -EINVAL;
		}
		memcpy(names[n], p, len);
		names[n++][len] = '\0';
		if (end == NULL)
			break;
		p = end + 1;
	}
	memcpy(cfg.xstats, names, sizeof(names));
	cfg.nb_xstats = n;
	return 0;
}

static int
skbfwd_parse_run_option(const char *name, const char *arg)
{
	unsigned long v;
	int ret;

	if (strcmp(name, "help") == 0) {
		skbfwd_usage("skbfwd");
		return 0;
	}
	if (strcmp(name, "forward-mode") == 0)
		return skbfwd_parse_forward_mode(arg);
	if (strcmp(name, "burst") == 0) {
		ret = skbfwd_parse_uint(name, arg, 1, MAX_PKT_BURST, &v);
		if (ret == 0)
			cfg.burst = (uint16_t)v;
		return ret;
	}
	if (strcmp(name, "stats-period") == 0) {
		ret = skbfwd_parse_uint(name, arg, 1, 86400, &v);
		if (ret == 0)
			cfg.stats_period = (unsigned int)v;
		return ret;
	}
	if (strcmp(name, "stats-format") == 0) {
		if (strcmp(arg, "testpmd") == 0) {
			cfg.stats_format = STATS_FORMAT_TESTPMD;
		} else if (strcmp(arg, "line") == 0) {
			cfg.stats_format = STATS_FORMAT_LINE;
		} else {
			fprintf(stderr, "skbfwd: --stats-format=%s: expected testpmd or line\n", arg);
			return -EINVAL;
		}
		return 0;
	}
	if (strcmp(name, "duration") == 0)
		return skbfwd_parse_double(name, arg, 0.001, 1e7, &cfg.duration);
	if (strcmp(name, "port-topology") == 0) {
		if (strcmp(arg, "paired") == 0)
			cfg.topology = TOPO_PAIRED;
		else if (strcmp(arg, "chained") == 0)
			cfg.topology = TOPO_CHAINED;
		else if (strcmp(arg, "loop") == 0)
			cfg.topology = TOPO_LOOP;
		else {
			fprintf(stderr, "skbfwd: --port-topology=%s: expected paired, chained or loop\n",
				arg);
			return -EINVAL;
		}
		return 0;
	}
	if (strcmp(name, "nb-cores") == 0) {
		ret = skbfwd_parse_uint(name, arg, 1, RTE_MAX_LCORE, &v);
		if (ret == 0) {
			cfg.nb_cores = (unsigned int)v;
			cfg.nb_cores_given = true;
		}
		return ret;
	}
	if (strcmp(name, "coremask") == 0)
		return skbfwd_parse_coremask(arg);
	/* options without a value: arg NULL, or "off" from the console's set */
	if (strcmp(name, "record-core-cycles") == 0) {
		cfg.record_core_cycles = arg == NULL;
		return 0;
	}
	if (strcmp(name, "record-burst-stats") == 0) {
		cfg.record_burst_stats = arg == NULL;
		return 0;
	}
	if (strcmp(name, "gro") == 0) {
		cfg.gro = arg == NULL;
		return 0;
	}
	if (strcmp(name, "no-flush-rx") == 0) {
		cfg.no_flush_rx = arg == NULL;
		return 0;
	}
	if (strcmp(name, "interactive") == 0) {
		cfg.interactive = arg == NULL;
		return 0;
	}
	if (strcmp(name, "auto-start") == 0) {
		cfg.auto_start = arg == NULL;
		return 0;
	}
	if (strcmp(name, "tx-first") == 0) {
		cfg.tx_first = arg == NULL;
		return 0;
	}
	if (strcmp(name, "cmdline-file") == 0) {
		if (*arg == '\0' || strlen(arg) >= sizeof(cfg.cmdline_file_path)) {
			fprintf(stderr, "skbfwd: --cmdline-file needs a file name (shorter than %zu)\n",
				sizeof(cfg.cmdline_file_path));
			return -EINVAL;
		}
		strcpy(cfg.cmdline_file_path, arg);
		cfg.cmdline_file = cfg.cmdline_file_path;
		return 0;
	}
	if (strcmp(name, "mlockall") == 0 || strcmp(name, "no-mlockall") == 0) {
		cfg.mlockall = name[0] == 'm';
		return 0;
	}
	if (strcmp(name, "stats-json") == 0) {
		if (*arg == '\0' || strlen(arg) >= sizeof(cfg.stats_json_path)) {
			fprintf(stderr, "skbfwd: --stats-json needs a file name (shorter than %zu)\n",
				sizeof(cfg.stats_json_path));
			return -EINVAL;
		}
		strcpy(cfg.stats_json_path, arg);
		cfg.stats_json = cfg.stats_json_path;
		return 0;
	}
	if (strcmp(name, "display-xstats") == 0)
		return skbfwd_parse_xstats(arg);
	if (strcmp(name, "latencystats") == 0 || strcmp(name, "bitrate-stats") == 0) {
		ret = skbfwd_parse_lcore(name, arg, &v);
		if (ret == 0 && name[0] == 'l')
			cfg.latencystats_lcore = (int)v;
		else if (ret == 0)
			cfg.bitrate_lcore = (int)v;
		return ret;
	}
	return -EINVAL;
}

static const struct option skbfwd_run_longopts[] = {
	{ "forward-mode", required_argument, NULL, 0 },
	{ "burst", required_argument, NULL, 0 },
	{ "stats-period", required_argument, NULL, 0 },
	{ "stats-format", required_argument, NULL, 0 },
	{ "duration", required_argument, NULL, 0 },
	{ "port-topology", required_argument, NULL, 0 },
	{ "nb-cores", required_argument, NULL, 0 },
	{ "coremask", required_argument, NULL, 0 },
	{ "record-core-cycles", no_argument, NULL, 0 },
	{ "record-burst-stats", no_argument, NULL, 0 },
	{ "gro", no_argument, NULL, 0 },
	{ "no-flush-rx", no_argument, NULL, 0 },
	{ "stats-json", required_argument, NULL, 0 },
	{ "display-xstats", required_argument, NULL, 0 },
	{ "latencystats", required_argument, NULL, 0 },
	{ "bitrate-stats", required_argument, NULL, 0 },
	{ "mlockall", no_argument, NULL, 0 },
	{ "no-mlockall", no_argument, NULL, 0 },
	{ "interactive", no_argument, NULL, 0 },
	{ "auto-start", no_argument, NULL, 0 },
	{ "tx-first", no_argument, NULL, 0 },
	{ "cmdline-file", required_argument, NULL, 0 },
	{ "help", no_argument, NULL, 0 },
	{ NULL, 0, NULL, 0 },
};

const struct fwd_options skbfwd_run_options = {
	.longopts = skbfwd_run_longopts,
	.parse = skbfwd_parse_run_option,
	.off = true,
	.usage =
	"  --burst=N               packets per burst, 1..512 (default 32)\n"
	"  --stats-period=SEC      print testpmd's NIC statistics blocks every SEC seconds\n"
	"  --stats-format=FORMAT   testpmd (default): those blocks; line: one line per port,\n"
	"                          seconds elapsed first, rates in Mpps and Gbit/s\n"
	"  --duration=SEC          stop by itself after SEC seconds\n"
	"  --port-topology=T       paired | chained | loop (default paired)\n"
	"  --nb-cores=N            forwarding lcores (default 1; --coremask's count with it)\n"
	"  --coremask=HEX          the forwarding lcores (not the main one; default EAL's workers)\n"
	"  --record-core-cycles    testpmd's CPU cycles/packet line at exit\n"
	"  --record-burst-stats    testpmd's RX-bursts/TX-bursts lines at exit\n"
	"  --gro                   merge TCP/UDP(fragments)/VXLAN-TCP IPv4 runs per RX burst\n"
	"                          (GSO skbs, segmented again on TX: same wire packets)\n"
	"  --no-flush-rx           do not empty the RX queues before forwarding starts\n"
	"  --stats-json=FILE       write the final statistics as JSON to FILE\n"
	"  --display-xstats=NAME[,NAME...]  these extended statistics of each port with\n"
	"                          the periodic and the final statistics\n"
	"  --latencystats=LCORE    latency of every port through rte_latencystats (metrics)\n"
	"  --bitrate-stats=LCORE   bit rates of every port through rte_bitratestats (metrics)\n"
	"  --mlockall, --no-mlockall  lock the process's memory or not (default not)\n"
	"  -i, --interactive       the skbfwd> prompt (commands: help)\n"
	"  -a, --auto-start        start forwarding at once (with -i or --cmdline-file)\n"
	"  --tx-first              send one burst on every stream before forwarding\n"
	"  --cmdline-file=FILE     run the console commands of FILE first\n"
	"  --help                  this text\n",
};

int
skbfwd_config_check(void)
{
	if (cfg.nb_fwd_lcore_ids != 0) {
		if (!cfg.nb_cores_given)
			cfg.nb_cores = cfg.nb_fwd_lcore_ids;
		else if (cfg.nb_cores > cfg.nb_fwd_lcore_ids) {
			fprintf(stderr, "skbfwd: --nb-cores=%u but --coremask selects %u lcore%s\n",
				cfg.nb_cores, cfg.nb_fwd_lcore_ids,
				cfg.nb_fwd_lcore_ids > 1 ? "s" : "");
			return -EINVAL;
		}
	}
	return skbfwd_port_config_check();
}

/* ----------------------------------------------------------- the command line */

/* True when @s, taken as an option's value, is the next option instead. */
static bool
skbfwd_looks_like_option(const char *s)
{
	return s[0] == '-' && (s[1] == '-' || (s[1] != '\0' && !isdigit((unsigned char)s[1])));
}

/* One line for a command-line word getopt_long() did not accept. */
static void
skbfwd_bad_word(const char *word, const struct option *opts, int optopt_val)
{
	char name[128];
	const char *eq;
	size_t len;
	unsigned int i, matches = 0;

	if (strncmp(word, "--", 2) != 0) {
		fprintf(stderr, "skbfwd: unknown option %s (see --help)\n", word);
		return;
	}
	eq = strchr(word, '=');
	len = eq ? (size_t)(eq - word - 2) : strlen(word) - 2;
	snprintf(name, sizeof(name), "%.*s", (int)RTE_MIN(len, sizeof(name) - 1), word + 2);
	if (optopt_val >= OPT_BASE) {
		/* a known option: its value was missing or it takes none */
		if (eq != NULL)
			fprintf(stderr, "skbfwd: option %s takes no value\n", word);
		else
			fprintf(stderr, "skbfwd: option %s needs a value\n", word);
		return;
	}
	for (i = 0; opts[i].name != NULL; i++)
		if (len > 0 && strncmp(opts[i].name, name, len) == 0)
			matches++;
	if (matches < 2) {
		fprintf(stderr, "skbfwd: unknown option %s (see --help)\n", word);
		return;
	}
	fprintf(stderr, "skbfwd: option --%s is ambiguous:", name);
	for (i = 0, matches = 0; opts[i].name != NULL; i++)
		if (strncmp(opts[i].name, name, len) == 0)
			fprintf(stderr, "%s --%s", matches++ ? "," : "", opts[i].name);
	fprintf(stderr, "\n");
}

int
skbfwd_parse_args(int argc, char **argv)
{
	static struct skbfwd_opt t[FWD_MAX_OPTIONS];
	struct option opts[FWD_MAX_OPTIONS + 1];
	/* engine options, parsed once the engine is known, in command-line order */
	struct { const char *name, *arg; } *later;
	unsigned int n = skbfwd_opt_table(t, RTE_DIM(t)), nlater = 0, i;
	int opt, ret = 0;

	for (i = 0; i < n; i++) {
		opts[i] = *t[i].opt;
		opts[i].flag = NULL;
		opts[i].val = OPT_BASE + (int)i;
	}
	memset(&opts[n], 0, sizeof(opts[n]));
	later = calloc((size_t)argc + 1, sizeof(*later));
	if (later == NULL)
		return -ENOMEM;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "hia", opts, NULL)) != EOF) {
		const struct skbfwd_opt *o = NULL;

		/* testpmd's short options stand for long ones, whoever has those */
		for (i = 0; i < RTE_DIM(skbfwd_short_opts); i++)
			if (opt == skbfwd_short_opts[i].c)
				o = skbfwd_opt_find(t, n, skbfwd_short_opts[i].name);
		if (o == NULL && (opt < OPT_BASE || opt >= OPT_BASE + (int)n)) {
			skbfwd_bad_word(argv[optind - 1], opts, optopt);
			ret = -EINVAL;
			break;
		}
		if (o == NULL)
			o = &t[opt - OPT_BASE];
		if (o->refusal != NULL) {
			skbfwd_refuse(o);
			ret = -EINVAL;
			break;
		}
		/* getopt takes the next word as the value even when it is the next option */
		if (o->opt->has_arg == required_argument && optind >= 2 &&
		    optarg == argv[optind - 1] && skbfwd_looks_like_option(optarg)) {
			fprintf(stderr, "skbfwd: option %s needs a value\n", argv[optind - 2]);
			ret = -EINVAL;
			break;
		}
		if (strcmp(o->opt->name, "help") == 0) {
			skbfwd_usage(argv[0]);
			ret = 1;
			break;
		}
		if (!o->global) {
			later[nlater].name = o->opt->name;
			later[nlater++].arg = optarg;
			continue;
		}
		ret = o->set->parse(o->opt->name, optarg);
		if (ret < 0)
			break;
	}
	if (ret == 0 && optind < argc) {
		fprintf(stderr, "skbfwd: unexpected argument %s\n", argv[optind]);
		ret = -EINVAL;
	}
	for (i = 0; ret == 0 && i < nlater; i++)
		ret = skbfwd_engine_option(later[i].name, later[i].arg);
	free(later);
	if (ret == 0)
		ret = skbfwd_config_check();
	return ret;
}
