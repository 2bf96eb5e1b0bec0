#!/usr/bin/env bash
# Full-build benchmark: generates bilingual sites of N incidents (default 1,000 and
# 10,000; ~750 words per language, seeded) and times `bayan build` with output on
# tmpfs and on disk. Prints a Markdown table: wall time, CPU time, advisory pages
# per second and peak memory, each the median of RUNS builds; then checks every
# internal link of the tmpfs build.
#
#   bash bench/build.sh            # N = 1000 10000
#   N="1000 5000" RUNS=5 bash bench/build.sh
#   BAYAN=/path/to/older/bayan bash bench/build.sh   # time another binary (before/after)
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${N:-"1000 10000"}
RUNS=${RUNS:-3}
TMPFS=${TMPFS:-/dev/shm}
DISK=${DISK:-$PWD/target/bench-disk}

if [ ! -x /usr/bin/time ] || ! command -v bc >/dev/null; then
  echo "installing GNU time (peak memory) and bc" >&2
  apt-get install -y -qq time bc >/dev/null
fi
cargo build --release --quiet --bin bayan --example gen_site --example check_links
BAYAN=${BAYAN:-$PWD/target/release/bayan}
GEN=$PWD/target/release/examples/gen_site

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "| incidents | output on | wall (s) | CPU (s) | advisory pages/s | peak memory (MB) |"
echo "| ---: | --- | ---: | ---: | ---: | ---: |"
for n in $SIZES; do
  for medium in tmpfs disk; do
    base=$([ "$medium" = tmpfs ] && echo "$TMPFS" || echo "$DISK")
    site="$base/bayan-bench-$n"
    rm -rf "$site"
    mkdir -p "$base"
    "$GEN" "$n" "$site"
    walls=(); cpus=(); mems=()
    for _ in $(seq "$RUNS"); do
      rm -rf "$site/output"
      sync
      /usr/bin/time -f "%e %U %S %M" -o "$site/time.txt" "$BAYAN" build -q --root "$site"
      read -r wall user sys kb < "$site/time.txt"
      walls+=("$wall"); cpus+=("$(echo "$user + $sys" | bc -l)"); mems+=("$kb")
    done
    wall=$(printf '%s\n' "${walls[@]}" | median)
    cpu=$(printf '%s\n' "${cpus[@]}" | median)
    mem=$(printf '%s\n' "${mems[@]}" | median)
    pages=$((n * 2))
    printf "| %s | %s | %.2f | %.2f | %.0f | %.0f |\n" "$n" "$medium" "$wall" "$cpu" "$(echo "$pages / $wall" | bc -l)" "$(echo "$mem / 1024" | bc -l)"
    if [ "$medium" = tmpfs ]; then
      links=$("$PWD/target/release/examples/check_links" "$site/output" "https://bench.example/advisories/" | tail -1)
      echo "<!-- $n incidents: $links -->"
    fi
    rm -rf "$site"
  done
done
