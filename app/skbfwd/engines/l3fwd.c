/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * l3fwd engine: IPv4 longest-prefix-match routing with rte_lpm, and IPv6 with
 * rte_lpm6 (l3fwd6.c).  Routes come from --routes FILE (config/routes.conf
 * shows the syntax); each names the TX port and the next hop's MAC.  A packet passes the RFC 1812 5.2.2 checks
 * (libskb's skb_parse_ip(): version, IHL, lengths, header checksum) and TTL > 1,
 * then gets its TTL decremented with an RFC 1624 incremental checksum update
 * (csum_replace2()) and its MACs rewritten (source := TX port's MAC,
 * destination := next hop's MAC).
 * The TX port comes from the route, so the engine sends on any port
 * (tx_any_port: every lcore owns a TX queue on every port).
 */

#include <rte_lpm.h>
#include <rte_prefetch.h>

#include "l3fwd.h"
#include "pkt.h"

static struct l3fwd_routes l3fwd_rt;

static int
l3fwd_setup(void)
{
	return l3fwd_routes_load(&l3fwd_rt, "skbfwd_l3fwd");
}

static void
l3fwd_teardown(void)
{
	l3fwd_routes_free(&l3fwd_rt);
}

/* Route one packet: PKT_OK with the hop index in *@hop, or a drop reason. */
static inline int
l3fwd_route(struct sk_buff *skb, uint32_t *hop)
{
	struct rte_ipv4_hdr *ip;
	struct rte_ether_hdr *eth;
	const struct l3fwd_hop *h;
	struct skb_hdrs hd;
	uint16_t old, new_word, sum;
	int ret;

	skb_reset_mac_header(skb);
	ret = skb_parse_eth(skb, 0, &hd);
	if (unlikely(ret < 0))
		goto bad;
	skb->protocol = hd.protocol;
	if (unlikely(hd.protocol != RTE_BE16(RTE_ETHER_TYPE_IPV4))) {
		if (hd.protocol == RTE_BE16(RTE_ETHER_TYPE_IPV6)) {
			/* nothing of the IPv4 path's escapes to the call: it stays in registers */
			uint32_t hop6 = 0;
			int r = l3fwd6_route(skb, &l3fwd_rt, &hop6);

			*hop = hop6;
			return r;
		}
		return FWD_DROP_NOT_IPV4;
	}
	ret = skb_parse_ip(skb, &hd, SKB_PARSE_CSUM);
	if (unlikely(ret < 0))
		goto bad;
	__skb_set_network_header(skb, (int)hd.l3_off);  /* valid since skb_reset_mac_header() */
	ip = (struct rte_ipv4_hdr *)(skb_data(skb) + hd.l3_off);
	if (unlikely(ip->time_to_live <= 1))
		return FWD_DROP_TTL_EXPIRED;
	if (unlikely(rte_lpm_lookup(l3fwd_rt.lpm, rte_be_to_cpu_32(ip->dst_addr), hop) != 0))
		return FWD_DROP_NO_ROUTE;
	/* TTL shares a 16-bit checksum word with the protocol */
	old = pkt_word(&ip->time_to_live);
	ip->time_to_live--;
	new_word = pkt_word(&ip->time_to_live);
	sum = ip->hdr_checksum;
	csum_replace2(&sum, old, new_word);
	ip->hdr_checksum = sum;
	h = &l3fwd_rt.hop[*hop];
	eth = (struct rte_ether_hdr *)skb_data(skb);
	eth->dst_addr = h->mac;
	eth->src_addr = *fwd_port_addr(h->port);
	return PKT_OK;
bad:
	return pkt_drop_reason(ret);
}

/* A burst for several ports: one TX burst per port, in arrival order within each. */
static __rte_noinline void
l3fwd_tx_mixed(struct fwd_stream *fs, struct sk_buff **skbs, const uint16_t *port_of,
	       uint16_t n, uint16_t queue)
{
	struct sk_buff *out[MAX_PKT_BURST];
	uint16_t order[MAX_PKT_BURST], group_port[MAX_PKT_BURST], group_len[MAX_PKT_BURST];
	unsigned int g, nb_groups = l3fwd_group_by_port(port_of, n, order, group_port, group_len);
	uint16_t i, k = 0;

	for (g = 0; g < nb_groups; g++) {
		for (i = 0; i < group_len[g]; i++)
			out[i] = skbs[order[k++]];
		fwd_tx_to(fs, group_port[g], queue, out, group_len[g]);
	}
}

static void
l3fwd_fwd(struct fwd_stream *fs)
{
	struct sk_buff *skbs[MAX_PKT_BURST];
	uint16_t port_of[MAX_PKT_BURST];
	uint16_t n = fwd_rx_nobytes(fs, skbs), i, nb_ok = 0;
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
		port_of[nb_ok] = l3fwd_rt.hop[hop].port;
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
	l3fwd_tx_mixed(fs, skbs, port_of, nb_ok, queue);
}

FWD_LCORE_LOOP(l3fwd_fwd)

const struct fwd_engine l3fwd_engine = {
	.name = "l3fwd",
	.setup = l3fwd_setup,
	.packet_fwd = l3fwd_fwd,
	.lcore_loop = l3fwd_fwd_lcore_loop,
	.teardown = l3fwd_teardown,
	.options = FWD_OPTIONS(&l3fwd_routes_options),
	.tx_any_port = true,
};
