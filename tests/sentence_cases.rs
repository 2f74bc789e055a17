//! Sentence boundaries beyond the golden rules (issue 16, section 2), in cases of our own: a time of
//! day ending a sentence, currency abbreviations before an amount, an exclamation inside dashes.

use framing::segment::sentences::sentence_spans;

fn sentences(text: &str) -> Vec<&str> {
    sentence_spans(text).into_iter().map(|r| &text[r]).collect()
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
    for text in [
        "The vote is at 9 a.m. Tuesday in the old hall.",
        "The ferry leaves at 7 a.m. EST from the north pier.",
        "The raid began at 2 a.m. Kabul time and lasted an hour.",
    ] {
        assert_eq!(sentences(text), [text], "{text}");
    }
}

#[test]
fn a_currency_abbreviation_before_an_amount_ends_nothing() {
    for text in [
        "He was fined Rs. 5000 by the court.",
        "Tickets cost Ksh. 200 at the gate.",
    ] {
        assert_eq!(sentences(text), [text], "{text}");
    }
    // Before a word it is a word like any other.
    assert_eq!(
        sentences("The cheque was for many Rs. Nobody counted them."),
        ["The cheque was for many Rs.", "Nobody counted them."]
    );
}

#[test]
fn an_exclamation_or_question_inside_dashes_goes_on() {
    for text in [
        "The firm \u{2014} wow! \u{2014} doubled its profit.",
        "The mayor \u{2013} who else? \u{2013} cut the ribbon.",
    ] {
        assert_eq!(sentences(text), [text], "{text}");
    }
}
