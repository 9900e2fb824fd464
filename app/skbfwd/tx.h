/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the runtime asks of the TX unit (tx.c) around forwarding; engines use
 * its other half, the TX helpers of engine.h.
 */
#ifndef _SKBFWD_TX_H_
#define _SKBFWD_TX_H_

#include <stdint.h>

#include <rte_ethdev.h>

/** TX offloads that make a port segment TCP/IPv4 GSO skbs itself. */
#define FWD_TX_TSO_OFFLOADS (RTE_ETH_TX_OFFLOAD_TCP_TSO | RTE_ETH_TX_OFFLOAD_IPV4_CKSUM | \
			     RTE_ETH_TX_OFFLOAD_MULTI_SEGS)

/**
 * Decide, from the offloads drivers-glue enabled on started port @port_id,
 * whether its GSO skbs go to the device's TSO or to software segmentation,
 * and print which ("Port N: GSO ...").  Call it again after the port is set
 * up anew.  A port never set up segments in software.
 */
void fwd_tx_port_setup(uint16_t port_id);

/** Print "GSO: N skbs to device TSO, M segmented in software into K packets" (all lcores). */
void fwd_tx_gso_print_stats(void);

#endif /* _SKBFWD_TX_H_ */
