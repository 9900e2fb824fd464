/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * app/skbfwd/engines/macswap.h behind plain functions, compiled twice by
 * tests/meson.build under names ending in MACSWAP_IMPL_SUFFIX: once with the
 * build's machine flags (DPDK's), once with -march=x86-64 and no DPDK header at
 * all, so that test_macswap.c checks the swap a baseline CPU would get too.
 */
#include "macswap.h"

#define MACSWAP_IMPL_CAT(a, b) a##_##b
#define MACSWAP_IMPL_NAME(a, b) MACSWAP_IMPL_CAT(a, b)
#define MACSWAP_IMPL(fn) MACSWAP_IMPL_NAME(fn, MACSWAP_IMPL_SUFFIX)

const char *MACSWAP_IMPL(macswap_impl_name)(void);
unsigned int MACSWAP_IMPL(macswap_impl_len)(void);
void MACSWAP_IMPL(macswap_impl_fast)(unsigned char *hdr);

/* The fast swap this compilation chose ("ssse3" or "portable"). */
const char *
MACSWAP_IMPL(macswap_impl_name)(void)
{
	return MACSWAP_FAST_NAME;
}

/* The linear bytes that fast swap needs. */
unsigned int
MACSWAP_IMPL(macswap_impl_len)(void)
{
	return MACSWAP_FAST_LEN;
}

/* The fast swap itself. */
void
MACSWAP_IMPL(macswap_impl_fast)(unsigned char *hdr)
{
	macswap_fast(hdr);
}
