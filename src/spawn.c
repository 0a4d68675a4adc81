/* spawn.c -- start a child process the way graceful-timeout needs.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   fork, then in the child only async-signal-safe calls: restore the
   signal mask and the TTIN/TTOU dispositions graceful-timeout started
   with, and the default disposition of the signals the event loop
   handles, set up file descriptors and the parent-death signal, exec.  An
   exec failure travels back through a close-on-exec pipe, so the parent
   knows when spawn_process returns whether COMMAND is running.  */

#include "system.h"
#include "spawn.h"

#include <fcntl.h>
#include <unistd.h>
#if HAVE_SYS_PRCTL_H
# include <sys/prctl.h>
#endif
#if HAVE_SYS_PROCCTL_H
# include <sys/procctl.h>
#endif

#include "ignore-value.h"
#include "signals.h"

/* In the child: ask the kernel to send SIG when our parent dies.
   Return whether it will.  */
static bool
request_deathsig (int sig)
{
#if HAVE_PRCTL && HAVE_DECL_PR_SET_PDEATHSIG
  return prctl (PR_SET_PDEATHSIG, sig) == 0;
#elif HAVE_PROCCTL && HAVE_DECL_PROC_PDEATHSIG_CTL
  /* FreeBSD and DragonFly: written from their manual, untested here.  */
  return procctl (P_PID, 0, PROC_PDEATHSIG_CTL, &sig) == 0;
#else
  (void) sig;
  return false;
#endif
}

/* In the child: ask for DEATHSIG when our parent PARENT dies; if it has
   died already, exit as if DEATHSIG had come.  Compare with PARENT's
   pid, not with 1: that is PARENT's own pid when it is PID 1, and not
   what we are reparented to under a subreaper.  */
static void
set_deathsig (int deathsig, pid_t parent)
{
  if (deathsig != 0 && request_deathsig (deathsig) && getppid () != parent)
    _exit (SIGNAL_STATUS (deathsig));
}

/* In the child: become REQ.  Write errno to ERRFD if exec fails.  */
static _Noreturn void
exec_child (struct spawn_origin const *origin, struct spawn_req const *req,
            pid_t parent, int errfd)
{
  if (req->new_group)
    setpgid (0, 0);
  if (req->null_stdin)
    {
      int null = open ("/dev/null", O_RDONLY);
      if (0 < null)
        {
          dup2 (null, STDIN_FILENO);
          close (null);
        }
    }
  if (0 <= req->out_fd && req->out_fd != STDOUT_FILENO)
    dup2 (req->out_fd, STDOUT_FILENO);
  if (0 <= req->err_fd && req->err_fd != STDERR_FILENO)
    dup2 (req->err_fd, STDERR_FILENO);
  sigaction (SIGTTIN, &origin->ttin, NULL);
  sigaction (SIGTTOU, &origin->ttou, NULL);
  /* Before the mask opens: our handler must never run here.  */
  for (int sig = 1; sig <= sig_max (); sig++)
    if (sigismember (&origin->handled, sig) == 1)
      signal (sig, SIG_DFL);
  set_deathsig (req->deathsig, parent);
  sigprocmask (SIG_SETMASK, &origin->mask, NULL);

  if (req->envp)
    execve (req->file, req->argv, req->envp);
  else
    execvp (req->file, req->argv);

  int err = errno;
  ignore_value (write (errfd, &err, sizeof err));
  _exit (err == ENOENT ? EXIT_ENOENT : EXIT_CANNOT_INVOKE);
}

/* Find which of the standard descriptors 0, 1 and 2 are closed, store
   that in CLOSED, and hold each closed one with /dev/null, close-on-exec.
   A descriptor we open later must not take its place: our diagnostics
   would go into a report or a pipe; and COMMAND must find it closed, as
   the caller left it.  Call this before anything opens a file.  */
void
spawn_hold_closed_std (bool closed[3])
{
  for (int fd = 0; fd < 3; fd++)
    {
      closed[fd] = fcntl (fd, F_GETFD) < 0 && errno == EBADF;
      if (closed[fd])
        {
          int null = open ("/dev/null", fd ? O_WRONLY : O_RDONLY);
          if (null == fd)
            fcntl (fd, F_SETFD, FD_CLOEXEC);
          else if (0 <= null)
            close (null);
        }
    }
}

/* Start REQ.  Return its pid; or -1 with errno set if fork failed, or
   SPAWN_NO_PIPE if the pipe for exec errors could not be made.  Set
   *EXEC_ERRNO to 0 if it was exec'd, else to why exec failed (the child
   then exits 126 or 127).  */
pid_t
spawn_process (struct spawn_origin const *origin,
               struct spawn_req const *req, int *exec_errno)
{
  int errpipe[2];
  *exec_errno = 0;
  if (pipe2 (errpipe, O_CLOEXEC) != 0)
    return SPAWN_NO_PIPE;

  pid_t parent = getpid ();
  pid_t pid = fork ();
  if (pid == 0)
    exec_child (origin, req, parent, errpipe[1]);

  int saved_errno = errno;
  close (errpipe[1]);
  *exec_errno = 0;
  if (0 < pid)
    {
      /* The pipe closes at exec; before that, only a failure writes.  */
      int err;
      ssize_t n;
      while ((n = read (errpipe[0], &err, sizeof err)) < 0 && errno == EINTR)
        continue;
      if (n == sizeof err)
        *exec_errno = err;
    }
  close (errpipe[0]);
  errno = saved_errno;
  return pid;
}
