/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * 5tswap engine: testpmd's five-tuple swap.  Each frame goes back the way it
 * came with its Ethernet addresses swapped; behind any number of 802.1Q and
 * 802.1ad tags (as testpmd: libskb's parser skips two, this file the rest), an
 * IPv4 or IPv6 header libskb's parser accepts has its addresses swapped and,
 * when it carries UDP or TCP and is no fragment but the first, the ports, as
 * soon as their 4 bytes are inside the IP packet (testpmd does not check the
 * transport header either).  IPv6 extension headers are skipped as the parser
 * walks them (Linux's ipv6_skip_exthdr()), so the ports behind them are
 * swapped too, where testpmd takes the fixed header's next header as the
 * transport protocol.  A swap changes no checksum (the sums are order-free),
 * so none is touched.  Whatever is not understood is still forwarded with only
 * the layers before it swapped, as testpmd does; only frames shorter than an
 * Ethernet header are dropped (truncated).  Where testpmd reads what is not
 * there (headers past the frame, IP headers with a wrong version or length)
 * this engine does not follow it.
 */

#include <stddef.h>
#include <string.h>

#include <rte_ip.h>

#include "pkt.h"
#include "skb_parse.h"

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

static inline int
fivetswap_one(struct fwd_stream *fs __rte_unused, struct sk_buff *skb)
{
	struct rte_ether_hdr *eth;
	struct skb_hdrs h;
	uint8_t *ip;

	if (unlikely(!pskb_may_pull(skb, RTE_ETHER_HDR_LEN)))
		return FWD_DROP_TRUNCATED;
	eth = (struct rte_ether_hdr *)skb_data(skb);
	swap_bytes(eth->dst_addr.addr_bytes, eth->src_addr.addr_bytes, RTE_ETHER_ADDR_LEN);
	if (skb_parse_eth(skb, 0, &h) < 0 || fivetswap_skip_tags(skb, &h) < 0)
		return PKT_OK;          /* a tag cut short: the MACs are all there is */
	if (skb_parse_ip(skb, &h, 0) < 0)
		return PKT_OK;
	ip = skb_data(skb) + h.l3_off;
	if (h.protocol == RTE_BE16(RTE_ETHER_TYPE_IPV4)) {
		swap_bytes(ip + offsetof(struct rte_ipv4_hdr, src_addr),
			   ip + offsetof(struct rte_ipv4_hdr, dst_addr), 4);
		/* a later fragment holds payload where the ports were */
		if (((const struct rte_ipv4_hdr *)ip)->fragment_offset &
		    RTE_BE16(RTE_IPV4_HDR_OFFSET_MASK))
			return PKT_OK;
	} else {
		/* a later fragment's walk ends at its fragment header: no ports */
		swap_bytes(ip + offsetof(struct rte_ipv6_hdr, src_addr),
			   ip + offsetof(struct rte_ipv6_hdr, dst_addr), 16);
	}
	if ((h.l4_proto == IPPROTO_UDP || h.l4_proto == IPPROTO_TCP) &&
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
