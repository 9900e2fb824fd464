/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The rfc2544 engine's counts when frames that are no test frames come back
 * among its test frames.  The engine runs in process, as skbfwd runs it
 * (options parsed, streams built, set up), on one net_ring port; the test is
 * the device under test between the port's TX and RX rings: it checks the
 * header bytes of every test frame (UDP/IPv4, and with --rfc2544-ipv6
 * UDP/IPv6 with its payload and checksum), loses the first DROP of each trial (the
 * probe's sequence number says which) and, once in each trial, puts IPv6
 * frames of every kind the golden tests use (test_ipv6.h) and a UDP/IPv6
 * frame carrying another flow's probe among the frames it sends back.
 *
 * What must hold: every trial's line reports exactly the frames the device
 * took and exactly DROP lost, whatever came back besides; the stream counts
 * every frame received (test frames and IPv6 ones) and consumes them all;
 * the other flow's probe is counted as that flow's, not the trial's, and
 * stays out of the trial's latency.
 */

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_eth_ring.h>

#include "config.h"
#include "engines.h"
#include "latency.h"
#include "runtime.h"
#include "test_capture.h"
#include "test_ipv6.h"
#include "test_pool.h"

#define POOL_N 1024
#define RING_N 1024
#define DROP 5u                       /* test frames lost at the start of each trial */
#define INJECT_AFTER 100u             /* the IPv6 frames go back after this sequence number */
#define MAX_TRIALS 64
#define FOREIGN_FLOW 0x3ffu           /* a flow no stream here sends */
#define RUN_S 30                      /* the search must end within this */

static struct rte_mempool *pool;
static struct rte_ring *ring_rx, *ring_tx;
static uint16_t ring_port;
static uint8_t port_mac[6];
static const uint8_t peer_mac[6] = { 0x02, 0, 0, 0, 0, 0 };  /* --eth-peer's default for port 0 */

/* What the device under test saw. */
static struct {
	unsigned int at;              /* the probe's offset: 42 (UDP/IPv4), 62 (UDP/IPv6) */
	unsigned int trials;          /* started: a probe of sequence number 0 came */
	uint64_t seen[MAX_TRIALS];    /* test frames taken from the TX ring, per trial */
	uint64_t lost;                /* of them, dropped */
	bool injected[MAX_TRIALS];
	uint64_t injected_frames;     /* IPv6 frames sent back */
	uint64_t bad_frames;          /* test frames whose headers were not the expected ones */
	uint64_t ring_full;           /* frames the RX ring refused (nothing should be) */
	uint32_t last_seq;
	bool seq_gap;                 /* a sequence number out of order */
	char bad[256];                /* the first bad frame, in words */
} dut;

static int
setup(void)
{
	struct rte_eth_conf conf;
	struct rte_ether_addr a;
	int id;

	if (test_pool_setup(&pool, "rfc_pool", POOL_N, RTE_MBUF_DEFAULT_BUF_SIZE) != TEST_SUCCESS)
		return TEST_FAILED;
	ring_rx = rte_ring_create("rfc_rx", RING_N, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
	ring_tx = rte_ring_create("rfc_tx", RING_N, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
	TEST_ASSERT(ring_rx != NULL && ring_tx != NULL, "rings: %s", rte_strerror(rte_errno));
	id = rte_eth_from_rings("rfc", &ring_rx, 1, &ring_tx, 1, SOCKET_ID_ANY);
	TEST_ASSERT(id >= 0, "net_ring port: %s", rte_strerror(rte_errno));
	ring_port = (uint16_t)id;
	TEST_ASSERT_EQ(ring_port, 0);     /* the peer MAC above is port 0's */
	memset(&conf, 0, sizeof(conf));
	TEST_ASSERT(rte_eth_dev_configure(ring_port, 1, 1, &conf) == 0 &&
		    rte_eth_rx_queue_setup(ring_port, 0, RING_N, SOCKET_ID_ANY, NULL, pool) == 0 &&
		    rte_eth_tx_queue_setup(ring_port, 0, RING_N, SOCKET_ID_ANY, NULL) == 0 &&
		    rte_eth_dev_start(ring_port) == 0, "port set up and started");
	TEST_ASSERT_EQ(skb_netdev_set_pool(ring_port, pool), 0);
	TEST_ASSERT_EQ(rte_eth_macaddr_get(ring_port, &a), 0);
	memcpy(port_mac, a.addr_bytes, 6);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

/* The 42 header bytes RFC 2544 appendix C gives a UDP/IPv4 test frame of @len bytes (no FCS). */
static void
expected_v4(uint8_t *h, unsigned int len)
{
	uint16_t sum;

	memset(h, 0, 42);
	test_put_eth(h, peer_mac, port_mac, RTE_ETHER_TYPE_IPV4, false);
	h[14] = 0x45;
	h[16] = (uint8_t)((len - 14) >> 8);
	h[17] = (uint8_t)(len - 14);
	h[22] = 64;
	h[23] = IPPROTO_UDP;
	h[26] = 198;                      /* 198.18.0.1 -> 198.19.0.1 */
	h[27] = 18;
	h[29] = 1;
	h[30] = 198;
	h[31] = 19;
	h[33] = 1;
	sum = (uint16_t)~ref_sum(h + 14, 20);
	h[24] = (uint8_t)(sum >> 8);
	h[25] = (uint8_t)sum;
	h[34] = 0xc0;                     /* 49184 -> 7 */
	h[35] = 0x20;
	h[37] = 7;
	h[38] = (uint8_t)((len - 34) >> 8);
	h[39] = (uint8_t)(len - 34);
}

/*
 * The 62 header bytes RFC 5180 gives a UDP/IPv6 test frame of @len bytes (no
 * FCS) in skbfwd: 2001:2::1 -> 2001:2:0:1::1, UDP 49184 -> 7; its UDP
 * checksum (bytes 60 and 61, which depend on the probe) left 0.
 */
static void
expected_v6(uint8_t *h, unsigned int len)
{
	uint8_t *ip = h + test_put_eth(h, peer_mac, port_mac, RTE_ETHER_TYPE_IPV6, false);

	memset(ip, 0, 48);
	ip[0] = 0x60;
	ip[4] = (uint8_t)((len - 54) >> 8);
	ip[5] = (uint8_t)(len - 54);
	ip[6] = IPPROTO_UDP;
	ip[7] = 64;
	ip[8] = 0x20;                     /* 2001:2::1 */
	ip[9] = 0x01;
	ip[11] = 0x02;
	ip[23] = 1;
	ip[24] = 0x20;                    /* 2001:2:0:1::1 */
	ip[25] = 0x01;
	ip[27] = 0x02;
	ip[31] = 1;
	ip[39] = 1;
	ip[40] = 0xc0;                    /* 49184 -> 7 */
	ip[41] = 0x20;
	ip[43] = 7;
	ip[44] = ip[4];
	ip[45] = ip[5];
}

/* True when the UDP/IPv6 frame @f of @len bytes has a right UDP checksum (RFC 8200 8.1). */
static bool
udp6_csum_ok(const uint8_t *f, unsigned int len)
{
	uint8_t pseudo[40];
	uint32_t sum;

	memcpy(pseudo, f + 22, 32);
	memset(pseudo + 32, 0, 8);
	pseudo[34] = (uint8_t)((len - 54) >> 8);
	pseudo[35] = (uint8_t)(len - 54);
	pseudo[39] = IPPROTO_UDP;
	sum = (uint32_t)ref_sum(pseudo, 40) + ref_sum(f + 54, len - 54);
	sum = (sum & 0xffff) + (sum >> 16);
	return sum == 0xffff && (f[60] | f[61]) != 0;
}

/* Enqueue @m on the RX ring, or free it and count it. */
static void
dut_back(struct rte_mbuf *m)
{
	if (rte_ring_sp_enqueue(ring_rx, m) != 0) {
		dut.ring_full++;
		rte_pktmbuf_free(m);
	}
}

/* The IPv6 frames of every kind, and one with a probe of FOREIGN_FLOW, onto the RX ring. */
static void
dut_inject(void)
{
	uint8_t f[256];
	unsigned int i, len;
	struct sk_buff *skb;

	for (i = 0; i <= RTE_DIM(test_ipv6_kinds); i++) {
		if (i < RTE_DIM(test_ipv6_kinds)) {
			len = test_ipv6_frame(f, port_mac, peer_mac, &test_ipv6_kinds[i]);
		} else {
			/* UDP/IPv6 with 24 bytes of payload, a probe at the first of them */
			len = test_ipv6_frame(f, port_mac, peer_mac, &test_ipv6_kinds[0]);
			memset(f + 62, 0, 16);
			memcpy(f + 62, "SKBP", 4);
			f[69] = 3;                            /* sequence number 3 */
			f[70] = (uint8_t)(FOREIGN_FLOW >> 8);
			f[71] = (uint8_t)FOREIGN_FLOW;
		}
		skb = alloc_skb(pool, len);
		if (skb == NULL || skb_put_data(skb, f, len) == NULL) {
			kfree_skb(skb);
			dut.ring_full++;
			continue;
		}
		dut_back(skb_to_mbuf(skb));
		dut.injected_frames++;
	}
}

/* Note the first bad test frame in words. */
static void
dut_bad(const char *what, uint32_t seq, unsigned int at)
{
	if (dut.bad_frames++ == 0)
		snprintf(dut.bad, sizeof(dut.bad), "%s (trial %u, sequence number %u, byte %u)",
			 what, dut.trials, seq, at);
}

/*
 * One step of the device under test: every frame on the TX ring is a test
 * frame whose headers and probe are checked; the first DROP of each trial
 * are lost, the others go back, and after INJECT_AFTER the IPv6 frames too.
 */
static void
dut_step(void)
{
	struct rte_mbuf *m;

	while (rte_ring_sc_dequeue(ring_tx, (void **)&m) == 0) {
		uint8_t buf[256], want[62];
		unsigned int len = rte_pktmbuf_pkt_len(m), at = dut.at, i;
		const uint8_t *h, *p;
		uint32_t seq;

		if (len < at + 16 || len > sizeof(buf)) {
			dut_bad("a frame of another length", 0, len);
			rte_pktmbuf_free(m);
			continue;
		}
		h = rte_pktmbuf_read(m, 0, len, buf);
		p = h + at;
		seq = (uint32_t)p[4] << 24 | (uint32_t)p[5] << 16 | (uint32_t)p[6] << 8 | p[7];
		if (memcmp(p, "SKBP", 4) != 0) {
			dut_bad("no probe at its offset", 0, at);
			rte_pktmbuf_free(m);
			continue;
		}
		if (seq == 0) {
			if (dut.trials == MAX_TRIALS) {
				dut_bad("more trials than the test keeps", seq, 0);
				rte_pktmbuf_free(m);
				continue;
			}
			dut.trials++;
		} else if (seq != dut.last_seq + 1) {
			dut.seq_gap = true;
		}
		dut.last_seq = seq;
		if (at == 42)
			expected_v4(want, len);
		else
			expected_v6(want, len);
		for (i = 0; i < at; i++)
			if (h[i] != want[i] && !(at == 62 && (i == 60 || i == 61))) {
				dut_bad("a header byte", seq, i);
				break;
			}
		/* IPv6: zeros after the probe, the UDP checksum right */
		for (i = at + 16; at == 62 && i < len; i++)
			if (h[i] != 0) {
				dut_bad("a payload byte", seq, i);
				break;
			}
		if (at == 62 && !udp6_csum_ok(h, len))
			dut_bad("the UDP checksum", seq, 60);
		/* the flow: port 0, queue 0 */
		if (p[8] != 0 || p[9] != 0)
			dut_bad("the probe's flow", seq, at + 8);
		if (dut.trials == 0)
			continue;
		dut.seen[dut.trials - 1]++;
		if (seq < DROP) {
			dut.lost++;
			rte_pktmbuf_free(m);
			continue;
		}
		dut_back(m);
	}
	if (dut.trials != 0 && !dut.injected[dut.trials - 1] && dut.last_seq >= INJECT_AFTER &&
	    rte_ring_free_count(ring_rx) > RTE_DIM(test_ipv6_kinds) + 1) {
		dut.injected[dut.trials - 1] = true;
		dut_inject();
	}
}

/* A trial's line: its kind ("trial" or "latency trial"), frames sent and lost. */
struct trial_line {
	unsigned int size;
	char kind[32];
	uint64_t sent, lost;
	char verdict[8];
};

/* The trial lines in @out into @t (at most @max); @return how many. */
static unsigned int
parse_trials(const char *out, struct trial_line *t, unsigned int max)
{
	unsigned int n = 0;
	const char *p;

	for (p = out; p != NULL && *p != '\0' && n < max; p = strchr(p, '\n'), p = p ? p + 1 : p) {
		struct trial_line *l = &t[n];

		if (sscanf(p, "rfc2544: %u bytes: %31[a-z ]%*u at %*f Mpps: %" SCNu64
			   " sent (%*f Mpps), %" SCNu64 " lost (%*f): %7[a-z]",
			   &l->size, l->kind, &l->sent, &l->lost, l->verdict) == 5)
			n++;
	}
	return n;
}

static char out[1 << 16];

/* True once the engine's results say every size was measured ("complete"). */
static bool
search_complete(void)
{
	char buf[4096] = "";
	FILE *f = fmemopen(buf, sizeof(buf) - 1, "w");

	if (f == NULL)
		return false;
	cfg.engine->stats_json(f);
	fclose(f);
	return strstr(buf, "\"complete\": true") != NULL;
}

/*
 * Two frame sizes, @sizes, trials of 50 ms at 20 kpps (1000 frames), loss
 * allowed 5 % (DROP of 100 frames, should the pacing fall behind), test
 * frames UDP/IPv6 when @ipv6: every trial passes with DROP lost, a trial and
 * a latency trial per size.
 */
static int
search(bool ipv6, char *sizes)
{
	char *args[] = { "skbfwd", "--forward-mode=rfc2544", "--port-topology=loop",
			 sizes, "--rfc2544-trial=0.05", "--rfc2544-rate=20kpps",
			 "--rfc2544-loss=0.05", ipv6 ? "--rfc2544-ipv6" : NULL, NULL };
	struct trial_line t[MAX_TRIALS];
	struct test_capture cap;
	struct fwd_stream *fs = NULL;
	uint64_t sent = 0, end, rx_test = 0;
	unsigned int n, i, k, foreign = 0;
	bool set_up = false, captured = false;
	int ret = TEST_FAILED;

	memset(&dut, 0, sizeof(dut));
	dut.at = ipv6 ? 62 : 42;
	skbfwd_config_init(skbfwd_engines);
	TEST_ASSERT(test_capture_begin(&cap) == 0, "stdout captured");
	captured = true;
	if (skbfwd_parse_args(ipv6 ? 8 : 7, args) != 0)
		goto done;
	fwd_ports_use(&ring_port, 1);
	if (fwd_streams_build() != 0 || fwd_engine_setup() != 0)
		goto done;
	set_up = true;
	fs = &fwd_streams[0];
	end = rte_get_tsc_cycles() + RUN_S * rte_get_tsc_hz();
	/* fwd_run_ended() stays set from an earlier search of this process: the results say */
	for (i = 0; rte_get_tsc_cycles() < end && (i++ % 1024 != 0 || !search_complete()); ) {
		cfg.engine->packet_fwd(fs);
		dut_step();
	}
done:
	test_capture_end(&cap, out, sizeof(out));
	captured = false;
	TEST_ASSERT(set_up, "options and set-up; printed:\n%s", out);
	TEST_ASSERT(fwd_run_ended() && search_complete(), "the search ended within %d s; printed:\n%s",
		    RUN_S, out);
	TEST_ASSERT(strstr(out, "\nrfc2544: done\n") != NULL, "rfc2544: done; printed:\n%s", out);
	TEST_ASSERT(dut.bad_frames == 0, "%" PRIu64 " bad test frames, the first: %s",
		    dut.bad_frames, dut.bad);
	TEST_ASSERT(!dut.seq_gap, "sequence numbers in order within each trial");
	TEST_ASSERT_EQ(dut.ring_full, 0);

	n = parse_trials(out, t, MAX_TRIALS);
	TEST_ASSERT_EQ(n, dut.trials);
	TEST_ASSERT(n >= 4, "a trial and a latency trial for each size; printed:\n%s", out);
	for (i = 0, k = 0; i < n; i++) {
		printf("# %u bytes, %s%" PRIu64 " sent, %" PRIu64 " lost: %s\n", t[i].size, t[i].kind,
		       t[i].sent, t[i].lost, t[i].verdict);
		TEST_ASSERT_EQ(t[i].sent, dut.seen[i]);
		TEST_ASSERT_EQ(t[i].lost, DROP);
		TEST_ASSERT(strcmp(t[i].verdict, "pass") == 0, "trial %u passes", i + 1);
		TEST_ASSERT(dut.injected[i], "IPv6 frames in trial %u", i + 1);
		sent += t[i].sent;
		rx_test += t[i].sent - DROP;
		k += strcmp(t[i].kind, "latency trial ") == 0;
	}
	TEST_ASSERT_EQ(k, 2);             /* one latency trial per size */
	TEST_ASSERT_EQ(t[n - 1].size, 128);
	TEST_ASSERT_EQ(dut.injected_frames, n * (RTE_DIM(test_ipv6_kinds) + 1));
	/* the stream: every frame received and consumed, test frames and IPv6 ones */
	TEST_ASSERT_EQ(fs->tx_packets, sent);
	TEST_ASSERT_EQ(fs->generated, sent);
	TEST_ASSERT_EQ(fs->rx_packets, rx_test + dut.injected_frames);
	for (i = 0; i < FWD_DROP_MAX; i++)
		TEST_ASSERT_EQ(fs->drops[i], i == FWD_DROP_CONSUMED ? fs->rx_packets : 0);
	/*
	 * The last trial's probes: its own, and the other flow's one IPv6 frame
	 * as that flow's; the latency measured is its own frames' alone (the
	 * other probe's TX time, 0, is no time of this run).
	 */
	TEST_ASSERT_EQ(fs->lat->probes, t[n - 1].sent - DROP + 1);
	for (i = 0; i < LAT_STREAM_FLOWS; i++)
		if (fs->lat->flows[i].received != 0 && fs->lat->flows[i].id == FOREIGN_FLOW)
			foreign += (unsigned int)fs->lat->flows[i].received;
	TEST_ASSERT_EQ(foreign + fs->lat->untracked, 1);
	TEST_ASSERT_EQ(fs->lat->hist[LAT_CLOCK_TSC].count, t[n - 1].sent - DROP);
	TEST_ASSERT_EQ(fs->lat->hist[LAT_CLOCK_HW].count, 0);
	TEST_ASSERT(fs->lat->hist[LAT_CLOCK_TSC].max_ns < (uint64_t)RUN_S * 1000000000u,
		    "latency max %" PRIu64 " ns within the run", fs->lat->hist[LAT_CLOCK_TSC].max_ns);
	ret = TEST_SUCCESS;
fail:
	if (captured)
		test_capture_end(&cap, out, sizeof(out));
	/* the engine's table at teardown kept off the TAP stream */
	if (test_capture_begin(&cap) == 0) {
		if (set_up)
			fwd_engine_teardown();
		test_capture_end(&cap, out, sizeof(out));
	} else if (set_up) {
		fwd_engine_teardown();
	}
	fwd_streams_free();
	{
		void *obj;

		while (rte_ring_dequeue(ring_rx, &obj) == 0 || rte_ring_dequeue(ring_tx, &obj) == 0)
			rte_pktmbuf_free(obj);
	}
	return TEST_RESULT_POOL_EMPTY(pool, ret);
}

/* UDP/IPv4 test frames (RFC 2544 appendix C), IPv6 frames among them coming back. */
static int
test_ipv6_among_test_frames(void)
{
	return search(false, "--rfc2544-sizes=64,128");
}

/* UDP/IPv6 test frames (--rfc2544-ipv6, RFC 5180) from 82 bytes, the same IPv6 frames among them. */
static int
test_ipv6_among_ipv6_test_frames(void)
{
	return search(true, "--rfc2544-sizes=82,128");
}

static const struct unit_test tests[] = {
	UNIT_SETUP(setup),
	UNIT_TEST(test_ipv6_among_test_frames),
	UNIT_TEST(test_ipv6_among_ipv6_test_frames),
};

UNIT_TEST_MAIN(tests)
