/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * l3fwd engine: IPv4 longest-prefix-match routing with rte_lpm, and IPv6 with
 * rte_lpm6 (l3fwd6.c).  Routes come from --routes FILE (config/routes.conf
 * shows the syntax); each names the TX port and the next hop's MAC.  A packet
 * passes the RFC 1812 5.2.2 checks (version, IHL, lengths, header checksum, as
 * libskb's skb_parse_ip() makes them) and TTL > 1, then gets its TTL
 * decremented with an RFC 1624 incremental checksum update (ip_decrease_ttl())
 * and its MACs rewritten (source := TX port's MAC, destination := next hop's
 * MAC).
 * Four packets at a time where they are plain IPv4 (l3fwd_x4_lookup()) or
 * plain IPv6 (l3fwd_x4_lookup6()), as
 * DPDK's l3fwd does with rte_lpm_lookupx4(); one at a time through the parser
 * (l3fwd_route()) for every other packet and the last n % 4 of a burst.
 * The TX port comes from the route, so the engine sends on any port
 * (tx_any_port: every lcore owns a TX queue on every port).
 * The burst itself is in l3fwd_burst.h, built twice: with DPDK's machine
 * flags here and with AVX2 in l3fwd_avx2.c; set-up picks one (l3fwd_pick()).
 */

#include "l3fwd_burst.h"

struct l3fwd_routes l3fwd_rt;
struct l3fwd_nexthop l3fwd_nh[L3FWD_MAX_ROUTES];

/* the burst and lcore loop forwarding runs: DPDK's flags unless l3fwd_pick() takes AVX2 */
static void (*l3fwd_burst)(struct fwd_stream *fs) = l3fwd_fwd;
static int (*l3fwd_burst_loop)(struct fwd_stream *const *streams, unsigned int nb,
			       const volatile bool *stop) = l3fwd_fwd_lcore_loop;

/*
 * The AVX2 build of the burst where it was built, the CPU runs AVX2 and EAL
 * allows 256-bit vectors (--force-max-simd-bitwidth); else the build with
 * DPDK's machine flags.  @return the vector width the burst uses, in bits.
 */
static unsigned int
l3fwd_pick(void)
{
#ifdef SKBFWD_L3FWD_AVX2
	if (rte_cpu_get_flag_enabled(RTE_CPUFLAG_AVX2) > 0 &&
	    rte_vect_get_max_simd_bitwidth() >= RTE_VECT_SIMD_256) {
		l3fwd_burst = l3fwd_fwd_avx2;
		l3fwd_burst_loop = l3fwd_fwd_avx2_lcore_loop;
		return RTE_VECT_SIMD_256;
	}
#endif
	return RTE_VECT_SIMD_128;
}

static void
l3fwd_packet_fwd(struct fwd_stream *fs)
{
	l3fwd_burst(fs);
}

static int
l3fwd_lcore_loop(struct fwd_stream *const *streams, unsigned int nb, const volatile bool *stop)
{
	return l3fwd_burst_loop(streams, nb, stop);
}

static int
l3fwd_setup(void)
{
	unsigned int h;
	int ret = l3fwd_routes_load(&l3fwd_rt, "skbfwd_l3fwd");

	RTE_LOG(DEBUG, USER1, "l3fwd: %u-bit vector burst\n", l3fwd_pick());

	for (h = 0; ret == 0 && h < l3fwd_rt.nb_hops; h++) {
		memcpy(l3fwd_nh[h].eth, &l3fwd_rt.hop[h].mac, RTE_ETHER_ADDR_LEN);
		memcpy(l3fwd_nh[h].eth + RTE_ETHER_ADDR_LEN, fwd_port_addr(l3fwd_rt.hop[h].port),
		       RTE_ETHER_ADDR_LEN);
		l3fwd_nh[h].port = l3fwd_rt.hop[h].port;
	}
	return ret;
}

static void
l3fwd_teardown(void)
{
	l3fwd_routes_free(&l3fwd_rt);
}

const struct fwd_engine l3fwd_engine = {
	.name = "l3fwd",
	.setup = l3fwd_setup,
	.packet_fwd = l3fwd_packet_fwd,
	.lcore_loop = l3fwd_lcore_loop,
	.teardown = l3fwd_teardown,
	.options = FWD_OPTIONS(&l3fwd_routes_options),
	.tx_any_port = true,
};
