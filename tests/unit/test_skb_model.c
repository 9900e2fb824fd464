/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Randomised model test of libskb: thousands of random calls (put, push after
 * cow, pulls, trims, may_pull, clone, copies, unshare + store, frags, ext frags,
 * split, linearize, free) on a few skbs, each checked byte for byte against a
 * plain array after every call.  Failed calls must leave the skb as it was.
 */

#include "test_pool.h"

#define NSKB 5
#define MAXLEN 6000
#define OPS 30000
#define ARENA (1 << 20)

static struct rte_mempool *mp;

struct model {
	struct sk_buff *skb;
	unsigned int len;
	uint8_t data[MAXLEN];
};

static struct model mods[NSKB];
static uint8_t arena[ARENA];
static unsigned int arena_used, ext_added, ext_released;
static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint8_t scratch[65536];

static uint32_t
rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return n ? (uint32_t)(rng % n) : 0;
}

static void
fill(uint8_t *p, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)rnd(256);
}

static void
ext_release(void *addr, void *opaque)
{
	RTE_SET_USED(addr);
	RTE_SET_USED(opaque);
	ext_released++;
}

/* 0 when skb and model agree exactly. */
static int
check(const struct model *md, unsigned int op, unsigned int step)
{
	const struct sk_buff *skb = md->skb;
	const struct rte_mbuf *m;
	unsigned int segs = 0, sum = 0;

	if (skb_len(skb) != md->len) {
		printf("# step %u op %u: len %u, model %u\n", step, op, skb_len(skb), md->len);
		return -1;
	}
	for (m = &skb->mbuf; m != NULL; m = m->next) {
		segs++;
		sum += m->data_len;
	}
	if (segs != skb->mbuf.nb_segs || sum != md->len || segs > MAX_SKB_FRAGS + 1u) {
		printf("# step %u op %u: chain segs %u/%u sum %u\n", step, op, segs,
		       skb->mbuf.nb_segs, sum);
		return -1;
	}
	if (skb_copy_bits(skb, 0, scratch, (int)md->len) != 0 ||
	    memcmp(scratch, md->data, md->len) != 0) {
		unsigned int k = 0;

		while (k < md->len && scratch[k] == md->data[k])
			k++;
		printf("# step %u op %u: bytes differ at %u of %u (headlen %u segs %u headroom %u ext %d)\n",
		       step, op, k, md->len, skb_headlen(skb), skb->mbuf.nb_segs,
		       skb_headroom(skb), RTE_MBUF_HAS_EXTBUF(&skb->mbuf) ? 1 : 0);
		return -1;
	}
	if (md->len > 0) {
		unsigned int off = rnd(md->len), n = rnd(md->len - off) + 1;
		const uint8_t *p = skb_header_pointer(skb, (int)off, (int)n, scratch);

		if (p == NULL || memcmp(p, md->data + off, n) != 0) {
			printf("# step %u op %u: header_pointer %u+%u\n", step, op, off, n);
			return -1;
		}
	}
	return 0;
}

static struct model *
free_slot(void)
{
	unsigned int i;

	for (i = 0; i < NSKB; i++)
		if (mods[i].skb == NULL)
			return &mods[i];
	return NULL;
}

static void
drop(struct model *md)
{
	kfree_skb(md->skb);
	md->skb = NULL;
	md->len = 0;
}

/* One random call on @md; *@touched2 gets a second skb it made.  Returns the op, or 100 + op when a contract broke. */
static unsigned int
one_op(struct model *md, struct model **touched2)
{
	struct sk_buff *skb = md->skb;
	unsigned int op = rnd(16), n, len = md->len, old_len = skb_len(skb);
	struct model *nw;
	uint8_t *p;

	*touched2 = NULL;
	switch (op) {
	case 0: /* put, after a cow when a clone shares the buffer (the tail is shared too) */
		n = rnd(300);
		if (len + n > MAXLEN || skb_cow_head(skb, 0) != 0)
			break;
		p = skb_put(skb, n);
		if (p == NULL) {
			if (!skb_is_nonlinear(skb) && n <= (unsigned int)skb_tailroom(skb))
				return 100;
			break;
		}
		fill(p, n);
		memcpy(md->data + len, p, n);
		md->len += n;
		break;
	case 1: /* push after cow */
		n = rnd(100);
		if (len + n > MAXLEN || skb_cow_head(skb, n) != 0)
			break;
		p = skb_push(skb, n);
		if (p == NULL)
			return 101;
		fill(p, n);
		memmove(md->data + n, md->data, len);
		memcpy(md->data, p, n);
		md->len += n;
		break;
	case 2: /* skb_pull */
		n = rnd(skb_headlen(skb) + 2);
		if (skb_pull(skb, n) == NULL) {
			if (n <= len && n <= skb_headlen(skb))
				return 102;
			break;
		}
		memmove(md->data, md->data + n, len - n);
		md->len -= n;
		break;
	case 3: /* pskb_pull */
		n = rnd(len + 2);
		if (pskb_pull(skb, n) == NULL) {
			if (n <= len)
				return 103;
			break;
		}
		memmove(md->data, md->data + n, len - n);
		md->len -= n;
		break;
	case 4: /* pskb_trim */
		n = rnd(len + 10);
		if (pskb_trim(skb, n) != 0)
			return 104;
		if (n < len)
			md->len = n;
		break;
	case 5: /* pskb_may_pull */
		n = rnd(len + 2);
		if (pskb_may_pull(skb, n)) {
			if (skb_headlen(skb) < n)
				return 105;
		} else if (n <= len && rte_mempool_avail_count(mp) > 8) {
			return 105; /* only an empty pool may refuse */
		}
		break;
	case 6: /* clone */
	case 7: /* skb_copy / pskb_copy */
		nw = free_slot();
		if (nw == NULL)
			break;
		nw->skb = op == 6 ? skb_clone(skb) : rnd(2) ? skb_copy(skb) : pskb_copy(skb);
		if (nw->skb == NULL)
			break;
		nw->len = len;
		memcpy(nw->data, md->data, len);
		*touched2 = nw;
		break;
	case 8: /* unshare, then store */
		skb = skb_unshare(skb);
		md->skb = skb;
		if (skb == NULL) {
			md->len = 0;
			return 0; /* freed with the failed copy, as Linux */
		}
		if (len == 0)
			break;
		n = rnd(len);
		{
			unsigned int k = rnd(len - n) + 1;

			fill(scratch, k);
			if (skb_store_bits(skb, (int)n, scratch, (int)k) != 0)
				return 108;
			memcpy(md->data + n, scratch, k);
		}
		break;
	case 9: { /* append a new frag */
		struct sk_buff *f;

		n = rnd(200) + 1;
		if (len + n > MAXLEN)
			break;
		f = alloc_skb(mp, n);
		if (f == NULL)
			break;
		p = skb_put(f, n);
		fill(p, n);
		if (skb_append_frag(skb, f) != 0) {
			if (skb_len(skb) != old_len)
				return 109;
			kfree_skb(f);
			break;
		}
		memcpy(md->data + len, p, n);
		md->len += n;
		break;
	}
	case 10: /* ext frag */
		n = rnd(400) + 1;
		if (len + n > MAXLEN || arena_used + n > ARENA)
			break;
		p = arena + arena_used;
		fill(p, n);
		if (skb_add_ext_frag(skb, p, n, ext_release, NULL) != 0) {
			if (skb_len(skb) != old_len)
				return 110;
			break;
		}
		arena_used += n;
		ext_added++;
		memcpy(md->data + len, p, n);
		md->len += n;
		break;
	case 11: /* split */
		nw = free_slot();
		if (nw == NULL)
			break;
		nw->skb = alloc_skb(mp, 64);
		if (nw->skb == NULL)
			break;
		n = rnd(len + 1);
		if (skb_split(skb, nw->skb, n) != 0) {
			if (skb_len(skb) != old_len || skb_len(nw->skb) != 0)
				return 111;
			drop(nw);
			break;
		}
		nw->len = len - n;
		memcpy(nw->data, md->data + n, len - n);
		md->len = n;
		*touched2 = nw;
		break;
	case 12: /* linearize */
		if (skb_linearize(skb) == 0 && skb_is_nonlinear(skb))
			return 112;
		break;
	case 13: /* expand head */
		if (pskb_expand_head(skb, (int)rnd(64), (int)rnd(64)) != 0 &&
		    skb_len(skb) != old_len)
			return 113;
		break;
	case 14: /* free now and then */
		if (rnd(4) == 0)
			drop(md);
		break;
	default: /* trim, linear or not */
		n = rnd(len + 10);
		skb_trim(skb, n);
		if (n < len)
			md->len = n;
		break;
	}
	return op;
}

static int
test_random_ops(void)
{
	unsigned int step, i;
	uint64_t shared_writes = skb_misuse_count(SKB_MISUSE_SHARED_WRITE);

	if (getenv("SKB_MODEL_SEED") != NULL) /* to explore: the default seed is fixed */
		rng = strtoull(getenv("SKB_MODEL_SEED"), NULL, 0) | 1;
	memset(mods, 0, sizeof(mods));
	arena_used = ext_added = ext_released = 0;
	for (step = 0; step < OPS; step++) {
		struct model *md = &mods[rnd(NSKB)], *nw;
		unsigned int op;

		if (md->skb == NULL) {
			md->skb = alloc_skb(mp, 128 + rnd(256));
			if (md->skb == NULL)
				continue;
			skb_reserve(md->skb, (int)rnd(128));
			md->len = 0;
			continue;
		}
		op = one_op(md, &nw);
		TEST_ASSERT(op < 100, "step %u: op %u broke its contract", step, op - 100);
		if (md->skb != NULL && check(md, op, step) != 0)
			goto fail;
		if (nw != NULL && check(nw, op, step) != 0)
			goto fail;
	}
	/* every live skb checked once more, then all freed */
	for (i = 0; i < NSKB; i++) {
		if (mods[i].skb != NULL && check(&mods[i], 99, OPS) != 0)
			goto fail;
		drop(&mods[i]);
	}
	TEST_ASSERT(ext_added > 100, "only %u ext frags", ext_added);
	TEST_ASSERT_EQ(ext_released, ext_added);
	/* the debug build counts any write into shared data the calls above let through */
	TEST_ASSERT_EQ(skb_misuse_count(SKB_MISUSE_SHARED_WRITE), shared_writes);
	TEST_ASSERT_POOL_EMPTY(mp);
	return TEST_SUCCESS;
fail:
	for (i = 0; i < NSKB; i++)
		drop(&mods[i]);
	return TEST_FAILED;
}

static int
setup(void)
{
	return test_pool_setup(&mp, "model_pool", 512, TROOM);
}

static const struct unit_test tests[] = {
	UNIT_SETUP(setup),
	UNIT_TEST(test_random_ops),
};

UNIT_TEST_MAIN(tests)
