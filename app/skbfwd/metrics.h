/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * --latencystats and --bitrate-stats: DPDK's rte_latencystats and
 * rte_bitratestats over the ports, published in the metrics library
 * (rte_metrics), where dpdk-proc-info --metrics reads them while skbfwd runs
 * with hugepages.  The measurement is DPDK's: latencystats' RX and TX
 * callbacks on every queue, run by the forwarding lcores in their bursts; the
 * main lcore, which does not forward, publishes the figures.
 */
#ifndef _SKBFWD_METRICS_H_
#define _SKBFWD_METRICS_H_

#include <stdint.h>

/**
 * Start what the options ask for, after the ports are set up (the latency
 * callbacks go on the queues that exist): rte_metrics_init(), then
 * rte_latencystats_init() and/or a registered rte_stats_bitrates.
 * Nothing without the options.
 * @return 0; -EINVAL after printing one "skbfwd: --OPTION: ..." line.
 */
int skbfwd_metrics_setup(void);

/**
 * Publish: latency figures at every call, bit rates of every forwarding port
 * once a second (rte_stats_bitrate_calc() needs second-long intervals).
 * Called by the main lcore while forwarding runs, @now in timer cycles.
 */
void skbfwd_metrics_tick(uint64_t now);

/** Undo skbfwd_metrics_setup() (callbacks removed, metrics freed); before the ports close. */
void skbfwd_metrics_close(void);

#endif /* _SKBFWD_METRICS_H_ */
