//! The site model: configuration and incidents, ordered and addressed.
//!
//! Everything the renderer needs to know about where a page lives is decided here,
//! once: the file it is written to, its root-relative link (carrying base_url's
//! path) and its absolute URL.

use jiff::Timestamp;

use crate::config::Config;
use crate::model::Incident;
use crate::vocabulary::Vocabulary;
use bayan_text::lang::Lang;
pub use bayan_text::routes::Page;
use bayan_text::routes::Routes;

/// The model every output is rendered from: the configuration, the published
/// advisories newest first, the vocabulary and the build's "now".
pub struct Site {
    pub config: Config,
    /// The advisories this build makes pages for, newest first by `published`,
    /// ties broken by id: the public ones, and in a preview drafts and
    /// scheduled ones too.
    pub incidents: Vec<Incident>,
    /// The advisories loaded but not built (drafts and scheduled ones outside a
    /// preview), by id: a link to one is an error that says why.
    pub held: Vec<Held>,
    /// The scheduled advisories among `held`, whole: they are checked as if
    /// published (links, updates, laws), so that the night one goes out is not
    /// the first time anything judges it.
    pub pending: Vec<Incident>,
    /// A preview build (`--drafts`): drafts and scheduled advisories are built,
    /// and every page asks search engines not to index it.
    pub preview: bool,
    /// Indices into `incidents` of what listings show, newest first: every
    /// built advisory but the withdrawn ones.
    pub listed: Vec<usize>,
    pub vocabulary: Vocabulary,
    /// The one "now" a site holds: [`BuildOptions::now`](crate::BuildOptions),
    /// else the clock.
    pub now: Timestamp,
    /// Years with listed advisories, newest first, each with its advisories'
    /// indices into `incidents` (newest first): the archive pages.
    pub years: Vec<(i16, Vec<usize>)>,
    /// Each built advisory's index in `incidents`, by id.
    by_id: std::collections::HashMap<crate::model::IncidentId, usize>,
    /// For each built advisory, those whose `related:` names it.
    named_by: Vec<Vec<usize>>,
    /// The files of `content/static/`, read and checked when the site loaded.
    pub statics: Vec<crate::statics::StaticFile>,
    /// The folders whose errors kept them from loading, by id: when the link
    /// phase runs beside those errors, a link to one is neither checked nor
    /// called missing.
    pub unloaded: Vec<String>,
}

/// An advisory loaded but not built: a draft, or scheduled for later.
#[derive(Debug, Clone)]
pub struct Held {
    pub id: crate::model::IncidentId,
    pub draft: bool,
    pub published: bayan_text::dates::When,
}

impl Site {
    /// The site of `incidents` as built at `now`: an advisory published after
    /// `now` is scheduled, and it and drafts are built only in a `preview`.
    pub fn new(
        config: Config,
        incidents: Vec<Incident>,
        vocabulary: Vocabulary,
        now: Timestamp,
        preview: bool,
    ) -> Site {
        let mut site = Site {
            config,
            incidents: Vec::with_capacity(incidents.len()),
            held: Vec::new(),
            pending: Vec::new(),
            preview,
            listed: Vec::new(),
            vocabulary,
            now,
            years: Vec::new(),
            by_id: Default::default(),
            named_by: Vec::new(),
            statics: Vec::new(),
            unloaded: Vec::new(),
        };
        for inc in incidents {
            site.admit(inc);
        }
        site.reindex();
        site
    }

    /// Puts `incident` in place of the one with `id` (or adds it), or removes that
    /// one when `incident` is `None`: what watch mode does when one folder changed.
    pub fn replace(&mut self, id: &str, incident: Option<Incident>) {
        self.incidents.retain(|i| i.id.as_str() != id);
        self.held.retain(|h| h.id.as_str() != id);
        self.pending.retain(|i| i.id.as_str() != id);
        if let Some(inc) = incident {
            self.admit(inc);
        }
        self.reindex();
    }

    /// Files a loaded incident as built or held.
    fn admit(&mut self, mut inc: Incident) {
        inc.scheduled = inc.published.ts > self.now;
        if self.preview || inc.is_public() {
            self.incidents.push(inc);
        } else {
            self.held.push(Held {
                id: inc.id.clone(),
                draft: inc.draft,
                published: inc.published,
            });
            if !inc.draft {
                self.pending.push(inc);
            }
        }
    }

    /// What the link phase judges: every advisory built, and the scheduled ones
    /// held back, as they will be once out.
    pub fn checked(&self) -> impl Iterator<Item = &Incident> {
        self.incidents.iter().chain(&self.pending)
    }

    /// Every scheduled advisory (built in a preview or held back), with when it
    /// goes out, soonest first.
    pub fn scheduled(&self) -> Vec<(&crate::model::IncidentId, bayan_text::dates::When)> {
        let mut out: Vec<_> = self
            .incidents
            .iter()
            .filter(|i| i.scheduled)
            .map(|i| (&i.id, i.published))
            .chain(
                self.held
                    .iter()
                    .filter(|h| !h.draft && h.published.ts > self.now)
                    .map(|h| (&h.id, h.published)),
            )
            .collect();
        out.sort_by(|a, b| a.1.ts.cmp(&b.1.ts).then_with(|| a.0.cmp(b.0)));
        out
    }

    /// The built advisory with `id`.
    pub fn get(&self, id: &str) -> Option<&Incident> {
        self.by_id.get(id).map(|&i| &self.incidents[i])
    }

    /// The listed advisories, newest first.
    pub fn listed(&self) -> impl Iterator<Item = &Incident> {
        self.listed.iter().map(|&i| &self.incidents[i])
    }

    /// What feeds and the sitemap may name: the public advisories built, never
    /// a draft or a scheduled one, in previews too. Feeds also leave out
    /// withdrawn ones ([`Incident::is_announced`]).
    pub fn public(&self) -> impl Iterator<Item = &Incident> {
        self.incidents.iter().filter(|i| i.is_public())
    }

    /// The advisories that show `id` as related: those that name it in
    /// `related:` and those it names, each once, its own list first.
    pub fn related_to(&self, inc: &Incident) -> Vec<&Incident> {
        let mut out: Vec<&Incident> = inc.related.iter().filter_map(|n| self.get(&n.id)).collect();
        let back = self.by_id.get(&inc.id).map(|&i| &self.named_by[i]);
        for &j in back.into_iter().flatten() {
            let other = &self.incidents[j];
            if !out.iter().any(|o| o.id == other.id) {
                out.push(other);
            }
        }
        out
    }

    /// The advisory built or scheduled with `id`.
    pub fn checked_get(&self, id: &str) -> Option<&Incident> {
        self.get(id)
            .or_else(|| self.pending.iter().find(|i| i.id.as_str() == id))
    }

    /// The advisory that first told of the breach `inc` follows up on (through
    /// `continues:`, followed to its start), or `inc` itself. A loop or a
    /// missing link stops the walk: the link phase reports those.
    pub fn breach_of<'s>(&'s self, inc: &'s Incident) -> &'s Incident {
        let mut at = inc;
        for _ in 0..self.incidents.len() + self.pending.len() {
            match at.continues.as_ref().and_then(|n| self.checked_get(&n.id)) {
                Some(next) if next.id != inc.id => at = next,
                _ => break,
            }
        }
        at
    }

    /// The built advisories whose `continues:` names `inc`, oldest first.
    pub fn follow_ups(&self, inc: &Incident) -> Vec<&Incident> {
        let mut out: Vec<&Incident> = self
            .incidents
            .iter()
            .filter(|i| i.continues.as_ref().is_some_and(|n| n.id == inc.id))
            .collect();
        out.reverse();
        out
    }

    /// Restores the order every listing relies on and the year index.
    fn reindex(&mut self) {
        self.incidents.sort_by(|a, b| {
            b.published
                .ts
                .cmp(&a.published.ts)
                .then_with(|| a.id.cmp(&b.id))
        });
        self.held.sort_by(|a, b| a.id.cmp(&b.id));
        self.pending.sort_by(|a, b| a.id.cmp(&b.id));
        self.by_id = self
            .incidents
            .iter()
            .enumerate()
            .map(|(i, inc)| (inc.id.clone(), i))
            .collect();
        self.named_by = vec![Vec::new(); self.incidents.len()];
        for (j, inc) in self.incidents.iter().enumerate() {
            for n in &inc.related {
                if let Some(&i) = self.by_id.get(&n.id) {
                    self.named_by[i].push(j);
                }
            }
        }
        self.listed = (0..self.incidents.len())
            .filter(|&i| self.incidents[i].withdrawn.is_none())
            .collect();
        let mut by_year: std::collections::BTreeMap<i16, Vec<usize>> = Default::default();
        for &i in &self.listed {
            let inc = &self.incidents[i];
            let year = inc
                .published
                .ts
                .to_zoned(self.config.timezone.clone())
                .year();
            by_year.entry(year).or_default().push(i);
        }
        self.years = by_year.into_iter().rev().collect();
    }

    /// How many listing pages a language has (at least one, even when empty).
    pub fn listing_pages(&self) -> usize {
        self.listed.len().div_ceil(self.config.page_size).max(1)
    }

    /// Where every output lives, under this site's base URL and URL style.
    pub fn routes(&self) -> Routes<'_> {
        Routes::new(&self.config.base, self.config.url_style)
    }

    /// Listing page `n` (1-based): page 1 is the language's listing itself.
    pub fn listing_page(&self, lang: &Lang, n: usize) -> Page {
        self.routes().listing_page(lang, n)
    }

    /// The archive of one year's advisories.
    pub fn archive(&self, lang: &Lang, year: i16) -> Page {
        self.routes().archive(lang, year)
    }

    /// A language's listing.
    pub fn listing(&self, lang: &Lang) -> Page {
        self.routes().listing(lang)
    }

    pub fn incident(&self, lang: &Lang, id: &str) -> Page {
        self.routes().incident(lang, id)
    }

    /// An advisory's short address in `lang`, for SMS (see `Routes::short`).
    pub fn short(&self, lang: &Lang, id: &str) -> Page {
        self.routes().short(lang, self.config.default_lang(), id)
    }

    /// The root `index.html`.
    pub fn home(&self) -> Page {
        self.routes().home()
    }

    /// A file that is not a page (feed, JSON, asset), by its path under the root.
    pub fn file_href(&self, path: &str) -> String {
        self.routes().href(path)
    }

    pub fn file_abs(&self, path: &str) -> String {
        self.routes().abs(path)
    }
}
