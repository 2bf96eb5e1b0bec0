//! The error a command ends with, and the exit code it maps to.
//!
//! Content errors (exit 1) are the user's files being wrong and come as a list of
//! diagnostics; everything else (exit 2) is usage or the environment: a bad flag, a
//! refused `--output`, a disk that would not take a write.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;

#[derive(Debug)]
pub enum Error {
    /// The site's content is wrong; every problem found is listed.
    Content(Vec<Diagnostic>),
    /// Bad arguments or a refused operation.
    Usage(String),
    /// A file operation failed on something that is not the user's content.
    Io {
        path: PathBuf,
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
            Error::Usage(msg) => write!(f, "error: {msg}"),
            Error::Io { path, source } => write!(f, "error: {}: {source}", path.display()),
            Error::Theme(msg) => write!(f, "error: {msg}"),
        }
    }
}

impl std::error::Error for Error {}
