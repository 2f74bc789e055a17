//! News structure through the whole segmenter, as `framing segment` runs it (headline detection on):
//! datelines in their common forms, headings and bylines on a line of their own, list items, and quotes
//! that end in "?" or "!" before their attribution. Each case lists every unit as (kind, display text).

use framing::segment::{display_text, segment, Options};

/// (name, input, expected units as (kind, display text)).
type Case = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

const CASES: &[Case] = &[
    (
        "reuters dateline inline",
        "GENEVA (Reuters) - The U.N. Security Council met on Friday. It issued no statement.",
        &[
            ("dateline", "GENEVA (Reuters) -"),
            ("body", "The U.N. Security Council met on Friday."),
            ("body", "It issued no statement."),
        ],
    ),
    (
        "afp dateline on its own line",
        "QAH (Syria) (AFP) –\n\nResidents fled the camp. Many returned later.",
        &[
            ("dateline", "QAH (Syria) (AFP) –"),
            ("body", "Residents fled the camp."),
            ("body", "Many returned later."),
        ],
    ),
    (
        "ap dateline with date and em dash",
        "BEIRUT, March 3 (AP) — Lebanon's army deployed in the south. The U.S. Embassy welcomed the move.",
        &[
            ("dateline", "BEIRUT, March 3 (AP) —"),
            ("body", "Lebanon's army deployed in the south."),
            ("body", "The U.S. Embassy welcomed the move."),
        ],
    ),
    (
        "headline then dateline",
        "Ceasefire holds in the north\n\nKYIV, Ukraine (AP) — Guns fell silent overnight. Officials were cautious.",
        &[
            ("headline", "Ceasefire holds in the north"),
            ("dateline", "KYIV, Ukraine (AP) —"),
            ("body", "Guns fell silent overnight."),
            ("body", "Officials were cautious."),
        ],
    ),
    (
        "washington dateline without agency",
        "WASHINGTON — The Senate passed the bill 52-48. Sen. Susan Collins voted against it.",
        &[
            ("dateline", "WASHINGTON —"),
            ("body", "The Senate passed the bill 52-48."),
            ("body", "Sen. Susan Collins voted against it."),
        ],
    ),
    (
        "title-case place with agency",
        "Paris (AFP) - France recalled its ambassador. The move surprised diplomats.",
        &[
            ("dateline", "Paris (AFP) -"),
            ("body", "France recalled its ambassador."),
            ("body", "The move surprised diplomats."),
        ],
    ),
    (
        "heading between paragraphs",
        "The talks began on Monday. Both sides attended.\n\nA fragile truce\n\nBy Wednesday the mood had soured.",
        &[
            ("body", "The talks began on Monday."),
            ("body", "Both sides attended."),
            ("heading", "A fragile truce"),
            ("body", "By Wednesday the mood had soured."),
        ],
    ),
    (
        "dashed wire subheading",
        "Fighting resumed at dawn.\n\n- Aleppo battle -\n\nThe city fell in 2016.",
        &[
            ("body", "Fighting resumed at dawn."),
            ("heading", "- Aleppo battle -"),
            ("body", "The city fell in 2016."),
        ],
    ),
    (
        "heading on its own line followed by a single newline",
        "The vote was close. Turnout was low.\n\nWhat comes next\nThe coalition must now agree a budget. Talks start Monday.",
        &[
            ("body", "The vote was close."),
            ("body", "Turnout was low."),
            ("heading", "What comes next"),
            ("body", "The coalition must now agree a budget."),
            ("body", "Talks start Monday."),
        ],
    ),
    (
        "byline under headline",
        "Inside the besieged city\n\nBy Jane Doe and Omar Khalil\n\nFood ran out in May. Prices tripled.",
        &[
            ("headline", "Inside the besieged city"),
            ("byline", "By Jane Doe and Omar Khalil"),
            ("body", "Food ran out in May."),
            ("body", "Prices tripled."),
        ],
    ),
    (
        "list items",
        "The agreement covers three points:\n\n- a ceasefire from midnight\n- the exchange of prisoners\n- access for aid convoys",
        &[
            ("body", "The agreement covers three points:"),
            ("body", "- a ceasefire from midnight"),
            ("body", "- the exchange of prisoners"),
            ("body", "- access for aid convoys"),
        ],
    ),
    (
        "question quote with attribution",
        "\"Why now?\" Ahmed asked. \"We waited ten years!\" his brother shouted. Nobody answered.",
        &[
            ("body", "\"Why now?\" Ahmed asked."),
            ("body", "\"We waited ten years!\" his brother shouted."),
            ("body", "Nobody answered."),
        ],
    ),
    (
        "multi-sentence quote",
        "\"We won. They lost,\" he said. The crowd cheered.",
        &[
            ("body", "\"We won."),
            ("body", "They lost,\" he said."),
            ("body", "The crowd cheered."),
        ],
    ),
    (
        "ellipsis inside a sentence",
        "He paused... and then he left. Nobody followed him.",
        &[("body", "He paused... and then he left."), ("body", "Nobody followed him.")],
    ),
    (
        "publisher boilerplate at the end",
        "Markets fell sharply. Oil rose.\n\n(Reporting by Jane Doe; Editing by John Smith)\n\nCopyright 2020 Reuters.",
        &[
            ("body", "Markets fell sharply."),
            ("body", "Oil rose."),
            ("boilerplate", "(Reporting by Jane Doe; Editing by John Smith)"),
            ("boilerplate", "Copyright 2020 Reuters."),
        ],
    ),
    (
        "hard-wrapped paragraph joins",
        "The minister said the plan\nwould be published next week. Critics were unconvinced.",
        &[
            ("body", "The minister said the plan would be published next week."),
            ("body", "Critics were unconvinced."),
        ],
    ),
];

#[test]
fn news_structure_cases() {
    let mut failures = Vec::new();
    for (name, text, expected) in CASES {
        let got: Vec<(String, String)> = segment(text, &Options::default())
            .iter()
            .map(|u| {
                (
                    u.kind.as_str().to_string(),
                    display_text(u.text(text)).into_owned(),
                )
            })
            .collect();
        let want: Vec<(String, String)> = expected
            .iter()
            .map(|(k, t)| (k.to_string(), t.to_string()))
            .collect();
        if got != want {
            failures.push(format!("{name}\n  want {want:?}\n  got  {got:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn a_title_case_first_line_with_a_final_stop_is_a_headline() {
    use framing::segment::{segment, Headline, Options, UnitKind};
    let options = Options {
        headline: Headline::Detect,
        standfirst: false,
        furniture: &[],
    };
    let text = "Supporter Shouts One Word At Rally, Everyone Turns Around.\n\nThe crowd in Manchester went quiet.";
    let units = segment(text, &options);
    assert_eq!(units[0].kind, UnitKind::Headline);
    // A sentence in ordinary case keeps its place as body text.
    let text = "The crowd in Manchester went quiet.\n\nThen the speech began.";
    assert_eq!(segment(text, &options)[0].kind, UnitKind::Body);
}
