//! The ids a page's headings and footnotes take (slugs that keep Arabic
//! letters), and the page's own ids they must not take: below the writer, which
//! makes them, and the headings, which place them.

use super::addresses::percent_encode;

/// Ids the default theme's pages use for their own sections and data groups.
pub const PAGE_IDS: &[&str] = &[
    "main",
    "summary",
    "who",
    "data",
    "data-exposed",
    "data-possibly-exposed",
    "data-not-exposed",
    "vendors",
    "actions",
    "advice",
    "verify",
    "timeline",
    "updates",
    "details",
    "contact",
    "references",
    "latest-update",
    "related",
    "withdrawn",
    "years",
    "browse",
    "section",
    // The legal fields (legal.html) and the California notice (notice-ca.html).
    "legal-offer",
    "legal-bureaus",
    "ca-what-happened",
    "ca-what-information",
    "ca-what-we-are-doing",
    "ca-what-you-can-do",
    "ca-more-information",
];

/// A heading whose tags are written once the document's heading shift is known.
pub(super) struct Heading {
    pub(super) level: u8,
    pub(super) offset: usize,
    pub(super) id: String,
    /// Indices in `out` of the placeholder events for the opening and closing tag.
    pub(super) open: usize,
    pub(super) close: usize,
}

/// The id a footnote's definition takes. Labels are the author's (`[^contact]`), so
/// they are prefixed with `fn:`, which neither a heading's slug nor the page's own ids
/// ([`PAGE_IDS`]) can contain, and percent-encoded so any label is a valid id.
pub(super) fn footnote_id(label: &str) -> String {
    format!("fn:{}", percent_encode(&label.to_lowercase()))
}

/// A heading anchor that keeps Arabic (and every other) letter: lower-cased, spaces
/// to `-`, punctuation dropped.
pub(super) fn slugify(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.trim().chars() {
        if c.is_alphanumeric() || is_mark(c) {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() || c == '-' || c == '_' {
            dash = true;
        }
    }
    out
}

pub(super) fn is_mark(c: char) -> bool {
    // Arabic harakat and other combining marks belong to the word they sit on.
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}')
}
