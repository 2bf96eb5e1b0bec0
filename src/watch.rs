//! `bayan watch`: rebuild on every save.
//!
//! notify, through notify-debouncer-full, reports changes under `content/` and
//! `themes/` (never the output folder, whose writes would set off rebuilds of their
//! own). The debouncer joins an editor's write-to-temporary-then-rename into one
//! event and bursts of saves into one batch; opens and reads are not changes and are
//! ignored, or the build's own reads would trigger endless rebuilds.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use notify::{EventKind, RecursiveMode, event::ModifyKind};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer_opt};

use crate::live::{Change, Live, Outcome, classify};
use bayan_text::error::Error;

/// How long the tree must be quiet before a batch of changes is rebuilt.
pub(crate) const QUIET: Duration = Duration::from_millis(10);

/// A running watch on a site's `content/` and `themes/`.
pub struct Changes {
    root: PathBuf,
    rx: Receiver<DebounceEventResult>,
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
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
        let mut debouncer = new_debouncer_opt(
            QUIET,
            Some(Duration::from_millis(5)),
            tx,
            RecommendedCache::new(),
            config,
        )
        .map_err(|e| Error::server("cannot watch files", e))?;
        // The root itself, not recursively: to see themes/ (or content/) appear.
        debouncer
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(|e| Error::server(format!("cannot watch {}", root.display()), e))?;
        let mut changes = Changes {
            root,
            rx,
            debouncer,
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
                && self
                    .debouncer
                    .watch(&path, RecursiveMode::Recursive)
                    .is_ok()
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
            self.collect(first, &mut changes);
            // Join whatever else arrived meanwhile into the same rebuild.
            while let Ok(more) = self.rx.try_recv() {
                self.collect(more, &mut changes);
            }
            if self.watch_new_folders() {
                changes.insert(Change::Theme);
            }
            if !changes.is_empty() {
                return Some(changes);
            }
        }
    }

    fn collect(&self, result: DebounceEventResult, changes: &mut BTreeSet<Change>) {
        let Ok(events) = result else {
            // The watcher lost track (too many events): rebuild everything.
            changes.insert(Change::Config);
            return;
        };
        for event in events {
            let counts = !matches!(
                event.kind,
                EventKind::Access(_)
                    | EventKind::Other
                    | EventKind::Modify(ModifyKind::Metadata(_))
            );
            if counts {
                changes.extend(event.paths.iter().filter_map(|p| classify(&self.root, p)));
            }
        }
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
