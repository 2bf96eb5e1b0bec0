//! The pages at an advisory's former addresses (`aliases:`): in each language,
//! `{lang}/incidents/OLD-ID/index.html` with a canonical link to the advisory,
//! a meta refresh and a plain link, so a slug renamed after it was mailed out
//! keeps working on any static host, with no script. They belong to the
//! advisory, so watch mode rewrites or removes them with it.

use super::emit::{Ctx, Emitter, Out};
use crate::error::Error;
use crate::model::Incident;
use crate::output::OutputFile;

pub(crate) struct Redirects;

impl Emitter for Redirects {
    fn incident(&self, cx: &Ctx, inc: &Incident, out: &Out) -> Result<(), Error> {
        if inc.aliases.is_empty() {
            return Ok(());
        }
        let site = cx.site;
        for lp in &cx.langs {
            let (lang, lcx) = (lp.lang(), &lp.cx);
            let target = site.incident(lang, &inc.id);
            let moved = lcx
                .i18n
                .strings
                .get("moved_title")
                .cloned()
                .unwrap_or_default();
            let mut c = tera::Context::new();
            c.insert("lang", lang.as_str());
            c.insert("dir", lang.direction().as_str());
            c.insert("i18n", lcx.i18n);
            c.insert("title", &lcx.title_join(&moved, &lcx.plain(&inc.title)));
            c.insert("target_href", &target.href);
            c.insert("target_abs", &target.abs);
            c.insert("advisory_title_html", &lcx.html(&inc.title));
            c.insert("css_href", &cx.assets.href("style.css"));
            let html = cx.theme.render("redirect.html", &c)?;
            for alias in &inc.aliases {
                out.put(OutputFile::new(
                    cx.routes.incident(lang, &alias.id).file,
                    html.clone(),
                ))?;
            }
        }
        Ok(())
    }
}
