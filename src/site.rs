//! The site model: configuration and incidents, ordered and addressed.
//!
//! Everything the renderer needs to know about where a page lives is decided here,
//! once: the file it is written to, its root-relative link (carrying base_url's
//! path) and its absolute URL.

use jiff::Timestamp;

use crate::config::Config;
use crate::lang::Lang;
use crate::model::Incident;
pub(crate) use crate::routes::Page;
use crate::routes::Routes;
use crate::vocabulary::Vocabulary;

/// The model every output is rendered from: the configuration, the published
/// advisories newest first, the vocabulary and the build's "now".
pub struct Site {
    pub(crate) config: Config,
    /// Newest first by `published`, ties broken by id.
    pub(crate) incidents: Vec<Incident>,
    pub(crate) vocabulary: Vocabulary,
    /// The one "now" a site holds: [`BuildOptions::now`](crate::BuildOptions),
    /// else the clock.
    pub now: Timestamp,
    /// Years with advisories, newest first, each with its advisories' indices into
    /// `incidents` (newest first): the archive pages.
    pub(crate) years: Vec<(i16, Vec<usize>)>,
    /// The files of `content/static/`, read and checked when the site loaded.
    pub(crate) statics: Vec<crate::output::OutputFile>,
}

impl Site {
    pub(crate) fn new(
        config: Config,
        incidents: Vec<Incident>,
        vocabulary: Vocabulary,
        now: Timestamp,
    ) -> Site {
        let mut site = Site {
            config,
            incidents,
            vocabulary,
            now,
            years: Vec::new(),
            statics: Vec::new(),
        };
        site.reindex();
        site
    }

    /// Puts `incident` in place of the one with `id` (or adds it), or removes that
    /// one when `incident` is `None`: what watch mode does when one folder changed.
    pub(crate) fn replace(&mut self, id: &str, incident: Option<Incident>) {
        self.incidents.retain(|i| i.id.as_str() != id);
        self.incidents.extend(incident);
        self.reindex();
    }

    /// Restores the order every listing relies on and the year index.
    fn reindex(&mut self) {
        self.incidents.sort_by(|a, b| {
            b.published
                .ts
                .cmp(&a.published.ts)
                .then_with(|| a.id.cmp(&b.id))
        });
        let mut by_year: std::collections::BTreeMap<i16, Vec<usize>> = Default::default();
        for (i, inc) in self.incidents.iter().enumerate() {
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
    pub(crate) fn listing_pages(&self) -> usize {
        self.incidents.len().div_ceil(self.config.page_size).max(1)
    }

    /// Where every output lives, under this site's base URL and URL style.
    pub(crate) fn routes(&self) -> Routes<'_> {
        Routes::new(&self.config.base, self.config.url_style)
    }

    /// Listing page `n` (1-based): page 1 is the language's listing itself.
    pub(crate) fn listing_page(&self, lang: &Lang, n: usize) -> Page {
        self.routes().listing_page(lang, n)
    }

    /// The archive of one year's advisories.
    pub(crate) fn archive(&self, lang: &Lang, year: i16) -> Page {
        self.routes().archive(lang, year)
    }

    /// A language's listing.
    pub(crate) fn listing(&self, lang: &Lang) -> Page {
        self.routes().listing(lang)
    }

    pub(crate) fn incident(&self, lang: &Lang, id: &str) -> Page {
        self.routes().incident(lang, id)
    }

    /// The root `index.html`.
    pub(crate) fn home(&self) -> Page {
        self.routes().home()
    }

    /// A file that is not a page (feed, JSON, asset), by its path under the root.
    pub(crate) fn file_href(&self, path: &str) -> String {
        self.routes().href(path)
    }

    pub(crate) fn file_abs(&self, path: &str) -> String {
        self.routes().abs(path)
    }
}
