//! Property test: no dictionary file, however broken, makes the loaders panic.
//!
//! A seeded xorshift generator mutates the valid test dictionaries (native `.toml`, LIWC `.dic` in both
//! styles, quanteda `.yml`) a few thousand times each (byte flips, truncations, inserted quotes,
//! brackets, tabs, `*`, `%`, newlines and invalid UTF-8, duplicated, dropped and swapped lines),
//! loads every result, and checks that loading returns `Ok` or `Err` and never panics. Whatever loads
//! must also survive the rest of the way: `to_toml` must read back through `load_category` to the same
//! category, and the lexicon must build a matcher that runs on a text.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use framing::frames::import::to_toml;
use framing::frames::load::{load_category, load_file};
use framing::frames::{Lexicon, Matcher};

/// Mutated inputs per seed file.
const ROUNDS: usize = 2500;

const TEXT: &str = "Fighting resumed after an air strike; the envoy's round of talks on a truce \
    stalled, and the central bank warned that inflation and unemployment would rise. Job creation?";

/// Marsaglia's xorshift64: deterministic, so a failure reproduces.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Fragments that tend to break the formats' syntax.
const SNIPPETS: &[&[u8]] = &[
    b"\"",
    b"'",
    b"[",
    b"]",
    b"{",
    b"}",
    b"\t",
    b"*",
    b"\n",
    b"\r\n",
    b"%",
    b"%\n",
    b":",
    b": ",
    b"- ",
    b"#",
    b"?",
    b"&a ",
    b"*a",
    b"!!str ",
    b"|",
    b">",
    b"<of>1/2",
    b"(1 2)3/4",
    b"99",
    b"0",
    b"4294967296",
    b"=",
    b",",
    b"\\",
    b"\\u",
    b"''",
    b"'': ",
    b"---\n",
    b"  ",
    b"\t\t",
    b"-",
    b"_",
    b"\xff",
    b"\xc3",
    b"\xe2\x80",
    b"\xe2\x80\x99",
    b"\x00",
    b"\xef\xbb\xbf",
    b"weight = ",
    b"exclude = [",
    b"{ term = ",
    b"parent = ",
    b"\"\"\"",
    b"'''",
];

fn lines(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes
        .split_inclusive(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect()
}

/// One to four random edits of `source`.
fn mutate(rng: &mut XorShift, source: &[u8]) -> Vec<u8> {
    let mut bytes = source.to_vec();
    for _ in 0..1 + rng.below(4) {
        match rng.below(8) {
            0 if !bytes.is_empty() => {
                let i = rng.below(bytes.len());
                bytes[i] ^= 1 << rng.below(8);
            }
            1 => bytes.truncate(rng.below(bytes.len() + 1)),
            2 | 3 => {
                let at = rng.below(bytes.len() + 1);
                let snippet = rng.pick(SNIPPETS);
                bytes.splice(at..at, snippet.iter().copied());
            }
            4 => {
                let mut ls = lines(&bytes);
                if !ls.is_empty() {
                    let i = rng.below(ls.len());
                    let copy = ls[i].clone();
                    ls.insert(rng.below(ls.len() + 1), copy);
                }
                bytes = ls.concat();
            }
            5 => {
                let mut ls = lines(&bytes);
                if !ls.is_empty() {
                    let i = rng.below(ls.len());
                    ls.remove(i);
                }
                bytes = ls.concat();
            }
            6 => {
                let mut ls = lines(&bytes);
                if ls.len() > 1 {
                    let (i, j) = (rng.below(ls.len()), rng.below(ls.len()));
                    ls.swap(i, j);
                }
                bytes = ls.concat();
            }
            _ if !bytes.is_empty() => {
                let i = rng.below(bytes.len());
                bytes[i] = rng.next() as u8;
            }
            _ => {}
        }
    }
    bytes
}

/// Writes a new file at `path`. Unlinking first avoids truncating a file that holds data, which some
/// file systems (ext4 with `auto_da_alloc`) make as slow as a flush.
fn write_fresh(path: &Path, bytes: &[u8]) {
    let _ = std::fs::remove_file(path);
    std::fs::write(path, bytes).expect("write test file");
}

/// Loads `path` and, when it loads, takes the categories the rest of the way.
fn exercise(path: &Path, scratch: &Path) {
    let categories = match load_file(path) {
        Ok(categories) => categories,
        Err(e) => {
            // Rendering the error must not panic either.
            let _ = e.to_string();
            return;
        }
    };
    if path.extension().is_some_and(|x| x == "toml") {
        let again = load_category(path).expect("load_category agrees with load_file");
        assert_eq!(categories, vec![again]);
    }
    for category in categories.iter().filter(|c| !c.terms.is_empty()) {
        let text = to_toml(category);
        write_fresh(scratch, text.as_bytes());
        let mut back = load_category(scratch)
            .unwrap_or_else(|e| panic!("to_toml output does not load: {e}\n{text}"));
        back.path = category.path.clone();
        assert_eq!(&back, category, "to_toml does not round-trip:\n{text}");
    }
    if let Ok(lexicon) = Lexicon::from_categories(categories) {
        let _ = lexicon.rollup();
        let hits = Matcher::new(&lexicon).find(TEXT);
        assert!(hits.iter().all(|h| h.category < lexicon.categories.len()));
    }
}

fn seeds() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dictionaries");
    let mut seeds = vec![
        dir.join("test2007.dic"),
        dir.join("test2015.dic"),
        dir.join("test.yml"),
    ];
    let mut native: Vec<PathBuf> = std::fs::read_dir(dir.join("native"))
        .expect("native fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    native.sort();
    seeds.extend(native.into_iter().take(2));
    seeds
}

#[test]
fn mutated_dictionaries_never_panic_the_loaders() {
    let dir = tempfile::tempdir().expect("temp dir");
    let scratch = dir.path().join("round_trip.toml");
    let mut failures = Vec::new();
    for (s, seed) in seeds().iter().enumerate() {
        let source = std::fs::read(seed).expect("read seed");
        let extension = seed.extension().and_then(|x| x.to_str()).unwrap_or("toml");
        let target = dir.path().join(format!("mutant.{extension}"));
        let mut rng =
            XorShift(0x9E37_79B9_7F4A_7C15 ^ (s as u64 + 1).wrapping_mul(0xD1B5_4A32_D192_ED03));
        // The unmutated seed must load.
        load_file(seed).unwrap_or_else(|e| panic!("seed {} does not load: {e}", seed.display()));
        for round in 0..ROUNDS {
            let input = mutate(&mut rng, &source);
            write_fresh(&target, &input);
            let outcome = catch_unwind(AssertUnwindSafe(|| exercise(&target, &scratch)));
            if outcome.is_err() {
                failures.push(format!(
                    "seed {} round {round}:\n{}",
                    seed.display(),
                    String::from_utf8_lossy(&input)
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} mutated inputs panicked; the first:\n{}",
        failures.len(),
        failures.first().map(String::as_str).unwrap_or_default()
    );
}
