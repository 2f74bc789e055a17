#!/usr/bin/env python3
"""Voice and speaker against human-annotated attributions: PolNeAR (../shared/eval/voice/, 2016 US election news).

    python3 scripts/voice_eval.py [dev|train] [--errors N]

Runs `framing segment --input polnear_<split>.jsonl` (the release binary; FRAMING_BIN overrides) and scores its
units against the annotated attributions (content, source, cue spans in UTF-8 bytes). A "quoted unit" is a scored
unit whose voice is `direct_quote` or `reported`.

  - Found: an attribution is found when quoted units cover at least 30% of its content's bytes (content in
    pieces counts the whole range, as annotated). Recall = found / attributions, per type: `direct` and `mixed`
    (by the quotation marks), `indirect` with a verb of saying or writing (`speech_cue`), and the other indirect
    attributions (beliefs, intentions, evidence) apart.
  - Precision: a quoted unit is right when at least 30% of its bytes lie in annotated content; per voice label
    (`direct_quote` against direct and mixed content, `reported` against any).
  - Speaker: for each found attribution with an annotated source, whether the speaker of the unit covering most
    of it names the source after resolution. The annotation has no coreference, so its own chain stands in:
    a pronoun ("he", "she", "they") or a role description ("the governor", "The Vermont senator") stands
    for the nearest earlier annotated source written as a proper name, and a description also counts as
    written ("the commander" kept as "the commander" is right). A pronoun whose nearest earlier source is
    a description counts both. First-person sources ("I", "we": the author or narrator) are left out of
    the speaker figure. Names match when they share a word after dropping determiners, titles and
    possessives ("Mr. Trump" and "Donald Trump"; "the source" and "a source"). Units without a speaker
    are wrong. The column "earlier measure" is the figure before descriptions were resolved (descriptions
    as written only; pronouns to the nearest earlier source with a capitalised word, descriptions such
    as "the Ohio governor" among them), kept for comparison with earlier rounds.

Quotation marks typeset as two apostrophes. The corpus derives `type` from double quotation marks ('"', '“',
'”') and misses the New York Times' typesetting, which writes them as two apostrophes (''Like this,'' he said):
in those articles a verbatim quotation is typed `indirect` (394 direct and 807 mixed on train, 31 and 55 on
dev). `retype` derives the type again for those articles only, counting `''` and ``` `` ``` as marks, so that
direct and mixed mean the same in every outlet. The quote F1 is printed both ways; `--as-distributed` keeps
the corpus's types everywhere.

Figures are printed as a Markdown table; --errors N prints N wrong speakers with their context, for reading on
train (never tune on dev).
"""

import json
import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("FRAMING_SHARED", ROOT.parent / "shared"))
PRONOUNS = {"he", "she", "they", "him", "her", "them", "it", "we", "i", "you", "his", "hers", "their", "its",
            "who", "which", "that", "this", "these", "those", "himself", "herself", "themselves"}
DROP = {"the", "a", "an", "of", "and", "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "former",
        "senator", "representative", "governor", "his", "her", "their", "its", "s", "'s", "’s", "to", "for",
        "in", "on", "at", "with", "by", "said", "says", "according", "who", "that", "this", "one", "also"}
COVER = 0.3
FIRST_PERSON = {"i", "we", "me", "us", "my", "our"}


def words(name):
    if not name:
        return set()
    name = name.lower().replace("’s", "").replace("'s", "")
    return {w for w in re.findall(r"[a-z0-9]+", name) if w not in DROP and len(w) > 1}


def is_pronoun(source):
    toks = re.findall(r"[a-z']+", (source or "").lower())
    return bool(toks) and all(t in PRONOUNS for t in toks)


def is_description(source):
    """A role description ("the governor", "The Vermont senator", "a campaign spokesman"): a determiner
    and a lower-case head word. "the Washington Examiner" is a name."""
    toks = source.split()
    return len(toks) >= 2 and toks[0].lower() in {"the", "a", "an", "this", "that"} and toks[-1][:1].islower()


def is_proper(source):
    return (not is_pronoun(source) and not is_description(source)
            and any(w[:1].isupper() for w in source.split()[1:] or source.split()))


def chain(source, start, earlier):
    """The names an annotated source stands for: itself, and for a pronoun or a description the
    nearest earlier annotated source written as a proper name (a pronoun goes through the nearest
    earlier description, if one comes first, and counts both)."""
    if is_proper(source):
        return [source]
    before = [n for s, n in earlier if s < start]
    names = [] if is_pronoun(source) else [source]
    if is_pronoun(source) and before and is_description(before[-1]):
        names.append(before[-1])
    proper = [n for n in before if is_proper(n)]
    return names + proper[-1:]


def written(source, start, earlier):
    """The earlier measure's one name for a source."""
    if not is_pronoun(source):
        return source
    named = [n for s, n in earlier if s < start
             and any(w[:1].isupper() for w in n.split()[1:] or n.split())]
    return named[-1] if named else None


def quoted_mask(text):
    """For each code point of `text`, whether it lies inside double quotation marks, with two apostrophes
    and two backticks counted as marks; a paragraph break closes an open quotation."""
    mask = [False] * len(text)
    inside, pos = False, 0
    for m in re.finditer(r"''|``|[\"“”\n]", text):
        if inside:
            mask[pos:m.start()] = [True] * (m.start() - pos)
        mark = m.group()
        inside = mark in ("“", "``") or (mark in ("''", '"') and not inside)
        pos = m.end()
    return mask


def retype(art):
    """Types again, from the marks, the `indirect` attributions of an article typeset with two-apostrophe
    quotation marks (see the module header); other articles keep the corpus's types."""
    text = art["text"]
    if "''" not in text:
        return 0
    mask, changed = quoted_mask(text), 0
    for q in art["quotes"]:
        letters = [k for k in range(q["content_start"], q["content_end"]) if text[k].isalnum()]
        if q["type"] != "indirect" or not letters:
            continue
        inside = sum(mask[k] for k in letters)
        if inside:
            q["type_as_distributed"] = q["type"]
            q["type"] = "direct" if inside == len(letters) else "mixed"
            changed += 1
    return changed


def kind(q):
    if q["type"] != "indirect":
        return q["type"]
    return "indirect (saying)" if q.get("speech_cue") else "indirect (other)"


def overlap(a0, a1, b0, b1):
    return max(0, min(a1, b1) - max(a0, b0))


def main():
    split = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else "dev"
    errors = int(sys.argv[sys.argv.index("--errors") + 1]) if "--errors" in sys.argv else 0
    as_distributed = "--as-distributed" in sys.argv
    path = SHARED / "eval" / "voice" / f"polnear_{split}.jsonl"
    if not path.exists():
        print(f"SKIPPED: {path} not found (set FRAMING_SHARED)")
        return
    binary = os.environ.get("FRAMING_BIN", str(ROOT / "target" / "release" / "framing"))
    out = subprocess.run([binary, "segment", "--input", str(path)], check=True, capture_output=True).stdout
    segmented = {}
    for line in out.decode().splitlines():
        r = json.loads(line)
        segmented[str(r["id"])] = r["units"]
    stats = defaultdict(lambda: defaultdict(int))
    shown = retyped = 0
    for line in path.read_text().splitlines():
        art = json.loads(line)
        if not as_distributed:
            retyped += retype(art)
        text = art["text"].encode()
        units = [u for u in segmented[str(art["id"])] if u["voice"] in ("direct_quote", "reported")]
        quotes = art["quotes"]
        # The annotation's own chain: a pronoun or a role description stands for the nearest earlier
        # annotated source written as a proper name (see `chain`).
        earlier = sorted((q["source_start"], q["source"]) for q in quotes
                         if q.get("source") and not is_pronoun(q["source"]))
        for q in quotes:
            k = kind(q)
            s = stats[k]
            s["attributions"] += 1
            c0, c1 = q["content_start_byte"], q["content_end_byte"]
            length = max(1, c1 - c0)
            covered = sum(overlap(u["start"], u["end"], c0, c1) for u in units)
            d = stats["as distributed " + q.get("type_as_distributed", q["type"])]
            d["attributions"] += 1
            if covered < COVER * length:
                continue
            d["found"] += 1
            best = max(units, key=lambda u: overlap(u["start"], u["end"], c0, c1))
            s["found"] += 1
            source = q.get("source")
            if source and words(source) <= FIRST_PERSON and is_pronoun(source):
                # "I said", "we believe": the author or narrator, whom no earlier source names.
                source = None
            if source and written(source, q.get("source_start", 0), earlier):
                s["with_source_written"] += 1
            names = chain(source, q.get("source_start", 0), earlier) if source else []
            if not names:
                continue
            s["with_source"] += 1
            ours = words(best.get("speaker"))
            ok = any(ours & words(n) for n in names)
            s["speaker_right"] += ok
            # The earlier measure: descriptions as written, pronouns to the nearest earlier source with
            # a capitalised word (descriptions such as "the Ohio governor" among them).
            s["speaker_right_written"] += bool(ours & words(written(source, q.get("source_start", 0), earlier)))
            # Apart: sources the annotators wrote as a pronoun, resolved above through their chain.
            form = "pronoun" if is_pronoun(source) else "description" if is_description(source) else "name"
            by = stats["source " + form]
            if k != "indirect (other)":
                by["with_source"] += 1
                by["speaker_right"] += ok
            if not ok and errors and shown < errors and split != "dev" and k != "indirect (other)":
                shown += 1
                ctx = text[max(0, best["start"] - 150):best["end"] + 60].decode(errors="replace")
                print(f"--- {art['id']} [{k}] gold {q.get('source')!r} -> {' | '.join(names)!r}; ours {best.get('speaker')!r}"
                      f" (mention {best.get('speaker_mention')!r}, verb {best.get('reporting_verb')!r})\n{ctx}\n")
        # Precision of the quoted units.
        spans = [(q["content_start_byte"], q["content_end_byte"], q["type"]) for q in quotes]
        spans_as_distributed = [(a, b, q.get("type_as_distributed", t)) for (a, b, t), q in zip(spans, quotes)]
        for u in units:
            n = max(1, u["end"] - u["start"])
            inside_as_distributed = sum(overlap(u["start"], u["end"], a, b) for a, b, t in spans_as_distributed
                                        if t != "indirect")
            stats["units direct_quote as distributed"]["right"] += (
                u["voice"] == "direct_quote" and inside_as_distributed >= COVER * n)
            inside_any = sum(overlap(u["start"], u["end"], a, b) for a, b, _ in spans)
            inside_dm = sum(overlap(u["start"], u["end"], a, b) for a, b, t in spans if t != "indirect")
            p = stats["units " + u["voice"]]
            p["units"] += 1
            p["right"] += (inside_dm if u["voice"] == "direct_quote" else inside_any) >= COVER * n
    print(f"PolNeAR {split}: {sum(stats[k]['attributions'] for k in stats if not k.startswith(('units', 'source', 'as distributed')))} attributions")
    print()
    print("| type | attributions | found (recall) | with a source | speaker right | earlier measure |")
    print("|---|---:|---:|---:|---:|---:|")
    total = defaultdict(int)

    def row(name, s):
        print(f"| {name} | {s['attributions']} | {s['found']} ({s['found'] / max(1, s['attributions']):.3f}) | "
              f"{s['with_source']} | {s['speaker_right']} ({s['speaker_right'] / max(1, s['with_source']):.3f}) | "
              f"{s['speaker_right_written'] / max(1, s['with_source_written']):.3f} |")

    for k in ["direct", "mixed", "indirect (saying)", "indirect (other)"]:
        s = stats[k]
        for f in list(s):
            if k != "indirect (other)":
                total[f] += s[f]
        row(k, s)
    row("direct + mixed + saying", total)
    for k in ["source name", "source description", "source pronoun"]:
        s = stats[k]
        print(f"| {k[7:]} source (direct + mixed + saying) | | | {s['with_source']} | {s['speaker_right']} "
              f"({s['speaker_right'] / max(1, s['with_source']):.3f}) | |")
    print()
    print("| units | count | precision |")
    print("|---|---:|---:|")
    for v in ["direct_quote", "reported"]:
        p = stats["units " + v]
        print(f"| {v} | {p['units']} | {p['right'] / max(1, p['units']):.3f} |")
    print()
    dq = stats["units direct_quote"]

    def quote_f1(right, prefix, label):
        prec = right / max(1, dq["units"])
        found = stats[prefix + "direct"]["found"] + stats[prefix + "mixed"]["found"]
        rec = found / max(1, stats[prefix + "direct"]["attributions"] + stats[prefix + "mixed"]["attributions"])
        f1 = 2 * prec * rec / max(1e-12, prec + rec)
        print(f"quote F1, direct and mixed content{label}: precision {prec:.3f} (direct_quote units), "
              f"recall {rec:.3f}, F1 {f1:.3f}")

    quote_f1(dq["right"], "", f" ({retyped} attributions typed again from two-apostrophe marks)"
             if not as_distributed else " (types as distributed)")
    if not as_distributed:
        quote_f1(stats["units direct_quote as distributed"]["right"], "as distributed ", " (types as distributed)")


if __name__ == "__main__":
    main()
