//! The listing pages of every language, newest first, the advisories still
//! open, and each year's archive: every one paginated (`page_size`), so no
//! page grows with the archive.

use rayon::prelude::*;

use super::emit::{Ctx, Emitter, KeyCx, LangPrep, ListKey, Out, Part};
use crate::page::{ListingView, description_listing, meta};
use crate::sink::OutputFile;
use bayan_site::model::Incident;
use bayan_text::error::Error;

/// `{lang}/`, `{lang}/page/{n}/` (with `{lang}/page/1/` a redirect to `{lang}/`),
/// `{lang}/open/`, `{lang}/archive/{year}/` and the root index.
pub struct Listings;

impl Emitter for Listings {
    fn site(&self, cx: &Ctx, part: Part, out: &Out) -> Result<(), Error> {
        if part != Part::Lists {
            return Ok(());
        }
        cx.langs.par_iter().try_for_each(|lp| language(cx, lp, out))
    }

    /// Each language's list item, and what places it: whether it is listed
    /// (withdrawn, draft, scheduled), its instant of publication (the order, and
    /// the year page it is on) and whether it is open (`{lang}/open/`, in the item).
    fn list_key(&self, cx: &KeyCx, inc: &Incident, key: &mut ListKey) {
        key.add_placement("listings", inc);
        for lcx in &cx.langs {
            key.add(lcx.lang.as_str(), &lcx.list_item(inc));
        }
    }
}

fn language(ctx: &Ctx, lp: &LangPrep, out: &Out) -> Result<(), Error> {
    let (site, theme, open_count) = (ctx.site, ctx.theme, ctx.open_count);
    let (lang, cx) = (lp.lang(), &lp.cx);
    let years = |current: Option<i16>| cx.years(current);

    // Listing pages, newest first.
    let pages = site.listing_pages();
    let size = site.config.page_size;
    (1..=pages).into_par_iter().try_for_each(|n| {
        let page = site.listing_page(lang, n);
        let chunk = site.listed().skip((n - 1) * size).take(size);
        let mut m = meta(
            cx,
            "listing",
            cx.plain(&site.config.title).to_owned(),
            description_listing(cx),
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
            open_href: Some(ctx.routes.open(lang).href),
            open_only: false,
            pagination: (pages > 1).then(|| cx.pagination(n, pages)),
            years: years(None),
            year: None,
        };
        let html = theme.render(
            "listing.html",
            &lp.page_ctx(m, Some(listing), None).context(),
        )?;
        if n == 1 && lang == site.config.default_lang() {
            // The root index is the default language's first listing page; its
            // canonical URL is that page's, so search engines see one page.
            out.put(OutputFile::new(site.home().file, html.clone()))?;
        }
        out.put(OutputFile::new(page.file, html))
    })?;

    // `{lang}/page/1/` leads to the listing, as an alias's old address does.
    let first = site.listing(lang);
    let mut c = tera::Context::new();
    c.insert("lang", lang.as_str());
    c.insert("dir", lang.direction().as_str());
    c.insert("i18n", cx.i18n);
    c.insert("title", &cx.plain(&site.config.title));
    c.insert("target_href", &first.href);
    c.insert("target_abs", &first.abs);
    c.insert("advisory_title_html", &cx.html(&site.config.title));
    c.insert("css_href", &ctx.assets.href("style.css"));
    c.insert("listing_redirect", &true);
    let html = theme.render("redirect.html", &c)?;
    out.put(OutputFile::new(ctx.routes.listing_page_one(lang), html))?;

    // The advisories not yet resolved, newest first, paginated like the listing.
    let open: Vec<&Incident> = site
        .listed()
        .filter(|i| i.status != bayan_site::model::Status::Resolved)
        .collect();
    let size = site.config.page_size;
    let pages = open.len().div_ceil(size).max(1);
    (1..=pages).into_par_iter().try_for_each(|n| {
        let routes = ctx.routes;
        let page = routes.open_page(lang, n);
        let mut title = cx
            .i18n
            .strings
            .get("open_title")
            .cloned()
            .unwrap_or_default();
        if n > 1 {
            title = cx.title_join(&title, &cx.page_label(n, pages));
        }
        let mut m = meta(
            cx,
            "open",
            cx.title_join(&title, cx.plain(&site.config.title)),
            description_listing(cx),
            &page,
            |l| routes.open_page(l, n),
        );
        m.kind = "open";
        m.prev = (n > 1).then(|| routes.open_page(lang, n - 1).href);
        m.next = (n < pages).then(|| routes.open_page(lang, n + 1).href);
        let listing = ListingView {
            items: open
                .iter()
                .skip((n - 1) * size)
                .take(size)
                .map(|i| cx.list_item(i))
                .collect(),
            open_count,
            open_count_text: cx.open_count_text(open_count),
            open_href: None,
            open_only: true,
            pagination: (pages > 1)
                .then(|| cx.pagination_of(n, pages, |k| routes.open_page(lang, k))),
            years: Vec::new(),
            year: None,
        };
        let html = theme.render(
            "listing.html",
            &lp.page_ctx(m, Some(listing), None).context(),
        )?;
        out.put(OutputFile::new(page.file, html))
    })?;

    // Each year's archive, paginated like the listing.
    let year_pages = site.years.iter().flat_map(|(year, indices)| {
        let pages = indices.len().div_ceil(size).max(1);
        (1..=pages).map(move |n| (*year, indices, n, pages))
    });
    let year_pages: Vec<_> = year_pages.collect();
    year_pages
        .par_iter()
        .try_for_each(|&(year, indices, n, pages)| {
            let routes = ctx.routes;
            let page = routes.archive_page(lang, year, n);
            let year_text = cx.year_text(year);
            let mut title = cx.title_join(
                &cx.i18n.strings.get("archive").cloned().unwrap_or_default(),
                &year_text,
            );
            if n > 1 {
                title = cx.title_join(&title, &cx.page_label(n, pages));
            }
            let mut m = meta(
                cx,
                "archive",
                cx.title_join(&title, cx.plain(&site.config.title)),
                description_listing(cx),
                &page,
                |l| routes.archive_page(l, year, n),
            );
            m.kind = "archive";
            m.prev = (n > 1).then(|| routes.archive_page(lang, year, n - 1).href);
            m.next = (n < pages).then(|| routes.archive_page(lang, year, n + 1).href);
            let listing = ListingView {
                items: indices
                    .iter()
                    .skip((n - 1) * size)
                    .take(size)
                    .map(|&i| cx.list_item(&site.incidents[i]))
                    .collect(),
                open_count,
                open_count_text: cx.open_count_text(open_count),
                open_href: Some(ctx.routes.open(lang).href),
                open_only: false,
                pagination: (pages > 1)
                    .then(|| cx.pagination_of(n, pages, |k| routes.archive_page(lang, year, k))),
                years: years(Some(year)),
                year: Some(year_text),
            };
            let html = theme.render(
                "listing.html",
                &lp.page_ctx(m, Some(listing), None).context(),
            )?;
            out.put(OutputFile::new(page.file, html))
        })?;

    Ok(())
}
