/* SPDX-License-Identifier: MIT */
/*
 * fetch_file: reads file:// URLs, which only the user's --remap rules can
 * lead to (a page's links must be http(s)).  Only local regular files are
 * read, at most --max-size bytes, and the bytes must look like HTML.  It
 * does not follow anything or know about hosts.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fetch_int.h"
#include "xalloc.h"

/* Reads at most LIMIT+1 bytes of the open regular file FD into R. */
static int
file_slurp(int fd, struct fetch_req *r, size_t limit)
{
    char buf[16384];
    ssize_t got;

    while ((got = read(fd, buf, sizeof(buf))) != 0) {
        if (got < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        strbuf_add(&r->body, buf, (size_t)got);
        if (r->body.len > limit)
            break;
    }
    return 0;
}

void
fetch_file_read(struct fetch_req *r, size_t max_size)
{
    char *path = fetch_url_file_path(r->url);
    struct stat st;
    int fd = -1, rc;

    if (path == NULL) {
        fetch_result_fail(r->res, FETCH_E_IO, "not a local file URL");
        goto out;
    }
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0 || fstat(fd, &st) != 0) {
        fetch_result_fail(r->res, FETCH_E_IO, "%s: %s", path, strerror(errno));
        goto out;
    }
    if (!S_ISREG(st.st_mode)) {
        fetch_result_fail(r->res, FETCH_E_IO, "not a regular file");
        goto out;
    }
    if ((rc = file_slurp(fd, r, max_size)) != 0) {
        fetch_result_fail(r->res, FETCH_E_IO, "%s: %s", path, strerror(rc));
        goto out;
    }
    r->res->http_status = 200;
    if (r->body.len > max_size)
        fetch_result_fail(r->res, FETCH_E_TOO_LARGE, "larger than %zu bytes",
                          max_size);
    else if (!fetch_result_check_html(
                 r->res, NULL, r->body.buf ? r->body.buf : "", r->body.len))
        r->ctype = xstrdup("text/html");
out:
    if (fd >= 0)
        close(fd);
    free(path);
}
