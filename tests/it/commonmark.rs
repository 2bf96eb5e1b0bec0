//! The CommonMark 0.31.2 and GFM spec examples (vendored from pulldown-cmark's spec
//! suite in `tests/fixtures/commonmark/`) through bayan's body writer.
//!
//! An example is compared unless it falls under one of bayan's documented
//! policies: raw HTML (shown as text; HTML comments are left out) and links or
//! images the link policy refuses. What bayan adds to every body is normalised
//! away before comparing, and nothing else: heading ids, `dir="ltr"` on code, code
//! blocks and autolinks, bidi-run `<span>`s, `<wbr>` in long addresses, bare
//! URLs and emails linked, and table alignment as classes. Headings are rendered
//! without a shift (the example's highest level is passed as the top level).

use bayan_text::markdown::{LinkContext, render_block};
use pulldown_cmark::{Event, Options, Parser, Tag};

#[derive(serde::Deserialize)]
struct Example {
    spec: String,
    example: u32,
    markdown: String,
    html: String,
}

/// Examples that are compared and differ, each with the reason. Kept exact: an
/// example that starts to pass must leave this list.
const KNOWN_DIFFERENCES: &[(&str, u32, &str)] = &[];

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// The same comparison pulldown-cmark's own spec suite makes.
fn standardize(s: &str) -> String {
    s.replace("<br>", "<br />")
        .replace("<br/>", "<br />")
        .replace("<hr>", "<hr />")
        .replace("<hr/>", "<hr />")
        .replace(">\n<", "><")
}

/// Removes every `open…>` tag whose start is `open` (and, with `close`, the next
/// `close` after each), keeping what lies between.
fn strip_tags(s: &str, open: &str, close: Option<&str>) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    let mut pending_close = 0usize;
    loop {
        let next_open = rest.find(open);
        let next_close = close
            .filter(|_| pending_close > 0)
            .and_then(|c| rest.find(c));
        match (next_open, next_close) {
            (Some(o), c) if c.is_none_or(|c| o < c) => {
                out.push_str(&rest[..o]);
                let end = rest[o..].find('>').map_or(rest.len(), |e| o + e + 1);
                rest = &rest[end..];
                if close.is_some() {
                    pending_close += 1;
                }
            }
            (_, Some(c)) => {
                out.push_str(&rest[..c]);
                rest = &rest[c + close.unwrap_or_default().len()..];
                pending_close -= 1;
            }
            _ => {
                out.push_str(rest);
                return out;
            }
        }
    }
}

/// Bare URLs and emails become links with `class="run"` (short) or `<wbr>` break
/// points (long); the spec leaves them as text.
fn unlink_bare_addresses(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(a) = rest.find("<a href=\"") {
        let Some(tag_end) = rest[a..].find('>').map(|e| a + e + 1) else {
            break;
        };
        let Some(close) = rest[tag_end..].find("</a>").map(|e| tag_end + e) else {
            break;
        };
        let tag = &rest[a..tag_end];
        let inner = &rest[tag_end..close];
        out.push_str(&rest[..a]);
        if tag.ends_with(" dir=\"ltr\" class=\"run\">") || inner.contains("<wbr>") {
            out.push_str(inner);
        } else {
            out.push_str(&rest[a..close + 4]);
        }
        rest = &rest[close + 4..];
    }
    out.push_str(rest);
    out
}

fn normalise(html: &str) -> String {
    let s = unlink_bare_addresses(html);
    let s = s.replace("<wbr>", "").replace(" dir=\"ltr\"", "");
    let s = strip_tags(&s, "<span dir=", Some("</span>"));
    let mut s = s
        .replace(" class=\"align-start\"", " style=\"text-align: left\"")
        .replace(" class=\"align-center\"", " style=\"text-align: center\"")
        .replace(" class=\"align-end\"", " style=\"text-align: right\"");
    for level in 1..=6 {
        s = strip_heading_ids(&s, level);
    }
    s
}

fn strip_heading_ids(s: &str, level: u8) -> String {
    let open = format!("<h{level} id=\"");
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(&open) {
        out.push_str(&rest[..i]);
        out.push_str(&format!("<h{level}>"));
        let after = &rest[i + open.len()..];
        rest = after.find("\">").map_or("", |e| &after[e + 2..]);
    }
    out.push_str(rest);
    out
}

enum Outcome {
    RawHtml,
    RefusedLink,
    Pass,
    Fail(String),
}

fn run(ex: &Example) -> Outcome {
    let mut top = 6u8;
    for ev in Parser::new_ext(&ex.markdown, options()) {
        match ev {
            Event::Html(_) | Event::InlineHtml(_) => return Outcome::RawHtml,
            Event::Start(Tag::Heading { level, .. }) => top = top.min(level as u8),
            _ => {}
        }
    }
    let r = render_block(&ex.markdown, &LinkContext::default(), top);
    if !r.problems.is_empty() {
        return Outcome::RefusedLink;
    }
    let ours = standardize(&normalise(&r.html));
    if ours == standardize(&ex.html) {
        Outcome::Pass
    } else {
        Outcome::Fail(r.html)
    }
}

#[test]
fn commonmark_and_gfm_spec_examples_render_as_the_spec_says() {
    let examples: Vec<Example> = serde_json::from_str(
        &std::fs::read_to_string(crate::repo().join("tests/fixtures/commonmark/examples.json"))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(examples.len(), 666, "652 CommonMark and 14 GFM examples");
    let (mut html, mut links, mut pass) = (0, 0, 0);
    let mut failed = Vec::new();
    for ex in &examples {
        match run(ex) {
            Outcome::RawHtml => html += 1,
            Outcome::RefusedLink => links += 1,
            Outcome::Pass => pass += 1,
            Outcome::Fail(got) => failed.push((ex, got)),
        }
    }
    let compared = pass + failed.len();
    eprintln!(
        "spec examples: {} in all, {html} raw HTML and {links} refused links/images left out, {compared} compared, {pass} pass",
        examples.len()
    );
    let unexpected: Vec<String> = failed
        .iter()
        .filter(|(ex, _)| {
            !KNOWN_DIFFERENCES
                .iter()
                .any(|(s, n, _)| *s == ex.spec && *n == ex.example)
        })
        .map(|(ex, got)| {
            format!(
                "{} example {}:\n--- markdown\n{}--- expected\n{}--- got\n{}",
                ex.spec, ex.example, ex.markdown, ex.html, got
            )
        })
        .collect();
    assert!(
        unexpected.is_empty(),
        "{} examples differ from the spec:\n\n{}",
        unexpected.len(),
        unexpected.join("\n")
    );
    let stale: Vec<_> = KNOWN_DIFFERENCES
        .iter()
        .filter(|(s, n, _)| {
            !failed
                .iter()
                .any(|(ex, _)| ex.spec == *s && ex.example == *n)
        })
        .collect();
    assert!(
        stale.is_empty(),
        "known differences that now pass: {stale:?}"
    );
}
