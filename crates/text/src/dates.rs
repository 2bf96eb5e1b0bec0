//! Dates as authors write them and as readers read them.
//!
//! Authors write RFC 3339 date-times or plain dates; a plain date means that day in
//! the site's time zone. Readers see the calendar day in the site's zone, with a time
//! only where the record gave one, in their language's month names and digits. The
//! zone database is bundled (jiff's `tzdb-bundle-always`), so the machine's own zone
//! files and `TZ` cannot change a build.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};

/// An instant from the record, and whether the author gave a time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct When {
    pub ts: Timestamp,
    pub has_time: bool,
}

/// Parses `2025-11-26T18:00:00Z`, `2025-11-26T21:00:00+03:00` or `2025-11-26`.
pub fn parse(s: &str, tz: &TimeZone) -> Result<When, String> {
    let s = s.trim();
    if s.chars().any(|c| c.is_numeric() && !c.is_ascii_digit()) {
        let latin: String = s.chars().map(latin_digit).collect();
        return Err(format!(
            "`{s}` is written with digits other than 0-9; type the date with 0-9{}",
            if latin.chars().any(|c| c.is_numeric() && !c.is_ascii_digit()) {
                String::new()
            } else {
                format!(", as `{latin}`")
            }
        ));
    }
    if !looks_like_rfc3339(s) {
        return Err(format!("`{s}` is not a date bayan reads; {ACCEPTED}"));
    }
    if s.len() == 10 {
        let date: Date = s
            .parse()
            .map_err(|e| format!("`{s}` is not a valid date (YYYY-MM-DD): {e}"))?;
        let zoned = date
            .to_zoned(tz.clone())
            .map_err(|e| format!("`{s}` does not exist in the site's time zone: {e}"))?;
        return Ok(When {
            ts: zoned.timestamp(),
            has_time: false,
        });
    }
    if s.contains(['T', 't', ' ']) && !has_offset(s) {
        return Err(format!(
            "`{s}` has a time but no zone offset; add `Z` for UTC or an offset such as `+03:00`"
        ));
    }
    let ts: Timestamp = s.parse().map_err(|e| {
        format!(
            "`{s}` is not an RFC 3339 date-time (2025-11-26T18:00:00Z) or a date (2025-11-26): {e}"
        )
    })?;
    Ok(When { ts, has_time: true })
}

/// The forms [`parse`] accepts, for messages.
pub const ACCEPTED: &str = "write `YYYY-MM-DD` (`2026-10-30`) or an RFC 3339 date-time with an offset (`2026-10-30T18:00:00+03:00`, or `Z` for UTC)";

/// `DDDD-DD-DD`, then nothing or a time: the shape of both accepted forms, checked
/// before parsing so that `30 October 2026` or `2026/10/30` get the accepted forms
/// rather than a parser's complaint about one character.
fn looks_like_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 10
        && b[..10].iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
        && (b.len() == 10 || matches!(b[10], b'T' | b't' | b' '))
}

/// `٣` and `۳` (and any other decimal digit) as `3`; anything else as it is.
fn latin_digit(c: char) -> char {
    if c.is_ascii_digit() {
        return c;
    }
    // Decimal digits come in runs of ten starting at a code point ending in 0 in
    // every block bayan's languages use (Arabic-Indic U+0660, Extended U+06F0, …).
    for zero in [0x0660u32, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0xFF10] {
        if let Some(d) = (c as u32).checked_sub(zero).filter(|d| *d < 10) {
            return char::from_digit(d, 10).unwrap_or(c);
        }
    }
    c
}

fn has_offset(s: &str) -> bool {
    let tail = s.get(10..).unwrap_or("");
    tail.ends_with(['Z', 'z'])
        || tail.contains('+')
        || tail.get(1..).is_some_and(|t| t.contains('-'))
}

/// Which digits a language writes the numbers bayan formats with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Digits {
    #[default]
    Latin,
    /// ٠-٩, as Arabic writes them.
    ArabicIndic,
    /// ۰-۹, as Urdu and Persian write them.
    ExtendedArabicIndic,
}

impl Digits {
    pub fn key(self) -> &'static str {
        match self {
            Digits::Latin => "latin",
            Digits::ArabicIndic => "arabic-indic",
            Digits::ExtendedArabicIndic => "extended-arabic-indic",
        }
    }

    pub fn apply(self, s: &str) -> String {
        // Each system's digits run from its zero; both Arabic-script ones group
        // thousands with U+066C.
        let zero = match self {
            Digits::Latin => return s.to_owned(),
            Digits::ArabicIndic => 0x0660,
            Digits::ExtendedArabicIndic => 0x06F0,
        };
        s.chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(zero + (c as u32 - '0' as u32)).unwrap_or(c),
                ',' => '\u{066C}',
                _ => c,
            })
            .collect()
    }
}

/// How one language writes dates: its month names, a pattern and its digits.
#[derive(Debug, Clone)]
pub struct DateStyle {
    pub months: [String; 12],
    /// `{day}`, `{month}`, `{year}`: `{day} {month} {year}`.
    pub date_pattern: String,
    /// `{date}`, `{time}`, `{zone}`: `{date}, {time} ({zone})`.
    pub datetime_pattern: String,
    pub digits: Digits,
    /// With `dates.hijri`: how the Umm al-Qura date is written beside the day.
    pub hijri: Option<HijriStyle>,
    /// The site's zone as this language names it (`بتوقيت الرياض`), if the theme
    /// knows it; else times show an offset (`UTC+3`).
    pub zone_name: Option<String>,
}

/// How one language writes a Hijri date.
#[derive(Debug, Clone)]
pub struct HijriStyle {
    pub months: [String; 12],
    /// `{day}`, `{month}`, `{year}`: `{day} {month} {year} AH`.
    pub date_pattern: String,
    /// `{gregorian}`, `{hijri}`: `{gregorian} ({hijri})`.
    pub with_pattern: String,
}

/// The Umm al-Qura date of a Gregorian day: (year, month 1–12, day). `None` outside
/// the calendar's range.
pub fn hijri_of(date: Date) -> Option<(i32, u8, u8)> {
    let iso = icu_calendar::Date::try_new_iso(
        i32::from(date.year()),
        date.month().try_into().ok()?,
        date.day().try_into().ok()?,
    )
    .ok()?;
    let h = iso.to_calendar(icu_calendar::cal::Hijri::new_umm_al_qura());
    Some((h.era_year().year, h.month().ordinal, h.day_of_month().0))
}

impl DateStyle {
    pub fn format(&self, when: When, tz: &TimeZone) -> String {
        let z = when.ts.to_zoned(tz.clone());
        let date = self.format_day(&z);
        if !when.has_time {
            return date;
        }
        let time = self
            .digits
            .apply(&format!("{:02}:{:02}", z.hour(), z.minute()));
        self.datetime_pattern
            .replace("{date}", &date)
            .replace("{time}", &time)
            // Isolated left to right (LRI…PDI): in Arabic, "UTC+3" would otherwise
            // be laid out as "3+UTC".
            .replace("{zone}", &self.zone(&z))
    }

    /// The zone's name where the theme knows one; else its offset, isolated left to
    /// right (LRI…PDI): in Arabic, "UTC+3" would otherwise be laid out as "3+UTC".
    fn zone(&self, z: &Zoned) -> String {
        match &self.zone_name {
            Some(name) => name.clone(),
            None => format!("\u{2066}{}\u{2069}", self.digits.apply(&zone_label(z))),
        }
    }

    fn format_day(&self, z: &Zoned) -> String {
        let month = &self.months[(z.month() - 1) as usize];
        let day = self
            .date_pattern
            .replace("{day}", &self.digits.apply(&z.day().to_string()))
            .replace("{month}", month)
            .replace("{year}", &self.digits.apply(&z.year().to_string()));
        let Some(h) = &self.hijri else {
            return day;
        };
        let Some((year, month, mday)) = hijri_of(z.date()) else {
            return day;
        };
        let hijri = h
            .date_pattern
            .replace("{day}", &self.digits.apply(&mday.to_string()))
            .replace(
                "{month}",
                h.months
                    .get(usize::from(month.saturating_sub(1)))
                    .map_or("", String::as_str),
            )
            .replace("{year}", &self.digits.apply(&year.to_string()));
        h.with_pattern
            .replace("{gregorian}", &day)
            .replace("{hijri}", &hijri)
    }
}

/// `UTC`, `UTC+3`, `UTC+5:30`, `UTC-4`.
fn zone_label(z: &Zoned) -> String {
    let secs = z.offset().seconds();
    if secs == 0 {
        return "UTC".into();
    }
    let sign = if secs < 0 { '-' } else { '+' };
    let (h, m) = (secs.abs() / 3600, secs.abs() % 3600 / 60);
    if m == 0 {
        format!("UTC{sign}{h}")
    } else {
        format!("UTC{sign}{h}:{m:02}")
    }
}

/// A count grouped by thousands in the language's digits: `1,200,000`, `١٬٢٠٠٬٠٠٠`.
pub fn format_count(n: u64, digits: Digits) -> String {
    let raw = n.to_string();
    let mut out = String::with_capacity(raw.len() + raw.len() / 3);
    for (i, c) in raw.chars().enumerate() {
        if i > 0 && (raw.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    digits.apply(&out)
}

/// RFC 3339 in UTC, for feeds, the sitemap, JSON and `<time datetime>`.
/// A date for messages, in the site's zone: the day (`2027-03-01`) when no time
/// was written, else the RFC 3339 time with the zone's offset
/// (`2027-03-01T08:00:00+03:00`), as an author in that zone would write it.
pub fn in_zone(when: When, tz: &TimeZone) -> String {
    if when.has_time {
        when.ts
            .to_zoned(tz.clone())
            .strftime("%Y-%m-%dT%H:%M:%S%:z")
            .to_string()
    } else {
        iso_day(when, tz)
    }
}

pub fn rfc3339(when: When) -> String {
    when.ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The calendar day in the site's zone, `YYYY-MM-DD`, for `<time datetime>` of a
/// date-only value.
pub fn iso_day(when: When, tz: &TimeZone) -> String {
    when.ts.to_zoned(tz.clone()).date().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_indic_date_says_to_type_0_9() {
        let e = parse("٢٠٢٦-١٠-٣٠", &TimeZone::UTC).unwrap_err();
        assert_eq!(
            e,
            "`٢٠٢٦-١٠-٣٠` is written with digits other than 0-9; type the date with 0-9, as `2026-10-30`"
        );
        let e = parse("۲۰۲۶-۱۰-۳۰", &TimeZone::UTC).unwrap_err();
        assert!(e.ends_with("as `2026-10-30`"), "{e}");
    }

    #[test]
    fn unreadable_date_shows_the_accepted_forms() {
        for s in [
            "30 October 2026",
            "2026/10/30",
            "30-10-2026",
            "2026-10-30 at noon",
        ] {
            let e = parse(s, &TimeZone::UTC).unwrap_err();
            if s.starts_with("2026-10-30 ") {
                assert!(e.contains("no zone offset"), "{e}");
                continue;
            }
            assert_eq!(
                e,
                format!("`{s}` is not a date bayan reads; {ACCEPTED}"),
                "{s}"
            );
        }
        assert!(ACCEPTED.contains("YYYY-MM-DD") && ACCEPTED.contains("RFC 3339"));
        assert!(parse("2026-10-30", &TimeZone::UTC).is_ok());
        assert!(parse("2026-10-30T18:00:00+03:00", &TimeZone::UTC).is_ok());
    }

    fn riyadh() -> TimeZone {
        TimeZone::get("Asia/Riyadh").unwrap()
    }

    fn style(digits: Digits) -> DateStyle {
        let months = [
            "يناير",
            "فبراير",
            "مارس",
            "أبريل",
            "مايو",
            "يونيو",
            "يوليو",
            "أغسطس",
            "سبتمبر",
            "أكتوبر",
            "نوفمبر",
            "ديسمبر",
        ]
        .map(String::from);
        DateStyle {
            months,
            date_pattern: "{day} {month} {year}".into(),
            datetime_pattern: "{date}، {time} ({zone})".into(),
            digits,
            hijri: None,
            zone_name: None,
        }
    }

    #[test]
    fn umm_al_qura_dates_on_known_days() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(hijri_of(d("2024-03-11")), Some((1445, 9, 1)));
        assert_eq!(hijri_of(d("2025-06-26")), Some((1447, 1, 1)));
        assert_eq!(hijri_of(d("2025-11-26")), Some((1447, 6, 5)));
    }

    #[test]
    fn a_zone_the_theme_names_is_shown_by_name_else_as_an_offset() {
        let mut s = style(Digits::ArabicIndic);
        let w = parse("2025-11-26T18:00:00Z", &riyadh()).unwrap();
        assert_eq!(
            s.format(w, &riyadh()),
            "٢٦ نوفمبر ٢٠٢٥، ٢١:٠٠ (\u{2066}UTC+٣\u{2069})"
        );
        s.zone_name = Some("بتوقيت الرياض".into());
        assert_eq!(
            s.format(w, &riyadh()),
            "٢٦ نوفمبر ٢٠٢٥، ٢١:٠٠ (بتوقيت الرياض)"
        );
    }

    #[test]
    fn plain_date_is_that_day_in_the_site_zone() {
        let w = parse("2025-11-27", &riyadh()).unwrap();
        assert!(!w.has_time);
        assert_eq!(rfc3339(w), "2025-11-26T21:00:00Z");
        assert_eq!(iso_day(w, &riyadh()), "2025-11-27");
    }

    #[test]
    fn utc_evening_is_next_day_in_riyadh() {
        let w = parse("2025-11-26T22:30:00Z", &riyadh()).unwrap();
        assert_eq!(
            style(Digits::Latin).format(w, &riyadh()),
            "27 نوفمبر 2025، 01:30 (\u{2066}UTC+3\u{2069})"
        );
        assert_eq!(
            style(Digits::ArabicIndic).format(w, &riyadh()),
            "٢٧ نوفمبر ٢٠٢٥، ٠١:٣٠ (\u{2066}UTC+٣\u{2069})"
        );
    }

    #[test]
    fn time_without_offset_is_rejected() {
        let e = parse("2025-11-26T18:00:00", &riyadh()).unwrap_err();
        assert!(e.contains("no zone offset"), "{e}");
        assert!(parse("2025-13-01", &riyadh()).is_err());
        assert!(parse("yesterday", &riyadh()).is_err());
        assert!(parse("a b", &riyadh()).is_err());
        assert!(parse("2025-11-26 ٠", &riyadh()).is_err());
        assert!(parse("2025-11-26T18:00:00+03:00", &riyadh()).is_ok());
    }

    #[test]
    fn counts_group_by_thousands_in_each_digit_system() {
        assert_eq!(format_count(1_200_000, Digits::Latin), "1,200,000");
        assert_eq!(format_count(1_200_000, Digits::ArabicIndic), "١٬٢٠٠٬٠٠٠");
        assert_eq!(format_count(999, Digits::Latin), "999");
        assert_eq!(format_count(1000, Digits::Latin), "1,000");
    }
}
