/* SPDX-License-Identifier: BSD-3-Clause */
/* Value parsers shared by skbfwd's options and the engines' options (parse.h). */

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>
#include <rte_config.h>

#include "parse.h"

int
skbfwd_parse_uint(const char *opt, const char *s, unsigned long min,
		  unsigned long max, unsigned long *out)
{
	char *end = NULL;
	unsigned long v;

	errno = 0;
	if (s == NULL || *s == '\0' || *s == '-' || *s == '+')
		goto bad;
	v = strtoul(s, &end, 0);
	if (errno != 0 || end == NULL || *end != '\0')
		goto bad;
	if (v < min || v > max) {
		fprintf(stderr, "skbfwd: --%s=%s is out of range (%lu..%lu)\n",
			opt, s, min, max);
		return -EINVAL;
	}
	*out = v;
	return 0;
bad:
	fprintf(stderr, "skbfwd: --%s=%s is not a number\n", opt, s ? s : "");
	return -EINVAL;
}

int
skbfwd_parse_mac(const char *s, struct rte_ether_addr *mac)
{
	unsigned int b[RTE_ETHER_ADDR_LEN];
	char tail;
	int i;

	if (sscanf(s, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3],
		   &b[4], &b[5], &tail) != RTE_ETHER_ADDR_LEN)
		return -EINVAL;
	for (i = 0; i < RTE_ETHER_ADDR_LEN; i++)
		mac->addr_bytes[i] = (uint8_t)b[i];
	return 0;
}

int
skbfwd_parse_ipv4(const char *s, uint32_t *be_addr)
{
	struct in_addr a;

	if (inet_pton(AF_INET, s, &a) != 1)
		return -EINVAL;
	*be_addr = a.s_addr;
	return 0;
}

int
skbfwd_conf_foreach(const char *opt, const char *file,
		    int (*fn)(const char *file, unsigned int lineno, char *line, void *arg),
		    void *arg)
{
	char line[512];
	unsigned int lineno = 0;
	FILE *f = fopen(file, "r");
	int ret = 0;

	if (f == NULL) {
		ret = -errno;
		fprintf(stderr, "skbfwd: --%s=%s: %s\n", opt, file, strerror(errno));
		return ret;
	}
	while (ret == 0 && fgets(line, sizeof(line), f) != NULL) {
		char *p = line, *hash = strchr(line, '#');

		lineno++;
		if (hash != NULL)
			*hash = '\0';
		while (isspace((unsigned char)*p))
			p++;
		if (*p != '\0')
			ret = fn(file, lineno, p, arg);
	}
	fclose(f);
	return ret;
}

int
skbfwd_parse_port_prefix(const char *opt, const char *arg, uint16_t *port, const char **rest)
{
	const char *comma = strchr(arg, ',');
	unsigned long v;
	char buf[16];
	size_t len;

	if (comma == NULL || comma == arg || (len = (size_t)(comma - arg)) >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, arg, len);
	buf[len] = '\0';
	if (skbfwd_parse_uint(opt, buf, 0, RTE_MAX_ETHPORTS - 1, &v) < 0)
		return -ERANGE;
	*port = (uint16_t)v;
	*rest = comma + 1;
	return 0;
}

