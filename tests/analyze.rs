//! End to end: `framing analyze` on the project's corpus writes every table and chart, new lexicon
//! categories reach every output, and the tables do not depend on the thread count.

mod common;

use common::{snapshot, stderr, Scratch};

use framing::render::{CHARTS, TABLES};

#[test]
fn analyze_writes_tables_charts_and_summary() {
    let s = Scratch::new();
    let out = s.run(&["analyze"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let dir = s.path().join("output");
    for t in TABLES {
        for ext in ["csv", "parquet"] {
            let p = dir.join(format!("{t}.{ext}"));
            assert!(
                p.metadata().map(|m| m.len() > 0).unwrap_or(false),
                "missing {}",
                p.display()
            );
        }
    }
    for c in CHARTS {
        let png = std::fs::read(dir.join(format!("{c}.png"))).expect("png");
        assert_eq!(&png[1..4], b"PNG", "{c}.png is a PNG");
        assert!(png.len() > 20_000, "{c}.png is drawn ({} bytes)", png.len());
        let svg = std::fs::read_to_string(dir.join(format!("{c}.svg"))).expect("svg");
        assert!(
            svg.contains("<svg") && svg.contains("<text"),
            "{c}.svg has text"
        );
    }
    let summary = std::fs::read_to_string(dir.join("summary.md")).expect("summary");
    assert!(summary.contains("trt-opinion") && summary.contains("afp-wire"));
    assert!(summary.contains("opinion") && summary.contains("wire"));
    let comparison = std::fs::read_to_string(dir.join("comparison.csv")).expect("comparison");
    assert!(
        comparison.contains("compound_mean,opinion,wire,"),
        "{comparison}"
    );
}

/// The worked example of `lexicons/README.md`: the TOML block after "Create `lexicons/frames/economic_cost.toml`".
fn readme_example() -> String {
    let readme = std::fs::read_to_string(common::repo().join("lexicons/README.md"))
        .expect("lexicons/README.md");
    let after = readme
        .split("Create `lexicons/frames/economic_cost.toml`")
        .nth(1)
        .expect("the README has the worked example");
    let block = after
        .split("```toml")
        .nth(1)
        .expect("a toml block")
        .split("```")
        .next()
        .expect("closed block");
    block
        .lines()
        .map(str::trim_start)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_category_added_as_the_lexicon_readme_says_reaches_every_table_and_chart() {
    let s = Scratch::new();
    std::fs::write(
        s.path().join("lexicons/frames/economic_cost.toml"),
        readme_example(),
    )
    .expect("write category");
    let check = s.run(&["lexicon", "check"]);
    let said = String::from_utf8_lossy(&check.stdout);
    assert!(
        check.status.success() && said.contains("ok: 11 categories"),
        "{said}{}",
        stderr(&check)
    );
    let out = s.run(&["analyze"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let dir = s.path().join("output");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).expect(f);
    let header = |f: &str| read(f).lines().next().unwrap_or("").to_string();
    assert!(header("sentences.csv").contains("economic_cost_hits"));
    assert!(header("articles.csv").contains("economic_cost_per_1000"));
    assert!(header("groups.csv").contains("economic_cost_share"));
    assert!(header("article_voices.csv").contains("economic_cost_per_1000"));
    assert!(read("frames.csv").contains("economic_cost"));
    assert!(read("frame_hits.csv").contains("economic_cost,,infrastructure,"));
    assert!(read("group_frames.csv").contains("economic_cost"));
    assert!(read("comparison.csv").contains("economic_cost_per_1000"));
    assert!(
        read("summary.md").contains("economic_cost")
            || read("comparison.csv").contains("economic_cost")
    );
    // Category-wise charts label every category; the SVG keeps the labels as text.
    for chart in ["frame_density", "frame_sentiment"] {
        assert!(
            read(&format!("{chart}.svg")).contains("economic_cost"),
            "{chart}"
        );
    }
}

#[test]
fn tables_are_identical_across_thread_counts() {
    let s = Scratch::new();
    let mut snaps = Vec::new();
    for threads in ["1", "2"] {
        // The same --out both times: the report's manifest records the command line.
        let out_dir = "out".to_string();
        let out = s.run_env(
            &["analyze", "--out", &out_dir],
            &[
                ("RAYON_NUM_THREADS", threads),
                ("POLARS_MAX_THREADS", threads),
            ],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        let tables: Vec<_> = snapshot(&s.path().join(&out_dir))
            .into_iter()
            .filter(|(name, _)| {
                name.ends_with(".csv")
                    || name.ends_with(".parquet")
                    || name.ends_with(".md")
                    || name.ends_with(".html")
            })
            .collect();
        assert_eq!(
            tables.len(),
            TABLES.len() * 2 + 4,
            "tables, rejects.csv, summary.md, report.md, report.html"
        );
        snaps.push(tables);
    }
    assert!(
        snaps[0] == snaps[1],
        "tables differ between 1 and 2 threads"
    );
}
