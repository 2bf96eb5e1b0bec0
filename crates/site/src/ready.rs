//! `bayan check --ready ID`: one advisory checked as if it were published.
//!
//! A draft's problems are only warnings, and its `TODO`s are allowed, so a CI gate
//! cannot tell an unfinished scaffold from an advisory ready to go out. Here the
//! draft is loaded again with `draft: false` and its diagnostics replace the
//! draft's, so the rest of the pipeline (links, rendering) sees it as published.

use std::path::PathBuf;

use crate::config::Config;
use crate::content::{self, INCIDENTS_DIR, Loaded};
use crate::vocabulary::Vocabulary;
use bayan_text::diag::nearest;
use bayan_text::error::Error;

/// Replaces the incident `id` in `loaded`, and its files' diagnostics, with the
/// incident checked as published. No folder `id` is a usage error with the
/// nearest id.
pub fn as_published(
    config: &Config,
    vocab: &Vocabulary,
    id: &str,
    loaded: &mut Loaded,
) -> Result<(), Error> {
    let dir = incident_dir(config, id, "--ready ")?;
    let (incident, diags) = content::load_as_published(config, vocab, &dir);
    let prefix = format!("{INCIDENTS_DIR}/{id}/");
    let mut kept = bayan_text::diag::Diagnostics::default();
    kept.extend_from(
        std::mem::take(&mut loaded.diagnostics)
            .into_vec()
            .into_iter()
            .filter(|d| !d.file.starts_with(&prefix)),
    );
    kept.extend(diags);
    loaded.diagnostics = kept;
    loaded.incidents.retain(|i| i.id.as_str() != id);
    loaded.incidents.extend(incident);
    Ok(())
}

/// The folder of the advisory `id`, or a usage error (for `what`, the command's
/// words before the id) naming the nearest id.
pub fn incident_dir(config: &Config, id: &str, what: &str) -> Result<PathBuf, Error> {
    let dir = config.root.join(INCIDENTS_DIR).join(id);
    if crate::model::IncidentId::valid(id) && dir.join("incident.yaml").is_file() {
        return Ok(dir);
    }
    let known = known_ids(config);
    if let Some(new) = known.iter().find(|k| has_alias(config, k, id)) {
        return Err(Error::Usage(format!(
            "{what}{id}: advisory `{id}` was renamed to `{new}` (it is in `{new}`'s aliases); use `{new}`"
        )));
    }
    let hint = nearest(id, known.iter().map(String::as_str))
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default();
    Err(Error::Usage(format!(
        "{what}{id}: there is no advisory `{id}` in {INCIDENTS_DIR}/{hint}"
    )))
}

/// Whether the advisory in folder `folder` lists `old` in its `aliases:`, as far
/// as its incident.yaml can be read.
fn has_alias(config: &Config, folder: &str, old: &str) -> bool {
    let path = config
        .root
        .join(INCIDENTS_DIR)
        .join(folder)
        .join("incident.yaml");
    let Ok(text) = bayan_text::fsx::read_text(&config.root, &path) else {
        return false;
    };
    let Ok(record) = bayan_text::yaml::parse::<serde_json::Value>("incident.yaml", &text) else {
        return false;
    };
    record["aliases"]
        .as_array()
        .is_some_and(|a| a.iter().any(|v| v.as_str().map(str::trim) == Some(old)))
}

/// The ids of the folders under content/incidents/, for the suggestion.
fn known_ids(config: &Config) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(config.root.join(INCIDENTS_DIR)) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect()
}
