/* SPDX-License-Identifier: MIT */
/* Unit tests for textsim: shingles and containment. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "html.h"
#include "textsim.h"

static double
contain(const char *a, const char *b)
{
    struct textsim ta, tb;
    double c;

    textsim_from_text(a, strlen(a), &ta);
    textsim_from_text(b, strlen(b), &tb);
    c = textsim_containment(&ta, &tb);
    textsim_free(&ta);
    textsim_free(&tb);
    return c;
}

static const char *const STORY =
    "Residents across the city run community centres, share solar panels "
    "and turn vacant lots into gardens. This afternoon brings together "
    "initiators from three cities and the civil servants who work with them.";

static void
test_text(void)
{
    struct textsim t;

    ok(contain(STORY, STORY) == 1.0, "a text is all in itself");
    ok(contain("", STORY) == -1, "an empty text has no containment");
    ok(contain(STORY, "") == 0.0, "nothing is in an empty text");
    ok(contain("RESIDENTS across, the city!", "residents across the city") ==
           1.0,
       "case and punctuation do not matter");
    ok(contain("Residents across the city run community centres",
               "Residents across the city run many community centres") < 0.5,
       "an inserted word breaks the shingles around it");
    ok(contain("vacant lots into gardens", "Vacant lots, into gardens!") == 1.0,
       "a short text is one shingle of all its words");
    ok(contain("vacant lots into gardens", STORY) == 0.0,
       "so it matches only an equally short text");
    ok(contain("vacant lots into parks", STORY) == 0.0,
       "a short text that differs is not contained");
    textsim_from_text("a b c d e a b c d e a b c d e", 29, &t);
    ok(t.words == 15, "words are counted (%zu)", t.words);
    ok(t.len == 5, "repeated shingles are kept once (%zu)", t.len);
    textsim_free(&t);
    textsim_from_text(
        "caf\xc3\xa9 na\xc3\xafve r\xc3\xa9sum\xc3\xa9 x y",
        strlen("caf\xc3\xa9 na\xc3\xafve r\xc3\xa9sum\xc3\xa9 x y"), &t);
    ok(t.words == 5 && t.len == 1, "UTF-8 letters are part of words");
    textsim_free(&t);
}

static void
test_page(void)
{
    static const char *const html =
        "<html><body><header><p>Site name and menu text here</p></header>"
        "<article><h1>The title</h1><p>First paragraph of the story with "
        "enough words</p><p class=notice>Copied from elsewhere under CC "
        "BY</p></article><footer><p>Footer words that do not count</p>"
        "</footer></body></html>";
    struct html_page page;
    struct textsim t, *blocks = NULL, want;
    size_t n = 0, i;
    bool skip[16] = {false};

    if (html_parse(html, strlen(html), &page, NULL) != AC_OK) {
        ok(0, "parse");
        return;
    }
    ok(page.blocks_len >= 4 && page.blocks_len < 16, "blocks (%zu)",
       page.blocks_len);
    for (i = 0; i < page.blocks_len; i++)
        skip[i] = strstr(page.blocks[i].text, "Copied") != NULL;
    textsim_from_page(&page, skip, &t);
    textsim_from_text("The title First paragraph of the story with enough "
                      "words",
                      57, &want);
    ok(textsim_containment(&want, &t) > 0.5 &&
           textsim_containment(&t, &want) > 0.5,
       "main text is the article's, without header, footer or skipped");
    textsim_free(&want);
    textsim_from_text("Footer words that do not count", 30, &want);
    ok(textsim_containment(&want, &t) == 0.0, "footer left out");
    textsim_free(&want);
    textsim_free(&t);
    textsim_blocks_from_page(&page, skip, &blocks, &n);
    ok(n == 2, "two main-text blocks (%zu)", n);
    for (i = 0; i < n; i++)
        textsim_free(&blocks[i]);
    free(blocks);
    html_page_free(&page);
}

int
main(void)
{
    test_text();
    test_page();
    html_global_cleanup();
    return tap_done();
}
