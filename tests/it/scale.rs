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
