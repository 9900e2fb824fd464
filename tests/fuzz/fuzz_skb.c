/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer target for the skb API: the input is a program of operations
 * (put, push, pull, trim, pskb_may_pull, append_frag, clone, cow_head,
 * pskb_expand_head, linearize, copy_bits, store_bits, header_pointer, the
 * parser of skb_parse.h over a header stack the input shapes, skb_checksum,
 * skb_pad/skb_put_padto, skb_copy_expand, skb_vlan_push/pop, eth_type_trans,
 * skb_ensure_writable, skb_share_check, skb_unclone/skb_cow, __pskb_pull_tail,
 * skb_headers_offset_update, skb_orphan, alloc_skb_bulk/kfree_skb_bulk(_reason),
 * skb_copy/pskb_copy/skb_realloc_headroom/skb_unshare, pskb_trim/pskb_pull,
 * skb_linearize, skb_padto/eth_skb_pad, skb_partial_csum_set/skb_checksum_help,
 * the inner headers and the header pointers, ip_send_check/csum_replace2/
 * csum_replace4/ip_decrease_ttl, __alloc_skb_bulk/__kfree_skb_bulk_reason,
 * skb_netdev_set_mac with eth_type_trans on a net_null port) run on one skb, checked after every
 * step against a model that is a plain byte array:
 * lengths, every byte, the chain's soundness, and a clone's bytes (which must not
 * change whatever happens to the original).  At the end everything is freed (the
 * skb with kfree_skb_reason(), whose count must go up by one) and the cache-less
 * pool must have zero skbs in use.
 */

#include <inttypes.h>

#include <rte_dev.h>
#include <rte_ethdev.h>
#include <rte_log.h>

/* fuzz targets exist only in the ASan build */
#include <sanitizer/asan_interface.h>

#include "fuzz_common.h"
#include "skb_parse.h"

#define MODEL_MAX 70000

struct model {
	uint8_t b[MODEL_MAX];
	unsigned int len;
};

static struct rte_mempool *fz_pool;
/* a net_null port: skb_netdev_set_mac() and eth_type_trans() against its MAC */
static uint16_t fz_port;
static struct rte_ether_addr fz_port_mac;
static struct model fz_m, fz_clone_m;
static uint8_t fz_buf[MODEL_MAX], fz_pat[MODEL_MAX];

int
LLVMFuzzerInitialize(int *argc __rte_unused, char ***argv)
{
	unsigned int i;

	fuzz_eal_init((*argv)[0]);
	/*
	 * The program misuses on purpose (a put past the room, a pull past the
	 * head); the debug build would log each one (to stderr and syslog, most
	 * of an input's time).  They are counted and checked instead: misuse().
	 */
	rte_log_set_level(RTE_LOGTYPE_USER1, RTE_LOG_CRIT);
	/* ethdev logs each call on the port that does not exist (on purpose) */
	rte_log_set_level_pattern("lib.ethdev", RTE_LOG_CRIT);
	fz_pool = fuzz_pool_create("fuzz_skb_pool", 2048);
	FUZZ_CHECK(rte_eal_hotplug_add("vdev", "net_null_fuzz_skb", "") == 0 &&
		   rte_eth_dev_get_port_by_name("net_null_fuzz_skb", &fz_port) == 0 &&
		   rte_eth_macaddr_get(fz_port, &fz_port_mac) == 0, "net_null port");
	for (i = 0; i < MODEL_MAX; i++)
		fz_pat[i] = (uint8_t)(i * 7 + 3);
	return 0;
}

/* Input reader: bytes run out as zeros. */
struct prog {
	const uint8_t *p;
	size_t n, i;
};

static unsigned int
rd8(struct prog *g)
{
	return g->i < g->n ? g->p[g->i++] : 0;
}

static unsigned int
rd16(struct prog *g)
{
	return rd8(g) | rd8(g) << 8;
}

/* Misuses counted so far of the kinds in @first..@last (enum skb_misuse). */
static uint64_t
misuse(enum skb_misuse first, enum skb_misuse last)
{
	uint64_t n = 0;
	unsigned int k;

	for (k = first; k <= (unsigned int)last; k++)
		n += skb_misuse_count((enum skb_misuse)k);
	return n;
}

/* Misuses the program makes on purpose: a refused put, push or pull. */
#define misuse_refused() misuse(SKB_MISUSE_OVER, SKB_MISUSE_NONLINEAR)

/* The skb's bytes must be the model's, and the chain sound. */
static void
check(struct sk_buff *skb, const struct model *m, const char *after)
{
	struct rte_mbuf *mb = skb_to_mbuf(skb);

	/* never by the program: each would be libskb's bug (debug build) */
	FUZZ_CHECK(misuse(SKB_MISUSE_DOUBLE_FREE, SKB_MISUSE_BAD_MBUF) == 0,
		   "after %s: double free %" PRIu64 ", use after free %" PRIu64
		   ", shared write %" PRIu64 ", bad mbuf %" PRIu64, after,
		   skb_misuse_count(SKB_MISUSE_DOUBLE_FREE),
		   skb_misuse_count(SKB_MISUSE_USE_AFTER_FREE),
		   skb_misuse_count(SKB_MISUSE_SHARED_WRITE),
		   skb_misuse_count(SKB_MISUSE_BAD_MBUF));
	fuzz_check_chain(mb);
	FUZZ_CHECK(skb_len(skb) == m->len, "after %s: len %u, model %u", after, skb_len(skb),
		   m->len);
	FUZZ_CHECK(skb_headlen(skb) + skb_data_len(skb) == skb_len(skb), "after %s", after);
	FUZZ_CHECK(skb_headroom(skb) + skb_headlen(skb) + rte_pktmbuf_tailroom(mb) == mb->buf_len,
		   "after %s: head/tail room", after);
	/* Linux: no room to put into a nonlinear skb */
	FUZZ_CHECK(skb_availroom(skb) == (skb_is_nonlinear(skb) ? 0u : rte_pktmbuf_tailroom(mb)),
		   "after %s: skb_availroom %u", after, skb_availroom(skb));
	FUZZ_CHECK(skb_data(skb) == rte_pktmbuf_mtod(mb, unsigned char *), "after %s", after);
	fuzz_read_all(mb, fz_buf);
	FUZZ_CHECK(memcmp(fz_buf, m->b, m->len) == 0, "after %s: bytes differ from the model",
		   after);
}

static void
wr16(uint8_t *p, unsigned int v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/*
 * A header stack shaped by @shape and @len16 into @h: Ethernet, 0-2 tags
 * (0x8100 or 0x88a8), IPv4 of 5-7 words with a total length from @len16 (often
 * past the frame), UDP or TCP with a length or data offset from it.  The IPv4
 * checksum is right unless @shape says otherwise.  @return its length.
 */
static unsigned int hdr_stack6(uint8_t *h, unsigned int o, unsigned int shape,
			       unsigned int len16);

static unsigned int
hdr_stack(uint8_t *h, unsigned int shape, unsigned int len16)
{
	static const uint16_t tpids[] = { 0x8100, 0x88a8, 0x0800, 0x86dd };
	unsigned int ntags = shape % 3, ihl = 5 + (shape >> 2) % 3, o = 12, i, l4;
	uint16_t sum;

	memset(h, 0, 192);
	for (i = 0; i < ntags; i++, o += 4) {
		wr16(h + o, tpids[(shape >> (4 + 2 * i)) & 1]);
		wr16(h + o + 2, len16 ^ i);
	}
	wr16(h + o, shape & 0x100 ? tpids[(shape >> 9) & 3] : 0x0800);
	o += 2;
	if ((shape & 0xf00) == 0x700)  /* the IPv6 EtherType, version 6 */
		return hdr_stack6(h, o, shape, len16);
	h[o] = (uint8_t)(shape & 0x800 ? 0x40 | (len16 & 0xf) : 0x40 | ihl);
	wr16(h + o + 2, len16 >> 4);
	h[o + 6] = (uint8_t)(shape & 0x1000 ? 0x20 : 0);
	h[o + 9] = shape & 0x2000 ? IPPROTO_TCP : IPPROTO_UDP;
	for (i = 12; i < ihl * 4; i++)
		h[o + i] = (uint8_t)(len16 + i);
	sum = ip_fast_csum(h + o, ihl);
	memcpy(h + o + 10, &sum, 2);
	if (shape & 0x4000)
		h[o + 10] ^= 1;
	l4 = o + ihl * 4;
	wr16(h + l4 + 4, (len16 >> 6) & 0x3ff);
	h[l4 + 12] = (uint8_t)((len16 & 0xf0) | 0x0f) & 0xf0;
	return l4 + 40;
}

/*
 * The IPv6 part of hdr_stack() at @o: payload length, up to three extension
 * headers (the walked types, ESP and "no next header") of small stated lengths,
 * the fragment offset taken from @len16, then UDP or TCP.
 */
static unsigned int
hdr_stack6(uint8_t *h, unsigned int o, unsigned int shape, unsigned int len16)
{
	static const uint8_t ext[] = { IPPROTO_HOPOPTS, IPPROTO_DSTOPTS, IPPROTO_ROUTING,
				       IPPROTO_FRAGMENT, IPPROTO_AH, IPPROTO_NONE, IPPROTO_ESP,
				       IPPROTO_HOPOPTS };
	unsigned int n = (len16 >> 13) & 3, i, e = o + 40;
	uint8_t *nh = h + o + 6;

	h[o] = 0x60;
	wr16(h + o + 4, len16 >> 4);
	h[o + 7] = (uint8_t)len16;  /* hop limit */
	for (i = 0; i < 16; i++)
		h[o + 8 + i] = (uint8_t)(shape + i * 13);
	for (i = 0; i < n; i++) {
		uint8_t t = ext[(shape >> (3 * i)) & 7];

		*nh = t;
		nh = h + e;
		h[e + 1] = (uint8_t)((shape >> (12 + i)) & 1);
		if (t == IPPROTO_FRAGMENT) {
			wr16(h + e + 2, (len16 & 0x10) ? len16 : 0);
			e += 8;
		} else if (t == IPPROTO_AH) {
			e += (h[e + 1] + 2u) * 4u;
		} else {
			e += (h[e + 1] + 1u) * 8u;
		}
	}
	*nh = shape & 0x2000 ? IPPROTO_TCP : IPPROTO_UDP;
	wr16(h + e + 4, (len16 >> 6) & 0x3ff);
	h[e + 12] = (uint8_t)((len16 & 0xf0) | 0x0f) & 0xf0;
	return e + 40;
}

/* A frag of @len pattern bytes (pool or heap buffers), as the model sees it at @at. */
static struct sk_buff *
make_frag(unsigned int len, unsigned int seed, int heap)
{
	unsigned int cut = len / 2;

	return __skb_from_mbuf(fuzz_make_chain(fz_pool, fz_pat + (seed % 1000), len, &cut,
					       seed & 1, heap));
}

/* A fresh skb of the first @len pattern bytes, the model with it (after a call freed the skb). */
static struct sk_buff *
restart(unsigned int len)
{
	struct sk_buff *skb = alloc_skb(fz_pool, 2048);

	FUZZ_CHECK(skb != NULL, "pool empty at a restart: a leak");
	skb_reserve(skb, 64);
	len = RTE_MIN(len, 2048u - 64u);
	FUZZ_CHECK(skb_put_data(skb, fz_pat, len) != NULL, "restart put");
	fz_m.len = len;
	memcpy(fz_m.b, fz_pat, len);
	return skb;
}

/* True when the model's frame has a whole tagged header (what skb_vlan_pop() pops). */
static bool
model_tagged(void)
{
	unsigned int type = fz_m.len >= 18 ? (unsigned int)(fz_m.b[12] << 8 | fz_m.b[13]) : 0;

	return type == ETH_P_8021Q || type == ETH_P_8021AD;
}

/*
 * eth_type_trans() of @skb on @port, checked against the model: the protocol,
 * pkt_type against @ours (the port's MAC; NULL: no unicast is ours), the mac
 * header and the Ethernet header pulled.
 */
static void
eth_type_trans_check(struct sk_buff *skb, uint16_t port, const struct rte_ether_addr *ours)
{
	unsigned int want, room = skb_headroom(skb), headlen = skb_headlen(skb);
	uint16_t proto, type;

	proto = eth_type_trans(skb, port);
	if (fz_m.len < ETH_HLEN) {
		FUZZ_CHECK(proto == 0, "eth_type_trans of %u bytes", fz_m.len);
		return;
	}
	if (proto == 0) {
		/* a header in frags that a 64 KiB head with this headroom cannot hold */
		FUZZ_CHECK(headlen < ETH_HLEN && room + ETH_HLEN > UINT16_MAX - 128 &&
			   skb_headlen(skb) == headlen && skb_headroom(skb) == room,
			   "eth_type_trans of %u, headlen %u, headroom %u: 0", fz_m.len, headlen,
			   room);
		return;
	}
	type = (uint16_t)(fz_m.b[12] << 8 | fz_m.b[13]);
	if (type < ETH_P_802_3_MIN)
		type = fz_m.len >= 16 && fz_m.b[14] == 0xff && fz_m.b[15] == 0xff ?
		       ETH_P_802_3 : ETH_P_802_2;
	FUZZ_CHECK(proto == rte_cpu_to_be_16(type), "eth_type_trans: %#x != %#x",
		   rte_be_to_cpu_16(proto), type);
	if (fz_m.b[0] & 1)
		want = memcmp(fz_m.b, "\xff\xff\xff\xff\xff\xff", 6) == 0 ? PACKET_BROADCAST :
		       PACKET_MULTICAST;
	else
		want = ours != NULL && memcmp(fz_m.b, ours, ETH_ALEN) == 0 ? PACKET_HOST :
		       PACKET_OTHERHOST;
	FUZZ_CHECK(skb->pkt_type == want, "eth_type_trans on port %u: pkt_type %u, not %u", port,
		   skb->pkt_type, want);
	FUZZ_CHECK(skb_mac_offset(skb) == -ETH_HLEN, "mac %d", skb_mac_offset(skb));
	memmove(fz_m.b, fz_m.b + ETH_HLEN, fz_m.len - ETH_HLEN);
	fz_m.len -= ETH_HLEN;
}

/*
 * The IPv4 header at the front of the model gets the checksum a full
 * computation gives (csum_partial() with the field 0); the one @iph holds
 * after @after must be exactly it (or 0 where that is 0xffff, the same sum).
 */
static void
model_ip_check(struct model *m, const struct rte_ipv4_hdr *iph, const char *after)
{
	uint16_t want;

	m->b[10] = 0;
	m->b[11] = 0;
	want = csum_fold(csum_partial(m->b, (int)sizeof(*iph), 0));
	/* 20 zero bytes (a word replaced by 0): 0xffff, and an update's 0 checks too */
	if (want == 0xffff && iph->hdr_checksum == 0)
		want = 0;
	memcpy(m->b + 10, &want, sizeof(want));
	FUZZ_CHECK(iph->hdr_checksum == want, "%s: checksum %#x, recomputed %#x", after,
		   iph->hdr_checksum, want);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct prog g = { data, size, 0 };
	struct sk_buff *skb, *clone = NULL;
	unsigned int steps = 0, a, b;
	uint8_t tmp[512];
	uint64_t drops, refused;
	enum skb_drop_reason reason;

	/* the start: an skb of rd16 % 2048 bytes, headroom rd8 */
	a = rd16(&g) % 2048;
	b = rd8(&g);
	skb = alloc_skb(fz_pool, 2048);
	FUZZ_CHECK(skb != NULL, "pool empty at start: a leak");
	skb_reserve(skb, (int)b);
	FUZZ_CHECK(skb_put_data(skb, fz_pat, a > 2048 - b ? 2048 - b : a) != NULL, "first put");
	fz_m.len = skb_len(skb);
	memcpy(fz_m.b, fz_pat, fz_m.len);
	check(skb, &fz_m, "start");

	while (g.i < g.n && steps++ < 64) {
		unsigned int op = rd8(&g) % 37, n = rd16(&g);
		const char *name = "?";
		void *p;
		int ret;

		switch (op) {
		case 0: /* put */
			name = "skb_put";
			n %= 600;
			if (skb_cloned(skb) && pskb_expand_head(skb, 0, 0) != 0)
				break;
			a = skb_is_nonlinear(skb) ? 0 : (unsigned int)skb_tailroom(skb);
			refused = misuse_refused();
			p = skb_put(skb, n);
			FUZZ_CHECK((p == NULL) == (skb_is_nonlinear(skb) || n > a), "skb_put(%u) room %u",
				   n, a);
			FUZZ_CHECK(misuse_refused() == refused + (p == NULL), "skb_put misuse count");
			if (p != NULL && fz_m.len + n <= MODEL_MAX) {
				memcpy(p, fz_pat + n, n);
				memcpy(fz_m.b + fz_m.len, fz_pat + n, n);
				fz_m.len += n;
			} else if (p != NULL) {
				skb_trim(skb, fz_m.len);
			}
			break;
		case 1: /* push, after cow_head as a header writer must */
			name = "skb_push";
			n %= 300;
			if (fz_m.len + n > MODEL_MAX)
				break; /* past what the model holds */
			if (skb_cloned(skb) && skb_cow_head(skb, n) != 0)
				break;
			a = skb_headroom(skb);
			refused = misuse_refused();
			p = skb_push(skb, n);
			FUZZ_CHECK((p == NULL) == (n > a), "skb_push(%u) headroom %u", n, a);
			FUZZ_CHECK(misuse_refused() == refused + (p == NULL), "skb_push misuse count");
			if (p != NULL) {
				memcpy(p, fz_pat + 2 * n, n);
				memmove(fz_m.b + n, fz_m.b, fz_m.len);
				memcpy(fz_m.b, fz_pat + 2 * n, n);
				fz_m.len += n;
			}
			break;
		case 2: /* pull */
			name = "skb_pull";
			n %= 2100;
			a = skb_headlen(skb);
			refused = misuse_refused();
			p = skb_pull(skb, n);
			FUZZ_CHECK((p == NULL) == (n > a), "skb_pull(%u) headlen %u", n, a);
			FUZZ_CHECK(misuse_refused() == refused + (p == NULL), "skb_pull misuse count");
			if (p != NULL) {
				memmove(fz_m.b, fz_m.b + n, fz_m.len - n);
				fz_m.len -= n;
			}
			break;
		case 3: /* trim */
			name = "skb_trim";
			n %= fz_m.len + 10;
			skb_trim(skb, n);
			if (n < fz_m.len)
				fz_m.len = n;
			break;
		case 4: /* pskb_may_pull */
			name = "pskb_may_pull";
			n %= fz_m.len + 10;
			b = skb_headroom(skb);
			ret = pskb_may_pull(skb, n);
			/* a head that keeps its headroom and holds n bytes must fit 64 KiB */
			if (n <= fz_m.len && n <= 2048 && b + n <= UINT16_MAX - 128)
				FUZZ_CHECK(ret, "pskb_may_pull(%u) of %u refused, headroom %u", n, fz_m.len,
					   b);
			if (n > fz_m.len)
				FUZZ_CHECK(!ret, "pskb_may_pull(%u) past len %u", n, fz_m.len);
			if (ret)
				FUZZ_CHECK(skb_headlen(skb) >= n, "headlen %u < %u", skb_headlen(skb), n);
			break;
		case 5: { /* append_frag */
			struct sk_buff *f;

			name = "skb_append_frag";
			n %= 3000;
			if (fz_m.len + n > MODEL_MAX)
				break;
			f = make_frag(n, n, n & 2);
			if (f == NULL)
				break;
			ret = skb_append_frag(skb, f);
			if (ret == 0) {
				memcpy(fz_m.b + fz_m.len, fz_pat + (n % 1000), n);
				fz_m.len += n;
			} else {
				FUZZ_CHECK(ret == -EOVERFLOW, "skb_append_frag: %d", ret);
				kfree_skb(f);
			}
			break;
		}
		case 6: /* clone (one kept at a time; its bytes must never change) */
			name = "skb_clone";
			if (clone != NULL) {
				check(clone, &fz_clone_m, "clone kept");
				kfree_skb(clone);
				clone = NULL;
			}
			clone = skb_clone(skb);
			if (clone != NULL) {
				fz_clone_m.len = fz_m.len;
				memcpy(fz_clone_m.b, fz_m.b, fz_m.len);
				check(clone, &fz_clone_m, "skb_clone (clone)");
				if (n & 1) { /* sometimes work on the clone, keep the original */
					struct sk_buff *t = skb;

					skb = clone;
					clone = t;
				}
			}
			break;
		case 7: /* cow_head */
			name = "skb_cow_head";
			n %= 512;
			ret = skb_cow_head(skb, n);
			if (ret == 0) {
				FUZZ_CHECK(skb_headroom(skb) >= n, "headroom %u < %u", skb_headroom(skb), n);
				FUZZ_CHECK(!skb_cloned(skb), "still cloned after skb_cow_head");
			}
			break;
		case 8: /* pskb_expand_head */
			name = "pskb_expand_head";
			ret = pskb_expand_head(skb, (int)(n & 0xff), (int)(n >> 8));
			FUZZ_CHECK(ret == 0 || ret == -ENOMEM, "pskb_expand_head: %d", ret);
			break;
		case 9: /* linearize: pull everything into the head when it fits */
			name = "linearize";
			ret = pskb_may_pull(skb, fz_m.len);
			if (ret)
				FUZZ_CHECK(skb_headlen(skb) == fz_m.len, "headlen %u len %u",
					   skb_headlen(skb), fz_m.len);
			break;
		case 10: /* copy_bits */
			name = "skb_copy_bits";
			a = rd16(&g) % (fz_m.len + 20);
			n %= sizeof(tmp);
			ret = skb_copy_bits(skb, (int)a, tmp, (int)n);
			FUZZ_CHECK((ret == 0) == (a + n <= fz_m.len), "copy_bits(%u, %u) of %u: %d", a,
				   n, fz_m.len, ret);
			if (ret == 0)
				FUZZ_CHECK(memcmp(tmp, fz_m.b + a, n) == 0, "copy_bits bytes");
			break;
		case 11: /* store_bits on an unshared skb */
			name = "skb_store_bits";
			a = rd16(&g) % (fz_m.len + 20);
			n %= sizeof(tmp);
			if (clone != NULL)
				break; /* frags stay shared with clones: writing them is the caller's bug */
			ret = skb_store_bits(skb, (int)a, fz_pat + 5, (int)n);
			FUZZ_CHECK((ret == 0) == (a + n <= fz_m.len), "store_bits(%u, %u) of %u: %d", a,
				   n, fz_m.len, ret);
			if (ret == 0)
				memcpy(fz_m.b + a, fz_pat + 5, n);
			break;
		case 12: /* header_pointer */
			name = "skb_header_pointer";
			a = rd16(&g) % (fz_m.len + 20);
			n %= sizeof(tmp);
			p = skb_header_pointer(skb, (int)a, (int)n, tmp);
			FUZZ_CHECK((p != NULL) == (a + n <= fz_m.len), "header_pointer(%u, %u) of %u",
				   a, n, fz_m.len);
			if (p != NULL)
				FUZZ_CHECK(memcmp(p, fz_m.b + a, n) == 0, "header_pointer bytes");
			break;
		case 14: { /* a header stack over the front (no clone to share it), then the parser */
			struct skb_hdrs h;
			uint8_t stack[192];
			unsigned int hl, len16 = rd16(&g);

			name = "skb_parse";
			hl = RTE_MIN(hdr_stack(stack, n, len16), fz_m.len);
			if (clone == NULL && skb_store_bits(skb, 0, stack, (int)hl) == 0)
				memcpy(fz_m.b, stack, hl);
			ret = skb_parse(skb, &h, n & 0x8000 ? SKB_PARSE_CSUM : 0);
			FUZZ_CHECK(ret == 0 || ret == -ENODATA || ret == -EPROTO || ret == -EBADMSG ||
				   ret == -ENOMEM, "skb_parse: %d", ret);
			if (ret != 0)
				break;
			FUZZ_CHECK(h.mac_off == 0 && h.nr_vlans <= SKB_PARSE_MAX_VLANS &&
				   h.l3_off == RTE_ETHER_HDR_LEN + 4u * h.nr_vlans &&
				   h.l3_off <= fz_m.len, "eth: l3 %u vlans %u", h.l3_off, h.nr_vlans);
			if (h.l3_len == 0)
				break;
			FUZZ_CHECK(h.l4_off == h.l3_off + h.l3_len && h.l4_off <= h.l3_end &&
				   h.l3_end <= fz_m.len, "ip: l4 %u end %u len %u", h.l4_off, h.l3_end,
				   fz_m.len);
			if (h.protocol == RTE_BE16(RTE_ETHER_TYPE_IPV6)) {
				uint8_t nh = fz_m.b[h.l3_off + 6];

				FUZZ_CHECK(h.l3_end == h.l3_off + 40u +
					   (unsigned int)(fz_m.b[h.l3_off + 4] << 8 |
							  fz_m.b[h.l3_off + 5]),
					   "ipv6 end %u", h.l3_end);
				/* the parser's walk and Linux's agree (but at "no next header") */
				if (h.l4_proto != IPPROTO_NONE)
					FUZZ_CHECK(ipv6_skip_exthdr(skb, (int)h.l3_off + 40, &nh) ==
						   (int)h.l4_off && nh == h.l4_proto,
						   "ipv6_skip_exthdr: %u", h.l4_off);
			} else {
				FUZZ_CHECK(h.l3_end == h.l3_off +
					   (unsigned int)(fz_m.b[h.l3_off + 2] << 8 |
							  fz_m.b[h.l3_off + 3]),
					   "ip end %u", h.l3_end);
			}
			if (h.l4_len == 0)
				break;
			FUZZ_CHECK(h.l4_off + h.l4_len <= h.l4_end && h.l4_end <= h.l3_end,
				   "l4: %u + %u, end %u, ip end %u", h.l4_off, h.l4_len, h.l4_end,
				   h.l3_end);
			if (h.protocol == RTE_BE16(RTE_ETHER_TYPE_IPV6)) {
				FUZZ_CHECK(skb_l4_csum(skb, &h) ==
					   csum_ipv6_magic(fz_m.b + h.l3_off + 8, fz_m.b + h.l3_off + 24,
							   h.l4_end - h.l4_off, h.l4_proto,
							   csum_partial(fz_m.b + h.l4_off,
									(int)(h.l4_end - h.l4_off), 0)),
					   "skb_l4_csum ipv6");
			} else {
				uint32_t sa, da;

				memcpy(&sa, fz_m.b + h.l3_off + 12, 4);
				memcpy(&da, fz_m.b + h.l3_off + 16, 4);
				FUZZ_CHECK(skb_l4_csum(skb, &h) ==
					   csum_tcpudp_magic(sa, da, h.l4_end - h.l4_off, h.l4_proto,
							     csum_partial(fz_m.b + h.l4_off,
									  (int)(h.l4_end - h.l4_off), 0)),
					   "skb_l4_csum");
			}
			break;
		}
		case 15: { /* skb_checksum of a range */
			uint32_t seed = (uint32_t)n * 2654435761u, sum;

			name = "skb_checksum";
			a = rd16(&g) % (fz_m.len + 20);
			b = rd16(&g) % (fz_m.len + 20);
			sum = skb_checksum(skb, (int)a, (int)b, seed);
			if (a + b <= fz_m.len)
				FUZZ_CHECK(csum_fold(sum) ==
					   csum_fold(csum_partial(fz_m.b + a, (int)b, seed)),
					   "skb_checksum(%u, %u) of %u", a, b, fz_m.len);
			else
				FUZZ_CHECK(sum == seed, "skb_checksum(%u, %u) of %u summed", a, b,
					   fz_m.len);
			break;
		}
		case 16: /* skb_pad, then skb_put_padto: zeros added; on error the skb is gone */
			name = "skb_put_padto";
			a = fz_m.len + n % 300;
			if (a > MODEL_MAX)
				break;
			b = skb_headroom(skb); /* the 64 KiB limit counts it: the skb is gone after an error */
			ret = skb_pad(skb, (int)(n % 64));
			if (ret != 0) {
				FUZZ_CHECK(ret == -ENOMEM && b + fz_m.len + n % 64 > UINT16_MAX - 128,
					   "skb_pad(%u) of %u, headroom %u: %d", n % 64, fz_m.len, b, ret);
				skb = restart(n);
				break;
			}
			FUZZ_CHECK(n % 64 == 0 || (!skb_is_nonlinear(skb) &&
						   skb_tailroom(skb) >= (int)(n % 64)),
				   "skb_pad(%u): tailroom %d", n % 64, skb_tailroom(skb));
			ret = skb_put_padto(skb, a);
			if (ret != 0) {
				FUZZ_CHECK(ret == -ENOMEM && b + a > UINT16_MAX - 128,
					   "skb_put_padto(%u), headroom %u: %d", a, b, ret);
				skb = restart(n);
				break;
			}
			if (a > fz_m.len) {
				memset(fz_m.b + fz_m.len, 0, a - fz_m.len);
				fz_m.len = a;
			}
			break;
		case 17: { /* skb_copy_expand: a private linear copy, offsets moved with the data */
			struct sk_buff *c;
			unsigned int hr = n % 1024, tr = rd16(&g) % 1024;

			name = "skb_copy_expand";
			skb_reset_mac_header(skb);
			c = skb_copy_expand(skb, (int)hr, (int)tr);
			if (hr + fz_m.len + tr > UINT16_MAX - 64) {
				kfree_skb(c); /* an external buffer may or may not be had */
				break;
			}
			FUZZ_CHECK(c != NULL, "skb_copy_expand(%u, %u) of %u", hr, tr, fz_m.len);
			FUZZ_CHECK(!skb_is_nonlinear(c) && skb_headroom(c) == hr &&
				   skb_tailroom(c) >= (int)tr && skb_mac_offset(c) == 0,
				   "copy: headroom %u tailroom %d mac %d", skb_headroom(c),
				   skb_tailroom(c), skb_mac_offset(c));
			check(c, &fz_m, "skb_copy_expand (copy)");
			kfree_skb(c);
			break;
		}
		case 18: /* skb_vlan_push at the mac header */
			name = "skb_vlan_push";
			if (fz_m.len + 4 > MODEL_MAX)
				break;
			skb_reset_mac_header(skb);
			ret = skb_vlan_push(skb, n & 1 ? RTE_BE16(ETH_P_8021AD) : RTE_BE16(ETH_P_8021Q),
					    (uint16_t)n);
			if (fz_m.len < 2 * ETH_ALEN) {
				FUZZ_CHECK(ret == -EINVAL, "skb_vlan_push of %u bytes: %d", fz_m.len, ret);
				break;
			}
			if (ret != 0) {
				FUZZ_CHECK(ret == -ENOMEM, "skb_vlan_push: %d", ret);
				break;
			}
			FUZZ_CHECK(skb_mac_offset(skb) == 0 &&
				   skb->protocol == (n & 1 ? RTE_BE16(ETH_P_8021AD) : RTE_BE16(ETH_P_8021Q)),
				   "skb_vlan_push: mac %d", skb_mac_offset(skb));
			memmove(fz_m.b + 16, fz_m.b + 12, fz_m.len - 12);
			wr16(fz_m.b + 12, n & 1 ? ETH_P_8021AD : ETH_P_8021Q);
			wr16(fz_m.b + 14, n & 0xffff);
			fz_m.len += 4;
			break;
		case 19: /* skb_vlan_pop at the mac header */
			name = "skb_vlan_pop";
			skb_reset_mac_header(skb);
			b = model_tagged();
			ret = skb_vlan_pop(skb);
			if (ret != 0) {
				FUZZ_CHECK(ret == -ENOMEM && b, "skb_vlan_pop: %d", ret);
				break;
			}
			if (b) {
				memmove(fz_m.b + 12, fz_m.b + 16, fz_m.len - 16);
				fz_m.len -= 4;
			}
			FUZZ_CHECK(skb_mac_offset(skb) == 0, "skb_vlan_pop: mac %d", skb_mac_offset(skb));
			break;
		case 20: /* eth_type_trans on a port that does not exist: no unicast is ours */
			name = "eth_type_trans";
			eth_type_trans_check(skb, RTE_MAX_ETHPORTS - 1, NULL);
			break;
		case 21: /* skb_ensure_writable */
			name = "skb_ensure_writable";
			n %= fz_m.len + 10;
			b = skb_headroom(skb);
			ret = skb_ensure_writable(skb, n);
			if (n > fz_m.len)
				FUZZ_CHECK(ret == -ENOMEM, "skb_ensure_writable(%u) past %u: %d", n,
					   fz_m.len, ret);
			else if (n <= 2048 && b + n <= UINT16_MAX - 128)
				FUZZ_CHECK(ret == 0, "skb_ensure_writable(%u) of %u, headroom %u: %d", n,
					   fz_m.len, b, ret);
			if (ret == 0)
				FUZZ_CHECK(skb_headlen(skb) >= n && !skb_cloned(skb),
					   "skb_ensure_writable(%u): headlen %u", n, skb_headlen(skb));
			break;
		case 22: { /* skb_share_check of a shared skb: a clone, our extra reference dropped */
			struct sk_buff *c;

			name = "skb_share_check";
			FUZZ_CHECK(skb_share_check(skb) == skb, "unshared skb replaced");
			c = skb_share_check(skb_get(skb));
			FUZZ_CHECK(skb->users == 1, "skb_share_check left users %u", skb->users);
			if (c != NULL) {
				FUZZ_CHECK(c != skb, "skb_share_check of a shared skb gave it back");
				check(c, &fz_m, "skb_share_check (clone)");
				kfree_skb(c);
			}
			break;
		}
		case 23: /* skb_unclone, skb_cow */
			name = "skb_cow";
			ret = n & 1 ? skb_unclone(skb) : skb_cow(skb, n % 700);
			FUZZ_CHECK(ret == 0 || ret == -ENOMEM, "%s: %d", n & 1 ? "skb_unclone" : "skb_cow",
				   ret);
			if (ret == 0) {
				FUZZ_CHECK(!skb_cloned(skb), "cloned after %s", n & 1 ? "skb_unclone" :
					   "skb_cow");
				FUZZ_CHECK(n & 1 || skb_headroom(skb) >= n % 700, "skb_cow(%u): headroom %u",
					   n % 700, skb_headroom(skb));
			}
			break;
		case 24: { /* __pskb_pull_tail: frag bytes to the head, the data unchanged */
			int delta = n & 0x8000 ? -(int)(n & 0xff) - 1 :
				    (int)(n % (skb_data_len(skb) + 10));

			name = "__pskb_pull_tail";
			a = skb_headlen(skb);
			b = skb_headroom(skb);
			p = __pskb_pull_tail(skb, delta);
			if (delta < 0 || (unsigned int)delta > fz_m.len - a)
				FUZZ_CHECK(p == NULL, "__pskb_pull_tail(%d) of %u + %u", delta, a,
					   fz_m.len - a);
			else if (b + a + (unsigned int)delta <= UINT16_MAX - 64)
				FUZZ_CHECK(p != NULL, "__pskb_pull_tail(%d) of %u + %u refused", delta, a,
					   fz_m.len - a);
			if (p != NULL)
				FUZZ_CHECK(p == skb_tail_pointer(skb) && skb_headlen(skb) == a + (unsigned int)delta &&
					   !skb_cloned(skb) && skb_headroom(skb) == b,
					   "__pskb_pull_tail(%d): headlen %u, was %u", delta, skb_headlen(skb), a);
			else
				FUZZ_CHECK(skb_headlen(skb) == a, "__pskb_pull_tail(%d) refused: headlen %u",
					   delta, skb_headlen(skb));
			break;
		}
		case 25: { /* skb_headers_offset_update there and back */
			int off = (int)(n % 65) - 32, mac, net;

			name = "skb_headers_offset_update";
			/*
			 * Offsets from the head are 16 bits below 0xffff (unset), before and
			 * after the move: the move stays between the head and 0xfffe, the
			 * network header below 0xfffe less the move.
			 */
			a = skb_headroom(skb);
			off = RTE_MAX(RTE_MIN(off, 0xfffe - (int)a), -(int)a);
			b = (unsigned int)RTE_MAX(RTE_MIN((int)fz_m.len, 0xfffe - (int)a - RTE_MAX(off, 0)),
						  0);
			skb_reset_mac_header(skb);
			skb_set_network_header(skb, (int)((n >> 7) % (b + 1)));
			mac = skb_mac_offset(skb);
			net = skb_network_offset(skb);
			skb_headers_offset_update(skb, off);
			FUZZ_CHECK(skb_mac_offset(skb) == mac + off && skb_network_offset(skb) == net + off,
				   "skb_headers_offset_update(%d): mac %d net %d, were %d %d", off,
				   skb_mac_offset(skb), skb_network_offset(skb), mac, net);
			skb_headers_offset_update(skb, -off);
			FUZZ_CHECK(skb_mac_offset(skb) == mac && skb_network_offset(skb) == net,
				   "skb_headers_offset_update(%d) back: mac %d net %d", -off,
				   skb_mac_offset(skb), skb_network_offset(skb));
			break;
		}
		case 26: /* skb_orphan: the fields stay */
			name = "skb_orphan";
			skb->mark = n;
			skb->priority = n ^ 0x5a5a;
			skb->cb[n % sizeof(skb->cb)] = (char)n;
			skb_orphan(skb);
			FUZZ_CHECK(skb->mark == n && skb->priority == (n ^ 0x5a5a) &&
				   skb->cb[n % sizeof(skb->cb)] == (char)n && skb->users == 1,
				   "skb_orphan changed the fields");
			break;
		case 27: { /* alloc_skb_bulk, then kfree_skb_bulk or kfree_skb_bulk_reason */
			struct sk_buff *bulk[9];
			unsigned int k = n % 8 + 1, size = rd16(&g) % 4096, in_use, i;

			name = "alloc_skb_bulk";
			in_use = rte_mempool_in_use_count(fz_pool);
			ret = alloc_skb_bulk(fz_pool, bulk, k, size);
			FUZZ_CHECK(ret == 0, "alloc_skb_bulk(%u, %u): %d", k, size, ret);
			FUZZ_CHECK(rte_mempool_in_use_count(fz_pool) == in_use + k, "bulk in use");
			for (i = 0; i < k; i++) {
				struct sk_buff *t = bulk[i];

				FUZZ_CHECK(skb_len(t) == 0 && skb_headroom(t) == 0 &&
					   skb_tailroom(t) >= (int)size && t->users == 1 &&
					   !skb_cloned(t) && t->mark == 0 && t->priority == 0 &&
					   t->protocol == 0 && !skb_mac_header_was_set(t) &&
					   !skb_network_header_was_set(t),
					   "alloc_skb_bulk skb %u: len %u tailroom %d", i, skb_len(t),
					   skb_tailroom(t));
				FUZZ_CHECK(skb_put_data(t, fz_pat + i, size) != NULL, "bulk put");
				fuzz_read_all(skb_to_mbuf(t), fz_buf);
				FUZZ_CHECK(memcmp(fz_buf, fz_pat + i, size) == 0, "bulk skb %u bytes", i);
			}
			bulk[k] = NULL;
			if (n & 0x100) {
				reason = (enum skb_drop_reason)(n % SKB_DROP_REASON_MAX);
				drops = skb_drop_count(reason);
				kfree_skb_bulk_reason(bulk, k + 1, reason);
				FUZZ_CHECK(skb_drop_count(reason) == drops + k,
					   "kfree_skb_bulk_reason of %u: %" PRIu64 " -> %" PRIu64, k,
					   drops, skb_drop_count(reason));
			} else {
				kfree_skb_bulk(bulk, k + 1);
			}
			FUZZ_CHECK(rte_mempool_in_use_count(fz_pool) == in_use, "kfree_skb_bulk: %u in use, was %u",
				   rte_mempool_in_use_count(fz_pool), in_use);
			break;
		}
		case 28: { /* the copies: skb_copy, pskb_copy, skb_realloc_headroom; skb_unshare */
			struct sk_buff *c = NULL;
			unsigned int hr = (n >> 2) % 512, room = skb_headroom(skb);
			bool fits = room + hr + fz_m.len <= UINT16_MAX - 128;

			name = "skb_copy";
			switch (n % 4) {
			case 0:
				c = skb_copy(skb);
				FUZZ_CHECK(c == NULL || (!skb_is_nonlinear(c) && skb_headroom(c) == room),
					   "skb_copy: headroom %u, was %u", skb_headroom(c), room);
				break;
			case 1:
				name = "pskb_copy";
				c = pskb_copy(skb);
				FUZZ_CHECK(c == NULL || (skb_headlen(c) == skb_headlen(skb) &&
							 skb_headroom(c) == room),
					   "pskb_copy: headlen %u headroom %u", skb_headlen(c), skb_headroom(c));
				break;
			case 2:
				name = "skb_realloc_headroom";
				c = skb_realloc_headroom(skb, hr);
				FUZZ_CHECK(c == NULL || skb_headroom(c) >= hr,
					   "skb_realloc_headroom(%u): %u", hr, skb_headroom(c));
				break;
			default:
				name = "skb_unshare";
				skb = skb_unshare(skb);
				if (skb == NULL) {
					FUZZ_CHECK(!fits, "skb_unshare of %u, headroom %u failed", fz_m.len,
						   room);
					skb = restart(n);
				}
				FUZZ_CHECK(!skb_cloned(skb), "cloned after skb_unshare");
				break;
			}
			if (n % 4 != 3) {
				FUZZ_CHECK(c != NULL || !fits, "%s of %u, headroom %u failed", name,
					   fz_m.len, room);
				if (c != NULL) {
					check(c, &fz_m, name);
					kfree_skb(c);
				}
			}
			break;
		}
		case 29: /* pskb_trim or pskb_pull, frags included */
			a = (n >> 1) % (fz_m.len + 10);
			if (n & 1) {
				name = "pskb_trim";
				FUZZ_CHECK(pskb_trim(skb, a) == 0, "pskb_trim(%u)", a);
				if (a < fz_m.len)
					fz_m.len = a;
				break;
			}
			name = "pskb_pull";
			p = pskb_pull(skb, a);
			FUZZ_CHECK((p == NULL) == (a > fz_m.len), "pskb_pull(%u) of %u", a, fz_m.len);
			if (p != NULL) {
				FUZZ_CHECK(p == skb_data(skb), "pskb_pull: not the data pointer");
				memmove(fz_m.b, fz_m.b + a, fz_m.len - a);
				fz_m.len -= a;
			}
			break;
		case 30: /* skb_linearize */
			name = "skb_linearize";
			b = skb_headroom(skb);
			ret = skb_linearize(skb);
			FUZZ_CHECK(ret == 0 || (ret == -ENOMEM && b + fz_m.len > UINT16_MAX - 128),
				   "skb_linearize of %u, headroom %u: %d", fz_m.len, b, ret);
			if (ret == 0)
				FUZZ_CHECK(!skb_is_nonlinear(skb) && skb_headlen(skb) == fz_m.len,
					   "skb_linearize: headlen %u of %u", skb_headlen(skb), fz_m.len);
			break;
		case 31: /* skb_padto (zeros after the data, length kept) or eth_skb_pad */
			b = skb_headroom(skb);
			a = n & 1 ? ETH_ZLEN : fz_m.len + (n >> 1) % 300;
			if (a > MODEL_MAX)
				break;
			name = n & 1 ? "eth_skb_pad" : "skb_padto";
			ret = n & 1 ? eth_skb_pad(skb) : skb_padto(skb, a);
			if (ret != 0) {
				FUZZ_CHECK(ret == -ENOMEM && b + RTE_MAX(a, fz_m.len) > UINT16_MAX - 128,
					   "%s(%u) of %u, headroom %u: %d", name, a, fz_m.len, b, ret);
				skb = restart(n);
				break;
			}
			if (a <= fz_m.len)
				break;
			if (n & 1) {
				memset(fz_m.b + fz_m.len, 0, a - fz_m.len);
				fz_m.len = a;
				break;
			}
			FUZZ_CHECK(!skb_is_nonlinear(skb) && skb_tailroom(skb) >= (int)(a - fz_m.len),
				   "skb_padto(%u) of %u: tailroom %d", a, fz_m.len, skb_tailroom(skb));
			/* the zeros are past the data: ASan-poisoned tailroom, opened to be read */
			ASAN_UNPOISON_MEMORY_REGION(skb_tail_pointer(skb), a - fz_m.len);
			memset(tmp, 0, sizeof(tmp));
			for (b = fz_m.len; b < a; b += sizeof(tmp))
				FUZZ_CHECK(memcmp(skb_tail_pointer(skb) + (b - fz_m.len), tmp,
						  RTE_MIN(sizeof(tmp), a - b)) == 0,
					   "skb_padto(%u): not zero after %u", a, b);
			ASAN_POISON_MEMORY_REGION(skb_tail_pointer(skb), a - fz_m.len);
			break;
		case 32: { /* skb_partial_csum_set, the data moved, skb_checksum_help */
			unsigned int start = rd16(&g) % (fz_m.len + 8), off = n % 24, mv = (n >> 5) % 16;
			uint16_t want;
			bool set;

			name = "skb_checksum_help";
			a = skb_headlen(skb);
			b = skb_headroom(skb);
			set = skb_partial_csum_set(skb, (uint16_t)start, (uint16_t)off);
			FUZZ_CHECK(set == (start + off + 2 <= a && b + start <= UINT16_MAX),
				   "skb_partial_csum_set(%u, %u) of headlen %u: %d", start, off, a, set);
			if (!set) {
				/* nothing left to finish: CHECKSUM_COMPLETE becomes NONE, no byte written */
				skb->ip_summed = n & 0x800 ? CHECKSUM_COMPLETE : CHECKSUM_NONE;
				ret = skb_checksum_help(skb);
				FUZZ_CHECK(ret == 0 && skb->ip_summed == CHECKSUM_NONE,
					   "skb_checksum_help, not partial: %d, ip_summed %u", ret,
					   skb->ip_summed);
				break;
			}
			FUZZ_CHECK(skb->ip_summed == CHECKSUM_PARTIAL &&
				   skb_checksum_start_offset(skb) == (int)start &&
				   skb_transport_offset(skb) == (int)start,
				   "skb_partial_csum_set(%u): start %d transport %d", start,
				   skb_checksum_start_offset(skb), skb_transport_offset(skb));
			/* a new head: csum_start stays on its byte */
			if (n & 0x1000 && pskb_expand_head(skb, (int)mv * 8, 0) == 0)
				FUZZ_CHECK(skb_checksum_start_offset(skb) == (int)start,
					   "pskb_expand_head moved csum_start: %d, was %u",
					   skb_checksum_start_offset(skb), start);
			/* a pull: past csum_start, the sum can no longer start in the data */
			if (n & 0x2000 && mv <= skb_headlen(skb) && !skb_cloned(skb)) {
				FUZZ_CHECK(skb_pull(skb, mv) != NULL, "skb_pull(%u)", mv);
				memmove(fz_m.b, fz_m.b + mv, fz_m.len - mv);
				fz_m.len -= mv;
				if (mv > start) {
					ret = skb_checksum_help(skb);
					FUZZ_CHECK(ret == -EINVAL && skb->ip_summed == CHECKSUM_PARTIAL,
						   "skb_checksum_help, csum_start pulled: %d", ret);
					skb->ip_summed = CHECKSUM_NONE;
					break;
				}
				start -= mv;
			}
			b = skb_headroom(skb);
			ret = skb_checksum_help(skb);
			if (ret != 0) {
				/* a clone's head copied for the field: the copy may not fit 64 KiB */
				FUZZ_CHECK(ret == -ENOMEM && b + fz_m.len > UINT16_MAX - 128 &&
					   skb->ip_summed == CHECKSUM_PARTIAL,
					   "skb_checksum_help of %u, headroom %u: %d", fz_m.len, b, ret);
				skb->ip_summed = CHECKSUM_NONE;
				break;
			}
			FUZZ_CHECK(skb->ip_summed == CHECKSUM_NONE && !skb_cloned(skb),
				   "skb_checksum_help: ip_summed %u", skb->ip_summed);
			/* the field held the seed; the sum from csum_start, folded, 0 sent as 0xffff */
			want = csum_fold(csum_partial(fz_m.b + start, (int)(fz_m.len - start), 0));
			if (want == 0)
				want = 0xffff;
			memcpy(fz_m.b + start + off, &want, sizeof(want));
			break;
		}
		case 33: { /* inner headers kept, a tunnel header pushed in front */
			/*
			 * Offsets from the head are 16 bits (Linux's too): the headers within
			 * 4 KiB of the data, and below 0xffff (unset) from the head, push included.
			 */
			unsigned int room = skb_headroom(skb), push = (n >> 8) % 64;
			unsigned int lim = RTE_MIN(RTE_MIN(fz_m.len, 4096u),
						   room + 64 < 0xffff ? 0xfffe - room - 64 : 0) + 1;
			unsigned int nh = n % lim, th = rd16(&g) % lim;

			name = "skb_reset_inner_headers";
			skb_reset_mac_header(skb);
			skb_set_network_header(skb, (int)nh);
			skb_set_transport_header(skb, (int)th);
			skb_reset_inner_headers(skb);
			skb->encapsulation = 1;
			FUZZ_CHECK((void *)ip_hdr(skb) == skb_data(skb) + nh &&
				   (void *)ipv6_hdr(skb) == skb_data(skb) + nh &&
				   (void *)tcp_hdr(skb) == skb_data(skb) + th &&
				   (void *)udp_hdr(skb) == skb_data(skb) + th &&
				   (void *)icmp_hdr(skb) == skb_data(skb) + th &&
				   (void *)icmp6_hdr(skb) == skb_data(skb) + th,
				   "header pointers at %u and %u, headroom %u", nh, th, room);
			if (fz_m.len + push > MODEL_MAX)
				break;
			if (skb_cow_head(skb, push) != 0)
				break; /* a clone's head that cannot be copied in 64 KiB */
			memcpy(skb_push(skb, push), fz_pat + 5 * push, push);
			memmove(fz_m.b + push, fz_m.b, fz_m.len);
			memcpy(fz_m.b, fz_pat + 5 * push, push);
			fz_m.len += push;
			skb_reset_mac_header(skb);
			FUZZ_CHECK(skb->encapsulation == 1 &&
				   skb_inner_mac_header(skb) - skb_data(skb) == (int)push &&
				   skb_inner_network_header(skb) - skb_data(skb) == (int)(push + nh) &&
				   skb_inner_transport_header(skb) - skb_data(skb) == (int)(push + th),
				   "inner headers after a push of %u: %d %d %d", push,
				   (int)(skb_inner_mac_header(skb) - skb_data(skb)),
				   (int)(skb_inner_network_header(skb) - skb_data(skb)),
				   (int)(skb_inner_transport_header(skb) - skb_data(skb)));
			break;
		}
		case 34: { /* an IPv4 header at the front: ip_send_check, csum_replace2/4, ip_decrease_ttl */
			struct rte_ipv4_hdr *iph;
			unsigned int w = n % 9;
			uint16_t old, check16, word = (uint16_t)rd16(&g);
			uint32_t from, to = (uint32_t)rd16(&g) << 16 | n;

			name = "csum_replace";
			if (fz_m.len < sizeof(*iph))
				break;
			ret = skb_ensure_writable(skb, sizeof(*iph));
			FUZZ_CHECK(ret == 0 || (ret == -ENOMEM && skb_headroom(skb) + fz_m.len > UINT16_MAX - 128),
				   "skb_ensure_writable(20) of %u: %d", fz_m.len, ret);
			if (ret != 0)
				break;
			iph = (struct rte_ipv4_hdr *)skb_data(skb);
			iph->version_ihl = 0x45;
			fz_m.b[0] = 0x45;
			ip_send_check(iph);
			model_ip_check(&fz_m, iph, "ip_send_check");
			/* one 16-bit word other than the checksum (word 5) */
			w += w >= 5;
			memcpy(&old, fz_m.b + 2 * w, 2);
			memcpy((uint8_t *)iph + 2 * w, &word, 2);
			memcpy(fz_m.b + 2 * w, &word, 2);
			check16 = iph->hdr_checksum; /* the header may lie at any byte */
			csum_replace2(&check16, old, word);
			iph->hdr_checksum = check16;
			model_ip_check(&fz_m, iph, "csum_replace2");
			/* one address */
			a = n & 1 ? 16 : 12;
			memcpy(&from, fz_m.b + a, 4);
			memcpy((uint8_t *)iph + a, &to, 4);
			memcpy(fz_m.b + a, &to, 4);
			check16 = iph->hdr_checksum;
			csum_replace4(&check16, from, to);
			iph->hdr_checksum = check16;
			model_ip_check(&fz_m, iph, "csum_replace4");
			if (fz_m.b[8] != 0) {
				FUZZ_CHECK(ip_decrease_ttl(iph) == fz_m.b[8] - 1, "ip_decrease_ttl");
				fz_m.b[8]--;
				model_ip_check(&fz_m, iph, "ip_decrease_ttl");
			}
			break;
		}
		case 35: { /* __alloc_skb_bulk, then __kfree_skb_bulk_reason */
			struct sk_buff *bulk[8];
			unsigned int k = n % 8 + 1, size = rd16(&g) % 4096, in_use, i;

			name = "__alloc_skb_bulk";
			in_use = rte_mempool_in_use_count(fz_pool);
			ret = __alloc_skb_bulk(fz_pool, bulk, k, size);
			if (size > rte_pktmbuf_data_room_size(fz_pool)) {
				FUZZ_CHECK(ret == -ENOMEM && rte_mempool_in_use_count(fz_pool) == in_use,
					   "__alloc_skb_bulk(%u, %u) past the data room: %d", k, size, ret);
				break;
			}
			FUZZ_CHECK(ret == 0 && rte_mempool_in_use_count(fz_pool) == in_use + k,
				   "__alloc_skb_bulk(%u, %u): %d", k, size, ret);
			for (i = 0; i < k; i++) {
				struct rte_mbuf *m = skb_to_mbuf(bulk[i]);

				FUZZ_CHECK(m->data_off == 0 && m->pkt_len == 0 && m->nb_segs == 1 &&
					   rte_pktmbuf_tailroom(m) >= size,
					   "__alloc_skb_bulk skb %u: data_off %u tailroom %u", i,
					   m->data_off, rte_pktmbuf_tailroom(m));
				FUZZ_CHECK(skb_put_data(bulk[i], fz_pat + 3 * i, size) != NULL, "bare put");
				fuzz_read_all(m, fz_buf);
				FUZZ_CHECK(memcmp(fz_buf, fz_pat + 3 * i, size) == 0, "bare skb %u bytes", i);
			}
			reason = (enum skb_drop_reason)(n % SKB_DROP_REASON_MAX);
			drops = skb_drop_count(reason);
			__kfree_skb_bulk_reason(bulk, k, reason);
			FUZZ_CHECK(skb_drop_count(reason) == drops + k &&
				   rte_mempool_in_use_count(fz_pool) == in_use,
				   "__kfree_skb_bulk_reason of %u: %" PRIu64 " -> %" PRIu64 ", %u in use", k,
				   drops, skb_drop_count(reason), rte_mempool_in_use_count(fz_pool));
			break;
		}
		case 36: { /* skb_netdev_set_mac on a real port, then eth_type_trans against it */
			struct rte_ether_addr mac;

			name = "skb_netdev_set_mac";
			if (n & 1 && fz_m.len >= ETH_ALEN)
				memcpy(&mac, fz_m.b, ETH_ALEN); /* the frame's own destination: ours */
			else
				for (a = 0; a < ETH_ALEN; a++)
					mac.addr_bytes[a] = (uint8_t)rd8(&g);
			ret = skb_netdev_set_mac(fz_port, &mac);
			if (rte_is_valid_assigned_ether_addr(&mac)) {
				FUZZ_CHECK(ret == 0, "skb_netdev_set_mac: %d", ret);
				fz_port_mac = mac;
			} else {
				/* multicast or zero: refused, the old address kept */
				FUZZ_CHECK(ret == -EINVAL, "skb_netdev_set_mac of a group address: %d", ret);
			}
			FUZZ_CHECK(skb_netdev_set_mac(RTE_MAX_ETHPORTS - 1, &mac) == -ENODEV,
				   "skb_netdev_set_mac of no port");
			eth_type_trans_check(skb, fz_port, &fz_port_mac);
			break;
		}
		case 13: /* drop the clone */
			name = "kfree_skb(clone)";
			if (clone != NULL) {
				check(clone, &fz_clone_m, "clone before free");
				kfree_skb(clone);
				clone = NULL;
			}
			break;
		}
		check(skb, &fz_m, name);
		if (clone != NULL)
			check(clone, &fz_clone_m, name);
	}
	kfree_skb(clone);
	reason = (enum skb_drop_reason)(steps % SKB_DROP_REASON_MAX);
	drops = skb_drop_count(reason);
	kfree_skb_reason(skb, reason);
	FUZZ_CHECK(skb_drop_count(reason) == drops + 1, "kfree_skb_reason: %" PRIu64 " -> %" PRIu64,
		   drops, skb_drop_count(reason));
	FUZZ_CHECK(rte_mempool_in_use_count(fz_pool) == 0, "%u skbs in use at the end",
		   rte_mempool_in_use_count(fz_pool));
	return 0;
}
