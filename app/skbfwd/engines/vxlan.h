/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * VXLAN tunnel settings shared by the encap and decap engines (vxlan.c holds
 * the --vxlan-* options; both engines list them, the first entry wins).
 */
#ifndef _SKBFWD_VXLAN_H_
#define _SKBFWD_VXLAN_H_

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>

struct vxlan_conf {
	uint32_t local;       /* network order: encap's outer source, decap's expected destination */
	uint32_t remote;      /* network order: encap's outer destination, decap's expected source */
	uint32_t vni;         /* 0..2^24-1 */
	uint16_t udp_port;    /* host order, default 4789 */
	uint16_t src_port;    /* host order; 0: hash of the inner frame (49152..65535) */
	bool local_set, remote_set, vni_set;
};

extern struct vxlan_conf vxlan_cfg;
extern const struct option vxlan_options[];
extern const char vxlan_usage[];

/** Parse one --vxlan-* option; 0 or -EINVAL after printing why. */
int vxlan_parse_option(const char *name, const char *arg);

#endif /* _SKBFWD_VXLAN_H_ */
