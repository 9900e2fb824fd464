/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Unit-test harness in DPDK autotest shape: each test is
 * `static int test_x(void)` returning TEST_SUCCESS, TEST_FAILED or TEST_SKIPPED,
 * registered in one table; results are printed as TAP so the runner counts every
 * test.  EAL runs without hugepages or PCI, under a file prefix of its own.
 */
#ifndef _SKB_TEST_H_
#define _SKB_TEST_H_

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_mempool.h>

#define TEST_SUCCESS 0
#define TEST_FAILED (-1)
#define TEST_SKIPPED 77

#define TEST_ASSERT(cond, fmt, ...) do {                                        \
	if (!(cond)) {                                                          \
		printf("# %s:%d: assertion failed: %s: " fmt "\n", __FILE__,   \
		       __LINE__, #cond, ##__VA_ARGS__);                         \
		goto fail;                                                      \
	}                                                                       \
} while (0)

#define TEST_ASSERT_EQ(a, b) do {                                               \
	long long _a = (long long)(a), _b = (long long)(b);                    \
	if (_a != _b) {                                                         \
		printf("# %s:%d: %s == %s failed: %lld != %lld\n", __FILE__,     \
		       __LINE__, #a, #b, _a, _b);                               \
		goto fail;                                                      \
	}                                                                       \
} while (0)

#define TEST_ASSERT_PTR_EQ(a, b) do {                                           \
	const void *_a = (const void *)(a), *_b = (const void *)(b);           \
	if (_a != _b) {                                                         \
		printf("# %s:%d: %s == %s failed: %p != %p\n", __FILE__,         \
		       __LINE__, #a, #b, _a, _b);                               \
		goto fail;                                                      \
	}                                                                       \
} while (0)

struct unit_test {
	const char *name;
	int (*fn)(void);
};

#define UNIT_TEST(fn) { #fn, fn }

/* Assert that @mp has exactly zero objects in use. */
#define TEST_ASSERT_POOL_EMPTY(mp) \
	TEST_ASSERT_EQ(rte_mempool_in_use_count(mp), 0)

static inline int
unit_test_main(int argc, char **argv, const struct unit_test *tests, unsigned int n)
{
	char prefix[64], dir[128], cmd[160];
	char *eal[] = { argv[0], "--no-huge", "--no-pci", "-m", "256", "-l", "0,1",
			"--file-prefix", prefix, "--log-level", "lib.eal:error", NULL };
	unsigned int i, failed = 0;
	const char *only = argc > 1 ? argv[1] : NULL;

	snprintf(prefix, sizeof(prefix), "skbtest%d", (int)getpid());
	if (rte_eal_init((int)RTE_DIM(eal) - 1, eal) < 0) {
		printf("1..0 # SKIP EAL init failed\n");
		return 77;
	}
	printf("1..%u\n", n);
	for (i = 0; i < n; i++) {
		int ret;

		if (only != NULL && strcmp(only, tests[i].name) != 0) {
			printf("ok %u - %s # SKIP not selected\n", i + 1, tests[i].name);
			continue;
		}
		ret = tests[i].fn();
		if (ret == TEST_SKIPPED)
			printf("ok %u - %s # SKIP\n", i + 1, tests[i].name);
		else if (ret == TEST_SUCCESS)
			printf("ok %u - %s\n", i + 1, tests[i].name);
		else {
			printf("not ok %u - %s\n", i + 1, tests[i].name);
			failed++;
		}
		fflush(stdout);
	}
	rte_eal_cleanup();
	snprintf(dir, sizeof(dir), "/var/run/dpdk/%s", prefix);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return failed ? 1 : 0;
}

#endif
