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

#define SKBFWD_MAX_XSTATS 16         /* names of --display-xstats */
#define SKBFWD_XSTAT_NAME 64         /* RTE_ETH_XSTATS_NAME_SIZE */
#define SKBFWD_PATH_MAX 4096
#define SKBFWD_UNSET (-1)            /* an int setting left to the device or DPDK */

/**
 * How the ports are set up beyond their queues: what the testpmd options of
 * pools, offloads, RSS, rings, links and NUMA set (config_ports.c).  Ints at SKBFWD_UNSET leave the
 * value to the device's defaults.
 */
struct skbfwd_port_config {
	uint16_t mbuf_size;               /* data room of each mbuf, headroom included */
	int mbcache;                      /* per-lcore pool cache, SKBFWD_UNSET: libskb's */
	uint32_t max_pkt_len;             /* 0: the device's default MTU */
	uint32_t max_lro_pkt_size;        /* 0: the device's */
	uint64_t rx_offloads, tx_offloads;/* asked besides the engine's */
	uint64_t rss_hf;                  /* RSS hash functions with several RX queues (0: off) */
	uint64_t rss_level;               /* RTE_ETH_RSS_LEVEL_* bits added to them */
	uint8_t rx_mq_mode;               /* mask of RTE_ETH_MQ_RX_*_FLAG allowed */
	/* descriptor ring thresholds (rte_eth_rxconf/txconf) */
	int rx_free_thresh, rx_pthresh, rx_hthresh, rx_wthresh;
	int tx_free_thresh, tx_rs_thresh, tx_pthresh, tx_hthresh, tx_wthresh;
	bool rx_drop_en;
	bool numa;                        /* pools per socket of the ports (--numa, default) */
	int socket_num;                   /* --socket-num, SKBFWD_UNSET: the main lcore's */
	int8_t port_socket[RTE_MAX_ETHPORTS];   /* --port-numa-config, -1: none */
	int8_t rxring_socket[RTE_MAX_ETHPORTS]; /* --ring-numa-config, -1: none */
	int8_t txring_socket[RTE_MAX_ETHPORTS];
	bool lsc_interrupt;               /* link changes by interrupt where the device has it */
	bool link_check;                  /* wait for links at start */
	bool device_start;                /* start the ports */
	uint32_t link_speeds;             /* rte_eth_conf link_speeds (0: autonegotiate) */
	uint32_t event_print_mask;        /* ethdev events printed (1 << RTE_ETH_EVENT_*) */
};

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
	unsigned int nb_cores;            /* forwarding lcores */
	bool nb_cores_given;              /* --nb-cores given (else --coremask's count) */
	uint16_t fwd_lcore_ids[RTE_MAX_LCORE]; /* --coremask: the forwarding lcores */
	unsigned int nb_fwd_lcore_ids;    /* 0: the EAL's worker lcores in order */
	uint16_t nb_rxq, nb_txq;
	uint16_t nb_rxd, nb_txd;
	/* --portmask/--portlist: the forwarding ports in order (0 of them: every port) */
	uint16_t port_list[RTE_MAX_ETHPORTS];
	unsigned int nb_port_list;
	unsigned int nb_ports;            /* --nb-ports: the first N of them, 0: all */
	bool record_core_cycles;
	bool record_burst_stats;
	bool gro;                         /* --gro: merge RX bursts (skb_gro_burst) */
	bool no_flush_rx;                 /* --no-flush-rx: RX queues not emptied at start */
	bool mlockall;                    /* --mlockall: lock the process's memory */
	const char *stats_json;           /* --stats-json FILE, NULL: none */
	char stats_json_path[SKBFWD_PATH_MAX];
	char xstats[SKBFWD_MAX_XSTATS][SKBFWD_XSTAT_NAME]; /* --display-xstats */
	unsigned int nb_xstats;
	int latencystats_lcore;           /* --latencystats=LCORE, SKBFWD_UNSET: off */
	int bitrate_lcore;                /* --bitrate-stats=LCORE, SKBFWD_UNSET: off */
	bool interactive;                 /* -i: the skbfwd> prompt (console.h) */
	bool auto_start;                  /* -a: forward at once, also with -i or a file */
	bool tx_first;                    /* --tx-first: one txonly burst on every stream first */
	const char *cmdline_file;         /* --cmdline-file FILE, NULL: none */
	char cmdline_file_path[SKBFWD_PATH_MAX];
	struct skbfwd_port_config port;
};

extern struct skbfwd_config cfg;

/**
 * skbfwd's own option sets, accepted with every engine: the run's
 * (config.c: engine, burst, lcores, statistics), the ports' (config_ports.c:
 * ports, queues, pools, offloads, RSS, rings, links, NUMA) and the latency
 * probes' (latency.h: skbfwd_latency_options).  Their parse()
 * stores into cfg; values that need the ports (a port number, a socket, an
 * lcore) are checked against what EAL probed.
 */
extern const struct fwd_options skbfwd_run_options;
extern const struct fwd_options skbfwd_port_options;

/** Reset @pc to the defaults: what every port gets without options (config_ports.c). */
void skbfwd_port_config_init(struct skbfwd_port_config *pc);

/** The port options' part of skbfwd_config_check().  @return 0; -EINVAL after one line. */
int skbfwd_port_config_check(void);

/**
 * Reset cfg to the defaults, with @engines (NULL-terminated, the program's
 * engine table) the engines --forward-mode chooses from; the engine is "io"
 * (the first of @engines when the table has no io).
 */
void skbfwd_config_init(const struct fwd_engine *const *engines);

/**
 * Parse skbfwd's options (what follows EAL's "--") into cfg and the engines'
 * option values, then check them together (skbfwd_config_check()).  Every
 * option of dpdk-testpmd 22.11 is known: honoured, or refused with
 * "skbfwd: --OPTION is not supported: REASON".  An option's missing value is
 * never taken from the next option ("--burst --rxq=1" is an error naming
 * --burst).  --help prints the usage.
 * @return 0; 1 after --help (the caller exits 0); -EINVAL after printing one
 * "skbfwd: ..." line naming the option.
 */
int skbfwd_parse_args(int argc, char **argv);

/**
 * Set option --@name (its full name; a skbfwd, port or engine option) to @arg
 * (NULL or "on" for an option without a value; "off" turns one off where its
 * set takes that, fwd_options.off), as on the command line: the way to change an
 * option at run time.  Nothing exits; call skbfwd_config_check() after a
 * series of them.
 * @return 0; -EINVAL after printing one "skbfwd: ..." line (unknown option,
 * refused testpmd option, missing or unexpected value, bad value, an option
 * of another engine).
 */
int skbfwd_option_set(const char *name, const char *arg);

/**
 * True when option --@name only acts while skbfwd starts (the pools, the
 * metrics, the console's own options): setting it at run time would change
 * nothing, so the console refuses it.
 */
bool skbfwd_option_startup(const char *name);

/**
 * Call @fn with the name of every option skbfwd_option_set() knows but
 * --help: skbfwd's, every engine's and the refused testpmd ones, and whether
 * it takes a value.
 */
void skbfwd_options_foreach(void (*fn)(const char *name, bool has_value, void *arg), void *arg);

/**
 * Check the options against each other (--rxfreet below --rxd, --nb-cores
 * within --coremask, ...) and settle what follows from several of them.
 * @return 0; -EINVAL after printing one line naming the options.
 */
int skbfwd_config_check(void);

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

/**
 * Why skbfwd refuses dpdk-testpmd option --@name (the REASON of its
 * "skbfwd: --NAME is not supported: REASON" line), or NULL when skbfwd has
 * the option (itself or in an engine of its table) or testpmd has none.
 */
const char *skbfwd_refused_reason(const char *name);

#endif /* _SKBFWD_CONFIG_H_ */
