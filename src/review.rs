//! The review page of `bayan serve`: `/__review/ID/` under the base path shows
//! every text of an advisory in all its languages side by side, bodies too, with
//! the fields that may lag (see [`bayan_site::translations`]) marked. Made from the
//! site as last built; never written to output/.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::Loaded;
use bayan_site::model::Incident;

/// The address of the review pages under the base path.
pub(crate) const PREFIX: &str = "__review/";

/// The stylesheet of the review pages, served beside them.
pub(crate) const CSS: &str = "body{margin:0;padding:1rem;font:15px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff}\
h1{font-size:1.3rem;margin:0 0 .5rem}.note{margin:0 0 1rem;color:#444}\
table{border-collapse:collapse;inline-size:100%;table-layout:fixed}\
th,td{border:1px solid #bbb;padding:.4rem .6rem;vertical-align:top;text-align:start;white-space:pre-wrap;overflow-wrap:anywhere}\
thead th{background:#eee}th[scope=row]{font:13px/1.4 ui-monospace,monospace;inline-size:12rem}\
td.lag{background:#fff4d6;outline:3px solid #b35c00;outline-offset:-3px}\
.lag-mark{display:block;font:700 12px/1.4 system-ui,sans-serif;color:#7a3d00;direction:ltr}\
td[lang=ar],td[lang=ur],td[lang=fa]{font-family:'Noto Sans Arabic',system-ui,sans-serif;font-size:1.1em;line-height:1.8}";

/// What a review page may load: its own stylesheet and the reload script, from
/// the preview itself; nothing inline, nothing from elsewhere. The notice
/// previews' index pages send it too.
pub(crate) const CSP: &str = "default-src 'self'; style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'";

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

/// Every advisory's review page by id, for the site as `loaded`.
pub(crate) fn pages(loaded: &Loaded) -> BTreeMap<String, String> {
    let base = &loaded.site.config.base.path;
    loaded
        .site
        .incidents
        .iter()
        .map(|inc| (inc.id.to_string(), page(loaded, inc, base)))
        .collect()
}

/// One advisory's review page.
pub(crate) fn page_of(loaded: &Loaded, inc: &Incident) -> String {
    page(loaded, inc, &loaded.site.config.base.path)
}

fn page(loaded: &Loaded, inc: &Incident, base: &str) -> String {
    let langs = &loaded.site.config.languages;
    let first = langs.first();
    let name = |code: &str| {
        first
            .map(|l| loaded.theme.i18n(l).languages.get(code).cloned())
            .unwrap_or_default()
            .unwrap_or_else(|| code.to_owned())
    };
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <meta name=\"robots\" content=\"noindex\">\n<title>Review: {id}</title>\n\
         <link rel=\"stylesheet\" href=\"{base}__bayan/review.css\">\n</head>\n<body>\n<main>\n\
         <h1>Review: <code>{id}</code></h1>\n",
        id = esc(inc.id.as_str()),
        base = esc(base),
    );
    if inc.lag.is_empty() {
        h.push_str("<p class=\"note\">No language lags behind another since the last <code>bayan translated</code> (or none was recorded).</p>\n");
    } else {
        for (lang, e) in &inc.lag {
            let ahead: Vec<String> = e.ahead.iter().map(|l| esc(&name(l.as_str()))).collect();
            let _ = writeln!(
                h,
                "<p class=\"note\"><strong>{} may lag</strong> behind {} on {} {}.</p>",
                esc(&name(lang.as_str())),
                ahead.join(", "),
                e.fields.len(),
                if e.fields.len() == 1 {
                    "field"
                } else {
                    "fields"
                },
            );
        }
    }
    h.push_str("<table>\n<thead><tr><th scope=\"col\">field</th>");
    for l in langs {
        let _ = write!(
            h,
            "<th scope=\"col\">{} <code>{}</code></th>",
            esc(&name(l.as_str())),
            esc(l.as_str())
        );
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for (path, field) in bayan_site::translations::fields(inc) {
        let _ = write!(h, "<tr><th scope=\"row\">{}</th>", esc(&path));
        for l in langs {
            let lagging = inc.lag.get(l).is_some_and(|e| e.fields.contains(&path));
            let dir = l.direction().as_str();
            if lagging {
                let _ = write!(
                    h,
                    "<td lang=\"{l}\" dir=\"{dir}\" class=\"lag\"><span class=\"lag-mark\">may lag</span>{}</td>",
                    esc(field.source(l))
                );
            } else {
                let _ = write!(
                    h,
                    "<td lang=\"{l}\" dir=\"{dir}\">{}</td>",
                    esc(field.source(l))
                );
            }
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n</main>\n</body>\n</html>\n");
    h
}
