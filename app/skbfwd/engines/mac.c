/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mac engine: source MAC := the TX port's MAC, destination MAC := the TX port's
 * --eth-peer (default 02:00:00:00:00:<port>).  Frames shorter than an Ethernet
 * header are dropped as truncated.
 */

#include "fwd_l2.h"

/* dst then src, as they sit in the frame (12 bytes, no padding) */
struct mac_pair {
	struct rte_ether_addr dst;
	struct rte_ether_addr src;
};
static_assert(sizeof(struct mac_pair) == 2 * RTE_ETHER_ADDR_LEN, "mac_pair must be 12 bytes");

static inline void
mac_write(unsigned char *hdr, const void *arg)
{
	memcpy(hdr, arg, sizeof(struct mac_pair));
}

static __rte_noinline void
mac_write_short(unsigned char *hdr, const void *arg)
{
	mac_write(hdr, arg);
}

static void
mac_fwd(struct fwd_stream *fs)
{
	struct mac_pair addrs;

	addrs.dst = *fwd_peer_addr(fs->tx_port);
	addrs.src = *fwd_port_addr(fs->tx_port);
	fwd_l2_burst(fs, RTE_ETHER_HDR_LEN, mac_write, mac_write_short, &addrs);
}

FWD_LCORE_LOOP(mac_fwd)

const struct fwd_engine mac_engine = {
	.name = "mac",
	.packet_fwd = mac_fwd,
	.lcore_loop = mac_fwd_lcore_loop,
};
