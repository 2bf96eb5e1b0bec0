//! Texts a reader sees: one string per language, checked and rendered once.
//!
//! In YAML a text is a map from language code to inline Markdown. [`Checker::text`]
//! turns it into a [`Text`], which cannot exist without every site language, after
//! checking each string is present, non-blank and not a `TODO` placeholder, and that
//! its links are safe.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_saphyr::Spanned;

use bayan_text::diag::{Diagnostic, Diagnostics, Pos, nearest};
use bayan_text::lang::Lang;
use bayan_text::markdown::{self, LinkContext};

/// A text as written: `{ en: …, ar: … }`, with positions.
pub type RawText = Spanned<BTreeMap<String, Spanned<String>>>;

/// One language's version of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEntry {
    /// As the author wrote it, trimmed.
    pub src: Box<str>,
    /// Rendered inline Markdown, when it differs from `src`: most texts are plain
    /// prose, and a site of thousands of advisories should not hold them twice.
    rendered: Option<Box<str>>,
    /// Plain text as readers see it ([`bayan_text::bidi::shown`]), when it
    /// differs from `src`: feeds, the JSON copies, CSAF and notices all need it,
    /// so it is made once, here, not once per output.
    shown: Option<Box<str>>,
}

impl TextEntry {
    pub fn new(lang: &Lang, src: &str, html: String) -> Self {
        let rendered = (html != src).then(|| html.into_boxed_str());
        let shown = bayan_text::bidi::shown(&markdown::plain_text(src), lang);
        let shown = (shown != src).then(|| shown.into_boxed_str());
        TextEntry {
            src: src.into(),
            rendered,
            shown,
        }
    }

    /// Plain text as readers see it where no markup can isolate a run of the
    /// other direction: no Markdown, one line, runs isolated with Unicode
    /// isolates (see [`bayan_text::bidi::shown`]).
    pub fn shown(&self) -> &str {
        self.shown.as_deref().unwrap_or(&self.src)
    }

    /// Rendered inline Markdown, safe to insert in a page.
    pub fn html(&self) -> &str {
        self.rendered.as_deref().unwrap_or(&self.src)
    }

    /// Without markup, for `<title>`, meta tags and feeds. Computed when asked:
    /// few texts need it, and a large site should not hold a third copy of each.
    pub fn plain(&self) -> String {
        markdown::plain_text(&self.src)
    }
}

/// A text present and non-blank in every language of the site, in the site's
/// language order. A short slice rather than a map: a map node per text costs
/// more than the text itself. Shared, not copied, when cloned: the record keeps
/// every text twice over (in its field, and by path in `Incident::texts`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text(std::sync::Arc<[(Lang, TextEntry)]>);

impl Text {
    /// The version in `lang`. Every site language is present by construction; a
    /// language outside the site falls back to any version rather than panicking.
    pub fn get(&self, lang: &Lang) -> &TextEntry {
        self.0
            .iter()
            .find(|(l, _)| l == lang)
            .or_else(|| self.0.first())
            .map_or(&*EMPTY, |(_, e)| e)
    }

    /// Each language's version, in the site's language order.
    pub fn langs(&self) -> impl Iterator<Item = (&Lang, &TextEntry)> {
        self.0.iter().map(|(l, e)| (l, e))
    }

    /// The source strings by language, for the JSON copy of a record.
    pub fn sources(&self) -> BTreeMap<&str, &str> {
        self.0.iter().map(|(l, e)| (l.as_str(), &*e.src)).collect()
    }

    /// A text from fixed strings (defaults, theme labels): rendered like any other.
    pub fn from_sources(sources: impl IntoIterator<Item = (Lang, String)>) -> Text {
        Text(
            sources
                .into_iter()
                .map(|(l, s)| {
                    let ctx = LinkContext {
                        rtl: l.direction() == bayan_text::lang::Direction::Rtl,
                        ..Default::default()
                    };
                    let r = markdown::render_inline(&s, &ctx);
                    (l.clone(), TextEntry::new(&l, &s, r.html))
                })
                .collect(),
        )
    }
}

static EMPTY: std::sync::LazyLock<TextEntry> = std::sync::LazyLock::new(|| TextEntry {
    src: "".into(),
    rendered: None,
    shown: None,
});

pub fn pos_of<T>(s: &Spanned<T>) -> Option<Pos> {
    let l = s.referenced;
    let (line, column) = (
        u32::try_from(l.line()).ok()?,
        u32::try_from(l.column()).ok()?,
    );
    (line > 0).then_some(Pos { line, column })
}

/// English names for messages ("missing Arabic text").
pub fn language_name(lang: &str) -> String {
    let name = match lang.split('-').next().unwrap_or(lang) {
        "ar" => "Arabic",
        "en" => "English",
        "fr" => "French",
        "fa" => "Persian",
        "he" => "Hebrew",
        "ur" => "Urdu",
        "tr" => "Turkish",
        "es" => "Spanish",
        "de" => "German",
        _ => return format!("`{lang}`"),
    };
    name.to_owned()
}

/// Validation state for one file: where errors go and what a text must hold.
pub struct Checker<'a> {
    pub file: &'a str,
    pub langs: &'a [Lang],
    pub diags: Diagnostics,
    /// Drafts may hold `TODO` placeholders (each a warning, so `check` shows
    /// what is left to write); published advisories may not.
    pub allow_placeholders: bool,
    /// An advisory's texts may link to other advisories (`../ID/`), written with
    /// these routes; site.yaml's texts may not (`None`).
    pub routes: Option<bayan_text::routes::Routes<'a>>,
    /// Those links, as found, for the link phase.
    pub cross: Vec<bayan_text::ids::CrossLink>,
    /// Every text checked whole, by its field path, in the order checked: the
    /// record's own list of its texts, so that translation lag covers a field
    /// added later without anyone listing it.
    pub texts: Vec<(String, Text)>,
    /// An advisory's texts may link the files of its folder, as its bodies
    /// may: their names, and the advisory's id (`None` in site.yaml).
    pub attachments: Option<(&'a std::collections::BTreeSet<String>, &'a str)>,
}

impl<'a> Checker<'a> {
    pub fn new(file: &'a str, langs: &'a [Lang]) -> Self {
        Checker {
            file,
            langs,
            diags: Diagnostics::default(),
            allow_placeholders: false,
            routes: None,
            cross: Vec::new(),
            texts: Vec::new(),
            attachments: None,
        }
    }

    pub fn error(&mut self, path: &str, pos: Option<Pos>, message: impl Into<String>) {
        self.diags
            .push(Diagnostic::error(self.file, path, message).at(pos));
    }

    /// A `TODO` placeholder at `path`: an error, or in a draft a warning.
    fn placeholder(&mut self, path: &str, pos: Option<Pos>) {
        let message = "placeholder text starting with `TODO`; write the text before publishing";
        let d = if self.allow_placeholders {
            Diagnostic::warning(self.file, path, message)
        } else {
            Diagnostic::error(self.file, path, message)
        };
        self.diags.push(d.at(pos));
    }

    pub fn error_suggest(
        &mut self,
        path: &str,
        pos: Option<Pos>,
        message: impl Into<String>,
        s: Option<String>,
    ) {
        self.diags.push(
            Diagnostic::error(self.file, path, message)
                .at(pos)
                .suggest(s),
        );
    }

    /// Checks a text and renders it; `None` when it cannot be used (errors recorded).
    pub fn text(&mut self, raw: &RawText, path: &str) -> Option<Text> {
        let mut ok = true;
        let codes: Vec<&str> = self.langs.iter().map(Lang::as_str).collect();
        let needs = codes.join(", ");
        // A text in every site language may hold one more, in a language the site
        // does not publish yet: a translation made ready before `languages:` names
        // it. It is not published. With a site language missing, a stray key is most
        // likely that language misspelt, and is reported as such.
        let complete = codes.iter().all(|c| raw.value.contains_key(*c));
        // A stray key stands for a language the text lacks, not one it has.
        let missing: Vec<&str> = codes
            .iter()
            .copied()
            .filter(|c| !raw.value.contains_key(*c))
            .collect();
        for (key, value) in &raw.value {
            let prepared = complete && Lang::parse(key).is_some();
            if !codes.contains(&key.as_str()) && !prepared {
                ok = false;
                let suggestion = match missing.as_slice() {
                    [] => nearest(key, codes.iter().copied()),
                    [only] => Some((*only).to_owned()),
                    several => nearest(key, several.iter().copied()),
                };
                self.error_suggest(
                    &format!("{path}.{key}"),
                    pos_of(value).or(pos_of(raw)),
                    format!("`{key}` is not one of the site's languages ({needs})"),
                    suggestion,
                );
            }
        }
        let mut entries = Vec::with_capacity(self.langs.len());
        for lang in self.langs {
            let name = language_name(lang.as_str());
            let Some(value) = raw.value.get(lang.as_str()) else {
                ok = false;
                self.error(
                    &format!("{path}.{lang}"),
                    pos_of(raw),
                    format!("missing {name} text (every text needs: {needs})"),
                );
                continue;
            };
            let src = value.value.trim();
            let vpath = format!("{path}.{lang}");
            if src.is_empty() {
                ok = false;
                self.error(
                    &vpath,
                    pos_of(value).or(pos_of(raw)),
                    format!("{name} text is blank"),
                );
                continue;
            }
            if is_placeholder(src) {
                self.placeholder(&vpath, pos_of(value));
            }
            let base = match (self.routes, self.attachments) {
                (Some(routes), Some((_, id))) => routes.attachment_base(lang, id),
                _ => String::new(),
            };
            let ctx = LinkContext {
                rtl: lang.direction() == bayan_text::lang::Direction::Rtl,
                advisories: self
                    .routes
                    .map(|routes| markdown::AdvisoryLinks { routes, lang }),
                attachments: self.attachments.map(|(files, _)| files),
                attachment_base: &base,
                ..Default::default()
            };
            let mut r = markdown::render_inline(src, &ctx);
            let mut spoofs = bayan_text::spoof::check_controls(src);
            spoofs.append(&mut r.addresses);
            for p in spoofs {
                // The offset is the checker's; never slice inside a character.
                let mut end = p.offset.min(src.len());
                while !src.is_char_boundary(end) {
                    end -= 1;
                }
                let at = src[..end].chars().count() + 1;
                self.error(
                    &vpath,
                    pos_of(value),
                    format!("{} (character {at} of the text)", p.message),
                );
            }
            for p in r.problems {
                self.error(&vpath, pos_of(value), p.message);
            }
            for x in r.cross {
                if let Some(target) = bayan_text::ids::IncidentId::parse(&x.id) {
                    self.cross.push(bayan_text::ids::CrossLink {
                        lang: lang.clone(),
                        target,
                        anchor: x.anchor,
                        file: self.file.to_owned(),
                        path: vpath.clone(),
                        pos: pos_of(value),
                    });
                }
            }
            entries.push((lang.clone(), TextEntry::new(lang, src, r.html)));
        }
        if !ok {
            return None;
        }
        let text = Text(entries.into());
        self.texts.push((path.to_owned(), text.clone()));
        Some(text)
    }

    pub fn opt_text(&mut self, raw: &Option<RawText>, path: &str) -> Option<Text> {
        raw.as_ref().and_then(|r| self.text(r, path))
    }

    /// A URL a reader can follow: `http` or `https` with a host and no user name,
    /// or `mailto` with one strict address (see [`bayan_text::spoof::check_url`]).
    pub fn url(&mut self, raw: &Spanned<String>, path: &str) -> Option<String> {
        let url = raw.value.trim();
        match bayan_text::spoof::check_url(url) {
            Ok(()) => Some(url.to_owned()),
            Err(why) => {
                self.error(path, pos_of(raw), format!("URL `{url}` {why}"));
                None
            }
        }
    }

    /// Emails are shown, linked with `mailto:` and written to security.txt, so they
    /// are held to a strict addr-spec shape (see [`bayan_text::spoof::check_email`]).
    pub fn email(&mut self, raw: &Spanned<String>, path: &str) -> Option<String> {
        let e = raw.value.trim();
        match bayan_text::spoof::check_email(e) {
            Ok(()) => Some(e.to_owned()),
            Err(why) => {
                self.error(path, pos_of(raw), format!("`{e}` {why}"));
                None
            }
        }
    }

    /// Names and ids are compared and shown as they are: none of them may hold a
    /// bidi control, an invisible character or a control character.
    pub fn no_hidden(&mut self, raw: &Spanned<String>, path: &str) -> bool {
        let s = raw.value.trim();
        let found =
            bayan_text::spoof::first_hidden(s).or_else(|| bayan_text::spoof::first_control(s));
        if let Some((at, c)) = found {
            let at = s[..at].chars().count() + 1;
            self.error(
                path,
                pos_of(raw),
                format!(
                    "`{s}` contains {} at character {at}; names and ids may not hold bidi, invisible or control characters, which make them read as something else",
                    bayan_text::spoof::describe(c)
                ),
            );
            return false;
        }
        true
    }

    /// Plain strings (names, phone numbers) must not be blank.
    pub fn nonblank(&mut self, raw: &Spanned<String>, path: &str) -> Option<String> {
        let s = raw.value.trim();
        if s.is_empty() {
            self.error(path, pos_of(raw), "is blank");
            return None;
        }
        if !self.no_hidden(raw, path) {
            return None;
        }
        if is_placeholder(s) {
            self.placeholder(path, pos_of(raw));
        }
        Some(s.to_owned())
    }
}

/// Whether a text or body starts with `TODO` as a reader would see it: markup
/// (`**TODO**`, `# TODO`), invisible characters and a BOM do not hide it.
pub fn is_placeholder(s: &str) -> bool {
    // Most texts hold no `TODO` at all: no need to parse them.
    if !s.contains("TODO") {
        return false;
    }
    let visible: String = markdown::plain_text(s)
        .chars()
        .filter(|&c| !bayan_text::spoof::is_invisible(c) && !bayan_text::spoof::is_bidi_control(c))
        .collect();
    visible.trim_start().starts_with("TODO")
}

/// A number, or `{ value, qualifier }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawCount {
    Plain(u64),
    Qualified(QualifiedCount),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QualifiedCount {
    pub value: u64,
    #[serde(default)]
    pub qualifier: Qualifier,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    #[default]
    Exactly,
    About,
    UpTo,
    AtLeast,
}

impl Qualifier {
    pub fn key(self) -> &'static str {
        match self {
            Qualifier::Exactly => "exactly",
            Qualifier::About => "about",
            Qualifier::UpTo => "up_to",
            Qualifier::AtLeast => "at_least",
        }
    }
}

/// A phone number as typed: digits, spaces, `+`, `-`, `(`, `)` and `.`, at least
/// one digit (a contact's, a DPO's, a credit bureau's).
pub fn check_phone(c: &mut Checker, raw: &Spanned<String>, path: &str) -> Option<String> {
    let p = c.nonblank(raw, path)?;
    let ok = p.chars().any(|ch| ch.is_ascii_digit())
        && p.chars()
            .all(|ch| ch.is_ascii_alphanumeric() || " +-().".contains(ch));
    if !ok {
        c.error(
            path,
            pos_of(raw),
            format!("`{p}` is not a phone number (digits, spaces, `+`, `-`, parentheses)"),
        );
        return None;
    }
    Some(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs() -> Vec<Lang> {
        vec![Lang::parse("en").unwrap(), Lang::parse("ar").unwrap()]
    }

    fn raw(y: &str) -> RawText {
        #[derive(Deserialize)]
        struct W {
            t: RawText,
        }
        bayan_text::yaml::parse::<W>("x.yaml", y).unwrap().t
    }

    #[test]
    fn missing_arabic_is_named_with_the_languages_needed() {
        let langs = langs();
        let mut c = Checker::new("x.yaml", &langs);
        assert!(c.text(&raw("t:\n  en: Hello\n"), "summary").is_none());
        let d = &c.diags.items()[0];
        assert_eq!(d.path, "summary.ar");
        assert_eq!(d.message, "missing Arabic text (every text needs: en, ar)");
        assert_eq!(d.line, Some(2));
    }

    #[test]
    fn a_language_not_yet_published_is_kept_out_when_the_site_languages_are_all_there() {
        let langs = langs();
        let mut c = Checker::new("x.yaml", &langs);
        let t = c
            .text(&raw("t:\n  en: Hello\n  ar: مرحبا\n  ur: سلام\n"), "title")
            .expect("accepted");
        assert!(c.diags.items().is_empty(), "{:?}", c.diags.items());
        let codes: Vec<&str> = t.langs().map(|(l, _)| l.as_str()).collect();
        assert_eq!(codes, ["en", "ar"], "only the site's languages are kept");
        // Not a language code at all: an error even then.
        assert!(
            c.text(&raw("t:\n  en: Hello\n  ar: مرحبا\n  Urdu: سلام\n"), "title")
                .is_none()
        );
    }

    #[test]
    fn a_stray_language_key_suggests_the_language_the_text_lacks() {
        let langs = langs();
        let mut c = Checker::new("x.yaml", &langs);
        assert!(
            c.text(&raw("t:\n  ar: نص\n  ra: text\n"), "advice[0]")
                .is_none()
        );
        let d = c.diags.items().iter().find(|d| d.path == "advice[0].ra");
        assert_eq!(
            d.and_then(|d| d.suggestion.as_deref()),
            Some("en"),
            "{:?}",
            c.diags.items()
        );
    }

    #[test]
    fn blank_text_unknown_language_and_todo_are_errors() {
        let langs = langs();
        let mut c = Checker::new("x.yaml", &langs);
        c.text(&raw("t:\n  en: \"  \"\n  ra: x\n"), "title");
        c.text(&raw("t:\n  en: TODO write\n  ar: نص\n"), "advice[0]");
        let msgs: Vec<String> = c.diags.items().iter().map(|d| d.to_string()).collect();
        assert!(
            msgs.iter()
                .any(|m| m.contains("title.en: English text is blank")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("title.ra") && m.contains("did you mean `ar`")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("advice[0].en") && m.contains("TODO")),
            "{msgs:?}"
        );
    }

    #[test]
    fn javascript_urls_are_refused() {
        let langs = langs();
        let mut c = Checker::new("x.yaml", &langs);
        let s = |v: &str| {
            Spanned::new(
                v.to_owned(),
                serde_saphyr::Location::UNKNOWN,
                serde_saphyr::Location::UNKNOWN,
            )
        };
        assert!(c.url(&s("javascript:alert(1)"), "vendors[0].url").is_none());
        assert!(c.url(&s("https://example.com"), "u").is_some());
        assert!(c.url(&s("mailto:a@b.example"), "u").is_some());
        assert!(c.url(&s("https:"), "u").is_none());
        assert!(c.url(&s("example.com"), "u").is_none());
        assert!(
            c.diags.items()[0]
                .message
                .contains("only http, https, mailto and tel")
        );
    }
}
