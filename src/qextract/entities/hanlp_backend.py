"""Entities from a HanLP model (extra ``qextract[hanlp]``).

Works with a single-task NER component (``hanlp.load`` of an NER model, or
one you trained) and with a multi-task model that has NER tasks. Both
take tokenised sentences and return ``(text, label, first, last + 1)``
tuples in token indices; we keep each token's character offsets, so the
indices turn back into offsets of the clean text.

Tokens: ``"word"`` (default) feeds qextract's jieba words, which is what
HanLP's word-level pretrained NER and multi-task models expect;
``"char"`` feeds single characters, for character-level models.

Labels of the MSRA (NR/NS/NT), OntoNotes (PERSON/ORG/GPE/LOC) and PKU
(nr/ns/nt) tagsets map onto ours through
``data/entities/backend_labels.json``; a multi-task model's task is chosen
with ``task=`` (default: the first of ``ner/msra``, ``ner/ontonotes``,
``ner/pku``, then any task whose name starts with ``ner``).

Nothing is downloaded: a model is a local folder, or an identifier
(``hanlp.pretrained`` name or URL) already in the HanLP cache
(``HANLP_HOME``); anything else raises :class:`MissingBackendError` naming it.
"""

from __future__ import annotations

import os
from bisect import bisect_left
from typing import Any, Mapping, Optional, Sequence

from qextract.entities.backends import check_overrides, disjoint, map_label, missing
from qextract.entities.types import Entity
from qextract.errors import ConfigError, MissingBackendError
from qextract.segment.sentences import Sentence, split_sentences
from qextract.segment.tokenizer import Token, shared_default_tokenizer

TOKEN_MODES = ("word", "char")
PREFERRED_TASKS = ("ner/msra", "ner/ontonotes", "ner/pku")
# (start, end) of each token fed to the model, in clean-text offsets.
Offsets = list[tuple[int, int]]


def _import_hanlp() -> Any:
    try:
        import hanlp
    except ImportError as exc:
        raise missing("hanlp", "hanlp", "the HanLP entity backend") from exc
    return hanlp


def load_hanlp_model(model: Any) -> Any:
    """A callable HanLP component: ``model`` itself, or loaded from a folder or a cached identifier."""
    if not isinstance(model, (str, os.PathLike)):
        if not callable(model):
            raise MissingBackendError(f"hanlp_model must be a path, an identifier or a HanLP component, not {type(model).__name__}")
        return model
    hanlp = _import_hanlp()
    name = os.fspath(model)
    location = _local_location(hanlp, name)
    try:
        return hanlp.load(location, verbose=False)
    except (OSError, ValueError, KeyError, ModuleNotFoundError) as exc:
        raise MissingBackendError(f"HanLP model {name!r} could not be loaded from {location}: {exc}") from exc


def _local_location(hanlp: Any, name: str) -> str:
    """Where ``name`` lies on disk, without downloading it."""
    if os.path.exists(name):
        return name
    from hanlp.utils.io_util import hanlp_home, path_from_url, split_if_compressed

    url = str(hanlp.pretrained.ALL.get(name, name))
    if url.startswith(("http:", "https:")):
        address = url.split("#", 1)[0]
        folder, _ = split_if_compressed(path_from_url(address))
        if os.path.isdir(folder):
            return url  # cached: hanlp.load finds it without a download
        raise MissingBackendError(
            f"HanLP model {name!r} is not in the HanLP cache ({hanlp_home()}) and qextract downloads no models: "
            f"run hanlp.load({name!r}) once where the network is reachable, or pass the model's local folder"
        )
    raise MissingBackendError(
        f"HanLP model {name!r} is neither a local folder nor a known HanLP identifier (hanlp.pretrained)"
    )


class HanLPEntityRecognizer:
    """PERSON / ORG / LOC (and TITLE, where a tagset has it) from a HanLP model."""

    def __init__(
        self,
        model: Any,
        *,
        tokens: str = "word",
        task: Optional[str] = None,
        labels: Optional[Mapping[str, Optional[str]]] = None,
        batch_size: int = 32,
    ) -> None:
        if tokens not in TOKEN_MODES:
            raise ConfigError(f"tokens={tokens!r}; choose from {list(TOKEN_MODES)}")
        check_overrides(labels)
        self.model = load_hanlp_model(model)
        self._multi_task = hasattr(self.model, "tasks")
        self._task = task
        self._tokens = tokens
        self._labels = dict(labels or {})
        self._batch_size = batch_size

    def recognize(self, text: str, tokens: Optional[Sequence[Token]] = None) -> list[Entity]:
        words = list(tokens) if tokens is not None else None
        word_starts = [token.start for token in words] if words is not None else []
        sentences: list[list[str]] = []
        offsets: list[Offsets] = []
        for sentence in split_sentences(text):
            pieces = self._pieces(text, sentence, words, word_starts)
            if pieces:
                offsets.append(pieces)
                sentences.append([text[start:end] for start, end in pieces])
        found: list[Entity] = []
        for first in range(0, len(sentences), self._batch_size):
            batch = sentences[first : first + self._batch_size]
            spans = self._predict(batch)
            for sentence_offsets, sentence_spans in zip(offsets[first : first + len(batch)], spans):
                found.extend(entities_from_spans(text, sentence_offsets, sentence_spans, self._labels))
        return disjoint(found)

    def _pieces(self, text: str, sentence: Sentence, words: Optional[list[Token]], word_starts: list[int]) -> Offsets:
        if self._tokens == "char":
            return [(index, index + 1) for index in range(sentence.start, sentence.end) if not text[index].isspace()]
        if words is None:
            local = shared_default_tokenizer().tokens(sentence.text)
            return [(sentence.start + t.start, sentence.start + t.end) for t in local if t.text.strip()]
        pieces = []
        index = bisect_left(word_starts, sentence.start)
        while index < len(words) and words[index].end <= sentence.end:
            if words[index].text.strip():
                pieces.append((words[index].start, words[index].end))
            index += 1
        return pieces

    def _predict(self, batch: list[list[str]]) -> list[Any]:
        if not self._multi_task:
            return list(self.model(batch))
        output = self.model(batch, tasks=self._task or "ner*", skip_tasks="tok*")
        return list(output[ner_task(output, self._task)])


def ner_task(output: Mapping[str, Any], task: Optional[str] = None) -> str:
    """The key of the NER task to read in a multi-task model's output."""
    if task is not None:
        if task not in output:
            raise ConfigError(f"the HanLP model has no task {task!r}; its output has {sorted(output)}")
        return task
    for name in PREFERRED_TASKS:
        if name in output:
            return name
    for name in output:
        if name.startswith("ner"):
            return name
    raise ConfigError(f"the HanLP model gave no NER output (tasks {sorted(output)}); pass a model with an NER task")


def entities_from_spans(
    text: str,
    offsets: Offsets,
    spans: Sequence[Sequence[Any]],
    labels: Optional[Mapping[str, Optional[str]]] = None,
) -> list[Entity]:
    """HanLP ``(text, label, first, end)`` token spans -> entities of the clean text."""
    found = []
    for span in spans:
        _, label, first, end = span[:4]
        ours = map_label(str(label), labels)
        if ours is None or not 0 <= first < end <= len(offsets):
            continue
        start, stop = offsets[first][0], offsets[end - 1][1]
        found.append(Entity(start, stop, ours, text[start:stop], kind=str(label)))
    return found
