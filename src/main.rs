//! The `bayan` command: parse arguments, call the library, print, exit.

use std::process::ExitCode;

#[macro_use]
mod cmd;

use std::path::PathBuf;

use clap::{CommandFactory, Parser, Subcommand};
use cmd::build::BuildArgs;
use cmd::check::CheckArgs;
use cmd::init::InitArgs;
use cmd::new::NewArgs;
use cmd::notice::NoticeArgs;
use cmd::schema::SchemaArgs;
#[cfg(feature = "serve")]
use cmd::serve::ServeArgs;
use cmd::watch::WatchArgs;

#[derive(Parser)]
#[command(
    name = "bayan",
    version,
    about = "Bilingual Arabic/English security advisory sites from incident records",
    after_help = format!(
        "The user guide (every field, flag and error, and how to deploy) is the mdBook in bayan's source, {} (`mdbook serve guide` to read it).",
        bayan::cli::GUIDE
    )
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print nothing but errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print every warning and each step.
    #[arg(short, long, global = true)]
    verbose: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Validate everything, then write the whole site; on any error write nothing.
    Build(BuildArgs),
    /// Validate only, reporting every error found.
    Check(CheckArgs),
    /// Build, then rebuild what changed on every save.
    Watch(WatchArgs),
    #[cfg(feature = "serve")]
    /// Build, serve the site on 127.0.0.1 at base_url's path, rebuild on save and
    /// reload open pages.
    Serve(ServeArgs),
    /// Write an advisory's e-mail and SMS notices, ready to send, into ROOT/notices/ID/.
    Notice(NoticeArgs),
    /// Scaffold content/incidents/SLUG/ as a draft with every field.
    New(NewArgs),
    /// Create a new site with content/site.yaml and one example incident.
    Init(InitArgs),
    /// Print the JSON Schema of incident.yaml for the site's languages.
    Schema(SchemaArgs),
    /// Record that every language of an advisory says the same now, so a later
    /// change to one language alone is reported as the others' lag.
    Translated(cmd::translated::TranslatedArgs),
    /// The theme's interface strings.
    #[command(subcommand)]
    Theme(cmd::theme::ThemeCommand),
    /// Print a shell completion script for bash, zsh, fish or powershell.
    Completions { shell: bayan::cli::Shell },
    /// Print the man page (roff), or write one per command into --dir.
    Man {
        /// Write bayan.1 and bayan-<command>.1 into this folder instead.
        #[arg(long)]
        dir: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let g = cmd::Global {
        quiet: cli.quiet,
        verbose: cli.verbose,
    };
    match cli.command {
        Command::Build(a) => cmd::build::run(a, g),
        Command::Check(a) => cmd::check::run(a, g),
        Command::Watch(a) => cmd::watch::run(a, g),
        #[cfg(feature = "serve")]
        Command::Serve(a) => cmd::serve::run(a, g),
        Command::Notice(a) => cmd::notice::run(a, g),
        Command::New(a) => cmd::new::run(a, g),
        Command::Init(a) => cmd::init::run(a, g),
        Command::Schema(a) => cmd::schema::run(a, g),
        Command::Translated(a) => cmd::translated::run(a, g),
        Command::Theme(c) => cmd::theme::run(c, g),
        Command::Completions { shell } => cmd::completions::completions(shell, Cli::command()),
        Command::Man { dir } => cmd::completions::man(dir, Cli::command()),
    }
}
