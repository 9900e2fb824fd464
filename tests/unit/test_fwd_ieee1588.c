/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ieee1588 engine's packet path, frame by frame, over a net_ring port.
 * No virtual device has timesync, so two things are faked, and only these:
 * the engine's setup() (rte_eth_timesync_enable(), which net_ring refuses) is
 * not called, and each frame carries the RX flags a timestamping device sets
 * (RTE_MBUF_F_RX_IEEE1588_PTP, _TMST), which net_ring hands over as they are.
 * The timestamp reads themselves go to the ring port, which has none: the
 * engine says so in testpmd's lines ("registers not valid", the TX one after
 * its 1 ms wait), and those lines are checked too.
 *
 * For every frame: what goes out (an answered SYNC byte for byte: the MAC
 * addresses swapped, every other byte as received, the TX timestamp request
 * flag set), the named drop (not_for_us, bad_header, truncated) of every other
 * frame, the lines printed, the stream's counts, and the pool empty after.
 * The frames: PTP v2 SYNC messages (802.1AS's too, and one whose PTP header
 * is split across two segments), other PTP messages and versions, PTP cut
 * short, frames too short for Ethernet, IPv4, and IPv6 of the kinds the
 * golden tests feed every engine (test_ipv6.h), each with and without the
 * PTP flags a device could set on it by mistake (PTP over UDP/IPv6 among
 * them: the engine answers layer-2 PTP only, as testpmd's).
 */

#include <stdio.h>
#include <string.h>

#include "engine.h"
#include "test_capture.h"
#include "test_frame.h"
#include "test_ipv6.h"
#include "test_pool.h"
#include "test_ring_port.h"

extern const struct fwd_engine ieee1588_engine;

#define POOL_N 64
#define HEADROOM 128u
#define PTP_FLAGS (RTE_MBUF_F_RX_IEEE1588_PTP | RTE_MBUF_F_RX_IEEE1588_TMST)
#define SYNC_LEN (14u + 44u)     /* Ethernet and a SYNC message (IEEE 1588-2008, 13.6) */

static struct rte_mempool *pool;
static struct rte_ring *ring_rx, *ring_tx;
static uint16_t ring_port;

static const uint8_t dst_mac[6] = { 0x01, 0x1b, 0x19, 0x00, 0x00, 0x00 };  /* PTP's */
static const uint8_t src_mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x0b };

static int
setup(void)
{
	if (test_pool_setup(&pool, "ptp_pool", POOL_N, RTE_MBUF_DEFAULT_BUF_SIZE) != TEST_SUCCESS)
		return TEST_FAILED;
	return test_ring_port("ptp", pool, &ring_rx, &ring_tx, &ring_port);
}

/* The Ethernet header of the frames sent to the engine (@vlan: tagged); its length. */
static unsigned int
put_eth(uint8_t *f, uint16_t type, bool vlan)
{
	return test_put_eth(f, dst_mac, src_mac, type, vlan);
}

/*
 * A PTP message behind Ethernet at @f: @type with transportSpecific @ts (the
 * first byte), PTP version @version, the header's fields filled and, for a
 * SYNC, the origin timestamp.  @return the frame's length, SYNC_LEN.
 */
static unsigned int
ptp_frame(uint8_t *f, uint8_t ts, uint8_t type, uint8_t version)
{
	uint8_t *p = f + put_eth(f, RTE_ETHER_TYPE_1588, false);
	unsigned int i;

	memset(p, 0, 44);
	p[0] = (uint8_t)(ts << 4 | type);
	p[1] = version;
	p[3] = 44;                                /* messageLength */
	p[6] = 0x02;                              /* flags: twoStepFlag */
	for (i = 0; i < 8; i++)                   /* sourcePortIdentity: clock id, port 1 */
		p[20 + i] = (uint8_t)(0xa0 + i);
	p[29] = 1;
	p[30] = 0x12;                             /* sequenceId 0x1234 */
	p[31] = 0x34;
	p[33] = 0x7f;                             /* logMessageInterval */
	for (i = 0; i < 10; i++)                  /* originTimestamp */
		p[34 + i] = (uint8_t)(i * 17 + 1);
	return SYNC_LEN;
}

/* A UDP/IPv4 frame 10.0.0.1 -> 10.0.0.2 with 18 bytes of payload, checksums right; its length. */
static unsigned int
v4_frame(uint8_t *f)
{
	uint8_t *ip = f + put_eth(f, RTE_ETHER_TYPE_IPV4, false), *u = ip + 20;
	uint16_t sum;
	unsigned int i;

	memset(ip, 0, 46);
	ip[0] = 0x45;
	ip[3] = 46;
	ip[8] = 64;
	ip[9] = IPPROTO_UDP;
	ip[12] = ip[16] = 10;
	ip[15] = 1;
	ip[19] = 2;
	sum = (uint16_t)~ref_sum(ip, 20);
	ip[10] = (uint8_t)(sum >> 8);
	ip[11] = (uint8_t)sum;
	u[1] = 7;                                 /* 7 -> 9, no UDP checksum (IPv4 allows it) */
	u[3] = 9;
	u[5] = 26;
	for (i = 0; i < 18; i++)
		u[8 + i] = (uint8_t)(0x40 + i);
	return 14 + 46;
}

/*
 * One call of the engine's packet_fwd() on a fresh stream, with the frame of
 * @len bytes at @f in the RX ring carrying @flags (its first @split bytes in
 * the head when @split is not 0), and what it prints in @lines.  The stream's
 * counts in *@fs; the skb sent, if any, in *@out.
 * @return TEST_SUCCESS, or TEST_FAILED when the frame cannot be made or queued.
 */
static int
run(const uint8_t *f, unsigned int len, unsigned int split, uint64_t flags,
    struct fwd_stream *fs, struct sk_buff **out, char *lines, size_t size)
{
	struct sk_buff *skb = test_skb_of(pool, HEADROOM, f, len, split);
	struct test_capture cap;
	int ret = TEST_FAILED;
	void *obj;

	*out = NULL;
	lines[0] = '\0';
	TEST_ASSERT(skb != NULL, "a frame of %u bytes", len);
	skb_to_mbuf(skb)->ol_flags |= flags;
	TEST_ASSERT(rte_ring_enqueue(ring_rx, skb_to_mbuf(skb)) == 0, "RX ring has room");
	skb = NULL;
	memset(fs, 0, sizeof(*fs));
	fs->rx_port = fs->tx_port = ring_port;
	TEST_ASSERT(ieee1588_engine.stream_init(fs) == 0, "stream set-up");
	TEST_ASSERT_EQ(fs->burst, 1);
	TEST_ASSERT(test_capture_begin(&cap) == 0, "stdout captured");
	ieee1588_engine.packet_fwd(fs);
	test_capture_end(&cap, lines, size);
	TEST_ASSERT_EQ(rte_ring_count(ring_rx), 0);
	if (rte_ring_dequeue(ring_tx, &obj) == 0)
		*out = __skb_from_mbuf(obj);
	TEST_ASSERT_EQ(rte_ring_count(ring_tx), 0);
	ret = TEST_SUCCESS;
fail:
	kfree_skb(skb);
	return ret;
}

/* The lines of an answered SYNC on the ring port, which has no timestamp registers. */
static void
sync_lines(char *buf, size_t size)
{
	snprintf(buf, size,
		 "Port %u IEEE1588 PTP V2 SYNC Message filtered by hardware\n"
		 "Port %u RX timestamp registers not valid\n"
		 "Port %u TX timestamp registers not valid after 1000 micro-seconds\n",
		 ring_port, ring_port, ring_port);
}

/*
 * The SYNC frame @f of @len bytes (its first @split in the head) is answered:
 * one frame out of the port it came in on, the same length, destination and
 * source MAC swapped, every other byte as sent, the TX timestamp asked for,
 * and the engine's three lines.
 */
static int
answered(const uint8_t *f, unsigned int len, unsigned int split)
{
	struct sk_buff *out = NULL;
	struct fwd_stream fs;
	char lines[1024], want[512];
	uint8_t got[256];
	int ret = TEST_FAILED;
	unsigned int r;

	TEST_ASSERT_EQ(run(f, len, split, PTP_FLAGS, &fs, &out, lines, sizeof(lines)),
		       TEST_SUCCESS);
	TEST_ASSERT(out != NULL, "nothing sent");
	TEST_ASSERT_EQ(skb_len(out), len);
	TEST_ASSERT(skb_copy_bits(out, 0, got, len) == 0, "bytes of the answer");
	TEST_ASSERT(memcmp(got, src_mac, 6) == 0, "destination MAC := the source");
	TEST_ASSERT(memcmp(got + 6, dst_mac, 6) == 0, "source MAC := the destination");
	TEST_ASSERT(memcmp(got + 12, f + 12, len - 12) == 0, "bytes after the MACs as sent");
	TEST_ASSERT(skb_to_mbuf(out)->ol_flags & RTE_MBUF_F_TX_IEEE1588_TMST,
		    "TX timestamp asked for");
	sync_lines(want, sizeof(want));
	TEST_ASSERT(strcmp(lines, want) == 0, "lines:\n%s", lines);
	TEST_ASSERT_EQ(fs.rx_packets, 1);
	TEST_ASSERT_EQ(fs.rx_bytes, len);
	TEST_ASSERT_EQ(fs.tx_packets, 1);
	TEST_ASSERT_EQ(fs.tx_bytes, len);
	for (r = 0; r < FWD_DROP_MAX; r++)
		TEST_ASSERT_EQ(fs.drops[r], 0);
	ret = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(pool, ret, out);
}

/*
 * The frame @f of @len bytes with RX @flags is dropped for @reason, nothing
 * sent, and the engine prints @want_fmt (a format given the port number as
 * its argument 1 and the frame's length as its argument 2; NULL: nothing).
 */
static int
dropped(const uint8_t *f, unsigned int len, uint64_t flags, enum fwd_drop reason,
	const char *want_fmt)
{
	struct sk_buff *out = NULL;
	struct fwd_stream fs;
	char lines[1024], want[512] = "";
	int ret = TEST_FAILED;
	unsigned int r;

	TEST_ASSERT_EQ(run(f, len, 0, flags, &fs, &out, lines, sizeof(lines)), TEST_SUCCESS);
	TEST_ASSERT(out == NULL, "a frame was sent");
	if (want_fmt != NULL)
		snprintf(want, sizeof(want), want_fmt, ring_port, len);
	TEST_ASSERT(strcmp(lines, want) == 0, "lines:\n%s\nwanted:\n%s", lines, want);
	TEST_ASSERT_EQ(fs.rx_packets, 1);
	TEST_ASSERT_EQ(fs.rx_bytes, len);
	TEST_ASSERT_EQ(fs.tx_packets, 0);
	for (r = 0; r < FWD_DROP_MAX; r++)
		TEST_ASSERT_EQ(fs.drops[r], r == (unsigned int)reason);
	ret = TEST_SUCCESS;
fail:
	return TEST_FREE_RESULT(pool, ret, out);
}

/* A PTP v2 SYNC with both RX flags: answered, in one segment and with its PTP header split. */
static int
test_sync_answered(void)
{
	uint8_t f[SYNC_LEN];
	unsigned int len = ptp_frame(f, 0, 0x0, 0x02);

	if (answered(f, len, 0) != TEST_SUCCESS)
		return TEST_FAILED;
	/* the PTP header across two segments: pulled into the head first */
	if (answered(f, len, 14 + 10) != TEST_SUCCESS)
		return TEST_FAILED;
	/* the Ethernet header itself cut after the source MAC */
	return answered(f, len, 12);
}

/* 802.1AS's SYNC (transportSpecific 1, minor version 1 in the high nibble): answered too. */
static int
test_sync_8021as(void)
{
	uint8_t f[SYNC_LEN];
	unsigned int len = ptp_frame(f, 1, 0x0, 0x12);

	return answered(f, len, 0);
}

/* Other PTP frames: each dropped for its reason with testpmd's line. */
static int
test_ptp_dropped(void)
{
	uint8_t f[SYNC_LEN];
	unsigned int len;

	len = ptp_frame(f, 0, 0x0, 0x02);
	/* the device did not recognise it */
	if (dropped(f, len, 0, FWD_DROP_NOT_FOR_US,
		    "Port %1$u Received PTP packet not filtered by hardware\n") != TEST_SUCCESS)
		return TEST_FAILED;
	/* recognised, not timestamped */
	if (dropped(f, len, RTE_MBUF_F_RX_IEEE1588_PTP, FWD_DROP_NOT_FOR_US,
		    "Port %1$u IEEE1588 PTP V2 SYNC Message filtered by hardware\n"
		    "Port %1$u Received PTP packet not timestamped by hardware\n") != TEST_SUCCESS)
		return TEST_FAILED;
	/* the PTP header cut short: 33 of its 34 bytes */
	if (dropped(f, 14 + 33, PTP_FLAGS, FWD_DROP_TRUNCATED, NULL) != TEST_SUCCESS)
		return TEST_FAILED;
	/* PTP version 1 */
	len = ptp_frame(f, 0, 0x0, 0x01);
	if (dropped(f, len, PTP_FLAGS, FWD_DROP_BAD_HEADER,
		    "Port %1$u Received PTP V2 Ethernet frame with wrong PTP protocol version 0x1 "
		    "(should be 0x02)\n") != TEST_SUCCESS)
		return TEST_FAILED;
	/* a Follow_Up message (type 8) */
	len = ptp_frame(f, 0, 0x8, 0x02);
	if (dropped(f, len, PTP_FLAGS, FWD_DROP_NOT_FOR_US,
		    "Port %1$u Received PTP V2 Ethernet frame with unexpected message ID 0x8 "
		    "(expected 0x0 - PTP_SYNC_MESSAGE)\n") != TEST_SUCCESS)
		return TEST_FAILED;
	/* a Delay_Req of 802.1AS: the whole byte printed, the type read from its low nibble */
	len = ptp_frame(f, 1, 0x1, 0x02);
	return dropped(f, len, PTP_FLAGS, FWD_DROP_NOT_FOR_US,
		       "Port %1$u Received PTP V2 Ethernet frame with unexpected message ID 0x11 "
		       "(expected 0x0 - PTP_SYNC_MESSAGE)\n");
}

/* Frames too short for an Ethernet header: truncated, silently, with the flags or without. */
static int
test_truncated(void)
{
	uint8_t f[SYNC_LEN];

	ptp_frame(f, 0, 0x0, 0x02);
	if (dropped(f, 13, PTP_FLAGS, FWD_DROP_TRUNCATED, NULL) != TEST_SUCCESS)
		return TEST_FAILED;
	return dropped(f, 1, 0, FWD_DROP_TRUNCATED, NULL);
}

/* An IPv4 frame: not_for_us, as a non-PTP frame and as one the device took for PTP. */
static int
test_ipv4(void)
{
	uint8_t f[64];
	unsigned int len = v4_frame(f);

	if (dropped(f, len, 0, FWD_DROP_NOT_FOR_US,
		    "Port %1$u Received non PTP packet type=0x 800 len=%2$u\n") != TEST_SUCCESS)
		return TEST_FAILED;
	return dropped(f, len, PTP_FLAGS, FWD_DROP_NOT_FOR_US,
		       "Port %1$u Received NON PTP packet incorrectly detected by hardware\n");
}

/*
 * Every IPv6 kind, well-formed and hostile: not_for_us with the EtherType and
 * length in the line (0x8100 behind the tag), and the same with the PTP
 * flags on; the first 13 bytes of each: truncated.
 */
static int
test_ipv6(void)
{
	uint8_t f[256];
	unsigned int i;

	for (i = 0; i < RTE_DIM(test_ipv6_kinds); i++) {
		const struct test_ipv6_kind *k = &test_ipv6_kinds[i];
		unsigned int len = test_ipv6_frame(f, dst_mac, src_mac, k);

		printf("# %s: %u bytes\n", k->name, len);
		if (dropped(f, len, 0, FWD_DROP_NOT_FOR_US,
			    k->vlan ? "Port %1$u Received non PTP packet type=0x8100 len=%2$u\n" :
				      "Port %1$u Received non PTP packet type=0x86dd len=%2$u\n")
		    != TEST_SUCCESS)
			return TEST_FAILED;
		if (dropped(f, len, PTP_FLAGS, FWD_DROP_NOT_FOR_US,
			    "Port %1$u Received NON PTP packet incorrectly detected by hardware\n")
		    != TEST_SUCCESS)
			return TEST_FAILED;
		if (dropped(f, 13, PTP_FLAGS, FWD_DROP_TRUNCATED, NULL) != TEST_SUCCESS)
			return TEST_FAILED;
	}
	return TEST_SUCCESS;
}

static const struct unit_test tests[] = {
	UNIT_SETUP(setup),
	UNIT_TEST(test_sync_answered),
	UNIT_TEST(test_sync_8021as),
	UNIT_TEST(test_ptp_dropped),
	UNIT_TEST(test_truncated),
	UNIT_TEST(test_ipv4),
	UNIT_TEST(test_ipv6),
};

UNIT_TEST_MAIN(tests)
