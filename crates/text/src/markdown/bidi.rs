//! Text runs: bare URLs and emails found and linked, and the runs of the other
//! direction isolated so bidi reordering cannot scramble them.

use pulldown_cmark::{CowStr, Event};

use super::addresses::{SHORT_ADDRESS, anchor};
use super::dialect::scheme_allowed;
use super::writer::Writer;
use crate::lang::Direction;

impl Writer<'_, '_> {
    pub(super) fn flush_text(&mut self) {
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
    pub(super) fn text_with_runs(&mut self, text: &str) {
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
}
