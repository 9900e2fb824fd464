/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libskb packet parser: one bounded parser of Ethernet with its VLAN tags
 * (802.1Q, and QinQ: an 802.1ad or 802.1Q outer tag with an 802.1Q inner one),
 * IPv4, IPv6 with its extension headers, UDP and TCP, for the engines and for
 * skb_gso.c alike; and Linux's IPv6 extension-header walker, ipv6_skip_exthdr().
 *
 * Bounded: every header is pulled into the linear area with pskb_may_pull()
 * before a byte of it is read, and every length a header states is checked
 * against the bytes the skb holds: a header field alone is never trusted.
 *
 * Staged: skb_parse_eth() finds the network header, skb_parse_ip() checks it and
 * finds the transport header, skb_parse_l4() checks that; each stage continues
 * the struct skb_hdrs the one before filled, and a caller stops where it needs
 * to (l3fwd never looks past IPv4).  skb_parse() runs as far as it can go.
 *
 * The parser only reads: it sets no header offset and no skb->protocol (the
 * caller sets what it wants from the result).  pskb_may_pull() may move bytes
 * into the linear area, so a pointer into the data taken before a call is
 * stale after it; the offsets in struct skb_hdrs stay right.
 *
 * The result speaks of protocols, not of IPv4: a caller reads h->protocol
 * (the EtherType), h->l4_off, h->l4_proto and h->l3_end, and IPv6 is parsed by
 * the same calls: h->l3_len covers the fixed header and the extension headers
 * (hop-by-hop, routing, fragment, destination options, AH, walked as Linux's
 * ipv6_skip_exthdr() walks them), h->l4_proto is the header after them.  ESP
 * and "no next header" end the walk: h->l4_proto is then IPPROTO_ESP or
 * IPPROTO_NONE and skb_parse_l4() answers -EPROTONOSUPPORT.  A fragment header
 * sets SKB_HDRS_FRAG (after a later fragment's one the walk stops, l4_proto
 * IPPROTO_FRAGMENT, as in Linux); any extension header sets SKB_HDRS_EXTHDR.
 *
 * Errors (a negative errno, the skb unchanged but for pulled bytes):
 *   -ENODATA          a header cut short by the end of the frame, or a stated
 *                     length (IPv4 total length, TCP data offset) past it;
 *   -ENODATA          (also) an IPv6 payload length past the frame, or an
 *                     extension header past the end of the IPv6 packet;
 *   -EPROTO           a header that breaks its protocol's rules (IPv4 version
 *                     or IHL, total length below the header, IPv6 version, UDP
 *                     length below 8 or past the IP packet, TCP data offset
 *                     below 5);
 *   -EBADMSG          a wrong IPv4 header checksum (SKB_PARSE_CSUM);
 *   -EPROTONOSUPPORT  not a protocol this stage parses (skb_parse_ip(): an
 *                     EtherType other than IPv4 and IPv6; skb_parse_l4(): a
 *                     protocol other than UDP and TCP, or any fragment);
 *   -ENOMEM           the header is in the frame but could not be made linear.
 */
#ifndef _SKB_PARSE_H_
#define _SKB_PARSE_H_

#include <netinet/in.h>

#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_tcp.h>
#include <rte_udp.h>

#include "skb.h"
#include "skb_csum.h"

#ifdef __cplusplus
extern "C" {
#endif

/** VLAN tags skb_parse_eth() skips: an outer 802.1ad/802.1Q tag and an inner 802.1Q one. */
#define SKB_PARSE_MAX_VLANS 2

/** skb_parse_ip(): check the IPv4 header checksum (-EBADMSG when wrong). */
#define SKB_PARSE_CSUM 0x1u
/**
 * skb_parse_ip(), skb_parse_l4(): the skb is a GSO skb, whose IPv4 total
 * length (IPv6 payload length) and UDP length segmentation rewrites per
 * segment: they are not checked, and the IP packet and the datagram end at
 * skb_len().
 */
#define SKB_PARSE_GSO 0x2u

/**
 * h->flags: the IP packet is a fragment (IPv4: MF set or a fragment offset;
 * IPv6: a fragment header in its chain).
 */
#define SKB_HDRS_FRAG 0x1u
/** h->flags: the IPv6 packet has extension headers (h->l3_len > 40). */
#define SKB_HDRS_EXTHDR 0x2u

/**
 * What the parser found.  Offsets count from skb_data() as it was when
 * skb_parse_eth() ran (for a tunnel's inner headers, from the same point).
 */
struct skb_hdrs {
	uint32_t mac_off;      /**< Ethernet header */
	uint32_t l3_off;       /**< network header, after the VLAN tags */
	uint32_t l3_len;       /**< network header length (IPv4: IHL * 4; IPv6: 40 + extension headers); 0 until skb_parse_ip() */
	uint32_t l4_off;       /**< transport header: l3_off + l3_len */
	uint32_t l4_len;       /**< transport header length (UDP 8, TCP data offset * 4); 0 until skb_parse_l4() */
	uint16_t protocol;     /**< EtherType after the tags, network order (as skb->protocol) */
	uint8_t nr_vlans;      /**< tags skipped, 0..SKB_PARSE_MAX_VLANS */
	uint8_t l4_proto;      /**< IPPROTO_* of the transport header (IPv6: the next header after the extension headers) */
	uint8_t flags;         /**< SKB_HDRS_* */
	uint16_t vlan_proto[SKB_PARSE_MAX_VLANS]; /**< TPID of each tag, outer first, network order */
	uint16_t vlan_tci[SKB_PARSE_MAX_VLANS];   /**< TCI of each tag, outer first, host order */
	uint32_t l3_end;       /**< end of the IP packet (l3_off + total length); link padding follows */
	uint32_t l4_end;       /**< end of the transport datagram (UDP: l4_off + UDP length; TCP: l3_end) */
};

/*
 * Make the first @len bytes linear: 0; -ENODATA when the skb is shorter;
 * -ENOMEM when they are there but cannot be pulled.
 */
static inline int
skb_parse_pull(struct sk_buff *skb, unsigned int len)
{
	if (likely(len <= skb_headlen(skb)))
		return 0;
	if (unlikely(len > skb_len(skb)))
		return -ENODATA;
	return pskb_may_pull(skb, len) ? 0 : -ENOMEM;
}

/* A big-endian 16-bit field at @p, as loaded (network order). */
static inline uint16_t
skb_parse_be16(const unsigned char *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/*
 * Skip the VLAN tag at *@l3 as tag @i (a constant: the result stays in
 * registers): record its TPID @*type and TCI, and read the EtherType after it.
 */
static inline int
skb_parse_vlan(struct sk_buff *skb, struct skb_hdrs *h, unsigned int i, unsigned int *l3,
	       uint16_t *type)
{
	const unsigned char *tag;
	int ret = skb_parse_pull(skb, *l3 + sizeof(struct rte_vlan_hdr));

	if (unlikely(ret < 0))
		return ret;
	tag = skb_data(skb) + *l3;
	h->vlan_proto[i] = *type;
	h->vlan_tci[i] = rte_be_to_cpu_16(skb_parse_be16(tag));
	h->nr_vlans = (uint8_t)(i + 1);
	*type = skb_parse_be16(tag + 2);
	*l3 += sizeof(struct rte_vlan_hdr);
	return 0;
}

/**
 * Parse the Ethernet header @off bytes into the data, and its VLAN tags: an
 * outer 802.1Q (0x8100) or 802.1ad (0x88a8) tag, then an inner 802.1Q tag.
 * Fills mac_off, l3_off, protocol, nr_vlans and vlan_proto/vlan_tci[0,
 * nr_vlans); zeroes the fields of the later stages.  A third tag, or an 802.1ad
 * tag inside another, is not skipped: protocol is then its TPID.
 * @return 0; -ENODATA when the header or a tag is cut short; -ENOMEM.
 */
static inline int
skb_parse_eth(struct sk_buff *skb, unsigned int off, struct skb_hdrs *h)
{
	unsigned int l3 = off + RTE_ETHER_HDR_LEN;
	uint16_t type;
	int ret;

	ret = skb_parse_pull(skb, l3);
	if (unlikely(ret < 0))
		return ret;
	type = skb_parse_be16(skb_data(skb) + l3 - 2);
	h->mac_off = off;
	h->nr_vlans = 0;
	h->l3_len = 0;
	h->l4_off = 0;
	h->l4_len = 0;
	h->l4_proto = 0;
	h->flags = 0;
	h->l3_end = 0;
	h->l4_end = 0;
	if (unlikely(type == RTE_BE16(RTE_ETHER_TYPE_VLAN) ||
		     type == RTE_BE16(RTE_ETHER_TYPE_QINQ))) {
		ret = skb_parse_vlan(skb, h, 0, &l3, &type);
		if (ret == 0 && type == RTE_BE16(RTE_ETHER_TYPE_VLAN))
			ret = skb_parse_vlan(skb, h, 1, &l3, &type);
		if (unlikely(ret < 0))
			return ret;
	}
	h->l3_off = l3;
	h->protocol = type;
	return 0;
}

/*
 * True for the next-header values Linux's ipv6_ext_hdr() walks: hop-by-hop (0),
 * routing (43), fragment (44), AH (51), no next header (59), destination
 * options (60).  ESP (50) is not walked: what follows it is encrypted.
 */
static inline bool
skb_ipv6_is_exthdr(uint8_t nexthdr)
{
	const uint64_t walked = UINT64_C(1) << IPPROTO_HOPOPTS | UINT64_C(1) << IPPROTO_ROUTING |
				UINT64_C(1) << IPPROTO_FRAGMENT | UINT64_C(1) << IPPROTO_AH |
				UINT64_C(1) << IPPROTO_NONE | UINT64_C(1) << IPPROTO_DSTOPTS;

	return nexthdr < 64 && ((walked >> nexthdr) & 1u);
}

/*
 * The extension-header walk of ipv6_skip_exthdr() and skb_parse_ip(): from the
 * header of type *@nexthdrp at @off, skip extension headers, each of which must
 * end at or before @end (@end <= skb_len()), reading through
 * skb_header_pointer() so frags need no pull.  Stops before an upper-layer
 * header or ESP, at IPPROTO_NONE, and at the fragment header of a fragment
 * other than the first (*@nexthdrp IPPROTO_FRAGMENT then, as in Linux).
 * Sets SKB_HDRS_FRAG and SKB_HDRS_EXTHDR in *@flags for what it skips.
 * @return the offset where the walk stopped, with *@nexthdrp the type of the
 * header there; -ENODATA when an extension header passes @end (*@nexthdrp
 * unchanged, *@flags may have gained bits).
 */
static inline int
skb_ipv6_walk(const struct sk_buff *skb, unsigned int off, unsigned int end, uint8_t *nexthdrp,
	      uint8_t *flags)
{
	uint8_t nexthdr = *nexthdrp;

	while (unlikely(skb_ipv6_is_exthdr(nexthdr)) && nexthdr != IPPROTO_NONE) {
		uint8_t buf[4];
		const uint8_t *hp;
		unsigned int len;

		if (off + 8u > end)
			return -ENODATA;
		hp = (const uint8_t *)skb_header_pointer(skb, (int)off, (int)sizeof(buf), buf);
		if (unlikely(hp == NULL))
			return -ENODATA;
		*flags |= SKB_HDRS_EXTHDR;
		if (nexthdr == IPPROTO_FRAGMENT) {
			*flags |= SKB_HDRS_FRAG;
			/* fragment offset (13 bits) above res and M: not 0 for a later fragment */
			if ((hp[2] << 8 | hp[3]) & ~0x7u)
				break;
			len = 8;
		} else if (nexthdr == IPPROTO_AH) {
			len = (hp[1] + 2u) * 4u;  /* RFC 4302: in 4-byte units, minus 2 */
		} else {
			len = (hp[1] + 1u) * 8u;  /* RFC 8200: in 8-byte units, minus 1 */
		}
		if (off + len > end)
			return -ENODATA;
		nexthdr = hp[0];
		off += len;
	}
	*nexthdrp = nexthdr;
	return (int)off;
}

/**
 * Skip the IPv6 extension headers from offset @start into the data of @skb,
 * the first of them of type *@nexthdrp (Linux ipv6_skip_exthdr() in its form
 * without frag_offp): hop-by-hop, routing, fragment, destination options and
 * AH are skipped; any other type (ESP included) is the upper-layer header.
 * The fragment header of a fragment other than the first is not skipped: the
 * walk returns its offset with *@nexthdrp IPPROTO_FRAGMENT.  Reads through
 * skb_header_pointer() (frags need no pull) and never past skb_len().
 * Differs from Linux: an extension header must end inside the skb, and @start
 * must be at most skb_len() (Linux checks neither for the last header).
 * @param nexthdrp  in: the type of the header at @start (the IPv6 header's
 *                  next header); out, on success: the upper-layer protocol.
 * @return the offset of the upper-layer header; -1 (*@nexthdrp unchanged) when
 * an extension header runs past skb_len(), @start is negative or past
 * skb_len(), or the chain ends with IPPROTO_NONE.
 */
static inline int
ipv6_skip_exthdr(const struct sk_buff *skb, int start, uint8_t *nexthdrp)
{
	uint8_t nexthdr = *nexthdrp, flags = 0;
	int off;

	if (start < 0 || (unsigned int)start > skb_len(skb))
		return -1;
	off = skb_ipv6_walk(skb, (unsigned int)start, skb_len(skb), &nexthdr, &flags);
	if (off < 0 || nexthdr == IPPROTO_NONE)
		return -1;
	*nexthdrp = nexthdr;
	return off;
}

/*
 * skb_parse_ip() for IPv6 (RFC 8200): version 6, the fixed header and the
 * payload length inside the frame, the extension headers inside the packet
 * and made linear.
 */
static inline int
skb_parse_ipv6(struct sk_buff *skb, struct skb_hdrs *h, unsigned int flags)
{
	const struct rte_ipv6_hdr *ip;
	unsigned int l3 = h->l3_off, l4;
	uint8_t nexthdr, hflags = 0;
	int ret;

	ret = skb_parse_pull(skb, l3 + sizeof(*ip));
	if (unlikely(ret < 0))
		return ret;
	ip = (const struct rte_ipv6_hdr *)(skb_data(skb) + l3);
	if (unlikely((ip->vtc_flow & RTE_BE32(0xf0000000u)) != RTE_BE32(0x60000000u)))
		return -EPROTO;
	if (unlikely(flags & SKB_PARSE_GSO)) {
		h->l3_end = skb_len(skb);
	} else {
		h->l3_end = l3 + (unsigned int)sizeof(*ip) + rte_be_to_cpu_16(ip->payload_len);
		if (unlikely(h->l3_end > skb_len(skb)))
			return -ENODATA;
	}
	nexthdr = ip->proto;
	ret = skb_ipv6_walk(skb, l3 + (unsigned int)sizeof(*ip), h->l3_end, &nexthdr, &hflags);
	if (unlikely(ret < 0))
		return ret;
	l4 = (unsigned int)ret;
	if (unlikely(hflags != 0)) {
		/* the extension headers linear, as every header the parser passes */
		ret = skb_parse_pull(skb, l4);
		if (unlikely(ret < 0))
			return ret;
	}
	h->flags |= hflags;
	h->l3_len = l4 - l3;
	h->l4_off = l4;
	h->l4_end = h->l3_end;
	h->l4_proto = nexthdr;
	return 0;
}

/**
 * Check the network header skb_parse_eth() found, as RFC 1812 5.2.2 asks
 * (without the TTL): version 4, IHL >= 5, the header and its total length
 * inside the frame, total length >= the header, and with SKB_PARSE_CSUM the
 * header checksum.  IPv6 (RFC 8200, without the hop limit): version 6, the
 * header and its payload length inside the frame, the extension headers inside
 * the packet (walked as ipv6_skip_exthdr() does, then made linear).
 * Fills l3_len, l4_off, l4_proto, l3_end (= l4_end) and the SKB_HDRS_FRAG
 * and SKB_HDRS_EXTHDR flags.
 * @param flags  SKB_PARSE_CSUM (IPv4 only: IPv6 has no header checksum),
 *               SKB_PARSE_GSO.
 * @return 0; -EPROTONOSUPPORT when h->protocol is neither IPv4 nor IPv6;
 * -ENODATA, -EPROTO, -EBADMSG or -ENOMEM (see the top of this file).
 */
static inline int
skb_parse_ip(struct sk_buff *skb, struct skb_hdrs *h, unsigned int flags)
{
	const struct rte_ipv4_hdr *ip;
	unsigned int l3 = h->l3_off, hl, tot;
	int ret;

	if (unlikely(h->protocol != RTE_BE16(RTE_ETHER_TYPE_IPV4))) {
		if (h->protocol == RTE_BE16(RTE_ETHER_TYPE_IPV6))
			return skb_parse_ipv6(skb, h, flags);
		return -EPROTONOSUPPORT;
	}
	ret = skb_parse_pull(skb, l3 + sizeof(*ip));
	if (unlikely(ret < 0))
		return ret;
	ip = (const struct rte_ipv4_hdr *)(skb_data(skb) + l3);
	if (unlikely((ip->version_ihl >> 4) != 4))
		return -EPROTO;
	hl = (ip->version_ihl & 0xfu) * 4u;
	if (unlikely(hl < sizeof(*ip)))
		return -EPROTO;
	ret = skb_parse_pull(skb, l3 + hl);
	if (unlikely(ret < 0))
		return ret;
	ip = (const struct rte_ipv4_hdr *)(skb_data(skb) + l3);
	if (unlikely(flags & SKB_PARSE_GSO)) {
		h->l3_end = skb_len(skb);
	} else {
		tot = rte_be_to_cpu_16(ip->total_length);
		if (unlikely(tot < hl))
			return -EPROTO;
		if (unlikely(l3 + tot > skb_len(skb)))
			return -ENODATA;
		h->l3_end = l3 + tot;
	}
	/* the whole header is linear and hl bytes long: the sum is bounded */
	if ((flags & SKB_PARSE_CSUM) && unlikely(ip_fast_csum(ip, hl / 4u) != 0))
		return -EBADMSG;
	h->l3_len = hl;
	h->l4_off = l3 + hl;
	h->l4_end = h->l3_end;
	h->l4_proto = ip->next_proto_id;
	if (unlikely(ip->fragment_offset &
		     RTE_BE16(RTE_IPV4_HDR_MF_FLAG | RTE_IPV4_HDR_OFFSET_MASK)))
		h->flags |= SKB_HDRS_FRAG;
	return 0;
}

/**
 * Check the transport header skb_parse_ip() found: UDP (header inside the IP
 * packet, UDP length >= 8 and not past it) or TCP (header inside the IP
 * packet, data offset >= 5, options inside too).  Fills l4_len and, for UDP,
 * l4_end.
 * @param flags  SKB_PARSE_GSO: the UDP length is not checked (l4_end = l3_end).
 * @return 0; -EPROTONOSUPPORT for another protocol or an IPv4 fragment (its
 * transport header, if any, describes the whole datagram); -ENODATA, -EPROTO
 * or -ENOMEM (see the top of this file).
 */
static inline int
skb_parse_l4(struct sk_buff *skb, struct skb_hdrs *h, unsigned int flags)
{
	unsigned int l4 = h->l4_off;
	int ret;

	if (unlikely(h->flags & SKB_HDRS_FRAG))
		return -EPROTONOSUPPORT;
	if (h->l4_proto == IPPROTO_UDP) {
		unsigned int ulen;

		ret = skb_parse_pull(skb, l4 + sizeof(struct rte_udp_hdr));
		if (unlikely(ret < 0))
			return ret;
		if (unlikely(l4 + sizeof(struct rte_udp_hdr) > h->l3_end))
			return -ENODATA;
		if (likely(!(flags & SKB_PARSE_GSO))) {
			ulen = rte_be_to_cpu_16(((const struct rte_udp_hdr *)
						 (skb_data(skb) + l4))->dgram_len);
			if (unlikely(ulen < sizeof(struct rte_udp_hdr) || l4 + ulen > h->l3_end))
				return -EPROTO;
			h->l4_end = l4 + ulen;
		}
		h->l4_len = sizeof(struct rte_udp_hdr);
		return 0;
	}
	if (h->l4_proto == IPPROTO_TCP) {
		unsigned int doff;

		ret = skb_parse_pull(skb, l4 + sizeof(struct rte_tcp_hdr));
		if (unlikely(ret < 0))
			return ret;
		if (unlikely(l4 + sizeof(struct rte_tcp_hdr) > h->l3_end))
			return -ENODATA;
		doff = (skb_data(skb)[l4 + 12] >> 4) * 4u;
		if (unlikely(doff < sizeof(struct rte_tcp_hdr)))
			return -EPROTO;
		ret = skb_parse_pull(skb, l4 + doff);
		if (unlikely(ret < 0))
			return ret;
		if (unlikely(l4 + doff > h->l3_end))
			return -ENODATA;
		h->l4_len = doff;
		return 0;
	}
	return -EPROTONOSUPPORT;
}

/**
 * Parse from the data pointer as far as libskb understands: Ethernet and its
 * tags; the network header when it is IPv4 or IPv6; the transport header when
 * it is UDP or TCP and the packet no fragment.  A stage not reached leaves its fields 0
 * (h->l3_len 0: not IP; h->l4_len 0: no transport header parsed).
 * @param flags  SKB_PARSE_CSUM, SKB_PARSE_GSO.
 * @return 0 when every header reached is valid; else the error of the stage
 * that found it wrong (-ENODATA, -EPROTO, -EBADMSG, -ENOMEM).
 */
static inline int
skb_parse(struct sk_buff *skb, struct skb_hdrs *h, unsigned int flags)
{
	int ret = skb_parse_eth(skb, 0, h);

	if (ret == 0)
		ret = skb_parse_ip(skb, h, flags);
	if (ret == 0)
		ret = skb_parse_l4(skb, h, flags);
	return ret == -EPROTONOSUPPORT ? 0 : ret;
}

/**
 * The checksum of the transport datagram @h describes ([l4_off, l4_end), header
 * and payload) with its IP pseudo-header: csum_tcpudp_magic() (IPv6:
 * csum_ipv6_magic()) over skb_checksum() of the bytes, the linear case inline.  @h comes from
 * skb_parse_ip() (and usually skb_parse_l4()) on @skb as it is.
 * @return 0 when the checksum field in the datagram is right; computed with
 * that field zeroed, the value to store (UDP stores 0 as 0xffff).
 */
static inline uint16_t
skb_l4_csum(const struct sk_buff *skb, const struct skb_hdrs *h)
{
	const unsigned char *l3 = skb_data(skb) + h->l3_off;
	uint32_t len = h->l4_end - h->l4_off;
	uint32_t sum;

	if (likely(h->l4_end <= skb_headlen(skb)))
		sum = csum_partial(skb_data(skb) + h->l4_off, (int)len, 0);
	else
		sum = skb_checksum(skb, h->l4_off, (int)len, 0);
	if (unlikely(h->protocol == RTE_BE16(RTE_ETHER_TYPE_IPV6))) {
		const struct rte_ipv6_hdr *ip6 = (const struct rte_ipv6_hdr *)l3;

		return csum_ipv6_magic(ip6->src_addr, ip6->dst_addr, len, h->l4_proto, sum);
	}
	return csum_tcpudp_magic(((const struct rte_ipv4_hdr *)l3)->src_addr,
				 ((const struct rte_ipv4_hdr *)l3)->dst_addr, len, h->l4_proto, sum);
}

#ifdef __cplusplus
}
#endif

#endif /* _SKB_PARSE_H_ */
