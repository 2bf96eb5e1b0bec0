//! Translation lag: has one language of an advisory changed since its
//! translations last matched, and another not?
//!
//! `bayan translated ID` records in `content/incidents/ID/translations.yaml` a
//! hash of every text of the record and of the body, per language and per field
//! (`title`, `advice[1]`, `updates[0].text`, `body`). On every load the same
//! hashes are made again: a field whose hash changed in one language and not in
//! another means the other language "may lag" on it. The incident then carries its
//! lag ([`Lag`]), so its lagging pages say so, the check warns (an error with
//! `--strict`), and watch mode, which reloads an incident whole, agrees with a
//! clean build. The file is neither published nor an attachment.

use std::collections::{BTreeMap, BTreeSet};

use crate::config::Config;
use crate::model::Incident;
use crate::text::Text;
use bayan_text::diag::{Diagnostic, Diagnostics, display_path};
use bayan_text::error::Error;
use bayan_text::lang::Lang;

/// The file's name in an incident folder.
pub const FILE: &str = "translations.yaml";

pub use crate::model::{Lag, LagEntry};

/// Every text of `inc` by field path, in the order the record's checker met
/// them (every per-language text of the record, whatever its field), and the
/// bodies as `body`.
pub fn fields(inc: &Incident) -> Vec<(String, Field<'_>)> {
    let mut seen = BTreeSet::new();
    let mut out: Vec<(String, Field)> = inc
        .texts
        .iter()
        .filter(|(path, _)| seen.insert(path.as_str()))
        .map(|(path, t)| (path.clone(), Field::Text(t)))
        .collect();
    if !inc.bodies.is_empty() {
        out.push(("body".into(), Field::Body(inc)));
    }
    out
}

/// A field of the record: a text with a version per language, or the bodies.
#[derive(Clone, Copy)]
pub enum Field<'a> {
    Text(&'a Text),
    Body(&'a Incident),
}

impl Field<'_> {
    /// The field's source in `lang`, as written.
    pub fn source(&self, lang: &Lang) -> &str {
        match self {
            Field::Text(t) => &t.get(lang).src,
            Field::Body(inc) => inc.bodies.get(lang).map_or("", |b| b.source.as_str()),
        }
    }
}

fn hash(s: &str) -> String {
    let h = blake3::hash(s.as_bytes()).to_hex();
    h.as_str()[..16].to_owned()
}

/// The record `bayan translated` writes: language → field → hash.
type Record = BTreeMap<String, BTreeMap<String, String>>;

fn record_of(inc: &Incident, langs: &[Lang]) -> Record {
    let fields = fields(inc);
    langs
        .iter()
        .map(|l| {
            let per: BTreeMap<String, String> = fields
                .iter()
                .map(|(path, f)| (path.clone(), hash(f.source(l))))
                .collect();
            (l.to_string(), per)
        })
        .collect()
}

/// What translations.yaml does not hold: site languages it has no record of,
/// and per language the fields it has no hash of. Lag cannot be told there, so
/// each is a warning (an error under `--strict`) until the record is written again.
#[derive(Debug, Default)]
struct Unrecorded {
    langs: Vec<Lang>,
    fields: BTreeMap<Lang, Vec<String>>,
    strangers: Vec<String>,
}

fn unrecorded(inc: &Incident, langs: &[Lang], record: &Record) -> Unrecorded {
    let mut out = Unrecorded::default();
    let paths: Vec<String> = fields(inc).into_iter().map(|(p, _)| p).collect();
    for l in langs {
        let Some(m) = record.get(l.as_str()) else {
            out.langs.push(l.clone());
            continue;
        };
        let missing: Vec<String> = paths
            .iter()
            .filter(|p| !m.contains_key(*p))
            .cloned()
            .collect();
        if !missing.is_empty() {
            out.fields.insert(l.clone(), missing);
        }
    }
    out.strangers = record
        .keys()
        .filter(|k| !langs.iter().any(|l| l.as_str() == k.as_str()))
        .cloned()
        .collect();
    out
}

/// The lag of `inc` against `record`: a field lags in a language whose hash is
/// as recorded while another language's changed. A language or field the record
/// does not hold is not compared here (see [`unrecorded`]).
fn lag_of(inc: &Incident, langs: &[Lang], record: &Record) -> Lag {
    let mut lag = Lag::new();
    for (path, f) in fields(inc) {
        let mut changed = Vec::new();
        let mut same = Vec::new();
        for l in langs {
            let Some(old) = record.get(l.as_str()).and_then(|m| m.get(&path)) else {
                continue;
            };
            if *old == hash(f.source(l)) {
                same.push(l);
            } else {
                changed.push(l);
            }
        }
        if changed.is_empty() {
            continue;
        }
        for l in same {
            let e = lag.entry(l.clone()).or_default();
            e.fields.push(path.clone());
            e.ahead.extend(changed.iter().map(|c| (*c).clone()));
        }
    }
    lag
}

/// Compares `inc` with its translations.yaml, if it has one: sets `inc.lag`, and
/// gives a "may lag" warning per lagging language, or an error for a file that
/// cannot be read.
pub fn check(config: &Config, inc: &mut Incident) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let path = inc.dir.join(FILE);
    if std::fs::symlink_metadata(&path).is_err() {
        return diags;
    }
    let shown = display_path(&config.root, &path);
    let text = match bayan_text::fsx::read_text(&config.root, &path) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return diags;
        }
    };
    let record: Record = match bayan_text::yaml::parse(&shown, &text) {
        Ok(r) => r,
        Err(d) => {
            diags.push(Diagnostic {
                message: format!(
                    "{}; run `bayan translated {}` to write it again",
                    d.message, inc.id
                ),
                ..d
            });
            return diags;
        }
    };
    inc.lag = lag_of(inc, &config.languages, &record);
    for (lang, e) in &inc.lag {
        diags.push(lag_warning(&shown, inc.id.as_str(), lang, e));
    }
    let id = inc.id.as_str();
    let gaps = unrecorded(inc, &config.languages, &record);
    let fix = format!(
        "so whether it lags cannot be told: once every language says the same, run `bayan translated {id}`"
    );
    for lang in &gaps.langs {
        diags.push(Diagnostic::warning(
            &shown,
            lang.as_str(),
            format!("the record holds no `{lang}` texts, {fix}"),
        ));
    }
    for (lang, paths) in &gaps.fields {
        let paths: Vec<String> = paths.iter().map(|p| format!("`{p}`")).collect();
        diags.push(Diagnostic::warning(
            &shown,
            lang.as_str(),
            format!(
                "the record holds no `{lang}` hash of {}, {fix}",
                paths.join(", ")
            ),
        ));
    }
    for stranger in &gaps.strangers {
        diags.push(Diagnostic::warning(
            &shown,
            stranger.as_str(),
            format!(
                "`{stranger}` is not one of the site's languages; the record was not written by `bayan translated {id}` for this site: run it again"
            ),
        ));
    }
    diags
}

fn lag_warning(file: &str, id: &str, lang: &Lang, e: &LagEntry) -> Diagnostic {
    let ahead: Vec<String> = e.ahead.iter().map(|l| format!("`{l}`")).collect();
    let fields: Vec<String> = e.fields.iter().map(|f| format!("`{f}`")).collect();
    Diagnostic::warning(
        file,
        lang.as_str(),
        format!(
            "the `{lang}` version may lag: {} changed in {} since `bayan translated {id}` and not in `{lang}`; update it, then run `bayan translated {id}` again",
            fields.join(", "),
            ahead.join(", "),
        ),
    )
}

/// Whether `d` is a translation-lag warning, or a gap in the record that
/// hides lag (which `check --strict` fails on).
fn is_lag(d: &Diagnostic) -> bool {
    d.file.ends_with(&format!("/{FILE}"))
}

/// `check --strict`: every translation-lag warning becomes an error.
pub fn strict(diags: Diagnostics) -> Diagnostics {
    let mut out = Diagnostics::default();
    out.extend_from(diags.into_vec().into_iter().map(|mut d| {
        if is_lag(&d) {
            d.severity = bayan_text::diag::Severity::Error;
        }
        d
    }));
    out
}

/// `bayan translated ID`: writes the record of the advisory's texts as they are
/// now. Refused while the advisory has errors (a draft's `TODO`s are fine).
pub fn record(config: &Config, inc: &Incident) -> Result<String, Error> {
    let rec = record_of(inc, &config.languages);
    let mut out = format!(
        "# Written by `bayan translated {}`: a hash of each language's texts and body\n\
         # when the translations last matched. A text changed in one language and not\n\
         # in another since then \"may lag\" (bayan check). Not published; do not edit.\n",
        inc.id
    );
    for (lang, fields) in &rec {
        out.push_str(&format!("{lang}:\n"));
        for (path, h) in fields {
            out.push_str(&format!("  \"{path}\": {h}\n"));
        }
    }
    let path = inc.dir.join(FILE);
    let tmp = inc.dir.join(format!(".{FILE}.tmp"));
    // Through a temporary, removed again on failure (a full disk): the folder
    // keeps its previous record, or none, and nothing else.
    if let Err(e) = std::fs::write(&tmp, &out).and_then(|()| std::fs::rename(&tmp, &path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(&path, e));
    }
    Ok(display_path(&config.root, &path))
}
