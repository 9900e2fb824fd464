/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * skbfwd_main(), the program around the engines (skbfwd.h): EAL and option
 * parsing, port bring-up, then the session: forwarding with the main lcore's
 * statistics loop, or the console (-i, --cmdline-file); and a clean shutdown
 * that ends with the leak audit.
 */

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/mman.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_pdump.h>

#include "port.h"
#include "config.h"
#include "console.h"
#include "control.h"
#include "runtime.h"
#include "stats.h"
#include "telemetry.h"
#include "tx.h"
#include "skbfwd.h"
#include "metrics.h"

/* First signal: stop cleanly (skbfwd_quit, runtime.h).  Second: leave at once. */
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

/* Main lcore: statistics every period until @end (0: none) or a signal comes. */
static void
skbfwd_wait(uint64_t end)
{
	uint64_t hz = rte_get_timer_hz();
	uint64_t start = rte_get_timer_cycles();
	uint64_t period = (uint64_t)cfg.stats_period * hz;
	uint64_t last = start;
	unsigned int ticks = 0;

	/* testpmd shows its first screen at once, rates 0 */
	if (period != 0 && cfg.stats_format == STATS_FORMAT_TESTPMD)
		stats_print_nic_all();
	while (!skbfwd_quit) {
		uint64_t now;

		rte_delay_us_sleep(10 * 1000);
		if (++ticks % 10 == 0) /* link down/up of ports without LSC interrupts */
			glue_ports_poll_link();
		now = rte_get_timer_cycles();
		skbfwd_metrics_tick(now);
		if (period != 0 && now - last >= period) {
			stats_print_period((double)(now - last) / (double)hz);
			last = now;
		}
		if ((end != 0 && now >= end) || fwd_run_ended())
			break;
	}
}

/* The main lcore's periodic work while the console waits. */
static void
skbfwd_console_tick(void)
{
	glue_ports_poll_link(); /* link down/up of ports without LSC interrupts */
	skbfwd_metrics_tick(rte_get_timer_cycles());
	/* an engine whose work is done (rfc2544): forwarding stops as `stop` does */
	if (fwd_running() && fwd_run_ended())
		fwd_stop();
}

/*
 * The session after the ports are up: --cmdline-file, the automatic start,
 * then the prompt (-i) or the wait for --duration or a signal.
 * @return 0; a negative errno when a start without a prompt failed.
 */
static int
skbfwd_session(void)
{
	struct console_ctl ctl = { .signal = &skbfwd_quit, .tick = skbfwd_console_tick };
	bool quit = false, prompt = cfg.interactive;
	int ret;

	if (cfg.duration > 0)
		ctl.deadline = rte_get_timer_cycles() +
			       (uint64_t)(cfg.duration * (double)rte_get_timer_hz());
	if (cfg.cmdline_file != NULL) {
		ret = console_run_file(cfg.cmdline_file, &ctl);
		if (ret < 0)
			return ret;
		quit = ret == 1;
	}
	/* without a prompt and a file, forwarding starts at once (-a or not) */
	if (!quit && !skbfwd_quit && !fwd_running() &&
	    (cfg.auto_start || (!prompt && cfg.cmdline_file == NULL))) {
		if (!cfg.port.device_start) {
			printf("skbfwd: the ports are not started (--disable-device-start): nothing is forwarded\n");
			fflush(stdout);
		} else {
			ret = fwd_start(cfg.tx_first ? 1 : 0);
			if (ret < 0 && !prompt)
				return ret;
		}
	}
	if (prompt && !quit) {
		if (console_interact(&ctl) < 0)
			fprintf(stderr, "skbfwd: no memory for the console\n");
		return 0;
	}
	/* a file alone stops at its end, unless it is to forward (-a, --duration) */
	if (!quit && (cfg.cmdline_file == NULL || cfg.auto_start ||
		      (fwd_running() && ctl.deadline != 0)))
		skbfwd_wait(ctl.deadline);
	return 0;
}

/*
 * Stop and close the ports skbfwd set up, each with testpmd's lines, so that
 * the exit reads as dpdk-testpmd's does: every port stopped, then every port
 * closed.
 */
static void
skbfwd_ports_shutdown(void)
{
	uint16_t pid;
	int ret;

	RTE_ETH_FOREACH_DEV(pid) {
		if (glue_port_get(pid) == NULL)
			continue;
		printf("\nStopping port %u...\nStopping ports...\n", pid);
		ret = glue_port_stop(pid);
		if (ret < 0)
			fprintf(stderr, "skbfwd: port %u would not stop: %s\n", pid, strerror(-ret));
		printf("Done\n");
	}
	RTE_ETH_FOREACH_DEV(pid) {
		if (glue_port_get(pid) == NULL)
			continue;
		printf("\nShutting down port %u...\nClosing ports...\n", pid);
		ret = glue_port_close(pid);
		if (ret < 0)
			fprintf(stderr, "skbfwd: port %u would not close: %s\n", pid, strerror(-ret));
		else
			printf("Port %u is closed\n", pid);
		printf("Done\n");
	}
	fflush(stdout);
}

int
skbfwd_main(int argc, char **argv, const struct fwd_engine *const *engines)
{
	unsigned int in_use, drained;
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

	skbfwd_config_init(engines);
	ret = skbfwd_parse_args(argc, argv);
	if (ret != 0)
		goto failed; /* 1: --help */
	if (cfg.mlockall && mlockall(MCL_CURRENT | MCL_FUTURE) < 0)
		fprintf(stderr, "skbfwd: --mlockall: %s; memory stays unlocked\n", strerror(errno));
	/* a file that cannot be written is found before forwarding, not after */
	ret = stats_json_open();
	if (ret < 0)
		goto failed;
	stats_init();
	/* a signal during any start-up step: skip the rest, stop cleanly */
	if (skbfwd_quit)
		goto stop;
	ret = fwd_ports_select();
	if (ret < 0)
		goto failed;
	/* the first plan sizes the ports; at a prompt a bad one can be set right there */
	ret = fwd_streams_build();
	if (ret == 0)
		ret = fwd_lcores_assign();
	if (ret < 0 && !cfg.interactive)
		goto failed;
	ret = fwd_ports_setup();
	if (ret < 0)
		goto failed;
	ret = stats_xstats_setup();
	if (ret < 0)
		goto failed;
	ret = skbfwd_metrics_setup();
	if (ret < 0)
		goto failed;
	if (skbfwd_quit)
		goto stop;
	ret = skbfwd_session();
	if (ret < 0)
		goto failed;
stop:
	if (skbfwd_quit)
		fprintf(stderr, "skbfwd: signal %d received, stopping\n", (int)skbfwd_quit);

	skbfwd_telemetry_close();
	/* the run's statistics as a stop prints them; those of the last run when stopped */
	if (fwd_running())
		fwd_stop();
	else
		fwd_print_stats();
	stats_json_close();
	fwd_engine_teardown();
	fwd_streams_free();
	skbfwd_metrics_close();
	drained = fwd_ports_drain();
	if (drained != 0)
		printf("skbfwd: %u mbufs drained from net_ring queues before the audit\n", drained);
	skbfwd_ports_shutdown();
	in_use = glue_pools_in_use();
	printf("\nmbufs in use at exit: %u\n", in_use);
	printf("\nBye...\n");
	fflush(stdout);
	glue_pools_free();
	console_commands_free();
	rte_pdump_uninit();
	rte_eal_cleanup();
	return in_use == 0 ? EXIT_SUCCESS : EXIT_FAILURE;

failed:
	/* a signal cut a start-up step short: that is a clean stop, not a failure */
	if (ret < 0 && skbfwd_quit)
		goto stop;
	fwd_stop();
	fwd_engine_teardown();
	fwd_streams_free();
	skbfwd_metrics_close();
	glue_ports_close();
	glue_pools_free();
	stats_json_close();
	console_commands_free();
	rte_pdump_uninit();
	rte_eal_cleanup();
	return ret == 1 ? EXIT_SUCCESS : EXIT_FAILURE;
}
