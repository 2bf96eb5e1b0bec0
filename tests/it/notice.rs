//! `bayan notice`: every message a real parser reads without a defect, the
//! parts in order, the texts the same in the message and beside it, no link
//! that reads differently from where it leads, SMS within three parts.

use std::path::Path;
use std::process::Command;

use scraper::{Html, Selector};

use crate::*;

const EXAMPLE_ID: &str = "2025-11-mixpanel-analytics";

/// Every `.eml` in `dir` as Python's `email` package (policy.default) reads it:
/// headers, defects (the message's and every part's), the parts' types and
/// charsets, and the decoded plain text and HTML.
pub(crate) fn parse_messages(dir: &Path) -> serde_json::Value {
    const SCRIPT: &str = r#"
import email, email.policy, glob, json, os, sys
out = {}
for path in sorted(glob.glob(os.path.join(sys.argv[1], '*.eml'))):
    m = email.message_from_bytes(open(path, 'rb').read(), policy=email.policy.default)
    parts = [p for p in m.walk()]
    out[os.path.basename(path)] = {
        'headers': {k: str(v) for k, v in m.items()},
        'defects': [repr(d) for p in parts for d in p.defects],
        'types': [p.get_content_type() for p in parts],
        'charsets': [p.get_content_charset() for p in parts[1:]],
        'text': m.get_body(('plain',)).get_content(),
        'html': m.get_body(('html',)).get_content(),
        'from_addr': m['From'].addresses[0].addr_spec,
        'from_name': m['From'].addresses[0].display_name,
        'attachments': len(list(m.iter_attachments())),
    }
print(json.dumps(out))
"#;
    let o = Command::new("python3")
        .args(["-c", SCRIPT])
        .arg(dir)
        .output()
        .expect("python3 runs (tests/run and CI install it)");
    assert!(o.status.success(), "python: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn notice(root: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["notice"];
    all.extend_from_slice(args);
    bayan(root, &all)
}

fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    n.sort();
    n
}

/// Text parts travel with CRLF line ends (RFC 2046); the files beside them use LF.
fn lf(s: &str) -> String {
    s.replace("\r\n", "\n")
}

/// Every `<a>` of `html` reads as where it leads: its text is its href, or the
/// href is the `mailto:`/`tel:` of its text.
fn assert_links_read_true(html: &str, what: &str) {
    let doc = Html::parse_document(html);
    let a = Selector::parse("a").unwrap();
    let mut n = 0;
    for link in doc.select(&a) {
        n += 1;
        let href = link.value().attr("href").unwrap_or("");
        let text: String = link.text().collect::<String>().trim().to_owned();
        let dial = |t: &str| {
            let d: String = t
                .split('(')
                .next()
                .unwrap_or(t)
                .chars()
                .filter_map(|c| match c.to_ascii_uppercase() {
                    d @ ('0'..='9' | '+') => Some(d),
                    'A'..='C' => Some('2'),
                    'D'..='F' => Some('3'),
                    'G'..='I' => Some('4'),
                    'J'..='L' => Some('5'),
                    'M'..='O' => Some('6'),
                    'P'..='S' => Some('7'),
                    'T'..='V' => Some('8'),
                    'W'..='Z' => Some('9'),
                    _ => None,
                })
                .collect();
            format!("tel:{d}")
        };
        let ok = href == text
            || href == format!("mailto:{text}")
            || (href.starts_with("tel:") && href == dial(&text));
        assert!(ok, "{what}: link text `{text}` differs from `{href}`");
    }
    assert!(n > 0, "{what}: no links at all");
    for tag in [
        "img", "link", "script", "form", "button", "input", "iframe", "style",
    ] {
        let sel = Selector::parse(tag).unwrap();
        assert_eq!(doc.select(&sel).count(), 0, "{what}: a <{tag}>");
    }
    let lower = html.to_ascii_lowercase();
    for fetch in ["url(", "@import", " src=", "srcset", "background="] {
        assert!(!lower.contains(fetch), "{what}: `{fetch}`");
    }
}

#[test]
fn the_example_writes_every_notice_and_each_parses_without_a_defect() {
    let site = fixture("example");
    let root = site.path();
    let o = notice(root, &[EXAMPLE_ID]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = root.join("notices").join(EXAMPLE_ID);
    assert_eq!(
        names(&out),
        [
            "ar.eml",
            "ar.sms.txt",
            "ar.txt",
            "bilingual.eml",
            "en.eml",
            "en.sms.txt",
            "en.txt"
        ]
    );
    // The command says how many parts each SMS takes.
    let said = stdout(&o);
    assert!(said.contains("ar.sms.txt: 3 SMS parts (UCS-2"), "{said}");
    assert!(said.contains("en.sms.txt: 2 SMS parts (GSM-7"), "{said}");

    if !crate::have(crate::Tool::PythonEmail) {
        return;
    }
    let msgs = parse_messages(&out);
    for (name, lang, prefix) in [
        ("en.eml", "en", "Security notice: "),
        ("ar.eml", "ar", "إشعار أمني: "),
        ("bilingual.eml", "ar, en", "إشعار أمني: "),
    ] {
        let m = &msgs[name];
        assert_eq!(m["defects"], serde_json::json!([]), "{name}");
        assert_eq!(
            m["types"],
            serde_json::json!(["multipart/alternative", "text/plain", "text/html"]),
            "{name}: text/plain first, then text/html"
        );
        assert_eq!(
            m["charsets"],
            serde_json::json!(["utf-8", "utf-8"]),
            "{name}"
        );
        assert_eq!(m["attachments"], 0, "{name}");
        let h = &m["headers"];
        assert_eq!(h["To"], "undisclosed-recipients:;", "{name}");
        assert_eq!(h["MIME-Version"], "1.0", "{name}");
        assert_eq!(h["Content-Language"], lang, "{name}");
        // The advisory's last update (`published: 2025-11-27`, a day in Riyadh),
        // not the build's "now".
        assert_eq!(h["Date"], "Wed, 26 Nov 2025 21:00:00 +0000", "{name}");
        let id = h["Message-ID"].as_str().unwrap();
        assert!(
            id.starts_with(&format!("<{EXAMPLE_ID}."))
                && id.ends_with("@advisories.nahda.example>"),
            "{name}: {id}"
        );
        assert!(
            h["Subject"].as_str().unwrap().starts_with(prefix),
            "{name}: {}",
            h["Subject"]
        );
        assert_eq!(m["from_addr"], "security@nahda.example", "{name}");
        assert!(h.get("List-Unsubscribe").is_none(), "{name}");
        assert_links_read_true(m["html"].as_str().unwrap(), name);
    }
    assert_eq!(msgs["ar.eml"]["from_name"], "نهضة لابز");
    assert_eq!(msgs["en.eml"]["from_name"], "Nahda Labs");
    for lang in ["en", "ar"] {
        let m = &msgs[format!("{lang}.eml").as_str()];
        let text = lf(m["text"].as_str().unwrap());
        assert_eq!(text, read(&out.join(format!("{lang}.txt"))), "{lang}.txt");
        let url = format!("https://advisories.nahda.example/{lang}/incidents/{EXAMPLE_ID}/");
        assert!(text.contains(&url), "{lang}: URL in the text part");
        let html = m["html"].as_str().unwrap();
        assert!(
            html.contains(&format!("<a href=\"{url}\" dir=\"ltr\"")),
            "{lang}: URL in the HTML part"
        );
        // The verify note is repeated: near the top and at the end.
        let note = if lang == "en" {
            "We will never\nask you for a password"
        } else {
            "ولن نطلب منك في أي حال"
        };
        let note = note.split('\n').next().unwrap();
        assert!(text.matches(note).count() >= 2, "{lang}: verify note twice");
    }
    let ar_html = msgs["ar.eml"]["html"].as_str().unwrap();
    assert!(ar_html.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(ar_html.contains("direction:rtl"));
    assert!(ar_html.contains("text-align:right"));
    let en_html = msgs["en.eml"]["html"].as_str().unwrap();
    assert!(!en_html.contains("dir=\"rtl\"") && en_html.contains("direction:ltr"));
    // Both languages in one message, the authoritative one (ar) first.
    let bi = &msgs["bilingual.eml"];
    let bi_html = bi["html"].as_str().unwrap();
    let (ar_at, en_at) = (
        bi_html.find("lang=\"ar\" dir=\"rtl\" width").unwrap(),
        bi_html.find("lang=\"en\" dir=\"ltr\" width").unwrap(),
    );
    assert!(ar_at < en_at, "Arabic first");
    let bi_text = lf(bi["text"].as_str().unwrap());
    assert!(bi_text.starts_with(&read(&out.join("ar.txt"))));
    assert!(bi_text.ends_with(&read(&out.join("en.txt"))));
    // No CSS a mail client ignores: sides are physical.
    for logical in [
        "inline-start",
        "inline-end",
        "margin-inline",
        "padding-inline",
    ] {
        assert!(!bi_html.contains(logical), "{logical}");
    }
}

#[test]
fn the_arabic_plain_text_keeps_numbers_and_addresses_in_order_with_isolates() {
    let site = fixture("example");
    let root = site.path();
    let o = notice(root, &[EXAMPLE_ID]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = root.join("notices").join(EXAMPLE_ID);
    let ar = read(&out.join("ar.txt"));
    for line in [
        "البريد الإلكتروني: \u{2066}security@nahda.example\u{2069}",
        "الهاتف: \u{2066}+966 800 555 0123\u{2069}",
        "الموقع: \u{2066}https://nahda.example/security\u{2069}",
        "أوقات العمل: من الأحد إلى الخميس، \u{2066}9:00–18:00\u{2069} بتوقيت الرياض",
    ] {
        assert!(
            ar.lines().any(|l| l == line),
            "missing line {line:?} in:\n{ar}"
        );
    }
    // A copied address holds exactly what the author typed: no control
    // character lands inside one.
    for addr in [
        "security@nahda.example",
        "+966 800 555 0123",
        "@nahda.example",
    ] {
        assert!(ar.contains(addr), "{addr}");
    }
    let sms = read(&out.join("ar.sms.txt"));
    assert!(
        sms.trim_end().ends_with(&format!(
            "\u{2066}https://advisories.nahda.example/ar/incidents/{EXAMPLE_ID}/\u{2069}"
        )),
        "the URL isolated whole, its last `/` too: {sms:?}"
    );
    assert!(sms.starts_with("نهضة لابز: "), "{sms}");
    let en = read(&out.join("en.sms.txt"));
    assert_eq!(
        en.trim_end(),
        format!(
            "Nahda Labs: We have published a security notice: Mixpanel incident exposed limited profile data of some OpenAI API users. Details: https://advisories.nahda.example/en/incidents/{EXAMPLE_ID}/"
        )
    );
}

#[test]
fn an_arabic_first_site_under_a_sub_path_gets_its_notices() {
    let site = fixture("arabic-subpath");
    let root = site.path();
    let id = "2026-03-crm-export";
    let o = notice(root, &[id]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = root.join("notices").join(id);
    if !crate::have(crate::Tool::PythonEmail) {
        return;
    }
    let msgs = parse_messages(&out);
    for name in ["ar.eml", "en.eml", "bilingual.eml"] {
        assert_eq!(msgs[name]["defects"], serde_json::json!([]), "{name}");
        assert_links_read_true(msgs[name]["html"].as_str().unwrap(), name);
    }
    let ar = read(&out.join("ar.txt"));
    // url_style: file, and base_url's sub-path.
    assert!(
        ar.contains(&format!(
            "https://nahda.github.io/advisories/ar/incidents/{id}/index.html"
        )),
        "{ar}"
    );
    // A vanity number dials its letters; the text keeps what the author wrote.
    let html = msgs["ar.eml"]["html"].as_str().unwrap();
    assert!(html.contains("href=\"tel:800162432\""), "vanity number");
    assert!(
        ar.contains("\u{2066}8001-NAHDA (8001-62432)\u{2069}"),
        "{ar}"
    );
    // Arabic-Indic digits number the advice.
    assert!(ar.contains("\n١. "), "{ar}");
    assert_eq!(
        msgs["bilingual.eml"]["headers"]["Content-Language"],
        "ar, en"
    );
}

#[test]
fn notices_are_the_same_bytes_for_the_same_input() {
    let site = fixture("minimal");
    let root = site.path();
    let id = "2026-01-sms-gateway";
    assert!(notice(root, &[id, "--output", "a"]).status.success());
    assert!(notice(root, &[id, "--output", "b"]).status.success());
    let (a, b) = (tree(&root.join("a")), tree(&root.join("b")));
    assert_eq!(a.len(), 8, "{:?}", a.keys());
    assert_eq!(a, b);
}

#[test]
fn notice_from_and_reply_to_come_from_site_yaml() {
    let site = fixture("minimal");
    let root = site.path();
    edit(
        root,
        "content/site.yaml",
        "contact:",
        "notice:\n  from: \"Example Security Team <notices@example.com>\"\n  reply_to: help@example.com\ncontact:",
    );
    let o = notice(root, &["2026-01-sms-gateway"]);
    assert!(o.status.success(), "{}", stderr(&o));
    if !crate::have(crate::Tool::PythonEmail) {
        return;
    }
    let msgs = parse_messages(&root.join("notices/2026-01-sms-gateway"));
    for name in ["en.eml", "ar.eml", "bilingual.eml"] {
        let h = &msgs[name]["headers"];
        assert_eq!(h["From"], "Example Security Team <notices@example.com>");
        assert_eq!(h["Reply-To"], "help@example.com");
    }
}

#[test]
fn a_bad_notice_from_is_an_error_at_its_line() {
    let site = fixture("minimal");
    let root = site.path();
    edit(
        root,
        "content/site.yaml",
        "contact:",
        "notice:\n  from: \"Acme <notices@example.com\"\ncontact:",
    );
    let o = notice(root, &["2026-01-sms-gateway"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("content/site.yaml:7:9: notice.from: `Acme <notices@example.com`: the address opened with `<` must end"),
        "{err}"
    );
}

#[test]
fn an_unknown_id_suggests_the_nearest_and_a_draft_needs_drafts() {
    let site = fixture("minimal");
    let root = site.path();
    let o = notice(root, &["2026-01-sms-gatway"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(
            "error: no advisory `2026-01-sms-gatway` in content/incidents/; did you mean `2026-01-sms-gateway`?"
        ),
        "{}",
        stderr(&o)
    );
    edit(
        root,
        "content/incidents/2026-01-sms-gateway/incident.yaml",
        "severity: low",
        "severity: low\ndraft: true",
    );
    let o = notice(root, &["2026-01-sms-gateway"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is a draft"), "{}", stderr(&o));
    assert!(stderr(&o).contains("--drafts"), "{}", stderr(&o));
    assert!(!root.join("notices").exists());
    let o = notice(root, &["2026-01-sms-gateway", "--drafts"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("not published yet"), "{}", stderr(&o));
}

#[test]
fn an_sms_that_cannot_fit_is_an_error_in_notice_and_in_check() {
    let site = fixture("minimal");
    let root = site.path();
    let long = "Example ".repeat(60);
    edit(
        root,
        "content/site.yaml",
        "contact:",
        &format!("organization:\n  name: {{ en: {long}, ar: مثال }}\ncontact:"),
    );
    let o = notice(root, &["2026-01-sms-gateway"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("content/site.yaml: organization.name.en: the English SMS of `2026-01-sms-gateway` needs 4 parts"),
        "{err}"
    );
    assert!(err.contains("shorten the organisation's name"), "{err}");
    assert!(!root.join("notices").exists(), "nothing written");
    let o = bayan(root, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("the English SMS"), "{}", stderr(&o));
}

#[test]
fn a_long_title_falls_back_to_the_short_sentence() {
    let site = fixture("minimal");
    let root = site.path();
    let title = "حادثة ".repeat(40);
    edit(
        root,
        "content/incidents/2026-01-sms-gateway/incident.yaml",
        "ar: بوابة الرسائل أرسلت رموزاً إلى أرقام خاطئة",
        &format!("ar: {title}"),
    );
    let o = notice(root, &["2026-01-sms-gateway"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("the ar SMS uses the theme's short sentence"));
    let sms = read(&root.join("notices/2026-01-sms-gateway/ar.sms.txt"));
    assert!(sms.contains("نشرنا إشعاراً أمنياً يعنيك"), "{sms}");
    assert!(!sms.contains("حادثة حادثة"), "{sms}");
}

#[test]
fn notices_never_replace_the_site_output() {
    let site = fixture("minimal");
    let root = site.path();
    let out = build_ok(root, &[]);
    let before = tree(&out);
    for target in ["output", "output/notices", "."] {
        let o = notice(root, &["2026-01-sms-gateway", "--output", target]);
        assert_eq!(o.status.code(), Some(2), "{target}");
        assert!(stderr(&o).contains("refusing to write"), "{}", stderr(&o));
    }
    assert_eq!(tree(&out), before);
}

#[test]
fn a_theme_notice_with_a_sign_in_link_is_refused() {
    let site = fixture("minimal");
    let root = site.path();
    let dir = root.join("themes/default/templates");
    std::fs::create_dir_all(&dir).unwrap();
    let html = crate::default_theme_file("templates/notice.html").replace(
        "</body>",
        "<a href=\"https://login.example.com/\">Sign in to check your account</a></body>",
    );
    std::fs::write(dir.join("notice.html"), html).unwrap();
    let o = notice(root, &["2026-01-sms-gateway"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(
            "a link reads `Sign in to check your account` but leads to `https://login.example.com/`"
        ),
        "{err}"
    );
    assert!(!root.join("notices").exists());
}

const MINIMAL_ID: &str = "2026-01-sms-gateway";
const MINIMAL_YAML: &str = "content/incidents/2026-01-sms-gateway/incident.yaml";

/// Adds `notice.sms` with `en` and `ar` (double-quoted: a sentence ending in
/// `:` before the URL is common) to the minimal fixture's advisory, at lines 21
/// and 22 of its record.
fn with_sms(root: &Path, en: &str, ar: &str) {
    edit(
        root,
        MINIMAL_YAML,
        "    ar: تجاهل الرموز التي لم تطلبها.",
        &format!(
            "    ar: تجاهل الرموز التي لم تطلبها.\nnotice:\n  sms:\n    en: \"{en}\"\n    ar: \"{ar}\""
        ),
    );
}

#[test]
fn notice_sms_replaces_the_generated_sentence_in_each_language() {
    let site = fixture("minimal");
    let root = site.path();
    with_sms(
        root,
        "Some sign-in codes went to the wrong phones; read what to do:",
        "أُرسلت بعض رموز الدخول إلى هواتف خاطئة، اقرأ ما عليك فعله:",
    );
    let o = notice(root, &[MINIMAL_ID]);
    assert!(o.status.success(), "{}", stderr(&o));
    let dir = root.join("notices").join(MINIMAL_ID);
    let en = read(&dir.join("en.sms.txt"));
    assert_eq!(
        en,
        format!(
            "Minimal Advisories: Some sign-in codes went to the wrong phones; read what to do: https://advisories.example.com/en/incidents/{MINIMAL_ID}/\n"
        )
    );
    let ar = read(&dir.join("ar.sms.txt"));
    assert!(
        ar.contains("أُرسلت بعض رموز الدخول إلى هواتف خاطئة، اقرأ ما عليك فعله:"),
        "{ar}"
    );
    assert!(
        !ar.contains("نشرنا إشعاراً"),
        "the theme's sentence is gone: {ar}"
    );
    assert!(
        ar.contains(&format!(
            "\u{2066}https://advisories.example.com/ar/incidents/{MINIMAL_ID}/\u{2069}"
        )),
        "{ar}"
    );
    // The count printed is the override's: GSM-7 in English, one part.
    let out = stdout(&o);
    let units = en.trim_end().chars().count();
    assert!(
        out.contains(&format!("en.sms.txt: 1 SMS part (GSM-7, {units} of 459)")),
        "{out}"
    );
    // The page and the e-mails are untouched by it.
    assert!(!read(&dir.join("en.txt")).contains("read what to do"));
}

#[test]
fn notice_sms_is_checked_like_every_text_and_as_one_plain_sentence() {
    let cases: &[(&str, &str, &str)] = &[
        // (en, ar, expected in stderr)
        (
            "Codes went astray; details:",
            "TODO",
            "incident.yaml:22:9: notice.sms.ar: placeholder text starting with `TODO`",
        ),
        (
            "Read **now**:",
            "التفاصيل:",
            "incident.yaml:21:9: notice.sms.en: an SMS is shown as typed: write plain text, without Markdown",
        ),
        (
            "See https://evil.example/ now:",
            "التفاصيل:",
            "incident.yaml:21:9: notice.sms.en: an SMS carries one address, the advisory's",
        ),
        (
            "Codes went astray. Read the notice:",
            "التفاصيل:",
            "incident.yaml:21:9: notice.sms.en: an SMS says one sentence (the organisation's name and the advisory's URL are added around it); a second begins at character 20",
        ),
    ];
    for (en, ar, want) in cases {
        let site = fixture("minimal");
        let root = site.path();
        with_sms(root, en, ar);
        let o = notice(root, &[MINIMAL_ID]);
        assert_eq!(o.status.code(), Some(1), "{en} / {ar}");
        assert!(stderr(&o).contains(want), "{want}\n{}", stderr(&o));
        assert!(!root.join("notices").exists());
        let o = bayan(root, &["check"]);
        assert_eq!(o.status.code(), Some(1));
        assert!(stderr(&o).contains(want), "check: {}", stderr(&o));
    }
    // Every language is needed.
    let site = fixture("minimal");
    let root = site.path();
    edit(
        root,
        MINIMAL_YAML,
        "    ar: تجاهل الرموز التي لم تطلبها.",
        "    ar: تجاهل الرموز التي لم تطلبها.\nnotice:\n  sms: { en: \"Codes went astray; details:\" }",
    );
    let o = bayan(root, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("notice.sms.ar: missing Arabic text (every text needs: en, ar)"),
        "{}",
        stderr(&o)
    );
    // A draft may keep its TODO.
    edit(
        root,
        MINIMAL_YAML,
        "{ en: \"Codes went astray; details:\" }",
        "{ en: TODO, ar: TODO }\ndraft: true",
    );
    let o = notice(root, &[MINIMAL_ID, "--drafts"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_notice_sms_too_long_for_three_parts_is_an_error_at_the_field() {
    let site = fixture("minimal");
    let root = site.path();
    // 42 words of 5 letters: 210 characters plus the name and the isolated URL,
    // far past the 201 UCS-2 units of three parts; the short sentence is not
    // used in its place.
    let long = "رسالة ".repeat(42);
    with_sms(root, "Codes went astray; details:", long.trim());
    let o = notice(root, &[MINIMAL_ID]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "{MINIMAL_YAML}:22:9: notice.sms.ar: the Arabic SMS needs 5 parts"
        )),
        "{err}"
    );
    assert!(err.contains("in 3 parts of UCS-2"), "{err}");
    assert!(err.contains("shorten this sentence by"), "{err}");
    assert!(!root.join("notices").exists());
    let o = bayan(root, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("notice.sms.ar: the Arabic SMS needs"));
}

#[test]
fn an_sms_may_link_the_short_address_or_nothing_and_each_language_says_its_parts() {
    const ID: &str = "2026-01-sms-gateway";
    let site = fixture("minimal");
    let root = site.path();
    let parts = |o: &std::process::Output, lang: &str| -> usize {
        let said = stdout(o) + &stderr(o);
        let line = said
            .lines()
            .find(|l| l.contains(&format!("{lang}.sms.txt: ")))
            .unwrap_or_else(|| panic!("no part count for {lang}: {said}"));
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    };
    let o = notice(root, &[ID]);
    assert!(o.status.success(), "{}", stderr(&o));
    let full_ar = parts(&o, "ar");

    // The short address: a redirect page per language, fewer units in the SMS.
    edit(
        root,
        "content/site.yaml",
        "contact:",
        "notice:\n  sms_link: short\ncontact:",
    );
    let o = notice(root, &[ID]);
    assert!(o.status.success(), "{}", stderr(&o));
    let dir = root.join(format!("notices/{ID}"));
    let en = read(&dir.join("en.sms.txt"));
    let ar = read(&dir.join("ar.sms.txt"));
    assert!(
        en.trim_end()
            .ends_with(&format!("https://advisories.example.com/a/{ID}/")),
        "{en}"
    );
    assert!(
        ar.contains(&format!(
            "\u{2066}https://advisories.example.com/a/{ID}/ar/\u{2069}"
        )),
        "{ar:?}"
    );
    assert!(parts(&o, "ar") <= full_ar);
    let out = build_ok(root, &[]);
    for (file, to) in [
        (format!("a/{ID}/index.html"), format!("/en/incidents/{ID}/")),
        (
            format!("a/{ID}/ar/index.html"),
            format!("/ar/incidents/{ID}/"),
        ),
    ] {
        let page = read(&out.join(&file));
        assert!(page.contains(&format!("href=\"{to}\"")), "{file}: {page}");
    }

    // No link at all: the app, the website or a call instead.
    edit(
        root,
        "content/site.yaml",
        "sms_link: short",
        "sms_link: false",
    );
    let o = notice(root, &[ID]);
    assert!(o.status.success(), "{}", stderr(&o));
    let en = read(&dir.join("en.sms.txt"));
    let ar = read(&dir.join("ar.sms.txt"));
    for sms in [&en, &ar] {
        assert!(!sms.contains("http"), "{sms}");
    }
    assert!(en.contains("Read it in our app or on our website"), "{en}");
    assert!(ar.contains("اقرأه في تطبيقنا"), "{ar}");
    assert!(parts(&o, "ar") < full_ar, "{}", stdout(&o));

    edit(
        root,
        "content/site.yaml",
        "sms_link: false",
        "sms_link: tiny",
    );
    let o = bayan(root, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("notice.sms_link: `tiny` is not an SMS link form"),
        "{}",
        stderr(&o)
    );
}
