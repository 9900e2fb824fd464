/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * drivers-glue: bring-up of any ethdev (net_null, net_tap, net_pcap, net_ring,
 * net_memif, net_af_packet, PCI NICs) for skbfwd.  Queue setup, offload discovery,
 * link wait, promiscuous mode, one skb pool per NUMA socket and the port -> pool
 * map.  Knows nothing about forwarding engines.
 *
 * Errors: int functions return 0 or a negative errno and log the cause.
 */
#ifndef _GLUE_PORT_H_
#define _GLUE_PORT_H_

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include <rte_ethdev.h>
#include <rte_mempool.h>

/** What the application asks of every port.  Zeroed fields ask for the defaults. */
struct glue_port_conf {
	uint16_t nb_rxq;          /**< RX queues (RSS spreads flows when > 1) */
	uint16_t nb_txq;          /**< TX queues */
	uint16_t nb_rxd;          /**< RX descriptors per queue */
	uint16_t nb_txd;          /**< TX descriptors per queue */
	bool promisc;             /**< enable promiscuous mode */
	unsigned int link_wait_ms;/**< longest wait for link up (0: do not wait) */
	uint64_t rx_offloads;     /**< RX offloads wanted: enabled only where reported */
	uint64_t tx_offloads;     /**< TX offloads wanted: enabled only where reported */
	uint32_t max_rx_pkt_len;  /**< longest frame received, the MTU follows (0: device default) */
	uint32_t max_lro_pkt_size;/**< rxmode.max_lro_pkt_size (0: device default) */
	uint64_t rss_hf;          /**< RSS hash functions with several RX queues, enabled only
				       where reported (0: IP, UDP and TCP) */
	bool no_rss;              /**< no RSS even with several RX queues */
	bool no_lsc_interrupt;    /**< poll link changes even where the device interrupts */
	bool no_start;            /**< configure and set up the queues, leave the port stopped */
	uint32_t link_speeds;     /**< rte_eth_conf link_speeds (0: autonegotiate) */
	bool ring_sockets;        /**< the rings on @rx_socket and @tx_socket, not the port's */
	int rx_socket, tx_socket;
	/** Adjust a queue's configuration (thresholds, drop_en) before set-up; NULL: none. */
	void (*rxconf)(uint16_t port_id, struct rte_eth_rxconf *rxconf);
	void (*txconf)(uint16_t port_id, struct rte_eth_txconf *txconf);
};

/** How the skb pools are made (glue_pools_setup()). */
struct glue_pool_conf {
	unsigned int nb_mbufs;    /**< skbs per pool */
	unsigned int data_room;   /**< buffer size including headroom (RTE_MBUF_DEFAULT_BUF_SIZE) */
	int cache_size;           /**< per-lcore cache; < 0: libskb's default */
	bool one_pool;            /**< one pool on @socket for every port (NUMA off) */
	int socket;               /**< with @one_pool the pool's socket, otherwise the socket of
				       ports that report none (virtual devices); SOCKET_ID_ANY:
				       the main lcore's */
};

/** A port as set up. */
struct glue_port {
	uint16_t port_id;
	int socket;                   /**< NUMA socket of the device (0 when unknown) */
	bool started;
	bool lsc_intr;                /**< link changes come as LSC interrupts (else polled) */
	bool link_up;                 /**< link state last seen */
	uint16_t mtu;                 /**< the MTU set */
	uint64_t rss_asked;           /**< RSS hash functions asked (rss_hf: those on) */
	struct rte_mempool *pool;     /**< the socket's skb pool */
	struct rte_ether_addr mac;
	struct rte_eth_dev_info info;
	uint64_t rx_offloads;         /**< enabled RX offloads */
	uint64_t tx_offloads;         /**< enabled TX offloads */
	uint64_t rss_hf;              /**< RSS hash functions on (0: RSS off) */
	uint16_t nb_rxq, nb_txq;
	char name[RTE_ETH_NAME_MAX_LEN];
	struct glue_port_conf conf;   /**< what the last glue_port_setup() asked for (bytewise copy) */
};

/**
 * Create one skb pool for each NUMA socket used by the available ports.
 * @param nb_mbufs   skbs per pool.
 * @param data_room  buffer size including headroom (RTE_MBUF_DEFAULT_BUF_SIZE).
 * @return 0, -ENODEV when no port is available, -ENOMEM when a pool cannot be made.
 */
int glue_pools_create(unsigned int nb_mbufs, unsigned int data_room);

/**
 * Create the skb pools as @conf says: one for each NUMA socket used by the
 * available ports (glue_port_set_socket() moves a port to another socket), or
 * one for all.
 * @return 0, -ENODEV when no port is available, -ENOMEM when a pool cannot be made.
 */
int glue_pools_setup(const struct glue_pool_conf *conf);

/**
 * Put the pool of @port_id on @socket (SOCKET_ID_ANY: the device's socket
 * again); call before glue_pools_setup().
 */
void glue_port_set_socket(uint16_t port_id, int socket);

/** The socket whose pool @port_id uses (after glue_pools_setup()). */
int glue_port_socket(uint16_t port_id);

/** The skb pool for NUMA socket @socket (falls back to any pool made), or NULL. */
struct rte_mempool *glue_socket_pool(int socket);

/**
 * Configure, set up queues for, and start @port_id; record its pool for
 * netdev_alloc_skb().  Only offloads the device reports are enabled (and
 * MBUF_FAST_FREE only while there is one skb pool); the start-up line prints
 * what is on and what was asked for but stays off.  A port set up before is
 * stopped first and set up again with @conf (its queues are replaced).
 * @return 0, or a negative errno (the cause is logged); a port set up before
 * is then left stopped.
 */
int glue_port_setup(uint16_t port_id, const struct glue_port_conf *conf);

/** The state of a port set up by glue_port_setup(), or NULL. */
struct glue_port *glue_port_get(uint16_t port_id);

/**
 * Wait up to @ms for link up on every started port; prints each link's state.
 * Returns early, printing nothing more, once *@stop (when not NULL) is set.
 */
void glue_ports_wait_link(unsigned int ms, const volatile sig_atomic_t *stop);

/**
 * Log the link changes of ports without LSC interrupts since the last call
 * ("Port N: link event (poll): ..."; ports with them log from the callback).
 * @return the number of ports whose link changed.
 */
unsigned int glue_ports_poll_link(void);

/**
 * Stop @port_id, set up by glue_port_setup(); nothing when it is stopped already.
 * @return 0; -ENODEV when glue_port_setup() did not set it up; the ethdev's
 * negative errno when it would not stop (it then counts as started).
 */
int glue_port_stop(uint16_t port_id);

/**
 * Start @port_id again after glue_port_stop(), with the set-up it had.
 * @return 0 (also when started); -ENODEV when glue_port_setup() did not set it
 * up; another negative errno from rte_eth_dev_start() (the port stays stopped).
 */
int glue_port_start(uint16_t port_id);

/**
 * Close @port_id (stopped first when started), which releases the mbufs held
 * by its rings, and forget it: glue_port_get() returns NULL after.
 * @return 0; -ENODEV when glue_port_setup() did not set it up; the ethdev's
 * negative errno from rte_eth_dev_close() (the port is forgotten all the same).
 */
int glue_port_close(uint16_t port_id);

/** Stop and close every port set up here (glue_port_close()). */
void glue_ports_close(void);

/** Sum of mbufs in use over every pool made by glue_pools_create(). */
unsigned int glue_pools_in_use(void);

/** Free every pool (after glue_ports_close()). */
void glue_pools_free(void);

/** Text list of the offload names set in @offloads ("none" when 0) into @buf. */
const char *glue_offload_names(uint64_t offloads, bool rx, char *buf, size_t size);

/** Text list of the RSS hash functions (RTE_ETH_RSS_*) in @rss_hf ("none" when 0) into @buf. */
const char *glue_rss_names(uint64_t rss_hf, char *buf, size_t size);

/**
 * Print "Port N: NAME event" for the ethdev events of @mask (1 << RTE_ETH_EVENT_*)
 * on every port; link-state changes keep their own line ("Port N: link event"),
 * printed only while @mask has RTE_ETH_EVENT_INTR_LSC.  Replaces an earlier mask.
 * @return 0, or a negative errno when a callback cannot be registered.
 */
int glue_events_print(uint32_t mask);

/** The name of ethdev event @type ("link state change", "device removal", ...). */
const char *glue_event_name(enum rte_eth_event_type type);

#endif /* _GLUE_PORT_H_ */
