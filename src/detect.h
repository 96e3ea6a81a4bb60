/* SPDX-License-Identifier: MIT */
#ifndef AC_DETECT_H
#define AC_DETECT_H
#endif
