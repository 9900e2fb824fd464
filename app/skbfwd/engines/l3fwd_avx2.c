/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The l3fwd burst (l3fwd_burst.h) built with -mavx2: the same code, VEX
 * encoded, and libskb's metadata writes (skb_meta_init_eth()) in 32-byte
 * stores.  l3fwd.c calls it only where the CPU has AVX2.
 */

#include "l3fwd_burst.h"

void
l3fwd_fwd_avx2(struct fwd_stream *fs)
{
	l3fwd_fwd(fs);
}

int
l3fwd_fwd_avx2_lcore_loop(struct fwd_stream *const *streams, unsigned int nb,
			  const volatile bool *stop)
{
	return l3fwd_fwd_lcore_loop(streams, nb, stop);
}
