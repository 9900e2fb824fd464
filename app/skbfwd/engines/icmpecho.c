/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * icmpecho engine: makes skbfwd pingable.  For a port given an address with
 * --icmp-ip PORT,ADDR it answers ARP requests for ADDR (RFC 826 reply, in place)
 * and ICMP echo requests to ADDR (RFC 792: type 0, addresses swapped, ICMP
 * checksum updated incrementally, IPv4 TTL and checksum unchanged); replies go
 * back out of the port they came in on.  A port without --icmp-ip answers for
 * any address, as testpmd's icmpecho: every ARP request (the address asked
 * is the sender of the reply) and every echo request; one sent to a group
 * (224.0.0.0/4) or to 255.255.255.255 is answered from testpmd's made-up
 * neighbour of the asker (its address with the low two bits 01, or 10 when
 * they were 01), the header checksum updated.  testpmd answers a broadcast
 * ping from 255.255.255.255, which no stack accepts; skbfwd does not.
 * IPv6 (icmpecho6.c): ICMPv6 echo requests and neighbour solicitations for
 * the port's --icmp-ip IPv6 address (or any, without one) are answered too.
 * Anything else is dropped: not_for_us (other addresses, other ARP/ICMP
 * kinds), not_ipv4 (other protocols), or the reason libskb's parser gives for
 * a malformed header (pkt_drop_reason()); a wrong ICMP checksum is
 * bad_checksum.
 */

#include <stdio.h>
#include <string.h>

#include <rte_arp.h>
#include <rte_icmp.h>

#include "icmpecho.h"
#include "parse.h"
#include "pkt.h"

static uint32_t icmpecho_addr[RTE_MAX_ETHPORTS];   /* network order, 0: any address */
static uint8_t icmpecho_addr6[RTE_MAX_ETHPORTS][16];
static bool icmpecho_has6[RTE_MAX_ETHPORTS];       /* false: any IPv6 address */

/* The address an echo reply to @dst (a request from @src) comes from, network order. */
static inline uint32_t
icmpecho_reply_src(uint32_t src, uint32_t dst)
{
	uint32_t s;

	/* 224.0.0.0/4 by hand: rte_ip.h's RTE_IS_IPV4_MCAST shifts 224 into an int's sign */
	if (likely((dst & RTE_BE32(0xf0000000u)) != RTE_BE32(0xe0000000u) &&
		   dst != RTE_BE32(UINT32_MAX)))
		return dst;
	/* a group or everyone asked: testpmd's made-up neighbour of the asker */
	s = rte_be_to_cpu_32(src);
	return rte_cpu_to_be_32((s & ~3u) | ((s & 3u) == 1 ? 2u : 1u));
}

static inline int
icmpecho_arp(struct sk_buff *skb, unsigned int l3off, uint32_t addr)
{
	struct rte_ether_hdr *eth;
	struct rte_arp_hdr *arp;
	const struct rte_ether_addr *mine = fwd_port_addr(skb_to_mbuf(skb)->port);

	if (unlikely(!pskb_may_pull(skb, l3off + sizeof(*arp))))
		return FWD_DROP_TRUNCATED;
	arp = (struct rte_arp_hdr *)(skb_data(skb) + l3off);
	if (arp->arp_hardware != RTE_BE16(RTE_ARP_HRD_ETHER) ||
	    arp->arp_protocol != RTE_BE16(RTE_ETHER_TYPE_IPV4) ||
	    arp->arp_hlen != RTE_ETHER_ADDR_LEN || arp->arp_plen != 4)
		return FWD_DROP_BAD_HEADER;
	if (arp->arp_opcode != RTE_BE16(RTE_ARP_OP_REQUEST) ||
	    (addr != 0 && arp->arp_data.arp_tip != addr))
		return FWD_DROP_NOT_FOR_US;
	if (addr == 0)
		addr = arp->arp_data.arp_tip;   /* any address: the one asked */
	arp->arp_opcode = RTE_BE16(RTE_ARP_OP_REPLY);
	arp->arp_data.arp_tha = arp->arp_data.arp_sha;
	arp->arp_data.arp_tip = arp->arp_data.arp_sip;
	arp->arp_data.arp_sha = *mine;
	arp->arp_data.arp_sip = addr;
	eth = (struct rte_ether_hdr *)skb_data(skb);
	eth->dst_addr = arp->arp_data.arp_tha;
	eth->src_addr = *mine;
	return PKT_OK;
}

static inline int
icmpecho_icmp(struct sk_buff *skb, struct skb_hdrs *h, uint32_t addr)
{
	struct rte_ether_hdr *eth;
	struct rte_ether_addr tmp;
	struct rte_ipv4_hdr *ip;
	struct rte_icmp_hdr *icmp;
	unsigned int len;
	uint16_t old, sum;
	uint32_t from;
	int ret;

	ret = skb_parse_ip(skb, h, SKB_PARSE_CSUM);
	if (unlikely(ret < 0))
		return pkt_drop_reason(ret);
	__skb_set_network_header(skb, (int)h->l3_off);
	ip = (struct rte_ipv4_hdr *)(skb_data(skb) + h->l3_off);
	if (h->l4_proto != IPPROTO_ICMP || (addr != 0 && ip->dst_addr != addr) ||
	    (h->flags & SKB_HDRS_FRAG))
		return FWD_DROP_NOT_FOR_US;
	len = h->l3_end - h->l4_off;  /* bounded by skb_parse_ip() */
	if (unlikely(len < sizeof(*icmp) || !pskb_may_pull(skb, h->l4_off + sizeof(*icmp))))
		return FWD_DROP_TRUNCATED;
	ip = (struct rte_ipv4_hdr *)(skb_data(skb) + h->l3_off);
	icmp = (struct rte_icmp_hdr *)(skb_data(skb) + h->l4_off);
	if (icmp->icmp_type != RTE_IP_ICMP_ECHO_REQUEST || icmp->icmp_code != 0)
		return FWD_DROP_NOT_FOR_US;
	if (unlikely(csum_fold(skb_checksum(skb, (int)h->l4_off, (int)len, 0)) != 0))
		return FWD_DROP_BAD_CHECKSUM;
	/* type shares its checksum word with the code */
	old = pkt_word(&icmp->icmp_type);
	icmp->icmp_type = RTE_IP_ICMP_ECHO_REPLY;
	sum = icmp->icmp_cksum;
	csum_replace2(&sum, old, pkt_word(&icmp->icmp_type));
	icmp->icmp_cksum = sum;
	/*
	 * swapping the addresses leaves the header checksum as it was; a reply
	 * from another address than the one asked (a group's) changes one
	 */
	from = addr != 0 ? addr : icmpecho_reply_src(ip->src_addr, ip->dst_addr);
	if (unlikely(from != ip->dst_addr)) {
		sum = ip->hdr_checksum;
		csum_replace4(&sum, ip->dst_addr, from);
		ip->hdr_checksum = sum;
	}
	ip->dst_addr = ip->src_addr;
	ip->src_addr = from;
	eth = (struct rte_ether_hdr *)skb_data(skb);
	tmp = eth->src_addr;
	eth->src_addr = *fwd_port_addr(skb_to_mbuf(skb)->port);
	eth->dst_addr = tmp;
	return PKT_OK;
}

static inline int
icmpecho_one(struct fwd_stream *fs, struct sk_buff *skb)
{
	uint32_t addr = icmpecho_addr[fs->rx_port];
	struct skb_hdrs h;
	int ret;

	skb_reset_mac_header(skb);
	ret = skb_parse_eth(skb, 0, &h);
	if (unlikely(ret < 0))
		return pkt_drop_reason(ret);
	skb->protocol = h.protocol;
	skb_to_mbuf(skb)->port = fs->rx_port;
	if (h.protocol == RTE_BE16(RTE_ETHER_TYPE_ARP))
		return icmpecho_arp(skb, h.l3_off, addr);
	if (h.protocol == RTE_BE16(RTE_ETHER_TYPE_IPV4))
		return icmpecho_icmp(skb, &h, addr);
	if (h.protocol == RTE_BE16(RTE_ETHER_TYPE_IPV6))
		return icmpecho6_one(skb, &h, icmpecho_has6[fs->rx_port] ?
					      icmpecho_addr6[fs->rx_port] : NULL);
	return FWD_DROP_NOT_IPV4;
}

static void
icmpecho_fwd(struct fwd_stream *fs)
{
	struct sk_buff *skbs[MAX_PKT_BURST];
	uint16_t n = fwd_rx(fs, skbs);

	if (unlikely(n == 0))
		return;
	/* replies leave by the port the requests came in on */
	fwd_tx_to(fs, fs->rx_port, fwd_tx_queue_any(fs), skbs,
		  pkt_filter_burst(fs, skbs, n, icmpecho_one));
}

static int
icmpecho_parse_option(const char *name, const char *arg)
{
	const char *value;
	uint16_t port;
	uint32_t addr;
	uint8_t addr6[16];
	int ret;

	if (strcmp(name, "icmp-ip") != 0)
		return -EINVAL;
	ret = skbfwd_parse_port_prefix("icmp-ip", arg, &port, &value);
	if (ret == -ERANGE)
		return -EINVAL;
	if (ret == 0 && strchr(value, ':') != NULL) {
		/* a unicast IPv6 address: not unspecified, not a group */
		static const uint8_t zero[16];

		if (skbfwd_parse_ipv6(value, addr6) < 0 || addr6[0] == 0xff ||
		    memcmp(addr6, zero, 16) == 0) {
			fprintf(stderr, "skbfwd: --icmp-ip=%s: expected PORT,IPV6ADDR (unicast)\n",
				arg);
			return -EINVAL;
		}
		memcpy(icmpecho_addr6[port], addr6, 16);
		icmpecho_has6[port] = true;
		return 0;
	}
	if (ret < 0 || skbfwd_parse_ipv4(value, &addr) < 0 || addr == 0) {
		fprintf(stderr, "skbfwd: --icmp-ip=%s: expected PORT,IPV4ADDR\n", arg);
		return -EINVAL;
	}
	icmpecho_addr[port] = addr;
	return 0;
}

static int
icmpecho_stream_init(struct fwd_stream *fs)
{
	if (fs->rx_queue == 0 && icmpecho_addr[fs->rx_port] == 0)
		printf("skbfwd: icmpecho: port %u has no --icmp-ip address: "
		       "it answers ARP and ping for any address\n", fs->rx_port);
	return 0;
}

static const struct option icmpecho_longopts[] = {
	{ "icmp-ip", required_argument, NULL, 0 },
	{ NULL, 0, NULL, 0 },
};

static const struct fwd_options icmpecho_options = {
	.longopts = icmpecho_longopts,
	.parse = icmpecho_parse_option,
	.usage = "  --icmp-ip=PORT,ADDR     icmpecho: IPv4 address PORT answers ARP and ping for,\n"
		 "                          or IPv6 address it answers ping and neighbour\n"
		 "                          solicitations for (once of each kind per port)\n",
};

const struct fwd_engine icmpecho_engine = {
	.name = "icmpecho",
	.stream_init = icmpecho_stream_init,
	.packet_fwd = icmpecho_fwd,
	.options = FWD_OPTIONS(&icmpecho_options),
	.tx_any_port = true,
};
