//! Issue 17's review loop: errors a CI gate can read (`severity`, `-q`,
//! `check --ready`), the open-advisory listing and page numbers, translation lag,
//! and the review page.

use crate::{bayan, edit, fixture, stderr, stdout};

const SMS: &str = "2026-01-sms-gateway";
const SMS_YAML: &str = "content/incidents/2026-01-sms-gateway/incident.yaml";

fn json(o: &std::process::Output) -> Vec<serde_json::Value> {
    serde_json::from_str::<serde_json::Value>(&stdout(o))
        .unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn json_diagnostics_carry_their_severity_and_q_keeps_only_errors() {
    let site = fixture("arabic-subpath");
    let r = site.path();
    // A draft's problems are warnings; a published advisory's are errors.
    let o = bayan(r, &["check", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let items = json(&o);
    assert!(!items.is_empty());
    assert!(
        items.iter().all(|d| d["severity"] == "warning"),
        "{items:?}"
    );
    edit(
        r,
        "content/incidents/2026-03-crm-export/incident.yaml",
        "severity: ",
        "severity: extreme\nx_severity: ",
    );
    let o = bayan(r, &["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let items = json(&o);
    let count = |sev: &str| items.iter().filter(|d| d["severity"] == sev).count();
    assert!(count("error") >= 1 && count("warning") >= 1, "{items:?}");
    assert_eq!(count("error") + count("warning"), items.len());

    let o = bayan(r, &["check", "--format", "json", "-q"]);
    assert_eq!(o.status.code(), Some(1));
    let quiet = json(&o);
    assert!(!quiet.is_empty());
    assert!(quiet.iter().all(|d| d["severity"] == "error"), "{quiet:?}");

    let o = bayan(r, &["check", "-q"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("error: "), "{err}");
    assert!(!err.contains("warning: "), "{err}");
    let o = bayan(r, &["check"]);
    assert!(stderr(&o).contains("warning: "), "{}", stderr(&o));
}

#[test]
fn ready_fails_a_scaffold_and_passes_a_finished_draft() {
    let site = fixture("minimal");
    let r = site.path();
    let o = bayan(r, &["new", "2026-02-next", "--root", "."]);
    assert!(o.status.success(), "{}", stderr(&o));
    // A scaffold is a fine draft...
    assert!(bayan(r, &["check"]).status.success());
    // ...and not ready: every TODO is an error.
    let o = bayan(r, &["check", "--ready", "2026-02-next"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("content/incidents/2026-02-next/incident.yaml:")
            && err.contains("title.en: placeholder text starting with `TODO`"),
        "{err}"
    );
    assert!(
        err.contains("content/incidents/2026-02-next/ar.md:1:1: placeholder"),
        "{err}"
    );
    let o = bayan(r, &["check", "--ready", "2026-02-next", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(json(&o).iter().all(|d| d["severity"] == "error"));

    // A finished draft is ready, and says so.
    edit(
        r,
        SMS_YAML,
        "status: resolved",
        "draft: true\nstatus: resolved",
    );
    let o = bayan(r, &["check", "--ready", SMS]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains(&format!("{SMS} is ready to publish")));

    let o = bayan(r, &["check", "--ready", "2026-01-sms-gateways"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(&format!("did you mean `{SMS}`?")),
        "{}",
        stderr(&o)
    );
    let o = bayan(r, &["check", "--ready", "../content"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

/// The minimal fixture with `n` advisories (copies of its one, a day apart),
/// the even ones resolved, the odd ones still being monitored, one per page.
fn many(n: usize) -> tempfile::TempDir {
    let site = fixture("minimal");
    let r = site.path();
    edit(
        r,
        "content/site.yaml",
        "languages: [en, ar]",
        "languages: [en, ar]\npage_size: 1",
    );
    let src = r.join("content/incidents").join(SMS);
    for k in 1..n {
        let dir = r.join(format!("content/incidents/2026-01-copy-{k}"));
        crate::copy_dir(&src, &dir);
        let yaml = crate::read(&dir.join("incident.yaml"))
            .replace("2026-01-10", &format!("2026-02-{:02}", k))
            .replace(
                "status: resolved",
                if k % 2 == 1 {
                    "status: monitoring"
                } else {
                    "status: resolved"
                },
            );
        std::fs::write(dir.join("incident.yaml"), yaml).unwrap();
    }
    site
}

#[test]
fn open_listing_page_numbers_and_page_one() {
    let site = many(7);
    let r = site.path();
    let out = crate::build_ok(r, &[]);
    // Three of seven are open: copies 1, 3 and 5.
    let listing = crate::read(&out.join("en/index.html"));
    assert!(
        listing.contains(r#"<a href="/en/open/">3 open advisories</a>"#),
        "{listing}"
    );
    let open = crate::read(&out.join("en/open/index.html"));
    for k in [1, 3, 5] {
        assert!(open.contains(&format!("/en/incidents/2026-01-copy-{k}/")));
    }
    for k in [2, 4, 6] {
        assert!(!open.contains(&format!("/en/incidents/2026-01-copy-{k}/")));
    }
    assert!(!open.contains(SMS), "a resolved advisory is not open");
    assert!(open.contains("<h1>Open advisories</h1>"), "{open}");
    let ar = crate::read(&out.join("ar/open/index.html"));
    assert!(ar.contains("<h1>الإشعارات المفتوحة</h1>"));
    assert!(
        ar.contains(r#"href="/en/open/""#),
        "the language switch leads to /en/open/"
    );
    let sitemap = crate::read(&out.join("sitemap.xml"));
    assert!(sitemap.contains("<loc>https://advisories.example.com/ar/open/</loc>"));

    // Page numbers: 1, 2, 3, a gap and 7 from page 1; the current one marked.
    let nav = listing.split(r#"<nav class="pagination""#).nth(1).unwrap();
    let nav = nav.split("</nav>").next().unwrap();
    let numbers: Vec<&str> = nav
        .split("<bdi>")
        .skip(1)
        .map(|s| s.split("</bdi>").next().unwrap())
        .collect();
    assert_eq!(numbers, ["1", "2", "3", "7"], "{nav}");
    assert!(nav.contains(r#"<li class="gap" aria-hidden="true">…</li>"#));
    assert!(
        nav.contains(r#"<a href="/en/" aria-current="page" aria-label="Page 1 of 7">"#),
        "{nav}"
    );
    assert!(
        nav.contains(r#"<a href="/en/page/7/" aria-label="Page 7 of 7">"#),
        "{nav}"
    );
    // From page 5 every page shows (a gap of one page is that page).
    let ar5 = crate::read(&out.join("ar/page/5/index.html"));
    let nav = ar5.split(r#"<nav class="pagination""#).nth(1).unwrap();
    let nav = nav.split("</nav>").next().unwrap();
    assert_eq!(nav.matches("<bdi>").count(), 7, "{nav}");
    assert!(
        nav.contains(r#"<a href="/ar/page/5/" aria-current="page" aria-label="الصفحة 5 من 7">"#),
        "{nav}"
    );

    // /en/page/1/ leads to /en/.
    let one = crate::read(&out.join("en/page/1/index.html"));
    assert!(
        one.contains(r#"<meta http-equiv="refresh" content="0; url=/en/">"#),
        "{one}"
    );
    assert!(one.contains(r#"<link rel="canonical" href="https://advisories.example.com/en/">"#));
    assert!(one.contains(r#"<meta name="robots" content="noindex">"#));
    let ar1 = crate::read(&out.join("ar/page/1/index.html"));
    assert!(ar1.contains(r#"<html lang="ar" dir="rtl">"#) && ar1.contains("url=/ar/"));
}

#[test]
fn open_listing_without_open_advisories_says_so() {
    let site = fixture("minimal");
    let out = crate::build_ok(site.path(), &[]);
    let open = crate::read(&out.join("en/open/index.html"));
    assert!(open.contains("Every advisory has been resolved."), "{open}");
    let listing = crate::read(&out.join("en/index.html"));
    assert!(!listing.contains("/en/open/\">"), "no open notice to link");
}
