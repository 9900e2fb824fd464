/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The port options (config.h, skbfwd_port_options): which ports forward and
 * their peers, queues, descriptors and ring thresholds, the pools (size,
 * mbuf size, cache, NUMA), the offloads and RSS hash functions asked for,
 * links and events; dpdk-testpmd's names and meanings.  Parsing only stores
 * into cfg; ports.c and drivers-glue apply it when the ports are set up.  A
 * port, a socket or an lcore named here is checked against what EAL probed.
 */

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "config.h"
#include "parse.h"

/* The smallest mbuf: the headroom and a minimum Ethernet frame. */
#define SKBFWD_MIN_MBUF_SIZE (RTE_PKTMBUF_HEADROOM + RTE_ETHER_MIN_LEN)

void
skbfwd_port_config_init(struct skbfwd_port_config *pc)
{
	memset(pc, 0, sizeof(*pc));
	pc->mbuf_size = RTE_MBUF_DEFAULT_BUF_SIZE;
	pc->mbcache = SKBFWD_UNSET;
	pc->rss_hf = RTE_ETH_RSS_IP | RTE_ETH_RSS_UDP | RTE_ETH_RSS_TCP;
	pc->rx_mq_mode = RTE_ETH_MQ_RX_RSS_FLAG | RTE_ETH_MQ_RX_DCB_FLAG |
			 RTE_ETH_MQ_RX_VMDQ_FLAG;
	pc->rx_free_thresh = pc->rx_pthresh = pc->rx_hthresh = pc->rx_wthresh = SKBFWD_UNSET;
	pc->tx_free_thresh = pc->tx_rs_thresh = SKBFWD_UNSET;
	pc->tx_pthresh = pc->tx_hthresh = pc->tx_wthresh = SKBFWD_UNSET;
	pc->numa = true;
	pc->socket_num = SKBFWD_UNSET;
	memset(pc->port_socket, -1, sizeof(pc->port_socket));
	memset(pc->rxring_socket, -1, sizeof(pc->rxring_socket));
	memset(pc->txring_socket, -1, sizeof(pc->txring_socket));
	pc->lsc_interrupt = true;
	pc->link_check = true;
	pc->device_start = true;
	/* testpmd's default: every event but the mailbox and the probe/release ones */
	pc->event_print_mask = RTE_BIT32(RTE_ETH_EVENT_UNKNOWN) |
			       RTE_BIT32(RTE_ETH_EVENT_INTR_LSC) |
			       RTE_BIT32(RTE_ETH_EVENT_QUEUE_STATE) |
			       RTE_BIT32(RTE_ETH_EVENT_INTR_RESET) |
			       RTE_BIT32(RTE_ETH_EVENT_IPSEC) |
			       RTE_BIT32(RTE_ETH_EVENT_MACSEC) |
			       RTE_BIT32(RTE_ETH_EVENT_INTR_RMV) |
			       RTE_BIT32(RTE_ETH_EVENT_FLOW_AGED) |
			       RTE_BIT32(RTE_ETH_EVENT_ERR_RECOVERING) |
			       RTE_BIT32(RTE_ETH_EVENT_RECOVERY_SUCCESS) |
			       RTE_BIT32(RTE_ETH_EVENT_RECOVERY_FAILED);
}

/* ------------------------------------------------------------ ports, peers */

static int
skbfwd_parse_eth_peer(const char *arg)
{
	const char *mac;
	uint16_t port;
	int ret = skbfwd_parse_port_prefix("eth-peer", arg, &port, &mac);

	if (ret == -ERANGE)
		return -EINVAL;
	if (ret < 0 || skbfwd_parse_mac(mac, &cfg.peer[port]) < 0) {
		fprintf(stderr, "skbfwd: --eth-peer=%s: expected PORT,XX:XX:XX:XX:XX:XX\n", arg);
		return -EINVAL;
	}
	return 0;
}

/* --eth-peers-configfile: the peers file being read, entry by entry. */
struct skbfwd_peers_file {
	struct rte_ether_addr peer[RTE_MAX_ETHPORTS];
	unsigned int n;
};

static int
skbfwd_peers_line(const char *file, unsigned int lineno, char *line, void *arg)
{
	struct skbfwd_peers_file *pf = arg;
	char mac[64], extra[8];

	if (pf->n == RTE_MAX_ETHPORTS) {
		fprintf(stderr, "skbfwd: %s:%u: more than %d ports\n", file, lineno,
			RTE_MAX_ETHPORTS);
		return -EINVAL;
	}
	if (sscanf(line, "%63s %7s", mac, extra) != 1 ||
	    skbfwd_parse_mac(mac, &pf->peer[pf->n]) < 0) {
		fprintf(stderr, "skbfwd: %s:%u: expected the MAC address of port %u's peer (XX:XX:XX:XX:XX:XX)\n",
			file, lineno, pf->n);
		return -EINVAL;
	}
	pf->n++;
	return 0;
}

/* One MAC per line, the Nth for port N (blank lines and # comments skipped). */
static int
skbfwd_parse_peers_file(const char *arg)
{
	struct skbfwd_peers_file pf;
	int ret;

	memset(&pf, 0, sizeof(pf));
	ret = skbfwd_conf_foreach("eth-peers-configfile", arg, skbfwd_peers_line, &pf);
	if (ret != 0)
		return ret == -EINTR ? ret : -EINVAL;
	memcpy(cfg.peer, pf.peer, pf.n * sizeof(pf.peer[0]));
	return 0;
}

static int
skbfwd_parse_portmask(const char *arg)
{
	uint64_t mask, known = 0;
	unsigned int n = 0, p;
	char names[256];
	uint16_t pid;

	if (skbfwd_parse_hex64("portmask", arg, &mask) < 0)
		return -EINVAL;
	if (mask == 0) {
		fprintf(stderr, "skbfwd: --portmask=%s: expected a non-zero hexadecimal mask\n", arg);
		return -EINVAL;
	}
	RTE_ETH_FOREACH_DEV(pid)
		if (pid < 64)
			known |= RTE_BIT64(pid);
	if (mask & ~known) {
		fprintf(stderr, "skbfwd: --portmask=%s names ports that do not exist (ports: %s)\n",
			arg, skbfwd_port_names(names, sizeof(names)));
		return -EINVAL;
	}
	for (p = 0; p < 64 && p < RTE_MAX_ETHPORTS; p++)
		if (mask & RTE_BIT64(p))
			cfg.port_list[n++] = (uint16_t)p;
	cfg.nb_port_list = n;
	return 0;
}

static int
skbfwd_parse_portlist(const char *arg)
{
	uint16_t ports[RTE_MAX_ETHPORTS];
	int n = skbfwd_parse_port_list("portlist", arg, ports, RTE_DIM(ports));

	if (n < 0)
		return -EINVAL;
	memcpy(cfg.port_list, ports, (size_t)n * sizeof(ports[0]));
	cfg.nb_port_list = (unsigned int)n;
	return 0;
}

/* ------------------------------------------------------------------ NUMA */

/* "0, 1": the sockets EAL found, into @buf. */
static const char *
skbfwd_socket_names(char *buf, size_t size)
{
	unsigned int i;
	size_t len = 0;

	buf[0] = '\0';
	for (i = 0; i < rte_socket_count() && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%d", i ? ", " : "",
					rte_socket_id_by_idx(i));
	return buf;
}

/* Socket @s of option --@name=@arg exists; 0 or -EINVAL (printed). */
static int
skbfwd_check_socket(const char *name, const char *arg, unsigned long s)
{
	char names[128];
	unsigned int i;

	for (i = 0; i < rte_socket_count(); i++)
		if ((unsigned long)rte_socket_id_by_idx(i) == s)
			return 0;
	fprintf(stderr, "skbfwd: --%s=%s: socket %lu does not exist (sockets: %s)\n", name, arg,
		s, skbfwd_socket_names(names, sizeof(names)));
	return -EINVAL;
}

/*
 * --port-numa-config=(port,socket)[,(port,socket)...] (@fields 2) and
 * --ring-numa-config=(port,flag,socket)[,...] (@fields 3, flag 1 RX, 2 TX,
 * 3 both): the sockets, all checked before any is stored.
 */
static int
skbfwd_parse_numa_config(const char *name, const char *arg, unsigned int fields)
{
	int8_t pool[RTE_MAX_ETHPORTS], rxr[RTE_MAX_ETHPORTS], txr[RTE_MAX_ETHPORTS];
	const char *p = arg;

	memcpy(pool, cfg.port.port_socket, sizeof(pool));
	memcpy(rxr, cfg.port.rxring_socket, sizeof(rxr));
	memcpy(txr, cfg.port.txring_socket, sizeof(txr));
	for (;;) {
		unsigned long v[3];
		char tok[64], *f[3], *save = NULL;
		const char *close = strchr(p, ')');
		unsigned int k;
		size_t len;

		if (*p != '(' || close == NULL || (len = (size_t)(close - p - 1)) >= sizeof(tok))
			goto syntax;
		memcpy(tok, p + 1, len);
		tok[len] = '\0';
		for (k = 0; k < 3; k++)
			f[k] = strtok_r(k == 0 ? tok : NULL, ",", &save);
		if (f[fields - 1] == NULL || (fields == 2 && f[2] != NULL))
			goto syntax;
		if (skbfwd_parse_uint(name, f[0], 0, RTE_MAX_ETHPORTS - 1, &v[0]) < 0 ||
		    skbfwd_check_port(name, arg, v[0]) < 0)
			return -EINVAL;
		if (fields == 3 && skbfwd_parse_uint(name, f[1], 1, 3, &v[1]) < 0)
			return -EINVAL;
		if (skbfwd_parse_uint(name, f[fields - 1], 0, INT8_MAX, &v[2]) < 0 ||
		    skbfwd_check_socket(name, arg, v[2]) < 0)
			return -EINVAL;
		if (fields == 2)
			pool[v[0]] = (int8_t)v[2];
		if (fields == 3 && (v[1] & 1))
			rxr[v[0]] = (int8_t)v[2];
		if (fields == 3 && (v[1] & 2))
			txr[v[0]] = (int8_t)v[2];
		p = close + 1;
		if (*p == '\0')
			break;
		if (*p++ != ',')
			goto syntax;
	}
	memcpy(cfg.port.port_socket, pool, sizeof(pool));
	memcpy(cfg.port.rxring_socket, rxr, sizeof(rxr));
	memcpy(cfg.port.txring_socket, txr, sizeof(txr));
	return 0;
syntax:
	fprintf(stderr, "skbfwd: --%s=%s: expected %s\n", name, arg,
		fields == 2 ? "(PORT,SOCKET)[,(PORT,SOCKET)...]" :
			      "(PORT,FLAG,SOCKET)[,...] with FLAG 1 (RX), 2 (TX) or 3 (both)");
	return -EINVAL;
}

/* ------------------------------------------------------------ offloads, RSS */

/* Options that ask for offloads, testpmd's bits. */
static const struct {
	const char *name;
	uint64_t rx;
} skbfwd_rx_offload_opts[] = {
	{ "enable-rx-cksum", RTE_ETH_RX_OFFLOAD_CHECKSUM },
	{ "enable-scatter", RTE_ETH_RX_OFFLOAD_SCATTER },
	{ "enable-lro", RTE_ETH_RX_OFFLOAD_TCP_LRO },
	{ "enable-rx-timestamp", RTE_ETH_RX_OFFLOAD_TIMESTAMP },
	{ "enable-hw-vlan", RTE_ETH_RX_OFFLOAD_VLAN },
	{ "enable-hw-vlan-filter", RTE_ETH_RX_OFFLOAD_VLAN_FILTER },
	{ "enable-hw-vlan-strip", RTE_ETH_RX_OFFLOAD_VLAN_STRIP },
	{ "enable-hw-vlan-extend", RTE_ETH_RX_OFFLOAD_VLAN_EXTEND },
	{ "enable-hw-qinq-strip", RTE_ETH_RX_OFFLOAD_QINQ_STRIP },
	{ "disable-crc-strip", RTE_ETH_RX_OFFLOAD_KEEP_CRC },
};

/* testpmd's --print-event / --mask-event names */
static const struct {
	const char *name;
	uint32_t mask;
} skbfwd_events[] = {
	{ "unknown", RTE_BIT32(RTE_ETH_EVENT_UNKNOWN) },
	{ "intr_lsc", RTE_BIT32(RTE_ETH_EVENT_INTR_LSC) },
	{ "queue_state", RTE_BIT32(RTE_ETH_EVENT_QUEUE_STATE) },
	{ "intr_reset", RTE_BIT32(RTE_ETH_EVENT_INTR_RESET) },
	{ "vf_mbox", RTE_BIT32(RTE_ETH_EVENT_VF_MBOX) },
	{ "macsec", RTE_BIT32(RTE_ETH_EVENT_MACSEC) },
	{ "intr_rmv", RTE_BIT32(RTE_ETH_EVENT_INTR_RMV) },
	{ "flow_aged", RTE_BIT32(RTE_ETH_EVENT_FLOW_AGED) },
	{ "err_recovering", RTE_BIT32(RTE_ETH_EVENT_ERR_RECOVERING) },
	{ "recovery_success", RTE_BIT32(RTE_ETH_EVENT_RECOVERY_SUCCESS) },
	{ "recovery_failed", RTE_BIT32(RTE_ETH_EVENT_RECOVERY_FAILED) },
	{ "all", RTE_BIT32(RTE_ETH_EVENT_MAX) - 1 },
};

static int
skbfwd_parse_event(const char *name, const char *arg)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(skbfwd_events); i++) {
		if (strcmp(arg, skbfwd_events[i].name) != 0)
			continue;
		if (name[0] == 'p')
			cfg.port.event_print_mask |= skbfwd_events[i].mask;
		else
			cfg.port.event_print_mask &= ~skbfwd_events[i].mask;
		return 0;
	}
	fprintf(stderr, "skbfwd: --%s=%s: expected unknown, intr_lsc, queue_state, intr_reset, vf_mbox, macsec, intr_rmv, flow_aged, err_recovering, recovery_success, recovery_failed or all\n",
		name, arg);
	return -EINVAL;
}

static int
skbfwd_parse_link_speed(const char *arg)
{
	unsigned long mbps;
	uint32_t flag;

	if (skbfwd_parse_uint("eth-link-speed", arg, 1, UINT32_MAX, &mbps) < 0)
		return -EINVAL;
	flag = rte_eth_speed_bitflag((uint32_t)mbps, RTE_ETH_LINK_FULL_DUPLEX);
	if (flag == 0) {
		fprintf(stderr, "skbfwd: --eth-link-speed=%s: not a link speed in Mbps (10, 100, 1000, 2500, 5000, 10000, 20000, 25000, 40000, 50000, 56000, 100000, 200000, 400000)\n",
			arg);
		return -EINVAL;
	}
	cfg.port.link_speeds = flag | RTE_ETH_LINK_SPEED_FIXED;
	return 0;
}

/* ------------------------------------------------------------------- pools */

static int
skbfwd_parse_mbuf_size(const char *arg)
{
	unsigned long v;

	if (strchr(arg, ',') != NULL) {
		fprintf(stderr, "skbfwd: --mbuf-size=%s is not supported: each RX queue has one pool, so one size (a list is for NIC buffer split or multi-rx-mempool)\n",
			arg);
		return -EINVAL;
	}
	if (skbfwd_parse_uint("mbuf-size", arg, SKBFWD_MIN_MBUF_SIZE, UINT16_MAX, &v) < 0)
		return -EINVAL;
	cfg.port.mbuf_size = (uint16_t)v;
	return 0;
}

static int
skbfwd_parse_mp_alloc(const char *arg)
{
	if (strcmp(arg, "native") == 0)
		return 0;
	if (strcmp(arg, "anon") == 0 || strcmp(arg, "xmem") == 0 ||
	    strcmp(arg, "xmemhuge") == 0 || strcmp(arg, "xbuf") == 0) {
		fprintf(stderr, "skbfwd: --mp-alloc=%s is not supported: pools are populated from DPDK's own memory only (native)\n",
			arg);
		return -EINVAL;
	}
	fprintf(stderr, "skbfwd: --mp-alloc=%s: expected native (anon, xmem, xmemhuge and xbuf are not supported)\n",
		arg);
	return -EINVAL;
}

/* ------------------------------------------------------------------ parse */

/* A threshold option and where it goes. */
static int *
skbfwd_thresh_of(const char *name, unsigned long *max)
{
	static const struct {
		const char *name;
		size_t off;
		unsigned long max;
	} t[] = {
		{ "rxpt", offsetof(struct skbfwd_port_config, rx_pthresh), UINT8_MAX },
		{ "rxht", offsetof(struct skbfwd_port_config, rx_hthresh), UINT8_MAX },
		{ "rxwt", offsetof(struct skbfwd_port_config, rx_wthresh), UINT8_MAX },
		{ "rxfreet", offsetof(struct skbfwd_port_config, rx_free_thresh), UINT16_MAX },
		{ "txpt", offsetof(struct skbfwd_port_config, tx_pthresh), UINT8_MAX },
		{ "txht", offsetof(struct skbfwd_port_config, tx_hthresh), UINT8_MAX },
		{ "txwt", offsetof(struct skbfwd_port_config, tx_wthresh), UINT8_MAX },
		{ "txfreet", offsetof(struct skbfwd_port_config, tx_free_thresh), UINT16_MAX },
		{ "txrst", offsetof(struct skbfwd_port_config, tx_rs_thresh), UINT16_MAX },
	};
	unsigned int i;

	for (i = 0; i < RTE_DIM(t); i++)
		if (strcmp(name, t[i].name) == 0) {
			*max = t[i].max;
			return (int *)(void *)((char *)&cfg.port + t[i].off);
		}
	return NULL;
}

/* --@name=@arg as an unsigned of [@min, @max] into *@dst (of @size bytes). */
static int
skbfwd_store_uint(const char *name, const char *arg, unsigned long min, unsigned long max,
		  void *dst, size_t size)
{
	unsigned long v;

	if (skbfwd_parse_uint(name, arg, min, max, &v) < 0)
		return -EINVAL;
	if (size == sizeof(uint16_t))
		*(uint16_t *)dst = (uint16_t)v;
	else if (size == sizeof(uint32_t))
		*(uint32_t *)dst = (uint32_t)v;
	else
		*(uint64_t *)dst = (uint64_t)v;
	return 0;
}

static int
skbfwd_parse_port_option(const char *name, const char *arg)
{
	struct skbfwd_port_config *pc = &cfg.port;
	unsigned long v, max;
	unsigned int i;
	int *thresh;

	if (strcmp(name, "eth-peer") == 0)
		return skbfwd_parse_eth_peer(arg);
	if (strcmp(name, "eth-peers-configfile") == 0)
		return skbfwd_parse_peers_file(arg);
	if (strcmp(name, "portmask") == 0)
		return skbfwd_parse_portmask(arg);
	if (strcmp(name, "portlist") == 0)
		return skbfwd_parse_portlist(arg);
	if (strcmp(name, "nb-ports") == 0) {
		unsigned int avail = rte_eth_dev_count_avail();

		if (skbfwd_parse_uint(name, arg, 1, RTE_MAX(avail, 1u), &v) < 0)
			return -EINVAL;
		cfg.nb_ports = (unsigned int)v;
		return 0;
	}
	if (strcmp(name, "total-num-mbufs") == 0)
		return skbfwd_store_uint(name, arg, 1024, 1u << 26, &cfg.total_num_mbufs,
					 sizeof(cfg.total_num_mbufs));
	if (strcmp(name, "rxq") == 0 || strcmp(name, "txq") == 0)
		return skbfwd_store_uint(name, arg, 1, 1024,
					 name[0] == 'r' ? &cfg.nb_rxq : &cfg.nb_txq,
					 sizeof(uint16_t));
	if (strcmp(name, "rxd") == 0 || strcmp(name, "txd") == 0)
		return skbfwd_store_uint(name, arg, 32, 32768,
					 name[0] == 'r' ? &cfg.nb_rxd : &cfg.nb_txd,
					 sizeof(uint16_t));
	thresh = skbfwd_thresh_of(name, &max);
	if (thresh != NULL) {
		if (skbfwd_parse_uint(name, arg, 0, max, &v) < 0)
			return -EINVAL;
		*thresh = (int)v;
		return 0;
	}
	if (strcmp(name, "enable-drop-en") == 0) {
		pc->rx_drop_en = true;
		return 0;
	}
	if (strcmp(name, "numa") == 0 || strcmp(name, "no-numa") == 0) {
		pc->numa = name[0] == 'n' && name[1] == 'u';
		return 0;
	}
	if (strcmp(name, "socket-num") == 0) {
		if (skbfwd_parse_uint(name, arg, 0, INT8_MAX, &v) < 0 ||
		    skbfwd_check_socket(name, arg, v) < 0)
			return -EINVAL;
		pc->socket_num = (int)v;
		return 0;
	}
	if (strcmp(name, "port-numa-config") == 0)
		return skbfwd_parse_numa_config(name, arg, 2);
	if (strcmp(name, "ring-numa-config") == 0)
		return skbfwd_parse_numa_config(name, arg, 3);
	if (strcmp(name, "mbuf-size") == 0)
		return skbfwd_parse_mbuf_size(arg);
	if (strcmp(name, "mbcache") == 0) {
		if (skbfwd_parse_uint(name, arg, 0, RTE_MEMPOOL_CACHE_MAX_SIZE, &v) < 0)
			return -EINVAL;
		pc->mbcache = (int)v;
		return 0;
	}
	if (strcmp(name, "mp-alloc") == 0)
		return skbfwd_parse_mp_alloc(arg);
	if (strcmp(name, "max-pkt-len") == 0)
		return skbfwd_store_uint(name, arg, RTE_ETHER_MIN_LEN, UINT16_MAX,
					 &pc->max_pkt_len, sizeof(pc->max_pkt_len));
	if (strcmp(name, "max-lro-pkt-size") == 0)
		return skbfwd_store_uint(name, arg, RTE_ETHER_MIN_LEN, UINT32_MAX,
					 &pc->max_lro_pkt_size, sizeof(pc->max_lro_pkt_size));
	if (strcmp(name, "rx-offloads") == 0)
		return skbfwd_parse_hex64(name, arg, &pc->rx_offloads);
	if (strcmp(name, "tx-offloads") == 0)
		return skbfwd_parse_hex64(name, arg, &pc->tx_offloads);
	for (i = 0; i < RTE_DIM(skbfwd_rx_offload_opts); i++)
		if (strcmp(name, skbfwd_rx_offload_opts[i].name) == 0) {
			pc->rx_offloads |= skbfwd_rx_offload_opts[i].rx;
			return 0;
		}
	if (strcmp(name, "disable-rss") == 0) {
		pc->rss_hf = 0;
		return 0;
	}
	if (strcmp(name, "rss-ip") == 0) {
		pc->rss_hf = RTE_ETH_RSS_IP;
		return 0;
	}
	if (strcmp(name, "rss-udp") == 0) {
		pc->rss_hf = RTE_ETH_RSS_UDP;
		return 0;
	}
	if (strcmp(name, "rss-level-inner") == 0 || strcmp(name, "rss-level-outer") == 0) {
		pc->rss_level = strcmp(name + 10, "inner") == 0 ? RTE_ETH_RSS_LEVEL_INNERMOST :
								  RTE_ETH_RSS_LEVEL_OUTERMOST;
		return 0;
	}
	if (strcmp(name, "rx-mq-mode") == 0) {
		uint64_t m;

		if (skbfwd_parse_hex64(name, arg, &m) < 0)
			return -EINVAL;
		if (m > 7) {
			fprintf(stderr, "skbfwd: --rx-mq-mode=%s is out of range (0x0..0x7)\n", arg);
			return -EINVAL;
		}
		pc->rx_mq_mode = (uint8_t)m;
		return 0;
	}
	if (strcmp(name, "no-lsc-interrupt") == 0) {
		pc->lsc_interrupt = false;
		return 0;
	}
	/* skbfwd never asks for removal interrupts: nothing to turn off */
	if (strcmp(name, "no-rmv-interrupt") == 0)
		return 0;
	if (strcmp(name, "disable-link-check") == 0) {
		pc->link_check = false;
		return 0;
	}
	if (strcmp(name, "disable-device-start") == 0) {
		pc->device_start = false;
		return 0;
	}
	if (strcmp(name, "eth-link-speed") == 0)
		return skbfwd_parse_link_speed(arg);
	if (strcmp(name, "print-event") == 0 || strcmp(name, "mask-event") == 0)
		return skbfwd_parse_event(name, arg);
	return -EINVAL;
}

int
skbfwd_port_config_check(void)
{
	const struct skbfwd_port_config *pc = &cfg.port;

	if (pc->rx_free_thresh >= cfg.nb_rxd) {
		fprintf(stderr, "skbfwd: --rxfreet=%d is out of range (0..%u): below --rxd=%u\n",
			pc->rx_free_thresh, cfg.nb_rxd - 1, cfg.nb_rxd);
		return -EINVAL;
	}
	if (pc->tx_free_thresh > cfg.nb_txd || pc->tx_rs_thresh > cfg.nb_txd) {
		fprintf(stderr, "skbfwd: --%s=%d is out of range (0..%u): up to --txd=%u\n",
			pc->tx_free_thresh > cfg.nb_txd ? "txfreet" : "txrst",
			pc->tx_free_thresh > cfg.nb_txd ? pc->tx_free_thresh : pc->tx_rs_thresh,
			cfg.nb_txd, cfg.nb_txd);
		return -EINVAL;
	}
	if (cfg.nb_port_list != 0 && cfg.nb_ports > cfg.nb_port_list) {
		fprintf(stderr, "skbfwd: --nb-ports=%u but --portmask/--portlist name %u port%s\n",
			cfg.nb_ports, cfg.nb_port_list, cfg.nb_port_list > 1 ? "s" : "");
		return -EINVAL;
	}
	return 0;
}

static const struct option skbfwd_port_longopts[] = {
	{ "eth-peer", required_argument, NULL, 0 },
	{ "eth-peers-configfile", required_argument, NULL, 0 },
	{ "portmask", required_argument, NULL, 0 },
	{ "portlist", required_argument, NULL, 0 },
	{ "nb-ports", required_argument, NULL, 0 },
	{ "total-num-mbufs", required_argument, NULL, 0 },
	{ "rxq", required_argument, NULL, 0 },
	{ "txq", required_argument, NULL, 0 },
	{ "rxd", required_argument, NULL, 0 },
	{ "txd", required_argument, NULL, 0 },
	{ "rxpt", required_argument, NULL, 0 },
	{ "rxht", required_argument, NULL, 0 },
	{ "rxwt", required_argument, NULL, 0 },
	{ "rxfreet", required_argument, NULL, 0 },
	{ "txpt", required_argument, NULL, 0 },
	{ "txht", required_argument, NULL, 0 },
	{ "txwt", required_argument, NULL, 0 },
	{ "txfreet", required_argument, NULL, 0 },
	{ "txrst", required_argument, NULL, 0 },
	{ "enable-drop-en", no_argument, NULL, 0 },
	{ "numa", no_argument, NULL, 0 },
	{ "no-numa", no_argument, NULL, 0 },
	{ "socket-num", required_argument, NULL, 0 },
	{ "port-numa-config", required_argument, NULL, 0 },
	{ "ring-numa-config", required_argument, NULL, 0 },
	{ "mbuf-size", required_argument, NULL, 0 },
	{ "mbcache", required_argument, NULL, 0 },
	{ "mp-alloc", required_argument, NULL, 0 },
	{ "max-pkt-len", required_argument, NULL, 0 },
	{ "max-lro-pkt-size", required_argument, NULL, 0 },
	{ "rx-offloads", required_argument, NULL, 0 },
	{ "tx-offloads", required_argument, NULL, 0 },
	{ "enable-rx-cksum", no_argument, NULL, 0 },
	{ "enable-scatter", no_argument, NULL, 0 },
	{ "enable-lro", no_argument, NULL, 0 },
	{ "enable-rx-timestamp", no_argument, NULL, 0 },
	{ "enable-hw-vlan", no_argument, NULL, 0 },
	{ "enable-hw-vlan-filter", no_argument, NULL, 0 },
	{ "enable-hw-vlan-strip", no_argument, NULL, 0 },
	{ "enable-hw-vlan-extend", no_argument, NULL, 0 },
	{ "enable-hw-qinq-strip", no_argument, NULL, 0 },
	{ "disable-crc-strip", no_argument, NULL, 0 },
	{ "disable-rss", no_argument, NULL, 0 },
	{ "rss-ip", no_argument, NULL, 0 },
	{ "rss-udp", no_argument, NULL, 0 },
	{ "rss-level-inner", no_argument, NULL, 0 },
	{ "rss-level-outer", no_argument, NULL, 0 },
	{ "rx-mq-mode", required_argument, NULL, 0 },
	{ "no-lsc-interrupt", no_argument, NULL, 0 },
	{ "no-rmv-interrupt", no_argument, NULL, 0 },
	{ "disable-link-check", no_argument, NULL, 0 },
	{ "disable-device-start", no_argument, NULL, 0 },
	{ "eth-link-speed", required_argument, NULL, 0 },
	{ "print-event", required_argument, NULL, 0 },
	{ "mask-event", required_argument, NULL, 0 },
	{ NULL, 0, NULL, 0 },
};

const struct fwd_options skbfwd_port_options = {
	.longopts = skbfwd_port_longopts,
	.parse = skbfwd_parse_port_option,
	.usage =
	"Ports:\n"
	"  --portmask=HEX          the ports to forward on (default all)\n"
	"  --portlist=LIST         the same as a list such as 0,2-3, in forwarding order\n"
	"  --nb-ports=N            the first N of them\n"
	"  --eth-peer=PORT,MAC     destination MAC for frames sent on PORT (mac, txonly, encap)\n"
	"  --eth-peers-configfile=FILE  the same for every port: the Nth MAC line is port N's\n"
	"  --rxq=N, --txq=N        queues per port (default 1; RSS spreads flows)\n"
	"  --rxd=N, --txd=N        descriptors per queue (default 1024)\n"
	"  --rxfreet, --rxpt, --rxht, --rxwt, --txfreet, --txrst, --txpt, --txht, --txwt=N\n"
	"                          ring thresholds (default: the device's)\n"
	"  --enable-drop-en        drop on RX when no descriptor is free\n"
	"Pools:\n"
	"  --total-num-mbufs=N     mbufs per pool (default: enough for all rings)\n"
	"  --mbuf-size=N           data room of each mbuf, headroom included (default 2176);\n"
	"                          longer frames arrive chained\n"
	"  --mbcache=N             per-lcore cache of each pool, 0..512\n"
	"  --mp-alloc=native       pools from DPDK's memory (the only way)\n"
	"  --numa, --no-numa       a pool per socket of the ports (default), or one pool\n"
	"  --socket-num=N          the socket of ports that report none, and of all with --no-numa\n"
	"  --port-numa-config=(PORT,SOCKET)[,...]  the socket of a port's pool\n"
	"  --ring-numa-config=(PORT,FLAG,SOCKET)[,...]  the socket of its RX (1), TX (2) rings\n"
	"Offloads, RSS, links:\n"
	"  --max-pkt-len=N         longest frame received (the MTU follows)\n"
	"  --rx-offloads=HEX, --tx-offloads=HEX  offloads asked (RTE_ETH_*_OFFLOAD_*)\n"
	"  --enable-rx-cksum, --enable-scatter, --enable-lro, --max-lro-pkt-size=N,\n"
	"  --enable-rx-timestamp, --enable-hw-vlan[-filter|-strip|-extend],\n"
	"  --enable-hw-qinq-strip, --disable-crc-strip  RX offloads asked\n"
	"  --rss-ip, --rss-udp, --disable-rss, --rss-level-inner, --rss-level-outer\n"
	"                          RSS hash functions with several RX queues (default IP, UDP, TCP)\n"
	"  --rx-mq-mode=HEX        multi-queue modes allowed (0: no RSS)\n"
	"  --no-lsc-interrupt      poll the links instead of waiting for interrupts\n"
	"  --no-rmv-interrupt      (skbfwd never asks for removal interrupts)\n"
	"  --disable-link-check    do not wait for the links at start\n"
	"  --disable-device-start  set the ports up but do not start them: nothing forwards\n"
	"  --eth-link-speed=MBPS   a fixed link speed\n"
	"  --print-event=EV, --mask-event=EV  print ethdev events or not (testpmd's names)\n",
};
