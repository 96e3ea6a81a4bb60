/* SPDX-License-Identifier: MIT */
#ifndef AC_FETCH_H
#define AC_FETCH_H
#endif
