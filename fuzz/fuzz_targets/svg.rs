//! The SVG checker on arbitrary bytes: no panic, no hang, and every refusal is
//! located in the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for d in bayan_text::svg::check("f.svg", &text) {
        assert_eq!(d.file, "f.svg");
        assert!(d.line.is_some_and(|l| l >= 1), "unlocated: {d}");
        assert!(!d.message.is_empty());
    }
});
