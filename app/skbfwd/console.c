/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The console's input (console.h): standard input or a --cmdline-file read by
 * skbfwd and fed to librte_cmdline, which edits, completes, keeps the history
 * and runs the commands of commands.c.
 *
 * Why skbfwd reads rather than cmdline_interact(): the library keeps 512
 * characters of a line and drops the rest silently, so a long line would run
 * cut (`set routes /a/very/long/...` naming another file); here a line that
 * fills the buffer is dropped whole with one error line.  Reading with poll()
 * also lets the console see a signal and the end of --duration, and do the
 * main lcore's periodic work (console_ctl.tick) while it waits.  A file's bad
 * line is reported with its line number (the library prints nothing for a
 * file: it has no output).
 */

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmdline.h>
#include <cmdline_rdline.h>
#include <cmdline_socket.h>
#include <rte_cycles.h>

#include "console.h"

#define CONSOLE_POLL_MS 100         /* link polling and flushing while idle */
#define CONSOLE_KEY_EOF 0x04        /* Ctrl-D: end of input on a terminal only */

struct console_in {
	struct cmdline *cl;
	int fd;
	const char *file;           /* --cmdline-file, NULL: standard input */
	bool tty;
	unsigned int lineno;        /* lines of the file read so far */
	bool too_long;              /* the current line overflowed: dropped at its end */
};

/* Characters in the line being edited. */
static size_t
console_line_len(struct console_in *in)
{
	const char *buf = rdline_get_buffer(cmdline_get_rdline(in->cl));
	size_t n = buf != NULL ? strlen(buf) : 0;

	return n > 0 ? n - 1 : 0; /* the buffer ends in the '\n' of the return */
}

/* Why the library would not run the line being edited, as it says it; NULL: it would. */
static const char *
console_check_line(struct console_in *in)
{
	const char *buf = rdline_get_buffer(cmdline_get_rdline(in->cl));

	switch (cmdline_parse_check(in->cl, buf)) {
	case CMDLINE_PARSE_AMBIGUOUS:
		return "Ambiguous command";
	case CMDLINE_PARSE_NOMATCH:
		return "Command not found";
	case CMDLINE_PARSE_BAD_ARGS:
		return "Bad arguments";
	default:
		return NULL;
	}
}

/* Drop the line being edited, saying @why in one line. */
static void
console_drop_line(struct console_in *in, const char *why)
{
	struct rdline *rdl = cmdline_get_rdline(in->cl);
	char nul = '\0';

	rdline_reset(rdl);
	/*
	 * rdline_reset() leaves the bytes of an unfinished escape sequence in
	 * the vt100 parser, to be matched with the next key: a NUL, ignored
	 * otherwise, clears them.
	 */
	cmdline_in(in->cl, &nul, 1);
	cmdline_printf(in->cl, "\r\n");
	if (in->file != NULL)
		fprintf(stderr, "skbfwd: %s:%u: %s: ignored\n", in->file, in->lineno + 1, why);
	else
		fprintf(stderr, "skbfwd: %s: ignored\n", why);
	rdline_newline(rdl, CONSOLE_PROMPT);
}

/* The end of a line: run it, or drop it when the library cannot run it whole. */
static int
console_end_line(struct console_in *in, char c)
{
	const char *bad = NULL;
	size_t len = console_line_len(in);
	char why[64];

	if (in->too_long) {
		in->too_long = false;
		snprintf(why, sizeof(why), "line longer than %u characters", CONSOLE_LINE_MAX);
		console_drop_line(in, why);
		return 0;
	}
	/* a file has no output: say what the library says at a terminal */
	if (in->file != NULL && len != 0)
		bad = console_check_line(in);
	if (cmdline_in(in->cl, &c, 1) < 0)
		return -1;
	/*
	 * A return inside an escape sequence is taken as part of it and the line
	 * stays: drop it rather than let the next line be added to it.
	 */
	if (len != 0 && console_line_len(in) != 0) {
		console_drop_line(in, "the line ends inside an escape sequence");
		return 0;
	}
	if (bad != NULL)
		fprintf(stderr, "skbfwd: %s:%u: %s\n", in->file, in->lineno + 1, bad);
	return 0;
}

/* Feed one byte of input; -1 when the session ends (quit, Ctrl-D). */
static int
console_feed(struct console_in *in, char c)
{
	if (c == '\n' || c == '\r') {
		int ret = console_end_line(in, c);

		if (c == '\n')
			in->lineno++;
		return ret;
	}
	if (in->too_long)
		return 0; /* the rest of an overlong line, escapes too */
	/* a Ctrl-D byte in a pipe or a file is data, not the end of the input */
	if (c == CONSOLE_KEY_EOF && !in->tty)
		return 0;
	if (cmdline_in(in->cl, &c, 1) < 0)
		return -1;
	if (isprint((unsigned char)c) && console_line_len(in) > CONSOLE_LINE_MAX)
		in->too_long = true;
	return 0;
}

/*
 * Read and run until the session ends.
 * @return 1: quit, Ctrl-D, a signal or the deadline; 0: end of input.
 */
static int
console_run(struct console_in *in, const struct console_ctl *ctl)
{
	char buf[512];
	ssize_t n, i;

	for (;;) {
		struct pollfd pfd = { .fd = in->fd, .events = POLLIN };
		int ready;

		if (console_quit_asked() || *ctl->signal != 0 ||
		    (ctl->deadline != 0 && rte_get_timer_cycles() >= ctl->deadline))
			return 1;
		/* what lcores printed meanwhile (verbose lines) goes out now */
		fflush(stdout);
		ready = poll(&pfd, 1, CONSOLE_POLL_MS);
		if (ready < 0 && errno == EINTR)
			continue;
		if (ready == 0) {
			if (ctl->tick != NULL)
				ctl->tick();
			continue;
		}
		n = ready < 0 ? -1 : read(in->fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			/* a last line without its newline still runs */
			if (!in->too_long && console_line_len(in) > 0 &&
			    console_feed(in, '\n') < 0)
				return 1;
			return 0;
		}
		for (i = 0; i < n; i++)
			if (console_feed(in, buf[i]) < 0)
				return 1;
	}
}

int
console_run_file(const char *path, const struct console_ctl *ctl)
{
	cmdline_parse_ctx_t *ctx = console_commands();
	struct console_in in = { .file = path };
	struct stat st;
	int ret;

	if (ctx == NULL)
		return -ENOMEM;
	/* cmdline_file_new() opens the file itself: skbfwd needs the descriptor */
	in.fd = open(path, O_RDONLY | O_CLOEXEC);
	if (in.fd < 0 || fstat(in.fd, &st) < 0 || S_ISDIR(st.st_mode)) {
		ret = in.fd < 0 ? -errno : S_ISDIR(st.st_mode) ? -EISDIR : -errno;
		fprintf(stderr, "skbfwd: --cmdline-file=%s: %s\n", path, strerror(-ret));
		if (in.fd >= 0)
			close(in.fd);
		return ret;
	}
	/* no output descriptor: no echo, no prompt (errors: console_check_line()) */
	in.cl = cmdline_new(ctx, CONSOLE_PROMPT, in.fd, -1);
	if (in.cl == NULL) {
		close(in.fd);
		return -ENOMEM;
	}
	ret = console_run(&in, ctl);
	cmdline_free(in.cl); /* closes in.fd */
	printf("Read CLI commands from %s\n", path);
	fflush(stdout);
	return ret;
}

int
console_interact(const struct console_ctl *ctl)
{
	cmdline_parse_ctx_t *ctx = console_commands();
	struct console_in in = { .fd = STDIN_FILENO };

	if (ctx == NULL)
		return -ENOMEM;
	in.tty = isatty(STDIN_FILENO) == 1;
	fflush(stdout);
	in.cl = cmdline_stdin_new(ctx, CONSOLE_PROMPT);
	if (in.cl == NULL)
		return -ENOMEM;
	if (console_run(&in, ctl) == 0 || !console_quit_asked())
		cmdline_printf(in.cl, "\n"); /* the end of input leaves a prompt open */
	cmdline_stdin_exit(in.cl);
	return 0;
}
