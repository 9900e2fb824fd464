/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * skbfwd's configuration: what the options set (struct skbfwd_config), the
 * engine table they choose from, and the option parser.  Parsing only stores:
 * nothing here touches a port, a pool or a stream, so options can be parsed
 * (and later set again) before and between forwarding runs.
 */
#ifndef _SKBFWD_CONFIG_H_
#define _SKBFWD_CONFIG_H_

#include <stdbool.h>
#include <stdint.h>

#include <rte_ethdev.h>
#include <rte_ether.h>

#include "engine.h"

enum port_topology { TOPO_PAIRED, TOPO_CHAINED, TOPO_LOOP };

/** What --stats-period prints: testpmd's NIC statistics blocks, or one line per port. */
enum stats_format { STATS_FORMAT_TESTPMD, STATS_FORMAT_LINE };

/** Everything skbfwd's own options set (engines keep their options' values themselves). */
struct skbfwd_config {
	const struct fwd_engine *engine;
	uint16_t burst;
	unsigned int stats_period;        /* seconds, 0: no periodic output */
	enum stats_format stats_format;   /* --stats-format */
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

/**
 * Reset cfg to the defaults, with @engines (NULL-terminated, the program's
 * engine table) the engines --forward-mode chooses from; the engine is "io"
 * (the first of @engines when the table has no io).
 */
void skbfwd_config_init(const struct fwd_engine *const *engines);

/**
 * Parse skbfwd's options (what follows EAL's "--") into cfg and the engines'
 * option values.  --help prints the usage and exits 0.
 * @return 0; -EINVAL after printing one "skbfwd: ..." line naming the option.
 */
int skbfwd_parse_args(int argc, char **argv);

/** Print the usage: skbfwd's options, then every engine option once. */
void skbfwd_usage(const char *prog);

/**
 * Set engine option --@name (its full name) to @arg (NULL for an option
 * without a value): stored for the engine's next set-up when the chosen
 * engine (cfg.engine) accepts it.
 * @return 0; -EINVAL after printing one line: an unknown option, an option of
 * other engines ("skbfwd: --tx-gso is an option of the txonly engine, not of
 * io"), or the engine's own complaint about the value.
 */
int skbfwd_engine_option(const char *name, const char *arg);

/** The engine of the table named @name, or NULL. */
const struct fwd_engine *fwd_engine_find(const char *name);

/** The NULL-terminated engine table given to skbfwd_config_init(). */
const struct fwd_engine *const *fwd_engine_table(void);

#endif /* _SKBFWD_CONFIG_H_ */
