//! `bayan new`.

use std::path::PathBuf;

use clap::Args;

#[derive(Args)]
pub(crate) struct NewArgs {
    /// The incident's id: lower-case letters, digits and hyphens.
    pub(crate) slug: String,
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
}
