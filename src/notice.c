/* SPDX-License-Identifier: MIT */
/*
 * notice: loads data/notices (sentence templates and official licence
 * titles), picks the notice's language and fills one template twice, as
 * HTML and as plain text.  Titles are kept only for languages that have
 * templates, so the table stays small in memory.  It neither decides that
 * a notice is wrong nor checks that the licence exists.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "charset.h"
#include "datafile.h"
#include "notice.h"
#include "strbuf.h"
#include "xalloc.h"

#define TAG_MAX     35 /* longest language tag accepted, in bytes */
#define NVARIANT    4  /* title-author, title, author, bare */
#define NKEYS       13 /* 3 kinds x 4 variants + changes */
#define KEY_CHANGES 12

enum kind { KIND_LICENSED, KIND_ZERO, KIND_MARK };
enum variant { VAR_TITLE_AUTHOR, VAR_TITLE, VAR_AUTHOR, VAR_BARE };
enum placeholder { PH_TITLE, PH_AUTHOR, PH_LICENSE, PH_COUNT };

static const char *const key_names[NKEYS] = {"licensed.title-author",
                                             "licensed.title",
                                             "licensed.author",
                                             "licensed.bare",
                                             "zero.title-author",
                                             "zero.title",
                                             "zero.author",
                                             "zero.bare",
                                             "mark.title-author",
                                             "mark.title",
                                             "mark.author",
                                             "mark.bare",
                                             "changes"};

static const char *const placeholders[PH_COUNT] = {"{title}", "{author}",
                                                   "{license}"};

struct notice_lang {
    char *tag;
    char *pat[NKEYS];
    size_t line; /* where the language first appears */
};

struct title_row {
    const char *lang, *version, *port, *title; /* into notices.titles_buf */
    enum cc_family family;
    size_t line;
};

struct notices {
    struct notice_lang *langs;
    size_t nlangs;
    char *titles_buf; /* titles.tsv, split in place */
    struct title_row *rows;
    size_t nrows;
    const char **deed_langs; /* languages with 4.0 titles: CC has deeds */
    size_t ndeed;
};

/* The values one notice is made of; NULL where unknown. */
struct parts {
    const char *title, *author, *source;
    const char *name, *shortf, *deed; /* shortf "" when none */
};

/* Line iteration over a buffer that is split in place. */
struct lines {
    char *p, *end;
    size_t no;
};

/* Returns the next line (NUL-terminated in place, "\r" dropped) or NULL;
 * *LEN is its length, which is short of the real one at a NUL byte. */
static char *
next_line(struct lines *it, size_t *len)
{
    char *line = it->p, *nl;

    if (it->p >= it->end)
        return NULL;
    nl = memchr(it->p, '\n', (size_t)(it->end - it->p));
    if (nl == NULL)
        nl = it->end;
    *nl = '\0';
    it->p = nl + 1;
    it->no++;
    *len = (size_t)(nl - line);
    if (*len > 0 && line[*len - 1] == '\r')
        line[--*len] = '\0';
    return line;
}

/* True for a lower-case tag: 2-3 letters, then "-" subtags of 1-8
 * letters or digits, at most TAG_MAX bytes. */
static bool
tag_valid(const char *t)
{
    size_t i = 0, run = 0;

    while (t[i] >= 'a' && t[i] <= 'z')
        i++;
    if (i < 2 || i > 3)
        return false;
    for (; t[i] != '\0'; i++) {
        if (t[i] == '-') {
            if (run == 0 && i > 3)
                return false;
            run = 0;
        } else if ((t[i] >= 'a' && t[i] <= 'z') ||
                   (t[i] >= '0' && t[i] <= '9')) {
            if (++run > 8)
                return false;
        } else
            return false;
    }
    return i <= TAG_MAX && t[i - 1] != '-';
}

/* Lower-cases IN into OUT, "_" read as "-"; false when not a tag. */
static bool
tag_normalise(const char *in, char out[TAG_MAX + 1])
{
    size_t i;

    for (i = 0; in[i] != '\0'; i++) {
        char c = in[i];

        if (i == TAG_MAX)
            return false;
        out[i] = c == '_' ? '-' : (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
    }
    out[i] = '\0';
    return tag_valid(out);
}

/* Cuts the last subtag off TAG ("pt-br" -> "pt"); false when none. */
static bool
tag_strip(char *tag)
{
    char *dash = strrchr(tag, '-');

    if (dash == NULL)
        return false;
    *dash = '\0';
    return true;
}

static struct notice_lang *
lang_exact(const struct notices *n, const char *tag)
{
    for (size_t i = 0; i < n->nlangs; i++)
        if (strcmp(n->langs[i].tag, tag) == 0)
            return &n->langs[i];
    return NULL;
}

/* The templates for TAG or its nearest base language, or NULL. */
static struct notice_lang *
lang_for(const struct notices *n, const char *tag)
{
    char t[TAG_MAX + 1];

    if (strlen(tag) > TAG_MAX)
        return NULL;
    strcpy(t, tag);
    do {
        struct notice_lang *l = lang_exact(n, t);

        if (l != NULL)
            return l;
    } while (tag_strip(t));
    return NULL;
}

/* Which placeholder starts at P, or PH_COUNT. */
static enum placeholder
placeholder_at(const char *p)
{
    for (int i = 0; i < PH_COUNT; i++)
        if (strncmp(p, placeholders[i], strlen(placeholders[i])) == 0)
            return (enum placeholder)i;
    return PH_COUNT;
}

/* Counts placeholders and checks the [ ] span; returns a problem or NULL. */
static const char *
pattern_scan(const char *pat, int count[PH_COUNT], int *spans)
{
    bool open = false;

    for (const char *p = pat; *p != '\0'; p++) {
        enum placeholder ph = *p == '{' ? placeholder_at(p) : PH_COUNT;

        if (*p == '{' && ph == PH_COUNT)
            return "unknown placeholder";
        if (*p == '{') {
            count[ph]++;
            p += strlen(placeholders[ph]) - 1;
        } else if (*p == '}')
            return "stray \"}\"";
        else if (*p == '[' && (open || *spans > 0))
            return "more than one [ ] span";
        else if (*p == '[') {
            open = true;
            ++*spans;
        } else if (*p == ']' && !open)
            return "\"]\" without \"[\"";
        else if (*p == ']')
            open = false;
        else if (*p == '<' || *p == '>' || *p == '&')
            return "HTML special character (< > &)";
    }
    return open ? "\"[\" without \"]\"" : NULL;
}

/* Checks PAT for template key KEY; returns a problem or NULL. */
static const char *
pattern_check(const char *pat, int key)
{
    int count[PH_COUNT] = {0}, spans = 0;
    const char *why = pattern_scan(pat, count, &spans);
    int v = key % NVARIANT;
    bool want_title = v == VAR_TITLE_AUTHOR || v == VAR_TITLE;
    bool want_author = v == VAR_TITLE_AUTHOR || v == VAR_AUTHOR;

    if (why != NULL)
        return why;
    if (key == KEY_CHANGES && (spans > 0 || count[PH_TITLE] > 0 ||
                               count[PH_AUTHOR] > 0 || count[PH_LICENSE] > 0))
        return "the changes note takes no placeholders or [ ]";
    if (key == KEY_CHANGES)
        return NULL;
    if (count[PH_LICENSE] != 1)
        return "needs {license} once";
    if (count[PH_TITLE] != (want_title ? 1 : 0))
        return want_title ? "needs {title} once" : "must not use {title}";
    if (count[PH_AUTHOR] != (want_author ? 1 : 0))
        return want_author ? "needs {author} once" : "must not use {author}";
    return NULL;
}

static struct notice_lang *
lang_add(struct notices *n, const char *tag, size_t line)
{
    struct notice_lang *l;

    n->langs = xreallocarray(n->langs, n->nlangs + 1, sizeof *n->langs);
    l = &n->langs[n->nlangs++];
    memset(l, 0, sizeof *l);
    l->tag = xstrdup(tag);
    l->line = line;
    return l;
}

/* Parses one templates.tsv line: lang, key, pattern. */
static enum ac_status
template_line(struct notices *n, char *line, const char *path, size_t no,
              struct ac_err *err)
{
    char *f[3];
    struct notice_lang *l;
    const char *why;
    int key;

    if (datafile_split_tabs(line, f, 3) != 3)
        return ac_err_set(err, AC_E_DATA,
                          "%s:%zu: expected 3 tab-separated "
                          "fields (lang, key, pattern)",
                          path, no);
    if (!tag_valid(f[0]))
        return ac_err_set(err, AC_E_DATA, "%s:%zu: bad language tag \"%s\"",
                          path, no, f[0]);
    for (key = 0; key < NKEYS; key++)
        if (strcmp(f[1], key_names[key]) == 0)
            break;
    if (key == NKEYS)
        return ac_err_set(err, AC_E_DATA, "%s:%zu: unknown key \"%s\"", path,
                          no, f[1]);
    why = charset_utf8_valid((const unsigned char *)f[2], strlen(f[2]))
              ? pattern_check(f[2], key)
              : "not UTF-8";
    if (why != NULL)
        return ac_err_set(err, AC_E_DATA, "%s:%zu: %s: %s", path, no,
                          key_names[key], why);
    l = lang_exact(n, f[0]);
    if (l == NULL)
        l = lang_add(n, f[0], no);
    if (l->pat[key] != NULL)
        return ac_err_set(err, AC_E_DATA, "%s:%zu: duplicate %s for \"%s\"",
                          path, no, key_names[key], f[0]);
    l->pat[key] = xstrdup(f[2]);
    return AC_OK;
}

/* Every language has every key, and English exists. */
static enum ac_status
templates_complete(const struct notices *n, const char *path,
                   struct ac_err *err)
{
    for (size_t i = 0; i < n->nlangs; i++)
        for (int k = 0; k < NKEYS; k++)
            if (n->langs[i].pat[k] == NULL)
                return ac_err_set(
                    err, AC_E_DATA, "%s:%zu: language \"%s\" lacks %s", path,
                    n->langs[i].line, n->langs[i].tag, key_names[k]);
    if (lang_exact(n, "en") == NULL)
        return ac_err_set(err, AC_E_DATA, "%s: no \"en\" templates", path);
    return AC_OK;
}

static enum ac_status
load_templates(struct notices *n, const char *path, struct ac_err *err)
{
    struct lines it;
    char *buf = NULL, *line;
    size_t len, ll;
    enum ac_status rc;

    rc = datafile_read(path, &buf, &len, err);
    if (rc != AC_OK)
        return rc;
    it = (struct lines){buf, buf + len, 0};
    while (rc == AC_OK && (line = next_line(&it, &ll)) != NULL) {
        if (strlen(line) != ll)
            rc = ac_err_set(err, AC_E_DATA, "%s:%zu: NUL byte", path, it.no);
        else if (ll > 0 && line[0] != '#')
            rc = template_line(n, line, path, it.no, err);
    }
    if (rc == AC_OK)
        rc = templates_complete(n, path, err);
    free(buf);
    return rc;
}

/* True for "1.0" .. "9.9". */
static bool
version_valid(const char *v)
{
    return v[0] >= '1' && v[0] <= '9' && v[1] == '.' && v[2] >= '0' &&
           v[2] <= '9' && v[3] == '\0';
}

/* True for "" or 2-15 lower-case letters (fits struct cc_license). */
static bool
port_valid(const char *p)
{
    size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyz");

    return p[n] == '\0' && (n == 0 || (n >= 2 && n < 16));
}

/* Parses one titles.tsv line into *ROW: lang, code, version, port, title. */
static enum ac_status
title_line(char *line, const char *path, size_t no, struct title_row *row,
           struct ac_err *err)
{
    char *f[5];

    if (datafile_split_tabs(line, f, 5) != 5)
        return ac_err_set(err, AC_E_DATA,
                          "%s:%zu: expected 5 tab-separated "
                          "fields (lang, code, version, port, title)",
                          path, no);
    row->family = cc_family_from_code(f[1], strlen(f[1]));
    if (!tag_valid(f[0]))
        return ac_err_set(err, AC_E_DATA, "%s:%zu: bad language tag \"%s\"",
                          path, no, f[0]);
    if (row->family < CC_BY || row->family > CC_PDM)
        return ac_err_set(err, AC_E_DATA, "%s:%zu: unknown licence code \"%s\"",
                          path, no, f[1]);
    if (!version_valid(f[2]) || !port_valid(f[3]))
        return ac_err_set(err, AC_E_DATA,
                          "%s:%zu: bad version or port "
                          "\"%s\" \"%s\"",
                          path, no, f[2], f[3]);
    if (f[4][0] == '\0' ||
        !charset_utf8_valid((const unsigned char *)f[4], strlen(f[4])))
        return ac_err_set(err, AC_E_DATA, "%s:%zu: empty or non-UTF-8 title",
                          path, no);
    *row = (struct title_row){f[0], f[2], f[3], f[4], row->family, no};
    return AC_OK;
}

static int
row_cmp(const void *a, const void *b)
{
    const struct title_row *x = a, *y = b;
    int c = strcmp(x->lang, y->lang);

    if (c == 0 && x->family != y->family)
        c = x->family < y->family ? -1 : 1;
    if (c == 0)
        c = strcmp(x->version, y->version);
    return c != 0 ? c : strcmp(x->port, y->port);
}

/* Sorts the rows, rejects duplicates and lists the deed languages. */
static enum ac_status
titles_index(struct notices *n, const char *path, struct ac_err *err)
{
    if (n->nrows > 1)
        qsort(n->rows, n->nrows, sizeof *n->rows, row_cmp);
    for (size_t i = 0; i < n->nrows; i++) {
        const struct title_row *r = &n->rows[i];

        if (i > 0 && row_cmp(r - 1, r) == 0)
            return ac_err_set(err, AC_E_DATA,
                              "%s:%zu: duplicate title for "
                              "%s %s %s \"%s\"",
                              path, r->line > r[-1].line ? r->line : r[-1].line,
                              r->lang, cc_family_code(r->family), r->version,
                              r->port);
        if (strcmp(r->version, "4.0") == 0 &&
            (n->ndeed == 0 || strcmp(n->deed_langs[n->ndeed - 1], r->lang))) {
            n->deed_langs = xreallocarray(n->deed_langs, n->ndeed + 1,
                                          sizeof *n->deed_langs);
            n->deed_langs[n->ndeed++] = r->lang;
        }
    }
    return AC_OK;
}

/* The language of the previous titles line and whether it is unused. */
struct lang_memo {
    char tag[TAG_MAX + 1];
    size_t len; /* > TAG_MAX: none yet */
    bool unused;
};

/*
 * True when LINE's language is a valid tag that no template language can
 * use: such a title is never looked up, so its line is skipped without
 * being parsed or checked (seven in eight of titles.tsv, the bulk of the
 * work of a start).  titles.tsv is sorted by language, so M remembers
 * the answer for the previous line's.
 */
static bool
lang_unused(const struct notices *n, const char *line, struct lang_memo *m)
{
    const char *tab = strchr(line, '\t');
    size_t k = tab != NULL ? (size_t)(tab - line) : 0;

    if (tab == NULL || k > TAG_MAX)
        return false;
    if (k != m->len || memcmp(line, m->tag, k) != 0) {
        memcpy(m->tag, line, k);
        m->tag[k] = '\0';
        m->len = k;
        m->unused = tag_valid(m->tag) && lang_for(n, m->tag) == NULL;
    }
    return m->unused;
}

static enum ac_status
load_titles(struct notices *n, const char *path, struct ac_err *err)
{
    struct lang_memo memo = {"", TAG_MAX + 1, false};
    struct lines it;
    struct title_row row;
    char *line;
    size_t len, ll, cap = 0;
    enum ac_status rc;

    rc = datafile_read(path, &n->titles_buf, &len, err);
    if (rc != AC_OK)
        return rc;
    it = (struct lines){n->titles_buf, n->titles_buf + len, 0};
    while (rc == AC_OK && (line = next_line(&it, &ll)) != NULL) {
        if (strlen(line) != ll)
            rc = ac_err_set(err, AC_E_DATA, "%s:%zu: NUL byte", path, it.no);
        if (rc != AC_OK || ll == 0 || line[0] == '#' ||
            lang_unused(n, line, &memo))
            continue;
        /* a valid tag lang_unused() did not skip has templates */
        rc = title_line(line, path, it.no, &row, err);
        if (rc != AC_OK)
            continue;
        if (n->nrows == cap) {
            cap = cap ? cap * 2 : 1024;
            n->rows = xreallocarray(n->rows, cap, sizeof *n->rows);
        }
        n->rows[n->nrows++] = row;
    }
    return rc == AC_OK ? titles_index(n, path, err) : rc;
}

enum ac_status
notices_load(const char *dir, struct notices **out, struct ac_err *err)
{
    struct notices *n = xcalloc(1, sizeof *n);
    char *path = NULL;
    enum ac_status rc;

    *out = NULL;
    path = xasprintf("%s/templates.tsv", dir);
    rc = load_templates(n, path, err);
    free(path);
    if (rc == AC_OK) {
        path = xasprintf("%s/titles.tsv", dir);
        rc = load_titles(n, path, err);
        free(path);
    }
    if (rc != AC_OK) {
        notices_free(n);
        return rc;
    }
    *out = n;
    return AC_OK;
}

void
notices_free(struct notices *n)
{
    if (n == NULL)
        return;
    for (size_t i = 0; i < n->nlangs; i++) {
        free(n->langs[i].tag);
        for (int k = 0; k < NKEYS; k++)
            free(n->langs[i].pat[k]);
    }
    free(n->langs);
    free(n->rows);
    free(n->deed_langs);
    free(n->titles_buf);
    free(n);
}

static const struct title_row *
title_find(const struct notices *n, const char *lang,
           const struct cc_license *lic)
{
    struct title_row key = {lang, lic->version, lic->port,
                            NULL, lic->family,  0};

    if (n->nrows == 0)
        return NULL;
    return bsearch(&key, n->rows, n->nrows, sizeof *n->rows, row_cmp);
}

/* Picks templates and title: the page's language or a base of it when
 * both exist there, else English (title possibly NULL). */
static const char *
choose_lang(const struct notices *n, const struct notice_input *in,
            const struct notice_lang **tl, const struct title_row **row)
{
    char cand[TAG_MAX + 1];

    if (in->lang != NULL && tag_normalise(in->lang, cand)) {
        do {
            *tl = lang_for(n, cand);
            *row = *tl != NULL ? title_find(n, cand, &in->lic) : NULL;
            if (*row != NULL)
                return (*row)->lang;
        } while (tag_strip(cand));
    }
    *tl = lang_exact(n, "en");
    *row = title_find(n, "en", &in->lic);
    return (*tl)->tag;
}

/* The deed URL, with "deed.LANG" for the nearest language CC has deeds
 * in (English is the bare URL); false when there is none. */
static bool
deed_url(const struct notices *n, const struct cc_license *lic,
         const char *lang, struct strbuf *out)
{
    char base[160], cand[TAG_MAX + 1];

    if (!cc_license_deed_url(lic, base, sizeof base))
        return false;
    strbuf_adds(out, base);
    strcpy(cand, lang); /* LANG passed tag_valid(): short enough */
    do {
        if (strcmp(cand, "en") == 0)
            return true;
        for (size_t i = 0; i < n->ndeed; i++)
            if (strcmp(n->deed_langs[i], cand) == 0) {
                strbuf_addf(out, "deed.%s", cand);
                return true;
            }
    } while (tag_strip(cand));
    return true;
}

static void
add_upper(struct strbuf *sb, const char *s)
{
    for (; *s != '\0'; s++)
        strbuf_addc(sb, *s >= 'a' && *s <= 'z' ? (char)(*s - 'a' + 'A') : *s);
}

/* NAME: "Creative Commons " + official title (CC0 and PDM: the title as
 * is); SHORTF: "CC BY-SA 3.0 NL".  Without a title NAME is the short form
 * and SHORTF stays empty. */
static void
license_names(const struct title_row *row, const struct cc_license *lic,
              struct strbuf *name, struct strbuf *shortf)
{
    bool tool = lic->family == CC_ZERO || lic->family == CC_PDM;

    if (lic->family == CC_ZERO)
        strbuf_adds(shortf, "CC0");
    else if (lic->family == CC_PDM)
        strbuf_adds(shortf, "PDM");
    else {
        strbuf_adds(shortf, "CC ");
        add_upper(shortf, cc_family_code(lic->family));
    }
    strbuf_addf(shortf, " %s", lic->version);
    if (lic->port[0] != '\0') {
        strbuf_addc(shortf, ' ');
        add_upper(shortf, lic->port);
    }
    if (row == NULL || tool) {
        strbuf_adds(name, row != NULL ? row->title : strbuf_str(shortf));
        strbuf_truncate(shortf, 0);
        return;
    }
    strbuf_addf(name, "Creative Commons %s", row->title);
}

/* A copy of S with control characters and whitespace runs turned into
 * one space and the ends trimmed; NULL when nothing is left. */
static char *
clean(const char *s)
{
    struct strbuf sb = STRBUF_INIT;
    bool space = false;

    if (s == NULL)
        return NULL;
    for (; *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;

        if (c <= 0x20 || c == 0x7f) {
            space = sb.len > 0;
            continue;
        }
        if (space)
            strbuf_addc(&sb, ' ');
        space = false;
        strbuf_addc(&sb, (char)c);
    }
    return sb.len > 0 ? strbuf_detach(&sb) : NULL;
}

/* A cleaned copy of URL if it is an absolute http(s) URL, else NULL:
 * anything else (javascript:, relative) must not become a link. */
static char *
clean_url(const char *url)
{
    char *u = clean(url);

    if (u != NULL && strchr(u, ' ') == NULL &&
        (strncasecmp(u, "http://", 7) == 0 ||
         strncasecmp(u, "https://", 8) == 0))
        return u;
    free(u);
    return NULL;
}

/* Escapes S for HTML text and attribute values alike. */
static void
add_escaped(struct strbuf *sb, const char *s)
{
    static const char *const ent[] = {"&amp;", "&lt;", "&gt;", "&quot;",
                                      "&#39;"};
    const char *special = "&<>\"'", *hit;

    for (; *s != '\0'; s++) {
        hit = strchr(special, *s);
        if (hit != NULL)
            strbuf_adds(sb, ent[hit - special]);
        else
            strbuf_addc(sb, *s);
    }
}

static void
add_value(struct strbuf *sb, const char *s, bool html)
{
    if (html)
        add_escaped(sb, s);
    else
        strbuf_adds(sb, s);
}

static void
add_license(struct strbuf *sb, const struct parts *p, bool html)
{
    if (html && p->deed != NULL) {
        strbuf_adds(sb, "<a rel=\"license\" href=\"");
        add_escaped(sb, p->deed);
        strbuf_adds(sb, "\">");
    }
    add_value(sb, p->name, html);
    if (html) {
        if (p->shortf[0] != '\0')
            strbuf_addf(sb, " (%s)", p->shortf);
        if (p->deed != NULL)
            strbuf_adds(sb, "</a>");
        return;
    }
    if (p->shortf[0] != '\0' || p->deed != NULL)
        strbuf_addf(sb, " (%s%s%s)", p->shortf,
                    p->shortf[0] != '\0' && p->deed != NULL ? ", " : "",
                    p->deed != NULL ? p->deed : "");
}

/* Fills PAT (checked by pattern_check()) into SB. */
static void
render(struct strbuf *sb, const char *pat, const struct parts *p, bool html)
{
    while (*pat != '\0') {
        enum placeholder ph = *pat == '{' ? placeholder_at(pat) : PH_COUNT;

        if (ph == PH_TITLE || ph == PH_AUTHOR)
            add_value(sb, ph == PH_TITLE ? p->title : p->author, html);
        else if (ph == PH_LICENSE)
            add_license(sb, p, html);
        else if (*pat == '[' && html && p->source != NULL) {
            strbuf_adds(sb, "<a href=\"");
            add_escaped(sb, p->source);
            strbuf_adds(sb, "\">");
        } else if (*pat == ']' && p->source != NULL) {
            if (html)
                strbuf_adds(sb, "</a>");
            else
                strbuf_addf(sb, " (%s)", p->source);
        } else if (*pat != '[' && *pat != ']')
            strbuf_addc(sb, *pat);
        pat += ph != PH_COUNT ? strlen(placeholders[ph]) : 1;
    }
}

/* Renders the sentence (and the changes note) as HTML or text. */
static char *
compose(const struct notice_lang *tl, int key, const struct parts *p,
        bool changed, bool html)
{
    struct strbuf sb = STRBUF_INIT;

    render(&sb, tl->pat[key], p, html);
    if (changed) {
        strbuf_addc(&sb, ' ');
        strbuf_adds(&sb, tl->pat[KEY_CHANGES]);
    }
    return strbuf_detach(&sb);
}

static bool
nameable(const struct cc_license *lic)
{
    return lic->family >= CC_BY && lic->family <= CC_PDM &&
           lic->version[0] != '\0';
}

bool
notice_suggest(const struct notices *n, const struct notice_input *in,
               char **html, char **text, const char **lang_used)
{
    struct strbuf name = STRBUF_INIT, shortf = STRBUF_INIT, deed = STRBUF_INIT;
    const struct notice_lang *tl;
    const struct title_row *row;
    struct parts p;
    char *title, *author, *source;
    int kind, variant;

    *html = *text = NULL;
    *lang_used = NULL;
    if (n == NULL || in == NULL || !nameable(&in->lic))
        return false;
    *lang_used = choose_lang(n, in, &tl, &row);
    license_names(row, &in->lic, &name, &shortf);
    title = clean(in->title);
    author = clean(in->creator);
    source = clean_url(in->source_url);
    p = (struct parts){
        title, author, source, strbuf_str(&name), strbuf_str(&shortf), NULL};
    if (deed_url(n, &in->lic, *lang_used, &deed))
        p.deed = strbuf_str(&deed);
    kind = in->lic.family == CC_ZERO  ? KIND_ZERO
           : in->lic.family == CC_PDM ? KIND_MARK
                                      : KIND_LICENSED;
    variant = p.title != NULL
                  ? (p.author != NULL ? VAR_TITLE_AUTHOR : VAR_TITLE)
                  : (p.author != NULL ? VAR_AUTHOR : VAR_BARE);
    *html = compose(tl, kind * NVARIANT + variant, &p, in->changed, true);
    *text = compose(tl, kind * NVARIANT + variant, &p, in->changed, false);
    free(title);
    free(author);
    free(source);
    strbuf_release(&name);
    strbuf_release(&shortf);
    strbuf_release(&deed);
    return true;
}
