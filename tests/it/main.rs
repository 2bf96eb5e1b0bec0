//! Integration tests: the `bayan` binary run as a user runs it, on small fixture
//! sites under `tests/fixtures/`. Each test copies its fixture into a temporary
//! folder, so tests never share or change one another's files.

mod archives;
mod bodies;
mod build;
mod cli;
mod commonmark;
mod csaf;
mod errors;
mod feeds;
mod first_hour;
mod graph;
mod guide;
mod hardening;
mod hostile;
mod languages;
mod law;
mod links;
mod live;
mod notice;
mod records;
mod review;
mod scale;
#[cfg(feature = "serve")]
mod serve;
#[path = "../support/links.rs"]
pub mod support;
mod text;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A fixed "now" so security.txt's Expires, and so whole builds, are reproducible.
pub const EPOCH: &str = "1798761600"; // 2027-01-01T00:00:00Z: after every fixture's `published`

/// [`EPOCH`] as the library takes it: builds run in this process get their "now"
/// in `BuildOptions`, never from the environment.
pub fn epoch() -> Option<jiff::Timestamp> {
    Some(jiff::Timestamp::from_second(EPOCH.parse().unwrap()).unwrap())
}

/// Options for a build of `root` in this process, at [`EPOCH`].
pub fn opts(root: &Path) -> bayan::BuildOptions {
    bayan::BuildOptions {
        root: root.to_path_buf(),
        now: epoch(),
        ..Default::default()
    }
}

/// The repository's root, where Cargo.toml is.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of `tests/fixtures/<name>` (or the repository's own example for
/// `"example"`) in a fresh temporary folder.
pub fn fixture(name: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let src = if name == "example" {
        repo()
    } else {
        repo().join("tests/fixtures").join(name)
    };
    copy_dir(&src.join("content"), &tmp.path().join("content"));
    if src.join("themes").is_dir() && name != "example" {
        copy_dir(&src.join("themes"), &tmp.path().join("themes"));
    }
    tmp
}

/// Copies the folder `from` into `to`, creating `to` and its subfolders.
pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// Runs the `bayan` binary in `root` with `args` at [`EPOCH`], capturing its output.
pub fn bayan(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bayan"))
        .args(args)
        .current_dir(root)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .output()
        .unwrap()
}

/// A command's standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A command's standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Builds the site at `root` into `root/output`, asserting success.
pub fn build_ok(root: &Path, extra: &[&str]) -> PathBuf {
    let mut args = vec!["build"];
    args.extend_from_slice(extra);
    let o = bayan(root, &args);
    assert!(o.status.success(), "build failed:\n{}", stderr(&o));
    root.join("output")
}

/// Every file under `dir` with its bytes, by `/`-separated relative path.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    support::files_under(dir)
}

/// The text of `path`, failing the test with the path if it cannot be read.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Replaces `from` with `to` in a fixture file, asserting `from` was there.
pub fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = read(&path);
    assert!(text.contains(from), "{rel} has no {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// A file of the default theme as the binary ships it (`templates/notice.html`).
pub fn default_theme_file(path: &str) -> String {
    let (_, bytes) = bayan_render::theme::DEFAULT_FILES
        .iter()
        .find(|(p, _)| *p == path)
        .unwrap_or_else(|| panic!("the default theme has no {path}"));
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// An outside program some tests check bayan's output with.
#[derive(Debug, Clone, Copy)]
pub enum Tool {
    /// actionlint, on the workflows `bayan init --ci` writes.
    Actionlint,
    /// Python 3 with its `email` package (MIME as mail clients read it).
    PythonEmail,
    /// Python 3 with `feedparser` and `jsonschema` (feeds and JSON records).
    PythonFeedsAndSchemas,
}

/// Whether a test may go on with `tool`: when it is missing, a plain `cargo test`
/// skips the rest of the test and says why, while `bash tests/run` and CI (which
/// install the tools and set `BAYAN_REQUIRE_TOOLS=1`) fail instead, so a missing
/// install can never pass unnoticed there.
pub fn have(tool: Tool) -> bool {
    use std::sync::OnceLock;
    static FOUND: [OnceLock<bool>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let (slot, program, args): (usize, &str, &[&str]) = match tool {
        Tool::Actionlint => (0, "actionlint", &["-version"]),
        Tool::PythonEmail => (1, "python3", &["-c", "import email.policy"]),
        Tool::PythonFeedsAndSchemas => (2, "python3", &["-c", "import feedparser, jsonschema"]),
    };
    let found = *FOUND[slot].get_or_init(|| {
        Command::new(program)
            .args(args)
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if !found {
        let why = format!("{tool:?} is not installed; `bash tests/tools.sh` installs it");
        assert!(
            std::env::var_os("BAYAN_REQUIRE_TOOLS").is_none(),
            "{why} (BAYAN_REQUIRE_TOOLS is set)"
        );
        // Straight to stderr: libtest captures `eprintln!` of passing tests.
        let test = std::thread::current().name().unwrap_or("a test").to_owned();
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            format!("skipped the rest of {test}: {why}\n").as_bytes(),
        );
    }
    found
}

/// Runs `tests/support/SCRIPT` with Python on `args`: the checks a real feed
/// reader's parser (feedparser) and a JSON Schema validator (jsonschema) make.
pub fn python(script: &str, args: &[String]) -> Output {
    Command::new("python3")
        .arg(repo().join("tests/support").join(script))
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "python3 is needed for this test ({e}); `bash tests/tools.sh` installs what it uses"
            )
        })
}

/// Every file under `dir` whose path ends with `suffix`, as strings.
pub fn files_ending(dir: &Path, suffix: &str) -> Vec<String> {
    tree(dir)
        .into_keys()
        .filter(|p| p.ends_with(suffix))
        .map(|p| dir.join(p).to_string_lossy().into_owned())
        .collect()
}
