/* SPDX-License-Identifier: MIT */
/*
 * rules_dfa: Aho-Corasick over a 37-symbol alphabet (see rules_dfa.h).
 * The trie is built with a full transition table, then completed into a
 * deterministic automaton breadth first, so scanning never follows a
 * failure link.  Nothing here knows about rules or patterns.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules_dfa.h"
#include "xalloc.h"

#define NSYM      37 /* a-z, 0-9, and "anything else" */
#define SYM_ELSE  36
/* States are 16-bit: the shipped rules need 7,584 and the table is half
 * the size of an int32_t one (561 KB, paged in at every start, and
 * scanned in cache).  Rules that would need more saturate the automaton
 * instead: it then finds a literal in every text, which sends every text
 * the long way (slower, never wrong). */
#define NO_STATE  UINT16_MAX
#define MAX_STATE (UINT16_MAX - 1)

struct rules_dfa {
    uint16_t *next; /* states x NSYM; NO_STATE before the build */
    bool *out;      /* the state ends a literal (or follows one) */
    size_t len, cap;
    bool saturated;   /* over MAX_STATE states: matches everything */
    uint8_t map[256]; /* byte -> symbol */
};

static void
map_init(uint8_t *map)
{
    int c;

    for (c = 0; c < 256; c++)
        map[c] = SYM_ELSE;
    for (c = 'a'; c <= 'z'; c++)
        map[c] = map[c - 'a' + 'A'] = (uint8_t)(c - 'a');
    for (c = '0'; c <= '9'; c++)
        map[c] = (uint8_t)(26 + c - '0');
}

/* A new state, or NO_STATE when there are MAX_STATE already. */
static uint16_t
state_new(struct rules_dfa *d)
{
    size_t i;

    if (d->len > MAX_STATE)
        return NO_STATE;
    if (d->len == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 256;
        d->next = xreallocarray(d->next, d->cap, NSYM * sizeof *d->next);
        d->out = xreallocarray(d->out, d->cap, sizeof *d->out);
    }
    for (i = 0; i < NSYM; i++)
        d->next[d->len * NSYM + i] = NO_STATE;
    d->out[d->len] = false;
    return (uint16_t)d->len++;
}

struct rules_dfa *
rules_dfa_new(void)
{
    struct rules_dfa *d = xcalloc(1, sizeof *d);

    map_init(d->map);
    (void)state_new(d); /* the root */
    return d;
}

void
rules_dfa_add(struct rules_dfa *d, const char *lit)
{
    size_t s = 0;

    for (; *lit != '\0' && !d->saturated; lit++) {
        uint8_t c = d->map[(unsigned char)*lit];
        uint16_t t = d->next[s * NSYM + c];

        if (t == NO_STATE) {
            t = state_new(d);
            d->saturated = t == NO_STATE;
            d->next[s * NSYM + c] = t;
        }
        s = t;
    }
    if (!d->saturated)
        d->out[s] = true;
}

void
rules_dfa_build(struct rules_dfa *d)
{
    uint16_t *fail, *queue;
    size_t head = 0, tail = 0, c;

    if (d->saturated)
        return;
    fail = xcalloc(d->len, sizeof *fail);
    queue = xcalloc(d->len, sizeof *queue);
    for (c = 0; c < NSYM; c++) {
        uint16_t t = d->next[c];

        if (t == NO_STATE) {
            d->next[c] = 0;
        } else {
            fail[t] = 0;
            queue[tail++] = t;
        }
    }
    /* A state's row is its failure state's row (complete: that state is
     * shallower) with its own children put back; most states have one
     * child, so copying the row beats a choice per symbol (a third of
     * the instructions of a start went here). */
    while (head < tail) {
        size_t s = queue[head++], nkids = 0, i;
        uint16_t *row = &d->next[s * NSYM];
        const uint16_t *frow = &d->next[(size_t)fail[s] * NSYM];
        uint16_t kids[NSYM];
        uint8_t syms[NSYM];

        d->out[s] = d->out[s] || d->out[fail[s]];
        for (c = 0; c < NSYM; c++)
            if (row[c] != NO_STATE) {
                syms[nkids] = (uint8_t)c;
                kids[nkids++] = row[c];
            }
        memcpy(row, frow, NSYM * sizeof *row);
        for (i = 0; i < nkids; i++) {
            fail[kids[i]] = frow[syms[i]];
            row[syms[i]] = kids[i];
            queue[tail++] = kids[i];
        }
    }
    free(fail);
    free(queue);
}

bool
rules_dfa_scan(const struct rules_dfa *d, const char *text, size_t len,
               bool *nonascii)
{
    const unsigned char *p = (const unsigned char *)text, *end = p + len;
    const uint16_t *next = d->next;
    unsigned char seen = 0;
    size_t s;

    *nonascii = true; /* unless the whole text is read */
    if (d->saturated)
        return true;
    s = next[SYM_ELSE]; /* the start of the text is a boundary */
    if (d->out[s])
        return true;
    for (; p < end; p++) {
        seen |= *p;
        s = next[s * NSYM + d->map[*p]];
        if (d->out[s])
            return true;
    }
    *nonascii = (seen & 0x80) != 0;
    return d->out[next[s * NSYM + SYM_ELSE]]; /* so is its end */
}

void
rules_dfa_free(struct rules_dfa *d)
{
    if (d == NULL)
        return;
    free(d->next);
    free(d->out);
    free(d);
}
