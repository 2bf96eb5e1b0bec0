//! `check --law` and `laws:`: per law, the fixture `law` (a bare advisory that
//! gives none of the legal fields) fails with the law's article, and passes once
//! the field is added; an unknown law is a usage error; `laws:` makes `build`
//! refuse; `laws: [ca]` renders the California notice.

use std::path::Path;

use crate::{bayan, build_ok, edit, fixture, read, stderr, stdout};

const INC: &str = "content/incidents/2026-01-id-leak/incident.yaml";
const SITE: &str = "content/site.yaml";

/// Appends `yaml` to the fixture's incident.yaml.
fn add(root: &Path, rel: &str, yaml: &str) {
    let path = root.join(rel);
    let text = read(&path);
    std::fs::write(&path, format!("{text}{yaml}")).unwrap();
}

fn check(root: &Path, law: &str) -> (bool, String) {
    let o = bayan(root, &["check", "--law", law]);
    (o.status.success(), stderr(&o))
}

const CONSEQUENCES: &str = "likely_consequences: { en: Phishing texts, ar: رسائل تصيّد }\n";
const ACTIONS: &str = "actions:\n  - text: { en: We changed provider., ar: غيّرنا المزوّد. }\n";
const DPO: &str = "contact:\n  dpo: { name: Privacy Office, email: dpo@example.com }\n";

#[test]
fn gdpr_names_each_missing_element_with_its_article_and_passes_when_given() {
    for law in ["gdpr", "uk-gdpr"] {
        let site = fixture("law");
        let (ok, err) = check(site.path(), law);
        assert!(!ok, "{err}");
        for (field, article) in [
            ("contact.dpo", "Art. 34(2), 33(3)(b)"),
            ("likely_consequences", "Art. 34(2), 33(3)(c)"),
            ("actions", "Art. 34(2), 33(3)(d)"),
        ] {
            assert!(
                err.contains(&format!("{INC}: {field}: {law} {article}: ")),
                "{field} for {law}:\n{err}"
            );
        }
        add(site.path(), INC, &format!("{CONSEQUENCES}{ACTIONS}{DPO}"));
        let (ok, err) = check(site.path(), law);
        assert!(ok, "{err}");
    }
}

#[test]
fn sa_pdpl_wants_risks_and_measures_and_warns_without_a_dpo() {
    let site = fixture("law");
    let (ok, err) = check(site.path(), "sa-pdpl");
    assert!(!ok);
    assert!(
        err.contains(&format!(
            "error: {INC}: likely_consequences: sa-pdpl Implementing Regulation Art. 24(5)(b): "
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "error: {INC}: actions: sa-pdpl Implementing Regulation Art. 24(5)(b): "
        )),
        "{err}"
    );
    add(site.path(), INC, &format!("{CONSEQUENCES}{ACTIONS}"));
    let (ok, err) = check(site.path(), "sa-pdpl");
    assert!(ok, "{err}");
    assert!(
        err.contains(&format!(
            "warning: {INC}: contact.dpo: sa-pdpl Implementing Regulation Art. 24(5)(c)"
        )),
        "{err}"
    );
    // The DPO given site-wide counts for every advisory.
    add(
        site.path(),
        SITE,
        "  dpo: { name: Privacy Office, phone: \"+966 800 000 0000\" }\n",
    );
    let (ok, err) = check(site.path(), "sa-pdpl");
    assert!(ok && !err.contains("contact.dpo"), "{err}");
}

#[test]
fn california_needs_the_dates_and_the_delay_and_passes_when_given() {
    let site = fixture("law");
    let (ok, err) = check(site.path(), "ca");
    assert!(!ok);
    for (field, article) in [
        ("discovered", "1798.82(a)"),
        ("occurred", "1798.82(d)(2)(C)"),
        ("law_enforcement_delay", "1798.82(d)(2)(E)"),
    ] {
        assert!(
            err.contains(&format!("{INC}: {field}: ca Civil Code {article}: ")),
            "{field}:\n{err}"
        );
    }
    add(
        site.path(),
        INC,
        "discovered: 2026-01-09\noccurred: { from: 2026-01-08, to: 2026-01-09 }\nlaw_enforcement_delay: false\n",
    );
    let (ok, err) = check(site.path(), "ca");
    assert!(ok, "{err}");
}

#[test]
fn california_counts_30_days_from_discovery_unless_law_enforcement_delayed_it() {
    let site = fixture("law");
    add(
        site.path(),
        INC,
        "discovered: 2025-12-01\noccurred: unknown\nlaw_enforcement_delay: false\n",
    );
    let (ok, err) = check(site.path(), "ca");
    assert!(!ok);
    // `published: 2026-01-10` is line 9, its value at column 12.
    assert!(
        err.contains(&format!(
            "{INC}:9:12: published: ca Civil Code 1798.82(a): published 40 days after `discovered`"
        )),
        "{err}"
    );
    edit(
        site.path(),
        INC,
        "law_enforcement_delay: false",
        "law_enforcement_delay: true",
    );
    let (ok, err) = check(site.path(), "ca");
    assert!(ok, "{err}");
}

#[test]
fn california_id_numbers_need_the_credit_bureaus_and_an_offer_of_twelve_months() {
    let site = fixture("law");
    add(
        site.path(),
        INC,
        "discovered: 2026-01-09\noccurred: 2026-01-08\nlaw_enforcement_delay: false\n",
    );
    edit(
        site.path(),
        INC,
        "exposed: [phone_numbers]",
        "exposed: [phone_numbers, ssn]",
    );
    let (ok, err) = check(site.path(), "ca");
    assert!(!ok);
    assert!(err.contains("content/site.yaml: credit_bureaus: ca Civil Code 1798.82(d)(2)(G): advisory `2026-01-id-leak`: exposes `ssn`"), "{err}");
    assert!(
        err.contains(&format!("{INC}: offer: ca Civil Code 1798.82(d)(2)(G): ")),
        "{err}"
    );
    add(
        site.path(),
        SITE,
        "credit_bureaus:\n  - { name: Equifax, phone: \"1-800-685-1111\", address: \"P.O. Box 740241, Atlanta, GA 30374\" }\n",
    );
    add(
        site.path(),
        INC,
        "offer:\n  provider: IdGuard\n  months: 6\n  enrol: { en: Enrol at idguard.example with code X1., ar: سجّل في idguard.example بالرمز X1. }\n",
    );
    let (ok, err) = check(site.path(), "ca");
    assert!(!ok);
    assert!(
        err.contains(&format!(
            "{INC}:24:11: offer.months: ca Civil Code 1798.82(d)(2)(G): "
        )),
        "{err}"
    );
    edit(site.path(), INC, "months: 6", "months: 24");
    let (ok, err) = check(site.path(), "ca");
    assert!(ok, "{err}");
    // Readers see the offer and the agencies, in both languages.
    let out = build_ok(site.path(), &[]);
    let en = read(&out.join("en/incidents/2026-01-id-leak/index.html"));
    let ar = read(&out.join("ar/incidents/2026-01-id-leak/index.html"));
    assert!(
        en.contains("Free identity-theft protection") && en.contains("24 months of identity-theft"),
        "{en}"
    );
    assert!(en.contains("1-800-685-1111") && en.contains("Credit reporting agencies"));
    assert!(
        ar.contains("حماية مجانية من انتحال الهوية")
            && ar.contains("24 شهراً")
            && ar.contains("وكالات التقارير الائتمانية")
    );
}

#[test]
fn jordan_allows_24_hours_from_discovery() {
    let site = fixture("law");
    let (ok, err) = check(site.path(), "jo-pdpl");
    assert!(!ok);
    assert!(
        err.contains(&format!("{INC}: discovered: jo-pdpl Art. 20: ")),
        "{err}"
    );
    add(site.path(), INC, "discovered: 2026-01-08T00:00:00Z\n");
    let (ok, err) = check(site.path(), "jo-pdpl");
    assert!(!ok);
    assert!(
        err.contains(&format!(
            "{INC}:9:12: published: jo-pdpl Art. 20: published 2 days after `discovered`"
        )),
        "{err}"
    );
    edit(
        site.path(),
        INC,
        "discovered: 2026-01-08T00:00:00Z",
        "discovered: 2026-01-09T06:00:00Z",
    );
    let (ok, err) = check(site.path(), "jo-pdpl");
    assert!(ok, "{err}");
}

#[test]
fn an_unknown_law_is_a_usage_error_listing_the_known_ones() {
    let site = fixture("law");
    let o = bayan(site.path(), &["check", "--law", "gdpr,hipaa"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown law `hipaa`; known laws: gdpr, uk-gdpr, sa-pdpl, ca, jo-pdpl"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn findings_come_in_json_with_position_and_the_checklist_goes_to_stderr() {
    let site = fixture("law");
    add(site.path(), INC, "discovered: 2025-12-01\n");
    let o = bayan(
        site.path(),
        &["check", "--law", "jo-pdpl,sa-pdpl", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(1));
    let items: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let late = items
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"] == "published")
        .unwrap_or_else(|| panic!("{items}"));
    assert_eq!(late["file"], INC);
    assert_eq!(
        (late["line"].as_u64(), late["column"].as_u64()),
        (Some(9), Some(12))
    );
    assert!(
        late["message"]
            .as_str()
            .unwrap()
            .starts_with("jo-pdpl Art. 20: ")
    );
    assert!(
        stderr(&o).contains("SDAIA was notified within 72 hours"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_checklist_names_what_no_program_can_judge() {
    let site = fixture("law");
    let o = bayan(site.path(), &["check", "--law", "ca,sa-pdpl"]);
    let out = stdout(&o);
    assert!(
        out.contains("ca: California Civil Code 1798.82: also check by hand that"),
        "{out}"
    );
    assert!(out.contains("[ ] more than 500 California residents: a sample copy of the notice goes to the Attorney General within 15 days"));
    assert!(out.contains("[ ] SDAIA was notified within 72 hours"));
    assert!(!out.contains("jo-pdpl:"));
    // Without --law there is no checklist.
    assert!(!stdout(&bayan(site.path(), &["check"])).contains("check by hand"));
}

#[test]
fn laws_in_site_yaml_make_build_refuse_and_keep_the_old_output() {
    let site = fixture("law");
    let out = build_ok(site.path(), &[]);
    let before = crate::tree(&out);
    add(site.path(), SITE, "laws: [jo-pdpl]\n");
    let o = bayan(site.path(), &["build"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(&format!("{INC}: discovered: jo-pdpl Art. 20: ")),
        "{}",
        stderr(&o)
    );
    assert_eq!(crate::tree(&out), before);
    // `check` without --law enforces them too.
    assert!(!bayan(site.path(), &["check"]).status.success());
}

#[test]
fn an_unknown_law_in_site_yaml_is_an_error_with_the_nearest() {
    let site = fixture("law");
    add(site.path(), SITE, "laws: [gdpr, sa-pdp]\n");
    let o = bayan(site.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("content/site.yaml:8:14: laws[1]: unknown law `sa-pdp`; bayan knows: gdpr, uk-gdpr, sa-pdpl, ca, jo-pdpl; did you mean `sa-pdpl`?"), "{}", stderr(&o));
}

#[test]
fn the_legal_fields_are_checked_where_they_are_written() {
    let site = fixture("law");
    add(
        site.path(),
        INC,
        "discovered: 2026-01-09\noccurred: { from: 2026-01-08, to: 2026-01-07 }\noffer: { provider: X, months: 0, enrol: { en: a, ar: ب } }\ncontact:\n  dpo: { name: Privacy Office }\n",
    );
    let o = bayan(site.path(), &["check"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "{INC}:20:35: occurred.to: `2026-01-07` is earlier than `occurred.from`"
        )),
        "{err}"
    );
    assert!(
        err.contains("offer.months: must be a number of months, at least 1"),
        "{err}"
    );
    assert!(
        err.contains("contact.dpo: give an `email` or a `phone`"),
        "{err}"
    );
    edit(
        site.path(),
        INC,
        "occurred: { from: 2026-01-08, to: 2026-01-07 }",
        "occurred: 10 January",
    );
    assert!(
        stderr(&bayan(site.path(), &["check"]))
            .contains("or write `unknown` if the date cannot be determined yet")
    );
}

#[test]
fn the_breach_dates_and_the_dpo_are_shown_in_both_languages() {
    let site = fixture("law");
    add(
        site.path(),
        INC,
        &format!("discovered: 2026-01-09\noccurred: {{ from: 2026-01-07, to: 2026-01-08 }}\n{DPO}"),
    );
    let out = build_ok(site.path(), &[]);
    let en = read(&out.join("en/incidents/2026-01-id-leak/index.html"));
    let ar = read(&out.join("ar/incidents/2026-01-id-leak/index.html"));
    assert!(
        en.contains("<dt>Date of the breach:</dt><dd><bdi>7 January 2026 to 8 January 2026</bdi>"),
        "{en}"
    );
    assert!(en.contains("<dt>Discovered:</dt><dd><time datetime=\"2026-01-09\">"));
    assert!(en.contains("<dt>Data protection officer</dt><dd><bdi>Privacy Office</bdi><br><a href=\"mailto:dpo@example.com\""));
    assert!(
        ar.contains("<dt>تاريخ وقوع الخرق:</dt><dd><bdi>من 7 يناير 2026 إلى 8 يناير 2026</bdi>"),
        "{ar}"
    );
    assert!(ar.contains("<dt>مسؤول حماية البيانات</dt>"));
}

#[test]
fn laws_ca_renders_the_notice_of_data_breach_with_its_five_headings() {
    let site = fixture("law");
    add(site.path(), SITE, "laws: [ca]\n");
    add(
        site.path(),
        INC,
        "discovered: 2026-01-09\noccurred: unknown\nlaw_enforcement_delay: false\n",
    );
    let out = build_ok(site.path(), &[]);
    let en = read(&out.join("en/incidents/2026-01-id-leak/index.html"));
    assert!(
        en.contains("<title>Notice of Data Breach · SMS gateway sent codes"),
        "{en}"
    );
    let headings: Vec<&str> = en
        .split("<h2 id=\"")
        .skip(1)
        .filter_map(|h| {
            h.split_once('>')
                .map(|(_, t)| t.split('<').next().unwrap_or(""))
        })
        .collect();
    assert_eq!(
        headings,
        [
            "What Happened",
            "What Information Was Involved",
            "What We Are Doing",
            "What You Can Do",
            "For More Information"
        ]
    );
    assert!(en.contains("<h1>Notice of Data Breach</h1>"));
    assert!(en.contains("This notice was not delayed by a law-enforcement investigation."));
    assert!(en.contains("<dt>Date of the breach:</dt><dd><bdi>Not yet known</bdi>"));
    let ar = read(&out.join("ar/incidents/2026-01-id-leak/index.html"));
    assert!(ar.contains("<h1>إشعار بخرق البيانات</h1>"));
}

#[test]
fn a_withdrawn_advisory_is_no_longer_judged() {
    let site = fixture("law");
    let (ok, _) = check(site.path(), "jo-pdpl");
    assert!(!ok);
    add(
        site.path(),
        INC,
        "withdrawn:\n  at: 2026-01-11\n  text: { en: Sent in error., ar: نُشر خطأً. }\n",
    );
    let (ok, err) = check(site.path(), "jo-pdpl");
    assert!(ok, "{err}");
}

#[test]
fn a_scheduled_advisory_is_judged_as_if_published_ready_included() {
    let site = fixture("law");
    let root = site.path();
    // Due after the tests' "now": scheduled.
    edit(root, INC, "published: 2026-01-10", "published: 2027-06-01");
    let (ok, err) = check(root, "jo-pdpl");
    assert!(!ok, "{err}");
    assert!(
        err.contains(&format!("{INC}: discovered: jo-pdpl Art. 20: ")),
        "{err}"
    );
    let o = bayan(
        root,
        &["check", "--ready", "2026-01-id-leak", "--law", "jo-pdpl"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!("{INC}: discovered: jo-pdpl Art. 20: ")),
        "{}",
        stderr(&o)
    );
    // Measured to the day it goes out.
    add(root, INC, "discovered: 2027-05-31T12:00:00Z\n");
    let (ok, err) = check(root, "jo-pdpl");
    assert!(ok, "{err}");
}

#[test]
fn special_categories_are_marked_on_the_page_and_named_by_gdpr() {
    let site = fixture("law");
    let root = site.path();
    add(
        root,
        SITE,
        "vocabulary:\n  - { id: fingerprints, label: { en: Fingerprints, ar: بصمات الأصابع }, special: true }\n",
    );
    edit(
        root,
        INC,
        "exposed: [phone_numbers]",
        "exposed: [phone_numbers, health_data]\n  possibly_exposed: [fingerprints]",
    );
    let o = bayan(root, &["check", "--law", "gdpr"]);
    let err = stderr(&o);
    assert!(
        err.contains(&format!("warning: {INC}: data.exposed[1]: gdpr Art. 9(1), 34(1): `health_data` is a special category")),
        "{err}"
    );
    assert!(
        err.contains(&format!("warning: {INC}: data.possibly_exposed[0]: gdpr Art. 9(1), 34(1): `fingerprints` is a special category")),
        "{err}"
    );
    assert!(!err.contains("`phone_numbers` is a special"), "{err}");
    let out = build_ok(root, &[]);
    for (lang, words) in [("en", "special category"), ("ar", "فئة خاصة")] {
        let page = read(&out.join(format!("{lang}/incidents/2026-01-id-leak/index.html")));
        let marked = page
            .matches(&format!("<span class=\"data-special\">{words}</span>"))
            .count();
        assert_eq!(marked, 2, "{lang}: {page}");
    }
}
