"""A loopback server that speaks the part of Stripe's HTTP API we use, plus webhook signing.

Point the real library at it with ``stripe.api_base = fake.url``. It accepts
form-encoded POSTs (``line_items[0][price]=…``) exactly as the library sends
them, answers with Stripe-shaped JSON objects and Stripe-shaped errors, and
keeps what it was sent in ``requests`` for assertions. Tests play the part of
Stripe's back office with ``pay_checkout`` and ``update_subscription``.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import re
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler

from tests.fakes.loopback import LoopbackServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

MONTH = 30 * 24 * 3600


def decode_form(body: str) -> dict[str, Any]:
    """``a[b][0][c]=1`` → ``{"a": {"b": [{"c": "1"}]}}``, the way Stripe reads its requests."""
    root: dict[str, Any] = {}
    for key, value in parse_qsl(body, keep_blank_values=True):
        parts = re.findall(r"[^\[\]]+", key)
        node = root
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value

    def listify(node: Any) -> Any:
        if isinstance(node, dict):
            node = {k: listify(v) for k, v in node.items()}
            if node and all(k.isdigit() for k in node):
                return [node[k] for k in sorted(node, key=int)]
        return node

    return listify(root)


def sign(payload: str, secret: str, timestamp: int | None = None) -> str:
    """A ``Stripe-Signature`` header: ``t=<unix>,v1=<HMAC-SHA256 of "t.payload">``."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(
        secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256
    ).hexdigest()
    return f"t={timestamp},v1={digest}"


_event_numbers = itertools.count(1)


def event(type: str, obj: dict, *, created: int | None = None, id: str | None = None) -> dict:
    """A Stripe event envelope around ``obj`` (a copy: later changes to the fake do not leak in)."""
    return {
        "id": id or f"evt_test_{next(_event_numbers)}_{secrets.token_hex(6)}",
        "object": "event",
        "api_version": "2025-03-31.basil",
        "created": created or int(time.time()),
        "livemode": False,
        "pending_webhooks": 1,
        "type": type,
        "data": {"object": json.loads(json.dumps(obj))},
    }


class FakeStripe(LoopbackServer):
    def __init__(self, api_key: str = "sk_test_fake_" + secrets.token_hex(4)):
        self.api_key = api_key
        self.customers: dict[str, dict] = {}
        self.checkout_sessions: dict[str, dict] = {}
        self.portal_sessions: dict[str, dict] = {}
        self.subscriptions: dict[str, dict] = {}
        self.requests: list[dict] = []
        self._lock = threading.Lock()
        super().__init__()

    @property
    def url(self) -> str:
        return self.origin

    def requests_to(self, path: str) -> list[dict]:
        return [r for r in self.requests if r["path"] == path]

    # --- Stripe's side of the world, driven by tests ------------------------------------------

    def create_subscription(
        self,
        customer: str,
        price: str,
        *,
        metadata: dict | None = None,
        status: str = "active",
        discounts: list | None = None,
    ) -> dict:
        now = int(time.time())
        sub_id = f"sub_{secrets.token_hex(8)}"
        subscription = {
            "id": sub_id,
            "object": "subscription",
            "customer": customer,
            "status": status,
            "cancel_at_period_end": False,
            "canceled_at": None,
            "created": now,
            "start_date": now,
            "livemode": False,
            "metadata": dict(metadata or {}),
            "discounts": list(discounts or []),
            # Since API 2025-03 the billing period lives on the item.
            "items": {
                "object": "list",
                "has_more": False,
                "url": f"/v1/subscription_items?subscription={sub_id}",
                "data": [
                    {
                        "id": f"si_{secrets.token_hex(8)}",
                        "object": "subscription_item",
                        "quantity": 1,
                        "subscription": sub_id,
                        "current_period_start": now,
                        "current_period_end": now + MONTH,
                        "price": {
                            "id": price,
                            "object": "price",
                            "currency": "usd",
                            "type": "recurring",
                            "recurring": {"interval": "month", "interval_count": 1},
                        },
                    }
                ],
            },
        }
        self.subscriptions[sub_id] = subscription
        return subscription

    def update_subscription(self, sub_id: str, **fields: Any) -> dict:
        subscription = self.subscriptions[sub_id]
        price = fields.pop("price", None)
        if price:
            subscription["items"]["data"][0]["price"]["id"] = price
        subscription.update(fields)
        if fields.get("status") == "canceled":
            subscription["canceled_at"] = int(time.time())
        return subscription

    def pay_checkout(self, session_id: str, *, status: str = "active") -> dict:
        """The customer paid: the session completes and its subscription exists."""
        session = self.checkout_sessions[session_id]
        data = session["_params"]
        subscription = self.create_subscription(
            session["customer"] or self._new_customer({})["id"],
            data["line_items"][0]["price"],
            metadata=(data.get("subscription_data") or {}).get("metadata"),
            status=status,
            discounts=[{"coupon": d["coupon"]} for d in data.get("discounts", []) if "coupon" in d],
        )
        session.update(
            status="complete",
            payment_status="paid",
            subscription=subscription["id"],
            customer=subscription["customer"],
        )
        return self.public(session)

    @staticmethod
    def public(obj: dict) -> dict:
        return {k: v for k, v in obj.items() if not k.startswith("_")}

    # --- The HTTP API ------------------------------------------------------------------------

    def _new_customer(self, params: dict) -> dict:
        customer = {
            "id": f"cus_{secrets.token_hex(7)}",
            "object": "customer",
            "created": int(time.time()),
            "email": params.get("email"),
            "name": params.get("name"),
            "livemode": False,
            "metadata": params.get("metadata") or {},
        }
        self.customers[customer["id"]] = customer
        return customer

    def _new_checkout_session(self, params: dict) -> tuple[int, dict]:
        if params.get("mode") != "subscription" or not params.get("line_items"):
            return 400, _error(
                "Missing required param: line_items.", "parameter_missing", "line_items"
            )
        if params.get("discounts") and params.get("allow_promotion_codes"):
            return 400, _error(
                "You may only specify one of these parameters: allow_promotion_codes, discounts.",
                "parameter_invalid",
                "discounts",
            )
        customer = params.get("customer")
        if customer and customer not in self.customers:
            return 400, _error(f"No such customer: '{customer}'", "resource_missing", "customer")
        session_id = f"cs_test_{secrets.token_hex(12)}"
        session = {
            "id": session_id,
            "object": "checkout.session",
            "mode": "subscription",
            "status": "open",
            "payment_status": "unpaid",
            "customer": customer,
            "client_reference_id": params.get("client_reference_id"),
            "metadata": params.get("metadata") or {},
            "subscription": None,
            "success_url": params.get("success_url"),
            "cancel_url": params.get("cancel_url"),
            "discounts": params.get("discounts") or [],
            "allow_promotion_codes": params.get("allow_promotion_codes") == "true",
            "url": f"https://checkout.stripe.com/c/pay/{session_id}",
            "livemode": False,
            "_params": params,
        }
        self.checkout_sessions[session_id] = session
        return 200, self.public(session)

    def _new_portal_session(self, params: dict) -> tuple[int, dict]:
        customer = params.get("customer")
        if customer not in self.customers:
            return 400, _error(f"No such customer: '{customer}'", "resource_missing", "customer")
        session_id = f"bps_{secrets.token_hex(10)}"
        session = {
            "id": session_id,
            "object": "billing_portal.session",
            "customer": customer,
            "return_url": params.get("return_url"),
            "livemode": False,
            "url": f"https://billing.stripe.com/p/session/{session_id}",
        }
        self.portal_sessions[session_id] = session
        return 200, session

    def dispatch(self, method: str, path: str, params: dict) -> tuple[int, dict]:
        with self._lock:
            if method == "POST" and path == "/v1/customers":
                return 200, self._new_customer(params)
            if method == "POST" and path == "/v1/checkout/sessions":
                return self._new_checkout_session(params)
            if method == "POST" and path == "/v1/billing_portal/sessions":
                return self._new_portal_session(params)
            match = re.fullmatch(r"/v1/(checkout/sessions|subscriptions|customers)/([\w-]+)", path)
            if method == "GET" and match:
                store = {
                    "checkout/sessions": self.checkout_sessions,
                    "subscriptions": self.subscriptions,
                    "customers": self.customers,
                }[match[1]]
                obj = store.get(match[2])
                if obj is None:
                    kind = match[1].split("/")[-1].rstrip("s")
                    return 404, _error(f"No such {kind}: '{match[2]}'", "resource_missing", "id")
                return 200, self.public(obj)
            return 404, _error(f"Unrecognized request URL ({method}: {path}).", None, None)

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def _serve(self, method: str) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length", 0) or 0)
                body = self.rfile.read(length).decode() if length else parts.query
                params = decode_form(body)
                fake.requests.append(
                    {
                        "method": method,
                        "path": parts.path,
                        "params": params,
                        "authorization": self.headers.get("Authorization"),
                    }
                )
                if self.headers.get("Authorization") != f"Bearer {fake.api_key}":
                    status, payload = (
                        401,
                        {
                            "error": {
                                "type": "invalid_request_error",
                                "message": "Invalid API Key provided.",
                            }
                        },
                    )
                else:
                    status, payload = fake.dispatch(method, parts.path, params)
                raw = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.send_header("Request-Id", f"req_{secrets.token_hex(7)}")
                self.end_headers()
                self.wfile.write(raw)

            def do_GET(self) -> None:
                self._serve("GET")

            def do_POST(self) -> None:
                self._serve("POST")

        return Handler


def _error(message: str, code: str | None, param: str | None) -> dict:
    error: dict[str, Any] = {"type": "invalid_request_error", "message": message}
    if code:
        error["code"] = code
    if param:
        error["param"] = param
    return {"error": error}
