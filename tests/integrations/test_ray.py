"""qextract.ray on a local Ray instance (one for the whole run), and its batch class alone."""

from __future__ import annotations

import json

import pytest

from tests.conftest import ARTICLES
from tests.integrations.extras import needs

needs("ray.data")
pyarrow = needs("pyarrow")
parquet = needs("pyarrow.parquet")

import qextract.ray  # noqa: E402
from qextract import ConfigError, Pipeline  # noqa: E402
from qextract.records import RECORD_TYPES  # noqa: E402


def test_extract_dataset_adds_record_columns_in_one_schema(ray_instance, tmp_path):
    rows = [{"page": path.stem, "body": path.read_text(encoding="utf-8")} for path in ARTICLES[:2]]
    rows.append({"page": "blank", "body": ""})
    dataset = ray_instance.data.from_items(rows)
    result = qextract.ray.extract_dataset(dataset, text_column="body", id_column="page", workers=2, batch_size=2)

    result.write_parquet(str(tmp_path / "out"))
    table = parquet.read_table(str(tmp_path / "out"))  # every block wrote the same schema
    assert set(table.column_names) >= {"page", "body", "title", "error", "warnings", *RECORD_TYPES}
    by_page = {row["page"]: row for row in table.to_pylist()}
    assert set(by_page) == {row["page"] for row in rows}

    expected = Pipeline()(rows[0]["body"], id=rows[0]["page"])
    got = by_page[rows[0]["page"]]
    assert got["title"] == expected.title
    assert [official["name"] for official in got["officials"]] == [official.name for official in expected.officials]
    assert [date["value"] for date in got["dates"]] == [date.value for date in expected.dates]
    assert by_page["blank"]["officials"] == []


def test_batch_class_alone_with_json_columns():
    batch = pyarrow.table({"text": ["2023年5月8日，局长王建国主持会议。", None], "when": ["2023-05-09", None]})
    worker = qextract.ray.ExtractBatch("text", None, "when", ["dates", "officials"], 1_000_000, as_json=True)
    out = worker(batch)
    assert out.column_names == ["text", "when", "title", "publish_date", "source", "error", "warnings", "dates", "officials"]
    officials = json.loads(out.column("officials")[0].as_py())
    assert [official["name"] for official in officials] == ["王建国"]
    assert json.loads(out.column("dates")[1].as_py()) == []


def test_bad_record_type_fails_before_any_work(ray_instance):
    dataset = ray_instance.data.from_items([{"text": "x"}])
    with pytest.raises(ConfigError):
        qextract.ray.extract_dataset(dataset, records=["no_such_type"])
