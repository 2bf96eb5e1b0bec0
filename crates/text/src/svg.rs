//! Refusing SVG files that could run script or load from elsewhere.
//!
//! An SVG is published byte for byte (attachments, `content/static/`, a theme's
//! static files, the logo). Embedded with `<img>` a browser runs none of its
//! script, but opened directly it is a same-origin document outside the pages'
//! Content-Security-Policy. Rather than rewrite it, bayan parses it with a real XML
//! parser and refuses, at the offending line and column, everything that can run
//! script, pull in another document or reach another host:
//!
//! - `<script>`, `<foreignObject>`, `<handler>`, `<listener>` and any element in the
//!   XHTML namespace (`<iframe>`, `<object>`, …);
//! - any `on…` attribute;
//! - `href`, `xlink:href` or `src` not starting with `#` (an `<image>` may also
//!   embed a `data:image/png|jpeg|gif|webp` raster), `xml:base`;
//! - animation (`<set>`, `<animate…>`) of `href` or an `on…` attribute, and
//!   `javascript:` in any attribute;
//! - `url(…)` not starting with `#`, `image-set(`, `image(`, `src(` and `@import` in
//!   attributes and `<style>`, and CSS escapes there (they could spell `url` in
//!   disguise);
//! - a root element other than `<svg>` in the SVG namespace;
//! - `<?xml-stylesheet?>`, and a DOCTYPE with an internal subset (entity or
//!   attribute declarations).
//!
//! A file that is not well-formed XML is refused too: a browser would not show it.

use std::path::Path;

use crate::diag::{Diagnostic, Pos, display_path};

const SVG_NS: &str = "http://www.w3.org/2000/svg";
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
/// More nodes than any real drawing has; keeps a hostile file from costing memory.
const NODES_LIMIT: u32 = 2_000_000;
const MAX_PROBLEMS: usize = 20;

/// Reads the source file `path` (with [`crate::fsx::read_bytes`]'s rules) and, if
/// its name ends in `.svg`, checks it: its bytes, or every reason it may not be
/// published.
pub fn read_checked(root: &Path, path: &Path) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let bytes = crate::fsx::read_bytes(root, path).map_err(|d| vec![d])?;
    let is_svg = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    if !is_svg {
        return Ok(bytes);
    }
    let file = display_path(root, path);
    let text = crate::fsx::decode(&file, bytes.clone()).map_err(|d| vec![d])?;
    let problems = check(&file, &text);
    if problems.is_empty() {
        Ok(bytes)
    } else {
        Err(problems)
    }
}

/// Every reason `text` (the SVG file `file`) may not be published; empty if none.
pub fn check(file: &str, text: &str) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        nodes_limit: NODES_LIMIT,
        ..Default::default()
    };
    let doc = match roxmltree::Document::parse_with_options(text, opts) {
        Ok(d) => d,
        Err(e) => {
            let p = e.pos();
            return vec![
                Diagnostic::error(file, "", format!("SVG is not well-formed XML: {e}")).at(Some(
                    Pos {
                        line: p.row,
                        column: p.col,
                    },
                )),
            ];
        }
    };
    let at = |offset: usize| {
        let p = doc.text_pos_at(offset);
        Some(Pos {
            line: p.row,
            column: p.col,
        })
    };
    let mut refuse = |offset: usize, what: String| {
        if problems.len() < MAX_PROBLEMS {
            problems.push(Diagnostic::error(file, "", what).at(at(offset)));
        }
    };

    // The prolog is everything before the root element; a DOCTYPE lives there.
    let prolog = &text[..doc.root_element().range().start];
    if let Some(start) = prolog.find("<!DOCTYPE")
        && let Some(bracket) = prolog[start..].find('[')
    {
        refuse(
            start + bracket,
            "SVG has a DOCTYPE with an internal subset (<!ENTITY or <!ATTLIST declarations); remove it".into(),
        );
    }

    let root_el = doc.root_element();
    if root_el.tag_name().name() != "svg" || root_el.tag_name().namespace() != Some(SVG_NS) {
        refuse(
            root_el.range().start,
            format!(
                "the root element is <{}>, not an <svg> in the SVG namespace ({SVG_NS})",
                root_el.tag_name().name()
            ),
        );
    }

    for node in doc.descendants() {
        if let Some(pi) = node.pi()
            && pi.target.eq_ignore_ascii_case("xml-stylesheet")
        {
            refuse(
                node.range().start,
                "SVG loads a stylesheet with <?xml-stylesheet?>; put the styles inside the file"
                    .into(),
            );
        }
        if !node.is_element() {
            continue;
        }
        let name = node.tag_name();
        let local = name.name();
        let lower = local.to_ascii_lowercase();
        let start = node.range().start;
        if name.namespace() == Some(XHTML_NS) {
            refuse(start, format!("SVG contains the HTML element <{local}>"));
        } else if matches!(
            lower.as_str(),
            "script" | "foreignobject" | "handler" | "listener"
        ) {
            refuse(
                start,
                format!("SVG contains <{local}>, which can run script"),
            );
        }
        if lower == "style" {
            for t in node.descendants().filter(|n| n.is_text()) {
                if let Some(why) = css_problem(t.text().unwrap_or("")) {
                    refuse(t.range().start, format!("<style>: {why}"));
                }
            }
        }
        let animates = matches!(
            lower.as_str(),
            "set" | "animate" | "animatecolor" | "animatemotion" | "animatetransform"
        );
        for attr in node.attributes() {
            let aname = attr.name();
            let alower = aname.to_ascii_lowercase();
            let value = attr.value();
            let shown = match attr.namespace() {
                Some(XML_NS) => format!("xml:{aname}"),
                Some(ns) if ns.ends_with("/xlink") => format!("xlink:{aname}"),
                _ => aname.to_owned(),
            };
            let pos = attr.range().start;
            if alower.starts_with("on") {
                refuse(
                    pos,
                    format!("<{local}> has the event handler `{shown}`, which runs script"),
                );
                continue;
            }
            if attr.namespace() == Some(XML_NS) && alower == "base" {
                refuse(pos, format!("<{local}> sets `xml:base`; remove it"));
                continue;
            }
            if matches!(alower.as_str(), "href" | "src")
                && !internal_ref(value)
                && !(lower == "image" && raster_data_uri(value))
            {
                refuse(
                    pos,
                    format!(
                        "<{local}> `{shown}` refers to `{}` outside the file; only `#id` references are allowed",
                        clip(value)
                    ),
                );
                continue;
            }
            if animates && alower == "attributename" {
                let target = value.trim().to_ascii_lowercase();
                let target = target.rsplit(':').next().unwrap_or("");
                if target == "href" || target == "src" || target.starts_with("on") {
                    refuse(
                        pos,
                        format!(
                            "<{local}> animates `{}`; remove the animation",
                            value.trim()
                        ),
                    );
                    continue;
                }
            }
            if squeeze(value).contains("javascript:") {
                refuse(pos, format!("<{local}> `{shown}` holds a javascript: URL"));
                continue;
            }
            if let Some(why) = css_problem(value) {
                refuse(pos, format!("<{local}> `{shown}`: {why}"));
            }
        }
    }
    problems
}

/// `#id`: a reference inside the same file.
fn internal_ref(value: &str) -> bool {
    value.trim_start().starts_with('#')
}

/// `data:image/png;base64,…` and the like: pixels, never a document.
fn raster_data_uri(value: &str) -> bool {
    let v = value.trim_start().to_ascii_lowercase();
    ["png", "jpeg", "jpg", "gif", "webp"]
        .iter()
        .any(|t| v.starts_with(&format!("data:image/{t};base64,")))
}

/// Lower case without whitespace or control characters, as a URL parser reads
/// `java\tscript:`.
fn squeeze(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect()
}

/// What is wrong with CSS text (a `<style>` or an attribute value), if anything.
fn css_problem(css: &str) -> Option<String> {
    if css.contains('\\') {
        return Some("CSS escapes (`\\`) are not allowed".into());
    }
    let lower = css.to_ascii_lowercase();
    if lower.contains("@import") {
        return Some("`@import` loads another file; put the styles inside this one".into());
    }
    // These take a URL as a plain string: `image-set("https://…" 1x)`.
    for f in ["image-set(", "image(", "src("] {
        if lower.contains(f) {
            return Some(format!(
                "`{f}…)` can load another file; use `url(#id)` only"
            ));
        }
    }
    let mut rest = lower.as_str();
    while let Some(i) = rest.find("url(") {
        rest = &rest[i + 4..];
        let target = rest.trim_start().trim_start_matches(['"', '\'']);
        if !target.starts_with('#') {
            let end = rest.find(')').unwrap_or(rest.len());
            return Some(format!(
                "`url({})` refers outside the file; only `url(#id)` is allowed",
                clip(rest[..end].trim())
            ));
        }
    }
    None
}

/// At most 60 characters of `s`, for a message.
fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(svg: &str) -> Vec<String> {
        check("a.svg", svg).iter().map(|d| d.to_string()).collect()
    }

    const OK: &str = r##"<?xml version="1.0"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">
  <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>
  <style>.a { fill: url(#g); }</style>
  <rect class="a" width="10" height="10" style="stroke: url('#g')"/>
  <use xlink:href="#g"/>
  <image href="data:image/png;base64,iVBORw0KGgo="/>
  <a href="#top"><text>hi</text></a>
</svg>"##;

    #[test]
    fn plain_drawings_pass() {
        assert_eq!(problems(OK), Vec::<String>::new());
        // The default theme's favicon, read from the theme's folder.
        let favicon = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../themes/default/static/favicon.svg"
        ));
        assert!(check("f.svg", favicon).is_empty());
    }

    #[test]
    fn everything_that_runs_script_or_loads_elsewhere_is_refused_at_its_position() {
        let cases: &[(&str, &str)] = &[
            (
                "<svg xmlns='http://www.w3.org/2000/svg'>\n<script>alert(1)</script></svg>",
                "a.svg:2:1: SVG contains <script>",
            ),
            (
                "<svg xmlns='http://www.w3.org/2000/svg'><foreignObject/></svg>",
                "<foreignObject>",
            ),
            (
                "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
                "a.svg:1:41: <svg> has the event handler `onload`",
            ),
            (
                "<svg xmlns='http://www.w3.org/2000/svg'><h:iframe xmlns:h='http://www.w3.org/1999/xhtml'/></svg>",
                "HTML element <iframe>",
            ),
            (
                "<svg xmlns='http://www.w3.org/2000/svg'><image href='https://evil.example/x.png'/></svg>",
                "`href` refers to `https://evil.example/x.png`",
            ),
            (
                "<svg xmlns='http://www.w3.org/2000/svg' xmlns:x='http://www.w3.org/1999/xlink'><use x:href='other.svg#a'/></svg>",
                "`xlink:href` refers to `other.svg#a`",
            ),
            (
                "<svg xmlns='http://www.w3.org/2000/svg'><a href='data:text/html,x'/></svg>",
                "refers to `data:text/html,x`",
            ),
            (
                "<svg xmlns='http://www.w3.org/2000/svg'><rect fill='url(https://evil.example/#g)'/></svg>",
                "`fill`: `url(https://evil.example/#g)` refers outside",
            ),
            (
                "<svg xmlns='http://www.w3.org/2000/svg'><style>@import 'x.css';</style></svg>",
                "<style>: `@import`",
            ),
            (
                "<svg xmlns='http://www.w3.org/2000/svg'><style>a{b:\\75rl(//x)}</style></svg>",
                "CSS escapes",
            ),
            (
                "<svg xmlns='http://www.w3.org/2000/svg'><style><![CDATA[a{background:url( \"//evil\")}]]></style></svg>",
                "url(\"//evil\")",
            ),
            (
                "<svg xmlns='http://www.w3.org/2000/svg'><a><set attributeName='href' to='javascript:alert(1)'/></a></svg>",
                "animates `href`",
            ),
            (
                "<svg xmlns='http://www.w3.org/2000/svg'><a><animate values='java&#x9;script:alert(1)'/></a></svg>",
                "javascript: URL",
            ),
            (
                "<?xml-stylesheet href='https://evil.example/a.css'?><svg xmlns='http://www.w3.org/2000/svg'/>",
                "<?xml-stylesheet?>",
            ),
            (
                "<!DOCTYPE svg [<!ENTITY x 'y'>]><svg xmlns='http://www.w3.org/2000/svg'>&x;</svg>",
                "a.svg:1:15: SVG has a DOCTYPE with an internal subset",
            ),
            (
                "<svg xmlns='http://www.w3.org/2000/svg' xml:base='https://evil.example/'/>",
                "`xml:base`",
            ),
            (
                "<svg xmlns='http://www.w3.org/2000/svg'><rect",
                "not well-formed XML",
            ),
            (
                "<svg xmlns='http://www.w3.org/2000/svg'><rect style='fill: -webkit-image-set(\"//evil\" 1x)'/></svg>",
                "`image-set(…)` can load",
            ),
            (
                "<html xmlns='http://www.w3.org/1999/xhtml'/>",
                "the root element is <html>, not an <svg>",
            ),
            ("<svg/>", "not an <svg> in the SVG namespace"),
        ];
        for (svg, want) in cases {
            let got = problems(svg).join("\n");
            assert!(got.contains(want), "{svg}\nwant {want}\ngot {got}");
        }
    }
}
