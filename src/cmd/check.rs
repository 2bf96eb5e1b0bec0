//! `bayan check`.

use std::process::ExitCode;

use bayan::Error;
use bayan::Law;
use clap::{Args, ValueEnum};

use super::{now_from, print_warnings};

#[derive(Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub(crate) site: super::SiteArgs,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,
    /// Check every published advisory against these laws' notice to individuals
    /// (gdpr, uk-gdpr, sa-pdpl, ca, jo-pdpl), and print what no program can judge.
    #[arg(long, value_name = "LAW,…", value_delimiter = ',', value_parser = parse_law)]
    pub(crate) law: Vec<Law>,
    /// Check this advisory as if it were published (every `TODO` is an error);
    /// exit 1 while it is not ready.
    #[arg(long, value_name = "ID")]
    pub(crate) ready: Option<String>,
    /// Check as of this instant (RFC 3339, e.g. 2026-03-02T09:00:00+03:00)
    /// instead of now: what goes out by then counts as published.
    #[arg(long, value_name = "TIME")]
    pub(crate) now: Option<String>,
    /// Fail on translation lag (a language that may lag behind another since
    /// `bayan translated`), which is otherwise a warning.
    #[arg(long)]
    pub(crate) strict: bool,
}

fn parse_law(s: &str) -> Result<Law, String> {
    Law::parse(s).ok_or_else(|| format!("unknown law `{s}`; known laws: {}", Law::known()))
}

/// What no program can judge, per law asked for: on stdout beside the text
/// report, on stderr beside the JSON one (whose stdout is one JSON array).
fn print_checklist(laws: &[Law], json: bool) {
    for law in laws {
        let mut lines = vec![format!("{law}: {}: also check by hand that", law.title())];
        lines.extend(law.checklist().iter().map(|item| format!("  [ ] {item}")));
        for line in lines {
            if json {
                tell!("{line}");
            } else {
                say!("{line}");
            }
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum Format {
    Text,
    Json,
}

pub(crate) fn check(a: CheckArgs, quiet: bool, verbose: bool) -> Result<ExitCode, Error> {
    let opts = bayan::BuildOptions {
        laws: a.law.clone(),
        strict: a.strict,
        ..a.site.options(now_from(a.now.as_deref())?)
    };
    let result = match &a.ready {
        Some(id) => bayan::check_ready(&opts, id),
        None => bayan::check(&opts),
    };
    let code = report(result, a.format, quiet, verbose, a.ready.as_deref())?;
    // After the findings, so it is the last thing a reader sees.
    if !quiet {
        print_checklist(&a.law, matches!(a.format, Format::Json));
    }
    Ok(code)
}

fn report(
    result: Result<bayan::Checked, Error>,
    format: Format,
    quiet: bool,
    verbose: bool,
    ready: Option<&str>,
) -> Result<ExitCode, Error> {
    // `-q`: errors only, in text and JSON alike.
    let shown = |d: &bayan::Diagnostic| !quiet || d.severity == bayan::Severity::Error;
    match format {
        Format::Text => {
            let checked = match result {
                Ok(c) => c,
                // `check` writes nothing, so its summary does not say "nothing was
                // written" as a failed build's does.
                Err(Error::Content(diags)) => {
                    for d in diags.iter().filter(|d| shown(d)) {
                        tell!("{d}");
                    }
                    let n = diags
                        .iter()
                        .filter(|d| d.severity == bayan::Severity::Error)
                        .count();
                    tell!("{} found", bayan::cli::plural_en(n, "error", "errors"));
                    return Ok(ExitCode::from(1));
                }
                Err(other) => return Err(other),
            };
            let w = checked.warnings;
            print_warnings(&w, quiet, verbose);
            if !quiet {
                for (id, when) in &checked.scheduled {
                    say!("scheduled: {id} goes out {when} (built only with --drafts until then)");
                }
                if let Some(id) = ready {
                    say!("{id} is ready to publish");
                }
                say!(
                    "no errors ({})",
                    bayan::cli::plural_en(w.items().len(), "warning", "warnings")
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Format::Json => {
            let (items, code) = match result {
                Ok(c) => (c.warnings.into_vec(), None),
                Err(Error::Content(d)) => (d, Some(1u8)),
                Err(other) => return Err(other),
            };
            let items: Vec<_> = items.into_iter().filter(|d| shown(d)).collect();
            // serde_json escapes C0 but leaves DEL, C1 and bidi controls raw.
            let json = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into());
            say!("{}", bayan::cli::escape_json_output(&json));
            // The report is on stdout; the exit code alone says whether it failed.
            Ok(if code.is_some() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}

pub(crate) fn run(a: CheckArgs, g: super::Global) -> ExitCode {
    super::finish(check(a, g.quiet, g.verbose))
}
