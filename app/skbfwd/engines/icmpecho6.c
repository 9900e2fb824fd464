/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * icmpecho's IPv6 half: ICMPv6 echo (RFC 4443) and neighbour discovery's
 * solicitation/advertisement (RFC 4861), answered in place.
 */

#include <string.h>

#include "icmpecho.h"
#include "pkt.h"

#define ICMP6_ECHO_REQUEST 128
#define ICMP6_ECHO_REPLY 129
#define ND_NEIGHBOR_SOLICIT 135
#define ND_NEIGHBOR_ADVERT 136
#define ND_OPT_SOURCE_LLADDR 1
#define ND_OPT_TARGET_LLADDR 2
#define ND_NS_LEN 24            /* type, code, checksum, reserved, target */
#define ND_NA_LEN 32            /* the same, then a target link-layer address option */
#define ND_NA_FLAG_SOLICITED 0x40
#define ND_NA_FLAG_OVERRIDE 0x20

static inline bool
icmpecho6_is_mcast(const uint8_t *a)
{
	return a[0] == 0xff;
}

static inline bool
icmpecho6_is_unspec(const uint8_t *a)
{
	static const uint8_t zero[16];

	return memcmp(a, zero, 16) == 0;
}

/* The port's link-local address (RFC 4291 2.5.6, modified EUI-64 of its MAC). */
static void
icmpecho6_link_local(uint16_t port, uint8_t a[16])
{
	const uint8_t *m = fwd_port_addr(port)->addr_bytes;

	memset(a, 0, 16);
	a[0] = 0xfe;
	a[1] = 0x80;
	a[8] = m[0] ^ 0x02;
	a[9] = m[1];
	a[10] = m[2];
	a[11] = 0xff;
	a[12] = 0xfe;
	a[13] = m[3];
	a[14] = m[4];
	a[15] = m[5];
}

/*
 * Drop the extension headers between the IPv6 header and the ICMPv6 message:
 * the Ethernet and IPv6 headers move up over them (all linear: the parser
 * pulled them).  The pseudo-header does not cover them: checksums stay.
 */
static void
icmpecho6_strip_exthdrs(struct sk_buff *skb, struct skb_hdrs *h)
{
	unsigned int ext = h->l3_len - (unsigned int)sizeof(struct rte_ipv6_hdr);
	struct rte_ipv6_hdr *ip;

	if (likely(ext == 0))
		return;
	memmove(skb_data(skb) + ext, skb_data(skb), h->l3_off + sizeof(*ip));
	skb_pull(skb, ext);
	ip = (struct rte_ipv6_hdr *)(skb_data(skb) + h->l3_off);
	ip->proto = IPPROTO_ICMPV6;
	ip->payload_len = rte_cpu_to_be_16((uint16_t)(rte_be_to_cpu_16(ip->payload_len) - ext));
	h->l3_len -= ext;
	h->l3_end -= ext;
	h->l4_end -= ext;
	h->l4_off -= ext;
	/* the headers moved: their offsets from the head with them */
	skb_reset_mac_header(skb);
	__skb_set_network_header(skb, (int)h->l3_off);
	__skb_set_transport_header(skb, (int)h->l4_off);
}

/* The ICMPv6 checksum of the message @h describes, computed afresh. */
static void
icmpecho6_csum_set(struct sk_buff *skb, const struct skb_hdrs *h)
{
	struct rte_icmp_hdr *icmp = (struct rte_icmp_hdr *)(skb_data(skb) + h->l4_off);

	icmp->icmp_cksum = 0;
	icmp->icmp_cksum = skb_l4_csum(skb, h);
}

/* Ethernet: back to the sender @dst, from the port's MAC. */
static inline void
icmpecho6_eth(struct sk_buff *skb, const struct rte_ether_addr *dst)
{
	struct rte_ether_hdr *eth = eth_hdr(skb);

	eth->dst_addr = *dst;
	eth->src_addr = *fwd_port_addr(skb_to_mbuf(skb)->port);
}

/* An echo request to @addr (NULL: any) or to a group, made its reply (RFC 4443 4.2). */
static int
icmpecho6_echo(struct sk_buff *skb, struct skb_hdrs *h, const uint8_t *addr)
{
	struct rte_ipv6_hdr *ip = ipv6_hdr(skb);
	struct rte_icmp_hdr *icmp;
	struct rte_ether_addr peer;
	uint8_t from[16];
	uint16_t old, sum;
	bool swapped;

	if (icmpecho6_is_mcast(ip->dst_addr)) {
		/* a group asked: the answer comes from the port's own address */
		if (addr != NULL)
			memcpy(from, addr, 16);
		else
			icmpecho6_link_local(skb_to_mbuf(skb)->port, from);
	} else if (addr == NULL || memcmp(ip->dst_addr, addr, 16) == 0) {
		memcpy(from, ip->dst_addr, 16);
	} else {
		return FWD_DROP_NOT_FOR_US;
	}
	icmpecho6_strip_exthdrs(skb, h);
	ip = ipv6_hdr(skb);
	icmp = icmp6_hdr(skb);
	swapped = memcmp(from, ip->dst_addr, 16) == 0;
	memcpy(ip->dst_addr, ip->src_addr, 16);
	memcpy(ip->src_addr, from, 16);
	if (likely(swapped)) {
		/* the pseudo-header sums the same; the type shares a word with the code */
		old = pkt_word(&icmp->icmp_type);
		icmp->icmp_type = ICMP6_ECHO_REPLY;
		sum = icmp->icmp_cksum;
		csum_replace2(&sum, old, pkt_word(&icmp->icmp_type));
		icmp->icmp_cksum = sum;
	} else {
		icmp->icmp_type = ICMP6_ECHO_REPLY;
		icmpecho6_csum_set(skb, h);
	}
	peer = eth_hdr(skb)->src_addr;
	icmpecho6_eth(skb, &peer);
	return PKT_OK;
}

/*
 * A neighbour solicitation (RFC 4861 7.1.1 checks; the message linear) for
 * @addr (NULL: any unicast target but for duplicate address detection) made a
 * solicited advertisement with the port's MAC (RFC 4861 7.2.4): to the
 * solicitor (to all nodes for an unspecified source), from the target,
 * hop limit 255, a target link-layer address option.
 */
static int
icmpecho6_ns(struct sk_buff *skb, struct skb_hdrs *h, const uint8_t *addr)
{
	static const struct rte_ether_addr all_nodes_mac = {{ 0x33, 0x33, 0, 0, 0, 1 }};
	static const uint8_t all_nodes[16] = { 0xff, 0x02, [15] = 0x01 };
	struct rte_ipv6_hdr *ip = ipv6_hdr(skb);
	const uint8_t *msg = skb_data(skb) + h->l4_off, *target = msg + 8;
	unsigned int len = h->l4_end - h->l4_off, o;
	struct rte_ether_addr dst = eth_hdr(skb)->src_addr;
	bool dad = icmpecho6_is_unspec(ip->src_addr), slla = false;
	uint8_t *na;

	if (ip->hop_limits != 255 || msg[1] != 0 || icmpecho6_is_mcast(target))
		return FWD_DROP_BAD_HEADER;
	for (o = ND_NS_LEN; o < len; o += msg[o + 1] * 8u) {
		if (o + 2 > len || msg[o + 1] == 0 || o + msg[o + 1] * 8u > len)
			return FWD_DROP_BAD_HEADER;
		if (msg[o] == ND_OPT_SOURCE_LLADDR && msg[o + 1] == 1) {
			memcpy(&dst, msg + o + 2, sizeof(dst));
			slla = true;
		}
	}
	/* duplicate address detection: to the target's solicited-node group, no address option */
	if (dad && (slla || ip->dst_addr[0] != 0xff || ip->dst_addr[1] != 0x02 ||
		    ip->dst_addr[11] != 0x01 || ip->dst_addr[12] != 0xff ||
		    memcmp(ip->dst_addr + 13, target + 13, 3) != 0))
		return FWD_DROP_BAD_HEADER;
	if (addr != NULL ? memcmp(target, addr, 16) != 0 : dad)
		return FWD_DROP_NOT_FOR_US;
	icmpecho6_strip_exthdrs(skb, h);
	/* exactly ND_NA_LEN bytes of message: padding and options go, or room is made */
	skb_trim(skb, h->l4_off + ND_NA_LEN);
	if (skb_len(skb) < h->l4_off + ND_NA_LEN &&
	    skb_put(skb, h->l4_off + ND_NA_LEN - skb_len(skb)) == NULL)
		return FWD_DROP_NO_MBUF;
	if (!pskb_may_pull(skb, h->l4_off + ND_NA_LEN))
		return FWD_DROP_NO_MBUF;
	h->l3_end = h->l4_end = h->l4_off + ND_NA_LEN;
	ip = ipv6_hdr(skb);
	na = skb_data(skb) + h->l4_off;
	ip->vtc_flow = RTE_BE32(0x60000000u);
	ip->payload_len = RTE_BE16(ND_NA_LEN);
	ip->hop_limits = 255;
	memcpy(ip->dst_addr, dad ? all_nodes : ip->src_addr, 16);
	memcpy(ip->src_addr, na + 8, 16);               /* the target answers */
	na[0] = ND_NEIGHBOR_ADVERT;
	na[1] = 0;
	na[4] = (uint8_t)((dad ? 0 : ND_NA_FLAG_SOLICITED) | ND_NA_FLAG_OVERRIDE);
	na[5] = na[6] = na[7] = 0;
	na[24] = ND_OPT_TARGET_LLADDR;
	na[25] = 1;
	memcpy(na + 26, fwd_port_addr(skb_to_mbuf(skb)->port), RTE_ETHER_ADDR_LEN);
	icmpecho6_csum_set(skb, h);
	icmpecho6_eth(skb, dad ? &all_nodes_mac : &dst);
	return PKT_OK;
}

int
icmpecho6_one(struct sk_buff *skb, struct skb_hdrs *h, const uint8_t *addr)
{
	const struct rte_ipv6_hdr *ip;
	unsigned int len;
	uint8_t type;
	int ret;

	ret = skb_parse_ip(skb, h, 0);
	if (unlikely(ret < 0))
		return pkt_drop_reason(ret);
	__skb_set_network_header(skb, (int)h->l3_off);
	__skb_set_transport_header(skb, (int)h->l4_off);
	ip = ipv6_hdr(skb);
	if (h->l4_proto != IPPROTO_ICMPV6 || (h->flags & SKB_HDRS_FRAG))
		return FWD_DROP_NOT_FOR_US;
	if (icmpecho6_is_mcast(ip->src_addr))
		return FWD_DROP_BAD_ADDRESS;
	len = h->l4_end - h->l4_off;  /* bounded by skb_parse_ip() */
	if (unlikely(len < 4))
		return FWD_DROP_TRUNCATED;
	if (unlikely(!pskb_may_pull(skb, h->l4_off + 4)))
		return FWD_DROP_NO_MBUF;
	type = icmp6_hdr(skb)->icmp_type;
	if (type == ICMP6_ECHO_REQUEST) {
		if (icmp6_hdr(skb)->icmp_code != 0 || len < 8)
			return FWD_DROP_BAD_HEADER;
		if (unlikely(!pskb_may_pull(skb, h->l4_off + 8)))
			return FWD_DROP_NO_MBUF;
	} else if (type == ND_NEIGHBOR_SOLICIT) {
		if (len < ND_NS_LEN)
			return FWD_DROP_BAD_HEADER;
		if (unlikely(!pskb_may_pull(skb, h->l4_end)))
			return FWD_DROP_NO_MBUF;
	} else {
		return FWD_DROP_NOT_FOR_US;
	}
	if (unlikely(skb_l4_csum(skb, h) != 0))
		return FWD_DROP_BAD_CHECKSUM;
	if (type == ICMP6_ECHO_REQUEST)
		return icmpecho6_echo(skb, h, addr);
	return icmpecho6_ns(skb, h, addr);
}
