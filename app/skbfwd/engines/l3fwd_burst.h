/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The l3fwd engine's burst: l3fwd_fwd() and its lcore loop, static in each
 * file that includes this one.  l3fwd.c builds them with DPDK's machine
 * flags; l3fwd_avx2.c builds them again with AVX2 (32-byte stores, VEX
 * encoding), which l3fwd_setup() picks where the CPU has it and EAL's
 * --force-max-simd-bitwidth allows 256 bits.  The two do the same work: the
 * golden tests run both.
 */
#ifndef _SKBFWD_L3FWD_BURST_H_
#define _SKBFWD_L3FWD_BURST_H_

#include <rte_lpm.h>
#include <rte_vect.h>

#include "l3fwd.h"
#include "pkt.h"

/*
 * What a route does to its frames, made at set-up from the route's next hop
 * and its port's MAC (which cannot change while forwarding runs): the first 12
 * bytes of the Ethernet header, and the TX port.  One 16-byte entry per hop.
 */
struct l3fwd_nexthop {
	uint8_t eth[2 * RTE_ETHER_ADDR_LEN];  /* destination (next hop), source (TX port) */
	uint16_t port;
} __rte_aligned(16);

/* the routes and their hops (l3fwd.c), set up before forwarding starts */
extern struct l3fwd_routes l3fwd_rt;
extern struct l3fwd_nexthop l3fwd_nh[L3FWD_MAX_ROUTES];

/*
 * The rewrite of a routed IPv4 packet: TTL decremented with its checksum
 * (ip_decrease_ttl(): the bytes csum_replace2() gives), MACs from the hop.
 */
static __rte_always_inline void
l3fwd_rewrite(unsigned char *frame, struct rte_ipv4_hdr *ip, uint32_t hop)
{
	ip_decrease_ttl(ip);
	memcpy(frame, l3fwd_nh[hop].eth, sizeof(l3fwd_nh[hop].eth));
}

/* Route one packet: PKT_OK with the hop index in *@hop, or a drop reason. */
static inline int
l3fwd_route(struct sk_buff *skb, uint32_t *hop)
{
	struct rte_ipv4_hdr *ip;
	struct skb_hdrs hd;
	int ret;

	skb_reset_mac_header(skb);
	ret = skb_parse_eth(skb, 0, &hd);
	if (unlikely(ret < 0))
		goto bad;
	skb->protocol = hd.protocol;
	if (unlikely(hd.protocol != RTE_BE16(RTE_ETHER_TYPE_IPV4))) {
		if (hd.protocol == RTE_BE16(RTE_ETHER_TYPE_IPV6)) {
			/* nothing of the IPv4 path's escapes to the call: it stays in registers */
			uint32_t hop6 = 0;
			int r = l3fwd6_route(skb, &l3fwd_rt, &hop6);

			*hop = hop6;
			return r;
		}
		return FWD_DROP_NOT_IPV4;
	}
	ret = skb_parse_ip(skb, &hd, SKB_PARSE_CSUM);
	if (unlikely(ret < 0))
		goto bad;
	__skb_set_network_header(skb, (int)hd.l3_off);  /* valid since skb_reset_mac_header() */
	ip = (struct rte_ipv4_hdr *)(skb_data(skb) + hd.l3_off);
	if (unlikely(ip->time_to_live <= 1))
		return FWD_DROP_TTL_EXPIRED;
	if (unlikely(rte_lpm_lookup(l3fwd_rt.lpm, rte_be_to_cpu_32(ip->dst_addr), hop) != 0))
		return FWD_DROP_NO_ROUTE;
	l3fwd_rewrite(skb_data(skb), ip, *hop);
	return PKT_OK;
bad:
	return pkt_drop_reason(ret);
}

/*
 * Four at a time.  A frame the x4 path takes is "plain": untagged IPv4
 * without options, its Ethernet and IP headers in the linear area.  For those
 * the checks of l3fwd_route() are compares at fixed offsets, made for the four
 * at once in SSE registers (header checksum included), and rte_lpm_lookupx4()
 * looks the four destinations up together.  A frame that is not plain or
 * fails a check goes to l3fwd_route(), which finds its drop reason (or routes
 * it: VLAN, options, IPv6, a head shorter than the headers) exactly as
 * before; so do the last n % 4 frames of a burst.
 */
#define L3FWD_X4_HDRS (RTE_ETHER_HDR_LEN + sizeof(struct rte_ipv4_hdr))
#define L3FWD_NO_HOP UINT32_MAX  /* rte_lpm_lookupx4()'s answer for no route */

#ifdef RTE_ARCH_X86
/* The destination address of the plain frame at @p, as it lies in the packet. */
static __rte_always_inline uint32_t
l3fwd_x4_dst(const unsigned char *p)
{
	uint32_t a;

	memcpy(&a, p + RTE_ETHER_HDR_LEN + offsetof(struct rte_ipv4_hdr, dst_addr), sizeof(a));
	return a;
}

/*
 * ip_decrease_ttl() of four headers at once: @w2 holds 32-bit word 2 of each
 * (TTL, protocol, header checksum, as they lie in memory), TTLs above 1.
 * @return the words with the TTL one less and the checksum as
 * ip_decrease_ttl() leaves it: plus RTE_BE16(0x0100) (1 as loaded, the TTL
 * being the high byte of its big-endian word) with the end-around carry,
 * 0xffff wrapping to 0.
 */
static __rte_always_inline __m128i
l3fwd_x4_ttl(__m128i w2)
{
	const __m128i one = _mm_set1_epi32(1);
	__m128i check = _mm_add_epi32(_mm_srli_epi32(w2, 16), one);

	check = _mm_add_epi32(check, _mm_srli_epi32(_mm_add_epi32(check, one), 16));
	/* the shift drops a carry out of bit 15: 0x10000 becomes 0 */
	return _mm_or_si128(_mm_slli_epi32(check, 16),
			    _mm_sub_epi32(_mm_and_si128(w2, _mm_set1_epi32(0xffff)), one));
}

/*
 * Bit k set when the frame at @p[k] (skb_data() of @skbs[k], its 34 header
 * bytes linear and its EtherType IPv4) passes the checks skb_parse_ip() with
 * SKB_PARSE_CSUM and l3fwd_route() make, as an option-less header: version 4
 * and IHL 5, total length from 20 to the end of the frame, TTL above 1, and
 * a right header checksum.  *@dst gets the four destination addresses in
 * network order, *@lens the four frames' lengths (skb_len()).
 *
 * The checksum: a right header's 10 words, as loaded, sum to a non-zero
 * multiple of 0xffff (ip_fast_csum() folds that sum to 0xffff).  Each word
 * with its top bit flipped is a signed 16-bit value w - 0x8000, so
 * pmaddwd by ones adds them in pairs without overflow; the four headers'
 * pairs are added across with phaddd, and 10 * 0x8000 brings the sum back,
 * at most 10 * 0xffff.  That sum n is a multiple of 0xffff when n times the
 * inverse of 0xffff modulo 2^32 is at most (2^32 - 1) / 0xffff (0xffff is
 * odd).  n is 0 only for a header of zeros, which the version check refuses.
 */
static __rte_always_inline unsigned int
l3fwd_x4_check(struct sk_buff *const *skbs, unsigned char *const p[4], __m128i *dst,
	       __m128i *ttl, __m128i *lens)
{
	const __m128i flip = _mm_set1_epi16((short)0x8000), ones = _mm_set1_epi16(1);
	const __m128i lo8 = _mm_set1_epi32(0xff);
	/* the total length of each lane (bytes 2 and 3, big-endian) as a host-order 32-bit value */
	const __m128i tot_be = _mm_set_epi8(-1, -1, 14, 15, -1, -1, 10, 11,
					    -1, -1, 6, 7, -1, -1, 2, 3);
	__m128i h[4], t[4], w0, w2, n, len, ok;
	unsigned int k;

#pragma GCC unroll 4
	for (k = 0; k < 4; k++) {
		h[k] = _mm_loadu_si128((const __m128i *)(const void *)(p[k] + RTE_ETHER_HDR_LEN));
		t[k] = _mm_madd_epi16(_mm_xor_si128(h[k], flip), ones);
	}
	*dst = _mm_set_epi32((int)l3fwd_x4_dst(p[3]), (int)l3fwd_x4_dst(p[2]),
			     (int)l3fwd_x4_dst(p[1]), (int)l3fwd_x4_dst(p[0]));
	len = _mm_set_epi32((int)skb_len(skbs[3]), (int)skb_len(skbs[2]), (int)skb_len(skbs[1]),
			    (int)skb_len(skbs[0]));
	*lens = len;
	n = _mm_hadd_epi32(_mm_hadd_epi32(t[0], t[1]), _mm_hadd_epi32(t[2], t[3]));
	n = _mm_add_epi32(n, _mm_madd_epi16(_mm_xor_si128(*dst, flip), ones));
	n = _mm_add_epi32(n, _mm_set1_epi32(10 * 0x8000));
	n = _mm_mullo_epi32(n, _mm_set1_epi32((int)0xfffeffffu));   /* 0xffff * this = 1 */
	ok = _mm_cmpeq_epi32(_mm_min_epu32(n, _mm_set1_epi32(0x10001)), n);
	/* 32-bit word 0 of each header (version/IHL, TOS, total length), and word 2 (TTL, ...) */
	w0 = _mm_unpacklo_epi64(_mm_unpacklo_epi32(h[0], h[1]), _mm_unpacklo_epi32(h[2], h[3]));
	w2 = _mm_unpacklo_epi64(_mm_unpackhi_epi32(h[0], h[1]), _mm_unpackhi_epi32(h[2], h[3]));
	ok = _mm_and_si128(ok, _mm_cmpeq_epi32(_mm_and_si128(w0, lo8), _mm_set1_epi32(0x45)));
	ok = _mm_and_si128(ok, _mm_cmpgt_epi32(_mm_and_si128(w2, lo8), _mm_set1_epi32(1)));
	*ttl = l3fwd_x4_ttl(w2);
	/*
	 * 20 <= total length <= frame length - 14, as one unsigned compare:
	 * total - 20 <= frame - 34 (the frame holds 34 bytes at least)
	 */
	w0 = _mm_sub_epi32(_mm_shuffle_epi8(w0, tot_be), _mm_set1_epi32(sizeof(struct rte_ipv4_hdr)));
	len = _mm_sub_epi32(len, _mm_set1_epi32(L3FWD_X4_HDRS));
	ok = _mm_and_si128(ok, _mm_cmpeq_epi32(_mm_min_epu32(w0, len), w0));
	return (unsigned int)_mm_movemask_ps(_mm_castsi128_ps(ok));
}
#endif

/*
 * Check the four frames at @skbs and look their destinations up; @p[k] gets
 * skb_data(@skbs[k]), @ttl[k] word 2 of its IP header as the rewrite leaves
 * it (l3fwd_x4_ttl()), @len[k] its length (skb_len()).
 * @return 0 when all four are plain and right, their hop indexes (or
 * L3FWD_NO_HOP) in @hop; else 4: the four go one by one through
 * l3fwd_route() (a group, as in DPDK's l3fwd: a burst of IPv6 or tagged
 * frames then pays for one failed check per four frames, not per frame).
 */
static __rte_always_inline unsigned int
l3fwd_x4_lookup(struct sk_buff *const *skbs, unsigned char *p[4], uint32_t hop[4],
		uint32_t ttl[4], uint32_t len[4])
{
#ifdef RTE_ARCH_X86
	const __m128i bswap = _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);
	unsigned int k, ok;
	__m128i dst, ttlw, lens;

#pragma GCC unroll 4
	for (k = 0; k < 4; k++) {
		/* the length first: the header is read only where it is linear */
		if (unlikely(skb_headlen(skbs[k]) < L3FWD_X4_HDRS))
			return 4;
		p[k] = skb_data(skbs[k]);
		if (unlikely(pkt_word(p[k] + RTE_ETHER_HDR_LEN - 2) != RTE_BE16(RTE_ETHER_TYPE_IPV4)))
			return 4;
	}
	ok = l3fwd_x4_check(skbs, p, &dst, &ttlw, &lens);
	if (unlikely(ok != 0xf))
		return 4;
	_mm_storeu_si128((__m128i *)(void *)ttl, ttlw);
	_mm_storeu_si128((__m128i *)(void *)len, lens);
	rte_lpm_lookupx4(l3fwd_rt.lpm, _mm_shuffle_epi8(dst, bswap), hop, L3FWD_NO_HOP);
	return 0;
#else
	/* no vector checks written for this architecture: one by one */
	RTE_SET_USED(skbs);
	RTE_SET_USED(p);
	RTE_SET_USED(hop);
	RTE_SET_USED(ttl);
	RTE_SET_USED(len);
	return 4;
#endif
}

/* four hop indexes or lengths, as the x4 path handles them (GCC vectors: any architecture) */
typedef uint32_t l3fwd_u32x4_t __attribute__((vector_size(16), may_alias, aligned(4)));
typedef int32_t l3fwd_i32x4_t __attribute__((vector_size(16), may_alias, aligned(4)));

/* The IPv6 frames the x4 path takes: untagged, no extension header to walk. */
#define L3FWD_X4_HDRS6 (RTE_ETHER_HDR_LEN + sizeof(struct rte_ipv6_hdr))

#ifdef RTE_ARCH_X86
/*
 * Bit k set when the frame at @p[k] (its 54 header bytes linear, @len[k] bytes
 * long) is plain IPv6 as l3fwd_x4_lookup6() takes it: EtherType IPv6, version
 * 6, payload inside the frame, a next header that is not an extension header
 * to walk (skb_ipv6_is_exthdr(), IPPROTO_NONE aside), a source that is not
 * multicast, hop limit above 1.  Made for the four in SSE registers from the
 * 16 bytes at offset 12 of each: 32-bit word 0 holds the EtherType and the
 * version, word 1 the payload length, word 2 the next header, the hop limit
 * and the source's first byte.
 */
static __rte_always_inline unsigned int
l3fwd_x4_check6(unsigned char *const p[4], const uint32_t len[4])
{
	/* the payload length of each lane (bytes 2 and 3 of word 1, big-endian) in host order */
	const __m128i plen_be = _mm_set_epi8(-1, -1, 14, 15, -1, -1, 10, 11,
					     -1, -1, 6, 7, -1, -1, 2, 3);
	const __m128i lo8 = _mm_set1_epi32(0xff);
	__m128i h[4], lo01, lo23, hi01, hi23, w0, w1, w2, ok, nh, plen, room, ext;
	unsigned int k;

#pragma GCC unroll 4
	for (k = 0; k < 4; k++)
		h[k] = _mm_loadu_si128((const __m128i *)(const void *)(p[k] + RTE_ETHER_HDR_LEN - 2));
	lo01 = _mm_unpacklo_epi32(h[0], h[1]);
	lo23 = _mm_unpacklo_epi32(h[2], h[3]);
	hi01 = _mm_unpackhi_epi32(h[0], h[1]);
	hi23 = _mm_unpackhi_epi32(h[2], h[3]);
	w0 = _mm_unpacklo_epi64(lo01, lo23);
	w1 = _mm_unpackhi_epi64(lo01, lo23);
	w2 = _mm_unpacklo_epi64(hi01, hi23);
	/* EtherType 0x86dd and the version nibble 6, as the bytes lie */
	ok = _mm_cmpeq_epi32(_mm_and_si128(w0, _mm_set1_epi32(0x00f0ffff)),
			     _mm_set1_epi32((int)(RTE_BE16(RTE_ETHER_TYPE_IPV6) | 0x60u << 16)));
	/* 54 + payload length <= frame length (the frame holds 54 bytes at least) */
	plen = _mm_shuffle_epi8(w1, plen_be);
	room = _mm_sub_epi32(_mm_loadu_si128((const __m128i *)(const void *)len),
			     _mm_set1_epi32(L3FWD_X4_HDRS6));
	ok = _mm_and_si128(ok, _mm_cmpeq_epi32(_mm_min_epu32(plen, room), plen));
	/* hop limit above 1, source's first byte not 0xff */
	ok = _mm_and_si128(ok, _mm_cmpgt_epi32(_mm_and_si128(_mm_srli_epi32(w2, 8), lo8),
					       _mm_set1_epi32(1)));
	ok = _mm_andnot_si128(_mm_cmpeq_epi32(_mm_and_si128(_mm_srli_epi32(w2, 16), lo8), lo8), ok);
	/* a next header skb_ipv6_is_exthdr() walks (IPPROTO_NONE ends the walk: taken) */
	nh = _mm_and_si128(w2, lo8);
	ext = _mm_or_si128(_mm_cmpeq_epi32(nh, _mm_set1_epi32(IPPROTO_HOPOPTS)),
			   _mm_cmpeq_epi32(nh, _mm_set1_epi32(IPPROTO_ROUTING)));
	ext = _mm_or_si128(ext, _mm_cmpeq_epi32(nh, _mm_set1_epi32(IPPROTO_FRAGMENT)));
	ext = _mm_or_si128(ext, _mm_cmpeq_epi32(nh, _mm_set1_epi32(IPPROTO_AH)));
	ext = _mm_or_si128(ext, _mm_cmpeq_epi32(nh, _mm_set1_epi32(IPPROTO_DSTOPTS)));
	ok = _mm_andnot_si128(ext, ok);
	return (unsigned int)_mm_movemask_ps(_mm_castsi128_ps(ok));
}
#endif

/*
 * l3fwd_x4_lookup() for IPv6: the four frames at @skbs plain IPv6 that pass
 * what skb_parse_ip() and l3fwd6_route() check (version 6, payload inside the
 * frame, a next header that is not an extension header to walk, a source not
 * multicast, hop limit above 1), their destinations looked up with
 * rte_lpm6_lookup_bulk_func().
 * @return 0 with the hops (or L3FWD_NO_HOP) in @hop and the lengths in @len;
 * else 4 (one by one).
 */
static __rte_always_inline unsigned int
l3fwd_x4_lookup6(struct sk_buff *const *skbs, unsigned char *p[4], uint32_t hop[4],
		 uint32_t len[4])
{
	uint8_t dst[4][RTE_LPM6_IPV6_ADDR_SIZE];
	int32_t nh[4];
	const volatile int32_t *ans = nh;
	l3fwd_i32x4_t v;
	unsigned int k;

	if (l3fwd_rt.lpm6 == NULL)
		return 4;
#pragma GCC unroll 4
	for (k = 0; k < 4; k++) {
		if (unlikely(skb_headlen(skbs[k]) < L3FWD_X4_HDRS6))
			return 4;
		p[k] = skb_data(skbs[k]);
		len[k] = skb_len(skbs[k]);
	}
#ifdef RTE_ARCH_X86
	if (unlikely(l3fwd_x4_check6(p, len) != 0xf))
		return 4;
#else
	for (k = 0; k < 4; k++) {
		const struct rte_ipv6_hdr *ip = (const struct rte_ipv6_hdr *)(p[k] + RTE_ETHER_HDR_LEN);

		if (unlikely(pkt_word(p[k] + RTE_ETHER_HDR_LEN - 2) != RTE_BE16(RTE_ETHER_TYPE_IPV6) ||
			     (ip->vtc_flow & RTE_BE32(0xf0000000u)) != RTE_BE32(0x60000000u) ||
			     L3FWD_X4_HDRS6 + rte_be_to_cpu_16(ip->payload_len) > len[k] ||
			     (skb_ipv6_is_exthdr(ip->proto) && ip->proto != IPPROTO_NONE) ||
			     ip->src_addr[0] == 0xff || ip->hop_limits <= 1))
			return 4;
	}
#endif
#pragma GCC unroll 4
	for (k = 0; k < 4; k++)
		memcpy(dst[k], p[k] + RTE_ETHER_HDR_LEN + offsetof(struct rte_ipv6_hdr, dst_addr),
		       sizeof(dst[k]));
	rte_lpm6_lookup_bulk_func(l3fwd_rt.lpm6, dst, nh, 4);
	/*
	 * A negative answer (no route) becomes L3FWD_NO_HOP (all ones).  The
	 * answers are read one by one: a 16-byte load of the four 4-byte stores
	 * the lookup has just made would wait for them to reach the cache (no
	 * store forwarding), a stall that costs more than the reads (volatile:
	 * the compiler would merge them into that load).
	 */
	v = (l3fwd_i32x4_t){ ans[0], ans[1], ans[2], ans[3] };
	*(l3fwd_u32x4_t *)(void *)hop = (l3fwd_u32x4_t)(v | (v >> 31));
	return 0;
}

/*
 * What one burst keeps: the routed skbs (at the front of the RX array) and
 * their hops.  The ports are looked up from the hops only when the burst
 * has several hops (l3fwd_tx_mixed()): a burst of one hop goes to one port.
 */
struct l3fwd_out {
	struct sk_buff **skbs;
	uint32_t *hop_of;
	/* every hop kept ORed and ANDed into lane 0 (one by one) or lane k (four at once) */
	l3fwd_u32x4_t hops_or, hops_and;
	uint16_t nb_ok;
	/* routed: no extra pass to count them (the sum of ok_bytes and the lanes of ok_bytes4) */
	uint32_t ok_bytes;
	l3fwd_u32x4_t ok_bytes4;
	uint32_t drop_bytes;           /* received and dropped */
};

/* Keep @skb routed to hop @hop. */
static __rte_always_inline void
l3fwd_out_keep(struct l3fwd_out *o, struct sk_buff *skb, uint32_t hop, uint32_t len)
{
	o->ok_bytes += len;
	o->hop_of[o->nb_ok] = hop;
	o->hops_or[0] |= hop;
	o->hops_and[0] &= hop;
	o->skbs[o->nb_ok++] = skb;
}

/* True when every hop kept in @o is the same one. */
static inline bool
l3fwd_out_one_hop(const struct l3fwd_out *o)
{
	uint32_t or = o->hops_or[0] | o->hops_or[1] | o->hops_or[2] | o->hops_or[3];
	uint32_t and = o->hops_and[0] & o->hops_and[1] & o->hops_and[2] & o->hops_and[3];

	return or == and;
}

/* Keep @skb routed to hop @hop (@ret PKT_OK), or drop it under @ret. */
static __rte_always_inline void
l3fwd_out_add(struct fwd_stream *fs, struct l3fwd_out *o, struct sk_buff *skb, int ret,
	      uint32_t hop, uint32_t len)
{
	if (unlikely(ret != PKT_OK)) {
		o->drop_bytes += len;
		fwd_drop(fs, skb, (enum fwd_drop)ret);
		return;
	}
	l3fwd_out_keep(o, skb, hop, len);
}

/* What the x4 path knows of the fields of four frames */
enum l3fwd_x4_fields {
	L3FWD_X4_VALID,       /* valid (RX hooks made them) */
	L3FWD_X4_FRESH,       /* the bare RX: to make valid (skb_meta_init_eth()) */
	L3FWD_X4_FRESH_NONE,  /* the same, none with a GOOD L4 checksum flag (__skb_meta_init_eth()) */
};

/*
 * A plain frame the x4 path checked: the header offsets and protocol
 * l3fwd_route() would set (with the rest of the fields unless @fields is
 * L3FWD_X4_VALID), then the rewrite for hop @hop (IPv4: @ttl is word 2 of
 * the IP header as ip_decrease_ttl() leaves it, l3fwd_x4_ttl()).
 */
static __rte_always_inline void
l3fwd_x4_forward(struct sk_buff *skb, unsigned char *p, uint32_t hop, uint32_t ttl,
		 enum l3fwd_x4_fields fields, bool v6)
{
	uint16_t proto = v6 ? RTE_BE16(RTE_ETHER_TYPE_IPV6) : RTE_BE16(RTE_ETHER_TYPE_IPV4);

	if (fields == L3FWD_X4_FRESH_NONE) {
		__skb_meta_init_eth(skb, proto);
	} else if (fields == L3FWD_X4_FRESH) {
		skb_meta_init_eth(skb, proto);
	} else {
		__skb_set_mac_header(skb, 0);
		__skb_set_network_header(skb, RTE_ETHER_HDR_LEN);
		skb->protocol = proto;
	}
	if (v6)
		/* l3fwd6_route()'s rewrite: IPv6 has no header checksum */
		((struct rte_ipv6_hdr *)(p + RTE_ETHER_HDR_LEN))->hop_limits--;
	else
		memcpy(p + RTE_ETHER_HDR_LEN + offsetof(struct rte_ipv4_hdr, time_to_live), &ttl,
		       sizeof(ttl));
#ifdef RTE_ARCH_X86
	/* the 12 MAC bytes of the hop's entry over the frame's first 16, one store */
	_mm_storeu_si128((__m128i *)(void *)p,
			 _mm_blend_epi16(_mm_loadu_si128((const __m128i *)(const void *)p),
					 _mm_load_si128((const __m128i *)(const void *)&l3fwd_nh[hop]),
					 0x3f));
#else
	memcpy(p, l3fwd_nh[hop].eth, sizeof(l3fwd_nh[hop].eth));
#endif
}

/* True when none of the four hops @h4 is L3FWD_NO_HOP (next hops are 24 bits). */
static __rte_always_inline bool
l3fwd_x4_all_hops(l3fwd_u32x4_t h4)
{
#ifdef RTE_ARCH_X86
	/* the top bit of each hop's top byte */
	return (_mm_movemask_epi8((__m128i)h4) & 0x8888) == 0;
#else
	return ((h4[0] | h4[1] | h4[2] | h4[3]) >> 24) == 0;
#endif
}

/*
 * The four frames at @s4, checked and looked up (hops in @hop, IPv4 TTL words
 * in @ttl, lengths in @len), handed on: fields made valid as @fields says,
 * forwarded or dropped as no_route, in order.  @v6: IPv6 frames
 * (l3fwd_x4_lookup6()).
 */
static __rte_always_inline void
l3fwd_x4_finish(struct fwd_stream *fs, struct l3fwd_out *o, struct sk_buff **s4,
		unsigned char *const p[4], const uint32_t hop[4], const uint32_t ttl[4],
		const uint32_t len[4], enum l3fwd_x4_fields fields, bool v6)
{
	/* in locals: the stores into the skbs cannot make the compiler read them again */
	struct sk_buff *s[4] = { s4[0], s4[1], s4[2], s4[3] };
	l3fwd_u32x4_t h4 = *(const l3fwd_u32x4_t *)(const void *)hop;
	unsigned int k;

	/* next hops are 24 bits: none of them is L3FWD_NO_HOP */
	if (likely(l3fwd_x4_all_hops(h4))) {
#pragma GCC unroll 4
		for (k = 0; k < 4; k++)
			l3fwd_x4_forward(s[k], p[k], hop[k], ttl[k], fields, v6);
		*(l3fwd_u32x4_t *)(void *)&o->hop_of[o->nb_ok] = h4;
		/* the four stay where they are while nothing before them was dropped */
		if (unlikely(&o->skbs[o->nb_ok] != s4))
			memmove(&o->skbs[o->nb_ok], s, sizeof(s));
		o->nb_ok += 4;
		o->ok_bytes4 += *(const l3fwd_u32x4_t *)(const void *)len;
		o->hops_or |= h4;
		o->hops_and &= h4;
		return;
	}
	for (k = 0; k < 4; k++) {
		if (hop[k] == L3FWD_NO_HOP) {
			if (fields != L3FWD_X4_VALID)
				skb_meta_init(s[k]);
			l3fwd_out_add(fs, o, s[k], FWD_DROP_NO_ROUTE, 0, len[k]);
			continue;
		}
		l3fwd_x4_forward(s[k], p[k], hop[k], ttl[k], fields, v6);
		l3fwd_out_keep(o, s[k], hop[k], len[k]);
	}
}

/*
 * l3fwd_x4_finish() with what is known of the fields a constant in each
 * call: no test a frame.  @fresh: the bare RX (pkt_rx_fresh()).
 */
static __rte_always_inline void
l3fwd_x4_done(struct fwd_stream *fs, struct l3fwd_out *o, struct sk_buff **s4,
	      unsigned char *const p[4], const uint32_t hop[4], const uint32_t ttl[4],
	      const uint32_t len[4], bool fresh, bool v6)
{
	if (unlikely(!fresh))
		l3fwd_x4_finish(fs, o, s4, p, hop, ttl, len, L3FWD_X4_VALID, v6);
	else if (likely(((s4[0]->mbuf.ol_flags | s4[1]->mbuf.ol_flags | s4[2]->mbuf.ol_flags |
			  s4[3]->mbuf.ol_flags) & RTE_MBUF_F_RX_L4_CKSUM_GOOD) == 0))
		l3fwd_x4_finish(fs, o, s4, p, hop, ttl, len, L3FWD_X4_FRESH_NONE, v6);
	else
		l3fwd_x4_finish(fs, o, s4, p, hop, ttl, len, L3FWD_X4_FRESH, v6);
}

/*
 * A burst for several hops (perhaps one port): one TX burst per port, in
 * arrival order within each.
 */
static __rte_noinline void
l3fwd_tx_mixed(struct fwd_stream *fs, struct sk_buff **skbs, const uint32_t *hop_of,
	       uint16_t n, uint16_t queue)
{
	struct sk_buff *out[MAX_PKT_BURST];
	uint16_t port_of[MAX_PKT_BURST], order[MAX_PKT_BURST], group_port[MAX_PKT_BURST],
		 group_len[MAX_PKT_BURST];
	unsigned int g, nb_groups;
	uint16_t i, k = 0;

	for (i = 0; i < n; i++)
		port_of[i] = l3fwd_nh[hop_of[i]].port;
	nb_groups = l3fwd_group_by_port(port_of, n, order, group_port, group_len);

	for (g = 0; g < nb_groups; g++) {
		for (i = 0; i < group_len[g]; i++)
			out[i] = skbs[order[k++]];
		fwd_tx_to(fs, group_port[g], queue, out, group_len[g]);
	}
}

static void
l3fwd_fwd(struct fwd_stream *fs)
{
	struct sk_buff *skbs[MAX_PKT_BURST];
	uint32_t hop_of[MAX_PKT_BURST];
	/* fresh: each skb's fields made valid where it is handled (pkt_rx_fresh()) */
	bool fresh;
	uint16_t n = pkt_rx_fresh(fs, skbs, &fresh), i = 0;
	uint16_t queue = fwd_tx_queue_any(fs);
	struct l3fwd_out o = { .skbs = skbs, .hop_of = hop_of,
			       .hops_and = { UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX } };

	if (unlikely(n == 0))
		return;
	while (i < n) {
		unsigned int nb_one = n - i;

		if (likely(nb_one >= 4)) {
			struct sk_buff **s4 = &skbs[i];
			unsigned char *p[4];
			uint32_t hop[4], ttl[4] = { 0 }, len[4];

			nb_one = l3fwd_x4_lookup(s4, p, hop, ttl, len);
			if (likely(nb_one == 0)) {
				l3fwd_x4_done(fs, &o, s4, p, hop, ttl, len, fresh, false);
				i += 4;
				continue;
			}
			nb_one = l3fwd_x4_lookup6(s4, p, hop, len);
			if (nb_one == 0) {
				l3fwd_x4_done(fs, &o, s4, p, hop, ttl, len, fresh, true);
				i += 4;
				continue;
			}
		}
		/* the frames the x4 path does not take, one by one */
		for (; nb_one != 0; nb_one--, i++) {
			struct sk_buff *skb = skbs[i];
			uint32_t hop = 0, len = skb_len(skb);
			int ret;

			if (fresh)
				skb_meta_init(skb);
			ret = l3fwd_route(skb, &hop);
			l3fwd_out_add(fs, &o, skb, ret, hop, len);
		}
	}
	o.ok_bytes += o.ok_bytes4[0] + o.ok_bytes4[1] + o.ok_bytes4[2] + o.ok_bytes4[3];
	fs->rx_bytes += o.ok_bytes + o.drop_bytes;
	if (unlikely(o.nb_ok == 0))
		return;
	/* the whole burst to one hop, so one port, the usual case: no sorting */
	if (likely(l3fwd_out_one_hop(&o))) {
		fwd_tx_to_bytes(fs, l3fwd_nh[hop_of[0]].port, queue, skbs, o.nb_ok, o.ok_bytes);
		return;
	}
	l3fwd_tx_mixed(fs, skbs, hop_of, o.nb_ok, queue);
}

FWD_LCORE_LOOP(l3fwd_fwd)

/* l3fwd_fwd() and its lcore loop built with AVX2 (l3fwd_avx2.c; SKBFWD_L3FWD_AVX2) */
void l3fwd_fwd_avx2(struct fwd_stream *fs);
int l3fwd_fwd_avx2_lcore_loop(struct fwd_stream *const *streams, unsigned int nb,
			      const volatile bool *stop);

#endif /* _SKBFWD_L3FWD_BURST_H_ */
