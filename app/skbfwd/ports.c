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
fwd_ports_select(void)
{
	uint16_t ports[RTE_MAX_ETHPORTS], pid;
	unsigned int n = 0, i;
	char names[256];

	if (cfg.nb_port_list != 0) {
		/* --portmask/--portlist, checked when given: the ports may have gone since */
		for (i = 0; i < cfg.nb_port_list; i++) {
			if (!rte_eth_dev_is_valid_port(cfg.port_list[i])) {
				fprintf(stderr, "skbfwd: port %u of --portmask/--portlist does not exist (ports: %s)\n",
					cfg.port_list[i], skbfwd_port_names(names, sizeof(names)));
				return -ENODEV;
			}
			ports[n++] = cfg.port_list[i];
		}
	} else {
		RTE_ETH_FOREACH_DEV(pid)
			ports[n++] = pid;
	}
	if (n == 0) {
		fprintf(stderr, "skbfwd: no usable port: give devices with -a or --vdev (e.g. --vdev net_null0 --vdev net_null1)\n");
		return -ENODEV;
	}
	if (cfg.nb_ports != 0) {
		if (cfg.nb_ports > n) {
			fprintf(stderr, "skbfwd: --nb-ports=%u but there %s only %u port%s\n",
				cfg.nb_ports, n > 1 ? "are" : "is", n, n > 1 ? "s" : "");
			return -ENODEV;
		}
		n = cfg.nb_ports;
	}
	fwd_ports_use(ports, n);
	return 0;
}

bool
fwd_gso_wanted(void)
{
	return cfg.gro || (cfg.engine->sends_gso != NULL && cfg.engine->sends_gso());
}

static unsigned int
fwd_default_mbufs(void)
{
	unsigned int per_port = cfg.nb_rxq * cfg.nb_rxd + cfg.nb_txq * cfg.nb_txd;
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

int
fwd_ports_setup(void)
{
	const struct skbfwd_port_config *opt = &cfg.port;
	bool gso = fwd_gso_wanted();
	struct glue_port_conf pc = {
		.nb_rxq = cfg.nb_rxq,
		.nb_txq = cfg.nb_txq,
		.nb_rxd = cfg.nb_rxd,
		.nb_txd = cfg.nb_txd,
		.promisc = true,
		.link_wait_ms = opt->link_check ? 3000 : 0,
		.rx_offloads = cfg.engine->rx_offloads | fwd_rx_offloads_asked(),
		.tx_offloads = RTE_ETH_TX_OFFLOAD_MULTI_SEGS | cfg.engine->tx_offloads |
			       (gso ? FWD_TX_TSO_OFFLOADS : 0) | opt->tx_offloads,
		.max_rx_pkt_len = opt->max_pkt_len,
		.max_lro_pkt_size = opt->max_lro_pkt_size,
		.rss_hf = opt->rss_hf | opt->rss_level,
		.no_rss = opt->rss_hf == 0 || !(opt->rx_mq_mode & RTE_ETH_MQ_RX_RSS_FLAG),
		.no_lsc_interrupt = !opt->lsc_interrupt,
		.no_start = !opt->device_start,
		.link_speeds = opt->link_speeds,
		.rxconf = fwd_rxconf,
		.txconf = fwd_txconf,
	};
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
		uint16_t pid = fwd_ports[i];
		struct rte_eth_dev_info info;

		if (skbfwd_quit)
			return -EINTR;
		/* name the option at fault rather than the errno of a failed set-up */
		if (rte_eth_dev_info_get(pid, &info) == 0 &&
		    (cfg.nb_rxq > info.max_rx_queues || cfg.nb_txq > info.max_tx_queues)) {
			fprintf(stderr, "skbfwd: --rxq=%u --txq=%u: port %u (%s) has at most %u RX and %u TX queues\n",
				cfg.nb_rxq, cfg.nb_txq, pid, info.driver_name,
				info.max_rx_queues, info.max_tx_queues);
			return -EINVAL;
		}
		pc.ring_sockets = opt->rxring_socket[pid] >= 0 || opt->txring_socket[pid] >= 0;
		pc.rx_socket = opt->rxring_socket[pid] >= 0 ? opt->rxring_socket[pid] :
			       glue_port_socket(pid);
		pc.tx_socket = opt->txring_socket[pid] >= 0 ? opt->txring_socket[pid] :
			       glue_port_socket(pid);
		ret = glue_port_setup(pid, &pc);
		if (ret < 0) {
			fprintf(stderr, "skbfwd: port %u set-up failed: %s\n", pid, strerror(-ret));
			return ret;
		}
		fwd_port_report(pid, glue_port_get(pid));
		fwd_port_info[pid].mac = glue_port_get(pid)->mac;
	}
	if (opt->link_check)
		glue_ports_wait_link(pc.link_wait_ms, &skbfwd_quit);
	if (skbfwd_quit)
		return -EINTR;
	for (i = 0; gso && i < nb_fwd_ports; i++)
		fwd_tx_port_setup(fwd_ports[i]);
	return 0;
}

unsigned int
fwd_ports_flush_rx(void)
{
	struct rte_mbuf *pkts[MAX_PKT_BURST];
	unsigned int round, i, q, total = 0;

	/* twice, 10 ms apart, as testpmd: what was in flight arrives meanwhile */
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
		rte_delay_ms(10);
	}
	return total;
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
		const struct glue_port *gp = glue_port_get(fwd_ports[i]);
		struct rte_eth_dev_info info;

		/* a stop before the port started (a signal at start-up) */
		if (gp == NULL || !gp->started)
			continue;
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
