//! `bayan schema`.

use std::path::PathBuf;

use bayan::error::Error;
use clap::Args;

#[derive(Args)]
pub(crate) struct SchemaArgs {
    /// A site whose languages and vocabulary to use [default: en and ar, built-ins].
    #[arg(long)]
    pub(crate) root: Option<PathBuf>,
}

pub(crate) fn schema(a: SchemaArgs) -> Result<(), Error> {
    let value = match a.root {
        Some(root) => {
            let config = bayan::config::Config::load(&root, None)?;
            let theme = bayan::theme::Theme::load(&config)?;
            let vocab = bayan::vocabulary::Vocabulary::new(
                theme.class_labels(&config.languages),
                &config.vocabulary,
            );
            let ids: Vec<&str> = vocab.ids().collect();
            bayan::schema::incident(&config.languages, &ids)
        }
        None => {
            let langs = [
                bayan::lang::Lang::parse("en"),
                bayan::lang::Lang::parse("ar"),
            ];
            let langs: Vec<_> = langs.into_iter().flatten().collect();
            bayan::schema::incident(&langs, bayan::vocabulary::BUILTIN)
        }
    };
    println!(
        "{}",
        serde_json::to_string_pretty(&value).unwrap_or_default()
    );
    Ok(())
}
