//! Domain sentiment layers: the shipped conflict layer loads and is effective, malformed files
//! are rejected with file:line messages, and `touches` predicts when the layer changes a score.

use framing::sentiment::{DomainLayer, Vader};
use framing::Error;
use std::path::{Path, PathBuf};

fn shipped_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("lexicons/sentiment")
}

fn shipped_layer() -> DomainLayer {
    DomainLayer::load_dir(&shipped_dir()).expect("lexicons/sentiment loads")
}

#[test]
fn loads_the_shipped_conflict_layer() {
    let layer = shipped_layer();
    assert!(!layer.is_empty());
    let n = layer.valences().len();
    assert!((15..=30).contains(&n), "{n} entries");
    assert_eq!(layer.valences().get("cleansing"), Some(&-3.0));
    assert_eq!(layer.valences().get("rebels"), Some(&0.0));
    assert!(layer.valences().keys().all(|k| *k == k.to_lowercase()));

    let (path, line, comment) = layer.origin("Cleansing").expect("origin of cleansing");
    assert!(path.ends_with("conflict.tsv"));
    assert!(line > 1);
    assert!(comment.contains("ethnic cleansing"), "{comment}");
    assert!(layer.origin("peace").is_none());

    let files = layer.files();
    assert_eq!(files.len(), 1);
    assert!(files[0].0.ends_with("conflict.tsv"));
    assert_eq!(files[0].1.len(), 16);
    assert!(files[0].1.chars().all(|c| c.is_ascii_hexdigit()));
    // The hash is of the content: loading again gives the same one.
    assert_eq!(shipped_layer().files(), files);
}

/// Every shipped entry must change the score of its own word: an entry equal to VADER's
/// valence, or on a word VADER scores 0 whatever its valence (a booster such as "major"),
/// would be dead weight and would break `touches`' promise.
#[test]
fn every_shipped_entry_changes_its_word_score() {
    let vader = Vader::new();
    let layer = shipped_layer();
    for (word, valence) in layer.valences() {
        let text = format!("They reported {word} there");
        let plain = vader.polarity_scores(&text).compound;
        let layered = vader
            .polarity_scores_with(&text, Some(layer.valences()))
            .compound;
        assert_ne!(
            plain, layered,
            "{word} ({valence}) does not change VADER's score"
        );
    }
}

#[test]
fn empty_layer_changes_nothing() {
    let vader = Vader::new();
    let layer = DomainLayer::empty();
    assert!(layer.is_empty());
    assert!(!layer.touches("ethnic cleansing"));
    assert!(layer.files().is_empty());
    let text = "The rebels were cleansed from the town.";
    assert_eq!(
        vader.polarity_scores_with(text, Some(layer.valences())),
        vader.polarity_scores(text)
    );
}

/// Writes `files` (name, content) into a fresh temporary directory.
fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, content) in files {
        std::fs::write(dir.path().join(name), content).expect("write temp file");
    }
    dir
}

/// Loads a one-file layer that must fail; returns (file name, line, message).
fn load_error(content: &str) -> (String, Option<usize>, String) {
    let dir = dir_with(&[("bad.tsv", content)]);
    match DomainLayer::load_dir(dir.path()) {
        Err(Error::Lexicon {
            path,
            line,
            message,
        }) => {
            let shown = Error::Lexicon {
                path: path.clone(),
                line,
                message: message.clone(),
            }
            .to_string();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            assert!(
                shown.contains(&format!("bad.tsv:{}: ", line.unwrap_or(0))),
                "{shown}"
            );
            (name, line, message)
        }
        Err(other) => panic!("expected a lexicon error for {content:?}, got {other}"),
        Ok(_) => panic!("expected an error for {content:?}"),
    }
}

#[test]
fn malformed_lines_are_reported_with_file_and_line() {
    let header = "# header\n\nok\t1.0\tfine\n";
    let cases: &[(&str, &str)] = &[
        ("rebels\t0", "comment"),
        ("rebels 0 spaces instead of tabs", "tab"),
        ("rebels\t0\tone\ttab too many", "tab"),
        ("rebels\t0\t   ", "comment"),
        ("\t0\tno word", "word is empty"),
        ("rebels\tzero\tnot a number", "not a number"),
        ("rebels\tNaN\tnot a number either", "not a number"),
        ("rebels\t4.5\ttoo big", "-4..4"),
        ("rebels\t-7\ttoo small", "-4..4"),
        ("ethnic cleansing\t-3\ttwo words", "never match"),
        ("rebels.\t0\ttrailing punctuation", "never match"),
    ];
    for (line, expected) in cases {
        let (file, at, message) = load_error(&format!("{header}{line}\n"));
        assert_eq!(file, "bad.tsv");
        assert_eq!(at, Some(4), "{line:?}: {message}");
        assert!(message.contains(expected), "{line:?}: {message}");
    }

    // A duplicate (compared lowercase) names the first line.
    let (_, at, message) = load_error("rebels\t0\tfirst\n# note\nRebels\t0.5\tagain\n");
    assert_eq!(at, Some(3));
    assert!(message.contains("line 1"), "{message}");
}

#[test]
fn later_files_override_earlier_ones() {
    let dir = dir_with(&[
        ("20_local.tsv", "rebels\t-1.0\tlocal usage\n"),
        (
            "10_base.tsv",
            "\u{feff}# base\r\nrebels\t0\twire label\r\nfoo\t1\tx\r\n",
        ),
        ("notes.txt", "not\ta\tlayer\tfile\n"),
    ]);
    let layer = DomainLayer::load_dir(dir.path()).expect("loads");
    assert_eq!(layer.valences().get("rebels"), Some(&-1.0));
    assert_eq!(layer.valences().get("foo"), Some(&1.0));
    let (path, line, comment) = layer.origin("rebels").unwrap();
    assert!(path.ends_with("20_local.tsv"));
    assert_eq!((line, comment), (1, "local usage"));
    let names: Vec<String> = layer
        .files()
        .iter()
        .map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["10_base.tsv", "20_local.tsv"]);
}

#[test]
fn missing_directory_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let err = DomainLayer::load_dir(&dir.path().join("nope")).expect_err("missing dir");
    assert!(err.to_string().contains("nope"), "{err}");
}

/// Sentences of the corpus articles in `data/`, split at line breaks and at ". ", "? ", "! ".
fn corpus_sentences() -> Vec<String> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&data)
        .expect("read data/")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 2, "expected both corpus articles in data/");
    let mut out = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("read article");
        for line in text.lines() {
            let mut rest = line;
            while let Some(at) = [". ", "? ", "! "]
                .iter()
                .filter_map(|sep| rest.find(sep))
                .min()
            {
                out.push(rest[..=at].to_string());
                rest = &rest[at + 2..];
            }
            if !rest.trim().is_empty() {
                out.push(rest.to_string());
            }
        }
    }
    out
}

/// `touches(text)` must agree with "the layer changes the compound score".
///
/// They can legitimately differ only when a touched entry's change does not reach the
/// compound: the entry equals VADER's own valence; the word is one VADER scores 0 whatever
/// its valence (a booster/dampener such as "major", or "kind" before "of"); an idiom ("the
/// bomb", "kiss of death") overrides the word's valence; several touched words' changes
/// cancel exactly; the entry is 0 for a word VADER lacks (only its neighbours' rules would
/// change); or the change is lost in rounding to 4 decimals. The shipped layer has no entry of
/// the first kinds (see `every_shipped_entry_changes_its_word_score` and the file's header),
/// and none of the texts below hits the others.
#[test]
fn touches_agrees_with_a_changed_compound() {
    let vader = Vader::new();
    let layer = shipped_layer();
    let mut texts = corpus_sentences();
    let corpus = texts.len();
    assert!(corpus > 50, "only {corpus} corpus sentences");
    texts.extend(
        [
            "The Defence Ministry said the strike hit a school.",
            "Security forces fired on protesters.",
            "The United Nations counted 300 CASUALTIES!",
            "Rebels lost their last stronghold.",
            "It was not a massacre, officials insisted.",
            "A lovely sunny day at the beach.",
            "Nothing here touches the layer at all.",
            "Syrians were cleansed, displaced and wounded.",
            "💣 genocide 💣",
            "\"Supporters\" cheered the GAINS.",
            "",
        ]
        .map(String::from),
    );
    let mut touched = 0;
    for text in &texts {
        let plain = vader.polarity_scores(text).compound;
        let layered = vader
            .polarity_scores_with(text, Some(layer.valences()))
            .compound;
        let touches = layer.touches(text);
        touched += usize::from(touches);
        assert_eq!(
            touches,
            plain != layered,
            "{text:?}: touches = {touches}, compound {plain} -> {layered}"
        );
    }
    assert!(touched >= 5, "only {touched} texts touched the layer");
}

#[test]
fn touches_uses_vaders_tokenisation() {
    let layer = shipped_layer();
    // Case, surrounding punctuation and quotes are stripped as VADER does...
    assert!(layer.touches("The \"CLEANSING\" began."));
    assert!(layer.touches("(rebels)"));
    // ...but a word inside a longer token is not a token of its own.
    assert!(!layer.touches("anti-rebels forces"));
    assert!(!layer.touches("rebelsx"));
}

/// The scorer with the layer merged into its table gives, from one tokenisation, exactly the plain
/// scores and the scores with the layer as an overlay: on every VADER reference text, and on texts
/// built around each layer word (upper case, punctuation, negation, "but", emoji).
#[test]
fn merged_layer_equals_the_overlay() {
    let layer = shipped_layer();
    let plain = Vader::new();
    let merged = Vader::with_layer(layer.valences());
    let fixtures = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vader_reference.jsonl"),
    )
    .expect("read tests/fixtures/vader_reference.jsonl");
    let mut texts: Vec<String> = fixtures
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).expect("fixture line");
            value["text"].as_str().expect("text field").to_string()
        })
        .collect();
    for word in layer.valences().keys() {
        texts.push(format!(
            "The {word} were not good, but {} 😀!",
            word.to_uppercase()
        ));
        texts.push(word.to_string());
        texts.push(format!("never so {word}... kind of {word}?"));
    }
    let mut changed = 0;
    for text in &texts {
        let (a, b) = merged.polarity_scores_layered(text);
        assert_eq!(a, plain.polarity_scores(text), "plain: {text}");
        let overlay = plain.polarity_scores_with(text, Some(layer.valences()));
        assert_eq!(b, overlay, "layered: {text}");
        changed += usize::from(a != b);
    }
    assert!(changed >= layer.valences().len(), "{changed} texts changed");
}
