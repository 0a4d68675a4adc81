/* group.c -- signal COMMAND's process group.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   Like GNU timeout, graceful-timeout leads the process group that
   COMMAND runs in, so that COMMAND stays in the terminal's foreground
   job when started from a shell prompt.  A signal sent to the group
   reaches graceful-timeout too: the ones it can block it takes and drops
   as its own; KILL and STOP it cannot, so those go to every other member
   one by one, and graceful-timeout lives on to reap COMMAND and report
   (GNU timeout dies of its own KILL).  */

#include "system.h"
#include "group.h"

#include <signal.h>
#include <unistd.h>

#include "procfs.h"

struct group_scan
{
  pid_t pgid;
  pid_t self;
  int sig;
  struct proc_set done;         /* Members signalled so far.  */
  bool found;                   /* Whether this pass found a new one.  */
};

/* procfs_each callback: signal INFO if it is a live member of the group
   in SCAN that has not been signalled yet.  */
static void
signal_member (struct proc_info const *info, void *scan_arg)
{
  struct group_scan *scan = scan_arg;
  if (info->pgrp != scan->pgid || info->pid == scan->self
      || info->state == 'Z' || proc_set_has (&scan->done, info))
    return;
  proc_signal (info, scan->sig);
  proc_set_add (&scan->done, info);
  scan->found = true;
}

/* Send SIG to every process in process group PGID but this one.  */
void
group_signal (pid_t pgid, int sig)
{
  if (sig != SIGKILL && sig != SIGSTOP)
    {
      kill (-pgid, sig);
      return;
    }

  /* A member may fork between two passes; its child joins the group
     and is found by the next pass.  A process with KILL pending cannot
     fork, so the passes end.  */
  struct group_scan scan = { pgid, getpid (), sig, { NULL, 0, 0 }, true };
  while (scan.found)
    {
      scan.found = false;
      if (!procfs_each (signal_member, &scan))
        {
          kill (-pgid, sig);
          break;
        }
    }
  proc_set_free (&scan.done);
}
