/* SPDX-License-Identifier: BSD-3-Clause */
/* The Internet checksum by the book (RFC 1071), written apart from libskb, to check libskb's own against. */
#ifndef _TEST_CSUM_REF_H_
#define _TEST_CSUM_REF_H_

#include <stddef.h>
#include <stdint.h>

/* The folded big-endian one's-complement sum of @len bytes at @p (RFC 1071 by the book). */
static inline uint16_t
ref_sum(const uint8_t *p, size_t len)
{
	uint32_t s = 0;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		s += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (len & 1)
		s += (uint32_t)p[len - 1] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)s;
}

#endif /* _TEST_CSUM_REF_H_ */
