//! `bayan init`.

use std::path::PathBuf;

use std::process::ExitCode;

use clap::Args;

#[derive(Args)]
pub(crate) struct InitArgs {
    /// A new or empty folder.
    pub(crate) dir: PathBuf,
    /// Also write a CI workflow that checks, builds and deploys the site.
    #[arg(long, value_enum)]
    pub(crate) ci: Option<bayan::cli::Ci>,
    /// The site's languages, the default first [default: en,ar]. The starter is
    /// written in en, ar and ur; other languages get TODO texts to fill in.
    #[arg(long, value_delimiter = ',', value_name = "LANG,…")]
    pub(crate) languages: Vec<String>,
}

pub(crate) fn run(a: InitArgs, g: super::Global) -> ExitCode {
    super::finish(bayan::cli::init(&a.dir, a.ci, &a.languages).map(|untranslated| {
        if !g.quiet {
            say!(
                "created a site in {}; build it with: bayan build --root {}",
                a.dir.display(),
                a.dir.display()
            );
            for lang in untranslated {
                say!(
                    "the starter is not written in `{lang}`: write its texts where content/site.yaml and the example say `TODO` (`bayan check --root {} --drafts` lists each), and give the theme its interface strings: `bayan theme strings --lang en > themes/default/i18n/{lang}.yaml`, translated",
                    a.dir.display()
                );
            }
        }
        ExitCode::SUCCESS
    }))
}
