//! The sampling unit of the intervals (`--cluster-by`): articles by default for a corpus file whose
//! groups have enough of them, paragraphs for the two-article default corpus, the values of a field on
//! request; `ci_method` names it, the report states it, and a run whose groups are nested in the
//! outlets warns when it resamples anything smaller. Field clusters span shards, so shard + merge and
//! the thread count are checked too.

mod common;

use common::{stderr, Scratch};

/// 60 articles: six outlets, three per bias group, ten articles each. The war paragraph's length goes
/// with the outlet, so military rates differ between outlets more than between articles of one.
fn write_corpus(path: &std::path::Path) {
    let mut lines = Vec::new();
    let outlets = [
        ("North Star", "left"),
        ("Daily Lamp", "left"),
        ("Civic Ledger", "left"),
        ("Harbor Post", "right"),
        ("Frontier Wire", "right"),
        ("Plains Herald", "right"),
    ];
    let mut n = 0;
    // Every sentence names its article, so no line recurs and none is learned as page furniture.
    let tags = [
        "amber", "birch", "cedar", "delta", "ember", "fjord", "grove", "heath", "inlet", "juniper",
    ];
    for (o, (outlet, bias)) in outlets.iter().enumerate() {
        for (i, tag) in tags.iter().enumerate() {
            n += 1;
            let war = format!(
                "The {tag} army launched an offensive and the troops attacked the rebels. "
            )
            .repeat(o + 1);
            let peace =
                format!("In {tag} diplomats urged a ceasefire and talks on humanitarian aid. ")
                    .repeat(1 + (i % 3));
            let text = format!(
                "{war}\n\n{peace}\n\nOfficials in {tag} met to discuss the budget and the schools."
            );
            let record = serde_json::json!({
                "id": format!("n{n:02}"), "outlet": outlet, "bias": bias, "text": text,
            });
            lines.push(record.to_string());
        }
    }
    std::fs::write(path, lines.join("\n") + "\n").expect("write corpus");
}

fn methods(s: &Scratch, dir: &str) -> Vec<String> {
    let text = std::fs::read_to_string(s.path().join(dir).join("frame_differences.csv"))
        .expect("frame differences");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split(',').collect();
    let col = header
        .iter()
        .position(|h| *h == "ci_method")
        .expect("ci_method");
    let mut m: Vec<String> = lines
        .map(|l| l.split(',').nth(col).unwrap_or("").to_string())
        .collect();
    m.sort();
    m.dedup();
    m
}

fn analyze(s: &Scratch, out: &str, extra: &[&str]) -> std::process::Output {
    common::analyze_corpus(s, out, extra, &[])
}

#[test]
fn the_unit_is_articles_by_default_a_field_on_request_and_the_nesting_is_warned_about() {
    let s = Scratch::new();
    write_corpus(&s.path().join("corpus.jsonl"));
    let default = analyze(&s, "default", &[]);
    assert_eq!(methods(&s, "default"), ["article bootstrap"]);
    // Bias is constant within six outlets: the run says which flag resamples them.
    assert!(
        stderr(&default).contains("--cluster-by outlet"),
        "{}",
        stderr(&default)
    );
    let report = std::fs::read_to_string(s.path().join("default/report.md")).expect("report");
    assert!(report.contains("**Sampling unit.** Every interval resamples whole articles"));
    assert!(report.contains("rerun with --cluster-by outlet"));

    let by_outlet = analyze(&s, "outlet", &["--cluster-by", "outlet"]);
    assert_eq!(methods(&s, "outlet"), ["outlet bootstrap"]);
    assert!(
        !stderr(&by_outlet).contains("warning"),
        "{}",
        stderr(&by_outlet)
    );
    // Outlets differ more than the articles of one outlet: the outlet interval is the wider.
    let width = |dir: &str| -> f64 {
        let text = std::fs::read_to_string(s.path().join(dir).join("frame_differences.csv"))
            .expect("table");
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap_or("").split(',').collect();
        let at = |name: &str| header.iter().position(|h| *h == name).expect(name);
        let (cat, voice, lo, hi) = (
            at("category"),
            at("voice"),
            at("per_1000_ci_lower"),
            at("per_1000_ci_upper"),
        );
        let row: Vec<&str> = lines
            .map(|l| l.split(',').collect::<Vec<_>>())
            .find(|r| r[cat] == "military_security" && r[voice] == "all")
            .expect("military row");
        row[hi].parse::<f64>().expect("upper") - row[lo].parse::<f64>().expect("lower")
    };
    assert!(
        width("outlet") > width("default"),
        "{} vs {}",
        width("outlet"),
        width("default")
    );

    analyze(&s, "paragraph", &["--cluster-by", "paragraph"]);
    assert_eq!(methods(&s, "paragraph"), ["paragraph bootstrap"]);

    let bad = s.run(&[
        "analyze",
        "--corpus",
        "corpus.jsonl",
        "--group-by",
        "bias",
        "--cluster-by",
        "desk",
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stderr(&bad).contains("\"desk\" named by --cluster-by"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn the_default_corpus_still_resamples_paragraphs() {
    let s = Scratch::new();
    let run = s.run(&["analyze", "--out", "out", "--quiet"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(methods(&s, "out"), ["paragraph bootstrap"]);
}

#[test]
fn outlet_clusters_do_not_depend_on_threads_or_shards() {
    let s = Scratch::new();
    write_corpus(&s.path().join("corpus.jsonl"));
    common::assert_thread_and_shard_stable(&s, &["--cluster-by", "outlet"], 3);
}

/// tests/fixtures/cluster_bootstrap_reference.json.
fn reference() -> serde_json::Value {
    let path = common::repo().join("tests/fixtures/cluster_bootstrap_reference.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("JSON")
}

/// The rows of `frame_differences.csv` in voice scope "all", as column name → value.
fn frame_rows_all(s: &Scratch, dir: &str) -> Vec<std::collections::HashMap<String, String>> {
    common::csv_maps(&s.path().join(dir).join("frame_differences.csv"))
        .into_iter()
        .filter(|r| r["voice"] == "all")
        .collect()
}

#[test]
fn the_outlet_bootstrap_equals_the_reference_script() {
    // tests/fixtures/cluster_bootstrap_reference.json: scripts/cluster_bootstrap_reference.py rebuilds
    // the outlet clusters from the article tables and redoes the bootstrap with the same generator,
    // streams and percentile rule, so the intervals must be equal.
    let fixture = reference();
    let s = Scratch::new();
    write_corpus(&s.path().join("corpus.jsonl"));
    analyze(
        &s,
        "out",
        &[
            "--cluster-by",
            "outlet",
            "--seed",
            "7",
            "--replicates",
            "300",
            "--quiet",
        ],
    );
    let rows = frame_rows_all(&s, "out");
    for r in &rows {
        let want = &fixture["per_1000_ci"][&r["category"]];
        for (i, column) in ["per_1000_ci_lower", "per_1000_ci_upper"]
            .iter()
            .enumerate()
        {
            let got: f64 = r[*column].parse().expect("number");
            let expected = want[i].as_f64().expect("reference");
            assert!(
                (got - expected).abs() <= 1e-12 * expected.abs().max(1.0),
                "{} {column}: {got} against {expected}",
                r["category"]
            );
        }
    }
    let checked = rows.len();
    assert_eq!(checked, 10, "every category of the frames set");
}

#[test]
fn permutation_p_values_equal_the_reference_script() {
    // The same fixture: every split of the six outlets (exact), and 300 seeded Fisher–Yates draws of
    // the 60 articles, recomputed by scripts/cluster_bootstrap_reference.py.
    let fixture = reference();
    let s = Scratch::new();
    write_corpus(&s.path().join("corpus.jsonl"));
    for (unit, key, test) in [
        (
            "outlet",
            "per_1000_p_outlet_exact",
            "exact permutation (outlet)",
        ),
        (
            "article",
            "per_1000_p_article_drawn",
            "permutation (article)",
        ),
    ] {
        analyze(
            &s,
            unit,
            &[
                "--cluster-by",
                unit,
                "--seed",
                "7",
                "--replicates",
                "300",
                "--quiet",
            ],
        );
        let rows = frame_rows_all(&s, unit);
        for r in &rows {
            assert_eq!(r["cluster_test"], test);
            let got: f64 = r["per_1000_p_value"].parse().expect("p");
            let want = fixture[key][&r["category"]].as_f64().expect("reference p");
            assert!(
                (got - want).abs() <= 1e-12,
                "{unit} {}: {got} against {want}",
                r["category"]
            );
        }
        let checked = rows.len();
        assert_eq!(checked, 10);
    }
}

#[test]
fn leaving_an_outlet_out_gives_the_difference_without_it() {
    // The influence table's "difference without" a cluster is the difference a run without that
    // outlet's articles finds.
    let s = Scratch::new();
    write_corpus(&s.path().join("corpus.jsonl"));
    analyze(&s, "all", &["--cluster-by", "outlet", "--quiet"]);
    let influence = common::csv_maps(&s.path().join("all/influence.csv"));
    let row = influence
        .iter()
        .find(|r| r["measure"] == "military_security_per_1000" && r["rank"] == "1")
        .expect("an influential outlet");
    let outlet = row["cluster"].clone();
    let text = std::fs::read_to_string(s.path().join("corpus.jsonl")).expect("corpus");
    let kept: String = text
        .lines()
        .filter(|l| !l.contains(&format!("\"outlet\":\"{outlet}\"")))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(
        kept.lines().count() < text.lines().count(),
        "{outlet} left out"
    );
    std::fs::write(s.path().join("corpus.jsonl"), kept).expect("write");
    analyze(&s, "without", &["--cluster-by", "outlet", "--quiet"]);
    let without = frame_rows_all(&s, "without")
        .into_iter()
        .find(|r| r["category"] == "military_security")
        .expect("military row");
    let (got, want): (f64, f64) = (
        without["per_1000_difference"].parse().expect("number"),
        row["difference_without"].parse().expect("number"),
    );
    assert!(
        (got - want).abs() <= 1e-9 * want.abs().max(1.0),
        "{got} against {want}"
    );
    let report = std::fs::read_to_string(s.path().join("all/report.md")).expect("report");
    assert!(
        report.contains("Influence (leave one outlet out)"),
        "report names the influence"
    );
}

#[test]
fn findings_rank_frame_differences_by_size_and_name_it() {
    let s = Scratch::new();
    write_corpus(&s.path().join("corpus.jsonl"));
    analyze(&s, "out", &["--quiet"]);
    let report = std::fs::read_to_string(s.path().join("out/report.md")).expect("report");
    // The war paragraph repeats 4-6 times on the right, 1-3 on the left: military terms are 1.5 times
    // as dense on the right (ratio 0.66), the peace words 1.64 times as dense on the left, so those lead.
    let frames = report
        .lines()
        .find(|l| l.starts_with("- **Frames**"))
        .expect("frames finding");
    let conflict = frames
        .find("left leans more on **conflict_resolution**, a moderate difference")
        .expect("conflict first");
    let military = frames
        .find("right leans more on **military_security**, a moderate difference")
        .expect("military");
    assert!(conflict < military, "ranked by ratio: {frames}");
    assert!(report.contains("ranked by size, the ratio of the two rates"));
}

#[test]
fn groups_nested_in_any_field_are_warned_about_not_only_in_outlets() {
    // The same articles from one wire, each filed by one of twelve desks of one bias; every title unique.
    let s = Scratch::new();
    write_corpus(&s.path().join("corpus.jsonl"));
    let text = std::fs::read_to_string(s.path().join("corpus.jsonl")).expect("corpus");
    let lines: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, line)| {
            let mut r: serde_json::Value = serde_json::from_str(line).expect("record");
            let desk = format!("{} desk {}", r["outlet"].as_str().unwrap_or(""), i % 2);
            r["desk"] = desk.into();
            r["outlet"] = "One Wire".into();
            r["title"] = format!("Report number {i}").into();
            r.to_string()
        })
        .collect();
    std::fs::write(s.path().join("corpus.jsonl"), lines.join("\n") + "\n").expect("write");
    let fields = ["--fields", "outlet,bias,desk,title"];
    let run = analyze(&s, "desks", &fields);
    let err = stderr(&run);
    assert!(
        err.contains("`desk` (12 of them") && err.contains("rerun with --cluster-by desk"),
        "{err}"
    );
    assert!(
        !err.contains("--cluster-by outlet") && !err.contains("--cluster-by title"),
        "{err}"
    );
    let report = std::fs::read_to_string(s.path().join("desks/report.md")).expect("report");
    assert!(report.contains("rerun with --cluster-by desk"));
    let mut by_desk = fields.to_vec();
    by_desk.extend(["--cluster-by", "desk"]);
    let run = analyze(&s, "by-desk", &by_desk);
    assert!(!stderr(&run).contains("warning"), "{}", stderr(&run));
    assert_eq!(methods(&s, "by-desk"), ["desk bootstrap"]);
}
