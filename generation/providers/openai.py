"""Any OpenAI-compatible chat completions endpoint: OpenAI, vLLM, llama.cpp server, Ollama."""

from __future__ import annotations

import time

import openai
from django.conf import settings

from ..prompts import repair_messages, system_messages
from . import Generation, ProviderError, ProviderUnavailable, RepairRequest


class OpenAIProvider:
    name = "openai"
    can_repair = True

    def __init__(self) -> None:
        self.model = settings.LLM_MODEL
        self.client = openai.OpenAI(
            base_url=settings.LLM_BASE_URL or None,
            # Local servers (llama.cpp, Ollama) accept any key; the client insists on one.
            api_key=settings.LLM_API_KEY or "not-needed",
            timeout=settings.LLM_TIMEOUT_S,
            max_retries=1,
        )

    def generate(self, prompt: str, options: dict, repair: RepairRequest | None = None) -> Generation:
        messages = repair_messages(prompt, repair.code, repair.error) if repair else system_messages(prompt)
        started = time.monotonic()
        first_token: float | None = None
        chunks: list[str] = []
        usage = None
        try:
            stream = self.client.chat.completions.create(
                model=self.model,
                messages=messages,
                temperature=settings.LLM_TEMPERATURE,
                max_tokens=settings.LLM_MAX_TOKENS,
                stream=True,
                stream_options={"include_usage": True},
            )
            for chunk in stream:
                if chunk.usage is not None:
                    usage = chunk.usage
                for choice in chunk.choices or []:
                    piece = choice.delta.content if choice.delta else None
                    if piece:
                        if first_token is None:
                            first_token = time.monotonic() - started
                        chunks.append(piece)
        except (openai.APIConnectionError, openai.APITimeoutError, openai.RateLimitError,
                openai.InternalServerError) as exc:
            raise ProviderUnavailable(f"The language model endpoint is unavailable: {exc}") from exc
        except openai.APIStatusError as exc:
            raise ProviderError(
                f"The language model endpoint refused the request (HTTP {exc.status_code}): {_message(exc)}"
            ) from exc
        text = "".join(chunks)
        if not text.strip():
            raise ProviderUnavailable("The language model returned an empty answer.")
        return Generation(
            text=text,
            model=self.model,
            prompt_tokens=getattr(usage, "prompt_tokens", 0) or 0,
            completion_tokens=getattr(usage, "completion_tokens", 0) or 0,
            seconds=time.monotonic() - started,
            first_token_seconds=first_token,
        )


def _message(exc: openai.APIStatusError) -> str:
    body = exc.body if isinstance(exc.body, dict) else {}
    error = body.get("error", body)
    if isinstance(error, dict) and error.get("message"):
        return str(error["message"])[:300]
    return str(exc)[:300]
