/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * decap engine: VXLAN (RFC 7348) decapsulation.  The outer headers are
 * validated (libskb's parser: every length bounded by the frame, the IPv4
 * header checksum, IPv6 extension headers; and a non-zero UDP checksum, 0
 * being allowed for tunnels over IPv6 too, RFC 6935) and pulled with
 * skb_pull(); the inner frame, cut to the UDP payload's length, is sent on.
 * What is not a VXLAN packet for us (not IPv4 or IPv6 and UDP, a fragment, another UDP port, another
 * --vxlan-local/--vxlan-remote/--vxlan-vni when given, no I flag) is dropped
 * as not_tunnel; malformed outer headers under truncated, bad_header or
 * bad_checksum; an IPv6 outer from a multicast source as bad_address.  As Linux's tunnels, the skb sent is the inner frame's: its
 * mac, network and transport headers (found by vxlan_mark_inner() while the
 * tunnel header leads, then made the skb's own by decap_inner_to_outer()),
 * the protocol its EtherType, encapsulation 0.
 */

#include "pkt.h"
#include "vxlan.h"

/*
 * The outer headers pulled: the inner ones become the skb's headers, the
 * protocol the inner EtherType (0x0000 when the frame is too short to say),
 * encapsulation 0 and no inner headers left.
 */
static inline void
decap_inner_to_outer(struct sk_buff *skb)
{
	skb->mac_header = skb->inner_mac_header;
	skb->network_header = skb->inner_network_header;
	skb->transport_header = skb->inner_transport_header;
	skb->inner_mac_header = SKB_HDR_UNSET;
	skb->inner_network_header = SKB_HDR_UNSET;
	skb->inner_transport_header = SKB_HDR_UNSET;
	skb->encapsulation = 0;
	skb->protocol = skb_headlen(skb) >= ETH_HLEN ? eth_hdr(skb)->ether_type : 0;
}

static inline int
decap_one(struct fwd_stream *fs __rte_unused, struct sk_buff *skb)
{
	const struct rte_udp_hdr *uh;
	const struct rte_vxlan_hdr *vx;
	struct skb_hdrs h;
	unsigned int ulen, inner;
	int ret;

	skb_reset_mac_header(skb);
	ret = skb_parse_eth(skb, 0, &h);
	if (unlikely(ret < 0))
		return pkt_drop_reason(ret);
	skb->protocol = h.protocol;
	if (h.protocol != RTE_BE16(RTE_ETHER_TYPE_IPV4) &&
	    h.protocol != RTE_BE16(RTE_ETHER_TYPE_IPV6))
		return FWD_DROP_NOT_TUNNEL;
	ret = skb_parse_ip(skb, &h, SKB_PARSE_CSUM);
	if (unlikely(ret < 0))
		return pkt_drop_reason(ret);
	__skb_set_network_header(skb, (int)h.l3_off);
	/* RFC 4291 2.7: a multicast address is never a source (Linux drops it on receive) */
	if (h.protocol == RTE_BE16(RTE_ETHER_TYPE_IPV6) &&
	    unlikely(((const struct rte_ipv6_hdr *)(skb_data(skb) + h.l3_off))->src_addr[0] == 0xff))
		return FWD_DROP_BAD_ADDRESS;
	if (h.l4_proto != IPPROTO_UDP || (h.flags & SKB_HDRS_FRAG))
		return FWD_DROP_NOT_TUNNEL;
	if (!vxlan_outer_matches(skb_data(skb) + h.l3_off, h.protocol))
		return FWD_DROP_NOT_TUNNEL;
	ret = skb_parse_l4(skb, &h, 0);
	if (unlikely(ret < 0))
		return pkt_drop_reason(ret);
	__skb_set_transport_header(skb, (int)h.l4_off);
	uh = (const struct rte_udp_hdr *)(skb_data(skb) + h.l4_off);
	if (uh->dst_port != rte_cpu_to_be_16(vxlan_cfg.udp_port))
		return FWD_DROP_NOT_TUNNEL;
	ulen = h.l4_end - h.l4_off;  /* bounded by the IP total length, itself by the frame */
	if (unlikely(ulen < RTE_ETHER_VXLAN_HLEN + RTE_ETHER_HDR_LEN))
		return FWD_DROP_TRUNCATED;
	if (uh->dgram_cksum != 0 && unlikely(skb_l4_csum(skb, &h) != 0))
		return FWD_DROP_BAD_CHECKSUM;
	if (unlikely(!pskb_may_pull(skb, h.l4_off + RTE_ETHER_VXLAN_HLEN)))
		return FWD_DROP_TRUNCATED;
	vx = (const struct rte_vxlan_hdr *)(skb_data(skb) + h.l4_off + sizeof(*uh));
	if (unlikely(!(vx->vx_flags & VXLAN_FLAG_I)))
		return FWD_DROP_BAD_HEADER;
	if (vxlan_cfg.vni_set && vx->vx_vni != rte_cpu_to_be_32(vxlan_cfg.vni << 8))
		return FWD_DROP_NOT_TUNNEL;
	inner = ulen - RTE_ETHER_VXLAN_HLEN;
	vxlan_mark_inner(skb, h.l4_off + RTE_ETHER_VXLAN_HLEN);
	if (unlikely(skb_pull(skb, h.l4_off + RTE_ETHER_VXLAN_HLEN) == NULL))
		return FWD_DROP_TRUNCATED;
	skb_trim(skb, inner);  /* outer Ethernet padding goes */
	decap_inner_to_outer(skb);
	return PKT_OK;
}

static void
decap_fwd(struct fwd_stream *fs)
{
	struct sk_buff *skbs[MAX_PKT_BURST];
	uint16_t n = fwd_rx(fs, skbs);

	if (unlikely(n == 0))
		return;
	fwd_tx(fs, skbs, pkt_filter_burst(fs, skbs, n, decap_one));
}

const struct fwd_engine decap_engine = {
	.name = "decap",
	.packet_fwd = decap_fwd,
	.options = FWD_OPTIONS(&vxlan_options),
};
