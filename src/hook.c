/* hook.c -- the pre-stop hook.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   Before the first signal of a termination, --pre-stop=COMMAND runs
   "/bin/sh -c COMMAND" in a process group of its own, its output going
   to our standard error, with GRACEFUL_TIMEOUT_PID (the supervised
   command's pid), GRACEFUL_TIMEOUT_PGID (its process group), with
   --tree GRACEFUL_TIMEOUT_PIDS (every living pid of the tree, the
   command's first, separated by spaces) and GRACEFUL_TIMEOUT_REASON
   (deadline, idle or signal:NAME) in its environment.  Its failure is
   reported and changes nothing else.  */

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

/* How many variables the hook is given.  */
enum { HOOK_VARS = 4 };

/* Whether the environment entry ENTRY sets one of the NVARS variables
   VARS ("NAME=VALUE", or "NAME" for one to unset).  */
static bool
sets_one_of (char const *entry, char *const *vars, size_t nvars)
{
  for (size_t i = 0; i < nvars; i++)
    {
      size_t name_len = strcspn (vars[i], "=");
      if (strncmp (entry, vars[i], name_len) == 0 && entry[name_len] == '=')
        return true;
    }
  return false;
}

/* A copy of the environment ENV with the NVARS entries VARS,
   "NAME=VALUE", in place of any NAME=... it has; a VARS entry "NAME"
   only removes NAME.  The strings are shared, not copied.  */
static char **
environ_with (char **env, char *const *vars, size_t nvars)
{
  size_t n = 0;
  while (env[n])
    n++;
  char **copy = xnmalloc (n + nvars + 1, sizeof *copy);
  size_t j = 0;
  for (size_t i = 0; i < n; i++)
    if (!sets_one_of (env[i], vars, nvars))
      copy[j++] = env[i];
  for (size_t i = 0; i < nvars; i++)
    if (strchr (vars[i], '='))
      copy[j++] = vars[i];
  copy[j] = NULL;
  return copy;
}

/* "GRACEFUL_TIMEOUT_PIDS=" and WHO's pids, its command's first, in a
   new string.  */
static char *
pids_var (struct hook_subject const *who)
{
  size_t size = sizeof "GRACEFUL_TIMEOUT_PIDS=" + (who->npids + 1) * 21;
  char *var = xmalloc (size);
  int len = snprintf (var, size, "GRACEFUL_TIMEOUT_PIDS=%ld",
                      (long) who->pid);
  for (size_t i = 0; i < who->npids; i++)
    if (who->pids[i] != who->pid)
      len += snprintf (var + len, size - len, " %ld", (long) who->pids[i]);
  return var;
}

/* Start the hook COMMAND for the processes WHO, ended for REASON.
   Return its pid, or -1 if it could not be started (which is
   reported).  */
pid_t
hook_start (struct spawn_origin const *origin, char const *command,
            struct hook_subject const *who, char const *reason)
{
  char *vars[HOOK_VARS] = {
    xasprintf ("GRACEFUL_TIMEOUT_PID=%ld", (long) who->pid),
    xasprintf ("GRACEFUL_TIMEOUT_PGID=%ld", (long) who->pgid),
    xasprintf ("GRACEFUL_TIMEOUT_REASON=%s", reason),
    /* Without --tree, not even one our caller set.  */
    who->pids ? pids_var (who) : xstrdup ("GRACEFUL_TIMEOUT_PIDS")
  };
  char **env = environ_with (environ, vars, HOOK_VARS);

  char *argv[] = { (char *) "sh", (char *) "-c", (char *) command, NULL };
  struct spawn_req req = {
    .file = "/bin/sh", .argv = argv, .envp = env, .new_group = true,
    .out_fd = STDERR_FILENO, .err_fd = -1, .deathsig = SIGKILL,
    /* COMMAND's input is not the hook's to take.  */
    .null_stdin = true
  };
  int exec_errno;
  pid_t pid = spawn_process (origin, &req, &exec_errno);
  if (pid < 0 || exec_errno)
    diag (pid < 0 ? errno : exec_errno, _("cannot run the pre-stop hook"));

  free (env);
  for (size_t i = 0; i < HOOK_VARS; i++)
    free (vars[i]);
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
