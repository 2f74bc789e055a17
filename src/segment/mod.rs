//! Segment stage: splits an article's original text into typed [`Unit`]s — headline, dateline, standfirst,
//! headings, body sentences, boilerplate — each with byte offsets into the original text.
//!
//! Paragraphs are blocks separated by blank lines; sentences never cross a paragraph. Structure is found
//! with explicit, documented rules ([`structure`]), sentences with [`sentences`], and each scored unit's
//! voice and speaker with [`voice`]. Downstream stages read only [`Unit`]s and the original text.

pub mod gazetteer;
pub mod sentences;
pub mod structure;
pub mod voice;
pub mod words;

use std::borrow::Cow;
use std::ops::Range;

use serde::Serialize;

pub use voice::{Attribution, Voice};

/// What a unit of text is. Only some kinds are scored; see [`UnitKind::is_scored`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// The article's headline (first line, when it matches the manifest's title or looks like one).
    Headline,
    /// The place/agency line that opens a wire report, e.g. "QAH (Syria) (AFP) –".
    Dateline,
    /// A summary paragraph under the headline, flagged in the manifest.
    Standfirst,
    /// A subheading on a line of its own, e.g. "The legacy thrives" or "- Aleppo battle -".
    Heading,
    /// A "By ..." line naming the writer.
    Byline,
    /// A sentence of the article's running text.
    Body,
    /// Publisher text that is not the author's: disclaimers, pitches, copyright lines. Never scored.
    Boilerplate,
}

impl UnitKind {
    /// The name used in tables and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Headline => "headline",
            UnitKind::Dateline => "dateline",
            UnitKind::Standfirst => "standfirst",
            UnitKind::Heading => "heading",
            UnitKind::Byline => "byline",
            UnitKind::Body => "body",
            UnitKind::Boilerplate => "boilerplate",
        }
    }

    /// Whether units of this kind get sentiment and frame scores (and a row in the sentence table).
    /// Datelines, bylines and boilerplate carry no claims of the text, so scoring them would only add noise.
    pub fn is_scored(self) -> bool {
        matches!(
            self,
            UnitKind::Headline | UnitKind::Standfirst | UnitKind::Heading | UnitKind::Body
        )
    }

    /// Whether scored units of this kind count in article-level measures. Headlines and headings are
    /// scored and shown, but are written by editors in a compressed register, so they are reported apart.
    pub fn in_running_text(self) -> bool {
        matches!(self, UnitKind::Standfirst | UnitKind::Body)
    }
}

/// One segment of an article: a kind and a byte span into the article's original text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unit {
    /// What the unit is.
    pub kind: UnitKind,
    /// 0-based index of the paragraph (blank-line separated block) the unit lies in.
    pub paragraph: usize,
    /// 0-based index of the unit within its paragraph.
    pub index_in_paragraph: usize,
    /// Byte offset of the first byte, into the original text.
    pub start: usize,
    /// Byte offset one past the last byte, into the original text.
    pub end: usize,
    /// Whose words the unit carries (author, direct quote or reported speech) and who speaks.
    pub attribution: Attribution,
}

impl Unit {
    /// The unit's original text.
    pub fn text<'a>(&self, article_text: &'a str) -> &'a str {
        &article_text[self.start..self.end]
    }

    /// The unit's span.
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// A unit's text for display: its original text with every run of whitespace that contains a line break
/// replaced by one space, so a sentence hard-wrapped over lines reads as one line. Offsets still refer to
/// the original text.
pub fn display_text(original: &str) -> Cow<'_, str> {
    if !original.contains(['\n', '\r']) {
        return Cow::Borrowed(original);
    }
    let mut out = String::with_capacity(original.len());
    let mut pending = String::new();
    for c in original.chars() {
        if c.is_whitespace() {
            pending.push(c);
            continue;
        }
        if !pending.is_empty() {
            if pending.contains(['\n', '\r']) {
                out.push(' ');
            } else {
                out.push_str(&pending);
            }
            pending.clear();
        }
        out.push(c);
    }
    Cow::Owned(out)
}

/// How to find the headline.
#[derive(Debug, Clone, Copy)]
pub enum Headline<'a> {
    /// The manifest gives the title: the first line is the headline only when it matches.
    Given(&'a str),
    /// The manifest says there is none.
    Absent,
    /// Unknown (e.g. `framing segment` input): a short first line without final punctuation that is
    /// followed by more text is taken as the headline.
    Detect,
}

/// What the segmenter is told about an article beyond its text.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// How to find the headline.
    pub headline: Headline<'a>,
    /// Whether the first paragraph after the headline and dateline is a standfirst.
    pub standfirst: bool,
    /// Page furniture found before segmentation ([`crate::furniture`]): sorted, non-overlapping byte
    /// ranges, none crossing a line. Each becomes a boilerplate unit; the rest of its paragraph is body text.
    pub furniture: &'a [Range<usize>],
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            headline: Headline::Detect,
            standfirst: false,
            furniture: &[],
        }
    }
}

/// Splits `text` into units, in text order. Offsets index `text` itself.
pub fn segment(text: &str, options: &Options<'_>) -> Vec<Unit> {
    structure::segment(text, options)
}

/// Segments a corpus article, with the headline and standfirst its manifest entry declares.
pub fn segment_article(article: &crate::corpus::Article) -> Vec<Unit> {
    segment_article_with(article, &[])
}

/// One unit as `framing segment` and the Python package show it: its kind, place, text (hard-wrapped
/// lines joined by a space), byte span, and for scored units its voice and speaker.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct UnitRecord {
    /// The unit kind's name (`headline`, `body`, ...).
    pub kind: &'static str,
    /// 0-based paragraph.
    pub paragraph: usize,
    /// The text, on one line.
    pub text: String,
    /// Byte offset of the first byte into the input text.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// `author`, `direct_quote` or `reported` for scored units; `None` for the others.
    pub voice: Option<&'static str>,
    /// The resolved speaker.
    pub speaker: Option<String>,
    /// The speaker as the text names them at the attribution.
    pub speaker_mention: Option<String>,
    /// The verb of saying.
    pub reporting_verb: Option<String>,
    /// The quoted spans' texts.
    pub quotes: Vec<String>,
    /// Scare quotes' texts.
    pub scare_quotes: Vec<String>,
}

/// The units of one text as `framing segment` reports them: only the built-in artefacts count as page
/// furniture (a text comes without its outlet's other articles); a short unpunctuated first line is a
/// headline unless `no_headline`.
pub fn unit_records(text: &str, standfirst: bool, no_headline: bool) -> Vec<UnitRecord> {
    let ranges = crate::furniture::Furniture::artefacts_only().ranges("", text);
    let options = Options {
        headline: if no_headline {
            Headline::Absent
        } else {
            Headline::Detect
        },
        standfirst,
        furniture: &ranges,
    };
    let spans = |spans: &[Range<usize>]| -> Vec<String> {
        spans
            .iter()
            .map(|r| display_text(&text[r.clone()]).into_owned())
            .collect()
    };
    segment(text, &options)
        .iter()
        .map(|u| {
            let a = &u.attribution;
            UnitRecord {
                kind: u.kind.as_str(),
                paragraph: u.paragraph,
                text: display_text(u.text(text)).into_owned(),
                start: u.start,
                end: u.end,
                voice: u.kind.is_scored().then(|| a.voice.as_str()),
                speaker: a.speaker.clone(),
                speaker_mention: a.mention.clone(),
                reporting_verb: a.reporting_verb.clone(),
                quotes: spans(&a.quotes),
                scare_quotes: spans(&a.scare_quotes),
            }
        })
        .collect()
}

/// The running text (standfirst and body) of an article as units for coding or counting: each
/// sentence, or with `whole` all of them as one unit. Each unit is its index in [`segment_article`]'s
/// list (the first sentence's, for a whole article) and its sentences' texts.
pub fn running_units(article: &crate::corpus::Article, whole: bool) -> Vec<(usize, Vec<&str>)> {
    let running = segment_article(article)
        .into_iter()
        .enumerate()
        .filter(|(_, u)| u.kind.in_running_text())
        .map(|(i, u)| (i, vec![u.text(&article.text)]));
    if !whole {
        return running.collect();
    }
    let mut all: Option<(usize, Vec<&str>)> = None;
    for (i, mut parts) in running {
        all.get_or_insert((i, Vec::new())).1.append(&mut parts);
    }
    all.into_iter().collect()
}

/// Segments a corpus article whose page furniture was found first (see [`Options::furniture`]).
pub fn segment_article_with(
    article: &crate::corpus::Article,
    furniture: &[Range<usize>],
) -> Vec<Unit> {
    let options = Options {
        furniture,
        headline: match &article.title {
            Some(title) => Headline::Given(title),
            None => Headline::Absent,
        },
        standfirst: article.standfirst,
    };
    segment(&article.text, &options)
}
