/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Unit tests of segmentation offload: skb_gso_segment() for TCP/IPv4 (64 KiB,
 * MSS 1448 -> 46 segments), UDP/IPv4 (IP fragments) and VXLAN TCP (found by
 * the port or by skb->encapsulation's inner headers), each segment
 * checked by a parser and checksums written here, independently of libskb;
 * skb_gro_burst() merging and refusing; truesize; NET_IP_ALIGN; free names.
 */

#include <rte_malloc.h>

#include "skb_gso.h"
#include "test_frame.h"
#include "test_pool.h"

#define POOL_N 1024
#define ROOM RTE_MBUF_DEFAULT_BUF_SIZE
#define MAX_FRAME 70000

static struct rte_mempool *pool;

static int
setup(void)
{
	return test_pool_setup(&pool, "gso_pool", POOL_N, ROOM);
}

/* ------------------------------------------------------------ independent helpers */

static uint16_t
rd16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t
rd32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void
wr16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void
wr32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* RFC 1071 sum of big-endian 16-bit words, not folded. */
static uint32_t
sum16(const uint8_t *p, size_t n, uint32_t sum)
{
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		sum += rd16(p + i);
	if (n & 1)
		sum += (uint32_t)p[n - 1] << 8;
	return sum;
}

static uint16_t
fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}

/* True when the IPv4 header checksum at @ip is right. */
static bool
ip_csum_ok(const uint8_t *ip)
{
	return fold(sum16(ip, (ip[0] & 0xf) * 4u, 0)) == 0xffff;
}

/* True when the L4 checksum of the @len bytes at @l4 under IPv4 header @ip is right. */
static bool
l4_csum_ok(const uint8_t *ip, const uint8_t *l4, unsigned int len, uint8_t proto)
{
	uint32_t s = sum16(ip + 12, 8, 0) + proto + len;

	return fold(sum16(l4, len, s)) == 0xffff;
}

static uint16_t
ip_csum(const uint8_t *ip)
{
	return (uint16_t)~fold(sum16(ip, (ip[0] & 0xf) * 4u, 0));
}

static uint16_t
l4_csum(const uint8_t *ip, const uint8_t *l4, unsigned int len, uint8_t proto)
{
	uint32_t s = sum16(ip + 12, 8, 0) + proto + len;
	uint16_t c = (uint16_t)~fold(sum16(l4, len, s));

	return (c == 0 && proto == 17) ? 0xffff : c;
}

static const uint8_t dmac[6] = { 0x02, 0, 0, 0, 0, 0x02 };
static const uint8_t smac[6] = { 0x02, 0, 0, 0, 0, 0x01 };

static unsigned int
put_eth(uint8_t *p)
{
	memcpy(p, dmac, 6);
	memcpy(p + 6, smac, 6);
	wr16(p + 12, 0x0800);
	return 14;
}

static unsigned int
put_ipv4(uint8_t *p, uint16_t tot, uint16_t id, uint16_t frag, uint8_t proto,
	 uint32_t src, uint32_t dst)
{
	memset(p, 0, 20);
	p[0] = 0x45;
	p[1] = 0x10;
	wr16(p + 2, tot);
	wr16(p + 4, id);
	wr16(p + 6, frag);
	p[8] = 64;
	p[9] = proto;
	wr32(p + 12, src);
	wr32(p + 16, dst);
	return 20;
}

static unsigned int
put_tcp(uint8_t *p, uint32_t seq, uint8_t flags)
{
	memset(p, 0, 20);
	wr16(p, 40000);
	wr16(p + 2, 80);
	wr32(p + 4, seq);
	wr32(p + 8, 0x01020304);
	p[12] = 5 << 4;
	p[13] = flags;
	wr16(p + 14, 65000);
	return 20;
}

static uint8_t
pat(unsigned int i)
{
	return (uint8_t)(i * 7u + 3u + (i >> 8));
}

/* An skb holding @hlen header bytes linear, then @plen payload bytes pat(0..) in frags of @chunk. */
static struct sk_buff *
make_gso_skb(const uint8_t *hdr, unsigned int hlen, unsigned int plen, unsigned int chunk)
{
	struct sk_buff *skb = alloc_skb(pool, 256);
	unsigned int off = 0, i;

	if (skb == NULL)
		return NULL;
	skb_reserve(skb, 64);
	if (skb_put_data(skb, hdr, hlen) == NULL)
		goto fail;
	while (off < plen) {
		unsigned int n = RTE_MIN(chunk, plen - off);
		struct sk_buff *f = alloc_skb(pool, n);
		uint8_t *d;

		if (f == NULL)
			goto fail;
		d = skb_put(f, n);
		for (i = 0; i < n; i++)
			d[i] = pat(off + i);
		if (skb_append_frag(skb, f) != 0) {
			kfree_skb(f);
			goto fail;
		}
		off += n;
	}
	return skb;
fail:
	kfree_skb(skb);
	return NULL;
}

static uint8_t flat[MAX_FRAME];

static uint8_t joined[MAX_FRAME];

/*
 * End of a segmentation test: @got bytes were rejoined into joined[], @want
 * expected, the payload from joined[@skip] on is pat(0..); frees @segs.
 * @return TEST_SUCCESS when that holds and the pool is back to empty.
 */
static int
joined_ok(struct sk_buff_head *segs, unsigned int got, unsigned int want, unsigned int skip)
{
	unsigned int i;

	skb_queue_purge(segs);
	TEST_ASSERT_EQ(got, want);
	for (i = skip; i < want; i++)
		TEST_ASSERT(joined[i] == pat(i - skip), "payload byte %u", i - skip);
	TEST_ASSERT_POOL_EMPTY(pool);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

/* ------------------------------------------------------------ GSO */

static int
test_gso_tcp4_64k(void)
{
	const unsigned int plen = 65536, mss = 1448;
	const uint32_t seq0 = 0xfffff000u; /* wraps inside the burst */
	const uint16_t id0 = 0xffe0;       /* wraps too */
	uint8_t hdr[54];
	struct sk_buff_head segs;
	struct sk_buff *skb, *seg;
	unsigned int i = 0, got = 0;

	skb_queue_head_init(&segs);
	put_eth(hdr);
	put_ipv4(hdr + 14, 0, id0, 0x4000, 6, 0x0a000001, 0x0a000002);
	put_tcp(hdr + 34, seq0, 0x10 | 0x08 | 0x01); /* ACK PSH FIN */
	skb = make_gso_skb(hdr, sizeof(hdr), plen, 4096);
	TEST_ASSERT(skb != NULL, "build");
	TEST_ASSERT_EQ(skb_len(skb), 54 + plen);
	TEST_ASSERT(!skb_is_gso(skb), "not gso before gso_size is set");
	skb_shinfo(skb)->gso_size = mss;
	skb_shinfo(skb)->gso_type = SKB_GSO_TCPV4;
	TEST_ASSERT(skb_is_gso(skb), "gso");
	TEST_ASSERT_EQ(skb_shinfo(skb)->nr_frags, 16);

	TEST_ASSERT_EQ(skb_gso_segment(skb, &segs), 0);
	TEST_ASSERT_EQ(skb_queue_len(&segs), 46);
	skb_queue_walk(&segs, seg) {
		unsigned int pay = i < 45 ? mss : plen - 45 * mss;
		const uint8_t *ip = flat + 14, *tcp = flat + 34;

		TEST_ASSERT_EQ(skb_len(seg), 54 + pay);
		TEST_ASSERT_EQ(skb_copy_bits(seg, 0, flat, (int)skb_len(seg)), 0);
		TEST_ASSERT(memcmp(flat, hdr, 14) == 0, "ethernet of %u", i);
		TEST_ASSERT_EQ(ip[0], 0x45);
		TEST_ASSERT_EQ(ip[1], 0x10);
		TEST_ASSERT_EQ(rd16(ip + 2), 40 + pay);
		TEST_ASSERT_EQ(rd16(ip + 4), (uint16_t)(id0 + i));
		TEST_ASSERT_EQ(rd16(ip + 6), 0x4000);
		TEST_ASSERT_EQ(ip[8], 64);
		TEST_ASSERT_EQ(ip[9], 6);
		TEST_ASSERT(ip_csum_ok(ip), "ip checksum of %u", i);
		TEST_ASSERT_EQ(rd32(tcp + 4), (uint32_t)(seq0 + i * mss));
		TEST_ASSERT_EQ(rd32(tcp + 8), 0x01020304);
		TEST_ASSERT_EQ(tcp[13], i < 45 ? 0x10 : 0x19);
		TEST_ASSERT_EQ(rd16(tcp + 14), 65000);
		TEST_ASSERT(l4_csum_ok(ip, tcp, 20 + pay, 6), "tcp checksum of %u", i);
		TEST_ASSERT(!skb_is_gso(seg), "segment %u still gso", i);
		TEST_ASSERT_EQ(skb_network_offset(seg), 14);
		TEST_ASSERT_EQ(skb_transport_offset(seg), 34);
		memcpy(joined + got, flat + 54, pay);
		got += pay;
		i++;
	}
	return joined_ok(&segs, got, plen, 0);
fail:
	skb_queue_purge(&segs);
	return TEST_FAILED;
}

static int
test_gso_udp4_frag(void)
{
	const unsigned int plen = 8000, unit = 1480, ipay = plen + 8;
	const unsigned int nfrag = (ipay + unit - 1) / unit; /* 6 */
	uint8_t hdr[42];
	struct sk_buff_head segs;
	struct sk_buff *skb, *seg;
	unsigned int i = 0, got = 0;

	skb_queue_head_init(&segs);
	put_eth(hdr);
	put_ipv4(hdr + 14, 0, 0x4242, 0, 17, 0x0a000001, 0x0a000002);
	wr16(hdr + 34, 5000);
	wr16(hdr + 36, 6000);
	wr16(hdr + 38, 0);
	wr16(hdr + 40, 0);
	skb = make_gso_skb(hdr, sizeof(hdr), plen, 1000);
	TEST_ASSERT(skb != NULL, "build");
	skb_shinfo(skb)->gso_size = unit;
	skb_shinfo(skb)->gso_type = SKB_GSO_UDP;
	TEST_ASSERT_EQ(skb_gso_segment(skb, &segs), 0);
	TEST_ASSERT_EQ(nfrag, 6);
	TEST_ASSERT_EQ(skb_queue_len(&segs), nfrag);
	skb_queue_walk(&segs, seg) {
		unsigned int pay = i + 1 < nfrag ? unit : ipay - (nfrag - 1) * unit;
		const uint8_t *ip = flat + 14;

		TEST_ASSERT_EQ(skb_len(seg), 34 + pay);
		TEST_ASSERT_EQ(skb_copy_bits(seg, 0, flat, (int)skb_len(seg)), 0);
		TEST_ASSERT_EQ(rd16(ip + 2), 20 + pay);
		TEST_ASSERT_EQ(rd16(ip + 4), 0x4242);
		TEST_ASSERT_EQ(rd16(ip + 6), (i * unit) / 8 | (i + 1 < nfrag ? 0x2000 : 0));
		TEST_ASSERT_EQ(ip[9], 17);
		TEST_ASSERT(ip_csum_ok(ip), "ip checksum of fragment %u", i);
		memcpy(joined + got, flat + 34, pay);
		got += pay;
		i++;
	}
	/* the reassembled datagram: ports, length, checksum (pseudo header from any fragment) */
	TEST_ASSERT_EQ(rd16(joined), 5000);
	TEST_ASSERT_EQ(rd16(joined + 2), 6000);
	TEST_ASSERT_EQ(rd16(joined + 4), ipay);
	TEST_ASSERT(rd16(joined + 6) != 0, "udp checksum filled");
	TEST_ASSERT(l4_csum_ok(flat + 14, joined, ipay, 17), "udp checksum");
	return joined_ok(&segs, got, ipay, 8);
fail:
	skb_queue_purge(&segs);
	return TEST_FAILED;
}

static unsigned int
put_vxlan_tcp_hdr_port(uint8_t *h, uint16_t oid, uint16_t iid, uint32_t seq, uint8_t flags,
		       uint16_t port)
{
	unsigned int o = put_eth(h);

	o += put_ipv4(h + o, 0, oid, 0, 17, 0xc0a80001, 0xc0a80002);
	wr16(h + o, 33333);
	wr16(h + o + 2, port);
	wr16(h + o + 4, 0);
	wr16(h + o + 6, 0); /* no outer UDP checksum */
	o += 8;
	memset(h + o, 0, 8);
	h[o] = 0x08;
	h[o + 6] = 0x12; /* VNI 0x1234 */
	h[o + 5] = 0x34;
	o += 8;
	o += put_eth(h + o);
	o += put_ipv4(h + o, 0, iid, 0x4000, 6, 0x0a000001, 0x0a000002);
	o += put_tcp(h + o, seq, flags);
	return o; /* 104 */
}

static unsigned int
put_vxlan_tcp_hdr(uint8_t *h, uint16_t oid, uint16_t iid, uint32_t seq, uint8_t flags)
{
	return put_vxlan_tcp_hdr_port(h, oid, iid, seq, flags, RTE_VXLAN_DEFAULT_PORT);
}

/*
 * A VXLAN TCP GSO skb to UDP @port, its inner headers given by
 * skb->encapsulation when @inner, segmented: every outer and inner field
 * exact, and each segment's header offsets (inner ones too).
 */
static int
gso_vxlan_check(uint16_t port, bool inner)
{
	const unsigned int plen = 10000, mss = 1400, n = 8;
	uint8_t hdr[128];
	unsigned int hl = put_vxlan_tcp_hdr_port(hdr, 100, 7, 1000, 0x18, port);
	struct sk_buff_head segs;
	struct sk_buff *skb, *seg;
	unsigned int i = 0, got = 0;

	skb_queue_head_init(&segs);
	TEST_ASSERT_EQ(hl, 104);
	skb = make_gso_skb(hdr, hl, plen, 2000);
	TEST_ASSERT(skb != NULL, "build");
	skb_shinfo(skb)->gso_size = mss;
	skb_shinfo(skb)->gso_type = SKB_GSO_UDP_TUNNEL | SKB_GSO_TCPV4;
	if (inner) {
		/* as a tunnel leaves them: inner frame at 50, its IPv4 at 64, TCP at 84 */
		skb_set_mac_header(skb, 50);
		skb_set_network_header(skb, 64);
		skb_set_transport_header(skb, 84);
		skb_reset_inner_headers(skb);
		skb->encapsulation = 1;
		TEST_ASSERT_EQ(skb->inner_mac_header, skb_headroom(skb) + 50);
		TEST_ASSERT_EQ(skb->inner_network_header, skb_headroom(skb) + 64);
		TEST_ASSERT_EQ(skb->inner_transport_header, skb_headroom(skb) + 84);
		skb_reset_mac_header(skb);
		skb_set_network_header(skb, 14);
		skb_set_transport_header(skb, 34);
	}
	TEST_ASSERT_EQ(skb_gso_segment(skb, &segs), 0);
	TEST_ASSERT_EQ(skb_queue_len(&segs), n);
	skb_queue_walk(&segs, seg) {
		unsigned int pay = i + 1 < n ? mss : plen - (n - 1) * mss;
		const uint8_t *oip = flat + 14, *udp = flat + 34, *ip = flat + 64, *tcp = flat + 84;

		TEST_ASSERT_EQ(skb_len(seg), hl + pay);
		TEST_ASSERT_EQ(skb_copy_bits(seg, 0, flat, (int)skb_len(seg)), 0);
		TEST_ASSERT_EQ(rd16(oip + 2), hl - 14 + pay);
		TEST_ASSERT_EQ(rd16(oip + 4), 100 + i);
		TEST_ASSERT(ip_csum_ok(oip), "outer ip checksum of %u", i);
		TEST_ASSERT_EQ(rd16(udp + 2), port);
		TEST_ASSERT_EQ(rd16(udp + 4), hl - 34 + pay);
		TEST_ASSERT_EQ(rd16(udp + 6), 0);
		TEST_ASSERT(memcmp(flat + 42, hdr + 42, 22) == 0, "vxlan and inner ethernet of %u", i);
		TEST_ASSERT_EQ(rd16(ip + 2), 40 + pay);
		TEST_ASSERT_EQ(rd16(ip + 4), 7 + i);
		TEST_ASSERT(ip_csum_ok(ip), "inner ip checksum of %u", i);
		TEST_ASSERT_EQ(rd32(tcp + 4), 1000 + i * mss);
		TEST_ASSERT_EQ(tcp[13], i + 1 < n ? 0x10 : 0x18);
		TEST_ASSERT(l4_csum_ok(ip, tcp, 20 + pay, 6), "inner tcp checksum of %u", i);
		TEST_ASSERT_EQ(skb_mac_offset(seg), 0);
		TEST_ASSERT_EQ(skb_network_offset(seg), 14);
		TEST_ASSERT_EQ(skb_transport_offset(seg), 34);
		TEST_ASSERT_EQ(seg->encapsulation, 1);
		TEST_ASSERT_EQ(skb_inner_mac_header(seg) - skb_data(seg), 50);
		TEST_ASSERT_EQ(skb_inner_network_header(seg) - skb_data(seg), 64);
		TEST_ASSERT_EQ(skb_inner_transport_header(seg) - skb_data(seg), 84);
		memcpy(joined + got, flat + hl, pay);
		got += pay;
		i++;
	}
	return joined_ok(&segs, got, plen, 0);
fail:
	skb_queue_purge(&segs);
	return TEST_FAILED;
}

static int
test_gso_vxlan_tcp4(void)
{
	return gso_vxlan_check(RTE_VXLAN_DEFAULT_PORT, false);
}

/*
 * skb->encapsulation's inner headers find the tunnel on any UDP port; without
 * them a port other than 4789 is no tunnel (TCP GSO over UDP: refused).
 */
static int
test_gso_vxlan_inner_headers(void)
{
	uint8_t hdr[128];
	unsigned int hl = put_vxlan_tcp_hdr_port(hdr, 100, 7, 1000, 0x18, 8472);
	struct sk_buff_head segs;
	struct sk_buff *skb = NULL;
	int result = TEST_FAILED;

	skb_queue_head_init(&segs);
	TEST_ASSERT_EQ(gso_vxlan_check(8472, true), TEST_SUCCESS);
	TEST_ASSERT_EQ(gso_vxlan_check(RTE_VXLAN_DEFAULT_PORT, true), TEST_SUCCESS);
	skb = make_gso_skb(hdr, hl, 3000, 2000);
	TEST_ASSERT(skb != NULL, "build");
	skb_shinfo(skb)->gso_size = 1400;
	skb_shinfo(skb)->gso_type = SKB_GSO_UDP_TUNNEL | SKB_GSO_TCPV4;
	TEST_ASSERT_EQ(skb_gso_segment(skb, &segs), -EINVAL);
	/* inner headers that are not right after UDP + VXLAN: no VXLAN tunnel either */
	skb->encapsulation = 1;
	skb_set_inner_mac_header(skb, 52);
	TEST_ASSERT_EQ(skb_gso_segment(skb, &segs), -EINVAL);
	TEST_ASSERT_EQ(skb_queue_len(&segs), 0);
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(pool, result, skb);
}

/* A payload within one MSS: one segment, lengths and checksums filled. */
static int
test_gso_fits_one(void)
{
	uint8_t hdr[54];
	struct sk_buff_head segs;
	struct sk_buff *skb, *seg;

	skb_queue_head_init(&segs);
	put_eth(hdr);
	put_ipv4(hdr + 14, 0, 9, 0, 6, 1, 2);
	put_tcp(hdr + 34, 5, 0x18);
	skb = make_gso_skb(hdr, 54, 1000, 600);
	TEST_ASSERT(skb != NULL, "build");
	skb_shinfo(skb)->gso_size = 1448;
	skb_shinfo(skb)->gso_type = SKB_GSO_TCPV4;
	TEST_ASSERT_EQ(skb_gso_segment(skb, &segs), 0);
	TEST_ASSERT_EQ(skb_queue_len(&segs), 1);
	seg = skb_peek(&segs);
	TEST_ASSERT_EQ(skb_len(seg), 1054);
	TEST_ASSERT_EQ(skb_copy_bits(seg, 0, flat, 1054), 0);
	TEST_ASSERT_EQ(rd16(flat + 16), 1040);
	TEST_ASSERT(ip_csum_ok(flat + 14), "ip checksum");
	TEST_ASSERT(l4_csum_ok(flat + 14, flat + 34, 1020, 6), "tcp checksum");
	TEST_ASSERT_EQ(flat[47], 0x18);
	skb_queue_purge(&segs);
	TEST_ASSERT_POOL_EMPTY(pool);
	return TEST_SUCCESS;
fail:
	skb_queue_purge(&segs);
	return TEST_FAILED;
}

static int
test_gso_errors(void)
{
	struct rte_mempool *small = test_pool("gso_small", 40, ROOM);
	struct rte_mempool *keep = pool;
	uint8_t hdr[54];
	struct sk_buff_head segs;
	struct sk_buff *skb = NULL;
	unsigned int in_use;

	skb_queue_head_init(&segs);
	TEST_ASSERT(small != NULL, "small pool");
	put_eth(hdr);
	put_ipv4(hdr + 14, 0, 1, 0, 6, 1, 2);
	put_tcp(hdr + 34, 1, 0x10);

	/* not GSO */
	skb = make_gso_skb(hdr, 54, 3000, 1500);
	TEST_ASSERT(skb != NULL, "build");
	TEST_ASSERT_EQ(skb_gso_segment(skb, &segs), -EINVAL);
	TEST_ASSERT_EQ(skb_len(skb), 3054);
	/* not IPv4 */
	skb_shinfo(skb)->gso_size = 1000;
	skb_data(skb)[12] = 0x86;
	skb_data(skb)[13] = 0xdd;
	TEST_ASSERT_EQ(skb_gso_segment(skb, &segs), -EINVAL);
	/* TCP asked, UDP given */
	skb_data(skb)[12] = 0x08;
	skb_data(skb)[13] = 0x00;
	skb_data(skb)[23] = 17;
	skb_shinfo(skb)->gso_type = SKB_GSO_TCPV4;
	TEST_ASSERT_EQ(skb_gso_segment(skb, &segs), -EINVAL);
	skb_data(skb)[23] = 6;
	/* a fragment */
	skb_data(skb)[20] = 0x20;
	TEST_ASSERT_EQ(skb_gso_segment(skb, &segs), -EINVAL);
	skb_data(skb)[20] = 0;
	TEST_ASSERT_EQ(skb_queue_len(&segs), 0);
	TEST_ASSERT_IN_USE(pool, 3);
	kfree_skb(skb);
	skb = NULL;

	/* UDP datagram over the IPv4 limit */
	put_ipv4(hdr + 14, 0, 1, 0, 17, 1, 2);
	memset(hdr + 34, 0, 8);
	skb = make_gso_skb(hdr, 42, 65520, 4096); /* 20 + 8 + 65520 > 65535 */
	TEST_ASSERT(skb != NULL, "build udp");
	skb_shinfo(skb)->gso_size = 1480;
	TEST_ASSERT_EQ(skb_gso_segment(skb, &segs), -EMSGSIZE);
	kfree_skb(skb);
	skb = NULL;
	TEST_ASSERT_POOL_EMPTY(pool);

	/* the pool runs dry half way: nothing allocated, the skb as it was */
	pool = small;
	put_ipv4(hdr + 14, 0, 1, 0, 6, 1, 2);
	put_tcp(hdr + 34, 1, 0x10);
	skb = make_gso_skb(hdr, 54, 60000, 4000);
	pool = keep;
	TEST_ASSERT(skb != NULL, "build in small pool");
	in_use = rte_mempool_in_use_count(small);
	TEST_ASSERT_EQ(in_use, 16);
	skb_shinfo(skb)->gso_size = 1000; /* 60 segments > 24 free mbufs */
	skb_shinfo(skb)->gso_type = SKB_GSO_TCPV4;
	TEST_ASSERT_EQ(skb_gso_segment(skb, &segs), -ENOMEM);
	TEST_ASSERT_IN_USE(small, in_use);
	TEST_ASSERT_EQ(skb_queue_len(&segs), 0);
	TEST_ASSERT_EQ(skb_len(skb), 60054);
	TEST_ASSERT_EQ(skb_headlen(skb), 54);
	TEST_ASSERT_EQ(skb_copy_bits(skb, 0, flat, 60054), 0);
	TEST_ASSERT(memcmp(flat, hdr, 54) == 0, "headers unchanged");
	TEST_ASSERT(flat[54] == pat(0) && flat[60053] == pat(59999), "payload unchanged");
	TEST_ASSERT(skb_is_gso(skb), "still gso");
	kfree_skb(skb);
	skb = NULL;
	TEST_ASSERT_POOL_EMPTY(small);
	rte_mempool_free(small);
	return TEST_SUCCESS;
fail:
	pool = keep;
	kfree_skb(skb);
	skb_queue_purge(&segs);
	rte_mempool_free(small);
	return TEST_FAILED;
}

/* One check of a TCP segment list: lengths, IDs, sequence, checksums; payload into joined[]. */
static int
tcp_segs_ok(struct sk_buff_head *segs, unsigned int n, unsigned int mss, unsigned int plen,
	    uint16_t id0, uint32_t seq0, unsigned int *got)
{
	struct sk_buff *seg;
	unsigned int i = 0;

	*got = 0;
	TEST_ASSERT_EQ(skb_queue_len(segs), n);
	skb_queue_walk(segs, seg) {
		unsigned int pay = i + 1 < n ? mss : plen - (n - 1) * mss;

		TEST_ASSERT_EQ(skb_len(seg), 54 + pay);
		TEST_ASSERT_EQ(skb_copy_bits(seg, 0, flat, (int)skb_len(seg)), 0);
		TEST_ASSERT_EQ(rd16(flat + 16), 40 + pay);
		TEST_ASSERT_EQ(rd16(flat + 18), (uint16_t)(id0 + i));
		TEST_ASSERT_EQ(rd32(flat + 38), seq0 + i * mss);
		TEST_ASSERT(ip_csum_ok(flat + 14), "ip checksum of %u", i);
		TEST_ASSERT(l4_csum_ok(flat + 14, flat + 34, 20 + pay, 6), "tcp checksum of %u", i);
		memcpy(joined + *got, flat + 54, pay);
		*got += pay;
		i++;
	}
	return 0;
fail:
	return -1;
}

/* A linear skb whose buffer is external (alloc_skb beyond the data room). */
static int
test_gso_linear_ext(void)
{
	const unsigned int plen = 60000, mss = 1448, n = 42;
	struct sk_buff_head segs;
	struct sk_buff *skb;
	unsigned int i, got;
	uint8_t *d;

	skb_queue_head_init(&segs);
	skb = alloc_skb(pool, 54 + plen);
	TEST_ASSERT(skb != NULL, "alloc");
	TEST_ASSERT(RTE_MBUF_HAS_EXTBUF(skb_to_mbuf(skb)), "external buffer");
	d = skb_put(skb, 54 + plen);
	put_eth(d);
	put_ipv4(d + 14, 0, 77, 0, 6, 1, 2);
	put_tcp(d + 34, 3, 0x10);
	for (i = 0; i < plen; i++)
		d[54 + i] = pat(i);
	skb_shinfo(skb)->gso_size = mss;
	skb_shinfo(skb)->gso_type = SKB_GSO_TCPV4;
	TEST_ASSERT_EQ(skb_shinfo(skb)->nr_frags, 0);
	TEST_ASSERT_EQ(skb_gso_segment(skb, &segs), 0);
	TEST_ASSERT(tcp_segs_ok(&segs, n, mss, plen, 77, 3, &got) == 0, "segments");
	return joined_ok(&segs, got, plen, 0);
fail:
	skb_queue_purge(&segs);
	return TEST_FAILED;
}

/* Segmenting a clone leaves the original whole: it segments the same way after. */
static int
test_gso_clone(void)
{
	const unsigned int plen = 20000, mss = 1000, n = 20;
	uint8_t hdr[54];
	struct sk_buff_head segs;
	struct sk_buff *skb, *clone = NULL;
	unsigned int got;

	skb_queue_head_init(&segs);
	put_eth(hdr);
	put_ipv4(hdr + 14, 0, 500, 0, 6, 1, 2);
	put_tcp(hdr + 34, 1000000, 0x10);
	skb = make_gso_skb(hdr, 54, plen, 3000);
	TEST_ASSERT(skb != NULL, "build");
	skb_shinfo(skb)->gso_size = mss;
	skb_shinfo(skb)->gso_type = SKB_GSO_TCPV4;
	clone = skb_clone(skb);
	TEST_ASSERT(clone != NULL, "clone");
	TEST_ASSERT(skb_is_gso(clone), "gso fields cloned");
	TEST_ASSERT_EQ(skb_gso_segment(clone, &segs), 0);
	clone = NULL;
	TEST_ASSERT(tcp_segs_ok(&segs, n, mss, plen, 500, 1000000, &got) == 0, "clone's segments");
	TEST_ASSERT_EQ(got, plen);
	TEST_ASSERT(joined[0] == pat(0) && joined[plen - 1] == pat(plen - 1), "clone's payload");
	skb_queue_purge(&segs);
	TEST_ASSERT_EQ(skb_len(skb), 54 + plen);
	TEST_ASSERT_EQ(skb_copy_bits(skb, 0, flat, 54), 0);
	TEST_ASSERT(memcmp(flat, hdr, 54) == 0, "original headers untouched");
	TEST_ASSERT_EQ(skb_gso_segment(skb, &segs), 0);
	TEST_ASSERT(tcp_segs_ok(&segs, n, mss, plen, 500, 1000000, &got) == 0, "original's segments");
	return joined_ok(&segs, got, plen, 0);
fail:
	kfree_skb(clone);
	skb_queue_purge(&segs);
	return TEST_FAILED;
}

/* ------------------------------------------------------------ GRO */

/* A TCP/IPv4 frame of @pay payload bytes (payload offset @poff in the stream), checksums right. */
static unsigned int
tcp_frame(uint8_t *f, uint16_t id, uint32_t seq, unsigned int pay, unsigned int poff, uint8_t flags)
{
	unsigned int i;

	put_eth(f);
	put_ipv4(f + 14, (uint16_t)(40 + pay), id, 0x4000, 6, 0x0a000001, 0x0a000002);
	put_tcp(f + 34, seq, flags);
	for (i = 0; i < pay; i++)
		f[54 + i] = pat(poff + i);
	wr16(f + 24, ip_csum(f + 14));
	wr16(f + 50, l4_csum(f + 14, f + 34, 20 + pay, 6));
	return 54 + pay;
}

/* Free the @n skbs of a burst (NULLs allowed) and forget them. */
static void
free_skbs(struct sk_buff **skbs, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		kfree_skb(skbs[i]);
		skbs[i] = NULL;
	}
}

static uint8_t orig[16][1600];
static unsigned int orig_len[16];

/* Segment @skb again and compare each segment with orig[first..first+n). */
static int
resegment_matches(struct sk_buff *skb, unsigned int first, unsigned int n)
{
	struct sk_buff_head segs;
	struct sk_buff *seg;
	unsigned int i = first;

	skb_queue_head_init(&segs);
	TEST_ASSERT_EQ(skb_gso_segment(skb, &segs), 0);
	TEST_ASSERT_EQ(skb_queue_len(&segs), n);
	skb_queue_walk(&segs, seg) {
		TEST_ASSERT_EQ(skb_len(seg), orig_len[i]);
		TEST_ASSERT_EQ(skb_copy_bits(seg, 0, flat, (int)orig_len[i]), 0);
		TEST_ASSERT(memcmp(flat, orig[i], orig_len[i]) == 0, "segment %u differs", i);
		i++;
	}
	skb_queue_purge(&segs);
	return 0;
fail:
	skb_queue_purge(&segs);
	return -1;
}

static int
test_gro_tcp_merge(void)
{
	struct sk_buff *skbs[16] = { NULL };
	unsigned int i, n = 10, last = 500;
	uint16_t k;

	for (i = 0; i < n; i++) {
		orig_len[i] = tcp_frame(orig[i], (uint16_t)(0xfffe + i), 7000 + i * 1448,
					i + 1 < n ? 1448 : last, i * 1448, 0x10);
		skbs[i] = test_skb_of(pool, 128, orig[i], orig_len[i], 0);
		TEST_ASSERT(skbs[i] != NULL, "frame %u", i);
	}
	k = skb_gro_burst(skbs, (uint16_t)n, SKB_GRO_ALL);
	TEST_ASSERT_EQ(k, 1);
	TEST_ASSERT(skb_is_gso(skbs[0]), "merged skb is gso");
	TEST_ASSERT_EQ(skb_shinfo(skbs[0])->gso_size, 1448);
	TEST_ASSERT_EQ(skb_shinfo(skbs[0])->gso_segs, n);
	TEST_ASSERT_EQ(skb_shinfo(skbs[0])->gso_type, SKB_GSO_TCPV4);
	TEST_ASSERT_EQ(skb_len(skbs[0]), 54 + 9 * 1448 + last);
	TEST_ASSERT_EQ(skb_copy_bits(skbs[0], 0, flat, (int)skb_len(skbs[0])), 0);
	TEST_ASSERT_EQ(rd16(flat + 16), 40 + 9 * 1448 + last);
	TEST_ASSERT(ip_csum_ok(flat + 14), "merged ip checksum refreshed");
	for (i = 0; i < 9 * 1448 + last; i++)
		TEST_ASSERT(flat[54 + i] == pat(i), "merged payload byte %u", i);
	TEST_ASSERT(resegment_matches(skbs[0], 0, n) == 0, "resegmented");
	TEST_ASSERT_POOL_EMPTY(pool);
	return TEST_SUCCESS;
fail:
	free_skbs(skbs, 16);
	return TEST_FAILED;
}

/* Runs that segmentation would not give back stay as received, in order. */
static int
test_gro_refuses(void)
{
	struct sk_buff *skbs[16] = { NULL };
	unsigned int i, n = 8;
	uint16_t k;

	/* 0-1: a short packet in the middle of a run; 2: PSH; 3-4 interleaved with UDP 5; 6-7 bad csum */
	orig_len[0] = tcp_frame(orig[0], 1, 100, 1000, 0, 0x10);
	orig_len[1] = tcp_frame(orig[1], 2, 1100, 500, 1000, 0x10);
	orig_len[2] = tcp_frame(orig[2], 3, 1600, 1000, 1500, 0x10);
	orig_len[3] = tcp_frame(orig[3], 4, 2600, 1000, 2500, 0x18);
	orig_len[4] = tcp_frame(orig[4], 5, 3600, 1000, 3500, 0x10);
	put_eth(orig[5]);
	put_ipv4(orig[5] + 14, 28 + 10, 9, 0, 17, 3, 4);
	memset(orig[5] + 34, 0, 18);
	wr16(orig[5] + 38, 18);
	wr16(orig[5] + 24, ip_csum(orig[5] + 14));
	orig_len[5] = 14 + 38;
	orig_len[6] = tcp_frame(orig[6], 6, 4600, 1000, 4500, 0x10);
	orig_len[7] = tcp_frame(orig[7], 7, 5600, 1000, 5500, 0x10);
	orig[7][60] ^= 1; /* payload no longer matches the TCP checksum */
	for (i = 0; i < n; i++) {
		skbs[i] = test_skb_of(pool, 128, orig[i], orig_len[i], 0);
		TEST_ASSERT(skbs[i] != NULL, "frame %u", i);
		/* what a PMD wrote stays: GRO sets its own only for the call */
		skb_to_mbuf(skbs[i])->packet_type = RTE_PTYPE_L2_ETHER | RTE_PTYPE_L3_IPV4;
		skb_to_mbuf(skbs[i])->tx_offload = 0;
	}
	/* 1000 then 500 then 1000: segments of 1000 would not give 500 back */
	k = skb_gro_burst(skbs, (uint16_t)n, SKB_GRO_ALL);
	TEST_ASSERT_EQ(k, n);
	for (i = 0; i < n; i++) {
		TEST_ASSERT(!skb_is_gso(skbs[i]), "skb %u gso", i);
		TEST_ASSERT_EQ(skb_len(skbs[i]), orig_len[i]);
		TEST_ASSERT_EQ(skb_to_mbuf(skbs[i])->nb_segs, 1);
		TEST_ASSERT(memcmp(skb_data(skbs[i]), orig[i], orig_len[i]) == 0, "skb %u bytes", i);
		TEST_ASSERT_EQ(skb_to_mbuf(skbs[i])->packet_type, RTE_PTYPE_L2_ETHER | RTE_PTYPE_L3_IPV4);
		TEST_ASSERT_EQ(skb_to_mbuf(skbs[i])->tx_offload, 0);
	}
	free_skbs(skbs, n);
	TEST_ASSERT_POOL_EMPTY(pool);
	return TEST_SUCCESS;
fail:
	free_skbs(skbs, 16);
	return TEST_FAILED;
}

/* Fragments of one UDP datagram, as a 1500-byte MTU makes them. */
static int
test_gro_udp_frags(void)
{
	struct sk_buff *skbs[16] = { NULL };
	static uint8_t dgram[4000];
	unsigned int i, n = 3, dlen = 8 + 3200, off = 0;
	uint8_t ph[20];
	uint16_t k;

	put_ipv4(ph, (uint16_t)(20 + dlen), 0x77, 0, 17, 0x0a000001, 0x0a000003);
	wr16(dgram, 1111);
	wr16(dgram + 2, 2222);
	wr16(dgram + 4, (uint16_t)dlen);
	wr16(dgram + 6, 0);
	for (i = 0; i < dlen - 8; i++)
		dgram[8 + i] = pat(i);
	wr16(dgram + 6, l4_csum(ph, dgram, dlen, 17));
	for (i = 0; i < n; i++) {
		unsigned int pay = RTE_MIN(1480u, dlen - off);

		put_eth(orig[i]);
		put_ipv4(orig[i] + 14, (uint16_t)(20 + pay), 0x77,
			 (uint16_t)(off / 8 | (i + 1 < n ? 0x2000 : 0)), 17, 0x0a000001, 0x0a000003);
		wr16(orig[i] + 24, ip_csum(orig[i] + 14));
		memcpy(orig[i] + 34, dgram + off, pay);
		orig_len[i] = 34 + pay;
		off += pay;
		skbs[i] = test_skb_of(pool, 128, orig[i], orig_len[i], 0);
		TEST_ASSERT(skbs[i] != NULL, "frame %u", i);
	}
	k = skb_gro_burst(skbs, (uint16_t)n, SKB_GRO_ALL);
	TEST_ASSERT_EQ(k, 1);
	TEST_ASSERT_EQ(skb_shinfo(skbs[0])->gso_type, SKB_GSO_UDP);
	TEST_ASSERT_EQ(skb_shinfo(skbs[0])->gso_size, 1480);
	TEST_ASSERT_EQ(skb_shinfo(skbs[0])->gso_segs, 3);
	TEST_ASSERT_EQ(skb_len(skbs[0]), 34 + dlen);
	TEST_ASSERT_EQ(skb_copy_bits(skbs[0], 0, flat, (int)skb_len(skbs[0])), 0);
	TEST_ASSERT_EQ(rd16(flat + 16), 20 + dlen);
	TEST_ASSERT_EQ(rd16(flat + 20), 0);
	TEST_ASSERT(ip_csum_ok(flat + 14), "merged ip checksum");
	TEST_ASSERT(memcmp(flat + 34, dgram, dlen) == 0, "datagram");
	TEST_ASSERT(resegment_matches(skbs[0], 0, n) == 0, "refragmented");
	TEST_ASSERT_POOL_EMPTY(pool);
	return TEST_SUCCESS;
fail:
	free_skbs(skbs, 16);
	return TEST_FAILED;
}

static int
test_gro_vxlan_merge(void)
{
	struct sk_buff *skbs[16] = { NULL };
	unsigned int i, n = 4, pay = 1000;
	uint16_t k;

	for (i = 0; i < n; i++) {
		uint8_t *f = orig[i];
		unsigned int hl = put_vxlan_tcp_hdr(f, (uint16_t)(50 + i), (uint16_t)(9 + i),
						    2000 + i * pay, 0x10);
		unsigned int j;

		for (j = 0; j < pay; j++)
			f[hl + j] = pat(i * pay + j);
		wr16(f + 16, (uint16_t)(hl - 14 + pay));
		wr16(f + 38, (uint16_t)(hl - 34 + pay));
		wr16(f + 66, (uint16_t)(40 + pay));
		wr16(f + 24, ip_csum(f + 14));
		wr16(f + 74, ip_csum(f + 64));
		wr16(f + 100, l4_csum(f + 64, f + 84, 20 + pay, 6));
		orig_len[i] = hl + pay;
		skbs[i] = test_skb_of(pool, 128, f, orig_len[i], 0);
		TEST_ASSERT(skbs[i] != NULL, "frame %u", i);
	}
	k = skb_gro_burst(skbs, (uint16_t)n, SKB_GRO_ALL);
	TEST_ASSERT_EQ(k, 1);
	TEST_ASSERT_EQ(skb_shinfo(skbs[0])->gso_type, SKB_GSO_UDP_TUNNEL | SKB_GSO_TCPV4);
	TEST_ASSERT_EQ(skb_shinfo(skbs[0])->gso_size, pay);
	TEST_ASSERT_EQ(skb_shinfo(skbs[0])->gso_segs, n);
	TEST_ASSERT_EQ(skb_len(skbs[0]), 104 + n * pay);
	TEST_ASSERT(resegment_matches(skbs[0], 0, n) == 0, "resegmented");
	TEST_ASSERT_POOL_EMPTY(pool);
	return TEST_SUCCESS;
fail:
	free_skbs(skbs, 16);
	return TEST_FAILED;
}

/* ------------------------------------------------------------ the rest */

/*
 * A TCP/IPv6 frame behind @ext bytes of hop-by-hop header (0 or 8): traffic
 * class 0xa0, flow label @flow, hop limit @hlim, @pay payload bytes pat(@poff..),
 * the TCP checksum summed here.  @return its length.
 */
static unsigned int
tcp6_frame(uint8_t *f, unsigned int ext, uint32_t flow, uint8_t hlim, uint32_t seq,
	   unsigned int pay, unsigned int poff, uint8_t flags)
{
	unsigned int i, l4 = 54 + ext;
	uint8_t ps[40];

	put_eth(f);
	wr16(f + 12, 0x86dd);
	wr32(f + 14, 0x6a000000u | flow);
	wr16(f + 18, (uint16_t)(ext + 20 + pay));
	f[20] = ext ? 0 : 6;
	f[21] = hlim;
	for (i = 0; i < 16; i++) {
		f[22 + i] = (uint8_t)(0x20 + i);
		f[38 + i] = (uint8_t)(0x40 + i);
	}
	if (ext) {                           /* next TCP, 8 bytes, PadN */
		memset(f + 54, 0, 8);
		f[54] = 6;
		f[56] = 1;
		f[57] = 4;
	}
	put_tcp(f + l4, seq, flags);
	for (i = 0; i < pay; i++)
		f[l4 + 20 + i] = pat(poff + i);
	memcpy(ps, f + 22, 32);
	wr32(ps + 32, 20 + pay);
	wr32(ps + 36, 6);
	wr16(f + l4 + 16, (uint16_t)~fold(sum16(f + l4, 20 + pay, sum16(ps, 40, 0))));
	return l4 + 20 + pay;
}

/*
 * GRO of TCP/IPv6 (rte_gro has none): a run of 6 (5 x 1000 + 300 bytes) with
 * a hop-by-hop header merges into one skb whose payload length is the
 * whole's and which segments back to the frames received byte for byte; then
 * runs that must not merge: another flow label, another hop limit, PSH, a
 * sequence gap, a bad checksum, a longer payload after a shorter one.
 */
static int
test_gro_tcp6_merge(void)
{
	struct sk_buff *skbs[16] = { NULL };
	unsigned int i, n = 6, k;
	uint16_t got;

	for (i = 0; i < n; i++) {
		orig_len[i] = tcp6_frame(orig[i], 8, 0x12345, 64, 0xfffffe00u + i * 1000,
					 i + 1 < n ? 1000 : 300, i * 1000, 0x10);
		skbs[i] = test_skb_of(pool, 128, orig[i], orig_len[i], 0);
		TEST_ASSERT(skbs[i] != NULL, "frame %u", i);
	}
	got = skb_gro_burst(skbs, (uint16_t)n, SKB_GRO_TCPV6);
	for (k = got; k < n; k++)
		skbs[k] = NULL;         /* merged into skbs[0] */
	TEST_ASSERT_EQ(got, 1);
	TEST_ASSERT(skb_is_gso(skbs[0]), "merged skb is gso");
	TEST_ASSERT_EQ(skb_shinfo(skbs[0])->gso_size, 1000);
	TEST_ASSERT_EQ(skb_shinfo(skbs[0])->gso_segs, n);
	TEST_ASSERT_EQ(skb_shinfo(skbs[0])->gso_type, SKB_GSO_TCPV6);
	TEST_ASSERT_EQ(skb_len(skbs[0]), 82 + 5 * 1000 + 300);
	TEST_ASSERT_EQ(skb_network_offset(skbs[0]), 14);
	TEST_ASSERT_EQ(skb_transport_offset(skbs[0]), 62);
	TEST_ASSERT_EQ(skbs[0]->protocol, RTE_BE16(RTE_ETHER_TYPE_IPV6));
	TEST_ASSERT_EQ(skb_copy_bits(skbs[0], 0, flat, (int)skb_len(skbs[0])), 0);
	TEST_ASSERT_EQ(rd16(flat + 18), 8 + 20 + 5 * 1000 + 300);
	TEST_ASSERT(memcmp(flat, orig[0], 18) == 0 && memcmp(flat + 20, orig[0] + 20, 62) == 0,
		    "the first frame's headers but for the payload length");
	for (i = 0; i < 5 * 1000 + 300; i++)
		TEST_ASSERT(flat[82 + i] == pat(i), "merged payload byte %u", i);
	TEST_ASSERT(resegment_matches(skbs[0], 0, n) == 0, "resegmented");
	skbs[0] = NULL;
	TEST_ASSERT_POOL_EMPTY(pool);

	/* pairs that each would merge but for one field of the second */
	n = 14;
	for (i = 0; i < n; i += 2) {
		uint32_t flow = 7, seq = 100000 * (i + 1);
		uint8_t hlim = 64, fl = 0x10;
		unsigned int pay2 = 500;

		orig_len[i] = tcp6_frame(orig[i], 0, flow, hlim, seq, 500, 0, 0x10);
		switch (i / 2) {
		case 0: flow = 8; break;
		case 1: hlim = 63; break;
		case 2: fl = 0x18; break;
		case 3: break;                  /* one byte of the stream missing */
		case 4: break;                  /* checksum spoiled below */
		case 5: pay2 = 501; break;
		case 6: break;                  /* the control: merges */
		}
		orig_len[i + 1] = tcp6_frame(orig[i + 1], 0, flow, hlim,
					     seq + (i / 2 == 3 ? 500 + 1 : 500), pay2, 500, fl);
		if (i / 2 == 4)
			orig[i + 1][80] ^= 0x01;
	}
	for (i = 0; i < n; i++) {
		skbs[i] = test_skb_of(pool, 128, orig[i], orig_len[i], 0);
		TEST_ASSERT(skbs[i] != NULL, "frame %u", i);
	}
	got = skb_gro_burst(skbs, (uint16_t)n, SKB_GRO_ALL);
	for (k = got; k < n; k++)
		skbs[k] = NULL;
	TEST_ASSERT_EQ(got, n - 1);
	for (k = 0; k + 1 < n - 1u; k++) {
		TEST_ASSERT(!skb_is_gso(skbs[k]), "skb %u left as received", k);
		TEST_ASSERT_EQ(skb_len(skbs[k]), orig_len[k]);
		TEST_ASSERT_EQ(skb_copy_bits(skbs[k], 0, flat, (int)orig_len[k]), 0);
		TEST_ASSERT(memcmp(flat, orig[k], orig_len[k]) == 0, "skb %u bytes", k);
	}
	TEST_ASSERT_EQ(skb_shinfo(skbs[n - 2])->gso_segs, 2);
	TEST_ASSERT(resegment_matches(skbs[n - 2], n - 2, 2) == 0, "control pair resegmented");
	skbs[n - 2] = NULL;
	free_skbs(skbs, 16);
	TEST_ASSERT_POOL_EMPTY(pool);
	return TEST_SUCCESS;
fail:
	free_skbs(skbs, 16);
	return TEST_FAILED;
}

static int
test_truesize(void)
{
	struct sk_buff *skb, *f = NULL, *big = NULL;
	unsigned int one;
	int result = TEST_FAILED;

	skb = alloc_skb(pool, 100);

	TEST_ASSERT(skb != NULL, "alloc");
	one = (unsigned int)sizeof(struct sk_buff) + ROOM;
	TEST_ASSERT_EQ(skb_truesize(skb), one);
	TEST_ASSERT_EQ(SKB_TRUESIZE(ROOM), one);
	f = alloc_skb(pool, 10);
	TEST_ASSERT(f != NULL, "alloc frag");
	skb_put_zero(f, 10);
	TEST_ASSERT_EQ(skb_append_frag(skb, f), 0);
	f = NULL;
	TEST_ASSERT_EQ(skb_truesize(skb), 2 * one);
	big = alloc_skb(pool, 10000);
	TEST_ASSERT(big != NULL, "alloc big");
	TEST_ASSERT(skb_truesize(big) >= (unsigned int)sizeof(struct sk_buff) + 10000,
		    "external buffer counted (%u)", skb_truesize(big));
	TEST_ASSERT_EQ(skb_truesize(big), (unsigned int)sizeof(struct sk_buff) +
		       skb_to_mbuf(big)->buf_len + sizeof(struct rte_mbuf_ext_shared_info));
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(pool, result, big, f, skb);
}

static int
test_ip_align(void)
{
	struct sk_buff *skb = NULL;

	TEST_ASSERT_EQ(skb_netdev_set_pool(3, pool), 0);
	skb = netdev_alloc_skb_ip_align(3, 1500);
	TEST_ASSERT(skb != NULL, "alloc");
	TEST_ASSERT_EQ(skb_headroom(skb), NET_SKB_PAD + NET_IP_ALIGN);
	TEST_ASSERT_EQ(NET_IP_ALIGN, 2);
	TEST_ASSERT_EQ(skb_len(skb), 0);
	TEST_ASSERT(skb_tailroom(skb) >= 1500, "tailroom %d", skb_tailroom(skb));
	TEST_ASSERT_EQ(skb_to_mbuf(skb)->port, 3);
	TEST_ASSERT_EQ(((uintptr_t)skb_data(skb) + RTE_ETHER_HDR_LEN) % 4, 0);
	dev_kfree_skb(skb);
	skb = netdev_alloc_skb_ip_align(3, 60);
	TEST_ASSERT(skb != NULL, "alloc");
	dev_kfree_skb_any(skb);
	dev_kfree_skb_any(NULL);
	dev_kfree_skb(NULL);
	skb = NULL;
	TEST_ASSERT(netdev_alloc_skb_ip_align(4, 60) == NULL, "port without a pool");
	TEST_ASSERT(netdev_alloc_skb_ip_align(3, 70000) == NULL, "too long");
	TEST_ASSERT_EQ(skb_netdev_set_pool(3, NULL), 0);
	TEST_ASSERT_POOL_EMPTY(pool);
	return TEST_SUCCESS;
fail:
	kfree_skb(skb);
	skb_netdev_set_pool(3, NULL);
	return TEST_FAILED;
}

/*
 * TCP over IPv6 behind a hop-by-hop header, its payload @plen bytes of pat()
 * in frags of 1000 (4096 past 16000 bytes): segmented with @mss, every byte of each segment checked
 * against the header built here (payload length, sequence number, flags: FIN
 * and PSH on the last only, CWR on the first only; the TCP checksum summed
 * here with RFC 8200's pseudo-header), the payload rejoined.
 */
static int
gso_tcp6_case(unsigned int plen, unsigned int mss)
{
	const uint32_t seq0 = 0xfffffc00u; /* wraps */
	uint8_t hdr[82] = { 0 };
	struct sk_buff_head segs;
	struct sk_buff *skb, *seg;
	unsigned int i = 0, got = 0, nseg = (plen + mss - 1) / mss, k;

	skb_queue_head_init(&segs);
	put_eth(hdr);
	wr16(hdr + 12, 0x86dd);
	wr32(hdr + 14, 0x6a012345);          /* traffic class 0xa0, flow label 0x12345 */
	hdr[20] = 0;                         /* next header: hop-by-hop */
	hdr[21] = 64;
	for (k = 0; k < 16; k++) {
		hdr[22 + k] = (uint8_t)(0x20 + k);
		hdr[38 + k] = (uint8_t)(0x40 + k);
	}
	hdr[54] = 6;                         /* hop-by-hop: next TCP, 8 bytes, PadN */
	hdr[56] = 1;
	hdr[57] = 4;
	wr16(hdr + 62, 4000);
	wr16(hdr + 64, 80);
	wr32(hdr + 66, seq0);
	wr32(hdr + 70, 0x01020304);
	hdr[74] = 0x50;
	hdr[75] = 0x80 | 0x10 | 0x08 | 0x01; /* CWR ACK PSH FIN */
	wr16(hdr + 76, 65000);
	skb = make_gso_skb(hdr, sizeof(hdr), plen, plen > 16000 ? 4096 : 1000); /* <= 16 frags */
	TEST_ASSERT(skb != NULL, "build");
	skb_shinfo(skb)->gso_size = (uint16_t)mss;
	skb_shinfo(skb)->gso_type = SKB_GSO_TCPV6;
	TEST_ASSERT_EQ(skb_gso_segment(skb, &segs), 0);
	TEST_ASSERT_EQ(skb_queue_len(&segs), nseg);
	skb_queue_walk(&segs, seg) {
		unsigned int pay = i + 1 < nseg ? mss : plen - (nseg - 1) * mss;
		uint8_t want = 0x10 | (i == 0 ? 0x80 : 0) | (i + 1 == nseg ? 0x09 : 0);
		uint8_t ps[40];

		TEST_ASSERT_EQ(skb_len(seg), sizeof(hdr) + pay);
		TEST_ASSERT_EQ(skb_copy_bits(seg, 0, flat, (int)skb_len(seg)), 0);
		/* the headers as built, but for payload length, sequence, flags and checksum */
		TEST_ASSERT(memcmp(flat, hdr, 18) == 0, "ethernet, version, class, flow of %u", i);
		TEST_ASSERT_EQ(rd16(flat + 18), 8 + 20 + pay);
		TEST_ASSERT(memcmp(flat + 20, hdr + 20, 46) == 0, "addresses, extension of %u", i);
		TEST_ASSERT_EQ(rd32(flat + 66), (uint32_t)(seq0 + i * mss));
		TEST_ASSERT(memcmp(flat + 70, hdr + 70, 5) == 0, "ack, offset of %u", i);
		TEST_ASSERT_EQ(flat[75], want);
		TEST_ASSERT_EQ(rd16(flat + 76), 65000);
		TEST_ASSERT_EQ(rd16(flat + 80), 0);
		memcpy(ps, flat + 22, 32);
		wr32(ps + 32, 20 + pay);
		wr32(ps + 36, 6);
		TEST_ASSERT_EQ(fold(sum16(flat + 62, 20 + pay, sum16(ps, 40, 0))), 0xffff);
		TEST_ASSERT(!skb_is_gso(seg), "segment %u still gso", i);
		TEST_ASSERT_EQ(skb_network_offset(seg), 14);
		TEST_ASSERT_EQ(skb_transport_offset(seg), 62);
		TEST_ASSERT_EQ(seg->protocol, RTE_BE16(RTE_ETHER_TYPE_IPV6));
		memcpy(joined + got, flat + sizeof(hdr), pay);
		got += pay;
		i++;
	}
	return joined_ok(&segs, got, plen, 0);
fail:
	skb_queue_purge(&segs);
	return TEST_FAILED;
}

/* TCP/IPv6: an even and an odd MSS, a payload of exactly one MSS and one byte more. */
static int
test_gso_tcp6(void)
{
	static const unsigned int cases[][2] = {
		{ 3000, 1000 }, { 2501, 777 }, { 1440, 1440 }, { 1441, 1440 }, { 60000, 1428 },
	};
	unsigned int c;

	for (c = 0; c < RTE_DIM(cases); c++)
		if (gso_tcp6_case(cases[c][0], cases[c][1]) != TEST_SUCCESS) {
			printf("# plen %u mss %u\n", cases[c][0], cases[c][1]);
			return TEST_FAILED;
		}
	TEST_ASSERT_POOL_EMPTY(pool);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

/* SKB_GSO_TCPV6 on what is no TCP/IPv6 packet: -EINVAL, the skb unchanged and still ours. */
static int
test_gso_tcp6_errors(void)
{
	uint8_t hdr[54];
	struct sk_buff_head segs;
	struct sk_buff *skb = NULL;
	int result = TEST_FAILED;

	skb_queue_head_init(&segs);
	put_eth(hdr);
	put_ipv4(hdr + 14, 0, 1, 0x4000, 6, 0x0a000001, 0x0a000002);
	put_tcp(hdr + 34, 1, 0x10);
	skb = make_gso_skb(hdr, sizeof(hdr), 3000, 1000);
	TEST_ASSERT(skb != NULL, "build");
	skb_shinfo(skb)->gso_size = 1000;
	skb_shinfo(skb)->gso_type = SKB_GSO_TCPV6;
	TEST_ASSERT_EQ(skb_gso_segment(skb, &segs), -EINVAL);
	TEST_ASSERT_EQ(skb_queue_len(&segs), 0);
	TEST_ASSERT_EQ(skb_len(skb), 54 + 3000);
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(pool, result, skb);
}

static const struct unit_test tests[] = {
	UNIT_SETUP(setup),
	UNIT_TEST(test_gso_tcp4_64k),
	UNIT_TEST(test_gso_udp4_frag),
	UNIT_TEST(test_gso_vxlan_tcp4),
	UNIT_TEST(test_gso_vxlan_inner_headers),
	UNIT_TEST(test_gso_fits_one),
	UNIT_TEST(test_gso_errors),
	UNIT_TEST(test_gso_linear_ext),
	UNIT_TEST(test_gso_clone),
	UNIT_TEST(test_gso_tcp6),
	UNIT_TEST(test_gso_tcp6_errors),
	UNIT_TEST(test_gro_tcp_merge),
	UNIT_TEST(test_gro_refuses),
	UNIT_TEST(test_gro_udp_frags),
	UNIT_TEST(test_gro_vxlan_merge),
	UNIT_TEST(test_gro_tcp6_merge),
	UNIT_TEST(test_truesize),
	UNIT_TEST(test_ip_align),
};

UNIT_TEST_MAIN(tests)
