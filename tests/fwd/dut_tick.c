/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * dut-tick: a device under test of known capacity for the RFC 2544 test
 * (test_rfc2544.py).  It sits on port 0 (a memif client, say) and, as a NIC
 * with an RX ring of --ring descriptors served by a CPU that handles --frames
 * frames every --period-us microseconds, at every tick
 *   - sends up to --frames of the ring back out of the port, unchanged,
 *   - then takes everything waiting on the port into its ring, dropping what
 *     does not fit (counted: ring drops, the NIC's imissed).
 * Ticks keep an absolute schedule in virtual time: when the process wakes k
 * ticks late (descheduled), it serves the k ticks' frames from the ring, and
 * what service is left goes to the frames that arrived meanwhile (they waited
 * in the port's own ring) before the rest go into the ring: as the device
 * would have done had it run.  So the device forwards --frames x 10^6 / --period-us
 * frames per second at most, and without loss any rate up to that plus --ring
 * frames over a trial, however late the process runs (while the port's ring
 * holds what arrives meanwhile).
 * Its bursts are a polling reader's (drivers-glue/quiesce.h): when the memif
 * peer leaves first, the rings are not unmapped under a burst.
 * It runs until SIGTERM or --duration, then prints one line:
 *   dut-tick: received N sent N ring-drops N tx-drops N
 */

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sys/prctl.h>

#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>

#include "quiesce.h"

#define DUT_MAX_RING 65536
#define DUT_BURST 64

static volatile sig_atomic_t dut_quit;

static void
dut_signal(int sig)
{
	dut_quit = sig;
}

/* "--name=VALUE" in @arg: VALUE as a positive number into *@v. */
static int
dut_opt(const char *arg, const char *name, unsigned long *v)
{
	size_t len = strlen(name);
	char *end;

	if (strncmp(arg, name, len) != 0 || arg[len] != '=')
		return 0;
	errno = 0;
	*v = strtoul(arg + len + 1, &end, 10);
	if (errno != 0 || *end != '\0' || *v == 0) {
		fprintf(stderr, "dut-tick: %s: not a positive number\n", arg);
		exit(2);
	}
	return 1;
}

static void
dut_ts_add(struct timespec *t, unsigned long ns)
{
	t->tv_nsec += (long)ns;
	while (t->tv_nsec >= 1000000000L) {
		t->tv_nsec -= 1000000000L;
		t->tv_sec++;
	}
}

/* Send @n frames out of port 0, a few tries; what it refuses is freed and counted. */
static void
dut_send(struct rte_mbuf **pkts, unsigned int n, uint64_t *sent, uint64_t *tx_drops)
{
	unsigned int done = 0, tries;

	for (tries = 0; done < n && tries < 100; tries++)
		done += rte_eth_tx_burst(0, 0, pkts + done, (uint16_t)(n - done));
	*sent += done;
	*tx_drops += n - done;
	if (done < n)
		rte_pktmbuf_free_bulk(pkts + done, n - done);
}

int
main(int argc, char **argv)
{
	static struct rte_mbuf *ring[DUT_MAX_RING];
	unsigned long frames = 16, period_us = 160, ring_size = 2048, duration = 300;
	uint64_t received = 0, sent = 0, ring_drops = 0, tx_drops = 0;
	unsigned int head = 0, count = 0;
	struct rte_eth_conf conf;
	struct rte_eth_link link;
	struct rte_mempool *mp;
	struct timespec next, end;
	int ret, i;

	ret = rte_eal_init(argc, argv);
	if (ret < 0) {
		fprintf(stderr, "dut-tick: EAL initialisation failed: %s\n", rte_strerror(rte_errno));
		return 1;
	}
	for (i = ret + 1; i < argc; i++)
		if (!dut_opt(argv[i], "--frames", &frames) &&
		    !dut_opt(argv[i], "--period-us", &period_us) &&
		    !dut_opt(argv[i], "--ring", &ring_size) &&
		    !dut_opt(argv[i], "--duration", &duration)) {
			fprintf(stderr, "dut-tick: unknown option %s\n", argv[i]);
			return 2;
		}
	if (ring_size > DUT_MAX_RING) {
		fprintf(stderr, "dut-tick: --ring at most %d\n", DUT_MAX_RING);
		return 2;
	}
	signal(SIGINT, dut_signal);
	signal(SIGTERM, dut_signal);
	/* wake at the tick, not up to 50 us after it */
	prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);

	mp = rte_pktmbuf_pool_create("dut", (unsigned int)ring_size + 4096, 0, 0,
				     RTE_MBUF_DEFAULT_BUF_SIZE, (int)rte_socket_id());
	memset(&conf, 0, sizeof(conf));
	if (mp == NULL || rte_eth_dev_count_avail() < 1 ||
	    rte_eth_dev_configure(0, 1, 1, &conf) != 0 ||
	    rte_eth_rx_queue_setup(0, 0, 1024, (unsigned int)rte_socket_id(), NULL, mp) != 0 ||
	    rte_eth_tx_queue_setup(0, 0, 1024, (unsigned int)rte_socket_id(), NULL) != 0 ||
	    rte_eth_dev_start(0) != 0) {
		fprintf(stderr, "dut-tick: port 0 set-up failed\n");
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += 20;
	do {
		memset(&link, 0, sizeof(link));
		rte_eth_link_get_nowait(0, &link);
		if (link.link_status == RTE_ETH_LINK_UP)
			break;
		usleep(10000);
		clock_gettime(CLOCK_MONOTONIC, &next);
	} while (!dut_quit && (next.tv_sec < end.tv_sec ||
			       (next.tv_sec == end.tv_sec && next.tv_nsec < end.tv_nsec)));
	printf("dut-tick: %s: %lu frames every %lu us, ring %lu\n",
	       link.link_status == RTE_ETH_LINK_UP ? "link up" : "link down", frames, period_us,
	       ring_size);
	fflush(stdout);

	clock_gettime(CLOCK_MONOTONIC, &next);
	end = next;
	end.tv_sec += (time_t)duration;
	while (!dut_quit && (next.tv_sec < end.tv_sec ||
			     (next.tv_sec == end.tv_sec && next.tv_nsec < end.tv_nsec))) {
		struct rte_mbuf *pkts[DUT_BURST];
		unsigned long ticks = 0, serve;
		unsigned int n, k;
		struct timespec now;
		uint16_t nb;

		/* asleep, it holds no ring: a memif peer that leaves may unmap them */
		glue_poll_offline();
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
		glue_poll_online();
		/* the ticks due by now: this one and those the process missed */
		clock_gettime(CLOCK_MONOTONIC, &now);
		do {
			dut_ts_add(&next, period_us * 1000);
			ticks++;
		} while (next.tv_sec < now.tv_sec ||
			 (next.tv_sec == now.tv_sec && next.tv_nsec <= now.tv_nsec));
		/* the CPU: --frames of the ring a tick */
		for (serve = ticks * frames; serve > 0 && count > 0; serve -= n) {
			n = (unsigned int)RTE_MIN(RTE_MIN((unsigned long)count, serve),
						  (unsigned long)DUT_BURST);
			for (k = 0; k < n; k++)
				pkts[k] = ring[(head + k) % ring_size];
			head = (head + n) % (unsigned int)ring_size;
			count -= n;
			dut_send(pkts, n, &sent, &tx_drops);
		}
		/*
		 * The NIC: what arrived.  While the missed ticks have service left
		 * and the ring is empty, the frames are those the CPU would have
		 * served as they came: out at once.  The rest into the ring, and
		 * what does not fit is missed.
		 */
		while ((nb = rte_eth_rx_burst(0, 0, pkts, DUT_BURST)) != 0) {
			struct rte_mbuf *out[DUT_BURST];
			unsigned int nout = 0;

			received += nb;
			for (k = 0; k < nb; k++) {
				if (serve > 0 && count == 0) {
					out[nout++] = pkts[k];
					serve--;
				} else if (count == ring_size) {
					rte_pktmbuf_free(pkts[k]);
					ring_drops++;
				} else {
					ring[(head + count) % ring_size] = pkts[k];
					count++;
				}
			}
			dut_send(out, nout, &sent, &tx_drops);
		}
	}
	glue_poll_offline();
	while (count > 0) {
		rte_pktmbuf_free(ring[head]);
		head = (head + 1) % (unsigned int)ring_size;
		count--;
	}
	printf("dut-tick: received %" PRIu64 " sent %" PRIu64 " ring-drops %" PRIu64
	       " tx-drops %" PRIu64 "\n", received, sent, ring_drops, tx_drops);
	fflush(stdout);
	rte_eth_dev_stop(0);
	rte_eth_dev_close(0);
	rte_mempool_free(mp);
	rte_eal_cleanup();
	return 0;
}
