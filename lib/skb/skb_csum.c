/* SPDX-License-Identifier: BSD-3-Clause */
/* libskb checksums across the segment chain: skb_checksum(), skb_checksum_help(). */

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

int
skb_checksum_help(struct sk_buff *skb)
{
	int start, field, ret;
	uint16_t sum;

	if (!skb_meta_valid(skb) || skb->ip_summed != CHECKSUM_PARTIAL) {
		if (skb_meta_valid(skb) && skb->ip_summed == CHECKSUM_COMPLETE)
			skb->ip_summed = CHECKSUM_NONE;
		return 0;
	}
	if (unlikely(skb_is_gso(skb)))
		return -EINVAL;
	start = skb_checksum_start_offset(skb);
	field = start + skb->csum_offset;
	if (unlikely(start < 0 || (unsigned int)start >= skb_headlen(skb) ||
		     (unsigned int)field + sizeof(sum) > skb_headlen(skb)))
		return -EINVAL;
	ret = skb_ensure_writable(skb, (unsigned int)field + sizeof(sum));
	if (unlikely(ret < 0))
		return ret;
	/* skb_ensure_writable() may have moved the head: csum_start moved with it */
	start = skb_checksum_start_offset(skb);
	sum = csum_fold(skb_checksum(skb, start, (int)skb_len(skb) - start, 0));
	if (sum == 0)
		sum = 0xffff;
	memcpy(skb_data(skb) + start + skb->csum_offset, &sum, sizeof(sum));
	skb->ip_summed = CHECKSUM_NONE;
	return 0;
}
