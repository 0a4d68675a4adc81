/* mapping.c -- FROM:TO lists: --rewrite's signals, --map-status's
   statuses.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   --rewrite=FROM:TO[,...] names signals with the grammar of -s (TO may
   be 0: drop FROM); --map-status=FROM:TO[,...] names exit statuses,
   0 to 255, in decimal.  Each FROM may appear once, over every use of
   the option: two meanings for one FROM is a mistake, not a wish.
   An empty item is an error, as in --pass.

   Nothing here prints or exits; main.c reports.  */

#include "system.h"
#include "mapping.h"

#include <string.h>

#include "c-ctype.h"
#include "signals.h"
#include "xalloc.h"
#include "xmemdup0.h"

/* Parse the status in TEXT, 0 to 255 in decimal, into *VALUE.  Return
   whether it is one.  */
static bool
parse_status (char const *text, int *value)
{
  int n = 0;
  if (!*text)
    return false;
  for (char const *p = text; *p; p++)
    {
      if (!c_isdigit (*p))
        return false;
      n = 10 * n + (*p - '0');
      if (255 < n)
        return false;
    }
  *value = n;
  return true;
}

/* Parse the signal in TEXT into *VALUE.  Return whether it is one.  */
static bool
parse_signal (char const *text, int *value)
{
  *value = sig_parse (text);
  return 0 <= *value;
}

/* Fill in *FAILURE with ERROR and a copy of TEXT; return ERROR.  */
static enum map_error
fail (struct map_failure *failure, enum map_error error, char const *text)
{
  failure->error = error;
  failure->text = xstrdup (text);
  return error;
}

/* Parse the item ITEM, "FROM:TO", each side with PARSE, into *PAIR; a
   FROM must be one ACCEPT (if not NULL) returns true for.  Return
   MAP_OK, or the error, described in *FAILURE.  */
static enum map_error
parse_item (char *item, bool (*parse) (char const *, int *),
            bool (*accept) (int), struct map_pair *pair,
            struct map_failure *failure)
{
  char *colon = strchr (item, ':');
  if (!colon || colon == item || !colon[1])
    return fail (failure, MAP_NO_PAIR, item);
  *colon = '\0';
  if (!parse (item, &pair->from))
    return fail (failure, MAP_BAD_VALUE, item);
  if (!parse (colon + 1, &pair->to))
    return fail (failure, MAP_BAD_VALUE, colon + 1);
  if (accept && !accept (pair->from))
    return fail (failure, MAP_REFUSED, item);
  return MAP_OK;
}

/* Parse the comma-separated FROM:TO items in STR, each side with PARSE,
   adding them to LIST; a FROM must be one ACCEPT (if not NULL) returns
   true for, and not in LIST yet.  Return MAP_OK, or the error,
   described in *FAILURE; LIST then holds the items before it.  */
static enum map_error
parse_list (char const *str, bool (*parse) (char const *, int *),
            bool (*accept) (int), struct map_list *list,
            struct map_failure *failure)
{
  for (char const *p = str;; p++)
    {
      size_t len = strcspn (p, ",");
      if (!len)
        return fail (failure, MAP_EMPTY, str);
      char *item = xmemdup0 (p, len);
      struct map_pair pair;
      int unused;
      enum map_error error = parse_item (item, parse, accept, &pair,
                                         failure);
      if (error == MAP_OK && map_lookup (list, pair.from, &unused))
        error = fail (failure, MAP_DUPLICATE, item);
      free (item);
      if (error != MAP_OK)
        return error;
      list->pairs = xreallocarray (list->pairs, list->count + 1,
                                   sizeof *list->pairs);
      list->pairs[list->count++] = pair;
      p += len;
      if (!*p)
        return MAP_OK;
    }
}

/* Parse the --rewrite list STR of signal pairs into LIST; each FROM
   must be one ACCEPT returns true for.  TO may be 0.  */
enum map_error
rewrite_parse (char const *str, bool (*accept) (int), struct map_list *list,
               struct map_failure *failure)
{
  return parse_list (str, parse_signal, accept, list, failure);
}

/* Parse the --map-status list STR of status pairs into LIST.  */
enum map_error
status_map_parse (char const *str, struct map_list *list,
                  struct map_failure *failure)
{
  return parse_list (str, parse_status, NULL, list, failure);
}

/* If LIST maps FROM, store what to in *TO and return true.  */
bool
map_lookup (struct map_list const *list, int from, int *to)
{
  for (size_t i = 0; i < list->count; i++)
    if (list->pairs[i].from == from)
      {
        *to = list->pairs[i].to;
        return true;
      }
  return false;
}

/* Free what LIST holds.  */
void
map_free (struct map_list *list)
{
  free (list->pairs);
  *list = (struct map_list) { NULL, 0 };
}
