/* SPDX-License-Identifier: BSD-3-Clause */
/* libskb metadata: the dynamic mbuf flags that say an skb's private area is valid (or freed). */

#include <rte_errno.h>
#include <rte_mbuf_dyn.h>

#include "skb_internal.h"

uint64_t skb_meta_flag;
uint64_t skb_freed_flag;

int
skb_lib_init(void)
{
	static const struct rte_mbuf_dynflag flag = { .name = "skb_meta_valid" };
	static const struct rte_mbuf_dynflag freed = { .name = "skb_debug_freed" };
	int bit, fbit;

	if (skb_meta_flag != 0)
		return 0;
	bit = rte_mbuf_dynflag_register(&flag);
	if (bit < 0)
		return -rte_errno;
	fbit = rte_mbuf_dynflag_register(&freed);
	if (fbit < 0)
		return -rte_errno;
	skb_freed_flag = RTE_BIT64(fbit);
	skb_meta_flag = RTE_BIT64(bit);
	return 0;
}
