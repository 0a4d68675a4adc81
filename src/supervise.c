/* supervise.c -- run COMMAND under a time limit and end it gracefully.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   The core of graceful-timeout: start COMMAND, wait for it, and when the
   time limit passes or a terminating signal arrives, end it as the
   termination policy says (terminate.c: the pre-stop hook, then the
   sequence; by default TERM alone, "-s S -k D" is S, wait D, KILL) until
   it has ended.  Then exit as its wait status says (outcome.c), as GNU
   timeout does:

     124  the time limit passed (unless -p, or COMMAND died of KILL: 137)
     125  graceful-timeout itself failed
     126  COMMAND was found but could not be run
     127  COMMAND was not found
     N    COMMAND's own exit status; if it died of signal N, the same
          death (raised on ourselves, core dumps disabled)

   This file wires the pieces: which signals are taken, how a signal
   reaches COMMAND, its group or its tree, reaping, and the loop.

   Nothing happens asynchronously: every signal we act on is blocked and
   read through the event loop (loop.c; loop-posix.c's handlers only
   note a signal for the loop to read).
   Deadlines are absolute times on the loop's clock, which counts time
   spent stopped, frozen or suspended, and the wait sleeps in the kernel
   until a signal, output or a deadline arrives.  A pid is signalled
   only while it is unreaped, so it cannot have been recycled.

   With --idle-timeout the wait also moves COMMAND's output, and after
   COMMAND has ended it goes on until the output is delivered, still
   serving signals and deadlines: a destination that takes nothing
   never holds graceful-timeout.  Once an end has been asked for (the
   time limit, a terminating signal), a destination that has taken
   nothing for DRAIN_STALL is given up, and the loss reported.  */

#include "system.h"
#include "supervise.h"

#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/time.h>

#include "diag.h"
#include "duration.h"
#include "error.h"
#include "group.h"
#include "loop.h"
#include "outcome.h"
#include "quote.h"
#include "relay.h"
#include "report.h"
#include "signals.h"
#include "spawn.h"
#include "terminate.h"
#include "timer.h"
#include "timespec.h"
#include "tree.h"

/* How long a destination may take nothing before the output still
   held for it is given up, once an end has been asked for.  */
static struct timespec const DRAIN_STALL = { 1, 0 };

struct supervisor
{
  struct gt_options const *opt;
  pid_t self;
  pid_t child;                  /* COMMAND's pid; 0 once it is reaped.  */
  int status;                   /* COMMAND's wait status, once reaped.  */
  struct rusage usage;          /* COMMAND's, once reaped.  */
  bool exec_failed;             /* COMMAND could not be run: 126, 127.  */
  bool reap_all;                /* Reap every child: PID 1, or --tree.  */
  bool children_left;           /* The last reap found live children.  */

  struct spawn_origin origin;   /* What children restore.  */
  sigset_t taken;               /* Blocked, and read by LOOP.  */
  sigset_t terminating;         /* Received, these start termination.  */
  struct loop loop;

  struct timer deadline;        /* The time limit.  */
  struct timer idle_timer;      /* The idle limit.  */
  struct termination term;      /* The hook and the steps.  */
  enum stop_reason reason;      /* STOP_NONE until termination starts.  */
  bool timed_out;               /* The time or idle limit passed.  */

  bool relaying;                /* --idle-timeout: output goes through.  */
  bool draining;                /* COMMAND has ended; output has not.  */
  bool end_asked;               /* Limit or signal: the drain is bounded.  */
  struct relay relay;
  bool reporting;               /* --report.  */
  struct report report;
  struct tree tree;             /* --tree.  */
  bool tree_ready;              /* TREE holds what must be cleaned.  */
  bool leftovers;               /* Ending what COMMAND left behind.  */
  pid_t pid;                    /* COMMAND's pid, 0 until started.  */
};

/* The run under way, for the clean-up of an exit on error (an exit 125
   from any module, xalloc_die included): none outside supervise.  */
static struct supervisor *current;

/* Whether anything we supervise is alive: COMMAND, or with --tree
   what it left behind.  */
static bool
alive (struct supervisor const *s)
{
  return s->child || (s->opt->tree && s->children_left);
}

/* Add SIG to the signals S takes, unless it was ignored when we started
   and not NEEDED: such a signal stays ignored, in COMMAND too, as for a
   shell's background job.  A NEEDED one (ALRM, and what the termination
   sequence sends) is taken anyway, and COMMAND gets it at its default,
   or an inherited SIG_IGN would disarm the time limit.  Return whether
   it was added.  */
static bool
take_signal (struct supervisor *s, int sig, bool needed)
{
  struct sigaction sa;
  if (sigaction (sig, NULL, &sa) != 0)
    return false;
  if (sa.sa_handler == SIG_IGN)
    {
      if (!needed)
        return false;
      signal (sig, SIG_DFL);
    }
  sigaddset (&s->taken, sig);
  return true;
}

/* --rewrite: take each FROM, even one ignored when we started (it was
   asked for by name); and a TO that would start termination if it were
   received does so when FROM is, unless it is in --pass.  KILL is
   never received, but as a TO it terminates as surely as TERM: step 1
   then reaches the whole tree, and --map-status applies.  */
static void
configure_rewrites (struct supervisor *s)
{
  struct gt_options const *opt = s->opt;
  for (size_t i = 0; i < opt->rewrites.count; i++)
    {
      int to = opt->rewrites.pairs[i].to;
      take_signal (s, opt->rewrites.pairs[i].from, true);
      if (to && !sigismember (&opt->pass, to)
          && (sig_is_terminating (to) || term_sends (opt, to)
              || to == SIGALRM || to == SIGKILL))
        sigaddset (&s->terminating, to);
    }
}

/* Decide which signals S takes, block them and open the event loop.  */
static void
configure_signals (struct supervisor *s)
{
  struct gt_options const *opt = s->opt;
  sigemptyset (&s->taken);
  sigemptyset (&s->terminating);
  for (int sig = 1; sig <= sig_max (); sig++)
    {
      bool needed = sig == SIGALRM || term_sends (opt, sig);
      if (sigismember (&opt->pass, sig))
        take_signal (s, sig, needed);
      /* A termination signal that does not terminate by default (TSTP,
         say) is taken too, so the copy our own process group sends us
         cannot stop us; from outside, it starts termination, as GNU's
         does.  */
      else if ((sig_is_terminating (sig) || needed)
               && take_signal (s, sig, needed))
        sigaddset (&s->terminating, sig);
    }

  configure_rewrites (s);

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
  loop_open (&s->loop, &s->taken);
  s->origin.handled = s->loop.handled;
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
  if (s->child == SPAWN_NO_PIPE)
    error (EXIT_CANCELED, errno, _("cannot create a pipe"));
  if (s->child < 0)
    error (EXIT_CANCELED, errno, _("fork system call failed"));
  s->pid = s->child;
  if (s->opt->tree)
    tree_started (&s->tree, s->child, s->opt->steps, s->opt->nsteps);
  if (s->relaying)
    relay_child_started (&s->relay);
  s->exec_failed = exec_errno != 0;
  if (exec_errno)
    diag (exec_errno, _("failed to run command %s"),
          quote (s->opt->argv[0]));
}

/* Send SIG to every process of COMMAND's tree (but the pre-stop
   hook's), followed by CONT.  */
static void
send_tree_signal (struct supervisor *s, int sig)
{
  long reached = tree_signal (&s->tree, sig, s->term.hook);
  if (s->opt->verbose)
    {
      char name[SIG_NAME_MAX];
      diag (0, ngettext ("sending signal %s to the tree of command %s:"
                         " %ld process",
                         "sending signal %s to the tree of command %s:"
                         " %ld processes", reached),
            sig_name (sig, name), quote (s->opt->argv[0]), reached);
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
      diag (0, _("sending signal %s to command %s"),
            sig_name (sig, name), quote (s->opt->argv[0]));
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

/* term_send_fn for the supervisor at S_ARG: send termination signal
   SIG to what is supervised, and CONT.  */
static void
send_termination_signal (void *s_arg, int sig)
{
  send_signal (s_arg, sig, true);
}

/* term_alive_fn for the supervisor at S_ARG.  */
static bool
anything_alive (void *s_arg)
{
  return alive (s_arg);
}

/* Start termination for REASON, with SIG as its first signal.
   Termination starts once: whatever happens later only forwards.  The
   pre-stop hook is told COMMAND's pid and group and, with --tree, every
   pid of the tree, as they are now.  */
static void
start_termination (struct supervisor *s, enum stop_reason reason, int sig)
{
  s->reason = reason;
  s->end_asked = true;
  struct hook_subject who = { .pid = s->child,
                              .pgid = getpgid (s->child) };
  pid_t *pids = NULL;
  if (s->opt->pre_stop && s->opt->tree)
    {
      who.npids = tree_pids (&s->tree, &pids);
      who.pids = pids ? pids : &who.pid;
    }
  term_start (&s->term, reason, sig, &who);
  free (pids);
}

/* The time limit has passed (or an external ALRM said so).  After
   COMMAND has ended, that matters only while its output is still being
   delivered: the delivery is then cut short.  */
static void
on_deadline (struct supervisor *s)
{
  s->deadline.armed = false;
  if (s->reason != STOP_NONE || (!s->child && !s->draining))
    return;
  s->timed_out = true;
  s->end_asked = true;
  if (!s->child)
    {
      s->reason = STOP_DEADLINE;
      return;
    }
  start_termination (s, STOP_DEADLINE, s->opt->steps[0].sig);
}

/* COMMAND has written nothing for the idle limit.  */
static void
on_idle (struct supervisor *s)
{
  if (s->reason != STOP_NONE)
    return;
  if (s->opt->verbose)
    diag (0, _("no output from command %s for the idle limit"),
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

/* If the delivery of COMMAND's output after its end has a limit, store
   it in *AT and return true: an end was asked for, and a destination
   takes nothing.  */
static bool
drain_limit (struct supervisor const *s, struct timespec *at)
{
  struct timespec since;
  if (!s->draining || !s->end_asked
      || !relay_stalled_since (&s->relay, &since))
    return false;
  *at = timespec_add (since, DRAIN_STALL);
  return true;
}

/* Whatever deadlines are due at this moment fire.  */
static void
expire_timers (struct supervisor *s)
{
  struct timespec t = loop_now ();
  if (timer_fired (&s->deadline, t))
    on_deadline (s);
  if (timer_fired (&s->idle_timer, t))
    on_idle (s);
  term_expire (&s->term, t);
  struct timespec give_up;
  if (drain_limit (s, &give_up) && timespec_cmp (t, give_up) >= 0)
    {
      relay_abandon (&s->relay);
      s->draining = false;
    }
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
  if (term_reaped (&s->term, pid, status))
    return;
  add_usage (&s->usage, usage);
  if (pid == s->child)
    {
      s->child = 0;
      s->status = status;
      /* Limits that had not passed when COMMAND ended never will; but
         the time limit still bounds the delivery of its output.  */
      s->idle_timer.armed = false;
      if (!s->relaying)
        s->deadline.armed = false;
    }
}

/* With --tree, COMMAND has ended and left processes behind: they get
   the termination sequence at once (no pre-stop hook: nothing asked to
   stop), unless a termination is under way already.  */
static void
end_leftovers (struct supervisor *s)
{
  /* A hook runs only during a termination, which goes on by itself.  */
  if (!s->opt->tree || s->child || s->term.hook || s->leftovers
      || !s->children_left)
    return;
  s->leftovers = true;
  if (s->reason == STOP_NONE)
    term_start_leftovers (&s->term);
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
      /* Our children are not all the tree's: the caller's, the hook's,
         the watchdog.  */
      s->children_left = pid == 0
                         && (!s->opt->tree
                             || tree_has_members (&s->tree, s->term.hook));
    }
  else
    {
      if (s->child)
        reap_one (s, s->child);
      if (s->term.hook)
        reap_one (s, s->term.hook);
    }
  end_leftovers (s);
}

/* Act on signal R.  */
static void
on_signal (struct supervisor *s, struct loop_signal const *r)
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
  /* --rewrite: FROM is acted on as TO; a TO of 0 drops it.  */
  int sig = r->sig;
  bool rewritten = map_lookup (&s->opt->rewrites, r->sig, &sig);
  if (!sig)
    return;
  bool terminating = sigismember (&s->terminating, sig);
  /* Nothing is left to signal, but output may be: bound its delivery.  */
  if (!alive (s))
    {
      if (terminating)
        s->end_asked = true;
      return;
    }

  if (sigismember (&s->opt->pass, sig) || (rewritten && !terminating))
    send_signal (s, sig, false);
  else if (!terminating)
    return;
  else if (sig == SIGALRM)
    on_deadline (s);
  else if (s->reason == STOP_NONE && !s->leftovers)
    start_termination (s, STOP_SIGNAL, sig);
  else
    term_forward (&s->term, sig);
}

/* The nearest deadline: store it in *AT and return AT, or return NULL
   if none is armed.  */
static struct timespec const *
next_deadline (struct supervisor const *s, struct timespec *at)
{
  bool any = drain_limit (s, at);
  any = timer_earliest (&s->deadline, at, any);
  any = timer_earliest (&s->idle_timer, at, any);
  any = term_next_deadline (&s->term, at, any);
  return any ? at : NULL;
}

/* Sleep until a signal, output or a deadline arrives, and act on it.  */
static void
wait_and_dispatch (struct supervisor *s)
{
  struct pollfd fds[RELAY_POLLFDS];
  size_t nfds = s->relaying ? relay_pollfds (&s->relay, fds) : 0;
  struct timespec at;
  struct loop_signal sigs[LOOP_SIGNALS_MAX];
  size_t nsigs = loop_wait (&s->loop, next_deadline (s, &at), fds, nfds,
                            sigs);
  if (s->relaying)
    {
      bool active = relay_pump (&s->relay, fds, nfds, loop_now ());
      if (s->child)
        update_idle (s, active);
    }
  /* Output may keep us busy: deadlines are checked at every wakeup.  */
  expire_timers (s);
  for (size_t i = 0; i < nsigs; i++)
    on_signal (s, &sigs[i]);
  /* Once nothing is left to wait for, only undelivered output is.  */
  if (s->relaying && !alive (s))
    s->draining = relay_settle (&s->relay);
}

/* TV in seconds.  */
static double
seconds (struct timeval tv)
{
  return tv.tv_sec + tv.tv_usec / 1e6;
}

/* Write the report of the run that ends in OUTCOME; a failure is said,
   and changes nothing else.  */
static void
write_report (struct supervisor *s, struct outcome o)
{
  struct report_run run = {
    .argv = s->opt->argv, .pid = s->pid,
    .reason = stop_reason_name (s->reason),
    .ended = s->pid > 0 && !s->child, .wait_status = s->status,
    .status = o.status, .grace_expired = s->term.grace_expired,
    .user_s = seconds (s->usage.ru_utime),
    .sys_s = seconds (s->usage.ru_stime),
    .max_rss_kb = s->usage.ru_maxrss
  };
  for (int i = 0; s->relaying && i < 2; i++)
    run.output_errno[i] = relay_error (&s->relay, i);
  if (!report_write (&s->report, &run))
    diag (errno, _("cannot write the report %s"), quote (s->opt->report));
  s->reporting = false;
}

/* At an exit on error (125) while a run is under way, leave nothing
   behind: remove our cgroup if it is empty (the watchdog removes it
   otherwise), and write the report, whose reason is "error".
   COMMAND, if it runs, gets its parent-death signal.  */
static void
clean_up_on_error (void)
{
  struct supervisor *s = current;
  if (!s)
    return;
  current = NULL;
  if (s->tree_ready)
    tree_finish (&s->tree);
  if (s->reporting)
    {
      s->reason = STOP_ERROR;
      write_report (s, (struct outcome) { EXIT_CANCELED, 0 });
    }
}

/* Prepare S for OPT, so that everything that can fail does so before
   COMMAND runs.  */
static void
prepare (struct supervisor *s, struct gt_options const *opt)
{
  *s = (struct supervisor) { .opt = opt, .self = getpid () };
  term_init (&s->term, opt, &s->origin, send_termination_signal,
             anything_alive, s);
  s->reap_all = s->self == 1 || opt->tree;
  s->relaying = !duration_is_zero (opt->idle);
  if (opt->report && !report_open (&s->report, opt->report))
    error (EXIT_CANCELED, errno, _("cannot create the report %s"),
           quote (opt->report));
  s->reporting = opt->report != NULL;
  current = s;
  atexit (clean_up_on_error);
  if (s->relaying)
    relay_open (&s->relay, opt->std_closed[STDOUT_FILENO],
                opt->std_closed[STDERR_FILENO]);
  char const *why;
  if (opt->tree && !tree_init (&s->tree, &why))
    error (EXIT_CANCELED, 0, _("--tree: %s"), why);
  s->tree_ready = opt->tree;
}

/* Run COMMAND as OPT says and return graceful-timeout's exit status.  */
int
supervise (struct gt_options const *opt)
{
  struct supervisor s;
  prepare (&s, opt);

  /* Our own process group, so that all of COMMAND's can be signalled.  */
  if (!opt->foreground)
    setpgid (0, 0);
  configure_signals (&s);
  /* The limit counts from before the spawn, as GNU's does: starting
     COMMAND is part of its run.  */
  timer_arm (&s.deadline, opt->duration);
  start_command (&s);
  if (s.relaying)
    timer_arm (&s.idle_timer, opt->idle);

  /* A hook still running when COMMAND ends is waited for too, with
     --tree whatever COMMAND left behind, and with --idle-timeout the
     output not yet delivered.  */
  while (alive (&s) || s.term.hook || s.draining)
    wait_and_dispatch (&s);
  current = NULL;
  if (opt->tree)
    tree_finish (&s.tree);
  if (s.relaying)
    relay_close (&s.relay);
  loop_close (&s.loop);

  struct outcome o = outcome_of (opt, &(struct outcome_facts) {
      .wait_status = s.status, .timed_out = s.timed_out,
      .terminated = s.term.started && s.reason != STOP_NONE,
      .exec_failed = s.exec_failed });
  /* A report that cannot be written is said, and the status kept.  */
  if (s.reporting)
    write_report (&s, o);
  if (o.die_of)
    outcome_die_like (o.die_of);
  return o.status;
}
