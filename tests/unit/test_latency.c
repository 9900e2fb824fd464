/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The arithmetic of skbfwd's benchmarking (skbfwd_lib): the rate parser of
 * --tx-rate with every unit and its refusals (the exact stderr lines), the
 * probe's bytes, the latency histogram's buckets and quantiles on synthetic
 * samples, loss and reordering from sequence numbers, and the TSC pacing of
 * --tx-rate on a synthetic clock.
 */

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"
#include "latency.h"
#include "pace.h"
#include "parse.h"

/* stderr of a call, captured in a temporary file */
static int stderr_saved = -1;
static char stderr_path[] = "/tmp/skbfwd_latency_XXXXXX";

static int
capture_start(void)
{
	int fd = mkstemp(stderr_path);

	if (fd < 0)
		return -1;
	fflush(stderr);
	stderr_saved = dup(STDERR_FILENO);
	dup2(fd, STDERR_FILENO);
	close(fd);
	return 0;
}

/* Stop capturing; what was written in @buf (the last newline removed). */
static void
capture_end(char *buf, size_t size)
{
	FILE *f;
	size_t n = 0;

	fflush(stderr);
	dup2(stderr_saved, STDERR_FILENO);
	close(stderr_saved);
	buf[0] = '\0';
	f = fopen(stderr_path, "r");
	if (f != NULL) {
		n = fread(buf, 1, size - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	if (n > 0 && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	unlink(stderr_path);
	strcpy(stderr_path + strlen(stderr_path) - 6, "XXXXXX");
}

/* skbfwd_parse_rate("tx-rate", @s) with its stderr in @err. */
static int
parse_rate(const char *s, struct skbfwd_rate *r, char *err, size_t size)
{
	int ret;

	if (capture_start() < 0)
		return -999;
	ret = skbfwd_parse_rate("tx-rate", s, r);
	capture_end(err, size);
	return ret;
}

static int
test_rate_units(void)
{
	static const struct {
		const char *s;
		double value;
		bool bits;
	} t[] = {
		{ "1pps", 1, false }, { "1000pps", 1000, false }, { "500kpps", 500000, false },
		{ "1Mpps", 1e6, false }, { "2.5Mpps", 2500000, false }, { "1000Mpps", 1e9, false },
		{ ".5kpps", 500, false }, { "100Mbit/s", 1e8, true }, { "0.001Mbit/s", 1000, true },
		{ "10Gbit/s", 1e10, true }, { "1000Gbit/s", 1e12, true }, { "2.5Gbit/s", 2.5e9, true },
	};
	struct skbfwd_rate r;
	char err[256];
	unsigned int i;

	for (i = 0; i < RTE_DIM(t); i++) {
		r.value = -1;
		TEST_ASSERT(parse_rate(t[i].s, &r, err, sizeof(err)) == 0, "%s: %s", t[i].s, err);
		TEST_ASSERT(r.value == t[i].value && r.bits == t[i].bits, "%s: %.17g %d", t[i].s,
			    r.value, r.bits);
		TEST_ASSERT(err[0] == '\0', "%s printed '%s'", t[i].s, err);
	}
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

/* Bits count the frame, its FCS, preamble and gap: 64-byte frames (60 + FCS) are 84 bytes. */
static int
test_rate_wire(void)
{
	struct skbfwd_rate r;
	char err[256], buf[32];

	TEST_ASSERT_EQ(SKBFWD_WIRE_BYTES(60), 84);
	TEST_ASSERT_EQ(SKBFWD_WIRE_BYTES(1514), 1538);
	TEST_ASSERT_EQ(parse_rate("10Gbit/s", &r, err, sizeof(err)), 0);
	/* 10e9 / (84 x 8) = 14880952.38 and 10e9 / (1538 x 8) = 812743.82 frames/s */
	TEST_ASSERT_EQ((long long)skbfwd_rate_pps(&r, 60), 14880952);
	TEST_ASSERT_EQ((long long)skbfwd_rate_pps(&r, 1514), 812743);
	TEST_ASSERT_EQ((long long)skbfwd_rate_pps(&r, 64), 14204545);
	TEST_ASSERT(strcmp(skbfwd_rate_format(&r, buf, sizeof(buf)), "10.000 Gbit/s") == 0, "%s", buf);
	TEST_ASSERT_EQ(parse_rate("100Mbit/s", &r, err, sizeof(err)), 0);
	TEST_ASSERT_EQ((long long)skbfwd_rate_pps(&r, 60), 148809);
	TEST_ASSERT(strcmp(skbfwd_rate_format(&r, buf, sizeof(buf)), "100.000 Mbit/s") == 0, "%s", buf);
	TEST_ASSERT_EQ(parse_rate("1Mpps", &r, err, sizeof(err)), 0);
	TEST_ASSERT(skbfwd_rate_pps(&r, 60) == 1e6 && skbfwd_rate_pps(&r, 1514) == 1e6, "pps");
	TEST_ASSERT(strcmp(skbfwd_rate_format(&r, buf, sizeof(buf)), "1.000 Mpps") == 0, "%s", buf);
	TEST_ASSERT_EQ(parse_rate("250kpps", &r, err, sizeof(err)), 0);
	TEST_ASSERT(strcmp(skbfwd_rate_format(&r, buf, sizeof(buf)), "250.000 kpps") == 0, "%s", buf);
	TEST_ASSERT_EQ(parse_rate("20pps", &r, err, sizeof(err)), 0);
	TEST_ASSERT(strcmp(skbfwd_rate_format(&r, buf, sizeof(buf)), "20.000 pps") == 0, "%s", buf);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

static int
test_rate_bad(void)
{
#define SYNTAX(s) "skbfwd: --tx-rate=" s ": expected a number and a unit (pps, kpps, Mpps, Mbit/s or Gbit/s)"
#define RANGE(s, r) "skbfwd: --tx-rate=" s " is out of range (" r ")"
	static const struct {
		const char *s, *err;
	} t[] = {
		{ "", SYNTAX("") }, { "5", SYNTAX("5") }, { "Mpps", SYNTAX("Mpps") },
		{ "5 Mpps", SYNTAX("5 Mpps") }, { "5mpps", SYNTAX("5mpps") },
		{ "5Mbps", SYNTAX("5Mbps") }, { "5kbit/s", SYNTAX("5kbit/s") },
		{ "-1Mpps", SYNTAX("-1Mpps") }, { "+1Mpps", SYNTAX("+1Mpps") },
		{ "1e6pps", SYNTAX("1e6pps") }, { "1.2.3Mpps", SYNTAX("1.2.3Mpps") },
		{ ".Mpps", SYNTAX(".Mpps") }, { "1Mpps ", SYNTAX("1Mpps ") },
		{ "0x10pps", SYNTAX("0x10pps") }, { "nanpps", SYNTAX("nanpps") },
		{ "0pps", RANGE("0pps", "1..1000000000 pps") },
		{ "0.5pps", RANGE("0.5pps", "1..1000000000 pps") },
		{ "1000000001pps", RANGE("1000000001pps", "1..1000000000 pps") },
		{ "0kpps", RANGE("0kpps", "0.001..1000000 kpps") },
		{ "1000.5Mpps", RANGE("1000.5Mpps", "0.000001..1000 Mpps") },
		{ "0Mbit/s", RANGE("0Mbit/s", "0.001..1000000 Mbit/s") },
		{ "0.0009Mbit/s", RANGE("0.0009Mbit/s", "0.001..1000000 Mbit/s") },
		{ "1001Gbit/s", RANGE("1001Gbit/s", "0.000001..1000 Gbit/s") },
		{ "99999999999999999999999Gbit/s",
		  RANGE("99999999999999999999999Gbit/s", "0.000001..1000 Gbit/s") },
	};
#undef SYNTAX
#undef RANGE
	struct skbfwd_rate r = { 7, true };
	char err[256];
	unsigned int i;

	for (i = 0; i < RTE_DIM(t); i++) {
		TEST_ASSERT(parse_rate(t[i].s, &r, err, sizeof(err)) == -EINVAL, "'%s' accepted",
			    t[i].s);
		TEST_ASSERT(strcmp(err, t[i].err) == 0, "'%s': '%s'", t[i].s, err);
		TEST_ASSERT(r.value == 7 && r.bits, "'%s' changed the rate", t[i].s);
	}
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

/* The probe's bytes on the wire, and back. */
static int
test_probe_bytes(void)
{
	static const uint8_t want[LAT_PROBE_LEN] = {
		0x53, 0x4b, 0x42, 0x50, 0x01, 0x02, 0x03, 0x04,
		0x04, 0x02, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88,
	};
	uint8_t buf[LAT_PROBE_LEN + 1];
	uint16_t flow = 0;
	uint32_t seq = 0;
	uint64_t ts = 0;

	TEST_ASSERT_EQ(LAT_FLOW(1, 2), 0x0402);
	TEST_ASSERT_EQ(LAT_FLOW_PORT(LAT_FLOW(31, 1023)), 31);
	TEST_ASSERT_EQ(LAT_FLOW_QUEUE(LAT_FLOW(31, 1023)), 1023);
	/* unaligned, as in a frame (byte 42) */
	lat_probe_write(buf + 1, LAT_FLOW(1, 2), 0x01020304, UINT64_C(0x1122334455667788));
	TEST_ASSERT(memcmp(buf + 1, want, sizeof(want)) == 0, "probe bytes");
	TEST_ASSERT(lat_probe_read(buf + 1, &flow, &seq, &ts), "read back");
	TEST_ASSERT_EQ(flow, 0x0402);
	TEST_ASSERT_EQ(seq, 0x01020304);
	TEST_ASSERT(ts == UINT64_C(0x334455667788), "ts %llx", (unsigned long long)ts);
	buf[1] = 0x54;
	TEST_ASSERT(!lat_probe_read(buf + 1, &flow, &seq, &ts), "no magic, no probe");
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

/* Every bucket holds exactly [lower, upper); they tile 0 .. 2^36 ns. */
static int
test_hist_buckets(void)
{
	unsigned int b;

	TEST_ASSERT_EQ(LAT_BUCKETS, 1025);
	for (b = 0; b < LAT_BUCKETS - 1; b++) {
		uint64_t lo = lat_bucket_lower(b), hi = lat_bucket_upper(b);

		TEST_ASSERT(lo < hi, "bucket %u: %llu..%llu", b, (unsigned long long)lo,
			    (unsigned long long)hi);
		TEST_ASSERT_EQ(lat_bucket(lo), b);
		TEST_ASSERT_EQ(lat_bucket(hi - 1), b);
		TEST_ASSERT_EQ(lat_bucket(hi), b + 1);
		/* exact below 32 ns, then at most 1/32 of the value wide */
		TEST_ASSERT(lo < LAT_SUB ? hi - lo == 1 : (hi - lo) * LAT_SUB <= lo,
			    "bucket %u too wide", b);
	}
	TEST_ASSERT_EQ(lat_bucket_lower(0), 0);
	TEST_ASSERT_EQ(lat_bucket(31), 31);
	TEST_ASSERT_EQ(lat_bucket(64), 64);
	TEST_ASSERT_EQ(lat_bucket(65), 64);
	TEST_ASSERT_EQ(lat_bucket(1000), 190);
	TEST_ASSERT_EQ(lat_bucket_lower(190), 992);
	TEST_ASSERT_EQ(lat_bucket_upper(190), 1008);
	/* 10 s */
	TEST_ASSERT_EQ(lat_bucket(UINT64_C(10000000000)), 933);
	TEST_ASSERT_EQ(lat_bucket_lower(933), UINT64_C(9932111872));
	TEST_ASSERT_EQ(lat_bucket(UINT64_C(1) << 36), LAT_BUCKETS - 1);
	TEST_ASSERT_EQ(lat_bucket(UINT64_MAX), LAT_BUCKETS - 1);
	TEST_ASSERT(lat_bucket_upper(LAT_BUCKETS - 1) == UINT64_MAX, "last bucket open");
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

static struct lat_hist h1, h2;

static int
test_hist_quantiles(void)
{
	unsigned int i;

	/* 1..100 ns: exact buckets below 64, two ns wide above */
	lat_hist_reset(&h1);
	TEST_ASSERT_EQ(lat_hist_quantile(&h1, 500000), 0);
	for (i = 1; i <= 100; i++)
		lat_hist_add(&h1, i);
	TEST_ASSERT_EQ(h1.count, 100);
	TEST_ASSERT_EQ(h1.min_ns, 1);
	TEST_ASSERT_EQ(h1.max_ns, 100);
	TEST_ASSERT(lat_hist_mean(&h1) == 50.5, "mean %f", lat_hist_mean(&h1));
	TEST_ASSERT_EQ(lat_hist_quantile(&h1, 10000), 1);     /* rank 1 */
	TEST_ASSERT_EQ(lat_hist_quantile(&h1, 500000), 50);   /* rank 50, exact bucket */
	TEST_ASSERT_EQ(lat_hist_quantile(&h1, 900000), 91);   /* rank 90, bucket 90..91 */
	TEST_ASSERT_EQ(lat_hist_quantile(&h1, 990000), 99);   /* rank 99, bucket 98..99 */
	TEST_ASSERT_EQ(lat_hist_quantile(&h1, 999000), 100);  /* rank 100, bucket 100..101 */
	TEST_ASSERT_EQ(lat_hist_quantile(&h1, 1000000), 100);
	TEST_ASSERT_EQ(lat_hist_quantile(&h1, 0), 0);
	TEST_ASSERT_EQ(lat_hist_quantile(&h1, 1000001), 0);

	/* equal samples give that value at every quantile */
	lat_hist_reset(&h2);
	for (i = 0; i < 1000; i++)
		lat_hist_add(&h2, 5000);
	TEST_ASSERT_EQ(lat_hist_quantile(&h2, 500000), 5000);
	TEST_ASSERT_EQ(lat_hist_quantile(&h2, 999000), 5000);
	TEST_ASSERT(lat_hist_mean(&h2) == 5000, "mean");

	/* 1 us and 10 s: the range the histogram must cover */
	lat_hist_reset(&h2);
	lat_hist_add(&h2, 1000);
	lat_hist_add(&h2, UINT64_C(10000000000));
	TEST_ASSERT_EQ(lat_hist_quantile(&h2, 500000), 1007);
	TEST_ASSERT_EQ(lat_hist_quantile(&h2, 900000), UINT64_C(10000000000));
	TEST_ASSERT_EQ(h2.bucket[190], 1);
	TEST_ASSERT_EQ(h2.bucket[933], 1);

	/*
	 * 999 samples of 2 us, one of 1 ms: p99.9 is still 2 us's bucket
	 * (1984..2015 ns, given as its largest value), the maximum 1 ms
	 */
	lat_hist_reset(&h2);
	for (i = 0; i < 999; i++)
		lat_hist_add(&h2, 2000);
	lat_hist_add(&h2, 1000000);
	TEST_ASSERT_EQ(lat_hist_quantile(&h2, 999000), 2015);
	TEST_ASSERT_EQ(lat_hist_quantile(&h2, 1000000), 1000000);
	TEST_ASSERT(lat_hist_mean(&h2) == 2998, "mean %f", lat_hist_mean(&h2));

	/* merging: as one histogram of both */
	lat_hist_merge(&h2, &h1);
	TEST_ASSERT_EQ(h2.count, 1100);
	TEST_ASSERT_EQ(h2.min_ns, 1);
	TEST_ASSERT_EQ(h2.max_ns, 1000000);
	TEST_ASSERT_EQ(h2.sum_ns, 999 * 2000 + 1000000 + 5050);
	TEST_ASSERT_EQ(lat_hist_quantile(&h2, 90000), 99);    /* rank 99: sample 99 */
	TEST_ASSERT_EQ(lat_hist_quantile(&h2, 100000), 2015); /* rank 110: a 2 us one */
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

static int
test_flow_seq(void)
{
	static const uint32_t reorder[] = { 0, 1, 2, 4, 3, 5 };
	struct lat_flow f, flows[LAT_STREAM_FLOWS];
	unsigned int i;

	memset(&f, 0, sizeof(f));
	for (i = 0; i < RTE_DIM(reorder); i++)
		lat_flow_count(&f, reorder[i]);
	TEST_ASSERT_EQ(f.received, 6);
	TEST_ASSERT_EQ(f.next_seq, 6);
	TEST_ASSERT_EQ(f.reordered, 1);
	TEST_ASSERT_EQ(lat_flow_lost(&f, 0), 0);
	TEST_ASSERT_EQ(lat_flow_lost(&f, 6), 0);
	TEST_ASSERT_EQ(lat_flow_lost(&f, 9), 3);   /* three more sent than came */

	/* gaps are lost; a late one is reordered and no longer lost */
	memset(&f, 0, sizeof(f));
	lat_flow_count(&f, 0);
	lat_flow_count(&f, 1);
	lat_flow_count(&f, 5);
	TEST_ASSERT_EQ(lat_flow_lost(&f, 0), 3);
	lat_flow_count(&f, 3);
	TEST_ASSERT_EQ(lat_flow_lost(&f, 0), 2);
	TEST_ASSERT_EQ(f.reordered, 1);
	/* the first ones missing count as lost too */
	memset(&f, 0, sizeof(f));
	lat_flow_count(&f, 10);
	TEST_ASSERT_EQ(lat_flow_lost(&f, 0), 10);
	/* a duplicate: received twice, nothing lost, one out of order */
	memset(&f, 0, sizeof(f));
	lat_flow_count(&f, 0);
	lat_flow_count(&f, 0);
	TEST_ASSERT_EQ(f.received, 2);
	TEST_ASSERT_EQ(f.reordered, 1);
	TEST_ASSERT_EQ(lat_flow_lost(&f, 0), 0);

	/* past 2^32: the numbers unwrap */
	memset(&f, 0, sizeof(f));
	f.next_seq = (UINT64_C(1) << 32) - 2;
	f.received = (UINT64_C(1) << 32) - 2;
	lat_flow_count(&f, 0xfffffffeu);
	lat_flow_count(&f, 0xffffffffu);
	lat_flow_count(&f, 1);
	lat_flow_count(&f, 0);
	TEST_ASSERT(f.next_seq == (UINT64_C(1) << 32) + 2, "next %llu",
		    (unsigned long long)f.next_seq);
	TEST_ASSERT_EQ(f.reordered, 1);
	TEST_ASSERT_EQ(lat_flow_lost(&f, 0), 0);

	/* the table: each id one entry, 64 of them, then none */
	memset(flows, 0, sizeof(flows));
	for (i = 0; i < LAT_STREAM_FLOWS; i++) {
		struct lat_flow *e = lat_flow_find(flows, LAT_STREAM_FLOWS, (uint16_t)(i * 7));

		TEST_ASSERT(e != NULL && e->id == i * 7, "flow %u", i * 7);
		lat_flow_count(e, 0);
	}
	for (i = 0; i < LAT_STREAM_FLOWS; i++)
		TEST_ASSERT_EQ(lat_flow_find(flows, LAT_STREAM_FLOWS, (uint16_t)(i * 7))->received, 1);
	TEST_ASSERT(lat_flow_find(flows, LAT_STREAM_FLOWS, 5) == NULL, "a 65th flow");
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

/*
 * The pacing of --tx-rate on a synthetic TSC of 1 GHz: 1 Mpps is a frame
 * every 1000 cycles; a lcore polling every 3000 cycles sends 3 a poll and
 * exactly the frames due over 100 ms; a stall longer than 100 ms is not made
 * up; the achieved rate counts the frames over the time they took.
 */
static int
test_pace(void)
{
	const uint64_t hz = 1000000000, t0 = 5000000000;
	struct fwd_pace p;
	uint64_t t, frames = 0;
	unsigned int n;

	fwd_pace_start(&p, 1e6, hz, 32);
	TEST_ASSERT(p.cycles_per_frame == 1000 && p.depth == 1e8, "1 Mpps: %f, depth %f",
		    p.cycles_per_frame, p.depth);
	/* the first frame at once, the next 1000 cycles later */
	TEST_ASSERT_EQ(fwd_pace_due(&p, t0, 32), 1);
	fwd_pace_sent(&p, t0, 1);
	TEST_ASSERT_EQ(fwd_pace_due(&p, t0 + 999, 32), 0);
	TEST_ASSERT_EQ(fwd_pace_due(&p, t0 + 1000, 32), 1);
	/* 32 due at once: a burst at most */
	TEST_ASSERT_EQ(fwd_pace_due(&p, t0 + 40000, 32), 32);
	TEST_ASSERT_EQ(fwd_pace_due(&p, t0 + 40000, 8), 8);
	/* a poll every 3000 cycles for 100 ms: 3 frames a poll, 100000 in all */
	fwd_pace_start(&p, 1e6, hz, 32);
	for (t = t0; t < t0 + hz / 10; t += 3000) {
		n = fwd_pace_due(&p, t, 32);
		fwd_pace_sent(&p, t, n);
		frames += n;
	}
	TEST_ASSERT_EQ(frames, 100000);
	TEST_ASSERT(fabs(fwd_pace_rate(&p, hz) - 1e6) < 1e6 * 1e-4, "rate %f",
		    fwd_pace_rate(&p, hz));
	/* a 300 ms stall: 100 ms of frames owed (and the one due now), no more, in full bursts */
	t += 3 * hz / 10;
	frames = 0;
	do {
		n = fwd_pace_due(&p, t, 32);
		fwd_pace_sent(&p, t, n);
		frames += n;
		TEST_ASSERT(n == 32 || frames == 100001, "a burst of %u after %llu", n,
			    (unsigned long long)frames);
	} while (n != 0);
	TEST_ASSERT_EQ(frames, 100000 + 1);
	/* frames sent to the TX port's liking only: what it refused is owed again */
	fwd_pace_start(&p, 1e6, hz, 32);
	TEST_ASSERT_EQ(fwd_pace_due(&p, t0, 32), 1);
	fwd_pace_sent(&p, t0, 0);
	TEST_ASSERT_EQ(fwd_pace_due(&p, t0 + 2000, 32), 3);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

static const struct unit_test tests[] = {
	UNIT_TEST(test_rate_units),
	UNIT_TEST(test_rate_wire),
	UNIT_TEST(test_rate_bad),
	UNIT_TEST(test_probe_bytes),
	UNIT_TEST(test_hist_buckets),
	UNIT_TEST(test_hist_quantiles),
	UNIT_TEST(test_flow_seq),
	UNIT_TEST(test_pace),
};

UNIT_TEST_MAIN(tests)
