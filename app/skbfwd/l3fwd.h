/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the l3fwd engine (l3fwd.c) shares with its raw-mbuf twin l3fwd-raw
 * (l3fwd_raw.c): the route table, loaded once by l3fwd_setup() from --routes.
 */
#ifndef _SKBFWD_L3FWD_H_
#define _SKBFWD_L3FWD_H_

#include <rte_ether.h>
#include <rte_lpm.h>

#include "fwd.h"

/** Where a route sends: TX port and the next hop's MAC. */
struct l3fwd_hop {
	uint16_t port;
	struct rte_ether_addr mac;
};

/** The LPM table (its next hop is an index in l3fwd_hops[]); NULL before setup. */
extern struct rte_lpm *l3fwd_lpm;
extern struct l3fwd_hop l3fwd_hops[];

/** Create the table and load --routes.  @return 0, -ENOMEM or -EINVAL (printed). */
int l3fwd_setup(void);

/** Free the table after the last stream stopped. */
void l3fwd_stream_fini(struct fwd_stream *fs);

#endif /* _SKBFWD_L3FWD_H_ */
