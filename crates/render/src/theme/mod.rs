//! Themes: the default one compiled into the binary, and a site's overrides.
//!
//! A site's `themes/<name>/` replaces templates and static files file by file and
//! i18n strings key by key, so a team can change one label or one template without
//! copying the rest. Templates are parsed once, here, and shared by every render.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use bayan_site::config::{ArabicMonths, Config};
use bayan_site::text::Text;
use bayan_text::dates::DateStyle;
use bayan_text::diag::{Diagnostic, display_path};
use bayan_text::error::Error;
use bayan_text::lang::Lang;

pub mod strings;

macro_rules! embed {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../themes/default/", $path)) as &[u8])),*]
    };
}

/// Every file of `themes/default/`, as compiled in. A unit test keeps this list equal
/// to the folder, so a new theme file cannot be forgotten.
pub const DEFAULT_FILES: &[(&str, &[u8])] = embed!(
    "i18n/ar.yaml",
    "i18n/en.yaml",
    "i18n/ur.yaml",
    "static/favicon.svg",
    "static/fonts/OFL.txt",
    "static/fonts/noto-sans-arabic-bold.woff2",
    "static/fonts/noto-sans-arabic-regular.woff2",
    "static/style.css",
    "templates/404.html",
    "templates/archive.html",
    "templates/base.html",
    "templates/components.html",
    "templates/incident.html",
    "templates/legal.html",
    "templates/listing.html",
    "templates/notice-ca.html",
    "templates/redirect.html",
    "templates/notice.html",
    "templates/notice.txt",
);

/// One language's interface strings and labels, as the theme's i18n file gives them.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct I18n {
    pub language_name: String,
    pub months: Vec<String>,
    pub months_levant: Option<Vec<String>>,
    pub date_pattern: String,
    pub datetime_pattern: String,
    pub languages: BTreeMap<String, String>,
    pub status: BTreeMap<String, String>,
    pub severity: BTreeMap<String, String>,
    pub vendor_status: BTreeMap<String, String>,
    pub count: BTreeMap<String, String>,
    pub data_classes: BTreeMap<String, String>,
    pub strings: BTreeMap<String, String>,
    /// Counted strings: a key, then a pattern per CLDR plural category
    /// (`zero`, `one`, `two`, `few`, `many`, `other`); `other` is required.
    #[serde(default)]
    pub plurals: BTreeMap<String, BTreeMap<String, String>>,
    /// The twelve Hijri months, for `dates.hijri`.
    #[serde(default)]
    pub hijri_months: Vec<String>,
    /// `{day} {month} {year} AH`.
    #[serde(default)]
    pub hijri_date_pattern: Option<String>,
    /// How the Hijri date joins the Gregorian one: `{gregorian} ({hijri})`.
    #[serde(default)]
    pub with_hijri_pattern: Option<String>,
    /// Names of time zones by IANA id, as readers of this language say them
    /// (`Asia/Riyadh`: `Riyadh time`); other zones are shown as an offset.
    #[serde(default)]
    pub zones: BTreeMap<String, String>,
}

/// A theme ready to render with: its templates parsed, its static files and its
/// interface strings for each of the site's languages.
pub struct Theme {
    pub name: String,
    pub tera: tera::Tera,
    /// Static files by path under `static/`.
    pub static_files: BTreeMap<String, Vec<u8>>,
    pub i18n: BTreeMap<Lang, I18n>,
}

impl Theme {
    /// The default theme with the site's overrides laid over it, checked against the
    /// site's languages.
    pub fn load(config: &Config) -> Result<Theme, Error> {
        let root = &config.root;
        let mut files: BTreeMap<String, Vec<u8>> = DEFAULT_FILES
            .iter()
            .map(|(p, b)| ((*p).to_owned(), b.to_vec()))
            .collect();
        let mut i18n_values: BTreeMap<String, Value> = BTreeMap::new();
        for (path, bytes) in &files {
            if let Some(code) = i18n_code(path) {
                let text = String::from_utf8_lossy(bytes);
                let v: Value = bayan_text::yaml::parse(&format!("(built-in theme) {path}"), &text)
                    .map_err(|d| Error::Theme(d.to_string()))?;
                i18n_values.insert(code.to_owned(), v);
            }
        }
        let dir = root.join("themes").join(&config.theme);
        let mut diags = Vec::new();
        let defaults = i18n_values.clone();
        // Each override file's text by language, to say where a missing key goes.
        let mut i18n_texts: BTreeMap<String, String> = BTreeMap::new();
        if let Err(d) = bayan_text::fsx::check_inside(root, &root.join("themes"))
            .and_then(|()| bayan_text::fsx::check_inside(root, &dir))
        {
            diags.push(d);
        } else if dir.is_dir() {
            for entry in walkdir::WalkDir::new(&dir).min_depth(1).sort_by_file_name() {
                let entry = match entry {
                    Ok(e) => e,
                    Err(e) => {
                        diags.push(Diagnostic::error(
                            &display_path(root, &dir),
                            "",
                            format!("cannot read: {e}"),
                        ));
                        continue;
                    }
                };
                // Folders are walked; anything else that is not a regular file (a
                // FIFO, a socket) is refused by `read_bytes` below, never opened.
                if entry.file_type().is_dir() {
                    continue;
                }
                let rel = display_path(&dir, entry.path());
                // Hidden files (`.git/`, `.DS_Store`) and editors' backups are
                // never theme files.
                if rel.split('/').any(bayan_text::fsx::is_ignored) {
                    continue;
                }
                let shown = display_path(root, entry.path());
                let bytes = match bayan_text::svg::read_checked(root, entry.path()) {
                    Ok(b) => b,
                    Err(ds) => {
                        diags.extend(ds);
                        continue;
                    }
                };
                if let Some(code) = i18n_code(&rel) {
                    let parsed = bayan_text::fsx::decode(&shown, bytes)
                        .and_then(|t| Ok((bayan_text::yaml::parse::<Value>(&shown, &t)?, t)));
                    match parsed {
                        Ok((v, text)) => {
                            if let Some(reference) =
                                defaults.get(code).or_else(|| defaults.get("en"))
                            {
                                diags.extend(crate::theme::strings::unknown_keys(
                                    &shown, &text, &v, reference,
                                ));
                            }
                            i18n_texts.insert(code.to_owned(), text.clone());
                            let merged = match i18n_values.remove(code) {
                                Some(base) => merge(base, v),
                                None => v,
                            };
                            i18n_values.insert(code.to_owned(), merged);
                        }
                        Err(d) => diags.push(d),
                    }
                } else if rel.starts_with("templates/") || rel.starts_with("static/") {
                    files.insert(rel, bytes);
                }
            }
        } else if config.theme != "default" {
            diags.push(Diagnostic::error(
                bayan_site::config::SITE_FILE,
                "theme",
                format!(
                    "theme `{}` not found: expected a folder {}",
                    config.theme,
                    display_path(root, &dir)
                ),
            ));
        }
        if !diags.is_empty() {
            return Err(Error::Content(diags));
        }

        // Every language's missing keys are reported together, not one per run.
        let mut i18n = BTreeMap::new();
        let mut missing = Vec::new();
        for lang in &config.languages {
            let file = format!("themes/{}/i18n/{lang}.yaml", config.theme);
            let Some(v) = i18n_values.get(lang.as_str()) else {
                missing.push(
                    Diagnostic::error(
                        bayan_site::config::SITE_FILE,
                        "languages",
                        format!(
                            "the theme has no strings for `{lang}`: write {file}; `bayan theme strings --lang en > {file}` starts it with every key and its English default, to translate"
                        ),
                    )
                    .at(config.languages_pos),
                );
                continue;
            };
            let reference = defaults.get("en").cloned().unwrap_or_default();
            let found = crate::theme::strings::missing_keys(
                &file,
                i18n_texts.get(lang.as_str()).map(String::as_str),
                v,
                &reference,
                &config.languages,
            );
            if !found.is_empty() {
                missing.extend(found);
                continue;
            }
            let parsed: I18n = match serde_json::from_value(v.clone()) {
                Ok(p) => p,
                Err(e) => {
                    missing.push(Diagnostic::error(
                        &file,
                        "",
                        format!("interface strings are malformed: {e}"),
                    ));
                    continue;
                }
            };
            match check_i18n(&parsed, lang, &config.theme, config.hijri) {
                Ok(()) => {}
                Err(Error::Content(d)) => missing.extend(d),
                Err(e) => return Err(e),
            }
            i18n.insert(lang.clone(), parsed);
        }
        if !missing.is_empty() {
            return Err(Error::Content(missing));
        }

        let templates: Vec<(String, String)> = files
            .iter()
            .filter_map(|(p, b)| {
                let name = p.strip_prefix("templates/")?;
                Some((name.to_owned(), String::from_utf8_lossy(b).into_owned()))
            })
            .collect();
        let mut tera = tera::Tera::new();
        tera.add_raw_templates(templates)
            .map_err(|e| Error::Theme(format!("in theme `{}`:\n{}", config.theme, report(&e))))?;
        let static_files = files
            .into_iter()
            .filter_map(|(p, b)| Some((p.strip_prefix("static/")?.to_owned(), b)))
            .collect();
        Ok(Theme {
            name: config.theme.clone(),
            tera,
            static_files,
            i18n,
        })
    }

    pub fn i18n(&self, lang: &Lang) -> &I18n {
        // Every site language was checked in `load`.
        &self.i18n[lang]
    }

    /// Labels of the built-in data classes in every site language.
    pub fn class_labels(&self, langs: &[Lang]) -> BTreeMap<String, Text> {
        bayan_site::vocabulary::BUILTIN
            .iter()
            .map(|id| {
                let text = Text::from_sources(langs.iter().map(|l| {
                    (
                        l.clone(),
                        self.i18n(l)
                            .data_classes
                            .get(*id)
                            .cloned()
                            .unwrap_or_default(),
                    )
                }));
                ((*id).to_owned(), text)
            })
            .collect()
    }

    /// How `lang` writes dates under the site's settings.
    pub fn date_style(&self, config: &Config, lang: &Lang) -> DateStyle {
        let i = self.i18n(lang);
        let months = match (config.arabic_months, &i.months_levant) {
            (ArabicMonths::Levant, Some(levant)) => levant,
            _ => &i.months,
        };
        let hijri = config.hijri.then(|| bayan_text::dates::HijriStyle {
            months: std::array::from_fn(|n| i.hijri_months.get(n).cloned().unwrap_or_default()),
            date_pattern: i.hijri_date_pattern.clone().unwrap_or_default(),
            with_pattern: i.with_hijri_pattern.clone().unwrap_or_default(),
        });
        DateStyle {
            months: std::array::from_fn(|n| months.get(n).cloned().unwrap_or_default()),
            date_pattern: i.date_pattern.clone(),
            datetime_pattern: i.datetime_pattern.clone(),
            digits: config.digits(lang),
            hijri,
            zone_name: i.zones.get(&config.timezone_name).cloned(),
        }
    }

    /// The page's bytes. Tera writes UTF-8; going through `String` would only
    /// check that again for every page.
    pub fn render(&self, template: &str, ctx: &tera::Context) -> Result<Vec<u8>, Error> {
        let mut out = Vec::with_capacity(32 * 1024);
        self.tera.render_to(template, ctx, &mut out).map_err(|e| {
            Error::Theme(format!(
                "rendering {template} in theme `{}`:\n{}",
                self.name,
                report(&e)
            ))
        })?;
        Ok(out)
    }
}

fn i18n_code(path: &str) -> Option<&str> {
    path.strip_prefix("i18n/")?.strip_suffix(".yaml")
}

/// Keys a theme's strings must hold, so a template never meets an undefined label.
fn check_i18n(i: &I18n, lang: &Lang, theme: &str, hijri: bool) -> Result<(), Error> {
    let file = format!("themes/{theme}/i18n/{lang}.yaml");
    let mut missing = Vec::new();
    if hijri {
        if i.hijri_months.len() != 12 {
            missing.push("hijri_months (12 names, for dates.hijri)".to_owned());
        }
        if i.hijri_date_pattern.is_none() {
            missing.push("hijri_date_pattern (for dates.hijri)".to_owned());
        }
        if i.with_hijri_pattern.is_none() {
            missing.push("with_hijri_pattern (for dates.hijri)".to_owned());
        }
    }
    if i.months.len() != 12 {
        missing.push("months (12 names)".to_owned());
    }
    if i.months_levant.as_ref().is_some_and(|m| m.len() != 12) {
        missing.push("months_levant (12 names)".to_owned());
    }
    let need =
        |map: &BTreeMap<String, String>, keys: &[&str], group: &str, missing: &mut Vec<String>| {
            for k in keys {
                if !map.contains_key(*k) {
                    missing.push(format!("{group}.{k}"));
                }
            }
        };
    need(
        &i.status,
        &["investigating", "identified", "monitoring", "resolved"],
        "status",
        &mut missing,
    );
    need(
        &i.severity,
        &["low", "medium", "high", "critical"],
        "severity",
        &mut missing,
    );
    need(
        &i.vendor_status,
        &["active", "suspended", "removed"],
        "vendor_status",
        &mut missing,
    );
    need(
        &i.count,
        &["exactly", "about", "up_to", "at_least"],
        "count",
        &mut missing,
    );
    need(
        &i.data_classes,
        bayan_site::vocabulary::BUILTIN,
        "data_classes",
        &mut missing,
    );
    let en: I18n = default_i18n("en");
    let keys: Vec<&str> = en.strings.keys().map(String::as_str).collect();
    need(&i.strings, &keys, "strings", &mut missing);
    for key in en.plurals.keys() {
        if !i.plurals.get(key).is_some_and(|f| f.contains_key("other")) {
            missing.push(format!("plurals.{key}.other"));
        }
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Error::Content(vec![Diagnostic::error(
            &file,
            "",
            format!("missing keys: {}", missing.join(", ")),
        )]))
    }
}

/// The built-in theme's strings for `code`; the set of keys every language needs.
fn default_i18n(code: &str) -> I18n {
    let path = format!("i18n/{code}.yaml");
    DEFAULT_FILES
        .iter()
        .find(|(p, _)| *p == path)
        .and_then(|(_, b)| bayan_text::yaml::parse(&path, &String::from_utf8_lossy(b)).ok())
        .unwrap_or_else(|| I18n {
            language_name: String::new(),
            months: Vec::new(),
            months_levant: None,
            date_pattern: String::new(),
            datetime_pattern: String::new(),
            languages: BTreeMap::new(),
            status: BTreeMap::new(),
            severity: BTreeMap::new(),
            vendor_status: BTreeMap::new(),
            count: BTreeMap::new(),
            data_classes: BTreeMap::new(),
            strings: BTreeMap::new(),
            plurals: BTreeMap::new(),
            hijri_months: Vec::new(),
            hijri_date_pattern: None,
            with_hijri_pattern: None,
            zones: BTreeMap::new(),
        })
}

/// `over` laid on `base`, map by map.
fn merge(base: Value, over: Value) -> Value {
    match (base, over) {
        (Value::Object(mut b), Value::Object(o)) => {
            for (k, v) in o {
                let merged = match b.remove(&k) {
                    Some(bv) => merge(bv, v),
                    None => v,
                };
                b.insert(k, merged);
            }
            Value::Object(b)
        }
        (_, o) => o,
    }
}

/// A Tera error with its whole chain, for the person who wrote the template.
pub fn report(e: &tera::Error) -> String {
    use std::error::Error as _;
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(&format!("\ncaused by: {c}"));
        cur = c.source();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn every_default_theme_file_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../themes/default");
        let on_disk: Vec<String> = walkdir::WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| display_path(&dir, e.path()))
            .collect();
        let mut embedded: Vec<String> =
            DEFAULT_FILES.iter().map(|(p, _)| (*p).to_owned()).collect();
        embedded.sort();
        assert_eq!(embedded, on_disk);
    }

    #[test]
    fn every_shipped_language_has_the_same_keys() {
        let en = default_i18n("en");
        assert!(!en.strings.is_empty());
        for code in ["ar", "ur"] {
            let other = default_i18n(code);
            assert_eq!(
                en.strings.keys().collect::<Vec<_>>(),
                other.strings.keys().collect::<Vec<_>>(),
                "{code}"
            );
            assert_eq!(
                other.data_classes.len(),
                bayan_site::vocabulary::BUILTIN.len()
            );
            assert_eq!(other.months.len(), 12, "{code}");
            // Every shipped language names every shipped language.
            for name in ["en", "ar", "ur"] {
                assert!(other.languages.contains_key(name), "{code} names {name}");
            }
        }
        assert_eq!(en.data_classes.len(), bayan_site::vocabulary::BUILTIN.len());
        assert_eq!(
            default_i18n("ar").months_levant.as_ref().map(Vec::len),
            Some(12)
        );
    }

    /// A translated string keeps every `{placeholder}` of the English one, once
    /// each, and adds none: a lost `{count}` would silently drop a number.
    #[test]
    fn translations_keep_the_english_placeholders() {
        fn leaves(v: &serde_json::Value, path: String, out: &mut BTreeMap<String, String>) {
            match v {
                serde_json::Value::String(s) => {
                    out.insert(path, s.clone());
                }
                serde_json::Value::Object(m) => {
                    for (k, v) in m {
                        leaves(v, format!("{path}.{k}"), out);
                    }
                }
                _ => {}
            }
        }
        fn holes(s: &str) -> Vec<&str> {
            let mut out: Vec<&str> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(name, _)| name))
                .collect();
            out.sort_unstable();
            out
        }
        let read = |code: &str| {
            let path = format!("i18n/{code}.yaml");
            let (_, bytes) = DEFAULT_FILES.iter().find(|(p, _)| *p == path).unwrap();
            let v: serde_json::Value =
                bayan_text::yaml::parse(&path, &String::from_utf8_lossy(bytes)).unwrap();
            let mut out = BTreeMap::new();
            leaves(&v, String::new(), &mut out);
            out
        };
        let en = read("en");
        assert!(en.values().any(|s| s.contains("{count}")));
        for code in ["ar", "ur"] {
            let other = read(code);
            for (path, text) in &other {
                // Plural forms differ by language; each is checked against `other`.
                let english = en.get(path).or_else(|| {
                    path.starts_with(".plurals.")
                        .then(|| path.rsplit_once('.'))
                        .flatten()
                        .and_then(|(group, _)| en.get(&format!("{group}.other")))
                });
                let Some(english) = english else { continue };
                if path.starts_with(".plurals.") {
                    // A form may spell its number out ("شهر واحد", "شهران").
                    let theirs = holes(english);
                    assert!(
                        holes(text).iter().all(|h| theirs.contains(h)),
                        "{code}{path}: {text:?}"
                    );
                } else {
                    assert_eq!(holes(text), holes(english), "{code}{path}: {text:?}");
                }
            }
        }
    }

    /// One stylesheet serves both directions only if no rule names a physical side.
    #[test]
    fn stylesheet_uses_logical_properties_only() {
        let css = DEFAULT_FILES
            .iter()
            .filter(|(p, _)| p.ends_with(".css"))
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .collect::<String>();
        assert!(css.contains("inset-inline-start"), "stylesheet not found");
        // Declarations are the text between a `{` and the next `}` with no `{`
        // between them; comments are dropped first.
        let mut text = String::new();
        let mut rest = css.as_str();
        while let Some(a) = rest.find("/*") {
            text.push_str(&rest[..a]);
            rest = rest[a..].split_once("*/").map_or("", |(_, r)| r);
        }
        text.push_str(rest);
        let physical_names = [
            "left",
            "right",
            "top",
            "bottom",
            "width",
            "height",
            "min-width",
            "max-width",
            "min-height",
            "max-height",
        ];
        let mut offenders = Vec::new();
        for block in text.split('}') {
            let decls = block.rsplit('{').next().unwrap_or("");
            for decl in decls.split(';') {
                let Some((name, value)) = decl.split_once(':') else {
                    continue;
                };
                let (name, value) = (name.trim(), value.trim());
                let physical = physical_names.contains(&name)
                    || ["-left", "-right", "-top", "-bottom"]
                        .iter()
                        .any(|side| name.contains(side))
                    || (matches!(name, "float" | "clear" | "text-align")
                        && matches!(value, "left" | "right"));
                if physical {
                    offenders.push(format!("{name}: {value}"));
                }
            }
        }
        assert!(
            offenders.is_empty(),
            "physical properties in the stylesheet:\n{}",
            offenders.join("\n")
        );
    }

    /// Body headings are kept off the ids the templates use; a new id in a
    /// template must be reserved too, or a heading could duplicate it.
    #[test]
    fn template_ids_are_reserved_from_body_headings() {
        for (path, bytes) in DEFAULT_FILES
            .iter()
            .filter(|(p, _)| p.starts_with("templates/"))
        {
            let text = String::from_utf8_lossy(bytes);
            for part in text.split(" id=\"").skip(1) {
                let id = part.split('"').next().unwrap_or("");
                if id.contains("{{") {
                    continue;
                }
                assert!(
                    bayan_text::markdown::PAGE_IDS.contains(&id),
                    "{path}: id `{id}` is not in markdown::PAGE_IDS"
                );
            }
        }
    }

    #[test]
    fn overrides_merge_key_by_key() {
        let base = serde_json::json!({"strings": {"a": "1", "b": "2"}, "x": "y"});
        let over = serde_json::json!({"strings": {"b": "3"}});
        assert_eq!(
            merge(base, over),
            serde_json::json!({"strings": {"a": "1", "b": "3"}, "x": "y"})
        );
    }
}
