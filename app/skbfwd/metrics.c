/* SPDX-License-Identifier: BSD-3-Clause */
/* --latencystats and --bitrate-stats through DPDK's libraries (metrics.h). */

#include <stdbool.h>
#include <stdio.h>

#include <rte_bitrate.h>
#include <rte_cycles.h>
#include <rte_latencystats.h>
#include <rte_lcore.h>
#include <rte_metrics.h>

#include "config.h"
#include "metrics.h"
#include "runtime.h"

static bool metrics_up, latency_up;
static struct rte_stats_bitrates *bitrates;
static uint64_t bitrate_last;

int
skbfwd_metrics_setup(void)
{
	int ret;

	if (cfg.latencystats_lcore == SKBFWD_UNSET && cfg.bitrate_lcore == SKBFWD_UNSET)
		return 0;
	ret = rte_metrics_init((int)rte_socket_id());
	if (ret < 0) {
		fprintf(stderr, "skbfwd: --%s: rte_metrics_init() failed: %d\n",
			cfg.latencystats_lcore != SKBFWD_UNSET ? "latencystats" : "bitrate-stats",
			ret);
		return -EINVAL;
	}
	metrics_up = true;
	if (cfg.latencystats_lcore != SKBFWD_UNSET) {
		/* an interval of 1 ns: every packet is a sample, as testpmd asks */
		ret = rte_latencystats_init(1, NULL);
		if (ret < 0) {
			fprintf(stderr, "skbfwd: --latencystats=%d: rte_latencystats_init() failed: %d\n",
				cfg.latencystats_lcore, ret);
			return -EINVAL;
		}
		latency_up = true;
		printf("skbfwd: latency statistics on every queue (rte_latencystats), published by the main lcore %u\n",
		       rte_get_main_lcore());
	}
	if (cfg.bitrate_lcore != SKBFWD_UNSET) {
		bitrates = rte_stats_bitrate_create();
		if (bitrates == NULL || rte_stats_bitrate_reg(bitrates) < 0) {
			fprintf(stderr, "skbfwd: --bitrate-stats=%d: cannot register the bit-rate statistics\n",
				cfg.bitrate_lcore);
			return -EINVAL;
		}
		bitrate_last = rte_get_timer_cycles();
		printf("skbfwd: bit rates of every port (rte_bitratestats), computed every second by the main lcore %u\n",
		       rte_get_main_lcore());
	}
	return 0;
}

void
skbfwd_metrics_tick(uint64_t now)
{
	unsigned int i;

	if (latency_up)
		rte_latencystats_update();
	if (bitrates == NULL || now - bitrate_last < rte_get_timer_hz())
		return;
	bitrate_last = now;
	for (i = 0; i < nb_fwd_ports; i++)
		rte_stats_bitrate_calc(bitrates, fwd_ports[i]);
}

void
skbfwd_metrics_close(void)
{
	if (latency_up)
		rte_latencystats_uninit();
	latency_up = false;
	rte_stats_bitrate_free(bitrates);
	bitrates = NULL;
	if (metrics_up)
		rte_metrics_deinit();
	metrics_up = false;
}
