//! What rendering makes and where it goes: files in memory (`OutputFile`), each
//! tagged with its owner, handed to a `Sink`. Writing them to disk is the
//! application's job (`output.rs`); rendering stays pure.

use std::sync::Mutex;

use bayan_text::error::Error;

/// One file of the site, with its path relative to the output root (`/` separated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Where the file goes, relative to the output folder, e.g. `en/index.html`.
    pub path: String,
    /// The file's contents.
    pub bytes: Vec<u8>,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            bytes: bytes.into(),
        }
    }

    /// `value` as compact JSON with a final newline: what machines read (records,
    /// the index, CSAF documents); browsers and `jq` indent it for people.
    pub fn json(path: impl Into<String>, value: &impl serde::Serialize) -> Self {
        let mut bytes = Vec::with_capacity(16 * 1024);
        // Serialising bayan's views into memory cannot fail.
        let _ = serde_json::to_writer(&mut bytes, value);
        bytes.push(b'\n');
        OutputFile::new(path, bytes)
    }

    /// `value` as two-space JSON with a final newline: what people read in an
    /// editor (the JSON schemas, CSAF's provider metadata).
    pub fn json_pretty(path: impl Into<String>, value: &impl serde::Serialize) -> Self {
        let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
        bytes.push(b'\n');
        OutputFile::new(path, bytes)
    }
}

/// Where rendered files go. Rendering hands each file over as soon as it is made,
/// so a site of 20,000 pages never sits in memory whole.
pub trait Sink: Sync {
    /// Takes one file, made for `owner`.
    fn put(&self, file: OutputFile, owner: &Owner) -> Result<(), Error>;
}

/// Who a file of the site belongs to, as the render driver tags it: watch mode
/// deletes a file only when its owner was rendered again and no longer makes it,
/// so it never has to work out an owner from a path.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Owner {
    /// Made from the site as a whole and redone on every rebuild: assets, feeds,
    /// the 404 page, the JSON schema, the well-known files.
    Shared,
    /// What lists every advisory: listings, archives, the JSON index, the sitemap.
    Lists,
    /// A copy of a file in `content/static/`.
    Static,
    /// Made from one incident alone, wherever it is written.
    Incident(String),
}

/// Keeps every file: for tests, `check` and the preview server.
#[derive(Default)]
pub struct MemorySink {
    files: Mutex<Vec<OutputFile>>,
}

impl MemorySink {
    /// The files, sorted by path.
    pub fn into_files(self) -> Vec<OutputFile> {
        let mut files = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

impl Sink for MemorySink {
    fn put(&self, file: OutputFile, _: &Owner) -> Result<(), Error> {
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(file);
        Ok(())
    }
}

/// Counts and forgets: `check` renders everything to catch template errors and
/// needs none of the bytes.
#[derive(Default)]
pub struct NullSink;

impl Sink for NullSink {
    fn put(&self, _: OutputFile, _: &Owner) -> Result<(), Error> {
        Ok(())
    }
}
