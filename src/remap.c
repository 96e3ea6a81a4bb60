/* SPDX-License-Identifier: MIT */
/*
 * remap: --remap URL rewriting with PCRE2.  This is the second file that
 * includes <pcre2.h> (rules.c is the first): remaps are regexes the user
 * types, compiled once and substituted with pcre2_substitute, and keeping
 * them here keeps rules.c about rule files and fetch.c free of regexes.
 * No I/O; it never decides whether a rewritten URL may be fetched.
 */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "remap.h"
#include "xalloc.h"

struct remap {
    pcre2_code *re;
    char *replacement;
};

struct remap_list {
    struct remap *v;
    size_t len, cap;
};

struct remap_list *
remap_list_new(void)
{
    return xcalloc(1, sizeof(struct remap_list));
}

static pcre2_code *
compile(const char *pat, size_t len, struct ac_err *err)
{
    int code;
    PCRE2_SIZE off;
    PCRE2_UCHAR msg[128];
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, len, 0, &code, &off, NULL);

    if (re == NULL) {
        pcre2_get_error_message(code, msg, sizeof(msg));
        ac_err_set(err, AC_E_USAGE, "--remap: regex \"%.*s\": %s at offset %zu",
                   (int)(len > 80 ? 80 : len), pat, (const char *)msg,
                   (size_t)off);
        return NULL;
    }
    /* JIT when available; the interpreter is fine for a handful */
    (void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
    return re;
}

enum ac_status
remap_list_add(struct remap_list *list, const char *spec, struct ac_err *err)
{
    size_t plen = strcspn(spec, " \t");
    const char *repl = spec + plen + strspn(spec + plen, " \t");
    pcre2_code *re;

    if (plen == 0 || *repl == '\0')
        return ac_err_set(err, AC_E_USAGE,
                          "--remap: \"%s\": expected 'REGEX REPLACEMENT'",
                          spec);
    re = compile(spec, plen, err);
    if (re == NULL)
        return AC_E_USAGE;
    if (list->len == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 4;
        list->v = xreallocarray(list->v, list->cap, sizeof(*list->v));
    }
    list->v[list->len].re = re;
    list->v[list->len].replacement = xstrdup(repl);
    list->len++;
    return AC_OK;
}

size_t
remap_list_len(const struct remap_list *list)
{
    return list == NULL ? 0 : list->len;
}

/* Runs one substitution into a buffer that grows once if too small.
 * Returns the pcre2_substitute result (0 for no match, < 0 for errors). */
static int
substitute(const struct remap *m, const char *url, pcre2_match_data *md,
           char **out)
{
    uint32_t opts =
        PCRE2_SUBSTITUTE_OVERFLOW_LENGTH | PCRE2_SUBSTITUTE_UNSET_EMPTY;
    PCRE2_SIZE cap = strlen(url) * 2 + 64, len;
    char *buf = NULL;
    int rc;

    for (int round = 0; round < 2; round++) {
        buf = xrealloc(buf, cap);
        len = cap;
        rc = pcre2_substitute(m->re, (PCRE2_SPTR)url, PCRE2_ZERO_TERMINATED, 0,
                              opts, md, NULL, (PCRE2_SPTR)m->replacement,
                              PCRE2_ZERO_TERMINATED, (PCRE2_UCHAR *)buf, &len);
        if (rc != PCRE2_ERROR_NOMEMORY)
            break;
        cap = len + 1; /* the length needed, reported by OVERFLOW_LENGTH */
    }
    if (rc > 0)
        *out = buf;
    else
        free(buf);
    return rc;
}

enum ac_status
remap_apply(const struct remap_list *list, const char *url, char **out,
            struct ac_err *err)
{
    enum ac_status st = AC_OK;

    *out = NULL;
    for (size_t i = 0; list != NULL && i < list->len; i++) {
        pcre2_match_data *md =
            pcre2_match_data_create_from_pattern(list->v[i].re, NULL);
        int rc = substitute(&list->v[i], url, md, out);
        pcre2_match_data_free(md);
        if (rc > 0)
            break;
        if (rc < 0 && rc != PCRE2_ERROR_NOMATCH) {
            PCRE2_UCHAR msg[128];
            pcre2_get_error_message(rc, msg, sizeof(msg));
            st = ac_err_set(err, AC_E_DATA, "--remap \"%s\": %s",
                            list->v[i].replacement, (const char *)msg);
            break;
        }
    }
    return st;
}

void
remap_list_free(struct remap_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->len; i++) {
        pcre2_code_free(list->v[i].re);
        free(list->v[i].replacement);
    }
    free(list->v);
    free(list);
}
