## The manual page, generated from --help by help2man; the examples.
## Copyright (C) 2026 The graceful-timeout authors.
## SPDX-License-Identifier: GPL-3.0-or-later

# The page is shipped in the tarball, so building from the tarball needs
# no help2man.  It is remade when the sources of --help change, not when
# the binary does (only order matters there), so a fresh build of an
# unpacked tarball leaves the shipped page alone.  The rule names the
# page in the build tree: GNU make uses the shipped one (found through
# VPATH) while it is up to date, and writes a new one in the build tree
# when it is not, so a read-only source tree is never written.  If
# help2man is missing or fails (a distribution patch to src/main.c, a
# cross build), doc/fallback-man keeps the shipped page or writes a
# minimal one, with a warning: the man page never fails the build.
dist_man1_MANS = doc/graceful-timeout.1
EXTRA_DIST += doc/graceful-timeout.x doc/fallback-man

doc/graceful-timeout.1: $(srcdir)/doc/graceful-timeout.x \
    $(srcdir)/src/main.c $(srcdir)/configure.ac \
    | src/graceful-timeout$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) doc && rm -f $@-t && \
	if $(HELP2MAN) --no-info --output=$@-t \
	     --include=$(srcdir)/doc/graceful-timeout.x \
	     --name='run a command with a time limit, and end it gracefully' \
	     src/graceful-timeout$(EXEEXT) && test -s $@-t; then \
	  mv $@-t $@; \
	else \
	  rm -f $@-t; \
	  $(SHELL) $(srcdir)/doc/fallback-man $@ \
	    $(srcdir)/doc/graceful-timeout.1 src/graceful-timeout$(EXEEXT); \
	fi

# A page made in a separate build tree goes with it; the source tree's
# page, the shipped one, stays.
distclean-local:
	test '$(srcdir)' = . || rm -f doc/graceful-timeout.1

# The Texinfo manual: 'make' builds the info file, 'make html' and
# 'make pdf' the others; version.texi is made by automake.
info_TEXINFOS = doc/graceful-timeout.texi
doc_graceful_timeout_TEXINFOS = doc/version.texi
# The JSON Schema of --report's output, installed in docdir.
dist_doc_DATA = doc/report.schema.json

# Examples a user can start from, installed under docdir.
examplesdir = $(docdir)/examples
dist_examples_DATA = doc/examples/Dockerfile doc/examples/pod.yaml \
  doc/examples/crontab doc/examples/docker-entrypoint.sh
