"""Identical requests reuse finished work; identical code never renders twice."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage

from generation import pipeline
from generation.models import Animation
from tests.conftest import CIRCLE_SQUARE, SMALL_SCENE, assert_valid_video
from tests.factories import make_user
from tests.fakes.llm import FakeLLM

pytestmark = [pytest.mark.render, pytest.mark.django_db]

ANSWER = f"```python\n{SMALL_SCENE}```"


def run(org, prompt=CIRCLE_SQUARE, **options) -> Animation:
    animation = Animation.objects.create(organization=org, prompt=prompt,
                                         options={"quality": "low", "format": "mp4", **options})
    pipeline.run(animation)
    animation.refresh_from_db()
    assert animation.status == "completed", animation.error
    return animation


def stages(animation: Animation) -> list[str]:
    return list(animation.events.values_list("stage", flat=True))


def test_it_reuses_an_identical_request_without_generating_or_rendering(tmp_path):
    org = make_user().personal_organization
    first = run(org)
    second = run(org, prompt="  create a CIRCLE that transforms into a square. ")
    assert "render" in stages(first)
    assert stages(second) == ["cache"] and second.reused_from == first
    assert second.code == first.code and second.video != first.video
    with default_storage.open(second.video) as fh:
        (tmp_path / "v.mp4").write_bytes(fh.read())
    assert_valid_video(tmp_path / "v.mp4")
    # Other options are another request.
    third = run(org, quality="medium")
    assert "cache" not in stages(third)


def test_it_shares_builtin_results_across_organizations():
    first = run(make_user().personal_organization)
    other = run(make_user().personal_organization)
    assert other.reused_from == first


def test_it_keeps_llm_results_private_unless_the_organization_shares(settings):
    alice, bob, carol = (make_user().personal_organization for _ in range(3))
    with FakeLLM([ANSWER, ANSWER, ANSWER]) as fake:
        settings.GENERATION_PROVIDER = "openai"
        settings.LLM_BASE_URL = fake.base_url
        run(alice, "Spin a blue square")
        bobs = run(bob, "Spin a blue square")
        assert len(fake.requests) == 2 and bobs.reused_from is None
        alice.share_generations = True
        alice.save()
        carols = run(carol, "Spin a blue square")
        assert len(fake.requests) == 2 and carols.reused_from is not None


def test_it_never_renders_the_same_code_twice():
    org = make_user().personal_organization

    def render_job(**options):
        animation = Animation.objects.create(organization=org, kind="render", code=SMALL_SCENE,
                                             options={"quality": "low", "format": "mp4", **options})
        pipeline.run(animation)
        animation.refresh_from_db()
        assert animation.status == "completed", animation.error
        return animation.events.get(stage="render").message

    assert render_job().startswith("Rendered in")
    assert render_job() == "Reused the render of identical code (render cache)."
    assert render_job(format="gif").startswith("Rendered in")


def test_it_warms_the_home_page_examples_for_everyone():
    from django.core.management import call_command

    from generation.views import EXAMPLE_PROMPTS

    call_command("warm_examples")
    visitor = run(make_user().personal_organization, prompt=EXAMPLE_PROMPTS[1])
    assert visitor.reused_from is not None and stages(visitor) == ["cache"]
