//! What bayan's Markdown is, below every other part of it: the pulldown-cmark
//! options it parses with, the link schemes it allows, and the shape of a
//! problem found in a document. The address checks (`crate::spoof`) read these
//! too, so they sit here, importing nothing of bayan's.

use pulldown_cmark::Options;

/// Something wrong in a document, at a byte offset of its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub offset: usize,
    pub message: String,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// The scheme of an absolute URL (`https`, `javascript`), if it has one.
pub fn scheme_of(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    (first_ok && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
        .then_some(scheme)
}

/// Only these schemes may be links: anything else (`javascript:`, `data:`,
/// `vbscript:`, `file:`) could run code or read the reader's disk.
pub fn scheme_allowed(url: &str) -> bool {
    scheme_of(url).is_some_and(|s| {
        s.eq_ignore_ascii_case("http")
            || s.eq_ignore_ascii_case("https")
            || s.eq_ignore_ascii_case("mailto")
            || s.eq_ignore_ascii_case("tel")
    })
}
