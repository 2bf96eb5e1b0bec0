//! Hardening, round three (issue 23): the surfaces added since round two
//! (notices, CSAF, translation records, `base_url`) against a contributor who can
//! get a pull request merged into the content repository. Each test is named
//! after the threat it closes.

use crate::*;

/// Builds `root` expecting failure, and asserts the previous output is untouched.
fn build_fails_leaving_output(root: &std::path::Path, args: &[&str]) -> String {
    let before = tree(&root.join("output"));
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let o = bayan(root, &all);
    assert!(!o.status.success(), "build passed with {args:?}");
    assert_eq!(tree(&root.join("output")), before, "output changed");
    stderr(&o)
}

#[test]
fn base_url_whose_path_normalises_to_another_host_is_refused() {
    let site = fixture("minimal");
    let root = site.path();
    build_ok(root, &[]);
    // (as typed in site.yaml, the column the error must name)
    for (typed, col) in [
        (r"https://host.example/\evil.example/", 32),
        (r"https://host.example/a/..//evil.example/", 34),
        (r"https://host.example//evil.example/", 32),
        (r"https://host.example/./", 32),
    ] {
        let yaml = read(&root.join("content/site.yaml"));
        let line = yaml
            .lines()
            .find(|l| l.starts_with("base_url:"))
            .unwrap()
            .to_owned();
        edit(
            root,
            "content/site.yaml",
            &line,
            &format!("base_url: {typed}"),
        );
        let err = build_fails_leaving_output(root, &[]);
        assert!(
            err.contains(&format!("content/site.yaml:4:{col}")) && err.contains("base_url"),
            "{typed}: {err}"
        );
    }
    // Quoted, the same character is one column on.
    edit(
        root,
        "content/site.yaml",
        r"base_url: https://host.example/./",
        "base_url: \"https://host.example//evil.example/\"",
    );
    let err = build_fails_leaving_output(root, &[]);
    assert!(err.contains("content/site.yaml:4:33"), "{err}");
    edit(
        root,
        "content/site.yaml",
        "base_url: \"https://host.example//evil.example/\"",
        "base_url: \"https://advisories.example.com/\"",
    );
    for typed in [
        r"https://host.example/\evil.example/",
        "https://host.example/a/..//evil.example/",
        "https://host.example//evil.example/",
    ] {
        let o = bayan(root, &["build", "--base-url", typed]);
        assert_eq!(o.status.code(), Some(2), "{typed}: {}", stderr(&o));
        assert!(stderr(&o).contains("--base-url"), "{}", stderr(&o));
    }
    // A sound sub-path still builds, and no page links to `//anything`.
    let out = build_ok(root, &["--base-url", "https://host.example/security/"]);
    let report = support::check_links(&out, "/security/", "https://host.example/security/");
    assert!(report.broken.is_empty(), "{:?}", report.broken);
    assert!(report.checked > 0);
}

/// A theme's notice.html (a file a pull request can add) with what a text
/// scanner missed: each is refused by `bayan notice`, which writes nothing.
#[test]
fn notice_guard_cannot_be_walked_around_from_a_theme() {
    let site = fixture("minimal");
    let root = site.path();
    let dir = root.join("themes/default/templates");
    std::fs::create_dir_all(&dir).unwrap();
    let shipped = crate::default_theme_file("templates/notice.html");
    for (bad, says) in [
        (r#"<img/src="https://t.example/p.gif">"#, "no <img>"),
        (
            r#"<a/href="https://login.example/">Sign in</a>"#,
            "a link reads `Sign in`",
        ),
        (
            r#"<p style="background:u&#114;l(https://t.example/p.gif)">x</p>"#,
            "`url(` fetches a file",
        ),
        (
            r"<style>p{background:\75 rl(https://t.example/p.gif)}</style>",
            "a <style> holds `url(`",
        ),
    ] {
        std::fs::write(
            dir.join("notice.html"),
            shipped.replace("</body>", &format!("{bad}</body>")),
        )
        .unwrap();
        let o = bayan(root, &["notice", "2026-01-sms-gateway"]);
        assert_eq!(o.status.code(), Some(1), "{bad}: {}", stderr(&o));
        assert!(stderr(&o).contains(says), "{bad}: {}", stderr(&o));
        assert!(!root.join("notices").exists(), "{bad}");
    }
}

/// Appends `yaml` to the minimal fixture's site.yaml and returns the build's
/// error output (the build must fail, leaving the output as it was).
fn site_yaml_fails(root: &std::path::Path, yaml: &str) -> String {
    let path = root.join("content/site.yaml");
    let before = read(&path);
    std::fs::write(&path, format!("{before}{yaml}")).unwrap();
    let err = build_fails_leaving_output(root, &[]);
    std::fs::write(&path, before).unwrap();
    err
}

#[test]
fn organisation_name_holding_a_url_or_address_is_refused() {
    let site = fixture("minimal");
    let root = site.path();
    build_ok(root, &[]);
    for (name, says) in [
        (
            "Acme https://acme-login.example/verify",
            "link to `acme-login.example`",
        ),
        ("service@paypal.com", "reads as an e-mail address"),
        ("Acme (acme-login.com)", "link to `acme-login.com`"),
        ("Acme \\\"Security\\\"", "holds `\"`"),
    ] {
        let err = site_yaml_fails(
            root,
            &format!("organization:\n  name:\n    en: \"{name}\"\n    ar: أكمي\n"),
        );
        assert!(
            err.contains("content/site.yaml:10:9: organization.name.en:") && err.contains(says),
            "{name}: {err}"
        );
    }
    // With no organisation, the site's title is the sender's name.
    edit(
        root,
        "content/site.yaml",
        "en: Minimal Advisories",
        "en: Minimal Advisories at www.minimal-login.com",
    );
    let err = build_fails_leaving_output(root, &[]);
    assert!(err.contains("content/site.yaml:2:7: title.en:"), "{err}");
}

#[test]
fn notice_from_and_reply_to_outside_verify_domains_are_refused() {
    let site = fixture("minimal");
    let root = site.path();
    build_ok(root, &[]);
    let verify = "verify:\n  domains: [example.com]\n";
    for (notice, path) in [
        (
            "  from: \"Minimal <security@evil.example>\"\n",
            "notice.from",
        ),
        (
            "  reply_to: security@example.com.evil.example\n",
            "notice.reply_to",
        ),
    ] {
        let err = site_yaml_fails(root, &format!("{verify}notice:\n{notice}"));
        assert!(
            err.contains("content/site.yaml:11:") && err.contains(&format!("{path}: `")),
            "{notice}: {err}"
        );
        assert!(err.contains("verify.domains"), "{err}");
    }
    // The contact address sends when there is no notice.from.
    let err = site_yaml_fails(root, "verify:\n  domains: [other.example]\n");
    assert!(
        err.contains("content/site.yaml:7:10: contact.email:") && err.contains("notice.from"),
        "{err}"
    );
    // At a listed domain or under it: fine.
    let path = root.join("content/site.yaml");
    let before = read(&path);
    std::fs::write(
        &path,
        format!("{before}{verify}notice:\n  from: alerts@mail.example.com\n  reply_to: security@example.com\n"),
    )
    .unwrap();
    build_ok(root, &[]);
}

const SMS_ID: &str = "2026-01-sms-gateway";
const SMS_YAML: &str = "content/incidents/2026-01-sms-gateway/incident.yaml";
const SMS_RECORD: &str = "content/incidents/2026-01-sms-gateway/translations.yaml";

/// Every per-language text takes part in translation lag, from the record's own
/// list of texts: `notice.sms` (not hashed before) among them.
#[test]
fn translation_lag_sees_every_per_language_text() {
    let site = fixture("minimal");
    let root = site.path();
    edit(
        root,
        SMS_YAML,
        "    ar: تجاهل الرموز التي لم تطلبها.",
        "    ar: تجاهل الرموز التي لم تطلبها.\nnotice:\n  sms:\n    en: \"Our SMS gateway sent codes\"\n    ar: \"أرسلت بوابة الرسائل رموزًا\"",
    );
    let o = bayan(root, &["translated", SMS_ID]);
    assert!(o.status.success(), "{}", stderr(&o));
    let record = read(&root.join(SMS_RECORD));
    assert!(record.contains("\"notice.sms\": "), "{record}");
    assert!(bayan(root, &["check", "--strict"]).status.success());
    // Only the English SMS changes.
    edit(
        root,
        SMS_YAML,
        "en: \"Our SMS gateway sent codes\"",
        "en: \"Our SMS gateway sent login codes\"",
    );
    let o = bayan(root, &["check", "--strict"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("the `ar` version may lag: `notice.sms` changed in `en`"),
        "{}",
        stderr(&o)
    );
}

/// A record missing a language or a field, `{}`, or only an unknown language,
/// switched lag detection off silently: each is a warning naming the fix, and
/// `--strict` fails on it.
#[test]
fn translations_record_missing_a_language_or_field_is_reported() {
    let site = fixture("minimal");
    let root = site.path();
    assert!(bayan(root, &["translated", SMS_ID]).status.success());
    let full = read(&root.join(SMS_RECORD));
    let without_ar: String = full.split("\nar:\n").next().unwrap().to_owned();
    let en_only = full
        .lines()
        .filter(|l| !l.contains("\"title\""))
        .collect::<Vec<_>>()
        .join("\n");
    for (record, says) in [
        ("{}\n".to_owned(), "the record holds no `ar` texts"),
        (
            "fr: {}\n".to_owned(),
            "`fr` is not one of the site's languages",
        ),
        (without_ar, "the record holds no `ar` texts"),
        (en_only, "hash of `title`"),
    ] {
        std::fs::write(root.join(SMS_RECORD), &record).unwrap();
        let o = bayan(root, &["check"]);
        assert!(o.status.success(), "a warning: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains(says) && err.contains(&format!("run `bayan translated {SMS_ID}`")),
            "{record}: {err}"
        );
        let o = bayan(root, &["check", "--strict"]);
        assert_eq!(o.status.code(), Some(1), "{record}: {}", stderr(&o));
    }
}

/// An encoded word typed into a short ASCII title reached the Subject raw, and
/// mail clients decoded it into another text (here one with a bidi override,
/// which bayan refuses in any text). The Subject decodes to the title as written.
#[test]
fn encoded_words_in_a_title_reach_the_subject_as_written() {
    let site = fixture("minimal");
    let root = site.path();
    // `=?utf-8?b?4oCuZXZpbA==?=` decodes to U+202E and "evil".
    let title = "Codes =?utf-8?b?4oCuZXZpbA==?= sent";
    edit(
        root,
        SMS_YAML,
        "en: SMS gateway sent codes to the wrong numbers",
        &format!("en: \"{title}\""),
    );
    let o = bayan(root, &["notice", SMS_ID]);
    assert!(o.status.success(), "{}", stderr(&o));
    if !crate::have(crate::Tool::PythonEmail) {
        return;
    }
    let msgs = crate::notice::parse_messages(&root.join("notices").join(SMS_ID));
    let en = &msgs["en.eml"];
    assert_eq!(en["defects"], serde_json::json!([]), "{en}");
    let subject = en["headers"]["Subject"].as_str().unwrap();
    assert!(subject.contains(title), "{subject}");
    assert!(!subject.contains('\u{202E}'), "{subject}");
    let bilingual = &msgs["bilingual.eml"];
    assert!(
        bilingual["headers"]["Subject"]
            .as_str()
            .unwrap()
            .contains(title),
        "{bilingual}"
    );
}

/// Files under content/static/.well-known/csaf/ were published inside bayan's
/// own CSAF tree (a forged document, a fake signature) with no index entry and
/// no hashes. Refused; other `.well-known/` paths stay allowed.
#[test]
fn static_files_inside_the_csaf_tree_are_refused() {
    let site = fixture("minimal");
    let root = site.path();
    build_ok(root, &[]);
    let wk = root.join("content/static/.well-known");
    std::fs::create_dir_all(wk.join("csaf/2026")).unwrap();
    std::fs::write(wk.join("csaf/2026/forged.json"), "{}").unwrap();
    std::fs::write(wk.join("csaf/2026/forged.json.asc"), "sig").unwrap();
    let err = build_fails_leaving_output(root, &[]);
    assert!(
        err.contains("content/static/.well-known/csaf")
            && err.contains("bayan publishes its own CSAF"),
        "{err}"
    );
    std::fs::remove_dir_all(wk.join("csaf")).unwrap();
    std::fs::create_dir_all(wk.join("CSAF")).unwrap();
    std::fs::write(wk.join("CSAF/provider-metadata.json"), "{}").unwrap();
    build_fails_leaving_output(root, &[]);
    std::fs::remove_dir_all(wk.join("CSAF")).unwrap();
    std::fs::write(wk.join("apple-app-site-association"), "{}").unwrap();
    let out = build_ok(root, &[]);
    assert!(out.join(".well-known/apple-app-site-association").is_file());
}

/// Runs bayan with a file-size limit of one block, as a full disk would stop
/// it: every write past that fails (SIGXFSZ ignored, so as an error).
fn bayan_on_a_full_disk(root: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 1; exec \"$@\"")
        .arg("sh")
        .arg(env!("CARGO_BIN_EXE_bayan"))
        .args(args)
        .current_dir(root)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .output()
        .unwrap()
}

/// On a full disk `bayan new` left a half-made incident folder that blocked a
/// retry, and `bayan translated` left `.translations.yaml.tmp`; `init` left a
/// half-made site. Each writes through a temporary: content/ stays as it was.
#[test]
fn commands_that_write_into_the_site_leave_it_as_it_was_on_a_full_disk() {
    let site = fixture("minimal");
    let root = site.path();
    let content = tree(&root.join("content"));
    let o = bayan_on_a_full_disk(root, &["new", "2026-02-retry"]);
    assert!(!o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("2026-02-retry/incident.yaml"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains(".tmp"), "{}", stderr(&o));
    let o = bayan_on_a_full_disk(root, &["translated", SMS_ID]);
    assert!(!o.status.success(), "{}", stderr(&o));
    let names = |dir: &str| -> Vec<String> {
        std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    assert_eq!(tree(&root.join("content")), content, "content/ changed");
    assert_eq!(names("content/incidents"), [SMS_ID], "a stray folder");
    assert!(
        !names(&format!("content/incidents/{SMS_ID}"))
            .iter()
            .any(|n| n.contains("tmp")),
        "a stray temporary"
    );
    // The retry with room to write succeeds.
    let o = bayan(root, &["new", "2026-02-retry"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(bayan(root, &["translated", SMS_ID]).status.success());
    // init: the folder is as it was (here: not there).
    let o = bayan_on_a_full_disk(root, &["init", "fresh"]);
    assert!(!o.status.success());
    assert!(!root.join("fresh").exists());
}

/// `notice --output` refused a folder inside the output only as typed; through
/// a symlink (to the output, or to a folder above a new one) it wrote there.
#[test]
fn notice_output_through_a_symlink_into_the_site_output_is_refused() {
    let site = fixture("minimal");
    let root = site.path();
    let out = build_ok(root, &[]);
    let before = tree(&out);
    std::os::unix::fs::symlink(&out, root.join("elsewhere")).unwrap();
    for target in ["elsewhere", "elsewhere/notices", "elsewhere/new/deeper"] {
        let o = bayan(root, &["notice", SMS_ID, "--output", target]);
        assert_eq!(o.status.code(), Some(2), "{target}: {}", stderr(&o));
        assert!(stderr(&o).contains("refusing to write"), "{}", stderr(&o));
    }
    assert_eq!(tree(&out), before);
    // Through a symlink into content/, a build is refused too.
    std::os::unix::fs::symlink(root.join("content"), root.join("c")).unwrap();
    let o = bayan(root, &["build", "--output", "c/new-output"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!root.join("content/new-output").exists());
}
