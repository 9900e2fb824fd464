/* SPDX-License-Identifier: BSD-3-Clause */
/* skbfwd's engine table: one line per engine, looked up by --forward-mode. */

#include <stddef.h>

#include "engines.h"

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
extern const struct fwd_engine fivetswap_engine;
extern const struct fwd_engine flowgen_engine;
extern const struct fwd_engine noisy_engine;
extern const struct fwd_engine ieee1588_engine;
extern const struct fwd_engine vlan_engine;
extern const struct fwd_engine rfc2544_engine;

const struct fwd_engine *const skbfwd_engines[] = {
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
	&fivetswap_engine,
	&flowgen_engine,
	&noisy_engine,
	&ieee1588_engine,
	&vlan_engine,
	&rfc2544_engine,
	NULL,
};
