//! SPEC "Text that reads right", in the built files: Hijri dates, zone names,
//! plurals, separators that cannot read as digits, isolation in `<title>`, meta tags
//! and feeds, links that end before punctuation, and the small things a reader notices.

use scraper::{Html, Selector};

use crate::*;

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = read(path);
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The minimal fixture, published on 1 Ramadan 1445 (2024-03-11), in Riyadh, with
/// `dates.hijri` and the digits given.
fn ramadan_site(digits: &str) -> tempfile::TempDir {
    let site = fixture("minimal");
    let yaml = site.path().join("content/site.yaml");
    let mut text = read(&yaml);
    text.push_str(&format!(
        "timezone: Asia/Riyadh\ndates:\n  hijri: true\n  arabic_digits: {digits}\n"
    ));
    std::fs::write(&yaml, text).unwrap();
    let inc = site
        .path()
        .join("content/incidents/2026-01-sms-gateway/incident.yaml");
    edit(&inc, "published: 2026-01-10", "published: 2024-03-11");
    site
}

fn times(html: &str) -> Vec<String> {
    Html::parse_document(html)
        .select(&sel("time"))
        .map(|t| t.text().collect())
        .collect()
}

#[test]
fn hijri_dates_stand_beside_gregorian_ones_in_both_languages() {
    let site = ramadan_site("arabic-indic");
    let out = build_ok(site.path(), &[]);
    let ar = read(&out.join("ar/incidents/2026-01-sms-gateway/index.html"));
    let en = read(&out.join("en/incidents/2026-01-sms-gateway/index.html"));
    assert!(
        times(&ar).contains(&"١١ مارس ٢٠٢٤ (١ رمضان ١٤٤٥ هـ)".to_owned()),
        "{:?}",
        times(&ar)
    );
    assert!(
        times(&en).contains(&"11 March 2024 (1 Ramadan 1445 AH)".to_owned()),
        "{:?}",
        times(&en)
    );
    // 1 Muharram 1447 is 2025-06-26, with a time: the zone is named, not an offset.
    let inc = site
        .path()
        .join("content/incidents/2026-01-sms-gateway/incident.yaml");
    edit(
        &inc,
        "published: 2024-03-11",
        "published: 2025-06-26T09:00:00+03:00",
    );
    let out = build_ok(site.path(), &[]);
    let ar = read(&out.join("ar/incidents/2026-01-sms-gateway/index.html"));
    let en = read(&out.join("en/incidents/2026-01-sms-gateway/index.html"));
    assert!(
        times(&ar)
            .contains(&"٢٦ يونيو ٢٠٢٥ (١ محرم ١٤٤٧ هـ)، الساعة ٠٩:٠٠ (بتوقيت الرياض)".to_owned()),
        "{:?}",
        times(&ar)
    );
    assert!(
        times(&en).contains(&"26 June 2025 (1 Muharram 1447 AH), 09:00 (Riyadh time)".to_owned()),
        "{:?}",
        times(&en)
    );
}

#[test]
fn without_hijri_no_hijri_date_and_an_unnamed_zone_is_an_offset() {
    let site = fixture("minimal");
    let yaml = site.path().join("content/site.yaml");
    let mut text = read(&yaml);
    text.push_str("timezone: Asia/Kolkata\n");
    std::fs::write(&yaml, text).unwrap();
    let inc = site
        .path()
        .join("content/incidents/2026-01-sms-gateway/incident.yaml");
    edit(
        &inc,
        "published: 2026-01-10",
        "published: 2026-01-10T09:00:00Z",
    );
    let out = build_ok(site.path(), &[]);
    let en = read(&out.join("en/incidents/2026-01-sms-gateway/index.html"));
    assert!(
        times(&en).contains(&"10 January 2026, 14:30 (\u{2066}UTC+5:30\u{2069})".to_owned()),
        "{:?}",
        times(&en)
    );
    assert!(!en.contains(" AH)"));
}

#[test]
fn a_theme_missing_hijri_months_is_an_error_only_when_hijri_is_on() {
    let site = ramadan_site("latin");
    let dir = site.path().join("themes/default/i18n");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("en.yaml"), "hijri_months: [Muharram]\n").unwrap();
    let o = bayan(site.path(), &["build"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("themes/default/i18n/en.yaml") && err.contains("hijri_months (12 names"),
        "{err}"
    );
}

/// The open-advisory notice of the listing, as text.
fn open_notice(out: &Path, lang: &str) -> String {
    let html = read(&out.join(format!("{lang}/index.html")));
    Html::parse_document(&html)
        .select(&sel(".banner-open span"))
        .next()
        .map(|e| e.text().collect())
        .unwrap_or_default()
}

#[test]
fn counted_strings_follow_cldr_plural_rules_in_both_languages() {
    // The minimal fixture's one advisory, reopened: one open advisory.
    let site = fixture("minimal");
    let inc = site
        .path()
        .join("content/incidents/2026-01-sms-gateway/incident.yaml");
    edit(&inc, "status: resolved", "status: monitoring");
    let out = build_ok(site.path(), &[]);
    assert_eq!(open_notice(&out, "en"), "1 open advisory");
    assert_eq!(open_notice(&out, "ar"), "إشعار واحد مفتوح");
    // Copies of it: 2, 3 and 11 open advisories, in Arabic's dual, few and many.
    let src = site.path().join("content/incidents/2026-01-sms-gateway");
    for (n, en, ar) in [
        (2, "2 open advisories", "إشعاران مفتوحان"),
        (3, "3 open advisories", "3 إشعارات مفتوحة"),
        (11, "11 open advisories", "11 إشعارًا مفتوحًا"),
    ] {
        for i in 2..=n {
            let dest = site
                .path()
                .join(format!("content/incidents/2026-01-copy-{i}"));
            if !dest.exists() {
                copy_dir(&src, &dest);
            }
        }
        let out = build_ok(site.path(), &[]);
        assert_eq!(open_notice(&out, "en"), en);
        assert_eq!(open_notice(&out, "ar"), ar);
    }
}

#[test]
fn the_command_line_counts_in_english_plurals() {
    let site = fixture("minimal");
    let o = bayan(site.path(), &["build"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.starts_with("built 1 advisory: "), "{out}");
    let o = bayan(site.path(), &["check"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("no errors (0 warnings)"), "{out}");
}

#[test]
fn separators_never_read_as_a_digit_next_to_arabic_indic_digits() {
    let site = fixture("arabic-subpath");
    let out = build_ok(site.path(), &[]);
    for page in [
        "ar/index.html",
        "ar/incidents/2026-03-crm-export/index.html",
    ] {
        let html = read(&out.join(page));
        let text: String = Html::parse_document(&html)
            .select(&sel("body"))
            .flat_map(|b| b.text())
            .collect();
        let chars: Vec<char> = text.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            if *c == '·' {
                let near = chars[i.saturating_sub(2)..(i + 3).min(chars.len())]
                    .iter()
                    .any(|c| ('٠'..='٩').contains(c));
                assert!(!near, "{page}: `·` beside an Arabic-Indic digit");
            }
        }
    }
}

#[test]
fn ordered_lists_count_in_the_pages_digits() {
    let site = fixture("arabic-subpath");
    let out = build_ok(site.path(), &[]);
    let ar = read(&out.join("ar/incidents/2026-03-crm-export/index.html"));
    let en = read(&out.join("en/incidents/2026-03-crm-export/index.html"));
    assert!(ar.contains("<body class=\"page-incident digits-arabic-indic\">"));
    assert!(en.contains("<body class=\"page-incident digits-latin\">"));
    let css_name = tree(&out)
        .into_keys()
        .find(|p| p.starts_with("assets/style."))
        .unwrap();
    let css = read(&out.join(css_name));
    assert!(css.contains(".digits-arabic-indic ol { list-style-type: arabic-indic; }"));
}

#[test]
fn titles_meta_tags_and_feeds_keep_mixed_text_in_order() {
    let site = fixture("arabic-subpath");
    let out = build_ok(site.path(), &[]);
    let html = read(&out.join("ar/incidents/2026-03-crm-export/index.html"));
    let doc = Html::parse_document(&html);
    let desc = doc
        .select(&sel("meta[name=description]"))
        .next()
        .and_then(|m| m.value().attr("content"))
        .unwrap()
        .to_owned();
    // The phone number with spaces is one isolated unit in the meta description.
    assert!(
        desc.contains("\u{2066}+966 11 234 5678\u{2069}"),
        "{desc:?}"
    );
    let feed = read(&out.join("ar/feed.xml"));
    let doc = roxmltree::Document::parse(&feed).unwrap();
    // The advisory's first publication (the other entry is its update).
    let publication = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .find(|e| {
            e.children()
                .any(|c| c.has_tag_name("id") && !c.text().unwrap_or("").contains("/update-"))
        })
        .unwrap();
    let content = publication
        .children()
        .find(|n| n.has_tag_name("content"))
        .and_then(|n| n.text())
        .unwrap();
    assert!(
        content.starts_with("<div lang=\"ar\" dir=\"rtl\">") && content.ends_with("</div>"),
        "{content}"
    );
    let summary = publication
        .children()
        .find(|n| n.has_tag_name("summary"))
        .and_then(|n| n.text())
        .unwrap();
    assert!(
        summary.contains("\u{2066}+966 11 234 5678\u{2069}"),
        "{summary:?}"
    );
    let en_feed = read(&out.join("en/feed.xml"));
    assert!(en_feed.contains("&lt;div lang=&quot;en&quot; dir=&quot;ltr&quot;&gt;"));
}

#[test]
fn autolinks_in_yaml_texts_end_before_arabic_punctuation() {
    let site = fixture("minimal");
    let inc = site
        .path()
        .join("content/incidents/2026-01-sms-gateway/incident.yaml");
    edit(
        &inc,
        "ar: تجاهل الرموز التي لم تطلبها.",
        "ar: \"راسلنا على security@bank.example، أو زر https://bank.example/help؟ ثم اتصل على +966 55 123 4567.\"",
    );
    let out = build_ok(site.path(), &[]);
    let html = read(&out.join("ar/incidents/2026-01-sms-gateway/index.html"));
    assert!(
        html.contains("href=\"mailto:security@bank.example\"") && !html.contains("%D8%8C"),
        "email took the comma"
    );
    assert!(
        html.contains("href=\"https://bank.example/help\"") && !html.contains("%D8%9F"),
        "URL took the question mark"
    );
    assert!(html.contains("<span dir=\"ltr\" class=\"run\">+966 55 123 4567</span>."));
}

#[test]
fn a_removed_vendor_is_not_shown_with_a_tick_and_the_footer_makes_no_claim() {
    let site = fixture("example");
    let out = build_ok(site.path(), &[]);
    let html = read(&out.join("en/incidents/2025-11-mixpanel-analytics/index.html"));
    let doc = Html::parse_document(&html);
    let badge = doc.select(&sel(".vendor-removed")).next().unwrap().html();
    // The tick of "resolved" and "not exposed" is not the removed vendor's icon.
    assert!(!badge.contains("M2.5 8.5l3.5 3.5 7.5-8"), "{badge}");
    assert!(!html.contains("loads nothing from any other host"));
    // Printed pages show each reference's URL, isolated left to right.
    assert!(html.contains("<span class=\"print-url\" dir=\"ltr\">https://"));
}

#[test]
fn affected_count_has_a_visible_label() {
    let site = fixture("arabic-subpath");
    let out = build_ok(site.path(), &[]);
    let html = read(&out.join("en/incidents/2026-03-crm-export/index.html"));
    let doc = Html::parse_document(&html);
    let p: String = doc
        .select(&sel(".affected-count"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert_eq!(p, "People affected: about 1,200,000");
}
