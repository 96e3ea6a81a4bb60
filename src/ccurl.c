/* SPDX-License-Identifier: MIT */
/* ccurl: not written yet. */
#include "config.h"
