/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The encap and decap engines keep Linux's tunnel fields: a frame through
 * encap (outer IPv4, then IPv6) leaves with encapsulation 1, its mac, network
 * and transport headers on the outer headers and the inner ones on the
 * received frame; through decap it comes back with encapsulation 0, the inner
 * headers as its own and none left inner.  Each engine's packet_fwd() runs
 * one burst of a stream over a net_ring port, which hands the skbs over with
 * their fields.
 */

#include "engine.h"
#include "skb_csum.h"
#include "test_pool.h"
#include "test_ring_port.h"
#include "vxlan.h"

extern const struct fwd_engine encap_engine;
extern const struct fwd_engine decap_engine;

#define POOL_N 64
#define FRAME 74  /* Ethernet, IPv4, TCP, 20 bytes of payload */

static struct rte_mempool *pool;
static struct rte_ring *ring_rx, *ring_tx;
static uint16_t ring_port;

static int
setup(void)
{
	if (test_pool_setup(&pool, "tunnel_pool", POOL_N, RTE_MBUF_DEFAULT_BUF_SIZE) != TEST_SUCCESS)
		return TEST_FAILED;
	return test_ring_port("tunnel", pool, &ring_rx, &ring_tx, &ring_port);
}

/* A TCP/IPv4 frame as received: headroom 128, no header offsets known. */
static struct sk_buff *
tcp_frame(void)
{
	struct sk_buff *skb = alloc_skb(pool, 128 + FRAME);
	uint8_t *p;

	if (skb == NULL)
		return NULL;
	skb_reserve(skb, 128);
	p = skb_put(skb, FRAME);
	memset(p, 0, FRAME);
	p[12] = 0x08;
	p[14] = 0x45;
	p[17] = FRAME - 14;
	p[22] = 64;
	p[23] = IPPROTO_TCP;
	p[26] = 10;
	p[29] = 1;
	p[30] = 10;
	p[33] = 2;
	p[46] = 0x50;  /* TCP data offset 5 */
	ip_send_check((struct rte_ipv4_hdr *)(p + 14));
	return skb;
}

/* One burst of @e over the ring port with @skb in it; the skb sent, or NULL. */
static struct sk_buff *
run_engine(const struct fwd_engine *e, struct sk_buff *skb)
{
	struct fwd_stream fs;
	void *out = NULL;

	memset(&fs, 0, sizeof(fs));
	fs.rx_port = fs.tx_port = ring_port;
	fs.burst = MAX_PKT_BURST;
	if (rte_ring_enqueue(ring_rx, skb_to_mbuf(skb)) != 0) {
		kfree_skb(skb);
		return NULL;
	}
	if (e->setup != NULL && e->setup() != 0)
		return NULL;
	e->packet_fwd(&fs);
	if (fs.tx_packets != 1 || rte_ring_dequeue(ring_tx, &out) != 0)
		return NULL;
	return __skb_from_mbuf(out);
}

/* Through encap with outer headers of @ohl bytes (IPv4 50, IPv6 70), then decap. */
static int
tunnel_check(unsigned int ohl)
{
	struct sk_buff *skb = tcp_frame();
	int result = TEST_FAILED;

	TEST_ASSERT(skb != NULL, "frame");
	skb = run_engine(&encap_engine, skb);
	TEST_ASSERT(skb != NULL, "encap sent nothing");
	TEST_ASSERT_EQ(skb_len(skb), ohl + FRAME);
	TEST_ASSERT_EQ(skb_headroom(skb), 128 - ohl);
	TEST_ASSERT_EQ(skb->encapsulation, 1);
	TEST_ASSERT_EQ(skb_mac_offset(skb), 0);
	TEST_ASSERT_EQ(skb_network_offset(skb), 14);
	TEST_ASSERT_EQ(skb_transport_offset(skb), (int)ohl - 16);
	TEST_ASSERT_EQ(skb->inner_mac_header, 128);
	TEST_ASSERT_EQ(skb->inner_network_header, 128 + 14);
	TEST_ASSERT_EQ(skb->inner_transport_header, 128 + 34);
	TEST_ASSERT_EQ(skb_inner_mac_header(skb) - skb_data(skb), ohl);
	TEST_ASSERT_EQ(skb->protocol, ohl == VXLAN_OVERHEAD ? RTE_BE16(RTE_ETHER_TYPE_IPV4) :
							     RTE_BE16(RTE_ETHER_TYPE_IPV6));

	skb = run_engine(&decap_engine, skb);
	TEST_ASSERT(skb != NULL, "decap sent nothing");
	TEST_ASSERT_EQ(skb_len(skb), FRAME);
	TEST_ASSERT_EQ(skb_headroom(skb), 128);
	TEST_ASSERT_EQ(skb->encapsulation, 0);
	TEST_ASSERT_EQ(skb_mac_offset(skb), 0);
	TEST_ASSERT_EQ(skb_network_offset(skb), 14);
	TEST_ASSERT_EQ(skb_transport_offset(skb), 34);
	TEST_ASSERT_EQ(skb->inner_mac_header, SKB_HDR_UNSET);
	TEST_ASSERT_EQ(skb->inner_network_header, SKB_HDR_UNSET);
	TEST_ASSERT_EQ(skb->inner_transport_header, SKB_HDR_UNSET);
	TEST_ASSERT_EQ(skb->protocol, RTE_BE16(RTE_ETHER_TYPE_IPV4));
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(pool, result, skb);
}

static int
test_tunnel_ipv4(void)
{
	vxlan_cfg.local_is6 = vxlan_cfg.remote_is6 = false;
	return tunnel_check(VXLAN_OVERHEAD);
}

static int
test_tunnel_ipv6(void)
{
	static const uint8_t a[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	static const uint8_t b[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 };
	int ret;

	memcpy(vxlan_cfg.local6, a, 16);
	memcpy(vxlan_cfg.remote6, b, 16);
	vxlan_cfg.local_is6 = vxlan_cfg.remote_is6 = true;
	ret = tunnel_check(VXLAN6_OVERHEAD);
	vxlan_cfg.local_is6 = vxlan_cfg.remote_is6 = false;
	return ret;
}

/* An inner frame that is not IP: only the inner mac header is known, and decap leaves it so. */
static int
test_tunnel_not_ip(void)
{
	struct sk_buff *skb = tcp_frame();
	int result = TEST_FAILED;

	TEST_ASSERT(skb != NULL, "frame");
	skb_data(skb)[12] = 0x88;
	skb_data(skb)[13] = 0xb5;  /* local experimental EtherType */
	skb = run_engine(&encap_engine, skb);
	TEST_ASSERT(skb != NULL, "encap sent nothing");
	TEST_ASSERT_EQ(skb->encapsulation, 1);
	TEST_ASSERT_EQ(skb->inner_mac_header, 128);
	TEST_ASSERT_EQ(skb->inner_network_header, SKB_HDR_UNSET);
	TEST_ASSERT_EQ(skb->inner_transport_header, SKB_HDR_UNSET);
	skb = run_engine(&decap_engine, skb);
	TEST_ASSERT(skb != NULL, "decap sent nothing");
	TEST_ASSERT_EQ(skb->encapsulation, 0);
	TEST_ASSERT_EQ(skb_mac_offset(skb), 0);
	TEST_ASSERT(!skb_network_header_was_set(skb), "network header of a non-IP frame");
	TEST_ASSERT(!skb_transport_header_was_set(skb), "transport header of a non-IP frame");
	TEST_ASSERT_EQ(skb->protocol, RTE_BE16(0x88b5));
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(pool, result, skb);
}

static const struct unit_test tests[] = {
	UNIT_SETUP(setup),
	UNIT_TEST(test_tunnel_ipv4),
	UNIT_TEST(test_tunnel_ipv6),
	UNIT_TEST(test_tunnel_not_ip),
};

UNIT_TEST_MAIN(tests)
