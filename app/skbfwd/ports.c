/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ports skbfwd forwards on (runtime.h): which ones, what the engines know
 * of each (fwd_port_info[]), their pools and set-up through drivers-glue, and
 * the drain of software rings before the leak audit.
 */

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>

#include "port.h"
#include "config.h"
#include "latency.h"
#include "parse.h"
#include "runtime.h"
#include "tx.h"

uint16_t fwd_ports[RTE_MAX_ETHPORTS];
uint16_t nb_fwd_ports;
struct fwd_port fwd_port_info[RTE_MAX_ETHPORTS];

void
fwd_ports_use(const uint16_t *ports, unsigned int n)
{
	unsigned int i;

	memset(fwd_port_info, 0, sizeof(fwd_port_info));
	for (i = 0; i < n; i++) {
		struct fwd_port *p = &fwd_port_info[ports[i]];

		fwd_ports[i] = ports[i];
		if (rte_eth_macaddr_get(ports[i], &p->mac) != 0)
			memset(&p->mac, 0, sizeof(p->mac));
		p->peer = cfg.peer[ports[i]];
		p->forwarding = true;
	}
	nb_fwd_ports = (uint16_t)n;
}

int
fwd_ports_pick(uint16_t *ports, unsigned int *nb, bool quiet)
{
	unsigned int n = 0, i;
	char names[256];
	uint16_t pid;

	*nb = 0;
	if (cfg.nb_port_list != 0) {
		/* --portmask/--portlist, checked when given: the ports may have gone since */
		for (i = 0; i < cfg.nb_port_list; i++) {
			if (!rte_eth_dev_is_valid_port(cfg.port_list[i])) {
				if (!quiet)
					fprintf(stderr, "skbfwd: port %u of --portmask/--portlist does not exist (ports: %s)\n",
						cfg.port_list[i],
						skbfwd_port_names(names, sizeof(names)));
				return -ENODEV;
			}
			ports[n++] = cfg.port_list[i];
		}
	} else {
		RTE_ETH_FOREACH_DEV(pid)
			ports[n++] = pid;
	}
	if (n == 0) {
		if (!quiet)
			fprintf(stderr, "skbfwd: no usable port: give devices with -a or --vdev (e.g. --vdev net_null0 --vdev net_null1)\n");
		return -ENODEV;
	}
	if (cfg.nb_ports != 0) {
		if (cfg.nb_ports > n) {
			if (!quiet)
				fprintf(stderr, "skbfwd: --nb-ports=%u but there %s only %u port%s\n",
					cfg.nb_ports, n > 1 ? "are" : "is", n, n > 1 ? "s" : "");
			return -ENODEV;
		}
		n = cfg.nb_ports;
	}
	*nb = n;
	return 0;
}

int
fwd_ports_select(void)
{
	uint16_t ports[RTE_MAX_ETHPORTS];
	unsigned int n;
	int ret = fwd_ports_pick(ports, &n, false);

	if (ret == 0)
		fwd_ports_use(ports, n);
	return ret;
}

bool
fwd_gso_wanted(void)
{
	return cfg.gro || (cfg.engine->sends_gso != NULL && cfg.engine->sends_gso());
}

static unsigned int
fwd_default_mbufs(void)
{
	unsigned int per_port = cfg.nb_rxq * cfg.nb_rxd + fwd_nb_txq * cfg.nb_txd;
	unsigned int n = nb_fwd_ports * per_port +
			 (cfg.nb_cores + 1) * (256 + MAX_PKT_BURST) + 4096;

	return RTE_MAX(n, 8192u);
}

/* The queue thresholds and drop_en the options set (glue_port_conf rxconf). */
static void
fwd_rxconf(uint16_t port_id __rte_unused, struct rte_eth_rxconf *c)
{
	const struct skbfwd_port_config *pc = &cfg.port;

	if (pc->rx_free_thresh != SKBFWD_UNSET)
		c->rx_free_thresh = (uint16_t)pc->rx_free_thresh;
	if (pc->rx_pthresh != SKBFWD_UNSET)
		c->rx_thresh.pthresh = (uint8_t)pc->rx_pthresh;
	if (pc->rx_hthresh != SKBFWD_UNSET)
		c->rx_thresh.hthresh = (uint8_t)pc->rx_hthresh;
	if (pc->rx_wthresh != SKBFWD_UNSET)
		c->rx_thresh.wthresh = (uint8_t)pc->rx_wthresh;
	if (pc->rx_drop_en)
		c->rx_drop_en = 1;
}

static void
fwd_txconf(uint16_t port_id __rte_unused, struct rte_eth_txconf *c)
{
	const struct skbfwd_port_config *pc = &cfg.port;

	if (pc->tx_free_thresh != SKBFWD_UNSET)
		c->tx_free_thresh = (uint16_t)pc->tx_free_thresh;
	if (pc->tx_rs_thresh != SKBFWD_UNSET)
		c->tx_rs_thresh = (uint16_t)pc->tx_rs_thresh;
	if (pc->tx_pthresh != SKBFWD_UNSET)
		c->tx_thresh.pthresh = (uint8_t)pc->tx_pthresh;
	if (pc->tx_hthresh != SKBFWD_UNSET)
		c->tx_thresh.hthresh = (uint8_t)pc->tx_hthresh;
	if (pc->tx_wthresh != SKBFWD_UNSET)
		c->tx_thresh.wthresh = (uint8_t)pc->tx_wthresh;
}

/* RX offloads the options ask for: theirs, and scattered RX for frames longer than an mbuf. */
static uint64_t
fwd_rx_offloads_asked(void)
{
	uint64_t rx = cfg.port.rx_offloads;

	if (cfg.port.max_pkt_len > (uint32_t)cfg.port.mbuf_size - RTE_PKTMBUF_HEADROOM)
		rx |= RTE_ETH_RX_OFFLOAD_SCATTER;
	return rx;
}

/* One line for each kind of request of the options that port @pid refused. */
static void
fwd_port_report(uint16_t pid, const struct glue_port *gp)
{
	uint64_t rx = fwd_rx_offloads_asked(), tx = cfg.port.tx_offloads;
	char names[512];

	if (rx & ~gp->rx_offloads)
		printf("Port %u: RX offloads asked 0x%" PRIx64 ", refused by the port: %s\n", pid,
		       rx, glue_offload_names(rx & ~gp->rx_offloads, true, names, sizeof(names)));
	if (tx & ~gp->tx_offloads)
		printf("Port %u: TX offloads asked 0x%" PRIx64 ", refused by the port: %s\n", pid,
		       tx, glue_offload_names(tx & ~gp->tx_offloads, false, names, sizeof(names)));
	if (gp->rss_asked != 0) {
		printf("Port %u: RSS hash functions on: %s", pid,
		       glue_rss_names(gp->rss_hf, names, sizeof(names)));
		if (gp->rss_asked & ~gp->rss_hf)
			printf("; refused by the port: %s",
			       glue_rss_names(gp->rss_asked & ~gp->rss_hf, names, sizeof(names)));
		printf("\n");
	}
	if (cfg.port.max_pkt_len != 0)
		printf("Port %u: --max-pkt-len=%u: MTU %u\n", pid, cfg.port.max_pkt_len, gp->mtu);
}

/*
 * What port @pid is asked for: the queues, descriptors, offloads, RSS, MTU,
 * rings and links of the configuration and the planned streams.  Zeroed
 * first, padding too, so that two of them compare equal with memcmp() exactly
 * when a port set up with one need not be set up again for the other.
 * @initial: the set-up at start-up, the only one --disable-device-start keeps
 * stopped.
 */
static void
fwd_port_conf(uint16_t pid, struct glue_port_conf *pc, bool initial)
{
	const struct skbfwd_port_config *opt = &cfg.port;

	memset(pc, 0, sizeof(*pc));
	pc->nb_rxq = cfg.nb_rxq;
	pc->nb_txq = fwd_nb_txq;
	pc->nb_rxd = cfg.nb_rxd;
	pc->nb_txd = cfg.nb_txd;
	pc->promisc = true;
	pc->link_wait_ms = opt->link_check ? 3000 : 0;
	pc->rx_offloads = cfg.engine->rx_offloads | fwd_rx_offloads_asked() | latency_rx_offloads();
	pc->tx_offloads = RTE_ETH_TX_OFFLOAD_MULTI_SEGS | cfg.engine->tx_offloads |
			  (fwd_gso_wanted() ? FWD_TX_TSO_OFFLOADS : 0) | opt->tx_offloads;
	pc->max_rx_pkt_len = opt->max_pkt_len;
	pc->max_lro_pkt_size = opt->max_lro_pkt_size;
	pc->rss_hf = opt->rss_hf | opt->rss_level;
	pc->no_rss = opt->rss_hf == 0 || !(opt->rx_mq_mode & RTE_ETH_MQ_RX_RSS_FLAG);
	pc->no_lsc_interrupt = !opt->lsc_interrupt;
	pc->no_start = initial && !opt->device_start;
	pc->link_speeds = opt->link_speeds;
	pc->rxconf = fwd_rxconf;
	pc->txconf = fwd_txconf;
	pc->ring_sockets = opt->rxring_socket[pid] >= 0 || opt->txring_socket[pid] >= 0;
	pc->rx_socket = opt->rxring_socket[pid] >= 0 ? opt->rxring_socket[pid] :
			glue_port_socket(pid);
	pc->tx_socket = opt->txring_socket[pid] >= 0 ? opt->txring_socket[pid] :
			glue_port_socket(pid);
}

/* True when @gp, set up before, has the set-up @want asks (started or not). */
static bool
fwd_port_conf_same(const struct glue_port *gp, const struct glue_port_conf *want)
{
	struct glue_port_conf had;

	memcpy(&had, &gp->conf, sizeof(had));
	had.no_start = want->no_start;
	return memcmp(&had, want, sizeof(had)) == 0;
}

/* Set up @pid with @pc, naming the option at fault rather than the errno. */
static int
fwd_port_setup_one(uint16_t pid, const struct glue_port_conf *pc)
{
	struct rte_eth_dev_info info;
	int ret;

	if (rte_eth_dev_info_get(pid, &info) == 0 &&
	    (pc->nb_rxq > info.max_rx_queues || pc->nb_txq > info.max_tx_queues)) {
		fprintf(stderr, "skbfwd: --rxq=%u --txq=%u: port %u (%s) has at most %u RX and %u TX queues\n",
			pc->nb_rxq, pc->nb_txq, pid, info.driver_name,
			info.max_rx_queues, info.max_tx_queues);
		return -EINVAL;
	}
	if (pc->nb_txq > cfg.nb_txq)
		printf("skbfwd: %s engine: --txq raised from %u to %u (one TX queue per lcore on every port)\n",
		       cfg.engine->name, cfg.nb_txq, pc->nb_txq);
	fwd_plan_lock(); /* telemetry reads the port's state */
	ret = glue_port_setup(pid, pc);
	if (ret == 0)
		fwd_port_info[pid].mac = glue_port_get(pid)->mac;
	fwd_plan_unlock();
	if (ret < 0) {
		fprintf(stderr, "skbfwd: port %u set-up failed: %s\n", pid, strerror(-ret));
		return ret;
	}
	fwd_port_report(pid, glue_port_get(pid));
	if (fwd_gso_wanted())
		fwd_tx_port_setup(pid);
	return 0;
}

int
fwd_ports_setup(void)
{
	const struct skbfwd_port_config *opt = &cfg.port;
	struct glue_port_conf pc;
	struct glue_pool_conf poolc = {
		.nb_mbufs = cfg.total_num_mbufs ? cfg.total_num_mbufs : fwd_default_mbufs(),
		.data_room = opt->mbuf_size,
		.cache_size = opt->mbcache,
		.one_pool = !opt->numa,
		.socket = opt->socket_num,
	};
	unsigned int i;
	int ret;

	for (i = 0; i < nb_fwd_ports; i++)
		if (opt->port_socket[fwd_ports[i]] >= 0)
			glue_port_set_socket(fwd_ports[i], opt->port_socket[fwd_ports[i]]);
	ret = glue_pools_setup(&poolc);
	if (ret < 0) {
		fprintf(stderr, "skbfwd: cannot create mbuf pools of %u: %s\n", poolc.nb_mbufs,
			strerror(-ret));
		return ret;
	}
	if (glue_events_print(opt->event_print_mask) < 0)
		fprintf(stderr, "skbfwd: ethdev events cannot be printed\n");
	for (i = 0; i < nb_fwd_ports; i++) {
		if (skbfwd_quit)
			return -EINTR;
		fwd_port_conf(fwd_ports[i], &pc, true);
		ret = fwd_port_setup_one(fwd_ports[i], &pc);
		if (ret < 0)
			return ret;
	}
	if (opt->link_check)
		glue_ports_wait_link(3000, &skbfwd_quit);
	if (skbfwd_quit)
		return -EINTR;
	return 0;
}

/* Why a port set up with @had is set up again for @want, in words. */
static const char *
fwd_port_conf_change(const struct glue_port_conf *had, const struct glue_port_conf *want)
{
	if (had->nb_rxq != want->nb_rxq || had->nb_txq != want->nb_txq)
		return "queues";
	if (had->nb_rxd != want->nb_rxd || had->nb_txd != want->nb_txd)
		return "descriptors";
	if (had->rx_offloads != want->rx_offloads || had->tx_offloads != want->tx_offloads)
		return "offloads";
	return "configuration";
}

int
fwd_ports_apply(void)
{
	struct glue_port_conf pc;
	unsigned int i, changed = 0;
	int ret;

	for (i = 0; i < nb_fwd_ports; i++) {
		const struct glue_port *gp = glue_port_get(fwd_ports[i]);

		if (gp != NULL && !gp->started) {
			fprintf(stderr, "skbfwd: port %u is stopped: start it first (port start %u)\n",
				fwd_ports[i], fwd_ports[i]);
			return -EAGAIN;
		}
	}
	for (i = 0; i < nb_fwd_ports; i++) {
		uint16_t pid = fwd_ports[i];
		const struct glue_port *gp = glue_port_get(pid);

		fwd_port_conf(pid, &pc, false);
		if (gp != NULL && fwd_port_conf_same(gp, &pc)) {
			/* same set-up: refresh what this run's engine reads */
			fwd_port_info[pid].mac = gp->mac;
			if (fwd_gso_wanted())
				fwd_tx_port_setup(pid);
			continue;
		}
		if (gp != NULL)
			printf("Port %u: set up again (%s: %s engine, %u RX x %u, %u TX x %u)\n", pid,
			       fwd_port_conf_change(&gp->conf, &pc), cfg.engine->name,
			       pc.nb_rxq, pc.nb_rxd, pc.nb_txq, pc.nb_txd);
		ret = fwd_port_setup_one(pid, &pc);
		if (ret < 0)
			return ret;
		changed++;
	}
	if (changed != 0 && cfg.port.link_check)
		glue_ports_wait_link(3000, &skbfwd_quit);
	return 0;
}

static unsigned int fwd_port_drain(uint16_t port_id);

int
fwd_port_stop(uint16_t port_id)
{
	const struct glue_port *gp = glue_port_get(port_id);
	unsigned int drained;
	int ret;

	if (gp == NULL || !gp->started)
		return 0;
	drained = fwd_port_drain(port_id);
	if (drained != 0)
		printf("Port %u: %u mbufs left in its net_ring queues freed\n", port_id, drained);
	ret = glue_port_stop(port_id);
	if (ret < 0)
		fprintf(stderr, "skbfwd: port %u: stop failed: %s\n", port_id, strerror(-ret));
	return ret;
}

int
fwd_port_start(uint16_t port_id)
{
	const struct glue_port *gp = glue_port_get(port_id);
	struct glue_port_conf pc;
	int ret;

	fwd_port_conf(port_id, &pc, false);
	if (gp == NULL || !fwd_port_conf_same(gp, &pc)) {
		printf("Configuring Port %u\n", port_id);
		ret = fwd_port_setup_one(port_id, &pc);
	} else {
		ret = glue_port_start(port_id);
		if (ret < 0)
			fprintf(stderr, "skbfwd: port %u: start failed: %s\n", port_id,
				strerror(-ret));
	}
	if (ret < 0)
		return ret;
	gp = glue_port_get(port_id);
	printf("Port %u: " RTE_ETHER_ADDR_PRT_FMT "\n", port_id, RTE_ETHER_ADDR_BYTES(&gp->mac));
	return 0;
}

void
fwd_port_close(uint16_t port_id)
{
	unsigned int i, n = 0;

	fwd_port_stop(port_id);
	fwd_plan_lock();
	(void)glue_port_close(port_id);
	for (i = 0; i < cfg.nb_port_list; i++)
		if (cfg.port_list[i] != port_id)
			cfg.port_list[n++] = cfg.port_list[i];
	cfg.nb_port_list = n;
	for (i = 0, n = 0; i < nb_fwd_ports; i++)
		if (fwd_ports[i] != port_id)
			fwd_ports[n++] = fwd_ports[i];
	nb_fwd_ports = (uint16_t)n;
	fwd_port_info[port_id].forwarding = false;
	fwd_plan_unlock();
}

unsigned int
fwd_ports_flush_rx(void)
{
	struct rte_mbuf *pkts[MAX_PKT_BURST];
	unsigned int round, i, q, total = 0;

	/* twice, 10 ms apart, as testpmd: what was in flight arrives meanwhile */
	glue_poll_online();
	for (round = 0; round < 2; round++) {
		for (i = 0; i < nb_fwd_ports; i++) {
			const struct glue_port *gp = glue_port_get(fwd_ports[i]);

			if (gp == NULL || !gp->started)
				continue;
			for (q = 0; q < gp->nb_rxq; q++) {
				/* a queue holds at most its ring; some devices never run dry */
				unsigned int got = 0, n;

				while (got < 2u * cfg.nb_rxd &&
				       (n = rte_eth_rx_burst(fwd_ports[i], (uint16_t)q, pkts,
							     MAX_PKT_BURST)) != 0) {
					rte_pktmbuf_free_bulk(pkts, n);
					got += n;
				}
				total += got;
			}
		}
		glue_poll_quiescent(rte_lcore_id());
		rte_delay_ms(10);
	}
	glue_poll_offline();
	return total;
}

/*
 * A net_ring port's TX ring is its RX ring, and closing the port frees the ring
 * but not the mbufs in it: what was sent and never read would show as a leak.
 * Read those back and free them (they were counted as TX already).  Other
 * drivers free what they hold on close, and some (net_null) never run dry, so
 * only software-ring ports are drained; a stopped port cannot be read, so a
 * net_ring port is drained before it stops (fwd_port_stop()).
 */
static unsigned int
fwd_port_drain(uint16_t port_id)
{
	const struct glue_port *gp = glue_port_get(port_id);
	struct rte_mbuf *pkts[MAX_PKT_BURST];
	unsigned int q, n, total = 0;

	if (gp == NULL || !gp->started || strcmp(gp->info.driver_name, "net_ring") != 0)
		return 0;
	for (q = 0; q < gp->nb_rxq; q++)
		while ((n = rte_eth_rx_burst(port_id, (uint16_t)q, pkts, MAX_PKT_BURST)) != 0) {
			rte_pktmbuf_free_bulk(pkts, n);
			total += n;
		}
	return total;
}

unsigned int
fwd_ports_drain(void)
{
	unsigned int total = 0;
	uint16_t pid;

	for (pid = 0; pid < RTE_MAX_ETHPORTS; pid++)
		total += fwd_port_drain(pid);
	return total;
}
