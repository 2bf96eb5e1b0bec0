//! Every internal link, image, stylesheet and CSS `url()` resolves to a file in
//! output/, under a sub-path too, and nothing is loaded from another host.

use std::path::Path;

use crate::*;

use crate::support;

/// Asserts a clean report and returns how many references were followed.
fn check_links(out: &Path, base_path: &str, base_abs: &str) -> usize {
    let r = support::check_links(out, base_path, base_abs);
    assert!(
        r.remote_loads.is_empty(),
        "loads from other hosts:\n{:#?}",
        r.remote_loads
    );
    assert!(r.broken.is_empty(), "broken links:\n{:#?}", r.broken);
    r.checked
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
