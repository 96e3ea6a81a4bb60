/* SPDX-License-Identifier: MIT */
/* document: not written yet. */
#include "config.h"
