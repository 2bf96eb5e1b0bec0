//! Text that reads right: characters and addresses that would make a reader see
//! something other than what is there.
//!
//! Bidi controls can reorder what follows them (`\u{202E}gnp.exe` reads `exe.png`),
//! invisible characters can hide inside an address, and control characters can
//! drive a terminal. An id, email, URL or vendor name may hold none of them; running
//! text may hold bidi controls only in balanced pairs on one line, so nothing spills
//! into the text around it. URLs and emails are checked strictly, since a link's
//! target is what a phishing message forges.

use std::borrow::Cow;
use std::fmt::Write as _;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use unicode_security::MixedScript;

use crate::markdown::dialect::Problem;

/// The bidi formatting characters of UAX #9: embeddings, overrides, isolates and
/// the implicit marks.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// Characters a reader cannot see: Unicode's Default_Ignorable_Code_Point (zero-width
/// spaces and joiners, the BOM, soft hyphens, variation selectors, tags, fillers).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// Control characters and noncharacters, which have no place in a page: C0 (less
/// tab, line feed and carriage return), DEL, C1, and U+FDD0–U+FDEF and the last two
/// code points of every plane (U+FFFE, U+FFFF, …).
pub fn is_forbidden_control(c: char) -> bool {
    let n = c as u32;
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || (0xFDD0..=0xFDEF).contains(&n)
        || n & 0xFFFE == 0xFFFE
}

/// `U+202E RIGHT-TO-LEFT OVERRIDE`, or `U+0000` for characters without a name here.
pub fn describe(c: char) -> String {
    let name = match c {
        '\u{202A}' => " LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => " RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => " POP DIRECTIONAL FORMATTING",
        '\u{202D}' => " LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => " RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => " LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => " RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => " FIRST STRONG ISOLATE",
        '\u{2069}' => " POP DIRECTIONAL ISOLATE",
        '\u{200E}' => " LEFT-TO-RIGHT MARK",
        '\u{200F}' => " RIGHT-TO-LEFT MARK",
        '\u{061C}' => " ARABIC LETTER MARK",
        '\u{200B}' => " ZERO WIDTH SPACE",
        '\u{200C}' => " ZERO WIDTH NON-JOINER",
        '\u{200D}' => " ZERO WIDTH JOINER",
        '\u{FEFF}' => " ZERO WIDTH NO-BREAK SPACE (BOM)",
        _ => "",
    };
    format!("U+{:04X}{name}", c as u32)
}

/// The first bidi control or invisible character, with its byte offset.
pub fn first_hidden(s: &str) -> Option<(usize, char)> {
    s.char_indices()
        .find(|&(_, c)| is_bidi_control(c) || is_invisible(c))
}

/// The first control character or noncharacter, with its byte offset.
pub fn first_control(s: &str) -> Option<(usize, char)> {
    s.char_indices().find(|&(_, c)| is_forbidden_control(c))
}

/// Byte offsets and messages for every bidi embedding, override or isolate in `s`
/// that is not closed on its own line, and every closing one that closes nothing.
/// A pair on one line is fine; the marks (LRM, RLM, ALM) need no closing.
pub fn unbalanced_bidi(s: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in s.split('\n') {
        // Each open one: (offset, character, is an isolate).
        let mut open: Vec<(usize, char, bool)> = Vec::new();
        for (i, c) in line.char_indices() {
            let off = at + i;
            match c {
                '\u{202A}'..='\u{202B}' | '\u{202D}'..='\u{202E}' => open.push((off, c, false)),
                '\u{2066}'..='\u{2068}' => open.push((off, c, true)),
                '\u{202C}' => {
                    if open.last().is_some_and(|o| !o.2) {
                        open.pop();
                    } else {
                        out.push((
                            off,
                            format!("{} closes no embedding or override", describe(c)),
                        ));
                    }
                }
                '\u{2069}' => {
                    // A PDI closes its isolate and whatever was opened inside it.
                    if let Some(k) = open.iter().rposition(|o| o.2) {
                        open.truncate(k);
                    } else {
                        out.push((off, format!("{} closes no isolate", describe(c))));
                    }
                }
                _ => {}
            }
        }
        for (off, c, isolate) in open {
            let close = if isolate {
                "U+2069 POP DIRECTIONAL ISOLATE"
            } else {
                "U+202C POP DIRECTIONAL FORMATTING"
            };
            out.push((
                off,
                format!(
                    "{} is not closed on its line, so it would reorder the text after it; close it with {close} or remove it",
                    describe(c)
                ),
            ));
        }
        at += line.len() + 1;
    }
    out
}

/// Whether `s` may hold (a) a control character or noncharacter and (b) a bidi
/// embedding, override or isolate, judged from the bytes that can begin their
/// UTF-8 encodings: most texts hold neither, and a byte scan is far cheaper than
/// decoding every character of every body. A `true` is only a "maybe".
fn may_hold_controls(s: &str) -> (bool, bool) {
    let (mut controls, mut bidi) = (false, false);
    for &b in s.as_bytes() {
        match b {
            // C0 controls but tab and line ends, DEL; U+0080-U+009F (C2 80-9F);
            // U+FDD0-U+FDEF and U+FFFE/F (EF ..); the planes' xFFFE/F (F0-F4 ..).
            0x00..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F | 0x7F | 0xC2 | 0xEF | 0xF0..=0xF4 => {
                controls = true
            }
            // U+202A-U+202E and U+2066-U+2069 (E2 80 .., E2 81 ..).
            0xE2 => bidi = true,
            _ => continue,
        }
        if controls && bidi {
            break;
        }
    }
    (controls, bidi)
}

/// Problems a reader could be fooled by in running text (a YAML text or a body):
/// control characters, unbalanced bidi controls, and unsafe or misleading
/// addresses in links and in bare URLs and emails. The Markdown renderer runs the
/// address part in its own pass over the text ([`AddressCheck`]), so the loader
/// asks only [`check_controls`] of a text it renders.
pub fn check_running_text(src: &str) -> Vec<Problem> {
    let mut out = check_controls(src);
    if let Some(mut check) = AddressCheck::for_text(src) {
        for (ev, range) in
            Parser::new_ext(src, crate::markdown::dialect::options()).into_offset_iter()
        {
            check.event(&ev, range.start);
        }
        out.extend(check.finish());
    }
    out
}

/// Control characters and unbalanced bidi controls in running text.
pub fn check_controls(src: &str) -> Vec<Problem> {
    let mut out: Vec<Problem> = Vec::new();
    let (controls, bidi) = may_hold_controls(src);
    if controls {
        for (offset, c) in src.char_indices().filter(|&(_, c)| is_forbidden_control(c)) {
            out.push(Problem {
                offset,
                message: format!("contains the control character {}; remove it", describe(c)),
            });
        }
    }
    if bidi {
        for (offset, message) in unbalanced_bidi(src) {
            out.push(Problem { offset, message });
        }
    }
    out
}

/// Bare URLs and emails, and links whose text reads as an address, checked from
/// a document's parser events as they go by.
pub struct AddressCheck {
    finder: linkify::LinkFinder,
    /// Text events are merged as the renderer merges them before it looks for links.
    run: String,
    run_at: usize,
    in_code: bool,
    /// The open link: its target, offset and visible text so far.
    link: Option<(String, usize, String)>,
    out: Vec<Problem>,
}

impl AddressCheck {
    /// A check for `src`, or `None` when it holds no `[`, `<`, `@` or `:`, without
    /// which there is no link, bare URL or email to check.
    pub fn for_text(src: &str) -> Option<AddressCheck> {
        if !src.bytes().any(|b| matches!(b, b'[' | b'<' | b'@' | b':')) {
            return None;
        }
        let mut finder = linkify::LinkFinder::new();
        finder.url_must_have_scheme(true);
        Some(AddressCheck {
            finder,
            run: String::new(),
            run_at: 0,
            in_code: false,
            link: None,
            out: Vec::new(),
        })
    }

    /// One parser event, at its offset in the source.
    pub fn event(&mut self, ev: &Event<'_>, offset: usize) {
        match ev {
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => {
                if let Some((_, _, text)) = self.link.as_mut() {
                    text.push_str(t);
                } else if !self.in_code {
                    if self.run.is_empty() {
                        self.run_at = offset;
                    }
                    self.run.push_str(t);
                }
                return;
            }
            Event::Code(t) => {
                if let Some((_, _, text)) = self.link.as_mut() {
                    text.push_str(t);
                }
            }
            Event::Start(Tag::CodeBlock(_)) => self.in_code = true,
            Event::End(TagEnd::CodeBlock) => self.in_code = false,
            Event::Start(Tag::Link { dest_url, .. }) => {
                self.link = Some((dest_url.to_string(), offset, String::new()));
            }
            Event::End(TagEnd::Link) => {
                if let Some((dest, offset, text)) = self.link.take()
                    && let Err(message) = text_matches_target(&text, &dest)
                {
                    self.out.push(Problem { offset, message });
                }
            }
            _ => {}
        }
        self.flush();
    }

    /// The problems found, once the last event is in.
    pub fn finish(mut self) -> Vec<Problem> {
        self.flush();
        self.out
    }

    fn flush(&mut self) {
        if self.run.is_empty() {
            return;
        }
        for s in self.finder.links(&self.run) {
            // The address as the renderer links it: without the sentence's
            // punctuation after it (`security@bank.example،`).
            let piece = &s.as_str()[..crate::bidi::link_len(s.as_str())];
            let result = match s.kind() {
                linkify::LinkKind::Url if crate::markdown::dialect::scheme_allowed(piece) => {
                    check_url(piece)
                }
                linkify::LinkKind::Email => check_email(piece),
                _ => Ok(()),
            };
            if let Err(why) = result {
                self.out.push(Problem {
                    offset: self.run_at + s.start(),
                    message: format!("`{piece}`: {why}"),
                });
            }
        }
        self.run.clear();
    }
}

/// A URL a reader may follow: `http` or `https` with a host and no user name or
/// password, or `mailto` with one strict address; no spaces, controls, bidi or
/// invisible characters anywhere, and no host that mixes scripts.
pub fn check_url(url: &str) -> Result<(), String> {
    if let Some((_, c)) = url
        .char_indices()
        .find(|&(_, c)| c.is_whitespace() || c.is_control())
    {
        return Err(format!(
            "contains spaces or control characters ({})",
            describe(c)
        ));
    }
    if let Some((_, c)) = first_hidden(url) {
        return Err(format!(
            "contains the invisible or bidi character {}, which would hide what it says",
            describe(c)
        ));
    }
    let scheme = crate::markdown::dialect::scheme_of(url).map(str::to_ascii_lowercase);
    match scheme.as_deref() {
        Some("mailto") => check_mailto(&url["mailto:".len()..]),
        Some("tel") => check_tel(&url["tel:".len()..]),
        Some(s @ ("http" | "https")) => {
            // `https:host` and `https:\\host` are read differently by browsers (relative
            // to the page) and by URL parsers (a host): only the plain form is allowed.
            if !url[s.len() + 1..].starts_with("//") || url.contains('\\') {
                return Err(format!("is not written as {s}://host/…"));
            }
            let u = url::Url::parse(url).map_err(|e| format!("is not a valid URL: {e}"))?;
            if !u.username().is_empty() || u.password().is_some() {
                return Err(
                    "carries a user name before `@`, which makes the host look like another; write the address without it"
                        .to_owned(),
                );
            }
            match u.host() {
                Some(url::Host::Domain(d)) => check_host(d),
                Some(_) => Ok(()),
                None => Err("has no host name".to_owned()),
            }
        }
        Some(s) => Err(format!(
            "uses `{s}:`; only http, https, mailto and tel are allowed"
        )),
        None => Err("is not a full URL; write it with https://".to_owned()),
    }
}

/// The part of a `tel:` URL after the scheme: a phone number, `+` and digits with
/// the visual separators RFC 3966 allows (`-`, `.`, `(`, `)`), 3 to 15 digits (E.164's
/// most), and no parameters (`;phone-context=`, `;ext=`), which dialers treat
/// differently.
fn check_tel(rest: &str) -> Result<(), String> {
    let body = rest.strip_prefix('+').unwrap_or(rest);
    if let Some(c) = body
        .chars()
        .find(|c| !(c.is_ascii_digit() || "-.()".contains(*c)))
    {
        return Err(format!(
            "is not a phone number: `{c}` has no place in a tel link (write `tel:+966800123456`, digits and `+` only, separators `-` `.` allowed)"
        ));
    }
    let digits = body.chars().filter(char::is_ascii_digit).count();
    if !(3..=15).contains(&digits) {
        return Err(format!(
            "is not a phone number: it has {digits} digits, and a phone number has 3 to 15"
        ));
    }
    Ok(())
}

/// Phone-number text (`+966 800 123 4567`): digits, with only `+`, spaces and
/// `-.()` between them.
fn reads_as_phone(text: &str) -> bool {
    text.chars().filter(char::is_ascii_digit).count() >= 3
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || " +-.()\u{a0}".contains(c))
}

/// The part of a `mailto:` URL after the scheme: one address, and at most a
/// `subject` and `body`; `to`, `cc` and `bcc` would add recipients a reader does not
/// see.
fn check_mailto(rest: &str) -> Result<(), String> {
    let (addr, query) = rest.split_once('?').unwrap_or((rest, ""));
    check_email(addr)?;
    for (key, _) in url::form_urlencoded::parse(query.as_bytes()) {
        if !matches!(key.to_ascii_lowercase().as_str(), "subject" | "body") {
            return Err(format!(
                "mailto links may carry only `subject` and `body`, not `{key}`, which could add hidden recipients"
            ));
        }
    }
    Ok(())
}

/// An email address in a strict addr-spec shape: ASCII local part without `?`,
/// `&`, `%`, `/`, `#` (which would add headers or recipients to a `mailto:` link),
/// one `@`, and a dotted host that does not mix scripts.
pub fn check_email(e: &str) -> Result<(), String> {
    if let Some((_, c)) = first_hidden(e).or_else(|| first_control(e)) {
        return Err(format!(
            "contains the invisible, bidi or control character {}",
            describe(c)
        ));
    }
    if let Some(c) = e.chars().find(|&c| "?&%/#,;:<>\"\\()[] ".contains(c)) {
        return Err(format!(
            "is not an email address: `{c}` has no place in one, and in a mailto link it could add recipients or headers"
        ));
    }
    let Some((local, host)) = e.split_once('@') else {
        return Err("is not an email address (no `@`)".to_owned());
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!$'*+-=^_`{|}~.".contains(&b));
    if !local_ok {
        return Err("is not an email address: before `@` use letters, digits and `.`, `-`, `_`, `+` (no `?`, `&`, `%`, `/`, spaces or a second `@`)".to_owned());
    }
    if host.contains('@') {
        return Err("is not an email address: it has more than one `@`".to_owned());
    }
    let labels_ok = host.contains('.')
        && host.split('.').all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    if !labels_ok {
        return Err(
            "is not an email address: after `@` write a domain name such as `example.com`"
                .to_owned(),
        );
    }
    check_host(host)
}

/// A host name that does not mix scripts in one label (`examplе.com` with a Cyrillic
/// `е`), given in Unicode or in its `xn--` form.
pub fn check_host(host: &str) -> Result<(), String> {
    let unicode = url::quirks::domain_to_unicode(host);
    let shown = if unicode.is_empty() { host } else { &unicode };
    for label in shown.split('.') {
        if !label.is_single_script() {
            return Err(format!(
                "host `{shown}` mixes scripts in `{label}`, so it can pass for another site's name"
            ));
        }
    }
    Ok(())
}

/// The host a link's visible text names, when the text reads as an address: a URL
/// (`https://bank.example/x`), a domain (`bank.example`, `www.bank.example/login`) or
/// an email (`help@bank.example`, which must be the `mailto:` target itself).
fn text_matches_target(text: &str, dest: &str) -> Result<(), String> {
    // Read the text as a reader sees it: invisible characters gone and the dots that
    // browsers take for `.` (`bank．example`, `bank。example`) made plain, so neither
    // hides an address from the comparison.
    let seen: String = text
        .chars()
        .filter(|&c| !is_invisible(c))
        .map(|c| match c {
            '\u{3002}' | '\u{FF0E}' | '\u{FF61}' => '.',
            c => c,
        })
        .collect();
    let text = seen.trim();
    let dest = dest.trim();
    // `[+966 800 123 4567](tel:+9668001234567)`: a number shown must be the one dialled.
    if let Some(dial) = dest.get(..4).filter(|s| s.eq_ignore_ascii_case("tel:")) {
        let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
        if reads_as_phone(text) && digits(text) != digits(&dest[dial.len()..]) {
            return Err(format!(
                "link text `{text}` reads as a phone number but the link dials `{dest}`; make the text the number it dials, or words"
            ));
        }
        return Ok(());
    }
    // An autolink (`<https://…>`, `<a@b.example>`) shows its own target.
    if text.is_empty() || text.chars().any(char::is_whitespace) || text == dest {
        return Ok(());
    }
    let misleading = || {
        Err(format!(
            "link text `{text}` reads as an address but the link goes to `{dest}`; make the text the address it leads to, or words"
        ))
    };
    if text.contains('@') && !text.contains('/') && !text.contains(':') {
        if check_email(text).is_err() {
            return Ok(());
        }
        let target = dest
            .get(..7)
            .filter(|s| s.eq_ignore_ascii_case("mailto:"))
            .map(|_| dest[7..].split('?').next().unwrap_or(""));
        return match target {
            Some(t) if t.eq_ignore_ascii_case(text) => Ok(()),
            _ => misleading(),
        };
    }
    let Some(shown) = named_host(text) else {
        return Ok(());
    };
    // A link within the site (an attachment, an anchor) goes nowhere else.
    if crate::markdown::dialect::scheme_of(dest).is_none() {
        return Ok(());
    }
    let Ok(u) = url::Url::parse(dest) else {
        return misleading();
    };
    // A file's name as its link's text (`[report.pdf](https://v.example/a/report.pdf)`).
    let file = u.path_segments().and_then(|mut s| s.next_back());
    if file.is_some_and(|f| f.eq_ignore_ascii_case(text)) {
        return Ok(());
    }
    let Some(target) = u.host_str().map(str::to_owned) else {
        return misleading();
    };
    let strip = |h: &str| h.strip_prefix("www.").unwrap_or(h).to_owned();
    // The text's host, `www.` aside, or a name under it: both belong to its owner.
    if strip(&shown) == strip(&target) || target.ends_with(&format!(".{}", strip(&shown))) {
        Ok(())
    } else {
        misleading()
    }
}

/// The host in `text` if it is written as a URL or as a bare domain name that ends in
/// a public suffix or a reserved name (`bank.example`, `www.bank.com/login`; not
/// `v1.2`, `e.g.` or `Node.js`).
pub fn named_host(text: &str) -> Option<String> {
    if crate::markdown::dialect::scheme_of(text).is_some() {
        return url::Url::parse(text)
            .ok()?
            .host_str()
            .map(str::to_ascii_lowercase);
    }
    let host = text.split(['/', '?', '#']).next()?;
    let host = host.strip_suffix('.').unwrap_or(host);
    let labels: Vec<&str> = host.split('.').collect();
    let tld = labels.last()?;
    let domain_like = labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
        && tld.chars().count() >= 2
        && tld.chars().all(char::is_alphabetic);
    if !domain_like {
        return None;
    }
    let ascii = url::Url::parse(&format!("https://{host}/"))
        .ok()?
        .host_str()
        .map(str::to_owned)?;
    let tld = ascii.rsplit('.').next().unwrap_or("");
    let named = ascii.starts_with("www.")
        || psl::suffix(ascii.as_bytes()).is_some_and(|s| s.is_known())
        || matches!(tld, "example" | "test" | "invalid" | "localhost");
    named.then_some(ascii)
}

/// Why `name` cannot be a sender's name (the organisation's name opens every SMS
/// and is every e-mail's display name): an e-mail address, a URL or a domain a
/// phone would make a link would read as where the message comes from, or where
/// to go. `None` when it reads as a name.
pub fn sender_name_problem(name: &str) -> Option<String> {
    if name.contains(['\n', '\r']) {
        return Some("is one line: remove the line break".to_owned());
    }
    if name.contains("=?") {
        return Some(
            "holds `=?`, which mail clients may decode as an encoded word into another name: remove it"
                .to_owned(),
        );
    }
    if let Some(c) = name.chars().find(|c| matches!(c, '<' | '>' | '"')) {
        return Some(format!(
            "holds `{c}`, which a mail client reads as part of an address: write the name alone"
        ));
    }
    let words =
        name.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '،' | '؛'));
    for word in words
        .map(|w| w.trim_matches(|c: char| matches!(c, ':' | '.' | '!' | '?' | '\'' | '«' | '»')))
    {
        if word.contains('@') {
            return Some(format!(
                "holds `{word}`, which reads as an e-mail address: a sender's name is a name, not where mail comes from"
            ));
        }
        if let Some(host) = named_host(word) {
            return Some(format!(
                "holds `{word}`, which phones and mail clients show as a link to `{host}`: write the name without an address (bayan adds the advisory's own)"
            ));
        }
    }
    None
}

/// `s` with control characters (C0, DEL, C1), bidi controls and invisible
/// characters written as `\u{…}`, so a message printed to a terminal or pipe can
/// neither drive the terminal nor reorder itself.
pub fn escape_for_terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if needs_escape(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || is_invisible(c) || is_forbidden_control(c)
}

/// JSON text with the characters serde_json leaves raw (DEL, C1, bidi controls,
/// invisible characters) written as `\uXXXX` escapes: the same JSON value, safe to
/// print to a terminal.
pub fn escape_json_output(json: &str) -> Cow<'_, str> {
    if !json.chars().any(needs_escape_in_json) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    let mut units = [0u16; 2];
    for c in json.chars() {
        if needs_escape_in_json(c) {
            for u in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{u:04x}");
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn needs_escape_in_json(c: char) -> bool {
    // Newlines and indentation are the pretty-printer's own; C0 inside strings is
    // escaped by serde_json already.
    !matches!(c, '\n' | ' ' | '\t' | '\r') && needs_escape(c)
}

#[cfg(test)]
mod tests {
    /// The byte pre-scan may only skip the character checks when it is sure:
    /// every character either check reports must set its flag.
    #[test]
    fn the_byte_prescan_misses_no_control_or_bidi_character() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = format!("نص {c} text");
            let (controls, bidi) = super::may_hold_controls(&s);
            if super::is_forbidden_control(c) {
                assert!(controls, "U+{:04X}", c as u32);
            }
            if matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') {
                assert!(bidi, "U+{:04X}", c as u32);
            }
        }
        assert_eq!(super::may_hold_controls("plain نص, 50%"), (false, false));
    }

    use super::*;

    #[test]
    fn balanced_pairs_and_marks_pass_unbalanced_ones_do_not() {
        assert!(unbalanced_bidi("a \u{202E}b\u{202C} c \u{2067}d\u{2069} \u{200F}").is_empty());
        assert_eq!(unbalanced_bidi("ok\n\u{202E}gnp.exe").len(), 1);
        assert_eq!(unbalanced_bidi("ok\n\u{202E}gnp.exe")[0].0, 3);
        assert_eq!(unbalanced_bidi("a\u{202C}").len(), 1);
        assert_eq!(unbalanced_bidi("\u{2066}a\n\u{2069}").len(), 2);
        // A PDI closes an embedding opened inside its isolate.
        assert!(unbalanced_bidi("\u{2067}\u{202B}x\u{2069}").is_empty());
    }

    #[test]
    fn controls_and_noncharacters_are_forbidden_tab_and_newlines_are_not() {
        for c in [
            '\0',
            '\u{1b}',
            '\u{7f}',
            '\u{85}',
            '\u{FFFE}',
            '\u{FFFF}',
            '\u{FDD0}',
            '\u{1FFFF}',
        ] {
            assert!(is_forbidden_control(c), "{c:?}");
        }
        for c in ['\t', '\n', '\r', 'a', 'ع', '\u{FFFD}'] {
            assert!(!is_forbidden_control(c), "{c:?}");
        }
    }

    #[test]
    fn urls_with_user_names_hidden_characters_or_extra_recipients_are_refused() {
        for ok in [
            "https://example.com/a?b=c&d=<e>",
            "http://a.example:8080/x#y",
            "mailto:security@example.com",
            "MAILTO:a.b+c@example.com?subject=Hi%20there&body=x",
            "https://bücher.example/",
        ] {
            assert_eq!(check_url(ok), Ok(()), "{ok}");
        }
        for bad in [
            "https://example.com@evil.example/",
            "https://user:pw@evil.example/",
            "https://exa\u{200B}mple.com/",
            "https://example.com/\u{202E}fdp",
            "https://example.com/\u{FEFF}",
            "https://p\u{0430}ypal.example/",
            "mailto:a@b.example?bcc=c@evil.example",
            "mailto:a@b.example?to=c@evil.example",
            "mailto:a@b.example,c@evil.example",
            "javascript:alert(1)",
            "ftp://example.com/",
            "https:",
            "https://",
            "https:ple.com/",
            "https:/evil.example/",
            "https://example.com\\@evil.example/",
            "example.com",
        ] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn emails_are_strict_addr_specs() {
        for ok in [
            "security@example.com",
            "a.b+c_d-e@sub.example.co",
            "x@مثال.example",
        ] {
            assert_eq!(check_email(ok), Ok(()), "{ok}");
        }
        for bad in [
            "a@b.example?bcc=c@d.example",
            "a&b@example.com",
            "a%40b@example.com",
            "a/b@example.com",
            "a@@example.com",
            "a@b@example.com",
            "@example.com",
            "a@example",
            "a@.example.com",
            "a@example.com.",
            ".a@example.com",
            "a..b@example.com",
            "a\u{200B}@example.com",
            "a@exa\u{202E}mple.com",
            "a@exampl\u{0435}.com",
            "a\u{0}@example.com",
            "a b@example.com",
            "\"a\"@example.com",
        ] {
            assert!(check_email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn link_text_that_names_a_host_must_lead_there() {
        for (text, dest) in [
            ("bank.example", "https://bank.example/login"),
            ("www.bank.example", "https://bank.example/"),
            ("https://Bank.Example/", "https://bank.example/x"),
            ("help@bank.example", "mailto:help@bank.example?subject=x"),
            ("read more", "https://evil.example/"),
            ("v1.2", "https://evil.example/"),
            ("e.g.", "https://evil.example/"),
            ("Node.js", "https://nodejs.org/"),
            ("example.com", "https://docs.example.com/a"),
            ("report.pdf", "report.pdf"),
            ("help@bank.example", "help@bank.example"),
            ("report.pdf", "https://vendor.example/files/report.pdf"),
        ] {
            assert_eq!(text_matches_target(text, dest), Ok(()), "{text} → {dest}");
        }
        for (text, dest) in [
            ("https://bank.example", "https://evil.example"),
            ("bank.example", "https://bank.example.evil.example/"),
            ("bank.example/login", "https://evil.example/login"),
            ("help@bank.example", "mailto:help@evil.example"),
            ("help@bank.example", "https://bank.example/"),
            ("bank.example", "mailto:a@bank.example"),
            ("setup.zip", "https://evil.example/download"),
            ("PayPal.com", "https://evil.example/"),
            ("docs.example.com", "https://example.com/"),
            ("www.bank.zz", "https://evil.example/"),
            // Review finding: a zero-width space or a full-width or ideographic dot
            // inside the text hid the host it names.
            ("bank.exa\u{200B}mple", "https://evil.example/"),
            ("bank\u{FF0E}example", "https://evil.example/"),
            ("bank\u{3002}example", "https://evil.example/"),
        ] {
            assert!(text_matches_target(text, dest).is_err(), "{text} → {dest}");
        }
    }

    #[test]
    fn escapes_keep_json_valid_and_equal() {
        let v = serde_json::json!({ "m": "a\u{202E}b\u{7f}\u{85}\u{E0041}\u{1b}" });
        let s = serde_json::to_string_pretty(&v).unwrap();
        let e = escape_json_output(&s);
        assert!(e.chars().all(|c| !needs_escape_in_json(c)), "{e}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&e).unwrap(), v);
        assert_eq!(escape_for_terminal("x\u{1b}[2Jy"), "x\\u{1b}[2Jy");
    }

    #[test]
    fn tel_links_are_allowed_and_checked_as_phone_numbers() {
        for ok in [
            "tel:+9668001234567",
            "tel:800162432",
            "tel:+1-202-555-0100",
            "tel:(02)1234.5678",
        ] {
            assert_eq!(check_url(ok), Ok(()), "{ok}");
        }
        for (bad, why) in [
            ("tel:+966 800", "spaces"),
            ("tel:12", "3 to 15"),
            ("tel:+1234567890123456", "3 to 15"),
            ("tel:+966800;ext=1", "`;` has no place"),
            ("tel:call-us", "`c` has no place"),
            ("tel:", "3 to 15"),
        ] {
            let e = check_url(bad).unwrap_err();
            assert!(e.contains(why), "{bad}: {e}");
        }
        assert!(crate::markdown::dialect::scheme_allowed("TEL:+966800"));
    }

    #[test]
    fn tel_link_text_must_be_the_number_it_dials() {
        assert_eq!(
            text_matches_target("+966 800 123 4567", "tel:+9668001234567"),
            Ok(())
        );
        assert_eq!(text_matches_target("Call us", "tel:+9668001234567"), Ok(()));
        let e = text_matches_target("+966 800 123 4567", "tel:+19005550100").unwrap_err();
        assert!(
            e.contains("reads as a phone number but the link dials"),
            "{e}"
        );
    }
}
