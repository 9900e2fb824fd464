/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Starting and stopping forwarding, for main.c and the console (control.h):
 * each start plans from the configuration as it stands and keeps the ports
 * and pools; each stop prints the run's statistics as the exit does.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_ethdev.h>
#include <rte_lcore.h>

#include "port.h"
#include "config.h"
#include "control.h"
#include "latency.h"
#include "runtime.h"
#include "stats.h"
#include "tx.h"
#include "verbose.h"

static bool fwd_is_running;

bool
fwd_running(void)
{
	return fwd_is_running;
}

/* Add the counters of @from (a scratch copy of @fs) to @fs. */
static void
fwd_stream_add(struct fwd_stream *fs, const struct fwd_stream *from)
{
	unsigned int r;

	fs->rx_packets += from->rx_packets;
	fs->rx_bytes += from->rx_bytes;
	fs->tx_packets += from->tx_packets;
	fs->tx_bytes += from->tx_bytes;
	for (r = 0; r < FWD_DROP_MAX; r++)
		fs->drops[r] += from->drops[r];
	if (fs->tx_ports != NULL) {
		fs->tx_ports[from->tx_port].packets += from->tx_packets;
		fs->tx_ports[from->tx_port].bytes += from->tx_bytes;
	}
}

/*
 * `start tx_first N`, --tx-first: @bursts bursts of the txonly engine (with
 * its options as they stand) on every stream, from the main lcore, before the
 * engine of the run (set up already) takes over: testpmd's way of filling a
 * loop of ports.  txonly's own set-up only checks and prints its options, so
 * it may run beside the run's engine, txonly too.
 * Each stream sends from a scratch copy, so txonly's own state and counts
 * (generated frames) stay apart; what it sent counts as the stream's TX.
 */
static int
fwd_tx_first(unsigned int bursts)
{
	const struct fwd_engine *tx = fwd_engine_find("txonly");
	struct fwd_stream tmp;
	unsigned int s, b;
	int ret = 0;

	if (tx == NULL) {
		fprintf(stderr, "skbfwd: tx_first sends txonly frames, and this skbfwd has no txonly engine\n");
		return -ENOTSUP;
	}
	if (tx->setup != NULL && (ret = tx->setup()) < 0)
		return ret;
	glue_poll_online();
	for (s = 0; s < nb_fwd_streams && ret == 0; s++) {
		tmp = fwd_streams[s];
		tmp.rx_packets = tmp.tx_packets = tmp.rx_bytes = tmp.tx_bytes = 0;
		tmp.generated = tmp.core_cycles = tmp.gro_merged = 0;
		memset(tmp.drops, 0, sizeof(tmp.drops));
		tmp.tx_ports = NULL;
		tmp.rx_burst_hist = tmp.tx_burst_hist = NULL;
		tmp.engine_ctx = NULL;
		tmp.tx_hooks = (tx->sends_gso != NULL && tx->sends_gso() ? FWD_TX_GSO : 0) |
			       (tx->csum_partial ? FWD_TX_CSUM : 0);
		if (tx->stream_init != NULL && (ret = tx->stream_init(&tmp)) < 0)
			break;
		for (b = 0; b < bursts; b++) {
			tx->packet_fwd(&tmp);
			glue_poll_quiescent(rte_lcore_id());
		}
		if (tx->stream_fini != NULL)
			tx->stream_fini(&tmp);
		fwd_stream_add(&fwd_streams[s], &tmp);
	}
	glue_poll_offline();
	if (tx->teardown != NULL)
		tx->teardown();
	return ret;
}

/* NUMA socket of @port for the plan lines (virtual devices: 0). */
static int
fwd_port_socket(uint16_t port)
{
	int s = rte_eth_dev_socket_id(port);

	return s < 0 ? 0 : s;
}

static void
fwd_plan_print(const struct fwd_plan *p)
{
	unsigned int l, s;

	printf("%s packet forwarding - ports=%u - cores=%u - streams=%u - burst=%u\n",
	       cfg.engine->name, p->nb_ports, p->nb_lcores, p->nb_streams,
	       p->nb_streams ? p->streams[0].burst : cfg.burst);
	for (l = 0; l < p->nb_lcores; l++) {
		unsigned int n = 0;

		for (s = 0; s < p->nb_streams; s++)
			n += p->streams[s].lcore_idx == l;
		printf("Logical Core %u (socket %u) forwards packets on %u streams:\n",
		       p->lcore_ids[l], rte_lcore_to_socket_id(p->lcore_ids[l]), n);
		for (s = 0; s < p->nb_streams; s++) {
			const struct fwd_stream *fs = &p->streams[s];

			if (fs->lcore_idx != l)
				continue;
			printf("  RX P=%u/Q=%u (socket %d) -> TX P=%u/Q=%u (socket %d) peer="
			       RTE_ETHER_ADDR_PRT_FMT "\n", fs->rx_port, fs->rx_queue,
			       fwd_port_socket(fs->rx_port), fs->tx_port, fs->tx_queue,
			       fwd_port_socket(fs->tx_port), RTE_ETHER_ADDR_BYTES(&cfg.peer[fs->tx_port]));
		}
	}
	printf("\n");
}

void
fwd_print_plan(bool next)
{
	struct fwd_plan p;

	if (!next) {
		fwd_plan_current(&p);
		fwd_plan_print(&p);
		return;
	}
	if (fwd_plan_make(&p, false) == 0)
		fwd_plan_print(&p);
	fwd_plan_free(&p);
}

int
fwd_start(unsigned int tx_first)
{
	int ret;

	if (fwd_is_running)
		return -EBUSY;
	fwd_plan_lock();
	ret = fwd_ports_select();
	if (ret == 0)
		ret = fwd_streams_build();
	if (ret == 0)
		ret = fwd_lcores_assign();
	fwd_plan_unlock();
	if (ret == -ENOMEM)
		fprintf(stderr, "skbfwd: no memory for the streams\n");
	if (ret < 0)
		return ret;
	ret = fwd_ports_apply();
	if (ret < 0)
		return ret;
	ret = fwd_engine_setup();
	if (ret < 0)
		return ret;
	/* as testpmd: what waited in the RX queues goes, then the tx_first bursts */
	fwd_rx_flush();
	fwd_verbose_attach();
	if (tx_first != 0) {
		ret = fwd_tx_first(tx_first);
		if (ret < 0)
			goto fail;
	}
	fwd_print_plan(false);
	printf("skbfwd: %s engine, %u ports, %u streams on %u forwarding lcores, burst %u\n",
	       cfg.engine->name, nb_fwd_ports, nb_fwd_streams, nb_fwd_lcores, cfg.burst);
	fflush(stdout);
	stats_init();
	fwd_lcores_launch();
	fwd_is_running = true;
	return 0;
fail:
	fwd_verbose_detach();
	fwd_verbose_release();
	fwd_engine_teardown();
	return ret;
}

void
fwd_print_stats(void)
{
	/* testpmd's blocks and "Done.", then skbfwd's own lines */
	stats_print_fwd();
	printf("\nDone.\n");
	(void)stats_print_own();
	latency_print();
	/* GSO and GRO of the run's streams, whatever the configuration became since */
	if (nb_fwd_streams != 0 && (fwd_streams[0].tx_hooks & FWD_TX_GSO)) {
		if (fwd_streams[0].rx_hooks & FWD_RX_GRO)
			stats_print_gro();
		fwd_tx_gso_print_stats();
	}
	fflush(stdout);
}

void
fwd_stop(void)
{
	if (!fwd_is_running)
		return;
	printf("Telling cores to stop...\nWaiting for lcores to finish...\n");
	fflush(stdout);
	fwd_lcores_stop();
	fwd_verbose_detach();
	fwd_verbose_release();
	fwd_is_running = false;
	fwd_print_stats();
	fwd_engine_teardown();
	fflush(stdout);
}

void
fwd_clear_stats(void)
{
	fwd_streams_clear();
	/* the device counters testpmd's blocks count from, and the rates' start */
	stats_init();
}

int
fwd_set_option(const char *name, const char *value)
{
	static struct skbfwd_config before;
	struct fwd_plan p;
	bool was_valid;
	int ret;

	if (fwd_is_running)
		return -EBUSY;
	if (skbfwd_option_startup(name)) {
		fprintf(stderr, "skbfwd: --%s takes effect at start-up only\n", name);
		return -EINVAL;
	}
	before = cfg;
	was_valid = fwd_plan_make(&p, true) == 0;
	fwd_plan_free(&p);
	ret = skbfwd_option_set(name, value);
	if (ret == 0)
		ret = skbfwd_config_check();
	if (ret < 0) {
		cfg = before; /* a parser may have stored part of a bad value */
		return ret;
	}
	if (was_valid) {
		ret = fwd_plan_make(&p, false);
		fwd_plan_free(&p);
		if (ret < 0) {
			cfg = before;
			return -EINVAL;
		}
	}
	return 0;
}
