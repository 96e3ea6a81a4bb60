/* SPDX-License-Identifier: MIT */
#ifndef AC_REMAP_H
#define AC_REMAP_H
#endif
