//! Where every output lives: the one place output paths and URLs are spelled.
//!
//! Each route gives the file's path under the output root; a page's route gives
//! a [`Page`] with its root-relative link (carrying base_url's path) and its
//! absolute URL too, and [`Routes::href`]/[`Routes::abs`] give those of any file. Render, JSON, feeds, the
//! sitemap and the well-known files all ask here; nothing else joins a language,
//! an incident id and a folder name into a path.

use crate::base_url::{BaseUrl, UrlStyle};
use crate::lang::Lang;

/// CSAF's filename rule (section 5.1): the tracking id in lower case, every run
/// of characters other than `a-z`, `0-9`, `+` and `-` made one `_`.
pub fn csaf_file_stem(tracking_id: &str) -> String {
    let mut out = String::with_capacity(tracking_id.len());
    for c in tracking_id.to_lowercase().chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '+' || c == '-' {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out
}

/// Where a page is written and how it is reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Path under the output root: `ar/incidents/x/index.html`.
    pub file: String,
    /// Root-relative link carrying base_url's path: `/advisories/ar/incidents/x/`.
    pub href: String,
    /// Absolute URL, for canonical links, feeds and the sitemap.
    pub abs: String,
}

/// The site's address scheme: its base URL and URL style.
#[derive(Debug, Clone, Copy)]
pub struct Routes<'a> {
    base: &'a BaseUrl,
    style: UrlStyle,
}

impl<'a> Routes<'a> {
    pub fn new(base: &'a BaseUrl, style: UrlStyle) -> Self {
        Routes { base, style }
    }

    /// The root `index.html`.
    pub fn home(&self) -> Page {
        self.page("")
    }

    /// A language's listing (its first listing page).
    pub fn listing(&self, lang: &Lang) -> Page {
        self.page(&format!("{lang}/"))
    }

    /// Listing page `n` (1-based): page 1 is the language's listing itself.
    pub fn listing_page(&self, lang: &Lang, n: usize) -> Page {
        self.nth(&format!("{lang}/"), n)
    }

    /// Page `n` (1-based) of a list whose first page is the folder `dir`: `dir`
    /// itself, then `dir/page/N/`. Every long list is paginated this way (the
    /// listing, each year, each data class and vendor), so no page grows with
    /// the archive.
    fn nth(&self, dir: &str, n: usize) -> Page {
        if n <= 1 {
            self.page(dir)
        } else {
            self.page(&format!("{dir}page/{n}/"))
        }
    }

    /// Page `n` of one year's archive: page 1 is [`Routes::archive`].
    pub fn archive_page(&self, lang: &Lang, year: i16, n: usize) -> Page {
        self.nth(&format!("{lang}/archive/{year}/"), n)
    }

    /// Page `n` of one data class's advisories: page 1 is [`Routes::data_class`].
    pub fn data_class_page(&self, lang: &Lang, class: &str, n: usize) -> Page {
        self.nth(&format!("{lang}/data/{class}/"), n)
    }

    /// Page `n` of one vendor's advisories: page 1 is [`Routes::vendor`].
    pub fn vendor_page(&self, lang: &Lang, vendor: &str, n: usize) -> Page {
        self.nth(&format!("{lang}/vendors/{vendor}/"), n)
    }

    /// `{lang}/page/1/`: not a listing page of its own, a redirect to the
    /// language's listing, for anyone who types or counts the address.
    pub fn listing_page_one(&self, lang: &Lang) -> String {
        format!("{lang}/page/1/index.html")
    }

    /// The advisories not yet resolved, which the listing's "N open advisories"
    /// links to.
    pub fn open(&self, lang: &Lang) -> Page {
        self.open_page(lang, 1)
    }

    /// Page `n` of the advisories not yet resolved: page 1 is [`Routes::open`].
    pub fn open_page(&self, lang: &Lang, n: usize) -> Page {
        self.nth(&format!("{lang}/open/"), n)
    }

    /// The archive of one year's advisories.
    pub fn archive(&self, lang: &Lang, year: i16) -> Page {
        self.archive_page(lang, year, 1)
    }

    /// One advisory's page in one language.
    pub fn incident(&self, lang: &Lang, id: &str) -> Page {
        self.page(&self.incident_dir(lang, id))
    }

    /// An advisory's short address for SMS (`notice.sms_link: short`), a redirect
    /// page: `a/ID/` to the default language's page, `a/ID/LANG/` to another's.
    pub fn short(&self, lang: &Lang, default: &Lang, id: &str) -> Page {
        if lang == default {
            self.page(&format!("a/{id}/"))
        } else {
            self.page(&format!("a/{id}/{lang}/"))
        }
    }

    /// The folder of an advisory's page, where its attachments sit too:
    /// `ar/incidents/x/`.
    pub fn incident_dir(&self, lang: &Lang, id: &str) -> String {
        format!("{lang}/incidents/{id}/")
    }

    /// An attachment of an advisory, beside its page.
    pub fn attachment(&self, lang: &Lang, id: &str, name: &str) -> String {
        format!("{}{name}", self.incident_dir(lang, id))
    }

    /// The root-relative link attachments in a body are resolved against.
    pub fn attachment_base(&self, lang: &Lang, id: &str) -> String {
        self.href(&self.incident_dir(lang, id))
    }

    /// The stable fragment id of one entry of `updates[]` on the advisory page,
    /// from its `at`: in UTC, `update-2025-11-27t0900z`, or for a date without a
    /// time the day in the site's zone, `update-2025-11-27`. Feeds link to it; links between advisories may
    /// name it. Two updates at the same `at` are an error (the link phase), so it
    /// is unique on its page.
    #[allow(
        dead_code,
        reason = "spelled ahead of the per-update feed entries that will link to it"
    )]
    pub fn update_anchor(&self, at: crate::dates::When, tz: &jiff::tz::TimeZone) -> String {
        if at.has_time {
            at.ts.strftime("update-%Y-%m-%dt%H%Mz").to_string()
        } else {
            format!("update-{}", crate::dates::iso_day(at, tz))
        }
    }

    /// One advisory's own Atom feed, beside its page, for readers who follow one
    /// incident.
    pub fn incident_feed(&self, lang: &Lang, id: &str) -> String {
        format!("{}feed.xml", self.incident_dir(lang, id))
    }

    /// The archive of every data class any advisory names.
    pub fn data_classes(&self, lang: &Lang) -> Page {
        self.page(&format!("{lang}/data/"))
    }

    /// The advisories that name one data class.
    pub fn data_class(&self, lang: &Lang, class: &str) -> Page {
        self.data_class_page(lang, class, 1)
    }

    /// The archive of every vendor any advisory names.
    pub fn vendors(&self, lang: &Lang) -> Page {
        self.page(&format!("{lang}/vendors/"))
    }

    /// The advisories that name one vendor, by its id.
    pub fn vendor(&self, lang: &Lang, vendor: &str) -> Page {
        self.vendor_page(lang, vendor, 1)
    }

    /// One advisory's JSON record.
    pub fn incident_json(&self, id: &str) -> String {
        format!("incidents/{id}.json")
    }

    /// The JSON index of every advisory.
    pub fn index_json(&self) -> &'static str {
        "incidents.json"
    }

    /// The JSON Schema of the YAML format.
    pub fn schema(&self) -> &'static str {
        "schema/incident.schema.json"
    }

    /// The JSON Schema of the JSON records and their index.
    pub fn record_schema(&self) -> &'static str {
        "schema/record.schema.json"
    }

    /// A language's Atom feed.
    pub fn feed(&self, lang: &Lang) -> String {
        format!("{lang}/feed.xml")
    }

    /// The sitemap, or the sitemap index when there are several.
    pub fn sitemap(&self) -> &'static str {
        "sitemap.xml"
    }

    /// The `n`th (1-based) sitemap under a sitemap index.
    pub fn sitemap_part(&self, n: usize) -> String {
        format!("sitemap-{n}.xml")
    }

    /// The 404 page.
    pub fn not_found(&self) -> &'static str {
        "404.html"
    }

    pub fn robots(&self) -> &'static str {
        "robots.txt"
    }

    pub fn nojekyll(&self) -> &'static str {
        ".nojekyll"
    }

    pub fn security_txt(&self) -> &'static str {
        ".well-known/security.txt"
    }

    /// The folder of the CSAF 2.0 directory-based distribution.
    pub fn csaf_dir(&self) -> &'static str {
        ".well-known/csaf/"
    }

    /// The CSAF provider metadata, where CSAF's requirement 9 puts it.
    pub fn csaf_provider_metadata(&self) -> String {
        format!("{}provider-metadata.json", self.csaf_dir())
    }

    /// Every CSAF document's path under the distribution folder, one per line.
    pub fn csaf_index_txt(&self) -> String {
        format!("{}index.txt", self.csaf_dir())
    }

    /// Every CSAF document's path and current release date, newest first.
    pub fn csaf_changes_csv(&self) -> String {
        format!("{}changes.csv", self.csaf_dir())
    }

    /// A CSAF document (or its `.sha256`/`.sha512`) by its path under the
    /// distribution folder ([`Routes::csaf_entry`]).
    pub fn csaf_file(&self, entry: &str) -> String {
        format!("{}{entry}", self.csaf_dir())
    }

    /// A CSAF document's path under the distribution folder, as index.txt and
    /// changes.csv give it: `2025/2025-11-x.json`, the year being its initial
    /// release's (in UTC) and the name CSAF's filename rule applied to its
    /// tracking id (section 5.1).
    pub fn csaf_entry(&self, year: i16, tracking_id: &str) -> String {
        format!("{year}/{}.json", csaf_file_stem(tracking_id))
    }

    /// The listing of one year's folder (static hosts list no folders).
    pub fn csaf_year_index(&self, year: i16) -> String {
        format!("{}{year}/index.html", self.csaf_dir())
    }

    /// Whether the site is served from the root of its host over https, where
    /// `.well-known/` is the host's own: only then can bayan be a CSAF provider
    /// (requirements 7 to 9), and security.txt point to the provider metadata.
    pub fn at_https_host_root(&self) -> bool {
        self.base.path == "/" && self.base.absolute.starts_with("https://")
    }

    /// A theme asset, by its (hashed) name under `assets/`.
    pub fn asset(&self, name: &str) -> String {
        format!("assets/{name}")
    }

    /// A file that is not a page, by its path under the root: its root-relative link.
    pub fn href(&self, path: &str) -> String {
        self.base.link(path)
    }

    /// A file that is not a page: its absolute URL.
    pub fn abs(&self, path: &str) -> String {
        self.base.abs(path)
    }

    /// A page by its folder: `index.html` in it, linked as the folder or the file
    /// as url_style says.
    fn page(&self, dir: &str) -> Page {
        let file = format!("{dir}index.html");
        let rel = match self.style {
            UrlStyle::Directory => dir.to_owned(),
            UrlStyle::File => file.clone(),
        };
        Page {
            href: self.base.link(&rel),
            abs: self.base.abs(&rel),
            file,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn update_anchors_are_the_utc_minute_or_the_zone_day() {
        let riyadh = jiff::tz::TimeZone::get("Asia/Riyadh").unwrap();
        let base = BaseUrl::parse("https://example.org/").unwrap();
        let r = Routes::new(&base, UrlStyle::Directory);
        let timed = crate::dates::parse("2025-11-27T12:30:00+03:00", &riyadh).unwrap();
        assert_eq!(r.update_anchor(timed, &riyadh), "update-2025-11-27t0930z");
        // Midnight in Riyadh is the evening before in UTC: the day is Riyadh's.
        let day = crate::dates::parse("2025-11-27", &riyadh).unwrap();
        assert_eq!(r.update_anchor(day, &riyadh), "update-2025-11-27");
    }

    /// The examples of CSAF 2.0 section 5.1.
    #[test]
    fn csaf_file_names_follow_the_standard_rule() {
        assert_eq!(
            csaf_file_stem("cisco-sa-20190513-secureboot"),
            "cisco-sa-20190513-secureboot"
        );
        assert_eq!(
            csaf_file_stem("Example Company - 2019-YH3234"),
            "example_company_-_2019-yh3234"
        );
        assert_eq!(csaf_file_stem("RHBA-2019:0024"), "rhba-2019_0024");
        assert_eq!(csaf_file_stem("2022_#01-A"), "2022_01-a");
        let base = BaseUrl::parse("https://example.org/").unwrap();
        let r = Routes::new(&base, UrlStyle::File);
        assert_eq!(r.csaf_entry(2025, "2025-11-x-en"), "2025/2025-11-x-en.json");
        assert!(r.at_https_host_root());
        let sub = BaseUrl::parse("https://example.org/advisories/").unwrap();
        assert!(!Routes::new(&sub, UrlStyle::Directory).at_https_host_root());
        let plain = BaseUrl::parse("http://example.org/").unwrap();
        assert!(!Routes::new(&plain, UrlStyle::Directory).at_https_host_root());
    }
}
