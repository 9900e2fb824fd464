/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * VXLAN tunnel settings shared by the encap and decap engines: the --vxlan-*
 * options (vxlan.c), one set that both engines accept.
 */
#ifndef _SKBFWD_VXLAN_H_
#define _SKBFWD_VXLAN_H_

#include <stdbool.h>
#include <stdint.h>

#include <rte_ip.h>
#include <rte_vxlan.h>

#include "engine.h"

/** The I flag of the VXLAN header (RFC 7348): the VNI is valid.  In network order, for vx_flags. */
#define VXLAN_FLAG_I RTE_BE32(0x08000000)
/** Bytes encap puts in front of the inner frame: outer Ethernet, IPv4, UDP and VXLAN. */
#define VXLAN_OVERHEAD (RTE_ETHER_HDR_LEN + sizeof(struct rte_ipv4_hdr) + RTE_ETHER_VXLAN_HLEN)
/** The same with an IPv6 outer header. */
#define VXLAN6_OVERHEAD (RTE_ETHER_HDR_LEN + sizeof(struct rte_ipv6_hdr) + RTE_ETHER_VXLAN_HLEN)

struct vxlan_conf {
	uint32_t local;       /* network order: encap's outer source, decap's expected destination */
	uint32_t remote;      /* network order: encap's outer destination, decap's expected source */
	uint8_t local6[16];   /* the same when they are IPv6 addresses (local_is6, remote_is6) */
	uint8_t remote6[16];
	bool local_is6, remote_is6;
	uint32_t vni;         /* 0..2^24-1 */
	uint16_t udp_port;    /* host order, default RTE_VXLAN_DEFAULT_PORT (4789) */
	uint16_t src_port;    /* host order; 0: hash of the inner frame (49152..65535) */
	bool local_set, remote_set, vni_set;
};

/** The settings of the --vxlan-* options (defaults: RFC 5737 documentation addresses, VNI 1). */
extern struct vxlan_conf vxlan_cfg;
/** The --vxlan-* options, which encap and decap both accept. */
extern const struct fwd_options vxlan_options;

/**
 * True when the outer IP header at @l3 (IPv4 when @protocol is, else IPv6)
 * goes from --vxlan-remote to --vxlan-local, each when given (an address of
 * the other family matches no packet).
 */
bool vxlan_outer_matches(const unsigned char *l3, uint16_t protocol);

/**
 * Record the frame @off bytes into @skb's data as a tunnel's inner frame, as
 * Linux's tunnels do: encapsulation 1, the inner mac header there, the inner
 * network and transport headers where libskb's bounded parser finds IPv4 or
 * IPv6 (the parser may pull them into the linear data); unset where it finds
 * neither or the frame is cut short: the inner frame is not the tunnel's to
 * judge.
 */
void vxlan_mark_inner(struct sk_buff *skb, unsigned int off);

#endif /* _SKBFWD_VXLAN_H_ */
