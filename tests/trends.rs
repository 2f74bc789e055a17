//! The `trends` table (`--time-field`, `--time-bin`): per (group, bin) articles and measures with
//! intervals on the sampling unit, equal to a numpy/scipy reference; gaps kept as rows; undated articles
//! kept in every other table and listed in rejects.csv; the same tables at 1 and 2 threads and after
//! shard + merge; the charts drawn and in the report.

mod common;

use common::{stderr, Scratch};
use polars::prelude::*;

fn corpus() -> String {
    std::fs::read_to_string(common::repo().join("tests/fixtures/trends_corpus.jsonl"))
        .expect("tests/fixtures/trends_corpus.jsonl")
}

fn scratch() -> Scratch {
    let s = Scratch::new();
    std::fs::write(s.path().join("corpus.jsonl"), corpus()).expect("write corpus");
    s
}

fn reference() -> serde_json::Value {
    let path = common::repo().join("tests/fixtures/trends_reference.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("JSON")
}

fn trends(s: &Scratch, dir: &str) -> DataFrame {
    let path = s.path().join(dir).join("trends.parquet");
    let file = std::fs::File::open(&path).expect("trends.parquet");
    ParquetReader::new(file).finish().expect("parquet")
}

fn text(df: &DataFrame, col: &str) -> Vec<String> {
    df.column(col)
        .expect("column")
        .str()
        .expect("strings")
        .iter()
        .map(|v| v.unwrap_or("").to_string())
        .collect()
}

fn numbers(df: &DataFrame, col: &str) -> Vec<Option<f64>> {
    df.column(col)
        .expect("column")
        .cast(&DataType::Float64)
        .expect("numeric")
        .f64()
        .expect("f64")
        .iter()
        .collect()
}

const OUTLET_MONTHS: [&str; 4] = ["--cluster-by", "outlet", "--time-field", "date"];

#[test]
fn trends_equal_the_numpy_reference_to_1e_9() {
    // tests/fixtures/trends_reference.json: scripts/trends_reference.py rebuilds every (group, month,
    // outlet) cluster from the article tables and computes each ratio and its cluster-robust normal
    // interval with numpy and scipy.
    let s = scratch();
    common::analyze_corpus(&s, "out", &OUTLET_MONTHS, &[]);
    let df = trends(&s, "out");
    let want = reference();
    let rows = want["rows"].as_object().expect("rows");
    let (groups, bins) = (text(&df, "group"), text(&df, "bin"));
    // Every month from the first to the last is a row for both groups, March (no article) too, then
    // the undated bin.
    let expected_bins = ["2020-01", "2020-02", "2020-03", "2020-04", "undated"];
    assert_eq!(df.height(), 2 * expected_bins.len());
    for (i, (g, b)) in groups.iter().zip(&bins).enumerate() {
        assert_eq!(g, ["left", "right"][i / expected_bins.len()]);
        assert_eq!(b, expected_bins[i % expected_bins.len()]);
    }
    assert_eq!(text(&df, "bin_start")[0], "2020-01-01");
    assert!(text(&df, "ci_method")
        .iter()
        .all(|m| m == "normal (cluster-robust, outlet)"));
    let mut compared = 0;
    for name in df.get_column_names() {
        let name = name.as_str();
        let values = numbers(&df, name);
        if ["group", "bin", "bin_start", "ci_method"].contains(&name) {
            continue;
        }
        for (i, got) in values.iter().enumerate() {
            let key = format!("{} {}", groups[i], bins[i]);
            let Some(row) = rows.get(&key) else {
                // March: no article, so counts of zero and no measure.
                assert_eq!(bins[i], "2020-03");
                let zero = ["articles", "clusters", "sentences", "tokens"].contains(&name);
                assert_eq!(*got, zero.then_some(0.0), "{key} {name}");
                continue;
            };
            let (base, slot) = match name.rsplit_once('_') {
                Some((b, "lower")) => (b, 1),
                Some((b, "upper")) => (b, 2),
                _ => (name, 0),
            };
            let expected = match &row[base] {
                serde_json::Value::Array(v) => v[slot].as_f64(),
                v => v.as_f64(),
            };
            match (got, expected) {
                (Some(g), Some(e)) => assert!((g - e).abs() < 1e-9, "{key} {name}: {g} vs {e}"),
                (g, e) => assert_eq!(*g, e, "{key} {name}"),
            }
            compared += 1;
        }
    }
    assert!(compared > 300, "compared {compared} figures");
}

#[test]
fn the_normal_limit_of_a_difference_and_the_rate_ratio_equal_numpy_to_1e_9() {
    // The interval the frame differences use beyond 5,000 clusters, on the reference's outlet sums.
    let want = &reference()["normal_difference"];
    let side = |g: &str| {
        let clusters: Vec<framing::stats::RatioCluster> = want[g]
            .as_array()
            .expect("clusters")
            .iter()
            .map(|c| framing::stats::RatioCluster {
                numerator: c[0].as_f64().unwrap_or(f64::NAN),
                denominator: c[1].as_f64().unwrap_or(f64::NAN),
            })
            .collect();
        framing::stats::RatioMoments::of(&clusters)
    };
    let got = framing::stats::normal_rate_difference(&side("left"), &side("right"), 1000.0, 0.95)
        .expect("an interval");
    for (name, value) in [
        ("estimate", got.estimate),
        ("std_error", got.std_error),
        ("lower", got.lower),
        ("upper", got.upper),
    ] {
        let e = want[name].as_f64().expect("reference figure");
        assert!((value - e).abs() < 1e-9, "{name}: {value} vs {e}");
    }
    assert!(got.estimate != 0.0, "the fixture's sides differ");
    let (ratio, lower, upper) =
        framing::stats::normal_ratio_of_rates(&side("left"), &side("right"), 0.95)
            .expect("a ratio");
    for (k, value) in [ratio, lower, upper].into_iter().enumerate() {
        let e = want["rate_ratio"][k].as_f64().expect("reference ratio");
        assert!((value - e).abs() < 1e-9, "rate ratio {k}: {value} vs {e}");
    }
}

#[test]
fn undated_articles_stay_in_every_other_table_and_are_listed_with_the_reason() {
    let s = scratch();
    let run = common::analyze_corpus(&s, "out", &OUTLET_MONTHS, &[]);
    let err = stderr(&run);
    assert!(
        err.contains("3 of 48 articles have no usable date in `date`"),
        "{err}"
    );
    assert!(!err.contains("skipped"), "nothing was skipped: {err}");
    let out = s.path().join("out");
    let articles = std::fs::read_to_string(out.join("articles.csv")).expect("articles");
    assert_eq!(
        articles.lines().count(),
        49,
        "all 48 articles and the header"
    );
    let rejects = std::fs::read_to_string(out.join("rejects.csv")).expect("rejects");
    let rows: Vec<&str> = rejects.lines().skip(1).collect();
    assert_eq!(rows.len(), 3, "{rejects}");
    assert!(rows.iter().all(|r| r.ends_with(",trends")), "{rejects}");
    for reason in ["no date", "ambiguous date", "day 30 is not in 2020-02"] {
        assert!(rejects.contains(reason), "{reason}: {rejects}");
    }
    let df = trends(&s, "out");
    let (bins, n) = (text(&df, "bin"), numbers(&df, "articles"));
    let undated: f64 = bins
        .iter()
        .zip(&n)
        .filter(|(b, _)| *b == "undated")
        .map(|(_, v)| v.unwrap_or(0.0))
        .sum();
    let all: f64 = n.iter().map(|v| v.unwrap_or(0.0)).sum();
    assert_eq!((undated, all), (3.0, 48.0));
    // The report says so, and shows both trend charts.
    let report = std::fs::read_to_string(out.join("report.md")).expect("report");
    assert!(report.contains("**Over time.**"), "{report}");
    assert!(report.contains("3 of 48 articles have no usable date"));
    assert!(!report.contains("corpus record(s) were skipped"));
    for chart in ["frame_trends", "sentiment_trends"] {
        assert!(
            report.contains(&format!("{chart}.png")),
            "{chart} in report"
        );
        for ext in ["png", "svg"] {
            let bytes = std::fs::read(out.join(format!("{chart}.{ext}"))).expect("chart");
            assert!(bytes.len() > 10_000, "{chart}.{ext} is drawn");
        }
    }
    // Without --time-field there is no trends table, and the rejects are only those of the analysis.
    common::analyze_corpus(&s, "plain", &["--quiet"], &[]);
    assert!(!s.path().join("plain/trends.csv").exists());
    let plain = std::fs::read_to_string(s.path().join("plain/rejects.csv")).expect("rejects");
    assert_eq!(plain.lines().count(), 1, "{plain}");
}

#[test]
fn trend_tables_do_not_depend_on_threads_or_shards() {
    // Outlet clusters of a bin span shards; weeks and the article unit take the other path.
    let s = scratch();
    common::assert_thread_and_shard_stable(&s, &OUTLET_MONTHS, 3);
    let s = scratch();
    common::assert_thread_and_shard_stable(&s, &["--time-field", "date", "--time-bin", "week"], 2);
    let weeks = trends(&s, "merged");
    assert_eq!(text(&weeks, "bin")[0], "2020-W02");
    assert!(text(&weeks, "ci_method")
        .iter()
        .all(|m| m == "normal (cluster-robust, article)"));
}

#[test]
fn a_missing_time_field_or_a_bin_without_one_is_refused() {
    let s = scratch();
    let run = s.run(&[
        "analyze",
        "--corpus",
        "corpus.jsonl",
        "--group-by",
        "bias",
        "--time-field",
        "published",
    ]);
    assert!(!run.status.success());
    let err = stderr(&run);
    assert!(
        err.contains("corpus.jsonl")
            && err.contains("\"published\"")
            && err.contains("--time-field"),
        "{err}"
    );
    assert!(!s.path().join("output").exists(), "nothing written");
    let run = s.run(&["analyze", "--corpus", "corpus.jsonl", "--time-bin", "week"]);
    assert!(!run.status.success());
    assert!(stderr(&run).contains("--time-field"), "{}", stderr(&run));
}
