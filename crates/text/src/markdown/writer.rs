//! The HTML writer: walks the parser's events and writes each one, handing text
//! to the bidi isolation, links and images to the link policy and headings to the
//! heading ids.

use std::collections::HashMap;
use std::fmt::Write as _;

use pulldown_cmark::{Alignment, CodeBlockKind, CowStr, Event, Parser, Tag, TagEnd};
use pulldown_cmark_escape::{escape_html, escape_html_body_text};

use super::slugs::*;
use super::*;

/// Renders `src`. With `top_heading`, headings move so the highest one lands on
/// that level; the shift is known only at the end, so headings are written once
/// all events are in.
/// The document's HTML (unless `make_html` is false: then only what it finds)
/// and everything found in it.
pub(super) fn render(
    src: &str,
    links: &LinkContext,
    top_heading: Option<u8>,
    make_html: bool,
) -> Rendered {
    let mut w = Writer {
        links,
        problems: Vec::new(),
        out: Vec::new(),
        link_stack: Vec::new(),
        image_stack: Vec::new(),
        in_code_block: false,
        pending_text: String::new(),
        pending_offset: 0,
        heading: None,
        heading_code: Vec::new(),
        table: Vec::new(),
        table_head: false,
        table_cell: 0,
        strip_comments: top_heading.is_some(),
        in_comment: false,
        comments: Vec::new(),
        // A heading named like a section of the page ("Contact") must not take
        // that section's id: it becomes `contact-1`.
        slugs: PAGE_IDS.iter().map(|id| ((*id).to_owned(), 1)).collect(),
        headings: Vec::new(),
        finder: {
            let mut f = linkify::LinkFinder::new();
            f.url_must_have_scheme(true);
            f
        },
        footnotes: HashMap::new(),
        cross: Vec::new(),
        anchors: Vec::new(),
    };
    let mut addresses = crate::spoof::AddressCheck::for_text(src);
    for (ev, range) in Parser::new_ext(src, options()).into_offset_iter() {
        w.event(ev, range.start, addresses.as_mut());
    }
    w.flush_text();
    if top_heading.is_none() {
        // A record text sits inside a list item, a cell or a heading of the page: a
        // heading there would break the page's outline and could repeat its ids.
        for h in &w.headings {
            w.problems.push(Problem {
                offset: h.offset,
                message: "a heading in a text; texts hold inline Markdown only, so write it as a sentence (headings belong in the body, en.md or ar.md)".to_owned(),
            });
        }
    }
    let shift = match (top_heading, w.headings.iter().map(|h| h.level).min()) {
        (Some(top), Some(min)) => i32::from(top) - i32::from(min),
        _ => 0,
    };
    // Levels past h6 are clamped: warn where two levels the author kept apart merge.
    let mut warnings = Vec::new();
    if let Some(top) = top_heading {
        let merged: BTreeSet<u8> = w
            .headings
            .iter()
            .map(|h| h.level)
            .filter(|&l| i32::from(l) + shift >= 6)
            .collect();
        let first = merged.first().copied().unwrap_or(6);
        if let Some(h) = w.headings.iter().find(|h| h.level > first) {
            let kept = 7 - i32::from(top);
            warnings.push(Problem {
                offset: h.offset,
                message: format!(
                    "this level-{} heading is shown as h6, like the level-{first} ones: a body's highest heading becomes h{top}, so a page keeps only {kept} heading levels apart; use at most {kept} levels",
                    h.level
                ),
            });
        }
    }
    let mut anchors: Vec<String> = w.headings.iter().map(|h| h.id.clone()).collect();
    anchors.append(&mut w.anchors);
    let mut html = String::new();
    if make_html {
        for h in std::mem::take(&mut w.headings) {
            let lvl = (i32::from(h.level) + shift).clamp(1, 6);
            let mut open = String::new();
            let _ = write!(open, "<h{lvl} id=\"");
            let _ = escape_html(&mut open, &h.id);
            open.push_str("\">");
            w.out[h.open] = Event::InlineHtml(CowStr::from(open));
            w.out[h.close] = Event::InlineHtml(CowStr::from(format!("</h{lvl}>\n")));
        }
        html.reserve(src.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, w.out.into_iter());
    }
    Rendered {
        html,
        problems: w.problems,
        comments: w.comments,
        warnings,
        addresses: addresses.map(|a| a.finish()).unwrap_or_default(),
        cross: w.cross,
        anchors,
    }
}

pub(super) struct Writer<'l, 'a> {
    pub(super) links: &'l LinkContext<'a>,
    pub(super) problems: Vec<Problem>,
    pub(super) out: Vec<Event<'static>>,
    /// One entry per open link: whether its `<a>` was written (a refused link keeps
    /// its text and loses the anchor).
    pub(super) link_stack: Vec<bool>,
    /// Likewise for images: a refused image keeps its alt text as plain text.
    pub(super) image_stack: Vec<bool>,
    pub(super) in_code_block: bool,
    /// Text events are merged before bare links are looked for: the parser splits
    /// text at characters such as `_`, which URLs contain.
    pub(super) pending_text: String,
    pub(super) pending_offset: usize,
    /// An open heading: its level, the index in `out` where it starts and its
    /// offset in the source.
    pub(super) heading: Option<(u8, usize, usize)>,
    /// Code spans in the open heading, by index in `out`: their text is part of the id.
    pub(super) heading_code: Vec<(usize, String)>,
    /// The open table's column alignments, whether its head is open, and the
    /// index of the next cell in the row.
    pub(super) table: Vec<Alignment>,
    pub(super) table_head: bool,
    pub(super) table_cell: usize,
    /// Bodies leave HTML comments out (and report them); texts show them as text.
    pub(super) strip_comments: bool,
    /// Inside a comment that began in an earlier line of an HTML block.
    pub(super) in_comment: bool,
    pub(super) comments: Vec<Problem>,
    pub(super) slugs: HashMap<String, usize>,
    pub(super) headings: Vec<Heading>,
    /// Built once per document: it is consulted for every run of text.
    pub(super) finder: linkify::LinkFinder,
    /// Footnote numbers by id, in order of first mention.
    pub(super) footnotes: HashMap<String, usize>,
    /// Links to other advisories, as found.
    pub(super) cross: Vec<CrossRef>,
    /// Footnote definitions' ids (headings' are added at the end).
    pub(super) anchors: Vec<String>,
}

impl Writer<'_, '_> {
    pub(super) fn html(&mut self, s: String) {
        self.out.push(Event::InlineHtml(CowStr::from(s)));
    }

    /// One parser event; `addresses` sees the text as it is rendered (without the
    /// comments a body drops), so text split by a comment is checked joined, as a
    /// reader sees it (`https://u<!---->@evil.example`).
    pub(super) fn event(
        &mut self,
        ev: Event<'_>,
        offset: usize,
        addresses: Option<&mut crate::spoof::AddressCheck>,
    ) {
        // Raw HTML joins the surrounding text: shown as text, and isolated with it.
        if let Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) = &ev {
            let kept;
            let t = if self.strip_comments && !matches!(ev, Event::Text(_)) {
                kept = self.drop_comments(t, offset);
                kept.as_str()
            } else {
                t.as_ref()
            };
            if let Some(a) = addresses {
                a.event(&Event::Text(CowStr::Borrowed(t)), offset);
            }
            if t.is_empty() {
                return;
            }
            if self.pending_text.is_empty() {
                self.pending_offset = offset;
            }
            self.pending_text.push_str(t);
            return;
        }
        if let Some(a) = addresses {
            a.event(&ev, offset);
        }
        self.flush_text();
        match ev {
            Event::Start(Tag::HtmlBlock) => self.out.push(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) => {
                self.in_comment = false;
                // A block that was only a comment leaves nothing, not an empty `<p>`.
                if matches!(self.out.last(), Some(Event::Start(Tag::Paragraph))) {
                    self.out.pop();
                } else {
                    self.out.push(Event::End(TagEnd::Paragraph));
                }
            }
            // An image's description is its alt text: plain text, no code or links.
            Event::Code(t) if !self.image_stack.is_empty() => {
                self.out.push(Event::Text(CowStr::from(t.into_string())));
            }
            Event::Start(Tag::Link { .. }) if !self.image_stack.is_empty() => {
                self.link_stack.push(false);
            }
            Event::Start(Tag::Image { .. }) if !self.image_stack.is_empty() => {
                self.image_stack.push(false);
            }
            Event::Code(t) if self.heading.is_some() => {
                self.heading_code.push((self.out.len(), t.to_string()));
                self.code_span(&t);
            }
            Event::Code(t) => self.code_span(&t),
            Event::Start(Tag::Table(aligns)) => {
                self.table = aligns;
                self.out.push(Event::Start(Tag::Table(Vec::new())));
            }
            Event::Start(Tag::TableHead) => {
                self.table_head = true;
                self.table_cell = 0;
                self.out.push(Event::Start(Tag::TableHead));
            }
            Event::End(TagEnd::TableHead) => {
                self.table_head = false;
                self.out.push(Event::End(TagEnd::TableHead));
            }
            Event::Start(Tag::TableRow) => {
                self.table_cell = 0;
                self.out.push(Event::Start(Tag::TableRow));
            }
            // Alignment as a class the stylesheet defines, in logical terms (a
            // `style` attribute is blocked by the page's CSP, and `right` would not
            // mirror on an Arabic page).
            Event::Start(Tag::TableCell) => {
                let tag = if self.table_head { "th" } else { "td" };
                let class = match self.table.get(self.table_cell) {
                    Some(Alignment::Left) => " class=\"align-start\"",
                    Some(Alignment::Center) => " class=\"align-center\"",
                    Some(Alignment::Right) => " class=\"align-end\"",
                    _ => "",
                };
                self.html(format!("<{tag}{class}>"));
            }
            Event::End(TagEnd::TableCell) => {
                let tag = if self.table_head { "th" } else { "td" };
                self.html(format!("</{tag}>"));
                self.table_cell += 1;
            }
            // The info string's first word names the language, as CommonMark
            // renderers write it.
            Event::Start(Tag::CodeBlock(kind)) => {
                self.in_code_block = true;
                let mut s = String::from("<pre dir=\"ltr\"><code");
                if let CodeBlockKind::Fenced(info) = kind {
                    let lang = info.split(' ').next().unwrap_or("");
                    if !lang.is_empty() {
                        s.push_str(" class=\"language-");
                        let _ = escape_html(&mut s, lang);
                        s.push('"');
                    }
                }
                s.push('>');
                self.html(s);
            }
            Event::End(TagEnd::CodeBlock) => {
                self.in_code_block = false;
                self.html("</code></pre>\n".into());
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }) => self.open_link(link_type, &dest_url, &title, offset),
            Event::End(TagEnd::Link) => {
                if self.link_stack.pop().unwrap_or(false) {
                    self.html("</a>".into());
                }
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => self.open_image(&dest_url, &title, offset),
            Event::End(TagEnd::Image) => {
                if self.image_stack.pop().unwrap_or(false) {
                    self.out.push(Event::End(TagEnd::Image));
                }
            }
            Event::Start(Tag::Heading { level, .. }) => {
                self.heading = Some((level as u8, self.out.len(), offset));
                self.html(String::new());
            }
            Event::End(TagEnd::Heading(_)) => self.close_heading(),
            // Footnotes are numbered here rather than by the HTML writer, in the
            // page's digits (١، ٢، ٣ with Arabic-Indic digits).
            Event::FootnoteReference(name) => {
                let id = footnote_id(&name);
                let n = self.footnote_number(&id);
                let mut s = String::from("<sup class=\"footnote-reference\"><a href=\"#");
                let _ = escape_html(&mut s, &id);
                let _ = write!(s, "\">{n}</a></sup>");
                self.html(s);
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let id = footnote_id(&name);
                let n = self.footnote_number(&id);
                self.anchors.push(id.clone());
                let mut s = String::from("\n<div class=\"footnote-definition\" id=\"");
                let _ = escape_html(&mut s, &id);
                let _ = write!(s, "\"><sup class=\"footnote-definition-label\">{n}</sup>");
                self.out.push(Event::Html(CowStr::from(s)));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                self.out.push(Event::Html(CowStr::from("</div>\n")));
            }
            other => self.out.push(other.into_static()),
        }
    }

    /// A footnote's number, by first mention, in the page's digits.
    pub(super) fn footnote_number(&mut self, id: &str) -> String {
        let next = self.footnotes.len() + 1;
        let n = *self.footnotes.entry(id.to_owned()).or_insert(next);
        self.links.digits.apply(&n.to_string())
    }

    pub(super) fn code_span(&mut self, t: &str) {
        let mut s = String::from("<code dir=\"ltr\">");
        // Element content, as the writer escapes text: `"` stays `"`.
        let _ = escape_html_body_text(&mut s, t);
        s.push_str("</code>");
        self.html(s);
    }

    /// `t` without its HTML comments, each reported at its offset. A comment may
    /// run over several lines of an HTML block, so whether one is open is kept.
    pub(super) fn drop_comments(&mut self, t: &str, offset: usize) -> String {
        let mut kept = String::new();
        let mut at = 0;
        loop {
            if self.in_comment {
                match t[at..].find("-->") {
                    Some(i) => {
                        at += i + 3;
                        self.in_comment = false;
                    }
                    None => return kept,
                }
            }
            match t[at..].find("<!--") {
                Some(i) => {
                    kept.push_str(&t[at..at + i]);
                    self.comments.push(Problem {
                        offset: offset + at + i,
                        message: "HTML comment in a published body: an author's note must not be published; remove it (drafts may hold comments)".to_owned(),
                    });
                    at += i + 4;
                    // `<!-->` and `<!--->` are whole comments (CommonMark 0.31).
                    if t[at..].starts_with('>') {
                        at += 1;
                    } else if t[at..].starts_with("->") {
                        at += 2;
                    } else {
                        self.in_comment = true;
                    }
                }
                None => {
                    kept.push_str(&t[at..]);
                    return kept;
                }
            }
        }
    }
}
