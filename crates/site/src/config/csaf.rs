//! `csaf:` in site.yaml: the settings of the CSAF 2.0 copies (`render::csaf`), all
//! optional, each bad value an error at its line and column.

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::text::{Checker, pos_of};
use bayan_text::base_url::BaseUrl;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCsaf {
    tlp: Option<Spanned<String>>,
    publisher_category: Option<Spanned<String>>,
    namespace: Option<Spanned<String>>,
}

/// The Traffic Light Protocol label every document carries (CSAF 2.0 knows the
/// four labels of TLP 1.0).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Tlp {
    #[default]
    White,
    Green,
    Amber,
    Red,
}

impl Tlp {
    const ALL: [(Tlp, &'static str); 4] = [
        (Tlp::White, "WHITE"),
        (Tlp::Green, "GREEN"),
        (Tlp::Amber, "AMBER"),
        (Tlp::Red, "RED"),
    ];

    pub fn label(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(t, _)| *t == self)
            .map_or("WHITE", |(_, l)| l)
    }
}

/// `/document/publisher/category` values a site may choose. `translator` is not
/// among them: bayan's originals are not translations (CSAF then requires
/// `source_lang`, which only the translated copies carry).
const CATEGORIES: &[&str] = &["coordinator", "discoverer", "other", "user", "vendor"];

/// The checked `csaf:` settings, defaults filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Csaf {
    pub tlp: Tlp,
    pub publisher_category: &'static str,
    /// `csaf.namespace` as given; see [`Csaf::namespace`].
    pub namespace: Option<String>,
}

impl Default for Csaf {
    fn default() -> Self {
        Csaf {
            tlp: Tlp::White,
            publisher_category: "vendor",
            namespace: None,
        }
    }
}

impl Csaf {
    /// `/document/publisher/namespace`: `csaf.namespace`, else base_url's host
    /// root (`https://advisories.example.com/` for `https://advisories.example.com/x/`),
    /// so a `--base-url` preview gets its own.
    pub fn namespace(&self, base: &BaseUrl) -> String {
        self.namespace.clone().unwrap_or_else(|| host_root(base))
    }
}

/// Scheme and host of the base URL, with `/`: the namespace bayan defaults to.
pub fn host_root(base: &BaseUrl) -> String {
    let path_len = base.path.len();
    let abs = &base.absolute;
    format!("{}/", &abs[..abs.len().saturating_sub(path_len)])
}

pub(super) fn check(c: &mut Checker, raw: Option<&RawCsaf>) -> Csaf {
    let mut out = Csaf::default();
    let Some(raw) = raw else {
        return out;
    };
    if let Some(t) = &raw.tlp {
        let given = t.value.trim();
        match Tlp::ALL
            .iter()
            .find(|(_, l)| l.eq_ignore_ascii_case(given))
        {
            Some((tlp, _)) => out.tlp = *tlp,
            None if given.eq_ignore_ascii_case("clear") => c.error_suggest(
                "csaf.tlp",
                pos_of(t),
                "`CLEAR` is TLP 2.0's name; CSAF 2.0 documents carry TLP 1.0 labels, where the same meaning is `WHITE`",
                Some("WHITE".into()),
            ),
            None => c.error_suggest(
                "csaf.tlp",
                pos_of(t),
                format!("`{given}` is not a TLP label; write one of WHITE, GREEN, AMBER, RED"),
                bayan_text::diag::nearest(&given.to_ascii_uppercase(), Tlp::ALL.map(|(_, l)| l)),
            ),
        }
    }
    if let Some(p) = &raw.publisher_category {
        let given = p.value.trim();
        match CATEGORIES.iter().find(|k| **k == given) {
            Some(k) => out.publisher_category = k,
            None if given == "translator" => c.error(
                "csaf.publisher_category",
                pos_of(p),
                "`translator` is for a party that translates others' documents; bayan marks its own translations itself (`source_lang`), so choose the category of your organisation: coordinator, discoverer, other, user or vendor",
            ),
            None => c.error_suggest(
                "csaf.publisher_category",
                pos_of(p),
                format!(
                    "`{given}` is not a CSAF publisher category; write one of {}",
                    CATEGORIES.join(", ")
                ),
                bayan_text::diag::nearest(given, CATEGORIES.iter().copied()),
            ),
        }
    }
    if let Some(n) = &raw.namespace
        && let Some(url) = c.url(n, "csaf.namespace")
    {
        if url.starts_with("http://") || url.starts_with("https://") {
            out.namespace = Some(url);
        } else {
            c.error(
                "csaf.namespace",
                pos_of(n),
                format!(
                    "`{url}` must be a web address (https://…) naming your organisation, such as its home page"
                ),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_namespace_is_the_host_root_of_base_url() {
        let b = BaseUrl::parse("https://nahda.github.io/advisories/").unwrap();
        assert_eq!(host_root(&b), "https://nahda.github.io/");
        let b = BaseUrl::parse("https://advisories.example.com").unwrap();
        assert_eq!(host_root(&b), "https://advisories.example.com/");
        assert_eq!(
            Csaf::default().namespace(&b),
            "https://advisories.example.com/"
        );
        assert_eq!(Csaf::default().tlp.label(), "WHITE");
    }
}
