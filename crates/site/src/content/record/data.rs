//! The data groups (exposed, possibly exposed, not exposed): each class named
//! once, from the site's vocabulary or defined inline.

use std::collections::BTreeMap;

use serde_saphyr::Spanned;

use super::RawData;
use crate::model::*;
use crate::text::{Checker, pos_of};
use crate::vocabulary::{self, Vocabulary};
use crate::vocabulary::{ClassDef, RawClassDef};
use bayan_text::yaml::StringOr;

const GROUPS: [&str; 3] = ["exposed", "possibly_exposed", "not_exposed"];

pub(super) fn data_groups(
    c: &mut Checker,
    vocab: &Vocabulary,
    raw: &RawData,
) -> (DataGroups, Vec<ClassDef>) {
    let lists = [&raw.exposed, &raw.possibly_exposed, &raw.not_exposed];
    // Inline definitions first, so an item may use a class defined later in the file.
    let mut inline: Vec<ClassDef> = Vec::new();
    for (g, list) in GROUPS.iter().zip(lists) {
        for (i, item) in list.iter().enumerate() {
            if let StringOr::Map(m) = &item.value
                && let Some(label) = &m.label
            {
                let path = format!("data.{g}[{i}]");
                if vocab.label(m.id.value.trim()).is_some()
                    && !vocabulary::is_builtin(m.id.value.trim())
                {
                    c.error(
                        &format!("{path}.id"),
                        pos_of(&m.id),
                        format!(
                            "data class `{}` is already defined in site.yaml's vocabulary",
                            m.id.value.trim()
                        ),
                    );
                    continue;
                }
                let def = RawClassDef {
                    id: m.id.clone(),
                    label: label.clone(),
                    special: m.special,
                };
                if let Some(d) = vocabulary::check_def(c, &def, &path, pos_of(item), &inline) {
                    inline.push(d);
                }
            }
        }
    }
    let custom: Vec<&str> = vocab
        .ids()
        .filter(|i| !vocabulary::is_builtin(i))
        .chain(inline.iter().map(|d| d.id.as_str()))
        .collect();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut groups: [Vec<DataItem>; 3] = Default::default();
    for (gi, (g, list)) in GROUPS.iter().zip(lists).enumerate() {
        for (i, item) in list.iter().enumerate() {
            let path = format!("data.{g}[{i}]");
            let (id, id_pos, note) = match &item.value {
                StringOr::Str(s) => (s.trim().to_owned(), pos_of(item), None),
                StringOr::Map(m) => (
                    m.id.value.trim().to_owned(),
                    pos_of(&m.id).or(pos_of(item)),
                    m.note.as_ref(),
                ),
            };
            let (at, def) = match &item.value {
                StringOr::Map(m) => (m.id.referenced, m.id.defined),
                StringOr::Str(_) => (item.referenced, item.defined),
            };
            let raw_id = Spanned::new(id.clone(), at, def);
            if !c.no_hidden(&raw_id, &path) {
                continue;
            }
            let own = inline.iter().find(|d| d.id == id);
            let special = own.map_or_else(|| vocab.is_special(&id), |d| d.special);
            let label = own.map(|d| &d.label).or_else(|| vocab.label(&id));
            let Some(label) = label else {
                if id.is_empty() {
                    c.error(&path, id_pos, "data class id is blank");
                } else {
                    let label: Vec<String> = c.langs.iter().map(|l| format!("{l}: …")).collect();
                    c.error_suggest(
                        &path,
                        id_pos,
                        format!(
                            "unknown data class `{id}`: define it site-wide under `vocabulary:` in site.yaml, or inline here as `{{ id: {id}, label: {{ {} }} }}`",
                            label.join(", ")
                        ),
                        vocabulary::suggest(&id, &custom),
                    );
                }
                continue;
            };
            if let Some(first) = seen.get(&id) {
                let msg = if first == g {
                    format!("data class `{id}` is listed twice in `{g}`")
                } else {
                    format!(
                        "data class `{id}` is in both `{first}` and `{g}`; a class can be in only one group"
                    )
                };
                c.error(&path, id_pos, msg);
                continue;
            }
            seen.insert(id.clone(), (*g).to_owned());
            let note = note.and_then(|n| c.text(n, &format!("{path}.note")));
            groups[gi].push(DataItem {
                id,
                label: label.clone(),
                note,
                special,
            });
        }
    }
    let [exposed, possibly_exposed, not_exposed] = groups;
    (
        DataGroups {
            exposed,
            possibly_exposed,
            not_exposed,
        },
        inline,
    )
}
