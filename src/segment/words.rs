//! Whitespace-separated words, split as `str::split_whitespace` splits them (Unicode `White_Space`),
//! with a fast path for ASCII bytes, and the word lists the voice rules test every word against.
//!
//! The voice rules split every scored sentence into words several times; `split_whitespace` decodes
//! each character and asks the Unicode tables about it, while news text is mostly ASCII, where a byte
//! comparison answers.

/// The words of `text` between runs of whitespace, exactly the items of `text.split_whitespace()`.
pub fn split(text: &str) -> Words<'_> {
    Words { text, pos: 0 }
}

/// The number of words of `text`: `text.split_whitespace().count()`.
pub fn count(text: &str) -> usize {
    let bytes = text.as_bytes();
    // Curly quotes share their lead byte with the Unicode spaces, so each candidate is checked.
    let unicode_space = (0..bytes.len())
        .any(|i| matches!(bytes[i], 0xC2 | 0xE1 | 0xE2 | 0xE3) && space_at(bytes, i).0);
    if unicode_space {
        return split(text).count();
    }
    // Only ASCII whitespace can occur: a word starts at each byte that is not whitespace and follows
    // one that is (or the start). Written over pairs of bytes so that the loop vectorises.
    let ascii_space = |b: u8| matches!(b, b'\t'..=b'\r' | b' ');
    let first = bytes.first().map_or(0, |&b| usize::from(!ascii_space(b)));
    first
        + bytes
            .windows(2)
            .map(|w| usize::from(ascii_space(w[0]) & !ascii_space(w[1])))
            .sum::<usize>()
}

/// Iterator of [`split`].
#[derive(Debug, Clone)]
pub struct Words<'a> {
    text: &'a str,
    pos: usize,
}

/// Whether the character at byte `i` of `text` (a character boundary) is whitespace, and its length
/// in bytes (1 for a character that is not whitespace: the bytes after it are then read as not
/// whitespace either, which is right, since continuation bytes are never ASCII).
#[inline]
fn space_at(bytes: &[u8], i: usize) -> (bool, usize) {
    match bytes[i] {
        // char::is_whitespace in ASCII: tab, line feed, vertical tab, form feed, carriage return, space.
        b'\t'..=b'\r' | b' ' => (true, 1),
        // The lead bytes of the other White_Space characters: U+0085 and U+00A0 (C2), U+1680 (E1),
        // U+2000–U+200A, U+2028, U+2029, U+202F, U+205F (E2) and U+3000 (E3).
        0xC2 | 0xE1 | 0xE2 | 0xE3 => {
            let rest = &bytes[i + 1..];
            let space = match (bytes[i], rest) {
                (0xC2, [0x85 | 0xA0, ..]) => Some(2),
                (0xE1, [0x9A, 0x80, ..]) => Some(3),
                (0xE2, [0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]) => Some(3),
                (0xE2, [0x81, 0x9F, ..]) => Some(3),
                (0xE3, [0x80, 0x80, ..]) => Some(3),
                _ => None,
            };
            space.map_or((false, 1), |width| (true, width))
        }
        _ => (false, 1),
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let mut i = self.pos;
        while i < bytes.len() {
            let (space, width) = space_at(bytes, i);
            if !space {
                break;
            }
            i += width;
        }
        if i >= bytes.len() {
            self.pos = bytes.len();
            return None;
        }
        let start = i;
        while i < bytes.len() {
            let (space, width) = space_at(bytes, i);
            if space {
                break;
            }
            i += width;
        }
        self.pos = i;
        // Both ends are character boundaries: a word starts after whitespace and ends before it.
        self.text.get(start..i)
    }
}

/// A word list for the lists tested against every word of every sentence: a hash set behind a test of
/// length and first and last byte, so that the many words in none of the lists are turned away
/// without hashing.
pub struct WordList {
    set: std::collections::HashSet<&'static str, foldhash::fast::FixedState>,
    first_bytes: [bool; 256],
    last_bytes: [bool; 256],
    lengths: std::ops::RangeInclusive<usize>,
}

impl WordList {
    /// The list of `words`.
    pub fn new(words: &[&'static str]) -> WordList {
        let mut first_bytes = [false; 256];
        let mut last_bytes = [false; 256];
        for w in words {
            if let (Some(&a), Some(&z)) = (w.as_bytes().first(), w.as_bytes().last()) {
                first_bytes[usize::from(a)] = true;
                last_bytes[usize::from(z)] = true;
            }
        }
        let min = words.iter().map(|w| w.len()).min().unwrap_or(0);
        let max = words.iter().map(|w| w.len()).max().unwrap_or(0);
        WordList {
            set: words.iter().copied().collect(),
            first_bytes,
            last_bytes,
            lengths: min..=max,
        }
    }

    /// Whether some word of the list starts with the byte `b`: a test cheaper than any lookup.
    pub fn may_start_with(&self, b: u8) -> bool {
        self.first_bytes[usize::from(b)]
    }

    /// Whether `word` is in the list.
    pub fn contains(&self, word: &str) -> bool {
        match (word.as_bytes().first(), word.as_bytes().last()) {
            (Some(&a), Some(&z)) => {
                self.lengths.contains(&word.len())
                    && self.first_bytes[usize::from(a)]
                    && self.last_bytes[usize::from(z)]
                    && self.set.contains(word)
            }
            _ => self.set.contains(word),
        }
    }
}

/// A [`WordList`] built on first use.
pub type WordSet = std::sync::LazyLock<WordList>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_as_split_whitespace_does() {
        let cases = [
            "",
            "   ",
            "one",
            " two  words ",
            "tab\tline\nfeed\rcr\x0bvt\x0cff",
            "no\u{a0}break and\u{2009}thin\u{3000}ideographic\u{85}nel",
            "«Guillemets» “curly” — dash – en",
            "zero\u{200b}width is not white space",
            "ünïcödé wörds, ñ",
            "\u{1680}ogham\u{2028}line\u{2029}para\u{202f}nnbsp\u{205f}math\u{2000}\u{200a}end",
            "near misses: \u{2030}\u{200b}\u{2060}\u{1681}\u{3001}\u{c3}\u{a0}",
        ];
        for text in cases {
            let want: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(split(text).collect::<Vec<_>>(), want, "{text:?}");
            assert_eq!(count(text), want.len(), "{text:?}");
        }
    }
}
