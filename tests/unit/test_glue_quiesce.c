/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * drivers-glue's grace periods (quiesce.h): lcore 1 is a polling reader that
 * reports quiescent states only when the test lets it.  munmap() called on the
 * EAL interrupt thread (from an alarm callback, where net_memif's disconnect
 * runs) must not return before the reader reported, must return at once when
 * no reader is online, and munmap() on any other thread never waits.  A
 * reader that never reports holds glue_poll_grace() for GLUE_POLL_GRACE_MS,
 * then it gives up with -ETIMEDOUT.
 */

#include <errno.h>
#include <sys/mman.h>

#include <rte_alarm.h>
#include <rte_cycles.h>
#include <rte_interrupts.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_pause.h>

#include "quiesce.h"
#include "test.h"

#define READER_LCORE 1
#define HELD_MS 100      /* how long the test keeps a reader from reporting */

enum reader_phase { HOLD, REPORT, LEAVE };

static volatile enum reader_phase phase;
static volatile bool reader_online;

/* Lcore 1: online; no quiescent state while HOLD, one each turn while REPORT. */
static int
reader(void *arg __rte_unused)
{
	unsigned int id = rte_lcore_id();

	glue_poll_online();
	reader_online = true;
	while (phase == HOLD)
		rte_pause();
	while (phase == REPORT) {
		glue_poll_quiescent(id);
		rte_pause();
	}
	glue_poll_offline();
	reader_online = false;
	return 0;
}

static int
reader_start(void)
{
	uint64_t end = rte_get_timer_cycles() + rte_get_timer_hz();

	phase = HOLD;
	reader_online = false;
	if (rte_eal_remote_launch(reader, NULL, READER_LCORE) != 0)
		return -1;
	while (!reader_online && rte_get_timer_cycles() < end)
		rte_pause();
	return reader_online ? 0 : -1;
}

static int
reader_stop(void)
{
	phase = LEAVE;
	return rte_eal_wait_lcore(READER_LCORE);
}

/* What the alarm callback (the interrupt thread) did. */
struct unmap_call {
	void *addr;
	volatile bool done;
	int rc;
	int on_intr;  /* rte_thread_is_intr() there */
};

static void
unmap_on_intr(void *arg)
{
	struct unmap_call *c = arg;

	c->on_intr = rte_thread_is_intr();
	c->rc = munmap(c->addr, 4096);
	c->done = true;
}

static void *
page_map(void)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* True when @addr is no longer mapped (msync() says ENOMEM). */
static bool
page_gone(void *addr)
{
	return msync(addr, 4096, MS_ASYNC) == -1 && errno == ENOMEM;
}

/* Wait up to @ms for @c->done. */
static bool
wait_done(struct unmap_call *c, unsigned int ms)
{
	uint64_t end = rte_get_timer_cycles() + rte_get_timer_hz() / 1000 * ms;

	while (!c->done && rte_get_timer_cycles() < end)
		rte_delay_us_sleep(1000);
	return c->done;
}

/* @c's munmap() ran on the interrupt thread within @ms, returned 0, and the page went. */
static int
unmap_call_finished(struct unmap_call *c, unsigned int ms)
{
	TEST_ASSERT(wait_done(c, ms), "munmap() on the interrupt thread did not return in %u ms", ms);
	TEST_ASSERT_EQ(c->on_intr, 1);
	TEST_ASSERT_EQ(c->rc, 0);
	TEST_ASSERT(page_gone(c->addr), "the page is still mapped");
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

/* No reader online: a grace period is over at once. */
static int
test_grace_no_reader(void)
{
	TEST_ASSERT_EQ(glue_poll_grace(), 0);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

/* The interrupt thread's munmap() waits for the reader's report, then unmaps. */
static int
test_intr_munmap_waits_for_reader(void)
{
	/* static: the callback may still run after a failed test returned */
	static struct unmap_call c;
	bool held;

	c = (struct unmap_call){ .addr = page_map() };
	if (!GLUE_POLL_GUARDS_MUNMAP) {
		printf("# ASan build: munmap() is ASan's\n");
		if (c.addr != NULL)
			munmap(c.addr, 4096);
		return TEST_SKIPPED;
	}
	TEST_ASSERT(c.addr != NULL, "mmap: %s", strerror(errno));
	TEST_ASSERT_EQ(reader_start(), 0);
	TEST_ASSERT_EQ(rte_eal_alarm_set(1000, unmap_on_intr, &c), 0);
	rte_delay_us_sleep(HELD_MS * 1000);
	held = !c.done && !page_gone(c.addr);
	phase = REPORT;
	TEST_ASSERT_EQ(unmap_call_finished(&c, 5000), TEST_SUCCESS);
	TEST_ASSERT(held, "munmap() returned while the reader was inside its round");
	TEST_ASSERT_EQ(reader_stop(), 0);
	return TEST_SUCCESS;
fail:
	reader_stop();
	return TEST_FAILED;
}

/* A reader gone offline holds nothing: the interrupt thread unmaps at once. */
static int
test_intr_munmap_offline_reader(void)
{
	/* static: the callback may still run after a failed test returned */
	static struct unmap_call c;

	c = (struct unmap_call){ .addr = page_map() };
	TEST_ASSERT(c.addr != NULL, "mmap: %s", strerror(errno));
	TEST_ASSERT_EQ(reader_start(), 0);
	TEST_ASSERT_EQ(reader_stop(), 0);
	TEST_ASSERT_EQ(rte_eal_alarm_set(1000, unmap_on_intr, &c), 0);
	/* were the offline reader waited for, this would take GLUE_POLL_GRACE_MS */
	TEST_ASSERT_EQ(unmap_call_finished(&c, HELD_MS), TEST_SUCCESS);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

/* munmap() on a thread other than the interrupt thread never waits. */
static int
test_munmap_elsewhere_does_not_wait(void)
{
	void *p = page_map();

	TEST_ASSERT(p != NULL, "mmap: %s", strerror(errno));
	TEST_ASSERT_EQ(reader_start(), 0);
	/* the reader holds: were this a grace period, it would not return */
	TEST_ASSERT_EQ(munmap(p, 4096), 0);
	TEST_ASSERT(page_gone(p), "the page is still mapped");
	TEST_ASSERT_EQ(reader_stop(), 0);
	return TEST_SUCCESS;
fail:
	reader_stop();
	return TEST_FAILED;
}

/* A reader that never reports: the grace period gives up after GLUE_POLL_GRACE_MS. */
static int
test_grace_gives_up(void)
{
	uint64_t hz = rte_get_timer_hz(), t0;
	double ms;
	int ret;

	TEST_ASSERT_EQ(reader_start(), 0);
	t0 = rte_get_timer_cycles();
	ret = glue_poll_grace();
	ms = (double)(rte_get_timer_cycles() - t0) * 1000.0 / (double)hz;
	TEST_ASSERT_EQ(ret, -ETIMEDOUT);
	TEST_ASSERT(ms >= GLUE_POLL_GRACE_MS, "gave up after %.1f ms", ms);
	/* and once the reader reports, the next one is over */
	phase = REPORT;
	TEST_ASSERT_EQ(glue_poll_grace(), 0);
	TEST_ASSERT_EQ(reader_stop(), 0);
	return TEST_SUCCESS;
fail:
	reader_stop();
	return TEST_FAILED;
}

static const struct unit_test tests[] = {
	UNIT_TEST(test_grace_no_reader),
	UNIT_TEST(test_intr_munmap_waits_for_reader),
	UNIT_TEST(test_intr_munmap_offline_reader),
	UNIT_TEST(test_munmap_elsewhere_does_not_wait),
	UNIT_TEST(test_grace_gives_up),
};

UNIT_TEST_MAIN(tests)
