/* SPDX-License-Identifier: BSD-3-Clause */
/* Unit tests of libskb byte access across segments: header_pointer, copy/store bits, frags. */

#include "test_chain.h"
#include "test_pool.h"

static struct rte_mempool *mp;

/* header_pointer: linear bytes come back as a pointer into the skb, others as a copy. */
static int
test_header_pointer(void)
{
	static const unsigned int lens[] = { 20, 30, 50 };
	struct sk_buff *skb = make_chain(mp, 64, lens, 3);
	uint8_t buf[64];
	uint8_t *p;
	int result = TEST_FAILED;

	TEST_ASSERT(skb != NULL, "make_chain");
	TEST_ASSERT_EQ(skb_len(skb), 100);
	TEST_ASSERT_EQ(skb_headlen(skb), 20);
	TEST_ASSERT_EQ(skb_data_len(skb), 80);
	TEST_ASSERT_EQ(skb_nr_frags(skb), 2);
	/* wholly linear: a pointer into the head */
	p = skb_header_pointer(skb, 4, 16, buf);
	TEST_ASSERT_PTR_EQ(p, skb_data(skb) + 4);
	TEST_ASSERT_EQ(p[0], pat(4));
	p = skb_header_pointer(skb, 0, 20, buf);
	TEST_ASSERT_PTR_EQ(p, skb_data(skb));
	/* straddles head and frag 1: copied */
	memset(buf, 0, sizeof(buf));
	p = skb_header_pointer(skb, 15, 10, buf);
	TEST_ASSERT_PTR_EQ(p, buf);
	TEST_ASSERT(is_pat(buf, 15, 10), "straddling copy");
	/* wholly inside frag 1: copied too, as Linux */
	p = skb_header_pointer(skb, 25, 5, buf);
	TEST_ASSERT_PTR_EQ(p, buf);
	TEST_ASSERT(is_pat(buf, 25, 5), "frag copy");
	/* across three segments, up to the last byte */
	p = skb_header_pointer(skb, 10, 90, (uint8_t[90]){0});
	TEST_ASSERT(p != NULL, "three segments");
	TEST_ASSERT(is_pat(p, 10, 90), "three-segment copy");
	/* past the end, negative */
	TEST_ASSERT(skb_header_pointer(skb, 91, 10, buf) == NULL, "past end");
	TEST_ASSERT(skb_header_pointer(skb, 100, 1, buf) == NULL, "at end");
	TEST_ASSERT(skb_header_pointer(skb, -1, 4, buf) == NULL, "negative");
	TEST_ASSERT(skb_header_pointer(skb, 100, 0, buf) != NULL, "empty at end");
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(mp, result, skb);
}

/* copy_bits and store_bits on chains of 1, 2 and many segments, across boundaries. */
static int
test_copy_store_bits(void)
{
	static const unsigned int one[] = { 60 }, two[] = { 14, 46 },
		many[] = { 8, 1, 7, 12, 1, 31 };
	const unsigned int *shapes[] = { one, two, many };
	const unsigned int nsegs[] = { 1, 2, 6 };
	struct sk_buff *skb = NULL;
	unsigned int k;
	int off, len;

	for (k = 0; k < 3; k++) {
		uint8_t buf[64], w[60];

		skb = make_chain(mp, 32, shapes[k], nsegs[k]);
		TEST_ASSERT(skb != NULL, "make_chain %u", k);
		TEST_ASSERT_EQ(skb_len(skb), 60);
		TEST_ASSERT_EQ(skb_nr_frags(skb), nsegs[k] - 1);
		for (off = 0; off <= 60; off++)
			for (len = 0; off + len <= 60; len += 7) {
				memset(buf, 0xee, sizeof(buf));
				TEST_ASSERT_EQ(skb_copy_bits(skb, off, buf, len), 0);
				TEST_ASSERT(is_pat(buf, (unsigned int)off, (unsigned int)len),
					    "shape %u off %d len %d", k, off, len);
				if (len < 60)
					TEST_ASSERT_EQ(buf[len], 0xee);
			}
		TEST_ASSERT_EQ(skb_copy_bits(skb, 0, buf, 61), -EFAULT);
		TEST_ASSERT_EQ(skb_copy_bits(skb, 60, buf, 1), -EFAULT);
		TEST_ASSERT_EQ(skb_copy_bits(skb, -1, buf, 1), -EFAULT);
		TEST_ASSERT_EQ(skb_copy_bits(skb, 0, buf, -1), -EFAULT);
		/* store 20 bytes at 5..24, crossing every boundary of the shape */
		for (len = 0; len < 20; len++)
			w[len] = (uint8_t)(0xa0 + len);
		TEST_ASSERT_EQ(skb_store_bits(skb, 5, w, 20), 0);
		TEST_ASSERT_EQ(skb_copy_bits(skb, 0, buf, 60), 0);
		TEST_ASSERT(is_pat(buf, 0, 5), "before store");
		TEST_ASSERT(memcmp(buf + 5, w, 20) == 0, "stored bytes");
		TEST_ASSERT(is_pat(buf + 25, 25, 35), "after store");
		TEST_ASSERT_EQ(skb_store_bits(skb, 50, w, 11), -EFAULT);
		TEST_ASSERT_EQ(skb_copy_bits(skb, 50, buf, 10), 0);
		TEST_ASSERT(is_pat(buf, 50, 10), "failed store wrote");
		TEST_ASSERT_EQ(skb_len(skb), 60);
		kfree_skb(skb);
		skb = NULL;
		TEST_ASSERT_POOL_EMPTY(mp);
	}
	return TEST_SUCCESS;
fail:
	kfree_skb(skb);
	return TEST_FAILED;
}

/* append_frag: lengths add up; MAX_SKB_FRAGS is the limit and the skb is unchanged past it. */
static int
test_append_frag_limit(void)
{
	static const unsigned int lens[] = { 10 };
	struct sk_buff *skb = make_chain(mp, 0, lens, 1), *f = NULL;
	unsigned int i;
	int result = TEST_FAILED;

	TEST_ASSERT(skb != NULL, "make_chain");
	for (i = 0; i < MAX_SKB_FRAGS; i++) {
		f = alloc_skb(mp, 3);
		TEST_ASSERT(f != NULL, "alloc frag");
		TEST_ASSERT(skb_put_data(f, "abc", 3) != NULL, "put");
		TEST_ASSERT_EQ(skb_append_frag(skb, f), 0);
		f = NULL;
		TEST_ASSERT_EQ(skb_nr_frags(skb), i + 1);
		TEST_ASSERT_EQ(skb_len(skb), 10 + 3 * (i + 1));
	}
	TEST_ASSERT_EQ(skb_headlen(skb), 10);
	TEST_ASSERT_EQ(skb_data_len(skb), 3 * MAX_SKB_FRAGS);
	TEST_ASSERT_EQ(skb_tailroom(skb), 0);
	f = alloc_skb(mp, 3);
	TEST_ASSERT(f != NULL, "alloc frag");
	TEST_ASSERT(skb_put_data(f, "xyz", 3) != NULL, "put");
	TEST_ASSERT_EQ(skb_append_frag(skb, f), -EOVERFLOW);
	TEST_ASSERT_EQ(skb_nr_frags(skb), MAX_SKB_FRAGS);
	TEST_ASSERT_EQ(skb_len(skb), 10 + 3 * MAX_SKB_FRAGS);
	TEST_ASSERT_EQ(skb_append_frag(skb, skb), -EINVAL);
	TEST_ASSERT_EQ(skb_append_frag(skb, NULL), -EINVAL);
	kfree_skb(f);
	f = NULL;
	{
		uint8_t buf[3];

		TEST_ASSERT_EQ(skb_copy_bits(skb, 10 + 3 * 16, buf, 3), 0);
		TEST_ASSERT(memcmp(buf, "abc", 3) == 0, "last frag bytes");
	}
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(mp, result, f, skb);
}

static unsigned int ext_released;
static void *ext_released_addr, *ext_released_opaque;

static void
ext_release(void *addr, void *opaque)
{
	ext_released++;
	ext_released_addr = addr;
	ext_released_opaque = opaque;
}

/* ext frag: zero copy, shared by clones; release runs exactly once after all are freed. */
static int
test_ext_frag_release_once(void)
{
	static const unsigned int lens[] = { 14 };
	static uint8_t mem[300];
	struct sk_buff *skb = make_chain(mp, 64, lens, 1), *c1 = NULL, *c2 = NULL;
	unsigned int i;
	uint8_t buf[8];
	int cookie;
	int result = TEST_FAILED;

	for (i = 0; i < sizeof(mem); i++)
		mem[i] = pat(14 + i);
	ext_released = 0;
	TEST_ASSERT(skb != NULL, "make_chain");
	TEST_ASSERT_EQ(skb_add_ext_frag(skb, mem, 0, ext_release, &cookie), -EINVAL);
	TEST_ASSERT_EQ(skb_add_ext_frag(skb, NULL, 4, ext_release, &cookie), -EINVAL);
	TEST_ASSERT_EQ(skb_add_ext_frag(skb, mem, sizeof(mem), ext_release, &cookie), 0);
	TEST_ASSERT_EQ(skb_len(skb), 314);
	TEST_ASSERT_EQ(skb_nr_frags(skb), 1);
	TEST_ASSERT(skb_is_pat(skb, 0), "bytes through the ext frag");
	/* zero copy: a change in the caller's memory shows in the skb */
	mem[0] = 0x5a;
	TEST_ASSERT_EQ(skb_copy_bits(skb, 14, buf, 1), 0);
	TEST_ASSERT_EQ(buf[0], 0x5a);
	mem[0] = pat(14);
	c1 = skb_clone(skb);
	TEST_ASSERT(c1 != NULL, "clone 1");
	c2 = skb_clone(c1);
	TEST_ASSERT(c2 != NULL, "clone 2");
	TEST_ASSERT(skb_is_pat(c2, 0), "clone of clone bytes");
	kfree_skb(skb);
	skb = NULL;
	TEST_ASSERT_EQ(ext_released, 0);
	kfree_skb(c2);
	c2 = NULL;
	TEST_ASSERT_EQ(ext_released, 0);
	TEST_ASSERT(skb_is_pat(c1, 0), "last clone still reads the memory");
	kfree_skb(c1);
	c1 = NULL;
	TEST_ASSERT_EQ(ext_released, 1);
	TEST_ASSERT_PTR_EQ(ext_released_addr, mem);
	TEST_ASSERT_PTR_EQ(ext_released_opaque, &cookie);
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(mp, result, c2, c1, skb);
}

/* pskb_may_pull across boundaries; a shared or short head is re-allocated, not refused. */
static int
test_may_pull_expand(void)
{
	static const unsigned int lens[] = { 10, 30, 25 };
	struct sk_buff *skb = make_chain(mp, 16, lens, 3), *c = NULL;
	int result = TEST_FAILED;

	TEST_ASSERT(skb != NULL, "make_chain");
	skb_reset_mac_header(skb);
	TEST_ASSERT(pskb_may_pull(skb, 10), "already linear");
	TEST_ASSERT_EQ(skb_nr_frags(skb), 2);
	/* 35 bytes: all of frag 1 and 5 of frag 2 move into the head */
	TEST_ASSERT(pskb_may_pull(skb, 45), "pull 45");
	TEST_ASSERT_EQ(skb_headlen(skb), 45);
	TEST_ASSERT_EQ(skb_len(skb), 65);
	TEST_ASSERT_EQ(skb_nr_frags(skb), 1);
	TEST_ASSERT(is_pat(skb_data(skb), 0, 45), "linear bytes");
	TEST_ASSERT(skb_is_pat(skb, 0), "all bytes");
	TEST_ASSERT_IN_USE(mp, 2);
	TEST_ASSERT(!pskb_may_pull(skb, 66), "past the end");
	TEST_ASSERT_EQ(skb_headlen(skb), 45);
	/* shared head: the pull copies into a private head, the clone is untouched */
	c = skb_clone(skb);
	TEST_ASSERT(c != NULL, "clone");
	TEST_ASSERT(pskb_may_pull(c, 65), "pull the rest on a clone");
	TEST_ASSERT_EQ(skb_headlen(c), 65);
	TEST_ASSERT_EQ(skb_nr_frags(c), 0);
	TEST_ASSERT_EQ(skb_headroom(c), 16);
	TEST_ASSERT_EQ(skb_mac_offset(c), 0);
	TEST_ASSERT(is_pat(skb_data(c), 0, 65), "clone bytes");
	TEST_ASSERT_EQ(skb_headlen(skb), 45);
	TEST_ASSERT_EQ(skb_nr_frags(skb), 1);
	TEST_ASSERT(skb_is_pat(skb, 0), "original after clone pull");
	kfree_skb(c);
	c = NULL;
	kfree_skb(skb);
	skb = NULL;
	TEST_ASSERT_POOL_EMPTY(mp);

	/* short head: 2000 bytes in frags do not fit the tailroom of a 40-byte alloc_skb */
	{
		static const unsigned int big[] = { 40, 1000, 1000 };

		skb = make_chain(mp, 2100, big, 3);
		TEST_ASSERT(skb != NULL, "make_chain big");
		TEST_ASSERT_EQ(skb_headroom(skb), 2100);
		TEST_ASSERT(pskb_may_pull(skb, 1500), "pull 1500 needing a new head");
		TEST_ASSERT_EQ(skb_headlen(skb), 1500);
		TEST_ASSERT_EQ(skb_headroom(skb), 2100);
		TEST_ASSERT_EQ(skb_len(skb), 2040);
		TEST_ASSERT(is_pat(skb_data(skb), 0, 1500), "big linear bytes");
		TEST_ASSERT(skb_is_pat(skb, 0), "big bytes");
		TEST_ASSERT_EQ(skb_linearize(skb), 0);
		TEST_ASSERT_EQ(skb_nr_frags(skb), 0);
		TEST_ASSERT_EQ(skb_headlen(skb), 2040);
		TEST_ASSERT(is_pat(skb_data(skb), 0, 2040), "linearized bytes");
		kfree_skb(skb);
		skb = NULL;
	}
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(mp, result, c, skb);
}

/* pskb_pull into frags and pskb_trim at and inside segment boundaries. */
static int
test_pskb_pull_trim(void)
{
	static const unsigned int lens[] = { 14, 20, 6, 40 };
	struct sk_buff *skb = make_chain(mp, 32, lens, 4);
	unsigned char *p;
	int result = TEST_FAILED;

	TEST_ASSERT(skb != NULL, "make_chain");
	p = pskb_pull(skb, 10);
	TEST_ASSERT_PTR_EQ(p, skb_data(skb));
	TEST_ASSERT_EQ(skb_headlen(skb), 4);
	TEST_ASSERT_EQ(skb_len(skb), 70);
	TEST_ASSERT_EQ(skb_headroom(skb), 42);
	/* 4 + 20 + 2: the head and frag 1 end up empty, frag 2 starts 2 bytes in */
	p = pskb_pull(skb, 26);
	TEST_ASSERT(p != NULL, "pull into frags");
	TEST_ASSERT_EQ(skb_headlen(skb), 0);
	TEST_ASSERT_EQ(skb_len(skb), 44);
	TEST_ASSERT_EQ(skb_nr_frags(skb), 2);
	TEST_ASSERT(skb_is_pat(skb, 36), "bytes after pull");
	TEST_ASSERT_IN_USE(mp, 3);
	TEST_ASSERT(pskb_pull(skb, 45) == NULL, "pull past the end");
	TEST_ASSERT_EQ(skb_len(skb), 44);
	/* trim inside the last frag, then exactly at a frag end, then into the head */
	TEST_ASSERT_EQ(pskb_trim(skb, 30), 0);
	TEST_ASSERT_EQ(skb_len(skb), 30);
	TEST_ASSERT_EQ(skb_nr_frags(skb), 2);
	TEST_ASSERT(skb_is_pat(skb, 36), "bytes after trim");
	TEST_ASSERT_EQ(pskb_trim(skb, 4), 0);
	TEST_ASSERT_EQ(skb_len(skb), 4);
	TEST_ASSERT_EQ(skb_nr_frags(skb), 1);
	TEST_ASSERT_IN_USE(mp, 2);
	TEST_ASSERT_EQ(pskb_trim(skb, 100), 0);
	TEST_ASSERT_EQ(skb_len(skb), 4);
	TEST_ASSERT_EQ(pskb_trim(skb, 0), 0);
	TEST_ASSERT_EQ(skb_len(skb), 0);
	TEST_ASSERT_EQ(skb_nr_frags(skb), 0);
	TEST_ASSERT_IN_USE(mp, 1);
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(mp, result, skb);
}

/* iovec copies both ways, across segments and iovec entries; short iovecs refused. */
static int
test_iovec(void)
{
	static const unsigned int lens[] = { 7, 13, 30 };
	struct sk_buff *skb = make_chain(mp, 0, lens, 3);
	uint8_t a[5], b[0 + 1], c[20], big[50];
	struct iovec iov[4] = {
		{ .iov_base = a, .iov_len = sizeof(a) },
		{ .iov_base = b, .iov_len = 0 },
		{ .iov_base = c, .iov_len = sizeof(c) },
		{ .iov_base = big, .iov_len = sizeof(big) },
	};
	unsigned int i;
	int result = TEST_FAILED;

	TEST_ASSERT(skb != NULL, "make_chain");
	TEST_ASSERT_EQ(skb_copy_datagram_iovec(skb, 3, iov, 3, 25), 0);
	TEST_ASSERT(is_pat(a, 3, 5), "iov 0");
	TEST_ASSERT(is_pat(c, 8, 20), "iov 2");
	TEST_ASSERT_EQ(skb_copy_datagram_iovec(skb, 3, iov, 3, 26), -EFAULT);
	TEST_ASSERT_EQ(skb_copy_datagram_iovec(skb, 40, iov, 4, 11), -EFAULT);
	TEST_ASSERT_EQ(skb_copy_datagram_iovec(skb, 0, iov, -1, 1), -EINVAL);
	/* write 25 bytes back at 20 from the same iovec after changing it */
	for (i = 0; i < sizeof(a); i++)
		a[i] = (uint8_t)(0xc0 + i);
	for (i = 0; i < sizeof(c); i++)
		c[i] = (uint8_t)(0xd0 + i);
	TEST_ASSERT_EQ(skb_copy_datagram_from_iovec(skb, 20, iov, 3, 25), 0);
	TEST_ASSERT_EQ(skb_copy_bits(skb, 0, big, 50), 0);
	TEST_ASSERT(is_pat(big, 0, 20), "before the write");
	TEST_ASSERT(memcmp(big + 20, a, 5) == 0, "from iov 0");
	TEST_ASSERT(memcmp(big + 25, c, 20) == 0, "from iov 2");
	TEST_ASSERT(is_pat(big + 45, 45, 5), "after the write");
	TEST_ASSERT_EQ(skb_copy_datagram_from_iovec(skb, 30, iov, 3, 21), -EFAULT);
	TEST_ASSERT_EQ(skb_copy_bits(skb, 45, big, 5), 0);
	TEST_ASSERT(is_pat(big, 45, 5), "refused write changed bytes");
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(mp, result, skb);
}

/* skb_split inside the head, at a frag boundary and inside a frag (shared, not copied). */
static int
test_split(void)
{
	static const unsigned int lens[] = { 30, 20, 50 };
	struct sk_buff *skb = NULL, *s1 = NULL;
	const unsigned int at[] = { 12, 50, 70, 0, 100 };
	unsigned int k;
	int result = TEST_FAILED;

	for (k = 0; k < RTE_DIM(at); k++) {
		skb = make_chain(mp, 0, lens, 3);
		s1 = alloc_skb(mp, 64);
		TEST_ASSERT(skb != NULL && s1 != NULL, "alloc");
		TEST_ASSERT_EQ(skb_split(skb, s1, at[k]), 0);
		TEST_ASSERT_EQ(skb_len(skb), at[k]);
		TEST_ASSERT_EQ(skb_len(s1), 100 - at[k]);
		TEST_ASSERT(skb_is_pat(skb, 0), "first part, split at %u", at[k]);
		TEST_ASSERT(skb_is_pat(s1, at[k]), "second part, split at %u", at[k]);
		switch (at[k]) {
		case 12:
			TEST_ASSERT_EQ(skb_nr_frags(skb), 0);
			TEST_ASSERT_EQ(skb_headlen(s1), 18);
			TEST_ASSERT_EQ(skb_nr_frags(s1), 2);
			TEST_ASSERT_IN_USE(mp, 4);
			break;
		case 50:
			TEST_ASSERT_EQ(skb_nr_frags(skb), 1);
			TEST_ASSERT_EQ(skb_headlen(s1), 0);
			TEST_ASSERT_EQ(skb_nr_frags(s1), 1);
			TEST_ASSERT_IN_USE(mp, 4);
			break;
		case 70:
			/* frag 2 cut at 20: both see its buffer, one more mbuf */
			TEST_ASSERT_EQ(skb_nr_frags(skb), 2);
			TEST_ASSERT_EQ(skb_nr_frags(s1), 1);
			TEST_ASSERT_IN_USE(mp, 5);
			break;
		}
		kfree_skb(skb);
		kfree_skb(s1);
		skb = s1 = NULL;
		TEST_ASSERT_POOL_EMPTY(mp);
	}
	/* refusals leave both as they were */
	skb = make_chain(mp, 0, lens, 3);
	s1 = alloc_skb(mp, 8);
	TEST_ASSERT(skb != NULL && s1 != NULL, "alloc");
	TEST_ASSERT(skb_put(s1, (unsigned int)skb_tailroom(s1) - 8) != NULL, "fill s1");
	TEST_ASSERT_EQ(skb_tailroom(s1), 8);
	TEST_ASSERT_EQ(skb_split(skb, s1, 101), -EINVAL);
	TEST_ASSERT_EQ(skb_split(skb, skb, 10), -EINVAL);
	TEST_ASSERT_EQ(skb_split(skb, s1, 10), -ENOMEM); /* 20 bytes into a tailroom of 8 */
	TEST_ASSERT_EQ(skb_len(skb), 100);
	TEST_ASSERT_EQ(skb_len(s1), TROOM - 8);
	TEST_ASSERT(skb_is_pat(skb, 0), "after refusals");
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(mp, result, skb, s1);
}

/* Header helpers on an Ethernet/IPv4/UDP frame whose UDP header sits in a frag. */
static int
test_header_helpers(void)
{
	static const unsigned int lens[] = { 30, 20, 10 };
	struct sk_buff *skb = make_chain(mp, 40, lens, 3);
	struct sk_buff_head q;
	int result = TEST_FAILED;

	TEST_ASSERT(skb != NULL, "make_chain");
	TEST_ASSERT(!skb_mac_header_was_set(skb), "mac set on alloc");
	TEST_ASSERT(!skb_network_header_was_set(skb), "network set on alloc");
	TEST_ASSERT(!skb_transport_header_was_set(skb), "transport set on alloc");
	skb_set_mac_header(skb, 0);
	skb_reset_network_header(skb);
	skb_set_network_header(skb, 14);
	skb_set_transport_header(skb, 34);
	TEST_ASSERT(skb_mac_header_was_set(skb), "mac");
	TEST_ASSERT(skb_network_header_was_set(skb), "network");
	TEST_ASSERT(skb_transport_header_was_set(skb), "transport");
	TEST_ASSERT_PTR_EQ(skb_mac_header(skb), skb_head(skb) + 40);
	TEST_ASSERT_PTR_EQ(skb_network_header(skb), skb_head(skb) + 54);
	TEST_ASSERT_PTR_EQ(skb_transport_header(skb), skb_head(skb) + 74);
	TEST_ASSERT_EQ(skb_transport_offset(skb), 34);
	/* the UDP header (34..41) straddles the head and frag 1: make it linear first */
	TEST_ASSERT(pskb_may_pull(skb, 42), "may_pull udp");
	TEST_ASSERT_EQ(skb_headlen(skb), 42);
	/* the head may have moved: pointers are re-read from the offsets */
	TEST_ASSERT_PTR_EQ((unsigned char *)eth_hdr(skb), skb_data(skb));
	TEST_ASSERT_PTR_EQ((unsigned char *)ip_hdr(skb), skb_data(skb) + 14);
	TEST_ASSERT_PTR_EQ((unsigned char *)udp_hdr(skb), skb_data(skb) + 34);
	TEST_ASSERT(is_pat((const uint8_t *)udp_hdr(skb), 34, 8), "udp header bytes");
	TEST_ASSERT_EQ(((const uint8_t *)eth_hdr(skb)->src_addr.addr_bytes)[0], pat(6));
	TEST_ASSERT_EQ(ip_hdr(skb)->version_ihl, pat(14));
	TEST_ASSERT(skb_pull(skb, 34) != NULL, "pull to udp");
	skb_reset_transport_header(skb);
	TEST_ASSERT_EQ(skb_transport_offset(skb), 0);
	TEST_ASSERT_EQ(skb_network_offset(skb), -20);
	TEST_ASSERT_PTR_EQ((unsigned char *)udp_hdr(skb), skb_data(skb));
	/* __skb_queue_head_init: an empty list for one lcore */
	__skb_queue_head_init(&q);
	__skb_queue_tail(&q, skb);
	TEST_ASSERT_EQ(skb_queue_len(&q), 1);
	TEST_ASSERT_PTR_EQ(__skb_dequeue(&q), skb);
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(mp, result, skb);
}

/*
 * kfree_skb_bulk: more than one internal batch, NULLs skipped, a shared skb
 * keeps a user; a burst of single-user skbs (the array freed as it stands).
 */
static int
test_kfree_bulk(void)
{
	struct sk_buff *skbs[70] = { NULL }, *kept;
	unsigned int i;

	for (i = 0; i < RTE_DIM(skbs); i++) {
		if (i % 10 == 9)
			continue; /* NULLs in the burst */
		skbs[i] = alloc_skb(mp, 8);
		TEST_ASSERT(skbs[i] != NULL, "alloc %u", i);
	}
	kept = skb_get(skbs[5]);
	TEST_ASSERT_IN_USE(mp, 63);
	kfree_skb_bulk(skbs, RTE_DIM(skbs));
	TEST_ASSERT_IN_USE(mp, 1);
	TEST_ASSERT_EQ(kept->users, 1);
	kfree_skb(kept);
	TEST_ASSERT_POOL_EMPTY(mp);

	/* every skb there with one user (metadata valid or stale): all go at once */
	for (i = 0; i < 40; i++) {
		skbs[i] = i % 2 ? alloc_skb(mp, 8) : __skb_from_mbuf(rte_pktmbuf_alloc(mp));
		TEST_ASSERT(skbs[i] != NULL, "alloc %u", i);
	}
	TEST_ASSERT_IN_USE(mp, 40);
	kfree_skb_bulk(skbs, 40);
	TEST_ASSERT_POOL_EMPTY(mp);
	kfree_skb_bulk(skbs, 0);
	TEST_ASSERT_POOL_EMPTY(mp);

	/* the one shared skb last in the burst: the others go, it keeps a user */
	for (i = 0; i < 40; i++) {
		skbs[i] = alloc_skb(mp, 8);
		TEST_ASSERT(skbs[i] != NULL, "alloc %u", i);
	}
	kept = skb_get(skbs[39]);
	kfree_skb_bulk(skbs, 40);
	TEST_ASSERT_IN_USE(mp, 1);
	TEST_ASSERT_EQ(kept->users, 1);
	kfree_skb(kept);
	TEST_ASSERT_POOL_EMPTY(mp);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

static int
setup(void)
{
	return test_pool_setup(&mp, "data_pool", TPOOL_N, TROOM);
}

/*
 * Linux's contracts: __pskb_pull_tail(skb, delta) pulls @delta more bytes and
 * returns the new tail (NULL and the skb unchanged for a bad delta);
 * skb_availroom() is 0 for a nonlinear skb.
 */
static int
test_linux_contracts(void)
{
	const unsigned int lens[] = { 20, 30, 40 };
	struct sk_buff *skb = make_chain(mp, 16, lens, 3);
	unsigned char *tail;
	int result = TEST_FAILED;

	TEST_ASSERT(skb != NULL, "chain");
	TEST_ASSERT_EQ(skb_availroom(skb), 0);
	TEST_ASSERT_EQ(skb_tailroom(skb), 0);
	TEST_ASSERT(__pskb_pull_tail(skb, -1) == NULL, "negative delta");
	TEST_ASSERT(__pskb_pull_tail(skb, 71) == NULL, "delta past the frags");
	TEST_ASSERT_EQ(skb_headlen(skb), 20);
	TEST_ASSERT_EQ(skb_len(skb), 90);
	TEST_ASSERT_EQ(skb_nr_frags(skb), 2);
	tail = __pskb_pull_tail(skb, 0);
	TEST_ASSERT_PTR_EQ(tail, skb_tail_pointer(skb));
	TEST_ASSERT_EQ(skb_headlen(skb), 20);
	tail = __pskb_pull_tail(skb, 35);   /* all of the first frag, 5 of the second */
	TEST_ASSERT(tail != NULL, "pull 35");
	TEST_ASSERT_PTR_EQ(tail, skb_tail_pointer(skb));
	TEST_ASSERT_EQ(skb_headlen(skb), 55);
	TEST_ASSERT_EQ(skb_len(skb), 90);
	TEST_ASSERT_EQ(skb_nr_frags(skb), 1);
	TEST_ASSERT(is_pat(skb_data(skb), 0, 55), "pulled bytes");
	TEST_ASSERT(skb_is_pat(skb, 0), "whole data");
	TEST_ASSERT_EQ(skb_availroom(skb), 0);
	tail = __pskb_pull_tail(skb, 35);   /* the rest: linear now */
	TEST_ASSERT_PTR_EQ(tail, skb_tail_pointer(skb));
	TEST_ASSERT_EQ(skb_headlen(skb), 90);
	TEST_ASSERT(!skb_is_nonlinear(skb), "still nonlinear");
	TEST_ASSERT_EQ(skb_availroom(skb), (unsigned int)skb_tailroom(skb));
	TEST_ASSERT_EQ(skb_availroom(skb), rte_pktmbuf_tailroom(skb_to_mbuf(skb)));
	TEST_ASSERT(skb_availroom(skb) > 0, "linear skb without room");
	TEST_ASSERT(skb_is_pat(skb, 0), "whole data after the last pull");
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(mp, result, skb);
}

static const struct unit_test tests[] = {
	UNIT_SETUP(setup),
	UNIT_TEST(test_header_pointer),
	UNIT_TEST(test_copy_store_bits),
	UNIT_TEST(test_append_frag_limit),
	UNIT_TEST(test_ext_frag_release_once),
	UNIT_TEST(test_may_pull_expand),
	UNIT_TEST(test_pskb_pull_trim),
	UNIT_TEST(test_iovec),
	UNIT_TEST(test_split),
	UNIT_TEST(test_header_helpers),
	UNIT_TEST(test_kfree_bulk),
	UNIT_TEST(test_linux_contracts),
};

UNIT_TEST_MAIN(tests)
