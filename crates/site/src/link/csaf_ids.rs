//! An advisory's CSAF translations take the tracking id `ID-LANG` (CSAF's
//! translator clause), so an advisory whose own id is another's `ID-LANG`
//! (`2026-01-sms-ar` beside `2026-01-sms`) would share its tracking id, which CSAF
//! requires to be unique for the publisher, and maybe its file. That is an error
//! naming both.

use super::rule::Rule;
use crate::site::Site;
use bayan_text::diag::{Diagnostic, Diagnostics, display_path};

pub struct CsafIds;

impl Rule for CsafIds {
    fn check(&self, site: &Site, out: &mut Diagnostics) {
        let c = &site.config;
        let original = c.authoritative.as_ref().unwrap_or_else(|| c.default_lang());
        // By first id, so the check is linear in the number of advisories, not
        // quadratic (a million comparisons at 1,000 advisories, on every save).
        let mut by_first = std::collections::HashMap::new();
        for o in &site.incidents {
            by_first.entry(o.first_id().as_str()).or_insert(o);
        }
        for inc in &site.incidents {
            for lang in c.languages.iter().filter(|l| *l != original) {
                let taken = format!("{}-{lang}", inc.first_id());
                let Some(other) = by_first.get(taken.as_str()) else {
                    continue;
                };
                let file = display_path(&c.root, &other.dir.join("incident.yaml"));
                out.push(Diagnostic::error(
                    &file,
                    "",
                    format!(
                        "the advisory id `{taken}` is also the CSAF tracking id of the {} translation of `{}` (translations are `ID-LANG`); rename one of the two folders",
                        crate::text::language_name(lang.as_str()),
                        inc.id
                    ),
                ));
            }
        }
    }
}
