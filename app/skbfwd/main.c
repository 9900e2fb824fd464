/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * skbfwd: EAL and option parsing, port bring-up, lcore launch, the main lcore's
 * statistics loop, and a clean shutdown that ends with the leak audit.
 */

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_pdump.h>

#include "port.h"
#include "fwd.h"
#include "fwd_run.h"

static volatile sig_atomic_t skbfwd_quit;

/* First signal: stop cleanly.  Second: leave at once. */
static void
skbfwd_signal(int sig)
{
	if (skbfwd_quit)
		_exit(128 + sig);
	skbfwd_quit = sig;
}

static void
skbfwd_install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = skbfwd_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/* Pick the ports to forward on: every available one in --portmask. */
static int
skbfwd_select_ports(void)
{
	uint16_t pid;

	nb_fwd_ports = 0;
	RTE_ETH_FOREACH_DEV(pid) {
		if (cfg.portmask != 0 && (pid >= 64 || !(cfg.portmask & RTE_BIT64(pid))))
			continue;
		fwd_ports[nb_fwd_ports++] = pid;
	}
	if (cfg.portmask != 0) {
		uint64_t known = 0;
		unsigned int i;

		for (i = 0; i < nb_fwd_ports; i++)
			known |= RTE_BIT64(fwd_ports[i]);
		if (cfg.portmask & ~known) {
			fprintf(stderr, "skbfwd: --portmask=0x%" PRIx64 " names ports that do not exist (available: 0x%" PRIx64 ")\n",
				cfg.portmask, known);
			return -ENODEV;
		}
	}
	if (nb_fwd_ports == 0) {
		fprintf(stderr, "skbfwd: no usable port: give devices with -a or --vdev (e.g. --vdev net_null0 --vdev net_null1)\n");
		return -ENODEV;
	}
	return 0;
}

static unsigned int
skbfwd_default_mbufs(void)
{
	unsigned int per_port = cfg.nb_rxq * cfg.nb_rxd + cfg.nb_txq * cfg.nb_txd;
	unsigned int n = nb_fwd_ports * per_port +
			 (cfg.nb_cores + 1) * (256 + MAX_PKT_BURST) + 4096;

	return RTE_MAX(n, 8192u);
}

static int
skbfwd_ports_setup(void)
{
	struct glue_port_conf pc = {
		.nb_rxq = cfg.nb_rxq,
		.nb_txq = cfg.nb_txq,
		.nb_rxd = cfg.nb_rxd,
		.nb_txd = cfg.nb_txd,
		.promisc = true,
		.link_wait_ms = 3000,
		.rx_offloads = cfg.engine->rx_offloads,
		.tx_offloads = RTE_ETH_TX_OFFLOAD_MULTI_SEGS | cfg.engine->tx_offloads |
			       (fwd_gso_on ? FWD_GSO_TSO_OFFLOADS : 0),
	};
	unsigned int nb = cfg.total_num_mbufs ? cfg.total_num_mbufs : skbfwd_default_mbufs();
	unsigned int i;
	int ret;

	ret = glue_pools_create(nb, RTE_MBUF_DEFAULT_BUF_SIZE);
	if (ret < 0) {
		fprintf(stderr, "skbfwd: cannot create mbuf pools of %u: %s\n", nb, strerror(-ret));
		return ret;
	}
	for (i = 0; i < nb_fwd_ports; i++) {
		struct rte_eth_dev_info info;

		/* name the option at fault rather than the errno of a failed set-up */
		if (rte_eth_dev_info_get(fwd_ports[i], &info) == 0 &&
		    (cfg.nb_rxq > info.max_rx_queues || cfg.nb_txq > info.max_tx_queues)) {
			fprintf(stderr, "skbfwd: --rxq=%u --txq=%u: port %u (%s) has at most %u RX and %u TX queues\n",
				cfg.nb_rxq, cfg.nb_txq, fwd_ports[i], info.driver_name,
				info.max_rx_queues, info.max_tx_queues);
			return -EINVAL;
		}
		ret = glue_port_setup(fwd_ports[i], &pc);
		if (ret < 0) {
			fprintf(stderr, "skbfwd: port %u set-up failed: %s\n", fwd_ports[i],
				strerror(-ret));
			return ret;
		}
		fwd_port_mac[fwd_ports[i]] = glue_port_get(fwd_ports[i])->mac;
	}
	glue_ports_wait_link(pc.link_wait_ms);
	if (fwd_gso_on)
		fwd_gso_setup();
	return 0;
}

/* Main lcore: statistics every period until the duration ends or a signal comes. */
static void
skbfwd_wait(void)
{
	uint64_t hz = rte_get_timer_hz();
	uint64_t start = rte_get_timer_cycles();
	uint64_t period = (uint64_t)cfg.stats_period * hz;
	uint64_t end = cfg.duration > 0 ? start + (uint64_t)(cfg.duration * (double)hz) : 0;
	uint64_t last = start;
	unsigned int ticks = 0;

	while (!skbfwd_quit) {
		uint64_t now;

		rte_delay_us_sleep(10 * 1000);
		if (++ticks % 10 == 0) /* link down/up of ports without LSC interrupts */
			glue_ports_poll_link();
		now = rte_get_timer_cycles();
		if (period != 0 && now - last >= period) {
			stats_print_period((double)(now - last) / (double)hz);
			last = now;
		}
		if (end != 0 && now >= end)
			break;
	}
}

int
main(int argc, char **argv)
{
	unsigned int in_use, i;
	int ret;

	skbfwd_install_signals();
	ret = rte_eal_init(argc, argv);
	if (ret < 0) {
		fprintf(stderr, "skbfwd: EAL initialisation failed: %s\n", rte_strerror(rte_errno));
		return EXIT_FAILURE;
	}
	argc -= ret;
	argv += ret;
	argv[0] = (char *)(uintptr_t)"skbfwd";
	/* dpdk-dumpcap and dpdk-pdump attach through this (with hugepages only:
	 * a secondary process cannot map --no-huge memory) */
	if (rte_pdump_init() < 0)
		fprintf(stderr, "skbfwd: packet capture unavailable: %s\n", rte_strerror(rte_errno));
	if (skbfwd_telemetry_init() < 0)
		fprintf(stderr, "skbfwd: telemetry commands not registered\n");

	ret = skbfwd_parse_args(argc, argv);
	if (ret < 0)
		goto fail_eal;
	/* a signal during EAL start-up: skip pools and ports, stop within the second */
	if (skbfwd_quit)
		goto stop;
	ret = skbfwd_select_ports();
	if (ret < 0)
		goto fail_eal;
	ret = fwd_streams_build();
	if (ret < 0)
		goto fail_eal;
	ret = fwd_lcores_assign();
	if (ret < 0)
		goto fail_eal;
	ret = skbfwd_ports_setup();
	if (ret < 0)
		goto fail_ports;
	if (cfg.engine->setup != NULL && (ret = cfg.engine->setup()) < 0) {
		/* -EINVAL: the engine named the bad option or file line already */
		if (ret != -EINVAL)
			fprintf(stderr, "skbfwd: engine %s set-up failed: %s\n", cfg.engine->name,
				strerror(-ret));
		goto fail_ports;
	}
	for (i = 0; i < nb_fwd_streams; i++) {
		if (cfg.engine->stream_init == NULL)
			break;
		ret = cfg.engine->stream_init(&fwd_streams[i]);
		if (ret < 0) {
			fprintf(stderr, "skbfwd: engine %s stream set-up failed: %s\n",
				cfg.engine->name, strerror(-ret));
			goto fail_ports;
		}
	}

	printf("skbfwd: %s engine, %u ports, %u streams on %u forwarding lcores, burst %u\n",
	       cfg.engine->name, nb_fwd_ports, nb_fwd_streams, nb_fwd_lcores, cfg.burst);
	fflush(stdout);
	stats_init();
	if (!skbfwd_quit) {
		fwd_lcores_launch();
		skbfwd_wait();
		fwd_lcores_stop();
	}
stop:
	if (skbfwd_quit)
		printf("\nskbfwd: signal %d received, stopping\n", (int)skbfwd_quit);

	skbfwd_telemetry_close();
	stats_print_final();
	if (fwd_gso_on)
		fwd_gso_print_stats();
	if (cfg.engine->stream_fini != NULL)
		for (i = 0; i < nb_fwd_streams; i++)
			cfg.engine->stream_fini(&fwd_streams[i]);
	i = fwd_ports_drain();
	if (i != 0)
		printf("skbfwd: %u mbufs drained from net_ring queues before the audit\n", i);
	glue_ports_close();
	in_use = glue_pools_in_use();
	printf("mbufs in use at exit: %u\n", in_use);
	fflush(stdout);
	glue_pools_free();
	rte_pdump_uninit();
	rte_eal_cleanup();
	return in_use == 0 ? EXIT_SUCCESS : EXIT_FAILURE;

fail_ports:
	glue_ports_close();
	glue_pools_free();
fail_eal:
	rte_pdump_uninit();
	rte_eal_cleanup();
	return EXIT_FAILURE;
}
