/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * skbfwd's telemetry commands, answered by the EAL telemetry thread while the
 * lcores forward: `dpdk-telemetry.py -f <file-prefix>` then
 *   /skbfwd/engine       engine, burst, topology, ports, streams, lcores
 *   /skbfwd/stats        accumulated forwarding counters ("/skbfwd/stats,N": port N)
 *   /skbfwd/ports        every forwarding port with its counters, MAC and offloads
 *   /skbfwd/latency      --latency: each port's probes, percentiles, loss, reordering
 *                        ("/skbfwd/latency,N": port N)
 * The counter keys are those of --stats-json.  DPDK's own /ethdev/... commands
 * are unaffected.
 *
 * The telemetry thread only reads: the stream counters (64-bit loads, as the
 * main lcore's periodic statistics do) and the plan of streams and ports.  The
 * commands hold fwd_plan_lock(), which the main lcore takes while it plans
 * anew (a start from the console) or changes a port; skbfwd_telemetry_close()
 * takes it before the exit path frees per-stream state, and the counter
 * commands answer -ENODEV after.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_ethdev.h>
#include <rte_telemetry.h>

#include "port.h"
#include "config.h"
#include "latency.h"
#include "runtime.h"
#include "stats.h"
#include "telemetry.h"

static bool skbfwd_tel_closed;

static const char *const skbfwd_topology_names[] = {
	[TOPO_PAIRED] = "paired",
	[TOPO_CHAINED] = "chained",
	[TOPO_LOOP] = "loop",
};

/* Add container @v to dict @d under @name; freed here when it cannot be added. */
static int
skbfwd_tel_add_container(struct rte_tel_data *d, const char *name, struct rte_tel_data *v)
{
	int ret = rte_tel_data_add_dict_container(d, name, v, 0);

	if (ret < 0)
		rte_tel_data_free(v);
	return ret;
}

/*
 * Add the counters of @c to dict @d; with @reasons, the drops by reason go in a
 * nested dict "drops" (telemetry nests one level only, so not inside a port list).
 */
static int
skbfwd_tel_counts(struct rte_tel_data *d, const struct fwd_counts *c, bool reasons)
{
	struct rte_tel_data *drops;
	unsigned int r;

	rte_tel_data_add_dict_u64(d, "rx_packets", c->rx);
	rte_tel_data_add_dict_u64(d, "rx_bytes", c->rx_bytes);
	rte_tel_data_add_dict_u64(d, "tx_packets", c->tx);
	rte_tel_data_add_dict_u64(d, "tx_bytes", c->tx_bytes);
	rte_tel_data_add_dict_u64(d, "generated", c->generated);
	rte_tel_data_add_dict_u64(d, "tx_full", c->reason[FWD_DROP_TX_FULL]);
	rte_tel_data_add_dict_u64(d, "drops_total", c->drops);
	if (!reasons)
		return 0;
	drops = rte_tel_data_alloc();
	if (drops == NULL)
		return -ENOMEM;
	rte_tel_data_start_dict(drops);
	for (r = 0; r < FWD_DROP_MAX; r++)
		rte_tel_data_add_dict_u64(drops, fwd_drop_names[r], c->reason[r]);
	return skbfwd_tel_add_container(d, "drops", drops);
}

/* Index of @port in fwd_ports[], or -1 when skbfwd does not forward on it. */
static int
skbfwd_tel_port_index(uint16_t port)
{
	unsigned int i;

	for (i = 0; i < nb_fwd_ports; i++)
		if (fwd_ports[i] == port)
			return (int)i;
	return -1;
}

/*
 * The optional ",N" parameter of a command: a forwarding port into *@port.
 * @return 0; -ENOENT when none is given; -EINVAL when N is not a forwarding port.
 */
static int
skbfwd_tel_port_param(const char *params, uint16_t *port)
{
	char *end;
	unsigned long v;

	if (params == NULL || *params == '\0')
		return -ENOENT;
	errno = 0;
	v = strtoul(params, &end, 10);
	if (errno != 0 || *end != '\0' || v >= RTE_MAX_ETHPORTS ||
	    skbfwd_tel_port_index((uint16_t)v) < 0)
		return -EINVAL;
	*port = (uint16_t)v;
	return 0;
}

/*
 * Take fwd_plan_lock(), parse the optional ",N" parameter (a forwarding port)
 * into @port, and sum the streams into *@t (RTE_MAX_ETHPORTS entries, too big
 * for the telemetry thread's stack; the caller frees it).
 * @return 0 (a port given), -ENOENT (none given): the lock held; -EINVAL (not
 * a forwarding port), -ENOMEM, -ENODEV (skbfwd is shutting down): the lock
 * released, *@t not allocated.
 */
static int
skbfwd_tel_collect_lock(const char *params, uint16_t *port, struct fwd_counts **t)
{
	int ret;

	fwd_plan_lock();
	ret = skbfwd_tel_port_param(params, port);
	if (ret != -EINVAL && skbfwd_tel_closed)
		ret = -ENODEV;
	if (ret == 0 || ret == -ENOENT) {
		*t = calloc(RTE_MAX_ETHPORTS, sizeof(**t));
		if (*t != NULL) {
			stats_collect(*t);
			return ret;
		}
		ret = -ENOMEM;
	}
	fwd_plan_unlock();
	return ret;
}

/*
 * A dict in @d of one dict a forwarding port, keyed by the port number, each
 * made by @one(dict, index in fwd_ports[], @arg).  The caller holds
 * fwd_plan_lock().  @return 0; -ENOMEM when a dict could not be allocated
 * (the ports before it are in @d).
 */
static int
skbfwd_tel_per_port(struct rte_tel_data *d,
		    void (*one)(struct rte_tel_data *pd, unsigned int idx, void *arg), void *arg)
{
	unsigned int i;

	rte_tel_data_start_dict(d);
	for (i = 0; i < nb_fwd_ports; i++) {
		struct rte_tel_data *pd = rte_tel_data_alloc();
		char key[8];

		if (pd == NULL)
			return -ENOMEM;
		one(pd, i, arg);
		snprintf(key, sizeof(key), "%u", fwd_ports[i]);
		skbfwd_tel_add_container(d, key, pd);
	}
	return 0;
}

static int
skbfwd_tel_engine(const char *cmd __rte_unused, const char *params __rte_unused,
		  struct rte_tel_data *d)
{
	fwd_plan_lock();
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_string(d, "name", cfg.engine->name);
	rte_tel_data_add_dict_int(d, "burst", cfg.burst);
	rte_tel_data_add_dict_string(d, "port_topology", skbfwd_topology_names[cfg.topology]);
	rte_tel_data_add_dict_int(d, "nb_ports", nb_fwd_ports);
	rte_tel_data_add_dict_int(d, "nb_streams", (int)nb_fwd_streams);
	rte_tel_data_add_dict_int(d, "nb_lcores", (int)nb_fwd_lcores);
	rte_tel_data_add_dict_int(d, "rxq", cfg.nb_rxq);
	rte_tel_data_add_dict_int(d, "txq", fwd_nb_txq);
	fwd_plan_unlock();
	return 0;
}

static int
skbfwd_tel_stats(const char *cmd __rte_unused, const char *params,
		 struct rte_tel_data *d)
{
	struct fwd_counts *t, acc;
	uint16_t port = 0;
	unsigned int i;
	int ret;

	ret = skbfwd_tel_collect_lock(params, &port, &t);
	if (ret != 0 && ret != -ENOENT)
		return ret;
	if (ret == 0) {
		acc = t[port];
	} else {
		memset(&acc, 0, sizeof(acc));
		for (i = 0; i < nb_fwd_ports; i++)
			counts_add(&acc, &t[fwd_ports[i]]);
	}
	fwd_plan_unlock();
	free(t);
	rte_tel_data_start_dict(d);
	if (ret == 0)
		rte_tel_data_add_dict_int(d, "port", port);
	return skbfwd_tel_counts(d, &acc, true);
}

/* One port: what it is, where it sends, what is on, and its counters. */
static int
skbfwd_tel_one_port(struct rte_tel_data *d, unsigned int idx, const struct fwd_counts *c,
		    bool reasons)
{
	uint16_t port = fwd_ports[idx];
	const struct glue_port *gp = glue_port_get(port);
	char mac[RTE_ETHER_ADDR_FMT_SIZE], offl[512];
	int peer = -1;
	unsigned int s;

	for (s = 0; s < nb_fwd_streams; s++)
		if (fwd_streams[s].rx_port == port) {
			peer = fwd_streams[s].tx_port;
			break;
		}
	rte_ether_format_addr(mac, sizeof(mac), fwd_port_addr(port));
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_int(d, "port", port);
	rte_tel_data_add_dict_string(d, "mac", mac);
	rte_tel_data_add_dict_int(d, "tx_port", peer);
	rte_ether_format_addr(mac, sizeof(mac), &cfg.peer[port]);
	rte_tel_data_add_dict_string(d, "peer_mac", mac);
	if (gp != NULL) {
		rte_tel_data_add_dict_string(d, "name", gp->name);
		rte_tel_data_add_dict_int(d, "socket", gp->socket);
		rte_tel_data_add_dict_int(d, "rxq", gp->nb_rxq);
		rte_tel_data_add_dict_int(d, "txq", gp->nb_txq);
		/* names for people (telemetry cuts strings at 128 bytes), masks
		 * (RTE_ETH_RX/TX_OFFLOAD_*) complete */
		rte_tel_data_add_dict_string(d, "rx_offloads",
			glue_offload_names(gp->rx_offloads, true, offl, sizeof(offl)));
		rte_tel_data_add_dict_string(d, "tx_offloads",
			glue_offload_names(gp->tx_offloads, false, offl, sizeof(offl)));
		rte_tel_data_add_dict_u64(d, "rx_offload_mask", gp->rx_offloads);
		rte_tel_data_add_dict_u64(d, "tx_offload_mask", gp->tx_offloads);
		rte_tel_data_add_dict_int(d, "rss", gp->rss_hf != 0);
	}
	return skbfwd_tel_counts(d, c, reasons);
}

/* skbfwd_tel_per_port(): port @idx without its drop reasons, from the sums @arg */
static void
skbfwd_tel_port_of(struct rte_tel_data *pd, unsigned int idx, void *arg)
{
	const struct fwd_counts *t = arg;

	skbfwd_tel_one_port(pd, idx, &t[fwd_ports[idx]], false);
}

static int
skbfwd_tel_ports(const char *cmd __rte_unused, const char *params,
		 struct rte_tel_data *d)
{
	struct fwd_counts *t;
	uint16_t port = 0;
	int ret;

	ret = skbfwd_tel_collect_lock(params, &port, &t);
	if (ret != 0 && ret != -ENOENT)
		return ret;
	if (ret == 0) {
		/* "/skbfwd/ports,N": that port alone, flat */
		ret = skbfwd_tel_one_port(d, (unsigned int)skbfwd_tel_port_index(port),
					  &t[port], true);
		fwd_plan_unlock();
		free(t);
		return ret;
	}
	ret = skbfwd_tel_per_port(d, skbfwd_tel_port_of, t);
	fwd_plan_unlock();
	free(t);
	return ret;
}

/*
 * One port's latency into dict @d: the probes, then for the clock that
 * measured most of them its extremes and percentiles, and the flows' loss
 * and reordering summed.
 */
static void
skbfwd_tel_one_latency(struct rte_tel_data *d, uint16_t port, const struct latency_port *lp)
{
	const struct lat_hist *h = &lp->hist[LAT_CLOCK_TSC];
	enum lat_clock c = LAT_CLOCK_TSC;
	uint64_t lost = 0, reordered = 0;
	unsigned int k;

	if (lp->hist[LAT_CLOCK_HW].count > h->count) {
		c = LAT_CLOCK_HW;
		h = &lp->hist[c];
	}
	for (k = 0; k < lp->nb_flows; k++) {
		lost += lat_flow_lost(&lp->flows[k], lp->sent[k]);
		reordered += lp->flows[k].reordered;
	}
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_int(d, "port", port);
	rte_tel_data_add_dict_u64(d, "probes", lp->probes);
	rte_tel_data_add_dict_string(d, "clock", latency_clock_name(c));
	rte_tel_data_add_dict_u64(d, "min_ns", h->count ? h->min_ns : 0);
	rte_tel_data_add_dict_u64(d, "mean_ns", (uint64_t)lat_hist_mean(h));
	rte_tel_data_add_dict_u64(d, "p50_ns", lat_hist_quantile(h, 500000));
	rte_tel_data_add_dict_u64(d, "p90_ns", lat_hist_quantile(h, 900000));
	rte_tel_data_add_dict_u64(d, "p99_ns", lat_hist_quantile(h, 990000));
	rte_tel_data_add_dict_u64(d, "p99_9_ns", lat_hist_quantile(h, 999000));
	rte_tel_data_add_dict_u64(d, "max_ns", h->max_ns);
	rte_tel_data_add_dict_int(d, "flows", (int)lp->nb_flows);
	rte_tel_data_add_dict_u64(d, "lost", lost);
	rte_tel_data_add_dict_u64(d, "reordered", reordered);
}

/* skbfwd_tel_per_port(): the latency of port @idx, collected into the scratch @arg */
static void
skbfwd_tel_latency_of(struct rte_tel_data *pd, unsigned int idx, void *arg)
{
	struct latency_port *lp = arg;

	latency_port_collect(fwd_ports[idx], lp);
	skbfwd_tel_one_latency(pd, fwd_ports[idx], lp);
}

static int
skbfwd_tel_latency(const char *cmd __rte_unused, const char *params,
		   struct rte_tel_data *d)
{
	struct latency_port *lp;
	uint16_t port = 0;
	int ret;

	lp = malloc(sizeof(*lp)); /* too big for the telemetry thread's stack */
	if (lp == NULL)
		return -ENOMEM;
	fwd_plan_lock();
	if (skbfwd_tel_closed || !latency_enabled()) {
		fwd_plan_unlock();
		free(lp);
		return skbfwd_tel_closed ? -ENODEV : -ENOTSUP;
	}
	ret = skbfwd_tel_port_param(params, &port);
	if (ret != -ENOENT) {
		/* "/skbfwd/latency,N": that port alone, flat */
		if (ret == 0) {
			latency_port_collect(port, lp);
			skbfwd_tel_one_latency(d, port, lp);
		}
		fwd_plan_unlock();
		free(lp);
		return ret;
	}
	ret = skbfwd_tel_per_port(d, skbfwd_tel_latency_of, lp);
	fwd_plan_unlock();
	free(lp);
	return ret;
}

int
skbfwd_telemetry_init(void)
{
	int ret;

	ret = rte_telemetry_register_cmd("/skbfwd/engine", skbfwd_tel_engine,
		"skbfwd's engine and forwarding set-up. Takes no parameters");
	if (ret == 0)
		ret = rte_telemetry_register_cmd("/skbfwd/stats", skbfwd_tel_stats,
			"skbfwd's accumulated forwarding counters. Parameters: int port_id (optional: that port's)");
	if (ret == 0)
		ret = rte_telemetry_register_cmd("/skbfwd/ports", skbfwd_tel_ports,
			"skbfwd's forwarding ports with their counters. Parameters: int port_id (optional: that port only)");
	if (ret == 0)
		ret = rte_telemetry_register_cmd("/skbfwd/latency", skbfwd_tel_latency,
			"skbfwd's latency probes received per port (--latency). Parameters: int port_id (optional: that port only)");
	return ret;
}

void
skbfwd_telemetry_close(void)
{
	fwd_plan_lock();
	skbfwd_tel_closed = true;
	fwd_plan_unlock();
}
