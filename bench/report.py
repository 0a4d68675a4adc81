#!/usr/bin/env python3
# bench/report.py -- turn bench/run's results into doc/benchmarks.md and
# the gnuplot scripts of its two charts.
# Copyright (C) 2026 The graceful-timeout authors.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: report.py RESULTS-DIR OUT-DIR GRACEFUL-TIMEOUT QUICK PEER...

import json
import os
import platform
import statistics
import subprocess
import sys
import time

res, out, gt, quick = sys.argv[1:5]
quick = quick == "true"
peers = sys.argv[5:]
GT = "graceful-timeout"


def sh(cmd):
    """The first line COMMAND prints, or '?'."""
    try:
        text = subprocess.run(cmd, shell=True, capture_output=True,
                              text=True, timeout=10).stdout
        return text.splitlines()[0].strip() if text else "?"
    except (OSError, subprocess.SubprocessError):
        return "?"


def pkg(name):
    return sh(f"dpkg-query -W -f '${{Version}}' {name} 2>/dev/null")


def hyperfine(*names):
    """{command name: (median s, runs)} from hyperfine JSON exports NAMES,
    their runs pooled."""
    times = {}
    for name in names:
        path = os.path.join(res, name)
        if os.path.exists(path):
            for r in json.load(open(path))["results"]:
                times.setdefault(r["command"], []).extend(r["times"])
    return {cmd: (statistics.median(t), len(t)) for cmd, t in times.items()}


def rows(name):
    path = os.path.join(res, name)
    if not os.path.exists(path):
        return []
    return [line.rstrip("\n").split("|") for line in open(path) if line.strip()]


def met(ok):
    return "**met**" if ok else "**not met**"


lines = []
w = lines.append
w("# Benchmarks")
w("")
w("Written by `bench/run`%s; re-run it (`make bench`) on a quiet machine"
  % (" --quick (a smoke run: few runs, not for conclusions)" if quick else ""))
w("for numbers of your own.  Every figure is a median over many runs.")
w("")
w("## Machine")
w("")
w("| | |")
w("|---|---|")
w(f"| date | {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} |")
cpu = sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2")
load = sh("cut -d' ' -f1-3 /proc/loadavg")
w(f"| CPU | {cpu} ({os.cpu_count()} cores) |")
w(f"| load average at the end | {load} |")
w(f"| kernel | {platform.release()} |")
w(f"| C library | {sh('ldd --version')} |")
w(f"| {GT} | {sh(gt + ' --version')} |")
for name, package in (("GNU timeout", "coreutils"), ("busybox", "busybox"),
                      ("timelimit", "timelimit"), ("tini", "tini"),
                      ("dumb-init", "dumb-init"), ("hyperfine", "hyperfine")):
    w(f"| {name} | {package} {pkg(package)} |")
w("")

targets = []

# ---- Start-up ------------------------------------------------------------
st = hyperfine(*sorted(f for f in os.listdir(res)
                        if f.startswith("startup.") and f.endswith(".json")))
counts = {}
for name, kind, value in rows("startup-counts"):
    counts.setdefault(name, {})[kind] = float(value)
floor = st.get("floor (static)", (None,))[0]
gnu = st.get("GNU timeout", (None,))[0]
w("## Start-up: `X 10 /bin/true`")
w("")
w("The whole run of a supervisor around a command that does nothing"
  " (hyperfine -N, wall time), the supervisor's own instructions"
  " (valgrind --tool=callgrind, /bin/true's not counted) and its own CPU"
  " time (perf stat -i task-clock).  The floor (bench/floor-spawn.c)"
  " only spawns the command and waits: static as measured, and the same"
  " program linked dynamically as graceful-timeout is.")
w("")
w("| tool | median | × floor | × GNU timeout | instructions | CPU time |")
w("|---|---:|---:|---:|---:|---:|")
chart = []
for name, (median, runs) in st.items():
    c = counts.get(name, {})
    ir = f"{c['ir'] / 1000:.0f} k" if "ir" in c else "–"
    task = f"{c['task_ms']:.2f} ms" if "task_ms" in c else "–"
    w(f"| {name} | {median * 1000:.3f} ms | {median / floor:.2f} |"
      f" {median / gnu:.2f} | {ir} | {task} |" if gnu else
      f"| {name} | {median * 1000:.3f} ms | {median / floor:.2f} | – |"
      f" {ir} | {task} |")
    chart.append((name, median * 1000))
w("")
w(f"Runs per tool: {next(iter(st.values()))[1] if st else 0}.")
w("")
if GT in st and floor and gnu:
    g = st[GT][0]
    targets.append(("start-up ≤ 0.85× GNU timeout", f"{g / gnu:.2f}×",
                    g <= 0.85 * gnu))
    targets.append(("start-up ≤ 1.2× the floor", f"{g / floor:.2f}×",
                    g <= 1.2 * floor))

# ---- Relay ---------------------------------------------------------------
rl = hyperfine("relay.json")
w("## Relay: bytes through `--idle-timeout`")
w("")
w("`head -c SIZE /dev/zero | cat >/dev/null` with the producer run"
  " directly (plain pipe), under bench/floor-splice.c (a minimal blocking"
  " splice relay: the floor), and under `graceful-timeout"
  " --idle-timeout=60 0`.  Default pipe sizes.")
w("")
w("| path | median | throughput | × splice floor |")
w("|---|---:|---:|---:|")
size = (256 << 20) if quick else (1 << 30)
sfloor = rl.get("splice floor", (None,))[0]
for name, (median, runs) in rl.items():
    ratio = f"{sfloor / median:.2f}" if sfloor else "–"
    w(f"| {name} | {median:.3f} s | {size / median / 2**30:.2f} GiB/s |"
      f" {ratio} |")
w("")
w(f"Size: {size >> 20} MiB; runs per path:"
  f" {next(iter(rl.values()))[1] if rl else 0}.")
w("")
g = rl.get(f"{GT} --idle-timeout", (None,))[0]
if g and sfloor:
    targets.append((f"relay ≥ 0.95× the splice floor ({size >> 20} MiB)",
                    f"{sfloor / g:.2f}×", sfloor / g >= 0.95))

# ---- Tree ----------------------------------------------------------------
tree = {}
for tool, n, ms, left in rows("tree"):
    tree.setdefault((tool, int(n)), []).append((float(ms), int(left)))
w("## Tree teardown: `--tree` with N descendants, half setsid'd")
w("")
w("bench/tree-spawn.c starts N processes (every other one in a session of"
  " its own) and waits; the deadline comes when all are up.  Time from"
  " the deadline to the supervisor's exit, when (for --tree) every"
  " descendant is gone and reaped; `left` counts the descendants still"
  " alive after it exited.")
w("")
w("| tool | N | median | runs | left alive |")
w("|---|---:|---:|---:|---:|")
tree_chart = {}
for (tool, n), runs in sorted(tree.items(), key=lambda kv: (kv[0][1],
                                                              kv[0][0])):
    ms = statistics.median(r[0] for r in runs)
    left = max(r[1] for r in runs)
    w(f"| {tool} | {n} | {ms:.1f} ms | {len(runs)} | {left} |")
    tree_chart.setdefault(tool, {})[n] = ms
    if tool.startswith(GT):
        bound = 50 if n == 1000 else 250 if n == 10000 else None
        if bound:
            targets.append((f"--tree {tool[len(GT) + 1:]}: {n} ended"
                            f" < {bound} ms", f"{ms:.0f} ms",
                            ms < bound and left == 0))
w("")

# ---- Waiting and the deadline -------------------------------------------
wt = {name: (int(wk), int(rss)) for name, wk, rss in rows("waiting")}
dl = {}
for name, ms in rows("deadline"):
    dl.setdefault(name, []).append(float(ms))
dl = {name: (statistics.median(v), len(v)) for name, v in dl.items()}
w("## Waiting")
w("")
w("Context switches of the supervisor over 1.5 s while COMMAND sleeps"
  " (`/proc/PID/status`, voluntary + involuntary), its peak RSS (VmHWM,"
  " median over several starts),"
  " and for `X 0.05 deadline-probe` how long after its start the command"
  " got the signal (bench/deadline-probe.c; median over"
  f" {max((v[1] for v in dl.values()), default=0)} runs): 50 ms plus how"
  " late the deadline was acted on.  busybox timeout takes whole seconds.")
w("")
w("| tool | wakeups in 1.5 s | peak RSS | signal after |")
w("|---|---:|---:|---:|")
for name, (wakeups, rss) in wt.items():
    d = dl.get(name)
    dtext = f"{d[0]:.2f} ms" if d else "–"
    w(f"| {name} | {wakeups} | {rss} KiB | {dtext} |")
w("")
if GT in wt:
    targets.append(("waiting: 0 wakeups", str(wt[GT][0]), wt[GT][0] == 0))
if GT in wt and "GNU timeout" in wt:
    targets.append(("peak RSS ≤ GNU timeout's",
                    f"{wt[GT][1]} vs {wt['GNU timeout'][1]} KiB",
                    wt[GT][1] <= wt["GNU timeout"][1]))
if GT in dl and "GNU timeout" in dl:
    targets.append(("50 ms deadline acted on no later than GNU",
                    f"{dl[GT][0]:.2f} vs {dl['GNU timeout'][0]:.2f} ms",
                    dl[GT][0] <= dl["GNU timeout"][0]))

# ---- Targets and charts --------------------------------------------------
w("## Targets")
w("")
w("| target | measured | |")
w("|---|---:|---|")
for name, value, ok in targets:
    w(f"| {name} | {value} | {met(ok)} |")
w("")
w("![start-up](bench-startup.png)")
w("![tree teardown](bench-tree.png)")
w("")
notes = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                     "notes.md")
if os.path.exists(notes):
    lines.extend(open(notes).read().rstrip("\n").split("\n"))
open(os.path.join(out, "benchmarks.md"), "w").write("\n".join(lines) + "\n")

with open(os.path.join(res, "startup.dat"), "w") as f:
    for name, ms in chart:
        f.write(f'"{name}" {ms:.4f}\n')
with open(os.path.join(res, "startup.gp"), "w") as f:
    f.write(f"""set terminal pngcairo size 800,420 font ",10"
set output "{out}/bench-startup.png"
set title "Start-up: X 10 /bin/true (median wall time, ms)"
set style data histograms
set style fill solid 0.8
set boxwidth 0.7
set yrange [0:*]
set xtics rotate by -30
set grid ytics
unset key
plot "{res}/startup.dat" using 2:xtic(1) lc rgb "#4477aa"
""")
sizes = sorted({n for v in tree_chart.values() for n in v})
with open(os.path.join(res, "tree.dat"), "w") as f:
    f.write("tool " + " ".join(f'"N={n}"' for n in sizes) + "\n")
    for tool, by_n in tree_chart.items():
        f.write(f'"{tool}" ' + " ".join(f"{by_n.get(n, 0):.1f}"
                                        for n in sizes) + "\n")
with open(os.path.join(res, "tree.gp"), "w") as f:
    f.write(f"""set terminal pngcairo size 800,420 font ",10"
set output "{out}/bench-tree.png"
set title "Tree teardown: deadline to exit (median ms), half setsid'd"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8
set yrange [0:*]
set grid ytics
set key top left
plot for [i=2:{len(sizes) + 1}] "{res}/tree.dat" using i:xtic(1) \\
  title columnheader
""")
