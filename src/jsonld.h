/* SPDX-License-Identifier: MIT */
#ifndef AC_JSONLD_H
#define AC_JSONLD_H
#endif
