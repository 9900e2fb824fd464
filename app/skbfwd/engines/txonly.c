/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * txonly engine: a UDP/IPv4 or UDP/IPv6 generator (testpmd's txonly).  Each
 * stream keeps a template of the first segment of its frames, written when it
 * starts: Ethernet, IPv4 (TTL 64, DF clear, header checksum set) and UDP
 * (checksum 0: none, allowed over IPv4), or IPv6 (hop limit 64) and UDP (its
 * checksum computed: mandatory over IPv6), and a zero payload; its Ethernet
 * addresses (source := TX port's MAC, destination := its --eth-peer) are
 * written again once per burst.
 * A burst is built with the skb API: alloc_skb_bulk() for the heads,
 * skb_reserve() of NET_SKB_PAD, skb_put_data() of the template, the header
 * offsets and skb->protocol as a kernel sender leaves them; --txpkts with
 * several sizes adds zeroed frags (__alloc_skb_bulk() per segment, skb_put_zero(),
 * skb_append_frag()).  --txonly-multi-flow varies the source address frame by
 * frame (IPv6: its last 32 bits) and updates the IPv4 header checksum or the
 * UDP/IPv6 checksum incrementally (csum_replace4()).
 * What it makes is counted in fs->generated.  It never polls RX, as testpmd's
 * txonly: frames that arrive stay with the port.
 *
 * --tx-rate and --latency take a path of their own, behind one test a burst
 * (the unpaced default pays nothing more): --tx-rate paces each stream on
 * the TSC (pace.h) at its share of its TX port's rate; --latency writes a
 * probe (latency.h) into every frame (UDP/IPv6: its checksum updated for it)
 * and receives on the stream's RX queue,
 * measuring what comes back and freeing it (consumed).
 */

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_malloc.h>

#include "latency.h"
#include "pace.h"
#include "parse.h"
#include "pkt.h"
#include "runtime.h"
#include "txpkts.h"

/* the headers of an IPv4 frame: the least --txpkts/--tx-pkt-size take (IPv6 checked at setup) */
#define TXONLY_HDR_LEN (RTE_ETHER_HDR_LEN + sizeof(struct rte_ipv4_hdr) + sizeof(struct rte_udp_hdr))
#define TXONLY_MAX_SEGS 8
#define TXONLY_TTL 64
#define TXONLY_RX_BURSTS 8      /* --latency: RX bursts at most before each TX burst */

static uint16_t txonly_seg_len[TXONLY_MAX_SEGS] = { 64 };
static unsigned int txonly_nb_segs = 1;
static uint32_t txonly_pkt_len = 64;
static uint32_t txonly_ip_src = RTE_BE32(UINT32_C(0xc6120001)); /* 198.18.0.1 */
static uint32_t txonly_ip_dst = RTE_BE32(UINT32_C(0xc6120002)); /* 198.18.0.2 */
static bool txonly_ipv6;         /* --tx-ip gave IPv6 addresses: the two below */
static uint8_t txonly_ip6_src[16], txonly_ip6_dst[16];
static uint16_t txonly_udp_src = 9, txonly_udp_dst = 9;
static bool txonly_multi_flow;
static bool txonly_txpkts_given, txonly_size_given;
static uint64_t txonly_count;   /* --tx-count: frames per stream, 0: unlimited */
static uint16_t txonly_gso_size; /* --tx-gso: MSS of the 64 KiB GSO skbs built, 0: off */
static bool txonly_gso_udp;      /* --tx-gso-udp: UDP (IP fragments) rather than TCP */
static struct skbfwd_rate txonly_rate; /* --tx-rate of every TX port; value 0: unpaced */

/* --tx-rate: what each TX port was asked and made in the run (txonly_stream_stop()) */
static struct {
	double asked_pps;             /* the port's rate in frames/s, 0: not a TX port */
	double achieved_pps;          /* the sum of its streams' achieved rates */
	double seconds;               /* the longest of its streams' sending time */
} txonly_port_rate[RTE_MAX_ETHPORTS];

#define TXONLY_GSO_TCP_PAYLOAD 65536u /* 46 segments at MSS 1448 */
#define TXONLY_GSO_UDP_PAYLOAD 65000u /* a datagram IPv4 can still fragment */
#define TXONLY_GSO_FRAG 2048u

/* The IP header's length: IPv4 without options or IPv6 without extension headers. */
static inline unsigned int
txonly_l3_len(void)
{
	return txonly_ipv6 ? sizeof(struct rte_ipv6_hdr) : sizeof(struct rte_ipv4_hdr);
}

/* L4 payload of a --tx-gso skb: --txpkts/--tx-pkt-size less the headers, else 64 KiB. */
static unsigned int
txonly_gso_payload(void)
{
	unsigned int hl = RTE_ETHER_HDR_LEN + txonly_l3_len() +
			  (txonly_gso_udp ? sizeof(struct rte_udp_hdr) : sizeof(struct rte_tcp_hdr));

	if ((txonly_txpkts_given || txonly_size_given) && txonly_pkt_len > hl)
		return txonly_pkt_len - hl;
	return txonly_gso_udp ? TXONLY_GSO_UDP_PAYLOAD : TXONLY_GSO_TCP_PAYLOAD;
}

/* Wire packets one --tx-gso skb becomes (1 without --tx-gso). */
static unsigned int
txonly_gso_segs(void)
{
	unsigned int unit = txonly_gso_udp ? txonly_gso_size & ~7u : txonly_gso_size;
	unsigned int pay = txonly_gso_payload() + (txonly_gso_udp ? sizeof(struct rte_udp_hdr) : 0);

	return txonly_gso_size == 0 ? 1 : (pay + unit - 1) / unit;
}

/*
 * --tx-gso: one GSO skb (helper "gso"): Ethernet, IPv4, TCP (ACK|PSH; sequence
 * and IP ID advancing per skb as a sender's would) or UDP headers, or
 * Ethernet, IPv6 (hop limit 64), TCP (SKB_GSO_TCPV6), then the zeroed payload
 * in 2 KiB frags, gso_size/gso_type set; fwd_tx() segments it.  Checksums and
 * lengths are left to segmentation.  NULL when the pool is empty.
 */
static struct sk_buff *
txonly_build_gso(const struct fwd_stream *fs, struct rte_mempool *mp, uint64_t seq)
{
	unsigned int l4 = txonly_gso_udp ? sizeof(struct rte_udp_hdr) : sizeof(struct rte_tcp_hdr);
	unsigned int pay = txonly_gso_payload();
	unsigned int l3 = txonly_l3_len(), hl = RTE_ETHER_HDR_LEN + l3 + l4, off;
	struct sk_buff *skb = netdev_alloc_skb(fs->tx_port, hl);
	struct rte_ether_hdr *eth;
	uint8_t *l4h;

	if (unlikely(skb == NULL))
		return NULL;
	eth = skb_put_zero(skb, hl);
	for (off = 0; off < pay; off += TXONLY_GSO_FRAG) {
		unsigned int n = RTE_MIN(TXONLY_GSO_FRAG, pay - off);
		struct sk_buff *frag = alloc_skb(mp, n);

		if (unlikely(frag == NULL))
			goto fail;
		if (unlikely(skb_put_zero(frag, n) == NULL ||
			     rte_pktmbuf_chain(skb_to_mbuf(skb), skb_to_mbuf(frag)) != 0)) {
			kfree_skb(frag);
			goto fail;
		}
	}
	eth->dst_addr = *fwd_peer_addr(fs->tx_port);
	eth->src_addr = *fwd_port_addr(fs->tx_port);
	if (txonly_ipv6) {
		struct rte_ipv6_hdr *ip6 = (struct rte_ipv6_hdr *)(eth + 1);

		eth->ether_type = RTE_BE16(RTE_ETHER_TYPE_IPV6);
		ip6->vtc_flow = RTE_BE32(UINT32_C(6) << 28);
		ip6->proto = IPPROTO_TCP;     /* --tx-gso-udp is refused with IPv6 */
		ip6->hop_limits = TXONLY_TTL;
		memcpy(ip6->src_addr, txonly_ip6_src, 16);
		memcpy(ip6->dst_addr, txonly_ip6_dst, 16);
	} else {
		struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)(eth + 1);

		eth->ether_type = RTE_BE16(RTE_ETHER_TYPE_IPV4);
		ip->version_ihl = RTE_IPV4_VHL_DEF;
		ip->time_to_live = TXONLY_TTL;
		ip->next_proto_id = txonly_gso_udp ? IPPROTO_UDP : IPPROTO_TCP;
		ip->src_addr = txonly_ip_src;
		ip->dst_addr = txonly_ip_dst;
		ip->packet_id = rte_cpu_to_be_16((uint16_t)(seq * ((pay + txonly_gso_size - 1) /
								   txonly_gso_size)));
	}
	l4h = (uint8_t *)(eth + 1) + l3;
	if (txonly_gso_udp) {
		struct rte_udp_hdr *uh = (struct rte_udp_hdr *)l4h;

		uh->src_port = rte_cpu_to_be_16(txonly_udp_src);
		uh->dst_port = rte_cpu_to_be_16(txonly_udp_dst);
	} else {
		struct rte_tcp_hdr *th = (struct rte_tcp_hdr *)l4h;

		th->src_port = rte_cpu_to_be_16(txonly_udp_src);
		th->dst_port = rte_cpu_to_be_16(txonly_udp_dst);
		th->sent_seq = rte_cpu_to_be_32((uint32_t)(seq * pay));
		th->data_off = (sizeof(*th) / 4) << 4;
		th->tcp_flags = RTE_TCP_ACK_FLAG | RTE_TCP_PSH_FLAG;
		th->rx_win = RTE_BE16(65535);
	}
	skb_reset_mac_header(skb);
	skb_set_network_header(skb, RTE_ETHER_HDR_LEN);
	skb_set_transport_header(skb, (int)(RTE_ETHER_HDR_LEN + l3));
	skb->protocol = eth->ether_type;
	skb_shinfo(skb)->gso_size = txonly_gso_size;
	skb_shinfo(skb)->gso_type = txonly_gso_udp ? SKB_GSO_UDP :
				    txonly_ipv6 ? SKB_GSO_TCPV6 : SKB_GSO_TCPV4;
	return skb;
fail:
	kfree_skb(skb);
	return NULL;
}

/*
 * A stream's state: its pool and the template of the first segment of its
 * frames (Ethernet, IPv4 or IPv6, UDP, zero payload: txonly_seg_len[0] bytes).
 */
struct txonly_stream {
	struct rte_mempool *mp;
	unsigned int room;            /* NET_SKB_PAD + the first segment */
	uint32_t ip_src;              /* the template's source address (IPv6: its last 32 bits), host order */
	bool slow;                    /* paced or probed: txonly_fwd_slow() */
	bool paced;                   /* --tx-rate: pace holds the schedule */
	struct fwd_pace pace;
	uint8_t tmpl[] __rte_cache_aligned;
};

/*
 * The template's IPv6 and UDP headers: the payload being zeros, the UDP
 * checksum is the pseudo-header's and the UDP header's alone.
 */
static void
txonly_tmpl_init6(struct txonly_stream *ts)
{
	struct rte_ether_hdr *eth = (struct rte_ether_hdr *)ts->tmpl;
	struct rte_ipv6_hdr *ip6 = (struct rte_ipv6_hdr *)(eth + 1);
	struct rte_udp_hdr *uh = (struct rte_udp_hdr *)(ip6 + 1);
	uint16_t len = (uint16_t)(txonly_pkt_len - RTE_ETHER_HDR_LEN - sizeof(*ip6));
	uint32_t low;

	eth->ether_type = RTE_BE16(RTE_ETHER_TYPE_IPV6);
	ip6->vtc_flow = RTE_BE32(UINT32_C(6) << 28);
	ip6->payload_len = rte_cpu_to_be_16(len);
	ip6->proto = IPPROTO_UDP;
	ip6->hop_limits = TXONLY_TTL;
	memcpy(ip6->src_addr, txonly_ip6_src, 16);
	memcpy(ip6->dst_addr, txonly_ip6_dst, 16);
	uh->src_port = rte_cpu_to_be_16(txonly_udp_src);
	uh->dst_port = rte_cpu_to_be_16(txonly_udp_dst);
	uh->dgram_len = rte_cpu_to_be_16(len);
	uh->dgram_cksum = csum_ipv6_magic(ip6->src_addr, ip6->dst_addr, len, IPPROTO_UDP,
					  csum_partial(uh, sizeof(*uh), 0));
	if (uh->dgram_cksum == 0)
		uh->dgram_cksum = 0xffff;
	memcpy(&low, txonly_ip6_src + 12, sizeof(low));
	ts->ip_src = rte_be_to_cpu_32(low);
}

/* Write the IPv4 (or IPv6) and UDP headers of the template, and zeros after them. */
static void
txonly_tmpl_init(struct txonly_stream *ts)
{
	struct rte_ether_hdr *eth = (struct rte_ether_hdr *)ts->tmpl;
	struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)(eth + 1);
	struct rte_udp_hdr *uh = (struct rte_udp_hdr *)(ip + 1);

	memset(ts->tmpl, 0, txonly_seg_len[0]);
	if (txonly_ipv6) {
		txonly_tmpl_init6(ts);
		return;
	}
	eth->ether_type = RTE_BE16(RTE_ETHER_TYPE_IPV4);
	ip->version_ihl = RTE_IPV4_VHL_DEF;
	ip->total_length = rte_cpu_to_be_16((uint16_t)(txonly_pkt_len - RTE_ETHER_HDR_LEN));
	ip->time_to_live = TXONLY_TTL;
	ip->next_proto_id = IPPROTO_UDP;
	ip->src_addr = txonly_ip_src;
	ip->dst_addr = txonly_ip_dst;
	ip_send_check(ip);
	uh->src_port = rte_cpu_to_be_16(txonly_udp_src);
	uh->dst_port = rte_cpu_to_be_16(txonly_udp_dst);
	uh->dgram_len = rte_cpu_to_be_16((uint16_t)(txonly_pkt_len - RTE_ETHER_HDR_LEN - sizeof(*ip)));
	ts->ip_src = rte_be_to_cpu_32(txonly_ip_src);
}

/* The template's Ethernet addresses, once per burst: source := TX port's MAC, destination := its peer. */
static inline void
txonly_tmpl_eth(struct txonly_stream *ts, uint16_t port)
{
	struct rte_ether_hdr *eth = (struct rte_ether_hdr *)ts->tmpl;

	rte_ether_addr_copy(fwd_peer_addr(port), &eth->dst_addr);
	rte_ether_addr_copy(fwd_port_addr(port), &eth->src_addr);
}

/* Set the UDP/IPv6 checksum of @uh to @sum, a computed 0 sent as 0xffff (RFC 8200 8.1). */
static inline void
txonly_udp6_csum_set(struct rte_udp_hdr *uh, uint16_t sum)
{
	uh->dgram_cksum = sum != 0 ? sum : 0xffff;
}

/*
 * Make the fresh skb (room for NET_SKB_PAD and the @len-byte first segment, its
 * metadata valid: alloc_skb_bulk() or alloc_skb()) frame number @flow of its
 * stream: headroom, the template, the header offsets and protocol as a kernel
 * sender leaves them; with --txonly-multi-flow the source address of flow &
 * 0xff (IPv6: in its last 32 bits) and the checksum updated for it.  The room
 * is known, so the unchecked __skb_put() and __skb_set_*_header() twins do.
 */
static inline void
txonly_fill(const struct txonly_stream *ts, struct sk_buff *skb, unsigned int len,
	    bool multi_flow, bool ipv6, uint64_t flow)
{
	uint8_t *p;

	skb_reserve(skb, NET_SKB_PAD);
	p = __skb_put(skb, len);
	memcpy(p, ts->tmpl, len);
	__skb_set_mac_header(skb, 0);
	__skb_set_network_header(skb, RTE_ETHER_HDR_LEN);
	if (ipv6) {
		__skb_set_transport_header(skb, RTE_ETHER_HDR_LEN + sizeof(struct rte_ipv6_hdr));
		skb->protocol = RTE_BE16(RTE_ETHER_TYPE_IPV6);
		if (multi_flow) {
			struct rte_ipv6_hdr *ip6 = (struct rte_ipv6_hdr *)(p + RTE_ETHER_HDR_LEN);
			struct rte_udp_hdr *uh = (struct rte_udp_hdr *)(ip6 + 1);
			uint32_t old, src = rte_cpu_to_be_32(ts->ip_src + (uint32_t)(flow & 0xff));
			uint16_t sum = uh->dgram_cksum;

			memcpy(&old, ip6->src_addr + 12, sizeof(old));
			csum_replace4(&sum, old, src);
			txonly_udp6_csum_set(uh, sum);
			memcpy(ip6->src_addr + 12, &src, sizeof(src));
		}
		return;
	}
	__skb_set_transport_header(skb, RTE_ETHER_HDR_LEN + sizeof(struct rte_ipv4_hdr));
	skb->protocol = RTE_BE16(RTE_ETHER_TYPE_IPV4);
	if (multi_flow) {   /* testpmd varies the source address */
		struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)(p + RTE_ETHER_HDR_LEN);
		uint32_t src = rte_cpu_to_be_32(ts->ip_src + (uint32_t)(flow & 0xff));
		uint16_t sum = ip->hdr_checksum;

		csum_replace4(&sum, ip->src_addr, src);
		ip->hdr_checksum = sum;
		ip->src_addr = src;
	}
}

/* txonly_fill() of @n skbs, frames @made on; the length, flow mode and family as constants where they are. */
static inline void
txonly_fill_burst(const struct txonly_stream *ts, struct sk_buff **skbs, uint16_t n,
		  unsigned int len, bool multi_flow, bool ipv6, uint64_t made)
{
	uint16_t i;

	for (i = 0; i < n; i++)
		txonly_fill(ts, skbs[i], len, multi_flow, ipv6, made + i);
}

/* IPv6 frames: txonly_fill_burst() out of line, the IPv4 loops left as they are. */
static __rte_noinline void
txonly_fill_all6(const struct txonly_stream *ts, struct sk_buff **skbs, uint16_t n,
		 uint64_t made)
{
	txonly_fill_burst(ts, skbs, n, txonly_seg_len[0], txonly_multi_flow, true, made);
}

/* txonly_fill_burst() with testpmd's 64-byte frame (the copy inlined) apart. */
static void
txonly_fill_all(const struct txonly_stream *ts, struct sk_buff **skbs, uint16_t n,
		uint64_t made)
{
	unsigned int len = txonly_seg_len[0];

	if (unlikely(txonly_ipv6))
		txonly_fill_all6(ts, skbs, n, made);
	else if (txonly_multi_flow)
		txonly_fill_burst(ts, skbs, n, len, true, false, made);
	else if (likely(len == 64))
		txonly_fill_burst(ts, skbs, n, 64, false, false, made);
	else
		txonly_fill_burst(ts, skbs, n, len, false, false, made);
}

/*
 * Chain the further --txpkts segments, zeroed, to each of the @n skbs: one
 * __alloc_skb_bulk() per segment.  0; -ENOMEM when the pool ran short (the skbs
 * may then hold some of their frags: free them whole).
 */
static int
txonly_add_frags(struct rte_mempool *mp, struct sk_buff **skbs, uint16_t n)
{
	struct sk_buff *frags[MAX_PKT_BURST];
	unsigned int s;
	uint16_t i;

	for (s = 1; s < txonly_nb_segs; s++) {
		unsigned int len = txonly_seg_len[s];

		/*
		 * a frag's own fields are never read once chained: the bare twin,
		 * unless the segment needs more than a pool buffer holds
		 */
		if (unlikely((likely(len <= rte_pktmbuf_data_room_size(mp)) ?
			      __alloc_skb_bulk(mp, frags, n, len) :
			      alloc_skb_bulk(mp, frags, n, len)) < 0))
			return -ENOMEM;
		for (i = 0; i < n; i++) {
			/* the room asked for is there: the unchecked twin of skb_put_zero() */
			if (likely(len == 64))
				memset(__skb_put(frags[i], 64), 0, 64);
			else
				memset(__skb_put(frags[i], len), 0, len);
			/* a fresh frag, at most TXONLY_MAX_SEGS segments: the unchecked twin */
			__skb_append_frag(skbs[i], frags[i]);
		}
	}
	return 0;
}

/* The pool could not give a whole burst: frames one by one, as many as it gives. */
static uint16_t
txonly_build_each(const struct txonly_stream *ts, struct sk_buff **skbs, uint16_t n,
		  uint64_t made)
{
	uint16_t i;

	for (i = 0; i < n; i++) {
		struct sk_buff *skb = alloc_skb(ts->mp, ts->room);

		if (skb == NULL)
			break;
		txonly_fill(ts, skb, txonly_seg_len[0], txonly_multi_flow, txonly_ipv6, made + i);
		if (txonly_nb_segs > 1 && txonly_add_frags(ts->mp, &skb, 1) < 0) {
			kfree_skb(skb);
			break;
		}
		skbs[i] = skb;
	}
	return i;
}

/* --tx-gso: one GSO skb per frame, segmented on TX; --tx-count counts skbs. */
static __rte_noinline void
txonly_fwd_gso(struct fwd_stream *fs, const struct txonly_stream *ts)
{
	struct sk_buff *skbs[MAX_PKT_BURST];
	unsigned int segs = txonly_gso_segs(); /* generated counts wire packets */
	uint64_t made = fs->generated / segs;
	uint16_t n, burst = fs->burst;

	if (txonly_count != 0) {
		if (made >= txonly_count)
			return;
		burst = (uint16_t)RTE_MIN((uint64_t)burst, txonly_count - made);
	}
	for (n = 0; n < burst; n++) {
		skbs[n] = txonly_build_gso(fs, ts->mp, made + n);
		if (unlikely(skbs[n] == NULL))
			break;
	}
	if (unlikely(n == 0))
		return;
	fs->generated += (uint64_t)n * segs;
	fwd_tx(fs, skbs, n);
}

/* @n frames into @skbs, frames @made on; @return how many the pool gave. */
static inline uint16_t
txonly_build_burst(struct fwd_stream *fs, struct txonly_stream *ts, struct sk_buff **skbs,
		   uint16_t n, uint64_t made)
{
	txonly_tmpl_eth(ts, fs->tx_port);
	if (likely(alloc_skb_bulk(ts->mp, skbs, n, ts->room) == 0)) {
		txonly_fill_all(ts, skbs, n, made);
		if (unlikely(txonly_nb_segs > 1) && txonly_add_frags(ts->mp, skbs, n) < 0) {
			kfree_skb_bulk(skbs, n);
			n = txonly_build_each(ts, skbs, n, made);
		}
	} else {
		n = txonly_build_each(ts, skbs, n, made);
	}
	return n;
}

/*
 * --latency over IPv6: the probes of the burst at LAT_PROBE_OFFSET6, each
 * frame's UDP checksum (mandatory over IPv6) brought up to date for the 16
 * bytes that were zeros: the probe's sum added to it (RFC 1624).
 */
static __rte_noinline void
txonly_probe_burst6(struct sk_buff **skbs, uint16_t n, const struct fwd_latency *l, uint64_t tsc)
{
	uint16_t i;

	for (i = 0; i < n; i++) {
		uint8_t *frame = skb_data(skbs[i]);
		struct rte_udp_hdr *uh = (struct rte_udp_hdr *)(frame + LAT_PROBE_OFFSET6 -
								  sizeof(struct rte_udp_hdr));

		lat_probe_write(frame + LAT_PROBE_OFFSET6, l->flow, l->seq + i, tsc);
		txonly_udp6_csum_set(uh, csum_fold(csum_add((uint16_t)~uh->dgram_cksum,
							    csum_partial(frame + LAT_PROBE_OFFSET6,
									 LAT_PROBE_LEN, 0))));
	}
}

/*
 * --tx-rate, --latency: what came back measured and freed, then the frames
 * due by the stream's schedule (all of a burst unpaced), each with a probe
 * stamped with the TSC of the burst.  The schedule moves by what the TX port
 * took: frames it refused are owed again.
 */
static __rte_noinline void
txonly_fwd_slow(struct fwd_stream *fs, struct txonly_stream *ts)
{
	struct sk_buff *skbs[MAX_PKT_BURST];
	struct fwd_latency *l = fs->lat;
	uint64_t made = fs->generated, now = 0, tx0;
	uint16_t n = fs->burst, i;

	/* what came back, a few full bursts of it after the lcore was away */
	for (i = 0; l != NULL && i < TXONLY_RX_BURSTS; i++) {
		n = fwd_rx(fs, skbs);
		if (n != 0) {
			fs->drops[FWD_DROP_CONSUMED] += n;
			kfree_skb_bulk(skbs, n);
		}
		if (n < fs->burst)
			break;
	}
	n = fs->burst;
	if (txonly_count != 0) {
		if (made >= txonly_count)
			return;
		n = (uint16_t)RTE_MIN((uint64_t)n, txonly_count - made);
	}
	if (ts->paced) {
		now = rte_rdtsc();
		n = (uint16_t)fwd_pace_due(&ts->pace, now, n);
		if (n == 0)
			return;
	}
	n = txonly_build_burst(fs, ts, skbs, n, made);
	if (unlikely(n == 0))
		return;
	if (l != NULL) {
		uint64_t tsc = latency_tx_time();

		if (unlikely(txonly_ipv6))
			txonly_probe_burst6(skbs, n, l, tsc);
		else
			for (i = 0; i < n; i++)
				lat_probe_write(skb_data(skbs[i]) + LAT_PROBE_OFFSET, l->flow, l->seq + i, tsc);
		l->seq += n;
	}
	fs->generated += n;
	tx0 = fs->tx_packets;
	fwd_tx_bytes(fs, skbs, n, (uint64_t)n * txonly_pkt_len);
	if (l != NULL)
		l->sent += fs->tx_packets - tx0;
	if (ts->paced)
		fwd_pace_sent(&ts->pace, now, (unsigned int)(fs->tx_packets - tx0));
}

static void
txonly_fwd(struct fwd_stream *fs)
{
	struct sk_buff *skbs[MAX_PKT_BURST];
	struct txonly_stream *ts = fs->engine_ctx;
	uint64_t made = fs->generated;
	uint16_t n = fs->burst;

	if (unlikely(txonly_gso_size != 0)) {
		txonly_fwd_gso(fs, ts);
		return;
	}
	if (unlikely(ts->slow)) {
		txonly_fwd_slow(fs, ts);
		return;
	}
	if (txonly_count != 0) {
		if (made >= txonly_count)
			return;
		n = (uint16_t)RTE_MIN((uint64_t)n, txonly_count - made);
	}
	n = txonly_build_burst(fs, ts, skbs, n, made);
	if (unlikely(n == 0))
		return;
	fs->generated += n;
	/* every frame is txonly_pkt_len bytes: no pass over the burst to count them */
	fwd_tx_bytes(fs, skbs, n, (uint64_t)n * txonly_pkt_len);
}

FWD_LCORE_LOOP(txonly_fwd)

/* The stream's share of its TX port's --tx-rate, in frames/s. */
static double
txonly_stream_pps(const struct fwd_stream *fs)
{
	unsigned int s, n = 0;

	for (s = 0; s < nb_fwd_streams; s++)
		n += fwd_streams[s].tx_port == fs->tx_port;
	return skbfwd_rate_pps(&txonly_rate, txonly_pkt_len) / (n ? n : 1);
}

static int
txonly_stream_init(struct fwd_stream *fs)
{
	struct txonly_stream *ts;
	struct rte_mempool *mp = skb_netdev_pool(fs->tx_port);

	if (mp == NULL)
		return -EINVAL;
	ts = rte_zmalloc("txonly", sizeof(*ts) + txonly_seg_len[0], RTE_CACHE_LINE_SIZE);
	if (ts == NULL)
		return -ENOMEM;
	ts->mp = mp;
	ts->room = NET_SKB_PAD + txonly_seg_len[0];
	txonly_tmpl_init(ts);
	txonly_tmpl_eth(ts, fs->tx_port);
	/* the run's streams are paced; start tx_first's bursts (a scratch copy) are not */
	ts->paced = txonly_rate.value > 0 && fs >= fwd_streams && fs < fwd_streams + nb_fwd_streams;
	if (ts->paced)
		fwd_pace_start(&ts->pace, txonly_stream_pps(fs), rte_get_tsc_hz(), fs->burst);
	ts->slow = ts->paced || fs->lat != NULL;
	fs->engine_ctx = ts;
	return 0;
}

/*
 * Receive what is still in flight after the generators stopped (on the main
 * lcore, the streams' queues being its own then): poll every stream through
 * fwd_rx() until every probe this process's streams sent came back, at most
 * 1 s; what arrives is measured and freed as consumed.  Probes of flows that
 * come back to another process are not waited for.
 * @return the frames received.
 */
static unsigned int
txonly_latency_drain(void)
{
	struct sk_buff *skbs[MAX_PKT_BURST];
	uint64_t hz = rte_get_tsc_hz(), start = rte_rdtsc();
	unsigned int total = 0, s;

	glue_poll_online();
	while (!latency_all_back() && rte_rdtsc() - start < hz) {
		unsigned int got = 0;

		for (s = 0; s < nb_fwd_streams; s++) {
			struct fwd_stream *fs = &fwd_streams[s];
			uint16_t n;

			if (fs->lat == NULL)
				continue;
			n = fwd_rx(fs, skbs);
			if (n == 0)
				continue;
			fs->drops[FWD_DROP_CONSUMED] += n;
			kfree_skb_bulk(skbs, n);
			got += n;
		}
		glue_poll_quiescent(rte_lcore_id());
		if (got == 0)
			rte_delay_us_sleep(100);
		total += got;
	}
	glue_poll_offline();
	return total;
}

/*
 * After the run: --latency takes in what is still in flight, so that it does
 * not count as lost; --tx-rate: what the stream's port was asked and made.
 */
static void
txonly_stream_stop(struct fwd_stream *fs)
{
	const struct txonly_stream *ts = fs->engine_ctx;
	double hz = (double)rte_get_tsc_hz();

	if (fs == &fwd_streams[0] && fs->lat != NULL)  /* every stream's, once */
		printf("txonly: --latency: %u frames in flight taken in at stop\n", txonly_latency_drain());
	if (ts == NULL || !ts->paced)
		return;
	txonly_port_rate[fs->tx_port].asked_pps = skbfwd_rate_pps(&txonly_rate, txonly_pkt_len);
	txonly_port_rate[fs->tx_port].achieved_pps += fwd_pace_rate(&ts->pace, rte_get_tsc_hz());
	txonly_port_rate[fs->tx_port].seconds =
		RTE_MAX(txonly_port_rate[fs->tx_port].seconds,
			(double)(ts->pace.last_tsc - ts->pace.first_tsc) / hz);
}

static void
txonly_stream_fini(struct fwd_stream *fs)
{
	rte_free(fs->engine_ctx);
	fs->engine_ctx = NULL;
}

/* --txpkts=A[,B...]: segment sizes, the first holding the 42 header bytes. */
static int
txonly_parse_txpkts(const char *arg)
{
	char buf[256], *tok, *save = NULL;
	unsigned int n = 0, total = 0;

	if (strlen(arg) >= sizeof(buf))
		goto bad;
	strcpy(buf, arg);
	for (tok = strtok_r(buf, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
		char *end = NULL;
		unsigned long v = strtoul(tok, &end, 10);

		if (*tok == '\0' || *end != '\0' || v == 0 || v > UINT16_MAX - RTE_PKTMBUF_HEADROOM ||
		    n == TXONLY_MAX_SEGS)
			goto bad;
		txonly_seg_len[n++] = (uint16_t)v;
		total += (unsigned int)v;
	}
	if (n == 0)
		goto bad;
	if (txonly_seg_len[0] < TXONLY_HDR_LEN) {
		fprintf(stderr, "skbfwd: --txpkts=%s: the first segment must hold the %zu header bytes\n",
			arg, TXONLY_HDR_LEN);
		return -EINVAL;
	}
	if (total > UINT16_MAX) {
		fprintf(stderr, "skbfwd: --txpkts=%s: %u bytes is more than an IPv4 packet can carry\n",
			arg, total);
		return -EINVAL;
	}
	txonly_nb_segs = n;
	txonly_pkt_len = total;
	txonly_txpkts_given = true;
	return 0;
bad:
	fprintf(stderr, "skbfwd: --txpkts=%s: expected 1 to %d segment sizes N[,N...] (each > 0)\n",
		arg, TXONLY_MAX_SEGS);
	return -EINVAL;
}

/* "A,B" into two strings (B may be absent when @opt_second). */
static int
txonly_split(const char *arg, char *a, char *b, size_t size, bool opt_second)
{
	const char *comma = strchr(arg, ',');

	if (strlen(arg) >= size)
		return -EINVAL;
	if (comma == NULL) {
		if (!opt_second)
			return -EINVAL;
		strcpy(a, arg);
		b[0] = '\0';
		return 0;
	}
	memcpy(a, arg, (size_t)(comma - arg));
	a[comma - arg] = '\0';
	strcpy(b, comma + 1);
	return 0;
}

/* A UDP port @s of --tx-udp into *@port; 0 or -EINVAL (printed). */
static int
txonly_parse_port(const char *s, uint16_t *port)
{
	unsigned long v;

	if (skbfwd_parse_uint("tx-udp", s, 0, UINT16_MAX, &v) < 0)
		return -EINVAL;
	*port = (uint16_t)v;
	return 0;
}

/*
 * --tx-ip=SRC,DST: two IPv4 or two IPv6 addresses; the family of the frames
 * follows.  0; -EINVAL (printed; the addresses and family unchanged).
 */
static int
txonly_parse_ip(const char *arg)
{
	char a[96], b[96];
	uint8_t s6[16], d6[16];
	uint32_t s4, d4;
	int v4a, v4b, v6a, v6b;

	if (txonly_split(arg, a, b, sizeof(a), false) < 0) {
		fprintf(stderr, "skbfwd: --tx-ip=%s: expected SRC,DST IPv4 or IPv6 addresses\n", arg);
		return -EINVAL;
	}
	v4a = skbfwd_parse_ipv4(a, &s4) == 0;
	v4b = skbfwd_parse_ipv4(b, &d4) == 0;
	v6a = skbfwd_parse_ipv6(a, s6) == 0;
	v6b = skbfwd_parse_ipv6(b, d6) == 0;
	if (v4a && v4b) {
		txonly_ip_src = s4;
		txonly_ip_dst = d4;
		txonly_ipv6 = false;
		return 0;
	}
	if (v6a && v6b) {
		memcpy(txonly_ip6_src, s6, 16);
		memcpy(txonly_ip6_dst, d6, 16);
		txonly_ipv6 = true;
		return 0;
	}
	if ((v4a && v6b) || (v6a && v4b))
		fprintf(stderr, "skbfwd: --tx-ip=%s: SRC and DST must be of one family, both IPv4 or both IPv6\n",
			arg);
	else
		fprintf(stderr, "skbfwd: --tx-ip=%s: expected SRC,DST IPv4 or IPv6 addresses\n", arg);
	return -EINVAL;
}

static int
txonly_parse_option(const char *name, const char *arg)
{
	char a[64], b[64];

	if (strcmp(name, "txpkts") == 0)
		return txonly_parse_txpkts(arg);
	if (strcmp(name, "tx-pkt-size") == 0) {
		unsigned long v;

		if (skbfwd_parse_uint(name, arg, TXONLY_HDR_LEN, RTE_MBUF_DEFAULT_DATAROOM, &v) < 0)
			return -EINVAL;
		txonly_seg_len[0] = (uint16_t)v;
		txonly_nb_segs = 1;
		txonly_pkt_len = (uint32_t)v;
		txonly_size_given = true;
		return 0;
	}
	if (strcmp(name, "tx-ip") == 0)
		return txonly_parse_ip(arg);
	if (strcmp(name, "tx-udp") == 0) {
		if (txonly_split(arg, a, b, sizeof(a), true) < 0) {
			fprintf(stderr, "skbfwd: --tx-udp=%s: expected SRC[,DST] UDP ports\n", arg);
			return -EINVAL;
		}
		if (txonly_parse_port(a, &txonly_udp_src) < 0 ||
		    txonly_parse_port(b[0] ? b : a, &txonly_udp_dst) < 0)
			return -EINVAL;
		return 0;
	}
	if (strcmp(name, "tx-count") == 0) {
		unsigned long v;

		if (skbfwd_parse_uint(name, arg, 1, ULONG_MAX, &v) < 0)
			return -EINVAL;
		txonly_count = v;
		return 0;
	}
	if (strcmp(name, "tx-rate") == 0)
		return skbfwd_parse_rate(name, arg, &txonly_rate);
	if (strcmp(name, "tx-gso") == 0) {
		unsigned long v;

		/* a segment size (MSS) */
		if (skbfwd_parse_uint(name, arg, 8, 9000, &v) < 0)
			return -EINVAL;
		txonly_gso_size = (uint16_t)v;
		return 0;
	}
	/* options without a value: arg NULL, or "off" from the console's set */
	if (strcmp(name, "tx-gso-udp") == 0) {
		txonly_gso_udp = arg == NULL;
		return 0;
	}
	if (strcmp(name, "txonly-multi-flow") == 0) {
		txonly_multi_flow = arg == NULL;
		return 0;
	}
	return -EINVAL;
}

static int
txonly_setup(void)
{
	unsigned int probe_end;

	if (txonly_txpkts_given && txonly_size_given) {
		fprintf(stderr, "skbfwd: --txpkts and --tx-pkt-size both set the packet size: give one\n");
		return -EINVAL;
	}
	if (txonly_gso_udp && txonly_gso_size == 0) {
		fprintf(stderr, "skbfwd: --tx-gso-udp needs --tx-gso=SIZE\n");
		return -EINVAL;
	}
	if (txonly_ipv6 && txonly_seg_len[0] < TXONLY_HDR_LEN + sizeof(struct rte_ipv6_hdr) -
				       sizeof(struct rte_ipv4_hdr)) {
		fprintf(stderr, "skbfwd: --tx-ip with IPv6 addresses: the first segment must hold the %zu header bytes, not %u (--txpkts, --tx-pkt-size)\n",
			TXONLY_HDR_LEN + sizeof(struct rte_ipv6_hdr) - sizeof(struct rte_ipv4_hdr),
			txonly_seg_len[0]);
		return -EINVAL;
	}
	if (txonly_ipv6 && txonly_gso_udp) {
		fprintf(stderr, "skbfwd: --tx-gso-udp sends IPv4 fragments: not with IPv6 --tx-ip\n");
		return -EINVAL;
	}
	if (txonly_gso_size != 0 && (txonly_rate.value > 0 || latency_enabled())) {
		fprintf(stderr, "skbfwd: --tx-gso sends GSO skbs: no --tx-rate or --latency with it\n");
		return -EINVAL;
	}
	probe_end = (txonly_ipv6 ? LAT_PROBE_OFFSET6 : LAT_PROBE_OFFSET) + LAT_PROBE_LEN;
	if (latency_enabled() && txonly_seg_len[0] < probe_end) {
		fprintf(stderr, "skbfwd: --latency: txonly's probe needs %s frames of %u bytes at least in their first segment, not %u\n",
			txonly_ipv6 ? "UDP/IPv6" : "UDP/IPv4", probe_end, txonly_seg_len[0]);
		return -EINVAL;
	}
	memset(txonly_port_rate, 0, sizeof(txonly_port_rate));
	if (txonly_gso_size != 0) {
		printf("skbfwd: txonly: %s GSO skbs of %u payload bytes, gso_size %u\n",
		       txonly_gso_udp ? "UDP" : txonly_ipv6 ? "TCP/IPv6" : "TCP",
		       txonly_gso_payload(), txonly_gso_size);
		return 0;
	}
	printf("skbfwd: txonly: %u-byte %s frames in %u segment%s\n", txonly_pkt_len,
	       txonly_ipv6 ? "UDP/IPv6" : "UDP/IPv4", txonly_nb_segs, txonly_nb_segs > 1 ? "s" : "");
	if (txonly_rate.value > 0) {
		char r[32];

		printf("skbfwd: txonly: --tx-rate %s on every TX port: %.0f frames/s of %u bytes, shared by its streams\n",
		       skbfwd_rate_format(&txonly_rate, r, sizeof(r)),
		       skbfwd_rate_pps(&txonly_rate, txonly_pkt_len), txonly_pkt_len);
	}
	return 0;
}

/* --tx-rate: each TX port's rate asked and achieved (after the run's statistics). */
static void
txonly_teardown(void)
{
	unsigned int p;

	for (p = 0; p < RTE_MAX_ETHPORTS; p++) {
		if (txonly_port_rate[p].asked_pps == 0)
			continue;
		printf("txonly: port %u: asked %.6f Mpps, achieved %.6f Mpps (%.6f Gbit/s on the wire) over %.3f s%s\n",
		       p, txonly_port_rate[p].asked_pps / 1e6, txonly_port_rate[p].achieved_pps / 1e6,
		       txonly_port_rate[p].achieved_pps * 8.0 * SKBFWD_WIRE_BYTES(txonly_pkt_len) / 1e9,
		       txonly_port_rate[p].seconds,
		       txonly_port_rate[p].achieved_pps < 0.99 * txonly_port_rate[p].asked_pps ?
		       " (below the rate: the lcore could not make it)" : "");
	}
	fflush(stdout);
}

/* --stats-json "txonly": each paced port's rate asked and achieved. */
static void
txonly_stats_json(FILE *f)
{
	unsigned int p;
	bool first = true;

	if (txonly_rate.value == 0)
		return;
	fprintf(f, ",\n  \"txonly\": {\"tx_rate_pps\": %.3f, \"ports\": [",
		skbfwd_rate_pps(&txonly_rate, txonly_pkt_len));
	for (p = 0; p < RTE_MAX_ETHPORTS; p++) {
		if (txonly_port_rate[p].asked_pps == 0)
			continue;
		fprintf(f, "%s{\"port\": %u, \"asked_pps\": %.3f, \"achieved_pps\": %.3f, \"achieved_bps\": %.3f, \"seconds\": %.3f}",
			first ? "" : ", ", p, txonly_port_rate[p].asked_pps,
			txonly_port_rate[p].achieved_pps,
			txonly_port_rate[p].achieved_pps * 8.0 * SKBFWD_WIRE_BYTES(txonly_pkt_len),
			txonly_port_rate[p].seconds);
		first = false;
	}
	fprintf(f, "]}");
}

static bool
txonly_sends_gso(void)
{
	return txonly_gso_size != 0;
}

static const struct option txonly_longopts[] = {
	{ "tx-pkt-size", required_argument, NULL, 0 },
	{ "tx-ip", required_argument, NULL, 0 },
	{ "tx-udp", required_argument, NULL, 0 },
	{ "txonly-multi-flow", no_argument, NULL, 0 },
	{ "tx-count", required_argument, NULL, 0 },
	{ "tx-rate", required_argument, NULL, 0 },
	{ "tx-gso", required_argument, NULL, 0 },
	{ "tx-gso-udp", no_argument, NULL, 0 },
	{ NULL, 0, NULL, 0 },
};

static const struct fwd_options txonly_options = {
	.longopts = txonly_longopts,
	.parse = txonly_parse_option,
	.off = true,
	.usage =
	"  --tx-pkt-size=N         txonly: one-segment frames of N bytes (42..2048)\n"
	"  --tx-ip=SRC,DST         txonly: IPv4 addresses (default 198.18.0.1,198.18.0.2), or\n"
	"                          IPv6 ones: UDP/IPv6 frames (first segment 62 bytes at least)\n"
	"  --tx-udp=SRC[,DST]      txonly: UDP ports (default 9,9)\n"
	"  --txonly-multi-flow     txonly: vary the source address (IPv6: its last 32 bits)\n"
	"                          over 256 flows\n"
	"  --tx-count=N            txonly: stop after N frames per stream (default: no limit)\n"
	"  --tx-rate=RATE          txonly: each TX port's rate, shared by its streams: N pps,\n"
	"                          kpps, Mpps, or Mbit/s, Gbit/s on the wire (frame + 24 bytes\n"
	"                          of FCS, preamble and gap); default: as fast as it can\n"
	"  --tx-gso=SIZE           txonly: TCP GSO skbs (IPv4 or IPv6 as --tx-ip) with gso_size\n"
	"                          SIZE, segmented on TX (device TSO or software): 64 KiB\n"
	"                          of payload, or --txpkts/--tx-pkt-size bytes of frame\n"
	"                          (--tx-count counts skbs; Generated counts wire packets)\n"
	"  --tx-gso-udp            txonly: with --tx-gso, UDP datagrams (IPv4 fragments of SIZE)\n",
};

/* --txpkts, testpmd's tx_pkt_length: txonly's segments, flowgen's frame length */
static const struct option txpkts_longopts[] = {
	{ "txpkts", required_argument, NULL, 0 },
	{ NULL, 0, NULL, 0 },
};

const struct fwd_options txpkts_options = {
	.longopts = txpkts_longopts,
	.parse = txonly_parse_option,
	.usage =
	"  --txpkts=N[,N...]       txonly: segment sizes of each frame (chained; default 64);\n"
	"                          flowgen: one-segment frames of their sum less 4 (the FCS)\n",
};

uint32_t
txpkts_len(void)
{
	return txonly_txpkts_given ? txonly_pkt_len : 0;
}

const struct fwd_engine txonly_engine = {
	.name = "txonly",
	.setup = txonly_setup,
	.stream_init = txonly_stream_init,
	.packet_fwd = txonly_fwd,
	.lcore_loop = txonly_fwd_lcore_loop,
	.stream_stop = txonly_stream_stop,
	.stream_fini = txonly_stream_fini,
	.teardown = txonly_teardown,
	.stats_json = txonly_stats_json,
	.sends_gso = txonly_sends_gso,
	.options = FWD_OPTIONS(&txonly_options, &txpkts_options),
	.generator = true,
	.no_rx = true,
};
