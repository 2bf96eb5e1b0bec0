//! `bayan watch`: rebuild on every save.
//!
//! notify reports changes under `content/` and `themes/` (never the output
//! folder, whose writes would set off rebuilds of their own). A batch of changes
//! is rebuilt once the tree has been quiet for [`QUIET`]: an editor's
//! write-to-temporary-then-rename, or a burst of saves, is one rebuild. Opens and
//! reads are not changes and are ignored, or the build's own reads would trigger
//! endless rebuilds. Between batches the watch sleeps in the kernel: it wakes for
//! nothing but a file event.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher, event::ModifyKind};

use crate::live::{Change, Live, Outcome, classify};
use bayan_text::error::Error;

/// How long the tree must be quiet after a change before its batch is rebuilt.
/// An editor's save (a write, or a write to a temporary file and a rename) comes
/// as events microseconds apart; a few milliseconds join them and still let a
/// saved page show at once.
pub(crate) const QUIET: Duration = Duration::from_millis(4);

/// The longest a batch waits for quiet: a tree that never stops changing (a
/// `git checkout` of thousands of files) is rebuilt as it goes.
const MAX_WAIT: Duration = Duration::from_millis(250);

/// A running watch on a site's `content/` and `themes/`.
pub struct Changes {
    root: PathBuf,
    rx: Receiver<notify::Result<notify::Event>>,
    watcher: RecommendedWatcher,
    watched: Vec<PathBuf>,
}

impl Changes {
    /// Starts watching `content/` and `themes/` under `root`.
    pub fn watch(root: &Path) -> Result<Changes, Error> {
        let root = std::path::absolute(root).map_err(|e| Error::io(root, e))?;
        let (tx, rx) = channel();
        // Symlinked folders are not followed: one leading out of the site would have
        // the watcher walk (and rebuild on) files that are none of the site's.
        let config = notify::Config::default().with_follow_symlinks(false);
        let mut watcher = RecommendedWatcher::new(
            move |event| {
                // The receiver is gone only when the watch has ended.
                let _ = tx.send(event);
            },
            config,
        )
        .map_err(|e| Error::server("cannot watch files", e))?;
        // The root itself, not recursively: to see themes/ (or content/) appear.
        watcher
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(|e| Error::server(format!("cannot watch {}", root.display()), e))?;
        let mut changes = Changes {
            root,
            rx,
            watcher,
            watched: Vec::new(),
        };
        changes.watch_new_folders();
        Ok(changes)
    }

    /// Watches content/ and themes/ recursively once they exist, unless they are
    /// symlinks leading outside the site root.
    fn watch_new_folders(&mut self) -> bool {
        let mut added = false;
        for dir in ["content", "themes"] {
            let path = self.root.join(dir);
            if path.is_dir()
                && inside(&self.root, &path)
                && !self.watched.contains(&path)
                && self.watcher.watch(&path, RecursiveMode::Recursive).is_ok()
            {
                self.watched.push(path);
                added = true;
            }
        }
        added
    }

    /// Blocks for the next batch of changes that affect the site; `None` once the
    /// watcher has stopped.
    pub(crate) fn next_batch(&mut self) -> Option<BTreeSet<Change>> {
        loop {
            let mut changes = BTreeSet::new();
            if self.watch_new_folders() {
                // A folder appeared since the last look: whatever is in it is new.
                changes.insert(Change::Theme);
            }
            let first = self.rx.recv().ok()?;
            let started = Instant::now();
            let mut quiet_from = started;
            if self.collect(first, &mut changes) {
                quiet_from = Instant::now();
            }
            // Join whatever else comes until the tree is quiet.
            loop {
                let until = (quiet_from + QUIET).min(started + MAX_WAIT);
                let Some(wait) = until.checked_duration_since(Instant::now()) else {
                    break;
                };
                match self.rx.recv_timeout(wait) {
                    Ok(more) => {
                        if self.collect(more, &mut changes) {
                            quiet_from = Instant::now();
                        }
                    }
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return None,
                }
            }
            if self.watch_new_folders() {
                changes.insert(Change::Theme);
            }
            if !changes.is_empty() {
                return Some(changes);
            }
        }
    }

    /// Adds what `event` changed to `changes`; whether it was a change at all
    /// (an open or a read is not).
    fn collect(
        &self,
        event: notify::Result<notify::Event>,
        changes: &mut BTreeSet<Change>,
    ) -> bool {
        let Ok(event) = event else {
            // The watcher lost track (too many events): rebuild everything.
            changes.insert(Change::Config);
            return true;
        };
        if event.need_rescan() {
            changes.insert(Change::Config);
            return true;
        }
        let counts = !matches!(
            event.kind,
            EventKind::Access(_) | EventKind::Other | EventKind::Modify(ModifyKind::Metadata(_))
        );
        if counts {
            changes.extend(event.paths.iter().filter_map(|p| classify(&self.root, p)));
        }
        counts
    }
}

/// Whether `path`'s real location is under the real `root`.
fn inside(root: &Path, path: &Path) -> bool {
    match (std::fs::canonicalize(root), std::fs::canonicalize(path)) {
        (Ok(root), Ok(path)) => path.starts_with(root),
        _ => false,
    }
}

/// Rebuilds on every batch of changes until the watcher stops; `report` hears
/// about each rebuild.
pub fn run(
    live: &mut Live,
    changes: &mut Changes,
    mut report: impl FnMut(&Outcome, &Live),
) -> Result<(), Error> {
    let mut last_failed = false;
    while let Some(batch) = changes.next_batch() {
        let outcome = live.apply(&batch)?;
        if worth_reporting(&outcome, last_failed) {
            last_failed = outcome.error.is_some();
            report(&outcome, live);
        }
    }
    Ok(())
}

/// An editor's save often arrives as two batches (the write, then a rename or a
/// second write of the same bytes): the second rebuild changes nothing, and its
/// "rebuilt …: 0 files" line made one save look like two builds. A rebuild that
/// wrote and removed nothing is not reported, unless it is the one that clears the
/// errors of the last (whose line, and the preview's error page, must go).
fn worth_reporting(o: &Outcome, last_failed: bool) -> bool {
    o.error.is_some() || o.written > 0 || o.deleted > 0 || last_failed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rebuild_that_changed_nothing_is_not_reported_twice() {
        let nothing = Outcome::default();
        assert!(!worth_reporting(&nothing, false));
        // The rebuild after a failed one is reported even when it writes nothing:
        // it is what says the errors are fixed.
        assert!(worth_reporting(&nothing, true));
        let wrote = Outcome {
            written: 3,
            ..Default::default()
        };
        assert!(worth_reporting(&wrote, false));
        let removed = Outcome {
            deleted: 1,
            ..Default::default()
        };
        assert!(worth_reporting(&removed, false));
        let failed = Outcome {
            error: Some(std::sync::Arc::new(Error::Usage("…".into()))),
            ..Default::default()
        };
        assert!(worth_reporting(&failed, false));
    }
}
