/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rxonly engine: receive, parse (libskb's skb_parse.h: Ethernet/VLAN/QinQ, IPv4
 * with its checks, UDP) and count, then free every packet under the "consumed"
 * reason, so that TX == RX - drops holds as for every engine.  The per-class
 * counts are printed for each stream at exit.
 */

#include <inttypes.h>
#include <stdio.h>

#include <rte_malloc.h>

#include "pkt.h"

struct rxonly_counts {
	uint64_t ipv4, udp, other, malformed;
};

static int
rxonly_stream_init(struct fwd_stream *fs)
{
	fs->engine_ctx = rte_zmalloc("rxonly", sizeof(struct rxonly_counts), RTE_CACHE_LINE_SIZE);
	return fs->engine_ctx == NULL ? -ENOMEM : 0;
}

static void
rxonly_stream_fini(struct fwd_stream *fs)
{
	struct rxonly_counts *c = fs->engine_ctx;

	if (c == NULL)
		return;
	printf("rxonly: port %u queue %u: ipv4=%" PRIu64 " udp=%" PRIu64 " other=%" PRIu64
	       " malformed=%" PRIu64 "\n", fs->rx_port, fs->rx_queue, c->ipv4, c->udp,
	       c->other, c->malformed);
	rte_free(c);
	fs->engine_ctx = NULL;
}

static inline void
rxonly_classify(struct sk_buff *skb, struct rxonly_counts *c)
{
	struct skb_hdrs h;

	skb_reset_mac_header(skb);
	if (skb_parse_eth(skb, 0, &h) < 0) {
		c->malformed++;
		return;
	}
	skb->protocol = h.protocol;
	if (h.protocol != RTE_BE16(RTE_ETHER_TYPE_IPV4)) {
		c->other++;
		return;
	}
	if (skb_parse_ip(skb, &h, SKB_PARSE_CSUM) < 0) {
		c->malformed++;
		return;
	}
	__skb_set_network_header(skb, (int)h.l3_off);
	c->ipv4++;
	if (h.l4_proto != IPPROTO_UDP || (h.flags & SKB_HDRS_FRAG))
		return;
	if (skb_parse_l4(skb, &h, 0) == 0) {
		__skb_set_transport_header(skb, (int)h.l4_off);
		c->udp++;
	} else {
		c->malformed++;
	}
}

static void
rxonly_fwd(struct fwd_stream *fs)
{
	struct sk_buff *skbs[MAX_PKT_BURST];
	struct rxonly_counts *c = fs->engine_ctx;
	uint16_t n = fwd_rx(fs, skbs), i;

	if (unlikely(n == 0))
		return;
	for (i = 0; i < n; i++)
		rxonly_classify(skbs[i], c);
	fs->drops[FWD_DROP_CONSUMED] += n;
	kfree_skb_bulk(skbs, n);
}

const struct fwd_engine rxonly_engine = {
	.name = "rxonly",
	.stream_init = rxonly_stream_init,
	.packet_fwd = rxonly_fwd,
	.stream_fini = rxonly_stream_fini,
};
