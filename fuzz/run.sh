#!/usr/bin/env bash
# Builds the fuzz targets with the nightly toolchain (libFuzzer with sanitizer
# coverage, as cargo-fuzz does) and runs each for SECONDS (default 60), starting
# from the committed corpus and regressions. A crash fails the run and its input
# is left in target/fuzz-artifacts/: add it to fuzz/regressions/<target>/.
#
#   bash fuzz/run.sh 600     # ten minutes per target
#   FUZZ_TARGETS=bidi bash fuzz/run.sh 600   # one target
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_PER_TARGET=${1:-60}
if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzzing needs the nightly toolchain, which this machine lacks: not run" >&2
  exit 0
fi
target_dir=${CARGO_TARGET_DIR:-$PWD/../target/fuzz}
triple=$(rustc -vV | sed -n 's/^host: //p')
RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks" \
  cargo +nightly build --locked --release --bins --target "$triple" --target-dir "$target_dir" --quiet
artifacts="$PWD/../target/fuzz-artifacts"
mkdir -p "$artifacts"
for t in ${FUZZ_TARGETS:-incident markdown svg urls bidi base_url notice_guard}; do
  work=$(mktemp -d)
  cp corpus/"$t"/* regressions/"$t"/* "$work"/ 2>/dev/null || true
  echo "fuzzing $t for ${SECONDS_PER_TARGET}s" >&2
  "$target_dir/$triple/release/$t" "$work" -max_total_time="$SECONDS_PER_TARGET" \
    -rss_limit_mb=2048 -timeout=10 -artifact_prefix="$artifacts/$t-" -print_final_stats=1 2>"$artifacts/$t.log" \
    || { tail -40 "$artifacts/$t.log" >&2; exit 1; }
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$artifacts/$t.log" | sed "s/^/$t: /" >&2
  rm -rf "$work"
done
