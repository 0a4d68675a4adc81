#!/usr/bin/env bats
# Translations: the German and Chinese catalogs are used, and complete.
# Copyright (C) 2026 The graceful-timeout authors.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The installed program reads its catalogs from $(localedir), where a test
# cannot write; make check builds tests/nls/graceful-timeout, the same
# sources with $(localedir) under a DESTDIR in the build tree, and installs
# po/'s catalogs there as 'make install' would (tests/local.mk).

load helper

: "${GT_BUILDDIR:=$GT_BINDIR/..}"
SRCDIR=$BATS_TEST_DIRNAME/..

# Run the catalog-reading build of graceful-timeout, under language $1
# (de or zh_CN) in its UTF-8 locale, with the remaining arguments.  Skip
# unless NLS is on, that build exists, and the locale is installed.
run_in() {
  local lang=$1 locale=$1.UTF-8
  shift
  grep -q '^#define ENABLE_NLS 1' "$GT_BUILDDIR/config.h" ||
    skip 'NLS is disabled (configure --disable-nls)'
  [[ -x $GT_BUILDDIR/tests/nls/graceful-timeout ]] ||
    skip 'tests/nls/graceful-timeout is built by make check'
  [[ $lang != de ]] || locale=de_DE.UTF-8
  LC_ALL=$locale locale -k charmap 2>/dev/null | grep -q UTF-8 ||
    skip "locale $locale is not installed (locale-gen)"
  PATH=$GT_BUILDDIR/tests/nls:$PATH LC_ALL=$locale LANGUAGE=$lang \
    run graceful-timeout "$@"
}

@test "--help is in German" {
  run_in de --help
  assert_success
  assert_line --index 0 \
    'Aufruf: graceful-timeout [OPTION]... DAUER BEFEHL [ARG]...'
  assert_line --index 1 '  oder: graceful-timeout --list-signals'
  assert_line '  -k, --kill-after=DAUER'
  assert_line '  127  wenn BEFEHL nicht gefunden wird'
}

@test "--help is in Chinese" {
  run_in zh_CN --help
  assert_success
  assert_line --index 0 \
    '用法：graceful-timeout [选项]... DURATION COMMAND [参数]...'
  assert_line --index 1 '  或：graceful-timeout --list-signals'
  assert_line '  -k, --kill-after=DURATION'
  assert_line '  127  找不到 COMMAND'
}

@test "a usage error is in German, with German quotation marks" {
  run_in de --termseq=TERM:1,,KILL 1 true
  assert_failure 125
  assert_output - <<'EOF'
graceful-timeout: leerer Schritt in der Beendigungsfolge »TERM:1,,KILL«
Weitere Informationen mit »graceful-timeout --help«.
EOF
}

@test "a usage error is in Chinese, with Chinese quotation marks" {
  run_in zh_CN --termseq=TERM:1,,KILL 1 true
  assert_failure 125
  assert_output - <<'EOF'
graceful-timeout: 终止序列 “TERM:1,,KILL” 中有空步骤
请尝试执行“graceful-timeout --help”来获取更多信息。
EOF
}

@test "-v says in German which signal it sends" {
  run_in de -v 0.1 sleep 10
  assert_failure 124
  assert_output 'graceful-timeout: Signal TERM wird an Befehl »sleep« gesendet'
}

@test "-v says in Chinese which signal it sends" {
  run_in zh_CN -v 0.1 sleep 10
  assert_failure 124
  assert_output 'graceful-timeout: 正在发送信号 TERM 至命令 “sleep”'
}

# COMMAND sends the ALRM that counts as the deadline once its tree is
# complete (SPEC 3), so the count does not depend on the machine's speed.
@test "German uses the plural form that fits the count" {
  need_tree
  GRACEFUL_TIMEOUT_TREE_BACKEND=proc run_in de -v --tree 30 \
    sh -c 'kill -ALRM $PPID; exec sleep 30'
  assert_failure 124
  assert_output \
    'graceful-timeout: Signal TERM wird an den Baum von Befehl »sh« gesendet: 1 Prozess'
  GRACEFUL_TIMEOUT_TREE_BACKEND=proc run_in de -v --tree 30 \
    sh -c 'sleep 30 >/dev/null 2>&1 & kill -ALRM $PPID; wait'
  assert_failure 124
  assert_output \
    'graceful-timeout: Signal TERM wird an den Baum von Befehl »sh« gesendet: 2 Prozesse'
}

@test "--list-signals describes the signals in German, names unchanged" {
  run_in de --list-signals
  assert_success
  assert_line --regexp '^ 9 KILL +Getötet$'
  assert_line --regexp '^15 TERM +Beendet$'
}

# Every source file that marks a message must be in po/POTFILES.in, or its
# messages are never offered for translation.
@test "po/POTFILES.in lists every source that marks messages" {
  local f missing=
  for f in "$SRCDIR"/src/*.[ch]; do
    grep -qE '\b(_|N_|ngettext) ?\(' "$f" || continue
    grep -qx "src/${f##*/}" "$SRCDIR/po/POTFILES.in" || missing+=" ${f##*/}"
  done
  [[ -z $missing ]] || fail "not in po/POTFILES.in:$missing"
}

# Print the msgids that msgattrib's option $1 keeps of catalog $2.
msgids() {
  msgattrib "$1" --no-obsolete "$2" |
    sed -n '/^msgid ""$/{n;/^msgstr/d;};/^msgid/,/^msgstr/{/^msgstr/d;p;}'
}

# Extract the messages from the sources as they are now, the way po/'s
# makefile does, merge each catalog with them, and fail naming every
# message that has no translation or only a fuzzy one.
@test "every catalog translates every message of the current sources" {
  local tool lang opts bad=
  for tool in xgettext msgmerge msgfmt msgattrib; do
    command -v "$tool" >/dev/null || skip "$tool (gettext) is not installed"
  done
  [[ -f $GT_BUILDDIR/po/Makefile ]] || skip 'po/Makefile is not configured'
  opts=$(MAKEFLAGS= make -s --no-print-directory -f "$GT_BUILDDIR/po/Makefile" \
           -f - print-xgettext-options \
           <<<'print-xgettext-options: ; @echo $(XGETTEXT_OPTIONS)')
  sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$SRCDIR/po/POTFILES.in" \
    >"$T/files"
  (cd "$SRCDIR" && eval "xgettext $opts" --add-comments=TRANSLATORS: \
     --default-domain=graceful-timeout --files-from="$T/files" \
     --output="$T/now.pot") || fail 'xgettext failed'
  for lang in $(sed 's/#.*//' "$SRCDIR/po/LINGUAS"); do
    msgmerge --quiet --output-file="$T/$lang.po" \
      "$SRCDIR/po/$lang.po" "$T/now.pot" || fail "msgmerge $lang.po failed"
    run msgfmt --check --statistics -o /dev/null "$T/$lang.po"
    assert_success
    [[ $output == *untranslated* || $output == *fuzzy* ]] || continue
    bad+="po/$lang.po: $output
$(msgids --untranslated "$T/$lang.po"; msgids --only-fuzzy "$T/$lang.po")
"
  done
  [[ -z $bad ]] || fail "translations missing (see po/README):
$bad"
}
