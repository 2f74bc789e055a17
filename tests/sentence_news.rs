//! News-text cases for the sentence splitter: input → expected sentences, plus structural
//! property checks on the returned spans for every case.

use framing::segment::sentences::sentence_spans;

/// (name, input, expected sentences).
const CASES: &[(&str, &str, &[&str])] = &[
    // --- ranks and titles before names -------------------------------------------------
    (
        "hyphenated rank",
        "Iran vowed revenge for Maj.-Gen. Qasem Soleimani. The strike killed him.",
        &[
            "Iran vowed revenge for Maj.-Gen. Qasem Soleimani.",
            "The strike killed him.",
        ],
    ),
    (
        "lt-col",
        "The unit was led by Lt.-Col. Ahmed Karimi, officials said.",
        &["The unit was led by Lt.-Col. Ahmed Karimi, officials said."],
    ),
    (
        "brig gen",
        "Brig. Gen. Mark Smith spoke first. He was brief.",
        &["Brig. Gen. Mark Smith spoke first.", "He was brief."],
    ),
    (
        "sen gov rep",
        "Sen. Lindsey Graham met Gov. Ron DeSantis and Rep. Nancy Mace on Monday.",
        &["Sen. Lindsey Graham met Gov. Ron DeSantis and Rep. Nancy Mace on Monday."],
    ),
    (
        "dr mr mrs prof",
        "Dr. Jane Goodall, Mr. John Smith, Mrs. Ann Lee and Prof. Li Wei signed the letter.",
        &["Dr. Jane Goodall, Mr. John Smith, Mrs. Ann Lee and Prof. Li Wei signed the letter."],
    ),
    (
        "st as saint",
        "Crowds gathered in St. Peter's Square. The pope appeared at noon.",
        &["Crowds gathered in St. Peter's Square.", "The pope appeared at noon."],
    ),
    (
        "st as street ending a sentence",
        "The blast hit a cafe on Baker St. The owner was unhurt.",
        &["The blast hit a cafe on Baker St.", "The owner was unhurt."],
    ),
    (
        "military ranks",
        "Gen. Mark Milley, Col. Ann Wright, Capt. Tom Lee and Sgt. Maria Diaz attended.",
        &["Gen. Mark Milley, Col. Ann Wright, Capt. Tom Lee and Sgt. Maria Diaz attended."],
    ),
    (
        "navy and clergy",
        "Adm. John Aquilino and Cmdr. Sarah Cole met Rev. Al Sharpton.",
        &["Adm. John Aquilino and Cmdr. Sarah Cole met Rev. Al Sharpton."],
    ),
    (
        "jr mid sentence and at end",
        "Martin Luther King Jr. Day is a holiday. It honours Martin Luther King Jr. He was shot in 1968.",
        &[
            "Martin Luther King Jr. Day is a holiday.",
            "It honours Martin Luther King Jr.",
            "He was shot in 1968.",
        ],
    ),
    (
        "no 10",
        "A spokesman for No. 10 Downing Street declined to comment.",
        &["A spokesman for No. 10 Downing Street declined to comment."],
    ),
    (
        "no 1 and a real no",
        "She is ranked No. 1 in the world. Asked if she would retire, she said no. Then she left.",
        &[
            "She is ranked No. 1 in the world.",
            "Asked if she would retire, she said no.",
            "Then she left.",
        ],
    ),
    // --- dotted acronyms -------------------------------------------------------------
    (
        "us embassy",
        "Protesters gathered outside the U.S. Embassy in Baghdad on Tuesday.",
        &["Protesters gathered outside the U.S. Embassy in Baghdad on Tuesday."],
    ),
    (
        "un secretary-general",
        "U.N. Secretary-General Antonio Guterres urged restraint.",
        &["U.N. Secretary-General Antonio Guterres urged restraint."],
    ),
    (
        "us ends sentence before The",
        "Iran imposed sanctions on the U.S. The move came a day after the strike.",
        &[
            "Iran imposed sanctions on the U.S.",
            "The move came a day after the strike.",
        ],
    ),
    (
        "uk and eu ending sentences",
        "Trade talks resumed in the U.K. But progress with the E.U. was slow. It may take years.",
        &[
            "Trade talks resumed in the U.K.",
            "But progress with the E.U. was slow.",
            "It may take years.",
        ],
    ),
    (
        "acronym before pronoun",
        "The sanctions hurt the U.S. They also hurt Europe.",
        &["The sanctions hurt the U.S.", "They also hurt Europe."],
    ),
    (
        "am pm",
        "The strike happened at 1 a.m. Baghdad time. Officials spoke at 3 p.m. The death toll rose.",
        &[
            "The strike happened at 1 a.m. Baghdad time.",
            "Officials spoke at 3 p.m.",
            "The death toll rose.",
        ],
    ),
    (
        "pm followed by weekday",
        "Polls close at 8 p.m. Thursday, election officials said.",
        &["Polls close at 8 p.m. Thursday, election officials said."],
    ),
    (
        "acronym followed by number",
        "The U.S. 500 index fell.",
        &["The U.S. 500 index fell."],
    ),
    (
        "company abbreviations",
        "Apple Inc. Chief Executive Tim Cook spoke. Shares of Acme Corp. fell 3 percent. The market shrugged.",
        &[
            "Apple Inc. Chief Executive Tim Cook spoke.",
            "Shares of Acme Corp. fell 3 percent.",
            "The market shrugged.",
        ],
    ),
    (
        "month and state abbreviations",
        "The attack on Sept. 11 changed U.S. policy. He was born in Sacramento, Calif. His father was a soldier.",
        &[
            "The attack on Sept. 11 changed U.S. policy.",
            "He was born in Sacramento, Calif.",
            "His father was a soldier.",
        ],
    ),
    (
        "state in attribution",
        "\"We will not back down,\" said Sen. Lindsey Graham, R-S.C. The senator spoke for an hour.",
        &[
            "\"We will not back down,\" said Sen. Lindsey Graham, R-S.C.",
            "The senator spoke for an hour.",
        ],
    ),
    (
        "e.g. and vs.",
        "Some allies, e.g. France, objected. The final was Real Madrid vs. Liverpool.",
        &[
            "Some allies, e.g. France, objected.",
            "The final was Real Madrid vs. Liverpool.",
        ],
    ),
    (
        "intro time phrase before title",
        "Shortly after 5 p.m. Mr. Jones arrived. He met Mr. Smith at 9 a.m. Mr. Smith left.",
        &[
            "Shortly after 5 p.m. Mr. Jones arrived.",
            "He met Mr. Smith at 9 a.m.",
            "Mr. Smith left.",
        ],
    ),
    (
        "acronym before capitalised noun twice",
        "The U.S. Army said it would respond. The U.S. Navy agreed.",
        &["The U.S. Army said it would respond.", "The U.S. Navy agreed."],
    ),
    (
        "degree and month",
        "He earned a Ph.D. in physics. He was born on Jan. 5, 1990.",
        &["He earned a Ph.D. in physics.", "He was born on Jan. 5, 1990."],
    ),
    (
        "place acronym ends a sentence before a place",
        "Iran imposed sanctions on the U.S. Iran said more would follow.",
        &["Iran imposed sanctions on the U.S.", "Iran said more would follow."],
    ),
    // --- quotations ----------------------------------------------------------------------
    (
        "question with named attribution",
        "\"Why now?\" Ahmed asked. Nobody answered.",
        &["\"Why now?\" Ahmed asked.", "Nobody answered."],
    ),
    (
        "exclamation with pronoun attribution",
        "\"Get out!\" he shouted. The crowd fled.",
        &["\"Get out!\" he shouted.", "The crowd fled."],
    ),
    (
        "question with long attribution",
        "\"Where is the money?\" Prime Minister Imran Khan asked reporters.",
        &["\"Where is the money?\" Prime Minister Imran Khan asked reporters."],
    ),
    (
        "question quote followed by a starter is not an attribution",
        "\"Why?\" Because I said so.",
        &["\"Why?\"", "Because I said so."],
    ),
    (
        "question quote followed by new sentence",
        "\"Is this the end?\" The question hung in the air.",
        &["\"Is this the end?\"", "The question hung in the air."],
    ),
    (
        "multi-sentence quote straight",
        "\"We won. They lost,\" he said.",
        &["\"We won.", "They lost,\" he said."],
    ),
    (
        "multi-sentence quote curly",
        "“We won. They lost,” he said. Nobody cheered.",
        &["“We won.", "They lost,” he said.", "Nobody cheered."],
    ),
    (
        "guillemets",
        "«We won. They lost,» he said.",
        &["«We won.", "They lost,» he said."],
    ),
    (
        "closing quote after period straight",
        "He said \"no.\" Then he left.",
        &["He said \"no.\"", "Then he left."],
    ),
    (
        "closing quote after period curly",
        "He said “no.” Then he left.",
        &["He said “no.”", "Then he left."],
    ),
    (
        "single curly quotes",
        "She called it ‘a disaster.’ Her aides agreed.",
        &["She called it ‘a disaster.’", "Her aides agreed."],
    ),
    (
        "quote opening the next sentence",
        "The talks collapsed. “It is over,” a diplomat said.",
        &["The talks collapsed.", "“It is over,” a diplomat said."],
    ),
    (
        "curly apostrophes",
        "It’s the army’s biggest loss. The ministry didn’t comment.",
        &["It’s the army’s biggest loss.", "The ministry didn’t comment."],
    ),
    // --- ellipses ------------------------------------------------------------------------
    (
        "ellipsis before lower case",
        "He said the deal was... well, complicated.",
        &["He said the deal was... well, complicated."],
    ),
    (
        "unicode ellipsis before lower case",
        "The minister paused… then resumed.",
        &["The minister paused… then resumed."],
    ),
    (
        "ellipsis before capital",
        "The vote was delayed again… The opposition walked out.",
        &["The vote was delayed again…", "The opposition walked out."],
    ),
    (
        "four dots before capital",
        "Nobody expected it.... Markets fell sharply.",
        &["Nobody expected it....", "Markets fell sharply."],
    ),
    // --- numbers, money, times -------------------------------------------------------------
    (
        "decimals and money",
        "Inflation rose 3.5 percent in May. The deficit reached $1.2 billion.",
        &["Inflation rose 3.5 percent in May.", "The deficit reached $1.2 billion."],
    ),
    (
        "number ends sentence",
        "The death toll rose to 1,200. Rescuers kept digging.",
        &["The death toll rose to 1,200.", "Rescuers kept digging."],
    ),
    (
        "times",
        "The curfew runs from 10:30 p.m. to 5 a.m. on weekdays.",
        &["The curfew runs from 10:30 p.m. to 5 a.m. on weekdays."],
    ),
    (
        "year ends sentence",
        "The treaty was signed in 2015. Iran later breached it.",
        &["The treaty was signed in 2015.", "Iran later breached it."],
    ),
    // --- initials ------------------------------------------------------------------------
    (
        "middle initial",
        "President George W. Bush spoke at the ceremony.",
        &["President George W. Bush spoke at the ceremony."],
    ),
    (
        "initial p is not the page abbreviation",
        "Attorney General William P. Barr, who has spent weeks on the report, spoke.",
        &["Attorney General William P. Barr, who has spent weeks on the report, spoke."],
    ),
    (
        "spaced initials with A",
        "It is what F. A. Hayek called a common hazard. Few disagree.",
        &["It is what F. A. Hayek called a common hazard.", "Few disagree."],
    ),
    (
        "dotted initials",
        "J.R.R. Tolkien wrote the book. It sold millions.",
        &["J.R.R. Tolkien wrote the book.", "It sold millions."],
    ),
    (
        "world war i",
        "The border dates from World War I. It was redrawn in 1920.",
        &["The border dates from World War I.", "It was redrawn in 1920."],
    ),
    // --- headings, bylines, paragraphs ---------------------------------------------------
    (
        "heading without period",
        "Aleppo battle\nThe fighting continued into the night.",
        &["Aleppo battle", "The fighting continued into the night."],
    ),
    (
        "headline and byline",
        "Iran vows revenge\nBy Sarah Jones\nTehran has promised a response. It gave no details.",
        &[
            "Iran vows revenge",
            "By Sarah Jones",
            "Tehran has promised a response.",
            "It gave no details.",
        ],
    ),
    (
        "headline ending in acronym",
        "Soleimani killed in strike ordered by U.S.\nIran vows harsh revenge for the killing.",
        &[
            "Soleimani killed in strike ordered by U.S.",
            "Iran vows harsh revenge for the killing.",
        ],
    ),
    (
        "paragraphs",
        "First paragraph ends here.\n\nSecond paragraph starts here.",
        &["First paragraph ends here.", "Second paragraph starts here."],
    ),
    (
        "blank line without punctuation",
        "Breaking news\n\nMarkets fell",
        &["Breaking news", "Markets fell"],
    ),
    (
        "hard-wrapped prose",
        "The minister said the\nPresident would visit Kabul, and that\nthe talks would resume.",
        &["The minister said the\nPresident would visit Kabul, and that\nthe talks would resume."],
    ),
    (
        "windows line endings",
        "Aleppo battle\r\nThe fighting continued.\r\n",
        &["Aleppo battle", "The fighting continued."],
    ),
    // --- lists -----------------------------------------------------------------------------
    (
        "dash list",
        "The demands were:\n- a ceasefire\n- the release of prisoners\n- new elections",
        &[
            "The demands were:",
            "- a ceasefire",
            "- the release of prisoners",
            "- new elections",
        ],
    ),
    (
        "asterisk list",
        "Key points:\n* Oil rose 2 percent.\n* Gold fell.",
        &["Key points:", "* Oil rose 2 percent.", "* Gold fell."],
    ),
    (
        "bullet list",
        "What we know:\n• Five people died.\n• The airport is closed",
        &["What we know:", "• Five people died.", "• The airport is closed"],
    ),
    (
        "numbered list",
        "The plan has three steps.\n1. Stop the fighting.\n2. Open the roads.\n3. Hold talks.",
        &[
            "The plan has three steps.",
            "1. Stop the fighting.",
            "2. Open the roads.",
            "3. Hold talks.",
        ],
    ),
    (
        "lettered list",
        "Options:\na) sanctions\nb) talks",
        &["Options:", "a) sanctions", "b) talks"],
    ),
    (
        "inline bullets",
        "Politics • World • Business",
        &["Politics", "• World", "• Business"],
    ),
    // --- parentheses and brackets --------------------------------------------------------
    (
        "parenthetical with full stop inside",
        "The ministry (which declined to comment. It rarely does.) issued a statement.",
        &["The ministry (which declined to comment. It rarely does.) issued a statement."],
    ),
    (
        "parenthetical sentence between sentences",
        "The vote passed. (It was 5-4.) The opposition appealed.",
        &["The vote passed.", "(It was 5-4.)", "The opposition appealed."],
    ),
    (
        "agency credit",
        "WASHINGTON (Reuters) - The U.S. Senate voted on Friday. It passed.",
        &["WASHINGTON (Reuters) - The U.S. Senate voted on Friday.", "It passed."],
    ),
    (
        "brackets in quote",
        "\"They [the rebels] left. We stayed,\" he said.",
        &["\"They [the rebels] left.", "We stayed,\" he said."],
    ),
    // --- misc -------------------------------------------------------------------------------
    (
        "url and email",
        "Read more at www.reuters.com/world. Contact press@un.org. Thanks.",
        &["Read more at www.reuters.com/world.", "Contact press@un.org.", "Thanks."],
    ),
    (
        "missing space after period",
        "The talks failed.Both sides blamed each other.",
        &["The talks failed.", "Both sides blamed each other."],
    ),
    (
        "question and exclamation",
        "Will the truce hold? Few believe it will! Analysts are gloomy.",
        &["Will the truce hold?", "Few believe it will!", "Analysts are gloomy."],
    ),
    (
        "non-latin text",
        "Он сказал «нет». Потом ушёл. 他走了。",
        &["Он сказал «нет».", "Потом ушёл.", "他走了。"],
    ),
];

/// Checks the span contract: in order, non-overlapping, trimmed, non-empty, char-aligned, and
/// only whitespace outside the spans.
fn check_spans(name: &str, text: &str, spans: &[std::ops::Range<usize>]) {
    let mut prev_end = 0;
    for span in spans {
        assert!(span.start < span.end, "{name}: empty span {span:?}");
        assert!(
            span.start >= prev_end,
            "{name}: spans overlap or are out of order"
        );
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        let gap = &text[prev_end..span.start];
        assert!(
            gap.trim().is_empty(),
            "{name}: non-whitespace {gap:?} between spans"
        );
        let sentence = &text[span.clone()];
        assert_eq!(sentence, sentence.trim(), "{name}: span not trimmed");
        prev_end = span.end;
    }
    assert!(
        text[prev_end..].trim().is_empty(),
        "{name}: text lost at the end"
    );
}

#[test]
fn news_cases() {
    assert!(CASES.len() >= 50, "keep at least 50 news cases");
    let mut failures = Vec::new();
    for &(name, text, expected) in CASES {
        let spans = sentence_spans(text);
        check_spans(name, text, &spans);
        let got: Vec<&str> = spans.iter().map(|r| &text[r.clone()]).collect();
        if got != expected {
            failures.push(format!(
                "{name}\n  expected: {expected:?}\n  got:      {got:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "failing news cases:\n{}",
        failures.join("\n")
    );
}

#[test]
fn edge_inputs_keep_the_contract() {
    let long_run = "a.".repeat(50_000);
    let long_spaces = format!("{}x. Y.", " ".repeat(100_000));
    let edge_cases = [
        "",
        " ",
        "\n\n\t ",
        ".",
        "...",
        "?!",
        "\"",
        "( [ ) ]",
        "•",
        "1.",
        "a)",
        "U.S.",
        "Mr.",
        "… … …",
        ". . . .",
        "\u{feff}Hello. World.",
        "é. É. ü… Ö",
        "🙂. 🙂! 🙂? “🙂.” ‘🙂’",
        "\u{2028}line\u{2029}para",
        long_run.as_str(),
        long_spaces.as_str(),
    ];
    for text in edge_cases {
        let spans = sentence_spans(text);
        check_spans("edge", text, &spans);
    }
    assert!(sentence_spans("").is_empty());
    assert!(sentence_spans("  \n ").is_empty());
}

#[test]
fn random_inputs_keep_the_contract() {
    // Deterministic xorshift so failures reproduce; the alphabet is biased towards the
    // characters the rules look at.
    const ALPHABET: &[&str] = &[
        "a", "B", "I", "The", "U.S.", "Mr.", "No.", " ", " ", "\n", "\n\n", ".", ". ", "!", "?",
        "…", "...", ". . .", "\"", "“", "”", "‘", "’", "'", "«", "»", "(", ")", "[", "]", "•", "⁃",
        "-", "*", "1", "2.", "3)", "a)", "b.", "$", "@", "/", ",", "é", "ß", "🙂", "他", "\u{a0}",
        "\t", "\r", "\u{2028}",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..20_000 {
        let len = (next() % 40) as usize;
        let text: String = (0..len)
            .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
            .collect();
        let spans = sentence_spans(&text);
        check_spans("random", &text, &spans);
    }
}
