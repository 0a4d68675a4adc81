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

/* What a run's report says (report.c's header comment has the JSON).  */
struct report_run
{
  char *const *argv;
  pid_t pid;                    /* COMMAND's; 0 or less if none.  */
  char const *reason;           /* exit, deadline, idle, signal or error.  */
  bool ended;                   /* COMMAND ran and was reaped.  */
  int wait_status;              /* COMMAND's, if ENDED.  */
  int status;                   /* graceful-timeout's own.  */
  bool grace_expired;           /* --grace cut the termination short.  */
  double user_s;
  double sys_s;
  long max_rss_kb;
  int output_errno[2];          /* Relay errors on stdout, stderr; or 0.  */
};

/* Where a report goes.  */
enum report_kind
{
  REPORT_FILE,                  /* A regular file, replaced by rename.  */
  REPORT_DEVICE,                /* A device or FIFO, written in place.  */
  REPORT_DESCRIPTOR             /* "-", /dev/stdout, /dev/fd/N...  */
};

/* A report being gathered: where it goes, and the signals sent.  */
struct report
{
  enum report_kind kind;
  char *path;                   /* FILE, symlinks followed; or NULL.  */
  int fd;                       /* REPORT_DESCRIPTOR's, duplicated.  */
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
