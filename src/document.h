/* SPDX-License-Identifier: MIT */
#ifndef AC_DOCUMENT_H
#define AC_DOCUMENT_H
#endif
