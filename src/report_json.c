/* SPDX-License-Identifier: MIT */
/* report_json: not written yet. */
#include "config.h"
