/* SPDX-License-Identifier: BSD-3-Clause */
/* A net_ring port for unit tests: what a test enqueues on its RX ring it receives, what it sends lands on its TX ring. */
#ifndef _TEST_RING_PORT_H_
#define _TEST_RING_PORT_H_

#include <string.h>

#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_ring.h>

/*
 * Make and start port @name over two new 64-slot rings "@name_rx" and
 * "@name_tx" (*@rx, *@tx), one queue each way, receiving into @pool.
 * net_ring hands mbufs over as they are, ol_flags and private area included.
 * @return the port id, or -1.
 */
static inline int
test_ring_port(const char *name, struct rte_mempool *pool, struct rte_ring **rx,
	       struct rte_ring **tx)
{
	char rname[RTE_RING_NAMESIZE];
	struct rte_eth_conf conf;
	int port;

	snprintf(rname, sizeof(rname), "%s_rx", name);
	*rx = rte_ring_create(rname, 64, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
	snprintf(rname, sizeof(rname), "%s_tx", name);
	*tx = rte_ring_create(rname, 64, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
	if (*rx == NULL || *tx == NULL)
		return -1;
	port = rte_eth_from_rings(name, rx, 1, tx, 1, SOCKET_ID_ANY);
	if (port < 0)
		return -1;
	memset(&conf, 0, sizeof(conf));
	if (rte_eth_dev_configure((uint16_t)port, 1, 1, &conf) != 0 ||
	    rte_eth_rx_queue_setup((uint16_t)port, 0, 64, SOCKET_ID_ANY, NULL, pool) != 0 ||
	    rte_eth_tx_queue_setup((uint16_t)port, 0, 64, SOCKET_ID_ANY, NULL) != 0 ||
	    rte_eth_dev_start((uint16_t)port) != 0)
		return -1;
	return port;
}

#endif /* _TEST_RING_PORT_H_ */
