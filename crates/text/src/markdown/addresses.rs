//! Addresses as text and in links, below the writer that uses them: where a long
//! address may wrap, an `<a>` tag, and percent-encoding of ids and paths.

use pulldown_cmark_escape::{escape_href, escape_html};

/// Addresses up to this many characters fit any phone's line and stay whole.
pub(super) const SHORT_ADDRESS: usize = 28;

/// Where an address shown as text may wrap: the pieces between break points
/// (see `Writer::breakable`). Short addresses are kept whole.
pub(super) fn break_points(addr: &str) -> Vec<&str> {
    if addr.chars().count() <= SHORT_ADDRESS {
        return vec![addr];
    }
    let mut pieces = Vec::new();
    let mut start = 0;
    let bytes = addr.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let before = matches!(b, b'.' | b'?' | b'#' | b'&' | b'=')
            || (b == b'/' && i > 0 && bytes[i - 1] != b'/' && bytes.get(i + 1) != Some(&b'/'));
        let after_prev = i > 0
            && (bytes[i - 1] == b'@' || (bytes[i - 1] == b'/' && i > 1 && bytes[i - 2] == b'/'));
        if i > start && (before || after_prev) {
            pieces.push(&addr[start..i]);
            start = i;
        }
    }
    pieces.push(&addr[start..]);
    pieces
}

/// HTML for an address shown as text, with `<wbr>` at its break points.
pub fn breakable_html(addr: &str) -> String {
    let mut s = String::with_capacity(addr.len() + 16);
    for (i, piece) in break_points(addr).into_iter().enumerate() {
        if i > 0 {
            s.push_str("<wbr>");
        }
        let _ = escape_html(&mut s, piece);
    }
    s
}

pub(super) fn anchor(href: &str, title: &str, ltr: bool) -> String {
    let mut s = String::from("<a href=\"");
    let _ = escape_href(&mut s, href);
    s.push('"');
    if !title.is_empty() {
        s.push_str(" title=\"");
        let _ = escape_html(&mut s, title);
        s.push('"');
    }
    if ltr {
        s.push_str(" dir=\"ltr\"");
    }
    s.push('>');
    s
}

/// Bytes a path segment or id keeps as they are: RFC 3986's unreserved set.
const UNRESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// `s` with every byte but the unreserved ones percent-encoded (upper-case hex).
pub(super) fn percent_encode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, UNRESERVED).to_string()
}

/// `%XX` escapes decoded; a `%` that starts no escape stays, and bytes that are
/// not UTF-8 become U+FFFD.
pub(super) fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}
