//! The archive by data class and vendor: "was my phone number ever part of a
//! leak here?" answered in both languages without JavaScript, on an Arabic-first
//! site under a sub-path, every link resolving.

use std::collections::BTreeSet;

use scraper::{Html, Selector};

use crate::*;

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// The advisory ids a group of a class's or vendor's page lists, in order.
fn listed(html: &str, group: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    doc.select(&sel(&format!(".archive-{group} .advisory-item h3 a")))
        .map(|a| {
            let href = a.value().attr("href").unwrap();
            href.trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap()
                .to_owned()
        })
        .collect()
}

#[test]
fn the_archive_answers_which_advisories_exposed_phone_numbers() {
    let site = fixture("archive");
    let out = build_ok(site.path(), &[]);
    for lang in ["ar", "en"] {
        let html = read(&out.join(format!("{lang}/data/phone_numbers/index.html")));
        // Exposed (newest first, the "possibly" one marked as such), then apart
        // those that say it was not; the advisory that does not name it is absent.
        assert_eq!(
            listed(&html, "exposed"),
            ["2026-03-crm-export", "2026-02-sms-leak"],
            "{lang}"
        );
        assert_eq!(listed(&html, "not-exposed"), ["2026-04-payroll"], "{lang}");
        assert!(!html.contains("2026-01-forum"));
        let doc = Html::parse_document(&html);
        let how: Vec<String> = doc
            .select(&sel(".archive-exposed .badge-how"))
            .map(|b| b.value().attr("class").unwrap().to_owned())
            .collect();
        assert_eq!(
            how,
            [
                "badge badge-how how-possibly_exposed",
                "badge badge-how how-exposed"
            ]
        );
        assert_eq!(doc.select(&sel("script")).count(), 0);
        let root = doc.select(&sel("html")).next().unwrap();
        assert_eq!(root.value().attr("lang"), Some(lang));
    }
    let ar = read(&out.join("ar/data/phone_numbers/index.html"));
    assert!(
        ar.contains("<h1>نوع البيانات: <bdi>أرقام الهواتف</bdi></h1>"),
        "{ar}"
    );
    assert!(
        ar.contains("رقم الجوال المسجّل في الحساب"),
        "the advisory's note"
    );
    let en = read(&out.join("en/data/phone_numbers/index.html"));
    assert!(en.contains("<h1>Data class: <bdi>Phone numbers</bdi></h1>"));
}

#[test]
fn the_data_index_counts_each_class_and_links_it() {
    let site = fixture("archive");
    let out = build_ok(site.path(), &[]);
    let html = read(&out.join("en/data/index.html"));
    let doc = Html::parse_document(&html);
    let rows: Vec<(String, String, Vec<String>)> = doc
        .select(&sel(".archive-table tbody tr"))
        .map(|tr| {
            let a = tr.select(&sel("th a")).next().unwrap();
            let counts = tr
                .select(&sel("td"))
                .map(|td| td.text().collect::<String>())
                .collect();
            (
                a.text().collect(),
                a.value().attr("href").unwrap().to_owned(),
                counts,
            )
        })
        .collect();
    let row = |name: &str| rows.iter().find(|r| r.0 == name).unwrap().clone();
    assert_eq!(
        row("Phone numbers"),
        (
            "Phone numbers".into(),
            "/notices/en/data/phone_numbers/".into(),
            vec!["2".into(), "1".into()]
        )
    );
    assert_eq!(row("Passwords").2, ["0", "1"]);
    // Every class any advisory names, in the order a reader scans: by name.
    let names: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(
        names,
        [
            "Bank account details",
            "Email addresses",
            "Names",
            "Passwords",
            "Phone numbers",
            "Usernames"
        ]
    );
    // Arabic counts in the site's digits, labels from the theme.
    let ar = read(&out.join("ar/data/index.html"));
    assert!(ar.contains("<bdi>أرقام الهواتف</bdi>"));
}

#[test]
fn vendors_share_a_page_by_id_and_the_advisory_links_to_it() {
    let site = fixture("archive");
    let out = build_ok(site.path(), &[]);
    // `Acme SMS` (slug) and `id: acme-sms` (given) are one vendor.
    let html = read(&out.join("en/vendors/acme-sms/index.html"));
    assert_eq!(
        listed(&html, "vendor"),
        ["2026-03-crm-export", "2026-02-sms-leak"]
    );
    // Named as the newest advisory names it.
    assert!(
        html.contains("<h1>Vendor: <bdi>ACME SMS Ltd</bdi></h1>"),
        "{html}"
    );
    assert!(
        html.contains("SMS gateway"),
        "the vendor's role in that advisory"
    );
    assert!(out.join("ar/vendors/crm-cloud/index.html").is_file());
    let index = read(&out.join("ar/vendors/index.html"));
    let doc = Html::parse_document(&index);
    let hrefs: BTreeSet<&str> = doc
        .select(&sel(".archive-table th a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        hrefs,
        BTreeSet::from([
            "/notices/ar/vendors/acme-sms/",
            "/notices/ar/vendors/crm-cloud/"
        ])
    );
    // The advisory page links each data class and vendor to its archive page,
    // and every page's footer links the two indexes.
    let page = read(&out.join("ar/incidents/2026-02-sms-leak/index.html"));
    let doc = Html::parse_document(&page);
    let classes: Vec<&str> = doc
        .select(&sel(".data-exposed a.data-label"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        classes,
        ["/notices/ar/data/phone_numbers/", "/notices/ar/data/names/"]
    );
    let vendor: Vec<&str> = doc
        .select(&sel(".vendor-list a.vendor-archive"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(vendor, ["/notices/ar/vendors/acme-sms/"]);
    for path in [
        "ar/index.html",
        "en/incidents/2026-04-payroll/index.html",
        "404.html",
    ] {
        let html = read(&out.join(path));
        assert!(
            html.contains("href=\"/notices/ar/data/\"")
                || html.contains("href=\"/notices/en/data/\""),
            "{path}"
        );
    }
}

#[test]
fn archive_pages_are_in_the_sitemap_and_every_link_resolves() {
    let site = fixture("archive");
    let out = build_ok(site.path(), &[]);
    let sitemap = read(&out.join("sitemap.xml"));
    for url in [
        "https://org.example/notices/ar/data/",
        "https://org.example/notices/en/data/phone_numbers/",
        "https://org.example/notices/ar/vendors/",
        "https://org.example/notices/en/vendors/acme-sms/",
    ] {
        assert!(sitemap.contains(&format!("<loc>{url}</loc>")), "{url}");
    }
    let report = support::check_links(&out, "/notices/", "https://org.example/notices/");
    assert!(report.broken.is_empty(), "{:#?}", report.broken);
    assert!(report.remote_loads.is_empty(), "{:#?}", report.remote_loads);
    assert!(report.checked > 200, "{}", report.checked);
}

#[test]
fn a_vendor_without_an_ascii_name_needs_an_id() {
    let site = fixture("archive");
    let yaml = "content/incidents/2026-03-crm-export/incident.yaml";
    edit(
        site.path(),
        yaml,
        "  - name: CRM Cloud",
        "  - name: سحابة العملاء",
    );
    let o = bayan(site.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "{yaml}:13:5: vendors[1].id: the vendor `سحابة العملاء` needs an `id`"
        )),
        "{err}"
    );
    // A given id that is not one suggests the nearest that is; two vendors may
    // not share one.
    edit(
        site.path(),
        yaml,
        "  - name: سحابة العملاء",
        "  - id: CRM_Cloud\n    name: سحابة العملاء",
    );
    let err = stderr(&bayan(site.path(), &["check"]));
    assert!(
        err.contains(&format!(
            "{yaml}:13:9: vendors[1].id: `CRM_Cloud` is not a vendor id"
        )) && err.contains("did you mean `crm-cloud`?"),
        "{err}"
    );
    edit(site.path(), yaml, "id: CRM_Cloud", "id: acme-sms");
    let err = stderr(&bayan(site.path(), &["check"]));
    assert!(
        err.contains("vendors[1]: vendor id `acme-sms` is also that of vendors[0]"),
        "{err}"
    );
    // Nothing was written by the failed check, and a build leaves output alone.
    assert!(!site.path().join("output").exists());
}

#[test]
fn watch_mode_keeps_the_archive_as_a_clean_build_has_it() {
    use bayan::live::{Change, Live};
    let site = fixture("archive");
    let root = site.path();
    let (mut live, outcome) = Live::start(&opts(root)).unwrap();
    assert!(outcome.error.is_none(), "{:?}", outcome.error);
    let clean = |root: &std::path::Path| {
        let o = bayan(root, &["build", "-q", "--output", "clean-output"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let t = tree(&root.join("clean-output"));
        std::fs::remove_dir_all(root.join("clean-output")).unwrap();
        t
    };
    let same = |root: &std::path::Path| {
        let (live, clean) = (tree(&root.join("output")), clean(root));
        assert_eq!(
            live.keys().collect::<Vec<_>>(),
            clean.keys().collect::<Vec<_>>()
        );
        for (p, b) in &clean {
            assert!(&live[p] == b, "{p} differs from a clean build");
        }
    };
    // A class newly named (a new archive page, and a new sitemap entry, though
    // nothing a listing shows changed), then one no longer named by anyone.
    let yaml = "content/incidents/2026-01-forum/incident.yaml";
    edit(
        root,
        yaml,
        "exposed: [usernames]",
        "exposed: [usernames, ip_addresses]",
    );
    let changes = BTreeSet::from([Change::Incident("2026-01-forum".into())]);
    let o = live.apply(&changes).unwrap();
    assert!(o.error.is_none(), "{o:?}");
    assert!(
        root.join("output/ar/data/ip_addresses/index.html")
            .is_file()
    );
    same(root);
    edit(
        root,
        yaml,
        "exposed: [usernames, ip_addresses]",
        "exposed: [ip_addresses]",
    );
    live.apply(&changes).unwrap();
    assert!(!root.join("output/en/data/usernames").exists());
    same(root);
    // A new update: a new entry in both feeds.
    edit(
        root,
        yaml,
        "advice:",
        "updates:\n  - at: 2026-01-20\n    text: { en: All clear., ar: انتهى الأمر. }\nadvice:",
    );
    live.apply(&changes).unwrap();
    assert!(read(&root.join("output/en/feed.xml")).contains("2026-01-forum/update-2026-01-20"));
    same(root);
    // A data item's note and a vendor's role: shown on the archive pages, though
    // nothing a listing shows changed (the archive is redone with the lists).
    let sms = "content/incidents/2026-02-sms-leak/incident.yaml";
    edit(
        root,
        sms,
        "en: the mobile number on the account",
        "en: the mobile number we hold",
    );
    edit(
        root,
        sms,
        "role: { en: SMS gateway,",
        "role: { en: Text-message gateway,",
    );
    let changes = BTreeSet::from([Change::Incident("2026-02-sms-leak".into())]);
    let o = live.apply(&changes).unwrap();
    assert!(o.error.is_none(), "{o:?}");
    assert!(
        read(&root.join("output/en/data/phone_numbers/index.html"))
            .contains("the mobile number we hold")
    );
    same(root);
}
