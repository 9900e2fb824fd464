/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * csum engine: verify and fix IPv4 header and UDP checksums, and UDP and TCP
 * checksums over IPv6 (csum6_one()), then forward.
 * Verification uses the RX port's checksum offload status when drivers-glue
 * enabled it and the driver gave a verdict, software otherwise.  A wrong IPv4
 * header checksum is fixed by the TX port's offload when enabled, software
 * otherwise; a wrong UDP or TCP checksum is left to TX as Linux's stack leaves
 * it (CHECKSUM_PARTIAL, the pseudo-header sum in the field: TX uses the port's
 * offload, or skb_checksum_help() where the port has none), or summed here
 * when bytes follow the datagram in the frame.  A UDP checksum
 * of 0 (none, allowed over IPv4) is counted as such and left alone; over IPv6
 * it is wrong (RFC 8200 8.1) and fixed.  Frames that are neither IPv4 nor IPv6
 * are forwarded unchanged; IPv4 headers or UDP lengths that
 * cannot be checksummed (libskb's parser, skb_parse.h) are dropped under their
 * reason.  The sums are libskb's (ip_fast_csum(), skb_l4_csum()).
 * The good/bad counts per protocol are printed for each stream at exit.
 */

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>

#include <rte_malloc.h>

#include "pkt.h"
#include "port.h"

struct csum_ctx {
	uint64_t ip_good, udp_good, udp_none, other; /* the bad ones: fs->rx_bad_* */
	/* IPv6: [0] UDP, [1] TCP; their bad ones are in fs->rx_bad_l4_csum too */
	uint64_t good6[2], bad6[2], other6;
	bool rx_ip_hw, rx_udp_hw, tx_ip_hw, tx_udp_hw, rx_tcp_hw;
	uint16_t partial;  /* CHECKSUM_PARTIAL skbs in the burst being made */
};

#define CSUM_OFFLOADS_RX (RTE_ETH_RX_OFFLOAD_IPV4_CKSUM | RTE_ETH_RX_OFFLOAD_UDP_CKSUM | \
			  RTE_ETH_RX_OFFLOAD_TCP_CKSUM)
#define CSUM_OFFLOADS_TX (RTE_ETH_TX_OFFLOAD_IPV4_CKSUM | RTE_ETH_TX_OFFLOAD_UDP_CKSUM | \
			  RTE_ETH_TX_OFFLOAD_TCP_CKSUM)

static int
csum_stream_init(struct fwd_stream *fs)
{
	const struct glue_port *rx = glue_port_get(fs->rx_port);
	const struct glue_port *tx = glue_port_get(fs->tx_port);
	struct csum_ctx *c = rte_zmalloc("csum", sizeof(*c), RTE_CACHE_LINE_SIZE);

	if (c == NULL)
		return -ENOMEM;
	c->rx_ip_hw = rx != NULL && (rx->rx_offloads & RTE_ETH_RX_OFFLOAD_IPV4_CKSUM);
	c->rx_udp_hw = rx != NULL && (rx->rx_offloads & RTE_ETH_RX_OFFLOAD_UDP_CKSUM);
	c->tx_ip_hw = tx != NULL && (tx->tx_offloads & RTE_ETH_TX_OFFLOAD_IPV4_CKSUM);
	c->tx_udp_hw = tx != NULL && (tx->tx_offloads & RTE_ETH_TX_OFFLOAD_UDP_CKSUM);
	c->rx_tcp_hw = rx != NULL && (rx->rx_offloads & RTE_ETH_RX_OFFLOAD_TCP_CKSUM);
	printf("skbfwd: csum: port %u queue %u: verify ip=%s udp=%s, fix on port %u ip=%s udp=%s\n",
	       fs->rx_port, fs->rx_queue, c->rx_ip_hw ? "hw" : "sw", c->rx_udp_hw ? "hw" : "sw",
	       fs->tx_port, c->tx_ip_hw ? "hw" : "sw", c->tx_udp_hw ? "hw" : "sw");
	fs->engine_ctx = c;
	return 0;
}

static void
csum_stream_fini(struct fwd_stream *fs)
{
	struct csum_ctx *c = fs->engine_ctx;

	if (c == NULL)
		return;
	printf("csum: port %u queue %u: ip-good=%" PRIu64 " ip-bad=%" PRIu64 " udp-good=%" PRIu64
	       " udp-bad=%" PRIu64 " udp-none=%" PRIu64 " other=%" PRIu64 "\n",
	       fs->rx_port, fs->rx_queue, c->ip_good, fs->rx_bad_ip_csum, c->udp_good,
	       fs->rx_bad_l4_csum - c->bad6[0] - c->bad6[1],
	       c->udp_none, c->other);
	printf("csum: port %u queue %u: ipv6 udp-good=%" PRIu64 " udp-bad=%" PRIu64
	       " tcp-good=%" PRIu64 " tcp-bad=%" PRIu64 " other=%" PRIu64 "\n",
	       fs->rx_port, fs->rx_queue, c->good6[0], c->bad6[0], c->good6[1], c->bad6[1],
	       c->other6);
	rte_free(c);
	fs->engine_ctx = NULL;
}

/* Ask the TX port to fill the IPv4 header checksum: the header lengths it needs. */
static inline void
csum_tx_offload_ip(struct sk_buff *skb, unsigned int l3off, unsigned int ihl)
{
	struct rte_mbuf *m = skb_to_mbuf(skb);

	m->l2_len = l3off;
	m->l3_len = ihl;
	m->ol_flags |= RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IP_CKSUM;
}

/*
 * Fix the wrong L4 checksum whose field (zeroed) lies @field bytes into the
 * data: when the datagram ends the frame, as Linux's stack leaves it to the
 * device (CHECKSUM_PARTIAL, the pseudo-header sum @phdr in the field; TX
 * finishes it), else summed here (the device and skb_checksum_help() would
 * sum the trailing bytes too).  A UDP sum of 0 goes out as 0xffff.
 */
static inline void
csum_l4_fix(struct csum_ctx *c, struct sk_buff *skb, const struct skb_hdrs *h, unsigned int field,
	    uint16_t phdr)
{
	uint16_t sum;

	if (h->l4_end == skb_len(skb) &&
	    skb_partial_csum_set(skb, (uint16_t)h->l4_off, (uint16_t)(field - h->l4_off))) {
		sum = phdr;
		c->partial++;
	} else {
		sum = skb_l4_csum(skb, h);
		if (sum == 0 && h->l4_proto == IPPROTO_UDP)
			sum = 0xffff;
	}
	memcpy(skb_data(skb) + field, &sum, sizeof(sum));
}

/* The RX port's verdict on the L4 checksum, when it is asked and gave one: 1 good, 0 bad, -1 none. */
static inline int
csum_rx_l4_verdict(bool hw, uint64_t ol)
{
	ol &= RTE_MBUF_F_RX_L4_CKSUM_MASK;
	if (!hw || ol == RTE_MBUF_F_RX_L4_CKSUM_UNKNOWN || ol == RTE_MBUF_F_RX_L4_CKSUM_NONE)
		return -1;
	return ol == RTE_MBUF_F_RX_L4_CKSUM_GOOD;
}

/*
 * IPv6 (no header checksum): the UDP or TCP checksum verified and, when
 * wrong, fixed; a UDP checksum of 0 is wrong over IPv6.  Other next headers
 * and fragments pass unchanged.
 */
static __rte_noinline int
csum6_one(struct fwd_stream *fs, struct sk_buff *skb, struct skb_hdrs *h, uint64_t ol)
{
	struct csum_ctx *c = fs->engine_ctx;
	unsigned int tcp, off;
	uint16_t field, sum;
	int ret, verdict;

	ret = skb_parse_ip(skb, h, 0);
	if (unlikely(ret < 0))
		return pkt_drop_reason(ret);
	__skb_set_network_header(skb, (int)h->l3_off);
	if ((h->l4_proto != IPPROTO_UDP && h->l4_proto != IPPROTO_TCP) ||
	    (h->flags & SKB_HDRS_FRAG)) {
		c->other6++;
		return PKT_OK;
	}
	ret = skb_parse_l4(skb, h, 0);
	if (unlikely(ret < 0))
		return pkt_drop_reason(ret);
	__skb_set_transport_header(skb, (int)h->l4_off);
	tcp = h->l4_proto == IPPROTO_TCP;
	off = h->l4_off + (tcp ? offsetof(struct rte_tcp_hdr, cksum) :
				 offsetof(struct rte_udp_hdr, dgram_cksum));
	field = pkt_word(skb_data(skb) + off);
	verdict = csum_rx_l4_verdict(tcp ? c->rx_tcp_hw : c->rx_udp_hw, ol);
	if (verdict < 0)
		verdict = (tcp || field != 0) && skb_l4_csum(skb, h) == 0;
	if (verdict) {
		c->good6[tcp]++;
		return PKT_OK;
	}
	fs->rx_bad_l4_csum++;
	c->bad6[tcp]++;
	memset(skb_data(skb) + off, 0, sizeof(field));
	/* the pseudo-header's folded sum, its length the upper layer's (not payload_len) */
	sum = (uint16_t)~csum_ipv6_magic(ipv6_hdr(skb)->src_addr, ipv6_hdr(skb)->dst_addr,
					 h->l4_end - h->l4_off, h->l4_proto, 0);
	csum_l4_fix(c, skb, h, off, sum);
	return PKT_OK;
}

/* inlined in both loops of pkt_filter_burst_fresh() */
static __rte_always_inline int
csum_one(struct fwd_stream *fs, struct sk_buff *skb)
{
	struct csum_ctx *c = fs->engine_ctx;
	uint64_t ol = skb_to_mbuf(skb)->ol_flags;
	struct rte_ipv4_hdr *ip;
	struct rte_udp_hdr *uh;
	struct skb_hdrs h;
	bool good;
	int ret;

	__skb_set_mac_header(skb, 0);  /* fields valid: pkt_filter_burst_fresh() */
	ret = skb_parse_eth(skb, 0, &h);
	if (unlikely(ret < 0))
		return pkt_drop_reason(ret);
	skb->protocol = h.protocol;
	if (h.protocol != RTE_BE16(RTE_ETHER_TYPE_IPV4)) {
		if (h.protocol == RTE_BE16(RTE_ETHER_TYPE_IPV6))
			return csum6_one(fs, skb, &h, ol);
		c->other++;
		return PKT_OK;
	}
	ret = skb_parse_ip(skb, &h, 0);
	if (unlikely(ret < 0))
		return pkt_drop_reason(ret);
	__skb_set_network_header(skb, (int)h.l3_off);
	ip = (struct rte_ipv4_hdr *)(skb_data(skb) + h.l3_off);
	if (c->rx_ip_hw && (ol & RTE_MBUF_F_RX_IP_CKSUM_MASK) != RTE_MBUF_F_RX_IP_CKSUM_UNKNOWN &&
	    (ol & RTE_MBUF_F_RX_IP_CKSUM_MASK) != RTE_MBUF_F_RX_IP_CKSUM_NONE)
		good = (ol & RTE_MBUF_F_RX_IP_CKSUM_MASK) == RTE_MBUF_F_RX_IP_CKSUM_GOOD;
	else
		good = ip_fast_csum(ip, h.l3_len / 4u) == 0;
	if (good) {
		c->ip_good++;
	} else {
		fs->rx_bad_ip_csum++;
		if (c->tx_ip_hw) {
			ip->hdr_checksum = 0;
			csum_tx_offload_ip(skb, h.l3_off, h.l3_len);
		} else {
			ip_send_check(ip);
		}
	}
	if (h.l4_proto != IPPROTO_UDP || (h.flags & SKB_HDRS_FRAG))
		return PKT_OK;
	ret = skb_parse_l4(skb, &h, 0);
	if (unlikely(ret < 0))
		return pkt_drop_reason(ret);
	__skb_set_transport_header(skb, (int)h.l4_off);
	uh = (struct rte_udp_hdr *)(skb_data(skb) + h.l4_off);
	if (uh->dgram_cksum == 0) {
		c->udp_none++;
		return PKT_OK;
	}
	ret = csum_rx_l4_verdict(c->rx_udp_hw, ol);
	good = ret < 0 ? skb_l4_csum(skb, &h) == 0 : ret == 1;
	if (good) {
		c->udp_good++;
		return PKT_OK;
	}
	fs->rx_bad_l4_csum++;
	uh->dgram_cksum = 0;
	ip = (struct rte_ipv4_hdr *)(skb_data(skb) + h.l3_off);
	csum_l4_fix(c, skb, &h, h.l4_off + (unsigned int)offsetof(struct rte_udp_hdr, dgram_cksum),
		    (uint16_t)~csum_tcpudp_magic(ip->src_addr, ip->dst_addr, h.l4_end - h.l4_off,
						 IPPROTO_UDP, 0));
	return PKT_OK;
}

static void
csum_fwd(struct fwd_stream *fs)
{
	struct sk_buff *skbs[MAX_PKT_BURST];
	struct csum_ctx *c = fs->engine_ctx;
	uint32_t rx_bytes;
	bool fresh;
	uint16_t n = pkt_rx_fresh(fs, skbs, &fresh);

	if (unlikely(n == 0))
		return;
	n = pkt_filter_burst_fresh(fs, skbs, n, csum_one, fresh, &rx_bytes);
	fs->rx_bytes += rx_bytes;
	/* no CHECKSUM_PARTIAL skb in the burst (checksums were right): no TX hook to run */
	if (likely(c->partial == 0) && !(fs->tx_hooks & FWD_TX_GSO)) {
		fwd_tx_nogso_to(fs, fs->tx_port, fs->tx_queue, skbs, n, fwd_bytes(skbs, n));
		return;
	}
	c->partial = 0;
	fwd_tx(fs, skbs, n);
}

const struct fwd_engine csum_engine = {
	.name = "csum",
	.stream_init = csum_stream_init,
	.packet_fwd = csum_fwd,
	.stream_fini = csum_stream_fini,
	.rx_offloads = CSUM_OFFLOADS_RX,
	.tx_offloads = CSUM_OFFLOADS_TX,
	.checksum_counts = true,
	.csum_partial = true,
};
