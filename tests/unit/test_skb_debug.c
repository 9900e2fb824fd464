/* SPDX-License-Identifier: BSD-3-Clause */
/* Unit tests of the libskb debug build (-Dskb_debug=true): each misuse is caught and counted. */

#include "test_chain.h"
#include "test_pool.h"

#ifdef SKB_ASAN
#include <sanitizer/asan_interface.h>
#endif

static struct rte_mempool *mp;

#ifndef SKB_DEBUG
#define NEED_DEBUG() do { printf("# built without skb_debug\n"); return TEST_SKIPPED; } while (0)
#else
#define NEED_DEBUG() do { } while (0)
#endif

/* A second kfree_skb is counted and does not underflow the pool. */
static int
test_double_free(void)
{
	struct sk_buff *skb;
	uint64_t before = skb_misuse_count(SKB_MISUSE_DOUBLE_FREE);

	NEED_DEBUG();
	skb = alloc_skb(mp, 64);
	TEST_ASSERT(skb != NULL, "alloc");
	kfree_skb(skb);
	TEST_ASSERT_POOL_EMPTY(mp);
	kfree_skb(skb);
	TEST_ASSERT_EQ(skb_misuse_count(SKB_MISUSE_DOUBLE_FREE), before + 1);
	TEST_ASSERT_POOL_EMPTY(mp);
	consume_skb(skb);
	TEST_ASSERT_EQ(skb_misuse_count(SKB_MISUSE_DOUBLE_FREE), before + 2);
	TEST_ASSERT_POOL_EMPTY(mp);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

/*
 * True when the @len bytes at @p all read @v.  The ASan build's pool poisons a
 * freed buffer: the bytes must be poisoned, and are read through a window
 * opened and closed again around the read (@p and @len 8-aligned).
 */
static bool
freed_bytes_are(const uint8_t *p, unsigned int len, uint8_t v)
{
	unsigned int i;
	bool same = true;

#ifdef SKB_ASAN
	if (__asan_region_is_poisoned((void *)(uintptr_t)p, 1) == NULL ||
	    __asan_region_is_poisoned((void *)(uintptr_t)(p + len - 1), 1) == NULL)
		return false;
	ASAN_UNPOISON_MEMORY_REGION(p, len);
#endif
	for (i = 0; i < len; i++)
		same = same && p[i] == v;
#ifdef SKB_ASAN
	ASAN_POISON_MEMORY_REGION(p, len);
#endif
	return same;
}

/* Freeing poisons the buffers of every segment and the cb with 0x6b. */
static int
test_poison_on_free(void)
{
	static const unsigned int lens[] = { 32, 16 };
	struct sk_buff *skb;
	uint8_t *data, *fdata;

	NEED_DEBUG();
	skb = make_chain(mp, 16, lens, 2);
	TEST_ASSERT(skb != NULL, "make_chain");
	skb->cb[0] = 1;
	skb->cb[47] = 2;
	data = skb_data(skb);
	fdata = rte_pktmbuf_mtod(skb_to_mbuf(skb)->next, uint8_t *);
	TEST_ASSERT(is_pat(data, 0, 32) && is_pat(fdata, 32, 16), "bytes before free");
	kfree_skb(skb);
	TEST_ASSERT_POOL_EMPTY(mp);
	TEST_ASSERT(freed_bytes_are(data, 32, 0x6b), "head data not 0x6b (or not poisoned)");
	TEST_ASSERT(freed_bytes_are(fdata, 16, 0x6b), "frag data not 0x6b (or not poisoned)");
	TEST_ASSERT_EQ(skb->cb[0], 0x6b);
	TEST_ASSERT_EQ(skb->cb[47], 0x6b);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

/* Calls on a freed skb are refused and counted; a fresh allocation is live again. */
static int
test_use_after_free(void)
{
	static const unsigned int lens[] = { 32, 16 };
	struct sk_buff *skb;
	uint64_t before = skb_misuse_count(SKB_MISUSE_USE_AFTER_FREE);
	uint8_t buf[4];

	NEED_DEBUG();
	skb = make_chain(mp, 16, lens, 2);
	TEST_ASSERT(skb != NULL, "make_chain");
	kfree_skb(skb);
	TEST_ASSERT_POOL_EMPTY(mp);
	TEST_ASSERT(skb_put(skb, 4) == NULL, "put after free");
	TEST_ASSERT(skb_push(skb, 4) == NULL, "push after free");
	TEST_ASSERT(skb_pull(skb, 4) == NULL, "pull after free");
	TEST_ASSERT(!pskb_may_pull(skb, 4), "may_pull after free");
	TEST_ASSERT_EQ(skb_copy_bits(skb, 0, buf, 4), -EFAULT);
	TEST_ASSERT(skb_clone(skb) == NULL, "clone after free");
	TEST_ASSERT_EQ(skb_misuse_count(SKB_MISUSE_USE_AFTER_FREE), before + 6);
	TEST_ASSERT_POOL_EMPTY(mp);
	/* the next allocation of that mbuf is a live skb again */
	skb = alloc_skb(mp, 8);
	TEST_ASSERT(skb != NULL, "alloc");
	TEST_ASSERT(skb_put(skb, 4) != NULL, "put on a fresh skb");
	TEST_ASSERT_EQ(skb_misuse_count(SKB_MISUSE_USE_AFTER_FREE), before + 6);
	kfree_skb(skb);
	TEST_ASSERT_POOL_EMPTY(mp);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

/* Writing into clone-shared data without skb_cow_head is counted; after the cow it is not. */
static int
test_shared_write(void)
{
	static const unsigned int lens[] = { 40 };
	struct sk_buff *skb = NULL, *c = NULL;
	uint64_t before = skb_misuse_count(SKB_MISUSE_SHARED_WRITE);
	uint8_t b = 0;
	int result = TEST_FAILED;

	NEED_DEBUG();
	skb = make_chain(mp, 32, lens, 1);
	TEST_ASSERT(skb != NULL, "make_chain");
	TEST_ASSERT(skb_push(skb, 4) != NULL, "push before any clone");
	TEST_ASSERT_EQ(skb_misuse_count(SKB_MISUSE_SHARED_WRITE), before);
	c = skb_clone(skb);
	TEST_ASSERT(c != NULL, "clone");
	TEST_ASSERT(skb_push(skb, 4) != NULL, "push");
	TEST_ASSERT_EQ(skb_misuse_count(SKB_MISUSE_SHARED_WRITE), before + 1);
	TEST_ASSERT(skb_push(c, 4) != NULL, "push on the clone");
	TEST_ASSERT_EQ(skb_misuse_count(SKB_MISUSE_SHARED_WRITE), before + 2);
	TEST_ASSERT_EQ(skb_store_bits(c, 0, &b, 1), 0);
	TEST_ASSERT_EQ(skb_misuse_count(SKB_MISUSE_SHARED_WRITE), before + 3);
	TEST_ASSERT_EQ(skb_cow_head(skb, 16), 0);
	TEST_ASSERT(skb_push(skb, 4) != NULL, "push after cow");
	TEST_ASSERT_EQ(skb_cow_head(c, 16), 0);
	TEST_ASSERT(skb_push(c, 4) != NULL, "push on the clone after cow");
	TEST_ASSERT_EQ(skb_store_bits(c, 0, &b, 1), 0);
	TEST_ASSERT_EQ(skb_misuse_count(SKB_MISUSE_SHARED_WRITE), before + 3);
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(mp, result, c, skb);
}

/* An mbuf rte_mbuf_check() rejects is refused on entry and counted. */
static int
test_bad_mbuf(void)
{
	struct sk_buff *skb = NULL;
	uint64_t before = skb_misuse_count(SKB_MISUSE_BAD_MBUF);

	NEED_DEBUG();
	skb = alloc_skb(mp, 64);
	TEST_ASSERT(skb != NULL, "alloc");
	TEST_ASSERT(skb_put(skb, 10) != NULL, "put");
	skb_to_mbuf(skb)->pkt_len = 99; /* no longer the sum of the segments */
	TEST_ASSERT(skb_pull(skb, 4) == NULL, "pull on a bad mbuf");
	TEST_ASSERT(skb_put(skb, 4) == NULL, "put on a bad mbuf");
	TEST_ASSERT_EQ(skb_misuse_count(SKB_MISUSE_BAD_MBUF), before + 2);
	kfree_skb(skb); /* refused too: freeing it would trust a bad chain */
	TEST_ASSERT_EQ(skb_misuse_count(SKB_MISUSE_BAD_MBUF), before + 3);
	TEST_ASSERT_IN_USE(mp, 1);
	skb_to_mbuf(skb)->pkt_len = 10;
	TEST_ASSERT(skb_pull(skb, 4) != NULL, "pull once repaired");
	TEST_ASSERT_EQ(skb_misuse_count(SKB_MISUSE_BAD_MBUF), before + 3);
	kfree_skb(skb);
	skb = NULL;
	TEST_ASSERT_POOL_EMPTY(mp);
	return TEST_SUCCESS;
fail:
	if (skb != NULL) {
		skb_to_mbuf(skb)->pkt_len = skb_to_mbuf(skb)->data_len;
		kfree_skb(skb);
	}
	return TEST_FAILED;
}

static int
setup(void)
{
	return test_pool_setup(&mp, "debug_pool", TPOOL_N, TROOM);
}

static const struct unit_test tests[] = {
	UNIT_SETUP(setup),
	UNIT_TEST(test_double_free),
	UNIT_TEST(test_poison_on_free),
	UNIT_TEST(test_use_after_free),
	UNIT_TEST(test_shared_write),
	UNIT_TEST(test_bad_mbuf),
};

UNIT_TEST_MAIN(tests)
