"""Turning a candidate pair's signals into one calibrated score.

Signals of a pair (x, y), each symmetric in x and y:
- `cosine`: cosine of the source sentences' embeddings (topic and content together);
- `margin`: that cosine divided by the mean cosine of x's and y's nearest neighbours in other
  documents (ratio margin, Artetxe & Schwenk 2019): a "hub" sentence, close to everything on the
  topic, gets a low margin even at a high cosine;
- `terms`: rare names, places and numbers shared across scripts (`align.terms`);
- `translation_cosine`, `translation_margin`, `translation_terms`: the same on the English
  translations, when both sentences have one.

A scoring model is a logistic regression over some of these signals, fitted on held-out data by
`bench/calibrate_links.py` (never by hand): its output is the probability that the two sentences
state the same thing. Each model carries the probability at which the linker emits a link, and
each signal the value at which it alone is that precise ("fired").
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

SOURCE_SIGNALS = ("cosine", "margin", "terms")
TRANSLATION_SIGNALS = ("translation_cosine", "translation_margin", "translation_terms")
CALIBRATION_FILE = Path(__file__).parent / "data" / "calibration.json"
# The models the linker uses: across languages without and with translations on both sides, and
# within one language.
SOURCE_MODEL = "cosine+margin+terms"
TRANSLATION_MODEL = "with translations"
SAME_LANGUAGE_MODEL = "same language"


def ratio_margin(cosine: np.ndarray, left_mean: np.ndarray, right_mean: np.ndarray) -> np.ndarray:
    denominator = (left_mean + right_mean) / 2
    return np.divide(
        cosine, denominator, out=np.zeros_like(cosine, dtype=np.float32), where=denominator > 0
    )


@dataclass(frozen=True)
class ScoringModel:
    name: str
    signals: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float  # emit a link at this probability or above
    signal_thresholds: dict[str, float]  # each signal "fires" at this value or above

    def probability(self, table: Mapping[str, np.ndarray]) -> np.ndarray:
        logit = np.full(len(table[self.signals[0]]), self.bias, dtype=np.float64)
        for signal, weight in zip(self.signals, self.weights, strict=True):
            logit += weight * np.asarray(table[signal], dtype=np.float64)
        return 1.0 / (1.0 + np.exp(-logit))

    def fired(self, values: Mapping[str, float]) -> list[str]:
        return [
            signal
            for signal, threshold in self.signal_thresholds.items()
            if signal in values and values[signal] >= threshold
        ]


@dataclass(frozen=True)
class Calibration:
    models: dict[str, ScoringModel]
    provenance: str  # the data and command that produced it

    @classmethod
    def load(cls, path: Path = CALIBRATION_FILE) -> Calibration:
        data = json.loads(path.read_text(encoding="utf-8"))
        models = {
            name: ScoringModel(
                name=name,
                signals=tuple(model["signals"]),
                weights=tuple(model["weights"]),
                bias=model["bias"],
                threshold=model["threshold"],
                signal_thresholds=dict(model["signal_thresholds"]),
            )
            for name, model in data["models"].items()
        }
        return cls(models, data["provenance"])

    def save(self, path: Path = CALIBRATION_FILE) -> None:
        models = {}
        for name, model in self.models.items():
            entry = asdict(model)
            del entry["name"]
            models[name] = entry
        text = json.dumps({"provenance": self.provenance, "models": models}, indent=1)
        path.write_text(text + "\n", encoding="utf-8")
