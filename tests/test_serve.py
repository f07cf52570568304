"""The explorer's pages and JSON API on a corpus written by the store writer (no model needed)."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conftest import XSS_HEADLINE
from dateline.events import DEFAULT_MIN_CONFIDENCE
from dateline.serve.app import create_app
from dateline.serve.markup import Annotation, render


@pytest.fixture(scope="module")
def client(synthetic_db: Path) -> TestClient:
    return TestClient(create_app(synthetic_db))


def first_event(client: TestClient, **params: str) -> dict:
    items = client.get("/api/events", params=params).json()["items"]
    assert items, params
    return items[0]


def hostile_article_id(client: TestClient) -> str:
    found = client.get("/api/articles", params={"q": "drought aid"}).json()["items"]
    assert [a["headline"] for a in found] == [XSS_HEADLINE]
    return str(found[0]["article_id"])


class Balance(HTMLParser):
    """Counts elements that open and close, to check that marks nest properly."""

    VOID = {"meta", "link", "input", "br", "img"}  # SVG shapes close themselves: <rect/>

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()


def parse(html: str) -> Balance:
    parser = Balance()
    parser.feed(html)
    return parser


# -- lists and filters ----------------------------------------------------------------------------


def test_lists_page_and_count_consistently(client: TestClient) -> None:
    everything = client.get("/api/events", params={"per_page": 500}).json()
    assert everything["total"] == len(everything["items"]) > 100
    first = client.get("/api/events", params={"per_page": 7, "page": 1}).json()
    second = client.get("/api/events", params={"per_page": 7, "page": 2}).json()
    assert first["total"] == everything["total"] and first["pages"] == -(-first["total"] // 7)
    ids = [e["event_id"] for e in first["items"] + second["items"]]
    assert ids == [e["event_id"] for e in everything["items"][:14]]
    for kind in ("articles", "quotes", "entities", "events"):
        page = client.get(f"/api/{kind}").json()
        assert page["total"] > 0 and 0 < len(page["items"]) <= 25
        past = client.get(f"/api/{kind}", params={"page": page["pages"] + 1}).json()
        assert past["items"] == [] and past["total"] == page["total"]
        nothing = client.get(f"/api/{kind}", params={"q": "zzqqxx"}).json()
        assert nothing["items"] == [] and nothing["total"] == 0


def test_event_filters_narrow_the_list(client: TestClient) -> None:
    total = client.get("/api/events").json()["total"]
    consult = client.get("/api/events", params={"type": "consult", "per_page": 500}).json()
    assert 0 < consult["total"] < total
    assert {e["type"] for e in consult["items"]} == {"CONSULT"}

    event = first_event(client)
    actor = event["actors"][0]
    by_id = client.get("/api/events", params={"actor": actor["id"], "per_page": 500}).json()
    assert event["event_id"] in [e["event_id"] for e in by_id["items"]]
    assert all(
        actor["id"] in [p["id"] for p in e["actors"] + e["recipients"]] for e in by_id["items"]
    )
    as_recipient = client.get(
        "/api/events", params={"actor": actor["id"], "role": "recipient", "per_page": 500}
    ).json()
    assert all(actor["id"] in [p["id"] for p in e["recipients"]] for e in as_recipient["items"])
    by_name = client.get("/api/events", params={"actor": actor["name"].upper()}).json()
    assert by_name["total"] >= by_id["total"]

    day = event["date"]
    same_day = client.get("/api/events", params={"since": day, "until": day, "per_page": 500})
    assert {e["date"] for e in same_day.json()["items"]} == {day}
    place = event["place"]["name"]
    at_place = client.get("/api/events", params={"place": place, "per_page": 500}).json()
    assert all(place.lower() in e["place"]["name"].lower() for e in at_place["items"])
    negated = client.get("/api/events", params={"status": "negated", "per_page": 500}).json()
    assert negated["total"] > 0 and {e["status"] for e in negated["items"]} == {"negated"}
    country = event["place"]["country"]
    in_country = client.get("/api/events", params={"country": country, "per_page": 500}).json()
    assert {e["place"]["country"] for e in in_country["items"]} == {country}


def test_article_quote_and_entity_filters(client: TestClient) -> None:
    speaker = client.get("/api/quotes").json()["items"][0]
    said = client.get(
        "/api/quotes", params={"speaker": speaker["speaker_entity_id"], "per_page": 500}
    ).json()
    assert {q["speaker_entity_id"] for q in said["items"]} == {speaker["speaker_entity_id"]}
    words = client.get("/api/quotes", params={"q": "PROGRESS"}).json()["items"]
    assert words and all("progress" in q["text"].lower() for q in words)
    people = client.get("/api/entities", params={"type": "person", "per_page": 500}).json()
    assert people["total"] > 0 and {e["type"] for e in people["items"]} == {"PERSON"}
    kenyan = client.get("/api/entities", params={"country": "KE", "per_page": 500}).json()
    assert {e["country"] for e in kenyan["items"]} == {"KEN"}
    mentioning = client.get(
        "/api/articles", params={"entity": speaker["speaker_entity_id"], "per_page": 500}
    ).json()
    assert speaker["article_id"] in [a["article_id"] for a in mentioning["items"]]
    body_word = client.get("/api/articles", params={"q": "onerror"}).json()
    assert [a["headline"] for a in body_word["items"]] == [XSS_HEADLINE]


def test_detail_records(client: TestClient) -> None:
    article_id = hostile_article_id(client)
    article = client.get(f"/api/articles/{article_id}").json()
    assert article["analysis"]["schema"] == "dateline.analysis/1"
    assert article["analysis"]["article"]["headline"] == XSS_HEADLINE
    assert set(article["entity_ids"]) == {"E1", "E2"} and set(article["event_ids"]) == {"V1"}

    event = client.get(f"/api/events/{article['event_ids']['V1']}").json()
    assert event["type"] == "CONSULT" and event["date"] == "2024-03-04"
    assert [m["article_id"] for m in event["mentions"]] == [article_id]
    assert event["mentions"][0]["trigger"] == "met"

    okafor = client.get(f"/api/entities/{article['entity_ids']['E2']}").json()
    assert okafor["name"] == "Peter Okafor"
    assert {a["text"] for a in okafor["aliases"]} == {"Peter Okafor", "Okafor"}
    assert okafor["roles"] == {"as_actor": 0, "as_recipient": 1}
    assert [p["entity_id"] for p in okafor["partners"]] == [article["entity_ids"]["E1"]]


def test_timeline_and_map(client: TestClient) -> None:
    total = client.get("/api/events").json()["total"]
    weekly = client.get("/api/timeline", params={"interval": "week"}).json()
    assert weekly["interval"] == "week"
    assert sum(b["events"] for b in weekly["buckets"]) == total  # every event is dated
    assert all(date.fromisoformat(b["bucket"]).weekday() == 0 for b in weekly["buckets"])
    assert client.get("/api/timeline").json()["interval"] == "week"  # two years: weeks
    assert (
        client.get("/api/timeline", params={"since": "2024-03-01", "until": "2024-03-31"}).json()[
            "interval"
        ]
        == "day"
    )
    points = client.get("/api/map").json()
    assert points["events"] == total - 1  # the hostile article's event has no place
    assert sum(p["events"] for p in points["points"]) == points["events"]
    assert all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in points["points"])
    page = client.get("/map", params={"type": "CONSULT"})
    assert page.status_code == 200 and page.text.count("<circle") > 0
    assert 'href="/static/world-110m.svg"' in page.text


# -- pages ----------------------------------------------------------------------------------------


def test_every_page_answers_with_well_formed_html(client: TestClient) -> None:
    article_id = hostile_article_id(client)
    event = first_event(client)
    entity_id = event["actors"][0]["id"]
    for path in (
        "/", "/search?q=minister", "/articles", "/articles?q=aid&since=2023-01-01",
        f"/articles/{article_id}", f"/articles/{event['first_article_id']}", "/events",
        "/events?type=ASSAULT&sort=date", f"/events/{event['event_id']}", "/quotes",
        "/entities?type=ORG", f"/entities/{entity_id}", "/map", "/timeline?interval=day",
    ):  # fmt: skip
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html")
        parsed = parse(response.text)
        assert not parsed.errors and parsed.stack == [], (path, parsed.errors[:3])
        assert "script-src 'self'" in response.headers["content-security-policy"]


def test_article_view_marks_entities_quotes_speakers_and_events(client: TestClient) -> None:
    event = first_event(client, sort="date")
    html = client.get(f"/articles/{event['first_article_id']}").text
    marks = [attrs for tag, attrs in parse(html).tags if tag == "mark"]
    classes = [str(m.get("class")) for m in marks]
    assert any("ann quote" in c for c in classes)
    assert any("ann speaker" in c for c in classes)
    assert any("ann event" in c for c in classes)
    assert any("ent-PERSON" in c for c in classes)
    assert any("ann place" in c for c in classes)
    assert f'data-href="/events/{event["event_id"]}"' in html
    speakers = [m for m in marks if "speaker" in str(m.get("class")) and "data-quote" in m]
    assert speakers and all(str(m.get("data-href", "")).startswith("/entities/") for m in speakers)


def test_untrusted_text_is_escaped_everywhere(client: TestClient) -> None:
    article_id = hostile_article_id(client)
    pages = [
        "/", "/articles", f"/articles/{article_id}", "/search?q=drought", "/quotes?q=happen",
        "/entities?q=amina", "/events?q=Nairobi", f"/search?q={XSS_HEADLINE}",
        "/articles?q=<script>alert(9)</script>",
    ]  # fmt: skip
    for path in pages:
        html = client.get(path).text
        assert "<script>alert" not in html, path
        assert "<img src=x" not in html and "<b onmouseover" not in html, path
        assert "<i>Times</i>" not in html, path
        scripts = [a for t, a in parse(html).tags if t == "script"]
        assert scripts == [{"src": "/static/dateline.js", "defer": None}], path
    page = client.get(f"/articles/{article_id}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(3)&gt;" in page


def test_csv_downloads_every_matching_row(client: TestClient) -> None:
    every = {"type": "CONSULT", "min_confidence": "0"}
    response = client.get("/api/events", params={**every, "format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    total = client.get("/api/events", params=every).json()["total"]
    assert len(rows) == total > 25  # not just one page
    assert {r["type"] for r in rows} == {"CONSULT"}
    assert rows[0]["actors"] and rows[0]["place_name"]
    for kind in ("articles", "quotes", "entities"):
        listed = client.get(f"/api/{kind}", params={"format": "csv"})
        assert listed.status_code == 200 and len(listed.text.splitlines()) > 1
    people = client.get("/api/entities", params={"q": "amina", "format": "csv"}).text
    assert "Amina <b" in people  # CSV carries the text as it is (it is not HTML)


def test_csv_cells_that_look_like_formulas_are_neutralised() -> None:
    from dateline.serve.app import _cell

    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _cell("@SUM(A1)") == "'@SUM(A1)"
    assert _cell(-3.5) == -3.5
    assert _cell([{"name": "A"}, {"name": "B"}]) == "A; B"


# -- bad requests ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/api/events?since=2024-13-01", "since: not a date"),
        ("/api/events?since=2024-05-01&until=2024-01-01", "is after until"),
        ("/api/events?page=0", "page"),
        ("/api/events?per_page=100000", "per_page"),
        ("/api/events?page=abc", "page"),
        ("/api/events?status=maybe", "status: must be one of"),
        ("/api/events?role=bystander", "role: must be one of"),
        ("/api/events?type=1%3BDROP", "type: not an event type"),
        ("/api/events?type=ATTACK", "type: must be one of ACCUSE, AGREE"),
        ("/api/timeline?type=PROTESTS", "type: must be one of"),
        ("/api/events?country=Narnia", "country"),
        ("/api/events?country=XX", "unknown ISO 3166 code"),
        ("/api/events?min_confidence=2", "min_confidence: must be between 0 and 1"),
        ("/api/quotes?kind=shouted", "kind: must be one of"),
        ("/api/articles?q=" + "x" * 300, "at most 200 characters"),
        ("/api/articles?q=a%00b", "control characters"),
        ("/api/events?format=xml", "format"),
        ("/api/timeline?interval=year", "interval"),
        ("/api/events/abc", "event_id"),
        ("/api/events/99999999999999999999999", "event_id"),
        ("/api/articles/bad%20id!", "not an id"),
    ],
)
def test_bad_parameters_are_a_400_naming_the_problem(
    client: TestClient, path: str, message: str
) -> None:
    response = client.get(path)
    assert response.status_code == 400, response.text
    assert message in response.json()["error"]


def test_bad_parameters_on_pages_are_an_html_400(client: TestClient) -> None:
    response = client.get("/events?since=yesterday")
    assert response.status_code == 400
    assert "since: not a date, use YYYY-MM-DD" in response.text
    assert response.headers["content-type"].startswith("text/html")


def test_unknown_records_are_404_and_nothing_writes(client: TestClient) -> None:
    assert client.get("/api/articles/0000000000000000").status_code == 404
    assert client.get("/articles/0000000000000000").status_code == 404
    assert client.get("/api/events/987654").status_code == 404
    assert client.get("/entities/ffffffffffffffff").status_code == 404
    assert client.get("/nowhere").status_code == 404
    for method in ("post", "put", "delete", "patch"):
        response = getattr(client, method)("/api/articles")
        assert response.status_code == 405
        assert "read-only" in response.json()["error"]


def test_head_is_answered_as_get_without_a_body(client: TestClient) -> None:
    for path in ("/", "/events", "/api/stats", "/api/events?format=csv", "/static/style.css"):
        got, head = client.get(path), client.head(path)
        assert head.status_code == got.status_code == 200, path
        assert head.content == b""
        assert head.headers["content-type"] == got.headers["content-type"]
    assert client.head("/api/events/987654").status_code == 404


def test_openapi_describes_the_api_and_nothing_loads_from_outside(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/api/articles", "/api/articles/{article_id}", "/api/events", "/api/entities",
            "/api/quotes", "/api/events/{event_id}", "/api/timeline", "/api/map"} <= paths  # fmt: skip
    assert not any(p.startswith("/articles") or p == "/" for p in paths)  # pages are not API
    assert all(set(ops) == {"get"} for ops in spec["paths"].values())
    parameters = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"q", "type", "actor", "since", "until", "status", "min_confidence", "page",
            "per_page", "format"} <= parameters  # fmt: skip
    assert client.get("/docs").status_code == 404  # its page would load scripts from a CDN
    for asset in ("/static/style.css", "/static/dateline.js", "/static/world-110m.svg"):
        text = client.get(asset).text
        assert "http://" not in text.replace("http://www.w3.org/2000/svg", "")
        assert "https://" not in text


# -- the database is busy -------------------------------------------------------------------------


WRITER = """
import sys, time
from dateline.serve import synthetic
from dateline.store.db import open_store
con = open_store(sys.argv[1])
synthetic.write(con, synthetic.generate(int(sys.argv[2]), seed=99))
print("open", flush=True)
time.sleep(60)
"""


def hold_for_writing(db: Path, new_articles: int) -> subprocess.Popen[str]:
    """Another process that writes articles and keeps the database open, as an ingest does."""
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), str(new_articles)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent / "src")},
    )
    assert writer.stdout is not None and writer.stdout.readline().strip() == "open"
    return writer


def wait_for(condition: Callable[[], bool], seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def test_pages_show_the_last_committed_state_while_an_ingest_writes(tmp_path: Path) -> None:
    from dateline.serve import synthetic

    db = tmp_path / "busy.duckdb"
    synthetic.build(db, 3)
    client = TestClient(create_app(db))
    assert client.get("/api/articles").json()["total"] == 3
    writer = hold_for_writing(db, 2)
    try:
        # The explorer keeps answering from its snapshot, and says the corpus is being updated.
        assert wait_for(lambda: "X-Dateline-Updating" in client.get("/api/articles").headers)
        api = client.get("/api/articles")
        assert api.status_code == 200 and api.json()["total"] == 3
        page = client.get("/articles")
        assert page.status_code == 200 and "The corpus is being updated" in page.text
        assert "showing it as it was at" in page.text
    finally:
        writer.kill()
        writer.wait()
    # Once the writer is gone the next snapshot shows what it committed.
    assert wait_for(lambda: client.get("/api/articles").json()["total"] == 5)
    assert "X-Dateline-Updating" not in client.get("/api/articles").headers
    assert "being updated" not in client.get("/articles").text


def test_started_during_an_ingest_it_says_so_then_recovers(tmp_path: Path) -> None:
    from dateline.serve import synthetic

    db = tmp_path / "busy.duckdb"
    synthetic.build(db, 3)
    writer = hold_for_writing(db, 1)
    try:
        client = TestClient(create_app(db))
        api = client.get("/api/articles")
        assert api.status_code == 503 and api.headers["retry-after"] == "5"
        assert "the corpus is being updated" in api.json()["error"]
        page = client.get("/articles")
        assert page.status_code == 503
        assert "The corpus is being updated" in page.text and 'http-equiv="refresh"' in page.text
    finally:
        writer.kill()
        writer.wait()
    assert wait_for(lambda: client.get("/api/articles").status_code == 200)
    assert client.get("/api/articles").json()["total"] == 4


def test_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from dateline.cli import cli

    result = CliRunner().invoke(
        cli, ["serve", "--port", "0", "--db", str(tmp_path / "none.duckdb")]
    )
    assert result.exit_code != 0
    assert "no such database" in str(result.exception or result.output)


def test_serve_binds_to_this_machine_unless_told(monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn
    from click.testing import CliRunner

    from dateline.cli import cli

    calls: list[tuple[str, int]] = []

    class Bound:
        def __init__(self, host: str, port: int) -> None:
            calls.append((host, port))
            self.port = port

        def getsockname(self) -> tuple[str, int]:
            return ("", self.port)

    monkeypatch.setattr("dateline.cli.serve.listening_socket", Bound)
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets=None: None)
    runner = CliRunner()
    db = Path(__file__).parent / "none.duckdb"
    monkeypatch.setattr("dateline.serve.app.Corpus.check", lambda self: None)
    assert runner.invoke(cli, ["serve", "--db", str(db)]).exit_code == 0
    assert (
        runner.invoke(
            cli, ["serve", "--db", str(db), "--host", "0.0.0.0", "--port", "8080"]
        ).exit_code
        == 0
    )
    assert calls == [("127.0.0.1", 8000), ("0.0.0.0", 8080)]


def test_a_port_in_use_is_one_error_before_any_announcement(tmp_path: Path) -> None:
    import socket

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    try:
        out = subprocess.run(
            [str(Path(sys.executable).parent / "dateline"), "serve", "--port", str(port),
             "--db", str(tmp_path / "none.duckdb")],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    finally:
        taken.close()
    assert out.returncode == 1
    assert f"dateline: error: cannot listen on 127.0.0.1:{port}: Address already in use" in (
        out.stderr
    )
    assert "Dateline explorer" not in out.stderr and "Traceback" not in out.stderr


# -- the marks ------------------------------------------------------------------------------------


def test_overlapping_marks_nest_and_labels_come_once() -> None:
    text = "Putin said he met Assad in Sochi."
    anns = [
        Annotation("quote", 11, 32, "ann quote", label="— Putin"),
        Annotation("entity", 0, 5, "ann ent", label="PERSON"),
        Annotation("event", 14, 17, "ann event", label="CONSULT"),
        Annotation("entity", 18, 23, "ann ent", label="PERSON"),
        # crosses the quote's end: must be split, and labelled only where it ends
        Annotation("place", 27, 33, "ann place", label="PLACE"),
    ]
    html = str(render(text, anns))
    parsed = parse(html)
    assert not parsed.errors and parsed.stack == []
    assert html.count("PLACE") == 1 and html.count("— Putin") == 1
    stripped = "".join(parsed_text(html))
    assert (
        stripped.replace("— Putin", "")
        .replace("PERSON", "")
        .replace("CONSULT", "")
        .replace("PLACE", "")
        == text
    )


def test_marks_escape_the_text_and_attributes() -> None:
    text = 'He said "<script>alert(1)</script>" & left.'
    html = str(render(text, [Annotation("quote", 9, 34, "ann quote", title='x" onclick="y',
                                       label="<b>", href='/entities/"x')]))  # fmt: skip
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'onclick="y' not in html and "&#34; onclick=&#34;y" in html
    assert "&lt;b&gt;" in html and "&amp; left" in html


def parsed_text(html: str) -> list[str]:
    out: list[str] = []

    class Text(HTMLParser):
        def handle_data(self, data: str) -> None:
            out.append(data)

    Text(convert_charrefs=True).feed(html)
    return out


def test_columns_of_newer_databases_are_read_when_present(tmp_path: Path) -> None:
    """A database whose events carry confidence and status columns (added by later versions
    of the store) is filtered by them, and shows them in the API and the list."""
    import duckdb

    from dateline.serve import synthetic

    db = tmp_path / "newer.duckdb"
    synthetic.build(db, 12)
    con = duckdb.connect(str(db))
    con.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS confidence DOUBLE")
    con.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS status VARCHAR")
    con.execute("UPDATE events SET confidence = (event_id % 10) / 10.0, status = 'ongoing'")
    con.execute("UPDATE events SET status = 'negated' WHERE event_id % 3 = 0")
    con.close()
    client = TestClient(create_app(db))
    everything = client.get("/api/events", params={"per_page": 500, "min_confidence": 0}).json()
    assert {e["confidence"] for e in everything["items"]} == {i / 10 for i in range(10)}
    default = client.get("/api/events", params={"per_page": 500}).json()["items"]
    # as `dateline query events`: the project's default threshold
    assert default and min(e["confidence"] for e in default) >= DEFAULT_MIN_CONFIDENCE
    assert len(default) < everything["total"]
    confident = client.get("/api/events", params={"min_confidence": "0.75", "per_page": 500})
    assert confident.status_code == 200
    items = confident.json()["items"]
    assert items and all(e["confidence"] >= 0.75 for e in items)
    assert len(items) < everything["total"]
    negated = client.get(
        "/api/events", params={"status": "negated", "per_page": 500, "min_confidence": 0}
    ).json()
    assert {e["status"] for e in negated["items"]} == {"negated"}
    assert all(e["event_id"] % 3 == 0 for e in negated["items"])
    page = client.get("/events", params={"min_confidence": "0.5"}).text
    assert "Conf.</th>" in page


def test_a_corpus_without_confidences_refuses_a_confidence_filter(tmp_path: Path) -> None:
    import duckdb

    from dateline.serve import synthetic

    db = tmp_path / "older.duckdb"
    synthetic.build(db, 5)
    con = duckdb.connect(str(db))
    con.execute("ALTER TABLE events DROP COLUMN confidence")
    con.close()
    client = TestClient(create_app(db))
    assert client.get("/api/events").json()["total"] > 0  # every event: none is scored
    response = client.get("/api/events", params={"min_confidence": "0.5"})
    assert response.status_code == 400
    assert "no event confidence scores" in response.json()["error"]


def test_stacked_bars_cover_every_bucket_and_type() -> None:
    from dateline.serve.charts import stacked_bars, type_colour

    rows = [
        {"bucket": "2024-01-01", "type": "CONSULT", "events": 3},
        {"bucket": "2024-01-01", "type": "ASSAULT", "events": 1},
        {"bucket": "2024-01-22", "type": "CONSULT", "events": 2},
    ]
    chart = stacked_bars(rows, "week")
    assert [layer.event_type for layer in chart.layers] == ["CONSULT", "ASSAULT"]
    assert chart.layers[0].colour == type_colour("CONSULT")
    assert chart.layers[0].path.count("M") == 2 and chart.layers[1].path.count("M") == 1
    assert [s.title for s in chart.slots] == [
        "2024-01-01: 4 events (3 CONSULT, 1 ASSAULT)",
        "2024-01-22: 2 events (2 CONSULT)",
    ]
    # four weekly slots from the first bucket to the last: the empty weeks keep their place
    assert chart.slots[1].x - chart.slots[0].x == pytest.approx(3 * chart.slots[0].width, abs=0.2)
    assert stacked_bars([], "week").layers == []


def test_actor_page_lists_its_most_reported_events_by_role(client: TestClient) -> None:
    from dateline.serve import queries
    from dateline.serve.filters import EventFilter

    event = first_event(client)
    entity_id = event["actors"][0]["id"]
    corpus = client.app.state.corpus  # type: ignore[attr-defined]
    with corpus.read() as reader:
        top = queries.entity_events(reader, entity_id, 5)
        for role in ("actor", "recipient"):
            listed = queries.events(reader, EventFilter(actor=entity_id, role=role), 1, 5)
            assert [e["event_id"] for e in top[role]] == [e["event_id"] for e in listed.items]
    page = client.get(f"/entities/{entity_id}").text
    assert f'href="/events/{top["actor"][0]["event_id"]}"' in page
