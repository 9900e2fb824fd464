/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * l3fwd engine: IPv4 longest-prefix-match routing with rte_lpm.  Routes come
 * from --routes FILE (config/routes.conf shows the syntax); each names the TX
 * port and the next hop's MAC.  A packet passes the RFC 1812 5.2.2 checks
 * (pkt_parse_ipv4: version, IHL, lengths, header checksum) and TTL > 1, then
 * gets its TTL decremented with an RFC 1624 incremental checksum update and its
 * MACs rewritten (source := TX port's MAC, destination := next hop's MAC).
 * The TX port comes from the route, so the engine sends on any port
 * (tx_any_port: every lcore owns a TX queue on every port).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>
#include <rte_lpm.h>
#include <rte_prefetch.h>

#include "l3fwd.h"
#include "pkt.h"

#define L3FWD_MAX_ROUTES 4096
#define L3FWD_NB_TBL8 1024

static const char *l3fwd_routes_file;
struct rte_lpm *l3fwd_lpm;           /* shared with l3fwd-raw (l3fwd.h) */
struct l3fwd_hop l3fwd_hops[L3FWD_MAX_ROUTES];
static unsigned int l3fwd_nb_hops;

static bool
l3fwd_port_in_use(unsigned long port)
{
	unsigned int i;

	for (i = 0; i < nb_fwd_ports; i++)
		if (fwd_ports[i] == port)
			return true;
	return false;
}

/*
 * One route line: "PREFIX/LEN PORT NEXT_HOP_MAC" (blank lines and '#'
 * comments allowed).  @return 0 or -EINVAL after printing "FILE:LINE: why".
 */
static int
l3fwd_parse_route(const char *file, unsigned int lineno, char *line, void *arg __rte_unused)
{
	char pfx[64], mac[64], extra[8], *slash, *end = NULL;
	unsigned long len, port;
	uint32_t addr, hop;
	int n, ret;

	n = sscanf(line, "%63s %lu %63s %7s", pfx, &port, mac, extra);
	if (n != 3) {
		fprintf(stderr, "skbfwd: %s:%u: expected \"PREFIX/LEN PORT MAC\"\n", file, lineno);
		return -EINVAL;
	}
	slash = strchr(pfx, '/');
	if (slash == NULL) {
		fprintf(stderr, "skbfwd: %s:%u: prefix %s has no /LEN\n", file, lineno, pfx);
		return -EINVAL;
	}
	*slash = '\0';
	len = strtoul(slash + 1, &end, 10);
	if (slash[1] == '\0' || *end != '\0' || len > 32) {
		fprintf(stderr, "skbfwd: %s:%u: prefix length %s is not 0..32\n", file, lineno,
			slash + 1);
		return -EINVAL;
	}
	if (skbfwd_parse_ipv4(pfx, &addr) < 0) {
		fprintf(stderr, "skbfwd: %s:%u: %s is not an IPv4 address\n", file, lineno, pfx);
		return -EINVAL;
	}
	if (len < 32 && (rte_be_to_cpu_32(addr) & (UINT32_MAX >> len)) != 0) {
		fprintf(stderr, "skbfwd: %s:%u: %s/%lu has bits set past the prefix length\n",
			file, lineno, pfx, len);
		return -EINVAL;
	}
	if (rte_lpm_is_rule_present(l3fwd_lpm, rte_be_to_cpu_32(addr), (uint8_t)len, &hop) == 1) {
		fprintf(stderr, "skbfwd: %s:%u: %s/%lu is routed twice (first to port %u)\n",
			file, lineno, pfx, len, l3fwd_hops[hop].port);
		return -EINVAL;
	}
	if (!l3fwd_port_in_use(port)) {
		fprintf(stderr, "skbfwd: %s:%u: port %lu is not a forwarding port\n", file, lineno,
			port);
		return -EINVAL;
	}
	if (l3fwd_nb_hops >= L3FWD_MAX_ROUTES) {
		fprintf(stderr, "skbfwd: %s:%u: more than %d routes\n", file, lineno,
			L3FWD_MAX_ROUTES);
		return -EINVAL;
	}
	if (skbfwd_parse_mac(mac, &l3fwd_hops[l3fwd_nb_hops].mac) < 0) {
		fprintf(stderr, "skbfwd: %s:%u: %s is not a MAC address\n", file, lineno, mac);
		return -EINVAL;
	}
	l3fwd_hops[l3fwd_nb_hops].port = (uint16_t)port;
	ret = rte_lpm_add(l3fwd_lpm, rte_be_to_cpu_32(addr), (uint8_t)len, l3fwd_nb_hops);
	if (ret < 0) {
		fprintf(stderr, "skbfwd: %s:%u: cannot add route: %s\n", file, lineno,
			strerror(-ret));
		return ret;
	}
	l3fwd_nb_hops++;
	return 0;
}

int
l3fwd_setup(void)
{
	struct rte_lpm_config lc = {
		.max_rules = L3FWD_MAX_ROUTES,
		.number_tbl8s = L3FWD_NB_TBL8,
	};

	l3fwd_nb_hops = 0;
	l3fwd_lpm = rte_lpm_create("skbfwd_l3fwd", (int)rte_socket_id(), &lc);
	if (l3fwd_lpm == NULL) {
		fprintf(stderr, "skbfwd: l3fwd: cannot create the LPM table: %s\n",
			rte_strerror(rte_errno));
		return -ENOMEM;
	}
	if (l3fwd_routes_file == NULL) {
		printf("skbfwd: l3fwd: no --routes given: every packet is dropped as no_route\n");
		return 0;
	}
	if (skbfwd_conf_foreach("routes", l3fwd_routes_file, l3fwd_parse_route, NULL) < 0) {
		rte_lpm_free(l3fwd_lpm);
		l3fwd_lpm = NULL;
		return -EINVAL;
	}
	printf("skbfwd: l3fwd: %u routes from %s\n", l3fwd_nb_hops, l3fwd_routes_file);
	return 0;
}

void
l3fwd_stream_fini(struct fwd_stream *fs)
{
	if (fs == &fwd_streams[nb_fwd_streams - 1] && l3fwd_lpm != NULL) {
		rte_lpm_free(l3fwd_lpm);
		l3fwd_lpm = NULL;
	}
}

/* Route one packet: PKT_OK with the hop index in *@hop, or a drop reason. */
static inline int
l3fwd_route(struct sk_buff *skb, uint32_t *hop)
{
	struct rte_ipv4_hdr *ip;
	struct rte_ether_hdr *eth;
	const struct l3fwd_hop *h;
	unsigned int l3off, ihl;
	uint16_t old, new_word;
	int ret;

	ret = pkt_parse_eth(skb, &l3off);
	if (unlikely(ret != PKT_OK))
		return ret;
	if (unlikely(skb->protocol != RTE_BE16(RTE_ETHER_TYPE_IPV4)))
		return FWD_DROP_NOT_IPV4;
	ret = pkt_parse_ipv4(skb, l3off, true, &ihl);
	if (unlikely(ret != PKT_OK))
		return ret;
	ip = (struct rte_ipv4_hdr *)(skb_data(skb) + l3off);
	if (unlikely(ip->time_to_live <= 1))
		return FWD_DROP_TTL_EXPIRED;
	if (unlikely(rte_lpm_lookup(l3fwd_lpm, rte_be_to_cpu_32(ip->dst_addr), hop) != 0))
		return FWD_DROP_NO_ROUTE;
	/* TTL shares a 16-bit checksum word with the protocol */
	old = pkt_word(&ip->time_to_live);
	ip->time_to_live--;
	new_word = pkt_word(&ip->time_to_live);
	ip->hdr_checksum = pkt_csum_replace2(ip->hdr_checksum, old, new_word);
	h = &l3fwd_hops[*hop];
	eth = (struct rte_ether_hdr *)skb_data(skb);
	eth->dst_addr = h->mac;
	eth->src_addr = *fwd_port_addr(h->port);
	return PKT_OK;
}

static void
l3fwd_fwd(struct fwd_stream *fs)
{
	struct sk_buff *skbs[MAX_PKT_BURST], *out[MAX_PKT_BURST];
	uint16_t port_of[MAX_PKT_BURST];
	uint16_t n = __fwd_rx(fs, skbs), i, nb_ok = 0, p;
	uint16_t queue = fwd_tx_queue_any(fs);
	unsigned int mixed = 0;   /* non-zero when the burst goes to several ports */
	uint64_t bytes = 0, ok_bytes = 0;   /* received, and routed: no extra pass to count them */

	if (unlikely(n == 0))
		return;
	for (i = 0; i < n; i++) {
		struct sk_buff *skb = skbs[i];
		uint32_t hop;
		uint32_t len = skb_len(skb);
		int ret;

		if (likely(i + 1 < n))
			rte_prefetch0(skb_data(skbs[i + 1]));
		ret = l3fwd_route(skb, &hop);
		bytes += len;
		if (unlikely(ret != PKT_OK)) {
			fwd_drop(fs, skb, (enum fwd_drop)ret);
			continue;
		}
		ok_bytes += len;
		port_of[nb_ok] = l3fwd_hops[hop].port;
		mixed |= port_of[nb_ok] ^ port_of[0];
		skbs[nb_ok++] = skb;
	}
	fs->rx_bytes += bytes;
	/* the whole burst to one port, the usual case: no sorting */
	if (likely(mixed == 0)) {
		if (likely(nb_ok != 0))
			fwd_tx_to_bytes(fs, port_of[0], queue, skbs, nb_ok, ok_bytes);
		return;
	}
	/* one TX burst per port, in arrival order within each port */
	for (p = 0; p < nb_fwd_ports && nb_ok != 0; p++) {
		uint16_t port = fwd_ports[p], k = 0, rest = 0;

		for (i = 0; i < nb_ok; i++) {
			if (port_of[i] == port)
				out[k++] = skbs[i];
			else {
				port_of[rest] = port_of[i];
				skbs[rest++] = skbs[i];
			}
		}
		nb_ok = rest;
		if (k != 0)
			fwd_tx_to(fs, port, queue, out, k);
	}
}

static const struct option l3fwd_options[] = {
	{ "routes", required_argument, NULL, 0 },
	{ NULL, 0, NULL, 0 },
};

static int
l3fwd_parse_option(const char *name, const char *arg)
{
	if (strcmp(name, "routes") == 0) {
		if (*arg == '\0') {
			fprintf(stderr, "skbfwd: --routes needs a file name\n");
			return -EINVAL;
		}
		l3fwd_routes_file = arg;
		return 0;
	}
	return -EINVAL;
}

FWD_LCORE_LOOP(l3fwd_fwd)

const struct fwd_engine l3fwd_engine = {
	.name = "l3fwd",
	.setup = l3fwd_setup,
	.packet_fwd = l3fwd_fwd,
	.lcore_loop = l3fwd_fwd_lcore_loop,
	.stream_fini = l3fwd_stream_fini,
	.options = l3fwd_options,
	.parse_option = l3fwd_parse_option,
	.usage = "  --routes=FILE           l3fwd: IPv4 routes \"PREFIX/LEN PORT NEXT_HOP_MAC\" per line\n",
	.tx_any_port = true,
};
