/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * skbfwd's console, testpmd's -i: the `skbfwd> ` prompt on DPDK's cmdline
 * library (line editing, history, TAB completion of command words) over a
 * terminal, a pipe or a file (console.c), and its commands (commands.c).
 *
 * Input is read by skbfwd and handed to the library a byte at a time, so
 * that a line longer than the library's line buffer is refused whole instead
 * of being cut and run, and so that signals, --duration and the main lcore's
 * periodic work (console_ctl.tick) go on while the prompt waits.
 */
#ifndef _SKBFWD_CONSOLE_H_
#define _SKBFWD_CONSOLE_H_

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include <cmdline_parse.h>

/** The prompt, testpmd's with skbfwd's name. */
#define CONSOLE_PROMPT "skbfwd> "

/**
 * The longest line the console runs: librte_cmdline keeps 512 characters of
 * a line (RDLINE_BUF_SIZE, private to the library) and drops the rest; a line
 * that reaches 512 is refused with one line instead.
 */
#define CONSOLE_LINE_MAX 511

/* ------------------------------------------------------------ console.c */

/** What else ends a console session than `quit` and the end of its input. */
struct console_ctl {
	const volatile sig_atomic_t *signal;  /**< non-zero: a signal asked to stop */
	uint64_t deadline;                    /**< timer cycles when --duration ends; 0: never */
	void (*tick)(void);                   /**< called about every 100 ms while the console
						   waits (link polling, metrics); NULL: none */
};

/**
 * Run the commands of @path (--cmdline-file) as if typed, without echo; a line
 * the commands do not know prints "skbfwd: FILE:LINE: Command not found" (or
 * "Bad arguments") and the next line runs.
 * @return 1 when `quit`, a signal or the deadline ended it; 0 at the end of
 * the file; -errno after printing why when it cannot be read.
 */
int console_run_file(const char *path, const struct console_ctl *ctl);

/**
 * The prompt on standard input until `quit`, the end of input (Ctrl-D on a
 * terminal), a signal or the deadline.  A terminal is put in the library's
 * raw mode meanwhile and restored after.
 * @return 0; -ENOMEM when the console cannot be made.
 */
int console_interact(const struct console_ctl *ctl);

/* ----------------------------------------------------------- commands.c */

/**
 * The command table (a cmdline parse context), built on first use: the names
 * of the engines and options come from the engine table and config.c.
 * @return the context; NULL when out of memory.
 */
cmdline_parse_ctx_t *console_commands(void);

/** Free what console_commands() built. */
void console_commands_free(void);

/** True once `quit` ran. */
bool console_quit_asked(void);

#endif /* _SKBFWD_CONSOLE_H_ */
