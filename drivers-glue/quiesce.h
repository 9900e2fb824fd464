/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * drivers-glue: grace periods for the lcores that poll ports.
 *
 * DPDK 22.11's net_memif unmaps a connection's rings from the EAL interrupt
 * thread when the peer leaves.  It clears its "connected" flag first, but does
 * not wait for a burst that already passed that check: an lcore descheduled
 * inside rte_eth_rx_burst() or rte_eth_tx_burst() faults on the unmapped ring
 * when it runs again.  skbfwd closes that window.  Each lcore that polls ports
 * is an rte_rcu QSBR reader: online while it polls, reporting a quiescent
 * state between rounds of bursts.  munmap() called from the interrupt thread
 * first waits until every reader online has reported one, so a burst that
 * started before the flag was cleared has ended and every later one returns at
 * once.  The wait is at most GLUE_POLL_GRACE_MS; past it the unmap goes ahead
 * with a warning (a reader stuck that long is a bug of its own, and the wait
 * must never become a deadlock).
 *
 * The thread id of a reader is its lcore id.  Calls from a thread that is not
 * an EAL lcore do nothing.
 */
#ifndef _GLUE_QUIESCE_H_
#define _GLUE_QUIESCE_H_

#include <rte_lcore.h>
#include <rte_rcu_qsbr.h>

/*
 * 1 when this build's munmap() is drivers-glue's (quiesce.c); 0 in ASan
 * builds, whose runtime brings its own munmap() (the window stays open there).
 */
#if defined(__SANITIZE_ADDRESS__)
#define GLUE_POLL_GUARDS_MUNMAP 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GLUE_POLL_GUARDS_MUNMAP 0
#endif
#endif
#ifndef GLUE_POLL_GUARDS_MUNMAP
#define GLUE_POLL_GUARDS_MUNMAP 1
#endif

/** Longest wait of the interrupt thread's munmap() for the readers. */
#define GLUE_POLL_GRACE_MS 1000

/** The readers' QSBR variable (one slot per lcore id); never NULL. */
extern struct rte_rcu_qsbr *const glue_poll_qsbr;

/**
 * The calling lcore polls ports from now on: it registers (once) and goes
 * online.  It must call glue_poll_quiescent() between rounds of bursts and
 * glue_poll_offline() when it stops polling.  Does nothing on a thread that is
 * not an EAL lcore.
 */
void glue_poll_online(void);

/** The calling lcore polls no port until its next glue_poll_online(). */
void glue_poll_offline(void);

/**
 * Report that lcore @lcore_id (rte_lcore_id() of the caller) is between
 * bursts: it holds no pointer into a driver's rings.  Two loads and, when a
 * grace period is waiting, one store.
 */
static inline void
glue_poll_quiescent(unsigned int lcore_id)
{
	rte_rcu_qsbr_quiescent(glue_poll_qsbr, lcore_id);
}

/**
 * Wait until every online reader has reported a quiescent state begun after
 * this call, at most GLUE_POLL_GRACE_MS (the interrupt thread's munmap() does
 * this; exposed for tests).
 * @return 0, or -ETIMEDOUT when a reader did not report in time.
 */
int glue_poll_grace(void);

#endif /* _GLUE_QUIESCE_H_ */
