//! Each advisory's page in every language, with its attachments beside it, and
//! the 404 page.

use serde::Serialize;

use super::emit::{Ctx, Emitter, Out, Part};
use super::view::{LangCtx, PageMeta};
use crate::assets::Assets;
use crate::page::{PageCtx, meta, site_view};
use crate::sink::OutputFile;
use crate::theme::Theme;
use bayan_site::model::Incident;
use bayan_site::site::Site;
use bayan_text::error::Error;

/// `{lang}/incidents/{id}/index.html` and the attachments beside it.
pub struct Pages;

impl Emitter for Pages {
    fn incident(&self, cx: &Ctx, inc: &Incident, out: &Out) -> Result<(), Error> {
        let (site, theme) = (cx.site, cx.theme);
        // `laws: [ca]`: the page is a California notice, titled as the law says.
        let california = site.config.laws.contains(&bayan_site::law::Law::Ca);
        let template = if california {
            "notice-ca.html"
        } else {
            "incident.html"
        };
        for lp in &cx.langs {
            let (lang, lcx) = (lp.lang(), &lp.cx);
            let page = site.incident(lang, &inc.id);
            let mut title = lcx.plain(&inc.title).to_owned();
            if california {
                let notice = lcx
                    .i18n
                    .strings
                    .get("ca_title")
                    .cloned()
                    .unwrap_or_default();
                title = lcx.title_join(&notice, &title);
            }
            let title = lcx.title_join(&title, lcx.plain(&site.config.title));
            let description = lcx.plain(&inc.summary).to_owned();
            let m = PageMeta {
                og_type: "article",
                ..meta(lcx, "incident", title, description, &page, |l| {
                    site.incident(l, &inc.id)
                })
            };
            let html = theme.render(
                template,
                &lp.page_ctx(m, None, Some(lcx.incident(inc, cx.body_html(inc, lang))))
                    .context(),
            )?;
            out.put(OutputFile::new(page.file, html))?;
            for (name, bytes) in &inc.attachment_bytes {
                out.put(OutputFile::new(
                    cx.routes.attachment(lang, &inc.id, name),
                    bytes.to_vec(),
                ))?;
            }
        }
        Ok(())
    }
}

/// `404.html`, in the default language.
pub struct NotFound;

impl Emitter for NotFound {
    fn site(&self, cx: &Ctx, part: Part, out: &Out) -> Result<(), Error> {
        if part != Part::Shared {
            return Ok(());
        }
        out.put(OutputFile::new(
            cx.routes.not_found(),
            render_404(cx.site, cx.theme, &cx.assets)?,
        ))
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
