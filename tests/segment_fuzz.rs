//! The segmenter (structure, sentences, voice) never panics: on generated texts that mix quotation
//! marks, apostrophes, dashes, accents, scripts and line breaks, and on every article of the shared
//! 2,000-article corpus when it is present. Every unit it returns is a valid, trimmed span of the text.

mod common;

use framing::segment::{segment, Options};

/// A small xorshift generator, so the test needs no crate and always draws the same texts.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "said",
    "Ali",
    "al-Asali",
    "the",
    "U.S.",
    "Maj.-Gen.",
    "café",
    "naïve",
    "Zürich",
    "北京",
    "مرحبا",
    "😀",
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "'",
    "«",
    "»",
    ",",
    ".",
    "!",
    "?",
    "...",
    "…",
    ":",
    ";",
    "–",
    "—",
    "-",
    "(",
    ")",
    "\n",
    "\n\n",
    " ",
    " ",
    " ",
    "QAH (Syria) (AFP) –",
    "Disclaimer:",
    "By Jane Doe",
    "- Aleppo -",
    "1.",
    "•",
    "é.",
    "ñ,",
    "ß'",
    "'s",
    "n't",
    "\t",
    "\r\n",
    "Hide Caption 3 of 18",
    "JUST WATCHED",
    " Replay More Videos",
    "MUST WATCH ",
    "Image copyright",
    "(AP Photo/Jo Doe)",
    "(CNN)",
];

fn check(text: &str) {
    // The built-in artefacts as furniture, so that splitting paragraphs around them is fuzzed too.
    let furniture = framing::furniture::Furniture::artefacts_only().ranges("", text);
    for options in [
        Options::default(),
        Options {
            headline: framing::segment::Headline::Absent,
            standfirst: true,
            furniture: &[],
        },
        Options {
            furniture: &furniture,
            ..Options::default()
        },
    ] {
        for u in segment(text, &options) {
            let t = text
                .get(u.start..u.end)
                .expect("unit span on char boundaries");
            assert!(!t.is_empty() && t.trim() == t, "unit {:?} of {text:?}", t);
            for q in u
                .attribution
                .quotes
                .iter()
                .chain(&u.attribution.scare_quotes)
            {
                assert!(
                    u.start <= q.start && q.end <= u.end && text.get(q.clone()).is_some(),
                    "quote span of {text:?}"
                );
            }
        }
    }
}

#[test]
fn generated_texts_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        let n = 1 + rng.next() % 40;
        let text: String = (0..n).map(|_| rng.pick(PIECES)).collect::<Vec<_>>().join(
            if rng.next().is_multiple_of(3) {
                ""
            } else {
                " "
            },
        );
        check(&text);
    }
}

#[test]
fn every_article_of_the_shared_corpus_segments() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let path = shared.join("corpora/article-bias-prediction/articles-2k.jsonl.gz");
    if !path.is_file() {
        eprintln!("SKIPPED: {} not found", path.display());
        return;
    }
    let mut n = 0;
    framing::corpus::records::for_each_record(&path, |_, record| {
        if let Ok(record) = record {
            if let Some(serde_json::Value::String(text)) = record.get("text") {
                check(text);
                n += 1;
            }
        }
    })
    .expect("read corpus");
    assert!(n > 1_900, "{n} articles");
}
