//! `bayan theme strings`: every interface string a site can override, with its default.

use std::process::ExitCode;

use clap::Subcommand;

#[derive(Subcommand)]
pub(crate) enum ThemeCommand {
    /// Print every interface string a site can override, with its default.
    Strings {
        /// The language's strings [default: en].
        #[arg(long)]
        lang: Option<String>,
    },
}

pub(crate) fn run(c: ThemeCommand, _g: super::Global) -> ExitCode {
    match c {
        ThemeCommand::Strings { lang } => {
            super::finish(bayan::cli::theme_strings(lang.as_deref()).map(|s| {
                say!("{}", s.trim_end_matches('\n'));
                ExitCode::SUCCESS
            }))
        }
    }
}
