/* SPDX-License-Identifier: MIT */
/*
 * url: RFC 3986 splitting, reference resolution (section 5.2), syntax
 * based normalisation (section 6.2.2) and a few questions about URLs.
 * Pure string work on bytes: it does no I/O except url_from_path()'s
 * realpath, no IDNA and no DNS, and it never decides what is safe to fetch
 * beyond url_is_http().
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "strbuf.h"
#include "url.h"
#include "xalloc.h"

/* A piece of the input: SET distinguishes "absent" from "empty". */
struct span {
    const char *p;
    size_t n;
    bool set;
};

/* The five components of RFC 3986 section 3, plus the authority split. */
struct parts {
    struct span scheme, auth, userinfo, host, port, path, query, fragment;
};

static bool
is_unreserved(unsigned char c)
{
    return isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

static bool
is_subdelim(unsigned char c)
{
    return c != '\0' && strchr("!$&'()*+,;=", c) != NULL;
}

static void
span_set(struct span *sp, const char *p, size_t n)
{
    sp->p = p;
    sp->n = n;
    sp->set = true;
}

/*
 * Returns a copy of S without surrounding whitespace and control bytes and
 * without inner tabs and line breaks (hrefs wrapped over lines, as WHATWG
 * browsers do); NULL when another control byte is inside.
 */
static char *
clean_copy(const char *s)
{
    const unsigned char *b = (const unsigned char *)s;
    size_t len = strlen(s), i, o = 0;
    char *out;

    while (len > 0 && (b[len - 1] <= 0x20 || b[len - 1] == 0x7f))
        len--;
    while (len > 0 && (*b <= 0x20 || *b == 0x7f)) {
        b++;
        len--;
    }
    out = xmalloc(len + 1);
    for (i = 0; i < len; i++) {
        if (b[i] == '\t' || b[i] == '\n' || b[i] == '\r')
            continue;
        if (b[i] < 0x20 || b[i] == 0x7f) {
            free(out);
            return NULL;
        }
        out[o++] = (char)b[i];
    }
    out[o] = '\0';
    return out;
}

/* Checks an IP literal between the brackets: IPv6 (with an optional
 * "%25" zone id) or "v<hex>.<text>" (IPvFuture). */
static bool
valid_ip_literal(const char *p, size_t n)
{
    size_t i, colons = 0;

    if (n > 1 && (p[0] == 'v' || p[0] == 'V')) {
        for (i = 1; i < n; i++)
            if (!is_unreserved((unsigned char)p[i]) &&
                !is_subdelim((unsigned char)p[i]) && p[i] != ':')
                return false;
        return true;
    }
    for (i = 0; i < n; i++) {
        if (p[i] == '%')
            break; /* zone id: "fe80::1%25eth0" */
        if (p[i] == ':')
            colons++;
        else if (!isxdigit((unsigned char)p[i]) && p[i] != '.')
            return false;
    }
    for (; i < n; i++)
        if (!is_unreserved((unsigned char)p[i]) && p[i] != '%')
            return false;
    return colons >= 2;
}

/* reg-name: unreserved, escapes, sub-delims; bytes >= 0x80 (raw IDN). */
static bool
valid_reg_name(const char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];

        if (!is_unreserved(c) && !is_subdelim(c) && c != '%' && c < 0x80)
            return false;
    }
    return true;
}

/* Splits the authority A (N bytes) into userinfo, host and port. */
static bool
split_authority(const char *a, size_t n, struct parts *pt)
{
    const char *h = a, *end = a + n, *at, *colon;

    span_set(&pt->auth, a, n);
    for (at = end; at > a && at[-1] != '@'; at--)
        ;
    if (at > a) { /* the last '@': "a@b@host" has userinfo "a@b" */
        span_set(&pt->userinfo, a, (size_t)(at - 1 - a));
        h = at;
    }
    if (h < end && *h == '[') {
        const char *close = memchr(h, ']', (size_t)(end - h));

        if (close == NULL || !valid_ip_literal(h + 1, (size_t)(close - h - 1)))
            return false;
        colon = close + 1;
        if (colon < end && *colon != ':')
            return false;
    } else {
        colon = memchr(h, ':', (size_t)(end - h));
        if (colon == NULL)
            colon = end;
        if (!valid_reg_name(h, (size_t)(colon - h)))
            return false;
    }
    span_set(&pt->host, h, (size_t)(colon - h));
    if (colon < end && colon + 1 < end) {
        const char *d;

        for (d = colon + 1; d < end; d++)
            if (!isdigit((unsigned char)*d))
                return false;
        span_set(&pt->port, colon + 1, (size_t)(end - colon - 1));
    }
    return true;
}

/* Returns the length of a scheme followed by ':' at the start of S, or 0. */
static size_t
scheme_len(const char *s)
{
    size_t i = 1;

    if (!isalpha((unsigned char)s[0]))
        return 0;
    while (isalnum((unsigned char)s[i]) || s[i] == '+' || s[i] == '-' ||
           s[i] == '.')
        i++;
    return s[i] == ':' ? i : 0;
}

/*
 * Splits the URI reference S (already cleaned) per RFC 3986 appendix B,
 * validating the scheme and the authority.  Returns false on garbage.
 */
static bool
split(const char *s, struct parts *pt)
{
    size_t n = scheme_len(s);

    memset(pt, 0, sizeof *pt);
    if (n > 0) {
        span_set(&pt->scheme, s, n);
        s += n + 1;
    }
    if (s[0] == '/' && s[1] == '/') {
        n = strcspn(s + 2, "/?#");
        if (!split_authority(s + 2, n, pt))
            return false;
        s += 2 + n;
    }
    n = strcspn(s, "?#");
    span_set(&pt->path, s, n);
    s += n;
    if (*s == '?') {
        n = strcspn(s + 1, "#");
        span_set(&pt->query, s + 1, n);
        s += 1 + n;
    }
    if (*s == '#')
        span_set(&pt->fragment, s + 1, strlen(s + 1));
    return true;
}

static char *
span_dup(const struct span *sp, bool lower)
{
    char *s;
    size_t i;

    if (!sp->set)
        return NULL;
    s = xstrndup(sp->p, sp->n);
    for (i = 0; lower && s[i] != '\0'; i++)
        s[i] = (char)tolower((unsigned char)s[i]);
    return s;
}

bool
url_parse(const char *s, struct url *out)
{
    struct parts pt;
    char *c = s != NULL ? clean_copy(s) : NULL;
    bool ok = c != NULL && split(c, &pt) && pt.scheme.set;

    memset(out, 0, sizeof *out);
    if (ok) {
        out->scheme = span_dup(&pt.scheme, true);
        out->userinfo = span_dup(&pt.userinfo, false);
        out->host = span_dup(&pt.host, true);
        out->port = pt.port.set ? span_dup(&pt.port, false) : NULL;
        out->path = span_dup(&pt.path, false);
        out->query = span_dup(&pt.query, false);
        out->fragment = span_dup(&pt.fragment, false);
    }
    free(c);
    return ok;
}

void
url_free(struct url *u)
{
    if (u == NULL)
        return;
    free(u->scheme);
    free(u->userinfo);
    free(u->host);
    free(u->port);
    free(u->path);
    free(u->query);
    free(u->fragment);
    memset(u, 0, sizeof *u);
}

/* Drops the last segment and its '/' from OUT, not below START
 * (RFC 3986 5.2.4 C). */
static void
drop_last_segment(struct strbuf *out, size_t start)
{
    size_t i = out->len;

    while (i > start && out->buf[i - 1] != '/')
        i--;
    strbuf_truncate(out, i > start ? i - 1 : start);
}

/* Appends P (N bytes) to OUT with "." and ".." segments removed, following
 * the steps of RFC 3986 section 5.2.4. */
static void
remove_dot_segments(const char *p, size_t n, struct strbuf *out)
{
    size_t i = 0, start = out->len;

    while (i < n) {
        const char *q = p + i;
        size_t left = n - i, seg;

        if (left >= 3 && memcmp(q, "../", 3) == 0)
            i += 3;
        else if (left >= 2 && memcmp(q, "./", 2) == 0)
            i += 2;
        else if (left >= 3 && memcmp(q, "/./", 3) == 0)
            i += 2;
        else if (left == 2 && memcmp(q, "/.", 2) == 0) {
            strbuf_addc(out, '/'); /* the input became "/" */
            i = n;
        } else if (left >= 4 && memcmp(q, "/../", 4) == 0) {
            drop_last_segment(out, start);
            i += 3;
        } else if (left == 3 && memcmp(q, "/..", 3) == 0) {
            drop_last_segment(out, start);
            strbuf_addc(out, '/');
            i = n;
        } else if ((left == 1 && *q == '.') ||
                   (left == 2 && memcmp(q, "..", 2) == 0))
            i = n;
        else {
            seg = 1;
            while (seg < left && q[seg] != '/')
                seg++;
            strbuf_add(out, q, seg);
            i += seg;
        }
    }
}

/* RFC 3986 5.2.3: the base path up to its last '/' followed by REF's. */
static void
merge_paths(const struct parts *base, const struct span *ref,
            struct strbuf *tmp)
{
    size_t keep = base->path.n;

    if (base->auth.set && base->path.n == 0) {
        strbuf_addc(tmp, '/');
    } else {
        while (keep > 0 && base->path.p[keep - 1] != '/')
            keep--;
        strbuf_add(tmp, base->path.p, keep);
    }
    strbuf_add(tmp, ref->p, ref->n);
}

/* Sets T's path to REF's path resolved against BASE's (steps of 5.2.2
 * for a reference without scheme and authority). */
static void
target_path(const struct parts *base, const struct parts *ref,
            struct strbuf *path)
{
    struct strbuf tmp = STRBUF_INIT;

    if (ref->path.n == 0)
        strbuf_add(path, base->path.p, base->path.n);
    else if (ref->path.p[0] == '/')
        remove_dot_segments(ref->path.p, ref->path.n, path);
    else {
        merge_paths(base, &ref->path, &tmp);
        remove_dot_segments(tmp.buf, tmp.len, path);
    }
    strbuf_release(&tmp);
}

/* Appends "?query" and "#fragment" when they are defined. */
static void
add_tail(struct strbuf *sb, const struct span *query, const struct span *frag)
{
    if (query->set) {
        strbuf_addc(sb, '?');
        strbuf_add(sb, query->p, query->n);
    }
    if (frag->set) {
        strbuf_addc(sb, '#');
        strbuf_add(sb, frag->p, frag->n);
    }
}

/* Composes the target of RFC 3986 5.2.2 (and 5.3) from BASE and REF. */
static char *
compose(const struct parts *base, const struct parts *ref)
{
    struct strbuf sb = STRBUF_INIT;
    const struct parts *from = ref->scheme.set ? ref : base;
    const struct span *auth =
        ref->scheme.set || ref->auth.set ? &ref->auth : &base->auth;
    const struct span *query = &ref->query;

    strbuf_add(&sb, from->scheme.p, from->scheme.n);
    strbuf_addc(&sb, ':');
    if (auth->set) {
        strbuf_adds(&sb, "//");
        strbuf_add(&sb, auth->p, auth->n);
    }
    if (ref->scheme.set || ref->auth.set)
        remove_dot_segments(ref->path.p, ref->path.n, &sb);
    else
        target_path(base, ref, &sb);
    if (!ref->scheme.set && !ref->auth.set && ref->path.n == 0 &&
        !ref->query.set)
        query = &base->query;
    add_tail(&sb, query, &ref->fragment);
    return strbuf_detach(&sb);
}

char *
url_resolve(const char *base, const char *ref)
{
    char *b = NULL, *r = NULL, *res = NULL;
    struct parts bp, rp;
    bool base_ok;

    if (ref == NULL || (r = clean_copy(ref)) == NULL || !split(r, &rp))
        goto out;
    b = base != NULL ? clean_copy(base) : NULL;
    base_ok = b != NULL && split(b, &bp) && bp.scheme.set;
    if (rp.scheme.set)
        res = compose(&rp, &rp);
    else if (base_ok)
        res = compose(&bp, &rp);
out:
    free(b);
    free(r);
    return res;
}

int
url_hexval(unsigned char c)
{
    if (isdigit(c))
        return c - '0';
    c = (unsigned char)tolower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/*
 * Appends S with escapes of unreserved characters decoded and other
 * escapes in upper case (RFC 3986 6.2.2.1-2); LOWER folds letters that
 * are not hex digits of an escape (for the host).
 */
static void
add_norm_pct(struct strbuf *sb, const char *s, bool lower)
{
    static const char hex[] = "0123456789ABCDEF";

    while (*s != '\0') {
        int hi = s[0] == '%' ? url_hexval((unsigned char)s[1]) : -1;
        int lo = hi >= 0 ? url_hexval((unsigned char)s[2]) : -1;

        if (lo >= 0) {
            unsigned char c = (unsigned char)(hi * 16 + lo);

            if (is_unreserved(c)) {
                strbuf_addc(sb, lower ? (char)tolower(c) : (char)c);
            } else {
                strbuf_addc(sb, '%');
                strbuf_addc(sb, hex[hi]);
                strbuf_addc(sb, hex[lo]);
            }
            s += 3;
        } else {
            strbuf_addc(sb, lower ? (char)tolower((unsigned char)*s) : *s);
            s++;
        }
    }
}

/* True when PORT (leading zeros skipped) is the default port of SCHEME. */
static bool
is_default_port(const char *scheme, const char *port)
{
    while (port[0] == '0' && port[1] != '\0')
        port++;
    if (strcmp(scheme, "http") == 0 || strcmp(scheme, "ws") == 0)
        return strcmp(port, "80") == 0;
    if (strcmp(scheme, "https") == 0 || strcmp(scheme, "wss") == 0)
        return strcmp(port, "443") == 0;
    return false;
}

/* Appends the normalised authority of U: lower-case host without its
 * trailing dot (the DNS root), default port dropped. */
static void
add_norm_authority(struct strbuf *sb, const struct url *u)
{
    size_t hostlen;
    const char *port = u->port;

    strbuf_adds(sb, "//");
    if (u->userinfo != NULL) {
        add_norm_pct(sb, u->userinfo, false);
        strbuf_addc(sb, '@');
    }
    hostlen = sb->len;
    add_norm_pct(sb, u->host, true);
    if (sb->len > hostlen + 1 && sb->buf[sb->len - 1] == '.')
        strbuf_truncate(sb, sb->len - 1);
    if (port != NULL && !is_default_port(u->scheme, port)) {
        while (port[0] == '0' && port[1] != '\0')
            port++;
        strbuf_addc(sb, ':');
        strbuf_adds(sb, port);
    }
}

char *
url_normalise(const char *s)
{
    struct url u;
    struct strbuf sb = STRBUF_INIT, path = STRBUF_INIT;

    if (!url_parse(s, &u))
        return NULL;
    strbuf_adds(&sb, u.scheme);
    strbuf_addc(&sb, ':');
    if (u.host != NULL)
        add_norm_authority(&sb, &u);
    add_norm_pct(&path, u.path, false);
    if (u.host != NULL && path.len == 0)
        strbuf_addc(&sb, '/');
    else if (u.host != NULL || u.path[0] == '/')
        remove_dot_segments(strbuf_str(&path), path.len, &sb);
    else
        strbuf_add(&sb, strbuf_str(&path), path.len);
    if (u.query != NULL) {
        strbuf_addc(&sb, '?');
        add_norm_pct(&sb, u.query, false);
    }
    strbuf_release(&path);
    url_free(&u);
    return strbuf_detach(&sb);
}

bool
url_is_http(const char *s)
{
    struct url u;
    bool yes;

    if (!url_parse(s, &u))
        return false;
    yes = (strcmp(u.scheme, "http") == 0 || strcmp(u.scheme, "https") == 0) &&
          u.host != NULL && u.host[0] != '\0';
    url_free(&u);
    return yes;
}

/* True for the last segment of a home page path: "" or an index file. */
static bool
is_index_name(const char *p)
{
    static const char *const names[] = {"",
                                        "index.html",
                                        "index.htm",
                                        "index.php",
                                        "index.shtml",
                                        "default.htm",
                                        "default.asp",
                                        "default.aspx"};
    size_t i;

    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcasecmp(p, names[i]) == 0)
            return true;
    return false;
}

/* Returns the length of a language root segment at P ("en", "pt-br",
 * "zh_Hans"): two letters, optionally '-' or '_' and 2-4 letters or
 * digits; 0 when P does not start with one that ends at '/' or NUL. */
static size_t
lang_root_len(const char *p)
{
    size_t n = 2, sub = 0;

    if (!isalpha((unsigned char)p[0]) || !isalpha((unsigned char)p[1]))
        return 0;
    if (p[2] == '-' || p[2] == '_') {
        while (isalnum((unsigned char)p[3 + sub]))
            sub++;
        if (sub < 2 || sub > 4)
            return 0;
        n = 3 + sub;
    }
    return p[n] == '/' || p[n] == '\0' ? n : 0;
}

/* True for "", "/", an index file, a language root ("/en", "/nl/") or an
 * index file inside one ("/en/index.html"). */
static bool
is_home_path(const char *path)
{
    size_t n;

    if (path[0] == '\0')
        return true;
    if (path[0] != '/')
        return false;
    if (is_index_name(path + 1))
        return true;
    n = lang_root_len(path + 1);
    if (n == 0)
        return false;
    path += 1 + n;
    return path[0] == '\0' || is_index_name(path + 1);
}

bool
url_is_home_page(const char *s)
{
    struct url u;
    bool yes;

    if (!url_parse(s, &u))
        return false;
    yes = u.host != NULL && u.host[0] != '\0' &&
          (u.query == NULL || u.query[0] == '\0') && is_home_path(u.path);
    url_free(&u);
    return yes;
}

/* Returns the current directory (caller frees) or NULL. */
static char *
current_dir(void)
{
    size_t size = 256;
    char *buf = NULL;

    for (;;) {
        buf = xrealloc(buf, size);
        if (getcwd(buf, size) != NULL)
            return buf;
        if (errno != ERANGE || size > 1024 * 1024) {
            free(buf);
            return NULL;
        }
        size *= 2;
    }
}

/* Appends PATH percent-encoded: only unreserved, sub-delims, ':', '@'
 * and '/' stay as they are. */
static void
add_path_encoded(struct strbuf *sb, const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *p = (const unsigned char *)path;

    for (; *p != '\0'; p++) {
        if (is_unreserved(*p) || is_subdelim(*p) || *p == ':' || *p == '@' ||
            *p == '/') {
            strbuf_addc(sb, (char)*p);
        } else {
            strbuf_addc(sb, '%');
            strbuf_addc(sb, hex[*p >> 4]);
            strbuf_addc(sb, hex[*p & 15]);
        }
    }
}

char *
url_escape_path(const char *path)
{
    struct strbuf sb = STRBUF_INIT;

    add_path_encoded(&sb, path);
    return strbuf_detach(&sb);
}

char *
url_from_path(const char *path)
{
    struct strbuf joined = STRBUF_INIT, clean = STRBUF_INIT, url = STRBUF_INIT;
    char *abs = NULL, *cwd = NULL, *res = NULL;

    if (path == NULL || path[0] == '\0')
        return NULL;
    abs = realpath(path, NULL);
    if (abs == NULL) { /* not there (yet): make it absolute by hand */
        if (path[0] != '/') {
            if ((cwd = current_dir()) == NULL)
                goto out;
            strbuf_adds(&joined, cwd);
            strbuf_addc(&joined, '/');
        }
        strbuf_adds(&joined, path);
        remove_dot_segments(joined.buf, joined.len, &clean);
    } else {
        strbuf_adds(&clean, abs);
    }
    strbuf_adds(&url, "file://");
    add_path_encoded(&url, strbuf_str(&clean));
    res = strbuf_detach(&url);
out:
    free(abs);
    free(cwd);
    strbuf_release(&joined);
    strbuf_release(&clean);
    return res;
}
