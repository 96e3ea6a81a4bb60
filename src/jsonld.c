/* SPDX-License-Identifier: MIT */
/* jsonld: not written yet. */
#include "config.h"
