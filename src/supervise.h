/* supervise.h -- run COMMAND under a time limit and end it gracefully.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later  */

#ifndef GT_SUPERVISE_H
#define GT_SUPERVISE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "mapping.h"

/* One step of a termination sequence: send SIG, then wait up to WAIT
   for COMMAND to end (forever if !HAS_WAIT) before the next step.  */
struct termstep
{
  int sig;
  struct timespec wait;
  bool has_wait;
};

/* What the command line asked for.  */
struct gt_options
{
  struct timespec duration;     /* The time limit; zero for none.  */
  struct termstep *steps;       /* The termination sequence.  */
  size_t nsteps;                /* At least 1.  */
  bool foreground;              /* -f: COMMAND only, no process group.  */
  bool preserve_status;         /* -p: COMMAND's status even on timeout.  */
  bool verbose;                 /* -v: report every signal sent.  */
  char const *pre_stop;         /* --pre-stop: a shell command, or NULL.  */
  struct timespec pre_stop_timeout;
  sigset_t pass;                /* --pass: forwarded, never terminate.  */
  struct map_list rewrites;     /* --rewrite: FROM received acts as TO.  */
  struct timespec grace;        /* --grace: bounds a termination; or 0.  */
  struct map_list status_map;   /* --map-status: FROM reported as TO.  */
  struct timespec idle;         /* --idle-timeout; zero for none.  */
  char const *report;           /* --report FILE, "-", or NULL.  */
  bool tree;                    /* --tree: every descendant.  */
  bool std_closed[3];           /* Standard fds closed when we started.  */
  char **argv;                  /* COMMAND and its arguments.  */
};

int supervise (struct gt_options const *opt);

#endif /* GT_SUPERVISE_H */
