//! A vendor's id: the key of its archive page (`{lang}/vendors/ID/`) and of its
//! entry in the JSON record, so the same vendor named in two advisories is one
//! page.
//!
//! It is the vendor's `id` field, else its name made into an ASCII slug
//! (`Société Générale` → `societe-generale`). A name with no ASCII letters or
//! digits (an Arabic-only name) makes no slug, and the author is asked for `id`
//! rather than given a page at a meaningless address.

use serde_saphyr::Spanned;
use unicode_normalization::UnicodeNormalization;

use crate::text::{Checker, Text, pos_of};
use bayan_text::diag::Pos;
use bayan_text::lang::Lang;

/// `name` as an id: accents dropped, ASCII letters lower-cased, digits kept, every
/// other run of characters one hyphen; empty when nothing ASCII is left.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut gap = false;
    for c in name.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if c.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.push(c.to_ascii_lowercase());
        } else {
            gap = true;
        }
    }
    // Ids stay short enough for any file system; cut at a word boundary.
    if out.len() > 64 {
        out.truncate(64);
        out = out.trim_end_matches('-').to_owned();
    }
    out
}

/// The id of a vendor whose name is `name` and whose `id` field is `raw`: the
/// field when given (and valid), else the slug of the name's first version that
/// makes one, in the site's language order. Errors go to `c`.
pub fn id(
    c: &mut Checker,
    raw: Option<&Spanned<String>>,
    name: &Text,
    langs: &[Lang],
    path: &str,
    pos: Option<Pos>,
) -> Option<String> {
    if let Some(raw) = raw {
        let given = raw.value.trim();
        if crate::model::IncidentId::valid(given) {
            return Some(given.to_owned());
        }
        let suggestion = Some(slug(given)).filter(|s| crate::model::IncidentId::valid(s));
        c.error_suggest(
            &format!("{path}.id"),
            pos_of(raw).or(pos),
            format!(
                "`{given}` is not a vendor id: use lower-case ASCII letters, digits and single hyphens, such as `acme-sms`"
            ),
            suggestion,
        );
        return None;
    }
    let made = langs
        .iter()
        .map(|l| slug(&name.get(l).plain()))
        .find(|s| !s.is_empty());
    if made.is_none() {
        let shown = name.get(langs.first()?).plain();
        c.error(
            &format!("{path}.id"),
            pos,
            format!(
                "the vendor `{shown}` needs an `id`: its name has no ASCII letters or digits to make the address of its archive page from; add `id:` with lower-case ASCII letters, digits and hyphens (`id: acme-sms`)"
            ),
        );
    }
    made
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendor_names_become_ascii_slugs() {
        assert_eq!(slug("Mixpanel"), "mixpanel");
        assert_eq!(slug("Société Générale"), "societe-generale");
        assert_eq!(slug("  Acme SMS, Inc. "), "acme-sms-inc");
        assert_eq!(slug("O'Reilly & Sons (MENA)"), "o-reilly-sons-mena");
        assert_eq!(slug("ＡＣＭＥ"), "acme", "full-width letters fold");
        assert_eq!(slug("شركة 3M للرسائل"), "3m");
        assert_eq!(slug("ميكسبانل"), "", "an Arabic-only name makes none");
        let long = slug(&"vendor ".repeat(20));
        assert!(
            long.len() <= 64 && crate::model::IncidentId::valid(&long),
            "{long}"
        );
    }

    #[test]
    fn every_slug_is_a_valid_id_or_empty() {
        for name in ["a--b", "-x-", "Ünïcödé", "x\u{0301}y", "١٢٣ abc", "__a__"] {
            let s = slug(name);
            assert!(
                s.is_empty() || crate::model::IncidentId::valid(&s),
                "{name} → {s}"
            );
        }
    }
}
