//! A successful build writes every output SPEC.md lists, each parsing as what it
//! claims to be, and the same bytes every time.

use scraper::{Html, Selector};

use crate::*;

const SLUG: &str = "2025-11-mixpanel-analytics";

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn attrs(doc: &Html, selector: &str, attr: &str) -> Vec<String> {
    doc.select(&sel(selector))
        .filter_map(|e| e.value().attr(attr).map(str::to_owned))
        .collect()
}

#[test]
fn example_site_has_every_output_spec_lists() {
    let site = fixture("example");
    let out = build_ok(site.path(), &[]);
    let files = tree(&out);
    for path in [
        "index.html",
        "en/index.html",
        "ar/index.html",
        &format!("en/incidents/{SLUG}/index.html"),
        &format!("ar/incidents/{SLUG}/index.html"),
        "en/feed.xml",
        "ar/feed.xml",
        &format!("incidents/{SLUG}.json"),
        "incidents.json",
        "schema/incident.schema.json",
        "sitemap.xml",
        "404.html",
        "robots.txt",
        ".nojekyll",
        ".well-known/security.txt",
    ] {
        assert!(files.contains_key(path), "missing {path}");
    }
    let css: Vec<_> = files
        .keys()
        .filter(|p| p.starts_with("assets/style.") && p.ends_with(".css"))
        .collect();
    assert_eq!(css.len(), 1, "one hashed stylesheet: {css:?}");
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        if path.ends_with(".xml") {
            roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        }
        if path.ends_with(".json") {
            serde_json::from_str::<serde_json::Value>(&text)
                .unwrap_or_else(|e| panic!("{path}: {e}"));
        }
    }
}

#[test]
fn advisory_pages_have_language_direction_and_alternates() {
    let site = fixture("example");
    let out = build_ok(site.path(), &[]);
    for (lang, dir) in [("en", "ltr"), ("ar", "rtl")] {
        let html = read(&out.join(format!("{lang}/incidents/{SLUG}/index.html")));
        let doc = Html::parse_document(&html);
        let root = doc.select(&sel("html")).next().unwrap();
        assert_eq!(root.value().attr("lang"), Some(lang));
        assert_eq!(root.value().attr("dir"), Some(dir));
        let mut hreflangs = attrs(&doc, "link[rel=alternate][hreflang]", "hreflang");
        hreflangs.sort();
        assert_eq!(hreflangs, ["ar", "en", "x-default"]);
        let canonical = attrs(&doc, "link[rel=canonical]", "href");
        assert_eq!(
            canonical,
            [format!(
                "https://advisories.nahda.example/{lang}/incidents/{SLUG}/"
            )]
        );
        // The switch links to the same advisory in the other language, marked with
        // the target's language.
        let other = if lang == "en" { "ar" } else { "en" };
        let switch = attrs(
            &doc,
            &format!("nav a[hreflang={other}][lang={other}]"),
            "href",
        );
        assert_eq!(switch, [format!("/{other}/incidents/{SLUG}/")]);
        let csp = attrs(&doc, "meta[http-equiv=Content-Security-Policy]", "content");
        assert!(
            csp[0].contains("default-src 'self'") && !csp[0].contains("unsafe-inline"),
            "{csp:?}"
        );
        assert_eq!(attrs(&doc, "meta[property='og:locale']", "content"), [lang]);
        assert!(!attrs(&doc, "meta[name=description]", "content")[0].is_empty());
    }
}

#[test]
fn advisory_page_shows_every_part_of_the_record() {
    let site = fixture("example");
    let out = build_ok(site.path(), &[]);
    let html = read(&out.join(format!("en/incidents/{SLUG}/index.html")));
    let doc = Html::parse_document(&html);
    let exposed: Vec<String> = doc
        .select(&sel(".data-exposed li"))
        .map(|e| e.value().attr("data-class").unwrap().to_owned())
        .collect();
    assert_eq!(
        exposed,
        [
            "names",
            "email_addresses",
            "approximate_location",
            "user_agents",
            "referrers",
            "account_ids"
        ]
    );
    assert_eq!(doc.select(&sel(".data-possibly-exposed li")).count(), 1);
    assert!(
        doc.select(&sel(".data-not-exposed li[data-class=api_keys]"))
            .next()
            .is_some()
    );
    let text: String = doc.root_element().text().collect();
    for needle in [
        "Mixpanel",
        "Removed",                            // vendor status
        "How to recognise our real messages", // verify note
        "security@nahda.example",             // merged contact
        "What you should do now",
        "Monitoring",
        "27 November 2025",
    ] {
        assert!(text.contains(needle), "page lacks {needle:?}");
    }
}

#[test]
fn arabic_subpath_site_isolates_values_and_formats_numbers() {
    let site = fixture("arabic-subpath");
    let out = build_ok(site.path(), &[]);
    let page = out.join("ar/incidents/2026-03-crm-export/index.html");
    let html = read(&page);
    let doc = Html::parse_document(&html);
    // Arabic-Indic digits with Arabic grouping, and Levantine month names.
    assert!(
        html.contains("<bdi>نحو ١٬٢٠٠٬٠٠٠</bdi>"),
        "count not formatted"
    );
    assert!(
        html.contains("آذار ٢٠٢٦"),
        "Levantine month or digits missing"
    );
    // Raw HTML in a body is visible as text, never live.
    let body_text: String = doc.select(&sel(".body")).flat_map(|e| e.text()).collect();
    assert!(
        body_text.contains("<script>alert(1)</script>"),
        "{body_text}"
    );
    assert_eq!(doc.select(&sel("script")).count(), 0);
    // Emails in Arabic texts are isolated links.
    let emails = attrs(&doc, "a[href^='mailto:'][dir=ltr]", "href");
    assert!(
        emails.contains(&"mailto:help@nahda.example".to_owned()),
        "{emails:?}"
    );
    // The <title> of an Arabic title opening with a Latin word starts with an RLM.
    let title = doc
        .select(&sel("title"))
        .next()
        .unwrap()
        .text()
        .collect::<String>();
    assert!(title.starts_with("\u{200F}Salesforce"), "{title:?}");
    // The English version says the Arabic one prevails.
    let en = read(&out.join("en/incidents/2026-03-crm-export/index.html"));
    assert!(en.contains("the Arabic version prevails"));
    assert!(!html.contains("prevails") && !html.contains("هي المعتمدة"));
    // Attachments land beside each language's page, linked under the sub-path.
    for lang in ["ar", "en"] {
        assert!(
            out.join(format!(
                "{lang}/incidents/2026-03-crm-export/export diagram.png"
            ))
            .is_file()
        );
    }
    assert!(
        html.contains("src=\"/advisories/ar/incidents/2026-03-crm-export/export%20diagram.png\"")
    );
    // content/static is copied as is; drafts stay out.
    assert_eq!(read(&out.join("CNAME")), "nahda.github.io\n");
    // The logo from content/static is shown under the sub-path.
    assert!(
        html.contains("<img src=\"/advisories/logo.svg\""),
        "logo missing"
    );
    assert!(out.join("logo.svg").is_file());
    assert!(!out.join("ar/incidents/2026-02-draft-notes").exists());
}

#[test]
fn feeds_and_sitemap_use_absolute_urls_with_alternates() {
    let site = fixture("arabic-subpath");
    let out = build_ok(site.path(), &[]);
    let feed = read(&out.join("ar/feed.xml"));
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let entries: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    // The publication and its one update.
    assert_eq!(entries.len(), 2);
    let child = |e: &roxmltree::Node, tag: &str| {
        e.children()
            .find(|n| n.has_tag_name(tag))
            .and_then(|n| n.text().map(str::to_owned))
            .unwrap()
    };
    assert_eq!(
        child(&entries[0], "id"),
        "tag:nahda.github.io,2026-03-03:advisories/ar/incidents/2026-03-crm-export/update-2026-03-03t0800z"
    );
    let link = entries[0]
        .children()
        .find(|n| n.has_tag_name("link"))
        .and_then(|n| n.attribute("href"))
        .unwrap();
    assert_eq!(
        link,
        "https://nahda.github.io/advisories/ar/incidents/2026-03-crm-export/index.html#update-2026-03-03t0800z"
    );
    assert_eq!(
        child(&entries[1], "id"),
        "tag:nahda.github.io,2026-03-02:advisories/ar/incidents/2026-03-crm-export"
    );
    let updated = entries[0]
        .children()
        .find(|n| n.has_tag_name("updated"))
        .unwrap()
        .text()
        .unwrap();
    assert_eq!(
        updated, "2026-03-03T08:00:00Z",
        "dated by the latest update"
    );
    let sitemap = read(&out.join("sitemap.xml"));
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let links: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("hreflang"))
        .collect();
    assert!(links.contains(&"x-default") && links.contains(&"ar") && links.contains(&"en"));
    let sec = read(&out.join(".well-known/security.txt"));
    assert!(sec.contains("Contact: mailto:security@nahda.example"));
    assert!(sec.contains("Contact: tel:800162432"));
    assert!(sec.contains("Expires: 2028-01-01T00:00:00Z"), "{sec}");
}

#[test]
fn json_record_carries_both_languages() {
    let site = fixture("example");
    let out = build_ok(site.path(), &[]);
    let v: serde_json::Value =
        serde_json::from_str(&read(&out.join(format!("incidents/{SLUG}.json")))).unwrap();
    assert_eq!(v["id"], SLUG);
    assert!(v["title"]["ar"].as_str().unwrap().contains("Mixpanel"));
    assert!(v["title"]["en"].as_str().unwrap().contains("Mixpanel"));
    assert_eq!(v["published"], "2025-11-27");
    assert_eq!(v["data"]["exposed"][0]["label"]["ar"], "الأسماء");
    let index: serde_json::Value =
        serde_json::from_str(&read(&out.join("incidents.json"))).unwrap();
    assert_eq!(index["incidents"].as_array().unwrap().len(), 1);
}

#[test]
fn builds_are_byte_identical_across_threads_time_zones_and_locales() {
    let site = fixture("arabic-subpath");
    let run = |threads: &str, tz: &str, lang: &str, out: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_bayan"))
            .args(["build", "--drafts", "--output", out, "-q"])
            .current_dir(site.path())
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .env("RAYON_NUM_THREADS", threads)
            .env("TZ", tz)
            .env("LANG", lang)
            .output()
            .unwrap()
    };
    // The fixture's draft misspells a class on purpose; --drafts needs it right.
    edit(
        site.path(),
        "content/incidents/2026-02-draft-notes/incident.yaml",
        "call_note]",
        "call_notes]",
    );
    let a = run("1", "UTC", "C", "out-a");
    let b = run("8", "America/New_York", "ar_SA.UTF-8", "out-b");
    assert!(
        a.status.success() && b.status.success(),
        "{}{}",
        stderr(&a),
        stderr(&b)
    );
    let (ta, tb) = (
        tree(&site.path().join("out-a")),
        tree(&site.path().join("out-b")),
    );
    assert!(ta.len() > 20);
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (path, bytes) in &ta {
        assert!(bytes == &tb[path], "{path} differs between builds");
    }
}

#[test]
fn example_advisory_snapshots() {
    let site = fixture("example");
    let out = build_ok(site.path(), &[]);
    for lang in ["en", "ar"] {
        let html = read(&out.join(format!("{lang}/incidents/{SLUG}/index.html")));
        // Asset names carry a content hash; a stylesheet edit must not churn the
        // snapshot of the page.
        let html = redact_hashes(&html);
        insta::assert_snapshot!(format!("example_advisory_{lang}"), html);
    }
}

fn redact_hashes(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("/assets/") {
        out.push_str(&rest[..i + "/assets/".len()]);
        rest = &rest[i + "/assets/".len()..];
        let end = rest.find('"').unwrap_or(rest.len());
        let name = &rest[..end];
        let redacted: Vec<&str> = name
            .split('.')
            .map(|part| {
                if part.len() == 10 && part.bytes().all(|b| b.is_ascii_hexdigit()) {
                    "HASH"
                } else {
                    part
                }
            })
            .collect();
        out.push_str(&redacted.join("."));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Rendering in memory (what tests and tools use) and the streaming writer of
/// `bayan build` give the same files, byte for byte.
#[test]
fn in_memory_render_equals_the_written_site() {
    let site = fixture("arabic-subpath");
    let out = build_ok(site.path(), &[]);
    let (files, _) = bayan::render(&opts(site.path())).unwrap();
    let mut written = tree(&out);
    written.remove(bayan::output::MARKER);
    let memory: std::collections::BTreeMap<String, Vec<u8>> =
        files.into_iter().map(|f| (f.path, f.bytes)).collect();
    assert_eq!(
        memory.keys().collect::<Vec<_>>(),
        written.keys().collect::<Vec<_>>()
    );
    assert!(memory == written, "bytes differ");
}

/// Issue 11: the library read `SOURCE_DATE_EPOCH` itself, so tests had to set it
/// with `unsafe set_var`. The build's "now" is `BuildOptions::now`.
#[test]
fn the_build_takes_now_from_its_options_not_the_environment() {
    let site = fixture("minimal");
    let opts = bayan::BuildOptions {
        now: Some(jiff::Timestamp::from_second(1_893_456_000).unwrap()), // 2030-01-01
        ..opts(site.path())
    };
    let (files, loaded) = bayan::render(&opts).unwrap();
    assert_eq!(loaded.site.now.as_second(), 1_893_456_000);
    let sec = files
        .iter()
        .find(|f| f.path == ".well-known/security.txt")
        .unwrap();
    let sec = String::from_utf8_lossy(&sec.bytes);
    assert!(sec.contains("Expires: 2031-01-01T00:00:00Z\n"), "{sec}");
}

/// Issue 11: rendering read attachments, body sources and content/static from
/// disk again, so later outputs would each re-read them. Loading now reads every
/// byte render needs: with content/ gone after loading, the same files come out.
#[test]
fn render_reads_nothing_from_content_after_loading() {
    let site = fixture("arabic-subpath");
    let (before, _) = bayan::render(&opts(site.path())).unwrap();
    assert!(before.iter().any(|f| f.path.ends_with("/report.pdf")));
    assert!(before.iter().any(|f| f.path == "CNAME"));
    let loaded = bayan::load(&opts(site.path())).unwrap();
    std::fs::remove_dir_all(site.path().join("content")).unwrap();
    let after = bayan_render::to_memory(&loaded.site, &loaded.theme, &Default::default()).unwrap();
    assert!(before == after, "render differs once the sources are gone");
}

#[test]
fn a_status_or_data_change_without_a_new_summary_is_a_warning_at_summary() {
    let site = fixture("minimal");
    let root = site.path();
    let inc = "content/incidents/2026-01-sms-gateway/incident.yaml";
    build_ok(root, &[]);
    edit(root, inc, "status: resolved", "status: monitoring");
    edit(
        root,
        inc,
        "exposed: [phone_numbers]",
        "exposed: [phone_numbers, names]",
    );
    let o = bayan(root, &["check"]);
    assert!(
        stderr(&o).contains(&format!(
            "warning: {inc}: summary: `status` changed from `resolved` to `monitoring` and `data.exposed` changed since the last build, but the summary did not"
        )),
        "{}",
        stderr(&o)
    );
    let o = bayan(root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("but the summary did not"),
        "{}",
        stderr(&o)
    );
    // Built: that build is now the last one, so the same record says nothing.
    let o = bayan(root, &["build"]);
    assert!(!stderr(&o).contains("summary did not"), "{}", stderr(&o));
    // A new summary with the change: no warning.
    edit(root, inc, "status: monitoring", "status: resolved");
    edit(
        root,
        inc,
        "en: A fault at our SMS provider",
        "en: Resolved. A fault at our SMS provider",
    );
    let o = bayan(root, &["check"]);
    assert!(!stderr(&o).contains("summary did not"), "{}", stderr(&o));
}

/// Issue 25, one ignore rule: an editor's autosave (`#en.md#`), lock file
/// (`.#en.md`) or backup beside an advisory or in a theme was published as an
/// attachment or theme file, while watch mode ignored the same names. The loaders
/// and the watcher now skip the same files (`fsx::is_ignored`).
#[test]
fn editors_autosave_lock_and_backup_files_are_never_published() {
    let site = fixture("minimal");
    let r = site.path();
    let dir = r.join("content/incidents/2026-01-sms-gateway");
    for name in ["#en.md#", "en.md.swx", "4913"] {
        std::fs::write(dir.join(name), "autosave").unwrap();
    }
    let theme = r.join("themes/default/static");
    std::fs::create_dir_all(&theme).unwrap();
    std::fs::write(theme.join("#extra.css#"), "a{}").unwrap();
    let out = build_ok(r, &[]);
    let names: Vec<String> = tree(&out).into_keys().collect();
    let published: Vec<&String> = names
        .iter()
        .filter(|p| p.contains('#') || p.ends_with(".swx") || p.ends_with("4913"))
        .collect();
    assert!(published.is_empty(), "{published:?}");
}
