//! Heading ids (slugs that keep Arabic letters), the page's own ids they must not
//! take, footnote ids, and writing a heading once the heading shift is known.

use pulldown_cmark::Event;

use super::slugs::*;
use super::writer::Writer;

impl Writer<'_, '_> {
    pub(super) fn close_heading(&mut self) {
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
        // `base`, else `base-1`, `base-2`…: the first one no heading or page section
        // holds yet ("Step", "Step" and "Step 1" must not share `step-1`).
        let mut n = self.slugs.get(&base).copied().unwrap_or(0);
        let id = loop {
            let id = if n == 0 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            n += 1;
            // Every id given out is a key of `slugs`, the page's own ids too.
            if !self.slugs.contains_key(&id) {
                break id;
            }
        };
        self.slugs.insert(base.clone(), n);
        self.slugs.entry(id.clone()).or_insert(1);
        self.headings.push(Heading {
            level: lvl,
            offset,
            id,
            open: start,
            close: self.out.len(),
        });
        self.html(String::new());
    }
}
