/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * skbfwd's drop helpers: each named drop is counted in the stream and under
 * its libskb reason (kfree_skb_reason), one for one.
 */

#include <string.h>

#include "test_pool.h"
#include "engine.h"

static struct rte_mempool *mp;

/* The libskb reason each of skbfwd's names maps to (the FWD_DROP_REASONS table as documented). */
static const struct {
	enum fwd_drop fwd;
	const char *skb_name;
} want[] = {
	{ FWD_DROP_TX_FULL, "FULL_RING" },
	{ FWD_DROP_TRUNCATED, "PKT_TOO_SMALL" },
	{ FWD_DROP_BAD_HEADER, "BAD_HEADER" },
	{ FWD_DROP_BAD_CHECKSUM, "BAD_CHECKSUM" },
	{ FWD_DROP_TTL_EXPIRED, "TTL_EXPIRED" },
	{ FWD_DROP_NO_ROUTE, "IP_INNOROUTES" },
	{ FWD_DROP_NOT_IPV4, "UNHANDLED_PROTO" },
	{ FWD_DROP_NOT_TUNNEL, "NOT_TUNNEL" },
	{ FWD_DROP_NO_MBUF, "NOMEM" },
	{ FWD_DROP_NO_HEADROOM, "NO_HEADROOM" },
	{ FWD_DROP_UNSUPPORTED, "UNSUPPORTED" },
	{ FWD_DROP_NOT_FOR_US, "OTHERHOST" },
	{ FWD_DROP_BAD_ADDRESS, "IP_INHDR" },
	{ FWD_DROP_CONSUMED, "CONSUMED" },
};

static int
test_fwd_drop_counts(void)
{
	static struct fwd_stream fs;
	unsigned int i;

	TEST_ASSERT_EQ(RTE_DIM(want), FWD_DROP_MAX);
	for (i = 0; i < RTE_DIM(want); i++) {
		enum skb_drop_reason r = (enum skb_drop_reason)fwd_drop_skb_reason[want[i].fwd];
		uint64_t before = skb_drop_count(r);
		struct sk_buff *skb = alloc_skb(mp, 64);

		TEST_ASSERT(skb != NULL, "alloc_skb");
		TEST_ASSERT(strcmp(skb_drop_reason_name(r), want[i].skb_name) == 0,
			    "%s maps to %s", want[i].skb_name, skb_drop_reason_name(r));
		fwd_drop(&fs, skb, want[i].fwd);
		TEST_ASSERT_EQ(fs.drops[want[i].fwd], 1);
		TEST_ASSERT_EQ(skb_drop_count(r), before + 1);
		TEST_ASSERT_POOL_EMPTY(mp);
	}
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

static int
test_fwd_drop_bulk(void)
{
	static struct fwd_stream fs;
	struct sk_buff *skbs[3] = { NULL, NULL, NULL };
	uint64_t before = skb_drop_count(SKB_DROP_REASON_FULL_RING);
	unsigned int i;

	for (i = 0; i < RTE_DIM(skbs); i++) {
		skbs[i] = alloc_skb(mp, 64);
		TEST_ASSERT(skbs[i] != NULL, "alloc_skb");
	}
	/* one is held elsewhere too: the stream counts 3, libskb the 2 freed */
	skb_get(skbs[1]);
	fwd_drop_bulk(&fs, skbs, 3, FWD_DROP_TX_FULL);
	TEST_ASSERT_EQ(fs.drops[FWD_DROP_TX_FULL], 3);
	TEST_ASSERT_EQ(skb_drop_count(SKB_DROP_REASON_FULL_RING), before + 2);
	TEST_ASSERT_IN_USE(mp, 1);
	fwd_drop_bulk(&fs, &skbs[1], 1, FWD_DROP_TX_FULL);
	TEST_ASSERT_EQ(fs.drops[FWD_DROP_TX_FULL], 4);
	TEST_ASSERT_EQ(skb_drop_count(SKB_DROP_REASON_FULL_RING), before + 3);
	TEST_ASSERT_POOL_EMPTY(mp);
	return TEST_SUCCESS;
fail:
	for (i = 0; i < RTE_DIM(skbs); i++)
		kfree_skb(skbs[i]);
	return TEST_FAILED;
}

/* The sink's bare twin: skbs a PMD filled (bare mbufs, one chained), all freed and counted. */
static int
test_fwd_drop_bulk_bare(void)
{
	static struct fwd_stream fs;
	struct rte_mbuf *m[4] = { NULL, NULL, NULL, NULL };
	struct sk_buff *skbs[3];
	uint64_t before = skb_drop_count(SKB_DROP_REASON_CONSUMED);
	unsigned int i;

	TEST_ASSERT(rte_pktmbuf_alloc_bulk(mp, m, 4) == 0, "rte_pktmbuf_alloc_bulk");
	TEST_ASSERT(rte_pktmbuf_append(m[0], 60) != NULL && rte_pktmbuf_append(m[3], 40) != NULL,
		    "append");
	TEST_ASSERT(rte_pktmbuf_chain(m[0], m[3]) == 0, "chain");
	m[3] = NULL;
	for (i = 0; i < RTE_DIM(skbs); i++)
		skbs[i] = __skb_from_mbuf(m[i]);
	TEST_ASSERT_IN_USE(mp, 4);
	memset(m, 0, sizeof(m));   /* the skbs own them now: freed below, not on failure */
	__fwd_drop_bulk(&fs, skbs, 3, FWD_DROP_CONSUMED);
	TEST_ASSERT_EQ(fs.drops[FWD_DROP_CONSUMED], 3);
	TEST_ASSERT_EQ(skb_drop_count(SKB_DROP_REASON_CONSUMED), before + 3);
	TEST_ASSERT_POOL_EMPTY(mp);
	/* an empty burst frees and counts nothing */
	__fwd_drop_bulk(&fs, skbs, 0, FWD_DROP_CONSUMED);
	TEST_ASSERT_EQ(fs.drops[FWD_DROP_CONSUMED], 3);
	TEST_ASSERT_EQ(skb_drop_count(SKB_DROP_REASON_CONSUMED), before + 3);
	return TEST_SUCCESS;
fail:
	for (i = 0; i < RTE_DIM(m); i++)
		rte_pktmbuf_free(m[i]);
	return TEST_FAILED;
}

static int
setup(void)
{
	return test_pool_setup(&mp, "fwd_drop_pool", 16, RTE_MBUF_DEFAULT_BUF_SIZE);
}

static const struct unit_test tests[] = {
	UNIT_SETUP(setup),
	UNIT_TEST(test_fwd_drop_counts),
	UNIT_TEST(test_fwd_drop_bulk),
	UNIT_TEST(test_fwd_drop_bulk_bare),
};

UNIT_TEST_MAIN(tests)
