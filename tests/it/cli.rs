//! The commands other than a plain build: init, new, schema, and the usage errors
//! (exit 2) that protect a user's files.

use crate::*;

#[test]
fn init_creates_a_site_that_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    let o = bayan(tmp.path(), &["init", "site"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The starter teaches `digits:`, not the older `dates.arabic_digits`.
    let yaml = read(&dir.join("content/site.yaml"));
    assert!(!yaml.contains("arabic_digits"), "{yaml}");
    assert!(yaml.contains("# digits: { ar: arabic-indic"), "{yaml}");
    // The example is a draft: it previews with --drafts and is never published.
    let out = build_ok(&dir, &["--drafts"]);
    assert!(
        out.join("ar/incidents/2026-01-example-sms-gateway/index.html")
            .is_file()
    );
    let again = bayan(tmp.path(), &["init", "site"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("is not empty"),
        "{}",
        stderr(&again)
    );
}

/// Issue 17's "done when", as written: `bayan init`, then `languages: [ar, en, ur]`
/// in site.yaml, and nothing else. The starter's texts are also in Urdu, which an
/// English and Arabic site keeps unpublished until `languages:` names it.
#[test]
fn init_then_adding_ur_to_languages_is_all_a_third_language_takes() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(bayan(tmp.path(), &["init", "site"]).status.success());
    let dir = tmp.path().join("site");
    let site = read(&dir.join("content/site.yaml"));
    assert!(site.contains("languages: [en, ar]"), "{site}");
    assert!(site.contains("add it here to publish it"), "{site}");
    // As English and Arabic: the Urdu is there, and published nowhere.
    let o = bayan(&dir, &["check", "--drafts"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "no warning: {}", stderr(&o));
    let out = build_ok(&dir, &["--drafts"]);
    assert!(!out.join("ur").exists());
    let en = read(&out.join("en/incidents/2026-01-example-sms-gateway/index.html"));
    assert!(!en.contains("ترسیل"), "no Urdu on an English page");
    // One line changed.
    edit(
        &dir,
        "content/site.yaml",
        "languages: [en, ar]",
        "languages: [ar, en, ur]",
    );
    let o = bayan(&dir, &["check", "--drafts"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = build_ok(&dir, &["--drafts"]);
    let ur = read(&out.join("ur/incidents/2026-01-example-sms-gateway/index.html"));
    assert!(ur.contains(r#"<html lang="ur" dir="rtl">"#));
    assert!(ur.contains("ترسیل کے پیغامات"), "{ur}");
    assert!(
        read(&out.join("index.html")).contains(r#"lang="ar""#),
        "Arabic first now"
    );
}

#[test]
fn init_languages_ar_en_ur_builds_with_no_theme_files() {
    let tmp = tempfile::tempdir().unwrap();
    let o = bayan(tmp.path(), &["init", "site", "--languages", "ar,en,ur"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stdout(&o).contains("not written in"), "{}", stdout(&o));
    let dir = tmp.path().join("site");
    assert!(!dir.join("themes").exists());
    let o = bayan(&dir, &["check", "--drafts"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = build_ok(&dir, &["--drafts"]);
    let ur = read(&out.join("ur/incidents/2026-01-example-sms-gateway/index.html"));
    assert!(ur.contains(r#"<html lang="ur" dir="rtl">"#));
    assert!(ur.contains("<h1>ترسیل کے پیغامات غلط فون نمبروں پر بھیجے گئے (فرضی مثال)</h1>"));
    // The theme's Urdu, and the other languages named in Urdu.
    assert!(ur.contains(">English<") && ur.contains(">العربية<"));
    assert!(ur.contains("جنوری"), "Urdu month names");
    let en = read(&out.join("en/index.html"));
    assert!(
        en.contains(">اردو<"),
        "Urdu's own name in the English switch"
    );
}

#[test]
fn init_languages_writes_the_starter_in_those_languages_and_todo_for_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let o = bayan(tmp.path(), &["init", "site", "--languages", "ar,en,fr"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("the starter is not written in `fr`"),
        "{}",
        stdout(&o)
    );
    let dir = tmp.path().join("site");
    let site = read(&dir.join("content/site.yaml"));
    assert!(site.contains("languages: [ar, en, fr]"), "{site}");
    assert!(
        site.contains("  ar: إشعارات الأمان من طرود المثال\n  en: Example Parcels Security Advisories\n  fr: TODO the fr text\n"),
        "{site}"
    );
    assert!(
        site.contains("name: { ar: طرود المثال, en: Example Parcels, fr: TODO the fr text }"),
        "{site}"
    );
    let inc = dir.join("content/incidents/2026-01-example-sms-gateway");
    assert!(read(&inc.join("fr.md")).starts_with("TODO"));
    let yaml = read(&inc.join("incident.yaml"));
    // A list item's first text keeps the dash; a block scalar keeps its lines.
    assert!(yaml.contains("advice:\n  - ar: لا يلزمك أي إجراء"), "{yaml}");
    assert!(
        yaml.contains("    fr: TODO the fr text\n  - ar: "),
        "{yaml}"
    );
    assert!(
        yaml.contains("  en: |\n    A fault at Sample SMS Gateway"),
        "{yaml}"
    );
    // Every `fr` text is a TODO the check names: the site cannot be published as is.
    let o = bayan(&dir, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("title.fr: placeholder text starting with `TODO`"),
        "{err}"
    );
    // In the same run, at the `languages:` list of the real file (where a build
    // with a sound site.yaml puts it): the theme has no French strings yet.
    let column = "languages: [".len();
    let line = site
        .lines()
        .position(|l| l.starts_with("languages:"))
        .unwrap()
        + 1;
    assert!(
        err.contains(&format!(
            "content/site.yaml:{line}:{column}: languages: the theme has no strings for `fr`"
        )),
        "{err}"
    );
    // `--languages en,ar` is exactly those two.
    let o = bayan(tmp.path(), &["init", "plain", "--languages", "en,ar"]);
    assert!(o.status.success());
    let plain = tmp.path().join("plain");
    let site = read(&plain.join("content/site.yaml"));
    assert!(
        site.contains("languages: [en, ar]") && !site.contains("ur:"),
        "{site}"
    );
    let yaml = read(&plain.join("content/incidents/2026-01-example-sms-gateway/incident.yaml"));
    assert!(!yaml.contains("ur:") && !yaml.contains("TODO"), "{yaml}");
    assert!(
        !plain
            .join("content/incidents/2026-01-example-sms-gateway/ur.md")
            .exists()
    );
    // Bad codes are usage errors, and nothing is written.
    for (langs, want) in [
        ("ar,EN", "`EN` is not a language code"),
        ("ar,ar", "`ar` is given twice"),
    ] {
        let o = bayan(tmp.path(), &["init", "bad", "--languages", langs]);
        assert_eq!(o.status.code(), Some(2), "{langs}");
        assert!(stderr(&o).contains(want), "{}", stderr(&o));
        assert!(!tmp.path().join("bad").exists());
    }
}

#[test]
fn new_scaffolds_a_draft_with_every_field_that_previews_with_drafts() {
    let site = fixture("minimal");
    let root = site.path();
    let o = bayan(root, &["new", "2026-05-new-thing"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let yaml = read(&root.join("content/incidents/2026-05-new-thing/incident.yaml"));
    for key in [
        "title:",
        "summary:",
        "vendors:",
        "not_affected:",
        "timeline:",
        "actions:",
        "advice:",
        "updates:",
        "references:",
        "draft: true",
    ] {
        assert!(yaml.contains(key), "scaffold lacks {key}");
    }
    // `check` shows what is left to write in the draft, as warnings it counts.
    let o = bayan(root, &["check", "-v"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let todo = "content/incidents/2026-05-new-thing/";
    let shown = stderr(&o)
        .lines()
        .filter(|l| l.starts_with("warning: ") && l.contains(todo) && l.contains("`TODO`"))
        .count();
    assert!(shown > 10, "{}", stderr(&o));
    assert!(
        stdout(&o).contains(&format!("no errors ({shown} warnings)")),
        "{}",
        stdout(&o)
    );
    // A draft is left out of a normal build and previews with --drafts.
    let out = build_ok(root, &[]);
    assert!(!out.join("en/incidents/2026-05-new-thing").exists());
    let out = build_ok(root, &["--drafts"]);
    assert!(
        out.join("ar/incidents/2026-05-new-thing/index.html")
            .is_file()
    );
    // Publishing it with its TODOs still in place is refused.
    edit(
        root,
        "content/incidents/2026-05-new-thing/incident.yaml",
        "draft: true",
        "draft: false",
    );
    let o = bayan(root, &["build"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("title.en: placeholder text starting with `TODO`"),
        "{}",
        stderr(&o)
    );
    let o = bayan(root, &["new", "2026-05-new-thing"]);
    assert_eq!(o.status.code(), Some(2), "new onto an existing slug");
    let o = bayan(root, &["new", "Bad Slug"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn schema_is_json_for_the_sites_languages() {
    let site = fixture("arabic-subpath");
    let o = bayan(site.path(), &["schema", "--root", "."]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        v["$defs"]["text"]["required"],
        serde_json::json!(["ar", "en"])
    );
    assert!(
        v["$defs"]["class_id"]["enum"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("call_notes"))
    );
    let tmp = tempfile::tempdir().unwrap();
    let o = bayan(tmp.path(), &["schema"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        v["$defs"]["text"]["required"],
        serde_json::json!(["en", "ar"])
    );
}

#[test]
fn output_into_a_foreign_folder_is_refused_and_left_alone() {
    let site = fixture("minimal");
    let root = site.path();
    let precious = root.join("precious");
    std::fs::create_dir_all(&precious).unwrap();
    std::fs::write(precious.join("notes.txt"), "mine").unwrap();
    for target in ["precious", ".", "content", "/"] {
        let o = bayan(root, &["build", "--output", target]);
        assert_eq!(
            o.status.code(),
            Some(2),
            "--output {target}: {}",
            stderr(&o)
        );
        assert!(
            stderr(&o).contains("refusing to write the site"),
            "{}",
            stderr(&o)
        );
    }
    assert_eq!(read(&precious.join("notes.txt")), "mine");
    assert!(root.join("content/site.yaml").is_file());
}

#[test]
fn bad_base_url_flag_is_a_usage_error() {
    let site = fixture("minimal");
    let o = bayan(site.path(), &["build", "--base-url", "javascript:alert(1)"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--base-url"), "{}", stderr(&o));
}

#[test]
fn url_style_file_links_to_index_html() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/site.yaml",
        "languages: [en, ar]",
        "languages: [en, ar]\nurl_style: file",
    );
    let out = build_ok(site.path(), &[]);
    let listing = read(&out.join("en/index.html"));
    assert!(
        listing.contains("href=\"/en/incidents/2026-01-sms-gateway/index.html\""),
        "{listing}"
    );
}

/// The guide's site.yaml and incident.yaml examples build as written.
#[test]
fn guide_examples_build() {
    let block_after = |page: &str, heading: &str| -> String {
        let text = read(&repo().join("guide/src").join(page));
        let rest = &text[text
            .find(heading)
            .unwrap_or_else(|| panic!("guide/src/{page} lacks {heading}"))..];
        let start = rest.find("```yaml\n").unwrap() + "```yaml\n".len();
        rest[start..start + rest[start..].find("```").unwrap()].to_owned()
    };
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let inc = root.join("content/incidents/2025-11-analytics-vendor");
    std::fs::create_dir_all(&inc).unwrap();
    std::fs::write(
        root.join("content/site.yaml"),
        block_after("reference/site-yaml.md", "# site.yaml"),
    )
    .unwrap();
    std::fs::write(
        inc.join("incident.yaml"),
        block_after("writing.md", "## The complete example"),
    )
    .unwrap();
    std::fs::write(inc.join("en.md"), "## What happened\n\nDetails.\n").unwrap();
    std::fs::write(inc.join("ar.md"), "## ما الذي حدث\n\nالتفاصيل.\n").unwrap();
    // The example names a logo in content/static, as a real site would have.
    std::fs::create_dir_all(root.join("content/static")).unwrap();
    std::fs::write(
        root.join("content/static/logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    let out = build_ok(root, &[]);
    let page = read(&out.join("ar/incidents/2025-11-analytics-vendor/index.html"));
    assert!(
        page.contains("وسوم نظام إدارة العملاء"),
        "inline class label missing"
    );
    assert!(
        page.contains("vendor-incident@example.com"),
        "merged contact missing"
    );
}

#[test]
fn two_builds_into_one_output_are_serialised_by_a_lock() {
    let site = fixture("minimal");
    let root = site.path();
    let out = build_ok(root, &[]);
    let before = tree(&out);
    let spawn = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_bayan"))
            .args(["build", "-q"])
            .current_dir(root)
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };

    // While another writer holds the output's lock, a build waits for it...
    let held = bayan::output::lock(&out).unwrap();
    let mut waiting = spawn();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(
        waiting.try_wait().unwrap().is_none(),
        "a build wrote the output while another held its lock"
    );
    drop(held);
    let o = waiting.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(tree(&out) == before);

    // ...and, past the bounded wait, fails with exit 2 naming the lock and holder.
    let held = bayan::output::lock(&out).unwrap();
    let start = std::time::Instant::now();
    let o = spawn().wait_with_output().unwrap();
    drop(held);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(".output.bayan-lock")
            && err.contains(&format!("process {}", std::process::id())),
        "{err}"
    );
    assert!(start.elapsed() >= bayan::output::LOCK_WAIT);
    assert!(tree(&out) == before, "a refused build changed the output");

    // Builds started together all succeed, one after another, over a whole site.
    let children: Vec<_> = (0..3).map(|_| spawn()).collect();
    for c in children {
        let o = c.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
    }
    assert!(
        tree(&out) == before,
        "concurrent builds left a partial site"
    );
    let leftovers: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("bayan-new") || n.contains("bayan-old"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Issue 11: `println!` panicked when the reader of standard output had gone
/// (`bayan schema | head -c1`). The reader here is closed before bayan writes.
#[test]
fn a_closed_pipe_on_stdout_ends_the_command_without_a_panic() {
    let site = fixture("minimal");
    for args in [
        &["schema"][..],
        &["check"][..],
        &["check", "--format", "json"][..],
        &["build"][..],
    ] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let o = Command::new(env!("CARGO_BIN_EXE_bayan"))
            .args(args)
            .current_dir(site.path())
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .stdout(writer)
            .output()
            .unwrap();
        let err = stderr(&o);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(o.status.code(), Some(0), "{args:?}: {err}");
    }
}

/// The same through a real shell pipeline, as the issue gives it.
#[test]
fn bayan_schema_piped_into_head_exits_without_a_panic_message() {
    let o = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "set -o pipefail; '{}' schema | head -c1 >/dev/null",
            env!("CARGO_BIN_EXE_bayan")
        ))
        .output()
        .unwrap();
    let err = stderr(&o);
    assert!(!err.contains("panicked"), "{err}");
}

/// Built without the default `serve` feature, the binary has no preview server
/// (and no HTTP stack); build, check and watch remain.
#[cfg(not(feature = "serve"))]
#[test]
fn without_the_serve_feature_there_is_no_serve_command() {
    let site = fixture("minimal");
    let o = bayan(site.path(), &["serve"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(bayan(site.path(), &["check"]).status.success());
}
