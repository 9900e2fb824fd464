/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ieee1588 engine: testpmd's IEEE 1588 (PTP) timestamp check.  It needs ports
 * whose device timestamps PTP frames: at start rte_eth_timesync_enable() must
 * succeed on every forwarding port, else skbfwd stops with one line naming the
 * port.  Then, one frame per call as testpmd takes them: a PTP v2 SYNC message
 * the device recognised (RTE_MBUF_F_RX_IEEE1588_PTP) and timestamped
 * (RTE_MBUF_F_RX_IEEE1588_TMST) has its RX timestamp read, its MAC addresses
 * swapped, and goes back out of the port it came in on with a TX timestamp
 * asked for (RTE_MBUF_F_TX_IEEE1588_TMST), which is read back within 1 ms.
 * Each step prints testpmd's line.  Any other frame is dropped with testpmd's
 * line saying why (not_for_us; bad_header for another PTP version; truncated
 * for a PTP header cut short).  The message type and version are the low
 * nibbles of their bytes, as IEEE 1588-2008 defines them (testpmd compares
 * whole bytes, so it refuses 802.1AS frames, whose transportSpecific is 1).
 */

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>

#include "runtime.h"
#include "engine.h"

#define PTP_HDR_LEN 34               /* the common header of every PTP message */
#define PTP_SYNC_MESSAGE 0x0
#define PTP_VERSION 0x2
#define TX_TMST_WAIT_US 1000         /* how long a TX timestamp may take */

/* Ports whose timesync setup() enabled, to disable them again. */
static bool ieee1588_enabled[RTE_MAX_ETHPORTS];

static void
ieee1588_rx_timestamp(uint16_t port, uint32_t index)
{
	struct timespec ts = { 0, 0 };

	if (rte_eth_timesync_read_rx_timestamp(port, &ts, index) < 0) {
		printf("Port %u RX timestamp registers not valid\n", port);
		return;
	}
	printf("Port %u RX timestamp value %lu s %lu ns\n", port, (unsigned long)ts.tv_sec,
	       (unsigned long)ts.tv_nsec);
}

static void
ieee1588_tx_timestamp(uint16_t port)
{
	struct timespec ts = { 0, 0 };
	unsigned int us = 0;

	while (rte_eth_timesync_read_tx_timestamp(port, &ts) < 0 && us < TX_TMST_WAIT_US) {
		rte_delay_us(1);
		us++;
	}
	if (us >= TX_TMST_WAIT_US) {
		printf("Port %u TX timestamp registers not valid after %u micro-seconds\n",
		       port, TX_TMST_WAIT_US);
		return;
	}
	printf("Port %u TX timestamp value %lu s %lu ns validated after %u micro-second%s\n",
	       port, (unsigned long)ts.tv_sec, (unsigned long)ts.tv_nsec, us, us == 1 ? "" : "s");
}

/* The reason to drop @skb for, after testpmd's line; -1 for a SYNC message to answer. */
static int
ieee1588_check(struct fwd_stream *fs, struct sk_buff *skb)
{
	const struct rte_mbuf *m = skb_to_mbuf(skb);
	const uint8_t *ptp;
	uint16_t type;

	if (unlikely(!pskb_may_pull(skb, RTE_ETHER_HDR_LEN)))
		return FWD_DROP_TRUNCATED;
	type = rte_be_to_cpu_16(((const struct rte_ether_hdr *)skb_data(skb))->ether_type);
	if (!(m->ol_flags & RTE_MBUF_F_RX_IEEE1588_PTP)) {
		if (type == RTE_ETHER_TYPE_1588)
			printf("Port %u Received PTP packet not filtered by hardware\n",
			       fs->rx_port);
		else
			printf("Port %u Received non PTP packet type=0x%4x len=%u\n",
			       fs->rx_port, type, m->pkt_len);
		return FWD_DROP_NOT_FOR_US;
	}
	if (type != RTE_ETHER_TYPE_1588) {
		printf("Port %u Received NON PTP packet incorrectly detected by hardware\n",
		       fs->rx_port);
		return FWD_DROP_NOT_FOR_US;
	}
	if (unlikely(!pskb_may_pull(skb, RTE_ETHER_HDR_LEN + PTP_HDR_LEN)))
		return FWD_DROP_TRUNCATED;
	ptp = skb_data(skb) + RTE_ETHER_HDR_LEN;
	if ((ptp[1] & 0x0f) != PTP_VERSION) {
		printf("Port %u Received PTP V2 Ethernet frame with wrong PTP protocol version 0x%x (should be 0x02)\n",
		       fs->rx_port, ptp[1]);
		return FWD_DROP_BAD_HEADER;
	}
	if ((ptp[0] & 0x0f) != PTP_SYNC_MESSAGE) {
		printf("Port %u Received PTP V2 Ethernet frame with unexpected message ID 0x%x (expected 0x0 - PTP_SYNC_MESSAGE)\n",
		       fs->rx_port, ptp[0]);
		return FWD_DROP_NOT_FOR_US;
	}
	printf("Port %u IEEE1588 PTP V2 SYNC Message filtered by hardware\n", fs->rx_port);
	if (!(m->ol_flags & RTE_MBUF_F_RX_IEEE1588_TMST)) {
		printf("Port %u Received PTP packet not timestamped by hardware\n", fs->rx_port);
		return FWD_DROP_NOT_FOR_US;
	}
	return -1;
}

static void
ieee1588_fwd(struct fwd_stream *fs)
{
	struct sk_buff *skb;
	struct rte_ether_hdr *eth;
	struct rte_ether_addr tmp;
	uint64_t sent;
	int reason;

	/* one frame a call: the device keeps one RX and one TX timestamp at a time */
	if (fwd_rx(fs, &skb) == 0)
		return;
	reason = ieee1588_check(fs, skb);
	if (reason >= 0) {
		fwd_drop(fs, skb, (enum fwd_drop)reason);
		return;
	}
	/* the register index, for the devices that keep several (i40e) */
	ieee1588_rx_timestamp(fs->rx_port, skb_to_mbuf(skb)->timesync & 0x3);
	eth = (struct rte_ether_hdr *)skb_data(skb);
	tmp = eth->dst_addr;
	eth->dst_addr = eth->src_addr;
	eth->src_addr = tmp;
	skb_to_mbuf(skb)->ol_flags |= RTE_MBUF_F_TX_IEEE1588_TMST;
	sent = fs->tx_packets;
	fwd_tx_to(fs, fs->rx_port, fwd_tx_queue_any(fs), &skb, 1);
	if (fs->tx_packets == sent) {
		printf("Port %u sent PTP packet dropped\n", fs->rx_port);
		return;
	}
	ieee1588_tx_timestamp(fs->rx_port);
}

static int
ieee1588_stream_init(struct fwd_stream *fs)
{
	fs->burst = 1;
	return 0;
}

static void
ieee1588_teardown(void)
{
	uint16_t p;

	for (p = 0; p < RTE_MAX_ETHPORTS; p++)
		if (ieee1588_enabled[p]) {
			rte_eth_timesync_disable(p);
			ieee1588_enabled[p] = false;
		}
}

static int
ieee1588_setup(void)
{
	unsigned int i;
	int ret;

	for (i = 0; i < nb_fwd_ports; i++) {
		uint16_t p = fwd_ports[i];

		ret = rte_eth_timesync_enable(p);
		if (ret < 0) {
			fprintf(stderr, "skbfwd: ieee1588: port %u has no IEEE 1588 timesync "
				"(rte_eth_timesync_enable: %s): use a NIC that timestamps PTP frames\n",
				p, strerror(-ret));
			ieee1588_teardown();
			return -EINVAL;
		}
		ieee1588_enabled[p] = true;
	}
	return 0;
}

const struct fwd_engine ieee1588_engine = {
	.name = "ieee1588",
	.setup = ieee1588_setup,
	.stream_init = ieee1588_stream_init,
	.packet_fwd = ieee1588_fwd,
	.teardown = ieee1588_teardown,
	.tx_any_port = true,
};
