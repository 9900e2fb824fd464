/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libskb sharing: clones, head expansion, private copies and unshare.  Clones
 * attach each segment's buffer as an external one (skb_seg_clone(), skb_buf.c,
 * says why not rte_pktmbuf_clone()), so an original can move to a private copy
 * of its head at any time while its clones keep the old one.
 */

#include "skb_internal.h"

/* ---------------------------------------------------------------- clones */

/* Copy skb metadata and the mbuf's per-packet fields (not the data) from @from to @to. */
static void
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
		skb_meta_init(to);
		return;
	}
	memcpy((char *)to + SKB_META_OFF, (const char *)from + SKB_META_OFF, SKB_META_LEN);
	to->users = 1;
	to->skb_flags &= (uint16_t)~SKB_FL_CLONED;
	SKB_ASAN_HEAD(to); /* the header offsets keep their headroom readable */
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

/* True when writing any byte of @skb's data could change what another skb sees. */
static bool
skb_data_shared(const struct sk_buff *skb)
{
	const struct rte_mbuf *m;

	for (m = &skb->mbuf; m != NULL; m = m->next) {
		if (skb_seg_shared(m))
			return true;
	}
	return false;
}

/* ---------------------------------------------------------------- head expansion */

int
pskb_expand_head(struct sk_buff *skb, int nhead, int ntail)
{
	struct rte_mbuf *m = &skb->mbuf;
	unsigned int head, tail, max;

	SKB_DEBUG_ENTRY(skb, -EINVAL);
	if (nhead < 0 || ntail < 0 || skb_shared(skb))
		return -EINVAL;
	/* the head segment's own tailroom, frags or not (skb_availroom() is 0 with frags) */
	head = m->data_off + (unsigned int)nhead;
	tail = rte_pktmbuf_tailroom(m) + (unsigned int)ntail;
	/*
	 * Linux keeps the whole tailroom.  When that passes the longest buffer (a
	 * clone of a head near 64 KiB: the copy's shinfo no longer fits), a caller
	 * that asked for no more tailroom gets what fits rather than -ENOMEM.
	 */
	max = skb_newbuf_max(m->pool);
	if (ntail == 0 && (uint64_t)head + m->data_len + tail > max)
		tail = head + m->data_len < max ? max - head - m->data_len : 0;
	return skb_rehead(skb, head, tail, tail);
}

/* ---------------------------------------------------------------- private copies */

struct sk_buff *
skb_copy_expand(const struct sk_buff *skb, int newheadroom, int newtailroom)
{
	const struct rte_mbuf *m = &skb->mbuf;
	unsigned int old_room = m->data_off, copy_len = old_room, copy_off = 0;
	struct sk_buff *n;

	SKB_DEBUG_ENTRY(skb, NULL);
	if (newheadroom < 0 || newtailroom < 0 ||
	    (uint64_t)newheadroom + m->pkt_len + (unsigned int)newtailroom > UINT16_MAX)
		return NULL;
	n = alloc_skb(m->pool, (unsigned int)newheadroom + m->pkt_len + (unsigned int)newtailroom);
	if (n == NULL)
		return NULL;
	/* the end of the headroom too: a mac header may sit there after a pull */
	if ((unsigned int)newheadroom <= copy_len)
		copy_len = (unsigned int)newheadroom;
	else
		copy_off = (unsigned int)newheadroom - copy_len;
	skb_head_copy(skb_head(n) + copy_off, skb, old_room - copy_len, copy_len);
	n->mbuf.data_off = (uint16_t)newheadroom;
	if (skb_copy_bits(skb, 0, __skb_put(n, m->pkt_len), (int)m->pkt_len) != 0) {
		kfree_skb(n);
		return NULL;
	}
	skb_copy_header(n, skb);
	skb_headers_offset_update(n, newheadroom - (int)old_room);
	return n;
}

struct sk_buff *
skb_copy(const struct sk_buff *skb)
{
	return skb_copy_expand(skb, (int)skb_headroom(skb), 0);
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
