//! The error a command ends with, and the exit code it maps to.
//!
//! Content errors (exit 1) are the user's files being wrong and come as a list of
//! diagnostics; everything else (exit 2) is usage or the environment: a bad flag, a
//! refused `--output`, a disk that would not take a write, a port already taken,
//! or (never meant to happen) a fault of bayan's own. The operating system's
//! error stays attached as the [`std::error::Error::source`] of `Io` and `Server`.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;

/// Why a command failed: the user's content (exit 1), or usage or the
/// environment (exit 2).
#[derive(Debug)]
pub enum Error {
    /// The site's content is wrong; every problem found is listed.
    Content(Vec<Diagnostic>),
    /// Bad arguments or a refused operation.
    Usage(String),
    /// A file operation failed on something that is not the user's content.
    Io {
        /// The file or folder the operation was on.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// A theme's template failed to parse or render.
    Theme(String),
    /// A service the command runs could not start or stopped: the preview
    /// server's socket, its runtime, the file watcher.
    Server {
        /// What could not be done, e.g. `cannot listen on 127.0.0.1:8000`.
        what: String,
        /// Why, as the operating system or the library said it.
        source: Box<dyn std::error::Error + Send + Sync>,
        /// What the user can do about it, if anything (`choose another --port`).
        hint: Option<String>,
    },
    /// A fault of bayan's own, not of the input or the machine: a state the
    /// code holds impossible. Reported, never a panic.
    Internal(String),
}

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// A [`Error::Server`] failure.
    pub fn server(
        what: impl Into<String>,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Error::Server {
            what: what.into(),
            source: source.into(),
            hint: None,
        }
    }

    /// 1 for content, 2 for usage or environment, as SPEC.md fixes them.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Content(_) | Error::Theme(_) => 1,
            Error::Usage(_) | Error::Io { .. } | Error::Server { .. } | Error::Internal(_) => 2,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Content(diags) => {
                for d in diags {
                    writeln!(f, "{d}")?;
                }
                let errors = diags
                    .iter()
                    .filter(|d| d.severity == crate::diag::Severity::Error)
                    .count();
                let errors = crate::plural::en(errors, "error", "errors");
                write!(f, "{errors}; nothing was written")
            }
            // Theme files and paths are the user's too: their characters are shown
            // escaped, as in diagnostics, keeping the message's own line breaks.
            Error::Usage(msg) => write!(f, "error: {}", esc(msg)),
            Error::Io { path, source } => write!(
                f,
                "error: {}: {}",
                esc(&path.display().to_string()),
                esc(&source.to_string())
            ),
            Error::Theme(msg) => write!(f, "error: {}", esc(msg)),
            Error::Server { what, source, hint } => {
                write!(f, "error: {}: {}", esc(what), esc(&source.to_string()))?;
                match hint {
                    Some(h) => write!(f, "; {}", esc(h)),
                    None => Ok(()),
                }
            }
            Error::Internal(msg) => write!(
                f,
                "error: internal: {} (a bug in bayan, not in your files; please report it)",
                esc(msg)
            ),
        }
    }
}

/// Escapes for a terminal, line by line.
fn esc(s: &str) -> String {
    s.split('\n')
        .map(crate::spoof::escape_for_terminal)
        .collect::<Vec<_>>()
        .join("\n")
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            Error::Server { source, .. } => Some(source.as_ref()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_escapes_in_theme_and_usage_errors_are_escaped() {
        let e = Error::Theme("in theme `x\u{1b}[2J`:\nline \u{202E}two".into());
        assert_eq!(
            e.to_string(),
            "error: in theme `x\\u{1b}[2J`:\nline \\u{202e}two"
        );
        let e = Error::Usage("--output \u{9b}31m".into());
        assert_eq!(e.to_string(), "error: --output \\u{9b}31m");
    }

    /// Issue 25: the operating system's error was flattened into a string, and
    /// faults of bayan's own were reported as usage errors.
    #[test]
    fn io_and_server_errors_keep_their_source_and_internal_faults_say_so() {
        use std::error::Error as _;
        let os = || std::io::Error::new(std::io::ErrorKind::AddrInUse, "address in use");
        let e = Error::io(Path::new("out/a.html"), os());
        assert_eq!(
            e.source().map(ToString::to_string).as_deref(),
            Some("address in use")
        );
        let mut e = Error::server("cannot listen on 127.0.0.1:8000", os());
        assert_eq!(
            e.source().map(ToString::to_string).as_deref(),
            Some("address in use")
        );
        if let Error::Server { hint, .. } = &mut e {
            *hint = Some("choose another --port".into());
        }
        assert_eq!(
            e.to_string(),
            "error: cannot listen on 127.0.0.1:8000: address in use; choose another --port"
        );
        assert_eq!(e.exit_code(), 2);
        let e = Error::Internal("no site after a good load".into());
        assert!(e.source().is_none());
        assert!(e.to_string().contains("a bug in bayan"), "{e}");
        assert_eq!(e.exit_code(), 2);
        assert!(Error::Usage("x".into()).source().is_none());
    }
}
