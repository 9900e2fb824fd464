/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The program around the engines, shared by every binary built on skbfwd's
 * runtime: skbfwd itself (main.c, its engines) and skbfwd-bench (tests/perf,
 * the same engines and their raw-mbuf twins).
 */
#ifndef _SKBFWD_SKBFWD_H_
#define _SKBFWD_SKBFWD_H_

#include "engine.h"

/**
 * Run skbfwd: EAL init from @argc/@argv, skbfwd's options (after "--") with
 * --forward-mode choosing from @engines (NULL-terminated), the ports, the
 * forwarding run until --duration or a signal, the final statistics and the
 * leak audit.
 * @return EXIT_SUCCESS; EXIT_FAILURE after printing why (bad option, set-up
 * failure, or mbufs still in use at exit).
 */
int skbfwd_main(int argc, char **argv, const struct fwd_engine *const *engines);

#endif /* _SKBFWD_SKBFWD_H_ */
