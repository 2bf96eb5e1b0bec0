//! What keeps a large archive usable: paginated listings, year archives, a feed of
//! the newest entries and a sitemap that splits into an index.

use scraper::{Html, Selector};

use crate::*;

/// The minimal fixture with three advisories in three years, one per page.
fn three_years() -> tempfile::TempDir {
    let site = fixture("minimal");
    let root = site.path();
    let src = root.join("content/incidents/2026-01-sms-gateway");
    for (id, date) in [
        ("2024-05-old", "2024-05-01"),
        ("2025-07-middle", "2025-07-01"),
    ] {
        let dir = root.join("content/incidents").join(id);
        copy_dir(&src, &dir);
        edit(
            root,
            &format!("content/incidents/{id}/incident.yaml"),
            "published: 2026-01-10",
            &format!("published: {date}"),
        );
    }
    edit(
        root,
        "content/site.yaml",
        "languages: [en, ar]",
        "languages: [en, ar]\npage_size: 1\nfeed_limit: 2",
    );
    site
}

fn hrefs(html: &str, selector: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    doc.select(&Selector::parse(selector).unwrap())
        .filter_map(|e| e.value().attr("href").map(str::to_owned))
        .collect()
}

#[test]
fn listings_paginate_with_prev_and_next() {
    let site = three_years();
    let out = build_ok(site.path(), &[]);
    let p1 = read(&out.join("en/index.html"));
    let p2 = read(&out.join("en/page/2/index.html"));
    let p3 = read(&out.join("ar/page/3/index.html"));
    assert!(!out.join("en/page/4").exists());
    assert_eq!(hrefs(&p1, "link[rel=next]"), ["/en/page/2/"]);
    assert!(hrefs(&p1, "link[rel=prev]").is_empty());
    assert_eq!(hrefs(&p2, "link[rel=prev]"), ["/en/"]);
    assert_eq!(hrefs(&p2, "link[rel=next]"), ["/en/page/3/"]);
    assert!(hrefs(&p3, "link[rel=next]").is_empty());
    assert_eq!(hrefs(&p3, "nav.pagination a[rel=prev]"), ["/ar/page/2/"]);
    // Newest first: page 1 holds 2026, page 3 the 2024 advisory.
    assert!(p1.contains("/en/incidents/2026-01-sms-gateway/"));
    assert!(p3.contains("/ar/incidents/2024-05-old/"));
    assert!(p2.contains("Page 2 of 3"), "page label");
    assert!(p3.contains("الصفحة 3 من 3"), "Arabic page label");
}

/// Every advisory a paginated list shows, page after page from `first`
/// (following `rel=next`), with the list's pages' hrefs: `(page, item hrefs)`.
fn walk_pages(out: &std::path::Path, first: &str, items: &str) -> Vec<(String, Vec<String>)> {
    let mut pages = Vec::new();
    let mut next = Some(first.to_owned());
    while let Some(href) = next {
        let html = read(&out.join(href.trim_start_matches('/')).join("index.html"));
        pages.push((href.clone(), hrefs(&html, items)));
        next = hrefs(&html, "link[rel=next]").into_iter().next();
        assert!(pages.len() < 20, "pages loop at {href}");
    }
    pages
}

#[test]
fn years_data_classes_vendors_and_open_advisories_paginate_like_the_listing() {
    let site = three_years();
    let root = site.path();
    // A fourth advisory in 2025, and the 2024 one the other way round: its
    // phone numbers were not exposed, its passwords were. Every advisory names
    // the same vendor; two are still open.
    copy_dir(
        &root.join("content/incidents/2025-07-middle"),
        &root.join("content/incidents/2025-09-late"),
    );
    edit(
        root,
        "content/incidents/2025-09-late/incident.yaml",
        "published: 2025-07-01",
        "published: 2025-09-01",
    );
    edit(
        root,
        "content/incidents/2024-05-old/incident.yaml",
        "  exposed: [phone_numbers]\n  not_exposed: [passwords]",
        "  exposed: [passwords]\n  not_exposed: [phone_numbers]",
    );
    for id in [
        "2024-05-old",
        "2025-07-middle",
        "2025-09-late",
        "2026-01-sms-gateway",
    ] {
        edit(
            root,
            &format!("content/incidents/{id}/incident.yaml"),
            "advice:",
            "vendors:\n  - name: Acme SMS\n    role: { en: SMS gateway, ar: بوابة الرسائل }\nadvice:",
        );
    }
    for id in ["2025-07-middle", "2026-01-sms-gateway"] {
        edit(
            root,
            &format!("content/incidents/{id}/incident.yaml"),
            "status: resolved",
            "status: monitoring",
        );
    }
    for id in ["2025-07-middle", "2025-09-late", "2026-01-sms-gateway"] {
        edit(
            root,
            &format!("content/incidents/{id}/incident.yaml"),
            "exposed: [phone_numbers]",
            "exposed: [phone_numbers, email_addresses]",
        );
    }
    let out = build_ok(root, &[]);
    let item = "ol.advisory-list h2 a, ol.advisory-list h3 a";
    let inc = |id: &str| format!("/en/incidents/{id}/");

    // One advisory a page (page_size: 1), newest first, each once.
    let year = walk_pages(&out, "/en/archive/2025/", item);
    assert_eq!(
        year,
        [
            ("/en/archive/2025/".to_owned(), vec![inc("2025-09-late")]),
            (
                "/en/archive/2025/page/2/".to_owned(),
                vec![inc("2025-07-middle")]
            ),
        ]
    );
    let open = walk_pages(&out, "/ar/open/", item);
    assert_eq!(open.len(), 2);
    assert_eq!(open[1].0, "/ar/open/page/2/");
    let vendor = walk_pages(&out, "/en/vendors/acme-sms/", item);
    let shown: Vec<String> = vendor.iter().flat_map(|p| p.1.clone()).collect();
    assert_eq!(
        shown,
        [
            "2026-01-sms-gateway",
            "2025-09-late",
            "2025-07-middle",
            "2024-05-old"
        ]
        .map(inc)
    );

    // A class's page: those that exposed it, then those that did not, cut into
    // pages; each group's heading shows on the pages holding its advisories,
    // with the group's whole count.
    let pages = walk_pages(&out, "/en/data/phone_numbers/", item);
    assert_eq!(pages.len(), 4, "{pages:?}");
    let html = |n: usize| {
        let dir = if n == 1 {
            "en/data/phone_numbers".to_owned()
        } else {
            format!("en/data/phone_numbers/page/{n}")
        };
        read(&out.join(dir).join("index.html"))
    };
    let groups = |n: usize| {
        let doc = Html::parse_document(&html(n));
        doc.select(&Selector::parse("section.archive-group h2").unwrap())
            .map(|h| h.text().collect::<String>())
            .collect::<Vec<_>>()
    };
    assert_eq!(groups(1), ["Exposed or possibly exposed (3)"]);
    assert_eq!(groups(3), ["Exposed or possibly exposed (3)"]);
    assert_eq!(groups(4), ["Said not to be exposed (1)"]);
    assert_eq!(pages[3].1, [inc("2024-05-old")]);
    assert!(html(2).contains("Page 2 of 4"), "page label");
    assert_eq!(
        hrefs(&html(2), "nav.pagination a[rel=prev]"),
        ["/en/data/phone_numbers/"]
    );
    // A group with no advisories says so where its advisories would start:
    // email addresses were exposed in three advisories and never said not to be.
    let mail = walk_pages(&out, "/en/data/email_addresses/", item);
    assert_eq!(mail.len(), 3);
    let headings = |dir: &str| {
        let doc = Html::parse_document(&read(&out.join(dir).join("index.html")));
        doc.select(&Selector::parse("section.archive-group h2").unwrap())
            .map(|h| h.text().collect::<String>())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        headings("en/data/email_addresses"),
        ["Exposed or possibly exposed (3)"]
    );
    assert_eq!(
        headings("en/data/email_addresses/page/3"),
        [
            "Exposed or possibly exposed (3)",
            "Said not to be exposed (0)"
        ]
    );
    // The index counts every advisory, not one page's.
    let index = read(&out.join("en/data/index.html"));
    let doc = Html::parse_document(&index);
    let row = Selector::parse("tr[data-id=phone_numbers] td").unwrap();
    let counts: Vec<String> = doc.select(&row).map(|t| t.text().collect()).collect();
    assert_eq!(counts, ["3", "1"]);
}

#[test]
fn each_year_has_an_archive_page_linked_from_the_listing() {
    let site = three_years();
    let out = build_ok(site.path(), &[]);
    let listing = read(&out.join("en/index.html"));
    assert_eq!(
        hrefs(&listing, "nav.years a"),
        [
            "/en/archive/2026/",
            "/en/archive/2025/",
            "/en/archive/2024/"
        ]
    );
    let y2025 = read(&out.join("ar/archive/2025/index.html"));
    assert!(y2025.contains("/ar/incidents/2025-07-middle/"));
    assert!(!y2025.contains("/ar/incidents/2024-05-old/"));
}

#[test]
fn feed_keeps_the_newest_entries() {
    let site = three_years();
    let out = build_ok(site.path(), &[]);
    let feed = read(&out.join("en/feed.xml"));
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let ids: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .map(|e| {
            e.children()
                .find(|c| c.has_tag_name("id"))
                .unwrap()
                .text()
                .unwrap()
        })
        .collect();
    // An entry per publication, with ids that do not depend on the URL style.
    assert_eq!(
        ids,
        [
            "tag:advisories.example.com,2026-01-10:en/incidents/2026-01-sms-gateway",
            "tag:advisories.example.com,2025-07-01:en/incidents/2025-07-middle"
        ]
    );
}

#[test]
fn sitemap_splits_into_an_index_past_the_threshold() {
    let site = three_years();
    // 2 languages × (1 listing + the open listing + 3 archives + 3 advisories +
    // the data-class index and its 2 classes + the vendor index) = 24 URLs.
    let out = build_ok(site.path(), &["--sitemap-max-urls", "5"]);
    let index = read(&out.join("sitemap.xml"));
    let doc = roxmltree::Document::parse(&index).unwrap();
    assert_eq!(doc.root_element().tag_name().name(), "sitemapindex");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(
        locs,
        [
            "https://advisories.example.com/sitemap-1.xml",
            "https://advisories.example.com/sitemap-2.xml",
            "https://advisories.example.com/sitemap-3.xml",
            "https://advisories.example.com/sitemap-4.xml",
            "https://advisories.example.com/sitemap-5.xml"
        ]
    );
    let mut urls = 0;
    for n in 1..=5 {
        let part = read(&out.join(format!("sitemap-{n}.xml")));
        let doc = roxmltree::Document::parse(&part).unwrap();
        let count = doc
            .root_element()
            .children()
            .filter(|c| c.has_tag_name("url"))
            .count();
        assert!(count <= 5);
        urls += count;
    }
    assert_eq!(urls, 24);
    // Without the flag the same site has one sitemap.
    let out = build_ok(site.path(), &[]);
    assert!(read(&out.join("sitemap.xml")).contains("<urlset"));
    assert!(!out.join("sitemap-1.xml").exists());
}

#[test]
fn out_of_range_page_size_is_an_error() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/site.yaml",
        "languages: [en, ar]",
        "languages: [en, ar]\npage_size: 0",
    );
    let o = bayan(site.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("content/site.yaml:6:12: page_size: must be between 1 and 1000, not 0"),
        "{}",
        stderr(&o)
    );
}
