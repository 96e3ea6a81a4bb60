/* SPDX-License-Identifier: MIT */
/* fetch: not written yet. */
#include "config.h"
