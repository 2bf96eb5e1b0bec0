//! `bayan new`.

use std::path::PathBuf;

use std::process::ExitCode;

use clap::Args;

#[derive(Args)]
pub(crate) struct NewArgs {
    /// The incident's id: lower-case letters, digits and hyphens.
    pub(crate) slug: String,
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
}

pub(crate) fn run(a: NewArgs, g: super::Global) -> ExitCode {
    super::finish(bayan::cli::new_incident(&a.root, &a.slug).map(|dir| {
        if !g.quiet {
            say!(
                "created {} (a draft: set `draft: false` once every TODO is replaced)",
                dir.display()
            );
        }
        ExitCode::SUCCESS
    }))
}
