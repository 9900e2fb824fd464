/* SPDX-License-Identifier: BSD-3-Clause */
/* A net_ring port for unit tests: what a test enqueues on its RX ring it receives, what it sends lands on its TX ring. */
#ifndef _TEST_RING_PORT_H_
#define _TEST_RING_PORT_H_

#include <string.h>

#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_ring.h>

#include "test.h"

/*
 * Make and start port @name (*@port) over two new 64-slot rings "@name_rx"
 * and "@name_tx" (*@rx, *@tx), one queue each way, receiving into @pool.
 * net_ring hands mbufs over as they are, ol_flags and private area included.
 * @return TEST_SUCCESS, or TEST_FAILED with a line saying which step failed.
 */
static inline int
test_ring_port(const char *name, struct rte_mempool *pool, struct rte_ring **rx,
	       struct rte_ring **tx, uint16_t *port)
{
	char rname[RTE_RING_NAMESIZE];
	struct rte_eth_conf conf;
	int id;

	snprintf(rname, sizeof(rname), "%s_rx", name);
	*rx = rte_ring_create(rname, 64, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
	snprintf(rname, sizeof(rname), "%s_tx", name);
	*tx = rte_ring_create(rname, 64, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
	if (*rx == NULL || *tx == NULL) {
		printf("# rings of %s: %s\n", name, rte_strerror(rte_errno));
		return TEST_FAILED;
	}
	id = rte_eth_from_rings(name, rx, 1, tx, 1, SOCKET_ID_ANY);
	if (id < 0) {
		printf("# net_ring port %s: %s\n", name, rte_strerror(rte_errno));
		return TEST_FAILED;
	}
	*port = (uint16_t)id;
	memset(&conf, 0, sizeof(conf));
	if (rte_eth_dev_configure(*port, 1, 1, &conf) != 0 ||
	    rte_eth_rx_queue_setup(*port, 0, 64, SOCKET_ID_ANY, NULL, pool) != 0 ||
	    rte_eth_tx_queue_setup(*port, 0, 64, SOCKET_ID_ANY, NULL) != 0 ||
	    rte_eth_dev_start(*port) != 0) {
		printf("# port %s could not be set up and started\n", name);
		return TEST_FAILED;
	}
	return TEST_SUCCESS;
}

#endif /* _TEST_RING_PORT_H_ */
