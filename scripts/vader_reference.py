#!/usr/bin/env python3
"""Generate tests/fixtures/vader_reference.jsonl from the reference VADER implementation.

The Rust port in src/sentiment/vader.rs must reproduce vaderSentiment 3.3.2 exactly; this script
records what the reference says for a fixed list of texts, and tests/vader_reference.rs checks
the port against it. One JSON object per line: {"text", "neg", "neu", "pos", "compound"}.

Texts, in this order (duplicates keep their first position, so the output is deterministic):
  1. every sentence of the two corpus articles (paragraphs split on blank lines, sentences
     split with pySBD), read from data/ if present, else from $FRAMING_SHARED/corpus
     (default ../shared/corpus); then the same sentences with curly quotes made ASCII;
  2. hand-written cases for each rule of the reference (negation, "but", caps, boosters,
     idioms, emoji, punctuation, ...), plus a few long texts;
  3. small systematic grids (negator x booster x word, booster x word, ...).

Usage, from the repository root:  python3 scripts/vader_reference.py
Requirements: scripts/requirements.txt (vaderSentiment==3.3.2, pysbd==0.3.4).
"""

import itertools
import json
import os
import re
import sys
from importlib.metadata import version
from pathlib import Path

import pysbd
from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentimentIntensityAnalyzer

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "vader_reference.jsonl"
CORPUS_FILES = ["000_7859b8436fd98fa9.txt", "004_d5acae6dd57a4709.txt"]
CURLY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def corpus_path(name):
    local = ROOT / "data" / name
    if local.exists():
        return local
    shared = Path(os.environ.get("FRAMING_SHARED", ROOT.parent / "shared"))
    return shared / "corpus" / name


def corpus_sentences():
    segmenter = pysbd.Segmenter(language="en", clean=False)
    sentences = []
    for name in CORPUS_FILES:
        path = corpus_path(name)
        if not path.exists():
            sys.exit(f"corpus file not found: {path} (copy it to data/ or set FRAMING_SHARED)")
        text = path.read_text(encoding="utf-8")
        for paragraph in re.split(r"\n[ \t]*\n", text):
            paragraph = paragraph.strip()
            if not paragraph:
                continue
            for sentence in segmenter.segment(paragraph):
                sentence = sentence.strip()
                if sentence:
                    sentences.append(sentence)
    return sentences


# The reference's own demo sentences (vaderSentiment.py, __main__).
DEMO = [
    "VADER is smart, handsome, and funny.",
    "VADER is smart, handsome, and funny!",
    "VADER is very smart, handsome, and funny.",
    "VADER is VERY SMART, handsome, and FUNNY.",
    "VADER is VERY SMART, handsome, and FUNNY!!!",
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "VADER is not smart, handsome, nor funny.",
    "The book was good.",
    "At least it isn't a horrible book.",
    "The book was only kind of good.",
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "Today SUX!",
    "Today only kinda sux! But I'll get by, lol",
    "Make sure you :) or :D today!",
    "Catch utf-8 emoji such as 💘 and 💋 and 😁",
    "Not bad at all",
    "Sentiment analysis has never been good.",
    "Sentiment analysis has never been this good!",
    "Most automated sentiment analysis tools are shit.",
    "With VADER, sentiment analysis is the shit!",
    "Other sentiment analysis tools can be quite bad.",
    "On the other hand, VADER is quite bad ass",
    "VADER is such a badass!",
    "Without a doubt, excellent idea.",
    "Roger Dodger is one of the most compelling variations on this theme.",
    "Roger Dodger is at least compelling as a variation on the theme.",
    "Roger Dodger is one of the least compelling variations on this theme.",
    "Not such a badass after all.",
    "Without a doubt, an excellent idea.",
    "It was one of the worst movies I've seen, despite good reviews.",
    "Unbelievably bad acting!!",
    "Poor direction.",
    "VERY poor production.",
    "The movie was bad.",
    "Very bad movie.",
    "VERY BAD movie!",
]

NEGATION = [
    "The food is not good.",
    "The food isn't good.",
    "The food isnt good",
    "The food is not very good.",
    "The food is not at all good.",
    "The food was never good.",
    "It was never so good.",
    "It has never been so good.",
    "It was never this good!",
    "It has never been this good.",
    "never so bad",
    "I never felt so happy in my life",
    "Without doubt excellent.",
    "Without doubt, an excellent excellent idea.",
    "without any doubt it is excellent",
    "without a single doubt it is great",
    "He left without a word, sad.",
    "I can't stand it.",
    "I cannot say it was good.",
    "He didn't like it at all.",
    "He did not like it.",
    "They weren't happy.",
    "She wouldn't call it a success.",
    "Nothing is wrong here.",
    "Nothing good ever happens.",
    "Nobody was happy.",
    "None of it was good.",
    "Nope, not funny.",
    "Neither good nor bad.",
    "The team rarely wins.",
    "Seldom have I seen such beauty.",
    "Despite the great cast, it failed.",
    "uh-uh, that's bad",
    "Ain't nobody happy",
    "it aint great",
    "it wasn't not good",
    "I don't dislike it.",
    "I do not hate you.",
    "This is not a bad idea.",
    "Not a good day.",
    "NOT good",
    "not GOOD",
    "no problem",
    "No problem at all!",
    "No good deed goes unpunished.",
    "There is no hope.",
    "There is no real hope.",
    "There is no hope or love here.",
    "no joy nor happiness",
    "no money or love",
    "no",
    "No.",
    "No!",
    "no no no",
    "no no good",
    "NO good",
    "no GOOD",
    "NO",
    "Say no to war",
    "no, thanks",
    "There's no way this is good",
    "no doubt about it, great",
    "This is the least happy day.",
    "This is the least bad option.",
    "at least it's not bad",
    "At least we tried.",
    "At least he is happy.",
    "He is the very least helpful.",
    "least good",
    "Least happy",
    "least",
    "the least",
    "not the least bit funny",
    "It's hardly a success.",
    "It's barely acceptable.",
]

BUT = [
    "The plot was good, but the acting was bad.",
    "The plot was bad, but the acting was good.",
    "good good but good",
    "good but good good",
    "great great but great great",
    "love love but love",
    "I love it but I hate it",
    "BUT it was great",
    "It was great BUT sad",
    "not bad but not good either",
    "but",
    "good but",
    "but good",
    "nice, but... terrible",
    "nice but, terrible",
    "good but bad but good",
    "happy happy happy but sad sad sad",
    "sad, but happy, but sad, but happy",
    "The food was great but the service was very slow and the waiter was rude.",
    "He is smart, but lazy.",
    "Butter is good",
    "but but but",
]

CAPS = [
    "This is GREAT",
    "THIS IS GREAT",
    "This is GREAT!!!",
    "I LOVE it",
    "I love IT",
    "VERY good",
    "VERY GOOD movie",
    "very GOOD movie",
    "The movie was VERY good",
    "The movie was EXTREMELY bad",
    "I hate IT",
    "I HATE it",
    "NO way",
    "Not BAD",
    "GOOD",
    "good",
    "Good",
    "gOOD",
    "I am SO happy",
    "I AM SO HAPPY",
    "I am so HAPPY",
    "The U.S. is GREAT",
    "The USA is great",
    "I am OK",
    "OK",
    "A good day",
    "A GOOD DAY",
    "I think so",
    "WOW! AMAZING!",
    "LOL that was funny",
    "lol",
    "LOL",
    "ǅungla is GOOD",
    "ΣΟΦΙΑ IS GOOD",
    "Straße is GOOD",
    "İSTANBUL is beautiful",
    "123 GOOD",
    "GOOD 123",
    "H2O IS good",
]

IDIOMS = [
    "That cake is to die for.",
    "That cake is just to die for.",
    "The chocolate cake was to die for",
    "It was the kiss of death.",
    "For the team that move was the kiss of death.",
    "a real kiss of death for them",
    "This song is the bomb",
    "This new song is the bomb!",
    "my friend said this song is the bomb",
    "That party was the shit",
    "I think that party was the shit",
    "yeah right",
    "Yeah right, like that will work.",
    "oh yeah right sure that is great",
    "he is so bad ass",
    "That was one bad ass movie",
    "badass",
    "what a badass guy",
    "The bus stop is near the park.",
    "I waited at the bus stop all day",
    "my beating heart",
    "I could feel my beating heart",
    "it was kind of good",
    "It was kind of bad",
    "it was only kind of good",
    "the show was sort of funny",
    "the day was sort of sad",
    "we have just enough good food",
    "that was just enough good",
    "kind of",
    "kinda good",
    "sorta bad",
    "kindof nice",
    "sort-of nice",
    "he is kind",
    "a kind man",
    "kind of kind",
    "I have been sort of happy",
    "we are kind of happy now",
    "That will cut the mustard",
    "I am under the weather",
    "break a leg tonight",
    "living hand to mouth",
    "we are in the red",
]

EMOJI = [
    ":)",
    ":-)",
    ":(",
    ":-(",
    "<3",
    "</3",
    "I <3 you",
    "I love you <3",
    ":D",
    ":-D",
    ":p",
    ":P",
    "xD",
    "XD",
    "xd",
    ";)",
    ":/",
    ":'(",
    "(:",
    "Good :)",
    "bad :(",
    "Good:)",
    "this is fine :) :) :)",
    "😀",
    "😀😀",
    "I am happy😀",
    "😀happy",
    "I am happy 😀",
    "😂😂😂",
    "💘 and 💋",
    "🔛 the way",
    "🔛",
    "🆙 up",
    "☺️",
    "☺",
    "👍",
    "👎 terrible",
    "🤬",
    "❤️",
    "❤",
    "♥",
    "😍 love it",
    "😢 so sad",
    "flag 🇺🇸",
    "👍🏽 nice",
    "I 💔 you",
    "🎉🎉 party time 🎉🎉",
    "the 💩 movie",
]

PUNCTUATION = [
    "Good!",
    "Good!!",
    "Good!!!",
    "Good!!!!",
    "Good!!!!!!",
    "Good! Good! Good!",
    "Bad?",
    "Bad??",
    "Bad???",
    "Bad????",
    "Bad?????",
    "Bad?!?!",
    "Really?",
    "Really??",
    "What?!",
    "!!!",
    "???",
    "!",
    "?",
    "Good.?!",
    "okay?!",
    "Is it okay???",
    "No!!!",
    "Great!!!???",
    "Terrible!!!!!!!!!!",
    "Why are you so sad??",
    "Happy!?!?!?",
]

BLANK = ["", " ", "\t\n", "   \u00a0 ", "\u3000", "\r\n\r\n", "\x1c", "\n \t \n"]

NON_ASCII = [
    "Café is great",
    "naïve but lovely",
    "日本語のテキスト",
    "这部电影很好",
    "这部电影很好 good",
    "مرحبا بالعالم جميل",
    "شكرا good",
    "שלום עולם good",
    "Ça va très bien!",
    "¡Qué bueno!",
    "Das ist sehr gut, wunderbar!",
    "Ünïcödé happy",
    "İstanbul is nice",
    "ΣΟΦΙΑ good",
    "Привет, это хорошо",
    "Это ПЛОХО but good",
    "good\u00a0bad",
    "good\u2003great",
    "good\u200bgreat",
    "good\x1cbad",
    "“Great,” he said.",
    "‘awful’ film",
    "It’s not good",
    "It's not good",
    "don’t like it",
    "good—bad",
    "good–bad",
    "happy…",
]

ATTACHED = [
    "good.",
    "(good)",
    "'good'",
    '"great"',
    "...terrible...",
    "bad!",
    "ok!",
    "ok",
    "--happy--",
    "no.",
    "lol!!",
    "good,bad",
    "good-bad",
    "un-happy",
    "#happy",
    "@love",
    "*love*",
    "_sad_",
    "[great]",
    "{good}",
    "good's",
    "happy's day",
    "bad...",
    "!good!",
    "?sad?",
    "g.o.o.d",
    "ha",
    "ha!",
    "haha!",
    "wtf?!",
]

NUMBERS = [
    "I give it 10/10",
    "5 stars",
    "0 stars, bad",
    "1,000 happy customers",
    "3.5 out of 5",
    "2nd best",
    "100% great",
    "The price rose 20% to $1.5 billion.",
    "He scored 3 goals in 90 minutes.",
    "1 2 3 4 5",
    "-1",
    "+1",
    "24/7 support is good",
    "In 2020, 300,000 people fled.",
]

BASE_LONG = (
    "The film opens with a long and beautiful shot of the city at dawn, and for a while it seems "
    "that the director knows exactly what he is doing. The actors are charming, the music is "
    "lovely, and the story moves with real energy. But then things go wrong: the plot becomes "
    "confusing, the dialogue is painfully bad, and the ending is not satisfying at all. "
)


def long_texts(corpus):
    return [
        BASE_LONG * 6,
        " ".join(corpus[:40]),
        "good bad " * 300 + "but great",
        "not " * 50 + "good " * 400,
        ("I LOVE this SO much!!! " + "it is fine. " * 20) * 5,
        "😀 " * 200 + "sad",
    ]


def grids():
    """Systematic combinations, so each rule meets each kind of neighbour."""
    out = []
    words = ["good", "bad", "GOOD", "happy", "terrible"]
    for booster in sorted(k for k in BOOSTER_DICT):
        for word in ["good", "bad"]:
            out.append(f"The movie was {booster} {word}.")
    for booster in ["very", "extremely", "kind of", "slightly", "barely", "so"]:
        out.append(f"The movie was {booster.upper()} good.")
        out.append(f"It was {booster} {booster} bad")
    negators = ["", "not ", "never ", "isn't ", "without ", "no ", "hardly ", "least "]
    modifiers = ["", "very ", "so ", "this ", "really very ", "kind of "]
    for neg, mod, word in itertools.product(negators, modifiers, words):
        out.append(f"it {neg}{mod}{word}")
    for first, second in itertools.product(["at", "very", "the", "not"], ["least"]):
        for word in ["good", "bad", "helpful"]:
            out.append(f"he is {first} {second} {word}")
    for pre in ["the", "kiss of", "to", "yeah", "bad", "beating", "bus"]:
        for post in ["shit", "bomb", "death", "die for", "right", "ass", "heart", "stop"]:
            out.append(f"oh well {pre} {post}")
    return out


def main():
    for package, pinned in (("vaderSentiment", "3.3.2"), ("pysbd", "0.3.4")):
        if version(package) != pinned:
            sys.exit(f"{package} {version(package)} installed; the fixture needs {pinned}")
    corpus = corpus_sentences()
    texts = list(corpus)
    texts += [s.translate(CURLY) for s in corpus]
    for group in (DEMO, NEGATION, BUT, CAPS, IDIOMS, EMOJI, PUNCTUATION, BLANK, NON_ASCII,
                  ATTACHED, NUMBERS, long_texts(corpus), grids()):
        texts += group
    unique = list(dict.fromkeys(texts))

    analyzer = SentimentIntensityAnalyzer()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        for text in unique:
            scores = analyzer.polarity_scores(text)
            record = {"text": text, **{k: scores[k] for k in ("neg", "neu", "pos", "compound")}}
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(unique)} texts to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
