//! A record's inline Markdown, written for a notice: plain text, and HTML that
//! mail clients show as written.
//!
//! A notice must not look like the phishing it warns about, so no link in it
//! reads differently from where it leads: a Markdown link `[our page](URL)`
//! becomes `our page (URL)`, the URL written out as the link's own text, and an
//! address relative to the page is made absolute. Runs of the other direction
//! are isolated as on the site: with `<span dir>` in HTML (Gmail and Outlook drop
//! `<bdi>`), with Unicode isolates in plain text.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use bayan_text::bidi;
use bayan_text::lang::Direction;

/// One piece of a text as a reader sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Code(String),
    /// `shown` is what the reader reads as the address (the email of a
    /// `mailto:`, the number of a `tel:`); `text` the author's link text.
    Link {
        text: String,
        href: String,
        shown: String,
    },
    Strong(bool),
    Em(bool),
    Break,
}

/// The same text for both parts of a message.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub(super) struct Both {
    /// Plain text, isolates where a run of the other direction sits.
    pub(super) text: String,
    /// HTML for a mail client: escaped, isolated with `dir`, links written out.
    pub(super) html: String,
}

/// The style of every link in a notice (inline: mail clients drop `<style>`).
pub(super) const LINK_STYLE: &str = "color:#0a5275;text-decoration:underline;";

/// Text to be inserted in HTML.
pub(super) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Plain `s` (no Markdown) for a notice in a text of direction `dir`.
pub(super) fn plain(s: &str, dir: Direction) -> Both {
    Both {
        text: bidi::isolate_plain(s, dir),
        html: isolate_html(s, dir),
    }
}

/// `s`, escaped, with every run of the other direction in a `<span dir>`.
pub(super) fn isolate_html(s: &str, dir: Direction) -> String {
    let runs = bidi::runs(s, dir);
    let other = match dir {
        Direction::Rtl => "ltr",
        Direction::Ltr => "rtl",
    };
    let mut out = String::with_capacity(s.len() + runs.len() * 24);
    let mut at = 0;
    for r in runs {
        out.push_str(&escape(&s[at..r.range.start]));
        let nowrap = if r.short {
            " style=\"white-space:nowrap;\""
        } else {
            ""
        };
        out.push_str(&format!(
            "<span dir=\"{other}\"{nowrap}>{}</span>",
            escape(&s[r.range.clone()])
        ));
        at = r.range.end;
    }
    out.push_str(&escape(&s[at..]));
    out
}

/// A link whose text is its own address: `href` shown as written, on one line
/// when it is short (an email, a short URL), as a short isolated run is.
pub(super) fn link_html(href: &str, shown: &str) -> String {
    let nowrap = if shown.chars().count() <= bidi::SHORT_RUN {
        "white-space:nowrap;"
    } else {
        ""
    };
    format!(
        "<a href=\"{}\" dir=\"ltr\" style=\"{LINK_STYLE}{nowrap}\">{}</a>",
        escape(href),
        escape(shown)
    )
}

/// An inline Markdown text of the record, links resolved against `base` (the
/// advisory page's absolute URL).
pub(super) fn markdown(src: &str, dir: Direction, base: &url::Url) -> Both {
    let pieces = parse(src, base);
    Both {
        text: to_plain(&pieces, dir),
        html: to_html(&pieces, dir),
    }
}

fn parse(src: &str, base: &url::Url) -> Vec<Piece> {
    let mut out = Vec::new();
    // The link being read: its address and the text seen so far.
    let mut link: Option<(String, String)> = None;
    for ev in Parser::new_ext(src.trim(), bayan_text::markdown::options()) {
        match ev {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t)
                if link.is_some() =>
            {
                if let Some((_, text)) = link.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push(Piece::Text(t.into_string()))
            }
            Event::Code(t) => out.push(Piece::Code(t.into_string())),
            Event::SoftBreak => match link.as_mut() {
                Some((_, text)) => text.push(' '),
                None => out.push(Piece::Text(" ".into())),
            },
            Event::HardBreak => out.push(Piece::Break),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                link = Some((dest_url.into_string(), String::new()));
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if let Some((dest, text)) = link.take() {
                    out.push(resolve(&dest, text.trim(), base));
                }
            }
            Event::Start(Tag::Strong) if link.is_none() => out.push(Piece::Strong(true)),
            Event::End(TagEnd::Strong) if link.is_none() => out.push(Piece::Strong(false)),
            Event::Start(Tag::Emphasis) if link.is_none() => out.push(Piece::Em(true)),
            Event::End(TagEnd::Emphasis) if link.is_none() => out.push(Piece::Em(false)),
            Event::Start(Tag::Item) => out.push(Piece::Text("- ".into())),
            Event::End(TagEnd::Paragraph | TagEnd::Item) => out.push(Piece::Break),
            _ => {}
        }
    }
    while matches!(out.last(), Some(Piece::Break)) {
        out.pop();
    }
    out
}

/// A link as the notice shows it: its absolute address, and what a reader
/// reads as that address.
fn resolve(dest: &str, text: &str, base: &url::Url) -> Piece {
    let href = match bayan_text::markdown::scheme_of(dest) {
        Some(_) => dest.to_owned(),
        None => base
            .join(dest)
            .map_or_else(|_| dest.to_owned(), String::from),
    };
    let (href, shown) = if let Some(rest) = href.strip_prefix("mailto:") {
        let addr = rest.split('?').next().unwrap_or(rest).to_owned();
        (format!("mailto:{addr}"), addr)
    } else if let Some(number) = href.strip_prefix("tel:") {
        (href.clone(), number.to_owned())
    } else {
        (href.clone(), href)
    };
    Piece::Link {
        text: text.to_owned(),
        href,
        shown,
    }
}

/// Whether the author's link text already reads as the address.
fn text_is_address(text: &str, shown: &str) -> bool {
    let norm = |s: &str| {
        s.trim()
            .trim_end_matches('/')
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .to_ascii_lowercase()
    };
    text.is_empty() || text == shown || norm(text) == norm(shown)
}

fn to_plain(pieces: &[Piece], dir: Direction) -> String {
    let mut line = String::new();
    let mut lines = Vec::new();
    for p in pieces {
        match p {
            Piece::Text(t) | Piece::Code(t) => line.push_str(t),
            Piece::Link { text, shown, .. } if text_is_address(text, shown) => line.push_str(shown),
            Piece::Link { text, shown, .. } => {
                line.push_str(&format!("{text} ({shown})"));
            }
            Piece::Break => lines.push(std::mem::take(&mut line)),
            Piece::Strong(_) | Piece::Em(_) => {}
        }
    }
    lines.push(line);
    lines
        .iter()
        .map(|l| {
            let l = l.split_whitespace().collect::<Vec<_>>().join(" ");
            bidi::isolate_plain(&l, dir)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn to_html(pieces: &[Piece], dir: Direction) -> String {
    let mut out = String::new();
    for p in pieces {
        match p {
            Piece::Text(t) => out.push_str(&isolate_html(t, dir)),
            Piece::Code(t) => out.push_str(&format!(
                "<code dir=\"ltr\" style=\"font-family:Menlo,Consolas,'Courier New',monospace;\">{}</code>",
                escape(t)
            )),
            Piece::Link { text, href, shown } if text_is_address(text, shown) => {
                out.push_str(&link_html(href, shown))
            }
            Piece::Link { text, href, shown } => {
                out.push_str(&isolate_html(text, dir));
                out.push_str(" (");
                out.push_str(&link_html(href, shown));
                out.push(')');
            }
            Piece::Strong(true) => out.push_str("<strong>"),
            Piece::Strong(false) => out.push_str("</strong>"),
            Piece::Em(true) => out.push_str("<em>"),
            Piece::Em(false) => out.push_str("</em>"),
            Piece::Break => out.push_str("<br>"),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> url::Url {
        url::Url::parse("https://adv.example/en/incidents/x/").unwrap()
    }

    #[test]
    fn a_link_whose_text_differs_shows_its_address_after_it() {
        let b = markdown(
            "See [our help page](https://acme.example/help) now.",
            Direction::Ltr,
            &base(),
        );
        assert_eq!(b.text, "See our help page (https://acme.example/help) now.");
        assert!(b.html.contains(
            "our help page (<a href=\"https://acme.example/help\" dir=\"ltr\" style=\"color:#0a5275;text-decoration:underline;white-space:nowrap;\">https://acme.example/help</a>)"
        ));
    }

    #[test]
    fn relative_links_become_absolute_and_mailto_shows_the_address() {
        let b = markdown(
            "Read [the letter](letter.pdf) or [write](mailto:sec@acme.example?subject=Hi).",
            Direction::Ltr,
            &base(),
        );
        assert_eq!(
            b.text,
            "Read the letter (https://adv.example/en/incidents/x/letter.pdf) or write (sec@acme.example)."
        );
        assert!(b.html.contains("href=\"mailto:sec@acme.example\""));
        assert!(b.html.contains(">sec@acme.example</a>"));
        let same = markdown("<https://acme.example/>", Direction::Ltr, &base());
        assert_eq!(same.text, "https://acme.example/");
    }

    #[test]
    fn markup_from_content_is_escaped_text() {
        let b = markdown("a <b>bold</b> & **real**", Direction::Ltr, &base());
        assert_eq!(b.text, "a <b>bold</b> & real");
        assert!(
            b.html
                .contains("&lt;b&gt;bold&lt;/b&gt; &amp; <strong>real</strong>")
        );
    }

    #[test]
    fn latin_runs_in_arabic_are_isolated_in_both_forms() {
        let b = markdown("اتصل على +966 55 123 4567 الآن", Direction::Rtl, &base());
        assert_eq!(b.text, "اتصل على \u{2066}+966 55 123 4567\u{2069} الآن");
        assert!(
            b.html.contains(
                "<span dir=\"ltr\" style=\"white-space:nowrap;\">+966 55 123 4567</span>"
            )
        );
        // A grouped IBAN, longer than other short runs, stays on one line too.
        let iban = "JO94 CBJO 0010 0000 0000 0131 0003 02";
        let b = markdown(&format!("حوّل إلى {iban} فقط"), Direction::Rtl, &base());
        assert!(
            b.html.contains(&format!(
                "<span dir=\"ltr\" style=\"white-space:nowrap;\">{iban}</span>"
            )),
            "{}",
            b.html
        );
    }

    #[test]
    fn paragraphs_and_items_keep_their_lines() {
        let b = markdown("one\n\ntwo", Direction::Ltr, &base());
        assert_eq!(b.text, "one\ntwo");
        assert_eq!(b.html, "one<br>two");
    }
}
