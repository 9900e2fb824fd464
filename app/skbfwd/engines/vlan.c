/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vlan engine: takes the outermost 802.1Q/802.1ad tag off every frame
 * (--vlan-pop) and/or puts an 802.1Q tag with TCI --vlan-push=TCI in front
 * of what is there, and sends the frame on.  With both, the outer tag is
 * replaced; with neither, frames go on unchanged.
 *
 * It is written the way a kernel receive path is: eth_type_trans() takes
 * the frame in (mac header, pkt_type, protocol), skb_push() goes back to
 * the mac header as act_vlan does before editing the tag, skb_vlan_pop()
 * and skb_vlan_push() edit the frame, and every drop is a
 * kfree_skb_reason() (through fwd_drop(), which also counts it in the
 * stream): truncated (shorter than an Ethernet header), no_mbuf (a tag
 * that could not be made writable), no_headroom (no room for a tag).
 */

#include <stdio.h>
#include <string.h>

#include "parse.h"
#include "pkt.h"

static bool vlan_pop;          /* --vlan-pop */
static bool vlan_push;         /* --vlan-push given */
static uint16_t vlan_push_tci; /* its TCI, host order */

/* One frame; PKT_OK or the enum fwd_drop to drop it under. */
static inline int
vlan_one(struct fwd_stream *fs, struct sk_buff *skb)
{
	skb->protocol = eth_type_trans(skb, fs->rx_port);
	if (unlikely(skb->protocol == 0))
		return FWD_DROP_TRUNCATED;
	/* back to the mac header: the tag calls edit the frame from there */
	__skb_push(skb, ETH_HLEN);
	if (vlan_pop && unlikely(skb_vlan_pop(skb) != 0))
		return FWD_DROP_NO_MBUF;
	if (vlan_push &&
	    unlikely(skb_vlan_push(skb, RTE_BE16(ETH_P_8021Q), vlan_push_tci) != 0))
		return FWD_DROP_NO_HEADROOM;
	return PKT_OK;
}

static void
vlan_fwd(struct fwd_stream *fs)
{
	struct sk_buff *skbs[MAX_PKT_BURST];
	uint16_t n = fwd_rx(fs, skbs);

	if (unlikely(n == 0))
		return;
	fwd_tx(fs, skbs, pkt_filter_burst(fs, skbs, n, vlan_one));
}

FWD_LCORE_LOOP(vlan_fwd)

static int
vlan_parse_option(const char *name, const char *arg)
{
	unsigned long tci;

	if (strcmp(name, "vlan-pop") == 0) {
		/* without a value: arg NULL, or "off" from the console's set */
		vlan_pop = arg == NULL;
		return 0;
	}
	if (strcmp(name, "vlan-push") != 0)
		return -EINVAL;
	if (strcmp(arg, "off") == 0) {
		vlan_push = false;
		return 0;
	}
	if (skbfwd_parse_uint("vlan-push", arg, 0, UINT16_MAX, &tci) < 0)
		return -EINVAL;
	vlan_push = true;
	vlan_push_tci = (uint16_t)tci;
	return 0;
}

static const struct option vlan_longopts[] = {
	{ "vlan-push", required_argument, NULL, 0 },
	{ "vlan-pop", no_argument, NULL, 0 },
	{ NULL, 0, NULL, 0 },
};

static const struct fwd_options vlan_options = {
	.longopts = vlan_longopts,
	.parse = vlan_parse_option,
	.off = true,
	.usage =
	"  --vlan-push=TCI         vlan: push an 802.1Q tag with TCI (0..65535: PCP, DEI, VID)\n"
	"                          in front of every frame (off: stop)\n"
	"  --vlan-pop              vlan: take the outermost 802.1Q/802.1ad tag off (first,\n"
	"                          with --vlan-push: the tag is replaced)\n",
};

const struct fwd_engine vlan_engine = {
	.name = "vlan",
	.packet_fwd = vlan_fwd,
	.lcore_loop = vlan_fwd_lcore_loop,
	.options = FWD_OPTIONS(&vlan_options),
};
