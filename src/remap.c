/* SPDX-License-Identifier: MIT */
/* remap: not written yet. */
#include "config.h"
