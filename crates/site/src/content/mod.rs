//! Loading every incident: walk, read, parse, validate, render Markdown.
//!
//! Incidents load in parallel, each into its own list of diagnostics, and the lists
//! are merged in folder order so messages are stable. A draft's errors are warnings
//! unless drafts are being built; a draft left out costs nothing more.
//!
//! The jobs, one file each: this file walks `content/incidents/` and loads each
//! folder; `record/` is the shape of incident.yaml and the check of each field
//! (`record/parse.rs` reads the YAML and reports every failing field at once,
//! `record/data.rs` the data classes); `folder.rs` reads the attachments and the
//! Markdown bodies beside it.

mod folder;
mod record;
pub use folder::body_html;

use std::path::Path;

use rayon::prelude::*;

use crate::config::Config;
use crate::model::*;
use crate::vocabulary::Vocabulary;
use bayan_text::diag::{Diagnostic, Diagnostics, display_path};
use record::{check, looks_like_draft, parse_record};

pub const INCIDENTS_DIR: &str = "content/incidents";
/// What the pipeline gets: the incidents to build and everything worth saying.
pub struct Loaded {
    pub incidents: Vec<Incident>,
    pub diagnostics: Diagnostics,
    /// The ids of the folders whose errors kept them from loading: the link
    /// phase, run over what did load, must not call a link to one of them
    /// "no such advisory".
    pub failed: Vec<String>,
}

/// Loads every incident under `content/incidents/`. Without `drafts`, drafts'
/// errors become warnings; they are loaded all the same, and
/// [`crate::site::Site`] keeps them (and scheduled ones) out of the build.
pub fn load(config: &Config, vocab: &Vocabulary, drafts: bool) -> Loaded {
    let root = &config.root;
    let dir = root.join(INCIDENTS_DIR);
    let mut diagnostics = Diagnostics::default();
    let mut folders = Vec::new();
    for d in [root.join("content"), dir.clone()] {
        if let Err(e) = bayan_text::fsx::check_inside(root, &d) {
            diagnostics.push(e);
            return Loaded {
                incidents: Vec::new(),
                diagnostics,
                failed: Vec::new(),
            };
        }
    }
    if std::fs::symlink_metadata(&dir).is_ok() && !dir.is_dir() {
        diagnostics.push(Diagnostic::error(
            INCIDENTS_DIR,
            "",
            "must be a folder holding one folder per incident, not a file",
        ));
    } else if dir.is_dir() {
        let walker = walkdir::WalkDir::new(&dir)
            .min_depth(1)
            .max_depth(1)
            .sort_by_file_name();
        for entry in walker {
            match entry {
                Ok(e) if bayan_text::fsx::is_ignored(&e.file_name().to_string_lossy()) => {}
                Ok(e) if e.file_type().is_dir() || e.path_is_symlink() && e.path().is_dir() => {
                    folders.push(e.into_path())
                }
                Ok(e) => diagnostics.push(Diagnostic::error(
                    &display_path(root, e.path()),
                    "",
                    "only incident folders belong in content/incidents/; move this file into one",
                )),
                Err(e) => diagnostics.push(Diagnostic::error(
                    INCIDENTS_DIR,
                    "",
                    format!("cannot read: {e}"),
                )),
            }
        }
    }
    let results: Vec<(Option<Incident>, Diagnostics)> = folders
        .par_iter()
        .map(|f| load_one(config, vocab, f, drafts))
        .collect();
    let mut incidents = Vec::with_capacity(results.len());
    let mut failed = Vec::new();
    for ((inc, d), folder) in results.into_iter().zip(&folders) {
        if inc.is_none() && d.has_errors() {
            failed.push(folder_id(folder));
        }
        diagnostics.extend(d);
        incidents.extend(inc);
    }
    Loaded {
        incidents,
        diagnostics,
        failed,
    }
}

/// An incident's id: its folder's name.
fn folder_id(dir: &Path) -> String {
    dir.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Loads one incident folder: the incident (when valid and wanted) and what is
/// wrong with it.
pub fn load_one(
    config: &Config,
    vocab: &Vocabulary,
    dir: &Path,
    drafts: bool,
) -> (Option<Incident>, Diagnostics) {
    let root = &config.root;
    let id = folder_id(dir);
    let mut diags = Diagnostics::default();
    if !IncidentId::valid(&id) {
        diags.push(Diagnostic::error(
            &display_path(root, dir),
            "",
            format!("folder name `{id}` is not a valid incident id: use lower-case ASCII letters, digits and hyphens, such as `2025-11-vendor-breach`"),
        ));
        return (None, diags);
    }
    if let Err(d) = bayan_text::fsx::check_inside(root, dir) {
        diags.push(d);
        return (None, diags);
    }
    let text = match bayan_text::fsx::read_text(root, &dir.join("incident.yaml")) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return (None, diags);
        }
    };
    let (mut inc, mut diags) = load_text(config, vocab, dir, &text, drafts);
    if let Some(inc) = inc.as_mut() {
        let mut lag = crate::translations::check(config, inc);
        if inc.draft && !drafts {
            lag.demote_to_warnings();
        }
        diags.extend(lag);
    }
    (inc, diags)
}

/// Parses and checks `text` as the incident.yaml of the folder `dir` (whose
/// bodies and attachments are read from disk). Split from [`load_one`] so the
/// fuzzer can drive the parser and every check without writing files.
pub fn load_text(
    config: &Config,
    vocab: &Vocabulary,
    dir: &Path,
    text: &str,
    drafts: bool,
) -> (Option<Incident>, Diagnostics) {
    let id = folder_id(dir);
    let file = display_path(&config.root, &dir.join("incident.yaml"));
    let raw = match parse_record(config, vocab, &id, dir, &file, text, false) {
        Ok(r) => r,
        Err(mut diags) => {
            if looks_like_draft(text) && !drafts {
                diags.demote_to_warnings();
            }
            return (None, diags);
        }
    };
    let is_draft = raw.draft;
    if is_draft && !drafts {
        // Checked all the same so the author hears about problems early, as
        // warnings. The incident is handed on so the site knows it exists (a
        // link to it is then "a draft", not "no such advisory"); the site holds
        // it back from every output.
        let (inc, mut d) = check(config, vocab, &id, dir, &file, raw);
        d.demote_to_warnings();
        return (inc, d);
    }
    let (inc, d) = check(config, vocab, &id, dir, &file, raw);
    (inc, d)
}

/// `check --ready ID`: the incident in `dir` checked as if it were published,
/// `draft: true` or not, so every `TODO` and author's comment is an error.
pub fn load_as_published(
    config: &Config,
    vocab: &Vocabulary,
    dir: &Path,
) -> (Option<Incident>, Diagnostics) {
    let root = &config.root;
    let file = display_path(root, &dir.join("incident.yaml"));
    let mut diags = Diagnostics::default();
    let text = match bayan_text::fsx::read_text(root, &dir.join("incident.yaml")) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return (None, diags);
        }
    };
    match parse_record(config, vocab, &folder_id(dir), dir, &file, &text, true) {
        Ok(mut raw) => {
            raw.draft = false;
            let (mut inc, mut diags) = check(config, vocab, &folder_id(dir), dir, &file, raw);
            if let Some(inc) = inc.as_mut() {
                diags.extend(crate::translations::check(config, inc));
            }
            (inc, diags)
        }
        Err(d) => (None, d),
    }
}

#[cfg(test)]
mod tests {
    use bayan_text::diag::{Pos, offset_pos};

    #[test]
    fn offsets_become_lines_and_columns() {
        assert_eq!(offset_pos("ab\nشرح x", 10), Pos { line: 2, column: 5 });
    }
}
