//! `compound_domain` differs from `compound` exactly on the sentences that contain a word of the domain
//! layer, in the tables `analyze` builds from the corpus.

mod common;

use framing::frames::Lexicon;
use framing::normalise::for_scoring;
use framing::score::{sentiment_text, Scorer};
use framing::sentiment::DomainLayer;

#[test]
fn compound_domain_differs_exactly_where_the_layer_has_a_word() {
    let repo = common::repo();
    let articles = framing::corpus::load_dir(&repo.join("data")).expect("corpus");
    let lexicon = Lexicon::load_dir(&repo.join("lexicons/frames")).expect("lexicon");
    let domain = DomainLayer::load_dir(&repo.join("lexicons/sentiment")).expect("domain layer");
    let probe = DomainLayer::load_dir(&repo.join("lexicons/sentiment")).expect("domain layer");
    let scorer = Scorer::new(lexicon, domain);
    let scored = framing::score_articles(&articles, &scorer);
    let mut touched = 0;
    for s in &scored.sentences {
        let text = for_scoring(&sentiment_text(&articles[s.article].text, &s.unit)).into_owned();
        let differs = s.score.sentiment.compound != s.score.sentiment_domain.compound;
        assert_eq!(probe.touches(&text), differs, "{text}");
        touched += usize::from(differs);
    }
    eprintln!(
        "{touched} of {} scored sentences contain a domain entry",
        scored.sentences.len()
    );
    assert!(touched > 0);
}
