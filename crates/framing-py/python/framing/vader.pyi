"""Type stubs of `framing.vader`."""

class SentimentIntensityAnalyzer:
    def polarity_scores(self, text: str) -> dict[str, float]: ...
