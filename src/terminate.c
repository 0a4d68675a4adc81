/* terminate.c -- the termination policy: pre-stop hook, then the steps.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   A termination starts once, for a reason (the time limit, the idle
   limit, a terminating signal received): the pre-stop hook runs first,
   for at most --pre-stop-timeout, then each step of the sequence sends
   its signal and waits up to its DURATION for the end before the next.
   Step 1 may send the signal that was received instead of the
   sequence's own (or, with --rewrite, what that signal is rewritten
   to).  With --grace, the whole termination has a deadline of its own,
   from its start: when it passes, a hook still running is killed, any
   step's wait is cut short, and the last step's signal goes at once to
   whatever is still alive.  How a signal reaches the processes is the caller's
   (term_send_fn); which signal and when is decided here.  Every wait is
   a timer on the loop's clock, which the caller's loop sleeps until.  */

#include "system.h"
#include "terminate.h"

#include <signal.h>
#include <string.h>

#include "diag.h"
#include "hook.h"
#include "quote.h"
#include "signals.h"

/* How REASON is named to the hook and in the report.  */
char const *
stop_reason_name (enum stop_reason reason)
{
  static char const *const names[] = { "exit", "deadline", "idle",
                                       "signal", "error" };
  return names[reason];
}

/* Whether SIG is sent by a step of OPT's sequence (and can be taken).  */
bool
term_sends (struct gt_options const *opt, int sig)
{
  if (sig == 0 || sig == SIGKILL || sig == SIGSTOP || sig == SIGCONT
      || sig == SIGCHLD)
    return false;
  for (size_t i = 0; i < opt->nsteps; i++)
    if (opt->steps[i].sig == sig)
      return true;
  return false;
}

/* Prepare T for OPT: a hook restores ORIGIN, signals go through SEND,
   and ALIVE tells whether anything is left; both get SEND_ARG.  */
void
term_init (struct termination *t, struct gt_options const *opt,
           struct spawn_origin const *origin, term_send_fn send,
           term_alive_fn alive, void *send_arg)
{
  *t = (struct termination) { .opt = opt, .origin = origin, .send = send,
                              .alive = alive, .send_arg = send_arg };
}

/* Send step I as SIG (step 1 may be a received signal) and arm its
   wait.  */
static void
send_step (struct termination *t, size_t i, int sig)
{
  struct termstep const *step = &t->opt->steps[i];
  t->send (t->send_arg, sig);
  t->next_step = i + 1;
  t->step_timer.armed = false;
  if (step->has_wait)
    timer_arm (&t->step_timer, step->wait);
}

/* The pre-stop hook is over (or was never run): send step 1.  What has
   ended meanwhile gets nothing: SEND knows.  */
static void
send_first_step (struct termination *t)
{
  t->first_sent = true;
  send_step (t, 0, t->first_sig);
}

/* Run the pre-stop hook for the processes WHO, ended for REASON;
   return whether it is running.  */
static bool
run_hook (struct termination *t, enum stop_reason reason,
          struct hook_subject const *who)
{
  char why[sizeof "signal:" + SIG_NAME_MAX];
  if (reason != STOP_SIGNAL)
    strcpy (why, stop_reason_name (reason));
  else
    {
      char name[SIG_NAME_MAX];
      snprintf (why, sizeof why, "signal:%s", sig_name (t->first_sig, name));
    }
  if (t->opt->verbose)
    diag (0, _("running the pre-stop hook %s"), quote (t->opt->pre_stop));
  t->hook = hook_start (t->origin, t->opt->pre_stop, who, why);
  if (t->hook <= 0)
    {
      t->hook = 0;
      return false;
    }
  timer_arm (&t->hook_timer, t->opt->pre_stop_timeout);
  return true;
}

/* Start the termination of the processes WHO for REASON, with SIG as
   step 1's signal.  It starts once: whatever happens later only
   forwards.  */
void
term_start (struct termination *t, enum stop_reason reason, int sig,
            struct hook_subject const *who)
{
  t->started = true;
  t->first_sig = sig;
  timer_arm (&t->grace_timer, t->opt->grace);
  if (!t->opt->pre_stop || !run_hook (t, reason, who))
    send_first_step (t);
}

/* COMMAND has ended and, with --tree, left processes behind: they get
   the sequence at once, without the hook (nothing asked to stop).  */
void
term_start_leftovers (struct termination *t)
{
  t->started = true;
  t->first_sig = t->opt->steps[0].sig;
  timer_arm (&t->grace_timer, t->opt->grace);
  send_first_step (t);
}

/* A terminating signal SIG was received during the termination: pass
   it on, once step 1 is out (the hook may still be running).  */
void
term_forward (struct termination *t, int sig)
{
  if (t->first_sent)
    t->send (t->send_arg, sig);
}

/* The grace period of T has run out: kill the hook if it still runs,
   and send the last step's signal at once, the waits before it cut
   short.  */
static void
cut_short (struct termination *t)
{
  if (t->hook && !t->hook_killed)
    {
      hook_kill (t->hook);
      t->hook_killed = true;
    }
  t->hook_timer.armed = false;
  t->step_timer.armed = false;
  t->first_sent = true;
  if (!t->alive (t->send_arg))
    return;
  t->grace_expired = true;
  if (t->opt->verbose)
    diag (0, _("the grace period ran out; cutting the termination short"));
  size_t last = t->opt->nsteps - 1;
  t->send (t->send_arg, t->opt->steps[last].sig);
  t->next_step = t->opt->nsteps;
}

/* Act on whatever of T's deadlines is due at NOW: the grace period
   runs out, the hook runs out of time, or a step's wait ends.  */
void
term_expire (struct termination *t, struct timespec now)
{
  if (timer_fired (&t->grace_timer, now))
    cut_short (t);
  if (timer_fired (&t->hook_timer, now) && t->hook)
    {
      /* It is reaped later; its pid stays ours until then.  */
      hook_kill (t->hook);
      t->hook_killed = true;
      send_first_step (t);
    }
  if (timer_fired (&t->step_timer, now) && t->next_step < t->opt->nsteps)
    send_step (t, t->next_step, t->opt->steps[t->next_step].sig);
}

/* Process PID, reaped, ended with wait status STATUS.  If it is the
   hook, go on with step 1 and return true.  */
bool
term_reaped (struct termination *t, pid_t pid, int status)
{
  if (!t->hook || pid != t->hook)
    return false;
  t->hook = 0;
  if (!t->hook_killed)
    hook_report_end (status);
  t->hook_timer.armed = false;
  if (!t->first_sent)
    send_first_step (t);
  return true;
}

/* Fold T's deadlines into the earliest deadline *AT, which holds one
   if ANY.  Return whether *AT holds one now.  */
bool
term_next_deadline (struct termination const *t, struct timespec *at,
                    bool any)
{
  any = timer_earliest (&t->grace_timer, at, any);
  any = timer_earliest (&t->step_timer, at, any);
  return timer_earliest (&t->hook_timer, at, any);
}
