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
    let shipped = String::from_utf8(
        bayan::internals::theme::DEFAULT_FILES
            .iter()
            .find(|(p, _)| *p == "templates/notice.html")
            .unwrap()
            .1
            .to_vec(),
    )
    .unwrap();
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
