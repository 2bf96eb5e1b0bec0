//! Counted wording by the CLDR plural rules of each language (ICU4X `icu_plurals`).
//!
//! English has two forms (`1 open advisory`, `2 open advisories`); Arabic six
//! (zero, one, two, few, many, other: إشعار واحد، إشعاران، ٣ إشعارات، ١١ إشعارًا،
//! ١٠٠ إشعار). A theme writes each counted string as a map from category to
//! pattern; the rules choose the form, and `other` is the fallback every map holds.

use std::collections::BTreeMap;

use icu_plurals::{PluralCategory, PluralRules};

/// The plural rules of one language, ready to choose forms.
pub struct Plurals(Option<PluralRules>);

impl Plurals {
    /// The rules for a BCP 47 code (`ar`, `en`, `pt-br`). A code ICU does not know
    /// falls back to the root rules, where every count takes `other`.
    pub fn new(code: &str) -> Plurals {
        let rules = icu_locale_core::Locale::try_from_str(code)
            .ok()
            .and_then(|l| PluralRules::try_new_cardinal((&l).into()).ok())
            .or_else(|| PluralRules::try_new_cardinal(Default::default()).ok());
        Plurals(rules)
    }

    /// The CLDR category of `n`: `zero`, `one`, `two`, `few`, `many` or `other`.
    pub fn category(&self, n: u64) -> &'static str {
        match self.0.as_ref().map(|r| r.category_for(n)) {
            Some(PluralCategory::Zero) => "zero",
            Some(PluralCategory::One) => "one",
            Some(PluralCategory::Two) => "two",
            Some(PluralCategory::Few) => "few",
            Some(PluralCategory::Many) => "many",
            Some(PluralCategory::Other) | None => "other",
        }
    }

    /// The form of `forms` for `n`, with `{count}` replaced by `shown` (the count in
    /// the page's digits and grouping).
    pub fn format(&self, forms: &BTreeMap<String, String>, n: u64, shown: &str) -> String {
        forms
            .get(self.category(n))
            .or_else(|| forms.get("other"))
            .map_or_else(|| shown.to_owned(), |p| p.replace("{count}", shown))
    }
}

/// English wording for the command line: `1 advisory`, `2 advisories`.
pub fn en(n: usize, one: &str, other: &str) -> String {
    static EN: std::sync::LazyLock<Plurals> = std::sync::LazyLock::new(|| Plurals::new("en"));
    let word = if EN.category(n as u64) == "one" {
        one
    } else {
        other
    };
    format!("{n} {word}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn arabic_has_six_forms_by_cldr() {
        let ar = Plurals::new("ar");
        let got: Vec<(u64, &str)> = [0, 1, 2, 3, 10, 11, 99, 100, 101, 102, 103, 111, 1000]
            .into_iter()
            .map(|n| (n, ar.category(n)))
            .collect();
        assert_eq!(
            got,
            [
                (0, "zero"),
                (1, "one"),
                (2, "two"),
                (3, "few"),
                (10, "few"),
                (11, "many"),
                (99, "many"),
                (100, "other"),
                (101, "other"),
                (102, "other"),
                (103, "few"),
                (111, "many"),
                (1000, "other"),
            ]
        );
    }

    #[test]
    fn english_has_one_and_other() {
        let en = Plurals::new("en");
        assert_eq!(en.category(1), "one");
        assert_eq!(en.category(0), "other");
        assert_eq!(en.category(2), "other");
        assert_eq!(super::en(1, "warning", "warnings"), "1 warning");
        assert_eq!(super::en(0, "warning", "warnings"), "0 warnings");
        assert_eq!(super::en(21, "advisory", "advisories"), "21 advisories");
    }

    #[test]
    fn a_missing_form_falls_back_to_other_and_unknown_languages_work() {
        let f = forms(&[("one", "{count} item"), ("other", "{count} items")]);
        assert_eq!(Plurals::new("ar").format(&f, 2, "٢"), "٢ items");
        assert_eq!(Plurals::new("xx").format(&f, 1, "1"), "1 items");
        assert_eq!(Plurals::new("not a code").category(1), "other");
    }
}
