//! `bayan new`.

use std::process::ExitCode;

use clap::Args;

#[derive(Args)]
pub(crate) struct NewArgs {
    /// The incident's id: lower-case letters, digits and hyphens.
    pub(crate) slug: String,
    #[command(flatten)]
    pub(crate) root: super::RootArg,
}

pub(crate) fn run(a: NewArgs, g: super::Global) -> ExitCode {
    super::finish(bayan::cli::new_incident(&a.root.root, &a.slug).map(|dir| {
        if !g.quiet {
            say!(
                "created {} (a draft: set `draft: false` once every TODO is replaced)",
                dir.display()
            );
        }
        ExitCode::SUCCESS
    }))
}
