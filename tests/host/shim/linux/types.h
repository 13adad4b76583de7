/* SPDX-License-Identifier: GPL-2.0 */
/* Just enough of the kernel's headers to build common/stats.c on the host. */
#ifndef _SHIM_LINUX_TYPES_H
#define _SHIM_LINUX_TYPES_H
#include <stdint.h>
typedef uint64_t u64;
typedef uint32_t u32;
#define U64_MAX UINT64_MAX
#endif
