"""Reads every Atom feed named on the command line with feedparser, a real feed
reader's parser, and prints what it found as JSON for the Rust tests to check.
`bash tests/tools.sh` installs feedparser (pinned)."""
import json
import sys

import feedparser

out = {}
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        d = feedparser.parse(f.read())
    out[path] = {
        "bozo": bool(d.bozo),
        "error": str(d.get("bozo_exception", "")),
        "version": d.version,
        "title": d.feed.get("title"),
        "id": d.feed.get("id"),
        "updated": d.feed.get("updated"),
        "self": next((l.href for l in d.feed.get("links", []) if l.rel == "self"), None),
        "entries": [
            {
                "id": e.get("id"),
                "title": e.get("title"),
                "link": e.get("link"),
                "updated": e.get("updated"),
                "published": e.get("published"),
                "summary": e.get("summary"),
                "content": [
                    {"value": c.value, "language": c.get("language"), "type": c.get("type")}
                    for c in e.get("content", [])
                ],
            }
            for e in d.entries
        ],
    }
json.dump(out, sys.stdout, ensure_ascii=False)
