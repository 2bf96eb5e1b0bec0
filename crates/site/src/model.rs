//! The validated model: what an incident is once every check has passed.
//!
//! Nothing here can hold a missing language, an unknown data class or an unsafe URL;
//! rendering reads these types and never re-checks.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::contact::Contact;
use crate::text::{Qualifier, Text};
use bayan_text::dates::When;
pub use bayan_text::ids::{CrossLink, IncidentId};
use bayan_text::lang::Lang;

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
    pub pos: Option<bayan_text::diag::Pos>,
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
    /// A special category of personal data (GDPR Art. 9): shown as such.
    pub special: bool,
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
    pub pos: Option<bayan_text::diag::Pos>,
}

#[derive(Debug, Clone)]
pub struct Reference {
    pub title: Text,
    pub url: String,
    pub lang: Option<Lang>,
}

/// A body in one language: its Markdown source as read (checked when it
/// loaded), which the JSON copy and CSAF use as it is. Its HTML is made when a
/// page or feed needs it ([`crate::content::body_html`]), not held: at 10,000
/// advisories the bodies' HTML was 132 MB beside 120 MB of source.
#[derive(Debug, Clone)]
pub struct Body {
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
    /// What breach-notification laws ask for (`discovered`, `occurred`, …).
    pub legal: crate::law::Legal,
    /// `continues:`: the earlier advisory that first told of the breach this
    /// one follows up on; legal deadlines run from that breach, and each page
    /// links the other.
    pub continues: Option<Named>,
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
    /// The languages that may lag behind another since `bayan translated`
    /// (see [`crate::translations`]).
    pub lag: Lag,
    /// `notice:`: what this advisory's notices say instead of the theme's.
    pub notice: NoticeTexts,
    /// Every per-language text of the record by field path (`title`,
    /// `advice[1]`, `offer.enrol`), as the checker met them: what translation
    /// lag and the review page compare.
    pub texts: Vec<(String, Text)>,
}

/// `notice:` in incident.yaml.
#[derive(Debug, Clone, Default)]
pub struct NoticeTexts {
    /// `notice.sms`: the SMS's sentence in every language, in place of the
    /// theme's `notice_sms_sentence`.
    pub sms: Option<Text>,
    /// Where each language's `notice.sms` text was written, for the error when
    /// its SMS cannot fit.
    pub sms_pos: Vec<(Lang, Option<bayan_text::diag::Pos>)>,
}

impl Incident {
    /// Published for everyone: neither a draft nor scheduled for later. Only
    /// public advisories enter feeds and the sitemap, in previews too.
    pub fn is_public(&self) -> bool {
        !self.draft && !self.scheduled
    }

    /// The id it first went out under: the first of its `aliases` (listed oldest
    /// first), else its id. Feed entry ids and the CSAF tracking id keep it, so a
    /// rename neither repeats an entry for feed readers nor orphans a document.
    pub fn first_id(&self) -> &IncidentId {
        self.aliases.first().map_or(&self.id, |a| &a.id)
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

/// Per language, the fields changed elsewhere since the record and not in it.
pub type Lag = BTreeMap<Lang, LagEntry>;

/// How one language lags.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LagEntry {
    /// The fields (`title`, `body`, …) changed in another language and not here.
    pub fields: Vec<String>,
    /// The languages those changes were made in.
    pub ahead: BTreeSet<Lang>,
}
