//! The link phase: checks over the whole site, run after every incident loaded
//! and before anything renders.
//!
//! Loading checks each folder on its own; what spans advisories (a link to
//! another advisory, `related:`, the legal-completeness lint) or needs the
//! whole record at once lives here, one [`Rule`] per file, registered in
//! `RULES`. `bayan build`, `bayan check` and every watch-mode rebuild go
//! through [`check`], so a rule holds everywhere.

mod legal;
pub mod rule;
pub use legal::ca::id_numbers;
pub use rule::Rule;
mod advisory_links;
mod csaf_ids;
mod unique_updates;

use crate::site::Site;
use bayan_text::diag::Diagnostics;

/// Every rule of the link phase.
pub const RULES: &[&dyn Rule] = &[
    &unique_updates::UniqueUpdates,
    &legal::gdpr::Gdpr(crate::law::Law::Gdpr),
    &legal::gdpr::Gdpr(crate::law::Law::UkGdpr),
    &legal::sa_pdpl::SaPdpl,
    &legal::ca::Ca,
    &legal::jo_pdpl::JoPdpl,
    &advisory_links::AdvisoryLinks,
    &csaf_ids::CsafIds,
];

/// Runs every rule over `site`: the diagnostics found, sorted.
pub fn check(site: &Site) -> Diagnostics {
    let mut out = Diagnostics::default();
    for rule in RULES {
        rule.check(site, &mut out);
    }
    out.sort();
    out
}
