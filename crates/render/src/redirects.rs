//! The pages at an advisory's former addresses (`aliases:`): in each language,
//! `{lang}/incidents/OLD-ID/index.html` with a canonical link to the advisory,
//! a meta refresh and a plain link, so a slug renamed after it was mailed out
//! keeps working on any static host, with no script; and, with
//! `notice.sms_link: short`, the short addresses SMS link to (`a/ID/`). They
//! belong to the advisory, so watch mode rewrites or removes them with it.

use super::emit::{Ctx, Emitter, Out};
use crate::sink::OutputFile;
use bayan_site::model::Incident;
use bayan_text::error::Error;

pub struct Redirects;

impl Emitter for Redirects {
    fn incident(&self, cx: &Ctx, inc: &Incident, out: &Out) -> Result<(), Error> {
        let site = cx.site;
        let short = site.config.notice.sms_link == bayan_site::config::SmsLink::Short;
        if inc.aliases.is_empty() && !short {
            return Ok(());
        }
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
            c.insert("title", &lcx.title_join(&moved, lcx.plain(&inc.title)));
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
            // The short address an SMS links to (`notice.sms_link: short`).
            if short {
                out.put(OutputFile::new(
                    site.short(lang, &inc.id).file,
                    html.clone(),
                ))?;
            }
        }
        Ok(())
    }
}
