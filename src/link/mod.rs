//! The link phase: checks over the whole site, run after every incident loaded
//! and before anything renders.
//!
//! Loading checks each folder on its own; what spans advisories (a link to
//! another advisory, `related:`, the legal-completeness lint) or needs the
//! whole record at once lives here, one [`Rule`] per file, registered in
//! `RULES`. `bayan build`, `bayan check` and every watch-mode rebuild go
//! through [`check`], so a rule holds everywhere.

mod legal;
pub(crate) use legal::ca::id_numbers;
mod advisory_links;
mod csaf_ids;
mod unique_updates;

use crate::diag::Diagnostics;
use crate::site::Site;

/// One check over the whole site. It adds located diagnostics (file, field, line
/// and column) to `out`; any error stops the build.
pub(crate) trait Rule: Sync {
    fn check(&self, site: &Site, out: &mut Diagnostics);
}

/// Every rule of the link phase.
pub(crate) const RULES: &[&dyn Rule] = &[
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
pub(crate) fn check(site: &Site) -> Diagnostics {
    let mut out = Diagnostics::default();
    for rule in RULES {
        rule.check(site, &mut out);
    }
    out.sort();
    out
}
