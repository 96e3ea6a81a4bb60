/* SPDX-License-Identifier: MIT */
/* charset: not written yet. */
#include "config.h"
