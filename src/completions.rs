//! `bayan completions SHELL` and `bayan man`: shell completion scripts and man pages,
//! generated from the same argument definitions the command parses with, so they
//! cannot drift from it.

use std::io::Write;
use std::path::Path;

use bayan_text::error::Error;

pub use clap_complete::Shell;

/// Writes the completion script for `shell` to `out`.
pub fn completions(shell: Shell, cmd: &mut clap::Command, out: &mut dyn Write) {
    let name = cmd.get_name().to_owned();
    clap_complete::generate(shell, cmd, name, out);
}

/// Writes the man page of `cmd` (section 1, roff) to `out`.
pub fn man_page(cmd: clap::Command, out: &mut dyn Write) -> Result<(), Error> {
    clap_mangen::Man::new(cmd)
        .render(out)
        .map_err(|e| Error::Usage(format!("cannot write the man page: {e}")))
}

/// Writes `bayan.1` and a page per subcommand (`bayan-build.1`, …) into `dir`.
pub fn man_pages_to(cmd: clap::Command, dir: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    clap_mangen::generate_to(cmd, dir).map_err(|e| Error::io(dir, e))
}
