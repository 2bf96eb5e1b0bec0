//! The floor a static-site build of this content cannot go below: read the same
//! YAML and Markdown (serde-saphyr, pulldown-cmark, in parallel with rayon), and
//! write the same files with the same sizes as bayan's output (the paths and sizes
//! of a bayan build, listed in MANIFEST as `size<TAB>path` lines), filled with
//! the rendered bodies. No templates, no checks, no feeds: what is left of a build
//! once everything that makes it bayan is taken away. `bench/compare.sh` times it
//! beside bayan and Hugo.
//!
//! cargo run --release --example floor -- SITE MANIFEST OUT_DIR

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(site), Some(manifest), Some(out)) = (args.get(1), args.get(2), args.get(3)) else {
        eprintln!("usage: floor SITE MANIFEST OUT_DIR");
        std::process::exit(2);
    };
    let dirs: Vec<PathBuf> = fs::read_dir(Path::new(site).join("content/incidents"))
        .expect("incidents")
        .flatten()
        .map(|e| e.path())
        .collect();
    let rendered: Vec<String> = dirs
        .par_iter()
        .flat_map_iter(|dir| {
            let yaml = fs::read_to_string(dir.join("incident.yaml")).unwrap_or_default();
            let rec: serde_json::Value = serde_saphyr::from_str(&yaml).unwrap_or_default();
            ["en", "ar"].map(|lang| {
                let md = fs::read_to_string(dir.join(format!("{lang}.md"))).unwrap_or_default();
                let mut html = String::with_capacity(md.len() * 2);
                pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&md));
                if let Some(t) = rec["title"][lang].as_str() {
                    html.push_str(t);
                }
                html
            })
        })
        .collect();
    let files: Vec<(usize, String)> = fs::read_to_string(manifest)
        .expect("manifest")
        .lines()
        .filter_map(|l| {
            let (size, path) = l.split_once('\t')?;
            Some((size.parse().ok()?, path.to_owned()))
        })
        .collect();
    let out = Path::new(out);
    let _ = fs::remove_dir_all(out);
    let filler: String = rendered.concat();
    let filler = if filler.is_empty() {
        "x".to_owned()
    } else {
        filler
    };
    files.par_iter().enumerate().for_each(|(i, (size, path))| {
        let dest = out.join(path);
        if let Some(parent) = dest.parent() {
            fs::create_dir_all(parent).expect("mkdir");
        }
        let mut bytes = Vec::with_capacity(*size);
        let start = (i * 7919) % filler.len();
        while bytes.len() < *size {
            let take = (*size - bytes.len()).min(filler.len() - start);
            bytes.extend_from_slice(&filler.as_bytes()[start..start + take]);
            if take == 0 {
                break;
            }
        }
        bytes.resize(*size, b' ');
        fs::write(&dest, bytes).expect("write");
    });
    eprintln!(
        "floor: {} advisories read and rendered, {} files written",
        dirs.len(),
        files.len()
    );
}
