/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Unit tests of libskb's checksums (skb_csum.h): known vectors (RFC 1071, an
 * IPv4 header, a UDP and a TCP datagram whose checksums were computed apart
 * from skbfwd), and every call against DPDK's rte_raw_cksum() and a plain
 * big-endian reference sum written here, over every length and alignment;
 * skb_checksum() across segments split at every byte; skb_checksum_help() on
 * UDP and TCP over IPv4 and IPv6 with exact checksums.
 */

#include <rte_ip.h>
#include <rte_random.h>

#include "skb_csum.h"
#include "test_chain.h"
#include "test_csum_ref.h"
#include "test_frame.h"
#include "test_pool.h"

static struct rte_mempool *mp;

/* A 16-bit checksum field as csum_fold() returns it (memory order), as a number. */
static uint16_t
field(uint16_t memory_order)
{
	return rte_be_to_cpu_16(memory_order);
}

static void
fill_random(uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)rte_rand();
}

/* 10.0.0.1:1234 -> 10.0.0.2:5678, "hello" (and over IPv6, 2001:db8::1 -> ::2) */
static const uint8_t udp[] = {
	0x04, 0xd2, 0x16, 0x2e, 0x00, 0x0d, 0x00, 0x00, 'h', 'e', 'l', 'l', 'o',
};
/* 192.168.1.1:80 -> 192.168.1.2:40000 (and over IPv6), seq 1, ack 2, ACK|PSH, window 512, "abc" */
static const uint8_t tcp[] = {
	0x00, 0x50, 0x9c, 0x40, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02,
	0x50, 0x18, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 'a', 'b', 'c',
};

/* RFC 1071's example, an IPv4 header, a UDP and a TCP datagram: exact values. */
static int
test_known_vectors(void)
{
	static const uint8_t rfc1071[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };
	static const uint8_t iph[] = {
		0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0x00, 0x00,
		0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7,
	};
	uint8_t h[20];

	TEST_ASSERT_EQ(field(csum_fold(csum_partial(rfc1071, sizeof(rfc1071), 0))), 0x220d);
	TEST_ASSERT_EQ(field(ip_fast_csum(iph, 5)), 0xb861);
	memcpy(h, iph, sizeof(h));
	ip_send_check((struct rte_ipv4_hdr *)h);
	TEST_ASSERT_EQ(h[10], 0xb8);
	TEST_ASSERT_EQ(h[11], 0x61);
	TEST_ASSERT_EQ(ip_fast_csum(h, 5), 0);
	TEST_ASSERT_EQ(field(csum_tcpudp_magic(RTE_BE32(0x0a000001u) /* 10.0.0.1 */,
					       RTE_BE32(0x0a000002u), sizeof(udp),
					       IPPROTO_UDP, csum_partial(udp, sizeof(udp), 0))),
		       0x8cff);
	TEST_ASSERT_EQ(field(csum_tcpudp_magic(RTE_BE32(0xc0a80101u) /* 192.168.1.1 */,
					       RTE_BE32(0xc0a80102u), sizeof(tcp),
					       IPPROTO_TCP, csum_partial(tcp, sizeof(tcp), 0))),
		       0xc97f);
	/* nothing summed: the fold of 0 is 0xffff, the checksum of all-zero data */
	TEST_ASSERT_EQ(csum_fold(csum_partial(rfc1071, 0, 0)), 0xffff);
	TEST_ASSERT_EQ(csum_partial(rfc1071, -5, 1234), 1234);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

/* csum_partial() at every alignment and length 0..300 against rte_raw_cksum() and the reference. */
static int
test_partial_vs_dpdk(void)
{
	static uint8_t buf[320];
	unsigned int align, len, round;

	for (round = 0; round < 4; round++) {
		fill_random(buf, sizeof(buf));
		if (round == 1)
			memset(buf, 0xff, sizeof(buf)); /* every add carries */
		for (align = 0; align < 8; align++) {
			for (len = 0; len <= 300; len++) {
				const uint8_t *p = buf + align;
				uint32_t part = csum_partial(p, (int)len, 0);
				uint32_t seed = (uint32_t)rte_rand();

				TEST_ASSERT_EQ(csum_fold(part), (uint16_t)~rte_raw_cksum(p, len));
				TEST_ASSERT_EQ(field(csum_fold(part)), (uint16_t)~ref_sum(p, len));
				/* a starting sum is added, as csum_add() adds */
				TEST_ASSERT_EQ(csum_fold(csum_partial(p, (int)len, seed)),
					       csum_fold(csum_add(part, seed)));
				/* two halves, the second at an even offset, give the whole */
				TEST_ASSERT_EQ(csum_fold(csum_partial(p + (len / 2 & ~1u),
								      (int)(len - (len / 2 & ~1u)),
								      csum_partial(p, (int)(len / 2 & ~1u),
										   0))),
					       csum_fold(part));
			}
		}
	}
	return TEST_SUCCESS;
fail:
	printf("# round %u align %u len %u\n", round, align, len);
	return TEST_FAILED;
}

/* csum_add/csum_sub/csum_fold: end-around carries and the two zeros. */
static int
test_add_sub_fold(void)
{
	TEST_ASSERT_EQ(csum_add(0xffffffffu, 1), 1);
	TEST_ASSERT_EQ(csum_add(0x80000000u, 0x80000000u), 1);
	TEST_ASSERT_EQ(csum_add(5, 7), 12);
	TEST_ASSERT_EQ(csum_fold(csum_sub(csum_add(0x12345678u, 0x9abcdef0u), 0x9abcdef0u)),
		       csum_fold(0x12345678u));
	TEST_ASSERT_EQ(csum_fold(0), 0xffff);
	TEST_ASSERT_EQ(csum_fold(0xffff), 0);
	TEST_ASSERT_EQ(csum_fold(0xffffffffu), 0);
	TEST_ASSERT_EQ(csum_fold(0x0001fffeu), 0);      /* 0xfffe + 1 */
	TEST_ASSERT_EQ(csum_fold(0x12345678u), (uint16_t)~(0x1234 + 0x5678));
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

/* ip_fast_csum() for IHL 5..15 against the reference; csum_replace2/4 against recomputation. */
static int
test_ip_and_replace(void)
{
	uint8_t h[60];
	unsigned int ihl, round;

	for (round = 0; round < 2000; round++) {
		struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)h;
		uint16_t old, want, sum;
		uint32_t addr;

		ihl = 5 + round % 11;
		fill_random(h, sizeof(h));
		h[0] = (uint8_t)(0x40 | ihl);
		TEST_ASSERT_EQ(field(ip_fast_csum(h, ihl)), (uint16_t)~ref_sum(h, ihl * 4));
		ip_send_check(ip);
		TEST_ASSERT_EQ(ip_fast_csum(h, ihl), 0);
		TEST_ASSERT_EQ(ref_sum(h, ihl * 4), 0xffff);
		/* TTL down by one: the 16-bit word it shares with the protocol */
		memcpy(&old, &ip->time_to_live, sizeof(old));
		ip->time_to_live--;
		memcpy(&want, &ip->time_to_live, sizeof(want));
		memcpy(&sum, &ip->hdr_checksum, sizeof(sum));
		csum_replace2(&sum, old, want);
		memcpy(&ip->hdr_checksum, &sum, sizeof(sum));
		TEST_ASSERT_EQ(ip_fast_csum(h, ihl), 0);
		/* a new destination address */
		addr = (uint32_t)rte_rand();
		csum_replace4(&sum, ip->dst_addr, addr);
		memcpy(&ip->hdr_checksum, &sum, sizeof(sum));
		ip->dst_addr = addr;
		TEST_ASSERT_EQ(ip_fast_csum(h, ihl), 0);
		/* the checksum field itself stays what a full recomputation gives */
		want = ip->hdr_checksum;
		ip_send_check(ip);
		if (want != ip->hdr_checksum) {
			/* the two zeros of one's complement: 0x0000 and 0xffff are one value */
			TEST_ASSERT((want ^ ip->hdr_checksum) == 0xffff, "replace %04x, full %04x",
				    want, ip->hdr_checksum);
		}
	}
	/* RFC 1624's example: a word 0x5555 -> 0x3285 under checksum 0xdd2f gives 0x0000 */
	{
		uint16_t sum = RTE_BE16(0xdd2f);

		csum_replace2(&sum, RTE_BE16(0x5555), RTE_BE16(0x3285));
		TEST_ASSERT_EQ(field(sum), 0x0000);
	}
	return TEST_SUCCESS;
fail:
	printf("# round %u ihl %u\n", round, ihl);
	return TEST_FAILED;
}

/*
 * ip_decrease_ttl() writes the bytes csum_replace2() writes for the same TTL
 * change, for every checksum value (the end-around carry at 0xfffe and 0xffff
 * included) and TTLs 1..255 under several protocols; and the result checks.
 */
static int
test_ip_decrease_ttl(void)
{
	static const uint8_t protos[] = { 0, IPPROTO_UDP, IPPROTO_TCP, 0xff };
	struct rte_ipv4_hdr ip;
	unsigned int check = 0, ttl = 0, p;

	for (check = 0; check <= 0xffff; check++) {
		for (ttl = 1; ttl <= 0xff; ttl += check % 61 == 0 ? 1 : 37) {
			for (p = 0; p < RTE_DIM(protos); p++) {
				uint16_t old, want, sum = (uint16_t)check;

				memset(&ip, 0, sizeof(ip));
				ip.time_to_live = (uint8_t)ttl;
				ip.next_proto_id = protos[p];
				ip.hdr_checksum = sum;
				memcpy(&old, &ip.time_to_live, sizeof(old));
				want = (uint16_t)(old - RTE_BE16(0x0100));
				csum_replace2(&sum, old, want);
				TEST_ASSERT_EQ(ip_decrease_ttl(&ip), ttl - 1);
				TEST_ASSERT_EQ(ip.time_to_live, ttl - 1);
				TEST_ASSERT_EQ(ip.next_proto_id, protos[p]);
				TEST_ASSERT_EQ(ip.hdr_checksum, sum);
			}
		}
	}
	/* a right header stays right */
	{
		uint8_t h[20];
		unsigned int round;

		for (round = 0; round < 1000; round++) {
			fill_random(h, sizeof(h));
			h[0] = 0x45;
			h[8] = (uint8_t)(2 + round % 254);
			ip_send_check((struct rte_ipv4_hdr *)h);
			TEST_ASSERT_EQ(ip_decrease_ttl((struct rte_ipv4_hdr *)h), 1 + round % 254);
			TEST_ASSERT_EQ(ip_fast_csum(h, 5), 0);
		}
	}
	return TEST_SUCCESS;
fail:
	printf("# checksum %04x ttl %u\n", check, ttl);
	return TEST_FAILED;
}

/* csum_tcpudp_magic() against the pseudo-header summed by the reference. */
static int
test_tcpudp_magic(void)
{
	uint8_t buf[12 + 1500];
	unsigned int round, len = 0;

	for (round = 0; round < 3000; round++) {
		uint32_t saddr = (uint32_t)rte_rand(), daddr = (uint32_t)rte_rand();
		uint8_t proto = round & 1 ? IPPROTO_UDP : IPPROTO_TCP;

		len = (unsigned int)(rte_rand() % 1500);
		fill_random(buf + 12, len);
		/* pseudo-header then the datagram, all big-endian */
		memcpy(buf, &saddr, 4);
		memcpy(buf + 4, &daddr, 4);
		buf[8] = 0;
		buf[9] = proto;
		buf[10] = (uint8_t)(len >> 8);
		buf[11] = (uint8_t)len;
		TEST_ASSERT_EQ(field(csum_tcpudp_magic(saddr, daddr, len, proto,
						       csum_partial(buf + 12, (int)len, 0))),
			       (uint16_t)~ref_sum(buf, 12 + len));
	}
	return TEST_SUCCESS;
fail:
	printf("# round %u len %u\n", round, len);
	return TEST_FAILED;
}

/* skb_checksum() over chains cut at every place (odd ones too) equals the linear sum. */
static int
test_skb_checksum_chains(void)
{
	unsigned int lens[3], cut1 = 0, cut2 = 0, off = 0, n;
	struct sk_buff *skb = NULL;
	uint8_t ref[101];

	TEST_ASSERT(mp != NULL, "pool");
	for (n = 0; n < sizeof(ref); n++)
		ref[n] = pat(n);
	for (cut1 = 1; cut1 < 100; cut1++) {
		for (cut2 = cut1; cut2 <= 100; cut2 += 7) {
			/* two segments when the cuts meet, else three */
			lens[0] = cut1;
			lens[1] = (cut2 == cut1 ? 101 : cut2) - cut1;
			lens[2] = 101 - cut2;
			skb = make_chain(mp, 32, lens, cut2 == cut1 ? 2 : 3);
			TEST_ASSERT(skb != NULL, "make_chain");
			TEST_ASSERT_EQ(skb_len(skb), 101);
			for (off = 0; off <= 101; off += 3) {
				unsigned int len = 101 - off;
				uint32_t seed = (uint32_t)rte_rand();

				TEST_ASSERT_EQ(csum_fold(skb_checksum(skb, (int)off, (int)len, seed)),
					       csum_fold(csum_partial(ref + off, (int)len, seed)));
				TEST_ASSERT_EQ(csum_fold(skb_checksum(skb, (int)off, (int)(len / 2), 0)),
					       csum_fold(csum_partial(ref + off, (int)(len / 2), 0)));
			}
			/* out of range: nothing summed; 0 bytes at the end: nothing to sum */
			TEST_ASSERT_EQ(skb_checksum(skb, 0, 102, 77), 77);
			TEST_ASSERT_EQ(skb_checksum(skb, -1, 4, 77), 77);
			TEST_ASSERT_EQ(skb_checksum(skb, 4, -1, 77), 77);
			TEST_ASSERT_EQ(skb_checksum(skb, 101, 0, 77), 77);
			kfree_skb(skb);
			skb = NULL;
		}
	}
	TEST_ASSERT_POOL_EMPTY(mp);
	return TEST_SUCCESS;
fail:
	printf("# cut %u %u off %u\n", cut1, cut2, off);
	kfree_skb(skb);
	return TEST_FAILED;
}

/*
 * A piece at an odd position whose own sum passes 16 bits: 1 byte, then 1199
 * bytes of 0xff (DPDK 22.11's rte_raw_cksum_mbuf() gives 0xa9fd here, dropping
 * the carries before it swaps the piece's bytes; the sum is 0xffff).
 */
static int
test_skb_checksum_odd_carry(void)
{
	static uint8_t ones[1200];
	struct sk_buff *skb = NULL;
	int result = TEST_FAILED;

	TEST_ASSERT(mp != NULL, "pool");
	memset(ones, 0xff, sizeof(ones));
	skb = test_skb_of(mp, 0, ones, sizeof(ones), 1);
	TEST_ASSERT(skb != NULL, "test_skb_of");
	TEST_ASSERT_EQ(skb_headlen(skb), 1);    /* the 1199 bytes at an odd offset, in a frag */
	TEST_ASSERT_EQ(skb_nr_frags(skb), 1);
	TEST_ASSERT_EQ(csum_fold(skb_checksum(skb, 0, 1200, 0)), 0);
	TEST_ASSERT_EQ(ref_sum(ones, sizeof(ones)), 0xffff);
	TEST_ASSERT_EQ(csum_fold(skb_checksum(skb, 0, 1200, 0)),
		       (uint16_t)~rte_raw_cksum(ones, sizeof(ones)));
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(mp, result, skb);
}

/* One frame for skb_checksum_help(): Ethernet, IPv4 or IPv6, then @l4 as given. */
struct help_case {
	const char *name;
	bool v6;
	uint8_t proto;
	const uint8_t *l4;
	unsigned int l4_len;
	uint16_t phdr;  /* the pseudo-header's folded sum the field holds (computed apart) */
	uint16_t want;  /* the checksum (computed apart) */
};

/*
 * Build @c's frame in a fresh skb of @mp, the last @in_frag bytes in a frag,
 * the field holding the pseudo-header sum and the skb CHECKSUM_PARTIAL.
 * @return the skb, or NULL.
 */
static struct sk_buff *
help_frame(struct rte_mempool *mp, const struct help_case *c, unsigned int in_frag)
{
	static const uint8_t v4a[2][4] = { { 10, 0, 0, 1 }, { 10, 0, 0, 2 } };
	static const uint8_t v4b[2][4] = { { 192, 168, 1, 1 }, { 192, 168, 1, 2 } };
	static const uint8_t v6a[2][16] = {
		{ 0x20, 0x01, 0x0d, 0xb8, [15] = 1 }, { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 },
	};
	unsigned int l3 = c->v6 ? 40 : 20, hl = ETH_HLEN + l3;
	unsigned int field = c->proto == IPPROTO_TCP ? 16 : 6;
	struct sk_buff *skb = alloc_skb(mp, 64 + hl + c->l4_len), *frag = NULL;
	uint16_t phdr;
	uint8_t *p;

	if (skb == NULL)
		return NULL;
	skb_reserve(skb, 64);
	p = skb_put(skb, hl + c->l4_len - in_frag);
	memset(p, 0, hl);
	p[12] = c->v6 ? 0x86 : 0x08;
	p[13] = c->v6 ? 0xdd : 0x00;
	if (c->v6) {
		p[14] = 0x60;
		p[18] = 0;
		p[19] = (uint8_t)c->l4_len;
		p[20] = c->proto;
		p[21] = 64;
		memcpy(p + 22, v6a[0], 16);
		memcpy(p + 38, v6a[1], 16);
	} else {
		p[14] = 0x45;
		p[17] = (uint8_t)(20 + c->l4_len);
		p[22] = 64;
		p[23] = c->proto;
		memcpy(p + 26, c->proto == IPPROTO_UDP ? v4a[0] : v4b[0], 4);
		memcpy(p + 30, c->proto == IPPROTO_UDP ? v4a[1] : v4b[1], 4);
		ip_send_check((struct rte_ipv4_hdr *)(p + 14));
	}
	memcpy(p + hl, c->l4, c->l4_len - in_frag);
	if (in_frag != 0) {
		frag = alloc_skb(mp, in_frag);
		if (frag == NULL)
			goto err;
		memcpy(skb_put(frag, in_frag), c->l4 + c->l4_len - in_frag, in_frag);
		if (skb_append_frag(skb, frag) != 0)
			goto err;
		frag = NULL;
	}
	skb_reset_mac_header(skb);
	skb_set_network_header(skb, ETH_HLEN);
	/* as Linux's UDP and TCP leave it: the pseudo-header sum, folded, not inverted */
	if (c->v6)
		phdr = (uint16_t)~csum_ipv6_magic(p + 22, p + 38, c->l4_len, c->proto, 0);
	else
		phdr = (uint16_t)~csum_tcpudp_magic(((struct rte_ipv4_hdr *)(p + 14))->src_addr,
						    ((struct rte_ipv4_hdr *)(p + 14))->dst_addr,
						    c->l4_len, c->proto, 0);
	memcpy(p + hl + field, &phdr, 2);
	if (!skb_partial_csum_set(skb, (uint16_t)hl, (uint16_t)field))
		goto err;
	return skb;
err:
	kfree_skb(frag);
	kfree_skb(skb);
	return NULL;
}

/* The 16-bit field @off bytes into the data of @skb, as a number. */
static uint16_t
field_at(const struct sk_buff *skb, unsigned int off)
{
	return (uint16_t)(skb_data(skb)[off] << 8 | skb_data(skb)[off + 1]);
}

/*
 * skb_checksum_help(): UDP and TCP over IPv4 and IPv6, linear, with the
 * payload's end in a frag, and on a clone (the other view keeps its bytes);
 * a UDP sum of 0 goes out as 0xffff; exact checksums computed apart.
 */
static int
test_skb_checksum_help(void)
{
	/* 16 bytes whose sum with the pseudo-header is 0xffff: the checksum would be 0 */
	static const uint8_t udp0[] = {
		0x04, 0xd2, 0x16, 0x2e, 0x00, 0x10, 0x00, 0x00, 'h', 'e', 'l', 'l', 'o', '!',
		0x8c, 0xd8,
	};
	static const struct help_case cases[] = {
		{ "udp4", false, IPPROTO_UDP, udp, sizeof(udp), 0x1421, 0x8cff },
		{ "tcp4", false, IPPROTO_TCP, tcp, sizeof(tcp), 0x8371, 0xc97f },
		{ "udp6", true, IPPROTO_UDP, udp, sizeof(udp), 0x5b93, 0x458d },
		{ "tcp6", true, IPPROTO_TCP, tcp, sizeof(tcp), 0x5b92, 0xf15e },
		{ "udp4 zero", false, IPPROTO_UDP, udp0, sizeof(udp0), 0x1424, 0xffff },
	};
	struct sk_buff *skb = NULL, *clone = NULL;
	unsigned int i = 0, mode = 0;

	TEST_ASSERT(mp != NULL, "pool");
	for (i = 0; i < RTE_DIM(cases); i++) {
		const struct help_case *c = &cases[i];
		unsigned int hl = ETH_HLEN + (c->v6 ? 40u : 20u);
		unsigned int off = hl + (c->proto == IPPROTO_TCP ? 16u : 6u);

		for (mode = 0; mode < 3; mode++) {
			skb = help_frame(mp, c, mode == 1 ? 3 : 0);
			TEST_ASSERT(skb != NULL, "frame");
			TEST_ASSERT_EQ(skb->ip_summed, CHECKSUM_PARTIAL);
			TEST_ASSERT_EQ(skb->csum_start, 64 + hl);
			TEST_ASSERT_EQ(skb_checksum_start_offset(skb), (int)hl);
			TEST_ASSERT_EQ(skb_transport_offset(skb), (int)hl);
			TEST_ASSERT_EQ(field_at(skb, off), c->phdr);
			if (mode == 2) {
				clone = skb_clone(skb);
				TEST_ASSERT(clone != NULL, "clone");
			}
			TEST_ASSERT_EQ(skb_checksum_help(skb), 0);
			TEST_ASSERT_EQ(skb->ip_summed, CHECKSUM_NONE);
			TEST_ASSERT_EQ(field_at(skb, off), c->want);
			TEST_ASSERT_EQ(skb_len(skb), hl + c->l4_len);
			TEST_ASSERT_EQ(skb_headlen(skb), hl + c->l4_len - (mode == 1 ? 3 : 0));
			/* done: a second call changes nothing */
			TEST_ASSERT_EQ(skb_checksum_help(skb), 0);
			TEST_ASSERT_EQ(field_at(skb, off), c->want);
			if (clone != NULL) {
				TEST_ASSERT(skb_data(clone) != skb_data(skb), "the head was not made private");
				TEST_ASSERT_EQ(field_at(clone, off), c->phdr);
				TEST_ASSERT_EQ(clone->ip_summed, CHECKSUM_PARTIAL);
				TEST_ASSERT_EQ(skb_checksum_help(clone), 0);
				TEST_ASSERT_EQ(field_at(clone, off), c->want);
				kfree_skb(clone);
				clone = NULL;
			}
			kfree_skb(skb);
			skb = NULL;
		}
	}
	TEST_ASSERT_POOL_EMPTY(mp);
	return TEST_SUCCESS;
fail:
	printf("# case %u mode %u\n", i, mode);
	kfree_skb(clone);
	kfree_skb(skb);
	return TEST_FAILED;
}

/* skb_checksum_help() refusals leave the skb as it was; other ip_summed values. */
static int
test_skb_checksum_help_errors(void)
{
	static const struct help_case c = { "udp4", false, IPPROTO_UDP, udp, sizeof(udp), 0, 0 };
	struct sk_buff *skb = NULL;
	uint8_t before[64];
	int result = TEST_FAILED;

	TEST_ASSERT(mp != NULL, "pool");
	skb = help_frame(mp, &c, 0);
	TEST_ASSERT(skb != NULL, "frame");
	memcpy(before, skb_data(skb), skb_len(skb));
	/* a GSO skb: its segments get the checksums */
	skb_shinfo(skb)->gso_size = 4;
	skb_shinfo(skb)->gso_type = SKB_GSO_UDP;
	TEST_ASSERT_EQ(skb_checksum_help(skb), -EINVAL);
	TEST_ASSERT_EQ(skb->ip_summed, CHECKSUM_PARTIAL);
	skb_shinfo(skb)->gso_size = 0;
	skb_shinfo(skb)->gso_type = 0;
	/* the range starting past the linear data, the field past it */
	skb->csum_start = (uint16_t)(skb_headroom(skb) + skb_headlen(skb));
	TEST_ASSERT_EQ(skb_checksum_help(skb), -EINVAL);
	skb->csum_start = (uint16_t)(skb_headroom(skb) + skb_headlen(skb) - 1);
	skb->csum_offset = 0;
	TEST_ASSERT_EQ(skb_checksum_help(skb), -EINVAL);
	skb->csum_start = (uint16_t)(skb_headroom(skb) - 1);
	TEST_ASSERT_EQ(skb_checksum_help(skb), -EINVAL);
	TEST_ASSERT_EQ(skb->ip_summed, CHECKSUM_PARTIAL);
	TEST_ASSERT(memcmp(before, skb_data(skb), skb_len(skb)) == 0, "bytes changed");
	/* not PARTIAL: nothing to do; COMPLETE becomes NONE */
	skb->ip_summed = CHECKSUM_NONE;
	TEST_ASSERT_EQ(skb_checksum_help(skb), 0);
	skb->ip_summed = CHECKSUM_UNNECESSARY;
	TEST_ASSERT_EQ(skb_checksum_help(skb), 0);
	TEST_ASSERT_EQ(skb->ip_summed, CHECKSUM_UNNECESSARY);
	skb->ip_summed = CHECKSUM_COMPLETE;
	TEST_ASSERT_EQ(skb_checksum_help(skb), 0);
	TEST_ASSERT_EQ(skb->ip_summed, CHECKSUM_NONE);
	TEST_ASSERT(memcmp(before, skb_data(skb), skb_len(skb)) == 0, "bytes changed");
	/* skb_partial_csum_set(): the field must lie in the linear data */
	TEST_ASSERT(!skb_partial_csum_set(skb, (uint16_t)(skb_headlen(skb) - 1), 0), "past the data");
	TEST_ASSERT(!skb_partial_csum_set(skb, 34, (uint16_t)(skb_headlen(skb) - 35)), "field past");
	TEST_ASSERT_EQ(skb->ip_summed, CHECKSUM_NONE);
	TEST_ASSERT(skb_partial_csum_set(skb, 34, (uint16_t)(skb_headlen(skb) - 36)), "last word");
	TEST_ASSERT_EQ(skb->csum_offset, skb_headlen(skb) - 36);
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(mp, result, skb);
}

static int
setup(void)
{
	return test_pool_setup(&mp, "csum_pool", TPOOL_N, TROOM);
}

static const struct unit_test tests[] = {
	UNIT_SETUP(setup),
	UNIT_TEST(test_known_vectors),
	UNIT_TEST(test_partial_vs_dpdk),
	UNIT_TEST(test_add_sub_fold),
	UNIT_TEST(test_ip_and_replace),
	UNIT_TEST(test_ip_decrease_ttl),
	UNIT_TEST(test_tcpudp_magic),
	UNIT_TEST(test_skb_checksum_chains),
	UNIT_TEST(test_skb_checksum_odd_carry),
	UNIT_TEST(test_skb_checksum_help),
	UNIT_TEST(test_skb_checksum_help_errors),
};

UNIT_TEST_MAIN(tests)
