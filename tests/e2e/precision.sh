#!/bin/sh
# SPDX-License-Identifier: MIT
# precision.sh: issue 8's classes of false and missed sources and
# licences, one small page each under tests/fixtures/precision/<class>/,
# checked like the licence forms (forms.sh) against
# tests/fixtures/precision/manifest.tsv: licence, source, verdict and the
# finding codes that must or must not appear.
FORMS_SET=precision
export FORMS_SET
exec sh "$(dirname "$0")/forms.sh"
