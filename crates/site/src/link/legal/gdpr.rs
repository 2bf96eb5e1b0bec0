//! GDPR and UK GDPR, Art. 34(2): the notice to data subjects describes the nature
//! of the breach in plain language and gives at least what Art. 33(3)(b)-(d)
//! lists: a contact point, the likely consequences and the measures taken. A
//! special category of data (Art. 9) exposed is named, as a warning.

use super::{NO_DPO, active, finding, has_dpo};
use crate::law::Law;
use crate::link::rule::Rule;
use crate::site::Site;
use bayan_text::diag::Diagnostics;

/// `gdpr` or `uk-gdpr`: the same articles in both.
pub struct Gdpr(pub Law);

impl Rule for Gdpr {
    fn check(&self, site: &Site, out: &mut Diagnostics) {
        let law = self.0;
        if !active(site, law) {
            return;
        }
        for inc in super::notices(site) {
            if !has_dpo(inc) {
                out.push(finding(site, inc, law, "Art. 34(2), 33(3)(b)", "contact.dpo",
                    None, &format!("the notice names the data protection officer or another contact point: {NO_DPO}")));
            }
            if inc.likely_consequences.is_none() {
                out.push(finding(site, inc, law, "Art. 34(2), 33(3)(c)", "likely_consequences",
                    None, "the notice describes the likely consequences of the breach: add `likely_consequences`"));
            }
            // Special categories (Art. 9) make a high risk likely: said, not judged.
            let groups = [
                ("exposed", &inc.data.exposed),
                ("possibly_exposed", &inc.data.possibly_exposed),
            ];
            for (group, items) in groups {
                for (i, item) in items.iter().enumerate().filter(|(_, d)| d.special) {
                    let mut d = finding(
                        site,
                        inc,
                        law,
                        "Art. 9(1), 34(1)",
                        &format!("data.{group}[{i}]"),
                        None,
                        &format!(
                            "`{}` is a special category of personal data; its breach is likely to result in a high risk to the people concerned, who are then told without undue delay",
                            item.id
                        ),
                    );
                    d.severity = bayan_text::diag::Severity::Warning;
                    out.push(d);
                }
            }
            if inc.actions.is_empty() {
                out.push(finding(site, inc, law, "Art. 34(2), 33(3)(d)", "actions",
                    None, "the notice describes the measures taken or proposed, including those to mitigate its effects: add them under `actions`"));
            }
        }
    }
}
