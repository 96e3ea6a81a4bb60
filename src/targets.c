/* SPDX-License-Identifier: MIT */
/* targets: not written yet. */
#include "config.h"
