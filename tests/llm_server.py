"""A scripted OpenAI-compatible chat server on 127.0.0.1 for offline LLM tests.

The real openai client and real instructor talk to it over HTTP, so retries, timeouts and status codes behave as in production.

    with LLMServer() as server:
        server.expect(status(429), hints({1: ("Striped big cat", "🐅🌿")}))
        provider = LLMHintProvider(..., base_url=server.base_url)
        ...
        server.requests[0]["body"]["messages"]

Replies are served in order; when the script is empty, ``responder(body)`` (if
given) makes one, else the server answers 500 "script exhausted".  A reply's
payload is sent the way the request asks for it: as a forced tool call when
the request has ``tools`` (instructor Mode.TOOLS), else as message content
(JSON modes).  Bodies and headers of all requests are recorded, in the order
they arrived (a request is recorded before its reply is delayed or sent).

``hints({n: (clue, emoji)})`` scripts a well-behaved model: item ``n`` is for
the n-th answer of the request (1-based), and the server writes that answer
into the item, as the model is asked to.  To script a misbehaving model (ids
from 0, items reordered, missing or extra, a wrong answer echoed), give the
items with their own ``answer``: ``items({"id": 0, "answer": "TIGER", ...})``;
an item that names its answer is sent as written.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    payload: Any = None  # dict/list -> JSON; str -> sent as is (malformed JSON tests)
    status: int = 200
    body: Any = None  # for non-200 replies
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    finish_reason: str | None = None


def hints(
    items: Mapping[int, tuple[str, str]] | Iterable[tuple[int, str, str]], **kw: Any
) -> Reply:
    """A HintBatch reply: {id: (clue, emoji)}."""
    pairs = items.items() if isinstance(items, Mapping) else ((i, (c, e)) for i, c, e in items)
    return Reply({"items": [{"id": i, "clue": c, "emoji": e} for i, (c, e) in pairs]}, **kw)


def items(*given: Mapping[str, Any], **kw: Any) -> Reply:
    """A HintBatch reply with the items exactly as given (answer, clue, emoji, id ...)."""
    return Reply({"items": [dict(item) for item in given]}, **kw)


def words(*ws: str, **kw: Any) -> Reply:
    return Reply({"words": [{"word": w, "why": "on topic"} for w in ws]}, **kw)


def status(code: int, message: str = "error", *, retry_after_ms: int | None = 1) -> Reply:
    headers = {"retry-after-ms": str(retry_after_ms)} if retry_after_ms is not None else {}
    return Reply(status=code, body={"error": {"message": message, "type": "test"}}, headers=headers)


def raw(text: str, **kw: Any) -> Reply:
    return Reply(text, **kw)


def slow(seconds: float, reply: Reply) -> Reply:
    reply.delay = seconds
    return reply


def estimate_tokens(text: str) -> int:
    """A tokenizer-free estimate (~4 ASCII characters a token, ~2 tokens an emoji)."""
    ascii_chars = sum(1 for c in text if ord(c) < 128)
    other = len(text) - ascii_chars
    return max(1, round(ascii_chars / 4 + other * 1.2))


_ANSWER_LINE = re.compile(r"^- ([A-Z]+) \(", re.M)


def answers_in(body: Mapping[str, Any]) -> list[tuple[int, str]]:
    """[(n, ANSWER)] asked for in a hint request (from the user message), n from 1."""
    user = [m for m in body.get("messages", []) if m.get("role") == "user"]
    text = user[-1]["content"] if user else ""
    if isinstance(text, list):  # content parts
        text = " ".join(p.get("text", "") for p in text)
    return list(enumerate(_ANSWER_LINE.findall(text), start=1))


def echo_answers(body: Mapping[str, Any], payload: Any) -> Any:
    """Items scripted by position get the answer they stand for, as a model writes it."""
    if not (isinstance(payload, dict) and isinstance(payload.get("items"), list)):
        return payload
    asked = dict(answers_in(body))
    echoed = []
    for item in payload["items"]:
        if isinstance(item, dict) and "answer" not in item and item.get("id") in asked:
            rest = {k: v for k, v in item.items() if k != "id"}  # the schema has no id
            item = {"answer": asked[item["id"]], **rest}
        echoed.append(item)
    return {**payload, "items": echoed}


def completion(body: Mapping[str, Any], reply: Reply) -> dict[str, Any]:
    payload = echo_answers(body, reply.payload)
    text = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
    message: dict[str, Any] = {"role": "assistant", "content": None}
    tools = body.get("tools") or []
    if tools:
        name = tools[0]["function"]["name"]
        message["tool_calls"] = [
            {"id": "call_1", "type": "function", "function": {"name": name, "arguments": text}}
        ]
        finish = "tool_calls"
    else:
        message["content"] = text
        finish = "stop"
    prompt = reply.prompt_tokens
    if prompt is None:
        prompt = estimate_tokens(json.dumps(body.get("messages", []), ensure_ascii=False))
        prompt += estimate_tokens(
            json.dumps(tools or body.get("response_format") or "", ensure_ascii=False)
        )
    done = reply.completion_tokens if reply.completion_tokens is not None else estimate_tokens(text)
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 0,
        "model": body.get("model", "test-model"),
        "choices": [
            {"index": 0, "message": message, "finish_reason": reply.finish_reason or finish}
        ],
        "usage": {
            "prompt_tokens": prompt,
            "completion_tokens": done,
            "total_tokens": prompt + done,
        },
    }


class LLMServer:
    """ThreadingHTTPServer on an ephemeral loopback port serving scripted replies."""

    def __init__(
        self,
        script: Iterable[Reply] = (),
        *,
        responder: Callable[[dict[str, Any]], Reply] | None = None,
    ) -> None:
        self.script: list[Reply] = list(script)
        self.responder = responder
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                length = int(self.headers.get("content-length") or 0)
                data = self.rfile.read(length) if length else b"{}"
                body = json.loads(data or b"{}")
                reply = outer._next(
                    self.path, body, {k.lower(): v for k, v in self.headers.items()}
                )
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.status == 200:
                    payload = completion(body, reply)
                else:
                    payload = reply.body or {"error": {"message": "error"}}
                out = json.dumps(payload, ensure_ascii=False).encode()
                try:
                    self.send_response(reply.status)
                    self.send_header("content-type", "application/json")
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    self.send_header("content-length", str(len(out)))
                    self.end_headers()
                    self.wfile.write(out)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout tests)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def _next(self, path: str, body: dict[str, Any], headers: dict[str, str]) -> Reply:
        with self._lock:
            self.requests.append({"path": path, "body": body, "headers": headers})
            if self.script:
                return self.script.pop(0)
        if self.responder is not None:
            return self.responder(body)
        return status(500, "script exhausted", retry_after_ms=None)

    def expect(self, *replies: Reply) -> None:
        with self._lock:
            self.script.extend(replies)

    @property
    def bodies(self) -> list[dict[str, Any]]:
        return [r["body"] for r in self.requests]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> LLMServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
