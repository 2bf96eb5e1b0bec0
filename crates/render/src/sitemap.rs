//! The sitemap: every listing, archive and advisory page (and the archive by
//! data class and vendor), each with its language
//! alternates and an `x-default`, so search engines pair the versions. Past the
//! sitemaps.org limit of URLs per file it becomes a sitemap index pointing at
//! numbered sitemaps.

use std::fmt::Write as _;

use super::emit::{Ctx, Emitter, KeyCx, ListKey, Out, Part};
use crate::page::xml_escape as esc;
use crate::sink::OutputFile;
use bayan_site::model::Incident;
use bayan_site::site::{Page, Site};
use bayan_text::dates::{self, When};
use bayan_text::error::Error;
use bayan_text::lang::Lang;

const HEAD: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
const URLSET: &str = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";

/// The sitemap, a list of every page.
pub struct Sitemap;

impl Emitter for Sitemap {
    fn site(&self, cx: &Ctx, part: Part, out: &Out) -> Result<(), Error> {
        if part != Part::Lists {
            return Ok(());
        }
        files(cx.site, cx.opts.sitemap_max_urls)
            .into_iter()
            .try_for_each(|f| out.put(f))
    }

    /// Which pages list it (public or not, listed or not, open or not, its
    /// year, its data classes and vendors, whose archive pages are in the
    /// sitemap) and its dates: an entry's `lastmod` is the newest advisory's.
    fn list_key(&self, _: &KeyCx, inc: &Incident, key: &mut ListKey) {
        let d = &inc.data;
        let classes: Vec<&str> = [&d.exposed, &d.possibly_exposed, &d.not_exposed]
            .into_iter()
            .flatten()
            .map(|i| i.id.as_str())
            .collect();
        let vendors: Vec<&str> = inc.vendors.iter().map(|v| v.id.as_str()).collect();
        key.add(
            "sitemap",
            &(
                (inc.is_public(), inc.withdrawn.is_some()),
                inc.status == bayan_site::model::Status::Resolved,
                dates::rfc3339(inc.published),
                dates::rfc3339(inc.last_updated),
                classes,
                vendors,
            ),
        );
    }
}

/// `sitemap.xml`, and `sitemap-N.xml` files when there are more than `max_urls`.
fn files(site: &Site, max_urls: usize) -> Vec<OutputFile> {
    let Entries { mut text, ends } = entries(site);
    let max = max_urls.max(1);
    if ends.len() <= max {
        // The entries already follow the urlset's opening: close it.
        text.push_str("</urlset>\n");
        return vec![OutputFile::new(site.routes().sitemap(), text)];
    }
    let mut out = Vec::new();
    let mut index =
        format!("{HEAD}<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let starts = std::iter::once(HEAD.len() + URLSET.len()).chain(ends.iter().copied());
    let entries: Vec<&str> = starts.zip(&ends).map(|(a, &b)| &text[a..b]).collect();
    for (n, chunk) in entries.chunks(max).enumerate() {
        let name = site.routes().sitemap_part(n + 1);
        let _ = writeln!(
            index,
            "  <sitemap>\n    <loc>{}</loc>\n  </sitemap>",
            esc(&site.file_abs(&name))
        );
        out.push(OutputFile::new(name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    out.push(OutputFile::new(site.routes().sitemap(), index));
    out
}

fn urlset(entries: &[&str]) -> String {
    let mut x = String::with_capacity(
        HEAD.len() + URLSET.len() + entries.iter().map(|e| e.len()).sum::<usize>() + 16,
    );
    x.push_str(HEAD);
    x.push_str(URLSET);
    for e in entries {
        x.push_str(e);
    }
    x.push_str("</urlset>\n");
    x
}

/// Every `<url>` element, one after another after the urlset's opening, and
/// where each ends: one buffer, not a string per page (at 10,000 advisories
/// 20,000 of them, then copied into the file).
struct Entries {
    text: String,
    ends: Vec<usize>,
}

/// One `<url>` element per page and language, in a fixed order.
fn entries(site: &Site) -> Entries {
    let langs = &site.config.languages;
    let pages = (site.incidents.len() + site.years.len() + 1) * langs.len();
    let mut x = String::with_capacity(HEAD.len() + URLSET.len() + pages * 640);
    x.push_str(HEAD);
    x.push_str(URLSET);
    let mut ends = Vec::with_capacity(pages);
    let mut push = |page_in: &dyn Fn(&Lang) -> Page, lastmod: Option<When>| {
        for lang in langs {
            let _ = writeln!(x, "  <url>\n    <loc>{}</loc>", esc(&page_in(lang).abs));
            if let Some(w) = lastmod {
                let _ = writeln!(x, "    <lastmod>{}</lastmod>", dates::rfc3339(w));
            }
            for alt in langs {
                let _ = writeln!(
                    x,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{alt}\" href=\"{}\"/>",
                    esc(&page_in(alt).abs)
                );
            }
            let _ = writeln!(
                x,
                "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n  </url>",
                esc(&page_in(site.config.default_lang()).abs)
            );
            ends.push(x.len());
        }
    };
    let newest = |indices: &mut dyn Iterator<Item = &bayan_site::model::Incident>| {
        indices.map(|i| i.last_updated).max_by_key(|w| w.ts)
    };
    // Only what the public site has: a preview's drafts and scheduled
    // advisories (and a year holding only those) stay out.
    push(
        &|l| site.listing(l),
        newest(&mut site.listed().filter(|i| i.is_public())),
    );
    let routes = site.routes();
    push(
        &|l| routes.open(l),
        newest(
            &mut site
                .listed()
                .filter(|i| i.is_public() && i.status != bayan_site::model::Status::Resolved),
        ),
    );
    for (year, indices) in &site.years {
        let mut public = indices
            .iter()
            .map(|&i| &site.incidents[i])
            .filter(|i| i.is_public())
            .peekable();
        if public.peek().is_none() {
            continue;
        }
        push(&|l| site.archive(l, *year), newest(&mut public));
    }
    for inc in site.public() {
        push(&|l| site.incident(l, &inc.id), Some(inc.last_updated));
    }
    // The archive by data class and by vendor.
    let classes = super::archives::classes(site);
    push(
        &|l| routes.data_classes(l),
        newest(&mut classes.iter().flat_map(|c| c.hits.iter().map(|h| h.0))),
    );
    for c in &classes {
        push(
            &|l| routes.data_class(l, c.id),
            newest(&mut c.hits.iter().map(|h| h.0)),
        );
    }
    let vendors = super::archives::vendors(site);
    push(
        &|l| routes.vendors(l),
        newest(&mut vendors.iter().flat_map(|v| v.hits.iter().map(|h| h.0))),
    );
    for v in &vendors {
        push(
            &|l| routes.vendor(l, v.id),
            newest(&mut v.hits.iter().map(|h| h.0)),
        );
    }
    Entries { text: x, ends }
}
