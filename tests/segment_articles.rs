//! The two corpus articles segment into their real structure: headline, dateline and subheadings as their
//! own units, sentences inside paragraphs, and the publisher's boilerplate kept out of every score.

mod common;

use framing::corpus::load_dir;
use framing::segment::{segment_article, structure::paragraph_spans, Unit, UnitKind};

fn units_of(id: &str) -> (String, Vec<Unit>) {
    let articles = load_dir(&common::repo().join("data")).expect("corpus loads");
    let a = articles.into_iter().find(|a| a.id == id).expect("article");
    let units = segment_article(&a);
    (a.text, units)
}

fn texts(text: &str, units: &[Unit], kind: UnitKind) -> Vec<String> {
    units
        .iter()
        .filter(|u| u.kind == kind)
        .map(|u| u.text(text).to_string())
        .collect()
}

#[test]
fn wire_report_structure() {
    let (text, units) = units_of("afp-wire");
    assert_eq!(
        texts(&text, &units, UnitKind::Headline),
        ["For Syrians in Idlib, killing of Soleimani a 'victory'"]
    );
    assert_eq!(
        texts(&text, &units, UnitKind::Dateline),
        ["QAH (Syria) (AFP) –"]
    );
    assert_eq!(
        texts(&text, &units, UnitKind::Heading),
        ["- Aleppo battle -"]
    );
    assert!(texts(&text, &units, UnitKind::Boilerplate).is_empty());
    let body = texts(&text, &units, UnitKind::Body);
    assert_eq!(
        body[0],
        "In parts of the Middle East, Qasem Soleimani is revered as a hero."
    );
    assert!(body
        .iter()
        .all(|s| !s.contains("(AFP) –") && !s.contains("- Aleppo battle -")));
}

#[test]
fn opinion_column_structure() {
    let (text, units) = units_of("trt-opinion");
    assert!(texts(&text, &units, UnitKind::Headline).is_empty());
    assert!(texts(&text, &units, UnitKind::Dateline).is_empty());
    assert_eq!(
        texts(&text, &units, UnitKind::Standfirst),
        ["Idlib today bears the brunt of the Assad regime's Soleimani-inspired scorched earth strategy which will blight Syria for a long time to come."]
    );
    assert_eq!(
        texts(&text, &units, UnitKind::Heading),
        ["The Soleimanisation of Syria", "The legacy thrives"]
    );
    let boiler = texts(&text, &units, UnitKind::Boilerplate);
    assert_eq!(boiler.len(), 2);
    assert!(
        boiler[0].starts_with("Disclaimer:") && boiler[1].starts_with("We welcome all pitches")
    );
    assert!(texts(&text, &units, UnitKind::Body)
        .iter()
        .all(|s| !s.contains("TRT World")));
}

#[test]
fn units_lie_inside_paragraphs_and_keep_offsets_into_the_original() {
    for id in ["afp-wire", "trt-opinion"] {
        let (text, units) = units_of(id);
        let paragraphs = paragraph_spans(&text);
        let mut last_end = 0;
        for u in &units {
            let p = &paragraphs[u.paragraph];
            assert!(
                p.start <= u.start && u.end <= p.end,
                "{id}: unit crosses its paragraph: {u:?}"
            );
            assert!(u.start >= last_end, "{id}: units overlap or go backwards");
            assert_eq!(
                u.text(&text),
                u.text(&text).trim(),
                "{id}: unit not trimmed"
            );
            last_end = u.end;
        }
        // Every non-space character of the text belongs to exactly one unit.
        let covered: usize = units
            .iter()
            .map(|u| u.text(&text).chars().filter(|c| !c.is_whitespace()).count())
            .sum();
        assert_eq!(
            covered,
            text.chars().filter(|c| !c.is_whitespace()).count(),
            "{id}"
        );
    }
}

#[test]
fn boilerplate_and_datelines_are_not_scored() {
    let articles = load_dir(&common::repo().join("data")).expect("corpus loads");
    let lexicon = framing::frames::Lexicon::load_dir(&common::repo().join("lexicons/frames"))
        .expect("lexicon");
    let units: Vec<Vec<Unit>> = articles.iter().map(segment_article).collect();
    let scorer = framing::score::Scorer::new(lexicon, framing::sentiment::DomainLayer::empty());
    let scored = framing::score::score_corpus(&articles, &units, &scorer, &Default::default());
    assert!(!scored.is_empty());
    for s in &scored {
        assert!(s.unit.kind.is_scored());
        let text = s.unit.text(&articles[s.article].text);
        assert!(
            !text.contains("Disclaimer") && !text.contains("pitches") && !text.contains("(AFP) –"),
            "{text}"
        );
    }
}
