/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * macswap engine: source and destination MAC exchanged, frame sent back out.
 * A head of 16 linear bytes or more is swapped with one 16-byte shuffle
 * (bytes 12-15, the EtherType and what follows, are written back unchanged);
 * a 14- or 15-byte head is swapped field by field.
 */

#include <tmmintrin.h>

#include "fwd_l2.h"

static inline void
macswap_vec(unsigned char *hdr, const void *arg)
{
	const __m128i swap = _mm_setr_epi8(6, 7, 8, 9, 10, 11, 0, 1, 2, 3, 4, 5,
					   12, 13, 14, 15);
	__m128i h = _mm_loadu_si128((const __m128i *)hdr);

	RTE_SET_USED(arg);
	_mm_storeu_si128((__m128i *)hdr, _mm_shuffle_epi8(h, swap));
}

static __rte_noinline void
macswap_short(unsigned char *hdr, const void *arg)
{
	struct rte_ether_hdr *eth = (struct rte_ether_hdr *)hdr;
	struct rte_ether_addr tmp = eth->dst_addr;

	RTE_SET_USED(arg);
	eth->dst_addr = eth->src_addr;
	eth->src_addr = tmp;
}

static void
macswap_fwd(struct fwd_stream *fs)
{
	fwd_l2_burst(fs, sizeof(__m128i), macswap_vec, macswap_short, NULL);
}

FWD_LCORE_LOOP(macswap_fwd)

const struct fwd_engine macswap_engine = {
	.name = "macswap",
	.packet_fwd = macswap_fwd,
	.lcore_loop = macswap_fwd_lcore_loop,
};
