//! Hostile and broken input: injection through every field, resource bombs, a
//! build killed mid-write. Nothing crashes, nothing leaks, nothing is lost.

use std::time::{Duration, Instant};

use scraper::{Html, Selector};

use crate::*;

const INC: &str = "content/incidents/2026-01-sms-gateway/incident.yaml";

/// Strings that try to break out of text, attributes, URLs, CSS, XML and JSON.
const CORPUS: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "' onmouseover='alert(1)' x='",
    "</title><script>alert(1)</script>",
    "<svg onload=alert(1)>",
    "javascript:alert(1)",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<style>body{background:url(//evil.example/x)}</style>",
    "]]><!-- & \" ' < >",
    "{{ site.title }} {% raw %}",
    // Balanced: an unclosed override is an error (see
    // `unbalanced_bidi_in_running_text_is_an_error_with_its_position`).
    "\u{202E}gnp.exe\u{202C}",
];

/// A YAML double-quoted scalar holding `s` exactly.
fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn hostile_text(i: usize) -> String {
    let s = CORPUS[i % CORPUS.len()];
    format!(
        "{{ en: {}, ar: {} }}",
        q(&format!("en {s}")),
        q(&format!("ع {s}"))
    )
}

#[test]
fn injection_through_every_field_stays_text() {
    let site = fixture("minimal");
    let root = site.path();
    let mut n = 0;
    let mut t = || {
        n += 1;
        hostile_text(n)
    };
    let site_yaml = format!(
        "title: {}\nbase_url: \"https://advisories.example.com/\"\nlanguages: [en, ar]\norganization:\n  name: {}\ncontact:\n  email: security@example.com\n  hours: {}\nverify:\n  domains: [example.com]\n  note: {}\nvocabulary:\n  - {{ id: custom_notes, label: {} }}\n",
        t(),
        t(),
        t(),
        t(),
        t()
    );
    std::fs::write(root.join("content/site.yaml"), site_yaml).unwrap();
    let incident = format!(
        "title: {}\nsummary: {}\nstatus: monitoring\nseverity: high\npublished: 2026-01-10\nvendors:\n  - name: {}\n    url: \"https://vendor.example/?q=<script>\"\n    role: {}\n  - name: {}\naffected: {}\nnot_affected: {}\nlikely_consequences: {}\ndata:\n  exposed:\n    - {{ id: names, note: {} }}\n    - custom_notes\n    - {{ id: inline_thing, label: {}, note: {} }}\n  not_exposed: [passwords]\ntimeline:\n  - {{ at: 2026-01-09, text: {} }}\nactions:\n  - {{ text: {} }}\nadvice:\n  - {}\nupdates:\n  - {{ at: 2026-01-11, status: resolved, text: {} }}\ncontact:\n  hours: {}\nreferences:\n  - {{ title: {}, url: \"https://ref.example/a?b=c&d=<e>\", lang: en }}\n",
        t(),
        t(),
        q(CORPUS[1]),
        t(),
        t(),
        t(),
        t(),
        t(),
        t(),
        t(),
        t(),
        t(),
        t(),
        t(),
        t(),
        t(),
        t()
    );
    std::fs::write(root.join(INC), incident).unwrap();
    let body: String = CORPUS.iter().map(|s| format!("{s}\n\n")).collect();
    std::fs::write(
        root.join("content/incidents/2026-01-sms-gateway/en.md"),
        &body,
    )
    .unwrap();
    std::fs::write(
        root.join("content/incidents/2026-01-sms-gateway/ar.md"),
        format!("نص\n\n{body}"),
    )
    .unwrap();

    let out = build_ok(root, &[]);
    let files = tree(&out);
    let mut pages = 0;
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        if path.ends_with(".html") {
            pages += 1;
            let doc = Html::parse_document(&text);
            assert_eq!(
                doc.select(
                    &Selector::parse("script, iframe, style, object, embed, svg:not(.icon)")
                        .unwrap()
                )
                .count(),
                0,
                "{path}: live element"
            );
            for el in doc.select(&Selector::parse("*").unwrap()) {
                for (attr, value) in el.value().attrs() {
                    assert!(!attr.starts_with("on"), "{path}: event handler {attr}");
                    if attr == "href" || attr == "src" {
                        let v = value.to_ascii_lowercase();
                        assert!(
                            !v.starts_with("javascript:")
                                && !v.starts_with("data:")
                                && !v.starts_with("vbscript:"),
                            "{path}: {attr}={value}"
                        );
                    }
                }
            }
            let title: String = doc
                .select(&Selector::parse("title").unwrap())
                .next()
                .unwrap()
                .text()
                .collect();
            assert!(!title.is_empty());
            assert_eq!(
                doc.select(&Selector::parse("meta[http-equiv=Content-Security-Policy]").unwrap())
                    .count(),
                1,
                "{path}: CSP"
            );
        }
        if path.ends_with(".xml") {
            roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        }
        if path.ends_with(".json") {
            serde_json::from_str::<serde_json::Value>(&text)
                .unwrap_or_else(|e| panic!("{path}: {e}"));
        }
    }
    assert!(pages >= 6);
    // The text is shown, not dropped: the feed title reads back the exact string.
    let feed = read(&out.join("en/feed.xml"));
    let doc = roxmltree::Document::parse(&feed).unwrap();
    // The publication's entry (an update's title says it is an update).
    let entry_title = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .find(|e| {
            e.children()
                .any(|c| c.has_tag_name("id") && !c.text().unwrap_or("").contains("/update-"))
        })
        .unwrap()
        .children()
        .find(|n| n.has_tag_name("title"))
        .unwrap()
        .text()
        .unwrap()
        .to_owned();
    assert!(
        CORPUS.iter().any(|c| entry_title == format!("en {c}")),
        "{entry_title}"
    );
    let page = read(&out.join("en/incidents/2026-01-sms-gateway/index.html"));
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "raw HTML not shown as text"
    );
    let json: serde_json::Value =
        serde_json::from_str(&read(&out.join("incidents/2026-01-sms-gateway.json"))).unwrap();
    assert!(
        json["vendors"][0]["name"]["en"]
            .as_str()
            .unwrap()
            .contains("onerror=alert(1)")
    );
}

/// Builds the minimal site with `breakage` applied and returns (exit code,
/// stderr, seconds taken). The build must end within `limit`.
fn bounded_build(
    breakage: impl FnOnce(&std::path::Path),
    limit: Duration,
) -> (Option<i32>, String) {
    let site = fixture("minimal");
    breakage(site.path());
    let start = Instant::now();
    let o = bayan(site.path(), &["build", "-q"]);
    assert!(start.elapsed() < limit, "took {:?}", start.elapsed());
    let err = stderr(&o);
    assert!(!err.contains("panicked"), "{err}");
    (o.status.code(), err)
}

#[test]
fn yaml_alias_bomb_is_refused_quickly() {
    let (code, err) = bounded_build(
        |r| {
            let mut y = String::from("x: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
            for i in 0..8u8 {
                let (p, n) = ((b'a' + i) as char, (b'b' + i) as char);
                y.push_str(&format!(
                    "{n}{n}: &{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
                ));
            }
            std::fs::write(r.join(INC), y).unwrap();
        },
        Duration::from_secs(10),
    );
    assert_eq!(code, Some(1));
    assert!(err.contains(INC), "{err}");
}

#[test]
fn deeply_nested_yaml_is_refused() {
    let (code, err) = bounded_build(
        |r| {
            std::fs::write(
                r.join(INC),
                format!("title: {}{}\n", "[".repeat(5000), "]".repeat(5000)),
            )
            .unwrap()
        },
        Duration::from_secs(10),
    );
    assert_eq!(code, Some(1));
    assert!(err.contains(INC), "{err}");
}

#[test]
fn oversized_body_fails_with_a_clear_error() {
    let (code, err) = bounded_build(
        |r| {
            std::fs::write(
                r.join("content/incidents/2026-01-sms-gateway/en.md"),
                "word ".repeat(10 * 1024 * 1024),
            )
            .unwrap()
        },
        Duration::from_secs(20),
    );
    assert_eq!(code, Some(1));
    assert!(err.contains("en.md: body is larger than 8 MiB"), "{err}");
}

#[test]
fn huge_lists_and_deep_blockquotes_render_in_bounded_time() {
    let (code, err) = bounded_build(
        |r| {
            let dir = r.join("content/incidents/2026-01-sms-gateway");
            std::fs::write(dir.join("en.md"), "- item\n".repeat(100_000)).unwrap();
            std::fs::write(dir.join("ar.md"), format!("{}نص\n", "> ".repeat(10_000))).unwrap();
        },
        Duration::from_secs(60),
    );
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn a_build_killed_mid_write_leaves_the_previous_output() {
    let site = fixture("minimal");
    let root = site.path();
    let out = build_ok(root, &[]);
    let before = tree(&out);
    // Many advisories, so the build is still writing when it is killed.
    let src = root.join("content/incidents/2026-01-sms-gateway");
    for i in 0..400 {
        copy_dir(
            &src,
            &root.join(format!("content/incidents/2025-01-copy-{i:03}")),
        );
    }
    // Kill at several moments: while loading, rendering, writing, swapping.
    let complete = |t: &std::collections::BTreeMap<String, Vec<u8>>| {
        t.keys().filter(|k| k.contains("2025-01-copy-")).count() >= 400 * 3
    };
    for delay in [20u64, 60, 120, 200, 300, 450, 700] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_bayan"))
            .args(["build", "-q"])
            .current_dir(root)
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        assert!(out.is_dir(), "output/ missing after kill -9 at {delay} ms");
        let now = tree(&out);
        // Either the old output or the new one whole; never a mix, never nothing.
        assert!(
            now == before || complete(&now),
            "partial output after kill -9 at {delay} ms"
        );
    }
    // A later build still works and clears the killed build's staging folder.
    build_ok(root, &[]);
    let leftovers: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("bayan-new"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn symlinks_leading_outside_the_site_are_refused() {
    let site = fixture("minimal");
    let root = site.path();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.png"), "secret").unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.png"),
        root.join("content/incidents/2026-01-sms-gateway/leak.png"),
    )
    .unwrap();
    let o = bayan(root, &["build"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("leak.png: symlink leads outside content/"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn awkward_attachment_names_are_linked_percent_encoded() {
    let site = fixture("minimal");
    let root = site.path();
    let dir = root.join("content/incidents/2026-01-sms-gateway");
    for name in ["report #1 (final).pdf", "تقرير 50%.pdf", "what?.txt"] {
        std::fs::write(dir.join(name), "x").unwrap();
    }
    std::fs::write(
        dir.join("en.md"),
        "[a](report%20%231%20(final).pdf) [b](%D8%AA%D9%82%D8%B1%D9%8A%D8%B1%2050%25.pdf) [c](what%3F.txt)\n",
    )
    .unwrap();
    let out = build_ok(root, &[]);
    let page = read(&out.join("en/incidents/2026-01-sms-gateway/index.html"));
    for href in [
        "/en/incidents/2026-01-sms-gateway/report%20%231%20%28final%29.pdf",
        "/en/incidents/2026-01-sms-gateway/%D8%AA%D9%82%D8%B1%D9%8A%D8%B1%2050%25.pdf",
        "/en/incidents/2026-01-sms-gateway/what%3F.txt",
    ] {
        assert!(
            page.contains(&format!("href=\"{href}\"")),
            "{href} not in page"
        );
    }
    assert!(
        out.join("en/incidents/2026-01-sms-gateway/report #1 (final).pdf")
            .is_file()
    );
    // Two names that differ only by case are an error: many hosts fold case.
    std::fs::write(dir.join("Diagram.png"), "a").unwrap();
    std::fs::write(dir.join("diagram.png"), "b").unwrap();
    let o = bayan(root, &["build"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("differs from `Diagram.png` only by letter case"),
        "{}",
        stderr(&o)
    );
}

const DIR: &str = "content/incidents/2026-01-sms-gateway";

/// Builds (and checks) the minimal site after `breakage`: both must fail with
/// exit 1 within 20 s, leaving the previous output/ exactly as it was. Returns
/// the build's stderr.
fn refused(breakage: impl FnOnce(&std::path::Path)) -> String {
    let site = fixture("minimal");
    let root = site.path();
    let out = build_ok(root, &[]);
    let before = tree(&out);
    breakage(root);
    let mut errs = Vec::new();
    for cmd in ["build", "check"] {
        let start = Instant::now();
        let o = bayan(root, &[cmd]);
        let err = stderr(&o);
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{cmd} took {:?}",
            start.elapsed()
        );
        assert_eq!(o.status.code(), Some(1), "{cmd}: expected exit 1:\n{err}");
        assert!(!err.contains("panicked"), "{err}");
        errs.push(err);
    }
    assert_eq!(tree(&out), before, "output/ changed after a failed build");
    errs.swap_remove(0)
}

/// Finding: secrets published through symlinks. A link in content/ to the
/// repository's `.git/config` or `.env` is inside the site root, but outside
/// content/; a link to a hidden file inside content/ is refused too, and so is a
/// theme file linking out of its theme.
#[test]
fn secrets_published_through_symlinks_are_refused() {
    use std::os::unix::fs::symlink;
    let err = refused(|r| {
        std::fs::create_dir_all(r.join(".git")).unwrap();
        std::fs::write(r.join(".git/config"), "token = ghp_secret").unwrap();
        std::fs::write(r.join(".env"), "API_KEY=secret").unwrap();
        std::fs::write(r.join("content/.notes.txt"), "internal").unwrap();
        symlink("../../../.git/config", r.join(DIR).join("config.txt")).unwrap();
        symlink("../../../.env", r.join(DIR).join("env.csv")).unwrap();
        symlink("../../.notes.txt", r.join(DIR).join("notes.txt")).unwrap();
    });
    for want in [
        format!("{DIR}/config.txt: symlink leads outside content/"),
        format!("{DIR}/env.csv: symlink leads outside content/"),
        format!("{DIR}/notes.txt: symlink leads to the hidden file or folder `.notes.txt`"),
    ] {
        assert!(err.contains(&want), "{want}\n{err}");
    }
    assert!(
        !err.contains("ghp_secret") && !err.contains("API_KEY"),
        "{err}"
    );
    let err = refused(|r| {
        std::fs::write(r.join(".env"), "API_KEY=secret").unwrap();
        std::fs::create_dir_all(r.join("themes/default/static")).unwrap();
        symlink("../../../.env", r.join("themes/default/static/x.css")).unwrap();
    });
    assert!(
        err.contains("themes/default/static/x.css: symlink leads outside themes/default/"),
        "{err}"
    );
    // content/static is copied while rendering, after every other check.
    let site = fixture("minimal");
    let r = site.path();
    std::fs::write(r.join(".env"), "API_KEY=secret").unwrap();
    std::fs::create_dir_all(r.join("content/static")).unwrap();
    symlink("../../.env", r.join("content/static/env.txt")).unwrap();
    let o = bayan(r, &["build"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("content/static/env.txt: symlink leads outside content/"),
        "{}",
        stderr(&o)
    );
}

/// Finding: dot-files as sources. content/static publishes no hidden file or
/// folder but `.well-known/`.
#[test]
fn hidden_static_files_are_refused_but_well_known_is_published() {
    let site = fixture("minimal");
    let r = site.path();
    std::fs::create_dir_all(r.join("content/static/.well-known")).unwrap();
    std::fs::write(r.join("content/static/.well-known/openpgpkey.txt"), "key").unwrap();
    let out = build_ok(r, &[]);
    assert_eq!(read(&out.join(".well-known/openpgpkey.txt")), "key");
    std::fs::write(r.join("content/static/.env"), "API_KEY=secret").unwrap();
    std::fs::create_dir_all(r.join("content/static/.git")).unwrap();
    std::fs::write(r.join("content/static/.git/config"), "token").unwrap();
    std::fs::write(r.join("content/static/.well-known/.htpasswd"), "x").unwrap();
    let o = bayan(r, &["build"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for f in [".env", ".git", ".well-known/.htpasswd"] {
        assert!(
            err.contains(&format!("content/static/{f}: hidden files and folders")),
            "{f}\n{err}"
        );
    }
    assert!(!err.contains(".git/config"), "{err}");
}

/// Finding: SVG attachments (and static SVGs, the logo, a theme's SVGs) run
/// script. Each is refused at the line and column of what would run or load.
#[test]
fn svgs_that_run_script_or_load_elsewhere_are_refused() {
    const EVIL: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <script>alert(document.cookie)</script>\n  <rect onclick=\"alert(1)\"/>\n</svg>\n";
    let err = refused(|r| std::fs::write(r.join(DIR).join("diagram.svg"), EVIL).unwrap());
    assert!(
        err.contains(&format!(
            "{DIR}/diagram.svg:2:3: SVG contains <script>, which can run script"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{DIR}/diagram.svg:3:9: <rect> has the event handler `onclick`"
        )),
        "{err}"
    );
    let err = refused(|r| {
        std::fs::create_dir_all(r.join("content/static")).unwrap();
        std::fs::write(
            r.join("content/static/logo.svg"),
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"https://evil.example/t.png\"/></svg>",
        )
        .unwrap();
        edit(
            r,
            "content/site.yaml",
            "contact:",
            "organization:\n  name: { en: Org, ar: منظمة }\n  logo: logo.svg\ncontact:",
        );
    });
    assert!(
        err.contains("content/static/logo.svg:1:48: <image> `href` refers to `https://evil.example/t.png` outside the file"),
        "{err}"
    );
    let err = refused(|r| {
        std::fs::create_dir_all(r.join("themes/default/static")).unwrap();
        std::fs::write(r.join("themes/default/static/favicon.svg"), EVIL).unwrap();
    });
    assert!(
        err.contains("themes/default/static/favicon.svg:2:3: SVG contains <script>"),
        "{err}"
    );
    // A plain drawing is still published, byte for byte.
    let site = fixture("minimal");
    let ok = "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\" height=\"1\" fill=\"#000\"/></svg>";
    std::fs::write(site.path().join(DIR).join("diagram.svg"), ok).unwrap();
    let out = build_ok(site.path(), &[]);
    assert_eq!(
        read(&out.join("en/incidents/2026-01-sms-gateway/diagram.svg")),
        ok
    );
}

fn mkfifo(path: &std::path::Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap()
        .success();
    assert!(ok, "mkfifo {}", path.display());
}

/// Finding: a FIFO named `en.md` (or any non-regular file) hung build and check
/// forever. It is refused, with its name, before it is opened.
#[test]
fn fifo_or_socket_in_content_is_refused_instead_of_hanging() {
    let err = refused(|r| {
        let dir = r.join(DIR);
        std::fs::remove_file(dir.join("en.md")).unwrap();
        mkfifo(&dir.join("en.md"));
        mkfifo(&dir.join("evidence.pdf"));
        std::fs::create_dir_all(r.join("content/static")).unwrap();
        mkfifo(&r.join("content/static/robots-extra.txt"));
        let _sock = std::os::unix::net::UnixListener::bind(dir.join("trace.txt")).unwrap();
    });
    for f in ["en.md", "evidence.pdf"] {
        assert!(
            err.contains(&format!(
                "{DIR}/{f}: is a named pipe (FIFO), not a regular file"
            )),
            "{f}\n{err}"
        );
    }
    assert!(
        err.contains(&format!("{DIR}/trace.txt: is a socket, not a regular file")),
        "{err}"
    );
    // site.yaml too: its error must not lead the stand-in read of the incidents'
    // check (src/fallback.rs) to open the pipe and hang.
    let err = refused(|r| {
        std::fs::remove_file(r.join("content/site.yaml")).unwrap();
        mkfifo(&r.join("content/site.yaml"));
    });
    assert!(
        err.contains("content/site.yaml: is a named pipe (FIFO), not a regular file"),
        "{err}"
    );
    let err = refused(|r| {
        std::fs::create_dir_all(r.join("content/static")).unwrap();
        mkfifo(&r.join("content/static/robots-extra.txt"));
        std::fs::create_dir_all(r.join("themes/default/templates")).unwrap();
        mkfifo(&r.join("themes/default/templates/base.html"));
    });
    assert!(
        err.contains("themes/default/templates/base.html: is a named pipe (FIFO)"),
        "{err}"
    );
    let err = refused(|r| {
        std::fs::create_dir_all(r.join("content/static")).unwrap();
        mkfifo(&r.join("content/static/robots-extra.txt"));
    });
    assert!(
        err.contains("content/static/robots-extra.txt: is a named pipe (FIFO)"),
        "{err}"
    );
}

/// Finding: `content/incidents` as a plain file built an empty site with exit 0.
#[test]
fn incidents_as_a_plain_file_is_an_error() {
    let err = refused(|r| {
        std::fs::remove_dir_all(r.join("content/incidents")).unwrap();
        std::fs::write(r.join("content/incidents"), "oops").unwrap();
    });
    assert!(
        err.contains("content/incidents: must be a folder holding one folder per incident"),
        "{err}"
    );
    let err = refused(|r| std::fs::write(r.join("content/static"), "oops").unwrap());
    assert!(err.contains("content/static: must be a folder"), "{err}");
}

/// Finding: a static file could shadow a generated page by letter case (or by
/// its exact path). Both files are named.
#[test]
fn static_file_shadowing_a_generated_page_by_case_is_an_error() {
    let err = refused(|r| {
        std::fs::create_dir_all(r.join("content/static/EN")).unwrap();
        std::fs::write(r.join("content/static/EN/index.html"), "<p>fake</p>").unwrap();
    });
    assert!(
        err.contains("content/static/EN/index.html: differs from `en/index.html`, a file bayan generates, only by letter case"),
        "{err}"
    );
    let err = refused(|r| {
        std::fs::create_dir_all(r.join("content/static/en")).unwrap();
        std::fs::write(r.join("content/static/en/index.html"), "<p>fake</p>").unwrap();
    });
    assert!(
        err.contains(
            "content/static/en/index.html: would overwrite `en/index.html`, a file bayan generates"
        ),
        "{err}"
    );
    let err = refused(|r| {
        std::fs::create_dir_all(r.join("content/static")).unwrap();
        std::fs::write(r.join("content/static/Logo.png"), "a").unwrap();
        std::fs::write(r.join("content/static/logo.png"), "b").unwrap();
    });
    assert!(
        err.contains(
            "content/static/logo.png: differs from `content/static/Logo.png` only by letter case"
        ),
        "{err}"
    );
}

/// Finding: an unreadable attachment was exit 2 with a bare OS message, first file
/// only. It is a content error naming every such file. Root reads through
/// `chmod 000`, so as root the build runs as `nobody` (uid 65534).
#[test]
fn unreadable_attachments_are_content_errors_naming_each() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    use std::os::unix::process::CommandExt;
    let site = fixture("minimal");
    let r = site.path();
    let dir = r.join(DIR);
    for name in ["a-report.pdf", "b-logs.txt"] {
        std::fs::write(dir.join(name), "x").unwrap();
        std::fs::set_permissions(dir.join(name), std::fs::Permissions::from_mode(0o000)).unwrap();
    }
    let as_root = std::fs::metadata(dir.join("a-report.pdf")).unwrap().uid() == 0;
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_bayan"));
    cmd.args(["build"])
        .current_dir(r)
        .env("SOURCE_DATE_EPOCH", EPOCH);
    if as_root {
        // Let `nobody` into the site and write output/, but not read the two files.
        std::fs::set_permissions(r, std::fs::Permissions::from_mode(0o777)).unwrap();
        cmd.uid(65534).gid(65534);
    }
    let o = cmd.output().unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for name in ["a-report.pdf", "b-logs.txt"] {
        assert!(
            err.contains(&format!("{DIR}/{name}: permission denied")),
            "{name}\n{err}"
        );
    }
    assert!(err.contains("2 errors"), "{err}");
}

/// Finding: attachment names that differ only by Unicode normalisation or by an
/// invisible or bidi control character were both published.
#[test]
fn confusable_attachment_names_are_errors() {
    let err = refused(|r| {
        let dir = r.join(DIR);
        std::fs::write(dir.join("r\u{e9}sum\u{e9}.pdf"), "nfc").unwrap();
        std::fs::write(dir.join("re\u{301}sume\u{301}.pdf"), "nfd").unwrap();
        std::fs::write(dir.join("R\u{c9}SUM\u{c9}.txt"), "case").unwrap();
        std::fs::write(dir.join("r\u{e9}sum\u{e9}.txt"), "lower").unwrap();
        std::fs::write(dir.join("invoice\u{200b}.pdf"), "zw").unwrap();
        std::fs::write(dir.join("report\u{202e}fdp.txt"), "bidi").unwrap();
        std::fs::write(dir.join("soft\u{ad}hyphen.csv"), "shy").unwrap();
    });
    assert!(
        err.contains(
            "differs from `re\u{301}sume\u{301}.pdf` only by letter case or Unicode normalisation"
        ) || err.contains(
            "differs from `r\u{e9}sum\u{e9}.pdf` only by letter case or Unicode normalisation"
        ),
        "{err}"
    );
    assert!(
        err.contains("only by letter case or Unicode normalisation"),
        "{err}"
    );
    assert_eq!(err.matches("only by letter case").count(), 2, "{err}");
    for (name, code) in [
        // Printed with the invisible character escaped, so the terminal shows it.
        ("invoice\\u{200b}.pdf", "U+200B"),
        ("report\\u{202e}fdp.txt", "U+202E"),
        ("soft\\u{ad}hyphen.csv", "U+00AD"),
    ] {
        assert!(
            err.contains(&format!("{DIR}/{name}: file name contains the invisible or direction-changing character {code}")),
            "{name}\n{err}"
        );
    }
}

/// Every input the fuzzers ever flagged stays a regression test.
#[test]
fn fuzz_regressions_stay_safe() {
    let dir = repo().join("fuzz/regressions/markdown");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let src = String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).into_owned();
        for rtl in [false, true] {
            let ctx = bayan_text::markdown::LinkContext {
                rtl,
                ..Default::default()
            };
            let html = bayan_text::markdown::render_block(&src, &ctx, 3).html;
            let doc = Html::parse_fragment(&html);
            assert_eq!(
                doc.select(&Selector::parse("script, iframe, style, svg").unwrap())
                    .count(),
                0
            );
            for a in doc.select(&Selector::parse("[href]").unwrap()) {
                let href = a.value().attr("href").unwrap();
                assert!(
                    !href.to_ascii_lowercase().starts_with("javascript:"),
                    "{href}"
                );
            }
        }
        n += 1;
    }
    let site = fixture("minimal");
    let root = site.path();
    let config = bayan::Config::load(root, None).unwrap();
    let theme = bayan::Theme::load(&config).unwrap();
    let vocab = bayan::Vocabulary::new(theme.class_labels(&config.languages), &config.vocabulary);
    let inc = root.join("content/incidents/2026-01-sms-gateway");
    for e in std::fs::read_dir(repo().join("fuzz/regressions/incident"))
        .unwrap()
        .flatten()
    {
        let text = String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).into_owned();
        let (_, diags) = bayan_site::content::load_text(&config, &vocab, &inc, &text, false);
        assert!(
            diags.has_errors(),
            "{}: a broken record must be an error",
            e.path().display()
        );
        n += 1;
    }
    // URLs the `urls` target found accepted wrongly: each is refused, and as a link
    // it is not written.
    for e in std::fs::read_dir(repo().join("fuzz/regressions/urls"))
        .unwrap()
        .flatten()
    {
        let url = String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).into_owned();
        assert!(bayan_text::spoof::check_url(url.trim()).is_err(), "{url:?}");
        let r = bayan_text::markdown::render_inline(&format!("[x]({url})"), &Default::default());
        assert!(!r.html.contains("href"), "{url:?}: {}", r.html);
        assert_eq!(r.problems.len(), 1, "{url:?}");
        n += 1;
    }
    assert!(n >= 3);
}

/// Finding: error positions were found by rescanning the body from its start for
/// each problem, so 100,000 bad links took half a minute. One walk now serves all.
#[test]
fn quadratic_error_positions_100k_bad_links_report_in_bounded_time() {
    let site = fixture("minimal");
    let link = "[x](javascript:1) ";
    let line = link.repeat(100);
    std::fs::write(
        site.path()
            .join("content/incidents/2026-01-sms-gateway/en.md"),
        format!("{line}\n").repeat(1000),
    )
    .unwrap();
    let start = Instant::now();
    let o = bayan(site.path(), &["check", "--format", "json"]);
    let took = start.elapsed();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let items: Vec<serde_json::Value> = serde_json::from_str(&stdout(&o)).unwrap();
    let links: Vec<&serde_json::Value> = items
        .iter()
        .filter(|d| d["message"].as_str().unwrap_or("").contains("javascript:1"))
        .collect();
    assert_eq!(links.len(), 100_000);
    let at = |d: &serde_json::Value| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap());
    let mut seen: Vec<(u64, u64)> = links.iter().map(|d| at(d)).collect();
    seen.sort();
    let col = |i: u64| 1 + i * link.len() as u64;
    assert_eq!(seen[0], (1, 1));
    assert_eq!(seen[1], (1, col(1)));
    assert_eq!(seen[99], (1, col(99)));
    assert_eq!(seen[100], (2, 1));
    assert_eq!(seen[54_321], (544, col(21)));
    assert_eq!(seen[99_999], (1000, col(99)));
    // Generous for a debug build on a shared machine; the quadratic lookup took 29 s
    // in release.
    assert!(took < Duration::from_secs(20), "took {took:?}");
}

/// Finding: footnote ids were the author's labels, so `[^contact]` gave a second
/// `id="contact"` on a page that has a Contact section. Every id on the page is now
/// unique and every `#` link finds its target.
#[test]
fn footnote_ids_never_collide_with_page_or_heading_ids() {
    let site = fixture("minimal");
    let root = site.path();
    std::fs::write(
        root.join("content/incidents/2026-01-sms-gateway/en.md"),
        "## Fn contact\n\nSee us[^contact] and the summary[^Summary] and [^a b].\n\n[^contact]: Call.\n\n[^Summary]: Short.\n\n[^a b]: Spaced.\n",
    )
    .unwrap();
    let out = build_ok(root, &[]);
    let page = read(&out.join("en/incidents/2026-01-sms-gateway/index.html"));
    let doc = Html::parse_document(&page);
    let mut ids = std::collections::BTreeMap::new();
    for el in doc.select(&Selector::parse("[id]").unwrap()) {
        *ids.entry(el.value().id().unwrap().to_owned()).or_insert(0) += 1;
    }
    let twice: Vec<_> = ids.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "ids used twice: {twice:?}");
    assert!(ids.contains_key("contact"), "{ids:?}");
    let refs: Vec<String> = doc
        .select(&Selector::parse(".footnote-reference a").unwrap())
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .collect();
    assert_eq!(refs.len(), 3, "{page}");
    for r in refs {
        let id = r.strip_prefix('#').unwrap();
        assert!(ids.contains_key(id), "{r} has no target among {ids:?}");
        assert!(!bayan_text::markdown::PAGE_IDS.contains(&id), "{r}");
    }
}

/// Inputs the `bidi` fuzz target flagged, replayed with its oracle: runs on character
/// boundaries, and no isolate character added by the renderer (the first one found was
/// an oracle error: a fenced code block's info string, not shown, holds a PDI).
#[test]
fn bidi_fuzz_regressions_stay_well_formed() {
    let dir = repo().join("fuzz/regressions/bidi");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let src = String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).into_owned();
        for base in [
            bayan_text::lang::Direction::Rtl,
            bayan_text::lang::Direction::Ltr,
        ] {
            for r in bayan_text::bidi::runs(&src, base) {
                assert!(src.is_char_boundary(r.range.start) && src.is_char_boundary(r.range.end));
            }
        }
        let ctx = bayan_text::markdown::LinkContext {
            rtl: true,
            ..Default::default()
        };
        let html = bayan_text::markdown::render_inline(&src, &ctx).html;
        let iso = |s: &str| s.matches(['\u{2066}', '\u{2067}', '\u{2069}']).count();
        assert!(iso(&html) <= iso(&src), "{html}");
        n += 1;
    }
    assert!(n > 0, "no regressions in {}", dir.display());
}
