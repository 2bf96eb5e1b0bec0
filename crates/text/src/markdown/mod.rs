//! Markdown to HTML for bodies and texts, safely.
//!
//! Three rules shape this module. Raw HTML from content is shown as text, never
//! dropped and never live. A link may only lead to `http`, `https`, `mailto` or `tel`, or to a
//! file in the incident's own folder; an image only to such a file, because a page
//! must never load anything from another host. And every URL, email and code span is
//! isolated (`dir="ltr"`) so bidi reordering cannot scramble it on an Arabic page.

use std::collections::BTreeSet;

use pulldown_cmark::{Event, Parser, TagEnd};

mod addresses;
mod bidi;
pub mod dialect;
mod headings;
mod links;
mod plain;
mod slugs;
mod writer;

pub use addresses::breakable_html;
#[cfg(test)]
use addresses::{break_points, percent_encode};
pub use dialect::{Problem, options, scheme_of};
pub use plain::body_plain;
pub use slugs::PAGE_IDS;
#[cfg(test)]
use slugs::slugify;
use writer::render;

/// Where relative links point: the files beside the document and the URL prefix that
/// reaches them from any page.
#[derive(Debug, Clone, Default)]
pub struct LinkContext<'a> {
    /// File names in the incident's folder that readers can be linked to.
    pub attachments: Option<&'a BTreeSet<String>>,
    /// Root-relative URL of the folder those files are copied to, ending in `/`.
    pub attachment_base: &'a str,
    /// The text is in a right-to-left language: its left-to-right runs are
    /// isolated (see `crate::bidi`); else its right-to-left runs are.
    pub rtl: bool,
    /// The digits bayan numbers footnotes with on this page.
    pub digits: crate::dates::Digits,
    /// Where links to other advisories (`../ID/`) lead: `None` where there are
    /// none to link to (site.yaml's texts), so such a link is an error there.
    pub advisories: Option<AdvisoryLinks<'a>>,
}

/// How a link to another advisory is written on this page: to its page in the
/// same language, as the site's routes spell it.
#[derive(Debug, Clone, Copy)]
pub struct AdvisoryLinks<'a> {
    pub routes: crate::routes::Routes<'a>,
    pub lang: &'a crate::lang::Lang,
}

/// A link to another advisory found in a document, at a byte offset of its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossRef {
    pub offset: usize,
    pub id: String,
    /// The fragment, percent-decoded.
    pub anchor: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub problems: Vec<Problem>,
    /// HTML comments in a body (`<!-- confirm with legal -->`): left out of the
    /// page, and an error in a published advisory, since they are authors' notes.
    pub comments: Vec<Problem>,
    /// What renders but not as the author meant (heading levels merged past h6).
    pub warnings: Vec<Problem>,
    /// Unsafe or misleading addresses (see [`crate::spoof::check_running_text`]),
    /// found in the same pass over the events.
    pub addresses: Vec<Problem>,
    /// Links to other advisories, for the link phase to check.
    pub cross: Vec<CrossRef>,
    /// The ids of the document's headings and footnotes, in order.
    pub anchors: Vec<String>,
}

/// A whole body. Its highest heading becomes `<h{top_heading}>` so the page keeps one
/// `h1` and an unbroken heading order whatever level the author started at.
pub fn render_block(src: &str, links: &LinkContext, top_heading: u8) -> Rendered {
    render(src, links, Some(top_heading), true)
}

/// [`render_block`]'s checks without its HTML (`html` is empty): what loading a
/// body needs, since its HTML is made again when its page is (a site does not
/// hold every body's HTML). The problems, anchors and links found are the same.
pub fn check_block(src: &str, links: &LinkContext, top_heading: u8) -> Rendered {
    render(src, links, Some(top_heading), false)
}

/// A text from the record: inline Markdown. A single paragraph loses its `<p>` so the
/// text can sit inside a heading, a list item or a table cell.
pub fn render_inline(src: &str, links: &LinkContext) -> Rendered {
    let mut r = render(src.trim(), links, None, true);
    let inner = r
        .html
        .trim_end()
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"));
    if let Some(inner) = inner.filter(|s| !s.contains("<p>")) {
        r.html = inner.to_owned();
    }
    r
}

/// The text a reader would see, without markup: for `<title>`, feeds and meta tags.
pub fn plain_text(src: &str) -> String {
    if is_plain_prose(src) {
        return src.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    let mut out = String::new();
    for ev in Parser::new_ext(src, options()) {
        match ev {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether Markdown would read `src` as one paragraph of its own characters: no
/// byte that can open markup, an escape or an entity, and no line that could
/// open a block (a list item `1.`, a heading, a quote, a fence, a table, an
/// indented code block). Most record texts are such prose, and [`plain_text`]
/// then need not parse them.
fn is_plain_prose(src: &str) -> bool {
    let no_markup = !src.bytes().any(|b| {
        matches!(
            b,
            b'\\'
                | b'`'
                | b'*'
                | b'_'
                | b'['
                | b']'
                | b'<'
                | b'>'
                | b'&'
                | b'!'
                | b'#'
                | b'~'
                | b'|'
                | b'\t'
                | b'\r'
        )
    });
    // At a line's start a digit may open an ordered list item, `+` or `-` a
    // bullet, `-` or `=` a heading's underline or a rule; four spaces, code.
    no_markup
        && src.split('\n').all(|l| {
            let t = l.trim_start_matches(' ');
            !t.starts_with(|c: char| c.is_ascii_digit() || "+-=".contains(c))
                && l.len() - t.len() < 4
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts the fast path takes must read exactly as the parser reads them.
    #[test]
    fn plain_prose_reads_as_the_parser_reads_it() {
        let slow = |s: &str| {
            let mut out = String::new();
            for ev in Parser::new_ext(s, options()) {
                match ev {
                    Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                        out.push_str(&t)
                    }
                    Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => {
                        out.push(' ')
                    }
                    _ => {}
                }
            }
            out.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        let samples = [
            "Some users of the API platform",
            "بعض مستخدمي منصة API، في ٢٠٢٥.",
            "line one\nline two  \nthree",
            "Call +966 55 123 4567 (toll free), or write: a@b.example; 50% off?",
            "قال: \"نعم\" (٣ مرات)",
            "ends with two spaces  ",
        ];
        for s in samples {
            assert!(is_plain_prose(s), "{s}");
            assert_eq!(plain_text(s), slow(s), "{s}");
        }
        // Each of these holds markup or a block, so it goes to the parser.
        for s in [
            "a *b*",
            "a_b_",
            "x\n1. item",
            "x\n# head",
            "a &amp; b",
            "a\\*b",
            "x\n> q",
            "x\n    code",
            "x\n---",
            "a <b>",
            "[a](b)",
            "a | b\n--|--",
            "x\n+ y",
            "~~s~~",
            "x\n  - y",
            "x\n===",
            "2025. year",
        ] {
            assert!(!is_plain_prose(s), "{s}");
        }
    }

    /// Issue 11: the hand-written percent coder became the `percent-encoding`
    /// crate's; these are the old coder's results, byte for byte.
    #[test]
    fn percent_coding_by_the_crate_matches_the_old_hand_written_coder() {
        use super::addresses::percent_decode;
        assert_eq!(percent_encode("diagram one.png"), "diagram%20one.png");
        assert_eq!(percent_encode("a-b_c.d~e/f?g"), "a-b_c.d~e%2Ff%3Fg");
        assert_eq!(percent_encode("تقرير"), "%D8%AA%D9%82%D8%B1%D9%8A%D8%B1");
        assert_eq!(percent_decode("diagram%20one.png"), "diagram one.png");
        assert_eq!(percent_decode("%D8%AA%d9%82"), "تق");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("%zz%41"), "%zzA");
        assert_eq!(percent_decode("%FF"), "\u{FFFD}");
    }

    fn inline(s: &str) -> Rendered {
        render_inline(s, &LinkContext::default())
    }

    #[test]
    fn raw_html_is_shown_as_text_not_dropped() {
        let r = render_block(
            "Hi <script>alert(1)</script> there\n\n<div onclick=x>block</div>\n",
            &LinkContext::default(),
            2,
        );
        assert!(
            r.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("&lt;div onclick=x&gt;block&lt;/div&gt;"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("<script"));
        assert!(!r.html.contains("<div"));
    }

    #[test]
    fn javascript_links_are_refused_with_a_problem() {
        let r = inline("click [here](javascript:alert(1)) now");
        assert!(!r.html.contains("javascript"), "{}", r.html);
        assert!(r.html.contains("here"));
        assert_eq!(r.problems.len(), 1);
        assert!(r.problems[0].message.contains("javascript:"));
        let r = inline("[x](JaVaScRiPt:alert(1))");
        assert_eq!(r.problems.len(), 1);
    }

    #[test]
    fn bare_urls_and_emails_become_isolated_links() {
        let r = inline("راسلنا على security@example.com أو زر https://example.com/a_b_c");
        assert!(
            r.html.contains(
                "<a href=\"mailto:security@example.com\" dir=\"ltr\" class=\"run\">security@example.com</a>"
            ),
            "{}",
            r.html
        );
        assert!(
            r.html.contains(
                "<a href=\"https://example.com/a_b_c\" dir=\"ltr\" class=\"run\">https://example.com/a_b_c</a>"
            ),
            "{}",
            r.html
        );
    }

    fn rtl() -> LinkContext<'static> {
        LinkContext {
            rtl: true,
            ..Default::default()
        }
    }

    #[test]
    fn phone_numbers_ibans_and_amounts_in_arabic_text_are_isolated_whole() {
        let r = render_inline(
            "اتصل بـ 8001-NAHDA (8001-62432) أو +966 55 123 4567، وحوّل 249.00 SAR إلى SA03 8000 0000 6080 1016 7519.",
            &rtl(),
        );
        for run in [
            "8001-NAHDA (8001-62432)",
            "+966 55 123 4567",
            "249.00 SAR",
            "SA03 8000 0000 6080 1016 7519",
        ] {
            assert!(
                r.html
                    .contains(&format!("<span dir=\"ltr\" class=\"run\">{run}</span>")),
                "{run}: {}",
                r.html
            );
        }
    }

    #[test]
    fn latin_tokens_with_punctuation_are_isolated_in_rtl_text() {
        let r = render_inline(
            "بما فيها عناوين @nahda.example للموظفين (مثل 8001-NAHDA). نظام CRM.",
            &rtl(),
        );
        assert!(
            r.html
                .contains("<span dir=\"ltr\" class=\"run\">@nahda.example</span>"),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains("<span dir=\"ltr\" class=\"run\">8001-NAHDA</span>)."),
            "{}",
            r.html
        );
        assert!(!r.html.contains("CRM</span>"), "{}", r.html);
        // Left-to-right text is left alone.
        let r = render_inline(
            "email @nahda.example or +966 55 123 4567",
            &LinkContext::default(),
        );
        assert!(!r.html.contains("<span"), "{}", r.html);
    }

    #[test]
    fn arabic_inside_english_text_is_isolated() {
        let r = render_inline("Call مركز الاتصال 800 123 4567", &LinkContext::default());
        assert!(
            r.html.contains("<span dir=\"rtl\">مركز الاتصال</span> 800"),
            "{}",
            r.html
        );
    }

    #[test]
    fn autolinks_end_before_arabic_and_latin_punctuation() {
        for mark in ["،", "؛", "؟", ".", ",", ";", ":", "!", "?", ")"] {
            let src = format!(
                "راسلنا على security@bank.example{mark} أو زر https://bank.example/help{mark} الآن"
            );
            let r = render_inline(&src, &rtl());
            assert!(
                r.html.contains("href=\"mailto:security@bank.example\""),
                "{mark}: {}",
                r.html
            );
            assert!(
                r.html.contains("href=\"https://bank.example/help\""),
                "{mark}: {}",
                r.html
            );
            assert!(
                r.html.contains(&format!("</a>{mark}")),
                "{mark}: {}",
                r.html
            );
        }
        let r = inline("see security@bank.example, or https://bank.example/a.");
        assert!(
            r.html.contains("href=\"mailto:security@bank.example\""),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("href=\"https://bank.example/a\""),
            "{}",
            r.html
        );
    }

    #[test]
    fn long_addresses_get_break_points_that_copy_clean() {
        let r = inline("https://bank.example/help/fraud-notices?lang=ar");
        assert!(
            r.html.contains(
                ">https://<wbr>bank<wbr>.example<wbr>/help<wbr>/fraud-notices<wbr>?lang<wbr>=ar</a>"
            ),
            "{}",
            r.html
        );
        assert_eq!(break_points("a@b.example"), ["a@b.example"]);
        assert_eq!(
            break_points("security-team@bank.example").concat(),
            "security-team@bank.example"
        );
    }

    #[test]
    fn code_spans_are_isolated() {
        assert_eq!(
            inline("run `ls -la`").html,
            "run <code dir=\"ltr\">ls -la</code>"
        );
    }

    #[test]
    fn single_paragraph_loses_its_p_but_two_keep_them() {
        assert_eq!(inline("*hi*").html, "<em>hi</em>");
        assert!(inline("a\n\nb").html.contains("<p>b</p>"));
    }

    #[test]
    fn arabic_heading_anchor_keeps_arabic_letters() {
        let r = render_block(
            "# ما الذي حدث؟\n\n# ما الذي حدث؟\n",
            &LinkContext::default(),
            2,
        );
        assert!(r.html.contains("<h2 id=\"ما-الذي-حدث\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"ما-الذي-حدث-1\">"), "{}", r.html);
    }

    #[test]
    fn heading_ids_never_repeat_when_a_numbered_heading_meets_a_suffix() {
        let r = render_block(
            "## Step\n\n## Step\n\n## Step 1\n\n## Summary\n\n## Summary 1\n",
            &LinkContext::default(),
            3,
        );
        let ids: Vec<&str> = r
            .html
            .split("id=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect();
        assert_eq!(
            ids,
            ["step", "step-1", "step-1-1", "summary-1", "summary-1-1"]
        );
    }

    #[test]
    fn headings_never_take_the_pages_own_ids() {
        let r = render_block("## Contact\n\n## Contact\n", &LinkContext::default(), 3);
        assert!(r.html.contains("<h3 id=\"contact-1\">"), "{}", r.html);
        assert!(r.html.contains("<h3 id=\"contact-2\">"), "{}", r.html);
    }

    #[test]
    fn headings_shift_to_the_requested_top_level() {
        let r = render_block("## A\n\n### B\n", &LinkContext::default(), 3);
        assert!(r.html.contains("<h3 id=\"a\">A</h3>"), "{}", r.html);
        assert!(r.html.contains("<h4 id=\"b\">B</h4>"), "{}", r.html);
    }

    #[test]
    fn attachments_resolve_and_remote_images_are_refused() {
        let files: BTreeSet<String> = ["diagram one.png".to_owned()].into();
        let ctx = LinkContext {
            attachments: Some(&files),
            attachment_base: "/adv/en/incidents/x/",
            rtl: false,
            ..Default::default()
        };
        let r = render_block(
            "![d](diagram%20one.png) [pdf](report.pdf) ![r](https://evil.example/t.png)",
            &ctx,
            2,
        );
        assert!(
            r.html
                .contains("src=\"/adv/en/incidents/x/diagram%20one.png\""),
            "{}",
            r.html
        );
        assert_eq!(r.problems.len(), 2, "{:?}", r.problems);
        assert!(r.problems.iter().any(|p| p.message.contains("report.pdf")));
        assert!(
            r.problems
                .iter()
                .any(|p| p.message.contains("another host"))
        );
        assert!(!r.html.contains("evil.example/t.png\""), "{}", r.html);
    }

    #[test]
    fn tables_footnotes_strikethrough_render() {
        let r = render_block(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~ y[^1]\n\n[^1]: note\n",
            &LinkContext::default(),
            2,
        );
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>x</del>"));
        assert!(r.html.contains("footnote"));
    }

    #[test]
    fn footnotes_are_numbered_in_the_pages_digits() {
        let src = "أ[^a] ب[^b] ج[^a]\n\n[^a]: الأولى\n[^b]: الثانية\n";
        let ctx = LinkContext {
            rtl: true,
            digits: crate::dates::Digits::ArabicIndic,
            ..Default::default()
        };
        let html = render_block(src, &ctx, 3).html;
        assert!(html.contains("<a href=\"#fn:a\">١</a>"), "{html}");
        assert!(html.contains("<a href=\"#fn:b\">٢</a>"), "{html}");
        assert!(
            html.contains("id=\"fn:b\"><sup class=\"footnote-definition-label\">٢</sup>"),
            "{html}"
        );
        let latin = render_block(src, &LinkContext::default(), 3).html;
        assert!(latin.contains("<a href=\"#fn:a\">1</a>"), "{latin}");
        assert_eq!(latin.matches("footnote-definition\"").count(), 2, "{latin}");
    }

    #[test]
    fn footnote_ids_never_collide_with_page_or_heading_ids() {
        let r = render_block(
            "## Fn contact\n\nx[^contact] y[^summary]\n\n[^contact]: a\n\n[^summary]: b\n",
            &LinkContext::default(),
            3,
        );
        assert!(r.html.contains("id=\"fn:contact\""), "{}", r.html);
        assert!(r.html.contains("href=\"#fn:contact\""), "{}", r.html);
        assert!(r.html.contains("<h3 id=\"fn-contact\">"), "{}", r.html);
        assert!(!r.html.contains("id=\"contact\""), "{}", r.html);
        assert!(!r.html.contains("id=\"summary\""), "{}", r.html);
    }

    #[test]
    fn html_comments_are_left_out_of_bodies_and_reported_at_their_offset() {
        let src = "a <!-- one --> b\n\n<!-- two\n> lines -->\n\n<div>\n<!--> x <!-- three -->\n</div>\n\n<!--";
        let r = render_block(src, &LinkContext::default(), 3);
        let at: Vec<usize> = r.comments.iter().map(|p| p.offset).collect();
        let find = |s: &str| src.find(s).unwrap();
        assert_eq!(
            at,
            [
                find("<!-- one"),
                find("<!-- two"),
                find("<!-->"),
                find("<!-- three"),
                src.len() - 4
            ]
        );
        for gone in ["one", "two", "lines", "three", "&lt;!--"] {
            assert!(!r.html.contains(gone), "{gone}: {}", r.html);
        }
        assert!(r.html.contains("<p>a  b</p>"), "{}", r.html);
        assert!(
            r.html.contains("&lt;div&gt;\n x \n&lt;/div&gt;"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("<p></p>"), "{}", r.html);
        // Texts keep showing raw HTML, comments included, as text.
        assert!(inline("a <!-- b -->").html.contains("&lt;!-- b --&gt;"));
        assert!(inline("a <!-- b -->").comments.is_empty());
    }

    #[test]
    fn image_alt_text_drops_links_code_and_nested_images() {
        let files: BTreeSet<String> = ["a.png".to_owned()].into();
        let ctx = LinkContext {
            attachments: Some(&files),
            attachment_base: "/x/",
            rtl: false,
            ..Default::default()
        };
        let r = render_block(
            "![see `ls` [here](javascript:x) and ![in](https://evil.example/i.png)](a.png)",
            &ctx,
            3,
        );
        assert!(r.html.contains("alt=\"see ls here and in\""), "{}", r.html);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
    }

    #[test]
    fn heading_levels_merge_warning_only_when_two_levels_merge() {
        let warn = |src: &str| render_block(src, &LinkContext::default(), 3).warnings;
        assert!(warn("# a\n\n##### b\n").is_empty());
        assert!(warn("# a\n## b\n### c\n#### d\n").is_empty());
        let w = warn("# a\n## b\n### c\n#### d\n##### e\n");
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].offset, "# a\n## b\n### c\n#### d\n".len());
        // Texts have no headings to shift.
        assert!(inline("# a").warnings.is_empty());
    }

    #[test]
    fn commonmark_list_surprises_have_the_fixes_the_readme_gives() {
        let html = |src: &str| render_block(src, &LinkContext::default(), 3).html;
        assert!(html("2025. was the year").contains("<ol start=\"2025\">"));
        assert_eq!(html("2025\\. was the year"), "<p>2025. was the year</p>\n");
        let nested = html("10. ten\n    - under ten\n");
        assert!(nested.contains("<li>ten\n<ul>"), "{nested}");
        let apart = html("10. ten\n   - not under ten\n");
        assert!(apart.contains("</ol>\n<ul>"), "{apart}");
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(
            plain_text("**OpenAI** ends `Mixpanel` <b>use</b>"),
            "OpenAI ends Mixpanel <b>use</b>"
        );
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Fragments attackers and careless pastes use, mixed with ordinary text.
    fn hostile() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[x](javascript:alert(1))",
            "[x](JAVASCRIPT:alert(1))",
            "![i](data:image/svg+xml,<svg onload=alert(1)>)",
            "<a href=\"javascript:x\">",
            "<iframe src=//evil>",
            "\"><svg/onload=alert(1)>",
            "[x](vbscript:msgbox)",
            "<style>*{}</style>",
            "`code`",
            "**bold**",
            "# H",
            "- item",
            "> quote",
            "| a | b |\n|---|---|\n| 1 | 2 |",
            "[^1]\n\n[^1]: n",
            "https://example.com/a_(b)",
            "a@b.example",
            "+966 11 234 5678",
            "نص عربي",
            "\n",
            " ",
            "<",
            ">",
            "&",
            "\"",
            "[",
            "]",
            "(",
            ")",
            "!",
            "*",
            "_",
            "~~",
            "\u{202E}",
            "\u{0}",
            "&#106;avascript:alert(1)",
            "[x](&#106;avascript:1)",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
    }

    /// Parses the output as a browser would and checks what is live in it:
    /// elements, event-handler attributes and link targets.
    fn no_live_markup(html: &str) {
        let doc = scraper::Html::parse_fragment(html);
        for node in doc.root_element().descendants() {
            let Some(el) = node.value().as_element() else {
                continue;
            };
            let name = el.name();
            assert!(
                ![
                    "script", "iframe", "svg", "style", "object", "embed", "form", "link", "meta",
                    "base"
                ]
                .contains(&name),
                "live <{name}> in {html}"
            );
            for (attr, value) in el.attrs() {
                assert!(!attr.starts_with("on"), "event handler {attr} in {html}");
                if attr == "href" || attr == "src" {
                    let v = value.trim().to_ascii_lowercase();
                    let ok = v.starts_with("http://")
                        || v.starts_with("https://")
                        || v.starts_with("mailto:")
                        || v.starts_with('#')
                        || v.starts_with('/');
                    assert!(ok, "unsafe {attr}={value:?} in {html}");
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

        #[test]
        fn any_text_renders_without_panic_or_live_markup(src in hostile(), rtl in any::<bool>()) {
            let ctx = LinkContext { rtl, ..Default::default() };
            no_live_markup(&render_inline(&src, &ctx).html);
            no_live_markup(&render_block(&src, &ctx, 3).html);
            let _ = plain_text(&src);
        }

        /// Loading a body only checks it; its page renders it: both must find
        /// the same problems, anchors and links, whatever it holds.
        #[test]
        fn checking_a_body_finds_what_rendering_it_finds(src in hostile(), rtl in any::<bool>()) {
            let ctx = LinkContext { rtl, ..Default::default() };
            let (checked, rendered) = (check_block(&src, &ctx, 3), render_block(&src, &ctx, 3));
            prop_assert!(checked.html.is_empty());
            prop_assert_eq!(checked.problems, rendered.problems);
            prop_assert_eq!(checked.comments, rendered.comments);
            prop_assert_eq!(checked.warnings, rendered.warnings);
            prop_assert_eq!(checked.addresses, rendered.addresses);
            prop_assert_eq!(checked.cross, rendered.cross);
            prop_assert_eq!(checked.anchors, rendered.anchors);
        }

        #[test]
        fn arbitrary_unicode_never_panics(src in "\\PC{0,300}") {
            let ctx = LinkContext { rtl: true, ..Default::default() };
            no_live_markup(&render_block(&src, &ctx, 3).html);
            let _ = slugify(&src);
        }
    }
}
