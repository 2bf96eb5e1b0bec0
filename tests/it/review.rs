//! Issue 17's review loop: errors a CI gate can read (`severity`, `-q`,
//! `check --ready`), the open-advisory listing and page numbers, translation lag,
//! and the review page.

use crate::{bayan, edit, fixture, stderr, stdout};

const SMS: &str = "2026-01-sms-gateway";
const SMS_YAML: &str = "content/incidents/2026-01-sms-gateway/incident.yaml";

fn json(o: &std::process::Output) -> Vec<serde_json::Value> {
    serde_json::from_str::<serde_json::Value>(&stdout(o))
        .unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn json_diagnostics_carry_their_severity_and_q_keeps_only_errors() {
    let site = fixture("arabic-subpath");
    let r = site.path();
    // A draft's problems are warnings; a published advisory's are errors.
    let o = bayan(r, &["check", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let items = json(&o);
    assert!(!items.is_empty());
    assert!(
        items.iter().all(|d| d["severity"] == "warning"),
        "{items:?}"
    );
    edit(
        r,
        "content/incidents/2026-03-crm-export/incident.yaml",
        "severity: ",
        "severity: extreme\nx_severity: ",
    );
    let o = bayan(r, &["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let items = json(&o);
    let count = |sev: &str| items.iter().filter(|d| d["severity"] == sev).count();
    assert!(count("error") >= 1 && count("warning") >= 1, "{items:?}");
    assert_eq!(count("error") + count("warning"), items.len());

    let o = bayan(r, &["check", "--format", "json", "-q"]);
    assert_eq!(o.status.code(), Some(1));
    let quiet = json(&o);
    assert!(!quiet.is_empty());
    assert!(quiet.iter().all(|d| d["severity"] == "error"), "{quiet:?}");

    let o = bayan(r, &["check", "-q"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("error: "), "{err}");
    assert!(!err.contains("warning: "), "{err}");
    let o = bayan(r, &["check"]);
    assert!(stderr(&o).contains("warning: "), "{}", stderr(&o));
}

#[test]
fn ready_fails_a_scaffold_and_passes_a_finished_draft() {
    let site = fixture("minimal");
    let r = site.path();
    let o = bayan(r, &["new", "2026-02-next", "--root", "."]);
    assert!(o.status.success(), "{}", stderr(&o));
    // A scaffold is a fine draft...
    assert!(bayan(r, &["check"]).status.success());
    // ...and not ready: every TODO is an error.
    let o = bayan(r, &["check", "--ready", "2026-02-next"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("content/incidents/2026-02-next/incident.yaml:")
            && err.contains("title.en: placeholder text starting with `TODO`"),
        "{err}"
    );
    assert!(
        err.contains("content/incidents/2026-02-next/ar.md:1:1: placeholder"),
        "{err}"
    );
    let o = bayan(r, &["check", "--ready", "2026-02-next", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(json(&o).iter().all(|d| d["severity"] == "error"));

    // A finished draft is ready, and says so.
    edit(
        r,
        SMS_YAML,
        "status: resolved",
        "draft: true\nstatus: resolved",
    );
    let o = bayan(r, &["check", "--ready", SMS]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains(&format!("{SMS} is ready to publish")));

    let o = bayan(r, &["check", "--ready", "2026-01-sms-gateways"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(&format!("did you mean `{SMS}`?")),
        "{}",
        stderr(&o)
    );
    let o = bayan(r, &["check", "--ready", "../content"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}
