/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The device TSO path of skbfwd's TX (tx.c) for TCP/IPv6 and TCP/IPv4 GSO
 * skbs.  No device here segments TCP/IPv6 (net_tap's TSO is rte_gso's, IPv4
 * only), so a net_ring port is given the capabilities of one that does
 * (fwd_tx_port_caps()): fwd_tx_gso() then hands the GSO skb over whole, and
 * what comes out of the ring is checked field by field against what a TSO
 * device is owed: ol_flags, l2/l3/l4_len, tso_segsz, the IP length, the TCP
 * checksum seeded with the pseudo-header sum (no length) computed here, every
 * other byte as it was, and TX counting the wire packets the device makes.
 * The same skb goes to software segmentation where the port's TSO is IPv4
 * only, or MSS and headers pass its MTU.  What this does not show is a real
 * device cutting the packet: that needs TSO6 hardware.
 */

#include "engine.h"
#include "test_pool.h"
#include "test_ring_port.h"
#include "tx.h"

#define POOL_N 64
#define MSS 1000u
#define PAY 3000u          /* 3 segments: 1000 in the head, 2000 in a frag */
#define HEADROOM 128u

static struct rte_mempool *pool;
static struct rte_ring *ring_rx, *ring_tx;
static uint16_t ring_port;

static const uint8_t src6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
static const uint8_t dst6[16] = { 0x20, 0x01, 0x0d, 0xb8, [14] = 0x12, [15] = 0x34 };

static int
setup(void)
{
	if (test_pool_setup(&pool, "tso_pool", POOL_N, RTE_MBUF_DEFAULT_BUF_SIZE) != TEST_SUCCESS)
		return TEST_FAILED;
	return test_ring_port("tso", pool, &ring_rx, &ring_tx, &ring_port);
}

/* The port's capabilities: a TSO device (IPv6 too when @tso6) of MTU @mtu, or none. */
static void
caps(bool tso, bool tso6, uint16_t mtu)
{
	struct fwd_tx_caps c = {
		.tx_offloads = tso ? FWD_TX_TSO_OFFLOADS : 0, .mtu = mtu, .tso6 = tso6,
	};

	fwd_tx_port_caps(ring_port, &c);
}

/* Header bytes of a frame: Ethernet, IP (@ext bytes of hop-by-hop options over IPv6), TCP of @l4. */
static unsigned int
hdr_len(bool v6, unsigned int ext, unsigned int l4)
{
	return RTE_ETHER_HDR_LEN + (v6 ? 40u + ext : 20u) + l4;
}

/*
 * A TCP GSO skb as txonly --tx-gso or --gro leaves it: headers and the
 * first MSS of payload in the head, the rest in a frag, gso_size MSS, the
 * header offsets set; its IP length 0 and its checksums wrong (what TX owes
 * the device is to be written there).  NULL when the pool is empty.
 */
static struct sk_buff *
gso_skb(bool v6, unsigned int ext, unsigned int l4)
{
	unsigned int l3 = v6 ? 40 + ext : 20, hl = hdr_len(v6, ext, l4), i;
	struct sk_buff *skb = alloc_skb(pool, HEADROOM + hl + MSS), *frag;
	uint8_t *p, *ip, *th, *q;

	if (skb == NULL)
		return NULL;
	skb_reserve(skb, HEADROOM);
	p = skb_put_zero(skb, hl + MSS);
	memset(p, 0x02, 12);
	p[5] = 0x0b;
	p[12] = v6 ? 0x86 : 0x08;
	p[13] = v6 ? 0xdd : 0x00;
	ip = p + RTE_ETHER_HDR_LEN;
	if (v6) {
		ip[0] = 0x60;
		ip[6] = ext ? IPPROTO_HOPOPTS : IPPROTO_TCP;
		ip[7] = 64;
		memcpy(ip + 8, src6, 16);
		memcpy(ip + 24, dst6, 16);
		if (ext) {
			ip[40] = IPPROTO_TCP;
			ip[41] = (uint8_t)(ext / 8 - 1);
			ip[42] = 1;                           /* PadN over the rest */
			ip[43] = (uint8_t)(ext - 4);
		}
	} else {
		ip[0] = 0x45;
		ip[8] = 64;
		ip[9] = IPPROTO_TCP;
		ip[10] = 0xbe;                            /* a stale header checksum */
		ip[11] = 0xef;
		ip[12] = 10;
		ip[15] = 1;
		ip[16] = 10;
		ip[19] = 2;
	}
	th = ip + l3;
	th[0] = 0x04;                                     /* ports 1234 -> 80 */
	th[1] = 0xd2;
	th[3] = 80;
	th[6] = 0x03;                                     /* sequence number 1000 */
	th[7] = 0xe8;
	th[12] = (uint8_t)(l4 / 4 << 4);
	th[13] = RTE_TCP_ACK_FLAG | RTE_TCP_PSH_FLAG;
	th[14] = th[15] = 0xff;
	th[16] = th[17] = 0x55;                           /* a stale checksum */
	memset(th + 20, 1, l4 - 20);                      /* NOP options */
	for (i = 0; i < MSS; i++)
		p[hl + i] = (uint8_t)(i * 7);
	frag = alloc_skb(pool, PAY - MSS);
	if (frag == NULL)
		goto fail;
	q = skb_put(frag, PAY - MSS);
	for (i = 0; i < PAY - MSS; i++)
		q[i] = (uint8_t)((MSS + i) * 7);
	if (skb_append_frag(skb, frag) != 0) {
		kfree_skb(frag);
		goto fail;
	}
	skb_reset_mac_header(skb);
	skb_set_network_header(skb, RTE_ETHER_HDR_LEN);
	skb_set_transport_header(skb, (int)(RTE_ETHER_HDR_LEN + l3));
	skb->protocol = v6 ? RTE_BE16(RTE_ETHER_TYPE_IPV6) : RTE_BE16(RTE_ETHER_TYPE_IPV4);
	skb_shinfo(skb)->gso_size = MSS;
	skb_shinfo(skb)->gso_type = v6 ? SKB_GSO_TCPV6 : SKB_GSO_TCPV4;
	return skb;
fail:
	kfree_skb(skb);
	return NULL;
}

/*
 * The pseudo-header sum a TSO device wants in the TCP checksum field, the
 * length left out (each segment adds its own): the @n address bytes at @addrs
 * and the protocol, as 16-bit big-endian words, folded, not inverted.
 */
static uint16_t
tso_seed(const uint8_t *addrs, unsigned int n)
{
	uint32_t s = IPPROTO_TCP;
	unsigned int i;

	for (i = 0; i < n; i += 2)
		s += (uint32_t)addrs[i] << 8 | addrs[i + 1];
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)s;
}

/* One burst of @skb through fwd_tx_gso() on the ring port; @fs counts it. */
static void
send_one(struct fwd_stream *fs, struct sk_buff *skb)
{
	memset(fs, 0, sizeof(*fs));
	fs->rx_port = fs->tx_port = ring_port;
	fs->burst = MAX_PKT_BURST;
	fwd_tx_gso(fs, ring_port, 0, &skb, 1);
}

/*
 * A GSO skb to a port whose device does TSO for its family: the skb itself
 * leaves, one multi-segment mbuf with exactly the offload request and header
 * fields a device needs, and TX counts the three wire packets.
 */
static int
tso_check(bool v6, unsigned int ext, unsigned int l4)
{
	unsigned int l3 = v6 ? 40 + ext : 20, hl = hdr_len(v6, ext, l4);
	struct sk_buff *skb = gso_skb(v6, ext, l4), *out = NULL;
	uint8_t before[128], *ip, *th;
	struct fwd_stream fs;
	struct rte_mbuf *m;
	void *obj = NULL;
	int ret = TEST_FAILED;

	TEST_ASSERT(skb != NULL, "GSO skb");
	memcpy(before, skb_data(skb), hl);
	send_one(&fs, skb);
	TEST_ASSERT_EQ(rte_ring_dequeue(ring_tx, &obj), 0);
	out = __skb_from_mbuf(obj);
	TEST_ASSERT_EQ(rte_ring_count(ring_tx), 0);
	TEST_ASSERT_PTR_EQ(out, skb);
	m = skb_to_mbuf(out);
	TEST_ASSERT_EQ(m->pkt_len, hl + PAY);
	TEST_ASSERT_EQ(m->nb_segs, 2);
	TEST_ASSERT_EQ(m->ol_flags & RTE_MBUF_F_TX_OFFLOAD_MASK,
		       v6 ? RTE_MBUF_F_TX_TCP_SEG | RTE_MBUF_F_TX_IPV6 :
		       RTE_MBUF_F_TX_TCP_SEG | RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IP_CKSUM);
	TEST_ASSERT_EQ(m->l2_len, RTE_ETHER_HDR_LEN);
	TEST_ASSERT_EQ(m->l3_len, l3);
	TEST_ASSERT_EQ(m->l4_len, l4);
	TEST_ASSERT_EQ(m->tso_segsz, MSS);
	ip = skb_data(out) + RTE_ETHER_HDR_LEN;
	th = ip + l3;
	if (v6) {
		/* payload length: extension headers, TCP and all the payload */
		TEST_ASSERT_EQ(ip[4] << 8 | ip[5], ext + l4 + PAY);
		TEST_ASSERT_EQ(th[16] << 8 | th[17], tso_seed(ip + 8, 32));
	} else {
		TEST_ASSERT_EQ(ip[2] << 8 | ip[3], 20 + l4 + PAY);
		TEST_ASSERT_EQ(ip[10] << 8 | ip[11], 0);  /* the device's to fill */
		TEST_ASSERT_EQ(th[16] << 8 | th[17], tso_seed(ip + 12, 8));
	}
	/* every other header byte as it was */
	{
		unsigned int len_at = RTE_ETHER_HDR_LEN + (v6 ? 4 : 2), i;

		for (i = 0; i < hl; i++) {
			bool written = i == len_at || i == len_at + 1 ||
				       i == RTE_ETHER_HDR_LEN + l3 + 16 || i == RTE_ETHER_HDR_LEN + l3 + 17 ||
				       (!v6 && (i == RTE_ETHER_HDR_LEN + 10 || i == RTE_ETHER_HDR_LEN + 11));

			if (!written && skb_data(out)[i] != before[i]) {
				printf("# header byte %u: %#x, was %#x\n", i, skb_data(out)[i], before[i]);
				goto fail;
			}
		}
	}
	/* TX counts what the device makes: 3 packets, each with the headers */
	TEST_ASSERT_EQ(fs.tx_packets, 3);
	TEST_ASSERT_EQ(fs.tx_bytes, 3 * hl + PAY);
	TEST_ASSERT_EQ(fs.drops[FWD_DROP_TX_FULL], 0);
	ret = TEST_SUCCESS;
fail:
	kfree_skb(out);
	return TEST_RESULT_POOL_EMPTY(pool, ret);
}

/* A GSO skb segmented in software: three plain packets on the ring, the skb gone. */
static int
sw_check(bool v6, unsigned int ext, unsigned int l4)
{
	unsigned int hl = hdr_len(v6, ext, l4), k;
	struct sk_buff *skb = gso_skb(v6, ext, l4);
	struct fwd_stream fs;
	int ret = TEST_FAILED;

	TEST_ASSERT(skb != NULL, "GSO skb");
	send_one(&fs, skb);
	TEST_ASSERT_EQ(rte_ring_count(ring_tx), 3);
	for (k = 0; k < 3; k++) {
		void *obj = NULL;
		struct rte_mbuf *m;
		const uint8_t *th;
		uint32_t seq;

		TEST_ASSERT_EQ(rte_ring_dequeue(ring_tx, &obj), 0);
		m = obj;
		th = rte_pktmbuf_mtod(m, const uint8_t *) + hl - l4;
		seq = (uint32_t)th[4] << 24 | (uint32_t)th[5] << 16 | (uint32_t)th[6] << 8 | th[7];
		/* check before freeing: a failure leaves the rest on the ring for the next test */
		if (m->pkt_len != hl + MSS || (m->ol_flags & RTE_MBUF_F_TX_TCP_SEG) ||
		    seq != 1000 + k * MSS) {
			printf("# segment %u: %u bytes, TCP_SEG %d, sequence %u\n", k, m->pkt_len,
			       !!(m->ol_flags & RTE_MBUF_F_TX_TCP_SEG), seq);
			rte_pktmbuf_free(m);
			goto fail;
		}
		rte_pktmbuf_free(m);
	}
	TEST_ASSERT_EQ(fs.tx_packets, 3);
	TEST_ASSERT_EQ(fs.tx_bytes, 3 * hl + PAY);
	ret = TEST_SUCCESS;
fail:
	{
		void *obj;

		while (rte_ring_dequeue(ring_tx, &obj) == 0)
			rte_pktmbuf_free(obj);
	}
	return TEST_RESULT_POOL_EMPTY(pool, ret);
}

/* TCP/IPv6 to a TSO6 device: l3_len 40, l4_len 20. */
static int
test_tso6_plain(void)
{
	caps(true, true, RTE_ETHER_MTU);
	return tso_check(true, 0, 20);
}

/* Behind a hop-by-hop header, TCP options: l3_len covers the extension header, l4_len the options. */
static int
test_tso6_exthdr_options(void)
{
	caps(true, true, RTE_ETHER_MTU);
	return tso_check(true, 16, 32);
}

/* TCP/IPv4 to the same device: TX_IPV4 with the header checksum left to it. */
static int
test_tso4(void)
{
	caps(true, true, RTE_ETHER_MTU);
	return tso_check(false, 0, 20);
}

/* A port whose TSO is TCP/IPv4 only (net_tap's): TCP/IPv6 is cut in software, IPv4 is not. */
static int
test_tso6_not_offered(void)
{
	caps(true, false, RTE_ETHER_MTU);
	if (sw_check(true, 0, 20) != TEST_SUCCESS)
		return TEST_FAILED;
	return tso_check(false, 0, 20);
}

/* MSS and headers past the port's MTU: software, whatever the device offers. */
static int
test_tso6_past_mtu(void)
{
	caps(true, true, 1000 + 40 + 20 - 1);
	return sw_check(true, 0, 20);
}

/* No TSO at all: software for both families. */
static int
test_no_tso(void)
{
	caps(false, false, RTE_ETHER_MTU);
	if (sw_check(true, 8, 20) != TEST_SUCCESS)
		return TEST_FAILED;
	return sw_check(false, 0, 20);
}

static const struct unit_test tests[] = {
	UNIT_SETUP(setup),
	UNIT_TEST(test_tso6_plain),
	UNIT_TEST(test_tso6_exthdr_options),
	UNIT_TEST(test_tso4),
	UNIT_TEST(test_tso6_not_offered),
	UNIT_TEST(test_tso6_past_mtu),
	UNIT_TEST(test_no_tso),
};

UNIT_TEST_MAIN(tests)
