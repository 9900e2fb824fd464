/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Unit tests of skb field validity: an skb from every public call that hands
 * one out has valid fields, and the plain fields kernel code writes (protocol,
 * mark, priority, cb) survive every header setter, pull, push, clone and cow.
 * Kernel RX code sets skb->protocol and then calls skb_reset_network_header():
 * that order is the first thing checked on each skb.  ip_summed comes from
 * the RX checksum flags on each receiving path.
 */

#include "test_pool.h"
#include "test_ring_port.h"

#define POOL_N 128
#define ROOM RTE_MBUF_DEFAULT_BUF_SIZE /* 2048 + 128 */
#define FRAME 100

static struct rte_mempool *pool;
static struct rte_ring *ring_rx, *ring_tx;
static uint16_t ring_port;

/* the values a kernel RX path writes */
#define T_PROTO RTE_BE16(RTE_ETHER_TYPE_IPV4)
#define T_MARK 0xdeadbeefu
#define T_PRIO 7u

static uint8_t
cbv(unsigned int i)
{
	return (uint8_t)(0xa0 + i);
}

static int
setup(void)
{
	if (test_pool_setup(&pool, "fields_pool", POOL_N, ROOM) != TEST_SUCCESS ||
	    test_ring_port("fields", pool, &ring_rx, &ring_tx, &ring_port) != TEST_SUCCESS)
		return TEST_FAILED;
	return skb_netdev_set_pool(ring_port, pool) == 0 ? TEST_SUCCESS : TEST_FAILED;
}

/* Fill the whole private area of mbuf @m with junk: what a former life left there. */
static void
dirty(struct rte_mbuf *m)
{
	memset((char *)m + sizeof(struct rte_mbuf), 0x5a, SKB_PRIV_SIZE);
}

/* The fields of a fresh skb: users 1, offsets unset, the rest 0. */
static int
check_fresh(const struct sk_buff *skb)
{
	unsigned int i;

	TEST_ASSERT(skb_meta_valid(skb), "fields not marked valid");
	TEST_ASSERT_EQ(skb->users, 1);
	TEST_ASSERT_EQ(skb->mac_header, SKB_HDR_UNSET);
	TEST_ASSERT_EQ(skb->network_header, SKB_HDR_UNSET);
	TEST_ASSERT_EQ(skb->transport_header, SKB_HDR_UNSET);
	TEST_ASSERT_EQ(skb->inner_mac_header, SKB_HDR_UNSET);
	TEST_ASSERT_EQ(skb->inner_network_header, SKB_HDR_UNSET);
	TEST_ASSERT_EQ(skb->inner_transport_header, SKB_HDR_UNSET);
	TEST_ASSERT_EQ(skb->protocol, 0);
	TEST_ASSERT_EQ(skb->ip_summed, CHECKSUM_NONE);
	TEST_ASSERT_EQ(skb->encapsulation, 0);
	TEST_ASSERT_EQ(skb->csum, 0);
	TEST_ASSERT_EQ(skb->priority, 0);
	TEST_ASSERT_EQ(skb->mark, 0);
	TEST_ASSERT_EQ(skb->pkt_type, 0);
	TEST_ASSERT_EQ(skb->shinfo.gso_size, 0);
	TEST_ASSERT_EQ(skb->shinfo.gso_type, 0);
	for (i = 0; i < sizeof(skb->cb); i++)
		TEST_ASSERT_EQ(skb->cb[i], 0);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

/* Write what kernel RX code writes, in its order: protocol, then the network header. */
static void
write_fields(struct sk_buff *skb)
{
	unsigned int i;

	skb->protocol = T_PROTO;
	skb->mark = T_MARK;
	skb->priority = T_PRIO;
	for (i = 0; i < sizeof(skb->cb); i++)
		skb->cb[i] = (char)cbv(i);
}

static int
check_fields(const struct sk_buff *skb)
{
	unsigned int i;

	TEST_ASSERT_EQ(skb->protocol, T_PROTO);
	TEST_ASSERT_EQ(skb->mark, T_MARK);
	TEST_ASSERT_EQ(skb->priority, T_PRIO);
	for (i = 0; i < sizeof(skb->cb); i++)
		TEST_ASSERT_EQ((uint8_t)skb->cb[i], cbv(i));
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

/*
 * Check that @skb (FRAME bytes of data) has a fresh skb's fields, set them,
 * then run every header setter, pull, push, shinfo, get, clone, cow, head
 * expansion, copy and trim over it, checking after each.  Frees @skb.
 */
static int
exercise(struct sk_buff *skb)
{
	struct sk_buff *c = NULL, *p = NULL;
	unsigned int off;

	TEST_ASSERT(skb != NULL, "no skb");
	if (check_fresh(skb) != TEST_SUCCESS)
		goto fail;
	write_fields(skb);
	/* kernel RX order: protocol first, then the headers */
	skb_reset_network_header(skb);
	off = skb_headroom(skb);
	TEST_ASSERT_EQ(skb->network_header, off);
	if (check_fields(skb) != TEST_SUCCESS)
		goto fail;
	skb_reset_mac_header(skb);
	skb_set_network_header(skb, 14);
	skb_set_transport_header(skb, 34);
	skb_reset_transport_header(skb);
	skb_set_transport_header(skb, 34);
	skb_reset_inner_mac_header(skb);
	skb_set_inner_network_header(skb, 14);
	skb_set_inner_transport_header(skb, 34);
	skb_reset_inner_network_header(skb);
	skb_reset_inner_transport_header(skb);
	TEST_ASSERT_EQ(skb->mac_header, off);
	TEST_ASSERT_EQ(skb->network_header, off + 14);
	TEST_ASSERT_EQ(skb->transport_header, off + 34);
	TEST_ASSERT_EQ(skb->inner_mac_header, off);
	TEST_ASSERT_EQ(skb->inner_network_header, off);
	TEST_ASSERT_EQ(skb->inner_transport_header, off);
	if (check_fields(skb) != TEST_SUCCESS)
		goto fail;
	TEST_ASSERT(skb_pull(skb, 14) != NULL, "pull");
	TEST_ASSERT(skb_push(skb, 14) != NULL, "push");
	TEST_ASSERT(pskb_may_pull(skb, 20), "may_pull");
	TEST_ASSERT(skb_shinfo(skb) != NULL, "shinfo");
	kfree_skb(skb_get(skb));
	TEST_ASSERT_EQ(skb->users, 1);
	if (check_fields(skb) != TEST_SUCCESS)
		goto fail;
	/* a clone copies them; a cow of either keeps them */
	c = skb_clone(skb);
	TEST_ASSERT(c != NULL, "clone");
	if (check_fields(c) != TEST_SUCCESS || check_fields(skb) != TEST_SUCCESS)
		goto fail;
	TEST_ASSERT_EQ(c->network_header, off + 14);
	TEST_ASSERT_EQ(c->inner_transport_header, off);
	TEST_ASSERT_EQ(skb_cow_head(c, off + 32), 0);
	TEST_ASSERT_EQ(skb_cow_head(skb, 0), 0);
	TEST_ASSERT(!skb_cloned(skb) && !skb_cloned(c), "still shared after cow");
	if (check_fields(c) != TEST_SUCCESS || check_fields(skb) != TEST_SUCCESS)
		goto fail;
	/* the cow with more headroom moved c's data: offsets follow it */
	TEST_ASSERT_EQ(c->network_header, skb_headroom(c) + 14);
	TEST_ASSERT_EQ(pskb_expand_head(skb, 16, 16), 0);
	TEST_ASSERT_EQ(skb->network_header, off + 16 + 14);
	TEST_ASSERT_EQ(skb->inner_mac_header, off + 16);
	if (check_fields(skb) != TEST_SUCCESS)
		goto fail;
	p = skb_copy(c);
	TEST_ASSERT(p != NULL, "copy");
	if (check_fields(p) != TEST_SUCCESS)
		goto fail;
	kfree_skb(p);
	p = pskb_copy(c);
	TEST_ASSERT(p != NULL, "pskb_copy");
	if (check_fields(p) != TEST_SUCCESS)
		goto fail;
	kfree_skb(p);
	p = NULL;
	kfree_skb(c);
	c = NULL;
	skb_trim(skb, 20);
	if (check_fields(skb) != TEST_SUCCESS)
		goto fail;
	kfree_skb(skb);
	return TEST_SUCCESS;
fail:
	kfree_skb(p);
	kfree_skb(c);
	kfree_skb(skb);
	return TEST_FAILED;
}

/* An skb of FRAME bytes after @headroom, from alloc_skb(). */
static struct sk_buff *
frame_skb(unsigned int headroom)
{
	struct sk_buff *skb = alloc_skb(pool, headroom + FRAME);

	if (skb == NULL)
		return NULL;
	skb_reserve(skb, (int)headroom);
	memset(skb_put(skb, FRAME), 0x11, FRAME);
	return skb;
}

static int
test_alloc_skb(void)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(pool);

	/* a former life's junk in the private area of the very mbuf alloc_skb() gets */
	TEST_ASSERT(m != NULL, "mbuf");
	dirty(m);
	rte_pktmbuf_free(m);
	TEST_ASSERT_EQ(exercise(frame_skb(RTE_PKTMBUF_HEADROOM)), TEST_SUCCESS);
	TEST_ASSERT_POOL_EMPTY(pool);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

static int
test_netdev_alloc_skb(void)
{
	struct sk_buff *skb = netdev_alloc_skb(ring_port, FRAME);

	TEST_ASSERT(skb != NULL, "netdev_alloc_skb");
	TEST_ASSERT_EQ(skb_headroom(skb), NET_SKB_PAD);
	memset(skb_put(skb, FRAME), 0x22, FRAME);
	TEST_ASSERT_EQ(exercise(skb), TEST_SUCCESS);
	skb = netdev_alloc_skb_ip_align(ring_port, FRAME);
	TEST_ASSERT(skb != NULL, "netdev_alloc_skb_ip_align");
	TEST_ASSERT_EQ(skb_headroom(skb), NET_SKB_PAD + NET_IP_ALIGN);
	memset(skb_put(skb, FRAME), 0x33, FRAME);
	TEST_ASSERT_EQ(exercise(skb), TEST_SUCCESS);
	TEST_ASSERT_POOL_EMPTY(pool);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

/* An mbuf as a PMD would hand it over: data, a stale private area, maybe the valid flag left on. */
static struct rte_mbuf *
stale_mbuf(bool flag_left)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(pool);

	if (m == NULL)
		return NULL;
	memset(rte_pktmbuf_append(m, FRAME), 0x44, FRAME);
	dirty(m);
	if (flag_left)
		m->ol_flags |= skb_meta_flag; /* net_ring keeps the sender's ol_flags */
	return m;
}

static int
test_skb_rx_burst(void)
{
	struct rte_mbuf *in[4];
	struct sk_buff *skbs[8];
	unsigned int i;
	uint16_t n;

	for (i = 0; i < 4; i++) {
		in[i] = stale_mbuf(i % 2 == 1);
		TEST_ASSERT(in[i] != NULL, "mbuf");
	}
	TEST_ASSERT_EQ(rte_ring_enqueue_bulk(ring_rx, (void **)in, 4, NULL), 4);
	n = skb_rx_burst(ring_port, 0, skbs, 8);
	TEST_ASSERT_EQ(n, 4);
	for (i = 0; i < n; i++) {
		TEST_ASSERT_PTR_EQ(skb_to_mbuf(skbs[i]), in[i]);
		TEST_ASSERT_EQ(skb_len(skbs[i]), FRAME);
		TEST_ASSERT_EQ(exercise(skbs[i]), TEST_SUCCESS);
	}
	TEST_ASSERT_POOL_EMPTY(pool);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

/* The bare twin leaves the fields alone: accessors stay right, the first setter initialises. */
static int
test___skb_rx_burst(void)
{
	struct rte_mbuf *in[2];
	struct sk_buff *skbs[2];
	unsigned int i;

	for (i = 0; i < 2; i++) {
		in[i] = stale_mbuf(false);
		TEST_ASSERT(in[i] != NULL, "mbuf");
	}
	TEST_ASSERT_EQ(rte_ring_enqueue_bulk(ring_rx, (void **)in, 2, NULL), 2);
	TEST_ASSERT_EQ(__skb_rx_burst(ring_port, 0, skbs, 2), 2);
	for (i = 0; i < 2; i++) {
		TEST_ASSERT(!skb_meta_valid(skbs[i]), "bare RX made the fields valid");
		TEST_ASSERT(!skb_shared(skbs[i]), "stale users read");
		TEST_ASSERT(!skb_network_header_was_set(skbs[i]), "stale offset read");
		TEST_ASSERT(!skb_is_gso(skbs[i]), "stale gso_size read");
	}
	/* skb_meta_prepare() makes them valid: then they are the fields of a fresh skb */
	TEST_ASSERT_EQ(exercise(skb_meta_prepare(skbs[0])), TEST_SUCCESS);
	/* the first setter initialises the stale area: fresh fields, its offset set */
	skb_reset_mac_header(skbs[1]);
	TEST_ASSERT_EQ(skbs[1]->mac_header, skb_headroom(skbs[1]));
	skbs[1]->mac_header = SKB_HDR_UNSET;
	TEST_ASSERT_EQ(check_fresh(skbs[1]), TEST_SUCCESS);
	kfree_skb(skbs[1]);
	TEST_ASSERT_POOL_EMPTY(pool);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

static int
test_skb_from_mbuf(void)
{
	unsigned int i;

	for (i = 0; i < 2; i++) {
		struct rte_mbuf *m = stale_mbuf(false);

		TEST_ASSERT(m != NULL, "mbuf");
		rte_pktmbuf_prepend(m, 0);
		TEST_ASSERT_EQ(exercise(skb_from_mbuf(m)), TEST_SUCCESS);
	}
	TEST_ASSERT_POOL_EMPTY(pool);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

/* Clones, copies and re-allocated heads of an skb whose fields are set carry them. */
static int
test_copies(void)
{
	struct sk_buff *skb = frame_skb(RTE_PKTMBUF_HEADROOM), *n[4];
	unsigned int i;
	int result = TEST_FAILED;

	TEST_ASSERT(skb != NULL, "skb");
	write_fields(skb);
	skb_reset_network_header(skb);
	n[0] = skb_clone(skb);
	n[1] = skb_copy(skb);
	n[2] = pskb_copy(skb);
	n[3] = skb_realloc_headroom(skb, RTE_PKTMBUF_HEADROOM + 64);
	for (i = 0; i < RTE_DIM(n); i++) {
		TEST_ASSERT(n[i] != NULL, "copy %u", i);
		TEST_ASSERT_EQ(check_fields(n[i]), TEST_SUCCESS);
		TEST_ASSERT_EQ(n[i]->users, 1);
		TEST_ASSERT_EQ(skb_network_offset(n[i]), 0);
		/* the copy then goes through everything itself, starting fresh */
		memset((char *)n[i] + SKB_META_OFF, 0, SKB_META_LEN);
		skb_meta_init(n[i]);
		TEST_ASSERT_EQ(exercise(n[i]), TEST_SUCCESS);
	}
	n[0] = skb_unshare(skb_clone(skb));
	TEST_ASSERT(n[0] != NULL, "unshare");
	TEST_ASSERT_EQ(check_fields(n[0]), TEST_SUCCESS);
	kfree_skb(n[0]);
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(pool, result, skb);
}

/*
 * ip_summed from the RX checksum flags, on every public path that hands out a
 * received skb: skb_rx_burst(), skb_from_mbuf(), and the lazy initialisation
 * of an skb from __skb_rx_burst().  [l4][ip] over UNKNOWN, BAD, GOOD, NONE:
 * only a GOOD L4 checksum with an IP checksum not BAD needs no check.
 */
static int
test_ip_summed_rx(void)
{
	static const uint64_t l4[4] = {
		RTE_MBUF_F_RX_L4_CKSUM_UNKNOWN, RTE_MBUF_F_RX_L4_CKSUM_BAD,
		RTE_MBUF_F_RX_L4_CKSUM_GOOD, RTE_MBUF_F_RX_L4_CKSUM_NONE,
	};
	static const uint64_t ip[4] = {
		RTE_MBUF_F_RX_IP_CKSUM_UNKNOWN, RTE_MBUF_F_RX_IP_CKSUM_BAD,
		RTE_MBUF_F_RX_IP_CKSUM_GOOD, RTE_MBUF_F_RX_IP_CKSUM_NONE,
	};
	static const uint8_t want[4][4] = {
		{ CHECKSUM_NONE, CHECKSUM_NONE, CHECKSUM_NONE, CHECKSUM_NONE },
		{ CHECKSUM_NONE, CHECKSUM_NONE, CHECKSUM_NONE, CHECKSUM_NONE },
		{ CHECKSUM_UNNECESSARY, CHECKSUM_NONE, CHECKSUM_UNNECESSARY, CHECKSUM_UNNECESSARY },
		{ CHECKSUM_NONE, CHECKSUM_NONE, CHECKSUM_NONE, CHECKSUM_NONE },
	};
	unsigned int a = 0, b = 0, path = 0;
	struct sk_buff *skb = NULL;

	for (a = 0; a < 4; a++) {
		for (b = 0; b < 4; b++) {
			for (path = 0; path < 3; path++) {
				struct rte_mbuf *m = stale_mbuf(false);
				uint16_t n;

				TEST_ASSERT(m != NULL, "mbuf");
				/* a stale private area that reads PARTIAL, to see it overwritten */
				((struct sk_buff *)m)->ip_summed = CHECKSUM_PARTIAL;
				m->ol_flags |= l4[a] | ip[b];
				if (path == 2) {
					skb = skb_from_mbuf(m);
				} else {
					/* net_ring hands over the sender's ol_flags as a PMD sets them */
					TEST_ASSERT_EQ(rte_ring_enqueue(ring_rx, m), 0);
					n = path == 0 ? skb_rx_burst(ring_port, 0, &skb, 1) :
							__skb_rx_burst(ring_port, 0, &skb, 1);
					TEST_ASSERT_EQ(n, 1);
					TEST_ASSERT_PTR_EQ(skb_to_mbuf(skb), m);
					if (path == 1) {
						TEST_ASSERT(!skb_meta_valid(skb), "bare RX made the fields valid");
						skb_reset_network_header(skb); /* the lazy init */
					}
				}
				TEST_ASSERT_EQ(skb->ip_summed, want[a][b]);
				TEST_ASSERT_EQ(skb->encapsulation, 0);
				kfree_skb(skb);
				skb = NULL;
			}
		}
	}
	/* an allocated skb: NONE */
	skb = alloc_skb(pool, 64);
	TEST_ASSERT(skb != NULL, "alloc_skb");
	TEST_ASSERT_EQ(skb->ip_summed, CHECKSUM_NONE);
	kfree_skb(skb);
	skb = NULL;
	TEST_ASSERT_POOL_EMPTY(pool);
	return TEST_SUCCESS;
fail:
	printf("# l4 %u ip %u path %u\n", a, b, path);
	kfree_skb(skb);
	return TEST_FAILED;
}

/*
 * skb_meta_init_eth() (and __skb_meta_init_eth() where no GOOD L4 checksum
 * flag is set) leaves every field as skb_meta_init(),
 * skb_reset_mac_header(), __skb_set_network_header(skb, RTE_ETHER_HDR_LEN)
 * and skb->protocol = protocol do, byte for byte, ol_flags included: over
 * data offsets whose network header offset wraps at 16 bits, both RX
 * checksum verdicts and both protocols.
 */
static int
test_skb_meta_init_eth(void)
{
	static const uint16_t offs[] = { 0, 1, RTE_PKTMBUF_HEADROOM, UINT16_MAX - 13, UINT16_MAX };
	static const uint16_t protos[] = { RTE_BE16(RTE_ETHER_TYPE_IPV4), RTE_BE16(RTE_ETHER_TYPE_IPV6) };
	static const uint64_t flags[] = { 0, RTE_MBUF_F_RX_L4_CKSUM_GOOD | RTE_MBUF_F_RX_IP_CKSUM_GOOD };
	unsigned char want[SKB_META_LEN];
	struct rte_mbuf *m = stale_mbuf(false);
	struct sk_buff *skb = (struct sk_buff *)m;
	unsigned int o, p, f;
	uint16_t data_off;
	uint64_t ol;

	if (m == NULL) {
		printf("# no mbuf\n");
		return TEST_FAILED;
	}
	data_off = m->data_off;
	for (o = 0; o < RTE_DIM(offs); o++) {
		for (p = 0; p < RTE_DIM(protos); p++) {
			for (f = 0; f < RTE_DIM(flags); f++) {
				/* the fields set one by one; only the offsets are read, never the data */
				m->data_off = offs[o];
				m->ol_flags = flags[f];
				memset((char *)skb + SKB_META_OFF, 0xa5, SKB_META_LEN);
				skb_meta_init(skb);
				skb_reset_mac_header(skb);
				__skb_set_network_header(skb, RTE_ETHER_HDR_LEN);
				skb->protocol = protos[p];
				memcpy(want, (char *)skb + SKB_META_OFF, SKB_META_LEN);
				ol = m->ol_flags;
				/* in one go */
				m->ol_flags = flags[f];
				memset((char *)skb + SKB_META_OFF, 0x5a, SKB_META_LEN);
				skb_meta_init_eth(skb, protos[p]);
				TEST_ASSERT_EQ(m->ol_flags, ol);
				TEST_ASSERT(memcmp((char *)skb + SKB_META_OFF, want, SKB_META_LEN) == 0,
					    "fields differ: data_off %u proto %#x flags %#" PRIx64,
					    offs[o], protos[p], flags[f]);
				TEST_ASSERT_EQ(skb->mac_header, offs[o]);
				TEST_ASSERT_EQ(skb->network_header, (uint16_t)(offs[o] + RTE_ETHER_HDR_LEN));
				if (flags[f] & RTE_MBUF_F_RX_L4_CKSUM_GOOD)
					continue;
				/* the unchecked twin, for flags without a GOOD L4 checksum */
				m->ol_flags = flags[f];
				memset((char *)skb + SKB_META_OFF, 0x5a, SKB_META_LEN);
				__skb_meta_init_eth(skb, protos[p]);
				TEST_ASSERT_EQ(m->ol_flags, ol);
				TEST_ASSERT(memcmp((char *)skb + SKB_META_OFF, want, SKB_META_LEN) == 0,
					    "__skb_meta_init_eth: fields differ: data_off %u proto %#x",
					    offs[o], protos[p]);
			}
		}
	}
	m->data_off = data_off;
	m->ol_flags = 0;
	rte_pktmbuf_free(m);
	TEST_ASSERT_POOL_EMPTY(pool);
	return TEST_SUCCESS;
fail:
	m->data_off = data_off;
	m->ol_flags = 0;
	rte_pktmbuf_free(m);
	return TEST_FAILED;
}

static const struct unit_test tests[] = {
	UNIT_SETUP(setup),
	UNIT_TEST(test_alloc_skb),
	UNIT_TEST(test_netdev_alloc_skb),
	UNIT_TEST(test_skb_rx_burst),
	UNIT_TEST(test___skb_rx_burst),
	UNIT_TEST(test_skb_from_mbuf),
	UNIT_TEST(test_copies),
	UNIT_TEST(test_ip_summed_rx),
	UNIT_TEST(test_skb_meta_init_eth),
};

UNIT_TEST_MAIN(tests)
