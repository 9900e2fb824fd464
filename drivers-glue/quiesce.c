/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Grace periods for the lcores that poll ports (quiesce.h): the QSBR variable
 * and the munmap() that waits for it on the EAL interrupt thread.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_interrupts.h>
#include <rte_pause.h>

#include "quiesce.h"

/* rte_rcu_qsbr_get_memsize(RTE_MAX_LCORE), known at build time */
#define GLUE_QSBR_SIZE (sizeof(struct rte_rcu_qsbr) +                          \
			sizeof(struct rte_rcu_qsbr_cnt) * RTE_MAX_LCORE +       \
			__RTE_QSBR_THRID_ARRAY_SIZE(RTE_MAX_LCORE))

static union {
	struct rte_rcu_qsbr v;
	uint8_t mem[GLUE_QSBR_SIZE];
} glue_qsbr_mem __rte_cache_aligned;

struct rte_rcu_qsbr *const glue_poll_qsbr = &glue_qsbr_mem.v;

/* Before main(): the variable needs no EAL, and readers may come at any time. */
RTE_INIT(glue_poll_init)
{
	RTE_BUILD_BUG_ON(sizeof(glue_qsbr_mem) < GLUE_QSBR_SIZE);
	if (rte_rcu_qsbr_get_memsize(RTE_MAX_LCORE) > sizeof(glue_qsbr_mem) ||
	    rte_rcu_qsbr_init(glue_poll_qsbr, RTE_MAX_LCORE) != 0)
		rte_panic("drivers-glue: the lcores' QSBR variable cannot be set up\n");
}

void
glue_poll_online(void)
{
	unsigned int id = rte_lcore_id();

	if (id >= RTE_MAX_LCORE)
		return;
	/* registering twice is harmless: the bit is set already */
	rte_rcu_qsbr_thread_register(glue_poll_qsbr, id);
	rte_rcu_qsbr_thread_online(glue_poll_qsbr, id);
}

void
glue_poll_offline(void)
{
	unsigned int id = rte_lcore_id();

	if (id < RTE_MAX_LCORE)
		rte_rcu_qsbr_thread_offline(glue_poll_qsbr, id);
}

int
glue_poll_grace(void)
{
	uint64_t hz = rte_get_timer_hz();
	uint64_t token = rte_rcu_qsbr_start(glue_poll_qsbr);
	uint64_t end;

	/* before rte_eal_init() there is no timer, and no reader either */
	if (hz == 0)
		hz = 1000000000;
	end = rte_get_timer_cycles() + hz / 1000 * GLUE_POLL_GRACE_MS;
	while (rte_rcu_qsbr_check(glue_poll_qsbr, token, false) == 0) {
		if (rte_get_timer_cycles() > end) {
			fprintf(stderr, "skbfwd: a polling lcore did not pass a quiescent state in %u ms; unmapping anyway\n",
				GLUE_POLL_GRACE_MS);
			return -ETIMEDOUT;
		}
		rte_pause();
	}
	return 0;
}

/*
 * munmap() for the whole process: the drivers' calls reach this one before
 * libc's (an executable's symbols come first in the dynamic lookup).  From
 * the EAL interrupt thread it waits out the readers' bursts first; then the
 * system call, as libc's munmap() makes it.  Not in ASan builds
 * (GLUE_POLL_GUARDS_MUNMAP).
 */
#if GLUE_POLL_GUARDS_MUNMAP
int
munmap(void *addr, size_t len)
{
	if (rte_thread_is_intr())
		glue_poll_grace();
	return (int)syscall(SYS_munmap, addr, len);
}
#endif
