"""The quota is exact under concurrency, on the real PostgreSQL server."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from billing import entitlements
from billing.entitlements import EntitlementError, reserve_generation
from billing.models import Plan, Subscription, Usage
from generation.models import Animation
from tests.factories import make_user


def race(n: int, work) -> list[str]:
    """Run ``work`` in n threads released at the same instant; each thread has its own connection."""
    barrier = threading.Barrier(n)
    outcomes: list[str] = []
    lock = threading.Lock()

    def run() -> None:
        try:
            barrier.wait()
            try:
                work()
                result = "ok"
            except EntitlementError as exc:
                result = exc.code
            with lock:
                outcomes.append(result)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_it_gives_the_last_unit_of_quota_to_exactly_one_of_20_requests():
    assert connection.vendor == "postgresql", "run with make test (real PostgreSQL)"
    Plan.objects.seed()  # transactional tests elsewhere flush the seeded rows
    org = make_user().personal_organization
    for _ in range(9):
        reserve_generation(org)  # one unit of Free's 10 left

    outcomes = race(20, lambda: reserve_generation(org))

    assert sorted(outcomes) == ["ok"] + ["quota_exceeded"] * 19
    assert Usage.objects.get(organization=org).used == 10
    assert entitlements.usage(org)["remaining"] == 0


@pytest.mark.django_db(transaction=True)
def test_it_counts_every_one_of_20_concurrent_reservations_on_a_fresh_period():
    # Nobody has a usage row yet: the insert race must not lose or double a count.
    Plan.objects.seed()  # transactional tests elsewhere flush the seeded rows
    org = make_user().personal_organization
    Subscription.objects.for_organization(org).assign_plan(Plan.objects.get(slug="pro"))

    outcomes = race(20, lambda: reserve_generation(org))

    assert outcomes == ["ok"] * 20
    assert Usage.objects.get(organization=org).used == 20


@pytest.mark.django_db(transaction=True)
def test_it_runs_at_most_the_plans_concurrent_jobs_when_reserving_with_the_job():
    """Reserving inside the transaction that creates the job makes the concurrency limit exact."""
    Plan.objects.seed()  # transactional tests elsewhere flush the seeded rows
    org = make_user().personal_organization
    Subscription.objects.for_organization(org).assign_plan(
        Plan.objects.get(slug="pro")
    )  # 3 at once
    jobs = Animation.objects.filter(organization=org, status__in=Animation.ACTIVE)

    def submit() -> None:
        # What generation does: reserve and create the job in one transaction (not queued here).
        with transaction.atomic():
            reserve_generation(org, active_jobs=jobs.count)
            Animation.objects.create(organization=org, prompt="a circle")

    outcomes = race(12, submit)

    assert sorted(outcomes) == ["concurrency_limit"] * 9 + ["ok"] * 3
    assert jobs.count() == 3
