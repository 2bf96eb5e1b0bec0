//! `content/static/`: the files a site publishes as they are (favicon, logo,
//! CNAME, `_headers`), read and checked when the site loads.

use std::path::Path;

use bayan_text::diag::{Diagnostic, display_path};
use bayan_text::error::Error;

/// One file of `content/static/`: its path there (`/` separated, e.g.
/// `.well-known/security.txt`) and its bytes, published at the same path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// `content/static/` copied as is: favicon, logo, CNAME, `_headers`. Hidden files
/// and folders are refused (a stray `.env` must not be published), except the
/// folder `.well-known/` at the top; so are names with invisible or bidi
/// characters, links leaving `content/`, anything but regular files, and SVGs
/// that could run script.
pub fn load(root: &Path) -> Result<Vec<StaticFile>, Error> {
    let dir = root.join("content/static");
    let mut out = Vec::new();
    if std::fs::symlink_metadata(&dir).is_ok() && !dir.is_dir() {
        return Err(Error::Content(vec![Diagnostic::error(
            "content/static",
            "",
            "must be a folder of files to publish, not a file",
        )]));
    }
    if !dir.is_dir() {
        return Ok(out);
    }
    bayan_text::fsx::check_inside(root, &dir).map_err(|d| Error::Content(vec![d]))?;
    let mut diags = Vec::new();
    let mut walker = walkdir::WalkDir::new(&dir)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter();
    while let Some(e) = walker.next() {
        let e = match e {
            Ok(e) => e,
            Err(err) => {
                let file = err
                    .path()
                    .map_or_else(|| "content/static".to_owned(), |p| display_path(root, p));
                let msg = err
                    .io_error()
                    .map_or_else(|| err.to_string(), bayan_text::fsx::io_message);
                diags.push(Diagnostic::error(&file, "", msg));
                continue;
            }
        };
        let shown = display_path(root, e.path());
        let name = e.file_name().to_string_lossy();
        let well_known = e.depth() == 1 && name == ".well-known" && e.file_type().is_dir();
        // bayan's CSAF tree is bayan's alone: a document there that bayan did not
        // write (a forged advisory, a fake signature) would be served as ours,
        // with no entry in index.txt or changes.csv and no hash.
        let in_well_known = e.depth() == 2
            && e.path()
                .parent()
                .and_then(Path::file_name)
                .is_some_and(|p| p == ".well-known");
        let refused = if name.starts_with('.') && !well_known {
            Some("hidden files and folders (names starting with `.`) are not published; only content/static/.well-known/ is".to_owned())
        } else if in_well_known && name.eq_ignore_ascii_case("csaf") {
            Some("`.well-known/csaf/` is where bayan publishes its own CSAF documents, with their index and hashes: a file here would be served as one of them; remove it (other `.well-known/` files are published)".to_owned())
        } else {
            bayan_text::fsx::name_problem(&name)
        };
        if let Some(msg) = refused {
            diags.push(Diagnostic::error(&shown, "", msg));
            if e.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        if e.file_type().is_dir() {
            continue;
        }
        match bayan_text::svg::read_checked(root, e.path()) {
            Ok(bytes) => out.push(StaticFile {
                path: display_path(&dir, e.path()),
                bytes,
            }),
            Err(ds) => diags.extend(ds),
        }
    }
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(Error::Content(diags))
    }
}
