/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * --display-xstats: the extended statistics named on the command line, for
 * each forwarding port, with the periodic and the final statistics in
 * testpmd's layout (stats.h).
 */

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>

#include "config.h"
#include "runtime.h"
#include "stats.h"

/* Per port: the ids of the names it has, and what the last display showed. */
struct xstats_port {
	unsigned int n;                          /* names this port has */
	unsigned int name[SKBFWD_MAX_XSTATS];    /* their index in cfg.xstats */
	uint64_t id[SKBFWD_MAX_XSTATS];
	uint64_t prev[SKBFWD_MAX_XSTATS];
	uint64_t prev_tsc;                       /* 0: never shown */
};

static struct xstats_port xstats_ports[RTE_MAX_ETHPORTS];

int
stats_xstats_setup(void)
{
	unsigned int i, k;
	uint64_t id;

	memset(xstats_ports, 0, sizeof(xstats_ports));
	/* a name no port has is a mistake; one some port lacks is skipped there */
	for (k = 0; k < cfg.nb_xstats; k++) {
		for (i = 0; i < nb_fwd_ports; i++)
			if (rte_eth_xstats_get_id_by_name(fwd_ports[i], cfg.xstats[k], &id) == 0)
				break;
		if (i == nb_fwd_ports) {
			fprintf(stderr, "skbfwd: --display-xstats: no port has an xstat %s\n",
				cfg.xstats[k]);
			return -EINVAL;
		}
	}
	for (i = 0; i < nb_fwd_ports; i++) {
		struct xstats_port *xp = &xstats_ports[fwd_ports[i]];

		for (k = 0; k < cfg.nb_xstats; k++) {
			if (rte_eth_xstats_get_id_by_name(fwd_ports[i], cfg.xstats[k], &id) != 0) {
				printf("skbfwd: --display-xstats: port %u has no xstat %s: skipped there\n",
				       fwd_ports[i], cfg.xstats[k]);
				continue;
			}
			xp->name[xp->n] = k;
			xp->id[xp->n++] = id;
		}
	}
	return 0;
}

void
stats_print_xstats(uint16_t port)
{
	struct xstats_port *xp = &xstats_ports[port];
	uint64_t values[SKBFWD_MAX_XSTATS], now, hz = rte_get_timer_hz();
	double seconds;
	unsigned int k;

	if (port >= RTE_MAX_ETHPORTS || xp->n == 0)
		return;
	memset(values, 0, sizeof(values));
	if (rte_eth_xstats_get_by_id(port, xp->id, values, xp->n) != (int)xp->n)
		return;
	now = rte_get_timer_cycles();
	/* the first display has no interval: rate 0, as testpmd */
	seconds = xp->prev_tsc != 0 ? (double)(now - xp->prev_tsc) / (double)hz : 0;
	xp->prev_tsc = now;
	printf("\n%-31s%-17s%s\n", " ", "Value", "Rate (since last show)");
	for (k = 0; k < xp->n; k++) {
		uint64_t diff = values[k] > xp->prev[k] ? values[k] - xp->prev[k] : 0;

		xp->prev[k] = values[k];
		printf("  %-25s%12" PRIu64 " %15" PRIu64 "\n", cfg.xstats[xp->name[k]], values[k],
		       seconds > 0 ? (uint64_t)((double)diff / seconds) : 0);
	}
}

void
stats_print_xstats_final(void)
{
	unsigned int i;

	if (cfg.nb_xstats == 0)
		return;
	for (i = 0; i < nb_fwd_ports; i++) {
		if (xstats_ports[fwd_ports[i]].n == 0)
			continue;
		printf("\n  Extended statistics of port %u (--display-xstats):", fwd_ports[i]);
		stats_print_xstats(fwd_ports[i]);
	}
}
