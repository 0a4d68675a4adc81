/* tree-spawn.c -- a process tree to tear down: N descendants, every
   other one in a session of its own, each asleep in pause (), so that
   the deadline finds them all in place.  Quicker to build than a shell
   loop of sleeps, so that 10 000 fit in a short benchmark.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   Usage: tree-spawn N READY-FILE
   Creates READY-FILE once all N are started, then waits for them.  */

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int
main (int argc, char **argv)
{
  if (argc != 3)
    {
      fputs ("Usage: tree-spawn N READY-FILE\n", stderr);
      return 2;
    }
  long n = atol (argv[1]);
  for (long i = 0; i < n; i++)
    {
      pid_t pid = fork ();
      if (pid < 0)
        {
          perror ("tree-spawn: fork");
          return 1;
        }
      if (pid == 0)
        {
          if (i % 2 == 0)
            setsid ();
          for (;;)
            pause ();
        }
    }
  int fd = open (argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    {
      perror ("tree-spawn: ready file");
      return 1;
    }
  close (fd);
  while (wait (NULL) > 0)
    continue;
  return 0;
}
