//! The legal-completeness lint: one rule per law (`check --law`, `laws:` in
//! site.yaml), each finding naming the field, the law and the article.
//!
//! A rule runs only when its law is in the site's laws (site.yaml's `laws:` with
//! `check --law`'s added), and only over the advisories being built or
//! scheduled, so a draft is judged once it is published (or with `--drafts`, or
//! `check --ready`), a scheduled one before its day; a withdrawn advisory is no
//! longer judged.

pub mod ca;
pub mod gdpr;
pub mod jo_pdpl;
pub mod sa_pdpl;

use crate::law::Law;
use crate::model::Incident;
use crate::site::Site;
use bayan_text::diag::{Diagnostic, Pos, display_path};

/// The advisories a law judges: every one being built or scheduled but the
/// withdrawn, which are no longer a notice to anyone.
pub fn notices(site: &Site) -> impl Iterator<Item = &Incident> {
    site.checked().filter(|i| i.withdrawn.is_none())
}

/// Whether `law` is to be checked on this site.
pub fn active(site: &Site, law: Law) -> bool {
    site.config.laws.contains(&law)
}

/// A finding on the advisory's own record: `ca Civil Code 1798.82(d)(2)(E): …`.
pub fn finding(
    site: &Site,
    inc: &Incident,
    law: Law,
    article: &str,
    path: &str,
    pos: Option<Pos>,
    message: &str,
) -> Diagnostic {
    let file = display_path(&site.config.root, &inc.dir.join("incident.yaml"));
    Diagnostic::error(&file, path, format!("{law} {article}: {message}")).at(pos)
}

/// A finding on site.yaml made by one advisory: the message names the advisory.
pub fn site_finding(
    inc: &Incident,
    law: Law,
    article: &str,
    path: &str,
    message: &str,
) -> Diagnostic {
    Diagnostic::error(
        crate::config::SITE_FILE,
        path,
        format!("{law} {article}: advisory `{}`: {message}", inc.id),
    )
}

/// Hours from the breach's discovery to its first notice, if `discovered` is
/// given. For a follow-up (`continues:`) that is the advisory that first told
/// of the breach, from its `discovered` (else the follow-up's).
pub fn hours_to_notice(site: &Site, inc: &Incident) -> Option<f64> {
    let breach = site.breach_of(inc);
    let d = breach.legal.discovered.or(inc.legal.discovered)?;
    let secs = breach.published.ts.as_second() - d.ts.as_second();
    Some(secs as f64 / 3600.0)
}

/// Whether a late notice is `inc`'s own finding: not a follow-up's, since the
/// advisory that first told of the breach carries it.
pub fn first_notice(site: &Site, inc: &Incident) -> bool {
    site.breach_of(inc).id == inc.id
}

/// The message for a missing `discovered`, which every deadline runs from.
pub const NO_DISCOVERED: &str = "the deadline runs from discovery: add `discovered:` with the date (or date-time) the breach was discovered";

/// Whether `contact.dpo` is given, in site.yaml or in the advisory.
pub fn has_dpo(inc: &Incident) -> bool {
    inc.contact.dpo.is_some()
}

/// The message for a missing `contact.dpo`.
pub const NO_DPO: &str = "add `contact.dpo: { name, email }` (or `phone`), in site.yaml for every advisory or in this one";
