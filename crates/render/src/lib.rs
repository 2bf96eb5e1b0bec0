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
mod csaf;
mod csaf_index;
pub mod emit;
mod feed;
mod json;
pub mod legal_view;
mod listings;
pub mod notice;
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
use serde::Serialize;

use crate::sink::{OutputFile, Owner, Sink};
use bayan_site::site::{Page, Site};
use bayan_text::error::Error;
use bayan_text::lang::Lang;
use emit::{Ctx, Out, Part};
use view::{Alternate, IncidentView, LangCtx, ListItem, PageMeta, SiteView};

pub use assets::Assets;
pub use theme::Theme;

/// Knobs that are not part of the site's content.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Past this many URLs the sitemap becomes a sitemap index of several files
    /// (the sitemaps.org limit is 50,000).
    pub sitemap_max_urls: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            sitemap_max_urls: 50_000,
        }
    }
}

/// What one page's template gets. The language-wide parts (`i18n`, `site`) are
/// converted to template values once per language and shared by reference, not
/// serialized again for every page.
pub struct PageCtx<'a> {
    lang: &'a str,
    dir: &'static str,
    i18n: &'a tera::Value,
    site: &'a tera::Value,
    page: PageMeta,
    listing: Option<ListingView<'a>>,
    incident: Option<IncidentView<'a>>,
}

impl PageCtx<'_> {
    fn context(&self) -> tera::Context {
        let mut c = tera::Context::new();
        c.insert("lang", self.lang);
        c.insert("dir", self.dir);
        c.insert_value("i18n", self.i18n.clone());
        c.insert_value("site", self.site.clone());
        c.insert("page", &self.page);
        c.insert("listing", &self.listing);
        c.insert("incident", &self.incident);
        c
    }
}

/// One listing page, or one year's archive.
#[derive(Serialize)]
pub struct ListingView<'a> {
    items: Vec<ListItem<'a>>,
    /// Open (not yet resolved) advisories on the whole site.
    open_count: usize,
    open_count_text: String,
    /// Where the "N open advisories" notice links: the open listing, except
    /// on that page itself.
    open_href: Option<String>,
    /// Set on `{lang}/open/`: the page lists only advisories not yet resolved.
    open_only: bool,
    pagination: Option<view::Pagination>,
    years: Vec<view::YearLink>,
    /// Set on an archive page: the year shown.
    year: Option<String>,
}

/// Refuses a second file at the same path, or at a path equal to another's but
/// for letter case or Unicode normalisation (many hosts fold case): a file in
/// content/static must not silently replace, or stand in for, one bayan generates.
struct Unique<'a> {
    inner: &'a dyn Sink,
    /// Folded path → (path, whether it came from content/static).
    seen: Mutex<HashMap<String, (String, bool)>>,
}

impl Sink for Unique<'_> {
    fn put(&self, file: OutputFile, owner: &Owner) -> Result<(), Error> {
        let from_static = *owner == Owner::Static;
        let earlier = {
            let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
            match seen.entry(bayan_text::fsx::fold(&file.path)) {
                Entry::Occupied(o) => Some(o.get().clone()),
                Entry::Vacant(v) => {
                    v.insert((file.path.clone(), from_static));
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
    /// What lists every advisory: listing pages, year archives, the JSON index and
    /// the sitemap. An edit that changes no advisory's title, summary, status,
    /// severity or dates leaves them as they were.
    pub lists: bool,
    /// Whose own pages, attachments and JSON records: `None` for every incident.
    pub incidents: Option<&'a [String]>,
    /// The files copied from content/static.
    pub statics: bool,
}

impl Scope<'_> {
    pub const ALL: Scope<'static> = Scope {
        shared: true,
        lists: true,
        incidents: None,
        statics: true,
    };

    fn includes(&self, id: &str) -> bool {
        self.incidents.is_none_or(|ids| ids.iter().any(|i| i == id))
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
    let cx = Ctx::new(site, theme, opts)?;
    let emitters = emit::EMITTERS;
    let part = |part: Part, owner: Owner| {
        let out = Out::new(sink, owner);
        emitters
            .par_iter()
            .try_for_each(|e| e.site(&cx, part, &out))
    };
    if scope.shared {
        part(Part::Shared, Owner::Shared)?;
    }
    site.incidents
        .par_iter()
        .filter(|inc| scope.includes(&inc.id))
        .try_for_each(|inc| {
            let out = Out::new(sink, Owner::Incident(inc.id.to_string()));
            emitters.iter().try_for_each(|e| e.incident(&cx, inc, &out))
        })?;
    if scope.lists {
        part(Part::Lists, Owner::Lists)?;
    }
    // Last, so a clash with a generated file is reported on the static one.
    if scope.statics {
        part(Part::Static, Owner::Static)?;
    }
    Ok(())
}

/// The whole site in memory, sorted by path: for tests and the preview server.
pub fn to_memory(s: &Site, theme: &Theme, opts: &Options) -> Result<Vec<OutputFile>, Error> {
    let sink = crate::sink::MemorySink::default();
    site(s, theme, opts, &sink)?;
    Ok(sink.into_files())
}

fn description_listing(cx: &LangCtx) -> String {
    let org = cx.plain(&cx.site.config.organization.name);
    cx.i18n
        .strings
        .get("listing_intro")
        .map_or_else(String::new, |s| s.replace("{org}", &org))
}

fn meta(
    cx: &LangCtx,
    kind: &'static str,
    title: String,
    description: String,
    page: &Page,
    page_in: impl Fn(&Lang) -> Page,
) -> PageMeta {
    let site = cx.site;
    let alternates = site
        .config
        .languages
        .iter()
        .map(|l| {
            let p = page_in(l);
            Alternate {
                lang: l.to_string(),
                dir: l.direction().as_str(),
                name: cx.theme.i18n(l).language_name.clone(),
                href: p.href,
                abs: p.abs,
                og_locale: l.og_locale(),
                current: l == cx.lang,
            }
        })
        .collect();
    PageMeta {
        kind,
        title,
        description,
        canonical: page.abs.clone(),
        alternates,
        x_default: page_in(site.config.default_lang()).abs,
        og_locale: cx.lang.og_locale(),
        og_type: "website",
        prev: None,
        next: None,
    }
}

fn site_view<'a>(cx: &LangCtx<'a>, assets: &Assets) -> SiteView<'a> {
    let site = cx.site;
    let c = &site.config;
    let lang = cx.lang;
    let authoritative_note = c
        .authoritative
        .as_ref()
        .filter(|a| *a != lang)
        .and_then(|a| {
            cx.i18n
                .strings
                .get("authoritative_note")
                .map(|s| s.replace("{language}", &cx.language_name(a.as_str())))
        });
    SiteView {
        title: cx.plain(&c.title),
        org_name: c.organization.name.get(lang).plain(),
        org_url: c.organization.url.clone(),
        home_href: site.listing(lang).href,
        feed_href: site.file_href(&site.routes().feed(lang)),
        feed_abs: site.file_abs(&site.routes().feed(lang)),
        json_href: site.file_href(site.routes().index_json()),
        data_href: site.routes().data_classes(lang).href,
        vendors_href: site.routes().vendors(lang).href,
        css_href: assets.href("style.css"),
        favicon_href: assets.href("favicon.svg"),
        font_href: assets.href("fonts/noto-sans-arabic-regular.woff2"),
        logo_href: c.organization.logo.as_ref().map(|l| site.file_href(l)),
        authoritative_note,
        verify_domains: c
            .verify
            .as_ref()
            .map(|v| v.domains.clone())
            .unwrap_or_default(),
        verify_note_html: c.verify.as_ref().and_then(|v| cx.opt_html(&v.note)),
        digits: c.digits(lang).key(),
        preview: site.preview,
    }
}

/// Text escaped for XML, without the control characters XML 1.0 forbids (a stray
/// one in a body would make a feed unreadable).
pub fn xml_escape(s: &str) -> String {
    let forbidden = |c: char| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    };
    if !s.chars().any(forbidden) {
        let mut out = String::with_capacity(s.len() + s.len() / 8);
        let _ = pulldown_cmark_escape::escape_html(&mut out, s);
        return out;
    }
    let clean: String = s
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        .filter(|c| !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        .collect();
    let mut out = String::with_capacity(clean.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, &clean);
    out
}
