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
//! statics::load(root)           → Vec<StaticFile>   content/static, read and checked
//! Site::new(config, incidents)  → Site              sorted, addressed (see routes)
//! link::check(&site)            → Diagnostics       rules over the whole site (link::RULES)
//! render::site(&site, &theme)   → files to a Sink   every emitter (render::emit::EMITTERS),
//!                                                   each file tagged with its owner; pure
//! output::write_with(out, …)    → Report            a temp dir, then swapped in
//! ```

// The stages and their helpers are private; what the binary, the integration
// tests, the benchmarks and the fuzz targets need is re-exported below, or lives
// in one of the few public modules, so the crate's surface is a list someone chose.
mod base_url;
mod bidi;
mod ci;
mod completions;
mod config;
mod contact;
mod content;
mod dates;
mod diag;
mod drift;
mod error;
mod fallback;
mod fsx;
mod ids;
mod lang;
mod law;
mod link;
pub mod live;
mod mailbox;
mod markdown;
mod model;
mod notice;
mod notices;
pub mod output;
mod plural;
mod ready;
mod record_schema;
pub mod render;
#[cfg(feature = "serve")]
mod review;
mod routes;
mod scaffold;
mod schema;
#[cfg(feature = "serve")]
pub mod serve;
mod site;
mod spoof;
mod statics;
mod svg;
mod text;
mod theme;
mod translations;
mod vendors;
mod vocabulary;
pub mod watch;
mod yaml;

pub use config::Config;
pub use diag::{Diagnostic, Diagnostics, Severity};
pub use error::Error;
pub use law::Law;
pub use site::Site;
pub use theme::Theme;
pub use vocabulary::Vocabulary;

/// What the `bayan` command's subcommands call besides the pipeline: scaffolding a
/// site or an incident, shell completions and man pages, the theme's strings, and
/// the helpers its messages are printed with.
pub mod cli {
    pub use crate::ci::Ci;
    pub use crate::completions::{Shell, completions, man_page, man_pages_to};
    pub use crate::notice::sms::MAX_SEGMENTS as SMS_MAX_SEGMENTS;
    pub use crate::plural::en as plural_en;
    pub use crate::scaffold::{init, new_incident};
    pub use crate::spoof::escape_json_output;
    pub use crate::theme::strings::defaults as theme_strings;

    /// Where the user guide's pages are: the mdBook in bayan's source, whose pages
    /// `bayan --help`, the man page and the CI workflows `bayan init --ci` writes
    /// name. A path, not an address: the guide has no published home of its own
    /// yet, and an address made up for it could be taken by anyone.
    pub const GUIDE: &str = "guide/src/";
}

/// The lower-level stages that the fuzz targets, the benchmarks and the
/// integration tests drive directly, one module per stage. Not a stable
/// interface: it follows the pipeline's insides.
pub mod internals {
    /// Markdown to safe HTML, and the page's reserved heading ids.
    pub mod markdown {
        pub use crate::markdown::{LinkContext, PAGE_IDS, plain_text, render_block, render_inline};
    }

    /// Finding the runs of the other direction in a text and isolating them.
    pub mod bidi {
        pub use crate::bidi::{LRI, PDI, RLI, isolate_plain, link_len, runs};
        pub use crate::lang::Direction;
    }

    /// The checks against hidden, reordering and look-alike characters.
    pub mod spoof {
        pub use crate::spoof::{
            check_email, check_running_text, check_url, first_hidden, is_bidi_control,
            unbalanced_bidi,
        };
    }

    /// The check of an SVG file a site ships.
    pub mod svg {
        pub use crate::svg::check;
    }

    /// `base_url`'s check: the absolute address and the path every link
    /// carries, or why the value is refused.
    pub mod base_url {
        /// `(absolute, path)` of an accepted `base_url`.
        pub fn parse(s: &str) -> Result<(String, String), String> {
            crate::base_url::BaseUrl::parse(s).map(|b| (b.absolute, b.path))
        }
    }

    /// The rules every notice's HTML keeps, whoever wrote the template.
    pub mod notice_guard {
        /// Every problem of a notice's HTML; empty when it may be sent.
        pub fn check(html: &str) -> Vec<String> {
            crate::notice::guard_check(html)
        }
    }

    /// The YAML parser with bayan's size and depth budgets.
    pub mod yaml {
        pub use crate::yaml::parse;
    }

    /// The files of the default theme, compiled into the binary.
    pub mod theme {
        pub use crate::theme::DEFAULT_FILES;
    }

    /// Reading and checking one incident record.
    pub mod content {
        pub use crate::content::load_text;
    }
}

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

/// Reads and checks everything under `root`. Any error in any file fails the whole
/// load, with every error found listed.
pub fn load(opts: &BuildOptions) -> Result<Loaded, Error> {
    load_with(opts, None)
}

/// [`load`], with the incident `ready` (when given) checked as if it were
/// published, draft or not.
fn load_with(opts: &BuildOptions, ready: Option<&str>) -> Result<Loaded, Error> {
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
    if let Some(id) = ready {
        ready::as_published(&config, &vocabulary, id, &mut loaded)?;
    }
    if opts.strict {
        loaded.diagnostics = translations::strict(loaded.diagnostics);
    }
    loaded.diagnostics.sort();
    let now = opts.now.unwrap_or_else(jiff::Timestamp::now);
    if loaded.diagnostics.has_errors() {
        // The link phase runs over what did load, so that its findings (a broken
        // `../ID/`, a wrong anchor, a renamed id) come in the same run as the rest.
        let mut site = Site::new(config, loaded.incidents, vocabulary, now, opts.drafts);
        site.unloaded = loaded.failed;
        let mut all = loaded.diagnostics;
        all.extend(link::check(&site));
        all.sort();
        return Err(Error::Content(all.into_vec()));
    }
    let statics = statics::load(&config.root)?;
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
    pub laws: Vec<law::Law>,
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
        return Err(notices::missing(opts, &loaded.site, id));
    };
    let dir = out.map_or_else(|| notice::default_dir(&opts.root, id), Path::to_path_buf);
    notices::check_target(&dir, opts)?;
    let notices = notice::for_incident(&loaded.site, &loaded.theme, inc)?;
    output::write(&notices.files, &dir, &opts.root)?;
    Ok((notices, loaded, dir))
}

/// `check --ready ID`: [`check`], with the advisory `id` checked as if it were
/// published (every `TODO` is an error). An id with no folder is a usage error
/// naming the nearest one.
pub fn check_ready(opts: &BuildOptions, id: &str) -> Result<Checked, Error> {
    let loaded = load_with(opts, Some(id))?;
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
/// language may lag. Refused while the advisory has errors; returns the file's
/// path as messages show it.
pub fn translated(root: &Path, id: &str) -> Result<String, Error> {
    let config = Config::load(root, None)?;
    let theme = Theme::load(&config)?;
    let vocabulary = Vocabulary::new(theme.class_labels(&config.languages), &config.vocabulary);
    let dir = ready::incident_dir(&config, id, "translated ")?;
    let (incident, diags) = content::load_one(&config, &vocabulary, &dir, true);
    let errors: Vec<Diagnostic> = diags
        .into_vec()
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    match incident {
        Some(inc) if errors.is_empty() => translations::record(&config, &inc),
        _ => Err(Error::Content(errors)),
    }
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
