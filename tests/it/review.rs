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
    // Paginated like the listing (page_size: 1): newest first, one a page.
    let open = crate::read(&out.join("en/open/index.html"));
    assert!(open.contains("/en/incidents/2026-01-copy-5/"));
    assert!(out.join("en/open/page/3/index.html").is_file());
    assert!(!out.join("en/open/page/4").exists());
    let open: String = [
        "en/open/index.html",
        "en/open/page/2/index.html",
        "en/open/page/3/index.html",
    ]
    .map(|p| crate::read(&out.join(p)))
    .concat();
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

const SMS_DIR: &str = "content/incidents/2026-01-sms-gateway";

/// The whole cycle: record, edit one language, warn naming the fields, fail
/// under --strict, the page notice, record again.
#[test]
fn translation_lag_cycle() {
    let site = fixture("minimal");
    let r = site.path();
    let o = bayan(r, &["translated", SMS]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains(&format!("{SMS_DIR}/translations.yaml")));
    let record = crate::read(&r.join(SMS_DIR).join("translations.yaml"));
    assert!(
        record.contains("\"body\": ") && record.contains("\"advice[0]\": "),
        "{record}"
    );
    let o = bayan(r, &["check", "--strict"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("may lag"));

    // Only English changes: its title and its body.
    edit(
        r,
        SMS_YAML,
        "en: SMS gateway sent codes",
        "en: Our SMS gateway sent codes",
    );
    edit(
        r,
        &format!("{SMS_DIR}/en.md"),
        "The provider fixed",
        "The provider has fixed",
    );
    let o = bayan(r, &["check", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let items = json(&o);
    let lag: Vec<_> = items
        .iter()
        .filter(|d| d["message"].as_str().unwrap().contains("may lag"))
        .collect();
    assert_eq!(lag.len(), 1, "only Arabic lags: {items:?}");
    assert_eq!(lag[0]["severity"], "warning");
    assert_eq!(lag[0]["file"], format!("{SMS_DIR}/translations.yaml"));
    assert_eq!(lag[0]["path"], "ar");
    let msg = lag[0]["message"].as_str().unwrap();
    assert!(
        msg.contains("the `ar` version may lag: `title`, `body` changed in `en`"),
        "{msg}"
    );
    // The build warns too, and the Arabic page says English is ahead; the
    // English page says nothing.
    let o = bayan(r, &["build"]);
    assert!(o.status.success());
    assert!(stderr(&o).contains("may lag"), "{}", stderr(&o));
    let ar = crate::read(&r.join("output/ar/incidents").join(SMS).join("index.html"));
    assert!(
        ar.contains("في النسخة الإنجليزية من هذا الإشعار تغييرات أحدث"),
        "{ar}"
    );
    let en = crate::read(&r.join("output/en/incidents").join(SMS).join("index.html"));
    assert!(!en.contains("banner-lag"));
    // Not published, not an attachment.
    assert!(
        crate::tree(&r.join("output"))
            .keys()
            .all(|p| !p.contains("translations"))
    );

    let o = bayan(r, &["check", "--strict"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("error: content/incidents/2026-01-sms-gateway/translations.yaml: ar: the `ar` version may lag"), "{}", stderr(&o));

    // Arabic follows: a change in both is no lag, even before recording again.
    edit(r, SMS_YAML, "ar: بوابة الرسائل", "ar: بوابة رسائلنا");
    let o = bayan(r, &["check", "--strict"]);
    let err = stderr(&o);
    assert!(!err.contains("`title`"), "{err}");
    assert!(
        err.contains("the `ar` version may lag: `body` changed in `en`"),
        "{err}"
    );
    let ar_md = r.join(SMS_DIR).join("ar.md");
    let mut text = crate::read(&ar_md);
    text.push_str("\nأصلح المزوّد الخلل.\n");
    std::fs::write(&ar_md, text).unwrap();
    assert!(bayan(r, &["check", "--strict"]).status.success());
    // Recorded again, a later Arabic-only change makes English lag.
    assert!(bayan(r, &["translated", SMS]).status.success());
    edit(r, SMS_YAML, "ar: تجاهل الرموز", "ar: تجاهل كل الرموز");
    let o = bayan(r, &["check"]);
    assert!(
        stderr(&o).contains("the `en` version may lag: `advice[0]` changed in `ar`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn translated_refuses_unknown_ids_broken_records_and_bad_files() {
    let site = fixture("minimal");
    let r = site.path();
    let o = bayan(r, &["translated", "2026-01-sms-gatewya"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(&format!("did you mean `{SMS}`?")),
        "{}",
        stderr(&o)
    );
    // An advisory with errors is not recorded.
    edit(r, SMS_YAML, "severity: low", "severity: lowest");
    let o = bayan(r, &["translated", SMS]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!r.join(SMS_DIR).join("translations.yaml").exists());
    edit(r, SMS_YAML, "severity: lowest", "severity: low");
    // A damaged record is an error naming the file and how to mend it.
    std::fs::write(r.join(SMS_DIR).join("translations.yaml"), "en: [\n").unwrap();
    let o = bayan(r, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{SMS_DIR}/translations.yaml:")),
        "{err}"
    );
    assert!(
        err.contains(&format!("run `bayan translated {SMS}`")),
        "{err}"
    );
    assert!(!err.contains("not a file type"), "{err}");
}

/// Watch mode: recording, and an edit that makes a language lag, rebuild to
/// what a clean build writes.
#[test]
fn translation_lag_in_watch_mode_matches_a_clean_build() {
    use bayan::live::{Change, Live};
    let site = fixture("minimal");
    let r = site.path();
    let (mut live, outcome) = Live::start(&crate::opts(r)).unwrap();
    assert!(outcome.error.is_none());
    let same = |r: &std::path::Path| {
        let o = bayan(r, &["build", "-q", "--output", "clean-output"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let clean = crate::tree(&r.join("clean-output"));
        std::fs::remove_dir_all(r.join("clean-output")).unwrap();
        let watched = crate::tree(&r.join("output"));
        assert_eq!(
            watched.keys().collect::<Vec<_>>(),
            clean.keys().collect::<Vec<_>>()
        );
        for (p, b) in &clean {
            assert!(&watched[p] == b, "{p} differs from a clean build");
        }
    };
    let change: std::collections::BTreeSet<Change> = [Change::Incident(SMS.into())].into();
    assert!(bayan(r, &["translated", SMS]).status.success());
    let o = live.apply(&change).unwrap();
    assert!(o.error.is_none(), "{o:?}");
    same(r);
    edit(r, SMS_YAML, "en: Ignore codes", "en: Please ignore codes");
    let o = live.apply(&change).unwrap();
    assert!(o.error.is_none(), "{o:?}");
    assert!(
        o.warnings
            .items()
            .iter()
            .any(|d| d.message.contains("may lag"))
    );
    assert!(
        crate::read(&r.join("output/ar/incidents").join(SMS).join("index.html"))
            .contains("banner-lag")
    );
    same(r);
    // Recording again takes the notice away.
    assert!(bayan(r, &["translated", SMS]).status.success());
    let o = live.apply(&change).unwrap();
    assert!(o.error.is_none(), "{o:?}");
    assert!(
        !crate::read(&r.join("output/ar/incidents").join(SMS).join("index.html"))
            .contains("banner-lag")
    );
    same(r);
}
