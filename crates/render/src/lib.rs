//! Rendering: every page, feed and JSON file of the site, handed to a [`Sink`].
//!
//! Pages for each language render in parallel from one parsed theme and go to the
//! sink as soon as they are made, so memory stays flat however many advisories a
//! site holds. Every file's bytes depend only on the input, never on which thread
//! made it or when.
//!
//! The third layer of bayan: it reads the site (`bayan_site`) and the theme, and
//! makes files in memory; writing them is the application's job.

mod archives;
mod assets;
mod copies;
mod csaf;
pub mod emit;
mod feed;
mod fragments;
mod json;
mod listings;
pub mod notice;
pub mod page;
mod pages;
mod redirects;
pub mod sink;
mod sitemap;
pub mod theme;
pub mod view;
mod wellknown;

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::Mutex;

use rayon::prelude::*;

use crate::sink::{OutputFile, Owner, Sink};
use bayan_site::site::Site;
use bayan_text::error::Error;
use emit::{Ctx, Emitter, Out, Part};

pub use assets::Assets;
pub use fragments::Fragments;
pub use page::{ListingView, Options, PageCtx, xml_escape};
pub use theme::Theme;

/// Every output of the site, in the order their files are handed over.
pub const EMITTERS: &[&dyn Emitter] = &[
    &copies::ThemeAssets,
    &pages::Pages,
    &redirects::Redirects,
    &pages::NotFound,
    &listings::Listings,
    &feed::Feeds,
    &archives::Archives,
    &json::Json,
    &sitemap::Sitemap,
    &wellknown::WellKnown,
    &csaf::Csaf,
    &copies::Statics,
];

/// Refuses a second file at the same path, or at a path equal to another's but
/// for letter case or Unicode normalisation (many hosts fold case): a file in
/// content/static must not silently replace, or stand in for, one bayan generates.
struct Unique<'a> {
    inner: &'a dyn Sink,
    /// Folded path → the path when it differs from its folded form (most
    /// generated paths are already folded: not held twice), and whether it came
    /// from content/static.
    seen: Mutex<HashMap<Box<str>, Seen>>,
}

/// What [`Unique`] keeps of a path: the path itself when its folded form
/// differs, and whether it came from content/static.
type Seen = (Option<Box<str>>, bool);

impl Sink for Unique<'_> {
    fn put(&self, file: OutputFile, owner: &Owner) -> Result<(), Error> {
        let from_static = *owner == Owner::Static;
        let earlier = {
            let folded = bayan_text::fsx::fold(&file.path).into_boxed_str();
            let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
            match seen.entry(folded) {
                Entry::Occupied(o) => {
                    let (path, other_static) = o.get();
                    let path = path.as_deref().unwrap_or(o.key());
                    Some((path.to_owned(), *other_static))
                }
                Entry::Vacant(v) => {
                    let differs = **v.key() != *file.path;
                    v.insert((differs.then(|| file.path.clone().into()), from_static));
                    None
                }
            }
        };
        let Some((other, other_static)) = earlier else {
            return self.inner.put(file, owner);
        };
        Err(clash(&file.path, from_static, &other, other_static))
    }
}

/// The error for an output path that equals, or folds equal to, one already
/// produced: both files are named, `content/static/` ones by their source.
pub fn clash(path: &str, from_static: bool, other: &str, other_static: bool) -> Error {
    let name = |path: &str, is_static: bool| {
        if is_static {
            format!("content/static/{path}")
        } else {
            path.to_owned()
        }
    };
    let (this, that) = (name(path, from_static), name(other, other_static));
    let what = if other_static {
        format!("`{that}`")
    } else {
        format!("`{that}`, a file bayan generates")
    };
    let msg = if other == path {
        format!("would overwrite {what}; rename or remove it")
    } else {
        let comma = if other_static { "" } else { "," };
        format!(
            "differs from {what}{comma} only by letter case or Unicode normalisation; many hosts fold case, so one would replace the other: rename or remove it"
        )
    };
    Error::Content(vec![bayan_text::diag::Diagnostic::error(&this, "", msg)])
}

/// Which part of the site to render: a rebuild after one incident changed needs
/// that incident's files and the files every advisory feeds (listings, archives,
/// feeds, the sitemap, the JSON index), not the other incidents' pages.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    /// Assets, feeds, 404, the JSON schema, robots.txt and security.txt.
    pub shared: bool,
    /// What lists every advisory: listing pages, archives, the JSON index, the
    /// sitemap, the CSAF index. An edit that changes nothing the lists show of an
    /// advisory leaves them as they were.
    pub lists: Lists<'a>,
    /// Whose own pages, attachments and JSON records: `None` for every incident.
    pub incidents: Option<&'a [String]>,
    /// The files copied from content/static.
    pub statics: bool,
    /// What advisories' list items, index and feed entries were made by earlier
    /// renders (watch mode's), to reuse; `None`: this render's own.
    pub fragments: Option<&'a Fragments>,
}

/// Which list files a rebuild makes (see [`emit::ListKey`]).
#[derive(Debug, Clone, Copy)]
pub enum Lists<'a> {
    None,
    /// Of the emitters at these indices of `EMITTERS`, the list files that hold
    /// one of these advisories (and list files that are one file for the whole
    /// site, such as the JSON index), for edits that changed what the lists
    /// show of those advisories but not where they are listed.
    Holding {
        ids: &'a [String],
        emitters: &'a [usize],
    },
    All,
}

impl Scope<'_> {
    pub const ALL: Scope<'static> = Scope {
        shared: true,
        lists: Lists::All,
        incidents: None,
        statics: true,
        fragments: None,
    };

    fn includes(&self, id: &str) -> bool {
        self.incidents.is_none_or(|ids| ids.iter().any(|i| i == id))
    }

    /// The owners of every file this scope renders: what a rebuild of it may
    /// rewrite, and delete when it no longer makes them.
    pub fn owners(&self, site: &Site) -> std::collections::BTreeSet<Owner> {
        let parts = [
            (self.shared, Part::Shared),
            // A partial refresh makes only some list files, and removes none:
            // what placed no advisory anew made and unmade no list file.
            (matches!(self.lists, Lists::All), Part::Lists),
            (self.statics, Part::Static),
        ];
        // The ids asked for, whether or not the site still has them: the files of
        // an advisory that was deleted must go too.
        let incidents: Vec<Owner> = match self.incidents {
            Some(ids) => ids.iter().map(|id| Owner::Incident(id.clone())).collect(),
            None => site
                .incidents
                .iter()
                .map(|i| Owner::Incident(i.id.to_string()))
                .collect(),
        };
        parts
            .into_iter()
            .filter(|(on, _)| *on)
            .map(|(_, p)| Owner::from(p))
            .chain(incidents)
            .collect()
    }
}

/// Every file of the site, into `sink`.
pub fn site(site: &Site, theme: &Theme, opts: &Options, sink: &dyn Sink) -> Result<(), Error> {
    scoped(site, theme, opts, Scope::ALL, sink)
}

/// The files in `scope`, into `sink`, each tagged with its owner: every emitter
/// of `emit::EMITTERS` is asked for the site-wide parts in scope and, for
/// each incident in scope, for that incident's files.
pub fn scoped(
    site: &Site,
    theme: &Theme,
    opts: &Options,
    scope: Scope,
    sink: &dyn Sink,
) -> Result<(), Error> {
    let sink = &Unique {
        inner: sink,
        seen: Mutex::new(HashMap::new()),
    };
    let mut cx = Ctx::new(site, theme, opts)?;
    if let Some(lent) = scope.fragments {
        cx.fragments = fragments::Held::Lent(lent);
    }
    let emitters = EMITTERS;
    let part = |cx: &Ctx, part: Part, which: &(dyn Fn(usize) -> bool + Sync)| {
        let out = Out::new(sink, Owner::from(part));
        (0..emitters.len())
            .into_par_iter()
            .filter(|&n| which(n))
            .try_for_each(|n| emitters[n].site(cx, part, &out))
    };
    let every = |_: usize| true;
    if scope.shared {
        part(&cx, Part::Shared, &every)?;
    }
    site.incidents
        .par_iter()
        .filter(|inc| scope.includes(&inc.id))
        .try_for_each(|inc| {
            let out = Out::new(sink, Owner::Incident(inc.id.to_string()));
            let made = emitters.iter().try_for_each(|e| e.incident(&cx, inc, &out));
            // Its page and feeds are made: its body's HTML is not held on.
            cx.fragments.drop_bodies(Some(&inc.id));
            made
        })?;
    match scope.lists {
        Lists::None => {}
        Lists::All => part(&cx, Part::Lists, &every)?,
        Lists::Holding { ids, emitters } => {
            cx.holding = Some(ids);
            part(&cx, Part::Lists, &|n| emitters.contains(&n))?;
            cx.holding = None;
        }
    }
    // Last, so a clash with a generated file is reported on the static one.
    if scope.statics {
        part(&cx, Part::Static, &every)?;
    }
    // Bodies the site's feeds rendered for advisories not in scope.
    cx.fragments.drop_bodies(None);
    Ok(())
}

/// What the lists (listings, archives, the JSON index, the sitemap, the CSAF
/// index) show of `inc` on `site`, as hashes of every emitter's declaration
/// ([`emit::Emitter::list_key`]): watch mode compares them before and after an
/// edit ([`emit::ListKeys::change`]), and redoes the lists, or only the list
/// files holding the advisory, when they changed.
pub fn list_keys(site: &Site, theme: &Theme, inc: &bayan_site::model::Incident) -> emit::ListKeys {
    let cx = emit::KeyCx::new(site, theme);
    let keys: Vec<emit::ListKey> = EMITTERS
        .iter()
        .map(|e| {
            let mut key = emit::ListKey::default();
            e.list_key(&cx, inc, &mut key);
            key
        })
        .collect();
    emit::ListKeys::new(&keys)
}

/// The whole site in memory, sorted by path: for tests and the preview server.
pub fn to_memory(s: &Site, theme: &Theme, opts: &Options) -> Result<Vec<OutputFile>, Error> {
    let sink = crate::sink::MemorySink::default();
    site(s, theme, opts, &sink)?;
    Ok(sink.into_files())
}
