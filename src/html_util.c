/* SPDX-License-Identifier: MIT */
/*
 * html_util: what every html*.c file needs and none owns: where in the
 * source the parser is (lines of tags and text, from the position html.c
 * copies into the state at each parser event), attribute lookup, trimmed
 * copies, and array growth.  It is the lowest html file: it calls none of
 * the others and knows nothing of libxml2.
 */
#include "config.h"

#include <string.h>

#include "html_int.h"
#include "xalloc.h"

#define LINE_SCAN_MAX (1 << 20) /* how far back to look for a '<' */

unsigned
html_util_tag_line(const struct html_state *st)
{
    const unsigned char *p;
    long line;

    if (st->in_cur == NULL)
        return 0;
    line = st->in_line;
    for (p = st->in_cur;
         p > st->in_base && *p != '<' && st->in_cur - p < LINE_SCAN_MAX; p--)
        if (*p == '\n')
            line--;
    return line < 1 ? 1 : (unsigned)line;
}

/* libxml2 reports text once it has read all of it, so count back the
 * newlines after its first visible character. */
unsigned
html_util_text_line(const struct html_state *st, const char *ch, size_t len)
{
    long line = st->in_line;
    size_t i = 0;

    while (i < len && html_is_space(ch[i]))
        i++;
    for (; i < len; i++)
        if (ch[i] == '\n')
            line--;
    return line < 1 ? 1 : (unsigned)line;
}

const char *
html_util_attr(const unsigned char **atts, const char *name)
{
    size_t i;

    for (i = 0; atts != NULL && atts[i] != NULL; i += 2)
        if (strcmp((const char *)atts[i], name) == 0)
            return atts[i + 1] != NULL ? (const char *)atts[i + 1] : "";
    return NULL;
}

char *
html_util_trim_dup(const char *s)
{
    size_t n;

    while (html_is_space(*s))
        s++;
    n = strlen(s);
    while (n > 0 && html_is_space(s[n - 1]))
        n--;
    return xstrndup(s, n);
}

char *
html_util_lower_dup(const char *s)
{
    char *d = html_util_trim_dup(s), *p;

    for (p = d; *p != '\0'; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p + 32);
    return d;
}

void *
html_util_grow(void *array, size_t len, size_t *cap, size_t size)
{
    if (len < *cap)
        return array;
    *cap = *cap ? *cap * 2 : 16;
    return xreallocarray(array, *cap, size);
}
