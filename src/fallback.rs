//! When site.yaml has errors, the incidents are still checked, so one run reports
//! both: a team fixing a typo in site.yaml should not then meet a second round of
//! errors it could have been shown at once.
//!
//! The incidents are checked against stand-in settings built from what can be read
//! of the broken site.yaml (its languages, time zone, theme and vocabulary). If even
//! its languages cannot be read, every incident text would be judged against a guess,
//! so the incidents are left for the next run.

use std::path::Path;

use serde_json::{Value, json};

use bayan_site::config::{Config, SITE_FILE};
use bayan_text::diag::Diagnostic;
use bayan_text::lang::Lang;

/// `site_errors`, then the errors (and warnings) of the incidents, checked with
/// stand-in settings.
pub(crate) fn with_incident_errors(
    root: &Path,
    drafts: bool,
    mut site_errors: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    if let Some(config) = stand_in(root) {
        let p = match crate::Prepared::from_config(config) {
            Ok(p) => p,
            // The theme's own problems with the site's languages (a language with no
            // strings, keys missing) belong in the same run.
            Err(bayan_text::error::Error::Content(theirs)) => {
                site_errors.extend(theirs);
                return site_errors;
            }
            Err(_) => return site_errors,
        };
        let mut loaded = bayan_site::content::load(&p.config, &p.vocabulary, drafts);
        loaded.diagnostics.sort();
        site_errors.extend(loaded.diagnostics.into_vec());
    }
    site_errors
}

/// Settings with the site's own languages, zone, theme and vocabulary where they
/// can be read, and placeholders for the rest (which incidents do not use).
fn stand_in(root: &Path) -> Option<Config> {
    // Through the same checked read as Config::load: a FIFO or a link out of the
    // site must not hang or leak here either.
    let text = bayan_text::fsx::read_text(root, &root.join(SITE_FILE)).ok()?;
    let site: Value = bayan_text::yaml::parse("site.yaml", &text).ok()?;
    let languages: Vec<String> = site
        .get("languages")?
        .as_array()?
        .iter()
        .map(|l| l.as_str().map(|s| s.trim().to_owned()))
        .collect::<Option<_>>()?;
    if languages.is_empty() || languages.iter().any(|l| Lang::parse(l).is_none()) {
        return None;
    }
    let title: serde_json::Map<String, Value> = languages
        .iter()
        .map(|l| (l.clone(), json!("stand-in")))
        .collect();
    let mut stand_in = json!({
        "title": title,
        "base_url": "https://stand-in.example/",
        "languages": languages,
        "contact": { "email": "stand-in@example.com" },
    });
    let tz = site
        .get("timezone")
        .and_then(Value::as_str)
        .filter(|z| jiff::tz::TimeZone::get(z).is_ok());
    if let Some(tz) = tz {
        stand_in["timezone"] = json!(tz);
    }
    if let Some(theme) = site.get("theme").and_then(Value::as_str) {
        stand_in["theme"] = json!(theme);
    }
    // Where `languages:` is in the real file: what is said about the languages
    // (a theme without strings for one) points there, not into the stand-in.
    #[derive(serde::Deserialize)]
    struct Languages {
        languages: Option<serde_saphyr::Spanned<serde::de::IgnoredAny>>,
    }
    let languages_pos = bayan_text::yaml::parse::<Languages>("site.yaml", &text)
        .ok()
        .and_then(|l| l.languages.as_ref().and_then(bayan_site::text::pos_of));
    // JSON is YAML, so the stand-in goes through the same checks as a real file.
    let load = |v: &Value| {
        Config::from_text(root, &v.to_string()).ok().map(|mut c| {
            c.languages_pos = languages_pos;
            c
        })
    };
    if let Some(vocabulary) = site.get("vocabulary") {
        let mut with = stand_in.clone();
        with["vocabulary"] = vocabulary.clone();
        if let Some(c) = load(&with) {
            return Some(c);
        }
    }
    load(&stand_in).or_else(|| {
        // A theme that does not load is itself a site error; check with the default.
        stand_in.as_object_mut()?.remove("theme");
        load(&stand_in)
    })
}
