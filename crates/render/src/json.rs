//! The machine-readable copies: one JSON record per advisory, an index of all of
//! them, the JSON Schema of the YAML format and that of these copies
//! (`schema/record.schema.json`, see [`bayan_site::record_schema`]). Keys are sorted
//! (serde_json's default map), so output is stable.
//!
//! Every text is given as written (`title`: inline Markdown, the author's line
//! breaks kept) and as plain text (`title_plain`: no Markdown, no line breaks,
//! runs of the other direction wrapped in Unicode isolates as in feed titles,
//! so it shows right in a plain text view); bodies likewise (`body`,
//! `body_plain`).

use serde_json::{Value, json};

use bayan_site::contact::Contact;
use bayan_site::model::{DataItem, Incident};
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
        out.put(OutputFile::new(
            cx.routes.incident_json(&inc.id),
            compact(&record(cx.site, inc)),
        ))
    }

    fn site(&self, cx: &Ctx, part: Part, out: &Out) -> Result<(), Error> {
        let site = cx.site;
        let c = &site.config;
        match part {
            Part::Lists => {
                let index = json!({
                    "site": {
                        "title": text(&c.title),
                        "base_url": c.base.absolute,
                        "languages": c.languages,
                        "timezone": c.timezone_name,
                    },
                    // What a reader of the site can open: never a preview's draft or
                    // scheduled advisory; a withdrawn one says so.
                    "incidents": site.public().map(|inc| index_entry(site, inc)).collect::<Vec<_>>(),
                });
                out.put(OutputFile::new(cx.routes.index_json(), compact(&index)))
            }
            Part::Shared => {
                let ids: Vec<&str> = site.vocabulary.ids().collect();
                let schema = bayan_site::schema::incident(&c.languages, &ids);
                out.put(OutputFile::new(cx.routes.schema(), pretty(&schema)))?;
                let records = bayan_site::record_schema::record(&c.languages);
                out.put(OutputFile::new(cx.routes.record_schema(), pretty(&records)))
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

/// An advisory's entry in `incidents.json`.
fn index_entry(site: &Site, inc: &Incident) -> Value {
    with(
        heading(site, inc),
        json!({
            "json": site.file_abs(&site.routes().incident_json(&inc.id)),
            "withdrawn": inc.withdrawn.is_some(),
        }),
    )
}

/// Records and the index are compact: machines read them, and browsers and `jq`
/// indent them for people. The schema, which people read in editors, is indented.
fn compact(v: &Value) -> String {
    let mut s = serde_json::to_string(v).unwrap_or_default();
    s.push('\n');
    s
}

fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

fn text(t: &Text) -> Value {
    json!(t.sources())
}

fn opt_text(t: &Option<Text>) -> Value {
    t.as_ref().map_or(Value::Null, text)
}

/// A text as a reader sees it, per language: see the module's note.
fn plain(t: &Text) -> Value {
    Value::Object(
        t.langs()
            .map(|(l, e)| (l.to_string(), json!(plain_line(l, &e.plain()))))
            .collect(),
    )
}

fn opt_plain(t: &Option<Text>) -> Value {
    t.as_ref().map_or(Value::Null, plain)
}

/// Plain text isolated for display: left-to-right runs in right-to-left text
/// (and the reverse) wrapped in LRI/RLI … PDI, one line at a time.
fn plain_line(lang: &bayan_text::lang::Lang, s: &str) -> String {
    s.split('\n')
        .map(|line| {
            super::view::rtl_safe(
                lang,
                &bayan_text::bidi::isolate_plain(line, lang.direction()),
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn feeds(site: &Site, inc: &Incident) -> Value {
    Value::Object(
        site.config
            .languages
            .iter()
            .map(|l| {
                let path = site.routes().incident_feed(l, &inc.id);
                (l.to_string(), json!(site.file_abs(&path)))
            })
            .collect(),
    )
}

/// A date as the author gave it: a day stays a day, an instant is given in UTC.
fn when(site: &Site, w: When) -> String {
    if w.has_time {
        dates::rfc3339(w)
    } else {
        dates::iso_day(w, &site.config.timezone)
    }
}

fn urls(site: &Site, inc: &Incident) -> Value {
    Value::Object(
        site.config
            .languages
            .iter()
            .map(|l| (l.to_string(), json!(site.incident(l, &inc.id).abs)))
            .collect(),
    )
}

fn items(list: &[DataItem]) -> Value {
    list.iter()
        .map(|d| {
            json!({
                "id": d.id,
                "label": text(&d.label),
                "label_plain": plain(&d.label),
                "note": opt_text(&d.note),
                "note_plain": opt_plain(&d.note),
            })
        })
        .collect()
}

fn contact(c: &Contact) -> Value {
    json!({
        "email": c.email, "phone": c.phone, "url": c.url,
        "hours": opt_text(&c.hours), "hours_plain": opt_plain(&c.hours),
    })
}

fn dated(site: &Site, list: &[bayan_site::model::Dated]) -> Value {
    list.iter()
        .map(|d| {
            json!({
                "at": d.at.map(|w| when(site, w)),
                "text": text(&d.text),
                "text_plain": plain(&d.text),
            })
        })
        .collect()
}

/// The update history, newest first, each with its anchor on the advisory's
/// page and that address in every language.
fn updates(site: &Site, inc: &Incident) -> Value {
    let tz = &site.config.timezone;
    inc.updates
        .iter()
        .map(|u| {
            let anchor = site.routes().update_anchor(u.at, tz);
            let urls: serde_json::Map<String, Value> = site
                .config
                .languages
                .iter()
                .map(|l| {
                    let page = site.incident(l, &inc.id).abs;
                    (l.to_string(), json!(format!("{page}#{anchor}")))
                })
                .collect();
            json!({
                "at": when(site, u.at),
                "status": u.status,
                "text": text(&u.text),
                "text_plain": plain(&u.text),
                "anchor": anchor,
                "urls": urls,
            })
        })
        .collect()
}

fn record(site: &Site, inc: &Incident) -> Value {
    let mut body = serde_json::Map::new();
    let mut body_plain = serde_json::Map::new();
    for (lang, b) in &inc.bodies {
        body.insert(lang.to_string(), json!(b.source));
        let text = bayan_text::markdown::body_plain(&b.source);
        body_plain.insert(lang.to_string(), json!(plain_line(lang, &text)));
    }
    with(
        heading(site, inc),
        json!({
            "updated": inc.updated.map(|w| when(site, w)),
            "draft": inc.draft,
            "withdrawn": inc.withdrawn.as_ref().map(|w| json!({
                "at": when(site, w.at), "text": text(&w.text), "text_plain": plain(&w.text),
            })),
            "continues": inc.continues.as_ref().and_then(|n| site.get(&n.id)).map(|r| json!(r.id)),
            "follow_ups": site.follow_ups(inc).iter().map(|r| json!(r.id)).collect::<Vec<_>>(),
            "related": site.related_to(inc).iter().map(|r| json!(r.id)).collect::<Vec<_>>(),
            "aliases": inc.aliases.iter().map(|a| json!(a.id)).collect::<Vec<_>>(),
            "vendors": inc.vendors.iter().map(|v| json!({
                "id": v.id,
                "name": text(&v.name), "name_plain": plain(&v.name),
                "url": v.url,
                "role": opt_text(&v.role), "role_plain": opt_plain(&v.role),
                "status": v.status,
            })).collect::<Vec<_>>(),
            "affected": text(&inc.affected),
            "affected_plain": plain(&inc.affected),
            "not_affected": opt_text(&inc.not_affected),
            "not_affected_plain": opt_plain(&inc.not_affected),
            "affected_count": inc.affected_count.map(|c| json!({"value": c.value, "qualifier": c.qualifier})),
            "likely_consequences": opt_text(&inc.likely_consequences),
            "likely_consequences_plain": opt_plain(&inc.likely_consequences),
            "data": {
                "exposed": items(&inc.data.exposed),
                "possibly_exposed": items(&inc.data.possibly_exposed),
                "not_exposed": items(&inc.data.not_exposed),
            },
            "timeline": dated(site, &inc.timeline),
            "actions": dated(site, &inc.actions),
            "advice": inc.advice.iter().map(text).collect::<Vec<_>>(),
            "advice_plain": inc.advice.iter().map(plain).collect::<Vec<_>>(),
            "updates": updates(site, inc),
            "contact": contact(&inc.contact),
            "references": inc.references.iter().map(|r| json!({
                "title": text(&r.title), "title_plain": plain(&r.title), "url": r.url, "lang": r.lang,
            })).collect::<Vec<_>>(),
            "body": body,
            "body_plain": body_plain,
            "attachments": inc.attachments.iter().map(|a| json!(a)).collect::<Vec<_>>(),
        }),
    )
}

/// What the record and the index entry both say of an advisory: what names it,
/// when it was published and last updated, and where it is.
fn heading(site: &Site, inc: &Incident) -> serde_json::Map<String, Value> {
    let v = json!({
        "id": inc.id,
        "urls": urls(site, inc),
        "feeds": feeds(site, inc),
        "title": text(&inc.title),
        "title_plain": plain(&inc.title),
        "summary": text(&inc.summary),
        "summary_plain": plain(&inc.summary),
        "status": inc.status,
        "severity": inc.severity,
        "published": when(site, inc.published),
        "last_updated": when(site, inc.last_updated),
    });
    match v {
        Value::Object(m) => m,
        _ => serde_json::Map::new(),
    }
}

/// `fields` with `more`'s fields added (keys are sorted on output either way).
fn with(mut fields: serde_json::Map<String, Value>, more: Value) -> Value {
    if let Value::Object(m) = more {
        fields.extend(m);
    }
    Value::Object(fields)
}
