/* SPDX-License-Identifier: MIT */
/*
 * verify_int: the source cache entry shared by verify.c (fetching,
 * caching, chains) and verify_judge.c (judging a copy against it).
 */
#ifndef AC_VERIFY_INT_H
#define AC_VERIFY_INT_H

#include "fetch.h"
#include "textsim.h"
#include "verify.h"

struct source_entry;

enum source_state {
    SOURCE_FETCHING, /* the page is on its way */
    SOURCE_CHAIN,    /* analysed; waiting for the source it credits */
    SOURCE_DONE
};

struct source_waiter {
    void (*fn)(struct source_entry *e, void *userdata);
    void *userdata;
};

/* One source page, fetched and analysed once per run. */
struct source_entry {
    struct verifier *v;
    char *key; /* normalised URL */
    char *url; /* as first requested */
    enum source_state state;
    int level;     /* chain level it was first requested at (1 = direct) */
    int refs;      /* parents whose NEXT points here */
    size_t bucket; /* hash bucket */
    struct source_entry *hash_next;
    struct source_entry *older, *newer; /* age list, for eviction */
    /* what the transfer found */
    char *final_url;
    long http_status;
    long first_redirect; /* status of the first redirect, 0 when none */
    enum fetch_error error;
    char message[256];
    bool unchecked; /* offline and not in the run's WARC files */
    /* what the page says */
    bool has_license;
    struct cc_license lic;
    char *license_url;
    char *creator;
    char *title;
    char *credits;  /* the source this page credits, or NULL */
    bool not_found; /* soft 404 */
    struct textsim text;
    struct sidetext side;      /* readable main text, with verifier_keep_side */
    struct source_entry *next; /* checked source it credits, or NULL */
    struct source_waiter *waiters;
    size_t waiters_len;
};

/* The answer to URL as the WARC files of A hold it, remapped and
 * redirects followed, shaped as a live fetch's (verify_warc.c); NULL
 * when it is not there (nor, for a redirect, where it leads) and their
 * robots.txt (with A->robots) does not forbid it.  Free with
 * fetch_result_free. */
struct fetch_result *verify_warc_fetch(const struct verify_archive *a,
                                       const char *url, size_t max_size);

/* Adds findings for copy R against source E and sets R->check. */
void verify_judge(struct result *r, const struct source_entry *e);

#endif
