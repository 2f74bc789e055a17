//! Rule-based English sentence-boundary detection tuned for news text.
//!
//! [`sentence_spans`] returns byte ranges into the caller's text, so sentences can be mapped
//! back to an original document by adding an offset. The splitter is a single left-to-right
//! scan with static word lists: no regular expressions, no allocation per character, and every
//! look-around is bounded, so run time is linear in the input length.
//!
//! # How the text is cut
//!
//! 1. **Paragraphs.** A blank line (only whitespace between two newlines) always ends a
//!    sentence. Each paragraph ("block") is then handled on its own.
//! 2. **Single newlines** (decided before any punctuation is looked at):
//!    * In a block with no `.`, `!`, `?` or `…` at all, every line is its own sentence (menus,
//!      keyword lists, headline + standfirst).
//!    * A line that starts with a list marker (`-`, `*`, `•`, `1.`, `2)`, `a)`, `(b)` …) starts
//!      a new sentence.
//!    * A line ending in sentence punctuation leaves the decision to the punctuation rules
//!      below (the newline then counts as ordinary whitespace).
//!    * A line ending in `,` `;` `:` a dash, or a function word such as "the"/"of"/"said" is
//!      hard-wrapped text and continues; so does a line followed by a lower-case line.
//!    * Otherwise (no final punctuation, next line starts with a capital, digit or quote) the
//!      line is a heading or byline and is its own sentence: `Aleppo battle\nThe fighting…`.
//! 3. **Lists inside a line.** A bullet (`•`, `⁃`, `▪` …) after whitespace starts a sentence.
//!    Numbered, lettered or Roman markers (`1.`, `1)`, `1.)`, `a.`, `(iii)`) form a list when
//!    later ones count up by one (`1. … 2. … 3. …`) and the first one starts a line, or is a first
//!    value (`1`, `a`, `i`) in mid-line whose item has two words or more (`decide: a) the budget
//!    b) the route`, but not `paragraphs (1) and (2)`); each marker in mid-line then starts a
//!    sentence. A marker at the start of a sentence is never itself a boundary (`1. The item`).
//! 4. **Parentheses and brackets** opened in the middle of a sentence and closed within
//!    [`MAX_PAREN_BYTES`] are skipped: `science (He worked as an engineer.) at the` and
//!    `Bohr [...] used` stay whole. A parenthesis that opens a sentence is split normally.
//! 5. **Terminator clusters.** A run of `.` `!` `?` `…` (including spaced `. . .`) plus any
//!    closing quotes/brackets right after it is one candidate boundary; a closing quote after the
//!    period therefore stays with the sentence it closes (`He said "no." Then he left.`). The
//!    candidate becomes a boundary depending on what follows (after whitespace and opening
//!    quotes/brackets):
//!    * a lower-case letter, `,` `;` `:` or `%` → never a boundary (`Yahoo! in`, `"Get out!" he
//!      shouted`, `U.S. for 20 years`); nor is punctuation that opens a sentence (`... There`);
//!    * **no whitespace** after the period (`world.Today`, `1,000.That`) → a boundary only if
//!      a word of two or more letters (or a number) is followed by a capitalised word and the
//!      run is not an e-mail address or URL (`Jane.Doe@example.com`, `www.Example.org`,
//!      `Vote.Gov.uk`: `@`, `/`, `www.` or a known top-level domain);
//!    * **ellipsis** (`...`, `…`, `. . .`, and four-dot forms): a boundary before a capital,
//!      except before the pronoun "I" after a plain three-dot ellipsis (`the thing is . . . I
//!      didn't`). When a period glued to a word is followed by a spaced ellipsis
//!      (`compounds. . . . The`), the sentence ends at the glued period and the ellipsis opens
//!      the next sentence (Golden Rule 51);
//!    * **full-width stops** (`．` `。` `！` `？`): a boundary, space or no space;
//!    * **`?` / `!`**: a boundary, unless a closing quote is followed by an attribution made of
//!      capitalised words and a speech verb (`"Why now?" Ahmed asked.` is one sentence), a dash
//!      follows (`The firm — wow! — doubled`), or the word is a name spelt with "!" (`Yahoo!
//!      Japan`). A "!" that opens a word is a click letter (`the !Kung`), not punctuation;
//!    * **`.`** depends on the word before it:
//!      - a title that precedes a name (`Mr.`, `Dr.`, `Gen.`, `Sen.`, `Maj.-Gen.`, `Lt.-Col.`;
//!        only the part after the last hyphen is looked up), or `vs.`, `e.g.`, `i.e.`:
//!        never a boundary;
//!      - a number-only abbreviation (`No.`, `pp.`, `Fig.`, `Art.`, `Vol.`) before a digit: not a
//!        boundary (`No. 10`); otherwise it is treated as an ordinary word;
//!      - a number: a boundary (`$100.00. It`), unless it is the first token of the sentence,
//!        i.e. a list marker (`9. The first item`);
//!      - **the acronym rule**: after a dotted acronym (`U.S.`, `U.N.`, `E.U.`, `a.m.`,
//!        `J.R.R.`), an ambiguous abbreviation (`Co.`, `Inc.`, `Jr.`, `St.`, `etc.`, `Jan.`,
//!        `Calif.`) or a single-letter initial (`E.`, `I.`), split only if the next word is a
//!        common sentence starter (`The`, `It`, `He`, `She`, `They`, `We`, `But`, `In`, `A`,
//!        `How`, `Did`, … see [`SENTENCE_STARTERS`]; a one-letter starter followed by a period
//!        is another initial, as in `F. A. Hayek`), or if it is `Mr.`/`Mrs.`/`Ms.`/`Dr.` and
//!        the sentence so far is not a short introductory phrase (`At 5 a.m. Mr. Smith went`
//!        stays whole, `at 6 P.M. Mr. Smith then went` splits), or (acronyms and abbreviations
//!        only) if a newline separates it from a capitalised word. Never before a digit. Thus
//!        `the U.S. Embassy` and `U.N. Secretary-General` stay whole while `on the U.S. The move
//!        came` splits. After a place acronym (`U.S.`, `U.K.`, `N.J.`, see [`PLACE_ACRONYMS`])
//!        a place (`on the U.S. Iran said`), a given name and surname (`N.J. Roger Ailes`) or a
//!        common plural before a lower-case word (`the U.K. Ministers met`) also split, while
//!        `U.S. House`, `U.S. Marines` and `U.S. Democrats` stay whole;
//!      - a citation glued to the period (`1990.[3] Later`, `study.7 8 Then`) stays with the
//!        sentence it ends; the cut comes after it, before a capital;
//!      - any other word: a boundary.
//!
//! Quotations are not tracked as a unit: `"We won. They lost," he said.` gives `"We won.` and
//! `They lost," he said.`. Spans are never rewritten, so a sentence joined across a soft line
//! break still contains the `\n`; callers that want normalised text collapse whitespace.

use std::ops::Range;

/// Longest parenthetical (in bytes, brackets included) whose contents are never split.
/// Longer spans are more likely to be unbalanced brackets than real asides.
pub const MAX_PAREN_BYTES: usize = 400;

/// How far (in bytes) token look-behind and look-ahead may reach. Keeps pathological inputs
/// (megabytes without whitespace) linear.
const LOOK_LIMIT: usize = 100;

/// Titles that precede a name: never a sentence boundary. Matched only when capitalised.
const TITLES: &[&str] = &[
    "Adm", "Amb", "Ald", "Asst", "Assoc", "Atty", "Brig", "Capt", "Cdr", "Cmdr", "Cmdt", "Col",
    "Comdr", "Cpl", "Cpt", "Det", "Dr", "Drs", "Fr", "Gen", "Gens", "Gov", "Govs", "Hon", "Insp",
    "Lieut", "Lt", "Maj", "Messrs", "Mlle", "Mme", "Mr", "Mrs", "Ms", "Msgr", "Mt", "Pfc", "Pres",
    "Prof", "Profs", "Pte", "Pvt", "Rep", "Reps", "Rev", "Revd", "Rt", "Sen", "Sens", "Sgt", "Spc",
    "Supt", "Surg",
];

/// Abbreviations that cannot end a sentence in practice, matched in any case.
const NEVER_SPLIT: &[&str] = &["vs", "e.g", "i.e", "cf", "viz", "approx", "incl", "esp"];

/// Abbreviations that may or may not end a sentence; the acronym rule decides. Any case.
/// Ordinary English words ("mass", "ill", "wash", "in") are deliberately left out.
#[rustfmt::skip] // keeps the group comments on their own lines
const AMBIGUOUS: &[&str] = &[
    // companies and people
    "co", "cos", "corp", "inc", "ltd", "plc", "llc", "bros", "jr", "sr", "al", "etc",
    // places and organisations
    "st", "ave", "blvd", "rd", "hwy", "pkwy", "sq", "ft", "dept", "depts", "univ", "assn", "govt",
    "intl", "natl", "mfg", "div", "est",
    // units
    "min", "mins", "hr", "hrs", "yr", "yrs", "wk", "wks", "lb", "lbs", "oz",
    // months ("Mar." is in NUMBER_ABBREVS: "mar" is also a verb)
    "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    // U.S. states (AP style)
    "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ida", "ind", "kan", "kans",
    "ky", "md", "mich", "minn", "mo", "mont", "neb", "nev", "okla", "pa", "penn", "tenn", "tex",
    "va", "vt", "wis", "wyo",
];

/// Abbreviations that are only abbreviations before a number ("No. 10", "Fig. 3", "Mar. 5").
/// (Single letters such as "p. 55" are initials, which never split before a digit either.)
/// Before anything else they are treated as ordinary words ("The answer was no. We left.").
const NUMBER_ABBREVS: &[&str] = &[
    "no", "nos", "nr", "n°", "nº", "pp", "vol", "vols", "fig", "figs", "art", "arts", "ch", "chap",
    "sec", "sect", "para", "pt", "ca", "tel", "ext", "op", "mar", "rm", "apt", "ste", "bldg",
    // currencies written before the amount ("Rs. 5000", "Ksh. 200")
    "rs", "ksh", "rp",
];

/// Capitalised words that usually start a sentence. After an ambiguous abbreviation or acronym
/// one of these is taken as evidence that a new sentence has begun. Matched case-sensitively.
/// Words that are also common names or the start of proper nouns ("May", "Will", "No") are
/// left out on purpose.
#[rustfmt::skip] // a compact table; rustfmt would put one word per line
pub const SENTENCE_STARTERS: &[&str] = &[
    "A", "About", "According", "After", "Again", "Against", "All", "Also", "Although", "Among",
    "An", "And", "Another", "Any", "Are", "As", "At", "Because", "Before", "Both", "But", "By",
    "Can", "Could", "Despite", "Did", "Do", "Does", "During", "Each", "Earlier", "Either", "Even",
    "Every", "For", "From", "Furthermore", "Had", "Has", "Have", "He", "Her", "Here", "His", "How",
    "However", "I", "If", "In", "Instead", "Is", "It", "Its", "Just", "Last", "Later", "Many",
    "Meanwhile", "Moreover", "Most", "My", "Neither", "Nevertheless", "Next", "Nor", "Not", "Now",
    "On", "Once", "One", "Only", "Or", "Our", "Several", "She", "Should", "Since", "So", "Some",
    "Still", "Such", "That", "The", "Their", "Then", "There", "These", "They", "This", "Those",
    "Though", "Thus", "To", "Today", "Tomorrow", "Under", "Unlike", "Until", "Was", "We", "Were",
    "What", "When", "Where", "Whether", "Which", "While", "Who", "Why", "With", "Without", "Would",
    "Yesterday", "Yet", "You", "Your",
];

/// Full-width sentence stops (`．` `。` `！` `？`): a boundary wherever a new sentence follows,
/// with or without a space, since text that uses them often puts none.
const FULL_WIDTH_STOPS: [char; 4] = ['\u{ff0e}', '\u{3002}', '\u{ff01}', '\u{ff1f}'];

/// Names spelt with a final "!" (`Yahoo! Japan`, `Jeopardy! host`): the mark ends no sentence.
const BANG_NAMES: &[&str] = &["Yahoo", "Yum", "Jeopardy", "Joomla", "Wham"];

/// Places written as dotted acronyms; after them a name or a plural subject starts a sentence.
const PLACE_ACRONYMS: &[&str] = &[
    "U.S", "U.K", "U.N", "E.U", "U.S.A", "U.A.E", "U.S.S.R", "D.C", "N.Y", "N.J", "L.A", "N.C",
    "S.C", "N.H", "N.D", "S.D", "N.M", "R.I",
];

/// Words of the place gazetteer that name a building or body after a place acronym (`U.S. House`,
/// `U.S. Capitol`) or start a longer place name (`U.S. Virgin`, `N.Y. New`).
const INSTITUTION_PLACES: &[&str] = &[
    "House", "Hill", "Street", "Capitol", "Pentagon", "Kremlin", "Downing", "Wall", "New", "Saint",
    "Fort", "Port", "Las", "Los", "San",
];

/// Common plural nouns that, capitalised after a place acronym and before a lower-case word, open
/// a sentence: in running text they are written lower case after the acronym (`U.S. officials`).
#[rustfmt::skip] // a compact table; rustfmt would put one word per line
const SUBJECT_PLURALS: &[&str] = &[
    "Ministers", "Officials", "Lawmakers", "Leaders", "Officers", "Troops", "Soldiers", "Police",
    "Voters", "Protesters", "Demonstrators", "Critics", "Analysts", "Experts", "Investigators",
    "Prosecutors", "Negotiators", "Diplomats", "Residents", "Workers", "Doctors", "Scientists",
    "Researchers", "Talks", "Markets", "Shares", "Prices", "Stocks", "Sources", "Authorities",
    "Members", "Delegates", "Judges", "Students", "Teachers", "Farmers", "Families",
    "Negotiations", "Elections", "Votes", "Polls", "Results", "Figures", "Reports", "Others",
];

/// Titles that typically begin the subject of a new sentence ("... at 6 P.M. Mr. Smith then").
const SUBJECT_TITLES: &[&str] = &["Mr", "Mrs", "Ms", "Messrs", "Dr"];

/// First words of a short introductory phrase ("At 5 a.m.", "Shortly after 5 p.m.") after
/// which `Mr.`/`Dr.` continues the same sentence. Any case.
const INTRO_WORDS: &[&str] = &[
    "at", "by", "from", "until", "till", "since", "before", "after", "around", "about", "on", "in",
    "near", "shortly", "just", "early", "late",
];

/// Verbs that mark a quote attribution (`"Why now?" Ahmed asked.`).
#[rustfmt::skip] // a compact table; rustfmt would put one word per line
const SPEECH_VERBS: &[&str] = &[
    "said", "says", "asked", "asks", "added", "adds", "shouted", "shouts", "yelled", "cried",
    "screamed", "exclaimed", "replied", "replies", "responded", "answered", "told", "tells",
    "wrote", "writes", "tweeted", "posted", "insisted", "demanded", "wondered", "continued",
    "explained", "noted", "declared", "warned", "recalled", "chanted", "whispered", "argued",
    "stated", "announced", "urged", "pleaded", "joked", "quipped", "laughed", "sighed", "snapped",
    "retorted", "countered", "protested", "muttered", "murmured", "roared",
];

/// Words that cannot end a heading; a line ending in one of them is hard-wrapped prose.
const CONTINUATION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "and", "or", "but", "nor", "in", "on", "at", "by", "for", "with",
    "from", "into", "onto", "over", "under", "about", "as", "than", "that", "which", "who",
    "whose", "said", "says", "told", "is", "are", "was", "were", "be", "been", "has", "have",
    "had", "will", "would", "could", "should", "its", "his", "her", "their", "our", "my", "your",
    "this", "these", "those", "Mr", "Mrs", "Ms", "Dr",
];

/// Byte ranges of the sentences in `text`, in order, each trimmed of surrounding whitespace, never empty, never overlapping; text between sentences is only whitespace.
///
/// The rules are described in the [module documentation](self). Never panics; every offset is
/// a char boundary of `text`, so `&text[span]` is always valid.
///
/// ```
/// use framing::segment::sentences::sentence_spans;
///
/// let text = "Aleppo battle\nThe U.S. Embassy said \"no.\" Then it closed.";
/// let sentences: Vec<&str> = sentence_spans(text).into_iter().map(|r| &text[r]).collect();
/// assert_eq!(
///     sentences,
///     ["Aleppo battle", "The U.S. Embassy said \"no.\"", "Then it closed."]
/// );
/// ```
pub fn sentence_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    for block in blocks(text) {
        let cuts = block_cuts(text, &block);
        let mut start = block.start;
        for &cut in cuts.iter().chain(std::iter::once(&block.end)) {
            if let Some(span) = trimmed(text, start, cut) {
                spans.push(span);
            }
            start = cut;
        }
    }
    spans
}

/// `start..end` shrunk to exclude surrounding whitespace, or `None` if nothing is left.
fn trimmed(text: &str, start: usize, end: usize) -> Option<Range<usize>> {
    let piece = &text[start..end];
    let body = piece.trim();
    if body.is_empty() {
        return None;
    }
    let lead = piece.len() - piece.trim_start().len();
    Some(start + lead..start + lead + body.len())
}

/// Paragraphs: maximal runs of non-blank lines. Each range starts at the start of its first
/// line and ends at the end of its last line (before the newline), so every `\n` inside a
/// block separates two non-blank lines.
fn blocks(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut line_start = 0;
    loop {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |k| line_start + k);
        if text[line_start..line_end].trim().is_empty() {
            out.extend(current.take());
        } else {
            let start = current.as_ref().map_or(line_start, |b| b.start);
            current = Some(start..line_end);
        }
        if line_end == text.len() {
            break;
        }
        line_start = line_end + 1;
    }
    out.extend(current);
    out
}

/// Byte offsets (within `block`) at which the block is cut into sentences, sorted, unique.
fn block_cuts(text: &str, block: &Range<usize>) -> Vec<usize> {
    let forced = forced_cuts(text, block);
    let pairs = bracket_pairs(text, block);
    let bytes = text.as_bytes();
    let mut scan = Scanner {
        text,
        end: block.end,
        sent_start: block.start,
    };
    let mut cuts = forced.clone();
    let (mut next_forced, mut next_pair) = (0, 0);
    // Only these bytes start anything below; the text between them is skipped by SIMD search.
    // 0xE2 leads `…`; 0xEF and 0xE3 lead the full-width stops (`．！？` and `。`).
    let mut finder = NextOf::new(
        bytes,
        block.end,
        [[b'(', b'[', b'.'], [b'!', b'?', 0xE2], [0xEF, 0xE3, 0xE3]],
    );
    let mut i = block.start;
    loop {
        i = finder.at(i);
        if i >= block.end {
            break;
        }
        // Line and list cuts were decided up front; keep the sentence start in step with them.
        while next_forced < forced.len() && forced[next_forced] <= i {
            scan.sent_start = forced[next_forced];
            next_forced += 1;
        }
        match bytes[i] {
            b'(' | b'[' => {
                while next_pair < pairs.len() && pairs[next_pair].0 < i {
                    next_pair += 1;
                }
                if let Some(&(open, close)) = pairs.get(next_pair) {
                    if open == i && close - open < MAX_PAREN_BYTES && !scan.only_prefix(i) {
                        i = close + 1;
                        continue;
                    }
                }
                i += 1;
            }
            // "The !Kung": a "!" opening a word is a click letter, not punctuation.
            b'!' if is_click_letter(text, i, block.start) => i += 1,
            b'.' | b'!' | b'?' => i = scan.cluster_at(i, &mut cuts),
            // 0xE2, 0xE3 and 0xEF are only ever lead bytes, so `i` is a char boundary here.
            0xE2 if text[i..].starts_with('…') => i = scan.cluster_at(i, &mut cuts),
            0xE3 | 0xEF if text[i..].starts_with(FULL_WIDTH_STOPS) => {
                i = scan.cluster_at(i, &mut cuts);
            }
            _ => i += 1,
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts
}

/// The next offset holding one of `3 × N` bytes, found by `N` SIMD searches (`memchr3`) whose results are
/// kept until the scan passes them, so each byte of the text is searched about once.
struct NextOf<'a, const N: usize> {
    bytes: &'a [u8],
    end: usize,
    sets: [[u8; 3]; N],
    /// Per set, the offset of its next byte (or `end`) as of the last search.
    next: [Option<usize>; N],
}

impl<'a, const N: usize> NextOf<'a, N> {
    fn new(bytes: &'a [u8], end: usize, sets: [[u8; 3]; N]) -> NextOf<'a, N> {
        NextOf {
            bytes,
            end,
            sets,
            next: [None; N],
        }
    }

    /// The first offset at or after `from` (and before `end`) holding a byte of either set, else `end`.
    fn at(&mut self, from: usize) -> usize {
        if from >= self.end {
            return self.end;
        }
        for (next, [a, b, c]) in self.next.iter_mut().zip(self.sets) {
            if next.is_none_or(|n| n < from) {
                let found = memchr::memchr3(a, b, c, &self.bytes[from..self.end]);
                *next = Some(found.map_or(self.end, |k| from + k));
            }
        }
        self.next
            .iter()
            .flatten()
            .copied()
            .min()
            .unwrap_or(self.end)
    }
}

/// Matching `(`…`)` and `[`…`]` pairs in the block as `(open, close)`, sorted by `open`.
fn bracket_pairs(text: &str, block: &Range<usize>) -> Vec<(usize, usize)> {
    let mut stack: Vec<(u8, usize)> = Vec::new();
    let mut pairs = Vec::new();
    let bytes = text.as_bytes();
    let mut finder = NextOf::new(bytes, block.end, [[b'(', b')', b'['], [b']'; 3]]);
    let mut from = block.start;
    loop {
        let pos = finder.at(from);
        if pos >= block.end {
            break;
        }
        from = pos + 1;
        let b = bytes[pos];
        match b {
            b'(' | b'[' => stack.push((b, pos)),
            b')' | b']' => {
                let want = if b == b')' { b'(' } else { b'[' };
                // A stray closer (list marker "1)", smiley) is ignored rather than unwinding.
                if let Some(&(open, open_pos)) = stack.last() {
                    if open == want {
                        stack.pop();
                        pairs.push((open_pos, pos));
                    }
                }
            }
            _ => {}
        }
    }
    pairs.sort_unstable();
    pairs
}

/// Cuts that do not depend on punctuation: line breaks, bullets and in-line numbered lists.
fn forced_cuts(text: &str, block: &Range<usize>) -> Vec<usize> {
    let body = &text[block.clone()];
    // By byte: a pattern of several chars would decode every character of the block.
    let has_terminator = body.bytes().any(|b| matches!(b, b'.' | b'!' | b'?'))
        || body.contains('…')
        || body.contains(FULL_WIDTH_STOPS);
    let mut cuts = Vec::new();

    // Line breaks. `line_start` is the start of the line before the newline at `nl`.
    let mut line_start = block.start;
    for (k, _) in body.match_indices('\n') {
        let nl = block.start + k;
        let next_end = text[nl + 1..block.end]
            .find('\n')
            .map_or(block.end, |j| nl + 1 + j);
        let prev = text[line_start..nl].trim();
        let next = text[nl + 1..next_end].trim();
        if line_break_is_boundary(has_terminator, prev, next) {
            cuts.push(nl);
        }
        line_start = nl + 1;
    }

    // Bullets anywhere, and numbered/lettered list markers that continue a list.
    let mut list: Option<ListMarker> = None;
    // A list that may start in mid-line ("decide: a) the budget b) …"): where its first marker
    // stands, until the next marker confirms it.
    let mut pending: Option<usize> = None;
    let mut prev: Option<char> = None;
    // True while only whitespace and bullets have been seen on the current line.
    let mut line_prefix = true;
    // First bullet in the current run of whitespace and bullets, so a list cut lands before
    // "• 10." rather than between the bullet and its number.
    let mut gap_bullet: Option<usize> = None;
    let bytes = body.as_bytes();
    let mut k = 0;
    while let Some(c) = body[k..].chars().next() {
        let pos = block.start + k;
        let after_gap = prev.is_none_or(|p| p.is_whitespace() || is_bullet(p));
        if is_bullet(c) && after_gap {
            cuts.push(pos);
        }
        // A marker opens with "(", a digit, or a letter followed by "." or ")": most words cannot
        // be one, and are not parsed.
        let may_mark = match bytes[k] {
            b'(' | b'0'..=b'9' => true,
            b if b.is_ascii_alphabetic() => {
                let roman = bytes[k..].iter().take_while(|b| b"ivx".contains(b)).count();
                matches!(bytes.get(k + roman.max(1)), Some(b'.' | b')'))
            }
            _ => false,
        };
        if after_gap && may_mark && !c.is_whitespace() && !is_bullet(c) {
            if let Some(marker) = parse_list_marker(&text[pos..block.end]) {
                let here = gap_bullet.unwrap_or(pos);
                match list.and_then(|last| marker.continuing(&last)) {
                    Some(next) => {
                        if let Some(first) = pending.take() {
                            // Two one-word items ("paragraphs (1) and (2)") are prose, not a list.
                            if text[first..pos].split_whitespace().count() >= 3 {
                                cuts.push(first);
                            } else {
                                list = None;
                            }
                        }
                        if list.is_some() && !line_prefix {
                            cuts.push(here);
                        }
                        list = list.and(Some(next));
                    }
                    None if line_prefix => {
                        list = Some(marker.opening());
                        pending = None;
                    }
                    None if marker.opening().is_first() => {
                        list = Some(marker.opening());
                        pending = Some(here);
                    }
                    None => {}
                }
            }
        }
        if c == '\n' {
            line_prefix = true;
        } else if !c.is_whitespace() && !is_bullet(c) {
            line_prefix = false;
        }
        if is_bullet(c) {
            gap_bullet = gap_bullet.or(Some(pos));
        } else if !c.is_whitespace() {
            gap_bullet = None;
        }
        prev = Some(c);
        k += c.len_utf8();
        // The rest of a run of ASCII letters, digits and punctuation changes nothing above (no
        // bullet, no gap before it, the line prefix and gap already ended): skip it by byte.
        if c.is_ascii() && !c.is_whitespace() {
            while k < bytes.len()
                && bytes[k].is_ascii()
                && !matches!(bytes[k], b'\t'..=b'\r' | b' ')
            {
                prev = Some(char::from(bytes[k]));
                k += 1;
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts
}

/// Whether the newline between the trimmed lines `prev` and `next` ends a sentence before any
/// punctuation rules apply (see the module docs, step 2).
fn line_break_is_boundary(block_has_terminator: bool, prev: &str, next: &str) -> bool {
    if !block_has_terminator || starts_with_list_marker(next) {
        return true;
    }
    if ends_with_terminator(prev) {
        return false;
    }
    if prev.ends_with([',', ';', ':', '-', '–', '—', '(', '/', '&', '+']) {
        return false;
    }
    let last_word = prev.rsplit(char::is_whitespace).next().unwrap_or("");
    if CONTINUATION_WORDS.contains(&last_word) {
        return false;
    }
    !next.chars().next().is_some_and(char::is_lowercase)
}

/// `.`, `!`, `?` or `…`, possibly followed by closing quotes or brackets, ends `line`.
fn ends_with_terminator(line: &str) -> bool {
    let line = line.trim_end_matches(is_closer);
    line.ends_with(['.', '!', '?', '…']) || line.ends_with(FULL_WIDTH_STOPS)
}

/// A line starting with a bullet, a dash/asterisk and a space, or a numbered/lettered marker.
fn starts_with_list_marker(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some(c) if is_bullet(c) => true,
        Some('-' | '*' | '–' | '—' | '+') => chars.next().is_some_and(char::is_whitespace),
        Some(_) => parse_list_marker(line).is_some(),
        None => false,
    }
}

/// Which numbering a list marker uses.
#[derive(Clone, Copy, PartialEq, Eq)]
enum MarkerKind {
    Number,
    Letter,
    /// Lower-case Roman numerals: `(i)`, `ii.`, `iv)`.
    Roman,
}

/// A list marker such as `1.`, `2)`, `3.)`, `(4)`, `a.`, `b)` or `(iii)`.
#[derive(Clone, Copy)]
struct ListMarker {
    kind: MarkerKind,
    value: u32,
    /// The punctuation around the value (`.`, `)`, `.)`, `()`); a list keeps one style.
    style: &'static str,
    /// The value read as a Roman numeral, for the letters `i`, `v` and `x` (`(i)` opens a Roman
    /// list, `(h) (i)` continues a lettered one).
    roman: Option<u32>,
}

impl ListMarker {
    /// `self` read as the item after `last` in the same list, if it is one.
    fn continuing(&self, last: &ListMarker) -> Option<ListMarker> {
        let follows = |m: &ListMarker| {
            m.kind == last.kind && m.style == last.style && m.value == last.value + 1
        };
        [Some(*self), self.as_roman()]
            .into_iter()
            .flatten()
            .find(follows)
    }

    /// The reading under which `self` opens a list: Roman for `(i)`, as written otherwise.
    fn opening(&self) -> ListMarker {
        self.as_roman().filter(|r| r.value == 1).unwrap_or(*self)
    }

    /// `self` as a Roman numeral, if its letters are one.
    fn as_roman(&self) -> Option<ListMarker> {
        self.roman.map(|value| ListMarker {
            kind: MarkerKind::Roman,
            value,
            ..*self
        })
    }

    /// The first value of its numbering: `1`, `a` or `i`.
    fn is_first(&self) -> bool {
        match self.kind {
            MarkerKind::Letter => self.value == 0,
            MarkerKind::Number | MarkerKind::Roman => self.value == 1,
        }
    }
}

/// The value of a lower-case Roman numeral from `i` to `xxxix` written canonically, or `None`
/// ("iiv" is no numeral).
fn roman_value(s: &str) -> Option<u32> {
    (1..40).find(|&n| to_roman(n) == s)
}

/// `n` (1 to 39) as a lower-case Roman numeral.
fn to_roman(mut n: u32) -> String {
    let mut out = String::new();
    for (v, digits) in [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")] {
        while n >= v {
            out.push_str(digits);
            n -= v;
        }
    }
    out
}

/// Parses a list marker at the start of `s`; it must be followed by whitespace or the end.
/// Numbers have one to three digits (so years are not markers); a single letter needs `)`, or
/// `.` when lower case (`A.` is far more often an initial).
fn parse_list_marker(s: &str) -> Option<ListMarker> {
    let b = s.as_bytes();
    let paren = b.first() == Some(&b'(');
    let body = usize::from(paren);
    let mut i = body;
    while i < b.len() && b[i].is_ascii_digit() && i - body < 4 {
        i += 1;
    }
    let roman_len = b[i..].iter().take_while(|b| b"ivx".contains(b)).count();
    let (kind, value, lower) = match i - body {
        0 if roman_len > 1 => {
            i += roman_len;
            (MarkerKind::Roman, roman_value(&s[body..i])?, true)
        }
        0 if b.get(i).is_some_and(u8::is_ascii_alphabetic) => {
            i += 1;
            let letter = b[i - 1];
            let value = u32::from(letter.to_ascii_lowercase() - b'a');
            (MarkerKind::Letter, value, letter.is_ascii_lowercase())
        }
        1..=3 => (MarkerKind::Number, s[body..i].parse().ok()?, false),
        _ => return None,
    };
    let roman = (kind == MarkerKind::Letter && lower)
        .then(|| roman_value(&s[body..i]))
        .flatten();
    let rest = &s[i..];
    let (style, len) = if paren {
        ("()", usize::from(rest.starts_with(')')))
    } else if rest.starts_with(".)") {
        (".)", 2)
    } else if rest.starts_with(')') {
        (")", 1)
    } else if rest.starts_with('.') && (kind != MarkerKind::Letter || lower) {
        (".", 1)
    } else {
        return None;
    };
    if len == 0 || !rest[len..].chars().next().is_none_or(char::is_whitespace) {
        return None;
    }
    Some(ListMarker {
        kind,
        value,
        style,
        roman,
    })
}

/// Bullet characters that start a list item wherever they follow whitespace.
const BULLETS: &[char] = &[
    '•', '‣', '⁃', '◦', '▪', '▫', '●', '○', '■', '□', '►', '▶', '➢', '➤',
];

/// One of [`BULLETS`].
fn is_bullet(c: char) -> bool {
    // Every bullet is outside ASCII: most characters are told apart without the list.
    !c.is_ascii() && BULLETS.contains(&c)
}

/// Quotes and brackets that can open a quotation or aside.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '„' | '‚' | '«' | '‹' | '(' | '[' | '{'
    )
}

/// Quotes and brackets that can close a quotation or aside.
fn is_closer(c: char) -> bool {
    is_closing_quote(c) || matches!(c, ')' | ']' | '}')
}

/// Closing quotation marks (straight quotes count: after a terminator they close).
fn is_closing_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›')
}

/// Characters that show the sentence carries on after a terminator (`Yahoo!, Inc.`, `etc.;`).
fn continues_sentence(c: char) -> bool {
    c.is_lowercase() || matches!(c, ',' | ';' | ':' | '%' | ')' | ']' | '}')
}

/// `list` contains `word`, ignoring ASCII case.
fn in_list(list: &[&str], word: &str) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Largest char boundary of `text` that is `<= i`.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The `!` at `i` opens a word (`!Kung`, `!Xoo`: a click consonant): it follows whitespace, an
/// opening quote or the block start, and a letter follows it.
fn is_click_letter(text: &str, i: usize, block_start: usize) -> bool {
    let after_gap = i == block_start
        || text[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_whitespace() || is_opener(c));
    after_gap
        && text[i + 1..]
            .chars()
            .next()
            .is_some_and(char::is_alphabetic)
}

/// A run of sentence punctuation plus the closing quotes/brackets glued to it.
struct Cluster {
    /// Byte offset of the first terminator.
    start: usize,
    /// Byte offset just after the last closer (or terminator).
    end: usize,
    /// Number of periods; `…` counts as three.
    dots: usize,
    /// The run contains `?` or `!`.
    question_or_bang: bool,
    /// The run contains a full-width stop ([`FULL_WIDTH_STOPS`]).
    full_width: bool,
    /// A closing quotation mark follows the punctuation.
    quote_closed: bool,
    /// For `word. . . .` (period glued to the word, then a spaced ellipsis): the offset just
    /// after the glued period.
    glued_period_end: Option<usize>,
}

impl Cluster {
    /// Three or more dots: an ellipsis, with or without a final period.
    fn is_ellipsis(&self) -> bool {
        self.dots >= 3
    }
}

/// What [`Scanner::decide`] concluded about a cluster.
enum Cut {
    /// Not a sentence boundary.
    No,
    /// The sentence ends after the cluster (closing quotes included).
    AtEnd,
    /// The sentence ends at this offset inside the cluster (`compounds. | . . . The`).
    At(usize),
}

/// What follows a cluster.
struct Next<'a> {
    /// Whitespace separates the cluster from what follows.
    had_space: bool,
    /// That whitespace includes a line break.
    had_newline: bool,
    /// First character after whitespace and opening quotes/brackets.
    ch: char,
    /// Byte offset of `ch`.
    pos: usize,
    /// Run of letters starting at `ch` (empty if `ch` is not a letter): "It" for "It's".
    word: &'a str,
}

impl Next<'_> {
    /// What follows is a capitalised word ("Counting", not "EST" or "a").
    fn is_capitalised_word(&self) -> bool {
        self.ch.is_uppercase() && self.word.chars().nth(1).is_some_and(char::is_lowercase)
    }
}

/// What kind of token precedes a period.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TokenKind {
    /// An ordinary word (or URL, e-mail address): the period ends the sentence.
    Word,
    /// Ends in a digit: `$100.00`, `1,000`, `2015`, or a list marker `9`.
    Number,
    /// One of [`TITLES`]: `Mr`, `Gen`, `Maj.-Gen`.
    Title,
    /// One of [`NEVER_SPLIT`]: `vs`, `e.g`.
    Never,
    /// One of [`NUMBER_ABBREVS`]: `No`, `Fig`.
    NumberAbbrev,
    /// One of [`AMBIGUOUS`]: `Co`, `Jr`, `St`, `Sept`, `Calif`.
    Ambiguous,
    /// A dotted acronym: `U.S`, `a.m`, `J.R.R`.
    Acronym,
    /// A single letter: `E` in `Jonas E. Smith`, `I`, `p`.
    Initial,
}

/// The token before a period, with opening/closing punctuation stripped.
struct Token<'a> {
    /// Offset of the whitespace-delimited token, before stripping.
    raw_start: usize,
    /// The token itself: `"no."` gives `no`, `(D-Minn.)` gives `D-Minn`.
    text: &'a str,
}

/// Per-block scanning state.
struct Scanner<'a> {
    /// The whole input; all offsets index into it.
    text: &'a str,
    /// End of the block; no look-ahead goes past it.
    end: usize,
    /// Start of the sentence being built (the last cut, or the block start).
    sent_start: usize,
}

impl<'a> Scanner<'a> {
    /// Handles the cluster starting at `i`, records a cut if there is one, and returns the
    /// offset at which scanning resumes.
    fn cluster_at(&mut self, i: usize, cuts: &mut Vec<usize>) -> usize {
        let cluster = self.parse_cluster(i);
        let cut = match self.decide(&cluster) {
            Cut::No => None,
            Cut::AtEnd => Some(cluster.end),
            Cut::At(pos) => Some(pos),
        };
        if let Some(pos) = cut {
            cuts.push(pos);
            self.sent_start = pos;
        }
        cluster.end
    }

    /// Reads the cluster of terminators and closers that starts at `start`.
    fn parse_cluster(&self, start: usize) -> Cluster {
        let b = self.text.as_bytes();
        let mut i = start;
        let (mut dots, mut question_or_bang, mut spaced, mut full_width) = (0, false, false, false);
        while i < self.end {
            match b[i] {
                b'.' => dots += 1,
                b'!' | b'?' => question_or_bang = true,
                // ". . ." — a single space between dots belongs to the ellipsis.
                b' ' if dots > 0 && b.get(i + 1) == Some(&b'.') && i + 1 < self.end => {
                    spaced = true;
                }
                _ if self.text[i..self.end].starts_with('…') => {
                    dots += 3;
                    i += '…'.len_utf8();
                    continue;
                }
                0xE3 | 0xEF if self.text[i..self.end].starts_with(FULL_WIDTH_STOPS) => {
                    full_width = true;
                    i += 3;
                    continue;
                }
                _ => break,
            }
            i += 1;
        }
        let mut quote_closed = false;
        for c in self.text[i..self.end].chars() {
            if !is_closer(c) {
                break;
            }
            quote_closed |= is_closing_quote(c);
            i += c.len_utf8();
        }
        let glued = b[start] == b'.'
            && self.text[..start]
                .chars()
                .next_back()
                .is_some_and(|c| !c.is_whitespace());
        Cluster {
            start,
            end: i,
            dots,
            question_or_bang,
            full_width,
            quote_closed,
            glued_period_end: (glued && spaced && dots >= 4).then_some(start + 1),
        }
    }

    /// Whether (and where) the cluster ends a sentence; see the module docs, step 5.
    fn decide(&self, cl: &Cluster) -> Cut {
        // At the end of the block the block itself closes the sentence.
        let Some(next) = self.next_info(cl.end) else {
            return Cut::No;
        };
        // Punctuation that opens the sentence (`... There are`) has nothing to end.
        if continues_sentence(next.ch) || self.only_prefix(cl.start) {
            return Cut::No;
        }
        if cl.full_width {
            return Cut::AtEnd;
        }
        if cl.is_ellipsis() {
            if next.word == "I" && cl.dots == 3 {
                return Cut::No;
            }
            return cl.glued_period_end.map_or(Cut::AtEnd, Cut::At);
        }
        let token = self.prev_token(cl.start);
        let kind = if cl.question_or_bang {
            TokenKind::Word
        } else {
            classify(token.text)
        };
        if !next.had_space && !cl.question_or_bang {
            if let Some(end) = self.citation_end(cl.end, kind) {
                return if self
                    .next_info(end)
                    .is_some_and(|n| n.had_space && n.ch.is_uppercase())
                {
                    Cut::At(end)
                } else {
                    Cut::No
                };
            }
        }
        if !next.had_space {
            return if self.glued_boundary(cl, &token, kind, &next) {
                Cut::AtEnd
            } else {
                Cut::No
            };
        }
        if cl.question_or_bang {
            // "The firm — wow! — doubled": an exclamation inside dashes goes on.
            if matches!(next.ch, '—' | '–') {
                return Cut::No;
            }
            if self.text[cl.start..cl.end] == *"!" && BANG_NAMES.contains(&token.text) {
                return Cut::No;
            }
            return if cl.quote_closed && self.is_attribution(next.pos) {
                Cut::No
            } else {
                Cut::AtEnd
            };
        }
        let split = match kind {
            TokenKind::Word => true,
            TokenKind::Number => !self.only_prefix(token.raw_start),
            TokenKind::Title | TokenKind::Never => false,
            TokenKind::NumberAbbrev => !next.ch.is_numeric(),
            TokenKind::Initial if self.only_prefix(token.raw_start) => false,
            TokenKind::Initial | TokenKind::Ambiguous | TokenKind::Acronym => {
                self.acronym_rule(cl, kind, token.text, &next)
                    || time_ends_sentence(token.text, &next, &self.text[next.pos..self.end])
            }
        };
        if split {
            Cut::AtEnd
        } else {
            Cut::No
        }
    }

    /// The acronym rule: after `U.S.`, `Co.`, `E.` and friends, split only on evidence.
    fn acronym_rule(&self, cl: &Cluster, kind: TokenKind, token: &str, next: &Next) -> bool {
        if next.ch.is_numeric() {
            return false;
        }
        // "F. A. Hayek": a starter like "A" followed by a period is another initial.
        let initial_follows = next.word.len() == 1 && self.text[next.pos + 1..].starts_with('.');
        if SENTENCE_STARTERS.contains(&next.word) && !initial_follows {
            return true;
        }
        if SUBJECT_TITLES.contains(&next.word) && !self.is_intro_phrase(cl.start) {
            return true;
        }
        if kind == TokenKind::Acronym && place_acronym_ends(token, next, &self.text[..self.end]) {
            return true;
        }
        // A headline ending "… U.S." followed by a capitalised line.
        kind != TokenKind::Initial && next.had_newline && next.ch.is_uppercase()
    }

    /// `world.Today`: punctuation with no space after it ends a sentence only between a real
    /// word (or number) and a capitalised word, outside e-mail addresses and URLs.
    fn glued_boundary(&self, cl: &Cluster, token: &Token, kind: TokenKind, next: &Next) -> bool {
        let capitalised_word = next.is_capitalised_word();
        let real_word = match kind {
            TokenKind::Word => {
                cl.question_or_bang || token.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
            }
            TokenKind::Number => !self.only_prefix(token.raw_start),
            _ => false,
        };
        capitalised_word && real_word && !self.in_address(token.raw_start, cl.end)
    }

    /// The end of a citation marker glued to the period that ends at `from`: bracketed numbers
    /// (`1990.[3]`, `said.[12][13]`) after any word or number, or bare footnote numbers
    /// (`study.7 8`) after a word, so that a decimal (`2.5`) is never one.
    fn citation_end(&self, from: usize, kind: TokenKind) -> Option<usize> {
        let b = self.text.as_bytes();
        let digits = |i: usize| {
            (i..self.end.min(i + 4))
                .take_while(|&k| b[k].is_ascii_digit())
                .count()
        };
        let mut i = from;
        if b.get(i) == Some(&b'[') {
            while i < self.end && b[i] == b'[' {
                let n = digits(i + 1);
                if n == 0 || n > 3 || b.get(i + 1 + n) != Some(&b']') {
                    break;
                }
                i += n + 2;
            }
            return (i > from && !matches!(kind, TokenKind::Title | TokenKind::Never)).then_some(i);
        }
        if kind != TokenKind::Word {
            return None;
        }
        // "7 8", "7,8", "7-9": one to three digits a group, one separator between groups.
        loop {
            let n = digits(i);
            if n == 0 || n > 3 {
                return None;
            }
            i += n;
            match b.get(i) {
                Some(b' ' | b',' | b'-') if i + 1 < self.end && b[i + 1].is_ascii_digit() => i += 1,
                _ => return Some(i),
            }
        }
    }

    /// The whitespace-delimited run around `from..to` looks like an e-mail address or URL.
    fn in_address(&self, from: usize, to: usize) -> bool {
        let limit = floor_boundary(self.text, (to + LOOK_LIMIT).min(self.end));
        let run_end = self.text[to..limit]
            .find(char::is_whitespace)
            .map_or(limit, |k| to + k);
        is_address(&self.text[from..run_end])
    }

    /// The whitespace-delimited token ending at `end`, looking back at most [`LOOK_LIMIT`].
    fn prev_token(&self, end: usize) -> Token<'a> {
        let floor = floor_boundary(self.text, end.saturating_sub(LOOK_LIMIT)).max(self.sent_start);
        let floor = floor.min(end);
        let raw_start = self.text[floor..end]
            .rfind(char::is_whitespace)
            .map_or(floor, |k| {
                let ws = self.text[floor + k..]
                    .chars()
                    .next()
                    .map_or(1, char::len_utf8);
                floor + k + ws
            });
        let text = self.text[raw_start..end]
            .trim_start_matches(|c| is_opener(c) || is_bullet(c))
            .trim_end_matches(is_closer);
        Token { raw_start, text }
    }

    /// What follows the cluster ending at `from`, or `None` at the end of the block.
    fn next_info(&self, from: usize) -> Option<Next<'a>> {
        let rest = &self.text[from..self.end];
        let after_space = rest.trim_start();
        let space = &rest[..rest.len() - after_space.len()];
        let after_openers = after_space.trim_start_matches(is_opener);
        let ch = after_openers.chars().next()?;
        let pos = self.end - after_openers.len();
        let word_len = after_openers
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(after_openers.len());
        Some(Next {
            had_space: !space.is_empty(),
            had_newline: space.contains('\n'),
            ch,
            pos,
            word: &after_openers[..word_len],
        })
    }

    /// Only whitespace, bullets, dashes and opening quotes/brackets lie between the sentence
    /// start and `pos`: whatever is at `pos` is the first token of the sentence.
    fn only_prefix(&self, pos: usize) -> bool {
        pos >= self.sent_start
            && pos - self.sent_start <= 64
            && self.text[self.sent_start..pos]
                .chars()
                .all(|c| c.is_whitespace() || is_bullet(c) || is_opener(c) || "-*–—".contains(c))
    }

    /// The sentence so far (`sent_start..end`) is a short introductory phrase such as
    /// "At 5 a.m." or "Shortly after 5 p.m.".
    fn is_intro_phrase(&self, end: usize) -> bool {
        if end < self.sent_start || end - self.sent_start > 60 {
            return false;
        }
        let phrase = &self.text[self.sent_start..end];
        let first = phrase.split_whitespace().next().unwrap_or("");
        let first = first.trim_start_matches(|c| is_opener(c) || is_bullet(c));
        in_list(INTRO_WORDS, first) && phrase.split_whitespace().count() <= 4
    }

    /// `Ahmed asked`, `Prime Minister Ahmed Ali said`: up to four capitalised words (none of
    /// them a sentence starter such as "He" or "Because") and then a speech verb, from `pos`.
    fn is_attribution(&self, pos: usize) -> bool {
        let limit = floor_boundary(self.text, (pos + LOOK_LIMIT).min(self.end));
        for (k, token) in self.text[pos..limit].split_whitespace().take(5).enumerate() {
            let word_len = token
                .find(|c: char| !c.is_alphabetic())
                .unwrap_or(token.len());
            let word = &token[..word_len];
            match word.chars().next() {
                // "Because I said": a sentence starter is not part of a name.
                Some(_) if SENTENCE_STARTERS.contains(&word) => return false,
                Some(c) if c.is_uppercase() => continue,
                Some(_) => return k > 0 && SPEECH_VERBS.contains(&word),
                None => return false,
            }
        }
        false
    }
}

/// After a place written as an acronym (`U.S.`, `U.K.`, `N.J.`) a new sentence starts with a
/// given name and a surname (`N.J. Roger Ailes`), another place (`the U.S. Iran said`), or a
/// common plural noun followed by a lower-case word (`the U.K. Ministers met`: mid-sentence it
/// would be "U.K. ministers"). Bodies named after the place (`U.S. Embassy`, `U.S. Marines`,
/// `U.S. House`, `U.S. Democrats`) go on. Initials (`J.M. Berger`) are no place. `text` ends at
/// the block's end.
fn place_acronym_ends(acronym: &str, next: &Next, text: &str) -> bool {
    if !PLACE_ACRONYMS.contains(&acronym) || !next.is_capitalised_word() {
        return false;
    }
    let word = next.word;
    let after = text[next.pos + word.len()..].strip_prefix(' ');
    let then = |test: fn(char) -> bool| after.and_then(|a| a.chars().next()).is_some_and(test);
    (super::gazetteer::is_place_word(word) && !INSTITUTION_PLACES.contains(&word))
        || (super::gazetteer::gender_of_given_name(word).is_some() && then(char::is_uppercase))
        || (SUBJECT_PLURALS.contains(&word) && then(char::is_lowercase))
}

/// "8 p.m. Counting began": a time of day ends the sentence before a capitalised word that is not a
/// day, month, time or place word ("at 8 p.m. Monday", "1 a.m. Baghdad time" go on; in "7 a.m. EST"
/// "EST" is no capitalised word). `rest` is the text from that word on.
fn time_ends_sentence(token: &str, next: &Next, rest: &str) -> bool {
    let time = ["a.m", "p.m"].iter().any(|t| token.eq_ignore_ascii_case(t));
    let capitalised_word = next.is_capitalised_word();
    let zone = rest[next.word.len().min(rest.len())..].starts_with(" time");
    // Before a title ("At 5 a.m. Mr. Smith") the acronym rule decides.
    time && capitalised_word
        && !zone
        && !TITLES.contains(&next.word)
        && !super::gazetteer::is_time_word(next.word)
        && !super::gazetteer::is_place_word(next.word)
}

/// Top-level domains that mark a dotted run as a web address (`www.Example.org`, `Vote.Gov.uk`).
const DOMAINS: &[&str] = &[
    "com", "org", "net", "gov", "edu", "int", "mil", "info", "io", "uk", "ca", "au", "de", "fr",
    "nz", "ie", "eu",
];

/// A whitespace-delimited run that is an e-mail address or web address: it holds `@` or `/`,
/// starts with `www.`, or its last dotted part (before closing punctuation) is a known domain.
fn is_address(run: &str) -> bool {
    if run.contains(['@', '/']) || run.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("www.")) {
        return true;
    }
    let run = run.trim_end_matches(|c: char| !c.is_alphanumeric());
    run.rsplit_once('.')
        .is_some_and(|(head, tld)| !head.is_empty() && in_list(DOMAINS, tld))
}

/// Classifies the token before a period.
fn classify(token: &str) -> TokenKind {
    let Some(last) = token.chars().next_back() else {
        return TokenKind::Word;
    };
    if last.is_numeric() {
        return TokenKind::Number;
    }
    if token.contains(['@', '/']) {
        return TokenKind::Word;
    }
    // "Maj.-Gen", "Lt.-Col", "R-S.C": the part after the last hyphen decides.
    let mut word = token.rsplit('-').next().unwrap_or(token);
    if word.is_empty() {
        return TokenKind::Word;
    }
    if in_list(NEVER_SPLIT, word) {
        return TokenKind::Never;
    }
    if word.contains('.') {
        if is_dotted_acronym(word) {
            return TokenKind::Acronym;
        }
        // "Tuesday.Mr" (missing space): the part after the last period decides.
        word = word.rsplit('.').next().unwrap_or(word);
    }
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    if word.chars().count() == 1 && word.chars().all(char::is_alphabetic) {
        TokenKind::Initial
    } else if capitalised && TITLES.contains(&word) {
        TokenKind::Title
    } else if in_list(AMBIGUOUS, word) {
        TokenKind::Ambiguous
    } else if in_list(NUMBER_ABBREVS, word) {
        TokenKind::NumberAbbrev
    } else {
        TokenKind::Word
    }
}

/// `U.S`, `a.m`, `J.R.R`, `Ph.D`: two or more parts of one or two letters joined by periods.
fn is_dotted_acronym(word: &str) -> bool {
    let mut parts = 0;
    for part in word.split('.') {
        let letters = part.chars().count();
        if !(1..=2).contains(&letters) || !part.chars().all(char::is_alphabetic) {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}
