/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libskb segmentation offload: software GSO over rte_gso, GRO over rte_gro
 * (TCP/IPv6, which neither has, written here), and the checks that make GRO
 * then GSO give back the packets received byte for byte.
 */

#include <stdlib.h>

#include <rte_byteorder.h>
#include <rte_errno.h>
#include <rte_gro.h>
#include <rte_gso.h>
#include <rte_ip.h>
#include <rte_mbuf_dyn.h>
#include <rte_tcp.h>

#include "skb_csum.h"
#include "skb_gso.h"
#include "skb_parse.h"

#define GSO_HDR_MAX 256u         /* longest header stack GRO compares */
#define GSO_STACK_SEGS 128u      /* output array kept on the stack up to this */
#define IPV4_MAX_LEN 65535u

/* Header lengths and offsets (from the data pointer) of one packet. */
struct skb_gso_hdrs {
	uint16_t outer_l2, outer_l3;   /* tunnel only */
	uint16_t l2, l3, l4;           /* as rte_mbuf: for a tunnel l2 = UDP + VXLAN + inner Ethernet */
	uint16_t outer_l3_off, outer_l4_off; /* tunnel only */
	uint16_t l3_off, l4_off;       /* inner (or only) IPv4 and L4 header */
	uint16_t hdr_len;              /* every header, L4 included */
	uint8_t proto;                 /* inner (or only) L4 protocol */
	bool tunnel;
	bool frag;                     /* inner (or only) IPv4 packet is a fragment: no L4 parsed */
};

/* ------------------------------------------------------------ parsing */

/*
 * Ethernet, IPv4 and (but for a fragment) UDP or TCP @off bytes into @skb.
 * @return 0; -ENOMEM when a header could not be pulled; -EINVAL otherwise.
 */
static int
skb_gso_parse_stack(struct sk_buff *skb, unsigned int off, unsigned int flags,
		    struct skb_hdrs *h)
{
	int ret = skb_parse_eth(skb, off, h);

	if (ret == 0 && h->protocol != RTE_BE16(RTE_ETHER_TYPE_IPV4))
		ret = -EINVAL;  /* rte_gso and rte_gro know IPv4 only */
	if (ret == 0)
		ret = skb_parse_ip(skb, h, flags);
	if (ret == 0 && h->l4_proto != IPPROTO_UDP && h->l4_proto != IPPROTO_TCP)
		ret = -EINVAL;
	if (ret == 0 && !(h->flags & SKB_HDRS_FRAG))
		ret = skb_parse_l4(skb, h, flags);
	return ret == 0 || ret == -ENOMEM ? ret : -EINVAL;
}

/*
 * Where @skb says its inner frame starts, from the data: the inner mac header
 * of an skb whose tunnel header leads (skb->encapsulation, set by whoever
 * added or found it); -1 when it says nothing.
 */
static int
skb_gso_inner_mac(const struct sk_buff *skb)
{
	if (!skb_meta_valid(skb) || !skb->encapsulation || !skb_inner_mac_header_was_set(skb))
		return -1;
	return (int)(skb_inner_mac_header(skb) - skb_data(skb));
}

/*
 * Parse @skb's headers with skb_parse.h.  When @vxlan, a UDP packet is taken as
 * VXLAN and its inner Ethernet/IPv4/L4 parsed too (an inner fragment is
 * refused) when its inner mac header (skb->encapsulation) lies right after the
 * UDP and VXLAN headers, whatever the UDP port; without inner offsets, when it
 * goes to RTE_VXLAN_DEFAULT_PORT.  An IPv4 fragment gets no L4 header (l4 = 0).
 * @return 0; -ENOMEM when a header could not be pulled; -EINVAL otherwise.
 */
static int
skb_gso_parse(struct sk_buff *skb, bool vxlan, unsigned int flags, struct skb_gso_hdrs *g)
{
	struct skb_hdrs o, in, *h = &o;
	int ret;

	ret = skb_gso_parse_stack(skb, 0, flags, &o);
	if (ret < 0)
		return ret;
	memset(g, 0, sizeof(*g));
	g->l2 = (uint16_t)o.l3_off;
	if (vxlan && o.l4_len != 0 && o.l4_proto == IPPROTO_UDP &&
	    (skb_gso_inner_mac(skb) >= 0 ?
	     skb_gso_inner_mac(skb) == (int)(o.l4_off + RTE_ETHER_VXLAN_HLEN) :
	     skb_parse_be16(skb_data(skb) + o.l4_off + 2) == RTE_BE16(RTE_VXLAN_DEFAULT_PORT))) {
		ret = skb_gso_parse_stack(skb, o.l4_off + RTE_ETHER_VXLAN_HLEN, flags, &in);
		if (ret < 0)
			return ret;
		if (in.flags & SKB_HDRS_FRAG)
			return -EINVAL;
		g->tunnel = true;
		g->outer_l2 = (uint16_t)o.l3_off;
		g->outer_l3 = (uint16_t)o.l3_len;
		g->outer_l3_off = (uint16_t)o.l3_off;
		g->outer_l4_off = (uint16_t)o.l4_off;
		g->l2 = (uint16_t)(in.l3_off - o.l4_off);
		h = &in;
	}
	g->frag = (h->flags & SKB_HDRS_FRAG) != 0;
	g->proto = h->l4_proto;
	g->l3 = (uint16_t)h->l3_len;
	g->l4 = (uint16_t)h->l4_len;
	g->l3_off = (uint16_t)h->l3_off;
	g->l4_off = (uint16_t)h->l4_off;
	g->hdr_len = (uint16_t)(h->l4_off + h->l4_len);
	return 0;
}

static bool
skb_ipv4_is_fragment(const uint8_t *ip)
{
	const struct rte_ipv4_hdr *h = (const struct rte_ipv4_hdr *)ip;

	return (h->fragment_offset & RTE_BE16(RTE_IPV4_HDR_OFFSET_MASK | RTE_IPV4_HDR_MF_FLAG)) != 0;
}

/* ------------------------------------------------------------ checksums */

/*
 * csum_tcpudp_magic() of the @len bytes of @m at @l4_off under the IPv4 header
 * at @l3_off: 0 when the checksum there is right.
 */
static uint16_t
skb_gso_l4_csum(const struct rte_mbuf *m, unsigned int l3_off, unsigned int l4_off,
		unsigned int len, uint8_t proto)
{
	const struct rte_ipv4_hdr *ip =
		rte_pktmbuf_mtod_offset(m, const struct rte_ipv4_hdr *, l3_off);
	/* a segment or packet of an skb pool: skb_checksum() reads only the chain */
	const struct sk_buff *skb = (const struct sk_buff *)m;

	return csum_tcpudp_magic(ip->src_addr, ip->dst_addr, len, proto,
				 skb_checksum(skb, (int)l4_off, (int)len, 0));
}

/* Fill the TCP or UDP checksum of the @len L4 bytes at @l4_off (field written). */
static void
skb_l4_csum_set(struct rte_mbuf *m, unsigned int l3_off, unsigned int l4_off,
		unsigned int len, uint8_t proto)
{
	uint8_t *l4 = rte_pktmbuf_mtod_offset(m, uint8_t *, l4_off);
	rte_be16_t *field = (rte_be16_t *)(l4 + (proto == IPPROTO_TCP ? 16 : 6));
	uint16_t c;

	*field = 0;
	c = skb_gso_l4_csum(m, l3_off, l4_off, len, proto);
	if (c == 0 && proto == IPPROTO_UDP)
		c = 0xffff;
	*field = c;
}

static bool
skb_ipv4_csum_ok(const uint8_t *ip)
{
	return ip_fast_csum(ip, ip[0] & 0xfu) == 0;
}

/* ------------------------------------------------------------ GSO */

enum skb_gso_kind { GSO_TCP4, GSO_UDP4, GSO_VXLAN_TCP4 };

/* Drop the empty attached mbufs rte_gso leaves where a source segment ended. */
static void
skb_gso_drop_empty(struct rte_mbuf *head)
{
	struct rte_mbuf *prev = head, *m = head->next;

	while (m != NULL) {
		struct rte_mbuf *next = m->next;

		if (m->data_len == 0) {
			prev->next = next;
			m->next = NULL;
			head->nb_segs--;
			rte_pktmbuf_free_seg(m);
		} else {
			prev = m;
		}
		m = next;
	}
}

/* Checksums, flags and skb metadata of one output segment. */
static void
skb_gso_finish(struct rte_mbuf *m, const struct skb_gso_hdrs *h, enum skb_gso_kind kind,
	       const struct sk_buff *orig)
{
	struct sk_buff *seg = __skb_from_mbuf(m);
	uint8_t *p;

	skb_gso_drop_empty(m);
	p = rte_pktmbuf_mtod(m, uint8_t *);
	m->ol_flags = 0;
	m->packet_type = orig->mbuf.packet_type;
	m->port = orig->mbuf.port;
	m->l2_len = h->l2;
	m->l3_len = h->l3;
	m->l4_len = h->l4;
	m->outer_l2_len = h->outer_l2;
	m->outer_l3_len = h->outer_l3;
	switch (kind) {
	case GSO_TCP4:
		ip_send_check((struct rte_ipv4_hdr *)(p + h->l3_off));
		skb_l4_csum_set(m, h->l3_off, h->l4_off, m->pkt_len - h->l4_off, IPPROTO_TCP);
		break;
	case GSO_UDP4:
		/* the UDP checksum was set over the whole datagram before splitting */
		ip_send_check((struct rte_ipv4_hdr *)(p + h->l3_off));
		break;
	case GSO_VXLAN_TCP4: {
		struct rte_udp_hdr *udp = (struct rte_udp_hdr *)(p + h->outer_l4_off);

		ip_send_check((struct rte_ipv4_hdr *)(p + h->l3_off));
		skb_l4_csum_set(m, h->l3_off, h->l4_off, m->pkt_len - h->l4_off, IPPROTO_TCP);
		ip_send_check((struct rte_ipv4_hdr *)(p + h->outer_l3_off));
		if (udp->dgram_cksum != 0)
			skb_l4_csum_set(m, h->outer_l3_off, h->outer_l4_off,
					m->pkt_len - h->outer_l4_off, IPPROTO_UDP);
		break;
	}
	}
	skb_meta_init(seg);
	seg->protocol = skb_meta_valid(orig) ? orig->protocol : 0;
	if (seg->protocol == 0)
		seg->protocol = RTE_BE16(RTE_ETHER_TYPE_IPV4);
	if (skb_meta_valid(orig)) {
		seg->priority = orig->priority;
		seg->mark = orig->mark;
		memcpy(seg->cb, orig->cb, sizeof(seg->cb));
	}
	seg->mac_header = m->data_off;
	seg->network_header = (uint16_t)(m->data_off + (h->tunnel ? h->outer_l3_off : h->l3_off));
	seg->transport_header = (uint16_t)(m->data_off + (h->tunnel ? h->outer_l4_off : h->l4_off));
	if (h->tunnel) {
		/* each segment still leads with the tunnel header: its inner headers, as the original's */
		seg->encapsulation = 1;
		seg->inner_mac_header = (uint16_t)(m->data_off + h->outer_l4_off +
						   RTE_ETHER_VXLAN_HLEN);
		seg->inner_network_header = (uint16_t)(m->data_off + h->l3_off);
		seg->inner_transport_header = (uint16_t)(m->data_off + h->l4_off);
	}
}

/*
 * TCP over IPv6 (rte_gso has no IPv6): each segment a fresh linear skb from
 * @skb's pool holding a copy of the headers (extension headers included) and
 * of its MSS of payload; payload length, sequence number, flags (FIN and PSH
 * on the last segment only, CWR on the first only) and the TCP checksum
 * written per segment.
 */
static int
skb_gso_segment_tcp6(struct sk_buff *skb, struct sk_buff_head *segs)
{
	struct sk_buff_head out;
	struct skb_hdrs h;
	struct sk_buff *seg;
	unsigned int mss = skb->shinfo.gso_size, hdr, payload, nseg, i;
	uint32_t seq0;
	uint8_t flags0;
	int ret;

	ret = skb_parse_eth(skb, 0, &h);
	if (ret == 0 && h.protocol != RTE_BE16(RTE_ETHER_TYPE_IPV6))
		ret = -EINVAL;
	if (ret == 0)
		ret = skb_parse_ip(skb, &h, SKB_PARSE_GSO);
	if (ret == 0 && (h.l4_proto != IPPROTO_TCP || (h.flags & SKB_HDRS_FRAG)))
		ret = -EINVAL;
	if (ret == 0)
		ret = skb_parse_l4(skb, &h, SKB_PARSE_GSO);
	if (ret < 0)
		return ret == -ENOMEM ? ret : -EINVAL;
	hdr = h.l4_off + h.l4_len;
	if (skb_len(skb) <= hdr || mss == 0 || hdr + mss > UINT16_MAX)
		return -EINVAL;
	payload = skb_len(skb) - hdr;
	nseg = (payload + mss - 1) / mss;
	if (nseg > SKB_GSO_MAX_SEGS)
		return -EMSGSIZE;
	seq0 = rte_be_to_cpu_32(((const struct rte_tcp_hdr *)(skb_data(skb) + h.l4_off))->sent_seq);
	flags0 = skb_data(skb)[h.l4_off + 13];
	__skb_queue_head_init(&out);
	for (i = 0; i < nseg; i++) {
		unsigned int len = RTE_MIN(mss, payload - i * mss), tlen = h.l4_len + len;
		struct rte_ipv6_hdr *ip;
		struct rte_tcp_hdr *tcp;
		unsigned char *p;
		uint8_t fl = flags0;

		seg = alloc_skb(skb_to_mbuf(skb)->pool, hdr + len);
		if (seg == NULL || (p = skb_put(seg, hdr + len)) == NULL ||
		    skb_copy_bits(skb, 0, p, (int)hdr) != 0 ||
		    skb_copy_bits(skb, (int)(hdr + i * mss), p + hdr, (int)len) != 0) {
			kfree_skb(seg);
			__skb_queue_purge(&out);
			return -ENOMEM;
		}
		ip = (struct rte_ipv6_hdr *)(p + h.l3_off);
		tcp = (struct rte_tcp_hdr *)(p + h.l4_off);
		ip->payload_len = rte_cpu_to_be_16((uint16_t)(hdr + len - h.l3_off -
							      sizeof(struct rte_ipv6_hdr)));
		tcp->sent_seq = rte_cpu_to_be_32(seq0 + i * mss);
		if (i + 1 < nseg)
			fl &= (uint8_t)~(RTE_TCP_FIN_FLAG | RTE_TCP_PSH_FLAG);
		if (i > 0)
			fl &= (uint8_t)~RTE_TCP_CWR_FLAG;
		tcp->tcp_flags = fl;
		tcp->cksum = 0;
		tcp->cksum = csum_ipv6_magic(ip->src_addr, ip->dst_addr, tlen, IPPROTO_TCP,
					     csum_partial(tcp, (int)tlen, 0));
		seg->protocol = RTE_BE16(RTE_ETHER_TYPE_IPV6);
		if (skb_meta_valid(skb)) {
			seg->priority = skb->priority;
			seg->mark = skb->mark;
			memcpy(seg->cb, skb->cb, sizeof(seg->cb));
		}
		skb_to_mbuf(seg)->port = skb_to_mbuf(skb)->port;
		skb_reset_mac_header(seg);
		skb_set_network_header(seg, (int)h.l3_off);
		skb_set_transport_header(seg, (int)h.l4_off);
		__skb_queue_tail(&out, seg);
	}
	while ((seg = __skb_dequeue(&out)) != NULL)
		__skb_queue_tail(segs, seg);
	kfree_skb(skb);
	return 0;
}

int
skb_gso_segment(struct sk_buff *skb, struct sk_buff_head *segs)
{
	struct rte_mbuf *m, *t, *stack_out[GSO_STACK_SEGS], **out = stack_out;
	struct skb_gso_hdrs h;
	struct rte_gso_ctx ctx;
	enum skb_gso_kind kind;
	unsigned int mss, unit, seg_hdr, payload, nseg;
	uint16_t save_off, save_len;
	uint32_t type;
	int ret, i;

	if (skb == NULL || segs == NULL || !skb_is_gso(skb))
		return -EINVAL;
	if (skb->shinfo.gso_type & SKB_GSO_TCPV6)
		return skb_gso_segment_tcp6(skb, segs);
	m = &skb->mbuf;
	mss = skb->shinfo.gso_size;
	type = skb->shinfo.gso_type;
	/* every header ends up linear: rte_gso copies them from the head */
	ret = skb_gso_parse(skb, (type & (SKB_GSO_UDP_TUNNEL | SKB_GSO_TCPV4)) != 0,
			    SKB_PARSE_GSO, &h);
	if (ret < 0)
		return ret;
	if (h.frag)
		return -EINVAL;
	if (h.tunnel) {
		if (h.proto != IPPROTO_TCP || (type & SKB_GSO_UDP))
			return -EINVAL;
		kind = GSO_VXLAN_TCP4;
	} else if (h.proto == IPPROTO_TCP && !(type & SKB_GSO_UDP)) {
		/* SKB_GSO_UDP_TUNNEL left over by a decapsulation is no contradiction */
		kind = GSO_TCP4;
	} else if (h.proto == IPPROTO_UDP && !(type & SKB_GSO_TCPV4)) {
		kind = GSO_UDP4;
	} else {
		return -EINVAL;
	}

	seg_hdr = kind == GSO_UDP4 ? h.l4_off : h.hdr_len;
	unit = kind == GSO_UDP4 ? (mss & ~7u) : mss;
	if (m->pkt_len <= h.hdr_len || unit == 0)
		return -EINVAL;
	payload = m->pkt_len - seg_hdr;
	if (kind == GSO_UDP4 && h.l3 + payload > IPV4_MAX_LEN)
		return -EMSGSIZE;
	nseg = (payload + unit - 1) / unit;
	if (nseg > SKB_GSO_MAX_SEGS)
		return -EMSGSIZE;
	if (nseg > 1 && seg_hdr + unit > UINT16_MAX)
		return -EINVAL;

	/*
	 * A private header mbuf in front of the data: rte_gso copies a segment's
	 * headers from it, and copies its flags too, which must not be those of
	 * an external or attached head.  The original's own head only loses its
	 * headers for the time of the call.
	 */
	t = rte_pktmbuf_alloc(m->pool);
	if (t == NULL)
		return -ENOMEM;
	if (nseg > GSO_STACK_SEGS) {
		out = malloc(nseg * sizeof(*out));
		if (out == NULL) {
			rte_pktmbuf_free(t);
			return -ENOMEM;
		}
	}
	memcpy(rte_pktmbuf_mtod(t, void *), skb_data(skb), h.hdr_len);
	t->data_len = h.hdr_len;
	t->pkt_len = m->pkt_len;
	t->nb_segs = (uint16_t)(m->nb_segs + 1);
	t->port = m->port;
	t->packet_type = m->packet_type;
	t->l2_len = h.l2;
	t->l3_len = h.l3;
	t->l4_len = h.l4;
	t->outer_l2_len = h.outer_l2;
	t->outer_l3_len = h.outer_l3;
	save_off = m->data_off;
	save_len = m->data_len;
	m->data_off = (uint16_t)(m->data_off + h.hdr_len);
	m->data_len = (uint16_t)(m->data_len - h.hdr_len);
	t->next = m;

	memset(&ctx, 0, sizeof(ctx));
	ctx.direct_pool = m->pool;
	ctx.indirect_pool = m->pool;
	ctx.gso_size = (uint16_t)RTE_MIN(seg_hdr + unit, (unsigned int)UINT16_MAX);
	switch (kind) {
	case GSO_TCP4:
		t->ol_flags = RTE_MBUF_F_TX_TCP_SEG | RTE_MBUF_F_TX_IPV4;
		ctx.gso_types = RTE_ETH_TX_OFFLOAD_TCP_TSO;
		break;
	case GSO_UDP4: {
		struct rte_udp_hdr *udp = rte_pktmbuf_mtod_offset(t, struct rte_udp_hdr *,
								  h.l4_off);

		/* UFO: one datagram, its checksum over all of it, then fragments */
		udp->dgram_len = rte_cpu_to_be_16((uint16_t)payload);
		skb_l4_csum_set(t, h.l3_off, h.l4_off, payload, IPPROTO_UDP);
		t->ol_flags = RTE_MBUF_F_TX_UDP_SEG | RTE_MBUF_F_TX_IPV4;
		ctx.gso_types = RTE_ETH_TX_OFFLOAD_UDP_TSO;
		break;
	}
	case GSO_VXLAN_TCP4:
		t->ol_flags = RTE_MBUF_F_TX_TCP_SEG | RTE_MBUF_F_TX_IPV4 |
			      RTE_MBUF_F_TX_OUTER_IPV4 | RTE_MBUF_F_TX_TUNNEL_VXLAN;
		ctx.gso_types = RTE_ETH_TX_OFFLOAD_VXLAN_TNL_TSO | RTE_ETH_TX_OFFLOAD_TCP_TSO;
		break;
	}

	if (nseg == 1) {
		/* fits already: one private copy, finished like any segment */
		out[0] = rte_pktmbuf_copy(t, m->pool, 0, UINT32_MAX);
		ret = out[0] != NULL ? 1 : -ENOMEM;
		if (ret == 1 && kind == GSO_UDP4) {
			struct rte_ipv4_hdr *ip = rte_pktmbuf_mtod_offset(out[0],
						struct rte_ipv4_hdr *, h.l3_off);

			ip->total_length = rte_cpu_to_be_16((uint16_t)(h.l3 + payload));
		} else if (ret == 1) {
			uint8_t *q = rte_pktmbuf_mtod(out[0], uint8_t *);

			((struct rte_ipv4_hdr *)(q + h.l3_off))->total_length =
				rte_cpu_to_be_16((uint16_t)(out[0]->pkt_len - h.l3_off));
			if (h.tunnel) {
				((struct rte_ipv4_hdr *)(q + h.outer_l3_off))->total_length =
					rte_cpu_to_be_16((uint16_t)(out[0]->pkt_len - h.outer_l3_off));
				((struct rte_udp_hdr *)(q + h.outer_l4_off))->dgram_len =
					rte_cpu_to_be_16((uint16_t)(out[0]->pkt_len - h.outer_l4_off));
			}
		}
	} else {
		ret = rte_gso_segment(t, &ctx, out, (uint16_t)nseg);
		if (ret >= 0 && (unsigned int)ret != nseg) {
			for (i = 0; i < ret; i++)
				rte_pktmbuf_free(out[i]);
			ret = -EINVAL;
		}
	}

	/* give the original its head back, then drop the private header mbuf */
	m->data_off = save_off;
	m->data_len = save_len;
	t->next = NULL;
	t->nb_segs = 1;
	t->pkt_len = t->data_len;
	rte_pktmbuf_free(t);
	if (ret < 0) {
		if (out != stack_out)
			free(out);
		return ret;
	}
	for (i = 0; i < ret; i++) {
		skb_gso_finish(out[i], &h, kind, skb);
		__skb_queue_tail(segs, __skb_from_mbuf(out[i]));
	}
	if (out != stack_out)
		free(out);
	kfree_skb(skb);
	return 0;
}

/* ------------------------------------------------------------ GRO */

/*
 * Per-mbuf scratch GRO keeps in a dynamic field: the packet's place in the
 * burst, and the header fields rte_gro rewrites in the head of a merged packet,
 * to give them back when the merge has to be undone.
 */
struct skb_gro_note {
	uint16_t idx;
	uint16_t kind;          /* SKB_GRO_* of the packet, 0: not for GRO */
	rte_be16_t saved[3];    /* tot_len / frag_off, outer tot_len, UDP len, inner tot_len */
};

static int skb_gro_note_off = -1;

static struct skb_gro_note *
skb_gro_note(struct rte_mbuf *m)
{
	return RTE_MBUF_DYNFIELD(m, skb_gro_note_off, struct skb_gro_note *);
}

static int
skb_gro_init(void)
{
	static const struct rte_mbuf_dynfield desc = {
		.name = "skb_gro_note",
		.size = sizeof(struct skb_gro_note),
		.align = __alignof__(struct skb_gro_note),
	};
	int off;

	if (likely(skb_gro_note_off >= 0))
		return 0;
	off = rte_mbuf_dynfield_register(&desc);
	if (off < 0)
		return -rte_errno;
	skb_gro_note_off = off;
	return 0;
}

/*
 * Is @m fit to merge: one mbuf, headers parsed, no padding, every checksum
 * right, TCP with ACK only and a payload, or a UDP fragment.  Fills mbuf
 * lengths and packet_type for rte_gro and the note.  @return the SKB_GRO_* kind or 0.
 */
static uint16_t
skb_gro_classify(struct rte_mbuf *m, uint32_t types, struct skb_gro_note *note)
{
	const uint8_t *p = rte_pktmbuf_mtod(m, const uint8_t *);
	struct skb_gso_hdrs h;
	const struct rte_ipv4_hdr *ip;
	unsigned int tot;

	/* one segment: the parser's pulls are bounds checks, nothing moves */
	if (m->nb_segs != 1 ||
	    skb_gso_parse(__skb_from_mbuf(m), (types & SKB_GRO_VXLAN_TCPV4) != 0, 0, &h) < 0)
		return 0;
	if (h.tunnel) {
		const struct rte_ipv4_hdr *oip = (const struct rte_ipv4_hdr *)(p + h.outer_l3_off);
		const struct rte_udp_hdr *udp = (const struct rte_udp_hdr *)(p + h.outer_l4_off);

		ip = (const struct rte_ipv4_hdr *)(p + h.l3_off);
		if (h.proto != IPPROTO_TCP ||
		    rte_be_to_cpu_16(oip->total_length) + h.outer_l3_off != m->data_len ||
		    rte_be_to_cpu_16(udp->dgram_len) + h.outer_l4_off != m->data_len ||
		    rte_be_to_cpu_16(ip->total_length) + h.l3_off != m->data_len ||
		    skb_ipv4_is_fragment(p + h.l3_off) || !skb_ipv4_csum_ok(p + h.outer_l3_off) ||
		    !skb_ipv4_csum_ok(p + h.l3_off) || m->data_len <= h.hdr_len ||
		    p[h.l4_off + 13] != RTE_TCP_ACK_FLAG)
			return 0;
		if (udp->dgram_cksum != 0 &&
		    skb_gso_l4_csum(m, h.outer_l3_off, h.outer_l4_off,
				    m->data_len - h.outer_l4_off, IPPROTO_UDP) != 0)
			return 0;
		if (skb_gso_l4_csum(m, h.l3_off, h.l4_off, m->data_len - h.l4_off, IPPROTO_TCP) != 0)
			return 0;
		m->outer_l2_len = h.outer_l2;
		m->outer_l3_len = h.outer_l3;
		m->l2_len = h.l2;
		m->l3_len = h.l3;
		m->l4_len = h.l4;
		m->packet_type = RTE_PTYPE_L2_ETHER | RTE_PTYPE_L3_IPV4_EXT_UNKNOWN |
				 RTE_PTYPE_L4_UDP | RTE_PTYPE_TUNNEL_VXLAN |
				 RTE_PTYPE_INNER_L2_ETHER | RTE_PTYPE_INNER_L3_IPV4_EXT_UNKNOWN |
				 RTE_PTYPE_INNER_L4_TCP;
		note->saved[0] = oip->total_length;
		note->saved[1] = udp->dgram_len;
		note->saved[2] = ip->total_length;
		return SKB_GRO_VXLAN_TCPV4;
	}
	ip = (const struct rte_ipv4_hdr *)(p + h.l3_off);
	tot = rte_be_to_cpu_16(ip->total_length);
	if (tot + h.l3_off != m->data_len || !skb_ipv4_csum_ok(p + h.l3_off))
		return 0;
	m->outer_l2_len = 0;
	m->outer_l3_len = 0;
	m->l2_len = h.l2;
	m->l3_len = h.l3;
	m->l4_len = h.l4;
	note->saved[0] = ip->total_length;
	note->saved[1] = ip->fragment_offset;
	if (h.proto == IPPROTO_TCP && (types & SKB_GRO_TCPV4) && !skb_ipv4_is_fragment(p + h.l3_off)) {
		if (m->data_len <= h.hdr_len || p[h.l4_off + 13] != RTE_TCP_ACK_FLAG ||
		    skb_gso_l4_csum(m, h.l3_off, h.l4_off, m->data_len - h.l4_off, IPPROTO_TCP) != 0)
			return 0;
		m->packet_type = RTE_PTYPE_L2_ETHER | RTE_PTYPE_L3_IPV4_EXT_UNKNOWN | RTE_PTYPE_L4_TCP;
		return SKB_GRO_TCPV4;
	}
	if ((types & SKB_GRO_UDPV4) && skb_ipv4_is_fragment(p + h.l3_off) &&
	    p[h.l3_off + 9] == IPPROTO_UDP && m->data_len > h.l4_off) {
		m->l4_len = 0;
		m->packet_type = RTE_PTYPE_L2_ETHER | RTE_PTYPE_L3_IPV4_EXT_UNKNOWN |
				 RTE_PTYPE_L4_UDP;
		return SKB_GRO_UDPV4;
	}
	return 0;
}

/* The byte ranges of a header stack that segmentation rewrites per segment. */
static void
skb_gro_blank(uint8_t *hdr, uint16_t kind, const struct rte_mbuf *m)
{
	unsigned int l3 = kind == SKB_GRO_VXLAN_TCPV4 ?
			  (unsigned int)m->outer_l2_len + m->outer_l3_len + m->l2_len : m->l2_len;
	uint8_t *ip = hdr + l3;

	memset(ip + 2, 0, 4);           /* total length, ID */
	memset(ip + 10, 0, 2);          /* header checksum */
	if (kind == SKB_GRO_UDPV4) {
		memset(ip + 6, 0, 2);   /* flags, fragment offset */
		return;
	}
	memset(ip + m->l3_len + 4, 0, 4);  /* TCP sequence */
	memset(ip + m->l3_len + 16, 0, 2); /* TCP checksum */
	if (kind == SKB_GRO_VXLAN_TCPV4) {
		uint8_t *oip = hdr + m->outer_l2_len;
		uint8_t *udp = oip + m->outer_l3_len;

		memset(oip + 2, 0, 4);
		memset(oip + 10, 0, 2);
		memset(udp + 4, 0, 2);  /* UDP length; a checksum 0 must stay 0 */
		if (udp[6] != 0 || udp[7] != 0)
			memset(udp + 6, 0xff, 2);
	}
}

/*
 * Would segmenting the merged packet @head (@n constituents, one mbuf each,
 * burst places idx..idx+n-1) give back exactly those packets?  Their original
 * headers still sit in front of each constituent's data.
 */
static bool
skb_gro_check(struct rte_mbuf *head, unsigned int n, uint16_t kind, struct sk_buff **burst,
	      unsigned int nb, unsigned int *unit_out)
{
	uint8_t ref[GSO_HDR_MAX], cur[GSO_HDR_MAX];
	unsigned int hl = (unsigned int)head->outer_l2_len + head->outer_l3_len +
			  head->l2_len + head->l3_len + head->l4_len;
	unsigned int idx = skb_gro_note(head)->idx, k, unit = 0;
	unsigned int ip_off = kind == SKB_GRO_VXLAN_TCPV4 ?
			      (unsigned int)head->outer_l2_len + head->outer_l3_len + head->l2_len :
			      head->l2_len;
	unsigned int oip_off = head->outer_l2_len;
	uint16_t id0 = 0, oid0 = 0;
	uint32_t seq0 = 0, off = 0;
	struct rte_mbuf *s;

	if (hl > GSO_HDR_MAX || idx + n > nb)
		return false;
	for (k = 0, s = head; k < n; k++, s = s->next) {
		const uint8_t *orig;
		unsigned int pay;

		if (s == NULL || &burst[idx + k]->mbuf != s || skb_gro_note(s)->idx != idx + k ||
		    s->l2_len != head->l2_len || s->l3_len != head->l3_len ||
		    s->l4_len != head->l4_len || s->outer_l2_len != head->outer_l2_len ||
		    s->outer_l3_len != head->outer_l3_len)
			return false;
		if (k == 0) {
			orig = rte_pktmbuf_mtod(s, const uint8_t *);
			pay = s->data_len - hl;
		} else {
			if (s->data_off < hl)
				return false;
			orig = rte_pktmbuf_mtod(s, const uint8_t *) - hl;
			pay = s->data_len;
		}
		memcpy(cur, orig, hl);
		if (k == 0) {
			/* rte_gro rewrote the head's lengths: compare with what it had */
			struct skb_gro_note *nt = skb_gro_note(s);

			if (kind == SKB_GRO_VXLAN_TCPV4) {
				memcpy(cur + oip_off + 2, &nt->saved[0], 2);
				memcpy(cur + oip_off + head->outer_l3_len + 4, &nt->saved[1], 2);
				memcpy(cur + ip_off + 2, &nt->saved[2], 2);
			} else {
				memcpy(cur + ip_off + 2, &nt->saved[0], 2);
				memcpy(cur + ip_off + 6, &nt->saved[1], 2);
			}
			unit = pay;
			id0 = (uint16_t)(cur[ip_off + 4] << 8 | cur[ip_off + 5]);
			oid0 = (uint16_t)(cur[oip_off + 4] << 8 | cur[oip_off + 5]);
			if (kind != SKB_GRO_UDPV4)
				seq0 = rte_be_to_cpu_32(*(const rte_be32_t *)(cur + ip_off +
								      head->l3_len + 4));
		}
		if (pay == 0 || pay > unit || (k + 1 < n && pay != unit))
			return false;
		if (kind == SKB_GRO_UDPV4) {
			uint16_t fo = (uint16_t)(cur[ip_off + 6] << 8 | cur[ip_off + 7]);
			uint16_t want = (uint16_t)((off >> 3) | (k + 1 < n ? RTE_IPV4_HDR_MF_FLAG : 0));

			if ((unit & 7u) != 0 || fo != want)
				return false;
		} else {
			uint16_t id = (uint16_t)(cur[ip_off + 4] << 8 | cur[ip_off + 5]);
			uint32_t seq = rte_be_to_cpu_32(*(const rte_be32_t *)(cur + ip_off +
									 head->l3_len + 4));

			if (id != (uint16_t)(id0 + k) || seq != seq0 + off)
				return false;
			if (kind == SKB_GRO_VXLAN_TCPV4 &&
			    (uint16_t)(cur[oip_off + 4] << 8 | cur[oip_off + 5]) != (uint16_t)(oid0 + k))
				return false;
		}
		skb_gro_blank(cur, kind, head);
		if (k == 0)
			memcpy(ref, cur, hl);
		else if (memcmp(ref, cur, hl) != 0)
			return false;
		off += pay;
	}
	if (s != NULL)
		return false;
	if (kind == SKB_GRO_UDPV4) {
		/* one whole datagram whose UDP checksum is right and not 0 */
		const struct rte_udp_hdr *udp = rte_pktmbuf_mtod_offset(head,
				const struct rte_udp_hdr *, head->l2_len + head->l3_len);

		if (head->pkt_len < (uint32_t)head->l2_len + head->l3_len + 8u ||
		    rte_be_to_cpu_16(udp->dgram_len) != off || udp->dgram_cksum == 0 ||
		    skb_gso_l4_csum(head, head->l2_len, head->l2_len + head->l3_len, off,
				    IPPROTO_UDP) != 0)
			return false;
	}
	*unit_out = unit;
	return true;
}

/* Undo rte_gro's merge of @head: every constituent back as received. */
static void
skb_gro_unmerge(struct rte_mbuf *head, uint16_t kind, struct sk_buff **slot)
{
	struct skb_gro_note *nt = skb_gro_note(head);
	unsigned int hl = (unsigned int)head->outer_l2_len + head->outer_l3_len +
			  head->l2_len + head->l3_len + head->l4_len;
	uint8_t *p = rte_pktmbuf_mtod(head, uint8_t *);
	struct rte_mbuf *s = head->next;

	if (kind == SKB_GRO_VXLAN_TCPV4) {
		memcpy(p + head->outer_l2_len + 2, &nt->saved[0], 2);
		memcpy(p + head->outer_l2_len + head->outer_l3_len + 4, &nt->saved[1], 2);
		memcpy(p + head->outer_l2_len + head->outer_l3_len + head->l2_len + 2,
		       &nt->saved[2], 2);
	} else {
		memcpy(p + head->l2_len + 2, &nt->saved[0], 2);
		memcpy(p + head->l2_len + 6, &nt->saved[1], 2);
	}
	head->next = NULL;
	head->nb_segs = 1;
	head->pkt_len = head->data_len;
	slot[nt->idx] = __skb_from_mbuf(head);
	while (s != NULL) {
		struct rte_mbuf *next = s->next;
		/* rte_gro cut the head's header length off each later packet */
		s->data_off = (uint16_t)(s->data_off - hl);
		s->data_len = (uint16_t)(s->data_len + hl);
		s->pkt_len = s->data_len;
		s->nb_segs = 1;
		s->next = NULL;
		slot[skb_gro_note(s)->idx] = __skb_from_mbuf(s);
		s = next;
	}
}

/* A merge that checked out: gso fields, fresh IPv4 header checksums, RX flags. */
static void
skb_gro_complete(struct rte_mbuf *head, uint16_t kind, unsigned int unit, unsigned int n)
{
	struct sk_buff *skb = skb_meta_prepare(__skb_from_mbuf(head));
	uint8_t *p = rte_pktmbuf_mtod(head, uint8_t *);
	unsigned int ip_off = kind == SKB_GRO_VXLAN_TCPV4 ?
			      (unsigned int)head->outer_l2_len + head->outer_l3_len + head->l2_len :
			      head->l2_len;

	ip_send_check((struct rte_ipv4_hdr *)(p + ip_off));
	if (kind == SKB_GRO_VXLAN_TCPV4)
		ip_send_check((struct rte_ipv4_hdr *)(p + head->outer_l2_len));
	skb->shinfo.gso_size = (uint16_t)unit;
	skb->shinfo.gso_segs = (uint16_t)n;
	skb->shinfo.gso_type = kind == SKB_GRO_TCPV4 ? SKB_GSO_TCPV4 :
			       kind == SKB_GRO_UDPV4 ? SKB_GSO_UDP :
			       (SKB_GSO_UDP_TUNNEL | SKB_GSO_TCPV4);
	skb->shinfo.nr_frags = (uint16_t)(head->nb_segs - 1);
	skb->mac_header = head->data_off;
	skb->network_header = (uint16_t)(head->data_off + (kind == SKB_GRO_VXLAN_TCPV4 ?
					 head->outer_l2_len : head->l2_len));
	skb->transport_header = (uint16_t)(skb->network_header +
					   (kind == SKB_GRO_VXLAN_TCPV4 ? head->outer_l3_len :
					    head->l3_len));
	skb->protocol = RTE_BE16(RTE_ETHER_TYPE_IPV4);
	head->ol_flags &= ~(RTE_MBUF_F_RX_IP_CKSUM_MASK | RTE_MBUF_F_RX_L4_CKSUM_MASK);
	head->ol_flags |= RTE_MBUF_F_RX_IP_CKSUM_GOOD | RTE_MBUF_F_RX_L4_CKSUM_GOOD;
}

/* GRO of at most RTE_GRO_MAX_BURST_ITEM_NUM skbs; results land in @slot by place. */
static void
skb_gro_chunk(struct sk_buff **skbs, unsigned int base, unsigned int n, uint32_t types,
	      struct sk_buff **slot)
{
	struct rte_mbuf *cand[RTE_GRO_MAX_BURST_ITEM_NUM];
	/* what rte_gro needs set is the PMD's to keep: given back at the end */
	uint32_t ptype[RTE_GRO_MAX_BURST_ITEM_NUM];
	uint64_t txoff[RTE_GRO_MAX_BURST_ITEM_NUM];
	struct rte_gro_param param = {
		.gro_types = 0,
		.max_flow_num = RTE_GRO_MAX_BURST_ITEM_NUM,
		.max_item_per_flow = RTE_GRO_MAX_BURST_ITEM_NUM,
	};
	unsigned int i, nc = 0, k;

	if (types & SKB_GRO_TCPV4)
		param.gro_types |= RTE_GRO_TCP_IPV4;
	if (types & SKB_GRO_UDPV4)
		param.gro_types |= RTE_GRO_UDP_IPV4;
	if (types & SKB_GRO_VXLAN_TCPV4)
		param.gro_types |= RTE_GRO_IPV4_VXLAN_TCP_IPV4;
	for (i = base; i < base + n; i++) {
		struct rte_mbuf *m = &skbs[i]->mbuf;
		struct skb_gro_note *nt = skb_gro_note(m);

		ptype[i - base] = m->packet_type;
		txoff[i - base] = m->tx_offload;
		nt->idx = (uint16_t)i;
		nt->kind = skb_gro_classify(m, types, nt);
		if (nt->kind != 0)
			cand[nc++] = m;
		else
			slot[i] = skbs[i];
	}
	if (nc < 2) {
		for (i = 0; i < nc; i++)
			slot[skb_gro_note(cand[i])->idx] = __skb_from_mbuf(cand[i]);
		goto restore;
	}
	k = rte_gro_reassemble_burst(cand, (uint16_t)nc, &param);
	for (i = 0; i < k; i++) {
		struct rte_mbuf *m = cand[i];
		uint16_t kind = skb_gro_note(m)->kind;
		unsigned int unit;

		if (m->nb_segs == 1) {
			slot[skb_gro_note(m)->idx] = __skb_from_mbuf(m);
			continue;
		}
		if (skb_gro_check(m, m->nb_segs, kind, skbs, base + n, &unit)) {
			skb_gro_complete(m, kind, unit, m->nb_segs);
			slot[skb_gro_note(m)->idx] = __skb_from_mbuf(m);
		} else {
			skb_gro_unmerge(m, kind, slot);
		}
	}
restore:
	for (i = base; i < base + n; i++) {
		skbs[i]->mbuf.packet_type = ptype[i - base];
		skbs[i]->mbuf.tx_offload = txoff[i - base];
	}
}

/* ------------------------------------------------------------ GRO TCP/IPv6 */

/* A TCP/IPv6 run being merged: its head, last packet and what segmentation needs. */
struct skb_gro6_run {
	struct sk_buff *head;
	struct rte_mbuf *tail;
	struct skb_hdrs h;             /* the head's headers */
	unsigned int hl;               /* Ethernet to the end of TCP */
	unsigned int unit;             /* the head's payload: gso_size */
	unsigned int last;             /* the last packet's payload */
	unsigned int n;                /* packets in the run */
	uint32_t next_seq;             /* the sequence number the next packet must carry */
};

/*
 * Is @skb a TCP/IPv6 packet fit to merge: one direct unshared mbuf,
 * Ethernet, IPv6 (extension headers but a fragment's allowed) and TCP parsed,
 * no padding past the payload length, flags ACK only, a payload, its
 * checksum right.  @return the header length (Ethernet to the end of TCP),
 * 0 when not.
 */
static unsigned int
skb_gro6_classify(struct sk_buff *skb, struct skb_hdrs *h)
{
	const struct rte_mbuf *m = &skb->mbuf;
	const struct rte_ipv6_hdr *ip;
	const uint8_t *p;
	unsigned int hl, len;

	/* one segment: the parser's pulls are bounds checks, nothing moves */
	if (m->nb_segs != 1 || !RTE_MBUF_DIRECT(m) || rte_mbuf_refcnt_read(m) != 1 ||
	    skb_parse_eth(skb, 0, h) != 0 || h->protocol != RTE_BE16(RTE_ETHER_TYPE_IPV6) ||
	    skb_parse_ip(skb, h, 0) != 0 || h->l4_proto != IPPROTO_TCP ||
	    (h->flags & SKB_HDRS_FRAG) || skb_parse_l4(skb, h, 0) != 0)
		return 0;
	p = skb_data(skb);
	hl = h->l4_off + h->l4_len;
	if (h->l3_end != m->data_len || m->data_len <= hl || hl > GSO_HDR_MAX ||
	    p[h->l4_off + 13] != RTE_TCP_ACK_FLAG)
		return 0;
	ip = (const struct rte_ipv6_hdr *)(p + h->l3_off);
	len = m->data_len - h->l4_off;
	if (csum_ipv6_magic(ip->src_addr, ip->dst_addr, len, IPPROTO_TCP,
			    csum_partial(p + h->l4_off, (int)len, 0)) != 0)
		return 0;
	return hl;
}

/*
 * Are the @hl header bytes of @a and @b equal but for the fields segmentation
 * writes per segment: the IPv6 payload length, the TCP sequence number and
 * checksum?  @h: the offsets, the same for both.
 */
static bool
skb_gro6_same(const uint8_t *a, const uint8_t *b, const struct skb_hdrs *h, unsigned int hl)
{
	unsigned int pl = h->l3_off + 4, seq = h->l4_off + 4, ck = h->l4_off + 16;

	return memcmp(a, b, pl) == 0 &&
	       memcmp(a + pl + 2, b + pl + 2, seq - pl - 2) == 0 &&
	       memcmp(a + seq + 4, b + seq + 4, ck - seq - 4) == 0 &&
	       memcmp(a + ck + 2, b + ck + 2, hl - ck - 2) == 0;
}

/* The run's head made the GSO skb of its packets (a run of one stays as received). */
static void
skb_gro6_close(struct skb_gro6_run *r)
{
	struct sk_buff *skb;
	struct rte_mbuf *m;
	struct rte_ipv6_hdr *ip;

	if (r->head == NULL || r->n < 2) {
		r->head = NULL;
		return;
	}
	skb = skb_meta_prepare(r->head);
	m = &skb->mbuf;
	ip = rte_pktmbuf_mtod_offset(m, struct rte_ipv6_hdr *, r->h.l3_off);
	ip->payload_len = rte_cpu_to_be_16((uint16_t)(m->pkt_len - r->h.l3_off - sizeof(*ip)));
	skb->shinfo.gso_size = (uint16_t)r->unit;
	skb->shinfo.gso_segs = (uint16_t)r->n;
	skb->shinfo.gso_type = SKB_GSO_TCPV6;
	skb->shinfo.nr_frags = (uint16_t)(m->nb_segs - 1);
	skb->mac_header = m->data_off;
	skb->network_header = (uint16_t)(m->data_off + r->h.l3_off);
	skb->transport_header = (uint16_t)(m->data_off + r->h.l4_off);
	skb->protocol = RTE_BE16(RTE_ETHER_TYPE_IPV6);
	m->ol_flags &= ~RTE_MBUF_F_RX_L4_CKSUM_MASK;
	m->ol_flags |= RTE_MBUF_F_RX_L4_CKSUM_GOOD;
	r->head = NULL;
}

/*
 * Add the packet @skb (headers @h, @hl bytes long) to the run when it
 * continues it: same headers, the next sequence number, a payload no larger
 * than the unit after packets of a whole unit each, the IPv6 payload length
 * of the whole within 16 bits.  @return true when it was chained to the head.
 */
static bool
skb_gro6_append(struct skb_gro6_run *r, struct sk_buff *skb, const struct skb_hdrs *h,
		unsigned int hl)
{
	struct rte_mbuf *m = &skb->mbuf, *head = &r->head->mbuf;
	const uint8_t *p = skb_data(skb);
	unsigned int pay = m->data_len - hl;

	if (hl != r->hl || h->l3_off != r->h.l3_off || h->l4_off != r->h.l4_off ||
	    r->last != r->unit || pay > r->unit || r->n >= SKB_GSO_MAX_SEGS ||
	    head->pkt_len + pay - r->h.l3_off - sizeof(struct rte_ipv6_hdr) > UINT16_MAX ||
	    rte_be_to_cpu_32(*(const rte_be32_t *)(p + h->l4_off + 4)) != r->next_seq ||
	    !skb_gro6_same(rte_pktmbuf_mtod(head, const uint8_t *), p, h, hl))
		return false;
	/* the later packet's headers go: segmentation writes them again */
	m->data_off = (uint16_t)(m->data_off + hl);
	m->data_len = (uint16_t)pay;
	m->pkt_len = pay;
	r->tail->next = m;
	r->tail = m;
	head->nb_segs++;
	head->pkt_len += pay;
	r->last = pay;
	r->next_seq += pay;
	r->n++;
	return true;
}

/*
 * TCP/IPv6 GRO (rte_gro has none): runs of consecutive packets of a flow
 * merged into their first, in place.  @return the skbs left in @skbs.
 */
static uint16_t
skb_gro_tcp6(struct sk_buff **skbs, uint16_t n)
{
	struct skb_gro6_run run = { .head = NULL };
	unsigned int i, out = 0;

	for (i = 0; i < n; i++) {
		struct sk_buff *skb = skbs[i];
		struct skb_hdrs h;
		unsigned int hl = skb_gro6_classify(skb, &h);

		if (hl != 0 && run.head != NULL && skb_gro6_append(&run, skb, &h, hl))
			continue;
		skb_gro6_close(&run);
		skbs[out++] = skb;
		if (hl == 0)
			continue;
		run.head = skb;
		run.tail = &skb->mbuf;
		run.h = h;
		run.hl = hl;
		run.unit = skb->mbuf.data_len - hl;
		run.last = run.unit;
		run.n = 1;
		run.next_seq = rte_be_to_cpu_32(*(const rte_be32_t *)(skb_data(skb) + h.l4_off + 4)) +
			       run.unit;
	}
	skb_gro6_close(&run);
	return (uint16_t)out;
}

/* skb_gro_burst() of the IPv4 types, over rte_gro. */
static uint16_t
skb_gro_ipv4(struct sk_buff **skbs, uint16_t n, uint32_t types)
{
	struct sk_buff *slot[n];
	unsigned int i, base, out = 0;

	if (n < 2 || (types & SKB_GRO_ALL) == 0 || skb_gro_init() < 0)
		return n;
	for (i = 0; i < n; i++)
		slot[i] = NULL;
	for (base = 0; base < n; base += RTE_GRO_MAX_BURST_ITEM_NUM)
		skb_gro_chunk(skbs, base, RTE_MIN((unsigned int)n - base, RTE_GRO_MAX_BURST_ITEM_NUM),
			      types, slot);
	for (i = 0; i < n; i++)
		if (slot[i] != NULL)
			skbs[out++] = slot[i];
	return (uint16_t)out;
}

uint16_t
skb_gro_burst(struct sk_buff **skbs, uint16_t n, uint32_t types)
{
	if (n >= 2 && (types & SKB_GRO_TCPV6))
		n = skb_gro_tcp6(skbs, n);
	return skb_gro_ipv4(skbs, n, types & ~SKB_GRO_TCPV6);
}
