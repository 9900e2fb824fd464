/* SPDX-License-Identifier: BSD-3-Clause */
/* Forwarding runtime: streams from the port topology, lcore loops, TX retry. */

#include <stdio.h>
#include <stdlib.h>

#include <rte_cycles.h>
#include <rte_lcore.h>

#include "fwd.h"
#include "fwd_run.h"

const char *const fwd_drop_names[FWD_DROP_MAX] = {
#define X(e, s) [FWD_DROP_##e] = s,
	FWD_DROP_REASONS(X)
#undef X
};

uint16_t fwd_ports[RTE_MAX_ETHPORTS];
uint16_t nb_fwd_ports;
struct rte_ether_addr fwd_port_mac[RTE_MAX_ETHPORTS];
struct fwd_stream fwd_streams[MAX_FWD_STREAMS];
unsigned int nb_fwd_streams;
volatile bool fwd_stop;

struct fwd_lcore fwd_lcores[RTE_MAX_LCORE];
unsigned int nb_fwd_lcores;

uint16_t
fwd_tx_retry(struct fwd_stream *fs, uint16_t port, uint16_t queue,
	     struct sk_buff **skbs, uint16_t n, uint16_t sent)
{
	unsigned int retry;

	for (retry = 0; retry < TX_RETRIES && sent < n; retry++) {
		rte_delay_us(1);
		sent += skb_tx_burst(port, queue, skbs + sent, n - sent);
	}
	if (unlikely(sent < n)) {
		fs->drops[FWD_DROP_TX_FULL] += n - sent;
		fs->tx_bytes -= fwd_bytes(skbs + sent, (uint16_t)(n - sent));
		kfree_skb_bulk(skbs + sent, n - sent);
	}
	return sent;
}

/* Index in fwd_ports[] of the port frames received on port index @i go out of. */
static unsigned int
fwd_peer_index(unsigned int i)
{
	switch (cfg.topology) {
	case TOPO_CHAINED:
		return (i + 1) % nb_fwd_ports;
	case TOPO_LOOP:
		return i;
	case TOPO_PAIRED:
	default:
		return i ^ 1u;
	}
}

int
fwd_streams_build(void)
{
	unsigned int i, q, s = 0;

	if (cfg.topology == TOPO_PAIRED && nb_fwd_ports % 2 != 0) {
		fprintf(stderr, "skbfwd: --port-topology=paired needs an even number of ports (have %u); use loop or chained\n",
			nb_fwd_ports);
		return -EINVAL;
	}
	for (i = 0; i < nb_fwd_ports; i++) {
		uint16_t peer = fwd_ports[fwd_peer_index(i)];

		for (q = 0; q < cfg.nb_rxq; q++) {
			struct fwd_stream *fs;

			if (s >= MAX_FWD_STREAMS) {
				fprintf(stderr, "skbfwd: more than %d streams\n", MAX_FWD_STREAMS);
				return -E2BIG;
			}
			fs = &fwd_streams[s++];
			memset(fs, 0, sizeof(*fs));
			fs->rx_port = fwd_ports[i];
			fs->rx_queue = (uint16_t)q;
			fs->tx_port = peer;
			fs->tx_queue = (uint16_t)(q % cfg.nb_txq);
		}
	}
	nb_fwd_streams = s;
	return 0;
}

int
fwd_lcores_assign(void)
{
	unsigned int lcore, n = 0, s;

	RTE_LCORE_FOREACH_WORKER(lcore) {
		if (n == cfg.nb_cores)
			break;
		fwd_lcores[n].lcore_id = lcore;
		fwd_lcores[n].nb_streams = 0;
		n++;
	}
	if (n < cfg.nb_cores) {
		fprintf(stderr, "skbfwd: --nb-cores=%u but EAL gave %u forwarding lcores (add lcores with -l)\n",
			cfg.nb_cores, n);
		return -EINVAL;
	}
	if (n > nb_fwd_streams)
		n = nb_fwd_streams;
	nb_fwd_lcores = n;
	/* an engine sending on any port needs one TX queue per lcore on every port */
	if (cfg.engine->tx_any_port && cfg.nb_txq < n) {
		printf("skbfwd: %s engine: --txq raised from %u to %u (one TX queue per lcore on every port)\n",
		       cfg.engine->name, cfg.nb_txq, n);
		cfg.nb_txq = (uint16_t)n;
	}
	for (s = 0; s < nb_fwd_streams; s++) {
		struct fwd_lcore *fc = &fwd_lcores[s % n];

		fwd_streams[s].lcore_idx = (uint16_t)(s % n);
		if (cfg.engine->tx_any_port) {
			fwd_streams[s].tx_queue = (uint16_t)(s % n);
			/* freed by stats_print_final() */
			fwd_streams[s].tx_ports = calloc(RTE_MAX_ETHPORTS,
							 sizeof(struct fwd_port_count));
			if (fwd_streams[s].tx_ports == NULL)
				return -ENOMEM;
		}
		fc->streams[fc->nb_streams++] = &fwd_streams[s];
	}
	return 0;
}

static int
fwd_lcore_main(void *arg)
{
	struct fwd_lcore *fc = arg;
	void (*packet_fwd)(struct fwd_stream *) = cfg.engine->packet_fwd;
	struct fwd_stream **streams = fc->streams;
	unsigned int i, nb = fc->nb_streams;

	/* the recording loop keeps its cost off the plain one */
	if (cfg.record_core_cycles || cfg.record_burst_stats) {
		while (!fwd_stop) {
			for (i = 0; i < nb; i++) {
				struct fwd_stream *fs = streams[i];
				uint64_t t0 = rte_rdtsc();
				uint64_t rx0 = fs->rx_packets, tx0 = fs->tx_packets;
				uint64_t before = rx0 + fs->generated;

				packet_fwd(fs);
				if (fs->rx_packets + fs->generated == before)
					continue;
				if (cfg.record_core_cycles)
					fs->core_cycles += rte_rdtsc() - t0;
				if (fs->rx_burst_hist != NULL) {
					fs->rx_burst_hist[RTE_MIN(fs->rx_packets - rx0,
						(uint64_t)MAX_PKT_BURST)]++;
					fs->tx_burst_hist[RTE_MIN(fs->tx_packets - tx0,
						(uint64_t)MAX_PKT_BURST)]++;
				}
			}
		}
		return 0;
	}
	if (cfg.engine->lcore_loop != NULL)
		return cfg.engine->lcore_loop(streams, nb);
	while (!fwd_stop)
		for (i = 0; i < nb; i++)
			packet_fwd(streams[i]);
	return 0;
}

void
fwd_lcores_launch(void)
{
	unsigned int i;

	fwd_stop = false;
	for (i = 0; i < nb_fwd_lcores; i++)
		rte_eal_remote_launch(fwd_lcore_main, &fwd_lcores[i],
				      fwd_lcores[i].lcore_id);
}

/*
 * A net_ring port's TX ring is its RX ring, and closing the port frees the ring
 * but not the mbufs in it: what was sent and never read would show as a leak.
 * Read those back and free them (they were counted as TX already).  Other
 * drivers free what they hold on close, and some (net_null) never run dry, so
 * only software-ring ports are drained.
 */
unsigned int
fwd_ports_drain(void)
{
	struct rte_mbuf *pkts[MAX_PKT_BURST];
	unsigned int i, q, n, total = 0;

	for (i = 0; i < nb_fwd_ports; i++) {
		struct rte_eth_dev_info info;

		if (rte_eth_dev_info_get(fwd_ports[i], &info) != 0 || info.driver_name == NULL ||
		    strcmp(info.driver_name, "net_ring") != 0)
			continue;
		for (q = 0; q < cfg.nb_rxq; q++)
			while ((n = rte_eth_rx_burst(fwd_ports[i], (uint16_t)q, pkts,
						     MAX_PKT_BURST)) != 0) {
				rte_pktmbuf_free_bulk(pkts, n);
				total += n;
			}
	}
	return total;
}

void
fwd_lcores_stop(void)
{
	unsigned int i;

	fwd_stop = true;
	for (i = 0; i < nb_fwd_lcores; i++)
		rte_eal_wait_lcore(fwd_lcores[i].lcore_id);
}
