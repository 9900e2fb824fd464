/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Statistics of a run (stats.c), printed by the main lcore: testpmd's "NIC
 * statistics for port N" blocks (or one line per port) every --stats-period,
 * testpmd's "Forward statistics" blocks when forwarding stops, then skbfwd's
 * own lines (bytes, drops by reason, rates, per queue and per lcore) and
 * --stats-json.  Stream counters are read while their lcores may still write
 * them.
 *
 * What the blocks count, as testpmd 22.11.11 does: RX-packets and TX-packets
 * are what the streams received and sent; RX-dropped is the device's imissed;
 * TX-dropped is what a port refused (tx_full, on the port actually used) plus
 * the device's oerrors.  Engine drops (a truncated frame, no route, a frame
 * rxonly consumed) are not TX drops: they are skbfwd's drops by reason.
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
	uint64_t bad_ip_csum, bad_l4_csum, bad_outer_l4_csum, bad_outer_ip_csum;
};

/** Add the counters of @b to @a. */
void counts_add(struct fwd_counts *a, const struct fwd_counts *b);

/**
 * Sum the streams into @t[RTE_MAX_ETHPORTS], per port (any thread may call
 * it): RX and checksum counts on the RX port; TX, generated and drops on the
 * TX port, for engines sending anywhere TX and tx_full on the port used.
 */
void stats_collect(struct fwd_counts *t);

/**
 * Start a run's statistics: the device counters the blocks subtract (testpmd
 * takes this snapshot at start) and the time rates count from.
 */
void stats_init(void);

/**
 * testpmd's "NIC statistics for port N" block of @port_id (absolute device
 * counters, throughput since the previous block of that port, 0 the first
 * time), as --stats-period and `show port stats` print it.
 */
void stats_nic_display(uint16_t port_id);

/**
 * The periodic statistics of --stats-period: testpmd's screen (clear, "Port
 * statistics ====", one NIC block per forwarding port), or with
 * --stats-format=line one line per port that starts with the seconds elapsed
 * and gives rates in Mpps and Gbit/s.  @seconds: time since the previous call
 * (skbfwd's own rates, --stats-json, are those of the last period).
 */
void stats_print_period(double seconds);

/** testpmd's screen of NIC blocks at once (its first, rates 0), without touching skbfwd's rates. */
void stats_print_nic_all(void);

/**
 * testpmd's statistics when forwarding stops: a block per stream when there
 * are more streams than ports, a block per port, the accumulated block, and
 * with --record-core-cycles the CPU cycles/packet line.  Byte for byte the
 * layout of dpdk-testpmd 22.11.11's fwd_stats_display().
 */
void stats_print_fwd(void);

/**
 * skbfwd's own final statistics, after testpmd's: per port and in total the
 * bytes, generated packets, drops by reason and rates, then per queue and per
 * lcore; writes them to --stats-json's file opened by stats_json_open(),
 * replacing what an earlier call wrote there.
 * @return 0; a negative errno when --stats-json could not be written (said on stderr).
 */
int stats_print_own(void);

/**
 * --display-xstats (xstats.c): find the ids of the names on every forwarding
 * port, after the ports are set up; a name a port lacks is skipped there with
 * a line, as testpmd does.
 * @return 0; -EINVAL after printing one line when no port has one of the names.
 */
int stats_xstats_setup(void);

/**
 * testpmd's --display-xstats part of a port's statistics: a blank line, the
 * "Value / Rate (since last show)" header, one line per name with the value
 * and its rate per second since the previous display of @port (0 the first
 * time).  Nothing without --display-xstats.
 */
void stats_print_xstats(uint16_t port);

/** stats_print_xstats() of every forwarding port, each under a heading (the final statistics). */
void stats_print_xstats_final(void);

/**
 * Open --stats-json's file for the final statistics (created, not yet
 * truncated), so that a path that cannot be written is an error before
 * forwarding starts.  Nothing without --stats-json.
 * @return 0; a negative errno after printing "skbfwd: --stats-json=FILE: cannot write: why".
 */
int stats_json_open(void);

/** Close --stats-json's file (written by each stats_print_own() before, or not at all). */
void stats_json_close(void);

/**
 * Print the drops of the run by named reason (`show drops`): a row per reason
 * and one for all, a column per port in use and the total.
 */
void stats_print_drops(void);

/** Print "GRO: N packets received, M skbs after merging" (--gro). */
void stats_print_gro(void);

#endif /* _SKBFWD_STATS_H_ */
