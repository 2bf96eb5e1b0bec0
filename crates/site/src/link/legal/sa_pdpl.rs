//! Saudi PDPL, Implementing Regulation Art. 24(5): the notice to the data subject
//! describes the incident (a), the possible risks and the measures taken to prevent
//! or reduce them (b), names the controller and its DPO if there is one (c), and
//! gives advice (d). Advice and the controller's contact every advisory has already.

use super::{NO_DPO, active, finding, has_dpo};
use crate::law::Law;
use crate::link::rule::Rule;
use crate::site::Site;
use bayan_text::diag::Diagnostics;

pub struct SaPdpl;

impl Rule for SaPdpl {
    fn check(&self, site: &Site, out: &mut Diagnostics) {
        let law = Law::SaPdpl;
        if !active(site, law) {
            return;
        }
        for inc in super::notices(site) {
            if inc.likely_consequences.is_none() {
                out.push(finding(
                    site,
                    inc,
                    law,
                    "Implementing Regulation Art. 24(5)(b)",
                    "likely_consequences",
                    None,
                    "the notice states the possible risks of the breach: add `likely_consequences`",
                ));
            }
            if inc.actions.is_empty() {
                out.push(finding(site, inc, law, "Implementing Regulation Art. 24(5)(b)", "actions",
                    None, "the notice states the measures taken to prevent or reduce the risks: add them under `actions`"));
            }
            if !has_dpo(inc) {
                let mut d = finding(
                    site,
                    inc,
                    law,
                    "Implementing Regulation Art. 24(5)(c)",
                    "contact.dpo",
                    None,
                    &format!(
                        "the notice names the controller's data protection officer, if one is appointed: {NO_DPO}"
                    ),
                );
                d.severity = bayan_text::diag::Severity::Warning;
                out.push(d);
            }
        }
    }
}
