/* SPDX-License-Identifier: BSD-3-Clause */
/* skbs holding given bytes for tests: a frame built byte by byte, linear or cut in two segments. */
#ifndef _TEST_FRAME_H_
#define _TEST_FRAME_H_

#include <stdint.h>

#include "skb.h"

/*
 * An skb of @mp holding the @len bytes at @bytes after @headroom bytes of
 * headroom: all in the head when @split is 0 or not below @len, else the
 * first @split bytes in the head and the others in one frag.
 * @return the skb, or NULL (nothing left allocated) when the pool has no
 * buffer for it.
 */
static inline struct sk_buff *
test_skb_of(struct rte_mempool *mp, unsigned int headroom, const void *bytes, unsigned int len,
	    unsigned int split)
{
	unsigned int head = split == 0 || split >= len ? len : split;
	struct sk_buff *skb = alloc_skb(mp, headroom + len), *frag;

	if (skb == NULL)
		return NULL;
	skb_reserve(skb, (int)headroom);
	if (skb_put_data(skb, bytes, head) == NULL)
		goto fail;
	if (head == len)
		return skb;
	frag = alloc_skb(mp, len - head);
	if (frag == NULL)
		goto fail;
	if (skb_put_data(frag, (const uint8_t *)bytes + head, len - head) == NULL ||
	    skb_append_frag(skb, frag) != 0) {
		kfree_skb(frag);
		goto fail;
	}
	return skb;
fail:
	kfree_skb(skb);
	return NULL;
}

#endif /* _TEST_FRAME_H_ */
