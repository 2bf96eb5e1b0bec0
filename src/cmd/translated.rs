//! `bayan translated ID`.

use std::process::ExitCode;

use clap::Args;

#[derive(Args)]
pub(crate) struct TranslatedArgs {
    /// The advisory whose languages now say the same: its folder's name.
    pub(crate) id: String,
    #[command(flatten)]
    pub(crate) root: super::RootArg,
}

pub(crate) fn run(a: TranslatedArgs, g: super::Global) -> ExitCode {
    super::finish(bayan::translated(&a.root.root, &a.id).map(|file| {
        if !g.quiet {
            say!("recorded every language of {} in {file}", a.id);
        }
        ExitCode::SUCCESS
    }))
}
