/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * l3fwd's route table (l3fwd.h): --routes FILE, one "PREFIX/LEN PORT
 * NEXT_HOP_MAC" per line (config/routes.conf shows the syntax), IPv4 prefixes
 * loaded into an rte_lpm and IPv6 ones into an rte_lpm6, whose next hops index
 * the table's hop[].
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_lcore.h>

#include "l3fwd.h"
#include "parse.h"

#define L3FWD_NB_TBL8 1024

static char *l3fwd_routes_file;       /* a copy: the option's string may not last */

static int
l3fwd_routes_parse(const char *name, const char *arg)
{
	if (strcmp(name, "routes") != 0)
		return -EINVAL;
	char *copy;

	if (*arg == '\0') {
		fprintf(stderr, "skbfwd: --routes needs a file name\n");
		return -EINVAL;
	}
	copy = strdup(arg);
	if (copy == NULL) {
		fprintf(stderr, "skbfwd: --routes=%s: out of memory\n", arg);
		return -EINVAL;
	}
	free(l3fwd_routes_file);
	l3fwd_routes_file = copy;
	return 0;
}

static const struct option l3fwd_routes_longopts[] = {
	{ "routes", required_argument, NULL, 0 },
	{ NULL, 0, NULL, 0 },
};

const struct fwd_options l3fwd_routes_options = {
	.longopts = l3fwd_routes_longopts,
	.parse = l3fwd_routes_parse,
	.usage = "  --routes=FILE           l3fwd: IPv4/IPv6 routes \"PREFIX/LEN PORT NEXT_HOP_MAC\" per line\n",
};

/* Routes of up to 128 bits need this many tbl8 groups at most (13 for a /128). */
#define L3FWD_NB_TBL8_6 4096

/*
 * The IPv6 table, created at the first IPv6 route (an IPv4-only table costs
 * no LPM6 memory).  @return 0 or -ENOMEM after printing why.
 */
static int
l3fwd_lpm6_create(struct l3fwd_routes *rt)
{
	struct rte_lpm6_config lc = {
		.max_rules = L3FWD_MAX_ROUTES,
		.number_tbl8s = L3FWD_NB_TBL8_6,
	};

	rt->lpm6 = rte_lpm6_create(rt->name6, (int)rte_socket_id(), &lc);
	if (rt->lpm6 == NULL) {
		fprintf(stderr, "skbfwd: l3fwd: cannot create the LPM6 table: %s\n",
			rte_strerror(rte_errno));
		return -ENOMEM;
	}
	return 0;
}

/*
 * The prefix @pfx/@len of a route line, IPv4 or IPv6 (it has a ':'), into
 * @addr (network order; an IPv4 address in its first 4 bytes); *@v6 says which.
 * @return 0 or -EINVAL after printing "FILE:LINE: why".
 */
static int
l3fwd_parse_prefix(const char *file, unsigned int lineno, char *pfx, uint8_t addr[16],
		   unsigned long *len, bool *v6)
{
	char *slash = strchr(pfx, '/'), *end = NULL;
	unsigned int max, i;
	uint32_t a4 = 0;

	if (slash == NULL) {
		fprintf(stderr, "skbfwd: %s:%u: prefix %s has no /LEN\n", file, lineno, pfx);
		return -EINVAL;
	}
	*slash = '\0';
	*v6 = strchr(pfx, ':') != NULL;
	max = *v6 ? 128 : 32;
	*len = strtoul(slash + 1, &end, 10);
	if (slash[1] == '\0' || *end != '\0' || *len > max) {
		fprintf(stderr, "skbfwd: %s:%u: prefix length %s is not 0..%u\n", file, lineno,
			slash + 1, max);
		return -EINVAL;
	}
	memset(addr, 0, 16);
	if (*v6 ? skbfwd_parse_ipv6(pfx, addr) < 0 : skbfwd_parse_ipv4(pfx, &a4) < 0) {
		fprintf(stderr, "skbfwd: %s:%u: %s is not an %s address\n", file, lineno, pfx,
			*v6 ? "IPv6" : "IPv4");
		return -EINVAL;
	}
	if (!*v6)
		memcpy(addr, &a4, sizeof(a4));
	/* no bit set past the prefix */
	for (i = (unsigned int)*len; i < max; i++) {
		if (addr[i / 8] & (0x80u >> (i % 8))) {
			fprintf(stderr, "skbfwd: %s:%u: %s/%lu has bits set past the prefix length\n",
				file, lineno, pfx, *len);
			return -EINVAL;
		}
	}
	return 0;
}

/*
 * One route line: "PREFIX/LEN PORT NEXT_HOP_MAC", the prefix IPv4 or IPv6
 * (blank lines and '#' comments allowed).  @return 0 or -EINVAL after printing
 * "FILE:LINE: why".
 */
static int
l3fwd_parse_route(const char *file, unsigned int lineno, char *line, void *arg)
{
	struct l3fwd_routes *rt = arg;
	char pfx[64], mac[64], extra[8];
	unsigned long len, port;
	uint8_t addr[16];
	uint32_t hop, a4;
	bool v6;
	int n, ret, present;

	n = sscanf(line, "%63s %lu %63s %7s", pfx, &port, mac, extra);
	if (n != 3) {
		fprintf(stderr, "skbfwd: %s:%u: expected \"PREFIX/LEN PORT MAC\"\n", file, lineno);
		return -EINVAL;
	}
	if (l3fwd_parse_prefix(file, lineno, pfx, addr, &len, &v6) < 0)
		return -EINVAL;
	memcpy(&a4, addr, sizeof(a4));
	if (v6 && rt->lpm6 == NULL && l3fwd_lpm6_create(rt) < 0)
		return -ENOMEM;
	present = v6 ? rte_lpm6_is_rule_present(rt->lpm6, addr, (uint8_t)len, &hop) :
		       rte_lpm_is_rule_present(rt->lpm, rte_be_to_cpu_32(a4), (uint8_t)len, &hop);
	if (present == 1) {
		fprintf(stderr, "skbfwd: %s:%u: %s/%lu is routed twice (first to port %u)\n",
			file, lineno, pfx, len, rt->hop[hop].port);
		return -EINVAL;
	}
	if (port >= RTE_MAX_ETHPORTS || !fwd_port_is_forwarding((uint16_t)port)) {
		fprintf(stderr, "skbfwd: %s:%u: port %lu is not a forwarding port\n", file, lineno,
			port);
		return -EINVAL;
	}
	if (rt->nb_hops >= L3FWD_MAX_ROUTES) {
		fprintf(stderr, "skbfwd: %s:%u: more than %d routes\n", file, lineno,
			L3FWD_MAX_ROUTES);
		return -EINVAL;
	}
	if (skbfwd_parse_mac(mac, &rt->hop[rt->nb_hops].mac) < 0) {
		fprintf(stderr, "skbfwd: %s:%u: %s is not a MAC address\n", file, lineno, mac);
		return -EINVAL;
	}
	rt->hop[rt->nb_hops].port = (uint16_t)port;
	ret = v6 ? rte_lpm6_add(rt->lpm6, addr, (uint8_t)len, rt->nb_hops) :
		   rte_lpm_add(rt->lpm, rte_be_to_cpu_32(a4), (uint8_t)len, rt->nb_hops);
	if (ret < 0) {
		fprintf(stderr, "skbfwd: %s:%u: cannot add route: %s\n", file, lineno,
			strerror(-ret));
		return ret;
	}
	rt->nb_hops++;
	return 0;
}

int
l3fwd_routes_load(struct l3fwd_routes *rt, const char *name)
{
	struct rte_lpm_config lc = {
		.max_rules = L3FWD_MAX_ROUTES,
		.number_tbl8s = L3FWD_NB_TBL8,
	};

	rt->nb_hops = 0;
	rt->lpm6 = NULL;
	snprintf(rt->name6, sizeof(rt->name6), "%s6", name);
	rt->lpm = rte_lpm_create(name, (int)rte_socket_id(), &lc);
	if (rt->lpm == NULL) {
		fprintf(stderr, "skbfwd: l3fwd: cannot create the LPM table: %s\n",
			rte_strerror(rte_errno));
		return -ENOMEM;
	}
	if (l3fwd_routes_file == NULL) {
		printf("skbfwd: l3fwd: no --routes given: every packet is dropped as no_route\n");
		return 0;
	}
	if (skbfwd_conf_foreach("routes", l3fwd_routes_file, l3fwd_parse_route, rt) < 0) {
		l3fwd_routes_free(rt);
		return -EINVAL;
	}
	printf("skbfwd: l3fwd: %u routes from %s\n", rt->nb_hops, l3fwd_routes_file);
	return 0;
}

void
l3fwd_routes_free(struct l3fwd_routes *rt)
{
	rte_lpm_free(rt->lpm);
	rte_lpm6_free(rt->lpm6);
	rt->lpm = NULL;
	rt->lpm6 = NULL;
	rt->nb_hops = 0;
}
