//! The user guide's reference pages are checked against what the code knows, so they
//! cannot drift: every flag and value the command line accepts (read from its own
//! help) is named under its command's heading in `guide/src/reference/cli.md`, every
//! field and allowed value of the incident.yaml JSON Schema (`bayan schema`) is named
//! in `guide/src/reference/incident-yaml.md` or the vocabulary page, every key the
//! site.yaml parser knows (read from its "unknown key" error) is named in
//! `guide/src/reference/site-yaml.md`, and the help, the
//! man page and the generated CI workflows point into the guide at pages that exist.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::{read, repo, stdout};

fn help(args: &[&str]) -> String {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_bayan"))
        .args(args)
        .arg("--help")
        .output()
        .unwrap();
    assert!(o.status.success(), "bayan {args:?} --help failed");
    stdout(&o)
}

/// The lines of a help text's section (`Commands:`, `Options:`), up to the next one.
fn section<'a>(text: &'a str, name: &str) -> Vec<&'a str> {
    let mut lines = text.lines().skip_while(|l| *l != name);
    lines.next();
    lines
        .take_while(|l| l.is_empty() || l.starts_with(' '))
        .collect()
}

fn subcommands(text: &str) -> Vec<String> {
    section(text, "Commands:")
        .iter()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_owned)
        .collect()
}

/// The flags (`-q`, `--quiet`) a help text lists under `Options:`.
fn flags(text: &str) -> BTreeSet<String> {
    section(text, "Options:")
        .iter()
        // `- github: …` lines list a long help's values, not flags.
        .filter(|l| l.trim_start().starts_with('-') && !l.trim_start().starts_with("- "))
        .flat_map(|l| {
            l.split_whitespace()
                .map(|w| w.trim_end_matches(','))
                .take_while(|w| w.starts_with('-'))
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The values a help text allows: `[possible values: a, b]`, or the long help's list.
fn values(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(i) = rest.find("[possible values: ") {
        rest = &rest[i + "[possible values: ".len()..];
        let end = rest.find(']').unwrap();
        out.extend(rest[..end].split(", ").map(str::to_owned));
        rest = &rest[end..];
    }
    let mut in_list = false;
    for l in text.lines() {
        let t = l.trim();
        if t == "Possible values:" {
            in_list = true;
        } else if in_list && t.starts_with("- ") {
            out.insert(t[2..].split(':').next().unwrap().to_owned());
        } else if in_list && !t.is_empty() {
            in_list = false;
        }
    }
    out
}

/// The part of a page under `heading`, up to the next heading of its level or above.
fn under<'a>(page: &'a str, heading: &str) -> &'a str {
    let start = page
        .lines()
        .position(|l| l == heading)
        .unwrap_or_else(|| panic!("the CLI reference has no `{heading}`"));
    let lines: Vec<&str> = page.lines().collect();
    let from: usize = lines[..=start].iter().map(|l| l.len() + 1).sum();
    let end = page[from..].find("\n## ").map_or(page.len(), |i| from + i);
    &page[from..end]
}

/// `` `name` `` or `` `name …` `` as the page writes a flag or a value in code.
fn names(text: &str, name: &str) -> bool {
    [
        format!("`{name}`"),
        format!("`{name} "),
        format!("`{name}|"),
        format!("|{name}`"),
        format!("|{name}|"),
    ]
    .iter()
    .any(|p| text.contains(p.as_str()))
}

#[test]
fn every_cli_flag_and_value_is_in_the_cli_reference() {
    let page = read(&repo().join("guide/src/reference/cli.md"));
    let top = help(&[]);
    let global = flags(&top);
    let mut missing = Vec::new();
    for f in &global {
        if !names(under(&page, "## Global options"), f) {
            missing.push(format!("global option {f}"));
        }
    }
    let mut commands: Vec<Vec<String>> = subcommands(&top).into_iter().map(|c| vec![c]).collect();
    let mut checked = 0;
    while let Some(cmd) = commands.pop() {
        let args: Vec<&str> = cmd.iter().map(String::as_str).collect();
        let text = help(&args);
        let nested = subcommands(&text);
        if !nested.is_empty() {
            commands.extend(nested.into_iter().map(|n| [cmd.clone(), vec![n]].concat()));
            continue;
        }
        let heading = format!("## bayan {}", cmd.join(" "));
        let part = under(&page, &heading);
        for f in flags(&text).difference(&global) {
            checked += 1;
            if !names(part, f) {
                missing.push(format!("{heading}: {f}"));
            }
        }
        for v in values(&text) {
            checked += 1;
            if !names(part, &v) {
                missing.push(format!("{heading}: value {v}"));
            }
        }
    }
    assert!(
        checked > 20,
        "only {checked} flags and values found in the help"
    );
    assert!(
        missing.is_empty(),
        "guide/src/reference/cli.md does not name:\n{}",
        missing.join("\n")
    );
}

/// Every field path (`vendors[].name`) and every allowed value in the schema.
fn schema_names(schema: &Value, node: &Value, path: &str, out: &mut BTreeSet<String>) {
    if let Some(r) = node["$ref"].as_str() {
        let def = r.rsplit('/').next().unwrap();
        // A text's keys are the site's languages, not fields.
        if def != "text" {
            schema_names(schema, &schema["$defs"][def], path, out);
        }
    }
    if let Some(values) = node["enum"].as_array() {
        out.extend(values.iter().map(|v| format!("={}", v.as_str().unwrap())));
    }
    if let Some(v) = node["const"].as_str() {
        out.insert(format!("={v}"));
    }
    if let Some(props) = node["properties"].as_object() {
        for (k, v) in props {
            let p = if path.is_empty() {
                k.clone()
            } else {
                format!("{path}.{k}")
            };
            out.insert(p.clone());
            schema_names(schema, v, &p, out);
        }
    }
    if node["items"].is_object() {
        schema_names(schema, &node["items"], &format!("{path}[]"), out);
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        for alt in node[key].as_array().into_iter().flatten() {
            schema_names(schema, alt, path, out);
        }
    }
}

#[test]
fn every_incident_yaml_field_and_value_is_in_the_reference() {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_bayan"))
        .arg("schema")
        .output()
        .unwrap();
    assert!(o.status.success());
    let schema: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let mut all = BTreeSet::new();
    schema_names(&schema, &schema, "", &mut all);
    let fields = read(&repo().join("guide/src/reference/incident-yaml.md"));
    let vocabulary = read(&repo().join("guide/src/reference/vocabulary.md"));
    assert!(
        all.len() > 80,
        "only {} names found in the schema",
        all.len()
    );
    let missing: Vec<&String> = all
        .iter()
        .filter(|n| match n.strip_prefix('=') {
            Some(value) => !names(&fields, value) && !names(&vocabulary, value),
            None => !names(&fields, n),
        })
        .collect();
    assert!(
        missing.is_empty(),
        "the incident.yaml reference does not name (`=` marks a value):\n{missing:?}"
    );
}

/// The guide's page for an address under [`bayan::cli::GUIDE`], which must exist.
fn guide_page(url: &str) -> std::path::PathBuf {
    let rel = url.strip_prefix(bayan::cli::GUIDE).unwrap();
    let md = repo().join("guide/src").join(rel);
    assert!(
        md.is_file(),
        "{url} is no page of the guide ({})",
        md.display()
    );
    md
}

#[test]
fn help_and_man_page_point_to_the_guide() {
    assert!(help(&[]).contains(bayan::cli::GUIDE), "{}", help(&[]));
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_bayan"))
        .arg("man")
        .output()
        .unwrap();
    // roff escapes `-` as `\-`.
    let man = stdout(&o).replace("\\-", "-");
    assert!(man.contains(bayan::cli::GUIDE), "{man}");
}

#[test]
fn generated_ci_workflows_link_the_deploying_page() {
    for ci in [bayan::cli::Ci::Github, bayan::cli::Ci::Gitlab] {
        let text = ci.workflow("0.0.0");
        let url = text
            .lines()
            .filter(|l| l.starts_with('#'))
            .find_map(|l| {
                l.split_whitespace()
                    .find(|w| w.starts_with(bayan::cli::GUIDE))
            })
            .unwrap_or_else(|| panic!("{ci:?}'s comments link no guide page:\n{text}"));
        let page = read(&guide_page(url));
        assert!(
            page.contains(ci.path()),
            "{url} does not explain {}",
            ci.path()
        );
    }
}

/// The keys site.yaml's parser knows in one section, read from its "unknown key"
/// error: the guide's example with `zzz: 1` added at `after` (the start, or after
/// the line `after`), indented `indent` spaces.
fn site_yaml_keys(example: &str, after: Option<&str>, indent: usize) -> Vec<String> {
    let bad = format!("{}zzz: 1\n", " ".repeat(indent));
    let yaml = match after {
        None => format!("{bad}{example}"),
        Some(key) => {
            // After the line that opens `key` (its comment aside).
            let mut at = 0;
            for l in example.split_inclusive('\n') {
                at += l.len();
                let rest = l.strip_prefix(key).map(str::trim);
                if rest.is_some_and(|r| r.is_empty() || r.starts_with('#')) {
                    return keys_in(&format!("{}{bad}{}", &example[..at], &example[at..]), after);
                }
            }
            panic!("the site.yaml example has no line `{key}`")
        }
    };
    keys_in(&yaml, after)
}

/// The keys an "unknown key `zzz`" error on `yaml` lists.
fn keys_in(yaml: &str, after: Option<&str>) -> Vec<String> {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("content")).unwrap();
    std::fs::write(tmp.path().join("content/site.yaml"), yaml).unwrap();
    let o = crate::bayan(tmp.path(), &["check"]);
    let err = crate::stderr(&o);
    let list = err
        .lines()
        .find_map(|l| l.split_once("unknown key `zzz`; expected one of: "))
        .unwrap_or_else(|| panic!("no unknown-key error for {after:?}:\n{err}"))
        .1;
    list.split(", ").map(str::to_owned).collect()
}

#[test]
fn every_site_yaml_key_is_in_the_reference() {
    let page = read(&repo().join("guide/src/reference/site-yaml.md"));
    let start = page.find("```yaml\n").unwrap() + "```yaml\n".len();
    let example = &page[start..start + page[start..].find("```").unwrap()];
    let mut missing = Vec::new();
    let mut checked = 0;
    for (after, indent) in [
        (None, 0),
        (Some("organization:"), 2),
        (Some("contact:"), 2),
        (Some("  dpo:"), 4),
        (Some("verify:"), 2),
        (Some("dates:"), 2),
        (Some("notice:"), 2),
        (Some("csaf:"), 2),
    ] {
        for key in site_yaml_keys(example, after, indent) {
            checked += 1;
            if !page.contains(&format!("{key}:")) && !names(&page, &key) {
                missing.push(format!("{after:?} {key}"));
            }
        }
    }
    assert!(checked > 30, "only {checked} keys found");
    assert!(
        missing.is_empty(),
        "guide/src/reference/site-yaml.md does not name:\n{}",
        missing.join("\n")
    );
}

#[test]
fn readme_is_short_and_opens_with_the_two_setup_commands() {
    let readme = read(&repo().join("README.md"));
    assert!(
        readme.len() <= 12 * 1024,
        "README.md is {} bytes; the guide is where details go",
        readme.len()
    );
    // The first code block is the set-up: build the example, run the tests.
    let start = readme.find("```sh\n").unwrap() + "```sh\n".len();
    let block = &readme[start..start + readme[start..].find("```").unwrap()];
    let commands: Vec<&str> = block
        .lines()
        .map(|l| l.split('#').next().unwrap().trim())
        .collect();
    assert_eq!(
        commands,
        ["cargo run --release -- build", "bash tests/run"],
        "{block}"
    );
}
