"""A drop-in for vaderSentiment's analyser: same class name, same method, same dict, same values.

    from framing.vader import SentimentIntensityAnalyzer
    SentimentIntensityAnalyzer().polarity_scores("The movie was GREAT!!")
    # {'neg': 0.0, 'neu': 0.406, 'pos': 0.594, 'compound': 0.7034}

The scores are vaderSentiment 3.3.2's (the test suite compares every field on the repository's fixtures).
"""

from __future__ import annotations

from . import _framing

__all__ = ["SentimentIntensityAnalyzer"]


class SentimentIntensityAnalyzer:
    """VADER as vaderSentiment 3.3.2 computes it, in Rust."""

    def polarity_scores(self, text: str) -> dict[str, float]:
        """The negative, neutral and positive proportions and the normalised compound score of `text`."""
        neg, neu, pos, compound = _framing.polarity_scores(str(text))
        return {"neg": neg, "neu": neu, "pos": pos, "compound": compound}
