"""The openai provider against a loopback server that speaks the chat completions wire format."""

from __future__ import annotations

import pytest

from generation import pipeline
from generation.models import Animation
from generation.tasks import process_animation
from tests.conftest import free_port
from tests.factories import make_user
from tests.fakes.llm import FakeLLM

pytestmark = [pytest.mark.render, pytest.mark.django_db]

SCENE_BODY = """class Spin(Scene):
    def construct(self):
        square = Square(color=BLUE)
        self.play(Create(square), run_time=0.5)
        self.play(Rotate(square, PI / 2), run_time=0.5)
"""

CHATTY_ANSWER = f"""Sure! Here is a scene that spins a square:

```python
{SCENE_BODY}```

Run it with `manim -pql scene.py Spin`. Enjoy!"""


@pytest.fixture
def llm_settings(settings):
    def configure(fake: FakeLLM) -> None:
        settings.GENERATION_PROVIDER = "openai"
        settings.LLM_BASE_URL = fake.base_url
        settings.LLM_API_KEY = "sk-test-123"
        settings.LLM_MODEL = "fake-manim-coder"
    return configure


def make_animation(prompt: str = "Spin a blue square") -> Animation:
    return Animation.objects.create(organization=make_user().personal_organization, prompt=prompt,
                                    options={"quality": "low", "format": "mp4"})


def test_it_turns_a_chatty_fenced_answer_without_imports_into_a_video(llm_settings):
    with FakeLLM([CHATTY_ANSWER]) as fake:
        llm_settings(fake)
        animation = pipeline.run(make_animation())
    animation.refresh_from_db()
    assert animation.status == "completed", animation.error
    assert animation.code.startswith("from manim import *") and "Enjoy" not in animation.code
    fixes = list(animation.events.filter(stage="autofix").values_list("data__kind", flat=True))
    assert fixes == ["extract", "import"]
    assert animation.model_name == "fake-manim-coder" and animation.provider == "openai"
    assert animation.prompt_tokens > 0 and animation.completion_tokens > 0
    request = fake.requests[0]
    assert request["authorization"] == "Bearer sk-test-123"
    assert request["body"]["model"] == "fake-manim-coder" and request["body"]["stream"] is True
    assert request["body"]["messages"][-1]["content"] == "Spin a blue square"
    generate_event = animation.events.get(stage="generate")
    assert generate_event.data["first_token_seconds"] is not None


def test_it_sends_the_render_error_back_and_renders_the_repair(llm_settings):
    broken = "from manim import *\n\n" + SCENE_BODY.replace("Rotate(square, PI / 2)", "Rotate(square, PI / 2, about=ORIGN)")
    with FakeLLM([f"```python\n{broken}```", f"```python\n{SCENE_BODY}```"]) as fake:
        llm_settings(fake)
        animation = pipeline.run(make_animation())
    animation.refresh_from_db()
    assert animation.status == "completed", animation.error
    assert animation.attempts == 2
    repair_prompt = fake.requests[1]["body"]["messages"][-1]["content"]
    assert "NameError" in repair_prompt and "ORIGN" in repair_prompt
    failed = animation.events.get(stage="names", attempt=1)
    assert "ORIGN" in failed.error and "ORIGN" in failed.code


def test_it_gives_up_after_the_attempt_limit_with_the_last_error_and_code(llm_settings, settings):
    settings.GENERATION_MAX_ATTEMPTS = 2
    broken = f"```python\nfrom manim import *\n\n{SCENE_BODY.replace('Square(', 'Sqare(')}```"
    with FakeLLM([broken, broken, broken]) as fake:
        llm_settings(fake)
        animation = pipeline.run(make_animation())
    animation.refresh_from_db()
    assert animation.status == "failed" and animation.attempts == 2 and len(fake.requests) == 2
    assert "Sqare" in animation.error and "Sqare" in animation.code


def test_it_fails_with_the_endpoints_reason_when_the_key_is_refused(llm_settings):
    with FakeLLM(status=401) as fake:
        llm_settings(fake)
        animation = pipeline.run(make_animation())
    animation.refresh_from_db()
    assert animation.status == "failed"
    assert "HTTP 401" in animation.error and "Incorrect API key" in animation.error


def test_it_retries_an_unreachable_endpoint_then_fails_clearly(settings):
    settings.GENERATION_PROVIDER = "openai"
    settings.LLM_BASE_URL = f"http://127.0.0.1:{free_port()}/v1"  # nothing listens here
    settings.LLM_TIMEOUT_S = 2
    animation = make_animation()
    with pytest.raises(pipeline.InfrastructureError):
        pipeline.run(animation)
    # The actor body, on its last try, turns the outage into a failed job instead of a stuck one.
    with pytest.raises(pipeline.InfrastructureError):
        process_animation.fn(str(animation.id))
    animation.refresh_from_db()
    assert animation.status == "failed" and "unavailable" in animation.error
