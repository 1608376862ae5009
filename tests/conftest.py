from __future__ import annotations

import shutil
import socket
import tempfile
import time
from pathlib import Path
from collections.abc import Iterator

import dramatiq
import pytest

from tests.factories import make_key, make_user

CIRCLE_SQUARE = "Create a circle that transforms into a square"

SMALL_SCENE = """from manim import *

class Small(Scene):
    def construct(self):
        square = Square(color=BLUE)
        self.play(Create(square), run_time=0.5)
        self.play(square.animate.rotate(PI / 4), run_time=0.5)
"""


# pytest's tmp_path lives under a 0700 folder the sandbox's uids cannot traverse.
RENDER_ROOT = Path(tempfile.gettempdir()) / "eigenframe-test-render"


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    RENDER_ROOT.mkdir(mode=0o711, exist_ok=True)
    settings.RENDER_WORK_DIR = Path(tempfile.mkdtemp(dir=RENDER_ROOT))
    yield
    shutil.rmtree(settings.RENDER_WORK_DIR, ignore_errors=True)


@pytest.fixture
def user(db):
    return make_user()


@pytest.fixture
def api_key(user):
    key, raw = make_key(user)
    return raw


@pytest.fixture
def auth(api_key):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_key}"}


@pytest.fixture
def outsider_auth(db):
    _, raw = make_key()
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def worker(transactional_db) -> Iterator[dramatiq.Worker]:
    """A real Dramatiq worker on the configured broker (Redis in `make test`)."""
    import generation.tasks  # noqa: F401 - registers the actors

    broker = dramatiq.get_broker()
    broker.flush_all()
    worker = dramatiq.Worker(broker, worker_threads=1, worker_timeout=100)
    worker.start()
    yield worker
    worker.stop(timeout=10_000)
    broker.flush_all()


def wait_for_status(fetch, timeout: float = 180.0, terminal=("completed", "failed", "rejected", "canceled")):
    """Poll ``fetch()`` (returns a status payload) until the job reaches a terminal state."""
    deadline = time.monotonic() + timeout
    payload = fetch()
    while payload["status"] not in terminal:
        if time.monotonic() > deadline:
            raise AssertionError(f"job still {payload['status']} after {timeout}s: {payload}")
        time.sleep(0.25)
        payload = fetch()
    return payload


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def assert_valid_video(path, container: str = "mp4", min_seconds: float = 0.2) -> float:
    """Decode the file for real: right container, a video stream, a positive duration."""
    import av

    with av.open(str(path)) as media:
        assert container in media.format.name, media.format.name
        stream = media.streams.video[0]
        frames = 0
        for _ in media.decode(stream):
            frames += 1
            if frames >= 3:
                break
        assert frames >= 1
        duration = float(media.duration or 0) / av.time_base if media.duration else float(
            stream.duration * stream.time_base
        )
    assert duration >= min_seconds, duration
    return duration
