/* mapping.h -- FROM:TO lists: --rewrite's signals, --map-status's
   statuses.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later  */

#ifndef GT_MAPPING_H
#define GT_MAPPING_H

#include <stdbool.h>
#include <stddef.h>

/* FROM is acted on (--rewrite) or reported (--map-status) as TO.  */
struct map_pair
{
  int from;
  int to;
};

/* Every pair the command line gave, each FROM once.  */
struct map_list
{
  struct map_pair *pairs;
  size_t count;
};

/* What is wrong with a FROM:TO list.  */
enum map_error
{
  MAP_OK,
  MAP_EMPTY,                    /* "", "A:B,", ",A:B" */
  MAP_NO_PAIR,                  /* "TERM", "TERM:", ":QUIT" */
  MAP_BAD_VALUE,                /* "FOO:QUIT", "143:x", "300:0" */
  MAP_REFUSED,                  /* a FROM the caller does not accept */
  MAP_DUPLICATE                 /* "TERM:QUIT,TERM:INT" */
};

/* A parse failure: what went wrong, and the text it went wrong in (the
   item for MAP_NO_PAIR, the value otherwise; the list for MAP_EMPTY).  */
struct map_failure
{
  enum map_error error;
  char *text;                   /* Allocated; the caller frees it.  */
};

enum map_error rewrite_parse (char const *str, bool (*accept) (int),
                              struct map_list *list,
                              struct map_failure *failure);
enum map_error status_map_parse (char const *str, struct map_list *list,
                                 struct map_failure *failure);
bool map_lookup (struct map_list const *list, int from, int *to);
void map_free (struct map_list *list);

#endif /* GT_MAPPING_H */
