/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libskb under AddressSanitizer (-Dsanitize=true defines SKB_ASAN; this file is
 * built only then).  Debian's libdpdk is not instrumented, so ASan knows nothing
 * of mbuf data unless we tell it:
 *  - free buffers: skb pools use the "skb_asan" mempool ops, DPDK's ring ops with
 *    the data room of each object poisoned on enqueue (free, and the populate
 *    that fills a new pool) and unpoisoned on dequeue (every allocation: PMD RX,
 *    rte_pktmbuf_alloc, alloc_skb, rte_gso).  skb_pool_create() gives them no
 *    per-lcore cache, so every get and put goes through these ops;
 *  - live skbs: the calls that set or move the bounds of the data poison
 *    headroom and tailroom of the segments the skb owns alone (skb_seg_owned(),
 *    skb_buf.c), through the SKB_ASAN_* hooks of skb_check.h.
 * Any access by our code into either is an ASan report naming the access.
 */
#ifdef SKB_ASAN

#include <sanitizer/asan_interface.h>

#include <rte_mempool.h>

#include "skb_internal.h"

#define SKB_ASAN_BASE_OPS "ring_mp_mc"

static const struct rte_mempool_ops *skb_asan_base;

/* The ring ops we wrap, looked up by name at the first pool (they are in the table by then). */
static const struct rte_mempool_ops *
skb_asan_base_ops(void)
{
	unsigned int i;

	if (skb_asan_base != NULL)
		return skb_asan_base;
	for (i = 0; i < rte_mempool_ops_table.num_ops; i++) {
		if (strcmp(rte_mempool_ops_table.ops[i].name, SKB_ASAN_BASE_OPS) == 0) {
			skb_asan_base = &rte_mempool_ops_table.ops[i];
			break;
		}
	}
	return skb_asan_base;
}

/* (Un)poison the data room of @n pool objects (each an mbuf, its private area, its buffer). */
static void
skb_asan_objs(struct rte_mempool *mp, void *const *objs, unsigned int n, bool poison)
{
	size_t off = sizeof(struct rte_mbuf) + rte_pktmbuf_priv_size(mp);
	size_t room = rte_pktmbuf_data_room_size(mp);
	unsigned int i;

	for (i = 0; i < n; i++) {
		char *buf = (char *)objs[i] + off;

		if (poison)
			ASAN_POISON_MEMORY_REGION(buf, room);
		else
			ASAN_UNPOISON_MEMORY_REGION(buf, room);
	}
}

static int
skb_asan_alloc(struct rte_mempool *mp)
{
	const struct rte_mempool_ops *base = skb_asan_base_ops();

	return base != NULL ? base->alloc(mp) : -ENOENT;
}

static void
skb_asan_free(struct rte_mempool *mp)
{
	skb_asan_base->free(mp);
}

/* Poisoned before the ring has them: once in, another lcore may take and unpoison them. */
static int
skb_asan_enqueue(struct rte_mempool *mp, void *const *objs, unsigned int n)
{
	int ret;

	skb_asan_objs(mp, objs, n, true);
	ret = skb_asan_base->enqueue(mp, objs, n);
	if (ret < 0)
		skb_asan_objs(mp, objs, n, false);
	return ret;
}

static int
skb_asan_dequeue(struct rte_mempool *mp, void **objs, unsigned int n)
{
	int ret = skb_asan_base->dequeue(mp, objs, n);

	if (ret == 0)
		skb_asan_objs(mp, objs, n, false);
	return ret;
}

static unsigned int
skb_asan_get_count(const struct rte_mempool *mp)
{
	return skb_asan_base->get_count(mp);
}

static const struct rte_mempool_ops skb_asan_ops = {
	.name = SKB_ASAN_OPS,
	.alloc = skb_asan_alloc,
	.free = skb_asan_free,
	.enqueue = skb_asan_enqueue,
	.dequeue = skb_asan_dequeue,
	.get_count = skb_asan_get_count,
};

RTE_INIT(skb_asan_ops_register)
{
	rte_mempool_register_ops(&skb_asan_ops);
}

/*
 * Leave [@head_end, tail) of segment @m addressable and poison the rest of its
 * buffer.  ASan tracks 8-byte granules: the head is poisoned only up to
 * @head_end rounded down to 8, never a byte of the data; the tail from its first
 * byte.  Segments that share their buffer are left alone (fully unpoisoned,
 * see skb_seg_owned()).
 */
static void
skb_asan_bounds(struct rte_mbuf *m, unsigned int head_end)
{
	char *buf = m->buf_addr;
	unsigned int tail = (unsigned int)m->data_off + m->data_len;

	if (tail > m->buf_len || !skb_seg_owned(m))
		return;
	ASAN_UNPOISON_MEMORY_REGION(buf, m->buf_len);
	ASAN_POISON_MEMORY_REGION(buf, head_end);
	ASAN_POISON_MEMORY_REGION(buf + tail, m->buf_len - tail);
}

void
skb_asan_room(struct rte_mbuf *seg)
{
	skb_asan_bounds(seg, seg->data_off);
}

/*
 * The head segment: header offsets count from head and skb_pull() does not move
 * them (Linux reads eth_hdr() after pulling it), so headroom from the lowest one
 * that is set stays readable.
 */
void
skb_asan_head(struct sk_buff *skb)
{
	unsigned int keep = skb->mbuf.data_off;

	if (skb_meta_valid(skb)) {
		keep = RTE_MIN(keep, (unsigned int)skb->mac_header);
		keep = RTE_MIN(keep, (unsigned int)skb->network_header);
		keep = RTE_MIN(keep, (unsigned int)skb->transport_header);
	}
	skb_asan_bounds(&skb->mbuf, keep);
}

void
skb_asan_rx(struct sk_buff **skbs, uint16_t n)
{
	uint16_t i;

	for (i = 0; i < n; i++) {
		struct rte_mbuf *m;

		skb_asan_head(skbs[i]);
		for (m = skbs[i]->mbuf.next; m != NULL; m = m->next)
			skb_asan_room(m);
	}
}

#endif /* SKB_ASAN */
