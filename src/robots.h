/* SPDX-License-Identifier: MIT */
#ifndef AC_ROBOTS_H
#define AC_ROBOTS_H
#endif
