/* hook.c -- the pre-stop hook.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   Before the first signal of a termination, --pre-stop=COMMAND runs
   "/bin/sh -c COMMAND" in a process group of its own, its output going
   to our standard error, with GRACEFUL_TIMEOUT_PID (the supervised
   command's pid) and GRACEFUL_TIMEOUT_REASON (deadline, idle or
   signal:NAME) in its environment.  Its failure is reported and changes
   nothing else.  */

#include "system.h"
#include "hook.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diag.h"
#include "signals.h"
#include "xalloc.h"
#include "xvasprintf.h"

extern char **environ;

/* A copy of the environment ENV with ENTRY, "NAME=VALUE", in place of
   any NAME=... it has.  The strings are shared, not copied.  */
static char **
environ_with (char **env, char *entry)
{
  size_t n = 0;
  while (env[n])
    n++;
  char **copy = xnmalloc (n + 2, sizeof *copy);
  size_t name_len = strchr (entry, '=') - entry + 1;
  size_t j = 0;
  for (size_t i = 0; i < n; i++)
    if (strncmp (env[i], entry, name_len) != 0)
      copy[j++] = env[i];
  copy[j++] = entry;
  copy[j] = NULL;
  return copy;
}

/* Start the hook COMMAND for the supervised process COMMAND_PID, ended
   for REASON.  Return its pid, or -1 if it could not be started (which
   is reported).  */
pid_t
hook_start (struct spawn_origin const *origin, char const *command,
            pid_t command_pid, char const *reason)
{
  char *pid_var = xasprintf ("GRACEFUL_TIMEOUT_PID=%ld", (long) command_pid);
  char *reason_var = xasprintf ("GRACEFUL_TIMEOUT_REASON=%s", reason);
  char **env1 = environ_with (environ, pid_var);
  char **env2 = environ_with (env1, reason_var);

  char *argv[] = { (char *) "sh", (char *) "-c", (char *) command, NULL };
  struct spawn_req req = {
    .file = "/bin/sh", .argv = argv, .envp = env2, .new_group = true,
    .out_fd = STDERR_FILENO, .err_fd = -1, .deathsig = SIGKILL,
    /* COMMAND's input is not the hook's to take.  */
    .null_stdin = true
  };
  int exec_errno;
  pid_t pid = spawn_process (origin, &req, &exec_errno);
  if (pid < 0 || exec_errno)
    diag (pid < 0 ? errno : exec_errno, _("cannot run the pre-stop hook"));

  free (env2);
  free (env1);
  free (reason_var);
  free (pid_var);
  return pid;
}

/* Report the end of the hook, whose wait status is STATUS, if it
   failed.  */
void
hook_report_end (int status)
{
  if (WIFEXITED (status) && WEXITSTATUS (status) != 0)
    diag (0, _("the pre-stop hook exited with status %d"),
          WEXITSTATUS (status));
  else if (WIFSIGNALED (status))
    {
      char name[SIG_NAME_MAX];
      diag (0, _("the pre-stop hook died of signal %s"),
            sig_name (WTERMSIG (status), name));
    }
}

/* The hook HOOK, not yet reaped, has run out of time: kill its whole
   process group, and say so.  */
void
hook_kill (pid_t hook)
{
  diag (0, _("the pre-stop hook ran out of time; killing it"));
  kill (-hook, SIGKILL);
}
