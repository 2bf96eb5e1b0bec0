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
        err.contains(&format!(
            "error: {INC}:14:13: data.exposed[0]: unknown data class `phone_number`: "
        )),
        "{err}"
    );
    assert!(err.contains("}`; did you mean `phone_numbers`?"), "{err}");
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
        err.contains("updated: `2026-01-09` is earlier than `published` (`2026-01-10`)"),
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
    // The field that does not parse is set aside and the rest still checked.
    assert_eq!(items.len(), 2, "{v}");
    assert_eq!(items[0]["path"], "severity", "{v}");
    assert_eq!(items[1]["path"], "data.exposed[0]", "{v}");
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
    assert!(stderr(&o).contains("warning: content/incidents/2026-02-draft-notes/incident.yaml:12:19: data.exposed[0]: unknown data class `call_note`: "), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("}`; did you mean `call_notes`?"),
        "{}",
        stderr(&o)
    );
    let o = bayan(site.path(), &["check", "--drafts"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).ends_with("1 error found\n"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("error: content/incidents/2026-02-draft-notes/incident.yaml:12:19")
    );
    // TODO placeholders are fine in a draft, even with --drafts: warnings that
    // say what is left to write, never errors.
    let err = stderr(&o);
    assert!(
        !err.lines()
            .any(|l| l.starts_with("error:") && l.contains("TODO")),
        "{err}"
    );
    assert!(err.contains("warning: content/incidents/2026-02-draft-notes/en.md:1:1: placeholder text starting with `TODO`"), "{err}");
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

const BODY_EN: &str = "content/incidents/2026-01-sms-gateway/en.md";

fn write(root: &Path, rel: &str, text: &str) {
    std::fs::write(root.join(rel), text).unwrap();
}

/// Appends YAML to the incident (keys it does not have yet).
fn append(root: &Path, yaml: &str) {
    let path = root.join(INC);
    let text = read(&path);
    std::fs::write(&path, format!("{text}{yaml}")).unwrap();
}

fn has(err: &str, needle: &str) {
    assert!(err.contains(needle), "missing {needle:?} in:\n{err}");
}

/// Finding: bidi and zero-width characters passed the URL and email checks, URLs
/// with a user name (`https://example.com@evil.example/`) were accepted, and emails
/// took `?bcc=…`, adding hidden recipients to every mailto link and security.txt.
#[test]
fn urls_with_user_names_or_hidden_characters_and_emails_with_queries_are_errors() {
    let err = fails_with(|r| {
        edit(
            r,
            "content/site.yaml",
            "email: security@example.com",
            "email: \"security@example.com?bcc=all@evil.example\"",
        );
    });
    has(
        &err,
        "content/site.yaml:7:10: contact.email: `security@example.com?bcc=all@evil.example` is not an email address: `?` has no place in one",
    );
    let err = fails_with(|r| {
        append(
            r,
            "vendors:\n  - name: Acme\n    url: \"https://example.com@evil.example/\"\n  - name: Beta\n    url: \"https://exa\\u200Bmple.com/\"\ncontact:\n  email: \"help\\u202E@example.com\"\n  url: \"mailto:help@example.com?bcc=x@evil.example\"\n",
        );
        edit(
            r,
            INC,
            "en: Ignore codes you did not ask for.",
            "en: \"Ignore [codes](https://bank.example:pw@evil.example/) you did not ask for.\"",
        );
        write(
            r,
            BODY_EN,
            "Fixed.\n\nWrite to [us](mailto:a@b.example?cc=c@evil.example).\nOr see https://bank.example@evil.example/x today.\n",
        );
    });
    has(
        &err,
        "vendors[0].url: URL `https://example.com@evil.example/` carries a user name",
    );
    has(
        &err,
        "vendors[1].url: URL `https://exa\\u{200b}mple.com/` contains the invisible or bidi character U+200B ZERO WIDTH SPACE",
    );
    has(
        &err,
        "contact.email: `help\\u{202e}@example.com` contains the invisible, bidi or control character U+202E",
    );
    has(
        &err,
        "contact.url: URL `mailto:help@example.com?bcc=x@evil.example` mailto links may carry only `subject` and `body`, not `bcc`",
    );
    has(
        &err,
        "advice[0].en: link `https://bank.example:pw@evil.example/` carries a user name",
    );
    has(
        &err,
        &format!(
            "{BODY_EN}:3:10: link `mailto:a@b.example?cc=c@evil.example` mailto links may carry only `subject` and `body`, not `cc`"
        ),
    );
    has(
        &err,
        &format!("{BODY_EN}:4:8: `https://bank.example@evil.example/x`: carries a user name"),
    );
}

/// Finding: the SPEC's "Text that reads right" rule — bidi controls and invisible
/// characters in ids, emails, URLs and vendor names are errors.
#[test]
fn bidi_or_invisible_characters_in_ids_and_vendor_names_are_errors() {
    let err = fails_with(|r| {
        edit(
            r,
            INC,
            "exposed: [phone_numbers]",
            "exposed: [\"phone\\u200D_numbers\"]",
        );
        append(
            r,
            "vendors:\n  - name: \"Acme\\u202E\\u202C\"\n  - name: { en: \"Be\\u2066ta\\u2069\", ar: بيتا }\n",
        );
    });
    has(
        &err,
        "data.exposed[0]: `phone\\u{200d}_numbers` contains U+200D ZERO WIDTH JOINER at character 6",
    );
    has(
        &err,
        "vendors[0].name: `Acme\\u{202e}\\u{202c}` contains U+202E RIGHT-TO-LEFT OVERRIDE at character 5",
    );
    has(
        &err,
        "vendors[1].name.en: `Be\\u{2066}ta\\u{2069}` contains U+2066 LEFT-TO-RIGHT ISOLATE at character 3",
    );
}

/// Finding: an unbalanced bidi embedding, override or isolate in running text (any
/// YAML text, any body) is an error with its position; balanced pairs and the
/// marks alone are fine.
#[test]
fn unbalanced_bidi_in_running_text_is_an_error_with_its_position() {
    let err = fails_with(|r| {
        edit(
            r,
            INC,
            "en: Some customers who signed in on 9 January",
            "en: \"Some customers \\u2067who signed in on 9 January\"",
        );
        write(r, BODY_EN, "Fixed.\n\nRead x\u{202E}fdp.exe now.\n");
    });
    has(
        &err,
        "incident.yaml:11:7: affected.en: U+2067 RIGHT-TO-LEFT ISOLATE is not closed on its line",
    );
    has(&err, "(character 16 of the text)");
    has(
        &err,
        &format!("{BODY_EN}:3:7: U+202E RIGHT-TO-LEFT OVERRIDE is not closed on its line"),
    );

    let site = fixture("minimal");
    let root = site.path();
    edit(
        root,
        INC,
        "en: Some customers who signed in on 9 January",
        "en: \"Some \\u202Ecustomers\\u202C who \\u2068signed\\u2069 in\\u200F on 9 January\"",
    );
    write(root, BODY_EN, "Fixed \u{2067}عربي\u{2069} \u{200E}x.\n");
    build_ok(root, &[]);
}

/// Finding: an unterminated override in a title spilled into the site's name in
/// `<title>` (which joins the two). It is now an error; a balanced one leaves the
/// site name untouched.
#[test]
fn unterminated_bidi_override_in_a_title_cannot_spill_into_the_page_title() {
    let err = fails_with(|r| {
        edit(
            r,
            INC,
            "en: SMS gateway sent codes to the wrong numbers",
            "en: \"SMS gateway \\u202Esent codes\"",
        )
    });
    has(
        &err,
        "incident.yaml:2:7: title.en: U+202E RIGHT-TO-LEFT OVERRIDE is not closed",
    );

    let site = fixture("minimal");
    let root = site.path();
    edit(
        root,
        INC,
        "en: SMS gateway sent codes to the wrong numbers",
        "en: \"SMS gateway \\u202Esent codes\\u202C\"",
    );
    let out = build_ok(root, &[]);
    let page = read(&out.join("en/incidents/2026-01-sms-gateway/index.html"));
    let doc = scraper::Html::parse_document(&page);
    let title: String = doc
        .select(&scraper::Selector::parse("title").unwrap())
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(title.contains("\u{202E}sent codes\u{202C}"), "{title:?}");
    assert!(title.contains("Minimal Advisories"), "{title:?}");
    assert!(
        bayan_text::spoof::unbalanced_bidi(&title).is_empty(),
        "{title:?}"
    );
}

/// Finding: look-alike verify domains in other scripts were shown as written. They
/// must be ASCII (the `xn--` form is suggested); one that mixes scripts is refused,
/// and so is a URL or email host that does.
#[test]
fn look_alike_verify_domains_and_mixed_script_hosts_are_errors() {
    let err = fails_with(|r| {
        let site = read(&r.join("content/site.yaml"));
        std::fs::write(
            r.join("content/site.yaml"),
            format!("{site}verify:\n  domains: [\"exampl\u{0435}.com\", \"bücher.example\", xn--exampl-8of.com]\n"),
        )
        .unwrap();
        append(r, "contact:\n  url: \"https://p\u{0430}ypal.example/\"\n");
    });
    has(
        &err,
        "verify.domains[0]: `exampl\u{0435}.com`: host `exampl\u{0435}.com` mixes scripts",
    );
    has(&err, "verify.domains[1]: `bücher.example` is not in ASCII");
    has(&err, "did you mean `xn--bcher-kva.example`?");
    has(
        &err,
        "verify.domains[2]: `xn--exampl-8of.com`: host `exampl\u{0435}.com` mixes scripts",
    );
}

/// Finding: a link whose text reads as an address could lead elsewhere:
/// `[https://bank.example](https://evil.example)`.
#[test]
fn link_text_that_reads_as_another_address_is_an_error() {
    let err = fails_with(|r| {
        write(
            r,
            BODY_EN,
            "Fixed.\n\nSign in at [https://bank.example](https://evil.example/login).\n\n[bank.example](https://evil.example) or [help@bank.example](mailto:help@evil.example)\n",
        );
        edit(
            r,
            INC,
            "en: Ignore codes you did not ask for.",
            "en: \"Visit [www.bank.example/help](https://bank.evil.example/help).\"",
        );
    });
    has(
        &err,
        &format!(
            "{BODY_EN}:3:12: link text `https://bank.example` reads as an address but the link goes to `https://evil.example/login`"
        ),
    );
    has(&err, &format!("{BODY_EN}:5:1: link text `bank.example`"));
    has(
        &err,
        &format!("{BODY_EN}:5:41: link text `help@bank.example`"),
    );
    has(&err, "advice[0].en: link text `www.bank.example/help`");

    let site = fixture("minimal");
    let root = site.path();
    write(
        root,
        BODY_EN,
        "[bank.example](https://www.bank.example/login), [HTTPS://Bank.Example/](https://bank.example/x), [help@bank.example](mailto:help@bank.example?subject=Hi), [v1.2](https://x.example), [read more](https://evil.example), <help@bank.example>, <https://bank.example/>.\n",
    );
    build_ok(root, &[]);
}

/// Finding: the TODO check was bypassed by a leading zero-width space, a BOM or
/// `**TODO**`.
#[test]
fn todo_hidden_by_invisible_characters_or_markup_is_an_error() {
    let err = fails_with(|r| {
        edit(
            r,
            INC,
            "en: Ignore codes you did not ask for.",
            "en: \"\\u200BTODO advice\"",
        );
        edit(
            r,
            INC,
            "en: Some customers who signed in on 9 January",
            "en: \"\\uFEFFTODO\"",
        );
        edit(
            r,
            INC,
            "en: A fault at our SMS provider sent some one-time codes to the wrong numbers.",
            "en: \"**TODO** summary\"",
        );
        write(r, BODY_EN, "# *TODO*\n\nwrite this\n");
    });
    for field in ["advice[0].en", "affected.en", "summary.en"] {
        has(
            &err,
            &format!("{field}: placeholder text starting with `TODO`"),
        );
    }
    has(&err, &format!("{BODY_EN}:1:1: placeholder text"));
}

/// Finding: NUL, ESC, other controls and noncharacters reached the HTML.
#[test]
fn control_characters_and_noncharacters_in_texts_and_bodies_are_errors() {
    let err = fails_with(|r| {
        edit(
            r,
            INC,
            "en: A fault at our SMS provider sent some one-time codes to the wrong numbers.",
            "en: \"A fault\\0 at \\e[31mour provider\\uFFFE.\"",
        );
        write(
            r,
            BODY_EN,
            "Fixed.\nA b\u{0}c \u{7f} \u{FFFF}\tand a tab.\r\n",
        );
    });
    has(
        &err,
        "incident.yaml:5:7: summary.en: contains the control character U+0000; remove it (character 8 of the text)",
    );
    has(&err, "summary.en: contains the control character U+001B");
    has(&err, "summary.en: contains the control character U+FFFE");
    has(
        &err,
        &format!("{BODY_EN}:2:4: contains the control character U+0000"),
    );
    has(
        &err,
        &format!("{BODY_EN}:2:7: contains the control character U+007F"),
    );
    has(
        &err,
        &format!("{BODY_EN}:2:9: contains the control character U+FFFF"),
    );
    assert!(!err.contains("U+0009"), "{err}");
    assert!(!err.contains("U+000D"), "{err}");
}

/// Finding: a link in a reference's title nested `<a>` inside the reference's own
/// link.
#[test]
fn link_in_a_reference_title_is_an_error() {
    let err = fails_with(|r| {
        append(
            r,
            "references:\n  - title: { en: \"See [this](https://a.example/)\", ar: مرجع }\n    url: \"https://ref.example/\"\n",
        )
    });
    has(
        &err,
        "references[0].title.en: a reference's title is shown as its link, so it cannot contain a link",
    );
}

/// Finding: diagnostics printed terminal escape sequences from content raw. Text
/// output shows them as `\u{1b}`; JSON output keeps the value but escapes what
/// serde_json leaves raw (DEL, C1, bidi controls).
#[test]
fn terminal_escapes_in_content_are_escaped_in_diagnostics() {
    let site = fixture("minimal");
    let root = site.path();
    edit(
        root,
        INC,
        "exposed: [phone_numbers]",
        "exposed: [\"x\\e]0;pwned\\a\\x7f\\x85\\u202E\"]",
    );
    append(root, "\"k\\e[2J\": 1\n");
    for args in [&["build"][..], &["check"][..]] {
        let o = bayan(root, args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(
            !err.chars()
                .any(|c| (c.is_control() && c != '\n') || bayan_text::spoof::is_bidi_control(c)),
            "{err:?}"
        );
        has(&err, "\\u{1b}");
    }
    edit(root, INC, "\"k\\e[2J\": 1\n", "");
    let o = bayan(root, &["check", "--format", "json"]);
    let out = stdout(&o);
    assert!(
        !out.chars()
            .any(|c| (c.is_control() && c != '\n') || bayan_text::spoof::is_bidi_control(c)),
        "{out:?}"
    );
    let items: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert!(
        items.iter().any(|d| d["message"]
            .as_str()
            .unwrap()
            .contains("x\u{1b}]0;pwned\u{7}\u{7f}\u{85}\u{202E}")),
        "{out}"
    );
}

/// Finding (with 2): the site's contact email was checked twice, so each problem
/// was reported twice.
#[test]
fn a_bad_site_email_is_reported_once() {
    let err = fails_with(|r| {
        edit(
            r,
            "content/site.yaml",
            "email: security@example.com",
            "email: \"a@b.example&cc=x\"",
        )
    });
    assert_eq!(err.matches("contact.email:").count(), 1, "{err}");
}

/// SPEC, Updates: "two updates at the same time are an error". A rule of the
/// link phase, located at the second update's `at`.
#[test]
fn two_updates_at_the_same_time_are_an_error() {
    let updates = "updates:\n  - at: 2026-01-11\n    text:\n      en: Fixed.\n      ar: أُصلح.\n  - at: 2026-01-11\n    text:\n      en: Still fixed.\n      ar: ما زال مُصلحاً.\n";
    let err = fails_with(|r| {
        let p = r.join(INC);
        let mut s = std::fs::read_to_string(&p).unwrap();
        s.push_str(updates);
        std::fs::write(&p, s).unwrap();
    });
    assert!(
        err.contains(&format!(
            "error: {INC}:24:9: updates[1].at: is the same time as `updates[0].at`"
        )),
        "{err}"
    );
}

/// Review finding: a bad address after an entity (`&amp;`) in Arabic text made the
/// checker's offset fall inside a character, and turning it into "character N"
/// panicked. It is an error, located, and no panic.
#[test]
fn a_bad_address_after_an_entity_in_arabic_text_is_an_error_not_a_panic() {
    let err = fails_with(|r| {
        edit(
            r,
            INC,
            "ar: تجاهل الرموز التي لم تطلبها.",
            "ar: \"&amp;يي https://u@evil.example\"",
        )
    });
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains("advice[0].ar"), "{err}");
    assert!(err.contains("(character "), "{err}");
}

/// Review finding: `# x` in a record text became an `<h1>` inside a list item, and two
/// texts with the same heading gave the page one id twice.
#[test]
fn a_heading_in_a_record_text_is_an_error() {
    let err = fails_with(|r| {
        edit(
            r,
            INC,
            "en: Ignore codes you did not ask for.",
            "en: \"# Note\\n\\nIgnore codes you did not ask for.\"",
        )
    });
    assert!(
        err.contains("advice[0].en: a heading in a text; texts hold inline Markdown only"),
        "{err}"
    );
}

/// The error lines of `err`, without the closing count.
fn error_lines(err: &str) -> Vec<&str> {
    err.lines().filter(|l| l.starts_with("error: ")).collect()
}

#[test]
fn every_error_of_an_incident_is_reported_in_one_run() {
    // Four fields the parser rejects (one of them, `status`, without which the
    // record cannot be read at all), and a body error: one run names all five.
    let err = fails_with(|r| {
        edit(r, INC, "status: resolved", "status: resolvd");
        edit(r, INC, "severity: low", "severity: lwo");
        edit(r, INC, "advice:", "colour: red\nadvice:");
        edit(
            r,
            INC,
            "  not_exposed: [passwords]",
            "  not_exposed: passwords",
        );
        let md = r.join("content/incidents/2026-01-sms-gateway/en.md");
        let body = read(&md);
        std::fs::write(&md, format!("{body}\nSee [the log](missing.txt).\n")).unwrap();
    });
    let lines = error_lines(&err);
    for want in [
        format!("error: {INC}:7:9: status: `resolvd` is not allowed here"),
        format!("error: {INC}:8:11: severity: `lwo` is not allowed here"),
        format!("error: {INC}:15:16: data.not_exposed: "),
        format!("error: {INC}:16:1: colour: unknown key `colour`"),
        "error: content/incidents/2026-01-sms-gateway/en.md:".to_owned(),
    ] {
        assert!(
            lines.iter().any(|l| l.starts_with(&want)),
            "missing {want:?} in:\n{err}"
        );
    }
    assert_eq!(lines.len(), 5, "{err}");
}

#[test]
fn the_fields_that_parse_are_still_checked_when_others_do_not() {
    // `severity` and `title` do not parse; the rest does, so its own checks run:
    // the Arabic summary that is missing and the advice with a bad link are found
    // in the same run, and nothing is said about the stand-ins for the two fields.
    let err = fails_with(|r| {
        edit(r, INC, "severity: low", "severity: [low]");
        edit(
            r,
            INC,
            "title:\n  en: SMS gateway sent codes to the wrong numbers\n  ar: بوابة الرسائل أرسلت رموزاً إلى أرقام خاطئة",
            "title: SMS gateway sent codes to the wrong numbers",
        );
        edit(
            r,
            INC,
            "  ar: أدى خلل لدى مزوّد الرسائل إلى إرسال بعض رموز الدخول إلى أرقام خاطئة.\n",
            "",
        );
        edit(
            r,
            INC,
            "  exposed: [phone_numbers]",
            "  exposed: [phone_numbrs]",
        );
    });
    let lines = error_lines(&err);
    for want in [
        format!("error: {INC}:1:8: title: "),
        format!("error: {INC}:3:3: summary.ar: missing Arabic text"),
        format!("error: {INC}:5:11: severity: expected one value here"),
        format!("error: {INC}:11:13: data.exposed[0]: unknown data class `phone_numbrs`"),
    ] {
        assert!(
            lines.iter().any(|l| l.starts_with(&want)),
            "missing {want:?} in:\n{err}"
        );
    }
    assert_eq!(lines.len(), 4, "{err}");
}

#[test]
fn a_yaml_syntax_error_is_still_one_error_at_its_place() {
    // A record the parser cannot read as a map has no fields to set aside.
    let err = fails_with(|r| edit(r, INC, "severity: low", "severity: \"low"));
    assert_eq!(error_lines(&err).len(), 1, "{err}");
    assert!(err.contains(&format!("error: {INC}:8:")), "{err}");
}

/// A comment is dropped from a body before its bare URLs are linked, so a URL split
/// by one (`https://bank.example<!---->@evil.example/`) is checked joined, as it is
/// linked and shown: in a draft's preview too, where comments are allowed.
#[test]
fn a_url_split_by_a_comment_in_a_draft_body_is_checked_as_rendered() {
    let site = fixture("minimal");
    let r = site.path();
    edit(r, INC, "severity: low", "severity: low\ndraft: true");
    write(
        r,
        BODY_EN,
        "Fixed.\n\n<!-- note to self -->\n\nSee https://bank.example<!---->@evil.example/x today.\n",
    );
    let o = bayan(r, &["check", "--drafts"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    has(
        &err,
        "en.md:5:5: `https://bank.example@evil.example/x`: carries a user name before `@`",
    );
    // The comment on its own is still allowed in a draft.
    assert!(!err.contains("HTML comment in a published body"), "{err}");
}

#[test]
fn a_missing_required_field_is_found_beside_a_bad_status() {
    let err = fails_with(|r| {
        edit(r, INC, "status: resolved", "status: resolvd");
        edit(
            r,
            INC,
            "affected:\n  en: Some customers who signed in on 9 January\n  ar: بعض العملاء الذين سجّلوا الدخول في 9 يناير\n",
            "",
        );
    });
    let lines = error_lines(&err);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&format!("error: {INC}:7:9: status: "))),
        "{err}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("affected: missing required key `affected`")),
        "{err}"
    );
    assert_eq!(lines.len(), 2, "{err}");
}

#[test]
fn a_label_and_colon_in_a_list_item_asks_for_quotes_not_indentation() {
    let err = fails_with(|root| {
        edit(
            root,
            INC,
            "    ar: تجاهل الرموز التي لم تطلبها.",
            "    ar: تجاهل الرموز التي لم تطلبها.\n  - en: \"Note: watch your messages.\"\n    ar: ملاحظة: راقب رسائلك.",
        )
    });
    assert!(err.contains("put the whole value in quotes"), "{err}");
    assert!(!err.contains("is indented"), "{err}");
}
