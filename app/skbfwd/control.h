/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Starting and stopping forwarding (control.c): what main.c does for a run
 * without a prompt and what the console's start, stop and set commands do.
 * A start plans anew from the configuration as it stands (another engine,
 * burst, cores, topology...), sets up again only the ports whose set-up that
 * changes, and keeps the pools; a stop leaves the streams and their counters
 * for the statistics until the next start.
 */
#ifndef _SKBFWD_CONTROL_H_
#define _SKBFWD_CONTROL_H_

#include <stdbool.h>

/** Largest N of `start tx_first N`. */
#define FWD_TX_FIRST_MAX 65535u

/**
 * Start forwarding: plan the streams and lcores anew (their counters start at
 * zero), bring the ports in line (fwd_ports_apply()), set up the engine, flush
 * the RX queues (fwd_rx_flush()), send @tx_first bursts of txonly frames on
 * every stream (counted as the stream's TX), print the plan, and launch the
 * lcores.
 * @return 0; -EBUSY when forwarding runs already; another negative errno
 * after printing why (nothing runs then).
 */
int fwd_start(unsigned int tx_first);

/**
 * Stop forwarding: "Telling cores to stop...", stop the lcores, print the
 * statistics of the run (fwd_print_stats()), tear the engine down.  Nothing
 * when forwarding does not run.
 */
void fwd_stop(void);

/** True while forwarding runs. */
bool fwd_running(void);

/**
 * Print the statistics of the last run: testpmd's blocks (stats_print_fwd()),
 * "Done.", skbfwd's own lines and --stats-json (stats_print_own()), the GRO
 * and GSO lines; what `stop` and the exit print.
 */
void fwd_print_stats(void);

/** Print the plan: the engine, then each lcore with its streams (`show config fwd`). */
void fwd_print_plan(bool next);

/** Zero the counters of the run; the lcores pause for it while forwarding runs. */
void fwd_clear_stats(void);

/**
 * Set option --@name to @value between runs (skbfwd_set_option()).  A change
 * that leaves no valid plan (more lcores than EAL gave, say) is undone,
 * unless the plan was not valid before it either.
 * @return 0; -EBUSY while forwarding runs; -EINVAL after printing one line.
 */
int fwd_set_option(const char *name, const char *value);

#endif /* _SKBFWD_CONTROL_H_ */
