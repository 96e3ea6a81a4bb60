/* SPDX-License-Identifier: MIT */
/*
 * textnorm: folds page text into the one form the rules run on (see
 * textnorm.h): white space runs become one ASCII space, dashes '-',
 * curly quotes and guillemets ASCII quotes, invisible characters go,
 * Arabic vowel marks and the tatweel go (they are optional: "نَسْبُ
 * الـمُصنَّف" and "نسب المصنف" are one licence name) and invalid UTF-8
 * becomes U+FFFD.  It does not fold case, decode entities
 * or apply Unicode normalisation forms.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "textnorm.h"
#include "xalloc.h"

/* What one decoded character turns into. */
enum fold {
    FOLD_KEEP,  /* copy the original bytes */
    FOLD_SPACE, /* a white space run */
    FOLD_DROP,  /* invisible: removed */
    FOLD_CHAR   /* replaced by one ASCII byte */
};

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* ASCII bytes that pass through unchanged: printable, not space. */
static bool
ascii_plain(unsigned char c)
{
    return c > 0x20 && c < 0x7F;
}

/*
 * Decodes one UTF-8 character at S (N > 0 bytes available).  Returns
 * the number of bytes it spans and sets *CP, or, for an invalid
 * sequence, returns the length of its maximal valid prefix (at least 1)
 * and sets *CP to UINT32_MAX.
 */
static size_t
decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    size_t need, i;
    uint32_t c = s[0], lo = 0x80, hi = 0xBF;

    *cp = UINT32_MAX;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1, c &= 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        c &= 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        c &= 0x07;
    } else {
        return 1;
    }
    for (i = 1; i <= need; i++) {
        if (i >= n || s[i] < lo || s[i] > hi)
            return i;
        c = (c << 6) | (s[i] & 0x3F);
        lo = 0x80, hi = 0xBF;
    }
    *cp = c;
    return need + 1;
}

/* Code point ranges that are not kept as they are, in ascending order. */
static const struct {
    uint32_t lo, hi;
    enum fold fold;
    char c; /* for FOLD_CHAR */
} folds[] = {
    {0x85, 0x85, FOLD_SPACE, 0},      {0xA0, 0xA0, FOLD_SPACE, 0},
    {0xAB, 0xAB, FOLD_CHAR, '"'},     {0xAD, 0xAD, FOLD_DROP, 0},
    {0xBB, 0xBB, FOLD_CHAR, '"'},     {0x0640, 0x0640, FOLD_DROP, 0},
    {0x064B, 0x065F, FOLD_DROP, 0},   {0x0670, 0x0670, FOLD_DROP, 0},
    {0x1680, 0x1680, FOLD_SPACE, 0},  {0x180E, 0x180E, FOLD_DROP, 0},
    {0x2000, 0x200A, FOLD_SPACE, 0},  {0x200B, 0x200D, FOLD_DROP, 0},
    {0x2010, 0x2015, FOLD_CHAR, '-'}, {0x2018, 0x201B, FOLD_CHAR, '\''},
    {0x201C, 0x201F, FOLD_CHAR, '"'}, {0x2028, 0x2029, FOLD_SPACE, 0},
    {0x202F, 0x202F, FOLD_SPACE, 0},  {0x2032, 0x2032, FOLD_CHAR, '\''},
    {0x2033, 0x2033, FOLD_CHAR, '"'}, {0x205F, 0x205F, FOLD_SPACE, 0},
    {0x2060, 0x2060, FOLD_DROP, 0},   {0x2212, 0x2212, FOLD_CHAR, '-'},
    {0x3000, 0x3000, FOLD_SPACE, 0},  {0xFE58, 0xFE58, FOLD_CHAR, '-'},
    {0xFE63, 0xFE63, FOLD_CHAR, '-'}, {0xFEFF, 0xFEFF, FOLD_DROP, 0},
    {0xFF0D, 0xFF0D, FOLD_CHAR, '-'},
};

/* Classifies code point CP; sets *OUT for FOLD_CHAR. */
static enum fold
classify(uint32_t cp, char *out)
{
    size_t i;

    if (cp < 0x85)
        return FOLD_KEEP;
    for (i = 0; i < sizeof folds / sizeof folds[0] && folds[i].lo <= cp; i++) {
        if (cp <= folds[i].hi) {
            *out = folds[i].c;
            return folds[i].fold;
        }
    }
    return FOLD_KEEP;
}

/* Appends BYTES[0..N), first flushing a pending space if SB is not empty. */
static void
emit(struct strbuf *sb, const void *bytes, size_t n, bool *space_pending)
{
    if (*space_pending && sb->len > 0)
        strbuf_addc(sb, ' ');
    *space_pending = false;
    strbuf_add(sb, bytes, n);
}

/* Handles one non-plain character at P; returns the bytes consumed. */
static size_t
fold_one(struct strbuf *sb, const unsigned char *p, size_t n,
         bool *space_pending)
{
    uint32_t cp;
    size_t used;
    char c = 0;

    if (*p < 0x80) {
        /* ASCII white space and other control bytes separate words */
        *space_pending = true;
        return 1;
    }
    used = decode(p, n, &cp);
    if (cp == UINT32_MAX) {
        emit(sb, replacement, 3, space_pending);
        return used;
    }
    switch (classify(cp, &c)) {
    case FOLD_SPACE:
        *space_pending = true;
        break;
    case FOLD_DROP:
        break;
    case FOLD_CHAR:
        emit(sb, &c, 1, space_pending);
        break;
    case FOLD_KEEP:
        emit(sb, p, used, space_pending);
        break;
    }
    return used;
}

void
textnorm_append(struct strbuf *sb, const char *s, size_t len,
                bool *space_pending)
{
    const unsigned char *p = (const unsigned char *)s;
    const unsigned char *end = p + len;

    strbuf_grow(sb, len);
    sb->buf[sb->len] = '\0'; /* strbuf_grow does not terminate */
    while (p < end) {
        const unsigned char *run = p;

        while (p < end && ascii_plain(*p))
            p++;
        if (p > run)
            emit(sb, run, (size_t)(p - run), space_pending);
        if (p < end)
            p += fold_one(sb, p, (size_t)(end - p), space_pending);
    }
}

char *
textnorm_dup(const char *s)
{
    struct strbuf sb = STRBUF_INIT;
    bool pending = false;

    textnorm_append(&sb, s, strlen(s), &pending);
    return strbuf_detach(&sb);
}

size_t
textnorm_chars(const char *s, size_t len)
{
    size_t i, n = 0;

    for (i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}
