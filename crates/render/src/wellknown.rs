//! The small files hosts and crawlers look for: `robots.txt`, `.nojekyll` and an
//! RFC 9116 `security.txt` built from the site's contact (with CSAF's `CSAF:`
//! field where bayan is a CSAF provider).

use super::emit::{Ctx, Emitter, Out, Part};
use crate::sink::OutputFile;
use bayan_site::site::Site;
use bayan_text::error::Error;

/// `robots.txt`, `.nojekyll` and `.well-known/security.txt`.
pub struct WellKnown;

impl Emitter for WellKnown {
    fn site(&self, cx: &Ctx, part: Part, out: &Out) -> Result<(), Error> {
        if part != Part::Shared {
            return Ok(());
        }
        files(cx.site).into_iter().try_for_each(|f| out.put(f))
    }
}

fn files(site: &Site) -> Vec<OutputFile> {
    let r = site.routes();
    let c = &site.config;
    // A preview (drafts and scheduled advisories built) must never be indexed,
    // wherever it is hosted.
    let robots = if site.preview {
        "User-agent: *\nDisallow: /\n".to_owned()
    } else {
        format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            site.file_abs(r.sitemap())
        )
    };
    let mut sec = format!("Contact: mailto:{}\n", c.contact.email);
    if let Some(phone) = &c.contact.phone {
        sec.push_str(&format!("Contact: {}\n", super::view::tel_uri(phone)));
    }
    if let Some(url) = c.contact.url.as_ref().filter(|u| u.starts_with("https://")) {
        sec.push_str(&format!("Contact: {url}\n"));
    }
    // RFC 9116 asks for an expiry under a year ahead; the build's "now" is
    // SOURCE_DATE_EPOCH when set, so the file stays reproducible.
    let expires = site
        .now
        .checked_add(jiff::SignedDuration::from_hours(24 * 365))
        .unwrap_or(site.now);
    sec.push_str(&format!(
        "Expires: {}\n",
        expires.strftime("%Y-%m-%dT%H:%M:%SZ")
    ));
    let langs: Vec<&str> = c.languages.iter().map(|l| l.as_str()).collect();
    sec.push_str(&format!("Preferred-Languages: {}\n", langs.join(", ")));
    sec.push_str(&format!("Canonical: {}\n", site.file_abs(r.security_txt())));
    // CSAF's requirement 8, for a provider: only at an https host root is this
    // file (and the provider metadata) where CERTs and aggregators look.
    if r.at_https_host_root() {
        sec.push_str(&format!(
            "CSAF: {}\n",
            site.file_abs(&r.csaf_provider_metadata())
        ));
    }
    vec![
        OutputFile::new(r.robots(), robots),
        OutputFile::new(r.nojekyll(), ""),
        OutputFile::new(r.security_txt(), sec),
    ]
}
