"""qextract as an HTTP service (extra ``qextract[serve]``): ``qextract serve`` or ``uvicorn qextract.serve:app``.

Endpoints:

* ``POST /extract`` — ``{"text": ..., "id": ..., "publish_date": ...}`` gives
  one Document; ``{"documents": [{"text": ...}, ...]}`` gives
  ``{"documents": [...]}`` in input order, a document that cannot be read
  becoming an error record in its place;
* ``GET /health`` — liveness, version and record types;
* ``GET /schema`` — the JSON Schema of a Document;
* ``GET /docs``, ``GET /openapi.json`` — the OpenAPI description.

Limits (environment variables, read when the app is built):
``QEXTRACT_MAX_BODY_BYTES`` (default 10 MiB; larger requests get 413
before they are read), ``QEXTRACT_MAX_BATCH`` (default 256 documents per
request), ``QEXTRACT_RECORDS`` (comma-separated record types; default all).
"""

from __future__ import annotations

import os
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, Awaitable, Callable, MutableMapping, Optional, Union

from fastapi import FastAPI, HTTPException
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

import qextract
from qextract.errors import InputTooLargeError, QextractError
from qextract.pipeline import Pipeline
from qextract.schema import document_schema

DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_BATCH = 256
_WARM_UP_TEXT = "2024年1月2日，市场监管局召开会议。"

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class ExtractRequest(BaseModel):
    """One article."""

    text: str = Field(description="the page text as scraped (traditional or simplified script)")
    id: Optional[str] = Field(default=None, description="your id for the article; a content hash when absent")
    publish_date: Optional[str] = Field(default=None, description="ISO date used to resolve year-less dates")


class BatchRequest(BaseModel):
    """Several articles in one request."""

    documents: list[ExtractRequest]


class BodySizeLimit:
    """ASGI middleware: 413 for a request body over ``max_bytes``, declared or streamed."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        received = 0
        started = False
        refused = False

        async def counting_receive() -> Message:
            nonlocal received, refused
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes and not refused:
                refused = True
                if not started:
                    await self._refuse(scope, receive, send)
                # the app sees the client go away; whatever it answers is dropped below
                return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if refused:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        await self.app(scope, counting_receive, guarded_send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = JSONResponse(
            {"detail": f"request body over the limit of {self.max_bytes} bytes (QEXTRACT_MAX_BODY_BYTES)"},
            status_code=413,
        )
        await response(scope, receive, send)


def create_app(
    pipeline: Optional[Pipeline] = None,
    *,
    max_body_bytes: Optional[int] = None,
    max_batch: Optional[int] = None,
) -> FastAPI:
    """A FastAPI app around ``pipeline`` (default: one built from ``QEXTRACT_RECORDS``)."""
    body_limit = max_body_bytes if max_body_bytes is not None else _env_int("QEXTRACT_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES)
    batch_limit = max_batch if max_batch is not None else _env_int("QEXTRACT_MAX_BATCH", DEFAULT_MAX_BATCH)
    chosen = pipeline if pipeline is not None else Pipeline(_env_records())

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        chosen.safe_call(_WARM_UP_TEXT)  # loads jieba and the lexicons before the first request
        yield

    app = FastAPI(
        title="qextract",
        version=qextract.__version__,
        description="Typed records from Chinese quality and market-regulation news.",
        lifespan=lifespan,
    )
    app.add_middleware(BodySizeLimit, max_bytes=body_limit)

    @app.post("/extract", summary="extract records from one article or a batch")
    def extract(request: Union[ExtractRequest, BatchRequest]) -> dict[str, Any]:
        if isinstance(request, BatchRequest):
            if len(request.documents) > batch_limit:
                raise HTTPException(413, f"{len(request.documents)} documents, over the limit of {batch_limit} (QEXTRACT_MAX_BATCH)")
            documents = [chosen.safe_call(item.model_dump(exclude_none=True)) for item in request.documents]
            return {"documents": [document.to_dict(encode_json=False) for document in documents]}
        try:
            document = chosen(request.text, id=request.id, publish_date=request.publish_date)
        except InputTooLargeError as exc:
            raise HTTPException(413, str(exc)) from exc
        except QextractError as exc:
            raise HTTPException(422, str(exc)) from exc
        return document.to_dict(encode_json=False)

    @app.get("/health", summary="liveness")
    def health() -> dict[str, Any]:
        return {"status": "ok", "version": qextract.__version__, "records": list(chosen.config.records)}

    @app.get("/schema", summary="JSON Schema of a Document")
    def schema() -> dict[str, Any]:
        return document_schema()

    return app


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _env_records() -> Optional[list[str]]:
    value = os.environ.get("QEXTRACT_RECORDS", "").strip()
    return [name.strip() for name in value.split(",") if name.strip()] if value else None


app = create_app()
