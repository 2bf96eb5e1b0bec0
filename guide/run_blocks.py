#!/usr/bin/env python3
"""Run every command block of the guide marked runnable, and fail when one fails.

Usage: run_blocks.py BAYAN_BINARY GUIDE_SRC EXAMPLE_CONTENT

A block is runnable when its fence's info string is `sh,runnable`:

    ```sh,runnable
    bayan build
    ```

Each one runs on its own with `bash -euo pipefail`, in a fresh scratch site (a copy of
the repository's example `content/`, so `bayan build` works as written, and room for
`bayan init my-site`), with `bayan` on PATH and HOME inside the scratch folder. A block
fails when any command in it fails (exit status not 0) or it takes over 120 s.
"""

import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

FENCE = re.compile(r"^(```+)\s*sh,runnable\s*$")


def blocks(src):
    for md in sorted(src.rglob("*.md")):
        lines = md.read_text(encoding="utf-8").split("\n")
        i = 0
        while i < len(lines):
            m = FENCE.match(lines[i])
            if m:
                start, body = i + 1, []
                i += 1
                while i < len(lines) and lines[i].strip() != m.group(1):
                    body.append(lines[i])
                    i += 1
                yield md.relative_to(src), start, "\n".join(body) + "\n"
            i += 1


def run(bayan, content, block):
    with tempfile.TemporaryDirectory(prefix="guide-block-") as tmp:
        site = pathlib.Path(tmp) / "site"
        shutil.copytree(content, site / "content")
        (site / "home").mkdir()
        env = dict(os.environ)
        env["PATH"] = f"{bayan.parent}{os.pathsep}{env['PATH']}"
        env["HOME"] = str(site / "home")
        env.pop("SOURCE_DATE_EPOCH", None)
        try:
            return subprocess.run(
                ["bash", "-euo", "pipefail", "-c", block],
                cwd=site,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                timeout=120,
            )
        except subprocess.TimeoutExpired as e:
            return subprocess.CompletedProcess(e.cmd, 124, f"timed out after 120 s\n{e.output or ''}")


def main():
    bayan, src, content = (pathlib.Path(a).resolve() for a in sys.argv[1:4])
    if bayan.name != "bayan":
        # The blocks call `bayan`; give them that name whatever the binary is called.
        sys.exit(f"{bayan}: the binary must be named bayan")
    passed, failed = 0, 0
    for md, line, block in blocks(src):
        done = run(bayan, content, block)
        if done.returncode == 0:
            passed += 1
            print(f"ok    {md}:{line}")
        else:
            failed += 1
            print(f"FAIL  {md}:{line} (exit {done.returncode})\n{block}--- output:\n{done.stdout}")
    if passed + failed == 0:
        sys.exit("no block marked sh,runnable was found")
    print(f"runnable blocks: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
