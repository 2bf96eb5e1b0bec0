//! The JSON for machines: every record and index a build writes passes the
//! schema it publishes beside them (checked by Python's jsonschema), and gives
//! each text as written and as plain text, the body as Markdown and as text,
//! the update history with its anchors, and vendor ids.

use serde_json::Value;

use crate::*;

#[test]
fn every_emitted_json_file_passes_the_published_record_schema() {
    let sites = [
        ("archive", &[][..]),
        ("arabic-subpath", &[]),
        ("example", &[]),
        ("minimal", &[]),
        ("bodies", &[]),
        ("graph", &["--drafts"]),
    ];
    for (name, args) in sites {
        let site = fixture(name);
        let out = build_ok(site.path(), args);
        let schema = out.join("schema/record.schema.json");
        let mut files = files_ending(&out.join("incidents"), ".json");
        files.push(out.join("incidents.json").to_string_lossy().into_owned());
        assert!(files.len() >= 2, "{name}");
        let mut args = vec![schema.to_string_lossy().into_owned()];
        args.extend(files);
        if !crate::have(crate::Tool::PythonFeedsAndSchemas) {
            return;
        }
        let o = python("validate_json.py", &args);
        assert!(o.status.success(), "{name}:\n{}{}", stdout(&o), stderr(&o));
    }
}

#[test]
fn the_schema_catches_a_record_that_drifts_from_it() {
    let site = fixture("archive");
    let out = build_ok(site.path(), &[]);
    let path = out.join("incidents/2026-02-sms-leak.json");
    let mut v: Value = serde_json::from_str(&read(&path)).unwrap();
    v["vendors"][0]["nickname"] = "acme".into();
    v["updates"][0].as_object_mut().unwrap().remove("anchor");
    v["title_plain"]["ar"] = Value::Null;
    std::fs::write(&path, v.to_string()).unwrap();
    let schema = out.join("schema/record.schema.json");
    let args = [
        schema.to_string_lossy().into_owned(),
        path.to_string_lossy().into_owned(),
    ];
    if !crate::have(crate::Tool::PythonFeedsAndSchemas) {
        return;
    }
    let o = python("validate_json.py", &args);
    assert!(!o.status.success());
    let report = stdout(&o);
    for what in [
        "nickname",
        "'anchor' is a required property",
        "title_plain.ar",
    ] {
        assert!(report.contains(what), "{what}: {report}");
    }
}

#[test]
fn the_repository_documents_the_schema_a_bilingual_site_publishes() {
    let site = fixture("example");
    let out = build_ok(site.path(), &[]);
    assert_eq!(
        read(&out.join("schema/record.schema.json")),
        read(&repo().join("docs/record.schema.json"))
    );
}

#[test]
fn texts_come_as_written_and_as_plain_text() {
    let site = fixture("archive");
    let out = build_ok(site.path(), &[]);
    let v: Value =
        serde_json::from_str(&read(&out.join("incidents/2026-02-sms-leak.json"))).unwrap();
    // As written: Markdown and the author's line breaks; plain: neither.
    let written = v["summary"]["en"].as_str().unwrap();
    assert!(written.contains("**phone numbers**") && written.contains('\n'));
    assert_eq!(
        v["summary_plain"]["en"],
        "Our SMS provider exposed the phone numbers and names of some customers; call +966 800 123 4567 with questions."
    );
    // In Arabic the phone number is one isolated left-to-right unit.
    let ar = v["summary_plain"]["ar"].as_str().unwrap();
    assert!(ar.contains("\u{2066}+966 800 123 4567\u{2069}"), "{ar:?}");
    assert!(!ar.contains('\n') && !ar.contains("**"));
    // The body as Markdown, as written; no plain twin (it would double the
    // record: Markdown reads as text).
    assert!(
        v["body"]["en"]
            .as_str()
            .unwrap()
            .contains("[the contact section](#contact)")
    );
    assert!(v.get("body_plain").is_none());
    // Vendor ids, and the same vendor's id in another advisory.
    assert_eq!(v["vendors"][0]["id"], "acme-sms");
    let crm: Value =
        serde_json::from_str(&read(&out.join("incidents/2026-03-crm-export.json"))).unwrap();
    let ids: Vec<&str> = crm["vendors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["acme-sms", "crm-cloud"]);
    // Every other text has its plain twin.
    assert_eq!(
        v["advice_plain"][0]["en"],
        "Ignore codes you did not ask for."
    );
    assert_eq!(
        v["data"]["exposed"][0]["note_plain"]["en"],
        "the mobile number on the account"
    );
    assert_eq!(v["vendors"][0]["role_plain"]["ar"], "بوابة الرسائل النصية");
}

#[test]
fn the_update_history_carries_anchors_and_addresses() {
    let site = fixture("archive");
    let out = build_ok(site.path(), &[]);
    let v: Value =
        serde_json::from_str(&read(&out.join("incidents/2026-02-sms-leak.json"))).unwrap();
    let updates = v["updates"].as_array().unwrap();
    let got: Vec<(&str, &str, &str)> = updates
        .iter()
        .map(|u| {
            (
                u["at"].as_str().unwrap(),
                u["anchor"].as_str().unwrap(),
                u["urls"]["ar"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "2026-02-05",
                "update-2026-02-05",
                "https://org.example/notices/ar/incidents/2026-02-sms-leak/#update-2026-02-05"
            ),
            (
                "2026-02-02T08:30:00Z",
                "update-2026-02-02t0830z",
                "https://org.example/notices/ar/incidents/2026-02-sms-leak/#update-2026-02-02t0830z"
            ),
        ]
    );
    assert_eq!(
        updates[1]["text_plain"]["en"],
        "We have suspended the provider."
    );
    assert_eq!(
        v["feeds"]["en"],
        "https://org.example/notices/en/incidents/2026-02-sms-leak/feed.xml"
    );
    let index: Value = serde_json::from_str(&read(&out.join("incidents.json"))).unwrap();
    assert_eq!(
        index["incidents"][0]["title_plain"]["en"],
        "Payroll file sent to the wrong address"
    );
}

/// Issue 12: the record says what a machine needs of an advisory's life: its
/// related advisories (both ways), its old ids, and whether and why it was
/// withdrawn; the index lists only what readers can open.
#[test]
fn records_carry_related_ids_aliases_and_withdrawal() {
    let site = fixture("graph");
    let out = build_ok(site.path(), &["--drafts"]);
    let record = |id: &str| -> Value {
        serde_json::from_str(&read(&out.join(format!("incidents/{id}.json")))).unwrap()
    };
    let follow = record("2026-06-crm-follow-up");
    assert_eq!(follow["related"], serde_json::json!(["2026-05-crm-breach"]));
    assert_eq!(
        follow["aliases"],
        serde_json::json!(["2026-06-crm-followup"])
    );
    assert_eq!(follow["withdrawn"], Value::Null);
    // The back-link: the breach does not name the follow-up, which names it.
    let breach = record("2026-05-crm-breach");
    assert_eq!(
        breach["related"],
        serde_json::json!(["2026-06-crm-follow-up"])
    );
    let gone = record("2026-04-false-alarm");
    assert_eq!(gone["withdrawn"]["at"], "2026-04-03");
    assert!(
        gone["withdrawn"]["text"]["en"]
            .as_str()
            .unwrap()
            .contains("false alarm")
    );
    let index: Value = serde_json::from_str(&read(&out.join("incidents.json"))).unwrap();
    let ids: Vec<(&str, bool)> = index["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["id"].as_str().unwrap(), e["withdrawn"].as_bool().unwrap()))
        .collect();
    // A preview builds the draft and the scheduled one, but the index names neither.
    assert!(ids.contains(&("2026-04-false-alarm", true)), "{ids:?}");
    assert!(ids.contains(&("2026-05-crm-breach", false)), "{ids:?}");
    assert!(
        !ids.iter()
            .any(|(id, _)| *id == "2026-07-draft" || *id == "2027-03-scheduled")
    );
}
