//! Every advisory as a CSAF 2.0 document (profile `csaf_security_incident_response`),
//! for regulators, CERTs and aggregators, in CSAF's directory-based distribution
//! under `.well-known/csaf/`.
//!
//! One document per language: the original (`authoritative`, else the first
//! language) with the incident's id as tracking id, and a translation per other
//! language, as CSAF's translator clause asks: its own tracking id (`ID-LANG`),
//! `lang`, `source_lang`, and the original as its first reference. Each document
//! is owned by its incident, with its `.sha256` and `.sha512` beside it; the
//! index files that list every document (`index.rs`) are
//! shared, so watch mode redoes them on every rebuild.
//!
//! Keys are sorted (serde_json's map), as the standard recommends (5.3); every
//! string is non-empty and only the standard's properties appear, so a document
//! passes the reference validator's schema, mandatory and optional tests.

mod index;

use serde::Serialize;
use sha2::Digest;

use super::emit::{Ctx, Emitter, KeyCx, LangPrep, ListKey, Out, Part};
use crate::sink::OutputFile;
use bayan_site::model::{DataItem, Incident, Status};
use bayan_site::site::Site;
use bayan_text::dates::{self, When};
use bayan_text::error::Error;
use bayan_text::lang::Lang;

/// The CSAF documents of each incident, and (shared) the files that index them.
pub struct Csaf;

impl Emitter for Csaf {
    fn incident(&self, cx: &Ctx, inc: &Incident, out: &Out) -> Result<(), Error> {
        for doc in documents(cx.site, inc) {
            // Compact: CSAF asks for no layout, and browsers and `jq` indent it.
            let file = OutputFile::json(
                cx.routes.csaf_file(&doc.entry),
                &Root {
                    document: document(cx, inc, &doc),
                },
            );
            let name = doc.entry.rsplit('/').next().unwrap_or(&doc.entry);
            let sha256 = format!("{:x}  {name}\n", sha2::Sha256::digest(&file.bytes));
            let sha512 = format!("{:x}  {name}\n", sha2::Sha512::digest(&file.bytes));
            out.put(OutputFile::new(format!("{}.sha256", file.path), sha256))?;
            out.put(OutputFile::new(format!("{}.sha512", file.path), sha512))?;
            out.put(file)?;
        }
        Ok(())
    }

    /// The index files list every document with its current release date, which
    /// is what listings show of an advisory (its dates, withdrawal included), so
    /// they are redone with the lists, not on every rebuild.
    fn site(&self, cx: &Ctx, part: Part, out: &Out) -> Result<(), Error> {
        if part != Part::Lists {
            return Ok(());
        }
        index::files(cx).into_iter().try_for_each(|f| out.put(f))
    }

    /// Its documents as the index files list them: path, language, tracking id
    /// and current release date.
    fn list_key(&self, cx: &KeyCx, inc: &Incident, key: &mut ListKey) {
        for d in documents(cx.site, inc) {
            key.add(
                "csaf",
                &(
                    d.lang,
                    d.source_lang,
                    &d.tracking_id,
                    &d.entry,
                    dates::rfc3339(d.current_release),
                ),
            );
        }
    }
}

/// One CSAF document of an incident: which language, and where it lives.
pub struct Doc<'a> {
    pub lang: &'a Lang,
    /// `None` for the original, else the original's language.
    pub source_lang: Option<&'a Lang>,
    pub tracking_id: String,
    /// Its path under the distribution folder: `2025/ID.json`.
    pub entry: String,
    pub current_release: When,
}

/// The language CSAF documents are originals in: `authoritative`, else the first.
pub fn original_lang(site: &Site) -> &Lang {
    let c = &site.config;
    c.authoritative.as_ref().unwrap_or_else(|| c.default_lang())
}

/// The incident's documents: the original first, then one per other language in
/// the site's order.
pub fn documents<'a>(site: &'a Site, inc: &Incident) -> Vec<Doc<'a>> {
    let original = original_lang(site);
    let routes = site.routes();
    let year = inc.published.ts.to_zoned(jiff::tz::TimeZone::UTC).year();
    let current_release = revisions(inc)
        .last()
        .map_or(inc.published, |r| r.at)
        .max(inc.last_updated);
    let mut docs = vec![Doc {
        lang: original,
        source_lang: None,
        // Kept across a rename: the document the old id named is revised, not orphaned.
        tracking_id: inc.first_id().to_string(),
        entry: routes.csaf_entry(year, inc.first_id()),
        current_release,
    }];
    for lang in site.config.languages.iter().filter(|l| *l != original) {
        // CSAF's translator clause: the original's id with the language added.
        let tracking_id = format!("{}-{lang}", inc.first_id());
        docs.push(Doc {
            lang,
            source_lang: Some(original),
            entry: routes.csaf_entry(year, &tracking_id),
            tracking_id,
            current_release,
        });
    }
    docs
}

/// One entry of `/document/tracking/revision_history` before numbering.
struct Revision<'a> {
    at: When,
    kind: RevisionKind<'a>,
}

enum RevisionKind<'a> {
    Initial,
    Update(&'a bayan_site::model::Update),
    /// `updated` later than every update: a change with no entry of its own.
    Revised,
    /// `withdrawn:`, the last word on it.
    Withdrawn(&'a bayan_site::model::Withdrawn),
}

/// Publication, each update oldest first, and a later `updated`: numbered 1, 2, …
/// by date, as CSAF's integer versioning counts them.
fn revisions(inc: &Incident) -> Vec<Revision<'_>> {
    let mut out = vec![Revision {
        at: inc.published,
        kind: RevisionKind::Initial,
    }];
    let mut updates: Vec<_> = inc.updates.iter().collect();
    updates.sort_by_key(|u| u.at.ts);
    out.extend(updates.into_iter().map(|u| Revision {
        at: u.at,
        kind: RevisionKind::Update(u),
    }));
    if let Some(updated) = inc.updated
        && out.last().is_some_and(|r| updated.ts > r.at.ts)
    {
        out.push(Revision {
            at: updated,
            kind: RevisionKind::Revised,
        });
    }
    if let Some(w) = &inc.withdrawn {
        out.push(Revision {
            at: w.at,
            kind: RevisionKind::Withdrawn(w),
        });
    }
    // Oldest first whatever order the record gives (CSAF 6.1.14); ties keep theirs.
    out.sort_by_key(|r| r.at.ts);
    out
}

/// CSAF's date-time: UTC with `Z`.
fn utc(w: When) -> String {
    dates::rfc3339(w)
}

fn prep<'a, 'b>(cx: &'b Ctx<'a>, lang: &Lang) -> &'b LangPrep<'a> {
    cx.langs
        .iter()
        .find(|p| p.lang() == lang)
        .unwrap_or(&cx.langs[0])
}

/// A document, its keys in sorted order as the standard recommends (5.3).
#[derive(Serialize)]
struct Root<'a> {
    document: Document<'a>,
}

#[derive(Serialize)]
struct Document<'a> {
    aggregate_severity: Label,
    category: &'static str,
    csaf_version: &'static str,
    distribution: Distribution,
    lang: &'a Lang,
    notes: Vec<Note>,
    publisher: Publisher,
    references: Vec<Reference>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_lang: Option<&'a Lang>,
    title: &'a str,
    tracking: Tracking<'a>,
}

#[derive(Serialize)]
struct Label {
    text: String,
}

#[derive(Serialize)]
struct Distribution {
    tlp: Tlp,
}

#[derive(Serialize)]
struct Tlp {
    label: &'static str,
    url: &'static str,
}

#[derive(Serialize)]
struct Tracking<'a> {
    current_release_date: String,
    generator: Generator,
    id: &'a str,
    initial_release_date: String,
    revision_history: Vec<RevisionEntry>,
    status: &'static str,
    version: String,
}

#[derive(Serialize)]
struct Generator {
    engine: Engine,
}

#[derive(Serialize)]
struct Engine {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct RevisionEntry {
    date: String,
    number: String,
    summary: String,
}

/// `/document/publisher`.
#[derive(Serialize)]
pub struct Publisher {
    category: &'static str,
    contact_details: String,
    pub name: String,
    namespace: String,
}

#[derive(Serialize)]
struct Note {
    category: &'static str,
    text: String,
    title: String,
}

#[derive(Serialize)]
struct Reference {
    category: &'static str,
    summary: String,
    url: String,
}

/// The whole document in `doc`'s language.
fn document<'a>(cx: &'a Ctx, inc: &'a Incident, doc: &'a Doc) -> Document<'a> {
    let l = &prep(cx, doc.lang).cx;
    let s = |key: &str| l.i18n.strings.get(key).cloned().unwrap_or_default();
    let c = &cx.site.config;
    // A scheduled advisory, which only a preview builds, is not released either.
    let unreleased = !inc.is_public();
    let status = match (unreleased, inc.status) {
        (true, _) => "draft",
        // Until it is resolved, more revisions are expected.
        (false, Status::Resolved) => "final",
        (false, _) => "interim",
    };
    let history: Vec<RevisionEntry> = if unreleased {
        // Not yet released: one pre-release entry, version 0 (CSAF 6.1.17).
        vec![RevisionEntry {
            date: utc(inc.published),
            number: "0".to_owned(),
            summary: s("draft"),
        }]
    } else {
        revisions(inc)
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let summary = match &r.kind {
                    RevisionKind::Initial => s("csaf_initial_release"),
                    RevisionKind::Update(u) => l.plain(&u.text).to_owned(),
                    RevisionKind::Revised => s("csaf_revised"),
                    RevisionKind::Withdrawn(w) => format!(
                        "{}{}{}",
                        s("withdrawn_title"),
                        s("separator"),
                        l.plain(&w.text)
                    ),
                };
                RevisionEntry {
                    date: utc(r.at),
                    number: (i + 1).to_string(),
                    summary,
                }
            })
            .collect()
    };
    let version = history
        .last()
        .map_or_else(|| "0".to_owned(), |h| h.number.clone());
    Document {
        aggregate_severity: Label {
            text: l.severity(inc.severity).label,
        },
        category: "csaf_security_incident_response",
        csaf_version: "2.0",
        distribution: Distribution {
            tlp: Tlp {
                label: c.csaf.tlp.label(),
                url: "https://www.first.org/tlp/",
            },
        },
        lang: doc.lang,
        notes: notes(cx, inc, doc),
        publisher: publisher(cx, doc.lang),
        references: references(cx, inc, doc),
        source_lang: doc.source_lang,
        title: l.plain(&inc.title),
        tracking: Tracking {
            current_release_date: utc(doc.current_release),
            generator: Generator {
                engine: Engine {
                    name: "bayan",
                    version: env!("CARGO_PKG_VERSION"),
                },
            },
            id: &doc.tracking_id,
            initial_release_date: utc(inc.published),
            revision_history: history,
            status,
            version,
        },
    }
}

/// `/document/publisher` in `lang`: the organisation, its contact, the namespace.
pub fn publisher(cx: &Ctx, lang: &Lang) -> Publisher {
    let l = &prep(cx, lang).cx;
    let c = &cx.site.config;
    let s = |key: &str| l.i18n.strings.get(key).cloned().unwrap_or_default();
    let mut contact = vec![format!("{}: {}", s("contact_email"), c.contact.email)];
    if let Some(p) = &c.contact.phone {
        contact.push(format!("{}: {p}", s("contact_phone")));
    }
    if let Some(u) = &c.contact.url {
        contact.push(format!("{}: {u}", s("contact_url")));
    }
    Publisher {
        category: c.csaf.publisher_category,
        contact_details: contact.join("\n"),
        name: l.plain(&c.organization.name).to_owned(),
        namespace: c.csaf.namespace(&c.base),
    }
}

fn note(category: &'static str, title: String, text: impl Into<String>) -> Note {
    Note {
        category,
        text: text.into(),
        title,
    }
}

/// The record as notes, in the order of the advisory page.
fn notes(cx: &Ctx, inc: &Incident, doc: &Doc) -> Vec<Note> {
    let l = &prep(cx, doc.lang).cx;
    let s = |key: &str| l.i18n.strings.get(key).cloned().unwrap_or_default();
    let general = |key: &str, text: String| note("general", s(key), text);
    let date = |w: When| l.style.format(w, &cx.site.config.timezone);
    let mut out = vec![note("summary", s("summary"), l.plain(&inc.summary))];
    out.push(general("affected", l.plain(&inc.affected).to_owned()));
    if let Some(t) = &inc.not_affected {
        out.push(general("not_affected", l.plain(t).to_owned()));
    }
    if let Some(n) = inc.affected_count {
        let count = dates::format_count(n.value, cx.site.config.digits(doc.lang));
        let text = l
            .i18n
            .count
            .get(n.qualifier.key())
            .map_or(count.clone(), |p| p.replace("{count}", &count));
        out.push(general("affected_count", text));
    }
    if let Some(t) = &inc.likely_consequences {
        out.push(general("likely_consequences", l.plain(t).to_owned()));
    }
    let open = matches!(inc.status, Status::Investigating | Status::Identified);
    let group = |key: &str, items: &[DataItem], empty: &str| {
        let text = if items.is_empty() {
            s(empty)
        } else {
            items
                .iter()
                .map(|d| match &d.note {
                    Some(n) => format!("- {}: {}", l.plain(&d.label), l.plain(n)),
                    None => format!("- {}", l.plain(&d.label)),
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        note("general", l.title_join(&s("data_heading"), &s(key)), text)
    };
    let undetermined = if open {
        "csaf_undetermined"
    } else {
        "none_listed"
    };
    out.push(group("exposed", &inc.data.exposed, undetermined));
    if !inc.data.possibly_exposed.is_empty() {
        out.push(group("possibly_exposed", &inc.data.possibly_exposed, ""));
    }
    out.push(group("not_exposed", &inc.data.not_exposed, "none_listed"));
    if !inc.vendors.is_empty() {
        let lines = inc.vendors.iter().map(|v| {
            let mut line = format!("- {}", l.plain(&v.name));
            if let Some(u) = &v.url {
                line.push_str(&format!(" ({u})"));
            }
            if let Some(r) = &v.role {
                line.push_str(&format!(": {}", l.plain(r)));
            }
            if let Some(st) = v.status
                && let Some(label) = l.i18n.vendor_status.get(st.key())
            {
                line.push_str(&format!(" ({}: {label})", s("vendor_status")));
            }
            line
        });
        out.push(general("vendors", lines.collect::<Vec<_>>().join("\n")));
    }
    let dated = |list: &[bayan_site::model::Dated]| {
        list.iter()
            .map(|d| match d.at {
                Some(w) => format!("- {}: {}", date(w), l.plain(&d.text)),
                None => format!("- {}", l.plain(&d.text)),
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    if !inc.timeline.is_empty() {
        out.push(general("timeline", dated(&inc.timeline)));
    }
    if !inc.actions.is_empty() {
        out.push(general("actions", dated(&inc.actions)));
    }
    let advice: Vec<String> = inc
        .advice
        .iter()
        .map(|a| format!("- {}", l.plain(a)))
        .collect();
    out.push(general("advice", advice.join("\n")));
    if !inc.updates.is_empty() {
        let sep = s("separator");
        let lines = inc.updates.iter().map(|u| match u.status {
            Some(st) => format!(
                "- {}{sep}{}: {}",
                date(u.at),
                l.status(st).label,
                l.plain(&u.text)
            ),
            None => format!("- {}: {}", date(u.at), l.plain(&u.text)),
        });
        out.push(general("updates", lines.collect::<Vec<_>>().join("\n")));
    }
    if let Some(body) = inc.bodies.get(doc.lang) {
        // The body's Markdown as the author wrote it: it reads as text, and keeps
        // its links and lists.
        out.push(note("details", s("details"), body.source.trim().to_owned()));
    }
    let ct = &inc.contact;
    let mut contact = vec![format!("{}: {}", s("contact_email"), ct.email)];
    if let Some(p) = &ct.phone {
        contact.push(format!("{}: {p}", s("contact_phone")));
    }
    if let Some(u) = &ct.url {
        contact.push(format!("{}: {u}", s("contact_url")));
    }
    if let Some(h) = &ct.hours {
        contact.push(format!("{}: {}", s("contact_hours"), l.plain(h)));
    }
    out.push(general("contact", contact.join("\n")));
    if let Some(v) = &cx.site.config.verify {
        let mut text = Vec::new();
        if let Some(n) = &v.note {
            text.push(l.plain(n).to_owned());
        }
        if !v.domains.is_empty() {
            text.push(format!("{} {}", s("verify_domains"), v.domains.join(", ")));
        }
        if !text.is_empty() {
            out.push(general("verify", text.join("\n")));
        }
    }
    if let Some(a) = &cx.site.config.authoritative
        && a != doc.lang
    {
        let text = s("authoritative_note").replace("{language}", &l.language_name(a.as_str()));
        out.push(note("legal_disclaimer", s("csaf_disclaimer"), text));
    }
    out
}

fn reference(category: &'static str, summary: impl Into<String>, url: String) -> Reference {
    Reference {
        category,
        summary: summary.into(),
        url,
    }
}

/// The original first (in a translation), this document, the advisory's pages,
/// then the record's references and the vendors' sites.
fn references(cx: &Ctx, inc: &Incident, doc: &Doc) -> Vec<Reference> {
    let l = &prep(cx, doc.lang).cx;
    let s = |key: &str| l.i18n.strings.get(key).cloned().unwrap_or_default();
    let abs = |entry: &str| cx.site.file_abs(&cx.routes.csaf_file(entry));
    let docs = documents(cx.site, inc);
    let mut out = Vec::new();
    if let (Some(src), Some(original)) = (doc.source_lang, docs.first()) {
        let summary = s("csaf_original").replace("{language}", &l.language_name(src.as_str()));
        out.push(reference("self", summary, abs(&original.entry)));
    }
    out.push(reference("self", s("csaf_document"), abs(&doc.entry)));
    let mut langs: Vec<&Lang> = vec![doc.lang];
    langs.extend(cx.site.config.languages.iter().filter(|x| *x != doc.lang));
    for lang in langs {
        let summary = s("csaf_page").replace("{language}", &l.language_name(lang.as_str()));
        out.push(reference(
            "self",
            summary,
            cx.site.incident(lang, &inc.id).abs,
        ));
    }
    let before = out.len();
    for r in &inc.references {
        out.push(reference("external", l.plain(&r.title), r.url.clone()));
    }
    for v in &inc.vendors {
        if let Some(u) = &v.url {
            let summary = s("csaf_vendor").replace("{name}", l.plain(&v.name));
            out.push(reference("external", summary, u.clone()));
        }
    }
    if out.len() == before {
        // The profile asks for at least one external reference: where the record
        // names none, the organisation's security contact page, its site, or the
        // listing of every advisory.
        let c = &cx.site.config;
        let fallback = c
            .contact
            .url
            .as_ref()
            .map(|u| (s("contact"), u.clone()))
            .or_else(|| {
                c.organization
                    .url
                    .as_ref()
                    .map(|u| (l.plain(&c.organization.name).to_owned(), u.clone()))
            })
            .unwrap_or_else(|| (s("all_advisories"), cx.site.listing(doc.lang).abs));
        out.push(reference("external", fallback.0, fallback.1));
    }
    out
}
