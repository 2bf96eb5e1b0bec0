//! `bayan init`.

use std::path::PathBuf;

use std::process::ExitCode;

use clap::Args;

#[derive(Args)]
pub(crate) struct InitArgs {
    /// A new or empty folder.
    pub(crate) dir: PathBuf,
    /// Also write a CI workflow that checks, builds and deploys the site.
    #[arg(long, value_enum)]
    pub(crate) ci: Option<bayan::cli::Ci>,
}

pub(crate) fn run(a: InitArgs, g: super::Global) -> ExitCode {
    super::finish(bayan::cli::init(&a.dir, a.ci).map(|()| {
        if !g.quiet {
            say!(
                "created a site in {}; build it with: bayan build --root {}",
                a.dir.display(),
                a.dir.display()
            );
        }
        ExitCode::SUCCESS
    }))
}
