"""The offline generator: prompts matched to the parameterised template library."""

from __future__ import annotations

import time

from ..library import TEMPLATES, match_prompt
from . import Generation, ProviderError, RepairRequest


class BuiltinProvider:
    name = "builtin"
    # Templates are deterministic: asking again gives the same code.
    can_repair = False

    def generate(self, prompt: str, options: dict, repair: RepairRequest | None = None) -> Generation:
        started = time.monotonic()
        found = match_prompt(prompt)
        if found is None:
            titles = ", ".join(t.title.lower() for t in list(TEMPLATES.values())[:6])
            raise ProviderError(
                "The offline generator has no template for this prompt. It can animate, for example: "
                f"{titles} ({len(TEMPLATES)} templates in all, with example prompts, at GET /api/v1/templates). "
                "Rephrase the prompt along those lines, or configure an LLM (LLM_BASE_URL / LLM_API_KEY)."
            )
        code = found.template.code(found.values)
        return Generation(text=code, model=f"builtin:{found.template.slug}", seconds=time.monotonic() - started)
