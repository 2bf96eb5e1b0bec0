#!/usr/bin/env bash
# Byte-identical output, before and after a change: builds the example site, every
# fixture under tests/fixtures/ that holds a content/ folder (with and without
# drafts) and a generated site of N incidents with two bayan binaries, the same
# SOURCE_DATE_EPOCH and the same temporary roots, then compares with `diff -r`,
# messages and exit codes included; then each advisory's notices the same way.
#
#   bash bench/identical.sh OLD_BAYAN NEW_BAYAN      # N=1000 by default
#   N=200 bash bench/identical.sh target/old/bayan target/release/bayan
#   GEN=path/to/gen_site bash bench/identical.sh OLD NEW   # a generator already built
#
# Exits 1 on the first difference, printing it.
set -euo pipefail
cd "$(dirname "$0")/.."
OLD=$(realpath "$1")
NEW=$(realpath "$2")
N=${N:-1000}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1764547200}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

GEN=${GEN:-}
if [ -z "$GEN" ]; then
  cargo build --release --quiet --example gen_site
  GEN="$PWD/target/release/examples/gen_site"
fi
"$GEN" "$N" "$work/gen"

sites=("$PWD" "$work/gen")
for f in tests/fixtures/*/; do
  [ -d "$f/content" ] && sites+=("$PWD/$f")
done

compared=0
for site in "${sites[@]}"; do
  name=$([ "$site" = "$PWD" ] && echo example || basename "$site")
  for drafts in "" "--drafts"; do
    for which in old new; do
      bin=$([ "$which" = old ] && echo "$OLD" || echo "$NEW")
      # The same root path for both builds: a copy, so neither writes into the tree.
      rm -rf "$work/root"
      mkdir -p "$work/root"
      cp -r "$site/content" "$work/root/"
      [ -d "$site/themes" ] && cp -r "$site/themes" "$work/root/"
      status=0
      "$bin" build --quiet --root "$work/root" --output "$work/out" $drafts \
        >"$work/$which.log" 2>&1 || status=$?
      echo "$status" >>"$work/$which.log"
      rm -rf "$work/$which"
      [ -d "$work/out" ] && mv "$work/out" "$work/$which"
    done
    # A failed build writes nothing: then its messages are what must agree.
    mkdir -p "$work/old" "$work/new"
    if ! diff -r "$work/old" "$work/new" >"$work/diff" || ! cmp -s "$work/old.log" "$work/new.log"; then
      echo "DIFFERENT: $name $drafts"
      head -40 "$work/diff"
      diff "$work/old.log" "$work/new.log" | head -20
      exit 1
    fi
    files=$(find "$work/new" -type f | wc -l)
    echo "same: $name $drafts ($files files, exit $(tail -1 "$work/new.log"))"
    compared=$((compared + files))
    rm -rf "$work/old" "$work/new"
  done
done
# Each advisory's notices (e-mail and SMS), drafts included: the example's and
# the fixtures' (the generated site would load N times over).
notices=0
for site in "${sites[@]}"; do
  [ "$site" = "$work/gen" ] && continue
  for inc in "$site"/content/incidents/*/; do
    id=$(basename "$inc")
    for which in old new; do
      bin=$([ "$which" = old ] && echo "$OLD" || echo "$NEW")
      rm -rf "$work/root" "$work/notices"
      mkdir -p "$work/root"
      cp -r "$site/content" "$work/root/"
      [ -d "$site/themes" ] && cp -r "$site/themes" "$work/root/"
      status=0
      "$bin" notice "$id" --drafts --root "$work/root" --output "$work/notices" \
        >"$work/$which.log" 2>&1 || status=$?
      echo "$status" >>"$work/$which.log"
      rm -rf "$work/$which"
      mkdir -p "$work/notices"
      mv "$work/notices" "$work/$which"
    done
    if ! diff -r "$work/old" "$work/new" >"$work/diff" || ! cmp -s "$work/old.log" "$work/new.log"; then
      echo "DIFFERENT: notices of $id"
      head -40 "$work/diff"
      exit 1
    fi
    notices=$((notices + $(find "$work/new" -type f | wc -l)))
  done
done
echo "identical: ${#sites[@]} sites, $compared files compared; notices of every advisory but the generated ones, $notices files"
