//! Issue 14: every advisory as CSAF 2.0 documents in the directory-based
//! distribution under `.well-known/csaf/`. The documents' validity is the
//! reference validator's job (`tests/browser/csaf.test.js`); these tests hold the
//! tree, the index files, the hashes, the role, translations and revisions.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;
use sha2::Digest;

use crate::*;

const MIXPANEL: &str = "2025-11-mixpanel-analytics";
const CRM: &str = "2026-03-crm-export";

fn json(path: &Path) -> Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn csaf_files(out: &Path) -> BTreeSet<String> {
    tree(&out.join(".well-known/csaf")).into_keys().collect()
}

/// The documents under `csaf`, by path under it.
fn documents(csaf: &Path) -> Vec<(String, Value)> {
    tree(csaf)
        .into_keys()
        .filter(|p| p.ends_with(".json") && p.contains('/'))
        .map(|p| {
            let v = json(&csaf.join(&p));
            (p, v)
        })
        .collect()
}

#[test]
fn the_example_has_exactly_the_directory_distribution_spec_lists() {
    let site = fixture("example");
    let out = build_ok(site.path(), &[]);
    let mut want: BTreeSet<String> = ["provider-metadata.json", "index.txt", "changes.csv"]
        .map(String::from)
        .into();
    want.insert("2025/index.html".into());
    for doc in [format!("{MIXPANEL}.json"), format!("{MIXPANEL}-en.json")] {
        for suffix in ["", ".sha256", ".sha512"] {
            want.insert(format!("2025/{doc}{suffix}"));
        }
    }
    assert_eq!(csaf_files(&out), want);
}

#[test]
fn index_txt_changes_csv_and_hashes_agree_with_the_files() {
    let site = fixture("csaf");
    let out = build_ok(site.path(), &["--drafts"]);
    let csaf = out.join(".well-known/csaf");
    let docs = documents(&csaf);
    assert_eq!(
        docs.len(),
        6,
        "{:?}",
        docs.iter().map(|d| &d.0).collect::<Vec<_>>()
    );

    let listed: BTreeSet<String> = read(&csaf.join("index.txt"))
        .lines()
        .map(String::from)
        .collect();
    let on_disk: BTreeSet<String> = docs.iter().map(|(p, _)| p.clone()).collect();
    assert_eq!(listed, on_disk);

    // changes.csv: each document once, with its current_release_date, newest first.
    let csv = read(&csaf.join("changes.csv"));
    let rows: Vec<(String, String)> = csv
        .lines()
        .map(|l| {
            let (path, at) = l.split_once(',').unwrap();
            (
                path.trim_matches('"').to_owned(),
                at.trim_matches('"').to_owned(),
            )
        })
        .collect();
    assert_eq!(rows.len(), docs.len());
    for (path, doc) in &docs {
        let at = doc["document"]["tracking"]["current_release_date"]
            .as_str()
            .unwrap();
        assert!(
            rows.contains(&(path.clone(), at.to_owned())),
            "{path} {at}\n{csv}"
        );
    }
    let dates: Vec<&String> = rows.iter().map(|(_, at)| at).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "changes.csv is not newest first");

    // Each hash file is `HEX  NAME`, the hash recomputed from the document's bytes.
    for (path, _) in &docs {
        let bytes = std::fs::read(csaf.join(path)).unwrap();
        let name = path.rsplit('/').next().unwrap();
        let sha256 = format!("{:x}  {name}\n", sha2::Sha256::digest(&bytes));
        let sha512 = format!("{:x}  {name}\n", sha2::Sha512::digest(&bytes));
        assert_eq!(read(&csaf.join(format!("{path}.sha256"))), sha256, "{path}");
        assert_eq!(read(&csaf.join(format!("{path}.sha512"))), sha512, "{path}");
    }

    // Each year folder has a listing linking every file in it.
    for year in ["2024", "2025"] {
        let html = read(&csaf.join(year).join("index.html"));
        for (path, _) in docs.iter().filter(|(p, _)| p.starts_with(year)) {
            let name = path.rsplit('/').next().unwrap();
            for f in [
                name.to_owned(),
                format!("{name}.sha256"),
                format!("{name}.sha512"),
            ] {
                assert!(html.contains(&format!("<a href=\"{f}\">")), "{year}: {f}");
            }
        }
    }
}

/// The folder is the UTC year of the first release (CSAF requirement 11): an
/// advisory published at 01:00 on 1 January in Riyadh is still 2024 in UTC.
#[test]
fn revisions_come_from_published_updates_and_a_later_updated() {
    let site = fixture("csaf");
    let out = build_ok(site.path(), &[]);
    let csaf = out.join(".well-known/csaf");
    let doc = json(&csaf.join("2024/2025-01-new-year-leak.json"));
    let t = &doc["document"]["tracking"];
    assert_eq!(t["initial_release_date"], "2024-12-31T22:00:00Z");
    let history: Vec<(String, String, String)> = t["revision_history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap().to_owned();
            (s("number"), s("date"), s("summary"))
        })
        .collect();
    let h = |n: &str, d: &str, s: &str| (n.to_owned(), d.to_owned(), s.to_owned());
    assert_eq!(
        history,
        vec![
            h("1", "2024-12-31T22:00:00Z", "Initial release."),
            // Updates oldest first, whatever their order in the file.
            h(
                "2",
                "2025-01-01T12:00:00Z",
                "We stopped sending codes through the vendor."
            ),
            h(
                "3",
                "2025-01-02T10:00:00Z",
                "The vendor found the logging fault."
            ),
            // `updated: 2025-01-03`, midnight in Riyadh, later than every update.
            h("4", "2025-01-02T21:00:00Z", "The advisory was revised."),
        ]
    );
    assert_eq!(t["version"], "4");
    assert_eq!(t["current_release_date"], "2025-01-02T21:00:00Z");
    assert_eq!(t["status"], "interim", "still investigating");
    assert_eq!(t["generator"]["engine"]["name"], "bayan");
    // Nothing known exposed while investigating reads as "still being determined".
    let notes = doc["document"]["notes"].as_array().unwrap();
    let exposed = notes
        .iter()
        .find(|n| n["title"] == "What data was involved · Exposed")
        .unwrap();
    assert!(
        exposed["text"]
            .as_str()
            .unwrap()
            .starts_with("Still being determined")
    );

    let done = json(&csaf.join("2025/2025-02-billing-export.json"));
    let t = &done["document"]["tracking"];
    assert_eq!(
        (&t["status"], &t["version"]),
        (&"final".into(), &"1".into())
    );
    assert_eq!(done["document"]["aggregate_severity"]["text"], "Low");
    // Every date in every document is UTC with `Z`.
    for (path, doc) in documents(&csaf) {
        let text = doc.to_string();
        for (i, _) in text.match_indices("_date\":\"") {
            let value = &text[i + 8..i + 8 + 20];
            assert!(value.ends_with('Z') && value.len() == 20, "{path}: {value}");
        }
    }
}

#[test]
fn translations_carry_their_own_id_lang_source_lang_and_the_original_first() {
    // Arabic first and authoritative, under a sub-path.
    let site = fixture("arabic-subpath");
    let out = build_ok(site.path(), &[]);
    let dir = out.join(".well-known/csaf/2026");
    let original = json(&dir.join(format!("{CRM}.json")));
    let english = json(&dir.join(format!("{CRM}-en.json")));
    let (o, e) = (&original["document"], &english["document"]);
    assert_eq!(
        (&o["lang"], &o["tracking"]["id"]),
        (&"ar".into(), &CRM.into())
    );
    assert!(o.get("source_lang").is_none());
    assert_eq!(e["lang"], "en");
    assert_eq!(e["source_lang"], "ar");
    assert_eq!(e["tracking"]["id"], format!("{CRM}-en"));
    let base = "https://nahda.github.io/advisories/.well-known/csaf/2026/";
    assert_eq!(e["references"][0]["url"], format!("{base}{CRM}.json"));
    assert_eq!(e["references"][1]["url"], format!("{base}{CRM}-en.json"));
    assert_eq!(o["references"][0]["url"], format!("{base}{CRM}.json"));
    // Plain text as in the page's <title>: a right-to-left mark keeps an Arabic
    // title that opens with a Latin word right to left.
    assert_eq!(
        o["title"],
        "\u{200F}Salesforce وتصدير غير مصرّح به لسجلات العملاء (CRM)"
    );
    assert_eq!(
        e["title"],
        "Unauthorised export of customer records from our CRM"
    );
    // The same revisions in both; the publisher in each document's language.
    for key in [
        "current_release_date",
        "initial_release_date",
        "version",
        "status",
    ] {
        assert_eq!(o["tracking"][key], e["tracking"][key], "{key}");
    }
    assert_eq!(o["publisher"]["name"], "نهضة");
    assert_eq!(e["publisher"]["name"], "Nahda");
    assert_eq!(o["publisher"]["namespace"], "https://nahda.github.io/");
    // The translation says which version prevails.
    let disclaimer = e["notes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["category"] == "legal_disclaimer")
        .unwrap();
    assert_eq!(
        disclaimer["text"],
        "If the versions differ, the Arabic version prevails."
    );

    // Without `authoritative` the first language is the original.
    let site = fixture("csaf");
    let out = build_ok(site.path(), &[]);
    let dir = out.join(".well-known/csaf/2025");
    let en = json(&dir.join("2025-02-billing-export.json"));
    let ar = json(&dir.join("2025-02-billing-export-ar.json"));
    assert_eq!(en["document"]["lang"], "en");
    assert_eq!(ar["document"]["source_lang"], "en");
    let d = &ar["document"];
    assert_eq!(d["distribution"]["tlp"]["label"], "GREEN");
    assert_eq!(d["publisher"]["category"], "coordinator");
    assert_eq!(d["publisher"]["namespace"], "https://qamar.example/");
}

#[test]
fn an_https_host_root_is_a_provider_a_sub_path_or_http_a_publisher() {
    let site = fixture("example");
    let out = build_ok(site.path(), &[]);
    let meta = json(&out.join(".well-known/csaf/provider-metadata.json"));
    let url = "https://advisories.nahda.example/.well-known/csaf/provider-metadata.json";
    assert_eq!(meta["role"], "csaf_provider");
    assert_eq!(meta["canonical_url"], url);
    let sec = read(&out.join(".well-known/security.txt"));
    assert!(sec.contains(&format!("\nCSAF: {url}\n")), "{sec}");

    let site = fixture("arabic-subpath");
    let out = build_ok(site.path(), &[]);
    let meta = json(&out.join(".well-known/csaf/provider-metadata.json"));
    assert_eq!(meta["role"], "csaf_publisher");
    assert_eq!(
        meta["distributions"][0]["directory_url"],
        "https://nahda.github.io/advisories/.well-known/csaf/"
    );
    assert!(!read(&out.join(".well-known/security.txt")).contains("CSAF:"));

    // A plain-http preview host: a publisher, and the namespace follows --base-url.
    let site = fixture("example");
    let out = build_ok(site.path(), &["--base-url", "http://localhost:8000/"]);
    let meta = json(&out.join(".well-known/csaf/provider-metadata.json"));
    assert_eq!(meta["role"], "csaf_publisher");
    assert_eq!(meta["publisher"]["namespace"], "http://localhost:8000/");
    assert!(!read(&out.join(".well-known/security.txt")).contains("CSAF:"));
}

#[test]
fn drafts_are_csaf_drafts_and_only_in_draft_builds() {
    let site = fixture("csaf");
    let draft = ".well-known/csaf/2025/2025-03-draft-portal.json";
    let out = build_ok(site.path(), &[]);
    assert!(!out.join(draft).exists());
    assert!(!read(&out.join(".well-known/csaf/index.txt")).contains("draft-portal"));
    let out = build_ok(site.path(), &["--drafts"]);
    let doc = json(&out.join(draft));
    let t = &doc["document"]["tracking"];
    assert_eq!(
        (&t["status"], &t["version"]),
        (&"draft".into(), &"0".into())
    );
    assert_eq!(t["revision_history"].as_array().unwrap().len(), 1);
    assert_eq!(t["revision_history"][0]["number"], "0");
}

/// Keys sorted as CSAF 5.3 recommends, every string non-empty (the schema's
/// `minLength: 1`), no extension keys at the top.
#[test]
fn documents_are_sorted_and_hold_no_empty_string() {
    fn walk(v: &Value, path: &str, bad: &mut Vec<String>) {
        match v {
            Value::String(s) if s.trim().is_empty() => bad.push(path.to_owned()),
            Value::Array(a) => a
                .iter()
                .enumerate()
                .for_each(|(i, x)| walk(x, &format!("{path}/{i}"), bad)),
            Value::Object(m) => m
                .iter()
                .for_each(|(k, x)| walk(x, &format!("{path}/{k}"), bad)),
            _ => {}
        }
    }
    for name in ["example", "arabic-subpath", "csaf"] {
        let site = fixture(name);
        let out = build_ok(site.path(), &[]);
        let csaf = out.join(".well-known/csaf");
        for (path, doc) in documents(&csaf) {
            // serde_json's map is sorted: equal text means sorted keys (and a
            // compact document: no layout to publish).
            let mut again = serde_json::to_string(&doc).unwrap();
            again.push('\n');
            assert_eq!(
                read(&csaf.join(&path)),
                again,
                "{name} {path}: keys not sorted"
            );
            let mut bad = Vec::new();
            walk(&doc, "", &mut bad);
            assert!(bad.is_empty(), "{name} {path}: empty strings at {bad:?}");
            let keys: Vec<&String> = doc.as_object().unwrap().keys().collect();
            assert_eq!(keys, ["document"]);
        }
    }
}

#[test]
fn bad_csaf_settings_are_errors_at_their_line_and_column() {
    let site = fixture("minimal");
    let root = site.path();
    let yaml = root.join("content/site.yaml");
    let good = read(&yaml);
    std::fs::write(
        &yaml,
        format!("{good}csaf:\n  tlp: whte\n  publisher_category: vendr\n  namespace: \"mailto:a@b.example\"\n"),
    )
    .unwrap();
    let o = bayan(root, &["check"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let line = good.lines().count() + 2;
    for want in [
        format!(
            "content/site.yaml:{line}:8: csaf.tlp: `whte` is not a TLP label; write one of WHITE, GREEN, AMBER, RED; did you mean `WHITE`?"
        ),
        format!(
            "content/site.yaml:{}:23: csaf.publisher_category: `vendr` is not a CSAF publisher category",
            line + 1
        ),
        format!(
            "content/site.yaml:{}:14: csaf.namespace: `mailto:a@b.example` must be a web address",
            line + 2
        ),
    ] {
        assert!(err.contains(&want), "{want}\n{err}");
    }
    std::fs::write(
        &yaml,
        format!("{good}csaf:\n  tlp: CLEAR\n  publisher_category: translator\n"),
    )
    .unwrap();
    let err = stderr(&bayan(root, &["check"]));
    assert!(err.contains("csaf.tlp: `CLEAR` is TLP 2.0's name"), "{err}");
    assert!(
        err.contains("csaf.publisher_category: `translator` is for a party"),
        "{err}"
    );
    std::fs::write(&yaml, format!("{good}csaf:\n  tlp_label: WHITE\n")).unwrap();
    let err = stderr(&bayan(root, &["check"]));
    assert!(
        err.contains(&format!("content/site.yaml:{line}:3: ")),
        "{err}"
    );
    assert!(err.contains("csaf.tlp_label: unknown key `tlp_label`; expected one of: tlp, publisher_category, namespace"), "{err}");
    // A lower-case label is the label.
    std::fs::write(&yaml, format!("{good}csaf:\n  tlp: amber\n")).unwrap();
    let out = build_ok(root, &[]);
    let doc = json(&out.join(".well-known/csaf/2026/2026-01-sms-gateway.json"));
    assert_eq!(doc["document"]["distribution"]["tlp"]["label"], "AMBER");
}

/// A translation's tracking id is `ID-LANG`: an advisory already named that is an
/// error naming both, not a document silently overwritten.
#[test]
fn an_advisory_id_equal_to_a_translations_tracking_id_is_an_error() {
    let site = fixture("minimal");
    let root = site.path();
    let inc = "content/incidents/2026-01-sms-gateway";
    copy_dir(&root.join(inc), &root.join(format!("{inc}-ar")));
    let o = bayan(root, &["build"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("{inc}-ar/incident.yaml: the advisory id `2026-01-sms-gateway-ar` is also the CSAF tracking id of the Arabic translation of `2026-01-sms-gateway`")),
        "{err}"
    );
    assert!(!root.join("output").exists());
}

#[test]
fn a_monitored_advisory_stays_interim_and_the_publisher_is_named_in_every_language() {
    let site = fixture("csaf");
    edit(
        site.path(),
        "content/incidents/2025-02-billing-export/incident.yaml",
        "status: resolved",
        "status: monitoring",
    );
    let out = build_ok(site.path(), &[]);
    let csaf = out.join(".well-known/csaf");
    let doc = json(&csaf.join("2025/2025-02-billing-export.json"));
    assert_eq!(doc["document"]["tracking"]["status"], "interim");
    let meta = json(&csaf.join("provider-metadata.json"));
    let site_yaml = read(&site.path().join("content/site.yaml"));
    let name = meta["publisher"]["name"].as_str().unwrap();
    let (latin, arabic) = name.split_once(" / ").expect("two names");
    assert!(latin.is_ascii() && !arabic.is_ascii(), "{name}");
    assert!(
        site_yaml.contains(latin) && site_yaml.contains(arabic),
        "{name}"
    );
}
