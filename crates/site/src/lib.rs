//! bayan's site: the second layer. `content/site.yaml` and every incident folder
//! read into a checked model, the site it makes (ordered, addressed), and the
//! rules over the whole site (the link phase).
//!
//! ```text
//! Config::load(root)            → Config            content/site.yaml
//! content::load(&config, …)     → Vec<Incident>     walk, parse, validate, render Markdown,
//!                                                   read bodies and attachments
//! statics::load(root)           → Vec<StaticFile>   content/static, read and checked
//! Site::new(config, incidents)  → Site              sorted, addressed (see bayan_text::routes)
//! link::check(&site)            → Diagnostics       rules over the whole site (link::RULES)
//! ```

pub mod config;
pub mod contact;
pub mod content;
pub mod drift;
pub mod law;
pub mod link;
pub mod model;
pub mod ready;
pub mod record_schema;
pub mod schema;
pub mod site;
pub mod statics;
pub mod text;
pub mod translations;
pub mod vendors;
pub mod vocabulary;

pub use config::Config;
pub use law::Law;
pub use site::Site;
pub use vocabulary::Vocabulary;
