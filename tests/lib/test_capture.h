/* SPDX-License-Identifier: BSD-3-Clause */
/* What code under test prints on stdout, caught in a temporary file for a test to compare. */
#ifndef _TEST_CAPTURE_H_
#define _TEST_CAPTURE_H_

#include <stdio.h>
#include <unistd.h>

struct test_capture {
	FILE *file;                 /* where stdout goes meanwhile */
	int saved;                  /* the real stdout, dup()ed */
};

/*
 * Send stdout to a new temporary file until test_capture_end().
 * @return 0, or -1 (stdout left as it was) when no file or descriptor is to be had.
 */
static inline int
test_capture_begin(struct test_capture *c)
{
	fflush(stdout);
	c->file = tmpfile();
	c->saved = c->file != NULL ? dup(STDOUT_FILENO) : -1;
	if (c->saved < 0 || dup2(fileno(c->file), STDOUT_FILENO) < 0) {
		if (c->saved >= 0)
			close(c->saved);
		if (c->file != NULL)
			fclose(c->file);
		c->file = NULL;
		return -1;
	}
	return 0;
}

/*
 * Give stdout back and copy what was printed into @buf (at most @size - 1
 * bytes, NUL-terminated; the rest is lost).  @return the bytes copied.
 */
static inline size_t
test_capture_end(struct test_capture *c, char *buf, size_t size)
{
	size_t n;

	fflush(stdout);
	dup2(c->saved, STDOUT_FILENO);
	close(c->saved);
	rewind(c->file);
	n = fread(buf, 1, size - 1, c->file);
	buf[n] = '\0';
	fclose(c->file);
	c->file = NULL;
	return n;
}

#endif /* _TEST_CAPTURE_H_ */
