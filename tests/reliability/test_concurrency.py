"""Concurrency: one Pipeline shared by threads, and a process pool, give the serial results in input order.

(The plain forms of both live in tests/test_pipeline.py; these mix in
hostile and failing items, whose error Documents must line up as well.)
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from qextract import Pipeline

from .pathological import TEXTS, binary_file, invalid_utf8
from .support import ARTICLE_TEXTS

# Three articles: every thread walks every item, so the run is eight times the list.
ITEMS: list = [
    *ARTICLE_TEXTS[:3],
    *(make(1_000) for make in TEXTS.values()),
    binary_file(),
    invalid_utf8(),
    {"text": ARTICLE_TEXTS[0], "id": "with-id", "publish_date": "2024-03-16"},
    {"id": "no-text"},
    None,
    "",
]


def _serial(pipeline: Pipeline) -> list[str]:
    return [document.to_json() for document in pipeline.pipe(ITEMS)]


def test_eight_threads_on_one_pipeline(pipeline: Pipeline) -> None:
    expected = _serial(pipeline)
    start = threading.Barrier(8)

    def work(offset: int) -> list[str]:
        start.wait()  # all threads in the pipeline at once
        order = list(range(len(ITEMS)))
        order = order[offset:] + order[:offset]  # each thread walks the items from another place
        results = {index: pipeline.safe_call(ITEMS[index]).to_json() for index in order}
        return [results[index] for index in range(len(ITEMS))]

    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(work, range(8)))
    assert all(outcome == expected for outcome in outcomes)


def test_two_processes_keep_order_and_errors(pipeline: Pipeline) -> None:
    expected = _serial(pipeline)
    assert [document.to_json() for document in pipeline.pipe(ITEMS, n_process=2, batch_size=3)] == expected
    errors = [index for index, line in enumerate(expected) if '"error"' in line]
    assert len(errors) >= 3  # the binary file, the item without text, None
