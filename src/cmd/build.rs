//! `bayan build`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Instant;

use bayan::Error;
use std::process::ExitCode;

use clap::Args;

use super::{now_from_env, print_warnings};

#[derive(Args)]
pub(crate) struct BuildArgs {
    #[command(flatten)]
    pub(crate) site: super::SiteArgs,
    /// Where to write the site [default: ROOT/output].
    #[arg(long)]
    pub(crate) output: Option<PathBuf>,
    /// Replace site.yaml's base_url (e.g. for a preview deployment).
    #[arg(long)]
    pub(crate) base_url: Option<String>,
    /// Split the sitemap into an index past this many URLs (tests use a small one).
    #[arg(long, default_value_t = 50_000, hide = true)]
    pub(crate) sitemap_max_urls: usize,
}

pub(crate) fn build(a: BuildArgs, quiet: bool, verbose: bool) -> Result<(), Error> {
    let start = Instant::now();
    let tty = std::io::stderr().is_terminal();
    if tty && !quiet {
        tell_raw!("building {} …\r", a.site.root.root.display());
        let _ = std::io::stderr().flush();
    }
    let opts = bayan::BuildOptions {
        output: a.output,
        base_url: a.base_url,
        render: bayan_render::Options {
            sitemap_max_urls: a.sitemap_max_urls,
        },
        ..a.site.options(now_from_env()?)
    };
    let r = bayan::build(&opts);
    if tty && !quiet {
        tell_raw!("\x1b[2K");
    }
    let r = r?;
    print_warnings(&r.warnings, quiet, verbose);
    if verbose {
        for (step, t) in &r.timings {
            tell!("{step}: {} ms", t.as_millis());
        }
    }
    if !quiet {
        say!(
            "built {}: {} files ({} KiB) in {} in {} ms",
            bayan::cli::plural_en(r.incidents, "advisory", "advisories"),
            r.report.files,
            r.report.bytes / 1024,
            r.output.display(),
            start.elapsed().as_millis()
        );
    }
    Ok(())
}

pub(crate) fn run(a: BuildArgs, g: super::Global) -> ExitCode {
    super::finish(build(a, g.quiet, g.verbose).map(|()| ExitCode::SUCCESS))
}
