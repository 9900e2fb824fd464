/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Value parsers shared by skbfwd's own options and the engines' options:
 * strict numbers, MAC and IPv4 addresses, "PORT,VALUE" pairs, lists of ports
 * and line-based configuration files.  They only read their input and write
 * their outputs; each one that prints names the option (--@opt) it parses for,
 * in one "skbfwd: ..." line on stderr.
 */
#ifndef _SKBFWD_PARSE_H_
#define _SKBFWD_PARSE_H_

#include <stdbool.h>
#include <stdint.h>

#include <rte_ether.h>

/** Longest line of a configuration file, without its newline. */
#define SKBFWD_CONF_MAX_LINE (64u * 1024)
/** Largest configuration file. */
#define SKBFWD_CONF_MAX_SIZE (16u * 1024 * 1024)

/**
 * Strict unsigned parse of @s: decimal digits, or 0x and hexadecimal digits,
 * within [@min, @max], into *@out.
 * @return 0; -EINVAL after printing "skbfwd: --@opt=@s is not a number" (empty,
 * blanks, signs other than a leading '-', trailing characters) or
 * "skbfwd: --@opt=@s is out of range (MIN..MAX)" (also for negative numbers
 * and numbers too large for 64 bits); *@out is then unchanged.
 */
int skbfwd_parse_uint(const char *opt, const char *s, unsigned long min, unsigned long max,
		      unsigned long *out);

/**
 * Strict parse of a decimal number of seconds (or any real value) @s within
 * [@min, @max] into *@out.
 * @return 0; -EINVAL after printing "... is not a number" (also for nan and
 * inf) or "... is out of range (MIN..MAX)"; *@out is then unchanged.
 */
int skbfwd_parse_double(const char *opt, const char *s, double min, double max, double *out);

/**
 * Strict hexadecimal 64-bit mask (optional 0x) into *@out.
 * @return 0; -EINVAL after printing "skbfwd: --@opt=@s is not a hexadecimal
 * mask" or "... is out of range (0..0xffffffffffffffff)".
 */
int skbfwd_parse_hex64(const char *opt, const char *s, uint64_t *out);

/**
 * Bytes a frame of @len bytes (its skb_len(), without FCS) takes on an
 * Ethernet wire, as RFC 2544 counts: the frame, its 4-byte FCS, then 8 bytes
 * of preamble and 12 of inter-frame gap.  A 60-byte skb is the 64-byte frame
 * of RFC 2544, 84 bytes (672 bits) on the wire.
 */
#define SKBFWD_WIRE_BYTES(len) ((len) + RTE_ETHER_CRC_LEN + 20u)

/** A rate of --tx-rate: packets per second, or bits per second on the wire. */
struct skbfwd_rate {
	double value;      /* pps, or bit/s when @bits */
	bool bits;         /* bit/s: SKBFWD_WIRE_BYTES() x 8 per frame */
};

/**
 * Strict parse of rate @s: a decimal number (a fraction allowed) followed at
 * once by a unit, one of pps, kpps, Mpps (packets) or Mbit/s, Gbit/s (bits on
 * the wire, SKBFWD_WIRE_BYTES()), into *@out.  Packet rates lie in 1 pps ..
 * 1000 Mpps, bit rates in 1 kbit/s .. 1000 Gbit/s.
 * @return 0; -EINVAL after printing "skbfwd: --@opt=@s: expected a number and a
 * unit (pps, kpps, Mpps, Mbit/s or Gbit/s)" or "skbfwd: --@opt=@s is out of
 * range (MIN..MAX UNIT)" with the bounds in the unit given; *@out is then
 * unchanged.
 */
int skbfwd_parse_rate(const char *opt, const char *s, struct skbfwd_rate *out);

/**
 * Frames per second that rate @r makes of frames of @len bytes (skb_len(),
 * without FCS): its value for a packet rate, bits / (8 x SKBFWD_WIRE_BYTES(@len))
 * for a bit rate.
 */
double skbfwd_rate_pps(const struct skbfwd_rate *r, unsigned int len);

/** "1.000 Mpps" or "10.000 Gbit/s": rate @r in @buf, three decimals in its largest unit.  @return @buf. */
const char *skbfwd_rate_format(const struct skbfwd_rate *r, char *buf, size_t size);

/** "XX:XX:XX:XX:XX:XX" into *@mac.  @return 0; -EINVAL (nothing printed, *@mac unchanged). */
int skbfwd_parse_mac(const char *s, struct rte_ether_addr *mac);

/** A dotted IPv4 address into *@be_addr (network order).  @return 0; -EINVAL (nothing printed). */
int skbfwd_parse_ipv4(const char *s, uint32_t *be_addr);

/** An IPv6 address (RFC 4291 text) into @addr (network order).  @return 0; -EINVAL (nothing printed). */
int skbfwd_parse_ipv6(const char *s, uint8_t addr[16]);

/**
 * Check that port @port exists (was probed by EAL) for option --@opt=@arg.
 * @return 0; -ENODEV after printing "skbfwd: --@opt=@arg: port P does not
 * exist (ports: 0, 1)".
 */
int skbfwd_check_port(const char *opt, const char *arg, unsigned long port);

/**
 * "0, 1, 3": the ports that exist, into @buf ("none" when there is none).
 * @return @buf.
 */
const char *skbfwd_port_names(char *buf, size_t size);

/**
 * Split "PORT,VALUE" (--eth-peer, --icmp-ip): *@port, a port that exists, and
 * *@rest pointing at VALUE inside @arg.
 * @return 0; -ERANGE for a bad or absent PORT (already reported under
 * --@opt: "not a number", "out of range", "does not exist"); -EINVAL for no
 * "PORT," (the caller reports it).
 */
int skbfwd_parse_port_prefix(const char *opt, const char *arg, uint16_t *port,
			     const char **rest);

/**
 * A list of existing ports "0,2-3" (--portlist) into @ports, in the order
 * given, each once.
 * @return the number of ports (>= 1); -EINVAL after printing one line.
 */
int skbfwd_parse_port_list(const char *opt, const char *arg, uint16_t *ports,
			   unsigned int max);

/**
 * Call @fn for each line of the configuration @file with '#' comments, the
 * line end (LF or CRLF) and leading blanks removed, skipping empty lines,
 * until @fn returns non-zero.  The file is checked before it is read: it must
 * be a regular file of at most SKBFWD_CONF_MAX_SIZE bytes (never opened in a
 * way that blocks: a FIFO is refused at once) whose lines have at most
 * SKBFWD_CONF_MAX_LINE bytes and no NUL byte.  @fn reports its own errors (as
 * "skbfwd: FILE:LINE: why").  Reading stops when skbfwd_quit is set (a signal).
 * @return 0, the first non-zero return of @fn, -EINTR when a signal stopped
 * the reading (nothing printed), or a negative errno after printing one line
 * under --@opt ("skbfwd: --@opt=FILE: is a directory", ...) or
 * "skbfwd: FILE:LINE: line too long".
 */
int skbfwd_conf_foreach(const char *opt, const char *file,
			int (*fn)(const char *file, unsigned int lineno, char *line, void *arg),
			void *arg);

#endif /* _SKBFWD_PARSE_H_ */
