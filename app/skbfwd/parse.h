/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Value parsers shared by skbfwd's own options and the engines' options:
 * strict numbers, MAC and IPv4 addresses, "PORT,VALUE" pairs and line-based
 * configuration files.  They only read their input and write their outputs;
 * each one that prints names the option (--@opt) it parses for.
 */
#ifndef _SKBFWD_PARSE_H_
#define _SKBFWD_PARSE_H_

#include <stdint.h>

#include <rte_ether.h>

/**
 * Strict unsigned parse of @s: digits only (0x for hexadecimal), within
 * [@min, @max], into *@out.
 * @return 0; -EINVAL after printing "skbfwd: --@opt=@s is not a number" or
 * "... is out of range (MIN..MAX)" (*@out unchanged).
 */
int skbfwd_parse_uint(const char *opt, const char *s, unsigned long min, unsigned long max,
		      unsigned long *out);

/** "XX:XX:XX:XX:XX:XX" into *@mac.  @return 0; -EINVAL (nothing printed, *@mac unchanged). */
int skbfwd_parse_mac(const char *s, struct rte_ether_addr *mac);

/** A dotted IPv4 address into *@be_addr (network order).  @return 0; -EINVAL (nothing printed). */
int skbfwd_parse_ipv4(const char *s, uint32_t *be_addr);

/**
 * Split "PORT,VALUE" (--eth-peer, --icmp-ip): *@port (< RTE_MAX_ETHPORTS) and
 * *@rest pointing at VALUE inside @arg.  @return 0; -ERANGE for a bad PORT
 * (already reported under --@opt); -EINVAL for no "PORT," (the caller reports it).
 */
int skbfwd_parse_port_prefix(const char *opt, const char *arg, uint16_t *port,
			     const char **rest);

/**
 * Call @fn for each line of the configuration @file with '#' comments and
 * leading blanks removed, skipping empty lines, until @fn returns non-zero.
 * @fn reports its own errors (as "FILE:LINE: why").
 * @return 0, the first non-zero return of @fn, or -errno when @file cannot be
 * opened (reported under --@opt).
 */
int skbfwd_conf_foreach(const char *opt, const char *file,
			int (*fn)(const char *file, unsigned int lineno, char *line, void *arg),
			void *arg);

#endif /* _SKBFWD_PARSE_H_ */
