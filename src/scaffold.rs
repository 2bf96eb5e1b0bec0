//! `bayan new` and `bayan init`: starting points a team fills in under pressure.
//!
//! `new` writes every field of an incident, in every site language, as a draft whose
//! texts start with `TODO`, so nothing unfinished can be published by accident:
//! a `TODO` in a published advisory is an error.

use std::fs;
use std::path::Path;

use bayan_site::config::Config;
use bayan_site::content::INCIDENTS_DIR;
use bayan_site::model::IncidentId;
use bayan_text::error::Error;
use bayan_text::lang::Lang;

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
    // Written whole into a hidden folder (which the loader skips), then renamed:
    // a full disk or a kill leaves no half-made incident to block a retry.
    let parent = root.join(INCIDENTS_DIR);
    fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    let tmp = parent.join(format!(".{slug}.bayan-new.tmp"));
    let _ = fs::remove_dir_all(&tmp);
    let written = (|| {
        fs::create_dir(&tmp).map_err(|e| Error::io(&tmp, e))?;
        // Errors name the file as it will be, not its temporary.
        let put = |name: &str, text: &str| {
            fs::write(tmp.join(name), text).map_err(|e| Error::io(&dir.join(name), e))
        };
        put(
            "incident.yaml",
            &incident_template(&config.languages, &today.to_string()),
        )?;
        for lang in &config.languages {
            put(&format!("{lang}.md"), &body_template(lang))?;
        }
        fs::rename(&tmp, &dir).map_err(|e| Error::io(&dir, e))
    })();
    if let Err(e) = written {
        let _ = fs::remove_dir_all(&tmp);
        return Err(e);
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
         # Field reference: the guide (guide/src/reference/incident-yaml.md), or `bayan schema`.\n\
         title:\n{title}\
         summary:                     # one paragraph: listings, feeds, meta description\n{summary}\
         status: investigating        # investigating | identified | monitoring | resolved\n\
         severity: medium             # low | medium | high | critical\n\
         published: {today}           # a date, or an RFC 3339 date-time such as {today}T18:00:00Z; a later one is scheduled\n\
         # updated: {today}           # optional; never earlier than published\n\
         # For `bayan check --law` (the guide, \"Legal completeness\"); optional otherwise:\n\
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
         data:                        # ids from the vocabulary (the guide); {{ id, note }} to qualify one\n\
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
const EXAMPLE_INCIDENT: &str = include_str!("starter/incident.yaml");
const EXAMPLE_BODIES: &[(&str, &str)] = &[
    ("en", include_str!("starter/en.md")),
    ("ar", include_str!("starter/ar.md")),
    ("ur", include_str!("starter/ur.md")),
];

/// The languages the starter's texts are written in.
const STARTER_LANGUAGES: &[&str] = &["en", "ar", "ur"];

/// The starter's `languages:` line, which [`localise`] rewrites.
const STARTER_LANGUAGES_LINE: &str = "languages: [en, ar]";

/// A starter file in `langs`, in that order: each text's lines in those languages
/// kept, the others removed, and a `TODO` line for a language the starter is not
/// written in (a `TODO` fails the build until someone writes the text).
/// `published` goes on the `languages:` line; the texts are in `langs` (which may
/// hold more: ready to publish when added there).
fn localise(text: &str, published: &[Lang], langs: &[Lang]) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if let Some(rest) = line.strip_prefix(STARTER_LANGUAGES_LINE) {
            let codes: Vec<&str> = published.iter().map(Lang::as_str).collect();
            out.push_str(&format!("languages: [{}]", codes.join(", ")));
            let ready: Vec<&str> = langs
                .iter()
                .filter(|l| !published.contains(l))
                .map(Lang::as_str)
                .collect();
            if ready.is_empty() {
                out.push_str(rest);
            } else {
                let named: Vec<String> = ready
                    .iter()
                    .map(|c| format!("{c} ({})", bayan_site::text::language_name(c)))
                    .collect();
                out.push_str(&format!(
                    "           # the first is the default language; the starter's texts are also in {}: add it here to publish it\n",
                    named.join(", ")
                ));
            }
            i += 1;
            continue;
        }
        let Some((col, dash)) = text_entry(line) else {
            out.push_str(&flow_texts(line, langs));
            i += 1;
            continue;
        };
        // One text: sibling `code: value` entries at column `col`, each with the
        // lines of its block scalar, if any.
        let mut entries: Vec<(&str, Vec<&str>)> = Vec::new();
        loop {
            let code = lines[i][col..].split(':').next().unwrap_or("");
            let mut entry = vec![lines[i]];
            i += 1;
            while i < lines.len() && indent(lines[i]).is_some_and(|d| d > col) {
                entry.push(lines[i]);
                i += 1;
            }
            entries.push((code, entry));
            match lines.get(i).and_then(|l| text_entry(l)) {
                Some((c, false)) if c == col => {}
                _ => break,
            }
        }
        let lead = " ".repeat(col);
        let dash_lead = format!("{}- ", " ".repeat(col - 2));
        for (n, lang) in langs.iter().enumerate() {
            let prefix = if dash && n == 0 { &dash_lead } else { &lead };
            match entries.iter().find(|(code, _)| *code == lang.as_str()) {
                Some((_, entry)) => {
                    out.push_str(prefix);
                    out.push_str(&entry[0][col..]);
                    entry[1..].iter().for_each(|l| out.push_str(l));
                }
                None => out.push_str(&format!("{prefix}{lang}: TODO the {lang} text\n")),
            }
        }
    }
    out
}

/// A starter text's entry (`  en: …` or `  - en: …`): the column of its code and
/// whether it opens a list item.
fn text_entry(line: &str) -> Option<(usize, bool)> {
    let body = line.trim_start_matches(' ');
    let col = line.len() - body.len();
    let (col, body, dash) = match body.strip_prefix("- ") {
        Some(rest) => (col + 2, rest, true),
        None => (col, body, false),
    };
    let code = body.split(':').next()?;
    (col > 0 && STARTER_LANGUAGES.contains(&code) && body[code.len()..].starts_with(':'))
        .then_some((col, dash))
}

/// Leading spaces of a line with content; `None` for a blank line.
fn indent(line: &str) -> Option<usize> {
    let body = line.trim_start_matches(' ');
    (!body.trim().is_empty()).then(|| line.len() - body.len())
}

/// A one-line text map (`name: { en: …, ar: … }`) in `langs`; other lines as they are.
fn flow_texts(line: &str, langs: &[Lang]) -> String {
    if line.trim_start().starts_with('#') {
        return line.to_owned();
    }
    let Some((head, rest)) = line.split_once("{ en: ").filter(|(h, _)| !h.contains('#')) else {
        return line.to_owned();
    };
    let Some((inner, tail)) = rest.split_once(" }") else {
        return line.to_owned();
    };
    let inner = format!("en: {inner}");
    let pairs: Vec<(&str, &str)> = inner
        .split(", ")
        .filter_map(|p| p.split_once(": "))
        .collect();
    let parts: Vec<String> = langs
        .iter()
        .map(|l| match pairs.iter().find(|(c, _)| *c == l.as_str()) {
            Some((c, v)) => format!("{c}: {v}"),
            None => format!("{l}: TODO the {l} text"),
        })
        .collect();
    format!("{head}{{ {} }}{tail}", parts.join(", "))
}

/// A new site in `dir` (absent or empty): `content/site.yaml`, one fictional
/// example incident (a draft), and with `ci` a CI workflow. Its texts are in the
/// `languages` given (English and Arabic when none are): the starter is written in
/// English, Arabic and Urdu, and any other language gets `TODO` lines to fill in.
/// Returns those other languages, for which the texts still have to be written.
pub fn init(
    dir: &Path,
    ci: Option<crate::ci::Ci>,
    languages: &[String],
) -> Result<Vec<String>, Error> {
    let mut langs: Vec<Lang> = Vec::new();
    for code in languages {
        let lang = Lang::parse(code).ok_or_else(|| {
            Error::Usage(format!(
                "`{code}` is not a language code: use a lower-case BCP 47 code such as `ar`, `en` or `ur`"
            ))
        })?;
        if langs.contains(&lang) {
            return Err(Error::Usage(format!(
                "`{code}` is given twice in --languages"
            )));
        }
        langs.push(lang);
    }
    // Without --languages: English and Arabic, and the starter's Urdu texts kept,
    // so that adding `ur` to `languages:` is all a third language takes.
    let (published, langs) = if langs.is_empty() {
        let published: Vec<Lang> = ["en", "ar"].into_iter().filter_map(Lang::parse).collect();
        let all: Vec<Lang> = STARTER_LANGUAGES
            .iter()
            .filter_map(|c| Lang::parse(c))
            .collect();
        (published, all)
    } else {
        (langs.clone(), langs)
    };
    let untranslated: Vec<String> = langs
        .iter()
        .filter(|l| !STARTER_LANGUAGES.contains(&l.as_str()))
        .map(|l| l.as_str().to_owned())
        .collect();
    let langs = &langs[..];
    if dir.exists() {
        let mut entries = fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        if entries.next().is_some() {
            return Err(Error::Usage(format!(
                "{} is not empty; `bayan init` needs a new or empty folder",
                dir.display()
            )));
        }
    }
    // On failure (a full disk), what was written goes again, so the folder is
    // as it was: empty, or not there.
    let existed = dir.exists();
    let written = write_starter(dir, ci, &published, langs);
    if written.is_err() {
        if existed {
            if let Ok(entries) = fs::read_dir(dir) {
                for e in entries.flatten() {
                    let p = e.path();
                    let _ = if p.is_dir() && !p.is_symlink() {
                        fs::remove_dir_all(&p)
                    } else {
                        fs::remove_file(&p)
                    };
                }
            }
        } else {
            let _ = fs::remove_dir_all(dir);
        }
    }
    written.map(|()| untranslated)
}

/// The starter site's files under `dir`.
fn write_starter(
    dir: &Path,
    ci: Option<crate::ci::Ci>,
    published: &[Lang],
    langs: &[Lang],
) -> Result<(), Error> {
    let inc = dir.join(INCIDENTS_DIR).join(EXAMPLE_ID);
    fs::create_dir_all(&inc).map_err(|e| Error::io(&inc, e))?;
    write(
        &dir.join(bayan_site::config::SITE_FILE),
        &localise(INIT_SITE, published, langs),
    )?;
    write(
        &inc.join("incident.yaml"),
        &localise(EXAMPLE_INCIDENT, published, langs),
    )?;
    for lang in langs {
        let body = EXAMPLE_BODIES
            .iter()
            .find(|(code, _)| *code == lang.as_str())
            .map_or_else(|| body_template(lang), |(_, b)| (*b).to_owned());
        write(&inc.join(format!("{lang}.md")), &body)?;
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
        let v: serde_json::Value = bayan_text::yaml::parse("t.yaml", &y).unwrap();
        assert_eq!(v["draft"], serde_json::json!(true));
        assert_eq!(v["title"]["ar"], serde_json::json!("TODO title"));
        assert_eq!(
            v["advice"][0]["en"],
            serde_json::json!("TODO what readers should do")
        );
    }

    /// `y` with the commented-out lines starting with one of `keys` uncommented.
    fn uncommented(y: &str, keys: &[&str]) -> String {
        y.lines()
            .map(|l| {
                let l = keys
                    .iter()
                    .find_map(|k| l.strip_prefix("# ").filter(|r| r.starts_with(k)))
                    .unwrap_or(l);
                format!("{l}\n")
            })
            .collect()
    }

    /// Issue 12: the optional fields of an advisory's life are in the scaffold,
    /// commented out, and read as those fields once uncommented.
    #[test]
    fn template_shows_related_aliases_and_withdrawn_commented_out() {
        let langs = [Lang::parse("en").unwrap(), Lang::parse("ar").unwrap()];
        let y = incident_template(&langs, "2026-01-02");
        let v: serde_json::Value = bayan_text::yaml::parse("t.yaml", &y).unwrap();
        assert!(v.get("related").is_none() && v.get("withdrawn").is_none());
        let open = uncommented(
            &y,
            &["related:", "aliases:", "withdrawn:", "  at:", "  text:"],
        );
        let v: serde_json::Value = bayan_text::yaml::parse("t.yaml", &open).unwrap();
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
        let v: serde_json::Value = bayan_text::yaml::parse("t.yaml", &y).unwrap();
        assert!(v.get("notice").is_none());
        let open = uncommented(&y, &["notice:", "  sms:", "    en:", "    ar:"]);
        let v: serde_json::Value = bayan_text::yaml::parse("t.yaml", &open).unwrap();
        for code in ["en", "ar"] {
            let t = v["notice"]["sms"][code].as_str().unwrap_or_default();
            assert!(t.starts_with("TODO the SMS sentence"), "{code}: {t}");
        }
    }
}
