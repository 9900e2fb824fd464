/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libskb Internet checksums (RFC 1071, RFC 1624), with Linux's names and
 * contracts (include/net/checksum.h), so that kernel code keeps its checksum
 * lines.  One set for the whole of skbfwd: skb_gso.c, the parser's users and
 * the engines all use these.
 *
 *  - A partial sum (uint32_t, Linux's __wsum) is a one's-complement sum of the
 *    16-bit words as they lie in memory, kept in 32 bits, neither folded nor
 *    inverted.  Only its value modulo 0xffff means anything; csum_add() and
 *    friends keep it.  A one's-complement sum does not depend on byte order
 *    (RFC 1071 2(B)): words are added as loaded, never swapped.
 *  - csum_fold() folds a partial sum to 16 bits and inverts it: the value a
 *    header's checksum field holds (Linux's __sum16).  Summed over data that
 *    includes a right checksum field it gives 0.
 *  - Addresses and header words are passed in network order, as they lie in the
 *    packet; lengths and protocol numbers in host order.
 *
 * None of these calls bounds what it reads: the caller has checked that @len
 * bytes (ip_fast_csum(): @ihl 32-bit words) are there.
 */
#ifndef _SKB_CSUM_H_
#define _SKB_CSUM_H_

#include <stdint.h>
#include <string.h>

#include <rte_branch_prediction.h>
#include <rte_byteorder.h>
#include <rte_ip.h>

#include "skb.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Add two partial sums with the end-around carry (Linux csum_add). */
static inline uint32_t
csum_add(uint32_t csum, uint32_t addend)
{
	uint32_t res = csum + addend;

	return res + (res < addend);
}

/** Subtract @addend from a partial sum (Linux csum_sub): add its complement. */
static inline uint32_t
csum_sub(uint32_t csum, uint32_t addend)
{
	return csum_add(csum, ~addend);
}

/**
 * One's-complement sum of the @len bytes at @buff, added to the partial sum
 * @sum (Linux csum_partial).  Any alignment; an odd last byte counts as the
 * first byte of a word whose second is 0.
 * @return the new partial sum; @sum when @len <= 0.
 */
static inline uint32_t
csum_partial(const void *buff, int len, uint32_t sum)
{
	const uint8_t *p = (const uint8_t *)buff;
	uint64_t s = sum;

	/* 32-bit words into 64 bits: each half of a word is one 16-bit word, 2^16 == 1 mod 0xffff */
	for (; len >= 4; len -= 4, p += 4) {
		uint32_t w;

		memcpy(&w, p, sizeof(w));
		s += w;
	}
	if (len >= 2) {
		uint16_t w;

		memcpy(&w, p, sizeof(w));
		s += w;
		p += 2;
		len -= 2;
	}
	if (len == 1) {
		uint16_t w = 0;

		memcpy(&w, p, 1);
		s += w;
	}
	s = (s & 0xffffffffu) + (s >> 32);
	s = (s & 0xffffffffu) + (s >> 32);
	return (uint32_t)s;
}

/**
 * Fold a partial sum to 16 bits and invert it (Linux csum_fold).
 * @return the checksum field value for the data summed; 0 when that data
 * already held a right checksum.
 */
static inline uint16_t
csum_fold(uint32_t csum)
{
	uint32_t s = (csum & 0xffffu) + (csum >> 16);

	s = (s & 0xffffu) + (s >> 16);
	return (uint16_t)~s;
}

/**
 * Partial sum of the TCP/UDP pseudo-header over IPv4 (RFC 768, RFC 793) added
 * to @sum (Linux csum_tcpudp_nofold).
 * @param saddr  source address, network order.
 * @param daddr  destination address, network order.
 * @param len    transport length (header and payload), host order.
 * @param proto  IPPROTO_UDP, IPPROTO_TCP, ...
 * @param sum    partial sum of the transport header and payload.
 * @return the partial sum.
 */
static inline uint32_t
csum_tcpudp_nofold(uint32_t saddr, uint32_t daddr, uint32_t len, uint8_t proto, uint32_t sum)
{
	uint64_t s = sum;

	s += saddr;
	s += daddr;
#if RTE_BYTE_ORDER == RTE_LITTLE_ENDIAN
	/* the words {0, proto} and the length, big-endian: << 8 == byte swap mod 0xffff */
	s += (uint64_t)(len + proto) << 8;
#else
	s += (uint64_t)len + proto;
#endif
	s = (s & 0xffffffffu) + (s >> 32);
	s = (s & 0xffffffffu) + (s >> 32);
	return (uint32_t)s;
}

/**
 * The TCP/UDP checksum over IPv4 (Linux csum_tcpudp_magic): the pseudo-header
 * (@saddr, @daddr in network order, @len and @proto in host order) added to
 * @sum, the partial sum of the transport header and payload, folded.
 * @return the value for the checksum field when @sum was taken with the field
 * zeroed (UDP sends 0 as 0xffff); 0 when @sum covered a right checksum.
 */
static inline uint16_t
csum_tcpudp_magic(uint32_t saddr, uint32_t daddr, uint32_t len, uint8_t proto, uint32_t sum)
{
	return csum_fold(csum_tcpudp_nofold(saddr, daddr, len, proto, sum));
}

/**
 * The TCP/UDP/ICMPv6 checksum over IPv6 (RFC 8200 8.1; Linux
 * csum_ipv6_magic): the pseudo-header of the 16-byte addresses @saddr and
 * @daddr (as they lie in the packet), the upper-layer length @len and the next
 * header @proto (host order), added to @sum, the partial sum of the
 * upper-layer header and payload, folded.
 * @return the value for the checksum field when @sum was taken with the field
 * zeroed (UDP sends 0 as 0xffff); 0 when @sum covered a right checksum.
 * ~csum_ipv6_magic(s, d, 0, proto, 0) is the folded pseudo-header sum without
 * the length that device TSO wants in the TCP checksum field.
 */
static inline uint16_t
csum_ipv6_magic(const uint8_t saddr[16], const uint8_t daddr[16], uint32_t len, uint8_t proto,
		uint32_t sum)
{
	uint32_t w[8];
	uint64_t s = sum;
	unsigned int i;

	memcpy(w, saddr, 16);
	memcpy(w + 4, daddr, 16);
	for (i = 0; i < 8; i++)
		s += w[i];
	/* the 32-bit length and the 32-bit word {0, 0, 0, proto}, big-endian */
	s += rte_cpu_to_be_32(len);
	s += rte_cpu_to_be_32((uint32_t)proto);
	s = (s & 0xffffffffu) + (s >> 32);
	s = (s & 0xffffffffu) + (s >> 32);
	return csum_fold((uint32_t)s);
}

/**
 * Update the checksum at @sum after one 16-bit word of the data it covers
 * changed from @old to @new_word (RFC 1624 eqn. 3; Linux csum_replace2).  All
 * three in network order, as they lie in the packet.
 */
static inline void
csum_replace2(uint16_t *sum, uint16_t old, uint16_t new_word)
{
	/* ~sum + ~old + new: the words as loaded, no swapping (RFC 1071 2(B)) */
	uint32_t s = (uint16_t)~*sum;

	s += (uint16_t)~old;
	s += new_word;
	s = (s & 0xffffu) + (s >> 16);
	s = (s & 0xffffu) + (s >> 16);
	*sum = (uint16_t)~s;
}

/**
 * Update the checksum at @sum after one 32-bit word of the data it covers (an
 * IPv4 address) changed from @from to @to (Linux csum_replace4).  All in
 * network order.
 */
static inline void
csum_replace4(uint16_t *sum, uint32_t from, uint32_t to)
{
	*sum = csum_fold(csum_add(csum_sub((uint16_t)~*sum, from), to));
}

/**
 * Decrement the TTL of the IPv4 header at @iph and update its header
 * checksum to match (Linux ip_decrease_ttl): the checksum, as loaded, gains
 * one in the TTL's byte with an end-around carry, the bytes csum_replace2()
 * writes for the same change, in a third of its instructions.  The caller
 * has checked that the TTL is not 0 (0 would wrap to 255, the checksum then
 * wrong).
 * @return the new TTL.
 */
static inline uint8_t
ip_decrease_ttl(struct rte_ipv4_hdr *iph)
{
	/* the TTL is the high byte of its 16-bit word: that word loses 0x0100 */
	uint32_t check = (uint32_t)iph->hdr_checksum + RTE_BE16(0x0100);

	/* modulo 0xffff: check is below 2 * 0xffff, and 0xffff wraps to 0 */
	iph->hdr_checksum = (uint16_t)(check + ((check + 1) >> 16));
	return --iph->time_to_live;
}

/**
 * Checksum of the IPv4 header at @iph, @ihl 32-bit words long (Linux
 * ip_fast_csum).  The option-less header (@ihl 5) takes a path of five loads
 * and no loop.  The caller guarantees the @ihl * 4 bytes are readable.
 * @return 0 when the header's checksum is right; computed over a header whose
 * checksum field is 0, the value to store there.
 */
static inline uint16_t
ip_fast_csum(const void *iph, unsigned int ihl)
{
	/* ihl * 4: the parser knows the header's byte length, and compares that */
	if (likely(ihl * 4u == sizeof(struct rte_ipv4_hdr))) {
		/*
		 * Five 32-bit words summed with end-around carries give the same
		 * folded sum as 16-bit words, in a fifth of the instructions.
		 */
		uint32_t w[5];
		uint64_t s;

		memcpy(w, iph, sizeof(w));
		s = (uint64_t)w[0] + w[1] + w[2] + w[3] + w[4];
		s = (s & 0xffffffffu) + (s >> 32);
		s = (s & 0xffffu) + (s >> 16);
		s = (s & 0xffffu) + (s >> 16);
		s = (s & 0xffffu) + (s >> 16);
		return (uint16_t)~s;
	}
	return csum_fold(csum_partial(iph, (int)(ihl * 4u), 0));
}

/**
 * Compute and store the header checksum of the IPv4 header at @iph (Linux
 * ip_send_check), its length taken from its IHL: the caller has checked that
 * IHL * 4 bytes are there.
 */
static inline void
ip_send_check(struct rte_ipv4_hdr *iph)
{
	iph->hdr_checksum = 0;
	iph->hdr_checksum = ip_fast_csum(iph, iph->version_ihl & 0xfu);
}

/**
 * One's-complement sum of the @len bytes at @offset into the data of @skb,
 * across frags, added to the partial sum @csum (Linux skb_checksum).  Pieces
 * that start at an odd position of the range are byte-rotated before they are
 * added, so the result is that of the range as one buffer.
 * @return the new partial sum; @csum unchanged when @offset or @len is
 * negative or the range passes skb_len() (nothing is summed; Linux would BUG).
 */
uint32_t skb_checksum(const struct sk_buff *skb, int offset, int len, uint32_t csum);

/**
 * Finish in software the checksum a CHECKSUM_PARTIAL @skb leaves to its
 * transmitter (Linux skb_checksum_help): the bytes from csum_start to the end
 * of the skb (frags too) are summed, with the pseudo-header sum that lies in
 * the field, folded and stored at csum_start + csum_offset (0xffff for a sum
 * of 0, Linux's CSUM_MANGLED_0); ip_summed becomes CHECKSUM_NONE.  The field
 * is made writable first (skb_ensure_writable()): a head shared with clones
 * is copied.  CHECKSUM_COMPLETE becomes CHECKSUM_NONE with nothing written.
 * Differs from Linux: an skb neither CHECKSUM_PARTIAL nor CHECKSUM_COMPLETE
 * (or whose fields are not valid) is left alone and 0 returned.
 * @return 0; -EINVAL when @skb is GSO (its segments get the checksums) or the
 * range or the field does not start in the linear data; -ENOMEM (or as
 * pskb_expand_head()) when the field cannot be made writable.  On error @skb
 * is unchanged and still CHECKSUM_PARTIAL.
 */
__rte_warn_unused_result
int skb_checksum_help(struct sk_buff *skb);

#ifdef __cplusplus
}
#endif

#endif /* _SKB_CSUM_H_ */
