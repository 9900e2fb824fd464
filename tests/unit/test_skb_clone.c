/* SPDX-License-Identifier: BSD-3-Clause */
/* Unit tests of libskb sharing: clone, cloned, cow_head, expand_head, copies and unshare. */

#include "test_chain.h"
#include "test_pool.h"

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
	int result = TEST_FAILED;

	TEST_ASSERT(skb != NULL, "make_chain");
	TEST_ASSERT(!skb_cloned(skb), "fresh skb cloned");
	set_meta(skb);
	c = skb_clone(skb);
	TEST_ASSERT(c != NULL, "skb_clone");
	TEST_ASSERT(c != skb, "clone is the original");
	TEST_ASSERT_IN_USE(mp, 4);
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
	TEST_ASSERT_IN_USE(mp, 4); /* the lent buffers live on */
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
	TEST_ASSERT_IN_USE(mp, 2);
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(mp, result, c, skb);
}

/* Clone, then cow the head of one and write: the other's bytes are unchanged. */
static int
test_clone_cow_write(void)
{
	static const unsigned int lens[] = { 60 };
	struct sk_buff *skb = make_chain(mp, 64, lens, 1), *c = NULL;
	uint8_t *p;
	int result = TEST_FAILED;

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
	TEST_ASSERT_IN_USE(mp, 3); /* skb, clone, clone's new buffer */
	memset(skb_data(c), 0x33, 60);
	TEST_ASSERT(skb_is_pat(skb, 0), "original saw the clone's write");
	kfree_skb(c);
	c = NULL;
	TEST_ASSERT_IN_USE(mp, 1);
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(mp, result, c, skb);
}

/* cow_head without sharing: only a short headroom makes it copy; header offsets follow. */
static int
test_cow_head_headroom(void)
{
	static const unsigned int lens[] = { 40, 20 };
	struct sk_buff *skb = make_chain(mp, 16, lens, 2);
	unsigned char *data;
	int result = TEST_FAILED;

	TEST_ASSERT(skb != NULL, "make_chain");
	set_meta(skb);
	data = skb_data(skb);
	TEST_ASSERT_EQ(skb_cow_head(skb, 16), 0);
	TEST_ASSERT_PTR_EQ(skb_data(skb), data);
	TEST_ASSERT_IN_USE(mp, 2);
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
	/* as pskb_expand_head(): the tailroom is kept, which passes a pool buffer: rte_malloc */
	TEST_ASSERT_EQ(rte_pktmbuf_tailroom(skb_to_mbuf(skb)) >= TROOM - 56, 1);
	TEST_ASSERT_IN_USE(mp, 2);
	TEST_ASSERT(skb_push(skb, 200) != NULL, "push the whole headroom");
	TEST_ASSERT_EQ(skb_headroom(skb), 0);
	/* far beyond 64 KiB cannot be had */
	TEST_ASSERT_EQ(skb_cow_head(skb, 70000), -ENOMEM);
	TEST_ASSERT_EQ(skb_len(skb), 260);
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(mp, result, skb);
}

/*
 * A clone of a head near 64 KiB: a private copy keeping the whole tailroom would
 * pass the longest buffer (65504 bytes: the shinfo sits on a word boundary after
 * them).  Made writable, the head keeps what fits; a caller asking for more
 * tailroom still gets all of it or -ENOMEM.  A head filling that whole buffer
 * can be copied too.
 */
static int
test_expand_head_64k(void)
{
	struct sk_buff *skb = alloc_skb(mp, 65503), *c = NULL;
	uint8_t *p;
	unsigned int i;
	int result = TEST_FAILED;

	TEST_ASSERT(skb != NULL, "alloc_skb 65503");
	TEST_ASSERT_EQ(skb_to_mbuf(skb)->buf_len, 65504);
	skb_reserve(skb, 128);
	p = skb_put(skb, 9818);
	TEST_ASSERT(p != NULL, "skb_put 9818");
	for (i = 0; i < 9818; i++)
		p[i] = pat(i);
	set_meta(skb);
	TEST_ASSERT_EQ(skb_tailroom(skb), 55558);
	c = skb_clone(skb);
	TEST_ASSERT(c != NULL, "skb_clone");
	/* 128 + 9818 + 55558 = 65504 bytes, and the shinfo after them: past 16 bits */
	TEST_ASSERT_EQ(skb_ensure_writable(skb, 86), 0);
	TEST_ASSERT(!skb_cloned(skb), "still cloned");
	TEST_ASSERT(skb_data(skb) != skb_data(c), "head not copied");
	TEST_ASSERT_EQ(skb_headroom(skb), 128);
	TEST_ASSERT_EQ(skb_headlen(skb), 9818);
	TEST_ASSERT_EQ(skb_tailroom(skb), 55558);
	TEST_ASSERT_EQ(skb_to_mbuf(skb)->buf_len, 65504);
	TEST_ASSERT_EQ(skb_network_offset(skb), 14);
	TEST_ASSERT_EQ(skb->mark, 7);
	TEST_ASSERT(skb_is_pat(skb, 0), "bytes after ensure_writable");
	skb_data(skb)[0] ^= 0xff;
	TEST_ASSERT(skb_is_pat(c, 0), "the clone sees the write");
	skb_data(skb)[0] ^= 0xff;
	/* 1000 more in front: the tailroom gives way, 65504 - 1128 - 9818 */
	TEST_ASSERT_EQ(pskb_expand_head(skb, 1000, 0), 0);
	TEST_ASSERT_EQ(skb_headroom(skb), 1128);
	TEST_ASSERT_EQ(skb_tailroom(skb), 54558);
	TEST_ASSERT_EQ(skb_network_offset(skb), 14);
	TEST_ASSERT(skb_is_pat(skb, 0), "bytes after expand 1000,0");
	/* more tailroom asked: the whole of it, which cannot be had; the skb unchanged */
	TEST_ASSERT_EQ(pskb_expand_head(skb, 0, 1), -ENOMEM);
	TEST_ASSERT_EQ(skb_headroom(skb), 1128);
	TEST_ASSERT_EQ(skb_tailroom(skb), 54558);
	/* headroom and data past the longest buffer: -ENOMEM, unchanged */
	TEST_ASSERT_EQ(pskb_expand_head(skb, 54559, 0), -ENOMEM);
	TEST_ASSERT_EQ(skb_headroom(skb), 1128);
	TEST_ASSERT(skb_is_pat(skb, 0), "bytes after refusals");
	/* exactly the longest buffer: no tailroom left */
	TEST_ASSERT_EQ(pskb_expand_head(skb, 54557, 0), 0);
	TEST_ASSERT_EQ(skb_headroom(skb), 55685);
	TEST_ASSERT_EQ(skb_tailroom(skb), 1);
	TEST_ASSERT(skb_is_pat(skb, 0), "bytes after expand 54557,0");
	kfree_skb(c);
	c = NULL;
	kfree_skb(skb);
	/* a clone whose head fills the whole longest buffer: its copy fits too */
	skb = alloc_skb(mp, 65504);
	TEST_ASSERT(skb != NULL, "alloc_skb 65504");
	TEST_ASSERT_EQ(skb_to_mbuf(skb)->buf_len, 65504);
	p = skb_put(skb, 65504);
	TEST_ASSERT(p != NULL, "skb_put 65504");
	for (i = 0; i < 65504; i++)
		p[i] = pat(i);
	c = skb_clone(skb);
	TEST_ASSERT(c != NULL, "skb_clone");
	TEST_ASSERT_EQ(skb_unclone(skb), 0);
	TEST_ASSERT(skb_data(skb) != skb_data(c), "head not copied");
	TEST_ASSERT_EQ(skb_headroom(skb), 0);
	TEST_ASSERT_EQ(skb_headlen(skb), 65504);
	TEST_ASSERT_EQ(skb_tailroom(skb), 0);
	TEST_ASSERT(skb_is_pat(skb, 0) && skb_is_pat(c, 0), "bytes after unclone");
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(mp, result, c, skb);
}

/* pskb_expand_head: new head- and tailroom, offsets moved, bytes kept, refusals. */
static int
test_expand_head(void)
{
	static const unsigned int lens[] = { 50, 10 };
	struct sk_buff *skb = make_chain(mp, 20, lens, 2);
	unsigned int tail;
	int result = TEST_FAILED;

	TEST_ASSERT(skb != NULL, "make_chain");
	set_meta(skb);
	/* the head segment's own tailroom: skb_availroom() is 0 for a nonlinear skb, as Linux */
	TEST_ASSERT_EQ(skb_availroom(skb), 0);
	tail = rte_pktmbuf_tailroom(skb_to_mbuf(skb));
	TEST_ASSERT_EQ(tail, TROOM - 70);
	/* same sizes: a pool buffer holds it */
	TEST_ASSERT_EQ(pskb_expand_head(skb, 0, 0), 0);
	TEST_ASSERT_EQ(skb_headroom(skb), 20);
	TEST_ASSERT_EQ(rte_pktmbuf_tailroom(skb_to_mbuf(skb)), tail);
	TEST_ASSERT_IN_USE(mp, 3);
	TEST_ASSERT(skb_is_pat(skb, 0), "bytes after expand 0,0");
	/* 100 more in front: past the pool room, so rte_malloc memory; the pool buffer goes back */
	TEST_ASSERT_EQ(pskb_expand_head(skb, 100, 0), 0);
	TEST_ASSERT_EQ(skb_headroom(skb), 120);
	TEST_ASSERT(rte_pktmbuf_tailroom(skb_to_mbuf(skb)) >= tail, "tailroom %u",
		    rte_pktmbuf_tailroom(skb_to_mbuf(skb)));
	TEST_ASSERT(rte_pktmbuf_tailroom(skb_to_mbuf(skb)) < tail + 16, "tailroom %u",
		    rte_pktmbuf_tailroom(skb_to_mbuf(skb)));
	TEST_ASSERT_IN_USE(mp, 2);
	TEST_ASSERT_EQ(skb_network_offset(skb), 14);
	TEST_ASSERT_EQ(skb_network_header(skb) - skb_head(skb), 134);
	TEST_ASSERT_EQ(skb_headlen(skb), 50);
	TEST_ASSERT_EQ(skb_len(skb), 60);
	TEST_ASSERT(skb_is_pat(skb, 0), "bytes after expand 100,0");
	/* more tail */
	TEST_ASSERT_EQ(pskb_expand_head(skb, 0, 1000), 0);
	TEST_ASSERT_EQ(skb_headroom(skb), 120);
	TEST_ASSERT(rte_pktmbuf_tailroom(skb_to_mbuf(skb)) >= tail + 1000, "tailroom %u",
		    rte_pktmbuf_tailroom(skb_to_mbuf(skb)));
	TEST_ASSERT(skb_is_pat(skb, 0), "bytes after expand 0,1000");
	/* refusals: the skb is unchanged */
	TEST_ASSERT_EQ(pskb_expand_head(skb, -1, 0), -EINVAL);
	TEST_ASSERT_EQ(pskb_expand_head(skb, 0, -1), -EINVAL);
	TEST_ASSERT_EQ(pskb_expand_head(skb, 70000, 0), -ENOMEM);
	skb_get(skb);
	TEST_ASSERT_EQ(pskb_expand_head(skb, 10, 0), -EINVAL);
	kfree_skb(skb);
	TEST_ASSERT_EQ(skb_headroom(skb), 120);
	TEST_ASSERT_EQ(skb_len(skb), 60);
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(mp, result, skb);
}

/* skb_copy: private and linear, headroom bytes and offsets kept. */
static int
test_skb_copy(void)
{
	static const unsigned int lens[] = { 50, 10 };
	struct sk_buff *skb = make_chain(mp, 20, lens, 2), *n = NULL;
	int result = TEST_FAILED;

	TEST_ASSERT(skb != NULL, "make_chain");
	set_meta(skb);
	TEST_ASSERT(skb_pull(skb, 14) != NULL, "pull the mac header");
	n = skb_copy(skb);
	TEST_ASSERT(n != NULL, "skb_copy");
	TEST_ASSERT_EQ(skb_headroom(n), 34);
	TEST_ASSERT_EQ(skb_headlen(n), 46);
	TEST_ASSERT_EQ(skb_len(n), 46);
	TEST_ASSERT_EQ(skb_nr_frags(n), 0);
	TEST_ASSERT_EQ(skb_mac_offset(n), -14);
	TEST_ASSERT_EQ(skb_network_offset(n), 0);
	TEST_ASSERT_EQ(skb_transport_offset(n), 20);
	TEST_ASSERT(is_pat(skb_mac_header(n), 0, 60), "mac header and data");
	TEST_ASSERT_EQ(n->cb[0], 0x42);
	TEST_ASSERT_EQ(n->mark, 7);
	TEST_ASSERT(!(n->skb_flags & SKB_FL_CLONED), "copy marked cloned");
	TEST_ASSERT(!skb_cloned(n) && !skb_cloned(skb), "copy shares");
	TEST_ASSERT_IN_USE(mp, 3);
	memset(skb_data(n), 0, 46);
	TEST_ASSERT(skb_is_pat(skb, 14), "original changed by the copy");
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(mp, result, n, skb);
}

/* pskb_copy: private head, shared frags; unshare then copies because of those frags. */
static int
test_pskb_copy_unshare(void)
{
	static const unsigned int lens[] = { 30, 40 };
	struct sk_buff *skb = make_chain(mp, 16, lens, 2), *p = NULL, *u;

	TEST_ASSERT(skb != NULL, "make_chain");
	set_meta(skb);
	/* nothing shared: unshare gives the skb itself back */
	u = skb_unshare(skb);
	TEST_ASSERT_PTR_EQ(u, skb);
	p = pskb_copy(skb);
	TEST_ASSERT(p != NULL, "pskb_copy");
	TEST_ASSERT_EQ(skb_headroom(p), 16);
	TEST_ASSERT_EQ(skb_headlen(p), 30);
	TEST_ASSERT_EQ(skb_len(p), 70);
	TEST_ASSERT_EQ(skb_nr_frags(p), 1);
	TEST_ASSERT_EQ(skb_network_offset(p), 14);
	TEST_ASSERT_EQ(p->cb[47], 0x24);
	TEST_ASSERT(skb_is_pat(p, 0), "pskb_copy bytes");
	TEST_ASSERT(!skb_cloned(p), "private head cloned");
	TEST_ASSERT(!skb_cloned(skb), "original head cloned");
	TEST_ASSERT_IN_USE(mp, 4);
	memset(skb_data(p), 0, 30);
	TEST_ASSERT(skb_is_pat(skb, 0), "head write reached the original");
	/* the frag is shared: unshare copies and frees the original */
	u = skb_unshare(skb);
	skb = NULL;
	TEST_ASSERT(u != NULL, "skb_unshare");
	TEST_ASSERT_EQ(skb_nr_frags(u), 0);
	TEST_ASSERT_EQ(skb_len(u), 70);
	TEST_ASSERT(skb_is_pat(u, 0), "unshared bytes");
	/* p (head, frag view) + the original's frag, lent to p until p goes + u */
	TEST_ASSERT_IN_USE(mp, 4);
	TEST_ASSERT_PTR_EQ(skb_unshare(u), u);
	kfree_skb(u);
	kfree_skb(p);
	p = NULL;
	TEST_ASSERT_POOL_EMPTY(mp);

	/* a cloned skb: unshare returns a private copy, the clone keeps the data */
	skb = make_chain(mp, 16, lens, 1);
	TEST_ASSERT(skb != NULL, "make_chain");
	p = skb_clone(skb);
	TEST_ASSERT(p != NULL, "clone");
	u = skb_unshare(p);
	p = NULL;
	TEST_ASSERT(u != NULL && u != skb, "unshare of a clone");
	TEST_ASSERT(!skb_cloned(skb), "original still cloned");
	TEST_ASSERT(skb_is_pat(u, 0), "unshared clone bytes");
	TEST_ASSERT_IN_USE(mp, 2);
	kfree_skb(u);
	kfree_skb(skb);
	skb = NULL;
	TEST_ASSERT_POOL_EMPTY(mp);
	return TEST_SUCCESS;
fail:
	kfree_skb(p);
	kfree_skb(skb);
	return TEST_FAILED;
}

/* skb_realloc_headroom: a new skb with the room, the original untouched. */
static int
test_realloc_headroom(void)
{
	static const unsigned int lens[] = { 40, 20 };
	struct sk_buff *skb = make_chain(mp, 16, lens, 2), *n = NULL;
	int result = TEST_FAILED;

	TEST_ASSERT(skb != NULL, "make_chain");
	set_meta(skb);
	n = skb_realloc_headroom(skb, 200);
	TEST_ASSERT(n != NULL && n != skb, "realloc 200");
	TEST_ASSERT(skb_headroom(n) >= 200, "headroom %u", skb_headroom(n));
	TEST_ASSERT_EQ(skb_len(n), 60);
	TEST_ASSERT_EQ(skb_network_offset(n), 14);
	TEST_ASSERT(skb_is_pat(n, 0), "bytes");
	TEST_ASSERT(!skb_cloned(n), "new head shared");
	TEST_ASSERT_EQ(skb_headroom(skb), 16);
	TEST_ASSERT(skb_push(n, 200) != NULL, "push 200");
	memset(skb_data(n), 0x77, 200 + 40);
	TEST_ASSERT(skb_is_pat(skb, 0), "original changed");
	kfree_skb(n);
	n = skb_realloc_headroom(skb, 8);
	TEST_ASSERT(n != NULL && n != skb, "realloc 8");
	TEST_ASSERT_EQ(skb_headroom(n), 16);
	TEST_ASSERT(skb_is_pat(n, 0), "bytes");
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(mp, result, n, skb);
}

/* DPDK indirect mbufs next to skb clones: cow refuses to move a head they point into. */
static int
test_dpdk_indirect(void)
{
	static const unsigned int lens[] = { 40 };
	struct sk_buff *skb = make_chain(mp, 32, lens, 1), *c = NULL;
	struct rte_mbuf *mi = NULL, *mi2 = NULL;

	TEST_ASSERT(skb != NULL, "make_chain");
	mi = rte_pktmbuf_clone(skb_to_mbuf(skb), mp);
	TEST_ASSERT(mi != NULL, "rte_pktmbuf_clone");
	TEST_ASSERT(skb_cloned(skb), "not cloned with an indirect mbuf on it");
	TEST_ASSERT_EQ(skb_cow_head(skb, 0), -EBUSY);
	TEST_ASSERT_EQ(pskb_expand_head(skb, 8, 0), -EBUSY);
	TEST_ASSERT_EQ(skb_headroom(skb), 32);
	c = skb_clone(skb); /* our clone beside theirs */
	TEST_ASSERT(c != NULL, "skb_clone");
	TEST_ASSERT_EQ(skb_cow_head(skb, 0), -EBUSY);
	/* a DPDK clone of our clone shares our clone's shinfo */
	mi2 = rte_pktmbuf_clone(skb_to_mbuf(c), mp);
	TEST_ASSERT(mi2 != NULL, "rte_pktmbuf_clone of a clone");
	rte_pktmbuf_free(mi);
	mi = NULL;
	/* a DPDK clone carries the metadata flag: freeing it as an skb is still exact */
	mi = rte_pktmbuf_clone(skb_to_mbuf(skb), mp);
	TEST_ASSERT(mi != NULL, "rte_pktmbuf_clone");
	TEST_ASSERT(!skb_shared(__skb_from_mbuf(mi)), "DPDK clone reads as shared");
	kfree_skb(__skb_from_mbuf(mi));
	mi = NULL;
	TEST_ASSERT_EQ(skb_cow_head(skb, 0), 0);
	TEST_ASSERT(!skb_cloned(skb), "cloned after cow");
	memset(skb_data(skb), 0, 40);
	kfree_skb(skb);
	skb = NULL;
	kfree_skb(c);
	c = NULL;
	TEST_ASSERT(is_pat(rte_pktmbuf_mtod(mi2, uint8_t *), 0, 40), "DPDK clone of a clone");
	/* mi2, the lending mbuf, and the cow buffer that mbuf holds until it goes */
	TEST_ASSERT_IN_USE(mp, 3);
	rte_pktmbuf_free(mi2);
	mi2 = NULL;
	TEST_ASSERT_POOL_EMPTY(mp);
	return TEST_SUCCESS;
fail:
	rte_pktmbuf_free(mi2);
	rte_pktmbuf_free(mi);
	kfree_skb(c);
	kfree_skb(skb);
	return TEST_FAILED;
}

static int
setup(void)
{
	return test_pool_setup(&mp, "clone_pool", TPOOL_N, TROOM);
}

static const struct unit_test tests[] = {
	UNIT_SETUP(setup),
	UNIT_TEST(test_clone_shares),
	UNIT_TEST(test_clone_cow_write),
	UNIT_TEST(test_cow_head_headroom),
	UNIT_TEST(test_expand_head),
	UNIT_TEST(test_expand_head_64k),
	UNIT_TEST(test_skb_copy),
	UNIT_TEST(test_pskb_copy_unshare),
	UNIT_TEST(test_realloc_headroom),
	UNIT_TEST(test_dpdk_indirect),
};

UNIT_TEST_MAIN(tests)
