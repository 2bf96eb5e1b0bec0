//! `bayan new` and `bayan init`: starting points a team fills in under pressure.
//!
//! `new` writes every field of an incident, in every site language, as a draft whose
//! texts start with `TODO`, so nothing unfinished can be published by accident:
//! a `TODO` in a published advisory is an error.

use std::fs;
use std::path::Path;

use crate::config::Config;
use crate::content::INCIDENTS_DIR;
use crate::error::Error;
use crate::lang::Lang;
use crate::model::IncidentId;

/// Creates `content/incidents/<slug>/` with `incident.yaml` and a body per language.
pub fn new_incident(root: &Path, slug: &str) -> Result<std::path::PathBuf, Error> {
    if !IncidentId::valid(slug) {
        return Err(Error::Usage(format!(
            "`{slug}` is not a valid incident id: use lower-case ASCII letters, digits and hyphens, such as `2025-11-vendor-breach`"
        )));
    }
    let config = Config::load(root, None)?;
    let dir = root.join(INCIDENTS_DIR).join(slug);
    if dir.exists() {
        return Err(Error::Usage(format!(
            "{} already exists; choose another slug",
            dir.display()
        )));
    }
    let today = jiff::Timestamp::now()
        .to_zoned(config.timezone.clone())
        .date();
    fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let yaml = incident_template(&config.languages, &today.to_string());
    write(&dir.join("incident.yaml"), &yaml)?;
    for lang in &config.languages {
        write(&dir.join(format!("{lang}.md")), &body_template(lang))?;
    }
    Ok(dir)
}

fn write(path: &Path, text: &str) -> Result<(), Error> {
    fs::write(path, text).map_err(|e| Error::io(path, e))
}

fn text(langs: &[Lang], indent: &str, what: &str) -> String {
    langs
        .iter()
        .map(|l| format!("{indent}{l}: TODO {what}\n"))
        .collect()
}

/// Every field, commented, in the order a reader meets them.
pub(crate) fn incident_template(langs: &[Lang], today: &str) -> String {
    let t = |indent: &str, what: &str| text(langs, indent, what);
    format!(
        "# A new advisory. It stays a draft (built only with --drafts) until you set\n\
         # `draft: false`; every TODO must be replaced before it can be published.\n\
         # Field reference: the README, or `bayan schema`.\n\
         title:\n{title}\
         summary:                     # one paragraph: listings, feeds, meta description\n{summary}\
         status: investigating        # investigating | identified | monitoring | resolved\n\
         severity: medium             # low | medium | high | critical\n\
         published: {today}           # a date, or an RFC 3339 date-time such as {today}T18:00:00Z; a later one is scheduled\n\
         # updated: {today}           # optional; never earlier than published\n\
         # For `bayan check --law` (README, \"Legal completeness\"); optional otherwise:\n\
         # discovered: {today}        # when you discovered the breach; notice deadlines run from it\n\
         # occurred: {today}          # when it happened: a date, {{ from: …, to: … }}, or unknown\n\
         # law_enforcement_delay: false   # did a law-enforcement investigation delay this notice?\n\
         # offer: {{ provider: …, months: 12, enrol: {{ … }} }}   # free identity-theft protection offered\n\
         draft: true\n\
         vendors:                     # the third parties involved; remove if none\n\
         \x20 - name: TODO vendor name\n\
         \x20   # id: vendor-name        # optional: its archive page's address; default: the name as an ASCII slug\n\
         \x20   url: \"https://vendor.example\"\n\
         \x20   role:\n{role}\
         \x20   status: active         # active | suspended | removed\n\
         affected:\n{affected}\
         not_affected:                # optional, but readers look for it\n{not_affected}\
         # affected_count: 1200       # optional: a number, or {{ value: 1200, qualifier: about }}\n\
         likely_consequences:         # optional\n{consequences}\
         data:                        # ids from the vocabulary (README); {{ id, note }} to qualify one\n\
         \x20 exposed: []\n\
         \x20 possibly_exposed: []\n\
         \x20 not_exposed: []\n\
         timeline:                    # what happened, in order; `at` required\n\
         \x20 - at: {today}\n\
         \x20   text:\n{timeline}\
         actions:                     # what you did; `at` optional for ongoing work\n\
         \x20 - text:\n{action}\
         advice:                      # what readers should do now, most important first\n\
         \x20 - \n{advice}\
         updates: []                  # later: - {{ at: …, status: …, text: {{ … }} }}\n\
         # contact: {{ email: incident@example.com }}   # optional; merges over site.yaml's contact\n\
         # contact: {{ dpo: {{ name: …, email: … }} }}   # the data protection officer, if not in site.yaml\n\
         references: []               # optional: - {{ title: {{ … }}, url: \"https://…\", lang: en }}\n\
         # related: [2025-11-earlier-advisory]   # optional: other advisories' ids; each page links the other\n\
         # aliases: [old-slug]        # optional: former ids of this advisory; their addresses redirect here\n\
         # withdrawn:                 # optional: keeps the page, with the reason on top; leaves listings and feeds\n\
         #   at: {today}\n\
         #   text: {{ … }}\n\
         # notice:                    # optional: what `bayan notice` says instead of the theme's texts\n\
         #   sms:                     # one plain sentence per language; your name and the URL are added; 3 parts at most\n\
{sms}\
         # Link another advisory from any text or body as [its title](../ID/) or ../ID/#anchor.\n",
        title = t("  ", "title"),
        summary = t("  ", "summary"),
        role = t("      ", "what the vendor does for you"),
        affected = t("  ", "who is affected"),
        not_affected = t("  ", "who is not affected"),
        consequences = t("  ", "what this could lead to"),
        timeline = t("      ", "what happened"),
        action = t("      ", "what you did"),
        advice = t("    ", "what readers should do"),
        sms = t("#     ", "the SMS sentence, e.g. Some codes went to the wrong phones, read what to do"),
    )
    .replace("  - \n", "  -\n")
}

fn body_template(lang: &Lang) -> String {
    format!(
        "TODO: the full account in `{lang}`: what happened, what it means for readers, what comes next.\n"
    )
}

/// `bayan init`'s site: an invented organisation on `.example` domains, with the
/// optional settings present and commented out.
const INIT_SITE: &str = include_str!("starter/site.yaml");

/// `bayan init`'s example: fictional (an invented organisation and vendor, on the
/// starter site's domains) and a draft, so a site made by `init` can never publish
/// someone else's breach, nor one that did not happen.
const EXAMPLE_ID: &str = "2026-01-example-sms-gateway";
const EXAMPLE_FILES: &[(&str, &str)] = &[
    ("incident.yaml", include_str!("starter/incident.yaml")),
    ("en.md", include_str!("starter/en.md")),
    ("ar.md", include_str!("starter/ar.md")),
];

/// A new site in `dir` (absent or empty): `content/site.yaml`, one fictional
/// example incident (a draft), and with `ci` a CI workflow.
pub fn init(dir: &Path, ci: Option<crate::ci::Ci>) -> Result<(), Error> {
    if dir.exists() {
        let mut entries = fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        if entries.next().is_some() {
            return Err(Error::Usage(format!(
                "{} is not empty; `bayan init` needs a new or empty folder",
                dir.display()
            )));
        }
    }
    let inc = dir.join(INCIDENTS_DIR).join(EXAMPLE_ID);
    fs::create_dir_all(&inc).map_err(|e| Error::io(&inc, e))?;
    write(&dir.join(crate::config::SITE_FILE), INIT_SITE)?;
    for (name, text) in EXAMPLE_FILES {
        write(&inc.join(name), text)?;
    }
    write(
        &dir.join(".gitignore"),
        "/output\n/public\n/notices\n/.cargo\n.*.bayan-lock\n",
    )?;
    if let Some(ci) = ci {
        let path = dir.join(ci.path());
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        write(&path, &ci.workflow(env!("CARGO_PKG_VERSION")))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_is_valid_yaml_with_every_language() {
        let langs = [Lang::parse("en").unwrap(), Lang::parse("ar").unwrap()];
        let y = incident_template(&langs, "2026-01-02");
        let v: serde_json::Value = crate::yaml::parse("t.yaml", &y).unwrap();
        assert_eq!(v["draft"], serde_json::json!(true));
        assert_eq!(v["title"]["ar"], serde_json::json!("TODO title"));
        assert_eq!(
            v["advice"][0]["en"],
            serde_json::json!("TODO what readers should do")
        );
    }

    /// Issue 12: the optional fields of an advisory's life are in the scaffold,
    /// commented out, and read as those fields once uncommented.
    #[test]
    fn template_shows_related_aliases_and_withdrawn_commented_out() {
        let langs = [Lang::parse("en").unwrap(), Lang::parse("ar").unwrap()];
        let y = incident_template(&langs, "2026-01-02");
        let v: serde_json::Value = crate::yaml::parse("t.yaml", &y).unwrap();
        assert!(v.get("related").is_none() && v.get("withdrawn").is_none());
        let open: String = y
            .lines()
            .map(|l| {
                let l = ["related:", "aliases:", "withdrawn:", "  at:", "  text:"]
                    .iter()
                    .find_map(|k| l.strip_prefix("# ").filter(|r| r.starts_with(k)))
                    .unwrap_or(l);
                format!("{l}\n")
            })
            .collect();
        let v: serde_json::Value = crate::yaml::parse("t.yaml", &open).unwrap();
        assert_eq!(
            v["related"][0],
            serde_json::json!("2025-11-earlier-advisory")
        );
        assert_eq!(v["aliases"][0], serde_json::json!("old-slug"));
        assert_eq!(v["withdrawn"]["at"], serde_json::json!("2026-01-02"));
    }

    /// Issue 13: `notice.sms` is in the scaffold, commented out, one line per
    /// language, and reads as that field once uncommented.
    #[test]
    fn template_shows_notice_sms_commented_out_in_every_language() {
        let langs = [Lang::parse("en").unwrap(), Lang::parse("ar").unwrap()];
        let y = incident_template(&langs, "2026-01-02");
        let v: serde_json::Value = crate::yaml::parse("t.yaml", &y).unwrap();
        assert!(v.get("notice").is_none());
        let open: String = y
            .lines()
            .map(|l| {
                let l = ["notice:", "  sms:", "    en:", "    ar:"]
                    .iter()
                    .find_map(|k| l.strip_prefix("# ").filter(|r| r.starts_with(k)))
                    .unwrap_or(l);
                format!("{l}\n")
            })
            .collect();
        let v: serde_json::Value = crate::yaml::parse("t.yaml", &open).unwrap();
        for code in ["en", "ar"] {
            let t = v["notice"]["sms"][code].as_str().unwrap_or_default();
            assert!(t.starts_with("TODO the SMS sentence"), "{code}: {t}");
        }
    }
}
