/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libskb for Ethernet code: padding to a length, eth_type_trans(), and VLAN
 * tags pushed into and popped out of the frame, with Linux's contracts
 * (net/core/skbuff.c, net/ethernet/eth.c, include/linux/if_vlan.h).
 */

#include "skb_internal.h"

/* ---------------------------------------------------------------- padding */

int
skb_pad(struct sk_buff *skb, int pad)
{
	struct rte_mbuf *m = &skb->mbuf;
	unsigned char *tail;
	int64_t ntail;
	int err;

	SKB_DEBUG_ENTRY(skb, -EINVAL);
	if (unlikely(pad < 0)) {
		err = -EINVAL;
		goto free;
	}
	/* skb_tailroom() is 0 with frags: the zeros must follow the data in one buffer */
	if (likely(!skb_cloned(skb) && skb_tailroom(skb) >= pad))
		goto zero;
	ntail = (int64_t)skb_data_len(skb) + pad - rte_pktmbuf_tailroom(m);
	if (unlikely(ntail > UINT16_MAX)) {
		err = -ENOMEM;
		goto free;
	}
	if (skb_cloned(skb) || ntail > 0) {
		err = pskb_expand_head(skb, 0, ntail > 0 ? (int)ntail : 0);
		if (unlikely(err != 0))
			goto free;
	}
	err = skb_linearize(skb);
	if (unlikely(err != 0))
		goto free;
zero:
	tail = skb_tail_pointer(skb);
	skb_asan_unpoison(tail, (size_t)pad);
	memset(tail, 0, (size_t)pad);
	SKB_ASAN_HEAD(skb);
	return 0;
free:
	kfree_skb(skb);
	return err;
}

/* ---------------------------------------------------------------- Ethernet */

/*
 * The protocol of a frame whose EtherType/length field is @type (network
 * order) and whose payload starts @off bytes into the data, as Linux's
 * eth_type_trans() and vlan_set_encap_proto() give it: the EtherType itself,
 * else raw 802.3 (payload starting 0xffff, Novell's IPX) or 802.2 LLC.
 */
static uint16_t
skb_eth_proto(const struct sk_buff *skb, uint16_t type, int off)
{
	uint16_t sap;

	if (likely(rte_be_to_cpu_16(type) >= ETH_P_802_3_MIN))
		return type;
	if (skb_copy_bits(skb, off, &sap, (int)sizeof(sap)) == 0 && sap == 0xffff)
		return rte_cpu_to_be_16(ETH_P_802_3);
	return rte_cpu_to_be_16(ETH_P_802_2);
}

uint16_t
eth_type_trans(struct sk_buff *skb, uint16_t port_id)
{
	const struct rte_ether_hdr *eth;
	uint64_t own;
	uint16_t type;

	SKB_DEBUG_ENTRY(skb, 0);
	if (unlikely(!pskb_may_pull(skb, ETH_HLEN))) {
		skb_misuse_record(SKB_MISUSE_PULL, __func__, skb);
		return 0;
	}
	skb_reset_mac_header(skb);
	skb->mbuf.port = port_id;
	eth = (const struct rte_ether_hdr *)skb_data(skb);
	if (unlikely(rte_is_multicast_ether_addr(&eth->dst_addr)))
		skb->pkt_type = rte_is_broadcast_ether_addr(&eth->dst_addr) ?
				PACKET_BROADCAST : PACKET_MULTICAST;
	else {
		own = skb_port_mac(port_id);
		skb->pkt_type = own != 0 && (own & ~SKB_PORT_MAC_SET) == skb_mac_word(&eth->dst_addr) ?
				PACKET_HOST : PACKET_OTHERHOST;
	}
	type = eth->ether_type;
	__skb_pull(skb, ETH_HLEN);
	return skb_eth_proto(skb, type, 0);
}

/* ---------------------------------------------------------------- VLAN */

/* True when @type (network order) is a VLAN tag's protocol. */
static inline bool
skb_eth_type_vlan(uint16_t type)
{
	return type == rte_cpu_to_be_16(ETH_P_8021Q) || type == rte_cpu_to_be_16(ETH_P_8021AD);
}

/* True when the mac header of @skb is set and at its data (Linux's __skb_vlan_pop rule). */
static inline bool
skb_mac_at_data(const struct sk_buff *skb)
{
	return skb_mac_header_was_set(skb) && skb_mac_offset(skb) == 0;
}

int
skb_vlan_push(struct sk_buff *skb, uint16_t vlan_proto, uint16_t vlan_tci)
{
	uint16_t tci = rte_cpu_to_be_16(vlan_tci);
	unsigned char *p;
	int err;

	SKB_DEBUG_ENTRY(skb, -EINVAL);
	if (!skb_mac_at_data(skb) || skb_len(skb) < 2 * ETH_ALEN)
		return -EINVAL;
	if (!pskb_may_pull(skb, 2 * ETH_ALEN))
		return -ENOMEM;
	err = skb_cow_head(skb, VLAN_HLEN);
	if (unlikely(err != 0))
		return err;
	p = __skb_push(skb, VLAN_HLEN);
	memmove(p, p + VLAN_HLEN, 2 * ETH_ALEN);
	/* the TPID where the EtherType was; the old EtherType follows the TCI */
	memcpy(p + 2 * ETH_ALEN, &vlan_proto, sizeof(vlan_proto));
	memcpy(p + 2 * ETH_ALEN + ETH_TLEN, &tci, sizeof(tci));
	skb_reset_mac_header(skb);
	skb->protocol = vlan_proto;
	return 0;
}

int
skb_vlan_pop(struct sk_buff *skb)
{
	uint16_t type;
	unsigned char *p;
	int err;

	SKB_DEBUG_ENTRY(skb, -EINVAL);
	if (!skb_mac_at_data(skb))
		return -EINVAL;
	if (skb_len(skb) < VLAN_ETH_HLEN ||
	    skb_copy_bits(skb, 2 * ETH_ALEN, &type, (int)sizeof(type)) != 0 ||
	    !skb_eth_type_vlan(type))
		return 0;
	err = skb_ensure_writable(skb, VLAN_ETH_HLEN);
	if (unlikely(err != 0))
		return err;
	p = skb_data(skb);
	memcpy(&type, p + VLAN_ETH_HLEN - ETH_TLEN, sizeof(type));
	memmove(p + VLAN_HLEN, p, 2 * ETH_ALEN);
	__skb_pull(skb, VLAN_HLEN);
	skb_reset_mac_header(skb);
	if (skb_network_header_was_set(skb) && skb_network_offset(skb) < ETH_HLEN)
		skb_set_network_header(skb, ETH_HLEN);
	skb->protocol = skb_eth_proto(skb, type, ETH_HLEN);
	return 0;
}
