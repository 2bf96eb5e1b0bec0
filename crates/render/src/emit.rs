//! The seam for outputs: each kind of output is one [`Emitter`], registered once
//! in `EMITTERS`.
//!
//! The driver ([`super::scoped`]) asks every emitter for the site-wide files of
//! each [`Part`] in scope, and for each incident in scope, for that incident's
//! files, handing it an [`Out`] that tags every file with its [`Owner`]. So an
//! emitter never says who owns what it writes, and watch mode knows which files
//! an incident made wherever they are written (a CSAF document under
//! `.well-known/csaf/YEAR/` as well as a page under `{lang}/incidents/{id}/`).
//!
//! Adding an output is one new file holding its emitter and one line in
//! `EMITTERS` (in the crate root, which alone knows every emitter); its paths are spelled in [`bayan_text::routes`].

use crate::sink::{OutputFile, Owner, Sink};
use crate::theme::Theme;
use bayan_site::model::Incident;
use bayan_site::site::Site;
use bayan_text::error::Error;
use bayan_text::lang::Lang;
use bayan_text::routes::Routes;

use super::view::{IncidentView, LangCtx, PageMeta};
use crate::assets::Assets;
use crate::page::{ListingView, Options, PageCtx};

/// The site-wide files, by what they depend on: a rebuild after one incident
/// changed redoes [`Part::Shared`] always, [`Part::Lists`] only when what the
/// lists show of it changed (its [`ListKey`], from every emitter's
/// [`Emitter::list_key`]), and [`Part::Static`] only when content/static did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Assets, feeds, the 404 page, the JSON schema, robots.txt, security.txt.
    Shared,
    /// What lists every advisory: listing pages, year archives, the JSON index,
    /// the sitemap, the CSAF index files.
    Lists,
    /// The files copied from content/static.
    Static,
}

/// The files of a site-wide part belong to that part (see [`Owner`]).
impl From<Part> for Owner {
    fn from(part: Part) -> Owner {
        match part {
            Part::Shared => Owner::Shared,
            Part::Lists => Owner::Lists,
            Part::Static => Owner::Static,
        }
    }
}

/// One kind of output. Both methods default to making nothing.
pub trait Emitter: Sync {
    /// The files of `part` this output makes from the site as a whole.
    fn site(&self, cx: &Ctx, part: Part, out: &Out) -> Result<(), Error> {
        let _ = (cx, part, out);
        Ok(())
    }

    /// The files this output makes from one incident.
    fn incident(&self, cx: &Ctx, inc: &Incident, out: &Out) -> Result<(), Error> {
        let _ = (cx, inc, out);
        Ok(())
    }

    /// Everything of `inc` this output's [`Part::Lists`] files show, or are
    /// ordered or filtered by, added to `key`. Watch mode redoes the lists after
    /// an edit only when the edited incident's key changed, so an emitter that
    /// makes list files must declare here what it reads of an incident (a test
    /// holds every such emitter to it).
    fn list_key(&self, cx: &KeyCx, inc: &Incident, key: &mut ListKey) {
        let _ = (cx, inc, key);
    }
}

/// What [`Emitter::list_key`] may read: the site and each language's context,
/// made without the theme's assets or template values, so a key costs little.
pub struct KeyCx<'a> {
    pub site: &'a Site,
    /// One per configured language, in the configured order.
    pub langs: Vec<LangCtx<'a>>,
}

impl<'a> KeyCx<'a> {
    pub fn new(site: &'a Site, theme: &'a Theme) -> Self {
        let langs = site
            .config
            .languages
            .iter()
            .map(|lang| LangCtx::new(site, theme, lang))
            .collect();
        KeyCx { site, langs }
    }
}

/// Two hashes of what the lists show of one incident, each emitter adding the
/// values it reads, as they serialize (a view, a record entry), under a name of
/// its own:
///
/// - its **place** ([`ListKey::place`], [`ListKey::add_placement`]): whatever
///   decides which list files exist and which of them hold the incident, or
///   shows on list files that do not hold it (whether and when it is listed,
///   whether it is open, the classes and vendors it names and their labels);
/// - what it **shows** ([`ListKey::add`]) on the list files that hold it: its
///   list item (title, summary, badges, dates), its entry in an index file.
///
/// Watch mode redoes every list when the place moved, and only the list files
/// holding the incident (of the emitters whose shown part moved) when only what
/// it shows did: a title edit re-renders a few pages, not every list.
pub struct ListKey {
    place: blake3::Hasher,
    shown: blake3::Hasher,
    added: usize,
}

impl Default for ListKey {
    fn default() -> Self {
        ListKey {
            place: blake3::Hasher::new(),
            shown: blake3::Hasher::new(),
            added: 0,
        }
    }
}

fn hash_into(hasher: &mut blake3::Hasher, name: &str, value: &impl serde::Serialize) {
    hasher.update(name.as_bytes());
    hasher.update(&[0]);
    // Writing into a hasher cannot fail; a value that cannot serialize (none of
    // bayan's) would only make the key coarser.
    let _ = serde_json::to_writer(&mut *hasher, value);
    hasher.update(&[0]);
}

impl ListKey {
    /// Adds `value` (as JSON) under `name` to what the list files holding the
    /// incident show of it.
    pub fn add(&mut self, name: &str, value: &impl serde::Serialize) {
        hash_into(&mut self.shown, name, value);
        self.added += 1;
    }

    /// Adds `value` (as JSON) under `name` to the incident's place: which list
    /// files exist, which hold it, and what files not holding it show of it.
    pub fn place(&mut self, name: &str, value: &impl serde::Serialize) {
        hash_into(&mut self.place, name, value);
        self.added += 1;
    }

    /// Whether and where `inc` is listed, under `name`: withdrawn, draft and
    /// scheduled advisories leave or join the lists, which are ordered by the
    /// instant of publication (and split by its year); an open advisory is on
    /// the open list and in every listing's count of open ones.
    pub fn add_placement(&mut self, name: &str, inc: &Incident) {
        self.place(
            name,
            &(
                inc.withdrawn.is_some(),
                inc.draft,
                inc.scheduled,
                bayan_text::dates::rfc3339(inc.published),
                inc.status == bayan_site::model::Status::Resolved,
            ),
        );
    }

    /// How many values were added.
    pub fn added(&self) -> usize {
        self.added
    }
}

/// An incident's [`ListKey`]s: its place, over every emitter, and what each
/// emitter's lists show of it (in the order of `EMITTERS`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListKeys {
    place: blake3::Hash,
    shown: Vec<blake3::Hash>,
}

/// How an edit changed what the lists show of an incident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListChange {
    /// Nothing any list shows.
    None,
    /// Only what the list files holding it show, in the emitters at these
    /// indices of `EMITTERS`.
    Shown(Vec<usize>),
    /// Its place: every list is redone.
    Place,
}

impl ListKeys {
    /// Of `keys`, one per emitter in the order of `EMITTERS`.
    pub fn new(keys: &[ListKey]) -> Self {
        let mut place = blake3::Hasher::new();
        for k in keys {
            place.update(k.place.finalize().as_bytes());
        }
        ListKeys {
            place: place.finalize(),
            shown: keys.iter().map(|k| k.shown.finalize()).collect(),
        }
    }

    /// What changed from `self` to `after`; an incident that appears or goes
    /// changes its place.
    pub fn change(before: Option<&Self>, after: Option<&Self>) -> ListChange {
        match (before, after) {
            (None, None) => ListChange::None,
            (Some(b), Some(a)) if b.place == a.place => {
                let moved: Vec<usize> = (b.shown.iter().zip(&a.shown))
                    .enumerate()
                    .filter(|(_, (b, a))| b != a)
                    .map(|(n, _)| n)
                    .collect();
                if moved.is_empty() {
                    ListChange::None
                } else {
                    ListChange::Shown(moved)
                }
            }
            _ => ListChange::Place,
        }
    }
}

/// Where an emitter puts its files: the driver's sink, with the owner the driver
/// chose for them.
pub struct Out<'a> {
    sink: &'a dyn Sink,
    owner: Owner,
}

impl<'a> Out<'a> {
    pub fn new(sink: &'a dyn Sink, owner: Owner) -> Self {
        Out { sink, owner }
    }

    pub fn put(&self, file: OutputFile) -> Result<(), Error> {
        self.sink.put(file, &self.owner)
    }
}

/// What every emitter may read: the site, its theme and assets, the routes, and
/// each language's template values, made once per render.
pub struct Ctx<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    pub opts: &'a Options,
    pub routes: Routes<'a>,
    pub assets: Assets,
    /// One per configured language, in the configured order.
    pub langs: Vec<LangPrep<'a>>,
    /// Open (not yet resolved) advisories among those listed.
    pub open_count: usize,
    /// When only what the lists show of some advisories changed (not where they
    /// are listed), those advisories: a list emitter then makes only its files
    /// that hold one of them ([`Ctx::holds`]). `None`: every list file.
    pub holding: Option<&'a [String]>,
    /// Each advisory's list items, index and feed entries: kept across
    /// rebuilds in watch mode (see [`crate::fragments`]).
    pub fragments: crate::fragments::Held<'a>,
}

impl<'a> Ctx<'a> {
    pub fn new(site: &'a Site, theme: &'a Theme, opts: &'a Options) -> Result<Self, Error> {
        let assets = Assets::build(site, theme)?;
        let langs = site
            .config
            .languages
            .iter()
            .map(|lang| {
                let cx = LangCtx::new(site, theme, lang);
                let sv = crate::page::site_view(&cx, &assets);
                LangPrep {
                    i18n_value: tera::Value::from_serializable(cx.i18n),
                    site_value: tera::Value::from_serializable(&sv),
                    cx,
                }
            })
            .collect();
        let open_count = site
            .listed()
            .filter(|i| i.status != bayan_site::model::Status::Resolved)
            .count();
        Ok(Ctx {
            site,
            theme,
            opts,
            routes: site.routes(),
            assets,
            langs,
            open_count,
            holding: None,
            fragments: crate::fragments::Held::Own(Default::default()),
        })
    }

    /// `inc`'s body in `lang` as HTML, rendered once for its page and feeds.
    pub fn body_html(&self, inc: &Incident, lang: &Lang) -> std::sync::Arc<str> {
        self.fragments.body(&inc.id, lang.as_str(), || {
            bayan_site::content::body_html(&self.site.config, inc, lang)
        })
    }

    /// `inc`'s list item in `lp`'s language, as the template gets it (in watch
    /// mode, as an earlier rebuild made it, unless `inc` changed since).
    pub fn item(&self, lp: &LangPrep, inc: &Incident) -> tera::Value {
        self.fragments.item(&inc.id, lp.lang().as_str(), || {
            tera::Value::from_serializable(&lp.cx.list_item(inc))
        })
    }

    /// Whether a list file showing `advisories` is to be made: always, unless
    /// the lists are refreshed only where they hold some advisories.
    pub fn holds<'i>(&self, mut advisories: impl Iterator<Item = &'i Incident>) -> bool {
        match self.holding {
            None => true,
            Some(ids) => advisories.any(|i| ids.iter().any(|id| id.as_str() == i.id.as_str())),
        }
    }

    /// Whether to make the list files that hold no advisory's item (index
    /// pages with counts, redirects): only when every list file is made.
    pub fn all_lists(&self) -> bool {
        self.holding.is_none()
    }
}

/// What depends only on the language, shared by that language's pages: the
/// language-wide template values are converted once, not for every page.
pub struct LangPrep<'a> {
    pub cx: LangCtx<'a>,
    i18n_value: tera::Value,
    site_value: tera::Value,
}

impl LangPrep<'_> {
    pub fn lang(&self) -> &Lang {
        self.cx.lang
    }

    pub fn page_ctx<'s>(
        &'s self,
        page: PageMeta,
        listing: Option<ListingView>,
        incident: Option<IncidentView<'s>>,
    ) -> PageCtx<'s> {
        let lang = self.cx.lang;
        PageCtx {
            lang: lang.as_str(),
            dir: lang.direction().as_str(),
            i18n: &self.i18n_value,
            site: &self.site_value,
            page,
            listing,
            incident,
        }
    }
}
