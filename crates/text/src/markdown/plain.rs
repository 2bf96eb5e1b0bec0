//! A body as plain text, for machines that show it outside a browser (the JSON
//! record's `body_plain`): no Markdown, no line breaks inside a paragraph (the
//! author's wrapping is not the reader's), one blank line between blocks, one
//! line per list item and table row.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::options;

/// `src` (a body's Markdown) as plain text.
pub fn body_plain(src: &str) -> String {
    let mut b = Blocks::default();
    // Ordered lists' next numbers (None for a bullet list), innermost last.
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut cell = 0usize;
    for ev in Parser::new_ext(src, options()) {
        let nested = !lists.is_empty();
        match ev {
            Event::Start(Tag::List(first)) => {
                b.end(nested);
                lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
                b.end(!lists.is_empty());
            }
            Event::Start(Tag::Item) => {
                b.end_line();
                b.line.push_str(&"  ".repeat(lists.len().saturating_sub(1)));
                match lists.last_mut() {
                    Some(Some(n)) => {
                        b.line.push_str(&format!("{n}. "));
                        *n += 1;
                    }
                    _ => b.line.push_str("• "),
                }
            }
            Event::End(TagEnd::Item | TagEnd::TableHead | TagEnd::TableRow) => b.end_line(),
            Event::Start(Tag::Table(_)) | Event::Rule => b.end(false),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                b.end(false);
                b.line.push_str(&format!("[{label}] "));
            }
            Event::End(TagEnd::Table | TagEnd::FootnoteDefinition) => b.end(false),
            Event::Start(Tag::TableRow | Tag::TableHead) => cell = 0,
            Event::Start(Tag::TableCell) => {
                if cell > 0 {
                    b.line.push_str(" | ");
                }
                cell += 1;
            }
            Event::Start(Tag::CodeBlock(_)) => {
                b.end(nested);
                b.code = true;
            }
            Event::End(TagEnd::CodeBlock) => {
                b.end_line();
                b.code = false;
                b.end(nested);
            }
            Event::Text(t) if b.code => {
                for (i, part) in t.split('\n').enumerate() {
                    if i > 0 {
                        b.end_line();
                    }
                    b.line.push_str(part);
                }
            }
            Event::FootnoteReference(label) => b.line.push_str(&format!("[{label}]")),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::BlockQuote(_)) => {
                // A paragraph inside a list item stays on the item's line.
                if nested {
                    b.line.push(' ');
                } else {
                    b.end(false);
                }
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                b.line.push_str(&t)
            }
            Event::SoftBreak => b.line.push(' '),
            Event::HardBreak => b.end_line(),
            Event::TaskListMarker(done) => b.line.push_str(if done { "[x] " } else { "[ ] " }),
            _ => {}
        }
    }
    b.end(false);
    b.done.join("\n\n")
}

/// Plain text being assembled: finished blocks, the lines of the current one and
/// the line being written.
#[derive(Default)]
struct Blocks {
    done: Vec<String>,
    lines: Vec<String>,
    line: String,
    code: bool,
}

impl Blocks {
    /// Ends the current line; outside code, runs of spaces become one.
    fn end_line(&mut self) {
        let line = std::mem::take(&mut self.line);
        if self.code {
            self.lines.push(line.trim_end().to_owned());
            return;
        }
        let indent = line.len() - line.trim_start().len();
        let words = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if !words.is_empty() {
            self.lines.push(format!("{}{words}", &line[..indent]));
        }
    }

    /// Ends the current block, unless `within` (a list inside a list goes on
    /// as lines of the same block).
    fn end(&mut self, within: bool) {
        self.end_line();
        if within {
            return;
        }
        let lines = std::mem::take(&mut self.lines);
        let text = lines.join("\n");
        if !text.trim().is_empty() {
            self.done.push(text.trim_matches('\n').to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::body_plain;

    #[test]
    fn wrapped_paragraphs_become_one_line_each() {
        let src = "# What happened\n\nAn attacker **exported**\na dataset from `Mixpanel`.\n\nA second\nparagraph.\n";
        assert_eq!(
            body_plain(src),
            "What happened\n\nAn attacker exported a dataset from Mixpanel.\n\nA second paragraph."
        );
    }

    #[test]
    fn lists_and_tables_keep_a_line_per_item_and_row() {
        let src = "Do this:\n\n- turn on\n  MFA\n- rotate keys\n\n3. third\n4. fourth\n\n| Data | Status |\n|---|---|\n| Names | Exposed |\n\nEnd [link](https://x.example) ![alt text](a.png).\n";
        assert_eq!(
            body_plain(src),
            "Do this:\n\n• turn on MFA\n• rotate keys\n\n3. third\n4. fourth\n\nData | Status\nNames | Exposed\n\nEnd link alt text."
        );
    }

    #[test]
    fn footnotes_and_code_blocks_read_as_text() {
        let src = "See the report[^r].\n\n```\nline one\nline two\n```\n\n[^r]: Published\n    by the vendor.\n";
        assert_eq!(
            body_plain(src),
            "See the report[r].\n\nline one\nline two\n\n[r] Published by the vendor."
        );
    }
}
