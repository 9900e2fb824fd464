/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * l3fwd-raw engine: l3fwd (l3fwd.c) written on rte_mbuf without the skb layer,
 * so the benchmark can print what the layer costs.  Same routes (the table
 * l3fwd_setup() loads from --routes), the same RFC 1812 checks, TTL and
 * checksum update, MAC rewrite, drop reasons and counters; what it leaves out
 * is only the skb bookkeeping (header offsets, protocol) a raw DPDK program
 * does not keep.
 */

#include <rte_ip.h>
#include <rte_prefetch.h>

#include "fwd_raw.h"
#include "l3fwd.h"
#include "pkt.h"

/* pkt_parse_eth() + pkt_parse_ipv4() + l3fwd_route() on a bare mbuf. */
static inline int
l3fwd_raw_route(struct rte_mbuf *m, uint32_t *hop)
{
	struct rte_ether_hdr *eth;
	struct rte_ipv4_hdr *ip;
	const struct l3fwd_hop *h;
	unsigned int l3off = RTE_ETHER_HDR_LEN, hl, tot;
	uint16_t type, old, new_word;

	if (unlikely(!fwd_raw_may_pull(m, RTE_ETHER_HDR_LEN)))
		return FWD_DROP_TRUNCATED;
	eth = rte_pktmbuf_mtod(m, struct rte_ether_hdr *);
	type = eth->ether_type;
	if (type == RTE_BE16(RTE_ETHER_TYPE_VLAN) || type == RTE_BE16(RTE_ETHER_TYPE_QINQ)) {
		if (unlikely(!fwd_raw_may_pull(m, RTE_ETHER_HDR_LEN + sizeof(struct rte_vlan_hdr))))
			return FWD_DROP_TRUNCATED;
		type = ((struct rte_vlan_hdr *)(rte_pktmbuf_mtod(m, char *) +
						RTE_ETHER_HDR_LEN))->eth_proto;
		l3off += sizeof(struct rte_vlan_hdr);
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
	if (unlikely(pkt_csum_fold(ip, hl) != 0xffff))
		return FWD_DROP_BAD_CHECKSUM;
	if (unlikely(ip->time_to_live <= 1))
		return FWD_DROP_TTL_EXPIRED;
	if (unlikely(rte_lpm_lookup(l3fwd_lpm, rte_be_to_cpu_32(ip->dst_addr), hop) != 0))
		return FWD_DROP_NO_ROUTE;
	old = *(uint16_t *)&ip->time_to_live;
	ip->time_to_live--;
	new_word = *(uint16_t *)&ip->time_to_live;
	ip->hdr_checksum = pkt_csum_replace2(ip->hdr_checksum, old, new_word);
	h = &l3fwd_hops[*hop];
	eth = rte_pktmbuf_mtod(m, struct rte_ether_hdr *);
	eth->dst_addr = h->mac;
	eth->src_addr = *fwd_port_addr(h->port);
	return PKT_OK;
}

static void
l3fwd_raw_fwd(struct fwd_stream *fs)
{
	struct rte_mbuf *pkts[MAX_PKT_BURST], *out[MAX_PKT_BURST];
	uint16_t port_of[MAX_PKT_BURST];
	uint16_t n = __fwd_raw_rx(fs, pkts), i, nb_ok = 0, p;
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
		port_of[nb_ok] = l3fwd_hops[hop].port;
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
	/* one TX burst per port, in arrival order within each port */
	for (p = 0; p < nb_fwd_ports && nb_ok != 0; p++) {
		uint16_t port = fwd_ports[p], k = 0, rest = 0;

		for (i = 0; i < nb_ok; i++) {
			if (port_of[i] == port)
				out[k++] = pkts[i];
			else {
				port_of[rest] = port_of[i];
				pkts[rest++] = pkts[i];
			}
		}
		nb_ok = rest;
		if (k != 0)
			fwd_raw_tx_to(fs, port, queue, out, k);
	}
}

FWD_LCORE_LOOP(l3fwd_raw_fwd)

/* --routes is l3fwd's option: the parser accepts it whatever engine runs */
const struct fwd_engine l3fwd_raw_engine = {
	.name = "l3fwd-raw",
	.setup = l3fwd_setup,
	.packet_fwd = l3fwd_raw_fwd,
	.lcore_loop = l3fwd_raw_fwd_lcore_loop,
	.stream_fini = l3fwd_stream_fini,
	.tx_any_port = true,
};
