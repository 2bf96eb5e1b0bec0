//! bayan: bilingual Arabic/English advisory sites from structured incident records.
//!
//! The pipeline, in one place (`src/pipeline.rs`): [`prepare`] and [`validate`],
//! then [`build`], [`check`], [`notices`], [`translated`] or watch mode's
//! [`live::Live`], all from one [`BuildOptions`]:
//!
//! ```text
//! prepare:
//! Config::load(root)            → Config            content/site.yaml
//! Theme::load(&config)          → Theme             default theme + the site's overrides
//! Vocabulary::new(…)            → Vocabulary        the theme's class labels + site.yaml's
//! validate:
//! content::load(&config, …)     → Vec<Incident>     walk, parse, validate, render Markdown,
//!                                                   read bodies and attachments
//! statics::load(root)           → Vec<StaticFile>   content/static, read and checked
//! Site::new(config, incidents)  → Site              sorted, addressed (see bayan_text::routes)
//! link::check(&site)            → Diagnostics       rules over the whole site (link::RULES)
//! then:
//! render::site(&site, &theme)   → files to a Sink   every emitter (render::emit::EMITTERS),
//!                                                   each file tagged with its owner; pure
//! output::write_with(out, …)    → Report            a temp dir, then swapped in
//! ```

// The application: the commands' pipeline, the output writer, watch mode and
// the preview server. The stages below it are the layer crates (bayan_text,
// bayan_site, bayan_render); what the binary needs is re-exported here, so the
// crate's surface is a list someone chose.
mod ci;
mod completions;
mod fallback;
pub mod live;
mod notices;
pub mod output;
#[cfg(feature = "serve")]
mod review;
mod scaffold;
#[cfg(feature = "serve")]
pub mod serve;
pub mod watch;

mod pipeline;

pub use bayan_render::Theme;
pub use bayan_site::{Config, Law, Site, Vocabulary, law};
pub use bayan_text::{Diagnostic, Diagnostics, Error, Severity};
pub use pipeline::{
    BuildOptions, BuildReport, Checked, Loaded, Prepared, build, check, check_ready, load, notices,
    prepare, render, schema_for, translated, validate,
};

/// What the `bayan` command's subcommands call besides the pipeline: scaffolding a
/// site or an incident, shell completions and man pages, the theme's strings, and
/// the helpers its messages are printed with.
pub mod cli {
    pub use crate::ci::Ci;
    pub use crate::completions::{Shell, completions, man_page, man_pages_to};
    pub use crate::scaffold::{init, new_incident};
    pub use bayan_render::notice::sms::MAX_SEGMENTS as SMS_MAX_SEGMENTS;
    pub use bayan_render::theme::strings::defaults as theme_strings;
    pub use bayan_text::plural::en as plural_en;
    pub use bayan_text::spoof::escape_json_output;

    /// Where the user guide's pages are: the mdBook in bayan's source, whose pages
    /// `bayan --help`, the man page and the CI workflows `bayan init --ci` writes
    /// name. A path, not an address: the guide has no published home of its own
    /// yet, and an address made up for it could be taken by anyone.
    pub const GUIDE: &str = "guide/src/";
}
