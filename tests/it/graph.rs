//! An advisory's life over days, on `tests/fixtures/graph` (Arabic first, under
//! `/notices/`): links between advisories, `related:`, update anchors, the
//! status warning, scheduled, draft and withdrawn advisories, previews,
//! aliases, and "still being determined".

use std::path::Path;

use crate::*;

const BREACH: &str = "2026-05-crm-breach";
const FOLLOW: &str = "2026-06-crm-follow-up";
const WITHDRAWN: &str = "2026-04-false-alarm";
const SCHEDULED: &str = "2027-03-scheduled";
const DRAFT: &str = "2026-07-draft";

fn page(out: &Path, lang: &str, id: &str) -> String {
    read(&out.join(format!("{lang}/incidents/{id}/index.html")))
}

fn inc(id: &str, file: &str) -> String {
    format!("content/incidents/{id}/{file}")
}

/// The build's stderr, asserting it failed with exit code 1.
fn build_fails(root: &Path, extra: &[&str]) -> String {
    let mut args = vec!["build"];
    args.extend_from_slice(extra);
    let o = bayan(root, &args);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    stderr(&o)
}

#[test]
fn links_between_advisories_lead_to_the_same_language_under_the_base_path() {
    let site = fixture("graph");
    let out = build_ok(site.path(), &[]);
    for (lang, heading) in [
        ("en", "what-happened"),
        (
            "ar",
            "%D9%85%D8%A7-%D8%A7%D9%84%D8%B0%D9%8A-%D8%AD%D8%AF%D8%AB",
        ),
    ] {
        let p = page(&out, lang, FOLLOW);
        let to = format!("/notices/{lang}/incidents/{BREACH}/");
        assert!(p.contains(&format!("href=\"{to}#{heading}\"")), "{lang}");
        assert!(
            p.contains(&format!("href=\"{to}#update-2026-05-03t0900z\"")),
            "{lang}"
        );
        // In a YAML text too (the summary), on the page and in the listing.
        assert!(p.contains(&format!("<a href=\"{to}\">")), "{lang}");
        let listing = read(&out.join(format!("{lang}/index.html")));
        assert!(listing.contains(&format!("<a href=\"{to}\">")), "{lang}");
    }
    // The target ids exist on the target pages.
    assert!(page(&out, "en", BREACH).contains("id=\"what-happened\""));
    assert!(page(&out, "ar", BREACH).contains("id=\"ما-الذي-حدث\""));
    let r = support::check_links(&out, "/notices/", "https://waha.example/notices/");
    assert!(r.broken.is_empty(), "{:#?}", r.broken);
    assert!(r.remote_loads.is_empty(), "{:#?}", r.remote_loads);

    // url_style: file spells the same links with index.html.
    edit(
        site.path(),
        "content/site.yaml",
        "contact:",
        "url_style: file\ncontact:",
    );
    let out = build_ok(site.path(), &[]);
    assert!(page(&out, "en", FOLLOW).contains(&format!(
        "href=\"/notices/en/incidents/{BREACH}/index.html#what-happened\""
    )));
    let r = support::check_links(&out, "/notices/", "https://waha.example/notices/");
    assert!(r.broken.is_empty(), "{:#?}", r.broken);
}

/// Breaks two links in the follow-up's English body: an unknown advisory (at 3:45)
/// and an anchor its target lacks (at 4:10). Returns the body's path.
fn break_two_body_links(root: &Path) -> String {
    let en = inc(FOLLOW, "en.md");
    edit(
        root,
        &en,
        "../2026-05-crm-breach/#what",
        "../2026-05-crm-breech/#what",
    );
    edit(root, &en, "#update-2026-05-03t0900z", "#update-2026-05-03");
    en
}

#[test]
fn a_broken_link_to_another_advisory_is_an_error_at_its_place_with_the_nearest_id() {
    let site = fixture("graph");
    let root = site.path();
    let en = break_two_body_links(root);
    edit(
        root,
        &inc(FOLLOW, "incident.yaml"),
        "[the earlier leak](../2026-05-crm-breach/)",
        "[the earlier leak](../2026-05-crm-breech/)",
    );
    let err = build_fails(root, &[]);
    assert!(
        err.contains(&format!(
            "error: {en}:3:45: link `../2026-05-crm-breech/#what-happened`: there is no advisory `2026-05-crm-breech` (no folder content/incidents/2026-05-crm-breech/); did you mean `2026-05-crm-breach`?"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "error: {en}:4:10: link `../2026-05-crm-breach/#update-2026-05-03`: there is no `#update-2026-05-03` on the English page of `2026-05-crm-breach` (its headings, updates and sections have ids); did you mean `update-2026-05-03t0900z`?"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{}:6:7: summary.en: link `../2026-05-crm-breech/`: there is no advisory",
            inc(FOLLOW, "incident.yaml")
        )),
        "{err}"
    );
    assert!(err.contains("3 errors; nothing was written"), "{err}");
    assert!(!root.join("output").exists());
}

/// Issue 25: `bayan translated` skipped the link phase, so a record could be
/// made of an advisory whose link to another leads nowhere. It now checks the
/// site as a build does: its own link errors refuse it, another advisory's
/// errors do not.
#[test]
fn translated_runs_the_link_phase_and_is_refused_only_on_its_own_errors() {
    let site = fixture("graph");
    let root = site.path();
    let en = break_two_body_links(root);
    let record = |id: &str| {
        root.join("content/incidents")
            .join(id)
            .join("translations.yaml")
    };
    let o = bayan(root, &["translated", FOLLOW]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "error: {en}:3:45: link `../2026-05-crm-breech/#what-happened`"
        )),
        "{err}"
    );
    assert!(!record(FOLLOW).exists());
    // The broken follow-up does not stop the record of the advisory it links to.
    let o = bayan(root, &["translated", BREACH]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(record(BREACH).is_file());
}

#[test]
fn link_errors_come_with_every_other_error_in_one_run() {
    let site = fixture("graph");
    let root = site.path();
    let en = inc(FOLLOW, "en.md");
    // A broken link and a wrong anchor in one advisory, a bad field in another.
    edit(
        root,
        &en,
        "../2026-05-crm-breach/#what",
        "../2026-05-crm-breech/#what",
    );
    edit(root, &en, "#update-2026-05-03t0900z", "#update-2026-05-03");
    edit(
        root,
        &inc(WITHDRAWN, "incident.yaml"),
        "severity: low",
        "severity: lowish",
    );
    let err = build_fails(root, &[]);
    assert!(err.contains("severity"), "{err}");
    assert!(
        err.contains(&format!(
            "error: {en}:3:45: link `../2026-05-crm-breech/#what-happened`: there is no advisory"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "error: {en}:4:10: link `../2026-05-crm-breach/#update-2026-05-03`: there is no `#update-2026-05-03`"
        )),
        "{err}"
    );
    assert!(err.contains("3 errors; nothing was written"), "{err}");
    // `check` says the same.
    let o = bayan(root, &["check"]);
    assert!(stderr(&o).contains("3 errors found"), "{}", stderr(&o));

    // A link to an advisory that failed to load is not called missing: its own
    // errors are what is wrong.
    let site = fixture("graph");
    let root = site.path();
    edit(
        root,
        &inc(BREACH, "incident.yaml"),
        "severity: high",
        "severity: highest",
    );
    let err = build_fails(root, &[]);
    assert!(!err.contains("there is no advisory"), "{err}");
    assert!(!err.contains("related advisory"), "{err}");
}

#[test]
fn a_scheduled_advisory_has_its_links_checked_before_its_day() {
    let site = fixture("graph");
    let root = site.path();
    let en = inc(SCHEDULED, "en.md");
    let body = read(&root.join(&en));
    std::fs::write(
        root.join(&en),
        format!("{body}\nSee [the leak](../2026-05-crm-breech/).\n"),
    )
    .unwrap();
    let err = build_fails(root, &[]);
    assert!(
        err.contains("link `../2026-05-crm-breech/`: there is no advisory `2026-05-crm-breech`"),
        "{err}"
    );
}

#[test]
fn a_follow_up_is_held_to_the_deadline_of_the_breach_it_continues_and_each_page_links_the_other() {
    let site = fixture("graph");
    let root = site.path();
    let (breach, follow) = (inc(BREACH, "incident.yaml"), inc(FOLLOW, "incident.yaml"));
    // The breach was told within 24 hours of its discovery; the follow-up comes
    // five weeks later and gives no discovery date of its own.
    edit(
        root,
        &breach,
        "published: 2026-05-02",
        "published: 2026-05-02\ndiscovered: 2026-05-01T12:00:00+03:00",
    );
    edit(
        root,
        &inc(SCHEDULED, "incident.yaml"),
        "published: 2027-03-01T08:00:00+03:00",
        "published: 2027-03-01T08:00:00+03:00\ndiscovered: 2027-03-01",
    );
    let o = bayan(root, &["check", "--law", "jo-pdpl"]);
    assert!(
        stderr(&o).contains(&format!("{follow}: discovered: jo-pdpl Art. 20")),
        "{}",
        stderr(&o)
    );
    edit(
        root,
        &follow,
        "related: [2026-05-crm-breach]",
        "continues: 2026-05-crm-breach",
    );
    let o = bayan(root, &["check", "--law", "jo-pdpl"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The breach's own lateness is the breach's finding, not the follow-up's.
    edit(
        root,
        &breach,
        "discovered: 2026-05-01T12:00:00+03:00",
        "discovered: 2026-04-20",
    );
    let o = bayan(root, &["check", "--law", "jo-pdpl"]);
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{breach}:9:12: published: jo-pdpl Art. 20")),
        "{err}"
    );
    assert!(!err.contains(&follow), "{err}");
    edit(
        root,
        &breach,
        "discovered: 2026-04-20",
        "discovered: 2026-05-01T12:00:00+03:00",
    );
    let out = build_ok(root, &[]);
    for lang in ["ar", "en"] {
        let f = page(&out, lang, FOLLOW);
        let to = format!("/notices/{lang}/incidents/{BREACH}/");
        assert!(
            f.contains("<p class=\"continues\">") && f.contains(&format!("<a href=\"{to}\">")),
            "{lang}: {f}"
        );
        let b = page(&out, lang, BREACH);
        let back = format!("/notices/{lang}/incidents/{FOLLOW}/");
        let section = b.split("class=\"follow-ups\"").nth(1).unwrap_or_default();
        assert!(
            section.contains(&format!("<a href=\"{back}\">")),
            "{lang}: {b}"
        );
    }
    let json: serde_json::Value =
        serde_json::from_str(&read(&out.join(format!("incidents/{FOLLOW}.json")))).unwrap();
    assert_eq!(json["continues"], BREACH);

    // An unknown or a later advisory is an error at the field.
    edit(
        root,
        &follow,
        "continues: 2026-05-crm-breach",
        "continues: 2026-05-crm-breech",
    );
    let err = build_fails(root, &[]);
    assert!(
        err.contains(&format!("{follow}:10:12: continues: continued advisory: there is no advisory `2026-05-crm-breech`")),
        "{err}"
    );
    assert!(err.contains("did you mean `2026-05-crm-breach`?"), "{err}");
    edit(
        root,
        &follow,
        "continues: 2026-05-crm-breech",
        "related: [2026-05-crm-breach]",
    );
    edit(
        root,
        &breach,
        "published: 2026-05-02",
        "published: 2026-05-02\ncontinues: 2026-06-crm-follow-up",
    );
    let err = build_fails(root, &[]);
    assert!(
        err.contains("continues: `2026-06-crm-follow-up` is published after this advisory"),
        "{err}"
    );
}

#[test]
fn a_rename_keeps_feed_entry_ids_and_the_csaf_tracking_id_and_the_old_id_leads_to_the_new() {
    const OLD: &str = "2026-06-crm-followup";
    let site = fixture("graph");
    let root = site.path();
    let out = build_ok(root, &[]);
    // The feed entry keeps the id it went out under (before the folder was renamed).
    let feed = read(&out.join("en/feed.xml"));
    assert!(
        feed.contains(&format!(
            "<id>tag:waha.example,2026-06-10:notices/en/incidents/{OLD}</id>"
        )),
        "{feed}"
    );
    assert!(
        !feed.contains(&format!("incidents/{FOLLOW}</id>")),
        "{feed}"
    );
    // So does the CSAF document: same tracking id and file, listed in the indexes.
    let doc: serde_json::Value = serde_json::from_str(&read(
        &out.join(format!(".well-known/csaf/2026/{OLD}.json")),
    ))
    .unwrap();
    assert_eq!(doc["document"]["tracking"]["id"], OLD);
    assert!(
        !out.join(format!(".well-known/csaf/2026/{FOLLOW}.json"))
            .exists()
    );
    for index in ["index.txt", "changes.csv"] {
        let text = read(&out.join(format!(".well-known/csaf/{index}")));
        assert!(
            text.contains(&format!("2026/{OLD}.json")),
            "{index}: {text}"
        );
    }
    // `check --ready OLD-ID` and `translated OLD-ID` name it too.
    for args in [&["check", "--ready", OLD][..], &["translated", OLD][..]] {
        let o = bayan(root, args);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(
            stderr(&o).contains(&format!("advisory `{OLD}` was renamed to `{FOLLOW}`")),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    // `bayan notice OLD-ID` names the new id.
    let o = bayan(root, &["notice", OLD]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!("advisory `{OLD}` was renamed to `{FOLLOW}`")),
        "{}",
        stderr(&o)
    );
}

#[test]
fn check_and_watch_take_now_to_see_the_site_as_of_a_later_time() {
    let site = fixture("graph");
    let root = site.path();
    let o = bayan(root, &["check"]);
    assert!(
        stdout(&o).contains(&format!("scheduled: {SCHEDULED}")),
        "{}",
        stdout(&o)
    );
    // As of the morning after it goes out, it is published: no longer scheduled.
    let o = bayan(root, &["check", "--now", "2027-03-02T09:00:00+03:00"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stdout(&o).contains("scheduled:"), "{}", stdout(&o));
    let o = bayan(root, &["check", "--now", "tomorrow"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--now `tomorrow` is not an instant"),
        "{}",
        stderr(&o)
    );
    let o = bayan(root, &["watch", "--now", "tomorrow"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn links_to_drafts_scheduled_or_site_addresses_are_errors_that_say_why() {
    let site = fixture("graph");
    let root = site.path();
    let en = inc(FOLLOW, "en.md");
    let good = read(&root.join(&en));
    std::fs::write(
        root.join(&en),
        format!("{good}\nSee [the old page](/notices/en/incidents/{BREACH}/).\n"),
    )
    .unwrap();
    let err = build_fails(root, &[]);
    assert!(
        err.contains(&format!("{en}:6:5: `/notices/en/incidents/{BREACH}/` is an address on this site; to link another advisory write `../{BREACH}/`")),
        "{err}"
    );
    std::fs::write(
        root.join(&en),
        format!("{good}\nSee [the draft](../{DRAFT}/) and [the review](../{SCHEDULED}/).\n"),
    )
    .unwrap();
    let err = build_fails(root, &[]);
    for want in [
        format!(
            "{en}:6:5: link `../{DRAFT}/`: `{DRAFT}` is a draft, and a draft has no page on the published site"
        ),
        format!(
            "{en}:6:40: link `../{SCHEDULED}/`: `{SCHEDULED}` is scheduled for 2027-03-01T08:00:00+03:00 and has no page until then"
        ),
    ] {
        assert!(err.contains(&want), "{want}\n{err}");
    }
    // A preview builds both: the links work there, with a warning that the
    // published build stops at them.
    let o = bayan(root, &["build", "--drafts", "-v"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!(
            "warning: {en}:6:5: link `../{DRAFT}/`: `{DRAFT}` is a draft"
        )) && stderr(&o).contains("a build without --drafts stops at this link"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn related_advisories_link_both_ways_and_unknown_or_own_ids_are_errors() {
    let site = fixture("graph");
    let root = site.path();
    let out = build_ok(root, &[]);
    let back = page(&out, "ar", BREACH);
    assert!(back.contains("<h2 id=\"related\">إشعارات ذات صلة</h2>"));
    assert!(back.contains(&format!(
        "<a href=\"/notices/ar/incidents/{FOLLOW}/\">رسائل تصيّد بعد تسرّب نظام إدارة العملاء</a>"
    )));
    let named = page(&out, "en", FOLLOW);
    assert!(named.contains("<h2 id=\"related\">Related advisories</h2>"));
    assert!(named.contains(&format!(
        "<a href=\"/notices/en/incidents/{BREACH}/\">Data leaked from our CRM vendor</a>"
    )));
    // The withdrawn advisory relates to nothing: no section.
    assert!(!page(&out, "en", WITHDRAWN).contains("id=\"related\""));

    let yaml = inc(FOLLOW, "incident.yaml");
    edit(
        root,
        &yaml,
        "related: [2026-05-crm-breach]",
        "related: [2026-05-crm-breech]",
    );
    let err = build_fails(root, &[]);
    assert!(
        err.contains(&format!("{yaml}:10:11: related[0]: related advisory: there is no advisory `2026-05-crm-breech` (no folder content/incidents/2026-05-crm-breech/); did you mean `2026-05-crm-breach`?")),
        "{err}"
    );
    edit(
        root,
        &yaml,
        "related: [2026-05-crm-breech]",
        "related: [2026-05-crm-breach, 2026-06-crm-follow-up]",
    );
    let err = build_fails(root, &[]);
    assert!(
        err.contains(&format!("{yaml}:10:31: related[1]: `2026-06-crm-follow-up` is this advisory's own id; an advisory cannot be related to itself")),
        "{err}"
    );
}

#[test]
fn each_update_has_its_anchor_and_the_latest_update_links_to_it() {
    let site = fixture("graph");
    let out = build_ok(site.path(), &[]);
    for lang in ["ar", "en"] {
        let p = page(&out, lang, BREACH);
        assert!(p.contains("<li id=\"update-2026-05-03t0900z\">"), "{lang}");
        assert!(
            p.contains(
                "<a href=\"#update-2026-05-03t0900z\"><time datetime=\"2026-05-03T09:00:00Z\">"
            ),
            "{lang}"
        );
    }
}

#[test]
fn a_status_the_latest_update_contradicts_is_a_warning_at_status() {
    let site = fixture("graph");
    let root = site.path();
    let yaml = inc(BREACH, "incident.yaml");
    let o = bayan(root, &["check"]);
    assert!(!stderr(&o).contains("status:"), "{}", stderr(&o));
    edit(
        root,
        &yaml,
        "status: monitoring\nseverity",
        "status: resolved\nseverity",
    );
    let o = bayan(root, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!(
            "warning: {yaml}:7:9: status: is `resolved`, but the latest update (`updates[0]`) says `monitoring`; readers see both"
        )),
        "{}",
        stderr(&o)
    );
}

#[test]
fn scheduled_and_draft_advisories_are_built_only_in_a_preview_that_no_index_sees() {
    let site = fixture("graph");
    let root = site.path();
    let o = bayan(root, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(&format!(
            "scheduled: {SCHEDULED} goes out 2027-03-01T08:00:00+03:00 (built only with --drafts until then)"
        )),
        "{}",
        stdout(&o)
    );
    let out = build_ok(root, &[]);
    for id in [SCHEDULED, DRAFT] {
        assert!(!out.join(format!("en/incidents/{id}")).exists(), "{id}");
    }
    let files = tree(&out);
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            // Redirect pages (an alias, `{lang}/page/1/`) are not indexed.
            !text.contains("noindex")
                || path.contains("2026-06-crm-followup")
                || path.ends_with("/page/1/index.html"),
            "{path}"
        );
    }
    assert!(read(&out.join("robots.txt")).contains("Allow: /"));

    // The preview: every page says noindex, robots.txt shuts crawlers out, each
    // draft and scheduled page has its banner, and none is in a feed or the sitemap.
    let out = build_ok(root, &["--drafts"]);
    for (path, bytes) in tree(&out) {
        if path.ends_with(".html") {
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                text.contains("<meta name=\"robots\" content=\"noindex\">"),
                "{path}"
            );
        }
    }
    assert_eq!(
        read(&out.join("robots.txt")),
        "User-agent: *\nDisallow: /\n"
    );
    assert!(
        page(&out, "en", DRAFT).contains("class=\"callout banner-preview\" role=\"note\"><svg")
    );
    assert!(page(&out, "en", DRAFT).contains("Draft, not published"));
    assert!(page(&out, "ar", DRAFT).contains("مسودة غير منشورة"));
    assert!(page(&out, "en", SCHEDULED).contains("this advisory goes out on 1 March 2027"));
    assert!(page(&out, "ar", SCHEDULED).contains("إشعار مجدول لم يُنشر بعد"));
    assert!(!page(&out, "en", BREACH).contains("banner-preview"));
    for file in ["sitemap.xml", "en/feed.xml", "ar/feed.xml"] {
        let text = read(&out.join(file));
        assert!(text.contains(BREACH), "{file}");
        for id in [SCHEDULED, DRAFT] {
            assert!(!text.contains(id), "{id} in {file}");
        }
    }
}

#[test]
fn a_withdrawn_advisory_keeps_its_page_with_the_reason_and_leaves_listings_and_feeds() {
    let site = fixture("graph");
    let out = build_ok(site.path(), &[]);
    let p = page(&out, "en", WITHDRAWN);
    assert!(p.contains(
        "<h2 id=\"withdrawn\">This advisory was withdrawn: <time datetime=\"2026-04-03\">"
    ));
    assert!(p.contains("<p>It was a false alarm; nothing leaked.</p>"));
    assert!(page(&out, "ar", WITHDRAWN).contains("سُحب هذا الإشعار"));
    for file in [
        "index.html",
        "en/index.html",
        "ar/index.html",
        "en/archive/2026/index.html",
    ] {
        let text = read(&out.join(file));
        assert!(text.contains(BREACH), "{file}");
        assert!(!text.contains(WITHDRAWN), "{WITHDRAWN} in {file}");
    }
    // Nor is it in the archive by data class or vendor.
    for dir in ["en/data", "ar/data", "en/vendors", "ar/vendors"] {
        for e in std::fs::read_dir(out.join(dir)).unwrap().flatten() {
            let p = e.path().join("index.html");
            if p.exists() {
                assert!(!read(&p).contains(WITHDRAWN), "{}", p.display());
            }
        }
    }
    // In the site's feeds its one entry is the withdrawal, the feed's last word on
    // it; its own feed keeps the publication before it.
    for lang in ["en", "ar"] {
        let feed = read(&out.join(format!("{lang}/feed.xml")));
        assert!(feed.contains(BREACH));
        let entries: Vec<&str> = feed
            .split("<entry>")
            .skip(1)
            .filter(|e| e.contains(WITHDRAWN))
            .collect();
        assert_eq!(entries.len(), 1, "{lang}: {entries:?}");
        assert!(entries[0].contains(&format!("incidents/{WITHDRAWN}/withdrawn</id>")));
        assert!(entries[0].contains("nothing leaked") || lang == "ar");
        let own = read(&out.join(format!("{lang}/incidents/{WITHDRAWN}/feed.xml")));
        assert_eq!(own.matches("<entry>").count(), 2, "{own}");
        assert!(own.contains("/withdrawn</id>"));
    }
}

#[test]
fn an_alias_is_a_redirect_page_in_each_language_and_may_not_take_an_address() {
    let site = fixture("graph");
    let root = site.path();
    let out = build_ok(root, &[]);
    for lang in ["ar", "en"] {
        let r = page(&out, lang, "2026-06-crm-followup");
        let to = format!("/notices/{lang}/incidents/{FOLLOW}/");
        assert!(r.contains(&format!("<html lang=\"{lang}\"")), "{r}");
        assert!(r.contains(&format!(
            "<link rel=\"canonical\" href=\"https://waha.example{to}\">"
        )));
        assert!(r.contains(&format!(
            "<meta http-equiv=\"refresh\" content=\"0; url={to}\">"
        )));
        assert!(r.contains(&format!("<a href=\"{to}\">")));
        assert!(!r.contains("<script"));
    }
    let yaml = inc(FOLLOW, "incident.yaml");
    edit(
        root,
        &yaml,
        "aliases: [2026-06-crm-followup]",
        "aliases: [2026-06-crm-followup, 2026-05-crm-breach]",
    );
    edit(
        root,
        &inc(BREACH, "incident.yaml"),
        "published: 2026-05-02",
        "published: 2026-05-02\naliases: [2026-06-crm-followup]",
    );
    let err = build_fails(root, &[]);
    assert!(
        err.contains(&format!(
            "{yaml}:11:33: aliases[1]: `2026-05-crm-breach` is the id of an advisory on this site"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{yaml}:11:11: aliases[0]: `2026-06-crm-followup` is already an alias of `2026-05-crm-breach`")),
        "{err}"
    );
}

#[test]
fn an_empty_exposed_list_reads_still_being_determined_while_investigating() {
    let site = fixture("graph");
    let root = site.path();
    let out = build_ok(root, &[]);
    let en = page(&out, "en", FOLLOW);
    assert!(
        en.contains("<p class=\"data-none\">Still being determined"),
        "{en}"
    );
    assert!(!en.contains("None listed"));
    assert!(page(&out, "ar", FOLLOW).contains("<p class=\"data-none\">لا يزال قيد التحديد"));
    // Once resolved, an empty list is an empty list.
    assert!(page(&out, "en", WITHDRAWN).contains("<p class=\"data-none\">None listed.</p>"));
    edit(
        root,
        &inc(FOLLOW, "incident.yaml"),
        "status: investigating",
        "status: monitoring",
    );
    let out = build_ok(root, &[]);
    assert!(page(&out, "en", FOLLOW).contains("<p class=\"data-none\">None listed.</p>"));
}
