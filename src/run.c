/* SPDX-License-Identifier: MIT */
/* run: not written yet. */
#include "config.h"
