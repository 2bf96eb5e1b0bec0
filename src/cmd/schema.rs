//! `bayan schema`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

#[derive(Args)]
pub(crate) struct SchemaArgs {
    /// A site whose languages and vocabulary to use [default: en and ar, built-ins].
    #[arg(long)]
    pub(crate) root: Option<PathBuf>,
}

pub(crate) fn run(a: SchemaArgs, _: super::Global) -> ExitCode {
    super::finish(bayan::schema_for(a.root.as_deref()).map(|value| {
        say!(
            "{}",
            serde_json::to_string_pretty(&value).unwrap_or_default()
        );
        ExitCode::SUCCESS
    }))
}
