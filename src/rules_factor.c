/* SPDX-License-Identifier: MIT */
/*
 * rules_factor: finds in a rule's pattern a piece that every match must
 * contain (see rules_factor.h).  It reads the pattern's syntax only as
 * far as needed to split a concatenation into atoms (escapes, classes,
 * groups, quantifiers, alternation) and copies the chosen atoms verbatim,
 * so the piece means exactly what it meant inside the rule.  It never
 * rewrites a pattern, and anything it does not understand makes it give
 * up (the caller then keeps the whole pattern).
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "rules_factor.h"
#include "strbuf.h"
#include "xalloc.h"

#define QMAX_INF  (-1)
#define MAX_DEPTH 16

enum atom_kind {
    ATOM_LIT,    /* one literal character (UTF-8) or escaped literal */
    ATOM_CLASS,  /* [...], ., \d, \p{L}, ...: a character, not a letter */
    ATOM_GROUP,  /* (...), (?:...), (?<name>...), (?>...) */
    ATOM_ZERO,   /* lookaround, anchor, \b: zero width */
    ATOM_UNSAFE, /* back-reference, recursion, verb, option setting */
    ATOM_BAR     /* | at this level */
};

struct atom {
    enum atom_kind kind;
    const char *start, *end;     /* the atom with its quantifier */
    const char *body, *body_end; /* a group's content */
    int qmin, qmax;              /* QMAX_INF: unbounded */
    bool letter;                 /* a literal letter or digit */
};

/* Skips a \x{...}, \p{...} style brace after an escape letter. */
static const char *
skip_brace(const char *p, const char *end)
{
    if (p < end && *p == '{') {
        const char *c = memchr(p, '}', (size_t)(end - p));

        return c != NULL ? c + 1 : end;
    }
    return p;
}

/* The end of the escape at P (P[0] == '\\'); sets *KIND. */
static const char *
escape_end(const char *p, const char *end, enum atom_kind *kind, bool *letter)
{
    char c = p + 1 < end ? p[1] : '\0';

    *letter = false;
    if (c == '\0' || strchr("123456789kgQEGKRX", c) != NULL) {
        *kind = ATOM_UNSAFE;
        return p + 2 <= end ? p + 2 : end;
    }
    if (strchr("bBAzZ", c) != NULL) {
        *kind = ATOM_ZERO;
        return p + 2;
    }
    if (strchr("dDsSwWhHvVpPNCR", c) != NULL) {
        *kind = ATOM_CLASS;
        return (c == 'p' || c == 'P' || c == 'N') ? skip_brace(p + 2, end)
                                                  : p + 2;
    }
    *kind = c == 'x' || c == 'o' || c == '0' || c == 'c' || c == 'e' ||
                    c == 'a' || c == 'f' || c == 'n' || c == 'r' || c == 't'
                ? ATOM_CLASS /* a control or coded character: no score */
                : ATOM_LIT;
    if (c == 'x' || c == 'o')
        return skip_brace(p + 2, end);
    return p + 2;
}

/* The end of the class at P (P[0] == '['). */
static const char *
class_end(const char *p, const char *end)
{
    p++;
    if (p < end && *p == '^')
        p++;
    if (p < end && *p == ']')
        p++;
    while (p < end && *p != ']') {
        if (*p == '\\') {
            p = skip_brace(p + 2, end);
        } else if (*p == '[' && p + 1 < end && p[1] == ':') {
            const char *c = strstr(p + 2, ":]");

            p = c != NULL && c < end ? c + 2 : end;
        } else {
            p++;
        }
    }
    return p < end ? p + 1 : end;
}

/* The end of the group at P (P[0] == '('), past its ')'. */
static const char *
group_end(const char *p, const char *end)
{
    int depth = 0;

    while (p < end) {
        if (*p == '\\') {
            p = p + 2 <= end ? p + 2 : end;
            continue;
        }
        if (*p == '[') {
            p = class_end(p, end);
            continue;
        }
        if (*p == '(')
            depth++;
        else if (*p == ')' && --depth == 0)
            return p + 1;
        p++;
    }
    return NULL;
}

/* Classifies the group A (start..end known) by its opening. */
static void
group_kind(struct atom *a)
{
    const char *p = a->start + 1, *close = a->body_end;

    a->kind = ATOM_GROUP;
    a->body = p;
    if (*p != '?' && *p != '*') {
        return; /* a capturing group */
    }
    if (*p == '*') {
        a->kind = ATOM_UNSAFE;
        return;
    }
    p++;
    if (*p == ':' || *p == '>' || *p == '|') {
        a->body = p + 1;
    } else if (*p == '=' || *p == '!' ||
               (*p == '<' && (p[1] == '=' || p[1] == '!'))) {
        a->kind = ATOM_ZERO;
    } else if (*p == '#') {
        a->kind = ATOM_ZERO; /* a comment */
    } else if ((*p == '<' || *p == '\'') || (*p == 'P' && p[1] == '<')) {
        const char *q = memchr(p, *p == '\'' ? '\'' : '>', (size_t)(close - p));

        if (q == NULL || q == p + 1)
            a->kind = ATOM_UNSAFE;
        else
            a->body = q + 1;
    } else {
        /* (?i:...) keeps its options inside it; (?i) sets them for what
         * follows, (?(, (?R, (?1, (?&, (?P= refer elsewhere */
        const char *q = p;

        while (q < close && (strchr("imnsxJU^-", *q) != NULL))
            q++;
        if (q > p && q < close && *q == ':')
            a->body = q + 1;
        else
            a->kind = ATOM_UNSAFE;
    }
}

/* PCRE2 refuses a {} count over 65,535; a count is read up to just
 * above that, so that a rule with an absurd one cannot overflow an int
 * here before PCRE2 gets to refuse it. */
#define QCOUNT_CAP 65536

/* Reads the decimal count at P into *N (at most QCOUNT_CAP); returns
 * the end of its digits. */
static const char *
read_count(const char *p, const char *end, int *n)
{
    *n = 0;
    for (; p < end && *p >= '0' && *p <= '9'; p++)
        if (*n < QCOUNT_CAP)
            *n = *n * 10 + (*p - '0');
    if (*n > QCOUNT_CAP)
        *n = QCOUNT_CAP;
    return p;
}

/* Reads a quantifier at P into A; returns the end. */
static const char *
quantifier(const char *p, const char *end, struct atom *a)
{
    a->qmin = a->qmax = 1;
    if (p < end && (*p == '?' || *p == '*' || *p == '+')) {
        a->qmin = *p == '+' ? 1 : 0;
        a->qmax = *p == '?' ? 1 : QMAX_INF;
        p++;
    } else if (p < end && *p == '{') {
        const char *q = p + 1;
        int lo = 0, hi;

        if (q >= end || *q < '0' || *q > '9')
            return p; /* a literal '{' follows */
        q = read_count(q, end, &lo);
        hi = lo;
        if (q < end && *q == ',') {
            q++;
            hi = QMAX_INF;
            if (q < end && *q >= '0' && *q <= '9')
                q = read_count(q, end, &hi);
        }
        if (q >= end || *q != '}')
            return p;
        a->qmin = lo;
        a->qmax = hi;
        p = q + 1;
    } else {
        return p;
    }
    if (p < end && (*p == '?' || *p == '+'))
        p++; /* lazy or possessive */
    return p;
}

/* Reads the atom at P into A; returns false at a syntax it cannot read. */
static bool
atom_read(const char *p, const char *end, struct atom *a)
{
    const unsigned char c = (unsigned char)*p;
    const char *q;

    memset(a, 0, sizeof *a);
    a->start = p;
    if (c == '|') {
        a->kind = ATOM_BAR;
        a->end = p + 1;
        return true;
    }
    if (c == '\\') {
        q = escape_end(p, end, &a->kind, &a->letter);
    } else if (c == '[') {
        a->kind = ATOM_CLASS;
        q = class_end(p, end);
    } else if (c == '(') {
        q = group_end(p, end);
        if (q == NULL)
            return false;
        a->body_end = q - 1;
        group_kind(a);
    } else if (c == ')') {
        return false;
    } else if (c == '^' || c == '$') {
        a->kind = ATOM_ZERO;
        q = p + 1;
    } else if (c == '.') {
        a->kind = ATOM_CLASS;
        q = p + 1;
    } else {
        a->kind = ATOM_LIT;
        q = p + 1;
        if (c >= 0x80)
            while (q < end && ((unsigned char)*q & 0xC0) == 0x80)
                q++;
        a->letter = c >= 0x80 || (c >= '0' && c <= '9') ||
                    ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    }
    a->end =
        a->kind == ATOM_ZERO || a->kind == ATOM_BAR ? q : quantifier(q, end, a);
    if (a->kind == ATOM_ZERO && a->end < end)
        a->end = quantifier(q, end, a); /* (?=x)? : still zero width */
    return true;
}

static int span_score(const char *p, const char *end, int depth);

/* The fewest literal letters one repeat of atom A must match. */
static int
atom_score(const struct atom *a, int depth)
{
    if (a->kind == ATOM_LIT)
        return a->letter ? 1 : 0;
    if (a->kind == ATOM_GROUP)
        return span_score(a->body, a->body_end, depth + 1);
    return a->kind == ATOM_UNSAFE ? -1 : 0;
}

/* The fewest literal letters any match of P..END holds; -1: unreadable
 * or unsafe. */
static int
span_score(const char *p, const char *end, int depth)
{
    int best = -1, sum = 0;
    struct atom a;

    if (depth > MAX_DEPTH)
        return -1;
    while (p < end) {
        int s;

        if (!atom_read(p, end, &a))
            return -1;
        p = a.end;
        if (a.kind == ATOM_BAR) {
            best = best < 0 || sum < best ? sum : best;
            sum = 0;
            continue;
        }
        s = atom_score(&a, depth);
        if (s < 0)
            return -1;
        sum += s * a.qmin;
    }
    return best < 0 || sum < best ? sum : best;
}

/* A run of atoms: the best found so far in a concatenation. */
struct run {
    const char *start, *end;
    int score;
};

static bool factor_span(const char *p, const char *end, int depth,
                        struct strbuf *out, int *score);

/* Picks the best run of mandatory, bounded atoms in the concatenation
 * P..END (no '|' at this level), or a group's own factor. */
static bool
factor_concat(const char *p, const char *end, int depth, struct strbuf *out,
              int *score)
{
    struct run best = {0}, cur = {0};
    struct strbuf sub = STRBUF_INIT;
    struct atom a;
    int s, sub_score = 0;

    for (; p < end; p = a.end) {
        if (!atom_read(p, end, &a) || a.kind == ATOM_UNSAFE)
            return false;
        s = atom_score(&a, depth);
        if (s < 0)
            return false;
        if (a.kind == ATOM_ZERO || a.qmax == QMAX_INF) {
            cur.start = NULL; /* breaks the run */
            continue;
        }
        if (a.qmin == 0 && cur.start == NULL)
            continue; /* a run starts with a mandatory atom */
        if (cur.start == NULL) {
            cur.start = a.start;
            cur.score = 0;
        }
        if (a.qmin > 0) {
            cur.end = a.end;
            cur.score += s * a.qmin;
            if (cur.score > best.score)
                best = cur;
        }
        if (a.kind == ATOM_GROUP && a.qmin > 0 && s > 0) {
            struct strbuf g = STRBUF_INIT;
            int gs = 0;

            if (factor_span(a.body, a.body_end, depth + 1, &g, &gs) &&
                gs > best.score && gs > sub_score) {
                strbuf_release(&sub);
                sub = g;
                sub_score = gs;
            } else {
                strbuf_release(&g);
            }
        }
    }
    if (sub_score > best.score) {
        strbuf_add(out, sub.buf, sub.len);
        *score = sub_score;
    } else if (best.score > 0) {
        strbuf_add(out, best.start, (size_t)(best.end - best.start));
        *score = best.score;
    }
    strbuf_release(&sub);
    return *score > 0;
}

/* The factor of P..END: of each branch when it has several. */
static bool
factor_span(const char *p, const char *end, int depth, struct strbuf *out,
            int *score)
{
    const char *branch = p;
    struct strbuf alt = STRBUF_INIT;
    size_t branches = 0;
    struct atom a;
    int min = -1;

    *score = 0;
    if (depth > MAX_DEPTH)
        return false;
    for (;;) {
        bool at_end = p >= end;

        if (!at_end && !atom_read(p, end, &a))
            break;
        if (at_end || a.kind == ATOM_BAR) {
            int s = 0;

            strbuf_add(&alt, branches ? "|" : "(?:", branches ? 1 : 3);
            if (!factor_concat(branch, p, depth, &alt, &s))
                break;
            min = min < 0 || s < min ? s : min;
            branches++;
            if (at_end) {
                strbuf_add(&alt, ")", 1);
                if (branches == 1)
                    strbuf_add(out, alt.buf + 3, alt.len - 4);
                else
                    strbuf_add(out, alt.buf, alt.len);
                strbuf_release(&alt);
                *score = min;
                return true;
            }
            branch = a.end;
        }
        p = a.end;
    }
    strbuf_release(&alt);
    return false;
}

/* A set of literal strings, one of which every match holds. */
struct litset {
    char **v;
    size_t len;
    int score;   /* fewest letters and digits in one of them */
    char **res;  /* residue: patterns for branches without a literal */
    size_t nres; /* (a match holds a literal or matches a residue) */
};

static void
litset_free(struct litset *s)
{
    size_t i;

    for (i = 0; i < s->len; i++)
        free(s->v[i]);
    free(s->v);
    for (i = 0; i < s->nres; i++)
        free(s->res[i]);
    free(s->res);
    memset(s, 0, sizeof *s);
}

static void
litset_push(struct litset *s, char *lit, int score)
{
    s->v = xreallocarray(s->v, s->len + 1, sizeof *s->v);
    s->v[s->len++] = lit;
    if (s->len == 1 || score < s->score)
        s->score = score;
}

static void
litset_push_res(struct litset *s, char *pattern)
{
    s->res = xreallocarray(s->res, s->nres + 1, sizeof *s->res);
    s->res[s->nres++] = pattern;
}

/* True when A is a better candidate than B: literals only before a
 * residue, then the higher score. */
static bool
litset_better(const struct litset *a, const struct litset *b)
{
    if (a->len + a->nres == 0)
        return false;
    if (b->len + b->nres == 0)
        return true;
    if ((a->nres == 0) != (b->nres == 0))
        return a->nres == 0;
    if (a->nres != b->nres)
        return a->nres < b->nres;
    return a->score > b->score;
}

/* Keeps CAND in BEST when it is better; frees the loser. */
static void
litset_keep(struct litset *best, struct litset *cand)
{
    if (litset_better(cand, best)) {
        litset_free(best);
        *best = *cand;
        memset(cand, 0, sizeof *cand);
    } else {
        litset_free(cand);
    }
}

/* The symbol one atom stands for in a literal: a lower-case ASCII letter
 * or digit, ' ' for any other ASCII character (or a class of only such
 * characters), or '\0' when it cannot be part of a literal. */
static char
atom_symbol(const struct atom *a)
{
    const char *p = a->start;

    if (a->qmin != 1 || a->qmax != 1)
        return '\0';
    if (a->kind == ATOM_LIT) {
        unsigned char c = (unsigned char)(*p == '\\' ? p[1] : p[0]);

        if (c >= 0x80)
            return '\0';
        if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
            return (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
        return ' ';
    }
    if (a->kind == ATOM_CLASS && *p == '\\')
        return p[1] == 's' || p[1] == 'h' || p[1] == 'v' ? ' ' : '\0';
    if (a->kind == ATOM_CLASS && *p == '[' && p[1] != '^') {
        const char *first = ++p;

        for (; *p != ']'; p++)
            if (*p == '\\' || *p == '[' || (unsigned char)*p >= 0x80 ||
                (*p >= '0' && *p <= '9') ||
                ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z') ||
                (*p == '-' && p != first && p[1] != ']'))
                return '\0'; /* a letter, or a range that may hold one */
        return ' ';
    }
    return '\0';
}

/* True for the lookbehinds that say a word starts here. */
static bool
word_start(const struct atom *a)
{
    size_t n = (size_t)(a->end - a->start);

    return (n == 17 && strncmp(a->start, "(?<![\\p{L}\\p{N}])", 17) == 0) ||
           (n == 10 && strncmp(a->start, "(?<!\\p{L})", 10) == 0) ||
           (n == 2 && strncmp(a->start, "\\b", 2) == 0);
}

/* True for the lookahead that says a word ends here. */
static bool
word_end(const struct atom *a)
{
    size_t n = (size_t)(a->end - a->start);

    return n == 16 && strncmp(a->start, "(?![\\p{L}\\p{N}])", 16) == 0;
}

static bool literals_span(const char *p, const char *end, int depth, bool word,
                          struct litset *out);

#define SET_MAX 64 /* strings in one exact set */
#define LIT_MAX 48 /* bytes in one literal */

/* Letters and digits in S. */
static int
alnum_count(const char *s)
{
    int n = 0;

    for (; *s != '\0'; s++)
        n += *s != ' ';
    return n;
}

/* Replaces A with every string of A followed by one of B; false (A
 * unchanged) when the result would exceed the limits. */
static bool
litset_product(struct litset *a, const struct litset *b)
{
    struct litset out = {0};
    size_t i, j;

    if (a->len * b->len > SET_MAX)
        return false;
    for (i = 0; i < a->len; i++)
        for (j = 0; j < b->len; j++)
            if (strlen(a->v[i]) + strlen(b->v[j]) > LIT_MAX) {
                litset_free(&out);
                return false;
            } else {
                char *s = xasprintf("%s%s", a->v[i], b->v[j]);

                litset_push(&out, s, alnum_count(s));
            }
    litset_free(a);
    *a = out;
    return true;
}

static bool exact_span(const char *p, const char *end, int depth,
                       struct litset *out);

/* The finite set of literals atom A matches exactly, or false. */
static bool
atom_exact(const struct atom *a, int depth, struct litset *out)
{
    struct atom one = *a;
    char sym;

    memset(out, 0, sizeof *out);
    if (a->qmax != 1 || a->qmin > 1)
        return false;
    one.qmin = one.qmax = 1;
    if (a->kind == ATOM_GROUP) {
        if (!exact_span(a->body, a->body_end, depth + 1, out))
            return false;
    } else {
        sym = atom_symbol(&one);
        if (sym == '\0')
            return false;
        litset_push(out, xasprintf("%c", sym), sym != ' ');
    }
    if (a->qmin == 0)
        litset_push(out, xstrdup(""), 0);
    return true;
}

/* The exact set of P..END: every branch a product of exact atoms. */
static bool
exact_span(const char *p, const char *end, int depth, struct litset *out)
{
    struct litset branch = {0}, at;
    struct atom a;
    size_t i;

    memset(out, 0, sizeof *out);
    if (depth > MAX_DEPTH)
        return false;
    litset_push(&branch, xstrdup(""), 0);
    for (;;) {
        bool at_end = p >= end;

        if (!at_end && !atom_read(p, end, &a))
            goto fail;
        if (at_end || a.kind == ATOM_BAR) {
            if (out->len + branch.len > SET_MAX)
                goto fail;
            for (i = 0; i < branch.len; i++)
                litset_push(out, branch.v[i], alnum_count(branch.v[i]));
            free(branch.v);
            memset(&branch, 0, sizeof branch);
            if (at_end)
                return true;
            litset_push(&branch, xstrdup(""), 0);
            p = a.end;
            continue;
        }
        if (!atom_exact(&a, depth, &at) || !litset_product(&branch, &at)) {
            litset_free(&at);
            goto fail;
        }
        litset_free(&at);
        p = a.end;
    }
fail:
    litset_free(&branch);
    litset_free(out);
    return false;
}

/* True when S is selective enough to stand for a rule: three letters or
 * digits, or "CC" starting a word (the licences' own abbreviation). */
static bool
literal_ok(const char *s)
{
    return alnum_count(s) >= 3 || strcmp(s, " cc") == 0;
}

/* Offers SET as a candidate for BEST when each of its literals is
 * selective; frees it either way. */
static void
offer(struct litset *set, struct litset *best)
{
    size_t i;

    for (i = 0; i < set->len; i++)
        if (!literal_ok(set->v[i])) {
            litset_free(set);
            return;
        }
    if (set->len > 0 && set->score == 0)
        set->score = 1; /* " cc" */
    litset_keep(best, set);
}

#define WIN_MAX 64 /* exact atoms in one run */

/* A run of exact atoms: their sets, and whether a word starts before the
 * first one. */
struct litrun {
    struct litset at[WIN_MAX];
    size_t len;
    bool word;
};

/* The product of the run's sets into OUT; false when over the limits. */
static bool
run_product(const struct litrun *run, struct litset *out)
{
    size_t i;

    memset(out, 0, sizeof *out);
    litset_push(out, xstrdup(run->word ? " " : ""), 0);
    for (i = 0; i < run->len; i++)
        if (!litset_product(out, &run->at[i])) {
            litset_free(out);
            return false;
        }
    return true;
}

/* Drops the run's first atom. */
static void
run_shift(struct litrun *run)
{
    litset_free(&run->at[0]);
    memmove(run->at, run->at + 1, --run->len * sizeof *run->at);
    run->word = false;
}

/* Offers the run's product to BEST and empties the run. */
static void
run_end(struct litrun *run, struct litset *best)
{
    struct litset p;

    if (run->len > 0 && run_product(run, &p))
        offer(&p, best);
    while (run->len > 0)
        run_shift(run);
}

/* Appends AT (taken) to the run; while the product is over the limits,
 * offers what it had and drops atoms from its front. */
static void
run_push(struct litrun *run, struct litset *at, struct litset *best)
{
    struct litset p;

    if (run->len == WIN_MAX) {
        run_end(run, best);
    }
    run->at[run->len++] = *at;
    memset(at, 0, sizeof *at);
    while (!run_product(run, &p)) {
        struct litset keep = run->at[--run->len];

        if (run->len > 0 && run_product(run, &p))
            offer(&p, best);
        run->at[run->len++] = keep;
        run_shift(run);
    }
    litset_free(&p);
}

/* The best literal set of the concatenation P..END: the product of a
 * run of exact atoms, or a mandatory group's own set.  WORD: a word
 * starts where P..END does. */
static bool
literals_concat(const char *p, const char *end, int depth, bool word,
                struct litset *out)
{
    struct litrun run = {0};
    struct litset at;
    bool after_start = word; /* a word boundary precedes */
    struct atom a;

    for (; p < end; p = a.end) {
        if (!atom_read(p, end, &a) || a.kind == ATOM_UNSAFE) {
            run_end(&run, out);
            litset_free(out);
            return false;
        }
        if (atom_exact(&a, depth, &at)) {
            if (run.len == 0)
                run.word = after_start;
            run_push(&run, &at, out);
            after_start = false;
            continue;
        }
        litset_free(&at);
        if (word_end(&a) && run.len > 0) {
            /* the next character is no letter or digit (or the text
             * ends): one ' ' more, and the run stops there */
            litset_push(&at, xstrdup(" "), 0);
            run_push(&run, &at, out);
        }
        run_end(&run, out);
        if (a.kind == ATOM_GROUP && a.qmin > 0) {
            struct litset g = {0};

            if (literals_span(a.body, a.body_end, depth + 1, after_start, &g))
                litset_keep(out, &g);
            else
                litset_free(&g);
        }
        after_start = word_start(&a);
    }
    run_end(&run, out);
    return out->len + out->nres > 0;
}

/* The residue for a branch P..END without a literal: its factor, when
 * that holds two letters at least (else NULL: too weak to filter). */
static char *
residue(const char *p, const char *end)
{
    char *branch = xstrndup(p, (size_t)(end - p)), *f;
    int score = 0;

    f = rules_factor(branch, &score);
    free(branch);
    if (f != NULL && score < 2) {
        free(f);
        f = NULL;
    }
    return f;
}

/* The literal set of P..END: the union over its branches; a branch
 * without literals adds its residue. */
static bool
literals_span(const char *p, const char *end, int depth, bool word,
              struct litset *out)
{
    const char *branch = p;
    struct atom a;

    if (depth > MAX_DEPTH)
        return false;
    for (;;) {
        bool at_end = p >= end;

        if (!at_end && !atom_read(p, end, &a))
            return false;
        if (at_end || a.kind == ATOM_BAR) {
            struct litset b = {0};
            size_t i;

            if (!literals_concat(branch, p, depth, word, &b)) {
                char *r = residue(branch, p);

                litset_free(&b);
                if (r == NULL)
                    return false;
                litset_push_res(out, r);
            } else {
                for (i = 0; i < b.len; i++)
                    litset_push(out, b.v[i], b.score);
                for (i = 0; i < b.nres; i++)
                    litset_push_res(out, b.res[i]);
                free(b.v);
                free(b.res);
            }
            if (at_end)
                return true;
            branch = a.end;
        }
        p = a.end;
    }
}

bool
rules_factor_literals(const char *pattern, char ***lits, size_t *len,
                      char ***residue_out, size_t *nres)
{
    struct litset s = {0};
    int score = 0;
    char *f = rules_factor(pattern, &score); /* NULL: unsafe syntax */

    *lits = *residue_out = NULL;
    *len = *nres = 0;
    if (f == NULL ||
        !literals_span(pattern, pattern + strlen(pattern), 0, false, &s) ||
        s.len + s.nres == 0) {
        free(f);
        litset_free(&s);
        return false;
    }
    free(f);
    *lits = s.v;
    *len = s.len;
    *residue_out = s.res;
    *nres = s.nres;
    return true;
}

/* True when every match of P..END holds a non-ASCII character. */
static bool
needs_nonascii(const char *p, const char *end, int depth)
{
    bool branch_has = false;
    struct atom a;

    if (depth > MAX_DEPTH)
        return false;
    for (; p < end; p = a.end) {
        if (!atom_read(p, end, &a))
            return false;
        if (a.kind == ATOM_BAR) {
            if (!branch_has)
                return false;
            branch_has = false;
            continue;
        }
        if (a.qmin == 0)
            continue;
        if ((a.kind == ATOM_LIT && (unsigned char)*a.start >= 0x80) ||
            (a.kind == ATOM_GROUP &&
             needs_nonascii(a.body, a.body_end, depth + 1)))
            branch_has = true;
    }
    return branch_has;
}

bool
rules_factor_needs_nonascii(const char *pattern)
{
    return needs_nonascii(pattern, pattern + strlen(pattern), 0);
}

char *
rules_factor(const char *pattern, int *score)
{
    struct strbuf out = STRBUF_INIT;
    int s = 0;

    *score = 0;
    if (!factor_span(pattern, pattern + strlen(pattern), 0, &out, &s)) {
        strbuf_release(&out);
        return NULL;
    }
    *score = s;
    strbuf_add(&out, "", 0);
    return strbuf_detach(&out);
}
