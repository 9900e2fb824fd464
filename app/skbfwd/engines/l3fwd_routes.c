/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * l3fwd's route table (l3fwd.h): --routes FILE, one "PREFIX/LEN PORT
 * NEXT_HOP_MAC" per line (config/routes.conf shows the syntax), loaded into an
 * rte_lpm whose next hops index the table's hop[].
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
	.usage = "  --routes=FILE           l3fwd: IPv4 routes \"PREFIX/LEN PORT NEXT_HOP_MAC\" per line\n",
};

/*
 * One route line: "PREFIX/LEN PORT NEXT_HOP_MAC" (blank lines and '#'
 * comments allowed).  @return 0 or -EINVAL after printing "FILE:LINE: why".
 */
static int
l3fwd_parse_route(const char *file, unsigned int lineno, char *line, void *arg)
{
	struct l3fwd_routes *rt = arg;
	char pfx[64], mac[64], extra[8], *slash, *end = NULL;
	unsigned long len, port;
	uint32_t addr, hop;
	int n, ret;

	n = sscanf(line, "%63s %lu %63s %7s", pfx, &port, mac, extra);
	if (n != 3) {
		fprintf(stderr, "skbfwd: %s:%u: expected \"PREFIX/LEN PORT MAC\"\n", file, lineno);
		return -EINVAL;
	}
	slash = strchr(pfx, '/');
	if (slash == NULL) {
		fprintf(stderr, "skbfwd: %s:%u: prefix %s has no /LEN\n", file, lineno, pfx);
		return -EINVAL;
	}
	*slash = '\0';
	len = strtoul(slash + 1, &end, 10);
	if (slash[1] == '\0' || *end != '\0' || len > 32) {
		fprintf(stderr, "skbfwd: %s:%u: prefix length %s is not 0..32\n", file, lineno,
			slash + 1);
		return -EINVAL;
	}
	if (skbfwd_parse_ipv4(pfx, &addr) < 0) {
		fprintf(stderr, "skbfwd: %s:%u: %s is not an IPv4 address\n", file, lineno, pfx);
		return -EINVAL;
	}
	if (len < 32 && (rte_be_to_cpu_32(addr) & (UINT32_MAX >> len)) != 0) {
		fprintf(stderr, "skbfwd: %s:%u: %s/%lu has bits set past the prefix length\n",
			file, lineno, pfx, len);
		return -EINVAL;
	}
	if (rte_lpm_is_rule_present(rt->lpm, rte_be_to_cpu_32(addr), (uint8_t)len, &hop) == 1) {
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
	ret = rte_lpm_add(rt->lpm, rte_be_to_cpu_32(addr), (uint8_t)len, rt->nb_hops);
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
	rt->lpm = NULL;
	rt->nb_hops = 0;
}
