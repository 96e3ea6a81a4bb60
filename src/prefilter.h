/* SPDX-License-Identifier: MIT */
/*
 * prefilter: tells, cheaply and exactly, that a page holds no licence
 * statement and no source credit, so that its analysis is the empty one
 * (verdict "none") without running the detectors.  It looks at every
 * piece of a parsed page the detectors read: block texts, title, links,
 * metas, RDFa, JSON-LD and the page's URL; texts go through the rules'
 * prefilter (rules.h), and the markup the detectors act on without any
 * rule (a rel="license" link, a Creative Commons URL, a licence meta, a
 * JSON-LD "license" or "isBasedOn", an RDFa dct:source) through a short
 * list of words kept here next to that knowledge.  It is not used for
 * originals, whose creator, title and "not found" verification reads.
 */
#ifndef AC_PREFILTER_H
#define AC_PREFILTER_H

#include <stdbool.h>

#include "detect.h"
#include "html.h"
#include "rules.h"

/*
 * False when PAGE (found at URL, which may be NULL) holds nothing that
 * could give it a licence statement or a source credit; true when it may
 * (or when the rules' prefilter is off).  HITS is scratch space.
 */
bool prefilter_page(const struct rules *r, const struct html_page *page,
                    const char *url, struct rules_hits *hits);

/* Fills OUT with the analysis detect_page() gives such a page. */
void prefilter_empty_analysis(const struct html_page *page,
                              struct analysis *out);

#endif
