/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Pacing of the generators (txonly --tx-rate, rfc2544's trials): a token
 * bucket on the TSC.  Frame k of a stream is due at start + k x (cycles per
 * frame); each burst sends the frames already due, at most a burst, so the
 * rate holds over any window while the lcore keeps up, and a late lcore sends
 * what it owes in full bursts until it caught up.  It owes at most
 * FWD_PACE_CATCH_UP_US of frames (or one burst, when that is longer): a
 * longer stall (the lcore descheduled) is not made up by a flood, it lowers
 * the achieved rate, which fwd_pace_rate() reports.  So the mean rate over
 * any 100 ms window is within 1 % of the one asked while the lcore makes the
 * rate when it runs: a lcore of its own is late by microseconds, and one
 * that shares its core with other work keeps the rate through the
 * scheduler's time slices (tens of milliseconds) in bursts.
 */
#ifndef _SKBFWD_PACE_H_
#define _SKBFWD_PACE_H_

#include <stdint.h>

#include <rte_common.h>

#define FWD_PACE_CATCH_UP_US 100000

/** One paced stream; zeroed by fwd_pace_start(). */
struct fwd_pace {
	double cycles_per_frame;     /* TSC cycles between frames */
	double next;                 /* TSC at which the next frame is due, 0: not started */
	double depth;                /* credit kept at most, in cycles */
	uint64_t first_tsc;          /* first frame sent */
	uint64_t last_tsc;           /* last burst sent */
	uint64_t frames;             /* frames given out */
};

/**
 * Pace @p at @pps frames per second of a TSC of @hz, @burst frames at most
 * at once.  The schedule starts at the first fwd_pace_due().
 */
static inline void
fwd_pace_start(struct fwd_pace *p, double pps, uint64_t hz, unsigned int burst)
{
	p->cycles_per_frame = (double)hz / pps;
	p->next = 0;
	p->depth = RTE_MAX(p->cycles_per_frame * (double)burst,
			   (double)hz * FWD_PACE_CATCH_UP_US / 1e6);
	p->first_tsc = p->last_tsc = 0;
	p->frames = 0;
}

/**
 * The frames due at TSC @now, at most @max.  Call fwd_pace_sent() with the
 * frames actually made.
 */
static inline unsigned int
fwd_pace_due(struct fwd_pace *p, uint64_t now, unsigned int max)
{
	double t = (double)now, owed;

	if (unlikely(p->next == 0))
		p->next = t;
	if (t < p->next)
		return 0;
	owed = t - p->next;
	if (owed > p->depth) {       /* a stall: forget what is beyond the credit */
		p->next = t - p->depth;
		owed = p->depth;
	}
	return (unsigned int)RTE_MIN(owed / p->cycles_per_frame + 1.0, (double)max);
}

/** @n frames of the due ones were made at TSC @now: the schedule moves on. */
static inline void
fwd_pace_sent(struct fwd_pace *p, uint64_t now, unsigned int n)
{
	if (n == 0)
		return;
	if (p->frames == 0)
		p->first_tsc = now;
	p->last_tsc = now;
	p->frames += n;
	p->next += p->cycles_per_frame * (double)n;
}

/**
 * The rate @p achieved, frames per second: the frames over the time from the
 * first to the last burst, plus one frame's interval (0 before any frame).
 */
static inline double
fwd_pace_rate(const struct fwd_pace *p, uint64_t hz)
{
	double cycles = (double)(p->last_tsc - p->first_tsc) + p->cycles_per_frame;

	return p->frames == 0 ? 0.0 : (double)p->frames * (double)hz / cycles;
}

#endif /* _SKBFWD_PACE_H_ */
