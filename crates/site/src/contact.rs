//! Contact details: the site's, in `site.yaml`, and an incident's, whose fields
//! each merge over the site's.

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::text::{Checker, RawText, Text, check_phone};

/// Contact details; in an incident every field is optional and merges over the
/// site's, so one struct serves both and `email` is checked where it is required.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawContact {
    pub email: Option<Spanned<String>>,
    pub phone: Option<Spanned<String>>,
    pub url: Option<Spanned<String>>,
    pub hours: Option<RawText>,
    /// The data protection officer or another named contact point (see crate::law).
    pub dpo: Option<Spanned<crate::law::RawDpo>>,
}

#[derive(Debug, Clone, Default)]
pub struct Contact {
    pub email: String,
    pub phone: Option<String>,
    pub url: Option<String>,
    pub hours: Option<Text>,
    pub dpo: Option<crate::law::Dpo>,
}

#[derive(Debug, Clone, Default)]
pub struct ContactOverride {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub url: Option<String>,
    pub hours: Option<Text>,
    pub dpo: Option<crate::law::Dpo>,
}

impl Contact {
    /// The incident's contact merged over the site's, field by field.
    pub fn merged(&self, o: &ContactOverride) -> Contact {
        Contact {
            email: o.email.clone().unwrap_or_else(|| self.email.clone()),
            phone: o.phone.clone().or_else(|| self.phone.clone()),
            url: o.url.clone().or_else(|| self.url.clone()),
            hours: o.hours.clone().or_else(|| self.hours.clone()),
            dpo: o.dpo.clone().or_else(|| self.dpo.clone()),
        }
    }
}

pub fn site_contact(c: &mut Checker, raw: &RawContact) -> Option<Contact> {
    if raw.email.is_none() {
        c.error(
            "contact.email",
            None,
            "missing required key `email`: readers need an address to write to",
        );
        return None;
    }
    // Checks `email` too: checking it here as well would report each problem twice.
    let overrides = contact_fields(c, raw, "contact");
    Some(Contact {
        email: overrides.email?,
        phone: overrides.phone,
        url: overrides.url,
        hours: overrides.hours,
        dpo: overrides.dpo,
    })
}

/// The optional fields of a contact, checked; `email` included when given.
pub fn contact_fields(c: &mut Checker, raw: &RawContact, path: &str) -> ContactOverride {
    ContactOverride {
        email: raw
            .email
            .as_ref()
            .and_then(|e| c.email(e, &format!("{path}.email"))),
        phone: raw
            .phone
            .as_ref()
            .and_then(|p| check_phone(c, p, &format!("{path}.phone"))),
        url: raw
            .url
            .as_ref()
            .and_then(|u| c.url(u, &format!("{path}.url"))),
        hours: c.opt_text(&raw.hours, &format!("{path}.hours")),
        dpo: raw
            .dpo
            .as_ref()
            .and_then(|d| crate::law::dpo(c, d, &format!("{path}.dpo"))),
    }
}
