/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libskb sharing: clones, copy-on-write of the head, head expansion and copies.
 *
 * Why not rte_pktmbuf_clone(): an indirect mbuf finds its direct mbuf by address
 * arithmetic, so the direct mbuf can never be re-pointed at a private copy while
 * clones exist (see docs/skb-api.md).  Here every clone segment is attached to
 * the shared buffer as an *external* buffer instead: a direct segment S lends its
 * own buffer through S->data_shinfo (in S's private area), whose count is the
 * number of attached clones and which holds one extra mbuf reference on S, given
 * back by skb_data_release() when the last clone goes.  S itself can then be
 * attached to a fresh copy (skb_cow_head) at any time: the clones keep the old one.
 */

#include <rte_errno.h>
#include <rte_malloc.h>

#include "skb_priv.h"

/* ---------------------------------------------------------------- buffers */

void
skb_data_release(void *addr, void *opaque)
{
	struct rte_mbuf *owner = opaque;
	struct sk_buff *o = __skb_from_mbuf(owner);

	RTE_SET_USED(addr);
	/* a cleared free_cb says "no live sharing" to the next skb_clone() */
	__atomic_store_n(&o->data_shinfo.free_cb, NULL, __ATOMIC_RELEASE);
	rte_pktmbuf_free_seg(owner);
}

static void
skb_malloc_buf_free(void *addr, void *opaque)
{
	RTE_SET_USED(opaque);
#ifdef SKB_ASAN
	{
		/* rte_malloc hands the memory to others as it is: no room left poisoned */
		size_t size = 0;

		if (rte_malloc_validate(addr, &size) == 0)
			__skb_asan_unpoison(addr, size);
	}
#endif
	rte_free(addr);
}

/* Lend the buffer of pool mbuf @m through its data_shinfo; count 1, @m's ref taken by the caller. */
static struct rte_mbuf_ext_shared_info *
skb_lend_buf(struct rte_mbuf *m)
{
	struct rte_mbuf_ext_shared_info *sh = &__skb_from_mbuf(m)->data_shinfo;

	sh->fcb_opaque = m;
	rte_mbuf_ext_refcnt_set(sh, 1);
	__atomic_store_n(&sh->free_cb, skb_data_release, __ATOMIC_RELEASE);
	return sh;
}

static bool
skb_mbuf_has_priv(const struct rte_mbuf *m)
{
	return m->priv_size >= SKB_PRIV_SIZE;
}

int
skb_newbuf_get(struct rte_mempool *mp, unsigned int min, unsigned int want,
	       int socket, struct skb_newbuf *nb)
{
	struct rte_mbuf_ext_shared_info *sh;
	unsigned int total;
	uint16_t len;
	void *buf;

	if (want < min)
		want = min;
	if (mp != NULL && skb_pool_is_skb(mp) && min <= rte_pktmbuf_data_room_size(mp)) {
		struct rte_mbuf *b = rte_pktmbuf_alloc(mp);

		if (b == NULL)
			return -ENOMEM;
		nb->addr = b->buf_addr;
		nb->iova = rte_mbuf_iova_get(b);
		nb->len = b->buf_len;
		nb->shinfo = skb_lend_buf(b);
		return 0;
	}
	total = want + sizeof(*sh) + sizeof(uintptr_t);
	if (total > UINT16_MAX) {
		total = min + sizeof(*sh) + sizeof(uintptr_t);
		if (total > UINT16_MAX)
			return -ENOMEM;
	}
	buf = rte_malloc_socket("skb_buf", total, RTE_CACHE_LINE_SIZE, socket);
	if (buf == NULL)
		return -ENOMEM;
	len = (uint16_t)total;
	sh = rte_pktmbuf_ext_shinfo_init_helper(buf, &len, skb_malloc_buf_free, NULL);
	if (sh == NULL || len < min) {
		rte_free(buf);
		return -ENOMEM;
	}
	nb->addr = buf;
	nb->iova = rte_malloc_virt2iova(buf);
	nb->len = len;
	nb->shinfo = sh;
	return 0;
}

void
skb_newbuf_put(struct skb_newbuf *nb)
{
	if (rte_mbuf_ext_refcnt_update(nb->shinfo, -1) == 0)
		nb->shinfo->free_cb(nb->addr, nb->shinfo->fcb_opaque);
}

void
skb_seg_set_buf(struct rte_mbuf *m, const struct skb_newbuf *nb, uint16_t data_off)
{
	if (RTE_MBUF_HAS_EXTBUF(m)) {
		struct rte_mbuf_ext_shared_info *sh = m->shinfo;

		if (rte_mbuf_ext_refcnt_update(sh, -1) == 0)
			sh->free_cb(m->buf_addr, sh->fcb_opaque);
	} else if (RTE_MBUF_CLONED(m)) {
		struct rte_mbuf *md = rte_mbuf_from_indirect(m);

		if (rte_mbuf_refcnt_update(md, -1) == 0) {
			md->next = NULL;
			md->nb_segs = 1;
			rte_mbuf_refcnt_set(md, 1);
			rte_mbuf_raw_free(md);
		}
		m->ol_flags &= ~RTE_MBUF_F_INDIRECT;
		m->priv_size = rte_pktmbuf_priv_size(m->pool);
	}
	/*
	 * A direct segment's own buffer needs nothing: if clones share it, its
	 * data_shinfo holds a reference on the mbuf, and DPDK's free path detaches
	 * the external buffer and restores the own one before the mbuf goes back.
	 */
	m->buf_addr = nb->addr;
	rte_mbuf_iova_set(m, nb->iova);
	m->buf_len = nb->len;
	m->shinfo = nb->shinfo;
	m->ol_flags |= RTE_MBUF_F_EXTERNAL;
	m->data_off = data_off;
}

/* ---------------------------------------------------------------- clones */

struct rte_mbuf *
skb_seg_clone(struct rte_mbuf *s, struct rte_mempool *mp)
{
	struct rte_mbuf *c = rte_pktmbuf_alloc(mp);
	struct rte_mbuf_ext_shared_info *sh;

	if (unlikely(c == NULL))
		return NULL;
#ifdef SKB_ASAN
	/*
	 * Each view of a shared buffer has bounds of its own: poisoning the room
	 * of one would poison data of another, so a buffer is opened whole when
	 * it starts being shared and left so (skb_seg_owned() is false) until
	 * one view owns it alone again and moves its bounds.
	 */
	if (skb_seg_owned(s))
		__skb_asan_unpoison(s->buf_addr, s->buf_len);
#endif
	if (RTE_MBUF_HAS_EXTBUF(s)) {
		sh = s->shinfo;
		rte_mbuf_ext_refcnt_update(sh, 1);
	} else if (RTE_MBUF_CLONED(s) || !skb_mbuf_has_priv(s)) {
		/* not an skb segment: fall back to DPDK's indirect attach */
		rte_pktmbuf_attach(c, s);
		return c;
	} else {
		sh = &__skb_from_mbuf(s)->data_shinfo;
		if (__atomic_load_n(&sh->free_cb, __ATOMIC_ACQUIRE) == skb_data_release) {
			rte_mbuf_ext_refcnt_update(sh, 1);
		} else {
			rte_mbuf_refcnt_update(s, 1);
			skb_lend_buf(s);
		}
	}
	c->buf_addr = s->buf_addr;
	rte_mbuf_iova_set(c, rte_mbuf_iova_get(s));
	c->buf_len = s->buf_len;
	c->shinfo = sh;
	c->ol_flags |= RTE_MBUF_F_EXTERNAL;
	c->data_off = s->data_off;
	c->data_len = s->data_len;
	return c;
}

void
skb_headers_shift(struct sk_buff *skb, int delta)
{
	if (!skb_meta_valid(skb) || delta == 0)
		return;
	if (skb->mac_header != SKB_HDR_UNSET)
		skb->mac_header = (uint16_t)(skb->mac_header + delta);
	if (skb->network_header != SKB_HDR_UNSET)
		skb->network_header = (uint16_t)(skb->network_header + delta);
	if (skb->transport_header != SKB_HDR_UNSET)
		skb->transport_header = (uint16_t)(skb->transport_header + delta);
}

void
skb_copy_header(struct sk_buff *to, const struct sk_buff *from)
{
	struct rte_mbuf *d = &to->mbuf;
	const struct rte_mbuf *s = &from->mbuf;
	const uint64_t buf_flags = RTE_MBUF_F_EXTERNAL | RTE_MBUF_F_INDIRECT;

	d->port = s->port;
	d->ol_flags = (d->ol_flags & buf_flags) | (s->ol_flags & ~buf_flags);
	d->packet_type = s->packet_type;
	d->vlan_tci = s->vlan_tci;
	d->vlan_tci_outer = s->vlan_tci_outer;
	d->hash = s->hash;
	d->tx_offload = s->tx_offload;
	rte_mbuf_dynfield_copy(d, s);
	if (!skb_meta_valid(from)) {
		d->ol_flags &= ~skb_meta_flag;
		__skb_meta_init(to);
		return;
	}
	to->users = 1;
	to->mac_header = from->mac_header;
	to->network_header = from->network_header;
	to->transport_header = from->transport_header;
	to->protocol = from->protocol;
	to->priority = from->priority;
	to->mark = from->mark;
	to->skb_flags = from->skb_flags & ~SKB_FL_CLONED;
	to->shinfo = from->shinfo;
	memcpy(to->cb, from->cb, sizeof(to->cb));
	__skb_asan_head(to); /* the header offsets keep their headroom readable */
}

struct sk_buff *
skb_clone(struct sk_buff *skb)
{
	struct rte_mbuf *head = &skb->mbuf, *s, *c, *first = NULL, *last = NULL;
	struct sk_buff *n;

	SKB_DEBUG_ENTRY(skb, NULL);
	skb_meta_prepare(skb);
	for (s = head; s != NULL; s = s->next) {
		c = skb_seg_clone(s, head->pool);
		if (unlikely(c == NULL)) {
			skb_free_segs(first);
			return NULL;
		}
		if (first == NULL)
			first = c;
		else
			last->next = c;
		last = c;
	}
	first->pkt_len = head->pkt_len;
	first->nb_segs = head->nb_segs;
	n = __skb_from_mbuf(first);
	skb_copy_header(n, skb);
	n->skb_flags |= SKB_FL_CLONED;
	skb->skb_flags |= SKB_FL_CLONED;
	return n;
}

/* True when @m's external buffer is seen through another mbuf too. */
static bool
skb_seg_ext_shared(const struct rte_mbuf *m)
{
	const struct rte_mbuf_ext_shared_info *sh = m->shinfo;
	const struct rte_mbuf *owner;

	if (rte_mbuf_ext_refcnt_read(sh) > 1)
		return true;
	if (__atomic_load_n(&sh->free_cb, __ATOMIC_ACQUIRE) != skb_data_release)
		return false;
	/* a lent buffer: its owner sees it too while it is in use and still points at it */
	owner = sh->fcb_opaque;
	return owner != m && rte_mbuf_refcnt_read(owner) > 1 &&
	       owner->buf_addr == m->buf_addr;
}

bool
__skb_cloned_ext(const struct sk_buff *skb)
{
	return skb_seg_ext_shared(&skb->mbuf);
}

#ifdef SKB_ASAN
bool
skb_seg_owned(const struct rte_mbuf *m)
{
	const struct rte_mbuf_ext_shared_info *sh = m->shinfo;
	const struct rte_mbuf *owner;

	if (RTE_MBUF_DIRECT(m))
		return skb_asan_pool(m->pool) && rte_mbuf_refcnt_read(m) == 1;
	if (RTE_MBUF_CLONED(m) || skb_seg_ext_shared(m))
		return false;
	if (sh->free_cb == skb_malloc_buf_free)
		return true;
	if (sh->free_cb != skb_data_release)
		return false; /* caller memory (skb_add_ext_frag) is the caller's to mark */
	owner = sh->fcb_opaque;
	return skb_asan_pool(owner->pool);
}
#endif

/* True when writing any byte of @skb's data could change what another skb sees. */
static bool
skb_data_shared(const struct sk_buff *skb)
{
	const struct rte_mbuf *m;

	for (m = &skb->mbuf; m != NULL; m = m->next) {
		if (RTE_MBUF_DIRECT(m) ? rte_mbuf_refcnt_read(m) > 1 :
		    RTE_MBUF_CLONED(m) || skb_seg_ext_shared(m))
			return true;
	}
	return false;
}

/* ---------------------------------------------------------------- head copy-on-write */

/*
 * True when DPDK indirect mbufs (rte_pktmbuf_clone/attach, rte_gso_segment) point
 * into direct @m: they find it by address arithmetic, so it must not be re-pointed.
 * Its refcnt is 1 for itself, plus 1 while its buffer is lent to clones, plus theirs.
 */
static bool
skb_has_dpdk_indirect(const struct rte_mbuf *m)
{
	const struct sk_buff *skb = (const struct sk_buff *)m;
	unsigned int own = 1;

	if (!RTE_MBUF_DIRECT(m))
		return false;
	if (skb_mbuf_has_priv(m) &&
	    __atomic_load_n(&skb->data_shinfo.free_cb, __ATOMIC_ACQUIRE) == skb_data_release)
		own++;
	return rte_mbuf_refcnt_read(m) > own;
}

/*
 * Move @skb's head to a private buffer with @headroom bytes in front of the data
 * and ideally @tailroom after it (at least @min_tail).  Bytes from head to tail
 * are copied; header offsets shift with them.
 */
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
	if (skb_has_dpdk_indirect(m))
		return -EBUSY;
	ret = skb_newbuf_get(m->pool, min, want, m->pool->socket_id, &nb);
	if (ret < 0)
		return ret;
	skb_head_copy((char *)nb.addr + copy_to, skb, copy_from, used - copy_from);
	skb_seg_set_buf(m, &nb, (uint16_t)headroom);
	skb_headers_shift(skb, (int)headroom - (int)old_room);
	__skb_asan_head(skb);
	return 0;
}

int
pskb_expand_head(struct sk_buff *skb, int nhead, int ntail)
{
	struct rte_mbuf *m = &skb->mbuf;
	unsigned int tail;

	SKB_DEBUG_ENTRY(skb, -EINVAL);
	if (nhead < 0 || ntail < 0 || skb_shared(skb))
		return -EINVAL;
	tail = skb_availroom(skb) + (unsigned int)ntail;
	return skb_rehead(skb, m->data_off + (unsigned int)nhead, tail, tail);
}

int
__skb_cow_head(struct sk_buff *skb, unsigned int headroom)
{
	unsigned int room = RTE_MAX(headroom, skb_headroom(skb));

	/* keep the tailroom when it fits a pool buffer, else just enough for the data */
	return skb_rehead(skb, room, 0, skb_availroom(skb));
}

/* ---------------------------------------------------------------- private copies */

struct sk_buff *
skb_copy(const struct sk_buff *skb)
{
	const struct rte_mbuf *m = &skb->mbuf;
	unsigned int room = m->data_off;
	struct sk_buff *n;

	SKB_DEBUG_ENTRY(skb, NULL);
	if (room + m->pkt_len > UINT16_MAX)
		return NULL;
	n = alloc_skb(m->pool, room + m->pkt_len);
	if (n == NULL)
		return NULL;
	/* the headroom's bytes too: a mac header may sit there after a pull */
	skb_head_copy(skb_head(n), skb, 0, room);
	n->mbuf.data_off = (uint16_t)room;
	if (skb_copy_bits(skb, 0, __skb_put(n, m->pkt_len), (int)m->pkt_len) != 0) {
		kfree_skb(n);
		return NULL;
	}
	skb_copy_header(n, skb);
	return n;
}

struct sk_buff *
pskb_copy(struct sk_buff *skb)
{
	struct rte_mbuf *m = &skb->mbuf, *s, *last;
	unsigned int room = m->data_off;
	struct sk_buff *n;

	SKB_DEBUG_ENTRY(skb, NULL);
	n = alloc_skb(m->pool, room + m->data_len);
	if (n == NULL)
		return NULL;
	skb_head_copy(skb_head(n), skb, 0, room + m->data_len);
	n->mbuf.data_off = (uint16_t)room;
	__skb_put(n, m->data_len);
	last = &n->mbuf;
	for (s = m->next; s != NULL; s = s->next) {
		struct rte_mbuf *c = skb_seg_clone(s, m->pool);

		if (c == NULL) {
			kfree_skb(n);
			return NULL;
		}
		last->next = c;
		last = c;
		n->mbuf.nb_segs++;
		n->mbuf.pkt_len += c->data_len;
	}
	skb_copy_header(n, skb);
	return n;
}

struct sk_buff *
skb_unshare(struct sk_buff *skb)
{
	struct sk_buff *n;

	SKB_DEBUG_ENTRY(skb, NULL);
	if (!skb_data_shared(skb))
		return skb;
	n = skb_copy(skb);
	kfree_skb(skb);
	return n;
}

struct sk_buff *
skb_realloc_headroom(struct sk_buff *skb, unsigned int headroom)
{
	struct sk_buff *n;

	SKB_DEBUG_ENTRY(skb, NULL);
	if (headroom <= skb_headroom(skb))
		return pskb_copy(skb);
	n = skb_clone(skb);
	if (n == NULL)
		return NULL;
	if (pskb_expand_head(n, (int)(headroom - skb_headroom(skb)), 0) != 0) {
		kfree_skb(n);
		return NULL;
	}
	return n;
}
