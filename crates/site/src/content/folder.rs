//! What an incident's folder holds beside incident.yaml: its attachments and its
//! Markdown bodies, read and checked.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::model::*;
use crate::text::language_name;
use bayan_text::diag::{Diagnostic, Diagnostics, Pos, display_path, offset_pos, positions};
use bayan_text::lang::Lang;
use bayan_text::markdown::{self, LinkContext};

const MAX_BODY_BYTES: u64 = 8 * 1024 * 1024;
const ATTACHMENT_TYPES: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "svg", "pdf", "txt", "csv",
];

/// The files beside `incident.yaml` that readers can open, and what is wrong with
/// the folder's other entries.
fn attachments(config: &Config, dir: &Path, langs: &[Lang]) -> (Attachments, Diagnostics) {
    let root = &config.root;
    let mut diags = Diagnostics::default();
    let mut files = BTreeMap::new();
    let mut folded: BTreeMap<String, String> = BTreeMap::new();
    let entries = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name();
    for e in entries.into_iter().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let shown = display_path(root, e.path());
        if bayan_text::fsx::is_ignored(&e.file_name().to_string_lossy())
            || name == "incident.yaml"
            || name == crate::translations::FILE
        {
            continue;
        }
        if let Some(lang) = name.strip_suffix(".md") {
            // As with texts: the body of a language the site does not publish yet is
            // kept for later when every site language has its own.
            let published = langs.iter().any(|l| l.as_str() == lang);
            let prepared = || {
                Lang::parse(lang).is_some()
                    && langs.iter().all(|l| dir.join(format!("{l}.md")).is_file())
            };
            if !published && !prepared() {
                let codes: Vec<&str> = langs.iter().map(Lang::as_str).collect();
                diags.push(
                    Diagnostic::error(&shown, "", format!("`{lang}` is not one of the site's languages ({}); rename or remove this body", codes.join(", ")))
                        .suggest(bayan_text::diag::nearest(lang, codes.iter().copied()).map(|l| format!("{l}.md"))),
                );
            }
            continue;
        }
        if e.file_type().is_dir() {
            diags.push(Diagnostic::error(&shown, "", "folders inside an incident are not published; keep attachments beside incident.yaml"));
            continue;
        }
        let ext = name
            .rsplit_once('.')
            .map(|(_, x)| x.to_ascii_lowercase())
            .unwrap_or_default();
        if !ATTACHMENT_TYPES.contains(&ext.as_str()) {
            diags.push(Diagnostic::error(
                &shown,
                "",
                format!(
                    "not a file type bayan publishes ({}); move it out of the incident folder",
                    ATTACHMENT_TYPES.join(", ")
                ),
            ));
            continue;
        }
        if let Some(msg) = bayan_text::fsx::name_problem(&name) {
            diags.push(Diagnostic::error(&shown, "", msg));
            continue;
        }
        if let Some(other) = folded.insert(bayan_text::fsx::fold(&name), name.clone()) {
            diags.push(Diagnostic::error(
                &shown,
                "",
                format!("differs from `{other}` only by letter case or Unicode normalisation (NFC/NFD); many hosts fold case, so rename one"),
            ));
            continue;
        }
        // Read here, not when the page is written, so that every file that cannot
        // be read (or is a FIFO, a socket, a link out of content/) is named at
        // once, as a content error, and rendering reads nothing.
        let read = if ext == "svg" {
            bayan_text::svg::read_checked(root, e.path())
        } else {
            bayan_text::fsx::read_bytes(root, e.path()).map_err(|d| vec![d])
        };
        match read {
            Ok(bytes) => {
                files.insert(name, std::sync::Arc::from(bytes));
            }
            Err(ds) => diags.extend_from(ds),
        }
    }
    (files, diags)
}

/// What an incident's folder holds beside incident.yaml, read and checked.
pub(super) struct Folder {
    pub(super) attachment_bytes: Attachments,
    pub(super) attachments: BTreeSet<String>,
    pub(super) bodies: Option<BTreeMap<Lang, crate::model::Body>>,
    pub(super) body_links: Vec<CrossLink>,
    pub(super) diags: Diagnostics,
}

/// Reads the folder's attachments, then its bodies (which may link to them).
pub(super) fn folder(config: &Config, id: &str, dir: &Path, draft: bool) -> Folder {
    let (attachment_bytes, mut diags) = attachments(config, dir, &config.languages);
    let attachments: BTreeSet<String> = attachment_bytes.keys().cloned().collect();
    let mut body_links = Vec::new();
    let bodies = bodies(
        config,
        id,
        dir,
        &attachments,
        draft,
        &mut diags,
        &mut body_links,
    );
    Folder {
        attachment_bytes,
        attachments,
        bodies,
        body_links,
        diags,
    }
}

/// An incident's attachments by name, with their bytes.
type Attachments = BTreeMap<String, std::sync::Arc<[u8]>>;

fn bodies(
    config: &Config,
    id: &str,
    dir: &Path,
    attachments: &BTreeSet<String>,
    draft: bool,
    diags: &mut Diagnostics,
    links: &mut Vec<CrossLink>,
) -> Option<BTreeMap<Lang, crate::model::Body>> {
    let root = &config.root;
    let mut out = BTreeMap::new();
    let mut ok = true;
    for lang in &config.languages {
        let path: PathBuf = dir.join(format!("{lang}.md"));
        let file = display_path(root, &path);
        if !path.exists() {
            ok = false;
            diags.push(Diagnostic::error(
                &file,
                "",
                format!(
                    "missing {} body: every incident needs {lang}.md beside incident.yaml",
                    language_name(lang.as_str())
                ),
            ));
            continue;
        }
        if std::fs::metadata(&path).is_ok_and(|m| m.len() > MAX_BODY_BYTES) {
            ok = false;
            diags.push(Diagnostic::error(
                &file,
                "",
                format!("body is larger than {} MiB", MAX_BODY_BYTES / 1024 / 1024),
            ));
            continue;
        }
        let src = match bayan_text::fsx::read_text(root, &path) {
            Ok(s) => s,
            Err(d) => {
                ok = false;
                diags.push(d);
                continue;
            }
        };
        if src.trim().is_empty() {
            ok = false;
            diags.push(Diagnostic::error(
                &file,
                "",
                format!("{} body is empty", language_name(lang.as_str())),
            ));
            continue;
        }
        if crate::text::is_placeholder(&src) {
            // In a draft, a warning: `check` shows what is left to write.
            let message = "placeholder text starting with `TODO`; write the body before publishing";
            let d = if draft {
                Diagnostic::warning(&file, "", message)
            } else {
                Diagnostic::error(&file, "", message)
            };
            diags.push(d.at(Some(Pos { line: 1, column: 1 })));
        }
        let base = attachment_base(config, id, lang);
        // Checked only: its HTML is made when its page is (`body_html`).
        let r = markdown::check_block(&src, &body_links(config, lang, attachments, &base), 3);
        let offsets: Vec<usize> = r.cross.iter().map(|x| x.offset).collect();
        for (x, pos) in r.cross.iter().zip(positions(&src, &offsets)) {
            links.push(CrossLink {
                lang: lang.clone(),
                target: IncidentId::checked(&x.id),
                anchor: x.anchor.clone(),
                file: file.clone(),
                path: String::new(),
                pos: Some(pos),
            });
        }
        let mut problems = r.problems;
        problems.extend(bayan_text::spoof::check_controls(&src));
        problems.extend(r.addresses);
        let offsets: Vec<usize> = problems.iter().map(|p| p.offset).collect();
        for (p, pos) in problems.into_iter().zip(positions(&src, &offsets)) {
            diags.push(Diagnostic::error(&file, "", p.message).at(Some(pos)));
        }
        // Like `TODO`, an author's comment is fine in a draft and an error once published.
        for p in r.comments.into_iter().filter(|_| !draft) {
            diags
                .push(Diagnostic::error(&file, "", p.message).at(Some(offset_pos(&src, p.offset))));
        }
        for p in r.warnings {
            diags.push(
                Diagnostic::warning(&file, "", p.message).at(Some(offset_pos(&src, p.offset))),
            );
        }
        out.insert(
            lang.clone(),
            crate::model::Body {
                source: src,
                anchors: r.anchors,
            },
        );
    }
    ok.then_some(out)
}

/// Where a body's links to its attachments lead.
fn attachment_base(config: &Config, id: &str, lang: &Lang) -> String {
    bayan_text::routes::Routes::new(&config.base, config.url_style).attachment_base(lang, id)
}

/// How a body in `lang` renders its links: to its attachments (under `base`),
/// to other advisories, in the language's direction and digits.
fn body_links<'a>(
    config: &'a Config,
    lang: &'a Lang,
    attachments: &'a BTreeSet<String>,
    base: &'a str,
) -> LinkContext<'a> {
    LinkContext {
        attachments: Some(attachments),
        attachment_base: base,
        rtl: lang.direction() == bayan_text::lang::Direction::Rtl,
        digits: config.digits(lang),
        advisories: Some(markdown::AdvisoryLinks {
            routes: bayan_text::routes::Routes::new(&config.base, config.url_style),
            lang,
        }),
    }
}

/// `inc`'s body in `lang` as HTML, rendered from its source as it was when it
/// loaded, with the same links: the same bytes the load's check rendered.
/// Empty when the advisory has no body in `lang`.
pub fn body_html(config: &Config, inc: &Incident, lang: &Lang) -> String {
    let Some(body) = inc.bodies.get(lang) else {
        return String::new();
    };
    let base = attachment_base(config, &inc.id, lang);
    let links = body_links(config, lang, &inc.attachments, &base);
    markdown::render_block(&body.source, &links, 3).html
}
