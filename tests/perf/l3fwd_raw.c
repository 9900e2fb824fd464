/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * l3fwd-raw engine: l3fwd (engines/l3fwd.c) written on rte_mbuf without the skb layer,
 * so the benchmark can print what the layer costs.  Same routes (its own table,
 * loaded from l3fwd's --routes by the same code), the same RFC 1812 checks, TTL and
 * checksum update, MAC rewrite, drop reasons and counters; what it leaves out
 * is only the skb bookkeeping (header offsets, protocol) a raw DPDK program
 * does not keep.
 */

#include <rte_ip.h>
#include <rte_prefetch.h>

#include "fwd_raw.h"
#include "l3fwd.h"
#include "pkt.h"
#include "skb_csum.h"

static struct l3fwd_routes l3fwd_raw_rt;

static int
l3fwd_raw_setup(void)
{
	return l3fwd_routes_load(&l3fwd_raw_rt, "skbfwd_l3fwd_raw");
}

static void
l3fwd_raw_teardown(void)
{
	l3fwd_routes_free(&l3fwd_raw_rt);
}

/* skb_parse_eth() + skb_parse_ip() + l3fwd_route() on a bare mbuf. */
static inline int
l3fwd_raw_route(struct rte_mbuf *m, uint32_t *hop)
{
	struct rte_ether_hdr *eth;
	struct rte_ipv4_hdr *ip;
	const struct l3fwd_hop *h;
	unsigned int l3off = RTE_ETHER_HDR_LEN, hl, tot;
	uint16_t type, old, new_word, sum;

	if (unlikely(!fwd_raw_may_pull(m, RTE_ETHER_HDR_LEN)))
		return FWD_DROP_TRUNCATED;
	eth = rte_pktmbuf_mtod(m, struct rte_ether_hdr *);
	type = eth->ether_type;
	if (type == RTE_BE16(RTE_ETHER_TYPE_VLAN) || type == RTE_BE16(RTE_ETHER_TYPE_QINQ)) {
		/* as skb_parse_eth(): an outer 802.1Q/802.1ad tag, an inner 802.1Q one */
		do {
			if (unlikely(!fwd_raw_may_pull(m, l3off + sizeof(struct rte_vlan_hdr))))
				return FWD_DROP_TRUNCATED;
			type = ((struct rte_vlan_hdr *)(rte_pktmbuf_mtod(m, char *) +
							l3off))->eth_proto;
			l3off += sizeof(struct rte_vlan_hdr);
		} while (type == RTE_BE16(RTE_ETHER_TYPE_VLAN) &&
			 l3off < RTE_ETHER_HDR_LEN + 2 * sizeof(struct rte_vlan_hdr));
	}
	if (unlikely(type != RTE_BE16(RTE_ETHER_TYPE_IPV4)))
		return FWD_DROP_NOT_IPV4;
	if (unlikely(!fwd_raw_may_pull(m, l3off + sizeof(*ip))))
		return FWD_DROP_TRUNCATED;
	ip = rte_pktmbuf_mtod_offset(m, struct rte_ipv4_hdr *, l3off);
	if (unlikely((ip->version_ihl >> 4) != 4))
		return FWD_DROP_BAD_HEADER;
	hl = (ip->version_ihl & 0xf) * 4u;
	if (unlikely(hl < sizeof(*ip)))
		return FWD_DROP_BAD_HEADER;
	if (unlikely(!fwd_raw_may_pull(m, l3off + hl)))
		return FWD_DROP_TRUNCATED;
	ip = rte_pktmbuf_mtod_offset(m, struct rte_ipv4_hdr *, l3off);
	tot = rte_be_to_cpu_16(ip->total_length);
	if (unlikely(tot < hl))
		return FWD_DROP_BAD_HEADER;
	if (unlikely(l3off + tot > m->pkt_len))
		return FWD_DROP_TRUNCATED;
	if (unlikely(ip_fast_csum(ip, hl / 4u) != 0))
		return FWD_DROP_BAD_CHECKSUM;
	if (unlikely(ip->time_to_live <= 1))
		return FWD_DROP_TTL_EXPIRED;
	if (unlikely(rte_lpm_lookup(l3fwd_raw_rt.lpm, rte_be_to_cpu_32(ip->dst_addr), hop) != 0))
		return FWD_DROP_NO_ROUTE;
	old = pkt_word(&ip->time_to_live);
	ip->time_to_live--;
	new_word = pkt_word(&ip->time_to_live);
	sum = ip->hdr_checksum;
	csum_replace2(&sum, old, new_word);
	ip->hdr_checksum = sum;
	h = &l3fwd_raw_rt.hop[*hop];
	eth = rte_pktmbuf_mtod(m, struct rte_ether_hdr *);
	eth->dst_addr = h->mac;
	eth->src_addr = *fwd_port_addr(h->port);
	return PKT_OK;
}

/*
 * l3fwd_tx_mixed() on bare mbufs: one TX burst per port, in arrival order
 * within each.  The grouping is l3fwd's own (l3fwd_group_by_port()); only
 * the gather and the send are the twin's, as they move rte_mbuf pointers to
 * fwd_raw_tx_to() where l3fwd moves sk_buff pointers to fwd_tx_to().
 */
static __rte_noinline void
l3fwd_raw_tx_mixed(struct fwd_stream *fs, struct rte_mbuf **pkts, const uint16_t *port_of,
		   uint16_t n, uint16_t queue)
{
	struct rte_mbuf *out[MAX_PKT_BURST];
	uint16_t order[MAX_PKT_BURST], group_port[MAX_PKT_BURST], group_len[MAX_PKT_BURST];
	unsigned int g, nb_groups = l3fwd_group_by_port(port_of, n, order, group_port, group_len);
	uint16_t i, k = 0;

	for (g = 0; g < nb_groups; g++) {
		for (i = 0; i < group_len[g]; i++)
			out[i] = pkts[order[k++]];
		fwd_raw_tx_to(fs, group_port[g], queue, out, group_len[g]);
	}
}

static void
l3fwd_raw_fwd(struct fwd_stream *fs)
{
	struct rte_mbuf *pkts[MAX_PKT_BURST];
	uint16_t port_of[MAX_PKT_BURST];
	uint16_t n = fwd_raw_rx_nobytes(fs, pkts), i, nb_ok = 0;
	uint16_t queue = fwd_tx_queue_any(fs);
	unsigned int mixed = 0;
	uint64_t bytes = 0, ok_bytes = 0;   /* received, and routed: no extra pass to count them */

	if (unlikely(n == 0))
		return;
	for (i = 0; i < n; i++) {
		struct rte_mbuf *m = pkts[i];
		uint32_t hop;
		uint32_t len = m->pkt_len;
		int ret;

		if (likely(i + 1 < n))
			rte_prefetch0(rte_pktmbuf_mtod(pkts[i + 1], void *));
		ret = l3fwd_raw_route(m, &hop);
		bytes += len;
		if (unlikely(ret != PKT_OK)) {
			fwd_raw_drop(fs, m, (enum fwd_drop)ret);
			continue;
		}
		ok_bytes += len;
		port_of[nb_ok] = l3fwd_raw_rt.hop[hop].port;
		mixed |= port_of[nb_ok] ^ port_of[0];
		pkts[nb_ok++] = m;
	}
	fs->rx_bytes += bytes;
	/* the whole burst to one port, the usual case: no sorting */
	if (likely(mixed == 0)) {
		if (likely(nb_ok != 0))
			fwd_raw_tx_to_bytes(fs, port_of[0], queue, pkts, nb_ok, ok_bytes);
		return;
	}
	l3fwd_raw_tx_mixed(fs, pkts, port_of, nb_ok, queue);
}

FWD_LCORE_LOOP(l3fwd_raw_fwd)

const struct fwd_engine l3fwd_raw_engine = {
	.name = "l3fwd-raw",
	.options = FWD_OPTIONS(&l3fwd_routes_options),
	.setup = l3fwd_raw_setup,
	.packet_fwd = l3fwd_raw_fwd,
	.lcore_loop = l3fwd_raw_fwd_lcore_loop,
	.teardown = l3fwd_raw_teardown,
	.tx_any_port = true,
};
