"""A loopback server that speaks the OpenAI chat completions wire format (streaming and not).

Tests queue the answers it gives, in order, and read back the requests it got.
"""

from __future__ import annotations

import json
import time
from http.server import BaseHTTPRequestHandler

from tests.fakes.loopback import LoopbackServer


class FakeLLM(LoopbackServer):
    def __init__(self, answers: list[str] | None = None, status: int = 200):
        self.answers = list(answers or [])
        self.status = status
        self.requests: list[dict] = []
        super().__init__()

    @property
    def base_url(self) -> str:
        return f"{self.origin}/v1"

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append({"path": self.path, "body": body,
                                      "authorization": self.headers.get("Authorization")})
                if not self.path.endswith("/chat/completions"):
                    return self._json(404, {"error": {"message": "not found", "type": "invalid_request_error"}})
                if fake.status != 200:
                    return self._json(fake.status, {"error": {"message": "Incorrect API key provided",
                                                              "type": "invalid_request_error"}})
                answer = fake.answers.pop(0) if fake.answers else "I cannot help with that."
                prompt_tokens = sum(len(m["content"].split()) for m in body["messages"])
                completion_tokens = len(answer.split())
                if body.get("stream"):
                    return self._stream(body["model"], answer, prompt_tokens, completion_tokens)
                return self._json(200, {
                    "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()),
                    "model": body["model"],
                    "choices": [{"index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant", "content": answer}}],
                    "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                              "total_tokens": prompt_tokens + completion_tokens},
                })

            def _json(self, status: int, payload: dict) -> None:
                raw = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def _stream(self, model: str, answer: str, prompt_tokens: int, completion_tokens: int) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                base = {"id": "chatcmpl-fake", "object": "chat.completion.chunk",
                        "created": int(time.time()), "model": model}
                pieces = [answer[i:i + 40] for i in range(0, len(answer), 40)]
                for index, piece in enumerate(pieces):
                    delta = {"content": piece} if index else {"role": "assistant", "content": piece}
                    self._event({**base, "choices": [{"index": 0, "delta": delta, "finish_reason": None}]})
                self._event({**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
                self._event({**base, "choices": [], "usage": {
                    "prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                    "total_tokens": prompt_tokens + completion_tokens}})
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

            def _event(self, payload: dict) -> None:
                self.wfile.write(f"data: {json.dumps(payload)}\n\n".encode())
                self.wfile.flush()

        return Handler
