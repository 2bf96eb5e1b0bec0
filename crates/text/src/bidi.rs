//! Runs of the other direction inside a text, found once and isolated everywhere.
//!
//! A phone number written with spaces (`+966 55 123 4567`), an IBAN, an amount with a
//! Latin currency code or a product name inside Arabic text is laid out by the
//! Unicode bidi algorithm group by group from the right unless it is isolated: the
//! spaces between its groups take the paragraph's direction. So every maximal
//! left-to-right run of a right-to-left text (Latin letters and European digits, and
//! the spaces and punctuation *between* them) is found here, in one linear pass, and
//! isolated: with markup on pages (`<span dir="ltr">`), with Unicode isolates
//! (LRI…PDI) where no markup can exist (`<title>`, meta tags, feed text). The run
//! takes the signs that belong to it (`+966`, `$75`, `50%`, `@bank.example`) and a
//! closing bracket opened inside it (`8001-NAHDA (8001-62432)`), never the sentence
//! punctuation after it or brackets wrapped around it, which mirror correctly on
//! their own. In a left-to-right text the mirror image holds: right-to-left runs are
//! isolated, so digits after an Arabic word keep their place.
//!
//! Isolation adds no character inside a run, so a copied phone number or email is
//! exactly what the author typed.

use std::ops::Range;

use icu_properties::CodePointMapData;
use icu_properties::props::BidiClass;

use crate::lang::Direction;

/// Runs up to this many characters that hold a digit or a sign do not wrap in the
/// middle: phone numbers, IBANs, amounts, codes and versions stay whole on a phone's
/// line. A run of words alone (`OpenAI API`) may wrap between its words, as any
/// sentence does; it stays isolated, so it still reads in order across the break.
pub const SHORT_RUN: usize = 32;

/// The longest grouped number kept whole: an IBAN (34 characters in groups of
/// four, 42 with its spaces) fits; a sentence of short words does not pass as one.
const GROUPED_RUN: usize = 48;

/// A number written in groups, as IBANs, card numbers and phone numbers are
/// worldwide (`JO94 CBJO 0010 0000 0000 0131 0003 02`, `4111 1111 1111 1111`,
/// `+44 20 7946 0958`): groups of at most six letters or digits (a `+` or
/// brackets around them allowed) between single spaces, dots or hyphens, mostly
/// digits. Longer than other short runs, and still kept on one line where the
/// line allows.
fn grouped_number(run: &str) -> bool {
    if run.chars().count() > GROUPED_RUN {
        return false;
    }
    let groups: Vec<&str> = run.split([' ', '-', '.']).collect();
    let fits = |g: &&str| {
        let core = g.trim_start_matches(['+', '(']).trim_end_matches(')');
        (1..=6).contains(&core.len()) && core.bytes().all(|b| b.is_ascii_alphanumeric())
    };
    let digits = run.bytes().filter(u8::is_ascii_digit).count();
    let letters = run.bytes().filter(u8::is_ascii_alphabetic).count();
    groups.len() >= 2 && groups.iter().all(fits) && digits >= 2 * letters
}

/// Left-to-right isolate, pop directional isolate, right-to-left isolate.
pub const LRI: char = '\u{2066}';
/// Right-to-left isolate: opens a run laid out right to left.
pub const RLI: char = '\u{2067}';
/// Pop directional isolate: closes the run an [`LRI`] or [`RLI`] opened.
pub const PDI: char = '\u{2069}';

/// A run of text to isolate, as a byte range of the text it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub range: Range<usize>,
    /// To be kept on one line: short, and holding a digit or a sign (see
    /// [`SHORT_RUN`]).
    pub short: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Of the run's direction: it starts, continues and ends a run.
    Strong,
    /// Of the other direction, a line or paragraph break, or an explicit bidi
    /// control the author placed: a run never crosses it.
    Stop,
    /// Spaces, punctuation, symbols: inside a run when strong characters are on both
    /// sides, else outside.
    Neutral,
}

fn class(c: char) -> BidiClass {
    CodePointMapData::<BidiClass>::new().get(c)
}

/// How `c` behaves when looking for runs against a paragraph of direction `base`.
fn kind(c: char, base: Direction) -> Kind {
    if c.is_ascii() {
        return match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' if base == Direction::Rtl => Kind::Strong,
            'a'..='z' | 'A'..='Z' if base == Direction::Ltr => Kind::Stop,
            '\n' | '\r' | '\t' | '\u{b}' | '\u{c}' | '\u{1c}'..='\u{1f}' => Kind::Stop,
            _ => Kind::Neutral,
        };
    }
    // The marks an author may type to steer the algorithm are theirs: no run
    // swallows them.
    if matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}') {
        return Kind::Stop;
    }
    let bc = class(c);
    let explicit = matches!(
        bc,
        BidiClass::LeftToRightEmbedding
            | BidiClass::RightToLeftEmbedding
            | BidiClass::LeftToRightOverride
            | BidiClass::RightToLeftOverride
            | BidiClass::PopDirectionalFormat
            | BidiClass::LeftToRightIsolate
            | BidiClass::RightToLeftIsolate
            | BidiClass::FirstStrongIsolate
            | BidiClass::PopDirectionalIsolate
            | BidiClass::ParagraphSeparator
            | BidiClass::SegmentSeparator
    );
    if explicit {
        return Kind::Stop;
    }
    let ltr = matches!(bc, BidiClass::LeftToRight | BidiClass::EuropeanNumber);
    let rtl = matches!(
        bc,
        BidiClass::RightToLeft | BidiClass::ArabicLetter | BidiClass::ArabicNumber
    );
    match (base, ltr, rtl) {
        (Direction::Rtl, true, _) | (Direction::Ltr, _, true) => Kind::Strong,
        (Direction::Rtl, _, true) | (Direction::Ltr, true, _) => Kind::Stop,
        _ => Kind::Neutral,
    }
}

/// Signs written against the start of a left-to-right run that belong to it.
fn is_prefix(c: char) -> bool {
    matches!(
        c,
        '+' | '-'
            | '\u{2212}'
            | '$'
            | '#'
            | '@'
            | '~'
            | '/'
            | '\\'
            | '.'
            | '_'
            | '&'
            | '*'
            | '€'
            | '£'
            | '¥'
            | '₹'
            | '¢'
    )
}

/// Signs written against the end of a left-to-right run that belong to it.
fn is_suffix(c: char) -> bool {
    matches!(
        c,
        '%' | '‰' | '°' | '+' | '#' | '*' | '€' | '£' | '¥' | '$' | '™' | '®'
    )
}

fn closer_of(open: char) -> Option<char> {
    match open {
        '(' => Some(')'),
        '[' => Some(']'),
        '{' => Some('}'),
        _ => None,
    }
}

/// The runs of `text` that need isolating inside a paragraph of direction `base`:
/// left-to-right runs in right-to-left text, right-to-left runs in left-to-right
/// text. Linear in the text's length. A left-to-right run made of letters and digits
/// alone (`CRM`, `2025`) is laid out right without help and is left out.
pub fn runs(text: &str, base: Direction) -> Vec<Run> {
    // Cheap exits: most texts hold nothing of the other direction.
    match base {
        Direction::Rtl if !text.bytes().any(|b| b.is_ascii_alphanumeric() || b >= 0x80) => {
            return Vec::new();
        }
        Direction::Ltr if text.is_ascii() => return Vec::new(),
        _ => {}
    }
    // Cores: from the first strong character to the last, with nothing that stops a
    // run in between. `mixed` records a neutral inside.
    let mut cores: Vec<(usize, usize, bool)> = Vec::new();
    let mut open: Option<(usize, usize, bool)> = None;
    let mut neutral_pending = false;
    for (i, c) in text.char_indices() {
        match kind(c, base) {
            Kind::Strong => {
                let end = i + c.len_utf8();
                open = Some(match open {
                    None => (i, end, false),
                    Some((s, _, mixed)) => (s, end, mixed || neutral_pending),
                });
                neutral_pending = false;
            }
            Kind::Neutral => neutral_pending = open.is_some(),
            Kind::Stop => {
                cores.extend(open.take());
                neutral_pending = false;
            }
        }
    }
    cores.extend(open);

    let mut out = Vec::with_capacity(cores.len());
    let mut floor = 0;
    for (i, &(mut start, mut end, mixed)) in cores.iter().enumerate() {
        let ceiling = cores.get(i + 1).map_or(text.len(), |c| c.0);
        let mut extended = false;
        if base == Direction::Rtl {
            // Brackets opened inside and closed just after (or the reverse).
            let (unclosed, unopened) = unbalanced(&text[start..end]);
            for close in unclosed {
                if text[end..ceiling].starts_with(close) {
                    end += close.len_utf8();
                    extended = true;
                } else {
                    break;
                }
            }
            for open in unopened {
                if text[floor..start].ends_with(open) {
                    start -= open.len_utf8();
                    extended = true;
                } else {
                    break;
                }
            }
            while let Some(c) = text[floor..start]
                .chars()
                .next_back()
                .filter(|&c| is_prefix(c))
            {
                start -= c.len_utf8();
                extended = true;
            }
            while let Some(c) = text[end..ceiling].chars().next().filter(|&c| is_suffix(c)) {
                end += c.len_utf8();
                extended = true;
            }
        }
        // A pure left-to-right word needs no help; a right-to-left run inside
        // left-to-right text always does, since digits after it would join it.
        if mixed || extended || base == Direction::Ltr {
            let run = &text[start..end];
            let short = run.chars().count() <= SHORT_RUN
                && run.chars().any(|c| !(c.is_alphabetic() || c == ' '))
                || grouped_number(run);
            out.push(Run {
                range: start..end,
                short,
            });
        }
        floor = end;
    }
    out
}

/// The closers a run still owes (innermost first) and the openers it lacks
/// (innermost first), for `()`, `[]` and `{}`.
fn unbalanced(run: &str) -> (Vec<char>, Vec<char>) {
    let mut stack: Vec<char> = Vec::new();
    let mut unopened: Vec<char> = Vec::new();
    for c in run.chars() {
        match c {
            '(' | '[' | '{' => stack.push(c),
            ')' | ']' | '}' => {
                let open = match c {
                    ')' => '(',
                    ']' => '[',
                    _ => '{',
                };
                if stack.last() == Some(&open) {
                    stack.pop();
                } else if stack.is_empty() {
                    unopened.push(open);
                }
            }
            _ => {}
        }
    }
    let unclosed = stack.iter().rev().filter_map(|&o| closer_of(o)).collect();
    unopened.reverse();
    (unclosed, unopened)
}

/// `text` with every run isolated by Unicode isolates, for places where markup
/// cannot exist. Text of the other direction gets LRI or RLI, then PDI.
pub fn isolate_plain(text: &str, base: Direction) -> String {
    let runs = runs(text, base);
    if runs.is_empty() {
        return text.to_owned();
    }
    let initiator = match base {
        Direction::Rtl => LRI,
        Direction::Ltr => RLI,
    };
    let mut out = String::with_capacity(text.len() + runs.len() * 6);
    let mut at = 0;
    for r in runs {
        out.push_str(&text[at..r.range.start]);
        out.push(initiator);
        out.push_str(&text[r.range.clone()]);
        out.push(PDI);
        at = r.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Plain text as readers see it where no markup can exist (`<title>`, feeds, the
/// JSON copies, CSAF, notices): every run of the other direction isolated, and on
/// a right-to-left line that opens with a Latin word, a right-to-left mark first.
pub fn shown(plain: &str, lang: &crate::lang::Lang) -> String {
    rtl_safe(lang, &isolate_plain(plain, lang.direction()))
}

/// On a right-to-left language, `s` with a right-to-left mark first when its
/// first strong letter is left-to-right, so "OpenAI …" is not laid out left to
/// right where no markup can set the direction.
pub fn rtl_safe(lang: &crate::lang::Lang, s: &str) -> String {
    let first_strong_ltr = s
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(|c| !is_rtl_char(c));
    if lang.direction() == Direction::Rtl && first_strong_ltr {
        format!("\u{200F}{s}")
    } else {
        s.to_owned()
    }
}

fn is_rtl_char(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Punctuation that ends a sentence or clause and never ends an email or URL a
/// reader would type, in Arabic script and Latin.
fn is_trailing_punctuation(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '\''
            | '"'
            | '،'
            | '؛'
            | '؟'
            | '۔'
            | '٫'
            | '٬'
            | '»'
            | '«'
            | '”'
            | '“'
            | '’'
            | '‘'
            | '…'
    )
}

/// Arabic-script punctuation: it never belongs inside an address, so an
/// autolink ends at the first one even when no space follows.
fn is_arabic_punctuation(c: char) -> bool {
    matches!(c, '،' | '؛' | '؟' | '۔' | '٪' | '٫' | '٬')
}

/// How many bytes of an autolinked email or URL are the address: the rest is the
/// sentence's punctuation (`security@bank.example،` keeps `security@bank.example`).
/// A closing bracket stays when the address opened it (`…/Foo_(bar)`).
pub fn link_len(found: &str) -> usize {
    let mut end = found
        .char_indices()
        .find(|&(_, c)| is_arabic_punctuation(c))
        .map_or(found.len(), |(i, _)| i);
    // Brackets counted once and updated as characters are cut: linear.
    let mut depth = [0i64; 3];
    for c in found[..end].chars() {
        match c {
            '(' => depth[0] += 1,
            ')' => depth[0] -= 1,
            '[' => depth[1] += 1,
            ']' => depth[1] -= 1,
            '{' => depth[2] += 1,
            '}' => depth[2] -= 1,
            _ => {}
        }
    }
    while let Some(c) = found[..end].chars().next_back() {
        let bracket = match c {
            ')' => Some(0),
            ']' => Some(1),
            '}' => Some(2),
            _ => None,
        };
        let cut = match bracket {
            // More closers than openers: the last one is the sentence's.
            Some(b) => depth[b] < 0,
            None => is_trailing_punctuation(c),
        };
        if !cut {
            break;
        }
        if let Some(b) = bracket {
            depth[b] += 1;
        }
        end -= c.len_utf8();
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn arabic_title_starting_with_latin_gets_a_right_to_left_mark() {
        let ar = Lang::parse("ar").unwrap();
        let en = Lang::parse("en").unwrap();
        assert_eq!(rtl_safe(&ar, "OpenAI تنهي"), "\u{200F}OpenAI تنهي");
        assert_eq!(rtl_safe(&ar, "حادثة Mixpanel"), "حادثة Mixpanel");
        assert_eq!(rtl_safe(&en, "OpenAI ends"), "OpenAI ends");
    }

    fn found(text: &str) -> Vec<&str> {
        runs(text, Direction::Rtl)
            .into_iter()
            .map(|r| &text[r.range])
            .collect()
    }

    #[test]
    fn phone_numbers_ibans_amounts_and_names_are_one_run_each() {
        assert_eq!(found("اتصل على +966 55 123 4567 الآن"), ["+966 55 123 4567"]);
        assert_eq!(
            found("الآيبان SA03 8000 0000 6080 1016 7519 لحسابنا"),
            ["SA03 8000 0000 6080 1016 7519"]
        );
        assert_eq!(found("المبلغ 249.00 SAR فقط"), ["249.00 SAR"]);
        assert_eq!(found("حدّث إلى iOS 17.2، ثم"), ["iOS 17.2"]);
        assert_eq!(found("منصة OpenAI API للمطورين"), ["OpenAI API"]);
        assert_eq!(found("الرمز INC-2026-0042."), ["INC-2026-0042"]);
        assert_eq!(
            found("اتصل بـ 8001-NAHDA (8001-62432) أو"),
            ["8001-NAHDA (8001-62432)"]
        );
    }

    #[test]
    fn signs_join_the_run_and_sentence_punctuation_does_not() {
        assert_eq!(found("خصم 50% على"), ["50%"]);
        assert_eq!(found("رسوم $75 فقط"), ["$75"]);
        assert_eq!(found("عناوين @nahda.example للموظفين"), ["@nahda.example"]);
        assert_eq!(found("الرقم +966"), ["+966"]);
        // Wrapped in brackets or followed by a full stop: those stay outside and
        // mirror as they should.
        assert_eq!(found("(8001-62432)"), ["8001-62432"]);
        assert_eq!(found("النظام (v1.2)."), ["v1.2"]);
        assert_eq!(found("«OpenAI API»"), ["OpenAI API"]);
    }

    #[test]
    fn pure_words_and_numbers_need_no_isolation() {
        assert!(found("نظام CRM.").is_empty());
        assert!(found("في عام 2025 حدث").is_empty());
        assert!(found("نص عربي فقط").is_empty());
        // Arabic-Indic digits belong to the Arabic text.
        assert!(found("٠٥٥ ١٢٣ ٤٥٦٧").is_empty());
    }

    #[test]
    fn arabic_between_two_latin_words_makes_two_runs() {
        assert_eq!(
            found("OpenAI API ثم Mixpanel Inc. بعد"),
            ["OpenAI API", "Mixpanel Inc"]
        );
    }

    #[test]
    fn explicit_marks_and_line_breaks_end_a_run() {
        assert_eq!(found("A B\u{2066}C D\u{2069}\nE F"), ["A B", "C D", "E F"]);
    }

    #[test]
    fn right_to_left_runs_are_isolated_in_left_to_right_text() {
        let t = "Call مركز الاتصال 800 123 now";
        let r = runs(t, Direction::Ltr);
        assert_eq!(
            r.iter().map(|r| &t[r.range.clone()]).collect::<Vec<_>>(),
            ["مركز الاتصال"]
        );
    }

    #[test]
    fn short_runs_are_marked() {
        let r = runs("x +966 55 123 4567 ي", Direction::Rtl);
        assert!(r[0].short);
        // Words alone may wrap between them.
        assert!(!runs("ي OpenAI API ي", Direction::Rtl)[0].short);
        assert!(runs("ي iOS 17.2 ي", Direction::Rtl)[0].short);
        let long = format!("ي {} ي", "word ".repeat(20).trim());
        assert!(!runs(&long, Direction::Rtl)[0].short);
    }

    #[test]
    fn grouped_ibans_cards_and_phones_are_kept_whole() {
        for n in [
            "JO94 CBJO 0010 0000 0000 0131 0003 02",
            "SA03 8000 0000 6080 1016 7519",
            "4111 1111 1111 1111",
            "+44 20 7946 0958",
            "+1 (555) 010-0199",
        ] {
            let r = runs(&format!("الرقم {n} لدينا"), Direction::Rtl);
            assert_eq!(r.len(), 1, "{n}");
            assert!(r[0].short, "{n}");
        }
        // Words, or one long unbroken code, are not grouped numbers.
        assert!(!grouped_number("Open the app and call us now today"));
        assert!(!grouped_number("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789AB"));
    }

    #[test]
    fn plain_text_isolates_with_unicode_isolates() {
        assert_eq!(
            isolate_plain("اتصل +966 55 123 4567 الآن", Direction::Rtl),
            "اتصل \u{2066}+966 55 123 4567\u{2069} الآن"
        );
        assert_eq!(isolate_plain("plain", Direction::Rtl), "plain");
    }

    #[test]
    fn links_end_before_the_sentence_punctuation() {
        for (input, want) in [
            ("security@bank.example،", "security@bank.example"),
            ("security@bank.example؛", "security@bank.example"),
            ("https://bank.example/help؟", "https://bank.example/help"),
            ("https://bank.example/help.", "https://bank.example/help"),
            ("https://bank.example/a,", "https://bank.example/a"),
            ("https://bank.example/a)", "https://bank.example/a"),
            (
                "https://en.wikipedia.org/wiki/Foo_(bar)",
                "https://en.wikipedia.org/wiki/Foo_(bar)",
            ),
            ("https://bank.example/a!?", "https://bank.example/a"),
            ("a@b.example،أو", "a@b.example"),
        ] {
            assert_eq!(&input[..link_len(input)], want, "{input}");
        }
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn mixed() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "+966", " ", "55", "(", ")", "[", "]", "ي", "عربي", "ABC", "٣", ".", "،", "%", "$",
            "\u{2066}", "\u{2069}", "\u{202E}", "\u{200F}", "\n", "-", "@", "x",
        ]);
        prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

        /// Runs are sorted, disjoint, on character boundaries, start and end with a
        /// character of the run's direction or one of its signs, and never hold a
        /// stop character: so wrapping each one yields balanced isolates.
        #[test]
        fn runs_are_disjoint_and_well_formed(text in mixed(), rtl in any::<bool>()) {
            let base = if rtl { Direction::Rtl } else { Direction::Ltr };
            let rs = runs(&text, base);
            let mut last = 0;
            for r in &rs {
                prop_assert!(r.range.start >= last && r.range.start < r.range.end);
                prop_assert!(text.is_char_boundary(r.range.start) && text.is_char_boundary(r.range.end));
                prop_assert!(!text[r.range.clone()].chars().any(|c| kind(c, base) == Kind::Stop));
                last = r.range.end;
            }
            let iso = isolate_plain(&text, base);
            let opens = iso.matches([LRI, RLI]).count() - text.matches([LRI, RLI]).count();
            let closes = iso.matches(PDI).count() - text.matches(PDI).count();
            prop_assert_eq!(opens, closes);
            prop_assert_eq!(iso.replace([LRI, RLI, PDI], ""), text.replace([LRI, RLI, PDI], ""));
        }

        #[test]
        fn any_unicode_never_panics(text in "\\PC{0,200}") {
            let _ = runs(&text, Direction::Rtl);
            let _ = runs(&text, Direction::Ltr);
            let n = link_len(&text);
            prop_assert!(text.is_char_boundary(n));
        }
    }
}
