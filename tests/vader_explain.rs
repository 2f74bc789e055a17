//! `Vader::explain` must end in exactly the scores the scorer returns, and must show the rules
//! that produced them.

use framing::sentiment::{DomainLayer, Explanation, Layer, Vader};
use std::path::Path;

/// Every text of the reference fixture.
fn fixture_texts() -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/vader_reference.jsonl"
    );
    let raw = std::fs::read_to_string(path).expect("read tests/fixtures/vader_reference.jsonl");
    raw.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("fixture line is JSON");
            v["text"]
                .as_str()
                .expect("fixture line has text")
                .to_string()
        })
        .collect()
}

fn shipped_layer() -> DomainLayer {
    DomainLayer::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("lexicons/sentiment"))
        .expect("lexicons/sentiment loads")
}

/// Whether token `token` of `e` has a step of rule `rule` whose note contains `needle`.
fn has_step(e: &Explanation, token: &str, rule: &str, needle: &str) -> bool {
    e.tokens.iter().any(|t| {
        t.token == token
            && t.steps
                .iter()
                .any(|s| s.rule == rule && s.note.contains(needle))
    })
}

#[test]
fn explanation_scores_equal_polarity_scores_on_the_fixture() {
    let vader = Vader::new();
    let texts = fixture_texts();
    assert!(texts.len() >= 500, "fixture too small: {}", texts.len());
    for text in &texts {
        let e = vader.explain(text, None);
        assert_eq!(e.sentiment, vader.polarity_scores(text), "{text:?}");
        // The last text step is the rounded compound, and the tokens' valences are final.
        if let Some(last) = e.text_steps.last() {
            assert_eq!(last.rule, "compound", "{text:?}");
            assert_eq!(last.after, e.sentiment.compound, "{text:?}");
        }
        assert!(e.tokens.iter().all(|t| t.layer != Some(Layer::Domain)));
    }
}

#[test]
fn explanation_with_the_layer_equals_the_layered_scores() {
    let vader = Vader::new();
    let layer = shipped_layer();
    for text in &fixture_texts() {
        let e = vader.explain(text, Some(&layer));
        assert_eq!(
            e.sentiment,
            vader.polarity_scores_with(text, Some(layer.valences())),
            "{text:?}"
        );
    }
}

#[test]
fn shows_negation_but_caps_and_punctuation() {
    let vader = Vader::new();
    let text = "It is not a good day, but the rescue was AMAZING!!!";
    let e = vader.explain(text, None);
    assert_eq!(e.sentiment, vader.polarity_scores(text));

    assert!(
        has_step(&e, "good", "negation", "\"not\""),
        "{}",
        e.render()
    );
    assert!(
        has_step(&e, "good", "but", "before \"but\""),
        "{}",
        e.render()
    );
    assert!(
        has_step(&e, "rescue", "but", "after \"but\""),
        "{}",
        e.render()
    );
    assert!(has_step(&e, "AMAZING", "all_caps", ""), "{}", e.render());
    let punctuation = e
        .text_steps
        .iter()
        .find(|s| s.rule == "punctuation")
        .expect("a punctuation step");
    assert!(punctuation.note.contains("3 '!'"), "{}", punctuation.note);
    assert!(punctuation.after > punctuation.before);

    let good = e.tokens.iter().find(|t| t.token == "good").expect("good");
    assert_eq!(good.lexicon_valence, Some(1.9));
    assert_eq!(good.layer, Some(Layer::Vader));
    let sum: f64 = e.tokens.iter().map(|t| t.valence).sum();
    assert_eq!(e.text_steps[0].rule, "sum");
    assert!((e.text_steps[0].after - sum).abs() < 1e-12);

    let rendered = e.render();
    for needle in [
        "good",
        "negation",
        "but",
        "all_caps",
        "punctuation",
        "compound",
    ] {
        assert!(
            rendered.contains(needle),
            "{needle} missing from\n{rendered}"
        );
    }
    assert!(rendered.contains(&format!("compound {}", e.sentiment.compound)));
}

#[test]
fn shows_the_other_rules() {
    let vader = Vader::new();
    let cases = [
        (
            "The food was very good overall",
            "good",
            "booster",
            "\"very\"",
        ),
        (
            "The service was slightly bad today",
            "bad",
            "dampener",
            "\"slightly\"",
        ),
        (
            "He is without doubt the best player",
            "best",
            "without_doubt",
            "",
        ),
        ("I never so loved a day", "loved", "never_so_this", "never"),
        ("I least like the rain", "like", "least", "least"),
        ("They saw no good reason at all", "good", "no", "\"no\""),
        (
            "Witnesses said that the bomb exploded",
            "bomb",
            "idiom",
            "the bomb",
        ),
        ("It was sort of bad", "bad", "kind_of", "sort of"),
    ];
    for (text, token, rule, needle) in cases {
        let e = vader.explain(text, None);
        assert_eq!(e.sentiment, vader.polarity_scores(text), "{text}");
        assert!(has_step(&e, token, rule, needle), "{text}\n{}", e.render());
    }
}

#[test]
fn domain_tokens_are_reported_as_such() {
    let vader = Vader::new();
    let layer = shipped_layer();
    let text = "Rebels said 300,000 people had been cleansed from the town.";
    let e = vader.explain(text, Some(&layer));
    assert_eq!(
        e.sentiment,
        vader.polarity_scores_with(text, Some(layer.valences()))
    );
    let cleansed = e
        .tokens
        .iter()
        .find(|t| t.token == "cleansed")
        .expect("cleansed");
    assert_eq!(cleansed.layer, Some(Layer::Domain));
    assert_eq!(
        cleansed.lexicon_valence,
        layer.valences().get("cleansed").copied()
    );
    let first = &cleansed.steps[0];
    assert_eq!(first.rule, "domain_layer");
    assert!(first.note.contains("conflict.tsv:"), "{}", first.note);

    // "Rebels" is in VADER's lexicon (-0.8) and the layer overrides it (0).
    let rebels = e
        .tokens
        .iter()
        .find(|t| t.token == "Rebels")
        .expect("Rebels");
    assert_eq!(rebels.layer, Some(Layer::Domain));
    assert_eq!(rebels.steps[0].before, -0.8);
    assert_eq!(rebels.valence, 0.0);

    // Without the layer the same tokens come from VADER or from nowhere.
    let plain = vader.explain(text, None);
    assert_eq!(plain.tokens[0].layer, Some(Layer::Vader));
    let cleansed = plain.tokens.iter().find(|t| t.token == "cleansed").unwrap();
    assert_eq!(cleansed.layer, None);
}

#[test]
fn serialises_to_json() {
    let e = Vader::new().explain("Not BAD at all!", None);
    let json = serde_json::to_value(&e).expect("serialises");
    assert_eq!(json["tokens"][1]["layer"], "vader");
    assert!(json["sentiment"]["compound"].is_number());
    assert!(json["text_steps"].is_array());
}

#[test]
fn empty_text() {
    let vader = Vader::new();
    let e = vader.explain("  ", None);
    assert!(e.tokens.is_empty() && e.text_steps.is_empty());
    assert_eq!(e.sentiment, vader.polarity_scores("  "));
    assert!(e.render().contains("compound 0"));
}
