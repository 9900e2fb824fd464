/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * skbfwd's configuration and its options (after EAL's "--"), testpmd's names
 * where testpmd has one.  Every bad value gets one line naming the option and
 * the value, and the program exits non-zero.  Engines add their own options
 * (struct fwd_options); one is accepted only with an engine that lists its
 * set, and is parsed once the engine is known, so the order of options on
 * the command line does not matter.
 */

#include <errno.h>
#include <stdbool.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_debug.h>
#include <rte_lcore.h>

#include "config.h"
#include "parse.h"

static const struct skbfwd_config skbfwd_defaults = {
	.burst = DEFAULT_PKT_BURST,
	.stats_period = 0,
	.topology = TOPO_PAIRED,
	.nb_cores = 1,
	.nb_rxq = 1,
	.nb_txq = 1,
	.nb_rxd = 1024,
	.nb_txd = 1024,
};

struct skbfwd_config cfg;

/* the program's engines, NULL-terminated */
static const struct fwd_engine *const *fwd_engines;

enum {
	OPT_FORWARD_MODE = 256,
	OPT_BURST,
	OPT_STATS_PERIOD,
	OPT_STATS_FORMAT,
	OPT_DURATION,
	OPT_PORT_TOPOLOGY,
	OPT_ETH_PEER,
	OPT_TOTAL_NUM_MBUFS,
	OPT_NB_CORES,
	OPT_RXQ,
	OPT_TXQ,
	OPT_RXD,
	OPT_TXD,
	OPT_PORTMASK,
	OPT_RECORD_CORE_CYCLES,
	OPT_RECORD_BURST_STATS,
	OPT_GRO,
	OPT_STATS_JSON,
	OPT_HELP,
	OPT_ENGINE,             /* an option of an engine's struct fwd_options */
};

/* Bounds of the getopt table built from the engines' option sets. */
#define FWD_MAX_OPTION_SETS 64
#define FWD_MAX_ENGINE_OPTS 256

static const struct option skbfwd_core_opts[] = {
	{ "forward-mode", required_argument, NULL, OPT_FORWARD_MODE },
	{ "burst", required_argument, NULL, OPT_BURST },
	{ "stats-period", required_argument, NULL, OPT_STATS_PERIOD },
	{ "stats-format", required_argument, NULL, OPT_STATS_FORMAT },
	{ "duration", required_argument, NULL, OPT_DURATION },
	{ "port-topology", required_argument, NULL, OPT_PORT_TOPOLOGY },
	{ "eth-peer", required_argument, NULL, OPT_ETH_PEER },
	{ "total-num-mbufs", required_argument, NULL, OPT_TOTAL_NUM_MBUFS },
	{ "nb-cores", required_argument, NULL, OPT_NB_CORES },
	{ "rxq", required_argument, NULL, OPT_RXQ },
	{ "txq", required_argument, NULL, OPT_TXQ },
	{ "rxd", required_argument, NULL, OPT_RXD },
	{ "txd", required_argument, NULL, OPT_TXD },
	{ "portmask", required_argument, NULL, OPT_PORTMASK },
	{ "record-core-cycles", no_argument, NULL, OPT_RECORD_CORE_CYCLES },
	{ "record-burst-stats", no_argument, NULL, OPT_RECORD_BURST_STATS },
	{ "gro", no_argument, NULL, OPT_GRO },
	{ "stats-json", required_argument, NULL, OPT_STATS_JSON },
	{ "help", no_argument, NULL, OPT_HELP },
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

	cfg = skbfwd_defaults;
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

/* The set holding long option @name, or NULL. */
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

void
skbfwd_usage(const char *prog)
{
	const struct fwd_options *sets[FWD_MAX_OPTION_SETS];
	unsigned int nsets = fwd_option_sets(sets, RTE_DIM(sets)), i;

	printf("Usage: %s [EAL options] -- [skbfwd options]\n"
	       "  --forward-mode=MODE     engine:", prog);
	for (i = 0; fwd_engines[i] != NULL; i++)
		printf(" %s", fwd_engines[i]->name);
	printf(" (default io)\n"
	       "  --burst=N               packets per burst, 1..%d (default %d)\n"
	       "  --stats-period=SEC      print testpmd's NIC statistics blocks every SEC seconds\n"
	       "  --stats-format=FORMAT   testpmd (default): those blocks; line: one line per port,\n"
	       "                          seconds elapsed first, rates in Mpps and Gbit/s\n"
	       "  --duration=SEC          stop by itself after SEC seconds\n"
	       "  --port-topology=T       paired | chained | loop (default paired)\n"
	       "  --eth-peer=PORT,MAC     destination MAC for frames sent on PORT (mac, txonly, encap)\n"
	       "  --total-num-mbufs=N     mbufs per pool (default: enough for all rings)\n"
	       "  --nb-cores=N            forwarding lcores (default 1)\n"
	       "  --rxq=N, --txq=N        queues per port (default 1; RSS spreads flows)\n"
	       "  --rxd=N, --txd=N        descriptors per queue (default 1024)\n"
	       "  --portmask=MASK         hexadecimal mask of the ports to use (default all)\n"
	       "  --record-core-cycles    count forwarding cycles per packet\n"
	       "  --record-burst-stats    RX/TX burst-size histogram per stream at exit\n"
	       "  --gro                   merge TCP/UDP(fragments)/VXLAN-TCP IPv4 runs per RX burst\n"
	       "                          (GSO skbs, segmented again on TX: same wire packets)\n"
	       "  --stats-json=FILE       write the final statistics as JSON to FILE\n"
	       "  --help                  this text\n",
	       MAX_PKT_BURST, DEFAULT_PKT_BURST);
	for (i = 0; i < nsets; i++)
		printf("%s", sets[i]->usage);
}

static int
skbfwd_parse_eth_peer(const char *arg)
{
	const char *mac;
	uint16_t port;
	int ret = skbfwd_parse_port_prefix("eth-peer", arg, &port, &mac);

	if (ret == -ERANGE)
		return -EINVAL;
	if (ret < 0 || skbfwd_parse_mac(mac, &cfg.peer[port]) < 0) {
		fprintf(stderr, "skbfwd: --eth-peer=%s: expected PORT,XX:XX:XX:XX:XX:XX\n", arg);
		return -EINVAL;
	}
	return 0;
}

static int
skbfwd_parse_duration(const char *arg)
{
	char *end = NULL;
	double d;

	errno = 0;
	d = strtod(arg, &end);
	if (errno != 0 || end == arg || *end != '\0' || !(d > 0) || d > 1e7) {
		fprintf(stderr, "skbfwd: --duration=%s: expected seconds > 0\n", arg);
		return -EINVAL;
	}
	cfg.duration = d;
	return 0;
}

static int
skbfwd_parse_core_opt(int opt, const char *arg)
{
	unsigned long v;
	int ret = 0;

	switch (opt) {
	case OPT_FORWARD_MODE:
		cfg.engine = fwd_engine_find(arg);
		if (cfg.engine == NULL) {
			fprintf(stderr, "skbfwd: --forward-mode=%s: unknown engine\n", arg);
			return -EINVAL;
		}
		break;
	case OPT_BURST:
		ret = skbfwd_parse_uint("burst", arg, 1, MAX_PKT_BURST, &v);
		cfg.burst = (uint16_t)v;
		break;
	case OPT_STATS_PERIOD:
		ret = skbfwd_parse_uint("stats-period", arg, 1, 86400, &v);
		cfg.stats_period = (unsigned int)v;
		break;
	case OPT_STATS_FORMAT:
		if (strcmp(arg, "testpmd") == 0) {
			cfg.stats_format = STATS_FORMAT_TESTPMD;
		} else if (strcmp(arg, "line") == 0) {
			cfg.stats_format = STATS_FORMAT_LINE;
		} else {
			fprintf(stderr, "skbfwd: --stats-format=%s: expected testpmd or line\n", arg);
			ret = -EINVAL;
		}
		break;
	case OPT_DURATION:
		ret = skbfwd_parse_duration(arg);
		break;
	case OPT_PORT_TOPOLOGY:
		if (strcmp(arg, "paired") == 0)
			cfg.topology = TOPO_PAIRED;
		else if (strcmp(arg, "chained") == 0)
			cfg.topology = TOPO_CHAINED;
		else if (strcmp(arg, "loop") == 0)
			cfg.topology = TOPO_LOOP;
		else {
			fprintf(stderr, "skbfwd: --port-topology=%s: expected paired, chained or loop\n",
				arg);
			ret = -EINVAL;
		}
		break;
	case OPT_ETH_PEER:
		ret = skbfwd_parse_eth_peer(arg);
		break;
	case OPT_TOTAL_NUM_MBUFS:
		ret = skbfwd_parse_uint("total-num-mbufs", arg, 1024, 1u << 26, &v);
		cfg.total_num_mbufs = (unsigned int)v;
		break;
	case OPT_NB_CORES:
		ret = skbfwd_parse_uint("nb-cores", arg, 1, RTE_MAX_LCORE, &v);
		cfg.nb_cores = (unsigned int)v;
		break;
	case OPT_RXQ:
		ret = skbfwd_parse_uint("rxq", arg, 1, 1024, &v);
		cfg.nb_rxq = (uint16_t)v;
		break;
	case OPT_TXQ:
		ret = skbfwd_parse_uint("txq", arg, 1, 1024, &v);
		cfg.nb_txq = (uint16_t)v;
		break;
	case OPT_RXD:
		ret = skbfwd_parse_uint("rxd", arg, 32, 32768, &v);
		cfg.nb_rxd = (uint16_t)v;
		break;
	case OPT_TXD:
		ret = skbfwd_parse_uint("txd", arg, 32, 32768, &v);
		cfg.nb_txd = (uint16_t)v;
		break;
	case OPT_PORTMASK: {
		char *end = NULL;

		errno = 0;
		cfg.portmask = strtoull(arg, &end, 16);
		if (errno != 0 || end == arg || *end != '\0' || cfg.portmask == 0) {
			fprintf(stderr, "skbfwd: --portmask=%s: expected a non-zero hexadecimal mask\n",
				arg);
			ret = -EINVAL;
		}
		break;
	}
	case OPT_RECORD_CORE_CYCLES:
		cfg.record_core_cycles = true;
		break;
	case OPT_RECORD_BURST_STATS:
		cfg.record_burst_stats = true;
		break;
	case OPT_GRO:
		cfg.gro = true;
		break;
	case OPT_STATS_JSON:
		if (*arg == '\0') {
			fprintf(stderr, "skbfwd: --stats-json needs a file name\n");
			ret = -EINVAL;
		}
		cfg.stats_json = arg;
		break;
	default:
		ret = -EINVAL;
	}
	return ret;
}

int
skbfwd_parse_args(int argc, char **argv)
{
	/* core options, then every engine option set's, then the terminator */
	const struct fwd_options *sets[FWD_MAX_OPTION_SETS];
	unsigned int nsets = fwd_option_sets(sets, RTE_DIM(sets));
	struct option opts[RTE_DIM(skbfwd_core_opts) + FWD_MAX_ENGINE_OPTS + 1];
	/* engine options, parsed once the engine is known, in command-line order */
	struct { const char *name, *arg; } *later;
	unsigned int nopts = 0, nlater = 0, i, k;
	int opt, idx, ret = 0;

	for (i = 0; i < RTE_DIM(skbfwd_core_opts); i++)
		opts[nopts++] = skbfwd_core_opts[i];
	for (k = 0; k < nsets; k++) {
		const struct option *o;

		for (o = sets[k]->longopts; o->name != NULL; o++) {
			RTE_VERIFY(nopts < RTE_DIM(opts) - 1);
			opts[nopts] = *o;
			opts[nopts].flag = NULL;
			opts[nopts].val = OPT_ENGINE;
			nopts++;
		}
	}
	memset(&opts[nopts], 0, sizeof(opts[nopts]));
	later = calloc((size_t)argc + 1, sizeof(*later));
	if (later == NULL)
		return -ENOMEM;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, &idx)) != EOF) {
		if (opt == OPT_HELP) {
			skbfwd_usage(argv[0]);
			exit(EXIT_SUCCESS);
		}
		if (opt == '?' || opt == ':') {
			/* a long option's val is >= 256; a short option's is its letter */
			if (optopt >= OPT_FORWARD_MODE && strchr(argv[optind - 1], '=') != NULL)
				fprintf(stderr, "skbfwd: option %s takes no value\n",
					argv[optind - 1]);
			else if (optopt >= OPT_FORWARD_MODE)
				fprintf(stderr, "skbfwd: option %s needs a value\n",
					argv[optind - 1]);
			else
				fprintf(stderr, "skbfwd: unknown option %s (see --help)\n",
					argv[optind - 1]);
			ret = -EINVAL;
			break;
		}
		if (opt == OPT_ENGINE) {
			later[nlater].name = opts[idx].name;
			later[nlater++].arg = optarg;
			continue;
		}
		ret = skbfwd_parse_core_opt(opt, optarg);
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
	return ret;
}
