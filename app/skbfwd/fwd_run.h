/* SPDX-License-Identifier: BSD-3-Clause */
/* Forwarding runtime shared by main.c, stats.c and fwd.c (not by engines). */
#ifndef _SKBFWD_FWD_RUN_H_
#define _SKBFWD_FWD_RUN_H_

#include "fwd.h"

struct fwd_lcore {
	unsigned int lcore_id;
	unsigned int nb_streams;
	struct fwd_stream *streams[MAX_FWD_STREAMS];
};

extern struct fwd_lcore fwd_lcores[RTE_MAX_LCORE];
extern unsigned int nb_fwd_lcores;

int fwd_streams_build(void);
int fwd_lcores_assign(void);
void fwd_lcores_launch(void);
void fwd_lcores_stop(void);
/** Free what net_ring ports still hold (sent, never read) before the leak audit; @return count. */
unsigned int fwd_ports_drain(void);

/* stats.c: one line of statistics: a port, a stream (RX queue), an lcore or the total. */
struct fwd_counts {
	uint64_t rx, tx, rx_bytes, tx_bytes, generated, drops;
	uint64_t reason[FWD_DROP_MAX];
	uint64_t cycles;
};

/** Add the counters of @b to @a. */
void counts_add(struct fwd_counts *a, const struct fwd_counts *b);
/** Sum the streams into @t[RTE_MAX_ETHPORTS], per port (any thread may call it). */
void stats_collect(struct fwd_counts *t);

/* telemetry.c: register /skbfwd/{engine,stats,ports}; 0 or a negative errno. */
int skbfwd_telemetry_init(void);
/* telemetry.c: stop answering counter commands (before the exit path frees
 * per-stream state). */
void skbfwd_telemetry_close(void);

#endif
