/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * skb_hello: libskb used from outside the skbfwd tree, as any program would use
 * it once installed.  It builds one UDP/IPv4/Ethernet frame the Linux way
 * (alloc_skb, skb_reserve, skb_put_data, then skb_push of each header with its
 * offset recorded), prints what it made, frees it, and fails when its pool is
 * not back to empty.  Its arguments are EAL's.  Build line: README.md here.
 */

#include <stdio.h>
#include <stdlib.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>
#include <rte_udp.h>

#include <skb.h>

#define HELLO_POOL_SIZE 63	/* a power of two minus one: no slack in the ring */
#define HELLO_HEADROOM 64	/* room for the 42 bytes of headers pushed below */

static const char payload[] = "hello from libskb";

/* Push the UDP, IPv4 and Ethernet headers in front of the payload of @skb. */
static int
hello_push_headers(struct sk_buff *skb)
{
	static const struct rte_ether_addr dst = { { 0x02, 0, 0, 0, 0, 0x02 } };
	static const struct rte_ether_addr src = { { 0x02, 0, 0, 0, 0, 0x01 } };
	unsigned int len = skb_len(skb);
	struct rte_ether_hdr *eth;
	struct rte_ipv4_hdr *ip;
	struct rte_udp_hdr *udp;

	udp = skb_push(skb, sizeof(*udp));
	if (udp == NULL)
		return -ENOSPC;
	skb_reset_transport_header(skb);
	udp->src_port = rte_cpu_to_be_16(1234);
	udp->dst_port = rte_cpu_to_be_16(5678);
	udp->dgram_len = rte_cpu_to_be_16((uint16_t)(sizeof(*udp) + len));
	udp->dgram_cksum = 0;	/* none: allowed over IPv4 */

	ip = skb_push(skb, sizeof(*ip));
	if (ip == NULL)
		return -ENOSPC;
	skb_reset_network_header(skb);
	memset(ip, 0, sizeof(*ip));
	ip->version_ihl = RTE_IPV4_VHL_DEF;
	ip->total_length = rte_cpu_to_be_16((uint16_t)(sizeof(*ip) + sizeof(*udp) + len));
	ip->time_to_live = 64;
	ip->next_proto_id = IPPROTO_UDP;
	ip->src_addr = rte_cpu_to_be_32(RTE_IPV4(10, 0, 0, 1));
	ip->dst_addr = rte_cpu_to_be_32(RTE_IPV4(10, 0, 0, 2));
	ip->hdr_checksum = rte_ipv4_cksum(ip);

	eth = skb_push(skb, sizeof(*eth));
	if (eth == NULL)
		return -ENOSPC;
	skb_reset_mac_header(skb);
	eth->dst_addr = dst;
	eth->src_addr = src;
	eth->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);
	return 0;
}

int
main(int argc, char **argv)
{
	struct rte_mempool *mp;
	struct sk_buff *skb;
	unsigned int i, in_use;
	const uint8_t *p;

	if (rte_eal_init(argc, argv) < 0) {
		fprintf(stderr, "skb_hello: EAL init failed: %s\n", rte_strerror(rte_errno));
		return EXIT_FAILURE;
	}
	/* no per-lcore cache: every skb not given back shows in the in-use count */
	mp = skb_pool_create_cache("skb_hello", HELLO_POOL_SIZE, 0,
				   RTE_MBUF_DEFAULT_BUF_SIZE, (int)rte_socket_id());
	if (mp == NULL) {
		fprintf(stderr, "skb_hello: pool: %s\n", rte_strerror(rte_errno));
		return EXIT_FAILURE;
	}
	skb = alloc_skb(mp, HELLO_HEADROOM + sizeof(payload) - 1);
	if (skb == NULL) {
		fprintf(stderr, "skb_hello: alloc_skb failed\n");
		return EXIT_FAILURE;
	}
	skb_reserve(skb, HELLO_HEADROOM);
	printf("skb_hello: reserved: len %u headroom %u tailroom %u\n",
	       skb_len(skb), skb_headroom(skb), skb_tailroom(skb));
	if (skb_put_data(skb, payload, sizeof(payload) - 1) == NULL ||
	    hello_push_headers(skb) != 0) {
		fprintf(stderr, "skb_hello: no room for the frame\n");
		kfree_skb(skb);
		return EXIT_FAILURE;
	}
	printf("skb_hello: built: len %u headroom %u tailroom %u\n",
	       skb_len(skb), skb_headroom(skb), skb_tailroom(skb));
	printf("skb_hello: offsets: mac %d network %d transport %d\n",
	       skb_mac_offset(skb), skb_network_offset(skb), skb_transport_offset(skb));
	printf("skb_hello: frame:");
	for (i = 0, p = skb_data(skb); i < skb_headlen(skb); i++)
		printf(" %02x", p[i]);
	printf("\n");
	/* as in Linux, the header offsets count from the head: a pull moves the data only */
	skb_pull(skb, sizeof(struct rte_ether_hdr));
	printf("skb_hello: after skb_pull(14): len %u mac %d network %d transport %d\n",
	       skb_len(skb), skb_mac_offset(skb), skb_network_offset(skb),
	       skb_transport_offset(skb));
	kfree_skb(skb);
	in_use = rte_mempool_in_use_count(mp);
	printf("skb_hello: freed: %u skbs in use\n", in_use);
	rte_mempool_free(mp);
	rte_eal_cleanup();
	return in_use == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
