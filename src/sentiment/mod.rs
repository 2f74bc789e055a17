//! Sentence-level sentiment scoring.
//!
//! The pipeline scores every sentence of an article with VADER (Hutto & Gilbert, ICWSM 2014).
//! [`Vader`] is an exact port of the reference implementation, the Python package
//! `vaderSentiment` 3.3.2, so figures computed here can be compared with published ones;
//! [`Vader::polarity_scores_with`] additionally lets a domain lexicon overlay the base one.
//! [`DomainLayer`] loads such overlays (`lexicons/sentiment/*.tsv`), and [`Vader::explain`]
//! shows the rules behind one text's scores.

pub mod domain;
pub mod explain;
pub mod table;
pub mod vader;

pub use domain::DomainLayer;
pub use explain::{Explanation, Layer, Step, TokenTrace};
pub use vader::{Overlay, Sentiment, Vader};
