/* SPDX-License-Identifier: MIT */
/* ccports: not written yet. */
#include "config.h"
