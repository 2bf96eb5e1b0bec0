//! What every page of the site is made with, shared by the emitters: the
//! options of a render, the context a page's template gets, a listing's view,
//! a page's metadata (title, alternates, canonical address) and the site-wide
//! view. A leaf of the crate: the emitters use it, it uses none of them.

use serde::Serialize;

use crate::assets::Assets;
use crate::view::{self, Alternate, IncidentView, LangCtx, PageMeta, Pagination, SiteView};
use bayan_site::site::Page;
use bayan_text::lang::Lang;

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
    pub lang: &'a str,
    pub dir: &'static str,
    pub i18n: &'a tera::Value,
    pub site: &'a tera::Value,
    pub page: PageMeta,
    pub listing: Option<ListingView>,
    pub incident: Option<IncidentView<'a>>,
}

impl PageCtx<'_> {
    pub fn context(&self) -> tera::Context {
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
pub struct ListingView {
    /// Each advisory's `view::ListItem`, as a template value.
    pub items: Vec<tera::Value>,
    /// Open (not yet resolved) advisories on the whole site.
    pub open_count: usize,
    pub open_count_text: String,
    /// Where the "N open advisories" notice links: the open listing, except
    /// on that page itself.
    pub open_href: Option<String>,
    /// Set on `{lang}/open/`: the page lists only advisories not yet resolved.
    pub open_only: bool,
    pub pagination: Option<view::Pagination>,
    pub years: Vec<view::YearLink>,
    /// Set on an archive page: the year shown.
    pub year: Option<String>,
}

pub fn description_listing(cx: &LangCtx) -> String {
    let org = cx.plain(&cx.site.config.organization.name);
    cx.i18n
        .strings
        .get("listing_intro")
        .map_or_else(String::new, |s| s.replace("{org}", org))
}

pub fn meta(
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

pub fn site_view<'a>(cx: &LangCtx<'a>, assets: &Assets) -> SiteView<'a> {
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
        title: cx.plain(&c.title).to_owned(),
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

/// Where one page of a paginated list (a year, the open advisories, a data
/// class, a vendor) sits among its pages: `page_size` advisories each, as the
/// listing.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Paged {
    /// This page, 1-based.
    pub n: usize,
    /// How many pages.
    pub count: usize,
    size: usize,
}

impl Paged {
    /// Every page of a list of `hits` advisories, `size` a page; one page
    /// (saying the list is empty) when there are none.
    pub fn all(hits: usize, size: usize) -> impl Iterator<Item = Paged> {
        let count = hits.div_ceil(size.max(1)).max(1);
        (1..=count).map(move |n| Paged { n, count, size })
    }

    /// The items of a single list on this page.
    pub fn items<'s, T>(&self, all: &'s [T]) -> &'s [T] {
        self.slice(all, 0).unwrap_or_default()
    }

    /// The part of `hits` on this page, for a group whose hits start at
    /// `offset` in the page's list; `None` when the group has none here. An
    /// empty group shows on the page where its hits would start.
    pub fn slice<'s, T>(&self, hits: &'s [T], offset: usize) -> Option<&'s [T]> {
        let (start, end) = ((self.n - 1) * self.size, self.n * self.size);
        if hits.is_empty() {
            let home = (offset / self.size.max(1) + 1).min(self.count);
            return (home == self.n).then_some(hits);
        }
        let from = start.max(offset) - offset;
        let to = end.min(offset + hits.len()).saturating_sub(offset);
        (from < to).then(|| &hits[from..to])
    }

    pub fn view(&self, lcx: &LangCtx, page: impl Fn(usize) -> Page) -> Option<Pagination> {
        (self.count > 1).then(|| lcx.pagination_of(self.n, self.count, page))
    }

    /// `title`, with "Page N of M" after it past the first page.
    pub fn title(&self, lcx: &LangCtx, title: String) -> String {
        if self.n > 1 {
            lcx.title_join(&title, &lcx.page_label(self.n, self.count))
        } else {
            title
        }
    }

    /// The page's `prev` and `next` links.
    pub fn link(&self, m: &mut PageMeta, page: impl Fn(usize) -> Page) {
        m.prev = (self.n > 1).then(|| page(self.n - 1).href);
        m.next = (self.n < self.count).then(|| page(self.n + 1).href);
    }
}
