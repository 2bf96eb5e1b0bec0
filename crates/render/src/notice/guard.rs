//! What a notice's HTML may never hold, checked on every rendered message, so a
//! theme's own notice template is held to it too: no link whose text differs
//! from where it leads (the shape of phishing), no button or form, and nothing
//! loaded from anywhere (no image, font, stylesheet or frame).
//!
//! The HTML is read as a browser reads it (html5ever's tokenizer, the HTML
//! standard's): `<img/src=…>` is an image, `u&#114;l(` in an attribute is `url(`,
//! and CSS escapes (`\\75 rl(`) and comments are decoded before CSS is judged.
//! A pattern over the text would be walked around by any of these.

/// Elements that load something, submit something or run something.
const FORBIDDEN_TAGS: &[&str] = &[
    "img",
    "picture",
    "source",
    "link",
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "form",
    "input",
    "button",
    "select",
    "textarea",
    "video",
    "audio",
    "track",
    "svg",
    "image",
    "base",
    "applet",
    "area",
    "math",
    "portal",
    "fencedframe",
    "noscript",
    "template",
];

/// Attributes that load something or run something.
const FORBIDDEN_ATTRS: &[&str] = &[
    "src",
    "srcset",
    "srcdoc",
    "background",
    "poster",
    "data",
    "action",
    "formaction",
    "lowsrc",
    "dynsrc",
    "ping",
    "manifest",
    "codebase",
    "archive",
    "imagesrcset",
];

/// What CSS may not hold in a notice: everything that fetches (after escapes and
/// comments are decoded, lower case, spaces removed).
const FORBIDDEN_CSS: &[&str] = &[
    "url(",
    "@import",
    "image-set(",
    "image(",
    "src(",
    "cross-fade(",
    "element(",
    "@font-face",
    "expression(",
    "-moz-binding",
    "behavior:",
];

/// CSS as the browser reads it: comments dropped (`keep_comments` keeps them as
/// text), escapes decoded (`\\75 ` is `u`, `\\(` is `(`), lower case, without
/// white space (so `url (` is caught too).
fn css_as_read(css: &str, keep_comments: bool) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if !keep_comments && chars.peek() == Some(&'*') => {
                chars.next();
                let mut prev = ' ';
                for c in chars.by_ref() {
                    if prev == '*' && c == '/' {
                        break;
                    }
                    prev = c;
                }
            }
            '\\' => {
                let mut hex = String::new();
                while hex.len() < 6 && chars.peek().is_some_and(char::is_ascii_hexdigit) {
                    hex.extend(chars.next());
                }
                if hex.is_empty() {
                    // `\\` and a newline is nothing; any other character is itself.
                    match chars.next() {
                        Some('\n' | '\r' | '\u{c}') | None => {}
                        Some(c) => out.push(c),
                    }
                } else {
                    if chars.peek().is_some_and(|c| c.is_ascii_whitespace()) {
                        chars.next();
                    }
                    let c = u32::from_str_radix(&hex, 16)
                        .ok()
                        .and_then(char::from_u32)
                        .unwrap_or('\u{fffd}');
                    out.push(c);
                }
            }
            c => out.push(c),
        }
    }
    out.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// What CSS may not hold, judged twice: as a browser reads it (a comment splits
/// nothing: `ur/**/l(` is `url(`), and with its comments as text, since mail
/// clients' CSS readers differ and one that mishandles a comment (an unclosed
/// `/*`) could fetch what a browser would not. A notice needs neither.
///
/// A notice's template repeats the same `style` attributes on many elements and
/// in every notice of every advisory, so each CSS text is judged once per thread
/// (the verdict depends on the text alone).
fn css_problems(css: &str) -> Vec<&'static str> {
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static JUDGED: RefCell<HashMap<String, Vec<&'static str>>> = RefCell::new(HashMap::new());
    }
    if let Some(known) = JUDGED.with(|j| j.borrow().get(css).cloned()) {
        return known;
    }
    let read = css_as_read(css, false);
    let with_comments = css_as_read(css, true);
    let found: Vec<&'static str> = FORBIDDEN_CSS
        .iter()
        .copied()
        .filter(|bad| read.contains(bad) || with_comments.contains(bad))
        .collect();
    JUDGED.with(|j| {
        let mut j = j.borrow_mut();
        // Bounded: texts an advisory wrote itself are not worth keeping for ever.
        if j.len() >= 4096 {
            j.clear();
        }
        j.insert(css.to_owned(), found.clone());
    });
    found
}

/// Whether a reader who reads `text` knows where `href` leads.
fn link_reads_true(text: &str, href: &str) -> bool {
    let text = text.trim();
    let href = href.trim();
    if let Some(addr) = href.strip_prefix("mailto:") {
        return addr == text;
    }
    if href.starts_with("tel:") {
        return crate::view::tel_uri(text) == href;
    }
    text == href
}

/// A tag as the messages show it: its name and attributes, decoded.
fn shown(name: &str, attrs: &[(String, String)]) -> String {
    let attrs: String = attrs.iter().map(|(k, v)| format!(" {k}=\"{v}\"")).collect();
    format!("<{name}{attrs}>")
}

/// What the tokenizer hands over, kept for judging after the pass.
#[derive(Default)]
struct Seen {
    problems: Vec<String>,
    /// The open link's address and the text so far.
    link: Option<(String, String)>,
    /// The open `<style>`'s text so far.
    style: Option<String>,
}

impl Seen {
    fn close_link(&mut self) {
        if let Some((href, text)) = self.link.take()
            && !link_reads_true(&text, &href)
        {
            self.problems.push(format!(
                "a link reads `{}` but leads to `{href}`: in a notice every link's text is its own address",
                text.trim()
            ));
        }
    }

    fn close_style(&mut self) {
        if let Some(css) = self.style.take() {
            for bad in css_problems(&css) {
                self.problems
                    .push(format!("a <style> holds `{bad}`, which fetches a file"));
            }
        }
    }

    fn start_tag(&mut self, name: &str, attrs: &[(String, String)]) {
        if FORBIDDEN_TAGS.contains(&name) {
            self.problems.push(format!(
                "`{}`: a notice holds no <{name}> (nothing loaded, nothing to press or fill in)",
                shown(name, attrs)
            ));
        }
        for (k, v) in attrs {
            let k = k.to_ascii_lowercase();
            if FORBIDDEN_ATTRS.contains(&k.as_str()) || k.starts_with("on") {
                self.problems.push(format!(
                    "`{}`: the attribute `{k}` loads or runs something",
                    shown(name, attrs)
                ));
            }
            if k == "style" {
                for bad in css_problems(v) {
                    self.problems
                        .push(format!("`{}`: `{bad}` fetches a file", shown(name, attrs)));
                }
            }
            if k == "http-equiv" {
                self.problems.push(format!(
                    "`{}`: no <meta http-equiv> in a notice",
                    shown(name, attrs)
                ));
            }
            if k == "href" && name != "a" {
                self.problems.push(format!(
                    "`{}`: only a link (<a>) may carry an address",
                    shown(name, attrs)
                ));
            }
        }
        match name {
            // A browser closes an open link when another starts.
            "a" => {
                self.close_link();
                let href = attrs
                    .iter()
                    .find(|(k, _)| k == "href")
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default();
                self.link = Some((href, String::new()));
            }
            "style" => self.style = Some(String::new()),
            _ => {}
        }
    }
}

/// Every problem of `html`, as a sentence naming the offending markup.
///
/// One pass of html5ever's tokenizer, switched into raw text where a browser's
/// tree builder switches it (`<style>`, `<title>`, …), so tags are read exactly
/// as a browser reads them, also those its tree builder would then drop (a stray
/// `<td background=…>`), since a mail client's parser may keep them.
pub(super) fn check(html: &str) -> Vec<String> {
    use html5ever::tendril::StrTendril;
    use html5ever::tokenizer::states::RawKind;
    use html5ever::tokenizer::{
        BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
    };
    use std::cell::RefCell;

    struct Sink(RefCell<Seen>);
    impl TokenSink for Sink {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            let mut seen = self.0.borrow_mut();
            match token {
                Token::TagToken(t) if t.kind == TagKind::StartTag => {
                    let name = t.name.to_string().to_ascii_lowercase();
                    let attrs: Vec<(String, String)> = t
                        .attrs
                        .iter()
                        .map(|a| {
                            (
                                a.name.local.to_string().to_ascii_lowercase(),
                                a.value.to_string(),
                            )
                        })
                        .collect();
                    seen.start_tag(&name, &attrs);
                    return match name.as_str() {
                        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                            TokenSinkResult::RawData(RawKind::Rawtext)
                        }
                        "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
                        "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                        "plaintext" => TokenSinkResult::Plaintext,
                        _ => TokenSinkResult::Continue,
                    };
                }
                Token::TagToken(t) => match t.name.to_string().to_ascii_lowercase().as_str() {
                    "a" => seen.close_link(),
                    "style" => seen.close_style(),
                    _ => {}
                },
                Token::CharacterTokens(text) => {
                    if let Some((_, t)) = seen.link.as_mut() {
                        t.push_str(&text);
                    }
                    if let Some(css) = seen.style.as_mut() {
                        css.push_str(&text);
                    }
                }
                Token::EOFToken => {
                    seen.close_link();
                    seen.close_style();
                }
                _ => {}
            }
            TokenSinkResult::Continue
        }
    }
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tok = Tokenizer::new(Sink(RefCell::new(Seen::default())), Default::default());
    let _ = tok.feed(&input);
    tok.end();
    tok.sink.0.take().problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_that_read_as_their_address_pass() {
        let ok = r#"<p>See <a href="https://a.example/x" dir="ltr">https://a.example/x</a>,
            <a href="mailto:s@a.example">s@a.example</a> or
            <a href="tel:+9668001234567"><span>+966 800 123 4567</span></a>.</p>
            <!-- <img src="x"> --><table style="padding-right:8px"></table>"#;
        assert_eq!(check(ok), Vec::<String>::new());
    }

    /// CSS verdicts are remembered per text: the second look at the same
    /// style finds what the first found, and a clean one stays clean.
    #[test]
    fn a_style_judged_again_gets_the_same_verdict() {
        let bad = r#"<p style="background:u\72l(https://t.example/p)">x</p>"#;
        let good = r#"<p style="color:#222;padding:8px">x</p>"#;
        for _ in 0..2 {
            assert_eq!(check(bad).len(), 1, "{:?}", check(bad));
            assert!(check(good).is_empty());
        }
    }

    #[test]
    fn a_link_whose_text_differs_is_refused() {
        let p = check(r#"<a href="https://evil.example/">Sign in</a>"#);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].contains("reads `Sign in`"));
        assert_eq!(
            check(r#"<a href='https://evil.example/'>https://bank.example/</a>"#).len(),
            1
        );
        assert_eq!(
            check(r#"<a href="mailto:x@evil.example">s@bank.example</a>"#).len(),
            1
        );
    }

    #[test]
    fn anything_that_loads_or_submits_is_refused() {
        for bad in [
            r#"<img src="https://t.example/p.gif">"#,
            r#"<td background="https://t.example/b.png">"#,
            r#"<div style="background:url(https://t.example/b.png)">"#,
            r#"<style>@import "https://t.example/a.css";</style>"#,
            r#"<link rel="stylesheet" href="https://t.example/a.css">"#,
            r#"<form><button>Verify your account</button></form>"#,
            r#"<p onclick="x()">"#,
            r#"<meta http-equiv="refresh" content="0;url=https://t.example/">"#,
        ] {
            assert!(!check(bad).is_empty(), "{bad}");
        }
    }

    /// Issue 23: what a theme's `notice.html` walked the old text scanner around
    /// with; each is what a browser reads as an image, a lying link or a fetch.
    #[test]
    fn notice_guard_reads_html_and_css_as_a_browser_does() {
        for bad in [
            r#"<p>Hi<img/src="https://t.example/p.gif"></p>"#,
            r#"<a/href="https://evil.example/">Sign in</a>"#,
            r#"<div style="background:u&#114;l(https://t.example/b.png)">x</div>"#,
            r#"<style>p{background:\75 rl(https://t.example/b.png)}</style>"#,
            r#"<style>p{background:u\rl(https://t.example/b.png)}</style>"#,
            r#"<style>p{background:ur/**/l(https://t.example/b.png)}</style>"#,
            r#"<style>@\69mport "https://t.example/a.css";</style>"#,
            // In a style sheet `<!--` is CSS's own comment opener, not HTML's.
            r#"<style><!-- p{background:url(https://t.example/b.png)} --></style>"#,
            r#"<a href="https://evil.example/">https://evil.example/<a href="https://x.example/">Sign in</a>"#,
            r#"<a href="https://evil.example/" ping="https://t.example/">https://evil.example/</a>"#,
            r#"<table><tr><td BACKGROUND=https://t.example/b.png>x</td></tr></table>"#,
            r#"<a href=" https://evil.example/"><b>https://bank.example/</b></a>"#,
            // Found by the fuzzer: `url(` inside an unclosed comment fetches nothing in
            // a browser, but a mail client's CSS reader need not agree.
            r#"<p style="back4/*>;igu&#114;l(htt114;84/*>;ign in">x</p>"#,
        ] {
            assert!(!check(bad).is_empty(), "passed: {bad}");
        }
        // Escapes that fetch nothing are fine.
        assert_eq!(
            check(r#"<style>p{content:"\2014 ";color:#333}</style><p style="margin:0">x</p>"#),
            Vec::<String>::new()
        );
    }
}
