/* SPDX-License-Identifier: MIT */
/*
 * report_html_align: lines up a copy's blocks with its original's for
 * the side-by-side view, and marks the words that differ inside a pair.
 * Words are compared case-insensitively, punctuation ignored, as textsim
 * does; nothing here judges the copy (verify_judge.c does), it only
 * shows where the texts part.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "report_html.h"
#include "xalloc.h"

#define NONE     ((size_t)-1)
#define MIN_PAIR 0.3 /* blocks less alike than this are not a pair */

struct words {
    uint64_t *h;      /* word hashes, in text order */
    uint64_t *sorted; /* the same, sorted */
    size_t len;
    size_t *start, *end; /* byte range of each word */
};

static bool
is_word_byte(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static int
cmp_u64(const void *pa, const void *pb)
{
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;

    return a < b ? -1 : a > b;
}

/* Splits S into words; at most MAX of them (0: no limit). */
static void
words_of(const char *s, size_t max, struct words *w)
{
    size_t i, cap = 0;

    memset(w, 0, sizeof *w);
    for (i = 0; s[i] != '\0' && (max == 0 || w->len < max);) {
        uint64_t h = HASH_FNV_OFFSET;
        size_t b = i;

        if (!is_word_byte((unsigned char)s[i])) {
            i++;
            continue;
        }
        for (; s[i] != '\0' && is_word_byte((unsigned char)s[i]); i++) {
            unsigned char c = (unsigned char)s[i];

            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c - 'A' + 'a');
            h = (h ^ c) * HASH_FNV_PRIME;
        }
        if (w->len == cap) {
            cap = cap ? cap * 2 : 32;
            w->h = xreallocarray(w->h, cap, sizeof *w->h);
            w->start = xreallocarray(w->start, cap, sizeof *w->start);
            w->end = xreallocarray(w->end, cap, sizeof *w->end);
        }
        w->h[w->len] = h;
        w->start[w->len] = b;
        w->end[w->len] = i;
        w->len++;
    }
    w->sorted = xreallocarray(NULL, w->len ? w->len : 1, sizeof *w->sorted);
    if (w->len > 0)
        memcpy(w->sorted, w->h, w->len * sizeof *w->h);
    qsort(w->sorted, w->len, sizeof *w->sorted, cmp_u64);
}

static void
words_free(struct words *w)
{
    free(w->h);
    free(w->sorted);
    free(w->start);
    free(w->end);
}

/* Dice over the word multisets. */
static double
dice(const struct words *a, const struct words *b)
{
    size_t i = 0, j = 0, common = 0;

    if (a->len + b->len == 0)
        return 1;
    while (i < a->len && j < b->len) {
        if (a->sorted[i] < b->sorted[j])
            i++;
        else if (a->sorted[i] > b->sorted[j])
            j++;
        else
            common++, i++, j++;
    }
    return 2.0 * (double)common / (double)(a->len + b->len);
}

static bool
same_words(const struct words *a, const struct words *b)
{
    return a->len == b->len &&
           (a->len == 0 || memcmp(a->h, b->h, a->len * sizeof *a->h) == 0);
}

double
report_html_similarity(const char *a, const char *b)
{
    struct words wa, wb;
    double d;

    words_of(a, 0, &wa);
    words_of(b, 0, &wb);
    d = dice(&wa, &wb);
    words_free(&wa);
    words_free(&wb);
    return d;
}

struct pairs {
    struct align_pair *v;
    size_t len, cap;
};

static void
push(struct pairs *p, enum align_kind kind, size_t copy, size_t orig)
{
    if (p->len == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 32;
        p->v = xreallocarray(p->v, p->cap, sizeof *p->v);
    }
    p->v[p->len].kind = kind;
    p->v[p->len].copy = copy;
    p->v[p->len].orig = orig;
    p->len++;
}

/* The DP table: SCORE of the best alignment of the first I copy and J
 * original blocks; MOVE how it was reached (0 pair, 1 skip copy block,
 * 2 skip original block). */
struct table {
    size_t n, m;
    float *score;
    unsigned char *move;
};

#define AT(t, i, j) ((i) * ((t)->m + 1) + (j))

static void
fill(struct table *t, struct words *cw, struct words *ow)
{
    size_t i, j;

    for (i = 0; i <= t->n; i++)
        for (j = 0; j <= t->m; j++) {
            float best = 0, s;
            unsigned char mv = i > 0 ? 1 : 2;

            if (i > 0 && j > 0) {
                double d = dice(&cw[i - 1], &ow[j - 1]);

                if (d >= MIN_PAIR) {
                    best = t->score[AT(t, i - 1, j - 1)] + (float)d;
                    mv = 0;
                }
            }
            if (i > 0 && (s = t->score[AT(t, i - 1, j)]) > best)
                best = s, mv = 1;
            if (j > 0 && (s = t->score[AT(t, i, j - 1)]) > best)
                best = s, mv = 2;
            if (i == 0 && j == 0)
                mv = 0;
            t->score[AT(t, i, j)] = best;
            t->move[AT(t, i, j)] = mv;
        }
}

/* Walks the table back into pairs, in page order. */
static void
trace(const struct table *t, struct words *cw, struct words *ow,
      struct pairs *out)
{
    size_t i = t->n, j = t->m, k, a, b;
    struct pairs rev = {NULL, 0, 0};

    while (i > 0 || j > 0) {
        unsigned char mv = t->move[AT(t, i, j)];

        if (mv == 0 && i > 0 && j > 0) {
            push(&rev,
                 same_words(&cw[i - 1], &ow[j - 1]) ? ALIGN_SAME
                                                    : ALIGN_CHANGED,
                 i - 1, j - 1);
            i--, j--;
        } else if (mv == 1 && i > 0) {
            push(&rev, ALIGN_ADDED, --i, NONE);
        } else {
            push(&rev, ALIGN_LEFT, NONE, --j);
        }
    }
    /* within a gap, put what the copy left out before what it added */
    for (k = rev.len; k > 0;) {
        for (a = k; a > 0 && rev.v[a - 1].kind != ALIGN_SAME &&
                    rev.v[a - 1].kind != ALIGN_CHANGED;
             a--)
            ;
        for (b = k; b > a; b--)
            if (rev.v[b - 1].kind == ALIGN_LEFT)
                push(out, ALIGN_LEFT, NONE, rev.v[b - 1].orig);
        for (b = k; b > a; b--)
            if (rev.v[b - 1].kind == ALIGN_ADDED)
                push(out, ALIGN_ADDED, rev.v[b - 1].copy, NONE);
        if (a > 0)
            push(out, rev.v[a - 1].kind, rev.v[a - 1].copy, rev.v[a - 1].orig);
        k = a > 0 ? a - 1 : 0;
    }
    free(rev.v);
}

struct align_pair *
report_html_align(const struct sidetext *copy, const struct sidetext *orig,
                  size_t *len)
{
    struct table t = {0};
    struct pairs out = {NULL, 0, 0};
    struct words *cw, *ow;
    size_t i;

    t.n = copy->len < ALIGN_MAX_BLOCKS ? copy->len : ALIGN_MAX_BLOCKS;
    t.m = orig->len < ALIGN_MAX_BLOCKS ? orig->len : ALIGN_MAX_BLOCKS;
    cw = xcalloc(t.n + 1, sizeof *cw);
    ow = xcalloc(t.m + 1, sizeof *ow);
    for (i = 0; i < t.n; i++)
        words_of(copy->v[i].text, 0, &cw[i]);
    for (i = 0; i < t.m; i++)
        words_of(orig->v[i].text, 0, &ow[i]);
    t.score = xreallocarray(NULL, (t.n + 1) * (t.m + 1), sizeof *t.score);
    t.move = xreallocarray(NULL, (t.n + 1) * (t.m + 1), 1);
    fill(&t, cw, ow);
    trace(&t, cw, ow, &out);
    /* blocks past the cap come as they are */
    for (i = t.m; i < orig->len; i++)
        push(&out, ALIGN_LEFT, NONE, i);
    for (i = t.n; i < copy->len; i++)
        push(&out, ALIGN_ADDED, i, NONE);
    for (i = 0; i < t.n; i++)
        words_free(&cw[i]);
    for (i = 0; i < t.m; i++)
        words_free(&ow[i]);
    free(cw);
    free(ow);
    free(t.score);
    free(t.move);
    *len = out.len;
    return out.v;
}

/* Marks KEEP[i] for each word of X in a longest common subsequence of X
 * and Y (word hashes). */
static void
lcs_keep(const struct words *x, const struct words *y, bool *keep)
{
    size_t n = x->len, m = y->len, i, j;
    unsigned short *l = xcalloc((n + 1) * (m + 1), sizeof *l);

#define L(i, j) l[(i) * (m + 1) + (j)]
    for (i = n; i-- > 0;)
        for (j = m; j-- > 0;)
            L(i, j) = x->h[i] == y->h[j] ? (unsigned short)(L(i + 1, j + 1) + 1)
                      : L(i + 1, j) >= L(i, j + 1) ? L(i + 1, j)
                                                   : L(i, j + 1);
    for (i = 0, j = 0; i < n && j < m;) {
        if (x->h[i] == y->h[j]) {
            keep[i++] = true;
            j++;
        } else if (L(i + 1, j) >= L(i, j + 1)) {
            i++;
        } else {
            j++;
        }
    }
#undef L
    free(l);
}

/* Writes S with the words not kept in TAG; text after the last compared
 * word is written plain. */
static void
write_marked(struct strbuf *sb, const char *s, const struct words *w,
             const bool *keep, const char *tag)
{
    size_t i, at = 0;
    bool open = false;

    for (i = 0; i < w->len; i++) {
        if (!keep[i] && !open) {
            report_html_textn(sb, s + at, w->start[i] - at, true);
            strbuf_addf(sb, "<%s>", tag);
            open = true;
            at = w->start[i];
        } else if (keep[i] && open) {
            report_html_textn(sb, s + at, w->end[i - 1] - at, true);
            strbuf_addf(sb, "</%s>", tag);
            open = false;
            at = w->end[i - 1];
        }
    }
    if (open) {
        report_html_textn(sb, s + at, w->end[w->len - 1] - at, true);
        strbuf_addf(sb, "</%s>", tag);
        at = w->end[w->len - 1];
    }
    report_html_text(sb, s + at);
}

void
report_html_word_diff(struct strbuf *sb, const char *a, const char *b,
                      int which)
{
    struct words wa, wb;
    const struct words *me, *other;
    bool *keep;

    words_of(a, ALIGN_MAX_WORDS, &wa);
    words_of(b, ALIGN_MAX_WORDS, &wb);
    me = which == 0 ? &wa : &wb;
    other = which == 0 ? &wb : &wa;
    keep = xcalloc(me->len + 1, sizeof *keep);
    lcs_keep(me, other, keep);
    write_marked(sb, which == 0 ? a : b, me, keep, which == 0 ? "del" : "ins");
    free(keep);
    words_free(&wa);
    words_free(&wb);
}
