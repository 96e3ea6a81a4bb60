/* SPDX-License-Identifier: MIT */
/*
 * report_html_side: the copy beside its original, block by block, as a
 * table whose first column says in words what happened to each block
 * (same, changed, added, left out), so the marking never rests on colour
 * alone.  A changed block of a no-derivatives work is flagged as such.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "report_html.h"
#include "verify.h"

struct side_counts {
    size_t same, changed, added, left;
};

static void
count(const struct align_pair *p, size_t n, struct side_counts *c)
{
    size_t i;

    memset(c, 0, sizeof *c);
    for (i = 0; i < n; i++) {
        if (p[i].kind == ALIGN_SAME)
            c->same++;
        else if (p[i].kind == ALIGN_CHANGED)
            c->changed++;
        else if (p[i].kind == ALIGN_ADDED)
            c->added++;
        else
            c->left++;
    }
}

static void
cell(struct strbuf *sb, const char *cls, const char *label,
     const struct sidetext_block *b)
{
    strbuf_addf(sb, "<td class=\"%s\" data-l=\"%s\">", cls, label);
    if (b != NULL) {
        strbuf_addf(sb, "<span class=\"ln\">line %u</span>", b->line);
        report_html_text(sb, b->text);
    }
    strbuf_adds(sb, "</td>");
}

static void
row(struct strbuf *sb, const struct align_pair *p, const struct sidetext *copy,
    const struct sidetext *orig, bool nd)
{
    static const char *const cls[] = {"same", "changed", "added", "left"};
    static const char *const words[] = {"same", "changed", "added in the copy",
                                        "left out of the copy"};
    const struct sidetext_block *c =
        p->copy != (size_t)-1 ? &copy->v[p->copy] : NULL;
    const struct sidetext_block *o =
        p->orig != (size_t)-1 ? &orig->v[p->orig] : NULL;
    bool flag = nd && (p->kind == ALIGN_CHANGED || p->kind == ALIGN_ADDED);

    strbuf_addf(sb, "<tr class=\"%s%s\"><td class=\"k\" data-l=\"block\">%s%s",
                cls[p->kind], flag ? " nd" : "", flag ? "\xe2\x9a\xa0 " : "",
                words[p->kind]);
    if (flag)
        strbuf_adds(sb, " (no derivatives allowed)");
    strbuf_adds(sb, "</td>");
    if (p->kind != ALIGN_CHANGED) {
        cell(sb, "c", "copy", c);
        cell(sb, "o", "original", o);
        strbuf_adds(sb, "</tr>\n");
        return;
    }
    strbuf_addf(sb,
                "<td class=\"c\" data-l=\"copy\"><span class=\"ln\">line %u"
                "</span>",
                c->line);
    report_html_word_diff(sb, o->text, c->text, 1);
    strbuf_addf(sb,
                "</td><td class=\"o\" data-l=\"original\"><span class=\"ln\">"
                "line %u</span>",
                o->line);
    report_html_word_diff(sb, o->text, c->text, 0);
    strbuf_adds(sb, "</td></tr>\n");
}

static void
intro(struct strbuf *sb, const struct side_counts *n, bool nd,
      const struct sidetext *copy, const struct sidetext *orig)
{
    strbuf_addf(sb,
                "<p>%zu blocks the same, <strong>%zu changed</strong>, "
                "<strong>%zu added</strong> in the copy, <strong>%zu left "
                "out</strong> of it.",
                n->same, n->changed, n->added, n->left);
    if (nd && n->changed + n->added > 0)
        strbuf_adds(sb, " <strong>The original allows no derivatives: "
                        "every changed block is flagged.</strong>");
    if (copy->truncated || orig->truncated)
        strbuf_adds(sb, " The texts are cut after 128 KiB.");
    strbuf_adds(sb, "</p>\n<p class=\"legend mut\"><span><ins>words "
                    "only in the copy</ins></span><span><del>words only in "
                    "the original</del></span></p>\n");
}

void
report_html_side(struct strbuf *sb, const struct result *r, size_t index,
                 bool nd)
{
    const struct sidetext *copy = &r->side, *orig = &r->check->side;
    struct side_counts n;
    struct align_pair *p;
    size_t len, i;

    p = report_html_align(copy, orig, &len);
    count(p, len, &n);
    strbuf_addf(sb,
                "<section aria-labelledby=\"t%zu-side\"><h3 id=\"t%zu-side\">"
                "The copy beside the original</h3>\n",
                index, index);
    intro(sb, &n, nd, copy, orig);
    strbuf_addf(sb,
                "<table class=\"side rwd\"><caption>The main text, block by "
                "block: the copy (%zu blocks) beside the original (%zu)"
                "</caption>\n<thead><tr><th scope=\"col\">Block</th>"
                "<th scope=\"col\">Copy</th><th scope=\"col\">Original</th>"
                "</tr></thead>\n<tbody>\n",
                copy->len, orig->len);
    for (i = 0; i < len; i++)
        row(sb, &p[i], copy, orig, nd);
    strbuf_adds(sb, "</tbody></table></section>\n");
    free(p);
}
