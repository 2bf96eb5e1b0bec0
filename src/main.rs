//! The `bayan` command: parse arguments, call the library, print, exit.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use bayan::diag::Diagnostics;
use bayan::error::Error;
use clap::{Args, Parser, Subcommand, ValueEnum};

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

#[derive(Args)]
struct BuildArgs {
    /// The site's root folder (holding content/).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where to write the site [default: ROOT/output].
    #[arg(long)]
    output: Option<PathBuf>,
    /// Replace site.yaml's base_url (e.g. for a preview deployment).
    #[arg(long)]
    base_url: Option<String>,
    /// Include drafts.
    #[arg(long)]
    drafts: bool,
    /// Split the sitemap into an index past this many URLs (tests use a small one).
    #[arg(long, default_value_t = 50_000, hide = true)]
    sitemap_max_urls: usize,
}

#[derive(Args)]
struct WatchArgs {
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where to write the site [default: ROOT/output].
    #[arg(long)]
    output: Option<PathBuf>,
    /// Include drafts.
    #[arg(long)]
    drafts: bool,
}

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    watch: WatchArgs,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8000)]
    port: u16,
    /// Address to listen on; anything but loopback exposes drafts to the network.
    #[arg(long, default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
}

#[derive(Args)]
struct CheckArgs {
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Check drafts as strictly as published advisories.
    #[arg(long)]
    drafts: bool,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Args)]
struct NewArgs {
    /// The incident's id: lower-case letters, digits and hyphens.
    slug: String,
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

#[derive(Args)]
struct InitArgs {
    /// A new or empty folder.
    dir: PathBuf,
}

#[derive(Args)]
struct SchemaArgs {
    /// A site whose languages and vocabulary to use [default: en and ar, built-ins].
    #[arg(long)]
    root: Option<PathBuf>,
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

fn print_warnings(w: &Diagnostics, quiet: bool, verbose: bool) {
    if quiet {
        return;
    }
    let items = w.items();
    if items.is_empty() {
        return;
    }
    if verbose {
        for d in items {
            eprintln!("{d}");
        }
    } else {
        for d in items.iter().take(20) {
            eprintln!("{d}");
        }
        if items.len() > 20 {
            eprintln!(
                "… and {} more (--verbose shows all)",
                bayan::plural::en(items.len() - 20, "warning", "warnings")
            );
        }
    }
}

fn build(a: BuildArgs, quiet: bool, verbose: bool) -> Result<(), Error> {
    let start = Instant::now();
    let tty = std::io::stderr().is_terminal();
    if tty && !quiet {
        eprint!("building {} …\r", a.root.display());
        let _ = std::io::stderr().flush();
    }
    let opts = bayan::BuildOptions {
        root: a.root,
        output: a.output,
        base_url: a.base_url,
        drafts: a.drafts,
        now: now_from_env()?,
        render: bayan::render::Options {
            sitemap_max_urls: a.sitemap_max_urls,
            ..Default::default()
        },
    };
    let r = bayan::build(&opts);
    if tty && !quiet {
        eprint!("\x1b[2K");
    }
    let r = r?;
    print_warnings(&r.warnings, quiet, verbose);
    if verbose {
        for (step, t) in &r.timings {
            eprintln!("{step}: {} ms", t.as_millis());
        }
    }
    if !quiet {
        println!(
            "built {}: {} files ({} KiB) in {} in {} ms",
            bayan::plural::en(r.incidents, "advisory", "advisories"),
            r.report.files,
            r.report.bytes / 1024,
            r.output.display(),
            start.elapsed().as_millis()
        );
    }
    Ok(())
}

fn check(a: CheckArgs, quiet: bool, verbose: bool) -> Result<ExitCode, Error> {
    let result = bayan::check(&bayan::BuildOptions {
        root: a.root.clone(),
        drafts: a.drafts,
        now: now_from_env()?,
        ..Default::default()
    });
    match a.format {
        Format::Text => {
            let w = match result {
                Ok(w) => w,
                // `check` writes nothing, so its summary does not say "nothing was
                // written" as a failed build's does.
                Err(Error::Content(diags)) => {
                    for d in &diags {
                        eprintln!("{d}");
                    }
                    let n = diags
                        .iter()
                        .filter(|d| d.severity == bayan::diag::Severity::Error)
                        .count();
                    eprintln!("{} found", bayan::plural::en(n, "error", "errors"));
                    return Ok(ExitCode::from(1));
                }
                Err(other) => return Err(other),
            };
            print_warnings(&w, quiet, verbose);
            if !quiet {
                println!(
                    "no errors ({})",
                    bayan::plural::en(w.items().len(), "warning", "warnings")
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Format::Json => {
            let (items, code) = match result {
                Ok(w) => (w.into_vec(), None),
                Err(Error::Content(d)) => (d, Some(1u8)),
                Err(other) => return Err(other),
            };
            // serde_json escapes C0 but leaves DEL, C1 and bidi controls raw.
            let json = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into());
            println!("{}", bayan::spoof::escape_json_output(&json));
            // The report is on stdout; the exit code alone says whether it failed.
            Ok(if code.is_some() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}

fn live_options(a: &WatchArgs) -> Result<bayan::BuildOptions, Error> {
    Ok(bayan::BuildOptions {
        root: a.root.clone(),
        output: a.output.clone(),
        drafts: a.drafts,
        now: now_from_env()?,
        ..Default::default()
    })
}

/// Prints a rebuild: errors and warnings on stderr, the summary line on stdout.
fn report(o: &bayan::live::Outcome, quiet: bool) {
    if let Some(err) = &o.error {
        eprintln!("{err}");
    }
    if !quiet {
        for w in o.warnings.items().iter().take(20) {
            eprintln!("{w}");
        }
        println!("{}", o.line());
    }
}

fn watch(a: WatchArgs, quiet: bool) -> Result<(), Error> {
    let (mut live, first) = bayan::live::Live::start(&live_options(&a)?)?;
    report(&first, quiet);
    let mut changes = bayan::watch::Changes::watch(&a.root)?;
    if !quiet {
        println!("watching {} for changes (Ctrl-C to stop)", a.root.display());
    }
    bayan::watch::run(&mut live, &mut changes, |o| report(o, quiet))
}

fn serve(a: ServeArgs, quiet: bool) -> Result<(), Error> {
    let listener = bayan::serve::bind(std::net::SocketAddr::new(a.bind, a.port))?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::Usage(format!("cannot listen: {e}")))?;
    let (mut live, first) = bayan::live::Live::start(&live_options(&a.watch)?)?;
    report(&first, quiet);
    let (out, base) = bayan::serve::site_paths(&live);
    let shared = bayan::serve::Shared::new(out, base.clone(), a.bind);
    if first.error.is_some() {
        shared.rebuilt(&first);
    }
    let mut changes = bayan::watch::Changes::watch(&a.watch.root)?;
    let for_watch = shared.clone();
    std::thread::spawn(move || {
        let result = bayan::watch::run(&mut live, &mut changes, |o| {
            // The server's state first, then the line: whoever reads the line
            // and asks for a page sees what it says.
            for_watch.rebuilt(o);
            report(o, quiet);
        });
        if let Err(e) = result {
            eprintln!("{e}");
            std::process::exit(2);
        }
    });
    // Always printed, even with --quiet: it is how a person (or a test) finds the site.
    println!("serving http://{addr}{base} (Ctrl-C to stop)");
    bayan::serve::run(listener, shared)
}

fn schema(a: SchemaArgs) -> Result<(), Error> {
    let value = match a.root {
        Some(root) => {
            let config = bayan::config::Config::load(&root, None)?;
            let theme = bayan::theme::Theme::load(&config)?;
            let vocab = bayan::vocabulary::Vocabulary::new(
                theme.class_labels(&config.languages),
                &config.vocabulary,
            );
            let ids: Vec<&str> = vocab.ids().collect();
            bayan::schema::incident(&config.languages, &ids)
        }
        None => {
            let langs = [
                bayan::lang::Lang::parse("en"),
                bayan::lang::Lang::parse("ar"),
            ];
            let langs: Vec<_> = langs.into_iter().flatten().collect();
            bayan::schema::incident(&langs, bayan::vocabulary::BUILTIN)
        }
    };
    println!(
        "{}",
        serde_json::to_string_pretty(&value).unwrap_or_default()
    );
    Ok(())
}

/// `SOURCE_DATE_EPOCH` when set (reproducible builds); `None` lets the library
/// read the clock at each load.
fn now_from_env() -> Result<Option<jiff::Timestamp>, Error> {
    use jiff::Timestamp;
    let parsed = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => v
            .trim()
            .parse::<i64>()
            .map_err(|_| format!("SOURCE_DATE_EPOCH=`{v}` is not a number of seconds"))
            .and_then(|secs| {
                Timestamp::from_second(secs).map_err(|e| format!("SOURCE_DATE_EPOCH=`{v}`: {e}"))
            }),
        Err(_) => return Ok(None),
    };
    parsed.map(Some).map_err(Error::Usage)
}
