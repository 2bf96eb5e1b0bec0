//! What the notice templates see: one [`Part`] per language, every value ready in
//! both forms ([`Both`]: plain text for `notice.txt`, mail HTML for
//! `notice.html`), so the two parts of a message say the same thing.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::view::{LangCtx, tel_uri};
use bayan_site::model::{DataItem, Incident, Status};
use bayan_text::lang::{Direction, Lang};

use super::inline::{self, Both};

/// Right-to-left text needs fonts that every mail client has: no web font can be
/// loaded, so the theme's Arabic face gives way to the systems' own.
const RTL_FONTS: &str = "Tahoma,'Segoe UI','Geeza Pro','Noto Sans Arabic','Noto Naskh Arabic','Arabic Typesetting',Arial,sans-serif";
const LTR_FONTS: &str =
    "-apple-system,'Segoe UI',Roboto,'Noto Sans','Helvetica Neue',Arial,sans-serif";

#[derive(Serialize)]
pub(super) struct Item {
    pub(super) label: Both,
    pub(super) note: Option<Both>,
}

#[derive(Serialize)]
pub(super) struct Group {
    pub(super) title: Both,
    pub(super) items: Vec<Item>,
    /// Shown when `items` is empty: "None listed", or while the investigation
    /// runs, "still being determined" (never "none").
    pub(super) empty: Both,
}

#[derive(Serialize)]
pub(super) struct VendorItem {
    pub(super) name: Both,
    pub(super) role: Option<Both>,
    pub(super) status: Option<Both>,
}

#[derive(Serialize)]
pub(super) struct Dated {
    pub(super) at: Option<Both>,
    pub(super) text: Both,
}

/// An item of a numbered list, numbered in the language's digits.
#[derive(Serialize)]
pub(super) struct Numbered {
    pub(super) n: String,
    pub(super) text: Both,
}

#[derive(Serialize)]
pub(super) struct Contact {
    pub(super) email: Both,
    pub(super) phone: Option<Both>,
    pub(super) url: Option<Both>,
    pub(super) hours: Option<Both>,
}

/// One language's notice.
#[derive(Serialize)]
pub(super) struct Part {
    pub(super) lang: String,
    pub(super) dir: &'static str,
    /// Physical sides for this direction: mail clients ignore logical properties.
    pub(super) start: &'static str,
    pub(super) end: &'static str,
    pub(super) font: &'static str,
    /// The theme's interface strings in this language, as plain text.
    pub(super) s: BTreeMap<String, String>,
    pub(super) org: Both,
    pub(super) title: Both,
    pub(super) subject: String,
    pub(super) status: Both,
    pub(super) severity: Both,
    pub(super) published: Both,
    pub(super) updated: Option<Both>,
    pub(super) summary: Both,
    pub(super) latest_update: Option<Dated>,
    /// The advisory's page, written out in full and linked to itself.
    pub(super) url: Both,
    pub(super) url_text: String,
    pub(super) affected: Both,
    pub(super) affected_count: Option<Both>,
    pub(super) not_affected: Option<Both>,
    pub(super) likely_consequences: Option<Both>,
    pub(super) groups: Vec<Group>,
    pub(super) vendors: Vec<VendorItem>,
    pub(super) actions: Vec<Dated>,
    pub(super) advice: Vec<Numbered>,
    pub(super) contact: Contact,
    pub(super) verify_note: Both,
    pub(super) verify_domains: Vec<Both>,
    pub(super) authoritative_note: Option<Both>,
    pub(super) footer: Both,
}

/// The template string `key`, or the key itself if a theme lacks it (every
/// default key is required of a theme, so this shows only in a broken one).
fn string(cx: &LangCtx, key: &str) -> String {
    cx.i18n
        .strings
        .get(key)
        .cloned()
        .unwrap_or_else(|| key.to_owned())
}

/// A right-to-left line that opens with a Latin word would be laid out left to
/// right by a plain-text reader: it gets a right-to-left mark, as page titles do.
pub fn rtl_lines(b: Both, lang: &Lang) -> Both {
    if lang.direction() != Direction::Rtl {
        return b;
    }
    let text = b
        .text
        .split('\n')
        .map(|l| bayan_text::bidi::rtl_safe(lang, l))
        .collect::<Vec<_>>()
        .join("\n");
    Both { text, ..b }
}

pub(super) fn part(cx: &LangCtx, inc: &Incident) -> Part {
    let lang = cx.lang;
    let dir = lang.direction();
    let site = cx.site;
    let page = site.incident(lang, &inc.id);
    let base = url::Url::parse(&page.abs).unwrap_or_else(|_| {
        // base_url was parsed as a URL when site.yaml loaded.
        url::Url::parse("https://invalid.invalid/").expect("a constant URL")
    });
    let md = |t: &bayan_site::text::Text| {
        rtl_lines(inline::markdown(&t.get(lang).src, dir, &base), lang)
    };
    let plain = |s: &str| rtl_lines(inline::plain(s, dir), lang);
    let labelled = |key: &str, value: &str| plain(&format!("{}: {value}", string(cx, key)));
    let date = |w| plain(&cx.date(w).text);
    let org = cx.site.config.organization.name.get(lang).plain();
    let title = inc.title.get(lang).plain();
    let subject = rtl_lines_str(
        &string(cx, "notice_subject").replace("{title}", &bidi_plain(&title, dir)),
        lang,
    );
    let items = |list: &[DataItem]| -> Vec<Item> {
        list.iter()
            .map(|d| Item {
                label: plain(&d.label.get(lang).plain()),
                note: d.note.as_ref().map(&md),
            })
            .collect()
    };
    let investigating = matches!(inc.status, Status::Investigating | Status::Identified);
    let empty_exposed = if investigating {
        "notice_being_determined"
    } else {
        "none_listed"
    };
    let mut groups = vec![Group {
        title: plain(&string(cx, "exposed")),
        items: items(&inc.data.exposed),
        empty: plain(&string(cx, empty_exposed)),
    }];
    if !inc.data.possibly_exposed.is_empty() {
        groups.push(Group {
            title: plain(&string(cx, "possibly_exposed")),
            items: items(&inc.data.possibly_exposed),
            empty: plain(&string(cx, "none_listed")),
        });
    }
    groups.push(Group {
        title: plain(&string(cx, "not_exposed")),
        items: items(&inc.data.not_exposed),
        empty: plain(&string(cx, empty_exposed)),
    });
    let contact = &inc.contact;
    let url_text = page.abs.clone();
    let config = &site.config;
    let verify_note = match config.verify.as_ref().and_then(|v| v.note.as_ref()) {
        Some(n) => md(n),
        None => plain(&string(cx, "notice_verify_default")),
    };
    let digits = config.digits(lang);
    Part {
        lang: lang.to_string(),
        dir: dir.as_str(),
        start: if dir == Direction::Rtl {
            "right"
        } else {
            "left"
        },
        end: if dir == Direction::Rtl {
            "left"
        } else {
            "right"
        },
        font: if dir == Direction::Rtl {
            RTL_FONTS
        } else {
            LTR_FONTS
        },
        s: cx.i18n.strings.clone(),
        org: plain(&org),
        title: plain(&title),
        subject,
        status: labelled("status_label", &cx.status(inc.status).label),
        severity: labelled("severity_label", &cx.severity(inc.severity).label),
        published: labelled("published", &cx.date(inc.published).text),
        updated: (inc.last_updated.ts != inc.published.ts)
            .then(|| labelled("updated", &cx.date(inc.last_updated).text)),
        summary: md(&inc.summary),
        latest_update: inc.updates.first().map(|u| Dated {
            at: Some(date(u.at)),
            text: md(&u.text),
        }),
        url: Both {
            text: url_text.clone(),
            html: inline::link_html(&url_text, &url_text),
        },
        url_text,
        affected: md(&inc.affected),
        affected_count: inc.affected_count.map(|c| {
            let n = bayan_text::dates::format_count(c.value, digits);
            let n = cx
                .i18n
                .count
                .get(c.qualifier.key())
                .map_or(n.clone(), |p| p.replace("{count}", &n));
            labelled("affected_count", &n)
        }),
        not_affected: inc.not_affected.as_ref().map(&md),
        likely_consequences: inc.likely_consequences.as_ref().map(&md),
        groups,
        vendors: inc
            .vendors
            .iter()
            .map(|v| VendorItem {
                name: plain(&v.name.get(lang).plain()),
                role: v.role.as_ref().map(&md),
                status: v.status.map(|s| {
                    plain(
                        &cx.i18n
                            .vendor_status
                            .get(s.key())
                            .cloned()
                            .unwrap_or_else(|| s.key().to_owned()),
                    )
                }),
            })
            .collect(),
        actions: inc
            .actions
            .iter()
            .map(|a| Dated {
                at: a.at.map(date),
                text: md(&a.text),
            })
            .collect(),
        advice: inc
            .advice
            .iter()
            .enumerate()
            .map(|(i, a)| Numbered {
                n: bayan_text::dates::format_count(i as u64 + 1, digits),
                text: md(a),
            })
            .collect(),
        contact: Contact {
            email: Both {
                text: bidi_plain(&contact.email, dir),
                html: inline::link_html(&format!("mailto:{}", contact.email), &contact.email),
            },
            phone: contact.phone.as_ref().map(|p| Both {
                text: bidi_plain(p, dir),
                html: inline::link_html(&tel_uri(p), p),
            }),
            url: contact.url.as_ref().map(|u| Both {
                text: bidi_plain(u, dir),
                html: inline::link_html(u, u),
            }),
            hours: contact.hours.as_ref().map(&md),
        },
        verify_note,
        verify_domains: config
            .verify
            .as_ref()
            .map(|v| v.domains.iter().map(|d| plain(d)).collect())
            .unwrap_or_default(),
        authoritative_note: config
            .authoritative
            .as_ref()
            .filter(|a| *a != lang)
            .map(|a| {
                plain(
                    &string(cx, "authoritative_note")
                        .replace("{language}", &cx.language_name(a.as_str())),
                )
            }),
        footer: plain(&string(cx, "notice_footer").replace("{organization}", &org)),
    }
}

/// A value that is one run (an address, a number) in a text of direction `dir`:
/// isolated whole when it is of the other direction.
fn bidi_plain(s: &str, dir: Direction) -> String {
    bayan_text::bidi::isolate_plain(s, dir)
}

fn rtl_lines_str(s: &str, lang: &Lang) -> String {
    bayan_text::bidi::rtl_safe(lang, s)
}
