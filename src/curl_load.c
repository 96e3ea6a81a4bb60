/* SPDX-License-Identifier: MIT */
/*
 * curl_load: libcurl, loaded at its first use instead of at every start.
 *
 * libcurl brings 25 shared libraries with it (OpenSSL, GnuTLS, Kerberos,
 * LDAP, SSH, ...), and the dynamic loader resolving their symbols was
 * 13 ms of a 24 ms start on this project's machine: more than everything
 * an --offline check of a small page does.  A CI hook or a folder scan
 * never touches the network, so the binary is not linked against libcurl;
 * this file defines the libcurl functions attrcheck calls, and the first
 * call of any of them dlopen()s the library (CURL_SONAME, found by
 * configure) and calls through to it.  The rest of the code calls libcurl
 * as usual, through <curl/curl.h>.
 *
 * A libcurl that cannot be loaded is an installation error: it is said
 * once, and the run exits with status 2, as for a bad configuration.
 */
#include "config.h"

/* The variadic setters are defined here, not type-checked macros. */
#define CURL_DISABLE_TYPECHECK 1

#include <curl/curl.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One entry per function attrcheck uses (X: name, return type, params). */
#define CURL_API(X)                                                            \
    X(global_init, CURLcode, (long))                                           \
    X(global_cleanup, void, (void))                                            \
    X(free, void, (void *))                                                    \
    X(getdate, time_t, (const char *, const time_t *))                         \
    X(version_info, curl_version_info_data *, (CURLversion))                   \
    X(easy_init, CURL *, (void))                                               \
    X(easy_setopt, CURLcode, (CURL *, CURLoption, ...))                        \
    X(easy_getinfo, CURLcode, (CURL *, CURLINFO, ...))                         \
    X(easy_reset, void, (CURL *))                                              \
    X(easy_cleanup, void, (CURL *))                                            \
    X(easy_strerror, const char *, (CURLcode))                                 \
    X(slist_append, struct curl_slist *, (struct curl_slist *, const char *))  \
    X(slist_free_all, void, (struct curl_slist *))                             \
    X(multi_init, CURLM *, (void))                                             \
    X(multi_setopt, CURLMcode, (CURLM *, CURLMoption, ...))                    \
    X(multi_add_handle, CURLMcode, (CURLM *, CURL *))                          \
    X(multi_remove_handle, CURLMcode, (CURLM *, CURL *))                       \
    X(multi_perform, CURLMcode, (CURLM *, int *))                              \
    X(multi_poll, CURLMcode,                                                   \
      (CURLM *, struct curl_waitfd *, unsigned int, int, int *))               \
    X(multi_info_read, CURLMsg *, (CURLM *, int *))                            \
    X(multi_cleanup, CURLMcode, (CURLM *))                                     \
    X(url, CURLU *, (void))                                                    \
    X(url_dup, CURLU *, (CURL_URL_GET_CONST CURLU *))                          \
    X(url_set, CURLUcode, (CURLU *, CURLUPart, const char *, unsigned int))    \
    X(url_get, CURLUcode,                                                      \
      (CURL_URL_GET_CONST CURLU *, CURLUPart, char **, unsigned int))          \
    X(url_cleanup, void, (CURLU *))

#define FIELD(name, ret, params) ret(*name) params;
static struct {
    CURL_API(FIELD)
} api;
#undef FIELD

static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void
load_fail(const char *what)
{
    fprintf(stderr, "attrcheck: cannot load libcurl (%s): %s\n", CURL_SONAME,
            what ? what : "unknown error");
    exit(2);
}

/* Opens libcurl and finds every function of CURL_API.  dlsym() gives an
 * object pointer; POSIX guarantees that it converts to a function pointer,
 * and memcpy says so without a cast that C11 lacks. */
static void
load(void)
{
    void *lib = dlopen(CURL_SONAME, RTLD_NOW | RTLD_LOCAL);

    if (lib == NULL)
        load_fail(dlerror());
#define SYMBOL(name, ret, params)                                              \
    {                                                                          \
        void *sym = dlsym(lib, "curl_" #name);                                 \
        if (sym == NULL)                                                       \
            load_fail("no curl_" #name);                                       \
        memcpy(&api.name, &sym, sizeof sym);                                   \
    }
    CURL_API(SYMBOL)
#undef SYMBOL
}

#define API() (pthread_once(&load_once, load), &api)

CURLcode
curl_global_init(long flags)
{
    return API()->global_init(flags);
}

void
curl_global_cleanup(void)
{
    API()->global_cleanup();
}

void
curl_free(void *p)
{
    if (p != NULL) /* nothing of curl's to free: no need to load it */
        API()->free(p);
}

time_t
curl_getdate(const char *p, const time_t *unused)
{
    return API()->getdate(p, unused);
}

curl_version_info_data *
curl_version_info(CURLversion age)
{
    return API()->version_info(age);
}

CURL *
curl_easy_init(void)
{
    return API()->easy_init();
}

/* The options' numbers say their argument's type (curl.h, CURLOPTTYPE_*),
 * which is how a variadic argument can be passed on. */
#define PASS_OPTION(call, h, option, ap)                                       \
    ((option) < CURLOPTTYPE_OBJECTPOINT ? call(h, option, va_arg(ap, long))    \
     : (option) < CURLOPTTYPE_FUNCTIONPOINT                                    \
         ? call(h, option, va_arg(ap, void *))                                 \
     : (option) < CURLOPTTYPE_OFF_T                                            \
         ? call(h, option, va_arg(ap, void (*)(void)))                         \
     : (option) < CURLOPTTYPE_OFF_T + 10000                                    \
         ? call(h, option, va_arg(ap, curl_off_t))                             \
         : call(h, option, va_arg(ap, void *)))

CURLcode
curl_easy_setopt(CURL *h, CURLoption option, ...)
{
    va_list ap;
    CURLcode rc;

    va_start(ap, option);
    rc = PASS_OPTION(API()->easy_setopt, h, option, ap);
    va_end(ap);
    return rc;
}

/* Every CURLINFO_* takes one pointer. */
CURLcode
curl_easy_getinfo(CURL *h, CURLINFO info, ...)
{
    va_list ap;
    CURLcode rc;

    va_start(ap, info);
    rc = API()->easy_getinfo(h, info, va_arg(ap, void *));
    va_end(ap);
    return rc;
}

void
curl_easy_reset(CURL *h)
{
    API()->easy_reset(h);
}

void
curl_easy_cleanup(CURL *h)
{
    API()->easy_cleanup(h);
}

const char *
curl_easy_strerror(CURLcode code)
{
    return API()->easy_strerror(code);
}

struct curl_slist *
curl_slist_append(struct curl_slist *list, const char *data)
{
    return API()->slist_append(list, data);
}

void
curl_slist_free_all(struct curl_slist *list)
{
    if (list != NULL)
        API()->slist_free_all(list);
}

CURLM *
curl_multi_init(void)
{
    return API()->multi_init();
}

CURLMcode
curl_multi_setopt(CURLM *m, CURLMoption option, ...)
{
    va_list ap;
    CURLMcode rc;

    va_start(ap, option);
    rc = PASS_OPTION(API()->multi_setopt, m, option, ap);
    va_end(ap);
    return rc;
}

CURLMcode
curl_multi_add_handle(CURLM *m, CURL *h)
{
    return API()->multi_add_handle(m, h);
}

CURLMcode
curl_multi_remove_handle(CURLM *m, CURL *h)
{
    return API()->multi_remove_handle(m, h);
}

CURLMcode
curl_multi_perform(CURLM *m, int *running)
{
    return API()->multi_perform(m, running);
}

CURLMcode
curl_multi_poll(CURLM *m, struct curl_waitfd extra_fds[],
                unsigned int extra_nfds, int timeout_ms, int *ret)
{
    return API()->multi_poll(m, extra_fds, extra_nfds, timeout_ms, ret);
}

CURLMsg *
curl_multi_info_read(CURLM *m, int *msgs_in_queue)
{
    return API()->multi_info_read(m, msgs_in_queue);
}

CURLMcode
curl_multi_cleanup(CURLM *m)
{
    return API()->multi_cleanup(m);
}

CURLU *
curl_url(void)
{
    return API()->url();
}

CURLU *
curl_url_dup(CURL_URL_GET_CONST CURLU *in)
{
    return API()->url_dup(in);
}

CURLUcode
curl_url_set(CURLU *u, CURLUPart what, const char *part, unsigned int flags)
{
    return API()->url_set(u, what, part, flags);
}

CURLUcode
curl_url_get(CURL_URL_GET_CONST CURLU *u, CURLUPart what, char **part,
             unsigned int flags)
{
    return API()->url_get(u, what, part, flags);
}

void
curl_url_cleanup(CURLU *u)
{
    if (u != NULL)
        API()->url_cleanup(u);
}
