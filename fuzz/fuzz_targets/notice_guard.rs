//! The notice guard on arbitrary HTML: no panic, and what it accepts holds,
//! in the tree a browser builds, nothing that loads, runs or submits. The guard
//! reads tags from the tokenizer; this reads them from the tree, so the two
//! readings are held against each other.
#![no_main]

use bayan_render::notice::guard_check as check;
use libfuzzer_sys::fuzz_target;
use scraper::{Html, Selector};

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    if !check(&s).is_empty() {
        return;
    }
    let doc = Html::parse_document(&s);
    let all = Selector::parse("*").unwrap();
    for el in doc.select(&all) {
        let v = el.value();
        assert!(
            !matches!(
                v.name(),
                "img" | "script" | "iframe" | "link" | "form" | "svg" | "object" | "embed"
                    | "input" | "button" | "base" | "video" | "audio" | "source"
            ),
            "accepted <{}> in {s:?}",
            v.name()
        );
        for (k, val) in v.attrs() {
            let k = k.to_ascii_lowercase();
            assert!(!k.starts_with("on") && k != "src" && k != "srcset", "accepted {k} in {s:?}");
            if k == "style" {
                let plain: String = val.chars().filter(|c| !c.is_whitespace()).collect();
                assert!(!plain.to_ascii_lowercase().contains("url("), "accepted {val:?} in {s:?}");
            }
        }
        if v.name() == "a" {
            let text: String = el.text().collect();
            let href = v.attr("href").unwrap_or_default();
            if href.starts_with("http") {
                assert_eq!(text.trim(), href.trim(), "a lying link accepted in {s:?}");
            }
        }
    }
});
