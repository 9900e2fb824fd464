/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Statistics of a run (stats.c), printed by the main lcore: per-port lines
 * every --stats-period, totals at exit (and --stats-json), read from the
 * streams' counters while their lcores may still write them.
 */
#ifndef _SKBFWD_STATS_H_
#define _SKBFWD_STATS_H_

#include <stdint.h>

#include "engine.h"

/** The names of the drop reasons (enum fwd_drop), as --stats-json and the output spell them. */
extern const char *const fwd_drop_names[FWD_DROP_MAX];

/** One line of statistics: a port, a stream (RX queue), an lcore or the total. */
struct fwd_counts {
	uint64_t rx, tx, rx_bytes, tx_bytes, generated, drops;
	uint64_t reason[FWD_DROP_MAX];
	uint64_t cycles;
};

/** Add the counters of @b to @a. */
void counts_add(struct fwd_counts *a, const struct fwd_counts *b);

/** Sum the streams into @t[RTE_MAX_ETHPORTS], per port (any thread may call it). */
void stats_collect(struct fwd_counts *t);

/** Start a run's statistics: rates and elapsed time count from now. */
void stats_init(void);

/** Print one line per port: counters, and rates over the last @seconds. */
void stats_print_period(double seconds);

/**
 * Print the final statistics (testpmd's "Forward statistics" blocks, drops by
 * reason, per queue and per lcore) and write --stats-json when given.
 */
void stats_print_final(void);

/** Print "GRO: N packets received, M skbs after merging" (--gro). */
void stats_print_gro(void);

#endif /* _SKBFWD_STATS_H_ */
