//! Speakers on the error patterns measured on annotated real news (issue 16), each in sentences of our
//! own: pronouns never resolve to places, credits or markers; conjunctions and time phrases are never
//! part of a speaker; descriptions resolve to the person named nearby or stand as written; "he" and
//! "she" agree with their antecedent; a colon lead-in and an attributed paragraph lend their speaker to
//! the quotation that follows.

use framing::segment::{segment, Headline, Options};

/// The units of `text` segmented as body text (no headline, no standfirst).
fn units(text: &str) -> Vec<framing::segment::Unit> {
    let options = Options {
        headline: Headline::Absent,
        standfirst: false,
        furniture: &[],
    };
    segment(text, &options)
}

/// (voice, speaker, mention) of every quoted unit of `text`, in order.
fn speakers(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
    units(text)
        .into_iter()
        .filter(|u| u.kind.is_scored() && u.attribution.voice.side() == "quoted")
        .map(|u| {
            let a = u.attribution;
            (a.voice.as_str().to_string(), a.speaker, a.mention)
        })
        .collect()
}

/// Asserts that the last quoted unit of `text` is `speaker`'s.
fn assert_last_speaker(text: &str, speaker: &str) {
    let found = speakers(text);
    assert_eq!(
        found.last().and_then(|f| f.1.as_deref()),
        Some(speaker),
        "{text:?}: {found:?}"
    );
}

fn only_speaker(text: &str) -> Option<String> {
    let found = speakers(text);
    assert_eq!(found.len(), 1, "one quoted unit in {text:?}: {found:?}");
    found[0].1.clone()
}

#[test]
fn pronouns_never_resolve_to_a_place_or_a_photo_credit() {
    let text = "Prime Minister Justin Trudeau spoke in Ottawa on Friday. Critics in New Brunswick were unimpressed.\n\n\"We will not back down,\" he said.";
    assert_eq!(only_speaker(text).as_deref(), Some("Justin Trudeau"));
    let text = "Mayor Lena Fischer opened the bridge.\n\nPhoto: Marta Lopez/Reuters\n\n\"It took ten years,\" she said.";
    assert_last_speaker(text, "Lena Fischer");
    let text = "Governor Ruth Okafor toured Lagos State and the Niger Delta.\n\nContinued on Page 4\n\n\"The roads come first,\" she said.";
    assert_last_speaker(text, "Ruth Okafor");
}

#[test]
fn he_and_she_agree_in_gender_with_their_antecedent() {
    let text = "Maria Lopez met Tom Hale at the port.\n\n\"The deal is fair,\" she said.";
    assert_eq!(only_speaker(text).as_deref(), Some("Maria Lopez"));
    let text = "Tom Hale met Maria Lopez at the port.\n\n\"The deal is fair,\" he said.";
    assert_eq!(only_speaker(text).as_deref(), Some("Tom Hale"));
}

#[test]
fn conjunctions_and_relative_words_are_never_part_of_a_speaker() {
    for text in [
        "Helen Ward chairs the board. And she said the vote would wait.",
        "Helen Ward chairs the board, but she said the vote would wait.",
        "Helen Ward chairs the board, which she said would vote in May.",
    ] {
        let found = speakers(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        assert_eq!(found[0].2.as_deref(), Some("she"), "{text}");
        assert_eq!(found[0].1.as_deref(), Some("Helen Ward"), "{text}");
    }
}

#[test]
fn time_phrases_are_never_speakers() {
    // No one is named before: the pronoun stays unresolved rather than becoming "Tuesday".
    let found = speakers("\"It will pass,\" she told reporters Tuesday.");
    assert_eq!(found[0].1, None, "{found:?}");
    assert_eq!(
        only_speaker("Between June and July, said Ana Ruiz, the river rose twice.").as_deref(),
        Some("Ana Ruiz")
    );
    assert_eq!(
        only_speaker("\"We expect a recovery,\" the bank said on Tuesday.").as_deref(),
        Some("the bank")
    );
}

#[test]
fn descriptions_resolve_to_the_person_named_nearby_or_stay_as_written() {
    let text = "Tomas Berg joined the club in 2009.\n\nThe club lost on Sunday.\n\n\"We were not sharp,\" the veteran goalkeeper said.";
    assert_eq!(only_speaker(text).as_deref(), Some("Tomas Berg"));
    // Nobody named: the description is the speaker, not nobody.
    assert_eq!(
        only_speaker("\"Hold the line,\" the commander said.").as_deref(),
        Some("the commander")
    );
    assert_eq!(
        only_speaker("\"The road is open,\" a spokesman for the army said.").as_deref(),
        Some("a spokesman for the army")
    );
}

#[test]
fn an_attribution_closing_a_long_sentence_is_found() {
    let text = "The ministry will review the permits issued last year and publish the results by March, an official at the ministry said on Monday.";
    let found = speakers(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "reported");
    assert_eq!(found[0].1.as_deref(), Some("an official at the ministry"));
}

#[test]
fn a_colon_lead_in_and_an_attributed_paragraph_lend_their_speaker() {
    let text = "The hearing ran late.\n\nSenator Ines Duarte did not hold back:\n\n\u{201c}This agency has failed the people it serves. It must start again.\u{201d}";
    let found = speakers(text);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found.iter().all(|f| f.1.as_deref() == Some("Ines Duarte")),
        "{found:?}"
    );
    let text = "\"We will rebuild,\" said Omar Haddad, the mayor.\n\n\"Every school will reopen by autumn.\"";
    let found = speakers(text);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found.iter().all(|f| f.1.as_deref() == Some("Omar Haddad")),
        "{found:?}"
    );
}

#[test]
fn every_sentence_of_a_multi_sentence_quote_keeps_the_speaker() {
    // The quote is cut into its sentences (see the README); the attribution after the last one
    // gives its speaker, and the speaker as written, to every piece.
    let text = "\"We won the vote. They lost the argument. Now we govern,\" Maria Lopez, the party leader, said on Monday.";
    let found = speakers(text);
    assert_eq!(found.len(), 3, "{found:?}");
    for (voice, speaker, mention) in &found {
        assert_eq!(voice, "direct_quote");
        assert_eq!(speaker.as_deref(), Some("Maria Lopez"));
        assert_eq!(mention.as_deref(), Some("Maria Lopez"));
    }
    // A pronoun attribution: every piece resolves to the person, and keeps "he" as written.
    let text =
        "Governor Tomas Berg spoke first.\n\n\"The roads are open. The schools are not,\" he said.";
    let found = speakers(text);
    assert_eq!(found.len(), 2, "{found:?}");
    for (_, speaker, mention) in &found {
        assert_eq!(speaker.as_deref(), Some("Tomas Berg"));
        assert_eq!(mention.as_deref(), Some("he"));
    }
}

#[test]
fn more_verbs_of_saying_attribute_a_quote() {
    for (text, verb) in [
        ("\"The count is fair,\" Ana Ruiz notes.", "notes"),
        ("\"We are not done,\" Ana Ruiz continued.", "continued"),
        ("\"Nobody won,\" the judge exclaimed.", "exclaimed"),
        ("\"That is all,\" Ana Ruiz concluded.", "concluded"),
    ] {
        let units = units(text);
        let a = &units[0].attribution;
        assert_eq!(a.reporting_verb.as_deref(), Some(verb), "{text}");
        assert!(a.speaker.is_some(), "{text}");
    }
    // Without a quotation beside it, "continued" is no report.
    let text = "The war continued for two more years.";
    assert!(speakers(text).is_empty(), "{:?}", speakers(text));
}

#[test]
fn a_pronoun_prefers_the_person_named_in_its_own_paragraph_to_an_older_speaker() {
    // The speaker two paragraphs back is older than the person this paragraph names.
    let text = "\"We will appeal,\" Governor Tomas Berg said.\n\nThe hall emptied.\n\nLater that week, Senator Ana Ruiz spoke to reporters. It was, she said, the hardest vote of her career.\n\nThe hall emptied again.\n\nThen came the budget. Mayor Lena Fischer presented it. The plan, she said, was final.";
    let found = speakers(text);
    let names: Vec<Option<&str>> = found.iter().map(|f| f.1.as_deref()).collect();
    assert_eq!(
        names,
        [Some("Tomas Berg"), Some("Ana Ruiz"), Some("Lena Fischer")]
    );
}

#[test]
fn a_colon_inside_the_sentence_gives_the_quote_to_the_name_before_it() {
    let text = "The result did not surprise the pollster Maria Lopez: \"Late deciders always break for the challenger in this state.\"";
    assert_eq!(only_speaker(text).as_deref(), Some("Maria Lopez"));
    let text = "As Senator Ana Ruiz put it: \"Nobody in this chamber has read the whole bill before voting.\"";
    assert_eq!(only_speaker(text).as_deref(), Some("Ana Ruiz"));
}

#[test]
fn a_surname_alone_brings_its_person_back_as_the_antecedent() {
    // "Lopez" is Maria Lopez again: the "she" of the same paragraph is hers, not the contractor's, who
    // spoke two paragraphs before.
    let text = "Maria Lopez announced the plan on Monday.\n\n\"It is done,\" said Ana Ruiz, the contractor.\n\nThe site lies north of the river.\n\nIt was not clear whether Lopez would attend. She said she would decide later.";
    assert_last_speaker(text, "Maria Lopez");
    // A capitalised word nobody was introduced by is no one: the contractor stays the referent.
    let text = "\"It is done,\" said Ana Ruiz, the contractor.\n\nThe site lies north of the river.\n\nIt is unclear whether Riverside will pay. She said work would start soon.";
    assert_last_speaker(text, "Ana Ruiz");
}

#[test]
fn a_description_prefers_the_person_who_just_spoke_to_one_merely_named() {
    let text = "\"The river rose overnight,\" said Tomas Berg, a farmer who blames the dam built by Anders Lund.\n\nThe 52-year-old said the water reached his barn by dawn.";
    assert_last_speaker(text, "Tomas Berg");
    let found = speakers(text);
    assert_eq!(
        found.last().and_then(|f| f.2.as_deref()),
        Some("The 52-year-old")
    );
}

#[test]
fn a_quotation_without_a_verb_of_saying_belongs_to_the_subject_of_its_sentence() {
    let text = "Lena Brandt, who chairs the water board, welcomed \"a plan that finally puts the river first.\"";
    assert_eq!(only_speaker(text).as_deref(), Some("Lena Brandt"));
    let text = "Rival bids were opened in March.\n\n\"They should have asked us first,\" Okafor fumed on Tuesday.";
    assert_eq!(only_speaker(text).as_deref(), Some("Okafor"));
    // A pronoun subject resolves as after "said".
    let text = "Mayor Tom Hale opened the bridge.\n\nHe then appeared on local radio, saying, \"It took ten years and it was worth it.\"";
    assert_last_speaker(text, "Tom Hale");
    // A time phrase opening the sentence is nobody.
    let text = "\"It took ten years and it was worth it,\" said Tom Hale.\n\nIn July, \"the traffic simply vanished overnight and never came back.\"";
    let found = speakers(text);
    assert_ne!(
        found.last().and_then(|f| f.2.as_deref()),
        Some("July"),
        "{found:?}"
    );
}

#[test]
fn a_pronoun_takes_the_subject_of_the_nearest_sentence_that_names_someone() {
    // The pronoun's sentence follows one whose subject is Ruiz and whose object is Berg: Ruiz, not
    // the last name read, and not the speaker of two paragraphs before.
    let text = "\"We will appeal,\" said Tomas Lund, the lawyer.\n\nThe hearing was adjourned.\n\nCarlos Ruiz, who lost his farm in the flood, blamed Anders Berg for the delay. \"Nobody warned us,\" he said.";
    assert_last_speaker(text, "Carlos Ruiz");
    // A new subject in the paragraph after a quotation takes over from its speaker.
    let text = "\"We will appeal,\" said Tomas Lund, the lawyer.\n\nCarlos Ruiz disagreed. \"It is over,\" he said.";
    assert_last_speaker(text, "Carlos Ruiz");
}

#[test]
fn adverbs_participles_and_dotted_abbreviations_are_not_speakers() {
    // "Immediately" opens the sentence; the subject is the name after the comma.
    let text = "Immediately after the vote, Carla Mendes issued a statement: \"We accept the result and we move on.\"";
    let found = speakers(text);
    assert_ne!(
        found.last().and_then(|f| f.2.as_deref()),
        Some("Immediately"),
        "{found:?}"
    );
    // The stop of "U.S." does not end the speaker phrase.
    let text =
        "\"They went easy on him,\" said a former U.S. customs official who asked not to be named.";
    let found = speakers(text);
    assert!(
        found
            .last()
            .and_then(|f| f.1.as_deref())
            .is_some_and(|s| s.contains("customs official")),
        "{found:?}"
    );
    // "a pledged delegate" is no report, and a participle phrase is no subject.
    let text = "Ana Ruiz, a pledged delegate from Ohio, arrived on Monday.";
    assert!(speakers(text).is_empty(), "{:?}", speakers(text));
}

#[test]
fn a_name_keeps_its_verb_across_an_age_a_party_tag_a_time_phrase_or_an_inversion() {
    let text = "Jillian Moss, 27, a nurse in Dayton, said the clinic would close by spring.";
    assert_eq!(only_speaker(text).as_deref(), Some("Jillian Moss"));
    let text = "Sen. Paul Redding (D-R.I.), said the bill would not pass this year.";
    assert_eq!(only_speaker(text).as_deref(), Some("Paul Redding"));
    // A party tag between commas, in an inverted attribution after a quotation as before a report.
    let text = "\"That is not our view,\" Sen. Tom Harlan, R-Ky., said on Monday.";
    assert_eq!(only_speaker(text).as_deref(), Some("Tom Harlan"));
    // "Leader", "Speaker" and "Chairman" are titles, as "Senator" is.
    let text = "Senate Majority Leader Tom Harlan said the vote would wait until June.";
    assert_eq!(only_speaker(text).as_deref(), Some("Tom Harlan"));
    let text = "Rep. Dana Whitcomb, D-Ore., said the vote would wait until June.";
    assert_eq!(only_speaker(text).as_deref(), Some("Dana Whitcomb"));
    let text = "Governor Ines Valdez on Tuesday said the roads would reopen within a week.";
    assert_eq!(only_speaker(text).as_deref(), Some("Ines Valdez"));
    let text =
        "The result may have surprised the party more than anyone else, said several analysts.";
    assert_eq!(only_speaker(text).as_deref(), Some("several analysts"));
    // An imperative opening a colon line names nobody.
    let text = "Read the full statement:\n\n\"We regret the error and have corrected the record.\"";
    let found = speakers(text);
    assert!(
        found.iter().all(|f| f.2.as_deref() != Some("Read")),
        "{found:?}"
    );
}

#[test]
fn adjectives_openers_and_venues_are_not_people() {
    // "Thin-skinned" and "Former" are no part of a name; a convention or an arena is no "he".
    let text =
        "Thin-skinned Marco Vela rarely grants interviews.\n\n\"I have nothing to add,\" he said.";
    assert_eq!(only_speaker(text).as_deref(), Some("Marco Vela"));
    let text = "Former Mayor Piet Hols spoke first.\n\nDelegates then filled the Riverside Convention Center.\n\n\"We are ready,\" he said.";
    assert_last_speaker(text, "Piet Hols");
    let text = "Outside Carla Mendes's office, reporters waited.\n\n\"No comment,\" she said.";
    assert_last_speaker(text, "Carla Mendes");
}

#[test]
fn colon_lead_ins_and_as_someone_puts_it_name_the_speaker() {
    // The statement's author is the name before the lead-in's verb, past its titles.
    let text = "Regional party leader Ana Ruiz issued the following statement:\n\n\"Our thoughts are with the families tonight.\"";
    assert_last_speaker(text, "Ana Ruiz");
    // A pronoun after an opening adverbial.
    let text = "Mayor Tom Hale posted a photo of the bridge. Along with the photo, he had written: \"Ten years, and worth every one.\"";
    assert_last_speaker(text, "Tom Hale");
    // "As X puts it", a possessive before the name.
    let text = "As the Gazette's Lena Brandt puts it, \"the council has run out of excuses and out of money.\"";
    assert_eq!(only_speaker(text).as_deref(), Some("Lena Brandt"));
}

#[test]
fn names_joined_by_and_are_two_people_and_asides_between_name_and_verb_are_skipped() {
    // Both names are introduced, so "Vela" alone brings back Marco Vela.
    let text = "Republican Marco Vela and Democrat Ana Ruiz both gained.\n\nTom Hale said he would fight on.\n\nVela says that is good news. \"A growing party,\" he wrote.";
    assert_last_speaker(text, "Marco Vela");
    let text = "\"Both of them scare me,\" Harold Bonde, 30, of Dayton, Ohio, who was among those polled, said in an interview.";
    assert_eq!(only_speaker(text).as_deref(), Some("Harold Bonde"));
}

#[test]
fn names_in_scare_quotes_and_described_groups_are_no_antecedents() {
    let text = "Tomas Lund, an analyst in Oslo, studies the region.\n\nHarking back to the \"Great Game\" of the old empires, he says there is only one winner now.";
    assert_last_speaker(text, "Tomas Lund");
    let text = "\"We need more revenue,\" said Tomas Lund of the Budget Institute.\n\nDemocratic economists agree, noting the deficit. The plan, he added, is only a start.";
    assert_last_speaker(text, "Tomas Lund");
}

#[test]
fn main_clause_reports_and_closing_names_win_over_background_and_content() {
    // The report in the "When" clause is background; the sentence is Hale's.
    let text = "When a man in the crowd shouted, \"Resign,\" Tom Hale joked, \"Not before lunch.\"";
    let found = speakers(text);
    assert!(
        found.iter().all(|f| f.1.as_deref() == Some("Tom Hale")),
        "{found:?}"
    );
    // The content ends in a name ("the EU"); the speaker is the full name closing the sentence.
    let text = "The vote marks \"the beginning of the end\" for the EU, said Geert Vos, founder of the Freedom Party.";
    assert_eq!(only_speaker(text).as_deref(), Some("Geert Vos"));
    // A predicate of its own between the subject and "and said".
    let text = "Gary Emin, a former party chairman, became a delegate and said he leans toward the governor.";
    assert_eq!(only_speaker(text).as_deref(), Some("Gary Emin"));
}

#[test]
fn it_and_they_reach_back_three_paragraphs_to_a_body_that_spoke() {
    let text = "The Water Authority said the dam was safe.\n\nEngineers disagreed in private.\n\nThe river rose again overnight.\n\n\"The gates will hold,\" it said in a statement.";
    assert_last_speaker(text, "Water Authority");
}

#[test]
fn a_verb_after_comma_and_conjunction_shares_the_subject_before_it() {
    let text = "Lena Brandt did not name her rivals, but told supporters the state was in trouble.";
    assert_eq!(only_speaker(text).as_deref(), Some("Lena Brandt"));
}

#[test]
fn partial_quotations_woven_into_a_sentence_are_its_subjects_words() {
    let text = "Mayor Tom Hale opened the bridge.\n\nHe called the delay a \"national disgrace\" that \"nobody here will forget\" in a long speech to the council.";
    let found = speakers(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "reported");
    assert_eq!(found[0].1.as_deref(), Some("Tom Hale"));
    // A scare quote in the author's own sentence, with no person opening it, stays the author's.
    let text = "The so-called \"reform\" left the river as it was.";
    assert!(speakers(text).is_empty(), "{:?}", speakers(text));
}

#[test]
fn a_headline_name_before_a_colon_is_the_speaker_of_its_claim() {
    let text = "Hale: Clinton's honesty is in question\n\nRep. Marcus Hale spoke on Sunday.";
    let found = speakers(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1.as_deref(), Some("Hale"), "{found:?}");
    let text = "Gov. Ana Ruiz: Roads Will Reopen By Monday\n\nThe storm has passed.";
    assert_eq!(
        speakers(text).first().and_then(|f| f.1.as_deref()),
        Some("Ana Ruiz")
    );
    // Labels and places before a colon name nobody, nor does a colon later in the text.
    for text in [
        "Exclusive: Senators plan a new vote\n\nThe vote is set for May.",
        "WATCH: The debate in two minutes\n\nThe debate ran late.",
        "Iowa: Turnout rose in every county\n\nThe count ended at noon.",
        "The count ended at noon.\n\nHale: the result stands for now.",
    ] {
        assert!(speakers(text).is_empty(), "{text:?}: {:?}", speakers(text));
    }
}

#[test]
fn a_pronoun_that_spoke_stays_the_speaker_of_the_next_pronoun() {
    // "He said he and Okoro differ": Okoro is named after the speaker, so the next "He" is still
    // the one who spoke, not the last person named.
    let text = "Senator Paul Mensah is drawing sharp contrasts with his rival, Governor James Okoro.\n\nHe said he and Okoro differ on trade and on the courts.\n\nHe also asked whether voters would trust a candidate who changes his mind.";
    let found = speakers(text);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found.iter().all(|f| f.1.as_deref() == Some("Paul Mensah")),
        "{found:?}"
    );
}

#[test]
fn quotation_paragraphs_after_an_attributed_one_keep_its_speaker_in_every_sentence() {
    // The second sentence of a quotation paragraph does not open with a mark, and the third
    // paragraph follows one that borrowed its speaker: all of it is still Rosa Kim's.
    let text = "\u{201c}We will win this seat,\u{201d} Rosa Kim said on Friday.\n\n\u{201c}The plan is ready. It costs the city nothing at all.\u{201d}\n\n\u{201c}Voters know it, and they will show it.\u{201d}";
    let found = speakers(text);
    assert_eq!(found.len(), 4, "{found:?}");
    assert!(
        found.iter().all(|f| f.1.as_deref() == Some("Rosa Kim")),
        "{found:?}"
    );
}

#[test]
fn a_relative_clause_reports_for_the_name_its_who_follows() {
    let text = "The plan was backed by former Mayor Nadia Petrova, who publicly argued that the tunnel would pay for itself.";
    assert_eq!(only_speaker(text).as_deref(), Some("Nadia Petrova"));
}

#[test]
fn a_subjectless_predicate_before_but_leaves_the_subject_at_the_start() {
    let text = "Ines Carvalho, who was addressing the dockworkers' union, did not mention the governor by name, but told the crowd that the port belonged to them.";
    assert_eq!(only_speaker(text).as_deref(), Some("Ines Carvalho"));
}

#[test]
fn a_participle_of_saying_reports_for_the_subject_of_its_clause() {
    // The phrase before the comma is the clause's object, never the speaker.
    let text = "Lucia Ferrante criticised the port deal signed in Genoa, saying it would cost the city its jobs.";
    assert_eq!(only_speaker(text).as_deref(), Some("Lucia Ferrante"));
    let text = "Omar Haddad seemed ready to joke about the delay in Tripoli, telling the crowd, \u{201c}Some of us are still waiting for the bus.\u{201d}";
    assert_eq!(only_speaker(text).as_deref(), Some("Omar Haddad"));
    // No name or pronoun opens the clause: no speaker is invented from its object.
    let text = "The new rules were criticised across Lagos, saying nothing of the cost.";
    assert!(speakers(text).is_empty(), "{:?}", speakers(text));
}

#[test]
fn went_on_and_shot_back_report_beside_a_quotation() {
    let text = "\u{201c}You know, it happens,\u{201d} Ruth Adeyemi went on. \u{201c}But you get over it.\u{201d}";
    assert_eq!(speakers(text)[0].1.as_deref(), Some("Ruth Adeyemi"));
    let text = "Marek Nowak shot back, \u{201c}I never said that.\u{201d}";
    assert_eq!(only_speaker(text).as_deref(), Some("Marek Nowak"));
}

#[test]
fn a_place_closing_an_aside_is_never_the_speaker() {
    let text =
        "Amara Diallo, during a town hall meeting in Lyon, France, said the mines would stay open.";
    assert_eq!(only_speaker(text).as_deref(), Some("Amara Diallo"));
}

#[test]
fn a_passive_reports_for_its_agent_after_by() {
    let text = "She has not practised in a decade, a fact first reported by Kofi Mensah of the Daily Ledger.";
    assert_eq!(only_speaker(text).as_deref(), Some("Kofi Mensah"));
}

#[test]
fn a_fragment_in_two_apostrophe_marks_is_woven_into_the_sentence() {
    // ''Like this'' is how some papers set double quotation marks; a fragment after "citing" is
    // part of the subject's sentence, and the subject is the speaker, not the phrase after "said".
    let text = "Hanna Berg spoke on Friday.\n\nMs. Berg, citing ''the quiet strength of the city,'' said the candidate could win in the north.";
    let found = speakers(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "reported", "{found:?}");
    assert_eq!(found[0].1.as_deref(), Some("Hanna Berg"), "{found:?}");
}

#[test]
fn the_spokesman_is_the_one_introduced_as_such_or_stays_a_description() {
    let text = "Ana Ruiz, a spokeswoman for the ministry, said the talks would resume.\n\nThe spokeswoman added that no date had been set.";
    assert_eq!(speakers(text)[1].1.as_deref(), Some("Ana Ruiz"));
    let text = "A statement came from spokesman Tomas Brandt on Tuesday.\n\n\u{201c}We are ready,\u{201d} the spokesman said.";
    assert_eq!(only_speaker(text).as_deref(), Some("Tomas Brandt"));
    // Nobody was introduced as a spokesman: the one last named is not him.
    let text = "Prime Minister Karl Weber spoke on Monday.\n\n\u{201c}He disagrees with them,\u{201d} the spokesman said.";
    assert_eq!(only_speaker(text).as_deref(), Some("the spokesman"));
}

#[test]
fn then_after_a_comma_and_contracted_pronouns_keep_the_subject() {
    // ", then says" coordinates with the clause before, whose subject speaks, not the last name in it.
    let text = "Lena Sorensen spoke in Oslo.\n\nSorensen jokingly offered a reporter a job as Minister of Finance, then says she would welcome advice from anyone.";
    assert_eq!(speakers(text)[0].1.as_deref(), Some("Lena Sorensen"));
    // "he’s predicted": the pronoun without its contracted auxiliary.
    let text = "Viktor Hale won the vote in Aberdeen.\n\nAnd he\u{2019}s predicted big wins in the races ahead.";
    let found = speakers(text);
    assert_eq!(found[0].1.as_deref(), Some("Viktor Hale"), "{found:?}");
    assert_eq!(found[0].2.as_deref(), Some("he"), "{found:?}");
}

#[test]
fn an_opening_adverbial_with_its_place_and_time_is_no_subject() {
    // The town, the region and the day after an opening phrase finish it; the subject follows.
    let text = "At a campaign event in Tamale, Ghana, on Sunday, Mrs. Asante tried to expand on her remarks, saying the country should lead.";
    assert_eq!(only_speaker(text).as_deref(), Some("Asante"));
    let text = "Speaking at a town hall in Leeds, England, Maya Carter went after her rival, calling him \u{201c}a total stiff.\u{201d}";
    assert_eq!(only_speaker(text).as_deref(), Some("Maya Carter"));
    // An ordinal opening the sentence is no name.
    let text = "Maya Carter spoke next.\n\nFirst, Carter called the judge \u{201c}biased against every defendant\u{201d} in front of the whole jury.";
    assert_eq!(only_speaker(text).as_deref(), Some("Maya Carter"));
}

#[test]
fn a_quotation_paragraph_after_one_about_a_named_person_is_theirs() {
    let text = "Marco Valente praised the mayor's handling of the floods.\n\n\u{201c}We need someone who can cut through the noise and bring people together.\u{201d}";
    assert_eq!(only_speaker(text).as_deref(), Some("Marco Valente"));
    // A place or an organisation opening the paragraph before gives nobody.
    let text = "The Red Cross delivered tents to the valley.\n\n\u{201c}We need someone who can cut through the noise and bring people together.\u{201d}";
    assert_eq!(only_speaker(text), None);
}

#[test]
fn a_broadcaster_or_outlet_is_no_antecedent_for_a_description() {
    let text = "Mara Quinn stars in the new film.\n\nIn an interview with Coastline Live, the actress explained that the shoot took a year.";
    assert_eq!(only_speaker(text).as_deref(), Some("Mara Quinn"));
}

/// (speaker, reporting verb) of the only quoted unit of `text`.
fn speaker_and_verb(text: &str) -> (Option<String>, Option<String>) {
    let quoted: Vec<_> = units(text)
        .into_iter()
        .filter(|u| u.kind.is_scored() && u.attribution.voice.side() == "quoted")
        .collect();
    assert_eq!(quoted.len(), 1, "one quoted unit in {text:?}");
    let a = &quoted[0].attribution;
    (a.speaker.clone(), a.reporting_verb.clone())
}

#[test]
fn an_opening_conjunction_and_a_title_leave_the_colon_lead_in_its_subject_and_verb() {
    // "And" is no opening adverbial: the subject after it is the speaker, even with a comma close by.
    let text = "Councillor Dana Pruitt lost the vote. Tom Hale won it.\n\nAnd Ms. Pruitt conceded, tersely: \"The count was fair, and I accept it.\"";
    assert_last_speaker(text, "Dana Pruitt");
    let text = "But in Leeds, Mayor Ana Ruiz told the crowd: \"We will build the tram line.\"";
    assert_eq!(only_speaker(text).as_deref(), Some("Ana Ruiz"));
    // The verb comes after the title and the name, not at the name's own length.
    let text = "Dr. Ivo Marsh wrote: \"The trial has ended early.\"";
    assert_eq!(
        speaker_and_verb(text),
        (Some("Ivo Marsh".to_string()), Some("wrote".to_string()))
    );
}

#[test]
fn the_second_of_two_coordinated_clauses_leads_in_a_colon_quotation() {
    let text = "The Herald printed the claim in May, and the Gazette's editor Lena Brandt replied:\n\n\"We stand by every word we published.\"";
    assert_last_speaker(text, "Lena Brandt");
    // A list of names with a serial comma is not two clauses.
    let text = "Mayor Ana Ruiz, Tom Hale, and Ivo Marsh signed a letter. Ana Ruiz, Tom Hale, and Ivo Marsh wrote:\n\n\"The bridge must close.\"";
    assert_ne!(
        speakers(text).last().and_then(|s| s.1.clone()).as_deref(),
        Some("Ivo Marsh")
    );
}

#[test]
fn a_pronoun_opening_a_clause_is_the_subject_of_its_coordinated_verb_of_saying() {
    let text = "Dana Pruitt met the board on Friday.\n\nShe brought the debt down in five years, but said she could not promise more cuts.";
    assert_last_speaker(text, "Dana Pruitt");
}

#[test]
fn a_closing_pronoun_does_not_take_a_name_from_what_it_reports() {
    let text = "Tom Hale has run the shelter for a decade.\n\nMayor Ana Ruiz, who has promised a new shelter, fits the job well, he added.";
    assert_last_speaker(text, "Tom Hale");
}

#[test]
fn he_and_she_never_resolve_to_two_people_joined_by_and() {
    // The "He" opening the second sentence keeps Marsh the centre of attention, ahead of the two
    // rivals it names and who speak there.
    let text = "Governor Ivo Marsh spoke first.\n\nHe attacked his rivals, particularly Govs. Tom Hale and Omar Diallo, who say the plan is too costly.\n\nHe said the plan would pay for itself.";
    assert_last_speaker(text, "Ivo Marsh");
}
