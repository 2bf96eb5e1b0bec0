//! Links between advisories: a `../ID/#anchor` link in a body or a text, an id
//! in `continues:` or `related:` and an old id in `aliases:` must each name
//! what this build has.
//!
//! The URL of a link was written when the body rendered (the routes need no
//! other advisory); here the target must exist and be built (a public page may
//! not lead to a draft or a scheduled one, which readers cannot open), and the
//! anchor must be an id on the target's page in the same language. An alias may
//! not be an advisory's id or another's alias, since its redirect pages would
//! take that address.

use std::collections::BTreeMap;

use super::rule::Rule;
use crate::model::Incident;
use crate::site::Site;
use bayan_text::diag::{Diagnostic, Diagnostics, display_path, nearest};
use bayan_text::lang::Lang;

pub struct AdvisoryLinks;

impl Rule for AdvisoryLinks {
    fn check(&self, site: &Site, out: &mut Diagnostics) {
        let aliases = alias_owners(site);
        for inc in site.checked() {
            let yaml = display_path(&site.config.root, &inc.dir.join("incident.yaml"));
            for l in &inc.cross_links {
                let written = match &l.anchor {
                    Some(a) => format!("../{}/#{a}", l.target),
                    None => format!("../{}/", l.target),
                };
                let at = |d: Diagnostic| d.at(l.pos);
                let Some(target) = reach(
                    site,
                    &aliases,
                    inc,
                    &l.target,
                    &l.file,
                    &l.path,
                    out,
                    |m| format!("link `{written}`: {m}"),
                    at,
                ) else {
                    continue;
                };
                let Some(anchor) = &l.anchor else { continue };
                let ids = page_ids(site, target, &l.lang);
                if !ids.iter().any(|i| i == anchor) {
                    out.push(
                        Diagnostic::error(
                            &l.file,
                            l.path.clone(),
                            format!(
                                "link `{written}`: there is no `#{anchor}` on the {} page of `{}` (its headings, updates and sections have ids)",
                                crate::text::language_name(l.lang.as_str()),
                                target.id
                            ),
                        )
                        .at(l.pos)
                        .suggest(
                            nearest(anchor, ids.iter().map(String::as_str)).or_else(|| {
                                // `#update-2026-05-03` for an update at a time of that day.
                                ids.iter().find(|i| i.starts_with(anchor.as_str())).cloned()
                            }),
                        ),
                    );
                }
            }
            if let Some(n) = &inc.continues {
                let target = reach(
                    site,
                    &aliases,
                    inc,
                    &n.id,
                    &yaml,
                    "continues",
                    out,
                    |m| format!("continued advisory: {m}"),
                    |d| d.at(n.source.pos),
                );
                if let Some(m) = target.and_then(|t| not_continued(site, inc, t)) {
                    out.push(Diagnostic::error(&yaml, "continues", m).at(n.source.pos));
                }
            }
            for n in &inc.related {
                let path = format!("related[{}]", n.source.index);
                reach(
                    site,
                    &aliases,
                    inc,
                    &n.id,
                    &yaml,
                    &path,
                    out,
                    |m| format!("related advisory: {m}"),
                    |d| d.at(n.source.pos),
                );
            }
            for n in &inc.aliases {
                let path = format!("aliases[{}]", n.source.index);
                let taken = if site.get(&n.id).is_some()
                    || site.held.iter().any(|h| h.id == n.id)
                    || site.unloaded.iter().any(|u| *u == n.id.as_str())
                {
                    Some(format!(
                        "`{}` is the id of an advisory on this site; an alias is a former id that no folder uses any more",
                        n.id
                    ))
                } else {
                    aliases
                        .get(n.id.as_str())
                        .filter(|owners| owners.len() > 1 && owners[0] != inc.id.as_str())
                        .map(|owners| {
                            format!(
                                "`{}` is already an alias of `{}`; one old address can redirect to one advisory only",
                                n.id, owners[0]
                            )
                        })
                };
                if let Some(m) = taken {
                    out.push(Diagnostic::error(&yaml, path, m).at(n.source.pos));
                }
            }
        }
    }
}

/// Why `inc` cannot follow up on `target`: it is not earlier, or it leads back.
fn not_continued(site: &Site, inc: &Incident, target: &Incident) -> Option<String> {
    if target.published.ts > inc.published.ts {
        return Some(format!(
            "`{}` is published after this advisory; a follow-up continues an earlier advisory",
            target.id
        ));
    }
    let start = site.breach_of(inc);
    let resumes = start.continues.as_ref();
    resumes.and_then(|n| site.checked_get(&n.id)).map(|_| {
        format!(
            "`{}` leads back to this advisory through `continues`; name the advisory that first told of the breach",
            target.id
        )
    })
}

/// Each alias with the built advisories that claim it, in id order.
fn alias_owners(site: &Site) -> BTreeMap<&str, Vec<&str>> {
    let mut m: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for inc in &site.incidents {
        for a in &inc.aliases {
            m.entry(a.id.as_str()).or_default().push(inc.id.as_str());
        }
    }
    for owners in m.values_mut() {
        owners.sort_unstable();
    }
    m
}

/// The advisory `id` that `from` names, if built; else an error (or, in a
/// preview, a warning when a public page names a draft or scheduled one) with
/// the reason and the nearest id. `say` words the message for the field.
#[allow(
    clippy::too_many_arguments,
    reason = "one call site per kind of reference; a struct would only rename them"
)]
fn reach<'s>(
    site: &'s Site,
    aliases: &BTreeMap<&str, Vec<&str>>,
    from: &Incident,
    id: &str,
    file: &str,
    path: &str,
    out: &mut Diagnostics,
    say: impl Fn(String) -> String,
    at: impl Fn(Diagnostic) -> Diagnostic,
) -> Option<&'s Incident> {
    if let Some(t) = site.get(id) {
        if from.is_public() && !t.is_public() {
            out.push(at(Diagnostic::warning(
                file,
                path,
                say(format!(
                    "{}; this preview builds it, but a build without --drafts stops at this link",
                    not_public(site, id, t.draft, t.published)
                )),
            )));
        }
        return Some(t);
    }
    if site.unloaded.iter().any(|u| u == id) {
        // Its own errors are reported; whether the link fits waits for it to load.
        return None;
    }
    let held = site.held.iter().find(|h| h.id.as_str() == id);
    if held.is_some_and(|h| !h.draft && from.scheduled && h.published.ts <= from.published.ts) {
        // A scheduled advisory may name one that is out by its own day.
        return None;
    }
    let (message, suggestion) = if let Some(h) = held {
        (not_public(site, id, h.draft, h.published), None)
    } else if let Some(owner) = aliases.get(id).and_then(|o| o.first()) {
        (
            format!("`{id}` was renamed to `{owner}` (it is in `{owner}`'s aliases)"),
            Some((*owner).to_owned()),
        )
    } else {
        let known = site
            .incidents
            .iter()
            .map(|i| i.id.as_str())
            .chain(site.held.iter().map(|h| h.id.as_str()));
        (
            format!("there is no advisory `{id}` (no folder content/incidents/{id}/)"),
            nearest(id, known),
        )
    };
    out.push(at(
        Diagnostic::error(file, path, say(message)).suggest(suggestion)
    ));
    None
}

/// Why `id` has no public page: a draft, or scheduled for later.
fn not_public(site: &Site, id: &str, draft: bool, published: bayan_text::dates::When) -> String {
    if draft {
        format!(
            "`{id}` is a draft, and a draft has no page on the published site: publish it first (`draft: false`) or remove this"
        )
    } else {
        let when = bayan_text::dates::in_zone(published, &site.config.timezone);
        format!(
            "`{id}` is scheduled for {when} and has no page until then: add this when it is out, or schedule this advisory's change with it"
        )
    }
}

/// The ids on `inc`'s page in `lang` (the default theme's): its fixed
/// sections that the record fills, its updates' anchors, and its body's
/// headings and footnotes.
pub fn page_ids(site: &Site, inc: &Incident, lang: &Lang) -> Vec<String> {
    let mut ids: Vec<String> = [
        "main",
        "summary",
        "data",
        "data-exposed",
        "data-not-exposed",
        "who",
        "advice",
        "details",
        "contact",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    let verify = site
        .config
        .verify
        .as_ref()
        .is_some_and(|v| v.note.is_some() || !v.domains.is_empty());
    let optional = [
        (
            "data-possibly-exposed",
            !inc.data.possibly_exposed.is_empty(),
        ),
        ("vendors", !inc.vendors.is_empty()),
        ("actions", !inc.actions.is_empty()),
        ("verify", verify),
        ("timeline", !inc.timeline.is_empty()),
        ("updates", !inc.updates.is_empty()),
        ("latest-update", !inc.updates.is_empty()),
        ("references", !inc.references.is_empty()),
        ("related", !site.related_to(inc).is_empty()),
        ("withdrawn", inc.withdrawn.is_some()),
    ];
    ids.extend(
        optional
            .iter()
            .filter(|(_, on)| *on)
            .map(|(id, _)| (*id).to_owned()),
    );
    let routes = site.routes();
    ids.extend(
        inc.updates
            .iter()
            .map(|u| routes.update_anchor(u.at, &site.config.timezone)),
    );
    if let Some(b) = inc.bodies.get(lang) {
        ids.extend(b.anchors.iter().cloned());
    }
    ids
}
