//! The machine-readable copies: one JSON record per advisory, an index of all of
//! them, the JSON Schema of the YAML format and that of these copies
//! (`schema/record.schema.json`, see [`bayan_site::record_schema`]). Keys are
//! sorted (each struct below declares its fields in that order), so output is
//! stable; records are written straight from these borrowed views, with no tree
//! of values in between.
//!
//! Every text is given as written (`title`: inline Markdown, the author's line
//! breaks kept) and as plain text (`title_plain`: no Markdown, no line breaks,
//! runs of the other direction wrapped in Unicode isolates as in feed titles,
//! so it shows right in a plain text view). Bodies are given as written
//! (`body`): Markdown reads as text, as CSAF's `details` note gives it too, and a
//! plain twin would double the record for nothing a reader lacks.

use std::collections::BTreeMap;

use serde::Serialize;

use bayan_site::contact::Contact;
use bayan_site::model::{DataItem, Incident, Severity, Status, VendorStatus};
use bayan_site::text::Qualifier;
use bayan_text::dates::{self, When};

use super::emit::{Ctx, Emitter, KeyCx, ListKey, Out, Part};
use crate::sink::OutputFile;
use bayan_site::site::Site;
use bayan_site::text::Text;
use bayan_text::error::Error;

/// `incidents/{id}.json` per advisory, the index `incidents.json` of all of
/// them (a list), and the schema (shared).
pub struct Json;

impl Emitter for Json {
    fn incident(&self, cx: &Ctx, inc: &Incident, out: &Out) -> Result<(), Error> {
        out.put(OutputFile::json(
            cx.routes.incident_json(&inc.id),
            &record(cx.site, inc),
        ))
    }

    fn site(&self, cx: &Ctx, part: Part, out: &Out) -> Result<(), Error> {
        let site = cx.site;
        let c = &site.config;
        match part {
            Part::Lists => {
                // What a reader of the site can open: never a preview's draft or
                // scheduled advisory; a withdrawn one says so. Each entry is
                // serialized once (and kept, in watch mode) and joined into the
                // bytes serde writes for `{"incidents": [..], "site": {..}}`.
                let mut bytes = Vec::with_capacity(64 * 1024);
                bytes.extend_from_slice(b"{\"incidents\":[");
                for (n, inc) in site.public().enumerate() {
                    if n > 0 {
                        bytes.push(b',');
                    }
                    let entry = cx.fragments.index_entry(&inc.id, || {
                        serde_json::to_string(&index_entry(site, inc)).unwrap_or_default()
                    });
                    bytes.extend_from_slice(entry.as_bytes());
                }
                let info = SiteInfo {
                    base_url: &c.base.absolute,
                    languages: &c.languages,
                    timezone: &c.timezone_name,
                    title: text(&c.title),
                };
                bytes.extend_from_slice(b"],\"site\":");
                // Serialising bayan's views into memory cannot fail.
                let _ = serde_json::to_writer(&mut bytes, &info);
                bytes.extend_from_slice(b"}\n");
                out.put(OutputFile::new(cx.routes.index_json(), bytes))
            }
            Part::Shared => {
                let ids: Vec<&str> = site.vocabulary.ids().collect();
                let schema = bayan_site::schema::incident(&c.languages, &ids);
                out.put(OutputFile::json_pretty(cx.routes.schema(), &schema))?;
                let records = bayan_site::record_schema::record(&c.languages);
                out.put(OutputFile::json_pretty(cx.routes.record_schema(), &records))
            }
            Part::Static => Ok(()),
        }
    }

    /// Its entry in the index, which holds the public advisories, newest first.
    fn list_key(&self, cx: &KeyCx, inc: &Incident, key: &mut ListKey) {
        let entry = inc.is_public().then(|| index_entry(cx.site, inc));
        key.add("index", &(entry, bayan_text::dates::rfc3339(inc.published)));
    }
}

/// Per language, a text as written.
type ByLang<'a> = BTreeMap<&'a str, &'a str>;

#[derive(Serialize)]
struct SiteInfo<'a> {
    base_url: &'a str,
    languages: &'a [bayan_text::lang::Lang],
    timezone: &'a str,
    title: ByLang<'a>,
}

/// The advisory's own feed in each language.
fn feeds<'a>(site: &'a Site, inc: &Incident) -> BTreeMap<&'a str, String> {
    by_lang(site, |l| {
        site.file_abs(&site.routes().incident_feed(l, &inc.id))
    })
}

/// The advisory's page in each language.
fn urls<'a>(site: &'a Site, inc: &Incident) -> BTreeMap<&'a str, String> {
    by_lang(site, |l| site.incident(l, &inc.id).abs)
}

/// An advisory's entry in `incidents.json`.
#[derive(Serialize)]
struct IndexEntry<'a> {
    feeds: BTreeMap<&'a str, String>,
    id: &'a bayan_text::ids::IncidentId,
    json: String,
    last_updated: String,
    published: String,
    severity: Severity,
    status: Status,
    summary: ByLang<'a>,
    summary_plain: ByLang<'a>,
    title: ByLang<'a>,
    title_plain: ByLang<'a>,
    urls: BTreeMap<&'a str, String>,
    withdrawn: bool,
}

/// Its fields that the record has too (what names the advisory, when it was
/// published and last updated, where it is) are made by the same helpers.
fn index_entry<'a>(site: &'a Site, inc: &'a Incident) -> IndexEntry<'a> {
    IndexEntry {
        feeds: feeds(site, inc),
        id: &inc.id,
        json: site.file_abs(&site.routes().incident_json(&inc.id)),
        last_updated: when(site, inc.last_updated),
        published: when(site, inc.published),
        severity: inc.severity,
        status: inc.status,
        summary: text(&inc.summary),
        summary_plain: plain(&inc.summary),
        title: text(&inc.title),
        title_plain: plain(&inc.title),
        urls: urls(site, inc),
        withdrawn: inc.withdrawn.is_some(),
    }
}

fn text(t: &Text) -> ByLang<'_> {
    t.sources()
}

fn opt_text(t: &Option<Text>) -> Option<ByLang<'_>> {
    t.as_ref().map(text)
}

/// A text as a reader sees it, per language: see the module's note.
fn plain(t: &Text) -> ByLang<'_> {
    t.langs().map(|(l, e)| (l.as_str(), e.shown())).collect()
}

fn opt_plain(t: &Option<Text>) -> Option<ByLang<'_>> {
    t.as_ref().map(plain)
}

/// One value per site language, keyed by its code.
fn by_lang(site: &Site, f: impl Fn(&bayan_text::lang::Lang) -> String) -> BTreeMap<&str, String> {
    site.config
        .languages
        .iter()
        .map(|l| (l.as_str(), f(l)))
        .collect()
}

/// A date as the author gave it: a day stays a day, an instant is given in UTC.
fn when(site: &Site, w: When) -> String {
    if w.has_time {
        dates::rfc3339(w)
    } else {
        dates::iso_day(w, &site.config.timezone)
    }
}

#[derive(Serialize)]
struct Item<'a> {
    id: &'a str,
    label: ByLang<'a>,
    label_plain: ByLang<'a>,
    note: Option<ByLang<'a>>,
    note_plain: Option<ByLang<'a>>,
}

fn items(list: &[DataItem]) -> Vec<Item<'_>> {
    list.iter()
        .map(|d| Item {
            id: &d.id,
            label: text(&d.label),
            label_plain: plain(&d.label),
            note: opt_text(&d.note),
            note_plain: opt_plain(&d.note),
        })
        .collect()
}

#[derive(Serialize)]
struct ContactView<'a> {
    email: &'a str,
    hours: Option<ByLang<'a>>,
    hours_plain: Option<ByLang<'a>>,
    phone: Option<&'a str>,
    url: Option<&'a str>,
}

fn contact(c: &Contact) -> ContactView<'_> {
    ContactView {
        email: &c.email,
        hours: opt_text(&c.hours),
        hours_plain: opt_plain(&c.hours),
        phone: c.phone.as_deref(),
        url: c.url.as_deref(),
    }
}

#[derive(Serialize)]
struct DatedView<'a> {
    at: Option<String>,
    text: ByLang<'a>,
    text_plain: ByLang<'a>,
}

fn dated<'a>(site: &Site, list: &'a [bayan_site::model::Dated]) -> Vec<DatedView<'a>> {
    list.iter()
        .map(|d| DatedView {
            at: d.at.map(|w| when(site, w)),
            text: text(&d.text),
            text_plain: plain(&d.text),
        })
        .collect()
}

#[derive(Serialize)]
struct UpdateView<'a> {
    anchor: String,
    at: String,
    status: Option<Status>,
    text: ByLang<'a>,
    text_plain: ByLang<'a>,
    urls: BTreeMap<&'a str, String>,
}

/// The update history, newest first, each with its anchor on the advisory's
/// page and that address in every language.
fn updates<'a>(site: &'a Site, inc: &'a Incident) -> Vec<UpdateView<'a>> {
    let tz = &site.config.timezone;
    inc.updates
        .iter()
        .map(|u| {
            let anchor = site.routes().update_anchor(u.at, tz);
            UpdateView {
                urls: by_lang(site, |l| {
                    format!("{}#{anchor}", site.incident(l, &inc.id).abs)
                }),
                anchor,
                at: when(site, u.at),
                status: u.status,
                text: text(&u.text),
                text_plain: plain(&u.text),
            }
        })
        .collect()
}

#[derive(Serialize)]
struct WithdrawnView<'a> {
    at: String,
    text: ByLang<'a>,
    text_plain: ByLang<'a>,
}

#[derive(Serialize)]
struct VendorView<'a> {
    id: &'a str,
    name: ByLang<'a>,
    name_plain: ByLang<'a>,
    role: Option<ByLang<'a>>,
    role_plain: Option<ByLang<'a>>,
    status: Option<VendorStatus>,
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct ReferenceView<'a> {
    lang: Option<&'a bayan_text::lang::Lang>,
    title: ByLang<'a>,
    title_plain: ByLang<'a>,
    url: &'a str,
}

#[derive(Serialize)]
struct CountView {
    qualifier: Qualifier,
    value: u64,
}

#[derive(Serialize)]
struct DataView<'a> {
    exposed: Vec<Item<'a>>,
    not_exposed: Vec<Item<'a>>,
    possibly_exposed: Vec<Item<'a>>,
}

/// The whole record of an advisory, its fields in key order.
#[derive(Serialize)]
struct Record<'a> {
    actions: Vec<DatedView<'a>>,
    advice: Vec<ByLang<'a>>,
    advice_plain: Vec<ByLang<'a>>,
    affected: ByLang<'a>,
    affected_count: Option<CountView>,
    affected_plain: ByLang<'a>,
    aliases: Vec<&'a bayan_text::ids::IncidentId>,
    attachments: &'a std::collections::BTreeSet<String>,
    body: ByLang<'a>,
    contact: ContactView<'a>,
    continues: Option<&'a bayan_text::ids::IncidentId>,
    data: DataView<'a>,
    draft: bool,
    feeds: BTreeMap<&'a str, String>,
    follow_ups: Vec<&'a bayan_text::ids::IncidentId>,
    id: &'a bayan_text::ids::IncidentId,
    last_updated: String,
    likely_consequences: Option<ByLang<'a>>,
    likely_consequences_plain: Option<ByLang<'a>>,
    not_affected: Option<ByLang<'a>>,
    not_affected_plain: Option<ByLang<'a>>,
    published: String,
    references: Vec<ReferenceView<'a>>,
    related: Vec<&'a bayan_text::ids::IncidentId>,
    severity: Severity,
    status: Status,
    summary: ByLang<'a>,
    summary_plain: ByLang<'a>,
    timeline: Vec<DatedView<'a>>,
    title: ByLang<'a>,
    title_plain: ByLang<'a>,
    updated: Option<String>,
    updates: Vec<UpdateView<'a>>,
    urls: BTreeMap<&'a str, String>,
    vendors: Vec<VendorView<'a>>,
    withdrawn: Option<WithdrawnView<'a>>,
}

fn record<'a>(site: &'a Site, inc: &'a Incident) -> Record<'a> {
    Record {
        actions: dated(site, &inc.actions),
        advice: inc.advice.iter().map(text).collect(),
        advice_plain: inc.advice.iter().map(plain).collect(),
        affected: text(&inc.affected),
        affected_count: inc.affected_count.map(|c| CountView {
            qualifier: c.qualifier,
            value: c.value,
        }),
        affected_plain: plain(&inc.affected),
        aliases: inc.aliases.iter().map(|a| &a.id).collect(),
        attachments: &inc.attachments,
        body: inc
            .bodies
            .iter()
            .map(|(lang, b)| (lang.as_str(), &*b.source))
            .collect(),
        contact: contact(&inc.contact),
        continues: inc
            .continues
            .as_ref()
            .and_then(|n| site.get(&n.id))
            .map(|r| &r.id),
        data: DataView {
            exposed: items(&inc.data.exposed),
            not_exposed: items(&inc.data.not_exposed),
            possibly_exposed: items(&inc.data.possibly_exposed),
        },
        draft: inc.draft,
        feeds: feeds(site, inc),
        follow_ups: site.follow_ups(inc).into_iter().map(|r| &r.id).collect(),
        id: &inc.id,
        last_updated: when(site, inc.last_updated),
        likely_consequences: opt_text(&inc.likely_consequences),
        likely_consequences_plain: opt_plain(&inc.likely_consequences),
        not_affected: opt_text(&inc.not_affected),
        not_affected_plain: opt_plain(&inc.not_affected),
        published: when(site, inc.published),
        references: inc
            .references
            .iter()
            .map(|r| ReferenceView {
                lang: r.lang.as_ref(),
                title: text(&r.title),
                title_plain: plain(&r.title),
                url: &r.url,
            })
            .collect(),
        related: site.related_to(inc).into_iter().map(|r| &r.id).collect(),
        severity: inc.severity,
        status: inc.status,
        summary: text(&inc.summary),
        summary_plain: plain(&inc.summary),
        timeline: dated(site, &inc.timeline),
        title: text(&inc.title),
        title_plain: plain(&inc.title),
        updated: inc.updated.map(|w| when(site, w)),
        updates: updates(site, inc),
        urls: urls(site, inc),
        vendors: inc
            .vendors
            .iter()
            .map(|v| VendorView {
                id: &v.id,
                name: text(&v.name),
                name_plain: plain(&v.name),
                role: opt_text(&v.role),
                role_plain: opt_plain(&v.role),
                status: v.status,
                url: v.url.as_deref(),
            })
            .collect(),
        withdrawn: inc.withdrawn.as_ref().map(|w| WithdrawnView {
            at: when(site, w.at),
            text: text(&w.text),
            text_plain: plain(&w.text),
        }),
    }
}
