//! The files published as they are: the theme's assets (under hashed names, see
//! `assets.rs`) and the copies of content/static.

use crate::emit::{Ctx, Emitter, Out, Part};
use crate::sink::OutputFile;
use bayan_text::error::Error;

/// The theme's assets under `assets/`, named by content hash.
pub struct ThemeAssets;

impl Emitter for ThemeAssets {
    fn site(&self, cx: &Ctx, part: Part, out: &Out) -> Result<(), Error> {
        if part != Part::Shared {
            return Ok(());
        }
        cx.assets.files.iter().try_for_each(|f| out.put(f.clone()))
    }
}

/// The copies of `content/static/`, read and checked when the site loaded.
pub struct Statics;

impl Emitter for Statics {
    fn site(&self, cx: &Ctx, part: Part, out: &Out) -> Result<(), Error> {
        if part != Part::Static {
            return Ok(());
        }
        cx.site
            .statics
            .iter()
            .try_for_each(|f| out.put(OutputFile::new(f.path.clone(), f.bytes.clone())))
    }
}
