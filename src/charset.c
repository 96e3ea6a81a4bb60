/* SPDX-License-Identifier: MIT */
/*
 * charset: picks a document's encoding (header, BOM, <meta> prescan,
 * UTF-8 validity, windows-1252) and converts the bytes to clean UTF-8.
 * UTF-8 and windows-1252 are decoded by hand (WHATWG tables, one pass);
 * everything else goes through glibc iconv, skipping bad bytes.  Labels
 * follow the WHATWG Encoding Standard.  It does not parse HTML beyond
 * the prescan of the first 4 KiB.
 */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "charset.h"
#include "strbuf.h"
#include "xalloc.h"

#define PRESCAN_MAX 4096
#define LABEL_MAX   48

/* One WHATWG label, the encoding's canonical name and iconv's name. */
struct label {
    const char *label;
    const char *name;
    const char *iconv;
};

/* The common labels of the WHATWG Encoding Standard (section 4.2). */
static const struct label labels[] = {
    {"utf-8", "utf-8", "UTF-8"},
    {"utf8", "utf-8", "UTF-8"},
    {"unicode-1-1-utf-8", "utf-8", "UTF-8"},
    {"unicode11utf8", "utf-8", "UTF-8"},
    {"unicode20utf8", "utf-8", "UTF-8"},
    {"x-unicode20utf8", "utf-8", "UTF-8"},
    {"windows-1252", "windows-1252", "CP1252"},
    {"ansi_x3.4-1968", "windows-1252", "CP1252"},
    {"ascii", "windows-1252", "CP1252"},
    {"cp1252", "windows-1252", "CP1252"},
    {"cp819", "windows-1252", "CP1252"},
    {"csisolatin1", "windows-1252", "CP1252"},
    {"ibm819", "windows-1252", "CP1252"},
    {"iso-8859-1", "windows-1252", "CP1252"},
    {"iso-ir-100", "windows-1252", "CP1252"},
    {"iso8859-1", "windows-1252", "CP1252"},
    {"iso88591", "windows-1252", "CP1252"},
    {"iso_8859-1", "windows-1252", "CP1252"},
    {"iso_8859-1:1987", "windows-1252", "CP1252"},
    {"l1", "windows-1252", "CP1252"},
    {"latin1", "windows-1252", "CP1252"},
    {"us-ascii", "windows-1252", "CP1252"},
    {"x-cp1252", "windows-1252", "CP1252"},
    {"x-user-defined", "windows-1252", "CP1252"},
    {"iso-8859-2", "iso-8859-2", "ISO-8859-2"},
    {"iso8859-2", "iso-8859-2", "ISO-8859-2"},
    {"iso88592", "iso-8859-2", "ISO-8859-2"},
    {"iso_8859-2", "iso-8859-2", "ISO-8859-2"},
    {"latin2", "iso-8859-2", "ISO-8859-2"},
    {"l2", "iso-8859-2", "ISO-8859-2"},
    {"csisolatin2", "iso-8859-2", "ISO-8859-2"},
    {"iso-8859-3", "iso-8859-3", "ISO-8859-3"},
    {"latin3", "iso-8859-3", "ISO-8859-3"},
    {"iso-8859-4", "iso-8859-4", "ISO-8859-4"},
    {"latin4", "iso-8859-4", "ISO-8859-4"},
    {"iso-8859-5", "iso-8859-5", "ISO-8859-5"},
    {"iso8859-5", "iso-8859-5", "ISO-8859-5"},
    {"cyrillic", "iso-8859-5", "ISO-8859-5"},
    {"iso-8859-6", "iso-8859-6", "ISO-8859-6"},
    {"arabic", "iso-8859-6", "ISO-8859-6"},
    {"iso-8859-7", "iso-8859-7", "ISO-8859-7"},
    {"iso8859-7", "iso-8859-7", "ISO-8859-7"},
    {"greek", "iso-8859-7", "ISO-8859-7"},
    {"iso-8859-8", "iso-8859-8", "ISO-8859-8"},
    {"hebrew", "iso-8859-8", "ISO-8859-8"},
    {"visual", "iso-8859-8", "ISO-8859-8"},
    {"iso-8859-8-i", "iso-8859-8-i", "ISO-8859-8"},
    {"logical", "iso-8859-8-i", "ISO-8859-8"},
    {"iso-8859-10", "iso-8859-10", "ISO-8859-10"},
    {"latin6", "iso-8859-10", "ISO-8859-10"},
    {"iso-8859-13", "iso-8859-13", "ISO-8859-13"},
    {"iso-8859-14", "iso-8859-14", "ISO-8859-14"},
    {"iso-8859-15", "iso-8859-15", "ISO-8859-15"},
    {"iso8859-15", "iso-8859-15", "ISO-8859-15"},
    {"iso885915", "iso-8859-15", "ISO-8859-15"},
    {"iso_8859-15", "iso-8859-15", "ISO-8859-15"},
    {"l9", "iso-8859-15", "ISO-8859-15"},
    {"csisolatin9", "iso-8859-15", "ISO-8859-15"},
    {"iso-8859-16", "iso-8859-16", "ISO-8859-16"},
    {"windows-1250", "windows-1250", "CP1250"},
    {"cp1250", "windows-1250", "CP1250"},
    {"x-cp1250", "windows-1250", "CP1250"},
    {"windows-1251", "windows-1251", "CP1251"},
    {"cp1251", "windows-1251", "CP1251"},
    {"x-cp1251", "windows-1251", "CP1251"},
    {"windows-1253", "windows-1253", "CP1253"},
    {"cp1253", "windows-1253", "CP1253"},
    {"windows-1254", "windows-1254", "CP1254"},
    {"cp1254", "windows-1254", "CP1254"},
    {"iso-8859-9", "windows-1254", "CP1254"},
    {"iso8859-9", "windows-1254", "CP1254"},
    {"latin5", "windows-1254", "CP1254"},
    {"windows-1255", "windows-1255", "CP1255"},
    {"cp1255", "windows-1255", "CP1255"},
    {"windows-1256", "windows-1256", "CP1256"},
    {"cp1256", "windows-1256", "CP1256"},
    {"windows-1257", "windows-1257", "CP1257"},
    {"cp1257", "windows-1257", "CP1257"},
    {"windows-1258", "windows-1258", "CP1258"},
    {"cp1258", "windows-1258", "CP1258"},
    {"windows-874", "windows-874", "CP874"},
    {"dos-874", "windows-874", "CP874"},
    {"iso-8859-11", "windows-874", "CP874"},
    {"tis-620", "windows-874", "CP874"},
    {"koi8-r", "koi8-r", "KOI8-R"},
    {"koi8_r", "koi8-r", "KOI8-R"},
    {"koi8", "koi8-r", "KOI8-R"},
    {"koi", "koi8-r", "KOI8-R"},
    {"cskoi8r", "koi8-r", "KOI8-R"},
    {"koi8-u", "koi8-u", "KOI8-U"},
    {"koi8-ru", "koi8-u", "KOI8-U"},
    {"ibm866", "ibm866", "CP866"},
    {"cp866", "ibm866", "CP866"},
    {"866", "ibm866", "CP866"},
    {"macintosh", "macintosh", "MACINTOSH"},
    {"mac", "macintosh", "MACINTOSH"},
    {"x-mac-roman", "macintosh", "MACINTOSH"},
    {"shift_jis", "shift_jis", "CP932"},
    {"shift-jis", "shift_jis", "CP932"},
    {"sjis", "shift_jis", "CP932"},
    {"x-sjis", "shift_jis", "CP932"},
    {"ms932", "shift_jis", "CP932"},
    {"ms_kanji", "shift_jis", "CP932"},
    {"windows-31j", "shift_jis", "CP932"},
    {"csshiftjis", "shift_jis", "CP932"},
    {"euc-jp", "euc-jp", "EUC-JP"},
    {"x-euc-jp", "euc-jp", "EUC-JP"},
    {"cseucpkdfmtjapanese", "euc-jp", "EUC-JP"},
    {"iso-2022-jp", "iso-2022-jp", "ISO-2022-JP"},
    {"csiso2022jp", "iso-2022-jp", "ISO-2022-JP"},
    {"gbk", "gbk", "GB18030"},
    {"gb2312", "gbk", "GB18030"},
    {"gb_2312", "gbk", "GB18030"},
    {"gb_2312-80", "gbk", "GB18030"},
    {"chinese", "gbk", "GB18030"},
    {"csgb2312", "gbk", "GB18030"},
    {"x-gbk", "gbk", "GB18030"},
    {"iso-ir-58", "gbk", "GB18030"},
    {"gb18030", "gb18030", "GB18030"},
    {"big5", "big5", "BIG5-HKSCS"},
    {"big5-hkscs", "big5", "BIG5-HKSCS"},
    {"cn-big5", "big5", "BIG5-HKSCS"},
    {"csbig5", "big5", "BIG5-HKSCS"},
    {"x-x-big5", "big5", "BIG5-HKSCS"},
    {"euc-kr", "euc-kr", "CP949"},
    {"cseuckr", "euc-kr", "CP949"},
    {"korean", "euc-kr", "CP949"},
    {"ks_c_5601-1987", "euc-kr", "CP949"},
    {"ks_c_5601-1989", "euc-kr", "CP949"},
    {"ksc5601", "euc-kr", "CP949"},
    {"ksc_5601", "euc-kr", "CP949"},
    {"windows-949", "euc-kr", "CP949"},
    {"utf-16le", "utf-16le", "UTF-16LE"},
    {"utf-16", "utf-16le", "UTF-16LE"},
    {"utf-16be", "utf-16be", "UTF-16BE"},
};

/* windows-1252 bytes 0x80-0x9F (WHATWG index); the rest are Latin-1. */
static const uint16_t cp1252_c1[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

static bool
is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static unsigned char
lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

/* Returns the table entry for label S[0..N) (trimmed, any case), or NULL. */
static const struct label *
find_label(const char *s, size_t n)
{
    char buf[LABEL_MAX];
    size_t i, k = 0;

    while (n > 0 && is_space((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n > 0 && is_space((unsigned char)s[n - 1]))
        n--;
    if (n == 0 || n >= sizeof(buf))
        return NULL;
    for (i = 0; i < n; i++)
        buf[k++] = (char)lower((unsigned char)s[i]);
    buf[k] = '\0';
    for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
        if (strcmp(labels[i].label, buf) == 0)
            return &labels[i];
    return NULL;
}

/* Like find_label() but only for encodings this iconv can decode. */
static const struct label *
usable_label(const char *s, size_t n)
{
    const struct label *l = find_label(s, n);
    iconv_t cd;

    if (l == NULL || strcmp(l->name, "utf-8") == 0 ||
        strcmp(l->name, "windows-1252") == 0)
        return l;
    cd = iconv_open("UTF-8", l->iconv);
    if (cd == (iconv_t)-1)
        return NULL;
    iconv_close(cd);
    return l;
}

static void
put_cp(struct strbuf *sb, uint32_t cp)
{
    char b[4];

    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        strbuf_addc(sb, (char)cp);
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        strbuf_add(sb, b, 2);
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        strbuf_add(sb, b, 3);
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        strbuf_add(sb, b, 4);
    }
}

/*
 * Returns the length of the well-formed UTF-8 sequence at S[0..N), or 0
 * when it is not one (overlong, surrogate, > U+10FFFF, truncated).  On 0,
 * *BAD is the length of the maximal ill-formed subpart, at least 1, so
 * that each one becomes a single U+FFFD as WHATWG decoders do.
 */
static size_t
utf8_seq(const unsigned char *s, size_t n, size_t *bad)
{
    unsigned char c = s[0], lo = 0x80, hi = 0xBF;
    size_t need, i;

    *bad = 1;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        need = 1;
    else if (c >= 0xE0 && c <= 0xEF)
        need = 2;
    else if (c >= 0xF0 && c <= 0xF4)
        need = 3;
    else
        return 0;
    if (c == 0xE0)
        lo = 0xA0;
    else if (c == 0xED)
        hi = 0x9F;
    else if (c == 0xF0)
        lo = 0x90;
    else if (c == 0xF4)
        hi = 0x8F;
    for (i = 1; i <= need; i++) {
        if (i >= n || s[i] < lo || s[i] > hi) {
            *bad = i;
            return 0;
        }
        lo = 0x80;
        hi = 0xBF;
    }
    return need + 1;
}

bool
charset_utf8_valid(const unsigned char *s, size_t n)
{
    size_t i = 0, k, bad;

    while (i < n) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        k = utf8_seq(s + i, n - i, &bad);
        if (k == 0)
            return false;
        i += k;
    }
    return true;
}

/* Appends S[0..N) as UTF-8 with bad sequences and NUL as U+FFFD. */
static void
decode_utf8(struct strbuf *sb, const unsigned char *s, size_t n)
{
    size_t i = 0, run = 0, k, bad;

    strbuf_grow(sb, n);
    while (i + run < n) {
        unsigned char c = s[i + run];

        if (c != 0 && c < 0x80) {
            run++;
            continue;
        }
        k = c == 0 ? 0 : utf8_seq(s + i + run, n - i - run, &bad);
        if (k > 0) {
            run += k;
            continue;
        }
        strbuf_add(sb, s + i, run);
        put_cp(sb, 0xFFFD);
        i += run + (c == 0 ? 1 : bad);
        run = 0;
    }
    strbuf_add(sb, s + i, run);
}

static void
decode_cp1252(struct strbuf *sb, const unsigned char *s, size_t n)
{
    size_t i;

    strbuf_grow(sb, n + n / 4);
    for (i = 0; i < n; i++) {
        if (s[i] >= 0x80 && s[i] < 0xA0)
            put_cp(sb, cp1252_c1[s[i] - 0x80]);
        else
            put_cp(sb, s[i]);
    }
}

/*
 * Converts with iconv into TMP; a byte sequence iconv rejects costs STEP
 * bytes (2 for UTF-16) and one U+FFFD, a truncated one at the end one
 * U+FFFD.  Returns false when iconv cannot be opened.
 */
static bool
decode_iconv(struct strbuf *tmp, const char *from, size_t step, const char *s,
             size_t n)
{
    iconv_t cd = iconv_open("UTF-8", from);
    char *in = (char *)(uintptr_t)s;
    size_t inleft = n;

    if (cd == (iconv_t)-1)
        return false;
    strbuf_grow(tmp, n + n / 2 + 64);
    while (inleft > 0) {
        char *out = tmp->buf + tmp->len;
        size_t outleft = tmp->cap - tmp->len - 1;
        size_t r = iconv(cd, &in, &inleft, &out, &outleft);
        int e = errno;

        tmp->len = (size_t)(out - tmp->buf);
        tmp->buf[tmp->len] = '\0';
        if (r != (size_t)-1 || inleft == 0)
            break;
        if (e == E2BIG) {
            strbuf_grow(tmp, tmp->cap);
            continue;
        }
        strbuf_add(tmp, "\xEF\xBF\xBD", 3);
        if (e != EILSEQ || inleft <= step)
            break;
        in += step;
        inleft -= step;
    }
    iconv_close(cd);
    return true;
}

/* The HTML prescan's "get an attribute" step over [*P, END). */
struct attr {
    char name[16];
    char value[128];
};

static void
add_byte(char *buf, size_t size, size_t *len, unsigned char c)
{
    if (*len + 1 < size) {
        buf[(*len)++] = (char)lower(c);
        buf[*len] = '\0';
    }
}

static size_t
attr_value(const unsigned char *s, size_t i, size_t end, struct attr *a)
{
    size_t vl = 0;
    unsigned char q;

    while (i < end && is_space(s[i]))
        i++;
    if (i >= end || s[i] == '>')
        return i;
    if (s[i] == '"' || s[i] == '\'') {
        q = s[i++];
        while (i < end && s[i] != q)
            add_byte(a->value, sizeof(a->value), &vl, s[i++]);
        return i < end ? i + 1 : end;
    }
    while (i < end && !is_space(s[i]) && s[i] != '>')
        add_byte(a->value, sizeof(a->value), &vl, s[i++]);
    return i;
}

/* Returns false at '>' or the end; else fills A and advances *P. */
static bool
get_attr(const unsigned char *s, size_t *p, size_t end, struct attr *a)
{
    size_t i = *p, nl = 0;

    a->name[0] = a->value[0] = '\0';
    while (i < end && (is_space(s[i]) || s[i] == '/'))
        i++;
    if (i >= end || s[i] == '>') {
        *p = i;
        return false;
    }
    if (s[i] == '=')
        add_byte(a->name, sizeof(a->name), &nl, s[i++]);
    while (i < end && !is_space(s[i]) && s[i] != '/' && s[i] != '>' &&
           s[i] != '=')
        add_byte(a->name, sizeof(a->name), &nl, s[i++]);
    while (i < end && is_space(s[i]))
        i++;
    if (i < end && s[i] == '=')
        i = attr_value(s, i + 1, end, a);
    *p = i;
    return true;
}

/*
 * The "extract a character encoding from a meta element" algorithm:
 * finds charset=VALUE in a content attribute.  Returns the label or NULL.
 */
static const struct label *
label_in_content(const char *c)
{
    const char *p = c, *v;
    size_t n;

    while ((p = strstr(p, "charset")) != NULL) {
        p += 7;
        while (is_space((unsigned char)*p))
            p++;
        if (*p != '=')
            continue;
        p++;
        while (is_space((unsigned char)*p))
            p++;
        if (*p == '"' || *p == '\'') {
            v = strchr(p + 1, *p);
            if (v == NULL)
                return NULL;
            return usable_label(p + 1, (size_t)(v - p - 1));
        }
        for (n = 0;
             p[n] != '\0' && p[n] != ';' && !is_space((unsigned char)p[n]); n++)
            continue;
        return usable_label(p, n);
    }
    return NULL;
}

/* Reads one <meta ...>'s attributes; returns its label or NULL. */
static const struct label *
meta_label(const unsigned char *s, size_t *p, size_t end)
{
    struct attr a;
    const struct label *l = NULL;
    bool got_pragma = false, need_pragma = false, have = false;
    bool seen_he = false, seen_c = false, seen_cs = false;

    while (get_attr(s, p, end, &a)) {
        if (strcmp(a.name, "http-equiv") == 0 && !seen_he) {
            seen_he = true;
            got_pragma = strcmp(a.value, "content-type") == 0;
        } else if (strcmp(a.name, "content") == 0 && !seen_c) {
            seen_c = true;
            if (!have && (l = label_in_content(a.value)) != NULL) {
                have = true;
                need_pragma = true;
            }
        } else if (strcmp(a.name, "charset") == 0 && !seen_cs) {
            seen_cs = true;
            l = usable_label(a.value, strlen(a.value));
            have = true;
            need_pragma = false;
        }
    }
    if (!have || l == NULL || (need_pragma && !got_pragma))
        return NULL;
    /* A page cannot be UTF-16 if its ASCII markup was readable. */
    if (strncmp(l->name, "utf-16", 6) == 0)
        return find_label("utf-8", 5);
    return l;
}

static bool
is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Skips to just after the next '>' from I; returns END if none. */
static size_t
skip_past(const unsigned char *s, size_t i, size_t end, const char *what)
{
    size_t w = strlen(what);

    for (; i + w <= end; i++)
        if (memcmp(s + i, what, w) == 0)
            return i + w;
    return end;
}

/* The WHATWG "prescan a byte stream" over the first PRESCAN_MAX bytes. */
static const struct label *
prescan(const unsigned char *s, size_t n)
{
    size_t end = n < PRESCAN_MAX ? n : PRESCAN_MAX, i = 0;
    struct attr a;
    const struct label *l;

    while (i < end) {
        if (s[i] != '<') {
            i++;
        } else if (end - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
            i = skip_past(s, i + 4, end, "-->");
        } else if (end - i >= 6 && lower(s[i + 1]) == 'm' &&
                   lower(s[i + 2]) == 'e' && lower(s[i + 3]) == 't' &&
                   lower(s[i + 4]) == 'a' &&
                   (is_space(s[i + 5]) || s[i + 5] == '/')) {
            i += 5;
            if ((l = meta_label(s, &i, end)) != NULL)
                return l;
        } else if (i + 1 < end &&
                   (is_alpha(s[i + 1]) ||
                    (s[i + 1] == '/' && i + 2 < end && is_alpha(s[i + 2])))) {
            i++;
            while (i < end && !is_space(s[i]) && s[i] != '>')
                i++;
            while (get_attr(s, &i, end, &a))
                continue;
        } else if (i + 1 < end &&
                   (s[i + 1] == '!' || s[i + 1] == '/' || s[i + 1] == '?')) {
            i = skip_past(s, i, end, ">");
        } else {
            i++;
        }
    }
    return NULL;
}

/* Detects a BOM: sets *SKIP to its length and returns its label. */
static const struct label *
sniff_bom(const unsigned char *s, size_t n, size_t *skip)
{
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
        *skip = 3;
        return find_label("utf-8", 5);
    }
    if (n >= 2 && s[0] == 0xFF && s[1] == 0xFE) {
        *skip = 2;
        return find_label("utf-16le", 8);
    }
    if (n >= 2 && s[0] == 0xFE && s[1] == 0xFF) {
        *skip = 2;
        return find_label("utf-16be", 8);
    }
    *skip = 0;
    return NULL;
}

/* The legacy multi-byte encodings of Chinese, Japanese and Korean. */
static bool
multibyte(const struct label *l)
{
    static const char *const names[] = {"gbk",        "gb18030",   "big5",
                                        "euc-jp",     "shift_jis", "euc-kr",
                                        "iso-2022-jp"};
    size_t i;

    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(l->name, names[i]) == 0)
            return true;
    return false;
}

/* Valid UTF-8 holding characters beyond ASCII: a page saved again as
 * UTF-8 that kept its old <meta charset="gb2312">.  Text in those
 * encodings is practically never valid UTF-8, so the bytes win over the
 * stale label (a label from the HTTP header still wins). */
static bool
utf8_text(const unsigned char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n && s[i] < 0x80; i++)
        ;
    return i < n && charset_utf8_valid(s, n);
}

/* Picks the encoding in the documented order; *SKIP is the BOM to drop. */
static const struct label *
choose(const unsigned char *s, size_t n, const char *header, size_t *skip)
{
    const struct label *bom = sniff_bom(s, n, skip), *l = NULL;

    /* A byte order mark wins over the header, as in browsers (WHATWG
     * "decode"): servers mislabel far more often than BOMs lie. */
    if (bom != NULL)
        return bom;
    if (header != NULL && (l = usable_label(header, strlen(header))) != NULL)
        return l;
    if ((l = prescan(s, n)) != NULL && !(multibyte(l) && utf8_text(s, n)))
        return l;
    if (charset_utf8_valid(s, n))
        return find_label("utf-8", 5);
    return find_label("windows-1252", 12);
}

enum ac_status
charset_to_utf8(const char *bytes, size_t len, const char *header_charset,
                char **out, size_t *out_len, char *used, size_t used_n,
                struct ac_err *err)
{
    const unsigned char *s = (const unsigned char *)bytes;
    struct strbuf sb = STRBUF_INIT, tmp = STRBUF_INIT;
    const struct label *l;
    size_t skip = 0;

    if (len > SIZE_MAX / 4)
        return ac_err_set(err, AC_E_LIMIT, "document too large to decode");
    if (len == 0)
        s = (const unsigned char *)"";
    l = choose(s, len, header_charset, &skip);
    s += skip;
    len -= skip;
    if (strcmp(l->name, "utf-8") == 0) {
        decode_utf8(&sb, s, len);
    } else if (strcmp(l->name, "windows-1252") == 0) {
        decode_cp1252(&sb, s, len);
    } else {
        size_t step = strncmp(l->name, "utf-16", 6) == 0 ? 2 : 1;

        if (!decode_iconv(&tmp, l->iconv, step, (const char *)s, len)) {
            l = find_label("windows-1252", 12);
            decode_cp1252(&sb, s, len);
        } else {
            decode_utf8(&sb, (const unsigned char *)tmp.buf, tmp.len);
            strbuf_release(&tmp);
        }
    }
    strbuf_add(&sb, "", 0); /* terminated (strbuf_grow does not) */
    *out_len = sb.len;
    *out = strbuf_detach(&sb);
    if (used != NULL && used_n > 0)
        snprintf(used, used_n, "%s", l->name);
    return AC_OK;
}

bool
charset_from_content_type(const char *ct, char *buf, size_t n)
{
    const char *p = ct == NULL ? NULL : strchr(ct, ';');
    const char *v;
    size_t len;

    while (p != NULL) {
        p++;
        while (is_space((unsigned char)*p))
            p++;
        if (strncasecmp(p, "charset", 7) != 0 ||
            (p[7] != '=' && !is_space((unsigned char)p[7]))) {
            p = strchr(p, ';');
            continue;
        }
        p += 7;
        while (is_space((unsigned char)*p))
            p++;
        if (*p != '=') {
            p = strchr(p, ';');
            continue;
        }
        p++;
        while (is_space((unsigned char)*p))
            p++;
        if (*p == '"') {
            v = strchr(++p, '"');
            len = v != NULL ? (size_t)(v - p) : strlen(p);
        } else {
            for (len = 0; p[len] != '\0' && p[len] != ';' &&
                          !is_space((unsigned char)p[len]);
                 len++)
                continue;
        }
        if (len == 0 || len >= n)
            return false;
        memcpy(buf, p, len);
        buf[len] = '\0';
        return true;
    }
    return false;
}
