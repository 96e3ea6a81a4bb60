/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for textnorm: white space, dashes, quotes, invisible
 * characters, invalid UTF-8, and the pending space across calls.
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "strbuf.h"
#include "textnorm.h"

static const struct {
    const char *in, *want, *name;
} cases[] = {
    {"", "", "empty"},
    {"plain text", "plain text", "ascii"},
    {"  \t lead and trail \r\n ", "lead and trail", "trim"},
    {"a\t\tb\n\nc\v\fd", "a b c d", "ascii white space runs"},
    {"a\xC2\xA0"
     "b",
     "a b", "nbsp"},
    {"a\xE2\x80\x80\xE2\x80\x8A"
     "b",
     "a b", "en quad and hair space"},
    {"a\xE2\x80\xAF"
     "b\xE2\x81\x9F"
     "c\xE3\x80\x80"
     "d",
     "a b c d", "narrow nbsp, math space, ideographic space"},
    {"a \xC2\xA0 \xE2\x80\x89 b", "a b", "mixed space run"},
    {"نَسْبُ الـمُصنَّف", "نسب المصنف", "Arabic vowel marks and tatweel"},
    {"مرخّص", "مرخص", "Arabic shadda"},
    {"クリエイティブ・コモンズ：表示", "クリエイティブ・コモンズ：表示",
     "Japanese middle dot and fullwidth colon kept"},
    {"CC\xE2\x80\x90"
     "BY\xE2\x80\x91"
     "SA",
     "CC-BY-SA", "hyphen and nb hyphen"},
    {"a\xE2\x80\x93"
     "b\xE2\x80\x94"
     "c\xE2\x80\x95"
     "d",
     "a-b-c-d", "en, em dash, horizontal bar"},
    {"\xE2\x88\x92"
     "1\xEF\xB9\x98"
     "2\xEF\xB9\xA3"
     "3\xEF\xBC\x8D",
     "-1-2-3-", "minus, small and fullwidth hyphens"},
    {"\xE2\x80\x98x\xE2\x80\x99 \xE2\x80\x9Ay\xE2\x80\x9B \xE2\x80\xB2",
     "'x' 'y' '", "single quotes"},
    {"\xE2\x80\x9Cx\xE2\x80\x9D \xE2\x80\x9Ey\xE2\x80\x9F \xC2\xAB"
     "z\xC2\xBB \xE2\x80\xB3",
     "\"x\" \"y\" \"z\" \"", "double quotes and guillemets"},
    {"Naams\xC2\xAD"
     "vermelding",
     "Naamsvermelding", "soft hyphen"},
    {"a\xE2\x80\x8B"
     "b\xE2\x80\x8C"
     "c\xE2\x80\x8D"
     "d\xE2\x81\xA0"
     "e\xEF\xBB\xBF"
     "f",
     "abcdef", "zero width characters"},
    {"\xEF\xBB\xBFtitle", "title", "leading bom"},
    {"caf\xC3\xA9 \xC3\xBC\xC3\x9F \xE4\xB8\xAD \xF0\x9F\x98\x80",
     "caf\xC3\xA9 \xC3\xBC\xC3\x9F \xE4\xB8\xAD \xF0\x9F\x98\x80",
     "other characters kept"},
    {"Creative Commons", "Creative Commons", "case kept"},
    {"a\xFF"
     "b",
     "a\xEF\xBF\xBD"
     "b",
     "stray byte"},
    {"a\x80"
     "b",
     "a\xEF\xBF\xBD"
     "b",
     "lone continuation"},
    {"a\xE2\x80", "a\xEF\xBF\xBD", "truncated sequence at end"},
    {"a\xE2\x80"
     "b",
     "a\xEF\xBF\xBD"
     "b",
     "truncated sequence is one replacement"},
    {"\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD", "overlong"},
    {"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", "surrogate"},
    {"\xF4\x90\x80\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD",
     "above U+10FFFF"},
    {"a\x01"
     "b\x7F"
     "c",
     "a b c", "control bytes separate words"},
};

static void
test_cases(void)
{
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = textnorm_dup(cases[i].in);

        is_str(got, cases[i].want, cases[i].name);
        free(got);
    }
}

/* Text split over nodes joins with one space, never a leading one. */
static void
test_pending(void)
{
    static const char *const parts[] = {" ",        "Licensed ", " under",
                                        "\xC2\xA0", "CC BY",     ""};
    struct strbuf sb = STRBUF_INIT;
    bool pending = false;
    size_t i;

    for (i = 0; i < sizeof parts / sizeof parts[0]; i++)
        textnorm_append(&sb, parts[i], strlen(parts[i]), &pending);
    is_str(strbuf_str(&sb), "Licensed under CC BY", "joined across calls");
    ok(pending == false, "no trailing space pending");
    textnorm_append(&sb, "x ", 2, &pending);
    ok(pending, "trailing space pending");
    is_str(strbuf_str(&sb), "Licensed under CC BYx", "pending not emitted");
    pending = true;
    textnorm_append(&sb, "y", 1, &pending);
    is_str(strbuf_str(&sb), "Licensed under CC BYx y", "caller separator");
    strbuf_release(&sb);

    pending = true;
    textnorm_append(&sb, "z", 1, &pending);
    is_str(strbuf_str(&sb), "z", "pending dropped into empty buffer");
    strbuf_release(&sb);

    /* embedded NUL with an explicit length is a separator, not an end */
    textnorm_append(&sb, "a\0b", 3, &pending);
    is_str(strbuf_str(&sb), "a b", "NUL byte");
    ok(sb.len == 3, "NUL byte length");
    strbuf_release(&sb);
}

static void
test_chars(void)
{
    ok(textnorm_chars("", 0) == 0, "chars: empty");
    ok(textnorm_chars("CC BY", 5) == 5, "chars: ASCII");
    ok(textnorm_chars("สงวน", strlen("สงวน")) == 4, "chars: Thai, 12 bytes");
    ok(textnorm_chars("表示 4.0", strlen("表示 4.0")) == 6,
       "chars: Japanese and ASCII");
    ok(textnorm_chars("\xF0\x9F\x98\x80", 4) == 1, "chars: 4-byte sequence");
}

int
main(void)
{
    test_cases();
    test_pending();
    test_chars();
    return tap_done();
}
