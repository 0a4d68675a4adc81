/* terminate.h -- the termination policy: pre-stop hook, then the steps.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later  */

#ifndef GT_TERMINATE_H
#define GT_TERMINATE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#include "hook.h"
#include "spawn.h"
#include "supervise.h"
#include "timer.h"

/* Why termination started.  */
enum stop_reason
{
  STOP_NONE,
  STOP_DEADLINE,
  STOP_IDLE,
  STOP_SIGNAL,
  STOP_ERROR                    /* Only for the report.  */
};

/* How a termination signal reaches what is supervised: send SIG to it
   all (then CONT), or nothing once nothing is alive.  */
typedef void (*term_send_fn) (void *arg, int sig);

/* Whether anything supervised is still alive.  */
typedef bool (*term_alive_fn) (void *arg);

/* A termination: the hook, then the steps, each step's wait, all
   within the grace period.  */
struct termination
{
  struct gt_options const *opt;
  struct spawn_origin const *origin;  /* What the hook restores.  */
  term_send_fn send;
  term_alive_fn alive;
  void *send_arg;                /* SEND's and ALIVE's.  */

  bool started;                 /* It has begun: it begins once.  */
  int first_sig;                /* The signal step 1 sends.  */
  bool first_sent;              /* Step 1 has been sent.  */
  size_t next_step;             /* The step to send next.  */
  struct timer step_timer;      /* The current step gives up.  */
  struct timer hook_timer;      /* The hook runs out of time.  */
  pid_t hook;                   /* The hook's pid, until reaped.  */
  bool hook_killed;             /* It ran out of time and was killed.  */
  struct timer grace_timer;     /* --grace runs out.  */
  bool grace_expired;           /* It did, and cut the rest short.  */
};

char const *stop_reason_name (enum stop_reason reason);
bool term_sends (struct gt_options const *opt, int sig);
void term_init (struct termination *t, struct gt_options const *opt,
                struct spawn_origin const *origin, term_send_fn send,
                term_alive_fn alive, void *send_arg);
void term_start (struct termination *t, enum stop_reason reason, int sig,
                 struct hook_subject const *who);
void term_start_leftovers (struct termination *t);
void term_forward (struct termination *t, int sig);
void term_expire (struct termination *t, struct timespec now);
bool term_reaped (struct termination *t, pid_t pid, int status);
bool term_next_deadline (struct termination const *t, struct timespec *at,
                         bool any);

#endif /* GT_TERMINATE_H */
