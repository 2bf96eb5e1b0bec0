//! Rendering: the whole site as files in memory, no disk I/O.
//!
//! Pages for each language render in parallel from one parsed theme; the order of
//! the returned files is fixed (sorted by path) so the writer, tests and the preview
//! server see the same site whatever the thread count.

mod assets;
mod feed;
mod json;
mod sitemap;
pub mod view;
mod wellknown;

use rayon::prelude::*;
use serde::Serialize;

use crate::error::Error;
use crate::lang::Lang;
use crate::output::OutputFile;
use crate::site::{Page, Site};
use crate::theme::{I18n, Theme};
use view::{Alternate, IncidentView, LangCtx, ListItem, PageMeta, SiteView};

pub use assets::Assets;

#[derive(Serialize)]
struct PageCtx<'a> {
    lang: &'a str,
    dir: &'static str,
    i18n: &'a I18n,
    site: &'a SiteView,
    page: PageMeta,
    listing: Option<Vec<ListItem>>,
    incident: Option<IncidentView>,
}

/// Every file of the site.
pub fn site(site: &Site, theme: &Theme) -> Result<Vec<OutputFile>, Error> {
    let assets = Assets::build(site, theme)?;
    let langs = &site.config.languages;
    let per_lang: Vec<Result<Vec<OutputFile>, Error>> = langs
        .par_iter()
        .map(|lang| language(site, theme, &assets, lang))
        .collect();
    let mut files = assets.files.clone();
    for r in per_lang {
        files.extend(r?);
    }
    files.extend(json::files(site));
    files.push(sitemap::file(site));
    files.extend(wellknown::files(site));
    files.extend(assets::content_static(site)?);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    if let Some(w) = files.windows(2).find(|w| w[0].path == w[1].path) {
        return Err(Error::Content(vec![crate::diag::Diagnostic::error(
            "content/static",
            "",
            format!(
                "`{}` would overwrite a file bayan generates; rename or remove it",
                w[0].path
            ),
        )]));
    }
    Ok(files)
}

fn language(
    site: &Site,
    theme: &Theme,
    assets: &Assets,
    lang: &Lang,
) -> Result<Vec<OutputFile>, Error> {
    let cx = LangCtx::new(site, theme, lang);
    let sv = site_view(&cx, assets);
    let listing = site.listing(lang);
    let items: Vec<ListItem> = site.incidents.iter().map(|i| cx.list_item(i)).collect();
    let mut files = Vec::with_capacity(site.incidents.len() * (1 + 4) + 3);

    let listing_meta = |canonical_page: &Page| {
        meta(
            &cx,
            "listing",
            cx.plain(&site.config.title),
            description_listing(&cx),
            canonical_page,
            |l| site.listing(l),
        )
    };
    let ctx = PageCtx {
        lang: lang.as_str(),
        dir: lang.direction().as_str(),
        i18n: cx.i18n,
        site: &sv,
        page: listing_meta(&listing),
        listing: Some(items),
        incident: None,
    };
    let html = theme.render("listing.html", &tera_ctx(&ctx)?)?;
    if lang == site.config.default_lang() {
        // The root index is the default language's listing; its canonical URL is
        // that listing's, so search engines see one page.
        files.push(OutputFile::new(site.home().file, html.clone()));
        files.push(OutputFile::new(
            "404.html",
            render_404(site, theme, assets)?,
        ));
    }
    files.push(OutputFile::new(listing.file, html));

    let pages: Vec<Result<Vec<OutputFile>, Error>> = site
        .incidents
        .par_iter()
        .map(|inc| {
            let page = site.incident(lang, &inc.id);
            let title = format!(
                "{} · {}",
                cx.plain(&inc.title),
                cx.plain(&site.config.title)
            );
            let description = inc.summary.get(lang).plain.clone();
            let ctx = PageCtx {
                lang: lang.as_str(),
                dir: lang.direction().as_str(),
                i18n: cx.i18n,
                site: &sv,
                page: PageMeta {
                    og_type: "article",
                    ..meta(&cx, "incident", title, description, &page, |l| {
                        site.incident(l, &inc.id)
                    })
                },
                listing: None,
                incident: Some(cx.incident(inc)),
            };
            let mut out = vec![OutputFile::new(
                page.file.clone(),
                theme.render("incident.html", &tera_ctx(&ctx)?)?,
            )];
            let dir = page.file.trim_end_matches("index.html");
            for name in &inc.attachments {
                let path = inc.dir.join(name);
                let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
                out.push(OutputFile::new(format!("{dir}{name}"), bytes));
            }
            Ok(out)
        })
        .collect();
    for p in pages {
        files.extend(p?);
    }
    files.push(feed::file(site, &cx));
    Ok(files)
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
        org_name: c.organization.name.get(lang).plain.clone(),
        org_url: c.organization.url.clone(),
        home_href: site.listing(lang).href,
        feed_href: site.file_href(&format!("{lang}/feed.xml")),
        feed_abs: site.file_abs(&format!("{lang}/feed.xml")),
        json_href: site.file_href("incidents.json"),
        css_href: assets.href("style.css"),
        favicon_href: assets.href("favicon.svg"),
        authoritative_note,
        verify_domains: c
            .verify
            .as_ref()
            .map(|v| v.domains.clone())
            .unwrap_or_default(),
        verify_note_html: c.verify.as_ref().and_then(|v| cx.opt_html(&v.note)),
    }
}

/// The 404 page: in the default language, with a short note in each other one,
/// reached at any depth, so every link in it is root-relative.
fn render_404(site: &Site, theme: &Theme, assets: &Assets) -> Result<String, Error> {
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
    let ctx = PageCtx {
        lang: lang.as_str(),
        dir: lang.direction().as_str(),
        i18n: cx.i18n,
        site: &sv,
        page: PageMeta {
            kind: "404",
            title: format!("{title} · {}", sv.title),
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
        },
        listing: None,
        incident: None,
    };
    let mut c = tera_ctx(&ctx)?;
    c.insert("others", &others);
    theme.render("404.html", &c)
}

fn tera_ctx<T: Serialize>(v: &T) -> Result<tera::Context, Error> {
    tera::Context::from_serialize(v)
        .map_err(|e| Error::Theme(format!("building the template context: {e}")))
}

/// Text escaped for XML, without the control characters XML 1.0 forbids (a stray
/// one in a body would make a feed unreadable).
pub(crate) fn xml_escape(s: &str) -> String {
    let clean: String = s
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        .filter(|c| !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        .collect();
    let mut out = String::with_capacity(clean.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, &clean);
    out
}
