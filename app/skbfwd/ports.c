/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ports skbfwd forwards on (runtime.h): which ones, what the engines know
 * of each (fwd_port_info[]), their pools and set-up through drivers-glue, and
 * the drain of software rings before the leak audit.
 */

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_ethdev.h>

#include "port.h"
#include "config.h"
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
	unsigned int n = 0;

	RTE_ETH_FOREACH_DEV(pid) {
		if (cfg.portmask != 0 && (pid >= 64 || !(cfg.portmask & RTE_BIT64(pid))))
			continue;
		ports[n++] = pid;
	}
	if (cfg.portmask != 0) {
		uint64_t known = 0;
		unsigned int i;

		for (i = 0; i < n; i++)
			known |= RTE_BIT64(ports[i]);
		if (cfg.portmask & ~known) {
			fprintf(stderr, "skbfwd: --portmask=0x%" PRIx64 " names ports that do not exist (available: 0x%" PRIx64 ")\n",
				cfg.portmask, known);
			return -ENODEV;
		}
	}
	if (n == 0) {
		fprintf(stderr, "skbfwd: no usable port: give devices with -a or --vdev (e.g. --vdev net_null0 --vdev net_null1)\n");
		return -ENODEV;
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

int
fwd_ports_setup(void)
{
	bool gso = fwd_gso_wanted();
	struct glue_port_conf pc = {
		.nb_rxq = cfg.nb_rxq,
		.nb_txq = cfg.nb_txq,
		.nb_rxd = cfg.nb_rxd,
		.nb_txd = cfg.nb_txd,
		.promisc = true,
		.link_wait_ms = 3000,
		.rx_offloads = cfg.engine->rx_offloads,
		.tx_offloads = RTE_ETH_TX_OFFLOAD_MULTI_SEGS | cfg.engine->tx_offloads |
			       (gso ? FWD_TX_TSO_OFFLOADS : 0),
	};
	unsigned int nb = cfg.total_num_mbufs ? cfg.total_num_mbufs : fwd_default_mbufs();
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
		fwd_port_info[fwd_ports[i]].mac = glue_port_get(fwd_ports[i])->mac;
	}
	glue_ports_wait_link(pc.link_wait_ms);
	for (i = 0; gso && i < nb_fwd_ports; i++)
		fwd_tx_port_setup(fwd_ports[i]);
	return 0;
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
