//! More than two languages (issue 17): right-to-left languages share the
//! Arabic-script font and type scale, `digits:` per language (with
//! `dates.arabic_digits` as the older spelling of `digits.ar`), the default theme's
//! Urdu with no theme override, every missing interface string reported in one run
//! (for `fa`, which the theme does not ship, with placeholder strings), and
//! translation lag across three languages.

use std::path::Path;

use crate::{bayan, edit, fixture, read, stderr};

const SMS: &str = "2026-01-sms-gateway";
const SMS_YAML: &str = "content/incidents/2026-01-sms-gateway/incident.yaml";

/// Every string of `v` marked as a placeholder, patterns (`{day}`) kept.
fn placeholders(v: serde_json::Value, code: &str) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::String(s) => Value::String(format!("[{code} placeholder] {s}")),
        Value::Array(a) => Value::Array(a.into_iter().map(|v| placeholders(v, code)).collect()),
        Value::Object(m) => Value::Object(
            m.into_iter()
                .map(|(k, v)| (k, placeholders(v, code)))
                .collect(),
        ),
        other => other,
    }
}

/// The minimal fixture in `[ar, en, CODE]`, `CODE`'s texts placeholders made from
/// the English ones. With `strings`, the theme gets `CODE`'s interface strings as
/// placeholders too (a language the default theme does not ship); without, the
/// site has no theme files at all.
fn three_languages(root: &Path, code: &str, strings: bool) {
    edit(
        root,
        "content/site.yaml",
        "languages: [en, ar]",
        &format!(
            "languages: [ar, en, {code}]\ndigits: {{ ar: arabic-indic, {code}: extended-arabic-indic }}"
        ),
    );
    edit(
        root,
        "content/site.yaml",
        "  ar: إشعارات مختصرة",
        &format!("  ar: إشعارات مختصرة\n  {code}: \"[{code} placeholder] Minimal Advisories\""),
    );
    if strings {
        let o = bayan(root, &["theme", "strings", "--lang", "en"]);
        assert!(o.status.success());
        let en: serde_json::Value = serde_saphyr::from_str(&crate::stdout(&o)).unwrap();
        let mut theirs = placeholders(en, code);
        theirs["languages"][code] = format!("[{code} placeholder] name").into();
        theirs["language_name"] = format!("[{code} placeholder] name").into();
        let dir = root.join("themes/default/i18n");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join(format!("{code}.yaml")),
            serde_json::to_string_pretty(&theirs).unwrap(),
        )
        .unwrap();
        std::fs::write(
            dir.join("en.yaml"),
            format!("languages:\n  {code}: Persian\n"),
        )
        .unwrap();
        std::fs::write(
            dir.join("ar.yaml"),
            format!("languages:\n  {code}: الفارسية\n"),
        )
        .unwrap();
        std::fs::write(
            dir.join("ur.yaml"),
            format!("languages:\n  {code}: فارسی\n"),
        )
        .unwrap();
    }
    // Each `en:` text gets a placeholder in `code` beside it.
    let yaml = read(&root.join(SMS_YAML));
    let mut out = String::new();
    for line in yaml.lines() {
        out.push_str(line);
        out.push('\n');
        let indent = line.len() - line.trim_start().len();
        let t = line.trim_start();
        let (pad, text) = match (t.strip_prefix("- en: "), t.strip_prefix("en: ")) {
            (Some(x), _) => (indent + 2, x),
            (None, Some(x)) => (indent, x),
            _ => continue,
        };
        out.push_str(&format!(
            "{}{code}: \"[{code} placeholder] {text}\"\n",
            " ".repeat(pad)
        ));
    }
    std::fs::write(root.join(SMS_YAML), out).unwrap();
    std::fs::write(
        root.join("content/incidents")
            .join(SMS)
            .join(format!("{code}.md")),
        format!("[{code} placeholder] The provider fixed the routing fault on 9 January 2026.\n"),
    )
    .unwrap();
}

#[test]
fn a_third_right_to_left_language_gets_the_font_type_scale_digits_and_names() {
    let site = fixture("minimal");
    let r = site.path();
    three_languages(r, "ur", false);
    assert!(!r.join("themes").exists(), "no theme override");
    let out = crate::build_ok(r, &[]);
    let ur = read(&out.join("ur/incidents").join(SMS).join("index.html"));
    assert!(ur.contains(r#"<html lang="ur" dir="rtl">"#));
    // The bundled Arabic-script face is preloaded, and the stylesheet gives it
    // (and Arabic's type scale) to every right-to-left page.
    assert!(ur.contains(r#"as="font" type="font/woff2""#), "{ur}");
    let css_path = crate::files_ending(&out, ".css")
        .into_iter()
        .find(|p| p.contains("style."))
        .unwrap();
    let css = read(Path::new(&css_path));
    assert!(
        css.contains("html[dir=\"rtl\"] body, :where([dir=\"rtl\"], :lang(ar)) {\n  font-family: \"Bayan Arabic\""),
        "{css}"
    );
    assert!(css.contains("html[dir=\"rtl\"] body {\n  font-size: 1.125rem;"));
    assert!(!css.contains("html:lang(ar) body"));
    // Urdu digits ۰-۹ in dates, Arabic ٠-٩, English 0-9.
    assert!(ur.contains("digits-extended-arabic-indic"), "{ur}");
    assert!(ur.contains("۲۰۲۶"), "{ur}");
    assert!(!ur.contains("٢٠٢٦"));
    let ar = read(&out.join("ar/incidents").join(SMS).join("index.html"));
    assert!(ar.contains("٢٠٢٦") && !ar.contains("۲۰۲۶"));
    let en = read(&out.join("en/incidents").join(SMS).join("index.html"));
    assert!(en.contains("2026") && !en.contains("۲۰۲۶"));
    // The language switch names all three in their own languages, never a code.
    for page in [&ur, &ar, &en] {
        let nav = page.split(r#"<nav class="lang-switch""#).nth(1).unwrap();
        let nav = nav.split("</nav>").next().unwrap();
        for name in [">العربية<", ">English<", ">اردو<"] {
            assert!(nav.contains(name), "{name} in {nav}");
        }
    }
}

#[test]
fn digits_take_the_older_spelling_and_refuse_bad_values() {
    let site = fixture("minimal");
    let r = site.path();
    edit(
        r,
        "content/site.yaml",
        "languages: [en, ar]",
        "languages: [en, ar]\ndates: { arabic_digits: arabic-indic }",
    );
    let out = crate::build_ok(r, &[]);
    assert!(read(&out.join("ar/incidents").join(SMS).join("index.html")).contains("٢٠٢٦"));
    // `digits.ar` says the same: fine; the extended digits are accepted for Arabic too.
    edit(
        r,
        "content/site.yaml",
        "dates: { arabic_digits: arabic-indic }",
        "dates: { arabic_digits: arabic-indic }\ndigits: { ar: arabic-indic }",
    );
    assert!(bayan(r, &["check"]).status.success());
    edit(
        r,
        "content/site.yaml",
        "digits: { ar: arabic-indic }",
        "digits: { ar: latin }",
    );
    let o = bayan(r, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("digits.ar: `latin` contradicts `dates.arabic_digits`"),
        "{}",
        stderr(&o)
    );
    edit(
        r,
        "content/site.yaml",
        "dates: { arabic_digits: arabic-indic }\n",
        "",
    );
    edit(
        r,
        "content/site.yaml",
        "digits: { ar: latin }",
        "digits: { ar: arabic-indc, fr: latin }",
    );
    let o = bayan(r, &["check"]);
    let err = stderr(&o);
    assert!(err.contains("content/site.yaml:6:15: ") && err.contains("digits.ar: unknown digits `arabic-indc`: use latin, arabic-indic, extended-arabic-indic; did you mean `arabic-indic`?"), "{err}");
    assert!(
        err.contains("digits.fr: `fr` is not one of the site's languages (en, ar)"),
        "{err}"
    );
    edit(
        r,
        "content/site.yaml",
        "digits: { ar: arabic-indc, fr: latin }",
        "digits: { ar: extended-arabic-indic }",
    );
    let out = crate::build_ok(r, &[]);
    assert!(read(&out.join("ar/incidents").join(SMS).join("index.html")).contains("۲۰۲۶"));
}

#[test]
fn every_missing_interface_string_is_reported_in_one_run_with_where_it_goes() {
    let site = fixture("minimal");
    let r = site.path();
    three_languages(r, "fa", true);
    // A start of a file: a few keys only, and Arabic lacking a name for Persian.
    std::fs::write(
        r.join("themes/default/i18n/fa.yaml"),
        "language_name: \"[fa placeholder] name\"\nstrings:\n  skip_to_content: \"[fa placeholder] Skip\"\n",
    )
    .unwrap();
    std::fs::remove_file(r.join("themes/default/i18n/ar.yaml")).unwrap();
    let o = bayan(r, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let fa = "themes/default/i18n/fa.yaml";
    // Under `strings:` (line 2), each missing key with its English default.
    assert!(err.contains(&format!("error: {fa}:2:1: strings.open_title: missing: add `open_title: …` under `strings:` (in English: \"Open advisories\")")), "{err}");
    assert!(
        err.contains(&format!(
            "error: {fa}:2:1: strings.translation_lag: missing"
        )),
        "{err}"
    );
    assert!(
        !err.contains("strings.skip_to_content"),
        "present keys are not reported"
    );
    assert!(
        err.contains(&format!("error: {fa}: months: missing")),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "error: {fa}: status: missing: the whole `status:` group"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("error: {fa}: plurals.open_count.other: missing")),
        "{err}"
    );
    // The other languages' files in the same run.
    assert!(err.contains("error: themes/default/i18n/ar.yaml: languages.fa: missing: add `fa: …` under `languages:`, the name of `fa` in this file's language"), "{err}");
    let missing = err.lines().filter(|l| l.contains(": missing")).count();
    assert!(missing > 100, "{missing} lines:\n{err}");
    // A language with no file at all says how to start one.
    std::fs::remove_file(r.join("themes/default/i18n/fa.yaml")).unwrap();
    let o = bayan(r, &["check"]);
    assert!(
        stderr(&o).contains("`bayan theme strings --lang en > themes/default/i18n/fa.yaml`"),
        "{}",
        stderr(&o)
    );
}

/// The translation-lag cycle on a site in three languages from `bayan init`: an
/// English edit makes both other languages lag, naming the field; catching up one
/// leaves the other; `--strict` fails until every language has caught up.
#[test]
fn translation_lag_in_three_languages_names_each_lagging_language() {
    let tmp = tempfile::tempdir().unwrap();
    let o = bayan(tmp.path(), &["init", "site", "--languages", "ar,en,ur"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let r = tmp.path().join("site");
    let id = "2026-01-example-sms-gateway";
    let yaml = format!("content/incidents/{id}/incident.yaml");
    edit(&r, &yaml, "draft: true", "draft: false");
    let o = bayan(&r, &["translated", id]);
    assert!(o.status.success(), "{}", stderr(&o));
    let strict = |r: &Path| bayan(r, &["check", "--strict"]);
    assert!(strict(&r).status.success(), "{}", stderr(&strict(&r)));

    edit(
        &r,
        &yaml,
        "  en: Some customers with a delivery due on 11 January 2026",
        "  en: Some customers with a delivery due on 11 or 12 January 2026",
    );
    let o = bayan(&r, &["check"]);
    assert!(o.status.success(), "lag is a warning: {}", stderr(&o));
    let err = stderr(&o);
    for lang in ["ar", "ur"] {
        assert!(
            err.contains(&format!(
                "the `{lang}` version may lag: `affected` changed in `en`"
            )),
            "{err}"
        );
    }
    assert!(!err.contains("the `en` version may lag"), "{err}");
    // Each lagging page says so, in its own language.
    let out = crate::build_ok(&r, &[]);
    let ur = read(&out.join("ur/incidents").join(id).join("index.html"));
    assert!(ur.contains("banner-lag"), "the Urdu page notes the lag");
    let en = read(&out.join("en/incidents").join(id).join("index.html"));
    assert!(!en.contains("banner-lag"));

    // Arabic catches up; Urdu still lags, and --strict still fails on it alone.
    edit(
        &r,
        &yaml,
        "  ar: بعض العملاء الذين كان موعد توصيل شحناتهم 11 يناير 2026",
        "  ar: بعض العملاء الذين كان موعد توصيل شحناتهم 11 أو 12 يناير 2026",
    );
    let o = strict(&r);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("the `ur` version may lag"), "{err}");
    assert!(!err.contains("the `ar` version may lag"), "{err}");
    edit(
        &r,
        &yaml,
        "  ur: کچھ صارفین جن کی ترسیل 11 جنوری 2026 کو ہونی تھی",
        "  ur: کچھ صارفین جن کی ترسیل 11 یا 12 جنوری 2026 کو ہونی تھی",
    );
    assert!(bayan(&r, &["translated", id]).status.success());
    let o = strict(&r);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// A text in every site language may also hold a language the site does not
/// publish yet (ready for when `languages:` names it): accepted and left out of
/// every output. With a site language missing, a stray key is that language
/// misspelt, and both are errors; bodies follow the same rule.
#[test]
fn texts_in_a_language_not_yet_published_are_kept_and_a_misspelt_one_is_an_error() {
    let site = fixture("minimal");
    let r = site.path();
    edit(
        r,
        SMS_YAML,
        "  ar: بوابة الرسائل أرسلت رموزاً إلى أرقام خاطئة",
        "  ar: بوابة الرسائل أرسلت رموزاً إلى أرقام خاطئة\n  ur: ایس ایم ایس گیٹ وے نے کوڈ غلط نمبروں پر بھیجے",
    );
    std::fs::write(
        r.join("content/incidents").join(SMS).join("ur.md"),
        "گیٹ وے نے خرابی دور کر دی۔\n",
    )
    .unwrap();
    let out = crate::build_ok(r, &[]);
    assert!(!out.join("ur").exists());
    for f in crate::files_ending(&out, ".html")
        .into_iter()
        .chain(crate::files_ending(&out, ".json"))
        .chain(crate::files_ending(&out, ".xml"))
    {
        let text = read(Path::new(&f));
        assert!(
            !text.contains("ایس ایم ایس") && !text.contains("گیٹ وے"),
            "Urdu in {f}"
        );
    }
    // `ra:` where `ar:` belongs: the stray key and the missing language, both named.
    edit(
        r,
        SMS_YAML,
        "  ar: بوابة الرسائل أرسلت رموزاً إلى أرقام خاطئة",
        "  ra: بوابة الرسائل أرسلت رموزاً إلى أرقام خاطئة",
    );
    std::fs::rename(
        r.join("content/incidents").join(SMS).join("ar.md"),
        r.join("content/incidents").join(SMS).join("ra.md"),
    )
    .unwrap();
    let o = bayan(r, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(
            "title.ra: `ra` is not one of the site's languages (en, ar); did you mean `ar`?"
        ),
        "{err}"
    );
    assert!(err.contains("title.ar: missing Arabic text"), "{err}");
    assert!(err.contains("ra.md: `ra` is not one of the site's languages (en, ar); rename or remove this body; did you mean `ar.md`?"), "{err}");
}
