//! Issue 16, the first hour: each mistake a new user makes gets a message that says
//! how to fix it. One case per mistake, built from the minimal fixture; each asserts
//! `bayan check`'s whole stderr, line for line.

use crate::*;

const INC: &str = "content/incidents/2026-01-sms-gateway/incident.yaml";
const SITE: &str = "content/site.yaml";

/// The minimal fixture with `from` replaced by `to` in `file`; `bayan check`'s
/// stderr, after asserting exit 1.
fn check_stderr(edits: &[(&str, &str, &str)]) -> String {
    let site = fixture("minimal");
    for (file, from, to) in edits {
        edit(site.path(), file, from, to);
    }
    let o = bayan(site.path(), &["check"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    err
}

fn assert_lines(err: &str, expected: &[String]) {
    let got: Vec<&str> = err.lines().collect();
    let want: Vec<&str> = expected.iter().map(String::as_str).collect();
    assert_eq!(got, want, "\n{err}");
}

#[test]
fn tab_in_yaml_indentation_says_yaml_needs_spaces_and_where() {
    let err = check_stderr(&[(
        INC,
        "status: resolved",
        "status: resolved\nvendors:\n\t- name: x",
    )]);
    assert_lines(
        &err,
        &[
            format!(
                "error: {INC}:9:1: line 9 is indented with a tab; YAML indentation must be spaces: replace the tab with spaces (your editor's \"indent using spaces\")"
            ),
            "1 error found".into(),
        ],
    );
}

#[test]
fn bad_indentation_names_the_line_and_the_line_above() {
    let err = check_stderr(&[(INC, "  ar: بوابة", " ar: بوابة")]);
    assert_lines(
        &err,
        &[
            format!(
                "error: {INC}:3:2: line 3 is indented 1 space but line 2 above it is indented 2 spaces; keys of one map must start in the same column (YAML counts spaces), and a line indented further belongs to the value above it"
            ),
            "1 error found".into(),
        ],
    );
    let err = check_stderr(&[(INC, "  en: A fault", "    en: A fault")]);
    assert!(
        err.starts_with(&format!(
            "error: {INC}:6:3: line 6 is indented 2 spaces but line 5 above it is indented 4 spaces;"
        )),
        "{err}"
    );
}

#[test]
fn unclosed_quote_points_at_the_line_that_opened_it() {
    let err = check_stderr(&[(INC, "severity: low", "severity: \"low")]);
    assert_lines(
        &err,
        &[
            format!(
                "error: {INC}:8:11: the quote (\") opened on line 8 is never closed; end the value with \" on the same line"
            ),
            "1 error found".into(),
        ],
    );
}

#[test]
fn arabic_indic_date_says_type_it_with_0_9() {
    let err = check_stderr(&[(INC, "published: 2026-01-10", "published: ٢٠٢٦-١٠-٣٠")]);
    assert_lines(
        &err,
        &[
            format!(
                "error: {INC}:9:12: published: `٢٠٢٦-١٠-٣٠` is written with digits other than 0-9; type the date with 0-9, as `2026-10-30`"
            ),
            "1 error found".into(),
        ],
    );
}

#[test]
fn unreadable_date_shows_the_accepted_forms() {
    for written in ["30 October 2026", "2026/10/30"] {
        let err = check_stderr(&[(
            INC,
            "published: 2026-01-10",
            &format!("published: {written}"),
        )]);
        assert_lines(
            &err,
            &[
                format!(
                    "error: {INC}:9:12: published: `{written}` is not a date bayan reads; write `YYYY-MM-DD` (`2026-10-30`) or an RFC 3339 date-time with an offset (`2026-10-30T18:00:00+03:00`, or `Z` for UTC)"
                ),
                "1 error found".into(),
            ],
        );
    }
}

#[test]
fn affected_count_with_separators_or_unknown_qualifier_says_digits_only_and_lists_qualifiers() {
    for count in ["\"48,200\"", "{ value: 48200, qualifier: roughly }"] {
        let err = check_stderr(&[(
            INC,
            "severity: low",
            &format!("severity: low\naffected_count: {count}"),
        )]);
        assert_lines(
            &err,
            &[
                format!(
                    "error: {INC}:9:17: affected_count: must be a whole number, digits only, no separators (`48200`, not `\"48,200\"`), or `{{ value: 48200, qualifier: about }}` with a qualifier of: exactly, about, up_to, at_least"
                ),
                "1 error found".into(),
            ],
        );
    }
}

#[test]
fn unknown_data_class_says_how_to_define_one() {
    let err = check_stderr(&[(INC, "[phone_numbers]", "[phone_numbrs]")]);
    assert_lines(
        &err,
        &[
            format!(
                "error: {INC}:14:13: data.exposed[0]: unknown data class `phone_numbrs`: define it site-wide under `vocabulary:` in site.yaml, or inline here as `{{ id: phone_numbrs, label: {{ en: …, ar: … }} }}`; did you mean `phone_numbers`?"
            ),
            "1 error found".into(),
        ],
    );
}

#[test]
fn updated_before_published_shows_both_values() {
    let err = check_stderr(&[(
        INC,
        "published: 2026-01-10",
        "published: 2026-01-10\nupdated: 2026-01-09",
    )]);
    assert_lines(
        &err,
        &[
            format!(
                "error: {INC}:10:10: updated: `2026-01-09` is earlier than `published` (`2026-01-10`); `updated` is the last change, so it cannot come before publication"
            ),
            "1 error found".into(),
        ],
    );
}

#[test]
fn strict_boolean_says_true_or_false() {
    let err = check_stderr(&[(INC, "severity: low", "severity: low\ndraft: yes")]);
    assert_lines(
        &err,
        &[
            format!(
                "error: {INC}:9:8: draft: write `true` or `false` (in lower case); `yes`, `no`, `on` and `off` are not booleans here"
            ),
            "1 error found".into(),
        ],
    );
}

#[test]
fn site_yaml_errors_do_not_hide_incident_errors() {
    let edits = [
        (SITE, "email: security@example.com", "email: not-an-email"),
        (INC, "published: 2026-01-10", "published: 2026/01/10"),
    ];
    let err = check_stderr(&edits);
    assert_lines(
        &err,
        &[
            format!(
                "error: {SITE}:7:10: contact.email: `not-an-email` is not an email address (no `@`)"
            ),
            format!(
                "error: {INC}:9:12: published: `2026/01/10` is not a date bayan reads; write `YYYY-MM-DD` (`2026-10-30`) or an RFC 3339 date-time with an offset (`2026-10-30T18:00:00+03:00`, or `Z` for UTC)"
            ),
            "2 errors found".into(),
        ],
    );
    // An unknown key fails site.yaml's parse; the incidents are still checked.
    let err = check_stderr(&[
        (
            SITE,
            "languages: [en, ar]",
            "languages: [en, ar]\nfooter: x",
        ),
        edits[1],
    ]);
    assert!(
        err.contains(&format!("error: {SITE}:6:1: footer: unknown key `footer`")),
        "{err}"
    );
    assert!(
        err.contains(&format!("error: {INC}:9:12: published:")),
        "{err}"
    );
    assert!(err.ends_with("2 errors found\n"), "{err}");
}

#[test]
fn misspelt_theme_override_key_is_an_error_with_did_you_mean() {
    let site = fixture("minimal");
    let root = site.path();
    edit(
        root,
        SITE,
        "languages: [en, ar]",
        "languages: [en, ar]\ntheme: mine",
    );
    std::fs::create_dir_all(root.join("themes/mine/i18n")).unwrap();
    std::fs::write(
        root.join("themes/mine/i18n/en.yaml"),
        "strings:\n  foter_note: Call us any time\n",
    )
    .unwrap();
    let o = bayan(root, &["check"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_lines(
        &stderr(&o),
        &[
            "error: themes/mine/i18n/en.yaml:2:3: strings.foter_note: unknown key `foter_note`: no template uses it, so overriding it changes nothing; `bayan theme strings` lists every key with its default; did you mean `footer_note`?".into(),
            "1 error found".into(),
        ],
    );
    std::fs::write(
        root.join("themes/mine/i18n/en.yaml"),
        "strings:\n  footer_note: Call us any time\n",
    )
    .unwrap();
    let o = bayan(root, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn theme_strings_prints_every_key_with_its_default() {
    let dir = tempfile::tempdir().unwrap();
    let o = bayan(dir.path(), &["theme", "strings"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    // What it prints is a valid override file: every key, none unknown.
    let site = fixture("minimal");
    edit(
        site.path(),
        SITE,
        "languages: [en, ar]",
        "languages: [en, ar]\ntheme: mine",
    );
    std::fs::create_dir_all(site.path().join("themes/mine/i18n")).unwrap();
    std::fs::write(site.path().join("themes/mine/i18n/en.yaml"), &out).unwrap();
    let c = bayan(site.path(), &["check"]);
    assert!(c.status.success(), "{}", stderr(&c));
    assert!(out.contains("  footer_note: \"\""), "{out}");
    assert!(out.contains("themes/<theme>/i18n/en.yaml"), "{out}");
    let o = bayan(dir.path(), &["theme", "strings", "--lang", "ar"]);
    assert!(stdout(&o).contains("themes/<theme>/i18n/ar.yaml"));
    assert!(stdout(&o).contains("footer_note"));
    let o = bayan(dir.path(), &["theme", "strings", "--lang", "fr"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("no strings for `fr`; it has: ar, en"));
}

#[test]
fn completions_and_man_page_are_generated() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, marker) in [
        ("bash", "complete -F _bayan"),
        ("zsh", "#compdef bayan"),
        ("fish", "complete -c bayan"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let o = bayan(dir.path(), &["completions", shell]);
        assert!(o.status.success(), "{shell}: {}", stderr(&o));
        let s = stdout(&o);
        assert!(s.contains(marker), "{shell}: {s}");
        // Every command is completed.
        for cmd in ["build", "check", "init", "completions", "man"] {
            assert!(s.contains(cmd), "{shell} lacks {cmd}");
        }
    }
    let o = bayan(dir.path(), &["man"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let man = stdout(&o);
    assert!(man.contains(".TH bayan 1"), "{man}");
    assert!(man.contains("completions"), "{man}");
    let pages = dir.path().join("man");
    let o = bayan(dir.path(), &["man", "--dir", pages.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    for page in ["bayan.1", "bayan-build.1", "bayan-init.1"] {
        assert!(pages.join(page).is_file(), "{page} missing");
    }
}

/// `bayan init DIR [extra…]` in a fresh folder; the site's folder.
fn init(tmp: &Path, extra: &[&str]) -> PathBuf {
    let mut args = vec!["init", "site"];
    args.extend_from_slice(extra);
    let o = bayan(tmp, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    tmp.join("site")
}

#[test]
fn init_starter_is_a_fictional_draft_that_publishes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let site = init(tmp.path(), &[]);
    // `bayan init x && bayan build --root x`: a site with no published advisory.
    let o = bayan(tmp.path(), &["build", "--root", "site"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("built 0 advisories:"),
        "{}",
        stdout(&o)
    );
    assert!(!site.join("output/en/incidents").exists());
    let inc = read(&site.join("content/incidents/2026-01-example-sms-gateway/incident.yaml"));
    assert!(inc.contains("\ndraft: true"), "{inc}");
    assert!(inc.starts_with("# A FICTIONAL EXAMPLE."), "{inc}");
    assert!(!inc.to_lowercase().contains("mixpanel"));
    // Every address in the starter is on a reserved `.example` domain, and the
    // example's contact is the starter site's own.
    let site_yaml = read(&site.join("content/site.yaml"));
    for text in [&inc, &site_yaml] {
        for url in text
            .split('"')
            .filter(|s| s.starts_with("https://") && !s.contains('…'))
        {
            let host = url
                .trim_start_matches("https://")
                .split('/')
                .next()
                .unwrap();
            assert!(host.ends_with(".example"), "{url}");
        }
    }
    assert!(site_yaml.contains("email: security@parcels.example"));
    for body in ["en.md", "ar.md"] {
        let b = read(
            &site
                .join("content/incidents/2026-01-example-sms-gateway")
                .join(body),
        );
        assert!(b.contains("security@parcels.example"), "{body}");
    }
    // The optional settings are there, commented.
    for key in [
        "# logo:",
        "# hijri:",
        "# page_size:",
        "# feed_limit:",
        "# vocabulary:",
        "# csaf:",
        "# laws:",
    ] {
        assert!(site_yaml.contains(key), "site.yaml lacks {key}");
    }
    // Uncommenting them gives a site that still checks, `laws: [gdpr]` included
    // (with the DPO it needs).
    let uncommented = site_yaml
        .lines()
        .map(|l| {
            let t = l.trim_start();
            let indent = &l[..l.len() - t.len()];
            match t.strip_prefix("# ") {
                Some(rest)
                    if [
                        "logo:",
                        "hijri:",
                        "page_size:",
                        "feed_limit:",
                        "vocabulary:",
                        "- { id:",
                        "laws:",
                        "dpo:",
                        "csaf:",
                        "tlp:",
                        "publisher_category:",
                        "namespace:",
                    ]
                    .iter()
                    .any(|k| rest.trim_start().starts_with(k)) =>
                {
                    format!("{indent}{rest}")
                }
                _ => l.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(site.join("content/site.yaml"), uncommented).unwrap();
    std::fs::create_dir_all(site.join("content/static")).unwrap();
    std::fs::write(
        site.join("content/static/logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"/>",
    )
    .unwrap();
    let o = bayan(&site, &["check", "--drafts"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "no errors (0 warnings)\n", "{}", stderr(&o));
    // Built with --drafts, the example renders in both languages.
    let out = build_ok(&site, &["--drafts"]);
    assert!(
        out.join("ar/incidents/2026-01-example-sms-gateway/index.html")
            .is_file()
    );
}

#[test]
fn init_ci_github_writes_a_workflow_that_passes_actionlint() {
    let tmp = tempfile::tempdir().unwrap();
    let site = init(tmp.path(), &["--ci", "github"]);
    let wf = site.join(".github/workflows/advisories.yml");
    let text = read(&wf);
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        text.contains(&format!("BAYAN_VERSION: \"{version}\"")),
        "{text}"
    );
    for step in [
        "cargo install bayan --version \"=${BAYAN_VERSION}\" --locked",
        "run: bayan check",
        "run: bayan build",
        "path: output",
        "actions/deploy-pages@",
        "- cron:",
    ] {
        assert!(text.contains(step), "workflow lacks {step}");
    }
    if !crate::have(crate::Tool::Actionlint) {
        return;
    }
    let o = std::process::Command::new("actionlint")
        .arg(&wf)
        .current_dir(&site)
        .output()
        .unwrap_or_else(|e| {
            panic!("actionlint is needed for this test ({e}); `bash tests/tools.sh` installs it")
        });
    assert!(
        o.status.success(),
        "actionlint:\n{}{}",
        stdout(&o),
        stderr(&o)
    );
}

#[test]
fn init_ci_gitlab_writes_a_pages_pipeline_with_the_expected_structure() {
    let tmp = tempfile::tempdir().unwrap();
    let site = init(tmp.path(), &["--ci", "gitlab"]);
    let text = read(&site.join(".gitlab-ci.yml"));
    let v: serde_json::Value = bayan_text::yaml::parse(".gitlab-ci.yml", &text).unwrap();
    assert_eq!(v["variables"]["BAYAN_VERSION"], env!("CARGO_PKG_VERSION"));
    let stages: Vec<&str> = v["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    let install = v["default"]["before_script"].as_array().unwrap();
    assert!(
        install.iter().any(|s| s
            .as_str()
            .unwrap()
            .contains("cargo install bayan --version \"=$BAYAN_VERSION\" --locked")),
        "{text}"
    );
    // Every job names a declared stage, runs check then build, and has rules.
    for job in ["check", "pages"] {
        let j = &v[job];
        assert!(stages.contains(&j["stage"].as_str().unwrap()), "{job}");
        let script: Vec<&str> = j["script"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        assert_eq!(
            script,
            ["bayan check", "bayan build --output public"],
            "{job}"
        );
        assert!(
            j["rules"].as_array().is_some_and(|r| !r.is_empty()),
            "{job}"
        );
    }
    // GitLab Pages deploys the `pages` job's `public` artifact.
    assert_eq!(v["pages"]["artifacts"]["paths"][0], "public");
    assert!(
        text.contains("Pipeline schedules"),
        "nightly run undocumented"
    );
    // The site builds where the pipeline builds it.
    let o = bayan(&site, &["build", "--output", "public"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(site.join("public/index.html").is_file());
}

#[test]
fn tel_links_are_allowed_in_bodies_and_texts_and_checked_as_phone_numbers() {
    let site = fixture("minimal");
    let root = site.path();
    let body = "content/incidents/2026-01-sms-gateway/en.md";
    let text = read(&root.join(body));
    std::fs::write(
        root.join(body),
        format!("{text}\nCall [+966 800 555 0100](tel:+9668005550100) any time.\n"),
    )
    .unwrap();
    edit(
        root,
        INC,
        "  - en: Ignore codes you did not ask for.",
        "  - en: Ignore codes you did not ask for, or [call us](tel:+966-800-555-0100).",
    );
    let out = build_ok(root, &[]);
    let html = read(&out.join("en/incidents/2026-01-sms-gateway/index.html"));
    assert!(html.contains("href=\"tel:+9668005550100\""), "{html}");
    assert!(html.contains("href=\"tel:+966-800-555-0100\""), "{html}");
    // A tel link that is not a phone number is an error at its place.
    edit(root, INC, "(tel:+966-800-555-0100)", "(tel:+966800;ext=9)");
    let o = bayan(root, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("advice[0].en: link `tel:+966800;ext=9` is not a phone number: `;` has no place in a tel link"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn cargo_package_ships_the_theme_and_starter_and_not_the_tests() {
    let o = std::process::Command::new(env!("CARGO"))
        .args(["package", "--list", "--allow-dirty", "--offline"])
        .current_dir(repo())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let listed = stdout(&o);
    let files: Vec<&str> = listed.lines().collect();
    // Every file the binary compiles in: `cargo install` from the package must build.
    for f in [
        "themes/default/templates/base.html",
        "themes/default/i18n/ar.yaml",
        "themes/default/static/fonts/noto-sans-arabic-regular.woff2",
        "src/starter/site.yaml",
        "src/starter/incident.yaml",
        "README.md",
        "Cargo.lock",
    ] {
        assert!(files.contains(&f), "package lacks {f}:\n{listed}");
    }
    for (p, _) in bayan_render::theme::DEFAULT_FILES {
        let f = format!("themes/default/{p}");
        assert!(files.contains(&f.as_str()), "package lacks {f}");
    }
    assert!(
        !files
            .iter()
            .any(|f| f.starts_with("tests/") || f.starts_with("target/")),
        "{listed}"
    );
    let manifest = read(&repo().join("Cargo.toml"));
    for key in [
        "description",
        "license",
        "readme",
        "keywords",
        "categories",
        "rust-version",
    ] {
        assert!(
            manifest.contains(&format!("\n{key} = ")),
            "Cargo.toml lacks {key}"
        );
    }
}
