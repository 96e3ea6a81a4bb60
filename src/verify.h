/* SPDX-License-Identifier: MIT */
/*
 * verify: is the attribution correct?  Fetches the original a copy
 * credits (once per URL for the run, through the fetch engine, or from
 * disk when it lies in the folder being checked), analyses it with the
 * same detector, follows its own credit up a chain, and judges the copy
 * against it: reachable, the same text, the same licence, the creator
 * named, no changes to a no-derivatives work, changes indicated.
 * Thresholds are documented in docs/findings.md.
 */
#ifndef AC_VERIFY_H
#define AC_VERIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "ccurl.h"
#include "result.h"
#include "rules.h"

struct fetch_engine;

/* Below this share of the copy's text on the page, it is not the original. */
#define VERIFY_NOT_ORIGINAL   0.30
/* Below this share, the copy's text was changed. */
#define VERIFY_CHANGED        0.90
/* Below this share of the original in the copy, the copy is shortened. */
#define VERIFY_SHORTENED      0.60
/* A copy with fewer words of main text is not compared at all. */
#define VERIFY_MIN_WORDS      20
/* A block of the copy shorter than this is never counted as an edit. */
#define VERIFY_EDIT_MIN_WORDS 12

struct verifier;

/* Where pages of a local folder are published: a source URL starting with
 * BASE_URL is read from ROOT (the folder) instead of the network. */
struct verify_local {
    const char *root;
    const char *base_url;
};

/*
 * Creates a verifier that fetches with ENGINE (borrowed; may be NULL: then
 * only local sources are read), analyses with RULES, follows chains up to
 * MAX_CHAIN links and reads pages of at most MAX_SIZE bytes.
 */
struct verifier *verifier_new(struct fetch_engine *engine,
                              const struct rules *rules, int max_chain,
                              size_t max_size);
void verifier_free(struct verifier *v);

/* Makes V keep the main text of each original it reads (sidetext.h), so
 * a copy that keeps its own gets the original's beside it.  Costs up to
 * SIDETEXT_MAX_BYTES per original held (at most 4,096 are); originals
 * taken from the --cache file have no text. */
void verifier_keep_side(struct verifier *v, bool keep);

struct remap_list;
struct warc_index;

/* The run's WARC files, where originals are looked up first. */
struct verify_archive {
    struct warc_index *index;        /* the files' response records */
    const struct remap_list *remaps; /* --remap, applied as the engine
                                        does; may be NULL */
    bool robots; /* no network: their robots.txt refuses as the engine's
                    would (not with --ignore-robots) */
};

/*
 * Lets V read originals from the WARC files of A (copied; what it points
 * to is borrowed and must outlive V) before fetching them: an
 * original archived there is
 * judged as it was crawled, and one that is not is fetched, or, without
 * an engine (--offline), left unchecked: the copy gets no check, as when
 * nothing is verified.
 */
void verifier_set_archive(struct verifier *v, const struct verify_archive *a);

struct cache;

/*
 * Lets V use CACHE (borrowed; it must outlive V): a source cached less
 * than MAX_AGE_S seconds ago is taken as it is, an older one is fetched
 * with its validators (a 304 reuses it), and every source analysed anew
 * is recorded in CACHE, while one that fails is dropped from it.  A
 * source the cache lacks is claimed first (cache_claim, for CLAIM_TTL_S
 * seconds); when another run holds the claim, V waits for that run's
 * entry (verify_tick) instead of fetching it too.
 */
void verifier_set_cache(struct verifier *v, struct cache *cache, long max_age_s,
                        long claim_ttl_s);

/* Looks, at most every 200 ms, whether the sources another run was
 * fetching have landed in the cache (then they are used) or are no
 * longer claimed (then V fetches them).  V may be NULL. */
void verify_tick(struct verifier *v);

/* Sources waiting on another run's fetch (0 for NULL). */
size_t verify_deferred(const struct verifier *v);

/* Ends every such wait with an "interrupted" error (a stopped run). */
void verify_abort(struct verifier *v);

typedef void (*verify_done_fn)(struct result *r, void *userdata);

/*
 * Verifies result R (analysed with keep_text, crediting a source): when
 * the source is known, adds the findings, the check and the suggested
 * notice to R and calls DONE(R, USERDATA) - at once, or from a later
 * fetch_step().  LOCAL may be NULL.
 */
void verify_result(struct verifier *v, struct result *r,
                   const struct verify_local *local, verify_done_fn done,
                   void *userdata);

/* Number of results waiting for a source. */
size_t verify_waiting(const struct verifier *v);

#endif
