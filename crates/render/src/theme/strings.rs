//! A theme's i18n overrides, checked key by key, and `bayan theme strings`, which
//! prints every key a site can override with its default.
//!
//! An override file is laid over the default key by key, so a misspelt key
//! (`foter_note`) would otherwise be kept silently and change nothing: the team sees
//! the default text and cannot tell why.

use serde_json::Value;

use bayan_text::diag::{Diagnostic, Pos, nearest};
use bayan_text::error::Error;

/// The top-level keys of an i18n file (the fields of [`crate::theme::I18n`]).
const TOP: &[&str] = &[
    "language_name",
    "months",
    "months_levant",
    "date_pattern",
    "datetime_pattern",
    "languages",
    "status",
    "severity",
    "vendor_status",
    "count",
    "data_classes",
    "strings",
    "plurals",
    "hijri_months",
    "hijri_date_pattern",
    "with_hijri_pattern",
    "zones",
];

/// The maps whose keys are fixed by the theme: a key the default does not have is
/// used by no template. (`languages` and `zones` name open-ended sets.)
fn fixed(key: &str) -> bool {
    key == "plurals" || REQUIRED_MAPS.contains(&key)
}

/// Errors for each key of `over` (an override file `shown`, whose text is `text`)
/// that `reference` (the default strings for its language, or English for a
/// language the default theme lacks) does not have.
pub fn unknown_keys(shown: &str, text: &str, over: &Value, reference: &Value) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let Some(over) = over.as_object() else {
        return diags;
    };
    for (key, value) in over {
        if !TOP.contains(&key.as_str()) {
            diags.push(
                Diagnostic::error(
                    shown,
                    key.clone(),
                    format!(
                        "unknown key `{key}`; `bayan theme strings` lists every key with its default"
                    ),
                )
                .at(find_key(text, &[key]))
                .suggest(nearest(key, TOP.iter().copied())),
            );
            continue;
        }
        if !fixed(key) {
            continue;
        }
        let (Some(map), Some(known)) = (
            value.as_object(),
            reference.get(key).and_then(Value::as_object),
        ) else {
            continue;
        };
        for sub in map.keys().filter(|k| !known.contains_key(*k)) {
            diags.push(
                Diagnostic::error(
                    shown,
                    format!("{key}.{sub}"),
                    format!(
                        "unknown key `{sub}`: no template uses it, so overriding it changes nothing; `bayan theme strings` lists every key with its default"
                    ),
                )
                .at(find_key(text, &[key, sub]))
                .suggest(nearest(sub, known.keys().map(String::as_str))),
            );
        }
    }
    diags
}

/// The groups whose every key the English default has must be present in every
/// language (plurals are checked for `other` alone: languages differ in forms).
const REQUIRED_MAPS: &[&str] = &[
    "strings",
    "status",
    "severity",
    "vendor_status",
    "count",
    "data_classes",
];

/// The single strings every language must have.
const REQUIRED_STRINGS: &[&str] = &["language_name", "date_pattern", "datetime_pattern"];

/// Every key the strings `v` (of the file `shown`, whose override text is `text`
/// when the site wrote one) lack against `reference` (the English defaults), one
/// error each, at the line of the group it belongs under when the file has that
/// group: so one run lists every key still to write, and where it goes. `langs` are
/// the site's languages, each of which `languages:` must name.
pub fn missing_keys(
    shown: &str,
    text: Option<&str>,
    v: &Value,
    reference: &Value,
    langs: &[bayan_text::lang::Lang],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let text = text.unwrap_or("");
    let group_pos = |group: &str| find_key(text, &[&group.to_owned()]);
    let quoted = |s: &str| serde_json::to_string(s).unwrap_or_default();
    for key in REQUIRED_STRINGS {
        if v.get(*key).and_then(Value::as_str).is_none() {
            let example = reference.get(*key).and_then(Value::as_str).unwrap_or("");
            out.push(Diagnostic::error(
                shown,
                *key,
                format!(
                    "missing: add `{key}: …` at the top level (in English: {})",
                    quoted(example)
                ),
            ));
        }
    }
    if v.get("months")
        .and_then(Value::as_array)
        .is_none_or(|m| m.len() != 12)
    {
        out.push(Diagnostic::error(
            shown,
            "months",
            "missing: add `months:` at the top level, a list of the 12 month names, January first",
        ).at(group_pos("months")));
    }
    let group = |name: &str, keys: Vec<(String, Option<String>)>, out: &mut Vec<Diagnostic>| {
        let have = v.get(name).and_then(Value::as_object);
        let Some(have) = have else {
            out.push(Diagnostic::error(
                shown,
                name,
                format!(
                    "missing: the whole `{name}:` group ({} keys) at the top level; `bayan theme strings --lang en` prints it with the English defaults",
                    keys.len()
                ),
            ));
            return;
        };
        for (k, example) in keys {
            if !have.contains_key(&k) {
                out.push(
                    Diagnostic::error(
                        shown,
                        format!("{name}.{k}"),
                        match example {
                            Some(e) => format!(
                                "missing: add `{k}: …` under `{name}:` (in English: {})",
                                quoted(&e)
                            ),
                            None => format!(
                                "missing: add `{k}: …` under `{name}:`, the name of `{k}` in this file's language"
                            ),
                        },
                    )
                    .at(group_pos(name)),
                );
            }
        }
    };
    for name in REQUIRED_MAPS {
        let keys = reference
            .get(*name)
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .map(|(k, e)| (k.clone(), e.as_str().map(str::to_owned)))
                    .collect()
            })
            .unwrap_or_default();
        group(name, keys, &mut out);
    }
    // Every language names every site language: no page shows a bare code.
    let names = langs
        .iter()
        .map(|l| {
            let en = reference
                .get("languages")
                .and_then(|m| m.get(l.as_str()))
                .and_then(Value::as_str)
                .map(str::to_owned);
            (l.to_string(), en)
        })
        .collect();
    group("languages", names, &mut out);
    let plurals: Vec<(String, String)> = reference
        .get("plurals")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter(|(k, _)| {
                    v.get("plurals")
                        .and_then(|p| p.get(k.as_str()))
                        .and_then(|f| f.get("other"))
                        .is_none()
                })
                .map(|(k, f)| {
                    let other = f.get("other").and_then(Value::as_str).unwrap_or("");
                    (k.clone(), other.to_owned())
                })
                .collect()
        })
        .unwrap_or_default();
    for (k, other) in plurals {
        out.push(
            Diagnostic::error(
                shown,
                format!("plurals.{k}.other"),
                format!(
                    "missing: add `{k}:` under `plurals:` with at least `other: …` and the forms your language has (in English: {})",
                    quoted(&other)
                ),
            )
            .at(group_pos("plurals")),
        );
    }
    out
}

/// The line and column of `path`'s last key in block-style YAML `text`: each key is
/// looked for after the line of the one before it.
fn find_key(text: &str, path: &[&String]) -> Option<Pos> {
    let mut from = 0;
    let mut found = None;
    for key in path {
        let (i, line) = text.lines().enumerate().skip(from).find(|(_, l)| {
            let t = l.trim_start();
            t.strip_prefix(key.as_str())
                .or_else(|| t.strip_prefix(&format!("\"{key}\"")))
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })?;
        from = i + 1;
        found = Some(Pos {
            line: u32::try_from(i + 1).ok()?,
            column: u32::try_from(line.len() - line.trim_start().len() + 1).ok()?,
        });
    }
    found
}

/// The default theme's strings for `lang` (`en` if none), as its file has them,
/// with a header saying how to override them.
pub fn defaults(lang: Option<&str>) -> Result<String, Error> {
    let lang = lang.unwrap_or("en");
    let path = format!("i18n/{lang}.yaml");
    let Some((_, bytes)) = crate::theme::DEFAULT_FILES.iter().find(|(p, _)| *p == path) else {
        let have: Vec<&str> = crate::theme::DEFAULT_FILES
            .iter()
            .filter_map(|(p, _)| p.strip_prefix("i18n/")?.strip_suffix(".yaml"))
            .collect();
        return Err(Error::Usage(format!(
            "the default theme has no strings for `{lang}`; it has: {} (a new language starts from a copy of en)",
            have.join(", ")
        )));
    };
    Ok(format!(
        "# Every interface string of the default theme for `{lang}`, with its default.\n\
         # To change some, write only those keys, in the same nesting, to\n\
         # themes/<theme>/i18n/{lang}.yaml (with `theme: <theme>` in site.yaml).\n\
         {}",
        String::from_utf8_lossy(bytes)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> Value {
        let text = defaults(Some("en")).unwrap();
        bayan_text::yaml::parse("en.yaml", &text).unwrap()
    }

    #[test]
    fn misspelt_override_key_is_an_error_with_did_you_mean() {
        let text = "# mine\nstrings:\n  foter_note: Call us\n";
        let over: Value = bayan_text::yaml::parse("o.yaml", text).unwrap();
        let d = unknown_keys("themes/t/i18n/en.yaml", text, &over, &en());
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].to_string(),
            "error: themes/t/i18n/en.yaml:3:3: strings.foter_note: unknown key `foter_note`: no template uses it, so overriding it changes nothing; `bayan theme strings` lists every key with its default; did you mean `footer_note`?"
        );
    }

    #[test]
    fn known_override_keys_pass_and_open_maps_are_not_checked() {
        let text = "strings:\n  footer_note: x\nzones:\n  Asia/Aden: Aden time\nlanguages:\n  fr: Français\n";
        let over: Value = bayan_text::yaml::parse("o.yaml", text).unwrap();
        assert!(unknown_keys("o.yaml", text, &over, &en()).is_empty());
        let text = "strngs: {}\n";
        let over: Value = bayan_text::yaml::parse("o.yaml", text).unwrap();
        let d = unknown_keys("o.yaml", text, &over, &en());
        assert_eq!(d[0].suggestion.as_deref(), Some("strings"));
        assert_eq!(d[0].line, Some(1));
    }

    #[test]
    fn theme_strings_prints_every_key_and_refuses_an_unknown_language() {
        let text = defaults(None).unwrap();
        assert!(text.contains("footer_note"), "{text}");
        assert!(defaults(Some("ar")).unwrap().contains("footer_note"));
        let e = defaults(Some("fr")).unwrap_err().to_string();
        assert!(e.contains("has: ar, en, ur"), "{e}");
        assert!(
            defaults(Some("ur"))
                .unwrap()
                .contains("language_name: اردو")
        );
    }
}
