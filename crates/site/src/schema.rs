//! The JSON Schema of `incident.yaml`, for editors that validate and complete YAML
//! (a `# yaml-language-server: $schema=…` line) and for `bayan schema`.
//!
//! It is built from the same lists the validator uses (languages, data classes,
//! status and severity values), so it cannot drift from what `bayan check` accepts.

use serde_json::{Value, json};

use bayan_text::lang::Lang;

/// The schema for a site with `langs` and the data-class ids `classes`.
pub fn incident(langs: &[Lang], classes: &[&str]) -> Value {
    let codes: Vec<&str> = langs.iter().map(Lang::as_str).collect();
    let text = json!({
        "type": "object",
        "description": format!("A text in every language of the site: {}. Inline Markdown. It may also hold a language the site does not publish yet, kept out of every output until `languages:` names it.", codes.join(", ")),
        "properties": codes.iter().map(|c| ((*c).to_owned(), json!({"type": "string", "minLength": 1, "pattern": "\\S"}))).collect::<serde_json::Map<_, _>>(),
        "patternProperties": {"^[a-z]{2,3}(-[a-z0-9]{2,8})*$": {"type": "string"}},
        "required": codes,
        "additionalProperties": false
    });
    let date = json!({
        "type": "string",
        "description": "An RFC 3339 date-time with an offset (2025-11-26T18:00:00Z) or a plain date (2025-11-26), read in the site's time zone.",
        "pattern": "^\\d{4}-\\d{2}-\\d{2}([Tt ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?([Zz]|[+-]\\d{2}:\\d{2}))?$"
    });
    let url = json!({"type": "string", "pattern": "^(https?|mailto|tel):", "description": "An http, https, mailto or tel URL."});
    let class_id = json!({"type": "string", "enum": classes});
    let custom_id = json!({"type": "string", "pattern": "^[a-z][a-z0-9_]*$"});
    let data_item = json!({
        "oneOf": [
            {"$ref": "#/$defs/class_id"},
            {"type": "object", "properties": {"id": {"$ref": "#/$defs/class_id"}, "note": {"$ref": "#/$defs/text"}}, "required": ["id"], "additionalProperties": false},
            {"type": "object", "description": "A data class defined inline.", "properties": {"id": {"$ref": "#/$defs/custom_id"}, "label": {"$ref": "#/$defs/text"}, "note": {"$ref": "#/$defs/text"}, "special": {"type": "boolean", "description": "A special category of personal data (GDPR Art. 9: health, biometrics, …)."}}, "required": ["id", "label"], "additionalProperties": false}
        ]
    });
    let data_list = json!({"type": "array", "items": {"$ref": "#/$defs/data_item"}});
    let status = json!({"type": "string", "enum": ["investigating", "identified", "monitoring", "resolved"]});
    let dated = |at_required: bool| {
        let required: Vec<&str> = if at_required {
            vec!["at", "text"]
        } else {
            vec!["text"]
        };
        json!({"type": "array", "items": {"type": "object", "properties": {"at": {"$ref": "#/$defs/date"}, "text": {"$ref": "#/$defs/text"}}, "required": required, "additionalProperties": false}})
    };
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "bayan incident.yaml",
        "type": "object",
        "additionalProperties": false,
        "required": ["title", "summary", "status", "severity", "published", "affected", "data", "advice"],
        "properties": {
            "title": {"$ref": "#/$defs/text"},
            "summary": {"$ref": "#/$defs/text"},
            "status": {"$ref": "#/$defs/status"},
            "severity": {"type": "string", "enum": ["low", "medium", "high", "critical"]},
            "published": {"$ref": "#/$defs/date"},
            "updated": {"$ref": "#/$defs/date"},
            "draft": {"type": "boolean"},
            "vendors": {"type": "array", "items": {
                "type": "object",
                "properties": {
                    "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "maxLength": 100, "description": "The key of the vendor's archive page; default: its name as an ASCII slug"},
                    "name": {"oneOf": [{"type": "string", "minLength": 1}, {"$ref": "#/$defs/text"}]},
                    "url": {"$ref": "#/$defs/url"},
                    "role": {"$ref": "#/$defs/text"},
                    "status": {"type": "string", "enum": ["active", "suspended", "removed"]}
                },
                "required": ["name"],
                "additionalProperties": false
            }},
            "affected": {"$ref": "#/$defs/text"},
            "not_affected": {"$ref": "#/$defs/text"},
            "affected_count": {"oneOf": [
                {"type": "integer", "minimum": 0},
                {"type": "object", "properties": {"value": {"type": "integer", "minimum": 0}, "qualifier": {"type": "string", "enum": ["exactly", "about", "up_to", "at_least"]}}, "required": ["value"], "additionalProperties": false}
            ]},
            "likely_consequences": {"$ref": "#/$defs/text"},
            "data": {
                "type": "object",
                "properties": {"exposed": data_list, "possibly_exposed": data_list, "not_exposed": data_list},
                "required": ["exposed", "not_exposed"],
                "additionalProperties": false
            },
            "timeline": dated(true),
            "actions": dated(false),
            "advice": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/text"}},
            "updates": {"type": "array", "items": {"type": "object", "properties": {"at": {"$ref": "#/$defs/date"}, "status": {"$ref": "#/$defs/status"}, "text": {"$ref": "#/$defs/text"}}, "required": ["at", "text"], "additionalProperties": false}},
            "contact": {"type": "object", "properties": {"email": {"type": "string"}, "phone": {"type": "string"}, "url": {"$ref": "#/$defs/url"}, "hours": {"$ref": "#/$defs/text"}, "dpo": {"$ref": "#/$defs/dpo"}}, "additionalProperties": false},
            "discovered": {"$ref": "#/$defs/date", "description": "When the breach was discovered; the deadlines of `check --law` run from it."},
            "occurred": {"description": "When the breach happened: a date, a range, or `unknown` if it cannot be determined yet.", "oneOf": [
                {"$ref": "#/$defs/date"},
                {"const": "unknown"},
                {"type": "object", "properties": {"from": {"$ref": "#/$defs/date"}, "to": {"$ref": "#/$defs/date"}}, "required": ["from", "to"], "additionalProperties": false}
            ]},
            "law_enforcement_delay": {"type": "boolean", "description": "Whether a law-enforcement investigation delayed this notice."},
            "offer": {"type": "object", "description": "Identity-theft prevention and mitigation services offered at no cost.", "properties": {"provider": {"$ref": "#/$defs/name"}, "months": {"type": "integer", "minimum": 1}, "enrol": {"$ref": "#/$defs/text"}}, "required": ["provider", "months", "enrol"], "additionalProperties": false},
            "references": {"type": "array", "items": {"type": "object", "properties": {"title": {"$ref": "#/$defs/text"}, "url": {"$ref": "#/$defs/url"}, "lang": {"type": "string"}}, "required": ["title", "url"], "additionalProperties": false}},
            "continues": {"$ref": "#/$defs/incident_id", "description": "The earlier advisory that first told of the breach this one follows up on: legal deadlines run from that breach, and each page links the other."},
            "related": {"type": "array", "uniqueItems": true, "description": "Other advisories' ids; each page shows the other.", "items": {"$ref": "#/$defs/incident_id"}},
            "aliases": {"type": "array", "uniqueItems": true, "description": "Former ids of this advisory; their addresses become redirect pages.", "items": {"$ref": "#/$defs/incident_id"}},
            "notice": {"type": "object", "description": "What `bayan notice` writes for this advisory instead of the theme's texts.", "properties": {"sms": {"$ref": "#/$defs/text", "description": "The SMS's one plain sentence in every language, in place of the theme's; the organisation's name and the advisory's URL are added around it, and the whole must fit in 3 parts. No Markdown, links or line breaks."}}, "additionalProperties": false},
            "withdrawn": {"type": "object", "description": "The advisory was withdrawn: the page stays, with the reason on top, and it leaves listings and feeds.", "properties": {"at": {"$ref": "#/$defs/date"}, "text": {"$ref": "#/$defs/text"}}, "required": ["at", "text"], "additionalProperties": false}
        },
        "$defs": {
            "text": text,
            "date": date,
            "url": url,
            "status": status,
            "class_id": class_id,
            "custom_id": custom_id,
            "data_item": data_item,
            "name": {"oneOf": [{"type": "string", "minLength": 1}, {"$ref": "#/$defs/text"}]},
            "dpo": {"type": "object", "description": "The data protection officer or another named contact point; merges over site.yaml's.", "properties": {"name": {"$ref": "#/$defs/name"}, "email": {"type": "string"}, "phone": {"type": "string"}}, "required": ["name"], "additionalProperties": false},
            "incident_id": {"type": "string", "description": "An incident folder's name.", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "maxLength": 100}
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_requires_every_language_and_lists_classes() {
        let langs = [Lang::parse("en").unwrap(), Lang::parse("ar").unwrap()];
        let s = incident(&langs, crate::vocabulary::BUILTIN);
        assert_eq!(s["$defs"]["text"]["required"], json!(["en", "ar"]));
        assert!(
            s["$defs"]["class_id"]["enum"]
                .as_array()
                .unwrap()
                .contains(&json!("user_agents"))
        );
        assert_eq!(s["additionalProperties"], json!(false));
        for field in ["continues", "related", "aliases", "withdrawn", "notice"] {
            assert!(s["properties"][field].is_object(), "{field}");
        }
        assert_eq!(
            s["properties"]["withdrawn"]["required"],
            json!(["at", "text"])
        );
        assert_eq!(
            s["properties"]["notice"]["properties"]["sms"]["$ref"],
            json!("#/$defs/text")
        );
        assert_eq!(
            s["properties"]["notice"]["additionalProperties"],
            json!(false)
        );
    }

    #[test]
    fn schema_knows_the_fields_the_laws_need() {
        let langs = [Lang::parse("en").unwrap()];
        let s = incident(&langs, crate::vocabulary::BUILTIN);
        for key in ["discovered", "occurred", "law_enforcement_delay", "offer"] {
            assert!(s["properties"].get(key).is_some(), "{key}");
        }
        assert_eq!(
            s["properties"]["contact"]["properties"]["dpo"]["$ref"],
            json!("#/$defs/dpo")
        );
        let ids = s["$defs"]["class_id"]["enum"].as_array().unwrap();
        for id in crate::law::ID_NUMBERS {
            assert!(ids.contains(&json!(id)), "{id}");
        }
    }
}
