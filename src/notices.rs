//! `bayan notice ID`: which advisory's notices can be written, and where they
//! may go. The command's own rules, kept beside the pipeline that runs it.

use crate::BuildOptions;
use bayan_site::site::Site;
use bayan_text::error::Error;

/// Why `id` has no notices: a draft or a scheduled advisory without `--drafts`,
/// or no such advisory (with the nearest id).
pub(crate) fn missing(opts: &BuildOptions, site: &Site, id: &str) -> Error {
    let folder = opts.root.join(bayan_site::content::INCIDENTS_DIR).join(id);
    if bayan_site::model::IncidentId::valid(id)
        && folder.join("incident.yaml").is_file()
        && !opts.drafts
    {
        let with_drafts = BuildOptions {
            drafts: true,
            ..opts.clone()
        };
        let what = match crate::load(&with_drafts) {
            Ok(l) => match l.site.incidents.iter().find(|i| i.id == *id) {
                Some(i) if i.draft => "a draft".to_owned(),
                Some(i) => format!("scheduled for {}", bayan_text::dates::rfc3339(i.published)),
                None => "not published".to_owned(),
            },
            Err(_) => "a draft or scheduled (and has errors that --drafts shows)".to_owned(),
        };
        return Error::Usage(format!(
            "advisory `{id}` is {what}: its page is not published, so its notices would point to nothing; pass --drafts to write them for review"
        ));
    }
    if let Some(new) = site
        .incidents
        .iter()
        .find(|i| i.aliases.iter().any(|a| a.id == *id))
    {
        return Error::Usage(format!(
            "advisory `{id}` was renamed to `{}` (it is in `{}`'s aliases): run `bayan notice {}`",
            new.id, new.id, new.id
        ));
    }
    let ids: Vec<&str> = site.incidents.iter().map(|i| i.id.as_str()).collect();
    let hint = match bayan_text::diag::nearest(id, ids.iter().copied()) {
        Some(n) => format!("; did you mean `{n}`?"),
        None if ids.is_empty() => "; the site has no published advisory".to_owned(),
        None => format!(
            "; the site's advisories: {}{}",
            ids.iter()
                .take(5)
                .map(|i| format!("`{i}`"))
                .collect::<Vec<_>>()
                .join(", "),
            if ids.len() > 5 { ", …" } else { "" }
        ),
    };
    Error::Usage(format!(
        "no advisory `{}` in {}/{hint}",
        bayan_text::spoof::escape_for_terminal(id),
        bayan_site::content::INCIDENTS_DIR
    ))
}

/// Notices go into a folder of their own: never into the site's output, which
/// they would replace, nor anywhere a build refuses.
pub(crate) fn check_target(dir: &std::path::Path, opts: &BuildOptions) -> Result<(), Error> {
    // Compared as resolved: a symlink into the output is the output.
    let abs = crate::output::resolved;
    let site_out = opts
        .output
        .clone()
        .unwrap_or_else(|| opts.root.join("output"));
    let (target, site_out) = (abs(dir)?, abs(&site_out)?);
    if target.starts_with(&site_out) || site_out.starts_with(&target) {
        return Err(Error::Usage(format!(
            "refusing to write notices to {}: it is or holds the site's output folder {}, which they would replace; notices go to ROOT/notices/ID/ or another --output",
            dir.display(),
            site_out.display()
        )));
    }
    crate::output::check_target(dir, &opts.root)
}
