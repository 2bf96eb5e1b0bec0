//! Every internal link, image, stylesheet and CSS `url()` resolves to a file in
//! output/, under a sub-path too, and nothing is loaded from another host.

use std::collections::BTreeMap;
use std::path::Path;

use scraper::{Html, Selector};

use crate::*;

/// Checks every page in `out` for a site whose base path is `base_path` and whose
/// absolute base is `base_abs`; returns the number of internal links checked.
fn check_links(out: &Path, base_path: &str, base_abs: &str) -> usize {
    let files = tree(out);
    let resolve = |url: &str| -> Option<String> {
        let url = url.split('#').next().unwrap_or("");
        let path = url
            .strip_prefix(base_abs)
            .map(|p| format!("{base_path}{p}"))
            .unwrap_or_else(|| url.to_owned());
        let rel = path.strip_prefix(base_path)?;
        let rel = percent_decode(rel);
        Some(if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel
        })
    };
    let any = Selector::parse("[href], [src]").unwrap();
    let mut checked = 0;
    let mut broken = BTreeMap::new();
    for (path, bytes) in &files {
        if path.ends_with(".html") {
            let doc = Html::parse_document(&String::from_utf8_lossy(bytes));
            for el in doc.select(&any) {
                let v = el.value();
                for url in [v.attr("href"), v.attr("src")].into_iter().flatten() {
                    let loads = v.name() != "a"
                        && !(v.name() == "link"
                            && v.attr("rel")
                                .is_some_and(|r| r.contains("alternate") || r == "canonical"));
                    let internal = url.starts_with('/') || url.starts_with(base_abs);
                    if loads {
                        assert!(
                            internal,
                            "{path}: <{}> loads {url} from another host",
                            v.name()
                        );
                    }
                    if url.starts_with("//") {
                        panic!("{path}: protocol-relative URL {url}");
                    }
                    if !internal {
                        continue;
                    }
                    checked += 1;
                    match resolve(url) {
                        Some(target) if files.contains_key(&target) => {}
                        _ => {
                            broken.insert(format!("{path} → {url}"), ());
                        }
                    }
                }
            }
        }
        if path.ends_with(".css") {
            let css = String::from_utf8_lossy(bytes);
            let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
            for part in css.split("url(").skip(1) {
                let url = part.split(')').next().unwrap().trim_matches(['"', '\'']);
                assert!(
                    !url.contains("://") && !url.starts_with("//"),
                    "{path}: remote url({url})"
                );
                checked += 1;
                if !files.contains_key(&format!("{dir}/{url}")) {
                    broken.insert(format!("{path} → url({url})"), ());
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "broken links:\n{}",
        broken.keys().cloned().collect::<Vec<_>>().join("\n")
    );
    checked
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn subpath_site_has_no_broken_internal_link() {
    let site = fixture("arabic-subpath");
    let out = build_ok(site.path(), &[]);
    let n = check_links(&out, "/advisories/", "https://nahda.github.io/advisories/");
    assert!(n > 50, "only {n} links checked");
}

#[test]
fn example_under_a_sub_path_has_no_broken_internal_link() {
    let site = fixture("example");
    let out = build_ok(site.path(), &["--base-url", "https://org.github.io/adv/"]);
    let n = check_links(&out, "/adv/", "https://org.github.io/adv/");
    assert!(n > 50, "only {n} links checked");
    // 404.html is served at any depth: all its links are root-relative.
    let page = read(&out.join("404.html"));
    assert!(page.contains("href=\"/adv/en/\""));
    assert!(!page.contains("href=\"en/") && !page.contains("href=\"../"));
}

#[test]
fn example_at_the_root_has_no_broken_internal_link() {
    let site = fixture("example");
    let out = build_ok(site.path(), &[]);
    check_links(&out, "/", "https://advisories.nahda.example/");
}
