//! The machine-readable copies: one JSON record per advisory, an index of all of
//! them, and the JSON Schema of the YAML format. Keys are sorted (serde_json's
//! default map), so output is stable.

use serde_json::{Value, json};

use crate::contact::Contact;
use crate::dates::{self, When};
use crate::model::{DataItem, Incident};

use super::emit::{Ctx, Emitter, Out, Part};
use crate::error::Error;
use crate::output::OutputFile;
use crate::site::Site;
use crate::text::Text;

/// `incidents/{id}.json` per advisory, the index `incidents.json` of all of
/// them (a list), and the schema (shared).
pub(crate) struct Json;

impl Emitter for Json {
    fn incident(&self, cx: &Ctx, inc: &Incident, out: &Out) -> Result<(), Error> {
        out.put(OutputFile::new(
            cx.routes.incident_json(&inc.id),
            compact(&record(cx.site, inc)?),
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
                    "incidents": site.incidents.iter().map(|inc| json!({
                        "id": inc.id,
                        "title": text(&inc.title),
                        "summary": text(&inc.summary),
                        "status": inc.status,
                        "severity": inc.severity,
                        "published": when(site, inc.published),
                        "last_updated": when(site, inc.last_updated),
                        "urls": urls(site, inc),
                        "json": site.file_abs(&cx.routes.incident_json(&inc.id)),
                    })).collect::<Vec<_>>(),
                });
                out.put(OutputFile::new(cx.routes.index_json(), compact(&index)))
            }
            Part::Shared => {
                let ids: Vec<&str> = site.vocabulary.ids().collect();
                let schema = crate::schema::incident(&c.languages, &ids);
                out.put(OutputFile::new(cx.routes.schema(), pretty(&schema)))
            }
            Part::Static => Ok(()),
        }
    }
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
        .map(|d| json!({"id": d.id, "label": text(&d.label), "note": opt_text(&d.note)}))
        .collect()
}

fn contact(c: &Contact) -> Value {
    json!({"email": c.email, "phone": c.phone, "url": c.url, "hours": opt_text(&c.hours)})
}

fn record(site: &Site, inc: &Incident) -> Result<Value, Error> {
    let mut body = serde_json::Map::new();
    for (lang, b) in &inc.bodies {
        body.insert(lang.to_string(), json!(b.source));
    }
    Ok(json!({
        "id": inc.id,
        "urls": urls(site, inc),
        "title": text(&inc.title),
        "summary": text(&inc.summary),
        "status": inc.status,
        "severity": inc.severity,
        "published": when(site, inc.published),
        "updated": inc.updated.map(|w| when(site, w)),
        "last_updated": when(site, inc.last_updated),
        "draft": inc.draft,
        "vendors": inc.vendors.iter().map(|v| json!({
            "name": text(&v.name), "url": v.url, "role": opt_text(&v.role), "status": v.status,
        })).collect::<Vec<_>>(),
        "affected": text(&inc.affected),
        "not_affected": opt_text(&inc.not_affected),
        "affected_count": inc.affected_count.map(|c| json!({"value": c.value, "qualifier": c.qualifier})),
        "likely_consequences": opt_text(&inc.likely_consequences),
        "data": {
            "exposed": items(&inc.data.exposed),
            "possibly_exposed": items(&inc.data.possibly_exposed),
            "not_exposed": items(&inc.data.not_exposed),
        },
        "timeline": inc.timeline.iter().map(|d| json!({"at": d.at.map(|w| when(site, w)), "text": text(&d.text)})).collect::<Vec<_>>(),
        "actions": inc.actions.iter().map(|d| json!({"at": d.at.map(|w| when(site, w)), "text": text(&d.text)})).collect::<Vec<_>>(),
        "advice": inc.advice.iter().map(text).collect::<Vec<_>>(),
        "updates": inc.updates.iter().map(|u| json!({"at": when(site, u.at), "status": u.status, "text": text(&u.text)})).collect::<Vec<_>>(),
        "contact": contact(&inc.contact),
        "references": inc.references.iter().map(|r| json!({"title": text(&r.title), "url": r.url, "lang": r.lang})).collect::<Vec<_>>(),
        "body": body,
        "attachments": inc.attachments.iter().map(|a| json!(a)).collect::<Vec<_>>(),
    }))
}
