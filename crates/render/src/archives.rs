//! The archive by data class and by vendor, so a reader can answer "was my phone
//! number ever part of a leak here?" without JavaScript: `{lang}/data/` lists
//! every data class any advisory names, with counts, and `{lang}/data/CLASS/`
//! the advisories where it was exposed or may have been and, apart, those that
//! say it was not; `{lang}/vendors/` and `{lang}/vendors/VENDOR/` do the same for
//! the third parties named. These pages span advisories, so they are site-wide
//! files (redone on every rebuild), and the sitemap lists them.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::emit::{Ctx, Emitter, KeyCx, LangPrep, ListKey, Out, Part};
use super::view::{Badge, LangCtx, PageMeta, Pagination};
use crate::page::{Paged, description_listing, meta};
use crate::sink::OutputFile;
use bayan_site::model::{DataItem, Incident, Vendor};
use bayan_site::site::{Page, Site};
use bayan_site::text::Text;
use bayan_text::error::Error;

/// Which of an advisory's data groups names a class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Exposed,
    PossiblyExposed,
    NotExposed,
}

impl Group {
    fn key(self) -> &'static str {
        match self {
            Group::Exposed => "exposed",
            Group::PossiblyExposed => "possibly_exposed",
            Group::NotExposed => "not_exposed",
        }
    }
}

/// One data class and every advisory that names it, newest first.
pub struct ClassEntry<'a> {
    pub id: &'a str,
    /// As the newest advisory naming it has it (an inline class's label may
    /// differ between advisories).
    pub label: &'a Text,
    pub hits: Vec<(&'a Incident, Group, &'a DataItem)>,
}

/// One vendor, by id, and every advisory that names it, newest first.
pub struct VendorEntry<'a> {
    pub id: &'a str,
    /// As the newest advisory naming it has it.
    pub vendor: &'a Vendor,
    pub hits: Vec<(&'a Incident, &'a Vendor)>,
}

/// Every data class any advisory names, by id.
pub fn classes(site: &Site) -> Vec<ClassEntry<'_>> {
    let mut by_id: BTreeMap<&str, ClassEntry> = BTreeMap::new();
    // The listed advisories (never a withdrawn one; drafts only in a preview),
    // newest first, so the first advisory met sets the label.
    for inc in site.listed() {
        let d = &inc.data;
        let groups = [
            (Group::Exposed, &d.exposed),
            (Group::PossiblyExposed, &d.possibly_exposed),
            (Group::NotExposed, &d.not_exposed),
        ];
        for (group, items) in groups {
            for item in items {
                by_id
                    .entry(&item.id)
                    .or_insert_with(|| ClassEntry {
                        id: &item.id,
                        label: &item.label,
                        hits: Vec::new(),
                    })
                    .hits
                    .push((inc, group, item));
            }
        }
    }
    by_id.into_values().collect()
}

/// Every vendor any advisory names, by id.
pub fn vendors(site: &Site) -> Vec<VendorEntry<'_>> {
    let mut by_id: BTreeMap<&str, VendorEntry> = BTreeMap::new();
    for inc in site.listed() {
        for v in &inc.vendors {
            by_id
                .entry(&v.id)
                .or_insert_with(|| VendorEntry {
                    id: &v.id,
                    vendor: v,
                    hits: Vec::new(),
                })
                .hits
                .push((inc, v));
        }
    }
    by_id.into_values().collect()
}

/// `{lang}/data/…` and `{lang}/vendors/…`.
pub struct Archives;

impl Emitter for Archives {
    fn site(&self, cx: &Ctx, part: Part, out: &Out) -> Result<(), Error> {
        // They list advisories, so they are redone when what lists show changes
        // (watch mode's list signature), not on every edit of a body.
        if part != Part::Lists {
            return Ok(());
        }
        let (classes, vendors) = (classes(cx.site), vendors(cx.site));
        cx.langs.par_iter().try_for_each(|lp| {
            data_pages(cx, lp, &classes, out)?;
            vendor_pages(cx, lp, &vendors, out)
        })
    }

    /// Its place: whether and when it is listed, and in each language every
    /// class it names, in which group, with its label (a class's row and pages
    /// take the newest advisory's), and every vendor with its name and address;
    /// what it shows: the advisory as each class's and vendor's page lists it.
    fn list_key(&self, cx: &KeyCx, inc: &Incident, key: &mut ListKey) {
        key.add_placement("archives", inc);
        let d = &inc.data;
        let groups = [
            (Group::Exposed, &d.exposed),
            (Group::PossiblyExposed, &d.possibly_exposed),
            (Group::NotExposed, &d.not_exposed),
        ];
        for lcx in &cx.langs {
            let lang = lcx.lang;
            // The item itself (made once per language), not its template value,
            // whose maps have no order.
            let listed = lcx.list_item(inc);
            for (group, items) in groups {
                for item in items {
                    let label = item.label.get(lang).plain();
                    key.place(&item.id, &(label, group.key()));
                    key.add(&item.id, &class_hit(lcx, &listed, group, item));
                }
            }
            for v in &inc.vendors {
                let name = v.name.get(lang).plain();
                key.place(&v.id, &(name, &v.url));
                key.add(&v.id, &vendor_hit(lcx, &listed, v));
            }
        }
    }
}

/// What the archive templates get as `archive`.
#[derive(Serialize)]
struct ArchiveView<'a> {
    /// On an index page: one row per class or vendor.
    rows: Vec<Row>,
    /// On a class's or vendor's page: its name, and the advisories in groups.
    name: Option<String>,
    url: Option<String>,
    groups: Vec<GroupView<'a>>,
    /// The index this page belongs to.
    index_href: String,
    /// A class's or vendor's page numbers, when its advisories take more than
    /// one page (`page_size` each, as the listing).
    pagination: Option<Pagination>,
}

#[derive(Serialize)]
struct Row {
    id: String,
    name: String,
    href: String,
    /// Counts in the page's digits: exposed or possibly exposed, then not
    /// exposed, for a class; advisories naming it, for a vendor.
    counts: Vec<String>,
}

#[derive(Serialize)]
struct GroupView<'a> {
    key: &'static str,
    icon: &'static str,
    title: String,
    help: String,
    count: String,
    items: Vec<HitView<'a, tera::Value>>,
}

#[derive(Serialize)]
struct HitView<'a, I> {
    /// The advisory's `view::ListItem` (for pages, as a template value).
    #[serde(flatten)]
    item: I,
    /// Which group of the advisory names the class: exposed or possibly exposed.
    how: Option<Badge>,
    /// The advisory's note on the class, or the vendor's role in it.
    note_html: Option<&'a str>,
    vendor_status: Option<Badge>,
}

/// An advisory as a data class's page lists it: its list item, whether the
/// class was exposed or possibly exposed, and the advisory's note on it.
fn class_hit<'a, I>(
    lcx: &LangCtx<'a>,
    listed: I,
    group: Group,
    item: &'a DataItem,
) -> HitView<'a, I> {
    HitView {
        item: listed,
        how: (group != Group::NotExposed).then(|| Badge {
            key: group.key(),
            label: lcx
                .i18n
                .strings
                .get(group.key())
                .cloned()
                .unwrap_or_default(),
        }),
        note_html: lcx.opt_html(&item.note),
        vendor_status: None,
    }
}

/// An advisory as a vendor's page lists it: its list item, the vendor's role
/// in it and its status.
fn vendor_hit<'a, I>(lcx: &LangCtx<'a>, listed: I, vendor: &'a Vendor) -> HitView<'a, I> {
    HitView {
        item: listed,
        how: None,
        note_html: lcx.opt_html(&vendor.role),
        vendor_status: vendor.status.map(|s| Badge {
            key: s.key(),
            label: lcx
                .i18n
                .vendor_status
                .get(s.key())
                .cloned()
                .unwrap_or_else(|| s.key().to_owned()),
        }),
    }
}

fn string(lp: &LangPrep, key: &str) -> String {
    lp.cx.i18n.strings.get(key).cloned().unwrap_or_default()
}

/// Orders rows as a reader scans them: by name, ignoring case.
fn by_name(rows: &mut [Row]) {
    rows.sort_by(|a, b| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then_with(|| a.id.cmp(&b.id))
    });
}

/// An archive's index page (`{lang}/data/`, `{lang}/vendors/`): a row per data
/// class or vendor, by name. `kind` is the page kind and the i18n key of its title.
fn index_page(
    cx: &Ctx,
    lp: &LangPrep,
    mut rows: Vec<Row>,
    (kind, title_key): (&'static str, &str),
    index: &Page,
    page_in: impl Fn(&bayan_text::lang::Lang) -> Page,
    out: &Out,
) -> Result<(), Error> {
    by_name(&mut rows);
    let title = string(lp, title_key);
    let view = ArchiveView {
        rows,
        name: None,
        url: None,
        groups: Vec::new(),
        index_href: index.href.clone(),
        pagination: None,
    };
    let m = page_meta(lp, kind, &title, index, page_in);
    render(cx, lp, "archive.html", m, &view, index.file.clone(), out)
}

fn render(
    cx: &Ctx,
    lp: &LangPrep,
    template: &str,
    m: PageMeta,
    view: &ArchiveView<'_>,
    file: String,
    out: &Out,
) -> Result<(), Error> {
    let mut c = lp.page_ctx(m, None, None).context();
    c.insert("archive", view);
    out.put(OutputFile::new(file, cx.theme.render(template, &c)?))
}

fn page_meta(
    lp: &LangPrep,
    kind: &'static str,
    title: &str,
    page: &Page,
    page_in: impl Fn(&bayan_text::lang::Lang) -> Page,
) -> PageMeta {
    let cx = &lp.cx;
    meta(
        cx,
        kind,
        cx.title_join(title, cx.plain(&cx.site.config.title)),
        description_listing(cx),
        page,
        page_in,
    )
}

fn data_pages<'a>(
    cx: &Ctx<'a>,
    lp: &LangPrep<'a>,
    classes: &[ClassEntry<'a>],
    out: &Out,
) -> Result<(), Error> {
    let (site, lang, lcx) = (cx.site, lp.lang(), &lp.cx);
    let routes = cx.routes;
    let index = routes.data_classes(lang);
    let number = |n: usize| bayan_text::dates::format_count(n as u64, site.config.digits(lang));
    if cx.all_lists() {
        let rows: Vec<Row> = classes
            .iter()
            .map(|c| {
                let not = c.hits.iter().filter(|h| h.1 == Group::NotExposed).count();
                Row {
                    id: c.id.to_owned(),
                    name: c.label.get(lang).plain(),
                    href: routes.data_class(lang, c.id).href,
                    counts: vec![number(c.hits.len() - not), number(not)],
                }
            })
            .collect();
        index_page(
            cx,
            lp,
            rows,
            ("data", "data_archive"),
            &index,
            |l| routes.data_classes(l),
            out,
        )?;
    }

    let size = site.config.page_size;
    let pages: Vec<_> = classes
        .iter()
        .flat_map(|c| {
            let (yes, no): (Vec<_>, Vec<_>) = c.hits.iter().partition(|h| h.1 != Group::NotExposed);
            let (yes, no) = (std::sync::Arc::new(yes), std::sync::Arc::new(no));
            Paged::all(c.hits.len(), size).map(move |p| (c, yes.clone(), no.clone(), p))
        })
        .collect();
    pages.par_iter().try_for_each(|(c, yes, no, paged)| {
        let on_page = paged.slice(yes, 0).into_iter().flatten();
        let on_page = on_page.chain(paged.slice(no, yes.len()).into_iter().flatten());
        if !cx.holds(on_page.map(|h: &&(&Incident, Group, &DataItem)| h.0)) {
            return Ok(());
        }
        let n = paged.n;
        let page = routes.data_class_page(lang, c.id, n);
        let name = c.label.get(lang).plain();
        let hit = |(inc, group, item): &(&'a Incident, Group, &'a DataItem)| {
            class_hit(lcx, cx.item(lp, inc), *group, item)
        };
        let group = |key,
                     icon,
                     title: &str,
                     help: &str,
                     total: usize,
                     hits: &[&(&'a Incident, Group, &'a DataItem)]| {
            GroupView {
                key,
                icon,
                title: string(lp, title),
                help: string(lp, help),
                count: number(total),
                items: hits.iter().map(|h| hit(h)).collect(),
            }
        };
        // The exposed hits, then those that say the class was not exposed, cut
        // into pages; a group shows on the pages that hold its hits (an empty
        // one where its hits would start, to say it has none).
        let mut groups = Vec::new();
        if let Some(on_page) = paged.slice(yes, 0) {
            groups.push(group(
                "exposed",
                "cross",
                "exposed_or_possibly",
                "exposed_or_possibly_help",
                yes.len(),
                on_page,
            ));
        }
        if let Some(on_page) = paged.slice(no, yes.len()) {
            groups.push(group(
                "not-exposed",
                "check",
                "not_exposed_in",
                "not_exposed_in_help",
                no.len(),
                on_page,
            ));
        }
        let view = ArchiveView {
            rows: Vec::new(),
            name: Some(name.clone()),
            url: None,
            groups,
            index_href: index.href.clone(),
            pagination: paged.view(lcx, |k| routes.data_class_page(lang, c.id, k)),
        };
        let title = paged.title(lcx, lcx.title_join(&name, &string(lp, "data_archive")));
        let mut m = page_meta(lp, "data-class", &title, &page, |l| {
            routes.data_class_page(l, c.id, n)
        });
        paged.link(&mut m, |k| routes.data_class_page(lang, c.id, k));
        render(cx, lp, "archive.html", m, &view, page.file, out)
    })
}

fn vendor_pages<'a>(
    cx: &Ctx<'a>,
    lp: &LangPrep<'a>,
    vendors: &[VendorEntry<'a>],
    out: &Out,
) -> Result<(), Error> {
    let (site, lang, lcx) = (cx.site, lp.lang(), &lp.cx);
    let routes = cx.routes;
    let index = routes.vendors(lang);
    let number = |n: usize| bayan_text::dates::format_count(n as u64, site.config.digits(lang));
    if cx.all_lists() {
        let rows: Vec<Row> = vendors
            .iter()
            .map(|v| Row {
                id: v.id.to_owned(),
                name: v.vendor.name.get(lang).plain(),
                href: routes.vendor(lang, v.id).href,
                counts: vec![number(v.hits.len())],
            })
            .collect();
        index_page(
            cx,
            lp,
            rows,
            ("vendors", "vendors_archive"),
            &index,
            |l| routes.vendors(l),
            out,
        )?;
    }

    let size = site.config.page_size;
    let pages: Vec<_> = vendors
        .iter()
        .flat_map(|v| Paged::all(v.hits.len(), size).map(move |p| (v, p)))
        .collect();
    pages.par_iter().try_for_each(|(v, paged)| {
        if !cx.holds(paged.items(&v.hits).iter().map(|h| h.0)) {
            return Ok(());
        }
        let n = paged.n;
        let page = routes.vendor_page(lang, v.id, n);
        let name = v.vendor.name.get(lang).plain();
        let items = paged
            .items(&v.hits)
            .iter()
            .map(|(inc, vendor)| vendor_hit(lcx, cx.item(lp, inc), vendor))
            .collect();
        let view = ArchiveView {
            rows: Vec::new(),
            name: Some(name.clone()),
            url: v.vendor.url.clone(),
            groups: vec![GroupView {
                key: "vendor",
                icon: "list",
                title: string(lp, "vendor_advisories"),
                help: String::new(),
                count: number(v.hits.len()),
                items,
            }],
            index_href: index.href.clone(),
            pagination: paged.view(lcx, |k| routes.vendor_page(lang, v.id, k)),
        };
        let title = paged.title(lcx, lcx.title_join(&name, &string(lp, "vendors_archive")));
        let mut m = page_meta(lp, "vendor", &title, &page, |l| {
            routes.vendor_page(l, v.id, n)
        });
        paged.link(&mut m, |k| routes.vendor_page(lang, v.id, k));
        render(cx, lp, "archive.html", m, &view, page.file, out)
    })
}
