/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * macswap engine: source and destination MAC exchanged, frame sent back out.
 * A head of MACSWAP_FAST_LEN linear bytes or more takes the fast swap of
 * macswap.h (one 16-byte shuffle where the target has SSSE3); a shorter head
 * of at least an Ethernet header is swapped address by address, out of line.
 */

#include "fwd_l2.h"
#include "macswap.h"

static inline void
macswap_edit(unsigned char *hdr, const void *arg __rte_unused)
{
	macswap_fast(hdr);
}

static __rte_noinline void
macswap_short(unsigned char *hdr, const void *arg __rte_unused)
{
	macswap_portable(hdr);
}

static void
macswap_fwd(struct fwd_stream *fs)
{
	fwd_l2_burst(fs, MACSWAP_FAST_LEN, macswap_edit, macswap_short, NULL);
}

FWD_LCORE_LOOP(macswap_fwd)

const struct fwd_engine macswap_engine = {
	.name = "macswap",
	.packet_fwd = macswap_fwd,
	.lcore_loop = macswap_fwd_lcore_loop,
};
