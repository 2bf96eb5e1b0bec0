//! A test hook standing in for per-incident outputs written outside the
//! incident's folder (a CSAF document under `.well-known/csaf/YEAR/`): off unless
//! [`Options::outside_folder_probe`](super::Options) is set, so a site's output
//! never holds it. Watch-mode tests turn it on to check that such a file is owned
//! by its incident, not by the site.

use super::emit::{Ctx, Emitter, Out};
use crate::error::Error;
use crate::model::Incident;
use crate::output::OutputFile;

/// `.well-known/csaf/{year}/{id}.json`, the year being the incident's own
/// (so an edit of its date moves the file).
pub(crate) struct OutsideFolderProbe;

impl Emitter for OutsideFolderProbe {
    fn incident(&self, cx: &Ctx, inc: &Incident, out: &Out) -> Result<(), Error> {
        if !cx.opts.outside_folder_probe {
            return Ok(());
        }
        let year = inc
            .published
            .ts
            .to_zoned(cx.site.config.timezone.clone())
            .year();
        let body = serde_json::json!({"id": inc.id, "title": inc.title.sources()});
        out.put(OutputFile::new(
            cx.routes.csaf_probe(year, &inc.id),
            format!("{body}\n"),
        ))
    }
}
