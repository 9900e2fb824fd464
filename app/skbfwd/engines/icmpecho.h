/* SPDX-License-Identifier: BSD-3-Clause */
/* The icmpecho engine's IPv6 half (icmpecho6.c), apart from its IPv4/ARP code. */
#ifndef _SKBFWD_ICMPECHO_H_
#define _SKBFWD_ICMPECHO_H_

#include <stdint.h>

#include "skb_parse.h"

/**
 * Answer one IPv6 frame whose Ethernet header and tags skb_parse_eth() found
 * (@h, h->protocol IPv6), in place, for the port it came in on (mbuf port):
 * an ICMPv6 echo request (RFC 4443 4.1) becomes its echo reply, a neighbour
 * solicitation (RFC 4861 7.1.1 checks) a solicited neighbour advertisement
 * with the port's MAC (RFC 4861 7.2.4); extension headers are left out of
 * the answer, checksums are right.
 * @param addr  the port's --icmp-ip IPv6 address, or NULL: any address (echo
 *              requests to any unicast address or a group, solicitations for
 *              any unicast target but duplicate address detection's).
 * @return PKT_OK (-1) when @skb holds the answer; else the drop reason:
 * not_for_us, bad_address (a multicast source), bad_checksum, bad_header,
 * truncated, no_mbuf.
 */
int icmpecho6_one(struct sk_buff *skb, struct skb_hdrs *h, const uint8_t *addr);

#endif /* _SKBFWD_ICMPECHO_H_ */
