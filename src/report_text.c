/* SPDX-License-Identifier: MIT */
/* report_text: not written yet. */
#include "config.h"
