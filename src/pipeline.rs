//! The pipeline every command runs: [`prepare`] (site.yaml, theme, vocabulary),
//! [`validate`] (every incident, the link phase, content/static), then what the
//! command does with the valid site: [`build`] writes it, [`check`] renders it
//! to nowhere, [`notices`] writes one advisory's notices, [`translated`]
//! records its languages' hashes. Watch mode and the preview server start from
//! [`load`] too (`live.rs`).

use bayan_render::{self as render, notice};
use bayan_site::{content, drift, link, ready, schema, statics, translations, vocabulary};
use bayan_text::{dates, lang};

use crate::{
    Config, Diagnostic, Diagnostics, Error, Severity, Site, Theme, Vocabulary, fallback,
    notices as notice_rules, output,
};

use std::path::{Path, PathBuf};

use output::{OutputFile, Report};

/// A loaded, valid site and its theme, plus the warnings found on the way (drafts'
/// problems).
pub struct Loaded {
    /// The configuration and every published advisory, ordered and addressed.
    pub site: Site,
    /// The site's theme with its overrides, templates parsed.
    pub theme: Theme,
    /// Problems that did not fail the load, sorted by file and position.
    pub warnings: Diagnostics,
}

/// The front of every command: `content/site.yaml` (with `--base-url` and
/// `--law`), the theme with the site's overrides, and the vocabulary of data
/// classes (the theme's labels and site.yaml's own classes).
pub struct Prepared {
    /// The checked site.yaml.
    pub config: Config,
    /// The site's theme, templates parsed.
    pub theme: Theme,
    /// Every data class an incident may name.
    pub vocabulary: Vocabulary,
}

impl Prepared {
    /// The theme and vocabulary for a configuration already read: the second half
    /// of [`prepare`], which the stand-in settings of a broken site.yaml go
    /// through too (`fallback.rs`).
    pub(crate) fn from_config(config: Config) -> Result<Prepared, Error> {
        let theme = Theme::load(&config)?;
        let vocabulary = Vocabulary::new(theme.class_labels(&config.languages), &config.vocabulary);
        Ok(Prepared {
            config,
            theme,
            vocabulary,
        })
    }
}

/// Reads site.yaml, the theme and the vocabulary: what every command that reads
/// a site starts with. An error in site.yaml does not hide the incidents'
/// errors: they are checked against what can still be read of it, and reported
/// together.
pub fn prepare(opts: &BuildOptions) -> Result<Prepared, Error> {
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
    Prepared::from_config(config)
}

/// Reads and checks everything under `root`. Any error in any file fails the whole
/// load, with every error found listed.
pub fn load(opts: &BuildOptions) -> Result<Loaded, Error> {
    validate(opts, prepare(opts)?, None)
}

/// Every incident loaded and checked, on its own and then by the rules over the
/// whole site (the link phase): the site made of what loaded, the problems of
/// loading, and the link phase's. With `ready`, that incident is checked as if
/// it were published, draft or not.
struct SiteChecked {
    site: Site,
    /// Loading's problems, sorted.
    loading: Diagnostics,
    /// The link phase's, sorted.
    linked: Diagnostics,
}

fn check_site(
    opts: &BuildOptions,
    config: Config,
    vocabulary: Vocabulary,
    ready: Option<&str>,
) -> Result<SiteChecked, Error> {
    let mut loaded = content::load(&config, &vocabulary, opts.drafts);
    if let Some(id) = ready {
        ready::as_published(&config, &vocabulary, id, &mut loaded)?;
    }
    if opts.strict {
        loaded.diagnostics = translations::strict(loaded.diagnostics);
    }
    loaded.diagnostics.sort();
    let now = opts.now.unwrap_or_else(jiff::Timestamp::now);
    let mut site = Site::new(config, loaded.incidents, vocabulary, now, opts.drafts);
    site.unloaded = loaded.failed;
    // The link phase runs over what did load, so that its findings (a broken
    // `../ID/`, a wrong anchor, a renamed id) come in the same run as the rest.
    let linked = link::check(&site);
    Ok(SiteChecked {
        site,
        loading: loaded.diagnostics,
        linked,
    })
}

/// The second half of every command that reads a site: [`prepare`]d settings,
/// then every incident loaded and checked, content/static read, and the link
/// phase over the whole site. Any error fails it, with every error found listed;
/// warnings (drafts' problems among them) come with the site.
pub fn validate(
    opts: &BuildOptions,
    prepared: Prepared,
    ready: Option<&str>,
) -> Result<Loaded, Error> {
    let Prepared {
        config,
        theme,
        vocabulary,
    } = prepared;
    let SiteChecked {
        mut site,
        loading,
        linked,
    } = check_site(opts, config, vocabulary, ready)?;
    if loading.has_errors() {
        let mut all = loading;
        all.extend(linked);
        all.sort();
        return Err(Error::Content(all.into_vec()));
    }
    site.statics = statics::load(&site.config.root)?;
    if linked.has_errors() {
        return Err(Error::Content(linked.into_vec()));
    }
    let mut warnings = loading;
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

/// What a build, check or watch is run with: the command's options, taken from
/// its flags by the binary.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site's folder, holding `content/` (`--root`).
    pub root: PathBuf,
    /// Where to write (`--output`); defaults to `<root>/output`.
    pub output: Option<PathBuf>,
    /// Replaces `base_url` from site.yaml (`--base-url`), e.g. for a preview host.
    pub base_url: Option<String>,
    /// Include advisories marked `draft: true` (`--drafts`); without it their
    /// errors are only warnings.
    pub drafts: bool,
    /// The build's "now" (feeds of an empty site, security.txt's expiry): the
    /// binary passes `SOURCE_DATE_EPOCH` here; `None` reads the clock at each load.
    pub now: Option<jiff::Timestamp>,
    /// Knobs of the renderer that are not part of the site's content.
    pub render: render::Options,
    /// `check --law`: laws to check beside site.yaml's `laws:`.
    pub laws: Vec<crate::Law>,
    /// Translation lag is an error, not a warning (`check --strict`).
    pub strict: bool,
}

/// What a successful [`build`] did, for the line the command prints.
pub struct BuildReport {
    /// How many files and bytes were written.
    pub report: Report,
    /// How many advisories were published.
    pub incidents: usize,
    /// The folder the site was written to.
    pub output: PathBuf,
    /// Problems that did not fail the build (drafts' errors, among others).
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
    let mut loaded = load(opts)?;
    // Before the new output replaces the old: what changed since the last build.
    loaded.warnings.extend(drift::check(&loaded.site, &out));
    loaded.warnings.sort();
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
    /// Problems that do not stop a build (drafts' errors, a status that
    /// contradicts the latest update, among others).
    pub warnings: Diagnostics,
    /// The scheduled advisories, soonest first, each with the date it goes out
    /// as the site's zone shows it (`2026-03-02`, or an RFC 3339 instant).
    pub scheduled: Vec<(String, String)>,
}

/// Validation only: the warnings and scheduled advisories on success, every
/// error on failure.
pub fn check(opts: &BuildOptions) -> Result<Checked, Error> {
    let mut loaded = load(opts)?;
    let out = opts
        .output
        .clone()
        .unwrap_or_else(|| opts.root.join("output"));
    loaded.warnings.extend(drift::check(&loaded.site, &out));
    loaded.warnings.sort();
    // Render too, writing nothing: a template that fails on this content is an
    // error `check` must catch.
    render::site(&loaded.site, &loaded.theme, &opts.render, &output::NullSink)?;
    // A notice that cannot be sent (an SMS past three parts, a notice template
    // that breaks a notice's rules) is an error before anyone needs to send it.
    notice::check_all(&loaded.site, &loaded.theme)?;
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

/// `bayan notice ID`: the advisory's notices, from the site loaded and checked as
/// a build loads it, written into their own folder (never into output/).
pub fn notices(
    opts: &BuildOptions,
    id: &str,
    out: Option<&Path>,
) -> Result<(notice::Notices, Loaded, PathBuf), Error> {
    let loaded = load(opts)?;
    let Some(inc) = loaded.site.incidents.iter().find(|i| i.id == *id) else {
        return Err(notice_rules::missing(opts, &loaded.site, id));
    };
    let dir = out.map_or_else(|| notice::default_dir(&opts.root, id), Path::to_path_buf);
    notice_rules::check_target(&dir, opts)?;
    let notices = notice::for_incident(&loaded.site, &loaded.theme, inc)?;
    output::write(&notices.files, &dir, &opts.root)?;
    Ok((notices, loaded, dir))
}

/// `check --ready ID`: [`check`], with the advisory `id` checked as if it were
/// published (every `TODO` is an error). An id with no folder is a usage error
/// naming the nearest one.
pub fn check_ready(opts: &BuildOptions, id: &str) -> Result<Checked, Error> {
    let loaded = validate(opts, prepare(opts)?, Some(id))?;
    render::site(&loaded.site, &loaded.theme, &opts.render, &output::NullSink)?;
    // Ready means its notices can go out too (an SMS that fits, among others).
    notice::check_all(&loaded.site, &loaded.theme)?;
    Ok(Checked {
        warnings: loaded.warnings,
        scheduled: Vec::new(),
    })
}

/// `bayan translated ID`: records a hash of each language's texts and body of the
/// advisory `id` in its `translations.yaml`, from which later loads tell which
/// language may lag. The site is checked as a build checks it, link phase
/// included, with drafts (a translation is often recorded before publishing);
/// refused while the advisory itself has errors. Returns the file's path as
/// messages show it.
pub fn translated(root: &Path, id: &str) -> Result<String, Error> {
    let opts = BuildOptions {
        root: root.to_path_buf(),
        drafts: true,
        ..Default::default()
    };
    let Prepared {
        config, vocabulary, ..
    } = prepare(&opts)?;
    let dir = ready::incident_dir(&config, id, "translated ")?;
    let SiteChecked {
        site,
        mut loading,
        linked,
    } = check_site(&opts, config, vocabulary, None)?;
    loading.extend(linked);
    // Its own errors refuse it; another advisory's do not (they stop a build,
    // not this record of what this one's languages say).
    let own = bayan_text::diag::display_path(root, &dir);
    let own = format!("{}/", own.trim_end_matches('/'));
    let errors: Vec<Diagnostic> = loading
        .into_vec()
        .into_iter()
        .filter(|d| d.severity == Severity::Error && d.file.starts_with(&own))
        .collect();
    match site.incidents.iter().find(|i| i.id == *id) {
        Some(inc) if errors.is_empty() => translations::record(&site.config, inc),
        _ => Err(Error::Content(errors)),
    }
}

/// The JSON Schema of incident.yaml: for the site at `root`, with its languages
/// and vocabulary; without one, for English and Arabic and the built-in classes.
pub fn schema_for(root: Option<&Path>) -> Result<serde_json::Value, Error> {
    Ok(match root {
        Some(root) => {
            let p = prepare(&BuildOptions {
                root: root.to_path_buf(),
                ..Default::default()
            })?;
            let ids: Vec<&str> = p.vocabulary.ids().collect();
            schema::incident(&p.config.languages, &ids)
        }
        None => {
            let langs = [lang::Lang::parse("en"), lang::Lang::parse("ar")];
            let langs: Vec<_> = langs.into_iter().flatten().collect();
            schema::incident(&langs, vocabulary::BUILTIN)
        }
    })
}
