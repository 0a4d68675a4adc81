/* group.c -- signal COMMAND's process group.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   Like GNU timeout, graceful-timeout leads the process group that
   COMMAND runs in, so that COMMAND stays in the terminal's foreground
   job when started from a shell prompt.  A signal sent to the group
   reaches graceful-timeout too: the ones it can block it takes and drops
   as its own; KILL and STOP it cannot, nor glibc's internal signals (32
   and 33), so those go to every other member one by one, and
   graceful-timeout lives on to reap COMMAND and report (GNU timeout
   dies of its own KILL).  */

#include "system.h"
#include "group.h"

#include <signal.h>
#include <unistd.h>

#include "procfs.h"

struct group_scan
{
  pid_t pgid;
  pid_t self;
  pid_t known;                  /* Signalled already, not counted.  */
  int sig;
  struct proc_set done;         /* Members signalled so far.  */
  bool send;                    /* Send SIG; else only count.  */
  bool found;                   /* Whether this pass found a new one.  */
};

/* procfs_each callback: signal INFO if it is a live member of the group
   in SCAN that has not been signalled yet.  */
static void
signal_member (struct proc_info const *info, void *scan_arg)
{
  struct group_scan *scan = scan_arg;
  if (info->pgrp != scan->pgid || info->pid == scan->self
      || info->pid == scan->known || info->state == 'Z'
      || proc_set_has (&scan->done, info))
    return;
  struct proc_info member = *info;
  if (scan->send)
    {
      if (!proc_pin (&member))
        return;
      proc_signal (&member, scan->sig);
    }
  proc_set_add (&scan->done, &member);
  scan->found = true;
}

/* Find the members of process group PGID but this one and KNOWN; with
   SEND, signal each with SIG, passing again until no new member
   appears.  Return how many there were, or -1 if /proc cannot tell.  */
static long
scan_group (pid_t pgid, pid_t known, int sig, bool send)
{
  /* A member may fork between two passes; its child joins the group
     and is found by the next pass.  A process with KILL pending cannot
     fork, so the passes end.  */
  struct group_scan scan = { pgid, getpid (), known, sig, { NULL, 0, 0 },
                             send, true };
  long n = -1;
  while (scan.found)
    {
      scan.found = false;
      if (!procfs_each (signal_member, &scan))
        break;
      n = scan.done.count;
      if (!send)
        break;
    }
  proc_set_free (&scan.done);
  return n;
}

/* Whether SIG, sent to our own group, would reach us at its default
   action: KILL and STOP, and a signal we cannot block (glibc's 32 and
   33) unless it is ignored.  CONT does no harm.  */
static bool
hurts_sender (int sig)
{
  if (sig == SIGKILL || sig == SIGSTOP)
    return true;
  if (sig == SIGCONT || sig == 0)
    return false;
  sigset_t mask;
  struct sigaction sa;
  if (sigprocmask (SIG_BLOCK, NULL, &mask) == 0
      && sigismember (&mask, sig) == 1)
    return false;
  return sigaction (sig, NULL, &sa) != 0 || sa.sa_handler != SIG_IGN;
}

/* Send SIG to every process in process group PGID but this one and
   KNOWN, which the caller has signalled already.  If COUNT, or if SIG
   would hurt us (KILL, STOP, 32, 33), return how many there were besides
   KNOWN (-1 if /proc cannot tell); else return -1.  */
long
group_signal (pid_t pgid, pid_t known, int sig, bool count)
{
  bool one_by_one = hurts_sender (sig);
  long n = (one_by_one || count
            ? scan_group (pgid, known, sig, one_by_one) : -1);
  /* Without /proc, KILL goes to the group as GNU sends it, us too.  */
  if (!one_by_one || n < 0)
    kill (-pgid, sig);
  return n;
}
