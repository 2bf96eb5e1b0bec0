//! Markdown to HTML for bodies and texts, safely.
//!
//! Three rules shape this module. Raw HTML from content is shown as text, never
//! dropped and never live. A link may only lead to `http`, `https`, `mailto` or `tel`, or to a
//! file in the incident's own folder; an image only to such a file, because a page
//! must never load anything from another host. And every URL, email and code span is
//! isolated (`dir="ltr"`) so bidi reordering cannot scramble it on an Arabic page.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

use pulldown_cmark::{
    Alignment, CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd,
};
use pulldown_cmark_escape::{escape_href, escape_html, escape_html_body_text};

use crate::lang::Direction;

/// Where relative links point: the files beside the document and the URL prefix that
/// reaches them from any page.
#[derive(Debug, Clone, Default)]
pub struct LinkContext<'a> {
    /// File names in the incident's folder that readers can be linked to.
    pub attachments: Option<&'a BTreeSet<String>>,
    /// Root-relative URL of the folder those files are copied to, ending in `/`.
    pub attachment_base: &'a str,
    /// The text is in a right-to-left language: its left-to-right runs are
    /// isolated (see [`crate::bidi`]); else its right-to-left runs are.
    pub rtl: bool,
    /// The digits bayan numbers footnotes with on this page.
    pub digits: crate::dates::Digits,
}

/// Something wrong in a document, at a byte offset of its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub offset: usize,
    pub message: String,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub problems: Vec<Problem>,
    /// HTML comments in a body (`<!-- confirm with legal -->`): left out of the
    /// page, and an error in a published advisory, since they are authors' notes.
    pub comments: Vec<Problem>,
    /// What renders but not as the author meant (heading levels merged past h6).
    pub warnings: Vec<Problem>,
}

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// A whole body. Its highest heading becomes `<h{top_heading}>` so the page keeps one
/// `h1` and an unbroken heading order whatever level the author started at.
pub fn render_block(src: &str, links: &LinkContext, top_heading: u8) -> Rendered {
    render(src, links, Some(top_heading))
}

/// A text from the record: inline Markdown. A single paragraph loses its `<p>` so the
/// text can sit inside a heading, a list item or a table cell.
pub fn render_inline(src: &str, links: &LinkContext) -> Rendered {
    let mut r = render(src.trim(), links, None);
    let inner = r
        .html
        .trim_end()
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"));
    if let Some(inner) = inner.filter(|s| !s.contains("<p>")) {
        r.html = inner.to_owned();
    }
    r
}

/// The text a reader would see, without markup: for `<title>`, feeds and meta tags.
pub fn plain_text(src: &str) -> String {
    let mut out = String::new();
    for ev in Parser::new_ext(src, options()) {
        match ev {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Renders `src`. With `top_heading`, headings move so the highest one lands on
/// that level; the shift is known only at the end, so headings are written once
/// all events are in.
fn render(src: &str, links: &LinkContext, top_heading: Option<u8>) -> Rendered {
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
    };
    for (ev, range) in Parser::new_ext(src, options()).into_offset_iter() {
        w.event(ev, range.start);
    }
    w.flush_text();
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
    for h in std::mem::take(&mut w.headings) {
        let lvl = (i32::from(h.level) + shift).clamp(1, 6);
        let mut open = String::new();
        let _ = write!(open, "<h{lvl} id=\"");
        let _ = escape_html(&mut open, &h.id);
        open.push_str("\">");
        w.out[h.open] = Event::InlineHtml(CowStr::from(open));
        w.out[h.close] = Event::InlineHtml(CowStr::from(format!("</h{lvl}>\n")));
    }
    let mut html = String::with_capacity(src.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, w.out.into_iter());
    // Kept for the whole build: give back what the estimate over-reserved.
    html.shrink_to_fit();
    Rendered {
        html,
        problems: w.problems,
        comments: w.comments,
        warnings,
    }
}

struct Writer<'l, 'a> {
    links: &'l LinkContext<'a>,
    problems: Vec<Problem>,
    out: Vec<Event<'static>>,
    /// One entry per open link: whether its `<a>` was written (a refused link keeps
    /// its text and loses the anchor).
    link_stack: Vec<bool>,
    /// Likewise for images: a refused image keeps its alt text as plain text.
    image_stack: Vec<bool>,
    in_code_block: bool,
    /// Text events are merged before bare links are looked for: the parser splits
    /// text at characters such as `_`, which URLs contain.
    pending_text: String,
    pending_offset: usize,
    /// An open heading: its level, the index in `out` where it starts and its
    /// offset in the source.
    heading: Option<(u8, usize, usize)>,
    /// Code spans in the open heading, by index in `out`: their text is part of the id.
    heading_code: Vec<(usize, String)>,
    /// The open table's column alignments, whether its head is open, and the
    /// index of the next cell in the row.
    table: Vec<Alignment>,
    table_head: bool,
    table_cell: usize,
    /// Bodies leave HTML comments out (and report them); texts show them as text.
    strip_comments: bool,
    /// Inside a comment that began in an earlier line of an HTML block.
    in_comment: bool,
    comments: Vec<Problem>,
    slugs: HashMap<String, usize>,
    headings: Vec<Heading>,
    /// Built once per document: it is consulted for every run of text.
    finder: linkify::LinkFinder,
    /// Footnote numbers by id, in order of first mention.
    footnotes: HashMap<String, usize>,
}

/// Ids the default theme's pages use for their own sections and data groups.
pub const PAGE_IDS: &[&str] = &[
    "main",
    "summary",
    "who",
    "data",
    "data-exposed",
    "data-possibly-exposed",
    "data-not-exposed",
    "vendors",
    "actions",
    "advice",
    "verify",
    "timeline",
    "updates",
    "details",
    "contact",
    "references",
    "latest-update",
    "years",
    "section",
];

/// A heading whose tags are written once the document's heading shift is known.
struct Heading {
    level: u8,
    offset: usize,
    id: String,
    /// Indices in `out` of the placeholder events for the opening and closing tag.
    open: usize,
    close: usize,
}

impl Writer<'_, '_> {
    fn html(&mut self, s: String) {
        self.out.push(Event::InlineHtml(CowStr::from(s)));
    }

    fn event(&mut self, ev: Event<'_>, offset: usize) {
        // Raw HTML joins the surrounding text: shown as text, and isolated with it.
        if let Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) = &ev {
            let kept;
            let t = if self.strip_comments && !matches!(ev, Event::Text(_)) {
                kept = self.drop_comments(t, offset);
                kept.as_str()
            } else {
                t.as_ref()
            };
            if t.is_empty() {
                return;
            }
            if self.pending_text.is_empty() {
                self.pending_offset = offset;
            }
            self.pending_text.push_str(t);
            return;
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
    fn footnote_number(&mut self, id: &str) -> String {
        let next = self.footnotes.len() + 1;
        let n = *self.footnotes.entry(id.to_owned()).or_insert(next);
        self.links.digits.apply(&n.to_string())
    }

    fn flush_text(&mut self) {
        if self.pending_text.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.pending_text);
        if self.in_code_block || !self.image_stack.is_empty() {
            self.out.push(Event::Text(CowStr::from(text)));
            return;
        }
        if !self.link_stack.is_empty() {
            // A link's own text: isolated runs, but no links inside a link.
            self.text_with_runs(&text);
            return;
        }
        // Bare emails and URLs become links that end before the sentence's
        // punctuation (`security@bank.example،` links `security@bank.example`); what
        // is cut goes back to the text around it, so isolation sees the whole run.
        let mut plain = String::new();
        let mut at = 0;
        let found: Vec<(usize, usize, bool)> = self
            .finder
            .links(&text)
            .filter_map(|l| {
                let email = *l.kind() == linkify::LinkKind::Email;
                let piece = l.as_str();
                let n = crate::bidi::link_len(piece);
                let kept = &piece[..n];
                let ok = if email {
                    kept.split_once('@')
                        .is_some_and(|(u, h)| !u.is_empty() && h.contains('.') && !h.ends_with('.'))
                } else {
                    scheme_allowed(kept) && kept.len() > kept.find(':').unwrap_or(0) + 3
                };
                ok.then_some((l.start(), l.start() + n, email))
            })
            .collect();
        for (start, end, email) in found {
            plain.push_str(&text[at..start]);
            self.text_with_runs(&std::mem::take(&mut plain));
            let piece = &text[start..end];
            let href = if email {
                format!("mailto:{piece}")
            } else {
                piece.to_owned()
            };
            let mut open = anchor(&href, "", true);
            if piece.chars().count() <= SHORT_ADDRESS {
                // Short enough for any line: never split in the middle.
                open.insert_str(open.len() - 1, " class=\"run\"");
            }
            self.html(open);
            self.breakable(piece);
            self.html("</a>".into());
            at = end;
        }
        plain.push_str(&text[at..]);
        self.text_with_runs(&plain);
    }

    /// Plain text with each run of the other direction isolated (see [`crate::bidi`]):
    /// `<span dir="ltr">` in right-to-left text, `<span dir="rtl">` in left-to-right
    /// text; short runs also keep to one line.
    fn text_with_runs(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let base = if self.links.rtl {
            Direction::Rtl
        } else {
            Direction::Ltr
        };
        let mut at = 0;
        for run in crate::bidi::runs(text, base) {
            let (start, end) = (run.range.start, run.range.end);
            if start > at {
                self.out
                    .push(Event::Text(CowStr::from(text[at..start].to_owned())));
            }
            let open = match (base, run.short) {
                (Direction::Rtl, true) => "<span dir=\"ltr\" class=\"run\">",
                (Direction::Rtl, false) => "<span dir=\"ltr\">",
                (Direction::Ltr, true) => "<span dir=\"rtl\" class=\"run\">",
                (Direction::Ltr, false) => "<span dir=\"rtl\">",
            };
            self.html(open.into());
            self.out
                .push(Event::Text(CowStr::from(text[start..end].to_owned())));
            self.html("</span>".into());
            at = end;
        }
        if at < text.len() {
            self.out
                .push(Event::Text(CowStr::from(text[at..].to_owned())));
        }
    }

    /// An address shown as a link's text, with break opportunities (`<wbr>`) where a
    /// reader expects a long one to wrap on a phone: after `@` and `//`, before `.`,
    /// `/`, `?`, `#`, `&` and `=`. `<wbr>` adds no character, so a copy stays exact.
    fn breakable(&mut self, addr: &str) {
        for (i, piece) in break_points(addr).into_iter().enumerate() {
            if i > 0 {
                self.html("<wbr>".into());
            }
            self.out.push(Event::Text(CowStr::from(piece.to_owned())));
        }
    }

    fn open_link(&mut self, link_type: LinkType, dest: &str, title: &str, offset: usize) {
        let autolink = matches!(link_type, LinkType::Autolink | LinkType::Email);
        let dest = if link_type == LinkType::Email && !dest.starts_with("mailto:") {
            format!("mailto:{dest}")
        } else {
            dest.to_owned()
        };
        match self.resolve(&dest, false) {
            Ok(href) => {
                self.html(anchor(&href, title, autolink));
                self.link_stack.push(true);
            }
            Err(message) => {
                self.problems.push(Problem { offset, message });
                self.link_stack.push(false);
            }
        }
    }

    fn open_image(&mut self, dest: &str, title: &str, offset: usize) {
        // The alt text arrives as the following events and the HTML writer puts it
        // in `alt`; only the source is checked and rewritten here.
        match self.resolve(dest, true) {
            Ok(src) => self.out.push(Event::Start(Tag::Image {
                link_type: LinkType::Inline,
                dest_url: CowStr::from(src),
                title: CowStr::from(title.to_owned()),
                id: CowStr::from(""),
            })),
            Err(message) => {
                // The alt text that follows stays visible as plain text.
                self.problems.push(Problem { offset, message });
                self.image_stack.push(false);
                return;
            }
        }
        self.image_stack.push(true);
    }

    fn code_span(&mut self, t: &str) {
        let mut s = String::from("<code dir=\"ltr\">");
        // Element content, as the writer escapes text: `"` stays `"`.
        let _ = escape_html_body_text(&mut s, t);
        s.push_str("</code>");
        self.html(s);
    }

    /// `t` without its HTML comments, each reported at its offset. A comment may
    /// run over several lines of an HTML block, so whether one is open is kept.
    fn drop_comments(&mut self, t: &str, offset: usize) -> String {
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

    fn close_heading(&mut self) {
        let Some((lvl, start, offset)) = self.heading.take() else {
            return;
        };
        // Text and code spans, in order: `Rotate `API` keys` is `rotate-api-keys`.
        let mut code = std::mem::take(&mut self.heading_code)
            .into_iter()
            .peekable();
        let mut text = String::new();
        for (i, e) in self.out[start..].iter().enumerate() {
            if let Event::Text(t) = e {
                text.push_str(t);
            } else if let Some((_, c)) = code.next_if(|(at, _)| *at == start + i) {
                text.push_str(&c);
            }
        }
        let base = slugify(&text);
        let base = if base.is_empty() {
            "section".to_owned()
        } else {
            base
        };
        let n = self.slugs.entry(base.clone()).or_insert(0);
        let id = if *n == 0 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        *n += 1;
        self.headings.push(Heading {
            level: lvl,
            offset,
            id,
            open: start,
            close: self.out.len(),
        });
        self.html(String::new());
    }

    /// Checks a link or image target and returns the URL to write.
    fn resolve(&self, dest: &str, image: bool) -> Result<String, String> {
        let dest = dest.trim();
        if let Some(scheme) = scheme_of(dest) {
            if image {
                return Err(format!(
                    "image `{dest}` is on another host; put the file in the incident's folder and link it by name, since pages never load anything from elsewhere"
                ));
            }
            if scheme_allowed(dest) {
                return crate::spoof::check_url(dest)
                    .map(|()| dest.to_owned())
                    .map_err(|why| format!("link `{dest}` {why}"));
            }
            return Err(format!(
                "link `{dest}` uses `{scheme}:`; links may use only http, https, mailto or tel"
            ));
        }
        if dest.starts_with("//") {
            return Err(format!(
                "link `{dest}` has no scheme; write it with https://"
            ));
        }
        if !image && dest.starts_with('#') {
            return Ok(dest.to_owned());
        }
        let name = dest.strip_prefix("./").unwrap_or(dest);
        let mut decoded = percent_decode(name);
        // `report.pdf#page=2`: the file, then its fragment or query as written.
        let mut suffix = "";
        if let Some(i) = name.find(['#', '?']) {
            let file = percent_decode(&name[..i]);
            if self
                .links
                .attachments
                .is_some_and(|f| !f.contains(&decoded))
            {
                (decoded, suffix) = (file, &name[i..]);
            }
        }
        match self.links.attachments {
            Some(files) if files.contains(&decoded) => Ok(format!(
                "{}{}{suffix}",
                self.links.attachment_base,
                percent_encode(&decoded)
            )),
            Some(files) => {
                let hint = crate::diag::nearest(&decoded, files.iter().map(String::as_str))
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                Err(format!(
                    "`{dest}` is not a file in this incident's folder{hint}"
                ))
            }
            None => Err(format!(
                "`{dest}` is not a full URL; texts may link only to http, https, mailto or tel addresses"
            )),
        }
    }
}

/// Addresses up to this many characters fit any phone's line and stay whole.
const SHORT_ADDRESS: usize = 28;

/// Where an address shown as text may wrap: the pieces between break points
/// (see `Writer::breakable`). Short addresses are kept whole.
pub fn break_points(addr: &str) -> Vec<&str> {
    if addr.chars().count() <= SHORT_ADDRESS {
        return vec![addr];
    }
    let mut pieces = Vec::new();
    let mut start = 0;
    let bytes = addr.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let before = matches!(b, b'.' | b'?' | b'#' | b'&' | b'=')
            || (b == b'/' && i > 0 && bytes[i - 1] != b'/' && bytes.get(i + 1) != Some(&b'/'));
        let after_prev = i > 0
            && (bytes[i - 1] == b'@' || (bytes[i - 1] == b'/' && i > 1 && bytes[i - 2] == b'/'));
        if i > start && (before || after_prev) {
            pieces.push(&addr[start..i]);
            start = i;
        }
    }
    pieces.push(&addr[start..]);
    pieces
}

/// HTML for an address shown as text, with `<wbr>` at its break points.
pub fn breakable_html(addr: &str) -> String {
    let mut s = String::with_capacity(addr.len() + 16);
    for (i, piece) in break_points(addr).into_iter().enumerate() {
        if i > 0 {
            s.push_str("<wbr>");
        }
        let _ = escape_html(&mut s, piece);
    }
    s
}

/// The id a footnote's definition takes. Labels are the author's (`[^contact]`), so
/// they are prefixed with `fn:`, which neither a heading's slug nor the page's own ids
/// ([`PAGE_IDS`]) can contain, and percent-encoded so any label is a valid id.
fn footnote_id(label: &str) -> String {
    format!("fn:{}", percent_encode(&label.to_lowercase()))
}

fn anchor(href: &str, title: &str, ltr: bool) -> String {
    let mut s = String::from("<a href=\"");
    let _ = escape_href(&mut s, href);
    s.push('"');
    if !title.is_empty() {
        s.push_str(" title=\"");
        let _ = escape_html(&mut s, title);
        s.push('"');
    }
    if ltr {
        s.push_str(" dir=\"ltr\"");
    }
    s.push('>');
    s
}

/// The scheme of an absolute URL (`https`, `javascript`), if it has one.
pub fn scheme_of(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    (first_ok && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
        .then_some(scheme)
}

/// Only these schemes may be links: anything else (`javascript:`, `data:`,
/// `vbscript:`, `file:`) could run code or read the reader's disk.
pub fn scheme_allowed(url: &str) -> bool {
    scheme_of(url).is_some_and(|s| {
        s.eq_ignore_ascii_case("http")
            || s.eq_ignore_ascii_case("https")
            || s.eq_ignore_ascii_case("mailto")
            || s.eq_ignore_ascii_case("tel")
    })
}

/// A heading anchor that keeps Arabic (and every other) letter: lower-cased, spaces
/// to `-`, punctuation dropped.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.trim().chars() {
        if c.is_alphanumeric() || is_mark(c) {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() || c == '-' || c == '_' {
            dash = true;
        }
    }
    out
}

fn is_mark(c: char) -> bool {
    // Arabic harakat and other combining marks belong to the word they sit on.
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}')
}

pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inline(s: &str) -> Rendered {
        render_inline(s, &LinkContext::default())
    }

    #[test]
    fn raw_html_is_shown_as_text_not_dropped() {
        let r = render_block(
            "Hi <script>alert(1)</script> there\n\n<div onclick=x>block</div>\n",
            &LinkContext::default(),
            2,
        );
        assert!(
            r.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("&lt;div onclick=x&gt;block&lt;/div&gt;"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("<script"));
        assert!(!r.html.contains("<div"));
    }

    #[test]
    fn javascript_links_are_refused_with_a_problem() {
        let r = inline("click [here](javascript:alert(1)) now");
        assert!(!r.html.contains("javascript"), "{}", r.html);
        assert!(r.html.contains("here"));
        assert_eq!(r.problems.len(), 1);
        assert!(r.problems[0].message.contains("javascript:"));
        let r = inline("[x](JaVaScRiPt:alert(1))");
        assert_eq!(r.problems.len(), 1);
    }

    #[test]
    fn bare_urls_and_emails_become_isolated_links() {
        let r = inline("راسلنا على security@example.com أو زر https://example.com/a_b_c");
        assert!(
            r.html.contains(
                "<a href=\"mailto:security@example.com\" dir=\"ltr\" class=\"run\">security@example.com</a>"
            ),
            "{}",
            r.html
        );
        assert!(
            r.html.contains(
                "<a href=\"https://example.com/a_b_c\" dir=\"ltr\" class=\"run\">https://example.com/a_b_c</a>"
            ),
            "{}",
            r.html
        );
    }

    fn rtl() -> LinkContext<'static> {
        LinkContext {
            rtl: true,
            ..Default::default()
        }
    }

    #[test]
    fn phone_numbers_ibans_and_amounts_in_arabic_text_are_isolated_whole() {
        let r = render_inline(
            "اتصل بـ 8001-NAHDA (8001-62432) أو +966 55 123 4567، وحوّل 249.00 SAR إلى SA03 8000 0000 6080 1016 7519.",
            &rtl(),
        );
        for run in [
            "8001-NAHDA (8001-62432)",
            "+966 55 123 4567",
            "249.00 SAR",
            "SA03 8000 0000 6080 1016 7519",
        ] {
            assert!(
                r.html
                    .contains(&format!("<span dir=\"ltr\" class=\"run\">{run}</span>")),
                "{run}: {}",
                r.html
            );
        }
    }

    #[test]
    fn latin_tokens_with_punctuation_are_isolated_in_rtl_text() {
        let r = render_inline(
            "بما فيها عناوين @nahda.example للموظفين (مثل 8001-NAHDA). نظام CRM.",
            &rtl(),
        );
        assert!(
            r.html
                .contains("<span dir=\"ltr\" class=\"run\">@nahda.example</span>"),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains("<span dir=\"ltr\" class=\"run\">8001-NAHDA</span>)."),
            "{}",
            r.html
        );
        assert!(!r.html.contains("CRM</span>"), "{}", r.html);
        // Left-to-right text is left alone.
        let r = render_inline(
            "email @nahda.example or +966 55 123 4567",
            &LinkContext::default(),
        );
        assert!(!r.html.contains("<span"), "{}", r.html);
    }

    #[test]
    fn arabic_inside_english_text_is_isolated() {
        let r = render_inline("Call مركز الاتصال 800 123 4567", &LinkContext::default());
        assert!(
            r.html.contains("<span dir=\"rtl\">مركز الاتصال</span> 800"),
            "{}",
            r.html
        );
    }

    #[test]
    fn autolinks_end_before_arabic_and_latin_punctuation() {
        for mark in ["،", "؛", "؟", ".", ",", ";", ":", "!", "?", ")"] {
            let src = format!(
                "راسلنا على security@bank.example{mark} أو زر https://bank.example/help{mark} الآن"
            );
            let r = render_inline(&src, &rtl());
            assert!(
                r.html.contains("href=\"mailto:security@bank.example\""),
                "{mark}: {}",
                r.html
            );
            assert!(
                r.html.contains("href=\"https://bank.example/help\""),
                "{mark}: {}",
                r.html
            );
            assert!(
                r.html.contains(&format!("</a>{mark}")),
                "{mark}: {}",
                r.html
            );
        }
        let r = inline("see security@bank.example, or https://bank.example/a.");
        assert!(
            r.html.contains("href=\"mailto:security@bank.example\""),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("href=\"https://bank.example/a\""),
            "{}",
            r.html
        );
    }

    #[test]
    fn long_addresses_get_break_points_that_copy_clean() {
        let r = inline("https://bank.example/help/fraud-notices?lang=ar");
        assert!(
            r.html.contains(
                ">https://<wbr>bank<wbr>.example<wbr>/help<wbr>/fraud-notices<wbr>?lang<wbr>=ar</a>"
            ),
            "{}",
            r.html
        );
        assert_eq!(break_points("a@b.example"), ["a@b.example"]);
        assert_eq!(
            break_points("security-team@bank.example").concat(),
            "security-team@bank.example"
        );
    }

    #[test]
    fn code_spans_are_isolated() {
        assert_eq!(
            inline("run `ls -la`").html,
            "run <code dir=\"ltr\">ls -la</code>"
        );
    }

    #[test]
    fn single_paragraph_loses_its_p_but_two_keep_them() {
        assert_eq!(inline("*hi*").html, "<em>hi</em>");
        assert!(inline("a\n\nb").html.contains("<p>b</p>"));
    }

    #[test]
    fn arabic_heading_anchor_keeps_arabic_letters() {
        let r = render_block(
            "# ما الذي حدث؟\n\n# ما الذي حدث؟\n",
            &LinkContext::default(),
            2,
        );
        assert!(r.html.contains("<h2 id=\"ما-الذي-حدث\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"ما-الذي-حدث-1\">"), "{}", r.html);
    }

    #[test]
    fn headings_never_take_the_pages_own_ids() {
        let r = render_block("## Contact\n\n## Contact\n", &LinkContext::default(), 3);
        assert!(r.html.contains("<h3 id=\"contact-1\">"), "{}", r.html);
        assert!(r.html.contains("<h3 id=\"contact-2\">"), "{}", r.html);
    }

    #[test]
    fn headings_shift_to_the_requested_top_level() {
        let r = render_block("## A\n\n### B\n", &LinkContext::default(), 3);
        assert!(r.html.contains("<h3 id=\"a\">A</h3>"), "{}", r.html);
        assert!(r.html.contains("<h4 id=\"b\">B</h4>"), "{}", r.html);
    }

    #[test]
    fn attachments_resolve_and_remote_images_are_refused() {
        let files: BTreeSet<String> = ["diagram one.png".to_owned()].into();
        let ctx = LinkContext {
            attachments: Some(&files),
            attachment_base: "/adv/en/incidents/x/",
            rtl: false,
            ..Default::default()
        };
        let r = render_block(
            "![d](diagram%20one.png) [pdf](report.pdf) ![r](https://evil.example/t.png)",
            &ctx,
            2,
        );
        assert!(
            r.html
                .contains("src=\"/adv/en/incidents/x/diagram%20one.png\""),
            "{}",
            r.html
        );
        assert_eq!(r.problems.len(), 2, "{:?}", r.problems);
        assert!(r.problems.iter().any(|p| p.message.contains("report.pdf")));
        assert!(
            r.problems
                .iter()
                .any(|p| p.message.contains("another host"))
        );
        assert!(!r.html.contains("evil.example/t.png\""), "{}", r.html);
    }

    #[test]
    fn tables_footnotes_strikethrough_render() {
        let r = render_block(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~ y[^1]\n\n[^1]: note\n",
            &LinkContext::default(),
            2,
        );
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>x</del>"));
        assert!(r.html.contains("footnote"));
    }

    #[test]
    fn footnotes_are_numbered_in_the_pages_digits() {
        let src = "أ[^a] ب[^b] ج[^a]\n\n[^a]: الأولى\n[^b]: الثانية\n";
        let ctx = LinkContext {
            rtl: true,
            digits: crate::dates::Digits::ArabicIndic,
            ..Default::default()
        };
        let html = render_block(src, &ctx, 3).html;
        assert!(html.contains("<a href=\"#fn:a\">١</a>"), "{html}");
        assert!(html.contains("<a href=\"#fn:b\">٢</a>"), "{html}");
        assert!(
            html.contains("id=\"fn:b\"><sup class=\"footnote-definition-label\">٢</sup>"),
            "{html}"
        );
        let latin = render_block(src, &LinkContext::default(), 3).html;
        assert!(latin.contains("<a href=\"#fn:a\">1</a>"), "{latin}");
        assert_eq!(latin.matches("footnote-definition\"").count(), 2, "{latin}");
    }

    #[test]
    fn footnote_ids_never_collide_with_page_or_heading_ids() {
        let r = render_block(
            "## Fn contact\n\nx[^contact] y[^summary]\n\n[^contact]: a\n\n[^summary]: b\n",
            &LinkContext::default(),
            3,
        );
        assert!(r.html.contains("id=\"fn:contact\""), "{}", r.html);
        assert!(r.html.contains("href=\"#fn:contact\""), "{}", r.html);
        assert!(r.html.contains("<h3 id=\"fn-contact\">"), "{}", r.html);
        assert!(!r.html.contains("id=\"contact\""), "{}", r.html);
        assert!(!r.html.contains("id=\"summary\""), "{}", r.html);
    }

    #[test]
    fn html_comments_are_left_out_of_bodies_and_reported_at_their_offset() {
        let src = "a <!-- one --> b\n\n<!-- two\n> lines -->\n\n<div>\n<!--> x <!-- three -->\n</div>\n\n<!--";
        let r = render_block(src, &LinkContext::default(), 3);
        let at: Vec<usize> = r.comments.iter().map(|p| p.offset).collect();
        let find = |s: &str| src.find(s).unwrap();
        assert_eq!(
            at,
            [
                find("<!-- one"),
                find("<!-- two"),
                find("<!-->"),
                find("<!-- three"),
                src.len() - 4
            ]
        );
        for gone in ["one", "two", "lines", "three", "&lt;!--"] {
            assert!(!r.html.contains(gone), "{gone}: {}", r.html);
        }
        assert!(r.html.contains("<p>a  b</p>"), "{}", r.html);
        assert!(
            r.html.contains("&lt;div&gt;\n x \n&lt;/div&gt;"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("<p></p>"), "{}", r.html);
        // Texts keep showing raw HTML, comments included, as text.
        assert!(inline("a <!-- b -->").html.contains("&lt;!-- b --&gt;"));
        assert!(inline("a <!-- b -->").comments.is_empty());
    }

    #[test]
    fn image_alt_text_drops_links_code_and_nested_images() {
        let files: BTreeSet<String> = ["a.png".to_owned()].into();
        let ctx = LinkContext {
            attachments: Some(&files),
            attachment_base: "/x/",
            rtl: false,
            ..Default::default()
        };
        let r = render_block(
            "![see `ls` [here](javascript:x) and ![in](https://evil.example/i.png)](a.png)",
            &ctx,
            3,
        );
        assert!(r.html.contains("alt=\"see ls here and in\""), "{}", r.html);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
    }

    #[test]
    fn heading_levels_merge_warning_only_when_two_levels_merge() {
        let warn = |src: &str| render_block(src, &LinkContext::default(), 3).warnings;
        assert!(warn("# a\n\n##### b\n").is_empty());
        assert!(warn("# a\n## b\n### c\n#### d\n").is_empty());
        let w = warn("# a\n## b\n### c\n#### d\n##### e\n");
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].offset, "# a\n## b\n### c\n#### d\n".len());
        // Texts have no headings to shift.
        assert!(inline("# a").warnings.is_empty());
    }

    #[test]
    fn commonmark_list_surprises_have_the_fixes_the_readme_gives() {
        let html = |src: &str| render_block(src, &LinkContext::default(), 3).html;
        assert!(html("2025. was the year").contains("<ol start=\"2025\">"));
        assert_eq!(html("2025\\. was the year"), "<p>2025. was the year</p>\n");
        let nested = html("10. ten\n    - under ten\n");
        assert!(nested.contains("<li>ten\n<ul>"), "{nested}");
        let apart = html("10. ten\n   - not under ten\n");
        assert!(apart.contains("</ol>\n<ul>"), "{apart}");
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(
            plain_text("**OpenAI** ends `Mixpanel` <b>use</b>"),
            "OpenAI ends Mixpanel <b>use</b>"
        );
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Fragments attackers and careless pastes use, mixed with ordinary text.
    fn hostile() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[x](javascript:alert(1))",
            "[x](JAVASCRIPT:alert(1))",
            "![i](data:image/svg+xml,<svg onload=alert(1)>)",
            "<a href=\"javascript:x\">",
            "<iframe src=//evil>",
            "\"><svg/onload=alert(1)>",
            "[x](vbscript:msgbox)",
            "<style>*{}</style>",
            "`code`",
            "**bold**",
            "# H",
            "- item",
            "> quote",
            "| a | b |\n|---|---|\n| 1 | 2 |",
            "[^1]\n\n[^1]: n",
            "https://example.com/a_(b)",
            "a@b.example",
            "+966 11 234 5678",
            "نص عربي",
            "\n",
            " ",
            "<",
            ">",
            "&",
            "\"",
            "[",
            "]",
            "(",
            ")",
            "!",
            "*",
            "_",
            "~~",
            "\u{202E}",
            "\u{0}",
            "&#106;avascript:alert(1)",
            "[x](&#106;avascript:1)",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
    }

    /// Parses the output as a browser would and checks what is live in it:
    /// elements, event-handler attributes and link targets.
    fn no_live_markup(html: &str) {
        let doc = scraper::Html::parse_fragment(html);
        for node in doc.root_element().descendants() {
            let Some(el) = node.value().as_element() else {
                continue;
            };
            let name = el.name();
            assert!(
                ![
                    "script", "iframe", "svg", "style", "object", "embed", "form", "link", "meta",
                    "base"
                ]
                .contains(&name),
                "live <{name}> in {html}"
            );
            for (attr, value) in el.attrs() {
                assert!(!attr.starts_with("on"), "event handler {attr} in {html}");
                if attr == "href" || attr == "src" {
                    let v = value.trim().to_ascii_lowercase();
                    let ok = v.starts_with("http://")
                        || v.starts_with("https://")
                        || v.starts_with("mailto:")
                        || v.starts_with('#')
                        || v.starts_with('/');
                    assert!(ok, "unsafe {attr}={value:?} in {html}");
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

        #[test]
        fn any_text_renders_without_panic_or_live_markup(src in hostile(), rtl in any::<bool>()) {
            let ctx = LinkContext { rtl, ..Default::default() };
            no_live_markup(&render_inline(&src, &ctx).html);
            no_live_markup(&render_block(&src, &ctx, 3).html);
            let _ = plain_text(&src);
        }

        #[test]
        fn arbitrary_unicode_never_panics(src in "\\PC{0,300}") {
            let ctx = LinkContext { rtl: true, ..Default::default() };
            no_live_markup(&render_block(&src, &ctx, 3).html);
            let _ = slugify(&src);
        }
    }
}
