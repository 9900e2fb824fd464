/* SPDX-License-Identifier: BSD-3-Clause */
/* The --vxlan-* options and the inner-frame marking shared by the encap and decap engines. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>

#include "engine.h"
#include "parse.h"
#include "skb_parse.h"
#include "vxlan.h"

struct vxlan_conf vxlan_cfg = {
	.local = RTE_BE32(UINT32_C(0xc0000201)), /* 192.0.2.1 */
	.remote = RTE_BE32(UINT32_C(0xc0000202)), /* 192.0.2.2 */
	.vni = 1,
	.udp_port = RTE_VXLAN_DEFAULT_PORT,
	.src_port = 0,
};

static const struct option vxlan_longopts[] = {
	{ "vxlan-local", required_argument, NULL, 0 },
	{ "vxlan-remote", required_argument, NULL, 0 },
	{ "vxlan-vni", required_argument, NULL, 0 },
	{ "vxlan-port", required_argument, NULL, 0 },
	{ "vxlan-sport", required_argument, NULL, 0 },
	{ "vxlan-conf", required_argument, NULL, 0 },
	{ NULL, 0, NULL, 0 },
};

static const char vxlan_usage[] =
	"  --vxlan-local=IP        encap: outer source; decap: accept only this outer destination\n"
	"                          (IPv4 or IPv6; encap default 192.0.2.1)\n"
	"  --vxlan-remote=IP       encap: outer destination; decap: accept only this outer source\n"
	"                          (encap default 192.0.2.2)\n"
	"  --vxlan-vni=N           VNI 0..16777215 (encap default 1; decap: accept only N)\n"
	"  --vxlan-port=N          VXLAN UDP destination port (default 4789)\n"
	"  --vxlan-sport=N         encap: fixed outer UDP source port (default: flow hash 49152..65535)\n"
	"  --vxlan-conf=FILE       the settings above as \"local IP\", \"remote IP\", \"vni N\",\n"
	"                          \"port N\", \"sport N\" lines (config/vxlan.conf)\n";

static int vxlan_parse_option(const char *name, const char *arg);

/* One "KEY VALUE" line of --vxlan-conf, KEY one of local remote vni port sport. */
static int
vxlan_conf_line(const char *file, unsigned int lineno, char *line, void *arg __rte_unused)
{
	char key[32], value[128], extra[8], opt[48];

	if (sscanf(line, "%31s %127s %7s", key, value, extra) != 2 || strcmp(key, "conf") == 0) {
		fprintf(stderr, "skbfwd: %s:%u: expected \"KEY VALUE\"\n", file, lineno);
		return -EINVAL;
	}
	snprintf(opt, sizeof(opt), "vxlan-%s", key);
	if (vxlan_parse_option(opt, value) < 0) {
		fprintf(stderr, "skbfwd: %s:%u: bad \"%s\" line (keys: local remote vni port sport)\n",
			file, lineno, key);
		return -EINVAL;
	}
	return 0;
}

static int
vxlan_parse_option(const char *name, const char *arg)
{
	unsigned long v;

	if (strcmp(name, "vxlan-conf") == 0)
		return skbfwd_conf_foreach("vxlan-conf", arg, vxlan_conf_line, NULL) == 0 ? 0 : -EINVAL;

	if (strcmp(name, "vxlan-local") == 0 || strcmp(name, "vxlan-remote") == 0) {
		bool local = name[6] == 'l', v6 = strchr(arg, ':') != NULL;

		if (v6 ? skbfwd_parse_ipv6(arg, local ? vxlan_cfg.local6 : vxlan_cfg.remote6) < 0 :
			 skbfwd_parse_ipv4(arg, local ? &vxlan_cfg.local : &vxlan_cfg.remote) < 0) {
			fprintf(stderr, "skbfwd: --%s=%s: expected an IPv4 or IPv6 address\n", name,
				arg);
			return -EINVAL;
		}
		if (local)
			vxlan_cfg.local_is6 = v6;
		else
			vxlan_cfg.remote_is6 = v6;
		if (local)
			vxlan_cfg.local_set = true;
		else
			vxlan_cfg.remote_set = true;
		return 0;
	}
	if (strcmp(name, "vxlan-vni") == 0) {
		if (skbfwd_parse_uint(name, arg, 0, (1ul << 24) - 1, &v) < 0)
			return -EINVAL;
		vxlan_cfg.vni = (uint32_t)v;
		vxlan_cfg.vni_set = true;
		return 0;
	}
	if (strcmp(name, "vxlan-port") == 0 || strcmp(name, "vxlan-sport") == 0) {
		/* a UDP port cannot be 0 */
		if (skbfwd_parse_uint(name, arg, 1, UINT16_MAX, &v) < 0)
			return -EINVAL;
		if (name[6] == 'p')
			vxlan_cfg.udp_port = (uint16_t)v;
		else
			vxlan_cfg.src_port = (uint16_t)v;
		return 0;
	}
	return -EINVAL;
}

bool
vxlan_outer_matches(const unsigned char *l3, uint16_t protocol)
{
	const struct rte_ipv4_hdr *ip = (const struct rte_ipv4_hdr *)l3;
	const struct rte_ipv6_hdr *ip6 = (const struct rte_ipv6_hdr *)l3;
	bool v6 = protocol == RTE_BE16(RTE_ETHER_TYPE_IPV6);

	if (vxlan_cfg.local_set &&
	    (vxlan_cfg.local_is6 != v6 ||
	     (v6 ? memcmp(ip6->dst_addr, vxlan_cfg.local6, 16) != 0 : ip->dst_addr != vxlan_cfg.local)))
		return false;
	if (vxlan_cfg.remote_set &&
	    (vxlan_cfg.remote_is6 != v6 ||
	     (v6 ? memcmp(ip6->src_addr, vxlan_cfg.remote6, 16) != 0 :
		   ip->src_addr != vxlan_cfg.remote)))
		return false;
	return true;
}

const struct fwd_options vxlan_options = {
	.longopts = vxlan_longopts,
	.parse = vxlan_parse_option,
	.usage = vxlan_usage,
};

void
vxlan_mark_inner(struct sk_buff *skb, unsigned int off)
{
	struct skb_hdrs in;

	skb_meta_prepare(skb);
	skb->encapsulation = 1;
	__skb_set_inner_mac_header(skb, (int)off);
	skb->inner_network_header = SKB_HDR_UNSET;
	skb->inner_transport_header = SKB_HDR_UNSET;
	if (skb_parse_eth(skb, off, &in) < 0 ||
	    (in.protocol != RTE_BE16(RTE_ETHER_TYPE_IPV4) &&
	     in.protocol != RTE_BE16(RTE_ETHER_TYPE_IPV6)))
		return;
	__skb_set_inner_network_header(skb, (int)in.l3_off);
	if (skb_parse_ip(skb, &in, 0) == 0)
		__skb_set_inner_transport_header(skb, (int)in.l4_off);
}
