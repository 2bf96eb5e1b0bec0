//! Loading every incident: walk, read, parse, validate, render Markdown.
//!
//! Incidents load in parallel, each into its own list of diagnostics, and the lists
//! are merged in folder order so messages are stable. A draft's errors are warnings
//! unless drafts are being built; a draft left out costs nothing more.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::config::Config;
use crate::contact::{ContactOverride, RawContact, contact_fields};
use crate::model::*;
use crate::text::{Checker, RawCount, RawText, Text, language_name, pos_of};
use crate::vocabulary::{self, Vocabulary};
use crate::vocabulary::{ClassDef, RawClassDef};
use bayan_text::dates::{self, When};
use bayan_text::diag::{Diagnostic, Diagnostics, Pos, display_path, offset_pos, positions};
use bayan_text::lang::Lang;
use bayan_text::markdown::{self, LinkContext};
use bayan_text::yaml::StringOr;

pub const INCIDENTS_DIR: &str = "content/incidents";
const MAX_BODY_BYTES: u64 = 8 * 1024 * 1024;
const ATTACHMENT_TYPES: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "svg", "pdf", "txt", "csv",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIncident {
    title: RawText,
    summary: RawText,
    status: Spanned<Status>,
    severity: Spanned<Severity>,
    published: Spanned<String>,
    updated: Option<Spanned<String>>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    vendors: Vec<Spanned<RawVendor>>,
    affected: RawText,
    not_affected: Option<RawText>,
    affected_count: Option<Spanned<RawCount>>,
    likely_consequences: Option<RawText>,
    data: RawData,
    #[serde(default)]
    timeline: Vec<Spanned<RawDated>>,
    #[serde(default)]
    actions: Vec<Spanned<RawAction>>,
    advice: Spanned<Vec<RawText>>,
    #[serde(default)]
    updates: Vec<Spanned<RawUpdate>>,
    contact: Option<RawContact>,
    #[serde(default)]
    references: Vec<Spanned<RawReference>>,
    // What breach-notification laws ask for; see crate::law.
    discovered: Option<Spanned<String>>,
    occurred: Option<Spanned<StringOr<crate::law::RawRange>>>,
    law_enforcement_delay: Option<Spanned<bool>>,
    offer: Option<Spanned<crate::law::RawOffer>>,
    /// The advisory that first told of the breach this one follows up on.
    continues: Option<Spanned<String>>,
    #[serde(default)]
    related: Vec<Spanned<String>>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    withdrawn: Option<Spanned<RawWithdrawn>>,
    notice: Option<RawNotice>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWithdrawn {
    at: Spanned<String>,
    text: RawText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVendor {
    id: Option<Spanned<String>>,
    name: Spanned<StringOr<BTreeMap<String, Spanned<String>>>>,
    url: Option<Spanned<String>>,
    role: Option<RawText>,
    status: Option<VendorStatus>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawData {
    exposed: Vec<Spanned<StringOr<RawDataItem>>>,
    #[serde(default)]
    possibly_exposed: Vec<Spanned<StringOr<RawDataItem>>>,
    not_exposed: Vec<Spanned<StringOr<RawDataItem>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDataItem {
    id: Spanned<String>,
    note: Option<RawText>,
    label: Option<RawText>,
    /// With `label`: the inline class is a special category (GDPR Art. 9).
    #[serde(default)]
    special: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDated {
    at: Spanned<String>,
    text: RawText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAction {
    at: Option<Spanned<String>>,
    text: RawText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUpdate {
    at: Spanned<String>,
    status: Option<Status>,
    text: RawText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReference {
    title: RawText,
    url: Spanned<String>,
    lang: Option<Spanned<String>>,
}

/// What the pipeline gets: the incidents to build and everything worth saying.
pub struct Loaded {
    pub incidents: Vec<Incident>,
    pub diagnostics: Diagnostics,
    /// The ids of the folders whose errors kept them from loading: the link
    /// phase, run over what did load, must not call a link to one of them
    /// "no such advisory".
    pub failed: Vec<String>,
}

/// Loads every incident under `content/incidents/`. Without `drafts`, drafts'
/// errors become warnings; they are loaded all the same, and
/// [`crate::site::Site`] keeps them (and scheduled ones) out of the build.
pub fn load(config: &Config, vocab: &Vocabulary, drafts: bool) -> Loaded {
    let root = &config.root;
    let dir = root.join(INCIDENTS_DIR);
    let mut diagnostics = Diagnostics::default();
    let mut folders = Vec::new();
    for d in [root.join("content"), dir.clone()] {
        if let Err(e) = bayan_text::fsx::check_inside(root, &d) {
            diagnostics.push(e);
            return Loaded {
                incidents: Vec::new(),
                diagnostics,
                failed: Vec::new(),
            };
        }
    }
    if std::fs::symlink_metadata(&dir).is_ok() && !dir.is_dir() {
        diagnostics.push(Diagnostic::error(
            INCIDENTS_DIR,
            "",
            "must be a folder holding one folder per incident, not a file",
        ));
    } else if dir.is_dir() {
        let walker = walkdir::WalkDir::new(&dir)
            .min_depth(1)
            .max_depth(1)
            .sort_by_file_name();
        for entry in walker {
            match entry {
                Ok(e) if is_ignored(e.file_name()) => {}
                Ok(e) if e.file_type().is_dir() || e.path_is_symlink() && e.path().is_dir() => {
                    folders.push(e.into_path())
                }
                Ok(e) => diagnostics.push(Diagnostic::error(
                    &display_path(root, e.path()),
                    "",
                    "only incident folders belong in content/incidents/; move this file into one",
                )),
                Err(e) => diagnostics.push(Diagnostic::error(
                    INCIDENTS_DIR,
                    "",
                    format!("cannot read: {e}"),
                )),
            }
        }
    }
    let results: Vec<(Option<Incident>, Diagnostics)> = folders
        .par_iter()
        .map(|f| load_one(config, vocab, f, drafts))
        .collect();
    let mut incidents = Vec::with_capacity(results.len());
    let mut failed = Vec::new();
    for ((inc, d), folder) in results.into_iter().zip(&folders) {
        if inc.is_none() && d.has_errors() {
            failed.push(folder_id(folder));
        }
        diagnostics.extend(d);
        incidents.extend(inc);
    }
    Loaded {
        incidents,
        diagnostics,
        failed,
    }
}

fn is_ignored(name: &std::ffi::OsStr) -> bool {
    bayan_text::fsx::is_ignored(&name.to_string_lossy())
}

/// An incident's id: its folder's name.
fn folder_id(dir: &Path) -> String {
    dir.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Loads one incident folder: the incident (when valid and wanted) and what is
/// wrong with it.
pub fn load_one(
    config: &Config,
    vocab: &Vocabulary,
    dir: &Path,
    drafts: bool,
) -> (Option<Incident>, Diagnostics) {
    let root = &config.root;
    let id = folder_id(dir);
    let mut diags = Diagnostics::default();
    if !IncidentId::valid(&id) {
        diags.push(Diagnostic::error(
            &display_path(root, dir),
            "",
            format!("folder name `{id}` is not a valid incident id: use lower-case ASCII letters, digits and hyphens, such as `2025-11-vendor-breach`"),
        ));
        return (None, diags);
    }
    if let Err(d) = bayan_text::fsx::check_inside(root, dir) {
        diags.push(d);
        return (None, diags);
    }
    let text = match bayan_text::fsx::read_text(root, &dir.join("incident.yaml")) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return (None, diags);
        }
    };
    let (mut inc, mut diags) = load_text(config, vocab, dir, &text, drafts);
    if let Some(inc) = inc.as_mut() {
        let mut lag = crate::translations::check(config, inc);
        if inc.draft && !drafts {
            lag.demote_to_warnings();
        }
        diags.extend(lag);
    }
    (inc, diags)
}

/// Parses and checks `text` as the incident.yaml of the folder `dir` (whose
/// bodies and attachments are read from disk). Split from [`load_one`] so the
/// fuzzer can drive the parser and every check without writing files.
pub fn load_text(
    config: &Config,
    vocab: &Vocabulary,
    dir: &Path,
    text: &str,
    drafts: bool,
) -> (Option<Incident>, Diagnostics) {
    let id = folder_id(dir);
    let file = display_path(&config.root, &dir.join("incident.yaml"));
    let raw = match parse_record(config, vocab, &id, dir, &file, text, false) {
        Ok(r) => r,
        Err(mut diags) => {
            if looks_like_draft(text) && !drafts {
                diags.demote_to_warnings();
            }
            return (None, diags);
        }
    };
    let is_draft = raw.draft;
    if is_draft && !drafts {
        // Checked all the same so the author hears about problems early, as
        // warnings. The incident is handed on so the site knows it exists (a
        // link to it is then "a draft", not "no such advisory"); the site holds
        // it back from every output.
        let (inc, mut d) = check(config, vocab, &id, dir, &file, raw);
        d.demote_to_warnings();
        return (inc, d);
    }
    let (inc, d) = check(config, vocab, &id, dir, &file, raw);
    (inc, d)
}

/// `check --ready ID`: the incident in `dir` checked as if it were published,
/// `draft: true` or not, so every `TODO` and author's comment is an error.
pub fn load_as_published(
    config: &Config,
    vocab: &Vocabulary,
    dir: &Path,
) -> (Option<Incident>, Diagnostics) {
    let root = &config.root;
    let file = display_path(root, &dir.join("incident.yaml"));
    let mut diags = Diagnostics::default();
    let text = match bayan_text::fsx::read_text(root, &dir.join("incident.yaml")) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return (None, diags);
        }
    };
    match parse_record(config, vocab, &folder_id(dir), dir, &file, &text, true) {
        Ok(mut raw) => {
            raw.draft = false;
            let (mut inc, mut diags) = check(config, vocab, &folder_id(dir), dir, &file, raw);
            if let Some(inc) = inc.as_mut() {
                diags.extend(crate::translations::check(config, inc));
            }
            (inc, diags)
        }
        Err(d) => (None, d),
    }
}

/// Parses the incident.yaml `text`. When it does not parse, the error is not left
/// at the first field the parser meets: every failing field is reported, the rest
/// of the record is checked as usual, and so are the Markdown bodies, so one run
/// names everything wrong with the advisory. `as_published`: as `check --ready`.
fn parse_record(
    config: &Config,
    vocab: &Vocabulary,
    id: &str,
    dir: &Path,
    file: &str,
    text: &str,
    as_published: bool,
) -> Result<RawIncident, Diagnostics> {
    let partial = match bayan_text::yaml::parse_by_field::<RawIncident>(file, text, stand_in) {
        Ok(raw) => return Ok(raw),
        Err(p) => p,
    };
    let mut diags = Diagnostics::default();
    diags.extend_from(partial.errors);
    // Other fields are checked against `status` and `published`: with a stand-in
    // for either, those checks would make errors up, so only the bodies are checked.
    let trusted = !partial
        .failed
        .iter()
        .any(|k| UNTRUSTED_STAND_INS.contains(&k.as_str()));
    if let Some(mut raw) = partial.rest.filter(|_| trusted) {
        if as_published {
            raw.draft = false;
        }
        let (_, rest) = check(config, vocab, id, dir, file, raw);
        let failed = &partial.failed;
        diags.extend_from(rest.into_vec().into_iter().filter(|d| {
            d.file != file || !failed.iter().any(|k| bayan_text::yaml::under(&d.path, k))
        }));
    } else {
        let draft = !as_published && looks_like_draft(text);
        diags.extend(folder(config, id, dir, draft).diags);
    }
    Err(diags)
}

/// A value that parses in place of a required field that does not, so that the
/// rest of a broken record is still read (and a required field that is missing
/// found too).
fn stand_in(key: &str) -> Option<&'static str> {
    match key {
        "title" | "summary" | "affected" => Some("{}"),
        "severity" => Some("low"),
        "status" => Some("resolved"),
        "published" => Some("\"2000-01-01\""),
        "data" => Some("{exposed: [], not_exposed: []}"),
        "advice" => Some("[]"),
        _ => None,
    }
}

/// The stand-ins other fields are checked against (updates against the status,
/// dates against publication): with one in place the rest is not checked.
const UNTRUSTED_STAND_INS: &[&str] = &["status", "published"];

/// A draft whose YAML does not parse is still a draft: its errors must not stop a
/// build that leaves drafts out.
fn looks_like_draft(text: &str) -> bool {
    text.lines().any(|l| {
        let l = l.split('#').next().unwrap_or("").trim_end();
        l.strip_prefix("draft:").is_some_and(|v| v.trim() == "true")
    })
}

/// Reads the folder's attachments and bodies, then checks a parsed record one
/// section at a time, in the order its fields are written; the incident is
/// built only if nothing anywhere is wrong.
fn check(
    config: &Config,
    vocab: &Vocabulary,
    id: &str,
    dir: &Path,
    file: &str,
    raw: RawIncident,
) -> (Option<Incident>, Diagnostics) {
    // The folder first: texts, like bodies, may link the advisory's attachments.
    let Folder {
        attachment_bytes,
        attachments,
        bodies,
        mut body_links,
        diags: file_diags,
    } = folder(config, id, dir, raw.draft);
    let langs = &config.languages;
    let mut c = Checker::new(file, langs);
    c.allow_placeholders = raw.draft;
    c.routes = Some(bayan_text::routes::Routes::new(
        &config.base,
        config.url_style,
    ));
    c.attachments = Some((&attachments, id));
    let tz = &config.timezone;
    let heading = heading(&mut c, &raw, tz);
    let vendors = vendors(&mut c, &raw.vendors);
    let reach = reach(&mut c, &raw);
    let (data, _) = data_groups(&mut c, vocab, &raw.data);
    let timeline = timeline(&mut c, &raw.timeline, tz);
    let actions = actions(&mut c, &raw.actions, tz);
    let advice = advice(&mut c, &raw.advice);
    let updates = updates(&mut c, &raw.updates, heading.published, tz);
    status_agrees(&mut c, &raw.status, &updates);
    let lifecycle = lifecycle(&mut c, &raw, id, heading.published, tz);
    let contact_override = contact_override(&mut c, raw.contact.as_ref());
    let references = references(&mut c, &raw.references);
    let legal = legal(&mut c, &raw, tz);
    let notice = notice_fields(&mut c, raw.notice.as_ref());

    let texts = std::mem::take(&mut c.texts);
    let mut cross_links: Vec<CrossLink> = std::mem::take(&mut c.cross);
    cross_links.append(&mut body_links);
    let mut diags = c.diags;
    diags.extend(file_diags);
    if diags.has_errors() {
        return (None, diags);
    }
    let Heading {
        title,
        summary,
        published,
        updated,
    } = heading;
    let (Some(title), Some(summary), Some(published), Some(affected), Some(bodies)) =
        (title, summary, published, reach.affected, bodies)
    else {
        return (None, diags);
    };
    let last_updated = std::iter::once(published)
        .chain(updated)
        .chain(updates.iter().map(|u| u.at))
        .max_by_key(|w| w.ts)
        .unwrap_or(published);
    let incident = Incident {
        id: crate::model::IncidentId::checked(id),
        dir: dir.to_path_buf(),
        title,
        summary,
        status: raw.status.value,
        severity: raw.severity.value,
        published,
        updated,
        last_updated,
        draft: raw.draft,
        vendors,
        affected,
        not_affected: reach.not_affected,
        affected_count: reach.affected_count,
        likely_consequences: reach.likely_consequences,
        data,
        timeline,
        actions,
        advice,
        updates,
        contact: config.contact.merged(&contact_override),
        references,
        bodies,
        attachments,
        attachment_bytes,
        legal,
        continues: lifecycle.continues,
        related: lifecycle.related,
        aliases: lifecycle.aliases,
        withdrawn: lifecycle.withdrawn,
        scheduled: false,
        cross_links,
        lag: Default::default(),
        notice,
        texts,
    };
    (Some(incident), diags)
}

/// What names and dates an advisory: its title and summary, and when it was
/// published and last updated. `None` where the field is wrong (already reported).
struct Heading {
    title: Option<Text>,
    summary: Option<Text>,
    published: Option<When>,
    updated: Option<When>,
}

/// `title` (which may not hold a link), `summary`, `published` and `updated`,
/// which may not come before `published`.
fn heading(c: &mut Checker, raw: &RawIncident, tz: &jiff::tz::TimeZone) -> Heading {
    let title = c.text(&raw.title, "title");
    // A title is itself a link in listings and feeds; a link inside it would nest.
    no_links(
        c,
        &raw.title,
        title.as_ref(),
        "title",
        "a title cannot contain a link or a bare URL or email",
    );
    let summary = c.text(&raw.summary, "summary");
    let published = date(c, &raw.published, "published", tz);
    let updated = raw.updated.as_ref().and_then(|u| date(c, u, "updated", tz));
    if let (Some(p), Some(u)) = (published, updated)
        && u.ts < p.ts
    {
        let shown = |s: &Spanned<String>| s.value.trim().to_owned();
        c.error(
            "updated",
            raw.updated.as_ref().and_then(pos_of),
            format!(
                "`{}` is earlier than `published` (`{}`); `updated` is the last change, so it cannot come before publication",
                raw.updated.as_ref().map(shown).unwrap_or_default(),
                shown(&raw.published)
            ),
        );
    }
    Heading {
        title,
        summary,
        published,
        updated,
    }
}

/// `vendors[]`: the valid ones, each checked by [`vendor`], then no two with the
/// same id.
fn vendors(c: &mut Checker, raw: &[Spanned<RawVendor>]) -> Vec<Vendor> {
    let vendors: Vec<Vendor> = raw
        .iter()
        .enumerate()
        .filter_map(|(i, v)| vendor(c, v, i))
        .collect();
    for (i, v) in vendors.iter().enumerate() {
        if let Some(first) = vendors[..i].iter().position(|o| o.id == v.id) {
            c.error(
                &format!("vendors[{}]", v.index),
                v.pos,
                format!(
                    "vendor id `{}` is also that of vendors[{}]; list a vendor once, or give each its own `id`",
                    v.id, vendors[first].index
                ),
            );
        }
    }
    vendors
}

/// Who is affected and what it means for them. `affected` is `None` when wrong
/// (already reported).
struct Reach {
    affected: Option<Text>,
    not_affected: Option<Text>,
    affected_count: Option<Count>,
    likely_consequences: Option<Text>,
}

/// `affected`, `not_affected`, `affected_count` and `likely_consequences`.
fn reach(c: &mut Checker, raw: &RawIncident) -> Reach {
    let affected = c.text(&raw.affected, "affected");
    let not_affected = c.opt_text(&raw.not_affected, "not_affected");
    let affected_count = raw.affected_count.as_ref().map(|s| match &s.value {
        RawCount::Plain(v) => Count {
            value: *v,
            qualifier: Default::default(),
        },
        RawCount::Qualified(q) => Count {
            value: q.value,
            qualifier: q.qualifier,
        },
    });
    let likely_consequences = c.opt_text(&raw.likely_consequences, "likely_consequences");
    Reach {
        affected,
        not_affected,
        affected_count,
        likely_consequences,
    }
}

/// `timeline[]`: each entry's date and text; an entry with either wrong is left
/// out.
fn timeline(c: &mut Checker, raw: &[Spanned<RawDated>], tz: &jiff::tz::TimeZone) -> Vec<Dated> {
    raw.iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let path = format!("timeline[{i}]");
            let at = date(c, &t.value.at, &format!("{path}.at"), tz);
            let text = c.text(&t.value.text, &format!("{path}.text"));
            Some(Dated {
                at: Some(at?),
                text: text?,
            })
        })
        .collect()
}

/// `actions[]`: what was done, each with an optional date.
fn actions(c: &mut Checker, raw: &[Spanned<RawAction>], tz: &jiff::tz::TimeZone) -> Vec<Dated> {
    raw.iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let path = format!("actions[{i}]");
            let at = match &a.value.at {
                Some(at) => Some(date(c, at, &format!("{path}.at"), tz)?),
                None => None,
            };
            Some(Dated {
                at,
                text: c.text(&a.value.text, &format!("{path}.text"))?,
            })
        })
        .collect()
}

/// `advice[]`: what readers should do now; at least one piece is required.
fn advice(c: &mut Checker, raw: &Spanned<Vec<RawText>>) -> Vec<Text> {
    if raw.value.is_empty() {
        c.error(
            "advice",
            pos_of(raw),
            "give at least one piece of advice: what should readers do now?",
        );
    }
    raw.value
        .iter()
        .enumerate()
        .filter_map(|(i, a)| c.text(a, &format!("advice[{i}]")))
        .collect()
}

/// `updates[]`, newest first: none may come before `published`, and each keeps
/// where it was written for the checks over the whole site.
fn updates(
    c: &mut Checker,
    raw: &[Spanned<RawUpdate>],
    published: Option<When>,
    tz: &jiff::tz::TimeZone,
) -> Vec<Update> {
    let mut updates: Vec<Update> = raw
        .iter()
        .enumerate()
        .filter_map(|(i, u)| {
            let path = format!("updates[{i}]");
            let at = date(c, &u.value.at, &format!("{path}.at"), tz)?;
            if published.is_some_and(|p| at.ts < p.ts) {
                c.error(
                    &format!("{path}.at"),
                    pos_of(&u.value.at),
                    "is earlier than `published`",
                );
            }
            let text = c.text(&u.value.text, &format!("{path}.text"))?;
            Some(Update {
                at,
                status: u.value.status,
                text,
                source: crate::model::Source {
                    index: i,
                    pos: pos_of(&u.value.at),
                },
            })
        })
        .collect();
    updates.sort_by_key(|u| std::cmp::Reverse(u.at));
    updates
}

/// How the advisory stands among the others: those it relates to, its earlier
/// ids, and whether it was withdrawn.
struct Lifecycle {
    continues: Option<Named>,
    related: Vec<Named>,
    aliases: Vec<Named>,
    withdrawn: Option<Withdrawn>,
}

/// `continues`, `related[]` and `aliases[]` (see [`named_ids`]), and
/// `withdrawn`, whose date may not come before `published`.
fn lifecycle(
    c: &mut Checker,
    raw: &RawIncident,
    id: &str,
    published: Option<When>,
    tz: &jiff::tz::TimeZone,
) -> Lifecycle {
    let continues = raw
        .continues
        .as_ref()
        .and_then(|s| named_id(c, s, "continues", 0, id));
    let related = named_ids(c, &raw.related, "related", id);
    let aliases = named_ids(c, &raw.aliases, "aliases", id);
    let withdrawn = raw.withdrawn.as_ref().and_then(|w| {
        let at = date(c, &w.value.at, "withdrawn.at", tz);
        if let (Some(at), Some(p)) = (at, published)
            && at.ts < p.ts
        {
            c.error(
                "withdrawn.at",
                pos_of(&w.value.at),
                "is earlier than `published`; an advisory is withdrawn after it was published",
            );
        }
        let text = c.text(&w.value.text, "withdrawn.text");
        Some(Withdrawn {
            at: at?,
            text: text?,
        })
    });
    Lifecycle {
        continues,
        related,
        aliases,
        withdrawn,
    }
}

/// `contact`: this advisory's own contact fields, over the site's.
fn contact_override(c: &mut Checker, raw: Option<&RawContact>) -> ContactOverride {
    raw.map(|rc| contact_fields(c, rc, "contact"))
        .unwrap_or_default()
}

/// `references[]`: each title (shown as its link, so holding none), URL and
/// optional language.
fn references(c: &mut Checker, raw: &[Spanned<RawReference>]) -> Vec<Reference> {
    raw.iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let path = format!("references[{i}]");
            let title = c.text(&r.value.title, &format!("{path}.title"));
            // A reference's title is shown inside its own link.
            no_links(
                c,
                &r.value.title,
                title.as_ref(),
                &format!("{path}.title"),
                "a reference's title is shown as its link, so it cannot contain a link or a bare URL or email",
            );
            let url = c.url(&r.value.url, &format!("{path}.url"));
            let lang = match &r.value.lang {
                None => None,
                Some(l) => match Lang::parse(l.value.trim()) {
                    Some(l) => Some(l),
                    None => {
                        c.error(
                            &format!("{path}.lang"),
                            pos_of(l),
                            format!("`{}` is not a language code such as `en` or `ar`", l.value),
                        );
                        return None;
                    }
                },
            };
            Some(Reference {
                title: title?,
                url: url?,
                lang,
            })
        })
        .collect()
}

/// `discovered`, `occurred`, `law_enforcement_delay` and `offer`: what
/// breach-notification laws ask for (see [`crate::law::check_fields`]).
fn legal(c: &mut Checker, raw: &RawIncident, tz: &jiff::tz::TimeZone) -> crate::law::Legal {
    crate::law::check_fields(
        c,
        crate::law::RawLegal {
            published: &raw.published,
            discovered: raw.discovered.as_ref(),
            occurred: raw.occurred.as_ref(),
            law_enforcement_delay: raw.law_enforcement_delay.as_ref(),
            offer: raw.offer.as_ref(),
        },
        tz,
    )
}

/// A warning when `status` is not what the latest update says: readers see
/// both, one in the header and one in the latest-update box.
fn status_agrees(c: &mut Checker, status: &Spanned<Status>, updates: &[Update]) {
    let Some(latest) = updates.iter().find(|u| u.status.is_some()) else {
        return;
    };
    let Some(said) = latest.status.filter(|s| *s != status.value) else {
        return;
    };
    c.diags.push(
        Diagnostic::warning(
            c.file,
            "status",
            format!(
                "is `{}`, but the latest update (`updates[{}]`) says `{}`; readers see both: set `status: {}`, or give that update the advisory's status",
                status.value.key(),
                latest.source.index,
                said.key(),
                said.key()
            ),
        )
        .at(pos_of(status)),
    );
}

/// Advisory ids listed in `field` (`related`, `aliases`): valid ids, each once,
/// never the advisory's own. Whether they exist is the link phase's check.
fn named_ids(c: &mut Checker, raw: &[Spanned<String>], field: &str, own: &str) -> Vec<Named> {
    let mut out: Vec<Named> = Vec::new();
    for (i, s) in raw.iter().enumerate() {
        let path = format!("{field}[{i}]");
        let Some(named) = named_id(c, s, &path, i, own) else {
            continue;
        };
        if let Some(first) = out.iter().find(|n| n.id == named.id) {
            let written = s.value.trim();
            c.error(
                &path,
                pos_of(s),
                format!(
                    "`{written}` is listed twice (also `{field}[{}]`)",
                    first.source.index
                ),
            );
            continue;
        }
        out.push(named);
    }
    out
}

/// One advisory id at `path` (`continues`, `related[2]`): a valid id without
/// hidden characters, never the advisory's own.
fn named_id(
    c: &mut Checker,
    s: &Spanned<String>,
    path: &str,
    index: usize,
    own: &str,
) -> Option<Named> {
    let written = s.value.trim();
    if !c.no_hidden(s, path) {
        return None;
    }
    let Some(id) = IncidentId::parse(written) else {
        c.error(
            path,
            pos_of(s),
            format!("`{written}` is not an advisory id (an incident folder's name: lower-case letters, digits and hyphens)"),
        );
        return None;
    };
    if written == own {
        let why = if path.starts_with("aliases") {
            "an alias is an earlier id of this advisory, not its current one"
        } else if path == "continues" {
            "`continues` names the earlier advisory that first told of the breach"
        } else {
            "an advisory cannot be related to itself"
        };
        c.error(
            path,
            pos_of(s),
            format!("`{written}` is this advisory's own id; {why}"),
        );
        return None;
    }
    Some(Named {
        id,
        source: crate::model::Source {
            index,
            pos: pos_of(s),
        },
    })
}

/// `notice:` in incident.yaml: what the advisory's notices say instead of the theme.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNotice {
    sms: Option<RawText>,
}

/// `notice.sms`, checked like every text, and as one plain sentence: a phone
/// shows an SMS as typed, so Markdown would arrive as stray characters and a
/// link would be a second address beside the advisory's (what phishing does).
/// Whether the whole SMS fits is checked where it is composed
/// ([`crate::notice`]), at these positions.
fn notice_fields(c: &mut Checker, raw: Option<&RawNotice>) -> NoticeTexts {
    let Some(raw) = raw.and_then(|r| r.sms.as_ref()) else {
        return NoticeTexts::default();
    };
    let sms = c.text(raw, "notice.sms");
    let mut sms_pos = Vec::new();
    for lang in c.langs {
        let Some(v) = raw.value.get(lang.as_str()) else {
            continue;
        };
        sms_pos.push((lang.clone(), pos_of(v)));
        let Some(entry) = sms.as_ref().map(|t| t.get(lang)) else {
            continue;
        };
        let src = &entry.src;
        let words = src.split_whitespace().collect::<Vec<_>>().join(" ");
        let path = format!("notice.sms.{lang}");
        let problem = if entry.html().contains("<a ") {
            Some("an SMS carries one address, the advisory's, which bayan adds: remove the link, URL or email from the sentence".to_owned())
        } else if markdown::plain_text(src) != words {
            Some("an SMS is shown as typed: write plain text, without Markdown (`*`, `_`, `` ` ``, `[…]`, HTML)".to_owned())
        } else if src.contains(['\n', '\r']) {
            Some("an SMS sentence is one line: remove the line break".to_owned())
        } else {
            second_sentence(src).map(|at| format!(
                "an SMS says one sentence (the organisation's name and the advisory's URL are added around it); a second begins at character {at}: shorten it to one"
            ))
        };
        if let Some(p) = problem {
            c.error(&path, pos_of(v), p);
        }
    }
    NoticeTexts { sms, sms_pos }
}

/// Where a second sentence begins in `s` (a character number from 1): after a
/// full stop, `!`, `?`, `؟` or `۔` and a space, a capital or a letter of a script
/// without case (Arabic). "e.g. the" is one sentence.
fn second_sentence(s: &str) -> Option<usize> {
    let chars: Vec<char> = s.chars().collect();
    (1..chars.len()).find_map(|i| {
        let ends = matches!(chars[i - 1], '.' | '!' | '?' | '؟' | '۔');
        let next = chars[i..].iter().position(|c| !c.is_whitespace())? + i;
        let starts = next > i && chars[next].is_alphabetic() && !chars[next].is_lowercase();
        (ends && starts).then_some(next + 1)
    })
}

/// A text shown inside a link (a title, a reference's title) cannot hold a link of
/// its own: `<a>` inside `<a>` is invalid and browsers split it unpredictably.
fn no_links(c: &mut Checker, raw: &RawText, text: Option<&Text>, path: &str, message: &str) {
    let Some(text) = text else { return };
    for (code, v) in &raw.value {
        if c.langs
            .iter()
            .any(|l| l.as_str() == code && text.get(l).html().contains("<a "))
        {
            c.error(&format!("{path}.{code}"), pos_of(v), message);
        }
    }
}

fn date(
    c: &mut Checker,
    raw: &Spanned<String>,
    path: &str,
    tz: &jiff::tz::TimeZone,
) -> Option<When> {
    match dates::parse(&raw.value, tz) {
        Ok(w) => Some(w),
        Err(e) => {
            c.error(path, pos_of(raw), e);
            None
        }
    }
}

fn vendor(c: &mut Checker, raw: &Spanned<RawVendor>, index: usize) -> Option<Vendor> {
    let path = &format!("vendors[{index}]");
    let v = &raw.value;
    let name = crate::law::name(c, &v.name, &format!("{path}.name"))?;
    let url = v
        .url
        .as_ref()
        .and_then(|u| c.url(u, &format!("{path}.url")));
    let role = c.opt_text(&v.role, &format!("{path}.role"));
    let langs = c.langs;
    let id = crate::vendors::id(c, v.id.as_ref(), &name, langs, path, pos_of(raw))?;
    Some(Vendor {
        id,
        index,
        pos: pos_of(raw),
        name,
        url,
        role,
        status: v.status,
    })
}

const GROUPS: [&str; 3] = ["exposed", "possibly_exposed", "not_exposed"];

fn data_groups(c: &mut Checker, vocab: &Vocabulary, raw: &RawData) -> (DataGroups, Vec<ClassDef>) {
    let lists = [&raw.exposed, &raw.possibly_exposed, &raw.not_exposed];
    // Inline definitions first, so an item may use a class defined later in the file.
    let mut inline: Vec<ClassDef> = Vec::new();
    for (g, list) in GROUPS.iter().zip(lists) {
        for (i, item) in list.iter().enumerate() {
            if let StringOr::Map(m) = &item.value
                && let Some(label) = &m.label
            {
                let path = format!("data.{g}[{i}]");
                if vocab.label(m.id.value.trim()).is_some()
                    && !vocabulary::is_builtin(m.id.value.trim())
                {
                    c.error(
                        &format!("{path}.id"),
                        pos_of(&m.id),
                        format!(
                            "data class `{}` is already defined in site.yaml's vocabulary",
                            m.id.value.trim()
                        ),
                    );
                    continue;
                }
                let def = RawClassDef {
                    id: m.id.clone(),
                    label: label.clone(),
                    special: m.special,
                };
                if let Some(d) = vocabulary::check_def(c, &def, &path, pos_of(item), &inline) {
                    inline.push(d);
                }
            }
        }
    }
    let custom: Vec<&str> = vocab
        .ids()
        .filter(|i| !vocabulary::is_builtin(i))
        .chain(inline.iter().map(|d| d.id.as_str()))
        .collect();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut groups: [Vec<DataItem>; 3] = Default::default();
    for (gi, (g, list)) in GROUPS.iter().zip(lists).enumerate() {
        for (i, item) in list.iter().enumerate() {
            let path = format!("data.{g}[{i}]");
            let (id, id_pos, note) = match &item.value {
                StringOr::Str(s) => (s.trim().to_owned(), pos_of(item), None),
                StringOr::Map(m) => (
                    m.id.value.trim().to_owned(),
                    pos_of(&m.id).or(pos_of(item)),
                    m.note.as_ref(),
                ),
            };
            let (at, def) = match &item.value {
                StringOr::Map(m) => (m.id.referenced, m.id.defined),
                StringOr::Str(_) => (item.referenced, item.defined),
            };
            let raw_id = Spanned::new(id.clone(), at, def);
            if !c.no_hidden(&raw_id, &path) {
                continue;
            }
            let own = inline.iter().find(|d| d.id == id);
            let special = own.map_or_else(|| vocab.is_special(&id), |d| d.special);
            let label = own.map(|d| &d.label).or_else(|| vocab.label(&id));
            let Some(label) = label else {
                if id.is_empty() {
                    c.error(&path, id_pos, "data class id is blank");
                } else {
                    let label: Vec<String> = c.langs.iter().map(|l| format!("{l}: …")).collect();
                    c.error_suggest(
                        &path,
                        id_pos,
                        format!(
                            "unknown data class `{id}`: define it site-wide under `vocabulary:` in site.yaml, or inline here as `{{ id: {id}, label: {{ {} }} }}`",
                            label.join(", ")
                        ),
                        vocabulary::suggest(&id, &custom),
                    );
                }
                continue;
            };
            if let Some(first) = seen.get(&id) {
                let msg = if first == g {
                    format!("data class `{id}` is listed twice in `{g}`")
                } else {
                    format!(
                        "data class `{id}` is in both `{first}` and `{g}`; a class can be in only one group"
                    )
                };
                c.error(&path, id_pos, msg);
                continue;
            }
            seen.insert(id.clone(), (*g).to_owned());
            let note = note.and_then(|n| c.text(n, &format!("{path}.note")));
            groups[gi].push(DataItem {
                id,
                label: label.clone(),
                note,
                special,
            });
        }
    }
    let [exposed, possibly_exposed, not_exposed] = groups;
    (
        DataGroups {
            exposed,
            possibly_exposed,
            not_exposed,
        },
        inline,
    )
}

/// The files beside `incident.yaml` that readers can open, and what is wrong with
/// the folder's other entries.
fn attachments(config: &Config, dir: &Path, langs: &[Lang]) -> (Attachments, Diagnostics) {
    let root = &config.root;
    let mut diags = Diagnostics::default();
    let mut files = BTreeMap::new();
    let mut folded: BTreeMap<String, String> = BTreeMap::new();
    let entries = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name();
    for e in entries.into_iter().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let shown = display_path(root, e.path());
        if is_ignored(e.file_name()) || name == "incident.yaml" || name == crate::translations::FILE
        {
            continue;
        }
        if let Some(lang) = name.strip_suffix(".md") {
            // As with texts: the body of a language the site does not publish yet is
            // kept for later when every site language has its own.
            let published = langs.iter().any(|l| l.as_str() == lang);
            let prepared = || {
                Lang::parse(lang).is_some()
                    && langs.iter().all(|l| dir.join(format!("{l}.md")).is_file())
            };
            if !published && !prepared() {
                let codes: Vec<&str> = langs.iter().map(Lang::as_str).collect();
                diags.push(
                    Diagnostic::error(&shown, "", format!("`{lang}` is not one of the site's languages ({}); rename or remove this body", codes.join(", ")))
                        .suggest(bayan_text::diag::nearest(lang, codes.iter().copied()).map(|l| format!("{l}.md"))),
                );
            }
            continue;
        }
        if e.file_type().is_dir() {
            diags.push(Diagnostic::error(&shown, "", "folders inside an incident are not published; keep attachments beside incident.yaml"));
            continue;
        }
        let ext = name
            .rsplit_once('.')
            .map(|(_, x)| x.to_ascii_lowercase())
            .unwrap_or_default();
        if !ATTACHMENT_TYPES.contains(&ext.as_str()) {
            diags.push(Diagnostic::error(
                &shown,
                "",
                format!(
                    "not a file type bayan publishes ({}); move it out of the incident folder",
                    ATTACHMENT_TYPES.join(", ")
                ),
            ));
            continue;
        }
        if let Some(msg) = bayan_text::fsx::name_problem(&name) {
            diags.push(Diagnostic::error(&shown, "", msg));
            continue;
        }
        if let Some(other) = folded.insert(bayan_text::fsx::fold(&name), name.clone()) {
            diags.push(Diagnostic::error(
                &shown,
                "",
                format!("differs from `{other}` only by letter case or Unicode normalisation (NFC/NFD); many hosts fold case, so rename one"),
            ));
            continue;
        }
        // Read here, not when the page is written, so that every file that cannot
        // be read (or is a FIFO, a socket, a link out of content/) is named at
        // once, as a content error, and rendering reads nothing.
        let read = if ext == "svg" {
            bayan_text::svg::read_checked(root, e.path())
        } else {
            bayan_text::fsx::read_bytes(root, e.path()).map_err(|d| vec![d])
        };
        match read {
            Ok(bytes) => {
                files.insert(name, std::sync::Arc::from(bytes));
            }
            Err(ds) => diags.extend_from(ds),
        }
    }
    (files, diags)
}

/// What an incident's folder holds beside incident.yaml, read and checked.
struct Folder {
    attachment_bytes: Attachments,
    attachments: BTreeSet<String>,
    bodies: Option<BTreeMap<Lang, crate::model::Body>>,
    body_links: Vec<CrossLink>,
    diags: Diagnostics,
}

/// Reads the folder's attachments, then its bodies (which may link to them).
fn folder(config: &Config, id: &str, dir: &Path, draft: bool) -> Folder {
    let (attachment_bytes, mut diags) = attachments(config, dir, &config.languages);
    let attachments: BTreeSet<String> = attachment_bytes.keys().cloned().collect();
    let mut body_links = Vec::new();
    let bodies = bodies(
        config,
        id,
        dir,
        &attachments,
        draft,
        &mut diags,
        &mut body_links,
    );
    Folder {
        attachment_bytes,
        attachments,
        bodies,
        body_links,
        diags,
    }
}

/// An incident's attachments by name, with their bytes.
type Attachments = BTreeMap<String, std::sync::Arc<[u8]>>;

fn bodies(
    config: &Config,
    id: &str,
    dir: &Path,
    attachments: &BTreeSet<String>,
    draft: bool,
    diags: &mut Diagnostics,
    links: &mut Vec<CrossLink>,
) -> Option<BTreeMap<Lang, crate::model::Body>> {
    let root = &config.root;
    let mut out = BTreeMap::new();
    let mut ok = true;
    for lang in &config.languages {
        let path: PathBuf = dir.join(format!("{lang}.md"));
        let file = display_path(root, &path);
        if !path.exists() {
            ok = false;
            diags.push(Diagnostic::error(
                &file,
                "",
                format!(
                    "missing {} body: every incident needs {lang}.md beside incident.yaml",
                    language_name(lang.as_str())
                ),
            ));
            continue;
        }
        if std::fs::metadata(&path).is_ok_and(|m| m.len() > MAX_BODY_BYTES) {
            ok = false;
            diags.push(Diagnostic::error(
                &file,
                "",
                format!("body is larger than {} MiB", MAX_BODY_BYTES / 1024 / 1024),
            ));
            continue;
        }
        let src = match bayan_text::fsx::read_text(root, &path) {
            Ok(s) => s,
            Err(d) => {
                ok = false;
                diags.push(d);
                continue;
            }
        };
        if src.trim().is_empty() {
            ok = false;
            diags.push(Diagnostic::error(
                &file,
                "",
                format!("{} body is empty", language_name(lang.as_str())),
            ));
            continue;
        }
        if crate::text::is_placeholder(&src) {
            // In a draft, a warning: `check` shows what is left to write.
            let message = "placeholder text starting with `TODO`; write the body before publishing";
            let d = if draft {
                Diagnostic::warning(&file, "", message)
            } else {
                Diagnostic::error(&file, "", message)
            };
            diags.push(d.at(Some(Pos { line: 1, column: 1 })));
        }
        let routes = bayan_text::routes::Routes::new(&config.base, config.url_style);
        let base = routes.attachment_base(lang, id);
        let ctx = LinkContext {
            attachments: Some(attachments),
            attachment_base: &base,
            rtl: lang.direction() == bayan_text::lang::Direction::Rtl,
            digits: config.digits(lang),
            advisories: Some(markdown::AdvisoryLinks { routes, lang }),
        };
        let r = markdown::render_block(&src, &ctx, 3);
        let offsets: Vec<usize> = r.cross.iter().map(|x| x.offset).collect();
        for (x, pos) in r.cross.iter().zip(positions(&src, &offsets)) {
            links.push(CrossLink {
                lang: lang.clone(),
                target: IncidentId::checked(&x.id),
                anchor: x.anchor.clone(),
                file: file.clone(),
                path: String::new(),
                pos: Some(pos),
            });
        }
        let mut problems = r.problems;
        problems.extend(bayan_text::spoof::check_controls(&src));
        problems.extend(r.addresses);
        let offsets: Vec<usize> = problems.iter().map(|p| p.offset).collect();
        for (p, pos) in problems.into_iter().zip(positions(&src, &offsets)) {
            diags.push(Diagnostic::error(&file, "", p.message).at(Some(pos)));
        }
        // Like `TODO`, an author's comment is fine in a draft and an error once published.
        for p in r.comments.into_iter().filter(|_| !draft) {
            diags
                .push(Diagnostic::error(&file, "", p.message).at(Some(offset_pos(&src, p.offset))));
        }
        for p in r.warnings {
            diags.push(
                Diagnostic::warning(&file, "", p.message).at(Some(offset_pos(&src, p.offset))),
            );
        }
        out.insert(
            lang.clone(),
            crate::model::Body {
                html: r.html,
                source: src,
                anchors: r.anchors,
            },
        );
    }
    ok.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_sentence_is_found_in_latin_and_arabic() {
        assert_eq!(second_sentence("Your card may be exposed; details:"), None);
        assert_eq!(
            second_sentence("Act now, e.g. reset it. Details:"),
            Some(25)
        );
        assert_eq!(second_sentence("See e.g. the notice at"), None);
        assert_eq!(second_sentence("Version 2.5 is affected:"), None);
        assert_eq!(
            second_sentence("قد تكون بياناتك مكشوفة. التفاصيل:"),
            Some(25)
        );
        assert_eq!(second_sentence("Is it safe? Read:"), Some(13));
        assert_eq!(second_sentence("Ends here."), None);
    }

    #[test]
    fn draft_is_recognised_in_broken_yaml() {
        assert!(looks_like_draft("title: [\ndraft: true # wip\n"));
        assert!(!looks_like_draft("draft: false\n"));
    }

    #[test]
    fn offsets_become_lines_and_columns() {
        assert_eq!(offset_pos("ab\nشرح x", 10), Pos { line: 2, column: 5 });
    }
}
