//! What templates see of the fields breach-notification laws ask for: the dates of
//! the breach, the DPO, an identity-theft offer and the credit reporting agencies
//! (see crate::law), ready to print in the page's language.

use serde::Serialize;

use super::view::{DateView, LangCtx, tel_uri};
use crate::law::Occurred;
use crate::model::Incident;

#[derive(Serialize)]
pub(crate) struct LegalView {
    pub(crate) discovered: Option<DateView>,
    /// "9 November 2025", "1 to 9 November 2025", "Not yet known".
    pub(crate) occurred: Option<String>,
    pub(crate) law_enforcement_delay: Option<bool>,
    pub(crate) dpo: Option<DpoView>,
    pub(crate) offer: Option<OfferView>,
    /// Listed only when the advisory exposes SSN, driver's licence or state ID
    /// numbers, the case in which readers need them.
    pub(crate) credit_bureaus: Vec<BureauView>,
}

#[derive(Serialize)]
pub(crate) struct DpoView {
    pub(crate) name: String,
    pub(crate) email: Option<String>,
    pub(crate) phone: Option<String>,
    pub(crate) phone_uri: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct OfferView {
    pub(crate) provider_html: String,
    /// "12 months of identity-theft prevention …", in the page's plural form.
    pub(crate) text: String,
    pub(crate) enrol_html: String,
}

#[derive(Serialize)]
pub(crate) struct BureauView {
    pub(crate) name: String,
    pub(crate) phone: String,
    pub(crate) phone_uri: String,
    pub(crate) address: String,
    pub(crate) url: Option<String>,
}

pub(crate) fn legal(cx: &LangCtx, inc: &Incident) -> LegalView {
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
    let needs_bureaus = !crate::link::id_numbers(inc).is_empty();
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
