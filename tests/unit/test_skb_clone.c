/* SPDX-License-Identifier: BSD-3-Clause */
/* Unit tests of libskb sharing: clone, cloned, cow_head, expand_head, copies and unshare. */

#include "test_skb_util.h"

static struct rte_mempool *mp;

static void
set_meta(struct sk_buff *skb)
{
	skb_reset_mac_header(skb);
	skb_set_network_header(skb, 14);
	skb_set_transport_header(skb, 34);
	skb->cb[0] = 0x42;
	skb->cb[47] = 0x24;
	skb->mark = 7;
	skb->priority = 3;
	skb->protocol = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);
}

/* A clone shares the bytes, copies offsets, cb and marks; both are cloned until one goes. */
static int
test_clone_shares(void)
{
	static const unsigned int lens[] = { 60, 40 };
	struct sk_buff *skb = make_chain(mp, 64, lens, 2), *c = NULL;

	TEST_ASSERT(skb != NULL, "make_chain");
	TEST_ASSERT(!skb_cloned(skb), "fresh skb cloned");
	set_meta(skb);
	c = skb_clone(skb);
	TEST_ASSERT(c != NULL, "skb_clone");
	TEST_ASSERT(c != skb, "clone is the original");
	TEST_ASSERT_EQ(rte_mempool_in_use_count(mp), 4);
	TEST_ASSERT_EQ(skb_len(c), 100);
	TEST_ASSERT_EQ(skb_headlen(c), 60);
	TEST_ASSERT_EQ(skb_nr_frags(c), 1);
	TEST_ASSERT_EQ(skb_headroom(c), 64);
	TEST_ASSERT_PTR_EQ(skb_data(c), skb_data(skb));
	TEST_ASSERT(skb_is_pat(c, 0), "clone bytes");
	TEST_ASSERT_EQ(skb_network_offset(c), 14);
	TEST_ASSERT_EQ(skb_transport_offset(c), 34);
	TEST_ASSERT_EQ(skb_mac_offset(c), 0);
	TEST_ASSERT_EQ(c->cb[0], 0x42);
	TEST_ASSERT_EQ(c->cb[47], 0x24);
	TEST_ASSERT_EQ(c->mark, 7);
	TEST_ASSERT_EQ(c->priority, 3);
	TEST_ASSERT_EQ(c->protocol, rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4));
	TEST_ASSERT_EQ(c->users, 1);
	TEST_ASSERT(!skb_shared(c), "clone shared");
	TEST_ASSERT(c->skb_flags & SKB_FL_CLONED, "clone flag");
	TEST_ASSERT(skb_cloned(skb), "original not cloned");
	TEST_ASSERT(skb_cloned(c), "clone not cloned");
	/* the clone's own pointers move independently */
	TEST_ASSERT(skb_pull(c, 14) != NULL, "pull clone");
	TEST_ASSERT_EQ(skb_headlen(c), 46);
	TEST_ASSERT_EQ(skb_headlen(skb), 60);
	TEST_ASSERT_EQ(skb_len(skb), 100);
	/* freeing the original first: the clone keeps the data, and is alone now */
	kfree_skb(skb);
	skb = NULL;
	TEST_ASSERT(!skb_cloned(c), "last clone still cloned");
	TEST_ASSERT(skb_is_pat(c, 14), "bytes after the original went");
	TEST_ASSERT_EQ(rte_mempool_in_use_count(mp), 4); /* the lent buffers live on */
	kfree_skb(c);
	c = NULL;
	TEST_ASSERT_POOL_EMPTY(mp);

	/* and the other order: the clone first */
	skb = make_chain(mp, 64, lens, 2);
	TEST_ASSERT(skb != NULL, "make_chain");
	c = skb_clone(skb);
	TEST_ASSERT(c != NULL, "skb_clone");
	kfree_skb(c);
	c = NULL;
	TEST_ASSERT(!skb_cloned(skb), "still cloned after the clone went");
	TEST_ASSERT_EQ(rte_mempool_in_use_count(mp), 2);
	kfree_skb(skb);
	skb = NULL;
	TEST_ASSERT_POOL_EMPTY(mp);
	return TEST_SUCCESS;
fail:
	kfree_skb(c);
	kfree_skb(skb);
	return TEST_FAILED;
}

/* Clone, then cow the head of one and write: the other's bytes are unchanged. */
static int
test_clone_cow_write(void)
{
	static const unsigned int lens[] = { 60 };
	struct sk_buff *skb = make_chain(mp, 64, lens, 1), *c = NULL;
	uint8_t *p;

	TEST_ASSERT(skb != NULL, "make_chain");
	set_meta(skb);
	c = skb_clone(skb);
	TEST_ASSERT(c != NULL, "skb_clone");
	/* cow the original, which owns the buffer the clone reads */
	TEST_ASSERT_EQ(skb_cow_head(skb, 32), 0);
	TEST_ASSERT(!skb_cloned(skb), "original still cloned after cow");
	TEST_ASSERT(!skb_cloned(c), "clone still cloned after the original's cow");
	TEST_ASSERT_EQ(skb_headroom(skb), 64);
	TEST_ASSERT_EQ(skb_headlen(skb), 60);
	TEST_ASSERT(skb_data(skb) != skb_data(c), "cow kept the shared buffer");
	TEST_ASSERT_EQ(skb_network_offset(skb), 14);
	TEST_ASSERT_EQ(skb_transport_offset(skb), 34);
	p = skb_push(skb, 4);
	TEST_ASSERT(p != NULL, "push");
	memset(p, 0x11, 4 + 60);
	TEST_ASSERT(skb_is_pat(c, 0), "clone saw the original's write");
	TEST_ASSERT_EQ(skb_headroom(c), 64);
	/* the clone writes its own headroom after its own cow */
	TEST_ASSERT_EQ(skb_cow_head(c, 100), 0);
	TEST_ASSERT(skb_headroom(c) >= 100, "headroom %u", skb_headroom(c));
	TEST_ASSERT_EQ(skb_network_offset(c), 14);
	p = skb_push(c, 8);
	TEST_ASSERT(p != NULL, "push clone");
	memset(p, 0x22, 8);
	TEST_ASSERT(is_pat(skb_data(c) + 8, 0, 60), "clone payload after cow");
	TEST_ASSERT_EQ(skb_data(skb)[0], 0x11);
	TEST_ASSERT_EQ(skb_data(skb)[63], 0x11);
	kfree_skb(skb);
	skb = NULL;
	kfree_skb(c);
	c = NULL;
	TEST_ASSERT_POOL_EMPTY(mp);

	/* now cow the clone while the original keeps writing in place */
	skb = make_chain(mp, 64, lens, 1);
	TEST_ASSERT(skb != NULL, "make_chain");
	c = skb_clone(skb);
	TEST_ASSERT(c != NULL, "skb_clone");
	TEST_ASSERT_EQ(skb_cow_head(c, 0), 0);
	TEST_ASSERT(!skb_cloned(c), "clone cloned after its cow");
	TEST_ASSERT(!skb_cloned(skb), "original cloned after the clone's cow");
	TEST_ASSERT_EQ(rte_mempool_in_use_count(mp), 3); /* skb, clone, clone's new buffer */
	memset(skb_data(c), 0x33, 60);
	TEST_ASSERT(skb_is_pat(skb, 0), "original saw the clone's write");
	kfree_skb(c);
	c = NULL;
	TEST_ASSERT_EQ(rte_mempool_in_use_count(mp), 1);
	kfree_skb(skb);
	skb = NULL;
	TEST_ASSERT_POOL_EMPTY(mp);
	return TEST_SUCCESS;
fail:
	kfree_skb(c);
	kfree_skb(skb);
	return TEST_FAILED;
}

/* cow_head without sharing: only a short headroom makes it copy; header offsets follow. */
static int
test_cow_head_headroom(void)
{
	static const unsigned int lens[] = { 40, 20 };
	struct sk_buff *skb = make_chain(mp, 16, lens, 2);
	unsigned char *data;

	TEST_ASSERT(skb != NULL, "make_chain");
	set_meta(skb);
	data = skb_data(skb);
	TEST_ASSERT_EQ(skb_cow_head(skb, 16), 0);
	TEST_ASSERT_PTR_EQ(skb_data(skb), data);
	TEST_ASSERT_EQ(rte_mempool_in_use_count(mp), 2);
	TEST_ASSERT_EQ(skb_cow_head(skb, 200), 0);
	TEST_ASSERT_EQ(skb_headroom(skb), 200);
	TEST_ASSERT_EQ(skb_headlen(skb), 40);
	TEST_ASSERT_EQ(skb_len(skb), 60);
	TEST_ASSERT_EQ(skb_nr_frags(skb), 1);
	TEST_ASSERT_EQ(skb_mac_offset(skb), 0);
	TEST_ASSERT_EQ(skb_network_offset(skb), 14);
	TEST_ASSERT_EQ(skb_transport_offset(skb), 34);
	TEST_ASSERT_PTR_EQ(skb_mac_header(skb), skb_data(skb));
	TEST_ASSERT(skb_is_pat(skb, 0), "bytes after cow");
	TEST_ASSERT_EQ(rte_mempool_in_use_count(mp), 3);
	TEST_ASSERT(skb_push(skb, 200) != NULL, "push the whole headroom");
	TEST_ASSERT_EQ(skb_headroom(skb), 0);
	/* far beyond 64 KiB cannot be had */
	TEST_ASSERT_EQ(skb_cow_head(skb, 70000), -ENOMEM);
	TEST_ASSERT_EQ(skb_len(skb), 260);
	kfree_skb(skb);
	skb = NULL;
	TEST_ASSERT_POOL_EMPTY(mp);
	return TEST_SUCCESS;
fail:
	kfree_skb(skb);
	return TEST_FAILED;
}

static int
setup(void)
{
	mp = tpool("clone_pool");
	return mp != NULL ? TEST_SUCCESS : TEST_FAILED;
}

static const struct unit_test tests[] = {
	UNIT_TEST(setup),
	UNIT_TEST(test_clone_shares),
	UNIT_TEST(test_clone_cow_write),
	UNIT_TEST(test_cow_head_headroom),
};

int
main(int argc, char **argv)
{
	return unit_test_main(argc, argv, tests, RTE_DIM(tests));
}
