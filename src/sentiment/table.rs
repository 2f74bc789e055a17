//! The word table VADER looks every token up in: lower-case word → what the scorer knows about it.
//!
//! Every token of every scored sentence is looked up once, so the lookup is laid out for it: words of
//! up to 15 bytes (nearly all) are keys of their own, held inline in the hash table's buckets and
//! compared as two machine words, instead of `Box<str>` keys that each lookup follows to the heap and
//! compares with `memcmp`. The values sit apart, so the buckets stay small. Longer words go to an
//! ordinary map.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};

/// Longest word stored inline.
const INLINE: usize = 15;

/// A word of at most [`INLINE`] bytes, zero-padded, with its length in the last byte (so that
/// "ab" and "ab\0" differ).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Short([u64; 2]);

impl Short {
    /// The key of `word`, read with a few overlapping loads rather than copied byte by byte into a
    /// buffer, whose partial stores the two word-sized reads would then wait on.
    #[inline]
    fn new(word: &str) -> Option<Short> {
        let b = word.as_bytes();
        let n = b.len();
        let u64_at = |i: usize| u64::from_le_bytes(b[i..i + 8].try_into().unwrap_or([0; 8]));
        let u32_at =
            |i: usize| u64::from(u32::from_le_bytes(b[i..i + 4].try_into().unwrap_or([0; 4])));
        let (low, high) = match n {
            0 => (0, 0),
            // The first, middle and last bytes cover every length from 1 to 3; overlaps agree.
            1..=3 => {
                let byte = |i: usize| u64::from(b[i]) << (8 * i);
                (byte(0) | byte(n / 2) | byte(n - 1), 0)
            }
            4..=7 => (u32_at(0) | (u32_at(n - 4) << (8 * (n - 4))), 0),
            8 => (u64_at(0), 0),
            9..=INLINE => (u64_at(0), u64_at(n - 8) >> (8 * (16 - n))),
            _ => return None,
        };
        Some(Short([low, high | ((n as u64) << 56)]))
    }
}

impl Hash for Short {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // Two rounds of FxHash's multiply; the table takes its bucket from the high bits and its
        // tag from the top seven, so the product's low half is folded in.
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let h = (self.0[0].wrapping_mul(K).rotate_left(26) ^ self.0[1]).wrapping_mul(K);
        state.write_u64(h ^ (h >> 29));
    }
}

/// Passes [`Short`]'s own hash through.
#[derive(Default)]
struct Identity(u64);

impl Hasher for Identity {
    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used; anything else is still hashed, if slowly.
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn write_u64(&mut self, h: u64) {
        self.0 = h;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Lower-case word → `V`, for a lexicon's words.
#[derive(Debug, Clone)]
pub struct WordTable<V> {
    short: HashMap<Short, u32, BuildHasherDefault<Identity>>,
    /// Words longer than [`INLINE`] bytes.
    long: HashMap<Box<str>, u32>,
    values: Vec<V>,
}

impl<V: Default> WordTable<V> {
    /// An empty table.
    pub fn new() -> Self {
        WordTable {
            short: HashMap::default(),
            long: HashMap::new(),
            values: Vec::new(),
        }
    }

    /// The value of `word`, if it was ever inserted.
    #[inline]
    pub fn get(&self, word: &str) -> Option<&V> {
        let entry = match Short::new(word) {
            Some(key) => self.short.get(&key),
            None => self.long.get(word),
        };
        entry.map(|&i| &self.values[i as usize])
    }

    /// The value of `word`, inserted as `V::default()` if absent.
    pub fn entry(&mut self, word: &str) -> &mut V {
        let next = self.values.len() as u32;
        let entry = match Short::new(word) {
            Some(key) => *self.short.entry(key).or_insert(next),
            None => *self.long.entry(word.into()).or_insert(next),
        };
        if entry == next {
            self.values.push(V::default());
        }
        &mut self.values[entry as usize]
    }
}

impl<V: Default> Default for WordTable<V> {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_a_hash_map() {
        let mut table: WordTable<usize> = WordTable::new();
        let mut map: HashMap<String, usize> = HashMap::new();
        let mut words: Vec<String> = (0..5000)
            .map(|i| match i % 4 {
                0 => format!("w{i}"),
                1 => format!("a-much-longer-word-{i}"),
                2 => format!("{}", i * 7919),
                _ => format!("é{i}\0"),
            })
            .collect();
        // Every length around the inline limit, differing in their first, middle or last byte.
        for n in 0..=20 {
            for (at, c) in [(0, 'b'), (n / 2, 'c'), (n.max(1) - 1, 'd')] {
                let mut w: Vec<char> = "a".repeat(n).chars().collect();
                if n > 0 {
                    w[at] = c;
                }
                words.push(w.into_iter().collect());
            }
        }
        words.sort();
        words.dedup();
        for (i, w) in words.iter().enumerate() {
            *table.entry(w) += i;
            *map.entry(w.clone()).or_default() += i;
        }
        // Inserting again finds the same entries.
        for w in words.iter().step_by(3) {
            *table.entry(w) += 1;
            *map.get_mut(w).unwrap() += 1;
        }
        for w in &words {
            assert_eq!(table.get(w), map.get(w), "{w:?}");
        }
        for absent in [
            "",
            "w1",
            "é3",
            "a-much-longer-word-0x",
            "w0\0",
            "fifteen-bytes!!",
        ] {
            assert_eq!(table.get(absent), map.get(absent), "{absent:?}");
        }
    }
}
