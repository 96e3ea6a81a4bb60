/* SPDX-License-Identifier: MIT */
/* html: not written yet. */
#include "config.h"
