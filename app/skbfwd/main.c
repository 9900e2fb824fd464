/* SPDX-License-Identifier: BSD-3-Clause */
/* skbfwd: the program (skbfwd.c) with skbfwd's engines (engines/engines.c). */

#include "engines.h"
#include "skbfwd.h"

int
main(int argc, char **argv)
{
	return skbfwd_main(argc, argv, skbfwd_engines);
}
