/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * skb micro-benchmarks: TSC cycles per call of each libskb operation beside its
 * raw rte_mbuf equivalent, on the same pool, the same lcore, the same loop.
 *
 *   skb_bench [--json] [--iterations N] [--file-prefix P]
 *
 * Each figure is the lowest of ROUNDS rounds of N calls (the round least
 * disturbed by other work on the machine), loop overhead included on both
 * sides.  The pool has a per-lcore cache (as a forwarding pool has), so
 * alloc/free measure the cache path.  tests/perf/bench.py runs this with --json,
 * once a process for each of its --runs.  EAL runs without hugepages under the
 * file prefix P (default skb_bench_PID); its runtime directory is removed at exit.
 */

#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#include "skb.h"
#include "test.h"   /* unit_test_eal_init(), unit_test_remove_runtime_dir() */

#define ROUNDS 7
#define BULK 32
#define CHAIN_OPS 8          /* calls per iteration for reserve/put/push/pull */

/* Keep a value alive without costing an instruction. */
#define SINK(p) __asm__ volatile("" : : "r"(p) : "memory")

struct bench_ctx {
	struct rte_mempool *mp;
	struct sk_buff *skb;        /* linear, 64 bytes of data after 128 of headroom */
	struct rte_mbuf *m;         /* the same, for the raw side */
	struct sk_buff *chain;      /* 20 + 44 bytes in two segments */
	struct rte_ring *ring_st;   /* SP/SC: the lockless queue twin */
	struct rte_ring *ring_mt;   /* MP/MC: the thread-safe queue twin */
	unsigned long iters;
};

typedef void (*bench_fn)(struct bench_ctx *c, unsigned long n);

struct bench_op {
	const char *op;             /* the skb call(s) */
	const char *mbuf_op;        /* the rte_mbuf twin */
	bench_fn skb_fn;
	bench_fn mbuf_fn;
	unsigned int calls;         /* calls per iteration, to divide by */
};

/* ---------------------------------------------------------------- alloc / free */

static void
b_alloc_skb(struct bench_ctx *c, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		struct sk_buff *s = alloc_skb(c->mp, 0);

		SINK(s);
		kfree_skb(s);
	}
}

static void
b_alloc_mbuf(struct bench_ctx *c, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		struct rte_mbuf *m = rte_pktmbuf_alloc(c->mp);

		SINK(m);
		rte_pktmbuf_free(m);
	}
}

static void
b_alloc_skb_bulk(struct bench_ctx *c, unsigned long n)
{
	struct sk_buff *s[BULK];

	for (unsigned long i = 0; i < n; i++) {
		if (alloc_skb_bulk(c->mp, s, BULK, 0) != 0)
			abort();
		SINK(s);
		kfree_skb_bulk(s, BULK);
	}
}

static void
b_alloc_mbuf_bulk(struct bench_ctx *c, unsigned long n)
{
	struct rte_mbuf *m[BULK];

	for (unsigned long i = 0; i < n; i++) {
		if (rte_pktmbuf_alloc_bulk(c->mp, m, BULK) != 0)
			abort();
		SINK(m);
		rte_pktmbuf_free_bulk(m, BULK);
	}
}

/* ---------------------------------------------------------------- linear data */

/* Back to 128 bytes of headroom and @len bytes of data. */
static inline void
reset_linear(struct rte_mbuf *m, uint16_t len)
{
	m->data_off = 128;
	m->data_len = len;
	m->pkt_len = len;
}

static void
b_skb_reserve(struct bench_ctx *c, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		reset_linear(&c->skb->mbuf, 0);
		for (unsigned int j = 0; j < CHAIN_OPS; j++)
			skb_reserve(c->skb, 16);
		SINK(c->skb);
	}
}

/* rte_mbuf has no reserve call: the same bounded move of data_off, by hand. */
static void
b_mbuf_reserve(struct bench_ctx *c, unsigned long n)
{
	struct rte_mbuf *m = c->m;

	for (unsigned long i = 0; i < n; i++) {
		reset_linear(m, 0);
		for (unsigned int j = 0; j < CHAIN_OPS; j++) {
			if (likely(m->data_off + 16u + m->data_len <= m->buf_len))
				m->data_off += 16;
		}
		SINK(m);
	}
}

static void
b_skb_put(struct bench_ctx *c, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		reset_linear(&c->skb->mbuf, 0);
		for (unsigned int j = 0; j < CHAIN_OPS; j++)
			SINK(skb_put(c->skb, 16));
	}
}

static void
b_mbuf_append(struct bench_ctx *c, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		reset_linear(c->m, 0);
		for (unsigned int j = 0; j < CHAIN_OPS; j++)
			SINK(rte_pktmbuf_append(c->m, 16));
	}
}

static void
b_skb_push(struct bench_ctx *c, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		reset_linear(&c->skb->mbuf, 0);
		for (unsigned int j = 0; j < CHAIN_OPS; j++)
			SINK(skb_push(c->skb, 14));
	}
}

static void
b_mbuf_prepend(struct bench_ctx *c, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		reset_linear(c->m, 0);
		for (unsigned int j = 0; j < CHAIN_OPS; j++)
			SINK(rte_pktmbuf_prepend(c->m, 14));
	}
}

static void
b_skb_pull(struct bench_ctx *c, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		reset_linear(&c->skb->mbuf, 128);
		for (unsigned int j = 0; j < CHAIN_OPS; j++)
			SINK(skb_pull(c->skb, 14));
	}
}

static void
b_mbuf_adj(struct bench_ctx *c, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		reset_linear(c->m, 128);
		for (unsigned int j = 0; j < CHAIN_OPS; j++)
			SINK(rte_pktmbuf_adj(c->m, 14));
	}
}

/* ---------------------------------------------------------------- sharing and copies */

static void
b_skb_clone(struct bench_ctx *c, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		struct sk_buff *cl = skb_clone(c->skb);

		SINK(cl);
		kfree_skb(cl);
	}
}

static void
b_mbuf_clone(struct bench_ctx *c, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		struct rte_mbuf *cl = rte_pktmbuf_clone(c->m, c->mp);

		SINK(cl);
		rte_pktmbuf_free(cl);
	}
}

#ifdef HAVE_SKB_COPY
static void
b_skb_copy(struct bench_ctx *c, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		struct sk_buff *cp = skb_copy(c->skb);

		SINK(cp);
		kfree_skb(cp);
	}
}
#endif

static void
b_mbuf_copy(struct bench_ctx *c, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		struct rte_mbuf *cp = rte_pktmbuf_copy(c->m, c->mp, 0, UINT32_MAX);

		SINK(cp);
		rte_pktmbuf_free(cp);
	}
}

static void
b_skb_copy_bits(struct bench_ctx *c, unsigned long n)
{
	uint8_t buf[64];

	for (unsigned long i = 0; i < n; i++) {
		if (skb_copy_bits(c->skb, 0, buf, 64) != 0)
			abort();
		SINK(buf);
	}
}

static void
b_mbuf_read_copy(struct bench_ctx *c, unsigned long n)
{
	uint8_t buf[64];

	for (unsigned long i = 0; i < n; i++) {
		/* rte_pktmbuf_read copies only for data across segments: copy by hand */
		const void *p = rte_pktmbuf_read(c->m, 0, 64, buf);

		if (p != buf)
			rte_memcpy(buf, p, 64);
		SINK(buf);
	}
}

/* ---------------------------------------------------------------- reads */

static void
b_skb_hp_linear(struct bench_ctx *c, unsigned long n)
{
	uint8_t buf[20];

	for (unsigned long i = 0; i < n; i++)
		SINK(skb_header_pointer(c->skb, 14, 20, buf));
}

static void
b_mbuf_read_linear(struct bench_ctx *c, unsigned long n)
{
	uint8_t buf[20];

	for (unsigned long i = 0; i < n; i++)
		SINK(rte_pktmbuf_read(c->m, 14, 20, buf));
}

static void
b_skb_hp_chain(struct bench_ctx *c, unsigned long n)
{
	uint8_t buf[20];

	for (unsigned long i = 0; i < n; i++)
		SINK(skb_header_pointer(c->chain, 14, 20, buf));
}

static void
b_mbuf_read_chain(struct bench_ctx *c, unsigned long n)
{
	uint8_t buf[20];

	for (unsigned long i = 0; i < n; i++)
		SINK(rte_pktmbuf_read(&c->chain->mbuf, 14, 20, buf));
}

/* ---------------------------------------------------------------- queues */

#ifdef HAVE_SKB_QUEUE
static void
b_skb_queue_locked(struct bench_ctx *c, unsigned long n)
{
	struct sk_buff_head q;

	skb_queue_head_init(&q);
	for (unsigned long i = 0; i < n; i++) {
		skb_queue_tail(&q, c->skb);
		SINK(skb_dequeue(&q));
	}
}

static void
b_skb_queue_lockless(struct bench_ctx *c, unsigned long n)
{
	struct sk_buff_head q;

	skb_queue_head_init(&q);
	for (unsigned long i = 0; i < n; i++) {
		__skb_queue_tail(&q, c->skb);
		SINK(__skb_dequeue(&q));
	}
}
#endif

static void
b_ring_mt(struct bench_ctx *c, unsigned long n)
{
	void *obj;

	for (unsigned long i = 0; i < n; i++) {
		if (rte_ring_mp_enqueue(c->ring_mt, c->m) != 0 ||
		    rte_ring_mc_dequeue(c->ring_mt, &obj) != 0)
			abort();
		SINK(obj);
	}
}

static void
b_ring_st(struct bench_ctx *c, unsigned long n)
{
	void *obj;

	for (unsigned long i = 0; i < n; i++) {
		if (rte_ring_sp_enqueue(c->ring_st, c->m) != 0 ||
		    rte_ring_sc_dequeue(c->ring_st, &obj) != 0)
			abort();
		SINK(obj);
	}
}

static const struct bench_op ops[] = {
	{ "alloc_skb+kfree_skb", "rte_pktmbuf_alloc+rte_pktmbuf_free",
	  b_alloc_skb, b_alloc_mbuf, 1 },
	{ "alloc_skb_bulk+kfree_skb_bulk (32)", "rte_pktmbuf_alloc_bulk+rte_pktmbuf_free_bulk (32)",
	  b_alloc_skb_bulk, b_alloc_mbuf_bulk, BULK },
	{ "skb_reserve", "data_off += len (bounded, by hand)",
	  b_skb_reserve, b_mbuf_reserve, CHAIN_OPS },
	{ "skb_put", "rte_pktmbuf_append", b_skb_put, b_mbuf_append, CHAIN_OPS },
	{ "skb_push", "rte_pktmbuf_prepend", b_skb_push, b_mbuf_prepend, CHAIN_OPS },
	{ "skb_pull", "rte_pktmbuf_adj", b_skb_pull, b_mbuf_adj, CHAIN_OPS },
	{ "skb_clone+kfree_skb", "rte_pktmbuf_clone+rte_pktmbuf_free",
	  b_skb_clone, b_mbuf_clone, 1 },
#ifdef HAVE_SKB_COPY
	{ "skb_copy+kfree_skb", "rte_pktmbuf_copy+rte_pktmbuf_free",
	  b_skb_copy, b_mbuf_copy, 1 },
#else
	{ "skb_copy+kfree_skb", "rte_pktmbuf_copy+rte_pktmbuf_free",
	  NULL, b_mbuf_copy, 1 },
#endif
	{ "skb_copy_bits (64 B)", "rte_pktmbuf_read+memcpy (64 B)",
	  b_skb_copy_bits, b_mbuf_read_copy, 1 },
	{ "skb_header_pointer linear", "rte_pktmbuf_read linear",
	  b_skb_hp_linear, b_mbuf_read_linear, 1 },
	{ "skb_header_pointer across segments", "rte_pktmbuf_read across segments",
	  b_skb_hp_chain, b_mbuf_read_chain, 1 },
#ifdef HAVE_SKB_QUEUE
	{ "skb_queue_tail+skb_dequeue", "rte_ring_mp_enqueue+rte_ring_mc_dequeue",
	  b_skb_queue_locked, b_ring_mt, 1 },
	{ "__skb_queue_tail+__skb_dequeue", "rte_ring_sp_enqueue+rte_ring_sc_dequeue",
	  b_skb_queue_lockless, b_ring_st, 1 },
#else
	{ "skb_queue_tail+skb_dequeue", "rte_ring_mp_enqueue+rte_ring_mc_dequeue",
	  NULL, b_ring_mt, 1 },
	{ "__skb_queue_tail+__skb_dequeue", "rte_ring_sp_enqueue+rte_ring_sc_dequeue",
	  NULL, b_ring_st, 1 },
#endif
};

/* Lowest cycles per call over ROUNDS rounds (after one warm-up round). */
static double
bench_run(bench_fn fn, struct bench_ctx *c, unsigned int calls)
{
	uint64_t best = UINT64_MAX;
	unsigned int r;

	fn(c, c->iters / 16 + 1);
	for (r = 0; r < ROUNDS; r++) {
		uint64_t t0 = rte_rdtsc_precise();

		fn(c, c->iters);
		t0 = rte_rdtsc_precise() - t0;
		if (t0 < best)
			best = t0;
	}
	/* the linear-data loops leave other lengths behind: back to 64 bytes */
	reset_linear(&c->skb->mbuf, 64);
	reset_linear(c->m, 64);
	return (double)best / ((double)c->iters * calls);
}

static int
bench_setup(struct bench_ctx *c)
{
	struct sk_buff *frag;

	c->mp = skb_pool_create_cache("skb_bench", 8191, 256, RTE_MBUF_DEFAULT_BUF_SIZE,
				      (int)rte_socket_id());
	if (c->mp == NULL)
		return -1;
	c->skb = alloc_skb(c->mp, 256);
	c->m = rte_pktmbuf_alloc(c->mp);
	c->chain = alloc_skb(c->mp, 64);
	frag = alloc_skb(c->mp, 64);
	if (c->skb == NULL || c->m == NULL || c->chain == NULL || frag == NULL)
		return -1;
	reset_linear(&c->skb->mbuf, 64);
	reset_linear(c->m, 64);
	memset(skb_data(c->skb), 0x5a, 64);
	memset(rte_pktmbuf_mtod(c->m, void *), 0x5a, 64);
	if (skb_put(c->chain, 20) == NULL || skb_put(frag, 44) == NULL)
		return -1;
	if (skb_append_frag(c->chain, frag) != 0)
		return -1;
	c->ring_st = rte_ring_create("skb_bench_st", 64, (int)rte_socket_id(),
				     RING_F_SP_ENQ | RING_F_SC_DEQ);
	c->ring_mt = rte_ring_create("skb_bench_mt", 64, (int)rte_socket_id(), 0);
	return c->ring_st && c->ring_mt ? 0 : -1;
}

static void
bench_teardown(struct bench_ctx *c)
{
	kfree_skb(c->skb);
	kfree_skb(c->chain);
	rte_pktmbuf_free(c->m);
	rte_ring_free(c->ring_st);
	rte_ring_free(c->ring_mt);
	rte_mempool_free(c->mp);
}

int
main(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "iterations", required_argument, NULL, 'n' },
		{ "file-prefix", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	char prefix[64];
	struct bench_ctx c = { .iters = 2000000 };
	bool json = false;
	unsigned int i, in_use;
	int opt;

	snprintf(prefix, sizeof(prefix), "skb_bench_%d", (int)getpid());
	while ((opt = getopt_long(argc, argv, "", lopts, NULL)) != -1) {
		switch (opt) {
		case 'j':
			json = true;
			break;
		case 'n':
			c.iters = strtoul(optarg, NULL, 0);
			if (c.iters == 0) {
				fprintf(stderr, "skb_bench: --iterations=%s: expected a count > 0\n", optarg);
				return EXIT_FAILURE;
			}
			break;
		case 'p':
			snprintf(prefix, sizeof(prefix), "%s", optarg);
			break;
		default:
			fprintf(stderr, "usage: skb_bench [--json] [--iterations N] [--file-prefix P]\n");
			return EXIT_FAILURE;
		}
	}
	if (unit_test_eal_init(argv[0], "1", "256", prefix) < 0) {
		fprintf(stderr, "skb_bench: EAL initialisation failed: %s\n", rte_strerror(rte_errno));
		return EXIT_FAILURE;
	}
	if (bench_setup(&c) < 0) {
		fprintf(stderr, "skb_bench: set-up failed (pool, skbs or rings)\n");
		rte_eal_cleanup();
		unit_test_remove_runtime_dir(prefix);
		return EXIT_FAILURE;
	}
	if (json)
		printf("{\"tsc_hz\": %" PRIu64 ", \"iterations\": %lu, \"rounds\": %d, \"ops\": [",
		       rte_get_tsc_hz(), c.iters, ROUNDS);
	else
		printf("%-36s %9s   %-48s %9s %6s\n", "skb call", "cycles", "rte_mbuf twin",
		       "cycles", "ratio");
	for (i = 0; i < RTE_DIM(ops); i++) {
		const struct bench_op *o = &ops[i];
		double mb = bench_run(o->mbuf_fn, &c, o->calls);
		double sk = o->skb_fn != NULL ? bench_run(o->skb_fn, &c, o->calls) : -1.0;

		if (json) {
			printf("%s\n {\"op\": \"%s\", \"mbuf_op\": \"%s\", \"mbuf_cycles\": %.2f, ",
			       i ? "," : "", o->op, o->mbuf_op, mb);
			if (sk >= 0)
				printf("\"skb_cycles\": %.2f, \"ratio\": %.3f}", sk, sk / mb);
			else
				printf("\"skb_cycles\": null, \"ratio\": null, "
				       "\"missing\": \"not in this libskb\"}");
		} else if (sk >= 0) {
			printf("%-36s %9.2f   %-48s %9.2f %6.2f\n", o->op, sk, o->mbuf_op, mb, sk / mb);
		} else {
			printf("%-36s %9s   %-48s %9.2f %6s\n", o->op, "-", o->mbuf_op, mb, "-");
		}
	}
	if (json)
		printf("\n]}\n");
	in_use = rte_mempool_in_use_count(c.mp) - 4; /* skb, m, chain head + frag */
	bench_teardown(&c);
	rte_eal_cleanup();
	unit_test_remove_runtime_dir(prefix);
	if (in_use != 0) {
		fprintf(stderr, "skb_bench: %u mbufs leaked by the benchmark loops\n", in_use);
		return EXIT_FAILURE;
	}
	return EXIT_SUCCESS;
}
