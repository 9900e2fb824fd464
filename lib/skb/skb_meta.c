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

void
skb_meta_init(struct sk_buff *skb)
{
	skb->users = 1;
	skb->mac_header = SKB_HDR_UNSET;
	skb->network_header = SKB_HDR_UNSET;
	skb->transport_header = SKB_HDR_UNSET;
	skb->protocol = 0;
	skb->priority = 0;
	skb->mark = 0;
	skb->skb_flags = 0;
	skb->pkt_type = PACKET_HOST;
	memset(&skb->shinfo, 0, sizeof(skb->shinfo));
	memset(skb->cb, 0, sizeof(skb->cb));
	skb->mbuf.ol_flags |= skb_meta_flag;
}
