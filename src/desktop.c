/* SPDX-License-Identifier: MIT */
/*
 * desktop: --open (see desktop.h).  It never opens anything in CI or
 * without a terminal, so a script or a build job cannot start a browser.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "desktop.h"

extern char **environ;

static bool
set(const char *name)
{
    const char *v = getenv(name);

    return v != NULL && *v != '\0';
}

enum ac_status
desktop_open(const char *path, struct ac_err *err)
{
    char prog[] = "xdg-open";
    char *argv[] = {prog, (char *)(uintptr_t)path, NULL};
    posix_spawn_file_actions_t fa;
    pid_t pid;
    int rc, status;

    if (set("CI"))
        return ac_err_set(err, AC_E_USAGE, "CI is set");
    if (!isatty(STDOUT_FILENO))
        return ac_err_set(err, AC_E_USAGE, "standard output is not a terminal");
    if (!set("DISPLAY") && !set("WAYLAND_DISPLAY"))
        return ac_err_set(err, AC_E_IO, "no desktop (DISPLAY is not set)");
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY,
                                     0);
    rc = posix_spawnp(&pid, "xdg-open", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0)
        return ac_err_set(err, AC_E_IO, "xdg-open: %s", strerror(rc));
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return ac_err_set(err, AC_E_IO, "xdg-open: %s", strerror(errno));
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return ac_err_set(err, AC_E_IO, "xdg-open failed on %s", path);
    return AC_OK;
}
