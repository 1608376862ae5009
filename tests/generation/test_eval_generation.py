from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import SMALL_SCENE
from tests.fakes.llm import FakeLLM

pytestmark = [pytest.mark.render, pytest.mark.django_db]


def test_it_reports_first_attempt_and_repaired_success_with_autofix_counts(settings, tmp_path):
    suite = tmp_path / "suite.jsonl"
    suite.write_text("\n".join(json.dumps({"prompt": p}) for p in ("Spin a square", "Spin it again")) + "\n")
    broken = SMALL_SCENE.replace("Create(square)", "Create(sqare)")
    answers = [f"Here you go:\n```python\n{SMALL_SCENE}```",  # fixed by extraction: first attempt
               f"```python\n{broken}```", f"```python\n{SMALL_SCENE}```"]  # repaired on attempt 2
    out = io.StringIO()
    with FakeLLM(answers) as fake:
        settings.GENERATION_PROVIDER = "openai"
        settings.LLM_BASE_URL = fake.base_url
        call_command("eval_generation", "--suite", str(suite), stdout=out)
    report = out.getvalue()
    assert "first-attempt render success: 1/2 (50%)" in report
    assert "success after repair:         2/2 (100%)" in report
    assert "'extract': 3" in report  # every fenced answer, repairs included
    # The misspelt name is caught before rendering: two renders, not three.
    assert "median render seconds:" in report and "n=2" in report


def test_it_refuses_a_malformed_suite(tmp_path):
    suite = tmp_path / "bad.jsonl"
    suite.write_text('{"prompt": "ok"}\nnot json\n')
    with pytest.raises(CommandError, match="bad.jsonl:2 is not valid JSON"):
        call_command("eval_generation", "--suite", str(suite))
