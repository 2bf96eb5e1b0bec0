//! The validated model: what an incident is once every check has passed.
//!
//! Nothing here can hold a missing language, an unknown data class or an unsafe URL;
//! rendering reads these types and never re-checks.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::contact::Contact;
use crate::dates::When;
use crate::lang::Lang;
use crate::text::{Qualifier, Text};
use crate::vocabulary::ClassDef;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Investigating,
    Identified,
    Monitoring,
    Resolved,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum VendorStatus {
    Active,
    Suspended,
    Removed,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::Investigating => "investigating",
            Status::Identified => "identified",
            Status::Monitoring => "monitoring",
            Status::Resolved => "resolved",
        }
    }
}

impl Severity {
    pub fn key(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

impl VendorStatus {
    pub fn key(self) -> &'static str {
        match self {
            VendorStatus::Active => "active",
            VendorStatus::Suspended => "suspended",
            VendorStatus::Removed => "removed",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Vendor {
    pub name: Text,
    pub url: Option<String>,
    pub role: Option<Text>,
    pub status: Option<VendorStatus>,
}

#[derive(Debug, Clone, Copy)]
pub struct Count {
    pub value: u64,
    pub qualifier: Qualifier,
}

/// One entry of a data group: a class with its label resolved, and the author's note.
#[derive(Debug, Clone)]
pub struct DataItem {
    pub id: String,
    pub label: std::sync::Arc<Text>,
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Default)]
pub struct DataGroups {
    pub exposed: Vec<DataItem>,
    pub possibly_exposed: Vec<DataItem>,
    pub not_exposed: Vec<DataItem>,
}

#[derive(Debug, Clone)]
pub struct Dated {
    pub at: Option<When>,
    pub text: Text,
}

#[derive(Debug, Clone)]
pub struct Update {
    pub at: When,
    pub status: Option<Status>,
    pub text: Text,
    /// Where it was written: its index in `updates[]` and the position of its
    /// `at`, for checks run after loading (the link phase).
    pub source: Source,
}

/// Where an entry of a list was written in incident.yaml.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Source {
    pub index: usize,
    pub pos: Option<crate::diag::Pos>,
}

#[derive(Debug, Clone)]
pub struct Reference {
    pub title: Text,
    pub url: String,
    pub lang: Option<Lang>,
}

/// A body in one language: rendered, and its Markdown source as read, which the
/// JSON copy (and later outputs: e-mail, CSAF, search) use instead of reading
/// the file again.
#[derive(Debug, Clone)]
pub struct Body {
    pub html: String,
    pub source: String,
}

#[derive(Debug, Clone)]
pub struct Incident {
    /// The folder's name: lower-case ASCII letters, digits and hyphens.
    pub id: IncidentId,
    pub dir: PathBuf,
    pub title: Text,
    pub summary: Text,
    pub status: Status,
    pub severity: Severity,
    pub published: When,
    pub updated: Option<When>,
    /// The latest of `published`, `updated` and every update's `at`.
    pub last_updated: When,
    pub draft: bool,
    pub vendors: Vec<Vendor>,
    pub affected: Text,
    pub not_affected: Option<Text>,
    pub affected_count: Option<Count>,
    pub likely_consequences: Option<Text>,
    pub data: DataGroups,
    pub timeline: Vec<Dated>,
    pub actions: Vec<Dated>,
    pub advice: Vec<Text>,
    /// Newest first, as readers want them.
    pub updates: Vec<Update>,
    /// The site's contact with the incident's fields merged over it.
    pub contact: Contact,
    pub references: Vec<Reference>,
    pub bodies: BTreeMap<Lang, Body>,
    /// File names copied beside each language's page.
    pub attachments: BTreeSet<String>,
    /// Each attachment's bytes, read (and checked) when the incident loaded, so
    /// rendering reads nothing from disk.
    pub attachment_bytes: BTreeMap<String, std::sync::Arc<[u8]>>,
    /// Data classes this incident defined inline.
    pub classes: Vec<ClassDef>,
    /// What breach-notification laws ask for (`discovered`, `occurred`, …).
    pub legal: crate::law::Legal,
}

/// An incident's id: its folder's name, lower-case ASCII letters, digits and
/// single inner hyphens, so it is safe in every URL and on every file system.
/// Only [`IncidentId::parse`] makes one, so holding one means it was checked.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct IncidentId(String);

impl IncidentId {
    /// `id` if it is a valid incident id.
    pub fn parse(id: &str) -> Option<IncidentId> {
        crate::content::valid_slug(id).then(|| IncidentId(id.to_owned()))
    }

    /// An id the loader has checked already (the folder name it validated).
    pub(crate) fn checked(id: &str) -> IncidentId {
        debug_assert!(crate::content::valid_slug(id), "{id}");
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 11: the incident's id was a bare `String`; a typed one is made only
    /// from a valid slug and reads, compares and serializes as the string.
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
