/* SPDX-License-Identifier: MIT */
#ifndef AC_FINDINGS_H
#define AC_FINDINGS_H
#endif
