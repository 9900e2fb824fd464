/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Unit tests of libskb's packet parser (skb_parse.h): every VLAN tag
 * combination with exact offsets, tags and protocols; frames cut at every byte,
 * linear and split across two segments at every place, with the exact error and
 * stage; each IPv4, UDP and TCP rule; SKB_PARSE_CSUM and SKB_PARSE_GSO;
 * skb_l4_csum() against a known value.  IPv6: every extension header the
 * walk skips or stops at, chains that run past the packet and the frame, cuts
 * at every byte (linear and split), ipv6_skip_exthdr() beside the parser, and
 * csum_ipv6_magic() against vectors computed apart (Python's ipaddress and
 * struct, RFC 1071 by the book).  Frames are built here byte by byte,
 * independently of libskb.
 */

#include <rte_random.h>

#include "skb_parse.h"
#include "test_chain.h"
#include "test_csum_ref.h"
#include "test_frame.h"
#include "test_pool.h"

#define MAX_FRAME 256
#define TPID_Q 0x8100
#define TPID_AD 0x88a8

static struct rte_mempool *mp;

/* Where the headers of a built frame are. */
struct layout {
	unsigned int ntags;      /* tags written */
	unsigned int l3, ihl, l4, l4hl, len;
};

static void
wr16(uint8_t *p, unsigned int v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* Write the IPv4 header checksum of the header at @ip (@ihl words). */
static void
ip_csum_set(uint8_t *ip, unsigned int ihl)
{
	ip[10] = 0;
	ip[11] = 0;
	wr16(ip + 10, (uint16_t)~ref_sum(ip, ihl * 4));
}

/*
 * Ethernet, the @ntags TPIDs of @tpids (TCI 0x1001, 0x2002, ...), IPv4 of @ihl
 * words (options 0x01, NOP), then UDP (@doff 0) or TCP of @doff words, then
 * @payload bytes; lengths and the IPv4 checksum right, the L4 checksum 0.
 */
static unsigned int
build(uint8_t *f, const uint16_t *tpids, unsigned int ntags, unsigned int ihl,
      unsigned int doff, unsigned int payload, struct layout *lay)
{
	unsigned int i, o = 12, l4len;

	memset(f, 0, MAX_FRAME);
	for (i = 0; i < 12; i++)
		f[i] = (uint8_t)(0x10 + i);
	for (i = 0; i < ntags; i++, o += 4) {
		wr16(f + o, tpids[i]);
		wr16(f + o + 2, 0x1001u * (i + 1));
	}
	wr16(f + o, RTE_ETHER_TYPE_IPV4);
	lay->ntags = ntags;
	lay->l3 = o + 2;
	lay->ihl = ihl;
	lay->l4 = lay->l3 + ihl * 4;
	lay->l4hl = doff ? doff * 4 : 8;
	l4len = lay->l4hl + payload;
	lay->len = lay->l4 + l4len;
	f[lay->l3] = (uint8_t)(0x40 | ihl);
	wr16(f + lay->l3 + 2, ihl * 4 + l4len);
	f[lay->l3 + 8] = 64;
	f[lay->l3 + 9] = doff ? IPPROTO_TCP : IPPROTO_UDP;
	wr16(f + lay->l3 + 12, 0x0a00);
	wr16(f + lay->l3 + 14, 0x0001);
	wr16(f + lay->l3 + 16, 0x0a00);
	wr16(f + lay->l3 + 18, 0x0002);
	for (i = 20; i < ihl * 4; i++)
		f[lay->l3 + i] = 0x01;
	ip_csum_set(f + lay->l3, ihl);
	wr16(f + lay->l4, 1234);
	wr16(f + lay->l4 + 2, 5678);
	if (doff) {
		f[lay->l4 + 12] = (uint8_t)(doff << 4);
		f[lay->l4 + 13] = 0x10;
		for (i = 20; i < doff * 4; i++)
			f[lay->l4 + i] = 0x01;
	} else {
		wr16(f + lay->l4 + 4, l4len);
	}
	for (i = 0; i < payload; i++)
		f[lay->l4 + lay->l4hl + i] = pat(i);
	return lay->len;
}

/* True when the data of @skb is still the @len bytes of @f. */
static bool
same_bytes(const struct sk_buff *skb, const uint8_t *f, unsigned int len)
{
	uint8_t buf[MAX_FRAME];

	return skb_len(skb) == len && skb_copy_bits(skb, 0, buf, (int)len) == 0 &&
	       memcmp(buf, f, len) == 0;
}

/* Every tag combination: exact offsets, tags, protocols, and where the parse stops. */
static int
test_tags(void)
{
	static const struct {
		uint16_t tpids[3];
		unsigned int ntags, nr_vlans;
		uint16_t protocol;         /* host order */
	} cases[] = {
		{ { 0 }, 0, 0, RTE_ETHER_TYPE_IPV4 },
		{ { TPID_Q }, 1, 1, RTE_ETHER_TYPE_IPV4 },
		{ { TPID_AD }, 1, 1, RTE_ETHER_TYPE_IPV4 },
		{ { TPID_AD, TPID_Q }, 2, 2, RTE_ETHER_TYPE_IPV4 },       /* QinQ, 802.1ad */
		{ { TPID_Q, TPID_Q }, 2, 2, RTE_ETHER_TYPE_IPV4 },        /* QinQ, 802.1Q twice */
		{ { TPID_Q, TPID_AD }, 2, 1, TPID_AD },                   /* an S-tag inside: stop */
		{ { TPID_AD, TPID_AD }, 2, 1, TPID_AD },
		{ { TPID_Q, TPID_Q, TPID_Q }, 3, 2, TPID_Q },             /* a third tag: stop */
		{ { TPID_AD, TPID_Q, TPID_Q }, 3, 2, TPID_Q },
	};
	struct sk_buff *skb = NULL;
	uint8_t f[MAX_FRAME];
	struct layout lay;
	struct skb_hdrs h;
	unsigned int c = 0, i, len;

	TEST_ASSERT(mp != NULL, "pool");
	for (c = 0; c < RTE_DIM(cases); c++) {
		unsigned int l3 = RTE_ETHER_HDR_LEN + 4 * cases[c].nr_vlans;

		len = build(f, cases[c].tpids, cases[c].ntags, 5, 0, 10, &lay);
		skb = test_skb_of(mp, 64, f, len, 0);
		TEST_ASSERT(skb != NULL, "skb");
		memset(&h, 0xee, sizeof(h));
		TEST_ASSERT_EQ(skb_parse_eth(skb, 0, &h), 0);
		TEST_ASSERT_EQ(h.mac_off, 0);
		TEST_ASSERT_EQ(h.l3_off, l3);
		TEST_ASSERT_EQ(h.nr_vlans, cases[c].nr_vlans);
		TEST_ASSERT_EQ(rte_be_to_cpu_16(h.protocol), cases[c].protocol);
		TEST_ASSERT_EQ(h.l3_len, 0);
		TEST_ASSERT_EQ(h.l4_len, 0);
		TEST_ASSERT_EQ(h.flags, 0);
		for (i = 0; i < cases[c].nr_vlans; i++) {
			TEST_ASSERT_EQ(rte_be_to_cpu_16(h.vlan_proto[i]), cases[c].tpids[i]);
			TEST_ASSERT_EQ(h.vlan_tci[i], 0x1001u * (i + 1));
		}
		if (cases[c].protocol == RTE_ETHER_TYPE_IPV4) {
			TEST_ASSERT_EQ(skb_parse_ip(skb, &h, SKB_PARSE_CSUM), 0);
			TEST_ASSERT_EQ(h.l3_len, 20);
			TEST_ASSERT_EQ(h.l4_off, l3 + 20);
			TEST_ASSERT_EQ(h.l4_proto, IPPROTO_UDP);
			TEST_ASSERT_EQ(h.l3_end, len);
			TEST_ASSERT_EQ(skb_parse_l4(skb, &h, 0), 0);
			TEST_ASSERT_EQ(h.l4_len, 8);
			TEST_ASSERT_EQ(h.l4_end, len);
		} else {
			TEST_ASSERT_EQ(skb_parse_ip(skb, &h, SKB_PARSE_CSUM), -EPROTONOSUPPORT);
			/* skb_parse() goes as far as it can: Ethernet, no error */
			TEST_ASSERT_EQ(skb_parse(skb, &h, SKB_PARSE_CSUM), 0);
			TEST_ASSERT_EQ(h.l3_off, l3);
			TEST_ASSERT_EQ(h.l3_len, 0);
		}
		/* nothing in the skb changed: no header offset, no protocol */
		TEST_ASSERT(!skb_mac_header_was_set(skb), "mac header set");
		TEST_ASSERT(!skb_network_header_was_set(skb), "network header set");
		TEST_ASSERT_EQ(skb->protocol, 0);
		TEST_ASSERT(same_bytes(skb, f, len), "bytes changed");
		kfree_skb(skb);
		skb = NULL;
	}
	/* an ARP frame: Ethernet only */
	len = build(f, NULL, 0, 5, 0, 10, &lay);
	wr16(f + 12, RTE_ETHER_TYPE_ARP);
	skb = test_skb_of(mp, 64, f, len, 0);
	TEST_ASSERT(skb != NULL, "skb");
	TEST_ASSERT_EQ(skb_parse(skb, &h, 0), 0);
	TEST_ASSERT_EQ(rte_be_to_cpu_16(h.protocol), RTE_ETHER_TYPE_ARP);
	TEST_ASSERT_EQ(h.l3_len, 0);
	kfree_skb(skb);
	skb = NULL;
	TEST_ASSERT_POOL_EMPTY(mp);
	return TEST_SUCCESS;
fail:
	printf("# case %u\n", c);
	kfree_skb(skb);
	return TEST_FAILED;
}

/*
 * The error skb_parse() must give for @f cut to @cut bytes, and the stage
 * (0 Ethernet, 1 IP, 2 L4, 3 none) that gives it.  @fixed: the IPv4 total
 * length was rewritten to end at the cut.
 */
static int
expect_cut(const struct layout *lay, unsigned int cut, bool fixed, unsigned int *stage)
{
	unsigned int ulen_past = 0;

	if (cut < lay->l3) {
		*stage = 0;
		return -ENODATA;
	}
	*stage = 1;
	if (cut < lay->l3 + lay->ihl * 4)
		return -ENODATA;
	if (!fixed)
		return -ENODATA; /* the total length passes the frame */
	*stage = 2;
	if (cut < lay->l4 + (lay->l4hl == 8 ? 8 : 20))
		return -ENODATA;
	if (lay->l4hl == 8) {
		ulen_past = cut < lay->len; /* the UDP length passes the IP packet */
		return ulen_past ? -EPROTO : 0;
	}
	if (cut < lay->l4 + lay->l4hl)
		return -ENODATA; /* TCP options cut */
	*stage = 3;
	return 0;
}

/* Run the three stages on @skb: the first error and its stage (3: none). */
static int
run_stages(struct sk_buff *skb, unsigned int flags, struct skb_hdrs *h, unsigned int *stage)
{
	int ret;

	*stage = 0;
	ret = skb_parse_eth(skb, 0, h);
	if (ret == 0) {
		*stage = 1;
		ret = skb_parse_ip(skb, h, flags);
	}
	if (ret == 0) {
		*stage = 2;
		ret = skb_parse_l4(skb, h, flags);
	}
	if (ret == 0)
		*stage = 3;
	return ret;
}

/* Frames cut at every byte, linear and split at every place: exact error and stage, bytes kept. */
static int
test_truncations(void)
{
	static const uint16_t tags[][2] = { { 0, 0 }, { TPID_Q, 0 }, { TPID_AD, TPID_Q } };
	static const unsigned int ntags[] = { 0, 1, 2 };
	struct sk_buff *skb = NULL;
	uint8_t f[MAX_FRAME], g[MAX_FRAME];
	unsigned int t = 0, kind = 0, cut = 0, split = 0, len, fixed = 0;
	struct layout lay;
	struct skb_hdrs h;

	TEST_ASSERT(mp != NULL, "pool");
	for (t = 0; t < RTE_DIM(ntags); t++) {
		/* UDP over a plain header, TCP with options over IPv4 with options */
		for (kind = 0; kind < 2; kind++) {
			len = kind == 0 ? build(f, tags[t], ntags[t], 5, 0, 6, &lay) :
					  build(f, tags[t], ntags[t], 7, 8, 6, &lay);
			for (cut = 0; cut <= len; cut++) {
				for (fixed = 0; fixed < 2; fixed++) {
					unsigned int want_stage, stage;
					int want;

					memcpy(g, f, len);
					if (fixed && cut >= lay.l3 + lay.ihl * 4) {
						wr16(g + lay.l3 + 2, cut - lay.l3);
						ip_csum_set(g + lay.l3, lay.ihl);
					}
					want = cut == len ? 0 : expect_cut(&lay, cut, fixed, &want_stage);
					if (cut == len)
						want_stage = 3;
					for (split = 0; split < RTE_MAX(cut, 1u); split++) {
						int ret;

						skb = test_skb_of(mp, 64, g, cut, split);
						TEST_ASSERT(skb != NULL, "skb");
						ret = run_stages(skb, SKB_PARSE_CSUM, &h, &stage);
						TEST_ASSERT_EQ(ret, want);
						TEST_ASSERT_EQ(stage, want_stage);
						TEST_ASSERT(same_bytes(skb, g, cut), "bytes changed");
						if (ret == 0) {
							TEST_ASSERT_EQ(h.l4_off, lay.l4);
							TEST_ASSERT_EQ(h.l4_len, lay.l4hl);
							TEST_ASSERT_EQ(h.l3_end, cut);
						}
						TEST_ASSERT_EQ(skb_parse(skb, &h, SKB_PARSE_CSUM), want);
						kfree_skb(skb);
						skb = NULL;
					}
				}
			}
		}
	}
	TEST_ASSERT_POOL_EMPTY(mp);
	return TEST_SUCCESS;
fail:
	printf("# tags %u kind %u cut %u fixed %u split %u\n", t, kind, cut, fixed, split);
	kfree_skb(skb);
	return TEST_FAILED;
}

/* run_stages() on a linear skb of the @len bytes of @f. */
static int
parse_bytes(const uint8_t *f, unsigned int len, unsigned int flags, struct skb_hdrs *h,
	    unsigned int *stage)
{
	struct sk_buff *skb = test_skb_of(mp, 64, f, len, 0);
	int ret;

	if (skb == NULL)
		return -ENOMEM;
	ret = run_stages(skb, flags, h, stage);
	kfree_skb(skb);
	return ret;
}

/* Each IPv4 rule: version, IHL, total length both ways, checksum, fragments, options, padding. */
static int
test_ipv4_rules(void)
{
	uint8_t f[MAX_FRAME], g[MAX_FRAME];
	struct layout lay;
	struct skb_hdrs h;
	unsigned int len, stage;

	len = build(f, NULL, 0, 5, 0, 20, &lay);
	TEST_ASSERT_EQ(parse_bytes(f, len, SKB_PARSE_CSUM, &h, &stage), 0);
	/* version 6 in an IPv4 EtherType */
	memcpy(g, f, len);
	g[14] = 0x65;
	TEST_ASSERT_EQ(parse_bytes(g, len, 0, &h, &stage), -EPROTO);
	TEST_ASSERT_EQ(stage, 1);
	/* IHL 4 */
	memcpy(g, f, len);
	g[14] = 0x44;
	TEST_ASSERT_EQ(parse_bytes(g, len, 0, &h, &stage), -EPROTO);
	/* IHL 15: 60 bytes of header, more than the frame's 14 + 48 */
	memcpy(g, f, len);
	g[14] = 0x4f;
	TEST_ASSERT_EQ(parse_bytes(g, 14 + 50, 0, &h, &stage), -ENODATA);
	TEST_ASSERT_EQ(stage, 1);
	/* total length below the header, then past the frame */
	memcpy(g, f, len);
	wr16(g + 16, 19);
	ip_csum_set(g + 14, 5);
	TEST_ASSERT_EQ(parse_bytes(g, len, SKB_PARSE_CSUM, &h, &stage), -EPROTO);
	wr16(g + 16, len - 14 + 1);
	ip_csum_set(g + 14, 5);
	TEST_ASSERT_EQ(parse_bytes(g, len, SKB_PARSE_CSUM, &h, &stage), -ENODATA);
	TEST_ASSERT_EQ(stage, 1);
	/* ... and SKB_PARSE_GSO does not look at it: the packet ends at the skb's end */
	TEST_ASSERT_EQ(parse_bytes(g, len, SKB_PARSE_GSO, &h, &stage), 0);
	TEST_ASSERT_EQ(h.l3_end, len);
	TEST_ASSERT_EQ(h.l4_end, len);
	/* a wrong header checksum: only SKB_PARSE_CSUM sees it */
	memcpy(g, f, len);
	g[24] ^= 0x01;
	TEST_ASSERT_EQ(parse_bytes(g, len, SKB_PARSE_CSUM, &h, &stage), -EBADMSG);
	TEST_ASSERT_EQ(stage, 1);
	TEST_ASSERT_EQ(parse_bytes(g, len, 0, &h, &stage), 0);
	/* fragments: MF, an offset; DF is none */
	memcpy(g, f, len);
	g[20] = 0x20;
	ip_csum_set(g + 14, 5);
	TEST_ASSERT_EQ(parse_bytes(g, len, SKB_PARSE_CSUM, &h, &stage), -EPROTONOSUPPORT);
	TEST_ASSERT_EQ(stage, 2);
	TEST_ASSERT_EQ(h.flags, SKB_HDRS_FRAG);
	g[20] = 0x00;
	g[21] = 0x01;
	ip_csum_set(g + 14, 5);
	TEST_ASSERT_EQ(parse_bytes(g, len, SKB_PARSE_CSUM, &h, &stage), -EPROTONOSUPPORT);
	TEST_ASSERT_EQ(h.flags, SKB_HDRS_FRAG);
	g[20] = 0x40;
	g[21] = 0x00;
	ip_csum_set(g + 14, 5);
	TEST_ASSERT_EQ(parse_bytes(g, len, SKB_PARSE_CSUM, &h, &stage), 0);
	TEST_ASSERT_EQ(h.flags, 0);
	/* options: IHL 9 */
	len = build(f, NULL, 0, 9, 0, 20, &lay);
	TEST_ASSERT_EQ(parse_bytes(f, len, SKB_PARSE_CSUM, &h, &stage), 0);
	TEST_ASSERT_EQ(h.l3_len, 36);
	TEST_ASSERT_EQ(h.l4_off, 50);
	/* link padding after the IP packet: the packet ends where its length says */
	memset(f + len, 0, 12);
	TEST_ASSERT_EQ(parse_bytes(f, len + 12, SKB_PARSE_CSUM, &h, &stage), 0);
	TEST_ASSERT_EQ(h.l3_end, len);
	TEST_ASSERT_EQ(h.l4_end, len);
	/* an IPv4 packet under the IPv6 EtherType: version 4 is wrong there */
	memcpy(g, f, len);
	wr16(g + 12, RTE_ETHER_TYPE_IPV6);
	TEST_ASSERT_EQ(parse_bytes(g, len, 0, &h, &stage), -EPROTO);
	TEST_ASSERT_EQ(stage, 1);
	TEST_ASSERT_POOL_EMPTY(mp);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

/* Each UDP and TCP rule, and the protocols the L4 stage leaves alone. */
static int
test_l4_rules(void)
{
	uint8_t f[MAX_FRAME], g[MAX_FRAME];
	struct layout lay;
	struct skb_hdrs h;
	unsigned int len, stage;

	len = build(f, NULL, 0, 5, 0, 20, &lay);
	/* UDP length 7, then one past the IP packet, then short of it (fine: padding) */
	memcpy(g, f, len);
	wr16(g + lay.l4 + 4, 7);
	TEST_ASSERT_EQ(parse_bytes(g, len, 0, &h, &stage), -EPROTO);
	TEST_ASSERT_EQ(stage, 2);
	wr16(g + lay.l4 + 4, len - lay.l4 + 1);
	TEST_ASSERT_EQ(parse_bytes(g, len, 0, &h, &stage), -EPROTO);
	TEST_ASSERT_EQ(parse_bytes(g, len, SKB_PARSE_GSO, &h, &stage), 0);
	TEST_ASSERT_EQ(h.l4_end, len);
	wr16(g + lay.l4 + 4, 10);
	TEST_ASSERT_EQ(parse_bytes(g, len, 0, &h, &stage), 0);
	TEST_ASSERT_EQ(h.l4_end, lay.l4 + 10);
	TEST_ASSERT_EQ(h.l3_end, len);
	/* the IP packet ends inside the UDP header; the frame goes on (padding) */
	memcpy(g, f, len);
	wr16(g + lay.l3 + 2, 20 + 7);
	ip_csum_set(g + lay.l3, 5);
	TEST_ASSERT_EQ(parse_bytes(g, len, SKB_PARSE_CSUM, &h, &stage), -ENODATA);
	TEST_ASSERT_EQ(stage, 2);
	wr16(g + lay.l3 + 2, 20 + 8);
	ip_csum_set(g + lay.l3, 5);
	wr16(g + lay.l4 + 4, 8);
	TEST_ASSERT_EQ(parse_bytes(g, len, SKB_PARSE_CSUM, &h, &stage), 0);
	TEST_ASSERT_EQ(h.l4_end, lay.l4 + 8);
	/* TCP: data offset 4, then 15 (60 bytes) past the IP packet, then 6 */
	len = build(f, NULL, 0, 5, 5, 30, &lay);
	TEST_ASSERT_EQ(parse_bytes(f, len, 0, &h, &stage), 0);
	TEST_ASSERT_EQ(h.l4_len, 20);
	TEST_ASSERT_EQ(h.l4_end, len);
	memcpy(g, f, len);
	g[lay.l4 + 12] = 0x40;
	TEST_ASSERT_EQ(parse_bytes(g, len, 0, &h, &stage), -EPROTO);
	TEST_ASSERT_EQ(stage, 2);
	g[lay.l4 + 12] = 0xf0;
	TEST_ASSERT_EQ(parse_bytes(g, len, 0, &h, &stage), -ENODATA);
	TEST_ASSERT_EQ(stage, 2);
	g[lay.l4 + 12] = 0x60;
	TEST_ASSERT_EQ(parse_bytes(g, len, 0, &h, &stage), 0);
	TEST_ASSERT_EQ(h.l4_len, 24);
	/* the IP packet ends inside the TCP header, then inside its options (padding after) */
	wr16(g + lay.l3 + 2, 20 + 19);
	ip_csum_set(g + lay.l3, 5);
	TEST_ASSERT_EQ(parse_bytes(g, len, SKB_PARSE_CSUM, &h, &stage), -ENODATA);
	TEST_ASSERT_EQ(stage, 2);
	wr16(g + lay.l3 + 2, 20 + 23);
	ip_csum_set(g + lay.l3, 5);
	TEST_ASSERT_EQ(parse_bytes(g, len, SKB_PARSE_CSUM, &h, &stage), -ENODATA);
	TEST_ASSERT_EQ(stage, 2);
	wr16(g + lay.l3 + 2, 20 + 24);
	ip_csum_set(g + lay.l3, 5);
	TEST_ASSERT_EQ(parse_bytes(g, len, SKB_PARSE_CSUM, &h, &stage), 0);
	TEST_ASSERT_EQ(h.l4_end, lay.l4 + 24);
	/* ICMP: not a transport header the parser reads */
	memcpy(g, f, len);
	g[lay.l3 + 9] = IPPROTO_ICMP;
	ip_csum_set(g + lay.l3, 5);
	TEST_ASSERT_EQ(parse_bytes(g, len, SKB_PARSE_CSUM, &h, &stage), -EPROTONOSUPPORT);
	TEST_ASSERT_EQ(stage, 2);
	TEST_ASSERT_EQ(h.l4_proto, IPPROTO_ICMP);
	TEST_ASSERT_EQ(h.l4_len, 0);
	TEST_ASSERT_POOL_EMPTY(mp);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

/* A tunnel's inner frame parsed at an offset; skb_l4_csum() on known and computed values. */
static int
test_offset_and_l4_csum(void)
{
	struct sk_buff *skb = NULL;
	uint8_t f[MAX_FRAME], inner[MAX_FRAME];
	static const uint16_t q[] = { TPID_Q };
	struct layout lay, ilay;
	struct skb_hdrs h;
	unsigned int len, ilen, split;
	uint16_t c = 0;
	int result = TEST_FAILED;

	/* 10.0.0.1:1234 -> 10.0.0.2:5678, 5 payload bytes pat(0..4) */
	len = build(f, NULL, 0, 5, 0, 5, &lay);
	skb = test_skb_of(mp, 64, f, len, 0);
	TEST_ASSERT(skb != NULL, "skb");
	TEST_ASSERT_EQ(skb_parse(skb, &h, SKB_PARSE_CSUM), 0);
	c = skb_l4_csum(skb, &h);
	{
		/* the same sum by the book: pseudo-header + datagram */
		uint8_t ps[12 + 13];

		memcpy(ps, f + lay.l3 + 12, 8);
		ps[8] = 0;
		ps[9] = IPPROTO_UDP;
		wr16(ps + 10, 13);
		memcpy(ps + 12, f + lay.l4, 13);
		TEST_ASSERT_EQ(rte_be_to_cpu_16(c), (uint16_t)~ref_sum(ps, sizeof(ps)));
	}
	/* stored, the datagram checks out, in one segment and split anywhere */
	memcpy(f + lay.l4 + 6, &c, 2);
	kfree_skb(skb);
	for (split = 0; split < len; split++) {
		skb = test_skb_of(mp, 64, f, len, split);
		TEST_ASSERT(skb != NULL, "skb");
		TEST_ASSERT_EQ(skb_parse(skb, &h, SKB_PARSE_CSUM), 0);
		TEST_ASSERT_EQ(skb_l4_csum(skb, &h), 0);
		kfree_skb(skb);
		skb = NULL;
	}
	/* an inner VLAN frame 50 bytes in, as VXLAN carries it */
	ilen = build(inner, q, 1, 6, 5, 7, &ilay);
	memset(f, 0xaa, 50);
	memcpy(f + 50, inner, ilen);
	skb = test_skb_of(mp, 64, f, 50 + ilen, 0);
	TEST_ASSERT(skb != NULL, "skb");
	TEST_ASSERT_EQ(skb_parse_eth(skb, 50, &h), 0);
	TEST_ASSERT_EQ(h.mac_off, 50);
	TEST_ASSERT_EQ(h.l3_off, 50 + 18);
	TEST_ASSERT_EQ(h.nr_vlans, 1);
	TEST_ASSERT_EQ(skb_parse_ip(skb, &h, SKB_PARSE_CSUM), 0);
	TEST_ASSERT_EQ(h.l4_off, 50 + 18 + 24);
	TEST_ASSERT_EQ(h.l3_end, 50 + ilen);
	TEST_ASSERT_EQ(skb_parse_l4(skb, &h, 0), 0);
	TEST_ASSERT_EQ(h.l4_len, 20);
	TEST_ASSERT_EQ(h.l4_proto, IPPROTO_TCP);
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(mp, result, skb);
}

/* ---------------------------------------------------------------- IPv6 */

/* One extension header of a built IPv6 chain. */
struct ext6 {
	uint8_t type;            /* IPPROTO_HOPOPTS, ... */
	unsigned int len;        /* bytes: a multiple of 8 (AH: of 4, >= 8) */
	uint16_t frag_off;       /* fragment header: offset << 3 | M */
};

/* Where the headers of a built IPv6 frame are. */
struct layout6 {
	unsigned int l3, l4, l4hl, len;
	unsigned int ext_end[8]; /* end of each extension header */
};

/*
 * Ethernet (@ntags 802.1Q tags), IPv6 2001:db8::1 -> 2001:db8::2 hop limit 64,
 * the @next extension headers of @ext, then the header @proto: UDP (8 bytes),
 * TCP (20), or any other type, 8 bytes of 0x5a; then @payload pattern bytes.
 * Payload length right, checksums 0.
 */
static unsigned int
build6(uint8_t *f, unsigned int ntags, const struct ext6 *ext, unsigned int next, uint8_t proto,
       unsigned int payload, struct layout6 *lay)
{
	unsigned int i, j, o = 12;
	uint8_t *ip;

	memset(f, 0, MAX_FRAME);
	for (i = 0; i < 12; i++)
		f[i] = (uint8_t)(0x20 + i);
	for (i = 0; i < ntags; i++, o += 4) {
		wr16(f + o, TPID_Q);
		wr16(f + o + 2, 0x0101u * (i + 1));
	}
	wr16(f + o, RTE_ETHER_TYPE_IPV6);
	lay->l3 = o + 2;
	ip = f + lay->l3;
	ip[0] = 0x60;
	ip[1] = 0x01;                 /* flow label 0x12345 */
	ip[2] = 0x23;
	ip[3] = 0x45;
	ip[6] = next ? ext[0].type : proto;
	ip[7] = 64;
	wr16(ip + 8, 0x2001);
	wr16(ip + 10, 0x0db8);
	ip[23] = 1;
	wr16(ip + 24, 0x2001);
	wr16(ip + 26, 0x0db8);
	ip[39] = 2;
	o = lay->l3 + 40;
	for (i = 0; i < next; i++) {
		uint8_t *e = f + o;

		e[0] = i + 1 < next ? ext[i + 1].type : proto;
		if (ext[i].type == IPPROTO_FRAGMENT) {
			wr16(e + 2, ext[i].frag_off);
			wr16(e + 6, 0x4321);  /* identification, low half */
		} else {
			e[1] = (uint8_t)(ext[i].type == IPPROTO_AH ? ext[i].len / 4 - 2 :
								    ext[i].len / 8 - 1);
			for (j = 2; j < ext[i].len; j++)
				e[j] = 0x01;
		}
		o += ext[i].len;
		lay->ext_end[i] = o;
	}
	lay->l4 = o;
	lay->l4hl = proto == IPPROTO_UDP ? 8 : proto == IPPROTO_TCP ? 20 : 8;
	wr16(f + o, 1234);
	wr16(f + o + 2, 5678);
	if (proto == IPPROTO_UDP)
		wr16(f + o + 4, lay->l4hl + payload);
	else if (proto == IPPROTO_TCP)
		f[o + 12] = 0x50;
	else
		memset(f + o, 0x5a, 8);
	o += lay->l4hl;
	for (i = 0; i < payload; i++)
		f[o + i] = pat(i);
	lay->len = o + payload;
	wr16(ip + 4, lay->len - lay->l3 - 40);
	return lay->len;
}

/* ipv6_skip_exthdr() on a linear skb of the @len bytes of @f, from @start. */
static int
skip_bytes(const uint8_t *f, unsigned int len, unsigned int split, int start, uint8_t *nexthdr)
{
	struct sk_buff *skb = test_skb_of(mp, 64, f, len, split);
	int ret;

	if (skb == NULL)
		return -100;
	ret = ipv6_skip_exthdr(skb, start, nexthdr);
	kfree_skb(skb);
	return ret;
}

/* Each extension header, alone and chained: exact offsets, flags and protocols. */
static int
test_ipv6_exthdrs(void)
{
	static const struct {
		struct ext6 ext[4];
		unsigned int next;
		uint8_t proto;
		unsigned int l3_len;   /* what the walk skips: fixed header + extension headers */
		uint8_t l4_proto;      /* where it stops */
		uint8_t flags;
		int l4;                /* skb_parse_l4(): 0 or the error */
		int skip;              /* ipv6_skip_exthdr() from l3 + 40: offset from l3, or -1 */
	} cases[] = {
		{ { { 0 } }, 0, IPPROTO_UDP, 40, IPPROTO_UDP, 0, 0, 40 },
		{ { { 0 } }, 0, IPPROTO_TCP, 40, IPPROTO_TCP, 0, 0, 40 },
		{ { { 0 } }, 0, IPPROTO_ICMPV6, 40, IPPROTO_ICMPV6, 0, -EPROTONOSUPPORT, 40 },
		{ { { IPPROTO_HOPOPTS, 8, 0 } }, 1, IPPROTO_UDP, 48, IPPROTO_UDP,
		  SKB_HDRS_EXTHDR, 0, 48 },
		{ { { IPPROTO_ROUTING, 24, 0 } }, 1, IPPROTO_TCP, 64, IPPROTO_TCP,
		  SKB_HDRS_EXTHDR, 0, 64 },
		{ { { IPPROTO_DSTOPTS, 16, 0 } }, 1, IPPROTO_UDP, 56, IPPROTO_UDP,
		  SKB_HDRS_EXTHDR, 0, 56 },
		/* AH: (2 + 2) * 4 = 16 bytes, 4-byte units */
		{ { { IPPROTO_AH, 16, 0 } }, 1, IPPROTO_TCP, 56, IPPROTO_TCP,
		  SKB_HDRS_EXTHDR, 0, 56 },
		{ { { IPPROTO_AH, 12, 0 } }, 1, IPPROTO_UDP, 52, IPPROTO_UDP,
		  SKB_HDRS_EXTHDR, 0, 52 },
		/* the first fragment (offset 0, M): skipped, the packet still a fragment */
		{ { { IPPROTO_FRAGMENT, 8, 0x0001 } }, 1, IPPROTO_UDP, 48, IPPROTO_UDP,
		  SKB_HDRS_EXTHDR | SKB_HDRS_FRAG, -EPROTONOSUPPORT, 48 },
		/* a later fragment (offset 185): the walk stops at its fragment header */
		{ { { IPPROTO_HOPOPTS, 8, 0 }, { IPPROTO_FRAGMENT, 8, 185 << 3 } }, 2, IPPROTO_UDP,
		  48, IPPROTO_FRAGMENT, SKB_HDRS_EXTHDR | SKB_HDRS_FRAG, -EPROTONOSUPPORT, 48 },
		/* the last fragment: offset 185, no M */
		{ { { IPPROTO_FRAGMENT, 8, (185 << 3) | 1 } }, 1, IPPROTO_TCP, 40, IPPROTO_FRAGMENT,
		  SKB_HDRS_EXTHDR | SKB_HDRS_FRAG, -EPROTONOSUPPORT, 40 },
		/* the reserved bits and M alone are not an offset */
		{ { { IPPROTO_FRAGMENT, 8, 0x0006 } }, 1, IPPROTO_TCP, 48, IPPROTO_TCP,
		  SKB_HDRS_EXTHDR | SKB_HDRS_FRAG, -EPROTONOSUPPORT, 48 },
		/* all of them in RFC 8200's order */
		{ { { IPPROTO_HOPOPTS, 16, 0 }, { IPPROTO_DSTOPTS, 8, 0 }, { IPPROTO_ROUTING, 40, 0 },
		    { IPPROTO_AH, 24, 0 } }, 4, IPPROTO_TCP, 128, IPPROTO_TCP, SKB_HDRS_EXTHDR, 0,
		  128 },
		/* ESP ends the walk: what follows is encrypted */
		{ { { 0 } }, 0, IPPROTO_ESP, 40, IPPROTO_ESP, 0, -EPROTONOSUPPORT, 40 },
		{ { { IPPROTO_HOPOPTS, 8, 0 } }, 1, IPPROTO_ESP, 48, IPPROTO_ESP, SKB_HDRS_EXTHDR,
		  -EPROTONOSUPPORT, 48 },
		/* no next header: the parser stops there, Linux's walker answers -1 */
		{ { { 0 } }, 0, IPPROTO_NONE, 40, IPPROTO_NONE, 0, -EPROTONOSUPPORT, -1 },
		{ { { IPPROTO_DSTOPTS, 8, 0 } }, 1, IPPROTO_NONE, 48, IPPROTO_NONE, SKB_HDRS_EXTHDR,
		  -EPROTONOSUPPORT, -1 },
	};
	struct sk_buff *skb = NULL;
	uint8_t f[MAX_FRAME];
	struct layout6 lay;
	struct skb_hdrs h;
	unsigned int c = 0, ntags = 0, split = 0, len;

	TEST_ASSERT(mp != NULL, "pool");
	for (c = 0; c < RTE_DIM(cases); c++) {
		for (ntags = 0; ntags < 3; ntags++) {
			len = build6(f, ntags, cases[c].ext, cases[c].next, cases[c].proto, 9, &lay);
			for (split = 0; split < len; split += split < 80 ? 1 : 7) {
				uint8_t nh = f[lay.l3 + 6];
				int want_skip = cases[c].skip < 0 ? -1 : (int)lay.l3 + cases[c].skip;

				skb = test_skb_of(mp, 64, f, len, split);
				TEST_ASSERT(skb != NULL, "skb");
				TEST_ASSERT_EQ(ipv6_skip_exthdr(skb, (int)lay.l3 + 40, &nh), want_skip);
				TEST_ASSERT_EQ(nh, cases[c].skip < 0 ? f[lay.l3 + 6] : cases[c].l4_proto);
				memset(&h, 0xee, sizeof(h));
				TEST_ASSERT_EQ(skb_parse_eth(skb, 0, &h), 0);
				TEST_ASSERT_EQ(rte_be_to_cpu_16(h.protocol), RTE_ETHER_TYPE_IPV6);
				TEST_ASSERT_EQ(skb_parse_ip(skb, &h, SKB_PARSE_CSUM), 0);
				TEST_ASSERT_EQ(h.l3_off, lay.l3);
				TEST_ASSERT_EQ(h.l3_len, cases[c].l3_len);
				TEST_ASSERT_EQ(h.l4_off, lay.l3 + cases[c].l3_len);
				TEST_ASSERT_EQ(h.l4_proto, cases[c].l4_proto);
				TEST_ASSERT_EQ(h.flags, cases[c].flags);
				TEST_ASSERT_EQ(h.l3_end, len);
				TEST_ASSERT_EQ(h.l4_end, len);
				/* the parser made every header it passed linear */
				TEST_ASSERT(skb_headlen(skb) >= h.l4_off, "ext headers not linear");
				TEST_ASSERT_EQ(skb_parse_l4(skb, &h, 0), cases[c].l4);
				if (cases[c].l4 == 0) {
					TEST_ASSERT_EQ(h.l4_len, lay.l4hl);
					TEST_ASSERT_EQ(h.l4_end, len);
				}
				TEST_ASSERT_EQ(skb_parse(skb, &h, 0), 0);
				TEST_ASSERT(same_bytes(skb, f, len), "bytes changed");
				kfree_skb(skb);
				skb = NULL;
			}
		}
	}
	TEST_ASSERT_POOL_EMPTY(mp);
	return TEST_SUCCESS;
fail:
	printf("# case %u tags %u split %u\n", c, ntags, split);
	kfree_skb(skb);
	return TEST_FAILED;
}

/*
 * Frames cut at every byte, linear and split at every place, with the payload
 * length as built (past the cut) or rewritten to end at the cut: the exact
 * error and stage of the parser, and what ipv6_skip_exthdr() says.
 */
static int
test_ipv6_truncations(void)
{
	static const struct ext6 chain[] = {
		{ IPPROTO_HOPOPTS, 8, 0 }, { IPPROTO_ROUTING, 24, 0 }, { IPPROTO_AH, 12, 0 },
	};
	struct sk_buff *skb = NULL;
	uint8_t f[MAX_FRAME], g[MAX_FRAME];
	unsigned int kind = 0, cut = 0, split = 0, fixed = 0, len;
	struct layout6 lay;
	struct skb_hdrs h;

	TEST_ASSERT(mp != NULL, "pool");
	for (kind = 0; kind < 2; kind++) {
		len = build6(f, 1, chain, RTE_DIM(chain), kind ? IPPROTO_TCP : IPPROTO_UDP, 5, &lay);
		for (cut = 0; cut <= len; cut++) {
			for (fixed = 0; fixed < 2; fixed++) {
				unsigned int want_stage, stage, i;
				int want, want_skip = (int)lay.l4;

				memcpy(g, f, len);
				if (fixed && cut >= lay.l3 + 40)
					wr16(g + lay.l3 + 4, cut - lay.l3 - 40);
				/* the expected error, stage by stage */
				if (cut < lay.l3) {
					want = -ENODATA;
					want_stage = 0;
				} else if (cut < lay.l3 + 40 || (!fixed && cut < len)) {
					want = -ENODATA;
					want_stage = 1;
				} else if (cut < lay.l4) {
					want = -ENODATA;  /* an extension header past the packet */
					want_stage = 1;
				} else if (cut < lay.l4 + lay.l4hl) {
					want = -ENODATA;
					want_stage = 2;
				} else if (kind == 0 && cut < len) {
					want = -EPROTO;   /* the UDP length past the packet */
					want_stage = 2;
				} else {
					want = 0;
					want_stage = 3;
				}
				for (i = 0; i < RTE_DIM(chain); i++)
					if (cut < lay.ext_end[i])
						want_skip = -1;
				if (cut < lay.l3 + 40)
					want_skip = -1;  /* the start is past the skb */
				for (split = 0; split < RTE_MAX(cut, 1u); split++) {
					uint8_t nh = IPPROTO_HOPOPTS;
					int ret;

					skb = test_skb_of(mp, 64, g, cut, split);
					TEST_ASSERT(skb != NULL, "skb");
					ret = run_stages(skb, SKB_PARSE_CSUM, &h, &stage);
					TEST_ASSERT_EQ(ret, want);
					TEST_ASSERT_EQ(stage, want_stage);
					TEST_ASSERT(same_bytes(skb, g, cut), "bytes changed");
					if (ret == 0) {
						TEST_ASSERT_EQ(h.l4_off, lay.l4);
						TEST_ASSERT_EQ(h.l3_end, cut);
					}
					TEST_ASSERT_EQ(ipv6_skip_exthdr(skb, (int)lay.l3 + 40, &nh),
						       want_skip);
					TEST_ASSERT_EQ(nh, want_skip < 0 ? IPPROTO_HOPOPTS :
						       (kind ? IPPROTO_TCP : IPPROTO_UDP));
					kfree_skb(skb);
					skb = NULL;
				}
			}
		}
	}
	TEST_ASSERT_POOL_EMPTY(mp);
	return TEST_SUCCESS;
fail:
	printf("# kind %u cut %u fixed %u split %u\n", kind, cut, fixed, split);
	kfree_skb(skb);
	return TEST_FAILED;
}

/* Each IPv6 rule: version, payload length both ways, chains past the packet, padding, GSO. */
static int
test_ipv6_rules(void)
{
	static const struct ext6 hbh[] = { { IPPROTO_HOPOPTS, 8, 0 } };
	uint8_t f[MAX_FRAME], g[MAX_FRAME], nh;
	struct layout6 lay;
	struct skb_hdrs h;
	unsigned int len, stage;

	len = build6(f, 0, hbh, 1, IPPROTO_UDP, 20, &lay);
	TEST_ASSERT_EQ(parse_bytes(f, len, 0, &h, &stage), 0);
	TEST_ASSERT_EQ(h.l4_off, 14 + 48);
	/* versions 4 and 7 under the IPv6 EtherType */
	memcpy(g, f, len);
	g[14] = 0x40;
	TEST_ASSERT_EQ(parse_bytes(g, len, 0, &h, &stage), -EPROTO);
	TEST_ASSERT_EQ(stage, 1);
	g[14] = 0x70;
	TEST_ASSERT_EQ(parse_bytes(g, len, 0, &h, &stage), -EPROTO);
	/* payload length one past the frame; SKB_PARSE_GSO does not look at it */
	memcpy(g, f, len);
	wr16(g + 18, len - 54 + 1);
	TEST_ASSERT_EQ(parse_bytes(g, len, 0, &h, &stage), -ENODATA);
	TEST_ASSERT_EQ(stage, 1);
	TEST_ASSERT_EQ(parse_bytes(g, len, SKB_PARSE_GSO, &h, &stage), 0);
	TEST_ASSERT_EQ(h.l3_end, len);
	TEST_ASSERT_EQ(h.l4_end, len);
	/* payload length 0xffff, and 0 (no jumbograms: a packet of no payload) */
	wr16(g + 18, 0xffff);
	TEST_ASSERT_EQ(parse_bytes(g, len, 0, &h, &stage), -ENODATA);
	wr16(g + 18, 0);
	TEST_ASSERT_EQ(parse_bytes(g, len, 0, &h, &stage), -ENODATA);
	TEST_ASSERT_EQ(stage, 1);
	/* payload length 7: the 8-byte hop-by-hop header passes the packet (padding after) */
	wr16(g + 18, 7);
	TEST_ASSERT_EQ(parse_bytes(g, len, 0, &h, &stage), -ENODATA);
	TEST_ASSERT_EQ(stage, 1);
	/* payload length 8 + 7: the UDP header passes the packet */
	wr16(g + 18, 15);
	TEST_ASSERT_EQ(parse_bytes(g, len, 0, &h, &stage), -ENODATA);
	TEST_ASSERT_EQ(stage, 2);
	/* payload length 8 + 8, UDP length 8: the rest is link padding */
	wr16(g + 18, 16);
	wr16(g + lay.l4 + 4, 8);
	TEST_ASSERT_EQ(parse_bytes(g, len, 0, &h, &stage), 0);
	TEST_ASSERT_EQ(h.l3_end, 14 + 40 + 16);
	TEST_ASSERT_EQ(h.l4_end, 14 + 40 + 16);
	/* a hop-by-hop header stating 2048 bytes, far past the frame */
	memcpy(g, f, len);
	g[14 + 41] = 255;
	TEST_ASSERT_EQ(parse_bytes(g, len, 0, &h, &stage), -ENODATA);
	TEST_ASSERT_EQ(stage, 1);
	nh = IPPROTO_HOPOPTS;
	TEST_ASSERT_EQ(skip_bytes(g, len, 0, 54, &nh), -1);
	TEST_ASSERT_EQ(nh, IPPROTO_HOPOPTS);
	/* a hop-by-hop header ending exactly at the frame's end: the walk ends there */
	g[14 + 41] = (uint8_t)((len - 54) / 8 - 1);
	nh = IPPROTO_HOPOPTS;
	TEST_ASSERT_EQ(skip_bytes(g, 54 + (g[14 + 41] + 1u) * 8u, 0, 54, &nh),
		       (int)(54 + (g[14 + 41] + 1u) * 8u));
	TEST_ASSERT_EQ(nh, IPPROTO_UDP);
	/* ipv6_skip_exthdr() of a start before, at and past the end, and negative */
	nh = IPPROTO_TCP;
	TEST_ASSERT_EQ(skip_bytes(f, len, 0, (int)len, &nh), (int)len);
	TEST_ASSERT_EQ(skip_bytes(f, len, 0, (int)len + 1, &nh), -1);
	TEST_ASSERT_EQ(skip_bytes(f, len, 0, -1, &nh), -1);
	TEST_ASSERT_EQ(nh, IPPROTO_TCP);
	nh = IPPROTO_HOPOPTS;
	TEST_ASSERT_EQ(skip_bytes(f, len, 0, (int)len - 7, &nh), -1);
	/* a chain of 8 destination-options headers: walked to its end */
	{
		struct ext6 many[8];
		unsigned int i;

		for (i = 0; i < 8; i++)
			many[i] = (struct ext6){ IPPROTO_DSTOPTS, 16, 0 };
		len = build6(f, 0, many, 8, IPPROTO_TCP, 0, &lay);
		TEST_ASSERT_EQ(parse_bytes(f, len, 0, &h, &stage), 0);
		TEST_ASSERT_EQ(h.l3_len, 40 + 8 * 16);
		TEST_ASSERT_EQ(h.l4_len, 20);
		/* the last one's next header says hop-by-hop again: it runs past the frame */
		f[lay.ext_end[6]] = IPPROTO_HOPOPTS;
		TEST_ASSERT_EQ(parse_bytes(f, len, 0, &h, &stage), -ENODATA);
		TEST_ASSERT_EQ(stage, 1);
	}
	TEST_ASSERT_POOL_EMPTY(mp);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

/* csum_ipv6_magic() and skb_l4_csum() over IPv6 against values computed apart. */
static int
test_ipv6_csum(void)
{
	/* fe80::200:ff:fe00:1 and ff02::1:ff00:2 (a neighbour solicitation's pair) */
	static const uint8_t ll[16] = { 0xfe, 0x80, [8] = 0x02, [10] = 0x00, [11] = 0xff,
					[12] = 0xfe, [15] = 0x01 };
	static const uint8_t sn[16] = { 0xff, 0x02, [11] = 0x01, [12] = 0xff, [15] = 0x02 };
	static const struct ext6 chain[] = { { IPPROTO_HOPOPTS, 8, 0 }, { IPPROTO_DSTOPTS, 16, 0 } };
	struct sk_buff *skb = NULL;
	uint8_t f[MAX_FRAME];
	struct layout6 lay;
	struct skb_hdrs h;
	unsigned int len, split;
	uint16_t c;
	int result = TEST_FAILED;

	/* the pseudo-header alone: Python: ~sum16(src + dst + be32(len) + 3 zeros + proto) */
	TEST_ASSERT_EQ(rte_be_to_cpu_16(csum_ipv6_magic(ll, sn, 32, IPPROTO_ICMPV6, 0)), 0x021d);
	TEST_ASSERT_EQ(rte_be_to_cpu_16(csum_ipv6_magic(ll, sn, 0x12345, IPPROTO_TCP, 0)), 0xdf2a);
	/* UDP 2001:db8::1:1234 -> 2001:db8::2:5678, 5 bytes pat(0..4): 0x563d (Python) */
	len = build6(f, 0, NULL, 0, IPPROTO_UDP, 5, &lay);
	c = csum_ipv6_magic(f + 22, f + 38, 13, IPPROTO_UDP, csum_partial(f + lay.l4, 13, 0));
	TEST_ASSERT_EQ(rte_be_to_cpu_16(c), 0x563d);
	skb = test_skb_of(mp, 64, f, len, 0);
	TEST_ASSERT(skb != NULL, "skb");
	TEST_ASSERT_EQ(skb_parse(skb, &h, 0), 0);
	TEST_ASSERT_EQ(rte_be_to_cpu_16(skb_l4_csum(skb, &h)), 0x563d);
	kfree_skb(skb);
	skb = NULL;
	/* over a chain of extension headers, split anywhere: the pseudo-header by the book */
	len = build6(f, 1, chain, 2, IPPROTO_TCP, 33, &lay);
	{
		uint8_t ps[40 + 20 + 33];

		memcpy(ps, f + lay.l3 + 8, 32);
		wr16(ps + 32, 0);
		wr16(ps + 34, 20 + 33);
		wr16(ps + 36, 0);
		wr16(ps + 38, IPPROTO_TCP);
		memcpy(ps + 40, f + lay.l4, 20 + 33);
		c = rte_cpu_to_be_16((uint16_t)~ref_sum(ps, sizeof(ps)));
	}
	memcpy(f + lay.l4 + 16, &c, 2);
	for (split = 0; split < len; split++) {
		skb = test_skb_of(mp, 64, f, len, split);
		TEST_ASSERT(skb != NULL, "skb");
		TEST_ASSERT_EQ(skb_parse(skb, &h, 0), 0);
		TEST_ASSERT_EQ(h.l4_off, lay.l4);
		TEST_ASSERT_EQ(skb_l4_csum(skb, &h), 0);
		kfree_skb(skb);
		skb = NULL;
	}
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(mp, result, skb);
}

static int
setup(void)
{
	return test_pool_setup(&mp, "parse_pool", TPOOL_N, TROOM);
}

static const struct unit_test tests[] = {
	UNIT_SETUP(setup),
	UNIT_TEST(test_tags),
	UNIT_TEST(test_truncations),
	UNIT_TEST(test_ipv4_rules),
	UNIT_TEST(test_l4_rules),
	UNIT_TEST(test_offset_and_l4_csum),
	UNIT_TEST(test_ipv6_exthdrs),
	UNIT_TEST(test_ipv6_truncations),
	UNIT_TEST(test_ipv6_rules),
	UNIT_TEST(test_ipv6_csum),
};

UNIT_TEST_MAIN(tests)
