//! The Markdown renderer on arbitrary bytes: no panic, no hang, and no live
//! markup or unsafe link in what it writes.
#![no_main]

use bayan_text::markdown::{LinkContext, plain_text, render_block, render_inline};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    for rtl in [false, true] {
        let ctx = LinkContext { rtl, ..Default::default() };
        for html in [render_block(&src, &ctx, 3).html, render_inline(&src, &ctx).html] {
            // Text never carries a raw `<` (it is escaped to `&lt;`), so a `<`
            // followed by a tag name is markup the renderer itself wrote.
            let lower = html.to_ascii_lowercase();
            for bad in ["<script", "<iframe", "<svg", "<style", "<object", "<embed"] {
                assert!(!lower.contains(bad), "live {bad}: {html}");
            }
            for tag in lower.split('<').skip(1).map(|t| t.split('>').next().unwrap_or("")) {
                for attr in ["href=\"", "src=\""] {
                    if let Some(v) = tag.split(attr).nth(1) {
                        let ok = ["http://", "https://", "mailto:", "#", "/"].iter().any(|p| v.starts_with(p));
                        assert!(ok, "unsafe {attr}{v} in <{tag}>");
                    }
                }
                assert!(!tag.contains(" on"), "event handler in <{tag}>");
            }
        }
    }
    let _ = plain_text(&src);
});
