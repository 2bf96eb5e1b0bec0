#!/usr/bin/env python3
"""Import circles between a crate's module files, from its own `crate::` paths.

Usage: python3 tools/import_cycles.py [SRC_DIR ...]   (default: every src/ of
the workspace: ./src and crates/*/src)

Each .rs file is a module (`src/a/b.rs` and `src/a/b/mod.rs` are `a::b`). Every
module path a file uses (in `use` lines, braces expanded, and in code) is an
arrow to the deepest module file that path names: `crate::x::y`, `super::x`
(`super::*` is an arrow to the parent) and a declared child's `child::x`. A
circle is a set of files
that reach one another (a strongly connected component). The rule: no file is in
an import circle with more than one other, and a circle of two is a parent and
its child (`theme/mod.rs` and `theme/strings.rs`); a parent may share such pairs
with several children. Prints each circle broken, exits 1 if any.
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
    # `pub(in crate::a)` names who may see an item, not what it uses.
    text = re.sub(r"pub\(in\s+[\w:]+\)", "pub", text)
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


def inline_modules(code: str):
    """The spans of inline modules (`mod tests { … }`): inside one, `super::`
    names the file's own module, not its parent."""
    spans = []
    for m in re.finditer(r"\bmod\s+\w+\s*\{", code):
        depth, i = 0, m.end() - 1
        while i < len(code):
            if code[i] == "{":
                depth += 1
            elif code[i] == "}":
                depth -= 1
                if depth == 0:
                    break
            i += 1
        spans.append((m.end(), i))
    return spans


def relative_paths(code: str, children: set):
    """Every module path in the code, as (kind, parts): kind "crate" for
    `crate::a::b`, an integer n for n times `super::`, "child" for a path whose
    first name is a child module this file declares (`use writer::render;`,
    `writer::render(…)`). `use` lines have their braces expanded."""
    spans = inline_modules(code)

    def nesting(at):
        return sum(1 for a, b in spans if a <= at < b)

    for m in re.finditer(r"\buse\s+([^;]*);", code, flags=re.S):
        depth = nesting(m.start())
        body = m.group(1).strip().replace("\n", " ")
        mm = re.match(r"^([\w:]*?)::\{(.*)\}$", body, flags=re.S)
        items = expand(mm.group(1) + "::", mm.group(2)) if mm else [body.split(" as ")[0]]
        if body.startswith("{"):
            items = expand("", body[1:-1])
        for item in items:
            yield from classify(item, children, depth)
    for m in re.finditer(r"(?<![\w:])((?:crate|super|\w+)(?:::\w+)+)", code):
        yield from classify(m.group(1), children, nesting(m.start()))


def classify(path: str, children: set, depth: int = 0):
    parts = [x for x in path.replace(" ", "").split("::") if x]
    if not parts:
        return
    if parts[0] == "crate":
        yield ("crate", tuple(parts[1:]))
    elif parts[0] == "super":
        n = 0
        while n < len(parts) and parts[n] == "super":
            n += 1
        # Inside an inline module the first `super`s climb out of it only.
        if n > depth:
            yield (n - depth, tuple(p for p in parts[n:] if p not in ("*", "self")))
    elif parts[0] == "self":
        if len(parts) > 1 and parts[1] in children:
            yield ("child", tuple(parts[1:]))
    elif parts[0] in children:
        yield ("child", tuple(parts))


def graph(src: pathlib.Path):
    mods = modules(src)
    edges = {f: set() for f in mods.values()}
    for mod, f in mods.items():
        code = strip(f.read_text(encoding="utf-8"))
        # Where `super::` and a child's name lead from this file: a file module's
        # parent is one up, and `mod.rs`/`lib.rs` is its own module.
        is_dir_module = f.name in ("mod.rs", "lib.rs", "main.rs")
        parent = mod if is_dir_module else mod[:-1]
        children = set(re.findall(r"^\s*(?:pub(?:\([\w ]+\))?\s+)?mod\s+(\w+)\s*;", code, flags=re.M))
        for p in relative_paths(code, children):
            kind, parts = p
            if kind == "crate":
                base = ()
            elif kind == "child":
                base = mod if is_dir_module else mod
            else:  # `super` repeated n times
                base = parent[: len(parent) - (kind - 1)] if kind - 1 <= len(parent) else None
                if base is None:
                    continue
            full = tuple(base) + parts
            # The deepest module the path names; a path naming only the
            # parent (`super::*`, `super::Thing`) is an arrow to the parent.
            for n in range(len(full), len(base) - 1, -1):
                target = mods.get(full[:n])
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


def against_the_rule(comp: list, edges: dict, mods: dict) -> bool:
    """Whether a strongly connected set of files holds an import circle of more
    than two files, or one of two that are not a parent and its child. In a
    strongly connected set, only circles of two exist exactly when every arrow
    has its reverse and the pairs form a tree; a one-way arrow, or pairs that
    close a ring, make a longer circle."""
    inside = set(comp)
    pairs = set()
    for a in comp:
        for b in edges[a] & inside:
            if a not in edges[b]:
                return True
            pairs.add(frozenset((a, b)))
    if len(pairs) != len(comp) - 1:
        return True
    return any(not parent_and_child(*sorted(p), mods) for p in pairs)


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
        bad = [c for c in found if against_the_rule(c, edges, mods)]
        print(f"{src}: {len(mods)} module files, {arrows} arrows, "
              f"{len(found)} circles, {len(bad)} against the rule")
        for c in bad:
            broken += 1
            print(f"  a circle of {len(c)}: " + ", ".join(str(f.relative_to(src)) for f in c))
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
