/* SPDX-License-Identifier: BSD-3-Clause */
/* skbfwd's engines (engines.c): the table skbfwd (main.c) runs with. */
#ifndef _SKBFWD_ENGINES_H_
#define _SKBFWD_ENGINES_H_

#include "engine.h"

/** Every engine of skbfwd, NULL-terminated. */
extern const struct fwd_engine *const skbfwd_engines[];

#endif /* _SKBFWD_ENGINES_H_ */
