/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the runtime asks of the TX unit (tx.c) around forwarding; engines use
 * its other half, the TX helpers of engine.h.
 */
#ifndef _SKBFWD_TX_H_
#define _SKBFWD_TX_H_

#include <stdbool.h>
#include <stdint.h>

#include <rte_ethdev.h>

/** TX offloads that make a port segment TCP/IPv4 GSO skbs itself. */
#define FWD_TX_TSO_OFFLOADS (RTE_ETH_TX_OFFLOAD_TCP_TSO | RTE_ETH_TX_OFFLOAD_IPV4_CKSUM | \
			     RTE_ETH_TX_OFFLOAD_MULTI_SEGS)

/**
 * Decide, from the offloads drivers-glue enabled on started port @port_id,
 * whether its GSO skbs go to the device's TSO or to software segmentation,
 * and print which ("Port N: GSO ...").  Call it again after the port is set
 * up anew.  A port never set up segments in software.  What it finds is a
 * struct fwd_tx_caps given to fwd_tx_port_caps().
 */
void fwd_tx_port_setup(uint16_t port_id);

/** What the TX path needs to know of a port's device (fwd_tx_port_caps()). */
struct fwd_tx_caps {
	uint64_t tx_offloads;         /* TX offloads enabled (RTE_ETH_TX_OFFLOAD_*) */
	uint16_t mtu;                 /* the port's MTU: MSS + headers within it for TSO */
	uint16_t nb_seg_max;          /* mbufs a TX packet may have, 0: no limit */
	uint16_t max_out;             /* segments the device makes of one packet, 0: no limit */
	bool tso6;                    /* its TSO cuts TCP/IPv6 too (FWD_TX_TSO_OFFLOADS given) */
	bool l2_in_mtu;               /* it counts the Ethernet header in the MTU for TSO */
};

/**
 * Set port @port_id's TX choices from @caps, as fwd_tx_port_setup() does with
 * what it found: TSO for TCP/IPv4 GSO skbs when every FWD_TX_TSO_OFFLOADS is
 * in tx_offloads (and for TCP/IPv6 ones too with tso6), software
 * segmentation otherwise; the device's TCP and UDP checksum offloads for
 * CHECKSUM_PARTIAL skbs.  Prints "Port N: GSO ...".  A test gives a port the
 * capabilities of a device it does not have this way; nothing is checked
 * against the device.
 */
void fwd_tx_port_caps(uint16_t port_id, const struct fwd_tx_caps *caps);

/** Print "GSO: N skbs to device TSO, M segmented in software into K packets" (all lcores). */
void fwd_tx_gso_print_stats(void);

#endif /* _SKBFWD_TX_H_ */
