/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rxonly engine: a sink, as testpmd's rxonly.  Each burst is received, its
 * packets and bytes counted, and freed under the "consumed" reason (so that
 * TX == RX - drops holds as for every engine, with TX-dropped 0).
 * --rx-classify also parses each packet (libskb's skb_parse.h:
 * Ethernet/VLAN/QinQ, IPv4 with its checks, UDP; IPv6 with its extension
 * headers, UDP, TCP, ICMPv6), sets its header offsets and protocol, and counts
 * it by class; the per-class counts are printed for each stream at exit.
 */

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_malloc.h>

#include "pkt.h"

static bool rxonly_classify_on;   /* --rx-classify */

struct rxonly_counts {
	uint64_t ipv4, udp, other, malformed;
	uint64_t ipv6, udp6, tcp6, icmp6;   /* udp: over IPv4; *6: over IPv6 */
};

static int
rxonly_setup(void)
{
	if (rxonly_classify_on)
		printf("skbfwd: rxonly: each packet parsed and counted by class (--rx-classify)\n");
	return 0;
}

static int
rxonly_stream_init(struct fwd_stream *fs)
{
	if (!rxonly_classify_on)
		return 0;
	fs->engine_ctx = rte_zmalloc("rxonly", sizeof(struct rxonly_counts), RTE_CACHE_LINE_SIZE);
	return fs->engine_ctx == NULL ? -ENOMEM : 0;
}

static void
rxonly_stream_fini(struct fwd_stream *fs)
{
	struct rxonly_counts *c = fs->engine_ctx;

	if (c == NULL)
		return;
	printf("rxonly: port %u queue %u: ipv4=%" PRIu64 " udp=%" PRIu64 " ipv6=%" PRIu64
	       " udp6=%" PRIu64 " tcp6=%" PRIu64 " icmp6=%" PRIu64 " other=%" PRIu64
	       " malformed=%" PRIu64 "\n", fs->rx_port, fs->rx_queue, c->ipv4, c->udp,
	       c->ipv6, c->udp6, c->tcp6, c->icmp6, c->other, c->malformed);
	rte_free(c);
	fs->engine_ctx = NULL;
}

/*
 * An IPv6 packet (Ethernet parsed into @h): its header and extension headers
 * within the payload length, then UDP or TCP checked, or ICMPv6's 4-byte
 * header inside the packet; a fragment counts as IPv6 alone.
 */
static __rte_noinline void
rxonly_classify6(struct sk_buff *skb, struct skb_hdrs *h, struct rxonly_counts *c)
{
	if (skb_parse_ip(skb, h, 0) < 0) {
		c->malformed++;
		return;
	}
	__skb_set_network_header(skb, (int)h->l3_off);
	c->ipv6++;
	if (h->flags & SKB_HDRS_FRAG)
		return;
	if (h->l4_proto == IPPROTO_ICMPV6) {
		if (h->l4_off + sizeof(struct rte_icmp_hdr) <= h->l3_end) {
			__skb_set_transport_header(skb, (int)h->l4_off);
			c->icmp6++;
		} else {
			c->malformed++;
		}
		return;
	}
	if (h->l4_proto != IPPROTO_UDP && h->l4_proto != IPPROTO_TCP)
		return;
	if (skb_parse_l4(skb, h, 0) == 0) {
		__skb_set_transport_header(skb, (int)h->l4_off);
		if (h->l4_proto == IPPROTO_UDP)
			c->udp6++;
		else
			c->tcp6++;
	} else {
		c->malformed++;
	}
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
		if (h.protocol == RTE_BE16(RTE_ETHER_TYPE_IPV6))
			rxonly_classify6(skb, &h, c);
		else
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

/* pkt_filter_burst_fresh()'s step for --rx-classify: every packet is kept, to be consumed. */
static __rte_always_inline int
rxonly_classify_one(struct fwd_stream *fs, struct sk_buff *skb)
{
	rxonly_classify(skb, fs->engine_ctx);
	return PKT_OK;
}

/*
 * --rx-classify: each packet's fields made valid in the pass that parses and
 * counts it, then the burst consumed.  Classifying takes no reference, so a
 * bare receive's skbs are still this loop's alone: freed without the users
 * check, as the sink's.
 */
static __rte_noinline void
rxonly_classify_fwd(struct fwd_stream *fs)
{
	struct sk_buff *skbs[MAX_PKT_BURST];
	bool fresh;
	uint16_t n = pkt_rx_fresh(fs, skbs, &fresh);
	uint32_t bytes;

	if (unlikely(n == 0))
		return;
	n = pkt_filter_burst_fresh(fs, skbs, n, rxonly_classify_one, fresh, &bytes);
	if (likely(fresh)) {
		/* the bytes summed by the free pass, the filter's sum left unused */
		fs->rx_bytes += __fwd_drop_bulk(fs, skbs, n, FWD_DROP_CONSUMED);
		return;
	}
	fs->rx_bytes += bytes;
	fwd_drop_bulk(fs, skbs, n, FWD_DROP_CONSUMED);
}

static void
rxonly_fwd(struct fwd_stream *fs)
{
	struct sk_buff *skbs[MAX_PKT_BURST];
	uint16_t n;

	if (unlikely(rxonly_classify_on)) {
		rxonly_classify_fwd(fs);
		return;
	}
	/* the sink reads no skb field: the bare receive */
	n = fwd_rx_pass_nobytes(fs, skbs);
	if (unlikely(n == 0))
		return;
	/* the bare burst's skbs are this loop's alone: freed without a users check,
	 * their bytes counted in the same pass */
	fs->rx_bytes += __fwd_drop_bulk(fs, skbs, n, FWD_DROP_CONSUMED);
}

FWD_LCORE_LOOP(rxonly_fwd)

static int
rxonly_parse_option(const char *name, const char *arg)
{
	/* without a value: arg NULL, or "off" from the console's set */
	if (strcmp(name, "rx-classify") == 0) {
		rxonly_classify_on = arg == NULL;
		return 0;
	}
	return -EINVAL;
}

static const struct option rxonly_longopts[] = {
	{ "rx-classify", no_argument, NULL, 0 },
	{ NULL, 0, NULL, 0 },
};

static const struct fwd_options rxonly_options = {
	.longopts = rxonly_longopts,
	.parse = rxonly_parse_option,
	.off = true,
	.usage =
	"  --rx-classify           rxonly: parse each packet and count it by class (ipv4, udp,\n"
	"                          ipv6, udp6, tcp6, icmp6, other, malformed; printed per\n"
	"                          stream at exit)\n",
};

const struct fwd_engine rxonly_engine = {
	.name = "rxonly",
	.setup = rxonly_setup,
	.stream_init = rxonly_stream_init,
	.packet_fwd = rxonly_fwd,
	.lcore_loop = rxonly_fwd_lcore_loop,
	.stream_fini = rxonly_stream_fini,
	.options = FWD_OPTIONS(&rxonly_options),
};
