/* SPDX-License-Identifier: BSD-3-Clause */
/* skbfwd's telemetry commands /skbfwd/{engine,stats,ports} (telemetry.c). */
#ifndef _SKBFWD_TELEMETRY_H_
#define _SKBFWD_TELEMETRY_H_

/** Register the commands (before or after EAL init).  @return 0 or a negative errno. */
int skbfwd_telemetry_init(void);

/**
 * Stop answering counter commands (they answer -ENODEV after): call it before
 * the exit path frees per-stream state.
 */
void skbfwd_telemetry_close(void);

#endif /* _SKBFWD_TELEMETRY_H_ */
