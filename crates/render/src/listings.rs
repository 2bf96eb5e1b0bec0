//! The listing pages of every language, newest first, the advisories still
//! open, and each year's archive: every one paginated (`page_size`), so no
//! page grows with the archive.

use rayon::prelude::*;

use super::emit::{Ctx, Emitter, KeyCx, LangPrep, ListKey, Out, Part};
use crate::page::{ListingView, Paged, description_listing, meta};
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
        let chunk = || site.listed().skip((n - 1) * size).take(size);
        if !ctx.holds(chunk()) {
            return Ok(());
        }
        let page = site.listing_page(lang, n);
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
            items: chunk().map(|i| ctx.item(lp, i)).collect(),
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
    if ctx.all_lists() {
        redirect_page_one(ctx, lp, out)?;
    }

    // The advisories not yet resolved, newest first, paginated like the listing.
    let open: Vec<&Incident> = site
        .listed()
        .filter(|i| i.status != bayan_site::model::Status::Resolved)
        .collect();
    let open_title = cx
        .i18n
        .strings
        .get("open_title")
        .cloned()
        .unwrap_or_default();
    let routes = ctx.routes;
    list_pages(
        ctx,
        lp,
        out,
        "open",
        &open_title,
        &open,
        &|l, n| routes.open_page(l, n),
        &|listing| ListingView {
            open_href: None,
            open_only: true,
            ..listing
        },
    )?;

    // Each year's archive, paginated like the listing.
    site.years.par_iter().try_for_each(|(year, indices)| {
        let year = *year;
        let year_text = cx.year_text(year);
        let title = cx.title_join(
            &cx.i18n.strings.get("archive").cloned().unwrap_or_default(),
            &year_text,
        );
        let advisories: Vec<&Incident> = indices.iter().map(|&i| &site.incidents[i]).collect();
        list_pages(
            ctx,
            lp,
            out,
            "archive",
            &title,
            &advisories,
            &|l, n| routes.archive_page(l, year, n),
            &|listing| ListingView {
                years: years(Some(year)),
                year: Some(year_text.clone()),
                ..listing
            },
        )
    })?;

    Ok(())
}

/// The pages of one list of `advisories` (the open ones, a year's), `page_size`
/// each, with page numbers and `rel=prev/next`: `page(lang, n)` is its page `n`,
/// `title` its title, and `finish` adds what the list says besides its items.
#[allow(clippy::too_many_arguments)]
fn list_pages(
    ctx: &Ctx,
    lp: &LangPrep,
    out: &Out,
    kind: &'static str,
    title: &str,
    advisories: &[&Incident],
    page: &(dyn Fn(&bayan_text::lang::Lang, usize) -> bayan_site::site::Page + Sync),
    finish: &(dyn Fn(ListingView) -> ListingView + Sync),
) -> Result<(), Error> {
    let (site, lang, cx) = (ctx.site, lp.lang(), &lp.cx);
    let pages: Vec<Paged> = Paged::all(advisories.len(), site.config.page_size).collect();
    pages.par_iter().try_for_each(|paged| {
        if !ctx.holds(paged.items(advisories).iter().copied()) {
            return Ok(());
        }
        let this = page(lang, paged.n);
        let mut m = meta(
            cx,
            kind,
            cx.title_join(
                &paged.title(cx, title.to_owned()),
                cx.plain(&site.config.title),
            ),
            description_listing(cx),
            &this,
            |l| page(l, paged.n),
        );
        paged.link(&mut m, |k| page(lang, k));
        let listing = finish(ListingView {
            items: paged
                .items(advisories)
                .iter()
                .map(|i| ctx.item(lp, i))
                .collect(),
            open_count: ctx.open_count,
            open_count_text: cx.open_count_text(ctx.open_count),
            open_href: Some(ctx.routes.open(lang).href),
            open_only: false,
            pagination: paged.view(cx, |k| page(lang, k)),
            years: Vec::new(),
            year: None,
        });
        let html = ctx.theme.render(
            "listing.html",
            &lp.page_ctx(m, Some(listing), None).context(),
        )?;
        out.put(OutputFile::new(this.file, html))
    })
}

/// `{lang}/page/1/`: a redirect to the listing, as an alias's old address has.
fn redirect_page_one(ctx: &Ctx, lp: &LangPrep, out: &Out) -> Result<(), Error> {
    let (site, lang, cx) = (ctx.site, lp.lang(), &lp.cx);
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
    let html = ctx.theme.render("redirect.html", &c)?;
    out.put(OutputFile::new(ctx.routes.listing_page_one(lang), html))
}
