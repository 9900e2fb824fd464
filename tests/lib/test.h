/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Unit-test harness in DPDK autotest shape: each test is
 * `static int test_x(void)` returning TEST_SUCCESS, TEST_FAILED or TEST_SKIPPED,
 * registered in one table with the set-up steps it needs (UNIT_SETUP), so any
 * one test runs alone by its name; results are printed as TAP so the runner
 * counts every test.  EAL runs without hugepages or PCI, under a file prefix of
 * its own; when it cannot start, the binary fails.
 */
#ifndef _SKB_TEST_H_
#define _SKB_TEST_H_

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>

#define TEST_SUCCESS 0
#define TEST_FAILED (-1)
#define TEST_SKIPPED 77

/* the message is printf's format and arguments (ISO C: no ", ##__VA_ARGS__") */
#define TEST_ASSERT(cond, ...) do {                                             \
	if (!(cond)) {                                                          \
		printf("# %s:%d: assertion failed: %s: ", __FILE__, __LINE__,   \
		       #cond);                                                  \
		printf(__VA_ARGS__);                                            \
		printf("\n");                                                   \
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
	bool setup;
	/* or, when fn is NULL, fn_arg called with arg (a table built at run time) */
	int (*fn_arg)(const void *arg);
	const void *arg;
};

/* A test: runs when no name is given on the command line, or its own. */
#define UNIT_TEST(f) { .name = #f, .fn = f }
/*
 * A set-up step (a pool, say): runs whatever name is given, in its place in the
 * table, so that any one test can run alone.  When it fails, every selected test
 * after it is reported failed without running.
 */
#define UNIT_SETUP(f) { .name = #f, .fn = f, .setup = true }

/* Remove the EAL runtime directory of @prefix (left even when EAL init fails). */
static inline void
unit_test_remove_runtime_dir(const char *prefix)
{
	char cmd[160];

	snprintf(cmd, sizeof(cmd), "rm -rf '/var/run/dpdk/%s'", prefix);
	if (system(cmd) != 0)
		printf("# could not remove /var/run/dpdk/%s\n", prefix);
}

/* True when @only (a test name or NULL for all) names a test of @tests. */
static inline bool
unit_test_known(const char *only, const struct unit_test *tests, unsigned int n)
{
	unsigned int i;

	for (i = 0; only != NULL && i < n; i++)
		if (strcmp(only, tests[i].name) == 0)
			return true;
	return only == NULL;
}

/*
 * Start EAL for a test: no hugepages, no PCI, @mem MB, the lcores @lcores,
 * under the file prefix @prefix.  @return 0, or -1 with rte_errno set (the
 * runtime directory EAL may have left removed).
 */
static inline int
unit_test_eal_init(char *argv0, const char *lcores, const char *mem, const char *prefix)
{
	char *eal[] = { argv0, "--no-huge", "--no-pci", "-m", (char *)(uintptr_t)mem,
			"-l", (char *)(uintptr_t)lcores, "--file-prefix", (char *)(uintptr_t)prefix,
			"--log-level", "lib.eal:error", NULL };

	if (rte_eal_init((int)RTE_DIM(eal) - 1, eal) >= 0)
		return 0;
	unit_test_remove_runtime_dir(prefix);
	return -1;
}

/*
 * The command line a test binary takes: `--list` prints the test names, one
 * name selects that test (*@only), none selects all.  @return -1 to go on and
 * run, or the exit status to return now: 0 after --list, 1 (and a failed TAP
 * plan) for a name that is no test of @tests.
 */
static inline int
unit_test_args(int argc, char **argv, const struct unit_test *tests, unsigned int n,
	       const char **only)
{
	unsigned int i;

	*only = argc > 1 ? argv[1] : NULL;
	if (*only != NULL && strcmp(*only, "--list") == 0) {
		for (i = 0; i < n; i++)
			if (!tests[i].setup)
				printf("%s\n", tests[i].name);
		return 0;
	}
	if (!unit_test_known(*only, tests, n)) {
		printf("1..1\nnot ok 1 - %s # no such test (--list names them)\n", *only);
		return 1;
	}
	return -1;
}

/*
 * Run @tests as TAP: every test, or only @only (set-up steps always run; when
 * one fails, every selected test after it is reported failed without running).
 * @return the number of tests that failed.
 */
static inline unsigned int
unit_test_run(const char *only, const struct unit_test *tests, unsigned int n)
{
	unsigned int i, failed = 0;
	bool setup_ok = true;

	printf("1..%u\n", n);
	for (i = 0; i < n; i++) {
		int ret;

		if (only != NULL && !tests[i].setup && strcmp(only, tests[i].name) != 0) {
			printf("ok %u - %s # SKIP not selected\n", i + 1, tests[i].name);
			continue;
		}
		if (!setup_ok) {
			printf("not ok %u - %s # set-up failed\n", i + 1, tests[i].name);
			failed++;
			continue;
		}
		ret = tests[i].fn != NULL ? tests[i].fn() : tests[i].fn_arg(tests[i].arg);
		if (ret == TEST_SKIPPED)
			printf("ok %u - %s # SKIP\n", i + 1, tests[i].name);
		else if (ret == TEST_SUCCESS)
			printf("ok %u - %s\n", i + 1, tests[i].name);
		else {
			printf("not ok %u - %s\n", i + 1, tests[i].name);
			failed++;
			setup_ok = !tests[i].setup;
		}
		fflush(stdout);
	}
	return failed;
}

/*
 * Run @tests as TAP under EAL (unit_test_args(), then unit_test_run()).  A name
 * that is no test, and an EAL that does not come up, are failures: nothing
 * was tested.  @return the exit status: 0 when nothing failed, else 1.
 */
static inline int
unit_test_main(int argc, char **argv, const struct unit_test *tests, unsigned int n)
{
	char prefix[64];
	const char *only;
	unsigned int failed;
	int ret = unit_test_args(argc, argv, tests, n, &only);

	if (ret >= 0)
		return ret;
	snprintf(prefix, sizeof(prefix), "skbtest%d", (int)getpid());
	if (unit_test_eal_init(argv[0], "0,1", "256", prefix) != 0) {
		printf("1..1\nnot ok 1 - EAL init: %s\n", rte_strerror(rte_errno));
		return 1;
	}
	failed = unit_test_run(only, tests, n);
	rte_eal_cleanup();
	unit_test_remove_runtime_dir(prefix);
	return failed ? 1 : 0;
}

/* The main() of a test binary: unit_test_main() over the table @tests. */
#define UNIT_TEST_MAIN(tests)                                                   \
int                                                                             \
main(int argc, char **argv)                                                     \
{                                                                               \
	return unit_test_main(argc, argv, tests, RTE_DIM(tests));               \
}

#endif
