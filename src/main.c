/* graceful-timeout -- run a command with a time limit, and end it gracefully
   Copyright (C) 2026 The graceful-timeout authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   This program is distributed in the hope that it will be useful,
   but WITHOUT ANY WARRANTY; without even the implied warranty of
   MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
   GNU General Public License for more details.

   You should have received a copy of the GNU General Public License
   along with this program.  If not, see <https://www.gnu.org/licenses/>.

   The command line: options become a struct gt_options, which
   supervise () carries out.  Every error in the command line is reported
   here, before COMMAND runs, with exit status 125.  */

#include "system.h"

#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <string.h>

#include "closeout.h"
#include "duration.h"
#include "error.h"
#include "mapping.h"
#include "quote.h"
#include "signals.h"
#include "spawn.h"
#include "supervise.h"
#include "timespec.h"
#include "termseq.h"
#include "tree.h"
#include "xalloc.h"

#define PROGRAM_NAME "graceful-timeout"

/* Long options without a short equivalent.  */
enum
{
  LIST_SIGNALS_OPTION = CHAR_MAX + 1,
  IDLE_TIMEOUT_OPTION,
  PASS_OPTION,
  REPORT_OPTION,
  TREE_OPTION,
  PRE_STOP_OPTION,
  PRE_STOP_TIMEOUT_OPTION,
  TERMSEQ_OPTION,
  REWRITE_OPTION,
  GRACE_OPTION,
  MAP_STATUS_OPTION,
  HELP_OPTION,
  VERSION_OPTION
};

static struct option const long_options[] =
{
  { "foreground", no_argument, NULL, 'f' },
  { "kill-after", required_argument, NULL, 'k' },
  { "preserve-status", no_argument, NULL, 'p' },
  { "signal", required_argument, NULL, 's' },
  { "verbose", no_argument, NULL, 'v' },
  { "termseq", required_argument, NULL, TERMSEQ_OPTION },
  { "pre-stop", required_argument, NULL, PRE_STOP_OPTION },
  { "pre-stop-timeout", required_argument, NULL, PRE_STOP_TIMEOUT_OPTION },
  { "pass", required_argument, NULL, PASS_OPTION },
  { "rewrite", required_argument, NULL, REWRITE_OPTION },
  { "grace", required_argument, NULL, GRACE_OPTION },
  { "map-status", required_argument, NULL, MAP_STATUS_OPTION },
  { "idle-timeout", required_argument, NULL, IDLE_TIMEOUT_OPTION },
  { "report", required_argument, NULL, REPORT_OPTION },
  { "tree", no_argument, NULL, TREE_OPTION },
  { "list-signals", no_argument, NULL, LIST_SIGNALS_OPTION },
  { "help", no_argument, NULL, HELP_OPTION },
  { "version", no_argument, NULL, VERSION_OPTION },
  { NULL, 0, NULL, 0 }
};

/* Print the help text and exit with STATUS; for an error, print only
   the line that points to --help.  */
static _Noreturn void
usage (int status)
{
  if (status != EXIT_SUCCESS)
    {
      emit_try_help ();
      exit (status);
    }
  printf (_("\
Usage: %s [OPTION]... DURATION COMMAND [ARG]...\n\
  or:  %s --list-signals\n"), program_name, program_name);
  fputs (_("\
Start COMMAND, and end it gracefully if still running after DURATION.\n\
\n\
Mandatory arguments to long options are mandatory for short options too.\n\
"), stdout);
  fputs (_("\
  -f, --foreground\n\
                 when not running graceful-timeout directly from a shell\n\
                   prompt, allow COMMAND to read from the TTY and get TTY\n\
                   signals; in this mode, children of COMMAND will not be\n\
                   timed out\n\
  -k, --kill-after=DURATION\n\
                 also send a KILL signal if COMMAND is still running\n\
                   this long after the initial signal was sent\n\
  -p, --preserve-status\n\
                 exit with the same status as COMMAND,\n\
                   even when the command times out\n\
  -s, --signal=SIGNAL\n\
                 specify the signal to be sent on timeout;\n\
                   SIGNAL may be a name like 'HUP' or a number;\n\
                   see --list-signals for a list of signals\n\
  -v, --verbose  diagnose to standard error any signal sent upon timeout\n\
"), stdout);
  fputs (_("\
      --termseq=SEQ\n\
                 the termination sequence SIGNAL[:DURATION][,...]: send\n\
                   each SIGNAL in turn, waiting up to its DURATION for\n\
                   COMMAND to end; only the last may omit DURATION;\n\
                   -s S -k D is --termseq=S:D,KILL\n\
      --pre-stop=COMMAND\n\
                 before the first signal of a termination, run\n\
                   '/bin/sh -c COMMAND' with GRACEFUL_TIMEOUT_PID,\n\
                   GRACEFUL_TIMEOUT_PGID, with --tree GRACEFUL_TIMEOUT_PIDS\n\
                   (every pid of the tree), and GRACEFUL_TIMEOUT_REASON\n\
                   (deadline, idle, signal:NAME)\n\
      --pre-stop-timeout=DURATION\n\
                 kill the pre-stop hook after DURATION (default 5s)\n\
      --pass=SIGNALS\n\
                 forward these comma-separated signals to COMMAND\n\
                   without starting termination (e.g. HUP,USR1)\n\
      --rewrite=FROM:TO[,...]\n\
                 act on a received signal FROM as on TO: forward TO,\n\
                   and if TO terminates, start the termination with it\n\
                   as step 1; TO 0 ignores FROM (e.g. TERM:QUIT)\n\
      --grace=DURATION\n\
                 bound the whole termination, pre-stop hook included,\n\
                   by DURATION: then send the sequence's last signal\n\
                   at once to everything still running\n\
      --map-status=FROM:TO[,...]\n\
                 after a termination, exit with TO where COMMAND's\n\
                   status is FROM (128+N for death by signal N);\n\
                   e.g. 143:0\n\
      --idle-timeout=DURATION\n\
                 also time out when COMMAND has written nothing to\n\
                   stdout or stderr for DURATION; its output is then\n\
                   relayed through pipes, every byte of it\n\
      --tree     the job is the whole process tree: signal every\n\
                   descendant at each step, even those that left the\n\
                   process group or session, and when COMMAND exits, end\n\
                   what it left behind the same way before exiting\n\
      --report=FILE\n\
                 when done, write a JSON report of the run to FILE\n\
                   ('-' for standard error)\n\
"), stdout);
  fputs (_("\
      --list-signals  list the signal names and numbers, and exit\n\
      --help     display this help and exit\n\
      --version  output version information and exit\n\
"), stdout);
  fputs (_("\
\n\
DURATION is a floating point number with an optional suffix:\n\
's' for seconds (the default), 'm' for minutes, 'h' for hours or 'd' for days.\n\
A duration of 0 disables the associated timeout.\n\
\n\
Upon timeout, send the TERM signal to COMMAND, if no other SIGNAL specified.\n\
The TERM signal kills any process that does not block or catch that signal.\n\
It may be necessary to use the KILL signal, since this signal can't be caught.\n\
"), stdout);
  fputs (_("\
\n\
Exit status:\n\
  124  if COMMAND times out, and --preserve-status is not specified\n\
  125  if the graceful-timeout command itself fails\n\
  126  if COMMAND is found but cannot be invoked\n\
  127  if COMMAND cannot be found\n\
  137  if COMMAND (or graceful-timeout itself) is sent the KILL (9) signal\n\
  128+N  with --preserve-status, if COMMAND dies of signal N after timing out\n\
  -    the exit status of COMMAND otherwise; if it dies of signal N,\n\
       graceful-timeout dies of signal N too (a shell shows 128+N)\n\
"), stdout);
  printf (_("\nReport bugs to: %s\n"), PACKAGE_BUGREPORT);
  fputs (_("Full documentation: info graceful-timeout\n"), stdout);
  exit (status);
}

/* Print the version and licence, GNU style, and exit.  */
static _Noreturn void
version (void)
{
  printf ("%s %s\n", PROGRAM_NAME, PACKAGE_VERSION);
  fputs (_("\
Copyright (C) 2026 The graceful-timeout authors.\n\
License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n\
This is free software: you are free to change and redistribute it.\n\
There is NO WARRANTY, to the extent permitted by law.\n\
"), stdout);
  exit (EXIT_SUCCESS);
}

/* Print the signal table, one signal a line, and exit.  */
static _Noreturn void
list_signals (void)
{
  for (int sig = 1; sig <= sig_max (); sig++)
    if (sig_is_named (sig))
      {
        char name[SIG_NAME_MAX];
        printf ("%2d %-9s %s\n", sig, sig_name (sig, name),
                _(sig_description (sig)));
      }
  exit (EXIT_SUCCESS);
}

/* Parse the DURATION in STR, or exit with a usage error.  */
static struct timespec
parse_duration (char const *str)
{
  struct timespec d;
  if (!duration_parse (str, &d))
    {
      error (0, 0, _("invalid time interval %s"), quote (str));
      usage (EXIT_CANCELED);
    }
  return d;
}

/* Parse the SIGNAL in STR, or exit with a usage error.  */
static int
parse_signal (char const *str)
{
  int sig = sig_parse (str);
  if (sig < 0)
    {
      error (0, 0, _("%s: invalid signal"), quote (str));
      usage (EXIT_CANCELED);
    }
  return sig;
}

/* Parse the --termseq SEQ into OPT, replacing any earlier one (the
   last wins, as for -k), or exit with a usage error.  */
static void
parse_termseq (char const *seq, struct gt_options *opt)
{
  struct termseq_failure f;
  struct termstep *steps;
  size_t nsteps;
  switch (termseq_parse (seq, &steps, &nsteps, &f))
    {
    case TERMSEQ_OK:
      free (opt->steps);
      opt->steps = steps;
      opt->nsteps = nsteps;
      return;
    case TERMSEQ_EMPTY_STEP:
      error (0, 0, _("empty step in termination sequence %s"), quote (seq));
      break;
    case TERMSEQ_BAD_SIGNAL:
      error (0, 0, _("invalid signal %s in termination sequence %s"),
             quote_n (0, f.text), quote_n (1, seq));
      break;
    case TERMSEQ_BAD_DURATION:
      error (0, 0, _("invalid time interval %s in termination sequence %s"),
             quote_n (0, f.text), quote_n (1, seq));
      break;
    case TERMSEQ_NO_DURATION:
      error (0, 0, _("step %s of termination sequence %s needs a DURATION:"
                     " only the last step may omit it"),
             quote_n (0, f.text), quote_n (1, seq));
      break;
    }
  free (f.text);
  usage (EXIT_CANCELED);
}

/* Whether SIG may be named in --pass: it must be caught to be passed,
   and CHLD is how COMMAND's end is noticed.  */
static bool
passable (int sig)
{
  return sig != SIGCHLD && sig_can_catch (sig);
}

/* Parse the --pass list ARG of signals into OPT, or exit with a usage
   error.  ARG itself is left alone: it is what ps shows.  */
static void
parse_pass (char const *arg, struct gt_options *opt)
{
  struct sig_list_failure f;
  switch (sig_parse_list (arg, passable, &opt->pass, &f))
    {
    case SIG_LIST_OK:
      return;
    case SIG_LIST_EMPTY:
      error (0, 0, _("empty signal in --pass list %s"), quote (arg));
      break;
    case SIG_LIST_BAD_SIGNAL:
      error (0, 0, _("%s: invalid signal"), quote (f.text));
      break;
    case SIG_LIST_REFUSED:
      error (0, 0, _("%s: this signal cannot be passed"), quote (f.text));
      break;
    }
  free (f.text);
  usage (EXIT_CANCELED);
}

/* Parse the --rewrite list ARG of FROM:TO signals into OPT, or exit
   with a usage error.  A FROM must be one --pass could name: it must be
   caught to be rewritten.  */
static void
parse_rewrite (char const *arg, struct gt_options *opt)
{
  struct map_failure f;
  switch (rewrite_parse (arg, passable, &opt->rewrites, &f))
    {
    case MAP_OK:
      return;
    case MAP_EMPTY:
      error (0, 0, _("empty rewrite in --rewrite list %s"), quote (arg));
      break;
    case MAP_NO_PAIR:
      error (0, 0, _("invalid rewrite %s: expected FROM:TO"), quote (f.text));
      break;
    case MAP_BAD_VALUE:
      error (0, 0, _("%s: invalid signal"), quote (f.text));
      break;
    case MAP_REFUSED:
      error (0, 0, _("%s: this signal cannot be rewritten"), quote (f.text));
      break;
    case MAP_DUPLICATE:
      error (0, 0, _("signal %s is rewritten twice"), quote (f.text));
      break;
    }
  free (f.text);
  usage (EXIT_CANCELED);
}

/* Parse the --map-status list ARG of FROM:TO statuses into OPT, or exit
   with a usage error.  */
static void
parse_map_status (char const *arg, struct gt_options *opt)
{
  struct map_failure f;
  switch (status_map_parse (arg, &opt->status_map, &f))
    {
    case MAP_OK:
      return;
    case MAP_EMPTY:
      error (0, 0, _("empty mapping in --map-status list %s"), quote (arg));
      break;
    case MAP_NO_PAIR:
      error (0, 0, _("invalid status mapping %s: expected FROM:TO"),
             quote (f.text));
      break;
    case MAP_BAD_VALUE:
    case MAP_REFUSED:
      error (0, 0, _("%s: invalid exit status: expected 0 to 255"),
             quote (f.text));
      break;
    case MAP_DUPLICATE:
      error (0, 0, _("status %s is mapped twice"), quote (f.text));
      break;
    }
  free (f.text);
  usage (EXIT_CANCELED);
}

/* Exit with a usage error if a signal is both in OPT's --pass and
   rewritten: which of the two was meant cannot be told.  */
static void
check_rewrites (struct gt_options const *opt)
{
  for (size_t i = 0; i < opt->rewrites.count; i++)
    if (sigismember (&opt->pass, opt->rewrites.pairs[i].from))
      {
        char name[SIG_NAME_MAX];
        error (0, 0, _("signal %s cannot be both passed and rewritten"),
               quote (sig_name (opt->rewrites.pairs[i].from, name)));
        usage (EXIT_CANCELED);
      }
}

/* Build the termination sequence of "-s SIG [-k KILL_AFTER]":
   SIG, then KILL after KILL_AFTER unless that is zero.  */
static void
gnu_termseq (struct gt_options *opt, int sig, struct timespec kill_after)
{
  bool escalate = !duration_is_zero (kill_after);
  opt->nsteps = escalate ? 2 : 1;
  opt->steps = xcalloc (opt->nsteps, sizeof *opt->steps);
  opt->steps[0].sig = sig;
  if (escalate)
    {
      opt->steps[0].wait = kill_after;
      opt->steps[0].has_wait = true;
      opt->steps[1].sig = SIGKILL;
    }
}

/* Parse the command line ARGC, ARGV into *OPT; exit on error.  */
static void
parse_args (int argc, char **argv, struct gt_options *opt)
{
  int sig = SIGTERM;
  struct timespec kill_after = { 0, 0 };
  bool gnu_options = false;
  bool termseq = false;
  int c;

  sigemptyset (&opt->pass);
  opt->pre_stop_timeout = make_timespec (5, 0);

  while ((c = getopt_long (argc, argv, "+fk:ps:v", long_options, NULL))
         != -1)
    switch (c)
      {
      case 'f': opt->foreground = true; break;
      case 'k':
        kill_after = parse_duration (optarg);
        gnu_options = true;
        break;
      case 'p': opt->preserve_status = true; break;
      case 's':
        sig = parse_signal (optarg);
        gnu_options = true;
        break;
      case TERMSEQ_OPTION:
        parse_termseq (optarg, opt);
        termseq = true;
        break;
      case PRE_STOP_OPTION: opt->pre_stop = optarg; break;
      case PRE_STOP_TIMEOUT_OPTION:
        opt->pre_stop_timeout = parse_duration (optarg);
        break;
      case PASS_OPTION: parse_pass (optarg, opt); break;
      case REWRITE_OPTION: parse_rewrite (optarg, opt); break;
      case GRACE_OPTION: opt->grace = parse_duration (optarg); break;
      case MAP_STATUS_OPTION: parse_map_status (optarg, opt); break;
      case IDLE_TIMEOUT_OPTION:
        opt->idle = parse_duration (optarg);
        break;
      case REPORT_OPTION: opt->report = optarg; break;
      case TREE_OPTION:
        if (!tree_supported ())
          error (EXIT_CANCELED, 0, _("--tree is not supported on this"
                                     " system: it needs a child subreaper"));
        opt->tree = true;
        break;
      case 'v': opt->verbose = true; break;
      case LIST_SIGNALS_OPTION: list_signals ();
      case HELP_OPTION: usage (EXIT_SUCCESS);
      case VERSION_OPTION: version ();
      default: usage (EXIT_CANCELED);
      }

  if (termseq && gnu_options)
    {
      error (0, 0, _("--termseq cannot be combined with -s or -k"));
      usage (EXIT_CANCELED);
    }
  check_rewrites (opt);
  if (argc - optind < 2)
    usage (EXIT_CANCELED);
  opt->duration = parse_duration (argv[optind]);
  opt->argv = argv + optind + 1;
  if (!termseq)
    gnu_termseq (opt, sig, kill_after);
}

int
main (int argc, char **argv)
{
  struct gt_options opt = { 0 };
  spawn_hold_closed_std (opt.std_closed);
  set_program_name (argv[0]);
  /* Only the categories we use: loading all twelve was a third of
     our start-up.  Messages, characters (quoting), numbers (DURATION).  */
  setlocale (LC_MESSAGES, "");
  setlocale (LC_CTYPE, "");
  setlocale (LC_NUMERIC, "");
  /* Their results only echo their arguments; without NLS, gettext.h
     makes them expressions that would otherwise have no effect.  */
  (void) bindtextdomain (PACKAGE, LOCALEDIR);
  (void) textdomain (PACKAGE);
  initialize_exit_failure (EXIT_CANCELED);
  atexit (close_stdout);

  parse_args (argc, argv, &opt);
  int status = supervise (&opt);
  free (opt.steps);
  map_free (&opt.rewrites);
  map_free (&opt.status_map);
  return status;
}
