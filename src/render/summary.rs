//! `summary.md`: the run's key figures in words, and its charts.

use std::fmt::Write as _;
use std::path::Path;

use super::{article_label, numbers, strings, RenderInput, CHARTS};
use crate::aggregate::{density_column, VOICES};
use crate::error::{Error, Result};

fn fmt(v: Option<f64>, digits: usize) -> String {
    v.map(|v| format!("{v:.digits$}"))
        .unwrap_or_else(|| "–".into())
}

fn signed(v: Option<f64>, digits: usize) -> String {
    v.map(|v| format!("{v:+.digits$}"))
        .unwrap_or_else(|| "–".into())
}

/// Builds the summary text.
pub fn build(input: &RenderInput<'_>) -> Result<String> {
    let t = input.tables;
    let a = &t.articles;
    let ids = strings(a, "article_id")?;
    let sentences = numbers(a, "sentences")?;
    let tokens = numbers(a, "tokens")?;
    let mean = numbers(a, "compound_mean")?;
    let median = numbers(a, "compound_median")?;
    let pos = numbers(a, "share_positive")?;
    let neg = numbers(a, "share_negative")?;
    let headline = numbers(a, "headline_compound")?;
    let categories = input.lexicon.names();

    let mut out = String::new();
    let w = &mut out;
    // Writing to a String cannot fail; the results are ignored for that reason.
    let _ = writeln!(w, "# Framing and sentiment summary\n");
    let _ = writeln!(
        w,
        "{} articles, {} framing categories, groups by `{}`. Sentiment is VADER (vaderSentiment 3.3.2 rules) on each sentence of running text (standfirst and body; headline, dateline, headings and publisher boilerplate are kept apart). Frame density is hits per 1,000 word tokens.\n",
        ids.len(),
        categories.len(),
        input.group_by
    );
    let _ = writeln!(w, "## Articles\n");
    let _ = writeln!(
        w,
        "| article | sentences | tokens | mean compound | median | positive | negative | headline compound |"
    );
    let _ = writeln!(w, "|---|---:|---:|---:|---:|---:|---:|---:|");
    for i in 0..ids.len() {
        let label = input
            .articles
            .iter()
            .find(|x| x.id == ids[i])
            .map(|x| article_label(x, input.group_by))
            .unwrap_or_else(|| ids[i].clone());
        let _ = writeln!(
            w,
            "| {label} | {} | {} | {} | {} | {} | {} | {} |",
            fmt(sentences[i], 0),
            fmt(tokens[i], 0),
            signed(mean[i], 3),
            signed(median[i], 3),
            percent(pos[i]),
            percent(neg[i]),
            signed(headline[i], 3)
        );
    }
    let _ = writeln!(w, "\n## What each article leans on\n");
    for (i, id) in ids.iter().enumerate() {
        let mut dens: Vec<(&str, f64)> = Vec::new();
        for c in &categories {
            if let Some(v) = numbers(a, &density_column(c))?[i] {
                dens.push((c, v));
            }
        }
        dens.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(y.0)));
        let top: Vec<String> = dens
            .iter()
            .take(3)
            .map(|(c, v)| format!("{c} ({v:.1} per 1,000 tokens)"))
            .collect();
        let tone = match mean[i] {
            Some(m) if m <= -0.05 => "negative",
            Some(m) if m >= 0.05 => "positive",
            _ => "neutral",
        };
        let _ = writeln!(
            w,
            "- **{id}**: mean sentence sentiment {} ({tone} on average; {} of sentences negative, {} positive); strongest frames: {}.",
            signed(mean[i], 3),
            percent(neg[i]),
            percent(pos[i]),
            top.join(", ")
        );
    }
    voice_section(w, input)?;
    comparison_section(w, input)?;
    let _ = writeln!(w, "\n## Charts\n");
    for chart in CHARTS {
        let _ = writeln!(w, "![{chart}]({chart}.png)\n");
    }
    let _ = writeln!(
        w,
        "Tables: `sentences`, `frame_hits`, `articles`, `frames`, `groups`, `group_frames`, `comparison` (each as .csv and .parquet). Column meanings are in the project README."
    );
    Ok(out)
}

/// Whose words each article carries: shares and mean compound per voice, and who is quoted.
fn voice_section(w: &mut String, input: &RenderInput<'_>) -> Result<()> {
    let a = &input.tables.articles;
    let ids = strings(a, "article_id")?;
    let _ = writeln!(w, "\n## Voices: author, direct quotes, reported speech\n");
    let _ = writeln!(
        w,
        "Direct quotes are scored on the quoted words alone, without the attribution clause.\n"
    );
    let _ = writeln!(
        w,
        "| article | author | direct quote | reported | compound (author) | compound (direct quote) | compound (reported) |"
    );
    let _ = writeln!(w, "|---|---:|---:|---:|---:|---:|---:|");
    let mut columns = Vec::new();
    for prefix in ["share_", "compound_mean_"] {
        for v in VOICES {
            columns.push(numbers(a, &format!("{prefix}{}", v.as_str()))?);
        }
    }
    for (i, id) in ids.iter().enumerate() {
        let _ = writeln!(
            w,
            "| {id} | {} | {} | {} | {} | {} | {} |",
            percent(columns[0][i]),
            percent(columns[1][i]),
            percent(columns[2][i]),
            signed(columns[3][i], 3),
            signed(columns[4][i], 3),
            signed(columns[5][i], 3)
        );
    }
    let sentences = &input.tables.sentences;
    let article = strings(sentences, "article_id")?;
    let speaker = strings(sentences, "speaker")?;
    for id in &ids {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for (a, s) in article.iter().zip(&speaker) {
            if a != id || s.is_empty() {
                continue;
            }
            match counts.iter_mut().find(|(name, _)| name == s) {
                Some((_, n)) => *n += 1,
                None => counts.push((s.clone(), 1)),
            }
        }
        counts.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        let list: Vec<String> = counts.iter().map(|(s, n)| format!("{s} ({n})")).collect();
        let _ = writeln!(
            w,
            "\n- **{id}** quotes or reports: {}.",
            if list.is_empty() {
                "nobody".to_string()
            } else {
                list.join(", ")
            }
        );
    }
    Ok(())
}

fn comparison_section(w: &mut String, input: &RenderInput<'_>) -> Result<()> {
    let c = input.comparison;
    let measure = strings(c, "measure")?;
    let ga = strings(c, "group_a")?;
    let gb = strings(c, "group_b")?;
    let va = numbers(c, "value_a")?;
    let vb = numbers(c, "value_b")?;
    let diff = numbers(c, "difference")?;
    let _ = writeln!(w, "\n## Group comparison ({})\n", input.group_by);
    if measure.is_empty() {
        let _ = writeln!(w, "Only one group: nothing to compare.");
        return Ok(());
    }
    let _ = writeln!(
        w,
        "Differences are first group minus second, pooling each group's sentences. With one article per group these describe the two texts, not their genres.\n"
    );
    let _ = writeln!(w, "| measure | group a | group b | a | b | a − b |");
    let _ = writeln!(w, "|---|---|---|---:|---:|---:|");
    for i in 0..measure.len() {
        if measure[i] == "sentences" || measure[i] == "tokens" {
            continue;
        }
        let _ = writeln!(
            w,
            "| {} | {} | {} | {} | {} | {} |",
            measure[i],
            ga[i],
            gb[i],
            fmt(va[i], 3),
            fmt(vb[i], 3),
            signed(diff[i], 3)
        );
    }
    Ok(())
}

fn percent(v: Option<f64>) -> String {
    v.map(|v| format!("{:.0}%", v * 100.0))
        .unwrap_or_else(|| "–".into())
}

/// Writes `summary.md` into `dir`.
pub fn write(dir: &Path, input: &RenderInput<'_>) -> Result<()> {
    let text = build(input)?;
    let path = dir.join("summary.md");
    std::fs::write(&path, text).map_err(|e| Error::io(&path, "cannot write", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats() {
        assert_eq!(signed(Some(0.1234), 3), "+0.123");
        assert_eq!(fmt(None, 2), "–");
        assert_eq!(percent(Some(0.256)), "26%");
    }
}
