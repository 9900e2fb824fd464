/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * skbfwd's option parsers and configuration-file reader, in process
 * (skbfwd_lib): the exact lines skbfwd_conf_foreach() hands over and where it
 * stops (64 KiB lines, 16 MiB files, directories, FIFOs, devices, a signal),
 * strict numbers, and options set by name at run time (skbfwd_option_set())
 * as the command line sets them, on two net_null ports.
 */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include <rte_bus_vdev.h>
#include <rte_ethdev.h>

#include "test.h"
#include "config.h"
#include "engines.h"
#include "parse.h"
#include "runtime.h"

#define MAX_LINES 8

/* What the reader handed over. */
struct seen {
	unsigned int n;
	unsigned int lineno[MAX_LINES];
	size_t len[MAX_LINES];
	char head[MAX_LINES][16];
};

static int
seen_line(const char *file __rte_unused, unsigned int lineno, char *line, void *arg)
{
	struct seen *s = arg;

	if (s->n == MAX_LINES)
		return -E2BIG;
	s->lineno[s->n] = lineno;
	s->len[s->n] = strlen(line);
	snprintf(s->head[s->n], sizeof(s->head[0]), "%s", line);
	s->n++;
	return 0;
}

static char tmpdir[] = "/tmp/skbfwd_config_XXXXXX";

static int
setup_dir(void)
{
	return mkdtemp(tmpdir) != NULL ? TEST_SUCCESS : TEST_FAILED;
}

/* @len bytes of @text at @name in tmpdir; its path in @path. */
static int
write_file(const char *name, const char *text, size_t len, char *path, size_t size)
{
	FILE *f;

	snprintf(path, size, "%s/%s", tmpdir, name);
	f = fopen(path, "w");
	if (f == NULL)
		return -1;
	if (fwrite(text, 1, len, f) != len) {
		fclose(f);
		return -1;
	}
	return fclose(f);
}

/* A file @name of @before, @n times @c, then @after, in tmpdir; its path in @path. */
static int
write_long_line(const char *name, const char *before, char c, size_t n, const char *after,
		char *path, size_t size)
{
	size_t len = strlen(before);
	char *text = malloc(len + n + strlen(after));
	int ret;

	if (text == NULL)
		return -1;
	memcpy(text, before, len);
	memset(text + len, c, n);
	memcpy(text + len + n, after, strlen(after));
	ret = write_file(name, text, len + n + strlen(after), path, size);
	free(text);
	return ret;
}

/* Comments, blank lines, CRLF, leading blanks, no final newline, a 64 KiB line. */
static int
test_conf_lines(void)
{
	char path[256];
	struct seen s;

	TEST_ASSERT_EQ(write_long_line("lines", "a 1\n# comment\n\n  b 2  # x\r\n", 'x',
				       SKBFWD_CONF_MAX_LINE, "\nlast", path, sizeof(path)), 0);
	memset(&s, 0, sizeof(s));
	TEST_ASSERT_EQ(skbfwd_conf_foreach("routes", path, seen_line, &s), 0);
	TEST_ASSERT_EQ(s.n, 4);
	TEST_ASSERT_EQ(s.lineno[0], 1);
	TEST_ASSERT(strcmp(s.head[0], "a 1") == 0, "line 1: '%s'", s.head[0]);
	TEST_ASSERT_EQ(s.lineno[1], 4);
	TEST_ASSERT(strcmp(s.head[1], "b 2  ") == 0, "line 4: '%s'", s.head[1]);
	TEST_ASSERT_EQ(s.lineno[2], 5);
	TEST_ASSERT_EQ(s.len[2], SKBFWD_CONF_MAX_LINE);
	TEST_ASSERT_EQ(s.lineno[3], 6);
	TEST_ASSERT(strcmp(s.head[3], "last") == 0, "line 6: '%s'", s.head[3]);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

/* A line one byte over 64 KiB stops the reading there; the lines before count. */
static int
test_conf_long_line(void)
{
	char path[256];
	struct seen s;

	TEST_ASSERT_EQ(write_long_line("long", "first\n", '#', SKBFWD_CONF_MAX_LINE + 1,
				       "\nnever\n", path, sizeof(path)), 0);
	memset(&s, 0, sizeof(s));
	TEST_ASSERT_EQ(skbfwd_conf_foreach("routes", path, seen_line, &s), -EINVAL);
	TEST_ASSERT_EQ(s.n, 1);
	TEST_ASSERT(strcmp(s.head[0], "first") == 0, "line 1: '%s'", s.head[0]);
	/* a NUL byte is no text either */
	TEST_ASSERT_EQ(write_file("nul", "ok\nb\0d\nc\n", 9, path, sizeof(path)), 0);
	memset(&s, 0, sizeof(s));
	TEST_ASSERT_EQ(skbfwd_conf_foreach("routes", path, seen_line, &s), -EINVAL);
	TEST_ASSERT_EQ(s.n, 1);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

/* What is not a regular file of at most 16 MiB is refused before a byte is read. */
static int
test_conf_file_kinds(void)
{
	char fifo[256], big[256], max[256], none[256];
	struct seen s;
	int fd;

	memset(&s, 0, sizeof(s));
	TEST_ASSERT_EQ(skbfwd_conf_foreach("routes", tmpdir, seen_line, &s), -EISDIR);
	snprintf(fifo, sizeof(fifo), "%s/fifo", tmpdir);
	TEST_ASSERT_EQ(mkfifo(fifo, 0600), 0);
	/* no writer: refused at once, never waited for */
	TEST_ASSERT_EQ(skbfwd_conf_foreach("routes", fifo, seen_line, &s), -EINVAL);
	TEST_ASSERT_EQ(skbfwd_conf_foreach("routes", "/dev/zero", seen_line, &s), -EINVAL);
	snprintf(none, sizeof(none), "%s/none", tmpdir);
	TEST_ASSERT_EQ(skbfwd_conf_foreach("routes", none, seen_line, &s), -ENOENT);
	snprintf(big, sizeof(big), "%s/big", tmpdir);
	fd = open(big, O_WRONLY | O_CREAT, 0600);
	TEST_ASSERT(fd >= 0 && ftruncate(fd, SKBFWD_CONF_MAX_SIZE + 1) == 0, "%s", big);
	close(fd);
	TEST_ASSERT_EQ(skbfwd_conf_foreach("routes", big, seen_line, &s), -EFBIG);
	/* 16 MiB exactly is read: blank lines but the last, "end" */
	snprintf(max, sizeof(max), "%s/max", tmpdir);
	fd = open(max, O_WRONLY | O_CREAT, 0600);
	TEST_ASSERT(fd >= 0 && ftruncate(fd, SKBFWD_CONF_MAX_SIZE) == 0, "%s", max);
	{
		char *buf = malloc(SKBFWD_CONF_MAX_SIZE);
		ssize_t w;

		TEST_ASSERT(buf != NULL, "memory");
		memset(buf, '\n', SKBFWD_CONF_MAX_SIZE);
		memcpy(buf + SKBFWD_CONF_MAX_SIZE - 4, "end\n", 4);
		w = pwrite(fd, buf, SKBFWD_CONF_MAX_SIZE, 0);
		free(buf);
		TEST_ASSERT_EQ(w, SKBFWD_CONF_MAX_SIZE);
	}
	close(fd);
	TEST_ASSERT_EQ(s.n, 0);
	TEST_ASSERT_EQ(skbfwd_conf_foreach("routes", max, seen_line, &s), 0);
	TEST_ASSERT_EQ(s.n, 1);
	TEST_ASSERT_EQ(s.lineno[0], SKBFWD_CONF_MAX_SIZE - 3);
	TEST_ASSERT(strcmp(s.head[0], "end") == 0, "'%s'", s.head[0]);
	unlink(fifo);
	unlink(big);
	unlink(max);
	return TEST_SUCCESS;
fail:
	unlink(fifo);
	unlink(big);
	unlink(max);
	return TEST_FAILED;
}

/* A signal stops the reading: -EINTR, nothing said, no line handed over. */
static int
test_conf_signal(void)
{
	char path[256];
	struct seen s;
	int ret;

	TEST_ASSERT_EQ(write_file("sig", "a\nb\n", 4, path, sizeof(path)), 0);
	memset(&s, 0, sizeof(s));
	skbfwd_quit = SIGINT;
	ret = skbfwd_conf_foreach("routes", path, seen_line, &s);
	skbfwd_quit = 0;
	TEST_ASSERT_EQ(ret, -EINTR);
	TEST_ASSERT_EQ(s.n, 0);
	return TEST_SUCCESS;
fail:
	skbfwd_quit = 0;
	return TEST_FAILED;
}

static int
test_parse_numbers(void)
{
	static const struct {
		const char *s;
		unsigned long min, max;
		int ret;
		unsigned long v;
	} t[] = {
		{ "32", 1, 512, 0, 32 }, { "0x20", 1, 512, 0, 32 },
		{ "010", 1, 512, 0, 10 }, { "512", 1, 512, 0, 512 },
		{ "513", 1, 512, -EINVAL, 7 }, { "0", 1, 512, -EINVAL, 7 },
		{ "-1", 1, 512, -EINVAL, 7 }, { "-0", 0, 512, -EINVAL, 7 },
		{ "99999999999999999999", 1, 512, -EINVAL, 7 },
		{ "18446744073709551615", 0, ULONG_MAX, 0, ULONG_MAX },
		{ "18446744073709551616", 0, ULONG_MAX, -EINVAL, 7 },
		{ "", 1, 512, -EINVAL, 7 }, { " 5", 1, 512, -EINVAL, 7 },
		{ "5 ", 1, 512, -EINVAL, 7 }, { "+5", 1, 512, -EINVAL, 7 },
		{ "0x", 1, 512, -EINVAL, 7 }, { "1e3", 1, 5000, -EINVAL, 7 },
		{ "0x1g", 1, 512, -EINVAL, 7 },
	};
	unsigned long v;
	uint64_t m;
	double d;
	unsigned int i;

	for (i = 0; i < RTE_DIM(t); i++) {
		v = 7;
		TEST_ASSERT(skbfwd_parse_uint("burst", t[i].s, t[i].min, t[i].max, &v) == t[i].ret &&
			    v == t[i].v, "'%s': %lu", t[i].s, v);
	}
	TEST_ASSERT_EQ(skbfwd_parse_hex64("portmask", "0xFfFfFfFfFfFfFfFf", &m), 0);
	TEST_ASSERT(m == UINT64_MAX, "mask");
	TEST_ASSERT_EQ(skbfwd_parse_hex64("portmask", "ff", &m), 0);
	TEST_ASSERT_EQ(m, 0xff);
	TEST_ASSERT_EQ(skbfwd_parse_hex64("portmask", "0x10000000000000000", &m), -EINVAL);
	TEST_ASSERT_EQ(skbfwd_parse_double("duration", "2.5", 0.001, 1e7, &d), 0);
	TEST_ASSERT(d == 2.5, "2.5");
	TEST_ASSERT_EQ(skbfwd_parse_double("duration", "nan", 0.001, 1e7, &d), -EINVAL);
	TEST_ASSERT_EQ(skbfwd_parse_double("duration", "inf", 0.001, 1e7, &d), -EINVAL);
	TEST_ASSERT_EQ(skbfwd_parse_double("duration", "1e99", 0.001, 1e7, &d), -EINVAL);
	TEST_ASSERT_EQ(skbfwd_parse_double("duration", "0", 0.001, 1e7, &d), -EINVAL);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

static int
setup_ports(void)
{
	if (rte_vdev_init("net_null0", NULL) != 0 || rte_vdev_init("net_null1", NULL) != 0)
		return TEST_FAILED;
	return rte_eth_dev_count_avail() == 2 ? TEST_SUCCESS : TEST_FAILED;
}

/* Options set by name, as `set OPTION VALUE` would: the same parsers, no exit. */
static int
test_option_set(void)
{
	skbfwd_config_init(skbfwd_engines);
	TEST_ASSERT_EQ(skbfwd_option_set("burst", "64"), 0);
	TEST_ASSERT_EQ(cfg.burst, 64);
	TEST_ASSERT_EQ(skbfwd_option_set("burst", "-1"), -EINVAL);
	TEST_ASSERT_EQ(skbfwd_option_set("burst", NULL), -EINVAL);
	TEST_ASSERT_EQ(cfg.burst, 64);
	TEST_ASSERT_EQ(skbfwd_option_set("record-core-cycles", "1"), -EINVAL);
	TEST_ASSERT_EQ(skbfwd_option_set("record-core-cycles", NULL), 0);
	TEST_ASSERT(cfg.record_core_cycles, "record-core-cycles");
	TEST_ASSERT_EQ(skbfwd_option_set("nosuch", NULL), -EINVAL);
	TEST_ASSERT_EQ(skbfwd_option_set("hot-plug", NULL), -EINVAL);
	TEST_ASSERT_EQ(skbfwd_option_set("portlist", "1,0"), 0);
	TEST_ASSERT_EQ(cfg.nb_port_list, 2);
	TEST_ASSERT_EQ(cfg.port_list[0], 1);
	TEST_ASSERT_EQ(cfg.port_list[1], 0);
	TEST_ASSERT_EQ(skbfwd_option_set("portmask", "0x4"), -EINVAL);
	TEST_ASSERT_EQ(cfg.nb_port_list, 2);
	TEST_ASSERT_EQ(skbfwd_option_set("eth-peer", "5,02:00:00:00:00:01"), -EINVAL);
	TEST_ASSERT_EQ(skbfwd_option_set("eth-peer", "1,02:00:00:00:00:0c"), 0);
	TEST_ASSERT_EQ(cfg.peer[1].addr_bytes[5], 0x0c);
	TEST_ASSERT_EQ(skbfwd_option_set("rss-udp", NULL), 0);
	TEST_ASSERT(cfg.port.rss_hf == RTE_ETH_RSS_UDP, "rss_hf");
	TEST_ASSERT_EQ(skbfwd_option_set("rx-offloads", "0xe"), 0);
	TEST_ASSERT(cfg.port.rx_offloads == RTE_ETH_RX_OFFLOAD_CHECKSUM, "rx_offloads");
	/* an engine's option: only while its engine is chosen */
	TEST_ASSERT_EQ(skbfwd_option_set("tx-gso", "1448"), -EINVAL);
	TEST_ASSERT_EQ(skbfwd_option_set("forward-mode", "nosuch"), -EINVAL);
	TEST_ASSERT_EQ(skbfwd_option_set("forward-mode", "txonly"), 0);
	TEST_ASSERT_EQ(skbfwd_option_set("tx-gso", "1448"), 0);
	TEST_ASSERT_EQ(skbfwd_config_check(), 0);
	TEST_ASSERT(skbfwd_refused_reason("hot-plug") != NULL, "hot-plug refused");
	TEST_ASSERT(skbfwd_refused_reason("burst") == NULL, "burst honoured");
	TEST_ASSERT(skbfwd_refused_reason("noisy-lkup-memory") == NULL, "an engine's option");
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

/* The command line: a missing value never takes the next option; --help says so. */
static int
test_parse_args(void)
{
	char *missing[] = { "skbfwd", "--burst", "--rxq=2", NULL };
	char *help[] = { "skbfwd", "--rxq=2", "--help", NULL };
	char *mask[] = { "skbfwd", "--coremask=0x2", "--nb-cores=1", "--forward=mac", NULL };
	char *order[] = { "skbfwd", "--rxd=512", "--rxfreet=512", NULL };
	int saved, null, ret;

	skbfwd_config_init(skbfwd_engines);
	TEST_ASSERT_EQ(skbfwd_parse_args(3, missing), -EINVAL);
	TEST_ASSERT_EQ(cfg.burst, DEFAULT_PKT_BURST);
	TEST_ASSERT_EQ(cfg.nb_rxq, 1);
	skbfwd_config_init(skbfwd_engines);
	/* the usage goes to stdout: not into the TAP stream */
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	null = open("/dev/null", O_WRONLY);
	TEST_ASSERT(saved >= 0 && null >= 0 && dup2(null, STDOUT_FILENO) >= 0, "stdout");
	ret = skbfwd_parse_args(3, help);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	close(null);
	TEST_ASSERT_EQ(ret, 1);
	skbfwd_config_init(skbfwd_engines);
	TEST_ASSERT_EQ(skbfwd_parse_args(4, mask), 0);
	TEST_ASSERT_EQ(cfg.nb_fwd_lcore_ids, 1);
	TEST_ASSERT_EQ(cfg.fwd_lcore_ids[0], 1);
	TEST_ASSERT_EQ(cfg.nb_cores, 1);
	TEST_ASSERT(strcmp(cfg.engine->name, "mac") == 0, "a unique prefix: %s", cfg.engine->name);
	skbfwd_config_init(skbfwd_engines);
	TEST_ASSERT_EQ(skbfwd_parse_args(3, order), -EINVAL);
	return TEST_SUCCESS;
fail:
	return TEST_FAILED;
}

static const struct unit_test tests[] = {
	UNIT_SETUP(setup_dir),
	UNIT_TEST(test_conf_lines),
	UNIT_TEST(test_conf_long_line),
	UNIT_TEST(test_conf_file_kinds),
	UNIT_TEST(test_conf_signal),
	UNIT_TEST(test_parse_numbers),
	UNIT_SETUP(setup_ports),
	UNIT_TEST(test_option_set),
	UNIT_TEST(test_parse_args),
};

int
main(int argc, char **argv)
{
	int ret = unit_test_main(argc, argv, tests, RTE_DIM(tests));
	char cmd[128];

	/* what the tests wrote in tmpdir */
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (strcmp(tmpdir + strlen(tmpdir) - 6, "XXXXXX") != 0 && system(cmd) != 0)
		ret = 1;
	return ret;
}
