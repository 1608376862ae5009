"""Paid jobs go to a higher-priority queue: a flood of free jobs does not delay them."""

from __future__ import annotations

import pytest

from generation.models import Animation
from tests.conftest import SMALL_SCENE, wait_for_status
from tests.factories import make_user

pytestmark = [pytest.mark.render, pytest.mark.django_db(transaction=True)]


def scene(n: int) -> str:
    # Distinct code per job, so the render cache cannot shortcut the flood.
    return SMALL_SCENE.replace("rotate(PI / 4)", f"rotate(PI / {n + 2})")


def test_it_runs_a_paid_job_before_a_flood_of_free_jobs(worker):
    free_org = make_user().personal_organization
    paid_org = make_user().personal_organization
    flood = [Animation.objects.submit(free_org, kind="render", code=scene(n), queue="standard",
                                      options={"quality": "low", "format": "mp4"}) for n in range(6)]
    paid = Animation.objects.submit(paid_org, kind="render", code=scene(99), queue="priority",
                                    options={"quality": "low", "format": "mp4"})

    def status(animation):
        animation.refresh_from_db()
        return {"status": animation.status}

    wait_for_status(lambda: status(paid), timeout=120)
    for animation in flood:
        wait_for_status(lambda: status(animation), timeout=120)
    assert paid.status == "completed"
    finished_after_paid = [a for a in flood if a.completed_at > paid.completed_at]
    # One worker thread: at most the job already running and one prefetched may go first.
    assert len(finished_after_paid) >= 4, [a.completed_at for a in flood] + [paid.completed_at]
    assert paid.events.get(stage="accepted").data["queue"] == "priority"
