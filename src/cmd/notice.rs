//! `bayan notice ID`: an advisory's e-mail and SMS notices, ready to send.

use std::path::PathBuf;
use std::process::ExitCode;

use bayan::Error;
use clap::Args;

use super::{now_from_env, print_warnings};

#[derive(Args)]
pub(crate) struct NoticeArgs {
    /// The advisory's id (its folder's name under content/incidents/).
    pub(crate) id: String,
    #[command(flatten)]
    pub(crate) site: super::SiteArgs,
    /// Where to write the notices [default: ROOT/notices/ID].
    #[arg(long)]
    pub(crate) output: Option<PathBuf>,
}

fn notice(a: NoticeArgs, quiet: bool, verbose: bool) -> Result<(), Error> {
    let opts = a.site.options(now_from_env()?);
    let (notices, loaded, dir) = bayan::notices(&opts, &a.id, a.output.as_deref())?;
    print_warnings(&loaded.warnings, quiet, verbose);
    if notices.unpublished && !quiet {
        tell!(
            "warning: `{}` is not published yet: the address in its notices leads nowhere until it is",
            a.id
        );
    }
    for s in &notices.sms {
        if s.shortened && !quiet {
            tell!(
                "warning: the {lang} SMS uses the theme's short sentence (`notice_sms_short`): the one with the title needs more than {max} parts",
                lang = s.lang,
                max = bayan::cli::SMS_MAX_SEGMENTS
            );
        }
    }
    if !quiet {
        for s in &notices.sms {
            say!(
                "{lang}.sms.txt: {parts} ({enc}, {units} of {cap})",
                lang = s.lang,
                parts = bayan::cli::plural_en(s.count.segments, "SMS part", "SMS parts"),
                enc = s.count.encoding.as_str(),
                units = s.count.units,
                cap = s.count.capacity(),
            );
        }
        say!(
            "wrote {} into {}",
            bayan::cli::plural_en(notices.files.len(), "file", "files"),
            dir.display()
        );
    }
    Ok(())
}

pub(crate) fn run(a: NoticeArgs, g: super::Global) -> ExitCode {
    super::finish(notice(a, g.quiet, g.verbose).map(|()| ExitCode::SUCCESS))
}
