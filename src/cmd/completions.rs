//! `bayan completions SHELL` and `bayan man [--dir DIR]`, generated from the command
//! line's own definition so they never drift from it.

use std::path::PathBuf;
use std::process::ExitCode;

pub(crate) fn completions(shell: bayan::cli::Shell, mut cli: clap::Command) -> ExitCode {
    let mut out = Vec::new();
    bayan::cli::completions(shell, &mut cli, &mut out);
    say!("{}", String::from_utf8_lossy(&out).trim_end_matches('\n'));
    ExitCode::SUCCESS
}

pub(crate) fn man(dir: Option<PathBuf>, cli: clap::Command) -> ExitCode {
    super::finish(match dir {
        None => {
            let mut out = Vec::new();
            bayan::cli::man_page(cli, &mut out).map(|()| {
                say!("{}", String::from_utf8_lossy(&out).trim_end_matches('\n'));
                ExitCode::SUCCESS
            })
        }
        Some(d) => bayan::cli::man_pages_to(cli, &d).map(|()| ExitCode::SUCCESS),
    })
}
