//! Importing LIWC `.dic` and quanteda YAML dictionaries: the same test dictionary, written natively
//! (`tests/fixtures/dictionaries/native/`), as a LIWC 2007-style and a 2015-style `.dic` and as quanteda
//! YAML, loads to the same categories, parents and hits; `to_toml` round-trips through `load_category`;
//! malformed files are refused with file:line and a fix.

use std::path::{Path, PathBuf};

use framing::frames::import::{load_dic, load_yaml, to_toml};
use framing::frames::load::{load_category, load_file};
use framing::frames::{parse_term, Category, Lexicon, Matcher};
use framing::Error;

/// News-style text in the project's own words, touching every category of the test dictionary:
/// stems, phrases, a hyphenated phrase, possessives and a word shared by two categories.
const TEXT: &str = "\
Fighting resumed on Tuesday after an air strike hit a market town in the north. Witnesses reported \
heavy shelling and gunfire through the night, and two armed groups blamed each other for the attack. \
Officials said the clashes were the worst since the truce was signed; a ceasefire violation was also \
reported near the border, and the army's attacks continued.

In the capital, the UN envoy opened a new round of talks. The mediator said negotiations on a \
peace deal would continue, and both envoys praised the mediation effort. Diplomats hope a treaty \
and a lasting ceasefire can follow the talks, though the truce looks fragile.

The fighting has hurt the economy. The central bank warned of recession as inflation climbed and \
unemployment rose; economists expect a sharp price-rise for fuel. Markets slumped on the news. \
Still, some investors see a recovery ahead: investment in rebuilding could bring growth, a \
construction boom and job creation. The economic outlook is uncertain, and the country's debts \
keep mounting.";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dictionaries")
}

fn native() -> Lexicon {
    Lexicon::load_dir(&fixtures().join("native")).expect("native test dictionary loads")
}

/// Per category (in lexicon order): name and number of hits in [`TEXT`].
fn hit_counts(lexicon: &Lexicon) -> Vec<(String, usize)> {
    let hits = Matcher::new(lexicon).find(TEXT);
    lexicon
        .categories
        .iter()
        .enumerate()
        .map(|(c, cat)| {
            (
                cat.name.clone(),
                hits.iter().filter(|h| h.category == c).count(),
            )
        })
        .collect()
}

fn parents(lexicon: &Lexicon) -> Vec<(String, Option<String>)> {
    lexicon
        .categories
        .iter()
        .map(|c| (c.name.clone(), c.parent.clone()))
        .collect()
}

/// Per category, its terms' word patterns, sorted (a `.dic` lists a term shared by two categories
/// once, so term order can differ between formats; it only breaks ties between equally long matches).
fn words(lexicon: &Lexicon) -> Vec<(String, Vec<String>)> {
    lexicon
        .categories
        .iter()
        .map(|c| {
            let mut words: Vec<String> = c.terms.iter().map(|t| format!("{:?}", t.words)).collect();
            words.sort();
            (c.name.clone(), words)
        })
        .collect()
}

/// Loads one fixture both ways: alone in a lexicon directory, and through `load_file`.
fn load_both(file: &str) -> (Lexicon, Lexicon) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(fixtures().join(file), dir.path().join(file)).expect("copy fixture");
    let from_dir = Lexicon::load_dir(dir.path())
        .unwrap_or_else(|e| panic!("{file} loads as a directory: {e}"));
    let categories = load_file(&fixtures().join(file))
        .unwrap_or_else(|e| panic!("{file} loads through load_file: {e}"));
    let from_file = Lexicon::from_categories(categories).expect("categories form a lexicon");
    (from_dir, from_file)
}

#[test]
fn the_test_text_exercises_every_native_category() {
    let counts = hit_counts(&native());
    assert_eq!(
        counts,
        [
            ("conflict".to_string(), 12),
            ("diplomacy".to_string(), 13),
            ("economy".to_string(), 5),
            ("economy_decline".to_string(), 6),
            ("economy_growth".to_string(), 6),
        ]
    );
}

#[test]
fn every_format_loads_to_the_native_categories_and_hits() {
    let native = native();
    for file in ["test2015.dic", "test.yml", "test2007.dic"] {
        let (from_dir, from_file) = load_both(file);
        for lexicon in [&from_dir, &from_file] {
            assert_eq!(lexicon.names(), native.names(), "{file}: category names");
            assert_eq!(hit_counts(lexicon), hit_counts(&native), "{file}: hits");
            assert_eq!(words(lexicon), words(&native), "{file}: terms");
            if file == "test2007.dic" {
                // A 2007-style header is flat: the file cannot say that a category lies below another.
                assert!(
                    lexicon.categories.iter().all(|c| c.parent.is_none()),
                    "{file}: no parents"
                );
            } else {
                assert_eq!(parents(lexicon), parents(&native), "{file}: parents");
            }
        }
        for category in &from_file.categories {
            assert_eq!(category.path, fixtures().join(file), "{file}: path");
        }
    }
}

#[test]
fn imported_categories_come_in_file_order_with_definitions_naming_their_source() {
    let names = |cats: Vec<Category>| cats.into_iter().map(|c| c.name).collect::<Vec<_>>();
    // The 2015 file's `economy` keeps its own words; its children's words (coded 3 as well, the LIWC
    // way) count for it through the children only.
    let dic = load_dic(&fixtures().join("test2015.dic")).expect("2015 .dic loads");
    assert_eq!(
        names(dic.clone()),
        [
            "conflict",
            "diplomacy",
            "economy",
            "economy_growth",
            "economy_decline"
        ]
    );
    let definition = |name: &str| {
        dic.iter()
            .find(|c| c.name == name)
            .map(|c| c.definition.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        definition("conflict"),
        "Imported from test2015.dic (LIWC category 1 conflict: Fighting and armed violence)"
    );
    assert_eq!(
        definition("economy_growth"),
        "Imported from test2015.dic (LIWC category 4 Economy Growth)"
    );
    let yaml = load_yaml(&fixtures().join("test.yml")).expect("YAML loads");
    assert_eq!(
        names(yaml.clone()),
        [
            "conflict",
            "diplomacy",
            "economy",
            "economy_growth",
            "economy_decline"
        ]
    );
    let growth = yaml.iter().find(|c| c.name == "economy_growth");
    assert_eq!(
        growth.map(|c| c.definition.as_str()),
        Some("Imported from test.yml (quanteda dictionary key economy > growth)")
    );
}

#[test]
fn a_parent_with_only_children_is_left_to_the_lexicon() {
    let dir = tempfile::tempdir().expect("temp dir");
    let yml = dir.path().join("nested.yml");
    std::fs::write(
        &yml,
        "economy:\n  growth: [boom*]\n  decline:\n    prices: [inflation]\n    jobs: [layoff*]\n",
    )
    .expect("write");
    let categories = load_file(&yml).expect("nested YAML loads");
    let shape: Vec<(&str, Option<&str>, usize)> = categories
        .iter()
        .map(|c| (c.name.as_str(), c.parent.as_deref(), c.terms.len()))
        .collect();
    // `economy` has no words of its own and no parent: `Lexicon::from_categories` adds it.
    // `economy_decline` links its children to `economy`, so it stays, without terms.
    assert_eq!(
        shape,
        [
            ("economy_growth", Some("economy"), 1),
            ("economy_decline", Some("economy"), 0),
            ("economy_decline_prices", Some("economy_decline"), 1),
            ("economy_decline_jobs", Some("economy_decline"), 1),
        ]
    );
    let lexicon = Lexicon::from_categories(categories).expect("lexicon");
    let economy = lexicon.index_of("economy").expect("parent added");
    let jobs = lexicon.index_of("economy_decline_jobs").expect("child");
    assert!(lexicon.rollup()[economy].contains(&jobs));
}

#[test]
fn spaces_parentheses_and_case_in_dic_names_become_valid_names() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dic = dir.path().join("names.dic");
    std::fs::write(
        &dic,
        "\u{feff}%\r\n1\tFunction Words\r\n2 Affect (Affective processes)\r\n03\t(Social)\r\n%\r\nthe\t1\r\nhappy 2\r\nfriend*\t3 2\r\n",
    )
    .expect("write");
    let categories = load_dic(&dic).expect("loads");
    let shape: Vec<(&str, usize)> = categories
        .iter()
        .map(|c| (c.name.as_str(), c.terms.len()))
        .collect();
    assert_eq!(shape, [("function_words", 1), ("affect", 2), ("social", 1)]);
    assert_eq!(
        categories[1].definition,
        "Imported from names.dic (LIWC category 2 Affect: Affective processes)"
    );
}

fn assert_round_trip(category: &Category) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(format!("{}.toml", category.name));
    let text = to_toml(category);
    std::fs::write(&path, &text).expect("write");
    let mut back = load_category(&path)
        .unwrap_or_else(|e| panic!("to_toml of {} does not load: {e}\n{text}", category.name));
    back.path = category.path.clone();
    assert_eq!(&back, category, "round trip of {}:\n{text}", category.name);
}

#[test]
fn to_toml_round_trips_every_imported_and_native_category() {
    let mut all = native().categories;
    for file in ["test2015.dic", "test.yml", "test2007.dic"] {
        all.extend(load_file(&fixtures().join(file)).expect("loads"));
    }
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("lexicons/frames");
    all.extend(
        Lexicon::load_dir(&shipped)
            .expect("shipped lexicon")
            .categories,
    );
    for category in all.iter().filter(|c| !c.terms.is_empty()) {
        assert_round_trip(category);
    }
}

#[test]
fn to_toml_keeps_weights_excludes_and_optional_keys() {
    let mut aid = parse_term("aid").expect("term");
    aid.weight = 0.25;
    aid.exclude = vec![parse_term("aid the cause*").expect("phrase").words];
    let mut heavy = parse_term("relief effort*").expect("term");
    heavy.weight = 2.5;
    let category = Category {
        name: "relief".into(),
        definition:
            "Aid \"and\" relief, with a back\\slash, a tab\tand an apostrophe's ’curly’ form."
                .into(),
        parent: Some("humanitarian".into()),
        function: Some("remedy".into()),
        color: Some("#88CCEE".into()),
        terms: vec![
            aid,
            heavy,
            parse_term("don't").expect("term"),
            parse_term("*militia*").expect("term"),
        ],
        exclude_negated: true,
        min_hits: 1.0,
        path: PathBuf::from("relief.toml"),
    };
    assert_round_trip(&category);
}

/// Writes `source` to a file called `name`, loads it, and returns the error's line and message.
fn refused(name: &str, source: &[u8]) -> (Option<usize>, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, source).expect("write");
    match load_file(&path) {
        Ok(categories) => panic!("{name} loaded: {categories:?}"),
        Err(e @ Error::Lexicon { .. }) => {
            let shown = e.to_string();
            let Error::Lexicon {
                path: at,
                line,
                message,
            } = e
            else {
                unreachable!()
            };
            assert_eq!(at, path);
            if let Some(line) = line {
                assert!(
                    shown.starts_with(&format!("{}:{line}: ", path.display())),
                    "shown as file:line: {shown}"
                );
            }
            (line, message)
        }
        Err(other) => panic!("{name}: unexpected error {other}"),
    }
}

fn assert_refused(name: &str, source: &str, line: usize, says: &[&str]) {
    let (at, message) = refused(name, source.as_bytes());
    assert_eq!(at, Some(line), "{name}: line of {message:?}\n{source}");
    for s in says {
        assert!(message.contains(s), "{name}: {message:?} lacks {s:?}");
    }
}

#[test]
fn malformed_dic_files_are_refused_with_file_and_line() {
    let d = "bad.dic";
    assert_refused(
        d,
        "%\n1\tposemo\n%\nhappy\t1\nsad\t2\n",
        5,
        &["category number 2 is not declared", "declare it there"],
    );
    assert_refused(d, "%\n1\tposemo\n2\tnegemo\n", 1, &["no closing `%`"]);
    assert_refused(
        d,
        "%\n1\tposemo\nhappy\t1\n",
        3,
        &["must be a category number", "add a line holding only `%`"],
    );
    assert_refused(
        d,
        "1\tposemo\n%\n",
        1,
        &["expected a line holding only `%`"],
    );
    assert_refused(d, "", 1, &["empty"]);
    assert_refused(d, "%\n%\nhappy\t1\n", 2, &["declares no categories"]);
    assert_refused(d, "%\n1\tposemo\n%\n\n", 3, &["no entries"]);
    assert_refused(
        d,
        "%\n1\tposemo\n2\tnegemo\n%\nkind\t<of>1/2\n",
        5,
        &["conditional category code \"<of>1/2\"", "kind of"],
    );
    assert_refused(
        d,
        "%\n1\tposemo\n2\tnegemo\n%\nfine\t1\nlike (01 02)02/01 1\n",
        6,
        &["conditional category code"],
    );
    assert_refused(
        d,
        "%\n1\tFunction Words\n2\tfunction_words\n%\nthe\t1\n",
        3,
        &["already taken by the category on line 2"],
    );
    assert_refused(
        d,
        "%\n1\tposemo\n01\tnegemo\n%\nthe\t1\n",
        3,
        &["declared twice (also on line 2)"],
    );
    assert_refused(d, "%\n1\tposemo\n%\n:)\t1\n", 4, &["':'"]);
    assert_refused(d, "%\n1\tposemo\n%\nhappy\n", 4, &["no category numbers"]);
    assert_refused(
        d,
        "%\n1\tposemo\n%\nhappy\t1\tx2\n",
        4,
        &["\"x2\" is not a category number"],
    );
    assert_refused(d, "%\n1\tposemo\n%\n*\t1\n", 4, &["only `*`"]);
    assert_refused(d, "%\n1\tposemo\n%\nhappy\t1\n%\n", 5, &["unexpected `%`"]);
    assert_refused(d, "%\n1\n%\nhappy\t1\n", 2, &["has no name"]);
    let (line, message) = refused(d, b"%\n1\tposemo\n%\ncaf\xe9\t1\n");
    assert_eq!(
        (line, message.as_str()),
        (Some(4), "invalid UTF-8: save the file as UTF-8")
    );
}

#[test]
fn malformed_yaml_files_are_refused_with_file_and_line() {
    let y = "bad.yml";
    assert_refused(y, "a: [b, c\nd: [e]\n", 2, &["YAML syntax error"]);
    assert_refused(y, "a:\n  - b\n - c\n", 3, &["YAML syntax error"]);
    assert_refused(y, "a:\n  - x\n  - {b: c}\n", 3, &["terms are strings"]);
    assert_refused(y, "a:\n  - x\n  - [y, z]\n", 3, &["terms are strings"]);
    assert_refused(y, "a:\nb: [x]\n", 1, &["`a` has no terms"]);
    assert_refused(y, "a: []\n", 1, &["`a` has no terms"]);
    assert_refused(y, "a: {}\n", 1, &["empty mapping"]);
    assert_refused(y, "- a\n- b\n", 1, &["top level must be a mapping"]);
    assert_refused(y, "", 1, &["empty"]);
    assert_refused(y, "# only a comment\n", 1, &["empty"]);
    assert_refused(
        y,
        "colours:\n  - red\n  - colo?r\n",
        3,
        &["`?` wildcard", "use `*`"],
    );
    assert_refused(y, "a: &x [b]\nc: *x\n", 2, &["aliases"]);
    assert_refused(
        y,
        "a_b: [x]\na:\n  b: [y]\n",
        3,
        &["`a_b`, already taken by the key on line 1"],
    );
    assert_refused(
        y,
        "a: [x]\na: [y]\n",
        2,
        &["already taken by the key on line 1"],
    );
    assert_refused(y, "'': [x]\n", 1, &["top-level key is empty"]);
    assert_refused(y, "\"???\": [x]\n", 1, &["no letters a-z or digits"]);
    assert_refused(y, "a: [war!]\n", 1, &["in `a`", "'!'"]);
    assert_refused(y, "a: [x]\n---\nb: [y]\n", 2, &["second YAML document"]);
    assert_refused(y, "a:\n  '':\n    b: [x]\n", 3, &["nests a mapping"]);
}

#[test]
fn yaml_scalars_and_flow_style_are_terms() {
    let dir = tempfile::tempdir().expect("temp dir");
    let yml = dir.path().join("flow.yaml");
    std::fs::write(
        &yml,
        "US:\n  MA: Boston\n  CA: [Sacramento, \"Los Angeles\"]\n  '': Washington\nJP: {'': Tokyo}\n",
    )
    .expect("write");
    let categories = load_file(&yml).expect("loads");
    let shape: Vec<(&str, Option<&str>, Vec<&str>)> = categories
        .iter()
        .map(|c| {
            (
                c.name.as_str(),
                c.parent.as_deref(),
                c.terms.iter().map(|t| t.text.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        [
            ("us", None, vec!["Washington"]),
            ("us_ma", Some("us"), vec!["Boston"]),
            ("us_ca", Some("us"), vec!["Sacramento", "Los Angeles"]),
            ("jp", None, vec!["Tokyo"]),
        ]
    );
}
