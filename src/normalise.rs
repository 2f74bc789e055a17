//! Normalise stage: derives the text that is *scored* from the original text that is *shown*.
//!
//! VADER finds negation through the ASCII contraction "n't" and treats quote marks as punctuation, so curly
//! apostrophes and quotes must become ASCII before scoring ("wasn’t" would otherwise not negate). The original
//! text is never modified: units keep byte offsets into it, and the scoring text is derived per unit.

use std::borrow::Cow;

/// Maps typographic apostrophes, quotes and spaces to their ASCII forms; returns the input unchanged
/// (borrowed) when there is nothing to map, which is the common case on plain-ASCII corpora.
pub fn for_scoring(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_mapping) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(map_char).collect())
}

fn needs_mapping(c: char) -> bool {
    map_char(c) != c
}

fn map_char(c: char) -> char {
    match c {
        // apostrophes and single quotes: right/left single, single low-9, reversed, prime, modifier letter
        '\u{2019}' | '\u{2018}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => '\'',
        // double quotes: right/left double, double low-9, reversed, double prime
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
        // no-break and narrow no-break spaces would otherwise glue words together for whitespace splitting
        '\u{00A0}' | '\u{202F}' | '\u{2007}' => ' ',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_curly_marks_and_keeps_ascii_borrowed() {
        assert_eq!(
            for_scoring("It wasn’t ‘victory’ “at all”"),
            "It wasn't 'victory' \"at all\""
        );
        assert!(matches!(for_scoring("plain text"), Cow::Borrowed(_)));
    }
}
