//! Voice and speaker: whose words each sentence carries.
//!
//! Every scored unit gets a [`Voice`] — `direct_quote` (inside quotation marks), `reported` (attributed
//! speech without quotation marks) or `author` — and, for quoted voices, the `speaker` and reporting verb
//! when the sentence or its paragraph names them. The rules, in order:
//!
//! 1. **Quotation marks** are paired per paragraph: curly and straight double quotes, guillemets, and single
//!    quotes used as quotation marks (an opening mark after a space or bracket and before a letter; a
//!    closing mark after a letter and not before one, so apostrophes in "it's" or "Assad’s" never pair).
//!    A double quote left open at the end of a paragraph continues into the next paragraph when that one
//!    opens with a quotation mark, by news convention; together they form a *quote chain*.
//! 2. A quoted span is **speech** when it has at least four words, ends in punctuation inside the marks
//!    (`"No," he said.`), or continues a chain; otherwise it is a **scare quote** ('victory'), recorded but
//!    left in the author's voice.
//! 3. **Attribution** is looked for in the sentence text outside speech quotes: a reporting verb (said,
//!    told, added, asked, warned, accused, ... or "according to") with its speaker next to it — after the
//!    verb when it follows a quote (`"...," said Ismail al-Asali`), else the subject before it, skipping an
//!    appositive (`Mahmud Sharimo, another displaced Aleppo native, said`). A verb after "to" or a form of
//!    "be" ("hard to say", "truth be told") is not a report.
//! 4. A sentence with speech quotes is `direct_quote` when the quotes make up at least half its words or
//!    it has an attribution; one with an attribution and no speech quote is `reported`; the rest is
//!    `author`.
//! 5. **Speakers**: a direct quote without its own attribution takes the nearest one in its paragraph
//!    (earlier first), then in its quote chain. Pronouns ("he said") and descriptions ("the 22-year-old")
//!    resolve to the most recent named person speaker in the article; a surname alone ("Asali") resolves
//!    to the full name it was introduced with ("Ismail al-Asali").

use std::collections::HashMap;
use std::ops::Range;

use serde::Serialize;

use super::gazetteer::Gender;
use super::words::{WordList, WordSet};
use super::{Unit, UnitKind};

/// Whose words a sentence carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Voice {
    /// The writer's own words.
    #[default]
    Author,
    /// Words inside quotation marks, attributed to a speaker.
    DirectQuote,
    /// Attributed speech without quotation marks ("X said that ...", "according to X").
    Reported,
}

impl Voice {
    /// The name used in tables and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Voice::Author => "author",
            Voice::DirectQuote => "direct_quote",
            Voice::Reported => "reported",
        }
    }

    /// `"author"` or `"quoted"`: the two-way split used by article measures and comparisons, where
    /// direct and reported speech both carry someone else's judgement.
    pub fn side(self) -> &'static str {
        match self {
            Voice::Author => "author",
            Voice::DirectQuote | Voice::Reported => "quoted",
        }
    }
}

/// The voice of one unit and, for quoted voices, who speaks.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Attribution {
    /// Whose words the unit carries.
    pub voice: Voice,
    /// The speaker, resolved to the name the article introduced them with where possible.
    pub speaker: Option<String>,
    /// The speaker as the text names them in this sentence or paragraph ("he", "Asali", "the 22-year-old").
    pub mention: Option<String>,
    /// The reporting verb, lower case ("said", "told", "according to").
    pub reporting_verb: Option<String>,
    /// Byte spans (into the original text) of quoted speech inside the unit, without the marks.
    pub quotes: Vec<Range<usize>>,
    /// Byte spans of scare quotes inside the unit: short quoted fragments in the author's voice.
    pub scare_quotes: Vec<Range<usize>>,
}

/// [`REPORTING_VERBS`] as a set.
static REPORTING_VERB_SET: WordSet = WordSet::new(|| WordList::new(REPORTING_VERBS));
/// [`NAME_PARTICLES`] as a set.
static NAME_PARTICLE_SET: WordSet = WordSet::new(|| WordList::new(NAME_PARTICLES));
/// [`TITLES`] as a set (they are lower case).
static TITLE_SET: WordSet = WordSet::new(|| WordList::new(TITLES));
/// [`PLACE_WORDS`] as a set.
static PLACE_SET: WordSet = WordSet::new(|| WordList::new(PLACE_WORDS));
/// [`ORGANISATION_WORDS`] as a set.
static ORGANISATION_SET: WordSet = WordSet::new(|| WordList::new(ORGANISATION_WORDS));
/// [`CLAUSE_OPENERS`] as a set.
static CLAUSE_OPENER_SET: WordSet = WordSet::new(|| WordList::new(CLAUSE_OPENERS));

/// Verbs that introduce speech when they have a speaker beside them.
const REPORTING_VERBS: &[&str] = &[
    "accuse",
    "accused",
    "accuses",
    "acknowledged",
    "acknowledges",
    "added",
    "adds",
    "admits",
    "admitted",
    "alleged",
    "alleges",
    "announced",
    "announces",
    "answered",
    "argued",
    "argues",
    "asked",
    "asks",
    "asserted",
    "asserts",
    "blamed",
    "blames",
    "boasted",
    "bragged",
    "cautioned",
    "cautions",
    "charged",
    "claimed",
    "claims",
    "complained",
    "complains",
    "conceded",
    "concedes",
    "concluded",
    "concludes",
    "condemned",
    "confirmed",
    "confirms",
    "contended",
    "contends",
    "continued",
    "continues",
    "countered",
    "cried",
    "declared",
    "declares",
    "demanded",
    "denied",
    "denies",
    "emailed",
    "emphasised",
    "emphasized",
    "exclaimed",
    "explained",
    "explains",
    "insisted",
    "insists",
    "interjected",
    "joked",
    "lamented",
    "mused",
    "muses",
    "noted",
    "notes",
    "observed",
    "observes",
    "opined",
    "pleaded",
    "pleads",
    "pledged",
    "predicted",
    "predicts",
    "proclaimed",
    "proclaims",
    "quipped",
    "recalled",
    "recalls",
    "recounted",
    "reiterated",
    "reiterates",
    "remarked",
    "replied",
    "replies",
    "reported",
    "responded",
    "retorted",
    "said",
    "say",
    "says",
    "screamed",
    "shouted",
    "stated",
    "stressed",
    "stresses",
    "surmised",
    "tell",
    "tells",
    "testified",
    "testifies",
    "texted",
    "told",
    "tweeted",
    "tweets",
    "urged",
    "urges",
    "vowed",
    "vows",
    "warned",
    "warns",
    "whispered",
    "wondered",
    "writes",
    "wrote",
    "yelled",
];

/// Reporting verbs that are more often not about speech, unless a quotation is beside them
/// (`"...," Trump continued`).
const QUOTE_ONLY_VERBS: &[&str] = &["continued", "continues", "concluded", "concludes"];

/// Participles of saying that report for the subject of the clause they follow after a comma
/// ("Trump hit back in a statement, saying he had ...", "The campaign shrugged it off, telling
/// reporters ...").
const PARTICIPLES: &[&str] = &[
    "saying",
    "adding",
    "telling",
    "noting",
    "arguing",
    "writing",
    "explaining",
    "insisting",
    "warning",
    "declaring",
    "claiming",
    "stating",
    "tweeting",
    "asking",
];

/// Two-word verbs of reply that report beside a quotation (`"...," Trump went on`, "Clinton shot
/// back, “...”"): the verb and its particle.
const PHRASAL_VERBS: &[(&str, &str)] = &[
    ("went", "on"),
    ("goes", "on"),
    ("shot", "back"),
    ("shoots", "back"),
    ("fired", "back"),
    ("fires", "back"),
    ("hit", "back"),
    ("hits", "back"),
];

/// Words before a verb that make it an infinitive or passive, not a report ("hard to say", "be told").
const NOT_A_REPORT_BEFORE: &[&str] = &[
    "to", "be", "been", "being", "is", "are", "was", "were", "am", "a", "an", "the",
];

/// Words before the base forms "say" and "tell" that make them idiom or hypothesis, not a report
/// ("Time will tell", "Let me say", "You can tell").
const MODALS: &[&str] = &[
    "will", "would", "can", "could", "may", "might", "must", "shall", "should", "me", "us",
    "cannot", "can't", "won't", "couldn't", "wouldn't", "let",
];

/// Auxiliary and modal verbs: a phrase containing one has a verb of its own, so it is not a bare subject.
const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "may",
    "might", "must", "should", "did", "does", "do",
];

/// Auxiliaries and adverbs between a subject and its reporting verb ("Eze has said", "He later told").
const BEFORE_VERB: &[&str] = &[
    "has",
    "have",
    "had",
    "also",
    "later",
    "previously",
    "repeatedly",
    "again",
    "once",
    "often",
    "already",
    "then",
    "since",
    "reportedly",
    "publicly",
    "privately",
    "first",
    "recently",
    "simply",
];

const PERSON_PRONOUNS: &[&str] = &["he", "she", "him", "her"];
const OTHER_PRONOUNS: &[&str] = &["they", "we", "i", "it", "you"];

/// Whether a lower-case word is one of the pronouns a speaker can be.
fn is_pronoun(lower: &str) -> bool {
    PERSON_PRONOUNS.contains(&lower) || OTHER_PRONOUNS.contains(&lower)
}

/// Descriptions that refer back to the last named person ("the 22-year-old", "the father").
const BACK_REFERENCES: &[&str] = &[
    "man",
    "woman",
    "father",
    "mother",
    "teenager",
    "boy",
    "girl",
    "husband",
    "wife",
    "widow",
    "son",
    "daughter",
    "goalkeeper",
    "keeper",
    "player",
    "striker",
    "defender",
    "coach",
    "manager",
    "candidate",
    "nominee",
    "lawmaker",
    "congressman",
    "congresswoman",
    "lawyer",
    "attorney",
    "actor",
    "actress",
    "singer",
    "star",
    "veteran",
    "businessman",
    "businesswoman",
    "billionaire",
    "tycoon",
    "activist",
    "author",
    "writer",
    "novelist",
    "founder",
    "economist",
    "historian",
    "scientist",
    "doctor",
    "nurse",
    "teacher",
    "student",
    "pilot",
    "driver",
    "farmer",
    "victim",
    "survivor",
    "suspect",
    "witness",
];

/// Roles that stand for a person only when the article introduced someone in that role ("Ana Ruiz, a
/// spokeswoman for the ministry, ..." or "spokeswoman Ana Ruiz"); otherwise "the spokesman" is a
/// person of their own, kept as written, not whoever was named last.
const INTRODUCED_ROLES: &[&str] = &["spokesman", "spokeswoman", "spokesperson"];

/// The one of the [`INTRODUCED_ROLES`] a lower-case word is.
fn introduced_role(lower: &str) -> Option<&'static str> {
    INTRODUCED_ROLES.iter().find(|r| **r == lower).copied()
}

/// Paragraphs back within which a description ("the veteran goalkeeper") refers to a person named
/// before; further back, the description stands as the speaker.
const DESCRIPTION_REACH: usize = 3;

/// Words marking a name as an organisation rather than a person.
const ORGANISATION_WORDS: &[&str] = &[
    "Agency",
    "Army",
    "Association",
    "Authority",
    "Bank",
    "Command",
    "Commission",
    "Committee",
    "Council",
    "Court",
    "Department",
    "Forces",
    "Front",
    "Government",
    "Group",
    "Guard",
    "Institute",
    "League",
    "Ministry",
    "Movement",
    "News",
    "Observatory",
    "Office",
    "Organisation",
    "Organization",
    "Party",
    "Police",
    "Post",
    "Press",
    "Red",
    "Reuters",
    "Service",
    "Times",
    "Union",
    "United",
    "University",
    "Force",
    "Guards",
    "Corps",
    "Brigade",
    "Brigades",
    "Company",
    "Inc",
    "Ltd",
    "Network",
    "Foundation",
    "Fund",
    "Watch",
    "Board",
    "Bureau",
    "Agency",
    "Cabinet",
    "Parliament",
    "Senate",
    "Congress",
    "Assembly",
    "Administration",
    "Embassy",
    "Hospital",
    "Center",
    "Centre",
    "Convention",
    "Arena",
    "Staff",
    "Campaign",
    "Club",
    "Stadium",
    "Hotel",
    "Airport",
    "Church",
    "School",
    "College",
    "Media",
    "Caucus",
    "Coalition",
    "Alliance",
    "Society",
    "Federation",
    "Corporation",
    "Corp",
    "LLC",
    "Security",
    "Day",
    "Prize",
    "Award",
    "Monitor",
    "Journal",
    "Magazine",
    "Tribune",
    "Herald",
    "Radio",
    "Television",
    "Review",
    "Live",
    "Politics",
    "Illustrated",
    "Daily",
    "Weekly",
    "Online",
    "Broadcasting",
    "Channel",
    "Street",
];

/// Titles and ranks that precede a name and are not part of it ("Governor Elena Petrova").
const TITLES: &[&str] = &[
    "adm",
    "admiral",
    "ambassador",
    "archbishop",
    "ayatollah",
    "bishop",
    "brig",
    "brigadier",
    "capt",
    "captain",
    "cardinal",
    "chancellor",
    "chief",
    "col",
    "colonel",
    "commander",
    "cmdr",
    "councillor",
    "councilor",
    "councilman",
    "councilwoman",
    "dame",
    "deputy",
    "detective",
    "dr",
    "envoy",
    "father",
    "gen",
    "general",
    "gov",
    "governor",
    "imam",
    "inspector",
    "judge",
    "justice",
    "king",
    "lady",
    "lord",
    "lt",
    "lieutenant",
    "maj",
    "major",
    "mayor",
    "minister",
    "miss",
    "mr",
    "mrs",
    "ms",
    "pope",
    "premier",
    "president",
    "prime",
    "prince",
    "princess",
    "prof",
    "professor",
    "queen",
    "rabbi",
    "rep",
    "representative",
    "rev",
    "reverend",
    "secretary",
    "sen",
    "senator",
    "sgt",
    "sergeant",
    "sheikh",
    "sir",
    "sister",
    "vice",
    "leader",
    "speaker",
    "chairman",
    "chairwoman",
    "former",
    "democrat",
    "republican",
];

/// Words marking a capitalised run as a place or period rather than a person.
const PLACE_WORDS: &[&str] = &[
    "Avenue",
    "Bay",
    "City",
    "Coast",
    "County",
    "District",
    "East",
    "Gulf",
    "Island",
    "Islands",
    "Kingdom",
    "Lake",
    "Middle",
    "Mount",
    "North",
    "Ocean",
    "Province",
    "Republic",
    "River",
    "Road",
    "Sea",
    "South",
    "Square",
    "State",
    "States",
    "Street",
    "Valley",
    "West",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Capitalised words that open sentences and clauses, never a name.
const CLAUSE_OPENERS: &[&str] = &[
    "A",
    "After",
    "All",
    "An",
    "And",
    "As",
    "At",
    "But",
    "By",
    "During",
    "For",
    "From",
    "He",
    "Her",
    "His",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Many",
    "More",
    "Most",
    "No",
    "Not",
    "Of",
    "On",
    "One",
    "Our",
    "She",
    "Since",
    "So",
    "Some",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "To",
    "Under",
    "We",
    "What",
    "When",
    "While",
    "With",
    "Yet",
    // Prepositions and adverbs that open sentences, never part of a name.
    "Along",
    "Among",
    "Amid",
    "Across",
    "Also",
    "Before",
    "Both",
    "Despite",
    "Each",
    "Either",
    "Even",
    "Every",
    "Having",
    "Inside",
    "Instead",
    "Just",
    "Later",
    "Earlier",
    "Like",
    "Maybe",
    "Meanwhile",
    "Neither",
    "Now",
    "Only",
    "Outside",
    "Perhaps",
    "Still",
    "Then",
    "Unlike",
    "Wait",
    "Within",
    "Without",
    "Likewise",
    "Moreover",
    "Furthermore",
    "Nevertheless",
    "Otherwise",
    "Therefore",
    "Thus",
    "Indeed",
    "Overall",
    "Again",
];

/// Lower-case words allowed inside a person's or organisation's name.
const NAME_PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "bint", "abu", "de", "da", "del", "der", "van", "von", "la", "le",
    "of", "for", "and", "the",
];

/// One quoted span of a paragraph.
#[derive(Debug, Clone)]
struct Quote {
    /// Inner span, without the marks.
    inner: Range<usize>,
    /// Whether it is speech (else a scare quote).
    speech: bool,
    /// Whether it was still open at the end of the paragraph.
    open_at_end: bool,
    /// Whether a word (not punctuation or the sentence start) comes right before the opening mark
    /// ("and “a lot of patience”"): a partial quote woven into someone else's sentence.
    embedded: bool,
}

fn is_double_open(c: char) -> bool {
    matches!(c, '“' | '„' | '«' | '‹')
}

fn is_double_close(c: char) -> bool {
    matches!(c, '”' | '»' | '›')
}

/// Whether `c` can start a quotation mark of either family.
pub fn is_quote_mark(c: char) -> bool {
    is_double_open(c) || is_double_close(c) || matches!(c, '"' | '\'' | '‘' | '’')
}

/// The characters of `block` that may be quotation marks, with their offsets: the straight quotes and
/// every non-ASCII character (the curly quotes and guillemets are all outside ASCII). Skipping the
/// rest by byte keeps the scan from decoding every character of every paragraph.
fn mark_candidates(block: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    block
        .bytes()
        .enumerate()
        // A byte of 0xC0 or more leads a multi-byte character.
        .filter(|&(_, b)| b == b'"' || b == b'\'' || b >= 0xC0)
        .filter_map(|(i, _)| block[i..].chars().next().map(|c| (i, c)))
}

/// Finds the quoted spans of one paragraph `text[para]`.
/// `next_opens` tells whether the next paragraph opens with a quotation mark, which continues a quote
/// left open here.
fn find_quotes(text: &str, para: Range<usize>, next_opens: bool) -> Vec<Quote> {
    let block = &text[para.clone()];
    let mut quotes = Vec::new();
    // Double quotes and guillemets first: they nest single quotes inside them.
    let mut open: Option<usize> = None;
    for (i, c) in mark_candidates(block) {
        let opens = is_double_open(c) || (c == '"' && open.is_none());
        let closes = is_double_close(c) || (c == '"' && open.is_some());
        if let (Some(start), true) = (open, closes) {
            quotes.push((start, i, false));
            open = None;
        } else if opens {
            open = Some(i + c.len_utf8());
        }
    }
    if let Some(start) = open {
        quotes.push((start, block.len(), true));
    }
    // Single quotes outside double quotes.
    let inside_double = |i: usize| quotes.iter().any(|&(s, e, _)| s <= i && i < e);
    let mut singles = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in mark_candidates(block) {
        if !matches!(c, '\'' | '‘' | '’') || inside_double(i) {
            continue;
        }
        let prev = block[..i].chars().next_back();
        let next = block[i + c.len_utf8()..].chars().next();
        let prev_is_word = prev.is_some_and(char::is_alphanumeric);
        let next_is_word = next.is_some_and(char::is_alphanumeric);
        let can_open = c != '’' && !prev_is_word && next_is_word;
        let can_close = c != '‘' && prev.is_some_and(|p| !p.is_whitespace()) && !next_is_word;
        match open {
            Some(start) if can_close => {
                singles.push((start, i, false));
                open = None;
            }
            None if can_open => open = Some(i + c.len_utf8()),
            _ => {}
        }
    }
    // A single quote left open counts when it opened the paragraph or the next paragraph reopens a
    // quote (the British-style multi-paragraph quote); otherwise the mark was an apostrophe ('90s, 'em).
    let first_len = block.chars().next().map_or(0, char::len_utf8);
    if let Some(start) = open {
        if start == first_len || next_opens {
            singles.push((start, block.len(), true));
        }
    }
    quotes.extend(singles);
    quotes.sort_by_key(|q| q.0);
    quotes
        .into_iter()
        .map(|(s, e, open_at_end)| {
            let inner = &block[s..e];
            // Only whether there are two, or four, words matters.
            let words = super::words::split(inner).take(4).count();
            let ends_in_punct = inner
                .trim_end()
                .ends_with(['.', ',', '?', '!', '…', ';', ':']);
            Quote {
                inner: para.start + s..para.start + e,
                speech: words >= 4 || ends_in_punct || open_at_end || s == first_len && words >= 2,
                // The opening mark may be two characters (''like this'', as the New York Times sets it).
                embedded: block[..s]
                    .trim_end_matches(is_quote_mark)
                    .trim_end()
                    .ends_with(char::is_alphanumeric),
                open_at_end,
            }
        })
        .collect()
}

/// A word of a sentence's text outside its speech quotes.
#[derive(Debug, Clone)]
struct Word<'a> {
    /// The word without surrounding punctuation, as written.
    text: &'a str,
    /// A placeholder for a speech quote.
    is_quote: bool,
    /// A comma follows the word.
    comma_after: bool,
    /// A clause boundary (; : . ! ? or a dash) follows the word.
    boundary_after: bool,
    /// A colon follows the word (it introduces a quotation).
    colon_after: bool,
    /// The word in lower case, made on first use: most words are lower case already, and the rules
    /// ask for the lower case of few capitalised ones.
    lower: std::cell::OnceCell<String>,
    /// The word has no upper-case letter (nor anything else `to_lowercase` could change).
    is_lower: bool,
    /// Starts with a capital, or is a prefixed surname such as "al-Asali".
    capitalised: bool,
    /// A hyphenated compound whose second part is lower case ("Thin-skinned", "Long-time").
    compound_adjective: bool,
    /// The word lies inside scare quotes ("the “Great Game”").
    in_scare: bool,
}

impl<'a> Word<'a> {
    fn new(text: &'a str) -> Word<'a> {
        // One pass over the bytes answers both questions asked of every word.
        let mut is_lower = true;
        let mut ascii = true;
        let mut hyphen = None;
        for (i, b) in text.bytes().enumerate() {
            if b == b'-' {
                hyphen.get_or_insert(i);
            } else if !b.is_ascii() {
                ascii = false;
            } else if !(b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'\'') {
                is_lower = false;
            }
        }
        // A curly apostrophe ("don’t") has no case either; any other non-ASCII letter might.
        if !ascii && is_lower {
            is_lower = text.chars().all(|c| {
                c == '’' || c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '\'')
            });
        }
        let mut adjective = false;
        let rest = match hyphen.map(|i| (&text[..i], &text[i + 1..])) {
            // The particles are ASCII, so ASCII case folding finds the same ones as to_lowercase.
            Some((prefix, rest))
                if NAME_PARTICLES
                    .iter()
                    .any(|p| prefix.eq_ignore_ascii_case(p)) =>
            {
                rest
            }
            Some((_, rest)) => {
                adjective = rest.starts_with(char::is_lowercase);
                text
            }
            _ => text,
        };
        Word {
            text,
            is_quote: false,
            comma_after: false,
            boundary_after: false,
            colon_after: false,
            capitalised: rest.starts_with(char::is_uppercase),
            compound_adjective: adjective,
            in_scare: false,
            lower: std::cell::OnceCell::new(),
            is_lower,
        }
    }

    fn lower(&self) -> &str {
        if self.is_lower {
            self.text
        } else {
            self.lower.get_or_init(|| self.text.to_lowercase())
        }
    }

    /// Starts with a capital, or is a prefixed surname such as "al-Asali".
    fn is_capitalised(&self) -> bool {
        self.capitalised
    }
}

/// A word without the punctuation around it, keeping inner hyphens and apostrophes and the apostrophe
/// of a plural possessive ("growers’").
fn word_core(raw: &str) -> &str {
    let keep = |c: char| c.is_alphanumeric() || c == '-' || c == '\'' || c == '’';
    let core = raw.trim_matches(|c: char| !keep(c));
    let trimmed = core.trim_matches(|c| c == '\'' || c == '’' || c == '-');
    let plural_possessive = trimmed.ends_with('s')
        && core.len() > trimmed.len()
        && core[core.find(trimmed).unwrap_or(0) + trimmed.len()..].starts_with(['\'', '’']);
    if plural_possessive {
        let start = core.find(trimmed).unwrap_or(0);
        let apostrophe = core[start + trimmed.len()..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        &core[start..start + trimmed.len() + apostrophe]
    } else {
        trimmed
    }
}

/// The words of `text[span]` with each speech quote replaced by one placeholder word.
/// Words inside `scare` quotes are marked (`Word::in_scare`): they are running text, but their
/// capitalised words are titles and terms, never people.
fn words_outside<'a>(
    text: &'a str,
    span: Range<usize>,
    speech: &[Range<usize>],
    scare: &[Range<usize>],
) -> Vec<Word<'a>> {
    // About six bytes a word in news text.
    let mut words = Vec::with_capacity(span.len() / 6 + 2);
    let mut pos = span.start;
    let mut segments = Vec::with_capacity(2 * speech.len() + 1);
    for q in speech {
        segments.push((pos..q.start.max(pos), false));
        segments.push((q.clone(), true));
        pos = q.end.max(pos);
    }
    segments.push((pos..span.end.max(pos), false));
    // Scare quotes as sorted, disjoint ranges, walked once alongside the words (which come in text
    // order): a sentence with thousands of stray quotation marks costs no more than one with two.
    let mut scare_union: Vec<Range<usize>> = scare.to_vec();
    scare_union.sort_by_key(|r| r.start);
    scare_union.dedup_by(|next, kept| {
        let overlaps = next.start <= kept.end;
        if overlaps {
            kept.end = kept.end.max(next.end);
        }
        overlaps
    });
    let mut scare_at = 0;
    for (seg, is_quote) in segments {
        if is_quote {
            words.push(Word {
                is_quote: true,
                ..Word::new("")
            });
            continue;
        }
        for raw in super::words::split(&text[seg]) {
            if matches!(raw, "-" | "--" | "–" | "—") {
                if let Some(last) = words.last_mut() {
                    last.boundary_after = true;
                }
                continue;
            }
            let core = word_core(raw);
            let tail = Punctuation::of(
                &raw[raw
                    .char_indices()
                    .rev()
                    .find(|(_, c)| c.is_alphanumeric())
                    .map(|(i, c)| i + c.len_utf8())
                    .unwrap_or(0)..],
            );
            if core.is_empty() {
                if let Some(last) = words.last_mut() {
                    last.comma_after |= tail.comma;
                    last.boundary_after |= tail.clause_end || tail.dot;
                }
                continue;
            }
            // The dot of "Sen." or of an initial ("J.") abbreviates; it does not end a clause.
            // So does the last dot of a dotted abbreviation ("U.S.", "D.C.").
            let abbreviation = tail.only_dot
                && (is_title(core) || core.chars().count() == 1 || core.contains('.'))
                || tail.dot && is_party_tag(core);
            let in_scare = !scare_union.is_empty() && {
                let at = core.as_ptr() as usize - text.as_ptr() as usize;
                while scare_union.get(scare_at).is_some_and(|r| r.end <= at) {
                    scare_at += 1;
                }
                scare_union.get(scare_at).is_some_and(|r| r.contains(&at))
            };
            words.push(Word {
                comma_after: tail.comma,
                boundary_after: tail.clause_end || tail.dot && !abbreviation,
                colon_after: tail.colon,
                in_scare,
                ..Word::new(core)
            });
        }
    }
    words
}

/// The punctuation after a word's last letter or digit, read byte by byte: every mark asked about is
/// ASCII, and ASCII bytes never occur inside a multi-byte character.
#[derive(Debug, Clone, Copy, Default)]
struct Punctuation {
    comma: bool,
    /// ; : ! or ?
    clause_end: bool,
    colon: bool,
    dot: bool,
    /// The tail is exactly ".".
    only_dot: bool,
}

impl Punctuation {
    fn of(tail: &str) -> Punctuation {
        let mut p = Punctuation {
            only_dot: tail == ".",
            ..Punctuation::default()
        };
        for b in tail.bytes() {
            match b {
                b',' => p.comma = true,
                b':' => {
                    p.colon = true;
                    p.clause_end = true;
                }
                b';' | b'!' | b'?' => p.clause_end = true,
                b'.' => p.dot = true,
                _ => {}
            }
        }
        p
    }
}

/// A reporting verb with the speaker mention found beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Found {
    verb: String,
    mention: String,
}

fn is_name_word(w: &Word) -> bool {
    // "Thin-skinned", "Long-time": a capitalised compound adjective, not a name.
    (w.is_capitalised() && !w.compound_adjective)
        || w.is_lower && NAME_PARTICLE_SET.contains(w.text)
        || !w.is_lower && NAME_PARTICLE_SET.contains(w.lower())
        || w.text
            .get(..3)
            .is_some_and(|p| p.eq_ignore_ascii_case("al-"))
}

/// The run of capitalised words (with name particles inside) that ends `words`, if any; particles
/// dangling at the end ("Peter Otieno of") are left out.
fn trailing_name(words: &[Word]) -> Option<String> {
    trailing_name_span(words).map(|r| join(&words[r]))
}

/// [`trailing_name`] as the range of its words in `words`.
fn trailing_name_span(words: &[Word]) -> Option<Range<usize>> {
    let mut end = words.len();
    while end > 0
        && !words[end - 1].is_quote
        && !words[end - 1].is_capitalised()
        && is_name_word(&words[end - 1])
    {
        end -= 1;
    }
    let words = &words[..end];
    let mut start = words.len();
    while start > 0 && is_name_word(&words[start - 1]) && !words[start - 1].is_quote {
        start -= 1;
    }
    // A name starts with a capitalised word, not a particle ("of", "the"), an opener or a title.
    while start < words.len()
        && (!words[start].is_capitalised()
            || CLAUSE_OPENER_SET.contains(words[start].text)
            || (is_title(words[start].text) && start + 1 < words.len()))
    {
        start += 1;
    }
    // A possessive inside the run ("The Post's Dana Milbank") ends the part before the name.
    if let Some(p) = (start..words.len().saturating_sub(1))
        .rev()
        .find(|&i| is_possessive(words[i].text))
    {
        start = p + 1;
    }
    // Titles inside the run ("Science Minister Grace Wanjiru") end the part before the name.
    if let Some(t) = (start..words.len())
        .rev()
        .find(|&i| is_title(words[i].text))
    {
        if t + 1 < words.len() {
            start = t + 1;
        }
    }
    (start < words.len()).then_some(start..words.len())
}

/// Whether a word is a title or rank, including hyphenated ones ("Maj.-Gen.", "Major-General").
fn is_title(word: &str) -> bool {
    // Titles are short lower-case ASCII words: a part is lower-cased into a small buffer and looked up,
    // and anything longer or not ASCII is no title. Most words are turned away by their first letter.
    let starts_a_title = word
        .as_bytes()
        .first()
        .is_some_and(|b| TITLE_SET.may_start_with(b.to_ascii_lowercase()));
    starts_a_title
        && word.split('-').all(|part| {
            let part = part.trim_end_matches('.');
            let mut buf = [0u8; 16];
            if part.len() > buf.len() || !part.is_ascii() {
                return false;
            }
            buf[..part.len()].copy_from_slice(part.as_bytes());
            buf[..part.len()].make_ascii_lowercase();
            std::str::from_utf8(&buf[..part.len()]).is_ok_and(|p| TITLE_SET.contains(p))
        })
}

fn join(words: &[Word]) -> String {
    words.iter().map(|w| w.text).collect::<Vec<_>>().join(" ")
}

/// The speaker after a verb that follows a quote: `said Ismail al-Asali, who ...`.
fn speaker_after(words: &[Word]) -> Option<String> {
    // "said in a follow-up interview": a preposition opens no speaker.
    if words
        .first()
        .is_some_and(|w| PHRASE_STOPS.contains(&w.lower()))
    {
        return None;
    }
    let end = phrase_end(words, 8);
    let np = &words[..end];
    if np.is_empty() {
        return None;
    }
    // "said the envoy, Marta Kowalczyk" / "said Downs Water’s operations director, Fiona McAllister": a
    // description followed by the name it describes.
    let described = trailing_name(np).is_none_or(|n| n.split_whitespace().count() < np.len());
    if described && np.last().is_some_and(|w| w.comma_after) {
        let rest = &words[end..];
        let next = &rest[..phrase_end(rest, 5)];
        if let Some(name) =
            trailing_name(next).filter(|n| n.split_whitespace().count() == next.len())
        {
            return Some(name);
        }
    }
    trailing_name(np).or_else(|| speaker_phrase(np))
}

/// Words that end a speaker phrase: relative pronouns and prepositions ("said Ali outside the court").
const PHRASE_STOPS: &[&str] = &[
    "who", "whose", "which", "that", "in", "on", "from", "at", "outside", "inside", "after",
    "before", "during", "as", "with", "when", "while", "near", "to", "by", "of", "about",
];

/// Length of the phrase at the start of `words`: up to `max` words, a comma, a clause boundary, a quote
/// or a stop word.
fn phrase_end(words: &[Word], max: usize) -> usize {
    let mut end = 0;
    while end < words.len() && end < max && !words[end].is_quote {
        if end > 0 && PHRASE_STOPS.contains(&words[end].lower()) {
            break;
        }
        end += 1;
        if words[end - 1].comma_after || words[end - 1].boundary_after {
            break;
        }
    }
    end
}

/// A phrase is a plausible speaker: a pronoun, or a short noun phrase.
fn speaker_phrase(np: &[Word]) -> Option<String> {
    if np.is_empty() || np.len() > 10 || np.iter().any(|w| w.is_quote) {
        return None;
    }
    Some(join(np))
}

/// The subject before a verb at `verb` (words before it, back to a quote or clause boundary), skipping
/// auxiliaries ("has said") and choosing the name in an appositive pair set off by commas
/// ("Mahmud Sharimo, another displaced Aleppo native, said"; "The museum's director, Paul Henshaw, told").
fn speaker_before(words: &[Word], verb: usize) -> Option<String> {
    let mut end = verb;
    // Auxiliaries, adverbs and a time phrase ("Hillary Clinton on Tuesday said") stand between the
    // subject and its verb.
    while let Some(w) = end.checked_sub(1).map(|e| &words[e]) {
        // ", then says": "then" after a comma coordinates, and stays for the rules below.
        if w.lower() == "then" && end >= 2 && words[end - 2].comma_after {
            break;
        }
        if BEFORE_VERB.contains(&w.lower())
            || w.is_lower && w.text.len() > 4 && w.text.ends_with("ly")
        {
            end -= 1;
        } else if super::gazetteer::is_time_word(w.text) {
            end -= 1;
            let opener = end.checked_sub(1).map(|e| words[e].lower());
            if opener.is_some_and(|o| matches!(o, "on" | "last" | "this" | "early")) {
                end -= 1;
            }
        } else {
            break;
        }
    }
    // "echoed by Gov. Ana Ruiz, who noted that": a relative clause's verb is said by the phrase
    // its "who" follows.
    if end >= 2 && words[end - 1].lower() == "who" && words[end - 2].comma_after {
        let seg = last_break_before(words, end - 2).map_or(0, |j| j + 1);
        if let Some(name) = trailing_name(&words[seg..end - 1]) {
            return Some(name);
        }
    }
    let mut start = end;
    while start > 0 && !words[start - 1].is_quote && !words[start - 1].boundary_after {
        start -= 1;
    }
    let clause = &words[start..end];
    // Comma-separated segments of the clause.
    let mut segments: Vec<&[Word]> = Vec::new();
    let mut seg_start = 0;
    for (i, w) in clause.iter().enumerate() {
        if w.comma_after {
            segments.push(&clause[seg_start..=i]);
            seg_start = i + 1;
        }
    }
    if seg_start < clause.len() {
        segments.push(&clause[seg_start..]);
    }
    // A party tag set off by commas ("Mitch Hale, R-Ky., said") belongs to the name before it.
    if segments.len() >= 2
        && segments
            .last()
            .is_some_and(|seg| seg.iter().all(|w| is_party_tag(w.text)))
    {
        segments.pop();
    }
    let mut last = *segments.last()?;
    // An age, a home town, a description or a relative clause, between a name and its verb.
    let aside = |seg: &[Word]| {
        seg.first()
            .is_some_and(|w| !w.is_capitalised() || w.text.bytes().all(|b| b.is_ascii_digit()))
            || seg.iter().all(|w| w.text.contains('.') || is_place(w.text))
    };
    // A segment set off by commas right before the verb is one half of an appositive pair (or an aside):
    // the speaker is whichever half is a name, else the half before it.
    if segments.len() >= 2 && last.last().is_some_and(|w| w.comma_after) {
        let before = segments[segments.len() - 2];
        // "Clinton, during a town hall in Columbus, Ohio, said": a place closing an aside is no speaker.
        if let Some(name) = leading_name(last).filter(|n| !is_place(n)) {
            return Some(name);
        }
        // "Harry Bond, 30, of Raleigh, N.C., who was among those polled, said": an age, a home
        // town, a description or a relative clause between the name and its verb.
        let n = segments.len();
        for seg in segments[n.saturating_sub(6)..n - 2].iter().rev() {
            if let Some(name) = opening_name(seg).filter(|m| !m.contains('.') && !is_place(m)) {
                if aside(before) {
                    return Some(name);
                }
            }
            if !aside(seg) {
                break;
            }
        }
        last = before;
    }
    // "Gary Emin, a former party chairman, became a delegate and said": a predicate of its own
    // between the subject's segment and "and"; the subject is the name before it.
    let coordinated = |seg: &[Word]| {
        seg.len() > 2 && matches!(seg[seg.len() - 1].lower(), "and" | "but" | "then")
    };
    // The name opening one of the segments before a subjectless predicate, past at most four asides.
    let opening_past_asides = |before: &[&[Word]]| {
        for seg in before.iter().rev().take(4) {
            if let Some(name) = opening_name(seg) {
                return Some(name);
            }
            if !aside(seg) {
                break;
            }
        }
        None
    };
    if segments.len() >= 2 && coordinated(last) && last[0].is_lower && !is_determiner(&last[0]) {
        if let Some(name) = opening_past_asides(&segments[..segments.len() - 1]) {
            return Some(name);
        }
    }
    // "Carson did not name his rivals, but told": a conjunction alone after the comma coordinates
    // with the clause before it.
    if segments.len() >= 2 && last.len() == 1 && matches!(last[0].lower(), "and" | "but" | "then") {
        let before = segments[segments.len() - 2];
        // "Clinton, who was speaking to mayors, did not name Trump, but told": a predicate with no
        // subject of its own before the conjunction; the subject is the name opening an earlier
        // segment, past asides.
        if before[0].is_lower && !is_determiner(&before[0]) {
            if let Some(name) = opening_past_asides(&segments[..segments.len() - 2]) {
                return Some(name);
            }
        }
        // "She brought the debt down in five years, but said": a pronoun opening the clause is its
        // subject, whatever its verb looks like.
        if is_pronoun(before[0].lower()) && before.len() > 1 {
            last = &before[..1];
        } else if let Some(mut v) = (1..before.len()).find(|&i| looks_like_verb(&before[i])) {
            // "Kasich jokingly offered": the adverb before the verb is not part of the subject.
            while v > 1 && before[v - 1].is_lower && before[v - 1].text.ends_with("ly") {
                v -= 1;
            }
            last = &before[..v];
        }
    }
    // "The commission rejected the claim and said": the subject is the phrase before the first verb.
    if coordinated(last) {
        let verb_at = (1..last.len() - 1).find(|&i| looks_like_verb(&last[i]));
        if let Some(v) = verb_at {
            last = &last[..v];
        }
    }
    if let Some(name) = trailing_name(last) {
        // "the Ghanaian", "the Pentagon": a one-word name after "the" is a description, kept whole.
        let the_one = last.len() == 2 && last[0].lower() == "the" && !name.contains(' ');
        return Some(if the_one { join(last) } else { name });
    }
    // A subject is short and has no verb of its own ("Insurers are expected to face heavy claims").
    let auxiliary = |w: &Word| AUXILIARIES.contains(&w.lower());
    if last.len() > 8 || last.iter().any(auxiliary) {
        return None;
    }
    speaker_phrase(last)
}

/// The name that opens `segment`, when it opens with one ("Priya Nair of the firm Kestrel").
fn leading_name(segment: &[Word]) -> Option<String> {
    let mut start = 0;
    while start < segment.len() && is_title(segment[start].text) {
        start += 1;
    }
    let mut end = start;
    while end < segment.len()
        && segment[end].is_capitalised()
        && !CLAUSE_OPENER_SET.contains(segment[end].text)
    {
        end += 1;
        if segment[end - 1].comma_after || segment[end - 1].boundary_after {
            break;
        }
    }
    let name = &segment[start..end];
    (!name.is_empty() && !is_possessive(name[0].text)).then(|| join(name))
}

/// Words that label a headline ("Exclusive: ...", "Poll: ...", "WATCH: ...") rather than name who
/// speaks in it.
const HEADLINE_LABELS: &[&str] = &[
    "analysis",
    "breaking",
    "check",
    "column",
    "commentary",
    "editorial",
    "exclusive",
    "explainer",
    "fact",
    "factbox",
    "interview",
    "letters",
    "listen",
    "live",
    "new",
    "news",
    "obituary",
    "opinion",
    "photo",
    "photos",
    "podcast",
    "poll",
    "polls",
    "profile",
    "quiz",
    "read",
    "report",
    "review",
    "study",
    "survey",
    "timeline",
    "transcript",
    "update",
    "updated",
    "video",
    "watch",
];

/// The speaker of a headline in the wire convention "Name: claim" ("Issa: Clinton's honesty is in
/// question", "Gov. Ana Ruiz: Roads reopen Monday"): a name of at most four words, titles before it
/// allowed, then a colon and a claim of at least two words. A label ("Exclusive:", "Poll:") or a
/// place before the colon is no speaker; an organisation is ("Pentagon: ...").
fn headline_speaker(words: &[Word]) -> Option<Found> {
    let colon = words.iter().take(6).position(|w| w.colon_after)?;
    let lead = &words[..=colon];
    let titles = lead.iter().take_while(|w| is_title(w.text)).count();
    let name = &lead[titles..];
    let is_name = (1..=4).contains(&name.len())
        && words.len() >= colon + 3
        && name.iter().all(|w| {
            !w.is_quote
                && w.is_capitalised()
                && !is_possessive(w.text)
                && !HEADLINE_LABELS
                    .iter()
                    .any(|l| w.text.eq_ignore_ascii_case(l))
                && !CLAUSE_OPENER_SET.contains(w.text)
        });
    let mention = join(name);
    (is_name && !is_place(&mention)).then(|| Found {
        verb: ":".into(),
        mention,
    })
}

/// Irregular past forms that open a predicate after a subject ("Lopez held up a sign", "it read").
const IRREGULAR_PAST: &[&str] = &[
    "began", "came", "felt", "gave", "got", "held", "kept", "left", "made", "put", "read", "sang",
    "saw", "sent", "spoke", "stood", "took", "thought", "went", "wrote",
];

/// A word that can be a subject's finite verb: a past or third-person form ("welcomed", "fumes"),
/// an irregular past, or a verb of saying.
fn looks_like_finite_verb(w: &Word) -> bool {
    let lower = w.lower();
    let third_person = lower.ends_with('s') && !lower.ends_with("ss") && lower.len() > 3;
    w.is_lower
        && (looks_like_past_or_report(lower)
            || third_person && lower.chars().all(|c| c.is_ascii_alphabetic()))
}

/// A lower-case word that reads as a past form ("praised", "spoke") or a verb of saying: the verbs of
/// [`looks_like_finite_verb`] without the third-person "-s", which plural nouns share.
fn looks_like_past_or_report(lower: &str) -> bool {
    lower.chars().all(|c| c.is_ascii_alphabetic())
        && (lower.ends_with("ed")
            || IRREGULAR_PAST.contains(&lower)
            || REPORTING_VERB_SET.contains(lower))
}

/// A rough test for a finite verb, enough to find where a subject phrase ends.
fn looks_like_verb(w: &Word) -> bool {
    let lower = w.lower();
    !w.is_capitalised()
        && (lower.ends_with("ed")
            || AUXILIARIES.contains(&lower)
            || matches!(
                lower,
                "made" | "gave" | "took" | "met" | "left" | "sent" | "held" | "won" | "lost"
            ))
}

fn is_determiner(w: &Word) -> bool {
    matches!(
        w.lower(),
        "a" | "an" | "the" | "another" | "one" | "his" | "her" | "their" | "its"
    )
}

/// Words that open a clause or join one, never the start of a speaker ("And he said", "which he said").
const LEADING_JUNK: &[&str] = &[
    "and", "but", "or", "so", "which", "while", "when", "as", "then", "because", "although",
    "though", "that", "who", "where", "yet", "now", "still", "also", "if", "after", "before",
    "since", "until", "whom", "between", "during", "in", "on", "at", "from", "over", "through",
];

/// Subordinators and prepositions after which a clause's own subject begins ("Years after Bill
/// Clinton claimed": the speaker is Bill Clinton).
const CLAUSE_BREAKS: &[&str] = &[
    "after", "before", "when", "since", "while", "until", "because", "as", "if", "that", "than",
];

/// A speaker mention as the rules found it, cleaned of what is never part of a speaker: leading
/// conjunctions and relative words, trailing adverbs and time words, a clause before the subject, a
/// pronoun subject's verb phrase, a party-and-state tag ("D-Va."). `None` when nothing is left, or what
/// is left is a time phrase ("Tuesday") or a demonstrative clause ("That's seven hours after").
fn clean_mention(mention: String) -> Option<String> {
    let mut words: Vec<&str> = mention.split_whitespace().collect();
    while words
        .first()
        .is_some_and(|w| LEADING_JUNK.contains(&w.to_lowercase().as_str()))
    {
        words.remove(0);
    }
    while words.last().is_some_and(|w| {
        let lower = w.to_lowercase();
        (lower.ends_with("ly") && lower.len() > 4 && *w == lower)
            || super::gazetteer::is_time_word(w) && words.len() > 1
            || is_party_tag(w)
            || lower.ends_with("n't")
            || matches!(lower.as_str(), "and" | "or")
    }) {
        words.pop();
    }
    // A clause before the subject: keep what follows its last break word.
    if let Some(b) = words
        .iter()
        .rposition(|w| CLAUSE_BREAKS.contains(&w.to_lowercase().as_str()))
    {
        if b + 1 < words.len() && b > 0 {
            words.drain(..=b);
        }
    }
    let first = words.first()?.to_lowercase();
    // "releasing a statement that": a participle phrase, not a subject.
    if first.ends_with("ing") && words[0] == first {
        return None;
    }
    if matches!(
        first.as_str(),
        "that’s" | "that's" | "it’s" | "it's" | "this" | "there"
    ) {
        return None;
    }
    // "Having announced ..., Judge Berman": a participle opening the sentence is no subject.
    if words.len() == 1 && matches!(first.as_str(), "having" | "being") {
        return None;
    }
    // "he’s predicted", "she'd said": the pronoun without its contracted auxiliary.
    for w in words.iter_mut() {
        if let Some(at) = w.find(['’', '\'']) {
            if is_pronoun(&w[..at].to_lowercase()) {
                *w = &w[..at];
            }
        }
    }
    let pronoun = |w: &str| is_pronoun(&w.to_lowercase());
    // A pronoun subject with words after it ("He criticized ..."): the pronoun is the subject.
    if words.len() > 1 && pronoun(words[0]) {
        words.truncate(1);
    }
    // A pronoun closing a longer phrase ("Listing several ventures she"): the pronoun.
    if words.len() > 1 && words.last().is_some_and(|w| pronoun(w)) {
        let last = words.len() - 1;
        words.drain(..last);
    }
    let cleaned = words.join(" ");
    (!cleaned.is_empty() && !super::gazetteer::is_time_phrase(&cleaned)).then_some(cleaned)
}

/// A US party-and-state tag after a name: "D-Va.", "R-Fla", "(I-Vt.)".
fn is_party_tag(word: &str) -> bool {
    let w = word.trim_matches(|c: char| c == '(' || c == ')' || c == '.' || c == ',');
    if w.as_bytes().get(1) != Some(&b'-') {
        return false;
    }
    let mut parts = w.splitn(2, '-');
    matches!(parts.next(), Some("D" | "R" | "I"))
        && parts
            .next()
            .is_some_and(|s| s.len() >= 2 && s.starts_with(char::is_uppercase))
}

/// Finds the first reporting verb in `words` that has a speaker beside it.
fn find_attribution(words: &[Word]) -> Option<Found> {
    // The first verb whose phrase was cleaned away, in case no later verb names anyone.
    let mut fallback = None;
    let mut in_subordinate = None;
    // Whether the clause of the word at `i` opens with a subordinator.
    let subordinate = |i: usize| {
        let start = (0..i)
            .rev()
            .find(|&j| words[j].is_quote || words[j].boundary_after)
            .map_or(0, |j| j + 1);
        SUBORDINATORS.contains(&words[start].lower())
    };
    for (i, w) in words.iter().enumerate() {
        if w.is_quote {
            continue;
        }
        // Most words are neither "according" nor a reporting verb: tell without lower-casing them.
        if w.text.eq_ignore_ascii_case("according")
            && words.get(i + 1).is_some_and(|n| n.lower() == "to")
        {
            let rest = &words[i + 2..];
            let mut end = 0;
            while end < rest.len() && end < 14 && !rest[end].is_quote {
                end += 1;
                if rest[end - 1].comma_after || rest[end - 1].boundary_after {
                    break;
                }
            }
            let np = &rest[..end];
            // "according to seismologist Kenji Watanabe" names a person; "according to a security source
            // and the Observatory" is a description, kept whole.
            let mention = if np.first().is_some_and(is_determiner) {
                speaker_phrase(np)
            } else {
                trailing_name(np).or_else(|| speaker_phrase(np))
            };
            if let Some(mention) = mention {
                return Some(Found {
                    verb: "according to".into(),
                    mention: clean_mention(mention).unwrap_or_default(),
                });
            }
            continue;
        }
        // Verbs are lower case in running text; "Said" is a name. "As Dana Milbank puts it" reports.
        let puts_it =
            matches!(w.text, "put" | "puts") && words.get(i + 1).is_some_and(|n| n.text == "it");
        // The cheap tests first: this runs for every word of every sentence.
        let participle = i > 0
            && words[i - 1].comma_after
            && w.text.ends_with("ing")
            && PARTICIPLES.contains(&w.text);
        let phrasal = words
            .get(i + 1)
            .is_some_and(|n| matches!(n.text, "on" | "back"))
            && PHRASAL_VERBS
                .iter()
                .any(|&(verb, particle)| w.text == verb && words[i + 1].text == particle)
            && words.iter().any(|w| w.is_quote);
        if !REPORTING_VERB_SET.contains(w.text) && !puts_it && !participle && !phrasal {
            continue;
        }
        // "a fact first reported by Ana Ruiz", "was confirmed by the ministry": a passive's agent
        // after "by" is the speaker.
        if w.text.ends_with("ed")
            && words.get(i + 1).is_some_and(|n| n.text == "by")
            && !w.comma_after
        {
            if let Some(mention) = speaker_after(&words[i + 2..]).and_then(clean_mention) {
                return Some(Found {
                    verb: w.lower().to_string(),
                    mention,
                });
            }
            continue;
        }
        if i > 0 && NOT_A_REPORT_BEFORE.contains(&words[i - 1].lower()) {
            continue;
        }
        // "The war continued": these verbs report speech only beside a quotation.
        if QUOTE_ONLY_VERBS.contains(&w.text) && !words.iter().any(|w| w.is_quote) {
            continue;
        }
        if matches!(w.text, "say" | "tell") && i > 0 && MODALS.contains(&words[i - 1].lower()) {
            continue;
        }
        // "All told, ..." and "Truth be told, ...": "told" with no one told.
        if w.text == "told" && (w.comma_after || i > 0 && words[i - 1].lower() == "all") {
            continue;
        }
        let after_quote = i > 0 && words[i - 1].is_quote;
        // A phrase found beside the verb makes an attribution; cleaning may leave no speaker of it
        // ("said Tuesday"), and then the report stands without one.
        // After a quote or at the start the speaker follows the verb; after a comma it may too
        // ("Between June and July, said Ana Ruiz, ..."), when the phrase before names no one.
        let inverted = !participle && i > 0 && words[i - 1].comma_after;
        // A participle's own subject is never after it: what follows is what was said.
        let after = (!participle && (after_quote || i == 0 || inverted))
            .then(|| speaker_after(&words[i + 1..]))
            .flatten();
        // "... for the EU, said Geert Wilders, founder of the party": a full name right after the
        // verb and closed by a comma or the sentence's end is the speaker, whatever comes before.
        let closed_name = after.as_ref().filter(|a| {
            let n = a.split_whitespace().count();
            let rest = &words[i + 1..];
            n >= 2
                && a.starts_with(char::is_uppercase)
                && rest.len() >= n
                && join(&rest[..n]) == **a
                && (rest.len() == n || rest[n - 1].comma_after || rest[n - 1].boundary_after)
        });
        let cleaned = if participle {
            // The participle reports for the subject opening its clause; with no name or pronoun
            // there, no one (the phrase before the comma is the clause's object or an adverbial).
            let found = clause_subject(&words[clause_start(words, i)..i]);
            let Some(found) = found else { continue };
            // "Democratic economists agree, noting": one capitalised word before a plural is a
            // group's modifier, not a subject before its verb.
            let one_word =
                !found.mention.contains(' ') && !is_pronoun(&found.mention.to_lowercase());
            if one_word && found.verb.ends_with('s') && !REPORTING_VERB_SET.contains(&found.verb) {
                continue;
            }
            Some(found.mention)
        } else if inverted && !after_quote && closed_name.is_some() {
            closed_name.cloned().and_then(clean_mention)
        } else if inverted && !after_quote {
            // The subject before the verb comes first; the phrase after only when it is a name.
            // ("..., said several observers": a description, when the phrase before is no subject.)
            let before = speaker_before(words, i);
            let subject_before = before.is_some();
            before
                .and_then(clean_mention)
                .or_else(|| {
                    after
                        .clone()
                        .filter(|a| !subject_before || a.starts_with(char::is_uppercase))
                })
                .and_then(clean_mention)
        } else {
            after.clone().and_then(clean_mention)
        };
        let (raw, cleaned) = match cleaned {
            Some(c) => (Some(c.clone()), Some(c)),
            None => {
                let before = speaker_before(words, i);
                let cleaned = before.clone().and_then(clean_mention);
                (before.or(after), cleaned)
            }
        };
        match cleaned {
            // "When someone in the audience shouted, “Cruz,” Beck joked": a report inside a
            // subordinate clause gives way to the main clause's, if it has one.
            Some(mention) if subordinate(i) => {
                in_subordinate.get_or_insert(Found {
                    verb: w.lower().to_string(),
                    mention,
                });
            }
            Some(mention) => {
                return Some(Found {
                    verb: w.lower().to_string(),
                    mention,
                })
            }
            None if raw.is_some() && fallback.is_none() => {
                fallback = Some(Found {
                    verb: w.lower().to_string(),
                    mention: String::new(),
                });
            }
            None => {}
        }
    }
    // "Weller puts it simply: “...”": a quotation introduced by a colon belongs to the clause's subject.
    let colon = words
        .iter()
        .position(|w| w.is_quote)
        .filter(|&q| q > 0 && words[q - 1].colon_after)
        .and_then(|q| colon_subject(&words[..q]));
    in_subordinate.or(colon).or(fallback)
}

/// Words opening a subordinate clause, whose report is background to the sentence's own.
const SUBORDINATORS: &[&str] = &[
    "when", "if", "after", "before", "although", "though", "while", "because", "since", "until",
    "once", "whenever",
];

/// The subject of the clause that `words` end with, a clause ending in a colon that introduces a
/// quotation ("Cruz continued:", "Weller puts it simply:"): a pronoun or the name that opens it, with
/// the verb after it.
fn colon_subject(words: &[Word]) -> Option<Found> {
    let q = words.len();
    if q == 0 || !words[q - 1].colon_after {
        return None;
    }
    let mut start = q - 1;
    while start > 0 && !words[start - 1].is_quote && !words[start - 1].boundary_after {
        start -= 1;
    }
    let mut clause = &words[start..q];
    // "The Times made these claims in February, and Breitbart News responded:": the lead-in is the
    // last of two coordinated clauses, whose own subject follows the comma and the conjunction.
    if let Some(c) = (1..clause.len().saturating_sub(2))
        .rev()
        .find(|&i| clause[i - 1].comma_after && matches!(clause[i].lower(), "and" | "but"))
    {
        let next = &clause[c + 1..];
        // Not a list of names with a serial comma ("Ruiz, Hale, and Marsh said:").
        let a_clause_before = clause[..c].iter().any(|w| w.is_lower);
        if a_clause_before && (is_pronoun(next[0].lower()) || opening_name(next).is_some()) {
            clause = next;
        }
    }
    // "As John Cornyn put it:", the subject after the "As"; "Along with the photo, he had posted:",
    // the subject after the adverbial.
    let opened = if clause[0].lower() == "as" {
        &clause[1..]
    } else {
        past_adverbial(clause)
    };
    if let Some(first) = opened.first().filter(|w| is_pronoun(w.lower())) {
        return Some(subject_at(opened, first.text.to_string()));
    }
    let opening = opening_name(opened);
    if let Some(name) = opening.clone().filter(|n| n.contains(' ')) {
        return Some(subject_at(opened, name));
    }
    // "Regional party leader Ana Ruiz issued the following statement:": a one-word opening is
    // as likely an adjective; the name right before the clause's first verb is the subject.
    if let Some(v) = opened
        .iter()
        .position(looks_like_finite_verb)
        .filter(|&v| v > 0)
    {
        if let Some(name) = trailing_name(&opened[..v]).filter(|n| n.contains(' ')) {
            return Some(Found {
                verb: opened[v].lower().to_string(),
                mention: name,
            });
        }
    }
    if let Some(name) = opening {
        return Some(subject_at(opened, name));
    }
    // "... doesn't surprise pollster Daron Shaw:": a person's name just before the colon.
    let name = trailing_name(clause)?;
    let person =
        name.split_whitespace().count() >= 2 && !is_place(&name) && !is_organisation(&name);
    person.then(|| Found {
        verb: ":".into(),
        mention: name,
    })
}

/// Whether a capitalised word opening a sentence is an adverb, a participle, a conjunction or a title
/// rather than a name ("Immediately", "Holding", "Then", "Former").
fn is_opening_adverbial(w: &Word) -> bool {
    let lower = w.lower();
    lower.ends_with("ly")
        || lower.ends_with("ing")
        || LEADING_JUNK.contains(&lower)
        || CLAUSE_OPENER_SET.contains(w.text)
        || is_title(lower)
        || IMPERATIVES.contains(&lower)
        || matches!(
            lower,
            "first" | "second" | "third" | "next" | "meanwhile" | "instead"
        )
}

/// Imperatives that open a line introducing a quotation or a clip ("Read the full statement:").
const IMPERATIVES: &[&str] = &[
    "read", "watch", "see", "listen", "look", "click", "note", "consider", "here", "below",
];

/// A clause without the adverbial phrase that opens it ("Immediately after the vote, Carla Mendes
/// issued": from "Carla"), when one is set off by a comma within its first eight words.
fn past_adverbial<'s, 'a>(clause: &'s [Word<'a>]) -> &'s [Word<'a>] {
    // "And Mr. Christie gloated:", "But in Iowa, Mrs. Clinton said": a conjunction opening the
    // sentence, set off by no comma, stands before the clause's own opening.
    let clause = match clause.split_first() {
        Some((w, rest))
            if !w.comma_after
                && matches!(w.lower(), "and" | "but" | "so" | "yet" | "or" | "then") =>
        {
            rest
        }
        _ => clause,
    };
    if !clause
        .first()
        .is_some_and(|w| is_opening_adverbial(w) && !is_pronoun(w.lower()))
    {
        return clause;
    }
    let Some(c) = clause.iter().take(8).position(|w| w.comma_after) else {
        return clause;
    };
    // "At an event in Ames, Iowa, on Sunday, Mrs. Clinton": the place and the time that finish the
    // adverbial, each set off by commas.
    let mut rest = &clause[c + 1..];
    for _ in 0..3 {
        let Some(c) = rest.iter().take(4).position(|w| w.comma_after) else {
            break;
        };
        let seg = join(&rest[..=c]);
        let seg = seg.trim_end_matches(',');
        let place = rest[..=c].iter().all(|w| w.is_capitalised()) && is_place(seg);
        let time = ["on ", "last ", "this ", "early ", "late "]
            .iter()
            .fold(seg, |s, p| s.strip_prefix(p).unwrap_or(s));
        if !place && !super::gazetteer::is_time_phrase(time) {
            break;
        }
        rest = &rest[c + 1..];
    }
    rest
}

/// The name opening a clause, unless it is a single word that reads as an adverbial.
fn opening_name(clause: &[Word]) -> Option<String> {
    let name = leading_name(clause)?;
    let single = !name.contains(' ');
    // "Mrs. Clinton" is a name after a title, not an adverbial.
    let titled = clause.first().is_some_and(|w| is_title(w.text));
    (!(single && !titled && clause.first().is_some_and(is_opening_adverbial))).then_some(name)
}

/// The subject of a sentence that carries a quotation but no verb of saying ("Ted Nordhaus, co-founder
/// of the institute, welcomed “...”", "“...,” Toomey fumed on Tuesday", "“...,” it read"): a name
/// or pronoun opening the clause that runs into the first quotation, else the one right after it,
/// followed by a lower-case word, its verb or an apposition. With `woven`, the quotations are partial
/// ones woven into the sentence ("He called it a “fundamental mistake”"), and only the subject
/// before the first of them counts.
fn quote_subject(words: &[Word], woven: bool) -> Option<Found> {
    let q = words
        .iter()
        .position(|w| if woven { w.in_scare } else { w.is_quote })?;
    let start = clause_start(words, q);
    let before = (start < q)
        .then(|| clause_subject(&words[start..q]))
        .flatten();
    before.or_else(|| (!woven).then(|| clause_subject(&words[q + 1..])).flatten())
}

/// The last word before `end` that ends a comma-separated segment (a comma, a clause boundary or a
/// quote after it), if any.
fn last_break_before(words: &[Word], end: usize) -> Option<usize> {
    (0..end)
        .rev()
        .find(|&k| words[k].comma_after || words[k].boundary_after || words[k].is_quote)
}

/// Where the clause that runs into the word at `q` starts.
fn clause_start(words: &[Word], q: usize) -> usize {
    let mut start = q;
    while start > 0 && !words[start - 1].is_quote && !words[start - 1].boundary_after {
        start -= 1;
    }
    start
}

/// The name or pronoun opening `seg`, followed by what looks like its verb or set off as an
/// apposition, as a [`Found`] whose verb is that next word.
fn clause_subject(seg: &[Word]) -> Option<Found> {
    let seg = past_adverbial(seg);
    let first = seg.first()?;
    let (mention, len) = if is_pronoun(first.lower()) {
        (first.text.to_string(), 1)
    } else {
        let name = opening_name(seg)?;
        let len =
            name.split_whitespace().count() + seg.iter().take_while(|w| is_title(w.text)).count();
        (name, len)
    };
    // The subject is set off as an apposition ("Ted Nordhaus, co-founder of ...,") or followed by
    // what looks like its verb.
    let named = &seg[len.saturating_sub(1)];
    let next = seg[len..]
        .iter()
        .find(|w| !BEFORE_VERB.contains(&w.lower()))
        .filter(|w| !w.is_quote && !w.in_scare)?;
    let verb_like = if len == 1 {
        looks_like_finite_verb(next)
    } else {
        next.is_lower && !matches!(next.lower(), "and" | "or" | "of" | "to" | "in")
    };
    if !named.comma_after && !verb_like {
        return None;
    }
    Some(Found {
        verb: next.lower().to_string(),
        mention: clean_mention(mention)?,
    })
}

/// The attribution whose subject `mention` opens `clause`: the word after it is the verb.
fn subject_at(clause: &[Word], mention: String) -> Found {
    let subject_len =
        mention.split_whitespace().count() + clause.iter().take_while(|w| is_title(w.text)).count();
    let verb = clause
        .get(subject_len)
        .map(|w| w.lower().to_string())
        .unwrap_or_else(|| ":".into());
    Found { verb, mention }
}

/// A hash map with a fast fixed-seed hash: the speaker tables are looked up for most capitalised words
/// of an article, and never iterated, so their order cannot reach the output.
type FastMap<K, V> = HashMap<K, V, foldhash::fast::FixedState>;
/// The set of [`FastMap`].
type FastSet<T> = std::collections::HashSet<T, foldhash::fast::FixedState>;

/// What the article has named so far, for resolving pronouns and surnames.
#[derive(Debug, Default)]
struct Speakers {
    /// Full names introduced, in order, with their number of words.
    names: Vec<(String, usize)>,
    /// For names of two or more words: the indices in `names` of those ending in a given word (its
    /// particle stripped, "Asali" for "al-Asali"), in order, and of the first one starting with a
    /// given word with the number of such names.
    by_last: FastMap<String, Vec<usize>>,
    by_first: FastMap<String, (usize, usize)>,
    /// Every name in `names`.
    known: FastSet<String>,
    /// People named so far, in the order of the text.
    people: Vec<Person>,
    /// The most recent speaker of any kind (person, organisation, group): name, paragraph.
    last_any: Option<(String, usize)>,
    /// People introduced in one of the [`INTRODUCED_ROLES`]: name, role, paragraph.
    roles: Vec<(String, &'static str, usize)>,
    /// The unit (sentence) being read: people named now are recorded with it.
    unit: usize,
}

/// A person named in the text, where, and whether as a speaker.
#[derive(Debug)]
struct Person {
    /// The full name.
    name: String,
    /// Index of the paragraph.
    paragraph: usize,
    /// Index of the unit (sentence) within the article.
    unit: usize,
    /// They spoke there (else they were only named).
    spoke: bool,
}

fn strip_particle(word: &str) -> &str {
    for prefix in ["al-", "Al-", "el-", "El-"] {
        if let Some(rest) = word.strip_prefix(prefix) {
            return rest;
        }
    }
    word
}

/// Whether a capitalised name is a place ("New Hampshire", "the White House"), not a person.
fn is_place(name: &str) -> bool {
    name.split_whitespace()
        .any(|w| PLACE_SET.contains(w) || super::gazetteer::is_place_word(w))
}

fn is_organisation(name: &str) -> bool {
    name.split_whitespace()
        .any(|w| ORGANISATION_SET.contains(w))
}

impl Speakers {
    /// The full name a shorter mention ("Asali", "Mwangi") refers to, if one was introduced.
    fn full_name(&self, mention: &str) -> Option<String> {
        if !mention.contains(' ') {
            return self.short_form(mention);
        }
        let same = |p: &str, w: &str| strip_particle(p).eq_ignore_ascii_case(strip_particle(w));
        // Only the names ending in the mention's last word can end in the whole mention.
        let candidates = self
            .by_last
            .get(strip_particle(mention.split_whitespace().next_back()?))?;
        let n_words = mention.split_whitespace().count();
        candidates
            .iter()
            .map(|&i| &self.names[i])
            .find(|(full, n)| {
                *n > n_words
                    && full
                        .split_whitespace()
                        .rev()
                        .zip(mention.split_whitespace().rev())
                        .all(|(p, w)| same(p, w))
            })
            .map(|(full, _)| full.clone())
    }

    /// [`Speakers::full_name`] of a one-word mention: the first introduced name it ends, else the
    /// one introduced name it starts. Runs for most capitalised words of an article, so it allocates
    /// nothing until it finds one.
    fn short_form(&self, word: &str) -> Option<String> {
        let found = self
            .by_last
            .get(strip_particle(word))
            .map(|v| v[0])
            .or_else(|| {
                self.by_first
                    .get(word)
                    .filter(|(_, count)| *count == 1)
                    .map(|(i, _)| *i)
            });
        found.map(|i| self.names[i].0.clone())
    }

    /// Records a name seen in the text; returns it in its full form.
    fn remember(&mut self, name: &str) -> String {
        if let Some(full) = self.full_name(name) {
            return full;
        }
        if !self.known.contains(name) {
            self.known.insert(name.to_string());
            let n = name.split_whitespace().count();
            if n > 1 {
                let i = self.names.len();
                if let Some(last) = name.split_whitespace().next_back() {
                    self.by_last
                        .entry(strip_particle(last).to_string())
                        .or_default()
                        .push(i);
                }
                if let Some(first) = name.split_whitespace().next() {
                    self.by_first.entry(first.to_string()).or_insert((i, 0)).1 += 1;
                }
            }
            self.names.push((name.to_string(), n));
        }
        name.to_string()
    }

    /// Records a person named outside quotes, the referent of a later "he said" when no speaker is nearer.
    /// A single word ("Pence", "Mr. Cruz" as "Cruz") counts only as a short form of a name already
    /// introduced: it brings that person back to mind without introducing anyone.
    fn mentioned(&mut self, name: &str, paragraph: usize) {
        let full = if name.contains(' ') {
            self.remember(name)
        } else {
            match self.short_form(name) {
                Some(full) => full,
                None => return,
            }
        };
        self.record(full, paragraph, false);
    }

    /// Records the people `words` introduce in one of the [`INTRODUCED_ROLES`]: "spokeswoman Ana Ruiz"
    /// and "Ana Ruiz, a spokeswoman for the ministry,".
    fn introduce_roles(&mut self, words: &[Word], paragraph: usize) {
        for (j, w) in words.iter().enumerate() {
            // Every role begins "spokes": most words are told apart by their first byte.
            if w.text.as_bytes().first().is_none_or(|b| b | 0x20 != b's') {
                continue;
            }
            let Some(role) = introduced_role(w.lower()) else {
                continue;
            };
            let after = leading_name(&words[j + 1..]).filter(|n| n.contains(' '));
            let before = || {
                let seg = last_break_before(words, j)?;
                if !words[seg].comma_after || j - seg > 6 {
                    return None;
                }
                let start = last_break_before(words, seg).map_or(0, |k| k + 1);
                trailing_name(&words[start..=seg])
            };
            if let Some(name) = after.or_else(before) {
                let full = self.full_name(&name).unwrap_or(name);
                self.roles.push((full, role, paragraph));
            }
        }
    }

    /// Records a person in the current unit, as a speaker or as someone only named.
    fn record(&mut self, name: String, paragraph: usize, spoke: bool) {
        self.people.push(Person {
            name,
            paragraph,
            unit: self.unit,
            spoke,
        });
    }

    /// Whom a pronoun in `paragraph` refers to, among the people of `gender` (any when `None`; a name
    /// the lists do not know agrees with either). The nearest sentence of this paragraph or the one
    /// before that names someone who agrees gives the referent: its speaker if they agree, else the
    /// first of them it names, its subject ("Groberg, 33, explained why he will not back Donald Trump.
    /// “...,” he said" is Groberg's). With nobody that near: the last speaker within three paragraphs,
    /// else whoever was named most recently.
    fn referent(&self, paragraph: usize, gender: Option<Gender>) -> Option<String> {
        // "he" and "she" are one person: never "Jeb Bush and Chris Christie".
        let agrees = |p: &&Person| {
            gender.is_none()
                || !p.name.contains(" and ")
                    && super::gazetteer::gender_of(&p.name).is_none_or(|g| Some(g) == gender)
        };
        let mut candidates = self.people.iter().rev().filter(agrees);
        if let Some(nearest) = candidates
            .clone()
            .next()
            .filter(|p| p.paragraph + 1 >= paragraph)
        {
            let mut in_unit = self
                .people
                .iter()
                .filter(|p| p.unit == nearest.unit)
                .filter(agrees);
            let speaker = in_unit.clone().find(|p| p.spoke);
            return speaker.or_else(|| in_unit.next()).map(|p| p.name.clone());
        }
        let speaker = candidates.clone().find(|p| p.spoke);
        match speaker {
            Some(p) if p.paragraph + 3 >= paragraph => Some(p.name.clone()),
            _ => candidates.next().map(|p| p.name.clone()),
        }
    }

    /// Records again, as named in this unit, the referent of the "he" or "she" that opens `words`.
    fn continue_subject(&mut self, words: &[Word], paragraph: usize) {
        let gender = match words.first().map(|w| w.lower()) {
            Some("he") => Gender::Male,
            Some("she") => Gender::Female,
            _ => return,
        };
        if let Some(referent) = self.referent(paragraph, Some(gender)) {
            self.record(referent, paragraph, false);
        }
    }

    /// Resolves a speaker mention in `paragraph` to a speaker, and remembers named people.
    fn resolve(&mut self, mention: &str, paragraph: usize) -> Option<String> {
        if mention.is_empty() {
            return None;
        }
        let words: Vec<&str> = mention.split_whitespace().collect();
        let lower = mention.to_lowercase();
        if PERSON_PRONOUNS.contains(&lower.as_str()) {
            let gender = if matches!(lower.as_str(), "he" | "him") {
                Gender::Male
            } else {
                Gender::Female
            };
            // The person a pronoun stands for spoke here: the next "He also said" is theirs, not
            // that of someone this sentence only names ("He said he and Trump differ").
            let referent = self.referent(paragraph, Some(gender))?;
            self.record(referent.clone(), paragraph, true);
            return Some(referent);
        }
        if matches!(lower.as_str(), "it" | "they") {
            // An organisation or group that spoke within the last three paragraphs.
            return self
                .last_any
                .as_ref()
                .filter(|(_, p)| p + 3 >= paragraph)
                .map(|(name, _)| name.clone());
        }
        if OTHER_PRONOUNS.contains(&lower.as_str()) {
            return None;
        }
        let first_lower = words.first().map(|w| w.to_lowercase()).unwrap_or_default();
        let capitalised = words
            .first()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
            && first_lower != "the";
        let capitalised = capitalised
            || words.first().is_some_and(|w| {
                w.contains('-')
                    && w.split('-')
                        .nth(1)
                        .is_some_and(|r| r.starts_with(char::is_uppercase))
            });
        if !capitalised {
            // "the 22-year-old", "the father", "the minister", "the Ghanaian": a person named before.
            let back_reference = first_lower == "the"
                && words.len() <= 3
                && words.iter().skip(1).any(|w| {
                    let lower = w.to_lowercase();
                    lower.ends_with("-year-old")
                        || BACK_REFERENCES.contains(&lower.as_str())
                        || is_title(w)
                        || w.starts_with(char::is_uppercase)
                            && (w.ends_with("ian") || w.ends_with("ese") || w.ends_with('i'))
                });
            let role = (first_lower == "the" && words.len() <= 3)
                .then(|| {
                    words
                        .iter()
                        .skip(1)
                        .find_map(|w| introduced_role(&w.to_lowercase()))
                })
                .flatten();
            if let Some(role) = role {
                let introduced = self
                    .roles
                    .iter()
                    .rev()
                    .take_while(|(_, _, p)| p + DESCRIPTION_REACH >= paragraph)
                    .find(|(_, r, _)| *r == role);
                return Some(
                    introduced.map_or_else(|| mention.to_string(), |(name, _, _)| name.clone()),
                );
            }
            if back_reference {
                // The person who last spoke nearby, else the one last named nearby ("his enmity
                // towards Soleimani. The 29-year-old said" is the speaker's); with nobody near, the
                // description itself.
                let near = |spoke: bool| {
                    self.people
                        .iter()
                        .rev()
                        .take_while(|p| p.paragraph + DESCRIPTION_REACH >= paragraph)
                        .find(|p| p.spoke || !spoke)
                        .map(|p| p.name.clone())
                };
                let near = near(true).or_else(|| near(false));
                return near.or_else(|| Some(mention.to_string()));
            }
            self.last_any = Some((mention.to_string(), paragraph));
            return Some(mention.to_string());
        }
        // "Democratic economists", "Senate Republicans said": a group described, not a person.
        if words
            .last()
            .is_some_and(|w| w.starts_with(char::is_lowercase))
        {
            self.last_any = Some((mention.to_string(), paragraph));
            return Some(mention.to_string());
        }
        let full = self.remember(mention);
        self.last_any = Some((full.clone(), paragraph));
        if !is_organisation(&full) && !is_place(&full) {
            self.record(full.clone(), paragraph, true);
        }
        Some(full)
    }
}

/// Whether a word ends in a possessive ("Cruz's", "Cruz’s").
fn is_possessive(word: &str) -> bool {
    word.ends_with("'s") || word.ends_with("’s")
}

/// A name without its possessive ending ("Cruz's" is "Cruz"). `strip_suffix` of a fixed byte string
/// builds no pattern searcher, which `trim_end_matches` of a `&str` does for every call.
fn without_possessive(word: &str) -> &str {
    let mut w = word;
    while let Some(rest) = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")) {
        w = rest;
    }
    w
}

/// Names of people in `words`, each handed to `emit`: runs of capitalised words (titles, openers,
/// places and organisations left out), possessives removed. A single word is a candidate short form
/// ("Pence"), for [`Speakers::mentioned`] to match against the names already introduced.
fn person_names(words: &[Word], mut emit: impl FnMut(&str)) {
    // The current run of name words is words[run.clone()].
    let mut run = 0..0;
    let mut flush = |run: &mut Range<usize>| {
        // A one-word run is only ever a short form of a name introduced before, which
        // `Speakers::mentioned` looks up: no need to read it as a name here.
        if run.len() == 1 {
            let w = &words[run.start];
            if w.is_capitalised() && !w.compound_adjective {
                let bare = without_possessive(w.text);
                emit(bare);
            }
            *run = run.end..run.end;
            return;
        }
        // The name is read off the words themselves, and only a name that passes every test is
        // built as a string: this runs for every run of capitalised words in the text.
        let run_words = &words[run.clone()];
        if let Some(span) = trailing_name_span(run_words) {
            let parts = run_words[span]
                .iter()
                .map(|w| w.text)
                .filter(|w| !is_party_tag(w));
            let count = parts.clone().count();
            let name = parts.enumerate().map(|(i, w)| {
                if i + 1 == count {
                    without_possessive(w)
                } else {
                    w
                }
            });
            // "Marta Lopez/Reuters" is a photo credit, "@handle" an account: not people in the text.
            let joined = name
                .clone()
                .any(|w| matches!(w, "and" | "of" | "for" | "the") || w.contains(['/', '@']));
            let not_a_person = joined
                || name.clone().any(|w| {
                    PLACE_SET.contains(w)
                        || super::gazetteer::is_place_word(w)
                        || ORGANISATION_SET.contains(w)
                });
            if count > 0 && !not_a_person {
                let mut full = String::new();
                for (i, w) in name.enumerate() {
                    if i > 0 {
                        full.push(' ');
                    }
                    full.push_str(w);
                }
                emit(&full);
            }
        }
        *run = run.end..run.end;
    };
    for (i, w) in words.iter().enumerate() {
        // "Republican Donald Trump and Democrat Hillary Clinton": two names, each flushed ("Lagos
        // State and the Niger Delta" stays one run, a place).
        let and_name = w.text == "and" && words.get(i + 1).is_some_and(|n| n.is_capitalised());
        if w.is_quote || w.in_scare || !is_name_word(w) || and_name {
            flush(&mut run);
            run = i + 1..i + 1;
            continue;
        }
        run.end = i + 1;
        if w.comma_after || w.boundary_after {
            flush(&mut run);
        }
    }
    flush(&mut run);
}

/// Whether a unit's attribution names someone (an attribution whose phrase was cleaned away has no
/// speaker to lend).
fn has_speaker(found: &Option<Found>) -> bool {
    found.as_ref().is_some_and(|f| !f.mention.is_empty())
}

fn count_words(text: &str, spans: &[Range<usize>]) -> usize {
    spans
        .iter()
        .map(|r| super::words::count(&text[r.clone()]))
        .sum()
}

fn intersect(a: &Range<usize>, b: &Range<usize>) -> Option<Range<usize>> {
    let r = a.start.max(b.start)..a.end.min(b.end);
    // Trim whitespace-only edges later; an empty intersection is none.
    (r.start < r.end).then_some(r)
}

/// Gives every scored unit of one article its [`Attribution`]. `paragraphs` are the article's paragraph
/// spans, indexed by `Unit::paragraph`.
pub fn attribute(text: &str, paragraphs: &[Range<usize>], units: &mut [Unit]) {
    let quotes: Vec<Vec<Quote>> = paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let next_opens = paragraphs
                .get(i + 1)
                .is_some_and(|n| text[n.clone()].starts_with(is_quote_mark));
            find_quotes(text, p.clone(), next_opens)
        })
        .collect();
    // Quote chains: a paragraph whose last quote is open continues into the next one if that opens
    // with a quotation mark.
    let mut chain = vec![0usize; paragraphs.len()];
    let mut next_chain = 1;
    for p in 0..paragraphs.len() {
        let continues = quotes[p].last().is_some_and(|q| q.open_at_end);
        if chain[p] == 0 && continues {
            chain[p] = next_chain;
            next_chain += 1;
        }
        if continues {
            if let Some(next) = paragraphs.get(p + 1) {
                if text[next.clone()].starts_with(is_quote_mark) {
                    chain[p + 1] = chain[p];
                }
            }
        }
    }
    let mut speakers = Speakers::default();
    // Pass 1: each unit's own quotes and attribution.
    let mut found: Vec<Option<Found>> = vec![None; units.len()];
    // A clause ending a paragraph with a colon ("Cruz continued:"), for the quotation that opens the
    // next one: its paragraph, the speaker it names, and the attribution.
    let mut lead_in: Option<(usize, Option<String>, Found)> = None;
    // The first scored sentence is the headline, or stands for it when the headline was not told apart.
    let mut first = true;
    for (k, unit) in units.iter_mut().enumerate() {
        if !unit.kind.is_scored() {
            continue;
        }
        speakers.unit = k;
        let span = unit.span();
        let para_quotes = &quotes[unit.paragraph];
        let mut speech = Vec::new();
        let mut scare = Vec::new();
        let mut all_embedded = true;
        for q in para_quotes {
            if let Some(part) = intersect(&q.inner, &span) {
                let part = super::structure::trim_span(text, part);
                if part.is_empty() {
                    continue;
                }
                if q.speech {
                    all_embedded &= q.embedded;
                    speech.push(part);
                } else {
                    scare.push(part);
                }
            }
        }
        // The sentence's length in words matters only beside speech quotes, which most lack.
        let total = if speech.is_empty() {
            1
        } else {
            super::words::count(&text[span.clone()]).max(1)
        };
        // Partial quotes woven into a sentence ("said the secret was patience and “a lot of it”") leave
        // the sentence in the voice of whoever frames them.
        let woven = !speech.is_empty() && all_embedded && count_words(text, &speech) * 2 < total;
        if woven {
            scare.append(&mut speech);
            scare.sort_by_key(|r| r.start);
        }
        let words = words_outside(text, span.clone(), &speech, &scare);
        speakers.introduce_roles(&words, unit.paragraph);
        let is_first = std::mem::replace(&mut first, false);
        // Speech woven into a sentence with no verb of saying is its subject's, when the subject is
        // a person named or a pronoun right before its verb.
        let attribution = find_attribution(&words)
            .or_else(|| woven.then(|| quote_subject(&words, true)).flatten())
            .or_else(|| is_first.then(|| headline_speaker(&words)).flatten());
        let quoted = count_words(text, &speech);
        let no_speech = speech.is_empty();
        let voice = if !speech.is_empty() && (quoted * 2 >= total || attribution.is_some()) {
            Voice::DirectQuote
        } else if attribution.is_some() && speech.is_empty() {
            Voice::Reported
        } else {
            Voice::Author
        };
        let mut a = Attribution {
            voice,
            quotes: if voice == Voice::DirectQuote {
                speech
            } else {
                Vec::new()
            },
            scare_quotes: scare,
            ..Attribution::default()
        };
        let mut attribution = attribution;
        // Words before this index were read for names already (those before the speaker's mention).
        let mut named_from = 0;
        if voice == Voice::DirectQuote && attribution.is_none() {
            // A quotation opening the paragraph after a colon lead-in is the lead-in's subject's.
            if let Some((p, speaker, f)) = &lead_in {
                if p + 1 == unit.paragraph && text[span.clone()].starts_with(is_quote_mark) {
                    a.speaker = speaker.clone();
                    a.mention = Some(f.mention.clone());
                    a.reporting_verb = Some(f.verb.clone());
                    attribution = Some(f.clone());
                }
            }
            if attribution.is_none() {
                if let Some(f) = quote_subject(&words, false) {
                    a.speaker = speakers.resolve(&f.mention, unit.paragraph);
                    a.mention = Some(f.mention.clone());
                    a.reporting_verb = Some(f.verb.clone());
                    attribution = Some(f);
                }
            }
        } else if voice != Voice::Author {
            if let Some(f) = &attribution {
                // People named earlier in the sentence ("Helen Ward chairs the board, but she said")
                // are candidates for its pronoun.
                // Not so for a closing attribution ("Mr. Hale fits that bill, he added"): the names
                // before it are in what is reported, and its pronoun looks further back.
                let first = f.mention.split_whitespace().next().unwrap_or("");
                let at = words.iter().position(|w| w.text == first);
                let closing = at
                    .is_some_and(|at| at > 0 && words[at - 1].comma_after && words.len() - at <= 5)
                    && is_pronoun(&first.to_lowercase());
                if let Some(at) = at.filter(|_| !closing) {
                    person_names(&words[..at], |name| {
                        speakers.mentioned(name, unit.paragraph)
                    });
                    named_from = at;
                }
                a.speaker = speakers.resolve(&f.mention, unit.paragraph);
                a.mention = (!f.mention.is_empty()).then(|| f.mention.clone());
                a.reporting_verb = Some(f.verb.clone());
            }
        }
        if no_speech && text[span.clone()].trim_end().ends_with(':') {
            lead_in = colon_subject(&words).and_then(|f| {
                let f = Found {
                    mention: clean_mention(f.mention)?,
                    ..f
                };
                Some((
                    unit.paragraph,
                    speakers.resolve(&f.mention, unit.paragraph),
                    f,
                ))
            });
        }
        // Headlines and headings are title case: their capitalised runs are seldom people.
        if matches!(unit.kind, UnitKind::Body | UnitKind::Standfirst) {
            // "He attacked his rivals, Hale and Diallo. He said": a sentence opening with "he" or
            // "she" keeps its referent the centre of attention, ahead of the people it names.
            let pronoun_resolved = a.mention.as_deref().is_some_and(|m| {
                words
                    .first()
                    .is_some_and(|w| m.eq_ignore_ascii_case(w.text))
            });
            if !pronoun_resolved {
                speakers.continue_subject(&words, unit.paragraph);
            }
            person_names(&words[named_from..], |name| {
                speakers.mentioned(name, unit.paragraph)
            });
        }
        found[k] = attribution.filter(|_| voice != Voice::Author);
        unit.attribution = a;
    }
    // Pass 2: direct quotes without their own attribution borrow the paragraph's, then the chain's.
    for k in 0..units.len() {
        if units[k].attribution.voice != Voice::DirectQuote
            || units[k].attribution.reporting_verb.is_some()
        {
            continue;
        }
        let para = units[k].paragraph;
        let donor = (0..k)
            .rev()
            .chain(k + 1..units.len())
            .find(|&j| units[j].paragraph == para && has_speaker(&found[j]))
            .or_else(|| {
                let c = chain[para];
                (c != 0)
                    .then(|| {
                        (0..units.len())
                            .find(|&j| chain[units[j].paragraph] == c && has_speaker(&found[j]))
                    })
                    .flatten()
            })
            .or_else(|| {
                // A quotation paragraph right after an attributed one continues that speaker
                // (`"...," Cruz said.` then `"..."`), when nothing in between speaks: every sentence
                // of it, and the next quotation paragraph after it in turn.
                let opens = text[paragraphs[para].clone()].starts_with(is_quote_mark);
                let before = (0..k)
                    .rev()
                    .find(|&j| units[j].kind.is_scored() && units[j].paragraph != para)?;
                (opens
                    && para > 0
                    && units[before].paragraph == para - 1
                    && (has_speaker(&found[before])
                        || units[before].attribution.voice == Voice::DirectQuote
                            && units[before].attribution.reporting_verb.is_some())
                    && units[before].attribution.speaker.is_some())
                .then_some(before)
            });
        if let Some(j) = donor {
            let (speaker, mention, verb) = (
                units[j].attribution.speaker.clone(),
                units[j].attribution.mention.clone(),
                units[j].attribution.reporting_verb.clone(),
            );
            let a = &mut units[k].attribution;
            a.speaker = speaker;
            a.mention = mention;
            a.reporting_verb = verb;
            continue;
        }
        // "Valastro praised the governor's record. / “We need someone who ...”": a paragraph that is
        // all quotation, after a one-sentence paragraph in the author's voice whose subject is a
        // named person, is that person's.
        let para_text = text[paragraphs[para].clone()].trim_end();
        let all_quoted = para_text.starts_with(is_quote_mark) && para_text.ends_with(is_quote_mark);
        if !all_quoted || para == 0 {
            continue;
        }
        // Units come in paragraph order: the paragraph before is the run just before this one's.
        let before: Vec<usize> = (0..k)
            .rev()
            .skip_while(|&j| units[j].paragraph == para)
            .take_while(|&j| units[j].paragraph == para - 1)
            .filter(|&j| units[j].kind.is_scored())
            .collect();
        let [j] = before[..] else { continue };
        if units[j].attribution.voice != Voice::Author || units[j].kind != UnitKind::Body {
            continue;
        }
        let words = words_outside(
            text,
            units[j].span(),
            &[],
            &units[j].attribution.scare_quotes,
        );
        let Some(subject) = clause_subject(&words) else {
            continue;
        };
        if is_pronoun(&subject.mention.to_lowercase()) || !looks_like_past_or_report(&subject.verb)
        {
            continue;
        }
        let full = speakers
            .full_name(&subject.mention)
            .unwrap_or(subject.mention.clone());
        if is_place(&full) || is_organisation(&full) {
            continue;
        }
        let a = &mut units[k].attribution;
        a.speaker = Some(full);
        a.mention = Some(subject.mention);
        a.reporting_verb = Some(subject.verb);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_fit_the_lookup_buffer_of_is_title() {
        for t in TITLES {
            assert!(
                t.len() <= 16 && t.is_ascii() && *t == t.to_lowercase(),
                "{t}"
            );
        }
        assert!(is_title("Maj.-Gen."));
        assert!(is_title("PRESIDENT"));
        assert!(!is_title("Presidente"));
        assert!(!is_title("Président"));
    }
}
