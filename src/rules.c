/* SPDX-License-Identifier: MIT */
/*
 * rules: reads data/rules/ *.rules, compiles each pattern with PCRE2 (JIT
 * when the library has it) and scans normalised text (see rules.h).
 * To keep scans cheap it also compiles the rules of one kind into a few
 * combined alternations used as a prefilter: a block of text in which the
 * combined pattern finds nothing is skipped for all of its rules.  Those
 * alternations and the JIT code of a kind are made when the kind is first
 * scanned (under a lock, since pages are scanned on several threads), so
 * a run that never needs a kind never pays for it.  It does not interpret
 * values beyond checking their syntax.
 */
#include "config.h"
#include "hash.h"

#define PCRE2_CODE_UNIT_WIDTH 8

#include <dirent.h>
#include <errno.h>
#include <pcre2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccurl.h"
#include "datafile.h"
#include "rules.h"
#include "rules_dfa.h"
#include "rules_factor.h"
#include "rules_table.h"
#include "strbuf.h"
#include "xalloc.h"

#define COMPILE_OPTS                                                           \
    (PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | PCRE2_DUPNAMES |                 \
     PCRE2_NEVER_BACKSLASH_C)
#define MAX_GROUPS  8     /* groups of one name in one rule */
#define BATCH_BYTES 16000 /* pattern bytes per prefilter alternation */
#define BATCH_RULES 64
/* Texts a batch scans interpreted before it gets JIT code.  JIT-compiling
 * a batch of 64 titles costs some 14 M instructions, the interpreter a
 * small part of that per text, and most runs pass few texts to the
 * licence rules: JIT-compiling every batch when the kind was built was
 * a third of the instructions of checking 100 pages. */
#define JIT_AFTER   4

struct rule {
    enum rule_kind kind;
    char *line; /* the rule's line, split in place: the fields point in */
    const char *id, *lang, *value;
    const char *pattern;
    /* with a table, set on first use by a scan (rule_code()) */
    _Atomic(pcre2_code *) re;
    uint32_t version_groups[MAX_GROUPS], nversion;
    uint32_t port_groups[MAX_GROUPS], nport;
    bool can_batch; /* may join a batch: no back-references, verbs or \G */
    bool batched;   /* covered by a prefilter batch */
};

/* A prefilter: rules [first, first + count) of the kind list, combined. */
struct batch {
    pcre2_code *re;            /* interpreted */
    _Atomic(pcre2_code *) jit; /* a JIT-compiled copy once hot, or NULL */
    atomic_uint uses;          /* texts scanned with re */
    size_t first, count;
};

struct kind_index {
    size_t *rules; /* indexes into rules.v, in load order */
    size_t len;
    struct batch *plan; /* the batches to build: first and count only */
    size_t nplan;
    atomic_bool built; /* batches and JIT code made (kind_built()) */
    struct batch *batches;
    size_t nbatches;
    /* text without a match has no hit of this kind; with a table,
     * compiled when a text first reaches the kind (trigger_built()) */
    pcre2_code *trigger;
    atomic_bool trigger_ready;
    struct strbuf trigger_src; /* the trigger lines, until compiled */
};

/* The page prefilter for the kinds that can give a page a licence or a
 * source: the literals one of which each of their rules' matches holds
 * (rules_factor.h), in one automaton; and for the rules without such a
 * literal (scripts without ASCII letters), alternations of a piece of
 * each that every match holds. */
struct prefilter {
    struct rules_dfa *dfa;
    char **lits; /* the literals, sorted, once each (rules_table) */
    size_t nlits;
    char **pieces; /* the pieces, sorted, once each */
    size_t npieces;
    bool ascii_skip; /* every piece needs a non-ASCII character */
    bool off;        /* switched off: every text passes */
    /* the pieces' alternations, compiled when a text first needs them */
    atomic_bool built;
    pcre2_code **re;
    size_t len;
    bool broken; /* a piece did not compile: texts that reach them pass */
};

struct rules {
    struct rule *v;
    size_t len, cap;
    /* RULE_KIND_COUNT of them; behind a pointer so that scanning through
     * a const struct rules may build a kind on first use */
    struct kind_index *kinds;
    pthread_mutex_t *build_mu; /* held while a kind or the pieces build */
    struct prefilter *pre;     /* a pointer for the same reason */
    bool lazy; /* from rules_table: patterns compiled by kind_build() */
    uint64_t table_hash; /* rules_table_hash() of every file */
    char *batchable;     /* rules_table_compute()'s, until freed */
    uint32_t max_pairs;  /* ovector pairs needed by any pattern */
};

/* A hit before overlap resolution; ORDER is the rule's load order. */
struct cand {
    struct rules_hit hit;
    size_t order;
};

/* Per-HITS scratch: match data, JIT stack and candidate hits. */
struct scratch {
    pcre2_general_context *gctx; /* allocates with xmalloc: never fails */
    pcre2_match_data *md;
    uint32_t pairs;
    pcre2_match_context *mctx;
    pcre2_jit_stack *stack; /* NULL: PCRE2's default stack */
    struct cand *cand;
    size_t cand_len, cand_cap;
};

static const char *const kind_names[RULE_KIND_COUNT] = {
    "license", "port",      "claim",       "source",   "copied", "permission",
    "changes", "explainer", "notfound",    "byline",   "date",   "media",
    "self",    "object",    "boilerplate", "relative", "other",
};

const char *
rules_kind_name(enum rule_kind kind)
{
    if ((unsigned)kind >= RULE_KIND_COUNT)
        return NULL;
    return kind_names[kind];
}

enum rule_kind
rules_kind_from_name(const char *name)
{
    int k;

    for (k = 0; k < RULE_KIND_COUNT; k++)
        if (strcmp(kind_names[k], name) == 0)
            return (enum rule_kind)k;
    return RULE_KIND_COUNT;
}

/* True when S is "N" or "N.N" (digits), the version part of a value. */
static bool
valid_version(const char *s)
{
    const char *p = s;

    while (*p >= '0' && *p <= '9')
        p++;
    if (p == s)
        return false;
    if (*p == '.') {
        const char *q = ++p;

        while (*p >= '0' && *p <= '9')
            p++;
        if (p == q)
            return false;
    }
    return *p == '\0';
}

/* A licence value: a family code (ccurl's table), optionally "/VERSION". */
static bool
valid_license_value(const char *v)
{
    const char *slash = strchr(v, '/');
    size_t n = slash ? (size_t)(slash - v) : strlen(v);

    if (cc_family_from_value(v, n) == CC_NONE)
        return false;
    return slash == NULL || valid_version(slash + 1);
}

/* A port value: "-" or a lower-case code of 2 to 15 letters ("nl"). */
static bool
valid_port_value(const char *v)
{
    size_t n = strspn(v, "abcdefghijklmnopqrstuvwxyz");

    if (strcmp(v, "-") == 0)
        return true;
    return n >= 2 && n < 16 && v[n] == '\0';
}

/* IDs and languages: printable ASCII without spaces. */
static bool
valid_token(const char *s)
{
    if (*s == '\0')
        return false;
    for (; *s; s++)
        if (*s <= ' ' || *s >= 0x7F)
            return false;
    return true;
}

/* Records the group numbers named NAME in RE into OUT (at most MAX). */
static uint32_t
named_groups(const pcre2_code *re, const char *name, uint32_t *out)
{
    PCRE2_SPTR first, last;
    uint32_t entry, n = 0;
    int size;

    size = pcre2_substring_nametable_scan(re, (PCRE2_SPTR)name, &first, &last);
    if (size <= 0)
        return 0;
    pcre2_pattern_info(re, PCRE2_INFO_NAMEENTRYSIZE, &entry);
    for (; first <= last && n < MAX_GROUPS; first += entry)
        out[n++] = ((uint32_t)first[0] << 8) | first[1];
    return n;
}

/* Compiles PAT (LEN bytes) and JIT-compiles it when possible. */
static pcre2_code *
compile(const char *pat, size_t len, int *code, PCRE2_SIZE *off)
{
    pcre2_code *re;

    /* JIT comes later, for the patterns that scan whole texts: a rule
     * that a prefilter batch covers only runs where the batch matched */
    re = pcre2_compile((PCRE2_SPTR)pat, len, COMPILE_OPTS, code, off, NULL);
    return re;
}

static void
pairs_note(struct rules *r, const pcre2_code *re)
{
    uint32_t caps = 0;

    pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &caps);
    if (caps + 1 > r->max_pairs)
        r->max_pairs = caps + 1;
}

/* Notes the groups of RU->re that hold a version and a port. */
static void
rule_groups(struct rule *ru)
{
    ru->nversion = named_groups(ru->re, "version", ru->version_groups);
    ru->nport = named_groups(ru->re, "port", ru->port_groups);
}

/* True when a rule's pattern cannot be combined with others safely. */
static bool
batchable(const struct rule *ru)
{
    uint32_t backrefs = 0;

    pcre2_pattern_info(ru->re, PCRE2_INFO_BACKREFMAX, &backrefs);
    return backrefs == 0 && strstr(ru->pattern, "(*") == NULL &&
           strstr(ru->pattern, "\\G") == NULL;
}

/* Compiles RU->pattern into RU->re; on failure sets ERR. */
static enum ac_status
rule_compile(struct rules *r, struct rule *ru, const char *where,
             struct ac_err *err)
{
    PCRE2_UCHAR msg[120];
    PCRE2_SIZE off = 0;
    uint32_t minlen = 0;
    int code = 0;

    ru->re = compile(ru->pattern, strlen(ru->pattern), &code, &off);
    if (ru->re == NULL) {
        pcre2_get_error_message(code, msg, sizeof msg);
        return ac_err_set(err, AC_E_DATA, "%s: bad pattern at offset %zu: %s",
                          where, (size_t)off, (const char *)msg);
    }
    pcre2_pattern_info(ru->re, PCRE2_INFO_MINLENGTH, &minlen);
    if (minlen == 0)
        return ac_err_set(err, AC_E_DATA,
                          "%s: pattern can match the empty string", where);
    rule_groups(ru);
    ru->can_batch = batchable(ru);
    pairs_note(r, ru->re);
    return AC_OK;
}

/* Checks the fields of one rule line; on failure sets ERR. */
static enum ac_status
fields_check(const struct rules *r, char **f, const char *where,
             struct ac_err *err)
{
    enum rule_kind kind = rules_kind_from_name(f[0]);
    size_t i;

    if (kind == RULE_KIND_COUNT)
        return ac_err_set(err, AC_E_DATA, "%s: unknown kind \"%s\"", where,
                          f[0]);
    if (!valid_token(f[1]) || !valid_token(f[2]) || !valid_token(f[3]))
        return ac_err_set(err, AC_E_DATA, "%s: empty or malformed field",
                          where);
    for (i = 0; i < r->len && !r->lazy; i++) /* the table's were unique */
        if (strcmp(r->v[i].id, f[1]) == 0)
            return ac_err_set(err, AC_E_DATA, "%s: duplicate id \"%s\"", where,
                              f[1]);
    if (kind == RULE_LICENSE && !valid_license_value(f[3]))
        return ac_err_set(err, AC_E_DATA,
                          "%s: bad licence value \"%s\" (want a family code "
                          "such as by-sa or by-sa/4.0)",
                          where, f[3]);
    if ((kind == RULE_SOURCE || kind == RULE_COPIED) &&
        strcmp(f[3], "-") != 0 && strcmp(f[3], "verb") != 0 &&
        strcmp(f[3], "label") != 0)
        return ac_err_set(err, AC_E_DATA,
                          "%s: bad cue value \"%s\" (want -, verb or label)",
                          where, f[3]);
    if (kind == RULE_PORT && !valid_port_value(f[3]))
        return ac_err_set(err, AC_E_DATA,
                          "%s: bad port value \"%s\" (want a code or \"-\")",
                          where, f[3]);
    return AC_OK;
}

/*
 * A "trigger" line guards a kind: VALUE names the kind, and a text where
 * no trigger of that kind matches is not scanned with the kind's rules
 * at all.  Together the triggers must match wherever any rule of the
 * kind could (docs/rules.md); several lines are combined, so each rules
 * file can guard its own rules.
 */
static enum ac_status
add_trigger(struct rules *r, char **f, const char *where, struct ac_err *err)
{
    enum rule_kind kind = rules_kind_from_name(f[3]);
    PCRE2_UCHAR msg[120];
    PCRE2_SIZE off = 0;
    int code = 0;
    pcre2_code *re;
    struct strbuf *src;

    if (kind == RULE_KIND_COUNT)
        return ac_err_set(err, AC_E_DATA, "%s: trigger for unknown kind \"%s\"",
                          where, f[3]);
    /* checked alone first, unless the table's generator did */
    re = r->lazy ? NULL : compile(f[4], strlen(f[4]), &code, &off);
    if (re == NULL && !r->lazy) {
        pcre2_get_error_message(code, msg, sizeof msg);
        return ac_err_set(err, AC_E_DATA, "%s: bad pattern at offset %zu: %s",
                          where, (size_t)off, (const char *)msg);
    }
    pcre2_code_free(re);
    src = &r->kinds[kind].trigger_src;
    strbuf_addf(src, "%s(?:%s)", src->len ? "|" : "", f[4]);
    return AC_OK;
}

/* Compiles KI's combined triggers, if it has any. */
static void
trigger_build(struct kind_index *ki)
{
    PCRE2_SIZE off;
    int code;

    if (ki->trigger_src.len > 0) {
        ki->trigger =
            compile(ki->trigger_src.buf, ki->trigger_src.len, &code, &off);
        if (ki->trigger != NULL)
            (void)pcre2_jit_compile(ki->trigger, PCRE2_JIT_COMPLETE);
        strbuf_release(&ki->trigger_src);
    }
    atomic_store_explicit(&ki->trigger_ready, true, memory_order_release);
}

/* Compiles each kind's triggers at load, for rules without a table: the
 * scratch ovectors are sized after every pattern's groups.  With the
 * table (which counted the triggers' groups), a kind's triggers are
 * compiled when a text first reaches it: compiling and JIT-compiling
 * all of them was a quarter of the start of a run that never scans. */
static void
triggers_build(struct rules *r)
{
    size_t k;

    for (k = 0; k < RULE_KIND_COUNT && !r->lazy; k++) {
        trigger_build(&r->kinds[k]);
        if (r->kinds[k].trigger != NULL)
            pairs_note(r, r->kinds[k].trigger);
    }
}

/* Parses and adds one non-comment LINE (malloc'd), which a rule keeps
 * and anything else frees; WHERE is "name:line". */
static enum ac_status
add_line(struct rules *r, char *line, const char *where, struct ac_err *err)
{
    struct rule ru;
    char *f[5];
    enum ac_status rc;
    bool trigger = false;

    if (datafile_split_tabs(line, f, 5) != 5 || f[4][0] == '\0')
        rc = ac_err_set(err, AC_E_DATA, "%s: expected 5 tab-separated fields",
                        where);
    else if ((trigger = strcmp(f[0], "trigger") == 0))
        rc = add_trigger(r, f, where, err);
    else
        rc = fields_check(r, f, where, err);
    if (rc != AC_OK || trigger) {
        free(line);
        return rc;
    }
    memset(&ru, 0, sizeof ru);
    ru.kind = rules_kind_from_name(f[0]);
    ru.pattern = f[4];
    rc = r->lazy ? AC_OK : rule_compile(r, &ru, where, err);
    if (rc != AC_OK) {
        pcre2_code_free(ru.re);
        free(line);
        return rc;
    }
    ru.line = line;
    ru.id = f[1];
    ru.lang = f[2];
    ru.value = f[3];
    if (r->len == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 64;
        r->v = xreallocarray(r->v, r->cap, sizeof *r->v);
    }
    r->v[r->len++] = ru;
    return AC_OK;
}

/* Adds every rule in TEXT[0..LEN); NAME is used in messages. */
/* Whether the N bytes at P are spaces and tabs only.  The text is a
 * buffer with a length, not a string: nothing past P + N is read. */
static bool
blank_line(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t')
            return false;
    return true;
}

static enum ac_status
add_text(struct rules *r, const char *name, const char *text, size_t len,
         struct ac_err *err)
{
    const char *p = text, *end = text + len;
    enum ac_status rc = AC_OK;
    size_t lineno = 0;
    char where[200];

    while (p < end && rc == AC_OK) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

        lineno++;
        if (n > 0 && p[n - 1] == '\r')
            n--;
        if (n > 0 && p[0] != '#' && !blank_line(p, n)) {
            /* the table's generator checked every line, so with the
             * table no message can name one: not formatted per line */
            const char *at = r->lazy ? name : where;

            if (!r->lazy)
                snprintf(where, sizeof where, "%s:%zu", name, lineno);
            if (memchr(p, '\0', n) != NULL)
                rc = ac_err_set(err, AC_E_DATA, "%s: NUL byte", at);
            else
                rc = add_line(r, xstrndup(p, n), at, err);
        }
        p = nl ? nl + 1 : end;
    }
    return rc;
}

/* Compiles rules [first, first+count) of KI into one alternation. */
static void
batch_build(const struct rules *r, struct kind_index *ki, size_t first,
            size_t count)
{
    struct batch *b = &ki->batches[ki->nbatches];
    struct strbuf sb = STRBUF_INIT;
    PCRE2_SIZE off;
    size_t i;
    int code;

    for (i = first; i < first + count; i++)
        strbuf_addf(&sb, "%s(?:%s)", i == first ? "" : "|",
                    r->v[ki->rules[i]].pattern);
    b->re = count > 1 ? compile(sb.buf, sb.len, &code, &off) : NULL;
    strbuf_release(&sb);
    if (b->re == NULL)
        return; /* too big or a single rule: run its rules unfiltered */
    b->first = first;
    b->count = count;
    for (i = first; i < first + count; i++)
        r->v[ki->rules[i]].batched = true;
    ki->nbatches++;
}

/* Plans rules [first, first+count) of KI as one batch; notes the
 * ovector pairs the alternation will need (one more than the sum of the
 * rules' capturing groups), so that scratch made before the kind is
 * built is big enough. */
static void
batch_plan(struct rules *r, struct kind_index *ki, size_t first, size_t count)
{
    uint32_t pairs = 1, caps;
    size_t i;

    if (count < 2)
        return; /* a single rule runs on its own */
    for (i = first; i < first + count && !r->lazy; i++) {
        caps = 0;
        pcre2_pattern_info(r->v[ki->rules[i]].re, PCRE2_INFO_CAPTURECOUNT,
                           &caps);
        pairs += caps;
    }
    if (pairs > r->max_pairs)
        r->max_pairs = pairs;
    ki->plan[ki->nplan].first = first;
    ki->plan[ki->nplan++].count = count;
}

/* Builds the per-kind rule lists and plans the prefilter batches; T,
 * when the rules are lazy, says which rules may join a batch. */
static void
index_build(struct rules *r, const struct rules_table *t)
{
    size_t i, k;

    for (i = 0; i < r->len; i++) {
        if (t != NULL)
            r->v[i].can_batch = t->batchable[i] == '1';
        struct kind_index *ki = &r->kinds[r->v[i].kind];

        ki->rules = xreallocarray(ki->rules, ki->len + 1, sizeof(size_t));
        ki->rules[ki->len++] = i;
    }
    for (k = 0; k < RULE_KIND_COUNT; k++) {
        struct kind_index *ki = &r->kinds[k];
        size_t first = 0, bytes = 0;

        ki->plan = xcalloc(ki->len + 1, sizeof *ki->plan);
        ki->batches = xcalloc(ki->len + 1, sizeof *ki->batches);
        for (i = 0; i <= ki->len; i++) {
            const struct rule *ru = i < ki->len ? &r->v[ki->rules[i]] : NULL;
            size_t n = ru ? strlen(ru->pattern) + 5 : 0;

            if (ru == NULL || !ru->can_batch || bytes + n > BATCH_BYTES ||
                i - first >= BATCH_RULES) {
                if (i > first)
                    batch_plan(r, ki, first, i - first);
                first = ru != NULL && !ru->can_batch ? i + 1 : i;
                bytes = 0;
            }
            if (ru != NULL && ru->can_batch)
                bytes += n;
        }
    }
}

/* Compiles RU's pattern, not compiled at load (rules from the table);
 * the caller holds build_mu.  The groups are noted before the code is
 * published, for the threads that read them once they see it. */
static void
rule_late(struct rule *ru)
{
    pcre2_code *re;
    PCRE2_SIZE off;
    int code;

    if (atomic_load_explicit(&ru->re, memory_order_relaxed) != NULL)
        return;
    re = compile(ru->pattern, strlen(ru->pattern), &code, &off);
    if (re == NULL)
        return; /* (another PCRE2?) the rule never hits */
    ru->nversion = named_groups(re, "version", ru->version_groups);
    ru->nport = named_groups(re, "port", ru->port_groups);
    atomic_store_explicit(&ru->re, re, memory_order_release);
}

/* Compiles KI's planned batches and JIT-compiles the rules no batch
 * covers; the caller holds build_mu. */
static void
kind_build(const struct rules *r, struct kind_index *ki)
{
    size_t i;

    for (i = 0; i < ki->nplan; i++)
        batch_build(r, ki, ki->plan[i].first, ki->plan[i].count);
    for (i = 0; i < ki->len; i++) {
        struct rule *ru = &r->v[ki->rules[i]];

        if (ru->batched)
            continue; /* compiled when its batch first matches */
        if (r->lazy)
            rule_late(ru);
        if (ru->re != NULL)
            (void)pcre2_jit_compile(ru->re, PCRE2_JIT_COMPLETE);
    }
}

/* The trigger of KI (NULL: none), compiled on first use; any thread may
 * call it. */
static const pcre2_code *
trigger_built(const struct rules *r, struct kind_index *ki)
{
    if (!atomic_load_explicit(&ki->trigger_ready, memory_order_acquire)) {
        pthread_mutex_lock(r->build_mu);
        if (!atomic_load_explicit(&ki->trigger_ready, memory_order_relaxed))
            trigger_build(ki);
        pthread_mutex_unlock(r->build_mu);
    }
    return ki->trigger;
}

/* KI, built on first use; any thread may call it. */
static const struct kind_index *
kind_built(const struct rules *r, enum rule_kind kind)
{
    struct kind_index *ki = &r->kinds[kind];

    if (atomic_load_explicit(&ki->built, memory_order_acquire))
        return ki;
    pthread_mutex_lock(r->build_mu);
    if (!atomic_load_explicit(&ki->built, memory_order_relaxed)) {
        kind_build(r, ki);
        atomic_store_explicit(&ki->built, true, memory_order_release);
    }
    pthread_mutex_unlock(r->build_mu);
    return ki;
}

/* Compiles the alternation of PIECES[0..N) into the prefilter; the
 * caller holds build_mu. */
static void
prefilter_add(struct prefilter *pre, char *const *pieces, size_t n)
{
    struct strbuf sb = STRBUF_INIT;
    pcre2_code *re;
    PCRE2_SIZE off;
    size_t i;
    int code;

    for (i = 0; i < n; i++)
        strbuf_addf(&sb, "%s(?:%s)", i ? "|" : "", pieces[i]);
    re = n > 0 ? compile(sb.buf, sb.len, &code, &off) : NULL;
    strbuf_release(&sb);
    if (re == NULL) {
        pre->broken = n > 0;
        return;
    }
    (void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
    pre->re = xreallocarray(pre->re, pre->len + 1, sizeof *pre->re);
    pre->re[pre->len++] = re;
}

/* Compiles the pieces, once each, into alternations of at most
 * BATCH_BYTES; the caller holds build_mu.  Only the prefilter's match or
 * no match is read, so the ovector need not fit their groups (a match
 * that overflows it still returns a match). */
static void
pieces_build(struct prefilter *pre)
{
    size_t i, first = 0, bytes = 0;

    for (i = 0; i < pre->npieces; i++) {
        size_t b = strlen(pre->pieces[i]) + 5;

        if (i > first && bytes + b > BATCH_BYTES) {
            prefilter_add(pre, pre->pieces + first, i - first);
            first = i;
            bytes = 0;
        }
        bytes += b;
    }
    if (pre->npieces > first)
        prefilter_add(pre, pre->pieces + first, pre->npieces - first);
}

/* The prefilter with its pieces compiled; any thread may call it. */
static const struct prefilter *
pieces_built(const struct rules *r)
{
    struct prefilter *pre = r->pre;

    if (atomic_load_explicit(&pre->built, memory_order_acquire))
        return pre;
    pthread_mutex_lock(r->build_mu);
    if (!atomic_load_explicit(&pre->built, memory_order_relaxed)) {
        pieces_build(pre);
        atomic_store_explicit(&pre->built, true, memory_order_release);
    }
    pthread_mutex_unlock(r->build_mu);
    return pre;
}

static int
cmp_strp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts V[0..*N) and frees all but one of equal strings. */
static void
sort_unique(char **v, size_t *n)
{
    size_t i, k;

    if (*n > 1)
        qsort(v, *n, sizeof *v, cmp_strp);
    for (i = k = 0; i < *n; i++) {
        if (k > 0 && strcmp(v[i], v[k - 1]) == 0)
            free(v[i]);
        else
            v[k++] = v[i];
    }
    *n = k;
}

/* Adds what the rule pattern PAT gives the prefilter: its literals, or
 * else a piece of it. */
static void
prefilter_rule(struct prefilter *pre, const char *pat)
{
    char **lits = NULL, **res = NULL, *f;
    size_t len = 0, nres = 0, i;
    int score = 0;

    if (rules_factor_literals(pat, &lits, &len, &res, &nres)) {
        pre->lits =
            xreallocarray(pre->lits, pre->nlits + len + 1, sizeof *pre->lits);
        for (i = 0; i < len; i++)
            pre->lits[pre->nlits++] = lits[i];
        free(lits);
        pre->pieces = xreallocarray(pre->pieces, pre->npieces + nres + 1,
                                    sizeof *pre->pieces);
        for (i = 0; i < nres; i++)
            pre->pieces[pre->npieces++] = res[i];
        free(res);
        return;
    }
    f = rules_factor(pat, &score);
    pre->pieces =
        xreallocarray(pre->pieces, pre->npieces + 1, sizeof *pre->pieces);
    pre->pieces[pre->npieces++] = f != NULL ? f : xstrdup(pat);
}

/* Builds the automaton of LITS[0..N) into PRE. */
static void
prefilter_dfa(struct prefilter *pre, const char *const *lits, size_t n)
{
    size_t i;

    pre->dfa = rules_dfa_new();
    for (i = 0; i < n; i++)
        rules_dfa_add(pre->dfa, lits[i]);
    rules_dfa_build(pre->dfa);
}

/*
 * Builds the prefilter from the kinds that can give a page a licence
 * statement (license) or a source credit and a copy notice (source,
 * copied).  The pieces of rules without literals are compiled when a
 * text first needs them (pieces_built()).
 */
static void
prefilter_build(struct rules *r)
{
    static const enum rule_kind kinds[] = {RULE_LICENSE, RULE_SOURCE,
                                           RULE_COPIED};
    struct prefilter *pre = r->pre;
    size_t i, k;

    for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        const struct kind_index *ki = &r->kinds[kinds[k]];

        for (i = 0; i < ki->len; i++)
            prefilter_rule(pre, r->v[ki->rules[i]].pattern);
    }
    sort_unique(pre->lits, &pre->nlits);
    sort_unique(pre->pieces, &pre->npieces);
    prefilter_dfa(pre, (const char *const *)pre->lits, pre->nlits);
    pre->ascii_skip = true;
    for (i = 0; i < pre->npieces; i++)
        if (!rules_factor_needs_nonascii(pre->pieces[i]))
            pre->ascii_skip = false;
}

/* The same from table T, made from these rules. */
static void
prefilter_from_table(struct rules *r, const struct rules_table *t)
{
    struct prefilter *pre = r->pre;
    size_t i;

    prefilter_dfa(pre, t->lits, t->nlits);
    pre->pieces = xcalloc(t->npieces + 1, sizeof *pre->pieces);
    for (i = 0; i < t->npieces; i++)
        pre->pieces[i] = xstrdup(t->pieces[i]);
    pre->npieces = t->npieces;
    pre->ascii_skip = t->ascii_skip;
}

static struct rules *
rules_new(void)
{
    struct rules *r = xcalloc(1, sizeof *r);

    r->kinds = xcalloc(RULE_KIND_COUNT, sizeof *r->kinds);
    r->pre = xcalloc(1, sizeof *r->pre);
    r->build_mu = xmalloc(sizeof *r->build_mu);
    pthread_mutex_init(r->build_mu, NULL);
    return r;
}

/* FNV-1a over 64-bit words, then the last bytes: eight times fewer
 * steps than hash_fnv1a() over a megabyte of rules, and as good at
 * telling edited rules files from the shipped ones.  (A machine of the
 * other byte order gets another hash, so no table: slower, not wrong.) */
static uint64_t
hash_words(uint64_t h, const char *text, size_t len)
{
    size_t i;

    for (i = 0; i + 8 <= len; i += 8) {
        uint64_t w;

        memcpy(&w, text + i, 8);
        h = (h ^ w) * UINT64_C(0x100000001b3);
        h ^= h >> 32;
    }
    return hash_fnv1a(h, text + i, len - i);
}

uint64_t
rules_table_hash(uint64_t h, const char *name, const char *text, size_t len)
{
    const char *base = strrchr(name, '/');

    if (h == 0)
        h = HASH_FNV_OFFSET;
    h = hash_fnv1a_str(h, base != NULL ? base + 1 : name);
    h = (h ^ (uint64_t)len) * UINT64_C(0x100000001b3);
    return hash_words(h, text, len);
}

/* True when table T was made from the rules files hashing to HASH. */
static bool
table_fits(const struct rules_table *t, uint64_t hash)
{
    return t != NULL && t->hash != 0 && t->hash == hash;
}

/* Finishes R after its rules were added, with table T when it fits them
 * (the rules parsed lazily) or else the long way. */
static enum ac_status
rules_finish(struct rules *r, const struct rules_table *t, const char *where,
             struct ac_err *err)
{
    if (r->len == 0)
        return ac_err_set(err, AC_E_DATA, "%s: no rules", where);
    if (r->lazy && t->nrules != r->len)
        return ac_err_set(err, AC_E_DATA, "%s: rules table out of date",
                          where); /* cannot happen: the hash fits */
    index_build(r, r->lazy ? t : NULL);
    triggers_build(r);
    if (r->lazy) {
        prefilter_from_table(r, t);
        r->max_pairs = t->max_pairs;
    } else {
        prefilter_build(r);
    }
    return AC_OK;
}

/* Loads NAMES[0..N) with their TEXTS[i] of LENS[i] bytes into *OUT,
 * using table T when it fits them. */
static enum ac_status
load_texts(const char *const *names, const char *const *texts,
           const size_t *lens, size_t n, const struct rules_table *t,
           const char *where, struct rules **out, struct ac_err *err)
{
    struct rules *r = rules_new();
    enum ac_status rc = AC_OK;
    uint64_t hash = 0;
    size_t i;

    *out = NULL;
    for (i = 0; i < n; i++)
        hash = rules_table_hash(hash, names[i], texts[i], lens[i]);
    r->lazy = table_fits(t, hash);
    r->table_hash = hash;
    for (i = 0; i < n && rc == AC_OK; i++)
        rc = add_text(r, names[i], texts[i], lens[i], err);
    if (rc == AC_OK)
        rc = rules_finish(r, t, where, err);
    if (rc != AC_OK) {
        rules_free(r);
        return rc;
    }
    *out = r;
    return AC_OK;
}

enum ac_status
rules_load_buffer(const char *name, const char *text, size_t len,
                  struct rules **out, struct ac_err *err)
{
    return load_texts(&name, &text, &len, 1, NULL, name, out, err);
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists the *.rules names in DIR, sorted; caller frees each and *NAMES. */
static enum ac_status
list_dir(const char *dir, char ***names, size_t *n, struct ac_err *err)
{
    DIR *d = opendir(dir);
    struct dirent *de;

    *names = NULL;
    *n = 0;
    if (d == NULL)
        return ac_err_set(err, AC_E_IO, "%s: %s", dir, strerror(errno));
    while ((de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);

        if (len <= 6 || de->d_name[0] == '.' ||
            strcmp(de->d_name + len - 6, ".rules") != 0)
            continue;
        *names = xreallocarray(*names, *n + 1, sizeof **names);
        (*names)[(*n)++] = xstrdup(de->d_name);
    }
    closedir(d);
    if (*n > 0)
        qsort(*names, *n, sizeof **names, cmp_str);
    return AC_OK;
}

/* Reads every *.rules file of DIR and loads them, with table T when it
 * fits them. */
static enum ac_status
load_dir(const char *dir, const struct rules_table *t, struct rules **out,
         struct ac_err *err)
{
    char **names = NULL, **paths;
    const char **texts;
    size_t n = 0, i, *lens;
    enum ac_status rc;

    *out = NULL;
    rc = list_dir(dir, &names, &n, err);
    paths = xcalloc(n + 1, sizeof *paths);
    texts = xcalloc(n + 1, sizeof *texts);
    lens = xcalloc(n + 1, sizeof *lens);
    for (i = 0; i < n && rc == AC_OK; i++) {
        paths[i] = xasprintf("%s/%s", dir, names[i]);
        rc = datafile_map(paths[i], &texts[i], &lens[i], err);
    }
    if (rc == AC_OK)
        rc = load_texts((const char *const *)paths, texts, lens, n, t, dir, out,
                        err);
    for (i = 0; i < n; i++) {
        free(names[i]);
        free(paths[i]);
        datafile_unmap(texts[i], lens[i]);
    }
    free(names);
    free(paths);
    free((void *)texts);
    free(lens);
    return rc;
}

enum ac_status
rules_load(const char *dir, struct rules **out, struct ac_err *err)
{
    return load_dir(dir, &rules_table_builtin, out, err);
}

enum ac_status
rules_table_compute(const char *dir, struct rules **out,
                    struct rules_table *table, struct ac_err *err)
{
    struct rules *r;
    enum ac_status rc = load_dir(dir, NULL, out, err);
    char *batchable;
    size_t i;

    memset(table, 0, sizeof *table);
    if (rc != AC_OK)
        return rc;
    r = *out;
    table->hash = r->table_hash;
    table->nrules = r->len;
    batchable = r->batchable = xcalloc(r->len + 1, 1);
    for (i = 0; i < r->len; i++)
        batchable[i] = r->v[i].can_batch ? '1' : '0';
    table->batchable = batchable;
    table->max_pairs = r->max_pairs;
    table->ascii_skip = r->pre->ascii_skip;
    table->lits = (const char *const *)r->pre->lits;
    table->nlits = r->pre->nlits;
    table->pieces = (const char *const *)r->pre->pieces;
    table->npieces = r->pre->npieces;
    return AC_OK;
}

void
rules_free(struct rules *r)
{
    size_t i, k;

    if (r == NULL)
        return;
    for (i = 0; i < r->len; i++) {
        pcre2_code_free(r->v[i].re);
        free(r->v[i].line);
    }
    for (k = 0; k < RULE_KIND_COUNT; k++) {
        for (i = 0; i < r->kinds[k].nbatches; i++) {
            pcre2_code_free(r->kinds[k].batches[i].re);
            pcre2_code_free(atomic_load(&r->kinds[k].batches[i].jit));
        }
        free(r->kinds[k].batches);
        free(r->kinds[k].plan);
        free(r->kinds[k].rules);
        pcre2_code_free(r->kinds[k].trigger);
        strbuf_release(&r->kinds[k].trigger_src);
    }
    for (i = 0; i < r->pre->len; i++)
        pcre2_code_free(r->pre->re[i]);
    free(r->pre->re);
    for (i = 0; i < r->pre->nlits; i++)
        free(r->pre->lits[i]);
    free(r->pre->lits);
    for (i = 0; i < r->pre->npieces; i++)
        free(r->pre->pieces[i]);
    free(r->pre->pieces);
    rules_dfa_free(r->pre->dfa);
    free(r->pre);
    free(r->batchable);
    pthread_mutex_destroy(r->build_mu);
    free(r->build_mu);
    free(r->kinds);
    free(r->v);
    free(r);
}

uint64_t
rules_fingerprint(const struct rules *r)
{
    return r != NULL ? r->table_hash : 0;
}

size_t
rules_count(const struct rules *r, enum rule_kind kind)
{
    if (r == NULL || (unsigned)kind >= RULE_KIND_COUNT)
        return 0;
    return r->kinds[kind].len;
}

static void *
pcre_xmalloc(size_t n, void *data)
{
    (void)data;
    return xmalloc(n);
}

static void
pcre_free(void *p, void *data)
{
    (void)data;
    free(p);
}

/* Returns the scratch of HITS, (re)made big enough for R. */
static struct scratch *
scratch_get(struct rules_hits *hits, const struct rules *r)
{
    struct scratch *s = hits->scratch;

    if (s == NULL) {
        s = xcalloc(1, sizeof *s);
        s->gctx = pcre2_general_context_create(pcre_xmalloc, pcre_free, NULL);
        s->mctx = pcre2_match_context_create(s->gctx);
        /* a bigger JIT stack than the 32K default, for long alternations */
        s->stack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, s->gctx);
        if (s->stack != NULL)
            pcre2_jit_stack_assign(s->mctx, NULL, s->stack);
        hits->scratch = s;
    }
    if (s->pairs < r->max_pairs) {
        pcre2_match_data_free(s->md);
        s->md = pcre2_match_data_create(r->max_pairs, s->gctx);
        s->pairs = r->max_pairs;
    }
    return s;
}

/* The span of the first set group among GROUPS, or RULES_NONE. */
static void
group_span(const PCRE2_SIZE *ov, uint32_t rc, const uint32_t *groups,
           uint32_t n, size_t *start, size_t *end)
{
    uint32_t i;

    *start = *end = RULES_NONE;
    for (i = 0; i < n; i++) {
        uint32_t g = groups[i];

        if (g < rc && ov[2 * g] != PCRE2_UNSET) {
            *start = ov[2 * g];
            *end = ov[2 * g + 1];
            return;
        }
    }
}

static void
cand_push(struct scratch *s, const struct rule *ru, size_t order,
          const PCRE2_SIZE *ov, uint32_t rc)
{
    struct rules_hit *h;

    if (s->cand_len == s->cand_cap) {
        s->cand_cap = s->cand_cap ? s->cand_cap * 2 : 16;
        s->cand = xreallocarray(s->cand, s->cand_cap, sizeof *s->cand);
    }
    s->cand[s->cand_len].order = order;
    h = &s->cand[s->cand_len++].hit;
    h->start = ov[0];
    h->end = ov[1];
    h->id = ru->id;
    h->lang = ru->lang;
    h->value = ru->value;
    group_span(ov, rc, ru->version_groups, ru->nversion, &h->version_start,
               &h->version_end);
    group_span(ov, rc, ru->port_groups, ru->nport, &h->port_start,
               &h->port_end);
}

/* Collects every match of rule ORDER in TEXT from byte FROM on. */
static void
rule_scan(struct scratch *s, const struct rules *r, size_t order,
          const char *text, size_t len, size_t from)
{
    struct rule *ru = &r->v[order];
    pcre2_code *re = atomic_load_explicit(&ru->re, memory_order_acquire);

    if (re == NULL && r->lazy) { /* a batched rule's first use */
        pthread_mutex_lock(r->build_mu);
        rule_late(ru);
        pthread_mutex_unlock(r->build_mu);
        re = atomic_load_explicit(&ru->re, memory_order_acquire);
    }
    while (from < len && re != NULL) {
        int rc = pcre2_match(re, (PCRE2_SPTR)text, len, from,
                             PCRE2_NO_UTF_CHECK, s->md, s->mctx);
        const PCRE2_SIZE *ov;

        if (rc <= 0)
            return; /* no match, or a limit hit: nothing more here */
        ov = pcre2_get_ovector_pointer(s->md);
        if (ov[1] <= ov[0])
            return; /* \K or lookaround games: refuse to loop */
        cand_push(s, ru, order, ov, (uint32_t)rc);
        from = ov[1];
    }
}

/* B's code to match with: its JIT copy once made, else the interpreted
 * one; the JIT_AFTER-th text to ask makes the copy (one thread only:
 * the others go on interpreting the original meanwhile, which nothing
 * changes).  Same matches either way. */
static const pcre2_code *
batch_code(struct batch *b)
{
    pcre2_code *jit = atomic_load_explicit(&b->jit, memory_order_acquire);

    if (jit != NULL)
        return jit;
    if (atomic_fetch_add_explicit(&b->uses, 1, memory_order_relaxed) + 1 ==
        JIT_AFTER) {
        jit = pcre2_code_copy(b->re);
        if (jit != NULL && pcre2_jit_compile(jit, PCRE2_JIT_COMPLETE) == 0) {
            atomic_store_explicit(&b->jit, jit, memory_order_release);
            return jit;
        }
        pcre2_code_free(jit); /* no JIT here: interpret for good */
    }
    return b->re;
}

/* Where batch B first matches in TEXT, or RULES_NONE. */
static size_t
batch_start(struct scratch *s, struct batch *b, const char *text, size_t len)
{
    int rc = pcre2_match(batch_code(b), (PCRE2_SPTR)text, len, 0,
                         PCRE2_NO_UTF_CHECK, s->md, s->mctx);

    if (rc == PCRE2_ERROR_NOMATCH)
        return RULES_NONE;
    if (rc <= 0)
        return 0; /* a limit: fall back to scanning each rule */
    return pcre2_get_ovector_pointer(s->md)[0];
}

/* Longer first, then earlier start, then earlier rule. */
static int
cmp_len(const void *a, const void *b)
{
    const struct cand *cx = a, *cy = b;
    const struct rules_hit *x = &cx->hit, *y = &cy->hit;
    size_t lx = x->end - x->start, ly = y->end - y->start;

    if (lx != ly)
        return lx > ly ? -1 : 1;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return cx->order < cy->order ? -1 : (cx->order > cy->order);
}

static int
cmp_start(const void *a, const void *b)
{
    const struct rules_hit *x = a, *y = b;

    return x->start < y->start ? -1 : (x->start > y->start);
}

/* Keeps the longest of overlapping candidates into HITS, by start. */
static void
resolve(struct scratch *s, struct rules_hits *hits)
{
    size_t i, j;

    hits->len = 0;
    if (s->cand_len == 0)
        return; /* qsort(NULL, 0) is undefined behaviour */
    qsort(s->cand, s->cand_len, sizeof *s->cand, cmp_len);
    for (i = 0; i < s->cand_len; i++) {
        const struct rules_hit *c = &s->cand[i].hit;

        for (j = 0; j < hits->len; j++)
            if (c->start < hits->v[j].end && hits->v[j].start < c->end)
                break;
        if (j < hits->len)
            continue;
        if (hits->len == hits->cap) {
            hits->cap = hits->cap ? hits->cap * 2 : 8;
            hits->v = xreallocarray(hits->v, hits->cap, sizeof *hits->v);
        }
        hits->v[hits->len++] = *c;
    }
    if (hits->len > 1)
        qsort(hits->v, hits->len, sizeof *hits->v, cmp_start);
}

size_t
rules_scan(const struct rules *r, enum rule_kind kind, const char *text,
           size_t len, struct rules_hits *hits)
{
    const struct kind_index *ki;
    const pcre2_code *trigger;
    struct scratch *s;
    size_t b, i;

    hits->len = 0;
    if (r == NULL || (unsigned)kind >= RULE_KIND_COUNT || len == 0)
        return 0;
    s = scratch_get(hits, r);
    s->cand_len = 0;
    trigger = trigger_built(r, &r->kinds[kind]);
    if (trigger != NULL &&
        pcre2_match(trigger, (PCRE2_SPTR)text, len, 0, PCRE2_NO_UTF_CHECK,
                    s->md, s->mctx) == PCRE2_ERROR_NOMATCH)
        return 0;
    ki = kind_built(r, kind);
    for (b = 0; b < ki->nbatches; b++) {
        struct batch *ba = &ki->batches[b];
        size_t from = batch_start(s, ba, text, len);

        for (i = 0; from != RULES_NONE && i < ba->count; i++)
            rule_scan(s, r, ki->rules[ba->first + i], text, len, from);
    }
    for (i = 0; i < ki->len; i++)
        if (!r->v[ki->rules[i]].batched)
            rule_scan(s, r, ki->rules[i], text, len, 0);
    resolve(s, hits);
    return hits->len;
}

void
rules_hits_free(struct rules_hits *hits)
{
    struct scratch *s;

    if (hits == NULL)
        return;
    s = hits->scratch;
    if (s != NULL) {
        pcre2_match_data_free(s->md);
        pcre2_match_context_free(s->mctx);
        pcre2_jit_stack_free(s->stack);
        pcre2_general_context_free(s->gctx);
        free(s->cand);
        free(s);
    }
    free(hits->v);
    hits->v = NULL;
    hits->len = hits->cap = 0;
    hits->scratch = NULL;
}

void
rules_prefilter_set(struct rules *r, bool on)
{
    if (r != NULL)
        r->pre->off = !on;
}

bool
rules_prefilter_active(const struct rules *r)
{
    return r != NULL && !r->pre->off && r->pre->dfa != NULL;
}

bool
rules_prefilter(const struct rules *r, const char *text, size_t len,
                struct rules_hits *hits)
{
    const struct prefilter *pre;
    struct scratch *s;
    bool nonascii;
    size_t i;

    if (!rules_prefilter_active(r))
        return true;
    if (len == 0)
        return false; /* no rule matches the empty string */
    if (rules_dfa_scan(r->pre->dfa, text, len, &nonascii))
        return true;
    /* PCRE2 matches 'k' and 's' caselessly with the Kelvin sign and the
     * long s; the automaton's alphabet does not know them */
    if (nonascii && (memmem(text, len, "\xE2\x84\xAA", 3) != NULL ||
                     memmem(text, len, "\xC5\xBF", 2) != NULL))
        return true;
    if (!nonascii && r->pre->ascii_skip)
        return false; /* ASCII only: no piece can match */
    pre = pieces_built(r);
    if (pre->broken)
        return true;
    s = scratch_get(hits, r);
    for (i = 0; i < pre->len; i++) {
        int rc = pcre2_match(pre->re[i], (PCRE2_SPTR)text, len, 0,
                             PCRE2_NO_UTF_CHECK, s->md, s->mctx);

        if (rc != PCRE2_ERROR_NOMATCH)
            return true; /* a match, or a limit: assume one */
    }
    return false;
}
