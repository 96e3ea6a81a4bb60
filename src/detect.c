/* SPDX-License-Identifier: MIT */
/* detect: not written yet. */
#include "config.h"
