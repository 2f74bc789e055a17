//! Word tokens for frame matching and for counting text length.
//!
//! A token is a maximal run of letters and digits, with apostrophes kept inside it ("wasn't", "Assad's"),
//! or a dotted abbreviation: two or more runs of one or two letters, each followed by a period ("U.S.",
//! "U.K.", "D.C.", "Ph.D.", "a.m."), kept whole with its periods, so that "U.S." is not counted as the
//! words "u" and "s". Hyphens separate tokens, so "Iran-backed" is `iran`, `backed` and matches an entry for either word;
//! lexicon terms are split the same way, so a term `anti-tank` is the phrase `anti tank`. The form used for
//! matching is lower-cased, with curly apostrophes made straight and a possessive `'s` or `'` removed.

use std::borrow::Cow;
use std::ops::Range;

/// One word of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// Byte span into the text that was tokenised.
    pub span: Range<usize>,
    /// The form lexicon terms are compared with (see the module docs): borrowed from the text when the
    /// word is its own key, as most words of running text are.
    pub key: Cow<'a, str>,
    /// Whether clause punctuation (, ; : . ! ? brackets, dashes) stands between this token and the one
    /// before, so that negation does not reach across it.
    pub clause_start: bool,
}

/// Characters that end a clause for negation scope.
const fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        ',' | ';' | ':' | '.' | '!' | '?' | '(' | ')' | '[' | ']' | '–' | '—' | '"' | '“' | '”'
    )
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Splits `text` into word tokens, in order.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    // About one token per six bytes of news text: one allocation for most sentences.
    let mut tokens = Vec::with_capacity(text.len() / 6 + 1);
    for_each_span(text, |span, clause_start, plain| {
        let word = &text[span.clone()];
        let key = if plain {
            Cow::Borrowed(without_possessive(word))
        } else {
            Cow::Owned(match_key(word))
        };
        tokens.push(Token {
            key,
            span,
            clause_start,
        })
    });
    tokens
}

/// ASCII byte classes of the tokeniser: letters and digits, clause punctuation, the apostrophe, and
/// capitals (also `WORD`).
const WORD: u8 = 1;
const CLAUSE: u8 = 2;
const APOSTROPHE: u8 = 4;
const CAPITAL: u8 = 8;

const ASCII_CLASS: [u8; 128] = {
    let mut class = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        class[b] = if c.is_ascii_uppercase() {
            WORD | CAPITAL
        } else if c.is_ascii_alphanumeric() {
            WORD
        } else if c == b'\'' {
            APOSTROPHE
        } else if is_clause_break(c as char) {
            CLAUSE
        } else {
            0
        };
        b += 1;
    }
    class
};

/// Calls `f` with the byte span of every token of `text`, whether clause punctuation stands between it
/// and the token before, and whether it is plain: ASCII without capitals, so that its key is the word
/// itself less a possessive.
fn for_each_span(text: &str, mut f: impl FnMut(Range<usize>, bool, bool)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    // Byte by byte through a class table, decoding only where a byte is not ASCII: most news text
    // is ASCII, and this runs over every scored sentence.
    let decode = |i: usize| -> (char, usize) {
        text[i..]
            .chars()
            .next()
            .map_or(('\u{fffd}', 1), |c| (c, c.len_utf8()))
    };
    let word_at = |i: usize| match bytes[i] {
        b if b.is_ascii() => ASCII_CLASS[usize::from(b)] & WORD != 0,
        _ => decode(i).0.is_alphanumeric(),
    };
    let mut i = 0;
    let mut clause_start = true;
    while i < n {
        let b = bytes[i];
        let (width, mut plain) = if b.is_ascii() {
            let class = ASCII_CLASS[usize::from(b)];
            if class & WORD == 0 {
                clause_start |= class & CLAUSE != 0;
                i += 1;
                continue;
            }
            (1, class & CAPITAL == 0)
        } else {
            let (c, width) = decode(i);
            if !c.is_alphanumeric() {
                clause_start |= is_clause_break(c);
                i += width;
                continue;
            }
            (width, false)
        };
        let start = i;
        // An abbreviation starts with one or two letters and a period: test that before the rest.
        let dotted = |k: usize| bytes.get(k) == Some(&b'.');
        let maybe_abbreviation = b.is_ascii_alphabetic()
            && (dotted(i + 1)
                || (bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) && dotted(i + 2)));
        if let Some(end) = maybe_abbreviation
            .then(|| abbreviation_end(bytes, i))
            .flatten()
        {
            // Its final period may also end the sentence; negation scope is left to run on, which
            // errs towards the phrase ("no U.S. troops") rather than across a sentence.
            let plain = bytes[start..end]
                .iter()
                .all(|b| b.is_ascii() && !b.is_ascii_uppercase());
            f(start..end, clause_start, plain);
            clause_start = false;
            i = end;
            continue;
        }
        i += width;
        let mut end = i;
        while i < n {
            let b = bytes[i];
            if b.is_ascii() {
                let class = ASCII_CLASS[usize::from(b)];
                if class & WORD != 0 {
                    plain &= class & CAPITAL == 0;
                    i += 1;
                    end = i;
                    continue;
                }
                // Keep an apostrophe only when a letter follows it ("don't"), not when it closes
                // a quote.
                if class & APOSTROPHE != 0 && i + 1 < n && word_at(i + 1) {
                    i += 1;
                    continue;
                }
                break;
            }
            let (c, width) = decode(i);
            plain = false;
            if c.is_alphanumeric() {
                i += width;
                end = i;
            } else if is_apostrophe(c) && i + width < n && word_at(i + width) {
                i += width;
            } else {
                break;
            }
        }
        f(start..end, clause_start, plain);
        clause_start = false;
    }
}

/// The end of a dotted abbreviation starting at byte `start` ("U.S.", "Ph.D.", with a possessive "'s"
/// after it), or `None`: at least two runs of one or two ASCII letters, each followed by a period.
fn abbreviation_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start;
    let mut runs = 0;
    loop {
        // Every token start passes here, so a longer word is given up after its third letter.
        let letters = bytes[i..]
            .iter()
            .take(3)
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        if !(1..=2).contains(&letters) || bytes.get(i + letters) != Some(&b'.') {
            break;
        }
        i += letters + 1;
        runs += 1;
    }
    if runs < 2 {
        return None;
    }
    // A letter or digit right after the last period ("e.g.the") starts the next token; a possessive
    // belongs to the abbreviation.
    for possessive in ["'s", "\u{2019}s"] {
        let after = i + possessive.len();
        if bytes[i..].starts_with(possessive.as_bytes())
            && !bytes.get(after).is_some_and(|b| b.is_ascii_alphanumeric())
        {
            return Some(after);
        }
    }
    Some(i)
}

/// Number of word tokens in `text`, without building them.
pub fn count_tokens(text: &str) -> usize {
    let mut count = 0;
    for_each_span(text, |_, _, _| count += 1);
    count
}

/// The matching form of one word: lower case, straight apostrophe, possessive removed.
pub fn match_key(word: &str) -> String {
    let mut key = String::with_capacity(word.len());
    key_into(word, &mut key);
    key
}

/// A lower-cased key without its possessive: "assad's" → "assad", "growers'" → "growers".
fn without_possessive(key: &str) -> &str {
    match key.strip_suffix("'s") {
        Some(stem) if !stem.is_empty() => stem,
        _ => key.strip_suffix('\'').unwrap_or(key),
    }
}

/// [`match_key`] into `key`, replacing what it held.
fn key_into(word: &str, key: &mut String) {
    key.clear();
    if word.is_ascii() {
        // The common case, without the per-character Unicode case mapping.
        key.push_str(word);
        key.make_ascii_lowercase();
    } else {
        key.extend(
            word.chars()
                .map(|c| if is_apostrophe(c) { '\'' } else { c })
                .flat_map(char::to_lowercase),
        );
    }
    let len = without_possessive(key).len();
    key.truncate(len);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        tokenize(text)
            .into_iter()
            .map(|t| t.key.into_owned())
            .collect()
    }

    #[test]
    fn splits_hyphens_keeps_inner_apostrophes_strips_possessives() {
        assert_eq!(
            keys("Iran-backed forces wasn’t Assad's 'victory' 22-year-old"),
            ["iran", "backed", "forces", "wasn't", "assad", "victory", "22", "year", "old"]
        );
    }

    #[test]
    fn dotted_abbreviations_stay_whole() {
        assert_eq!(
            keys("The U.S.-backed U.N. envoy, a Ph.D., met U.K.'s W. Bush at 9 a.m. e.g.the 3.5"),
            [
                "the", "u.s.", "backed", "u.n.", "envoy", "a", "ph.d.", "met", "u.k.", "w", "bush",
                "at", "9", "a.m.", "e.g.", "the", "3", "5"
            ]
        );
        // One letter and a period is an initial, not an abbreviation; no final period, no abbreviation.
        assert_eq!(
            keys("George W. Bush in the U.S"),
            ["george", "w", "bush", "in", "the", "u", "s"]
        );
    }

    #[test]
    fn counting_agrees_with_tokenizing() {
        for text in [
            "",
            "a",
            "Iran-backed forces wasn’t Assad's 'victory'",
            "rock 'n' roll -- 3.5%",
            "The U.S.'s allies met in Washington, D.C. at 9 a.m.",
        ] {
            assert_eq!(count_tokens(text), tokenize(text).len(), "{text}");
        }
    }
}
