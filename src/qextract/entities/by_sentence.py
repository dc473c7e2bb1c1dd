"""The entities of one text, with persons read sentence by sentence when asked.

Reading persons is the dearest part of the entity stage, and the matchers
look for persons in few places: next to a post (officials), before a role
verb (meetings), and where a name they already know is written again. So
the dictionary backend finds posts, bodies and places over the whole text
up front and reads the persons of a sentence only when a matcher asks for
that sentence. No person reading crosses a sentence end (。！？!?；; or a
line break), so a sentence's persons are the same whether the text is read
whole or one sentence at a time.

Backends that tag the whole text at once (spaCy, HanLP, any recogniser
with ``recognize``) are wrapped as they are: every question is answered
from the full list.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Callable, Iterable, Optional, Sequence

from qextract.entities.types import LOC, ORG, PERSON, TITLE, Entity
from qextract.segment.sentences import SENTENCE_END

# Persons of the text between two offsets, in any order.
PersonReader = Callable[[int, int], list[Entity]]


class DocumentEntities:
    """Entities of one text: all of them, or those of chosen sentences.

    ``fixed`` are the entities that do not depend on persons (posts and
    bodies); ``places`` give way to a person that overlaps them (王益群 is a
    person, not the place 王益). ``read_persons`` reads the persons between
    two offsets; when it is None, ``persons`` holds them all already.
    """

    def __init__(
        self,
        text: str,
        fixed: Sequence[Entity],
        places: Sequence[Entity] = (),
        *,
        read_persons: Optional[PersonReader] = None,
        persons: Sequence[Entity] = (),
    ) -> None:
        self.text = text
        self._fixed = list(fixed)
        self._places = list(places)
        self._read_persons = read_persons
        self._persons: dict[int, list[Entity]] = {}  # sentence index -> its persons
        self._starts = [0] + [match.end() for match in SENTENCE_END.finditer(text)]
        if read_persons is None:
            for person in persons:
                self._persons.setdefault(self._sentence_of(person.start), []).append(person)

    @classmethod
    def of(cls, text: str, entities: Iterable[Entity]) -> "DocumentEntities":
        """All entities already known (a model backend, or a caller's list)."""
        entities = list(entities)
        return cls(
            text,
            [entity for entity in entities if entity.label != PERSON],
            persons=[entity for entity in entities if entity.label == PERSON],
        )

    def everything(self) -> list[Entity]:
        """Every entity of the text, sorted by start."""
        self._read(range(len(self._starts)))
        return self._assembled(None)

    def in_sentences_with(self, label: str) -> list[Entity]:
        """Every entity of the sentences that hold an entity labelled ``label``, sorted."""
        chosen = {self._sentence_of(entity.start) for entity in self._fixed if entity.label == label}
        if label == LOC:
            chosen.update(self._sentence_of(entity.start) for entity in self._places)
        return self._entities_of(chosen)

    def in_sentences_at(self, offsets: Iterable[int]) -> list[Entity]:
        """Every entity of the sentences holding any of ``offsets``, sorted."""
        return self._entities_of({self._sentence_of(offset) for offset in offsets})

    def labelled(self, label: str) -> list[Entity]:
        """Every post (TITLE) or body (ORG) of the text, sorted by start."""
        if label not in (TITLE, ORG):
            raise ValueError(f"only posts and bodies are known for the whole text, not {label}")
        return [entity for entity in self._fixed if entity.label == label]

    def persons_at(self, offsets: Iterable[int]) -> list[Entity]:
        """The persons of the sentences holding any of ``offsets``, sorted by start."""
        chosen = sorted({self._sentence_of(offset) for offset in offsets})
        self._read(chosen)
        return sorted((person for index in chosen for person in self._persons.get(index, ())), key=_start)

    # -- inside --------------------------------------------------------------

    def _entities_of(self, sentences: set[int]) -> list[Entity]:
        self._read(sorted(sentences))
        return self._assembled(sentences)

    def _sentence_of(self, offset: int) -> int:
        return bisect_right(self._starts, offset) - 1

    def _bounds(self, index: int) -> tuple[int, int]:
        end = self._starts[index + 1] if index + 1 < len(self._starts) else len(self.text)
        return self._starts[index], end

    def _read(self, sentences: Iterable[int]) -> None:
        """Read the persons of the sentences not read yet, a run of neighbouring sentences at a time."""
        if self._read_persons is None:
            return
        pending = [index for index in sentences if index not in self._persons]
        run: list[int] = []
        for index in pending + [-1]:
            if run and index == run[-1] + 1:
                run.append(index)
                continue
            if run:
                self._read_run(run)
            run = [index] if index >= 0 else []

    def _read_run(self, run: list[int]) -> None:
        assert self._read_persons is not None
        low, high = self._bounds(run[0])[0], self._bounds(run[-1])[1]
        for index in run:
            self._persons[index] = []
        for person in self._read_persons(low, high):
            self._persons[self._sentence_of(person.start)].append(person)

    def _assembled(self, sentences: Optional[set[int]]) -> list[Entity]:
        def wanted(entity: Entity) -> bool:
            return sentences is None or self._sentence_of(entity.start) in sentences

        persons = [person for index, found in self._persons.items() if sentences is None or index in sentences for person in found]
        won: set[int] = set()
        for person in persons:
            won.update(range(person.start, person.end))
        places = [place for place in self._places if wanted(place) and not won.intersection(range(place.start, place.end))]
        fixed = [entity for entity in self._fixed if wanted(entity)]
        return sorted(fixed + places + persons, key=_start)


def _start(entity: Entity) -> int:
    return entity.start
