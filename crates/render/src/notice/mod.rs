//! Notices: an advisory as e-mail and SMS, ready to send, in every language.
//!
//! Not a site output: `bayan notice ID` writes these files into a folder of
//! their own (`ROOT/notices/ID/`), from the site [`crate::load`] checked, so
//! every check of a build holds for them too. Per language, [`view::part`] makes
//! the values, the theme's `notice.txt` and `notice.html` lay them out (a theme
//! overrides them like any template), [`guard`] refuses what would make the
//! HTML look like phishing or load anything, and [`mail`] wraps both in one
//! message. `bilingual.eml` holds every language, the authoritative one first.
//!
//! ```text
//! {lang}.eml      multipart/alternative: text/plain, then text/html
//! {lang}.txt      the plain text, as in the message
//! {lang}.sms.txt  the organisation, one sentence, the advisory's URL
//! bilingual.eml   every language in one message
//! ```

mod guard;
mod inline;
mod mail;
mod preview;
pub mod sms;
pub use preview::{PREFIX as PREVIEW_PREFIX, Preview, preview_of, previews};
mod view;

use crate::sink::OutputFile;
use crate::theme::Theme;
use crate::view::LangCtx;
use bayan_site::model::Incident;
use bayan_site::site::Site;
use bayan_text::diag::{Diagnostic, display_path};
use bayan_text::error::Error;
use bayan_text::lang::{Direction, Lang};

/// What `bayan notice` writes for one advisory, and what it reports.
pub struct Notices {
    /// By name in the notice folder, in the order written.
    pub files: Vec<OutputFile>,
    /// Each language's SMS, as counted.
    pub sms: Vec<SmsReport>,
    /// The advisory is a draft or scheduled: the address in its notices leads
    /// nowhere until it is published.
    pub unpublished: bool,
    /// Each message's HTML part by the name `serve` previews it under
    /// (`ar.html`, `bilingual.html`): what a mail client renders.
    pub html: Vec<(String, String)>,
}

/// One language's SMS, as counted.
pub struct SmsReport {
    pub lang: Lang,
    pub count: sms::Count,
    /// The sentence with the title did not fit: the short one was used.
    pub shortened: bool,
}

/// The languages in the order a bilingual message shows them: the
/// authoritative one first, then the site's order.
fn ordered(site: &Site) -> Vec<&Lang> {
    let c = &site.config;
    let mut langs: Vec<&Lang> = c.languages.iter().collect();
    if let Some(a) = &c.authoritative {
        langs.sort_by_key(|l| *l != a);
    }
    langs
}

/// Every notice of `inc`: the messages, the texts and the SMS of each language.
/// An SMS that cannot fit, and a template that breaks a notice's rules, are
/// errors.
pub fn for_incident(site: &Site, theme: &Theme, inc: &Incident) -> Result<Notices, Error> {
    let config = &site.config;
    let langs = ordered(site);
    let mut parts = Vec::new();
    let mut files = Vec::new();
    let mut reports = Vec::new();
    let mut diags = Vec::new();
    for lang in &langs {
        let cx = LangCtx::new(site, theme, lang);
        let part = view::part(&cx, inc);
        let url = match config.notice.sms_link {
            bayan_site::config::SmsLink::Full => Some(part.url_text.clone()),
            bayan_site::config::SmsLink::Short => Some(cx.site.short(lang, &inc.id).abs),
            bayan_site::config::SmsLink::None => None,
        };
        match sms_for(&cx, inc, url.as_deref()) {
            Ok((text, report)) => {
                files.push(OutputFile::new(format!("{lang}.sms.txt"), text + "\n"));
                reports.push(report);
            }
            Err(d) => diags.push(d),
        }
        parts.push(part);
    }
    if !diags.is_empty() {
        return Err(Error::Content(diags));
    }
    let host = url::Url::parse(&config.base.absolute)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| "localhost".to_owned());
    let from = config
        .notice
        .from
        .clone()
        .unwrap_or(bayan_text::mailbox::Mailbox {
            name: None,
            email: config.contact.email.clone(),
        });
    // Replies go where the site says, else to the advisory's own contact when
    // it has one of its own.
    let reply_to = config.notice.reply_to.clone().or_else(|| {
        (inc.contact.email != from.email).then(|| bayan_text::mailbox::Mailbox {
            name: None,
            email: inc.contact.email.clone(),
        })
    });
    // The advisory's last update, as the issue's contract asks: the message
    // states what was known then, and the same record always writes the same bytes.
    let date = inc.last_updated.ts.as_second();
    let mut per_lang = Vec::new();
    let mut previews = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let one = std::slice::from_ref(part);
        let text = render(theme, "notice.txt", one, &part.subject)?;
        let text = format!("{}\n", text.trim());
        let html = render(theme, "notice.html", one, &part.subject)?;
        let lang = langs[i];
        let org = config.organization.name.get(lang).plain();
        let id = mail::message_id(&inc.id, inc.last_updated.ts, lang.as_str(), &host);
        let eml = mail::write(&mail::Message {
            from: (mail::sender_name(&from, &org), &from.email),
            reply_to: reply_to
                .as_ref()
                .map(|r| (r.name.as_deref(), r.email.as_str())),
            subject: &part.subject,
            date,
            message_id: &id,
            languages: lang.as_str(),
            text: &text,
            html: &html,
        })?;
        files.push(OutputFile::new(format!("{lang}.eml"), eml));
        files.push(OutputFile::new(format!("{lang}.txt"), text.clone()));
        previews.push((format!("{lang}.html"), html));
        per_lang.push(text);
    }
    if parts.len() > 1 {
        let subject = parts
            .iter()
            .map(|p| p.subject.as_str())
            .collect::<Vec<_>>()
            .join(" / ");
        let text = per_lang.join(&format!("\n{}\n\n", "=".repeat(40)));
        let html = render(theme, "notice.html", &parts, &subject)?;
        let codes: Vec<&str> = langs.iter().map(|l| l.as_str()).collect();
        let first = langs[0];
        let org = config.organization.name.get(first).plain();
        let id = mail::message_id(&inc.id, inc.last_updated.ts, &codes.join("-"), &host);
        let eml = mail::write(&mail::Message {
            from: (mail::sender_name(&from, &org), &from.email),
            reply_to: reply_to
                .as_ref()
                .map(|r| (r.name.as_deref(), r.email.as_str())),
            subject: &subject,
            date,
            message_id: &id,
            languages: &codes.join(", "),
            text: &text,
            html: &html,
        })?;
        files.push(OutputFile::new("bilingual.eml", eml));
        previews.push(("bilingual.html".to_owned(), html));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Notices {
        files,
        sms: reports,
        unpublished: !inc.is_public(),
        html: previews,
    })
}

/// One notice template over `parts`, checked against the rules every notice
/// keeps whoever wrote the template.
fn render(
    theme: &Theme,
    template: &str,
    parts: &[view::Part],
    subject: &str,
) -> Result<String, Error> {
    let mut c = tera::Context::new();
    c.insert("parts", parts);
    c.insert("subject", subject);
    c.insert("lang", &parts.first().map_or("", |p| p.lang.as_str()));
    c.insert("dir", &parts.first().map_or("ltr", |p| p.dir));
    let bytes = theme.render(template, &c)?;
    let out = String::from_utf8(bytes)
        .map_err(|_| Error::Theme(format!("{template} did not render as UTF-8")))?;
    if template.ends_with(".html") {
        let problems = guard::check(&out);
        if !problems.is_empty() {
            return Err(Error::Theme(format!(
                "{template} in theme `{}` breaks what a notice must keep:\n{}",
                theme.name,
                problems.join("\n")
            )));
        }
    }
    Ok(out)
}

/// The SMS of one language: the organisation, one sentence, the URL; counted,
/// or an error naming what to shorten.
fn sms_for(
    cx: &LangCtx,
    inc: &Incident,
    url: Option<&str>,
) -> Result<(String, SmsReport), Diagnostic> {
    let lang = cx.lang;
    let dir = lang.direction();
    let strings = &cx.i18n.strings;
    let get = |k: &str| strings.get(k).cloned().unwrap_or_default();
    let org = cx.site.config.organization.name.get(lang).plain();
    let title = inc.title.get(lang).plain();
    let title = title.trim_end_matches(['.', '。', '۔']).trim();
    // The URL is isolated whole, its last `/` too: a phone that copies or
    // opens it must get exactly the address.
    let url = match (dir, url) {
        (_, None) => String::new(),
        (Direction::Rtl, Some(url)) => {
            format!("{}{url}{}", bayan_text::bidi::LRI, bayan_text::bidi::PDI)
        }
        (Direction::Ltr, Some(url)) => url.to_owned(),
    };
    // Without a link (`notice.sms_link: false`) the theme's words that send
    // people to the app or the website stand in for "Details:" and the URL.
    let key = |k: &str| {
        if url.is_empty() {
            k.replacen("notice_sms", "notice_sms_nolink", 1)
        } else {
            k.to_owned()
        }
    };
    let compose = |sentence: &str| {
        let iso = |s: &str| bayan_text::bidi::isolate_plain(s, dir);
        let pattern = get(&key("notice_sms"));
        let (before, after) = pattern.split_once("{url}").unwrap_or((&pattern, ""));
        let fill = |s: &str| {
            iso(&s
                .replace("{organization}", &org)
                .replace("{sentence}", sentence))
        };
        let raw = format!("{}{url}{}", fill(before), fill(after));
        bayan_text::bidi::rtl_safe(lang, raw.trim())
    };
    // The record's own sentence replaces the theme's, and is never swapped for
    // the short one: the team chose its words, so a text too long is theirs to cut.
    if let Some(own) = &inc.notice.sms {
        let text = compose(&own.get(lang).plain());
        let count = sms::count(&text);
        if count.fits() {
            return Ok((
                text,
                SmsReport {
                    lang: lang.clone(),
                    count,
                    shortened: false,
                },
            ));
        }
        let root = &cx.site.config.root;
        let file = display_path(root, &inc.dir.join("incident.yaml"));
        let pos = inc
            .notice
            .sms_pos
            .iter()
            .find(|(l, _)| l == lang)
            .and_then(|(_, p)| *p);
        return Err(Diagnostic::error(
            &file,
            format!("notice.sms.{lang}"),
            format!(
                "the {} SMS needs {} parts, {} units of {} in {} parts of {}{}: shorten this sentence by {} characters",
                bayan_site::text::language_name(lang.as_str()),
                count.segments,
                count.units,
                count.capacity(),
                sms::MAX_SEGMENTS,
                count.encoding.as_str(),
                why_ucs2(&count, dir),
                count.units - count.capacity(),
            ),
        )
        .at(pos));
    }
    let full = compose(&get(&key("notice_sms_sentence")).replace("{title}", title));
    let count = sms::count(&full);
    if count.fits() {
        return Ok((
            full,
            SmsReport {
                lang: lang.clone(),
                count,
                shortened: false,
            },
        ));
    }
    let short = compose(&get(&key("notice_sms_short")));
    let short_count = sms::count(&short);
    if short_count.fits() {
        return Ok((
            short,
            SmsReport {
                lang: lang.clone(),
                count: short_count,
                shortened: true,
            },
        ));
    }
    let root = &cx.site.config.root;
    let file = display_path(root, &root.join(bayan_site::config::SITE_FILE));
    let over = short_count.units - short_count.capacity();
    let why = why_ucs2(&short_count, dir);
    Err(Diagnostic::error(
        &file,
        format!("organization.name.{lang}"),
        format!(
            "the {} SMS of `{}` needs {} parts even with the short sentence, {} units of {} in {} parts of {}{why}: shorten the organisation's name, base_url or the theme's `notice_sms_short` by {over} characters",
            bayan_site::text::language_name(lang.as_str()),
            inc.id,
            short_count.segments,
            short_count.units,
            short_count.capacity(),
            sms::MAX_SEGMENTS,
            short_count.encoding.as_str(),
        ),
    ))
}

/// Why a left-to-right SMS counts as UCS-2, when one character made it so.
fn why_ucs2(count: &sms::Count, dir: Direction) -> String {
    match (count.encoding, dir, count.first_non_gsm) {
        (sms::Encoding::Ucs2, Direction::Ltr, Some(c)) => format!(
            " (UCS-2 because of `{}`; without it the text would count as GSM-7, 153 characters a part)",
            bayan_text::spoof::escape_for_terminal(&c.to_string())
        ),
        _ => String::new(),
    }
}

/// Where `bayan notice ID` writes by default.
pub fn default_dir(root: &std::path::Path, id: &str) -> std::path::PathBuf {
    root.join("notices").join(id)
}

/// The notices of every advisory of `site`, made and dropped: what `check` runs,
/// so an SMS that cannot fit fails before the day it must be sent.
pub fn check_all(site: &Site, theme: &Theme) -> Result<(), Error> {
    use rayon::prelude::*;
    let results: Vec<Result<(), Error>> = site
        .incidents
        .par_iter()
        .map(|inc| for_incident(site, theme, inc).map(drop))
        .collect();
    let mut diags = Vec::new();
    for r in results {
        match r {
            Ok(()) => {}
            Err(Error::Content(d)) => diags.extend(d),
            // A template error is the same for every advisory: once is enough.
            Err(other) => return Err(other),
        }
    }
    if diags.is_empty() {
        Ok(())
    } else {
        Err(Error::Content(diags))
    }
}

/// [`guard::check`], for the fuzzer.
pub fn guard_check(html: &str) -> Vec<String> {
    guard::check(html)
}
