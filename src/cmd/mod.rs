//! One file per command: its arguments and what it does, as `run() -> ExitCode`.
//!
//! Commands print through [`say!`] and [`tell!`], never `println!`: a closed pipe
//! (`bayan schema | head -c1`) ends the command quietly instead of panicking.

use std::io::Write as _;
use std::process::ExitCode;

/// A line on standard output. If the reader has gone (a closed pipe) the command
/// ends at once with status 0, as a Unix tool that lost its reader does; any
/// other write error is reported and ends it with status 2.
macro_rules! say {
    ($($t:tt)*) => { $crate::cmd::stdout_line(format_args!($($t)*)) };
}

/// A line on standard error; nothing is left to report a failure to, so one is
/// ignored.
macro_rules! tell {
    ($($t:tt)*) => { $crate::cmd::stderr_text(format_args!($($t)*), true) };
}

/// Text on standard error without a line break (a progress line).
macro_rules! tell_raw {
    ($($t:tt)*) => { $crate::cmd::stderr_text(format_args!($($t)*), false) };
}

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod completions;
pub(crate) mod init;
pub(crate) mod new;
pub(crate) mod notice;
pub(crate) mod schema;
#[cfg(feature = "serve")]
pub(crate) mod serve;
pub(crate) mod theme;
pub(crate) mod translated;
pub(crate) mod watch;

use bayan::Diagnostics;
use bayan::Error;

pub(crate) fn stdout_line(args: std::fmt::Arguments) {
    let mut out = std::io::stdout().lock();
    let written = out
        .write_fmt(args)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
    match written {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => {
            stderr_text(
                format_args!("error: cannot write to standard output: {e}"),
                true,
            );
            std::process::exit(2)
        }
    }
}

pub(crate) fn stderr_text(args: std::fmt::Arguments, line: bool) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_fmt(args);
    if line {
        let _ = err.write_all(b"\n");
    }
    let _ = err.flush();
}

/// `--root`: the site a command reads, declared once for every command.
#[derive(clap::Args, Debug, Clone)]
pub(crate) struct RootArg {
    /// The site's root folder (holding content/).
    #[arg(long, default_value = ".")]
    pub(crate) root: std::path::PathBuf,
}

/// `--root` and `--drafts`: the options shared by the commands that load the
/// whole site (build, check, watch, serve, notice), flattened into each.
#[derive(clap::Args, Debug, Clone)]
pub(crate) struct SiteArgs {
    #[command(flatten)]
    pub(crate) root: RootArg,
    /// Include drafts and advisories scheduled for later: build, watch and serve
    /// publish them in a preview, check holds them to the published rules, notice
    /// writes theirs for review.
    #[arg(long)]
    pub(crate) drafts: bool,
}

impl SiteArgs {
    /// The pipeline's options for this site, `now` as given.
    pub(crate) fn options(&self, now: Option<jiff::Timestamp>) -> bayan::BuildOptions {
        bayan::BuildOptions {
            root: self.root.root.clone(),
            drafts: self.drafts,
            now,
            ..Default::default()
        }
    }
}

/// The options every command takes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Global {
    pub(crate) quiet: bool,
    pub(crate) verbose: bool,
}

/// What every command ends with: its status, or its error printed and the
/// error's status.
pub(crate) fn finish(result: Result<ExitCode, Error>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(e) => {
            tell!("{e}");
            ExitCode::from(e.exit_code())
        }
    }
}

pub(crate) fn print_warnings(w: &Diagnostics, quiet: bool, verbose: bool) {
    if quiet {
        return;
    }
    let items = w.items();
    if items.is_empty() {
        return;
    }
    if verbose {
        for d in items {
            tell!("{d}");
        }
    } else {
        for d in items.iter().take(20) {
            tell!("{d}");
        }
        if items.len() > 20 {
            tell!(
                "… and {} more (--verbose shows all)",
                bayan::cli::plural_en(items.len() - 20, "warning", "warnings")
            );
        }
    }
}

/// `--now TIME` when given (an RFC 3339 instant: see the site as of then, its
/// scheduled advisories out), else [`now_from_env`].
pub(crate) fn now_from(arg: Option<&str>) -> Result<Option<jiff::Timestamp>, Error> {
    match arg {
        Some(t) => t.trim().parse::<jiff::Timestamp>().map(Some).map_err(|e| {
            Error::Usage(format!(
                "--now `{t}` is not an instant with its offset, such as 2026-03-02T09:00:00+03:00: {e}"
            ))
        }),
        None => now_from_env(),
    }
}

/// `SOURCE_DATE_EPOCH` when set (reproducible builds); `None` lets the library
/// read the clock at each load.
pub(crate) fn now_from_env() -> Result<Option<jiff::Timestamp>, Error> {
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
