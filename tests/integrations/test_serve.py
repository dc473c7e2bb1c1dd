"""The HTTP service: FastAPI's test client, then once a real server on loopback via ``qextract serve``."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.integrations.extras import needs

needs("fastapi")
needs("uvicorn")
needs("httpx")

from fastapi.testclient import TestClient  # noqa: E402

from qextract import Pipeline  # noqa: E402
from qextract.serve import create_app  # noqa: E402

SENTENCE = "2023年5月8日，区市场监管局局长王建国主持召开质量工作会议。"


@pytest.fixture(scope="module")
def client():
    app = create_app(Pipeline(), max_body_bytes=4_000, max_batch=3)
    with TestClient(app) as test_client:
        yield test_client


def test_one_text(client):
    response = client.post("/extract", json={"text": SENTENCE, "id": "a1", "publish_date": "2023-05-09"})
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == "a1"
    assert [official["name"] for official in body["officials"]] == ["王建国"]
    assert body["dates"][0]["value"] == "2023-05-08"


def test_batch_keeps_order(client):
    response = client.post("/extract", json={"documents": [{"text": SENTENCE, "id": "x"}, {"text": "", "id": "y"}]})
    assert response.status_code == 200
    assert [document["id"] for document in response.json()["documents"]] == ["x", "y"]


def test_batch_over_the_limit_is_refused(client):
    response = client.post("/extract", json={"documents": [{"text": "a"}] * 4})
    assert response.status_code == 413


def test_declared_body_over_the_limit_is_refused(client):
    response = client.post("/extract", json={"text": "字" * 2_000})
    assert response.status_code == 413
    assert "QEXTRACT_MAX_BODY_BYTES" in response.json()["detail"]


def test_streamed_body_over_the_limit_is_refused(client):
    body = json.dumps({"text": "字" * 2_000}).encode()
    chunks = iter([body[:3_000], body[3_000:]])  # no Content-Length: counted while read
    response = client.post("/extract", content=chunks, headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_malformed_request_is_a_422(client):
    assert client.post("/extract", json={"txt": SENTENCE}).status_code == 422


def test_input_over_the_pipeline_limit_is_a_413():
    app = create_app(Pipeline(max_chars=10))
    with TestClient(app) as small:
        response = small.post("/extract", json={"text": SENTENCE})
    assert response.status_code == 413


def test_health_schema_and_openapi(client):
    assert client.get("/health").json()["status"] == "ok"
    schema = client.get("/schema").json()
    assert "officials" in schema["properties"]
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/extract", "/health", "/schema"} <= set(paths)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str, timeout: float) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return bytes(response.read())


def test_real_server_on_loopback():
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "qextract", "serve", "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:  # bounded: one try every 0.25 s for at most a minute
            try:
                assert json.loads(_get(base + "/health", timeout=5))["status"] == "ok"
                break
            # Refused before the socket listens; a read that times out while the
            # server is still starting (a slow machine) is the same "not yet".
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"server did not come up: {server.stderr.read().decode() if server.stderr else ''}")
                time.sleep(0.25)
        request = urllib.request.Request(
            base + "/extract",
            data=json.dumps({"text": SENTENCE}).encode(),
            headers={"content-type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            body = json.loads(response.read())
        assert [official["name"] for official in body["officials"]] == ["王建国"]
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=5)
