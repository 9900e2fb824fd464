/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * skbfwd-bench: skbfwd (the same program, skbfwd_main()) with skbfwd's engines
 * and their raw-mbuf twins io-raw, macswap-raw and l3fwd-raw, which exist only
 * to measure what the skb layer costs (tests/perf/bench.py).  Built, never
 * installed.
 */

#include <stdlib.h>

#include <rte_common.h>
#include <rte_debug.h>

#include "engines.h"
#include "skbfwd.h"

extern const struct fwd_engine io_raw_engine;
extern const struct fwd_engine macswap_raw_engine;
extern const struct fwd_engine l3fwd_raw_engine;

static const struct fwd_engine *const bench_twins[] = {
	&io_raw_engine,
	&macswap_raw_engine,
	&l3fwd_raw_engine,
};

int
main(int argc, char **argv)
{
	static const struct fwd_engine *engines[64];
	unsigned int n = 0, i;

	for (i = 0; skbfwd_engines[i] != NULL; i++)
		;
	RTE_VERIFY(i + RTE_DIM(bench_twins) < RTE_DIM(engines));
	for (i = 0; skbfwd_engines[i] != NULL; i++)
		engines[n++] = skbfwd_engines[i];
	for (i = 0; i < RTE_DIM(bench_twins); i++)
		engines[n++] = bench_twins[i];
	engines[n] = NULL;
	return skbfwd_main(argc, argv, engines);
}
