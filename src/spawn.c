/* spawn.c -- start a child process the way graceful-timeout needs.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   In the child only async-signal-safe calls: restore the signal mask
   and the TTIN/TTOU dispositions graceful-timeout started with, and the
   default disposition of the signals the event loop handles, set up
   file descriptors and the parent-death signal, exec.  The parent knows
   when spawn_process returns whether COMMAND is running, so it can tell
   126 from 127 and say why.

   On Linux the child is a vfork-style clone (CLONE_VM | CLONE_VFORK) on
   a stack of its own: no page tables are copied, which is most of what
   starting COMMAND costs us, and we sleep until it has exec'd or exited,
   so the close-on-exec pipe that brings back an exec failure's errno
   is ready to read when clone returns.  The child shares our memory but
   not our signal dispositions (no CLONE_SIGHAND).  Where the event loop
   has handlers (loop-posix.c), they could write to our memory if they
   ran in the child: they cannot, because the child sets those signals
   back to SIG_DFL before it unblocks them.  It writes nothing else but
   its own stack and errno (the one our thread would read, which we
   save).  Elsewhere, fork.  */

#include "system.h"
#include "spawn.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/mman.h>
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

/* AddressSanitizer cannot follow a child that runs on a stack of ours
   (it warns, and its reports there would be false): under it, fork.  */
#if defined __SANITIZE_ADDRESS__
# define SPAWN_UNDER_ASAN 1
#elif defined __has_feature
# if __has_feature (address_sanitizer)
#  define SPAWN_UNDER_ASAN 1
# endif
#endif

#if (defined __linux__ && defined CLONE_VM && defined CLONE_VFORK \
     && !defined SPAWN_UNDER_ASAN)
# define SPAWN_CLONE_VFORK 1
#else
# define SPAWN_CLONE_VFORK 0
#endif

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

/* In the child: become REQ, as ORIGIN says, with PARENT the process
   that started us.  Return errno if exec fails.  */
static int
exec_child (struct spawn_origin const *origin, struct spawn_req const *req,
            pid_t parent)
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
  return errno;
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

/* What the child needs: REQ, as ORIGIN says, with PARENT the process
   that starts it and ERRFD the pipe for an exec failure.  */
struct child_args
{
  struct spawn_origin const *origin;
  struct spawn_req const *req;
  pid_t parent;
  int errfd;
};

/* In the child: become what ARGS_ARG (a struct child_args) says, or
   send why exec failed through its pipe and exit 126 or 127.  */
static int
child_main (void *args_arg)
{
  struct child_args const *args = args_arg;
  int err = exec_child (args->origin, args->req, args->parent);
  ignore_value (write (args->errfd, &err, sizeof err));
  _exit (err == ENOENT ? EXIT_ENOENT : EXIT_CANNOT_INVOKE);
}

#if SPAWN_CLONE_VFORK
/* The stack the child needs for REQ: execvp builds the path and, for a
   script without "#!", a new argument vector on the stack.  */
static size_t
child_stack_size (struct spawn_req const *req)
{
  size_t argc = 0;
  while (req->argv[argc])
    argc++;
  size_t page = sysconf (_SC_PAGESIZE);
  size_t size = 64 * 1024 + (argc + 3) * sizeof (char *);
  return (size + page - 1) / page * page;
}
#endif

/* Start the child ARGS describes.  Return its pid, or -1 with errno
   set.  */
static pid_t
start_child (struct child_args *args)
{
#if SPAWN_CLONE_VFORK
  size_t size = child_stack_size (args->req);
  char *stack = mmap (NULL, size, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
  if (stack == MAP_FAILED)
    return -1;
  /* We sleep until the child has exec'd or exited (CLONE_VFORK), so
     its stack can go right after; stacks grow down here.  */
  pid_t pid = clone (child_main, stack + size,
                     CLONE_VM | CLONE_VFORK | SIGCHLD, args);
  int saved_errno = errno;
  munmap (stack, size);
  errno = saved_errno;
  return pid;
#else
  pid_t pid = fork ();
  if (pid == 0)
    child_main (args);
  return pid;
#endif
}

/* Start REQ.  Return its pid; or -1 with errno set if it could not be
   started, or SPAWN_NO_PIPE if the pipe for exec errors could not be
   made.  Set *EXEC_ERRNO to 0 if it was exec'd, else to why exec failed
   (the child then exits 126 or 127).  */
pid_t
spawn_process (struct spawn_origin const *origin,
               struct spawn_req const *req, int *exec_errno)
{
  /* With a real vfork the child could write errno into our memory; the
     pipe (about 5 us) keeps the answer right where a tool such as
     valgrind turns the clone into a fork.  */
  int errpipe[2];
  *exec_errno = 0;
  if (pipe2 (errpipe, O_CLOEXEC) != 0)
    return SPAWN_NO_PIPE;

  struct child_args args = { origin, req, getpid (), errpipe[1] };
  pid_t pid = start_child (&args);
  int saved_errno = errno;
  close (errpipe[1]);
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
