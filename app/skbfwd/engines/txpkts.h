/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * --txpkts, testpmd's tx_pkt_length, shared by the generators: txonly
 * (txonly.c, which parses it) sends frames of those segments, flowgen
 * one-segment frames of their sum less the 4 FCS bytes, as testpmd's do.
 */
#ifndef _SKBFWD_TXPKTS_H_
#define _SKBFWD_TXPKTS_H_

#include <stdint.h>

#include "engine.h"

/** The --txpkts option, which txonly and flowgen both accept. */
extern const struct fwd_options txpkts_options;

/** The frame length --txpkts gave (the sum of its segments), or 0 when it was not given. */
uint32_t txpkts_len(void);

#endif /* _SKBFWD_TXPKTS_H_ */
