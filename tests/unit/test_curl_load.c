/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for curl_load: libcurl is not loaded before the first call,
 * is after it, and the variadic setters pass each kind of argument (long,
 * pointer, function pointer, curl_off_t) through unchanged.  A file://
 * transfer of a temporary file shows the options took effect; the
 * engine never follows file:// links, but libcurl itself reads them.
 */
#include "config.h"

#include <curl/curl.h>
#include <dlfcn.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "testutil.h"
#include "xalloc.h"

static bool
curl_is_loaded(void)
{
    void *lib = dlopen(CURL_SONAME, RTLD_NOW | RTLD_NOLOAD);

    if (lib == NULL)
        return false;
    dlclose(lib); /* RTLD_NOLOAD took a reference */
    return true;
}

static size_t
count_bytes(char *data, size_t size, size_t n, void *userdata)
{
    (void)data;
    *(size_t *)userdata += size * n;
    return size * n;
}

/* Runs EASY to its end on a multi handle; its result code. */
static CURLcode
run(CURL *easy)
{
    CURLM *multi = curl_multi_init();
    CURLcode rc = CURLE_FAILED_INIT;
    CURLMsg *msg;
    int running = 1, left;

    curl_multi_add_handle(multi, easy);
    while (running > 0 && curl_multi_perform(multi, &running) == CURLM_OK &&
           running > 0)
        curl_multi_poll(multi, NULL, 0, 1000, NULL);
    while ((msg = curl_multi_info_read(multi, &left)) != NULL)
        if (msg->msg == CURLMSG_DONE)
            rc = msg->data.result;
    curl_multi_remove_handle(multi, easy);
    curl_multi_cleanup(multi);
    return rc;
}

/* A transfer of URL from byte FROM on (a curl_off_t option); the bytes
 * written in *GOT, the size libcurl counted in *SIZE. */
static CURLcode
fetch_from(const char *url, curl_off_t from, long nobody, size_t *got,
           curl_off_t *size)
{
    CURL *easy = curl_easy_init();
    CURLcode rc;

    *got = 0;
    *size = -1;
    curl_easy_setopt(easy, CURLOPT_URL, url);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, count_bytes);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, got);
    curl_easy_setopt(easy, CURLOPT_RESUME_FROM_LARGE, from);
    curl_easy_setopt(easy, CURLOPT_NOBODY, nobody);
    rc = run(easy);
    curl_easy_getinfo(easy, CURLINFO_SIZE_DOWNLOAD_T, size);
    curl_easy_cleanup(easy);
    return rc;
}

int
main(void)
{
    const char *dir = tu_tmpdir("curl_load");
    char body[100];
    char *path, *url, *part = NULL;
    size_t got;
    curl_off_t size;
    CURLU *u, *dup;

    memset(body, 'x', sizeof body);
    path = tu_write_file(dir, "body.txt", body, sizeof body);
    url = xasprintf("file://%s", path);

    curl_free(NULL);
    curl_slist_free_all(NULL);
    ok(!curl_is_loaded(), "not loaded at start, nor by freeing nothing");
    ok(curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK, "curl_global_init");
    ok(curl_is_loaded(), "loaded by the first call");

    ok(fetch_from(url, 0, 0L, &got, &size) == CURLE_OK && got == 100 &&
           size == 100,
       "a transfer: pointer, function pointer, long and off_t options");
    ok(fetch_from(url, 90, 0L, &got, &size) == CURLE_OK && got == 10 &&
           size == 10,
       "a curl_off_t option passed whole: the last 10 bytes");
    ok(fetch_from(url, 0, 1L, &got, &size) == CURLE_OK && got == 0,
       "a long option passed whole: no body");
    {
        struct curl_slist *l = curl_slist_append(NULL, "Accept: text/html");

        ok(l != NULL && strcmp(l->data, "Accept: text/html") == 0,
           "curl_slist_append");
        curl_slist_free_all(l);
    }
    ok(strcmp(curl_easy_strerror(CURLE_FILESIZE_EXCEEDED),
              "Maximum file size exceeded") == 0,
       "curl_easy_strerror");

    u = curl_url();
    ok(curl_url_set(u, CURLUPART_URL, "HTTP://Example.ORG:80/a/../b?q", 0) ==
           CURLUE_OK,
       "curl_url_set");
    dup = curl_url_dup(u);
    ok(curl_url_get(dup, CURLUPART_PATH, &part, 0) == CURLUE_OK &&
           strcmp(part, "/b") == 0,
       "curl_url_dup and curl_url_get: the path, normalised");
    curl_free(part);
    curl_url_cleanup(dup);
    curl_url_cleanup(u);
    ok(curl_getdate("Sun, 06 Nov 1994 08:49:37 GMT", NULL) == 784111777,
       "curl_getdate");
    ok(curl_version_info(CURLVERSION_NOW)->version_num >= 0x074400,
       "curl_version_info: libcurl 7.68 or later");

    curl_global_cleanup();
    free(url);
    free(path);
    return tap_done();
}
