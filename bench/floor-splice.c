/* floor-splice.c -- the relay floor: run COMMAND with its standard
   output on a pipe and move what it writes to our standard output with
   blocking splice (), and nothing else: no poll, no timer, default pipe
   sizes.  What --idle-timeout's relay does on top is measured against
   this.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   Usage: floor-splice COMMAND [ARG]...  (standard output: a pipe)  */

#define _GNU_SOURCE 1
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int
main (int argc, char **argv)
{
  int fds[2];
  posix_spawn_file_actions_t actions;
  pid_t pid;
  if (argc < 2 || pipe2 (fds, O_CLOEXEC) != 0
      || posix_spawn_file_actions_init (&actions) != 0
      || posix_spawn_file_actions_adddup2 (&actions, fds[1], 1) != 0
      || posix_spawnp (&pid, argv[1], &actions, NULL, argv + 1,
                       environ) != 0)
    {
      fputs ("floor-splice: cannot start COMMAND\n", stderr);
      return 127;
    }
  close (fds[1]);
  ssize_t n;
  while ((n = splice (fds[0], NULL, STDOUT_FILENO, NULL, 1 << 16,
                      SPLICE_F_MOVE)) > 0)
    continue;
  if (n < 0)
    perror ("floor-splice: splice");
  int status;
  if (waitpid (pid, &status, 0) < 0)
    return 125;
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
}
