/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The macswap engine's swap (app/skbfwd/engines/macswap.h) as the build's
 * machine flags compile it and as a baseline x86-64 without SSSE3 compiles it
 * (tests/unit/macswap_impl.c, built twice): each fast swap and the portable one
 * give exactly the bytes this file computes, and touch nothing past the
 * bytes they may.
 */
#include <stdint.h>

#include "macswap.h"
#include "test.h"

const char *macswap_impl_name_machine(void);
unsigned int macswap_impl_len_machine(void);
void macswap_impl_fast_machine(unsigned char *hdr);
const char *macswap_impl_name_baseline(void);
unsigned int macswap_impl_len_baseline(void);
void macswap_impl_fast_baseline(unsigned char *hdr);

#define FRAMES 4096
#define ROOM 64

/* xorshift32: the same frames on every run */
static uint32_t
next_rand(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/*
 * @swap on FRAMES random heads of @len bytes (the rest of the room a guard):
 * bytes 0-5 and 6-11 exchanged, everything else as it was.
 */
static int
check_swap(void (*swap)(unsigned char *), unsigned int len, const char *what)
{
	uint8_t in[ROOM], out[ROOM], want[ROOM];
	uint32_t seed = 0x5eed1234u + len;
	unsigned int i, k;

	for (k = 0; k < FRAMES; k++) {
		for (i = 0; i < ROOM; i++)
			in[i] = (uint8_t)next_rand(&seed);
		memcpy(want, in, ROOM);
		memcpy(want, in + 6, 6);
		memcpy(want + 6, in, 6);
		memcpy(out, in, ROOM);
		swap(out);
		TEST_ASSERT(memcmp(out, want, ROOM) == 0, "%s: frame %u differs", what, k);
	}
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

/*
 * The build's machine flags (this file has them too) choose the shuffle where
 * they include SSSE3, as DPDK's corei7 does; plain x86-64 has no SSSE3.
 */
static int
test_paths(void)
{
#ifdef __SSSE3__
	const char *machine = "ssse3";
	unsigned int machine_len = 16;
#else
	const char *machine = "portable";
	unsigned int machine_len = 14;
#endif

	TEST_ASSERT(strcmp(macswap_impl_name_machine(), machine) == 0, "machine: %s",
		    macswap_impl_name_machine());
	TEST_ASSERT_EQ(macswap_impl_len_machine(), machine_len);
	TEST_ASSERT(strcmp(macswap_impl_name_baseline(), "portable") == 0, "baseline: %s",
		    macswap_impl_name_baseline());
	TEST_ASSERT_EQ(macswap_impl_len_baseline(), 14);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

static int
test_swap_machine(void)
{
	return check_swap(macswap_impl_fast_machine, macswap_impl_len_machine(), "machine");
}

static int
test_swap_baseline(void)
{
	return check_swap(macswap_impl_fast_baseline, macswap_impl_len_baseline(), "baseline");
}

static int
test_swap_portable(void)
{
	return check_swap(macswap_portable, 14, "portable");
}

static const struct unit_test tests[] = {
	UNIT_TEST(test_paths),
	UNIT_TEST(test_swap_machine),
	UNIT_TEST(test_swap_baseline),
	UNIT_TEST(test_swap_portable),
};

UNIT_TEST_MAIN(tests)
