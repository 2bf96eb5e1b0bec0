//! California Civil Code 1798.82 (as amended by SB 446, in force 2026-01-01): the
//! notice's content under (d)(2), its deadline of 30 calendar days from discovery
//! under (a), which a law-enforcement investigation may extend under (c). The
//! title, the five headings and the 10-point type are the page's
//! (`notice-ca.html`), not the record's.

use super::{NO_DISCOVERED, active, finding, first_notice, hours_to_notice, site_finding};
use crate::law::{ID_NUMBERS, Law};
use crate::link::rule::Rule;
use crate::model::Incident;
use crate::site::Site;
use bayan_text::diag::{Diagnostics, Severity};

pub struct Ca;

const LIMIT_DAYS: f64 = 30.0;
const MIN_OFFER_MONTHS: u64 = 12;

/// `30 hours`, `2 days and 3 hours`, for messages.
pub fn duration(hours: f64) -> String {
    let h = hours.ceil() as u64;
    let (d, h) = (h / 24, h % 24);
    let hours = bayan_text::plural::en(h as usize, "hour", "hours");
    match d {
        0 => hours,
        _ if h == 0 => bayan_text::plural::en(d as usize, "day", "days"),
        _ => format!(
            "{} and {hours}",
            bayan_text::plural::en(d as usize, "day", "days")
        ),
    }
}

/// The SSN, driver's licence and state ID classes this advisory lists as exposed
/// or possibly exposed.
pub fn id_numbers(inc: &Incident) -> Vec<&str> {
    inc.data
        .exposed
        .iter()
        .chain(&inc.data.possibly_exposed)
        .map(|d| d.id.as_str())
        .filter(|id| ID_NUMBERS.contains(id))
        .collect()
}

impl Rule for Ca {
    fn check(&self, site: &Site, out: &mut Diagnostics) {
        let law = Law::Ca;
        if !active(site, law) {
            return;
        }
        for inc in super::notices(site) {
            let mut push = |article: &str, path: &str, pos, msg: &str| {
                out.push(finding(
                    site,
                    inc,
                    law,
                    &format!("Civil Code 1798.82{article}"),
                    path,
                    pos,
                    msg,
                ))
            };
            match hours_to_notice(site, inc) {
                None => push(
                    "(a)",
                    "discovered",
                    None,
                    &format!("notice is due within 30 days of discovery; {NO_DISCOVERED}"),
                ),
                Some(h)
                    if h > LIMIT_DAYS * 24.0
                        && inc.legal.law_enforcement_delay != Some(true)
                        && first_notice(site, inc) =>
                {
                    push(
                        "(a)",
                        "published",
                        inc.legal.published_pos,
                        &format!(
                            "published {} after `discovered`; notice is due within 30 calendar days of discovery, unless a law-enforcement investigation delayed it (then `law_enforcement_delay: true`, 1798.82(c))",
                            duration(h)
                        ),
                    )
                }
                Some(_) => {}
            }
            if inc.legal.occurred.is_none() {
                push(
                    "(d)(2)(C)",
                    "occurred",
                    None,
                    "the notice gives the date, the estimated date or the date range of the breach: add `occurred: 2025-11-09` or `occurred: { from: …, to: … }`, or `occurred: unknown` if it cannot be determined yet",
                );
            }
            if inc.legal.law_enforcement_delay.is_none() {
                push(
                    "(d)(2)(E)",
                    "law_enforcement_delay",
                    None,
                    "the notice says whether a law-enforcement investigation delayed it: add `law_enforcement_delay: false` (or `true`)",
                );
            }
            if inc.data.exposed.is_empty() && inc.data.possibly_exposed.is_empty() {
                push(
                    "(d)(2)(B)",
                    "data.exposed",
                    None,
                    "the notice lists the types of personal information that were, or are reasonably believed to have been, breached: list them under `data.exposed` or `data.possibly_exposed`",
                );
            }
            if let Some(o) = &inc.legal.offer
                && o.months < MIN_OFFER_MONTHS
            {
                push(
                    "(d)(2)(G)",
                    "offer.months",
                    o.months_pos,
                    &format!(
                        "identity-theft prevention and mitigation services are offered for at least 12 months, not {}",
                        o.months
                    ),
                );
            }
            if inc
                .data
                .exposed
                .iter()
                .chain(&inc.data.possibly_exposed)
                .any(|d| d.id == "government_ids")
            {
                let mut d = finding(
                    site,
                    inc,
                    law,
                    "Civil Code 1798.82(d)(2)(G)",
                    "data",
                    None,
                    "`government_ids` is listed: if these include social security, driver's licence or California ID numbers, list them as `ssn`, `drivers_license` or `state_id`, which make the notice name the credit reporting agencies",
                );
                d.severity = Severity::Warning;
                out.push(d);
            }
            let ids = id_numbers(inc);
            if ids.is_empty() {
                continue;
            }
            let listed = ids
                .iter()
                .map(|i| format!("`{i}`"))
                .collect::<Vec<_>>()
                .join(", ");
            if site.config.credit_bureaus.is_empty() {
                out.push(site_finding(inc, law, "Civil Code 1798.82(d)(2)(G)", "credit_bureaus",
                    &format!("exposes {listed}, so the notice gives the toll-free numbers and addresses of the major credit reporting agencies: list them under `credit_bureaus:` (`{{ name, phone, address }}`)")));
            }
            if inc.vendors.is_empty() && inc.legal.offer.is_none() {
                out.push(finding(site, inc, law, "Civil Code 1798.82(d)(2)(G)", "offer", None,
                    &format!("exposes {listed} and names no vendor, so you were the source of the breach: offer identity-theft prevention and mitigation services at no cost for at least 12 months, as `offer: {{ provider, months, enrol }}`")));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::duration;

    #[test]
    fn durations_read_in_days_and_hours() {
        assert_eq!(duration(30.0), "1 day and 6 hours");
        assert_eq!(duration(48.0), "2 days");
        assert_eq!(duration(0.5), "1 hour");
    }
}
