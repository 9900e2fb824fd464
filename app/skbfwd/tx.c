/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The TX path's slow half (the inline half is engine.h's TX helpers): bounded
 * retries when a port refuses part of a burst, and segmentation on transmit
 * while GSO skbs may be sent (--gro, txonly --tx-gso).  A GSO skb goes to a
 * port whose device does TSO as one multi-segment mbuf with the offload fields
 * set, and is cut into wire-sized skbs by skb_gso_segment() (rte_gso; TCP/IPv6
 * by libskb itself) before rte_eth_tx_burst() otherwise.  Which of the two is
 * decided once per port and family, from the offloads drivers-glue enabled, by
 * fwd_tx_port_setup() (or from capabilities a test gives, fwd_tx_port_caps()).
 * Likewise a CHECKSUM_PARTIAL skb (engines with
 * fwd_engine.csum_partial) is turned into the device's TCP/UDP checksum
 * offload request where the port has it, and finished by skb_checksum_help()
 * where it does not.
 *
 * Calls only libskb, drivers-glue and engine.h's inline helpers.
 */

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_ip.h>
#include <rte_tcp.h>
#include <rte_udp.h>

#include "port.h"
#include "skb_csum.h"
#include "engine.h"
#include "tx.h"

#define TX_RETRIES 64           /* rounds of rte_eth_tx_burst before a TX-full drop */

uint16_t
fwd_tx_retry(struct fwd_stream *fs, uint16_t port, uint16_t queue,
	     struct sk_buff **skbs, uint16_t n, uint16_t sent)
{
	unsigned int retry;

	for (retry = 0; retry < TX_RETRIES && sent < n; retry++) {
		rte_delay_us(1);
		sent += skb_tx_burst(port, queue, skbs + sent, n - sent);
	}
	if (unlikely(sent < n)) {
		if (fs->tx_ports != NULL)
			fs->tx_ports[port].dropped += n - sent;
		fs->tx_bytes -= fwd_bytes(skbs + sent, (uint16_t)(n - sent));
		fwd_drop_bulk(fs, skbs + sent, (uint16_t)(n - sent), FWD_DROP_TX_FULL);
	}
	return sent;
}

/* Per port: true when the device segments TCP/IPv4 (TCP/IPv6) itself, and its limits. */
static bool fwd_gso_port_tso[RTE_MAX_ETHPORTS];
static bool fwd_gso_port_tso6[RTE_MAX_ETHPORTS];
static uint16_t fwd_gso_port_mtu[RTE_MAX_ETHPORTS];
static uint16_t fwd_gso_port_max_segs[RTE_MAX_ETHPORTS]; /* mbufs per packet, 0: no limit */
static uint16_t fwd_gso_port_max_out[RTE_MAX_ETHPORTS];  /* segments it makes, 0: no limit */
static bool fwd_gso_port_l2_in_mtu[RTE_MAX_ETHPORTS];

/* GSO skbs sent, all lcores (relaxed atomics: a GSO skb is worth many packets). */
static struct {
	uint64_t tso, sw, sw_segs;
} fwd_gso_count;

/* Per port: the device finishes the TCP, the UDP checksum of CHECKSUM_PARTIAL skbs. */
static bool fwd_csum_port_tcp[RTE_MAX_ETHPORTS];
static bool fwd_csum_port_udp[RTE_MAX_ETHPORTS];

/*
 * Finish the checksum CHECKSUM_PARTIAL @skb leaves to TX on @port: the
 * device's offload request (header lengths, TX_IPV4/TX_IPV6 and the L4 flag;
 * the field already holds the pseudo-header sum, as DPDK wants it) when the
 * port does that L4 checksum and the skb is plain TCP or UDP after an IPv4 or
 * IPv6 network header, skb_checksum_help() otherwise (tunnels included).
 * @return 0, or skb_checksum_help()'s -errno.
 */
static int
fwd_tx_csum(struct sk_buff *skb, uint16_t port)
{
	struct rte_mbuf *m = &skb->mbuf;
	uint64_t l4 = 0;
	unsigned int l4_len = 0;
	int l2, l3;

	if (skb->csum_offset == offsetof(struct rte_tcp_hdr, cksum) && fwd_csum_port_tcp[port]) {
		l4 = RTE_MBUF_F_TX_TCP_CKSUM;
		l4_len = sizeof(struct rte_tcp_hdr);
	} else if (skb->csum_offset == offsetof(struct rte_udp_hdr, dgram_cksum) &&
		   fwd_csum_port_udp[port]) {
		l4 = RTE_MBUF_F_TX_UDP_CKSUM;
		l4_len = sizeof(struct rte_udp_hdr);
	}
	if (l4 == 0 || skb->encapsulation || !skb_network_header_was_set(skb))
		return skb_checksum_help(skb);
	l2 = skb_network_offset(skb);
	l3 = (int)skb->csum_start - (int)skb->network_header;
	/* the lengths fit the mbuf's fields and the headers lie in the linear data */
	if (l2 < 0 || l2 > 127 || l3 < (int)sizeof(struct rte_ipv4_hdr) || l3 > 511 ||
	    (unsigned int)(l2 + l3) + l4_len > skb_headlen(skb))
		return skb_checksum_help(skb);
	switch (*skb_network_header(skb) >> 4) {
	case 4:
		m->ol_flags |= RTE_MBUF_F_TX_IPV4 | l4;
		break;
	case 6:
		m->ol_flags |= RTE_MBUF_F_TX_IPV6 | l4;
		break;
	default:
		return skb_checksum_help(skb);
	}
	if (l4 == RTE_MBUF_F_TX_TCP_CKSUM)
		l4_len = (((const struct rte_tcp_hdr *)(skb_head(skb) + skb->csum_start))->data_off >> 4) * 4u;
	m->l2_len = (uint64_t)l2;
	m->l3_len = (uint64_t)l3;
	m->l4_len = l4_len;
	return 0;
}

void
fwd_tx_port_caps(uint16_t pid, const struct fwd_tx_caps *caps)
{
	bool tso = (caps->tx_offloads & FWD_TX_TSO_OFFLOADS) == FWD_TX_TSO_OFFLOADS;

	fwd_csum_port_tcp[pid] = (caps->tx_offloads & RTE_ETH_TX_OFFLOAD_TCP_CKSUM) != 0;
	fwd_csum_port_udp[pid] = (caps->tx_offloads & RTE_ETH_TX_OFFLOAD_UDP_CKSUM) != 0;
	fwd_gso_port_tso[pid] = tso;
	fwd_gso_port_tso6[pid] = tso && caps->tso6;
	fwd_gso_port_mtu[pid] = caps->mtu;
	fwd_gso_port_max_segs[pid] = caps->nb_seg_max;
	fwd_gso_port_max_out[pid] = caps->max_out;
	fwd_gso_port_l2_in_mtu[pid] = caps->l2_in_mtu;
	printf("Port %u: GSO %s\n", pid, !fwd_gso_port_tso[pid] ? "in software (rte_gso)" :
	       fwd_gso_port_tso6[pid] ? "by the device (TSO, TCP/IPv4 and TCP/IPv6; the rest in software)" :
	       "by the device (TSO, TCP/IPv4; the rest in software)");
}

void
fwd_tx_port_setup(uint16_t pid)
{
	const struct glue_port *p = glue_port_get(pid);
	struct fwd_tx_caps caps = { .mtu = RTE_ETHER_MTU, .tso6 = true };

	if (p != NULL) {
		caps.tx_offloads = p->tx_offloads;
		caps.nb_seg_max = p->info.tx_desc_lim.nb_seg_max;
		rte_eth_dev_get_mtu(pid, &caps.mtu);
		/*
		 * DPDK 22.11 net_tap segments with rte_gso itself: it wants
		 * MSS + all headers (Ethernet too) within the MTU and makes
		 * at most 64 segments (MAX_GSO_MBUFS); past that it refuses
		 * the packet.  Its rte_gso knows TCP/IPv4 only: a TCP/IPv6
		 * packet marked for TSO would leave it whole, so those are
		 * cut here.
		 */
		if (strcmp(p->info.driver_name, "net_tap") == 0) {
			caps.l2_in_mtu = true;
			caps.max_out = 64;
			caps.tso6 = false;
		}
	}
	fwd_tx_port_caps(pid, &caps);
}

/*
 * Ready a TCP/IPv4 or TCP/IPv6 GSO skb for the device's TSO: header lengths,
 * tso_segsz, offload flags, IPv4 total length (IPv6 payload length) and the
 * pseudo-header checksum the device expects, for TX port @port.  @return
 * false (skb untouched) when the skb is not one the device can take: then it
 * is segmented in software.
 */
static bool
fwd_gso_tso_prepare(struct sk_buff *skb, uint16_t port)
{
	struct rte_mbuf *m = &skb->mbuf;
	struct rte_tcp_hdr *tcp;
	unsigned int l2, l3, l4;
	bool v6 = skb->shinfo.gso_type == SKB_GSO_TCPV6;

	if ((skb->shinfo.gso_type != SKB_GSO_TCPV4 && !(v6 && fwd_gso_port_tso6[port])) ||
	    !skb_network_header_was_set(skb) ||
	    !skb_transport_header_was_set(skb) || skb_network_offset(skb) < 0)
		return false;
	l2 = (unsigned int)skb_network_offset(skb);
	l3 = (unsigned int)(skb_transport_offset(skb) - skb_network_offset(skb));
	if (l3 < (v6 ? sizeof(struct rte_ipv6_hdr) : sizeof(struct rte_ipv4_hdr)) ||
	    l2 + l3 + sizeof(*tcp) > skb_headlen(skb))
		return false;
	tcp = (struct rte_tcp_hdr *)skb_transport_header(skb);
	l4 = (tcp->data_off >> 4) * 4u;
	if (l4 < sizeof(*tcp) || l2 + l3 + l4 > skb_headlen(skb) ||
	    m->pkt_len - l2 - (v6 ? sizeof(struct rte_ipv6_hdr) : 0) > UINT16_MAX ||
	    m->pkt_len <= l2 + l3 + l4)
		return false;
	/* within what this port's device takes: else software segmentation */
	if ((fwd_gso_port_l2_in_mtu[port] ? l2 : 0) + l3 + l4 + skb->shinfo.gso_size >
	    fwd_gso_port_mtu[port] ||
	    (fwd_gso_port_max_segs[port] != 0 && m->nb_segs > fwd_gso_port_max_segs[port]) ||
	    (fwd_gso_port_max_out[port] != 0 &&
	     (m->pkt_len - l2 - l3 - l4 + skb->shinfo.gso_size - 1) / skb->shinfo.gso_size >
	     fwd_gso_port_max_out[port]) ||
	    skb_cow_head(skb, 0) < 0)
		return false;
	tcp = (struct rte_tcp_hdr *)skb_transport_header(skb);
	m->l2_len = l2;
	m->l3_len = l3;
	m->l4_len = l4;
	m->tso_segsz = skb->shinfo.gso_size;
	if (v6) {
		struct rte_ipv6_hdr *ip6 = (struct rte_ipv6_hdr *)skb_network_header(skb);

		ip6->payload_len = rte_cpu_to_be_16((uint16_t)(m->pkt_len - l2 - sizeof(*ip6)));
		/* no IPv6 header checksum: TX_IPV6 without TX_IP_CKSUM */
		m->ol_flags |= RTE_MBUF_F_TX_TCP_SEG | RTE_MBUF_F_TX_IPV6;
		/*
		 * with TX_TCP_SEG: the pseudo-header without the length, as for
		 * IPv4.  Its next header is TCP's (RFC 8200 8.1), not the fixed
		 * header's, which rte_ipv6_phdr_cksum() would take and which is
		 * an extension header's when there are some.
		 */
		tcp->cksum = (uint16_t)~csum_ipv6_magic(ip6->src_addr, ip6->dst_addr, 0,
							 IPPROTO_TCP, 0);
	} else {
		struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)skb_network_header(skb);

		ip->total_length = rte_cpu_to_be_16((uint16_t)(m->pkt_len - l2));
		ip->hdr_checksum = 0;
		m->ol_flags |= RTE_MBUF_F_TX_TCP_SEG | RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IP_CKSUM;
		tcp->cksum = rte_ipv4_phdr_cksum(ip, m->ol_flags);
	}
	return true;
}

/* Wire packets and bytes the TSO skbs of one flush add beyond what TX counts. */
struct fwd_gso_extra {
	uint64_t packets, bytes;
};

/*
 * Send @k skbs; TX counts a TSO skb once, so add what the device makes of it
 * (its other segments and their headers) when nothing was refused.
 */
static void
fwd_gso_flush(struct fwd_stream *fs, uint16_t port, uint16_t queue,
	      struct sk_buff **out, uint16_t k, struct fwd_gso_extra *extra)
{
	uint64_t refused = fs->drops[FWD_DROP_TX_FULL];

	fwd_tx_nogso_to(fs, port, queue, out, k, fwd_bytes(out, k));
	if (unlikely(extra->packets != 0) && fs->drops[FWD_DROP_TX_FULL] == refused) {
		fs->tx_packets += extra->packets;
		fs->tx_bytes += extra->bytes;
		if (fs->tx_ports != NULL) {
			fs->tx_ports[port].packets += extra->packets;
			fs->tx_ports[port].bytes += extra->bytes;
		}
	}
	extra->packets = 0;
	extra->bytes = 0;
}

void
fwd_tx_gso(struct fwd_stream *fs, uint16_t port, uint16_t queue,
	   struct sk_buff **skbs, uint16_t n)
{
	struct sk_buff *out[MAX_PKT_BURST];
	struct fwd_gso_extra extra = { 0, 0 };
	bool tso = fwd_gso_port_tso[port];
	uint16_t i, k = 0;

	for (i = 0; i < n; i++) {
		struct sk_buff *skb = skbs[i];
		struct sk_buff_head segs;
		int ret;

		if (unlikely(skb_meta_valid(skb) && skb->ip_summed == CHECKSUM_PARTIAL) &&
		    !skb_is_gso(skb) && (ret = fwd_tx_csum(skb, port)) < 0) {
			fwd_drop(fs, skb, ret == -ENOMEM ? FWD_DROP_NO_MBUF : FWD_DROP_UNSUPPORTED);
			continue;
		}
		if (likely(!skb_is_gso(skb)) || (tso && fwd_gso_tso_prepare(skb, port))) {
			if (unlikely(skb_is_gso(skb))) {
				const struct rte_mbuf *m = &skb->mbuf;
				unsigned int hl = m->l2_len + m->l3_len + m->l4_len;
				unsigned int nseg = (m->pkt_len - hl + m->tso_segsz - 1) / m->tso_segsz;

				extra.packets += nseg - 1;
				extra.bytes += (uint64_t)(nseg - 1) * hl;
				__atomic_fetch_add(&fwd_gso_count.tso, 1, __ATOMIC_RELAXED);
			}
			out[k++] = skb;
			if (k == MAX_PKT_BURST) {
				fwd_gso_flush(fs, port, queue, out, k, &extra);
				k = 0;
			}
			continue;
		}
		__skb_queue_head_init(&segs);
		ret = skb_gso_segment(skb, &segs);
		if (unlikely(ret < 0)) {
			fwd_drop(fs, skb, ret == -ENOMEM ? FWD_DROP_NO_MBUF : FWD_DROP_UNSUPPORTED);
			continue;
		}
		__atomic_fetch_add(&fwd_gso_count.sw, 1, __ATOMIC_RELAXED);
		__atomic_fetch_add(&fwd_gso_count.sw_segs, skb_queue_len(&segs), __ATOMIC_RELAXED);
		while ((skb = __skb_dequeue(&segs)) != NULL) {
			out[k++] = skb;
			if (k == MAX_PKT_BURST) {
				fwd_gso_flush(fs, port, queue, out, k, &extra);
				k = 0;
			}
		}
	}
	if (k != 0)
		fwd_gso_flush(fs, port, queue, out, k, &extra);
}

void
fwd_tx_gso_print_stats(void)
{
	printf("GSO: %" PRIu64 " skbs to device TSO, %" PRIu64 " segmented in software into %"
	       PRIu64 " packets\n", __atomic_load_n(&fwd_gso_count.tso, __ATOMIC_RELAXED),
	       __atomic_load_n(&fwd_gso_count.sw, __ATOMIC_RELAXED),
	       __atomic_load_n(&fwd_gso_count.sw_segs, __ATOMIC_RELAXED));
}
