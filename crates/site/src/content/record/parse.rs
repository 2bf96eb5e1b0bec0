//! Reading incident.yaml: when it does not parse, every failing field is
//! reported, not only the first, with stand-ins for the rest so the whole
//! record is still checked.

use std::path::Path;

use super::{RawIncident, check};
use crate::config::Config;
use crate::content::folder::folder;
use crate::vocabulary::Vocabulary;
use bayan_text::diag::Diagnostics;

/// Parses the incident.yaml `text`. When it does not parse, the error is not left
/// at the first field the parser meets: every failing field is reported, the rest
/// of the record is checked as usual, and so are the Markdown bodies, so one run
/// names everything wrong with the advisory. `as_published`: as `check --ready`.
pub(in crate::content) fn parse_record(
    config: &Config,
    vocab: &Vocabulary,
    id: &str,
    dir: &Path,
    file: &str,
    text: &str,
    as_published: bool,
) -> Result<RawIncident, Diagnostics> {
    let partial = match bayan_text::yaml::parse_by_field::<RawIncident>(file, text, stand_in) {
        Ok(raw) => return Ok(raw),
        Err(p) => p,
    };
    let mut diags = Diagnostics::default();
    diags.extend_from(partial.errors);
    // Other fields are checked against `status` and `published`: with a stand-in
    // for either, those checks would make errors up, so only the bodies are checked.
    let trusted = !partial
        .failed
        .iter()
        .any(|k| UNTRUSTED_STAND_INS.contains(&k.as_str()));
    if let Some(mut raw) = partial.rest.filter(|_| trusted) {
        if as_published {
            raw.draft = false;
        }
        let (_, rest) = check(config, vocab, id, dir, file, raw);
        let failed = &partial.failed;
        diags.extend_from(rest.into_vec().into_iter().filter(|d| {
            d.file != file || !failed.iter().any(|k| bayan_text::yaml::under(&d.path, k))
        }));
    } else {
        let draft = !as_published && looks_like_draft(text);
        diags.extend(folder(config, id, dir, draft).diags);
    }
    Err(diags)
}

/// A value that parses in place of a required field that does not, so that the
/// rest of a broken record is still read (and a required field that is missing
/// found too).
fn stand_in(key: &str) -> Option<&'static str> {
    match key {
        "title" | "summary" | "affected" => Some("{}"),
        "severity" => Some("low"),
        "status" => Some("resolved"),
        "published" => Some("\"2000-01-01\""),
        "data" => Some("{exposed: [], not_exposed: []}"),
        "advice" => Some("[]"),
        _ => None,
    }
}

/// The stand-ins other fields are checked against (updates against the status,
/// dates against publication): with one in place the rest is not checked.
const UNTRUSTED_STAND_INS: &[&str] = &["status", "published"];

/// A draft whose YAML does not parse is still a draft: its errors must not stop a
/// build that leaves drafts out.
pub(in crate::content) fn looks_like_draft(text: &str) -> bool {
    text.lines().any(|l| {
        let l = l.split('#').next().unwrap_or("").trim_end();
        l.strip_prefix("draft:").is_some_and(|v| v.trim() == "true")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draft_is_recognised_in_broken_yaml() {
        assert!(looks_like_draft("title: [\ndraft: true # wip\n"));
        assert!(!looks_like_draft("draft: false\n"));
    }
}
