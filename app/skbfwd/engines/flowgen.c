/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * flowgen engine: testpmd's flow generator.  Each call receives a burst on the
 * stream's RX queue and frees it (consumed), then builds a burst of 60-byte
 * UDP/IPv4 frames (testpmd's 64 less the FCS; --txpkts's sum less the FCS,
 * in one segment, as testpmd's tx_pkt_length) and sends it on the stream's TX
 * port: Ethernet 00:01:02:03:04:00 -> 00:01:02:03:04:01, IPv4 10.254.0.0 ->
 * 10.253.0.0 + flow (TTL 64, ID 0, DF clear, header checksum), UDP 1000 ->
 * 1001 (checksum 0, none), a zeroed payload: testpmd's frames byte for byte,
 * but for the payload, which testpmd leaves as the mbuf last held it.
 *
 * The flow number belongs to the lcore, shared by its streams, as testpmd's:
 * it advances with every frame sent, wraps at --flowgen-flows (default
 * 1024), and steps back over the frames a port refused.  --flowgen-clones=N
 * sends each frame built N more times, as clones sharing its data
 * (skb_clone()), within a burst: the flow number still advances per frame
 * sent, so the next frame built skips the flows its clones stood for, as
 * testpmd's does.  A burst's frames come from one alloc_skb_bulk() and a
 * header template set up at start.  What it sends is counted in fs->generated.
 */

#include <stdio.h>
#include <string.h>

#include <rte_ip.h>
#include <rte_udp.h>

#include "parse.h"
#include "runtime.h"
#include "skb_csum.h"
#include "engine.h"
#include "txpkts.h"

#define FLOWGEN_LEN 60                      /* 64-byte frames on the wire, FCS excluded */
#define FLOWGEN_FCS 4                       /* what testpmd takes off --txpkts's length */
#define FLOWGEN_HDR_LEN (RTE_ETHER_HDR_LEN + sizeof(struct rte_ipv4_hdr) + \
			 sizeof(struct rte_udp_hdr))
#define FLOWGEN_DEFAULT_FLOWS 1024
#define FLOWGEN_IP_SRC RTE_IPV4(10, 254, 0, 0)
#define FLOWGEN_IP_DST RTE_IPV4(10, 253, 0, 0)
#define FLOWGEN_UDP_SRC 1000
#define FLOWGEN_UDP_DST 1001
#define FLOWGEN_TTL 64

static const struct rte_ether_addr flowgen_src = { { 0x00, 0x01, 0x02, 0x03, 0x04, 0x00 } };
static const struct rte_ether_addr flowgen_dst = { { 0x00, 0x01, 0x02, 0x03, 0x04, 0x01 } };

static unsigned long flowgen_flows = FLOWGEN_DEFAULT_FLOWS;
static uint32_t flowgen_len = FLOWGEN_LEN;   /* frame length, set up from --txpkts */
static unsigned long flowgen_count;          /* --flowgen-count: frames per stream, 0: no limit */
static unsigned long flowgen_clones;         /* --flowgen-clones: clones of each frame built */

/* The flow counter of each forwarding lcore (fwd_stream lcore_idx). */
static struct flowgen_lcore {
	uint32_t next_flow;
} __rte_cache_aligned flowgen_lcores[RTE_MAX_LCORE];

/* The headers of flow 0, built at set-up: Ethernet, IPv4 (checksummed per frame), UDP. */
static uint8_t flowgen_hdr[FLOWGEN_HDR_LEN];

static void
flowgen_hdr_init(void)
{
	struct rte_ether_hdr *eth = (struct rte_ether_hdr *)flowgen_hdr;
	struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)(eth + 1);
	struct rte_udp_hdr *uh = (struct rte_udp_hdr *)(ip + 1);

	memset(flowgen_hdr, 0, sizeof(flowgen_hdr));
	eth->dst_addr = flowgen_dst;
	eth->src_addr = flowgen_src;
	eth->ether_type = RTE_BE16(RTE_ETHER_TYPE_IPV4);
	ip->version_ihl = RTE_IPV4_VHL_DEF;
	ip->total_length = rte_cpu_to_be_16((uint16_t)(flowgen_len - RTE_ETHER_HDR_LEN));
	ip->time_to_live = FLOWGEN_TTL;
	ip->next_proto_id = IPPROTO_UDP;
	ip->src_addr = RTE_BE32(FLOWGEN_IP_SRC);
	uh->src_port = RTE_BE16(FLOWGEN_UDP_SRC);
	uh->dst_port = RTE_BE16(FLOWGEN_UDP_DST);
	uh->dgram_len = rte_cpu_to_be_16((uint16_t)(flowgen_len - RTE_ETHER_HDR_LEN - sizeof(*ip)));
}

/*
 * Make @skb (fresh from alloc_skb_bulk() with NET_SKB_PAD + flowgen_len bytes
 * of room) the frame of flow @flow.  The room is known, so the unchecked
 * __skb_put() and __skb_set_*_header() twins do.
 */
static inline void
flowgen_fill(struct sk_buff *skb, uint32_t flow)
{
	struct rte_ipv4_hdr *ip;
	uint8_t *p;

	skb_reserve(skb, NET_SKB_PAD);
	p = __skb_put(skb, flowgen_len);
	memcpy(p, flowgen_hdr, sizeof(flowgen_hdr));
	memset(p + sizeof(flowgen_hdr), 0, flowgen_len - sizeof(flowgen_hdr));
	ip = (struct rte_ipv4_hdr *)(p + RTE_ETHER_HDR_LEN);
	/* a 32-bit add, as testpmd's: flow 256 is 10.253.1.0 */
	ip->dst_addr = rte_cpu_to_be_32(FLOWGEN_IP_DST + flow);
	ip_send_check(ip);
	__skb_set_mac_header(skb, 0);
	__skb_set_network_header(skb, RTE_ETHER_HDR_LEN);
	__skb_set_transport_header(skb, RTE_ETHER_HDR_LEN + sizeof(*ip));
	skb->protocol = RTE_BE16(RTE_ETHER_TYPE_IPV4);
}

static void
flowgen_fwd(struct fwd_stream *fs)
{
	struct sk_buff *skbs[MAX_PKT_BURST], *built[MAX_PKT_BURST];
	struct flowgen_lcore *lc = &flowgen_lcores[fs->lcore_idx];
	uint16_t nbuilt, k = 0;
	uint32_t flows = (uint32_t)flowgen_flows, flow = lc->next_flow;
	uint16_t n = fwd_rx_pass(fs, skbs), burst = fs->burst, unsent;
	unsigned long clones = 0;
	uint64_t sent;

	/* what arrives is received and freed, as testpmd's flowgen does */
	if (unlikely(n != 0)) {
		fwd_drop_bulk(fs, skbs, n, FWD_DROP_CONSUMED);
	}
	if (flowgen_count != 0) {
		if (fs->generated >= flowgen_count)
			return;
		burst = (uint16_t)RTE_MIN((uint64_t)burst, flowgen_count - fs->generated);
	}
	/* a burst starts with a frame built, each followed by its clones: one pool get */
	nbuilt = (uint16_t)((burst + flowgen_clones) / (flowgen_clones + 1));
	if (unlikely(alloc_skb_bulk(skb_netdev_pool(fs->tx_port), built, nbuilt,
				    NET_SKB_PAD + flowgen_len) < 0))
		return;                 /* the pool is short: again next call */
	for (n = 0; n < burst; n++) {
		if (n == 0 || clones == 0) {
			skbs[n] = built[k++];
			flowgen_fill(skbs[n], flow);
			clones = flowgen_clones;
		} else {
			skbs[n] = skb_clone(skbs[n - 1]);
			clones--;
			if (unlikely(skbs[n] == NULL)) {
				kfree_skb_bulk(built + k, (uint16_t)(nbuilt - k));
				break;
			}
		}
		if (++flow == flows)
			flow = 0;
	}
	fs->generated += n;
	sent = fs->tx_packets;
	fwd_tx(fs, skbs, n);
	/* the flows of refused frames come again next time */
	unsent = (uint16_t)(n - (fs->tx_packets - sent));
	if (unlikely(unsent != 0))
		flow = (uint32_t)((flow + flows - unsent % flows) % flows);
	lc->next_flow = flow;
}

static int
flowgen_setup(void)
{
	uint32_t txpkts = txpkts_len();
	unsigned int i;

	/* testpmd's flowgen: one segment of tx_pkt_length less the FCS */
	flowgen_len = txpkts != 0 ? txpkts - FLOWGEN_FCS : FLOWGEN_LEN;
	if (flowgen_len < FLOWGEN_HDR_LEN) {
		fprintf(stderr, "skbfwd: flowgen: --txpkts of %u bytes leaves %u-byte frames without "
			"the 4 FCS bytes, fewer than the %zu header bytes\n", txpkts, flowgen_len,
			FLOWGEN_HDR_LEN);
		return -EINVAL;
	}
	for (i = 0; i < nb_fwd_ports; i++) {
		struct rte_mempool *mp = skb_netdev_pool(fwd_ports[i]);

		if (mp != NULL && NET_SKB_PAD + flowgen_len > rte_pktmbuf_data_room_size(mp)) {
			fprintf(stderr, "skbfwd: flowgen: %u-byte frames do not fit the %u-byte "
				"mbufs of port %u (--mbuf-size)\n", flowgen_len,
				rte_pktmbuf_data_room_size(mp) - NET_SKB_PAD, fwd_ports[i]);
			return -EINVAL;
		}
	}
	flowgen_hdr_init();
	memset(flowgen_lcores, 0, sizeof(flowgen_lcores));
	/* testpmd's line for each port at start */
	for (i = 0; i < nb_fwd_ports; i++)
		printf("  number of flows for port %u: %lu\n", fwd_ports[i], flowgen_flows);
	return 0;
}

static int
flowgen_parse_option(const char *name, const char *arg)
{
	if (strcmp(name, "flowgen-flows") == 0)
		return skbfwd_parse_uint(name, arg, 1, INT32_MAX, &flowgen_flows);
	if (strcmp(name, "flowgen-clones") == 0)
		return skbfwd_parse_uint(name, arg, 0, MAX_PKT_BURST - 1, &flowgen_clones);
	if (strcmp(name, "flowgen-count") == 0)
		return skbfwd_parse_uint(name, arg, 1, UINT32_MAX, &flowgen_count);
	return -EINVAL;
}

static const struct option flowgen_longopts[] = {
	{ "flowgen-flows", required_argument, NULL, 0 },
	{ "flowgen-clones", required_argument, NULL, 0 },
	{ "flowgen-count", required_argument, NULL, 0 },
	{ NULL, 0, NULL, 0 },
};

static const struct fwd_options flowgen_options = {
	.longopts = flowgen_longopts,
	.parse = flowgen_parse_option,
	.usage =
	"  --flowgen-flows=N       flowgen: destination addresses cycled through (default 1024)\n"
	"  --flowgen-clones=N      flowgen: send each frame built N more times (clones; default 0)\n"
	"  --flowgen-count=N       flowgen: stop after N frames per stream (default: no limit)\n",
};

const struct fwd_engine flowgen_engine = {
	.name = "flowgen",
	.setup = flowgen_setup,
	.packet_fwd = flowgen_fwd,
	.options = FWD_OPTIONS(&flowgen_options, &txpkts_options),
	.generator = true,
};
