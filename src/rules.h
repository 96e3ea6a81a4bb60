/* SPDX-License-Identifier: MIT */
/*
 * rules: loads the regex rules kept as data in data/rules (files named
 * NAME.rules), compiles them with PCRE2 (JIT when available) and scans text
 * with them. The only file that includes <pcre2.h>.  It knows nothing of HTML
 * or licences: a rule is a kind, an id, a language, a value and a pattern; what
 * a hit means is decided by detect.
 *
 * File format (docs/rules.md): UTF-8 lines, '#' comments and blank lines
 * skipped, one rule a line, five TAB-separated fields:
 *     KIND  ID  LANG  VALUE  PATTERN
 * Patterns are compiled caseless, UTF and UCP, and run on normalised text
 * (textnorm.h).  Named groups (?<version>...) and (?<port>...) are
 * reported in hits.  Files are read in sorted name order.
 */
#ifndef AC_RULES_H
#define AC_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"

enum rule_kind {
    RULE_LICENSE,     /* a licence name; VALUE family code[/version] */
    RULE_PORT,        /* a jurisdiction name; VALUE port code ("nl") */
    RULE_CLAIM,       /* "licensed under", "valt onder": a licence claim */
    RULE_SOURCE,      /* "gekopieerd van", "originally published at" */
    RULE_COPIED,      /* the text says it was copied/republished */
    RULE_PERMISSION,  /* "republished with permission" */
    RULE_CHANGES,     /* "adapted", "bewerkt": changes are indicated */
    RULE_EXPLAINER,   /* the text talks about licences in general */
    RULE_NOTFOUND,    /* "page not found": a soft 404 */
    RULE_BYLINE,      /* "door", "by", "Auteur :": names a creator */
    RULE_DATE,        /* a date or time: "12 May 2021, 09:30", "March 3" */
    RULE_MEDIA,       /* an image or media label: "Photo:", "Bild:" */
    RULE_SELF,        /* the page's own text: "this article", "dit stuk" */
    RULE_OBJECT,      /* what is not a publication: "a talk I gave", "een" */
    RULE_BOILERPLATE, /* "(c)", "all rights reserved", "Privacy" */
    RULE_RELATIVE,    /* a relative pronoun: ", which", ", die" */
    RULE_OTHER,       /* content other than the page's text: "every photo" */
    RULE_KIND_COUNT
};

#define RULES_NONE ((size_t)-1)

struct rules_hit {
    size_t start, end; /* byte offsets of the whole match in the text */
    const char *id;    /* borrowed from the rules */
    const char *lang;  /* "nl", "*" */
    const char *value; /* the VALUE field, "-" when unused */
    size_t version_start, version_end; /* RULES_NONE when absent */
    size_t port_start, port_end;       /* RULES_NONE when absent */
};

/* A caller-owned, reusable list of hits; zero it before first use. */
struct rules_hits {
    struct rules_hit *v;
    size_t len, cap;
    void *scratch; /* match data, reused across scans; owned here */
};

struct rules;

/*
 * Loads every *.rules file in DIR.  On error returns AC_E_IO or
 * AC_E_DATA with a message naming the file and line ("x.rules:12: ...")
 * and sets *OUT to NULL.  Free the result with rules_free().
 */
enum ac_status rules_load(const char *dir, struct rules **out,
                          struct ac_err *err);
/* Loads rules from one in-memory buffer; NAME is used in messages. */
enum ac_status rules_load_buffer(const char *name, const char *text, size_t len,
                                 struct rules **out, struct ac_err *err);
void rules_free(struct rules *r);

/* A hash of every loaded file's name and text: results made with other
 * rules (a cache, say) can be told apart. */
uint64_t rules_fingerprint(const struct rules *r);

/* Number of rules of KIND. */
size_t rules_count(const struct rules *r, enum rule_kind kind);

/*
 * Replaces the contents of HITS with every hit of the rules of KIND in
 * TEXT[0..LEN), sorted by start.  Where hits overlap only the longest is
 * kept (the earlier one on a tie).  Returns HITS->len.  Safe to call from
 * several threads with separate HITS.
 */
size_t rules_scan(const struct rules *r, enum rule_kind kind, const char *text,
                  size_t len, struct rules_hits *hits);

/*
 * The prefilter of the kinds that can give a page a licence statement or
 * a source credit (license, source, copied).  Returns false only when no
 * rule of those kinds can match TEXT[0..LEN) (normalised text, as for
 * rules_scan): it is built from a piece of every such rule that each of
 * its matches contains (rules_factor.h), so it is exact, never a guess.
 * Returns true when switched off.  Thread-safe with separate HITS.
 */
bool rules_prefilter(const struct rules *r, const char *text, size_t len,
                     struct rules_hits *hits);
/* Switches the prefilter on (the default) or off; whether it is on and
 * built (a rule set whose pieces do not compile has none). */
void rules_prefilter_set(struct rules *r, bool on);
bool rules_prefilter_active(const struct rules *r);

/* Frees the hit list's memory and leaves it empty. */
void rules_hits_free(struct rules_hits *hits);

/* "license", "port", ...; and back (RULE_KIND_COUNT if unknown). */
const char *rules_kind_name(enum rule_kind kind);
enum rule_kind rules_kind_from_name(const char *name);

#endif
