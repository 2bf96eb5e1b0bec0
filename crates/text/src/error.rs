//! The error a command ends with, and the exit code it maps to.
//!
//! Content errors (exit 1) are the user's files being wrong and come as a list of
//! diagnostics; everything else (exit 2) is usage or the environment: a bad flag, a
//! refused `--output`, a disk that would not take a write.

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
}

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// 1 for content, 2 for usage or environment, as SPEC.md fixes them.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Content(_) | Error::Theme(_) => 1,
            Error::Usage(_) | Error::Io { .. } => 2,
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

impl std::error::Error for Error {}

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
}
