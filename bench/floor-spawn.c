/* floor-spawn.c -- the start-up floor: spawn COMMAND, wait, exit with
   its status.  Nothing else (no locale, no signals, no timer), built
   static, so that what graceful-timeout adds on top can be measured.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   Usage: floor-spawn COMMAND [ARG]...  */

#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>

extern char **environ;

int
main (int argc, char **argv)
{
  pid_t pid;
  int status;
  if (argc < 2 || posix_spawnp (&pid, argv[1], NULL, NULL, argv + 1,
                                environ) != 0)
    return 127;
  if (waitpid (pid, &status, 0) < 0)
    return 125;
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
}
