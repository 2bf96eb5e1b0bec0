//! The link checker shared by the integration tests and `bench/check_links.rs`:
//! every internal link, image, stylesheet and CSS `url()` in a built site must
//! resolve to a file in it, and nothing may load from another host.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use scraper::{Html, Selector};

/// What a check found: how many internal references it followed, which were
/// broken, and which pages load something from another host.
#[derive(Debug, Default)]
pub(crate) struct LinkReport {
    pub(crate) checked: usize,
    pub(crate) broken: BTreeSet<String>,
    pub(crate) remote_loads: BTreeSet<String>,
}

/// Every file under `dir` with its bytes, by `/`-separated relative path.
pub(crate) fn files_under(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let bytes = std::fs::read(e.path()).unwrap();
            (rel, bytes)
        })
        .collect()
}

/// Checks every page in `out` for a site whose base path is `base_path` and whose
/// absolute base is `base_abs`.
pub(crate) fn check_links(out: &Path, base_path: &str, base_abs: &str) -> LinkReport {
    let files = files_under(out);
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
    let mut report = LinkReport::default();
    for (path, bytes) in &files {
        if path.ends_with(".html") {
            let doc = Html::parse_document(&String::from_utf8_lossy(bytes));
            for el in doc.select(&any) {
                let v = el.value();
                for url in [v.attr("href"), v.attr("src")].into_iter().flatten() {
                    // `//host/…` reads as a link of the site's own and leads elsewhere.
                    if url.starts_with("//") || url.starts_with("/\\") {
                        report
                            .broken
                            .insert(format!("{path} → {url} (another host)"));
                        continue;
                    }
                    let loads = v.name() != "a"
                        && !(v.name() == "link"
                            && v.attr("rel")
                                .is_some_and(|r| r.contains("alternate") || r == "canonical"));
                    let internal =
                        url.starts_with('/') && !url.starts_with("//") || url.starts_with(base_abs);
                    if loads && !internal {
                        report
                            .remote_loads
                            .insert(format!("{path}: <{}> loads {url}", v.name()));
                    }
                    if !internal {
                        continue;
                    }
                    report.checked += 1;
                    if !resolve(url).is_some_and(|t| files.contains_key(&t)) {
                        report.broken.insert(format!("{path} → {url}"));
                    }
                }
            }
        }
        if path.ends_with(".css") {
            let css = String::from_utf8_lossy(bytes);
            let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
            for part in css.split("url(").skip(1) {
                let url = part
                    .split(')')
                    .next()
                    .unwrap_or("")
                    .trim_matches(['"', '\'']);
                if url.contains("://") || url.starts_with("//") {
                    report.remote_loads.insert(format!("{path}: url({url})"));
                    continue;
                }
                report.checked += 1;
                if !files.contains_key(&format!("{dir}/{url}")) {
                    report.broken.insert(format!("{path} → url({url})"));
                }
            }
        }
    }
    report
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
