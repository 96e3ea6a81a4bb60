/* SPDX-License-Identifier: MIT */
#ifndef AC_RUN_H
#define AC_RUN_H
#endif
