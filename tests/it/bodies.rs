//! What a body may hold, as the built page shows it: one test per finding of the
//! body review (issue 18), on the `bodies` fixture (every case is a section of its
//! `en.md`/`ar.md`) or on a one-case body written into the minimal fixture.

use crate::*;

const ADV: &str = "incidents/2026-04-payroll-export/index.html";
const MINIMAL_EN: &str = "content/incidents/2026-01-sms-gateway/en.md";
const MINIMAL_YAML: &str = "content/incidents/2026-01-sms-gateway/incident.yaml";

/// The "Full account" part of the built page for `lang`.
fn body(out: &Path, lang: &str) -> String {
    let page = read(&out.join(lang).join(ADV));
    let start = page.find("<div class=\"body\">").expect("body");
    let end = start + page[start..].find("</section>").expect("end of body");
    page[start..end].to_owned()
}

fn built() -> (tempfile::TempDir, PathBuf) {
    let site = fixture("bodies");
    let out = build_ok(site.path(), &[]);
    (site, out)
}

/// Writes `src` as the minimal fixture's English body and builds; returns the
/// result and the site.
fn build_body(src: &str, extra: &[&str]) -> (tempfile::TempDir, Output) {
    let site = fixture("minimal");
    std::fs::write(site.path().join(MINIMAL_EN), src).unwrap();
    let mut args = vec!["build"];
    args.extend_from_slice(extra);
    let o = bayan(site.path(), &args);
    (site, o)
}

#[test]
fn table_alignment_is_a_logical_class_the_csp_allows() {
    let (_site, out) = built();
    for lang in ["en", "ar"] {
        let b = body(&out, lang);
        assert!(!b.contains("style="), "{lang}: {b}");
        assert!(b.contains("<th class=\"align-end\">"), "{lang}: {b}");
        assert!(b.contains("<th class=\"align-center\">"), "{lang}: {b}");
        assert!(b.contains("<td class=\"align-start\">"), "{lang}: {b}");
    }
    assert!(
        body(&out, "en").contains("<td class=\"align-end\">1,250,000.00</td>"),
        "{}",
        body(&out, "en")
    );
    // The classes exist in the stylesheet, in logical values.
    let css = std::fs::read_dir(out.join("assets"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "css"))
        .map(|p| read(&p))
        .expect("a stylesheet in assets/");
    assert!(
        css.contains(".body .align-end { text-align: end; }"),
        "{css}"
    );
}

#[test]
fn html_comment_in_a_published_body_is_an_error_with_its_position() {
    let site = fixture("minimal");
    let root = site.path();
    let out = build_ok(root, &[]);
    let before = tree(&out);
    std::fs::write(
        root.join(MINIMAL_EN),
        "Fine.\n\n<!-- confirm the count with legal -->\n\nSome <!-- inline note --> text.\n",
    )
    .unwrap();
    let o = bayan(root, &["build"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/incidents/2026-01-sms-gateway/en.md:3:1: HTML comment"),
        "{err}"
    );
    assert!(
        err.contains("content/incidents/2026-01-sms-gateway/en.md:5:6: HTML comment"),
        "{err}"
    );
    assert_eq!(tree(&out), before, "output/ changed after a failed build");
}

#[test]
fn html_comment_in_a_draft_is_allowed_and_never_shown() {
    let site = fixture("minimal");
    let root = site.path();
    std::fs::write(
        root.join(MINIMAL_EN),
        "Fine.\n\n<!-- confirm the count\nwith legal -->\n\nSome <!-- inline note --> text.\n",
    )
    .unwrap();
    edit(
        root,
        MINIMAL_YAML,
        "status: resolved",
        "draft: true\nstatus: resolved",
    );
    let o = bayan(root, &["build", "--drafts"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("comment"), "{}", stderr(&o));
    let page = read(&root.join("output/en/incidents/2026-01-sms-gateway/index.html"));
    assert!(!page.contains("legal"), "{page}");
    assert!(!page.contains("inline note"), "{page}");
    assert!(!page.contains("&lt;!--"), "{page}");
    assert!(page.contains("<p>Some  text.</p>"), "{page}");
    // The comment-only block leaves no empty paragraph.
    assert!(!page.contains("<p></p>"), "{page}");
}

#[test]
fn image_alt_text_is_plain_text_without_markup() {
    let (_site, out) = built();
    let b = body(&out, "en");
    assert!(
        b.contains("alt=\"the export screen with the menu open\""),
        "{b}"
    );
    assert!(!b.contains("alt=\"the &lt;code"), "{b}");
}

#[test]
fn fenced_code_keeps_its_language_as_a_class() {
    let (_site, out) = built();
    let b = body(&out, "en");
    assert!(
        b.contains("<pre dir=\"ltr\"><code class=\"language-sql\">SELECT name FROM staff;"),
        "{b}"
    );
}

#[test]
fn attachment_links_keep_fragments_and_queries() {
    let (_site, out) = built();
    let b = body(&out, "en");
    assert!(
        b.contains("href=\"/en/incidents/2026-04-payroll-export/report.pdf#page=2\""),
        "{b}"
    );
    assert!(
        b.contains("href=\"/en/incidents/2026-04-payroll-export/report.pdf?download=1#summary\""),
        "{b}"
    );
}

#[test]
fn misspelt_attachment_with_a_fragment_suggests_the_file() {
    let site = fixture("minimal");
    let dir = site.path().join("content/incidents/2026-01-sms-gateway");
    std::fs::write(dir.join("report.pdf"), b"%PDF-1.4\n").unwrap();
    std::fs::write(dir.join("en.md"), "See [page 2](reprot.pdf#page=2).\n").unwrap();
    let o = bayan(site.path(), &["build"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("en.md:1:5: `reprot.pdf#page=2` is not a file in this incident's folder; did you mean `report.pdf`?"),
        "{err}"
    );
}

#[test]
fn heading_levels_past_h6_are_a_warning_with_their_position() {
    let src = "# One\n\n## Two\n\n### Three\n\n#### Four\n\n##### Five\n\n###### Six\n";
    let (site, o) = build_body(src, &[]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("warning: content/incidents/2026-01-sms-gateway/en.md:9:1: this level-5 heading is shown as h6, like the level-4 ones"),
        "{err}"
    );
    assert_eq!(err.matches("heading is shown as h6").count(), 1, "{err}");
    let page = read(
        &site
            .path()
            .join("output/en/incidents/2026-01-sms-gateway/index.html"),
    );
    assert!(page.contains("<h6 id=\"five\">"), "{page}");
    // Levels that still land apart (h3, h5, h6) are no warning, even with one skipped.
    let (_site, o) = build_body("# One\n\n### Three\n\n#### Four\n\n### Three\n", &[]);
    assert!(o.status.success());
    assert!(!stderr(&o).contains("heading"), "{}", stderr(&o));
}

#[test]
fn heading_ids_include_code_text() {
    let (_site, out) = built();
    let b = body(&out, "en");
    assert!(b.contains("<h4 id=\"rotate-api-keys\">"), "{b}");
    let b = body(&out, "ar");
    assert!(b.contains("<h4 id=\"تدوير-مفاتيح-api\">"), "{b}");
}

#[test]
fn bare_urls_and_emails_in_bodies_are_linked_but_www_is_not() {
    let (_site, out) = built();
    let b = body(&out, "en");
    assert!(
        b.contains("<a href=\"mailto:payroll@bank.example\" dir=\"ltr\" class=\"run\">payroll@bank.example</a>"),
        "{b}"
    );
    assert!(
        b.contains("<a href=\"https://bank.example/payroll\" dir=\"ltr\" class=\"run\">https://bank.example/payroll</a>"),
        "{b}"
    );
    assert!(b.contains("\nwww.bank.example is not linked."), "{b}");
    assert!(!b.contains("href=\"http://www.bank.example"), "{b}");
}

#[test]
fn commonmark_list_surprises_render_as_the_readme_says() {
    let (_site, out) = built();
    let b = body(&out, "en");
    // `١.` is not a list marker: the paragraph stays a paragraph.
    assert!(
        b.contains("<p><span dir=\"rtl\" class=\"run\">١</span>. Arabic-Indic digits"),
        "{b}"
    );
    let b_ar = body(&out, "ar");
    assert!(!b_ar.contains("<ol"), "{b_ar}");
    assert!(b_ar.contains("<p>١. الأرقام الهندية"), "{b_ar}");
    // A line starting with a year is a list starting at that number.
    assert!(
        b.contains("<ol start=\"2025\">\n<li>was the year the export began.</li>"),
        "{b}"
    );
    // Three spaces nest a list under `1.`; two do not.
    assert!(
        b.contains("<li>First step\n<ul>\n<li>a sub-list needs three spaces</li>\n</ul>\n</li>"),
        "{b}"
    );
    assert!(
        b.contains("<li>Second step</li>\n</ol>\n<ul>\n<li>two spaces is not enough</li>"),
        "{b}"
    );
}

#[test]
fn yaml_texts_link_the_advisorys_attachments_checked_as_bodies_are() {
    let site = fixture("bodies");
    let yaml = "content/incidents/2026-04-payroll-export/incident.yaml";
    edit(
        site.path(),
        yaml,
        "  - en: Check your payslip against your bank statement.\n    ar: طابق قسيمة راتبك مع كشف حسابك البنكي.",
        "  - en: Check your payslip against [the report](report.pdf#page=2).\n    ar: طابق قسيمة راتبك مع [التقرير](report.pdf).",
    );
    let out = build_ok(site.path(), &[]);
    for (lang, href) in [
        (
            "en",
            "/en/incidents/2026-04-payroll-export/report.pdf#page=2",
        ),
        ("ar", "/ar/incidents/2026-04-payroll-export/report.pdf"),
    ] {
        let page = read(&out.join(lang).join(ADV));
        assert!(page.contains(&format!("href=\"{href}\"")), "{lang}: {page}");
    }
    // A misspelt file is an error at the text, with the nearest file.
    edit(
        site.path(),
        yaml,
        "[the report](report.pdf#page=2)",
        "[the report](reprot.pdf#page=2)",
    );
    let o = bayan(site.path(), &["build"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("advice[0].en: `reprot.pdf#page=2` is not a file in this incident's folder; did you mean `report.pdf`?"),
        "{err}"
    );
}
