#!/usr/bin/env bash
# The benchmark of issue 7, side by side in one run: `clause-audit audit` end to end against ripgrep
# (`rg -c -f` with the engine's own patterns in ripgrep's dialect) and a plain Python baseline with the
# same patterns, on the same files; then in-process latency and start-up (clause-bench), `lint` wall
# time, --jobs 1 against --jobs 2, peak memory, and 10 / 100 / 200 MB to show the cost grows linearly.
#
#   Benchmarks/run.sh            everything (builds a ~200 MB corpus under $BIG_CORPUS first; ~20 min)
#   Benchmarks/run.sh --quick    the agreements corpus only, fewer repeats (what CI runs; ~3 min + build)
#
# Environment: SCRATCH (build folder, default .build-bench), CORPUS (default
# ../shared/corpus/agreements/text; examples/ when that is missing), BIG_CORPUS (default
# /tmp/clause-audit-bench-corpus), BIG_MB (default 200), SKIP_BUILD=1.
# Every figure is printed as `name: value`; the summary at the end repeats the ones BENCHMARKS.md shows.
set -uo pipefail
cd "$(dirname "$0")/.."

QUICK=0
[ "${1:-}" = "--quick" ] && QUICK=1
SCRATCH=${SCRATCH:-.build-bench}
CORPUS=${CORPUS:-../shared/corpus/agreements/text}
[ -d "$CORPUS" ] || CORPUS=examples
BIG=${BIG_CORPUS:-/tmp/clause-audit-bench-corpus}
BIG_MB=${BIG_MB:-200}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

say() { printf '%s\n' "$*"; }
SUMMARY=()
keep() { SUMMARY+=("$*"); say "$*"; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  say "== building (release, $SCRATCH)"
  swift build -c release --scratch-path "$SCRATCH" --product clause-audit 2>&1 | tail -1
  swift build -c release --scratch-path "$SCRATCH" --product clause-bench 2>&1 | tail -1
fi
BIN="$SCRATCH/release/clause-audit"
BENCH="$SCRATCH/release/clause-bench"

say "== machine"
say "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
say "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores"
say "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
say "swift: $(swift --version 2>&1 | head -1)"
say "ripgrep: $(rg --version | head -1)"
say "python: $(python3 --version 2>&1), regex $(python3 -c 'import regex; print(regex.__version__)' 2>/dev/null || echo missing)"

"$BIN" rules export --patterns > "$TMP/patterns.txt"
"$BIN" rules export --patterns --dialect ripgrep > "$TMP/patterns-rg.txt"
say "patterns: $(wc -l < "$TMP/patterns.txt") (ripgrep dialect: $(wc -l < "$TMP/patterns-rg.txt"))"

mb_of() { python3 -c 'import os,sys
paths=[l.strip() for l in open(sys.argv[2])] if sys.argv[1]=="--from" else [os.path.join(r,n) for r,_,ns in os.walk(sys.argv[1]) for n in ns]
print("%.2f" % (sum(os.path.getsize(p) for p in paths)/1e6))' "$@"; }

# Runs a command; sets WALL (s), CPU (user+sys s) and RSS (MB) from GNU time. Output is discarded.
run_timed() {
  /usr/bin/time -f '%e %U %S %M' -o "$TMP/time" "$@" > /dev/null 2> "$TMP/stderr"
  read -r WALL USER SYS RSS_KB < <(tail -1 "$TMP/time")
  CPU=$(python3 -c "print('%.2f' % ($USER + $SYS))")
  RSS=$(python3 -c "print('%.0f' % ($RSS_KB / 1024))")
}
# Best wall time of N runs of a command (sets WALL, CPU, RSS of the best run).
best_of() {
  local n=$1; shift
  local best=999999 bcpu=0 brss=0
  for _ in $(seq "$n"); do
    run_timed "$@"
    if python3 -c "import sys; sys.exit(0 if $WALL < $best else 1)"; then best=$WALL; bcpu=$CPU; brss=$RSS; fi
  done
  WALL=$best; CPU=$bcpu; RSS=$brss
}
rate() { python3 -c "print('%.2f' % ($1 / $2))"; }

# -------------------------------------------------------------------------------------------------
say ""
say "== the agreements corpus ($CORPUS)"
SMALL_MB=$(mb_of "$CORPUS")
say "size: $SMALL_MB MB, $(find "$CORPUS" -type f | wc -l) files"
REPEATS=$([ $QUICK = 1 ] && echo 2 || echo 3)

best_of "$REPEATS" "$BIN" audit "$CORPUS" --jobs 1
AUDIT1=$(rate "$SMALL_MB" "$WALL"); keep "audit --jobs 1: $WALL s wall, $CPU s CPU, $AUDIT1 MB/s, peak $RSS MB"
best_of "$REPEATS" "$BIN" audit "$CORPUS" --jobs 2
AUDIT2=$(rate "$SMALL_MB" "$WALL"); keep "audit --jobs 2: $WALL s wall, $CPU s CPU, $AUDIT2 MB/s, peak $RSS MB"
keep "jobs 2 / jobs 1: $(rate "$AUDIT2" "$AUDIT1")x"

run_timed timeout 600 rg -j1 -c -f "$TMP/patterns-rg.txt" "$CORPUS"
RG1=$(rate "$SMALL_MB" "$WALL"); keep "rg -j1 -c -f: $WALL s wall, $CPU s CPU, $RG1 MB/s"
if [ $QUICK = 0 ]; then
  run_timed timeout 600 rg -c -f "$TMP/patterns-rg.txt" "$CORPUS"
  RG2=$(rate "$SMALL_MB" "$WALL"); keep "rg -c -f ($(nproc) threads): $WALL s wall, $CPU s CPU, $RG2 MB/s"
  keep "audit --jobs 2 / rg ($(nproc) threads): $(rate "$AUDIT2" "$RG2")x"
fi
keep "audit --jobs 1 / rg -j1: $(rate "$AUDIT1" "$RG1")x"

for engine in regex re; do
  # Timed like audit and rg, as a whole process (start-up and compiling the patterns included); the
  # script's own figure is the scan alone.
  /usr/bin/time -f '%e' -o "$TMP/py-time" python3 Benchmarks/python-baseline.py "$TMP/patterns.txt" "$CORPUS" \
    --engine $engine > "$TMP/py-$engine" 2>&1 || true
  cat "$TMP/py-$engine"
  PY_SCAN=$(grep 'MB/s' "$TMP/py-$engine" | cut -d: -f2 | tr -d ' ')
  if [ -n "$PY_SCAN" ]; then
    PY=$(rate "$SMALL_MB" "$(tail -1 "$TMP/py-time")")
    keep "python $engine: $PY MB/s whole process, $PY_SCAN MB/s the scan alone ($(grep 'patterns:' "$TMP/py-$engine" | cut -d: -f2-)); audit --jobs 1 / python $engine: $(rate "$AUDIT1" "$PY")x"
  fi
done

# -------------------------------------------------------------------------------------------------
say ""
say "== in process (clause-bench, prefilter on and off side by side)"
"$BENCH" startup | tee "$TMP/startup"
RUNS=$([ $QUICK = 1 ] && echo 100 || echo 500)
if "$BENCH" latency --runs "$RUNS" "$CORPUS" > "$TMP/latency" 2>&1; then
  cat "$TMP/latency"
  keep "latency, one 30,000-character contract: $(grep 'latency prefilter p50' "$TMP/latency" | cut -d: -f2) p50, $(grep 'latency prefilter p99' "$TMP/latency" | cut -d: -f2) p99 (without the prefilter:$(grep 'latency no-prefilter p50' "$TMP/latency" | cut -d: -f2) p50)"
else
  cat "$TMP/latency"
fi
"$BENCH" throughput --runs "$REPEATS" "$CORPUS" | tee "$TMP/throughput"

LINT_FILE=examples/gym-membership.txt
python3 - "$BIN" "$LINT_FILE" > "$TMP/lint" <<'EOF'
import statistics, subprocess, sys, time
times = []
for _ in range(30):
    t = time.perf_counter()
    subprocess.run([sys.argv[1], "lint", sys.argv[2]], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times.append(time.perf_counter() - t)
times.sort()
print("%.0f ms median, %.0f ms p90" % (statistics.median(times) * 1000, times[26] * 1000))
EOF
keep "lint on one file, wall including start-up: $(cat "$TMP/lint") (30 runs)"

# -------------------------------------------------------------------------------------------------
if [ $QUICK = 0 ]; then
  say ""
  say "== the large corpus ($BIG, ${BIG_MB} MB by repetition with variation)"
  if [ ! -f "$BIG/lists/all.txt" ]; then
    python3 Benchmarks/make-corpus.py "$CORPUS" "$BIG" --mb "$BIG_MB"
  fi
  for list in first-10MB first-100MB all; do
    MB=$(mb_of --from "$BIG/lists/$list.txt")
    if [ "$list" = first-10MB ]; then best_of 2 "$BIN" audit --from "$BIG/lists/$list.txt" --jobs 1
    else run_timed "$BIN" audit --from "$BIG/lists/$list.txt" --jobs 1; fi
    R=$(rate "$MB" "$WALL"); keep "large $list ($MB MB) --jobs 1: $WALL s, $R MB/s, peak $RSS MB"
    [ "$list" = first-10MB ] && BIG10_J1=$R
    run_timed "$BIN" audit --from "$BIG/lists/$list.txt" --jobs 2
    R2=$(rate "$MB" "$WALL"); keep "large $list ($MB MB) --jobs 2: $WALL s, $R2 MB/s, peak $RSS MB, $(rate "$R2" "$R")x one job"
  done
  MB=$(mb_of --from "$BIG/lists/first-10MB.txt")
  xargs -a "$BIG/lists/first-10MB.txt" -d '\n' /usr/bin/time -f '%e %U %S %M' -o "$TMP/time" \
    timeout 1800 rg -c -f "$TMP/patterns-rg.txt" > /dev/null 2>&1
  read -r WALL USER SYS RSS_KB < <(tail -1 "$TMP/time")
  BIG10_RG=$(rate "$MB" "$WALL")
  keep "large first-10MB: rg -c -f ($(nproc) threads): $WALL s, $BIG10_RG MB/s; audit --jobs 1 / rg: $(rate "$BIG10_J1" "$BIG10_RG")x"
  /usr/bin/time -f '%e' -o "$TMP/py-time" python3 Benchmarks/python-baseline.py "$TMP/patterns.txt" \
    --from "$BIG/lists/first-10MB.txt" --engine regex > "$TMP/py-big" 2>&1
  BIG10_PY=$(rate "$MB" "$(tail -1 "$TMP/py-time")")
  keep "large first-10MB: python regex $BIG10_PY MB/s whole process ($(grep 'MB/s' "$TMP/py-big" | cut -d: -f2 | tr -d ' ') the scan alone); audit --jobs 1 / python regex: $(rate "$BIG10_J1" "$BIG10_PY")x"

  # A hostile input at full size: the agreements' text, line breaks removed, repeated to 100 MB.
  ONE_LINE="$BIG/one-line-100MB.txt"
  [ -f "$ONE_LINE" ] || python3 - "$CORPUS" "$ONE_LINE" <<'PY'
import os, sys
texts = [open(os.path.join(r, n), encoding="utf-8", errors="ignore").read().replace("\r", "").replace("\n", "")
         for r, _, ns in os.walk(sys.argv[1]) for n in sorted(ns) if n.endswith(".txt")]
with open(sys.argv[2], "w", encoding="utf-8") as out:
    size, i = 0, 0
    while size < 100_000_000:
        chunk = texts[i % len(texts)]
        out.write(chunk)
        size += len(chunk.encode("utf-8"))
        i += 1
PY
  run_timed timeout 1800 "$BIN" audit "$ONE_LINE" --max-size 200MB --jobs 1
  keep "one line of $(mb_of --from <(echo "$ONE_LINE")) MB: $WALL s, peak $RSS MB, $(rate "$(mb_of --from <(echo "$ONE_LINE"))" "$WALL") MB/s"
fi

say ""
say "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
say ""
say "== summary"
for line in "${SUMMARY[@]}"; do say "$line"; done
