/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * encap engine: VXLAN (RFC 7348) encapsulation.  In front of every received
 * frame skb_push() puts outer Ethernet (source := TX port's MAC, destination :=
 * its --eth-peer) + IPv4 (--vxlan-local -> --vxlan-remote, DF, TTL 64, ID 0,
 * header checksum) + UDP (destination --vxlan-port, source a hash of the inner
 * frame or --vxlan-sport, checksum 0 as RFC 7348 allows over IPv4) + VXLAN
 * (I flag, --vxlan-vni).  With IPv6 endpoints (encap6_one()) the outer IP
 * header is IPv6 (hop limit 64, the flow label the inner frame's hash) and
 * the UDP checksum is computed, as IPv6 asks (RFC 8200 8.1).  Short or shared headroom goes through skb_cow_head()
 * first; when that fails the frame is dropped as no_headroom, never written.
 * As Linux's tunnels, the skb sent says what it carries: encapsulation 1, the
 * inner headers on the received frame (encap_mark_inner()), the mac, network
 * and transport headers on the outer ones.
 */

#include <stdio.h>

#include <rte_hash_crc.h>

#include "pkt.h"
#include "vxlan.h"

#define ENCAP_OUTER_TTL 64
/* bytes of the inner frame the source port hash covers: Ethernet + IPv4 addresses */
#define ENCAP_HASH_BYTES 34

struct encap_outer {
	struct rte_ether_hdr eth;
	struct rte_ipv4_hdr ip;
	struct rte_udp_hdr udp;
	struct rte_vxlan_hdr vxlan;
} __rte_packed __rte_aligned(2);
static_assert(sizeof(struct encap_outer) == VXLAN_OVERHEAD, "outer headers are 50 bytes");

/* 14 bits of a hash of the inner headers: the flow's entropy. */
static inline uint16_t
encap_flow_hash(const struct sk_buff *skb)
{
	uint32_t len = RTE_MIN(skb_headlen(skb), (unsigned int)ENCAP_HASH_BYTES);
	uint32_t h = rte_hash_crc(skb_data(skb), len, 0);

	return (uint16_t)((h ^ (h >> 16)) & 0x3fff);
}

/*
 * The received frame becomes the inner one (vxlan_mark_inner()); a GSO skb
 * becomes a UDP tunnel one, which skb_gso_segment() cuts by these inner
 * headers whatever the UDP port.  Offsets count from the head: the push that
 * follows leaves them on the inner frame.
 */
static inline void
encap_mark_inner(struct sk_buff *skb)
{
	vxlan_mark_inner(skb, 0);
	if (skb_is_gso(skb))
		skb_shinfo(skb)->gso_type |= SKB_GSO_UDP_TUNNEL;
}

/* RFC 7348 section 5: a source port from a hash of the inner headers, in the dynamic range. */
static inline uint16_t
encap_src_port(const struct sk_buff *skb)
{
	return (uint16_t)(49152u + encap_flow_hash(skb));
}

static inline int
encap_one(struct fwd_stream *fs, struct sk_buff *skb)
{
	struct encap_outer *o;
	unsigned int inner_len = skb_len(skb);
	uint16_t sport;

	if (unlikely(!pskb_may_pull(skb, RTE_ETHER_HDR_LEN)))
		return FWD_DROP_TRUNCATED;
	if (unlikely(inner_len + VXLAN_OVERHEAD - RTE_ETHER_HDR_LEN > UINT16_MAX))
		return FWD_DROP_UNSUPPORTED;
	sport = vxlan_cfg.src_port ? vxlan_cfg.src_port : encap_src_port(skb);
	if (unlikely(skb_cow_head(skb, VXLAN_OVERHEAD) != 0))
		return FWD_DROP_NO_HEADROOM;
	encap_mark_inner(skb);
	o = skb_push(skb, VXLAN_OVERHEAD);
	if (unlikely(o == NULL))
		return FWD_DROP_NO_HEADROOM;

	o->eth.dst_addr = *fwd_peer_addr(fs->tx_port);
	o->eth.src_addr = *fwd_port_addr(fs->tx_port);
	o->eth.ether_type = RTE_BE16(RTE_ETHER_TYPE_IPV4);

	o->ip.version_ihl = RTE_IPV4_VHL_DEF;
	o->ip.type_of_service = 0;
	o->ip.total_length = rte_cpu_to_be_16((uint16_t)(skb_len(skb) - RTE_ETHER_HDR_LEN));
	o->ip.packet_id = 0;
	o->ip.fragment_offset = RTE_BE16(RTE_IPV4_HDR_DF_FLAG);
	o->ip.time_to_live = ENCAP_OUTER_TTL;
	o->ip.next_proto_id = IPPROTO_UDP;
	o->ip.src_addr = vxlan_cfg.local;
	o->ip.dst_addr = vxlan_cfg.remote;
	ip_send_check(&o->ip);

	o->udp.src_port = rte_cpu_to_be_16(sport);
	o->udp.dst_port = rte_cpu_to_be_16(vxlan_cfg.udp_port);
	o->udp.dgram_len = rte_cpu_to_be_16((uint16_t)(inner_len + sizeof(o->udp) + sizeof(o->vxlan)));
	o->udp.dgram_cksum = 0;

	o->vxlan.vx_flags = VXLAN_FLAG_I;
	o->vxlan.vx_vni = rte_cpu_to_be_32(vxlan_cfg.vni << 8);

	skb_reset_mac_header(skb);
	skb_set_network_header(skb, RTE_ETHER_HDR_LEN);
	skb_set_transport_header(skb, RTE_ETHER_HDR_LEN + sizeof(o->ip));
	skb->protocol = RTE_BE16(RTE_ETHER_TYPE_IPV4);
	return PKT_OK;
}

struct encap6_outer {
	struct rte_ether_hdr eth;
	struct rte_ipv6_hdr ip;
	struct rte_udp_hdr udp;
	struct rte_vxlan_hdr vxlan;
} __rte_packed __rte_aligned(2);
static_assert(sizeof(struct encap6_outer) == VXLAN6_OVERHEAD, "outer headers are 70 bytes");

/*
 * The same over IPv6: flow label := the inner flow's hash (RFC 6438), the
 * UDP checksum over the whole datagram, inner frame included.
 */
static int
encap6_one(struct fwd_stream *fs, struct sk_buff *skb)
{
	struct encap6_outer *o;
	unsigned int inner_len = skb_len(skb), ulen;
	uint16_t hash, sum;
	uint32_t csum;

	if (unlikely(!pskb_may_pull(skb, RTE_ETHER_HDR_LEN)))
		return FWD_DROP_TRUNCATED;
	ulen = inner_len + RTE_ETHER_VXLAN_HLEN;  /* UDP + VXLAN + inner frame */
	if (unlikely(ulen > UINT16_MAX))
		return FWD_DROP_UNSUPPORTED;
	hash = encap_flow_hash(skb);
	if (unlikely(skb_cow_head(skb, VXLAN6_OVERHEAD) != 0))
		return FWD_DROP_NO_HEADROOM;
	encap_mark_inner(skb);
	o = skb_push(skb, VXLAN6_OVERHEAD);
	if (unlikely(o == NULL))
		return FWD_DROP_NO_HEADROOM;

	o->eth.dst_addr = *fwd_peer_addr(fs->tx_port);
	o->eth.src_addr = *fwd_port_addr(fs->tx_port);
	o->eth.ether_type = RTE_BE16(RTE_ETHER_TYPE_IPV6);

	o->ip.vtc_flow = rte_cpu_to_be_32(UINT32_C(6) << 28 | hash);
	o->ip.payload_len = rte_cpu_to_be_16((uint16_t)ulen);
	o->ip.proto = IPPROTO_UDP;
	o->ip.hop_limits = ENCAP_OUTER_TTL;
	memcpy(o->ip.src_addr, vxlan_cfg.local6, 16);
	memcpy(o->ip.dst_addr, vxlan_cfg.remote6, 16);

	o->udp.src_port = rte_cpu_to_be_16(vxlan_cfg.src_port ? vxlan_cfg.src_port :
						       (uint16_t)(49152u + hash));
	o->udp.dst_port = rte_cpu_to_be_16(vxlan_cfg.udp_port);
	o->udp.dgram_len = rte_cpu_to_be_16((uint16_t)ulen);
	o->udp.dgram_cksum = 0;

	o->vxlan.vx_flags = VXLAN_FLAG_I;
	o->vxlan.vx_vni = rte_cpu_to_be_32(vxlan_cfg.vni << 8);

	/* the headers are linear; the inner frame may sit in frags */
	csum = csum_partial(&o->udp, sizeof(o->udp) + sizeof(o->vxlan), 0);
	csum = skb_checksum(skb, VXLAN6_OVERHEAD, (int)inner_len, csum);
	sum = csum_ipv6_magic(o->ip.src_addr, o->ip.dst_addr, ulen, IPPROTO_UDP, csum);
	o->udp.dgram_cksum = sum == 0 ? 0xffff : sum;

	skb_reset_mac_header(skb);
	skb_set_network_header(skb, RTE_ETHER_HDR_LEN);
	skb_set_transport_header(skb, RTE_ETHER_HDR_LEN + sizeof(o->ip));
	skb->protocol = RTE_BE16(RTE_ETHER_TYPE_IPV6);
	return PKT_OK;
}

static void
encap_fwd(struct fwd_stream *fs)
{
	struct sk_buff *skbs[MAX_PKT_BURST];
	uint16_t n = fwd_rx(fs, skbs);

	if (unlikely(n == 0))
		return;
	if (unlikely(vxlan_cfg.remote_is6))
		n = pkt_filter_burst(fs, skbs, n, encap6_one);
	else
		n = pkt_filter_burst(fs, skbs, n, encap_one);
	fwd_tx(fs, skbs, n);
}

/* The outer header is of one family: both endpoints IPv4 or both IPv6. */
static int
encap_setup(void)
{
	if (vxlan_cfg.local_is6 != vxlan_cfg.remote_is6) {
		fprintf(stderr, "skbfwd: encap: --vxlan-local and --vxlan-remote must both be IPv4 "
				"or both IPv6 addresses\n");
		return -EINVAL;
	}
	return 0;
}

const struct fwd_engine encap_engine = {
	.name = "encap",
	.setup = encap_setup,
	.packet_fwd = encap_fwd,
	.options = FWD_OPTIONS(&vxlan_options),
};
