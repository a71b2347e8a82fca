"""Each dashboard page runs the same number of SQL queries with 10 and with 1,000 rows per
table (volunteers, journeys, requests, matches)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dashboard.services import top_suggestions_refresh
from dashboard.synthetic import Sizes, build

PAGES = [("dashboard:home", ""), ("dashboard:home", "?wijk=Binnenstad&periode=3"),
         ("dashboard:queue", ""), ("dashboard:queue", "?wijk=3511")]


def _queries(client, url) -> int:
    cache.clear()   # the figures are cached briefly; count what computing them costs
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_same_queries_with_10_and_with_1000_rows(coordinator_a_client, coordinator_a, org_a,
                                                     postcodes):
    build(organisation=org_a, sizes=Sizes(10, 10, 10), coordinator=coordinator_a, tag="s")
    top_suggestions_refresh(organisation=org_a)
    small = {(name, q): _queries(coordinator_a_client, reverse(name) + q) for name, q in PAGES}

    build(organisation=org_a, sizes=Sizes(990, 990, 990), coordinator=coordinator_a, tag="l")
    top_suggestions_refresh(organisation=org_a)
    large = {(name, q): _queries(coordinator_a_client, reverse(name) + q) for name, q in PAGES}
    assert large == small
    assert max(small.values()) <= 30


def test_the_cached_home_runs_fewer_queries(coordinator_a_client, coordinator_a, org_a):
    build(organisation=org_a, sizes=Sizes(20, 20, 20), coordinator=coordinator_a, tag="s")
    url = reverse("dashboard:home")
    first = _queries(coordinator_a_client, url)
    with CaptureQueriesContext(connection) as captured:
        coordinator_a_client.get(url)
    assert len(captured) < first - 5


@pytest.fixture
def postcodes(db):
    from core.models import Postcode

    Postcode.objects.bulk_create([
        Postcode(code="3511", latitude=52.0929, longitude=5.1145, name="Binnenstad"),
        Postcode(code="3512", latitude=52.0880, longitude=5.1230, name="Binnenstad"),
        Postcode(code="3513", latitude=52.0980, longitude=5.1290, name="Wittevrouwen"),
    ])
