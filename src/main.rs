//! The `bayan` command: parse arguments, call the library, print, exit.

use std::process::ExitCode;

mod cmd;

use clap::{Parser, Subcommand};
use cmd::build::{BuildArgs, build};
use cmd::check::{CheckArgs, check};
use cmd::init::InitArgs;
use cmd::new::NewArgs;
use cmd::schema::{SchemaArgs, schema};
use cmd::serve::{ServeArgs, serve};
use cmd::watch::{WatchArgs, watch};

#[derive(Parser)]
#[command(
    name = "bayan",
    version,
    about = "Bilingual Arabic/English security advisory sites from incident records"
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
    /// Build, serve the site on 127.0.0.1 at base_url's path, rebuild on save and
    /// reload open pages.
    Serve(ServeArgs),
    /// Scaffold content/incidents/SLUG/ as a draft with every field.
    New(NewArgs),
    /// Create a new site with content/site.yaml and one example incident.
    Init(InitArgs),
    /// Print the JSON Schema of incident.yaml for the site's languages.
    Schema(SchemaArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let quiet = cli.quiet;
    let verbose = cli.verbose;
    let result = match cli.command {
        Command::Build(a) => build(a, quiet, verbose).map(|()| ExitCode::SUCCESS),
        Command::Check(a) => check(a, quiet, verbose),
        Command::Watch(a) => watch(a, quiet).map(|()| ExitCode::SUCCESS),
        Command::Serve(a) => serve(a, quiet).map(|()| ExitCode::SUCCESS),
        Command::New(a) => bayan::scaffold::new_incident(&a.root, &a.slug).map(|dir| {
            if !quiet {
                println!(
                    "created {} (a draft: set `draft: false` once every TODO is replaced)",
                    dir.display()
                );
            }
            ExitCode::SUCCESS
        }),
        Command::Init(a) => bayan::scaffold::init(&a.dir).map(|()| {
            if !quiet {
                println!(
                    "created a site in {}; build it with: bayan build --root {}",
                    a.dir.display(),
                    a.dir.display()
                );
            }
            ExitCode::SUCCESS
        }),
        Command::Schema(a) => schema(a).map(|()| ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(e.exit_code())
        }
    }
}
