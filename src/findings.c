/* SPDX-License-Identifier: MIT */
/* findings: not written yet. */
#include "config.h"
