"""A loopback server that speaks OpenAI's /v1/moderations wire format.

``FakeModeration(flag={"word": "category"})`` flags any input containing ``word`` (case
insensitive) under ``category`` (e.g. "violence/graphic"), with that category's score
high and the rest low. ``status=500`` answers every request with an OpenAI-style error
instead. Tests read back the requests it got from ``.requests``.
"""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler

from tests.fakes.loopback import LoopbackServer

# omni-moderation-latest's categories, in the order the API lists them.
CATEGORIES = (
    "harassment", "harassment/threatening", "hate", "hate/threatening", "illicit", "illicit/violent",
    "self-harm", "self-harm/intent", "self-harm/instructions", "sexual", "sexual/minors",
    "violence", "violence/graphic",
)


class FakeModeration(LoopbackServer):
    def __init__(self, flag: dict[str, str] | None = None, status: int = 200):
        self.flag = {word.lower(): category for word, category in (flag or {}).items()}
        self.status = status
        self.requests: list[dict] = []
        super().__init__()

    @property
    def base_url(self) -> str:
        return f"{self.origin}/v1"

    def result_for(self, text: str) -> dict:
        hits = [category for word, category in self.flag.items() if word in text.lower()]
        categories = {name: name in hits for name in CATEGORIES}
        # A flagged sub-category also flags its parent, as the real endpoint does.
        for name in hits:
            categories[name.split("/")[0]] = True
        scores = {name: (0.97 if name in hits else 0.9 if categories[name] else 0.0004)
                  for name in CATEGORIES}
        return {
            "flagged": bool(hits),
            "categories": categories,
            "category_scores": scores,
            "category_applied_input_types": {name: ["text"] for name in CATEGORIES},
        }

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
                if not self.path.endswith("/moderations"):
                    return self._json(404, {"error": {"message": "not found", "type": "invalid_request_error",
                                                      "param": None, "code": None}})
                if fake.status != 200:
                    return self._json(fake.status, {"error": {"message": "The server had an error "
                                                              "while processing your request.",
                                                              "type": "server_error", "param": None,
                                                              "code": None}})
                inputs = body.get("input", "")
                inputs = inputs if isinstance(inputs, list) else [inputs]
                texts = [item.get("text", "") if isinstance(item, dict) else str(item) for item in inputs]
                return self._json(200, {
                    "id": "modr-fake",
                    "model": body.get("model", "omni-moderation-latest"),
                    "results": [fake.result_for(text) for text in texts],
                })

            def _json(self, status: int, payload: dict) -> None:
                raw = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

        return Handler
