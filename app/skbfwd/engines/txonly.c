/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * txonly engine: a UDP/IPv4 generator (testpmd's txonly).  Each stream keeps a
 * template of the first segment of its frames, written when it starts:
 * Ethernet, IPv4 (TTL 64, DF clear, header checksum set), UDP (checksum 0: none,
 * allowed over IPv4) and a zero payload; its Ethernet addresses (source := TX
 * port's MAC, destination := its --eth-peer) are written again once per burst.
 * A burst is built with the skb API: alloc_skb_bulk() for the heads,
 * skb_reserve() of NET_SKB_PAD, skb_put_data() of the template, the header
 * offsets and skb->protocol as a kernel sender leaves them; --txpkts with
 * several sizes adds zeroed frags (alloc_skb_bulk() per segment, skb_put_zero(),
 * skb_append_frag()).  --txonly-multi-flow varies the source address frame by
 * frame and updates the header checksum incrementally (csum_replace4()).
 * What it makes is counted in fs->generated.  It never polls RX, as testpmd's
 * txonly: frames that arrive stay with the port.
 */

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_malloc.h>

#include "parse.h"
#include "pkt.h"
#include "txpkts.h"

#define TXONLY_HDR_LEN (RTE_ETHER_HDR_LEN + sizeof(struct rte_ipv4_hdr) + sizeof(struct rte_udp_hdr))
#define TXONLY_MAX_SEGS 8
#define TXONLY_TTL 64

static uint16_t txonly_seg_len[TXONLY_MAX_SEGS] = { 64 };
static unsigned int txonly_nb_segs = 1;
static uint32_t txonly_pkt_len = 64;
static uint32_t txonly_ip_src = RTE_BE32(UINT32_C(0xc6120001)); /* 198.18.0.1 */
static uint32_t txonly_ip_dst = RTE_BE32(UINT32_C(0xc6120002)); /* 198.18.0.2 */
static uint16_t txonly_udp_src = 9, txonly_udp_dst = 9;
static bool txonly_multi_flow;
static bool txonly_txpkts_given, txonly_size_given;
static uint64_t txonly_count;   /* --tx-count: frames per stream, 0: unlimited */
static uint16_t txonly_gso_size; /* --tx-gso: MSS of the 64 KiB GSO skbs built, 0: off */
static bool txonly_gso_udp;      /* --tx-gso-udp: UDP (IP fragments) rather than TCP */

#define TXONLY_GSO_TCP_PAYLOAD 65536u /* 46 segments at MSS 1448 */
#define TXONLY_GSO_UDP_PAYLOAD 65000u /* a datagram IPv4 can still fragment */
#define TXONLY_GSO_FRAG 2048u

/* L4 payload of a --tx-gso skb: --txpkts/--tx-pkt-size less the headers, else 64 KiB. */
static unsigned int
txonly_gso_payload(void)
{
	unsigned int hl = RTE_ETHER_HDR_LEN + sizeof(struct rte_ipv4_hdr) +
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
 * and IP ID advancing per skb as a sender's would) or UDP headers, then the
 * zeroed payload in 2 KiB frags, gso_size/gso_type set; fwd_tx() segments it.
 * Checksums and lengths are left to segmentation.  NULL when the pool is empty.
 */
static struct sk_buff *
txonly_build_gso(const struct fwd_stream *fs, struct rte_mempool *mp, uint64_t seq)
{
	unsigned int l4 = txonly_gso_udp ? sizeof(struct rte_udp_hdr) : sizeof(struct rte_tcp_hdr);
	unsigned int pay = txonly_gso_payload();
	unsigned int hl = RTE_ETHER_HDR_LEN + sizeof(struct rte_ipv4_hdr) + l4, off;
	struct sk_buff *skb = netdev_alloc_skb(fs->tx_port, hl);
	struct rte_ether_hdr *eth;
	struct rte_ipv4_hdr *ip;
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
	eth->ether_type = RTE_BE16(RTE_ETHER_TYPE_IPV4);
	ip = (struct rte_ipv4_hdr *)(eth + 1);
	ip->version_ihl = RTE_IPV4_VHL_DEF;
	ip->time_to_live = TXONLY_TTL;
	ip->next_proto_id = txonly_gso_udp ? IPPROTO_UDP : IPPROTO_TCP;
	ip->src_addr = txonly_ip_src;
	ip->dst_addr = txonly_ip_dst;
	ip->packet_id = rte_cpu_to_be_16((uint16_t)(seq * ((pay + txonly_gso_size - 1) / txonly_gso_size)));
	l4h = (uint8_t *)(ip + 1);
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
	skb_set_transport_header(skb, RTE_ETHER_HDR_LEN + sizeof(*ip));
	skb->protocol = RTE_BE16(RTE_ETHER_TYPE_IPV4);
	skb_shinfo(skb)->gso_size = txonly_gso_size;
	skb_shinfo(skb)->gso_type = txonly_gso_udp ? SKB_GSO_UDP : SKB_GSO_TCPV4;
	return skb;
fail:
	kfree_skb(skb);
	return NULL;
}

/*
 * A stream's state: its pool and the template of the first segment of its
 * frames (Ethernet, IPv4, UDP, zero payload: txonly_seg_len[0] bytes).
 */
struct txonly_stream {
	struct rte_mempool *mp;
	unsigned int room;            /* NET_SKB_PAD + the first segment */
	uint32_t ip_src;              /* the template's source address, host order */
	uint8_t tmpl[] __rte_cache_aligned;
};

/* Write the IPv4 and UDP headers of the template, and zeros after them. */
static void
txonly_tmpl_init(struct txonly_stream *ts)
{
	struct rte_ether_hdr *eth = (struct rte_ether_hdr *)ts->tmpl;
	struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)(eth + 1);
	struct rte_udp_hdr *uh = (struct rte_udp_hdr *)(ip + 1);

	memset(ts->tmpl, 0, txonly_seg_len[0]);
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

/*
 * Make the fresh skb (room for NET_SKB_PAD and the @len-byte first segment, its
 * metadata valid: alloc_skb_bulk() or alloc_skb()) frame number @flow of its
 * stream: headroom, the template, the header offsets and protocol as a kernel
 * sender leaves them; with --txonly-multi-flow the source address of flow &
 * 0xff and the checksum updated for it.  The room is known, so the unchecked
 * __skb_put() and __skb_set_*_header() twins do.
 */
static inline void
txonly_fill(const struct txonly_stream *ts, struct sk_buff *skb, unsigned int len,
	    bool multi_flow, uint64_t flow)
{
	uint8_t *p;

	skb_reserve(skb, NET_SKB_PAD);
	p = __skb_put(skb, len);
	memcpy(p, ts->tmpl, len);
	__skb_set_mac_header(skb, 0);
	__skb_set_network_header(skb, RTE_ETHER_HDR_LEN);
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

/* txonly_fill() of @n skbs, frames @made on; the length and flow mode as constants where they are. */
static inline void
txonly_fill_burst(const struct txonly_stream *ts, struct sk_buff **skbs, uint16_t n,
		  unsigned int len, bool multi_flow, uint64_t made)
{
	uint16_t i;

	for (i = 0; i < n; i++)
		txonly_fill(ts, skbs[i], len, multi_flow, made + i);
}

/* txonly_fill_burst() with testpmd's 64-byte frame (the copy inlined) apart. */
static void
txonly_fill_all(const struct txonly_stream *ts, struct sk_buff **skbs, uint16_t n,
		uint64_t made)
{
	unsigned int len = txonly_seg_len[0];

	if (txonly_multi_flow)
		txonly_fill_burst(ts, skbs, n, len, true, made);
	else if (likely(len == 64))
		txonly_fill_burst(ts, skbs, n, 64, false, made);
	else
		txonly_fill_burst(ts, skbs, n, len, false, made);
}

/*
 * Chain the further --txpkts segments, zeroed, to each of the @n skbs: one
 * alloc_skb_bulk() per segment.  0; -ENOMEM when the pool ran short (the skbs
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

		if (unlikely(alloc_skb_bulk(mp, frags, n, len) < 0))
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
		txonly_fill(ts, skb, txonly_seg_len[0], txonly_multi_flow, made + i);
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
	if (txonly_count != 0) {
		if (made >= txonly_count)
			return;
		n = (uint16_t)RTE_MIN((uint64_t)n, txonly_count - made);
	}
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
	if (unlikely(n == 0))
		return;
	fs->generated += n;
	/* every frame is txonly_pkt_len bytes: no pass over the burst to count them */
	fwd_tx_bytes(fs, skbs, n, (uint64_t)n * txonly_pkt_len);
}

FWD_LCORE_LOOP(txonly_fwd)

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
	fs->engine_ctx = ts;
	return 0;
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
	if (strcmp(name, "tx-ip") == 0) {
		if (txonly_split(arg, a, b, sizeof(a), false) < 0 ||
		    skbfwd_parse_ipv4(a, &txonly_ip_src) < 0 ||
		    skbfwd_parse_ipv4(b, &txonly_ip_dst) < 0) {
			fprintf(stderr, "skbfwd: --tx-ip=%s: expected SRC,DST IPv4 addresses\n", arg);
			return -EINVAL;
		}
		return 0;
	}
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
	if (txonly_txpkts_given && txonly_size_given) {
		fprintf(stderr, "skbfwd: --txpkts and --tx-pkt-size both set the packet size: give one\n");
		return -EINVAL;
	}
	if (txonly_gso_udp && txonly_gso_size == 0) {
		fprintf(stderr, "skbfwd: --tx-gso-udp needs --tx-gso=SIZE\n");
		return -EINVAL;
	}
	if (txonly_gso_size != 0) {
		printf("skbfwd: txonly: %s GSO skbs of %u payload bytes, gso_size %u\n",
		       txonly_gso_udp ? "UDP" : "TCP", txonly_gso_payload(), txonly_gso_size);
		return 0;
	}
	printf("skbfwd: txonly: %u-byte frames in %u segment%s\n", txonly_pkt_len,
	       txonly_nb_segs, txonly_nb_segs > 1 ? "s" : "");
	return 0;
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
	"  --tx-ip=SRC,DST         txonly: IPv4 addresses (default 198.18.0.1,198.18.0.2)\n"
	"  --tx-udp=SRC[,DST]      txonly: UDP ports (default 9,9)\n"
	"  --txonly-multi-flow     txonly: vary the source address over 256 flows\n"
	"  --tx-count=N            txonly: stop after N frames per stream (default: no limit)\n"
	"  --tx-gso=SIZE           txonly: TCP GSO skbs with gso_size SIZE, segmented on TX: 64 KiB\n"
	"                          of payload, or --txpkts/--tx-pkt-size bytes of frame\n"
	"                          (--tx-count counts skbs; Generated counts wire packets)\n"
	"  --tx-gso-udp            txonly: with --tx-gso, UDP datagrams (IP fragments of SIZE)\n",
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
	.stream_fini = txonly_stream_fini,
	.sends_gso = txonly_sends_gso,
	.options = FWD_OPTIONS(&txonly_options, &txpkts_options),
	.generator = true,
	.no_rx = true,
};
