//! Sentence boundaries beyond the golden rules (issue 16, section 2), in cases of our own: a time of
//! day or a place acronym ending a sentence, currency abbreviations before an amount, "!" and "?"
//! inside a sentence, enumerations inside a line, citation markers, web addresses, full-width stops
//! and click letters.

use framing::segment::sentences::sentence_spans;

fn sentences(text: &str) -> Vec<&str> {
    sentence_spans(text).into_iter().map(|r| &text[r]).collect()
}

/// Each of `texts` is one sentence.
fn stays_whole(texts: &[&str]) {
    for text in texts {
        assert_eq!(sentences(text), [*text], "{text}");
    }
}

#[test]
fn a_time_of_day_ends_a_sentence_before_a_new_one() {
    assert_eq!(
        sentences("The polls closed at 8 p.m. Counting began at once."),
        ["The polls closed at 8 p.m.", "Counting began at once."]
    );
    assert_eq!(
        sentences("Trading stopped at 4 P.M. Brokers went home early."),
        ["Trading stopped at 4 P.M.", "Brokers went home early."]
    );
    // A day, a zone, a place with "time" or a title after it: the sentence goes on.
    stays_whole(&[
        "The vote is at 9 a.m. Tuesday in the old hall.",
        "The ferry leaves at 7 a.m. EST from the north pier.",
        "The raid began at 2 a.m. Kabul time and lasted an hour.",
    ]);
}

#[test]
fn a_currency_abbreviation_before_an_amount_ends_nothing() {
    stays_whole(&[
        "He was fined Rs. 5000 by the court.",
        "Tickets cost Ksh. 200 at the gate.",
    ]);
    // Before a word it is a word like any other.
    assert_eq!(
        sentences("The cheque was for many Rs. Nobody counted them."),
        ["The cheque was for many Rs.", "Nobody counted them."]
    );
}

#[test]
fn an_exclamation_or_question_inside_dashes_goes_on() {
    stays_whole(&[
        "The firm \u{2014} wow! \u{2014} doubled its profit.",
        "The mayor \u{2013} who else? \u{2013} cut the ribbon.",
    ]);
}

#[test]
fn a_dotted_acronym_ends_a_sentence_before_a_place_a_name_or_a_plural_subject() {
    assert_eq!(
        sentences("The deal was signed with the U.K. Ministers met again on Friday."),
        [
            "The deal was signed with the U.K.",
            "Ministers met again on Friday."
        ]
    );
    assert_eq!(
        sentences("Sanctions were lifted on the U.S. Iran said it would comply."),
        [
            "Sanctions were lifted on the U.S.",
            "Iran said it would comply."
        ]
    );
    assert_eq!(
        sentences("The envoy flew back to the U.N. Maria Lopez met him there."),
        [
            "The envoy flew back to the U.N.",
            "Maria Lopez met him there."
        ]
    );
    // An organisation named after the acronym: one sentence.
    stays_whole(&[
        "A statement from the U.S. Embassy said the road was closed.",
        "He joined the U.S. Marines two years later.",
        "The U.N. Security Council met on Monday.",
        "Officials at the U.S. Treasury Department declined to comment.",
    ]);
}

#[test]
fn enumerations_inside_a_line_are_cut_at_each_marker() {
    assert_eq!(
        sentences("1. Close the border 2. Count the ballots 3. Publish the results"),
        [
            "1. Close the border",
            "2. Count the ballots",
            "3. Publish the results"
        ]
    );
    assert_eq!(
        sentences("The council must decide: a) the budget b) the route c) the date"),
        [
            "The council must decide:",
            "a) the budget",
            "b) the route",
            "c) the date"
        ]
    );
    assert_eq!(
        sentences("The report asks for (i) more nurses (ii) new beds (iii) longer hours."),
        [
            "The report asks for",
            "(i) more nurses",
            "(ii) new beds",
            "(iii) longer hours."
        ]
    );
    // One number in prose, or numbers that do not count up: no list.
    stays_whole(&[
        "The vote was 5 to 3 in favour of the plan.",
        "He scored 2 goals in the 1. half and 4 in the second.",
        "Chapter (iv) was dropped from the bill.",
        "The rule is set out in paragraphs (1) and (2) of the act.",
    ]);
}

#[test]
fn a_citation_marker_after_the_full_stop_stays_with_its_sentence() {
    assert_eq!(
        sentences("The dam was finished in 1990.[3] Later it was raised."),
        ["The dam was finished in 1990.[3]", "Later it was raised."]
    );
    assert_eq!(
        sentences("The rate fell sharply, according to the study.7 8 Then it rose again."),
        [
            "The rate fell sharply, according to the study.7 8",
            "Then it rose again."
        ]
    );
    assert_eq!(
        sentences("It was widely reported.[12][13] The ministry denied it."),
        ["It was widely reported.[12][13]", "The ministry denied it."]
    );
    // A decimal is not a citation.
    let text = "Inflation was 2.5 percent in May.";
    assert_eq!(sentences(text), [text]);
}

#[test]
fn a_name_ending_in_an_exclamation_mark_goes_on() {
    stays_whole(&[
        "Shares in Yahoo! Japan rose on Tuesday.",
        "The host of Jeopardy! Alex Trebek died in 2020.",
        "Yum! Brands owns the chain.",
    ]);
}

#[test]
fn a_closing_parenthesis_after_a_quoted_exclamation_closes_the_sentence() {
    assert_eq!(
        sentences("(The crowd shouted \u{201c}Out!\u{201d}) Then the police arrived."),
        [
            "(The crowd shouted \u{201c}Out!\u{201d})",
            "Then the police arrived."
        ]
    );
    let text = "The chant (\u{201c}No more!\u{201d}) went on all night.";
    assert_eq!(sentences(text), [text]);
}

#[test]
fn web_addresses_keep_their_dots() {
    stays_whole(&[
        "Details are at www.Example.org and in print.",
        "The form is on Elections.Gov.uk today.",
        "Mail it to Office.Example.COM before noon.",
    ]);
    assert_eq!(
        sentences("Read it at www.example.com. The site is free."),
        ["Read it at www.example.com.", "The site is free."]
    );
}

#[test]
fn full_width_stops_end_sentences() {
    assert_eq!(
        sentences("The talks ended\u{ff0e}The ministers left\u{ff0e} Nobody spoke\u{ff01}"),
        [
            "The talks ended\u{ff0e}",
            "The ministers left\u{ff0e}",
            "Nobody spoke\u{ff01}"
        ]
    );
    assert_eq!(
        sentences("Was it fair\u{ff1f} The court will say\u{3002}"),
        ["Was it fair\u{ff1f}", "The court will say\u{3002}"]
    );
}

#[test]
fn a_click_letter_is_part_of_a_name() {
    stays_whole(&[
        "The !Kung live in the Kalahari.",
        "Linguists recorded !Xoo speakers in Botswana.",
    ]);
}
