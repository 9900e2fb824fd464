/* SPDX-License-Identifier: BSD-3-Clause */
/* Port bring-up for any ethdev, and the per-socket skb pools behind it. */

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <numa.h>
#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_log.h>

#include "skb.h"
#include "port.h"

#define GLUE_MAX_SOCKETS 8

static struct rte_mempool *glue_pools[GLUE_MAX_SOCKETS];
static struct glue_port glue_ports[RTE_MAX_ETHPORTS];
static bool glue_port_used[RTE_MAX_ETHPORTS];

static int
glue_port_socket(uint16_t port_id)
{
	int s = rte_eth_dev_socket_id(port_id);

	/* virtual devices report SOCKET_ID_ANY: use the main lcore's socket */
	if (s < 0 || s >= GLUE_MAX_SOCKETS)
		s = (int)rte_socket_id();
	if (s < 0 || s >= GLUE_MAX_SOCKETS)
		s = 0;
	return s;
}

int
glue_pools_create(unsigned int nb_mbufs, unsigned int data_room)
{
	bool need[GLUE_MAX_SOCKETS] = { false };
	int max_node = numa_available() < 0 ? 0 : numa_max_node();
	uint16_t pid;
	int s, nports = 0;

	RTE_ETH_FOREACH_DEV(pid) {
		need[glue_port_socket(pid)] = true;
		nports++;
	}
	if (nports == 0)
		return -ENODEV;
	for (s = 0; s < GLUE_MAX_SOCKETS; s++) {
		char name[RTE_MEMPOOL_NAMESIZE];

		if (!need[s] || glue_pools[s] != NULL)
			continue;
		if (s > max_node)
			RTE_LOG(WARNING, USER1,
				"socket %d is beyond the NUMA nodes libnuma reports (%d)\n",
				s, max_node);
		snprintf(name, sizeof(name), "skbfwd_pool_s%d", s);
		glue_pools[s] = skb_pool_create(name, nb_mbufs, data_room, s);
		if (glue_pools[s] == NULL && s != SOCKET_ID_ANY)
			glue_pools[s] = skb_pool_create(name, nb_mbufs, data_room,
							SOCKET_ID_ANY);
		if (glue_pools[s] == NULL) {
			RTE_LOG(ERR, USER1, "cannot create skb pool of %u on socket %d: %s\n",
				nb_mbufs, s, rte_strerror(rte_errno));
			return -ENOMEM;
		}
	}
	return 0;
}

struct rte_mempool *
glue_socket_pool(int socket)
{
	int s;

	if (socket >= 0 && socket < GLUE_MAX_SOCKETS && glue_pools[socket] != NULL)
		return glue_pools[socket];
	for (s = 0; s < GLUE_MAX_SOCKETS; s++)
		if (glue_pools[s] != NULL)
			return glue_pools[s];
	return NULL;
}

static unsigned int
glue_nb_pools(void)
{
	unsigned int s, n = 0;

	for (s = 0; s < GLUE_MAX_SOCKETS; s++)
		n += glue_pools[s] != NULL;
	return n;
}

const char *
glue_offload_names(uint64_t offloads, bool rx, char *buf, size_t size)
{
	size_t len = 0;
	int bit;

	buf[0] = '\0';
	for (bit = 0; bit < 64 && len < size; bit++) {
		uint64_t f = RTE_BIT64(bit);

		if (!(offloads & f))
			continue;
		len += snprintf(buf + len, size - len, "%s%s", len ? "," : "",
				rx ? rte_eth_dev_rx_offload_name(f) :
				     rte_eth_dev_tx_offload_name(f));
	}
	if (len == 0)
		snprintf(buf, size, "none");
	return buf;
}

/* Log a link change of @port_id (from the LSC callback or the poll). */
static void
glue_link_log(uint16_t port_id, const char *how)
{
	struct rte_eth_link link;
	char text[RTE_ETH_LINK_MAX_STR_LEN];

	memset(&link, 0, sizeof(link));
	if (rte_eth_link_get_nowait(port_id, &link) < 0)
		return;
	glue_ports[port_id].link_up = link.link_status == RTE_ETH_LINK_UP;
	rte_eth_link_to_str(text, sizeof(text), &link);
	printf("Port %u: link event (%s): %s\n", port_id, how, text);
	fflush(stdout);
}

/*
 * ethdev's callback signature: only the link-state event is registered, so the
 * event type, the callback argument and the return slot are not needed.
 */
static int
glue_lsc_event(uint16_t port_id, enum rte_eth_event_type type __rte_unused,
	       void *arg __rte_unused, void *ret __rte_unused)
{
	glue_link_log(port_id, "interrupt");
	return 0;
}

unsigned int
glue_ports_poll_link(void)
{
	unsigned int changes = 0;
	uint16_t pid;

	for (pid = 0; pid < RTE_MAX_ETHPORTS; pid++) {
		struct rte_eth_link link;

		if (!glue_port_used[pid] || glue_ports[pid].lsc_intr)
			continue;
		memset(&link, 0, sizeof(link));
		if (rte_eth_link_get_nowait(pid, &link) < 0 ||
		    (link.link_status == RTE_ETH_LINK_UP) == glue_ports[pid].link_up)
			continue;
		glue_link_log(pid, "poll");
		changes++;
	}
	return changes;
}

int
glue_port_setup(uint16_t port_id, const struct glue_port_conf *conf)
{
	struct glue_port *p = &glue_ports[port_id];
	struct rte_eth_conf dev_conf;
	struct rte_eth_rxconf rxq_conf;
	struct rte_eth_txconf txq_conf;
	uint16_t nb_rxd = conf->nb_rxd, nb_txd = conf->nb_txd, q;
	char rxs[512], txs[512];
	int ret;

	if (!rte_eth_dev_is_valid_port(port_id))
		return -ENODEV;
	memset(p, 0, sizeof(*p));
	p->port_id = port_id;
	p->socket = glue_port_socket(port_id);
	p->pool = glue_socket_pool(p->socket);
	if (p->pool == NULL)
		return -ENOMEM;
	rte_eth_dev_get_name_by_port(port_id, p->name);

	ret = rte_eth_dev_info_get(port_id, &p->info);
	if (ret < 0)
		return ret;
	if (conf->nb_rxq > p->info.max_rx_queues || conf->nb_txq > p->info.max_tx_queues) {
		RTE_LOG(ERR, USER1, "port %u (%s) has %u rx / %u tx queues at most\n",
			port_id, p->name, p->info.max_rx_queues, p->info.max_tx_queues);
		return -EINVAL;
	}

	memset(&dev_conf, 0, sizeof(dev_conf));
	p->rx_offloads = conf->rx_offloads & p->info.rx_offload_capa;
	p->tx_offloads = conf->tx_offloads & p->info.tx_offload_capa;
	/* fast free returns TX'd mbufs straight to one pool: only with one pool */
	if ((p->tx_offloads & RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE) && glue_nb_pools() > 1)
		p->tx_offloads &= ~RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE;
	if (conf->nb_rxq > 1 && p->info.flow_type_rss_offloads != 0) {
		p->rss_hf = (RTE_ETH_RSS_IP | RTE_ETH_RSS_UDP | RTE_ETH_RSS_TCP) &
			    p->info.flow_type_rss_offloads;
		if (p->rss_hf != 0) {
			dev_conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
			dev_conf.rx_adv_conf.rss_conf.rss_hf = p->rss_hf;
			if (p->info.rx_offload_capa & RTE_ETH_RX_OFFLOAD_RSS_HASH)
				p->rx_offloads |= RTE_ETH_RX_OFFLOAD_RSS_HASH;
		}
	}
	/* link changes: an interrupt callback where the device raises them, else polled */
	p->lsc_intr = (*p->info.dev_flags & RTE_ETH_DEV_INTR_LSC) != 0;
	dev_conf.intr_conf.lsc = p->lsc_intr;
	dev_conf.rxmode.offloads = p->rx_offloads;
	dev_conf.txmode.offloads = p->tx_offloads;
	if (conf->max_rx_pkt_len != 0 && conf->max_rx_pkt_len > RTE_ETHER_MAX_LEN)
		dev_conf.rxmode.mtu = conf->max_rx_pkt_len - RTE_ETHER_HDR_LEN -
				      RTE_ETHER_CRC_LEN;

	ret = rte_eth_dev_configure(port_id, conf->nb_rxq, conf->nb_txq, &dev_conf);
	if (ret < 0) {
		RTE_LOG(ERR, USER1, "port %u (%s): configure failed: %s\n",
			port_id, p->name, strerror(-ret));
		return ret;
	}
	ret = rte_eth_dev_adjust_nb_rx_tx_desc(port_id, &nb_rxd, &nb_txd);
	if (ret < 0)
		return ret;

	rxq_conf = p->info.default_rxconf;
	rxq_conf.offloads = p->rx_offloads;
	for (q = 0; q < conf->nb_rxq; q++) {
		ret = rte_eth_rx_queue_setup(port_id, q, nb_rxd, p->socket,
					     &rxq_conf, p->pool);
		if (ret < 0) {
			RTE_LOG(ERR, USER1, "port %u rx queue %u: %s\n", port_id, q,
				strerror(-ret));
			return ret;
		}
	}
	txq_conf = p->info.default_txconf;
	txq_conf.offloads = p->tx_offloads;
	for (q = 0; q < conf->nb_txq; q++) {
		ret = rte_eth_tx_queue_setup(port_id, q, nb_txd, p->socket, &txq_conf);
		if (ret < 0) {
			RTE_LOG(ERR, USER1, "port %u tx queue %u: %s\n", port_id, q,
				strerror(-ret));
			return ret;
		}
	}
	p->nb_rxq = conf->nb_rxq;
	p->nb_txq = conf->nb_txq;

	ret = rte_eth_macaddr_get(port_id, &p->mac);
	if (ret < 0)
		return ret;
	ret = rte_eth_dev_start(port_id);
	if (ret < 0) {
		RTE_LOG(ERR, USER1, "port %u (%s): start failed: %s\n", port_id,
			p->name, strerror(-ret));
		return ret;
	}
	p->started = true;
	glue_port_used[port_id] = true;
	if (p->lsc_intr &&
	    rte_eth_dev_callback_register(port_id, RTE_ETH_EVENT_INTR_LSC, glue_lsc_event, NULL) < 0)
		p->lsc_intr = false;
	if (conf->promisc) {
		ret = rte_eth_promiscuous_enable(port_id);
		if (ret < 0 && ret != -ENOTSUP)
			RTE_LOG(WARNING, USER1, "port %u: promiscuous mode: %s\n",
				port_id, strerror(-ret));
	}
	skb_netdev_set_pool(port_id, p->pool);

	printf("Port %u (%s): socket %d, %u rxq x %u desc, %u txq x %u desc, "
	       "MAC " RTE_ETHER_ADDR_PRT_FMT "\n",
	       port_id, p->name, p->socket, conf->nb_rxq, nb_rxd, conf->nb_txq,
	       nb_txd, RTE_ETHER_ADDR_BYTES(&p->mac));
	printf("Port %u offloads: rx=%s tx=%s rss=%s", port_id,
	       glue_offload_names(p->rx_offloads, true, rxs, sizeof(rxs)),
	       glue_offload_names(p->tx_offloads, false, txs, sizeof(txs)),
	       p->rss_hf ? "on" : "off");
	/* what was asked for but stays off, so a user sees why it runs in software */
	if ((conf->rx_offloads & ~p->rx_offloads) || (conf->tx_offloads & ~p->tx_offloads))
		printf(" (asked, off: rx=%s tx=%s)",
		       glue_offload_names(conf->rx_offloads & ~p->rx_offloads, true, rxs, sizeof(rxs)),
		       glue_offload_names(conf->tx_offloads & ~p->tx_offloads, false, txs, sizeof(txs)));
	printf("\n");
	return 0;
}

struct glue_port *
glue_port_get(uint16_t port_id)
{
	if (port_id >= RTE_MAX_ETHPORTS || !glue_port_used[port_id])
		return NULL;
	return &glue_ports[port_id];
}

void
glue_ports_wait_link(unsigned int ms)
{
	uint64_t deadline = rte_get_timer_cycles() + rte_get_timer_hz() * ms / 1000;
	uint16_t pid;

	RTE_ETH_FOREACH_DEV(pid) {
		struct rte_eth_link link;
		char text[RTE_ETH_LINK_MAX_STR_LEN];

		if (!glue_port_used[pid])
			continue;
		for (;;) {
			memset(&link, 0, sizeof(link));
			if (rte_eth_link_get_nowait(pid, &link) < 0)
				break;
			if (link.link_status == RTE_ETH_LINK_UP ||
			    rte_get_timer_cycles() >= deadline)
				break;
			rte_delay_ms(10);
		}
		glue_ports[pid].link_up = link.link_status == RTE_ETH_LINK_UP;
		rte_eth_link_to_str(text, sizeof(text), &link);
		printf("Port %u: %s\n", pid, text);
	}
}

int
glue_port_stop(uint16_t port_id)
{
	struct glue_port *p = glue_port_get(port_id);
	int ret;

	if (p == NULL)
		return -ENODEV;
	if (!p->started)
		return 0;
	ret = rte_eth_dev_stop(port_id);
	if (ret == 0)
		p->started = false;
	return ret;
}

int
glue_port_close(uint16_t port_id)
{
	struct glue_port *p = glue_port_get(port_id);
	int ret;

	if (p == NULL)
		return -ENODEV;
	if (p->lsc_intr)
		rte_eth_dev_callback_unregister(port_id, RTE_ETH_EVENT_INTR_LSC,
						glue_lsc_event, NULL);
	if (p->started)
		rte_eth_dev_stop(port_id);
	ret = rte_eth_dev_close(port_id);
	skb_netdev_set_pool(port_id, NULL);
	p->started = false;
	glue_port_used[port_id] = false;
	return ret;
}

void
glue_ports_close(void)
{
	uint16_t pid;

	for (pid = 0; pid < RTE_MAX_ETHPORTS; pid++)
		(void)glue_port_close(pid);
}

unsigned int
glue_pools_in_use(void)
{
	unsigned int s, n = 0;

	for (s = 0; s < GLUE_MAX_SOCKETS; s++)
		if (glue_pools[s] != NULL)
			n += rte_mempool_in_use_count(glue_pools[s]);
	return n;
}

void
glue_pools_free(void)
{
	unsigned int s;

	for (s = 0; s < GLUE_MAX_SOCKETS; s++) {
		rte_mempool_free(glue_pools[s]);
		glue_pools[s] = NULL;
	}
}
