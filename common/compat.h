/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel API changes that waitcmp builds across, kept in one place.
 */
#ifndef _WAITCMP_COMPAT_H
#define _WAITCMP_COMPAT_H

#include <linux/version.h>

/* 6.10 dropped __assign_str()'s source argument (taken from __string()). */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 10, 0)
#define waitcmp_assign_str(dst, src)	__assign_str(dst)
#else
#define waitcmp_assign_str(dst, src)	__assign_str(dst, src)
#endif

#endif /* _WAITCMP_COMPAT_H */
