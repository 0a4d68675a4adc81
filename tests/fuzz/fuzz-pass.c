/* fuzz-pass.c -- libFuzzer harness for sig_parse_list, as --pass uses it.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   Properties: a parsed list holds exactly the signals its items name,
   each accepted, at least one; a failure names the item that caused
   it, and that item really is empty, invalid or refused.  */

#include <config.h>

#include <signal.h>

#include "fuzz.h"
#include "signals.h"

/* What --pass accepts: a signal that can be caught, but not CHLD.  */
static bool
passable (int sig)
{
  return sig != SIGCHLD && sig_can_catch (sig);
}

/* Check that SET holds exactly the signals named by the items of STR
   (and that every item names one).  */
static void
check_set (char const *str, sigset_t const *set)
{
  sigset_t named;
  sigemptyset (&named);
  for (char const *item = str;; item++)
    {
      size_t len = strcspn (item, ",");
      char *text = strndup (item, len);
      int sig = sig_parse (text);
      fuzz_assert (sig > 0 && passable (sig), str);
      sigaddset (&named, sig);
      free (text);
      item += len;
      if (!*item)
        break;
    }
  for (int sig = 1; sig <= sig_max (); sig++)
    fuzz_assert (sigismember (set, sig) == sigismember (&named, sig), str);
}

/* Check that FAILURE describes an item of STR that is wrong.  */
static void
check_failure (char const *str, struct sig_list_failure const *failure)
{
  char const *text = failure->text;
  fuzz_assert (text && strstr (str, text), str);
  int sig = sig_parse (text);
  switch (failure->error)
    {
    case SIG_LIST_EMPTY:
      fuzz_assert (!*text, str);
      break;
    case SIG_LIST_BAD_SIGNAL:
      fuzz_assert (*text && sig < 0, str);
      break;
    case SIG_LIST_REFUSED:
      fuzz_assert (sig >= 0 && !passable (sig), str);
      break;
    default:
      fuzz_assert (!"a known error", str);
    }
}

int
LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  char *str = fuzz_string (data, size);
  if (!str)
    return 0;

  sigset_t set;
  sigemptyset (&set);
  struct sig_list_failure failure;
  if (sig_parse_list (str, passable, &set, &failure) == SIG_LIST_OK)
    check_set (str, &set);
  else
    {
      check_failure (str, &failure);
      free (failure.text);
    }
  free (str);
  return 0;
}
