/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * skbs of a known byte pattern for tests: chains of segments of any lengths
 * filled with pat(), and the checks that bytes read back are still that pattern.
 */
#ifndef _TEST_CHAIN_H_
#define _TEST_CHAIN_H_

#include <stdbool.h>
#include <stdint.h>

#include "skb.h"

/* The byte at offset @i of a pattern packet. */
static inline uint8_t
pat(unsigned int i)
{
	return (uint8_t)(i * 7 + 3);
}

/*
 * An skb of @n segments with @lens[i] data bytes each, @headroom before the
 * head's data, filled with pat() counted from the first data byte.
 * NULL when anything fails (nothing leaked).
 */
static inline struct sk_buff *
make_chain(struct rte_mempool *mp, unsigned int headroom, const unsigned int *lens,
	   unsigned int n)
{
	struct sk_buff *head = NULL;
	unsigned int i, j, off = 0;

	for (i = 0; i < n; i++) {
		struct sk_buff *s = alloc_skb(mp, (i == 0 ? headroom : 0) + lens[i]);
		uint8_t *p;

		if (s == NULL)
			goto err;
		if (i == 0)
			skb_reserve(s, (int)headroom);
		p = skb_put(s, lens[i]);
		if (p == NULL) {
			kfree_skb(s);
			goto err;
		}
		for (j = 0; j < lens[i]; j++)
			p[j] = pat(off + j);
		off += lens[i];
		if (i == 0) {
			head = s;
		} else if (skb_append_frag(head, s) != 0) {
			kfree_skb(s);
			goto err;
		}
	}
	return head;
err:
	kfree_skb(head);
	return NULL;
}

/* True when @len bytes at @p are pat(@from ...). */
static inline bool
is_pat(const uint8_t *p, unsigned int from, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < len; i++)
		if (p[i] != pat(from + i))
			return false;
	return true;
}

/* True when the whole data of @skb, read with skb_copy_bits, is pat(@from ...). */
static inline bool
skb_is_pat(const struct sk_buff *skb, unsigned int from)
{
	static uint8_t buf[65536];
	unsigned int len = skb_len(skb);

	if (skb_copy_bits(skb, 0, buf, (int)len) != 0)
		return false;
	return is_pat(buf, from, len);
}

#endif /* _TEST_CHAIN_H_ */
