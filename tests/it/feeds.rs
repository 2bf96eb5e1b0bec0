//! Updates reach subscribers: every feed (the site's and each advisory's, in
//! every language) parses in feedparser, holds an entry per publication and per
//! update with a stable id and `updated`, links to the update's anchor, and its
//! content stands on its own in a reader.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::*;

const SMS: &str = "2026-02-sms-leak";

/// Every feed under `out`, as feedparser read it, by path under `out`.
/// `None` (the test skips the rest) where feedparser is not installed.
fn parsed(out: &Path) -> Option<Vec<(String, Value)>> {
    let feeds = files_ending(out, "feed.xml");
    assert!(!feeds.is_empty());
    if !crate::have(crate::Tool::PythonFeedsAndSchemas) {
        return None;
    }
    let o = python("feeds.py", &feeds);
    assert!(o.status.success(), "feedparser: {}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let prefix = format!("{}/", out.display());
    Some(
        v.as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.strip_prefix(&prefix).unwrap_or(k).to_owned(), v.clone()))
            .collect(),
    )
}

fn entries(feed: &Value) -> &Vec<Value> {
    feed["entries"].as_array().unwrap()
}

fn feed<'a>(all: &'a [(String, Value)], path: &str) -> &'a Value {
    &all.iter()
        .find(|(p, _)| p == path)
        .unwrap_or_else(|| panic!("no {path}"))
        .1
}

#[test]
fn every_feed_parses_in_feedparser_with_an_entry_per_update() {
    for name in ["archive", "arabic-subpath", "example", "minimal"] {
        let site = fixture(name);
        let out = build_ok(site.path(), &[]);
        let Some(all) = parsed(&out) else { return };
        for (path, f) in &all {
            assert!(
                !f["bozo"].as_bool().unwrap(),
                "{name} {path}: {}",
                f["error"]
            );
            assert_eq!(f["version"], "atom10", "{name} {path}");
            assert!(f["updated"].is_string(), "{name} {path}: feed updated");
            assert!(
                f["self"].as_str().unwrap().ends_with(path.as_str()),
                "{path}"
            );
            let mut ids = BTreeSet::new();
            for e in entries(f) {
                let id = e["id"].as_str().unwrap();
                assert!(id.starts_with("tag:"), "{path}: {id}");
                assert!(ids.insert(id.to_owned()), "{name} {path}: id {id} twice");
                assert!(e["updated"].is_string(), "{path}: {id} has no updated");
                assert!(e["published"].is_string(), "{path}: {id}");
                assert!(e["link"].as_str().unwrap().starts_with("http"), "{path}");
                assert_eq!(e["content"][0]["type"], "text/html", "{path}");
            }
        }
        // Each advisory's own feed: its publication and every update.
        let dirs: Vec<String> = tree(&out.join("incidents"))
            .into_keys()
            .filter_map(|p| p.strip_suffix(".json").map(str::to_owned))
            .collect();
        assert!(!dirs.is_empty());
        for id in &dirs {
            let record: Value =
                serde_json::from_str(&read(&out.join(format!("incidents/{id}.json")))).unwrap();
            let updates = record["updates"].as_array().unwrap().len();
            for lang in ["en", "ar"] {
                let own = feed(&all, &format!("{lang}/incidents/{id}/feed.xml"));
                assert_eq!(entries(own).len(), 1 + updates, "{name} {lang} {id}");
            }
        }
    }
}

#[test]
fn update_entries_link_to_their_anchor_and_say_they_are_updates() {
    let site = fixture("archive");
    let out = build_ok(site.path(), &[]);
    let Some(all) = parsed(&out) else { return };
    let own = feed(&all, &format!("en/incidents/{SMS}/feed.xml"));
    let got: Vec<(&str, &str, &str)> = entries(own)
        .iter()
        .map(|e| {
            (
                e["id"].as_str().unwrap(),
                e["link"].as_str().unwrap(),
                e["updated"].as_str().unwrap(),
            )
        })
        .collect();
    let page = format!("https://org.example/notices/en/incidents/{SMS}/");
    assert_eq!(
        got,
        [
            (
                format!("tag:org.example,2026-02-05:notices/en/incidents/{SMS}/update-2026-02-05")
                    .as_str(),
                format!("{page}#update-2026-02-05").as_str(),
                "2026-02-04T21:00:00Z"
            ),
            (
                format!(
                    "tag:org.example,2026-02-02:notices/en/incidents/{SMS}/update-2026-02-02t0830z"
                )
                .as_str(),
                format!("{page}#update-2026-02-02t0830z").as_str(),
                "2026-02-02T08:30:00Z"
            ),
            (
                format!("tag:org.example,2026-02-01:notices/en/incidents/{SMS}").as_str(),
                page.as_str(),
                "2026-02-01T09:00:00Z"
            ),
        ]
    );
    let titles: Vec<&str> = entries(own)
        .iter()
        .map(|e| e["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles[1],
        "Update, 2 February 2026, 11:30 (Riyadh time): Our SMS provider leaked phone numbers"
    );
    assert_eq!(titles[2], "Our SMS provider leaked phone numbers");
    let ar = feed(&all, &format!("ar/incidents/{SMS}/feed.xml"));
    assert!(
        entries(ar)[0]["title"]
            .as_str()
            .unwrap()
            .starts_with("تحديث، 5 فبراير 2026: "),
        "{}",
        entries(ar)[0]["title"]
    );
    // The advisory page offers its own feed to feed readers and to people.
    let html = read(&out.join(format!("ar/incidents/{SMS}/index.html")));
    let feed_href = format!("/notices/ar/incidents/{SMS}/feed.xml");
    assert!(
        html.contains(&format!(
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"مزوّد الرسائل لدينا سرّب أرقام الهواتف – إشعارات أمان المثال\" href=\"{feed_href}\">"
        )),
        "no alternate link to the advisory's feed"
    );
    assert!(html.contains(&format!("<a href=\"{feed_href}\">")));
}

#[test]
fn entry_ids_survive_a_new_title_and_url_style() {
    let site = fixture("archive");
    let out = build_ok(site.path(), &[]);
    let ids = |all: &[(String, Value)]| -> Vec<String> {
        entries(feed(all, "en/feed.xml"))
            .iter()
            .map(|e| e["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let Some(before) = parsed(&out) else { return };
    let before = ids(&before);
    edit(
        site.path(),
        &format!("content/incidents/{SMS}/incident.yaml"),
        "en: Our SMS provider leaked phone numbers",
        "en: Our SMS provider exposed customers' phone numbers",
    );
    edit(
        site.path(),
        "content/site.yaml",
        "timezone: Asia/Riyadh",
        "timezone: Asia/Riyadh\nurl_style: file",
    );
    let out = build_ok(site.path(), &[]);
    let Some(all) = parsed(&out) else { return };
    assert_eq!(ids(&all), before);
    let titles: Vec<&str> = entries(feed(&all, "en/feed.xml"))
        .iter()
        .map(|e| e["title"].as_str().unwrap())
        .collect();
    assert!(
        titles
            .iter()
            .any(|t| t.contains("exposed customers' phone numbers"))
    );
}

#[test]
fn feed_content_stands_on_its_own_with_absolute_urls() {
    let site = fixture("archive");
    let out = build_ok(site.path(), &[]);
    // The raw XML, not what feedparser made of it: feedparser resolves relative
    // URLs itself, as many readers do not.
    for (path, bytes) in tree(&out).iter().filter(|(p, _)| p.ends_with("feed.xml")) {
        let xml = String::from_utf8_lossy(bytes);
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let lang = &path[..2];
        let dir = if lang == "ar" { "rtl" } else { "ltr" };
        for c in doc.descendants().filter(|n| n.has_tag_name("content")) {
            let c = c.text().unwrap();
            let head = format!("<div lang=\"{lang}\" dir=\"{dir}\">");
            assert!(c.starts_with(&head), "{path}: {c}");
            for attr in ["href=\"", "src=\""] {
                for part in c.split(attr).skip(1) {
                    let url = part.split('"').next().unwrap();
                    assert!(
                        ["https://", "http://", "mailto:", "tel:"]
                            .iter()
                            .any(|s| url.starts_with(s)),
                        "{path}: {attr}{url}"
                    );
                }
            }
        }
    }
    let xml = read(&out.join("en/feed.xml"));
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let contents: Vec<(&str, &str)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .map(|e| {
            let get = |t| {
                e.children()
                    .find(|c| c.has_tag_name(t))
                    .and_then(|c| c.text())
                    .unwrap()
            };
            (get("id"), get("content"))
        })
        .collect();
    let (_, update) = contents
        .iter()
        .find(|(id, _)| id.ends_with("/update-2026-02-02t0830z"))
        .unwrap();
    let at = |needle: &str| {
        update
            .find(needle)
            .unwrap_or_else(|| panic!("no {needle} in {update}"))
    };
    let order = [
        at("We have suspended the provider."),
        at("phone numbers</strong> and names"),
        at("What data was involved"),
        at("Phone numbers"),
        at("Passwords"),
        at("Ignore codes you did not ask for."),
        at("mailto:security@org.example"),
        at("tel:+9668001234567"),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}: {update}");
    // An update's entry carries the advisory's text, not its full account.
    assert!(!update.contains("wrong server"));
    let (_, publication) = contents
        .iter()
        .find(|(id, _)| id.ends_with(&format!("incidents/{SMS}")))
        .unwrap();
    assert!(publication.contains("wrong server"));
    // Links to the page's own sections point into the page.
    assert!(
        publication.contains(&format!(
            "href=\"https://org.example/notices/en/incidents/{SMS}/#contact\""
        )),
        "{publication}"
    );
}

#[test]
fn feed_limit_counts_entries_newest_first() {
    let site = fixture("archive");
    edit(
        site.path(),
        "content/site.yaml",
        "timezone: Asia/Riyadh",
        "timezone: Asia/Riyadh\nfeed_limit: 3",
    );
    let out = build_ok(site.path(), &[]);
    let Some(all) = parsed(&out) else { return };
    let ids: Vec<&str> = entries(feed(&all, "en/feed.xml"))
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "tag:org.example,2026-04-01:notices/en/incidents/2026-04-payroll",
            "tag:org.example,2026-03-02:notices/en/incidents/2026-03-crm-export/update-2026-03-02t0700z",
            "tag:org.example,2026-03-01:notices/en/incidents/2026-03-crm-export",
        ]
    );
    // The advisory's own feed is limited the same way.
    assert_eq!(
        entries(feed(&all, &format!("en/incidents/{SMS}/feed.xml"))).len(),
        3
    );
}
