/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the l3fwd engine shares with its raw-mbuf twin (tests/perf): the route
 * table type and its loading from --routes (l3fwd_routes.c), and the grouping
 * of a burst bound for several ports.  Each engine keeps its own table.
 */
#ifndef _SKBFWD_L3FWD_H_
#define _SKBFWD_L3FWD_H_

#include <stdint.h>

#include <rte_ether.h>
#include <rte_lpm.h>

#include "engine.h"

#define L3FWD_MAX_ROUTES 4096

/** Where a route sends: TX port and the next hop's MAC. */
struct l3fwd_hop {
	uint16_t port;
	struct rte_ether_addr mac;
};

/** A route table: LPM whose next hop is an index in hop[]. */
struct l3fwd_routes {
	struct rte_lpm *lpm;          /* NULL before l3fwd_routes_load() */
	unsigned int nb_hops;
	struct l3fwd_hop hop[L3FWD_MAX_ROUTES];
};

/** --routes FILE, stored for l3fwd_routes_load() (the file is read there). */
extern const struct fwd_options l3fwd_routes_options;

/**
 * Create @rt's LPM table (named @name, unique among the process's LPM tables)
 * and load the --routes file into it; without --routes the table stays empty
 * (said once on stdout).  Every route's port must be a forwarding port.
 * @return 0; -ENOMEM (no table; printed) or -EINVAL after printing
 * "FILE:LINE: why", @rt then left empty (lpm NULL).
 */
int l3fwd_routes_load(struct l3fwd_routes *rt, const char *name);

/** Free @rt's LPM table (nothing when there is none). */
void l3fwd_routes_free(struct l3fwd_routes *rt);

/**
 * Group a burst whose packets go to several ports: packet i goes to
 * @port_of[i].  @order receives the @n packet indices port by port (ports in
 * the order they first appear, packets in arrival order within each port);
 * group g is @group_len[g] packets for port @group_port[g].
 * @return the number of groups.
 */
static inline unsigned int
l3fwd_group_by_port(const uint16_t *port_of, uint16_t n, uint16_t *order,
		    uint16_t *group_port, uint16_t *group_len)
{
	uint16_t left[MAX_PKT_BURST], nb_left = n, i, k = 0;
	unsigned int g = 0;

	for (i = 0; i < n; i++)
		left[i] = i;
	while (nb_left != 0) {
		uint16_t port = port_of[left[0]], rest = 0, first = k;

		for (i = 0; i < nb_left; i++) {
			if (port_of[left[i]] == port)
				order[k++] = left[i];
			else
				left[rest++] = left[i];
		}
		group_port[g] = port;
		group_len[g++] = (uint16_t)(k - first);
		nb_left = rest;
	}
	return g;
}

#endif /* _SKBFWD_L3FWD_H_ */
