/* SPDX-License-Identifier: MIT */
/*
 * robots: RFC 9309 robots.txt parsing and matching.  We keep only the
 * rules of the group that applies to our product token (or of the "*"
 * group), normalised so that percent-encoding differences do not matter,
 * and match them with a linear-time wildcard matcher.  No I/O here: the
 * fetch engine decides what 4xx/5xx answers mean.
 */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "robots.h"
#include "strbuf.h"
#include "url.h"
#include "xalloc.h"

struct robots_rule {
    char *pattern; /* normalised; may hold '*' and a final '$' */
    size_t len;
    bool allow;
};

struct rule_list {
    struct robots_rule *v;
    size_t len, cap;
    long delay_ms; /* -1 when no Crawl-delay line */
};

/* Sitemap: lines kept at most. */
#define ROBOTS_MAX_SITEMAPS 64

struct robots {
    struct rule_list rules;
    char **sitemaps; /* the Sitemap: lines, in order */
    size_t sitemaps_len;
};

/* The state of one parse: the group being read and the two candidates. */
struct parser {
    const char *token;
    bool in_agent_lines; /* the last rule-ish line was a user-agent */
    bool cur_agent, cur_star;
    bool agent_seen; /* some group names our product token */
    struct rule_list agent, star;
};

static bool
is_unreserved(unsigned char c)
{
    return isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

/*
 * Appends S[0..N) to OUT in the one form that both rules and URL paths are
 * compared in (RFC 9309 section 2.2.2): escapes of unreserved characters
 * decoded, other escapes upper case, non-ASCII and control bytes escaped.
 */
static void
normalise(const char *s, size_t n, struct strbuf *out)
{
    static const char hex[] = "0123456789ABCDEF";

    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '%' && i + 2 < n && url_hexval((unsigned char)s[i + 1]) >= 0 &&
            url_hexval((unsigned char)s[i + 2]) >= 0) {
            c = (unsigned char)(url_hexval((unsigned char)s[i + 1]) * 16 +
                                url_hexval((unsigned char)s[i + 2]));
            i += 2;
            if (is_unreserved(c)) {
                strbuf_addc(out, (char)c);
                continue;
            }
        } else if (c > 0x20 && c < 0x7f) {
            strbuf_addc(out, (char)c);
            continue;
        }
        strbuf_addc(out, '%');
        strbuf_addc(out, hex[c >> 4]);
        strbuf_addc(out, hex[c & 15]);
    }
}

static void
list_add(struct rule_list *l, const char *pattern, size_t len, bool allow)
{
    if (l->len == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
    }
    l->v[l->len].pattern = xstrndup(pattern, len);
    l->v[l->len].len = len;
    l->v[l->len].allow = allow;
    l->len++;
}

static void
list_release(struct rule_list *l)
{
    for (size_t i = 0; i < l->len; i++)
        free(l->v[i].pattern);
    free(l->v);
    l->v = NULL;
    l->len = l->cap = 0;
}

/* True when the user-agent VALUE names the product token AGENT: its
 * leading run of [A-Za-z_-] equals AGENT, ignoring case. */
static bool
agent_matches(const char *value, size_t n, const char *agent)
{
    size_t k = 0;

    while (k < n && (isalpha((unsigned char)value[k]) || value[k] == '_' ||
                     value[k] == '-'))
        k++;
    return k > 0 && k == strlen(agent) && strncasecmp(value, agent, k) == 0;
}

static bool
key_is(const char *key, size_t n, const char *const *names)
{
    for (; *names != NULL; names++)
        if (strlen(*names) == n && strncasecmp(key, *names, n) == 0)
            return true;
    return false;
}

static const char *const ua_keys[] = {"user-agent", "useragent", "user agent",
                                      NULL};
static const char *const allow_keys[] = {"allow", NULL};
static const char *const disallow_keys[] = {"disallow", "disalow", "dissallow",
                                            "dissalow", NULL};
static const char *const delay_keys[] = {"crawl-delay", "crawldelay", NULL};

static long
parse_delay(const char *v, size_t n)
{
    char buf[32];
    char *end;
    double d;

    if (n == 0 || n >= sizeof(buf))
        return -1;
    memcpy(buf, v, n);
    buf[n] = '\0';
    d = strtod(buf, &end);
    if (end == buf || *end != '\0' || !(d >= 0) || !isfinite(d))
        return -1;
    return d > 86400.0 ? 86400000L : (long)(d * 1000.0);
}

static void
add_rule(struct parser *p, const char *v, size_t n, bool allow)
{
    struct strbuf sb = STRBUF_INIT;

    if (n == 0) /* an empty Disallow allows everything: no rule */
        return;
    normalise(v, n, &sb);
    if (p->cur_agent)
        list_add(&p->agent, sb.buf, sb.len, allow);
    if (p->cur_star)
        list_add(&p->star, sb.buf, sb.len, allow);
    strbuf_release(&sb);
}

static void
set_delay(struct parser *p, const char *v, size_t n)
{
    long ms = parse_delay(v, n);

    if (ms < 0)
        return;
    /* several matching groups are merged: the strictest delay wins */
    if (p->cur_agent && ms > p->agent.delay_ms)
        p->agent.delay_ms = ms;
    if (p->cur_star && ms > p->star.delay_ms)
        p->star.delay_ms = ms;
}

/* Handles one "key: value" line, both already trimmed. */
static void
parse_pair(struct parser *p, const char *k, size_t kn, const char *v, size_t vn)
{
    if (key_is(k, kn, ua_keys)) {
        if (!p->in_agent_lines)
            p->cur_agent = p->cur_star = false; /* a new group starts */
        p->in_agent_lines = true;
        if (vn == 1 && v[0] == '*')
            p->cur_star = true;
        else if (agent_matches(v, vn, p->token))
            p->cur_agent = p->agent_seen = true;
        return;
    }
    if (key_is(k, kn, allow_keys) || key_is(k, kn, disallow_keys)) {
        p->in_agent_lines = false;
        add_rule(p, v, vn, key_is(k, kn, allow_keys));
    } else if (key_is(k, kn, delay_keys)) {
        p->in_agent_lines = false;
        set_delay(p, v, vn);
    }
    /* sitemap and unknown keys are not part of any group: ignored */
}

static void
trim(const char **s, size_t *n)
{
    while (*n > 0 && isspace((unsigned char)**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n > 0 && isspace((unsigned char)(*s)[*n - 1]))
        (*n)--;
}

static void
parse_line(struct parser *p, const char *line, size_t n)
{
    const char *hash = memchr(line, '#', n);
    const char *colon;
    const char *v;
    size_t kn, vn;

    if (hash != NULL)
        n = (size_t)(hash - line);
    colon = memchr(line, ':', n);
    if (colon == NULL)
        return; /* garbage or blank: ignored */
    kn = (size_t)(colon - line);
    v = colon + 1;
    vn = n - kn - 1;
    trim(&line, &kn);
    trim(&v, &vn);
    parse_pair(p, line, kn, v, vn);
}

/* Keeps a Sitemap: line (robots_sitemap_fn). */
static void
keep_sitemap(const char *url, void *arg)
{
    struct robots *r = arg;

    if (r->sitemaps_len < ROBOTS_MAX_SITEMAPS) {
        r->sitemaps = xreallocarray(r->sitemaps, r->sitemaps_len + 1,
                                    sizeof *r->sitemaps);
        r->sitemaps[r->sitemaps_len++] = xstrdup(url);
    }
}

size_t
robots_sitemap_count(const struct robots *r)
{
    return r != NULL ? r->sitemaps_len : 0;
}

const char *
robots_sitemap_at(const struct robots *r, size_t i)
{
    return r->sitemaps[i];
}

struct robots *
robots_parse(const char *txt, size_t len, const char *agent)
{
    struct parser p = {agent, false, false, false, false, {0}, {0}};
    struct robots *r = xcalloc(1, sizeof(*r));
    size_t i = 0;

    p.agent.delay_ms = p.star.delay_ms = -1;
    if (len > ROBOTS_MAX_BYTES) {
        len = ROBOTS_MAX_BYTES;
        while (len > 0 && txt[len - 1] != '\n' && txt[len - 1] != '\r')
            len--; /* drop the line the limit cuts through */
    }
    if (len >= 3 && memcmp(txt, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len) {
        size_t start = i;
        while (i < len && txt[i] != '\n' && txt[i] != '\r')
            i++;
        parse_line(&p, txt + start, i - start);
        i++; /* a CRLF pair just yields one extra empty line */
    }
    robots_sitemaps(txt, len, keep_sitemap, r);
    if (p.agent_seen) {
        r->rules = p.agent;
        list_release(&p.star);
    } else {
        r->rules = p.star;
        list_release(&p.agent);
    }
    return r;
}

void
robots_sitemaps(const char *txt, size_t len, robots_sitemap_fn fn, void *arg)
{
    static const char *const sitemap_keys[] = {"sitemap", "site-map", NULL};
    size_t i = 0;

    if (len > ROBOTS_MAX_BYTES)
        len = ROBOTS_MAX_BYTES;
    while (i < len) {
        const char *line = txt + i, *colon, *v;
        size_t n, kn, vn;

        while (i < len && txt[i] != '\n' && txt[i] != '\r')
            i++;
        n = (size_t)(txt + i - line);
        i++;
        colon = memchr(line, ':', n);
        if (colon == NULL)
            continue;
        kn = (size_t)(colon - line);
        v = colon + 1;
        vn = n - kn - 1;
        trim(&line, &kn);
        trim(&v, &vn);
        if (vn > 0 && vn < 4096 && key_is(line, kn, sitemap_keys)) {
            char *url = xstrndup(v, vn);

            fn(url, arg);
            free(url);
        }
    }
}

/* Matches the normalised pattern P (LEN bytes) against S: '*' matches any
 * run, a final '$' anchors the end, otherwise P need only match a prefix.
 * Greedy with one backtrack point, so it is O(len(P) * len(S)) at worst. */
static bool
pattern_matches(const char *pat, size_t plen, const char *s)
{
    bool anchored = plen > 0 && pat[plen - 1] == '$';
    size_t pi = 0, si = 0, star_p = SIZE_MAX, star_s = 0;

    if (anchored)
        plen--;
    while (s[si] != '\0') {
        if (pi < plen && pat[pi] == '*') {
            star_p = pi++;
            star_s = si;
        } else if (pi == plen && !anchored) {
            return true;
        } else if (pi < plen && pat[pi] == s[si]) {
            pi++;
            si++;
        } else if (star_p != SIZE_MAX) {
            pi = star_p + 1;
            si = ++star_s;
        } else {
            return false;
        }
    }
    while (pi < plen && pat[pi] == '*')
        pi++;
    return pi == plen;
}

bool
robots_allowed(const struct robots *r, const char *path_and_query)
{
    struct strbuf sb = STRBUF_INIT;
    const struct robots_rule *best = NULL;
    const char *path;

    if (r == NULL || r->rules.len == 0)
        return true;
    if (path_and_query[0] == '\0')
        path_and_query = "/";
    normalise(path_and_query, strlen(path_and_query), &sb);
    path = strbuf_str(&sb);
    if (strcmp(path, "/robots.txt") == 0) {
        strbuf_release(&sb);
        return true;
    }
    for (size_t i = 0; i < r->rules.len; i++) {
        const struct robots_rule *rule = &r->rules.v[i];
        if (best != NULL &&
            (rule->len < best->len || (rule->len == best->len && !rule->allow)))
            continue;
        if (pattern_matches(rule->pattern, rule->len, path))
            best = rule;
    }
    strbuf_release(&sb);
    return best == NULL || best->allow;
}

long
robots_crawl_delay_ms(const struct robots *r)
{
    return r == NULL ? -1 : r->rules.delay_ms;
}

size_t
robots_rule_count(const struct robots *r)
{
    return r == NULL ? 0 : r->rules.len;
}

void
robots_free(struct robots *r)
{
    if (r == NULL)
        return;
    list_release(&r->rules);
    xfree_strv(r->sitemaps, r->sitemaps_len);
    free(r);
}
