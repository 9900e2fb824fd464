/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * l3fwd's IPv6 half: the checks RFC 8200 and RFC 4443 ask of a router and an
 * rte_lpm6 lookup, apart from the IPv4 path so that one stays as it is.
 */

#include "l3fwd.h"
#include "pkt.h"

int
l3fwd6_route(struct sk_buff *skb, const struct l3fwd_routes *rt, uint32_t *hop)
{
	struct skb_hdrs hdrs, *hd = &hdrs;
	struct rte_ipv6_hdr *ip;
	struct rte_ether_hdr *eth;
	const struct l3fwd_hop *h;
	int ret;

	/* the Ethernet header again: the IPv4 path's parse result stays its own */
	ret = skb_parse_eth(skb, 0, hd);
	if (likely(ret == 0))
		ret = skb_parse_ip(skb, hd, 0);
	if (unlikely(ret < 0))
		return pkt_drop_reason(ret);
	__skb_set_network_header(skb, (int)hd->l3_off);
	ip = (struct rte_ipv6_hdr *)(skb_data(skb) + hd->l3_off);
	/* RFC 4291 2.7: a multicast address is never a source */
	if (unlikely(ip->src_addr[0] == 0xff))
		return FWD_DROP_BAD_ADDRESS;
	/* RFC 8200 3: a packet must not be forwarded with hop limit 0 after the decrement */
	if (unlikely(ip->hop_limits <= 1))
		return FWD_DROP_TTL_EXPIRED;
	if (unlikely(rt->lpm6 == NULL || rte_lpm6_lookup(rt->lpm6, ip->dst_addr, hop) != 0))
		return FWD_DROP_NO_ROUTE;
	ip->hop_limits--;
	h = &rt->hop[*hop];
	eth = (struct rte_ether_hdr *)skb_data(skb);
	eth->dst_addr = h->mac;
	eth->src_addr = *fwd_port_addr(h->port);
	return PKT_OK;
}
