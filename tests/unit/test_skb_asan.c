/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ASan build's poisoning of mbuf data (-Dsanitize=true): each faulty
 * scenario makes one bad access and must die with an ASan report naming it;
 * each control makes the same access legally and must exit 0.
 *
 * Without arguments this is a TAP test: it runs every scenario as a child
 * (itself, with the scenario's name and an EAL file prefix of its own) and
 * checks the child's exit status, its ASan report and its output.
 * `test_skb_asan NAME PREFIX` runs one scenario.
 *
 * ASan poisons in 8-byte granules: a head can be poisoned only up to the data
 * start rounded down to 8, so the head scenarios keep the data 8-aligned.
 */

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>

#include <sanitizer/asan_interface.h>

#include <rte_errno.h>

#include "test_chain.h"
#include "test_pool.h"

/* Exit status an ASan report gives the children (their ASAN_OPTIONS set exitcode). */
#define ASAN_EXIT 66
#define OUT_MAX 65536

static struct rte_mempool *mp;
static volatile uint8_t sink;

/* ---------------------------------------------------------------- faulty: each dies in ASan */

/* One byte past the tail: skb->data[skb->len]. */
static __rte_noinline int
asan_tail_read(struct sk_buff *skb)
{
	sink = skb_data(skb)[skb_len(skb)];
	return 0;
}

/* A write into the headroom just below the data, without skb_push(). */
static __rte_noinline int
asan_head_write(struct sk_buff *skb)
{
	((volatile uint8_t *)skb_data(skb))[-1] = 0xee;
	return 0;
}

/* The first byte skb_trim() cut off: tailroom again. */
static __rte_noinline int
asan_trim_read(struct sk_buff *skb)
{
	skb_trim(skb, 10);
	sink = skb_data(skb)[10];
	return 0;
}

/* The data of an skb kfree_skb() gave back to the pool. */
static __rte_noinline int
asan_free_read(struct sk_buff *skb)
{
	uint8_t *data = skb_data(skb);

	kfree_skb(skb);
	sink = data[0];
	return 0;
}

/* The last byte skb_pull() took off the front (no header offset keeps it). */
static __rte_noinline int
asan_pull_read(struct sk_buff *skb)
{
	TEST_ASSERT(skb_pull(skb, 8) != NULL, "pull");
	sink = skb_data(skb)[-1];
	return 0;
fail:
	return TEST_FAILED;
}

/* ---------------------------------------------------------------- controls: exit 0 */

/* The byte after the tail once skb_put() made it data. */
static __rte_noinline int
ctl_tail_put(struct sk_buff *skb)
{
	uint8_t *p = skb_put(skb, 1);

	TEST_ASSERT(p == skb_data(skb) + 32, "put");
	*p = 0x5a;
	TEST_ASSERT_EQ(skb_data(skb)[32], 0x5a);
	return 0;
fail:
	return TEST_FAILED;
}

/* The byte below the data once skb_push() made it data. */
static __rte_noinline int
ctl_head_push(struct sk_buff *skb)
{
	uint8_t *p = skb_push(skb, 1);

	TEST_ASSERT(p != NULL, "push");
	*p = 0xee;
	TEST_ASSERT_EQ(skb_data(skb)[0], 0xee);
	TEST_ASSERT_EQ(skb_data(skb)[1], pat(0));
	return 0;
fail:
	return TEST_FAILED;
}

/* skb_trim() then skb_put() of the same byte: data again, its old value kept. */
static __rte_noinline int
ctl_trim_put(struct sk_buff *skb)
{
	skb_trim(skb, 10);
	TEST_ASSERT(skb_put(skb, 1) != NULL, "put");
	TEST_ASSERT_EQ(skb_data(skb)[10], pat(10));
	return 0;
fail:
	return TEST_FAILED;
}

/* Every data byte read before kfree_skb(). */
static __rte_noinline int
ctl_free_read(struct sk_buff *skb)
{
	TEST_ASSERT(is_pat(skb_data(skb), 0, 32), "data");
	return 0;
fail:
	return TEST_FAILED;
}

/* After skb_reset_mac_header() and skb_pull(), eth_hdr() still reads the pulled header. */
static __rte_noinline int
ctl_pull_mac(struct sk_buff *skb)
{
	skb_reset_mac_header(skb);
	TEST_ASSERT(skb_pull(skb, 8) != NULL, "pull");
	TEST_ASSERT_EQ(((uint8_t *)eth_hdr(skb))[7], pat(7));
	TEST_ASSERT_EQ(skb_data(skb)[-1], pat(7));
	return 0;
fail:
	return TEST_FAILED;
}

/* A clone reads the bytes its original pulled and trimmed: a shared buffer is never poisoned. */
static __rte_noinline int
ctl_clone_shared(struct sk_buff *skb)
{
	struct sk_buff *c = skb_clone(skb);
	int ret = TEST_FAILED;

	TEST_ASSERT(c != NULL, "clone");
	TEST_ASSERT(skb_pull(skb, 8) != NULL, "pull");
	skb_trim(skb, 8);
	TEST_ASSERT(is_pat(skb_data(c), 0, 32), "clone data");
	ret = 0;
fail:
	kfree_skb(c);
	return ret;
}

/* skb_copy() and pskb_expand_head() copy the headroom: no report, the data follows. */
static __rte_noinline int
ctl_copy_expand(struct sk_buff *skb)
{
	struct sk_buff *n = skb_copy(skb);
	int ret = TEST_FAILED;

	TEST_ASSERT(n != NULL, "copy");
	TEST_ASSERT(is_pat(skb_data(n), 0, 32), "copy data");
	TEST_ASSERT_EQ(pskb_expand_head(skb, 64, 0), 0);
	TEST_ASSERT_EQ(skb_headroom(skb), 128);
	TEST_ASSERT(is_pat(skb_data(skb), 0, 32), "expanded data");
	ret = 0;
fail:
	kfree_skb(n);
	return ret;
}

struct poison_count {
	const struct sk_buff *live;
	unsigned int poisoned;
};

/* Count the free objects whose whole data room is poisoned (first, middle and last byte). */
static void
count_poisoned(struct rte_mempool *pool, void *arg, void *obj, unsigned int idx)
{
	struct poison_count *pc = arg;
	const char *buf = (const char *)obj + sizeof(struct rte_mbuf) + rte_pktmbuf_priv_size(pool);
	size_t room = rte_pktmbuf_data_room_size(pool);

	RTE_SET_USED(idx);
	if (obj == pc->live)
		return;
	if (__asan_address_is_poisoned(buf) && __asan_address_is_poisoned(buf + room / 2) &&
	    __asan_address_is_poisoned(buf + room - 1))
		pc->poisoned++;
}

/* Every buffer the pool holds is poisoned, from the populate on: 63 of 64 (one is live). */
static __rte_noinline int
ctl_pool_poisoned(struct sk_buff *skb)
{
	struct poison_count pc = { .live = skb, .poisoned = 0 };

	rte_mempool_obj_iter(mp, count_poisoned, &pc);
	TEST_ASSERT_EQ(pc.poisoned, 63);
	TEST_ASSERT_EQ(rte_mempool_avail_count(mp), 63);
	TEST_ASSERT(is_pat(skb_data(skb), 0, 32), "live data");
	return 0;
fail:
	return TEST_FAILED;
}

struct scenario {
	const char *name;
	int (*fn)(struct sk_buff *skb);
	unsigned int room;  /* headroom of the skb it gets */
	const char *report; /* ASan's access line; NULL for a control */
};

static const struct scenario scenarios[] = {
	{ "asan_tail_read", asan_tail_read, 64, "READ of size 1" },
	{ "asan_head_write", asan_head_write, 64, "WRITE of size 1" },
	{ "asan_trim_read", asan_trim_read, 64, "READ of size 1" },
	{ "asan_free_read", asan_free_read, 64, "READ of size 1" },
	{ "asan_pull_read", asan_pull_read, 64, "READ of size 1" },
	{ "ctl_tail_put", ctl_tail_put, 64, NULL },
	{ "ctl_head_push", ctl_head_push, 64, NULL },
	{ "ctl_trim_put", ctl_trim_put, 64, NULL },
	{ "ctl_free_read", ctl_free_read, 64, NULL },
	{ "ctl_pull_mac", ctl_pull_mac, 64, NULL },
	{ "ctl_clone_shared", ctl_clone_shared, 64, NULL },
	{ "ctl_copy_expand", ctl_copy_expand, 64, NULL },
	{ "ctl_pool_poisoned", ctl_pool_poisoned, 64, NULL },
};

/* Child: EAL, a cache-less pool, the scenario, then the pool must be empty. */
static int
run_scenario(const struct scenario *sc, char *argv0, char *prefix)
{
	struct sk_buff *skb;
	int ret;

	if (unit_test_eal_init(argv0, "0", "128", prefix) != 0) {
		printf("EAL init failed: %s\n", rte_strerror(rte_errno));
		return 2;
	}
	mp = test_pool("asan_pool", 64, TROOM);
	if (mp == NULL) {
		printf("pool: %s\n", rte_strerror(rte_errno));
		return 2;
	}
	skb = make_chain(mp, sc->room, (const unsigned int[]){ 32 }, 1);
	if (skb == NULL) {
		printf("alloc failed\n");
		return 2;
	}
	ret = sc->fn(skb);
	if (sc->fn != asan_free_read)
		kfree_skb(skb);
	if (ret != 0)
		return 1;
	printf("%s: done, in use %u\n", sc->name, rte_mempool_in_use_count(mp));
	fflush(stdout);
	if (rte_mempool_in_use_count(mp) != 0)
		return 1;
	rte_mempool_free(mp);
	rte_eal_cleanup();
	return 0;
}

/* Read all of @fd into @buf (NUL-terminated, cut at OUT_MAX). */
static void
read_all(int fd, char *buf)
{
	size_t len = 0;
	ssize_t n;

	while (len < OUT_MAX - 1 && (n = read(fd, buf + len, OUT_MAX - 1 - len)) > 0)
		len += (size_t)n;
	buf[len] = '\0';
}

/*
 * Parent: run @sc in a child with stdout and stderr in files, wait for it.
 * @return its wait status, or -1 when it could not be run.
 */
static int
spawn(const struct scenario *sc, char *self, char *out, char *err)
{
	char prefix[64], outf[96], errf[96];
	int status = -1, fo, fe;
	pid_t pid;

	snprintf(prefix, sizeof(prefix), "skbasan%d_%s", (int)getpid(), sc->name);
	snprintf(outf, sizeof(outf), "/tmp/%s.out", prefix);
	snprintf(errf, sizeof(errf), "/tmp/%s.err", prefix);
	fo = open(outf, O_RDWR | O_CREAT | O_TRUNC, 0600);
	fe = open(errf, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fo < 0 || fe < 0)
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		char *args[] = { self, (char *)(uintptr_t)sc->name, prefix, NULL };

		dup2(fo, 1);
		dup2(fe, 2);
		/* an exact status for a report, and function names in its stack */
		setenv("ASAN_OPTIONS", "detect_leaks=0:abort_on_error=0:exitcode=66:symbolize=1", 1);
		execv(self, args);
		_exit(127);
	}
	if (pid > 0)
		waitpid(pid, &status, 0);
	lseek(fo, 0, SEEK_SET);
	lseek(fe, 0, SEEK_SET);
	read_all(fo, out);
	read_all(fe, err);
	close(fo);
	close(fe);
	unlink(outf);
	unlink(errf);
	/* a child killed by ASan leaves its EAL runtime directory behind */
	unit_test_remove_runtime_dir(prefix);
	return pid > 0 ? status : -1;
}

/* Print @text as TAP comments (at most 20 lines). */
static void
diag(const char *what, const char *text)
{
	const char *p = text;
	int lines = 0;

	printf("# %s:\n", what);
	while (*p != '\0' && lines++ < 20) {
		const char *nl = strchr(p, '\n');
		int len = nl != NULL ? (int)(nl - p) : (int)strlen(p);

		printf("#   %.*s\n", len, p);
		p += len + (nl != NULL);
	}
}

/* One scenario's verdict: its exact status, the report or the line it must print. */
static int
check(const struct scenario *sc, char *self)
{
	static char out[OUT_MAX], err[OUT_MAX];
	char want[128];
	int status = spawn(sc, self, out, err);

	TEST_ASSERT(status != -1, "could not run %s", sc->name);
	if (sc->report != NULL) {
		char frame[96];
		const char *f, *next;

		TEST_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == ASAN_EXIT,
			    "%s: status 0x%x, want exit %d", sc->name, status, ASAN_EXIT);
		TEST_ASSERT(strstr(err, "ERROR: AddressSanitizer: use-after-poison") != NULL,
			    "%s: no use-after-poison report", sc->name);
		TEST_ASSERT(strstr(err, sc->report) != NULL, "%s: not \"%s\"", sc->name,
			    sc->report);
		/* frame #0 is the scenario itself: the bad access is its own */
		snprintf(frame, sizeof(frame), " in %s ", sc->name);
		f = strstr(err, frame);
		next = strstr(err, "    #1 ");
		TEST_ASSERT(f != NULL && (next == NULL || f < next),
			    "%s: frame #0 is not the scenario", sc->name);
		snprintf(want, sizeof(want), "%s: done", sc->name);
		TEST_ASSERT(strstr(out, want) == NULL, "%s: went on after the access", sc->name);
	} else {
		TEST_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0,
			    "%s: status 0x%x, want exit 0", sc->name, status);
		snprintf(want, sizeof(want), "%s: done, in use 0\n", sc->name);
		TEST_ASSERT(strstr(out, want) != NULL, "%s: no \"%s\" line", sc->name, sc->name);
		TEST_ASSERT(strstr(err, "AddressSanitizer") == NULL, "%s: report", sc->name);
	}
	return TEST_SUCCESS;
fail:
	diag("stdout", out);
	diag("stderr", err);
	return TEST_FAILED;
}

/* The path of this binary, which check() runs each scenario from. */
static char self[4096];

static int
check_scenario(const void *arg)
{
	return check(arg, self);
}

/* `test_skb_asan NAME PREFIX`: one scenario; else the harness's command line (tests/lib/test.h) */
int
main(int argc, char **argv)
{
	struct unit_test tests[RTE_DIM(scenarios)];
	const char *only;
	unsigned int i;
	ssize_t n;
	int ret;

	if (argc >= 3) {
		for (i = 0; i < RTE_DIM(scenarios); i++)
			if (strcmp(argv[1], scenarios[i].name) == 0)
				return run_scenario(&scenarios[i], argv[0], argv[2]);
		printf("unknown scenario %s\n", argv[1]);
		return 2;
	}
	for (i = 0; i < RTE_DIM(scenarios); i++)
		tests[i] = (struct unit_test){ .name = scenarios[i].name,
					       .fn_arg = check_scenario, .arg = &scenarios[i] };
	ret = unit_test_args(argc, argv, tests, RTE_DIM(tests), &only);
	if (ret >= 0)
		return ret;
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n < 0) {
		printf("1..1\nnot ok 1 - cannot find /proc/self/exe: %s\n", strerror(errno));
		return 1;
	}
	self[n] = '\0';
	return unit_test_run(only, tests, RTE_DIM(tests)) == 0 ? 0 : 1;
}
