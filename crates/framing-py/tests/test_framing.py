"""The Python package against the references and the command line it wraps.

- `score` equals vaderSentiment 3.3.2 on the repository's VADER fixtures (every field) and `framing score`'s output;
- `analyze(...).write(dir)` gives tables byte-identical to `framing analyze` on the same corpus;
- bad input raises `FramingError` with the command line's message;
- results are identical at 1 and 2 threads.

The CLI binary is target/release/framing (FRAMING_BIN overrides): `.ci/run` builds it before pytest runs.
"""

import json
import os
import subprocess
from pathlib import Path

import polars as pl
import pytest

import framing
from framing.vader import SentimentIntensityAnalyzer

ROOT = Path(__file__).resolve().parents[3]
BIN = os.environ.get("FRAMING_BIN", str(ROOT / "target" / "release" / "framing"))
FIXTURES = ROOT / "tests" / "fixtures"


def cli(*args, cwd=None):
    return subprocess.run([BIN, *map(str, args)], capture_output=True, text=True, cwd=cwd)


def vader_fixtures():
    return [json.loads(line) for line in (FIXTURES / "vader_reference.jsonl").open(encoding="utf-8")]


def test_score_equals_vadersentiment_on_the_fixtures():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as Reference

    rows = vader_fixtures()
    texts = [r["text"] for r in rows]
    got = framing.score(texts)
    reference = Reference()
    for i, text in enumerate(texts):
        expected = reference.polarity_scores(text)
        for key in ("neg", "neu", "pos", "compound"):
            assert got[key][i] == expected[key], (text, key)
            assert rows[i][key] == expected[key]


def test_vader_drop_in_returns_the_same_dict():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as Reference

    ours, theirs = SentimentIntensityAnalyzer(), Reference()
    for row in vader_fixtures()[:200]:
        assert ours.polarity_scores(row["text"]) == theirs.polarity_scores(row["text"])


def test_score_equals_the_command_line(tmp_path):
    rows = vader_fixtures()[:300]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"text": r["text"]}) + "\n" for r in rows), encoding="utf-8")
    done = cli("score", "--input", source, "--lexicons", "frames", "--sentiment-lexicons", "sentiment", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    expected = [json.loads(line) for line in done.stdout.splitlines()]
    got = framing.score([r["text"] for r in rows], lexicons="frames").to_dicts()
    for e, g in zip(expected, got):
        for key in ("neg", "neu", "pos", "compound", "compound_domain", "tokens"):
            assert g[key] == e[key], key
        for category, hits in e["frames"].items():
            assert g[category] == hits, category


def test_inputs_as_polars_and_pandas_series():
    texts = ["Good!", "Bad news for the economy."]
    a = framing.score(texts)
    assert framing.score(pl.Series(texts)).equals(a)
    pd = pytest.importorskip("pandas")
    assert framing.score(pd.Series(texts)).equals(a)
    assert isinstance(a.to_pandas(), pd.DataFrame)


def test_segment_equals_the_command_line(tmp_path):
    texts = [
        "Storm hits coast\n\nThe storm hit on Monday. \"It was awful,\" the mayor said.",
        "Officials said the talks would resume. Critics called it \"a farce\".",
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": f"t{i}", "text": t}) + "\n" for i, t in enumerate(texts)))
    done = cli("segment", "--input", source)
    assert done.returncode == 0, done.stderr
    expected = [(o["id"], u) for o in map(json.loads, done.stdout.splitlines()) for u in o["units"]]
    got = framing.segment(texts, ids=["t0", "t1"]).to_dicts()
    assert len(got) == len(expected)
    for (eid, e), g in zip(expected, got):
        assert g["id"] == eid
        for key, value in e.items():
            assert g[key] == value, key


def corpus_frame():
    return pl.read_ndjson(FIXTURES / "trends_corpus.jsonl")


def test_analyze_tables_are_byte_identical_to_the_command_line(tmp_path):
    df = corpus_frame()
    corpus = tmp_path / "corpus.parquet"
    df.with_columns(pl.all().cast(pl.Utf8)).write_parquet(corpus)
    fields = ",".join(c for c in df.columns if c not in ("id", "text"))
    done = cli("analyze", "--corpus", corpus, "--fields", fields, "--group-by", "bias", "--lexicons", "frames",
               "--cluster-by", "outlet", "--out", tmp_path / "cli", "--quiet")
    assert done.returncode == 0, done.stderr
    result = framing.analyze(df, group_by="bias", lexicons="frames", cluster_by="outlet")
    written = result.write(tmp_path / "py")
    tables = sorted(p.name for p in (tmp_path / "cli").iterdir() if p.suffix in (".csv", ".parquet"))
    assert "articles.parquet" in tables and "group_frames.csv" in tables
    for name in tables:
        assert (written / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name
    assert {p.name for p in written.iterdir()} == {p.name for p in (tmp_path / "cli").iterdir()}
    assert result.tables["articles"].height == df.height
    assert "compound_mean" in result.tables["groups"].columns or result.tables["groups"].width > 3


def test_analyze_accepts_pandas():
    pd = pytest.importorskip("pandas")
    a = framing.analyze(corpus_frame(), group_by="bias")
    b = framing.analyze(corpus_frame().to_pandas(), group_by="bias")
    for name, table in a.tables.items():
        assert table.equals(b.tables[name]), name


def test_results_do_not_depend_on_the_thread_count():
    texts = [r["text"] for r in vader_fixtures()]
    assert framing.score(texts, threads=1).equals(framing.score(texts, threads=2))
    assert framing.segment(texts, threads=1).equals(framing.segment(texts, threads=2))
    one = framing.analyze(corpus_frame(), group_by="bias", threads=1)
    two = framing.analyze(corpus_frame(), group_by="bias", threads=2)
    for name, table in one.tables.items():
        assert table.equals(two.tables[name]), name


def cli_message(*args, cwd=None):
    done = cli(*args, cwd=cwd)
    assert done.returncode == 1
    return done.stderr.strip().removeprefix("error: ")


def test_bad_lexicon_raises_framing_error_with_the_cli_message(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"text": "x"}\n')
    expected = cli_message("score", "--input", source, "--lexicons", "no_such_set")
    with pytest.raises(framing.FramingError) as e:
        framing.score(["x"], lexicons="no_such_set")
    assert str(e.value) == expected
    assert isinstance(e.value, ValueError)
    with pytest.raises(framing.FramingError) as e:
        framing.Lexicon("no_such_set")
    assert str(e.value) == expected


def test_bad_lexicon_file_is_reported_with_file_and_line(tmp_path):
    lex = tmp_path / "lex"
    lex.mkdir()
    (lex / "broken.toml").write_text('name = "broken"\ndefinition = "x"\nterms = [\n  "ok",\n  42,\n]\n')
    expected = cli_message("lexicon", "list", lex)
    with pytest.raises(framing.FramingError) as e:
        framing.Lexicon(lex)
    assert str(e.value) == expected
    assert "broken.toml:" in str(e.value)


def test_bad_analyze_input_raises_the_cli_message(tmp_path):
    df = corpus_frame()
    corpus = tmp_path / "corpus.parquet"
    df.with_columns(pl.all().cast(pl.Utf8)).write_parquet(corpus)
    fields = ",".join(c for c in df.columns if c not in ("id", "text"))
    expected = cli_message("analyze", "--corpus", corpus, "--fields", fields, "--group-by", "genre",
                           "--out", tmp_path / "o")
    with pytest.raises(framing.FramingError) as e:
        framing.analyze(df, group_by="genre")
    # The same message, about the package's temporary copy of the corpus instead of this file.
    ours, theirs = str(e.value).split("corpus.parquet: "), expected.split("corpus.parquet: ")
    assert ours[1] == theirs[1] and ours[0].split(": ")[0] == theirs[0].split(": ")[0]
    with pytest.raises(framing.FramingError, match="not one string"):
        framing.score("just one text")
    with pytest.raises(framing.FramingError, match=r"texts\[1\] is int"):
        framing.score(["a", 3])


def test_lexicon_categories_check_and_validate_labels(tmp_path):
    lexicon = framing.Lexicon("generic")
    names = [c.name for c in lexicon.categories]
    assert names == ["conflict", "economic_consequences", "human_interest", "morality", "responsibility"]
    assert all(c.terms for c in lexicon.categories)
    assert lexicon.check().ok
    labelled = tmp_path / "labelled.jsonl"
    labelled.write_text(
        '{"id": "a", "text": "Taxes and the budget rose; the economy slowed.", "frames": ["economic_consequences"]}\n'
        '{"id": "b", "text": "The two parties clashed in a bitter dispute.", "frames": ["conflict"]}\n'
    )
    tables = lexicon.validate_labels(labelled)
    done = cli("validate", "labels", labelled, "--lexicons", "generic", "--out", tmp_path / "v")
    assert done.returncode == 0, done.stderr
    assert tables["labels"].equals(pl.read_parquet(tmp_path / "v" / "labels.parquet"))


def test_a_lexicon_folder_is_read_again_on_every_call(tmp_path):
    # The built-in sets' scorer is kept between calls; a folder on disk must not be, or edits would not count.
    folder = tmp_path / "mine"
    folder.mkdir()
    category = folder / "harbour.toml"
    category.write_text('name = "harbour"\ndefinition = "Ports."\nterms = ["harbour"]\n')
    text = ["The harbour and the dock were closed."]
    assert framing.score(text, lexicons=str(folder))["harbour"].to_list() == [1]
    category.write_text('name = "harbour"\ndefinition = "Ports."\nterms = ["harbour", "dock"]\n')
    assert framing.score(text, lexicons=str(folder))["harbour"].to_list() == [2]
    # And the built-in set, kept, still gives what a fresh process gives.
    first = framing.score(text)
    assert framing.score(text).equals(first)
