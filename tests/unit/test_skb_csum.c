/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Unit tests of libskb's checksums (skb_csum.h): known vectors (RFC 1071, an
 * IPv4 header, a UDP and a TCP datagram whose checksums were computed apart
 * from skbfwd), and every call against DPDK's rte_raw_cksum() and a plain
 * big-endian reference sum written here, over every length and alignment;
 * skb_checksum() across segments split at every byte.
 */

#include <rte_ip.h>
#include <rte_random.h>

#include "skb_csum.h"
#include "test.h"
#include "test_skb_util.h"

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

/* RFC 1071's example, an IPv4 header, a UDP and a TCP datagram: exact values. */
static int
test_known_vectors(void)
{
	static const uint8_t rfc1071[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };
	static const uint8_t iph[] = {
		0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0x00, 0x00,
		0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7,
	};
	/* 10.0.0.1:1234 -> 10.0.0.2:5678, "hello" */
	static const uint8_t udp[] = {
		0x04, 0xd2, 0x16, 0x2e, 0x00, 0x0d, 0x00, 0x00, 'h', 'e', 'l', 'l', 'o',
	};
	/* 192.168.1.1:80 -> 192.168.1.2:40000, seq 1, ack 2, ACK|PSH, window 512, "abc" */
	static const uint8_t tcp[] = {
		0x00, 0x50, 0x9c, 0x40, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02,
		0x50, 0x18, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 'a', 'b', 'c',
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
	struct rte_mempool *mp = tpool("csum_pool");
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
	struct rte_mempool *mp = tpool("csum_pool");
	struct sk_buff *skb = NULL, *frag = NULL;

	TEST_ASSERT(mp != NULL, "pool");
	memset(ones, 0xff, sizeof(ones));
	skb = alloc_skb(mp, 64);
	frag = alloc_skb(mp, 1199);
	TEST_ASSERT(skb != NULL && frag != NULL, "alloc_skb");
	memcpy(skb_put(skb, 1), ones, 1);
	memcpy(skb_put(frag, 1199), ones, 1199);
	TEST_ASSERT_EQ(skb_append_frag(skb, frag), 0);
	frag = NULL;
	TEST_ASSERT_EQ(csum_fold(skb_checksum(skb, 0, 1200, 0)), 0);
	TEST_ASSERT_EQ(ref_sum(ones, sizeof(ones)), 0xffff);
	TEST_ASSERT_EQ(csum_fold(skb_checksum(skb, 0, 1200, 0)),
		       (uint16_t)~rte_raw_cksum(ones, sizeof(ones)));
	kfree_skb(skb);
	TEST_ASSERT_POOL_EMPTY(mp);
	return TEST_SUCCESS;
fail:
	kfree_skb(frag);
	kfree_skb(skb);
	return TEST_FAILED;
}

static const struct unit_test tests[] = {
	UNIT_TEST(test_known_vectors),
	UNIT_TEST(test_partial_vs_dpdk),
	UNIT_TEST(test_add_sub_fold),
	UNIT_TEST(test_ip_and_replace),
	UNIT_TEST(test_tcpudp_magic),
	UNIT_TEST(test_skb_checksum_chains),
	UNIT_TEST(test_skb_checksum_odd_carry),
};

int
main(int argc, char **argv)
{
	return unit_test_main(argc, argv, tests, RTE_DIM(tests));
}
