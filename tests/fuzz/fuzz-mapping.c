/* fuzz-mapping.c -- libFuzzer harness for rewrite_parse and
   status_map_parse, as --rewrite and --map-status use them.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   Every input goes through both parsers.  Properties, checked against
   the input text itself: the list holds one pair per comma-separated
   item before any failure, each pair the values of its item's two
   sides around the first ':', each FROM once, each rewrite's FROM
   accepted; a success took every item; a failure names text of the
   input that really is empty, not a pair, a bad value, refused, or a
   FROM seen before.  */

#include <config.h>

#include <signal.h>

#include "fuzz.h"
#include "mapping.h"
#include "signals.h"

/* One side of a pair: a signal (--rewrite) or a status (--map-status).
   Store its value in *VALUE; return whether it is one.  */
typedef bool (*value_fn) (char const *text, int *value);

/* What --rewrite accepts as FROM: what --pass does.  */
static bool
rewritable (int sig)
{
  return sig != SIGCHLD && sig_can_catch (sig);
}

/* Store the signal TEXT names in *VALUE; return whether it names one
   (0 included: a TO of 0 drops FROM).  */
static bool
signal_value (char const *text, int *value)
{
  *value = sig_parse (text);
  return 0 <= *value;
}

/* Store the status TEXT gives in *VALUE; return whether it is 0 to 255
   in decimal, leading zeros allowed.  Written apart from mapping.c's
   loop, so the two check each other.  */
static bool
status_value (char const *text, int *value)
{
  size_t len = strlen (text);
  if (!len || strspn (text, "0123456789") != len)
    return false;
  while (len > 1 && *text == '0')
    text++, len--;
  if (len > 3 || 255 < atoi (text))
    return false;
  *value = atoi (text);
  return true;
}

/* Whether the item ITEM, LEN bytes long, is a FROM:TO pair whose sides
   VALUE takes; store them in *FROM and *TO.  */
static bool
item_pair (char const *item, size_t len, value_fn value, int *from, int *to)
{
  char *text = strndup (item, len);
  char *colon = strchr (text, ':');
  bool ok = colon && colon != text && colon[1];
  if (ok)
    {
      *colon = '\0';
      ok = value (text, from) && value (colon + 1, to);
    }
  free (text);
  return ok;
}

/* Check the pairs of LIST parsed from STR with VALUE (FROM accepted by
   ACCEPT if not NULL): LIST->count items of STR, in order, each FROM
   once.  Return a pointer to the first item LIST does not hold.  */
static char const *
check_pairs (char const *str, struct map_list const *list, value_fn value,
             bool (*accept) (int))
{
  char const *item = str;
  for (size_t i = 0; i < list->count; i++)
    {
      size_t len = strcspn (item, ",");
      int from, to;
      fuzz_assert (len && item_pair (item, len, value, &from, &to), str);
      fuzz_assert (list->pairs[i].from == from && list->pairs[i].to == to,
                   str);
      fuzz_assert (!accept || accept (from), str);
      for (size_t j = 0; j < i; j++)
        fuzz_assert (list->pairs[j].from != from, str);
      item += len;
      fuzz_assert (*item == ',' || (!*item && i + 1 == list->count), str);
      if (*item)
        item++;
    }
  return item;
}

/* Check that FAILURE, from parsing STR with VALUE and ACCEPT into
   LIST, describes the item at ITEM, the first one LIST lacks.  */
static void
check_failure (char const *str, char const *item, value_fn value,
               bool (*accept) (int), struct map_list const *list,
               struct map_failure const *failure)
{
  char const *text = failure->text;
  size_t len = strcspn (item, ",");
  int v, unused;
  fuzz_assert (text && strstr (str, text), str);
  switch (failure->error)
    {
    case MAP_EMPTY:
      fuzz_assert (!len && !strcmp (text, str), str);
      break;
    case MAP_NO_PAIR:
      fuzz_assert (len && strlen (text) == len && !strncmp (text, item, len),
                   str);
      fuzz_assert (!strchr (text, ':') || *text == ':'
                   || !strchr (text, ':')[1], str);
      break;
    case MAP_BAD_VALUE:
      fuzz_assert (!value (text, &v) && !strchr (text, ','), str);
      break;
    case MAP_REFUSED:
      fuzz_assert (accept && value (text, &v) && !accept (v), str);
      break;
    case MAP_DUPLICATE:
      fuzz_assert (value (text, &v) && map_lookup (list, v, &unused), str);
      break;
    default:
      fuzz_assert (!"a known error", str);
    }
}

/* Parse STR with the parser of VALUE (rewrite_parse with ACCEPT, or
   status_map_parse) and check what it says.  */
static void
check (char const *str, value_fn value, bool (*accept) (int))
{
  struct map_list list = { NULL, 0 };
  struct map_failure failure = { MAP_OK, NULL };
  enum map_error error = (value == signal_value
                          ? rewrite_parse (str, accept, &list, &failure)
                          : status_map_parse (str, &list, &failure));
  char const *rest = check_pairs (str, &list, value, accept);
  if (error == MAP_OK)
    fuzz_assert (!*rest && list.count, str);
  else
    {
      check_failure (str, rest, value, accept, &list, &failure);
      free (failure.text);
    }
  map_free (&list);
}

int
LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  char *str = fuzz_string (data, size);
  if (!str)
    return 0;
  check (str, signal_value, rewritable);
  check (str, status_value, NULL);
  free (str);
  return 0;
}
