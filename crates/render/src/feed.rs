//! Atom 1.0 feeds: one per language for the whole site, and one per advisory and
//! language (`{lang}/incidents/ID/feed.xml`) for readers who follow one incident.
//!
//! A feed holds an entry for each advisory's first publication and one for each
//! of its updates, so an update reaches subscribers as a new item rather than as
//! a changed date on an old one, which most readers never show. Each entry's id
//! is a `tag:` URI made from the site's address, the language, the advisory's id
//! and the update's anchor: it never changes when a title is reworded or the URL
//! style changes. Content stands on its own in a reader: the update's text, the
//! summary, the three data groups, the advice and the contact, in its own
//! language and direction, with every URL absolute.

use std::fmt::Write as _;

use rayon::prelude::*;

use super::emit::{Ctx, Emitter, Out, Part};
use super::view::LangCtx;
use crate::page::xml_escape as esc;
use crate::sink::OutputFile;
use bayan_site::model::{DataItem, Incident, Update, Withdrawn};
use bayan_site::site::Site;
use bayan_text::dates::{self, When};
use bayan_text::error::Error;

/// `{lang}/feed.xml` per language (shared) and `{lang}/incidents/ID/feed.xml`
/// per advisory and language (the advisory's own).
pub struct Feeds;

impl Emitter for Feeds {
    fn site(&self, cx: &Ctx, part: Part, out: &Out) -> Result<(), Error> {
        if part != Part::Shared {
            return Ok(());
        }
        cx.langs.par_iter().try_for_each(|lp| {
            let site = cx.site;
            let lang = lp.lang();
            let head = Head {
                path: site.routes().feed(lang),
                title: lp.cx.plain(&site.config.title).to_owned(),
                alternate: site.listing(lang).abs,
            };
            let kept = Some(&*cx.fragments);
            let body = |inc: &Incident| cx.body_html(inc, lang);
            let entries = entries(site.incidents.iter(), false);
            out.put(feed(&lp.cx, &head, entries, kept, &body))
        })
    }

    fn incident(&self, cx: &Ctx, inc: &Incident, out: &Out) -> Result<(), Error> {
        for lp in &cx.langs {
            let (site, lang) = (cx.site, lp.lang());
            let head = Head {
                path: site.routes().incident_feed(lang, &inc.id),
                title: lp
                    .cx
                    .title_join(lp.cx.plain(&inc.title), lp.cx.plain(&site.config.title)),
                alternate: site.incident(lang, &inc.id).abs,
            };
            let body = |inc: &Incident| cx.body_html(inc, lang);
            let entries = entries(std::iter::once(inc), true);
            out.put(feed(&lp.cx, &head, entries, None, &body))?;
        }
        Ok(())
    }
}

/// What a feed says of itself.
struct Head {
    path: String,
    title: String,
    /// The page the feed follows.
    alternate: String,
}

/// One entry of a feed: an advisory's first publication or one of its updates.
#[derive(Clone, Copy)]
pub struct Entry<'a> {
    pub inc: &'a Incident,
    pub kind: Kind<'a>,
}

#[derive(Clone, Copy)]
pub enum Kind<'a> {
    Published,
    Update(&'a Update),
    /// The feed's last word on a withdrawn advisory.
    Withdrawn(&'a Withdrawn),
}

impl Entry<'_> {
    /// When it last changed in a way readers should see: an update when it was
    /// made; the publication when it was published, or at the record's
    /// `updated` when that is later (a correction without an update entry).
    pub fn updated(&self) -> When {
        match self.kind {
            Kind::Published => self
                .inc
                .updated
                .filter(|u| u.ts > self.inc.published.ts)
                .unwrap_or(self.inc.published),
            Kind::Update(u) => u.at,
            Kind::Withdrawn(w) => w.at,
        }
    }

    /// Which of its advisory's entries it is: 0 the publication, 1 + N its
    /// update N (as the record lists them), `u32::MAX` the withdrawal.
    pub fn slot(&self) -> u32 {
        match self.kind {
            Kind::Published => 0,
            Kind::Update(u) => self
                .inc
                .updates
                .iter()
                .position(|x| std::ptr::eq(x, u))
                .map_or(u32::MAX - 1, |n| {
                    u32::try_from(n + 1).unwrap_or(u32::MAX - 1)
                }),
            Kind::Withdrawn(_) => u32::MAX,
        }
    }

    fn published(&self) -> When {
        match self.kind {
            Kind::Published => self.inc.published,
            Kind::Update(u) => u.at,
            Kind::Withdrawn(w) => w.at,
        }
    }
}

/// Every entry of `incidents`, newest first by `updated` (ties: by advisory id,
/// then newest update first), so `feed_limit` keeps what is new. Drafts and
/// scheduled advisories have none, even in a preview. A withdrawn advisory has
/// only its withdrawal in the site's feeds; its own feed (`history`) keeps the
/// entries before it too.
pub fn entries<'a>(incidents: impl Iterator<Item = &'a Incident>, history: bool) -> Vec<Entry<'a>> {
    let mut all: Vec<Entry> = incidents
        .filter(|inc| inc.is_public())
        .flat_map(|inc| {
            let before = history || inc.withdrawn.is_none();
            std::iter::once(Entry {
                inc,
                kind: Kind::Published,
            })
            .chain(inc.updates.iter().map(move |u| Entry {
                inc,
                kind: Kind::Update(u),
            }))
            .filter(move |_| before)
            .chain(inc.withdrawn.iter().map(move |w| Entry {
                inc,
                kind: Kind::Withdrawn(w),
            }))
        })
        .collect();
    all.sort_by(|a, b| {
        b.updated()
            .ts
            .cmp(&a.updated().ts)
            .then_with(|| a.inc.id.cmp(&b.inc.id))
            .then_with(|| b.published().ts.cmp(&a.published().ts))
    });
    all
}

/// The stable id of an entry: `tag:HOST,DAY:PATH/LANG/incidents/ID` for a
/// publication, with `/ANCHOR` after it for an update (RFC 4151). The day is the
/// entry's own, in the site's zone; the path is base_url's, so two sites on one
/// host keep apart.
pub fn entry_id(site: &Site, lang: &bayan_text::lang::Lang, e: &Entry) -> String {
    let base = &site.config.base;
    let host = base
        .absolute
        .split_once("://")
        .map_or("", |(_, rest)| rest)
        .split(['/', ':'])
        .next()
        .unwrap_or("");
    let authority: String = host
        .chars()
        .map(|c| c.to_ascii_lowercase())
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let tz = &site.config.timezone;
    let day = dates::iso_day(e.published(), tz);
    let mut id = format!(
        "tag:{authority},{day}:{}{lang}/incidents/{}",
        base.path.trim_start_matches('/'),
        e.inc.first_id()
    );
    match e.kind {
        Kind::Published => {}
        Kind::Update(u) => {
            id.push('/');
            id.push_str(&site.routes().update_anchor(u.at, tz));
        }
        Kind::Withdrawn(_) => id.push_str("/withdrawn"),
    }
    id
}

/// Where an entry links: the advisory's page, at the update's anchor for an
/// update.
fn entry_link(site: &Site, lang: &bayan_text::lang::Lang, e: &Entry) -> String {
    let page = site.incident(lang, &e.inc.id).abs;
    match e.kind {
        Kind::Published | Kind::Withdrawn(_) => page,
        Kind::Update(u) => format!(
            "{page}#{}",
            site.routes().update_anchor(u.at, &site.config.timezone)
        ),
    }
}

/// The feed of `entries` (the newest `feed_limit`); given `kept`, each entry as
/// an earlier render made it, unless its advisory changed since.
fn feed(
    cx: &LangCtx,
    head: &Head,
    mut entries: Vec<Entry>,
    kept: Option<&crate::fragments::Fragments>,
    body: BodyOf,
) -> OutputFile {
    let site = cx.site;
    let lang = cx.lang;
    let self_url = site.file_abs(&head.path);
    // Subscribers need what is new, not the whole archive.
    entries.truncate(site.config.feed_limit);
    let updated = entries.first().map_or(site.now, |e| e.updated().ts);
    let org = &site.config.organization.name.get(lang).plain();

    let mut x = String::with_capacity(4096 + entries.len() * 8192);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        x,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">"
    );
    let _ = writeln!(x, "  <title>{}</title>", esc(&head.title));
    let _ = writeln!(x, "  <id>{}</id>", esc(&self_url));
    let _ = writeln!(
        x,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        esc(&self_url)
    );
    let _ = writeln!(
        x,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        esc(&head.alternate)
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
    for e in &entries {
        match kept {
            Some(f) => {
                let made = f.feed_entry(&e.inc.id, lang.as_str(), e.slot(), || {
                    let mut one = String::with_capacity(8192);
                    entry(cx, e, &mut one, body);
                    one
                });
                x.push_str(&made);
            }
            None => entry(cx, e, &mut x, body),
        }
    }
    x.push_str("</feed>\n");
    OutputFile::new(head.path.clone(), x)
}

/// An advisory's body in the feed's language, as HTML.
type BodyOf<'f> = &'f dyn Fn(&Incident) -> std::sync::Arc<str>;

fn entry(cx: &LangCtx, e: &Entry, x: &mut String, body: BodyOf) {
    let (site, lang, inc) = (cx.site, cx.lang, e.inc);
    let status = &cx.status(inc.status).label;
    let severity = &cx.severity(inc.severity).label;
    let title = match e.kind {
        Kind::Published => cx.plain(&inc.title).to_owned(),
        Kind::Update(u) => string(cx, "feed_update_title")
            .replace("{date}", &cx.date(u.at).text)
            .replace("{title}", cx.plain(&inc.title)),
        Kind::Withdrawn(_) => {
            string(cx, "feed_withdrawn_title").replace("{title}", cx.plain(&inc.title))
        }
    };
    let summary = match e.kind {
        Kind::Published => cx.plain(&inc.summary),
        Kind::Update(u) => cx.plain(&u.text),
        Kind::Withdrawn(w) => cx.plain(&w.text),
    };
    let link = entry_link(site, lang, e);
    x.push_str("  <entry>\n");
    let _ = writeln!(x, "    <title type=\"text\">{}</title>", esc(&title));
    let _ = writeln!(x, "    <id>{}</id>", esc(&entry_id(site, lang, e)));
    let _ = writeln!(
        x,
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        esc(&link)
    );
    let _ = writeln!(
        x,
        "    <published>{}</published>",
        dates::rfc3339(e.published())
    );
    let _ = writeln!(x, "    <updated>{}</updated>", dates::rfc3339(e.updated()));
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
    let _ = writeln!(x, "    <summary type=\"text\">{}</summary>", esc(summary));
    let content = absolute(
        &content(cx, e, body),
        site,
        &site.incident(lang, &inc.id).abs,
    );
    let _ = writeln!(x, "    <content type=\"html\">{}</content>", esc(&content));
    x.push_str("  </entry>\n");
}

fn string(cx: &LangCtx, key: &str) -> String {
    cx.i18n.strings.get(key).cloned().unwrap_or_default()
}

/// An entry's content as HTML: it says its own language and direction, since a
/// reader shows it outside the page.
fn content(cx: &LangCtx, e: &Entry, body: BodyOf) -> String {
    let (lang, inc) = (cx.lang, e.inc);
    let s = |k: &str| esc(&string(cx, k));
    let mut h = format!(
        "<div lang=\"{lang}\" dir=\"{}\">",
        lang.direction().as_str()
    );
    if let Kind::Withdrawn(w) = e.kind {
        let _ = write!(
            h,
            "<p><strong>{}{}<bdi>{}</bdi></strong></p><p>{}</p></div>",
            s("withdrawn_title"),
            esc(&string(cx, "separator")),
            esc(&cx.date(w.at).text),
            w.text.get(lang).html()
        );
        return h;
    }
    if let Kind::Update(u) = e.kind {
        let status = u
            .status
            .map(|st| format!("{}{}", string(cx, "separator"), cx.status(st).label))
            .unwrap_or_default();
        let _ = write!(
            h,
            "<p><strong><bdi>{}</bdi>{}</strong></p><p>{}</p>",
            esc(&cx.date(u.at).text),
            esc(&status),
            u.text.get(lang).html()
        );
    }
    let _ = write!(h, "<p>{}</p>", inc.summary.get(lang).html());
    let _ = write!(h, "<h2>{}</h2>", s("data_heading"));
    let groups = [
        ("exposed", &inc.data.exposed),
        ("possibly_exposed", &inc.data.possibly_exposed),
        ("not_exposed", &inc.data.not_exposed),
    ];
    for (key, items) in groups {
        if key == "possibly_exposed" && items.is_empty() {
            continue;
        }
        let _ = write!(h, "<h3>{}</h3>", s(key));
        // An empty "exposed" while the investigation runs is not yet known, not none.
        let empty = if key == "exposed" && inc.exposure_pending() {
            "being_determined"
        } else {
            "none_listed"
        };
        data_items(cx, items, empty, &mut h);
    }
    let _ = write!(h, "<h2>{}</h2><ol>", s("advice"));
    for a in &inc.advice {
        let _ = write!(h, "<li>{}</li>", a.get(lang).html());
    }
    h.push_str("</ol>");
    if matches!(e.kind, Kind::Published) && inc.bodies.contains_key(lang) {
        let _ = write!(h, "<h2>{}</h2>{}", s("details"), body(inc));
    }
    contact(cx, inc, &mut h);
    let _ = write!(
        h,
        "<p><a href=\"{}\">{}</a></p></div>",
        esc(&cx.site.incident(lang, &inc.id).abs),
        s("feed_read_full")
    );
    h
}

fn data_items(cx: &LangCtx, items: &[DataItem], empty: &str, h: &mut String) {
    if items.is_empty() {
        let _ = write!(h, "<p>{}</p>", esc(&string(cx, empty)));
        return;
    }
    h.push_str("<ul>");
    for d in items {
        let _ = write!(h, "<li>{}", esc(&d.label.get(cx.lang).plain()));
        if let Some(note) = &d.note {
            let _ = write!(
                h,
                "{}{}",
                esc(&string(cx, "separator")),
                note.get(cx.lang).html()
            );
        }
        h.push_str("</li>");
    }
    h.push_str("</ul>");
}

fn contact(cx: &LangCtx, inc: &Incident, h: &mut String) {
    let c = &inc.contact;
    let s = |k: &str| esc(&string(cx, k));
    let _ = write!(
        h,
        "<h2>{}</h2><ul><li>{}: <a href=\"mailto:{}\" dir=\"ltr\">{}</a></li>",
        s("contact"),
        s("contact_email"),
        esc(&c.email),
        esc(&c.email)
    );
    if let Some(phone) = &c.phone {
        let _ = write!(
            h,
            "<li>{}: <a href=\"{}\" dir=\"ltr\">{}</a></li>",
            s("contact_phone"),
            esc(&super::view::tel_uri(phone)),
            esc(phone)
        );
    }
    if let Some(url) = &c.url {
        let _ = write!(
            h,
            "<li>{}: <a href=\"{}\" dir=\"ltr\">{}</a></li>",
            s("contact_url"),
            esc(url),
            esc(url)
        );
    }
    if let Some(hours) = &c.hours {
        let _ = write!(
            h,
            "<li>{}: {}</li>",
            s("contact_hours"),
            hours.get(cx.lang).html()
        );
    }
    h.push_str("</ul>");
}

/// `html` with every root-relative `href` and `src` (attachments, images, links
/// to other pages of the site) made absolute, and every `#fragment` link made a
/// link into the advisory's page: a feed reader resolves neither against the
/// site. Attribute values in bayan's HTML are always double-quoted, and a `="`
/// in text is always escaped, so the attribute openings are found exactly.
pub fn absolute(html: &str, site: &Site, page_abs: &str) -> String {
    let base = &site.config.base;
    let origin = base
        .absolute
        .strip_suffix(base.path.as_str())
        .unwrap_or(&base.absolute);
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(at) = rest.find(['h', 's']) {
        let (before, here) = rest.split_at(at);
        out.push_str(before);
        let attr = ["href=\"", "src=\""]
            .into_iter()
            .find(|a| here.starts_with(a) && out.ends_with(char::is_whitespace));
        let Some(attr) = attr else {
            out.push_str(&here[..1]);
            rest = &here[1..];
            continue;
        };
        out.push_str(attr);
        let value = &here[attr.len()..];
        if value.starts_with('/') && !value.starts_with("//") {
            out.push_str(origin);
        } else if value.starts_with('#') {
            out.push_str(&esc(page_abs));
        }
        rest = value;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn root_relative_and_fragment_links_become_absolute() {
        let config = bayan_site::config::Config::from_text(
            std::path::Path::new("/nonexistent"),
            "title: { en: T }\nbase_url: \"https://org.example/advisories/\"\nlanguages: [en]\ncontact: { email: a@org.example }\n",
        )
        .unwrap();
        let site = bayan_site::site::Site::new(
            config,
            Vec::new(),
            bayan_site::vocabulary::Vocabulary::new(Default::default(), &[]),
            jiff::Timestamp::UNIX_EPOCH,
            false,
        );
        let page = "https://org.example/advisories/en/incidents/x/";
        let html = "<img src=\"/advisories/en/incidents/x/a%20b.png\" alt=\"\"><a href=\"#fn:1\">1</a> \
            <a href=\"https://else.example/\">e</a> <a href=\"mailto:a@b.example\">m</a> \
            <a data-href=\"/x\">d</a> <code>href=&quot;/x&quot;</code> <a href=\"//cdn.example/x\">p</a>";
        let out = super::absolute(html, &site, page);
        assert_eq!(
            out,
            "<img src=\"https://org.example/advisories/en/incidents/x/a%20b.png\" alt=\"\">\
             <a href=\"https://org.example/advisories/en/incidents/x/#fn:1\">1</a> \
             <a href=\"https://else.example/\">e</a> <a href=\"mailto:a@b.example\">m</a> \
             <a data-href=\"/x\">d</a> <code>href=&quot;/x&quot;</code> <a href=\"//cdn.example/x\">p</a>"
        );
    }
}
