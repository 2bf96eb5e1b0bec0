//! Advisory ids and the links between advisories: what the Markdown renderer
//! finds and the routes address, below the model that holds them.

use crate::lang::Lang;

/// An incident's id: its folder's name, lower-case ASCII letters, digits and
/// single inner hyphens, so it is safe in every URL and on every file system.
/// Only [`IncidentId::parse`] makes one, so holding one means it was checked.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct IncidentId(String);

impl IncidentId {
    /// Lower-case ASCII letters, digits and single inner hyphens: safe in every URL
    /// and on every file system.
    pub fn valid(id: &str) -> bool {
        !id.is_empty()
            && id.len() <= 100
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !id.starts_with('-')
            && !id.ends_with('-')
            && !id.contains("--")
    }

    /// `id` if it is a valid incident id.
    #[allow(
        dead_code,
        reason = "for ids that do not come from a folder name, such as a link to another advisory"
    )]
    pub fn parse(id: &str) -> Option<IncidentId> {
        IncidentId::valid(id).then(|| IncidentId(id.to_owned()))
    }

    /// An id the loader has checked already (the folder name it validated).
    pub fn checked(id: &str) -> IncidentId {
        debug_assert!(IncidentId::valid(id), "{id}");
        IncidentId(id.to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for IncidentId {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for IncidentId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for IncidentId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for IncidentId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<String> for IncidentId {
    fn eq(&self, other: &String) -> bool {
        self.0 == *other
    }
}

/// A link from a body or a text to another advisory (`../ID/#anchor`), found
/// while rendering: its URL is written then, from the routes; whether the
/// advisory and the anchor exist is the link phase's check.
#[derive(Debug, Clone)]
pub struct CrossLink {
    /// The page language the link is written in, and so the target's.
    pub lang: Lang,
    pub target: IncidentId,
    /// The fragment, percent-decoded, as it must match an id on that page.
    pub anchor: Option<String>,
    /// The file it is written in, as diagnostics show it, and the field's path
    /// (empty for a body).
    pub file: String,
    pub path: String,
    pub pos: Option<crate::diag::Pos>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 11: the incident's id was a bare `String`; a typed one is made only
    /// from a valid slug and reads, compares and serializes as the string.
    #[test]
    fn slugs_are_lower_case_ascii_with_inner_hyphens() {
        assert!(IncidentId::valid("2025-11-mixpanel-analytics"));
        for bad in [
            "", "Upper", "a b", "../etc", "a--b", "-a", "a-", "ميكس", "a.b",
        ] {
            assert!(!IncidentId::valid(bad), "{bad:?}");
        }
    }

    #[test]
    fn incident_ids_are_made_only_from_valid_slugs() {
        for bad in ["", "A-b", "a--b", "-a", "a-", "a/b", "a b", "ا"] {
            assert_eq!(IncidentId::parse(bad), None, "{bad}");
        }
        let id = IncidentId::parse("2026-01-sms").unwrap();
        assert_eq!(id.as_str(), "2026-01-sms");
        let owned = String::from("2026-01-sms");
        assert!(id == *"2026-01-sms" && id == owned);
        assert_eq!(format!("{id}"), "2026-01-sms");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"2026-01-sms\"");
    }
}
