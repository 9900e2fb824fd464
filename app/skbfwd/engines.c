/* SPDX-License-Identifier: BSD-3-Clause */
/* The engine table: one line per engine, looked up by --forward-mode. */

#include <string.h>

#include "fwd.h"

extern const struct fwd_engine io_engine;
extern const struct fwd_engine mac_engine;
extern const struct fwd_engine macswap_engine;
extern const struct fwd_engine l3fwd_engine;
extern const struct fwd_engine encap_engine;
extern const struct fwd_engine decap_engine;
extern const struct fwd_engine txonly_engine;
extern const struct fwd_engine rxonly_engine;
extern const struct fwd_engine csum_engine;
extern const struct fwd_engine icmpecho_engine;
extern const struct fwd_engine io_raw_engine;
extern const struct fwd_engine macswap_raw_engine;
extern const struct fwd_engine l3fwd_raw_engine;

const struct fwd_engine *const fwd_engines[] = {
	&io_engine,
	&mac_engine,
	&macswap_engine,
	&l3fwd_engine,
	&encap_engine,
	&decap_engine,
	&txonly_engine,
	&rxonly_engine,
	&csum_engine,
	&icmpecho_engine,
	&io_raw_engine,
	&macswap_raw_engine,
	&l3fwd_raw_engine,
	NULL,
};

const struct fwd_engine *
fwd_engine_find(const char *name)
{
	unsigned int i;

	for (i = 0; fwd_engines[i] != NULL; i++)
		if (strcmp(fwd_engines[i]->name, name) == 0)
			return fwd_engines[i];
	return NULL;
}
