/* report.h -- the JSON report of a run, for --report.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later  */

#ifndef GT_REPORT_H
#define GT_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

/* One signal sent.  */
struct report_signal
{
  int sig;
  struct timespec at;           /* CLOCK_MONOTONIC.  */
  char const *target;           /* "command", "group" or "tree".  */
  long processes;               /* How many it reached; -1 if unknown.  */
};

/* What a run's report says.  */
struct report_run
{
  char *const *argv;
  pid_t pid;
  char const *reason;           /* exit, deadline, idle or signal.  */
  int wait_status;              /* COMMAND's.  */
  int status;                   /* graceful-timeout's own.  */
  double user_s;
  double sys_s;
  long max_rss_kb;
};

/* A report being gathered: where it goes, and the signals sent.  */
struct report
{
  char *path;                   /* FILE, or NULL for standard error.  */
  char *tmp_path;               /* The temporary file beside FILE.  */
  int fd;                       /* Open on TMP_PATH.  */
  struct timespec start_mono;
  struct timespec start_real;
  struct report_signal *signals;
  size_t nsignals;
  size_t allocated;
};

bool report_open (struct report *rep, char const *file);
void report_signal (struct report *rep, int sig, char const *target,
                    long processes);
bool report_write (struct report *rep, struct report_run const *run);

#endif /* GT_REPORT_H */
