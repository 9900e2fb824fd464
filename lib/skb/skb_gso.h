/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libskb segmentation offload: software GSO (skb_gso_segment() over DPDK's
 * rte_gso) and GRO of a received burst (skb_gro_burst() over rte_gro).  The GSO
 * fields themselves (skb_shinfo(), skb_is_gso(), SKB_GSO_*) are skb.h's.
 *
 * gso_size is what Linux puts there:
 *  - SKB_GSO_TCPV4, SKB_GSO_TCPV6: the MSS, TCP payload bytes per segment;
 *  - SKB_GSO_UDP (UFO, IP fragmentation, as rte_gso does it): IP payload bytes
 *    per fragment, rounded down to a multiple of 8 (the UDP header travels in
 *    the first fragment's payload), e.g. 1480 for a 1500-byte MTU;
 *  - SKB_GSO_UDP_TUNNEL | SKB_GSO_TCPV4 (VXLAN: the inner frame where
 *    skb->encapsulation's inner mac header says, on any UDP port; without
 *    it, UDP to RTE_VXLAN_DEFAULT_PORT, 4789): the inner MSS.
 *
 * A GSO skb's IPv4 total length (and UDP length of a tunnel) need not be right:
 * segmentation writes them per segment, and a TCP skb may carry more than 64 KiB
 * (a chain; the IPv4 field cannot say it).
 */
#ifndef _SKB_GSO_H_
#define _SKB_GSO_H_

#include <rte_vxlan.h>

#include "skb.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Largest number of segments skb_gso_segment() makes of one skb. */
#define SKB_GSO_MAX_SEGS 4096u

/**
 * Split a GSO skb (TCP/IPv4, UDP/IPv4 or VXLAN-in-UDP TCP/IPv4) into wire-sized
 * skbs with rte_gso_segment(); TCP/IPv6 (gso_type SKB_GSO_TCPV6, extension
 * headers allowed) libskb segments itself, each segment a linear copy of the
 * headers and of its payload, the original's data not shared.  Per segment: TCP sequence numbers, IPv4 IDs (incremented per
 * segment, outer and inner), total lengths, fragment offsets and MF (UDP), TCP
 * flags (FIN/PSH kept only on the last segment), the IPv4 header checksums and
 * the TCP (or, UDP, whole-datagram) checksum computed in software.  An outer UDP
 * checksum of 0 stays 0.  Each segment is an skb with valid metadata (mac,
 * network and transport headers set, protocol, priority, mark, cb and port
 * copied, gso fields zero; for VXLAN encapsulation 1 and the inner mac,
 * network and transport headers set on the inner frame): a header mbuf of its own followed by mbufs attached
 * to the original's data, which therefore must not be written afterwards.
 * A skb whose payload fits in one segment gives one segment (a copy).
 *
 * The headers are parsed from the data pointer by skb_parse.h (Ethernet with up
 * to two VLAN tags, IPv4, TCP or UDP; for VXLAN the inner ones too) and pulled
 * into the linear area when they are not there.  The packet's own
 * headers select the protocol (VXLAN, when gso_type has SKB_GSO_UDP_TUNNEL or
 * SKB_GSO_TCPV4: UDP whose 16 bytes of UDP and VXLAN header end at the inner
 * mac header of an skb with skb->encapsulation 1, or, with encapsulation 0, UDP
 * to RTE_VXLAN_DEFAULT_PORT); gso_type must not contradict them
 * (SKB_GSO_TCPV4 on a UDP packet, SKB_GSO_UDP on a TCP one: -EINVAL).
 *
 * @param skb   the GSO skb; consumed (kfree_skb) on success.
 * @param segs  an initialised queue; the segments are appended at its tail with
 *              the lockless __skb_queue_tail() (the caller owns it).
 * @return 0 on success; on error the skb is unchanged and still the caller's,
 *   and nothing was allocated or queued:
 *   -EINVAL  not a GSO skb, gso_size too small, or headers that are not
 *            IPv4 TCP/UDP/VXLAN, cut short, or a fragment;
 *   -EMSGSIZE more than SKB_GSO_MAX_SEGS segments, or a UDP datagram over
 *            the IPv4 limit;
 *   -ENOMEM  the pool ran out.
 */
int skb_gso_segment(struct sk_buff *skb, struct sk_buff_head *segs)
	__rte_warn_unused_result;

/** GRO types for skb_gro_burst() (rte_gro's, and TCP/IPv6 merged by libskb itself). */
#define SKB_GRO_TCPV4 (1u << 0)       /**< TCP/IPv4 segments of one flow */
#define SKB_GRO_VXLAN_TCPV4 (1u << 1) /**< VXLAN-encapsulated TCP/IPv4 */
#define SKB_GRO_UDPV4 (1u << 2)       /**< IPv4 fragments of one UDP datagram */
#define SKB_GRO_TCPV6 (1u << 3)       /**< TCP/IPv6 segments of one flow */
#define SKB_GRO_ALL (SKB_GRO_TCPV4 | SKB_GRO_VXLAN_TCPV4 | SKB_GRO_UDPV4 | SKB_GRO_TCPV6)

/**
 * Merge a received burst with rte_gro_reassemble_burst() (TCP/IPv6, which
 * rte_gro lacks, by libskb), in place: runs of consecutive packets of one
 * flow become one skb with gso_size (the first packet's payload), gso_segs
 * (the packets merged) and gso_type set, IPv4 header checksums refreshed
 * (IPv6: the payload length of the whole) and RX checksum flags set to good,
 * so that skb_gso_segment() (or TSO) gives back exactly the packets received.
 * Merged are only in-order runs that segmentation reproduces byte for byte:
 * same headers but for lengths, IDs (consecutive), sequence numbers and
 * checksums (IPv6: traffic class, flow label, hop limit and extension headers
 * equal too), every checksum right, equal payloads but the last, TCP flags
 * ACK only, no padding, one mbuf each (IPv6: direct and not shared); anything
 * else is left (or put back) as received.
 * The order of the skbs is kept.  The L4 checksum of a merged skb is stale until
 * it is segmented.
 * @param skbs   the burst; the result replaces it.
 * @param n      number of skbs.
 * @param types  SKB_GRO_* to merge.
 * @return the number of skbs now in @skbs (n when nothing merged).
 */
uint16_t skb_gro_burst(struct sk_buff **skbs, uint16_t n, uint32_t types);

#ifdef __cplusplus
}
#endif

#endif /* _SKB_GSO_H_ */
