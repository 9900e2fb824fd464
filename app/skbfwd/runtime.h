/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The forwarding runtime: the ports skbfwd forwards on (ports.c), the streams
 * planned over them and the lcores that run the streams (runtime.c), and the
 * engine's set-up around a run.  Everything is planned from cfg (config.h)
 * and can be planned again between runs: fwd_streams_build() and
 * fwd_lcores_assign() start from scratch, fwd_engine_setup() and
 * fwd_engine_teardown() pair up, and none of them touches the ports' set-up.
 *
 * A run: fwd_ports_select(), fwd_streams_build(), fwd_lcores_assign(),
 * fwd_ports_setup() (once), fwd_engine_setup(), fwd_lcores_launch() ...
 * fwd_lcores_stop(), fwd_engine_teardown(), fwd_streams_free().
 */
#ifndef _SKBFWD_RUNTIME_H_
#define _SKBFWD_RUNTIME_H_

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include <rte_config.h>

#include "engine.h"

#define MAX_FWD_STREAMS 1024

/**
 * The first SIGINT or SIGTERM (its number, 0 before): set by the program's
 * signal handler.  Start-up steps that can take long (port set-up, the link
 * wait, reading files) stop early when it is set and return -EINTR.
 */
extern volatile sig_atomic_t skbfwd_quit;

/* ------------------------------------------------------------ ports.c */

/* Ports in use, in forwarding order. */
extern uint16_t fwd_ports[RTE_MAX_ETHPORTS];
extern uint16_t nb_fwd_ports;

/**
 * Forward on the @n ports @ports (in that order): fwd_ports[], and the
 * engines' view of each port (fwd_port_info[]: its MAC, its --eth-peer).
 */
void fwd_ports_use(const uint16_t *ports, unsigned int n);

/**
 * Forward on the ports of --portmask/--portlist (every available port without
 * them), the first --nb-ports of them (fwd_ports_use()).
 * @return 0; -ENODEV after printing why (no port, a port that is gone, fewer
 * ports than --nb-ports).
 */
int fwd_ports_select(void);

/**
 * True when GSO skbs may reach TX in the planned run: --gro, or an engine
 * that sends them (struct fwd_engine sends_gso).
 */
bool fwd_gso_wanted(void);

/**
 * Create the skb pools and set up and start every port in use with the
 * queues, descriptors and offloads the configuration and the engine ask for
 * (TSO too when fwd_gso_wanted()), then wait for the links.  Prints a line
 * for each kind of request of the options (offloads, RSS hash functions) a
 * port refused.  Once per process.
 * @return 0; -EINTR when skbfwd_quit was set meanwhile (nothing printed); a
 * negative errno after printing why (the caller closes the ports).
 */
int fwd_ports_setup(void);

/**
 * Empty the RX queues of the started ports in use (what arrived before
 * forwarding starts, as testpmd does unless --no-flush-rx): two rounds 10 ms
 * apart, at most twice a ring's worth per queue and round (some devices never
 * run dry).  @return the number of packets freed.
 */
unsigned int fwd_ports_flush_rx(void);

/** Free what net_ring ports still hold (sent, never read) before the leak audit; @return count. */
unsigned int fwd_ports_drain(void);

/* ---------------------------------------------------------- runtime.c */

/** The streams of one forwarding lcore. */
struct fwd_lcore {
	unsigned int lcore_id;
	unsigned int nb_streams;
	struct fwd_stream *streams[MAX_FWD_STREAMS];
};

extern struct fwd_stream fwd_streams[MAX_FWD_STREAMS];
extern unsigned int nb_fwd_streams;
extern struct fwd_lcore fwd_lcores[RTE_MAX_LCORE];
extern unsigned int nb_fwd_lcores;

/**
 * Plan the streams anew from the ports in use and the configuration: one per
 * RX queue of each port, sent to its peer port by --port-topology; the
 * counters start at zero (what an earlier plan allocated is freed).
 * @return 0; -EINVAL or -E2BIG after printing why.
 */
int fwd_streams_build(void);

/**
 * Give the streams to the forwarding lcores (--nb-cores of EAL's workers, or
 * of --coremask's lcores) and allocate what
 * the run records into (per-port TX counts of tx_any_port engines, burst
 * histograms).  An engine with tx_any_port needs a TX queue per lcore on
 * every port: cfg.nb_txq is raised to that (said on stdout), which only
 * ports set up afterwards get.
 * @return 0; -EINVAL after printing why; -ENOMEM.
 */
int fwd_lcores_assign(void);

/** Free what fwd_lcores_assign() allocated for the streams (their counters stay readable). */
void fwd_streams_free(void);

/**
 * The engine's set-up for a run: its setup(), then stream_init() of every
 * stream.  When a stream_init() fails, the streams set up so far get their
 * stream_fini() and the engine its teardown().
 * @return 0; a negative errno after printing why (-EINVAL: the engine printed it).
 */
int fwd_engine_setup(void);

/** stream_fini() of every stream, then the engine's teardown(); nothing when not set up. */
void fwd_engine_teardown(void);

/**
 * Start forwarding: empty the RX queues first unless --no-flush-rx
 * (fwd_ports_flush_rx(), reported when it freed anything), then start every
 * forwarding lcore on its streams.
 */
void fwd_lcores_launch(void);

/** Stop the forwarding lcores, wait for them, then call the engine's stream_stop() of each stream. */
void fwd_lcores_stop(void);

#endif /* _SKBFWD_RUNTIME_H_ */
