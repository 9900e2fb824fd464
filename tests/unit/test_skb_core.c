/* SPDX-License-Identifier: BSD-3-Clause */
/* Unit tests of the skb core: pools, alloc/free, conversion and the linear calls at their bounds. */

#include "test_pool.h"

#define POOL_N 64
#define ROOM RTE_MBUF_DEFAULT_BUF_SIZE /* 2048 + 128 */

static struct rte_mempool *pool;

static int
setup(void)
{
	return test_pool_setup(&pool, "core_pool", POOL_N, ROOM);
}

static int
test_pool_create(void)
{
	TEST_ASSERT(skb_pool_is_skb(pool), "pool not recognised");
	TEST_ASSERT_EQ(rte_pktmbuf_priv_size(pool), SKB_PRIV_SIZE);
	TEST_ASSERT_EQ(rte_pktmbuf_data_room_size(pool), ROOM);
	TEST_ASSERT_EQ(pool->size, POOL_N);
	TEST_ASSERT_EQ(pool->cache_size, 0);
	TEST_ASSERT(skb_meta_flag != 0, "meta flag not registered");
	TEST_ASSERT_POOL_EMPTY(pool);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

/* What test_pool_layout() reads of every object of a pool. */
struct pool_layout {
	uintptr_t prev;
	size_t stride;
	unsigned int n, gaps, bad_iova;
	uint64_t sets;               /* bit s: an object's first line in L1 set s */
};

static void
pool_layout_obj(struct rte_mempool *mp, void *opaque, void *obj, unsigned int idx)
{
	struct pool_layout *l = opaque;
	struct rte_mbuf *m = obj;

	RTE_SET_USED(mp);
	if (idx != 0 && (uintptr_t)obj - l->prev != l->stride)
		l->gaps++;
	if (m->buf_iova != (rte_iova_t)(uintptr_t)m->buf_addr)
		l->bad_iova++;
	if (idx < 64)
		l->sets |= UINT64_C(1) << (((uintptr_t)obj / RTE_CACHE_LINE_SIZE) % 64);
	l->prev = (uintptr_t)obj;
	l->n++;
}

/*
 * On 4 KiB pages with IOVA as VA (these tests' EAL), the objects of an skb
 * pool lie one after the other, each at its real IOVA, so that the first
 * lines of 64 consecutive skbs fall in 64 different L1 sets (DPDK's own
 * population gives each object a page, all at the same offset: one set);
 * the memzone that holds them goes with the pool.
 */
static int
test_pool_layout(void)
{
	struct pool_layout l = { 0 };
	struct rte_mempool *mp;

#ifdef SKB_ASAN
	return TEST_SKIPPED;   /* the ASan build's pools are made by its own ops */
#endif
	if (rte_eal_has_hugepages() || rte_eal_iova_mode() != RTE_IOVA_VA)
		return TEST_SKIPPED;
	l.stride = pool->header_size + pool->elt_size + pool->trailer_size;
	TEST_ASSERT(l.stride < 4096, "an skb of %u bytes of room takes %zu", ROOM, l.stride);
	TEST_ASSERT_EQ(rte_mempool_obj_iter(pool, pool_layout_obj, &l), POOL_N);
	TEST_ASSERT_EQ(l.n, POOL_N);
	TEST_ASSERT_EQ(l.gaps, 0);
	TEST_ASSERT_EQ(l.bad_iova, 0);
	TEST_ASSERT_EQ(l.sets, UINT64_MAX);
	TEST_ASSERT_EQ(pool->nb_mem_chunks, 1);

	mp = skb_pool_create("core_layout", 8, ROOM, SOCKET_ID_ANY);
	TEST_ASSERT(mp != NULL, "pool of 8: %s", rte_strerror(rte_errno));
	TEST_ASSERT(rte_memzone_lookup(RTE_MEMPOOL_MZ_PREFIX "core_layout_0") != NULL,
		    "no memzone for the objects");
	rte_mempool_free(mp);
	TEST_ASSERT(rte_memzone_lookup(RTE_MEMPOOL_MZ_PREFIX "core_layout_0") == NULL,
		    "the objects' memzone outlived its pool");
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

static int
test_alloc_free(void)
{
	struct sk_buff *skb = alloc_skb(pool, 100);

	TEST_ASSERT(skb != NULL, "alloc_skb");
	TEST_ASSERT_EQ(skb_len(skb), 0);
	TEST_ASSERT_EQ(skb_headlen(skb), 0);
	TEST_ASSERT_EQ(skb_headroom(skb), 0);
	TEST_ASSERT_EQ(skb_tailroom(skb), ROOM);
	TEST_ASSERT_PTR_EQ(skb_data(skb), skb_to_mbuf(skb)->buf_addr);
	TEST_ASSERT_PTR_EQ(skb_tail_pointer(skb), skb_data(skb));
	TEST_ASSERT_EQ(skb->users, 1);
	TEST_ASSERT(!skb_shared(skb), "fresh skb shared");
	TEST_ASSERT_EQ(skb->mark, 0);
	TEST_ASSERT_EQ(skb->cb[0] | skb->cb[47], 0);
	TEST_ASSERT(!skb_mac_header_was_set(skb), "mac header set on alloc");
	TEST_ASSERT_IN_USE(pool, 1);
	kfree_skb(skb);
	kfree_skb(NULL);
	consume_skb(NULL);
	TEST_ASSERT_POOL_EMPTY(pool);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

static int
test_alloc_big_ext(void)
{
	struct sk_buff *skb = alloc_skb(pool, 9000);

	TEST_ASSERT(skb != NULL, "alloc_skb 9000");
	TEST_ASSERT(RTE_MBUF_HAS_EXTBUF(skb_to_mbuf(skb)), "no external buffer");
	TEST_ASSERT(skb_tailroom(skb) >= 9000, "tailroom %d", skb_tailroom(skb));
	TEST_ASSERT(skb_put(skb, 9000) != NULL, "put 9000");
	TEST_ASSERT_EQ(skb_len(skb), 9000);
	kfree_skb(skb);
	TEST_ASSERT_POOL_EMPTY(pool);
	TEST_ASSERT(alloc_skb(pool, 70000) == NULL, "beyond 16-bit buffer must fail");
	TEST_ASSERT_POOL_EMPTY(pool);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

/* Every skb of @skbs as alloc_skb(pool, 100) hands it out, and no two alike. */
static int
check_fresh_bulk(struct sk_buff **skbs, unsigned int n)
{
	unsigned int i, j;

	for (i = 0; i < n; i++) {
		struct sk_buff *skb = skbs[i];

		TEST_ASSERT(skb_meta_valid(skb), "skb %u: metadata not valid", i);
		TEST_ASSERT_EQ(skb_len(skb), 0);
		TEST_ASSERT_EQ(skb_headroom(skb), 0);
		TEST_ASSERT_EQ(skb_tailroom(skb), ROOM);
		TEST_ASSERT_PTR_EQ(skb_data(skb), skb_to_mbuf(skb)->buf_addr);
		TEST_ASSERT_EQ(skb_to_mbuf(skb)->nb_segs, 1);
		TEST_ASSERT_EQ(skb->users, 1);
		TEST_ASSERT_EQ(skb->mark, 0);
		TEST_ASSERT_EQ(skb->priority, 0);
		TEST_ASSERT_EQ(skb->protocol, 0);
		TEST_ASSERT_EQ(skb->cb[0] | skb->cb[47], 0);
		TEST_ASSERT(!skb_mac_header_was_set(skb), "skb %u: mac header set", i);
		TEST_ASSERT(!skb_transport_header_was_set(skb), "skb %u: transport header set", i);
		for (j = 0; j < i; j++)
			TEST_ASSERT(skbs[j] != skb, "skb %u handed out twice", i);
	}
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

static int
test_alloc_bulk(void)
{
	struct sk_buff *skbs[POOL_N], *more[8];
	unsigned int i;

	/* the whole pool, every object written over, then the whole pool again */
	TEST_ASSERT_EQ(alloc_skb_bulk(pool, skbs, POOL_N, 100), 0);
	TEST_ASSERT_IN_USE(pool, POOL_N);
	TEST_ASSERT_EQ(check_fresh_bulk(skbs, POOL_N), TEST_SUCCESS);
	for (i = 0; i < POOL_N; i++) {
		struct sk_buff *skb = skbs[i];

		skb_reserve(skb, 32);
		TEST_ASSERT(skb_put(skb, 60) != NULL, "put");
		skb_reset_mac_header(skb);
		skb_set_transport_header(skb, 34);
		skb->mark = 0xdead;
		skb->priority = 7;
		skb->protocol = RTE_BE16(RTE_ETHER_TYPE_IPV4);
		skb->cb[0] = 1;
		skb->cb[47] = 2;
	}
	kfree_skb_bulk(skbs, POOL_N);
	TEST_ASSERT_POOL_EMPTY(pool);
	TEST_ASSERT_EQ(alloc_skb_bulk(pool, skbs, POOL_N, 100), 0);
	TEST_ASSERT_EQ(check_fresh_bulk(skbs, POOL_N), TEST_SUCCESS);
	kfree_skb_bulk(skbs, POOL_N);
	TEST_ASSERT_POOL_EMPTY(pool);

	/* the pool short of a burst: -ENOMEM, nothing taken; a burst that fits still does */
	TEST_ASSERT_EQ(alloc_skb_bulk(pool, skbs, POOL_N - 4, 100), 0);
	TEST_ASSERT_IN_USE(pool, POOL_N - 4);
	TEST_ASSERT_EQ(alloc_skb_bulk(pool, more, 5, 100), -ENOMEM);
	TEST_ASSERT_IN_USE(pool, POOL_N - 4);
	TEST_ASSERT_EQ(alloc_skb_bulk(pool, more, 4, 100), 0);
	TEST_ASSERT_IN_USE(pool, POOL_N);
	TEST_ASSERT_EQ(check_fresh_bulk(more, 4), TEST_SUCCESS);
	kfree_skb_bulk(more, 4);
	kfree_skb_bulk(skbs, POOL_N - 4);
	TEST_ASSERT_POOL_EMPTY(pool);

	/* beyond the 16-bit buffer: -ENOMEM, nothing taken; none asked: 0 */
	TEST_ASSERT_EQ(alloc_skb_bulk(pool, more, 2, 70000), -ENOMEM);
	TEST_ASSERT_POOL_EMPTY(pool);
	TEST_ASSERT_EQ(alloc_skb_bulk(pool, more, 0, 100), 0);
	TEST_ASSERT_POOL_EMPTY(pool);

	/* beyond the data room: each gets its external buffer, as alloc_skb() */
	TEST_ASSERT_EQ(alloc_skb_bulk(pool, more, 3, 9000), 0);
	TEST_ASSERT_IN_USE(pool, 3);
	for (i = 0; i < 3; i++) {
		TEST_ASSERT(RTE_MBUF_HAS_EXTBUF(skb_to_mbuf(more[i])), "skb %u: no external buffer", i);
		TEST_ASSERT_EQ(skb_headroom(more[i]), 0);
		TEST_ASSERT(skb_tailroom(more[i]) >= 9000, "tailroom %d", skb_tailroom(more[i]));
		TEST_ASSERT(skb_put(more[i], 9000) != NULL, "put 9000");
	}
	kfree_skb_bulk(more, 3);
	TEST_ASSERT_POOL_EMPTY(pool);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

/* The bare twin: the same buffers, fields left unset, made valid on first use. */
static int
test_alloc_bulk_bare(void)
{
	struct sk_buff *skbs[POOL_N], *more[8];
	unsigned int i;

	/* a stale private area must not show through once the fields are made valid */
	TEST_ASSERT_EQ(alloc_skb_bulk(pool, skbs, POOL_N, 100), 0);
	for (i = 0; i < POOL_N; i++) {
		skbs[i]->mark = 0xdead;
		skbs[i]->cb[47] = 2;
	}
	kfree_skb_bulk(skbs, POOL_N);
	TEST_ASSERT_EQ(__alloc_skb_bulk(pool, skbs, POOL_N, 100), 0);
	TEST_ASSERT_IN_USE(pool, POOL_N);
	for (i = 0; i < POOL_N; i++) {
		struct sk_buff *skb = skbs[i];

		TEST_ASSERT(!skb_meta_valid(skb), "skb %u: fields made valid", i);
		TEST_ASSERT_EQ(skb_headroom(skb), 0);
		TEST_ASSERT_EQ(skb_tailroom(skb), ROOM);
		TEST_ASSERT_EQ(skb_len(skb), 0);
		TEST_ASSERT_EQ(skb_to_mbuf(skb)->nb_segs, 1);
		TEST_ASSERT(skb_to_mbuf(skb)->next == NULL, "skb %u: chained", i);
		TEST_ASSERT_EQ(rte_mbuf_refcnt_read(skb_to_mbuf(skb)), 1);
	}
	/* chained as frags: the head's bytes and length, one free for all */
	TEST_ASSERT(skb_put(skbs[1], 40) != NULL && skb_put(skbs[2], 24) != NULL, "put");
	memset(skb_data(skbs[1]), 0xa1, 40);
	memset(skb_data(skbs[2]), 0xb2, 24);
	__skb_append_frag(skbs[0], skbs[1]);
	__skb_append_frag(skbs[0], skbs[2]);
	skbs[1] = skbs[2] = NULL;
	TEST_ASSERT_EQ(skb_len(skbs[0]), 64);
	TEST_ASSERT_EQ(skb_nr_frags(skbs[0]), 2);
	{
		uint8_t b[64];

		TEST_ASSERT_EQ(skb_copy_bits(skbs[0], 0, b, 64), 0);
		for (i = 0; i < 64; i++)
			TEST_ASSERT_EQ(b[i], i < 40 ? 0xa1 : 0xb2);
	}
	/* the first call that reads the fields makes them valid, as a fresh skb's */
	TEST_ASSERT(skb_from_mbuf(skb_to_mbuf(skbs[3])) == skbs[3], "skb_from_mbuf");
	TEST_ASSERT_EQ(skbs[3]->mark, 0);
	TEST_ASSERT_EQ(skbs[3]->cb[47], 0);
	TEST_ASSERT_EQ(skbs[3]->users, 1);
	kfree_skb_bulk(skbs, POOL_N);
	TEST_ASSERT_POOL_EMPTY(pool);

	/* short pool, more than the data room: -ENOMEM, nothing taken; none asked: 0 */
	TEST_ASSERT_EQ(__alloc_skb_bulk(pool, skbs, POOL_N - 4, 100), 0);
	TEST_ASSERT_EQ(__alloc_skb_bulk(pool, more, 5, 100), -ENOMEM);
	TEST_ASSERT_IN_USE(pool, POOL_N - 4);
	kfree_skb_bulk(skbs, POOL_N - 4);
	TEST_ASSERT_EQ(__alloc_skb_bulk(pool, more, 2, ROOM + 1), -ENOMEM);
	TEST_ASSERT_EQ(__alloc_skb_bulk(pool, more, 0, 100), 0);
	TEST_ASSERT_POOL_EMPTY(pool);
	TEST_ASSERT_EQ(__alloc_skb_bulk(pool, more, 2, ROOM), 0);
	TEST_ASSERT_EQ(skb_tailroom(more[0]), ROOM);
	kfree_skb_bulk(more, 2);
	TEST_ASSERT_POOL_EMPTY(pool);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

static int
test_conversion(void)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(pool);
	struct sk_buff *skb;

	TEST_ASSERT(m != NULL, "mbuf alloc");
	/* a stale private area from an earlier life must not show through */
	((struct sk_buff *)m)->mark = 0xdead;
	((struct sk_buff *)m)->users = 7;
	TEST_ASSERT(!skb_meta_valid(__skb_from_mbuf(m)), "meta valid on a fresh mbuf");
	TEST_ASSERT(!skb_shared(__skb_from_mbuf(m)), "stale users seen");
	skb = skb_from_mbuf(m);
	TEST_ASSERT_PTR_EQ(skb, m);
	TEST_ASSERT_PTR_EQ(skb_to_mbuf(skb), m);
	TEST_ASSERT_EQ(skb->mark, 0);
	TEST_ASSERT_EQ(skb->users, 1);
	TEST_ASSERT_EQ(skb_headroom(skb), RTE_PKTMBUF_HEADROOM);
	kfree_skb(skb);
	TEST_ASSERT_POOL_EMPTY(pool);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

static int
test_put_bounds(void)
{
	struct sk_buff *skb = alloc_skb(pool, 0);
	unsigned char *p, *old_tail;
	uint64_t over = skb_misuse_count(SKB_MISUSE_OVER);
	int room;
	int result = TEST_FAILED;

	TEST_ASSERT(skb != NULL, "alloc");
	skb_reserve(skb, 64);
	TEST_ASSERT_EQ(skb_headroom(skb), 64);
	room = skb_tailroom(skb);
	TEST_ASSERT_EQ(room, ROOM - 64);
	p = skb_put(skb, 10);
	TEST_ASSERT_PTR_EQ(p, skb_head(skb) + 64);
	memset(p, 0xab, 10);
	old_tail = skb_tail_pointer(skb);
	/* exactly the tailroom: succeeds */
	p = skb_put(skb, (unsigned int)room - 10);
	TEST_ASSERT_PTR_EQ(p, old_tail);
	TEST_ASSERT_EQ(skb_len(skb), room);
	TEST_ASSERT_EQ(skb_tailroom(skb), 0);
	TEST_ASSERT_PTR_EQ(skb_tail_pointer(skb), skb_end_pointer(skb));
	/* one byte over: NULL, skb unchanged, counted */
	TEST_ASSERT(skb_put(skb, 1) == NULL, "put past end");
	TEST_ASSERT_EQ(skb_len(skb), room);
	TEST_ASSERT_EQ(skb_headlen(skb), room);
	TEST_ASSERT_EQ(skb_headroom(skb), 64);
	TEST_ASSERT_EQ(skb_misuse_count(SKB_MISUSE_OVER), over + 1);
	TEST_ASSERT_EQ(skb_data(skb)[0], 0xab);
	TEST_ASSERT_EQ(skb_data(skb)[9], 0xab);
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(pool, result, skb);
}

static int
test_put_data_zero(void)
{
	static const unsigned char bytes[5] = { 1, 2, 3, 4, 5 };
	static unsigned char big[ROOM];
	struct sk_buff *skb = alloc_skb(pool, 64);
	unsigned char *p;
	int result = TEST_FAILED;

	TEST_ASSERT(skb != NULL, "alloc");
	p = skb_put_data(skb, bytes, 5);
	TEST_ASSERT(p != NULL && memcmp(p, bytes, 5) == 0, "put_data");
	/* stale bytes in the tailroom, put there legally (the ASan build poisons it) */
	p = skb_put(skb, 3);
	TEST_ASSERT(p != NULL, "put");
	memset(p, 0xff, 3);
	skb_trim(skb, 5);
	p = skb_put_zero(skb, 3);
	TEST_ASSERT(p != NULL, "put_zero");
	TEST_ASSERT_EQ(p[0] | p[1] | p[2], 0);
	TEST_ASSERT_EQ(skb_len(skb), 8);
	TEST_ASSERT(skb_put_data(skb, big, sizeof(big)) == NULL, "put_data past end");
	TEST_ASSERT_EQ(skb_len(skb), 8);
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(pool, result, skb);
}

static int
test_push_bounds(void)
{
	struct sk_buff *skb = alloc_skb(pool, 0);
	unsigned char *p;
	uint64_t under = skb_misuse_count(SKB_MISUSE_UNDER);
	int result = TEST_FAILED;

	TEST_ASSERT(skb != NULL, "alloc");
	skb_reserve(skb, 128);
	TEST_ASSERT(skb_put(skb, 20) != NULL, "put");
	memset(skb_data(skb), 0x5a, 20);
	/* push 100 of 128 */
	p = skb_push(skb, 100);
	TEST_ASSERT_PTR_EQ(p, skb_head(skb) + 28);
	TEST_ASSERT_EQ(skb_len(skb), 120);
	TEST_ASSERT_EQ(skb_headroom(skb), 28);
	/* exactly the rest of the headroom */
	p = skb_push(skb, 28);
	TEST_ASSERT_PTR_EQ(p, skb_head(skb));
	TEST_ASSERT_EQ(skb_headroom(skb), 0);
	TEST_ASSERT_EQ(skb_len(skb), 148);
	/* one over: NULL, unchanged, counted */
	TEST_ASSERT(skb_push(skb, 1) == NULL, "push past head");
	TEST_ASSERT_EQ(skb_headroom(skb), 0);
	TEST_ASSERT_EQ(skb_len(skb), 148);
	TEST_ASSERT_EQ(skb_misuse_count(SKB_MISUSE_UNDER), under + 1);
	TEST_ASSERT_EQ(skb_data(skb)[128], 0x5a);
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(pool, result, skb);
}

static int
test_pull_bounds(void)
{
	struct sk_buff *skb = alloc_skb(pool, 64);
	unsigned char *p;
	unsigned int i;
	int result = TEST_FAILED;

	TEST_ASSERT(skb != NULL, "alloc");
	p = skb_put(skb, 40);
	for (i = 0; i < 40; i++)
		p[i] = (unsigned char)i;
	p = skb_pull(skb, 14);
	TEST_ASSERT_PTR_EQ(p, skb_head(skb) + 14);
	TEST_ASSERT_EQ(p[0], 14);
	TEST_ASSERT_EQ(skb_len(skb), 26);
	TEST_ASSERT_EQ(skb_headroom(skb), 14);
	/* more than the length: NULL, unchanged */
	TEST_ASSERT(skb_pull(skb, 27) == NULL, "pull past end");
	TEST_ASSERT_EQ(skb_len(skb), 26);
	TEST_ASSERT_EQ(skb_headroom(skb), 14);
	/* exactly the length */
	p = skb_pull(skb, 26);
	TEST_ASSERT_PTR_EQ(p, skb_head(skb) + 40);
	TEST_ASSERT_EQ(skb_len(skb), 0);
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(pool, result, skb);
}

static int
test_trim_bounds(void)
{
	struct sk_buff *skb = alloc_skb(pool, 64);
	int result = TEST_FAILED;

	TEST_ASSERT(skb != NULL, "alloc");
	TEST_ASSERT(skb_put(skb, 60) != NULL, "put");
	skb_trim(skb, 100); /* past the end: no effect */
	TEST_ASSERT_EQ(skb_len(skb), 60);
	skb_trim(skb, 60);
	TEST_ASSERT_EQ(skb_len(skb), 60);
	skb_trim(skb, 42);
	TEST_ASSERT_EQ(skb_len(skb), 42);
	TEST_ASSERT_EQ(skb_headlen(skb), 42);
	TEST_ASSERT_PTR_EQ(skb_tail_pointer(skb), skb_data(skb) + 42);
	skb_trim(skb, 0);
	TEST_ASSERT_EQ(skb_len(skb), 0);
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(pool, result, skb);
}

static int
test_reserve_bounds(void)
{
	struct sk_buff *skb = alloc_skb(pool, 64);
	uint64_t over = skb_misuse_count(SKB_MISUSE_OVER);
	int result = TEST_FAILED;

	TEST_ASSERT(skb != NULL, "alloc");
	skb_reserve(skb, ROOM);           /* exactly the whole buffer */
	TEST_ASSERT_EQ(skb_headroom(skb), ROOM);
	TEST_ASSERT_EQ(skb_tailroom(skb), 0);
	skb_reserve(skb, 1);              /* one past: unchanged */
	TEST_ASSERT_EQ(skb_headroom(skb), ROOM);
	skb_reserve(skb, -ROOM);          /* back to the head */
	TEST_ASSERT_EQ(skb_headroom(skb), 0);
	skb_reserve(skb, -1);             /* before the head: unchanged */
	TEST_ASSERT_EQ(skb_headroom(skb), 0);
	TEST_ASSERT_EQ(skb_misuse_count(SKB_MISUSE_OVER), over + 2);
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(pool, result, skb);
}

static int
test_users(void)
{
	struct sk_buff *skb = alloc_skb(pool, 64);

	TEST_ASSERT(skb != NULL, "alloc");
	TEST_ASSERT_PTR_EQ(skb_get(skb), skb);
	TEST_ASSERT(skb_shared(skb), "not shared after skb_get");
	TEST_ASSERT_EQ(skb->users, 2);
	kfree_skb(skb);
	TEST_ASSERT_IN_USE(pool, 1);
	TEST_ASSERT(!skb_shared(skb), "still shared");
	kfree_skb(skb);
	TEST_ASSERT_POOL_EMPTY(pool);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

static int
test_netdev_alloc(void)
{
	struct sk_buff *skb;

	TEST_ASSERT(netdev_alloc_skb(3, 100) == NULL, "no pool recorded yet");
	TEST_ASSERT_EQ(skb_netdev_set_pool(3, pool), 0);
	skb = netdev_alloc_skb(3, 100);
	TEST_ASSERT(skb != NULL, "netdev_alloc_skb");
	TEST_ASSERT_EQ(skb_headroom(skb), NET_SKB_PAD);
	TEST_ASSERT(skb_tailroom(skb) >= 100, "tailroom");
	TEST_ASSERT_EQ(skb_to_mbuf(skb)->port, 3);
	kfree_skb(skb);
	TEST_ASSERT_EQ(skb_netdev_set_pool(3, NULL), 0);
	TEST_ASSERT_POOL_EMPTY(pool);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

static int
test_headers_from_head(void)
{
	struct sk_buff *skb = alloc_skb(pool, 128);
	int result = TEST_FAILED;

	TEST_ASSERT(skb != NULL, "alloc");
	skb_reserve(skb, 32);
	TEST_ASSERT(skb_put(skb, 60) != NULL, "put");
	skb_reset_mac_header(skb);
	skb_set_network_header(skb, 14);
	TEST_ASSERT(skb_mac_header_was_set(skb), "mac set");
	TEST_ASSERT_PTR_EQ(skb_network_header(skb), skb_data(skb) + 14);
	TEST_ASSERT_EQ(skb_network_offset(skb), 14);
	TEST_ASSERT(skb_pull(skb, 14) != NULL, "pull");
	/* offsets count from head: the pull moved data, not the headers */
	TEST_ASSERT_EQ(skb_network_offset(skb), 0);
	TEST_ASSERT_EQ(skb_mac_offset(skb), -14);
	TEST_ASSERT_PTR_EQ((unsigned char *)ip_hdr(skb), skb_data(skb));
	TEST_ASSERT_PTR_EQ((unsigned char *)eth_hdr(skb), skb_head(skb) + 32);
	/* the unchecked setters, on metadata made valid above: offsets from data */
	__skb_set_transport_header(skb, 20);
	__skb_set_network_header(skb, -4);
	__skb_set_mac_header(skb, -18);
	TEST_ASSERT_EQ(skb_transport_offset(skb), 20);
	TEST_ASSERT_EQ(skb_network_offset(skb), -4);
	TEST_ASSERT_EQ(skb_mac_offset(skb), -18);
	TEST_ASSERT_PTR_EQ(skb_transport_header(skb), skb_head(skb) + 32 + 14 + 20);
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(pool, result, skb);
}

static int
test_may_pull_chain(void)
{
	struct sk_buff *skb = alloc_skb(pool, 64);
	struct rte_mbuf *frag = rte_pktmbuf_alloc(pool);
	unsigned char *p;
	unsigned int i;
	int result = TEST_FAILED;

	TEST_ASSERT(skb != NULL && frag != NULL, "alloc");
	skb_reserve(skb, 64);
	p = skb_put(skb, 10);
	for (i = 0; i < 10; i++)
		p[i] = (unsigned char)i;
	p = (unsigned char *)rte_pktmbuf_append(frag, 30);
	for (i = 0; i < 30; i++)
		p[i] = (unsigned char)(10 + i);
	TEST_ASSERT_EQ(rte_pktmbuf_chain(skb_to_mbuf(skb), frag), 0);
	TEST_ASSERT_EQ(skb_len(skb), 40);
	TEST_ASSERT_EQ(skb_headlen(skb), 10);
	TEST_ASSERT_EQ(skb_data_len(skb), 30);
	TEST_ASSERT_EQ(skb_nr_frags(skb), 1);
	TEST_ASSERT(skb_is_nonlinear(skb), "nonlinear");
	TEST_ASSERT_EQ(skb_tailroom(skb), 0);
	TEST_ASSERT(skb_put(skb, 1) == NULL, "put on nonlinear");
	TEST_ASSERT(!pskb_may_pull(skb, 41), "may_pull past end");
	TEST_ASSERT_EQ(skb_headlen(skb), 10);
	TEST_ASSERT(pskb_may_pull(skb, 20), "may_pull 20");
	TEST_ASSERT_EQ(skb_headlen(skb), 20);
	TEST_ASSERT_EQ(skb_len(skb), 40);
	TEST_ASSERT_EQ(skb_nr_frags(skb), 1);
	for (i = 0; i < 20; i++)
		TEST_ASSERT_EQ(skb_data(skb)[i], i);
	TEST_ASSERT(pskb_may_pull(skb, 40), "may_pull all");
	TEST_ASSERT(!skb_is_nonlinear(skb), "still nonlinear");
	TEST_ASSERT_EQ(skb_nr_frags(skb), 0);
	for (i = 0; i < 40; i++)
		TEST_ASSERT_EQ(skb_data(skb)[i], i);
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(pool, result, skb);
}

static int
test_trim_chain(void)
{
	struct sk_buff *skb = alloc_skb(pool, 64);
	struct rte_mbuf *f1 = rte_pktmbuf_alloc(pool), *f2 = rte_pktmbuf_alloc(pool);
	int result = TEST_FAILED;

	TEST_ASSERT(skb != NULL && f1 != NULL && f2 != NULL, "alloc");
	TEST_ASSERT(skb_put(skb, 10) != NULL, "put");
	TEST_ASSERT(rte_pktmbuf_append(f1, 20) != NULL, "f1");
	TEST_ASSERT(rte_pktmbuf_append(f2, 30) != NULL, "f2");
	TEST_ASSERT_EQ(rte_pktmbuf_chain(skb_to_mbuf(skb), f1), 0);
	TEST_ASSERT_EQ(rte_pktmbuf_chain(skb_to_mbuf(skb), f2), 0);
	TEST_ASSERT_EQ(skb_len(skb), 60);
	skb_trim(skb, 25);   /* inside f1: f2 released */
	TEST_ASSERT_EQ(skb_len(skb), 25);
	TEST_ASSERT_EQ(skb_nr_frags(skb), 1);
	TEST_ASSERT_IN_USE(pool, 2);
	skb_trim(skb, 10);   /* at the head's end: f1 released */
	TEST_ASSERT_EQ(skb_len(skb), 10);
	TEST_ASSERT_EQ(skb_nr_frags(skb), 0);
	TEST_ASSERT_IN_USE(pool, 1);
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(pool, result, skb);
}

/* An skb of @len bytes of @fill from @mp; NULL when the pool is out. */
static struct sk_buff *
skb_of_len(struct rte_mempool *mp, unsigned int len, uint8_t fill)
{
	struct sk_buff *skb = alloc_skb(mp, len);

	if (skb != NULL)
		memset(skb_put(skb, len), fill, len);
	return skb;
}

/*
 * __kfree_skb_bulk_reason_len(): a burst of two pools (a run of one pool
 * longer than SKB_FREE_BATCH), a chain, a clone whose original stays and an
 * original whose clone stays.  The bytes are the sum of the lengths, every
 * skb of the burst is counted as consumed, and exactly what nobody else holds
 * goes back: what stays keeps its bytes.
 */
static int
test_free_bulk_len(void)
{
	struct rte_mempool *a = test_pool("freelen_a", 128, ROOM), *b = test_pool("freelen_b", 16, ROOM);
	struct sk_buff *burst[96], *orig = NULL, *kept = NULL, *frag;
	uint64_t consumed = skb_drop_count(SKB_CONSUMED), bytes;
	unsigned int i, n = 0;
	int result = TEST_FAILED;

	TEST_ASSERT(a != NULL && b != NULL, "pools: %s", rte_strerror(rte_errno));
	for (i = 1; i <= 10; i++)                  /* 55 bytes */
		burst[n++] = skb_of_len(a, i, 0x11);
	for (i = 100; i <= 103; i++)               /* 406 */
		burst[n++] = skb_of_len(b, i, 0x22);
	for (i = 11; i <= 80; i++)                 /* 3185: 70 of pool a in a row */
		burst[n++] = skb_of_len(a, i, 0x33);
	burst[n] = skb_of_len(a, 30, 0x44);       /* a chain of 30 + 20 */
	frag = skb_of_len(a, 20, 0x55);
	TEST_ASSERT(burst[n] != NULL && frag != NULL, "alloc");
	__skb_append_frag(burst[n++], frag);
	orig = skb_of_len(a, 77, 0x66);            /* its clone: 77 */
	TEST_ASSERT(orig != NULL, "alloc");
	burst[n++] = skb_clone(orig);
	burst[n] = skb_of_len(a, 9, 0x77);         /* an original whose clone stays: 9 */
	TEST_ASSERT(burst[n] != NULL, "alloc");
	kept = skb_clone(burst[n++]);
	TEST_ASSERT(kept != NULL, "skb_clone");
	for (i = 200; i <= 203; i++)               /* 806 */
		burst[n++] = skb_of_len(b, i, 0x88);
	for (i = 0; i < n; i++)
		TEST_ASSERT(burst[i] != NULL, "skb %u of the burst not made", i);
	TEST_ASSERT_EQ(n, 91);
	TEST_ASSERT_IN_USE(a, 10 + 70 + 2 + 2 + 2);
	TEST_ASSERT_IN_USE(b, 8);

	bytes = __kfree_skb_bulk_reason_len(burst, n, SKB_CONSUMED);
	n = 0;
	TEST_ASSERT_EQ(bytes, 55 + 406 + 3185 + 50 + 77 + 9 + 806);
	TEST_ASSERT_EQ(skb_drop_count(SKB_CONSUMED), consumed + 91);
	/* orig, kept, and the buffer kept views (its original's mbuf owns it) */
	TEST_ASSERT_IN_USE(a, 3);
	TEST_ASSERT_IN_USE(b, 0);
	TEST_ASSERT(!skb_cloned(orig), "the original still cloned");
	TEST_ASSERT_EQ(skb_len(orig), 77);
	for (i = 0; i < 77; i++)
		TEST_ASSERT_EQ(skb_data(orig)[i], 0x66);
	TEST_ASSERT_EQ(skb_len(kept), 9);
	for (i = 0; i < 9; i++)
		TEST_ASSERT_EQ(skb_data(kept)[i], 0x77);
	/* none: nothing freed, nothing counted */
	TEST_ASSERT_EQ(__kfree_skb_bulk_reason_len(burst, 0, SKB_CONSUMED), 0);
	TEST_ASSERT_EQ(skb_drop_count(SKB_CONSUMED), consumed + 91);
	result = TEST_SUCCESS;
fail:
	for (i = 0; i < n; i++)
		kfree_skb(burst[i]);
	kfree_skb(orig);
	kfree_skb(kept);
	if (a != NULL)
		result = TEST_RESULT_POOL_EMPTY(a, result);
	return b != NULL ? TEST_RESULT_POOL_EMPTY(b, result) : result;
}

static const struct unit_test tests[] = {
	UNIT_SETUP(setup),
	UNIT_TEST(test_pool_create),
	UNIT_TEST(test_pool_layout),
	UNIT_TEST(test_alloc_free),
	UNIT_TEST(test_alloc_big_ext),
	UNIT_TEST(test_alloc_bulk),
	UNIT_TEST(test_alloc_bulk_bare),
	UNIT_TEST(test_conversion),
	UNIT_TEST(test_put_bounds),
	UNIT_TEST(test_put_data_zero),
	UNIT_TEST(test_push_bounds),
	UNIT_TEST(test_pull_bounds),
	UNIT_TEST(test_trim_bounds),
	UNIT_TEST(test_reserve_bounds),
	UNIT_TEST(test_users),
	UNIT_TEST(test_netdev_alloc),
	UNIT_TEST(test_headers_from_head),
	UNIT_TEST(test_may_pull_chain),
	UNIT_TEST(test_trim_chain),
	UNIT_TEST(test_free_bulk_len),
};

UNIT_TEST_MAIN(tests)
