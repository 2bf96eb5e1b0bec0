//! `bayan serve`'s preview of each advisory's notices: `/__notice/ID/` under the
//! base path lists them with the SMS part counts, and shows each message's HTML
//! part as a mail client renders it, the plain text and the SMS as they are sent.
//! Made from the site as last built, like the review page; never written to
//! output/ (`bayan notice` writes the files to send).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::theme::Theme;
use bayan_site::site::Site;
use bayan_text::error::Error;

/// The address of the notice previews under the base path.
pub const PREFIX: &str = "__notice/";

/// One advisory's preview: its files by name, each with its content type.
pub type Preview = BTreeMap<String, (&'static str, Vec<u8>)>;

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

/// Every advisory's preview by id. An advisory whose notices cannot be made (an
/// SMS that cannot fit) gets an index page that says why, so the preview shows
/// what `bayan notice` and `bayan check` would refuse.
pub fn previews(site: &Site, theme: &Theme) -> BTreeMap<String, Preview> {
    site.incidents
        .iter()
        .map(|inc| (inc.id.to_string(), preview_of(site, theme, inc)))
        .collect()
}

/// One advisory's preview.
pub fn preview_of(site: &Site, theme: &Theme, inc: &bayan_site::model::Incident) -> Preview {
    let id = inc.id.to_string();
    let mut files = Preview::new();
    let body = match super::for_incident(site, theme, inc) {
        Ok(n) => {
            let mut list = String::from("<ul>\n");
            for (name, html) in &n.html {
                let _ = writeln!(
                    list,
                    "<li><a href=\"{0}\">{0}</a> (the e-mail as a mail client shows it)</li>",
                    esc(name)
                );
                files.insert(
                    name.clone(),
                    ("text/html; charset=utf-8", html.clone().into_bytes()),
                );
            }
            for f in n.files.iter().filter(|f| !f.path.ends_with(".eml")) {
                let what = match n
                    .sms
                    .iter()
                    .find(|s| f.path == format!("{}.sms.txt", s.lang))
                {
                    Some(s) => format!(
                        "the SMS: {}, {}, {} of {}",
                        bayan_text::plural::en(s.count.segments, "part", "parts"),
                        s.count.encoding.as_str(),
                        s.count.units,
                        s.count.capacity()
                    ),
                    None => "the plain text".to_owned(),
                };
                let _ = writeln!(
                    list,
                    "<li><a href=\"{0}\">{0}</a> ({1})</li>",
                    esc(&f.path),
                    esc(&what)
                );
                files.insert(
                    f.path.clone(),
                    ("text/plain; charset=utf-8", f.bytes.clone()),
                );
            }
            list.push_str("</ul>\n");
            list
        }
        Err(Error::Content(diags)) => {
            let mut p = String::from("<p>These notices cannot be made:</p>\n<ul>\n");
            for d in diags {
                let _ = writeln!(p, "<li>{}</li>", esc(&d.to_string()));
            }
            p.push_str("</ul>\n");
            p
        }
        Err(e) => format!(
            "<p>These notices cannot be made: {}</p>\n",
            esc(&e.to_string())
        ),
    };
    let index = format!(
        "<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">\n<head>\n<meta charset=\"utf-8\">\n\
                 <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
                 <meta name=\"robots\" content=\"noindex\">\n<title>Notices: {id}</title>\n</head>\n<body>\n<main>\n\
                 <h1>Notices: <code>{id}</code></h1>\n\
                 <p>What <code>bayan notice {id}</code> writes, from the site as last built. Send the <code>.eml</code> files that command writes; these pages are for looking.</p>\n\
                 {body}</main>\n</body>\n</html>\n",
        id = esc(&id),
    );
    files.insert(
        String::new(),
        ("text/html; charset=utf-8", index.into_bytes()),
    );
    files
}
