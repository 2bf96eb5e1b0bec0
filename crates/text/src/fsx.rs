//! File access that names the file in every error (after mdBook's `utils::fs`).
//!
//! Content files are the user's: a missing file, bytes that are not UTF-8 or a
//! symlink leading out of its folder, a FIFO or an unreadable file are content errors with the file's name and, for
//! bad bytes, the line and column.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Pos, display_path};

/// Reads a content file as UTF-8 text (a leading BOM is dropped).
pub fn read_text(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    let bytes = read_bytes(root, path)?;
    decode(&display_path(root, path), bytes)
}

/// Reads a source file (content, attachment, static or theme file): the symlink
/// rules of [`check_inside`], then only a regular file, opened so that a FIFO or
/// device cannot block the build.
pub fn read_bytes(root: &Path, path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let file = display_path(root, path);
    check_inside(root, path)?;
    let mut f = open_regular(path).map_err(|msg| Diagnostic::error(&file, "", msg))?;
    let mut bytes = Vec::new();
    f.read_to_end(&mut bytes)
        .map_err(|e| Diagnostic::error(&file, "", io_message(&e)))?;
    Ok(bytes)
}

/// Opens `path` for reading if it is a regular file. The type is asked before
/// opening (opening a FIFO waits for a writer) and again of the open file, which is
/// opened non-blocking, so a file swapped for a FIFO in between cannot hang either.
fn open_regular(path: &Path) -> Result<fs::File, String> {
    let meta = fs::metadata(path).map_err(|e| io_message(&e))?;
    if let Some(kind) = not_regular(&meta) {
        return Err(format!(
            "is {kind}, not a regular file; only regular files are published"
        ));
    }
    let mut opts = fs::OpenOptions::new();
    opts.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK);
    }
    let f = opts.open(path).map_err(|e| io_message(&e))?;
    let meta = f.metadata().map_err(|e| io_message(&e))?;
    if let Some(kind) = not_regular(&meta) {
        return Err(format!(
            "is {kind}, not a regular file; only regular files are published"
        ));
    }
    Ok(f)
}

/// What a non-regular file is, for a message; `None` for a regular file.
fn not_regular(meta: &fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_block_device() || t.is_char_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

/// What went wrong reading a file, in words for the person who owns it.
pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "file not found".to_owned(),
        std::io::ErrorKind::PermissionDenied => {
            "permission denied: bayan may not read this file; check its permissions (chmod a+r)"
                .to_owned()
        }
        std::io::ErrorKind::IsADirectory => {
            "is a folder, not a regular file; only regular files are published".to_owned()
        }
        _ => format!("cannot read: {e}"),
    }
}

/// Bytes to text, or an error at the first byte that is not UTF-8.
pub fn decode(file: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..3);
            }
            Ok(s)
        }
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let text = String::from_utf8_lossy(good);
            let line = text.matches('\n').count() + 1;
            let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let pos = Pos {
                line: line as u32,
                column: column as u32,
            };
            Err(
                Diagnostic::error(file, "", "file is not valid UTF-8 text; save it as UTF-8")
                    .at(Some(pos)),
            )
        }
    }
}

/// The folder a source file's symlinks must stay in: `content/` for everything
/// under it, `themes/<name>/` for a theme's files, the site root for those folders
/// themselves (and anything else).
fn confinement(root: &Path, path: &Path) -> PathBuf {
    let Ok(rel) = path.strip_prefix(root) else {
        return root.to_path_buf();
    };
    let parts: Vec<_> = rel.components().collect();
    match parts.as_slice() {
        [first, _, ..] if first.as_os_str() == "content" => root.join("content"),
        [first, theme, _, ..] if first.as_os_str() == "themes" => {
            root.join("themes").join(theme.as_os_str())
        }
        _ => root.to_path_buf(),
    }
}

/// Refuses a symlink whose real location leaves the folder it is in: `content/`
/// for content (a link must not pull `../../.git/config` or `.env` into a published
/// page), the theme's own folder for theme files, the site root for `content/` and
/// `themes/` themselves. A link may not lead to a hidden (dot) file or folder
/// either, except `content/static/.well-known/`. Only `path` itself is looked at;
/// the loaders check each folder on the way down once (`content/`, each incident
/// folder), not again for every file in it.
pub fn check_inside(root: &Path, path: &Path) -> Result<(), Diagnostic> {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(());
    }
    let shown = display_path(root, path);
    let base = confinement(root, path);
    let (Ok(real_base), Ok(real)) = (fs::canonicalize(&base), fs::canonicalize(path)) else {
        return Err(Diagnostic::error(
            &shown,
            "",
            "symlink leads nowhere (broken link)",
        ));
    };
    let Ok(rel) = real.strip_prefix(&real_base) else {
        let within = if base == root {
            "the site root".to_owned()
        } else {
            format!("{}/", display_path(root, &base))
        };
        return Err(Diagnostic::error(
            &shown,
            "",
            format!(
                "symlink leads outside {within} (to {}); copy the file into {within} instead",
                real.display()
            ),
        ));
    };
    let in_content = base != root && base == root.join("content");
    if let Some(hidden) = hidden_part(rel, in_content) {
        return Err(Diagnostic::error(
            &shown,
            "",
            format!(
                "symlink leads to the hidden file or folder `{hidden}`; bayan never publishes those"
            ),
        ));
    }
    Ok(())
}

/// The first component of `rel` (a path inside `content/` when `in_content`)
/// whose name starts with `.`, other than `static/.well-known`.
pub fn hidden_part(rel: &Path, in_content: bool) -> Option<String> {
    rel.components().enumerate().find_map(|(i, c)| {
        let name = c.as_os_str().to_string_lossy();
        let well_known = in_content && i == 1 && name == ".well-known" && rel.starts_with("static");
        (name.starts_with('.') && !well_known).then(|| name.into_owned())
    })
}

/// Files editors write next to the real one: vim's swap files and its `4913`
/// probe, emacs's `#autosave#` and lock files, `~` backups, temporary names.
/// No part of bayan reads them: not the loaders, not watch mode.
pub fn is_editor_file(name: &str) -> bool {
    name.starts_with('#')
        || name.starts_with(".#")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

/// The one rule of which files under `content/` and `themes/` the site does not
/// read: editors' files ([`is_editor_file`]) and hidden ones (`.DS_Store`,
/// `.git/`). Incident folders and themes skip them, and watch mode does not
/// rebuild for them. `content/static/` is stricter: a hidden file there is
/// refused (except `.well-known/`), so watch mode sees those.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || is_editor_file(name)
}

/// Characters that change how a name is shown without being seen: bidi controls
/// (a name can read `gnp.exe` and be `exe.png`) and invisible ones (two names that
/// look the same).
pub fn name_problem(name: &str) -> Option<String> {
    let bad = name.chars().find(|c| {
        matches!(
            c,
            '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{061C}'
                | '\u{200B}'..='\u{200D}'
                | '\u{2060}'
                | '\u{FEFF}'
                | '\u{00AD}'
        )
    })?;
    Some(format!(
        "file name contains the invisible or direction-changing character U+{:04X}; rename it",
        bad as u32
    ))
}

/// A name as hosts and eyes compare it: NFC, then lower case. Two names with the
/// same fold are refused.
pub fn fold(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    if name.is_ascii() {
        return name.to_ascii_lowercase();
    }
    let lower = name.nfc().collect::<String>().to_lowercase();
    lower.nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_reports_line_and_column() {
        let d = decode("a.md", b"ok\nab\xffcd".to_vec()).unwrap_err();
        assert_eq!((d.line, d.column), (Some(2), Some(3)));
        assert!(d.message.contains("UTF-8"));
    }

    #[test]
    fn bom_is_dropped() {
        assert_eq!(decode("a", "\u{feff}x".as_bytes().to_vec()).unwrap(), "x");
    }

    /// Finding: an unreadable attachment was a bare OS message with exit 2. Each
    /// read error is put in words (and the loaders make it a content error).
    #[test]
    fn unreadable_attachments_are_content_errors_naming_each() {
        use std::io::{Error, ErrorKind};
        assert!(
            io_message(&Error::from(ErrorKind::PermissionDenied)).starts_with("permission denied")
        );
        assert_eq!(
            io_message(&Error::from(ErrorKind::NotFound)),
            "file not found"
        );
        assert!(io_message(&Error::from(ErrorKind::IsADirectory)).starts_with("is a folder"));
        let tmp = tempfile::tempdir().unwrap();
        fs::create_dir(tmp.path().join("report.pdf")).unwrap();
        let d = read_bytes(tmp.path(), &tmp.path().join("report.pdf")).unwrap_err();
        assert_eq!(d.file, "report.pdf");
        assert!(
            d.message.starts_with("is a folder, not a regular file"),
            "{}",
            d.message
        );
    }

    /// Finding: names that differ only by normalisation or carry invisible or bidi
    /// characters.
    #[test]
    fn confusable_attachment_names_are_errors() {
        assert_eq!(
            fold("R\u{c9}sum\u{e9}.PDF"),
            fold("re\u{301}sume\u{301}.pdf")
        );
        assert_ne!(fold("resume.pdf"), fold("r\u{e9}sum\u{e9}.pdf"));
        for c in [
            '\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}', '\u{200e}', '\u{200f}', '\u{61c}',
            '\u{200b}', '\u{200d}', '\u{2060}', '\u{feff}', '\u{ad}',
        ] {
            assert!(
                name_problem(&format!("a{c}b.png")).is_some(),
                "U+{:04X}",
                c as u32
            );
        }
        assert_eq!(name_problem("تقرير 50%.pdf"), None);
    }

    #[test]
    fn only_well_known_is_a_published_hidden_folder() {
        assert_eq!(
            hidden_part(Path::new("static/.well-known/a.txt"), true),
            None
        );
        assert_eq!(
            hidden_part(Path::new("static/.env"), true).as_deref(),
            Some(".env")
        );
        assert_eq!(
            hidden_part(Path::new("incidents/x/.well-known"), true).as_deref(),
            Some(".well-known")
        );
        assert_eq!(
            hidden_part(Path::new("static/.well-known/a.txt"), false).as_deref(),
            Some(".well-known")
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlink_outside_root_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        fs::create_dir_all(&root).unwrap();
        fs::write(tmp.path().join("secret"), "s").unwrap();
        std::os::unix::fs::symlink(tmp.path().join("secret"), root.join("en.md")).unwrap();
        let d = read_text(&root, &root.join("en.md")).unwrap_err();
        assert!(d.message.contains("outside the site root"), "{}", d.message);
        fs::write(root.join("real.md"), "r").unwrap();
        std::os::unix::fs::symlink(root.join("real.md"), root.join("inside.md")).unwrap();
        assert_eq!(read_text(&root, &root.join("inside.md")).unwrap(), "r");
    }
}
