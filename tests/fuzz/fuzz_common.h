/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What every libFuzzer target of skbfwd shares: EAL without hugepages or PCI
 * under a file prefix of its own (FUZZ_FILE_PREFIX, removed at exit), a cache-less
 * skb pool so that a leak or a double free shows in the in-use count, packets
 * built from fuzz input as chains of exactly-sized heap buffers (so that ASan
 * sees any read past a segment's data), and checks that abort on failure.
 */
#ifndef _SKB_FUZZ_COMMON_H_
#define _SKB_FUZZ_COMMON_H_

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "skb.h"

/** Headroom in front of each fuzz segment: what a PMD leaves. */
#define FUZZ_HEADROOM RTE_PKTMBUF_HEADROOM
/** Largest input a target takes (a jumbo frame and some). */
#define FUZZ_MAX_INPUT 10000

#define FUZZ_CHECK(cond, ...) do {                                              \
	if (!(cond)) {                                                          \
		fprintf(stderr, "fuzz check failed at %s:%d: %s: ", __FILE__,  \
			__LINE__, #cond);                                       \
		fprintf(stderr, __VA_ARGS__);                                   \
		fputc('\n', stderr);                                            \
		abort();                                                        \
	}                                                                       \
} while (0)

static char fuzz_prefix[64];

static void
fuzz_remove_runtime_dir(void)
{
	char cmd[160];

	snprintf(cmd, sizeof(cmd), "rm -rf '/var/run/dpdk/%s'", fuzz_prefix);
	if (system(cmd) != 0)
		fprintf(stderr, "fuzz: could not remove /var/run/dpdk/%s\n", fuzz_prefix);
}

/** EAL init for a fuzz target (once, from LLVMFuzzerInitialize). Aborts on failure. */
static inline void
fuzz_eal_init(const char *prog)
{
	const char *p = getenv("FUZZ_FILE_PREFIX");
	char *eal[] = { (char *)(uintptr_t)prog, "--no-huge", "--no-pci", "-m", "256",
			"-l", "0", "--file-prefix", fuzz_prefix, "--log-level", "*:error",
			NULL };

	if (p != NULL)
		snprintf(fuzz_prefix, sizeof(fuzz_prefix), "%s", p);
	else
		snprintf(fuzz_prefix, sizeof(fuzz_prefix), "skbfuzz%d", (int)getpid());
	FUZZ_CHECK(rte_eal_init((int)RTE_DIM(eal) - 1, eal) >= 0, "EAL: %s",
		   rte_strerror(rte_errno));
	atexit(fuzz_remove_runtime_dir);
}

/** A cache-less skb pool of @n skbs with the standard data room. */
static inline struct rte_mempool *
fuzz_pool_create(const char *name, unsigned int n)
{
	struct rte_mempool *mp = skb_pool_create_cache(name, n, 0,
						       RTE_MBUF_DEFAULT_BUF_SIZE,
						       SOCKET_ID_ANY);

	FUZZ_CHECK(mp != NULL, "pool: %s", rte_strerror(rte_errno));
	return mp;
}

static void
fuzz_heap_buf_free(void *addr, void *opaque)
{
	free(addr);
	free(opaque);
}

/*
 * One segment of @len bytes of @data in a heap buffer of exactly
 * FUZZ_HEADROOM + @len bytes (attached as an external buffer), so that any read
 * past the data is a heap overflow ASan reports.  NULL when the pool is empty.
 */
static inline struct rte_mbuf *
fuzz_heap_seg(struct rte_mempool *mp, const uint8_t *data, unsigned int len)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	struct rte_mbuf_ext_shared_info *sh;
	uint8_t *buf;

	if (m == NULL)
		return NULL;
	buf = malloc(FUZZ_HEADROOM + len);
	sh = calloc(1, sizeof(*sh));
	FUZZ_CHECK(buf != NULL && sh != NULL, "out of memory");
	sh->free_cb = fuzz_heap_buf_free;
	sh->fcb_opaque = sh;
	rte_mbuf_ext_refcnt_set(sh, 1);
	rte_pktmbuf_attach_extbuf(m, buf, (rte_iova_t)(uintptr_t)buf,
				  (uint16_t)(FUZZ_HEADROOM + len), sh);
	m->data_off = FUZZ_HEADROOM;
	m->data_len = (uint16_t)len;
	m->pkt_len = len;
	memcpy(buf + FUZZ_HEADROOM, data, len);
	return m;
}

/* One segment of @len bytes in a pool buffer (as a PMD delivers it). */
static inline struct rte_mbuf *
fuzz_pool_seg(struct rte_mempool *mp, const uint8_t *data, unsigned int len)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);

	if (m == NULL)
		return NULL;
	FUZZ_CHECK(len <= rte_pktmbuf_tailroom(m), "segment of %u", len);
	memcpy(rte_pktmbuf_mtod(m, uint8_t *), data, len);
	m->data_len = (uint16_t)len;
	m->pkt_len = len;
	return m;
}

/**
 * A packet holding @data as a chain whose segments end at the offsets in
 * @cuts (ascending, each < @len; segments past 2048 bytes are cut further).
 * @heap: exactly-sized heap buffers, else pool buffers.
 * @return the head, or NULL when the pool ran out (nothing is left allocated).
 */
static inline struct rte_mbuf *
fuzz_make_chain(struct rte_mempool *mp, const uint8_t *data, unsigned int len,
		const unsigned int *cuts, unsigned int nb_cuts, int heap)
{
	struct rte_mbuf *head = NULL, *last = NULL;
	unsigned int off = 0, c = 0;

	do {
		unsigned int end = c < nb_cuts && cuts[c] > off && cuts[c] < len ? cuts[c] : len;
		struct rte_mbuf *m;

		if (end - off > 2048)
			end = off + 2048;
		if (c < nb_cuts && end >= cuts[c])
			c++;
		m = heap ? fuzz_heap_seg(mp, data + off, end - off) :
			   fuzz_pool_seg(mp, data + off, end - off);
		if (m == NULL) {
			rte_pktmbuf_free(head);
			return NULL;
		}
		if (head == NULL) {
			head = m;
		} else {
			last->next = m;
			head->nb_segs++;
			head->pkt_len += m->data_len;
		}
		last = m;
		off = end;
	} while (off < len);
	return head;
}

/** Abort unless @m is a sound chain: rte_mbuf_check() passes and lengths add up. */
static inline void
fuzz_check_chain(const struct rte_mbuf *m)
{
	const char *reason = NULL;
	const struct rte_mbuf *s;
	uint32_t sum = 0;
	unsigned int n = 0;

	FUZZ_CHECK(rte_mbuf_check(m, 1, &reason) == 0, "%s", reason);
	for (s = m; s != NULL; s = s->next) {
		FUZZ_CHECK((uint32_t)s->data_off + s->data_len <= s->buf_len,
			   "segment %u: data_off %u + data_len %u > buf_len %u", n,
			   s->data_off, s->data_len, s->buf_len);
		sum += s->data_len;
		n++;
	}
	FUZZ_CHECK(sum == m->pkt_len, "pkt_len %u but segments hold %u", m->pkt_len, sum);
	FUZZ_CHECK(n == m->nb_segs, "nb_segs %u but %u segments", m->nb_segs, n);
}

/** Read every byte of @m (so that ASan checks them) into @out (pkt_len bytes). */
static inline void
fuzz_read_all(const struct rte_mbuf *m, uint8_t *out)
{
	uint32_t off = 0;

	for (; m != NULL; m = m->next) {
		memcpy(out + off, rte_pktmbuf_mtod(m, const uint8_t *), m->data_len);
		off += m->data_len;
	}
}

#endif /* _SKB_FUZZ_COMMON_H_ */
