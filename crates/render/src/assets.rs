//! Theme assets under `assets/`, named by content hash, and `content/static/`.
//!
//! A hashed name lets a host cache CSS and fonts forever while a new build is seen at
//! once. Stylesheets are rewritten to point at the hashed names of the files they
//! use, so a theme's CSS keeps writing `url(font.woff2)`.

use std::collections::BTreeMap;

use crate::sink::OutputFile;
use crate::theme::Theme;
use bayan_site::site::Site;
use bayan_text::error::Error;

pub struct Assets {
    /// Theme file name (`style.css`) → path under the output root.
    names: BTreeMap<String, String>,
    pub files: Vec<OutputFile>,
    base_path: String,
}

impl Assets {
    pub fn build(site: &Site, theme: &Theme) -> Result<Assets, Error> {
        let mut names = BTreeMap::new();
        let mut files = Vec::new();
        // Non-CSS first: stylesheets refer to them.
        let (css, other): (Vec<_>, Vec<_>) = theme
            .static_files
            .iter()
            .partition(|(p, _)| p.ends_with(".css"));
        for (path, bytes) in other {
            // Licences keep their names: people look for `OFL.txt`, not a hash.
            let name = if path.ends_with(".txt") {
                path.clone()
            } else {
                hashed(path, bytes)
            };
            let out = site.routes().asset(&name);
            names.insert(path.clone(), out.clone());
            files.push(OutputFile::new(out, bytes.clone()));
        }
        for (path, bytes) in css {
            let mut text = String::from_utf8_lossy(bytes).into_owned();
            for (from, to) in &names {
                let to = to.strip_prefix("assets/").unwrap_or(to);
                text = text.replace(&format!("url({from})"), &format!("url({to})"));
                text = text.replace(&format!("url(\"{from}\")"), &format!("url(\"{to}\")"));
            }
            let out = site.routes().asset(&hashed(path, text.as_bytes()));
            names.insert(path.clone(), out.clone());
            files.push(OutputFile::new(out, text.into_bytes()));
        }
        Ok(Assets {
            names,
            files,
            base_path: site.config.base.path.clone(),
        })
    }

    /// The root-relative link to a theme file; empty if the theme lacks it.
    pub fn href(&self, name: &str) -> String {
        self.names
            .get(name)
            .map(|p| format!("{}{p}", self.base_path))
            .unwrap_or_default()
    }
}

/// `fonts/x.woff2` → `fonts/x.1a2b3c4d5e.woff2`.
fn hashed(path: &str, bytes: &[u8]) -> String {
    let hash = blake3::hash(bytes).to_hex();
    let short = &hash.as_str()[..10];
    match path.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !stem.ends_with('/') => {
            format!("{stem}.{short}.{ext}")
        }
        _ => format!("{path}.{short}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_keep_folder_and_extension() {
        let h = hashed("fonts/a.woff2", b"x");
        assert!(
            h.starts_with("fonts/a.")
                && h.ends_with(".woff2")
                && h.len() == "fonts/a..woff2".len() + 10,
            "{h}"
        );
        assert_ne!(hashed("a.css", b"1"), hashed("a.css", b"2"));
    }
}
