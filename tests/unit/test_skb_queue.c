/* SPDX-License-Identifier: BSD-3-Clause */
/* Unit tests of sk_buff_head queues: order after every operation, and the locked calls on two lcores. */

#include <rte_launch.h>
#include <rte_lcore.h>

#include "test_pool.h"

static struct rte_mempool *mp;

/* True when @q holds exactly the skbs @want[0..n) in that order, both ways, with qlen n. */
static bool
q_is(const struct sk_buff_head *q, struct sk_buff *const *want, unsigned int n)
{
	const struct sk_buff *s;
	unsigned int i = 0;

	if (skb_queue_len(q) != n || skb_queue_empty(q) != (n == 0))
		return false;
	skb_queue_walk(q, s) {
		if (i >= n || s != want[i])
			return false;
		i++;
	}
	if (i != n)
		return false;
	for (s = q->prev; s != NULL; s = s->prev) {
		if (i == 0 || s != want[--i])
			return false;
	}
	return i == 0 && skb_peek(q) == (n ? want[0] : NULL) &&
	       skb_peek_tail(q) == (n ? want[n - 1] : NULL);
}

static int
test_queue_order(void)
{
	struct sk_buff_head q, q2;
	struct sk_buff *s[6] = { NULL }, *t, *tmp;
	unsigned int i, walked = 0;

	for (i = 0; i < 6; i++) {
		s[i] = alloc_skb(mp, 16);
		TEST_ASSERT(s[i] != NULL, "alloc");
	}
	skb_queue_head_init(&q);
	skb_queue_head_init(&q2);
	TEST_ASSERT(q_is(&q, NULL, 0), "empty");
	TEST_ASSERT(skb_dequeue(&q) == NULL, "dequeue empty");
	TEST_ASSERT(skb_dequeue_tail(&q) == NULL, "dequeue_tail empty");
	skb_queue_tail(&q, s[0]);
	TEST_ASSERT(q_is(&q, (struct sk_buff *[]){ s[0] }, 1), "tail 0");
	skb_queue_tail(&q, s[1]);
	TEST_ASSERT(q_is(&q, (struct sk_buff *[]){ s[0], s[1] }, 2), "tail 1");
	skb_queue_head(&q, s[2]);
	TEST_ASSERT(q_is(&q, (struct sk_buff *[]){ s[2], s[0], s[1] }, 3), "head 2");
	skb_insert(s[0], s[3], &q);
	TEST_ASSERT(q_is(&q, (struct sk_buff *[]){ s[2], s[3], s[0], s[1] }, 4), "insert 3 before 0");
	skb_insert(s[2], s[4], &q);
	TEST_ASSERT(q_is(&q, (struct sk_buff *[]){ s[4], s[2], s[3], s[0], s[1] }, 5),
		    "insert 4 before the first");
	skb_append(s[1], s[5], &q);
	TEST_ASSERT(q_is(&q, (struct sk_buff *[]){ s[4], s[2], s[3], s[0], s[1], s[5] }, 6),
		    "append 5 after the last");
	skb_unlink(s[3], &q);
	TEST_ASSERT(q_is(&q, (struct sk_buff *[]){ s[4], s[2], s[0], s[1], s[5] }, 5), "unlink 3");
	TEST_ASSERT(s[3]->next == NULL && s[3]->prev == NULL, "unlinked links");
	skb_append(s[2], s[3], &q);
	TEST_ASSERT(q_is(&q, (struct sk_buff *[]){ s[4], s[2], s[3], s[0], s[1], s[5] }, 6),
		    "append 3 after 2");
	skb_unlink(s[4], &q);
	skb_unlink(s[5], &q);
	TEST_ASSERT(q_is(&q, (struct sk_buff *[]){ s[2], s[3], s[0], s[1] }, 4), "unlink both ends");
	TEST_ASSERT_PTR_EQ(skb_dequeue(&q), s[2]);
	TEST_ASSERT_PTR_EQ(skb_dequeue_tail(&q), s[1]);
	TEST_ASSERT(q_is(&q, (struct sk_buff *[]){ s[3], s[0] }, 2), "after dequeues");
	/* splice: q2 = [4, 5] + q, q empty */
	__skb_queue_tail(&q2, s[4]);
	__skb_queue_tail(&q2, s[5]);
	skb_queue_splice_tail_init(&q, &q2);
	TEST_ASSERT(q_is(&q, NULL, 0), "spliced list empty");
	TEST_ASSERT(q_is(&q2, (struct sk_buff *[]){ s[4], s[5], s[3], s[0] }, 4), "spliced");
	skb_queue_splice_tail_init(&q, &q2); /* empty into full: no change */
	TEST_ASSERT(q_is(&q2, (struct sk_buff *[]){ s[4], s[5], s[3], s[0] }, 4), "empty splice");
	__skb_queue_splice_tail_init(&q2, &q); /* full into empty */
	TEST_ASSERT(q_is(&q, (struct sk_buff *[]){ s[4], s[5], s[3], s[0] }, 4), "splice into empty");
	TEST_ASSERT(q_is(&q2, NULL, 0), "q2 empty");
	/* lockless twins */
	__skb_queue_head(&q, s[2]);
	__skb_insert(s[3], s[1], &q);
	TEST_ASSERT(q_is(&q, (struct sk_buff *[]){ s[2], s[4], s[5], s[1], s[3], s[0] }, 6),
		    "lockless head/insert");
	__skb_unlink(s[5], &q);
	TEST_ASSERT_PTR_EQ(__skb_dequeue(&q), s[2]);
	TEST_ASSERT_PTR_EQ(__skb_dequeue_tail(&q), s[0]);
	__skb_append(s[4], s[0], &q);
	TEST_ASSERT(q_is(&q, (struct sk_buff *[]){ s[4], s[0], s[1], s[3] }, 4), "lockless append");
	/* walk_safe may unlink as it goes */
	skb_queue_walk_safe(&q, t, tmp) {
		walked++;
		if (t == s[0] || t == s[3]) {
			__skb_unlink(t, &q);
			kfree_skb(t);
		}
	}
	TEST_ASSERT_EQ(walked, 4);
	s[0] = s[3] = NULL;
	TEST_ASSERT(q_is(&q, (struct sk_buff *[]){ s[4], s[1] }, 2), "after walk_safe");
	__skb_queue_tail(&q, s[2]);
	__skb_queue_tail(&q2, s[5]);
	s[1] = s[2] = s[4] = s[5] = NULL;
	TEST_ASSERT_IN_USE(mp, 4);
	skb_queue_purge(&q);
	TEST_ASSERT(q_is(&q, NULL, 0), "purged");
	__skb_queue_purge(&q2);
	TEST_ASSERT(q_is(&q2, NULL, 0), "purged 2");
	TEST_ASSERT_POOL_EMPTY(mp);
	return TEST_SUCCESS;
fail:
	for (i = 0; i < 6; i++)
		if (s[i] != NULL && s[i]->next == NULL && s[i]->prev == NULL)
			kfree_skb(s[i]);
	return TEST_FAILED;
}

/*
 * Two lcores on one locked queue: each first pushes OWN skbs of its own
 * (numbered in mark), then MOVES times pops one from either end, counts the move
 * in the skb's priority and pushes it back at either end.  Nothing may be lost:
 * at the end the queue holds every skb exactly once and the moves add up.
 */
#define OWN 48
#define MOVES 1000000

struct qarg {
	struct sk_buff_head *q;
	unsigned int id;
	unsigned int pushed, moved, empty;
	int err;
};

static int
queue_worker(void *p)
{
	struct qarg *a = p;
	unsigned int i;

	for (i = 0; i < OWN; i++) {
		struct sk_buff *s = alloc_skb(mp, 0);

		if (s == NULL) {
			a->err = -ENOMEM;
			return -1;
		}
		s->mark = a->id * 1000u + i;
		if (i & 1)
			skb_queue_head(a->q, s);
		else
			skb_queue_tail(a->q, s);
		a->pushed++;
	}
	for (i = 0; i < MOVES; i++) {
		struct sk_buff *s = (i & 1) ? skb_dequeue(a->q) : skb_dequeue_tail(a->q);

		if (s == NULL) {
			a->empty++;
			continue;
		}
		s->priority++;
		if (i & 2)
			skb_queue_head(a->q, s);
		else
			skb_queue_tail(a->q, s);
		a->moved++;
	}
	return 0;
}

static int
test_queue_two_lcores(void)
{
	struct sk_buff_head q;
	struct qarg a0 = { .q = &q, .id = 1 }, a1 = { .q = &q, .id = 2 };
	unsigned int lcore = rte_get_next_lcore(rte_lcore_id(), 1, 0);
	uint64_t marks = 0, want_marks = 0, moves = 0;
	struct sk_buff *s;
	unsigned int i, left = 0, walked = 0;

	if (lcore >= RTE_MAX_LCORE) {
		printf("# needs a second lcore\n");
		return TEST_SKIPPED;
	}
	skb_queue_head_init(&q);
	TEST_ASSERT_EQ(rte_eal_remote_launch(queue_worker, &a1, lcore), 0);
	queue_worker(&a0);
	TEST_ASSERT_EQ(rte_eal_wait_lcore(lcore), 0);
	TEST_ASSERT_EQ(a0.err, 0);
	TEST_ASSERT_EQ(a1.err, 0);
	TEST_ASSERT_EQ(a0.pushed + a1.pushed, 2 * OWN);
	TEST_ASSERT_EQ(a0.moved + a0.empty, MOVES);
	TEST_ASSERT_EQ(a1.moved + a1.empty, MOVES);
	TEST_ASSERT_EQ(skb_queue_len(&q), 2 * OWN);
	skb_queue_walk(&q, s)
		walked++;
	TEST_ASSERT_EQ(walked, 2 * OWN);
	while ((s = skb_dequeue(&q)) != NULL) {
		left++;
		marks += s->mark;
		moves += s->priority;
		kfree_skb(s);
	}
	for (i = 0; i < OWN; i++)
		want_marks += 1000u + i + 2000u + i;
	TEST_ASSERT_EQ(left, 2 * OWN);
	TEST_ASSERT_EQ(marks, want_marks);
	TEST_ASSERT_EQ(moves, a0.moved + a1.moved);
	TEST_ASSERT_EQ(skb_queue_len(&q), 0);
	TEST_ASSERT_POOL_EMPTY(mp);
	return TEST_SUCCESS;
fail:
	while ((s = skb_dequeue(&q)) != NULL)
		kfree_skb(s);
	return TEST_FAILED;
}

static int
setup(void)
{
	return test_pool_setup(&mp, "queue_pool", TPOOL_N, TROOM);
}

static const struct unit_test tests[] = {
	UNIT_SETUP(setup),
	UNIT_TEST(test_queue_order),
	UNIT_TEST(test_queue_two_lcores),
};

UNIT_TEST_MAIN(tests)
