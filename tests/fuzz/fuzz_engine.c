/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer target for one engine's parse-and-rewrite path: the engine named by
 * the environment variable FUZZ_ENGINE (default io); usertools/fuzz.sh runs it
 * once per engine of the table.  The input is one frame; it is fed to the engine's
 * packet_fwd() through a ring port, three times: in exactly-sized heap segments
 * of up to 2048 bytes, split in two at an offset taken from the input (headers
 * across segments), and in pool buffers as a PMD delivers it.  After each run:
 * every packet sent is a sound chain whose bytes are all readable, RX +
 * generated == TX + counted drops, and the pool has zero skbs in use.
 *
 * Engine options come from SKBFWD_FUZZ_ARGS (space separated), e.g. a route file.
 *
 * ieee1588 asks the device for timesync at set-up, which a ring port has not:
 * its stream is set up without that, and the frames carry the PTP RX flags a
 * timestamping device would set, as the input's first byte chooses, so that
 * its whole packet path is fuzzed.
 */

#include <rte_ethdev.h>
#include <rte_eth_ring.h>
#include <rte_ring.h>

#include "fuzz_common.h"
#include "config.h"
#include "engines.h"
#include "runtime.h"

static const char *fz_engine = "io";
static struct rte_mempool *fz_pool;
static struct rte_ring *fz_rx, *fz_tx;
static struct fwd_stream *fz_fs;
static uint16_t fz_port;
static uint8_t fz_out[RTE_MBUF_DEFAULT_BUF_SIZE * 64];
static bool fz_ptp;     /* set the IEEE 1588 RX flags from the input */

static void
fz_port_setup(void)
{
	struct rte_eth_conf conf;
	int port;

	fz_rx = rte_ring_create("fz_rx", 1024, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
	fz_tx = rte_ring_create("fz_tx", 1024, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
	FUZZ_CHECK(fz_rx != NULL && fz_tx != NULL, "rings: %s", rte_strerror(rte_errno));
	port = rte_eth_from_rings("net_ring_fuzz", &fz_rx, 1, &fz_tx, 1, SOCKET_ID_ANY);
	FUZZ_CHECK(port >= 0, "ring port: %s", rte_strerror(rte_errno));
	memset(&conf, 0, sizeof(conf));
	FUZZ_CHECK(rte_eth_dev_configure(port, 1, 1, &conf) == 0, "configure");
	FUZZ_CHECK(rte_eth_rx_queue_setup(port, 0, 1024, SOCKET_ID_ANY, NULL, fz_pool) == 0,
		   "rxq");
	FUZZ_CHECK(rte_eth_tx_queue_setup(port, 0, 1024, SOCKET_ID_ANY, NULL) == 0, "txq");
	FUZZ_CHECK(rte_eth_dev_start(port) == 0, "start");
	FUZZ_CHECK(skb_netdev_set_pool(port, fz_pool) == 0, "netdev pool");
	fz_port = (uint16_t)port;
}

int
LLVMFuzzerInitialize(int *argc __rte_unused, char ***argv)
{
	static char mode[64];
	char *args[64] = { (char *)(uintptr_t)"skbfwd", mode,
			   (char *)(uintptr_t)"--port-topology=loop" };
	int n = 3;
	char *extra = getenv("SKBFWD_FUZZ_ARGS"), *tok, *save = NULL;

	if (getenv("FUZZ_ENGINE") != NULL)
		fz_engine = getenv("FUZZ_ENGINE");
	snprintf(mode, sizeof(mode), "--forward-mode=%s", fz_engine);

	fuzz_eal_init((*argv)[0]);
	fz_pool = fuzz_pool_create("fuzz_engine_pool", 8192);
	fz_port_setup();
	if (extra != NULL)
		for (tok = strtok_r(strdup(extra), " ", &save); tok != NULL && n < 63;
		     tok = strtok_r(NULL, " ", &save))
			args[n++] = tok;
	skbfwd_config_init(skbfwd_engines);
	FUZZ_CHECK(skbfwd_parse_args(n, args) == 0, "options for engine %s", fz_engine);
	fwd_ports_use(&fz_port, 1);
	FUZZ_CHECK(fwd_streams_build() == 0, "streams");
	fz_fs = &fwd_streams[0];
	if (strcmp(fz_engine, "ieee1588") == 0) {
		fz_ptp = true;
		FUZZ_CHECK(cfg.engine->stream_init == NULL || cfg.engine->stream_init(fz_fs) == 0,
			   "engine %s stream set-up", fz_engine);
		return 0;
	}
	FUZZ_CHECK(fwd_engine_setup() == 0, "engine %s set-up", fz_engine);
	return 0;
}

/* Collect and check what the engine sent. */
static void
fz_drain_tx(void)
{
	struct rte_mbuf *m;

	while (rte_ring_sc_dequeue(fz_tx, (void **)&m) == 0) {
		fuzz_check_chain(m);
		FUZZ_CHECK(m->pkt_len <= sizeof(fz_out), "TX packet of %u bytes", m->pkt_len);
		fuzz_read_all(m, fz_out);
		rte_pktmbuf_free(m);
	}
}

static void
fz_run(const uint8_t *data, size_t size, const unsigned int *cuts, unsigned int nb_cuts,
       int heap)
{
	struct rte_mbuf *m = fuzz_make_chain(fz_pool, data, (unsigned int)size, cuts, nb_cuts,
					     heap);
	unsigned int i;

	FUZZ_CHECK(m != NULL, "pool empty before the run: a leak");
	if (fz_ptp && size != 0)
		m->ol_flags |= (data[0] & 1 ? RTE_MBUF_F_RX_IEEE1588_PTP : 0) |
			       (data[0] & 2 ? RTE_MBUF_F_RX_IEEE1588_TMST : 0);
	FUZZ_CHECK(rte_ring_sp_enqueue(fz_rx, m) == 0, "rx ring full");
	for (i = 0; i < 4 && (rte_ring_count(fz_rx) != 0 || i == 0); i++) {
		cfg.engine->packet_fwd(fz_fs);
		fz_drain_tx();
	}
	/* engines that only transmit (txonly) leave RX alone: not a leak of theirs */
	while (rte_ring_sc_dequeue(fz_rx, (void **)&m) == 0)
		rte_pktmbuf_free(m);
	FUZZ_CHECK(fz_fs->rx_packets + fz_fs->generated == fz_fs->tx_packets + fwd_stream_drops(fz_fs),
		   "rx %lu + generated %lu != tx %lu + drops %lu",
		   (unsigned long)fz_fs->rx_packets, (unsigned long)fz_fs->generated,
		   (unsigned long)fz_fs->tx_packets, (unsigned long)fwd_stream_drops(fz_fs));
	FUZZ_CHECK(rte_mempool_in_use_count(fz_pool) == 0, "%u skbs in use after the run",
		   rte_mempool_in_use_count(fz_pool));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned int cut;

	if (size > FUZZ_MAX_INPUT)
		return -1;
	fz_run(data, size, NULL, 0, 1);
	if (size >= 2) {
		cut = 1 + (unsigned int)((data[0] * 131u + data[size - 1] + size) % (size - 1));
		fz_run(data, size, &cut, 1, 1);
	}
	fz_run(data, size, NULL, 0, 0);
	return 0;
}
