/* SPDX-License-Identifier: MIT */
#ifndef AC_OPTIONS_H
#define AC_OPTIONS_H
#endif
