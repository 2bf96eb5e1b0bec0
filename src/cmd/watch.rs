//! `bayan watch`, and what `bayan serve` shares with it.

use std::path::PathBuf;

use bayan::Error;
use std::process::ExitCode;

use clap::Args;

use super::now_from;

#[derive(Args)]
pub(crate) struct WatchArgs {
    #[command(flatten)]
    pub(crate) site: super::SiteArgs,
    /// Where to write the site [default: ROOT/output].
    #[arg(long)]
    pub(crate) output: Option<PathBuf>,
    /// Build as of this instant (RFC 3339, e.g. 2026-03-02T09:00:00+03:00)
    /// instead of now: preview what is out by then.
    #[arg(long, value_name = "TIME")]
    pub(crate) now: Option<String>,
}

pub(crate) fn live_options(a: &WatchArgs) -> Result<bayan::BuildOptions, Error> {
    Ok(bayan::BuildOptions {
        output: a.output.clone(),
        ..a.site.options(now_from(a.now.as_deref())?)
    })
}

/// Prints a rebuild: errors and warnings on stderr, the summary line on stdout.
pub(crate) fn report(o: &bayan::live::Outcome, quiet: bool) {
    if let Some(err) = &o.error {
        tell!("{err}");
    }
    if !quiet {
        for w in o.warnings.items().iter().take(20) {
            tell!("{w}");
        }
        say!("{}", o.line());
    }
}

pub(crate) fn watch(a: WatchArgs, quiet: bool) -> Result<(), Error> {
    let (mut live, first) = bayan::live::Live::start(&live_options(&a)?)?;
    report(&first, quiet);
    let mut changes = bayan::watch::Changes::watch(&a.site.root.root)?;
    if !quiet {
        say!(
            "watching {} for changes (Ctrl-C to stop)",
            a.site.root.root.display()
        );
    }
    bayan::watch::run(&mut live, &mut changes, |o, _| report(o, quiet))
}

pub(crate) fn run(a: WatchArgs, g: super::Global) -> ExitCode {
    super::finish(watch(a, g.quiet).map(|()| ExitCode::SUCCESS))
}
