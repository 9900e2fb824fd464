/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * `set verbose N` (verbose.c): one line per frame received (N = 1), sent
 * (N = 2) or both (N >= 3) on the forwarding ports, as testpmd's verbose
 * mode.  The lines come from ethdev RX/TX callbacks, installed only while a
 * run is verbose: with verbose 0 no callback exists and the forwarding path
 * is exactly the one without this file.
 */
#ifndef _SKBFWD_VERBOSE_H_
#define _SKBFWD_VERBOSE_H_

#include <stddef.h>
#include <stdint.h>

struct rte_mbuf;

/**
 * Set the verbose level; while forwarding runs the callbacks change at once.
 * @return the previous level.
 */
unsigned int fwd_verbose_set(unsigned int level);

/** The verbose level. */
unsigned int fwd_verbose_level(void);

/**
 * Install the callbacks the level asks for on every queue of the ports in use
 * (RX queues: --rxq, TX queues: every one the plan uses); nothing at level 0.
 * Called when a run starts.
 */
void fwd_verbose_attach(void);

/**
 * Remove every callback installed.  A forwarding lcore may still be inside
 * one: their memory is kept until fwd_verbose_release().
 */
void fwd_verbose_detach(void);

/** Free the callbacks removed so far; only while no forwarding lcore runs. */
void fwd_verbose_release(void);

/**
 * Write the verbose line of frame @m, seen @dir ("received", "sent") on
 * @port/@queue, into @buf (NUL-terminated, cut at @size).  Reads the frame
 * only within its length, whatever it holds.
 * @return the length written (without the NUL).
 */
size_t fwd_verbose_line(char *buf, size_t size, const char *dir, uint16_t port,
			uint16_t queue, const struct rte_mbuf *m);

#endif /* _SKBFWD_VERBOSE_H_ */
