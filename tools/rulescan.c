/* SPDX-License-Identifier: MIT */
/*
 * rulescan: a debugging tool for data/rules.  Reads text blocks, one a
 * line, from standard input, normalises each (textnorm) and prints the
 * hits of one rule kind; for licence hits the captured port is mapped to
 * a code with the port rules.  Not built by `make`: `make extras` builds
 * it (an EXTRA_PROGRAMS entry, so CI keeps it compiling).
 * Output per input line: "L<TAB>N", then N lines
 * "H<TAB>value<TAB>version<TAB>port<TAB>portcode<TAB>id<TAB>text".
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "textnorm.h"
#include "xalloc.h"

static char *
span(const char *text, size_t a, size_t b)
{
    if (a == RULES_NONE)
        return xstrdup("");
    return xstrndup(text + a, b - a);
}

/* The VALUE of the longest port rule matching PORT, or "". */
static const char *
port_code(const struct rules *r, const char *port, struct rules_hits *ph)
{
    size_t i, best = RULES_NONE, blen = 0;

    if (*port == '\0' || rules_scan(r, RULE_PORT, port, strlen(port), ph) == 0)
        return "";
    for (i = 0; i < ph->len; i++)
        if (ph->v[i].end - ph->v[i].start > blen) {
            blen = ph->v[i].end - ph->v[i].start;
            best = i;
        }
    return ph->v[best].value;
}

static void
print_hits(const struct rules *r, enum rule_kind kind, const char *text,
           struct rules_hits *hits, struct rules_hits *ph)
{
    size_t i, n = rules_scan(r, kind, text, strlen(text), hits);

    printf("L\t%zu\n", n);
    for (i = 0; i < n; i++) {
        const struct rules_hit *h = &hits->v[i];
        char *v = span(text, h->version_start, h->version_end);
        char *p = span(text, h->port_start, h->port_end);
        char *t = span(text, h->start, h->end);

        printf("H\t%s\t%s\t%s\t%s\t%s\t%s\n", h->value, v, p,
               port_code(r, p, ph), h->id, t);
        free(v);
        free(p);
        free(t);
    }
}

int
main(int argc, char **argv)
{
    struct rules *r = NULL;
    struct rules_hits hits = {0}, ph = {0};
    struct ac_err err;
    enum rule_kind kind;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;

    if (argc != 3) {
        fprintf(stderr, "usage: rulescan RULESDIR KIND < lines\n");
        return 2;
    }
    kind = rules_kind_from_name(argv[2]);
    if (kind == RULE_KIND_COUNT || rules_load(argv[1], &r, &err) != AC_OK) {
        fprintf(stderr, "rulescan: %s\n",
                kind == RULE_KIND_COUNT ? "unknown kind" : err.msg);
        return 2;
    }
    while ((n = getline(&line, &cap, stdin)) >= 0) {
        char *text = xstrndup(line, (size_t)n);
        char *norm = textnorm_dup(text);

        print_hits(r, kind, norm, &hits, &ph);
        free(norm);
        free(text);
    }
    free(line);
    rules_hits_free(&hits);
    rules_hits_free(&ph);
    rules_free(r);
    return 0;
}
