#!/usr/bin/env python3
"""Import circles between a crate's module files, from its own `crate::` paths.

Usage: python3 tools/import_cycles.py [SRC_DIR ...]   (default: every src/ of
the workspace: ./src and crates/*/src)

Each .rs file is a module (`src/a/b.rs` and `src/a/b/mod.rs` are `a::b`). Every
`crate::x::y` path in a file (in `use` lines, braces expanded, and in code) is an
arrow to the deepest module file that path names. A parent's `mod child;` is an
arrow to the child. A circle is a set of files
that reach one another (a strongly connected component). The rule: no file is in
a circle with more than one other, and a circle of two is a parent and its child
(`render/mod.rs` and `render/view.rs`). Prints each circle broken, exits 1 if any.
"""
import pathlib
import re
import sys


def modules(src: pathlib.Path) -> dict:
    """Module path (tuple) -> file, for every .rs under src."""
    out = {}
    for f in sorted(src.rglob("*.rs")):
        rel = f.relative_to(src).with_suffix("")
        parts = list(rel.parts)
        if parts in (["lib"], ["main"]):
            parts = []
        elif parts[-1] == "mod":
            parts = parts[:-1]
        out[tuple(parts)] = f
    return out


def strip(text: str) -> str:
    """The code without comments and string literals (rough, enough for paths)."""
    text = re.sub(r"//[^\n]*", "", text)
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r'r#*"(?:.|\n)*?"#*', '""', text)
    text = re.sub(r'"(?:\\.|[^"\\])*"', '""', text)
    return text


def expand(prefix: str, body: str):
    """`a::{b, c::{d, e}}` → a::b, a::c::d, a::c::e."""
    depth, start, items = 0, 0, []
    for i, ch in enumerate(body):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == "," and depth == 0:
            items.append(body[start:i])
            start = i + 1
    items.append(body[start:])
    for item in items:
        item = item.strip()
        if not item:
            continue
        m = re.match(r"^([\w:]*?)(?:::)?\{(.*)\}$", item, flags=re.S)
        if m:
            yield from expand(prefix + m.group(1) + "::", m.group(2))
        else:
            yield prefix + item.split(" as ")[0].strip()


def paths(code: str):
    for m in re.finditer(r"\buse\s+crate::([^;]*);", code, flags=re.S):
        body = m.group(1).strip()
        if body.startswith("{"):
            yield from expand("", body[1:-1])
        else:
            mm = re.match(r"^([\w:]*?)::\{(.*)\}$", body, flags=re.S)
            if mm:
                yield from expand(mm.group(1) + "::", mm.group(2))
            else:
                yield body.split(" as ")[0]
    for m in re.finditer(r"\bcrate::((?:\w+::)*\w+)", code):
        yield m.group(1)


def graph(src: pathlib.Path):
    mods = modules(src)
    edges = {f: set() for f in mods.values()}
    for mod, f in mods.items():
        code = strip(f.read_text(encoding="utf-8"))
        # A parent reaches the children it declares (`mod writer;` and then
        # `writer::render`), so a child that imports back closes a circle too.
        for m in re.finditer(r"^\s*(?:pub(?:\([\w ]+\))?\s+)?mod\s+(\w+)\s*;", code, flags=re.M):
            target = mods.get(mod + (m.group(1),))
            if target is not None:
                edges[f].add(target)
        for p in paths(code):
            parts = tuple(x for x in p.replace(" ", "").replace("\n", "").split("::") if x)
            # The deepest module the path names.
            for n in range(len(parts), 0, -1):
                target = mods.get(parts[:n])
                if target is not None:
                    if target != f:
                        edges[f].add(target)
                    break
    return mods, edges


def circles(edges: dict):
    """Tarjan's strongly connected components with more than one file."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def parent_and_child(a: pathlib.Path, b: pathlib.Path, mods: dict) -> bool:
    back = {f: m for m, f in mods.items()}
    ma, mb = back[a], back[b]
    return ma == mb[:-1] or mb == ma[:-1]


def main(argv):
    roots = [pathlib.Path(a) for a in argv[1:]]
    if not roots:
        roots = [pathlib.Path("src")] + sorted(pathlib.Path("crates").glob("*/src"))
        roots = [r for r in roots if r.is_dir()]
    broken = 0
    for src in roots:
        mods, edges = graph(src)
        arrows = sum(len(e) for e in edges.values())
        found = circles(edges)
        bad = [c for c in found if len(c) > 2 or not parent_and_child(c[0], c[1], mods)]
        print(f"{src}: {len(mods)} module files, {arrows} arrows, "
              f"{len(found)} circles, {len(bad)} against the rule")
        for c in bad:
            broken += 1
            print(f"  a circle of {len(c)}: " + ", ".join(str(f.relative_to(src)) for f in c))
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
