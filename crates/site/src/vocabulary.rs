//! The data-class vocabulary: built-in ids with labels from the theme, site-wide
//! classes from `site.yaml`, and classes an incident defines inline.
//!
//! Naming the same thing the same way in every advisory and language is the point,
//! so an unknown id is an error with the nearest known id, and a custom class may not
//! shadow a built-in one.

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::text::{Checker, RawText, Text, pos_of};
use bayan_text::diag::{Pos, nearest};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawClassDef {
    pub id: Spanned<String>,
    pub label: RawText,
    /// A special category of personal data (GDPR Art. 9): health, biometrics, ….
    #[serde(default)]
    pub special: bool,
}

/// A data class defined by the site or inline by an incident.
#[derive(Debug, Clone)]
pub struct ClassDef {
    pub id: String,
    /// Shared by every item that names the class, so a large site holds each
    /// label once.
    pub label: std::sync::Arc<Text>,
    /// `special: true`: a special category of personal data (GDPR Art. 9).
    pub special: bool,
}

/// The built-in classes that are special categories of personal data (GDPR
/// Art. 9(1): health, genetic and biometric data, among others).
pub const SPECIAL: &[&str] = &["health_data"];

/// Built-in data classes; the theme's `i18n/<lang>.yaml` labels each one.
pub const BUILTIN: &[&str] = &[
    "names",
    "usernames",
    "email_addresses",
    "phone_numbers",
    "physical_addresses",
    "approximate_location",
    "precise_location",
    "ip_addresses",
    "user_agents",
    "referrers",
    "account_ids",
    "profile_info",
    "dates_of_birth",
    "government_ids",
    "ssn",
    "drivers_license",
    "state_id",
    "passwords",
    "password_hashes",
    "security_questions",
    "mfa_secrets",
    "api_keys",
    "access_tokens",
    "payment_info",
    "payment_cards",
    "bank_accounts",
    "billing_addresses",
    "purchase_history",
    "chat_content",
    "api_requests",
    "uploaded_files",
    "health_data",
    "photos",
    "usage_analytics",
];

pub fn is_builtin(id: &str) -> bool {
    BUILTIN.contains(&id)
}

/// Ids are lower-case ASCII words joined by `_`: stable keys for JSON and labels.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Checks a custom class definition against the built-ins and the classes already
/// defined alongside it.
pub fn check_def(
    c: &mut Checker,
    raw: &RawClassDef,
    path: &str,
    pos: Option<Pos>,
    defined: &[ClassDef],
) -> Option<ClassDef> {
    let id = raw.id.value.trim();
    let id_pos = pos_of(&raw.id).or(pos);
    let id_path = format!("{path}.id");
    if !valid_id(id) {
        c.error(
            &id_path,
            id_pos,
            format!("`{id}` is not a data-class id (lower-case letters, digits and `_`)"),
        );
        return None;
    }
    if is_builtin(id) {
        c.error(
            &id_path,
            id_pos,
            format!(
                "`{id}` is a built-in data class; use it as is, or give the custom class another id"
            ),
        );
        return None;
    }
    if defined.iter().any(|d| d.id == id) {
        c.error(
            &id_path,
            id_pos,
            format!("data class `{id}` is already defined"),
        );
        return None;
    }
    let label = std::sync::Arc::new(c.text(&raw.label, &format!("{path}.label"))?);
    Some(ClassDef {
        id: id.to_owned(),
        label,
        special: raw.special,
    })
}

/// Labels for every class a site knows: the built-ins (from the theme) and the
/// site-wide ones. Classes an incident defines inline are added per incident.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    labels: std::collections::BTreeMap<String, std::sync::Arc<crate::text::Text>>,
    /// The classes that are special categories: the built-ins marked, and the
    /// site's own with `special: true`.
    special: std::collections::BTreeSet<String>,
}

impl Vocabulary {
    /// The built-in classes' labels (from the theme, see
    /// [`Theme::class_labels`](crate::Theme::class_labels)) and the site's own
    /// classes from site.yaml.
    pub fn new(
        builtin: std::collections::BTreeMap<String, crate::text::Text>,
        site: &[ClassDef],
    ) -> Self {
        let mut labels: std::collections::BTreeMap<_, _> = builtin
            .into_iter()
            .map(|(k, v)| (k, std::sync::Arc::new(v)))
            .collect();
        let mut special: std::collections::BTreeSet<String> =
            SPECIAL.iter().map(|s| (*s).to_owned()).collect();
        for d in site {
            labels.insert(d.id.clone(), d.label.clone());
            if d.special {
                special.insert(d.id.clone());
            }
        }
        Vocabulary { labels, special }
    }

    /// Whether the class `id` is a special category of personal data.
    pub fn is_special(&self, id: &str) -> bool {
        self.special.contains(id)
    }

    pub fn label(&self, id: &str) -> Option<&std::sync::Arc<crate::text::Text>> {
        self.labels.get(id)
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.labels.keys().map(String::as_str)
    }
}

/// The nearest known id to a misspelt one, among built-ins and custom classes.
pub fn suggest(id: &str, custom: &[&str]) -> Option<String> {
    nearest(id, BUILTIN.iter().copied().chain(custom.iter().copied()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_data_class_suggests_nearest() {
        assert_eq!(suggest("user_agent", &[]).as_deref(), Some("user_agents"));
        assert_eq!(
            suggest("call_note", &["call_notes"]).as_deref(),
            Some("call_notes")
        );
    }

    #[test]
    fn builtin_ids_are_valid_and_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for id in BUILTIN {
            assert!(valid_id(id), "{id}");
            assert!(seen.insert(id), "{id} twice");
        }
        assert!(BUILTIN.len() >= 31);
    }
}
