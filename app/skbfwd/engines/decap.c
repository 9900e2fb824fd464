/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * decap engine: VXLAN (RFC 7348) decapsulation.  The outer headers are
 * validated (pkt_parse_eth/ipv4/udp: every length bounded by the frame, the
 * IPv4 header checksum, a non-zero UDP checksum) and pulled with skb_pull();
 * the inner frame, cut to the UDP payload's length, is sent on.  What is not a
 * VXLAN packet for us (not IPv4/UDP, a fragment, another UDP port, another
 * --vxlan-local/--vxlan-remote/--vxlan-vni when given, no I flag) is dropped
 * as not_tunnel; malformed outer headers under truncated, bad_header or
 * bad_checksum.
 */


#include "pkt.h"
#include "vxlan.h"

static inline int
decap_one(struct fwd_stream *fs __rte_unused, struct sk_buff *skb)
{
	const struct rte_ipv4_hdr *ip;
	const struct rte_udp_hdr *uh;
	const struct pkt_vxlan_hdr *vx;
	unsigned int l3off, ihl, l4off, ulen, inner;
	int ret;

	ret = pkt_parse_eth(skb, &l3off);
	if (unlikely(ret != PKT_OK))
		return ret;
	if (skb->protocol != RTE_BE16(RTE_ETHER_TYPE_IPV4))
		return FWD_DROP_NOT_TUNNEL;
	ret = pkt_parse_ipv4(skb, l3off, true, &ihl);
	if (unlikely(ret != PKT_OK))
		return ret;
	ip = (const struct rte_ipv4_hdr *)(skb_data(skb) + l3off);
	if (ip->next_proto_id != IPPROTO_UDP || pkt_ipv4_is_fragment(ip))
		return FWD_DROP_NOT_TUNNEL;
	if ((vxlan_cfg.local_set && ip->dst_addr != vxlan_cfg.local) ||
	    (vxlan_cfg.remote_set && ip->src_addr != vxlan_cfg.remote))
		return FWD_DROP_NOT_TUNNEL;
	l4off = l3off + ihl;
	ret = pkt_parse_udp(skb, l3off, l4off);
	if (unlikely(ret != PKT_OK))
		return ret;
	ip = (const struct rte_ipv4_hdr *)(skb_data(skb) + l3off);
	uh = (const struct rte_udp_hdr *)(skb_data(skb) + l4off);
	if (uh->dst_port != rte_cpu_to_be_16(vxlan_cfg.udp_port))
		return FWD_DROP_NOT_TUNNEL;
	ulen = rte_be_to_cpu_16(uh->dgram_len);
	if (unlikely(ulen < sizeof(*uh) + sizeof(*vx) + RTE_ETHER_HDR_LEN))
		return FWD_DROP_TRUNCATED;
	/* ulen is bounded by the IP total length, itself bounded by the frame */
	if (uh->dgram_cksum != 0 && unlikely(pkt_udp4_csum(skb, ip, l4off, ulen) != 0))
		return FWD_DROP_BAD_CHECKSUM;
	if (unlikely(!pskb_may_pull(skb, l4off + sizeof(*uh) + sizeof(*vx))))
		return FWD_DROP_TRUNCATED;
	vx = (const struct pkt_vxlan_hdr *)(skb_data(skb) + l4off + sizeof(*uh));
	if (unlikely(!(vx->flags & RTE_BE32(PKT_VXLAN_FLAG_I))))
		return FWD_DROP_BAD_HEADER;
	if (vxlan_cfg.vni_set && vx->vni != rte_cpu_to_be_32(vxlan_cfg.vni << 8))
		return FWD_DROP_NOT_TUNNEL;
	inner = ulen - sizeof(*uh) - sizeof(*vx);
	if (unlikely(skb_pull(skb, l4off + sizeof(*uh) + sizeof(*vx)) == NULL))
		return FWD_DROP_TRUNCATED;
	skb_trim(skb, inner);  /* outer Ethernet padding goes */
	skb_reset_mac_header(skb);
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
