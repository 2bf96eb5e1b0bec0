//! `bayan init`.

use std::path::PathBuf;

use clap::Args;

#[derive(Args)]
pub(crate) struct InitArgs {
    /// A new or empty folder.
    pub(crate) dir: PathBuf,
}
