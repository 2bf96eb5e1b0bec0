//! `base_url` on arbitrary bytes: no panic, and nothing it accepts can make a
//! root-relative link lead to another host (issue 23: `https://host/\evil/`,
//! `https://host/a/..//evil/` and `https://host//evil/` once did).
#![no_main]

use bayan_text::base_url::BaseUrl;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let Ok(BaseUrl { absolute, path }) = BaseUrl::parse(&s) else { return };
    assert!(path.starts_with('/') && path.ends_with('/'), "{s:?} → {path:?}");
    assert!(!path.contains("//") && !path.contains('\\'), "{s:?} → {path:?}");
    let link = format!("{path}en/");
    assert!(!link.starts_with("//"), "{s:?} → {link:?}");
    let u = url::Url::parse(&absolute).expect("the absolute form parses");
    assert!(matches!(u.scheme(), "http" | "https"), "{s:?}");
    assert_eq!(u.path(), path, "{s:?}: the path the links carry is the URL's");
    // A browser resolving a link against any page of the site stays on the host.
    let page = u.join("en/incidents/x/").expect("joins");
    let resolved = page.join(&link).expect("joins");
    assert_eq!(resolved.host_str(), u.host_str(), "{s:?}: {link} leaves the host");
});
