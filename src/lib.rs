//! bayan: bilingual Arabic/English advisory sites from structured incident records.
//!
//! The pipeline, in one place ([`load`], then [`build`], [`check`] or watch mode's
//! [`live::Live`], all from one [`BuildOptions`]):
//!
//! ```text
//! Config::load(root)            → Config            content/site.yaml
//! Theme::load(&config)          → Theme             default theme + the site's overrides
//! content::load(&config, …)     → Vec<Incident>     walk, parse, validate, render Markdown,
//!                                                   read bodies and attachments
//! render::content_static(root)  → Vec<OutputFile>   content/static, read and checked
//! Site::new(config, incidents)  → Site              sorted, addressed (see routes)
//! link::check(&site)            → Diagnostics       rules over the whole site (link::RULES)
//! render::site(&site, &theme)   → files to a Sink   every emitter (render::emit::EMITTERS),
//!                                                   each file tagged with its owner; pure
//! output::write_with(out, …)    → Report            a temp dir, then swapped in
//! ```

pub mod bidi;
pub mod ci;
pub mod completions;
pub mod config;
pub mod contact;
pub mod content;
pub mod dates;
pub mod diag;
pub mod error;
pub mod fallback;
pub mod fsx;
pub mod lang;
pub mod law;
pub mod link;
pub mod live;
pub mod markdown;
pub mod model;
pub mod output;
pub mod plural;
pub mod record_schema;
pub mod render;
pub mod routes;
pub mod scaffold;
pub mod schema;
#[cfg(feature = "serve")]
pub mod serve;
pub mod site;
pub mod spoof;
pub mod svg;
pub mod text;
pub mod theme;
pub mod theme_strings;
pub mod vendors;
pub mod vocabulary;
pub mod watch;
pub mod yaml;

use std::path::{Path, PathBuf};

use config::Config;
use diag::Diagnostics;
use error::Error;
use output::{OutputFile, Report};
use site::Site;
use theme::Theme;
use vocabulary::Vocabulary;

/// A loaded, valid site and its theme, plus the warnings found on the way (drafts'
/// problems).
pub struct Loaded {
    pub site: Site,
    pub theme: Theme,
    pub warnings: Diagnostics,
}

/// Reads and checks everything under `root`. Any error in any file fails the whole
/// load, with every error found listed.
pub fn load(opts: &BuildOptions) -> Result<Loaded, Error> {
    // An error in site.yaml must not hide the incidents' errors: they are checked
    // against what can still be read of it, and reported together.
    let mut config = Config::load(&opts.root, opts.base_url.as_deref()).map_err(|e| match e {
        Error::Content(d) => {
            Error::Content(fallback::with_incident_errors(&opts.root, opts.drafts, d))
        }
        other => other,
    })?;
    for law in &opts.laws {
        if !config.laws.contains(law) {
            config.laws.push(*law);
        }
    }
    let theme = Theme::load(&config)?;
    let vocabulary = Vocabulary::new(theme.class_labels(&config.languages), &config.vocabulary);
    let mut loaded = content::load(&config, &vocabulary, opts.drafts);
    loaded.diagnostics.sort();
    if loaded.diagnostics.has_errors() {
        return Err(Error::Content(loaded.diagnostics.into_vec()));
    }
    let now = opts.now.unwrap_or_else(jiff::Timestamp::now);
    let statics = render::content_static(&config.root)?;
    let mut site = Site::new(config, loaded.incidents, vocabulary, now, opts.drafts);
    site.statics = statics;
    let mut warnings = loaded.diagnostics;
    let linked = link::check(&site);
    if linked.has_errors() {
        return Err(Error::Content(linked.into_vec()));
    }
    warnings.extend(linked);
    warnings.sort();
    Ok(Loaded {
        site,
        theme,
        warnings,
    })
}

/// Loads and renders the site in memory, sorted by path.
pub fn render(opts: &BuildOptions) -> Result<(Vec<OutputFile>, Loaded), Error> {
    let loaded = load(opts)?;
    let files = render::to_memory(&loaded.site, &loaded.theme, &opts.render)?;
    Ok((files, loaded))
}

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `<root>/output`.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// The build's "now" (feeds of an empty site, security.txt's expiry): the
    /// binary passes `SOURCE_DATE_EPOCH` here; `None` reads the clock at each load.
    pub now: Option<jiff::Timestamp>,
    pub render: render::Options,
    /// `check --law`: laws to check beside site.yaml's `laws:`.
    pub laws: Vec<law::Law>,
}

pub struct BuildReport {
    pub report: Report,
    pub incidents: usize,
    pub output: PathBuf,
    pub warnings: Diagnostics,
    /// Time spent loading (and checking) and rendering (and writing).
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

/// The whole pipeline: validate everything, render, then replace `output/` at once.
/// On any error the previous output stays as it was.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Error> {
    let out = opts
        .output
        .clone()
        .unwrap_or_else(|| opts.root.join("output"));
    // Refuse a dangerous target before spending time on the build.
    output::check_target(&out, &opts.root)?;
    let start = std::time::Instant::now();
    let loaded = load(opts)?;
    let loaded_at = start.elapsed();
    let report = output::write_with(&out, &opts.root, |sink| {
        render::site(&loaded.site, &loaded.theme, &opts.render, sink)
    })?;
    let timings = vec![
        ("load and check", loaded_at),
        ("render and write", start.elapsed() - loaded_at),
    ];
    Ok(BuildReport {
        report,
        incidents: loaded.site.incidents.len(),
        output: out,
        warnings: loaded.warnings,
        timings,
    })
}

/// What `check` found on a valid site.
pub struct Checked {
    pub warnings: Diagnostics,
    /// The scheduled advisories, soonest first, each with the date it goes out
    /// as the site's zone shows it (`2026-03-02`, or an RFC 3339 instant).
    pub scheduled: Vec<(String, String)>,
}

/// Validation only: the warnings and scheduled advisories on success, every
/// error on failure.
pub fn check(opts: &BuildOptions) -> Result<Checked, Error> {
    let loaded = load(opts)?;
    // Render too, writing nothing: a template that fails on this content is an
    // error `check` must catch.
    render::site(&loaded.site, &loaded.theme, &opts.render, &output::NullSink)?;
    let tz = &loaded.site.config.timezone;
    let scheduled = loaded
        .site
        .scheduled()
        .into_iter()
        .map(|(id, w)| (id.to_string(), dates::in_zone(w, tz)))
        .collect();
    Ok(Checked {
        warnings: loaded.warnings,
        scheduled,
    })
}

/// The JSON Schema of incident.yaml: for the site at `root`, with its languages
/// and vocabulary; without one, for English and Arabic and the built-in classes.
pub fn schema_for(root: Option<&Path>) -> Result<serde_json::Value, Error> {
    Ok(match root {
        Some(root) => {
            let config = Config::load(root, None)?;
            let theme = Theme::load(&config)?;
            let vocab = Vocabulary::new(theme.class_labels(&config.languages), &config.vocabulary);
            let ids: Vec<&str> = vocab.ids().collect();
            schema::incident(&config.languages, &ids)
        }
        None => {
            let langs = [lang::Lang::parse("en"), lang::Lang::parse("ar")];
            let langs: Vec<_> = langs.into_iter().flatten().collect();
            schema::incident(&langs, vocabulary::BUILTIN)
        }
    })
}
