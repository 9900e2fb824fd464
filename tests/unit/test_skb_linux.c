/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Unit tests of the Linux calls ported code expects: skb_copy_expand, the
 * padding calls, skb_headers_offset_update, tcp_hdr/icmp_hdr, skb_cow,
 * skb_unclone, skb_ensure_writable, skb_share_check, skb_orphan,
 * eth_type_trans, skb_vlan_push/pop and kfree_skb_reason/skb_drop_count,
 * each with its error paths (what is freed, what stays).
 */

#include <pthread.h>

#include <rte_bus_vdev.h>
#include <rte_launch.h>

#include "test_chain.h"
#include "test_frame.h"
#include "test_pool.h"

static struct rte_mempool *mp;
static struct rte_mempool *tiny; /* two skbs: for the "pool empty" paths */
static uint16_t null_port = RTE_MAX_ETHPORTS;

static const uint8_t frame_src[6] = { 0x02, 0, 0, 0, 0, 0x99 };

/* An Ethernet frame of @len bytes to @dst with EtherType @type (host order), payload pat(). */
static void
fill_frame(uint8_t *f, unsigned int len, const uint8_t *dst, uint16_t type)
{
	unsigned int i;

	memcpy(f, dst, 6);
	memcpy(f + 6, frame_src, 6);
	f[12] = (uint8_t)(type >> 8);
	f[13] = (uint8_t)type;
	for (i = 14; i < len; i++)
		f[i] = pat(i);
}

/* ---------------------------------------------------------------- copies and offsets */

static int
test_copy_expand(void)
{
	static const unsigned int lens[] = { 60, 40 };
	struct sk_buff *skb = make_chain(mp, 64, lens, 2), *n = NULL;
	int result = TEST_FAILED;

	TEST_ASSERT(skb != NULL, "make_chain");
	skb_reset_mac_header(skb);
	skb_set_network_header(skb, 14);
	skb_set_transport_header(skb, 34);
	skb->mark = 9;
	TEST_ASSERT(skb_pull(skb, 14) != NULL, "pull");
	/* less headroom than the skb has: the last 32 bytes of it come along */
	n = skb_copy_expand(skb, 32, 100);
	TEST_ASSERT(n != NULL, "skb_copy_expand");
	TEST_ASSERT(!skb_is_nonlinear(n), "copy nonlinear");
	TEST_ASSERT_EQ(skb_headroom(n), 32);
	TEST_ASSERT_EQ(skb_len(n), 86);
	TEST_ASSERT(skb_tailroom(n) >= 100, "tailroom %d", skb_tailroom(n));
	TEST_ASSERT(skb_is_pat(n, 14), "copy bytes");
	TEST_ASSERT(is_pat(skb_data(n) - 14, 0, 14), "pulled header bytes in the headroom");
	TEST_ASSERT_EQ(skb_mac_offset(n), -14);
	TEST_ASSERT_EQ(skb_network_offset(n), 0);
	TEST_ASSERT_EQ(skb_transport_offset(n), 20);
	TEST_ASSERT_EQ(n->mark, 9);
	TEST_ASSERT(!skb_cloned(n), "copy cloned");
	TEST_ASSERT_PTR_EQ(n->mbuf.pool, mp);
	/* the original as it was */
	TEST_ASSERT_EQ(skb_headroom(skb), 78);
	TEST_ASSERT_EQ(skb_nr_frags(skb), 1);
	TEST_ASSERT_EQ(skb_mac_offset(skb), -14);
	TEST_ASSERT_IN_USE(mp, 3);
	kfree_skb(n);
	/* more headroom: all of the old headroom, at its end */
	n = skb_copy_expand(skb, 200, 0);
	TEST_ASSERT(n != NULL, "skb_copy_expand 200");
	TEST_ASSERT_EQ(skb_headroom(n), 200);
	TEST_ASSERT_EQ(skb_len(n), 86);
	TEST_ASSERT(skb_is_pat(n, 14), "copy bytes");
	TEST_ASSERT(is_pat(skb_data(n) - 14, 0, 14), "pulled header bytes");
	TEST_ASSERT_EQ(skb_mac_offset(n), -14);
	TEST_ASSERT_EQ(n->mac_header, 186);
	kfree_skb(n);
	n = NULL;
	/* refused: nothing allocated, the original untouched */
	TEST_ASSERT(skb_copy_expand(skb, -1, 0) == NULL, "negative headroom");
	TEST_ASSERT(skb_copy_expand(skb, 0, -1) == NULL, "negative tailroom");
	TEST_ASSERT(skb_copy_expand(skb, 65536 - 86 - 10, 11) == NULL, "past 64 KiB");
	TEST_ASSERT_IN_USE(mp, 2);
	/* past the pool's data room: an external buffer */
	n = skb_copy_expand(skb, 60000, 0);
	TEST_ASSERT(n != NULL, "skb_copy_expand to 60086");
	TEST_ASSERT_EQ(skb_headroom(n), 60000);
	TEST_ASSERT(skb_is_pat(n, 14), "copy bytes");
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(mp, result, n, skb);
}

static int
test_headers_offset_update(void)
{
	struct sk_buff *skb = alloc_skb(mp, 200);
	int result = TEST_FAILED;

	TEST_ASSERT(skb != NULL, "alloc_skb");
	skb_reserve(skb, 64);
	/* an skb without valid metadata has no offsets: nothing to move */
	skb->mbuf.ol_flags &= ~skb_meta_flag;
	skb_headers_offset_update(skb, 10);
	TEST_ASSERT(!skb_meta_valid(skb), "metadata made valid");
	skb_reset_mac_header(skb);
	skb_set_network_header(skb, 14);
	skb_headers_offset_update(skb, 10);
	TEST_ASSERT_EQ(skb->mac_header, 74);
	TEST_ASSERT_EQ(skb->network_header, 88);
	TEST_ASSERT_EQ(skb->transport_header, SKB_HDR_UNSET);
	TEST_ASSERT(!skb_transport_header_was_set(skb), "unset offset moved");
	skb_headers_offset_update(skb, -20);
	TEST_ASSERT_EQ(skb->mac_header, 54);
	TEST_ASSERT_EQ(skb->network_header, 68);
	TEST_ASSERT_EQ(skb->transport_header, SKB_HDR_UNSET);
	/* the accessors of the fixed headers */
	skb_set_transport_header(skb, 34);
	TEST_ASSERT_PTR_EQ(tcp_hdr(skb), skb_data(skb) + 34);
	TEST_ASSERT_PTR_EQ(icmp_hdr(skb), skb_data(skb) + 34);
	TEST_ASSERT_PTR_EQ(&tcp_hdr(skb)->tcp_flags, skb_data(skb) + 34 + 13);
	TEST_ASSERT_PTR_EQ(&icmp_hdr(skb)->icmp_ident, skb_data(skb) + 34 + 4);
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(mp, result, skb);
}

/* ---------------------------------------------------------------- padding */

/*
 * The checks below read and write bytes past the data on purpose (what the
 * padding calls leave there): the ASan build poisons the tailroom of live
 * skbs, so the test opens the bytes it looks at first.
 */
#ifdef SKB_ASAN
#include <sanitizer/asan_interface.h>
#define TAIL_OPEN(skb, n) ASAN_UNPOISON_MEMORY_REGION(skb_tail_pointer(skb), (n))
#else
#define TAIL_OPEN(skb, n) do { } while (0)
#endif

static int
test_pad_linear(void)
{
	uint8_t f[60];
	struct sk_buff *skb;
	unsigned int i;
	int result = TEST_FAILED;

	fill_frame(f, 42, frame_src, 0x0806);
	skb = test_skb_of(mp, 64, f, 42, 0);
	TEST_ASSERT(skb != NULL, "test_skb_of");
	TAIL_OPEN(skb, 40);
	memset(skb_tail_pointer(skb), 0xaa, 40);
	/* skb_pad: the zeros exist after the data, the length stays */
	TEST_ASSERT_EQ(skb_pad(skb, 10), 0);
	TEST_ASSERT_EQ(skb_len(skb), 42);
	TAIL_OPEN(skb, 16);
	for (i = 0; i < 10; i++)
		TEST_ASSERT_EQ(skb_tail_pointer(skb)[i], 0);
	TEST_ASSERT_EQ(skb_tail_pointer(skb)[10], 0xaa);
	TEST_ASSERT_EQ(skb_pad(skb, 0), 0);
	/* skb_padto: nothing when long enough, else zeros to @len, the length stays */
	TEST_ASSERT_EQ(skb_padto(skb, 40), 0);
	TAIL_OPEN(skb, 16);
	TEST_ASSERT_EQ(skb_tail_pointer(skb)[10], 0xaa);
	TEST_ASSERT_EQ(skb_padto(skb, 55), 0);
	TEST_ASSERT_EQ(skb_len(skb), 42);
	TAIL_OPEN(skb, 16);
	for (i = 0; i < 13; i++)
		TEST_ASSERT_EQ(skb_tail_pointer(skb)[i], 0);
	TEST_ASSERT_EQ(skb_tail_pointer(skb)[13], 0xaa);
	/* eth_skb_pad: a 42-byte ARP frame becomes 60 bytes, the last 18 zero */
	TEST_ASSERT_EQ(eth_skb_pad(skb), 0);
	TEST_ASSERT_EQ(skb_len(skb), 60);
	TEST_ASSERT(memcmp(skb_data(skb), f, 42) == 0, "frame bytes");
	for (i = 42; i < 60; i++)
		TEST_ASSERT_EQ(skb_data(skb)[i], 0);
	TAIL_OPEN(skb, 1);
	TEST_ASSERT_EQ(skb_tail_pointer(skb)[0], 0xaa);
	/* skb_put_padto: nothing when long enough */
	TEST_ASSERT_EQ(skb_put_padto(skb, 60), 0);
	TEST_ASSERT_EQ(skb_len(skb), 60);
	TEST_ASSERT_EQ(skb_put_padto(skb, 64), 0);
	TEST_ASSERT_EQ(skb_len(skb), 64);
	TEST_ASSERT_EQ(skb_data(skb)[63], 0);
	/* past the tailroom: a new head with the room */
	TEST_ASSERT_EQ(skb_put_padto(skb, 3000), 0);
	TEST_ASSERT_EQ(skb_len(skb), 3000);
	TEST_ASSERT_EQ(skb_headroom(skb), 64);
	TEST_ASSERT(memcmp(skb_data(skb), f, 42) == 0, "frame bytes after expansion");
	for (i = 42; i < 3000; i++)
		TEST_ASSERT_EQ(skb_data(skb)[i], 0);
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(mp, result, skb);
}

static int
test_pad_nonlinear_cloned(void)
{
	static const unsigned int lens[] = { 30, 10 };
	struct sk_buff *skb = make_chain(mp, 64, lens, 2), *c = NULL;
	unsigned int i;

	TEST_ASSERT(skb != NULL, "make_chain");
	/* frags: the skb ends linear, the pad after the copied frag bytes */
	TEST_ASSERT_EQ(skb_put_padto(skb, 60), 0);
	TEST_ASSERT(!skb_is_nonlinear(skb), "still nonlinear");
	TEST_ASSERT_EQ(skb_len(skb), 60);
	TEST_ASSERT(is_pat(skb_data(skb), 0, 40), "data bytes");
	for (i = 40; i < 60; i++)
		TEST_ASSERT_EQ(skb_data(skb)[i], 0);
	TEST_ASSERT_IN_USE(mp, 1);
	/* cloned: the pad goes into a private head, the clone keeps its bytes */
	c = skb_clone(skb);
	TEST_ASSERT(c != NULL, "skb_clone");
	skb_trim(c, 40);
	memset(skb_tail_pointer(c), 0x55, 20); /* the clone's tailroom is the shared buffer's */
	TEST_ASSERT_EQ(skb_pad(skb, 100), 0);
	TEST_ASSERT(!skb_cloned(skb), "padded skb still cloned");
	TEST_ASSERT(skb_data(skb) != skb_data(c), "head not re-allocated");
	TAIL_OPEN(skb, 100);
	for (i = 0; i < 100; i++)
		TEST_ASSERT_EQ(skb_tail_pointer(skb)[i], 0);
	TAIL_OPEN(c, 1);
	TEST_ASSERT_EQ(skb_tail_pointer(c)[0], 0x55);
	TEST_ASSERT(is_pat(skb_data(c), 0, 40), "clone bytes");
	kfree_skb(c);
	c = NULL;
	/* errors free the skb, as Linux */
	TEST_ASSERT_EQ(skb_pad(skb, -1), -EINVAL);
	skb = NULL;
	TEST_ASSERT_POOL_EMPTY(mp);
	skb = make_chain(mp, 64, lens, 2);
	TEST_ASSERT(skb != NULL, "make_chain");
	TEST_ASSERT_EQ(skb_put_padto(skb, 70000), -ENOMEM);
	skb = NULL;
	TEST_ASSERT_POOL_EMPTY(mp);
	skb = make_chain(mp, 64, lens, 2);
	TEST_ASSERT(skb != NULL, "make_chain");
	TEST_ASSERT_EQ(skb_padto(skb, 65536), -ENOMEM);
	skb = NULL;
	TEST_ASSERT_POOL_EMPTY(mp);
	skb = make_chain(mp, 64, lens, 2);
	TEST_ASSERT(skb != NULL, "make_chain");
	TEST_ASSERT_EQ(skb_pad(skb, INT32_MAX), -ENOMEM);
	skb = NULL;
	TEST_ASSERT_POOL_EMPTY(mp);
	return TEST_SUCCESS;
fail:
	kfree_skb(c);
	kfree_skb(skb);
	return TEST_FAILED;
}

/* ---------------------------------------------------------------- writable, shared */

static int
test_cow_unclone_writable(void)
{
	static const unsigned int lens[] = { 10, 50 };
	struct sk_buff *skb = make_chain(mp, 64, lens, 2), *c = NULL;
	unsigned char *data;
	int result = TEST_FAILED;

	TEST_ASSERT(skb != NULL, "make_chain");
	/* skb_cow: enough room, not cloned: nothing moves */
	data = skb_data(skb);
	TEST_ASSERT_EQ(skb_cow(skb, 64), 0);
	TEST_ASSERT_PTR_EQ(skb_data(skb), data);
	/* short: the room added is a multiple of NET_SKB_PAD */
	TEST_ASSERT_EQ(skb_cow(skb, 100), 0);
	TEST_ASSERT_EQ(skb_headroom(skb), 64 + NET_SKB_PAD);
	TEST_ASSERT(skb_is_pat(skb, 0), "bytes after cow");
	TEST_ASSERT_EQ(skb_cow(skb, 65536), -ENOMEM);
	TEST_ASSERT_EQ(skb_headroom(skb), 64 + NET_SKB_PAD);
	/* skb_ensure_writable: bytes pulled out of the frag */
	TEST_ASSERT_EQ(skb_ensure_writable(skb, 30), 0);
	TEST_ASSERT(skb_headlen(skb) >= 30, "headlen %u", skb_headlen(skb));
	TEST_ASSERT(skb_is_pat(skb, 0), "bytes after ensure_writable");
	TEST_ASSERT_EQ(skb_ensure_writable(skb, 61), -ENOMEM);
	TEST_ASSERT_EQ(skb_len(skb), 60);
	/* cloned: a private head, the clone alone on the old one */
	c = skb_clone(skb);
	TEST_ASSERT(c != NULL, "skb_clone");
	TEST_ASSERT_EQ(skb_ensure_writable(skb, 20), 0);
	TEST_ASSERT(!skb_cloned(skb), "still cloned");
	TEST_ASSERT(!skb_cloned(c), "clone cloned");
	memset(skb_data(skb), 0, 20);
	TEST_ASSERT(skb_is_pat(c, 0), "clone saw the write");
	kfree_skb(c);
	c = skb_clone(skb);
	TEST_ASSERT(c != NULL, "skb_clone");
	/* skb_unclone: the same for the head alone */
	TEST_ASSERT_EQ(skb_unclone(c), 0);
	TEST_ASSERT(!skb_cloned(c), "unclone left it cloned");
	TEST_ASSERT(skb_data(c) != skb_data(skb), "unclone kept the head");
	TEST_ASSERT_EQ(skb_unclone(c), 0);
	/* skb_get()-shared: pskb_expand_head refuses, the skb stays */
	skb_get(skb);
	kfree_skb(c);
	c = skb_clone(skb);
	TEST_ASSERT(c != NULL, "skb_clone");
	TEST_ASSERT_EQ(skb_unclone(skb), -EINVAL);
	TEST_ASSERT(skb_cloned(skb), "refused unclone changed the skb");
	kfree_skb(skb);
	kfree_skb(c);
	c = NULL;
	/* skb_orphan: no owner, nothing changes */
	skb_orphan(skb);
	TEST_ASSERT_EQ(skb_len(skb), 60);
	TEST_ASSERT_EQ(skb->users, 1);
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(mp, result, c, skb);
}

static int
test_share_check(void)
{
	struct sk_buff *skb = alloc_skb(tiny, 100), *n = NULL, *other = NULL;
	int result = TEST_FAILED;

	TEST_ASSERT(skb != NULL, "alloc_skb");
	TEST_ASSERT(skb_put(skb, 40) != NULL, "put");
	TEST_ASSERT_PTR_EQ(skb_share_check(skb), skb);
	/* shared: a clone, and our reference to the original is dropped */
	skb_get(skb);
	n = skb_share_check(skb);
	TEST_ASSERT(n != NULL && n != skb, "share_check gave %p", (void *)n);
	TEST_ASSERT_EQ(skb->users, 1);
	TEST_ASSERT_EQ(skb_len(n), 40);
	TEST_ASSERT_PTR_EQ(skb_data(n), skb_data(skb));
	TEST_ASSERT(!skb_shared(n), "clone shared");
	kfree_skb(n);
	n = NULL;
	/* the pool empty: NULL, and the reference is dropped all the same */
	other = alloc_skb(tiny, 10);
	TEST_ASSERT(other != NULL, "alloc_skb");
	skb_get(skb);
	TEST_ASSERT(skb_share_check(skb) == NULL, "clone from an empty pool");
	TEST_ASSERT_EQ(skb->users, 1);
	TEST_ASSERT_IN_USE(tiny, 2);
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(tiny, result, n, other, skb);
}

/* ---------------------------------------------------------------- Ethernet */

/* eth_type_trans() of a frame to @dst with EtherType @type: the protocol, *@pkt_type. */
static int
trans(uint16_t port, const uint8_t *dst, uint16_t type, uint16_t first, uint16_t *proto,
      uint8_t *pkt_type)
{
	uint8_t f[60];
	struct sk_buff *skb;
	unsigned char *data;

	fill_frame(f, sizeof(f), dst, type);
	f[14] = (uint8_t)(first >> 8);
	f[15] = (uint8_t)first;
	skb = test_skb_of(mp, 64, f, sizeof(f), 0);
	if (skb == NULL)
		return -1;
	data = skb_data(skb);
	*proto = eth_type_trans(skb, port);
	*pkt_type = skb->pkt_type;
	if (skb_data(skb) != data + 14 || skb_len(skb) != 46 || skb_mac_header(skb) != data ||
	    skb->mbuf.port != port || skb_headroom(skb) != 78) {
		kfree_skb(skb);
		return -1;
	}
	kfree_skb(skb);
	return 0;
}

static int
test_eth_type_trans(void)
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	static const uint8_t mcast[6] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 };
	static const uint8_t other[6] = { 0x02, 0x12, 0x34, 0x56, 0x78, 0x9a };
	static const unsigned int lens[] = { 6, 40 };
	struct rte_ether_addr own, now;
	struct sk_buff *skb = NULL;
	uint16_t proto;
	uint8_t type;
	uint64_t misuses;
	int result = TEST_FAILED;

	if (null_port == RTE_MAX_ETHPORTS)
		return TEST_SKIPPED;
	TEST_ASSERT_EQ(rte_eth_macaddr_get(null_port, &own), 0);
	TEST_ASSERT_EQ(trans(null_port, own.addr_bytes, 0x0800, 0x4500, &proto, &type), 0);
	TEST_ASSERT_EQ(proto, rte_cpu_to_be_16(0x0800));
	TEST_ASSERT_EQ(type, PACKET_HOST);
	TEST_ASSERT_EQ(trans(null_port, bcast, 0x0806, 0, &proto, &type), 0);
	TEST_ASSERT_EQ(proto, rte_cpu_to_be_16(0x0806));
	TEST_ASSERT_EQ(type, PACKET_BROADCAST);
	TEST_ASSERT_EQ(trans(null_port, mcast, 0x86dd, 0, &proto, &type), 0);
	TEST_ASSERT_EQ(proto, rte_cpu_to_be_16(0x86dd));
	TEST_ASSERT_EQ(type, PACKET_MULTICAST);
	TEST_ASSERT_EQ(trans(null_port, other, 0x0800, 0, &proto, &type), 0);
	TEST_ASSERT_EQ(type, PACKET_OTHERHOST);
	/* a port that does not exist has no address: unicast is someone else's */
	TEST_ASSERT_EQ(trans(RTE_MAX_ETHPORTS - 1, own.addr_bytes, 0x0800, 0, &proto, &type), 0);
	TEST_ASSERT_EQ(type, PACKET_OTHERHOST);
	TEST_ASSERT_EQ(trans(RTE_MAX_ETHPORTS - 1, bcast, 0x0800, 0, &proto, &type), 0);
	TEST_ASSERT_EQ(type, PACKET_BROADCAST);
	/* tagged: the tag's protocol, the tag left at the data */
	TEST_ASSERT_EQ(trans(null_port, own.addr_bytes, ETH_P_8021Q, 0x0064, &proto, &type), 0);
	TEST_ASSERT_EQ(proto, rte_cpu_to_be_16(ETH_P_8021Q));
	TEST_ASSERT_EQ(trans(null_port, own.addr_bytes, ETH_P_8021AD, 0x0064, &proto, &type), 0);
	TEST_ASSERT_EQ(proto, rte_cpu_to_be_16(ETH_P_8021AD));
	/* a length, not an EtherType: raw 802.3 (0xffff) or LLC */
	TEST_ASSERT_EQ(trans(null_port, own.addr_bytes, 46, 0xffff, &proto, &type), 0);
	TEST_ASSERT_EQ(proto, rte_cpu_to_be_16(ETH_P_802_3));
	TEST_ASSERT_EQ(trans(null_port, own.addr_bytes, 46, 0xaaaa, &proto, &type), 0);
	TEST_ASSERT_EQ(proto, rte_cpu_to_be_16(ETH_P_802_2));
	TEST_ASSERT_EQ(trans(null_port, own.addr_bytes, 0x05ff, 0xffff, &proto, &type), 0);
	TEST_ASSERT_EQ(proto, rte_cpu_to_be_16(ETH_P_802_3));
	TEST_ASSERT_EQ(trans(null_port, own.addr_bytes, 0x0600, 0xffff, &proto, &type), 0);
	TEST_ASSERT_EQ(proto, rte_cpu_to_be_16(0x0600));
	TEST_ASSERT_POOL_EMPTY(mp);
	/* the port's address is kept: skb_netdev_set_mac() renews it, ethdev's own call does not */
	TEST_ASSERT_EQ(skb_netdev_set_mac(null_port, (const struct rte_ether_addr *)other), 0);
	TEST_ASSERT_EQ(rte_eth_macaddr_get(null_port, &now), 0);
	TEST_ASSERT(rte_is_same_ether_addr(&now, (const struct rte_ether_addr *)other), "ethdev's MAC");
	TEST_ASSERT_EQ(trans(null_port, other, 0x0800, 0, &proto, &type), 0);
	TEST_ASSERT_EQ(type, PACKET_HOST);
	TEST_ASSERT_EQ(trans(null_port, own.addr_bytes, 0x0800, 0, &proto, &type), 0);
	TEST_ASSERT_EQ(type, PACKET_OTHERHOST);
	TEST_ASSERT_EQ(rte_eth_dev_default_mac_addr_set(null_port, &own), 0);
	TEST_ASSERT_EQ(trans(null_port, own.addr_bytes, 0x0800, 0, &proto, &type), 0);
	TEST_ASSERT_EQ(type, PACKET_OTHERHOST);
	skb_netdev_mac_refresh(null_port);
	TEST_ASSERT_EQ(trans(null_port, own.addr_bytes, 0x0800, 0, &proto, &type), 0);
	TEST_ASSERT_EQ(type, PACKET_HOST);
	TEST_ASSERT_EQ(trans(null_port, other, 0x0800, 0, &proto, &type), 0);
	TEST_ASSERT_EQ(type, PACKET_OTHERHOST);
	/* a bad port: the error, and no copy made */
	TEST_ASSERT(skb_netdev_set_mac(RTE_MAX_ETHPORTS - 1, &own) < 0, "set_mac on no port");
	TEST_ASSERT_EQ(trans(RTE_MAX_ETHPORTS - 1, own.addr_bytes, 0x0800, 0, &proto, &type), 0);
	TEST_ASSERT_EQ(type, PACKET_OTHERHOST);
	TEST_ASSERT_POOL_EMPTY(mp);
	/* the header across a frag: made linear first */
	skb = make_chain(mp, 64, lens, 2);
	TEST_ASSERT(skb != NULL, "make_chain");
	proto = eth_type_trans(skb, null_port);
	TEST_ASSERT_EQ(proto, (uint16_t)(pat(13) << 8 | pat(12)));
	TEST_ASSERT_EQ(skb_len(skb), 32);
	TEST_ASSERT_EQ(skb_mac_offset(skb), -14);
	TEST_ASSERT(is_pat(skb_mac_header(skb), 0, 14), "header bytes");
	TEST_ASSERT(skb_is_pat(skb, 14), "bytes");
	kfree_skb(skb);
	/* shorter than a header: 0, the skb as it was, a misuse counted */
	skb = test_skb_of(mp, 64, bcast, 6, 0);
	TEST_ASSERT(skb != NULL, "test_skb_of");
	misuses = skb_misuse_count(SKB_MISUSE_PULL);
	TEST_ASSERT_EQ(eth_type_trans(skb, null_port), 0);
	TEST_ASSERT_EQ(skb_misuse_count(SKB_MISUSE_PULL), misuses + 1);
	TEST_ASSERT_EQ(skb_len(skb), 6);
	TEST_ASSERT_EQ(skb_headroom(skb), 64);
	TEST_ASSERT(!skb_mac_header_was_set(skb), "mac header set");
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(mp, result, skb);
}

/* ---------------------------------------------------------------- VLAN */

static const uint8_t vdst[6] = { 0x02, 0, 0, 0, 0, 0x01 };

/* True when the @len bytes at the data of @skb are @want. */
static bool
bytes_are(const struct sk_buff *skb, const uint8_t *want, unsigned int len)
{
	static uint8_t buf[2048];

	return skb_len(skb) == len && skb_copy_bits(skb, 0, buf, (int)len) == 0 &&
	       memcmp(buf, want, len) == 0;
}

static int
test_vlan_push_pop(void)
{
	uint8_t f[60], one[64], two[68];
	struct sk_buff *skb;
	unsigned char *ip;
	int result = TEST_FAILED;

	fill_frame(f, sizeof(f), vdst, 0x0800);
	/* what the frame is with one tag (TCI 0x2123: PCP 1, VID 0x123), then an outer 88a8 tag */
	memcpy(one, f, 12);
	memcpy(one + 12, "\x81\x00\x21\x23", 4);
	memcpy(one + 16, f + 12, 48);
	memcpy(two, f, 12);
	memcpy(two + 12, "\x88\xa8\x0f\xff", 4);
	memcpy(two + 16, one + 12, 52);
	skb = test_skb_of(mp, 64, f, sizeof(f), 0);
	TEST_ASSERT(skb != NULL, "test_skb_of");
	skb_reset_mac_header(skb);
	skb_set_network_header(skb, 14);
	skb->protocol = rte_cpu_to_be_16(0x0800);
	ip = skb_network_header(skb);
	TEST_ASSERT_EQ(skb_vlan_push(skb, rte_cpu_to_be_16(ETH_P_8021Q), 0x2123), 0);
	TEST_ASSERT(bytes_are(skb, one, 64), "one tag");
	TEST_ASSERT_EQ(skb_headroom(skb), 60);
	TEST_ASSERT_EQ(skb_mac_offset(skb), 0);
	TEST_ASSERT_PTR_EQ(skb_network_header(skb), ip);
	TEST_ASSERT_EQ(skb->protocol, rte_cpu_to_be_16(ETH_P_8021Q));
	TEST_ASSERT_EQ(skb_vlan_push(skb, rte_cpu_to_be_16(ETH_P_8021AD), 0x0fff), 0);
	TEST_ASSERT(bytes_are(skb, two, 68), "two tags");
	TEST_ASSERT_EQ(skb->protocol, rte_cpu_to_be_16(ETH_P_8021AD));
	/* pop: the outer tag goes, the inner is the outermost now */
	TEST_ASSERT_EQ(skb_vlan_pop(skb), 0);
	TEST_ASSERT(bytes_are(skb, one, 64), "popped to one tag");
	TEST_ASSERT_EQ(skb->protocol, rte_cpu_to_be_16(ETH_P_8021Q));
	TEST_ASSERT_EQ(skb_mac_offset(skb), 0);
	TEST_ASSERT_EQ(skb_vlan_pop(skb), 0);
	TEST_ASSERT(bytes_are(skb, f, 60), "popped to none");
	TEST_ASSERT_EQ(skb->protocol, rte_cpu_to_be_16(0x0800));
	TEST_ASSERT_PTR_EQ(skb_network_header(skb), ip);
	TEST_ASSERT_EQ(skb_headroom(skb), 64);
	/* no tag: nothing happens */
	TEST_ASSERT_EQ(skb_vlan_pop(skb), 0);
	TEST_ASSERT(bytes_are(skb, f, 60), "untagged pop changed it");
	TEST_ASSERT_EQ(skb->protocol, rte_cpu_to_be_16(0x0800));
	/* the mac header must be at the data */
	TEST_ASSERT(skb_pull(skb, 14) != NULL, "pull");
	TEST_ASSERT_EQ(skb_vlan_push(skb, rte_cpu_to_be_16(ETH_P_8021Q), 1), -EINVAL);
	TEST_ASSERT_EQ(skb_vlan_pop(skb), -EINVAL);
	TEST_ASSERT_EQ(skb_len(skb), 46);
	TEST_ASSERT(skb_push(skb, 14) != NULL, "push");
	kfree_skb(skb);
	/* a network header inside the tagged header moves behind the new one */
	skb = test_skb_of(mp, 64, one, sizeof(one), 0);
	TEST_ASSERT(skb != NULL, "test_skb_of");
	skb_reset_mac_header(skb);
	skb_set_network_header(skb, 14);
	TEST_ASSERT_EQ(skb_vlan_pop(skb), 0);
	TEST_ASSERT_EQ(skb_network_offset(skb), 14);
	kfree_skb(skb);
	/* no metadata (a bare RX skb): no mac header, refused */
	skb = test_skb_of(mp, 64, one, sizeof(one), 0);
	TEST_ASSERT(skb != NULL, "test_skb_of");
	TEST_ASSERT_EQ(skb_vlan_pop(skb), -EINVAL);
	TEST_ASSERT_EQ(skb_vlan_push(skb, rte_cpu_to_be_16(ETH_P_8021Q), 1), -EINVAL);
	kfree_skb(skb);
	/* shorter than the two addresses: push refused */
	skb = test_skb_of(mp, 64, f, 11, 0);
	TEST_ASSERT(skb != NULL, "test_skb_of");
	skb_reset_mac_header(skb);
	TEST_ASSERT_EQ(skb_vlan_push(skb, rte_cpu_to_be_16(ETH_P_8021Q), 1), -EINVAL);
	TEST_ASSERT_EQ(skb_len(skb), 11);
	kfree_skb(skb);
	/* a tagged header cut short: not popped */
	skb = test_skb_of(mp, 64, one, 17, 0);
	TEST_ASSERT(skb != NULL, "test_skb_of");
	skb_reset_mac_header(skb);
	TEST_ASSERT_EQ(skb_vlan_pop(skb), 0);
	TEST_ASSERT(bytes_are(skb, one, 17), "short frame changed");
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(mp, result, skb);
}

static int
test_vlan_cloned_frags_nomem(void)
{
	static const unsigned int lens[] = { 12, 52 };
	uint8_t f[60], one[64];
	struct sk_buff *skb = NULL, *c = NULL;
	struct rte_mbuf *mi = NULL;

	fill_frame(f, sizeof(f), vdst, 0x0800);
	memcpy(one, f, 12);
	memcpy(one + 12, "\x81\x00\x00\x05", 4);
	memcpy(one + 16, f + 12, 48);
	/* push on a clone: the original's bytes stay */
	skb = test_skb_of(mp, 64, f, sizeof(f), 0);
	TEST_ASSERT(skb != NULL, "test_skb_of");
	skb_reset_mac_header(skb);
	c = skb_clone(skb);
	TEST_ASSERT(c != NULL, "skb_clone");
	TEST_ASSERT_EQ(skb_vlan_push(c, rte_cpu_to_be_16(ETH_P_8021Q), 5), 0);
	TEST_ASSERT(bytes_are(c, one, 64), "clone tagged");
	TEST_ASSERT(bytes_are(skb, f, 60), "original changed");
	/* pop on the tagged one's clone: both keep their own bytes */
	kfree_skb(skb);
	skb = skb_clone(c);
	TEST_ASSERT(skb != NULL, "skb_clone");
	TEST_ASSERT_EQ(skb_vlan_pop(skb), 0);
	TEST_ASSERT(bytes_are(skb, f, 60), "popped clone");
	TEST_ASSERT(bytes_are(c, one, 64), "pop changed the other clone");
	kfree_skb(c);
	c = NULL;
	kfree_skb(skb);
	skb = NULL;
	TEST_ASSERT_POOL_EMPTY(mp);
	/* the tag in a frag: pulled into the head first */
	skb = make_chain(mp, 64, lens, 2);
	TEST_ASSERT(skb != NULL, "make_chain");
	TEST_ASSERT_EQ(skb_store_bits(skb, 0, one, 64), 0);
	skb_reset_mac_header(skb);
	TEST_ASSERT_EQ(skb_vlan_pop(skb), 0);
	TEST_ASSERT(bytes_are(skb, f, 60), "popped from a frag");
	kfree_skb(skb);
	skb = NULL;
	TEST_ASSERT_POOL_EMPTY(mp);
	/* no headroom, the head pinned by a DPDK indirect mbuf: -EBUSY, the skb as it was */
	skb = test_skb_of(tiny, 0, f, sizeof(f), 0);
	TEST_ASSERT(skb != NULL, "test_skb_of");
	skb_reset_mac_header(skb);
	mi = rte_pktmbuf_clone(skb_to_mbuf(skb), tiny);
	TEST_ASSERT(mi != NULL, "rte_pktmbuf_clone");
	TEST_ASSERT_EQ(skb_vlan_push(skb, rte_cpu_to_be_16(ETH_P_8021Q), 5), -EBUSY);
	TEST_ASSERT(bytes_are(skb, f, 60), "failed push changed it");
	TEST_ASSERT_EQ(skb_mac_offset(skb), 0);
	TEST_ASSERT_EQ(skb_headroom(skb), 0);
	rte_pktmbuf_free(mi);
	mi = NULL;
	/* unpinned: the head moves to a buffer with room */
	TEST_ASSERT_EQ(skb_vlan_push(skb, rte_cpu_to_be_16(ETH_P_8021Q), 5), 0);
	TEST_ASSERT(bytes_are(skb, one, 64), "push after the pin went");
	TEST_ASSERT(memcmp(skb_data(skb), one, 64) == 0, "linear bytes");
	kfree_skb(skb);
	skb = NULL;
	TEST_ASSERT_POOL_EMPTY(tiny);
	return TEST_SUCCESS;
fail:
	rte_pktmbuf_free(mi);
	kfree_skb(c);
	kfree_skb(skb);
	return TEST_FAILED;
}

/* ---------------------------------------------------------------- drops */

static void *
drop_from_thread(void *arg)
{
	kfree_skb_reason(arg, SKB_DROP_REASON_NOMEM);
	return NULL;
}

static int
drop_on_lcore(void *arg)
{
	kfree_skb_reason(arg, SKB_DROP_REASON_NOMEM);
	return 0;
}

static int
test_drop_reason(void)
{
	uint64_t full = skb_drop_count(SKB_DROP_REASON_FULL_RING);
	uint64_t unspec = skb_drop_count(SKB_DROP_REASON_NOT_SPECIFIED);
	uint64_t nomem = skb_drop_count(SKB_DROP_REASON_NOMEM);
	uint64_t consumed = skb_drop_count(SKB_CONSUMED);
	struct sk_buff *skb = alloc_skb(mp, 64);
	pthread_t thread;
	unsigned int lcore;
	int result = TEST_FAILED;

	TEST_ASSERT_EQ(SKB_DROP_REASON_NOT_SPECIFIED, 0);
	TEST_ASSERT(strcmp(skb_drop_reason_name(SKB_DROP_REASON_NOT_SPECIFIED), "NOT_SPECIFIED") == 0,
		    "name");
	TEST_ASSERT(strcmp(skb_drop_reason_name(SKB_DROP_REASON_FULL_RING), "FULL_RING") == 0, "name");
	TEST_ASSERT(strcmp(skb_drop_reason_name(SKB_CONSUMED), "CONSUMED") == 0, "name");
	TEST_ASSERT(skb_drop_reason_name(SKB_DROP_REASON_MAX) == NULL, "name past the end");
	TEST_ASSERT_EQ(skb_drop_count(SKB_DROP_REASON_MAX), 0);
	TEST_ASSERT(skb != NULL, "alloc_skb");
	/* shared: only the last reference counts, when the skb is freed */
	skb_get(skb);
	kfree_skb_reason(skb, SKB_DROP_REASON_FULL_RING);
	TEST_ASSERT_EQ(skb_drop_count(SKB_DROP_REASON_FULL_RING), full);
	TEST_ASSERT_IN_USE(mp, 1);
	kfree_skb_reason(skb, SKB_DROP_REASON_FULL_RING);
	skb = NULL;
	TEST_ASSERT_EQ(skb_drop_count(SKB_DROP_REASON_FULL_RING), full + 1);
	TEST_ASSERT_POOL_EMPTY(mp);
	/* NULL: nothing; out of range: NOT_SPECIFIED */
	kfree_skb_reason(NULL, SKB_DROP_REASON_FULL_RING);
	TEST_ASSERT_EQ(skb_drop_count(SKB_DROP_REASON_FULL_RING), full + 1);
	skb = alloc_skb(mp, 64);
	TEST_ASSERT(skb != NULL, "alloc_skb");
	kfree_skb_reason(skb, (enum skb_drop_reason)(SKB_DROP_REASON_MAX + 3));
	skb = NULL;
	TEST_ASSERT_EQ(skb_drop_count(SKB_DROP_REASON_NOT_SPECIFIED), unspec + 1);
	skb = alloc_skb(mp, 64);
	TEST_ASSERT(skb != NULL, "alloc_skb");
	kfree_skb_reason(skb, SKB_CONSUMED);
	skb = NULL;
	TEST_ASSERT_EQ(skb_drop_count(SKB_CONSUMED), consumed + 1);
	/* kfree_skb() counts nothing */
	skb = alloc_skb(mp, 64);
	TEST_ASSERT(skb != NULL, "alloc_skb");
	kfree_skb(skb);
	skb = NULL;
	TEST_ASSERT_EQ(skb_drop_count(SKB_DROP_REASON_NOT_SPECIFIED), unspec + 1);
	/* another lcore and a thread outside EAL: all summed */
	lcore = rte_get_next_lcore(-1, 1, 0);
	TEST_ASSERT(lcore < RTE_MAX_LCORE, "no worker lcore");
	skb = alloc_skb(mp, 64);
	TEST_ASSERT(skb != NULL, "alloc_skb");
	TEST_ASSERT_EQ(rte_eal_remote_launch(drop_on_lcore, skb, lcore), 0);
	TEST_ASSERT_EQ(rte_eal_wait_lcore(lcore), 0);
	TEST_ASSERT_EQ(skb_drop_rows[lcore].n[SKB_DROP_REASON_NOMEM], 1);
	skb = alloc_skb(mp, 64);
	TEST_ASSERT(skb != NULL, "alloc_skb");
	TEST_ASSERT_EQ(pthread_create(&thread, NULL, drop_from_thread, skb), 0);
	TEST_ASSERT_EQ(pthread_join(thread, NULL), 0);
	skb = NULL;
	TEST_ASSERT_EQ(skb_drop_rows[RTE_MAX_LCORE].n[SKB_DROP_REASON_NOMEM], 1);
	kfree_skb_reason(alloc_skb(mp, 64), SKB_DROP_REASON_NOMEM);
	TEST_ASSERT_EQ(skb_drop_count(SKB_DROP_REASON_NOMEM), nomem + 3);
	result = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(mp, result, skb);
}

static int
setup(void)
{
	if (test_pool_setup(&mp, "linux_pool", TPOOL_N, TROOM) != TEST_SUCCESS ||
	    test_pool_setup(&tiny, "linux_tiny", 2, TROOM) != TEST_SUCCESS)
		return TEST_FAILED;
	/* a port with a MAC address for eth_type_trans() */
	if (rte_vdev_init("net_null_linux", NULL) == 0 &&
	    rte_eth_dev_get_port_by_name("net_null_linux", &null_port) != 0)
		null_port = RTE_MAX_ETHPORTS;
	return TEST_SUCCESS;
}

static const struct unit_test tests[] = {
	UNIT_SETUP(setup),
	UNIT_TEST(test_copy_expand),
	UNIT_TEST(test_headers_offset_update),
	UNIT_TEST(test_pad_linear),
	UNIT_TEST(test_pad_nonlinear_cloned),
	UNIT_TEST(test_cow_unclone_writable),
	UNIT_TEST(test_share_check),
	UNIT_TEST(test_eth_type_trans),
	UNIT_TEST(test_vlan_push_pop),
	UNIT_TEST(test_vlan_cloned_frags_nomem),
	UNIT_TEST(test_drop_reason),
};

UNIT_TEST_MAIN(tests)
