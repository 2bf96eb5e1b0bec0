//! Breach-notification laws: which ones bayan knows, the record fields they need
//! (`discovered`, `occurred`, `law_enforcement_delay`, `offer`, `contact.dpo`,
//! site.yaml's `credit_bureaus`), and what no program can judge.
//!
//! The fields are read and checked here, at load time, like any other field; what
//! each law demands of a whole advisory is checked in the link phase, one rule per
//! law (`link/legal/`), so `check --law`, `laws:` in site.yaml and watch mode share
//! one set of rules.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::text::{Checker, RawText, Text, pos_of};
use bayan_text::dates::When;
use bayan_text::diag::Pos;
use bayan_text::yaml::StringOr;

/// A law whose notice to individuals bayan can check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Law {
    /// The EU GDPR, Art. 34 (`gdpr`).
    Gdpr,
    /// The UK GDPR, Art. 34 (`uk-gdpr`).
    UkGdpr,
    /// Saudi Arabia's PDPL and its Implementing Regulation, Art. 24 (`sa-pdpl`).
    SaPdpl,
    /// California Civil Code 1798.82 (`ca`).
    Ca,
    /// Jordan's PDPL, Law 24/2023, Art. 20 (`jo-pdpl`).
    JoPdpl,
}

impl Law {
    /// Every law bayan knows, in the order messages list them.
    pub const ALL: [Law; 5] = [Law::Gdpr, Law::UkGdpr, Law::SaPdpl, Law::Ca, Law::JoPdpl];

    /// As written in `--law` and `laws:`.
    pub fn key(self) -> &'static str {
        match self {
            Law::Gdpr => "gdpr",
            Law::UkGdpr => "uk-gdpr",
            Law::SaPdpl => "sa-pdpl",
            Law::Ca => "ca",
            Law::JoPdpl => "jo-pdpl",
        }
    }

    /// The law written `s` (`gdpr`, `sa-pdpl`, …), if bayan knows it.
    pub fn parse(s: &str) -> Option<Law> {
        Law::ALL.into_iter().find(|l| l.key() == s.trim())
    }

    /// Every key, for messages: `gdpr, uk-gdpr, sa-pdpl, ca, jo-pdpl`.
    pub fn known() -> String {
        Law::ALL.map(Law::key).join(", ")
    }

    /// The law's name, for the checklist's heading.
    pub fn title(self) -> &'static str {
        match self {
            Law::Gdpr => "EU GDPR (Regulation 2016/679), Art. 34",
            Law::UkGdpr => "UK GDPR, Art. 34",
            Law::SaPdpl => "Saudi Personal Data Protection Law, Implementing Regulation Art. 24",
            Law::Ca => "California Civil Code 1798.82",
            Law::JoPdpl => "Jordan Personal Data Protection Law 24/2023, Art. 20",
        }
    }

    /// What the notice needs and no program can judge: the person signing the
    /// notice off answers these.
    pub fn checklist(self) -> &'static [&'static str] {
        const TRUTH: &str = "every statement is true and complete as far as you know today, and each language says the same as the others (translation fidelity)";
        match self {
            Law::Gdpr | Law::UkGdpr => &[
                "notice to individuals is required: the breach is likely to result in a high risk to their rights and freedoms (Art. 34(1)), and none of the exemptions of Art. 34(3) applies",
                "the supervisory authority was notified within 72 hours of becoming aware, or the delay is explained (Art. 33(1))",
                "the nature of the breach is described in clear and plain language (Art. 34(2))",
                "individuals are told without undue delay (Art. 34(1))",
                TRUTH,
            ],
            Law::SaPdpl => &[
                "notice to individuals is required: the breach may cause them harm or conflict with their rights or interests (Implementing Regulation Art. 24(5))",
                "SDAIA was notified within 72 hours of becoming aware of the breach (Implementing Regulation Art. 24(1))",
                "the notice is in simple, clear language and was sent without undue delay",
                "the controller's DPO, if one is appointed, is named in `contact.dpo`",
                TRUTH,
            ],
            Law::Ca => &[
                "notice is required: unencrypted personal information of California residents was, or is reasonably believed to have been, acquired by an unauthorised person (1798.82(a), (h))",
                "more than 500 California residents: a sample copy of the notice goes to the Attorney General within 15 days of notifying them (1798.82(f))",
                "if you were the source of the breach and SSN, driver's licence or state ID numbers were exposed, the offer of identity-theft prevention is in `offer` (1798.82(d)(2)(G)); a vendor listed under `vendors` is read as the source",
                "a theme that overrides bayan's templates or styles keeps the title, the five headings and type of at least 10 points (1798.82(d)(1))",
                TRUTH,
            ],
            Law::JoPdpl => &[
                "the breach is serious enough to require notice to individuals; the 24-hour limit applies to those (Art. 20)",
                "the Personal Data Protection Council (the regulator) was notified as the law and its instructions require",
                "the advice tells individuals the measures they should take",
                TRUTH,
            ],
        }
    }
}

impl std::fmt::Display for Law {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

/// Data classes whose exposure makes a California notice list the credit
/// reporting agencies (1798.82(d)(2)(G)).
pub const ID_NUMBERS: &[&str] = &["ssn", "drivers_license", "state_id"];

/// When the breach happened, as far as is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occurred {
    /// `occurred: unknown`: not possible to determine yet.
    Unknown,
    On(When),
    Between(When, When),
}

/// The data protection officer, or another named contact point.
#[derive(Debug, Clone)]
pub struct Dpo {
    pub name: Text,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// An offer of identity-theft prevention and mitigation services.
#[derive(Debug, Clone)]
pub struct Offer {
    pub provider: Text,
    pub months: u64,
    /// How to take it up: a code, an address, a deadline.
    pub enrol: Text,
    pub months_pos: Option<Pos>,
}

/// A credit reporting agency, as site.yaml's `credit_bureaus` lists it.
#[derive(Debug, Clone)]
pub struct Bureau {
    pub name: String,
    pub phone: String,
    pub address: String,
    pub url: Option<String>,
}

/// An incident's fields for the laws, with where they were written.
#[derive(Debug, Clone, Default)]
pub struct Legal {
    pub discovered: Option<When>,
    pub occurred: Option<Occurred>,
    pub law_enforcement_delay: Option<bool>,
    pub offer: Option<Offer>,
    pub published_pos: Option<Pos>,
}

/// A name as written: one string for every language, or a text map.
pub type RawName = Spanned<StringOr<BTreeMap<String, Spanned<String>>>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRange {
    from: Spanned<String>,
    to: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOffer {
    provider: RawName,
    months: Spanned<u64>,
    enrol: RawText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDpo {
    name: RawName,
    email: Option<Spanned<String>>,
    phone: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBureau {
    name: Spanned<String>,
    phone: Spanned<String>,
    address: Spanned<String>,
    url: Option<Spanned<String>>,
}

/// The legal fields of incident.yaml, as written.
pub struct RawLegal<'a> {
    pub published: &'a Spanned<String>,
    pub discovered: Option<&'a Spanned<String>>,
    pub occurred: Option<&'a Spanned<StringOr<RawRange>>>,
    pub law_enforcement_delay: Option<&'a Spanned<bool>>,
    pub offer: Option<&'a Spanned<RawOffer>>,
}

/// Checks the legal fields of an incident.
pub fn check_fields(c: &mut Checker, raw: RawLegal, tz: &jiff::tz::TimeZone) -> Legal {
    let date = |c: &mut Checker, s: &Spanned<String>, path: &str| {
        bayan_text::dates::parse(&s.value, tz)
            .map_err(|e| c.error(path, pos_of(s), e))
            .ok()
    };
    let discovered = raw.discovered.and_then(|d| date(c, d, "discovered"));
    let occurred = raw.occurred.and_then(|o| match &o.value {
        StringOr::Str(s) if s.trim() == "unknown" => Some(Occurred::Unknown),
        StringOr::Str(s) => {
            let spanned = Spanned::new(s.clone(), o.referenced, o.defined);
            let msg = |e: String| format!("{e}; or write `unknown` if the date cannot be determined yet, or `{{ from: …, to: … }}` for a range");
            match bayan_text::dates::parse(s, tz) {
                Ok(w) => Some(Occurred::On(w)),
                Err(e) => {
                    c.error("occurred", pos_of(&spanned), msg(e));
                    None
                }
            }
        }
        StringOr::Map(r) => {
            let from = date(c, &r.from, "occurred.from");
            let to = date(c, &r.to, "occurred.to");
            let (from, to) = (from?, to?);
            if to.ts < from.ts {
                c.error(
                    "occurred.to",
                    pos_of(&r.to),
                    format!(
                        "`{}` is earlier than `occurred.from` (`{}`)",
                        r.to.value.trim(),
                        r.from.value.trim()
                    ),
                );
                return None;
            }
            Some(Occurred::Between(from, to))
        }
    });
    if let (Some(Occurred::On(w) | Occurred::Between(w, _)), Some(d)) = (occurred, discovered)
        && w.ts > d.ts
    {
        c.error(
            "occurred",
            raw.occurred.and_then(pos_of),
            "is later than `discovered`: a breach is discovered after it begins",
        );
    }
    let offer = raw.offer.and_then(|o| {
        let o = &o.value;
        let provider = name(c, &o.provider, "offer.provider");
        let enrol = c.text(&o.enrol, "offer.enrol");
        if o.months.value == 0 {
            c.error(
                "offer.months",
                pos_of(&o.months),
                "must be a number of months, at least 1",
            );
        }
        Some(Offer {
            provider: provider?,
            months: o.months.value,
            enrol: enrol?,
            months_pos: pos_of(&o.months),
        })
    });
    Legal {
        discovered,
        occurred,
        law_enforcement_delay: raw.law_enforcement_delay.map(|b| b.value),
        offer,
        published_pos: pos_of(raw.published),
    }
}

/// A name: one string shown in every language, or a text in each.
pub fn name(c: &mut Checker, raw: &RawName, path: &str) -> Option<Text> {
    match &raw.value {
        StringOr::Str(s) => {
            let s = c.nonblank(&Spanned::new(s.clone(), raw.referenced, raw.defined), path)?;
            Some(Text::from_sources(
                c.langs.iter().map(|l| (l.clone(), s.clone())),
            ))
        }
        StringOr::Map(m) => {
            let mut clean = true;
            for (code, s) in m {
                clean &= c.no_hidden(s, &format!("{path}.{code}"));
            }
            let as_text: RawText = Spanned::new(m.clone(), raw.referenced, raw.defined);
            let text = c.text(&as_text, path)?;
            clean.then_some(text)
        }
    }
}

/// `contact.dpo`, in site.yaml or an incident.
pub fn dpo(c: &mut Checker, raw: &Spanned<RawDpo>, path: &str) -> Option<Dpo> {
    let d = &raw.value;
    let name = name(c, &d.name, &format!("{path}.name"));
    let email = d
        .email
        .as_ref()
        .and_then(|e| c.email(e, &format!("{path}.email")));
    let phone = d
        .phone
        .as_ref()
        .and_then(|p| crate::text::check_phone(c, p, &format!("{path}.phone")));
    if d.email.is_none() && d.phone.is_none() {
        c.error(
            path,
            pos_of(raw),
            "give an `email` or a `phone` (or both): the laws ask for the officer's contact details, not only a name",
        );
        return None;
    }
    Some(Dpo {
        name: name?,
        email,
        phone,
    })
}

/// site.yaml's `credit_bureaus`.
pub fn bureaus(c: &mut Checker, raw: &[Spanned<RawBureau>]) -> Vec<Bureau> {
    raw.iter()
        .enumerate()
        .filter_map(|(i, b)| {
            let path = format!("credit_bureaus[{i}]");
            let b = &b.value;
            let name = c.nonblank(&b.name, &format!("{path}.name"));
            let phone = crate::text::check_phone(c, &b.phone, &format!("{path}.phone"));
            let address = c.nonblank(&b.address, &format!("{path}.address"));
            let url = b
                .url
                .as_ref()
                .and_then(|u| c.url(u, &format!("{path}.url")));
            Some(Bureau {
                name: name?,
                phone: phone?,
                address: address?,
                url,
            })
        })
        .collect()
}

/// site.yaml's `laws`: each a known law, once.
pub fn laws(c: &mut Checker, raw: &[Spanned<String>]) -> Vec<Law> {
    let mut out = Vec::new();
    for (i, l) in raw.iter().enumerate() {
        let path = format!("laws[{i}]");
        match Law::parse(&l.value) {
            Some(law) if out.contains(&law) => {
                c.error(&path, pos_of(l), format!("`{law}` is listed twice"))
            }
            Some(law) => out.push(law),
            None => c.error_suggest(
                &path,
                pos_of(l),
                format!(
                    "unknown law `{}`; bayan knows: {}",
                    l.value.trim(),
                    Law::known()
                ),
                bayan_text::diag::nearest(l.value.trim(), Law::ALL.map(Law::key)),
            ),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_law_parses_from_its_key_and_has_a_checklist() {
        for law in Law::ALL {
            assert_eq!(Law::parse(law.key()), Some(law));
            assert!(!law.checklist().is_empty());
        }
        assert_eq!(Law::parse("hipaa"), None);
        assert_eq!(Law::known(), "gdpr, uk-gdpr, sa-pdpl, ca, jo-pdpl");
    }
}
