//! What templates see of the fields breach-notification laws ask for: the dates of
//! the breach, the DPO, an identity-theft offer and the credit reporting agencies
//! (see bayan_site::law), ready to print in the page's language.

use serde::Serialize;

use super::{DateView, LangCtx, tel_uri};
use bayan_site::law::Occurred;
use bayan_site::model::Incident;

#[derive(Serialize)]
pub struct LegalView {
    pub discovered: Option<DateView>,
    /// "9 November 2025", "1 to 9 November 2025", "Not yet known".
    pub occurred: Option<String>,
    pub law_enforcement_delay: Option<bool>,
    pub dpo: Option<DpoView>,
    pub offer: Option<OfferView>,
    /// Listed only when the advisory exposes SSN, driver's licence or state ID
    /// numbers, the case in which readers need them.
    pub credit_bureaus: Vec<BureauView>,
}

#[derive(Serialize)]
pub struct DpoView {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub phone_uri: Option<String>,
}

#[derive(Serialize)]
pub struct OfferView {
    pub provider_html: String,
    /// "12 months of identity-theft prevention …", in the page's plural form.
    pub text: String,
    pub enrol_html: String,
}

#[derive(Serialize)]
pub struct BureauView {
    pub name: String,
    pub phone: String,
    pub phone_uri: String,
    pub address: String,
    pub url: Option<String>,
}

pub fn legal(cx: &LangCtx, inc: &Incident) -> LegalView {
    let s = |k: &str| cx.i18n.strings.get(k).cloned().unwrap_or_default();
    let l = &inc.legal;
    let occurred = l.occurred.map(|o| match o {
        Occurred::Unknown => s("occurred_unknown"),
        Occurred::On(w) => cx.date(w).text,
        Occurred::Between(a, b) => s("occurred_range")
            .replace("{from}", &cx.date(a).text)
            .replace("{to}", &cx.date(b).text),
    });
    let dpo = inc.contact.dpo.as_ref().map(|d| DpoView {
        name: d.name.get(cx.lang).plain(),
        email: d.email.clone(),
        phone: d.phone.clone(),
        phone_uri: d.phone.as_deref().map(tel_uri),
    });
    let offer = l.offer.as_ref().map(|o| OfferView {
        provider_html: cx.html(&o.provider).to_owned(),
        text: s("offer_text").replace("{months}", &cx.counted("offer_months", o.months as usize)),
        enrol_html: cx.html(&o.enrol).to_owned(),
    });
    let needs_bureaus = !bayan_site::link::id_numbers(inc).is_empty();
    let credit_bureaus = cx
        .site
        .config
        .credit_bureaus
        .iter()
        .filter(|_| needs_bureaus)
        .map(|b| BureauView {
            name: b.name.clone(),
            phone: b.phone.clone(),
            phone_uri: tel_uri(&b.phone),
            address: b.address.clone(),
            url: b.url.clone(),
        })
        .collect();
    LegalView {
        discovered: l.discovered.map(|w| cx.date(w)),
        occurred,
        law_enforcement_delay: l.law_enforcement_delay,
        dpo,
        offer,
        credit_bureaus,
    }
}
