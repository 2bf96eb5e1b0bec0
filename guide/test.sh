#!/usr/bin/env bash
# The guide is tested like code: build it with a pinned mdbook, fail on any broken
# internal link or anchor (in the book and in README.md), and run every command block
# marked `sh,runnable` against a scratch copy of the example site. tests/run calls this,
# so CI does too. The check that every CLI flag and incident.yaml field is in the
# reference pages is a Rust test (tests/it/guide.rs), run by `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."

# mdbook, pinned; installed once (a few minutes of compiling) when missing. Only the
# `search` feature: the guide needs no `mdbook serve` or `watch` here.
MDBOOK_VERSION=0.5.4
MDBOOK="${CARGO_HOME:-$HOME/.cargo}/bin/mdbook"
if ! "$MDBOOK" --version 2>/dev/null | grep -qx "mdbook v$MDBOOK_VERSION"; then
  cargo install --locked mdbook --version "$MDBOOK_VERSION" \
    --no-default-features --features search
fi

echo "== guide: mdbook build"
rm -rf guide/book
"$MDBOOK" build guide

echo "== guide: internal links and anchors"
python3 guide/check_links.py guide/book README.md

echo "== guide: the workflow that publishes it"
command -v actionlint >/dev/null || { echo "actionlint is needed: bash tests/tools.sh installs it" >&2; exit 1; }
actionlint .github/workflows/guide.yml

echo "== guide: runnable command blocks"
cargo build --locked --quiet --bin bayan
python3 guide/run_blocks.py target/debug/bayan guide/src content
