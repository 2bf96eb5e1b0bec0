//! Theme assets under `assets/`, named by content hash, and `content/static/`.
//!
//! A hashed name lets a host cache CSS and fonts forever while a new build is seen at
//! once. Stylesheets are rewritten to point at the hashed names of the files they
//! use, so a theme's CSS keeps writing `url(font.woff2)`.

use std::collections::BTreeMap;
use std::path::Path;

use super::emit::{Ctx, Emitter, Out, Part};
use crate::diag::{Diagnostic, display_path};
use crate::error::Error;
use crate::output::OutputFile;
use crate::site::Site;
use crate::theme::Theme;

/// The theme's assets under `assets/`, named by content hash.
pub(crate) struct ThemeAssets;

impl Emitter for ThemeAssets {
    fn site(&self, cx: &Ctx, part: Part, out: &Out) -> Result<(), Error> {
        if part != Part::Shared {
            return Ok(());
        }
        cx.assets.files.iter().try_for_each(|f| out.put(f.clone()))
    }
}

/// The copies of `content/static/`, read and checked when the site loaded.
pub(crate) struct Statics;

impl Emitter for Statics {
    fn site(&self, cx: &Ctx, part: Part, out: &Out) -> Result<(), Error> {
        if part != Part::Static {
            return Ok(());
        }
        cx.site.statics.iter().try_for_each(|f| out.put(f.clone()))
    }
}

pub(crate) struct Assets {
    /// Theme file name (`style.css`) → path under the output root.
    names: BTreeMap<String, String>,
    pub files: Vec<OutputFile>,
    base_path: String,
}

impl Assets {
    pub(crate) fn build(site: &Site, theme: &Theme) -> Result<Assets, Error> {
        let mut names = BTreeMap::new();
        let mut files = Vec::new();
        // Non-CSS first: stylesheets refer to them.
        let (css, other): (Vec<_>, Vec<_>) = theme
            .static_files
            .iter()
            .partition(|(p, _)| p.ends_with(".css"));
        for (path, bytes) in other {
            // Licences keep their names: people look for `OFL.txt`, not a hash.
            let name = if path.ends_with(".txt") {
                path.clone()
            } else {
                hashed(path, bytes)
            };
            let out = site.routes().asset(&name);
            names.insert(path.clone(), out.clone());
            files.push(OutputFile::new(out, bytes.clone()));
        }
        for (path, bytes) in css {
            let mut text = String::from_utf8_lossy(bytes).into_owned();
            for (from, to) in &names {
                let to = to.strip_prefix("assets/").unwrap_or(to);
                text = text.replace(&format!("url({from})"), &format!("url({to})"));
                text = text.replace(&format!("url(\"{from}\")"), &format!("url(\"{to}\")"));
            }
            let out = site.routes().asset(&hashed(path, text.as_bytes()));
            names.insert(path.clone(), out.clone());
            files.push(OutputFile::new(out, text.into_bytes()));
        }
        Ok(Assets {
            names,
            files,
            base_path: site.config.base.path.clone(),
        })
    }

    /// The root-relative link to a theme file; empty if the theme lacks it.
    pub(crate) fn href(&self, name: &str) -> String {
        self.names
            .get(name)
            .map(|p| format!("{}{p}", self.base_path))
            .unwrap_or_default()
    }
}

/// `fonts/x.woff2` → `fonts/x.1a2b3c4d5e.woff2`.
fn hashed(path: &str, bytes: &[u8]) -> String {
    let hash = blake3::hash(bytes).to_hex();
    let short = &hash.as_str()[..10];
    match path.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !stem.ends_with('/') => {
            format!("{stem}.{short}.{ext}")
        }
        _ => format!("{path}.{short}"),
    }
}

/// `content/static/` copied as is: favicon, logo, CNAME, `_headers`. Hidden files
/// and folders are refused (a stray `.env` must not be published), except the
/// folder `.well-known/` at the top; so are names with invisible or bidi
/// characters, links leaving `content/`, anything but regular files, and SVGs
/// that could run script.
pub(crate) fn content_static(root: &Path) -> Result<Vec<OutputFile>, Error> {
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
    crate::fsx::check_inside(root, &dir).map_err(|d| Error::Content(vec![d]))?;
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
                    .map_or_else(|| err.to_string(), crate::fsx::io_message);
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
            crate::fsx::name_problem(&name)
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
        match crate::svg::read_checked(root, e.path()) {
            Ok(bytes) => out.push(OutputFile::new(display_path(&dir, e.path()), bytes)),
            Err(ds) => diags.extend(ds),
        }
    }
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(Error::Content(diags))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_keep_folder_and_extension() {
        let h = hashed("fonts/a.woff2", b"x");
        assert!(
            h.starts_with("fonts/a.")
                && h.ends_with(".woff2")
                && h.len() == "fonts/a..woff2".len() + 10,
            "{h}"
        );
        assert_ne!(hashed("a.css", b"1"), hashed("a.css", b"2"));
    }
}
