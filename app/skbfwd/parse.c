/* SPDX-License-Identifier: BSD-3-Clause */
/* Value parsers shared by skbfwd's options and the engines' options (parse.h). */

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <sys/stat.h>

#include <rte_ethdev.h>

#include "parse.h"
#include "runtime.h"

/*
 * Digits of @s in base 10, or 16 after "0x": 0 and the value in *@v; 1 when
 * the number is well formed but does not fit in 64 bits; -1 when @s is not a
 * number.  No blanks, no sign (the caller looks at a leading '-').
 */
static int
skbfwd_digits(const char *s, unsigned int base, uint64_t *v)
{
	uint64_t n = 0;
	bool big = false;
	const char *p = s;

	if (base == 16 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	else if (base == 0 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = 10;
	}
	if (*p == '\0')
		return -1;
	for (; *p != '\0'; p++) {
		unsigned int d;

		if (isdigit((unsigned char)*p))
			d = (unsigned int)(*p - '0');
		else if (base == 16 && isxdigit((unsigned char)*p))
			d = (unsigned int)(tolower((unsigned char)*p) - 'a' + 10);
		else
			return -1;
		if (n > (UINT64_MAX - d) / base)
			big = true;
		else
			n = n * base + d;
	}
	*v = n;
	return big ? 1 : 0;
}

int
skbfwd_parse_uint(const char *opt, const char *s, unsigned long min,
		  unsigned long max, unsigned long *out)
{
	uint64_t v = 0;
	int ret;

	if (s == NULL)
		s = "";
	/* "-1" is a number, just not one of ours */
	ret = skbfwd_digits(s[0] == '-' ? s + 1 : s, 0, &v);
	if (ret < 0) {
		fprintf(stderr, "skbfwd: --%s=%s is not a number\n", opt, s);
		return -EINVAL;
	}
	if (s[0] == '-' || ret > 0 || v < min || v > max) {
		fprintf(stderr, "skbfwd: --%s=%s is out of range (%lu..%lu)\n", opt, s, min, max);
		return -EINVAL;
	}
	*out = (unsigned long)v;
	return 0;
}

int
skbfwd_parse_double(const char *opt, const char *s, double min, double max, double *out)
{
	char *end = NULL;
	double d;

	if (s == NULL)
		s = "";
	errno = 0;
	d = (isdigit((unsigned char)s[0]) || s[0] == '-' || s[0] == '.') ? strtod(s, &end) : NAN;
	if (end == NULL || end == s || *end != '\0' || isnan(d)) {
		fprintf(stderr, "skbfwd: --%s=%s is not a number\n", opt, s);
		return -EINVAL;
	}
	if (errno == ERANGE || !(d >= min && d <= max)) {
		fprintf(stderr, "skbfwd: --%s=%s is out of range (%.15g..%.15g)\n", opt, s, min, max);
		return -EINVAL;
	}
	*out = d;
	return 0;
}

/* The units of skbfwd_parse_rate(): name, its size in pps or bit/s. */
static const struct {
	const char *name;
	double scale;
	bool bits;
} skbfwd_rate_units[] = {
	{ "pps", 1, false }, { "kpps", 1e3, false }, { "Mpps", 1e6, false },
	{ "Mbit/s", 1e6, true }, { "Gbit/s", 1e9, true },
};
#define SKBFWD_RATE_PPS_MIN 1.0
#define SKBFWD_RATE_PPS_MAX 1e9
#define SKBFWD_RATE_BPS_MIN 1e3
#define SKBFWD_RATE_BPS_MAX 1e12

/* @v with up to 6 decimals, no trailing zeros: "0.000001", "1000". */
static const char *
skbfwd_rate_number(double v, char *buf, size_t size)
{
	size_t len = (size_t)snprintf(buf, size, "%.6f", v);

	while (len > 1 && buf[len - 1] == '0')
		buf[--len] = '\0';
	if (len > 1 && buf[len - 1] == '.')
		buf[--len] = '\0';
	return buf;
}

int
skbfwd_parse_rate(const char *opt, const char *s, struct skbfwd_rate *out)
{
	const char *p = s == NULL ? "" : s;
	char num[64];
	size_t len = 0;
	unsigned int i;
	double v, min, max;
	char *end = NULL;

	/* the number: digits and one '.' at most, no sign, no exponent */
	while (isdigit((unsigned char)p[len]) || p[len] == '.')
		len++;
	if (len == 0 || len >= sizeof(num))
		goto bad;
	memcpy(num, p, len);
	num[len] = '\0';
	if (strchr(num, '.') != strrchr(num, '.') || strcmp(num, ".") == 0)
		goto bad;
	v = strtod(num, &end);
	if (end == NULL || *end != '\0')
		goto bad;
	for (i = 0; i < RTE_DIM(skbfwd_rate_units); i++)
		if (strcmp(p + len, skbfwd_rate_units[i].name) == 0)
			break;
	if (i == RTE_DIM(skbfwd_rate_units))
		goto bad;
	min = skbfwd_rate_units[i].bits ? SKBFWD_RATE_BPS_MIN : SKBFWD_RATE_PPS_MIN;
	max = skbfwd_rate_units[i].bits ? SKBFWD_RATE_BPS_MAX : SKBFWD_RATE_PPS_MAX;
	v *= skbfwd_rate_units[i].scale;
	if (!(v >= min && v <= max)) {
		char lo[32], hi[32];

		fprintf(stderr, "skbfwd: --%s=%s is out of range (%s..%s %s)\n", opt, s,
			skbfwd_rate_number(min / skbfwd_rate_units[i].scale, lo, sizeof(lo)),
			skbfwd_rate_number(max / skbfwd_rate_units[i].scale, hi, sizeof(hi)),
			skbfwd_rate_units[i].name);
		return -EINVAL;
	}
	out->value = v;
	out->bits = skbfwd_rate_units[i].bits;
	return 0;
bad:
	fprintf(stderr, "skbfwd: --%s=%s: expected a number and a unit (pps, kpps, Mpps, Mbit/s or Gbit/s)\n",
		opt, p);
	return -EINVAL;
}

double
skbfwd_rate_pps(const struct skbfwd_rate *r, unsigned int len)
{
	return r->bits ? r->value / (8.0 * SKBFWD_WIRE_BYTES(len)) : r->value;
}

const char *
skbfwd_rate_format(const struct skbfwd_rate *r, char *buf, size_t size)
{
	if (r->bits)
		snprintf(buf, size, r->value >= 1e9 ? "%.3f Gbit/s" : "%.3f Mbit/s",
			 r->value / (r->value >= 1e9 ? 1e9 : 1e6));
	else
		snprintf(buf, size, "%.3f %s", r->value / (r->value >= 1e6 ? 1e6 : r->value >= 1e3 ? 1e3 : 1),
			 r->value >= 1e6 ? "Mpps" : r->value >= 1e3 ? "kpps" : "pps");
	return buf;
}

int
skbfwd_parse_hex64(const char *opt, const char *s, uint64_t *out)
{
	uint64_t v = 0;
	int ret;

	if (s == NULL)
		s = "";
	ret = skbfwd_digits(s[0] == '-' ? s + 1 : s, 16, &v);
	if (ret < 0) {
		fprintf(stderr, "skbfwd: --%s=%s is not a hexadecimal mask\n", opt, s);
		return -EINVAL;
	}
	if (s[0] == '-' || ret > 0) {
		fprintf(stderr, "skbfwd: --%s=%s is out of range (0..0x%" PRIx64 ")\n", opt, s,
			UINT64_MAX);
		return -EINVAL;
	}
	*out = v;
	return 0;
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
skbfwd_parse_ipv6(const char *s, uint8_t addr[16])
{
	struct in6_addr a;

	if (inet_pton(AF_INET6, s, &a) != 1)
		return -EINVAL;
	memcpy(addr, a.s6_addr, 16);
	return 0;
}

const char *
skbfwd_port_names(char *buf, size_t size)
{
	size_t len = 0;
	uint16_t pid;

	buf[0] = '\0';
	RTE_ETH_FOREACH_DEV(pid) {
		if (len < size)
			len += (size_t)snprintf(buf + len, size - len, "%s%u",
						len ? ", " : "", pid);
	}
	if (len == 0)
		snprintf(buf, size, "none");
	return buf;
}

int
skbfwd_check_port(const char *opt, const char *arg, unsigned long port)
{
	char names[256];

	if (port < RTE_MAX_ETHPORTS && rte_eth_dev_is_valid_port((uint16_t)port))
		return 0;
	fprintf(stderr, "skbfwd: --%s=%s: port %lu does not exist (ports: %s)\n", opt, arg,
		port, skbfwd_port_names(names, sizeof(names)));
	return -ENODEV;
}

int
skbfwd_parse_port_prefix(const char *opt, const char *arg, uint16_t *port, const char **rest)
{
	const char *comma = strchr(arg, ',');
	unsigned long v;
	char buf[32];
	size_t len;

	if (comma == NULL || comma == arg || (len = (size_t)(comma - arg)) >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, arg, len);
	buf[len] = '\0';
	if (skbfwd_parse_uint(opt, buf, 0, RTE_MAX_ETHPORTS - 1, &v) < 0 ||
	    skbfwd_check_port(opt, arg, v) < 0)
		return -ERANGE;
	*port = (uint16_t)v;
	*rest = comma + 1;
	return 0;
}

int
skbfwd_parse_port_list(const char *opt, const char *arg, uint16_t *ports, unsigned int max)
{
	bool seen[RTE_MAX_ETHPORTS] = { false };
	const char *p = arg;
	unsigned int n = 0;

	for (;;) {
		unsigned long lo, hi, v;
		char tok[32];
		const char *dash, *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len == 0 || len >= sizeof(tok)) {
			fprintf(stderr, "skbfwd: --%s=%s: expected ports and ranges like 0,2-3\n",
				opt, arg);
			return -EINVAL;
		}
		memcpy(tok, p, len);
		tok[len] = '\0';
		dash = strchr(tok + 1, '-');
		if (dash != NULL)
			tok[dash - tok] = '\0';
		if (skbfwd_parse_uint(opt, tok, 0, RTE_MAX_ETHPORTS - 1, &lo) < 0 ||
		    (dash != NULL &&
		     skbfwd_parse_uint(opt, dash + 1, lo, RTE_MAX_ETHPORTS - 1, &hi) < 0))
			return -EINVAL;
		if (dash == NULL)
			hi = lo;
		for (v = lo; v <= hi; v++) {
			if (skbfwd_check_port(opt, arg, v) < 0)
				return -EINVAL;
			if (seen[v]) {
				fprintf(stderr, "skbfwd: --%s=%s: port %lu is listed twice\n", opt,
					arg, v);
				return -EINVAL;
			}
			if (n == max)
				return -EINVAL;
			seen[v] = true;
			ports[n++] = (uint16_t)v;
		}
		if (end == NULL)
			break;
		p = end + 1;
	}
	return (int)n;
}

/* The file kind of @st_mode in words, for the refusal line. */
static const char *
skbfwd_file_kind(mode_t m)
{
	if (S_ISDIR(m))
		return "is a directory";
	if (S_ISFIFO(m))
		return "is a FIFO, not a regular file";
	if (S_ISCHR(m) || S_ISBLK(m))
		return "is a device, not a regular file";
	if (S_ISSOCK(m))
		return "is a socket, not a regular file";
	return "is not a regular file";
}

/*
 * The whole of configuration @file in a buffer of its own (NUL-terminated;
 * free() it) and its length, after the checks of skbfwd_conf_foreach().
 */
static int
skbfwd_conf_read(const char *opt, const char *file, char **text, size_t *size)
{
	struct stat st;
	size_t len = 0;
	char *buf;
	int fd, err;

	/* O_NONBLOCK: opening a FIFO must not wait for a writer */
	fd = open(file, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		err = errno;
		fprintf(stderr, "skbfwd: --%s=%s: %s\n", opt, file, strerror(err));
		return -err;
	}
	if (fstat(fd, &st) < 0) {
		err = errno;
		fprintf(stderr, "skbfwd: --%s=%s: %s\n", opt, file, strerror(err));
		close(fd);
		return -err;
	}
	if (!S_ISREG(st.st_mode)) {
		fprintf(stderr, "skbfwd: --%s=%s: %s\n", opt, file, skbfwd_file_kind(st.st_mode));
		close(fd);
		return S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL;
	}
	if (st.st_size > (off_t)SKBFWD_CONF_MAX_SIZE) {
		fprintf(stderr, "skbfwd: --%s=%s: is larger than %u MiB\n", opt, file,
			SKBFWD_CONF_MAX_SIZE >> 20);
		close(fd);
		return -EFBIG;
	}
	/* one byte more than the limit shows a file that grew since fstat() */
	buf = malloc(SKBFWD_CONF_MAX_SIZE + 2);
	if (buf == NULL) {
		close(fd);
		return -ENOMEM;
	}
	for (;;) {
		ssize_t n = read(fd, buf + len, SKBFWD_CONF_MAX_SIZE + 1 - len);

		if (n < 0 && errno == EINTR && !skbfwd_quit)
			continue;
		if (n < 0) {
			err = skbfwd_quit ? EINTR : errno;
			if (err != EINTR)
				fprintf(stderr, "skbfwd: --%s=%s: %s\n", opt, file, strerror(err));
			free(buf);
			close(fd);
			return -err;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > SKBFWD_CONF_MAX_SIZE) {
			fprintf(stderr, "skbfwd: --%s=%s: is larger than %u MiB\n", opt, file,
				SKBFWD_CONF_MAX_SIZE >> 20);
			free(buf);
			close(fd);
			return -EFBIG;
		}
	}
	close(fd);
	buf[len] = '\0';
	*text = buf;
	*size = len;
	return 0;
}

int
skbfwd_conf_foreach(const char *opt, const char *file,
		    int (*fn)(const char *file, unsigned int lineno, char *line, void *arg),
		    void *arg)
{
	char *text = NULL, *line, *next;
	unsigned int lineno = 0;
	size_t size = 0;
	int ret = skbfwd_conf_read(opt, file, &text, &size);

	if (ret < 0)
		return ret;
	for (line = text; ret == 0 && line < text + size; line = next) {
		char *nl = memchr(line, '\n', (size_t)(text + size - line));
		char *end = nl != NULL ? nl : text + size, *p = line, *hash;

		next = end + 1;
		lineno++;
		if (skbfwd_quit) {
			ret = -EINTR;
			break;
		}
		if ((size_t)(end - line) > SKBFWD_CONF_MAX_LINE) {
			fprintf(stderr, "skbfwd: %s:%u: line too long\n", file, lineno);
			ret = -EINVAL;
			break;
		}
		if (memchr(line, '\0', (size_t)(end - line)) != NULL) {
			fprintf(stderr, "skbfwd: %s:%u: not a text line (NUL byte)\n", file, lineno);
			ret = -EINVAL;
			break;
		}
		*end = '\0';
		if (end > line && end[-1] == '\r')
			end[-1] = '\0';
		hash = strchr(line, '#');
		if (hash != NULL)
			*hash = '\0';
		while (isspace((unsigned char)*p))
			p++;
		if (*p != '\0')
			ret = fn(file, lineno, p, arg);
	}
	free(text);
	return ret;
}
