"""Property-based fuzzing of the explorer: any query parameters give a 200 or a 400 (never a
500), and nothing from the request comes back unescaped."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.serve.app import create_app

pytestmark = pytest.mark.slow

PROBE = "<x-probe onload=alert(1)>"
LISTS = {
    "/events": ["q", "type", "actor", "role", "place", "country", "since", "until", "status",
                "min_confidence", "source", "article", "sort", "page", "per_page"],
    "/articles": ["q", "source", "entity", "since", "until", "language", "story", "page",
                  "per_page"],
    "/quotes": ["q", "speaker", "kind", "source", "since", "until", "article", "page", "per_page"],
    "/entities": ["q", "type", "country", "sector", "page", "per_page"],
    "/map": ["q", "type", "actor", "since", "until", "status", "country"],
    "/timeline": ["q", "type", "actor", "since", "until", "interval"],
}  # fmt: skip
ALL_NAMES = sorted({n for names in LISTS.values() for n in names})

values = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="<>\"'&%;=/\\\x00\n -_*", max_size=12),
    st.sampled_from(
        [
            PROBE,
            "",
            "0",
            "-1",
            "1e309",
            "nan",
            "2024-02-30",
            "2024-01-01",
            "9999-12-31",
            "0001-01-01",
            "CONSULT",
            "actor",
            "negated",
            "week",
            "RU",
            "RUS",
            "XX",
            "0.5",
            "99999999999999999999",
            "' OR 1=1 --",
            "%",
            "_",
            "\\",
            "ffffffffffffffff",
        ]
    ),  # fmt: skip
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
params = st.dictionaries(
    st.one_of(st.sampled_from(ALL_NAMES), st.text(max_size=8)), values, max_size=6
)


@pytest.fixture(scope="module")
def client(synthetic_db: Path) -> TestClient:
    return TestClient(create_app(synthetic_db), raise_server_exceptions=False)


@pytest.mark.parametrize("path", sorted(LISTS))
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=params)
def test_pages_and_api_answer_200_or_400_and_escape(
    client: TestClient, path: str, query: dict[str, str]
) -> None:
    for target in (path, "/api" + path):
        response = client.get(target, params=query)
        assert response.status_code in (200, 400), (target, query, response.text[:300])
        if response.status_code == 400:
            message = response.json()["error"] if target.startswith("/api") else response.text
            assert message
        if target == path:
            assert PROBE not in response.text, (target, query)
            assert "<x-probe" not in response.text


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    kind=st.sampled_from(["articles", "events", "entities"]),
    record=st.one_of(
        st.text(max_size=30), st.integers(min_value=-(2**70), max_value=2**70).map(str)
    ),
)
def test_detail_pages_answer_200_400_or_404(client: TestClient, kind: str, record: str) -> None:
    from urllib.parse import quote

    for prefix in ("/", "/api/"):
        response = client.get(f"{prefix}{kind}/{quote(record, safe='')}")
        assert response.status_code in (200, 400, 404), (kind, record, response.text[:300])
        assert "<x-probe" not in response.text


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(q=st.one_of(st.text(max_size=60), st.just(PROBE)))
def test_search_escapes_what_it_was_asked(client: TestClient, q: str) -> None:
    response = client.get("/search", params={"q": q})
    assert response.status_code in (200, 400)
    assert "<x-probe" not in response.text
