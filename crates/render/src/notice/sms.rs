//! How many SMS segments a text takes, as a phone network counts them.
//!
//! A message whose every character is in the GSM 03.38 alphabet is sent in
//! GSM-7: 160 septets alone, 153 per part once it is split (the rest of each
//! part carries the header that joins them). A character of the extension table
//! (`€`, `[`, `{`, `|`, …) costs two septets, an escape and the character, and
//! the pair is never split across parts. Any other character, an Arabic letter
//! or a Unicode isolate alike, sends the whole message in UCS-2: 70 UTF-16 units
//! alone, 67 per part, a surrogate pair never split.

/// How a message is encoded on the air.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Gsm7,
    Ucs2,
}

impl Encoding {
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Gsm7 => "GSM-7",
            Encoding::Ucs2 => "UCS-2",
        }
    }

    /// Units one message holds alone, and per part of a split one.
    fn limits(self) -> (usize, usize) {
        match self {
            Encoding::Gsm7 => (160, 153),
            Encoding::Ucs2 => (70, 67),
        }
    }
}

/// The most parts a notice may take: past three, many carriers refuse or
/// deliver the parts as separate messages.
pub const MAX_SEGMENTS: usize = 3;

/// What a text costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    pub encoding: Encoding,
    /// Septets (GSM-7) or UTF-16 units (UCS-2).
    pub units: usize,
    pub segments: usize,
    /// The first character that is not in the GSM alphabet, which made the
    /// message UCS-2.
    pub first_non_gsm: Option<char>,
}

impl Count {
    /// How many units [`MAX_SEGMENTS`] parts hold in this encoding.
    pub fn capacity(&self) -> usize {
        let (_, part) = self.encoding.limits();
        part * MAX_SEGMENTS
    }

    pub fn fits(&self) -> bool {
        self.segments <= MAX_SEGMENTS
    }
}

/// The GSM 03.38 default alphabet, in code order.
const BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u{1b}ÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?\
¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

/// The extension table: each is sent as an escape and the character.
const EXTENSION: &str = "\u{c}^{}\\[~]|€";

/// Septets `c` takes in GSM-7, or `None` when GSM-7 cannot carry it.
fn septets(c: char) -> Option<usize> {
    if c != '\u{1b}' && BASIC.contains(c) {
        Some(1)
    } else if EXTENSION.contains(c) {
        Some(2)
    } else {
        None
    }
}

/// The segments `text` takes.
pub fn count(text: &str) -> Count {
    let first_non_gsm = text.chars().find(|&c| septets(c).is_none());
    let (encoding, sizes): (Encoding, Vec<usize>) = match first_non_gsm {
        None => (
            Encoding::Gsm7,
            text.chars().map(|c| septets(c).unwrap_or(2)).collect(),
        ),
        Some(_) => (Encoding::Ucs2, text.chars().map(char::len_utf16).collect()),
    };
    let units: usize = sizes.iter().sum();
    let (single, part) = encoding.limits();
    let segments = if units == 0 {
        0
    } else if units <= single {
        1
    } else {
        // Fill each part without splitting a character's units across two.
        let (mut parts, mut used) = (1, 0);
        for size in sizes {
            if used + size > part {
                parts += 1;
                used = 0;
            }
            used += size;
        }
        parts
    };
    Count {
        encoding,
        units,
        segments,
        first_non_gsm,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gsm_text_fits_160_alone_and_153_per_part() {
        let c = count(&"a".repeat(160));
        assert_eq!((c.encoding, c.units, c.segments), (Encoding::Gsm7, 160, 1));
        assert_eq!(count(&"a".repeat(161)).segments, 2);
        assert_eq!(count(&"a".repeat(306)).segments, 2);
        assert_eq!(count(&"a".repeat(307)).segments, 3);
        assert_eq!(count(&"a".repeat(459)).segments, 3);
        let c = count(&"a".repeat(460));
        assert_eq!(c.segments, 4);
        assert!(!c.fits());
        assert_eq!(c.capacity(), 459);
    }

    #[test]
    fn extension_characters_count_two_septets_and_are_not_split() {
        let c = count(&"€".repeat(80));
        assert_eq!((c.encoding, c.units, c.segments), (Encoding::Gsm7, 160, 1));
        let c = count(&format!("{}{{", "a".repeat(159)));
        assert_eq!((c.units, c.segments), (161, 2));
        // 152 septets, then an escape pair that would straddle the first part's
        // end: it moves whole to the second part.
        // 306 septets would fill two parts exactly, were the pair split.
        let text = format!("{}[{}", "a".repeat(152), "a".repeat(152));
        let c = count(&text);
        assert_eq!(c.units, 306);
        assert_eq!(c.segments, 3);
        for ch in ['^', '{', '}', '\\', '[', '~', ']', '|', '€', '\u{c}'] {
            assert_eq!(count(&ch.to_string()).units, 2, "{ch:?}");
        }
        for ch in ['@', '£', 'é', 'Ñ', '\n', '¿', 'Δ'] {
            assert_eq!(count(&ch.to_string()).units, 1, "{ch:?}");
        }
    }

    #[test]
    fn one_character_outside_gsm_makes_the_whole_message_ucs2() {
        let c = count(&"a".repeat(70));
        assert_eq!(c.encoding, Encoding::Gsm7);
        let text = format!("{}’", "a".repeat(69));
        let c = count(&text);
        assert_eq!((c.encoding, c.units, c.segments), (Encoding::Ucs2, 70, 1));
        assert_eq!(c.first_non_gsm, Some('’'));
        assert_eq!(count(&format!("{}’", "a".repeat(70))).segments, 2);
        // The escape character itself is not a character one can send.
        assert_eq!(count("\u{1b}").encoding, Encoding::Ucs2);
    }

    #[test]
    fn arabic_counts_70_alone_and_67_per_part() {
        let c = count(&"ب".repeat(70));
        assert_eq!((c.encoding, c.units, c.segments), (Encoding::Ucs2, 70, 1));
        assert_eq!(count(&"ب".repeat(71)).segments, 2);
        assert_eq!(count(&"ب".repeat(134)).segments, 2);
        assert_eq!(count(&"ب".repeat(135)).segments, 3);
        assert_eq!(count(&"ب".repeat(201)).segments, 3);
        assert_eq!(count(&"ب".repeat(202)).segments, 4);
        assert_eq!(count("ب").capacity(), 201);
    }

    #[test]
    fn isolates_force_ucs2_and_count_as_characters() {
        let plain = "Acme: see https://a.example/";
        assert_eq!(count(plain).encoding, Encoding::Gsm7);
        let isolated = "Acme: see \u{2066}https://a.example/\u{2069}";
        let c = count(isolated);
        assert_eq!(c.encoding, Encoding::Ucs2);
        assert_eq!(c.units, plain.chars().count() + 2);
        assert_eq!(c.first_non_gsm, Some('\u{2066}'));
    }

    #[test]
    fn a_surrogate_pair_is_two_units_never_split() {
        let c = count("🔒");
        assert_eq!((c.encoding, c.units, c.segments), (Encoding::Ucs2, 2, 1));
        // 66 units, then a pair that would straddle the first part's end.
        // 134 units would fill two parts exactly, were the pair split.
        let text = format!("{}🔒{}", "ب".repeat(66), "ب".repeat(66));
        assert_eq!(count(&text).units, 134);
        assert_eq!(count(&text).segments, 3);
        assert_eq!(count("").segments, 0);
    }
}
