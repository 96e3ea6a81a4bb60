/* SPDX-License-Identifier: MIT */
/*
 * glob: path patterns with ** (see glob.h).  A memoised recursive match:
 * each (pattern position, path position) pair is decided at most once,
 * so a hostile pattern like "*a*a*a*a*b" cannot take exponential time.
 * It does not do brace expansion or locale-aware classes.
 */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "glob.h"
#include "xalloc.h"

struct matcher {
    const char *p, *s;
    size_t plen, slen;
    signed char *memo; /* (plen + 1) * (slen + 1): -1 unknown, 0, 1 */
};

static bool match_at(struct matcher *m, size_t pi, size_t si);

/* Matches the class starting at P[PI] ('[') against C.  Sets *END to the
 * index after ']'; a class with no ']' is a literal '['. */
static bool
match_class(const struct matcher *m, size_t pi, char c, size_t *end)
{
    size_t i = pi + 1;
    bool neg = false, hit = false;

    if (i < m->plen && (m->p[i] == '!' || m->p[i] == '^')) {
        neg = true;
        i++;
    }
    if (i < m->plen && m->p[i] == ']') { /* a leading ']' is literal */
        hit = c == ']';
        i++;
    }
    for (; i < m->plen && m->p[i] != ']'; i++) {
        char lo = m->p[i], hi = lo;

        if (lo == '\\' && i + 1 < m->plen)
            lo = hi = m->p[++i];
        if (i + 2 < m->plen && m->p[i + 1] == '-' && m->p[i + 2] != ']') {
            hi = m->p[i + 2];
            i += 2;
        }
        if ((unsigned char)c >= (unsigned char)lo &&
            (unsigned char)c <= (unsigned char)hi)
            hit = true;
    }
    if (i >= m->plen) { /* unterminated: a literal '[' */
        *end = pi + 1;
        return c == '[';
    }
    *end = i + 1;
    return c != '/' && hit != neg;
}

/* True when the "**" at PI is a whole segment. */
static bool
is_globstar(const struct matcher *m, size_t pi)
{
    return pi + 1 < m->plen && m->p[pi] == '*' && m->p[pi + 1] == '*' &&
           (pi == 0 || m->p[pi - 1] == '/') &&
           (pi + 2 == m->plen || m->p[pi + 2] == '/');
}

static bool
match_globstar(struct matcher *m, size_t pi, size_t si)
{
    size_t k;

    if (pi + 2 == m->plen) /* a trailing ** takes the rest */
        return true;
    /* "**" + "/": zero segments, or any run ending in '/' */
    if (match_at(m, pi + 3, si))
        return true;
    for (k = si; k < m->slen; k++)
        if (m->s[k] == '/' && match_at(m, pi + 3, k + 1))
            return true;
    return false;
}

static bool
match_star(struct matcher *m, size_t pi, size_t si)
{
    while (pi < m->plen && m->p[pi] == '*')
        pi++;
    for (;; si++) {
        if (match_at(m, pi, si))
            return true;
        if (si >= m->slen || m->s[si] == '/')
            return false;
    }
}

static bool
match_uncached(struct matcher *m, size_t pi, size_t si)
{
    size_t end;
    char c;

    if (pi == m->plen)
        return si == m->slen;
    if (is_globstar(m, pi))
        return match_globstar(m, pi, si);
    if (m->p[pi] == '*')
        return match_star(m, pi, si);
    if (si == m->slen)
        return false;
    c = m->s[si];
    switch (m->p[pi]) {
    case '?':
        return c != '/' && match_at(m, pi + 1, si + 1);
    case '[':
        return match_class(m, pi, c, &end) && match_at(m, end, si + 1);
    case '\\':
        if (pi + 1 < m->plen)
            pi++;
        /* fall through */
    default:
        return m->p[pi] == c && match_at(m, pi + 1, si + 1);
    }
}

static bool
match_at(struct matcher *m, size_t pi, size_t si)
{
    signed char *slot = &m->memo[pi * (m->slen + 1) + si];

    if (*slot < 0)
        *slot = (signed char)match_uncached(m, pi, si);
    return *slot == 1;
}

bool
glob_match(const char *pattern, const char *path)
{
    struct matcher m;
    size_t cells;
    bool hit;

    m.p = pattern;
    m.s = path;
    m.plen = strlen(pattern);
    m.slen = strlen(path);
    cells = (m.plen + 1) * (m.slen + 1);
    m.memo = xmalloc(cells);
    memset(m.memo, -1, cells);
    hit = match_at(&m, 0, 0);
    free(m.memo);
    return hit;
}

bool
glob_match_path(const char *pattern, const char *path)
{
    const char *name;

    while (path[0] == '.' && path[1] == '/')
        path += 2;
    if (pattern[0] == '/')
        return glob_match(pattern + 1, path);
    if (pattern[0] == '.' && pattern[1] == '/')
        return glob_match(pattern + 2, path);
    if (strchr(pattern, '/') != NULL)
        return glob_match(pattern, path);
    /* no '/': the name of any file or folder on the path */
    for (name = path;; name++) {
        const char *slash = strchr(name, '/');
        char *part;
        bool hit;

        if (slash == NULL)
            return glob_match(pattern, name);
        part = xstrndup(name, (size_t)(slash - name));
        hit = glob_match(pattern, part);
        free(part);
        if (hit)
            return true;
        name = slash;
    }
}
