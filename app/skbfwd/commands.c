/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The console's commands (console.h), with testpmd's words and, where testpmd
 * prints something, testpmd's lines.  Each command is a cmdline instruction
 * of fixed words, numbers and choice lists, so the library completes the
 * words on TAB and answers "Command not found" / "Bad arguments" itself.
 * Every error a command finds is one line on stderr.  Options are set through
 * config.c's parser (fwd_set_option()), so every option, an engine's too, is
 * a `set` word with nothing to add here.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmdline.h>
#include <cmdline_parse.h>
#include <cmdline_parse_num.h>
#include <cmdline_parse_string.h>
#include <rte_ethdev.h>

#include "port.h"
#include "config.h"
#include "console.h"
#include "control.h"
#include "runtime.h"
#include "stats.h"
#include "verbose.h"

static bool cmd_quit_asked;

bool
console_quit_asked(void)
{
	return cmd_quit_asked;
}

/* ------------------------------------------------------------ helpers */

/* "all" or a port number: the ports a command acts on (@port valid when not all). */
#define CMD_PORT_ALL RTE_MAX_ETHPORTS
/* The data of a command that names a port (N) rather than all ports. */
#define CMD_DATA_PORT ((void *)(uintptr_t)1)

/* One error line on stderr. */
#define cmd_err(...) fprintf(stderr, __VA_ARGS__)

/* True when @port is a port; else "Invalid port N (valid ports: ...)". */
static bool
cmd_port_ok(uint16_t port)
{
	char list[512];
	size_t len = 0;
	uint16_t pid;

	if (rte_eth_dev_is_valid_port(port))
		return true;
	list[0] = '\0';
	RTE_ETH_FOREACH_DEV(pid)
		if (len < sizeof(list))
			len += (size_t)snprintf(list + len, sizeof(list) - len, " %u", pid);
	cmd_err("Invalid port %u (valid ports:%s)\n", port, len ? list : " none");
	return false;
}

/* True when forwarding runs on @port (on any port: CMD_PORT_ALL). */
static bool
cmd_port_forwarding(uint16_t port)
{
	unsigned int i;

	if (!fwd_running())
		return false;
	for (i = 0; i < nb_fwd_ports; i++)
		if (port == CMD_PORT_ALL || fwd_ports[i] == port)
			return true;
	return false;
}

/* ------------------------------------------------------- the result */

/*
 * What every command parses into: the words by their position, a number, a
 * port, the rest of a `set` line.  A token names its field by offset, so one
 * token serves every command with that word at that place.
 */
struct cmd_result {
	cmdline_fixed_string_t w0, w1, w2, w3;
	uint32_t n;
	uint16_t port;
	cmdline_multi_string_t value;
};

/* ---------------------------------------------------------------- start */

static void
cmd_start_parsed(void *res, struct cmdline *cl __rte_unused, void *data __rte_unused)
{
	struct cmd_result *r = res;
	unsigned int tx_first = strcmp(r->w1, "tx_first") == 0 ? 1 : 0;

	if (fwd_running()) {
		cmd_err("Packet forwarding already started\n");
		return;
	}
	fwd_start(tx_first);
}

static void
cmd_start_n_parsed(void *res, struct cmdline *cl __rte_unused, void *data __rte_unused)
{
	struct cmd_result *r = res;

	if (r->n == 0 || r->n > FWD_TX_FIRST_MAX) {
		cmd_err("start tx_first %u: N is 1..%u\n", r->n, FWD_TX_FIRST_MAX);
		return;
	}
	if (fwd_running()) {
		cmd_err("Packet forwarding already started\n");
		return;
	}
	fwd_start(r->n);
}

static void
cmd_stop_parsed(void *res __rte_unused, struct cmdline *cl __rte_unused,
		void *data __rte_unused)
{
	if (!fwd_running()) {
		cmd_err("Packet forwarding not started\n");
		return;
	}
	fwd_stop();
}

/* ------------------------------------------------------------ show port */

static void
cmd_port_info(uint16_t port)
{
	static const char border[] = "*********************";
	const struct glue_port *gp = glue_port_get(port);
	struct rte_eth_dev_info info;
	struct rte_eth_link link;
	struct rte_eth_rxq_info rxq;
	struct rte_eth_txq_info txq;
	struct rte_ether_addr mac;
	char name[RTE_ETH_NAME_MAX_LEN], offl[512];
	uint16_t mtu = 0;
	int socket;

	memset(&info, 0, sizeof(info));
	if (rte_eth_dev_info_get(port, &info) != 0) {
		cmd_err("Port %u: no device information\n", port);
		return;
	}
	printf("\n%s Infos for port %-2u %s\n", border, port, border);
	if (rte_eth_macaddr_get(port, &mac) == 0)
		printf("MAC address: " RTE_ETHER_ADDR_PRT_FMT "\n", RTE_ETHER_ADDR_BYTES(&mac));
	if (rte_eth_dev_get_name_by_port(port, name) == 0)
		printf("Device name: %s\n", name);
	printf("Driver name: %s\n", info.driver_name);
	socket = rte_eth_dev_socket_id(port);
	printf("Connect to socket: %d\n", socket < 0 ? 0 : socket);
	printf("Port state: %s\n", gp == NULL ? "not set up" : gp->started ? "started" :
	       "stopped");
	memset(&link, 0, sizeof(link));
	if (rte_eth_link_get_nowait(port, &link) == 0) {
		printf("Link status: %s\n", link.link_status ? "up" : "down");
		printf("Link speed: %s\n", rte_eth_link_speed_to_str(link.link_speed));
		printf("Link duplex: %s\n", link.link_duplex == RTE_ETH_LINK_FULL_DUPLEX ?
		       "full-duplex" : "half-duplex");
		printf("Autoneg status: %s\n", link.link_autoneg ? "On" : "Off");
	}
	if (rte_eth_dev_get_mtu(port, &mtu) == 0)
		printf("MTU: %u\n", mtu);
	printf("Promiscuous mode: %s\n",
	       rte_eth_promiscuous_get(port) == 1 ? "enabled" : "disabled");
	printf("Allmulticast mode: %s\n",
	       rte_eth_allmulticast_get(port) == 1 ? "enabled" : "disabled");
	printf("Current number of RX queues: %u\n", info.nb_rx_queues);
	printf("Max possible RX queues: %u\n", info.max_rx_queues);
	/* descriptors as the device set them up, else as skbfwd asked */
	memset(&rxq, 0, sizeof(rxq));
	if (info.nb_rx_queues != 0 && rte_eth_rx_queue_info_get(port, 0, &rxq) == 0)
		printf("Current number of RXDs per queue: %u\n", rxq.nb_desc);
	else if (gp != NULL)
		printf("Current number of RXDs per queue: %u\n", gp->conf.nb_rxd);
	printf("Max possible number of RXDs per queue: %u\n", info.rx_desc_lim.nb_max);
	printf("Min possible number of RXDs per queue: %u\n", info.rx_desc_lim.nb_min);
	printf("Current number of TX queues: %u\n", info.nb_tx_queues);
	printf("Max possible TX queues: %u\n", info.max_tx_queues);
	memset(&txq, 0, sizeof(txq));
	if (info.nb_tx_queues != 0 && rte_eth_tx_queue_info_get(port, 0, &txq) == 0)
		printf("Current number of TXDs per queue: %u\n", txq.nb_desc);
	else if (gp != NULL)
		printf("Current number of TXDs per queue: %u\n", gp->conf.nb_txd);
	printf("Max possible number of TXDs per queue: %u\n", info.tx_desc_lim.nb_max);
	printf("Min possible number of TXDs per queue: %u\n", info.tx_desc_lim.nb_min);
	if (gp != NULL) {
		printf("RX offloads enabled: %s\n",
		       glue_offload_names(gp->rx_offloads, true, offl, sizeof(offl)));
		printf("TX offloads enabled: %s\n",
		       glue_offload_names(gp->tx_offloads, false, offl, sizeof(offl)));
		printf("RSS: %s\n", gp->rss_hf ? "on" : "off");
	}
	printf("RX offload capabilities: %s\n",
	       glue_offload_names(info.rx_offload_capa, true, offl, sizeof(offl)));
	printf("TX offload capabilities: %s\n",
	       glue_offload_names(info.tx_offload_capa, false, offl, sizeof(offl)));
}

static void
cmd_port_xstats(uint16_t port)
{
	struct rte_eth_xstat_name *names = NULL;
	struct rte_eth_xstat *values = NULL;
	int n, i;

	printf("###### NIC extended statistics for port %-2u\n", port);
	n = rte_eth_xstats_get_names(port, NULL, 0);
	if (n <= 0)
		return;
	names = calloc((size_t)n, sizeof(*names));
	values = calloc((size_t)n, sizeof(*values));
	if (names == NULL || values == NULL ||
	    rte_eth_xstats_get_names(port, names, (unsigned int)n) != n ||
	    rte_eth_xstats_get(port, values, (unsigned int)n) != n) {
		cmd_err("Port %u: cannot read the extended statistics\n", port);
	} else {
		for (i = 0; i < n; i++)
			printf("%s: %" PRIu64 "\n", names[values[i].id].name, values[i].value);
	}
	free(names);
	free(values);
}

/* One "show port" or "clear port stats" of @what on @port. */
static void
cmd_port_show_one(const char *what, uint16_t port, bool clear)
{
	if (clear) {
		int ret = rte_eth_stats_reset(port);

		if (ret < 0)
			cmd_err("Port %u: cannot clear the statistics: %s\n", port, strerror(-ret));
		else
			printf("\n  NIC statistics for port %u cleared\n", port);
	} else if (strcmp(what, "stats") == 0) {
		stats_nic_display(port);
	} else if (strcmp(what, "info") == 0) {
		cmd_port_info(port);
	} else {
		cmd_port_xstats(port);
	}
}

static void
cmd_port_show(const char *what, uint16_t port, bool clear)
{
	uint16_t pid;

	if (port != CMD_PORT_ALL) {
		if (cmd_port_ok(port))
			cmd_port_show_one(what, port, clear);
		return;
	}
	RTE_ETH_FOREACH_DEV(pid)
		cmd_port_show_one(what, pid, clear);
}

/* The port a command names: CMD_DATA_PORT commands name one, the others "all". */
static uint16_t
cmd_port_of(const struct cmd_result *r, const void *data)
{
	return data == CMD_DATA_PORT ? r->port : CMD_PORT_ALL;
}

static void
cmd_show_port_parsed(void *res, struct cmdline *cl __rte_unused, void *data)
{
	struct cmd_result *r = res;

	cmd_port_show(r->w2, cmd_port_of(r, data), strcmp(r->w0, "clear") == 0);
}

/* -------------------------------------------------- fwd stats, config */

static void
cmd_fwd_stats_parsed(void *res, struct cmdline *cl __rte_unused, void *data __rte_unused)
{
	struct cmd_result *r = res;

	if (strcmp(r->w0, "clear") == 0)
		fwd_clear_stats();
	else
		stats_print_fwd();
}

static void
cmd_show_config_parsed(void *res __rte_unused, struct cmdline *cl __rte_unused,
		       void *data __rte_unused)
{
	/* what start runs now: the running plan, else the next one */
	fwd_print_plan(!fwd_running());
}

static void
cmd_show_drops_parsed(void *res __rte_unused, struct cmdline *cl __rte_unused,
		      void *data __rte_unused)
{
	stats_print_drops();
}

/* ------------------------------------------------------------------ set */

/* Names of the `set` words with a command of their own (not options). */
static const char *const cmd_set_words[] = {
	"fwd", "verbose", "promisc", "link-up", "link-down", NULL,
};

/* testpmd's word for an option of another name. */
static const struct {
	const char *word, *option;
} cmd_set_alias[] = {
	{ "fwd", "forward-mode" },
	{ "nbcore", "nb-cores" },
};

/* Set option @name to @value; the testpmd confirmation line where it has one. */
static void
cmd_set_option(const char *name, const char *value)
{
	unsigned int i;
	int ret;

	for (i = 0; i < RTE_DIM(cmd_set_alias); i++)
		if (strcmp(name, cmd_set_alias[i].word) == 0)
			name = cmd_set_alias[i].option;
	ret = fwd_set_option(name, value);
	if (ret == -EBUSY) {
		cmd_err("Please stop forwarding first\n");
		return;
	}
	if (ret < 0)
		return;
	if (strcmp(name, "forward-mode") == 0)
		printf("Set %s packet forwarding mode\n", cfg.engine->name);
	else if (strcmp(name, "burst") == 0)
		printf("Number of packets per burst set to %u\n", cfg.burst);
	else if (strcmp(name, "nb-cores") == 0)
		printf("Number of forwarding cores set to %u\n", cfg.nb_cores);
}

static void
cmd_set_fwd_parsed(void *res, struct cmdline *cl __rte_unused, void *data __rte_unused)
{
	struct cmd_result *r = res;

	cmd_set_option("fwd", r->w2);
}

static void
cmd_set_value_parsed(void *res, struct cmdline *cl __rte_unused, void *data __rte_unused)
{
	struct cmd_result *r = res;
	char *v = r->value, *out = r->value;
	bool blank = false;

	/* the words of VALUE joined by commas: set eth-peer 1 MAC is --eth-peer=1,MAC */
	for (; *v != '\0'; v++) {
		if (*v == ' ' || *v == '\t') {
			blank = out != r->value;
			continue;
		}
		if (blank)
			*out++ = ',';
		blank = false;
		*out++ = *v;
	}
	*out = '\0';
	cmd_set_option(r->w1, r->value);
}

static void
cmd_set_flag_parsed(void *res, struct cmdline *cl __rte_unused, void *data __rte_unused)
{
	struct cmd_result *r = res;

	cmd_set_option(r->w1, NULL);
}

static void
cmd_set_verbose_parsed(void *res, struct cmdline *cl __rte_unused, void *data __rte_unused)
{
	struct cmd_result *r = res;

	printf("Change verbose level from %u to %u\n", fwd_verbose_set(r->n), r->n);
}

static void
cmd_promisc_one(uint16_t port, bool on)
{
	int ret = on ? rte_eth_promiscuous_enable(port) : rte_eth_promiscuous_disable(port);

	if (ret < 0)
		cmd_err("Error during %s promiscuous mode for port %u: %s\n",
			on ? "enabling" : "disabling", port, strerror(-ret));
}

static void
cmd_set_promisc_parsed(void *res, struct cmdline *cl __rte_unused, void *data)
{
	struct cmd_result *r = res;
	bool on = strcmp(r->w3, "on") == 0;
	uint16_t pid;

	if (data != CMD_DATA_PORT) {
		RTE_ETH_FOREACH_DEV(pid)
			cmd_promisc_one(pid, on);
	} else if (cmd_port_ok(r->port)) {
		cmd_promisc_one(r->port, on);
	}
}

static void
cmd_set_link_parsed(void *res, struct cmdline *cl __rte_unused, void *data __rte_unused)
{
	struct cmd_result *r = res;
	bool up = strcmp(r->w1, "link-up") == 0;
	int ret;

	if (!cmd_port_ok(r->port))
		return;
	ret = up ? rte_eth_dev_set_link_up(r->port) : rte_eth_dev_set_link_down(r->port);
	if (ret < 0)
		cmd_err("Set link %s fail: %s (port %u)\n", up ? "up" : "down", strerror(-ret),
			r->port);
}

/* ----------------------------------------------------------------- port */

static void
cmd_port_parsed(const char *action, uint16_t port)
{
	uint16_t ports[RTE_MAX_ETHPORTS], pid;
	unsigned int n = 0, i;

	if (port != CMD_PORT_ALL && !cmd_port_ok(port))
		return;
	if (cmd_port_forwarding(port)) {
		cmd_err("Please stop forwarding first\n");
		return;
	}
	if (port == CMD_PORT_ALL) {
		RTE_ETH_FOREACH_DEV(pid)
			ports[n++] = pid;
	} else {
		ports[n++] = port;
	}
	if (strcmp(action, "stop") == 0) {
		printf("Stopping ports...\n");
		for (i = 0; i < n; i++)
			fwd_port_stop(ports[i]);
		printf("Checking link statuses...\nDone\n");
	} else if (strcmp(action, "start") == 0) {
		for (i = 0; i < n; i++) {
			const struct glue_port *gp = glue_port_get(ports[i]);

			if (gp != NULL && gp->started) {
				cmd_err("Port %u is now not stopped\n", ports[i]);
				continue;
			}
			fwd_port_start(ports[i]);
		}
		printf("Checking link statuses...\n");
		fflush(stdout);
		glue_ports_wait_link(3000, &skbfwd_quit);
		printf("Done\n");
	} else {
		printf("Closing ports...\n");
		for (i = 0; i < n; i++) {
			fwd_port_close(ports[i]);
			printf("Port %u is closed\n", ports[i]);
		}
		printf("Done\n");
	}
}

static void
cmd_port_cmd_parsed(void *res, struct cmdline *cl __rte_unused, void *data)
{
	struct cmd_result *r = res;

	cmd_port_parsed(r->w1, cmd_port_of(r, data));
}

/* ------------------------------------------------------------ help, quit */

/* Filled with the engines' names by console_commands(). */
static char *cmd_help_modes;

static void
cmd_help_parsed(void *res __rte_unused, struct cmdline *cl __rte_unused, void *data __rte_unused)
{
	static const char *const lines[][2] = {
		{ "start", "start forwarding" },
		{ "start tx_first [N]", "send N bursts (default 1) of txonly frames on every stream, then forward" },
		{ "stop", "stop forwarding and print the forward statistics of the run" },
		{ "show port stats all|N", "NIC statistics: device counters, rates since the last show" },
		{ "clear port stats all|N", "zero the device counters" },
		{ "show port info all|N", "driver, MAC, link, queues, descriptors, offloads" },
		{ "show port xstats all|N", "the device's extended statistics" },
		{ "show fwd stats all", "the forward statistics of the run, as stop prints them" },
		{ "clear fwd stats all", "zero the forward statistics of the run" },
		{ "show config fwd", "engine, lcores and streams of the run (or of the next start)" },
		{ "show drops", "the drops of the run by named reason, per port" },
		{ "set fwd MODE", NULL },
		{ "set OPTION VALUE", "any option of skbfwd or of the engine: set burst 64, set nbcore 1,"
		  " set eth-peer 1 02:00:00:00:00:01, set routes FILE; set OPTION on|off without a value" },
		{ "set verbose N", "0 quiet, 1 a line per received frame, 2 per sent frame, 3 both" },
		{ "set promisc all|N on|off", "promiscuous mode" },
		{ "set link-up port N", "set the link of port N up" },
		{ "set link-down port N", "set the link of port N down" },
		{ "port stop all|N", "stop ports" },
		{ "port start all|N", "start ports (set up again when the configuration changed)" },
		{ "port close all|N", "close ports; they leave the forwarding ports" },
		{ "help", "this list" },
		{ "quit", "stop forwarding, print the final statistics and leave (also Ctrl-D)" },
	};
	unsigned int i;

	for (i = 0; i < RTE_DIM(lines); i++)
		printf("%-26s %s\n", lines[i][0], lines[i][1] != NULL ? lines[i][1] :
		       cmd_help_modes != NULL ? cmd_help_modes : "forwarding engine");
}

static void
cmd_quit_parsed(void *res __rte_unused, struct cmdline *cl, void *data __rte_unused)
{
	cmd_quit_asked = true;
	cmdline_quit(cl);
}

/* ------------------------------------------------------------- tokens */

#define W(field, words) TOKEN_STRING_INITIALIZER(struct cmd_result, field, words)

/* first words */
static cmdline_parse_token_string_t t_start = W(w0, "start");
static cmdline_parse_token_string_t t_stop = W(w0, "stop");
static cmdline_parse_token_string_t t_help = W(w0, "help");
static cmdline_parse_token_string_t t_quit = W(w0, "quit");
static cmdline_parse_token_string_t t_show = W(w0, "show");
static cmdline_parse_token_string_t t_clear = W(w0, "clear");
static cmdline_parse_token_string_t t_show_clear = W(w0, "show#clear");
static cmdline_parse_token_string_t t_set = W(w0, "set");
static cmdline_parse_token_string_t t_port0 = W(w0, "port");
/* second words */
static cmdline_parse_token_string_t t_tx_first = W(w1, "tx_first");
static cmdline_parse_token_string_t t_port1 = W(w1, "port");
static cmdline_parse_token_string_t t_fwd1 = W(w1, "fwd");
static cmdline_parse_token_string_t t_config1 = W(w1, "config");
static cmdline_parse_token_string_t t_drops1 = W(w1, "drops");
static cmdline_parse_token_string_t t_verbose1 = W(w1, "verbose");
static cmdline_parse_token_string_t t_link1 = W(w1, "link-up#link-down");
static cmdline_parse_token_string_t t_promisc1 = W(w1, "promisc");
static cmdline_parse_token_string_t t_action1 = W(w1, "stop#start#close");
static cmdline_parse_token_string_t t_option1 = W(w1, NULL); /* the option names */
/* third and fourth words */
static cmdline_parse_token_string_t t_what2 = W(w2, "stats#info#xstats");
static cmdline_parse_token_string_t t_stats2 = W(w2, "stats");
static cmdline_parse_token_string_t t_fwd2 = W(w2, "fwd");
static cmdline_parse_token_string_t t_mode2 = W(w2, NULL); /* the engine names */
static cmdline_parse_token_string_t t_port2 = W(w2, "port");
static cmdline_parse_token_string_t t_all2 = W(w2, "all");
static cmdline_parse_token_string_t t_all3 = W(w3, "all");
static cmdline_parse_token_string_t t_on_off3 = W(w3, "on#off");
/* numbers, ports, the value of set */
static cmdline_parse_token_num_t t_n = TOKEN_NUM_INITIALIZER(struct cmd_result, n, RTE_UINT32);
static cmdline_parse_token_num_t t_port_id = TOKEN_NUM_INITIALIZER(struct cmd_result, port,
								    RTE_UINT16);
static cmdline_parse_token_string_t t_value = W(value, TOKEN_STRING_MULTI);

/* What a command is: its function, that function's data, its help, its tokens. */
struct cmd_def {
	void (*f)(void *res, struct cmdline *cl, void *data);
	void *data;
	const char *help;
	cmdline_parse_token_hdr_t *tokens[5];
};

#define TK(t) ((cmdline_parse_token_hdr_t *)&(t))

static const struct cmd_def cmd_defs[] = {
	{ cmd_start_parsed, NULL, "start forwarding", { TK(t_start) } },
	{ cmd_start_parsed, NULL,
	  "start tx_first: one burst of txonly frames on every stream, then forward",
	  { TK(t_start), TK(t_tx_first) } },
	{ cmd_start_n_parsed, NULL,
	  "start tx_first N: N bursts of txonly frames on every stream, then forward",
	  { TK(t_start), TK(t_tx_first), TK(t_n) } },
	{ cmd_stop_parsed, NULL, "stop forwarding", { TK(t_stop) } },
	{ cmd_show_port_parsed, NULL, "show port stats|info|xstats all",
	  { TK(t_show), TK(t_port1), TK(t_what2), TK(t_all3) } },
	{ cmd_show_port_parsed, CMD_DATA_PORT, "show port stats|info|xstats N",
	  { TK(t_show), TK(t_port1), TK(t_what2), TK(t_port_id) } },
	{ cmd_show_port_parsed, NULL, "clear port stats all",
	  { TK(t_clear), TK(t_port1), TK(t_stats2), TK(t_all3) } },
	{ cmd_show_port_parsed, CMD_DATA_PORT, "clear port stats N",
	  { TK(t_clear), TK(t_port1), TK(t_stats2), TK(t_port_id) } },
	{ cmd_fwd_stats_parsed, NULL, "show|clear fwd stats all",
	  { TK(t_show_clear), TK(t_fwd1), TK(t_stats2), TK(t_all3) } },
	{ cmd_show_config_parsed, NULL, "show config fwd",
	  { TK(t_show), TK(t_config1), TK(t_fwd2) } },
	{ cmd_show_drops_parsed, NULL, "show drops", { TK(t_show), TK(t_drops1) } },
	{ cmd_set_fwd_parsed, NULL, "set fwd MODE: the forwarding engine",
	  { TK(t_set), TK(t_fwd1), TK(t_mode2) } },
	{ cmd_set_value_parsed, NULL, "set OPTION VALUE: any skbfwd or engine option",
	  { TK(t_set), TK(t_option1), TK(t_value) } },
	{ cmd_set_flag_parsed, NULL, "set OPTION: turn on an option without a value",
	  { TK(t_set), TK(t_option1) } },
	{ cmd_set_verbose_parsed, NULL, "set verbose N: 0 quiet, 1 received, 2 sent, 3 both",
	  { TK(t_set), TK(t_verbose1), TK(t_n) } },
	{ cmd_set_promisc_parsed, NULL, "set promisc all on|off",
	  { TK(t_set), TK(t_promisc1), TK(t_all2), TK(t_on_off3) } },
	{ cmd_set_promisc_parsed, CMD_DATA_PORT, "set promisc N on|off",
	  { TK(t_set), TK(t_promisc1), TK(t_port_id), TK(t_on_off3) } },
	{ cmd_set_link_parsed, NULL, "set link-up|link-down port N",
	  { TK(t_set), TK(t_link1), TK(t_port2), TK(t_port_id) } },
	{ cmd_port_cmd_parsed, NULL, "port stop|start|close all",
	  { TK(t_port0), TK(t_action1), TK(t_all2) } },
	{ cmd_port_cmd_parsed, CMD_DATA_PORT, "port stop|start|close N",
	  { TK(t_port0), TK(t_action1), TK(t_port_id) } },
	{ cmd_help_parsed, NULL, "list the commands", { TK(t_help) } },
	{ cmd_quit_parsed, NULL, "stop forwarding, print the final statistics, leave",
	  { TK(t_quit) } },
};

/* ------------------------------------------------------- the context */

static cmdline_parse_ctx_t *cmd_ctx;
static char *cmd_engine_words, *cmd_option_words;

/*
 * Every command runs through here: its own function, then what it printed is
 * flushed before the library writes the next prompt (the library writes with
 * write(2), stdio buffers).
 */
static void
cmd_dispatch(void *res, struct cmdline *cl, void *data)
{
	const struct cmd_def *d = &cmd_defs[(uintptr_t)data];

	d->f(res, cl, d->data);
	fflush(stdout);
	fflush(stderr);
}

/* A growing "a#b#c" list (the choices of a cmdline string token). */
struct cmd_words {
	char *s;
	size_t len, size;
	int err;
};

static void
cmd_words_add(struct cmd_words *w, const char *word)
{
	size_t n = strlen(word) + 2;
	char *s;

	if (w->err != 0)
		return;
	if (w->len + n > w->size) {
		s = realloc(w->s, 2 * (w->size + n));
		if (s == NULL) {
			w->err = -ENOMEM;
			return;
		}
		w->s = s;
		w->size = 2 * (w->size + n);
	}
	w->len += (size_t)snprintf(w->s + w->len, w->size - w->len, "%s%s", w->len ? "#" : "",
				   word);
}

static void
cmd_option_word(const char *name, bool has_value __rte_unused, void *arg)
{
	unsigned int i;

	for (i = 0; cmd_set_words[i] != NULL; i++)
		if (strcmp(cmd_set_words[i], name) == 0)
			return;
	cmd_words_add(arg, name);
}

cmdline_parse_ctx_t *
console_commands(void)
{
	const struct fwd_engine *const *e = fwd_engine_table();
	struct cmd_words engines = { NULL, 0, 0, 0 }, options = { NULL, 0, 0, 0 };
	struct cmd_words modes = { NULL, 0, 0, 0 };
	unsigned int i;

	if (cmd_ctx != NULL)
		return cmd_ctx;
	for (i = 0; e != NULL && e[i] != NULL; i++)
		cmd_words_add(&engines, e[i]->name);
	cmd_words_add(&modes, "forwarding engine:");
	for (i = 0; e != NULL && e[i] != NULL; i++)
		cmd_words_add(&modes, e[i]->name);
	skbfwd_options_foreach(cmd_option_word, &options);
	for (i = 0; i < RTE_DIM(cmd_set_alias); i++)
		if (strcmp(cmd_set_alias[i].word, "fwd") != 0)
			cmd_words_add(&options, cmd_set_alias[i].word);
	cmd_ctx = calloc(RTE_DIM(cmd_defs) + 1, sizeof(*cmd_ctx));
	for (i = 0; cmd_ctx != NULL && i < RTE_DIM(cmd_defs); i++) {
		const struct cmd_def *d = &cmd_defs[i];
		unsigned int n = 0;

		while (n < RTE_DIM(d->tokens) && d->tokens[n] != NULL)
			n++;
		/* the instruction's token list is a flexible array: made here */
		cmd_ctx[i] = calloc(1, sizeof(*cmd_ctx[i]) + (n + 1) * sizeof(d->tokens[0]));
		if (cmd_ctx[i] == NULL) {
			engines.err = -ENOMEM;
			break;
		}
		cmd_ctx[i]->f = cmd_dispatch;
		cmd_ctx[i]->data = (void *)(uintptr_t)i;
		cmd_ctx[i]->help_str = d->help;
		memcpy(cmd_ctx[i]->tokens, d->tokens, n * sizeof(d->tokens[0]));
	}
	if (engines.err || options.err || modes.err || cmd_ctx == NULL) {
		free(engines.s);
		free(options.s);
		free(modes.s);
		cmd_engine_words = cmd_option_words = cmd_help_modes = NULL;
		console_commands_free();
		return NULL;
	}
	/* "forwarding engine: io mac ..." for help: the list without its '#' */
	for (i = 0; modes.s[i] != '\0'; i++)
		if (modes.s[i] == '#')
			modes.s[i] = ' ';
	cmd_help_modes = modes.s;
	cmd_engine_words = engines.s;
	cmd_option_words = options.s;
	t_mode2.string_data.str = cmd_engine_words;
	t_option1.string_data.str = cmd_option_words;
	return cmd_ctx;
}

void
console_commands_free(void)
{
	unsigned int i;

	for (i = 0; cmd_ctx != NULL && i < RTE_DIM(cmd_defs); i++)
		free(cmd_ctx[i]);
	free(cmd_ctx);
	cmd_ctx = NULL;
	t_mode2.string_data.str = NULL;
	t_option1.string_data.str = NULL;
	free(cmd_engine_words);
	free(cmd_option_words);
	free(cmd_help_modes);
	cmd_engine_words = cmd_option_words = cmd_help_modes = NULL;
}
