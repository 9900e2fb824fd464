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

#endif
