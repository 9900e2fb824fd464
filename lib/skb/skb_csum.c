/* SPDX-License-Identifier: BSD-3-Clause */
/* libskb checksums across the segment chain: skb_checksum(). */

#include "skb_csum.h"
#include "skb_internal.h"

struct skb_csum_walk {
	uint32_t csum;
	unsigned int pos; /* bytes of the range summed so far */
};

static void
skb_csum_piece(void *piece, unsigned int n, void *arg)
{
	struct skb_csum_walk *w = arg;
	uint32_t s = csum_partial(piece, (int)n, 0);

	/* a piece at an odd position has its bytes in the other halves of the words */
	if (w->pos & 1u)
		s = (s >> 8) | (s << 24);
	w->csum = csum_add(w->csum, s);
	w->pos += n;
}

uint32_t
skb_checksum(const struct sk_buff *skb, int offset, int len, uint32_t csum)
{
	struct skb_csum_walk w = { .csum = csum, .pos = 0 };

	if (unlikely(offset < 0 || len < 0 ||
		     (uint64_t)offset + (uint64_t)len > skb_len(skb)))
		return csum;
	if (likely((unsigned int)offset + (unsigned int)len <= skb_headlen(skb)))
		return csum_partial(skb_data(skb) + offset, len, csum);
	skb_seg_walk(&skb->mbuf, (unsigned int)offset, (unsigned int)len, skb_csum_piece, &w);
	return w.csum;
}
