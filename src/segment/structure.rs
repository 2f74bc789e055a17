//! Article structure: paragraphs, and which of them are headline, dateline, standfirst, headings, bylines,
//! body text or boilerplate.
//!
//! The rules, in the order they apply:
//! 1. Paragraphs are maximal runs of non-blank lines (a blank line holds only whitespace).
//! 2. Headline: the first line, when it equals the manifest's title (compared after normalising quotes and
//!    spaces), or — with no manifest — when it is short, has no final punctuation and more text follows.
//! 3. Dateline: at the start of the first paragraph after the headline, a place in capitals or a place
//!    followed by an agency in brackets, optional date and brackets, then a dash:
//!    "QAH (Syria) (AFP) –", "GENEVA (Reuters) -", "BEIRUT, March 3 (AP) —". It may stand alone or open
//!    the first body paragraph; either way it becomes its own unit.
//! 4. Standfirst: when the manifest says so, the first paragraph after those.
//! 5. Boilerplate: a paragraph opening with a publisher marker ("Disclaimer:", "Copyright", "Reporting
//!    by", ...). Markers that close an article (disclaimers, copyright, credits) make every later paragraph
//!    boilerplate too, since publishers append such blocks at the end.
//! 6. Headings: a one-line paragraph of at most 12 words that does not end in sentence punctuation, is not
//!    the last paragraph, and starts with a capital or is set off by dashes ("- Aleppo battle -").
//!    Bylines: a one-line paragraph "By Name Surname".
//! 7. Everything else is body text, split into sentences by [`super::sentences::sentence_spans`].
//!
//! Page furniture found before segmentation ([`Options::furniture`]) comes first: a paragraph that is
//! furniture throughout is one boilerplate unit (and does not end the front matter); in a paragraph that
//! is partly furniture, each furniture span is a boilerplate unit and the text between them is body text.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::sentences::sentence_spans;
use super::{Headline, Options, Unit, UnitKind};
use crate::normalise::for_scoring;

/// The lines of `text`, each with its line end: `\n`, `\r\n`, or a lone `\r` (old Mac files).
fn lines_inclusive(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = match rest.find(['\n', '\r']) {
            Some(i) if rest[i..].starts_with("\r\n") => i + 2,
            Some(i) => i + 1,
            None => rest.len(),
        };
        let (line, tail) = rest.split_at(end);
        rest = tail;
        Some(line)
    })
}

/// Byte ranges of the paragraphs of `text`, each trimmed of surrounding whitespace.
pub fn paragraph_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut offset = 0;
    for line in lines_inclusive(text) {
        let line_start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some(span) = current.take() {
                spans.push(span);
            }
            continue;
        }
        let end = line_start + content.len();
        match current.as_mut() {
            Some(span) => span.end = end,
            None => current = Some(line_start..end),
        }
    }
    if let Some(span) = current {
        spans.push(span);
    }
    spans.into_iter().map(|s| trim_span(text, s)).collect()
}

/// Whitespace, and the byte-order mark that some editors put at the start of a file.
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Shrinks `span` to exclude leading and trailing whitespace (and a byte-order mark).
pub fn trim_span(text: &str, span: Range<usize>) -> Range<usize> {
    let slice = &text[span.clone()];
    let start = span.start + (slice.len() - slice.trim_start_matches(is_space).len());
    let end = span.end - (slice.len() - slice.trim_end_matches(is_space).len());
    start..end.max(start)
}

pub(super) fn segment(text: &str, options: &Options<'_>) -> Vec<Unit> {
    let paragraphs = paragraph_spans(text);
    let mut units = Vec::new();
    let mut boilerplate_from_here = false;
    // Whether the front matter (headline, dateline, standfirst) is still being read.
    let mut front = Front::Headline;
    let mut furniture = options.furniture.iter().peekable();
    for (p, para) in paragraphs.iter().enumerate() {
        let mut rest = para.clone();
        let mut index = 0;
        let mut push = |units: &mut Vec<Unit>, kind: UnitKind, span: Range<usize>| {
            units.push(Unit {
                kind,
                paragraph: p,
                index_in_paragraph: index,
                start: span.start,
                end: span.end,
                attribution: Default::default(),
            });
            index += 1;
        };
        while furniture.next_if(|f| f.end <= para.start).is_some() {}
        let mut inside = Vec::new();
        while let Some(f) = furniture.next_if(|f| f.start < para.end) {
            // Units are trimmed spans, so a furniture span is too.
            let f = trim_span(
                text,
                f.start.max(para.start)..f.end.min(para.end).max(para.start),
            );
            if !f.is_empty() {
                inside.push(f);
            }
        }
        if !inside.is_empty() && !boilerplate_from_here {
            let whole = inside.len() == 1 && inside[0] == *para;
            // The paragraph in order: text between furniture spans is body text.
            let mut parts = Vec::new();
            let mut at = para.start;
            for f in inside {
                parts.push((UnitKind::Body, at..f.start.max(at)));
                at = f.end.max(at);
                parts.push((UnitKind::Boilerplate, f));
            }
            parts.push((UnitKind::Body, at..para.end));
            for (kind, span) in parts {
                if kind == UnitKind::Boilerplate {
                    push(&mut units, kind, span);
                    continue;
                }
                let gap = trim_span(text, span);
                for s in sentence_spans(&text[gap.clone()]) {
                    push(&mut units, kind, gap.start + s.start..gap.start + s.end);
                }
            }
            if !whole {
                front = Front::Done;
            }
            continue;
        }
        if front == Front::Headline {
            front = Front::Dateline;
            if let Some(line) =
                headline_line(text, rest.clone(), options.headline, paragraphs.len())
            {
                push(&mut units, UnitKind::Headline, line.clone());
                rest = trim_span(text, line.end..rest.end);
                if rest.is_empty() {
                    continue;
                }
            }
        }
        if front == Front::Dateline {
            front = Front::Standfirst;
            if let Some(len) = dateline_len(&text[rest.clone()]) {
                let dateline = trim_span(text, rest.start..rest.start + len);
                push(&mut units, UnitKind::Dateline, dateline);
                rest = trim_span(text, rest.start + len..rest.end);
                if rest.is_empty() {
                    continue;
                }
            }
        }
        let block = &text[rest.clone()];
        if boilerplate_from_here || boilerplate_marker(block).is_some() {
            boilerplate_from_here |= boilerplate_marker(block) == Some(Marker::Closing);
            push(&mut units, UnitKind::Boilerplate, rest);
            continue;
        }
        if front == Front::Standfirst {
            front = Front::Done;
            if options.standfirst {
                for s in sentence_spans(block) {
                    push(
                        &mut units,
                        UnitKind::Standfirst,
                        rest.start + s.start..rest.start + s.end,
                    );
                }
                continue;
            }
        }
        let is_last = p + 1 == paragraphs.len();
        if !is_last && is_byline(block) {
            push(&mut units, UnitKind::Byline, rest);
            continue;
        }
        if !is_last && is_heading(block, 12) {
            push(&mut units, UnitKind::Heading, rest);
            continue;
        }
        // A heading may sit on its own line directly above its first paragraph, with no blank line.
        if let Some(nl) = block.find(['\n', '\r']) {
            let first = &block[..nl];
            let next = block[nl + 1..].trim_start();
            if is_heading(first, 8) && next.starts_with(char::is_uppercase) {
                push(
                    &mut units,
                    UnitKind::Heading,
                    trim_span(text, rest.start..rest.start + nl),
                );
                rest = trim_span(text, rest.start + nl..rest.end);
            }
        }
        for s in sentence_spans(&text[rest.clone()]) {
            push(
                &mut units,
                UnitKind::Body,
                rest.start + s.start..rest.start + s.end,
            );
        }
    }
    super::voice::attribute(text, &paragraphs, &mut units);
    units
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Front {
    Headline,
    Dateline,
    Standfirst,
    Done,
}

/// The span of the headline line at the start of `para`, if the rules say it is one.
fn headline_line(
    text: &str,
    para: Range<usize>,
    rule: Headline<'_>,
    paragraph_count: usize,
) -> Option<Range<usize>> {
    let block = &text[para.clone()];
    let line_len = block.find(['\n', '\r']).unwrap_or(block.len());
    let line = trim_span(text, para.start..para.start + line_len);
    let first = &text[line.clone()];
    let matches = match rule {
        Headline::Absent => false,
        Headline::Given(title) => comparable(first) == comparable(title),
        Headline::Detect => {
            let more_follows = line_len < block.len() || paragraph_count > 1;
            // A next line starting in lower case continues a hard-wrapped sentence, not a headline.
            let wrapped = block[line_len..]
                .trim_start()
                .starts_with(char::is_lowercase);
            // A title-case line may keep a final stop ("Trump Supporter Shouts At Rally.").
            let unpunctuated = !first
                .trim_end_matches(|c: char| super::voice::is_quote_mark(c) || c == ')')
                .ends_with(['.', ',', ';', ':', '…'])
                || is_title_case(first) && first.ends_with('.');
            more_follows
                && !wrapped
                && first.split_whitespace().count() <= 20
                && unpunctuated
                && !first.contains(". ")
                && first.starts_with(|c: char| {
                    c.is_uppercase() || c.is_numeric() || c == '\'' || c == '"'
                })
                && dateline_len(first).is_none()
        }
    };
    matches.then_some(line)
}

/// Four or more words, and every word of four letters or more capitalised, as headlines are
/// written and sentences are not.
fn is_title_case(line: &str) -> bool {
    let long: Vec<&str> = line
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    line.split_whitespace().count() >= 4
        && long.len() >= 2
        && long.iter().all(|w| {
            w.trim_start_matches(|c: char| !c.is_alphanumeric())
                .starts_with(char::is_uppercase)
        })
}

fn comparable(s: &str) -> String {
    for_scoring(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Agencies whose bracketed name marks a dateline even when the place is not in capitals.
const AGENCIES: &str = r"AFP|AP|Reuters|REUTERS|Bloomberg|UPI|dpa|DPA|Xinhua|XINHUA|ANI|IANS|PTI|ANSA|EFE|Anadolu|AA|TASS|Kyodo|Yonhap|CNN|BBC";

static DATELINE_CAPS: LazyLock<Regex> = LazyLock::new(|| {
    // PLACE IN CAPITALS [, Region or Date] [(…)]… DASH
    Regex::new(
        r"^[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,3}(?:, [A-Z][A-Za-z.]*(?: [A-Za-z.]+)?(?: \d{1,2})?(?:, \d{4})?)?(?: ?\([^()\n]{1,40}\))* ?(?:--|-|–|—)(?:\s|$)",
    )
    .expect("static regex")
});

static DATELINE_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    // Place in title case [, Date] (…)* (AGENCY) DASH
    Regex::new(&format!(
        r"^[A-Z][\p{{L}}'’.\-]+(?: [A-Z][\p{{L}}'’.\-]+){{0,3}}(?:, [A-Z][A-Za-z.]*(?: \d{{1,2}})?(?:, \d{{4}})?)?(?: ?\([^()\n]{{1,40}}\))* ?\((?:{AGENCIES})\) ?(?:--|-|–|—)(?:\s|$)"
    ))
    .expect("static regex")
});

static DATELINE_BARE_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    // (AGENCY) [DASH], with no place: "(CNN) —", "(Reuters) -"
    Regex::new(&format!(r"^\((?:{AGENCIES})\)(?: ?(?:--|-|–|—))?(?:\s|$)")).expect("static regex")
});

/// Length in bytes of a dateline opening `block` (including its dash, not the space after), if any.
pub fn dateline_len(block: &str) -> Option<usize> {
    let m = DATELINE_CAPS
        .find(block)
        .or_else(|| DATELINE_AGENCY.find(block))
        .or_else(|| DATELINE_BARE_AGENCY.find(block))?;
    let matched = m.as_str();
    // The capitals rule must not take an all-caps sentence ("BREAKING - ...") made of ordinary words
    // alone; requiring two capital letters in a row and a short place keeps to real datelines.
    Some(matched.trim_end().len())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    /// Publisher text in the flow (e.g. "Read more:"), boilerplate on its own.
    Inline,
    /// Publisher text that ends the article: everything after it is boilerplate too.
    Closing,
}

const CLOSING_MARKERS: &[&str] = &[
    "disclaimer:",
    "copyright",
    "©",
    "all rights reserved",
    "(reporting by",
    "reporting by",
    "(editing by",
    "editing by",
    "writing by",
    "additional reporting by",
    "this article was originally published",
    "this story was originally published",
    "the views expressed",
    "the viewpoints expressed",
    "the opinions expressed",
    "we welcome all pitches",
];

const INLINE_MARKERS: &[&str] = &[
    "read more:",
    "related:",
    "advertisement",
    "sign up for",
    "subscribe to",
    "follow us on",
    "click here",
];

fn boilerplate_marker(block: &str) -> Option<Marker> {
    let head: String = block.chars().take(48).collect::<String>().to_lowercase();
    let head = for_scoring(&head);
    if CLOSING_MARKERS.iter().any(|m| head.starts_with(m)) {
        Some(Marker::Closing)
    } else if INLINE_MARKERS.iter().any(|m| head.starts_with(m)) {
        Some(Marker::Inline)
    } else {
        None
    }
}

/// A one-line block of at most `max_words` words without sentence punctuation at its end, starting with
/// a capital or set off by dashes, bullets or hashes.
fn is_heading(block: &str, max_words: usize) -> bool {
    let line = block.trim();
    if line.is_empty() || line.contains(['\n', '\r']) {
        return false;
    }
    // Only whether the count is within the limit matters: long paragraphs are not counted to the end.
    let words = line.split_whitespace().take(max_words + 3).count();
    let decorated = ["- ", "– ", "— ", "* ", "# ", "## ", "### "]
        .iter()
        .any(|d| line.starts_with(d));
    if decorated {
        return words <= max_words + 2;
    }
    words <= max_words
        && line.starts_with(char::is_uppercase)
        && !line.ends_with(['.', '!', '?', ':', ';', ',', '"', '\'', '”', '’', '…', ')'])
}

fn is_byline(block: &str) -> bool {
    let line = block.trim();
    let Some(rest) = line.strip_prefix("By ") else {
        return false;
    };
    !line.contains(['\n', '\r'])
        && rest.split_whitespace().count() <= 8
        && rest.split_whitespace().all(|w| {
            w.starts_with(char::is_uppercase)
                || matches!(w, "and" | "in" | "for" | "of" | "&" | "," | "de" | "al")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines_in_common_forms() {
        for (line, dl) in [
            ("QAH (Syria) (AFP) – text", "QAH (Syria) (AFP) –"),
            ("GENEVA (Reuters) - The UN said", "GENEVA (Reuters) -"),
            ("BEIRUT, March 3 (AP) — Lebanon", "BEIRUT, March 3 (AP) —"),
            ("WASHINGTON — The Senate", "WASHINGTON —"),
            ("Paris (AFP) - France said", "Paris (AFP) -"),
            ("(CNN) Revelers cheered", "(CNN)"),
            ("(Reuters) - Stocks fell", "(Reuters) -"),
            (
                "NEW YORK, Jan. 5 (Reuters) -- Stocks",
                "NEW YORK, Jan. 5 (Reuters) --",
            ),
        ] {
            assert_eq!(dateline_len(line).map(|n| &line[..n]), Some(dl), "{line}");
        }
        for not in [
            "In parts of the Middle East - a war",
            "The US - Iran feud",
            "Hello world",
        ] {
            assert_eq!(dateline_len(not), None, "{not}");
        }
    }

    #[test]
    fn paragraphs_split_on_blank_lines_with_crlf() {
        let text = "One line.\r\nSame para.\r\n\r\n  \r\nTwo.\n";
        let spans = paragraph_spans(text);
        assert_eq!(spans.len(), 2);
        assert_eq!(&text[spans[0].clone()], "One line.\r\nSame para.");
        assert_eq!(&text[spans[1].clone()], "Two.");
    }

    #[test]
    fn headings_and_bylines() {
        assert!(is_heading("The legacy thrives", 12));
        assert!(is_heading("- Aleppo battle -", 12));
        assert!(!is_heading("it was Soleimani who got the call", 12));
        assert!(!is_heading("Their destination? Idlib.", 12));
        assert!(is_byline("By Jane Doe and John Smith"));
        assert!(!is_byline("By the end of the week, the city had fallen"));
    }
}
