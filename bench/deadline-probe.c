/* deadline-probe.c -- a COMMAND that says how long after its start the
   first terminating signal came, so that a supervisor's lateness on a
   deadline is seen without its start-up and exit around it.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   Usage: deadline-probe FILE
   Waits for TERM, INT, HUP or ALRM, appends the milliseconds since it
   started to FILE, and exits 0.  */

#include <signal.h>
#include <stdio.h>
#include <time.h>

int
main (int argc, char **argv)
{
  struct timespec start, end;
  clock_gettime (CLOCK_MONOTONIC, &start);
  sigset_t set;
  sigemptyset (&set);
  sigaddset (&set, SIGTERM);
  sigaddset (&set, SIGINT);
  sigaddset (&set, SIGHUP);
  sigaddset (&set, SIGALRM);
  sigprocmask (SIG_BLOCK, &set, NULL);
  if (argc != 2 || sigwaitinfo (&set, NULL) < 0)
    return 2;
  clock_gettime (CLOCK_MONOTONIC, &end);
  FILE *f = fopen (argv[1], "a");
  if (!f)
    return 2;
  fprintf (f, "%.3f\n", (end.tv_sec - start.tv_sec) * 1e3
                        + (end.tv_nsec - start.tv_nsec) / 1e6);
  return fclose (f) != 0;
}
