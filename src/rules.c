/* SPDX-License-Identifier: MIT */
/* rules: not written yet. */
#include "config.h"
