## The manual page, generated from --help by help2man.
## Copyright (C) 2026 The graceful-timeout authors.
## SPDX-License-Identifier: GPL-3.0-or-later

# The page is shipped in the tarball, so building from the tarball needs
# no help2man.  It is remade when the sources of --help change, not when
# the binary does (only order matters there), so a fresh build of an
# unpacked tarball leaves the shipped page alone.
dist_man1_MANS = doc/graceful-timeout.1
EXTRA_DIST += doc/graceful-timeout.x \
  doc/examples/Dockerfile doc/examples/pod.yaml doc/examples/crontab \
  doc/examples/docker-entrypoint.sh

$(srcdir)/doc/graceful-timeout.1: $(srcdir)/doc/graceful-timeout.x \
    $(srcdir)/src/main.c $(srcdir)/configure.ac \
    | src/graceful-timeout$(EXEEXT)
	$(AM_V_GEN)$(HELP2MAN) --no-info --output=$@-t \
	  --include=$(srcdir)/doc/graceful-timeout.x \
	  --name='run a command with a time limit, and end it gracefully' \
	  src/graceful-timeout$(EXEEXT) \
	  && mv $@-t $@
