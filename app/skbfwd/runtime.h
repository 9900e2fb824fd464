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
 * fwd_ports_setup() (once), fwd_engine_setup(), fwd_rx_flush(),
 * fwd_lcores_launch() ... fwd_lcores_stop(), fwd_engine_teardown(),
 * fwd_streams_free().  control.h strings these together for each start and
 * stop of forwarding; between runs fwd_ports_apply() sets up again only the
 * ports whose set-up the configuration changed, and the pools stay.
 *
 * Other threads (telemetry) read the streams and ports under fwd_plan_lock();
 * the main lcore takes it while it plans anew or changes a port.
 */
#ifndef _SKBFWD_RUNTIME_H_
#define _SKBFWD_RUNTIME_H_

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include <rte_config.h>
#include <rte_spinlock.h>

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
 * The ports skbfwd would forward on: those of --portmask/--portlist (every
 * available port without them), the first --nb-ports of them, into @ports
 * (RTE_MAX_ETHPORTS entries), their number in *@n.  Nothing else changes.
 * @return 0; -ENODEV (no port, a port that is gone, fewer ports than
 * --nb-ports), after printing why unless @quiet.
 */
int fwd_ports_pick(uint16_t *ports, unsigned int *n, bool quiet);

/**
 * Forward on the ports fwd_ports_pick() picks (fwd_ports_use()).
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

/**
 * Before a run: bring every port in use in line with the configuration and
 * the planned streams.  A port whose set-up they change (queues, descriptors,
 * offloads, RSS, MTU: another engine, --rxq, --nb-cores with an engine that
 * sends on any port, ...) is set up again, printing why; a port never set up
 * (another --portlist) is set up; the pools stay.
 * @return 0; -EAGAIN when a port in use is stopped (`port stop`,
 * --disable-device-start); another negative errno when a set-up failed;
 * after printing one line.
 */
int fwd_ports_apply(void);

/**
 * Stop @port_id (free first what a net_ring port's queues hold).
 * @return 0 (also when stopped, or never set up); a negative errno after printing why.
 */
int fwd_port_stop(uint16_t port_id);

/**
 * Start @port_id again; one that was never set up, or whose set-up the
 * configuration changed, is set up (again).  Prints "Port N: MAC".
 * @return 0; a negative errno after printing why.
 */
int fwd_port_start(uint16_t port_id);

/**
 * Stop and close @port_id: it leaves the ports in use and --portlist, and
 * later plans no longer see it.
 */
void fwd_port_close(uint16_t port_id);

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
/** TX queues every port needs for the plan: --txq, or one per lcore (fwd_lcores_assign()). */
extern uint16_t fwd_nb_txq;

/* The lock of fwd_plan_lock(); inline so that ports.c, below the runtime, takes it without a call into it. */
extern rte_spinlock_t fwd_plan_sl;

/** Hold off the main lcore's changes to the streams and ports (readers on other threads). */
static inline void
fwd_plan_lock(void)
{
	rte_spinlock_lock(&fwd_plan_sl);
}

/** Release fwd_plan_lock(). */
static inline void
fwd_plan_unlock(void)
{
	rte_spinlock_unlock(&fwd_plan_sl);
}

/**
 * A plan made apart from the running one (fwd_plan_make()): what the next
 * start would run, for `show config fwd` and to check a setting.
 */
struct fwd_plan {
	uint16_t ports[RTE_MAX_ETHPORTS];
	unsigned int nb_ports;
	struct fwd_stream *streams;       /* MAX_FWD_STREAMS entries */
	unsigned int nb_streams;
	unsigned int lcore_ids[RTE_MAX_LCORE];
	unsigned int nb_lcores;
	uint16_t nb_txq;
};

/**
 * Plan from the configuration as it stands into @plan, as a start would, with
 * nothing of the running plan touched.
 * @return 0; -ENODEV, -EINVAL, -E2BIG after printing why unless @quiet;
 * -ENOMEM.  @plan needs fwd_plan_free() in every case.
 */
int fwd_plan_make(struct fwd_plan *plan, bool quiet);

/** Fill @plan with the running plan's streams (borrowed: do not free) and lcores. */
void fwd_plan_current(struct fwd_plan *plan);

/** Free what fwd_plan_make() allocated. */
void fwd_plan_free(struct fwd_plan *plan);

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
 * histograms).  An engine with tx_any_port, and a plan where streams of two
 * lcores would send on one TX queue (--rxq above --txq), needs a TX queue per
 * lcore on every port: fwd_nb_txq, what the ports are asked for (the raise
 * from --txq is said when they are set up).
 * @return 0; -EINVAL after printing why; -ENOMEM.
 */
int fwd_lcores_assign(void);

/**
 * Free what fwd_lcores_assign() and latency_setup() allocated for the streams
 * (their counters stay readable).
 */
void fwd_streams_free(void);

/**
 * Zero every counter of every stream (packets, bytes, drops, checksums,
 * cycles, burst histograms, per-port TX counts).  While forwarding runs the
 * lcores pause for it (no engine hook runs, nothing is flushed).
 */
void fwd_streams_clear(void);

/**
 * The engine's set-up for a run: its setup(), the streams' latency state
 * (latency_setup(), with --latency), then stream_init() of every stream.
 * When a step fails, the streams set up so far get their stream_fini() and
 * the engine its teardown().
 * @return 0; a negative errno after printing why (-EINVAL: the engine printed it).
 */
int fwd_engine_setup(void);

/** stream_fini() of every stream, then the engine's teardown(); nothing when not set up. */
void fwd_engine_teardown(void);

/**
 * Empty the RX queues before forwarding unless --no-flush-rx
 * (fwd_ports_flush_rx(), reported when it freed anything).
 */
void fwd_rx_flush(void);

/** Start every forwarding lcore on its streams. */
void fwd_lcores_launch(void);

/** Stop the forwarding lcores, wait for them, then call the engine's stream_stop() of each stream. */
void fwd_lcores_stop(void);

/** True between fwd_lcores_launch() and fwd_lcores_stop(). */
bool fwd_lcores_running(void);

/**
 * An engine whose work is done (rfc2544 after its last trial) ends the run,
 * from any lcore: the main lcore stops forwarding as at the end of
 * --duration.  fwd_lcores_launch() clears it.
 */
void fwd_run_end(void);

/** True once fwd_run_end() was called in this run. */
bool fwd_run_ended(void);

#endif /* _SKBFWD_RUNTIME_H_ */
