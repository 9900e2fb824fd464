/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The MAC swap of one Ethernet header, for the macswap engine and its raw-mbuf
 * twin.  The fast swap is chosen at compile time: with SSSE3 (part of the
 * corei7 baseline Debian's DPDK is built for) one 16-byte shuffle, which reads
 * and writes back 16 linear bytes; on a target without it (another CPU
 * family, or -Dmachine without SSSE3) the portable swap of the two 6-byte
 * addresses, which touches the first 12 bytes only.
 */
#ifndef _SKBFWD_MACSWAP_H_
#define _SKBFWD_MACSWAP_H_

#include <string.h>

#ifdef __SSSE3__
#include <tmmintrin.h>
#endif

/** Exchange the destination and source MAC addresses at @hdr (12 bytes). */
static inline void
macswap_portable(unsigned char *hdr)
{
	unsigned char dst[6];

	memcpy(dst, hdr, sizeof(dst));
	memmove(hdr, hdr + 6, 6);
	memcpy(hdr + 6, dst, sizeof(dst));
}

#ifdef __SSSE3__

/** Linear bytes macswap_fast() needs at @hdr. */
#define MACSWAP_FAST_LEN 16
/** Which fast swap this build has. */
#define MACSWAP_FAST_NAME "ssse3"

/** macswap_portable() as one shuffle of 16 bytes; bytes 12-15 are written back as read. */
static inline void
macswap_fast(unsigned char *hdr)
{
	const __m128i swap = _mm_setr_epi8(6, 7, 8, 9, 10, 11, 0, 1, 2, 3, 4, 5,
					   12, 13, 14, 15);
	__m128i h = _mm_loadu_si128((const __m128i *)hdr);

	_mm_storeu_si128((__m128i *)hdr, _mm_shuffle_epi8(h, swap));
}

#else

#define MACSWAP_FAST_LEN 14
#define MACSWAP_FAST_NAME "portable"

static inline void
macswap_fast(unsigned char *hdr)
{
	macswap_portable(hdr);
}

#endif /* __SSSE3__ */

#endif /* _SKBFWD_MACSWAP_H_ */
