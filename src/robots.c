/* SPDX-License-Identifier: MIT */
/* robots: not written yet. */
#include "config.h"
