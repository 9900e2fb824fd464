/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Statistics, printed by the main lcore only: per-port lines every
 * --stats-period, and per-port plus accumulated totals at exit (testpmd's
 * "Forward statistics" layout).  Stream counters belong to their lcores; the
 * main lcore only reads them.
 */

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_ethdev.h>

#include "fwd.h"
#include "fwd_run.h"

struct port_totals {
	uint64_t rx, tx, generated, drops;
	uint64_t reason[FWD_DROP_MAX];
};

static struct port_totals last_period[RTE_MAX_ETHPORTS];

/* Sum the streams into per-port totals: RX on the RX port, TX and drops on the TX port. */
static void
stats_collect(struct port_totals *t)
{
	unsigned int s, r;

	memset(t, 0, sizeof(*t) * RTE_MAX_ETHPORTS);
	for (s = 0; s < nb_fwd_streams; s++) {
		const struct fwd_stream *fs = &fwd_streams[s];
		struct port_totals *tx = &t[fs->tx_port];

		t[fs->rx_port].rx += fs->rx_packets;
		tx->tx += fs->tx_packets;
		tx->generated += fs->generated;
		for (r = 0; r < FWD_DROP_MAX; r++) {
			tx->reason[r] += fs->drops[r];
			tx->drops += fs->drops[r];
		}
	}
}

void
stats_init(void)
{
	memset(last_period, 0, sizeof(last_period));
}

void
stats_print_period(double seconds)
{
	static struct port_totals now[RTE_MAX_ETHPORTS];
	unsigned int i;

	stats_collect(now);
	for (i = 0; i < nb_fwd_ports; i++) {
		uint16_t p = fwd_ports[i];
		struct port_totals *n = &now[p], *l = &last_period[p];

		printf("Port %u: RX-packets: %" PRIu64 " TX-packets: %" PRIu64
		       " RX-pps: %.0f TX-pps: %.0f Drops: %" PRIu64 "\n",
		       p, n->rx, n->tx, (double)(n->rx - l->rx) / seconds,
		       (double)(n->tx - l->tx) / seconds, n->drops);
		*l = *n;
	}
	fflush(stdout);
}

static void
stats_print_reasons(const uint64_t *reason)
{
	unsigned int r;
	bool any = false;

	printf("  Drops:");
	for (r = 0; r < FWD_DROP_MAX; r++) {
		if (reason[r] == 0)
			continue;
		printf(" %s=%" PRIu64, fwd_drop_names[r], reason[r]);
		any = true;
	}
	printf("%s\n", any ? "" : " none");
}

void
stats_print_final(void)
{
	static struct port_totals t[RTE_MAX_ETHPORTS];
	struct port_totals acc;
	uint64_t acc_rx_missed = 0, acc_nombuf = 0;
	unsigned int i, r;

	stats_collect(t);
	memset(&acc, 0, sizeof(acc));
	for (i = 0; i < nb_fwd_ports; i++) {
		uint16_t p = fwd_ports[i];
		struct rte_eth_stats es;

		memset(&es, 0, sizeof(es));
		rte_eth_stats_get(p, &es);
		printf("\n  ---------------------- Forward statistics for port %-2u ----------------------\n", p);
		printf("  RX-packets: %-14" PRIu64 " RX-dropped: %-14" PRIu64 " RX-total: %-14" PRIu64 "\n",
		       t[p].rx, es.imissed + es.rx_nombuf, t[p].rx + es.imissed + es.rx_nombuf);
		printf("  TX-packets: %-14" PRIu64 " TX-dropped: %-14" PRIu64 " TX-total: %-14" PRIu64 "\n",
		       t[p].tx, t[p].drops, t[p].tx + t[p].drops);
		printf("  RX-bytes:   %-14" PRIu64 " TX-bytes:   %-14" PRIu64 " RX-nombuf: %-14" PRIu64 "\n",
		       es.ibytes, es.obytes, es.rx_nombuf);
		stats_print_reasons(t[p].reason);
		printf("  ----------------------------------------------------------------------------\n");
		acc.rx += t[p].rx;
		acc.tx += t[p].tx;
		acc.generated += t[p].generated;
		acc.drops += t[p].drops;
		for (r = 0; r < FWD_DROP_MAX; r++)
			acc.reason[r] += t[p].reason[r];
		acc_rx_missed += es.imissed;
		acc_nombuf += es.rx_nombuf;
	}
	printf("\n  +++++++++++++++ Accumulated forward statistics for all ports +++++++++++++++\n");
	printf("  RX-packets: %-14" PRIu64 " RX-dropped: %-14" PRIu64 " RX-total: %-14" PRIu64 "\n",
	       acc.rx, acc_rx_missed + acc_nombuf, acc.rx + acc_rx_missed + acc_nombuf);
	printf("  TX-packets: %-14" PRIu64 " TX-dropped: %-14" PRIu64 " TX-total: %-14" PRIu64 "\n",
	       acc.tx, acc.drops, acc.tx + acc.drops);
	if (acc.generated != 0)
		printf("  Generated:  %-14" PRIu64 "\n", acc.generated);
	stats_print_reasons(acc.reason);
	if (cfg.record_core_cycles) {
		uint64_t cycles = 0, pkts = 0;
		unsigned int s;

		for (s = 0; s < nb_fwd_streams; s++) {
			cycles += fwd_streams[s].core_cycles;
			pkts += fwd_streams[s].rx_packets + fwd_streams[s].generated;
		}
		printf("  CPU cycles/packet: %.2f (total cycles=%" PRIu64 " / packets=%" PRIu64 ")\n",
		       pkts ? (double)cycles / (double)pkts : 0.0, cycles, pkts);
	}
	printf("  ++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++\n");
	fflush(stdout);
}
