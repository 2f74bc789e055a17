//! Score stage: gives every scored unit its VADER sentiment and its frame hits, in parallel with rayon.
//!
//! The scorer is a pure function of (text, lexicons): `framing score`, `framing analyze` and later
//! `framing explain` all call [`Scorer::score_text`], so they agree on every text. Results come back in
//! input order whatever the thread count, because rayon's indexed `collect` preserves order.

use std::borrow::Cow;

use rayon::prelude::*;

use crate::corpus::Article;
use crate::frames::tokens::{tokenize, Token};
use crate::frames::{FrameHit, Lexicon, Matcher};
use crate::normalise::for_scoring;
use crate::progress::Progress;
use crate::segment::{Unit, Voice};
use crate::sentiment::{DomainLayer, Sentiment, Vader};

/// The immutable scoring resources, built once and shared by reference across threads.
pub struct Scorer {
    /// The framing categories (the matcher is compiled from them in [`Scorer::new`]: read them, do not
    /// change them).
    pub lexicon: Lexicon,
    /// Domain valences laid over VADER's lexicon for `compound_domain` (merged into the VADER table in
    /// [`Scorer::new`]: read them, do not change them).
    pub domain: DomainLayer,
    matcher: Matcher,
    vader: Vader,
}

/// The scores of one text.
#[derive(Debug, Clone, PartialEq)]
pub struct TextScore {
    /// VADER's scores, exactly as vaderSentiment 3.3.2 gives them.
    pub sentiment: Sentiment,
    /// VADER's scores with the domain layer laid over its lexicon; equal to `sentiment` when the text
    /// has no word of the layer.
    pub sentiment_domain: Sentiment,
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

impl TextScore {
    /// Hits per category, in lexicon order, as `framing score` reports them (`n` categories).
    pub fn hits_per_category(&self, n: usize) -> Vec<usize> {
        let mut hits = vec![0; n];
        for h in &self.frames {
            if let Some(slot) = hits.get_mut(h.category) {
                *slot += 1;
            }
        }
        hits
    }
}

impl Scorer {
    /// Builds the scorer for `lexicon` with VADER's built-in tables and a domain layer.
    pub fn new(lexicon: Lexicon, domain: DomainLayer) -> Scorer {
        Scorer {
            matcher: Matcher::new(&lexicon),
            lexicon,
            vader: Vader::with_layer(domain.valences()),
            domain,
        }
    }

    /// The VADER scorer.
    pub fn vader(&self) -> &Vader {
        &self.vader
    }

    /// VADER's scores of `text`, plain and with the domain layer (the rules run twice only when the
    /// layer has a word of the text).
    fn sentiments(&self, text: &str) -> (Sentiment, Sentiment) {
        self.vader.polarity_scores_layered(text)
    }

    /// Scores `text` as given: VADER sees exactly these characters (no normalisation), and frame hits
    /// are found on the same text.
    pub fn score_text(&self, text: &str) -> TextScore {
        let (sentiment, sentiment_domain) = self.sentiments(text);
        // One tokenisation gives the hits and the token count.
        let tokens = tokenize(text);
        TextScore {
            sentiment,
            sentiment_domain,
            frames: self.matcher.find_in_tokens(&tokens),
            tokens: tokens.len(),
        }
    }

    /// Scores one unit of an article's original text. VADER sees the normalised text (curly quotes made
    /// ASCII) of [`sentiment_text`]: for a direct quote, the quoted words alone, without the attribution
    /// clause. Frames and tokens come from the whole unit, matched on the original so that hit spans are
    /// offsets into the article.
    pub fn score_unit(&self, article_text: &str, unit: &Unit) -> TextScore {
        self.score_unit_tokens(article_text, unit).0
    }

    /// [`Scorer::score_unit`], with the unit's word tokens (borrowing the article text).
    fn score_unit_tokens<'t>(
        &self,
        article_text: &'t str,
        unit: &Unit,
    ) -> (TextScore, Vec<Token<'t>>) {
        let original = unit.text(article_text);
        // One tokenisation gives the frame hits, the token count and (to the caller) the words.
        let words = tokenize(original);
        let mut frames = self.matcher.find_in_tokens(&words);
        for hit in &mut frames {
            hit.span = hit.span.start + unit.start..hit.span.end + unit.start;
        }
        let (sentiment, sentiment_domain) =
            self.sentiments(&for_scoring(&sentiment_text(article_text, unit)));
        let score = TextScore {
            sentiment,
            sentiment_domain,
            frames,
            tokens: words.len(),
        };
        (score, words)
    }
}

/// The original text whose sentiment stands for `unit`: the quoted words of a direct quote (joined by a
/// space), otherwise the whole unit.
pub fn sentiment_text<'a>(article_text: &'a str, unit: &Unit) -> Cow<'a, str> {
    let quotes = &unit.attribution.quotes;
    if unit.attribution.voice == Voice::DirectQuote && !quotes.is_empty() {
        Cow::Owned(
            quotes
                .iter()
                .map(|r| article_text[r.clone()].trim())
                .collect::<Vec<_>>()
                .join(" "),
        )
    } else {
        Cow::Borrowed(unit.text(article_text))
    }
}

/// Scores the scorable units of one article (`index` in its corpus slice), in order.
pub fn score_article(
    article: &Article,
    index: usize,
    units: &[Unit],
    scorer: &Scorer,
) -> Vec<ScoredSentence> {
    let scored_units = units
        .iter()
        .filter(|u| u.kind.is_scored())
        .cloned()
        .collect();
    score_article_with_words(article, index, scored_units, scorer, |_| {})
}

/// [`score_article`], also handing `each_word` the matching key (see [`crate::frames::tokens`]) of
/// every word of the running-text units, in text order: the words an article adds to its group's
/// counts, from the same tokenisation that found the frame hits.
///
/// It takes the units by value: each scored one moves into its [`ScoredSentence`].
pub fn score_article_with_words<'t>(
    article: &'t Article,
    index: usize,
    units: Vec<Unit>,
    scorer: &Scorer,
    mut each_word: impl FnMut(Cow<'t, str>),
) -> Vec<ScoredSentence> {
    units
        .into_iter()
        .filter(|u| u.kind.is_scored())
        .enumerate()
        .map(|(sentence, unit)| {
            let (score, words) = scorer.score_unit_tokens(&article.text, &unit);
            if unit.kind.in_running_text() {
                words.into_iter().for_each(|w| each_word(w.key));
            }
            ScoredSentence {
                article: index,
                sentence,
                unit,
                score,
            }
        })
        .collect()
}

/// Scores every scorable unit of every article, in parallel. `units[i]` are the units of `articles[i]`.
/// Output is ordered by article, then by position in the text.
pub fn score_corpus(
    articles: &[Article],
    units: &[Vec<Unit>],
    scorer: &Scorer,
    progress: &Progress,
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
    Progress::add(&progress.units_total, work.len());
    work.into_par_iter()
        .map(|(a, s, unit)| {
            let score = scorer.score_unit(&articles[a].text, unit);
            Progress::add(&progress.units_scored, 1);
            ScoredSentence {
                article: a,
                sentence: s,
                unit: unit.clone(),
                score,
            }
        })
        .collect()
}
