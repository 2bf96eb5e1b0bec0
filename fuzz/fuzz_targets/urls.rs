//! The URL and email checkers and link rendering on arbitrary bytes: no panic, and
//! nothing they accept carries a user name, a hidden character or a second
//! recipient; a link the renderer writes is one the checker accepts.
#![no_main]

use bayan_text::markdown::{LinkContext, render_inline};
use bayan_text::spoof::{check_email, check_running_text, check_url, first_hidden};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let s = s.trim();
    if check_url(s).is_ok() {
        assert!(first_hidden(s).is_none(), "hidden character accepted: {s:?}");
        let lower = s.to_ascii_lowercase();
        if lower.starts_with("mailto:") {
            let addr = s[7..].split('?').next().unwrap_or("");
            assert!(check_email(addr).is_ok(), "{s:?}");
            let query = s.split_once('?').map_or("", |(_, q)| q);
            for (k, _) in url::form_urlencoded::parse(query.as_bytes()) {
                assert!(matches!(k.to_ascii_lowercase().as_str(), "subject" | "body"), "{s:?}");
            }
        } else {
            let u = url::Url::parse(s).expect("accepted URLs parse");
            assert!(matches!(u.scheme(), "http" | "https"), "{s:?}");
            assert!(u.username().is_empty() && u.password().is_none(), "{s:?}");
            assert!(u.host_str().is_some_and(|h| !h.is_empty()), "{s:?}");
        }
    }
    if check_email(s).is_ok() {
        assert_eq!(s.matches('@').count(), 1, "{s:?}");
        assert!(!s.contains(['?', '&', '%', '/', '#', ',']), "{s:?}");
        assert!(first_hidden(s).is_none(), "{s:?}");
    }
    let _ = check_running_text(s);
    // The same string as a link target, an autolink and link text.
    let ctx = LinkContext::default();
    for src in [format!("[x]({s})"), format!("<{s}>"), format!("[{s}](https://a.example/)"), s.to_owned()] {
        let r = render_inline(&src, &ctx);
        let _ = check_running_text(&src);
        for tag in r.html.split("<a href=\"").skip(1) {
            let href = tag.split('"').next().unwrap_or("");
            let ok = ["http://", "https://", "mailto:", "#", "/"].iter().any(|p| href.to_ascii_lowercase().starts_with(p));
            assert!(ok, "unsafe href {href:?} from {src:?}");
        }
    }
});
