//! `digits:` in site.yaml: which digits each language writes numbers and dates
//! with, e.g. `digits: { ar: arabic-indic, ur: extended-arabic-indic }`.
//! `dates.arabic_digits` is the older spelling of `digits.ar`.

use std::collections::BTreeMap;

use serde_saphyr::Spanned;

use super::ArabicDigits;
use crate::text::{Checker, pos_of};
use bayan_text::dates::Digits;
use bayan_text::lang::Lang;

/// `digits:` as written: a language code → a digit system's name.
pub(super) type RawDigits = BTreeMap<String, Spanned<String>>;

/// Each language's digits, by its code as `languages:` gives it; a language not
/// named writes Latin digits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DigitsByLang(BTreeMap<String, Digits>);

impl DigitsByLang {
    /// The digits of `lang`: its own entry, else that of its primary language
    /// (`ar` for `ar-EG`), else Latin.
    pub fn get(&self, lang: &Lang) -> Digits {
        self.0
            .get(lang.as_str())
            .or_else(|| self.0.get(lang.primary()))
            .copied()
            .unwrap_or_default()
    }
}

const NAMES: [(&str, Digits); 3] = [
    ("latin", Digits::Latin),
    ("arabic-indic", Digits::ArabicIndic),
    ("extended-arabic-indic", Digits::ExtendedArabicIndic),
];

/// Checks `digits:` against the site's languages, with `dates.arabic_digits` as
/// the default of `ar`; every bad entry is an error at its value.
pub(super) fn check(
    c: &mut Checker,
    raw: Option<&RawDigits>,
    langs: &[Lang],
    arabic: Option<ArabicDigits>,
) -> DigitsByLang {
    let mut out = BTreeMap::new();
    if let Some(a) = arabic {
        let d = match a {
            ArabicDigits::Latin => Digits::Latin,
            ArabicDigits::ArabicIndic => Digits::ArabicIndic,
        };
        out.insert("ar".to_owned(), d);
    }
    let codes: Vec<&str> = langs.iter().map(Lang::as_str).collect();
    for (code, v) in raw.into_iter().flatten() {
        let path = format!("digits.{code}");
        if !codes.contains(&code.as_str()) {
            c.error_suggest(
                &path,
                pos_of(v),
                format!(
                    "`{code}` is not one of the site's languages ({})",
                    codes.join(", ")
                ),
                bayan_text::diag::nearest(code, codes.iter().copied()),
            );
            continue;
        }
        let given = v.value.trim();
        let Some((_, d)) = NAMES.iter().find(|(n, _)| *n == given) else {
            let names: Vec<&str> = NAMES.iter().map(|(n, _)| *n).collect();
            c.error_suggest(
                &path,
                pos_of(v),
                format!("unknown digits `{given}`: use {}", names.join(", ")),
                bayan_text::diag::nearest(given, names.iter().copied()),
            );
            continue;
        };
        if let Some(old) = out.get(code.as_str())
            && old != d
            && code == "ar"
        {
            c.error(
                &path,
                pos_of(v),
                format!(
                    "`{given}` contradicts `dates.arabic_digits` (the older spelling of `digits.ar`); keep only `digits.ar`"
                ),
            );
            continue;
        }
        out.insert(code.clone(), *d);
    }
    DigitsByLang(out)
}
