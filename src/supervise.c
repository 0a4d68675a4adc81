/* supervise.c -- run COMMAND under a time limit and end it gracefully.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   The core of graceful-timeout: start COMMAND, wait for it, and when the
   time limit passes or a terminating signal arrives, walk the
   termination sequence (by default TERM alone; "-s S -k D" is S, wait D,
   KILL) until COMMAND has ended.  Then exit as GNU timeout does:

     124  the time limit passed (unless -p, or COMMAND died of KILL: 137)
     125  graceful-timeout itself failed
     126  COMMAND was found but could not be run
     127  COMMAND was not found
     N    COMMAND's own exit status; if it died of signal N, the same
          death (raised on ourselves, core dumps disabled)

   No signal handlers: every signal we act on is blocked and read from a
   signalfd (sigtimedwait where there is none), so nothing happens
   asynchronously.  The deadline is an absolute CLOCK_MONOTONIC time and
   the wait sleeps in the kernel until a signal or a deadline arrives.
   COMMAND's pid is signalled only while it is unreaped, so it cannot
   have been recycled; the forked child restores the original signal
   mask and dispositions before exec.  */

#include "system.h"
#include "supervise.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#if HAVE_SYS_PRCTL_H
# include <sys/prctl.h>
#endif
#if HAVE_SYS_RESOURCE_H
# include <sys/resource.h>
#endif
#if HAVE_SIGNALFD && HAVE_SYS_SIGNALFD_H
# include <sys/signalfd.h>
# define USE_SIGNALFD 1
#endif

#include "error.h"
#include "group.h"
#include "ignore-value.h"
#include "quote.h"
#include "signals.h"
#include "timespec.h"

/* A signal as it was received.  */
struct received
{
  int sig;
  pid_t sender;
  bool user_sent;               /* Sent by kill() or the like.  */
};

struct supervisor
{
  struct gt_options const *opt;
  pid_t self;
  pid_t child;                  /* COMMAND's pid; 0 once it is reaped.  */
  int status;                   /* COMMAND's wait status, once reaped.  */
  bool reap_all;                /* Reap every child (we are PID 1).  */

  sigset_t orig_mask;           /* The mask we started with.  */
  sigset_t taken;               /* Blocked, and read from SIGFD.  */
  sigset_t terminating;         /* Received, these start termination.  */
  struct sigaction orig_ttin;
  struct sigaction orig_ttou;
  int sigfd;

  struct timespec deadline;     /* When the time limit passes.  */
  bool deadline_armed;
  struct timespec step_deadline; /* When the current step gives up.  */
  bool step_armed;
  size_t next_step;             /* The termination step to send next.  */
  bool terminating_now;         /* Termination has started.  */
  bool timed_out;               /* The time limit passed.  */
};

/* The current CLOCK_MONOTONIC time.  */
static struct timespec
now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts;
}

/* Add SIG to the signals S takes, unless it was ignored when we started:
   such a signal stays ignored, in COMMAND too, as for a shell's
   background job.  Return whether it was added.  */
static bool
take_signal (struct supervisor *s, int sig)
{
  struct sigaction sa;
  if (sigaction (sig, NULL, &sa) != 0 || sa.sa_handler == SIG_IGN)
    return false;
  sigaddset (&s->taken, sig);
  return true;
}

/* Decide which signals S takes and block them.  */
static void
configure_signals (struct supervisor *s)
{
  sigemptyset (&s->taken);
  sigemptyset (&s->terminating);
  for (int sig = 1; sig <= sig_max (); sig++)
    if (sig_is_terminating (sig) && take_signal (s, sig))
      sigaddset (&s->terminating, sig);

  /* A termination signal that does not terminate by default (TSTP, say)
     is taken too, so the copy our own process group sends us cannot stop
     us; received from outside, it starts termination as GNU's does.  */
  for (size_t i = 0; i < s->opt->nsteps; i++)
    {
      int sig = s->opt->steps[i].sig;
      if (sig != 0 && sig != SIGKILL && sig != SIGSTOP && sig != SIGCONT
          && sig != SIGCHLD && take_signal (s, sig))
        sigaddset (&s->terminating, sig);
    }

  /* An inherited SIG_IGN for CHLD would reap COMMAND behind our back.  */
  signal (SIGCHLD, SIG_DFL);
  sigaddset (&s->taken, SIGCHLD);

  /* A background COMMAND that reads the terminal must not stop us.  */
  sigaction (SIGTTIN, &(struct sigaction) { .sa_handler = SIG_IGN },
             &s->orig_ttin);
  sigaction (SIGTTOU, &(struct sigaction) { .sa_handler = SIG_IGN },
             &s->orig_ttou);

  if (sigprocmask (SIG_BLOCK, &s->taken, &s->orig_mask) != 0)
    error (EXIT_CANCELED, errno, _("cannot block signals"));
#ifdef USE_SIGNALFD
  s->sigfd = signalfd (-1, &s->taken, SFD_NONBLOCK | SFD_CLOEXEC);
  if (s->sigfd < 0)
    error (EXIT_CANCELED, errno, _("cannot create a signalfd"));
#endif
}

/* In the forked child: become COMMAND.  Only async-signal-safe calls.
   On failure, write errno to ERRFD and exit 126 or 127.  */
static _Noreturn void
exec_command (struct supervisor const *s, pid_t parent, int errfd)
{
  sigaction (SIGTTIN, &s->orig_ttin, NULL);
  sigaction (SIGTTOU, &s->orig_ttou, NULL);

#if HAVE_PRCTL && HAVE_DECL_PR_SET_PDEATHSIG
  /* If graceful-timeout dies, even of KILL, COMMAND gets the first
     termination signal.  If it died before this point, nothing would
     tell us: compare with its pid, not with 1, which is our parent's own
     pid when it is PID 1 and not what we are reparented to under a
     subreaper.  */
  int first = s->opt->steps[0].sig;
  if (first != 0 && prctl (PR_SET_PDEATHSIG, first) == 0
      && getppid () != parent)
    _exit (SIGNAL_STATUS (first));
#else
  (void) parent;
#endif

  sigprocmask (SIG_SETMASK, &s->orig_mask, NULL);
  execvp (s->opt->argv[0], s->opt->argv);

  int err = errno;
  ignore_value (write (errfd, &err, sizeof err));
  _exit (err == ENOENT ? EXIT_ENOENT : EXIT_CANNOT_INVOKE);
}

/* Start COMMAND.  Return once it has been exec'd, or failed to be,
   which is then reported (COMMAND's exit status tells which way).  */
static void
spawn (struct supervisor *s)
{
  int errpipe[2];
  if (pipe2 (errpipe, O_CLOEXEC) != 0)
    error (EXIT_CANCELED, errno, _("cannot create a pipe"));

  pid_t parent = getpid ();
  s->child = fork ();
  if (s->child < 0)
    error (EXIT_CANCELED, errno, _("fork system call failed"));
  if (s->child == 0)
    exec_command (s, parent, errpipe[1]);

  /* The pipe closes at exec; before that, only a failure writes.  */
  close (errpipe[1]);
  int err;
  ssize_t n;
  while ((n = read (errpipe[0], &err, sizeof err)) < 0 && errno == EINTR)
    continue;
  close (errpipe[0]);
  if (n == sizeof err)
    error (0, err, _("failed to run command %s"), quote (s->opt->argv[0]));
}

/* Set the deadline DURATION from now; zero means none.  */
static void
arm (struct timespec *deadline, bool *armed, struct timespec duration)
{
  *armed = !(duration.tv_sec == 0 && duration.tv_nsec == 0);
  if (*armed)
    *deadline = timespec_add (now (), duration);
}

/* Send SIG to COMMAND and, unless -f, to its process group, following
   it with CONT so that a stopped process can act on it.  */
static void
send_signal (struct supervisor *s, int sig)
{
  if (s->opt->verbose)
    {
      char name[SIG_NAME_MAX];
      error (0, 0, _("sending signal %s to command %s"),
             sig_name (sig, name), quote (s->opt->argv[0]));
      /* A diagnostic that could not be written must not turn a timeout
         into a failure of graceful-timeout at exit.  */
      clearerr (stderr);
    }

  /* First COMMAND itself, in case it has left our process group.  */
  kill (s->child, sig);
  if (s->opt->foreground)
    return;
  group_signal (s->self, sig);
  if (sig != SIGKILL && sig != SIGCONT)
    {
      kill (s->child, SIGCONT);
      group_signal (s->self, SIGCONT);
    }
}

/* Send termination step I and arm its wait.  */
static void
send_step (struct supervisor *s, size_t i, int sig)
{
  struct termstep const *step = &s->opt->steps[i];
  send_signal (s, sig);
  s->next_step = i + 1;
  s->step_armed = false;
  if (step->has_wait)
    arm (&s->step_deadline, &s->step_armed, step->wait);
}

/* Start termination with SIG as its first step.  Termination starts
   once: whatever happens after it only forwards signals.  */
static void
start_termination (struct supervisor *s, int sig)
{
  s->terminating_now = true;
  send_step (s, 0, sig);
}

/* The time limit has passed (or an external ALRM said so).  */
static void
on_deadline (struct supervisor *s)
{
  s->deadline_armed = false;
  if (s->terminating_now)
    return;
  s->timed_out = true;
  start_termination (s, s->opt->steps[0].sig);
}

/* The current termination step has waited long enough.  */
static void
on_step_expired (struct supervisor *s)
{
  s->step_armed = false;
  if (s->next_step < s->opt->nsteps)
    send_step (s, s->next_step, s->opt->steps[s->next_step].sig);
}

/* Reap COMMAND if it has ended and, as PID 1, every other child.  */
static void
reap (struct supervisor *s)
{
  /* A CHLD may come after COMMAND was reaped (one for its stop, one for
     its exit); waitpid (0, ...) would then wait for our group.  */
  while (s->child || s->reap_all)
    {
      int status;
      pid_t pid = waitpid (s->reap_all ? -1 : s->child, &status, WNOHANG);
      if (pid < 0 && errno == EINTR)
        continue;
      /* As PID 1, we may have reaped our last child.  */
      if (pid < 0 && errno == ECHILD && !s->child)
        return;
      if (pid < 0)
        error (EXIT_CANCELED, errno, _("error waiting for command"));
      if (pid == 0)
        return;
      if (pid == s->child)
        {
          s->child = 0;
          s->status = status;
        }
      if (!s->reap_all)
        return;
    }
}

/* Act on signal R.  */
static void
on_signal (struct supervisor *s, struct received const *r)
{
  /* Every CHLD is a reason to look, even one that merged with ours.  */
  if (r->sig == SIGCHLD)
    {
      reap (s);
      return;
    }
  /* What we sent our own process group, or the PIPE of a failed write
     of ours, comes back to us: it is not news.  */
  if (r->user_sent && r->sender == s->self)
    return;
  if (!sigismember (&s->terminating, r->sig) || !s->child)
    return;

  if (r->sig == SIGALRM)
    on_deadline (s);
  else if (!s->terminating_now)
    start_termination (s, r->sig);
  else
    send_signal (s, r->sig);
}

/* How long to sleep until the nearer of the deadlines, or NULL for
   no limit; store the answer in *BUF.  */
static struct timespec *
time_to_sleep (struct supervisor const *s, struct timespec *buf)
{
  if (!s->deadline_armed && !s->step_armed)
    return NULL;
  struct timespec next = s->deadline;
  if (!s->deadline_armed
      || (s->step_armed && timespec_cmp (s->step_deadline, next) < 0))
    next = s->step_deadline;
  struct timespec left = timespec_sub (next, now ());
  *buf = left.tv_sec < 0 ? make_timespec (0, 0) : left;
  return buf;
}

/* Fire whichever deadlines have passed.  */
static void
expire_deadlines (struct supervisor *s)
{
  struct timespec t = now ();
  if (s->deadline_armed && timespec_cmp (s->deadline, t) <= 0)
    on_deadline (s);
  if (s->step_armed && timespec_cmp (s->step_deadline, t) <= 0)
    on_step_expired (s);
}

#ifdef USE_SIGNALFD
/* Sleep until a signal arrives or a deadline passes, and act on it.  */
static void
wait_and_dispatch (struct supervisor *s)
{
  struct timespec buf;
  struct pollfd pfd = { .fd = s->sigfd, .events = POLLIN };
  int n = ppoll (&pfd, 1, time_to_sleep (s, &buf), NULL);
  if (n < 0 && errno != EINTR)
    error (EXIT_CANCELED, errno, _("error waiting for command"));
  if (n <= 0)
    {
      expire_deadlines (s);
      return;
    }

  struct signalfd_siginfo info[16];
  ssize_t got;
  while ((got = read (s->sigfd, info, sizeof info)) > 0)
    for (size_t i = 0; i < got / sizeof *info; i++)
      {
        struct received r = { info[i].ssi_signo, info[i].ssi_pid,
                              (int) info[i].ssi_code <= 0 };
        on_signal (s, &r);
      }
}
#else
/* Sleep until a signal arrives or a deadline passes, and act on it.  */
static void
wait_and_dispatch (struct supervisor *s)
{
  struct timespec buf;
  struct timespec *limit = time_to_sleep (s, &buf);
  siginfo_t info;
  int sig = limit ? sigtimedwait (&s->taken, &info, limit)
                  : sigwaitinfo (&s->taken, &info);
  if (sig < 0)
    {
      if (errno != EAGAIN && errno != EINTR)
        error (EXIT_CANCELED, errno, _("error waiting for command"));
      expire_deadlines (s);
      return;
    }
  struct received r = { sig, info.si_pid, info.si_code <= 0 };
  on_signal (s, &r);
}
#endif

/* Make our exit look like COMMAND's death by signal SIG: its parent sees
   the same death.  Return only if that could not be done.  */
static void
die_like (struct supervisor const *s, int sig)
{
  /* The kernel does not let PID 1 die of its own signal.  */
  if (s->self == 1)
    return;
#if HAVE_PRCTL && HAVE_DECL_PR_SET_DUMPABLE
  if (prctl (PR_SET_DUMPABLE, 0) != 0)
    return;
#elif HAVE_SYS_RESOURCE_H && defined RLIMIT_CORE
  if (setrlimit (RLIMIT_CORE, &(struct rlimit) { 0, 0 }) != 0)
    return;
#endif
  signal (sig, SIG_DFL);
  sigset_t set;
  sigemptyset (&set);
  sigaddset (&set, sig);
  raise (sig);
  sigprocmask (SIG_UNBLOCK, &set, NULL);
}

/* graceful-timeout's exit status, from COMMAND's wait status.  */
static int
exit_status (struct supervisor const *s)
{
  int st = s->status;
  if (WIFEXITED (st))
    return s->timed_out && !s->opt->preserve_status
           ? EXIT_TIMEDOUT : WEXITSTATUS (st);

  int sig = WTERMSIG (st);
  if (WCOREDUMP (st))
    error (0, 0, _("the monitored command dumped core"));
  if (s->timed_out)
    return sig == SIGKILL || s->opt->preserve_status
           ? SIGNAL_STATUS (sig) : EXIT_TIMEDOUT;
  die_like (s, sig);
  return SIGNAL_STATUS (sig);
}

/* Run COMMAND as OPT says and return graceful-timeout's exit status.  */
int
supervise (struct gt_options const *opt)
{
  struct supervisor s = { .opt = opt, .self = getpid (), .sigfd = -1 };
  s.reap_all = s.self == 1;

  /* Our own process group, so that all of COMMAND's can be signalled.  */
  if (!opt->foreground)
    setpgid (0, 0);
  configure_signals (&s);
  spawn (&s);
  arm (&s.deadline, &s.deadline_armed, opt->duration);

  while (s.child)
    wait_and_dispatch (&s);
  return exit_status (&s);
}
