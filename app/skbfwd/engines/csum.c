/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * csum engine: verify and fix IPv4 header and UDP checksums, then forward.
 * Verification uses the RX port's checksum offload status when drivers-glue
 * enabled it and the driver gave a verdict, software otherwise; fixing uses the
 * TX port's checksum offload when enabled, software otherwise.  A UDP checksum
 * of 0 (none, allowed over IPv4) is counted as such and left alone.  Frames
 * that are not IPv4 are forwarded unchanged; IPv4 headers or UDP lengths that
 * cannot be checksummed (libskb's parser, skb_parse.h) are dropped under their
 * reason.  The sums are libskb's (ip_fast_csum(), skb_l4_csum()).
 * The good/bad counts per protocol are printed for each stream at exit.
 */

#include <inttypes.h>
#include <stdio.h>

#include <rte_malloc.h>

#include "pkt.h"
#include "port.h"

struct csum_ctx {
	uint64_t ip_good, udp_good, udp_none, other; /* the bad ones: fs->rx_bad_* */
	bool rx_ip_hw, rx_udp_hw, tx_ip_hw, tx_udp_hw;
};

#define CSUM_OFFLOADS_RX (RTE_ETH_RX_OFFLOAD_IPV4_CKSUM | RTE_ETH_RX_OFFLOAD_UDP_CKSUM)
#define CSUM_OFFLOADS_TX (RTE_ETH_TX_OFFLOAD_IPV4_CKSUM | RTE_ETH_TX_OFFLOAD_UDP_CKSUM)

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
	       fs->rx_bad_l4_csum,
	       c->udp_none, c->other);
	rte_free(c);
	fs->engine_ctx = NULL;
}

/* Ask the TX port to fill a checksum: the header lengths it needs. */
static inline void
csum_tx_offload(struct sk_buff *skb, unsigned int l3off, unsigned int ihl, uint64_t flag)
{
	struct rte_mbuf *m = skb_to_mbuf(skb);

	m->l2_len = l3off;
	m->l3_len = ihl;
	if (flag == RTE_MBUF_F_TX_UDP_CKSUM)
		m->l4_len = sizeof(struct rte_udp_hdr);
	m->ol_flags |= RTE_MBUF_F_TX_IPV4 | flag;
}

static inline int
csum_one(struct fwd_stream *fs, struct sk_buff *skb)
{
	struct csum_ctx *c = fs->engine_ctx;
	uint64_t ol = skb_to_mbuf(skb)->ol_flags;
	struct rte_ipv4_hdr *ip;
	struct rte_udp_hdr *uh;
	struct skb_hdrs h;
	bool good;
	int ret;

	skb_reset_mac_header(skb);
	ret = skb_parse_eth(skb, 0, &h);
	if (unlikely(ret < 0))
		return pkt_drop_reason(ret);
	skb->protocol = h.protocol;
	if (h.protocol != RTE_BE16(RTE_ETHER_TYPE_IPV4)) {
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
			csum_tx_offload(skb, h.l3_off, h.l3_len, RTE_MBUF_F_TX_IP_CKSUM);
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
	if (c->rx_udp_hw && (ol & RTE_MBUF_F_RX_L4_CKSUM_MASK) != RTE_MBUF_F_RX_L4_CKSUM_UNKNOWN &&
	    (ol & RTE_MBUF_F_RX_L4_CKSUM_MASK) != RTE_MBUF_F_RX_L4_CKSUM_NONE)
		good = (ol & RTE_MBUF_F_RX_L4_CKSUM_MASK) == RTE_MBUF_F_RX_L4_CKSUM_GOOD;
	else
		good = skb_l4_csum(skb, &h) == 0;
	if (good) {
		c->udp_good++;
		return PKT_OK;
	}
	fs->rx_bad_l4_csum++;
	uh->dgram_cksum = 0;
	/* the device sums the whole IP payload: use it only when UDP fills it */
	if (c->tx_udp_hw && h.l4_end == h.l3_end) {
		ip = (struct rte_ipv4_hdr *)(skb_data(skb) + h.l3_off);
		csum_tx_offload(skb, h.l3_off, h.l3_len, RTE_MBUF_F_TX_UDP_CKSUM);
		uh->dgram_cksum = rte_ipv4_phdr_cksum(ip, skb_to_mbuf(skb)->ol_flags);
	} else {
		uint16_t sum = skb_l4_csum(skb, &h);

		uh->dgram_cksum = sum == 0 ? 0xffff : sum;
	}
	return PKT_OK;
}

static void
csum_fwd(struct fwd_stream *fs)
{
	struct sk_buff *skbs[MAX_PKT_BURST];
	uint16_t n = fwd_rx(fs, skbs);

	if (unlikely(n == 0))
		return;
	fwd_tx(fs, skbs, pkt_filter_burst(fs, skbs, n, csum_one));
}

const struct fwd_engine csum_engine = {
	.name = "csum",
	.stream_init = csum_stream_init,
	.packet_fwd = csum_fwd,
	.stream_fini = csum_stream_fini,
	.rx_offloads = CSUM_OFFLOADS_RX,
	.tx_offloads = CSUM_OFFLOADS_TX,
	.checksum_counts = true,
};
