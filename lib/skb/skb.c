/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libskb core: pools and the port -> pool table, allocation, freeing, misuse
 * and drop counts, the debug build's checks, and the slow paths of the inline trim and
 * pull calls (with the head re-allocation they and skb_clone.c share).
 */

#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_mbuf_dyn.h>
#include <rte_mbuf_pool_ops.h>
#include <rte_memzone.h>

#include "skb_internal.h"

static uint64_t skb_misuses[SKB_MISUSE_MAX];
static struct rte_mempool *skb_port_pool[RTE_MAX_ETHPORTS];

static const char *const skb_misuse_names[SKB_MISUSE_MAX] = {
	[SKB_MISUSE_OVER] = "over (skb_over_panic)",
	[SKB_MISUSE_UNDER] = "under (skb_under_panic)",
	[SKB_MISUSE_PULL] = "pull past linear data",
	[SKB_MISUSE_NONLINEAR] = "linear call on nonlinear skb",
	[SKB_MISUSE_DOUBLE_FREE] = "double free",
	[SKB_MISUSE_USE_AFTER_FREE] = "use after free",
	[SKB_MISUSE_SHARED_WRITE] = "write into clone-shared data",
	[SKB_MISUSE_BAD_MBUF] = "bad mbuf",
};

uint64_t
skb_misuse_count(enum skb_misuse what)
{
	if ((unsigned int)what >= SKB_MISUSE_MAX)
		return 0;
	return __atomic_load_n(&skb_misuses[what], __ATOMIC_RELAXED);
}

void
skb_misuse_record(enum skb_misuse what, const char *call, const struct sk_buff *skb)
{
	if ((unsigned int)what >= SKB_MISUSE_MAX)
		return;
	__atomic_fetch_add(&skb_misuses[what], 1, __ATOMIC_RELAXED);
#ifdef SKB_DEBUG
	RTE_LOG(ERR, USER1, "skb: %s in %s (skb %p len %u headroom %u)\n",
		skb_misuse_names[what], call, (const void *)skb,
		skb != NULL ? skb_len(skb) : 0, skb != NULL ? skb_headroom(skb) : 0);
#else
	RTE_SET_USED(call);
	RTE_SET_USED(skb);
	RTE_SET_USED(skb_misuse_names);
#endif
}

/* ---------------------------------------------------------------- drops by reason */

struct skb_drop_row skb_drop_rows[RTE_MAX_LCORE + 1];

uint64_t
skb_drop_count(enum skb_drop_reason reason)
{
	uint64_t sum = 0;
	unsigned int i;

	if ((unsigned int)reason >= SKB_DROP_REASON_MAX)
		return 0;
	for (i = 0; i < RTE_DIM(skb_drop_rows); i++)
		sum += __atomic_load_n(&skb_drop_rows[i].n[reason], __ATOMIC_RELAXED);
	return sum;
}

const char *
skb_drop_reason_name(enum skb_drop_reason reason)
{
	static const char *const names[SKB_DROP_REASON_MAX] = {
#define SKB_DROP_REASON_NAME(name) [SKB_DROP_REASON_##name] = #name,
		SKB_DROP_REASONS(SKB_DROP_REASON_NAME)
#undef SKB_DROP_REASON_NAME
	};

	if ((unsigned int)reason >= SKB_DROP_REASON_MAX)
		return NULL;
	return names[reason];
}

/* ---------------------------------------------------------------- pools */

/*
 * Give every fresh private area the fields of a new skb (rte_pktmbuf_init zeroed
 * it: users 0 would read as shared).  DPDK calls that copy ol_flags into another
 * mbuf (rte_pktmbuf_clone/copy) carry the "metadata valid" flag with them, so a
 * never-used private area must already read as a sane skb.
 */
static void
skb_priv_init(struct rte_mempool *mp, void *opaque, void *obj, unsigned int idx)
{
	struct sk_buff *skb = obj;
	uint64_t flags = skb->mbuf.ol_flags;

	RTE_SET_USED(mp);
	RTE_SET_USED(opaque);
	RTE_SET_USED(idx);
	skb_meta_init(skb);
	skb->mbuf.ol_flags = flags;
}

#ifndef SKB_ASAN
static void
skb_pool_mz_free(struct rte_mempool_memhdr *memhdr, void *opaque)
{
	RTE_SET_USED(memhdr);
	rte_memzone_free(opaque);
}

/*
 * The pool rte_pktmbuf_pool_create() makes, with its objects packed one after
 * the other, where DPDK's population would give each its own page.  On 4 KiB
 * pages (--no-huge) DPDK keeps every object inside one page (it asks
 * IOVA-contiguous objects and counts on nothing bigger than a page); an skb of
 * the default data room takes more than half a page, so each starts a page of
 * its own, at the same offset.  The same line of every skb then falls in the
 * same set of the L1 data cache, and a burst of 32 skbs fights over its 8 ways
 * (every mbuf header, every skb's fields, every frame's first line): that,
 * not the TLB, is most of what 4 KiB pages cost.  When the IOVA of an address
 * is the address itself (IOVA as VA, no hugepages), an object that crosses a
 * page is still IOVA-contiguous: one memzone holds the pool, each object at
 * its real IOVA (RTE_MEMPOOL_F_NO_IOVA_CONTIG only lifts DPDK's page rule).
 * NULL, with nothing left behind, when that does not hold or anything fails:
 * the caller makes the pool DPDK's way.
 */
static struct rte_mempool *
skb_pool_create_packed(const char *name, unsigned int n, unsigned int cache_size,
		       uint16_t data_room, int socket_id)
{
	struct rte_pktmbuf_pool_private priv = {
		.mbuf_data_room_size = data_room,
		.mbuf_priv_size = SKB_PRIV_SIZE,
	};
	char mz_name[RTE_MEMZONE_NAMESIZE];
	const struct rte_memzone *mz;
	struct rte_mempool *mp;
	size_t len;

	if (rte_eal_has_hugepages() || rte_eal_iova_mode() != RTE_IOVA_VA)
		return NULL;
	if (snprintf(mz_name, sizeof(mz_name), RTE_MEMPOOL_MZ_FORMAT "_0", name) >=
	    (int)sizeof(mz_name))
		return NULL;
	mp = rte_mempool_create_empty(name, n, sizeof(struct rte_mbuf) + SKB_PRIV_SIZE + data_room,
				      cache_size, sizeof(priv), socket_id,
				      RTE_MEMPOOL_F_NO_IOVA_CONTIG);
	if (mp == NULL)
		return NULL;
	if (rte_mempool_set_ops_byname(mp, rte_mbuf_best_mempool_ops(), NULL) != 0)
		goto fail;
	rte_pktmbuf_pool_init(mp, &priv);
	len = (size_t)n * (mp->header_size + mp->elt_size + mp->trailer_size) + RTE_MEMPOOL_ALIGN;
	mz = rte_memzone_reserve_aligned(mz_name, len, socket_id, RTE_MEMZONE_IOVA_CONTIG,
					 RTE_MEMPOOL_ALIGN);
	if (mz == NULL)
		goto fail;
	if (mz->iova != (rte_iova_t)(uintptr_t)mz->addr) {
		rte_memzone_free(mz);
		goto fail;
	}
	if (rte_mempool_populate_iova(mp, mz->addr, mz->iova, mz->len, skb_pool_mz_free,
				      (void *)(uintptr_t)mz) <= 0) {
		rte_memzone_free(mz);
		goto fail;
	}
	if (mp->populated_size != n)
		goto fail;   /* the memzone goes with the pool */
	rte_mempool_obj_iter(mp, rte_pktmbuf_init, NULL);
	return mp;
fail:
	rte_mempool_free(mp);
	return NULL;
}
#endif

struct rte_mempool *
skb_pool_create_cache(const char *name, unsigned int n, unsigned int cache_size,
		      unsigned int data_room, int socket_id)
{
	int ret = skb_lib_init();
	struct rte_mempool *mp;

	if (ret < 0) {
		rte_errno = -ret;
		return NULL;
	}
	if (data_room > UINT16_MAX || data_room < RTE_PKTMBUF_HEADROOM) {
		rte_errno = EINVAL;
		return NULL;
	}
#ifdef SKB_ASAN
	/*
	 * Free buffers are poisoned by the pool's ops (skb_asan.c); a per-lcore
	 * cache is inline code that would keep them from the ops, so none.
	 */
	mp = rte_pktmbuf_pool_create_by_ops(name, n, 0, SKB_PRIV_SIZE, (uint16_t)data_room,
					    socket_id, SKB_ASAN_OPS);
	RTE_SET_USED(cache_size);
#else
	mp = skb_pool_create_packed(name, n, cache_size, (uint16_t)data_room, socket_id);
	if (mp == NULL)
		mp = rte_pktmbuf_pool_create(name, n, cache_size, SKB_PRIV_SIZE,
					     (uint16_t)data_room, socket_id);
#endif
	if (mp != NULL)
		rte_mempool_obj_iter(mp, skb_priv_init, NULL);
	return mp;
}

struct rte_mempool *
skb_pool_create(const char *name, unsigned int n, unsigned int data_room,
		int socket_id)
{
	unsigned int cache = n >= 4096 ? 256 : 0;

	return skb_pool_create_cache(name, n, cache, data_room, socket_id);
}

bool
skb_pool_is_skb(const struct rte_mempool *mp)
{
	return mp != NULL && skb_pool_has_priv(mp);
}

int
skb_netdev_set_pool(uint16_t port_id, struct rte_mempool *mp)
{
	if (port_id >= RTE_MAX_ETHPORTS || (mp != NULL && !skb_pool_is_skb(mp)))
		return -EINVAL;
	skb_port_pool[port_id] = mp;
	skb_netdev_mac_refresh(port_id);
	return 0;
}

struct rte_mempool *
skb_netdev_pool(uint16_t port_id)
{
	return port_id < RTE_MAX_ETHPORTS ? skb_port_pool[port_id] : NULL;
}

/*
 * Each port's MAC address for eth_type_trans(), read from ethdev for the
 * port's first frame and kept: the 6 bytes as they lie in memory in the low
 * 48 bits, SKB_PORT_MAC_SET above them; 0 until read.  Lcores may fill an
 * entry at once (with the same value): relaxed atomics, one 64-bit word.
 */
uint64_t skb_port_mac_tbl[RTE_MAX_ETHPORTS];

uint64_t
skb_port_mac_fill(uint16_t port_id)
{
	struct rte_ether_addr own;
	uint64_t w;

	if (port_id >= RTE_MAX_ETHPORTS || !rte_eth_dev_is_valid_port(port_id) ||
	    rte_eth_macaddr_get(port_id, &own) != 0)
		return 0;
	w = skb_mac_word(&own) | SKB_PORT_MAC_SET;
	__atomic_store_n(&skb_port_mac_tbl[port_id], w, __ATOMIC_RELAXED);
	return w;
}

void
skb_netdev_mac_refresh(uint16_t port_id)
{
	if (port_id < RTE_MAX_ETHPORTS)
		__atomic_store_n(&skb_port_mac_tbl[port_id], 0, __ATOMIC_RELAXED);
}

int
skb_netdev_set_mac(uint16_t port_id, const struct rte_ether_addr *mac)
{
	int ret = rte_eth_dev_default_mac_addr_set(port_id, (struct rte_ether_addr *)(uintptr_t)mac);

	if (ret != 0)
		return ret < 0 ? ret : -EIO;
	if (port_id < RTE_MAX_ETHPORTS)
		__atomic_store_n(&skb_port_mac_tbl[port_id], skb_mac_word(mac) | SKB_PORT_MAC_SET,
				 __ATOMIC_RELAXED);
	return 0;
}

/*
 * The slow path of alloc_skb_large() and alloc_skb_bulk(), kept out of their frames:
 * @m, fresh from @mp, is too small for @size bytes; attach an external buffer
 * of @size bytes and make @m what alloc_skb() hands out.  0, or -ENOMEM (@m
 * unchanged, still the caller's to free).
 */
static __rte_noinline int
skb_alloc_large(struct rte_mempool *mp, struct rte_mbuf *m, unsigned int size)
{
	struct skb_newbuf nb;

	if (skb_newbuf_get(NULL, size, size, mp->socket_id, &nb) < 0)
		return -ENOMEM;
	skb_seg_set_buf(m, &nb, 0);
	skb_alloc_fresh(__skb_from_mbuf(m));
	return 0;
}

struct sk_buff *
alloc_skb_large(struct rte_mempool *mp, struct rte_mbuf *m, unsigned int size)
{
	if (skb_alloc_large(mp, m, size) < 0) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	return __skb_from_mbuf(m);
}

/* ------------------------------------------------------------ bulk allocation */

int
alloc_skb_bulk(struct rte_mempool *mp, struct sk_buff **skbs, unsigned int n,
	       unsigned int size)
{
	struct rte_mbuf **ms = (struct rte_mbuf **)skbs;
	unsigned int i;

	if (unlikely(size > UINT16_MAX))
		return -ENOMEM;
	if (unlikely(n == 0))   /* a ring refuses an empty get */
		return 0;
	/* rte_pktmbuf_alloc_bulk() less its own pass: reset and prepare in one */
	if (unlikely(rte_mempool_get_bulk(mp, (void **)ms, n) != 0))
		return -ENOMEM;
	/* a pool's mbufs come back with its data room (rte_pktmbuf_detach()) */
	if (likely(size <= rte_pktmbuf_data_room_size(mp))) {
		for (i = 0; i < n; i++) {
			rte_pktmbuf_reset(ms[i]);
			skb_alloc_fresh(skbs[i]);
		}
		return 0;
	}
	for (i = 0; i < n; i++) {
		rte_pktmbuf_reset(ms[i]);
		if (unlikely(skb_alloc_large(mp, ms[i], size) < 0)) {
			/*
			 * the earlier ones are skbs with one user, the later ones
			 * mbufs as the pool keeps them (direct, unchained, one
			 * reference): all go back as mbufs
			 */
			rte_pktmbuf_free_bulk(ms, n);
			return -ENOMEM;
		}
	}
	return 0;
}

int
__alloc_skb_bulk(struct rte_mempool *mp, struct sk_buff **skbs, unsigned int n,
		 unsigned int size)
{
	struct rte_mbuf **ms = (struct rte_mbuf **)skbs;
	unsigned int i;

	if (unlikely(size > rte_pktmbuf_data_room_size(mp)))
		return -ENOMEM;
	if (unlikely(n == 0))   /* a ring refuses an empty get */
		return 0;
	if (unlikely(rte_mempool_get_bulk(mp, (void **)ms, n) != 0))
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		/* the reset clears ol_flags, and with it the metadata flag: bare */
		rte_pktmbuf_reset(ms[i]);
		ms[i]->data_off = 0;
		SKB_ASAN_HEAD(skbs[i]);
	}
	return 0;
}

struct sk_buff *
netdev_alloc_skb(uint16_t port_id, unsigned int length)
{
	struct rte_mempool *mp = skb_netdev_pool(port_id);
	struct sk_buff *skb;

	if (mp == NULL || length > UINT16_MAX - NET_SKB_PAD)
		return NULL;
	skb = alloc_skb(mp, length + NET_SKB_PAD);
	if (skb == NULL)
		return NULL;
	skb_reserve(skb, NET_SKB_PAD);
	skb->mbuf.port = port_id;
	return skb;
}

struct sk_buff *
netdev_alloc_skb_ip_align(uint16_t port_id, unsigned int length)
{
	struct sk_buff *skb;

	if (length > UINT16_MAX - NET_IP_ALIGN)
		return NULL;
	skb = netdev_alloc_skb(port_id, length + NET_IP_ALIGN);
	if (skb != NULL)
		skb_reserve(skb, NET_IP_ALIGN);
	return skb;
}

/* kfree_skb() of @n skbs, pool buffers given back in bulk.  @return how many were freed (last users). */
static unsigned int
skb_free_bulk(struct sk_buff **skbs, unsigned int n)
{
#ifdef SKB_DEBUG
	unsigned int i, freed = 0;

	for (i = 0; i < n; i++) {
		if (skbs[i] == NULL)
			continue;
		if (skb_debug_check(skbs[i], "kfree_skb_bulk") && !skb_shared(skbs[i]))
			freed++;
		kfree_skb(skbs[i]);
	}
	return freed;
#else
	struct sk_buff *batch[SKB_FREE_BATCH];
	unsigned int i, k = 0, freed = 0;

	/*
	 * The common burst (a sink's, a TX path's leftovers): every skb there
	 * with one user.  It goes back as the array stands, without a copy.
	 */
	for (i = 0; i < n; i++) {
		const struct sk_buff *skb = skbs[i];

		if (skb == NULL || unlikely(skb_meta_valid(skb) && skb->users != 1))
			break;
	}
	if (likely(i == n)) {
		(void)__skb_free_bulk_len(skbs, n);
		return n;
	}
	/* skbs with one user go back in bulk; the rest drop a user each */
	for (i = 0; i < n; i++) {
		struct sk_buff *skb = skbs[i];

		if (skb == NULL || unlikely(!skb_unref(skb)))
			continue;
		batch[k++] = skb;
		freed++;
		if (k == RTE_DIM(batch)) {
			(void)__skb_free_bulk_len(batch, k);
			k = 0;
		}
	}
	(void)__skb_free_bulk_len(batch, k);
	return freed;
#endif
}

void
kfree_skb_bulk(struct sk_buff **skbs, unsigned int n)
{
	(void)skb_free_bulk(skbs, n);
}

void
kfree_skb_bulk_reason(struct sk_buff **skbs, unsigned int n, enum skb_drop_reason reason)
{
	unsigned int freed = skb_free_bulk(skbs, n);

	if (freed != 0)
		skb_drop_add(reason, freed);
}

void
__kfree_skb_bulk_reason(struct sk_buff **skbs, unsigned int n, enum skb_drop_reason reason)
{
#ifdef SKB_DEBUG
	/* each as kfree_skb_reason(): a NULL, freed or shared skb is caught there */
	kfree_skb_bulk_reason(skbs, n, reason);
#else
	(void)__kfree_skb_bulk_reason_len(skbs, n, reason);
#endif
}

int
__pskb_trim(struct sk_buff *skb, unsigned int len)
{
	struct rte_mbuf *head = &skb->mbuf, *m = head, *rest;
	unsigned int left = len;
	uint16_t segs = 1;

	while (left > m->data_len && m->next != NULL) {
		left -= m->data_len;
		m = m->next;
		segs++;
	}
	m->data_len = (uint16_t)left;
	if (m == head)
		SKB_ASAN_HEAD(skb);
	else
		SKB_ASAN_ROOM(m);
	rest = m->next;
	m->next = NULL;
	skb_free_segs(rest);
	head->nb_segs = segs;
	head->pkt_len = len;
	return 0;
}

/* ---------------------------------------------------------------- head re-allocation */

/* Add @off to a header offset @hdr when it is set. */
static inline void
skb_hdr_shift(uint16_t *hdr, int off)
{
	if (*hdr != SKB_HDR_UNSET)
		*hdr = (uint16_t)(*hdr + off);
}

void
skb_headers_offset_update(struct sk_buff *skb, int off)
{
	if (!skb_meta_valid(skb) || off == 0)
		return;
	skb_hdr_shift(&skb->mac_header, off);
	skb_hdr_shift(&skb->network_header, off);
	skb_hdr_shift(&skb->transport_header, off);
	skb_hdr_shift(&skb->inner_mac_header, off);
	skb_hdr_shift(&skb->inner_network_header, off);
	skb_hdr_shift(&skb->inner_transport_header, off);
	if (skb->ip_summed == CHECKSUM_PARTIAL)
		skb->csum_start = (uint16_t)(skb->csum_start + off);
	SKB_ASAN_HEAD(skb); /* the headroom from the lowest offset stays readable */
}

int
skb_rehead(struct sk_buff *skb, unsigned int headroom, unsigned int min_tail,
	   unsigned int tailroom)
{
	struct rte_mbuf *m = &skb->mbuf;
	unsigned int old_room = m->data_off, used = m->data_off + m->data_len;
	unsigned int min = headroom + m->data_len + min_tail;
	unsigned int want = headroom + m->data_len + tailroom;
	struct skb_newbuf nb;
	unsigned int copy_from = 0, copy_to = headroom - old_room;
	int ret;

	if (headroom < old_room) {
		/* the bytes far in front of the data are dropped */
		copy_from = old_room - headroom;
		copy_to = 0;
	}
	if (min > UINT16_MAX)
		return -ENOMEM;
	if (skb_seg_has_dpdk_indirect(m))
		return -EBUSY;
	ret = skb_newbuf_get(m->pool, min, want, m->pool->socket_id, &nb);
	if (ret < 0)
		return ret;
	skb_head_copy((char *)nb.addr + copy_to, skb, copy_from, used - copy_from);
	skb_seg_set_buf(m, &nb, (uint16_t)headroom);
	skb_headers_offset_update(skb, (int)headroom - (int)old_room);
	SKB_ASAN_HEAD(skb);
	return 0;
}

void *
__pskb_pull_tail(struct sk_buff *skb, int delta)
{
	struct rte_mbuf *head = &skb->mbuf;
	unsigned int need, room;
	unsigned char *dst;

	if (unlikely(delta < 0 || (unsigned int)delta > skb_data_len(skb)))
		return NULL;
	need = (unsigned int)delta;
	room = rte_pktmbuf_tailroom(head);
	if (room < need || skb_cloned(skb)) {
		/* a private head long enough, keeping the tailroom there was */
		unsigned int tail = RTE_MAX(room, need);

		if (skb_rehead(skb, skb_headroom(skb), need, tail) < 0)
			return NULL;
	}
	dst = skb_tail_pointer(skb);
	skb_asan_unpoison(dst, need);
	while (need > 0) {
		struct rte_mbuf *seg = head->next;
		unsigned int take = RTE_MIN(need, (unsigned int)seg->data_len);

		memcpy(dst, rte_pktmbuf_mtod(seg, void *), take);
		dst += take;
		need -= take;
		head->data_len = (uint16_t)(head->data_len + take);
		seg->data_off = (uint16_t)(seg->data_off + take);
		seg->data_len = (uint16_t)(seg->data_len - take);
		if (seg->data_len == 0) {
			head->next = seg->next;
			seg->next = NULL;
			head->nb_segs--;
			rte_pktmbuf_free_seg(seg);
		}
	}
	if (head->data_len == head->pkt_len && head->next != NULL) {
		/* only empty frags are left: the skb is linear now */
		skb_free_segs(head->next);
		head->next = NULL;
		head->nb_segs = 1;
	}
	SKB_ASAN_HEAD(skb);
	if (head->next != NULL)
		SKB_ASAN_ROOM(head->next); /* what was pulled from it */
	return skb_tail_pointer(skb);
}

/* ---------------------------------------------------------------- accounting */

unsigned int
skb_truesize(const struct sk_buff *skb)
{
	const struct rte_mbuf *m;
	unsigned int size = 0;

	for (m = &skb->mbuf; m != NULL; m = m->next) {
		size += (unsigned int)sizeof(struct rte_mbuf) + m->priv_size + m->buf_len;
		if (RTE_MBUF_HAS_EXTBUF(m))
			size += (unsigned int)sizeof(struct rte_mbuf_ext_shared_info);
	}
	return size;
}

/* ---------------------------------------------------------------- debug build checks */

#ifdef SKB_DEBUG
static bool
skb_debug_is_freed(const struct sk_buff *skb)
{
	return (skb->mbuf.ol_flags & skb_freed_flag) != 0;
}

bool
skb_debug_check(const struct sk_buff *skb, const char *call)
{
	const char *reason = NULL;

	if (skb == NULL)
		return false;
	if (skb_debug_is_freed(skb)) {
		skb_misuse_record(SKB_MISUSE_USE_AFTER_FREE, call, skb);
		return false;
	}
	if (rte_mbuf_check(&skb->mbuf, 1, &reason) != 0) {
		RTE_LOG(ERR, USER1, "skb: rte_mbuf_check: %s\n", reason);
		skb_misuse_record(SKB_MISUSE_BAD_MBUF, call, skb);
		return false;
	}
	return true;
}

void
skb_debug_write(const struct sk_buff *skb, const char *call)
{
	if (skb_cloned(skb))
		skb_misuse_record(SKB_MISUSE_SHARED_WRITE, call, skb);
}

/* Poison a segment that just came back to us from prefree, mark it freed, give it back. */
static void
skb_debug_poison_free(struct rte_mbuf *m)
{
	struct sk_buff *s = __skb_from_mbuf(m);

	/*
	 * prefree returned it direct, with its own buffer: nobody else can see it.
	 * Filled before the pool has it back (the ASan pool poisons it then), so
	 * the room poisoned while it lived is opened first.
	 */
	skb_asan_unpoison(m->buf_addr, m->buf_len);
	memset(m->buf_addr, 0x6b, m->buf_len);
	if (skb_mbuf_has_priv(m))
		memset(s->cb, 0x6b, sizeof(s->cb));
	m->ol_flags |= skb_freed_flag;
	rte_mbuf_raw_free(m);
}

void
skb_debug_free(struct sk_buff *skb, const char *call)
{
	struct rte_mbuf *m, *next;
	const char *reason = NULL;

	if (skb_debug_is_freed(skb)) {
		skb_misuse_record(SKB_MISUSE_DOUBLE_FREE, call, skb);
		return;
	}
	if (rte_mbuf_check(&skb->mbuf, 1, &reason) != 0) {
		RTE_LOG(ERR, USER1, "skb: rte_mbuf_check: %s\n", reason);
		skb_misuse_record(SKB_MISUSE_BAD_MBUF, call, skb);
		return;
	}
	if (!skb_unref(skb))
		return;
	/* the skb is dead even when clones keep its mbuf out of the pool */
	skb->mbuf.ol_flags |= skb_freed_flag;
	for (m = &skb->mbuf; m != NULL; m = next) {
		next = m->next;
		m = rte_pktmbuf_prefree_seg(m);
		if (m != NULL)
			skb_debug_poison_free(m);
	}
}
#endif /* SKB_DEBUG */
