#!/usr/bin/env python3
"""Fail on any broken internal link or anchor in the built guide and in README.md.

Usage: check_links.py BOOK_DIR README.md

Every href and src in every page of the built book that points into the book (no
scheme, no host) must name a file that exists, and its #fragment, if any, must be an
id (or <a name>) on that page. README.md's relative links must name files that exist,
and a link to a chapter's .md with a #fragment must find that id in the built chapter.
"""

import html.parser
import pathlib
import re
import sys
import tomllib
import urllib.parse

EXTERNAL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = set()
        self.links = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for key in ("href", "src"):
            if a.get(key) is not None and tag in ("a", "link", "img", "script", "source"):
                self.links.append((self.getpos()[0], a[key]))


def parse(path, cache={}):
    if path not in cache:
        p = Page()
        p.feed(path.read_text(encoding="utf-8"))
        cache[path] = p
    return cache[path]


def has_anchor(page, fragment):
    return fragment in page.ids or urllib.parse.unquote(fragment) in page.ids


def resolve(book, base_dir, target, site_url):
    path = urllib.parse.unquote(target)
    if path.startswith("/"):
        if not path.startswith(site_url):
            return None
        dest = book / path[len(site_url):]
    else:
        dest = base_dir / path
    if dest.is_dir():
        dest = dest / "index.html"
    return dest.resolve()


def check_book(book):
    conf = tomllib.loads((book.parent / "book.toml").read_text())
    site_url = conf.get("output", {}).get("html", {}).get("site-url", "/")
    problems, checked = [], 0
    for page_path in sorted(book.rglob("*.html")):
        page = parse(page_path)
        for line, link in page.links:
            if EXTERNAL.match(link):
                continue
            checked += 1
            where = f"{page_path.relative_to(book)}:{line}: `{link}`"
            target, _, fragment = link.partition("#")
            if target:
                dest = resolve(book, page_path.parent, target, site_url)
                if dest is None or not dest.is_file():
                    problems.append(f"{where}: no such file in the book")
                    continue
            else:
                dest = page_path
            if fragment and dest.suffix == ".html" and not has_anchor(parse(dest), fragment):
                problems.append(f"{where}: no id `{fragment}` on {dest.relative_to(book.resolve()) if dest.is_absolute() else dest}")
    return problems, checked


def check_readme(readme, book):
    src = book.parent / "src"
    text = readme.read_text(encoding="utf-8")
    # Code is not a link: blank out fenced blocks and code spans, keeping line numbers.
    text = re.sub(r"^```.*?^```", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text, flags=re.M | re.S)
    text = re.sub(r"`[^`\n]*`", lambda m: " " * len(m.group(0)), text)
    problems, checked = [], 0
    for m in re.finditer(r"\]\(([^)\s]+)\)|(?:src|href)=\"([^\"]+)\"", text):
        link = m.group(1) or m.group(2)
        if EXTERNAL.match(link) or link.startswith("#"):
            continue
        checked += 1
        line = text.count("\n", 0, m.start()) + 1
        target, _, fragment = link.partition("#")
        dest = (readme.parent / urllib.parse.unquote(target)).resolve()
        if not dest.exists():
            problems.append(f"{readme.name}:{line}: `{link}`: no such file")
            continue
        if fragment:
            try:
                rel = dest.relative_to(src.resolve())
            except ValueError:
                problems.append(f"{readme.name}:{line}: `{link}`: anchors are checked only into the guide")
                continue
            name = rel.with_suffix(".html").name
            built = book / rel.parent / name
            if not has_anchor(parse(built), fragment):
                problems.append(f"{readme.name}:{line}: `{link}`: no id `{fragment}` in {built}")
    return problems, checked


def main():
    book, readme = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    problems, n_book = check_book(book)
    more, n_readme = check_readme(readme, book)
    problems += more
    for p in problems:
        print(f"broken link: {p}", file=sys.stderr)
    if n_book == 0:
        problems.append("no internal link found: is the book built?")
    print(f"links: {n_book} in the book, {n_readme} in {readme.name}, {len(problems)} broken")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
