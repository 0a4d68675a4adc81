/* spawn.h -- start a child process the way graceful-timeout needs.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later  */

#ifndef GT_SPAWN_H
#define GT_SPAWN_H

#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>

/* What every child restores before exec: the state graceful-timeout
   started with.  */
struct spawn_origin
{
  sigset_t mask;
  sigset_t handled;             /* Have our handler: back to SIG_DFL.  */
  struct sigaction ttin;
  struct sigaction ttou;
};

/* One process to start.  */
struct spawn_req
{
  char const *file;             /* Searched in PATH unless ENVP is set.  */
  char *const *argv;
  char *const *envp;            /* NULL: our environment.  */
  bool new_group;               /* Lead a process group of its own.  */
  int out_fd;                   /* Becomes fd 1, unless -1.  */
  int err_fd;                   /* Becomes fd 2, unless -1.  */
  int deathsig;                 /* Sent to it if we die; 0 for none.  */
  bool null_stdin;              /* Standard input is /dev/null.  */
};

/* spawn_process's answer when the pipe for exec errors cannot be made
   (-1 is for a failed fork).  */
enum { SPAWN_NO_PIPE = -2 };

void spawn_hold_closed_std (bool closed[3]);

pid_t spawn_process (struct spawn_origin const *origin,
                     struct spawn_req const *req, int *exec_errno);

#endif /* GT_SPAWN_H */
