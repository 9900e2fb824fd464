/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Forwarding runtime: streams from the port topology, lcores that run them,
 * and the engine's set-up around a run (runtime.h).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_lcore.h>

#include "config.h"
#include "runtime.h"

volatile sig_atomic_t skbfwd_quit;
struct fwd_stream fwd_streams[MAX_FWD_STREAMS];
unsigned int nb_fwd_streams;
struct fwd_lcore fwd_lcores[RTE_MAX_LCORE];
unsigned int nb_fwd_lcores;

/* Set by the main lcore to stop the forwarding lcores. */
static volatile bool fwd_stop;
/* The engine that fwd_engine_setup() set up, until fwd_engine_teardown(). */
static const struct fwd_engine *fwd_engine_up;

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
	bool gso = fwd_gso_wanted();
	unsigned int i, q, s = 0;

	fwd_streams_free();
	nb_fwd_streams = 0;
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
			fs->burst = cfg.burst;
			fs->gro = cfg.gro;
			fs->gso = gso;
		}
	}
	nb_fwd_streams = s;
	return 0;
}

int
fwd_lcores_assign(void)
{
	unsigned int lcore, n = 0, s;

	if (cfg.nb_fwd_lcore_ids != 0) {
		/* --coremask: its lcores, checked against EAL's when given */
		for (n = 0; n < cfg.nb_cores && n < cfg.nb_fwd_lcore_ids; n++) {
			fwd_lcores[n].lcore_id = cfg.fwd_lcore_ids[n];
			fwd_lcores[n].nb_streams = 0;
		}
	} else {
		RTE_LCORE_FOREACH_WORKER(lcore) {
			if (n == cfg.nb_cores)
				break;
			fwd_lcores[n].lcore_id = lcore;
			fwd_lcores[n].nb_streams = 0;
			n++;
		}
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
		struct fwd_stream *fs = &fwd_streams[s];
		struct fwd_lcore *fc = &fwd_lcores[s % n];

		fs->lcore_idx = (uint16_t)(s % n);
		if (cfg.engine->tx_any_port) {
			fs->tx_queue = (uint16_t)(s % n);
			fs->tx_ports = calloc(RTE_MAX_ETHPORTS, sizeof(struct fwd_port_count));
			if (fs->tx_ports == NULL)
				return -ENOMEM;
		}
		if (cfg.record_burst_stats) {
			fs->rx_burst_hist = calloc(MAX_PKT_BURST + 1, sizeof(uint64_t));
			fs->tx_burst_hist = calloc(MAX_PKT_BURST + 1, sizeof(uint64_t));
			if (fs->rx_burst_hist == NULL || fs->tx_burst_hist == NULL) {
				fprintf(stderr, "skbfwd: no memory for --record-burst-stats; not recording\n");
				free(fs->rx_burst_hist);
				free(fs->tx_burst_hist);
				fs->rx_burst_hist = fs->tx_burst_hist = NULL;
			}
		}
		fc->streams[fc->nb_streams++] = fs;
	}
	return 0;
}

void
fwd_streams_free(void)
{
	unsigned int s;

	for (s = 0; s < nb_fwd_streams; s++) {
		struct fwd_stream *fs = &fwd_streams[s];

		free(fs->rx_burst_hist);
		free(fs->tx_burst_hist);
		free(fs->tx_ports);
		fs->rx_burst_hist = fs->tx_burst_hist = NULL;
		fs->tx_ports = NULL;
	}
}

int
fwd_engine_setup(void)
{
	const struct fwd_engine *e = cfg.engine;
	unsigned int i;
	int ret;

	if (e->setup != NULL && (ret = e->setup()) < 0) {
		/* -EINVAL: the engine named the bad option or file line already */
		if (ret != -EINVAL)
			fprintf(stderr, "skbfwd: engine %s set-up failed: %s\n", e->name,
				strerror(-ret));
		return ret;
	}
	for (i = 0; e->stream_init != NULL && i < nb_fwd_streams; i++) {
		ret = e->stream_init(&fwd_streams[i]);
		if (ret < 0) {
			fprintf(stderr, "skbfwd: engine %s stream set-up failed: %s\n",
				e->name, strerror(-ret));
			while (e->stream_fini != NULL && i-- > 0)
				e->stream_fini(&fwd_streams[i]);
			if (e->teardown != NULL)
				e->teardown();
			return ret;
		}
	}
	fwd_engine_up = e;
	return 0;
}

void
fwd_engine_teardown(void)
{
	const struct fwd_engine *e = fwd_engine_up;
	unsigned int i;

	if (e == NULL)
		return;
	for (i = 0; e->stream_fini != NULL && i < nb_fwd_streams; i++)
		e->stream_fini(&fwd_streams[i]);
	if (e->teardown != NULL)
		e->teardown();
	fwd_engine_up = NULL;
}

/* The forwarding loop of one lcore; what callgrind counts (tests/perf/bench.py). */
static int
fwd_lcore_main(void *arg)
{
	struct fwd_lcore *fc = arg;
	const struct fwd_engine *e = cfg.engine;
	void (*packet_fwd)(struct fwd_stream *) = e->packet_fwd;
	struct fwd_stream **streams = fc->streams;
	unsigned int i, nb = fc->nb_streams;

	/*
	 * The recording loop keeps its cost off the plain one.  As testpmd
	 * records: every RX poll in the RX histogram, empty ones too (unless
	 * the engine never polls); cycles and the TX histogram only for calls
	 * that received or made packets.
	 */
	if (cfg.record_core_cycles || cfg.record_burst_stats) {
		bool rx_hist = !e->no_rx;

		while (!fwd_stop) {
			for (i = 0; i < nb; i++) {
				struct fwd_stream *fs = streams[i];
				uint64_t t0 = rte_rdtsc();
				uint64_t rx0 = fs->rx_packets, tx0 = fs->tx_packets;
				uint64_t gen0 = fs->generated;

				packet_fwd(fs);
				if (fs->rx_burst_hist != NULL && rx_hist)
					fs->rx_burst_hist[RTE_MIN(fs->rx_packets - rx0,
						(uint64_t)MAX_PKT_BURST)]++;
				if (fs->rx_packets == rx0 && fs->generated == gen0)
					continue;
				if (cfg.record_core_cycles)
					fs->core_cycles += rte_rdtsc() - t0;
				if (fs->tx_burst_hist != NULL)
					fs->tx_burst_hist[RTE_MIN(fs->tx_packets - tx0,
						(uint64_t)MAX_PKT_BURST)]++;
			}
		}
		return 0;
	}
	if (e->lcore_loop != NULL)
		return e->lcore_loop(streams, nb, &fwd_stop);
	while (!fwd_stop)
		for (i = 0; i < nb; i++)
			packet_fwd(streams[i]);
	return 0;
}

void
fwd_lcores_launch(void)
{
	unsigned int i, flushed;

	if (!cfg.no_flush_rx) {
		flushed = fwd_ports_flush_rx();
		if (flushed != 0)
			printf("skbfwd: %u packets flushed from the RX queues before forwarding (--no-flush-rx keeps them)\n",
			       flushed);
	}
	fwd_stop = false;
	for (i = 0; i < nb_fwd_lcores; i++)
		rte_eal_remote_launch(fwd_lcore_main, &fwd_lcores[i],
				      fwd_lcores[i].lcore_id);
}

void
fwd_lcores_stop(void)
{
	unsigned int i;

	fwd_stop = true;
	for (i = 0; i < nb_fwd_lcores; i++)
		rte_eal_wait_lcore(fwd_lcores[i].lcore_id);
	/* what an engine still holds goes out (or is freed) before the counts are read */
	for (i = 0; cfg.engine->stream_stop != NULL && i < nb_fwd_streams; i++)
		cfg.engine->stream_stop(&fwd_streams[i]);
}
