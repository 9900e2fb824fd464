/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * noisy engine: testpmd's "noisy neighbour" VNF.  It forwards as io does, but
 * can hold packets back in a FIFO (--noisy-tx-sw-buffer-size packets, drained
 * after --noisy-tx-sw-buffer-flushtime ms without TX) and make every received
 * packet touch random cache lines of --noisy-lkup-memory MB: writes, reads and
 * read-writes per packet, as a VNF's table lookups would.
 *
 * Where testpmd 22.11 differs, skbfwd does what its options say: the FIFO
 * holds exactly SIZE packets (any size; testpmd's ring wants a power of 2 and
 * holds one less), a packet leaves once SIZE newer ones arrived, in order (when
 * the FIFO is full testpmd sends as many old packets as arrived and frees the
 * new ones a too small FIFO cannot take); lookups land anywhere in the area
 * (testpmd's touch its first 1/64) and are made with or without a FIFO
 * (testpmd's only with one); and what the FIFO holds when forwarding stops is
 * sent (testpmd loses it).  One FIFO and one memory area per stream.
 */

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_malloc.h>
#include <rte_random.h>
#include <rte_ring.h>

#include "parse.h"
#include "engine.h"

#define NOISY_MAX_MEMORY_MB 65536u

static unsigned long noisy_fifo_size;      /* packets, 0: no FIFO */
static unsigned long noisy_flush_ms;       /* 0: no time-based flush */
static unsigned long noisy_lkup_mb;        /* MB of simulated VNF memory */
static unsigned long noisy_writes, noisy_reads, noisy_reads_writes; /* per packet */
static uint64_t noisy_flush_cycles;

struct noisy_stream {
	struct rte_ring *fifo;           /* NULL without a FIFO */
	uint8_t *mem;                    /* NULL without lookups */
	uint64_t lines;                  /* cache lines in mem */
	uint64_t prev_flush;             /* TSC of the last flush, 0 before the first call */
	uint64_t flushed, at_stop;       /* packets out of the FIFO by the timer, at stop */
	uint64_t lookups;                /* packets that made their lookups */
};

/* The random cache line of a lookup. */
static inline uint8_t *
noisy_line(const struct noisy_stream *ns)
{
	return ns->mem + (rte_rand() % ns->lines) * RTE_CACHE_LINE_SIZE;
}

/* What @n received packets cost a VNF that looks each one up in its tables. */
static void
noisy_lookups(struct noisy_stream *ns, uint16_t n)
{
	volatile uint8_t *p;
	unsigned long k;
	uint16_t i;

	if (ns->mem == NULL)
		return;
	for (i = 0; i < n; i++) {
		for (k = 0; k < noisy_writes; k++) {
			p = noisy_line(ns);
			*p = (uint8_t)rte_rand();
		}
		for (k = 0; k < noisy_reads; k++) {
			p = noisy_line(ns);
			(void)*p;
		}
		for (k = 0; k < noisy_reads_writes; k++) {
			p = noisy_line(ns);
			*p = (uint8_t)(*p + 1);
		}
	}
	ns->lookups += n;
}

/* Send everything the FIFO holds, in order; @return the packets taken out. */
static uint64_t
noisy_drain(struct fwd_stream *fs, struct noisy_stream *ns)
{
	struct sk_buff *skbs[MAX_PKT_BURST];
	uint64_t total = 0;
	unsigned int n;

	while ((n = rte_ring_sc_dequeue_burst(ns->fifo, (void **)skbs, MAX_PKT_BURST,
					      NULL)) != 0) {
		fwd_tx(fs, skbs, (uint16_t)n);
		total += n;
	}
	return total;
}

/*
 * Put @n received skbs behind the FIFO; the ones that overflow it, oldest
 * first, leave into @out.  @return how many are in @out.
 */
static uint16_t
noisy_fifo_push(struct noisy_stream *ns, struct sk_buff **skbs, uint16_t n,
		struct sk_buff **out)
{
	unsigned int held = rte_ring_count(ns->fifo), over, k = 0;

	if (likely(held + n <= noisy_fifo_size)) {
		rte_ring_sp_enqueue_bulk(ns->fifo, (void **)skbs, n, NULL);
		return 0;
	}
	over = held + n - (unsigned int)noisy_fifo_size;
	/* the oldest held ones first, then the head of this burst */
	if (held != 0)
		k = rte_ring_sc_dequeue_burst(ns->fifo, (void **)out, RTE_MIN(over, held), NULL);
	if (over > k)
		memcpy(out + k, skbs, (over - k) * sizeof(*skbs));
	rte_ring_sp_enqueue_bulk(ns->fifo, (void **)(skbs + (over - k)), n - (over - k), NULL);
	return (uint16_t)over;
}

static void
noisy_fwd(struct fwd_stream *fs)
{
	struct noisy_stream *ns = fs->engine_ctx;
	struct sk_buff *skbs[MAX_PKT_BURST], *out[MAX_PKT_BURST];
	uint16_t n = fwd_rx_pass(fs, skbs), k = 0;
	uint64_t now;

	if (n != 0) {
		noisy_lookups(ns, n);
		if (ns->fifo == NULL) {
			fwd_tx(fs, skbs, n);
			return;
		}
		k = noisy_fifo_push(ns, skbs, n, out);
		if (k != 0)
			fwd_tx(fs, out, k);
	}
	/* testpmd's flush: the whole FIFO, once the time passed with no TX in this call */
	if (ns->fifo == NULL || noisy_flush_cycles == 0 || k != 0)
		return;
	now = rte_get_timer_cycles();
	if (ns->prev_flush == 0)
		ns->prev_flush = now;
	else if (now - ns->prev_flush >= noisy_flush_cycles && rte_ring_count(ns->fifo) != 0) {
		ns->flushed += noisy_drain(fs, ns);
		ns->prev_flush = rte_get_timer_cycles();
	}
}

static void
noisy_stream_stop(struct fwd_stream *fs)
{
	struct noisy_stream *ns = fs->engine_ctx;

	if (ns != NULL && ns->fifo != NULL)
		ns->at_stop += noisy_drain(fs, ns);
}

static void
noisy_stream_fini(struct fwd_stream *fs)
{
	struct noisy_stream *ns = fs->engine_ctx;

	if (ns == NULL)
		return;
	if (ns->fifo != NULL) {
		/* stream_stop() emptied it unless forwarding never ran */
		ns->at_stop += noisy_drain(fs, ns);
		printf("noisy: port %u queue %u: FIFO of %lu: %" PRIu64 " packets flushed after %lu ms without TX, %"
		       PRIu64 " sent at stop\n", fs->rx_port, fs->rx_queue, noisy_fifo_size,
		       ns->flushed, noisy_flush_ms, ns->at_stop);
		rte_ring_free(ns->fifo);
	}
	if (ns->mem != NULL) {
		printf("noisy: port %u queue %u: %" PRIu64 " packets looked up: %" PRIu64 " writes, %"
		       PRIu64 " reads, %" PRIu64 " read-writes in %lu MB\n", fs->rx_port,
		       fs->rx_queue, ns->lookups, ns->lookups * noisy_writes,
		       ns->lookups * noisy_reads, ns->lookups * noisy_reads_writes, noisy_lkup_mb);
		rte_free(ns->mem);
	}
	rte_free(ns);
	fs->engine_ctx = NULL;
}

static int
noisy_stream_init(struct fwd_stream *fs)
{
	struct noisy_stream *ns = rte_zmalloc("noisy", sizeof(*ns), RTE_CACHE_LINE_SIZE);
	char name[RTE_RING_NAMESIZE];
	int ret = -ENOMEM;

	if (ns == NULL)
		return -ENOMEM;
	fs->engine_ctx = ns;
	if (noisy_fifo_size != 0) {
		snprintf(name, sizeof(name), "noisy_%u_%u", fs->rx_port, fs->rx_queue);
		ns->fifo = rte_ring_create(name, (unsigned int)noisy_fifo_size, rte_socket_id(),
					   RING_F_SP_ENQ | RING_F_SC_DEQ | RING_F_EXACT_SZ);
		if (ns->fifo == NULL) {
			ret = -rte_errno;
			goto fail;
		}
	}
	if (noisy_lkup_mb != 0) {
		size_t size = (size_t)noisy_lkup_mb << 20;

		ns->mem = rte_zmalloc_socket("noisy_mem", size, RTE_CACHE_LINE_SIZE,
					     rte_socket_id());
		if (ns->mem == NULL)
			goto fail;
		ns->lines = size / RTE_CACHE_LINE_SIZE;
	}
	return 0;
fail:
	rte_ring_free(ns->fifo);
	rte_free(ns);
	fs->engine_ctx = NULL;
	return ret;
}

static int
noisy_setup(void)
{
	const char *need = noisy_writes ? "--noisy-lkup-num-writes" :
			   noisy_reads ? "--noisy-lkup-num-reads" :
			   noisy_reads_writes ? "--noisy-lkup-num-reads-writes" : NULL;

	if (need != NULL && noisy_lkup_mb == 0) {
		fprintf(stderr, "skbfwd: %s needs --noisy-lkup-memory=MB (the memory looked up)\n",
			need);
		return -EINVAL;
	}
	noisy_flush_cycles = noisy_flush_ms * (rte_get_timer_hz() / 1000);
	printf("skbfwd: noisy: FIFO of %lu packets per stream%s", noisy_fifo_size,
	       noisy_fifo_size != 0 && noisy_flush_ms != 0 ? ", flushed after " : "");
	if (noisy_fifo_size != 0 && noisy_flush_ms != 0)
		printf("%lu ms without TX", noisy_flush_ms);
	printf("; per packet %lu writes, %lu reads, %lu read-writes in %lu MB\n",
	       noisy_writes, noisy_reads, noisy_reads_writes, noisy_lkup_mb);
	return 0;
}

static int
noisy_parse_option(const char *name, const char *arg)
{
	static const struct {
		const char *name;
		unsigned long max, *value;
	} opts[] = {
		{ "noisy-tx-sw-buffer-size", UINT16_MAX, &noisy_fifo_size },
		{ "noisy-tx-sw-buffer-flushtime", UINT16_MAX, &noisy_flush_ms },
		{ "noisy-lkup-memory", NOISY_MAX_MEMORY_MB, &noisy_lkup_mb },
		{ "noisy-lkup-num-writes", UINT16_MAX, &noisy_writes },
		{ "noisy-lkup-num-reads", UINT16_MAX, &noisy_reads },
		{ "noisy-lkup-num-reads-writes", UINT16_MAX, &noisy_reads_writes },
	};
	unsigned int i;

	for (i = 0; i < RTE_DIM(opts); i++)
		if (strcmp(name, opts[i].name) == 0)
			return skbfwd_parse_uint(name, arg, 0, opts[i].max, opts[i].value);
	return -EINVAL;
}

static const struct option noisy_longopts[] = {
	{ "noisy-tx-sw-buffer-size", required_argument, NULL, 0 },
	{ "noisy-tx-sw-buffer-flushtime", required_argument, NULL, 0 },
	{ "noisy-lkup-memory", required_argument, NULL, 0 },
	{ "noisy-lkup-num-writes", required_argument, NULL, 0 },
	{ "noisy-lkup-num-reads", required_argument, NULL, 0 },
	{ "noisy-lkup-num-reads-writes", required_argument, NULL, 0 },
	{ NULL, 0, NULL, 0 },
};

static const struct fwd_options noisy_options = {
	.longopts = noisy_longopts,
	.parse = noisy_parse_option,
	.usage =
	"  --noisy-tx-sw-buffer-size=N       noisy: FIFO of N packets per stream (default 0: none)\n"
	"  --noisy-tx-sw-buffer-flushtime=MS noisy: send the FIFO after MS ms without TX (0: never)\n"
	"  --noisy-lkup-memory=MB            noisy: memory each stream looks up (default 0)\n"
	"  --noisy-lkup-num-writes=N         noisy: random writes into it per packet\n"
	"  --noisy-lkup-num-reads=N          noisy: random reads per packet\n"
	"  --noisy-lkup-num-reads-writes=N   noisy: random read-writes per packet\n",
};

const struct fwd_engine noisy_engine = {
	.name = "noisy",
	.setup = noisy_setup,
	.stream_init = noisy_stream_init,
	.packet_fwd = noisy_fwd,
	.stream_stop = noisy_stream_stop,
	.stream_fini = noisy_stream_fini,
	.options = FWD_OPTIONS(&noisy_options),
};
