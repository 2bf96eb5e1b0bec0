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
    /// The key of its archive page: its `id` field, else its name as an ASCII
    /// slug (see [`crate::vendors`]).
    pub id: String,
    /// Its index in `vendors[]` and where it was written, for messages.
    pub index: usize,
    pub pos: Option<crate::diag::Pos>,
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
    /// The ids the body gives its headings and footnotes: what a link from
    /// another advisory (`../ID/#anchor`) may name.
    pub anchors: Vec<String>,
}

/// `withdrawn: { at, text }`: the page stays, with the reason at its top, and
/// the advisory leaves listings and feeds.
#[derive(Debug, Clone)]
pub struct Withdrawn {
    pub at: When,
    pub text: Text,
}

/// An advisory id named in incident.yaml (`related:`, `aliases:`), with where.
#[derive(Debug, Clone)]
pub struct Named {
    pub id: IncidentId,
    pub source: Source,
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
    /// `related:`: other advisories shown on this page (and this one on theirs).
    pub related: Vec<Named>,
    /// `aliases:`: earlier ids whose addresses redirect here.
    pub aliases: Vec<Named>,
    pub withdrawn: Option<Withdrawn>,
    /// `published` lies after the build's "now": built only as a preview. Set
    /// by [`crate::site::Site`], which holds the "now".
    pub scheduled: bool,
    /// Links in its bodies and texts to other advisories.
    pub cross_links: Vec<CrossLink>,
    /// Where `status` is written, for the warning when it contradicts the
    /// latest update.
    pub status_pos: Option<crate::diag::Pos>,
}

impl Incident {
    /// Published for everyone: neither a draft nor scheduled for later. Only
    /// public advisories enter feeds and the sitemap, in previews too.
    pub fn is_public(&self) -> bool {
        !self.draft && !self.scheduled
    }

    /// What feeds and listings announce: public and not withdrawn. (A withdrawn
    /// advisory keeps its page; the feed says it was withdrawn.)
    pub fn is_announced(&self) -> bool {
        self.is_public() && self.withdrawn.is_none()
    }

    /// `data.exposed` is empty because the investigation has not found out yet:
    /// it reads "still being determined", never "none".
    pub fn exposure_pending(&self) -> bool {
        self.data.exposed.is_empty()
            && matches!(self.status, Status::Investigating | Status::Identified)
    }
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
