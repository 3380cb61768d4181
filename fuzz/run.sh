#!/usr/bin/env bash
# Builds the fuzz targets (libFuzzer and AddressSanitizer, release) and runs each for SECONDS (default
# 60) from its seed corpus in fuzz/seeds/. The working corpus grows in $SCRATCH/corpus/<target>; an
# input that crashes, trips a check or takes over 10 s is written to $SCRATCH/artifacts/<target>/ and
# the script exits 1 after the other targets have run. Turn each such input into a regression test.
#
#   fuzz/run.sh 20                       what CI runs
#   TARGETS="prefilter html" fuzz/run.sh 600
#   .build-fuzz/release/fuzz-html FILE   replays one input
#
# Why the detours: SwiftPM renames an executable's main, so each target hands control to libFuzzer
# through LLVMFuzzerRunDriver (fuzz/Sources/FuzzSupport); gold crashes linking libFuzzer into a Swift
# executable, so the toolchain's lld is named in a toolset file; the targets are declared in
# Package.swift only when CLAUSE_FUZZ is set, so ordinary builds never see them.
set -uo pipefail
cd "$(dirname "$0")/.."

SECONDS_EACH=${1:-60}
SCRATCH=${SCRATCH:-.build-fuzz}
TARGETS=${TARGETS:-"decode html docx normalize segment rules prefilter audit"}
mkdir -p "$SCRATCH"

LLD="$(dirname "$(readlink -f "$(command -v swift)")")/ld.lld"
printf '{ "schemaVersion": "1.0", "linker": { "path": "%s" } }\n' "$LLD" > "$SCRATCH/toolset.json"

for target in $TARGETS; do
  echo "== building fuzz-$target"
  CLAUSE_FUZZ=1 swift build -c release --scratch-path "$SCRATCH" --toolset "$SCRATCH/toolset.json" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing --product "fuzz-$target" 2>&1 | tail -1
done

# Swift's runtime keeps caches for the life of the process: not leaks worth failing on.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
# Swift's own crash handler reads memory AddressSanitizer then reports instead of the real failure.
export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no}
failed=()
for target in $TARGETS; do
  corpus="$SCRATCH/corpus/$target"
  artifacts="$SCRATCH/artifacts/$target/"
  mkdir -p "$corpus" "$artifacts"
  max_len=4096
  [ "$target" = docx ] && max_len=32768
  echo "== fuzz-$target for ${SECONDS_EACH}s"
  if "$SCRATCH/release/fuzz-$target" "$corpus" "fuzz/seeds/$target" -max_total_time="$SECONDS_EACH" \
       -max_len="$max_len" -timeout=10 -artifact_prefix="$artifacts" -print_final_stats=1 > "$SCRATCH/$target.log" 2>&1; then
    grep -E "^stat::number_of_executed_units|^#[0-9]+ +DONE" "$SCRATCH/$target.log" | tail -2
  else
    failed+=("$target")
    grep -E "ERROR|Fatal|precondition|SUMMARY|Test unit written" "$SCRATCH/$target.log" | head -8
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: findings in ${failed[*]} (inputs under $SCRATCH/artifacts/)"
  exit 1
fi
echo "fuzz: no findings in $TARGETS (${SECONDS_EACH}s each)"
