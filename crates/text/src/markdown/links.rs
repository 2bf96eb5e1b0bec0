//! The link policy: which targets a link or an image may have, how attachments
//! resolve, and how an address shown as text may wrap.

use pulldown_cmark::{CowStr, Event, LinkType, Tag};

use super::addresses::*;
use super::dialect::{Problem, scheme_allowed, scheme_of};
use super::writer::Writer;

/// The advisory id in a root-relative address of an advisory page
/// (`/notices/ar/incidents/ID/`, `/en/incidents/ID/index.html#x`), for the hint
/// to write `../ID/` instead.
fn site_address_of_advisory(dest: &str) -> Option<&str> {
    let path = dest.strip_prefix('/')?;
    let path = path.split(['#', '?']).next().unwrap_or("");
    let parts: Vec<&str> = path.split('/').collect();
    let i = parts.iter().position(|p| *p == "incidents")?;
    let id = *parts.get(i + 1)?;
    (i >= 1 && crate::ids::IncidentId::valid(id)).then_some(id)
}

impl Writer<'_, '_> {
    /// An address shown as a link's text, with break opportunities (`<wbr>`) where a
    /// reader expects a long one to wrap on a phone: after `@` and `//`, before `.`,
    /// `/`, `?`, `#`, `&` and `=`. `<wbr>` adds no character, so a copy stays exact.
    pub(super) fn breakable(&mut self, addr: &str) {
        for (i, piece) in break_points(addr).into_iter().enumerate() {
            if i > 0 {
                self.html("<wbr>".into());
            }
            self.out.push(Event::Text(CowStr::from(piece.to_owned())));
        }
    }

    pub(super) fn open_link(
        &mut self,
        link_type: LinkType,
        dest: &str,
        title: &str,
        offset: usize,
    ) {
        let autolink = matches!(link_type, LinkType::Autolink | LinkType::Email);
        let dest = if link_type == LinkType::Email && !dest.starts_with("mailto:") {
            format!("mailto:{dest}")
        } else {
            dest.to_owned()
        };
        let resolved = match self.advisory_link(&dest) {
            Some(Ok((href, found))) => {
                self.cross.push(super::CrossRef { offset, ..found });
                Ok(href)
            }
            Some(Err(message)) => Err(message),
            None => self.resolve(&dest, false),
        };
        match resolved {
            Ok(href) => {
                self.html(anchor(&href, title, autolink));
                self.link_stack.push(true);
            }
            Err(message) => {
                self.problems.push(Problem { offset, message });
                self.link_stack.push(false);
            }
        }
    }

    pub(super) fn open_image(&mut self, dest: &str, title: &str, offset: usize) {
        // The alt text arrives as the following events and the HTML writer puts it
        // in `alt`; only the source is checked and rewritten here.
        match self.resolve(dest, true) {
            Ok(src) => self.out.push(Event::Start(Tag::Image {
                link_type: LinkType::Inline,
                dest_url: CowStr::from(src),
                title: CowStr::from(title.to_owned()),
                id: CowStr::from(""),
            })),
            Err(message) => {
                // The alt text that follows stays visible as plain text.
                self.problems.push(Problem { offset, message });
                self.image_stack.push(false);
                return;
            }
        }
        self.image_stack.push(true);
    }

    /// A link to another advisory, `../ID/` with an optional `#anchor`: the URL
    /// of that advisory's page in this language, its id and the decoded anchor;
    /// `None` when `dest` is not written as one.
    fn advisory_link(&self, dest: &str) -> Option<Result<(String, super::CrossRef), String>> {
        let dest = dest.trim();
        let rest = dest.strip_prefix("../")?;
        let (path, fragment) = match rest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (rest, None),
        };
        let id = path.strip_suffix('/').unwrap_or(path);
        let Some(links) = self.links.advisories else {
            return Some(Err(format!(
                "`{dest}` links to another advisory, which only an advisory's texts and bodies can"
            )));
        };
        if id.contains(['/', '?']) || id.is_empty() {
            return Some(Err(format!(
                "`{dest}`: a link to another advisory is `../ID/`, or `../ID/#anchor` for a place on its page"
            )));
        }
        if !crate::ids::IncidentId::valid(id) {
            return Some(Err(format!(
                "`{dest}`: `{id}` is not an advisory id (an incident folder's name: lower-case letters, digits and hyphens)"
            )));
        }
        let mut href = links.routes.incident(links.lang, id).href;
        let anchor = fragment.filter(|f| !f.is_empty()).map(|f| {
            href.push('#');
            href.push_str(f);
            percent_decode(f)
        });
        Some(Ok((
            href,
            super::CrossRef {
                offset: 0,
                id: id.to_owned(),
                anchor,
            },
        )))
    }

    /// Checks a link or image target and returns the URL to write.
    pub(super) fn resolve(&self, dest: &str, image: bool) -> Result<String, String> {
        let dest = dest.trim();
        if let Some(scheme) = scheme_of(dest) {
            if image {
                return Err(format!(
                    "image `{dest}` is on another host; put the file in the incident's folder and link it by name, since pages never load anything from elsewhere"
                ));
            }
            if scheme_allowed(dest) {
                return crate::spoof::check_url(dest)
                    .map(|()| dest.to_owned())
                    .map_err(|why| format!("link `{dest}` {why}"));
            }
            return Err(format!(
                "link `{dest}` uses `{scheme}:`; links may use only http, https, mailto or tel"
            ));
        }
        if dest.starts_with("//") {
            return Err(format!(
                "link `{dest}` has no scheme; write it with https://"
            ));
        }
        if !image && dest.starts_with('#') {
            return Ok(dest.to_owned());
        }
        let name = dest.strip_prefix("./").unwrap_or(dest);
        let mut decoded = percent_decode(name);
        // `report.pdf#page=2`: the file, then its fragment or query as written.
        let mut suffix = "";
        if let Some(i) = name.find(['#', '?']) {
            let file = percent_decode(&name[..i]);
            if self
                .links
                .attachments
                .is_some_and(|f| !f.contains(&decoded))
            {
                (decoded, suffix) = (file, &name[i..]);
            }
        }
        if !image && let Some(id) = site_address_of_advisory(dest) {
            return Err(format!(
                "`{dest}` is an address on this site; to link another advisory write `../{id}/` (or `../{id}/#anchor`), and bayan writes its address for each language, base path and url_style"
            ));
        }
        match self.links.attachments {
            Some(files) if files.contains(&decoded) => Ok(format!(
                "{}{}{suffix}",
                self.links.attachment_base,
                percent_encode(&decoded)
            )),
            Some(files) => {
                let hint = crate::diag::nearest(&decoded, files.iter().map(String::as_str))
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                Err(format!(
                    "`{dest}` is not a file in this incident's folder{hint}"
                ))
            }
            None => Err(format!(
                "`{dest}` is not a full URL; texts may link only to http, https, mailto or tel addresses"
            )),
        }
    }
}
