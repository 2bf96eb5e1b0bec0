//! Languages and text direction.
//!
//! A site names its languages in `site.yaml`; everything a reader sees is keyed by
//! [`Lang`]. Direction follows the language (as mdBook's `TextDirection` does), so a
//! theme never has to guess whether a page is right-to-left.

use std::fmt;

/// A language code as written in `site.yaml` (`en`, `ar`, `pt-br`), checked for shape.
/// Shared rather than copied: every text holds one per language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Lang(std::sync::Arc<str>);

impl serde::Serialize for Lang {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl Lang {
    /// Accepts lower-case BCP 47-like codes: 2–3 letters, optionally `-` and a
    /// 2–8 character subtag. Anything else cannot name a theme's i18n file safely.
    pub fn parse(code: &str) -> Option<Lang> {
        let mut parts = code.split('-');
        let primary = parts.next()?;
        let primary_ok =
            (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase());
        let rest_ok = parts.all(|p| {
            (2..=8).contains(&p.len())
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
        (primary_ok && rest_ok).then(|| Lang(code.into()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn direction(&self) -> Direction {
        Direction::of(self)
    }

    /// The primary subtag (`pt` for `pt-br`), used for direction and locale rules.
    pub fn primary(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }

    /// The `og:locale` form: `ar` → `ar`, `pt-br` → `pt_BR`.
    pub fn og_locale(&self) -> String {
        match self.0.split_once('-') {
            Some((p, r)) => format!("{p}_{}", r.to_ascii_uppercase()),
            None => self.0.to_string(),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The direction a language's script is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Left to right (English, French, …).
    Ltr,
    /// Right to left (Arabic, Persian, Hebrew, Urdu, …).
    Rtl,
}

impl Direction {
    /// Scripts written right to left: Arabic, Persian, Hebrew, Urdu and their kin.
    pub fn of(lang: &Lang) -> Direction {
        match lang.primary() {
            "ar" | "fa" | "he" | "ur" | "ps" | "sd" | "yi" | "ckb" | "dv" | "ug" => Direction::Rtl,
            _ => Direction::Ltr,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_is_rtl_english_is_ltr() {
        assert_eq!(Lang::parse("ar").unwrap().direction(), Direction::Rtl);
        assert_eq!(Lang::parse("fa").unwrap().direction(), Direction::Rtl);
        assert_eq!(Lang::parse("en").unwrap().direction(), Direction::Ltr);
    }

    #[test]
    fn region_subtags_keep_the_primary_direction() {
        let l = Lang::parse("ar-sa").unwrap();
        assert_eq!(l.direction(), Direction::Rtl);
        assert_eq!(l.og_locale(), "ar_SA");
    }

    #[test]
    fn malformed_codes_are_rejected() {
        for bad in ["", "e", "EN", "english", "en_US", "../x", "en-", "ar-x"] {
            assert!(Lang::parse(bad).is_none(), "{bad:?} accepted");
        }
    }
}
