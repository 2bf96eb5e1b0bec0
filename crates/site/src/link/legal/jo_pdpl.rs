//! Jordan PDPL (Law 24/2023) Art. 20: affected individuals are told of a serious
//! breach within 24 hours of its discovery, with the measures they should take
//! (the advice every advisory has). The law gives no exception for a
//! law-enforcement investigation.

use super::{NO_DISCOVERED, active, finding, first_notice, hours_to_notice};
use crate::law::Law;
use crate::link::rule::Rule;
use crate::site::Site;
use bayan_text::diag::Diagnostics;

pub struct JoPdpl;

/// Hours from discovery to the notice.
const LIMIT_HOURS: f64 = 24.0;

impl Rule for JoPdpl {
    fn check(&self, site: &Site, out: &mut Diagnostics) {
        let law = Law::JoPdpl;
        if !active(site, law) {
            return;
        }
        for inc in super::notices(site) {
            match hours_to_notice(site, inc) {
                None => out.push(finding(site, inc, law, "Art. 20", "discovered", None,
                    &format!("individuals are told within 24 hours of discovery; {NO_DISCOVERED}"))),
                Some(h) if h > LIMIT_HOURS && first_notice(site, inc) => out.push(finding(site, inc, law, "Art. 20", "published",
                    inc.legal.published_pos,
                    &format!("published {} after `discovered`; individuals must be told of a serious breach within 24 hours of its discovery", super::ca::duration(h)))),
                Some(_) => {}
            }
        }
    }
}
