/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for notice: exact HTML and text notices from the real
 * data/notices folder (languages, missing title or author, changes, CC0,
 * the Public Domain Mark, ported licences, language fallback, escaping),
 * and the loader's errors on malformed data written to a temporary folder.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../tap.h"
#include "notice.h"
#include "testutil.h"
#include "xalloc.h"

#define NOTICES_DIR ATTRCHECK_SRCDIR "/data/notices"
#define KL_URL      "https://www.kl.nl/events/werken-aan-de-wakkere-stad/"
#define KL_TITLE    "Werken aan de wakkere stad"
#define BY4         "https://creativecommons.org/licenses/by/4.0/"
#define NBSP        "\xc2\xa0"

struct lic_case {
    const char *name, *lang, *title, *creator, *source;
    enum cc_family family;
    const char *version, *port;
    bool changed;
    const char *want_lang, *want_html, *want_text;
};

static const struct lic_case cases[] = {
    {"Kennisland: nl, BY 4.0", "nl", KL_TITLE, "Kennisland", KL_URL, CC_BY,
     "4.0", "", false, "nl",
     "<a href=\"" KL_URL "\">“" KL_TITLE "”</a> van Kennisland is "
     "beschikbaar onder de licentie <a rel=\"license\" href=\"" BY4
     "deed.nl\">Creative Commons Naamsvermelding 4.0 Internationaal "
     "(CC BY 4.0)</a>.",
     "“" KL_TITLE "” (" KL_URL ") van Kennisland is beschikbaar onder de "
     "licentie Creative Commons Naamsvermelding 4.0 Internationaal "
     "(CC BY 4.0, " BY4 "deed.nl)."},
    {"nl-NL, changed, no source", "nl-NL", "Titel", "Jan", NULL, CC_BY_SA,
     "4.0", "", true, "nl",
     "“Titel” van Jan is beschikbaar onder de licentie <a rel=\"license\" "
     "href=\"https://creativecommons.org/licenses/by-sa/4.0/deed.nl\">"
     "Creative Commons Naamsvermelding-GelijkDelen 4.0 Internationaal "
     "(CC BY-SA 4.0)</a>. Deze tekst is bewerkt.",
     "“Titel” van Jan is beschikbaar onder de licentie Creative Commons "
     "Naamsvermelding-GelijkDelen 4.0 Internationaal (CC BY-SA 4.0, "
     "https://creativecommons.org/licenses/by-sa/4.0/deed.nl). Deze tekst "
     "is bewerkt."},
    {"nl, no title", "nl", NULL, "Kennisland", KL_URL, CC_BY, "4.0", "", false,
     "nl",
     "<a href=\"" KL_URL "\">Dit werk</a> van Kennisland is beschikbaar "
     "onder de licentie <a rel=\"license\" href=\"" BY4 "deed.nl\">Creative "
     "Commons Naamsvermelding 4.0 Internationaal (CC BY 4.0)</a>.",
     "Dit werk (" KL_URL ") van Kennisland is beschikbaar onder de licentie "
     "Creative Commons Naamsvermelding 4.0 Internationaal (CC BY 4.0, " BY4
     "deed.nl)."},
    {"nl, no title, no author (blank strings)", "nl", " ", "", NULL, CC_BY,
     "4.0", "", true, "nl",
     "Dit werk is beschikbaar onder de licentie <a rel=\"license\" href=\"" BY4
     "deed.nl\">Creative Commons Naamsvermelding 4.0 Internationaal "
     "(CC BY 4.0)</a>. Deze tekst is bewerkt.",
     "Dit werk is beschikbaar onder de licentie Creative Commons "
     "Naamsvermelding 4.0 Internationaal (CC BY 4.0, " BY4 "deed.nl). Deze "
     "tekst is bewerkt."},
    {"nl, ported by-sa/3.0/nl", "nl", "Kaart", "Kadaster", NULL, CC_BY_SA,
     "3.0", "nl", false, "nl",
     "“Kaart” van Kadaster is beschikbaar onder de licentie <a "
     "rel=\"license\" href=\"https://creativecommons.org/licenses/by-sa/3.0/"
     "nl/deed.nl\">Creative Commons Naamsvermelding-GelijkDelen 3.0 "
     "Nederland (CC BY-SA 3.0 NL)</a>.",
     "“Kaart” van Kadaster is beschikbaar onder de licentie Creative Commons "
     "Naamsvermelding-GelijkDelen 3.0 Nederland (CC BY-SA 3.0 NL, "
     "https://creativecommons.org/licenses/by-sa/3.0/nl/deed.nl)."},
    {"en, title and author, changed", "en", "City Walks", "Ann Lee",
     "https://example.org/walks", CC_BY, "4.0", "", true, "en",
     "<a href=\"https://example.org/walks\">“City Walks”</a> by Ann Lee is "
     "licensed under <a rel=\"license\" href=\"" BY4 "\">Creative Commons "
     "Attribution 4.0 International (CC BY 4.0)</a>. Changes were made.",
     "“City Walks” (https://example.org/walks) by Ann Lee is licensed under "
     "Creative Commons Attribution 4.0 International (CC BY 4.0, " BY4
     "). Changes were made."},
    {"en, no author", "en-GB", "City Walks", NULL, NULL, CC_BY_NC_ND, "4.0", "",
     false, "en",
     "“City Walks” is licensed under <a rel=\"license\" href=\"https://"
     "creativecommons.org/licenses/by-nc-nd/4.0/\">Creative Commons "
     "Attribution-NonCommercial-NoDerivatives 4.0 International "
     "(CC BY-NC-ND 4.0)</a>.",
     "“City Walks” is licensed under Creative Commons "
     "Attribution-NonCommercial-NoDerivatives 4.0 International "
     "(CC BY-NC-ND 4.0, https://creativecommons.org/licenses/by-nc-nd/4.0/)."},
    {"de-DE, BY-SA 4.0", "de-DE", "Stadtgeschichte", "Eva Braun-Schulz", NULL,
     CC_BY_SA, "4.0", "", false, "de",
     "„Stadtgeschichte“ von Eva Braun-Schulz steht unter der Lizenz <a "
     "rel=\"license\" href=\"https://creativecommons.org/licenses/by-sa/4.0/"
     "deed.de\">Creative Commons Namensnennung-Share Alike 4.0 International "
     "(CC BY-SA 4.0)</a>.",
     "„Stadtgeschichte“ von Eva Braun-Schulz steht unter der Lizenz Creative "
     "Commons Namensnennung-Share Alike 4.0 International (CC BY-SA 4.0, "
     "https://creativecommons.org/licenses/by-sa/4.0/deed.de)."},
    {"de, no title, changed, ported 3.0/de", "de", NULL, "Max", NULL, CC_BY,
     "3.0", "de", true, "de",
     "Dieses Werk von Max steht unter der Lizenz <a rel=\"license\" "
     "href=\"https://creativecommons.org/licenses/by/3.0/de/deed.de\">"
     "Creative Commons Namensnennung 3.0 Deutschland (CC BY 3.0 DE)</a>. "
     "Der Text wurde bearbeitet.",
     "Dieses Werk von Max steht unter der Lizenz Creative Commons "
     "Namensnennung 3.0 Deutschland (CC BY 3.0 DE, https://"
     "creativecommons.org/licenses/by/3.0/de/deed.de). Der Text wurde "
     "bearbeitet."},
    {"fr, title and author", "fr", "La ville", "Marie", "https://ex.fr/v",
     CC_BY, "4.0", "", false, "fr",
     "<a href=\"https://ex.fr/v\">«" NBSP "La ville" NBSP "»</a> de Marie est "
     "disponible selon les termes de la licence <a rel=\"license\" href=\"" BY4
     "deed.fr\">Creative Commons Attribution 4.0 International "
     "(CC BY 4.0)</a>.",
     "«" NBSP "La ville" NBSP "» (https://ex.fr/v) de Marie est disponible "
     "selon les termes de la licence Creative Commons Attribution 4.0 "
     "International (CC BY 4.0, " BY4 "deed.fr)."},
    {"fr_CA, no title or author, changed", "fr_CA", NULL, NULL, NULL, CC_BY_SA,
     "4.0", "", true, "fr",
     "Cette œuvre est mise à disposition selon les termes de la licence <a "
     "rel=\"license\" href=\"https://creativecommons.org/licenses/by-sa/4.0/"
     "deed.fr\">Creative Commons Attribution - Partage dans les mêmes "
     "conditions 4.0 International (CC BY-SA 4.0)</a>. Le texte a été "
     "modifié.",
     "Cette œuvre est mise à disposition selon les termes de la licence "
     "Creative Commons Attribution - Partage dans les mêmes conditions 4.0 "
     "International (CC BY-SA 4.0, https://creativecommons.org/licenses/"
     "by-sa/4.0/deed.fr). Le texte a été modifié."},
    {"fr-CA, 3.0: the fr-ca title in French sentences", "fr-CA", NULL, NULL,
     NULL, CC_BY, "3.0", "", false, "fr-ca",
     "Cette œuvre est mise à disposition selon les termes de la licence <a "
     "rel=\"license\" href=\"https://creativecommons.org/licenses/by/3.0/"
     "deed.fr\">Creative Commons Paternité 3.0 Unported (CC BY 3.0)</a>.",
     "Cette œuvre est mise à disposition selon les termes de la licence "
     "Creative Commons Paternité 3.0 Unported (CC BY 3.0, "
     "https://creativecommons.org/licenses/by/3.0/deed.fr)."},
    {"es, BY-NC-SA", "es", "Mapa", "Luis", NULL, CC_BY_NC_SA, "4.0", "", false,
     "es",
     "«Mapa» de Luis está disponible bajo la licencia <a rel=\"license\" "
     "href=\"https://creativecommons.org/licenses/by-nc-sa/4.0/deed.es\">"
     "Creative Commons Atribución/Reconocimiento-NoComercial-CompartirIgual "
     "4.0 Internacional (CC BY-NC-SA 4.0)</a>.",
     "«Mapa» de Luis está disponible bajo la licencia Creative Commons "
     "Atribución/Reconocimiento-NoComercial-CompartirIgual 4.0 Internacional "
     "(CC BY-NC-SA 4.0, https://creativecommons.org/licenses/by-nc-sa/4.0/"
     "deed.es)."},
    {"it, no title", "it", NULL, "Gianni", NULL, CC_BY, "4.0", "", false, "it",
     "Quest’opera di Gianni è distribuita con licenza <a rel=\"license\" "
     "href=\"" BY4 "deed.it\">Creative Commons Attribuzione 4.0 "
     "Internazionale (CC BY 4.0)</a>.",
     "Quest’opera di Gianni è distribuita con licenza Creative Commons "
     "Attribuzione 4.0 Internazionale (CC BY 4.0, " BY4 "deed.it)."},
    {"pl, title and author", "pl-PL", "Mapa", "Anna", NULL, CC_BY, "4.0", "",
     false, "pl",
     "Utwór „Mapa” autorstwa Anna jest dostępny na licencji <a "
     "rel=\"license\" href=\"" BY4 "deed.pl\">Creative Commons Uznanie "
     "autorstwa 4.0 Międzynarodowa (CC BY 4.0)</a>.",
     "Utwór „Mapa” autorstwa Anna jest dostępny na licencji Creative Commons "
     "Uznanie autorstwa 4.0 Międzynarodowa (CC BY 4.0, " BY4 "deed.pl)."},
    {"pt-BR, 4.0: no pt-br title, so pt", "pt-BR", "Mapa", "Ana", NULL, CC_BY,
     "4.0", "", false, "pt",
     "“Mapa” de Ana está disponível sob a licença <a rel=\"license\" "
     "href=\"" BY4 "deed.pt\">Creative Commons Atribuição 4.0 Internacional "
     "(CC BY 4.0)</a>.",
     "“Mapa” de Ana está disponível sob a licença Creative Commons Atribuição "
     "4.0 Internacional (CC BY 4.0, " BY4 "deed.pt)."},
    {"pt-BR, 3.0: the pt-br title", "pt-BR", "Mapa", NULL, NULL, CC_BY, "3.0",
     "", false, "pt-br",
     "“Mapa” está disponível sob a licença <a rel=\"license\" href=\"https://"
     "creativecommons.org/licenses/by/3.0/deed.pt\">Creative Commons "
     "Atribuição 3.0 Unported (CC BY 3.0)</a>.",
     "“Mapa” está disponível sob a licença Creative Commons Atribuição 3.0 "
     "Unported (CC BY 3.0, https://creativecommons.org/licenses/by/3.0/"
     "deed.pt)."},
    {"CC0, nl", "nl", "Foto", "Piet", NULL, CC_ZERO, "1.0", "", false, "nl",
     "“Foto” van Piet is vrijgegeven in het publieke domein met <a "
     "rel=\"license\" href=\"https://creativecommons.org/publicdomain/zero/"
     "1.0/deed.nl\">CC0 1.0 Universeel</a>.",
     "“Foto” van Piet is vrijgegeven in het publieke domein met CC0 1.0 "
     "Universeel (https://creativecommons.org/publicdomain/zero/1.0/"
     "deed.nl)."},
    {"CC0, en, no title", "en", NULL, "Piet", NULL, CC_ZERO, "1.0", "", true,
     "en",
     "This work by Piet is dedicated to the public domain with <a "
     "rel=\"license\" href=\"https://creativecommons.org/publicdomain/zero/"
     "1.0/\">CC0 1.0 Universal</a>. Changes were made.",
     "This work by Piet is dedicated to the public domain with CC0 1.0 "
     "Universal (https://creativecommons.org/publicdomain/zero/1.0/). "
     "Changes were made."},
    {"PDM, fr", "fr", "Carte", NULL, NULL, CC_PDM, "1.0", "", false, "fr",
     "«" NBSP "Carte" NBSP "» porte la <a rel=\"license\" href=\"https://"
     "creativecommons.org/publicdomain/mark/1.0/deed.fr\">marque du domaine "
     "public 1.0</a>.",
     "«" NBSP "Carte" NBSP "» porte la marque du domaine public 1.0 "
     "(https://creativecommons.org/publicdomain/mark/1.0/deed.fr)."},
    {"PDM, nl: no Dutch title, all English", "nl", "Kaart", "Piet", NULL,
     CC_PDM, "1.0", "", true, "en",
     "“Kaart” by Piet is marked with <a rel=\"license\" href=\"https://"
     "creativecommons.org/publicdomain/mark/1.0/\">Public Domain Mark "
     "1.0</a>. Changes were made.",
     "“Kaart” by Piet is marked with Public Domain Mark 1.0 (https://"
     "creativecommons.org/publicdomain/mark/1.0/). Changes were made."},
    {"unknown language", "tlh", "T", "A", NULL, CC_BY, "4.0", "", false, "en",
     "“T” by A is licensed under <a rel=\"license\" href=\"" BY4 "\">Creative "
     "Commons Attribution 4.0 International (CC BY 4.0)</a>.",
     "“T” by A is licensed under Creative Commons Attribution 4.0 "
     "International (CC BY 4.0, " BY4 ")."},
    {"language with titles but no templates (fi)", "fi", "T", NULL, NULL, CC_BY,
     "4.0", "", false, "en",
     "“T” is licensed under <a rel=\"license\" href=\"" BY4 "\">Creative "
     "Commons Attribution 4.0 International (CC BY 4.0)</a>.",
     "“T” is licensed under Creative Commons Attribution 4.0 International "
     "(CC BY 4.0, " BY4 ")."},
    {"NULL language", NULL, NULL, NULL, NULL, CC_BY, "4.0", "", false, "en",
     "This work is licensed under <a rel=\"license\" href=\"" BY4
     "\">Creative Commons Attribution 4.0 International (CC BY 4.0)</a>.",
     "This work is licensed under Creative Commons Attribution 4.0 "
     "International (CC BY 4.0, " BY4 ")."},
    {"garbage language tag", "<nl>", NULL, NULL, NULL, CC_BY, "4.0", "", false,
     "en",
     "This work is licensed under <a rel=\"license\" href=\"" BY4
     "\">Creative Commons Attribution 4.0 International (CC BY 4.0)</a>.",
     "This work is licensed under Creative Commons Attribution 4.0 "
     "International (CC BY 4.0, " BY4 ")."},
    {"port without any title (3.0/am): short form", "nl", "T", NULL, NULL,
     CC_BY, "3.0", "am", false, "en",
     "“T” is licensed under <a rel=\"license\" href=\"https://"
     "creativecommons.org/licenses/by/3.0/am/\">CC BY 3.0 AM</a>.",
     "“T” is licensed under CC BY 3.0 AM (https://creativecommons.org/"
     "licenses/by/3.0/am/)."},
    {"escaping: script in title, quotes, ampersands", "en",
     "<script>alert(\"x\")</script> & 'q'", "A \"B\" <b>",
     "https://ex.org/a?b=1&c=\"x\"", CC_BY, "4.0", "", false, "en",
     "<a href=\"https://ex.org/a?b=1&amp;c=&quot;x&quot;\">“&lt;script&gt;"
     "alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;”</a> by A "
     "&quot;B&quot; &lt;b&gt; is licensed under <a rel=\"license\" href=\"" BY4
     "\">Creative Commons Attribution 4.0 International (CC BY 4.0)</a>.",
     "“<script>alert(\"x\")</script> & 'q'” (https://ex.org/a?b=1&c=\"x\") "
     "by A \"B\" <b> is licensed under Creative Commons Attribution 4.0 "
     "International (CC BY 4.0, " BY4 ")."},
    {"javascript: source is not linked; whitespace collapsed", "en",
     "  Two\n\tlines  ", "A\r\nB", "javascript:alert(1)", CC_BY, "4.0", "",
     false, "en",
     "“Two lines” by A B is licensed under <a rel=\"license\" href=\"" BY4
     "\">Creative Commons Attribution 4.0 International (CC BY 4.0)</a>.",
     "“Two lines” by A B is licensed under Creative Commons Attribution 4.0 "
     "International (CC BY 4.0, " BY4 ")."},
};

static void
test_cases(const struct notices *n)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct lic_case *c = &cases[i];
        struct notice_input in = {
            c->lang,   c->title, c->creator, c->source, {c->family, "", ""},
            c->changed};
        char *html = NULL, *text = NULL, name[160];
        const char *lang = NULL;

        snprintf(in.lic.version, sizeof in.lic.version, "%s", c->version);
        snprintf(in.lic.port, sizeof in.lic.port, "%s", c->port);
        ok(notice_suggest(n, &in, &html, &text, &lang), "%s: suggested",
           c->name);
        snprintf(name, sizeof name, "%s: html", c->name);
        is_str(html, c->want_html, name);
        snprintf(name, sizeof name, "%s: text", c->name);
        is_str(text, c->want_text, name);
        snprintf(name, sizeof name, "%s: language", c->name);
        is_str(lang, c->want_lang, name);
        free(html);
        free(text);
    }
}

/* Licences that cannot be named give false and NULL outputs. */
static void
test_unnameable(const struct notices *n)
{
    static const struct cc_license lics[] = {
        {CC_NONE, "4.0", ""},
        {CC_UNSPECIFIED, "", ""},
        {CC_RETIRED, "1.0", ""},
        {CC_BY, "", ""},
    };

    for (size_t i = 0; i < sizeof lics / sizeof lics[0]; i++) {
        struct notice_input in = {"nl", "T", "A", NULL, lics[i], false};
        char *html = (char *)&in, *text = (char *)&in;
        const char *lang = "x";

        ok(!notice_suggest(n, &in, &html, &text, &lang) && html == NULL &&
               text == NULL && lang == NULL,
           "unnameable licence %zu: false, outputs NULL", i);
    }
    {
        char *html, *text;
        const char *lang;

        ok(!notice_suggest(NULL, NULL, &html, &text, &lang) && html == NULL,
           "NULL notices: false");
    }
}

/* A minimal complete English template set, 13 lines. */
static const char en_templates[] =
    "en\tlicensed.title-author\t[{title}] by {author}: {license}.\n"
    "en\tlicensed.title\t[{title}]: {license}.\n"
    "en\tlicensed.author\t[Work] by {author}: {license}.\n"
    "en\tlicensed.bare\t[Work]: {license}.\n"
    "en\tzero.title-author\t[{title}] by {author}: {license}.\n"
    "en\tzero.title\t[{title}]: {license}.\n"
    "en\tzero.author\t[Work] by {author}: {license}.\n"
    "en\tzero.bare\t[Work]: {license}.\n"
    "en\tmark.title-author\t[{title}] by {author}: {license}.\n"
    "en\tmark.title\t[{title}]: {license}.\n"
    "en\tmark.author\t[Work] by {author}: {license}.\n"
    "en\tmark.bare\t[Work]: {license}.\n"
    "en\tchanges\tChanged.\n";

static const char good_titles[] =
    "# comment\n"
    "en\tby\t4.0\t\tAttribution 4.0 International\n";

static const struct {
    const char *templates, *titles; /* appended to the good data */
    const char *want, *name;
} bad[] = {
    {"en\tchanges\n", "", "templates.tsv:14: expected 3 tab-separated fields",
     "two fields"},
    {"en\tchanges\tx\ty\n", "", "templates.tsv:14: expected 3", "four fields"},
    {"EN\tchanges\tx\n", "", "templates.tsv:14: bad language tag \"EN\"",
     "upper-case tag"},
    {"en\tlicensed.who\tx\n", "", "templates.tsv:14: unknown key",
     "unknown key"},
    {"de\tlicensed.bare\t[Werk] {foo} {license}.\n", "",
     "templates.tsv:14: licensed.bare: unknown placeholder", "unknown {foo}"},
    {"de\tlicensed.bare\tDieses Werk.\n", "",
     "templates.tsv:14: licensed.bare: needs {license} once", "no {license}"},
    {"de\tlicensed.bare\t{title} {license}\n", "",
     "templates.tsv:14: licensed.bare: must not use {title}",
     "{title} in a bare variant"},
    {"de\tlicensed.title\t[x] {license}\n", "",
     "templates.tsv:14: licensed.title: needs {title} once",
     "no {title} in a title variant"},
    {"de\tlicensed.bare\t[a] [b] {license}\n", "",
     "templates.tsv:14: licensed.bare: more than one [ ] span", "two spans"},
    {"de\tlicensed.bare\t[a {license}\n", "",
     "templates.tsv:14: licensed.bare: \"[\" without \"]\"", "open span"},
    {"de\tlicensed.bare\t<b>x</b> {license}\n", "",
     "templates.tsv:14: licensed.bare: HTML special character", "HTML tag"},
    {"de\tchanges\tText {title}\n", "",
     "templates.tsv:14: changes: the changes note takes no", "changes {title}"},
    {"de\tchanges\t\xff\n", "", "templates.tsv:14: changes: not UTF-8",
     "bad UTF-8"},
    {"en\tchanges\tAgain.\n", "",
     "templates.tsv:14: duplicate changes for \"en\"", "duplicate key"},
    {"\n# c\nde\tchanges\tText bearbeitet.\n", "",
     "templates.tsv:16: language \"de\" lacks licensed.title-author",
     "incomplete language"},
    {"", "en\tsa\t1.0\t\tShareAlike 1.0\n",
     "titles.tsv:3: unknown licence code \"sa\"", "retired code"},
    {"", "en\tby\t4.0\n", "titles.tsv:3: expected 5 tab-separated fields",
     "three fields"},
    {"", "en\tby\t4\t\tAttribution\n", "titles.tsv:3: bad version or port",
     "bad version"},
    {"", "en\tby\t3.0\tNL\tAttribution\n", "titles.tsv:3: bad version or port",
     "upper-case port"},
    {"", "en\tby\t3.0\tnl\t\n", "titles.tsv:3: empty or non-UTF-8 title",
     "empty title"},
    {"", "\nen\tby\t4.0\t\tAttribution 4.0\n",
     "titles.tsv:4: duplicate title for en by 4.0 \"\"", "duplicate title"},
    {"", "e\tby\t4.0\t\tA\n", "titles.tsv:3: bad language tag \"e\"",
     "short tag"},
};

/* Writes A then B to DIR/NAME. */
static void
write_file(const char *dir, const char *name, const char *a, const char *b)
{
    char *text = xasprintf("%s%s", a, b);

    free(tu_write_file(dir, name, text, strlen(text)));
    free(text);
}

static enum ac_status
load_pair(const char *dir, const char *templates, const char *titles,
          struct ac_err *err)
{
    struct notices *n = (struct notices *)&n;
    enum ac_status rc;

    write_file(dir, "templates.tsv", en_templates, templates);
    write_file(dir, "titles.tsv", good_titles, titles);
    rc = notices_load(dir, &n, err);
    if (rc != AC_OK && n != NULL)
        rc = AC_E_INTERNAL; /* *OUT must be NULL on error */
    notices_free(n);
    return rc;
}

static void
test_bad_data(void)
{
    const char *dir = tu_tmpdir("test_notice");
    char *path;
    struct ac_err err;

    ok(load_pair(dir, "", "", &err) == AC_OK, "the minimal data loads");
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        enum ac_status rc;

        ac_err_clear(&err);
        rc = load_pair(dir, bad[i].templates, bad[i].titles, &err);
        ok(rc == AC_E_DATA && strstr(err.msg, dir) == err.msg &&
               strstr(err.msg, bad[i].want) != NULL,
           "bad data: %s", bad[i].name);
        if (rc != AC_E_DATA || strstr(err.msg, bad[i].want) == NULL)
            printf("#   rc %d, msg: %s\n", (int)rc, err.msg);
    }
    path = xasprintf("%s/templates.tsv", dir);
    write_file(dir, "templates.tsv", "# only a comment\n", "");
    ok(notices_load(dir, &(struct notices *){NULL}, &err) == AC_E_DATA &&
           strstr(err.msg, "templates.tsv: no \"en\" templates") != NULL,
       "no English templates");
    unlink(path);
    ok(notices_load(dir, &(struct notices *){NULL}, &err) == AC_E_IO &&
           strstr(err.msg, "templates.tsv: No such file") != NULL,
       "missing templates.tsv");
    write_file(dir, "templates.tsv", en_templates, "");
    free(path);
    path = xasprintf("%s/titles.tsv", dir);
    unlink(path);
    ok(notices_load(dir, &(struct notices *){NULL}, &err) == AC_E_IO &&
           strstr(err.msg, "titles.tsv: No such file") != NULL,
       "missing titles.tsv");
    free(path);
}

int
main(void)
{
    struct notices *n = NULL;
    struct ac_err err;

    ac_err_clear(&err);
    if (!ok(notices_load(NOTICES_DIR, &n, &err) == AC_OK,
            "load " NOTICES_DIR)) {
        printf("#   %s\n", err.msg);
        return tap_done();
    }
    test_cases(n);
    test_unnameable(n);
    notices_free(n);
    notices_free(NULL);
    test_bad_data();
    return tap_done();
}
