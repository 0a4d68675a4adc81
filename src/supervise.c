/* supervise.c -- run COMMAND under a time limit and end it gracefully.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   The core of graceful-timeout: start COMMAND, wait for it, and when the
   time limit passes or a terminating signal arrives, run the pre-stop
   hook and then walk the termination sequence (by default TERM alone;
   "-s S -k D" is S, wait D, KILL) until COMMAND has ended.  Then exit as
   GNU timeout does:

     124  the time limit passed (unless -p, or COMMAND died of KILL: 137)
     125  graceful-timeout itself failed
     126  COMMAND was found but could not be run
     127  COMMAND was not found
     N    COMMAND's own exit status; if it died of signal N, the same
          death (raised on ourselves, core dumps disabled)

   No signal handlers: every signal we act on is blocked and read from a
   signalfd (sigtimedwait where there is none), so nothing happens
   asynchronously.  Deadlines are absolute CLOCK_MONOTONIC times and the
   wait sleeps in the kernel until a signal or a deadline arrives.  A pid
   is signalled only while it is unreaped, so it cannot have been
   recycled.  */

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
#include <sys/resource.h>
#include <sys/time.h>
#if HAVE_SIGNALFD && HAVE_SYS_SIGNALFD_H
# include <sys/signalfd.h>
# define USE_SIGNALFD 1
#endif

#include "duration.h"
#include "error.h"
#include "group.h"
#include "hook.h"
#include "quote.h"
#include "relay.h"
#include "report.h"
#include "signals.h"
#include "spawn.h"
#include "timespec.h"
#include "tree.h"

/* A signal as it was received.  */
struct received
{
  int sig;
  pid_t sender;
  bool user_sent;               /* Sent by kill() or the like.  */
};

/* A deadline: an absolute CLOCK_MONOTONIC time, if armed.  */
struct timer
{
  struct timespec at;
  bool armed;
};

/* Why termination started.  */
enum stop_reason
{
  STOP_NONE,
  STOP_DEADLINE,
  STOP_IDLE,
  STOP_SIGNAL
};

/* How each reason is named to the hook and in the report.  */
static char const *const reason_names[] = { "exit", "deadline", "idle",
                                            "signal" };

struct supervisor
{
  struct gt_options const *opt;
  pid_t self;
  pid_t child;                  /* COMMAND's pid; 0 once it is reaped.  */
  int status;                   /* COMMAND's wait status, once reaped.  */
  struct rusage usage;          /* COMMAND's, once reaped.  */
  bool reap_all;                /* Reap every child: PID 1, or --tree.  */
  bool children_left;           /* The last reap found live children.  */

  struct spawn_origin origin;   /* What children restore.  */
  sigset_t taken;               /* Blocked, and read from SIGFD.  */
  sigset_t terminating;         /* Received, these start termination.  */
  int sigfd;

  struct timer deadline;        /* The time limit.  */
  struct timer idle_timer;      /* The idle limit.  */
  struct timer step_timer;      /* The current step gives up.  */
  struct timer hook_timer;      /* The pre-stop hook runs out of time.  */
  pid_t hook;                   /* The pre-stop hook's pid, until reaped.  */
  bool hook_killed;             /* It ran out of time and was killed.  */

  enum stop_reason reason;      /* STOP_NONE until termination starts.  */
  int first_sig;                /* The signal termination starts with.  */
  bool first_sent;              /* Step 1 has been sent.  */
  size_t next_step;             /* The termination step to send next.  */
  bool timed_out;               /* The time or idle limit passed.  */

  bool relaying;                /* --idle-timeout: output goes through.  */
  struct relay relay;
  bool reporting;               /* --report.  */
  struct report report;
  struct tree tree;             /* --tree.  */
  bool leftovers;               /* Ending what COMMAND left behind.  */
};

/* Whether anything we supervise is alive: COMMAND, or with --tree
   what it left behind.  */
static bool
alive (struct supervisor const *s)
{
  return s->child || (s->opt->tree && s->children_left);
}

/* The current CLOCK_MONOTONIC time.  */
static struct timespec
now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts;
}

/* Arm timer T to fire DURATION from now; a zero DURATION disarms it.  */
static void
timer_arm (struct timer *t, struct timespec duration)
{
  t->armed = !duration_is_zero (duration);
  if (t->armed)
    t->at = timespec_add (now (), duration);
}

/* Whether timer T is armed and due at time NOW.  Disarm it if so.  */
static bool
timer_fired (struct timer *t, struct timespec now)
{
  if (!t->armed || timespec_cmp (now, t->at) < 0)
    return false;
  t->armed = false;
  return true;
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

/* Whether SIG is sent by a termination step (and can be taken).  */
static bool
in_termseq (struct gt_options const *opt, int sig)
{
  if (sig == 0 || sig == SIGKILL || sig == SIGSTOP || sig == SIGCONT
      || sig == SIGCHLD)
    return false;
  for (size_t i = 0; i < opt->nsteps; i++)
    if (opt->steps[i].sig == sig)
      return true;
  return false;
}

/* Decide which signals S takes, block them and open the signalfd.  */
static void
configure_signals (struct supervisor *s)
{
  struct gt_options const *opt = s->opt;
  sigemptyset (&s->taken);
  sigemptyset (&s->terminating);
  for (int sig = 1; sig <= sig_max (); sig++)
    {
      if (sigismember (&opt->pass, sig))
        take_signal (s, sig);
      /* A termination signal that does not terminate by default (TSTP,
         say) is taken too, so the copy our own process group sends us
         cannot stop us; from outside, it starts termination, as GNU's
         does.  */
      else if ((sig_is_terminating (sig) || in_termseq (opt, sig))
               && take_signal (s, sig))
        sigaddset (&s->terminating, sig);
    }

  /* An inherited SIG_IGN for CHLD would reap COMMAND behind our back.  */
  signal (SIGCHLD, SIG_DFL);
  sigaddset (&s->taken, SIGCHLD);

  /* A background COMMAND that reads the terminal must not stop us.  */
  sigaction (SIGTTIN, &(struct sigaction) { .sa_handler = SIG_IGN },
             &s->origin.ttin);
  sigaction (SIGTTOU, &(struct sigaction) { .sa_handler = SIG_IGN },
             &s->origin.ttou);

  if (sigprocmask (SIG_BLOCK, &s->taken, &s->origin.mask) != 0)
    error (EXIT_CANCELED, errno, _("cannot block signals"));
#ifdef USE_SIGNALFD
  s->sigfd = signalfd (-1, &s->taken, SFD_NONBLOCK | SFD_CLOEXEC);
  if (s->sigfd < 0)
    error (EXIT_CANCELED, errno, _("cannot create a signalfd"));
#endif
}

/* Start COMMAND.  If it cannot be run, say why; its exit status (126 or
   127) then tells the caller.  */
static void
start_command (struct supervisor *s)
{
  struct spawn_req req = {
    .file = s->opt->argv[0], .argv = s->opt->argv,
    .out_fd = s->relaying ? s->relay.stream[0].child_fd : -1,
    .err_fd = s->relaying ? s->relay.stream[1].child_fd : -1,
    /* If we die, even of KILL, COMMAND gets the first signal.  */
    .deathsig = s->opt->steps[0].sig
  };
  int exec_errno;
  s->child = spawn_process (&s->origin, &req, &exec_errno);
  if (s->child < 0)
    error (EXIT_CANCELED, errno, _("fork system call failed"));
  if (s->opt->tree)
    tree_started (&s->tree);
  if (s->relaying)
    relay_child_started (&s->relay);
  if (exec_errno)
    error (0, exec_errno, _("failed to run command %s"),
           quote (s->opt->argv[0]));
}

/* Send SIG to every process of COMMAND's tree (but the pre-stop
   hook's), followed by CONT.  */
static void
send_tree_signal (struct supervisor *s, int sig)
{
  long reached = tree_signal (&s->tree, sig, s->hook);
  if (s->opt->verbose)
    {
      char name[SIG_NAME_MAX];
      error (0, 0, ngettext ("sending signal %s to the tree of command %s:"
                             " %ld process",
                             "sending signal %s to the tree of command %s:"
                             " %ld processes", reached),
             sig_name (sig, name), quote (s->opt->argv[0]), reached);
      clearerr (stderr);
    }
  if (s->reporting)
    report_signal (&s->report, sig, "tree", reached);
}

/* Send SIG to COMMAND and, unless -f, to its process group.  With
   CONTINUE, follow it with CONT so that a stopped process can act on
   it.  A termination signal (CONTINUE) goes to the whole tree with
   --tree, even after COMMAND has ended; a passed one goes to COMMAND
   only while it lives: kill (0, ...) would reach our caller's group.  */
static void
send_signal (struct supervisor *s, int sig, bool cont)
{
  if (s->opt->tree && cont)
    {
      if (alive (s))
        send_tree_signal (s, sig);
      return;
    }
  if (!s->child)
    return;
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
  long reached = 1;
  if (!s->opt->foreground)
    {
      long others = group_signal (s->self, s->child, sig, s->reporting);
      reached = others < 0 ? -1 : 1 + others;
    }
  if (s->reporting)
    report_signal (&s->report, sig,
                   s->opt->foreground ? "command" : "group", reached);
  if (!s->opt->foreground && cont && sig != SIGKILL && sig != SIGCONT)
    {
      kill (s->child, SIGCONT);
      group_signal (s->self, s->child, SIGCONT, false);
    }
}

/* Send termination step I as SIG (step 1 may be a received signal) and
   arm its wait.  */
static void
send_step (struct supervisor *s, size_t i, int sig)
{
  struct termstep const *step = &s->opt->steps[i];
  send_signal (s, sig, true);
  s->next_step = i + 1;
  s->step_timer.armed = false;
  if (step->has_wait)
    timer_arm (&s->step_timer, step->wait);
}

/* The pre-stop hook is over (or was never run): send step 1, unless
   COMMAND ended meanwhile.  */
static void
send_first_step (struct supervisor *s)
{
  s->first_sent = true;
  if (s->child)
    send_step (s, 0, s->first_sig);
}

/* Run the pre-stop hook for the termination that is starting; return
   whether it is running.  */
static bool
run_hook (struct supervisor *s)
{
  char reason[sizeof "signal:" + SIG_NAME_MAX];
  if (s->reason != STOP_SIGNAL)
    strcpy (reason, reason_names[s->reason]);
  else
    {
      char name[SIG_NAME_MAX];
      snprintf (reason, sizeof reason, "signal:%s",
                sig_name (s->first_sig, name));
    }
  if (s->opt->verbose)
    error (0, 0, _("running the pre-stop hook %s"), quote (s->opt->pre_stop));
  s->hook = hook_start (&s->origin, s->opt->pre_stop, s->child, reason);
  if (s->hook <= 0)
    {
      s->hook = 0;
      return false;
    }
  timer_arm (&s->hook_timer, s->opt->pre_stop_timeout);
  return true;
}

/* Start termination for REASON, with SIG as its first signal.
   Termination starts once: whatever happens later only forwards.  */
static void
start_termination (struct supervisor *s, enum stop_reason reason, int sig)
{
  s->reason = reason;
  s->first_sig = sig;
  if (!s->opt->pre_stop || !run_hook (s))
    send_first_step (s);
}

/* The time limit has passed (or an external ALRM said so).  */
static void
on_deadline (struct supervisor *s)
{
  s->deadline.armed = false;
  if (s->reason != STOP_NONE)
    return;
  s->timed_out = true;
  start_termination (s, STOP_DEADLINE, s->opt->steps[0].sig);
}

/* COMMAND has written nothing for the idle limit.  */
static void
on_idle (struct supervisor *s)
{
  if (s->reason != STOP_NONE)
    return;
  if (s->opt->verbose)
    error (0, 0, _("no output from command %s for the idle limit"),
           quote (s->opt->argv[0]));
  s->timed_out = true;
  start_termination (s, STOP_IDLE, s->opt->steps[0].sig);
}

/* COMMAND's output moved (ACTIVE) or not: restart the idle clock, or
   stop it while a destination holds COMMAND up, which is not idleness.  */
static void
update_idle (struct supervisor *s, bool active)
{
  if (s->reason != STOP_NONE)
    return;
  if (relay_blocked (&s->relay))
    s->idle_timer.armed = false;
  else if (active || !s->idle_timer.armed)
    timer_arm (&s->idle_timer, s->opt->idle);
}

/* Whatever deadlines are due at this moment fire.  */
static void
expire_timers (struct supervisor *s)
{
  struct timespec t = now ();
  if (timer_fired (&s->deadline, t))
    on_deadline (s);
  if (timer_fired (&s->idle_timer, t))
    on_idle (s);
  if (timer_fired (&s->hook_timer, t) && s->hook)
    {
      /* It is reaped later; its pid stays ours until then.  */
      hook_kill (s->hook);
      s->hook_killed = true;
      send_first_step (s);
    }
  if (timer_fired (&s->step_timer, t) && s->next_step < s->opt->nsteps)
    send_step (s, s->next_step, s->opt->steps[s->next_step].sig);
}

/* Add to TOTAL what USAGE says a reaped process used.  */
static void
add_usage (struct rusage *total, struct rusage const *usage)
{
  timeradd (&total->ru_utime, &usage->ru_utime, &total->ru_utime);
  timeradd (&total->ru_stime, &usage->ru_stime, &total->ru_stime);
  if (total->ru_maxrss < usage->ru_maxrss)
    total->ru_maxrss = usage->ru_maxrss;
}

/* Process PID has ended with wait status STATUS and used USAGE.  What
   COMMAND and the descendants we reap used is COMMAND's tree's.  */
static void
on_child_end (struct supervisor *s, pid_t pid, int status,
              struct rusage const *usage)
{
  if (pid != s->hook)
    add_usage (&s->usage, usage);
  if (pid == s->child)
    {
      s->child = 0;
      s->status = status;
      /* Limits that had not passed when COMMAND ended never will.  */
      s->deadline.armed = s->idle_timer.armed = false;
    }
  else if (pid == s->hook)
    {
      s->hook = 0;
      if (!s->hook_killed)
        hook_report_end (status);
      s->hook_timer.armed = false;
      if (!s->first_sent)
        send_first_step (s);
    }
}

/* With --tree, COMMAND has ended and left processes behind: they get
   the termination sequence at once (no pre-stop hook: nothing asked to
   stop), unless a termination is under way already.  */
static void
end_leftovers (struct supervisor *s)
{
  /* A hook runs only during a termination, which goes on by itself.  */
  if (!s->opt->tree || s->child || s->hook || s->leftovers
      || !s->children_left)
    return;
  s->leftovers = true;
  if (s->reason == STOP_NONE)
    {
      s->first_sent = true;
      send_step (s, 0, s->opt->steps[0].sig);
    }
}

/* Reap one child that has ended among TARGET (a pid, or -1 for any)
   and act on it.  Return its pid, 0 if none has ended, or -1 if there
   is no such child.  */
static pid_t
reap_one (struct supervisor *s, pid_t target)
{
  int status;
  struct rusage usage;
  pid_t pid;
  while ((pid = wait4 (target, &status, WNOHANG, &usage)) < 0
         && errno == EINTR)
    continue;
  if (pid < 0 && errno != ECHILD)
    error (EXIT_CANCELED, errno, _("error waiting for command"));
  if (0 < pid)
    on_child_end (s, pid, status, &usage);
  return pid;
}

/* Reap every child of ours that has ended: COMMAND, the hook, and with
   --tree or as PID 1 any other.  Never wait for pid 0: that would be
   for our process group.  */
static void
reap (struct supervisor *s)
{
  if (s->reap_all)
    {
      pid_t pid;
      while (0 < (pid = reap_one (s, -1)))
        continue;
      s->children_left = pid == 0;
    }
  else
    {
      if (s->child)
        reap_one (s, s->child);
      if (s->hook)
        reap_one (s, s->hook);
    }
  end_leftovers (s);
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
  if ((r->user_sent && r->sender == s->self) || !alive (s))
    return;

  if (sigismember (&s->opt->pass, r->sig))
    send_signal (s, r->sig, false);
  else if (!sigismember (&s->terminating, r->sig))
    return;
  else if (r->sig == SIGALRM)
    on_deadline (s);
  else if (s->reason == STOP_NONE && !s->leftovers)
    start_termination (s, STOP_SIGNAL, r->sig);
  else if (s->first_sent)
    send_signal (s, r->sig, true);
}

/* How long to sleep until the nearest armed timer, or NULL for no
   limit; store the answer in *BUF.  */
static struct timespec *
time_to_sleep (struct supervisor const *s, struct timespec *buf)
{
  struct timer const *timers[] = { &s->deadline, &s->idle_timer,
                                   &s->step_timer, &s->hook_timer };
  struct timer const *next = NULL;
  for (size_t i = 0; i < countof (timers); i++)
    if (timers[i]->armed
        && (!next || timespec_cmp (timers[i]->at, next->at) < 0))
      next = timers[i];
  if (!next)
    return NULL;
  struct timespec left = timespec_sub (next->at, now ());
  *buf = left.tv_sec < 0 ? make_timespec (0, 0) : left;
  return buf;
}

#ifdef USE_SIGNALFD
/* Act on every signal waiting in the signalfd.  */
static void
read_signals (struct supervisor *s)
{
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

/* Sleep until a signal, output or a deadline arrives, and act on it.  */
static void
wait_and_dispatch (struct supervisor *s)
{
  struct timespec buf;
  struct pollfd pfd[3] = { { .fd = s->sigfd, .events = POLLIN } };
  size_t nfds = 1 + (s->relaying ? relay_pollfds (&s->relay, pfd + 1) : 0);
  int n = ppoll (pfd, nfds, time_to_sleep (s, &buf), NULL);
  if (n < 0 && errno != EINTR)
    error (EXIT_CANCELED, errno, _("error waiting for command"));
  if (0 < n && s->relaying)
    update_idle (s, relay_pump (&s->relay, pfd + 1, nfds - 1));
  /* Output may keep us busy: deadlines are checked at every wakeup.  */
  expire_timers (s);
  if (0 < n && pfd[0].revents)
    read_signals (s);
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
      expire_timers (s);
      return;
    }
  struct received r = { sig, info.si_pid, info.si_code <= 0 };
  on_signal (s, &r);
}
#endif

/* How graceful-timeout ends: an exit status, or the death by a signal
   that COMMAND died of (then STATUS is the shell's view of it).  */
struct outcome
{
  int status;
  int die_of;                   /* 0: just exit.  */
};

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
#elif defined RLIMIT_CORE
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

/* How graceful-timeout ends, from COMMAND's wait status.  */
static struct outcome
outcome (struct supervisor const *s)
{
  int st = s->status;
  if (WIFEXITED (st))
    return (struct outcome) {
      s->timed_out && !s->opt->preserve_status
      ? EXIT_TIMEDOUT : WEXITSTATUS (st), 0 };

  int sig = WTERMSIG (st);
  if (WCOREDUMP (st))
    error (0, 0, _("the monitored command dumped core"));
  if (s->timed_out)
    return (struct outcome) {
      sig == SIGKILL || s->opt->preserve_status
      ? SIGNAL_STATUS (sig) : EXIT_TIMEDOUT, 0 };
  return (struct outcome) { SIGNAL_STATUS (sig), sig };
}

/* TV in seconds.  */
static double
seconds (struct timeval tv)
{
  return tv.tv_sec + tv.tv_usec / 1e6;
}

/* Write the report of the run that ends in OUTCOME.  Return false if it
   could not be written, which is reported.  */
static bool
write_report (struct supervisor *s, struct outcome o, pid_t pid)
{
  struct report_run run = {
    .argv = s->opt->argv, .pid = pid, .reason = reason_names[s->reason],
    .wait_status = s->status, .status = o.status,
    .user_s = seconds (s->usage.ru_utime),
    .sys_s = seconds (s->usage.ru_stime),
    .max_rss_kb = s->usage.ru_maxrss
  };
  bool ok = report_write (&s->report, &run);
  if (!ok)
    error (0, errno, _("cannot write the report %s"), quote (s->opt->report));
  return ok;
}

/* Run COMMAND as OPT says and return graceful-timeout's exit status.  */
int
supervise (struct gt_options const *opt)
{
  struct supervisor s = { .opt = opt, .self = getpid (), .sigfd = -1 };
  s.reap_all = s.self == 1 || opt->tree;
  s.relaying = !duration_is_zero (opt->idle);
  s.reporting = opt->report != NULL;

  /* Everything that can fail does so before COMMAND runs.  */
  if (s.reporting && !report_open (&s.report, opt->report))
    error (EXIT_CANCELED, errno, _("cannot create the report %s"),
           quote (opt->report));
  if (s.relaying)
    relay_open (&s.relay);
  char const *why;
  if (opt->tree && !tree_init (&s.tree, &why))
    error (EXIT_CANCELED, 0, _("--tree: %s"), why);

  /* Our own process group, so that all of COMMAND's can be signalled.  */
  if (!opt->foreground)
    setpgid (0, 0);
  configure_signals (&s);
  start_command (&s);
  pid_t pid = s.child;
  timer_arm (&s.deadline, opt->duration);
  if (s.relaying)
    timer_arm (&s.idle_timer, opt->idle);

  /* A hook still running when COMMAND ends is waited for too, and with
     --tree whatever COMMAND left behind.  */
  while (alive (&s) || s.hook)
    wait_and_dispatch (&s);
  if (opt->tree)
    tree_finish (&s.tree);
  if (s.relaying)
    {
      relay_drain (&s.relay);
      relay_close (&s.relay);
    }

  struct outcome o = outcome (&s);
  if (s.reporting && !write_report (&s, o, pid))
    return EXIT_CANCELED;
  if (o.die_of)
    die_like (&s, o.die_of);
  return o.status;
}
