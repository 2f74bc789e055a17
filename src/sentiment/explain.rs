//! VADER's working for one text, for `framing explain`.
//!
//! [`Vader::explain`] runs the very scoring code behind [`Vader::polarity_scores_with`], with a
//! recorder in place of the no-op trace sink the plain path uses, so the explanation cannot
//! drift from the scores: its `sentiment` is the scorer's own return value.

use std::fmt::Write as _;

use crate::sentiment::domain::DomainLayer;
use crate::sentiment::vader::{Sentiment, Trace, Vader};

/// Where a token's valence came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Layer {
    /// VADER's own lexicon.
    Vader,
    /// A domain layer, overriding or adding to VADER's lexicon.
    Domain,
}

/// One rule application that changed a valence or the scores (or, with `before == after`,
/// one that kept another rule from firing, such as "without doubt" or "at least").
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Step {
    /// Rule name: `domain_layer`, `booster`, `dampener`, `booster_word`, `all_caps`,
    /// `negation`, `no`, `never_so_this`, `without_doubt`, `idiom`, `kind_of`, `least`, `but`
    /// for tokens; `sum`, `punctuation`, `normalise`, `neg`, `neu`, `pos`, `compound` for the
    /// text.
    pub rule: &'static str,
    /// Value before the rule.
    pub before: f64,
    /// Value after the rule.
    pub after: f64,
    /// Why, naming the words involved.
    pub note: String,
}

/// One token as VADER saw it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TokenTrace {
    /// The token, punctuation stripped from its ends as VADER does, case kept.
    pub token: String,
    /// The valence the rules start from (domain layer first, then VADER's lexicon).
    pub lexicon_valence: Option<f64>,
    /// Which lexicon supplied `lexicon_valence`.
    pub layer: Option<Layer>,
    /// The rules that changed the valence, in order.
    pub steps: Vec<Step>,
    /// The valence the token contributes to the sums.
    pub valence: f64,
}

/// VADER's working for one text.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Explanation {
    /// Every token, in order.
    pub tokens: Vec<TokenTrace>,
    /// The text-level steps: sum, punctuation emphasis, normalisation, shares and rounding.
    pub text_steps: Vec<Step>,
    /// The scores, exactly as [`Vader::polarity_scores_with`] returns them.
    pub sentiment: Sentiment,
}

/// The trace sink of [`Vader::explain`].
#[derive(Default)]
struct Recorder {
    /// Tokens' text, for notes.
    words: Vec<String>,
    /// VADER's own valence of each token, for the `domain_layer` step.
    vader: Vec<Option<f64>>,
    tokens: Vec<TokenTrace>,
    text_steps: Vec<Step>,
}

impl Trace for Recorder {
    fn token(&mut self, token: &str, valence: Option<f64>, vader: Option<f64>, domain: bool) {
        let layer = if domain {
            Some(Layer::Domain)
        } else {
            valence.map(|_| Layer::Vader)
        };
        self.words.push(token.to_string());
        self.vader.push(vader);
        self.tokens.push(TokenTrace {
            token: token.to_string(),
            lexicon_valence: valence,
            layer,
            steps: Vec::new(),
            valence: 0.0,
        });
    }

    fn step<F: FnOnce(&[String]) -> String>(
        &mut self,
        i: usize,
        rule: &'static str,
        before: f64,
        after: f64,
        note: F,
    ) {
        let note = note(&self.words);
        self.tokens[i].steps.push(Step {
            rule,
            before,
            after,
            note,
        });
    }

    fn valences(&mut self, valences: &[f64]) {
        for (token, &v) in self.tokens.iter_mut().zip(valences) {
            token.valence = v;
        }
    }

    fn text_step<F: FnOnce() -> String>(
        &mut self,
        rule: &'static str,
        before: f64,
        after: f64,
        note: F,
    ) {
        self.text_steps.push(Step {
            rule,
            before,
            after,
            note: note(),
        });
    }
}

impl Vader {
    /// VADER's working on `text`: every token's lexicon valence (and which layer supplied it)
    /// and every rule that changed it — booster/dampener (with the booster word), ALL-CAPS
    /// emphasis, negation (with the negator), "but" weighting, "least", "kind of", idioms,
    /// "never so/this", "without doubt", "no" rules — then the text-level steps (punctuation
    /// emphasis from ! and ?, normalisation), ending in exactly the scores
    /// [`Vader::polarity_scores_with`]`(text, layer valences)` returns.
    ///
    /// A token whose valence the layer supplied starts with a `domain_layer` step from VADER's
    /// own valence (0 when VADER has none) to the layer's, citing the layer's file and line.
    pub fn explain(&self, text: &str, layer: Option<&DomainLayer>) -> Explanation {
        let mut recorder = Recorder::default();
        let sentiment = self.score(text, layer.map(DomainLayer::valences), &mut recorder);
        let Recorder {
            vader,
            mut tokens,
            text_steps,
            ..
        } = recorder;
        if let Some(layer) = layer {
            for (token, vader) in tokens.iter_mut().zip(vader) {
                if token.layer != Some(Layer::Domain) {
                    continue;
                }
                let origin = match layer.origin(&token.token) {
                    Some((path, line, comment)) => {
                        let file = path.file_name().unwrap_or(path.as_os_str());
                        format!("{}:{line}: {comment}", file.to_string_lossy())
                    }
                    None => "domain layer".to_string(),
                };
                let vader_note = match vader {
                    Some(v) => format!("VADER's {}", num(v)),
                    None => "not in VADER's lexicon".to_string(),
                };
                token.steps.insert(
                    0,
                    Step {
                        rule: "domain_layer",
                        before: vader.unwrap_or(0.0),
                        after: token.lexicon_valence.unwrap_or(0.0),
                        note: format!("replaces {vader_note} ({origin})"),
                    },
                );
            }
        }
        Explanation {
            tokens,
            text_steps,
            sentiment,
        }
    }
}

impl Explanation {
    /// A plain-text rendering for the terminal: one line per token with valence changes and
    /// rule names, then the text-level steps and the final neg/neu/pos/compound.
    pub fn render(&self) -> String {
        let width = self
            .tokens
            .iter()
            .map(|t| t.token.chars().count())
            .max()
            .unwrap_or(0)
            .clamp(5, 24);
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{:<width$}  {:>14}  {:>8}  rules",
            "token", "lexicon", "valence"
        );
        for t in &self.tokens {
            let lexicon = match (t.lexicon_valence, t.layer) {
                (Some(v), Some(Layer::Domain)) => format!("{} domain", num(v)),
                (Some(v), _) => format!("{} vader", num(v)),
                (None, _) => "-".to_string(),
            };
            let steps: Vec<String> = t.steps.iter().map(step_text).collect();
            let _ = writeln!(
                out,
                "{:<width$}  {lexicon:>14}  {:>8}  {}",
                t.token,
                num(t.valence),
                steps.join("; ")
            );
        }
        if !self.text_steps.is_empty() {
            out.push_str("text:\n");
            for s in &self.text_steps {
                let _ = writeln!(out, "  {}", step_text(s));
            }
        }
        let s = &self.sentiment;
        let _ = writeln!(
            out,
            "neg {}  neu {}  pos {}  compound {}",
            s.neg, s.neu, s.pos, s.compound
        );
        out
    }
}

/// `rule before -> after (note)`.
fn step_text(s: &Step) -> String {
    format!(
        "{} {} -> {} ({})",
        s.rule,
        num(s.before),
        num(s.after),
        s.note
    )
}

/// A number with at most 4 decimals and no trailing zeros.
fn num(x: f64) -> String {
    let s = format!("{x:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}
