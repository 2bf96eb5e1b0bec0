//! Rendering: every page, feed and JSON file of the site, handed to a [`Sink`].
//!
//! Pages for each language render in parallel from one parsed theme and go to the
//! sink as soon as they are made, so memory stays flat however many advisories a
//! site holds. Every file's bytes depend only on the input, never on which thread
//! made it or when.

mod assets;
mod feed;
mod json;
mod sitemap;
pub mod view;
mod wellknown;

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::Mutex;

use rayon::prelude::*;
use serde::Serialize;

use crate::error::Error;
use crate::lang::Lang;
use crate::output::{OutputFile, Sink};
use crate::site::{Page, Site};
use crate::theme::Theme;
use view::{Alternate, IncidentView, LangCtx, ListItem, PageMeta, SiteView};

pub use assets::Assets;

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
struct PageCtx<'a> {
    lang: &'a str,
    dir: &'static str,
    i18n: &'a tera::Value,
    site: &'a tera::Value,
    page: PageMeta,
    listing: Option<ListingView>,
    incident: Option<IncidentView>,
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
struct ListingView {
    items: Vec<ListItem>,
    /// Open (not yet resolved) advisories on the whole site.
    open_count: usize,
    open_count_text: String,
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

impl Unique<'_> {
    fn put_from(&self, file: OutputFile, from_static: bool) -> Result<(), Error> {
        let earlier = {
            let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
            match seen.entry(crate::fsx::fold(&file.path)) {
                Entry::Occupied(o) => Some(o.get().clone()),
                Entry::Vacant(v) => {
                    v.insert((file.path.clone(), from_static));
                    None
                }
            }
        };
        let Some((other, other_static)) = earlier else {
            return self.inner.put(file);
        };
        Err(clash(&file.path, from_static, &other, other_static))
    }
}

/// The error for an output path that equals, or folds equal to, one already
/// produced: both files are named, `content/static/` ones by their source.
pub(crate) fn clash(path: &str, from_static: bool, other: &str, other_static: bool) -> Error {
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
    Error::Content(vec![crate::diag::Diagnostic::error(&this, "", msg)])
}

impl Sink for Unique<'_> {
    fn put(&self, file: OutputFile) -> Result<(), Error> {
        self.put_from(file, false)
    }
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

/// The files in `scope`, into `sink`.
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
    let assets = Assets::build(site, theme)?;
    if scope.shared {
        for f in &assets.files {
            sink.put(f.clone())?;
        }
    }
    site.config
        .languages
        .par_iter()
        .try_for_each(|lang| language(site, theme, &assets, lang, scope, sink))?;
    json::files(
        site,
        scope.lists,
        scope.shared,
        &|id| scope.includes(id),
        sink,
    )?;
    if scope.lists {
        for f in sitemap::files(site, opts.sitemap_max_urls) {
            sink.put(f)?;
        }
    }
    if scope.shared {
        for f in wellknown::files(site) {
            sink.put(f)?;
        }
    }
    if scope.statics {
        for f in assets::content_static(site)? {
            sink.put_from(f, true)?;
        }
    }
    Ok(())
}

/// The whole site in memory, sorted by path: for tests and the preview server.
pub fn to_memory(s: &Site, theme: &Theme, opts: &Options) -> Result<Vec<OutputFile>, Error> {
    let sink = crate::output::MemorySink::default();
    site(s, theme, opts, &sink)?;
    Ok(sink.into_files())
}

fn language(
    site: &Site,
    theme: &Theme,
    assets: &Assets,
    lang: &Lang,
    scope: Scope,
    sink: &dyn Sink,
) -> Result<(), Error> {
    let cx = LangCtx::new(site, theme, lang);
    let sv = site_view(&cx, assets);
    let open_count = site
        .incidents
        .iter()
        .filter(|i| i.status != crate::model::Status::Resolved)
        .count();
    let years = |current: Option<i16>| cx.years(current);
    let i18n_value = tera::Value::from_serializable(cx.i18n);
    let site_value = tera::Value::from_serializable(&sv);
    let ctx_for =
        |page: PageMeta, listing: Option<ListingView>, incident: Option<IncidentView>| PageCtx {
            lang: lang.as_str(),
            dir: lang.direction().as_str(),
            i18n: &i18n_value,
            site: &site_value,
            page,
            listing,
            incident,
        };

    site.incidents
        .par_iter()
        .filter(|inc| scope.includes(&inc.id))
        .try_for_each(|inc| {
            let page = site.incident(lang, &inc.id);
            let title = cx.title_join(&cx.plain(&inc.title), &cx.plain(&site.config.title));
            let description = cx.plain(&inc.summary);
            let m = PageMeta {
                og_type: "article",
                ..meta(&cx, "incident", title, description, &page, |l| {
                    site.incident(l, &inc.id)
                })
            };
            let html = theme.render(
                "incident.html",
                &ctx_for(m, None, Some(cx.incident(inc))).context(),
            )?;
            let dir = page.file.trim_end_matches("index.html").to_owned();
            sink.put(OutputFile::new(page.file, html))?;
            for name in &inc.attachments {
                let path = inc.dir.join(name);
                let bytes = crate::fsx::read_bytes(&site.config.root, &path)
                    .map_err(|d| Error::Content(vec![d]))?;
                sink.put(OutputFile::new(format!("{dir}{name}"), bytes))?;
            }
            Ok::<(), Error>(())
        })?;
    if scope.shared {
        if lang == site.config.default_lang() {
            sink.put(OutputFile::new(
                "404.html",
                render_404(site, theme, assets)?,
            ))?;
        }
        sink.put(feed::file(site, &cx))?;
    }
    if !scope.lists {
        return Ok(());
    }

    // Listing pages, newest first.
    let pages = site.listing_pages();
    let size = site.config.page_size;
    (1..=pages).into_par_iter().try_for_each(|n| {
        let page = site.listing_page(lang, n);
        let chunk = site.incidents.iter().skip((n - 1) * size).take(size);
        let mut m = meta(
            &cx,
            "listing",
            cx.plain(&site.config.title),
            description_listing(&cx),
            &page,
            |l| site.listing_page(l, n),
        );
        if n > 1 {
            m.title = cx.title_join(&m.title, &cx.page_label(n, pages));
        }
        m.prev = (n > 1).then(|| site.listing_page(lang, n - 1).href);
        m.next = (n < pages).then(|| site.listing_page(lang, n + 1).href);
        let listing = ListingView {
            items: chunk.map(|i| cx.list_item(i)).collect(),
            open_count,
            open_count_text: cx.open_count_text(open_count),
            pagination: (pages > 1).then(|| cx.pagination(n, pages)),
            years: years(None),
            year: None,
        };
        let html = theme.render("listing.html", &ctx_for(m, Some(listing), None).context())?;
        if n == 1 && lang == site.config.default_lang() {
            // The root index is the default language's first listing page; its
            // canonical URL is that page's, so search engines see one page.
            sink.put(OutputFile::new(site.home().file, html.clone()))?;
        }
        sink.put(OutputFile::new(page.file, html))
    })?;

    // One archive page per year.
    site.years.par_iter().try_for_each(|(year, indices)| {
        let page = site.archive(lang, *year);
        let year_text = cx.year_text(*year);
        let title = cx.title_join(
            &cx.i18n.strings.get("archive").cloned().unwrap_or_default(),
            &year_text,
        );
        let mut m = meta(
            &cx,
            "archive",
            cx.title_join(&title, &cx.plain(&site.config.title)),
            description_listing(&cx),
            &page,
            |l| site.archive(l, *year),
        );
        m.kind = "archive";
        let listing = ListingView {
            items: indices
                .iter()
                .map(|&i| cx.list_item(&site.incidents[i]))
                .collect(),
            open_count,
            open_count_text: cx.open_count_text(open_count),
            pagination: None,
            years: years(Some(*year)),
            year: Some(year_text),
        };
        let html = theme.render("listing.html", &ctx_for(m, Some(listing), None).context())?;
        sink.put(OutputFile::new(page.file, html))
    })?;

    Ok(())
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

fn site_view(cx: &LangCtx, assets: &Assets) -> SiteView {
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
        feed_href: site.file_href(&format!("{lang}/feed.xml")),
        feed_abs: site.file_abs(&format!("{lang}/feed.xml")),
        json_href: site.file_href("incidents.json"),
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
    }
}

/// The 404 page: in the default language, with a short note in each other one,
/// reached at any depth, so every link in it is root-relative.
fn render_404(site: &Site, theme: &Theme, assets: &Assets) -> Result<Vec<u8>, Error> {
    let lang = site.config.default_lang();
    let cx = LangCtx::new(site, theme, lang);
    let sv = site_view(&cx, assets);
    #[derive(Serialize)]
    struct Other {
        lang: String,
        dir: &'static str,
        title: String,
        text: String,
        back: String,
        href: String,
    }
    let others: Vec<Other> = site
        .config
        .languages
        .iter()
        .filter(|l| *l != lang)
        .map(|l| {
            let i = theme.i18n(l);
            let s = |k: &str| i.strings.get(k).cloned().unwrap_or_default();
            Other {
                lang: l.to_string(),
                dir: l.direction().as_str(),
                title: s("not_found_title"),
                text: s("not_found_text"),
                back: s("back_to_listing"),
                href: site.listing(l).href,
            }
        })
        .collect();
    let home = site.listing(lang);
    let title = cx
        .i18n
        .strings
        .get("not_found_title")
        .cloned()
        .unwrap_or_default();
    let (i18n_value, site_value) = (
        tera::Value::from_serializable(cx.i18n),
        tera::Value::from_serializable(&sv),
    );
    let ctx = PageCtx {
        lang: lang.as_str(),
        dir: lang.direction().as_str(),
        i18n: &i18n_value,
        site: &site_value,
        page: PageMeta {
            kind: "404",
            title: cx.title_join(&title, &sv.title),
            description: cx
                .i18n
                .strings
                .get("not_found_text")
                .cloned()
                .unwrap_or_default(),
            canonical: site.file_abs("404.html"),
            alternates: Vec::new(),
            x_default: home.abs,
            og_locale: lang.og_locale(),
            og_type: "website",
            prev: None,
            next: None,
        },
        listing: None,
        incident: None,
    };
    let mut c = ctx.context();
    c.insert("others", &others);
    theme.render("404.html", &c)
}

/// Text escaped for XML, without the control characters XML 1.0 forbids (a stray
/// one in a body would make a feed unreadable).
pub(crate) fn xml_escape(s: &str) -> String {
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
