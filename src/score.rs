//! Score stage: gives every scored unit its VADER sentiment and its frame hits, in parallel with rayon.
//!
//! The scorer is a pure function of (text, lexicons): `framing score`, `framing analyze` and later
//! `framing explain` all call [`Scorer::score_text`], so they agree on every text. Results come back in
//! input order whatever the thread count, because rayon's indexed `collect` preserves order.

use rayon::prelude::*;

use crate::corpus::Article;
use crate::frames::tokens::count_tokens;
use crate::frames::{FrameHit, Lexicon, Matcher};
use crate::normalise::for_scoring;
use crate::segment::{Unit, UnitKind};
use crate::sentiment::{Sentiment, Vader};

/// The immutable scoring resources, built once and shared by reference across threads.
pub struct Scorer {
    /// The framing categories.
    pub lexicon: Lexicon,
    matcher: Matcher,
    vader: Vader,
}

/// The scores of one text.
#[derive(Debug, Clone, PartialEq)]
pub struct TextScore {
    /// VADER's scores.
    pub sentiment: Sentiment,
    /// Frame hits, spans into the scored text.
    pub frames: Vec<FrameHit>,
    /// Number of word tokens (see [`crate::frames::tokens`]).
    pub tokens: usize,
}

/// One scored unit of one article.
#[derive(Debug, Clone)]
pub struct ScoredSentence {
    /// Index of the article in the corpus slice given to [`score_corpus`].
    pub article: usize,
    /// 0-based running index of the unit among the article's scored units.
    pub sentence: usize,
    /// The unit, with its kind and byte span into the article's original text.
    pub unit: Unit,
    /// Its scores; frame hit spans point into the article's original text.
    pub score: TextScore,
}

impl Scorer {
    /// Builds the scorer for `lexicon` with VADER's built-in tables.
    pub fn new(lexicon: Lexicon) -> Scorer {
        Scorer {
            matcher: Matcher::new(&lexicon),
            lexicon,
            vader: Vader::new(),
        }
    }

    /// Scores `text` as given: VADER sees exactly these characters (no normalisation), and frame hits
    /// are found on the same text.
    pub fn score_text(&self, text: &str) -> TextScore {
        TextScore {
            sentiment: self.vader.polarity_scores(text),
            frames: self.matcher.find(text),
            tokens: count_tokens(text),
        }
    }

    /// Scores one unit of original text: VADER sees the normalised text (curly quotes made ASCII), frames
    /// are matched on the original so that hit spans stay offsets into it. Both give the same tokens,
    /// since the tokenizer already treats curly apostrophes as apostrophes.
    pub fn score_original(&self, original: &str) -> TextScore {
        TextScore {
            sentiment: self.vader.polarity_scores(&for_scoring(original)),
            frames: self.matcher.find(original),
            tokens: count_tokens(original),
        }
    }
}

/// Scores every scorable unit of every article, in parallel. `units[i]` are the units of `articles[i]`.
/// Output is ordered by article, then by position in the text.
pub fn score_corpus(
    articles: &[Article],
    units: &[Vec<Unit>],
    scorer: &Scorer,
) -> Vec<ScoredSentence> {
    let work: Vec<(usize, usize, &Unit)> = units
        .iter()
        .enumerate()
        .flat_map(|(a, us)| {
            us.iter()
                .filter(|u| u.kind.is_scored())
                .enumerate()
                .map(move |(s, u)| (a, s, u))
        })
        .collect();
    work.into_par_iter()
        .map(|(a, s, unit)| {
            let text = unit.text(&articles[a].text);
            let mut score = scorer.score_original(text);
            for hit in &mut score.frames {
                hit.span = hit.span.start + unit.start..hit.span.end + unit.start;
            }
            ScoredSentence {
                article: a,
                sentence: s,
                unit: unit.clone(),
                score,
            }
        })
        .collect()
}

/// Whether a scored unit counts in article-level measures (running text, not headline or headings).
pub fn in_running_text(s: &ScoredSentence) -> bool {
    s.unit.kind.in_running_text()
}

/// Convenience: whether a kind is the headline.
pub fn is_headline(s: &ScoredSentence) -> bool {
    s.unit.kind == UnitKind::Headline
}
