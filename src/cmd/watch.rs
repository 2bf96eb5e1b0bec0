//! `bayan watch`, and what `bayan serve` shares with it.

use std::path::PathBuf;

use bayan::Error;
use std::process::ExitCode;

use clap::Args;

use super::now_from;

#[derive(Args)]
pub(crate) struct WatchArgs {
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
    /// Where to write the site [default: ROOT/output].
    #[arg(long)]
    pub(crate) output: Option<PathBuf>,
    /// Include drafts.
    #[arg(long)]
    pub(crate) drafts: bool,
    /// Build as of this instant (RFC 3339, e.g. 2026-03-02T09:00:00+03:00)
    /// instead of now: preview what is out by then.
    #[arg(long, value_name = "TIME")]
    pub(crate) now: Option<String>,
}

pub(crate) fn live_options(a: &WatchArgs) -> Result<bayan::BuildOptions, Error> {
    Ok(bayan::BuildOptions {
        root: a.root.clone(),
        output: a.output.clone(),
        drafts: a.drafts,
        now: now_from(a.now.as_deref())?,
        ..Default::default()
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
    let mut changes = bayan::watch::Changes::watch(&a.root)?;
    if !quiet {
        say!("watching {} for changes (Ctrl-C to stop)", a.root.display());
    }
    bayan::watch::run(&mut live, &mut changes, |o, _| report(o, quiet))
}

pub(crate) fn run(a: WatchArgs, g: super::Global) -> ExitCode {
    super::finish(watch(a, g.quiet).map(|()| ExitCode::SUCCESS))
}
