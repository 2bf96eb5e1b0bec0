//! Diagnostics: what a user sees when their content is wrong.
//!
//! Validation never stops at the first problem. Every stage pushes into a
//! [`Diagnostics`] list, and the command prints them all at the end, each naming the
//! file, line and column where known, the field's path, and the nearest valid name
//! when a key or id is misspelt.

use std::fmt;
use std::path::{Path, PathBuf};

/// Whether a problem fails the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Fails the build, check or rebuild; nothing is written.
    Error,
    /// Reported, and the build goes on (a draft's problems, for one).
    Warning,
}

/// One problem in the user's files, located as precisely as it is known.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Whether it fails the build: `error` or `warning` in `check --format json`.
    pub severity: Severity,
    /// Relative to the site root, with `/` separators, so messages read the same on
    /// every machine.
    pub file: String,
    /// The line in `file`, 1-based, where known.
    pub line: Option<u32>,
    /// The column in characters, 1-based, where known.
    pub column: Option<u32>,
    /// The field's path in the record (`timeline[2].text.ar`); empty for whole-file
    /// problems.
    pub path: String,
    /// What is wrong, in words for the person who wrote the file.
    pub message: String,
    /// The nearest valid name when a key or id is misspelt.
    pub suggestion: Option<String>,
}

/// A line and column, 1-based, as editors count them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

impl Diagnostic {
    pub fn error(file: &str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_owned(),
            line: None,
            column: None,
            path: path.into(),
            message: message.into(),
            suggestion: None,
        }
    }

    pub fn warning(file: &str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, path, message)
        }
    }

    pub fn at(mut self, pos: Option<Pos>) -> Self {
        if let Some(p) = pos.filter(|p| p.line > 0) {
            self.line = Some(p.line);
            self.column = Some(p.column);
        }
        self
    }

    pub fn suggest(mut self, suggestion: Option<String>) -> Self {
        self.suggestion = suggestion;
        self
    }
}

/// Content can put any character in a message (a misspelt key, a URL as written), and
/// messages go to terminals and pipes: control, bidi and invisible characters are
/// written as `\u{…}` so they can neither drive the terminal nor reorder the line.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::spoof::escape_for_terminal as esc;
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}", esc(&self.file))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        f.write_str(": ")?;
        if !self.path.is_empty() {
            write!(f, "{}: ", esc(&self.path))?;
        }
        f.write_str(&esc(&self.message))?;
        if let Some(s) = &self.suggestion {
            write!(f, "; did you mean `{}`?", esc(s))?;
        }
        Ok(())
    }
}

/// Everything found wrong in one run, in the order it was found.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn extend_from(&mut self, items: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(items);
    }

    /// Whether any of them fails the build.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Every problem, in the order found, or by file and position once sorted.
    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    /// Turns this file's errors into warnings: a draft's problems must not stop a
    /// build that leaves drafts out.
    pub fn demote_to_warnings(&mut self) {
        for d in &mut self.items {
            d.severity = Severity::Warning;
        }
    }

    /// Stable order for output: by file, then position, then path. Files are loaded in
    /// parallel, so the order found is not the order shown.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.file, a.line, a.column, &a.path, &a.message)
                .cmp(&(&b.file, b.line, b.column, &b.path, &b.message))
        });
    }

    /// The problems as a list, e.g. for [`Error::Content`](crate::Error::Content).
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}

/// Lines and columns (1-based, columns in characters) of byte offsets in `src`,
/// in the order given. The offsets are visited in ascending order in one walk over
/// the text, so a document with many problems costs one pass, not one per problem.
pub fn positions(src: &str, offsets: &[usize]) -> Vec<Pos> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut out = vec![Pos::default(); offsets.len()];
    let (mut line, mut column) = (1u32, 1u32);
    let mut chars = src.char_indices().peekable();
    for i in order {
        let target = offsets[i].min(src.len());
        while let Some(&(b, c)) = chars.peek() {
            if b >= target {
                break;
            }
            chars.next();
            if c == '\n' {
                line = line.saturating_add(1);
                column = 1;
            } else {
                column = column.saturating_add(1);
            }
        }
        out[i] = Pos { line, column };
    }
    out
}

/// Line and column (in characters) of a byte offset.
pub fn offset_pos(src: &str, offset: usize) -> Pos {
    positions(src, &[offset])[0]
}

/// The nearest of `candidates` to a misspelt `word`, if any is close enough to be a
/// plausible typo: fewest edits (a swap of two letters counts as one), then the most
/// similar start.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let len = word.chars().count();
    let max_edits = match len {
        0..=3 => 1,
        4..=7 => 2,
        _ => 3 + (len - 8) / 6,
    };
    candidates
        .into_iter()
        .filter(|c| *c != word)
        .map(|c| {
            (
                strsim::damerau_levenshtein(word, c),
                -strsim::jaro_winkler(word, c),
                c,
            )
        })
        .filter(|(d, _, _)| *d <= max_edits)
        .min_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal))
        .map(|(_, _, c)| c.to_owned())
}

/// A path relative to `root` for messages, always with `/`.
pub fn display_path(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_has_file_line_column_path_and_suggestion() {
        let d = Diagnostic::error(
            "content/a/incident.yaml",
            "data.exposed[3]",
            "unknown data class `user_agent`",
        )
        .at(Some(Pos {
            line: 14,
            column: 5,
        }))
        .suggest(Some("user_agents".into()));
        assert_eq!(
            d.to_string(),
            "error: content/a/incident.yaml:14:5: data.exposed[3]: unknown data class `user_agent`; did you mean `user_agents`?"
        );
    }

    #[test]
    fn nearest_finds_typos_but_not_unrelated_words() {
        let vocab = ["user_agents", "email_addresses", "names"];
        assert_eq!(nearest("user_agent", vocab).as_deref(), Some("user_agents"));
        assert_eq!(
            nearest("emial_addresses", vocab).as_deref(),
            Some("email_addresses")
        );
        assert_eq!(nearest("xyzzy_quux_blorp", vocab), None);
        assert_eq!(nearest("ra", ["en", "ar"]).as_deref(), Some("ar"));
        assert_eq!(nearest("xy", ["en", "ar"]), None);
    }

    #[test]
    fn offsets_become_lines_and_columns() {
        assert_eq!(offset_pos("ab\nشرح x", 10), Pos { line: 2, column: 5 });
    }

    #[test]
    fn positions_are_found_in_one_walk_whatever_the_order() {
        let src = "ab\nشرح x\nz";
        assert_eq!(
            positions(src, &[12, 0, 10, 3]),
            [
                Pos { line: 3, column: 1 },
                Pos { line: 1, column: 1 },
                Pos { line: 2, column: 5 },
                Pos { line: 2, column: 1 },
            ]
        );
        assert_eq!(positions(src, &[999]), [Pos { line: 3, column: 2 }]);
    }
}
