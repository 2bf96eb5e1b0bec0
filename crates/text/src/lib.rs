//! bayan's safe text: the bottom layer, knowing nothing of advisories as a whole.
//!
//! Markdown to safe HTML and its bidi isolation, the checks against hidden,
//! reordering and look-alike characters (`spoof`), dates in every calendar and
//! digit system a site uses, the YAML reader with its budgets, diagnostics with
//! file, line and column, SVG checks, file reading inside the site, and the
//! addresses every page is built on (base URL, routes, advisory ids).
//!
//! Layers above: `bayan_site` (the content model and its checks), `bayan_render`
//! (pages, feeds, notices) and the `bayan` application.

pub mod base_url;
pub mod bidi;
pub mod dates;
pub mod diag;
pub mod error;
pub mod fsx;
pub mod ids;
pub mod lang;
pub mod mailbox;
pub mod markdown;
pub mod plural;
pub mod routes;
pub mod spoof;
pub mod svg;
pub mod yaml;

pub use diag::{Diagnostic, Diagnostics, Severity};
pub use error::Error;
