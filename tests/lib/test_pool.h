/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Cache-less skb pools for tests, and the checks on what they have in use: with
 * no per-lcore cache a freed buffer is back in the pool at once, so
 * rte_mempool_in_use_count() is exact and a leak or a double free shows.
 */
#ifndef _TEST_POOL_H_
#define _TEST_POOL_H_

#include <rte_mempool.h>

#include "skb.h"
#include "test.h"

/* The size of the test pools most tests use, and their buffers' room (2048 + 128). */
#define TPOOL_N 128
#define TROOM RTE_MBUF_DEFAULT_BUF_SIZE

/*
 * The skb pool @name: @n buffers of @room bytes (RTE_PKTMBUF_HEADROOM
 * included), no per-lcore cache.  Made on the first call, found by its name on
 * the later ones.  @return the pool, or NULL (rte_errno set) when it cannot be
 * made.
 */
static inline struct rte_mempool *
test_pool(const char *name, unsigned int n, unsigned int room)
{
	struct rte_mempool *mp = rte_mempool_lookup(name);

	if (mp == NULL)
		mp = skb_pool_create_cache(name, n, 0, room, SOCKET_ID_ANY);
	return mp;
}

/*
 * A set-up step's body: *@mp = test_pool(@name, @n, @room).
 * @return TEST_SUCCESS, or TEST_FAILED (with a line saying why) when the pool
 * cannot be made.
 */
static inline int
test_pool_setup(struct rte_mempool **mp, const char *name, unsigned int n, unsigned int room)
{
	*mp = test_pool(name, n, room);
	if (*mp != NULL)
		return TEST_SUCCESS;
	printf("# pool %s: %s\n", name, rte_strerror(rte_errno));
	return TEST_FAILED;
}

/* Assert that @mp has exactly @n objects in use. */
#define TEST_ASSERT_IN_USE(mp, n) \
	TEST_ASSERT_EQ(rte_mempool_in_use_count(mp), n)

/* Assert that @mp has exactly zero objects in use. */
#define TEST_ASSERT_POOL_EMPTY(mp) \
	TEST_ASSERT_IN_USE(mp, 0)

/*
 * The result of a test at its one way out, once it has freed all it holds:
 * @ret, or TEST_FAILED with a line saying how many objects @mp still has in
 * use when @ret is TEST_SUCCESS and @mp is not empty.  A test that failed
 * before keeps its TEST_FAILED whatever is in use.
 */
static inline int
test_result_pool_empty(const struct rte_mempool *mp, int ret, const char *file, int line)
{
	unsigned int n = rte_mempool_in_use_count(mp);

	if (ret != TEST_SUCCESS || n == 0)
		return ret;
	printf("# %s:%d: pool %s not empty at the end: %u in use\n", file, line, mp->name, n);
	return TEST_FAILED;
}

/* test_result_pool_empty() at this line of the test. */
#define TEST_RESULT_POOL_EMPTY(mp, ret) \
	test_result_pool_empty(mp, ret, __FILE__, __LINE__)

/*
 * The way out of a test that holds the @n skbs of @skbs (NULL ones too): each
 * is freed, then test_result_pool_empty(@mp, @ret).
 */
static inline int
test_free_result(const struct rte_mempool *mp, int ret, struct sk_buff *const *skbs,
		 unsigned int n, const char *file, int line)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		kfree_skb(skbs[i]);
	return test_result_pool_empty(mp, ret, file, line);
}

/* test_free_result() of the skbs named after @ret, at this line of the test. */
#define TEST_FREE_RESULT(mp, ret, ...)                                          \
	test_free_result(mp, ret, (struct sk_buff *const []){ __VA_ARGS__ },      \
			 RTE_DIM(((struct sk_buff *const []){ __VA_ARGS__ })),    \
			 __FILE__, __LINE__)

#endif /* _TEST_POOL_H_ */
