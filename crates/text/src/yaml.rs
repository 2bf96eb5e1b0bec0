//! Reading a YAML file into a strict record, with errors a person can act on.
//!
//! serde-saphyr gives the line and column; serde_path_to_error gives the field's path;
//! this module joins them into one [`Diagnostic`] and adds "did you mean" for a
//! misspelt key or value. Booleans are strict (`no` is a string, not `false`),
//! duplicate keys are errors, and alias expansion and nesting are bounded.

use serde::de::DeserializeOwned;
use serde_saphyr::{DefaultMessageFormatter, Error as YamlError, MessageFormatter, Options};

use crate::diag::{Diagnostic, Pos, nearest};

/// Files larger than this are refused before parsing: no record needs 8 MiB.
pub const MAX_YAML_BYTES: usize = 8 * 1024 * 1024;

fn options() -> Options {
    serde_saphyr::options! {
        strict_booleans: true,
        budget: serde_saphyr::budget! { max_depth: 32, max_aliases: 200, max_nodes: 200_000 },
        alias_limits: serde_saphyr::alias_limits! { max_total_replayed_events: 100_000 },
        with_snippet: false,
    }
}

/// Parses `text` (the contents of `file`, a display path) into `T`.
pub fn parse<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, Diagnostic> {
    if text.len() > MAX_YAML_BYTES {
        return Err(Diagnostic::error(
            file,
            "",
            format!(
                "file is {} bytes; YAML files may be at most {MAX_YAML_BYTES} bytes",
                text.len()
            ),
        ));
    }
    if text.trim().is_empty() {
        return Err(Diagnostic::error(file, "", "file is empty"));
    }
    // The fast path: most files are valid, and tracking the path of every value
    // costs time. Only a file that fails is parsed again to name the field.
    if let Ok(value) = serde_saphyr::from_str_with_options::<T>(text, options()) {
        return Ok(value);
    }
    let path = std::cell::RefCell::new(String::new());
    serde_saphyr::with_deserializer_from_str_with_options(text, options(), |de| {
        serde_path_to_error::deserialize::<_, T>(de).map_err(|e| {
            *path.borrow_mut() = e.path().to_string();
            e.into_inner()
        })
    })
    .map_err(|e| to_diagnostic(file, &tidy_path(&path.into_inner()), &e, text))
}

/// What [`parse_by_field`] could read of a record that does not parse whole.
pub struct Partial<T> {
    /// One error per failing top-level field, in the order they were met.
    pub errors: Vec<Diagnostic>,
    /// The record with every failing field left out, or set to its stand-in, when
    /// the rest then parses: its own checks can still run.
    pub rest: Option<T>,
    /// The top-level keys that failed. What `rest` says under them is about the
    /// stand-ins, not the author's text, so it is not reported.
    pub failed: Vec<String>,
}

/// How many failing fields [`parse_by_field`] sets aside, each costing a parse of
/// the file: more than a record has, and few enough that a file of thousands of
/// bad keys is still answered at once.
const MAX_SET_ASIDE: usize = 40;

/// Like [`parse`], but a record that fails is not left at its first error: the
/// failing top-level field is set aside and the rest parsed again, until it parses
/// or no field is left to set aside, so one run names every field that is wrong.
///
/// A required field that fails is replaced by `stand_in(key)` (a YAML value that
/// parses, such as `{}`); one with no stand-in ends the search, since the record
/// cannot parse without it, though every other field has been read by then.
pub fn parse_by_field<T: DeserializeOwned>(
    file: &str,
    text: &str,
    stand_in: fn(&str) -> Option<&'static str>,
) -> Result<T, Partial<T>> {
    let first = match parse::<T>(file, text) {
        Ok(v) => return Ok(v),
        Err(d) => d,
    };
    let mut partial = Partial {
        errors: vec![first],
        rest: None,
        failed: Vec::new(),
    };
    let Some(entries) = top_level_entries(text) else {
        return Err(partial);
    };
    while let Some(last) = partial.errors.last() {
        if partial.failed.len() >= MAX_SET_ASIDE {
            break;
        }
        let key = top_key(&last.path);
        if key.is_empty()
            || partial.failed.iter().any(|f| f == key)
            || !entries.iter().any(|(k, _)| k == key)
        {
            break;
        }
        partial.failed.push(key.to_owned());
        let patched = set_aside(text, &entries, &partial.failed, stand_in);
        if patched.trim().is_empty() {
            break;
        }
        match parse::<T>(file, &patched) {
            Ok(v) => {
                partial.rest = Some(v);
                break;
            }
            // The field set aside had no stand-in and is required: every other
            // field parsed, so nothing more is to be found.
            Err(d)
                if d.message.starts_with("missing required key")
                    && partial.failed.contains(&d.path) =>
            {
                break;
            }
            Err(d) => partial.errors.push(d),
        }
    }
    Err(partial)
}

/// The top-level key a field's path starts with (`vendors` of `vendors[1].url`).
fn top_key(path: &str) -> &str {
    let end = path.find(['.', '[']).unwrap_or(path.len());
    &path[..end]
}

/// Whether `path` is `key` or lies under it.
pub fn under(path: &str, key: &str) -> bool {
    path.strip_prefix(key)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

/// Each top-level key of a block mapping with the byte offset of its line, in the
/// order written; `None` when the text is not such a mapping (a flow map, a syntax
/// error), where fields cannot be set aside line by line.
fn top_level_entries(text: &str) -> Option<Vec<(String, usize)>> {
    struct Entries(Vec<(String, usize)>);
    impl<'de> serde::Deserialize<'de> for Entries {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> serde::de::Visitor<'de> for V {
                type Value = Entries;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("a map")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(
                    self,
                    mut map: A,
                ) -> Result<Entries, A::Error> {
                    let mut out = Vec::new();
                    while let Some(k) = map.next_key::<serde_saphyr::Spanned<String>>()? {
                        map.next_value::<serde::de::IgnoredAny>()?;
                        let at = k.referenced.span().byte_offset().unwrap_or(u64::MAX);
                        out.push((k.value, usize::try_from(at).unwrap_or(usize::MAX)));
                    }
                    Ok(Entries(out))
                }
            }
            d.deserialize_map(V)
        }
    }
    let Entries(entries) = serde_saphyr::from_str_with_options::<Entries>(text, options()).ok()?;
    let at_line_start = |at: usize| {
        at == 0 || (at <= text.len() && text.is_char_boundary(at) && text[..at].ends_with('\n'))
    };
    (entries.windows(2).all(|w| w[0].1 < w[1].1)
        && entries.iter().all(|(_, at)| at_line_start(*at)))
    .then_some(entries)
}

/// `text` with the entries of the `failed` keys replaced by their stand-ins, or
/// removed, keeping every newline so that the lines of the rest do not move.
fn set_aside(
    text: &str,
    entries: &[(String, usize)],
    failed: &[String],
    stand_in: fn(&str) -> Option<&'static str>,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (i, (key, start)) in entries.iter().enumerate() {
        if !failed.contains(key) {
            continue;
        }
        let end = entries.get(i + 1).map_or(text.len(), |(_, s)| *s);
        out.push_str(&text[from..*start]);
        let region = &text[*start..end];
        if let Some(v) = stand_in(key) {
            out.push_str(&format!("{key}: {v}"));
            if !region.contains('\n') {
                out.push('\n');
            }
        }
        out.extend(region.chars().filter(|c| *c == '\n'));
        from = end;
    }
    out.push_str(&text[from..]);
    out
}

/// serde_path_to_error writes `?` for a position it cannot name, `.` at the root,
/// and a `value` segment for each `Spanned` wrapper, which is not in the file.
fn tidy_path(p: &str) -> String {
    let p = p.trim_end_matches(".?").trim_end_matches('?');
    if p == "." {
        return String::new();
    }
    let mut out = String::with_capacity(p.len());
    let mut rest = p;
    while let Some(i) = rest.find(".value") {
        let after = &rest[i + ".value".len()..];
        out.push_str(&rest[..i]);
        if !(after.is_empty() || after.starts_with('.') || after.starts_with('[')) {
            out.push_str(".value");
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

fn to_diagnostic(file: &str, path: &str, e: &YamlError, text: &str) -> Diagnostic {
    let mut pos = e.location().and_then(|l| {
        let (line, column) = (
            u32::try_from(l.line()).ok()?,
            u32::try_from(l.column()).ok()?,
        );
        (line > 0).then_some(Pos { line, column })
    });
    let (path, message, suggestion) = match unwrap_alias(e) {
        YamlError::SerdeUnknownField {
            field, expected, ..
        } => {
            let parent = path.rsplit_once('.').map_or("", |(p, _)| p);
            let shown = if parent.is_empty() {
                field.clone()
            } else {
                format!("{parent}.{field}")
            };
            (
                shown,
                format!(
                    "unknown key `{field}`; expected one of: {}",
                    expected.join(", ")
                ),
                nearest(field, expected.iter().copied()),
            )
        }
        YamlError::SerdeUnknownVariant {
            variant, expected, ..
        } => (
            path.to_owned(),
            format!(
                "`{variant}` is not allowed here; expected one of: {}",
                expected.join(", ")
            ),
            nearest(variant, expected.iter().copied()),
        ),
        YamlError::SerdeMissingField { field, .. } => {
            let shown = if path.is_empty() {
                (*field).to_owned()
            } else {
                format!("{path}.{field}")
            };
            (shown, format!("missing required key `{field}`"), None)
        }
        YamlError::DuplicateMappingKey { key, .. } => {
            let key = key.clone().unwrap_or_default();
            let shown = match (path.is_empty(), key.is_empty()) {
                (_, true) => path.to_owned(),
                (true, false) => key.clone(),
                (false, false) => format!("{path}.{key}"),
            };
            (
                shown,
                format!("duplicate key `{key}`: each key may appear only once"),
                None,
            )
        }
        YamlError::InvalidBooleanStrict { .. } => (
            path.to_owned(),
            "write `true` or `false` (in lower case); `yes`, `no`, `on` and `off` are not booleans here"
                .to_owned(),
            None,
        ),
        other => {
            let raw = DefaultMessageFormatter.format_message(other);
            let message = match syntax_hint(text, &raw, pos) {
                Some((message, at)) => {
                    pos = at.or(pos);
                    message
                }
                None => shape_hint(path, &raw).unwrap_or_else(|| friendlier(&raw)),
            };
            (path.to_owned(), message, None)
        }
    };
    Diagnostic::error(file, path, message)
        .at(pos)
        .suggest(suggestion)
}

/// The error itself, without the wrappers that add a snippet or an alias's place.
fn unwrap_alias(e: &YamlError) -> &YamlError {
    match e.without_snippet() {
        YamlError::AliasError { error, .. } => unwrap_alias(error),
        other => other,
    }
}

/// What a field that failed to match any of its shapes accepts, by the field's name.
const SHAPES: &[(&str, &str)] = &[(
    "affected_count",
    "must be a whole number, digits only, no separators (`48200`, not `\"48,200\"`), or \
     `{ value: 48200, qualifier: about }` with a qualifier of: exactly, about, up_to, at_least",
)];

fn shape_hint(path: &str, msg: &str) -> Option<String> {
    if !msg.contains("did not match any variant") {
        return None;
    }
    let field = path.rsplit('.').next().unwrap_or(path);
    SHAPES
        .iter()
        .find(|(name, _)| *name == field)
        .map(|(_, hint)| (*hint).to_owned())
}

/// Leading spaces of a line, and whether it holds content (not blank, not a comment).
fn indent_of(line: &str) -> Option<usize> {
    let rest = line.trim_start_matches(' ');
    (!rest.trim().is_empty() && !rest.starts_with('#')).then(|| line.len() - rest.len())
}

fn spaces(n: usize) -> String {
    crate::plural::en(n, "space", "spaces")
}

/// The parser's syntax errors, reworded to say what to change and where the problem
/// started: a tab in indentation, keys that do not line up, a quote never closed.
/// Returns the message and, where it differs from the parser's, the place to show.
fn syntax_hint(text: &str, msg: &str, at: Option<Pos>) -> Option<(String, Option<Pos>)> {
    let lines: Vec<&str> = text.lines().collect();
    let at_line = at.map_or(lines.len(), |p| p.line as usize);
    if msg.contains("tab") && (msg.contains("indentation") || msg.contains("disallowed")) {
        // The first line at or before the error whose indentation holds a tab.
        let (n, col) = lines[..at_line.min(lines.len())]
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, l)| {
                let lead = &l[..l.len() - l.trim_start_matches([' ', '\t']).len()];
                lead.find('\t').map(|c| (i, c))
            })?;
        let pos = Pos {
            line: u32::try_from(n + 1).ok()?,
            column: u32::try_from(col + 1).ok()?,
        };
        return Some((
            format!(
                "line {} is indented with a tab; YAML indentation must be spaces: replace the tab with spaces (your editor's \"indent using spaces\")",
                n + 1
            ),
            Some(pos),
        ));
    }
    if msg.contains("quoted scalar") || msg.contains("unclosed quote") {
        let (n, col, q) = unclosed_quote(&lines, at_line)?;
        let pos = Pos {
            line: u32::try_from(n + 1).ok()?,
            column: u32::try_from(col + 1).ok()?,
        };
        return Some((
            format!(
                "the quote ({q}) opened on line {} is never closed; end the value with {q} on the same line",
                n + 1
            ),
            Some(pos),
        ));
    }
    if msg.contains("did not find expected key") || msg.contains("mapping values are not allowed") {
        let n = at_line.checked_sub(1)?;
        let here = indent_of(lines.get(n)?)?;
        let above = (0..n)
            .rev()
            .find_map(|i| indent_of(lines[i]).map(|d| (i, d)));
        let same_or_parent =
            above.is_none_or(|(i, d)| d == here || lines[i].trim_end().ends_with(':'));
        if msg.contains("mapping values") && (same_or_parent || plain_value_holds_colon(lines[n])) {
            // Not indentation: a `: ` inside a plain value (`en: Note: call us`).
            return Some((
                format!(
                    "line {} has a value holding `: `, which YAML reads as the start of another key; put the whole value in quotes (\"…\")",
                    n + 1
                ),
                at,
            ));
        }
        let (above, above_indent) = above?;
        if above_indent == here {
            return None;
        }
        return Some((
            format!(
                "line {} is indented {} but line {} above it is indented {}; keys of one map must start in the same column (YAML counts spaces), and a line indented further belongs to the value above it",
                n + 1,
                spaces(here),
                above + 1,
                spaces(above_indent),
            ),
            Some(Pos {
                line: u32::try_from(n + 1).ok()?,
                column: u32::try_from(here + 1).ok()?,
            }),
        ));
    }
    None
}

/// Whether `line` is `key: value` (in list items too: `- ar: …`) whose unquoted
/// value holds `: ` or ends with `:`, which YAML reads as another key: the
/// Arabic "label: text" (`ملاحظة: راقب…`) that wants quotes, not re-indenting.
fn plain_value_holds_colon(line: &str) -> bool {
    let mut body = line.trim_start();
    while let Some(rest) = body.strip_prefix("- ") {
        body = rest.trim_start();
    }
    let Some(k) = body.find(": ") else {
        return false;
    };
    let value = body[k + 2..].trim_start();
    let value = value.split(" #").next().unwrap_or(value).trim_end();
    let quoted_or_block = value.starts_with(['"', '\'', '|', '>', '{', '[', '&', '*', '!']);
    !quoted_or_block && (value.contains(": ") || value.ends_with(':'))
}

/// The last line before `before` (1-based) whose value opens a quote it does not
/// close: its index, the quote's column (0-based, in characters) and the quote.
fn unclosed_quote(lines: &[&str], before: usize) -> Option<(usize, usize, char)> {
    let mut found = None;
    for (i, line) in lines.iter().enumerate().take(before) {
        let body = line.trim_start();
        let body = body.strip_prefix("- ").unwrap_or(body);
        // The value after `key: `, or the item itself.
        let value = match body.find(": ") {
            Some(k) => body[k + 2..].trim_start(),
            None => body,
        };
        let Some(q) = value.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        let rest = &value[1..];
        let closed = if q == '"' {
            let mut escaped = false;
            rest.chars().any(|c| {
                let end = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                end
            })
        } else {
            rest.replace("''", "").contains('\'')
        };
        if !closed {
            // In characters, as every column bayan reports.
            let col = line[..line.len() - value.len()].chars().count();
            found = Some((i, col, q));
        }
    }
    found
}

/// Rewords the few parser messages that speak of Rust types rather than the file.
fn friendlier(msg: &str) -> String {
    if msg.contains("did not match any variant") {
        return "has the wrong shape here; see the complete example in the guide (Writing an advisory) or `bayan schema`".into();
    }
    if msg.starts_with("cannot deserialize null into string") {
        return "is empty; write a value, or remove the key if it is optional".into();
    }
    if msg == "expected mapping start" {
        return "expected a map of keys (`key: value` lines) here".into();
    }
    if msg == "expected sequence start" {
        return "expected a list here (`- item` lines or `[a, b]`)".into();
    }
    if msg.starts_with("externally tagged enum expected scalar") {
        return "expected one value here (such as `low`), not a list".into();
    }
    if msg == "expected string scalar" {
        return "expected a single value (text) here, not a list or map".into();
    }
    msg.to_owned()
}

/// A plain string, or a map with more detail: `names` or `{ id: names, note: … }`.
/// Written by hand rather than `#[serde(untagged)]` so that a misspelt key inside
/// the map still gets its own message, position and suggestion.
#[derive(Debug)]
pub enum StringOr<T> {
    /// The short form: a name alone.
    Str(String),
    /// The long form, a map of the detail.
    Map(T),
}

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for StringOr<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: serde::Deserialize<'de>> serde::de::Visitor<'de> for V<T> {
            type Value = StringOr<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a name or a map")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(StringOr::Str(v.to_owned()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Self::Value, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(StringOr::Map)
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "fields are read by serde only")]
    struct Rec {
        title: String,
        status: Option<Status>,
        items: Option<Vec<Item>>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Status {
        Resolved,
        Monitoring,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "fields are read by serde only")]
    struct Item {
        id: String,
        note: Option<String>,
    }

    fn no_stand_in(_: &str) -> Option<&'static str> {
        None
    }

    fn title_stand_in(k: &str) -> Option<&'static str> {
        (k == "title").then_some("x")
    }

    #[test]
    fn by_field_reports_each_failing_field_at_its_own_line() {
        let text =
            "title: [a, b]\nstatus: fixed\n# a comment\nitems:\n  - id: 1\n    name: n\nextra: 1\n";
        let Err(p) = parse_by_field::<Rec>("f.yaml", text, title_stand_in) else {
            panic!("parsed");
        };
        let found: Vec<(String, Option<u32>)> =
            p.errors.iter().map(|d| (d.path.clone(), d.line)).collect();
        assert_eq!(
            found,
            [
                ("title".to_owned(), Some(1)),
                ("status".to_owned(), Some(2)),
                ("items[0].name".to_owned(), Some(6)),
                ("extra".to_owned(), Some(7)),
            ]
        );
        assert_eq!(p.failed, ["title", "status", "items", "extra"]);
        assert!(p.rest.is_some(), "the rest parses with the stand-in title");
    }

    #[test]
    fn by_field_stops_at_a_required_field_with_no_stand_in() {
        // Without a stand-in for `title` the record cannot be read, but `status` is
        // still found wrong, whichever comes first; nothing else is made up.
        for text in ["title: [a]\nstatus: fixed\n", "status: fixed\ntitle: [a]\n"] {
            let Err(p) = parse_by_field::<Rec>("f.yaml", text, no_stand_in) else {
                panic!("parsed");
            };
            let paths: Vec<&str> = p.errors.iter().map(|d| d.path.as_str()).collect();
            assert_eq!(paths.len(), 2, "{:?}", p.errors);
            assert!(paths.contains(&"title") && paths.contains(&"status"));
            assert!(p.rest.is_none());
        }
        let Err(p) = parse_by_field::<Rec>("f.yaml", "items: 1\n", no_stand_in) else {
            panic!("parsed");
        };
        assert_eq!(p.errors.len(), 1, "{:?}", p.errors);
    }

    #[test]
    fn a_flow_map_or_a_syntax_error_is_one_error() {
        for text in ["{title: [a], status: fixed}", "title: \"a\nstatus: fixed\n"] {
            let Err(p) = parse_by_field::<Rec>("f.yaml", text, title_stand_in) else {
                panic!("parsed {text}");
            };
            assert_eq!(p.errors.len(), 1, "{text}");
            assert!(p.rest.is_none());
        }
    }

    #[test]
    fn thousands_of_bad_keys_give_a_bounded_list() {
        let mut text = String::from("title: t\n");
        for i in 0..5000 {
            text.push_str(&format!("extra{i}: 1\n"));
        }
        // Each field set aside costs a parse of the whole file: the list stops.
        let Err(p) = parse_by_field::<Rec>("f.yaml", &text, no_stand_in) else {
            panic!("parsed");
        };
        assert_eq!(p.failed.len(), MAX_SET_ASIDE);
        assert_eq!(p.errors.len(), MAX_SET_ASIDE + 1);
    }

    #[test]
    fn under_matches_a_key_and_its_children_only() {
        assert!(under("data", "data"));
        assert!(under("data.exposed[0]", "data"));
        assert!(under("vendors[1]", "vendors"));
        assert!(!under("database", "data"));
    }

    #[test]
    fn unknown_key_names_path_position_and_nearest() {
        let d = parse::<Rec>("f.yaml", "title: a\nitems:\n  - id: x\n  - idd: y\n").unwrap_err();
        assert_eq!((d.line, d.column), (Some(4), Some(5)));
        assert_eq!(d.path, "items[1].idd");
        assert_eq!(d.suggestion.as_deref(), Some("id"));
    }

    #[test]
    fn misspelt_enum_value_suggests_nearest() {
        let d = parse::<Rec>("f.yaml", "title: a\nstatus: resolvd\n").unwrap_err();
        assert_eq!(d.path, "status");
        assert_eq!(d.suggestion.as_deref(), Some("resolved"));
        assert_eq!(d.line, Some(2));
    }

    #[test]
    fn duplicate_keys_and_missing_keys_are_errors() {
        let d = parse::<Rec>("f.yaml", "title: a\ntitle: b\n").unwrap_err();
        assert!(d.message.contains("duplicate"), "{}", d.message);
        let d = parse::<Rec>("f.yaml", "status: resolved\n").unwrap_err();
        assert_eq!(d.path, "title");
        assert!(d.message.contains("missing required key"));
    }

    #[test]
    fn spanned_wrappers_leave_no_trace_in_paths() {
        assert_eq!(tidy_path("status.value"), "status");
        assert_eq!(tidy_path("vendors[0].value.name.value"), "vendors[0].name");
        assert_eq!(tidy_path("values.valued"), "values.valued");
        assert_eq!(tidy_path("."), "");
    }

    #[test]
    fn billion_laughs_is_refused_quickly() {
        let mut y = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for i in 0..8u8 {
            let (p, n) = ((b'a' + i) as char, (b'b' + i) as char);
            y.push_str(&format!(
                "{n}: &{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
            ));
        }
        y.push_str("title: t\n");
        let d = parse::<std::collections::BTreeMap<String, serde_json::Value>>("f.yaml", &y)
            .unwrap_err();
        assert!(!d.message.is_empty());
    }

    #[test]
    fn empty_and_odd_documents_are_errors_not_panics() {
        for text in ["", "   \n", "~", "- a\n- b\n", "\u{0}", "a: [1, 2", "\t- x"] {
            assert!(parse::<Rec>("f.yaml", text).is_err(), "{text:?}");
        }
    }

    #[test]
    fn syntax_hints_never_panic_on_broken_text() {
        let base = "title:\n  en: \"a\"\n  ar: 'ب'\nitems:\n  - id: x\n";
        for (i, _) in base.char_indices() {
            for ins in ["\t", "\"", "'", " ", "\n", "- ", ": ", "ع"] {
                let mut s = base.to_owned();
                s.insert_str(i, ins);
                let _ = parse::<Rec>("f.yaml", &s);
            }
        }
    }

    #[test]
    fn tab_indentation_is_named_at_its_line() {
        let d = parse::<Rec>("f.yaml", "title: a\nitems:\n\t- id: x\n").unwrap_err();
        assert_eq!((d.line, d.column), (Some(3), Some(1)), "{d}");
        assert!(d.message.contains("YAML indentation must be spaces"), "{d}");
    }

    #[test]
    fn colon_inside_a_value_says_to_quote_it_not_to_reindent() {
        for text in [
            "title: a\nitems:\n  - id: Note: x\n",
            "title: Note: x\n",
            // In a later item, and in an item's second key (`- ar: ملاحظة: راقب`).
            "title: a\nitems:\n  - id: a\n    note: b\n  - id: ملاحظة: راقب\n",
            "title: a\nitems:\n  - id: a\n    note: ملاحظة: راقب\n",
            "title: a\nitems:\n  - id: a\n  - id: b\n    note: ملاحظة: راقب\n",
        ] {
            let d = parse::<Rec>("f.yaml", text).unwrap_err();
            assert!(
                d.message.contains("put the whole value in quotes"),
                "{text:?}: {d}"
            );
        }
    }
}
