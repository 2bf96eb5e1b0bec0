//! One Atom 1.0 feed per language, ordered and dated by each advisory's last update,
//! so a subscriber hears about an update as well as a new advisory.

use std::fmt::Write as _;

use rayon::prelude::*;

use super::emit::{Ctx, Emitter, Out, Part};
use super::view::LangCtx;
use super::xml_escape as esc;
use crate::dates;
use crate::error::Error;
use crate::output::OutputFile;
use crate::site::Site;

/// `{lang}/feed.xml` per language.
pub(crate) struct Feeds;

impl Emitter for Feeds {
    fn site(&self, cx: &Ctx, part: Part, out: &Out) -> Result<(), Error> {
        if part != Part::Shared {
            return Ok(());
        }
        cx.langs
            .par_iter()
            .try_for_each(|lp| out.put(file(cx.site, &lp.cx)))
    }
}

fn file(site: &Site, cx: &LangCtx) -> OutputFile {
    let lang = cx.lang;
    let path = site.routes().feed(lang);
    let self_url = site.file_abs(&path);
    // Never a draft or a scheduled advisory (a preview builds them), nor a
    // withdrawn one.
    let mut order: Vec<_> = site.incidents.iter().filter(|i| i.is_announced()).collect();
    order.sort_by(|a, b| {
        b.last_updated
            .ts
            .cmp(&a.last_updated.ts)
            .then_with(|| a.id.cmp(&b.id))
    });
    // Subscribers need what is new, not the whole archive.
    order.truncate(site.config.feed_limit);
    let updated = order.first().map_or(site.now, |i| i.last_updated.ts);
    let org = &site.config.organization.name.get(lang).plain();

    let mut x = String::with_capacity(4096 + order.len() * 8192);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        x,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">"
    );
    let _ = writeln!(x, "  <title>{}</title>", esc(&cx.plain(&site.config.title)));
    let _ = writeln!(x, "  <id>{}</id>", esc(&self_url));
    let _ = writeln!(
        x,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        esc(&self_url)
    );
    let _ = writeln!(
        x,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        esc(&site.listing(lang).abs)
    );
    let _ = writeln!(
        x,
        "  <updated>{}</updated>",
        updated.strftime("%Y-%m-%dT%H:%M:%SZ")
    );
    let _ = writeln!(
        x,
        "  <author><name>{}</name><email>{}</email></author>",
        esc(org),
        esc(&site.config.contact.email)
    );
    let _ = writeln!(x, "  <generator>bayan</generator>");
    for inc in order {
        let page = site.incident(lang, &inc.id);
        let status = &cx.status(inc.status).label;
        let severity = &cx.severity(inc.severity).label;
        x.push_str("  <entry>\n");
        let _ = writeln!(
            x,
            "    <title type=\"text\">{}</title>",
            esc(&cx.plain(&inc.title))
        );
        let _ = writeln!(x, "    <id>{}</id>", esc(&page.abs));
        let _ = writeln!(
            x,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            esc(&page.abs)
        );
        let _ = writeln!(
            x,
            "    <published>{}</published>",
            dates::rfc3339(inc.published)
        );
        let _ = writeln!(
            x,
            "    <updated>{}</updated>",
            dates::rfc3339(inc.last_updated)
        );
        let _ = writeln!(
            x,
            "    <category term=\"{}\" label=\"{}\"/>",
            inc.status.key(),
            esc(status)
        );
        let _ = writeln!(
            x,
            "    <category term=\"severity-{}\" label=\"{}\"/>",
            inc.severity.key(),
            esc(severity)
        );
        let _ = writeln!(
            x,
            "    <summary type=\"text\">{}</summary>",
            esc(&cx.plain(&inc.summary))
        );
        // Feed readers show content out of the page's context: it says its own
        // language and direction.
        let mut content = format!(
            "<div lang=\"{lang}\" dir=\"{}\">",
            lang.direction().as_str()
        );
        if let Some(u) = inc.updates.first() {
            let _ = write!(
                content,
                "<p><strong>{}</strong> {}</p>",
                esc(&cx.date(u.at).text),
                u.text.get(lang).html()
            );
        }
        let _ = write!(content, "<p>{}</p>", inc.summary.get(lang).html());
        if let Some(body) = inc.bodies.get(lang) {
            content.push_str(&body.html);
        }
        content.push_str("</div>");
        let _ = writeln!(x, "    <content type=\"html\">{}</content>", esc(&content));
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    OutputFile::new(path, x)
}
