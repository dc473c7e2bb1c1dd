"""Shared, expensive things of the integration tests, built once per run.

* ``hanlp_model_dir``: no HanLP model can be downloaded here, so the suite
  trains a small character-level NER model on sentences it generates from
  ``data/hanlp_training.json``, saves it, and the tests load it with the
  real loading code, as a user's model would be. RNN tagger, random 64-dim
  embeddings, no CRF (HanLP 2.1.5's CRF decoding gives garbage); a high
  learning rate and little dropout reach a perfect dev score in about five
  epochs.
* ``ray_instance``: one local Ray instance for the Ray tests (starting one
  costs seconds and over a gigabyte), shut down after them.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Iterator

import pytest

from tests.integrations.extras import needs

DATA = Path(__file__).parent / "data"
_SLOT = re.compile(r"(\{person\}|\{place\}|\{body\}|\{org\})")


def _tagged(piece: str, label: str | None) -> list[tuple[str, str]]:
    if label is None:
        return [(char, "O") for char in piece]
    return [(char, ("B-" if index == 0 else "I-") + label) for index, char in enumerate(piece)]


def training_sentence(vocabulary: dict, rng: random.Random) -> list[tuple[str, str]]:
    """One frame filled with random names: (character, BIO tag) pairs."""
    pairs: list[tuple[str, str]] = []
    for piece in _SLOT.split(rng.choice(vocabulary["frames"])):
        if piece == "{person}":
            pairs += _tagged(rng.choice(vocabulary["persons"]), "NR")
        elif piece == "{place}":
            pairs += _tagged(rng.choice(vocabulary["places"]), "NS")
        elif piece == "{org}":
            pairs += _tagged(rng.choice(vocabulary["places"]) + rng.choice(vocabulary["bodies"]), "NT")
        elif piece == "{body}":
            pairs += _tagged(rng.choice(vocabulary["bodies"]), "NT")
        else:
            pairs += _tagged(piece, None)
    return pairs


def _write_tsv(path: Path, sentences: list[list[tuple[str, str]]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for sentence in sentences:
            handle.writelines(f"{char}\t{tag}\n" for char, tag in sentence)
            handle.write("\n")


@pytest.fixture(scope="session")
def hanlp_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    needs("hanlp")
    torch = needs("torch")
    from hanlp.components.ner.rnn_ner import RNNNamedEntityRecognizer

    vocabulary = json.loads((DATA / "hanlp_training.json").read_text(encoding="utf-8"))
    rng = random.Random(20240607)
    torch.manual_seed(20240607)
    root = tmp_path_factory.mktemp("hanlp")
    _write_tsv(root / "train.tsv", [training_sentence(vocabulary, rng) for _ in range(200)])
    _write_tsv(root / "dev.tsv", [training_sentence(vocabulary, rng) for _ in range(40)])
    model_dir = root / "ner_model"
    RNNNamedEntityRecognizer().fit(
        str(root / "train.tsv"),
        str(root / "dev.tsv"),
        str(model_dir),
        embed=64,
        rnn_hidden=64,
        crf=False,
        epochs=8,
        lr=0.01,
        drop=0.2,
        batch_size=32,
        tagging_scheme="BIO",
        verbose=False,
    )
    return model_dir


@pytest.fixture(scope="module")
def ray_instance() -> Iterator[object]:
    # Module scope: every Ray test sits in test_ray.py, and the instance
    # (over a gigabyte, two busy processes) is gone before the other tests run.
    ray = needs("ray")
    needs("ray.data")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        yield ray
    finally:
        ray.shutdown()


@pytest.fixture(scope="session")
def ruler_nlp() -> object:
    """A blank Chinese spaCy pipeline whose entity ruler knows a few invented names."""
    spacy = needs("spacy")
    nlp = spacy.blank("zh")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "PERSON", "pattern": "木子川"},
            {"label": "PERSON", "pattern": "禾苗青"},
            {"label": "ORG", "pattern": "示范区市场监管局"},
            {"label": "GPE", "pattern": "青岚市"},
            {"label": "DATE", "pattern": "三月"},
        ]
    )
    return nlp
