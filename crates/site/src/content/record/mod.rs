//! incident.yaml's shape (the raw record as the YAML reader makes it) and the
//! check of each of its fields into the model, in the order they are written.

mod data;
mod parse;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::folder::{Folder, folder};
use crate::config::Config;
use crate::contact::{ContactOverride, RawContact, contact_fields};
use crate::model::*;
use crate::text::{Checker, RawCount, RawText, Text, pos_of};
use crate::vocabulary::Vocabulary;
use bayan_text::dates::{self, When};
use bayan_text::diag::{Diagnostic, Diagnostics};
use bayan_text::lang::Lang;
use bayan_text::markdown::{self};
use bayan_text::yaml::StringOr;
use data::data_groups;
pub(super) use parse::{looks_like_draft, parse_record};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawIncident {
    title: RawText,
    summary: RawText,
    status: Spanned<Status>,
    severity: Spanned<Severity>,
    published: Spanned<String>,
    updated: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) draft: bool,
    #[serde(default)]
    vendors: Vec<Spanned<RawVendor>>,
    affected: RawText,
    not_affected: Option<RawText>,
    affected_count: Option<Spanned<RawCount>>,
    likely_consequences: Option<RawText>,
    data: RawData,
    #[serde(default)]
    timeline: Vec<Spanned<RawDated>>,
    #[serde(default)]
    actions: Vec<Spanned<RawAction>>,
    advice: Spanned<Vec<RawText>>,
    #[serde(default)]
    updates: Vec<Spanned<RawUpdate>>,
    contact: Option<RawContact>,
    #[serde(default)]
    references: Vec<Spanned<RawReference>>,
    // What breach-notification laws ask for; see crate::law.
    discovered: Option<Spanned<String>>,
    occurred: Option<Spanned<StringOr<crate::law::RawRange>>>,
    law_enforcement_delay: Option<Spanned<bool>>,
    offer: Option<Spanned<crate::law::RawOffer>>,
    /// The advisory that first told of the breach this one follows up on.
    continues: Option<Spanned<String>>,
    #[serde(default)]
    related: Vec<Spanned<String>>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    withdrawn: Option<Spanned<RawWithdrawn>>,
    notice: Option<RawNotice>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWithdrawn {
    at: Spanned<String>,
    text: RawText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVendor {
    id: Option<Spanned<String>>,
    name: Spanned<StringOr<BTreeMap<String, Spanned<String>>>>,
    url: Option<Spanned<String>>,
    role: Option<RawText>,
    status: Option<VendorStatus>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawData {
    exposed: Vec<Spanned<StringOr<RawDataItem>>>,
    #[serde(default)]
    possibly_exposed: Vec<Spanned<StringOr<RawDataItem>>>,
    not_exposed: Vec<Spanned<StringOr<RawDataItem>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDataItem {
    id: Spanned<String>,
    note: Option<RawText>,
    label: Option<RawText>,
    /// With `label`: the inline class is a special category (GDPR Art. 9).
    #[serde(default)]
    special: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDated {
    at: Spanned<String>,
    text: RawText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAction {
    at: Option<Spanned<String>>,
    text: RawText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUpdate {
    at: Spanned<String>,
    status: Option<Status>,
    text: RawText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReference {
    title: RawText,
    url: Spanned<String>,
    lang: Option<Spanned<String>>,
}

/// Reads the folder's attachments and bodies, then checks a parsed record one
/// section at a time, in the order its fields are written; the incident is
/// built only if nothing anywhere is wrong.
pub(super) fn check(
    config: &Config,
    vocab: &Vocabulary,
    id: &str,
    dir: &Path,
    file: &str,
    raw: RawIncident,
) -> (Option<Incident>, Diagnostics) {
    // The folder first: texts, like bodies, may link the advisory's attachments.
    let Folder {
        attachment_bytes,
        attachments,
        bodies,
        mut body_links,
        diags: file_diags,
    } = folder(config, id, dir, raw.draft);
    let langs = &config.languages;
    let mut c = Checker::new(file, langs);
    c.allow_placeholders = raw.draft;
    c.routes = Some(bayan_text::routes::Routes::new(
        &config.base,
        config.url_style,
    ));
    c.attachments = Some((&attachments, id));
    let tz = &config.timezone;
    let heading = heading(&mut c, &raw, tz);
    let vendors = vendors(&mut c, &raw.vendors);
    let reach = reach(&mut c, &raw);
    let (data, _) = data_groups(&mut c, vocab, &raw.data);
    let timeline = timeline(&mut c, &raw.timeline, tz);
    let actions = actions(&mut c, &raw.actions, tz);
    let advice = advice(&mut c, &raw.advice);
    let updates = updates(&mut c, &raw.updates, heading.published, tz);
    status_agrees(&mut c, &raw.status, &updates);
    let lifecycle = lifecycle(&mut c, &raw, id, heading.published, tz);
    let contact_override = contact_override(&mut c, raw.contact.as_ref());
    let references = references(&mut c, &raw.references);
    let legal = legal(&mut c, &raw, tz);
    let notice = notice_fields(&mut c, raw.notice.as_ref());

    let texts = std::mem::take(&mut c.texts);
    let mut cross_links: Vec<CrossLink> = std::mem::take(&mut c.cross);
    cross_links.append(&mut body_links);
    let mut diags = c.diags;
    diags.extend(file_diags);
    if diags.has_errors() {
        return (None, diags);
    }
    let Heading {
        title,
        summary,
        published,
        updated,
    } = heading;
    let (Some(title), Some(summary), Some(published), Some(affected), Some(bodies)) =
        (title, summary, published, reach.affected, bodies)
    else {
        return (None, diags);
    };
    let last_updated = std::iter::once(published)
        .chain(updated)
        .chain(updates.iter().map(|u| u.at))
        .max_by_key(|w| w.ts)
        .unwrap_or(published);
    let incident = Incident {
        id: crate::model::IncidentId::checked(id),
        dir: dir.to_path_buf(),
        title,
        summary,
        status: raw.status.value,
        severity: raw.severity.value,
        published,
        updated,
        last_updated,
        draft: raw.draft,
        vendors,
        affected,
        not_affected: reach.not_affected,
        affected_count: reach.affected_count,
        likely_consequences: reach.likely_consequences,
        data,
        timeline,
        actions,
        advice,
        updates,
        contact: config.contact.merged(&contact_override),
        references,
        bodies,
        attachments,
        attachment_bytes,
        legal,
        continues: lifecycle.continues,
        related: lifecycle.related,
        aliases: lifecycle.aliases,
        withdrawn: lifecycle.withdrawn,
        scheduled: false,
        cross_links,
        lag: Default::default(),
        notice,
        texts,
    };
    (Some(incident), diags)
}

/// What names and dates an advisory: its title and summary, and when it was
/// published and last updated. `None` where the field is wrong (already reported).
struct Heading {
    title: Option<Text>,
    summary: Option<Text>,
    published: Option<When>,
    updated: Option<When>,
}

/// `title` (which may not hold a link), `summary`, `published` and `updated`,
/// which may not come before `published`.
fn heading(c: &mut Checker, raw: &RawIncident, tz: &jiff::tz::TimeZone) -> Heading {
    let title = c.text(&raw.title, "title");
    // A title is itself a link in listings and feeds; a link inside it would nest.
    no_links(
        c,
        &raw.title,
        title.as_ref(),
        "title",
        "a title cannot contain a link or a bare URL or email",
    );
    let summary = c.text(&raw.summary, "summary");
    let published = date(c, &raw.published, "published", tz);
    let updated = raw.updated.as_ref().and_then(|u| date(c, u, "updated", tz));
    if let (Some(p), Some(u)) = (published, updated)
        && u.ts < p.ts
    {
        let shown = |s: &Spanned<String>| s.value.trim().to_owned();
        c.error(
            "updated",
            raw.updated.as_ref().and_then(pos_of),
            format!(
                "`{}` is earlier than `published` (`{}`); `updated` is the last change, so it cannot come before publication",
                raw.updated.as_ref().map(shown).unwrap_or_default(),
                shown(&raw.published)
            ),
        );
    }
    Heading {
        title,
        summary,
        published,
        updated,
    }
}

/// `vendors[]`: the valid ones, each checked by [`vendor`], then no two with the
/// same id.
fn vendors(c: &mut Checker, raw: &[Spanned<RawVendor>]) -> Vec<Vendor> {
    let vendors: Vec<Vendor> = raw
        .iter()
        .enumerate()
        .filter_map(|(i, v)| vendor(c, v, i))
        .collect();
    for (i, v) in vendors.iter().enumerate() {
        if let Some(first) = vendors[..i].iter().position(|o| o.id == v.id) {
            c.error(
                &format!("vendors[{}]", v.index),
                v.pos,
                format!(
                    "vendor id `{}` is also that of vendors[{}]; list a vendor once, or give each its own `id`",
                    v.id, vendors[first].index
                ),
            );
        }
    }
    vendors
}

/// Who is affected and what it means for them. `affected` is `None` when wrong
/// (already reported).
struct Reach {
    affected: Option<Text>,
    not_affected: Option<Text>,
    affected_count: Option<Count>,
    likely_consequences: Option<Text>,
}

/// `affected`, `not_affected`, `affected_count` and `likely_consequences`.
fn reach(c: &mut Checker, raw: &RawIncident) -> Reach {
    let affected = c.text(&raw.affected, "affected");
    let not_affected = c.opt_text(&raw.not_affected, "not_affected");
    let affected_count = raw.affected_count.as_ref().map(|s| match &s.value {
        RawCount::Plain(v) => Count {
            value: *v,
            qualifier: Default::default(),
        },
        RawCount::Qualified(q) => Count {
            value: q.value,
            qualifier: q.qualifier,
        },
    });
    let likely_consequences = c.opt_text(&raw.likely_consequences, "likely_consequences");
    Reach {
        affected,
        not_affected,
        affected_count,
        likely_consequences,
    }
}

/// `timeline[]`: each entry's date and text; an entry with either wrong is left
/// out.
fn timeline(c: &mut Checker, raw: &[Spanned<RawDated>], tz: &jiff::tz::TimeZone) -> Vec<Dated> {
    raw.iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let path = format!("timeline[{i}]");
            let at = date(c, &t.value.at, &format!("{path}.at"), tz);
            let text = c.text(&t.value.text, &format!("{path}.text"));
            Some(Dated {
                at: Some(at?),
                text: text?,
            })
        })
        .collect()
}

/// `actions[]`: what was done, each with an optional date.
fn actions(c: &mut Checker, raw: &[Spanned<RawAction>], tz: &jiff::tz::TimeZone) -> Vec<Dated> {
    raw.iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let path = format!("actions[{i}]");
            let at = match &a.value.at {
                Some(at) => Some(date(c, at, &format!("{path}.at"), tz)?),
                None => None,
            };
            Some(Dated {
                at,
                text: c.text(&a.value.text, &format!("{path}.text"))?,
            })
        })
        .collect()
}

/// `advice[]`: what readers should do now; at least one piece is required.
fn advice(c: &mut Checker, raw: &Spanned<Vec<RawText>>) -> Vec<Text> {
    if raw.value.is_empty() {
        c.error(
            "advice",
            pos_of(raw),
            "give at least one piece of advice: what should readers do now?",
        );
    }
    raw.value
        .iter()
        .enumerate()
        .filter_map(|(i, a)| c.text(a, &format!("advice[{i}]")))
        .collect()
}

/// `updates[]`, newest first: none may come before `published`, and each keeps
/// where it was written for the checks over the whole site.
fn updates(
    c: &mut Checker,
    raw: &[Spanned<RawUpdate>],
    published: Option<When>,
    tz: &jiff::tz::TimeZone,
) -> Vec<Update> {
    let mut updates: Vec<Update> = raw
        .iter()
        .enumerate()
        .filter_map(|(i, u)| {
            let path = format!("updates[{i}]");
            let at = date(c, &u.value.at, &format!("{path}.at"), tz)?;
            if published.is_some_and(|p| at.ts < p.ts) {
                c.error(
                    &format!("{path}.at"),
                    pos_of(&u.value.at),
                    "is earlier than `published`",
                );
            }
            let text = c.text(&u.value.text, &format!("{path}.text"))?;
            Some(Update {
                at,
                status: u.value.status,
                text,
                source: crate::model::Source {
                    index: i,
                    pos: pos_of(&u.value.at),
                },
            })
        })
        .collect();
    updates.sort_by_key(|u| std::cmp::Reverse(u.at));
    updates
}

/// How the advisory stands among the others: those it relates to, its earlier
/// ids, and whether it was withdrawn.
struct Lifecycle {
    continues: Option<Named>,
    related: Vec<Named>,
    aliases: Vec<Named>,
    withdrawn: Option<Withdrawn>,
}

/// `continues`, `related[]` and `aliases[]` (see [`named_ids`]), and
/// `withdrawn`, whose date may not come before `published`.
fn lifecycle(
    c: &mut Checker,
    raw: &RawIncident,
    id: &str,
    published: Option<When>,
    tz: &jiff::tz::TimeZone,
) -> Lifecycle {
    let continues = raw
        .continues
        .as_ref()
        .and_then(|s| named_id(c, s, "continues", 0, id));
    let related = named_ids(c, &raw.related, "related", id);
    let aliases = named_ids(c, &raw.aliases, "aliases", id);
    let withdrawn = raw.withdrawn.as_ref().and_then(|w| {
        let at = date(c, &w.value.at, "withdrawn.at", tz);
        if let (Some(at), Some(p)) = (at, published)
            && at.ts < p.ts
        {
            c.error(
                "withdrawn.at",
                pos_of(&w.value.at),
                "is earlier than `published`; an advisory is withdrawn after it was published",
            );
        }
        let text = c.text(&w.value.text, "withdrawn.text");
        Some(Withdrawn {
            at: at?,
            text: text?,
        })
    });
    Lifecycle {
        continues,
        related,
        aliases,
        withdrawn,
    }
}

/// `contact`: this advisory's own contact fields, over the site's.
fn contact_override(c: &mut Checker, raw: Option<&RawContact>) -> ContactOverride {
    raw.map(|rc| contact_fields(c, rc, "contact"))
        .unwrap_or_default()
}

/// `references[]`: each title (shown as its link, so holding none), URL and
/// optional language.
fn references(c: &mut Checker, raw: &[Spanned<RawReference>]) -> Vec<Reference> {
    raw.iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let path = format!("references[{i}]");
            let title = c.text(&r.value.title, &format!("{path}.title"));
            // A reference's title is shown inside its own link.
            no_links(
                c,
                &r.value.title,
                title.as_ref(),
                &format!("{path}.title"),
                "a reference's title is shown as its link, so it cannot contain a link or a bare URL or email",
            );
            let url = c.url(&r.value.url, &format!("{path}.url"));
            let lang = match &r.value.lang {
                None => None,
                Some(l) => match Lang::parse(l.value.trim()) {
                    Some(l) => Some(l),
                    None => {
                        c.error(
                            &format!("{path}.lang"),
                            pos_of(l),
                            format!("`{}` is not a language code such as `en` or `ar`", l.value),
                        );
                        return None;
                    }
                },
            };
            Some(Reference {
                title: title?,
                url: url?,
                lang,
            })
        })
        .collect()
}

/// `discovered`, `occurred`, `law_enforcement_delay` and `offer`: what
/// breach-notification laws ask for (see [`crate::law::check_fields`]).
fn legal(c: &mut Checker, raw: &RawIncident, tz: &jiff::tz::TimeZone) -> crate::law::Legal {
    crate::law::check_fields(
        c,
        crate::law::RawLegal {
            published: &raw.published,
            discovered: raw.discovered.as_ref(),
            occurred: raw.occurred.as_ref(),
            law_enforcement_delay: raw.law_enforcement_delay.as_ref(),
            offer: raw.offer.as_ref(),
        },
        tz,
    )
}

/// A warning when `status` is not what the latest update says: readers see
/// both, one in the header and one in the latest-update box.
fn status_agrees(c: &mut Checker, status: &Spanned<Status>, updates: &[Update]) {
    let Some(latest) = updates.iter().find(|u| u.status.is_some()) else {
        return;
    };
    let Some(said) = latest.status.filter(|s| *s != status.value) else {
        return;
    };
    c.diags.push(
        Diagnostic::warning(
            c.file,
            "status",
            format!(
                "is `{}`, but the latest update (`updates[{}]`) says `{}`; readers see both: set `status: {}`, or give that update the advisory's status",
                status.value.key(),
                latest.source.index,
                said.key(),
                said.key()
            ),
        )
        .at(pos_of(status)),
    );
}

/// Advisory ids listed in `field` (`related`, `aliases`): valid ids, each once,
/// never the advisory's own. Whether they exist is the link phase's check.
fn named_ids(c: &mut Checker, raw: &[Spanned<String>], field: &str, own: &str) -> Vec<Named> {
    let mut out: Vec<Named> = Vec::new();
    for (i, s) in raw.iter().enumerate() {
        let path = format!("{field}[{i}]");
        let Some(named) = named_id(c, s, &path, i, own) else {
            continue;
        };
        if let Some(first) = out.iter().find(|n| n.id == named.id) {
            let written = s.value.trim();
            c.error(
                &path,
                pos_of(s),
                format!(
                    "`{written}` is listed twice (also `{field}[{}]`)",
                    first.source.index
                ),
            );
            continue;
        }
        out.push(named);
    }
    out
}

/// One advisory id at `path` (`continues`, `related[2]`): a valid id without
/// hidden characters, never the advisory's own.
fn named_id(
    c: &mut Checker,
    s: &Spanned<String>,
    path: &str,
    index: usize,
    own: &str,
) -> Option<Named> {
    let written = s.value.trim();
    if !c.no_hidden(s, path) {
        return None;
    }
    let Some(id) = IncidentId::parse(written) else {
        c.error(
            path,
            pos_of(s),
            format!("`{written}` is not an advisory id (an incident folder's name: lower-case letters, digits and hyphens)"),
        );
        return None;
    };
    if written == own {
        let why = if path.starts_with("aliases") {
            "an alias is an earlier id of this advisory, not its current one"
        } else if path == "continues" {
            "`continues` names the earlier advisory that first told of the breach"
        } else {
            "an advisory cannot be related to itself"
        };
        c.error(
            path,
            pos_of(s),
            format!("`{written}` is this advisory's own id; {why}"),
        );
        return None;
    }
    Some(Named {
        id,
        source: crate::model::Source {
            index,
            pos: pos_of(s),
        },
    })
}

/// `notice:` in incident.yaml: what the advisory's notices say instead of the theme.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNotice {
    sms: Option<RawText>,
}

/// `notice.sms`, checked like every text, and as one plain sentence: a phone
/// shows an SMS as typed, so Markdown would arrive as stray characters and a
/// link would be a second address beside the advisory's (what phishing does).
/// Whether the whole SMS fits is checked where it is composed
/// ([`crate::notice`]), at these positions.
fn notice_fields(c: &mut Checker, raw: Option<&RawNotice>) -> NoticeTexts {
    let Some(raw) = raw.and_then(|r| r.sms.as_ref()) else {
        return NoticeTexts::default();
    };
    let sms = c.text(raw, "notice.sms");
    let mut sms_pos = Vec::new();
    for lang in c.langs {
        let Some(v) = raw.value.get(lang.as_str()) else {
            continue;
        };
        sms_pos.push((lang.clone(), pos_of(v)));
        let Some(entry) = sms.as_ref().map(|t| t.get(lang)) else {
            continue;
        };
        let src = &entry.src;
        let words = src.split_whitespace().collect::<Vec<_>>().join(" ");
        let path = format!("notice.sms.{lang}");
        let problem = if entry.html().contains("<a ") {
            Some("an SMS carries one address, the advisory's, which bayan adds: remove the link, URL or email from the sentence".to_owned())
        } else if markdown::plain_text(src) != words {
            Some("an SMS is shown as typed: write plain text, without Markdown (`*`, `_`, `` ` ``, `[…]`, HTML)".to_owned())
        } else if src.contains(['\n', '\r']) {
            Some("an SMS sentence is one line: remove the line break".to_owned())
        } else {
            second_sentence(src).map(|at| format!(
                "an SMS says one sentence (the organisation's name and the advisory's URL are added around it); a second begins at character {at}: shorten it to one"
            ))
        };
        if let Some(p) = problem {
            c.error(&path, pos_of(v), p);
        }
    }
    NoticeTexts { sms, sms_pos }
}

/// Where a second sentence begins in `s` (a character number from 1): after a
/// full stop, `!`, `?`, `؟` or `۔` and a space, a capital or a letter of a script
/// without case (Arabic). "e.g. the" is one sentence.
fn second_sentence(s: &str) -> Option<usize> {
    let chars: Vec<char> = s.chars().collect();
    (1..chars.len()).find_map(|i| {
        let ends = matches!(chars[i - 1], '.' | '!' | '?' | '؟' | '۔');
        let next = chars[i..].iter().position(|c| !c.is_whitespace())? + i;
        let starts = next > i && chars[next].is_alphabetic() && !chars[next].is_lowercase();
        (ends && starts).then_some(next + 1)
    })
}

/// A text shown inside a link (a title, a reference's title) cannot hold a link of
/// its own: `<a>` inside `<a>` is invalid and browsers split it unpredictably.
fn no_links(c: &mut Checker, raw: &RawText, text: Option<&Text>, path: &str, message: &str) {
    let Some(text) = text else { return };
    for (code, v) in &raw.value {
        if c.langs
            .iter()
            .any(|l| l.as_str() == code && text.get(l).html().contains("<a "))
        {
            c.error(&format!("{path}.{code}"), pos_of(v), message);
        }
    }
}

fn date(
    c: &mut Checker,
    raw: &Spanned<String>,
    path: &str,
    tz: &jiff::tz::TimeZone,
) -> Option<When> {
    match dates::parse(&raw.value, tz) {
        Ok(w) => Some(w),
        Err(e) => {
            c.error(path, pos_of(raw), e);
            None
        }
    }
}

fn vendor(c: &mut Checker, raw: &Spanned<RawVendor>, index: usize) -> Option<Vendor> {
    let path = &format!("vendors[{index}]");
    let v = &raw.value;
    let name = crate::law::name(c, &v.name, &format!("{path}.name"))?;
    let url = v
        .url
        .as_ref()
        .and_then(|u| c.url(u, &format!("{path}.url")));
    let role = c.opt_text(&v.role, &format!("{path}.role"));
    let langs = c.langs;
    let id = crate::vendors::id(c, v.id.as_ref(), &name, langs, path, pos_of(raw))?;
    Some(Vendor {
        id,
        index,
        pos: pos_of(raw),
        name,
        url,
        role,
        status: v.status,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_sentence_is_found_in_latin_and_arabic() {
        assert_eq!(second_sentence("Your card may be exposed; details:"), None);
        assert_eq!(
            second_sentence("Act now, e.g. reset it. Details:"),
            Some(25)
        );
        assert_eq!(second_sentence("See e.g. the notice at"), None);
        assert_eq!(second_sentence("Version 2.5 is affected:"), None);
        assert_eq!(
            second_sentence("قد تكون بياناتك مكشوفة. التفاصيل:"),
            Some(25)
        );
        assert_eq!(second_sentence("Is it safe? Read:"), Some(13));
        assert_eq!(second_sentence("Ends here."), None);
    }
}
