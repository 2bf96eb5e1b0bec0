//! One test per class of content error: exit code 1, a message naming the file,
//! position and field (with a suggestion where one helps), and the previous
//! output/ left exactly as it was.

use crate::*;

const INC: &str = "content/incidents/2026-01-sms-gateway/incident.yaml";

/// Builds the minimal fixture, breaks it with `breakage`, builds again, and returns
/// stderr after checking the exit code and that output/ is untouched.
fn fails_with(breakage: impl FnOnce(&Path)) -> String {
    let site = fixture("minimal");
    let root = site.path();
    let out = build_ok(root, &[]);
    let before = tree(&out);
    breakage(root);
    let o = bayan(root, &["build"]);
    let err = stderr(&o);
    assert_eq!(
        o.status.code(),
        Some(1),
        "expected exit 1, got {:?}:\n{err}",
        o.status.code()
    );
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(tree(&out), before, "output/ changed after a failed build");
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn misspelt_data_class_suggests_the_nearest() {
    let err = fails_with(|r| {
        edit(
            r,
            INC,
            "exposed: [phone_numbers]",
            "exposed: [phone_number]",
        )
    });
    assert!(
        err.contains(&format!("error: {INC}:14:13: data.exposed[0]: unknown data class `phone_number`; did you mean `phone_numbers`?")),
        "{err}"
    );
}

#[test]
fn misspelt_key_suggests_the_nearest() {
    let err = fails_with(|r| edit(r, INC, "severity: low", "severty: low"));
    assert!(
        err.contains(&format!("{INC}:8:1: severty: unknown key `severty`")),
        "{err}"
    );
    assert!(err.contains("did you mean `severity`?"), "{err}");
}

#[test]
fn missing_arabic_text_names_field_and_languages() {
    let err = fails_with(|r| {
        edit(
            r,
            INC,
            "  ar: أدى خلل لدى مزوّد الرسائل إلى إرسال بعض رموز الدخول إلى أرقام خاطئة.\n",
            "",
        )
    });
    assert!(err.contains(&format!("{INC}:")), "{err}");
    assert!(
        err.contains("summary.ar: missing Arabic text (every text needs: en, ar)"),
        "{err}"
    );
}

#[test]
fn broken_yaml_syntax_gives_line_and_column() {
    let err = fails_with(|r| edit(r, INC, "status: resolved", "status: [resolved"));
    assert!(err.contains(&format!("error: {INC}:")), "{err}");
    assert!(err.contains("status"), "{err}");
}

#[test]
fn misspelt_enum_value_suggests_the_nearest() {
    let err = fails_with(|r| edit(r, INC, "status: resolved", "status: resolvd"));
    assert!(err.contains(&format!("{INC}:7:9: status:")), "{err}");
    assert!(err.contains("did you mean `resolved`?"), "{err}");
}

#[test]
fn javascript_url_is_an_error() {
    let err = fails_with(|r| {
        edit(
            r,
            INC,
            "advice:",
            "vendors:\n  - name: Evil\n    url: \"javascript:alert(1)\"\nadvice:",
        );
    });
    assert!(
        err.contains("vendors[0].url: URL `javascript:alert(1)` uses `javascript:`"),
        "{err}"
    );
}

#[test]
fn javascript_link_in_a_body_is_an_error_with_its_position() {
    let err = fails_with(|r| {
        std::fs::write(
            r.join("content/incidents/2026-01-sms-gateway/en.md"),
            "Fine.\n\nSee [this](javascript:alert(1)).\n",
        )
        .unwrap();
    });
    assert!(
        err.contains("content/incidents/2026-01-sms-gateway/en.md:3:5: link `javascript:alert(1)`"),
        "{err}"
    );
}

#[test]
fn missing_body_is_an_error() {
    let err = fails_with(|r| {
        std::fs::remove_file(r.join("content/incidents/2026-01-sms-gateway/ar.md")).unwrap()
    });
    assert!(
        err.contains("content/incidents/2026-01-sms-gateway/ar.md: missing Arabic body"),
        "{err}"
    );
}

#[test]
fn invalid_date_is_an_error() {
    let err = fails_with(|r| {
        edit(
            r,
            INC,
            "published: 2026-01-10",
            "published: 2026-01-10T10:00:00",
        )
    });
    assert!(err.contains(&format!("{INC}:9:12: published:")), "{err}");
    assert!(err.contains("no zone offset"), "{err}");
}

#[test]
fn updated_before_published_is_an_error() {
    let err = fails_with(|r| {
        edit(
            r,
            INC,
            "published: 2026-01-10",
            "published: 2026-01-10\nupdated: 2026-01-09",
        )
    });
    assert!(
        err.contains("updated: is earlier than `published`"),
        "{err}"
    );
}

#[test]
fn todo_in_a_published_advisory_is_an_error() {
    let err = fails_with(|r| edit(r, INC, "Ignore codes you did not ask for.", "TODO advice"));
    assert!(
        err.contains("advice[0].en: placeholder text starting with `TODO`"),
        "{err}"
    );
}

#[test]
fn duplicate_key_is_an_error() {
    let err = fails_with(|r| edit(r, INC, "severity: low", "severity: low\nseverity: high"));
    assert!(err.contains("duplicate"), "{err}");
    assert!(
        err.contains(&format!("{INC}:9:1: severity: duplicate key `severity`")),
        "{err}"
    );
}

#[test]
fn data_class_in_two_groups_is_an_error() {
    let err = fails_with(|r| {
        edit(
            r,
            INC,
            "not_exposed: [passwords]",
            "not_exposed: [passwords, phone_numbers]",
        )
    });
    assert!(
        err.contains(
            "data.not_exposed[1]: data class `phone_numbers` is in both `exposed` and `not_exposed`"
        ),
        "{err}"
    );
}

#[test]
fn custom_class_shadowing_a_builtin_is_an_error() {
    let err = fails_with(|r| {
        edit(
            r,
            "content/site.yaml",
            "contact:",
            "vocabulary:\n  - { id: names, label: { en: N, ar: ن } }\ncontact:",
        );
    });
    assert!(
        err.contains("vocabulary[0].id: `names` is a built-in data class"),
        "{err}"
    );
}

#[test]
fn invalid_folder_name_is_an_error() {
    let err = fails_with(|r| {
        std::fs::rename(
            r.join("content/incidents/2026-01-sms-gateway"),
            r.join("content/incidents/SMS Gateway"),
        )
        .unwrap();
    });
    assert!(
        err.contains(
            "content/incidents/SMS Gateway: folder name `SMS Gateway` is not a valid incident id"
        ),
        "{err}"
    );
}

#[test]
fn missing_site_yaml_is_a_content_error() {
    let err = fails_with(|r| std::fs::remove_file(r.join("content/site.yaml")).unwrap());
    assert!(err.contains("content/site.yaml: file not found"), "{err}");
}

#[test]
fn invalid_utf8_names_line_and_column() {
    let err = fails_with(|r| {
        std::fs::write(
            r.join("content/incidents/2026-01-sms-gateway/en.md"),
            b"ok\nbad \xff byte\n",
        )
        .unwrap();
    });
    assert!(
        err.contains("content/incidents/2026-01-sms-gateway/en.md:2:5: file is not valid UTF-8"),
        "{err}"
    );
}

#[test]
fn errors_are_collected_across_files() {
    let err = fails_with(|r| {
        edit(r, INC, "severity: low", "severity: lowest");
        edit(
            r,
            "content/site.yaml",
            "languages: [en, ar]",
            "languages: [en, ar]\ntimezone: Mars/Olympus",
        );
    });
    // site.yaml fails first; fix it and both incident errors come at once.
    assert!(err.contains("timezone"), "{err}");
    let site = fixture("minimal");
    let r = site.path();
    edit(r, INC, "severity: low", "severity: lowest");
    edit(r, INC, "exposed: [phone_numbers]", "exposed: [phone]");
    let o = bayan(r, &["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let items = v.as_array().unwrap();
    assert_eq!(
        items.len(),
        1,
        "a file that does not parse stops at its first error: {v}"
    );
    edit(r, INC, "severity: lowest", "severity: low");
    let o = bayan(r, &["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let e = &v[0];
    assert_eq!(e["file"], INC);
    assert_eq!(e["line"], 14);
    assert_eq!(e["path"], "data.exposed[0]");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("unknown data class")
    );
    assert!(e.get("suggestion").is_some());
}

#[test]
fn draft_errors_are_warnings_unless_drafts_are_built() {
    let site = fixture("arabic-subpath");
    let o = bayan(site.path(), &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("warning: content/incidents/2026-02-draft-notes/incident.yaml:12:19: data.exposed[0]: unknown data class `call_note`; did you mean `call_notes`?"), "{}", stderr(&o));
    let o = bayan(site.path(), &["check", "--drafts"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).ends_with("1 error found\n"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("error: content/incidents/2026-02-draft-notes/incident.yaml:12:19")
    );
    // TODO placeholders are fine in a draft, even with --drafts.
    assert!(!stderr(&o).contains("TODO"), "{}", stderr(&o));
}

#[test]
fn link_in_a_title_is_an_error() {
    let err = fails_with(|r| {
        edit(
            r,
            INC,
            "en: SMS gateway sent codes",
            "en: See https://x.example — SMS gateway sent codes",
        )
    });
    assert!(
        err.contains(&format!(
            "{INC}:2:7: title.en: a title cannot contain a link"
        )),
        "{err}"
    );
}

#[test]
fn missing_logo_is_an_error() {
    let err = fails_with(|r| {
        edit(
            r,
            "content/site.yaml",
            "contact:",
            "organization:\n  name: { en: Org, ar: منظمة }\n  logo: nope.svg\ncontact:",
        );
    });
    assert!(
        err.contains("content/site.yaml:8:9: organization.logo: content/static/nope.svg not found"),
        "{err}"
    );
}
