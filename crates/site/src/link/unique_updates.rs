//! Two updates of one advisory at the same time are an error: each update's
//! anchor on the page, and its feed entry's id, come from its `at`.

use super::rule::Rule;
use crate::site::Site;
use bayan_text::diag::{Diagnostic, Diagnostics, display_path};

pub struct UniqueUpdates;

impl Rule for UniqueUpdates {
    fn check(&self, site: &Site, out: &mut Diagnostics) {
        for inc in site.checked() {
            let mut written: Vec<_> = inc.updates.iter().collect();
            written.sort_by_key(|u| u.source.index);
            for (n, u) in written.iter().enumerate() {
                let Some(first) = written[..n].iter().find(|e| e.at == u.at) else {
                    continue;
                };
                let file = display_path(&site.config.root, &inc.dir.join("incident.yaml"));
                out.push(
                    Diagnostic::error(
                        &file,
                        format!("updates[{}].at", u.source.index),
                        format!(
                            "is the same time as `updates[{}].at`; each update needs its own time (its anchor and feed entry are made from it)",
                            first.source.index
                        ),
                    )
                    .at(u.source.pos),
                );
            }
        }
    }
}
