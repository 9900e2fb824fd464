/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * 5tswap engine: testpmd's five-tuple swap.  Each frame goes back the way it
 * came with its Ethernet addresses swapped; behind any number of 802.1Q and
 * 802.1ad tags (as testpmd: libskb's parser skips two, this file the rest), an
 * IPv4 header libskb's parser accepts has its addresses swapped and, when it
 * carries UDP or TCP and is no fragment but the first, the ports, as soon as
 * their 4 bytes are inside the IP packet (testpmd does not check the
 * transport header either); an IPv6 header (version 6, the 40 bytes inside the frame) has its addresses
 * swapped and, when its next header is UDP or TCP (no extension header
 * skipped, as testpmd) and their 4 port bytes are inside the payload, its
 * ports.  A swap changes no checksum (the sums are order-free), so none is
 * touched.  Whatever is not understood is still forwarded with only the
 * layers before it swapped, as testpmd does; only frames shorter than an
 * Ethernet header are dropped (truncated).  Unlike testpmd, it does not swap
 * the first 4 payload bytes of non-first IPv4 fragments, which are not ports.
 * IPv6 is read here, not by libskb's parser: testpmd takes the fixed header's
 * next header as the transport protocol without walking extension headers,
 * which a parser that walks them would not reproduce.
 */

#include <string.h>

#include <rte_ip.h>

#include "pkt.h"
#include "skb_parse.h"

#define IPV6_HDR_LEN 40

/* Swap the @len bytes at @a and @b. */
static inline void
swap_bytes(uint8_t *a, uint8_t *b, size_t len)
{
	uint8_t tmp[16];

	memcpy(tmp, a, len);
	memcpy(a, b, len);
	memcpy(b, tmp, len);
}

/* Swap the ports of the transport header at @off when it is UDP or TCP. */
static inline void
fivetswap_ports(struct sk_buff *skb, unsigned int off)
{
	uint8_t *p = skb_data(skb) + off;

	swap_bytes(p, p + 2, 2);
}

/*
 * Skip the tags libskb's parser left (a third one, or an 802.1ad tag inside
 * another) as testpmd does; each pull is bounded by the frame, so is the loop.
 * @return 0; < 0 when a tag is cut short.
 */
static inline int
fivetswap_skip_tags(struct sk_buff *skb, struct skb_hdrs *h)
{
	while (unlikely(h->protocol == RTE_BE16(RTE_ETHER_TYPE_VLAN) ||
			h->protocol == RTE_BE16(RTE_ETHER_TYPE_QINQ))) {
		int ret = skb_parse_pull(skb, h->l3_off + sizeof(struct rte_vlan_hdr));

		if (ret < 0)
			return ret;
		h->protocol = skb_parse_be16(skb_data(skb) + h->l3_off + 2);
		h->l3_off += sizeof(struct rte_vlan_hdr);
	}
	return 0;
}

static inline void
fivetswap_ipv6(struct sk_buff *skb, const struct skb_hdrs *h)
{
	unsigned int l3 = h->l3_off;
	uint8_t *ip;
	unsigned int plen;

	if (!pskb_may_pull(skb, l3 + IPV6_HDR_LEN))
		return;
	ip = skb_data(skb) + l3;
	if ((ip[0] >> 4) != 6)
		return;
	swap_bytes(ip + 8, ip + 24, 16);
	if (ip[6] != IPPROTO_UDP && ip[6] != IPPROTO_TCP)
		return;
	plen = (unsigned int)ip[4] << 8 | ip[5];
	if (plen >= 4 && l3 + IPV6_HDR_LEN + 4 <= skb_len(skb) &&
	    pskb_may_pull(skb, l3 + IPV6_HDR_LEN + 4))
		fivetswap_ports(skb, l3 + IPV6_HDR_LEN);
}

static inline int
fivetswap_one(struct fwd_stream *fs __rte_unused, struct sk_buff *skb)
{
	struct rte_ether_hdr *eth;
	struct skb_hdrs h;
	struct rte_ipv4_hdr *ip;

	if (unlikely(!pskb_may_pull(skb, RTE_ETHER_HDR_LEN)))
		return FWD_DROP_TRUNCATED;
	eth = (struct rte_ether_hdr *)skb_data(skb);
	swap_bytes(eth->dst_addr.addr_bytes, eth->src_addr.addr_bytes, RTE_ETHER_ADDR_LEN);
	if (skb_parse_eth(skb, 0, &h) < 0 || fivetswap_skip_tags(skb, &h) < 0)
		return PKT_OK;          /* a tag cut short: the MACs are all there is */
	if (h.protocol == RTE_BE16(RTE_ETHER_TYPE_IPV6)) {
		fivetswap_ipv6(skb, &h);
		return PKT_OK;
	}
	if (skb_parse_ip(skb, &h, 0) < 0)
		return PKT_OK;
	ip = (struct rte_ipv4_hdr *)(skb_data(skb) + h.l3_off);
	swap_bytes((uint8_t *)&ip->src_addr, (uint8_t *)&ip->dst_addr, 4);
	/* the first fragment holds the ports; the others hold payload there */
	if ((h.l4_proto == IPPROTO_UDP || h.l4_proto == IPPROTO_TCP) &&
	    !(ip->fragment_offset & RTE_BE16(RTE_IPV4_HDR_OFFSET_MASK)) &&
	    h.l4_off + 4 <= h.l3_end && skb_parse_pull(skb, h.l4_off + 4) == 0)
		fivetswap_ports(skb, h.l4_off);
	return PKT_OK;
}

static void
fivetswap_fwd(struct fwd_stream *fs)
{
	struct sk_buff *skbs[MAX_PKT_BURST];
	uint16_t n = fwd_rx(fs, skbs);

	if (unlikely(n == 0))
		return;
	fwd_tx(fs, skbs, pkt_filter_burst(fs, skbs, n, fivetswap_one));
}

const struct fwd_engine fivetswap_engine = {
	.name = "5tswap",
	.packet_fwd = fivetswap_fwd,
};
