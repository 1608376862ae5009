"""Realistic broken model answers, served by a loopback OpenAI-compatible server, become videos."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.storage import default_storage

from generation import pipeline
from generation.models import Animation
from tests.conftest import assert_valid_video
from tests.factories import make_user
from tests.fakes.llm import FakeLLM

pytestmark = [pytest.mark.render, pytest.mark.django_db]

SAMPLES = sorted((Path(__file__).resolve().parents[1] / "data" / "llm_outputs").glob("*.txt"))


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_it_turns_a_broken_model_answer_into_a_video(sample, settings, tmp_path):
    with FakeLLM([sample.read_text()]) as fake:
        settings.GENERATION_PROVIDER = "openai"
        settings.LLM_BASE_URL = fake.base_url
        animation = Animation.objects.create(organization=make_user().personal_organization,
                                             prompt=f"Animate {sample.stem.replace('_', ' ')}",
                                             options={"quality": "low", "format": "mp4"})
        pipeline.run(animation, use_cache=False)
    animation.refresh_from_db()
    assert animation.status == "completed", animation.error
    assert animation.attempts == 1 and len(fake.requests) == 1  # fixed, not repaired
    assert animation.events.filter(stage="autofix").exists()
    with default_storage.open(animation.video) as fh:
        (tmp_path / "v.mp4").write_bytes(fh.read())
    assert_valid_video(tmp_path / "v.mp4")
