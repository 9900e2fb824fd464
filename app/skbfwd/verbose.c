/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * `set verbose N`: a line per frame from ethdev RX/TX callbacks (verbose.h).
 * The frame is read only through rte_pktmbuf_read() within its length, so a
 * truncated or hostile frame prints what it has and nothing more.
 */

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_arp.h>
#include <rte_ethdev.h>
#include <rte_icmp.h>
#include <rte_ip.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_net.h>
#include <rte_tcp.h>
#include <rte_udp.h>

#include "config.h"
#include "runtime.h"
#include "verbose.h"

#define VERBOSE_RX 1u
#define VERBOSE_TX 2u

struct verbose_cb {
	uint16_t port, queue;
	bool tx;
	const struct rte_eth_rxtx_callback *cb;
};

static unsigned int verbose_level;
/* installed now, and removed but maybe still running on an lcore */
static struct verbose_cb *verbose_on, *verbose_retired;
static unsigned int nb_verbose_on, nb_verbose_retired;

/* Append to @buf at *@len (bounded by @size). */
static void __rte_format_printf(4, 5)
verbose_add(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*len >= size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *len, size - *len, fmt, ap);
	va_end(ap);
	if (n > 0)
		*len = RTE_MIN(*len + (size_t)n, size - 1);
}

/* " - TCP 1 > 2 flags=SA" and the like, for the L4 header at @off of protocol @proto. */
static void
verbose_l4(char *buf, size_t size, size_t *len, const struct rte_mbuf *m, uint32_t off,
	   uint8_t proto)
{
	union {
		struct rte_tcp_hdr tcp;
		struct rte_udp_hdr udp;
		struct rte_icmp_hdr icmp;
	} copy;
	const void *h;

	switch (proto) {
	case IPPROTO_TCP: {
		static const char flag_names[] = "FSRPAUEC";
		const struct rte_tcp_hdr *t;
		char flags[9];
		unsigned int i, n = 0;

		h = rte_pktmbuf_read(m, off, sizeof(copy.tcp), &copy);
		if (h == NULL)
			break;
		t = h;
		for (i = 0; i < 8; i++)
			if (t->tcp_flags & (1u << i))
				flags[n++] = flag_names[i];
		flags[n] = '\0';
		verbose_add(buf, size, len, " - TCP %u > %u flags=%s", rte_be_to_cpu_16(t->src_port),
			    rte_be_to_cpu_16(t->dst_port), n ? flags : "none");
		return;
	}
	case IPPROTO_UDP:
		h = rte_pktmbuf_read(m, off, sizeof(copy.udp), &copy);
		if (h == NULL)
			break;
		verbose_add(buf, size, len, " - UDP %u > %u",
			    rte_be_to_cpu_16(((const struct rte_udp_hdr *)h)->src_port),
			    rte_be_to_cpu_16(((const struct rte_udp_hdr *)h)->dst_port));
		return;
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		h = rte_pktmbuf_read(m, off, 2, &copy);
		if (h == NULL)
			break;
		verbose_add(buf, size, len, " - %s type %u code %u",
			    proto == IPPROTO_ICMP ? "ICMP" : "ICMPv6",
			    ((const uint8_t *)h)[0], ((const uint8_t *)h)[1]);
		return;
	default:
		verbose_add(buf, size, len, " - proto %u", proto);
		return;
	}
	verbose_add(buf, size, len, " - proto %u (cut short)", proto);
}

size_t
fwd_verbose_line(char *buf, size_t size, const char *dir, uint16_t port, uint16_t queue,
		 const struct rte_mbuf *m)
{
	union {
		struct rte_ether_hdr eth;
		struct rte_ipv4_hdr ip4;
		struct rte_ipv6_hdr ip6;
		struct rte_arp_hdr arp;
	} copy;
	struct rte_net_hdr_lens hl;
	const struct rte_ether_hdr *eth;
	char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN], names[256];
	uint32_t ptype;
	size_t len = 0;
	const void *h;

	if (size == 0)
		return 0;
	buf[0] = '\0';
	verbose_add(buf, size, &len, "port %u/queue %u: %s: ", port, queue, dir);
	eth = rte_pktmbuf_read(m, 0, sizeof(copy.eth), &copy);
	if (eth == NULL) {
		verbose_add(buf, size, &len, "length=%u - nb_segs=%u - shorter than Ethernet\n",
			    m->pkt_len, m->nb_segs);
		return len;
	}
	verbose_add(buf, size, &len, "src=" RTE_ETHER_ADDR_PRT_FMT " - dst=" RTE_ETHER_ADDR_PRT_FMT
		    " - type=0x%04x - length=%u - nb_segs=%u",
		    RTE_ETHER_ADDR_BYTES(&eth->src_addr), RTE_ETHER_ADDR_BYTES(&eth->dst_addr),
		    rte_be_to_cpu_16(eth->ether_type), m->pkt_len, m->nb_segs);
	memset(&hl, 0, sizeof(hl));
	ptype = rte_net_get_ptype(m, &hl, RTE_PTYPE_ALL_MASK);
	if (rte_get_ptype_name(ptype, names, sizeof(names)) == 0) {
		size_t n = strlen(names);

		while (n > 0 && names[n - 1] == ' ')
			names[--n] = '\0';
		verbose_add(buf, size, &len, " - sw ptype: %s", names);
	}
	if (ptype & RTE_PTYPE_L2_MASK)
		verbose_add(buf, size, &len, " - l2_len=%u", hl.l2_len);
	if (ptype & RTE_PTYPE_L3_MASK)
		verbose_add(buf, size, &len, " - l3_len=%u", hl.l3_len);
	if (ptype & RTE_PTYPE_L4_MASK)
		verbose_add(buf, size, &len, " - l4_len=%u", hl.l4_len);

	if (RTE_ETH_IS_IPV4_HDR(ptype)) {
		const struct rte_ipv4_hdr *ip = rte_pktmbuf_read(m, hl.l2_len, sizeof(copy.ip4),
								 &copy);

		if (ip != NULL) {
			inet_ntop(AF_INET, &ip->src_addr, a, sizeof(a));
			inet_ntop(AF_INET, &ip->dst_addr, b, sizeof(b));
			verbose_add(buf, size, &len, " - IPv4 %s > %s ttl=%u", a, b,
				    ip->time_to_live);
			/* a later fragment holds no L4 header */
			if ((rte_be_to_cpu_16(ip->fragment_offset) & RTE_IPV4_HDR_OFFSET_MASK) == 0)
				verbose_l4(buf, size, &len, m, hl.l2_len + hl.l3_len,
					   ip->next_proto_id);
		}
	} else if (RTE_ETH_IS_IPV6_HDR(ptype)) {
		const struct rte_ipv6_hdr *ip = rte_pktmbuf_read(m, hl.l2_len, sizeof(copy.ip6),
								 &copy);

		if (ip != NULL) {
			inet_ntop(AF_INET6, ip->src_addr, a, sizeof(a));
			inet_ntop(AF_INET6, ip->dst_addr, b, sizeof(b));
			verbose_add(buf, size, &len, " - IPv6 %s > %s hlim=%u", a, b, ip->hop_limits);
			/* past extension headers the classifier found an L4 type in */
			if (ptype & RTE_PTYPE_L4_MASK)
				verbose_l4(buf, size, &len, m, hl.l2_len + hl.l3_len,
					   (ptype & RTE_PTYPE_L4_MASK) == RTE_PTYPE_L4_TCP ? IPPROTO_TCP :
					   (ptype & RTE_PTYPE_L4_MASK) == RTE_PTYPE_L4_UDP ? IPPROTO_UDP :
					   (ptype & RTE_PTYPE_L4_MASK) == RTE_PTYPE_L4_ICMP ?
					   IPPROTO_ICMPV6 : ip->proto);
		}
	} else if (eth->ether_type == RTE_BE16(RTE_ETHER_TYPE_ARP) &&
		   (h = rte_pktmbuf_read(m, sizeof(*eth), sizeof(copy.arp), &copy)) != NULL) {
		const struct rte_arp_hdr *arp = h;
		uint16_t op = rte_be_to_cpu_16(arp->arp_opcode);

		inet_ntop(AF_INET, &arp->arp_data.arp_sip, a, sizeof(a));
		inet_ntop(AF_INET, &arp->arp_data.arp_tip, b, sizeof(b));
		verbose_add(buf, size, &len, " - ARP %s %s > %s",
			    op == RTE_ARP_OP_REQUEST ? "request" : op == RTE_ARP_OP_REPLY ? "reply" :
			    "op", a, b);
	}
	verbose_add(buf, size, &len, "\n");
	if (len > 0 && buf[len - 1] != '\n')
		buf[len - 1] = '\n'; /* cut short: still one whole line */
	return len;
}

static void
verbose_burst(const char *dir, uint16_t port, uint16_t queue, struct rte_mbuf **pkts,
	      uint16_t n)
{
	char line[1024];
	uint16_t i;

	/* one write per line: lines of several lcores never mix */
	for (i = 0; i < n; i++) {
		fwd_verbose_line(line, sizeof(line), dir, port, queue, pkts[i]);
		fputs(line, stdout);
	}
}

static uint16_t
verbose_rx_cb(uint16_t port, uint16_t queue, struct rte_mbuf *pkts[], uint16_t n,
	      uint16_t max_pkts __rte_unused, void *arg __rte_unused)
{
	verbose_burst("received", port, queue, pkts, n);
	return n;
}

static uint16_t
verbose_tx_cb(uint16_t port, uint16_t queue, struct rte_mbuf *pkts[], uint16_t n,
	      void *arg __rte_unused)
{
	verbose_burst("sent", port, queue, pkts, n);
	return n;
}

unsigned int
fwd_verbose_level(void)
{
	return verbose_level;
}

unsigned int
fwd_verbose_set(unsigned int level)
{
	unsigned int old = verbose_level;

	verbose_level = level;
	if (fwd_lcores_running()) {
		fwd_verbose_detach();
		fwd_verbose_attach();
	}
	return old;
}

/* Add the RX (or @tx) callback on @port/@queue to verbose_on[]. */
static void
verbose_install(uint16_t port, uint16_t queue, bool tx)
{
	struct verbose_cb *v = &verbose_on[nb_verbose_on];

	v->cb = tx ? rte_eth_add_tx_callback(port, queue, verbose_tx_cb, NULL) :
		     rte_eth_add_rx_callback(port, queue, verbose_rx_cb, NULL);
	if (v->cb == NULL)
		return;
	v->port = port;
	v->queue = queue;
	v->tx = tx;
	nb_verbose_on++;
}

void
fwd_verbose_attach(void)
{
	unsigned int want = verbose_level >= 3 ? VERBOSE_RX | VERBOSE_TX : verbose_level;
	unsigned int i, q, max = nb_fwd_ports * (cfg.nb_rxq + fwd_nb_txq);

	if (want == 0 || nb_verbose_on != 0)
		return;
	verbose_on = calloc(max, sizeof(*verbose_on));
	if (verbose_on == NULL) {
		fprintf(stderr, "skbfwd: verbose: no memory\n");
		return;
	}
	for (i = 0; i < nb_fwd_ports; i++) {
		for (q = 0; (want & VERBOSE_RX) && q < cfg.nb_rxq; q++)
			verbose_install(fwd_ports[i], (uint16_t)q, false);
		for (q = 0; (want & VERBOSE_TX) && q < fwd_nb_txq; q++)
			verbose_install(fwd_ports[i], (uint16_t)q, true);
	}
}

void
fwd_verbose_detach(void)
{
	struct verbose_cb *r;
	unsigned int i;

	if (nb_verbose_on == 0) {
		free(verbose_on);
		verbose_on = NULL;
		return;
	}
	r = realloc(verbose_retired, (nb_verbose_retired + nb_verbose_on) * sizeof(*r));
	for (i = 0; i < nb_verbose_on; i++) {
		const struct verbose_cb *v = &verbose_on[i];
		int ret = v->tx ? rte_eth_remove_tx_callback(v->port, v->queue, v->cb) :
				  rte_eth_remove_rx_callback(v->port, v->queue, v->cb);

		/* not removed (the port closed under it): ethdev freed it or owns it */
		if (ret == 0 && r != NULL)
			r[nb_verbose_retired++] = *v;
	}
	if (r != NULL)
		verbose_retired = r;
	free(verbose_on);
	verbose_on = NULL;
	nb_verbose_on = 0;
}

void
fwd_verbose_release(void)
{
	unsigned int i;

	for (i = 0; i < nb_verbose_retired; i++)
		rte_free((void *)(uintptr_t)verbose_retired[i].cb);
	free(verbose_retired);
	verbose_retired = NULL;
	nb_verbose_retired = 0;
}
