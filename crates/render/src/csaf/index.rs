//! The files of CSAF's directory-based distribution that list every document
//! (requirements 7 and 11 to 14): `provider-metadata.json`, `index.txt`,
//! `changes.csv` and a listing page per year folder, since static hosts list no
//! folders. Made from the whole site, with the lists ([`super::emit::Part::Lists`]):
//! redone when what lists show of an advisory changes.

use serde_json::json;

use super::{Doc, documents, original_lang, publisher};
use crate::emit::Ctx;
use crate::sink::OutputFile;

/// Every index file of the distribution.
pub fn files(cx: &Ctx) -> Vec<OutputFile> {
    let r = &cx.routes;
    // Newest advisory first (the site's order), each original before its translations.
    let docs: Vec<(&str, Doc)> = cx
        .site
        .incidents
        .iter()
        .flat_map(|inc| {
            documents(cx.site, inc)
                .into_iter()
                .map(move |d| (inc.id.as_str(), d))
        })
        .collect();
    let mut out = vec![provider_metadata(cx, &docs)];

    let index: String = docs.iter().map(|(_, d)| format!("{}\n", d.entry)).collect();
    out.push(OutputFile::new(r.csaf_index_txt(), index));

    let mut changes: Vec<(String, &str)> = docs
        .iter()
        .map(|(_, d)| (dates(d), d.entry.as_str()))
        .collect();
    changes.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let csv: String = changes
        .iter()
        .map(|(at, entry)| format!("\"{entry}\",\"{at}\"\n"))
        .collect();
    out.push(OutputFile::new(r.csaf_changes_csv(), csv));

    let mut years: Vec<i16> = docs.iter().filter_map(|(_, d)| year_of(d)).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    for year in years {
        let in_year: Vec<&Doc> = docs
            .iter()
            .map(|(_, d)| d)
            .filter(|d| year_of(d) == Some(year))
            .collect();
        out.push(OutputFile::new(
            r.csaf_year_index(year),
            year_listing(cx, year, &in_year),
        ));
    }
    out
}

fn dates(d: &Doc) -> String {
    bayan_text::dates::rfc3339(d.current_release)
}

fn year_of(d: &Doc) -> Option<i16> {
    d.entry.split('/').next()?.parse().ok()
}

/// Requirement 7: who publishes, in which role, and where the documents are.
fn provider_metadata(cx: &Ctx, docs: &[(&str, Doc)]) -> OutputFile {
    let r = &cx.routes;
    let url = cx.site.file_abs(&r.csaf_provider_metadata());
    // The newest change to any document; an empty site has only the build's "now".
    let last_updated = docs
        .iter()
        .map(|(_, d)| d.current_release.ts)
        .max()
        .unwrap_or(cx.site.now);
    let role = if r.at_https_host_root() {
        "csaf_provider"
    } else {
        "csaf_publisher"
    };
    let meta = json!({
        "canonical_url": url,
        "distributions": [{"directory_url": cx.site.file_abs(r.csaf_dir())}],
        "last_updated": last_updated.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        "list_on_CSAF_aggregators": true,
        "metadata_version": "2.0",
        "mirror_on_CSAF_aggregators": true,
        "publisher": publisher_everywhere(cx),
        "role": role,
    });
    // Indented: people read it when they set up an aggregator.
    OutputFile::json_pretty(r.csaf_provider_metadata(), &meta)
}

/// The publisher as aggregators list it: its name in every language of the
/// site, Latin-script forms first (read by aggregators abroad), joined by ` / `.
fn publisher_everywhere(cx: &Ctx) -> super::Publisher {
    let c = &cx.site.config;
    let mut p = publisher(cx, original_lang(cx.site));
    let mut names: Vec<String> = Vec::new();
    for lang in &c.languages {
        let n = c.organization.name.get(lang).plain();
        if !names.contains(&n) {
            names.push(n);
        }
    }
    names.sort_by_key(|n| !n.chars().next().is_some_and(|ch| ch.is_ascii()));
    p.name = names.join(" / ");
    p
}

/// A plain listing of one year's folder: each document with its hashes, for
/// people browsing the distribution (requirement 14).
fn year_listing(cx: &Ctx, year: i16, docs: &[&Doc]) -> String {
    let esc = crate::page::xml_escape;
    let folder = cx
        .site
        .file_href(&format!("{}{year}/", cx.routes.csaf_dir()));
    let mut items = String::new();
    for d in docs {
        let name = d.entry.rsplit('/').next().unwrap_or(&d.entry);
        let links = [
            name.to_owned(),
            format!("{name}.sha256"),
            format!("{name}.sha512"),
        ]
        .map(|f| format!("<a href=\"{0}\">{0}</a>", esc(&f)))
        .join(" ");
        items.push_str(&format!(
            "<li>{links} <span>({lang}, {at})</span></li>\n",
            lang = esc(d.lang.as_str()),
            at = dates(d),
        ));
    }
    let title = format!("Index of {}", esc(&folder));
    // A preview (`--drafts`) keeps every page out of search engines.
    let noindex = if cx.site.preview {
        "<meta name=\"robots\" content=\"noindex\">\n"
    } else {
        ""
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n{noindex}\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; base-uri 'none'; form-action 'none'\">\n\
<title>{title}</title>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n\
<p>CSAF 2.0 documents published in {year}, each with its SHA-256 and SHA-512 hash (language, current release date in UTC). \
See also <a href=\"../provider-metadata.json\">provider-metadata.json</a>, <a href=\"../index.txt\">index.txt</a> and <a href=\"../changes.csv\">changes.csv</a>.</p>\n\
<ul>\n{items}</ul>\n</main>\n</body>\n</html>\n"
    )
}
