//! `sitemap.xml`: every listing and advisory, each with its language alternates and
//! an `x-default`, so search engines pair the versions.

use std::fmt::Write as _;

use super::xml_escape as esc;
use crate::dates;
use crate::output::OutputFile;
use crate::site::{Page, Site};

pub fn file(site: &Site) -> OutputFile {
    let langs = &site.config.languages;
    let mut x = String::with_capacity(1024 + site.incidents.len() * 1024);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    let newest = site
        .incidents
        .iter()
        .map(|i| i.last_updated)
        .max_by_key(|w| w.ts);
    let entry = |x: &mut String,
                 page_in: &dyn Fn(&crate::lang::Lang) -> Page,
                 lastmod: Option<dates::When>| {
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
        }
    };
    entry(&mut x, &|l| site.listing(l), newest);
    for inc in &site.incidents {
        entry(
            &mut x,
            &|l| site.incident(l, &inc.id),
            Some(inc.last_updated),
        );
    }
    x.push_str("</urlset>\n");
    OutputFile::new("sitemap.xml", x)
}
