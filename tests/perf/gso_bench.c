/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * GSO benchmark: Gbit/s of payload skb_gso_segment() segments on one core.
 *
 *   gso_bench [--seconds S] [--mss N] [--payload N] [--udp] [--json] [--file-prefix P]
 *
 * One 64 KiB TCP/IPv4 GSO skb (UDP: a 65000-byte datagram; --payload another
 * size) is built once, as
 * txonly --tx-gso builds it (headers, then 2 KiB frags); each round segments a
 * clone of it (skb_clone, not timed) and frees the segments (timed: a TX path
 * frees them too).  Runs for a bounded time, then prints the figure; the clone
 * shares the template's data, so the payload bytes are read by the checksums
 * but not written.  Exit 1 when a segmentation fails or the pool does not come
 * back to zero in use.
 */

#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_ip.h>
#include <rte_tcp.h>

#include "skb_gso.h"

#define FRAG 2048u

/* The template skb: Ethernet, IPv4, TCP or UDP, then @pay zero bytes in frags. */
static struct sk_buff *
gso_bench_template(struct rte_mempool *mp, bool udp, unsigned int pay, unsigned int mss)
{
	unsigned int l4 = udp ? sizeof(struct rte_udp_hdr) : sizeof(struct rte_tcp_hdr);
	unsigned int hl = RTE_ETHER_HDR_LEN + sizeof(struct rte_ipv4_hdr) + l4, off;
	struct sk_buff *skb = alloc_skb(mp, 256);
	struct rte_ether_hdr *eth;
	struct rte_ipv4_hdr *ip;

	if (skb == NULL)
		return NULL;
	skb_reserve(skb, 128);
	eth = skb_put_zero(skb, hl);
	for (off = 0; off < pay; off += FRAG) {
		struct sk_buff *f = alloc_skb(mp, FRAG);

		if (f == NULL || skb_put_zero(f, RTE_MIN(FRAG, pay - off)) == NULL ||
		    rte_pktmbuf_chain(skb_to_mbuf(skb), skb_to_mbuf(f)) != 0) {
			kfree_skb(f);
			kfree_skb(skb);
			return NULL;
		}
	}
	eth->ether_type = RTE_BE16(RTE_ETHER_TYPE_IPV4);
	ip = (struct rte_ipv4_hdr *)(eth + 1);
	ip->version_ihl = RTE_IPV4_VHL_DEF;
	ip->time_to_live = 64;
	ip->next_proto_id = udp ? IPPROTO_UDP : IPPROTO_TCP;
	ip->src_addr = RTE_BE32(UINT32_C(0xc6120001)); /* 198.18.0.1 (RTE_IPV4 shifts into an int's sign bit) */
	ip->dst_addr = RTE_BE32(UINT32_C(0xc6120002)); /* 198.18.0.2 */
	if (!udp) {
		struct rte_tcp_hdr *th = (struct rte_tcp_hdr *)(ip + 1);

		th->data_off = 5 << 4;
		th->tcp_flags = RTE_TCP_ACK_FLAG | RTE_TCP_PSH_FLAG;
	}
	skb_shinfo(skb)->gso_size = (uint16_t)mss;
	skb_shinfo(skb)->gso_type = udp ? SKB_GSO_UDP : SKB_GSO_TCPV4;
	return skb;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seconds", required_argument, NULL, 's' },
		{ "mss", required_argument, NULL, 'm' },
		{ "udp", no_argument, NULL, 'u' },
		{ "payload", required_argument, NULL, 'l' },
		{ "json", no_argument, NULL, 'j' },
		{ "file-prefix", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	char prefix[64], dir[128];
	char *eal[] = { argv[0], "--no-huge", "--no-pci", "-m", "256", "-l", "0",
			"--file-prefix", prefix, "--log-level", "lib.eal:error", NULL };
	double seconds = 2.0;
	unsigned int mss = 1448, pay = 0, nseg = 0;
	bool udp = false, json = false;
	struct rte_mempool *mp;
	struct sk_buff *tmpl;
	uint64_t hz, end, cycles = 0, skbs = 0, segs_total = 0;
	int opt, rc = 0;

	snprintf(prefix, sizeof(prefix), "gso_bench_%d", (int)getpid());
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 's':
			seconds = atof(optarg);
			break;
		case 'm':
			mss = (unsigned int)atoi(optarg);
			break;
		case 'u':
			udp = true;
			break;
		case 'l':
			pay = (unsigned int)atoi(optarg);
			break;
		case 'j':
			json = true;
			break;
		case 'p':
			snprintf(prefix, sizeof(prefix), "%s", optarg);
			break;
		default:
			fprintf(stderr, "usage: gso_bench [--seconds S] [--mss N] [--payload N] [--udp] [--json] [--file-prefix P]\n");
			return 2;
		}
	}
	if (pay == 0)
		pay = udp ? 65000 : 65536;
	if (seconds <= 0 || seconds > 60 || mss < 64 || mss > 9000 || pay <= mss ||
	    pay > (udp ? 65000u : 65536u)) {
		fprintf(stderr, "gso_bench: --seconds 0..60, --mss 64..9000, --payload mss+1..65536 (UDP 65000)\n");
		return 2;
	}
	if (rte_eal_init((int)RTE_DIM(eal) - 1, eal) < 0) {
		fprintf(stderr, "gso_bench: EAL initialisation failed\n");
		return 1;
	}
	mp = skb_pool_create_cache("gso_bench", 1024, 0, RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	tmpl = mp != NULL ? gso_bench_template(mp, udp, pay, mss) : NULL;
	if (tmpl == NULL) {
		fprintf(stderr, "gso_bench: cannot build the template skb\n");
		rc = 1;
		goto out;
	}
	hz = rte_get_tsc_hz();
	end = rte_rdtsc() + (uint64_t)(seconds * (double)hz);
	while (rte_rdtsc() < end) {
		struct sk_buff_head q;
		struct sk_buff *skb = skb_clone(tmpl);
		uint64_t t0;

		if (skb == NULL) {
			fprintf(stderr, "gso_bench: skb_clone failed\n");
			rc = 1;
			break;
		}
		__skb_queue_head_init(&q);
		t0 = rte_rdtsc();
		if (skb_gso_segment(skb, &q) != 0) {
			fprintf(stderr, "gso_bench: skb_gso_segment failed\n");
			kfree_skb(skb);
			rc = 1;
			break;
		}
		nseg = skb_queue_len(&q);
		__skb_queue_purge(&q);
		cycles += rte_rdtsc() - t0;
		skbs++;
		segs_total += nseg;
	}
	kfree_skb(tmpl);
	if (rte_mempool_in_use_count(mp) != 0) {
		fprintf(stderr, "gso_bench: %u mbufs still in use\n", rte_mempool_in_use_count(mp));
		rc = 1;
	}
	if (rc == 0 && skbs > 0) {
		double sec = (double)cycles / (double)hz;
		double gbps = (double)skbs * pay * 8.0 / sec / 1e9;

		if (json)
			printf("{\"proto\": \"%s\", \"payload\": %u, \"mss\": %u, \"segments_per_skb\": %u, "
			       "\"skbs\": %" PRIu64 ", \"ns_per_skb\": %.1f, \"cycles_per_segment\": %.1f, "
			       "\"gbit_per_s\": %.2f}\n", udp ? "udp4" : "tcp4", pay, mss, nseg, skbs,
			       sec * 1e9 / (double)skbs, (double)cycles / (double)segs_total, gbps);
		else
			printf("gso_bench: %s payload %u mss %u: %u segments per skb, %" PRIu64
			       " skbs, %.1f ns per skb, %.1f cycles per segment, %.2f Gbit/s of payload per core\n",
			       udp ? "udp4" : "tcp4", pay, mss, nseg, skbs, sec * 1e9 / (double)skbs,
			       (double)cycles / (double)segs_total, gbps);
	}
out:
	rte_mempool_free(mp);
	rte_eal_cleanup();
	snprintf(dir, sizeof(dir), "rm -rf /var/run/dpdk/%s", prefix);
	if (system(dir) != 0)
		fprintf(stderr, "gso_bench: could not remove /var/run/dpdk/%s\n", prefix);
	return rc;
}
