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
/* glue_port_set_socket(): socket + 1 of a port's pool, 0: the device's */
static int8_t glue_socket_override[RTE_MAX_ETHPORTS];
/* the pool set-up in force (glue_pools_setup()) */
static struct glue_pool_conf glue_pool_cf = { .cache_size = -1, .socket = SOCKET_ID_ANY };
/* ethdev events printed (glue_events_print()); link changes by default */
static uint32_t glue_event_mask = UINT32_C(1) << RTE_ETH_EVENT_INTR_LSC;
/* the events whose print callback is registered on every port */
static uint32_t glue_event_registered;

/* @s when it is a socket a pool can be made for, else the main lcore's (or 0). */
static int
glue_valid_socket(int s)
{
	if (s < 0 || s >= GLUE_MAX_SOCKETS)
		s = (int)rte_socket_id();
	if (s < 0 || s >= GLUE_MAX_SOCKETS)
		s = 0;
	return s;
}

void
glue_port_set_socket(uint16_t port_id, int socket)
{
	if (port_id < RTE_MAX_ETHPORTS)
		glue_socket_override[port_id] =
			(int8_t)(socket < 0 || socket >= GLUE_MAX_SOCKETS ? 0 : socket + 1);
}

int
glue_port_socket(uint16_t port_id)
{
	int s;

	if (port_id < RTE_MAX_ETHPORTS && glue_socket_override[port_id] != 0)
		return glue_socket_override[port_id] - 1;
	if (glue_pool_cf.one_pool)
		return glue_valid_socket(glue_pool_cf.socket);
	/* virtual devices report SOCKET_ID_ANY: the configured socket, else the main lcore's */
	s = rte_eth_dev_socket_id(port_id);
	if (s < 0 || s >= GLUE_MAX_SOCKETS)
		s = glue_pool_cf.socket;
	return glue_valid_socket(s);
}

int
glue_pools_create(unsigned int nb_mbufs, unsigned int data_room)
{
	struct glue_pool_conf pc = {
		.nb_mbufs = nb_mbufs,
		.data_room = data_room,
		.cache_size = -1,
		.socket = SOCKET_ID_ANY,
	};

	return glue_pools_setup(&pc);
}

/* One skb pool named @name on @socket as @conf says, or NULL. */
static struct rte_mempool *
glue_pool_make(const char *name, const struct glue_pool_conf *conf, int socket)
{
	if (conf->cache_size < 0)
		return skb_pool_create(name, conf->nb_mbufs, conf->data_room, socket);
	return skb_pool_create_cache(name, conf->nb_mbufs, (unsigned int)conf->cache_size,
				     conf->data_room, socket);
}

int
glue_pools_setup(const struct glue_pool_conf *conf)
{
	bool need[GLUE_MAX_SOCKETS] = { false };
	int max_node = numa_available() < 0 ? 0 : numa_max_node();
	uint16_t pid;
	int s, nports = 0;

	glue_pool_cf = *conf;
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
		glue_pools[s] = glue_pool_make(name, conf, s);
		if (glue_pools[s] == NULL)
			glue_pools[s] = glue_pool_make(name, conf, SOCKET_ID_ANY);
		if (glue_pools[s] == NULL) {
			RTE_LOG(ERR, USER1, "cannot create skb pool of %u on socket %d: %s\n",
				conf->nb_mbufs, s, rte_strerror(rte_errno));
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

const char *
glue_rss_names(uint64_t rss_hf, char *buf, size_t size)
{
	/* testpmd's names of the hash functions */
	static const struct { uint64_t hf; const char *name; } names[] = {
		{ RTE_ETH_RSS_IPV4, "ipv4" }, { RTE_ETH_RSS_FRAG_IPV4, "ipv4-frag" },
		{ RTE_ETH_RSS_NONFRAG_IPV4_TCP, "ipv4-tcp" },
		{ RTE_ETH_RSS_NONFRAG_IPV4_UDP, "ipv4-udp" },
		{ RTE_ETH_RSS_NONFRAG_IPV4_SCTP, "ipv4-sctp" },
		{ RTE_ETH_RSS_NONFRAG_IPV4_OTHER, "ipv4-other" },
		{ RTE_ETH_RSS_IPV6, "ipv6" }, { RTE_ETH_RSS_FRAG_IPV6, "ipv6-frag" },
		{ RTE_ETH_RSS_NONFRAG_IPV6_TCP, "ipv6-tcp" },
		{ RTE_ETH_RSS_NONFRAG_IPV6_UDP, "ipv6-udp" },
		{ RTE_ETH_RSS_NONFRAG_IPV6_SCTP, "ipv6-sctp" },
		{ RTE_ETH_RSS_NONFRAG_IPV6_OTHER, "ipv6-other" },
		{ RTE_ETH_RSS_L2_PAYLOAD, "l2-payload" }, { RTE_ETH_RSS_IPV6_EX, "ipv6-ex" },
		{ RTE_ETH_RSS_IPV6_TCP_EX, "ipv6-tcp-ex" },
		{ RTE_ETH_RSS_IPV6_UDP_EX, "ipv6-udp-ex" }, { RTE_ETH_RSS_PORT, "port" },
		{ RTE_ETH_RSS_VXLAN, "vxlan" }, { RTE_ETH_RSS_GENEVE, "geneve" },
		{ RTE_ETH_RSS_NVGRE, "nvgre" }, { RTE_ETH_RSS_GTPU, "gtpu" },
		{ RTE_ETH_RSS_ETH, "eth" }, { RTE_ETH_RSS_S_VLAN, "s-vlan" },
		{ RTE_ETH_RSS_C_VLAN, "c-vlan" }, { RTE_ETH_RSS_ESP, "esp" },
		{ RTE_ETH_RSS_AH, "ah" }, { RTE_ETH_RSS_L2TPV3, "l2tpv3" },
		{ RTE_ETH_RSS_PFCP, "pfcp" }, { RTE_ETH_RSS_PPPOE, "pppoe" },
		{ RTE_ETH_RSS_ECPRI, "ecpri" }, { RTE_ETH_RSS_MPLS, "mpls" },
		{ RTE_ETH_RSS_IPV4_CHKSUM, "ipv4-chksum" },
		{ RTE_ETH_RSS_L4_CHKSUM, "l4-chksum" }, { RTE_ETH_RSS_L2TPV2, "l2tpv2" },
		{ RTE_ETH_RSS_L3_SRC_ONLY, "l3-src-only" },
		{ RTE_ETH_RSS_L3_DST_ONLY, "l3-dst-only" },
		{ RTE_ETH_RSS_L4_SRC_ONLY, "l4-src-only" },
		{ RTE_ETH_RSS_L4_DST_ONLY, "l4-dst-only" },
		{ RTE_ETH_RSS_L2_SRC_ONLY, "l2-src-only" },
		{ RTE_ETH_RSS_L2_DST_ONLY, "l2-dst-only" },
		{ RTE_ETH_RSS_LEVEL_OUTERMOST, "level-outer" },
		{ RTE_ETH_RSS_LEVEL_INNERMOST, "level-inner" },
	};
	uint64_t left = rss_hf;
	size_t len = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < RTE_DIM(names) && len < size; i++) {
		if ((rss_hf & names[i].hf) != names[i].hf)
			continue;
		len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? "," : "",
					names[i].name);
		left &= ~names[i].hf;
	}
	if (left != 0 && len < size)
		len += (size_t)snprintf(buf + len, size - len, "%s0x%" PRIx64, len ? "," : "",
					left);
	if (len == 0)
		snprintf(buf, size, "none");
	return buf;
}

const char *
glue_event_name(enum rte_eth_event_type type)
{
	/* testpmd's words, so that "Port N: ... event" lines read the same */
	static const char *const names[RTE_ETH_EVENT_MAX] = {
		[RTE_ETH_EVENT_UNKNOWN] = "unknown",
		[RTE_ETH_EVENT_INTR_LSC] = "link state change",
		[RTE_ETH_EVENT_QUEUE_STATE] = "queue state",
		[RTE_ETH_EVENT_INTR_RESET] = "reset",
		[RTE_ETH_EVENT_VF_MBOX] = "virtual function mailbox",
		[RTE_ETH_EVENT_MACSEC] = "macsec",
		[RTE_ETH_EVENT_INTR_RMV] = "device removal",
		[RTE_ETH_EVENT_NEW] = "device probed",
		[RTE_ETH_EVENT_DESTROY] = "device released",
		[RTE_ETH_EVENT_IPSEC] = "IPsec",
		[RTE_ETH_EVENT_FLOW_AGED] = "flow aged",
		[RTE_ETH_EVENT_RX_AVAIL_THRESH] = "Rx available descriptors threshold reached",
		[RTE_ETH_EVENT_ERR_RECOVERING] = "error recovering",
		[RTE_ETH_EVENT_RECOVERY_SUCCESS] = "error recovery successful",
		[RTE_ETH_EVENT_RECOVERY_FAILED] = "error recovery failed",
	};

	if ((unsigned int)type >= RTE_ETH_EVENT_MAX || names[type] == NULL)
		return "unknown";
	return names[type];
}

/* ethdev's callback signature: the callback argument and return slot are not used. */
static int
glue_event_cb(uint16_t port_id, enum rte_eth_event_type type, void *arg __rte_unused,
	      void *ret __rte_unused)
{
	if (glue_event_mask & (UINT32_C(1) << type)) {
		printf("Port %u: %s event\n", port_id, glue_event_name(type));
		fflush(stdout);
	}
	return 0;
}

int
glue_events_print(uint32_t mask)
{
	unsigned int t;
	int ret;

	glue_event_mask = mask;
	/* link changes have their own callback, registered with the port */
	for (t = 0; t < RTE_ETH_EVENT_MAX; t++) {
		uint32_t bit = UINT32_C(1) << t;

		if (t == RTE_ETH_EVENT_INTR_LSC || !(mask & bit) || (glue_event_registered & bit))
			continue;
		ret = rte_eth_dev_callback_register(RTE_ETH_ALL, (enum rte_eth_event_type)t,
						    glue_event_cb, NULL);
		if (ret < 0)
			return ret;
		glue_event_registered |= bit;
	}
	return 0;
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
	if (!(glue_event_mask & (UINT32_C(1) << RTE_ETH_EVENT_INTR_LSC)))
		return;
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
	int rx_socket, tx_socket;
	char rxs[512], txs[512];
	int ret;

	if (!rte_eth_dev_is_valid_port(port_id))
		return -ENODEV;
	/* set up again: a started port cannot be configured */
	if (glue_port_used[port_id] && p->started) {
		ret = rte_eth_dev_stop(port_id);
		if (ret < 0)
			return ret;
		p->started = false;
	}
	memset(p, 0, sizeof(*p));
	memcpy(&p->conf, conf, sizeof(p->conf)); /* padding too: callers compare with memcmp() */
	p->port_id = port_id;
	p->socket = glue_port_socket(port_id);
	p->pool = glue_socket_pool(p->socket);
	if (p->pool == NULL)
		return -ENOMEM;
	rte_eth_dev_get_name_by_port(port_id, p->name);
	rx_socket = conf->ring_sockets ? conf->rx_socket : p->socket;
	tx_socket = conf->ring_sockets ? conf->tx_socket : p->socket;

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
	if (conf->nb_rxq > 1 && !conf->no_rss) {
		/* ethdev refuses a configuration with a hash function the device lacks */
		p->rss_asked = conf->rss_hf != 0 ? conf->rss_hf :
			       RTE_ETH_RSS_IP | RTE_ETH_RSS_UDP | RTE_ETH_RSS_TCP;
		p->rss_hf = p->rss_asked & p->info.flow_type_rss_offloads;
		if (p->rss_hf != 0) {
			dev_conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
			dev_conf.rx_adv_conf.rss_conf.rss_hf = p->rss_hf;
			if (p->info.rx_offload_capa & RTE_ETH_RX_OFFLOAD_RSS_HASH)
				p->rx_offloads |= RTE_ETH_RX_OFFLOAD_RSS_HASH;
		}
	}
	/* link changes: an interrupt callback where the device raises them, else polled */
	p->lsc_intr = !conf->no_lsc_interrupt && (*p->info.dev_flags & RTE_ETH_DEV_INTR_LSC) != 0;
	dev_conf.intr_conf.lsc = p->lsc_intr;
	dev_conf.rxmode.offloads = p->rx_offloads;
	dev_conf.txmode.offloads = p->tx_offloads;
	dev_conf.link_speeds = conf->link_speeds;
	dev_conf.rxmode.max_lro_pkt_size = conf->max_lro_pkt_size;
	if (conf->max_rx_pkt_len != 0) {
		/* the L2 overhead the device counts (testpmd's get_eth_overhead()) */
		uint32_t overhead = RTE_ETHER_HDR_LEN + RTE_ETHER_CRC_LEN;

		if (p->info.max_mtu != UINT16_MAX && p->info.max_rx_pktlen > p->info.max_mtu)
			overhead = p->info.max_rx_pktlen - p->info.max_mtu;
		if (conf->max_rx_pkt_len <= overhead) {
			RTE_LOG(ERR, USER1, "port %u (%s): a frame of %u bytes leaves no MTU\n",
				port_id, p->name, conf->max_rx_pkt_len);
			return -EINVAL;
		}
		dev_conf.rxmode.mtu = conf->max_rx_pkt_len - overhead;
	}

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
	if (conf->rxconf != NULL)
		conf->rxconf(port_id, &rxq_conf);
	for (q = 0; q < conf->nb_rxq; q++) {
		ret = rte_eth_rx_queue_setup(port_id, q, nb_rxd, (unsigned int)rx_socket,
					     &rxq_conf, p->pool);
		if (ret < 0) {
			RTE_LOG(ERR, USER1, "port %u rx queue %u: %s\n", port_id, q,
				strerror(-ret));
			return ret;
		}
	}
	txq_conf = p->info.default_txconf;
	txq_conf.offloads = p->tx_offloads;
	if (conf->txconf != NULL)
		conf->txconf(port_id, &txq_conf);
	for (q = 0; q < conf->nb_txq; q++) {
		ret = rte_eth_tx_queue_setup(port_id, q, nb_txd, (unsigned int)tx_socket,
					     &txq_conf);
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
	if (rte_eth_dev_get_mtu(port_id, &p->mtu) < 0)
		p->mtu = 0;
	glue_port_used[port_id] = true;
	if (!conf->no_start) {
		ret = rte_eth_dev_start(port_id);
		if (ret < 0) {
			RTE_LOG(ERR, USER1, "port %u (%s): start failed: %s\n", port_id,
				p->name, strerror(-ret));
			return ret;
		}
		p->started = true;
	}
	/* registering the same callback again is a no-op in ethdev */
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
	if (!p->started)
		printf("Port %u: configured, not started\n", port_id);
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
glue_ports_wait_link(unsigned int ms, const volatile sig_atomic_t *stop)
{
	uint64_t deadline = rte_get_timer_cycles() + rte_get_timer_hz() * ms / 1000;
	uint16_t pid;

	RTE_ETH_FOREACH_DEV(pid) {
		struct rte_eth_link link;
		char text[RTE_ETH_LINK_MAX_STR_LEN];

		if (!glue_port_used[pid] || !glue_ports[pid].started)
			continue;
		for (;;) {
			if (stop != NULL && *stop)
				return;
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
glue_port_start(uint16_t port_id)
{
	struct glue_port *p = glue_port_get(port_id);
	int ret;

	if (p == NULL)
		return -ENODEV;
	if (p->started)
		return 0;
	ret = rte_eth_dev_start(port_id);
	if (ret == 0)
		p->started = true;
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
	unsigned int t;
	uint16_t pid;

	for (t = 0; t < RTE_ETH_EVENT_MAX; t++)
		if (glue_event_registered & (UINT32_C(1) << t))
			rte_eth_dev_callback_unregister(RTE_ETH_ALL, (enum rte_eth_event_type)t,
							glue_event_cb, NULL);
	glue_event_registered = 0;
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
