//! What a notice's HTML may never hold, checked on every rendered message, so a
//! theme's own notice template is held to it too: no link whose text differs
//! from where it leads (the shape of phishing), no button or form, and nothing
//! loaded from anywhere (no image, font, stylesheet or frame).

/// Elements that load something, submit something or run something.
const FORBIDDEN_TAGS: &[&str] = &[
    "img", "picture", "source", "link", "script", "iframe", "frame", "object", "embed", "form",
    "input", "button", "select", "textarea", "video", "audio", "svg", "image", "base", "applet",
];

/// Attributes that load something or run something.
const FORBIDDEN_ATTRS: &[&str] = &[
    "src",
    "srcset",
    "background",
    "poster",
    "data",
    "action",
    "formaction",
    "lowsrc",
    "dynsrc",
];

/// What CSS may not hold in a notice: everything that fetches.
const FORBIDDEN_CSS: &[&str] = &["url(", "@import", "image-set(", "expression("];

struct Tag<'a> {
    name: String,
    closing: bool,
    attrs: Vec<(String, String)>,
    raw: &'a str,
}

/// The tags of `html` and the text between them, in order.
fn scan(html: &str) -> Vec<Result<Tag<'_>, &str>> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        if lt > 0 {
            out.push(Err(&rest[..lt]));
        }
        let after = &rest[lt..];
        if let Some(body) = after.strip_prefix("<!--") {
            rest = body.split_once("-->").map_or("", |(_, r)| r);
            continue;
        }
        let end = after.find('>').map_or(after.len(), |e| e + 1);
        out.push(Ok(parse_tag(&after[..end])));
        rest = &after[end..];
    }
    if !rest.is_empty() {
        out.push(Err(rest));
    }
    out
}

fn parse_tag(raw: &str) -> Tag<'_> {
    let inner = raw
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/');
    let closing = inner.starts_with('/');
    let inner = inner.trim_start_matches('/');
    let name_end = inner
        .find(|c: char| c.is_whitespace())
        .unwrap_or(inner.len());
    let name = inner[..name_end].to_ascii_lowercase();
    let mut attrs = Vec::new();
    let mut s = inner[name_end..].trim_start();
    while !s.is_empty() {
        let key_end = s
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(s.len());
        let key = s[..key_end].to_ascii_lowercase();
        s = s[key_end..].trim_start();
        let mut value = String::new();
        if let Some(v) = s.strip_prefix('=') {
            let v = v.trim_start();
            let (val, after) = match v.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &v[1..];
                    let close = body.find(q).unwrap_or(body.len());
                    (&body[..close], body.get(close + 1..).unwrap_or(""))
                }
                _ => {
                    let e = v.find(char::is_whitespace).unwrap_or(v.len());
                    (&v[..e], &v[e..])
                }
            };
            value = unescape(val);
            s = after.trim_start();
        }
        if !key.is_empty() {
            attrs.push((key, value));
        }
    }
    Tag {
        name,
        closing,
        attrs,
        raw,
    }
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

/// Whether a reader who reads `text` knows where `href` leads.
fn link_reads_true(text: &str, href: &str) -> bool {
    let text = text.trim();
    if let Some(addr) = href.strip_prefix("mailto:") {
        return addr == text;
    }
    if href.starts_with("tel:") {
        return crate::render::view::tel_uri(text) == href;
    }
    text == href
}

/// Every problem of `html`, as a sentence naming the offending markup.
pub(super) fn check(html: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut link: Option<(String, String)> = None;
    let mut in_style = false;
    for piece in scan(html) {
        match piece {
            Err(text) => {
                if let Some((_, t)) = link.as_mut() {
                    t.push_str(&unescape(text));
                }
                if in_style {
                    let lower = text.to_ascii_lowercase();
                    for bad in FORBIDDEN_CSS.iter().filter(|b| lower.contains(*b)) {
                        problems.push(format!("a <style> holds `{bad}`, which fetches a file"));
                    }
                }
            }
            Ok(tag) => {
                if tag.name == "style" {
                    in_style = !tag.closing;
                }
                if FORBIDDEN_TAGS.contains(&tag.name.as_str()) {
                    problems.push(format!(
                        "`{}`: a notice holds no <{}> (nothing loaded, nothing to press or fill in)",
                        tag.raw, tag.name
                    ));
                }
                for (k, v) in &tag.attrs {
                    if FORBIDDEN_ATTRS.contains(&k.as_str()) || k.starts_with("on") {
                        problems.push(format!(
                            "`{}`: the attribute `{k}` loads or runs something",
                            tag.raw
                        ));
                    }
                    if k == "style" {
                        let lower = v.to_ascii_lowercase();
                        for bad in FORBIDDEN_CSS.iter().filter(|b| lower.contains(*b)) {
                            problems.push(format!("`{}`: `{bad}` fetches a file", tag.raw));
                        }
                    }
                    if k == "http-equiv" {
                        problems.push(format!("`{}`: no <meta http-equiv> in a notice", tag.raw));
                    }
                }
                if tag.name == "a" && !tag.closing {
                    let href = tag
                        .attrs
                        .iter()
                        .find(|(k, _)| k == "href")
                        .map(|(_, v)| v.clone())
                        .unwrap_or_default();
                    link = Some((href, String::new()));
                } else if tag.name == "a"
                    && tag.closing
                    && let Some((href, text)) = link.take()
                    && !link_reads_true(&text, &href)
                {
                    problems.push(format!(
                        "a link reads `{}` but leads to `{href}`: in a notice every link's text is its own address",
                        text.trim()
                    ));
                }
            }
        }
    }
    problems
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
}
