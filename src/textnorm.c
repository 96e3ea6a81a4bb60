/* SPDX-License-Identifier: MIT */
/* textnorm: not written yet. */
#include "config.h"
