/* outcome.c -- from COMMAND's wait status to graceful-timeout's exit.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   As GNU timeout does:

     124  the time limit passed (unless -p, or COMMAND died of KILL: 137)
     N    COMMAND's own exit status; if it died of signal N, the same
          death, raised on ourselves with core dumps disabled, so that
          our parent sees what it would have seen without us

   (125 is graceful-timeout's own failure, and 126 and 127 are the
   exit statuses of a COMMAND that could not be run: neither is decided
   here.)

   Then --map-status: after a termination we started or passed on (the
   time or idle limit, a terminating signal received), COMMAND's status
   FROM is reported as TO, a death by signal N as the status 128+N.  A
   status we make ourselves (124, and 126 or 127 for a COMMAND that
   could not be run) is never mapped.  A mapped death is not re-raised:
   TO is the exit status.  */

#include "system.h"
#include "outcome.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#if HAVE_SYS_PRCTL_H
# include <sys/prctl.h>
#endif

#include "diag.h"
#include "mapping.h"

/* How graceful-timeout ends, as OPT says, from FACTS, before
   --map-status.  */
static struct outcome
unmapped (struct gt_options const *opt, struct outcome_facts const *facts)
{
  int st = facts->wait_status;
  if (WIFEXITED (st))
    return (struct outcome) {
      facts->timed_out && !opt->preserve_status
      ? EXIT_TIMEDOUT : WEXITSTATUS (st), 0 };

  int sig = WTERMSIG (st);
  if (WCOREDUMP (st))
    diag (0, _("the monitored command dumped core"));
  if (facts->timed_out)
    return (struct outcome) {
      sig == SIGKILL || opt->preserve_status
      ? SIGNAL_STATUS (sig) : EXIT_TIMEDOUT, 0 };
  return (struct outcome) { SIGNAL_STATUS (sig), sig };
}

/* How graceful-timeout ends, as OPT says, from FACTS.  */
struct outcome
outcome_of (struct gt_options const *opt, struct outcome_facts const *facts)
{
  struct outcome o = unmapped (opt, facts);
  bool ours = facts->exec_failed
              || (facts->timed_out && o.status == EXIT_TIMEDOUT
                  && !(WIFEXITED (facts->wait_status)
                       && opt->preserve_status));
  int to;
  if (facts->terminated && !ours
      && map_lookup (&opt->status_map, o.status, &to))
    return (struct outcome) { to, 0 };
  return o;
}

/* Make our exit look like COMMAND's death by signal SIG: its parent sees
   the same death.  Return only if that could not be done.  */
void
outcome_die_like (int sig)
{
  /* The kernel does not let PID 1 die of its own signal.  */
  if (getpid () == 1)
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
