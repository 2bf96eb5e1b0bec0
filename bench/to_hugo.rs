//! Turns a bayan site (as `gen_site` writes one) into a Hugo site with the same
//! content, for the side-by-side benchmark in `bench/compare.sh`: each advisory a
//! page in English and Arabic (Arabic right to left), its record fields in the
//! front matter, its body as the page's Markdown, data classes and vendors as
//! taxonomies (bayan's archives), paginated listings, RSS and a JSON index per
//! language. The layouts are `bench/hugo/layouts/`.
//!
//! cargo run --release --example to_hugo -- BAYAN_SITE HUGO_SITE

use std::fs;
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(from), Some(to)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: to_hugo BAYAN_SITE HUGO_SITE");
        std::process::exit(2);
    };
    let (from, to) = (Path::new(from), Path::new(to));
    let _ = fs::remove_dir_all(to);
    let layouts = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/hugo/layouts");
    copy_dir(&layouts, &to.join("layouts"));
    let site: serde_json::Value = serde_saphyr::from_str(
        &fs::read_to_string(from.join("content/site.yaml")).expect("site.yaml"),
    )
    .expect("site.yaml parses");
    let base = site["base_url"]
        .as_str()
        .unwrap_or("https://bench.example/");
    let title = |l: &str| site["title"][l].as_str().unwrap_or("").to_owned();
    // Hugo 0.111 paginates with `paginate`; 0.128 and later with [pagination].
    for (file, paginate) in [
        ("hugo-0.111.toml", "paginate = 50\n"),
        ("hugo.toml", "[pagination]\n  pagerSize = 50\n"),
    ] {
        fs::write(
            to.join(file),
            format!(
                "baseURL = \"{base}\"\ndefaultContentLanguage = \"en\"\ndefaultContentLanguageInSubdir = true\n\
                 disableKinds = [\"robotsTXT\"]\n{paginate}\
                 [taxonomies]\n  class = \"classes\"\n  vendor = \"vendors\"\n\
                 [outputs]\n  home = [\"HTML\", \"RSS\", \"JSON\"]\n  section = [\"HTML\", \"RSS\"]\n\
                 [languages.en]\n  weight = 1\n  languageName = \"English\"\n  title = \"{}\"\n  contentDir = \"content/en\"\n\
                 [languages.ar]\n  weight = 2\n  languageName = \"العربية\"\n  languageDirection = \"rtl\"\n  title = \"{}\"\n  contentDir = \"content/ar\"\n",
                title("en"),
                title("ar")
            ),
        )
        .expect("config");
    }
    let mut n = 0;
    let incidents = from.join("content/incidents");
    let mut dirs: Vec<_> = fs::read_dir(&incidents)
        .expect("incidents")
        .flatten()
        .map(|e| e.path())
        .collect();
    dirs.sort();
    for dir in dirs {
        let Ok(text) = fs::read_to_string(dir.join("incident.yaml")) else {
            continue;
        };
        let rec: serde_json::Value = serde_saphyr::from_str(&text).expect("incident.yaml parses");
        let id = dir.file_name().unwrap().to_string_lossy().into_owned();
        for lang in ["en", "ar"] {
            let pick = |v: &serde_json::Value| v.get(lang).cloned().unwrap_or_else(|| v.clone());
            let list = |key: &str| -> Vec<serde_json::Value> {
                rec["data"][key].as_array().cloned().unwrap_or_default()
            };
            let front = serde_json::json!({
                "title": pick(&rec["title"]),
                "summary": pick(&rec["summary"]),
                "date": rec["published"],
                "slug": id,
                "status": rec["status"],
                "severity": rec["severity"],
                "affected": pick(&rec["affected"]),
                "not_affected": pick(&rec["not_affected"]),
                "affected_count": rec["affected_count"]["value"],
                "exposed": list("exposed"),
                "possibly_exposed": list("possibly_exposed"),
                "not_exposed": list("not_exposed"),
                "classes": list("exposed"),
                "vendors": rec["vendors"].as_array().map(|v| v.iter().map(|x| x["name"].clone()).collect::<Vec<_>>()),
                "vendor_roles": rec["vendors"].as_array().map(|v| v.iter().map(|x| pick(&x["role"])).collect::<Vec<_>>()),
                "timeline": rec["timeline"].as_array().map(|v| v.iter().map(|x| serde_json::json!({"at": x["at"], "text": pick(&x["text"])})).collect::<Vec<_>>()),
                "actions": rec["actions"].as_array().map(|v| v.iter().map(|x| pick(&x["text"])).collect::<Vec<_>>()),
                "advice": rec["advice"].as_array().map(|v| v.iter().map(&pick).collect::<Vec<_>>()),
            });
            let body = fs::read_to_string(dir.join(format!("{lang}.md"))).unwrap_or_default();
            let out = to.join(format!("content/{lang}/incidents/{id}.md"));
            fs::create_dir_all(out.parent().unwrap()).unwrap();
            fs::write(&out, format!("{front}\n\n{body}")).unwrap();
        }
        n += 1;
    }
    eprintln!(
        "to_hugo: {n} advisories in two languages → {}",
        to.display()
    );
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().flatten() {
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(e.path(), &dest).unwrap();
        }
    }
}
