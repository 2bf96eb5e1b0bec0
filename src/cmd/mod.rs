//! One file per command: its arguments and what it does.

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod init;
pub(crate) mod new;
pub(crate) mod schema;
pub(crate) mod serve;
pub(crate) mod watch;

use bayan::diag::Diagnostics;
use bayan::error::Error;

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
