/* SPDX-License-Identifier: MIT */
/*
 * html_budget: the pre-parse cap on attributes per element.  libxml2 2.9
 * checks each new attribute's name against every earlier one of its
 * element, so one element with a million attributes (an 8 MB page)
 * costs over half an hour of parsing.  Before the parse, one linear scan
 * counts the attributes of each start tag the way a tokenizer sees them
 * (quoted values skipped, script and style contents skipped); a tag over
 * HTML_MAX_ATTRIBUTES makes the page an error of kind too-complex.  It
 * does not parse HTML otherwise.
 */
#include "config.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "html.h"

static bool
is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool
is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Skips the contents of a raw-text element NAME (script, style) from
 * S[I..N): returns where its end tag starts, or N. */
static size_t
skip_raw(const char *s, size_t i, size_t n, const char *name)
{
    size_t nl = strlen(name);

    for (; i + 2 + nl <= n; i++)
        if (s[i] == '<' && s[i + 1] == '/' &&
            strncasecmp(s + i + 2, name, nl) == 0)
            return i;
    return n;
}

/* Counts the attributes of the start tag whose name starts at S[*I];
 * leaves *I after its '>' (or at N), and says in *RAW which raw-text
 * element it opened, if any. */
static size_t
tag_attributes(const char *s, size_t *i, size_t n, const char **raw)
{
    size_t at = *i, count = 0;
    char quote = 0;
    bool after_space = false, value_next = false;

    while (at < n && !is_space((unsigned char)s[at]) && s[at] != '>' &&
           s[at] != '/')
        at++;
    *raw = NULL;
    if (at - *i == 6 && strncasecmp(s + *i, "script", 6) == 0)
        *raw = "script";
    else if (at - *i == 5 && strncasecmp(s + *i, "style", 5) == 0)
        *raw = "style";
    for (; at < n; at++) {
        unsigned char c = (unsigned char)s[at];

        if (quote != 0) {
            if (c == (unsigned char)quote) {
                quote = 0;
                after_space = true; /* a="x"b="y": b is one more */
            }
        } else if (c == '>') {
            at++;
            break;
        } else if (is_space(c) || c == '/') {
            after_space = !value_next; /* "a = 1": still a's value */
        } else if (c == '=') {
            value_next = true;
            after_space = false;
        } else if (c == '"' || c == '\'') {
            quote = (char)c;
            value_next = false;
        } else if (value_next) {
            value_next = false; /* an unquoted value's first byte */
        } else if (after_space) {
            count++;
            after_space = false;
        }
    }
    *i = at;
    return count;
}

size_t
html_max_attributes(const char *s, size_t n)
{
    size_t i = 0, most = 0;

    while (i < n) {
        const char *raw;
        size_t c;

        if (s[i] != '<' || i + 1 >= n || !is_alpha((unsigned char)s[i + 1])) {
            i++;
            continue;
        }
        i++;
        c = tag_attributes(s, &i, n, &raw);
        if (c > most)
            most = c;
        if (raw != NULL)
            i = skip_raw(s, i, n, raw);
    }
    return most;
}
