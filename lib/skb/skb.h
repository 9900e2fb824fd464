/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libskb: the Linux sk_buff API over rte_mbuf mempools.
 *
 * An sk_buff *is* its rte_mbuf: struct sk_buff starts with the mbuf and the rest
 * of it lives in the mbuf private area, so skb_to_mbuf()/skb_from_mbuf() are casts
 * and alloc_skb() is one mempool get.  Pools come from skb_pool_create(), which
 * sizes the private area; mbufs of other pools are not skbs.
 *
 *   buf_addr (head)                                              buf_addr + buf_len (end)
 *   |<--------- headroom -------->|<------ headlen ------>|<------ tailroom ------->|
 *   +-----------------------------+------------------------+-------------------------+
 *   |                             | linear data (segment 0)|                         |
 *   +-----------------------------+------------------------+-------------------------+
 *   head                          data = head + data_off   tail = data + data_len
 *                                          |
 *                                          +--> mbuf->next: frags (chained segments)
 *
 *   skb_len()      = pkt_len             (Linux skb->len)
 *   skb_headlen()  = data_len of seg 0   (Linux skb_headlen)
 *   skb_data_len() = skb_len - headlen   (Linux skb->data_len: bytes in frags)
 *   mac/network/transport header offsets count from head, as in Linux, so
 *   skb_pull() does not move them.
 *
 * Error rule (one for the whole library):
 *  - int functions return 0 or a negative errno (-ENOMEM, -EINVAL, -EOVERFLOW, ...);
 *  - pointer functions return NULL and leave the skb exactly as it was; where Linux
 *    would panic (skb_over_panic, skb_under_panic) the call returns NULL and the
 *    misuse is counted (skb_misuse_count());
 *  - burst functions return the number handled; predicates return bool.
 *
 * Names: a leading "__" means one thing only, the unchecked or unlocked twin of
 * the call without it (__skb_put of skb_put, __skb_queue_tail of
 * skb_queue_tail): the caller guarantees the bound or holds the lock.  Slow
 * paths of the inline calls are public calls of their own (skb_cow_head()
 * calls pskb_expand_head(), pskb_may_pull() calls __pskb_pull_tail()).
 *
 * Headers: skb.h is the buffer API.  skb_gso.h (segmentation and GRO),
 * skb_csum.h (Internet checksums) and skb_parse.h (the bounded Ethernet / VLAN /
 * IPv4 / IPv6 / UDP / TCP parser) each include what they need and can be included
 * alone; skb_check.h holds the hooks the inline calls use in checking builds.
 *
 * Metadata validity: every public call that hands out an skb (allocation,
 * skb_rx_burst(), skb_from_mbuf(), clones and copies, GSO segments) hands out
 * one whose fields are valid, as Linux's.  Underneath, an mbuf fresh from a PMD
 * or from rte_pktmbuf_alloc() has a stale private area, and a dynamic mbuf flag
 * in ol_flags (which every PMD rewrites on RX and rte_pktmbuf_reset() clears)
 * says whether the fields (users, header offsets, cb, protocol, ...) are valid.
 * The bare casts __skb_rx_burst() and __skb_from_mbuf() leave the flag as it
 * is, for burst paths that only move packets and never touch the private
 * area's cache lines: on such an skb every accessor call is right (the first
 * one that needs the fields initialises them as alloc_skb() would), but a plain
 * field (cb, protocol, priority, mark, ...) is valid only after
 * skb_meta_prepare().  DPDK calls that copy ol_flags into another mbuf
 * (rte_pktmbuf_clone, rte_pktmbuf_copy) carry the flag over to a private area
 * that was not copied: call skb_meta_init() on such an mbuf before using it as
 * an skb (a never-used private area already reads as a fresh skb, so freeing
 * it is safe either way).
 */
#ifndef _SKB_H_
#define _SKB_H_

#include <assert.h>
#include <errno.h>
#include <stdalign.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/uio.h>

#include <rte_branch_prediction.h>
#include <rte_common.h>
#include <rte_ethdev.h>
#include <rte_ether.h>
#include <rte_icmp.h>
#include <rte_ip.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>
#include <rte_spinlock.h>
#include <rte_tcp.h>
#include <rte_udp.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Headroom netdev_alloc_skb() reserves: what DPDK PMDs leave in front of RX data. */
#define NET_SKB_PAD RTE_PKTMBUF_HEADROOM
/** Extra headroom netdev_alloc_skb_ip_align() adds so the IP header is 4-byte aligned. */
#define NET_IP_ALIGN 2
/** Most frags (chained segments after the head) an skb may carry, as Linux MAX_SKB_FRAGS. */
#define MAX_SKB_FRAGS 17
/** Header offset value meaning "not set" (Linux uses (typeof(skb->mac_header))~0U). */
#define SKB_HDR_UNSET 0xffff

/** GSO types (skb_shinfo(skb)->gso_type), Linux values. */
#define SKB_GSO_TCPV4 (1u << 0)
#define SKB_GSO_TCPV6 (1u << 4)
#define SKB_GSO_UDP_TUNNEL (1u << 10)
#define SKB_GSO_UDP (1u << 16)

/* Ethernet and VLAN sizes and protocols (Linux's <linux/if_ether.h> names and values) */
#ifndef ETH_ALEN
#define ETH_ALEN 6          /**< bytes of a MAC address */
#endif
#ifndef ETH_TLEN
#define ETH_TLEN 2          /**< bytes of the EtherType */
#endif
#ifndef ETH_HLEN
#define ETH_HLEN 14         /**< bytes of an Ethernet header */
#endif
#ifndef ETH_ZLEN
#define ETH_ZLEN 60         /**< shortest frame without FCS */
#endif
#ifndef VLAN_HLEN
#define VLAN_HLEN 4         /**< bytes of a VLAN tag */
#endif
#ifndef VLAN_ETH_HLEN
#define VLAN_ETH_HLEN 18    /**< bytes of an Ethernet header with one tag */
#endif
#ifndef ETH_P_802_3_MIN
#define ETH_P_802_3_MIN 0x0600 /**< smallest EtherType; below it the field is a length */
#endif
#ifndef ETH_P_802_3
#define ETH_P_802_3 0x0001  /**< Novell raw 802.3 (eth_type_trans()) */
#endif
#ifndef ETH_P_802_2
#define ETH_P_802_2 0x0004  /**< 802.2 LLC (eth_type_trans()) */
#endif
#ifndef ETH_P_8021Q
#define ETH_P_8021Q 0x8100  /**< 802.1Q VLAN tag */
#endif
#ifndef ETH_P_8021AD
#define ETH_P_8021AD 0x88A8 /**< 802.1ad service VLAN tag */
#endif

/* skb->pkt_type (Linux's <linux/if_packet.h> values) */
#ifndef PACKET_HOST
#define PACKET_HOST 0       /**< to us */
#endif
#ifndef PACKET_BROADCAST
#define PACKET_BROADCAST 1  /**< to all */
#endif
#ifndef PACKET_MULTICAST
#define PACKET_MULTICAST 2  /**< to a group */
#endif
#ifndef PACKET_OTHERHOST
#define PACKET_OTHERHOST 3  /**< to someone else */
#endif

/** Segmentation state, as Linux's struct skb_shared_info (frags are the mbuf chain). */
struct skb_shared_info {
	uint16_t nr_frags;  /**< refreshed from the chain by skb_shinfo() */
	uint16_t gso_size;  /**< MSS chosen by the transport, 0 when not GSO */
	uint16_t gso_segs;  /**< segments the packet will become */
	uint32_t gso_type;  /**< SKB_GSO_* */
};

/**
 * skb->ip_summed (Linux values): what is known of the packet's checksums.
 *
 * RX: every public call that hands out a received skb (skb_rx_burst(),
 * skb_from_mbuf(), and the lazy initialisation of an skb from
 * __skb_rx_burst()) sets it from the mbuf's RX checksum flags as they are
 * then: CHECKSUM_UNNECESSARY when the device found the L4 checksum good
 * (RTE_MBUF_F_RX_L4_CKSUM_GOOD) and the IP header checksum not bad; otherwise
 * CHECKSUM_NONE, a bad checksum included (the stack verifies and drops, as
 * Linux does).  Allocations start at CHECKSUM_NONE.  libskb never sets
 * CHECKSUM_COMPLETE on RX (DPDK reports no sum of the packet).
 *
 * TX: CHECKSUM_PARTIAL asks whoever transmits to finish the checksum at
 * csum_start + csum_offset, summed from csum_start to the end of the skb,
 * the field holding the pseudo-header sum as Linux leaves it
 * (~csum_tcpudp_magic(saddr, daddr, len, proto, 0)); skb_partial_csum_set()
 * sets it up.  skb_tx_burst() sends bytes as they are: the forwarder's TX
 * turns such an skb into the device's checksum offload request, or calls
 * skb_checksum_help() (skb_csum.h) where the port lacks the offload.
 */
#define CHECKSUM_NONE 0        /**< nothing: the stack verifies (RX) or the checksum is complete (TX) */
#define CHECKSUM_UNNECESSARY 1 /**< RX: the device verified the L4 (and IP) checksum */
#define CHECKSUM_COMPLETE 2    /**< RX: skb->csum holds the sum of the packet from the network header */
#define CHECKSUM_PARTIAL 3     /**< TX: the checksum at csum_start + csum_offset is still to be done */

/**
 * The socket buffer.  @mbuf must stay first: an skb and its mbuf share one address.
 * Everything after it lives in the mbuf private area (see "Metadata validity").
 */
struct sk_buff {
	struct rte_mbuf mbuf;

	/*
	 * The fields of a fresh skb, one block that skb_meta_init() writes (users
	 * 1, header offsets SKB_HDR_UNSET, everything else 0); valid when
	 * skb_meta_flag is set in mbuf.ol_flags.
	 */
	uint32_t users;             /**< holders of this sk_buff (skb_get); not the data refs */
	uint16_t mac_header;        /**< offset from head, SKB_HDR_UNSET when unset */
	uint16_t network_header;
	uint16_t transport_header;
	uint16_t inner_mac_header;  /**< the encapsulated packet's headers (encapsulation 1) */
	uint16_t inner_network_header;
	uint16_t inner_transport_header;
	uint16_t protocol;          /**< L3 protocol, network byte order (ETH_P_* / RTE_ETHER_TYPE_*) */
	uint8_t ip_summed;          /**< CHECKSUM_* */
	uint8_t encapsulation;      /**< 1: a tunnel header leads; the inner_* offsets are set */
	union {
		uint32_t csum;      /**< CHECKSUM_COMPLETE: the sum (not folded), network order words */
		struct {
			uint16_t csum_start;  /**< CHECKSUM_PARTIAL: offset from head where summing starts */
			uint16_t csum_offset; /**< from csum_start to the checksum field */
		};
	};
	uint32_t priority;
	uint32_t mark;
	uint16_t skb_flags;         /**< SKB_FL_* */
	uint8_t pkt_type;           /**< PACKET_HOST (0), ... (eth_type_trans()) */
	uint8_t meta_spare;         /**< unused, 0 */
	struct skb_shared_info shinfo;
	char cb[48] __rte_aligned(8); /**< per-layer scratch, zeroed on allocation */
	/* end of the block skb_meta_init() writes */

	/* queue links (struct sk_buff_head); written by enqueue, meaningful only while queued */
	struct sk_buff *next;
	struct sk_buff *prev;
	/*
	 * Clones share buffers (skb_clone()): each view of this segment's own
	 * buffer attached elsewhere (a clone's segment) holds one reference to
	 * this mbuf and is counted in data_views (atomic; 0 at rest); and while
	 * this segment is itself such a view, data_shinfo is its external
	 * buffer's shinfo, which gives the reference back when DPDK detaches it.
	 */
	uint32_t data_views;
	struct rte_mbuf_ext_shared_info data_shinfo;
} __rte_aligned(RTE_MBUF_PRIV_ALIGN);

/** Bytes of mbuf private area an skb pool gives each mbuf. */
#define SKB_PRIV_SIZE (sizeof(struct sk_buff) - sizeof(struct rte_mbuf))
static_assert(offsetof(struct sk_buff, mbuf) == 0, "the mbuf must start the skb");
static_assert(SKB_PRIV_SIZE % RTE_MBUF_PRIV_ALIGN == 0, "private area must stay aligned");
static_assert(SKB_PRIV_SIZE <= 256, "skb private area grew past four cache lines");
/* skb_meta_init() writes the fields from users to the end of cb as one block */
#define SKB_META_OFF offsetof(struct sk_buff, users)
#define SKB_META_LEN (offsetof(struct sk_buff, next) - SKB_META_OFF)
static_assert(SKB_META_OFF == sizeof(struct rte_mbuf), "the block starts the private area");
static_assert(offsetof(struct sk_buff, protocol) - SKB_META_OFF == 16,
	      "users and the six header offsets make the first 16 bytes");
static_assert(SKB_META_LEN % 32 == 0, "the block is whole 32-byte words");

/**
 * Memory an skb holding @X bytes of buffer really takes, as Linux SKB_TRUESIZE:
 * the buffer plus the sk_buff (mbuf header and private area, where
 * skb_shared_info lives).
 */
#define SKB_TRUESIZE(X) ((unsigned int)(X) + (unsigned int)sizeof(struct sk_buff))

/* skb_flags */
#define SKB_FL_CLONED 0x1u /**< this skb was made by skb_clone() (Linux skb->cloned) */

/** ol_flags bit saying the private area is valid; registered by skb_lib_init(). */
extern uint64_t skb_meta_flag;

/** Misuses counted instead of panicking. */
enum skb_misuse {
	SKB_MISUSE_OVER,     /**< skb_put/skb_reserve past the end (Linux skb_over_panic) */
	SKB_MISUSE_UNDER,    /**< skb_push past the head (Linux skb_under_panic) */
	SKB_MISUSE_PULL,     /**< skb_pull past the linear data */
	SKB_MISUSE_NONLINEAR,/**< a linear-only call on an skb with frags */
	SKB_MISUSE_DOUBLE_FREE, /**< debug build: free of an skb already free */
	SKB_MISUSE_USE_AFTER_FREE, /**< debug build: use of an skb already free */
	SKB_MISUSE_SHARED_WRITE, /**< debug build: header write into clone-shared data */
	SKB_MISUSE_BAD_MBUF, /**< debug build: rte_mbuf_check() failed */
	SKB_MISUSE_MAX
};

/**
 * Count of one kind of misuse since start.
 * @return the count (process-wide, all lcores).
 */
uint64_t skb_misuse_count(enum skb_misuse what);

/**
 * Count one misuse of @call on @skb (the debug build also logs it with the
 * skb's length and headroom).  libskb's checks call it where Linux would
 * panic; a layer built over libskb may count its own misuses the same way.
 * @param what  the kind; values out of range are ignored.
 * @param call  the name of the call misused (__func__), for the log.
 * @param skb   the skb, or NULL.
 */
void skb_misuse_record(enum skb_misuse what, const char *call, const struct sk_buff *skb);

/* the hooks of the checking builds (SKB_DEBUG, SKB_ASAN) */
#include "skb_check.h"

/* ---------------------------------------------------------------- pools */

/**
 * Register libskb's dynamic mbuf flag.  Called by skb_pool_create(); call it
 * yourself only when skbs come from pools made before any skb pool.
 * @return 0, or a negative errno when the flag cannot be registered.
 */
int skb_lib_init(void);

/**
 * Create a pool of skbs usable by rte_eth_rx_queue_setup().
 * @param name       mempool name (unique).
 * @param n          number of skbs.
 * @param data_room  buffer size per skb including RTE_PKTMBUF_HEADROOM, as DPDK's
 *                   data_room_size (RTE_MBUF_DEFAULT_BUF_SIZE for standard frames).
 * @param socket_id  NUMA socket or SOCKET_ID_ANY.
 * A per-lcore cache of 256 is used when n >= 4096; smaller pools have none, so
 * that a double free shows in rte_mempool_in_use_count().
 * Without hugepages and with IOVA as VA, the skbs lie one after the other in
 * one memzone (DPDK's rte_pktmbuf_pool_create() would give each a 4 KiB page of
 * its own, and all of them the same L1 cache sets); otherwise the pool is that
 * of rte_pktmbuf_pool_create().
 * @return the pool, or NULL with rte_errno set.
 */
struct rte_mempool *skb_pool_create(const char *name, unsigned int n,
				    unsigned int data_room, int socket_id);

/** As skb_pool_create() with an explicit per-lcore cache size (0 for none). */
struct rte_mempool *skb_pool_create_cache(const char *name, unsigned int n,
					  unsigned int cache_size,
					  unsigned int data_room, int socket_id);

/** True when @mp was made by skb_pool_create() (its private area holds an skb). */
bool skb_pool_is_skb(const struct rte_mempool *mp);

/**
 * Record the pool netdev_alloc_skb() uses for @port_id (drivers-glue does this at
 * port set-up); the port's MAC address is read again by the next
 * eth_type_trans() (skb_netdev_mac_refresh()).
 * @return 0, or -EINVAL for a bad port or a non-skb pool.
 */
int skb_netdev_set_pool(uint16_t port_id, struct rte_mempool *mp);

/** The pool recorded for @port_id, or NULL. */
struct rte_mempool *skb_netdev_pool(uint16_t port_id);

/**
 * Set the MAC address of @port_id (rte_eth_dev_default_mac_addr_set(), as
 * Linux's dev_set_mac_address()) and the copy eth_type_trans() compares with.
 * @return 0; on failure rte_eth_dev_default_mac_addr_set()'s negative errno
 *   (-ENODEV, -ENOTSUP, -EINVAL, ...) and the copy is unchanged.
 */
int skb_netdev_set_mac(uint16_t port_id, const struct rte_ether_addr *mac);

/**
 * Forget libskb's copy of @port_id's MAC address: the next eth_type_trans()
 * on the port reads it from ethdev again.  Call it after setting the address
 * otherwise than with skb_netdev_set_mac(), or when a port id is reused.
 * Ids past RTE_MAX_ETHPORTS are ignored.
 */
void skb_netdev_mac_refresh(uint16_t port_id);

/* ---------------------------------------------------------------- conversion */

/** The mbuf of @skb: a cast, free. */
static inline struct rte_mbuf *
skb_to_mbuf(struct sk_buff *skb)
{
	return &skb->mbuf;
}

/** The skb of @m without touching its metadata: a cast, for burst paths. */
static inline struct sk_buff *
__skb_from_mbuf(struct rte_mbuf *m)
{
	return (struct sk_buff *)m;
}

/**
 * The ip_summed of a received mbuf whose RX checksum flags are @ol_flags:
 * CHECKSUM_UNNECESSARY when the L4 checksum is GOOD and the IP checksum is not
 * BAD, CHECKSUM_NONE otherwise (the flags of an allocated mbuf read NONE).
 */
static inline uint8_t
skb_rx_ip_summed(uint64_t ol_flags)
{
	return (ol_flags & RTE_MBUF_F_RX_L4_CKSUM_MASK) == RTE_MBUF_F_RX_L4_CKSUM_GOOD &&
	       (ol_flags & RTE_MBUF_F_RX_IP_CKSUM_MASK) != RTE_MBUF_F_RX_IP_CKSUM_BAD ?
	       CHECKSUM_UNNECESSARY : CHECKSUM_NONE;
}

/*
 * The words skb_meta_init() writes the block in: 32 bytes where the code is
 * built with AVX2, 16 where not.  Aligned: the block starts 128 bytes into
 * the mbuf, which is cache-line aligned (compilers split a 32-byte store they
 * cannot prove aligned into two 16-byte ones).
 */
static_assert(SKB_META_OFF % 32 == 0 && alignof(struct sk_buff) >= 32,
	      "the block is 32-byte aligned");
#ifdef __AVX2__
typedef uint32_t skb_meta_word_t __attribute__((vector_size(32), may_alias, aligned(32)));
#else
typedef uint32_t skb_meta_word_t __attribute__((vector_size(16), may_alias, aligned(16)));
#endif

/*
 * Write the block: users 1, @hdrs the second 32-bit word (mac_header and
 * network_header), the four offsets after them unset (all ones), @proto the
 * fifth word (protocol; ip_summed, encapsulation 0), zeros to the end.
 * Both constants stay in registers in a loop over a burst: six 16-byte
 * stores an skb, or three 32-byte ones.
 */
static __rte_always_inline void
skb_meta_write(struct sk_buff *skb, uint32_t hdrs, uint32_t proto)
{
	skb_meta_word_t *w = (skb_meta_word_t *)(void *)&skb->users;
	unsigned int k;

#ifdef __AVX2__
	w[0] = (skb_meta_word_t){ 1, hdrs, UINT32_MAX, UINT32_MAX, proto, 0, 0, 0 };
	for (k = 1; k < SKB_META_LEN / 32; k++)
		w[k] = (skb_meta_word_t){ 0, 0, 0, 0, 0, 0, 0, 0 };
#else
	w[0] = (skb_meta_word_t){ 1, hdrs, UINT32_MAX, UINT32_MAX };
	w[1] = (skb_meta_word_t){ proto, 0, 0, 0 };
	for (k = 2; k < SKB_META_LEN / 16; k++)
		w[k] = (skb_meta_word_t){ 0, 0, 0, 0 };
#endif
}

/**
 * Initialise the private area of @skb as alloc_skb() would, whatever it holds:
 * users 1, header offsets (inner ones too) unset, ip_summed from the mbuf's RX
 * checksum flags (skb_rx_ip_summed(): CHECKSUM_NONE for an allocated mbuf),
 * protocol, encapsulation, csum, priority, mark, flags, pkt_type, gso fields
 * and cb zero; marks the metadata valid.  skb_meta_prepare() calls it
 * for a stale area; call it yourself on an mbuf whose ol_flags DPDK copied from
 * another (rte_pktmbuf_clone(), rte_pktmbuf_copy()) before using it as an skb.
 * A few wide stores (the fields are one block): cheap enough for every packet
 * of an RX burst.
 */
static inline void
skb_meta_init(struct sk_buff *skb)
{
	/* users 1 and the six offsets unset (all ones), then zeros */
	skb_meta_write(skb, UINT32_MAX, 0);
	/* CHECKSUM_NONE (0) unless a device said the L4 checksum is GOOD: one test */
	if (unlikely(skb->mbuf.ol_flags & RTE_MBUF_F_RX_L4_CKSUM_GOOD))
		skb->ip_summed = skb_rx_ip_summed(skb->mbuf.ol_flags);
	skb->mbuf.ol_flags |= skb_meta_flag;
}

/*
 * skb_meta_init_eth() and its unchecked twin: skb_meta_init()'s stores with
 * the offsets and protocol in the first two words.  @rx_csum false: the
 * caller knows the mbuf's ol_flags lack RTE_MBUF_F_RX_L4_CKSUM_GOOD.
 */
static __rte_always_inline void
skb_meta_write_eth(struct sk_buff *skb, uint16_t protocol, bool rx_csum)
{
	uint32_t off = skb->mbuf.data_off;

	/* mac_header and network_header make the second 32-bit word, protocol starts the fifth */
	static_assert(offsetof(struct sk_buff, mac_header) - SKB_META_OFF == 4, "mac_header in word 1");
	static_assert(offsetof(struct sk_buff, network_header) - SKB_META_OFF == 6,
		      "network_header beside it");
	static_assert(offsetof(struct sk_buff, protocol) - SKB_META_OFF == 16, "protocol in word 4");
#if RTE_BYTE_ORDER == RTE_LITTLE_ENDIAN
	uint32_t hdrs = off | (off + RTE_ETHER_HDR_LEN) << 16, proto = protocol;
#else
	uint32_t hdrs = off << 16 | ((off + RTE_ETHER_HDR_LEN) & UINT16_MAX);
	uint32_t proto = (uint32_t)protocol << 16;
#endif

	skb_meta_write(skb, hdrs, proto);
	if (rx_csum && unlikely(skb->mbuf.ol_flags & RTE_MBUF_F_RX_L4_CKSUM_GOOD))
		skb->ip_summed = skb_rx_ip_summed(skb->mbuf.ol_flags);
	skb->mbuf.ol_flags |= skb_meta_flag;
	SKB_ASAN_HEAD(skb); /* a header in front of the data is readable */
}

/**
 * skb_meta_init() for a received frame that starts with an Ethernet header
 * (RTE_ETHER_HDR_LEN bytes, no VLAN tag) followed by a network header of
 * EtherType @protocol (network byte order): the fields as skb_meta_init()
 * leaves them, then as skb_reset_mac_header(),
 * __skb_set_network_header(skb, RTE_ETHER_HDR_LEN) and skb->protocol =
 * @protocol leave them, written in the same stores.  Cannot fail.
 */
static inline void
skb_meta_init_eth(struct sk_buff *skb, uint16_t protocol)
{
	skb_meta_write_eth(skb, protocol, true);
}

/**
 * skb_meta_init_eth() without the test of the RX checksum flags: the caller
 * knows the mbuf's ol_flags lack RTE_MBUF_F_RX_L4_CKSUM_GOOD (one test for a
 * group of skbs), so ip_summed is CHECKSUM_NONE.  Cannot fail.
 */
static inline void
__skb_meta_init_eth(struct sk_buff *skb, uint16_t protocol)
{
	skb_meta_write_eth(skb, protocol, false);
}

/** True when the private area of @skb is valid. */
static inline bool
skb_meta_valid(const struct sk_buff *skb)
{
	return (skb->mbuf.ol_flags & skb_meta_flag) != 0;
}

/** Make the private area of @skb valid (initialising it if stale); returns @skb. */
static inline struct sk_buff *
skb_meta_prepare(struct sk_buff *skb)
{
	if (unlikely(!skb_meta_valid(skb)))
		skb_meta_init(skb);
	return skb;
}

/**
 * The skb of @m, with its metadata valid (fields as a fresh allocation if @m came
 * from a PMD or rte_pktmbuf_alloc()).  @m must come from an skb pool.
 */
static inline struct sk_buff *
skb_from_mbuf(struct rte_mbuf *m)
{
	return skb_meta_prepare(__skb_from_mbuf(m));
}

/* ---------------------------------------------------------------- lifecycle */

/**
 * Make @skb, an mbuf just taken from an skb pool and reset, whose buffer holds
 * what was asked, what alloc_skb() hands out: no headroom, its fields as
 * skb_meta_init() leaves them.  Cannot fail.
 */
static inline void
skb_alloc_fresh(struct sk_buff *skb)
{
	skb->mbuf.data_off = 0;
	skb_meta_init(skb);
	SKB_ASAN_HEAD(skb); /* all of it is tailroom */
}

/**
 * The slow path of alloc_skb() (out of line): @m, just taken from @mp and
 * reset, has a buffer smaller than @size (at most UINT16_MAX) bytes; attach
 * an external buffer of @size bytes (skb_alloc_fresh() then).
 * @return the skb; NULL when memory is short, @m then given back to @mp.
 */
struct sk_buff *alloc_skb_large(struct rte_mempool *mp, struct rte_mbuf *m, unsigned int size);

/**
 * Allocate an skb with a linear area of at least @size bytes, no headroom (as
 * Linux alloc_skb).  Sizes beyond the pool's data room get an attached external
 * buffer (up to UINT16_MAX bytes, the mbuf limit, alloc_skb_large()).
 * Differs from Linux: a pool instead of gfp flags.
 * @return the skb, or NULL when the pool is empty, memory is short or @size > UINT16_MAX.
 */
static inline struct sk_buff *
alloc_skb(struct rte_mempool *mp, unsigned int size)
{
	struct rte_mbuf *m;

	if (unlikely(size > UINT16_MAX))
		return NULL;
	m = rte_pktmbuf_alloc(mp);
	if (unlikely(m == NULL))
		return NULL;
	if (unlikely(size > m->buf_len))
		return alloc_skb_large(mp, m, size);
	skb_alloc_fresh(__skb_from_mbuf(m));
	return __skb_from_mbuf(m);
}

/**
 * Allocate @n skbs at once, each as alloc_skb(@mp, @size) hands it out: a linear
 * area of at least @size bytes, no headroom, fields valid (users 1, header
 * offsets unset, the rest zero).  One mempool get for the burst.
 * Differs from Linux: no such call (kmem_cache_alloc_bulk is its nearest kin).
 * @return 0 with @skbs[0..@n-1] filled, or -ENOMEM with nothing allocated and
 *   @skbs unspecified (the pool holds fewer than @n, memory for an external
 *   buffer is short, or @size > UINT16_MAX).
 */
int alloc_skb_bulk(struct rte_mempool *mp, struct sk_buff **skbs, unsigned int n,
		   unsigned int size);

/**
 * The bare twin of alloc_skb_bulk(), as __skb_rx_burst() is skb_rx_burst()'s:
 * @n skbs with a linear area of at least @size bytes and no headroom, but
 * their fields are not made valid (skb_from_mbuf() or any call that reads
 * them makes them so later).  For burst paths that never read the fields,
 * such as frags chained at once with __skb_append_frag() (Linux builds frags
 * from pages, which carry no sk_buff fields either).  One mempool get.
 * @return 0, or -ENOMEM with nothing allocated (the pool holds fewer than @n,
 *   or @size is more than the pool's data room: no external buffers here).
 */
int __alloc_skb_bulk(struct rte_mempool *mp, struct sk_buff **skbs, unsigned int n,
		     unsigned int size);

/**
 * Allocate an RX skb for @port_id from its pool with NET_SKB_PAD headroom reserved
 * and the port recorded (mbuf.port).
 * @return the skb, or NULL (no pool recorded for the port, or as alloc_skb()).
 */
struct sk_buff *netdev_alloc_skb(uint16_t port_id, unsigned int length);

/**
 * As netdev_alloc_skb() with NET_IP_ALIGN more headroom (NET_SKB_PAD + 2), so
 * that the IP header after a 14-byte Ethernet header is 4-byte aligned.
 * @return the skb, or NULL (no pool recorded for @port_id, the pool is empty, or
 *   @length too large).
 */
struct sk_buff *netdev_alloc_skb_ip_align(uint16_t port_id, unsigned int length);

/**
 * Drop one user of @skb (Linux skb_unref).  An skb whose metadata is not valid
 * has one user.
 * @return true when that was the last user: the caller frees the skb (the
 * count is back to 1 for the mbuf's next life); false while others hold it.
 */
static inline bool
skb_unref(struct sk_buff *skb)
{
	if (likely(!skb_meta_valid(skb) || skb->users == 1))
		return true;
	if (__atomic_sub_fetch(&skb->users, 1, __ATOMIC_ACQ_REL) != 0)
		return false;
	skb->users = 1;
	return true;
}

/**
 * Drop a reference to @skb; when it was the last user, free the skb and its
 * whole chain (data shared with clones lives on until its last user goes).
 * Accepts NULL.
 */
static inline void
kfree_skb(struct sk_buff *skb)
{
	if (unlikely(skb == NULL))
		return;
#ifdef SKB_DEBUG
	skb_debug_free(skb, __func__);
	return;
#endif
	if (unlikely(!skb_unref(skb)))
		return;
	rte_pktmbuf_free(&skb->mbuf);
}

/** As kfree_skb(), for a packet that was consumed rather than dropped. */
static inline void
consume_skb(struct sk_buff *skb)
{
	kfree_skb(skb);
}

/** Free @n skbs of one burst (NULLs allowed), each as kfree_skb(). */
void kfree_skb_bulk(struct sk_buff **skbs, unsigned int n);

/** Linux dev_kfree_skb(): free a packet a driver is done with (consume_skb). */
static inline void
dev_kfree_skb(struct sk_buff *skb)
{
	consume_skb(skb);
}

/** Linux dev_kfree_skb_any(): free from any context (kfree_skb); accepts NULL. */
static inline void
dev_kfree_skb_any(struct sk_buff *skb)
{
	kfree_skb(skb);
}

/** Linux dev_consume_skb_any(): as dev_kfree_skb_any() for a consumed packet. */
static inline void
dev_consume_skb_any(struct sk_buff *skb)
{
	consume_skb(skb);
}

/** Take a reference to the sk_buff itself (Linux skb_get).  @return @skb. */
static inline struct sk_buff *
skb_get(struct sk_buff *skb)
{
	SKB_DEBUG_ENTRY(skb, skb);
	skb_meta_prepare(skb);
	__atomic_fetch_add(&skb->users, 1, __ATOMIC_RELAXED);
	return skb;
}

/** True when more than one holder has a reference to the sk_buff (users > 1). */
static inline bool
skb_shared(const struct sk_buff *skb)
{
	return skb_meta_valid(skb) &&
	       __atomic_load_n(&skb->users, __ATOMIC_RELAXED) != 1;
}

/**
 * Memory @skb really holds (Linux skb->truesize): for each segment its sk_buff
 * (mbuf header and private area) and the buffer it points to (buf_len; shared
 * buffers counted by each holder, as Linux counts a clone's data), plus the
 * shared-info of external buffers.
 * @return bytes; SKB_TRUESIZE(buf_len) for a one-segment skb of its own buffer.
 */
unsigned int skb_truesize(const struct sk_buff *skb);

/**
 * The shared info of @skb (Linux skb_shinfo): gso_size, gso_segs, gso_type, and
 * nr_frags refreshed from the chain (nb_segs - 1).  Makes the metadata valid.
 * @return a pointer into @skb's private area; never NULL.
 */
static inline struct skb_shared_info *
skb_shinfo(struct sk_buff *skb)
{
	skb_meta_prepare(skb);
	skb->shinfo.nr_frags = (uint16_t)(skb->mbuf.nb_segs - 1u);
	return &skb->shinfo;
}

/** True when @skb is to be segmented on transmit (gso_size != 0; skb_gso.h). */
static inline bool
skb_is_gso(const struct sk_buff *skb)
{
	return skb_meta_valid(skb) && skb->shinfo.gso_size != 0;
}

/* ---------------------------------------------------------------- drops by reason */

/*
 * Why an skb was dropped (Linux's enum skb_drop_reason): the reasons Linux has
 * keep Linux's names, those of skbfwd's own follow them.  X(NAME) gives
 * SKB_DROP_REASON_NAME; SKB_CONSUMED, Linux's "not a drop", comes last of
 * Linux's.
 */
#define SKB_DROP_REASONS(X)                                                     \
	X(NOT_SPECIFIED)        /* no reason given */                           \
	X(NO_SOCKET)            /* no one to deliver to */                      \
	X(PKT_TOO_SMALL)        /* shorter than its headers */                  \
	X(TCP_CSUM)             /* wrong TCP checksum */                        \
	X(UDP_CSUM)             /* wrong UDP checksum */                        \
	X(OTHERHOST)            /* not for this host */                         \
	X(IP_CSUM)              /* wrong IPv4 header checksum */                \
	X(IP_INHDR)             /* something wrong in the IP header */          \
	X(IP_NOPROTO)           /* no handler for the IP protocol */            \
	X(UNICAST_IN_L2_MULTICAST) /* IP unicast in an L2 multicast frame */   \
	X(QDISC_DROP)           /* dropped by a queueing discipline */          \
	X(UNHANDLED_PROTO)      /* a protocol the code does not handle */       \
	X(SKB_CSUM)             /* the checksum could not be computed */        \
	X(SKB_GSO_SEG)          /* GSO segmentation failed */                   \
	X(DEV_HDR)              /* the device header could not be built */      \
	X(DEV_READY)            /* the device is not up */                      \
	X(FULL_RING)            /* the TX ring stayed full */                   \
	X(NOMEM)                /* no memory (an empty pool) */                 \
	X(HDR_TRUNC)            /* a header cut short */                        \
	X(ICMP_CSUM)            /* wrong ICMP checksum */                       \
	X(INVALID_PROTO)        /* the protocol field is invalid */             \
	X(IP_INADDRERRORS)      /* a bad IP destination address */             \
	X(IP_INNOROUTES)        /* no route for the destination */             \
	X(PKT_TOO_BIG)          /* longer than the MTU */                       \
	X(CONSUMED)             /* not a drop: used up (Linux SKB_CONSUMED) */  \
	X(BAD_HEADER)           /* skbfwd: a header breaks its protocol's rules */ \
	X(BAD_CHECKSUM)         /* skbfwd: a wrong checksum, any layer */       \
	X(TTL_EXPIRED)          /* skbfwd: TTL 1 or 0 on forwarding */          \
	X(NOT_TUNNEL)           /* skbfwd: no tunnel to decapsulate */          \
	X(NO_HEADROOM)          /* skbfwd: headroom could not be made */        \
	X(UNSUPPORTED)          /* skbfwd: something the path cannot do */

/** The reasons kfree_skb_reason() takes; skb_drop_count() reports each. */
enum skb_drop_reason {
#define SKB_DROP_REASON_ENUM(name) SKB_DROP_REASON_##name,
	SKB_DROP_REASONS(SKB_DROP_REASON_ENUM)
#undef SKB_DROP_REASON_ENUM
	SKB_DROP_REASON_MAX /**< not a reason: the number of them */
};

/** Linux's name of the consumed "reason" (kfree_skb_reason() of a packet used up). */
#define SKB_CONSUMED SKB_DROP_REASON_CONSUMED

/** Drops counted per lcore, one cache-aligned row each (skb_drop_count() sums them). */
struct skb_drop_row {
	uint64_t n[SKB_DROP_REASON_MAX];
} __rte_cache_aligned;

/**
 * The rows of skb_drop_count(): one per EAL lcore, written by that lcore
 * only; the last (RTE_MAX_LCORE) is shared by the other threads, which add
 * atomically.  Read them through skb_drop_count().
 */
extern struct skb_drop_row skb_drop_rows[RTE_MAX_LCORE + 1];

/** Count @n drops under @reason on the calling lcore (out of range: NOT_SPECIFIED). */
static inline void
skb_drop_add(enum skb_drop_reason reason, uint64_t n)
{
	unsigned int lcore = rte_lcore_id();
	uint64_t *count;

	if (unlikely((unsigned int)reason >= SKB_DROP_REASON_MAX))
		reason = SKB_DROP_REASON_NOT_SPECIFIED;
	if (unlikely(lcore >= RTE_MAX_LCORE)) {
		__atomic_fetch_add(&skb_drop_rows[RTE_MAX_LCORE].n[reason], n, __ATOMIC_RELAXED);
		return;
	}
	/* this lcore's row has no other writer: a plain add, stored whole for readers */
	count = &skb_drop_rows[lcore].n[reason];
	__atomic_store_n(count, __atomic_load_n(count, __ATOMIC_RELAXED) + n, __ATOMIC_RELAXED);
}

/**
 * Drop a reference to @skb as kfree_skb() does and, when it was the last
 * (the skb is freed), count the drop under @reason (Linux kfree_skb_reason:
 * its tracepoint fires at the same moment).  Accepts NULL.  A @reason out of
 * range counts as SKB_DROP_REASON_NOT_SPECIFIED.  The count is one per-lcore
 * add: cheap enough for every drop of a fast path.
 * Differs from Linux: kfree_skb() and consume_skb() count nothing; give the
 * reason (SKB_DROP_REASON_NOT_SPECIFIED, SKB_CONSUMED) to have it counted.
 */
static inline void
kfree_skb_reason(struct sk_buff *skb, enum skb_drop_reason reason)
{
	if (unlikely(skb == NULL))
		return;
#ifdef SKB_DEBUG
	if (skb_debug_check(skb, __func__) && !skb_shared(skb))
		skb_drop_add(reason, 1);
	skb_debug_free(skb, __func__);
	return;
#endif
	if (unlikely(!skb_unref(skb)))
		return;
	skb_drop_add(reason, 1);
	rte_pktmbuf_free(&skb->mbuf);
}

/**
 * Free @n skbs of one burst (NULLs allowed), each as kfree_skb_reason() with
 * @reason: those whose last reference this was are counted, in one add.
 */
void kfree_skb_bulk_reason(struct sk_buff **skbs, unsigned int n, enum skb_drop_reason reason);

/**
 * The unchecked twin of kfree_skb_bulk_reason() (Linux __kfree_skb(), which
 * frees without looking at the users count): free @n skbs, none of them NULL,
 * as their last holder, and count all @n under @reason in one add.  For skbs
 * that only a bare receive (__skb_rx_burst()) handed out, whose fields were
 * never made valid, so that nobody else can hold them: a sink's burst.
 * Freeing an skb someone else still holds this way is a use after free.  The
 * skb_debug build frees each as kfree_skb_bulk_reason() does instead, so that
 * a NULL, freed or shared skb is caught (a misuse counted, a shared one left
 * to its other holders).
 */
void __kfree_skb_bulk_reason(struct sk_buff **skbs, unsigned int n, enum skb_drop_reason reason);

/** Pointers put back to a pool at once by __skb_free_bulk_len(). */
#define SKB_FREE_BATCH 64

/**
 * The free under kfree_skb_bulk() and __kfree_skb_bulk_reason(): the @n skbs
 * (none NULL, the caller their last holder) go back, and their lengths are
 * summed in the same pass.  An skb of one direct segment with one reference
 * goes back with the others of its pool in one rte_mempool_put_bulk() (what
 * rte_pktmbuf_free_bulk() does with it, without the call); any other (a
 * chain, a clone, an external buffer, a buffer others view) through
 * rte_pktmbuf_free().  No users check, nothing counted.
 * @return the bytes (skb_len()) of the @n skbs.
 */
static inline uint64_t
__skb_free_bulk_len(struct sk_buff **skbs, unsigned int n)
{
	struct rte_mempool *mp = NULL;
	void *objs[SKB_FREE_BATCH];
	unsigned int i, nb = 0;
	uint64_t bytes = 0;

	for (i = 0; i < n; i++) {
		struct rte_mbuf *m = &skbs[i]->mbuf;

		bytes += m->pkt_len;
		/* what rte_pktmbuf_prefree_seg() hands back untouched */
		if (unlikely(m->next != NULL || rte_mbuf_refcnt_read(m) != 1 ||
			     !RTE_MBUF_DIRECT(m))) {
			rte_pktmbuf_free(m);
			continue;
		}
		if (unlikely(m->pool != mp || nb == SKB_FREE_BATCH)) {
			if (nb != 0)
				rte_mempool_put_bulk(mp, objs, nb);
			mp = m->pool;
			nb = 0;
		}
		objs[nb++] = m;
	}
	if (nb != 0)
		rte_mempool_put_bulk(mp, objs, nb);
	return bytes;
}

/**
 * __kfree_skb_bulk_reason() that also returns the bytes (skb_len()) of the
 * @n skbs, summed in the pass that frees them (__skb_free_bulk_len()): for a
 * sink that counts bytes.  The skb_debug build frees each as
 * kfree_skb_bulk_reason() does, as __kfree_skb_bulk_reason() does there.
 * @return the bytes of the @n skbs.
 */
static inline uint64_t
__kfree_skb_bulk_reason_len(struct sk_buff **skbs, unsigned int n, enum skb_drop_reason reason)
{
	uint64_t bytes = 0;
#ifdef SKB_DEBUG
	unsigned int i;

	for (i = 0; i < n; i++)
		bytes += skbs[i] != NULL ? skbs[i]->mbuf.pkt_len : 0;
	kfree_skb_bulk_reason(skbs, n, reason);
#else
	bytes = __skb_free_bulk_len(skbs, n);
	if (n != 0)
		skb_drop_add(reason, n);
#endif
	return bytes;
}

/**
 * Drops counted under @reason by kfree_skb_reason() and kfree_skb_bulk_reason()
 * since the start, on every
 * lcore and thread.
 * @return the count; 0 for a @reason out of range.
 */
uint64_t skb_drop_count(enum skb_drop_reason reason);

/** The name of @reason without its prefix ("FULL_RING"), as Linux's drop_reasons[]; NULL when out of range. */
const char *skb_drop_reason_name(enum skb_drop_reason reason);

/* ---------------------------------------------------------------- views */

/** Total bytes (Linux skb->len). */
static inline unsigned int
skb_len(const struct sk_buff *skb)
{
	return skb->mbuf.pkt_len;
}

/** Bytes of the linear area (segment 0). */
static inline unsigned int
skb_headlen(const struct sk_buff *skb)
{
	return skb->mbuf.data_len;
}

/** Bytes outside the linear area, in frags (Linux skb->data_len). */
static inline unsigned int
skb_data_len(const struct sk_buff *skb)
{
	return skb->mbuf.pkt_len - skb->mbuf.data_len;
}

/** True when part of the data lives in frags. */
static inline bool
skb_is_nonlinear(const struct sk_buff *skb)
{
	return skb->mbuf.next != NULL;
}

/** Number of frags (chained segments after the head). */
static inline unsigned int
skb_nr_frags(const struct sk_buff *skb)
{
	return skb->mbuf.nb_segs - 1u;
}

/** Start of the buffer (Linux skb->head). */
static inline unsigned char *
skb_head(const struct sk_buff *skb)
{
	return (unsigned char *)skb->mbuf.buf_addr;
}

/** Start of the data (Linux skb->data). */
static inline unsigned char *
skb_data(const struct sk_buff *skb)
{
	return skb_head(skb) + skb->mbuf.data_off;
}

/** End of the linear data (Linux skb_tail_pointer). */
static inline unsigned char *
skb_tail_pointer(const struct sk_buff *skb)
{
	return skb_data(skb) + skb->mbuf.data_len;
}

/** End of the buffer (Linux skb_end_pointer). */
static inline unsigned char *
skb_end_pointer(const struct sk_buff *skb)
{
	return skb_head(skb) + skb->mbuf.buf_len;
}

/** Bytes in front of the data. */
static inline unsigned int
skb_headroom(const struct sk_buff *skb)
{
	return skb->mbuf.data_off;
}

/** Bytes after the linear data; 0 when the skb is nonlinear, as Linux. */
static inline int
skb_tailroom(const struct sk_buff *skb)
{
	if (skb_is_nonlinear(skb))
		return 0;
	return skb->mbuf.buf_len - skb->mbuf.data_off - skb->mbuf.data_len;
}

/**
 * Bytes skb_put() may still add (Linux skb_availroom): the tailroom, 0 when the
 * skb is nonlinear.  libskb reserves no tailroom, so it equals skb_tailroom().
 */
static inline unsigned int
skb_availroom(const struct sk_buff *skb)
{
	return (unsigned int)skb_tailroom(skb);
}

/* ---------------------------------------------------------------- linear data */

/**
 * Move data and tail by @len (negative moves them back); for an empty skb this
 * makes headroom.  Out of range (data before head, or tail past end): nothing
 * changes and SKB_MISUSE_OVER is counted.
 */
static inline void
skb_reserve(struct sk_buff *skb, int len)
{
	struct rte_mbuf *m = &skb->mbuf;
	int off = (int)m->data_off + len;

	SKB_DEBUG_ENTRY(skb, );
	if (unlikely(off < 0 || off + m->data_len > m->buf_len)) {
		skb_misuse_record(SKB_MISUSE_OVER, __func__, skb);
		return;
	}
	m->data_off = (uint16_t)off;
	SKB_ASAN_HEAD(skb);
}

/** Extend the linear data by @len at the tail, unchecked.  @return the old tail. */
static inline void *
__skb_put(struct sk_buff *skb, unsigned int len)
{
	struct rte_mbuf *m = &skb->mbuf;
	void *tail = skb_tail_pointer(skb);

	m->data_len = (uint16_t)(m->data_len + len);
	m->pkt_len += len;
	SKB_ASAN_HEAD(skb);
	return tail;
}

/**
 * Extend the linear data by @len bytes at the tail.
 * @return a pointer to the first added byte; NULL when @len exceeds the tailroom or
 * the skb has frags (Linux would panic) — the skb is unchanged.
 */
static inline void *
skb_put(struct sk_buff *skb, unsigned int len)
{
	SKB_DEBUG_ENTRY(skb, NULL);
	if (unlikely(skb_is_nonlinear(skb))) {
		skb_misuse_record(SKB_MISUSE_NONLINEAR, __func__, skb);
		return NULL;
	}
	if (unlikely(len > (unsigned int)skb_tailroom(skb))) {
		skb_misuse_record(SKB_MISUSE_OVER, __func__, skb);
		return NULL;
	}
	SKB_DEBUG_WRITE(skb);
	return __skb_put(skb, len);
}

/** skb_put() then copy @len bytes of @data there.  @return as skb_put(). */
static inline void *
skb_put_data(struct sk_buff *skb, const void *data, unsigned int len)
{
	void *p = skb_put(skb, len);

	if (likely(p != NULL))
		memcpy(p, data, len);
	return p;
}

/** skb_put() then zero the @len bytes.  @return as skb_put(). */
static inline void *
skb_put_zero(struct sk_buff *skb, unsigned int len)
{
	void *p = skb_put(skb, len);

	if (likely(p != NULL))
		memset(p, 0, len);
	return p;
}

/** Extend the data by @len bytes at the front, unchecked.  @return the new data. */
static inline void *
__skb_push(struct sk_buff *skb, unsigned int len)
{
	struct rte_mbuf *m = &skb->mbuf;

	m->data_off = (uint16_t)(m->data_off - len);
	m->data_len = (uint16_t)(m->data_len + len);
	m->pkt_len += len;
	SKB_ASAN_HEAD(skb);
	return skb_data(skb);
}

/**
 * Extend the data by @len bytes at the front.
 * @return the new data pointer; NULL when @len exceeds the headroom (Linux would
 * panic) — the skb is unchanged.
 */
static inline void *
skb_push(struct sk_buff *skb, unsigned int len)
{
	SKB_DEBUG_ENTRY(skb, NULL);
	if (unlikely(len > skb->mbuf.data_off)) {
		skb_misuse_record(SKB_MISUSE_UNDER, __func__, skb);
		return NULL;
	}
	SKB_DEBUG_WRITE(skb);
	return __skb_push(skb, len);
}

/** Remove @len bytes from the front of the linear data, unchecked. */
static inline void *
__skb_pull(struct sk_buff *skb, unsigned int len)
{
	struct rte_mbuf *m = &skb->mbuf;

	m->data_off = (uint16_t)(m->data_off + len);
	m->data_len = (uint16_t)(m->data_len - len);
	m->pkt_len -= len;
	SKB_ASAN_HEAD(skb);
	return skb_data(skb);
}

/**
 * Remove @len bytes from the front of the data.
 * @return the new data pointer; NULL when @len exceeds the linear data
 * (skb_headlen) — the skb is unchanged (use pskb_pull() to pull into frags).
 */
static inline void *
skb_pull(struct sk_buff *skb, unsigned int len)
{
	SKB_DEBUG_ENTRY(skb, NULL);
	if (unlikely(len > skb->mbuf.data_len)) {
		skb_misuse_record(SKB_MISUSE_PULL, __func__, skb);
		return NULL;
	}
	return __skb_pull(skb, len);
}

/**
 * pskb_trim() without the length check: cut the data to @len bytes, which the
 * caller guarantees is below skb_len() (frags past @len are freed, the last
 * kept one shortened).
 * @return 0.
 */
int __pskb_trim(struct sk_buff *skb, unsigned int len);

/**
 * Cut the data to @len bytes; no effect when the skb is not longer than @len.
 * Unlike Linux (which warns and ignores a nonlinear skb), frags past @len are
 * released and the last kept one shortened.
 */
static inline void
skb_trim(struct sk_buff *skb, unsigned int len)
{
	struct rte_mbuf *m = &skb->mbuf;

	SKB_DEBUG_ENTRY(skb, );
	if (len >= m->pkt_len)
		return;
	if (likely(!skb_is_nonlinear(skb))) {
		m->data_len = (uint16_t)len;
		m->pkt_len = len;
		SKB_ASAN_HEAD(skb);
		return;
	}
	(void)__pskb_trim(skb, len);
}

/**
 * Move @delta bytes from the frags to the end of the linear area (Linux
 * __pskb_pull_tail, the slow path of pskb_may_pull()).  A head whose tailroom
 * is short, or which clones share, is first re-allocated (as
 * pskb_expand_head()), so pointers into the data taken before the call are
 * stale after it; header offsets stay right.  Frags emptied are freed.
 * The caller guarantees 0 <= @delta <= skb_data_len() (pskb_may_pull() checks
 * it): a @delta out of that range changes nothing and returns NULL.
 * @return the new tail pointer (skb_tail_pointer()); NULL when the linear area
 * cannot be made that long (64 KiB limit, memory short) — the skb is then
 * unchanged.
 */
void *__pskb_pull_tail(struct sk_buff *skb, int delta);

/**
 * Make sure the first @len bytes are linear (readable at skb_data()), moving them
 * out of frags when needed; a head that is too short or shared with clones is
 * first re-allocated (as pskb_expand_head), so pointers into the data taken
 * before the call are stale after it (header offsets stay right).
 * The guard before every header read.
 * @return true when they are; false when the skb is shorter than @len or the
 * bytes cannot be made linear (64 KiB limit, memory short) — the skb is then unchanged.
 */
static inline bool
pskb_may_pull(struct sk_buff *skb, unsigned int len)
{
	SKB_DEBUG_ENTRY(skb, false);
	if (likely(len <= skb_headlen(skb)))
		return true;
	if (unlikely(len > skb_len(skb)))
		return false;
	return __pskb_pull_tail(skb, (int)(len - skb_headlen(skb))) != NULL;
}

/* ---------------------------------------------------------------- header offsets */

#define SKB_DEFINE_HDR_FUNCS(name)                                              \
/** True when the name header offset was set since allocation or RX. */       \
static inline bool                                                              \
skb_##name##_header_was_set(const struct sk_buff *skb)                          \
{                                                                               \
	return skb_meta_valid(skb) && skb->name##_header != SKB_HDR_UNSET;      \
}                                                                               \
/** Set the name header to the current data pointer. */                       \
static inline void                                                              \
skb_reset_##name##_header(struct sk_buff *skb)                                  \
{                                                                               \
	skb_meta_prepare(skb)->name##_header = skb->mbuf.data_off;              \
}                                                                               \
/**                                                                             \
 * skb_set_name_header() without making the metadata valid: the caller knows  \
 * it is (an earlier header setter or skb_meta_prepare() on this skb).          \
 */                                                                             \
static inline void                                                              \
__skb_set_##name##_header(struct sk_buff *skb, int offset)                      \
{                                                                               \
	skb->name##_header = (uint16_t)(skb->mbuf.data_off + offset);           \
	SKB_ASAN_HEAD(skb); /* a header in front of the data is readable */   \
}                                                                               \
/** Set the name header @offset bytes from the data pointer (may be < 0). */   \
static inline void                                                              \
skb_set_##name##_header(struct sk_buff *skb, int offset)                        \
{                                                                               \
	__skb_set_##name##_header(skb_meta_prepare(skb), offset);               \
}                                                                               \
/** Pointer to the name header (head + offset); head + 0xffff when unset. */   \
static inline unsigned char *                                                   \
skb_##name##_header(const struct sk_buff *skb)                                  \
{                                                                               \
	return skb_head(skb) + (skb_meta_valid(skb) ? skb->name##_header :      \
						      SKB_HDR_UNSET);           \
}

SKB_DEFINE_HDR_FUNCS(mac)
SKB_DEFINE_HDR_FUNCS(network)
SKB_DEFINE_HDR_FUNCS(transport)
/*
 * The headers of the encapsulated packet (Linux's inner_*_header): set by
 * whoever adds or finds a tunnel header, with skb->encapsulation 1; pskb_expand_head()
 * and every head re-allocation move them as the outer ones.
 */
SKB_DEFINE_HDR_FUNCS(inner_mac)
SKB_DEFINE_HDR_FUNCS(inner_network)
SKB_DEFINE_HDR_FUNCS(inner_transport)
#undef SKB_DEFINE_HDR_FUNCS

/**
 * Make the mac, network and transport headers the inner ones, unset ones
 * unset (Linux skb_reset_inner_headers): what a tunnel does before it pushes
 * its header, with skb->encapsulation = 1.  The offsets are from the head, so
 * the push leaves them on the inner frame.
 */
static inline void
skb_reset_inner_headers(struct sk_buff *skb)
{
	skb_meta_prepare(skb);
	skb->inner_mac_header = skb->mac_header;
	skb->inner_network_header = skb->network_header;
	skb->inner_transport_header = skb->transport_header;
}

/** Offset of the network header from the data pointer (may be negative). */
static inline int
skb_network_offset(const struct sk_buff *skb)
{
	return (int)(skb_network_header(skb) - skb_data(skb));
}

/** Offset of the transport header from the data pointer (may be negative). */
static inline int
skb_transport_offset(const struct sk_buff *skb)
{
	return (int)(skb_transport_header(skb) - skb_data(skb));
}

/** Offset of the mac header from the data pointer (may be negative). */
static inline int
skb_mac_offset(const struct sk_buff *skb)
{
	return (int)(skb_mac_header(skb) - skb_data(skb));
}

/** The Ethernet header at the mac header offset. */
static inline struct rte_ether_hdr *
eth_hdr(const struct sk_buff *skb)
{
	return (struct rte_ether_hdr *)skb_mac_header(skb);
}

/** The IPv4 header at the network header offset. */
static inline struct rte_ipv4_hdr *
ip_hdr(const struct sk_buff *skb)
{
	return (struct rte_ipv4_hdr *)skb_network_header(skb);
}

/** The UDP header at the transport header offset. */
static inline struct rte_udp_hdr *
udp_hdr(const struct sk_buff *skb)
{
	return (struct rte_udp_hdr *)skb_transport_header(skb);
}

/** The TCP header at the transport header offset (Linux tcp_hdr). */
static inline struct rte_tcp_hdr *
tcp_hdr(const struct sk_buff *skb)
{
	return (struct rte_tcp_hdr *)skb_transport_header(skb);
}

/** The ICMP header at the transport header offset (Linux icmp_hdr). */
static inline struct rte_icmp_hdr *
icmp_hdr(const struct sk_buff *skb)
{
	return (struct rte_icmp_hdr *)skb_transport_header(skb);
}

/** The IPv6 header at the network header offset. */
static inline struct rte_ipv6_hdr *
ipv6_hdr(const struct sk_buff *skb)
{
	return (struct rte_ipv6_hdr *)skb_network_header(skb);
}

/**
 * The ICMPv6 header at the transport header offset: type, code, checksum and
 * the 4 bytes after them lie as in ICMP for IPv4 (RFC 4443 2.1), so DPDK's
 * struct serves both (the echo identifier and sequence number included).
 */
static inline struct rte_icmp_hdr *
icmp6_hdr(const struct sk_buff *skb)
{
	return (struct rte_icmp_hdr *)skb_transport_header(skb);
}

/**
 * Move every header offset that is set (the inner ones too, and csum_start of a
 * CHECKSUM_PARTIAL skb) by @off bytes (Linux
 * skb_headers_offset_update): what a call that moves the data inside its
 * buffer, or copies it to another place in a new one, does to keep the
 * offsets on the same bytes.  Unset offsets stay unset; no effect on an skb
 * whose metadata is not valid (it has no offsets).
 */
void skb_headers_offset_update(struct sk_buff *skb, int off);

/**
 * Offset of csum_start from the data pointer (Linux skb_checksum_start_offset);
 * meaningful while ip_summed is CHECKSUM_PARTIAL.
 */
static inline int
skb_checksum_start_offset(const struct sk_buff *skb)
{
	return (int)skb->csum_start - (int)skb_headroom(skb);
}

/**
 * Make @skb CHECKSUM_PARTIAL (Linux skb_partial_csum_set): the checksum is
 * summed from @start bytes past the data to the end of the skb and stored
 * @off bytes past @start.  The caller has put the pseudo-header sum in that
 * field, as Linux's TCP and UDP do.  The transport header is set at @start,
 * as Linux does.
 * @return true; false when the field would not lie in the linear data or
 * csum_start would pass 0xffff: then @skb is unchanged.
 */
static inline bool
skb_partial_csum_set(struct sk_buff *skb, uint16_t start, uint16_t off)
{
	uint32_t csum_start = skb_headroom(skb) + (uint32_t)start;

	if (unlikely((uint32_t)start + off + 2u > skb_headlen(skb) || csum_start > UINT16_MAX))
		return false;
	skb_meta_prepare(skb);
	skb->ip_summed = CHECKSUM_PARTIAL;
	skb->csum_start = (uint16_t)csum_start;
	skb->csum_offset = off;
	skb->transport_header = (uint16_t)csum_start;
	return true;
}

/* ---------------------------------------------------------------- frags */

/**
 * Chain @frag's data (all its segments) after @skb's, as frags.  Takes
 * ownership of @frag on success: it is freed with @skb.
 * Differs from Linux: a frag is a whole skb (its linear area and frags), not a page.
 * @return 0; -EOVERFLOW when @skb would hold more than MAX_SKB_FRAGS frags;
 * -EINVAL when @frag is NULL, @skb itself or shared (skb_get).  On error
 * nothing changes and @frag stays the caller's.
 */
__rte_warn_unused_result
int skb_append_frag(struct sk_buff *skb, struct sk_buff *frag);

/**
 * The unchecked twin of skb_append_frag(), for the caller that knows: @frag is
 * an skb other than @skb with one user, and @skb then holds at most
 * MAX_SKB_FRAGS frags and at most UINT32_MAX bytes.  Cannot fail; takes
 * ownership of @frag.
 */
static inline void
__skb_append_frag(struct sk_buff *skb, struct sk_buff *frag)
{
	struct rte_mbuf *head = &skb->mbuf, *f = &frag->mbuf;

	rte_pktmbuf_lastseg(head)->next = f;
	head->nb_segs = (uint16_t)(head->nb_segs + f->nb_segs);
	head->pkt_len += f->pkt_len;
	/* the frag is a segment now: its own skb fields mean nothing any more */
	f->pkt_len = f->data_len;
	f->nb_segs = 1;
}

/**
 * Add a zero-copy frag of @len bytes at @addr (caller memory) after @skb's data.
 * Clones share it; @release(@addr, @opaque) runs exactly once, when the last
 * skb that references the memory is freed (on the lcore that frees it).
 * @return 0; -EINVAL for NULL @addr/@release, @len 0 or above 65535; -EOVERFLOW
 * past MAX_SKB_FRAGS; -ENOMEM when the pool is empty.  On error nothing changes
 * and @release is not called.
 */
__rte_warn_unused_result
int skb_add_ext_frag(struct sk_buff *skb, void *addr, unsigned int len,
		     void (*release)(void *addr, void *opaque), void *opaque);

/* ---------------------------------------------------------------- reading and writing at any offset */

/**
 * Copy @len bytes starting @offset bytes into the data (across frags) to @to.
 * Unlike Linux, a negative @offset or @len is refused rather than read from the headroom.
 * @return 0; -EFAULT when @offset or @len is negative or the range passes skb_len()
 * (nothing is copied then).
 */
__rte_warn_unused_result
static inline int
skb_copy_bits(const struct sk_buff *skb, int offset, void *to, int len)
{
	const void *p;

	SKB_DEBUG_ENTRY(skb, -EFAULT);
	/* one compare: a negative offset or len turns into a sum far past 64 KiB */
	if (likely((uint64_t)(uint32_t)offset + (uint32_t)len <= skb_headlen(skb))) {
		memcpy(to, skb_data(skb) + offset, (size_t)len);
		return 0;
	}
	if (unlikely(offset < 0 || len < 0 || (uint64_t)offset + (uint32_t)len > skb_len(skb)))
		return -EFAULT;
	if (unlikely(len == 0))
		return 0; /* DPDK's reader walks off the chain for 0 bytes at its very end */
	/* across segments: DPDK's reader copies into @to, or points into one segment */
	p = rte_pktmbuf_read(&skb->mbuf, (uint32_t)offset, (uint32_t)len, to);
	if (unlikely(p == NULL))
		return -EFAULT;
	if (p != to)
		memcpy(to, p, (size_t)len);
	return 0;
}

/**
 * Copy @len bytes from @from into the data at @offset (across frags).  As in
 * Linux it writes in place: call skb_cow_head()/skb_unshare() first when the
 * data may be shared with clones (the debug build counts SKB_MISUSE_SHARED_WRITE).
 * @return 0; -EFAULT when @offset or @len is negative or the range passes
 * skb_len() (nothing is written then).
 */
__rte_warn_unused_result
int skb_store_bits(struct sk_buff *skb, int offset, const void *from, int len);

/**
 * Read @len bytes at @offset: a pointer into the skb when they lie in the linear
 * area, else a copy into @buffer (which must hold @len bytes) and @buffer itself.
 * Bytes in frags are always copied, as in Linux.
 * @return the pointer; NULL when @offset or @len is negative or the range passes
 * skb_len() (@buffer untouched).
 */
static inline void *
skb_header_pointer(const struct sk_buff *skb, int offset, int len, void *buffer)
{
	SKB_DEBUG_ENTRY(skb, NULL);
	if (likely((uint64_t)(uint32_t)offset + (uint32_t)len <= skb_headlen(skb)))
		return skb_data(skb) + offset;
	if (skb_copy_bits(skb, offset, buffer, len) < 0)
		return NULL;
	return buffer;
}

/* ---------------------------------------------------------------- sharing */

/**
 * Make a clone: a new sk_buff (one new mbuf per segment, from @skb's pool) that
 * shares @skb's data.  The shared buffers live until their last user is freed.
 * Header offsets, cb, protocol, priority, mark, gso fields and the mbuf
 * offload fields are copied; the clone has users 1 and SKB_FL_CLONED.  Writing
 * headers into either needs skb_cow_head() first.
 * As Linux's atomic dataref: an skb and its clones may be cloned and freed on
 * any lcores at once (each clone segment holds one reference to the mbuf whose
 * buffer it shares).
 * @return the clone; NULL when the pool is empty (@skb unchanged).
 */
struct sk_buff *skb_clone(struct sk_buff *skb);

/**
 * True when the data of segment @seg (the head of an skb or one of its frags)
 * can be seen through another mbuf, so that writing it would change what that
 * one sees: a direct mbuf that others reference (clones made by skb_clone()
 * attach its buffer; DPDK indirect mbufs point into it), a DPDK indirect mbuf,
 * or an external buffer attached to more than one mbuf.
 */
bool skb_seg_shared(const struct rte_mbuf *seg);

/**
 * True when the head segment's data can be seen through another skb (a clone,
 * or the original of a clone), so writing it would change what that one sees
 * (Linux skb_cloned; frags are not looked at, see skb_unshare()).
 */
static inline bool
skb_cloned(const struct sk_buff *skb)
{
	const struct rte_mbuf *m = &skb->mbuf;

	if (likely(RTE_MBUF_DIRECT(m)))
		return rte_mbuf_refcnt_read(m) > 1;
	return skb_seg_shared(m);
}

/**
 * Give @skb a head buffer of its own with at least @nhead more bytes of headroom
 * and @ntail more of tailroom (Linux pskb_expand_head).  Bytes from head to tail
 * are copied, header offsets move with them (pointers taken before are stale),
 * frags stay shared.  The new buffer is a pool mbuf's buffer when it fits, else
 * rte_malloc memory; clones keep the old one.  The tailroom is kept whole, as
 * Linux keeps it, except when @ntail is 0 and the buffer would pass 64 KiB:
 * then the tailroom is cut to what fits (headroom and data always stay whole).
 * @return 0; -EINVAL for a negative @nhead/@ntail or a shared (skb_get) skb;
 * -ENOMEM when the headroom and data (with the tailroom plus @ntail, when
 * @ntail > 0) would pass 64 KiB or memory is short; -EBUSY while DPDK
 * indirect mbufs (rte_pktmbuf_clone, rte_gso_segment) point into the head, which
 * then cannot be moved.  On error the skb is unchanged.
 */
__rte_warn_unused_result
int pskb_expand_head(struct sk_buff *skb, int nhead, int ntail);

/**
 * Make the head writable and give it at least @headroom bytes of headroom:
 * after it, writing the headers cannot change what a clone sees.  Copies the
 * head with pskb_expand_head() (keeping the tailroom) only when it is shared or
 * the headroom is short.
 * @return 0; as pskb_expand_head() when the copy cannot be made: -ENOMEM (past
 * 64 KiB, memory short), -EBUSY (DPDK indirect mbufs point into the head),
 * -EINVAL (the skb is shared, skb_get()) — the skb is then unchanged.
 */
__rte_warn_unused_result
static inline int
skb_cow_head(struct sk_buff *skb, unsigned int headroom)
{
	unsigned int room = skb_headroom(skb);

	SKB_DEBUG_ENTRY(skb, -EINVAL);
	if (likely(headroom <= room) && !skb_cloned(skb))
		return 0;
	if (unlikely(headroom > UINT16_MAX))
		return -ENOMEM;
	return pskb_expand_head(skb, headroom > room ? (int)(headroom - room) : 0, 0);
}

/* ---------------------------------------------------------------- nonlinear length changes */

/**
 * Cut the data to @len bytes, frags included (frags past @len are freed, the
 * last kept one shortened).  No effect when the skb is not longer than @len.
 * @return 0 (the call cannot fail here; Linux may return -ENOMEM).
 */
static inline int
pskb_trim(struct sk_buff *skb, unsigned int len)
{
	SKB_DEBUG_ENTRY(skb, -EINVAL);
	if (len >= skb_len(skb))
		return 0;
	if (likely(!skb_is_nonlinear(skb))) {
		skb->mbuf.data_len = (uint16_t)len;
		skb->mbuf.pkt_len = len;
		SKB_ASAN_HEAD(skb);
		return 0;
	}
	return __pskb_trim(skb, len);
}

/**
 * Remove @len bytes from the front of the data, frags included.  When @len
 * passes the linear area the head is left empty (skb_headlen() 0) and the frags
 * start at the old offset @len, as Linux leaves it; no data is copied.
 * @return the new data pointer (skb_data()); NULL when @len > skb_len() — the
 * skb is unchanged.
 */
void *pskb_pull(struct sk_buff *skb, unsigned int len);

/**
 * Make the whole skb linear (one segment), copying the frags into the head and
 * freeing them; the head is re-allocated (as pskb_expand_head) when short or shared.
 * @return 0; -ENOMEM when the data with its headroom passes 64 KiB or memory is
 * short (skb unchanged).
 */
__rte_warn_unused_result
static inline int
skb_linearize(struct sk_buff *skb)
{
	SKB_DEBUG_ENTRY(skb, -EINVAL);
	if (likely(!skb_is_nonlinear(skb)))
		return 0;
	return __pskb_pull_tail(skb, (int)skb_data_len(skb)) != NULL ? 0 : -ENOMEM;
}

/**
 * Copy @len bytes of the data from @offset into the buffers of @iov (filled in
 * order, from each one's start).  @iov is not advanced (Linux's old
 * skb_copy_datagram_iovec advanced it).
 * @return 0; -EFAULT when the range passes skb_len(), @offset/@len is negative or
 * the iovec holds fewer than @len bytes (nothing copied then); -EINVAL for a
 * negative @iovcnt.
 */
__rte_warn_unused_result
int skb_copy_datagram_iovec(const struct sk_buff *skb, int offset,
			    const struct iovec *iov, int iovcnt, int len);

/**
 * Copy @len bytes from the buffers of @iov (in order) into the data at @offset,
 * in place (see skb_store_bits() about clones).
 * @return 0; -EFAULT / -EINVAL as skb_copy_datagram_iovec() (nothing written then).
 */
__rte_warn_unused_result
int skb_copy_datagram_from_iovec(struct sk_buff *skb, int offset,
				 const struct iovec *iov, int iovcnt, int len);

/**
 * Split @skb at @len: the bytes after it move to @skb1, which must be linear
 * (typically fresh from alloc_skb) and gets them after its own data.  Bytes of
 * the linear area are copied into @skb1's tailroom; frags are moved, and a frag
 * the split point cuts is shared by both (no copy).  Metadata is not copied.
 * Differs from Linux: returns an error instead of assuming the room.
 * @return 0; -EINVAL when @len > skb_len(@skb), @skb1 is @skb or nonlinear;
 * -ENOMEM when @skb1's tailroom is short or the pool is empty; -EOVERFLOW when
 * @skb1 would pass MAX_SKB_FRAGS.  On error both are unchanged.
 */
__rte_warn_unused_result
int skb_split(struct sk_buff *skb, struct sk_buff *skb1, unsigned int len);

/* ---------------------------------------------------------------- private copies */

/**
 * A private, linear copy of @skb: same headroom (its bytes copied too), all the
 * data in the head, metadata as skb_clone() but not marked cloned.
 * @return the copy; NULL when headroom + length pass 64 KiB or memory is short.
 */
struct sk_buff *skb_copy(const struct sk_buff *skb);

/**
 * A copy with a private linear head (headroom and head bytes copied) and the frags
 * shared with @skb (Linux pskb_copy).
 * @return the copy; NULL when memory is short (@skb unchanged).
 */
struct sk_buff *pskb_copy(struct sk_buff *skb);

/**
 * A private, linear copy of @skb with @newheadroom bytes of headroom and at
 * least @newtailroom of tailroom (Linux skb_copy_expand), from @skb's pool:
 * the data and the last min(@newheadroom, skb_headroom()) bytes of the
 * headroom are copied, header offsets move with them, metadata as skb_copy().
 * @skb is unchanged and still the caller's.
 * @return the copy; NULL when @newheadroom or @newtailroom is negative, the
 * three lengths pass 64 KiB, or memory is short.
 */
struct sk_buff *skb_copy_expand(const struct sk_buff *skb, int newheadroom, int newtailroom);

/**
 * Make @skb's data private: when any of its segments is shared (skb_cloned() or
 * a shared frag), return a private copy (skb_copy()) and free @skb; else return
 * @skb.  As Linux, @skb is freed even when the copy fails.
 * @return the private skb, or NULL (the copy failed; @skb was freed).
 */
struct sk_buff *skb_unshare(struct sk_buff *skb);

/**
 * A new skb with the data of @skb and at least @headroom bytes of headroom: a
 * clone with its head expanded when more room is needed, else pskb_copy().
 * @skb is unchanged and still the caller's.
 * @return the new skb, or NULL when memory is short.
 */
struct sk_buff *skb_realloc_headroom(struct sk_buff *skb, unsigned int headroom);

/* ---------------------------------------------------------------- writable data, padding */

/**
 * Give @skb a private head when clones share it (Linux skb_unclone), so that
 * its head bytes can be written; the frags stay as they are.
 * @return 0; as pskb_expand_head() when the copy cannot be made (-ENOMEM,
 * -EBUSY, -EINVAL), the skb then unchanged and still the caller's.
 */
__rte_warn_unused_result
static inline int
skb_unclone(struct sk_buff *skb)
{
	SKB_DEBUG_ENTRY(skb, -EINVAL);
	if (!skb_cloned(skb))
		return 0;
	return pskb_expand_head(skb, 0, 0);
}

/**
 * Make the head writable with at least @headroom bytes of headroom (Linux
 * skb_cow): as skb_cow_head(), but headroom that must be added is added in
 * multiples of NET_SKB_PAD, so that later pushes find room.
 * @return 0; as skb_cow_head() (-ENOMEM, -EBUSY, -EINVAL), the skb then unchanged.
 */
__rte_warn_unused_result
static inline int
skb_cow(struct sk_buff *skb, unsigned int headroom)
{
	unsigned int room = skb_headroom(skb);

	if (headroom > room)
		headroom = room + RTE_ALIGN_CEIL(headroom - room, NET_SKB_PAD);
	return skb_cow_head(skb, headroom);
}

/**
 * Make the first @write_len bytes of the data linear and private, so that
 * they can be written without a clone seeing it (Linux skb_ensure_writable).
 * Pointers into the data taken before the call are stale after it.
 * @return 0; -ENOMEM when the skb is shorter than @write_len or the bytes
 * cannot be made linear; as pskb_expand_head() when the head cannot be made
 * private.  The skb stays the caller's either way.
 */
__rte_warn_unused_result
static inline int
skb_ensure_writable(struct sk_buff *skb, unsigned int write_len)
{
	if (!pskb_may_pull(skb, write_len))
		return -ENOMEM;
	return skb_unclone(skb);
}

/**
 * The skb to use when others may hold @skb (Linux skb_share_check): when it is
 * shared (skb_get()), a clone, and the caller's reference to @skb is dropped;
 * else @skb itself.
 * @return the skb; NULL when the clone could not be made (the pool is empty):
 * the caller's reference to @skb is dropped then too, as Linux does.
 */
static inline struct sk_buff *
skb_share_check(struct sk_buff *skb)
{
	struct sk_buff *n;

	SKB_DEBUG_ENTRY(skb, NULL);
	if (likely(!skb_shared(skb)))
		return skb;
	n = skb_clone(skb);
	kfree_skb(skb);
	return n;
}

/**
 * Detach @skb from its owner (Linux skb_orphan: runs the socket destructor).
 * libskb skbs have no socket and no destructor, so there is nothing to do:
 * the call exists so that ported code keeps its line.
 */
static inline void
skb_orphan(struct sk_buff *skb)
{
	RTE_SET_USED(skb);
}

/**
 * Make sure the @pad bytes after the data exist and are zero, without adding
 * them to the data (Linux skb_pad): the linear tailroom is used when it is
 * private and long enough; otherwise the head is re-allocated with room for
 * the frags and the pad, and the frags copied into it (the skb is linear
 * after it).
 * @return 0; on error the skb is FREED, as Linux does: -EINVAL for @pad < 0,
 * -ENOMEM when the data and the pad pass 64 KiB or memory is short, -EBUSY
 * when DPDK indirect mbufs point into the head.
 */
__rte_warn_unused_result
int skb_pad(struct sk_buff *skb, int pad);

/**
 * skb_pad() to @len bytes (Linux skb_padto): when the skb is shorter than
 * @len, the bytes up to @len after the data are made to exist and zeroed; the
 * length does not change.
 * @return 0; on error, as skb_pad(), the skb is FREED.
 */
__rte_warn_unused_result
static inline int
skb_padto(struct sk_buff *skb, unsigned int len)
{
	unsigned int size = skb_len(skb);

	if (likely(size >= len))
		return 0;
	if (unlikely(len - size > INT32_MAX)) {
		kfree_skb(skb);
		return -ENOMEM;
	}
	return skb_pad(skb, (int)(len - size));
}

/**
 * Pad @skb with zeros to @len bytes and add them to the data (Linux
 * skb_put_padto): skb_len() is at least @len after it.
 * @return 0; -ENOMEM on error, when the skb is FREED (as skb_pad()).
 */
__rte_warn_unused_result
static inline int
skb_put_padto(struct sk_buff *skb, unsigned int len)
{
	unsigned int size = skb_len(skb);

	if (likely(size >= len))
		return 0;
	if (skb_padto(skb, len) != 0)
		return -ENOMEM;
	__skb_put(skb, len - size);
	return 0;
}

/**
 * Pad an Ethernet frame with zeros to the shortest frame, ETH_ZLEN (60) bytes
 * (Linux eth_skb_pad).
 * @return 0; -ENOMEM on error, when the skb is FREED.
 */
__rte_warn_unused_result
static inline int
eth_skb_pad(struct sk_buff *skb)
{
	return skb_put_padto(skb, ETH_ZLEN);
}

/* ---------------------------------------------------------------- Ethernet and VLAN */

/**
 * Take in an Ethernet frame received on @port_id (Linux eth_type_trans): the
 * mac header is set at the data, mbuf.port set to @port_id (Linux's
 * skb->dev), skb->pkt_type set against the port's MAC address (read with
 * rte_eth_macaddr_get() for the port's first frame and kept per port, so a
 * unicast frame costs one compare; skb_netdev_set_mac() and
 * skb_netdev_mac_refresh() renew the copy): PACKET_HOST when the destination is that address,
 * PACKET_BROADCAST for ff:ff:ff:ff:ff:ff, PACKET_MULTICAST for another group
 * address, PACKET_OTHERHOST for another unicast one; then the ETH_HLEN bytes
 * of the header are pulled.  A tagged frame (802.1Q, 802.1ad) returns its
 * tag's protocol, ETH_P_8021Q or ETH_P_8021AD, with the tag left at the data,
 * as Linux: the receive path (or skb_vlan_pop() with the mac header back at
 * the data) takes it off.
 * Differs from Linux: the header is first made linear when it lies in frags,
 * and a frame shorter than ETH_HLEN is left as it was (Linux would read past
 * it); a port without a MAC address (an invalid @port_id) matches no unicast.
 * @return the protocol in network order: the EtherType when it is one
 * (>= ETH_P_802_3_MIN), else ETH_P_802_3 (raw 802.3, payload starting
 * 0xffff) or ETH_P_802_2 (LLC); 0 when the frame is shorter than ETH_HLEN
 * or its header cannot be made linear (SKB_MISUSE_PULL counted, the skb
 * unchanged).
 */
uint16_t eth_type_trans(struct sk_buff *skb, uint16_t port_id);

/**
 * Insert a VLAN tag into the frame (Linux skb_vlan_push, the tag written into
 * the bytes): after the two MAC addresses at the mac header, which must be at
 * the data, come @vlan_proto (network order: ETH_P_8021Q or ETH_P_8021AD, as
 * rte_cpu_to_be_16() gives) and @vlan_tci (host order), then the EtherType
 * that was there.  The new tag is the outermost.  skb->protocol becomes
 * @vlan_proto, the mac header and data move 4 bytes to the front; the network
 * and transport headers stay on their bytes.  The head is made private and
 * given the 4 bytes of headroom when needed (skb_cow_head()).
 * @return 0; -EINVAL when the mac header is not at the data or the frame is
 * shorter than two MAC addresses; -ENOMEM (or as skb_cow_head()) when the
 * room cannot be made.  On error the skb is unchanged and still the caller's.
 */
__rte_warn_unused_result
int skb_vlan_push(struct sk_buff *skb, uint16_t vlan_proto, uint16_t vlan_tci);

/**
 * Take the outermost VLAN tag out of the frame (Linux skb_vlan_pop with the
 * tag in the frame): the mac header must be at the data; when the EtherType
 * after the two MAC addresses is ETH_P_8021Q or ETH_P_8021AD and the frame
 * holds the whole tagged header (VLAN_ETH_HLEN), the MAC addresses move 4
 * bytes to the back over the tag, the data and mac header with them, and
 * skb->protocol becomes the EtherType the tag carried (as eth_type_trans()
 * gives it); a network header set inside the old Ethernet header moves to
 * just after the new one.  The tag's TCI is not kept: an inner tag stays in
 * the frame, now outermost.  A frame without a tag is left as it is.
 * Differs from Linux: no tag is kept aside (no hwaccel tag), and an mbuf tag
 * the NIC stripped on receive (RTE_MBUF_F_RX_VLAN_STRIPPED) is not looked at.
 * @return 0 (a tag popped, or none there); -EINVAL when the mac header is not
 * at the data; as skb_ensure_writable() (-ENOMEM, ...) when the tagged header
 * cannot be made linear and private — the skb then unchanged.
 */
__rte_warn_unused_result
int skb_vlan_pop(struct sk_buff *skb);

/* ---------------------------------------------------------------- queues */

/**
 * A queue of skbs (Linux struct sk_buff_head), linked through sk_buff next/prev,
 * NULL-terminated.  The plain calls take @lock (an rte_spinlock, safe across
 * lcores); the "__" twins take no lock: the caller holds it or the queue is
 * private to one lcore.  An skb is on at most one queue at a time.
 */
struct sk_buff_head {
	struct sk_buff *next; /**< first skb, NULL when empty */
	struct sk_buff *prev; /**< last skb, NULL when empty */
	uint32_t qlen;
	rte_spinlock_t lock;
};

/** Empty @list without touching its lock. */
static inline void
__skb_queue_head_init(struct sk_buff_head *list)
{
	list->next = NULL;
	list->prev = NULL;
	list->qlen = 0;
}

/** Empty @list and initialise its lock. */
static inline void
skb_queue_head_init(struct sk_buff_head *list)
{
	rte_spinlock_init(&list->lock);
	__skb_queue_head_init(list);
}

/** Number of skbs on @list (a snapshot when other lcores use it). */
static inline uint32_t
skb_queue_len(const struct sk_buff_head *list)
{
	return __atomic_load_n(&list->qlen, __ATOMIC_RELAXED);
}

/** True when @list holds no skb (a snapshot when other lcores use it). */
static inline bool
skb_queue_empty(const struct sk_buff_head *list)
{
	return skb_queue_len(list) == 0;
}

/** The first skb, left on @list; NULL when empty.  No lock, as Linux: hold it or own the list. */
static inline struct sk_buff *
skb_peek(const struct sk_buff_head *list)
{
	return list->next;
}

/** The last skb, left on @list; NULL when empty.  No lock, as skb_peek(). */
static inline struct sk_buff *
skb_peek_tail(const struct sk_buff_head *list)
{
	return list->prev;
}

/** skb_peek() by its lockless name. */
static inline struct sk_buff *
__skb_peek(const struct sk_buff_head *list)
{
	return list->next;
}

/** skb_peek_tail() by its lockless name. */
static inline struct sk_buff *
__skb_peek_tail(const struct sk_buff_head *list)
{
	return list->prev;
}

/**
 * Put @newsk after @old, which is on @list; no lock.
 */
static inline void
__skb_append(struct sk_buff *old, struct sk_buff *newsk, struct sk_buff_head *list)
{
	newsk->prev = old;
	newsk->next = old->next;
	if (old->next != NULL)
		old->next->prev = newsk;
	else
		list->prev = newsk;
	old->next = newsk;
	__atomic_store_n(&list->qlen, list->qlen + 1, __ATOMIC_RELAXED);
}

/**
 * Put @newsk before @old, which is on @list; no lock.
 * Differs from Linux, whose __skb_insert() is the internal (newsk, prev, next, list)
 * helper: here it is skb_insert() without the lock.
 */
static inline void
__skb_insert(struct sk_buff *old, struct sk_buff *newsk, struct sk_buff_head *list)
{
	newsk->next = old;
	newsk->prev = old->prev;
	if (old->prev != NULL)
		old->prev->next = newsk;
	else
		list->next = newsk;
	old->prev = newsk;
	__atomic_store_n(&list->qlen, list->qlen + 1, __ATOMIC_RELAXED);
}

/** Put @newsk at the end of @list; no lock. */
static inline void
__skb_queue_tail(struct sk_buff_head *list, struct sk_buff *newsk)
{
	if (list->prev != NULL) {
		__skb_append(list->prev, newsk, list);
		return;
	}
	newsk->next = NULL;
	newsk->prev = NULL;
	list->next = newsk;
	list->prev = newsk;
	__atomic_store_n(&list->qlen, 1, __ATOMIC_RELAXED);
}

/** Put @newsk at the front of @list; no lock. */
static inline void
__skb_queue_head(struct sk_buff_head *list, struct sk_buff *newsk)
{
	if (list->next != NULL)
		__skb_insert(list->next, newsk, list);
	else
		__skb_queue_tail(list, newsk);
}

/** Take @skb, which is on @list, off it; no lock. */
static inline void
__skb_unlink(struct sk_buff *skb, struct sk_buff_head *list)
{
	struct sk_buff *prev = skb->prev, *next = skb->next;

	if (prev != NULL)
		prev->next = next;
	else
		list->next = next;
	if (next != NULL)
		next->prev = prev;
	else
		list->prev = prev;
	skb->next = NULL;
	skb->prev = NULL;
	__atomic_store_n(&list->qlen, list->qlen - 1, __ATOMIC_RELAXED);
}

/** Take the first skb off @list; no lock.  @return it, or NULL when empty. */
static inline struct sk_buff *
__skb_dequeue(struct sk_buff_head *list)
{
	struct sk_buff *skb = list->next;

	if (skb != NULL)
		__skb_unlink(skb, list);
	return skb;
}

/** Take the last skb off @list; no lock.  @return it, or NULL when empty. */
static inline struct sk_buff *
__skb_dequeue_tail(struct sk_buff_head *list)
{
	struct sk_buff *skb = list->prev;

	if (skb != NULL)
		__skb_unlink(skb, list);
	return skb;
}

/** Free every skb on @list (kfree_skb) and leave it empty; no lock. */
static inline void
__skb_queue_purge(struct sk_buff_head *list)
{
	struct sk_buff *skb;

	while ((skb = __skb_dequeue(list)) != NULL)
		kfree_skb(skb);
}

/** Move every skb of @list to the end of @head, in order, and empty @list; no lock. */
static inline void
__skb_queue_splice_tail_init(struct sk_buff_head *list, struct sk_buff_head *head)
{
	if (list->next == NULL)
		return;
	list->next->prev = head->prev;
	if (head->prev != NULL)
		head->prev->next = list->next;
	else
		head->next = list->next;
	head->prev = list->prev;
	__atomic_store_n(&head->qlen, head->qlen + list->qlen, __ATOMIC_RELAXED);
	__skb_queue_head_init(list);
}

/** Put @newsk at the front of @list, under its lock. */
static inline void
skb_queue_head(struct sk_buff_head *list, struct sk_buff *newsk)
{
	rte_spinlock_lock(&list->lock);
	__skb_queue_head(list, newsk);
	rte_spinlock_unlock(&list->lock);
}

/** Put @newsk at the end of @list, under its lock. */
static inline void
skb_queue_tail(struct sk_buff_head *list, struct sk_buff *newsk)
{
	rte_spinlock_lock(&list->lock);
	__skb_queue_tail(list, newsk);
	rte_spinlock_unlock(&list->lock);
}

/** Take the first skb off @list under its lock.  @return it, or NULL when empty. */
static inline struct sk_buff *
skb_dequeue(struct sk_buff_head *list)
{
	struct sk_buff *skb;

	rte_spinlock_lock(&list->lock);
	skb = __skb_dequeue(list);
	rte_spinlock_unlock(&list->lock);
	return skb;
}

/** Take the last skb off @list under its lock.  @return it, or NULL when empty. */
static inline struct sk_buff *
skb_dequeue_tail(struct sk_buff_head *list)
{
	struct sk_buff *skb;

	rte_spinlock_lock(&list->lock);
	skb = __skb_dequeue_tail(list);
	rte_spinlock_unlock(&list->lock);
	return skb;
}

/** Put @newsk before @old (on @list), under the lock. */
static inline void
skb_insert(struct sk_buff *old, struct sk_buff *newsk, struct sk_buff_head *list)
{
	rte_spinlock_lock(&list->lock);
	__skb_insert(old, newsk, list);
	rte_spinlock_unlock(&list->lock);
}

/** Put @newsk after @old (on @list), under the lock. */
static inline void
skb_append(struct sk_buff *old, struct sk_buff *newsk, struct sk_buff_head *list)
{
	rte_spinlock_lock(&list->lock);
	__skb_append(old, newsk, list);
	rte_spinlock_unlock(&list->lock);
}

/** Take @skb (on @list) off it, under the lock. */
static inline void
skb_unlink(struct sk_buff *skb, struct sk_buff_head *list)
{
	rte_spinlock_lock(&list->lock);
	__skb_unlink(skb, list);
	rte_spinlock_unlock(&list->lock);
}

/** Free every skb on @list, taking each off under the lock (the frees run unlocked). */
static inline void
skb_queue_purge(struct sk_buff_head *list)
{
	struct sk_buff *skb;

	while ((skb = skb_dequeue(list)) != NULL)
		kfree_skb(skb);
}

/**
 * Move every skb of @list to the end of @head and empty @list, holding both
 * locks (taken in address order, so two opposite splices cannot deadlock).
 * Differs from Linux, whose skb_queue_splice_tail_init takes no lock.
 */
static inline void
skb_queue_splice_tail_init(struct sk_buff_head *list, struct sk_buff_head *head)
{
	struct sk_buff_head *a = list < head ? list : head, *b = list < head ? head : list;

	if (list == head)
		return;
	rte_spinlock_lock(&a->lock);
	rte_spinlock_lock(&b->lock);
	__skb_queue_splice_tail_init(list, head);
	rte_spinlock_unlock(&b->lock);
	rte_spinlock_unlock(&a->lock);
}

/** Walk @queue front to back; @skb must not be unlinked in the body (see _safe). No lock. */
#define skb_queue_walk(queue, skb) \
	for ((skb) = (queue)->next; (skb) != NULL; (skb) = (skb)->next)

/** As skb_queue_walk(), with @tmp holding the next skb so the body may unlink @skb. */
#define skb_queue_walk_safe(queue, skb, tmp)                                   \
	for ((skb) = (queue)->next, (tmp) = (skb) != NULL ? (skb)->next : NULL; \
	     (skb) != NULL;                                                     \
	     (skb) = (tmp), (tmp) = (skb) != NULL ? (skb)->next : NULL)

/* ---------------------------------------------------------------- bursts */

/**
 * Receive up to @n skbs from a port queue without making their fields valid: the
 * bare rte_eth_rx_burst() on the same array, for burst paths that never read the
 * plain fields (cb, protocol, priority, mark, ip_summed, ...) and only move the
 * packets.  Every accessor call is right on such an skb (the metadata is made
 * valid the first time one needs it, see the top of this file); a plain field
 * read or written before that call is lost.  The ASan build poisons the
 * headroom and tailroom of every segment received.
 * @return the number received.
 */
static inline uint16_t
__skb_rx_burst(uint16_t port, uint16_t queue, struct sk_buff **skbs, uint16_t n)
{
	uint16_t nb = rte_eth_rx_burst(port, queue, (struct rte_mbuf **)skbs, n);

	SKB_ASAN_RX(skbs, nb);
	return nb;
}

/**
 * Receive up to @n skbs from a port queue, each one's fields valid as a fresh
 * netdev_alloc_skb()'s (skb_meta_init()): kernel RX code may set skb->protocol
 * and then call skb_reset_network_header().  @return the number received.
 */
static inline uint16_t
skb_rx_burst(uint16_t port, uint16_t queue, struct sk_buff **skbs, uint16_t n)
{
	uint16_t nb = __skb_rx_burst(port, queue, skbs, n), i;

	for (i = 0; i < nb; i++)
		skb_meta_init(skbs[i]);
	return nb;
}

/**
 * Transmit up to @n skbs on a port queue.  Ownership of the sent ones passes to
 * the driver; the rest stay the caller's.
 * @return the number sent.
 */
static inline uint16_t
skb_tx_burst(uint16_t port, uint16_t queue, struct sk_buff **skbs, uint16_t n)
{
	return rte_eth_tx_burst(port, queue, (struct rte_mbuf **)skbs, n);
}

#ifdef __cplusplus
}
#endif

#endif /* _SKB_H_ */
