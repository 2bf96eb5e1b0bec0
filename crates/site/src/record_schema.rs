//! The JSON Schema of what bayan publishes for machines: each advisory's record
//! (`incidents/ID.json`) and the index of all of them (`incidents.json`). A site
//! publishes it as `schema/record.schema.json`, for its languages; the repository
//! keeps the English and Arabic one as `docs/record.schema.json`.
//!
//! Every object is closed (`additionalProperties: false`) and every key is
//! required (absent values are `null`), so the tests, which validate every JSON
//! file a build writes against it, fail when the output and this description
//! part ways.

use serde_json::{Value, json};

use bayan_text::lang::Lang;

/// Objects here list every property and require them all.
fn object(description: &str, properties: Value) -> Value {
    let required: Vec<String> = properties
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    json!({
        "type": "object",
        "description": description,
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

fn r(def: &str) -> Value {
    json!({"$ref": format!("#/$defs/{def}")})
}

fn nullable(def: &str) -> Value {
    json!({"anyOf": [r(def), {"type": "null"}]})
}

fn list(item: Value) -> Value {
    json!({"type": "array", "items": item})
}

/// The schema of the records and index of a site with `langs`.
pub fn record(langs: &[Lang]) -> Value {
    let codes: Vec<&str> = langs.iter().map(Lang::as_str).collect();
    let per_lang = |description: &str, value: Value| {
        json!({
            "type": "object",
            "description": description,
            "properties": codes.iter().map(|c| ((*c).to_owned(), value.clone())).collect::<serde_json::Map<_, _>>(),
            "required": codes,
            "additionalProperties": false,
        })
    };
    let nonblank = json!({"type": "string", "minLength": 1});
    let text = per_lang(
        "A text in every language of the site, as the author wrote it: inline Markdown, line breaks as typed.",
        nonblank.clone(),
    );
    let plain = per_lang(
        "The same text as a reader sees it: no Markdown, no line breaks; runs of the other direction are wrapped in the Unicode isolates U+2066–U+2069 (and a right-to-left text that opens with a Latin word starts with U+200F), so it shows right in a plain text view. Remove those characters to compare or search.",
        nonblank,
    );
    let urls = per_lang(
        "An absolute URL in every language of the site.",
        json!({"type": "string", "pattern": "^https?://"}),
    );
    let when = json!({
        "type": "string",
        "description": "A day as the author gave it (YYYY-MM-DD, in the site's time zone), or an instant in UTC (RFC 3339).",
        "pattern": "^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}:\\d{2}Z)?$",
    });
    let status = json!({"type": "string", "enum": ["investigating", "identified", "monitoring", "resolved"]});
    let severity = json!({"type": "string", "enum": ["low", "medium", "high", "critical"]});
    let id = json!({"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"});
    let data_item = object(
        "A data class named by the advisory, its label from the site's vocabulary, and the advisory's note on it.",
        json!({
            "id": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"},
            "label": r("text"),
            "label_plain": r("plain"),
            "note": nullable("text"),
            "note_plain": nullable("plain"),
        }),
    );
    let dated = object(
        "An entry of the timeline or of the actions; `at` is null for ongoing work.",
        json!({"at": nullable("when"), "text": r("text"), "text_plain": r("plain")}),
    );
    let withdrawn = object(
        "`withdrawn:`: when and why the advisory was withdrawn. Its page stays, with the reason at the top; it is out of listings, and the feeds' last word on it is the withdrawal.",
        json!({"at": r("when"), "text": r("text"), "text_plain": r("plain")}),
    );
    let update = object(
        "An update of the advisory, newest first.",
        json!({
            "at": r("when"),
            "status": {"anyOf": [r("status"), {"type": "null"}]},
            "text": r("text"),
            "text_plain": r("plain"),
            "anchor": {"type": "string", "pattern": "^update-", "description": "The update's fragment id on the advisory page; stable while `at` is."},
            "urls": r("urls"),
        }),
    );
    let vendor = object(
        "A third party involved.",
        json!({
            "id": {"allOf": [r("id")], "description": "The vendor's `id`, else its name as an ASCII slug: the same in every advisory naming it, and the key of its archive page {lang}/vendors/ID/."},
            "name": r("text"),
            "name_plain": r("plain"),
            "url": {"type": ["string", "null"]},
            "role": nullable("text"),
            "role_plain": nullable("plain"),
            "status": {"enum": ["active", "suspended", "removed", null]},
        }),
    );
    let count = object(
        "How many people are affected.",
        json!({
            "value": {"type": "integer", "minimum": 0},
            "qualifier": {"enum": ["exactly", "about", "up_to", "at_least"]},
        }),
    );
    let contact = object(
        "Whom to contact: the site's contact with the advisory's fields over it.",
        json!({
            "email": {"type": "string"},
            "phone": {"type": ["string", "null"]},
            "url": {"type": ["string", "null"]},
            "hours": nullable("text"),
            "hours_plain": nullable("plain"),
        }),
    );
    let reference = object(
        "A source the advisory cites; `lang` is the target's language, when given.",
        json!({
            "title": r("text"),
            "title_plain": r("plain"),
            "url": {"type": "string"},
            "lang": {"type": ["string", "null"]},
        }),
    );
    // What the record and the index entry both say: see render::json::heading.
    let heading = json!({
        "id": r("id"),
        "urls": r("urls"),
        "feeds": {"allOf": [r("urls")], "description": "The advisory's own Atom feed in each language: an entry for its publication and one per update."},
        "title": r("text"),
        "title_plain": r("plain"),
        "summary": r("text"),
        "summary_plain": r("plain"),
        "status": r("status"),
        "severity": r("severity"),
        "published": r("when"),
        "last_updated": {"allOf": [r("when")], "description": "The latest of published, updated and every update's at."},
    });
    let with = |more: Value| {
        let mut fields = heading.as_object().cloned().unwrap_or_default();
        if let Value::Object(m) = more {
            fields.extend(m);
        }
        Value::Object(fields)
    };
    let record = object(
        "One advisory: incidents/ID.json.",
        with(json!({
            "updated": nullable("when"),
            "draft": {"type": "boolean"},
            "withdrawn": nullable("withdrawn"),
            "continues": {"anyOf": [r("id"), {"type": "null"}], "description": "The earlier advisory that first told of the breach this one follows up on (`continues:`)."},
            "follow_ups": {"type": "array", "items": r("id"), "description": "The advisories whose `continues:` names this one, oldest first."},
            "related": {"type": "array", "items": r("id"), "description": "The advisories shown as related on its page: those its `related:` names, then those whose `related:` names it."},
            "aliases": {"type": "array", "items": r("id"), "description": "Earlier ids whose addresses redirect to this advisory."},
            "vendors": list(r("vendor")),
            "affected": r("text"),
            "affected_plain": r("plain"),
            "not_affected": nullable("text"),
            "not_affected_plain": nullable("plain"),
            "affected_count": nullable("count"),
            "likely_consequences": nullable("text"),
            "likely_consequences_plain": nullable("plain"),
            "data": object("What was exposed, what may have been, and what was not.", json!({
                "exposed": list(r("data_item")),
                "possibly_exposed": list(r("data_item")),
                "not_exposed": list(r("data_item")),
            })),
            "timeline": list(r("dated")),
            "actions": list(r("dated")),
            "advice": {"type": "array", "minItems": 1, "items": r("text")},
            "advice_plain": {"type": "array", "minItems": 1, "items": r("plain")},
            "updates": list(r("update")),
            "contact": r("contact"),
            "references": list(r("reference")),
            "body": per_lang(
                "The body in each language, its Markdown source as written.",
                json!({"type": "string", "minLength": 1}),
            ),
            "attachments": list(json!({"type": "string"})),
        })),
    );
    let entry = object(
        "One advisory in the index.",
        with(json!({
            "json": {"type": "string", "pattern": "^https?://", "description": "The advisory's record."},
            "withdrawn": {"type": "boolean", "description": "Withdrawn: its record says when and why."},
        })),
    );
    let index = object(
        "Every advisory of the site: incidents.json, newest first by published.",
        json!({
            "site": object("The site.", json!({
                "title": r("text"),
                "base_url": {"type": "string", "pattern": "^https?://"},
                "languages": {"type": "array", "items": {"enum": codes}},
                "timezone": {"type": "string"},
            })),
            "incidents": list(r("index_entry")),
        }),
    );
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "bayan advisory records",
        "description": format!(
            "The JSON bayan publishes for machines, for a site in {}: each advisory's record (incidents/ID.json, #/$defs/record) and the index of all of them (incidents.json, #/$defs/index).",
            codes.join(", ")
        ),
        "oneOf": [r("record"), r("index")],
        "$defs": {
            "text": text,
            "plain": plain,
            "urls": urls,
            "when": when,
            "status": status,
            "severity": severity,
            "id": id,
            "data_item": data_item,
            "dated": dated,
            "withdrawn": withdrawn,
            "update": update,
            "vendor": vendor,
            "count": count,
            "contact": contact,
            "reference": reference,
            "record": record,
            "index_entry": entry,
            "index": index,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The repository's copy is this schema for English and Arabic, so it cannot
    /// drift from what sites publish. `BAYAN_BLESS=1` rewrites it.
    #[test]
    fn the_documented_schema_is_the_generated_one() {
        let langs = [Lang::parse("en").unwrap(), Lang::parse("ar").unwrap()];
        let mut made = serde_json::to_string_pretty(&record(&langs)).unwrap();
        made.push('\n');
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/record.schema.json");
        if std::env::var_os("BAYAN_BLESS").is_some() {
            std::fs::write(path, &made).unwrap();
        }
        let kept = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            kept == made,
            "docs/record.schema.json differs from record_schema::record; run `BAYAN_BLESS=1 cargo test --lib record_schema`"
        );
    }

    #[test]
    fn every_object_is_closed_and_requires_each_key() {
        let langs = [Lang::parse("ar").unwrap()];
        let s = record(&langs);
        assert_eq!(s["$defs"]["text"]["required"], json!(["ar"]));
        let rec = &s["$defs"]["record"];
        assert_eq!(rec["additionalProperties"], json!(false));
        let keys = rec["properties"].as_object().unwrap().len();
        assert_eq!(rec["required"].as_array().unwrap().len(), keys);
    }
}
