//! Rebuilding on change: the engine behind `bayan watch` and `bayan serve`.
//!
//! A change is sorted by kind ([`Change`]) and redoes only what that kind needs: an
//! edited incident is loaded again and re-renders its own pages and the shared
//! files (listings, archives, feeds, sitemap, JSON index), not the other incidents;
//! a change to site.yaml, the theme or the incidents folder as a whole reloads
//! everything, and is written through a staging folder swapped in whole, as
//! `bayan build` does. A small rebuild renders everything it needs first, then, under
//! the output's lock, writes only the files whose bytes changed (kept in step with a
//! manifest of what is on disk), each beside its target and renamed into place, so a
//! reader never gets half a file, and deletes the files the new site no longer has.
//! A content or template error, or a failed write, leaves the last good site in
//! place and is reported; the next good save recovers, rebuilding whole after a
//! failed write or when output/ was deleted or replaced meanwhile.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::output::{OutputFile, Owner, Sink};
use crate::{BuildOptions, Loaded};
use bayan_render::emit::{ListChange, ListKeys};
use bayan_render::{self as render, Lists, Scope};
use bayan_site::content::INCIDENTS_DIR;
use bayan_text::diag::Diagnostics;
use bayan_text::error::Error;

/// What a changed path means for the site.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// `content/site.yaml`: languages, URLs and labels of every page may change.
    Config,
    /// Anything under `themes/`: templates, static files, i18n strings.
    Theme,
    /// A file in `content/static/`.
    Static,
    /// `content/incidents` itself: replaced, moved away or back as a whole.
    Incidents,
    /// Something in one incident's folder (or the folder itself).
    Incident(String),
}

/// Sorts a changed path, or `None` for paths that do not affect the site
/// (editors' swap and backup files, anything outside content/ and themes/).
pub(crate) fn classify(root: &Path, path: &Path) -> Option<Change> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    let name = parts.last()?;
    // One rule with the loaders (`fsx::is_ignored`), except that content/static
    // refuses hidden files rather than skipping them: a save there must rebuild,
    // so that the refusal is reported.
    let skipped = match parts.get(..2) {
        Some([c, s]) if c == "content" && s == "static" => bayan_text::fsx::is_editor_file(name),
        _ => bayan_text::fsx::is_ignored(name),
    };
    if skipped {
        return None;
    }
    match parts
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["content", "site.yaml"] => Some(Change::Config),
        ["content", "static", ..] => Some(Change::Static),
        ["content", "incidents"] => Some(Change::Incidents),
        ["content", "incidents", id, ..] => Some(Change::Incident((*id).to_owned())),
        ["themes", _, ..] => Some(Change::Theme),
        _ => None,
    }
}

/// One rebuild's result, for the terminal line and the preview server.
#[derive(Debug, Default)]
pub struct Outcome {
    /// What was rebuilt: an incident id, several, or "site".
    pub(crate) what: String,
    /// Files written (new or changed).
    pub written: usize,
    /// Files rendered, changed or not: what the rebuild had to redo.
    pub made: usize,
    /// Files removed because the rebuilt site no longer has them.
    pub deleted: usize,
    pub(crate) elapsed: Duration,
    /// What stopped this rebuild: the content or theme errors (every diagnostic,
    /// as a build reports them) or the failure to write; shared with the
    /// preview server, which shows it over every page.
    pub error: Option<std::sync::Arc<Error>>,
    /// Whether writing the output failed (a full disk, a read-only folder, another
    /// build holding the lock): the next save rebuilds the whole site.
    pub(crate) output_failed: bool,
    /// Problems that did not stop the rebuild.
    pub warnings: Diagnostics,
    /// After a whole-site rebuild, the base path site.yaml now gives (percent-
    /// encoded, as in base_url), so the preview server follows a moved base_url.
    #[cfg_attr(
        not(feature = "serve"),
        allow(dead_code, reason = "only the preview server reads it")
    )]
    pub(crate) base_path: Option<String>,
    /// After a rebuild of some advisories only, their ids: what the preview
    /// server's per-advisory pages need to redo. `None` after a whole-site one.
    #[cfg_attr(
        not(feature = "serve"),
        allow(dead_code, reason = "only the preview server reads it")
    )]
    pub(crate) rendered: Option<Vec<String>>,
}

impl Outcome {
    /// What stopped this rebuild, as printed; empty when nothing did.
    pub fn error_text(&self) -> String {
        self.error
            .as_ref()
            .map(|e| e.to_string())
            .unwrap_or_default()
    }

    /// The line printed after each rebuild.
    pub fn line(&self) -> String {
        match &self.error {
            Some(_) if self.output_failed => format!(
                "not rebuilt {}: could not write the output (see above); the next save rebuilds the whole site",
                self.what
            ),
            Some(_) => format!(
                "not rebuilt {}: fix the errors above; the last good site stays in place",
                self.what
            ),
            None => format!(
                "rebuilt {}: {} in {} ms{}",
                self.what,
                bayan_text::plural::en(self.written, "file", "files"),
                self.elapsed.as_millis(),
                if self.deleted > 0 {
                    format!(", {} removed", self.deleted)
                } else {
                    String::new()
                }
            ),
        }
    }
}

/// The watched site: its last good state, what is on disk, what is broken.
pub struct Live {
    opts: BuildOptions,
    out: PathBuf,
    state: Option<Loaded>,
    manifest: BTreeMap<String, (blake3::Hash, Owner)>,
    /// Incidents whose last save had errors, with those errors.
    broken: BTreeMap<String, Diagnostics>,
    /// Incidents changed since the output last caught up.
    dirty: BTreeSet<String>,
    statics_dirty: bool,
    /// What changes since the output last caught up did to what lists show.
    lists_dirty: ListsDirty,
    /// Whether output/ may not match the manifest (a failed render or write): the
    /// next rebuild is a whole one, whatever changed.
    needs_full: bool,
    /// The output folder as last written, to notice it was deleted or replaced
    /// (`rm -rf output`, another `bayan build`) and rebuild it whole.
    out_id: Option<FolderId>,
    /// Each advisory's list items, index and feed entries as last made: a
    /// rebuild makes again only the edited advisories'.
    fragments: render::Fragments,
}

impl Live {
    /// Builds the whole site once (atomically, like `bayan build`). A content error
    /// does not fail the start: it is in the outcome, and the next change retries.
    pub fn start(opts: &BuildOptions) -> Result<(Live, Outcome), Error> {
        let out = opts
            .output
            .clone()
            .unwrap_or_else(|| opts.root.join("output"));
        crate::output::check_target(&out, &opts.root)?;
        let mut live = Live {
            opts: opts.clone(),
            out,
            state: None,
            manifest: BTreeMap::new(),
            broken: BTreeMap::new(),
            dirty: BTreeSet::new(),
            statics_dirty: false,
            lists_dirty: ListsDirty::default(),
            needs_full: false,
            out_id: None,
            fragments: render::Fragments::lasting(),
        };
        let start = Instant::now();
        let outcome = live.full(true);
        let outcome = live.keep_going(outcome, start)?;
        Ok((live, outcome))
    }

    /// The folder the site is written to, for the preview server.
    #[cfg(feature = "serve")]
    pub(crate) fn output(&self) -> &Path {
        &self.out
    }

    /// The site as last built, for the preview server (base path, 404 page).
    #[cfg(feature = "serve")]
    pub(crate) fn loaded(&self) -> Option<&Loaded> {
        self.state.as_ref()
    }

    /// The site's base path, from the last build, else from site.yaml alone (a
    /// first build that failed on an incident still knows where the site lives).
    #[cfg(feature = "serve")]
    pub(crate) fn base_path(&self) -> String {
        match self.loaded() {
            Some(l) => l.site.config.base.path.clone(),
            None => bayan_site::Config::load(&self.opts.root, self.opts.base_url.as_deref())
                .map_or_else(|_| "/".to_owned(), |c| c.base.path),
        }
    }

    /// Applies a batch of changes. Errors in content or templates and failures to
    /// write are reported in the outcome, and the watch goes on; the last good
    /// site stays in place.
    pub fn apply(&mut self, changes: &BTreeSet<Change>) -> Result<Outcome, Error> {
        let start = Instant::now();
        let outcome = self.apply_changes(changes);
        self.keep_going(outcome, start)
    }

    /// A content or template error that escaped the stages' own handling is
    /// reported like the others (through [`failed`], with a whole rebuild next),
    /// instead of ending the watch.
    fn keep_going(
        &mut self,
        outcome: Result<Outcome, Error>,
        start: Instant,
    ) -> Result<Outcome, Error> {
        match outcome {
            Err(e @ (Error::Content(_) | Error::Theme(_))) => {
                self.needs_full = true;
                Ok(failed("site".into(), e, start))
            }
            other => other,
        }
    }

    fn apply_changes(&mut self, changes: &BTreeSet<Change>) -> Result<Outcome, Error> {
        let full = self.state.is_none()
            || self.needs_full
            || !self.output_intact()
            || changes
                .iter()
                .any(|c| matches!(c, Change::Config | Change::Theme | Change::Incidents));
        if full {
            return self.full(false);
        }
        let start = Instant::now();
        let ids: Vec<String> = changes
            .iter()
            .filter_map(|c| match c {
                Change::Incident(id) => Some(id.clone()),
                _ => None,
            })
            .collect();
        self.statics_dirty |= changes.contains(&Change::Static);
        let Some(state) = self.state.as_mut() else {
            return self.full(false);
        };
        // What a build would print as warnings for the advisories reloaded here.
        let mut warnings = Diagnostics::default();
        for id in &ids {
            let dir = state.site.config.root.join(INCIDENTS_DIR).join(id);
            if dir.exists() && !dir.is_dir() {
                // A stray file among the folders: let the full loader say so.
                return self.full(false);
            }
            let (incident, diags) = if dir.exists() {
                bayan_site::content::load_one(
                    &state.site.config,
                    &state.site.vocabulary,
                    &dir,
                    self.opts.drafts,
                )
            } else {
                (None, Diagnostics::default())
            };
            if diags.has_errors() {
                self.broken.insert(id.clone(), diags);
                continue;
            }
            self.broken.remove(id);
            warnings.extend(diags);
            let before = state.site.get(id);
            // The advisories whose pages show this one: those it named as
            // related, before the edit as after it (their back-links change).
            let mut shown_on: Vec<String> = before
                .into_iter()
                .chain(incident.as_ref())
                .flat_map(|i| i.related.iter().map(|n| n.id.to_string()))
                .collect();
            // What the lists show of it, as the emitters declare it, before and
            // after: only a change there redoes listings, archives and indexes,
            // and only a change of where it is listed redoes all of them.
            let key = |site: &bayan_site::Site| {
                site.get(id)
                    .map(|i| render::list_keys(site, &state.theme, i))
            };
            let before = key(&state.site);
            state.site.replace(id, incident);
            self.fragments.forget(id);
            let change = ListKeys::change(before.as_ref(), key(&state.site).as_ref());
            self.lists_dirty.add(id, change);
            // And those that link to it or relate to it: their pages name its
            // title and status, and their links are checked against it again.
            shown_on.extend(
                state
                    .site
                    .incidents
                    .iter()
                    .filter(|i| {
                        i.cross_links.iter().any(|l| l.target == *id)
                            || i.related.iter().any(|n| n.id == *id)
                    })
                    .map(|i| i.id.to_string()),
            );
            self.dirty.insert(id.clone());
            self.dirty.extend(shown_on);
        }
        let what = if ids.len() == 1 {
            ids[0].clone()
        } else if ids.is_empty() {
            "static files".into()
        } else {
            bayan_text::plural::en(ids.len(), "advisory", "advisories")
        };
        if changes.contains(&Change::Static) {
            let Some(state) = self.state.as_mut() else {
                return self.full(false);
            };
            match bayan_site::statics::load(&state.site.config.root) {
                Ok(files) => state.site.statics = files,
                Err(e) => {
                    // As a failed render did: the next save rebuilds whole.
                    self.needs_full = true;
                    return Ok(failed(what, e, start));
                }
            }
        }
        if !self.broken.is_empty() {
            let mut all = Diagnostics::default();
            for d in self.broken.values() {
                all.extend(d.clone());
            }
            // The rules over the whole site too, as a full build runs them beside
            // these errors; what they find in a broken advisory's own files (its
            // last good version) waits for its fix.
            if let Some(state) = self.state.as_ref() {
                let own: Vec<String> = self
                    .broken
                    .keys()
                    .map(|id| format!("{INCIDENTS_DIR}/{id}/"))
                    .collect();
                all.extend_from(
                    bayan_site::link::check(&state.site)
                        .into_vec()
                        .into_iter()
                        .filter(|d| !own.iter().any(|p| d.file.starts_with(p.as_str()))),
                );
            }
            all.sort();
            return Ok(Outcome {
                what,
                error: Some(std::sync::Arc::new(Error::Content(all.into_vec()))),
                elapsed: start.elapsed(),
                ..Default::default()
            });
        }
        // The rules over the whole site, as a full build runs them: on an error
        // nothing renders, and the changed incidents stay dirty for the next save.
        let linked = self
            .state
            .as_ref()
            .map(|s| bayan_site::link::check(&s.site))
            .unwrap_or_default();
        if linked.has_errors() {
            return Ok(Outcome {
                what,
                error: Some(std::sync::Arc::new(Error::Content(linked.into_vec()))),
                elapsed: start.elapsed(),
                ..Default::default()
            });
        }
        warnings.extend(linked);
        warnings.sort();
        let dirty: Vec<String> = std::mem::take(&mut self.dirty).into_iter().collect();
        let statics = std::mem::take(&mut self.statics_dirty);
        let lists_dirty = std::mem::take(&mut self.lists_dirty);
        let synced = self.sync(Scope {
            shared: true,
            lists: lists_dirty.lists(),
            incidents: Some(&dirty),
            statics,
            fragments: None,
        });
        let synced = match synced {
            Ok(counts) => counts,
            Err(e) => {
                // What failed to render or write is redone, whole, on the next save.
                self.needs_full = true;
                return Ok(failed(what, e, start));
            }
        };
        Ok(Outcome {
            what,
            written: synced.written,
            deleted: synced.deleted,
            made: synced.made,
            elapsed: start.elapsed(),
            warnings,
            rendered: Some(dirty),
            ..Default::default()
        })
    }

    /// Reloads everything and replaces output/ with it whole, through a staging
    /// folder as `bayan build` does: a template that fails to render or a write
    /// that fails leaves the previous output exactly as it was. Such failures are
    /// reported in the outcome; on the first build only content and template
    /// errors are, so `watch` still starts on a broken site and a bad `--output`
    /// stops it.
    fn full(&mut self, first: bool) -> Result<Outcome, Error> {
        let start = Instant::now();
        let reported = |e: &Error| !first || matches!(e, Error::Content(_) | Error::Theme(_));
        let loaded = match crate::load(&self.opts) {
            Ok(l) => l,
            Err(e) if reported(&e) => {
                self.needs_full = true;
                return Ok(failed("site".into(), e, start));
            }
            Err(e) => return Err(e),
        };
        let warnings = loaded.warnings.clone();
        self.state = Some(loaded);
        self.fragments.clear();
        self.broken.clear();
        self.dirty.clear();
        self.statics_dirty = false;
        self.lists_dirty = ListsDirty::default();
        let state = self
            .state
            .as_ref()
            .ok_or_else(|| Error::Internal("watch mode lost the site it had just loaded".into()))?;
        let mut manifest = BTreeMap::new();
        let written = crate::output::write_with(&self.out, &self.opts.root, |sink| {
            let recorder = Recorder {
                inner: sink,
                files: Produced::default(),
            };
            let ids: Vec<String> = state
                .site
                .incidents
                .iter()
                .map(|i| i.id.to_string())
                .collect();
            let scope = Scope {
                incidents: Some(&ids),
                fragments: Some(&self.fragments),
                ..Scope::ALL
            };
            render::scoped(
                &state.site,
                &state.theme,
                &self.opts.render,
                scope,
                &recorder,
            )?;
            manifest = recorder.files.into_map();
            Ok(())
        });
        if let Err(e) = written {
            self.needs_full = true;
            if reported(&e) {
                return Ok(failed("site".into(), e, start));
            }
            return Err(e);
        }
        let base_path = Some(state.site.config.base.path.clone());
        let written = manifest
            .iter()
            .filter(|(path, (hash, _))| self.manifest.get(*path).is_none_or(|(h, _)| h != hash))
            .count();
        let deleted = self
            .manifest
            .keys()
            .filter(|path| !manifest.contains_key(*path))
            .count();
        let made = manifest.len();
        self.manifest = manifest;
        self.needs_full = false;
        self.out_id = FolderId::of(&self.out);
        Ok(Outcome {
            what: "site".into(),
            written,
            deleted,
            made,
            elapsed: start.elapsed(),
            warnings,
            base_path,
            ..Default::default()
        })
    }

    /// Whether output/ is still the folder this engine last wrote, with bayan's
    /// marker in it: `rm -rf output` or another build swapping its own tree in
    /// makes the manifest wrong, and only a whole rebuild repairs that.
    fn output_intact(&self) -> bool {
        self.out.join(crate::output::MARKER).is_file()
            && self.out_id.is_some()
            && FolderId::of(&self.out) == self.out_id
    }

    /// Renders `scope` (the shared files, the given incidents and, if asked, the
    /// lists and the static files); then, only if all of it rendered, writes what
    /// changed and deletes what the scope's owners had and no longer produce,
    /// holding the output's lock.
    fn sync(&mut self, scope: Scope) -> Result<Synced, Error> {
        let state = self
            .state
            .as_ref()
            .ok_or_else(|| Error::Internal("watch mode lost the site it had just loaded".into()))?;
        let sink = DiffSink {
            manifest: &self.manifest,
            produced: Produced::default(),
            changed: Mutex::new(Vec::new()),
            generated: std::sync::OnceLock::new(),
        };
        // The advisories' fragments as last made, but for those edited since.
        let scope = Scope {
            fragments: Some(&self.fragments),
            ..scope
        };
        // A template failing on any page stops here, before anything is written.
        render::scoped(&state.site, &state.theme, &self.opts.render, scope, &sink)?;
        let owners = scope.owners(&state.site);
        let produced = sink.produced.into_map();
        let changed = sink.changed.into_inner().unwrap_or_else(|e| e.into_inner());
        let _lock = crate::output::lock(&self.out)?;
        for file in &changed {
            write_atomic(&self.out.join(&file.path), &file.bytes)?;
        }
        let stale: Vec<String> = self
            .manifest
            .iter()
            .filter(|(path, (_, owner))| owners.contains(owner) && !produced.contains_key(*path))
            .map(|(p, _)| p.clone())
            .collect();
        for path in &stale {
            let full = self.out.join(path);
            match fs::remove_file(&full) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(Error::io(&full, e)),
            }
            remove_empty_parents(&self.out, &full);
            self.manifest.remove(path);
        }
        let made = produced.len();
        self.manifest.extend(produced);
        Ok(Synced {
            made,
            written: changed.len(),
            deleted: stale.len(),
        })
    }
}

/// What [`Live::sync`] made, wrote and removed.
struct Synced {
    made: usize,
    written: usize,
    deleted: usize,
}

/// What edits since the output last caught up did to the lists.
#[derive(Default)]
struct ListsDirty {
    /// Some advisory's place in them changed: every list is redone.
    all: bool,
    /// Else, the advisories whose list items changed, and the emitters (by
    /// index in `EMITTERS`) whose list files show what changed; each once.
    holding: Vec<String>,
    emitters: Vec<usize>,
}

impl ListsDirty {
    fn add(&mut self, id: &str, change: ListChange) {
        match change {
            ListChange::None => {}
            ListChange::Place => self.all = true,
            ListChange::Shown(emitters) => {
                if !self.holding.iter().any(|h| h == id) {
                    self.holding.push(id.to_owned());
                }
                for e in emitters {
                    if !self.emitters.contains(&e) {
                        self.emitters.push(e);
                    }
                }
            }
        }
    }

    /// Which list files a rebuild makes for these changes.
    fn lists(&self) -> Lists<'_> {
        if self.all {
            Lists::All
        } else if self.emitters.is_empty() {
            Lists::None
        } else {
            Lists::Holding {
                ids: &self.holding,
                emitters: &self.emitters,
            }
        }
    }
}

/// The outcome of a rebuild stopped by `e`.
fn failed(what: String, e: Error, start: Instant) -> Outcome {
    Outcome {
        what,
        output_failed: matches!(e, Error::Io { .. } | Error::Usage(_) | Error::Internal(_)),
        error: Some(std::sync::Arc::new(e)),
        elapsed: start.elapsed(),
        ..Default::default()
    }
}

/// A folder's identity (device and inode on Unix), to tell it from a new folder
/// at the same path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FolderId(u64, u64);

impl FolderId {
    #[cfg(unix)]
    fn of(path: &Path) -> Option<FolderId> {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(path).ok().map(|m| FolderId(m.dev(), m.ino()))
    }

    /// Elsewhere only the marker file tells.
    #[cfg(not(unix))]
    fn of(path: &Path) -> Option<FolderId> {
        path.is_dir().then_some(FolderId(0, 0))
    }
}

/// The files a render produced, by path, with their hashes and owners; a second
/// file at the same path is refused.
/// Paths are also compared folded (NFC, lower case), as `render` does within one
/// render, since a rebuild's render does not see the files it left alone.
#[derive(Default)]
struct Produced(Mutex<ProducedMaps>);

#[derive(Default)]
struct ProducedMaps {
    files: BTreeMap<String, (blake3::Hash, Owner)>,
    /// Folded path → (path, whether it came from content/static).
    folded: std::collections::HashMap<String, (String, bool)>,
}

impl Produced {
    fn add(&self, file: &OutputFile, owner: &Owner) -> Result<blake3::Hash, Error> {
        let hash = blake3::hash(&file.bytes);
        let mut maps = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let is_static = *owner == Owner::Static;
        if let Some((other, other_static)) = maps.folded.get(&bayan_text::fsx::fold(&file.path)) {
            return Err(bayan_render::clash(
                &file.path,
                is_static,
                other,
                *other_static,
            ));
        }
        maps.folded.insert(
            bayan_text::fsx::fold(&file.path),
            (file.path.clone(), is_static),
        );
        maps.files.insert(file.path.clone(), (hash, owner.clone()));
        Ok(hash)
    }

    fn into_map(self) -> BTreeMap<String, (blake3::Hash, Owner)> {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner()).files
    }
}

/// Keeps only what changed, to be written once the whole render succeeded.
struct DiffSink<'a> {
    manifest: &'a BTreeMap<String, (blake3::Hash, Owner)>,
    produced: Produced,
    changed: Mutex<Vec<OutputFile>>,
    /// The generated files on disk, by folded path: a rebuild of the static files
    /// alone must still refuse one that replaces or shadows a page.
    generated: std::sync::OnceLock<std::collections::HashMap<String, String>>,
}

impl DiffSink<'_> {
    fn check_static(&self, path: &str) -> Result<(), Error> {
        let generated = self.generated.get_or_init(|| {
            self.manifest
                .iter()
                .filter(|(_, (_, o))| *o != Owner::Static)
                .map(|(p, _)| (bayan_text::fsx::fold(p), p.clone()))
                .collect()
        });
        match generated.get(&bayan_text::fsx::fold(path)) {
            Some(other) => Err(bayan_render::clash(path, true, other, false)),
            None => Ok(()),
        }
    }
}

impl Sink for DiffSink<'_> {
    fn put(&self, file: OutputFile, owner: &Owner) -> Result<(), Error> {
        if *owner == Owner::Static {
            self.check_static(&file.path)?;
        }
        let hash = self.produced.add(&file, owner)?;
        if self
            .manifest
            .get(&file.path)
            .is_some_and(|(h, _)| *h == hash)
        {
            return Ok(());
        }
        self.changed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(file);
        Ok(())
    }
}

/// Records what the first build wrote, passing each file on to the writer.
struct Recorder<'a> {
    inner: &'a dyn Sink,
    files: Produced,
}

impl Sink for Recorder<'_> {
    fn put(&self, file: OutputFile, owner: &Owner) -> Result<(), Error> {
        self.files.add(&file, owner)?;
        self.inner.put(file, owner)
    }
}

/// Writes `bytes` to a temporary name in the same folder and renames it over
/// `path`, so a reader sees the old file or the new one, never a mix.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.bayan-{}", std::process::id()));
    if let Err(e) = fs::write(&tmp, bytes) {
        // A full disk leaves part of the file: never leave it behind.
        let _ = fs::remove_file(&tmp);
        return Err(Error::io(&tmp, e));
    }
    fs::rename(&tmp, path).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        Error::io(path, e)
    })
}

fn remove_empty_parents(out: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == out || !d.starts_with(out) || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_sorted_by_kind() {
        let root = Path::new("/site");
        assert_eq!(
            classify(root, Path::new("/site/content/site.yaml")),
            Some(Change::Config)
        );
        assert_eq!(
            classify(root, Path::new("/site/content/incidents/a-b/en.md")),
            Some(Change::Incident("a-b".into()))
        );
        assert_eq!(
            classify(root, Path::new("/site/content/incidents/a-b")),
            Some(Change::Incident("a-b".into()))
        );
        assert_eq!(
            classify(root, Path::new("/site/content/static/logo.svg")),
            Some(Change::Static)
        );
        assert_eq!(
            classify(root, Path::new("/site/themes/default/i18n/ar.yaml")),
            Some(Change::Theme)
        );
        assert_eq!(classify(root, Path::new("/site/output/index.html")), None);
        for noise in [
            ".incident.yaml.swp",
            "incident.yaml~",
            "4913",
            "#en.md#",
            ".#en.md",
            "x.tmp",
        ] {
            assert_eq!(
                classify(root, &Path::new("/site/content/incidents/a").join(noise)),
                None,
                "{noise}"
            );
        }
        // content/static refuses hidden files instead of skipping them: a save
        // there rebuilds, so the refusal is seen; editors' files are skipped.
        assert_eq!(
            classify(root, Path::new("/site/content/static/.htaccess")),
            Some(Change::Static)
        );
        assert_eq!(
            classify(root, Path::new("/site/content/static/logo.svg~")),
            None
        );
    }
}
