//! The bidi isolation on arbitrary text: runs are sorted, disjoint, on character
//! boundaries and never cross a stop character; wrapping them keeps the text and
//! balances the isolates; autolink trimming stays on a boundary; and rendering a
//! right-to-left text never splits a run's characters or adds one inside it.
#![no_main]

use bayan_text::bidi::{LRI, PDI, RLI, isolate_plain, link_len, runs};
use bayan_text::lang::Direction;
use bayan_text::markdown::{LinkContext, render_inline};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for base in [Direction::Rtl, Direction::Ltr] {
        let mut last = 0;
        for r in runs(&text, base) {
            assert!(r.range.start >= last && r.range.start < r.range.end, "{r:?}");
            assert!(text.is_char_boundary(r.range.start) && text.is_char_boundary(r.range.end));
            let run = &text[r.range.clone()];
            assert!(!run.contains(['\n', LRI, RLI, PDI]), "{run:?}");
            last = r.range.end;
        }
        let iso = isolate_plain(&text, base);
        let strip = |s: &str| s.replace([LRI, RLI, PDI], "");
        assert_eq!(strip(&iso), strip(&text));
        let added_open = iso.matches([LRI, RLI]).count() - text.matches([LRI, RLI]).count();
        let added_close = iso.matches(PDI).count() - text.matches(PDI).count();
        assert_eq!(added_open, added_close);
    }
    let n = link_len(&text);
    assert!(n <= text.len() && text.is_char_boundary(n));
    let ctx = LinkContext { rtl: true, ..Default::default() };
    let html = render_inline(&text, &ctx).html;
    // The renderer never writes an isolate character of its own (markup only); it may
    // drop the author's where the text is not shown (a fenced code block's info string).
    assert!(
        html.matches([LRI, RLI, PDI]).count() <= text.matches([LRI, RLI, PDI]).count(),
        "isolates added: {html}"
    );
});
