//! File access that names the file in every error (after mdBook's `utils::fs`).
//!
//! Content files are the user's: a missing file, bytes that are not UTF-8 or a
//! symlink leading out of the site are content errors with the file's name and, for
//! bad bytes, the line and column.

use std::fs;
use std::path::Path;

use crate::diag::{Diagnostic, Pos, display_path};

/// Reads a content file as UTF-8 text (a leading BOM is dropped).
pub fn read_text(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    let file = display_path(root, path);
    check_inside(root, path)?;
    let bytes = fs::read(path).map_err(|e| {
        let msg = match e.kind() {
            std::io::ErrorKind::NotFound => "file not found".to_owned(),
            _ => format!("cannot read: {e}"),
        };
        Diagnostic::error(&file, "", msg)
    })?;
    decode(&file, bytes)
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

/// Refuses a path whose real location is outside the site root: a symlink must not
/// pull `/etc/passwd` into a published page. Only `path` itself is looked at; the
/// loaders check each folder on the way down once (`content/`, each incident
/// folder), not again for every file in it.
pub fn check_inside(root: &Path, path: &Path) -> Result<(), Diagnostic> {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(());
    }
    let (Ok(real_root), Ok(real)) = (fs::canonicalize(root), fs::canonicalize(path)) else {
        return Err(Diagnostic::error(
            &display_path(root, path),
            "",
            "symlink leads nowhere (broken link)",
        ));
    };
    if real.starts_with(&real_root) {
        Ok(())
    } else {
        Err(Diagnostic::error(
            &display_path(root, path),
            "",
            format!(
                "symlink leads outside the site root (to {}); copy the file into the site instead",
                real.display()
            ),
        ))
    }
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
