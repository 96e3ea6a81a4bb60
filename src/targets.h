/* SPDX-License-Identifier: MIT */
#ifndef AC_TARGETS_H
#define AC_TARGETS_H
#endif
