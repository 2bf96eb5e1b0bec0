//! What a rule of the link phase is: its own file, so the rules (one folder
//! down, in `legal/`) depend on it and not on the list that registers them.

use crate::site::Site;
use bayan_text::diag::Diagnostics;

/// One check over the whole site. It adds located diagnostics (file, field, line
/// and column) to `out`; any error stops the build.
pub trait Rule: Sync {
    fn check(&self, site: &Site, out: &mut Diagnostics);
}
