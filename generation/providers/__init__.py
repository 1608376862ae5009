"""Where code comes from: the offline template library or an OpenAI-compatible LLM."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from django.conf import settings


@dataclass
class Generation:
    """What one provider call produced, with what it cost."""

    text: str
    model: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    first_token_seconds: float | None = None


@dataclass
class RepairRequest:
    """The previous attempt's code and the error it hit, for a repair prompt."""

    code: str
    error: str


class ProviderError(Exception):
    """The provider cannot produce code for this request; retrying will not help."""


class ProviderUnavailable(Exception):
    """The provider could not be reached or was overloaded; worth a retry later."""


class Provider(Protocol):
    name: str
    can_repair: bool

    def generate(self, prompt: str, options: dict, repair: RepairRequest | None = None) -> Generation: ...


def get_provider(name: str | None = None) -> Provider:
    name = name or settings.GENERATION_PROVIDER
    if name == "builtin":
        from .builtin import BuiltinProvider

        return BuiltinProvider()
    if name == "openai":
        from .openai import OpenAIProvider

        return OpenAIProvider()
    raise ProviderError(f"Unknown generation provider {name!r}.")
