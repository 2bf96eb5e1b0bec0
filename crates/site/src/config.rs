//! `content/site.yaml`: the site's settings, read strictly and checked whole.

use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::contact::{Contact, RawContact, site_contact};
use crate::text::{Checker, RawText, Text, pos_of};
use crate::vocabulary::{ClassDef, RawClassDef};
pub use bayan_text::base_url::{BaseUrl, UrlStyle, base_path_problem};
use bayan_text::dates::Digits;
use bayan_text::diag::{Diagnostic, Diagnostics, Pos, display_path};
use bayan_text::error::Error;
use bayan_text::lang::Lang;
use bayan_text::mailbox::Mailbox;

mod csaf;
pub use csaf::Csaf;
mod digits;

pub const SITE_FILE: &str = "content/site.yaml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSite {
    title: RawText,
    base_url: Spanned<String>,
    languages: Spanned<Vec<Spanned<String>>>,
    timezone: Option<Spanned<String>>,
    authoritative: Option<Spanned<String>>,
    organization: Option<RawOrganization>,
    contact: RawContact,
    verify: Option<RawVerify>,
    dates: Option<RawDates>,
    url_style: Option<UrlStyle>,
    #[serde(default)]
    vocabulary: Vec<Spanned<RawClassDef>>,
    theme: Option<Spanned<String>>,
    page_size: Option<Spanned<u64>>,
    feed_limit: Option<Spanned<u64>>,
    /// Breach-notification laws every published advisory must meet (crate::law).
    #[serde(default)]
    laws: Vec<Spanned<String>>,
    #[serde(default)]
    credit_bureaus: Vec<Spanned<crate::law::RawBureau>>,
    csaf: Option<csaf::RawCsaf>,
    digits: Option<digits::RawDigits>,
    notice: Option<RawNoticeSettings>,
}

/// `notice:`: how `bayan notice` addresses its e-mails.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNoticeSettings {
    from: Option<Spanned<String>>,
    reply_to: Option<Spanned<String>>,
    sms_link: Option<Spanned<RawSmsLink>>,
}

/// `notice.sms_link`: `true`/`false`, or a word (`full`, `short`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawSmsLink {
    On(bool),
    Form(String),
}

/// What an SMS links to (`notice.sms_link`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SmsLink {
    /// The advisory's full address (the default).
    #[default]
    Full,
    /// Its short address, `{base}a/ID/`, a redirect page: fewer parts.
    Short,
    /// No link at all: the SMS tells people to open the app or the website.
    None,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOrganization {
    name: RawText,
    url: Option<Spanned<String>>,
    logo: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVerify {
    #[serde(default)]
    domains: Vec<Spanned<String>>,
    note: Option<RawText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDates {
    arabic_months: Option<ArabicMonths>,
    arabic_digits: Option<ArabicDigits>,
    /// Show the Umm al-Qura (Hijri) date beside every Gregorian date.
    hijri: Option<bool>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ArabicMonths {
    #[default]
    Gregorian,
    Levant,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ArabicDigits {
    #[default]
    Latin,
    ArabicIndic,
}

#[derive(Debug, Clone)]
pub struct Organization {
    pub name: Text,
    pub url: Option<String>,
    /// A file in content/static, by its path there (`logo.svg`).
    pub logo: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Verify {
    pub domains: Vec<String>,
    pub note: Option<Text>,
}

/// The checked `content/site.yaml`: the site's languages, address, zone,
/// organisation, contact and settings.
#[derive(Debug, Clone)]
pub struct Config {
    pub root: PathBuf,
    pub title: Text,
    pub base: BaseUrl,
    /// The site's languages in the order site.yaml lists them; the first is the
    /// default.
    pub languages: Vec<Lang>,
    pub timezone: TimeZone,
    pub timezone_name: String,
    pub authoritative: Option<Lang>,
    pub organization: Organization,
    pub contact: Contact,
    pub verify: Option<Verify>,
    pub arabic_months: ArabicMonths,
    /// `dates.hijri`: the Umm al-Qura date beside every Gregorian one.
    pub hijri: bool,
    pub url_style: UrlStyle,
    /// The data classes site.yaml defines under `vocabulary:`.
    pub vocabulary: Vec<ClassDef>,
    pub theme: String,
    /// Advisories per listing page.
    pub page_size: usize,
    /// Entries per feed: the newest by last update.
    pub feed_limit: usize,
    /// Where `languages` was written, for errors found once the theme is known.
    pub languages_pos: Option<Pos>,
    /// `laws:`, and `check --law`'s laws added to them.
    pub laws: Vec<crate::law::Law>,
    /// The credit reporting agencies a California notice lists.
    pub credit_bureaus: Vec<crate::law::Bureau>,
    /// `csaf:`: the CSAF 2.0 copies' TLP label and publisher.
    pub csaf: Csaf,
    /// `digits:` (and `dates.arabic_digits`): each language's digits.
    pub digits: digits::DigitsByLang,
    /// `notice:`: the sender of `bayan notice`'s e-mails.
    pub notice: NoticeSettings,
}

#[derive(Debug, Clone, Default)]
pub struct NoticeSettings {
    /// `notice.from`: else the contact email with the organisation's name.
    pub from: Option<Mailbox>,
    pub reply_to: Option<Mailbox>,
    /// `notice.sms_link`: what the SMS links to.
    pub sms_link: SmsLink,
}

impl Config {
    /// The first language is the default: the root `index.html` and `x-default`.
    pub fn default_lang(&self) -> &Lang {
        &self.languages[0]
    }

    /// The digits bayan writes numbers and dates with in `lang`.
    pub fn digits(&self, lang: &Lang) -> Digits {
        self.digits.get(lang)
    }

    /// Reads and checks `content/site.yaml` under `root`; `base_url` replaces the
    /// file's own (`--base-url`).
    pub fn load(root: &Path, base_url: Option<&str>) -> Result<Config, Error> {
        let path = root.join(SITE_FILE);
        let file = display_path(root, &path);
        let text = bayan_text::fsx::read_text(root, &path).map_err(|d| Error::Content(vec![d]))?;
        let raw: RawSite =
            bayan_text::yaml::parse(&file, &text).map_err(|d| Error::Content(vec![d]))?;
        let mut diags = Diagnostics::default();
        let config = check(root, &file, raw, &mut diags);
        if diags.has_errors() {
            return Err(Error::Content(diags.into_vec()));
        }
        let mut config = config.ok_or_else(|| Error::Content(diags.into_vec()))?;
        if let Some(b) = base_url {
            config.base =
                BaseUrl::parse(b).map_err(|e| Error::Usage(format!("--base-url: {e}")))?;
        }
        Ok(config)
    }

    /// As [`Config::load`], from `text` in place of the file: the stand-in settings
    /// incidents are checked with when site.yaml itself has errors.
    pub fn from_text(root: &Path, text: &str) -> Result<Config, Error> {
        let file = display_path(root, &root.join(SITE_FILE));
        let raw: RawSite =
            bayan_text::yaml::parse(&file, text).map_err(|d| Error::Content(vec![d]))?;
        let mut diags = Diagnostics::default();
        let config = check(root, &file, raw, &mut diags);
        config
            .filter(|_| !diags.has_errors())
            .ok_or_else(|| Error::Content(diags.into_vec()))
    }
}

/// Checks a parsed site.yaml one section at a time, in the order its fields are
/// documented (so the diagnostics come in that order): the languages first,
/// since every text is checked against them. `None` when a required part is
/// wrong (its errors are in `diags`).
fn check(root: &Path, file: &str, raw: RawSite, diags: &mut Diagnostics) -> Option<Config> {
    let languages = languages(file, &raw.languages, diags)?;
    let mut c = Checker::new(file, &languages);
    let title = c.text(&raw.title, "title");
    let base = base_url(&mut c, &raw.base_url);
    let (timezone, timezone_name) = timezone(&mut c, raw.timezone.as_ref());
    let authoritative = authoritative(&mut c, raw.authoritative.as_ref(), &languages);
    let organization = organization(&mut c, root, raw.organization.as_ref(), title.as_ref());
    sender_name(&mut c, &raw, &organization);
    let contact = site_contact(&mut c, &raw.contact);
    let verify = raw.verify.as_ref().map(|v| verify(&mut c, v));
    let vocabulary = vocabulary(&mut c, &raw.vocabulary);
    let theme = theme_name(&mut c, raw.theme.as_ref());
    let page_size = count(&mut c, &raw.page_size, "page_size", 50, 1000);
    let feed_limit = count(&mut c, &raw.feed_limit, "feed_limit", 50, 100_000);
    let laws = crate::law::laws(&mut c, &raw.laws);
    let credit_bureaus = crate::law::bureaus(&mut c, &raw.credit_bureaus);
    let csaf = csaf::check(&mut c, raw.csaf.as_ref());
    let notice = notice(&mut c, raw.notice.as_ref());
    senders_within_verify(&mut c, &raw, verify.as_ref(), contact.as_ref());
    let arabic_digits = raw.dates.as_ref().and_then(|d| d.arabic_digits);
    let digits = digits::check(&mut c, raw.digits.as_ref(), &languages, arabic_digits);
    diags.extend(c.diags);
    Some(Config {
        root: root.to_path_buf(),
        title: title?,
        base: base?,
        languages_pos: pos_of(&raw.languages),
        languages,
        timezone,
        timezone_name,
        authoritative,
        organization,
        contact: contact?,
        verify,
        arabic_months: raw
            .dates
            .as_ref()
            .and_then(|d| d.arabic_months)
            .unwrap_or_default(),
        hijri: raw.dates.as_ref().and_then(|d| d.hijri).unwrap_or(false),
        url_style: raw.url_style.unwrap_or_default(),
        vocabulary,
        theme,
        page_size,
        feed_limit,
        laws,
        credit_bureaus,
        csaf,
        notice,
        digits,
    })
}

/// `languages`: at least one, each a language code, none twice. `None` (with the
/// errors in `diags`) when no language is usable, since nothing else can be
/// checked without them.
fn languages(
    file: &str,
    raw: &Spanned<Vec<Spanned<String>>>,
    diags: &mut Diagnostics,
) -> Option<Vec<Lang>> {
    let mut languages = Vec::new();
    let mut lang_diags = Diagnostics::default();
    for (i, l) in raw.value.iter().enumerate() {
        match Lang::parse(l.value.trim()) {
            Some(lang) if languages.contains(&lang) => lang_diags.push(
                Diagnostic::error(
                    file,
                    format!("languages[{i}]"),
                    format!("`{lang}` is listed twice"),
                )
                .at(pos_of(l)),
            ),
            Some(lang) => languages.push(lang),
            None => lang_diags.push(
                Diagnostic::error(
                    file,
                    format!("languages[{i}]"),
                    format!(
                        "`{}` is not a language code (lower case, such as `en` or `ar`)",
                        l.value
                    ),
                )
                .at(pos_of(l)),
            ),
        }
    }
    if languages.is_empty() && !lang_diags.has_errors() {
        lang_diags.push(
            Diagnostic::error(
                file,
                "languages",
                "list at least one language, such as [en, ar]",
            )
            .at(pos_of(raw)),
        );
    }
    diags.extend(lang_diags);
    if languages.is_empty() {
        return None;
    }
    Some(languages)
}

/// `base_url`: an absolute http(s) address (see [`BaseUrl::parse`]).
fn base_url(c: &mut Checker, raw: &Spanned<String>) -> Option<BaseUrl> {
    match BaseUrl::parse(&raw.value) {
        Ok(b) => Some(b),
        Err(e) => {
            // A bad path is reported at its own character (a quoted value's span
            // holds its quotes too: its first character is one column on).
            let quoted = raw.referenced.span().len() > raw.value.chars().count() as u64;
            let pos = match (pos_of(raw), base_path_problem(raw.value.trim())) {
                (Some(p), Some((at, _))) if !raw.value.contains('\n') => Some(Pos {
                    line: p.line,
                    column: p.column + u32::from(quoted) + u32::try_from(at - 1).unwrap_or(0),
                }),
                (p, _) => p,
            };
            c.error("base_url", pos, e);
            None
        }
    }
}

/// `timezone`: an IANA zone name; UTC when absent (or wrong, which is reported).
fn timezone(c: &mut Checker, raw: Option<&Spanned<String>>) -> (TimeZone, String) {
    match raw {
        None => (TimeZone::UTC, "UTC".to_owned()),
        Some(tz) => match TimeZone::get(tz.value.trim()) {
            Ok(z) => (z, tz.value.trim().to_owned()),
            Err(_) => {
                c.error(
                    "timezone",
                    pos_of(tz),
                    format!(
                        "`{}` is not an IANA time zone name such as `Asia/Riyadh` or `UTC`",
                        tz.value
                    ),
                );
                (TimeZone::UTC, "UTC".to_owned())
            }
        },
    }
}

/// `authoritative`: the language that prevails, one of the site's.
fn authoritative(
    c: &mut Checker,
    raw: Option<&Spanned<String>>,
    languages: &[Lang],
) -> Option<Lang> {
    raw.and_then(|a| {
        let found = languages
            .iter()
            .find(|l| l.as_str() == a.value.trim())
            .cloned();
        if found.is_none() {
            let codes: Vec<&str> = languages.iter().map(Lang::as_str).collect();
            c.error_suggest(
                "authoritative",
                pos_of(a),
                format!(
                    "`{}` is not one of the site's languages ({})",
                    a.value,
                    codes.join(", ")
                ),
                bayan_text::diag::nearest(&a.value, codes.iter().copied()),
            );
        }
        found
    })
}

/// `organization`: its name (the site's title when absent or wrong), URL and
/// logo.
fn organization(
    c: &mut Checker,
    root: &Path,
    raw: Option<&RawOrganization>,
    title: Option<&Text>,
) -> Organization {
    match raw {
        Some(o) => Organization {
            name: c
                .text(&o.name, "organization.name")
                .unwrap_or_else(|| title.cloned().unwrap_or_else(empty_text)),
            url: o.url.as_ref().and_then(|u| c.url(u, "organization.url")),
            logo: o.logo.as_ref().and_then(|l| check_logo(c, root, l)),
        },
        None => Organization {
            name: title.cloned().unwrap_or_else(empty_text),
            url: None,
            logo: None,
        },
    }
}

/// The organisation's name (the site's title when there is none) opens every
/// SMS and is every e-mail's sender name: held to the rules of `notice.sms` and
/// `notice.from`, at its position in site.yaml.
fn sender_name(c: &mut Checker, raw: &RawSite, org: &Organization) {
    let (field, written) = match &raw.organization {
        Some(o) => ("organization.name", &o.name),
        None => ("title", &raw.title),
    };
    for (lang, entry) in org.name.langs() {
        if let Some(why) = bayan_text::spoof::sender_name_problem(&entry.src) {
            let at = written.value.get(lang.as_str());
            c.error(
                &format!("{field}.{lang}"),
                at.and_then(pos_of).or(pos_of(written)),
                format!("the organisation's name opens every SMS and names the sender of every e-mail; it {why}"),
            );
        }
    }
}

/// With `verify.domains` set, every message says it comes only from those
/// domains: `notice.from`, `notice.reply_to` (and the contact address, which is
/// the sender when `notice.from` is not set) must be at one of them, or replies
/// to a breach notice would go elsewhere.
fn senders_within_verify(
    c: &mut Checker,
    raw: &RawSite,
    verify: Option<&Verify>,
    contact: Option<&Contact>,
) {
    let Some(v) = verify.filter(|v| !v.domains.is_empty()) else {
        return;
    };
    let within = |email: &str| {
        let domain = email
            .rsplit_once('@')
            .map_or("", |(_, d)| d)
            .to_ascii_lowercase();
        v.domains
            .iter()
            .any(|d| domain == *d || domain.ends_with(&format!(".{d}")))
    };
    let listed = v.domains.join(", ");
    let n = raw.notice.as_ref();
    for (path, field) in [
        ("notice.from", n.and_then(|n| n.from.as_ref())),
        ("notice.reply_to", n.and_then(|n| n.reply_to.as_ref())),
    ] {
        let Some(field) = field else { continue };
        let Ok(mb) = bayan_text::mailbox::parse_mailbox(&field.value) else {
            continue; // reported by `notice`
        };
        if !within(&mb.email) {
            c.error(
                path,
                pos_of(field),
                format!(
                    "`{}` is not at a domain in `verify.domains` ({listed}), which every message names as the only ones it comes from: use an address at one of them",
                    mb.email
                ),
            );
        }
    }
    if n.and_then(|n| n.from.as_ref()).is_none()
        && let Some(contact) = contact
        && !within(&contact.email)
    {
        c.error(
            "contact.email",
            raw.contact.email.as_ref().and_then(pos_of),
            format!(
                "`{}` sends the notices (no `notice.from` is set) but is not at a domain in `verify.domains` ({listed}): set `notice.from` to an address at one of them",
                contact.email
            ),
        );
    }
}

/// `verify`: the domains readers are told to check, and a note.
fn verify(c: &mut Checker, v: &RawVerify) -> Verify {
    Verify {
        domains: v
            .domains
            .iter()
            .enumerate()
            .filter_map(|(i, d)| check_domain(c, d, &format!("verify.domains[{i}]")))
            .collect(),
        note: c.opt_text(&v.note, "verify.note"),
    }
}

/// `vocabulary[]`: the site's own data classes, each checked against those
/// before it.
fn vocabulary(c: &mut Checker, raw: &[Spanned<RawClassDef>]) -> Vec<ClassDef> {
    let mut vocabulary: Vec<ClassDef> = Vec::new();
    for (i, def) in raw.iter().enumerate() {
        let path = format!("vocabulary[{i}]");
        if let Some(d) =
            crate::vocabulary::check_def(c, &def.value, &path, pos_of(def), &vocabulary)
        {
            vocabulary.push(d);
        }
    }
    vocabulary
}

/// `theme`: a folder name under themes/; `default` when absent.
fn theme_name(c: &mut Checker, raw: Option<&Spanned<String>>) -> String {
    match raw {
        None => "default".to_owned(),
        Some(t) => {
            let name = t.value.trim();
            let ok = !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if !ok {
                c.error(
                    "theme",
                    pos_of(t),
                    format!("`{name}` is not a theme folder name (letters, digits, `-`, `_`)"),
                );
            }
            name.to_owned()
        }
    }
}

/// A count setting (`page_size`, `feed_limit`): between 1 and `max`; `default`
/// when absent or out of range (which is reported).
fn count(
    c: &mut Checker,
    raw: &Option<Spanned<u64>>,
    key: &str,
    default: usize,
    max: u64,
) -> usize {
    match raw {
        None => default,
        Some(v) if (1..=max).contains(&v.value) => v.value as usize,
        Some(v) => {
            c.error(
                key,
                pos_of(v),
                format!("must be between 1 and {max}, not {}", v.value),
            );
            default
        }
    }
}

/// `notice`: the `From` and `Reply-To` mailboxes of `bayan notice`'s e-mails,
/// each optional.
fn notice(c: &mut Checker, raw: Option<&RawNoticeSettings>) -> NoticeSettings {
    raw.map_or_else(NoticeSettings::default, |n| {
        let mut mailbox = |raw: &Option<Spanned<String>>, path: &str| {
            let raw = raw.as_ref()?;
            bayan_text::mailbox::parse_mailbox(&raw.value)
                .map_err(|why| c.error(path, pos_of(raw), why))
                .ok()
        };
        let from = mailbox(&n.from, "notice.from");
        let reply_to = mailbox(&n.reply_to, "notice.reply_to");
        let sms_link = n.sms_link.as_ref().map_or(SmsLink::Full, |raw| match &raw.value {
            RawSmsLink::On(true) => SmsLink::Full,
            RawSmsLink::On(false) => SmsLink::None,
            RawSmsLink::Form(w) if w.trim() == "full" => SmsLink::Full,
            RawSmsLink::Form(w) if w.trim() == "short" => SmsLink::Short,
            RawSmsLink::Form(w) => {
                c.error(
                    "notice.sms_link",
                    pos_of(raw),
                    format!("`{w}` is not an SMS link form: use `full` (the default), `short` (the address `a/ID/`, a redirect) or `false` (no link)"),
                );
                SmsLink::Full
            }
        });
        NoticeSettings {
            from,
            reply_to,
            sms_link,
        }
    })
}

fn empty_text() -> Text {
    Text::from_sources(std::iter::empty())
}

/// The logo is served from content/static under the site's path, so it must be a
/// file there, in a format every browser shows.
fn check_logo(c: &mut Checker, root: &Path, raw: &Spanned<String>) -> Option<String> {
    let name = raw.value.trim().trim_start_matches("./");
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let safe = !name.is_empty()
        && !name.starts_with('/')
        && !name.split('/').any(|p| p == ".." || p.is_empty());
    if !safe || !["svg", "png", "webp", "jpg", "jpeg"].contains(&ext.as_str()) {
        c.error(
            "organization.logo",
            pos_of(raw),
            format!("`{name}` must be an svg, png, webp or jpg file in content/static/"),
        );
        return None;
    }
    if !root.join("content/static").join(name).is_file() {
        c.error(
            "organization.logo",
            pos_of(raw),
            format!("content/static/{name} not found"),
        );
        return None;
    }
    Some(name.to_owned())
}

/// Readers are told to compare these with what their browser shows, so they must be
/// written in ASCII: a name in another script is refused with its `xn--` form as the
/// suggestion, and one that mixes scripts (`examplе.com` with a Cyrillic `е`) is
/// refused outright.
fn check_domain(c: &mut Checker, raw: &Spanned<String>, path: &str) -> Option<String> {
    let d = raw.value.trim().to_lowercase();
    if !d.is_ascii() {
        if !c.no_hidden(raw, path) {
            return None;
        }
        if let Err(why) = bayan_text::spoof::check_host(&d) {
            c.error(path, pos_of(raw), format!("`{}`: {why}", raw.value.trim()));
            return None;
        }
        let ascii = url::Host::parse(&d).ok().and_then(|h| match h {
            url::Host::Domain(a) => Some(a),
            _ => None,
        });
        c.error_suggest(
            path,
            pos_of(raw),
            format!(
                "`{}` is not in ASCII; write the name in its ASCII (`xn--`) form, which is what browsers show for a name they do not trust",
                raw.value.trim()
            ),
            ascii,
        );
        return None;
    }
    let ok = d.contains('.')
        && !d.starts_with(['.', '-'])
        && !d.ends_with(['.', '-'])
        && d.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    if !ok {
        c.error(
            path,
            pos_of(raw),
            format!("`{}` is not a domain name such as `example.com`", raw.value),
        );
        return None;
    }
    if let Err(why) = bayan_text::spoof::check_host(&d) {
        c.error(path, pos_of(raw), format!("`{d}`: {why}"));
        return None;
    }
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_keeps_its_sub_path_and_gains_a_slash() {
        let b = BaseUrl::parse("https://org.github.io/advisories").unwrap();
        assert_eq!(b.path, "/advisories/");
        assert_eq!(b.absolute, "https://org.github.io/advisories/");
        assert_eq!(b.link("ar/"), "/advisories/ar/");
        assert_eq!(BaseUrl::parse("https://a.example").unwrap().path, "/");
    }

    #[test]
    fn base_url_rejects_other_schemes_and_queries() {
        assert!(BaseUrl::parse("javascript:alert(1)").is_err());
        assert!(BaseUrl::parse("ftp://a.example/").is_err());
        assert!(BaseUrl::parse("https://a.example/?x=1").is_err());
        assert!(BaseUrl::parse("not a url").is_err());
    }

    /// Issue 23: a path that normalises to start with `//` would send every
    /// root-relative link, the stylesheet and every redirect to another host.
    #[test]
    fn base_url_path_that_could_lead_to_another_host_is_refused_at_its_character() {
        for (typed, at) in [
            ("https://host/\\evil.example/", 14),
            ("https://host\\evil.example/", 13),
            ("https://host/a/..//evil.example/", 16),
            ("https://host//evil.example/", 14),
            ("https://host/./x/", 14),
            ("https://host/%2e%2E/x/", 14),
            ("https://host/a/%5cevil.example/", 16),
            ("https://host/a%2f/x/", 15),
            ("https://host/\t/evil.example/", 14),
        ] {
            let got = base_path_problem(typed);
            assert_eq!(got.as_ref().map(|g| g.0), Some(at), "{typed}: {got:?}");
            assert!(BaseUrl::parse(typed).is_err(), "{typed}");
        }
        for fine in [
            "https://host",
            "https://host/",
            "https://host/security/",
            "https://host/a/b",
            "https://host:8443/a.b/",
            "https://org.github.io/advisories/",
        ] {
            assert_eq!(base_path_problem(fine), None, "{fine}");
            let b = BaseUrl::parse(fine).unwrap();
            assert!(!b.link("x/").starts_with("//"), "{fine}");
        }
    }

    #[test]
    fn base_url_rejects_hidden_characters_and_mixed_script_hosts() {
        assert!(BaseUrl::parse("https://advisories.example.com/\u{202E}x/").is_err());
        assert!(BaseUrl::parse("https://adv\u{200B}isories.example.com/").is_err());
        assert!(BaseUrl::parse("https://exampl\u{0435}.com/").is_err());
        assert!(BaseUrl::parse("https://bücher.example/").is_ok());
    }
}
