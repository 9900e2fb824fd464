/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * IPv6 frames for C tests, well-formed and hostile, of the kinds the golden
 * tests feed every engine (tests/lib/golden.py, ipv6_hostile()), built byte
 * by byte here; and the Ethernet header in front of any frame.
 */
#ifndef _TEST_IPV6_H_
#define _TEST_IPV6_H_

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_tcp.h>

#include "test_csum_ref.h"

/*
 * The Ethernet header from @src to @dst at @f, EtherType @type, behind an
 * 802.1Q tag of VID 100 when @vlan.  @return its length (14 or 18).
 */
static inline unsigned int
test_put_eth(uint8_t *f, const uint8_t dst[6], const uint8_t src[6], uint16_t type, bool vlan)
{
	unsigned int n = 12;

	memcpy(f, dst, 6);
	memcpy(f + 6, src, 6);
	if (vlan) {
		f[n++] = 0x81;
		f[n++] = 0x00;
		f[n++] = 0;
		f[n++] = 100;
	}
	f[n++] = (uint8_t)(type >> 8);
	f[n++] = (uint8_t)type;
	return n;
}

/* One kind of IPv6 frame (test_ipv6_frame()). */
struct test_ipv6_kind {
	const char *name;
	uint8_t nh;                 /* first next header */
	uint8_t l4;                 /* upper layer: IPPROTO_UDP, _TCP, _ICMPV6, or 0 for none */
	const uint8_t *ext;         /* extension headers, as they are on the wire */
	unsigned int ext_len;
	int plen;                   /* payload length written, or -1 for the right one */
	uint8_t hlim;
	bool mcast;                 /* source ff02::1 */
	uint8_t version;
	unsigned int cut;           /* frame cut to this length, or 0 */
	bool vlan;
	uint16_t dport;             /* UDP destination port (319: PTP event messages) */
};

static const uint8_t test_ipv6_ext_chain[48] = {
	IPPROTO_ROUTING, 0, 1, 4,                  /* hop-by-hop, 8 bytes, PadN */
	[8] = IPPROTO_DSTOPTS, 2, 0, 0,            /* routing, 24 bytes, segments left 0 */
	[32] = IPPROTO_UDP, 1, 1, 12,              /* destination options, 16 bytes, PadN */
};
static const uint8_t test_ipv6_ext_frag[8] = { IPPROTO_UDP, 0, 0, 1, 0, 0, 0x12, 0x34 };
static const uint8_t test_ipv6_ext_hop16[16] = { IPPROTO_UDP, 1, 1, 12 };
/* a 40-byte destination options header (length 4) in a 16-byte payload: its
 * first 8 bytes, then the 8 of a UDP header 1000 -> 2000 */
static const uint8_t test_ipv6_ext_past[16] = {
	IPPROTO_UDP, 4, 1, 4, [8] = 0x03, 0xe8, 0x07, 0xd0, 0, 24,
};

/*
 * The kinds: UDP, TCP, ICMPv6; extension headers; the header cut short; a
 * payload length past the frame and one below it; extension-header chains
 * past the packet or cut inside it; hop limits 0 and 1; a multicast source;
 * version 4 behind 0x86dd; an 802.1Q tag; PTP (UDP port 319) over IPv6.
 */
static const struct test_ipv6_kind test_ipv6_kinds[] = {
	{ "udp", IPPROTO_UDP, IPPROTO_UDP, NULL, 0, -1, 64, false, 6, 0, false, 2000 },
	{ "tcp", IPPROTO_TCP, IPPROTO_TCP, NULL, 0, -1, 64, false, 6, 0, false, 0 },
	{ "icmpv6 echo", IPPROTO_ICMPV6, IPPROTO_ICMPV6, NULL, 0, -1, 64, false, 6, 0, false, 0 },
	{ "hop-by-hop, routing, destination options", IPPROTO_HOPOPTS, IPPROTO_UDP,
	  test_ipv6_ext_chain, 48, -1, 64, false, 6, 0, false, 2000 },
	{ "first fragment", IPPROTO_FRAGMENT, IPPROTO_UDP, test_ipv6_ext_frag, 8, -1, 64, false,
	  6, 0, false, 2000 },
	{ "header cut at 30 bytes", IPPROTO_UDP, IPPROTO_UDP, NULL, 0, -1, 64, false, 6, 14 + 30,
	  false, 2000 },
	{ "header alone, payload length 0", IPPROTO_NONE, 0, NULL, 0, -1, 64, false, 6, 0, false,
	  0 },
	{ "payload length past the frame", IPPROTO_UDP, IPPROTO_UDP, NULL, 0, 24 + 40, 64, false,
	  6, 0, false, 2000 },
	{ "payload length below the frame", IPPROTO_UDP, IPPROTO_UDP, NULL, 0, 8, 64, false, 6,
	  0, false, 2000 },
	{ "destination options past the packet", IPPROTO_DSTOPTS, 0, test_ipv6_ext_past, 16, -1,
	  64, false, 6, 0, false, 0 },
	{ "chain cut inside a hop-by-hop header", IPPROTO_HOPOPTS, IPPROTO_UDP,
	  test_ipv6_ext_hop16, 16, -1, 64, false, 6, 14 + 40 + 6, false, 2000 },
	{ "hop limit 0", IPPROTO_UDP, IPPROTO_UDP, NULL, 0, -1, 0, false, 6, 0, false, 2000 },
	{ "hop limit 1", IPPROTO_UDP, IPPROTO_UDP, NULL, 0, -1, 1, false, 6, 0, false, 2000 },
	{ "multicast source ff02::1", IPPROTO_UDP, IPPROTO_UDP, NULL, 0, -1, 64, true, 6, 0,
	  false, 2000 },
	{ "version 4 behind 0x86dd", IPPROTO_UDP, IPPROTO_UDP, NULL, 0, -1, 64, false, 4, 0,
	  false, 2000 },
	{ "802.1Q tag", IPPROTO_UDP, IPPROTO_UDP, NULL, 0, -1, 64, false, 6, 0, true, 2000 },
	{ "PTP SYNC over UDP/IPv6", IPPROTO_UDP, IPPROTO_UDP, NULL, 0, -1, 64, false, 6, 0,
	  false, 319 },
};

/*
 * The frame of kind @k from @src to @dst at @f (room for 256 bytes):
 * 2001:db8::1 (or ff02::1) to 2001:db8::2, the upper layer with its checksum
 * right (UDP 1000 -> dport with bytes 0..15, TCP 3000 -> 80 with "hi", an
 * ICMPv6 echo request with "ping").  @return the frame's length.
 */
static inline unsigned int
test_ipv6_frame(uint8_t *f, const uint8_t dst[6], const uint8_t src[6],
		const struct test_ipv6_kind *k)
{
	unsigned int l2 = test_put_eth(f, dst, src, RTE_ETHER_TYPE_IPV6, k->vlan), l4len = 0, i;
	uint8_t *ip = f + l2, *l4 = ip + 40 + k->ext_len, pseudo[40];
	uint16_t plen, sum;
	uint32_t s;

	memset(ip, 0, 40);
	ip[0] = (uint8_t)(k->version << 4);
	ip[6] = k->nh;
	ip[7] = k->hlim;
	ip[8] = k->mcast ? 0xff : 0x20;
	ip[9] = k->mcast ? 0x02 : 0x01;
	if (!k->mcast) {
		ip[10] = 0x0d;
		ip[11] = 0xb8;
	}
	ip[23] = 1;
	ip[24] = 0x20;
	ip[25] = 0x01;
	ip[26] = 0x0d;
	ip[27] = 0xb8;
	ip[39] = 2;
	if (k->ext_len != 0)
		memcpy(ip + 40, k->ext, k->ext_len);
	if (k->l4 == IPPROTO_UDP) {
		l4len = 8 + 16;
		memset(l4, 0, 8);
		l4[0] = 0x03;                     /* source port 1000 */
		l4[1] = 0xe8;
		l4[2] = (uint8_t)(k->dport >> 8);
		l4[3] = (uint8_t)k->dport;
		l4[5] = (uint8_t)l4len;
		for (i = 0; i < 16; i++)
			l4[8 + i] = (uint8_t)i;
	} else if (k->l4 == IPPROTO_TCP) {
		l4len = 22;
		memset(l4, 0, 20);
		l4[0] = 0x0b;                     /* 3000 -> 80, sequence 7 */
		l4[1] = 0xb8;
		l4[3] = 80;
		l4[7] = 7;
		l4[12] = 5 << 4;
		l4[13] = RTE_TCP_PSH_FLAG | RTE_TCP_ACK_FLAG;
		l4[14] = 2;                       /* window 512 */
		memcpy(l4 + 20, "hi", 2);
	} else if (k->l4 == IPPROTO_ICMPV6) {
		l4len = 12;
		memset(l4, 0, 8);
		l4[0] = 128;                      /* echo request, id 0, sequence 1 */
		l4[7] = 1;
		memcpy(l4 + 8, "ping", 4);
	}
	if (l4len != 0) {
		/* the pseudo-header (RFC 8200, 8.1) summed apart, then the upper layer */
		memcpy(pseudo, ip + 8, 32);
		memset(pseudo + 32, 0, 8);
		pseudo[34] = (uint8_t)(l4len >> 8);
		pseudo[35] = (uint8_t)l4len;
		pseudo[39] = k->l4;
		s = (uint32_t)ref_sum(pseudo, 40) + ref_sum(l4, l4len);
		sum = (uint16_t)~((s & 0xffff) + (s >> 16));
		if (k->l4 == IPPROTO_UDP && sum == 0)
			sum = 0xffff;
		i = k->l4 == IPPROTO_UDP ? 6 : k->l4 == IPPROTO_TCP ? 16 : 2;
		l4[i] = (uint8_t)(sum >> 8);
		l4[i + 1] = (uint8_t)sum;
	}
	plen = (uint16_t)(k->plen >= 0 ? (unsigned int)k->plen : k->ext_len + l4len);
	ip[4] = (uint8_t)(plen >> 8);
	ip[5] = (uint8_t)plen;
	return k->cut != 0 ? k->cut : l2 + 40 + k->ext_len + l4len;
}

#endif /* _TEST_IPV6_H_ */
