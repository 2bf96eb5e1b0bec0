//! What templates see: a view of the model for one page in one language.
//!
//! Templates get strings ready to print (formatted dates, localized labels, links
//! carrying base_url's path, Markdown already rendered) and never the internal
//! structs, so a theme cannot depend on how the pipeline stores things (after
//! Zola's `SerializingPage`). Fields holding HTML end in `_html`; everything else is
//! plain text that Tera escapes.

pub mod legal;

use serde::Serialize;

use crate::theme::{I18n, Theme};
use bayan_site::model::{DataItem, Incident, Update};
use bayan_site::site::Site;
use bayan_site::text::Text;
use bayan_text::dates::{self, DateStyle, When};
use bayan_text::lang::Lang;

/// Everything that depends only on the language, shared by that language's pages.
pub struct LangCtx<'a> {
    pub lang: &'a Lang,
    pub i18n: &'a I18n,
    pub style: DateStyle,
    pub site: &'a Site,
    pub theme: &'a Theme,
    pub plurals: bayan_text::plural::Plurals,
}

impl<'a> LangCtx<'a> {
    pub fn new(site: &'a Site, theme: &'a Theme, lang: &'a Lang) -> Self {
        LangCtx {
            lang,
            i18n: theme.i18n(lang),
            style: theme.date_style(&site.config, lang),
            site,
            theme,
            plurals: bayan_text::plural::Plurals::new(lang.as_str()),
        }
    }

    /// A text's HTML in this page's language, borrowed from the model: a page's
    /// view holds no copy of what the record already holds.
    pub fn html(&self, t: &'a Text) -> &'a str {
        t.get(self.lang).html()
    }

    pub fn opt_html(&self, t: &'a Option<Text>) -> Option<&'a str> {
        t.as_ref().map(|t| self.html(t))
    }

    pub fn date(&self, w: When) -> DateView {
        let tz = &self.site.config.timezone;
        DateView {
            text: self.style.format(w, tz),
            iso: if w.has_time {
                dates::rfc3339(w)
            } else {
                dates::iso_day(w, tz)
            },
        }
    }

    fn label(map: &std::collections::BTreeMap<String, String>, key: &str) -> String {
        map.get(key).cloned().unwrap_or_else(|| key.to_owned())
    }

    pub fn status(&self, s: bayan_site::model::Status) -> Badge {
        Badge {
            key: s.key(),
            label: Self::label(&self.i18n.status, s.key()),
        }
    }

    pub fn severity(&self, s: bayan_site::model::Severity) -> Badge {
        Badge {
            key: s.key(),
            label: Self::label(&self.i18n.severity, s.key()),
        }
    }

    /// A language's name as this page's language writes it.
    pub fn language_name(&self, code: &str) -> String {
        self.i18n
            .languages
            .get(code)
            .cloned()
            .unwrap_or_else(|| code.to_owned())
    }

    /// Plain text for `<title>`, feeds and meta tags, as readers see it
    /// ([`bayan_text::bidi::shown`]), made once when the text was loaded.
    pub fn plain<'t>(&self, t: &'t Text) -> &'t str {
        t.get(self.lang).shown()
    }
}

#[derive(Serialize)]
pub struct DateView {
    /// As readers read it: `27 نوفمبر 2025`.
    pub text: String,
    /// For `<time datetime>`: a day, or an RFC 3339 instant in UTC.
    pub iso: String,
}

#[derive(Serialize)]
pub struct Badge {
    pub key: &'static str,
    pub label: String,
}

/// A link to this page in one of the site's languages.
#[derive(Serialize)]
pub struct Alternate {
    pub lang: String,
    pub dir: &'static str,
    /// The language's own name for itself: "العربية".
    pub name: String,
    pub href: String,
    pub abs: String,
    pub og_locale: String,
    pub current: bool,
}

#[derive(Serialize)]
pub struct PageMeta {
    pub kind: &'static str,
    /// For `<title>`: plain text.
    pub title: String,
    pub description: String,
    pub canonical: String,
    pub alternates: Vec<Alternate>,
    pub x_default: String,
    pub og_locale: String,
    pub og_type: &'static str,
    /// Root-relative links to the previous and next listing page.
    pub prev: Option<String>,
    pub next: Option<String>,
}

#[derive(Serialize)]
pub struct Pagination {
    /// "Page 2 of 200", in the page's digits.
    pub label: String,
    pub prev_href: Option<String>,
    pub next_href: Option<String>,
    pub first_href: Option<String>,
    pub last_href: Option<String>,
    /// The numbered links: the first and last pages and the two either side of
    /// this one, with a gap (`gap: true`) where pages are left out.
    pub numbers: Vec<PageNumber>,
}

/// One entry of the page numbers: a page, or a gap between shown pages.
#[derive(Serialize)]
pub struct PageNumber {
    /// The number in the page's digits; empty for a gap.
    pub number: String,
    /// "Page 3 of 6", for the link's accessible name.
    pub label: String,
    pub href: String,
    pub current: bool,
    pub gap: bool,
}

#[derive(Serialize)]
pub struct YearLink {
    pub year: String,
    pub href: String,
    pub count: String,
    pub current: bool,
}

#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: String,
    pub org_name: String,
    pub org_url: Option<String>,
    pub home_href: String,
    pub feed_href: String,
    pub feed_abs: String,
    pub json_href: String,
    /// The archives by data class and by vendor.
    pub data_href: String,
    pub vendors_href: String,
    pub css_href: String,
    pub favicon_href: String,
    /// The Arabic web font, preloaded on right-to-left pages.
    pub font_href: String,
    /// The organisation's logo from content/static, if site.yaml names one.
    pub logo_href: Option<String>,
    /// "If the versions differ, the Arabic version prevails", on the other versions.
    pub authoritative_note: Option<String>,
    pub verify_domains: Vec<String>,
    pub verify_note_html: Option<&'a str>,
    /// `latin` or `arabic-indic`: the digits bayan numbers with on this page, so
    /// the stylesheet can number ordered lists the same way.
    pub digits: &'static str,
    /// A preview build (`--drafts`): every page asks not to be indexed.
    pub preview: bool,
}

#[derive(Serialize)]
pub struct ListItem<'a> {
    pub id: String,
    pub href: String,
    pub title_html: &'a str,
    pub summary_html: &'a str,
    pub status: Badge,
    pub severity: Badge,
    pub open: bool,
    pub draft: bool,
    /// Published after the build's "now": only a preview builds it.
    pub scheduled: bool,
    pub published: DateView,
    pub last_updated: DateView,
    pub was_updated: bool,
}

#[derive(Serialize)]
pub struct DataItemView<'a> {
    pub id: String,
    pub label: String,
    /// The class's archive page: every advisory that names it.
    pub href: String,
    pub note_html: Option<&'a str>,
    /// For a special category of personal data: the words that say so.
    pub special: Option<String>,
}

#[derive(Serialize)]
pub struct VendorView<'a> {
    pub id: String,
    pub name: String,
    /// The vendor's archive page: every advisory that names it.
    pub archive_href: String,
    pub url: Option<String>,
    pub role_html: Option<&'a str>,
    pub status: Option<Badge>,
}

#[derive(Serialize)]
pub struct DatedView<'a> {
    pub at: Option<DateView>,
    pub text_html: &'a str,
}

#[derive(Serialize)]
pub struct UpdateView<'a> {
    /// The update's stable id on the page (`update-2025-11-27t0900z`).
    pub anchor: String,
    pub at: DateView,
    pub status: Option<Badge>,
    pub text_html: &'a str,
}

#[derive(Serialize)]
pub struct ContactView<'a> {
    pub email: String,
    /// The email as link text, with break points for narrow screens.
    pub email_html: String,
    pub phone: Option<String>,
    /// `tel:` form of the phone number, digits and `+` only.
    pub phone_uri: Option<String>,
    pub url: Option<String>,
    pub url_html: Option<String>,
    pub hours_html: Option<&'a str>,
}

#[derive(Serialize)]
pub struct ReferenceView<'a> {
    pub title_html: &'a str,
    pub url: String,
    pub hreflang: Option<String>,
    /// "in English", shown when the target is in another language than the page.
    pub lang_note: Option<String>,
}

/// Everything a listing shows of the advisory (flattened: templates read
/// `incident.title_html` as before), and the rest of the record.
#[derive(Serialize)]
pub struct IncidentView<'a> {
    #[serde(flatten)]
    pub item: ListItem<'a>,
    pub latest_update: Option<UpdateView<'a>>,
    pub affected_html: &'a str,
    pub not_affected_html: Option<&'a str>,
    pub affected_count: Option<String>,
    pub likely_consequences_html: Option<&'a str>,
    pub exposed: Vec<DataItemView<'a>>,
    pub possibly_exposed: Vec<DataItemView<'a>>,
    pub not_exposed: Vec<DataItemView<'a>>,
    pub vendors: Vec<VendorView<'a>>,
    pub timeline: Vec<DatedView<'a>>,
    pub actions: Vec<DatedView<'a>>,
    pub advice_html: Vec<&'a str>,
    pub updates: Vec<UpdateView<'a>>,
    #[serde(serialize_with = "arc_str")]
    pub body_html: std::sync::Arc<str>,
    pub contact: ContactView<'a>,
    pub references: Vec<ReferenceView<'a>>,
    pub json_href: String,
    /// What breach-notification laws ask for: `inc.legal.discovered`, ….
    pub legal: legal::LegalView,
    /// This advisory's own Atom feed.
    pub feed_href: String,
    /// The advisories this one names in `related:` and those that name it.
    pub related: Vec<RelatedView<'a>>,
    /// `continues:`: the advisory that first told of the breach this one
    /// follows up on.
    pub continues: Option<RelatedView<'a>>,
    /// The advisories whose `continues:` names this one, oldest first.
    pub follow_ups: Vec<RelatedView<'a>>,
    pub withdrawn: Option<WithdrawnView<'a>>,
    /// In a preview, the banner of a draft or scheduled advisory.
    pub preview_banner: Option<String>,
    /// Set when this language may lag behind another since `bayan translated`:
    /// the notice that the other version has newer changes.
    pub lag_note: Option<String>,
    /// What an empty "exposed" list reads: "still being determined" while the
    /// investigation runs, else "none listed".
    pub exposed_empty: String,
}

/// A related advisory, as a link with its status and date.
#[derive(Serialize)]
pub struct RelatedView<'a> {
    pub href: String,
    pub title_html: &'a str,
    pub status: Badge,
    pub published: DateView,
    pub withdrawn: bool,
}

#[derive(Serialize)]
pub struct WithdrawnView<'a> {
    pub at: DateView,
    pub text_html: &'a str,
}

impl<'a> LangCtx<'a> {
    /// Another advisory as a link with its status and date, in this language.
    fn related(&self, lang: &Lang, r: &'a Incident) -> RelatedView<'a> {
        RelatedView {
            href: self.site.incident(lang, &r.id).href,
            title_html: self.html(&r.title),
            status: self.status(r.status),
            published: self.date(r.published),
            withdrawn: r.withdrawn.is_some(),
        }
    }

    fn string(&self, key: &str) -> String {
        self.i18n.strings.get(key).cloned().unwrap_or_default()
    }

    fn number(&self, n: usize) -> String {
        dates::format_count(n as u64, self.site.config.digits(self.lang))
    }

    pub fn year_text(&self, year: i16) -> String {
        self.site.config.digits(self.lang).apply(&year.to_string())
    }

    pub fn page_label(&self, n: usize, total: usize) -> String {
        self.string("page_of")
            .replace("{n}", &self.number(n))
            .replace("{total}", &self.number(total))
    }

    pub fn open_count_text(&self, n: usize) -> String {
        self.counted("open_count", n)
    }

    /// Two parts of a page title, joined by the language's title separator (not
    /// `·` in Arabic, where it reads as the digit zero beside ٠-٩).
    pub fn title_join(&self, a: &str, b: &str) -> String {
        let sep = self
            .i18n
            .strings
            .get("title_separator")
            .map_or(" · ", String::as_str);
        format!("{a}{sep}{b}")
    }

    /// A counted string in this language's plural form for `n`.
    pub fn counted(&self, key: &str, n: usize) -> String {
        match self.i18n.plurals.get(key) {
            Some(forms) => self.plurals.format(forms, n as u64, &self.number(n)),
            None => self.number(n),
        }
    }

    /// The listing's page numbers.
    pub fn pagination(&self, n: usize, total: usize) -> Pagination {
        self.pagination_of(n, total, |k| self.site.listing_page(self.lang, k))
    }

    /// Page numbers of any paginated list, `page(k)` being its page `k`.
    pub fn pagination_of(
        &self,
        n: usize,
        total: usize,
        page: impl Fn(usize) -> bayan_site::site::Page,
    ) -> Pagination {
        let page = |k: usize| page(k).href;
        Pagination {
            label: self.page_label(n, total),
            prev_href: (n > 1).then(|| page(n - 1)),
            next_href: (n < total).then(|| page(n + 1)),
            first_href: (n > 2).then(|| page(1)),
            last_href: (n + 1 < total).then(|| page(total)),
            numbers: page_window(n, total)
                .into_iter()
                .map(|k| match k {
                    Some(k) => PageNumber {
                        number: self.number(k),
                        label: self.page_label(k, total),
                        href: page(k),
                        current: k == n,
                        gap: false,
                    },
                    None => PageNumber {
                        number: String::new(),
                        label: String::new(),
                        href: String::new(),
                        current: false,
                        gap: true,
                    },
                })
                .collect(),
        }
    }

    pub fn years(&self, current: Option<i16>) -> Vec<YearLink> {
        self.site
            .years
            .iter()
            .map(|(y, list)| YearLink {
                year: self.year_text(*y),
                href: self.site.archive(self.lang, *y).href,
                count: self.number(list.len()),
                current: current == Some(*y),
            })
            .collect()
    }

    pub fn list_item(&self, inc: &'a Incident) -> ListItem<'a> {
        ListItem {
            id: inc.id.to_string(),
            href: self.site.incident(self.lang, &inc.id).href,
            title_html: self.html(&inc.title),
            summary_html: self.html(&inc.summary),
            status: self.status(inc.status),
            severity: self.severity(inc.severity),
            open: inc.status != bayan_site::model::Status::Resolved && inc.withdrawn.is_none(),
            draft: inc.draft,
            scheduled: inc.scheduled,
            published: self.date(inc.published),
            last_updated: self.date(inc.last_updated),
            was_updated: inc.last_updated.ts != inc.published.ts,
        }
    }

    fn items(&self, items: &'a [DataItem]) -> Vec<DataItemView<'a>> {
        items
            .iter()
            .map(|d| DataItemView {
                id: d.id.clone(),
                label: d.label.get(self.lang).plain(),
                href: self.site.routes().data_class(self.lang, &d.id).href,
                note_html: self.opt_html(&d.note),
                special: d.special.then(|| self.string("special_category")),
            })
            .collect()
    }

    fn update(&self, u: &'a Update) -> UpdateView<'a> {
        UpdateView {
            anchor: self
                .site
                .routes()
                .update_anchor(u.at, &self.site.config.timezone),
            at: self.date(u.at),
            status: u.status.map(|s| self.status(s)),
            text_html: self.html(&u.text),
        }
    }

    /// `inc` as its page shows it, with its body as HTML (made by the caller,
    /// once for the page and its feeds).
    pub fn incident(&self, inc: &'a Incident, body_html: std::sync::Arc<str>) -> IncidentView<'a> {
        let lang = self.lang;
        let digits = self.site.config.digits(lang);
        let affected_count = inc.affected_count.map(|c| {
            let n = dates::format_count(c.value, digits);
            self.i18n
                .count
                .get(c.qualifier.key())
                .map_or(n.clone(), |p| p.replace("{count}", &n))
        });
        let contact = &inc.contact;
        IncidentView {
            item: self.list_item(inc),
            latest_update: inc.updates.first().map(|u| self.update(u)),
            affected_html: self.html(&inc.affected),
            not_affected_html: self.opt_html(&inc.not_affected),
            affected_count,
            likely_consequences_html: self.opt_html(&inc.likely_consequences),
            exposed: self.items(&inc.data.exposed),
            possibly_exposed: self.items(&inc.data.possibly_exposed),
            not_exposed: self.items(&inc.data.not_exposed),
            vendors: inc
                .vendors
                .iter()
                .map(|v| VendorView {
                    id: v.id.clone(),
                    name: v.name.get(lang).plain(),
                    archive_href: self.site.routes().vendor(lang, &v.id).href,
                    url: v.url.clone(),
                    role_html: self.opt_html(&v.role),
                    status: v.status.map(|s| Badge {
                        key: s.key(),
                        label: Self::label(&self.i18n.vendor_status, s.key()),
                    }),
                })
                .collect(),
            timeline: inc
                .timeline
                .iter()
                .map(|d| DatedView {
                    at: d.at.map(|w| self.date(w)),
                    text_html: self.html(&d.text),
                })
                .collect(),
            actions: inc
                .actions
                .iter()
                .map(|d| DatedView {
                    at: d.at.map(|w| self.date(w)),
                    text_html: self.html(&d.text),
                })
                .collect(),
            advice_html: inc.advice.iter().map(|a| self.html(a)).collect(),
            updates: inc.updates.iter().map(|u| self.update(u)).collect(),
            body_html,
            contact: ContactView {
                email: contact.email.clone(),
                email_html: bayan_text::markdown::breakable_html(&contact.email),
                phone: contact.phone.clone(),
                phone_uri: contact.phone.as_deref().map(tel_uri),
                url: contact.url.clone(),
                url_html: contact
                    .url
                    .as_deref()
                    .map(bayan_text::markdown::breakable_html),
                hours_html: self.opt_html(&contact.hours),
            },
            references: inc
                .references
                .iter()
                .map(|r| ReferenceView {
                    title_html: self.html(&r.title),
                    url: r.url.clone(),
                    hreflang: r.lang.as_ref().map(|l| l.to_string()),
                    lang_note: r.lang.as_ref().filter(|l| *l != lang).map(|l| {
                        self.i18n.strings.get("reference_in").map_or_else(
                            || l.to_string(),
                            |p| p.replace("{language}", &self.language_name(l.as_str())),
                        )
                    }),
                })
                .collect(),
            json_href: self
                .site
                .file_href(&self.site.routes().incident_json(&inc.id)),
            legal: legal::legal(self, inc),
            feed_href: self
                .site
                .file_href(&self.site.routes().incident_feed(lang, &inc.id)),
            related: self
                .site
                .related_to(inc)
                .into_iter()
                .map(|r| self.related(lang, r))
                .collect(),
            continues: inc
                .continues
                .as_ref()
                .and_then(|n| self.site.get(&n.id))
                .map(|r| self.related(lang, r)),
            follow_ups: self
                .site
                .follow_ups(inc)
                .into_iter()
                .map(|r| self.related(lang, r))
                .collect(),
            withdrawn: inc.withdrawn.as_ref().map(|w| WithdrawnView {
                at: self.date(w.at),
                text_html: self.html(&w.text),
            }),
            preview_banner: if inc.draft {
                Some(self.string("preview_draft"))
            } else if inc.scheduled {
                Some(
                    self.string("preview_scheduled")
                        .replace("{date}", &self.date(inc.published).text),
                )
            } else {
                None
            },
            lag_note: inc.lag.get(lang).map(|e| {
                // The authoritative version when it is among those ahead.
                let ahead = self
                    .site
                    .config
                    .authoritative
                    .as_ref()
                    .filter(|a| e.ahead.contains(*a))
                    .or_else(|| e.ahead.first());
                let name = ahead.map_or_else(String::new, |a| self.language_name(a.as_str()));
                self.string("translation_lag").replace("{language}", &name)
            }),
            exposed_empty: self.string(if inc.exposure_pending() {
                "being_determined"
            } else {
                "none_listed"
            }),
        }
    }
}

/// `tel:` form of a phone number as written: `8001-NAHDA (8001-62432)` dials the
/// vanity part through the keypad, `+966 800 123 4567` keeps its digits.
pub fn tel_uri(phone: &str) -> String {
    let main = phone
        .split('(')
        .next()
        .filter(|s| s.chars().any(|c| c.is_ascii_alphanumeric()))
        .unwrap_or(phone);
    let dial: String = main
        .chars()
        .filter_map(|c| match c.to_ascii_uppercase() {
            d @ ('0'..='9' | '+') => Some(d),
            'A'..='C' => Some('2'),
            'D'..='F' => Some('3'),
            'G'..='I' => Some('4'),
            'J'..='L' => Some('5'),
            'M'..='O' => Some('6'),
            'P'..='S' => Some('7'),
            'T'..='V' => Some('8'),
            'W'..='Z' => Some('9'),
            _ => None,
        })
        .collect();
    format!("tel:{dial}")
}

/// An `Arc<str>` as the string it holds (serde's `rc` feature would serialize
/// every `Arc` this way, for the whole build).
fn arc_str<S: serde::Serializer>(s: &std::sync::Arc<str>, ser: S) -> Result<S::Ok, S::Error> {
    ser.serialize_str(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vanity_phone_numbers_dial_their_letters() {
        assert_eq!(tel_uri("8001-NAHDA (8001-62432)"), "tel:800162432");
        assert_eq!(tel_uri("+966 800 123 4567"), "tel:+9668001234567");
    }
}

/// The pages a pagination numbers: the first, the last and two either side of
/// page `n`; `None` marks a gap. A gap of one page shows that page instead.
pub fn page_window(n: usize, total: usize) -> Vec<Option<usize>> {
    let shown = |k: usize| k == 1 || k == total || k.abs_diff(n) <= 2;
    let mut out = Vec::new();
    let mut k = 1;
    while k <= total {
        if shown(k) || (k > 1 && k < total && shown(k - 1) && shown(k + 1)) {
            out.push(Some(k));
            k += 1;
        } else {
            out.push(None);
            while k <= total && !shown(k) {
                k += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod page_window_tests {
    use super::page_window;

    fn shown(n: usize, total: usize) -> String {
        page_window(n, total)
            .iter()
            .map(|k| k.map_or("…".to_owned(), |k| k.to_string()))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn first_last_and_neighbours_with_gaps() {
        assert_eq!(shown(1, 1), "1");
        assert_eq!(shown(1, 6), "1 2 3 … 6");
        assert_eq!(shown(6, 6), "1 … 4 5 6");
        assert_eq!(shown(4, 6), "1 2 3 4 5 6");
        assert_eq!(shown(10, 200), "1 … 8 9 10 11 12 … 200");
        // A gap of a single page is that page.
        assert_eq!(shown(1, 5), "1 2 3 4 5");
    }
}
