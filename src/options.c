/* SPDX-License-Identifier: MIT */
/* options: not written yet. */
#include "config.h"
