#!/usr/bin/env bash
# Watch-mode benchmark: generates a site of N incidents (default 1,000; bilingual
# bodies of ~750 words), times a full build, then runs `bayan serve` on it and
# edits one incident EDITS times (default 20), reporting the time from each save
# to the new page being served (median and p95). Site and output on tmpfs.
#
#   bash bench/watch.sh          N=1000 EDITS=20 by default
#   BAYAN=/path/to/older/bayan bash bench/watch.sh   # time another binary (before/after)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000}
EDITS=${EDITS:-20}
TMPFS=${TMPFS:-/dev/shm}
cargo build --release --quiet --bin bayan --example gen_site --example watch_latency
BAYAN=${BAYAN:-$PWD/target/release/bayan}
site="$TMPFS/bayan-watch-bench-$N"
rm -rf "$site"
target/release/examples/gen_site "$N" "$site"
start=$(date +%s.%N)
"$BAYAN" build -q --root "$site"
end=$(date +%s.%N)
printf "%s incidents: full build %.0f ms\n" "$N" "$(echo "($end - $start) * 1000" | bc -l)"
target/release/examples/watch_latency "$BAYAN" "$site" "$EDITS"
rm -rf "$site"
