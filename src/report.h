/* SPDX-License-Identifier: MIT */
#ifndef AC_REPORT_H
#define AC_REPORT_H
#endif
