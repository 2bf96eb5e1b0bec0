//! The site's address (`base_url`), checked as typed and as parsed, and the URL
//! style its links take: what every route is built on.

use serde::Deserialize;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UrlStyle {
    /// `…/slug/`: for hosts that serve `index.html` for a directory.
    #[default]
    Directory,
    /// `…/slug/index.html`: for S3 REST origins and hosts that do not.
    File,
}

/// The site's address: absolute for canonical URLs and feeds, and its path, which
/// every root-relative link carries (`/advisories/ar/…`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// Scheme, host and path, ending in `/`.
    pub absolute: String,
    /// The path alone, starting and ending in `/`.
    pub path: String,
}

/// A problem of `base_url`'s path as typed: the character it starts at (counted
/// from 1 in the value) and what is wrong. URL parsers quietly turn `\\` into `/`,
/// drop tabs and resolve `.` and `..`, so a path typed with them can come out as
/// `//evil.example/`, which every root-relative link would then carry to another
/// host. Such a path is refused as typed, before any parser has a say.
pub fn base_path_problem(s: &str) -> Option<(usize, String)> {
    let at = |byte: usize| s[..byte].chars().count() + 1;
    if let Some((i, c)) = s
        .char_indices()
        .find(|&(_, c)| c.is_ascii_control() || c.is_whitespace())
    {
        return Some((
            at(i),
            format!(
                "holds {} at character {}: an address has no spaces or control characters",
                crate::spoof::describe(c),
                at(i)
            ),
        ));
    }
    if let Some(i) = s.find('\\') {
        return Some((
            at(i),
            format!(
                "holds a backslash at character {}, which browsers read as `/`: write the path with `/` only",
                at(i)
            ),
        ));
    }
    // The path: after `scheme://authority`, up to a query or fragment.
    let after_scheme = s.find("://").map_or(0, |i| i + 3);
    let path_start = s[after_scheme..]
        .find(['/', '?', '#'])
        .map_or(s.len(), |i| after_scheme + i);
    let path_end = s[path_start..]
        .find(['?', '#'])
        .map_or(s.len(), |i| path_start + i);
    let path = &s[path_start..path_end];
    let mut offset = path_start;
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    for (n, seg) in segments.iter().enumerate() {
        offset += 1; // the `/` before the segment
        let last = n + 1 == segments.len();
        let decoded = seg.to_ascii_lowercase().replace("%2e", ".");
        if seg.is_empty() && !last {
            return Some((
                at(offset),
                format!(
                    "has an empty path segment (`//`) at character {}: browsers read a link starting `//` as another host; remove the extra `/`",
                    at(offset)
                ),
            ));
        }
        if decoded == "." || decoded == ".." {
            return Some((
                at(offset),
                format!(
                    "has the path segment `{seg}` at character {}, which browsers resolve away (it could lead elsewhere): write the path as it is served",
                    at(offset)
                ),
            ));
        }
        let lower = seg.to_ascii_lowercase();
        if let Some(i) = lower.find("%5c").or_else(|| lower.find("%2f")) {
            return Some((
                at(offset + i),
                format!(
                    "has an encoded `/` or `\\` (`{}`) at character {}: write the path with plain `/` only",
                    &seg[i..i + 3],
                    at(offset + i)
                ),
            ));
        }
        offset += seg.len();
    }
    None
}

impl BaseUrl {
    pub fn parse(s: &str) -> Result<BaseUrl, String> {
        let s = s.trim();
        if let Some((_, c)) = crate::spoof::first_hidden(s) {
            return Err(format!(
                "`{s}` contains {}, which would hide what the address says",
                crate::spoof::describe(c)
            ));
        }
        if let Some((_, why)) = base_path_problem(s) {
            return Err(format!("`{s}` {why}"));
        }
        let u = url::Url::parse(s).map_err(|e| format!("`{s}` is not a valid URL: {e}"))?;
        if !matches!(u.scheme(), "http" | "https") {
            return Err(format!("`{s}` must start with https:// (or http://)"));
        }
        if u.host_str().is_none_or(str::is_empty) {
            return Err(format!("`{s}` has no host name"));
        }
        if let Some(url::Host::Domain(d)) = u.host() {
            crate::spoof::check_host(d).map_err(|why| format!("`{s}`: {why}"))?;
        }
        if u.query().is_some() || u.fragment().is_some() {
            return Err(format!(
                "`{s}` must not have a query (`?`) or fragment (`#`)"
            ));
        }
        if !u.username().is_empty() || u.password().is_some() {
            return Err(format!("`{s}` must not carry a user name or password"));
        }
        let mut path = u.path().to_owned();
        if !path.ends_with('/') {
            path.push('/');
        }
        // Whatever the parser made of it, a link must never start `//` (another host).
        if !path.starts_with('/') || path.contains("//") || path.contains('\\') {
            return Err(format!(
                "`{s}` has a path (`{path}`) that would make links lead to another host"
            ));
        }
        let origin = u.origin().ascii_serialization();
        Ok(BaseUrl {
            absolute: format!("{origin}{path}"),
            path,
        })
    }

    /// `rel` (no leading `/`) as a root-relative link under the base path.
    pub fn link(&self, rel: &str) -> String {
        format!("{}{rel}", self.path)
    }

    /// `rel` as an absolute URL.
    pub fn abs(&self, rel: &str) -> String {
        format!("{}{rel}", self.absolute)
    }
}
