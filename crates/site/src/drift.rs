//! A summary left behind: when an advisory's `status` or the data it says was
//! (possibly) exposed changed since the last build, but its `summary` did not,
//! the summary that listings, feeds and notices lead with may now say something
//! else than the page. That is a warning at `summary`, found by comparing the
//! record with the JSON copy the last build left in the output folder.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::model::Incident;
use crate::site::Site;
use bayan_text::diag::{Diagnostic, Diagnostics, display_path};

/// The warnings for every built advisory whose record in `out` (the last build)
/// differs in status or data classes while its summary is the same.
pub fn check(site: &Site, out: &Path) -> Diagnostics {
    let mut diags = Diagnostics::default();
    for inc in &site.incidents {
        let path = out.join(site.routes().incident_json(&inc.id));
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let Ok(before) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        if let Some(what) = changed(inc, &before) {
            let file = display_path(&site.config.root, &inc.dir.join("incident.yaml"));
            diags.push(Diagnostic::warning(
                &file,
                "summary",
                format!(
                    "{what} since the last build, but the summary did not; listings, feeds and notices lead with it: say what changed there too"
                ),
            ));
        }
    }
    diags
}

/// What changed in `inc` against the last build's record `before`, when its
/// summary stayed the same.
fn changed(inc: &Incident, before: &Value) -> Option<String> {
    let summary_same = inc
        .summary
        .langs()
        .all(|(lang, _)| before["summary_plain"][lang.as_str()] == inc.summary.get(lang).plain());
    if !summary_same {
        return None;
    }
    let mut what = Vec::new();
    let was = before["status"].as_str().unwrap_or_default();
    if !was.is_empty() && was != inc.status.key() {
        what.push(format!(
            "`status` changed from `{was}` to `{}`",
            inc.status.key()
        ));
    }
    for (group, items) in [
        ("exposed", &inc.data.exposed),
        ("possibly_exposed", &inc.data.possibly_exposed),
    ] {
        let old: BTreeSet<&str> = before["data"][group]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|d| d["id"].as_str())
            .collect();
        let new: BTreeSet<&str> = items.iter().map(|d| d.id.as_str()).collect();
        if old != new {
            what.push(format!("`data.{group}` changed"));
        }
    }
    (!what.is_empty()).then(|| what.join(" and "))
}
