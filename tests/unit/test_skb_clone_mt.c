/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Clones across lcores: the main lcore clones one skb (and now and then a
 * clone of it, or moves the original to a private copy with skb_cow_head)
 * while lcore 1 frees the clones it gets through an rte_ring.  The ring is
 * short, so the clone that drops the last view of a buffer is freed on lcore 1
 * again and again while lcore 0 makes the next one of the same data: the
 * sharing counts must act as Linux's atomic dataref.  Each clone carries the
 * sequence number written into the original after its last cow, and the bytes
 * after it: lcore 1 checks both, so a buffer given back too early shows.  At
 * the end nothing is in use (cache-0 pool, exact) and no misuse was counted.
 * SKB_CLONE_MT_PAIRS (environment) sets the number of clone/free pairs.
 */

#include <stdlib.h>

#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_ring.h>

#include "test_chain.h"
#include "test_pool.h"

#define DEFAULT_PAIRS 10000000u
#define LEN 64u
#define ROOM (RTE_PKTMBUF_HEADROOM + 128u) /* small buffers: the debug free poisons each whole */
#define COW_EVERY 4096u    /* pairs between two skb_cow_head of the original */
#define SUBCLONE_EVERY 7u  /* every 7th clone is made from a clone */

static struct rte_mempool *mp;
static struct rte_ring *ring;

struct freer_result {
	uint64_t freed;
	uint64_t bad;       /* clones whose bytes were not what they were made from */
	uint32_t last_seq;
};

static int
setup(void)
{
	if (test_pool_setup(&mp, "clone_mt_pool", 256, ROOM) != TEST_SUCCESS)
		return TEST_FAILED;
	ring = rte_ring_create("clone_mt_ring", 16, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
	return ring != NULL ? TEST_SUCCESS : TEST_FAILED;
}

/* Lcore 1: free every clone the ring brings until the NULL that ends the run. */
static int
freer(void *arg)
{
	struct freer_result *r = arg;

	for (;;) {
		void *obj;
		struct sk_buff *c;
		uint32_t seq;

		if (rte_ring_sc_dequeue(ring, &obj) != 0) {
			rte_pause();
			continue;
		}
		c = obj;
		if (c == NULL)
			return 0;
		memcpy(&seq, skb_data(c), sizeof(seq));
		if (seq < r->last_seq || skb_len(c) != LEN ||
		    !is_pat(skb_data(c) + sizeof(seq), sizeof(seq), LEN - (unsigned int)sizeof(seq)))
			r->bad++;
		r->last_seq = seq;
		kfree_skb(c);
		r->freed++;
	}
}

/* Send @c to lcore 1 (waiting for room). */
static void
hand_over(struct sk_buff *c)
{
	while (rte_ring_sp_enqueue(ring, c) != 0)
		rte_pause();
}

static int
test_clone_free_across_lcores(void)
{
	const char *env = getenv("SKB_CLONE_MT_PAIRS");
	uint64_t pairs = env != NULL ? strtoull(env, NULL, 10) : DEFAULT_PAIRS, i;
	struct freer_result res = { 0, 0, 0 };
	uint64_t misuse0[SKB_MISUSE_MAX];
	struct sk_buff *skb = NULL, *c;
	uint32_t seq = 0;
	unsigned int k, j;
	uint8_t *p;

	TEST_ASSERT(rte_lcore_is_enabled(1), "lcore 1 is needed");
	for (k = 0; k < SKB_MISUSE_MAX; k++)
		misuse0[k] = skb_misuse_count((enum skb_misuse)k);
	skb = alloc_skb(mp, 128 + LEN);
	TEST_ASSERT(skb != NULL, "alloc");
	skb_reserve(skb, 128);
	p = skb_put(skb, LEN);
	for (j = 0; j < LEN; j++)
		p[j] = pat(j);
	memcpy(p, &seq, sizeof(seq));
	TEST_ASSERT_EQ(rte_eal_remote_launch(freer, &res, 1), 0);
	for (i = 0; i < pairs; i++) {
		if (i % COW_EVERY == COW_EVERY - 1) {
			/* a private head for the original while clones of the old one live on */
			if (skb_cow_head(skb, 0) != 0)
				break;
			seq++;
			memcpy(skb_data(skb), &seq, sizeof(seq));
		}
		c = skb_clone(skb);
		if (c == NULL)
			break;
		if (i % SUBCLONE_EVERY == 0) {
			/* a clone of the clone, the first one freed here, the second there */
			struct sk_buff *cc = skb_clone(c);

			kfree_skb(c);
			c = cc;
			if (c == NULL)
				break;
		}
		hand_over(c);
	}
	hand_over(NULL);
	TEST_ASSERT_EQ(rte_eal_wait_lcore(1), 0);
	TEST_ASSERT_EQ(i, pairs);
	TEST_ASSERT_EQ(res.freed, pairs);
	TEST_ASSERT_EQ(res.bad, 0);
	TEST_ASSERT_EQ(res.last_seq, seq);
	TEST_ASSERT(!skb_cloned(skb), "original still cloned after its clones went");
	kfree_skb(skb);
	skb = NULL;
	TEST_ASSERT_POOL_EMPTY(mp);
	for (k = 0; k < SKB_MISUSE_MAX; k++)
		TEST_ASSERT_EQ(skb_misuse_count((enum skb_misuse)k), misuse0[k]);
	printf("# %" PRIu64 " clone/free pairs across lcores 0 and 1, %u cows\n", pairs, seq);
	return TEST_SUCCESS;
fail:
	kfree_skb(skb);
	return TEST_FAILED;
}

static const struct unit_test tests[] = {
	UNIT_SETUP(setup),
	UNIT_TEST(test_clone_free_across_lcores),
};

UNIT_TEST_MAIN(tests)
