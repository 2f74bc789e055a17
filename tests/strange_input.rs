//! Strange input (issue 20): no panic, no hang, sensible results on inputs nobody writes on purpose.
//! Each test checks correctness; what they cost per MB is measured by `scripts/bench_strange.py`, not
//! here (no timed tests). Sizes are the issue's where they are cheap, smaller (same shape) where the
//! benchmark runs the full size.

mod common;

use std::process::Output;

use common::{stderr, Scratch};

/// A JSON-lines file of `(id, text)` records, written raw (`records` are already JSON).
fn write_lines(s: &Scratch, name: &str, lines: &[String]) {
    std::fs::write(s.path().join(name), lines.join("\n") + "\n").expect("write corpus");
}

fn record(id: &str, text: &str) -> String {
    serde_json::json!({ "id": id, "text": text }).to_string()
}

fn ok(out: Output) -> String {
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"));
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// The units (kind, voice, text) of every record of `framing segment --input FILE`.
fn units(s: &Scratch, file: &str) -> Vec<Vec<(String, String, String)>> {
    segmented(s, &["segment", "--input", file, "--no-headline"])
}

/// The units (kind, voice, text) of every record `framing ARGS` (a `segment` command) prints.
fn segmented(s: &Scratch, args: &[&str]) -> Vec<Vec<(String, String, String)>> {
    ok(s.run(args))
        .lines()
        .map(|l| {
            let r: serde_json::Value = serde_json::from_str(l).expect("json");
            r["units"]
                .as_array()
                .expect("units")
                .iter()
                .map(|u| {
                    let f = |k: &str| u[k].as_str().unwrap_or("").to_string();
                    (f("kind"), f("voice"), f("text"))
                })
                .collect()
        })
        .collect()
}

/// `framing score --input FILE`, one JSON object per record.
fn scores(s: &Scratch, file: &str) -> Vec<serde_json::Value> {
    ok(s.run(&["score", "--input", file]))
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect()
}

#[test]
fn a_five_megabyte_article_is_analysed_whole() {
    let s = Scratch::new();
    let text =
        std::fs::read_to_string(s.path().join("data/004_d5acae6dd57a4709.txt")).expect("text");
    let big = format!("{text}\n\n").repeat(5_000_000 / text.len() + 1);
    write_lines(
        &s,
        "big.jsonl",
        &[record("big", &big), record("small", &text)],
    );
    let run = s.run(&[
        "analyze",
        "--corpus",
        "big.jsonl",
        "--group-by",
        "id",
        "--out",
        "out",
        "--quiet",
    ]);
    ok(run);
    let articles = common::csv_maps(&s.path().join("out/articles.csv"));
    let sentences = |id: &str| -> usize {
        articles
            .iter()
            .find(|r| r["article_id"] == id)
            .expect("row")["sentences"]
            .parse()
            .expect("count")
    };
    // The big one is the small one repeated: as many sentences per copy.
    let copies = big.matches(text.trim_end()).count();
    assert!(copies > 100);
    assert!(
        sentences("big") >= (copies - 1) * (sentences("small") - 1),
        "{} vs {}",
        sentences("big"),
        sentences("small")
    );
}

#[test]
fn a_paragraph_without_punctuation_and_one_token_a_million_times() {
    let s = Scratch::new();
    let words = [
        "the",
        "army",
        "moved",
        "across",
        "river",
        "and",
        "residents",
        "watched",
    ];
    let run_on: Vec<&str> = (0..800_000).map(|i| words[i * 7 % words.len()]).collect();
    let run_on = run_on.join(" ");
    let repeated = vec!["war"; 1_000_000].join(" ");
    write_lines(
        &s,
        "odd.jsonl",
        &[record("run-on", &run_on), record("war", &repeated)],
    );
    // Segmented: every byte of the run-on paragraph is in some unit, in order.
    let found = units(&s, "odd.jsonl");
    let covered: usize = found[0].iter().map(|u| u.2.len()).sum();
    assert!(
        covered + found[0].len() >= run_on.len(),
        "{covered} of {}",
        run_on.len()
    );
    // Scored: a million tokens, and "war" counted as a hit each time by the category that lists it.
    let scored = scores(&s, "odd.jsonl");
    assert_eq!(scored[1]["tokens"], 1_000_000);
    let hits: Vec<u64> = scored[1]["frames"]
        .as_object()
        .expect("frames")
        .values()
        .filter_map(|v| v.as_u64())
        .collect();
    assert!(hits.contains(&1_000_000), "{hits:?}");
}

#[test]
fn a_hundred_thousand_unbalanced_quotation_marks() {
    let s = Scratch::new();
    // One paragraph: stray marks among "he said" clauses, no closing partner for most of them.
    let mut text = String::from("The minister spoke. ");
    for i in 0..100_000 {
        text.push_str(if i % 3 == 0 {
            "\" war "
        } else {
            "he said war "
        });
    }
    text.push('.');
    write_lines(
        &s,
        "quotes.jsonl",
        &[record("q", &text), record("ok", "\"Fine,\" she said.")],
    );
    let found = units(&s, "quotes.jsonl");
    assert!(!found[0].is_empty());
    assert_eq!(
        found[1][0].1, "direct_quote",
        "the next record is read as usual"
    );
}

#[test]
fn a_twenty_megabyte_line_in_a_json_lines_corpus() {
    let s = Scratch::new();
    let long = "The army moved. ".repeat(20_000_000 / 16);
    write_lines(
        &s,
        "long.jsonl",
        &[record("long", &long), record("short", "Talks resumed.")],
    );
    let scored = scores(&s, "long.jsonl");
    assert_eq!(scored.len(), 2);
    assert_eq!(scored[0]["tokens"], 3 * 1_250_000);
    assert_eq!(scored[1]["id"], "short");
}

#[test]
fn deeply_nested_json_and_escaped_lone_surrogates_are_rejected_with_their_line() {
    let s = Scratch::new();
    let nested = format!(
        "{{\"id\":\"deep\",\"text\":\"Nested.\",\"meta\":{}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let lines = vec![
        record("first", "Talks resumed in Geneva."),
        nested,
        r#"{"id":"lone","text":"bad \ud800 here"}"#.to_string(),
        record("last", "The ceasefire held."),
    ];
    write_lines(&s, "bad.jsonl", &lines);
    ok(s.run(&[
        "analyze",
        "--corpus",
        "bad.jsonl",
        "--group-by",
        "id",
        "--out",
        "out",
        "--quiet",
    ]));
    let rejects = std::fs::read_to_string(s.path().join("out/rejects.csv")).expect("rejects");
    assert!(
        rejects.contains("\n2,") && rejects.contains("recursion limit"),
        "{rejects}"
    );
    assert!(
        rejects.contains("\n3,") && rejects.contains("escape"),
        "{rejects}"
    );
    let articles = std::fs::read_to_string(s.path().join("out/articles.csv")).expect("articles");
    assert!(
        articles.contains("\nfirst,") && articles.contains("\nlast,"),
        "{articles}"
    );
    // `framing score` stops at the bad line and names it.
    let out = s.run(&["score", "--input", "bad.jsonl"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("bad.jsonl:2"), "{}", stderr(&out));
}

#[test]
fn nul_bytes_a_byte_order_mark_crlf_and_lone_cr_give_the_same_units() {
    let s = Scratch::new();
    let text = "Headline of the day\n\nFirst paragraph here. It has two sentences.\n\n\"A quote,\" he said.\n";
    let variants = [
        text.to_string(),
        text.replace('\n', "\r\n"),
        text.replace('\n', "\r"),
        format!("\u{feff}{text}"),
    ];
    let lines: Vec<String> = variants
        .iter()
        .enumerate()
        .map(|(i, t)| record(&i.to_string(), t))
        .collect();
    write_lines(&s, "eol.jsonl", &lines);
    // With headline detection on, as `analyze` segments.
    let shapes = segmented(&s, &["segment", "--input", "eol.jsonl"]);
    assert_eq!(
        shapes[0][0],
        (
            "headline".into(),
            "author".into(),
            "Headline of the day".into()
        )
    );
    for (i, shape) in shapes.iter().enumerate() {
        assert_eq!(shape, &shapes[0], "variant {i}");
    }
    // A NUL byte inside a word is kept as written and changes nothing else.
    write_lines(
        &s,
        "nul.jsonl",
        &[record("nul", &text.replace("First", "Fi\u{0}rst"))],
    );
    let found = ok(s.run(&["segment", "--input", "nul.jsonl"]));
    assert_eq!(found.matches("\"kind\"").count(), shapes[0].len());
}

#[test]
fn arabic_chinese_and_mixed_script_text_get_word_tokens() {
    let s = Scratch::new();
    let lines = vec![
        record(
            "ar",
            "قال الوزير إن الحرب انتهت. وأضاف أن المفاوضات ستبدأ غدا.",
        ),
        // Chinese as a word segmenter (jieba) leaves it, words between spaces.
        record("zh", "外交部 发言人 表示 ， 谈判 将 于 明天 开始 。"),
        record(
            "mix",
            "The minister said 战争 is over. «Мы победили», сказал он.",
        ),
    ];
    write_lines(&s, "scripts.jsonl", &lines);
    let scored = scores(&s, "scripts.jsonl");
    let tokens: Vec<u64> = scored
        .iter()
        .map(|r| r["tokens"].as_u64().expect("tokens"))
        .collect();
    assert_eq!(tokens, [10, 8, 10]);
    let found = units(&s, "scripts.jsonl");
    assert_eq!(found[0].len(), 2, "two Arabic sentences: {:?}", found[0]);
}

/// Everything a command printed, on either stream.
fn said(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(out))
}

/// A lexicon folder `dir` of `categories` generated categories of `terms` terms each: words, globs
/// with a literal start, globs starting with `*`, and phrases (a fixed pseudo-random sequence).
fn generated_lexicon(dir: &std::path::Path, categories: usize, terms: usize) {
    std::fs::create_dir_all(dir).expect("mkdir");
    let mut state: u64 = 7;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        (state >> 33) as usize
    };
    let word = |next: &mut dyn FnMut() -> usize| -> String {
        let len = 4 + next() % 6;
        (0..len)
            .map(|_| (b'a' + (next() % 26) as u8) as char)
            .collect()
    };
    for c in 0..categories {
        let mut body = format!("name = \"cat{c}\"\ndefinition = \"generated\"\nterms = [\n");
        for _ in 0..terms {
            let term = match next() % 20 {
                0..=3 => format!("{}*", word(&mut next)),
                4..=7 => format!("{} {}", word(&mut next), word(&mut next)),
                8 => format!("*{}", word(&mut next)),
                _ => word(&mut next),
            };
            body.push_str(&format!("  \"{term}\",\n"));
        }
        body.push_str("]\n");
        std::fs::write(dir.join(format!("cat{c}.toml")), body).expect("write category");
    }
}

#[test]
fn a_lexicon_of_a_hundred_thousand_generated_terms_loads_and_scores() {
    let s = Scratch::new();
    let dir = s.path().join("big");
    generated_lexicon(&dir, 10, 10_000);
    // A category of our own beside them, to see the matching is still exact.
    std::fs::write(
        dir.join("known.toml"),
        "name = \"known\"\ndefinition = \"d\"\nterms = [\"*fire\", \"shell*\", \"air strike\"]\n",
    )
    .expect("write");
    let check = s.run(&["lexicon", "check", "big"]);
    assert!(said(&check).contains("11 categories"), "{}", said(&check));
    write_lines(
        &s,
        "t.jsonl",
        &[record(
            "t",
            "The ceasefire held until shelling and an air strike resumed.",
        )],
    );
    let scored = ok(s.run(&["score", "--input", "t.jsonl", "--lexicons", "big"]));
    let r: serde_json::Value = serde_json::from_str(scored.trim()).expect("json");
    assert_eq!(r["frames"]["known"], 3, "{r}");
}

#[test]
fn lexicon_folders_with_a_symlink_loop_ten_thousand_files_or_latin_1() {
    let s = Scratch::new();
    let category =
        |name: &str| format!("name = \"{name}\"\ndefinition = \"d\"\nterms = [\"war\"]\n");
    // A link back to the folder itself: category files are read from the folder, not below it.
    let looped = s.path().join("looped");
    std::fs::create_dir_all(looped.join("sub")).expect("mkdir");
    std::fs::write(looped.join("a.toml"), category("a")).expect("write");
    #[cfg(unix)]
    std::os::unix::fs::symlink("..", looped.join("sub/up")).expect("symlink");
    let check = s.run(&["lexicon", "check", "looped"]);
    assert!(
        check.status.success() && said(&check).contains("1 categories"),
        "{}",
        said(&check)
    );
    let many = s.path().join("many");
    std::fs::create_dir(&many).expect("mkdir");
    for i in 0..10_000 {
        std::fs::write(
            many.join(format!("c{i:05}.toml")),
            category(&format!("c{i:05}")),
        )
        .expect("write");
    }
    let check = s.run(&["lexicon", "check", "many"]);
    assert!(
        check.status.success() && said(&check).contains("10000 categories"),
        "{}",
        said(&check)
    );
    let latin = s.path().join("latin");
    std::fs::create_dir(&latin).expect("mkdir");
    std::fs::write(latin.join("ok.toml"), category("ok")).expect("write");
    std::fs::write(latin.join("cafe.toml"), b"# notes\nname = \"caf\xe9\"\n").expect("write");
    let check = s.run(&["lexicon", "check", "latin"]);
    assert_eq!(check.status.code(), Some(1));
    let message = said(&check);
    assert!(
        message.contains("cafe.toml:2") && message.contains("UTF-8"),
        "{message}"
    );
}
