/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Faults proven in process with exact counts, on the real engine and fwd_tx()
 * code: a TX ring nobody reads (bounded retries, then tx_full drops), a pool far
 * smaller than the traffic (net_pcap counts RX no-mbuf, forwarding recovers when
 * buffers come back), link down/up on a ring port (logged, forwarding goes on),
 * and the runtime setting an engine up again after its teardown.
 * Pools are cache-less and every test ends with zero skbs in use.
 */

#include <stdio.h>
#include <unistd.h>

#include <rte_bus_vdev.h>
#include <rte_eth_ring.h>
#include <rte_ip.h>
#include <rte_ring.h>

#include "test_pool.h"
#include "port.h"
#include "config.h"
#include "engines.h"
#include "runtime.h"

#define FR_FRAME 60

/* A port over two rings of our own: what it sends stays in @tx until we read it. */
static int
fr_ring_port(const char *name, struct rte_ring *rx, struct rte_ring *tx,
	     struct rte_mempool *mp, bool start)
{
	struct rte_eth_conf conf;
	int port = rte_eth_from_rings(name, &rx, 1, &tx, 1, SOCKET_ID_ANY);

	if (port < 0 || !start)
		return port;
	memset(&conf, 0, sizeof(conf));
	if (rte_eth_dev_configure(port, 1, 1, &conf) != 0 ||
	    rte_eth_rx_queue_setup(port, 0, 1024, SOCKET_ID_ANY, NULL, mp) != 0 ||
	    rte_eth_tx_queue_setup(port, 0, 1024, SOCKET_ID_ANY, NULL) != 0 ||
	    rte_eth_dev_start(port) != 0)
		return -1;
	return port;
}

/* skbfwd's configuration for @ports, as its options (and @extra, or NULL) would make it; 0 or -1. */
static int
fr_config_extra(const char *mode, const char *topology, const uint16_t *ports, unsigned int n,
		const char *extra)
{
	char m[64], t[64], e[160];   /* need not outlive the call: options keep copies */
	char *argv[] = { "skbfwd", m, t, "--burst=32", e, NULL };

	snprintf(m, sizeof(m), "--forward-mode=%s", mode);
	snprintf(t, sizeof(t), "--port-topology=%s", topology);
	snprintf(e, sizeof(e), "%s", extra != NULL ? extra : "");
	skbfwd_config_init(skbfwd_engines);
	if (skbfwd_parse_args(extra != NULL ? 5 : 4, argv) != 0)
		return -1;
	fwd_ports_use(ports, n);
	return fwd_streams_build() == 0 ? 0 : -1;
}

static int
fr_config(const char *mode, const char *topology, const uint16_t *ports, unsigned int n)
{
	return fr_config_extra(mode, topology, ports, n, NULL);
}

static struct rte_mbuf *
fr_frame(struct rte_mempool *mp, unsigned int i)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	uint8_t *p;

	if (m == NULL)
		return NULL;
	p = (uint8_t *)rte_pktmbuf_append(m, FR_FRAME);
	if (p == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	memset(p, 0, FR_FRAME);
	p[0] = 0x02;
	p[6] = 0x02;
	p[12] = 0x08;
	p[14] = (uint8_t)i;
	return m;
}

static void
fr_free_ring(struct rte_ring *r)
{
	struct rte_mbuf *m;

	while (rte_ring_dequeue(r, (void **)&m) == 0)
		rte_pktmbuf_free(m);
}

/* 600 frames to a port whose 64-slot TX ring (63 usable) nobody reads. */
static int
test_tx_backpressure(void)
{
	struct rte_mempool *mp = test_pool("fr_bp", 1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_ring *rx = rte_ring_create("fr_bp_rx", 1024, SOCKET_ID_ANY, 0);
	struct rte_ring *tx = rte_ring_create("fr_bp_tx", 64, SOCKET_ID_ANY, 0);
	struct fwd_stream *fs;
	unsigned int i, calls = 0;
	uint16_t port;
	int p;

	TEST_ASSERT(mp != NULL && rx != NULL && tx != NULL, "set-up");
	p = fr_ring_port("net_ring_fr_bp", rx, tx, mp, true);
	TEST_ASSERT(p >= 0, "ring port");
	port = (uint16_t)p;
	TEST_ASSERT_EQ(fr_config("io", "loop", &port, 1), 0);
	fs = &fwd_streams[0];
	for (i = 0; i < 600; i++) {
		struct rte_mbuf *m = fr_frame(mp, i);

		TEST_ASSERT(m != NULL && rte_ring_enqueue(rx, m) == 0, "frame %u", i);
	}
	while (rte_ring_count(rx) != 0 && calls < 1000) {
		cfg.engine->packet_fwd(fs);
		calls++;
	}
	TEST_ASSERT_EQ(calls, 600 / 32 + 1);
	TEST_ASSERT_EQ(fs->rx_packets, 600);
	TEST_ASSERT_EQ(fs->tx_packets, 63);
	TEST_ASSERT_EQ(fs->drops[FWD_DROP_TX_FULL], 600 - 63);
	TEST_ASSERT_EQ(fs->rx_packets + fs->generated, fs->tx_packets + fwd_stream_drops(fs));
	TEST_ASSERT_EQ(rte_ring_count(tx), 63);
	TEST_ASSERT_IN_USE(mp, 63);
	fr_free_ring(tx);
	rte_eth_dev_stop(port);
	rte_eth_dev_close(port);
	rte_ring_free(rx);
	rte_ring_free(tx);
	TEST_ASSERT_POOL_EMPTY(mp);
	rte_mempool_free(mp);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

static int
fr_write_pcap(const char *path, unsigned int n)
{
	static const uint32_t ghdr[6] = { 0xa1b2c3d4, 0x00040002, 0, 0, 65535, 1 };
	FILE *f = fopen(path, "wb");
	unsigned int i;

	if (f == NULL)
		return -1;
	fwrite(ghdr, sizeof(ghdr), 1, f);
	for (i = 0; i < n; i++) {
		uint32_t rh[4] = { 1, i, FR_FRAME, FR_FRAME };
		uint8_t fr[FR_FRAME] = { 0x02, 0, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 2, 0x08, 0 };

		fr[14] = (uint8_t)i;
		fwrite(rh, sizeof(rh), 1, f);
		fwrite(fr, sizeof(fr), 1, f);
	}
	return fclose(f);
}

/*
 * 300 frames from net_pcap into a pool of 64 skbs, sent to a ring nobody reads:
 * 64 forwarded, then every RX attempt is an RX no-mbuf (net_pcap loses that
 * frame); once the ring is read and its skbs freed, forwarding resumes.
 */
static int
test_pool_exhaustion(void)
{
	char path[64], args[160];
	struct rte_mempool *mp = test_pool("fr_ex", 64, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_ring *rx = rte_ring_create("fr_ex_rx", 64, SOCKET_ID_ANY, 0);
	struct rte_ring *tx = rte_ring_create("fr_ex_tx", 1024, SOCKET_ID_ANY, 0);
	struct rte_eth_stats st;
	struct rte_eth_conf conf;
	struct fwd_stream *fs;
	uint16_t ports[2], pcap;
	unsigned int i, rounds;
	int p;

	snprintf(path, sizeof(path), "/tmp/skbfwd_fault_%d.pcap", (int)getpid());
	TEST_ASSERT(mp != NULL && rx != NULL && tx != NULL, "set-up");
	TEST_ASSERT_EQ(fr_write_pcap(path, 300), 0);
	snprintf(args, sizeof(args), "rx_pcap=%s,tx_pcap=/dev/null", path);
	TEST_ASSERT_EQ(rte_vdev_init("net_pcap_fr", args), 0);
	TEST_ASSERT_EQ(rte_eth_dev_get_port_by_name("net_pcap_fr", &pcap), 0);
	memset(&conf, 0, sizeof(conf));
	TEST_ASSERT_EQ(rte_eth_dev_configure(pcap, 1, 1, &conf), 0);
	TEST_ASSERT_EQ(rte_eth_rx_queue_setup(pcap, 0, 64, SOCKET_ID_ANY, NULL, mp), 0);
	TEST_ASSERT_EQ(rte_eth_tx_queue_setup(pcap, 0, 64, SOCKET_ID_ANY, NULL), 0);
	TEST_ASSERT_EQ(rte_eth_dev_start(pcap), 0);
	p = fr_ring_port("net_ring_fr_ex", rx, tx, mp, true);
	TEST_ASSERT(p >= 0, "ring port");
	ports[0] = pcap;
	ports[1] = (uint16_t)p;
	TEST_ASSERT_EQ(fr_config("io", "paired", ports, 2), 0);
	fs = &fwd_streams[0];
	TEST_ASSERT_EQ(fs->rx_port, pcap);

	for (i = 0; i < 10; i++)
		cfg.engine->packet_fwd(fs);
	TEST_ASSERT_EQ(fs->rx_packets, 64);
	TEST_ASSERT_EQ(fs->tx_packets, 64);
	TEST_ASSERT_IN_USE(mp, 64);
	TEST_ASSERT_EQ(rte_eth_stats_get(pcap, &st), 0);
	TEST_ASSERT_EQ(st.rx_nombuf, 8);

	/* buffers come back: the ring is read; forwarding resumes until the file ends */
	for (rounds = 0; rounds < 100; rounds++) {
		fr_free_ring(tx);
		for (i = 0; i < 3; i++)
			cfg.engine->packet_fwd(fs);
		TEST_ASSERT_EQ(rte_eth_stats_get(pcap, &st), 0);
		if (fs->rx_packets + st.rx_nombuf == 300)
			break;
	}
	TEST_ASSERT_EQ(fs->rx_packets + st.rx_nombuf, 300);
	TEST_ASSERT(fs->rx_packets > 64, "forwarding resumed: %lu", (unsigned long)fs->rx_packets);
	TEST_ASSERT_EQ(fs->tx_packets, fs->rx_packets);
	TEST_ASSERT_EQ(fwd_stream_drops(fs), 0);
	TEST_ASSERT_EQ(st.ipackets, fs->rx_packets);
	fr_free_ring(tx);
	rte_eth_dev_stop(pcap);
	rte_eth_dev_close(pcap);
	rte_vdev_uninit("net_pcap_fr");
	rte_eth_dev_stop(ports[1]);
	rte_eth_dev_close(ports[1]);
	rte_ring_free(rx);
	rte_ring_free(tx);
	unlink(path);
	TEST_ASSERT_POOL_EMPTY(mp);
	rte_mempool_free(mp);
	return TEST_SUCCESS;
fail:
	unlink(path);
	return TEST_FAILED;
}

/* Link down and up on a ring port set up by drivers-glue: each change logged once. */
static int
test_link_down_up(void)
{
	struct rte_ring *rx = rte_ring_create("fr_ln_rx", 64, SOCKET_ID_ANY, 0);
	struct rte_ring *tx = rte_ring_create("fr_ln_tx", 64, SOCKET_ID_ANY, 0);
	struct glue_port_conf pc = { .nb_rxq = 1, .nb_txq = 1, .nb_rxd = 64, .nb_txd = 64 };
	struct fwd_stream *fs;
	unsigned int i;
	uint16_t port;
	int p;

	TEST_ASSERT(rx != NULL && tx != NULL, "rings");
	p = fr_ring_port("net_ring_fr_ln", rx, tx, NULL, false);
	TEST_ASSERT(p >= 0, "ring port");
	port = (uint16_t)p;
	TEST_ASSERT_EQ(glue_pools_create(1024, RTE_MBUF_DEFAULT_BUF_SIZE), 0);
	TEST_ASSERT_EQ(glue_port_setup(port, &pc), 0);
	glue_ports_wait_link(0, NULL);
	TEST_ASSERT_EQ(glue_ports_poll_link(), 0);
	TEST_ASSERT_EQ(fr_config("io", "loop", &port, 1), 0);
	fs = &fwd_streams[0];

	TEST_ASSERT_EQ(rte_eth_dev_set_link_down(port), 0);
	TEST_ASSERT_EQ(glue_ports_poll_link(), 1);
	TEST_ASSERT_EQ(glue_ports_poll_link(), 0);
	TEST_ASSERT_EQ(rte_eth_dev_set_link_up(port), 0);
	TEST_ASSERT_EQ(glue_ports_poll_link(), 1);
	TEST_ASSERT_EQ(glue_ports_poll_link(), 0);
	for (i = 0; i < 10; i++) {
		struct rte_mbuf *m = fr_frame(glue_socket_pool(SOCKET_ID_ANY), i);

		TEST_ASSERT(m != NULL && rte_ring_enqueue(rx, m) == 0, "frame %u", i);
	}
	cfg.engine->packet_fwd(fs);
	TEST_ASSERT_EQ(fs->rx_packets, 10);
	TEST_ASSERT_EQ(fs->tx_packets, 10);
	TEST_ASSERT_EQ(rte_ring_count(tx), 10);
	fr_free_ring(tx);
	glue_ports_close();
	rte_ring_free(rx);
	rte_ring_free(tx);
	TEST_ASSERT_EQ(glue_pools_in_use(), 0);
	glue_pools_free();
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

/* A 60-byte IPv4 frame to 10.1.2.@i, TTL 64, header checksum right. */
static struct rte_mbuf *
fr_ipv4_frame(struct rte_mempool *mp, unsigned int i)
{
	struct rte_mbuf *m = fr_frame(mp, i);
	struct rte_ipv4_hdr *ip;

	if (m == NULL)
		return NULL;
	ip = rte_pktmbuf_mtod_offset(m, struct rte_ipv4_hdr *, RTE_ETHER_HDR_LEN);
	ip->version_ihl = RTE_IPV4_VHL_DEF;
	ip->total_length = rte_cpu_to_be_16(FR_FRAME - RTE_ETHER_HDR_LEN);
	ip->time_to_live = 64;
	ip->next_proto_id = IPPROTO_UDP;
	ip->src_addr = RTE_BE32(RTE_IPV4(10, 9, 9, 9));
	ip->dst_addr = rte_cpu_to_be_32(RTE_IPV4(10, 1, 2, i & 0xff));
	ip->hdr_checksum = 0;
	ip->hdr_checksum = rte_ipv4_cksum(ip);
	return m;
}

/*
 * Eight frames made by @make through the engine just set up, on the first
 * stream: its counters start from 0, and it receives 8, sends 8 (left on @tx)
 * and drops none.  @return TEST_SUCCESS or TEST_FAILED.
 */
static int
fr_forward_8(struct rte_mempool *mp, struct rte_ring *rx, struct rte_ring *tx,
	     struct rte_mbuf *(*make)(struct rte_mempool *mp, unsigned int i))
{
	struct fwd_stream *fs = &fwd_streams[0];
	unsigned int i;

	TEST_ASSERT_EQ(fs->rx_packets, 0);
	for (i = 0; i < 8; i++) {
		struct rte_mbuf *m = make(mp, i);

		TEST_ASSERT(m != NULL && rte_ring_enqueue(rx, m) == 0, "frame %u", i);
	}
	cfg.engine->packet_fwd(fs);
	TEST_ASSERT_EQ(fs->rx_packets, 8);
	TEST_ASSERT_EQ(fs->tx_packets, 8);
	TEST_ASSERT_EQ(fwd_stream_drops(fs), 0);
	TEST_ASSERT_EQ(rte_ring_count(tx), 8);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

/*
 * The runtime sets an engine up again after its teardown, and another engine
 * after it, on the same port, with counters from zero each time: l3fwd twice
 * (its LPM table is created anew, which fails while the first still exists),
 * each round routing 8 frames (TTL 64 -> 63), then io forwarding 8 as they are.
 */
static int
test_engine_rerun(void)
{
	struct rte_mempool *mp = test_pool("fr_rr", 1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_ring *rx = rte_ring_create("fr_rr_rx", 64, SOCKET_ID_ANY, 0);
	struct rte_ring *tx = rte_ring_create("fr_rr_tx", 64, SOCKET_ID_ANY, 0);
	char path[64], routes[96];
	struct rte_mbuf *m;
	unsigned int round;
	uint16_t port;
	FILE *f;
	int p;

	snprintf(path, sizeof(path), "/tmp/skbfwd_fault_rr_%d.conf", (int)getpid());
	TEST_ASSERT(mp != NULL && rx != NULL && tx != NULL, "set-up");
	p = fr_ring_port("net_ring_fr_rr", rx, tx, mp, true);
	TEST_ASSERT(p >= 0, "ring port");
	port = (uint16_t)p;
	f = fopen(path, "w");
	TEST_ASSERT(f != NULL, "route file");
	fprintf(f, "10.1.2.0/24 %u 02:00:00:00:00:0a\n", port);
	TEST_ASSERT_EQ(fclose(f), 0);
	snprintf(routes, sizeof(routes), "--routes=%s", path);
	for (round = 0; round < 2; round++) {
		TEST_ASSERT_EQ(fr_config_extra("l3fwd", "loop", &port, 1, routes), 0);
		TEST_ASSERT_EQ(fwd_engine_setup(), 0);
		TEST_ASSERT_EQ(fr_forward_8(mp, rx, tx, fr_ipv4_frame), TEST_SUCCESS);
		while (rte_ring_dequeue(tx, (void **)&m) == 0) {
			struct rte_ipv4_hdr *ip = rte_pktmbuf_mtod_offset(m, struct rte_ipv4_hdr *,
									  RTE_ETHER_HDR_LEN);

			TEST_ASSERT_EQ(ip->time_to_live, 63);
			TEST_ASSERT_EQ(rte_pktmbuf_mtod(m, uint8_t *)[5], 0x0a);
			rte_pktmbuf_free(m);
		}
		fwd_engine_teardown();
	}
	TEST_ASSERT_EQ(fr_config("io", "loop", &port, 1), 0);
	TEST_ASSERT_EQ(fwd_engine_setup(), 0);
	TEST_ASSERT_EQ(fr_forward_8(mp, rx, tx, fr_frame), TEST_SUCCESS);
	fwd_engine_teardown();
	fwd_streams_free();
	fr_free_ring(tx);
	rte_eth_dev_stop(port);
	rte_eth_dev_close(port);
	rte_ring_free(rx);
	rte_ring_free(tx);
	unlink(path);
	TEST_ASSERT_POOL_EMPTY(mp);
	rte_mempool_free(mp);
	return TEST_SUCCESS;
fail:
	unlink(path);
	return TEST_FAILED;
}

static const struct unit_test tests[] = {
	UNIT_TEST(test_tx_backpressure),
	UNIT_TEST(test_pool_exhaustion),
	UNIT_TEST(test_link_down_up),
	UNIT_TEST(test_engine_rerun),
};

UNIT_TEST_MAIN(tests)
