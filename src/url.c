/* SPDX-License-Identifier: MIT */
/* url: not written yet. */
#include "config.h"
