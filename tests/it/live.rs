//! Watch mode's rebuilds, driven through the library without a file watcher: after
//! every change output/ must equal, byte for byte, a clean build of the same input.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use bayan::live::{Change, Live};

use crate::*;

const INC: &str = "2026-01-sms-gateway";

fn clean_build(root: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let out = root.join("clean-output");
    let o = bayan(root, &["build", "-q", "--output", "clean-output"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let t = tree(&out);
    std::fs::remove_dir_all(&out).unwrap();
    t
}

fn start(root: &Path) -> Live {
    let (live, outcome) = Live::start(&opts(root)).unwrap();
    assert!(outcome.error.is_none(), "{:?}", outcome.error);
    live
}

fn apply(live: &mut Live, changes: &[Change]) -> bayan::live::Outcome {
    live.apply(&changes.iter().cloned().collect::<BTreeSet<_>>())
        .unwrap()
}

fn assert_same_as_clean_build(root: &Path) {
    assert_same_files(&tree(&root.join("output")), &clean_build(root));
}

/// The same file list and the same bytes in each file.
fn assert_same_files(live: &BTreeMap<String, Vec<u8>>, clean: &BTreeMap<String, Vec<u8>>) {
    assert_eq!(
        live.keys().collect::<Vec<_>>(),
        clean.keys().collect::<Vec<_>>(),
        "file lists differ"
    );
    for (path, bytes) in clean {
        assert!(&live[path] == bytes, "{path} differs from a clean build");
    }
}

#[test]
fn edits_additions_and_deletions_match_a_clean_build() {
    let site = fixture("minimal");
    let root = site.path();
    let mut live = start(root);
    assert_same_as_clean_build(root);

    edit(
        root,
        &format!("content/incidents/{INC}/incident.yaml"),
        "status: resolved",
        "status: monitoring",
    );
    let o = apply(&mut live, &[Change::Incident(INC.into())]);
    assert!(o.error.is_none() && o.written > 0, "{o:?}");
    assert!(
        o.line().starts_with(&format!("rebuilt {INC}: ")),
        "{}",
        o.line()
    );
    assert_same_as_clean_build(root);

    // A body edit changes the advisory and the feed, not what listings show.
    std::fs::write(
        root.join("content/incidents").join(INC).join("en.md"),
        "The provider fixed it.\n\nMore.\n",
    )
    .unwrap();
    let o = apply(&mut live, &[Change::Incident(INC.into())]);
    assert!(o.written >= 2, "{o:?}");
    assert_same_as_clean_build(root);

    // A new incident in an earlier year: new pages, a new archive year.
    copy_dir(
        &root.join("content/incidents").join(INC),
        &root.join("content/incidents/2024-02-older"),
    );
    edit(
        root,
        "content/incidents/2024-02-older/incident.yaml",
        "published: 2026-01-10",
        "published: 2024-02-01",
    );
    apply(&mut live, &[Change::Incident("2024-02-older".into())]);
    assert!(root.join("output/ar/archive/2024/index.html").is_file());
    assert_same_as_clean_build(root);

    // Deleting it takes its pages, its JSON and its archive year with it.
    std::fs::remove_dir_all(root.join("content/incidents/2024-02-older")).unwrap();
    let o = apply(&mut live, &[Change::Incident("2024-02-older".into())]);
    assert!(o.deleted > 0);
    assert!(!root.join("output/en/incidents/2024-02-older").exists());
    assert!(!root.join("output/ar/archive/2024").exists());
    assert_same_as_clean_build(root);
}

#[test]
fn a_bad_edit_keeps_the_last_good_site_and_recovers() {
    let site = fixture("minimal");
    let root = site.path();
    let mut live = start(root);
    let before = tree(&root.join("output"));
    let yaml = format!("content/incidents/{INC}/incident.yaml");
    edit(root, &yaml, "status: resolved", "status: [resolved");
    let o = apply(&mut live, &[Change::Incident(INC.into())]);
    let err = o.error_text();
    assert!(err.contains(&yaml) && err.contains("status"), "{err}");
    assert_eq!(
        tree(&root.join("output")),
        before,
        "output changed after a bad edit"
    );
    // A missing Arabic text, then the fix.
    edit(root, &yaml, "status: [resolved", "status: resolved");
    edit(root, &yaml, "  ar: تجاهل الرموز التي لم تطلبها.\n", "");
    let o = apply(&mut live, &[Change::Incident(INC.into())]);
    assert!(o.error_text().contains("missing Arabic text"), "{o:?}");
    edit(
        root,
        &yaml,
        "  - en: Ignore codes you did not ask for.\n",
        "  - en: Ignore codes you did not ask for.\n    ar: تجاهل الرموز التي لم تطلبها.\n",
    );
    let o = apply(&mut live, &[Change::Incident(INC.into())]);
    assert!(o.error.is_none(), "{o:?}");
    assert_same_as_clean_build(root);
}

#[test]
fn template_string_config_and_static_changes_match_a_clean_build() {
    let site = fixture("minimal");
    let root = site.path();
    let mut live = start(root);
    // A template override.
    let tpl = root.join("themes/default/templates");
    std::fs::create_dir_all(&tpl).unwrap();
    let original =
        std::fs::read_to_string(repo().join("themes/default/templates/404.html")).unwrap();
    std::fs::write(
        tpl.join("404.html"),
        original.replace("</h1>", "</h1>\n<p>Custom.</p>"),
    )
    .unwrap();
    apply(&mut live, &[Change::Theme]);
    assert!(read(&root.join("output/404.html")).contains("Custom."));
    assert_same_as_clean_build(root);
    // One interface string.
    let i18n = root.join("themes/default/i18n");
    std::fs::create_dir_all(&i18n).unwrap();
    std::fs::write(
        i18n.join("en.yaml"),
        "strings:\n  all_advisories: Every advisory\n",
    )
    .unwrap();
    apply(&mut live, &[Change::Theme]);
    assert!(read(&root.join("output/en/index.html")).contains("Every advisory"));
    assert_same_as_clean_build(root);
    // site.yaml.
    edit(
        root,
        "content/site.yaml",
        "en: Minimal Advisories",
        "en: Renamed Advisories",
    );
    apply(&mut live, &[Change::Config]);
    assert_same_as_clean_build(root);
    // A static file added, then removed.
    std::fs::create_dir_all(root.join("content/static")).unwrap();
    std::fs::write(root.join("content/static/CNAME"), "adv.example\n").unwrap();
    apply(&mut live, &[Change::Static]);
    assert_eq!(read(&root.join("output/CNAME")), "adv.example\n");
    std::fs::remove_file(root.join("content/static/CNAME")).unwrap();
    apply(&mut live, &[Change::Static]);
    assert!(!root.join("output/CNAME").exists());
    assert_same_as_clean_build(root);
}

#[test]
fn a_template_failing_at_render_time_keeps_the_last_good_site_and_recovers() {
    let site = fixture("minimal");
    let root = site.path();
    let mut live = start(root);
    // An override that parses and renders, except for an advisory under monitoring.
    let tpl = root.join("themes/default/templates");
    std::fs::create_dir_all(&tpl).unwrap();
    let original =
        std::fs::read_to_string(repo().join("themes/default/templates/incident.html")).unwrap();
    let marker = "{%- set s = i18n.strings %}";
    assert!(original.contains(marker));
    let broken = original.replace(
        marker,
        &format!(
            "{marker}\n{{%- if inc.status.key == \"monitoring\" %}}{{{{ no_such_variable.field }}}}{{% endif %}}"
        ),
    );
    std::fs::write(tpl.join("incident.html"), &broken).unwrap();
    let o = apply(&mut live, &[Change::Theme]);
    assert!(o.error.is_none(), "{o:?}");
    assert_same_as_clean_build(root);
    let before = tree(&root.join("output"));

    // An incident edit makes it fail: nothing written, the error reported.
    let yaml = format!("content/incidents/{INC}/incident.yaml");
    edit(root, &yaml, "status: resolved", "status: monitoring");
    let o = apply(&mut live, &[Change::Incident(INC.into())]);
    let err = o.error_text();
    assert!(err.contains("incident.html"), "{o:?}");
    assert!(o.line().starts_with("not rebuilt"), "{}", o.line());
    assert!(tree(&root.join("output")) == before, "output changed");
    // A whole rebuild fails the same way, and leaves output/ as it was too.
    let o = apply(&mut live, &[Change::Theme]);
    assert!(o.error.is_some(), "{o:?}");
    assert!(tree(&root.join("output")) == before, "output changed");

    // The fix: the site equals a clean build.
    std::fs::write(tpl.join("incident.html"), &original).unwrap();
    let o = apply(&mut live, &[Change::Theme]);
    assert!(o.error.is_none(), "{o:?}");
    assert_same_as_clean_build(root);
}

#[test]
fn output_deleted_or_replaced_by_another_build_is_rebuilt_whole() {
    let site = fixture("minimal");
    let root = site.path();
    let mut live = start(root);
    let yaml = format!("content/incidents/{INC}/incident.yaml");

    std::fs::remove_dir_all(root.join("output")).unwrap();
    edit(root, &yaml, "status: resolved", "status: monitoring");
    let o = apply(&mut live, &[Change::Incident(INC.into())]);
    assert!(o.error.is_none(), "{o:?}");
    assert_same_as_clean_build(root);

    // Another build with other settings swaps its own tree in.
    let o = bayan(
        root,
        &["build", "-q", "--base-url", "https://elsewhere.example/x/"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    edit(root, &yaml, "status: monitoring", "status: identified");
    let o = apply(&mut live, &[Change::Incident(INC.into())]);
    assert!(o.error.is_none(), "{o:?}");
    assert_same_as_clean_build(root);

    // Its contents emptied, the folder kept.
    for e in std::fs::read_dir(root.join("output")).unwrap().flatten() {
        if e.file_type().unwrap().is_dir() {
            std::fs::remove_dir_all(e.path()).unwrap();
        } else {
            std::fs::remove_file(e.path()).unwrap();
        }
    }
    apply(&mut live, &[Change::Static]);
    assert_same_as_clean_build(root);
}

/// Finding: a static file could shadow a generated page by letter case (or by its
/// exact path). A rebuild of the static files alone must refuse it too, leaving
/// the page as it was.
#[test]
fn static_file_shadowing_a_generated_page_by_case_is_an_error_in_watch_mode() {
    let site = fixture("minimal");
    let root = site.path();
    let mut live = start(root);
    let page = read(&root.join("output/en/index.html"));
    for (dir, want) in [
        (
            "EN",
            "content/static/EN/index.html: differs from `en/index.html`, a file bayan generates, only by letter case",
        ),
        (
            "en",
            "content/static/en/index.html: would overwrite `en/index.html`, a file bayan generates",
        ),
    ] {
        let static_dir = root.join("content/static").join(dir);
        std::fs::create_dir_all(&static_dir).unwrap();
        std::fs::write(static_dir.join("index.html"), "<p>fake</p>").unwrap();
        let o = apply(&mut live, &[Change::Static]);
        let err = o.error_text();
        assert!(err.contains(want), "{want}\n{o:?}");
        assert_eq!(read(&root.join("output/en/index.html")), page);
        std::fs::remove_dir_all(root.join("content/static")).unwrap();
        let o = apply(&mut live, &[Change::Static]);
        assert!(o.error.is_none(), "{o:?}");
        assert_same_as_clean_build(root);
    }
    // And when the watch starts with the clash in place.
    std::fs::create_dir_all(root.join("content/static/EN")).unwrap();
    std::fs::write(root.join("content/static/EN/index.html"), "x").unwrap();
    let (mut live, outcome) = Live::start(&opts(root)).unwrap();
    let err = outcome.error_text();
    assert!(err.contains("differs from `en/index.html`"), "{err}");
    // Fixed, the next change brings output/ back in line with a clean build.
    std::fs::remove_dir_all(root.join("content/static")).unwrap();
    let o = apply(&mut live, &[Change::Static]);
    assert!(o.error.is_none(), "{o:?}");
    assert_same_as_clean_build(root);
}

/// Issue 11: watch mode took a per-incident file outside `{lang}/incidents/{id}/`
/// and `incidents/{id}.json` for a site-wide one, so the next edit of another
/// incident deleted it. Ownership now comes from the render driver's tags; the
/// CSAF documents (issue 14) under `.well-known/csaf/YEAR/` are such files, and
/// the distribution's index files follow every edit.
#[test]
fn a_per_incident_file_outside_its_folder_is_kept_moved_and_removed_like_its_pages() {
    let site = fixture("minimal");
    let root = site.path();
    let other = "2025-05-other";
    copy_dir(
        &root.join("content/incidents").join(INC),
        &root.join("content/incidents").join(other),
    );
    edit(
        root,
        &format!("content/incidents/{other}/incident.yaml"),
        "published: 2026-01-10",
        "published: 2025-05-01",
    );
    let (mut live, outcome) = Live::start(&opts(root)).unwrap();
    assert!(outcome.error.is_none(), "{:?}", outcome.error);
    let probe =
        |year: &str, id: &str| root.join(format!("output/.well-known/csaf/{year}/{id}.json"));
    assert!(probe("2026", INC).is_file() && probe("2025", other).is_file());
    for suffix in ["-ar.json", ".json.sha256", "-ar.json.sha512"] {
        let f = root.join(format!("output/.well-known/csaf/2025/{other}{suffix}"));
        assert!(f.is_file(), "{f:?}");
    }
    assert_same_as_clean_build(root);

    // Editing one incident keeps the other's file outside its folder.
    edit(
        root,
        &format!("content/incidents/{INC}/incident.yaml"),
        "status: resolved",
        "status: monitoring",
    );
    let o = apply(&mut live, &[Change::Incident(INC.into())]);
    assert!(o.error.is_none(), "{o:?}");
    assert!(probe("2025", other).is_file(), "{o:?}");
    assert_same_as_clean_build(root);

    // A body edit (lists untouched) keeps it too.
    std::fs::write(
        root.join("content/incidents").join(INC).join("en.md"),
        "Fixed.\n",
    )
    .unwrap();
    apply(&mut live, &[Change::Incident(INC.into())]);
    assert!(probe("2025", other).is_file());
    assert_same_as_clean_build(root);

    // Moving the other to another year moves its file; deleting it removes it.
    edit(
        root,
        &format!("content/incidents/{other}/incident.yaml"),
        "published: 2025-05-01",
        "published: 2024-05-01",
    );
    apply(&mut live, &[Change::Incident(other.into())]);
    assert!(!probe("2025", other).exists() && probe("2024", other).is_file());
    // Its year's listing went with it; index.txt and changes.csv name the new place.
    assert!(
        !root
            .join("output/.well-known/csaf/2025/index.html")
            .exists()
    );
    let index = read(&root.join("output/.well-known/csaf/index.txt"));
    assert!(index.contains(&format!("2024/{other}.json\n")), "{index}");
    let changes = read(&root.join("output/.well-known/csaf/changes.csv"));
    assert!(
        changes.contains(&format!("\"2024/{other}-ar.json\"")),
        "{changes}"
    );
    assert_same_as_clean_build(root);
    std::fs::remove_dir_all(root.join("content/incidents").join(other)).unwrap();
    let o = apply(&mut live, &[Change::Incident(other.into())]);
    assert!(o.deleted > 0 && !probe("2024", other).exists(), "{o:?}");
    assert!(probe("2026", INC).is_file());
    assert_same_as_clean_build(root);
}

/// Every file the driver hands over carries its owner: an incident's own files,
/// wherever they are written, are that incident's.
#[test]
fn the_render_driver_tags_every_file_with_its_owner() {
    use bayan::output::{OutputFile, Owner, Sink};
    struct Owners(std::sync::Mutex<Vec<(String, Owner)>>);
    impl Sink for Owners {
        fn put(&self, f: OutputFile, owner: &Owner) -> Result<(), bayan::Error> {
            self.0.lock().unwrap().push((f.path, owner.clone()));
            Ok(())
        }
    }
    let site = fixture("minimal");
    let loaded = bayan::load(&crate::opts(site.path())).unwrap();
    let opts = bayan_render::Options::default();
    let sink = Owners(Default::default());
    bayan_render::site(&loaded.site, &loaded.theme, &opts, &sink).unwrap();
    let owners: std::collections::BTreeMap<_, _> =
        sink.0.into_inner().unwrap().into_iter().collect();
    let mine = Owner::Incident(INC.into());
    for path in [
        format!(".well-known/csaf/2026/{INC}.json"),
        format!(".well-known/csaf/2026/{INC}-ar.json"),
        format!(".well-known/csaf/2026/{INC}.json.sha256"),
        format!(".well-known/csaf/2026/{INC}-ar.json.sha512"),
        format!("incidents/{INC}.json"),
        format!("en/incidents/{INC}/index.html"),
        format!("ar/incidents/{INC}/index.html"),
    ] {
        assert_eq!(owners.get(&path), Some(&mine), "{path}");
    }
    assert_eq!(owners.get("incidents.json"), Some(&Owner::Lists));
    assert_eq!(owners.get("sitemap.xml"), Some(&Owner::Lists));
    assert_eq!(owners.get("en/index.html"), Some(&Owner::Lists));
    assert_eq!(owners.get("en/feed.xml"), Some(&Owner::Shared));
    assert_eq!(owners.get(".well-known/security.txt"), Some(&Owner::Shared));
    for shared in [
        "provider-metadata.json",
        "index.txt",
        "changes.csv",
        "2026/index.html",
    ] {
        let path = format!(".well-known/csaf/{shared}");
        assert_eq!(owners.get(&path), Some(&Owner::Lists), "{path}");
    }
}

/// The CSAF index files are redone with the lists: an update, a withdrawal and a
/// change of the withdrawal's date each reach `changes.csv` in watch mode, as in a
/// clean build.
#[test]
fn csaf_index_files_follow_updates_and_withdrawals_in_watch_mode() {
    let site = fixture("minimal");
    let root = site.path();
    let mut live = start(root);
    let yaml = format!("content/incidents/{INC}/incident.yaml");
    let changes = || read(&root.join("output/.well-known/csaf/changes.csv"));
    let before = changes();
    std::fs::write(
        root.join(&yaml),
        read(&root.join(&yaml))
            + "updates:\n  - at: 2026-01-12\n    text:\n      en: Fixed.\n      ar: أُصلح.\n",
    )
    .unwrap();
    let o = apply(&mut live, &[Change::Incident(INC.into())]);
    assert!(o.error.is_none(), "{o:?}");
    assert_ne!(changes(), before, "an update is a new revision");
    assert!(changes().contains("2026-01-12"), "{}", changes());
    assert_same_as_clean_build(root);
    for day in ["20", "21"] {
        let text = read(&root.join(&yaml));
        let text = match text.split_once("withdrawn:") {
            Some((head, _)) => head.to_owned(),
            None => text,
        };
        std::fs::write(
            root.join(&yaml),
            format!("{text}withdrawn:\n  at: 2026-01-{day}\n  text:\n    en: Sent in error.\n    ar: أُرسل خطأً.\n"),
        )
        .unwrap();
        let o = apply(&mut live, &[Change::Incident(INC.into())]);
        assert!(o.error.is_none(), "{o:?}");
        assert!(
            changes().contains(&format!("2026-01-{day}")),
            "{}",
            changes()
        );
        assert_same_as_clean_build(root);
    }
}

/// The link phase runs on every watch-mode rebuild, as in `bayan build`: an edit
/// that breaks a rule over the whole record keeps the last good site, and the
/// fix brings output/ back in line with a clean build.
#[test]
fn a_link_phase_error_in_watch_mode_keeps_the_last_good_site_and_recovers() {
    let site = fixture("minimal");
    let root = site.path();
    let mut live = start(root);
    let page = read(&root.join(format!("output/en/incidents/{INC}/index.html")));
    let yaml = root.join(format!("content/incidents/{INC}/incident.yaml"));
    let good = std::fs::read_to_string(&yaml).unwrap();
    let update = |day: &str| {
        format!("  - at: 2026-01-{day}\n    text:\n      en: Fixed.\n      ar: أُصلح.\n")
    };
    std::fs::write(
        &yaml,
        format!("{good}updates:\n{}{}", update("11"), update("11")),
    )
    .unwrap();
    let o = apply(&mut live, &[Change::Incident(INC.into())]);
    let err = o.error_text();
    assert!(
        err.contains("updates[1].at: is the same time as `updates[0].at`"),
        "{o:?}"
    );
    assert_eq!(
        read(&root.join(format!("output/en/incidents/{INC}/index.html"))),
        page
    );
    std::fs::write(
        &yaml,
        format!("{good}updates:\n{}{}", update("11"), update("12")),
    )
    .unwrap();
    let o = apply(&mut live, &[Change::Incident(INC.into())]);
    assert!(o.error.is_none(), "{o:?}");
    assert_same_as_clean_build(root);
}

/// Review finding: an incremental rebuild dropped the warnings a build prints for the
/// reloaded advisory (here: body heading levels that merge into h6).
#[test]
fn an_incremental_rebuild_reports_the_warnings_a_build_prints() {
    let site = fixture("minimal");
    let root = site.path();
    let mut live = start(root);
    let body = root.join(format!("content/incidents/{INC}/en.md"));
    let mut text = read(&body);
    text.push_str("\n# a\n\n## b\n\n### c\n\n#### d\n\n##### e\n");
    std::fs::write(&body, text).unwrap();
    let o = apply(&mut live, &[Change::Incident(INC.into())]);
    assert!(o.error.is_none(), "{o:?}");
    let shown: Vec<String> = o.warnings.items().iter().map(|d| d.to_string()).collect();
    assert!(
        shown
            .iter()
            .any(|w| w.contains("en.md") && w.contains("is shown as h6")),
        "{shown:?}"
    );
    let build = bayan(root, &["check"]);
    assert!(
        stderr(&build).contains("is shown as h6"),
        "{}",
        stderr(&build)
    );
    assert_same_as_clean_build(root);
}

/// Issue 12: an edit to an advisory that another relates to or links to
/// re-renders both (the other shows its title and status), and renaming it
/// turns the links into errors until they follow; after each step output/
/// equals a clean build.
#[test]
fn edits_to_linked_related_and_renamed_advisories_match_a_clean_build() {
    let site = fixture("graph");
    let root = site.path();
    let mut live = start(root);
    let (breach, follow) = ("2026-05-crm-breach", "2026-06-crm-follow-up");
    let follow_page = root.join(format!("output/en/incidents/{follow}/index.html"));

    // The related (and linked) advisory's title: the follow-up's page shows it.
    edit(
        root,
        &format!("content/incidents/{breach}/incident.yaml"),
        "en: Data leaked from our CRM vendor",
        "en: Customer data leaked from our CRM vendor",
    );
    let o = apply(&mut live, &[Change::Incident(breach.into())]);
    assert!(o.error.is_none(), "{o:?}");
    assert!(read(&follow_page).contains(">Customer data leaked from our CRM vendor</a>"));
    assert_same_as_clean_build(root);

    // The follow-up drops `related:`: the back-link leaves the other page.
    edit(
        root,
        &format!("content/incidents/{follow}/incident.yaml"),
        "related: [2026-05-crm-breach]\n",
        "",
    );
    let o = apply(&mut live, &[Change::Incident(follow.into())]);
    assert!(o.error.is_none(), "{o:?}");
    assert!(
        !read(&root.join(format!("output/en/incidents/{breach}/index.html")))
            .contains("id=\"related\"")
    );
    assert_same_as_clean_build(root);

    // A heading the follow-up links to is renamed: its link is an error.
    let before = read(&follow_page);
    edit(
        root,
        &format!("content/incidents/{breach}/en.md"),
        "## What happened",
        "## What hapened",
    );
    let o = apply(&mut live, &[Change::Incident(breach.into())]);
    let err = o.error_text();
    assert!(err.contains("there is no `#what-happened`"), "{o:?}");
    assert!(err.contains("did you mean `what-hapened`?"), "{o:?}");
    assert_eq!(read(&follow_page), before);
    edit(
        root,
        &format!("content/incidents/{breach}/en.md"),
        "## What hapened",
        "## What happened",
    );
    let o = apply(&mut live, &[Change::Incident(breach.into())]);
    assert!(o.error.is_none(), "{o:?}");
    assert_same_as_clean_build(root);

    // The linked advisory is renamed, with its old id as an alias: the links
    // to the old id are errors naming the new one, until they follow.
    let renamed = "2026-05-crm-leak";
    let inc = root.join("content/incidents");
    std::fs::rename(inc.join(breach), inc.join(renamed)).unwrap();
    edit(
        root,
        &format!("content/incidents/{renamed}/incident.yaml"),
        "published: 2026-05-02",
        "published: 2026-05-02\naliases: [2026-05-crm-breach]",
    );
    let o = apply(
        &mut live,
        &[
            Change::Incident(breach.into()),
            Change::Incident(renamed.into()),
        ],
    );
    let err = o.error_text();
    assert!(
        err.contains(&format!("content/incidents/{follow}/en.md:3:45: link `../{breach}/#what-happened`: `{breach}` was renamed to `{renamed}` (it is in `{renamed}`'s aliases); did you mean `{renamed}`?")),
        "{o:?}"
    );
    for file in ["en.md", "ar.md", "incident.yaml"] {
        let path = inc.join(follow).join(file);
        std::fs::write(&path, read(&path).replace(breach, renamed)).unwrap();
    }
    let o = apply(&mut live, &[Change::Incident(follow.into())]);
    assert!(o.error.is_none(), "{o:?}");
    assert!(read(&follow_page).contains(&format!(
        "href=\"/notices/en/incidents/{renamed}/#what-happened\""
    )));
    // The old address is now a redirect page.
    assert!(
        read(&root.join(format!("output/ar/incidents/{breach}/index.html")))
            .contains(&format!("url=/notices/ar/incidents/{renamed}/"))
    );
    assert_same_as_clean_build(root);
}

#[test]
fn in_watch_mode_link_errors_come_with_another_advisorys_errors() {
    let site = fixture("graph");
    let root = site.path();
    let mut live = start(root);
    let follow = "2026-06-crm-follow-up";
    let alarm = "2026-04-false-alarm";
    edit(
        root,
        &format!("content/incidents/{follow}/en.md"),
        "../2026-05-crm-breach/#what",
        "../2026-05-crm-breech/#what",
    );
    edit(
        root,
        &format!("content/incidents/{alarm}/incident.yaml"),
        "severity: low",
        "severity: lowish",
    );
    let o = apply(
        &mut live,
        &[
            Change::Incident(follow.into()),
            Change::Incident(alarm.into()),
        ],
    );
    let err = o.error_text();
    assert!(err.contains("severity"), "{err}");
    assert!(
        err.contains("link `../2026-05-crm-breech/#what-happened`: there is no advisory"),
        "{err}"
    );
}

/// Issue 25: whether an edit redoes the lists was a string signature kept by
/// hand in live.rs. It is now each emitter's declaration of what its list files
/// show of an incident (`Emitter::list_key`). Every emitter that makes list files
/// declares something, every field the lists show moves the key, and an edit of
/// the body alone does not.
#[test]
fn what_the_lists_show_of_an_advisory_is_declared_by_the_emitters_that_make_them() {
    use bayan_render::EMITTERS;
    use bayan_render::emit::{Ctx, KeyCx, ListChange, ListKey, ListKeys, Out, Part};
    use bayan_render::sink::MemorySink;
    let site = fixture("example");
    let r = site.path();
    let loaded = bayan::load(&crate::opts(r)).unwrap();
    let opts = bayan_render::Options::default();
    let cx = Ctx::new(&loaded.site, &loaded.theme, &opts).unwrap();
    let kcx = KeyCx::new(&loaded.site, &loaded.theme);
    let inc = &loaded.site.incidents[0];
    for (n, e) in EMITTERS.iter().enumerate() {
        let sink = MemorySink::default();
        e.site(
            &cx,
            Part::Lists,
            &Out::new(&sink, bayan::output::Owner::Lists),
        )
        .unwrap();
        let mut key = ListKey::default();
        e.list_key(&kcx, inc, &mut key);
        let makes = sink.into_files().len();
        assert!(
            makes == 0 || key.added() > 0,
            "emitter {n} makes {makes} list files but declares nothing of an incident"
        );
    }

    let id = inc.id.to_string();
    let key = |r: &Path| {
        let l = bayan::load(&crate::opts(r)).unwrap();
        let inc = l.site.get(&id).unwrap();
        bayan_render::list_keys(&l.site, &l.theme, inc)
    };
    let change = |a: &ListKeys, b: &ListKeys| ListKeys::change(Some(a), Some(b));
    let yaml = format!("content/incidents/{id}/incident.yaml");
    let first = key(r);
    // The body is on the advisory's own page only.
    let md = format!("content/incidents/{id}/en.md");
    let mut body = crate::read(&r.join(&md));
    body.push_str("\nOne more sentence.\n");
    std::fs::write(r.join(&md), body).unwrap();
    assert_eq!(
        change(&first, &key(r)),
        ListChange::None,
        "a body edit moved the list key"
    );
    // What only the advisory's own list items show (`Shown`), and what moves it
    // between lists or changes what other list files show (`Place`).
    let (place, shown) = (true, false);
    let edits = [
        (
            "en: Mixpanel incident exposed",
            "en: Mixpanel breach exposed",
            shown,
        ),
        ("status: monitoring", "status: resolved", place),
        ("severity: medium", "severity: high", shown),
        (
            "published: 2025-11-27",
            "published: 2025-11-27T18:00:00+03:00",
            place,
        ),
        ("status: removed", "status: suspended", shown),
        (
            "en: Web analytics provider",
            "en: Analytics provider",
            shown,
        ),
        (
            "en: the name on the API account",
            "en: the full name on the API account",
            shown,
        ),
        ("  - name: Mixpanel", "  - name: Mixpanel Inc.", place),
    ];
    for (from, to, moves_place) in edits {
        edit(r, &yaml, from, to);
        let moved = change(&first, &key(r));
        edit(r, &yaml, to, from);
        let expected = if moves_place {
            moved == ListChange::Place
        } else {
            matches!(moved, ListChange::Shown(_))
        };
        assert!(expected, "`{to}` moved the list keys as {moved:?}");
    }
    assert_eq!(change(&first, &key(r)), ListChange::None);
}

/// Issue 27: a title edit changes what the lists show of one advisory, not where
/// it is listed, so watch mode re-renders only the list pages that hold it (and
/// the index files that are one file for the whole site), equal to a clean
/// build; a status change moves it between lists and redoes all of them.
#[test]
fn a_title_edit_re_renders_only_the_list_pages_that_hold_the_advisory() {
    let site = fixture("archive");
    let root = site.path();
    // One advisory a page: every list has a page per advisory.
    edit(
        root,
        "content/site.yaml",
        "timezone:",
        "page_size: 1\ntimezone:",
    );
    let mut live = start(root);
    let id = "2026-02-sms-leak";
    let yaml = format!("content/incidents/{id}/incident.yaml");
    let change = [Change::Incident(id.into())];

    // A body edit: no list file is made.
    let md = root.join(format!("content/incidents/{id}/en.md"));
    let mut body = read(&md);
    body.push_str("\nOne more sentence.\n");
    std::fs::write(&md, body).unwrap();
    let body_edit = apply(&mut live, &change);
    assert!(body_edit.error.is_none(), "{body_edit:?}");

    edit(
        root,
        &yaml,
        "en: Our SMS provider leaked phone numbers",
        "en: Our SMS provider leaked some phone numbers",
    );
    let title_edit = apply(&mut live, &change);
    assert!(title_edit.error.is_none(), "{title_edit:?}");
    assert_same_as_clean_build(root);

    // The list pages that hold it: every HTML page outside the advisories' own
    // folders that links to it (listing, open, year, data class and vendor
    // pages, and the home page), and the JSON index.
    let clean = clean_build(root);
    let href = format!("/incidents/{id}/\"");
    let holding: Vec<&String> = clean
        .iter()
        .filter(|(path, bytes)| {
            path.ends_with(".html")
                && !path.contains("/incidents/")
                && String::from_utf8_lossy(bytes).contains(&href)
        })
        .map(|(path, _)| path)
        .collect();
    assert!(
        holding
            .iter()
            .any(|p| p.starts_with("ar/data/phone_numbers/"))
            && holding.iter().any(|p| p.starts_with("en/vendors/")),
        "{holding:?}"
    );
    assert_eq!(
        title_edit.made - body_edit.made,
        holding.len() + 1,
        "list files made for a title edit, besides the JSON index; the pages holding it: {holding:?}"
    );

    // A status change moves it off the open list: every list is redone.
    edit(root, &yaml, "status: monitoring", "status: resolved");
    let status_edit = apply(&mut live, &change);
    assert!(status_edit.error.is_none(), "{status_edit:?}");
    assert!(
        status_edit.made > title_edit.made + 10,
        "{} files made for a status change, {} for a title edit",
        status_edit.made,
        title_edit.made
    );
    assert_same_as_clean_build(root);
}
