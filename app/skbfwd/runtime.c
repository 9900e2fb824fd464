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
#include <rte_spinlock.h>

#include "config.h"
#include "latency.h"
#include "runtime.h"

volatile sig_atomic_t skbfwd_quit;
struct fwd_stream fwd_streams[MAX_FWD_STREAMS];
unsigned int nb_fwd_streams;
struct fwd_lcore fwd_lcores[RTE_MAX_LCORE];
unsigned int nb_fwd_lcores;

/* Set by the main lcore to stop the forwarding lcores. */
static volatile bool fwd_stop = true;
/* Set by an engine whose work is done (fwd_run_end()). */
static volatile bool fwd_ended;
/* The engine that fwd_engine_setup() set up, until fwd_engine_teardown(). */
static const struct fwd_engine *fwd_engine_up;

uint16_t fwd_nb_txq = 1;

rte_spinlock_t fwd_plan_sl = RTE_SPINLOCK_INITIALIZER;

/* Index of the port frames received on port index @i of @n go out of. */
static unsigned int
fwd_peer_index(unsigned int i, unsigned int n)
{
	switch (cfg.topology) {
	case TOPO_CHAINED:
		return (i + 1) % n;
	case TOPO_LOOP:
		return i;
	case TOPO_PAIRED:
	default:
		return i ^ 1u;
	}
}

/*
 * The streams over @ports into @st (MAX_FWD_STREAMS entries): one per RX
 * queue of each port, sent to its peer by --port-topology.  What the running
 * plan and a plan made apart (fwd_plan_make()) share.
 */
static int
fwd_plan_streams(const uint16_t *ports, unsigned int nb_ports, struct fwd_stream *st,
		 unsigned int *nb, bool quiet)
{
	bool gso = fwd_gso_wanted();
	unsigned int i, q, s = 0;

	*nb = 0;
	if (cfg.topology == TOPO_PAIRED && nb_ports % 2 != 0) {
		if (!quiet)
			fprintf(stderr, "skbfwd: --port-topology=paired needs an even number of ports (have %u); use loop or chained\n",
				nb_ports);
		return -EINVAL;
	}
	for (i = 0; i < nb_ports; i++) {
		uint16_t peer = ports[fwd_peer_index(i, nb_ports)];

		for (q = 0; q < cfg.nb_rxq; q++) {
			struct fwd_stream *fs;

			if (s >= MAX_FWD_STREAMS) {
				if (!quiet)
					fprintf(stderr, "skbfwd: more than %d streams\n",
						MAX_FWD_STREAMS);
				return -E2BIG;
			}
			fs = &st[s++];
			memset(fs, 0, sizeof(*fs));
			fs->rx_port = ports[i];
			fs->rx_queue = (uint16_t)q;
			fs->tx_port = peer;
			fs->tx_queue = (uint16_t)(q % cfg.nb_txq);
			fs->burst = cfg.burst;
			fs->rx_hooks = cfg.gro ? FWD_RX_GRO : 0;
			fs->tx_hooks = (gso ? FWD_TX_GSO : 0) |
				       (cfg.engine->csum_partial ? FWD_TX_CSUM : 0);
		}
	}
	*nb = s;
	return 0;
}

/* True when streams of two lcores send on one (TX port, TX queue) of the plan @st. */
static bool
fwd_plan_shares_txq(const struct fwd_stream *st, unsigned int nb)
{
	unsigned int s, t;

	for (s = 0; s < nb; s++)
		for (t = 0; t < s; t++)
			if (st[s].lcore_idx != st[t].lcore_idx &&
			    st[s].tx_port == st[t].tx_port && st[s].tx_queue == st[t].tx_queue)
				return true;
	return false;
}

/*
 * The forwarding lcores of @nb streams @st: --nb-cores of EAL's workers or of
 * --coremask's lcores into @ids (no more than there are streams), each
 * stream's lcore_idx, the TX queues when lcores would share one, and the TX
 * queues every port needs (*@nb_txq).
 */
static int
fwd_plan_lcores(struct fwd_stream *st, unsigned int nb, unsigned int *ids,
		unsigned int *nb_lcores, uint16_t *nb_txq, bool quiet)
{
	unsigned int lcore, n = 0, s;

	if (cfg.nb_fwd_lcore_ids != 0) {
		/* --coremask: its lcores, checked against EAL's when given */
		for (n = 0; n < cfg.nb_cores && n < cfg.nb_fwd_lcore_ids; n++)
			ids[n] = cfg.fwd_lcore_ids[n];
	} else {
		RTE_LCORE_FOREACH_WORKER(lcore) {
			if (n == cfg.nb_cores)
				break;
			ids[n++] = lcore;
		}
	}
	if (n < cfg.nb_cores) {
		if (!quiet)
			fprintf(stderr, "skbfwd: --nb-cores=%u but EAL gave %u forwarding lcores (add lcores with -l)\n",
				cfg.nb_cores, n);
		return -EINVAL;
	}
	if (n > nb)
		n = nb;
	*nb_lcores = n;
	for (s = 0; s < nb; s++)
		st[s].lcore_idx = (uint16_t)(s % n);
	/*
	 * Two lcores never send on one TX queue (rte_eth_tx_burst is not
	 * thread-safe): an engine sending on any port, or a plan where two lcores'
	 * streams meet on a (port, queue) (--rxq above --txq), gets one TX queue
	 * per lcore on every port, the lcore's own.
	 */
	*nb_txq = cfg.nb_txq;
	if (fwd_plan_shares_txq(st, nb) || cfg.engine->tx_any_port) {
		if (*nb_txq < n)
			*nb_txq = (uint16_t)n;
		for (s = 0; s < nb; s++)
			st[s].tx_queue = st[s].lcore_idx;
	}
	return 0;
}

int
fwd_streams_build(void)
{
	fwd_streams_free();
	return fwd_plan_streams(fwd_ports, nb_fwd_ports, fwd_streams, &nb_fwd_streams, false);
}

int
fwd_lcores_assign(void)
{
	unsigned int ids[RTE_MAX_LCORE], n, s, l;
	int ret;

	ret = fwd_plan_lcores(fwd_streams, nb_fwd_streams, ids, &n, &fwd_nb_txq, false);
	if (ret < 0)
		return ret;
	for (l = 0; l < n; l++) {
		fwd_lcores[l].lcore_id = ids[l];
		fwd_lcores[l].nb_streams = 0;
	}
	nb_fwd_lcores = n;
	for (s = 0; s < nb_fwd_streams; s++) {
		struct fwd_stream *fs = &fwd_streams[s];
		struct fwd_lcore *fc = &fwd_lcores[fs->lcore_idx];

		if (cfg.engine->tx_any_port) {
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

int
fwd_plan_make(struct fwd_plan *plan, bool quiet)
{
	int ret;

	memset(plan, 0, sizeof(*plan));
	ret = fwd_ports_pick(plan->ports, &plan->nb_ports, quiet);
	if (ret < 0)
		return ret;
	plan->streams = calloc(MAX_FWD_STREAMS, sizeof(*plan->streams));
	if (plan->streams == NULL)
		return -ENOMEM;
	ret = fwd_plan_streams(plan->ports, plan->nb_ports, plan->streams, &plan->nb_streams,
			       quiet);
	if (ret < 0)
		return ret;
	return fwd_plan_lcores(plan->streams, plan->nb_streams, plan->lcore_ids,
			       &plan->nb_lcores, &plan->nb_txq, quiet);
}

void
fwd_plan_current(struct fwd_plan *plan)
{
	unsigned int i;

	memset(plan, 0, sizeof(*plan));
	for (i = 0; i < nb_fwd_ports; i++)
		plan->ports[i] = fwd_ports[i];
	plan->nb_ports = nb_fwd_ports;
	plan->streams = fwd_streams;
	plan->nb_streams = nb_fwd_streams;
	for (i = 0; i < nb_fwd_lcores; i++)
		plan->lcore_ids[i] = fwd_lcores[i].lcore_id;
	plan->nb_lcores = nb_fwd_lcores;
	plan->nb_txq = fwd_nb_txq;
}

void
fwd_plan_free(struct fwd_plan *plan)
{
	free(plan->streams);
	plan->streams = NULL;
}

/* Zero the counters of every stream; no lcore runs. */
static void
fwd_streams_zero(void)
{
	unsigned int s;

	for (s = 0; s < nb_fwd_streams; s++) {
		struct fwd_stream *fs = &fwd_streams[s];

		fs->rx_packets = fs->tx_packets = 0;
		fs->rx_bytes = fs->tx_bytes = 0;
		fs->generated = 0;
		memset(fs->drops, 0, sizeof(fs->drops));
		fs->core_cycles = 0;
		fs->gro_merged = 0;
		fs->rx_bad_ip_csum = fs->rx_bad_l4_csum = 0;
		fs->rx_bad_outer_l4_csum = fs->rx_bad_outer_ip_csum = 0;
		if (fs->tx_ports != NULL)
			memset(fs->tx_ports, 0, RTE_MAX_ETHPORTS * sizeof(*fs->tx_ports));
		if (fs->rx_burst_hist != NULL) {
			memset(fs->rx_burst_hist, 0, (MAX_PKT_BURST + 1) * sizeof(uint64_t));
			memset(fs->tx_burst_hist, 0, (MAX_PKT_BURST + 1) * sizeof(uint64_t));
		}
	}
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
	latency_free();
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
	/* after the engine's setup(), which may ask for probes; before its streams */
	ret = latency_setup();
	if (ret < 0) {
		if (e->teardown != NULL)
			e->teardown();
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

/*
 * The forwarding loop of one lcore; what callgrind counts (tests/perf/bench.py).
 * The lcore is a polling reader (quiesce.h) while it runs.
 */
static int
fwd_lcore_main(void *arg)
{
	struct fwd_lcore *fc = arg;
	const struct fwd_engine *e = cfg.engine;
	void (*packet_fwd)(struct fwd_stream *) = e->packet_fwd;
	struct fwd_stream **streams = fc->streams;
	unsigned int i, nb = fc->nb_streams, lcore = rte_lcore_id();
	int ret = 0;

	/*
	 * The recording loop keeps its cost off the plain one.  As testpmd
	 * records: every RX poll in the RX histogram, empty ones too (unless
	 * the engine never polls); cycles and the TX histogram only for calls
	 * that received or made packets.
	 */
	glue_poll_online();
	if (cfg.record_core_cycles || cfg.record_burst_stats) {
		bool rx_hist = !e->no_rx;

		while (!fwd_stop) {
			glue_poll_quiescent(lcore);
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
	} else if (e->lcore_loop != NULL) {
		ret = e->lcore_loop(streams, nb, &fwd_stop);
	} else {
		while (!fwd_stop) {
			for (i = 0; i < nb; i++)
				packet_fwd(streams[i]);
			glue_poll_quiescent(lcore);
		}
	}
	glue_poll_offline();
	return ret;
}

/* Start every forwarding lcore on its streams. */
static void
fwd_lcores_go(void)
{
	unsigned int i;

	fwd_stop = false;
	for (i = 0; i < nb_fwd_lcores; i++)
		rte_eal_remote_launch(fwd_lcore_main, &fwd_lcores[i],
				      fwd_lcores[i].lcore_id);
}

/* Stop the forwarding lcores and wait for them. */
static void
fwd_lcores_halt(void)
{
	unsigned int i;

	fwd_stop = true;
	for (i = 0; i < nb_fwd_lcores; i++)
		rte_eal_wait_lcore(fwd_lcores[i].lcore_id);
}

void
fwd_rx_flush(void)
{
	unsigned int flushed;

	if (cfg.no_flush_rx)
		return;
	flushed = fwd_ports_flush_rx();
	if (flushed != 0)
		printf("skbfwd: %u packets flushed from the RX queues before forwarding (--no-flush-rx keeps them)\n",
		       flushed);
}

void
fwd_lcores_launch(void)
{
	fwd_ended = false;
	fwd_lcores_go();
}

void
fwd_lcores_stop(void)
{
	unsigned int i;

	fwd_lcores_halt();
	/* what an engine still holds goes out (or is freed) before the counts are read */
	for (i = 0; cfg.engine->stream_stop != NULL && i < nb_fwd_streams; i++)
		cfg.engine->stream_stop(&fwd_streams[i]);
}

bool
fwd_lcores_running(void)
{
	return !fwd_stop;
}

void
fwd_streams_clear(void)
{
	bool running = fwd_lcores_running();

	/* the counters are the lcores': they stand still while zeroed */
	if (running)
		fwd_lcores_halt();
	fwd_streams_zero();
	if (running)
		fwd_lcores_go();
}

void
fwd_run_end(void)
{
	fwd_ended = true;
}

bool
fwd_run_ended(void)
{
	return fwd_ended;
}
