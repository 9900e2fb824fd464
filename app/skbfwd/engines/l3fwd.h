/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the l3fwd engine shares with its raw-mbuf twin (tests/perf): the route
 * table type and its loading from --routes (l3fwd_routes.c), and the grouping
 * of a burst bound for several ports.  Each engine keeps its own table.
 * IPv6 routes (rte_lpm6) share the hop[] table; l3fwd6.c routes IPv6 packets.
 */
#ifndef _SKBFWD_L3FWD_H_
#define _SKBFWD_L3FWD_H_

#include <stdint.h>

#include <rte_ether.h>
#include <rte_lpm.h>
#include <rte_lpm6.h>

#include "engine.h"
#include "skb_parse.h"

#define L3FWD_MAX_ROUTES 4096

/** Where a route sends: TX port and the next hop's MAC. */
struct l3fwd_hop {
	uint16_t port;
	struct rte_ether_addr mac;
};

/** A route table: LPM (IPv4) and LPM6 (IPv6) whose next hops are indexes in hop[]. */
struct l3fwd_routes {
	struct rte_lpm *lpm;          /* NULL before l3fwd_routes_load() */
	struct rte_lpm6 *lpm6;        /* NULL until the first IPv6 route */
	unsigned int nb_hops;         /* IPv4 and IPv6 routes */
	char name6[RTE_LPM6_NAMESIZE]; /* the LPM6 table's name */
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

/** Free @rt's LPM tables (nothing when there are none). */
void l3fwd_routes_free(struct l3fwd_routes *rt);

/**
 * Route one IPv6 packet (its EtherType after the tags IPv6, as the caller
 * found), as RFC 8200 and RFC 4443 ask of a router: the
 * header checked by skb_parse_ip() (version 6, payload length inside the
 * frame, extension headers inside the packet), a multicast source refused, a
 * hop limit of 0 or 1 refused (it would reach 0 here), the destination looked
 * up in @rt's LPM6 table; then the hop limit decremented (IPv6 has no header
 * checksum) and the MACs rewritten (source := TX port's, destination := next
 * hop's).  Sets the network header.
 * @return PKT_OK (-1) with the hop index in *@hop; else the drop reason:
 * truncated, bad_header, no_mbuf (skb_parse_ip()), bad_address (multicast
 * source), ttl_expired, no_route.
 */
int l3fwd6_route(struct sk_buff *skb, const struct l3fwd_routes *rt, uint32_t *hop);

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
